"""One cycle at a time per contact log: the daemon and a manual `sync` of the same mailbox take turns.

On SQLite a lock file beside the log (flock); on PostgreSQL an advisory lock keyed by the
mailbox's schema, so mailboxes sharing one database never wait for each other. Either is
let go when its holder ends, however it ends: a closed file, a closed connection.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import peewee as pw

from daemon.contact_log.postgres import MailboxDatabase, lock_key, shown
from daemon.errors import StoreError

POLL_SECONDS = 0.2


@contextmanager
def one_cycle(db: pw.Database, target: str, wait_seconds: float) -> Iterator[None]:
    """Hold the log's cycle lock inside; wait up to `wait_seconds` for another holder to finish."""
    if target == ":memory:":
        yield  # an in-memory log has no one to share with
        return
    hold = _advisory_lock if isinstance(db, MailboxDatabase) else _lock_file
    with hold(db, target) as take:
        deadline = time.monotonic() + wait_seconds
        while not take():
            if time.monotonic() > deadline:
                raise StoreError(f"another coffeechat is running a cycle on {shown(target)}; "
                                 "try again when it has finished")
            time.sleep(POLL_SECONDS)
        yield


@contextmanager
def _lock_file(db: pw.Database, target: str) -> Iterator[Callable[[], bool]]:
    path = f"{Path(target).expanduser()}.lock"
    try:
        lock = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    except OSError as e:
        raise StoreError(f"cannot open the lock file {path}: {e.strerror}") from None

    def take() -> bool:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    try:
        yield take
    finally:
        os.close(lock)  # closing releases the lock


@contextmanager
def _advisory_lock(db: MailboxDatabase, target: str) -> Iterator[Callable[[], bool]]:
    key = lock_key("cycle", db.schema)
    held = False

    def take() -> bool:
        nonlocal held
        held = bool(db.execute_sql("SELECT pg_try_advisory_lock(%s)", (key,)).fetchone()[0])
        return held

    try:
        yield take
    finally:
        if held:
            try:
                db.execute_sql("SELECT pg_advisory_unlock(%s)", (key,))
            except pw.PeeweeException:
                pass  # the connection is gone, and the lock went with it
