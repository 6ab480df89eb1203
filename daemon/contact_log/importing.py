"""Reading a contacts file the user already has (CSV, LinkedIn's Connections.csv, vCard) into rows to import.

Pure: bytes in, an ImportResult out; no database, no network, no clock. A file that cannot be read
as contacts at all raises ImportFileError and nothing is imported; a row (or card) that cannot be
imported whole is skipped and reported with its line number and the reason in plain words. Every
string that leaves this module is cleaned like a header from mail: files come from anywhere.
vcards.py reads the cards of a vCard file; the CSV formats are read here.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.headerregistry import Address

from daemon.contact_log import vcards
from daemon.errors import CoffeechatError
from daemon.mail.messages import CONTROL, clean

MAX_BYTES = 20 * 1024 * 1024
MAX_NOTES = 4000
TIERS = ("core", "extended", "shared", "cold")  # the playbook's relationship tiers (DESIGN.md)
HEADER_SEARCH = 12  # rows read to find the header: LinkedIn puts a "Notes:" paragraph above it

# Column names in any case, in order of preference: Outlook's "Title" is "Ms.", its "Job Title" the role.
COLUMNS = {
    "name": ("name", "full name", "display name", "contact name"),
    "first": ("first name", "given name", "firstname", "first"),
    "middle": ("middle name", "additional name"),
    "last": ("last name", "surname", "family name", "lastname", "last"),
    "organization": ("organization", "organisation", "company", "employer", "org", "organization 1 - name",
                     "organization name", "company name"),
    "role": ("job title", "role", "position", "organization 1 - title", "organization title", "title"),
    "relationship": ("relationship", "tier"),
    "notes": ("notes", "note", "comments", "comment"),
    "linkedin_url": ("linkedin", "linkedin url", "linkedin profile"),
}
# Any number of these: "E-mail 1 - Value" (Google), "E-mail 2 Address" (Outlook), "Email Address" (LinkedIn).
EMAIL_COLUMN = re.compile(r"(?:primary |work |home |other |personal )?e-?mails?(?: address)?(?: \d+)?"
                          r"(?: address| - value)?")
# LinkedIn's Connections.csv header, less URL: older exports have no URL column.
LINKEDIN_COLUMNS = ("first name", "last name", "email address", "company", "position", "connected on")

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_EMAIL_SEPARATOR = re.compile(r"\s+:::\s+|[;,]")  # Google joins several values with " ::: "
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
_COUNTS = {2: "two", 3: "three", 4: "four"}


@dataclass(frozen=True)
class ImportedContact:
    name: str                  # "First Last", one clean line of at most 300 characters
    emails: tuple[str, ...]    # lower case, valid, without duplicates; may be empty (most LinkedIn rows)
    organization: str = ""
    role: str = ""
    relationship: str = ""     # one of TIERS, or "" when the file says nothing
    notes: str = ""            # may hold line breaks, nothing else below a space
    linkedin_url: str = ""
    line: int = 0              # the CSV row's first line, or the card's BEGIN:VCARD line (1-based)


@dataclass(frozen=True)
class Skipped:
    line: int
    reason: str


@dataclass(frozen=True)
class ImportResult:
    format: str                # "csv", "linkedin" or "vcard": how the file was read
    contacts: tuple[ImportedContact, ...]
    skipped: tuple[Skipped, ...]


class ImportFileError(CoffeechatError):
    """The file cannot be read as contacts at all (not text, too big, no name or email column): nothing is imported."""

    exit_code = 2


class _RowError(ValueError):
    """One row or card cannot be imported whole; the message says why."""


def read_contacts(data: bytes, format: str | None = None, name: str = "") -> ImportResult:
    """Every contact in the file, and every row skipped with its line; `format` None means guess it."""
    label = name or "the file"
    if len(data) > MAX_BYTES:
        raise ImportFileError(f"{label} is {len(data) / 2**20:.1f} MB: coffeechat imports files of up to 20 MB")
    text = _decode(data, label)
    if not text.strip():
        raise ImportFileError(f"{label} is empty")
    found = _guess(text)
    if format is not None and format != found:
        _check_named(format, found, text, label)
    contacts, skipped = READERS[found](text, label)
    return ImportResult(found, tuple(contacts), tuple(skipped))


def _decode(data: bytes, label: str) -> str:
    """UTF-8 (BOM or not), UTF-16 with a BOM (Excel's "Unicode Text"), else Windows-1252."""
    boms = {codecs.BOM_UTF8: "utf-8", codecs.BOM_UTF16_LE: "utf-16-le", codecs.BOM_UTF16_BE: "utf-16-be"}
    bom = next((bom for bom in boms if data.startswith(bom)), b"")
    encoding = boms.get(bom)
    if encoding is None and b"\0" in data:
        encoding = _utf16_without_bom(data[:4000])
        if encoding is None:
            raise _not_text(data, label, "it holds binary data")
    if encoding:
        try:
            text = data[len(bom):].decode(encoding)
        except UnicodeDecodeError as exc:
            shown = "UTF-8" if encoding == "utf-8" else "UTF-16"
            raise _not_text(data, label, f"byte {len(bom) + exc.start} is not {shown}") from exc
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    junk = len(_NOT_TEXT.findall(text))
    if "\0" in text or junk * 20 > len(text):
        raise _not_text(data, label, "most of it is not text")
    return text


def _utf16_without_bom(head: bytes) -> str | None:
    """Some tools write UTF-16 without a BOM: then every other byte of plain text is NUL."""
    even, odd = head[0::2], head[1::2]
    if len(head) >= 4 and not even.count(0) and odd.count(0) * 10 >= len(odd) * 9:
        return "utf-16-le"
    if len(head) >= 4 and not odd.count(0) and even.count(0) * 10 >= len(even) * 9:
        return "utf-16-be"
    return None


def _not_text(data: bytes, label: str, why: str) -> ImportFileError:
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        why = "it looks like a spreadsheet workbook: save it as CSV first"
    elif data.startswith(b"%PDF"):
        why = "it is a PDF"
    return ImportFileError(f"{label} is not a text file of contacts ({why})")


def _guess(text: str) -> str:
    if vcards.START.match(text.lstrip("\ufeff")):
        return "vcard"
    rows = itertools.islice(_rows(text, ",", None), HEADER_SEARCH)
    if any(set(LINKEDIN_COLUMNS) <= {_normal(cell) for cell in row} for _, row in rows):
        return "linkedin"
    return "csv"


def _check_named(format: str, found: str, text: str, label: str) -> None:
    """A named format must match what the file holds; LinkedIn's file is a CSV, so "csv" reads it too."""
    names = {"csv": "a CSV file", "linkedin": "LinkedIn's Connections.csv", "vcard": "a vCard file"}
    if format not in names:
        raise ImportFileError(f"unknown format '{clean(format, 40)}': use csv, linkedin or vcard")
    if format == "csv" and found == "linkedin":
        return
    first = clean(text.lstrip("\ufeff \t\r\n").split("\n", 1)[0], 60)
    raise ImportFileError(f"{label} is not {names[format]}: it looks like {names[found]} (it starts '{first}')")


# --- CSV ---------------------------------------------------------------------------------------------------


def _rows(text: str, delimiter: str, label: str | None) -> Iterator[tuple[int, list[str]]]:
    """Rows, each with the file line it starts on (a quoted cell may span lines).

    A broken row (a quote that never closes, past the csv module's cell limit) ends the file with
    ImportFileError, or just ends the rows when `label` is None: while guessing, nothing is reported.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    try:
        for row in reader:
            yield line, row
            line = reader.line_num + 1
    except csv.Error as exc:
        if label is None:
            return
        raise ImportFileError(f"{label}, line {line}: {exc} (a quote that never closes?)") from exc


def _normal(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").replace("_", " ").strip().strip('"').lower().split())


def _columns(header: list[str], linkedin: bool = False) -> tuple[dict[str, int], tuple[int, ...]]:
    """Which column holds each field, and every column that holds an email address."""
    names = [_normal(cell) for cell in header]
    fields = {}
    for field, aliases in COLUMNS.items():
        aliases = ("url", *aliases) if field == "linkedin_url" and linkedin else aliases
        column = next((names.index(alias) for alias in aliases if alias in names), None)
        if column is not None:
            fields[field] = column
    return fields, tuple(i for i, n in enumerate(names) if EMAIL_COLUMN.fullmatch(n))


def _find_header(text: str, label: str, linkedin: bool) -> tuple[str, int, list[str]]:
    """The delimiter (, ; or tab) and header row that name the most columns we know."""
    best: tuple[tuple[int, int], str, int, list[str]] | None = None
    sep = re.match(r"sep=([,;\t])\r?\n", text.lstrip("\ufeff"))  # Excel's hint line
    for delimiter in sep.group(1) if sep else ",;\t":
        for line, row in itertools.islice(_rows(text, delimiter, None), HEADER_SEARCH):
            fields, emails = _columns(row, linkedin)
            if emails or fields.keys() & {"name", "first", "last"}:
                score = (len(fields) + len(emails), len(row))
                if best is None or score > best[0]:
                    best = (score, delimiter, line, row)
                break
    if best is None:
        firsts = [next((row for _, row in _rows(text, d, None) if any(row)), []) for d in ",;\t"]
        found = ", ".join(f"'{clean(cell, 40)}'" for cell in max(firsts, key=len)[:12]) or "none"
        raise ImportFileError(f"{label} has no name or email column: found columns {found}")
    return best[1], best[2], best[3]


def _read_csv(text: str, label: str, linkedin: bool = False) -> tuple[list[ImportedContact], list[Skipped]]:
    delimiter, header_line, header = _find_header(text, label, linkedin)
    fields, email_columns = _columns(header, linkedin)
    contacts, skipped = [], []
    for line, row in _rows(text, delimiter, label):
        if line <= header_line or not any(cell.strip() for cell in row):
            continue
        cells = {field: row[i] if i < len(row) else "" for field, i in fields.items()}
        try:
            contacts.append(_contact(
                name=cells.get("name") or " ".join(cells.get(f, "") for f in ("first", "middle", "last")),
                addresses=[row[i] for i in email_columns if i < len(row)], line=line, **{
                    f: cells.get(f, "") for f in ("organization", "role", "relationship", "notes", "linkedin_url")}))
        except _RowError as exc:
            skipped.append(Skipped(line, str(exc)))
    return contacts, skipped


def _read_linkedin(text: str, label: str) -> tuple[list[ImportedContact], list[Skipped]]:
    return _read_csv(text, label, linkedin=True)


# --- one contact, whatever the format ------------------------------------------------------------------------


def _contact(name: str, addresses: list[str], line: int, organization: str = "", role: str = "",
             relationship: str = "", notes: str = "", linkedin_url: str = "") -> ImportedContact:
    """A contact from raw cells, or _RowError: a row is imported whole or not at all."""
    emails = tuple(dict.fromkeys(_email(part) for cell in addresses for part in _EMAIL_SEPARATOR.split(cell)
                                 if part.strip()))
    tier = clean(relationship).lower()
    if tier and tier not in TIERS:
        raise _RowError(f"not a known tier '{clean(relationship, 40)}' (core, extended, shared or cold)")
    if not clean(name) and not emails:
        raise _RowError("no name and no email address")
    return ImportedContact(clean(name), emails, clean(organization), clean(role), tier, _notes(notes),
                           clean(linkedin_url, 500), line)


def _email(text: str) -> str:
    shown = clean(text, 80)
    address = text.strip()
    angle = re.fullmatch(r"[^<>]*<([^<>]*)>", address)  # "Jane Doe <jane@example.org>"
    address = angle.group(1).strip() if angle else address
    address = address[7:] if address.lower().startswith("mailto:") else address
    ats = address.count("@")
    if ats != 1:
        raise _RowError(f"{_COUNTS.get(ats, ats) if ats else 'no'} @ in '{shown}'")
    if CONTROL.search(address) or any(c.isspace() for c in address):
        raise _RowError(f"a space in the email address '{shown}'")
    local, domain = address.split("@")
    if not local or not domain:
        raise _RowError(f"nothing {'after' if local else 'before'} the @ in '{shown}'")
    if not _writable(address):  # "a<b@org.example": a draft to it could never be addressed
        raise _RowError(f"'{shown}' is not an email address a draft can be written to")
    return address.lower()


def _writable(address: str) -> bool:
    """Whether the email package reads the address in a To field back as the very same address."""
    try:
        return Address(addr_spec=address).addr_spec == address
    except Exception:  # it raises several kinds on odd addresses
        return False


def _notes(text: str) -> str:
    """Several lines are fine in notes; control characters and runs of spaces are not."""
    lines = (" ".join(CONTROL.sub(" ", line).split()) for line in _LINE_BREAK.split(text))
    return "\n".join(lines).strip("\n")[:MAX_NOTES]


# --- vCard ------------------------------------------------------------------------------------------------


def _read_vcard(text: str, label: str) -> tuple[list[ImportedContact], list[Skipped]]:
    contacts, skipped = [], []
    for card in vcards.cards(text):
        try:
            if card.problem:
                raise _RowError(card.problem)
            contacts.append(_contact(card.name, list(card.emails), card.line, card.organization, card.role,
                                     notes=card.notes, linkedin_url=card.linkedin_url))
        except _RowError as exc:
            skipped.append(Skipped(card.line, str(exc)))
    return contacts, skipped


# How each format is read: a new format is one entry here (and one in _check_named's names).
READERS: dict[str, Callable[[str, str], tuple[list[ImportedContact], list[Skipped]]]] = {
    "csv": _read_csv,
    "linkedin": _read_linkedin,
    "vcard": _read_vcard,
}
