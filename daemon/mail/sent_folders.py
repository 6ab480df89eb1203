"""Which folders hold what the user sends, and a warning when the one read is not where their mail goes.

Pure: folder names and counts in, words out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class FolderInfo:
    """How many messages a folder holds and when the newest arrived: enough to see a forgotten Sent folder."""

    name: str
    messages: int
    newest: datetime | None


def looks_sent(name: str) -> bool:
    """A folder named like a Sent folder ("Sent Items", "INBOX.Sent", "Gesendet") at any depth."""
    leaf = name.replace(".", "/").rsplit("/", 1)[-1].lower()
    return bool(re.match(r"sent(?:$|[ _-]?(?:items|mail|messages|box|archive)\b)", leaf)) or leaf in (
        "gesendet", "envoyés", "enviados", "inviata", "verzonden")


def forgotten_sent(read: list[FolderInfo], others: list[FolderInfo], stale_days: int = 30) -> str:
    """A warning when the Sent folders coffeechat reads are empty or stale while another sent-like one is not."""
    newest_read = max((f.newest for f in read if f.newest), default=None)
    for other in others:
        if not other.messages or other.newest is None:
            continue
        if newest_read is None or other.newest - newest_read > timedelta(days=stale_days):
            reading = ", ".join(f"{f.name} ({f.messages} messages)" for f in read)
            both = ",".join([*(f.name for f in read), other.name])
            return (f"{other.name} holds {other.messages} messages (newest {other.newest:%Y-%m-%d}) but coffeechat "
                    f"reads only {reading}: set COFFEECHAT_SENT_FOLDER={both} to read both")
    return ""


