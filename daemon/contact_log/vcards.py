"""Reading a vCard file (2.1, 3.0 or 4.0) card by card into the few fields a contact import needs.

Pure. vobject reads each line (unfolding, Apple's item1. groups, parameters, vCard 2.1's
quoted-printable); values are unescaped here, because vobject's text decoding splits an FN at an
unescaped comma ("Doe, Jane" from Outlook's vCard 2.1 would lose "Jane") and decodes every PHOTO.
Cards are cut at their BEGIN and END lines first, so one bad card never hides the others.
Values come back raw: checking them (names, addresses) is the importer's job.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from vobject.base import VObjectError, getLogicalLines, parseLine, textLineToContentLine

from daemon.mail.messages import clean

START = re.compile(r"\s*(?:[\w-]+\.)?BEGIN:VCARD\b", re.IGNORECASE)  # how a vCard file starts
_BEGIN = re.compile(r"(?:[\w-]+\.)?BEGIN:VCARD", re.IGNORECASE)
_END = re.compile(r"(?:[\w-]+\.)?END:VCARD", re.IGNORECASE)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_NAME = re.compile(r"(?:[\w-]+\.)?([\w-]+)")
# Only these properties are parsed: a broken phone number or a PHOTO blob never costs a contact.
_READ = {"FN", "N", "EMAIL", "ORG", "TITLE", "ROLE", "NOTE", "URL", "X-SOCIALPROFILE", "X-ABLABEL", "KIND",
         "X-ADDRESSBOOKSERVER-KIND"}


@dataclass(frozen=True)
class Card:
    line: int                  # its BEGIN:VCARD line, 1-based
    name: str = ""             # FN, else N's given, additional and family names
    emails: tuple[str, ...] = ()
    organization: str = ""     # the first part of ORG (the rest are departments)
    role: str = ""             # TITLE, else ROLE
    notes: str = ""
    linkedin_url: str = ""
    problem: str = ""          # why this card (or stray text at `line`) cannot be imported; "" when it can


@dataclass(frozen=True)
class _Property:
    group: str   # Apple's "item1" in item1.EMAIL, lower case
    kinds: str   # its parameters, lower case: "type=internet type=pref"
    value: str   # still vCard-escaped


def cards(text: str) -> Iterator[Card]:
    """Every card in the file, in order; a card cut short or text between cards comes as a problem."""
    begin, lines, stray = 0, [], False
    for number, line in enumerate(_LINE_BREAK.split(text), 1):
        if _BEGIN.fullmatch(line.strip()):
            if begin:
                yield Card(begin, problem="a card without END:VCARD")
            begin, lines, stray = number, [], False
        elif begin and _END.fullmatch(line.strip()):
            yield _card(lines, begin)
            begin = 0
        elif begin:
            lines.append(line)
        elif line.strip() and not stray:
            yield Card(number, problem="text outside BEGIN:VCARD and END:VCARD")
            stray = True
    if begin:
        yield Card(begin, problem="a card without END:VCARD")


def _card(lines: list[str], begin: int) -> Card:
    found: dict[str, list[_Property]] = {}
    for logical, _ in getLogicalLines(io.StringIO("\n".join(lines)), allowQP=True):
        name = _NAME.match(logical)
        if name and name.group(1).upper() in _READ:
            try:
                key, prop = _property(logical)
            except (VObjectError, ValueError, LookupError):
                return Card(begin, problem=f"a line that cannot be read: '{clean(logical, 80)}'")
            found.setdefault(key, []).append(prop)

    def first(*names: str) -> str:
        return next((_unescape(found[n][0].value) for n in names if n in found), "")

    if first("KIND", "X-ADDRESSBOOKSERVER-KIND").strip().lower() == "group":
        return Card(begin, problem=f"a group, not a person: '{clean(first('FN'), 60)}'")
    family, given, middle = ((_fields(found["N"][0].value) if "N" in found else []) + ["", "", ""])[:3]
    return Card(
        begin, name=first("FN") or f"{given} {middle} {family}",
        emails=tuple(_unescape(p.value) for p in found.get("EMAIL", [])),
        organization=_fields(found["ORG"][0].value)[0] if "ORG" in found else "", role=first("TITLE", "ROLE"),
        notes="\n".join(_unescape(p.value) for p in found.get("NOTE", [])), linkedin_url=_linkedin(found))


def _property(logical: str) -> tuple[str, _Property]:
    """One unfolded line, split by vobject; a quoted-printable value (vCard 2.1) decoded by vobject too."""
    name, params, value, group = parseLine(logical)
    kinds = " ".join("=".join(param) for param in params).lower()
    if "quoted-printable" in kinds:
        value = textLineToContentLine(logical).value  # decodes with the line's CHARSET
    return name.upper(), _Property((group or "").lower(), kinds, value)


def _linkedin(found: dict[str, list[_Property]]) -> str:
    """A URL is the LinkedIn profile by its address, its TYPE, or its X-ABLabel (Apple's and Google's label)."""
    labels = {p.group: p.value.lower() for p in found.get("X-ABLABEL", []) if p.group}
    for prop in found.get("URL", []) + found.get("X-SOCIALPROFILE", []):
        url = _unescape(prop.value).strip()
        if "linkedin" in f"{url} {prop.kinds} {labels.get(prop.group, '')}".lower():
            return url
    return ""


def _fields(value: str) -> list[str]:
    """A structured value (N, ORG) split at unescaped semicolons, each part unescaped."""
    parts, current, chars = [], "", iter(value)
    for char in chars:
        if char == "\\":
            current += char + next(chars, "")
        elif char == ";":
            parts, current = [*parts, _unescape(current)], ""
        else:
            current += char
    return [*parts, _unescape(current)]


def _unescape(value: str) -> str:
    r"""vCard escapes: \n is a line break, \, \; \: \\ the character itself."""
    if "\\" not in value:
        return value
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value, flags=re.DOTALL)
