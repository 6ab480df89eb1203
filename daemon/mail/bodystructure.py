"""Reading an IMAP BODYSTRUCTURE: where a message's calendar parts are, and how to decode what is fetched.

Pure: imapclient's parsed structure in, section numbers out. Lets the mailbox fetch an
invite's calendar part alone, never the attachments or the rest of the message.
"""

from __future__ import annotations

import base64
import binascii
import quopri
from collections.abc import Iterator


def calendar_sections(structure: object, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(section, transfer encoding) of each calendar part in an IMAP BODYSTRUCTURE."""
    if not isinstance(structure, (tuple, list)) or not structure:
        return
    if isinstance(structure[0], (tuple, list)):  # multipart: imapclient nests the parts in a list first
        parts = structure[0] if isinstance(structure[0], list) else [p for p in structure if isinstance(p, tuple)]
        for index, part in enumerate(parts):
            yield from calendar_sections(part, f"{prefix}.{index + 1}" if prefix else str(index + 1))
        return
    kind = f"{_text(structure[0])}/{_text(structure[1])}".lower() if len(structure) > 1 else ""
    params = structure[2] if len(structure) > 2 and isinstance(structure[2], (tuple, list)) else ()
    names = [_text(v).lower() for k, v in zip(params[::2], params[1::2], strict=False) if _text(k).lower() == "name"]
    if kind in ("text/calendar", "application/ics") or any(n.endswith(".ics") for n in names):
        encoding = _text(structure[5]).lower() if len(structure) > 5 else ""
        yield prefix or "1", encoding


def _text(value: object) -> str:
    return value.decode("ascii", "replace") if isinstance(value, bytes) else str(value or "")


def decoded(raw: bytes, encoding: str) -> bytes:
    try:
        if encoding == "base64":
            return base64.b64decode(raw, validate=False)
        if encoding == "quoted-printable":
            return quopri.decodestring(raw)
    except (ValueError, binascii.Error):
        return b""
    return raw


