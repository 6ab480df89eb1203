"""Reading one message: raw header bytes (and the start of the body) into a clean summary.

Pure: no network, no database, no clock. Everything read from mail is untrusted, so every
string that leaves this module has had control characters (CR, LF, NUL…) removed and is
capped in length: nothing from a hostile message can reach a draft's headers intact.
"""

from __future__ import annotations

import email
import email.errors
import email.header
import email.policy
import email.utils
import hashlib
import html as html_module
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.message import Message

# Header fields fetched for every new message; the body is fetched only when needed.
HEADER_FIELDS = (
    "FROM", "TO", "CC", "SUBJECT", "DATE", "MESSAGE-ID", "IN-REPLY-TO", "REFERENCES",
    "AUTO-SUBMITTED", "X-AUTOREPLY", "X-AUTORESPOND", "PRECEDENCE", "LIST-ID",
    "LIST-UNSUBSCRIBE", "CONTENT-TYPE", "X-FAILED-RECIPIENTS", "REPLY-TO",
)

MAX_TEXT = 300          # longest name or subject we keep
MAX_BODY = 20_000       # characters of body text kept for phrase and date matching
MAX_IDS = 50            # References beyond this many are dropped (oldest kept first, newest last)

SYNTHETIC_SUFFIX = "@no-message-id.coffeechat.invalid>"  # ends the key of a message without a Message-ID

CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")  # what may never reach a header
_MESSAGE_ID = re.compile(r"<([!-;=?-~]{1,250})>")   # printable ASCII, no < or >, no spaces
_UNFOLD = re.compile(r"\r?\n(?=[ \t])")
_TAGS = re.compile(r"<[^>]{0,2000}>")


@dataclass(frozen=True)
class Address:
    name: str
    email: str  # lower case


@dataclass(frozen=True)
class MailSummary:
    """What coffeechat knows of one message: cleaned headers and the start of its text."""

    message_id: str
    date: datetime              # timezone-aware, UTC
    sender: Address | None
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    subject: str
    in_reply_to: tuple[str, ...]
    references: tuple[str, ...]
    fields: dict[str, str]      # lower-case name -> cleaned value, for the classification flags
    keywords: tuple[str, ...]   # IMAP flags and keywords, lower case
    folder_role: str            # "inbox" or "sent"
    body: str                   # decoded text of the first text part(s); "" if not fetched
    failed_recipients: tuple[str, ...]  # from a delivery status notification
    failure: str = ""           # that notification's first failure: "5.1.1 smtp; 550 5.1.1 user unknown"

    @property
    def recipients(self) -> tuple[Address, ...]:
        return self.to + self.cc


def clean(value: object, limit: int = MAX_TEXT) -> str:
    """A single safe line: control characters become spaces, runs of space fold, length capped."""
    text = CONTROL.sub(" ", str(value or ""))
    return " ".join(text.split())[:limit]


def decode_words(raw: str | None) -> str:
    """Decode RFC 2047 encoded words; undecodable input is kept as it came, never raised."""
    if not raw:
        return ""
    try:
        return str(email.header.make_header(email.header.decode_header(raw)))
    except (LookupError, UnicodeError, ValueError, email.errors.HeaderParseError):
        return raw


def message_ids(raw: str | None) -> tuple[str, ...]:
    """Well-formed <id@host> tokens in a header, in order, without duplicates."""
    found = [f"<{m}>" for m in _MESSAGE_ID.findall(raw or "")]
    return tuple(dict.fromkeys(found))


def addresses(raw_values: list[str]) -> tuple[Address, ...]:
    found = []
    # Parse first, decode names after (RFC 2047 section 6.1): an encoded word can never
    # smuggle in a comma, a bracket or a second address.
    for name, addr in email.utils.getaddresses(raw_values):
        addr = clean(addr, 254).lower()
        if addr.count("@") == 1 and " " not in addr:
            found.append(Address(clean(decode_words(name)), addr))
    return tuple(found)


def parse(raw: bytes, *, folder_role: str, internal_date: datetime | None = None,
          keywords: tuple[str, ...] = ()) -> MailSummary:
    """Summarise a message from its raw bytes (header fields alone, or headers and body start)."""
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    fields = {name.lower(): clean(decode_words(_header(msg, name)), 500) for name in HEADER_FIELDS}
    own_id = message_ids(_header(msg, "Message-ID"))
    date = _plausible(_date(_header(msg, "Date")), _aware(internal_date))
    senders = addresses(_all(msg, "From"))
    summary = dict(
        date=date,
        sender=senders[0] if senders else None,
        to=addresses(_all(msg, "To")),
        cc=addresses(_all(msg, "Cc")),
        subject=fields["subject"][:MAX_TEXT],
        in_reply_to=message_ids(_header(msg, "In-Reply-To")),
        references=message_ids(_header(msg, "References"))[-MAX_IDS:],
        fields=fields,
        keywords=tuple(k.lower() for k in keywords),
        folder_role=folder_role,
        body=body_text(msg),
        failed_recipients=failed_recipients(msg),
        failure=failure(msg),
    )
    message_id = own_id[0] if own_id else synthetic_id(summary)
    return MailSummary(message_id=message_id, **summary)


def synthetic_id(summary: dict) -> str:
    """A stable key for a message without a Message-ID, so it is still recorded only once."""
    sender = summary["sender"].email if summary["sender"] else ""
    basis = "|".join([sender, ",".join(a.email for a in summary["to"]), summary["subject"],
                      summary["date"].isoformat()])
    return f"<{hashlib.sha256(basis.encode()).hexdigest()[:32]}{SYNTHETIC_SUFFIX}"


def _header(msg: Message, name: str) -> str:
    values = _all(msg, name)
    return values[0] if values else ""


def _all(msg: Message, name: str) -> list[str]:
    name = name.lower()
    try:
        # Raw values: compat32 would hand 8-bit headers back as Header objects.
        return [_unescape(_UNFOLD.sub("", v)) for k, v in msg.raw_items() if k.lower() == name]
    except Exception:  # a malformed header must not stop the cycle
        return []


def _unescape(value: str) -> str:
    """Raw 8-bit header bytes (legal since RFC 6532) arrive surrogate-escaped: read them as UTF-8."""
    try:
        value.encode("ascii")
        return value
    except UnicodeEncodeError:
        return value.encode("ascii", "surrogateescape").decode("utf-8", "replace")


def _aware(when: datetime | None) -> datetime | None:
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc)


def _plausible(claimed: datetime | None, received: datetime | None) -> datetime:
    """The Date header, unless it claims a time after the server received the message.

    A sender's clock may run a little fast; a date days ahead (or in the year 9999) is a
    lie that would push every deadline computed from it out of range.
    """
    if claimed is not None and (received is None or claimed <= received + timedelta(days=1)):
        if claimed.year < 9000:
            return claimed
    return received or datetime(1970, 1, 1, tzinfo=timezone.utc)


def _date(raw: str) -> datetime | None:
    if not raw:
        return None
    try:
        return _aware(email.utils.parsedate_to_datetime(raw))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def body_text(msg: Message) -> str:
    """Decoded text of the message's text parts (plain preferred, HTML stripped), capped."""
    plain, html = [], []
    try:
        parts = list(msg.walk())
    except Exception:
        return ""
    for part in parts:
        kind = part.get_content_type()
        if kind not in ("text/plain", "text/html") or part.is_multipart():
            continue
        try:
            payload = part.get_payload(decode=True) or b""
            charset = part.get_content_charset() or "utf-8"
            text = payload.decode(charset, errors="replace")
        except (LookupError, ValueError, AssertionError):
            text = (part.get_payload(decode=True) or b"").decode("utf-8", errors="replace")
        (plain if kind == "text/plain" else html).append(text)
    text = "\n".join(plain) if plain else html_module.unescape(_TAGS.sub(" ", "\n".join(html)))
    return text[:MAX_BODY]


def failure(msg: Message) -> str:
    """The Status and Diagnostic-Code of a delivery status notification's first failed recipient."""
    try:
        for part in msg.walk():
            if part.get_content_type() == "message/delivery-status" and isinstance(part.get_payload(), list):
                for block in part.get_payload():
                    if clean(block.get("Action", "")).lower().startswith("failed"):
                        return clean(f"{block.get('Status', '')} {block.get('Diagnostic-Code', '')}", 300).strip()
    except Exception:
        pass
    return ""


def failed_recipients(msg: Message) -> tuple[str, ...]:
    """Addresses a delivery status notification says failed (Action: failed), lower case."""
    failed: list[str] = []
    try:
        for part in msg.walk():
            if part.get_content_type() != "message/delivery-status":
                continue
            blocks = part.get_payload()
            if not isinstance(blocks, list):
                continue
            for block in blocks:
                if clean(block.get("Action", "")).lower().startswith("failed"):
                    recipient = block.get("Final-Recipient") or block.get("Original-Recipient") or ""
                    failed.append(clean(str(recipient).split(";")[-1], 254).strip("<>").lower())
    except Exception:
        pass
    if not failed:
        failed = [a.email for a in addresses([_header(msg, "X-Failed-Recipients")])]
    return tuple(dict.fromkeys(a for a in failed if "@" in a))
