"""When an out-of-office says its author is back: "back on December 3", "until 12/3", "returning 2026-12-03".

Pure. A follow-up drafted while someone is away is wasted; one that waits until the day
they are back is not.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

_MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_CUE = r"\b(?:back|return|returning|returns|until|through|thru|away till|till)\b[^.\n]{0,40}?"
_DATE_FORMS = (
    re.compile(_CUE + r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", re.I),                      # 2026-12-03
    re.compile(_CUE + r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?", re.I),  # December 3
    # 3 December
    re.compile(_CUE + r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"\b(?:,?\s+(\d{4}))?", re.I),
    re.compile(_CUE + r"\b(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?\b", re.I),                  # 12/3 (US order)
)


def return_date(text: str, sent: datetime) -> datetime | None:
    """The date an out-of-office says its author is back, if it names one within 120 days."""
    for index, pattern in enumerate(_DATE_FORMS):
        match = pattern.search(text)
        if not match:
            continue
        found = _date_from(index, match.groups(), sent)
        if found and timedelta(0) <= found - _midnight(sent) <= timedelta(days=120):
            return found
    return None


def _date_from(form: int, groups: tuple, sent: datetime) -> datetime | None:
    try:
        if form == 0:
            year, month, day = int(groups[0]), int(groups[1]), int(groups[2])
        elif form == 1:
            month, day, year = _month(groups[0]), int(groups[1]), _year(groups[2], sent)
        elif form == 2:
            day, month, year = int(groups[0]), _month(groups[1]), _year(groups[2], sent)
        else:
            month, day, year = int(groups[0]), int(groups[1]), _year(groups[2], sent)
        found = datetime(year, month, day, tzinfo=timezone.utc)
        if groups[-1] is None and form != 0 and found < _midnight(sent):
            found = found.replace(year=year + 1)  # "back January 5" written in December
        return found
    except (ValueError, TypeError):
        return None


def _midnight(when: datetime) -> datetime:
    return when.replace(hour=0, minute=0, second=0, microsecond=0)


def _month(name: str) -> int:
    name = name.lower().rstrip(".")
    return next(number for full, number in _MONTHS.items() if full.startswith(name[:3]))


def _year(raw: str | None, sent: datetime) -> int:
    if raw is None:
        return sent.year
    year = int(raw)
    return year + 2000 if year < 100 else year
