"""When an out-of-office says its author is back, in the seven languages our users' contacts write in.

"back on December 3", "de retour le 3 décembre", "ab dem 3. Dezember wieder", "regreso el 3
de diciembre", "volto no dia 3 de dezembro", "rientro il 3 dicembre", "terug op 3 december",
"returning 2026-12-03", "until 12/3" (US order in English), "bis 3.12." and "hasta el 3/12"
(day first where the text is written in a day-first language).

Pure. A follow-up drafted while someone is away is wasted; one that waits until the day
they are back is not. A cue word must come shortly before the date: a date alone (the one
the message was sent on, a quoted header) says nothing about a return.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

_MONTH_NAMES = {
    1: "january jan janvier janv enero ene januar jänner jaenner janeiro gennaio gen januari",
    2: "february feb février fevrier févr fevr febrero februar feb fevereiro fev febbraio februari",
    3: "march mar mars marzo märz maerz mrz março marco maart",
    4: "april apr avril abril abr aprile",
    5: "may mai mayo maio maggio mag mei",
    6: "june jun juin junio juni junho giugno giu",
    7: "july jul juillet juil julio juli julho luglio lug",
    8: "august aug août aout agosto ago augustus",
    9: "september sept sep septembre septiembre setiembre setembro settembre",
    10: "october oct octobre octubre oktober okt outubro ottobre ott",
    11: "november nov novembre noviembre novembro",
    12: "december dec décembre decembre déc diciembre dic dezember dez dezembro dicembre",
}
_MONTHS = {name: number for number, names in _MONTH_NAMES.items() for name in names.split()}
_MONTH = "(" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + r")\.?"

# Cue words, by language. English keeps its US month/day order for numeric dates.
_CUES = {
    "en": r"back|return|returning|returns|until|through|thru|away till|till|in the office (?:on|from)",
    "fr": r"de retour|retour|jusqu'(?:au|à|a)|à partir du|a partir du|dès le|des le|reprendrai|rentre",
    "de": r"zurück|zurueck|wieder|ab dem|ab|bis (?:zum|einschließlich|einschliesslich|inkl\.?)|bis",
    "es": r"regreso|regresaré|regresare|vuelvo|volveré|volvere|de vuelta|hasta|a partir del|reincorporo",
    "pt": r"retorno|retornarei|volto|voltarei|regresso|até|ate|a partir de",
    "it": r"rientro|rientrerò|rientrero|torno|tornerò|tornero|di ritorno|fino al|a partire dal|dal",
    "nl": r"terug|vanaf|tot en met|t/m|tot|weer aanwezig|ben ik weer",
}
_CUE = re.compile("|".join(f"(?P<{lang}>(?<![\\w])(?:{words})(?![\\w]))" for lang, words in _CUES.items()), re.I)
_WINDOW = 60  # characters after a cue where its date may be

_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th|er|º|°|\.)?\s+(?:(?:of|de|di)\s+)?" + _MONTH
                        + r"(?:,?\s+(?:de\s+)?(\d{4}))?(?![\w])", re.I)
_MONTH_DAY = re.compile(r"(?<![\w])" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?", re.I)
_NUMERIC = re.compile(r"\b(\d{1,2})([/.])(\d{1,2})(?:\2(\d{2,4}))?(?![\d/])")


def return_date(text: str, sent: datetime) -> datetime | None:
    """The date an out-of-office says its author is back, if it names one within 120 days."""
    for cue in _CUE.finditer(text[:20_000]):
        language = cue.lastgroup or "en"
        window = text[cue.end():cue.end() + _WINDOW].split("\n\n")[0]
        found = _date_in(window, language, sent)
        if found is not None and timedelta(0) <= found - _midnight(sent) <= timedelta(days=120):
            return found
    return None


def _date_in(window: str, language: str, sent: datetime) -> datetime | None:
    """The first date in the text after a cue, read in the order the cue's language writes dates."""
    candidates: list[tuple[int, datetime | None]] = []
    iso = _ISO.search(window)
    if iso:
        candidates.append((iso.start(), _make(int(iso[1]), int(iso[2]), int(iso[3]), sent, year_given=True)))
    for match in _DAY_MONTH.finditer(window):
        candidates.append((match.start(), _make(_year(match[3], sent), _MONTHS[match[2].lower()], int(match[1]), sent,
                                                year_given=match[3] is not None)))
        break
    for match in _MONTH_DAY.finditer(window):
        candidates.append((match.start(), _make(_year(match[3], sent), _MONTHS[match[1].lower()], int(match[2]), sent,
                                                year_given=match[3] is not None)))
        break
    numeric = _NUMERIC.search(window)
    if numeric and not (iso and iso.start() <= numeric.start() < iso.end()):
        first, second = int(numeric[1]), int(numeric[3])
        day_first = language != "en" or numeric[2] == "."
        day, month = (first, second) if day_first else (second, first)
        candidates.append((numeric.start(), _make(_year(numeric[4], sent), month, day, sent,
                                                  year_given=numeric[4] is not None)))
    for _, found in sorted((c for c in candidates if c[1] is not None), key=lambda c: c[0]):
        return found
    return None


def _make(year: int, month: int, day: int, sent: datetime, year_given: bool) -> datetime | None:
    try:
        found = datetime(year, month, day, tzinfo=timezone.utc)
    except (ValueError, TypeError):
        return None
    if not year_given and found < _midnight(sent):
        try:
            found = found.replace(year=year + 1)  # "back January 5" written in December
        except ValueError:
            return None
    return found


def _midnight(when: datetime) -> datetime:
    return when.replace(hour=0, minute=0, second=0, microsecond=0)


def _year(raw: str | None, sent: datetime) -> int:
    if raw is None:
        return sent.year
    year = int(raw)
    return year + 2000 if year < 100 else year
