"""Where log lines go and how they look: stderr, for a terminal or for journald.

From a terminal (or a file): `2026-11-25 08:00:03 INFO coffeechat: …`.
Under systemd, when stderr is the journal (JOURNAL_STREAM names it), journald adds the
time itself, so a line is `<6>coffeechat: …`: the sd-daemon(3) prefix is read by
journald as the entry's priority (`journalctl -p warning` then shows warnings and
errors only). Every line of a multi-line message (a traceback) carries the prefix, since
journald makes each line an entry of its own.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from typing import TextIO

# People's mail has no place in our logs, even at DEBUG: these libraries' DEBUG output
# carries mail data (imapclient) and SQL values (peewee), and the OAuth2 libraries' token
# requests (msal, authlib). urllib3 retries in silence: coffeechat says what failed, once.
CHATTY = ("imapclient", "peewee", "msal", "authlib")
QUIET = ("urllib3",)

TERMINAL_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
TERMINAL_DATE = "%Y-%m-%d %H:%M:%S"
JOURNAL_FORMAT = "%(name)s: %(message)s"


def priority(levelno: int) -> int:
    """The syslog priority journald should file a record of this level under."""
    if levelno >= logging.CRITICAL:
        return 2  # LOG_CRIT
    if levelno >= logging.ERROR:
        return 3  # LOG_ERR
    if levelno >= logging.WARNING:
        return 4  # LOG_WARNING
    if levelno >= logging.INFO:
        return 6  # LOG_INFO
    return 7  # LOG_DEBUG


class JournalFormatter(logging.Formatter):
    """`<priority>name: message`, the prefix repeated on every line; no time (journald records it)."""

    def __init__(self) -> None:
        super().__init__(JOURNAL_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        prefix = f"<{priority(record.levelno)}>"
        return "\n".join(prefix + line for line in super().format(record).splitlines() or [""])


def to_journal(environ: Mapping[str, str], stream: TextIO) -> bool:
    """Whether `stream` is the journal: JOURNAL_STREAM is set and names this very stream.

    systemd sets JOURNAL_STREAM=<device>:<inode> of the service's stdout/stderr; a program
    started from the service (or `coffeechat … 2>file` from a shell inside it) inherits the
    variable while writing elsewhere, so it is compared with the stream's file when there
    is one. A stream with no file descriptor (a test's StringIO) is taken at its word.
    """
    named = environ.get("JOURNAL_STREAM", "")
    if not named:
        return False
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return True
    try:
        device, inode = (int(part) for part in named.split(":"))
        found = os.fstat(fd)
    except (ValueError, OSError):
        return False
    return (found.st_dev, found.st_ino) == (device, inode)


def configure(level: str | int, environ: Mapping[str, str] = os.environ,
              stream: TextIO | None = None) -> logging.Handler:
    """Send the root logger's records at `level` ("DEBUG", "INFO", …) and above to `stream` (default: sys.stderr).

    Calling it again replaces the handler it installed before (other handlers, such as
    pytest's, are left alone). The imapclient and peewee loggers are held at INFO or above.
    Returns the handler.
    """
    stream = sys.stderr if stream is None else stream
    numeric = logging.getLevelName(level.upper()) if isinstance(level, str) else level
    if not isinstance(numeric, int):
        raise ValueError(f"unknown log level {level!r}")
    handler = logging.StreamHandler(stream)
    if to_journal(environ, stream):
        handler.setFormatter(JournalFormatter())
    else:
        handler.setFormatter(logging.Formatter(TERMINAL_FORMAT, TERMINAL_DATE))
    handler._coffeechat = True  # type: ignore[attr-defined]  # ours: the next configure() replaces it
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_coffeechat", False)]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(numeric)
    for chatty in CHATTY:
        logging.getLogger(chatty).setLevel(max(logging.INFO, numeric))
    for quiet in QUIET:
        logging.getLogger(quiet).setLevel(max(logging.ERROR, numeric))
    return handler


def progress_line(stream=None, environ=None):
    """A function that keeps one line of progress on a terminal ("" clears it), or None where no one
    watches one: under systemd (journald would keep every step), or with stderr in a file or a pipe."""
    stream = stream if stream is not None else sys.stderr
    environ = os.environ if environ is None else environ
    if not stream.isatty() or environ.get("INVOCATION_ID") or environ.get("JOURNAL_STREAM"):
        return None

    def show(text: str) -> None:
        stream.write(f"\r{text}\x1b[K" if text else "\r\x1b[K")  # \x1b[K: erase what a longer line left
        stream.flush()

    return show
