"""A cycle over an unchanged mailbox writes nothing: not one IMAP write, not one database write. Counted.

The story (crash_story.py) is run (every kind of draft, the prep note and the summary placed);
then one more cycle, in a fresh process, through a relay that keeps
every byte coffeechat sends to Dovecot. Its commands are read back: no APPEND, STORE,
EXPUNGE, COPY, MOVE, CREATE, DELETE or RENAME, no read-write SELECT, no FETCH that would set
\\Seen. The contact log is watched from another connection: SQLite's data_version (it moves
when any other connection commits), the bytes of the database and its write-ahead log, and
every SQL statement the cycle sends.
"""

from __future__ import annotations

import hashlib
import re
import socket
import sqlite3
import threading
from datetime import timedelta
from pathlib import Path

import crash_story as story
import one_cycle
import pytest
from imapclient import IMAPClient

from daemon.settings import from_values

WRITES = {"APPEND", "STORE", "EXPUNGE", "COPY", "MOVE", "CREATE", "DELETE", "RENAME", "SUBSCRIBE", "UNSUBSCRIBE",
          "SETMETADATA", "SETACL", "SELECT"}  # SELECT: read-write (it may clear \Recent); EXAMINE is the read-only one
SQL_WRITES = {"INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER"}
_COMMAND = re.compile(rb"^[A-Za-z0-9]+ (?:UID )?([A-Za-z]+)(.*)$")


class Relay:
    """A TCP relay to the test Dovecot that keeps what the client sent, to count its commands."""

    def __init__(self, host: str, port: int):
        self.target = (host, port)
        self.sent = bytearray()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def commands(self) -> list[tuple[str, str]]:
        """(command, the rest of its line) for each command line sent."""
        found = []
        for line in bytes(self.sent).split(b"\r\n"):
            match = _COMMAND.match(line)
            if match:
                found.append((match.group(1).decode().upper(), match.group(2).decode(errors="replace")))
        return found

    def close(self) -> None:
        self.listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            threading.Thread(target=self._pump, args=(client, server, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, False), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, keep: bool) -> None:
        try:
            while data := source.recv(65536):
                if keep:
                    self.sent += data
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


def writes(commands: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The commands that change the mailbox: writes, and a FETCH of a body without PEEK (it sets \\Seen)."""
    def sets_seen(rest: str) -> bool:
        rest = rest.upper().replace("BODY.PEEK[", "").replace("BINARY.PEEK[", "")
        return "[" in rest or re.search(r"RFC822(?!\.SIZE|\.HEADER)", rest) is not None

    return [(name, rest) for name, rest in commands if name in WRITES or (name == "FETCH" and sets_seen(rest))]


def fingerprint(database: Path) -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(database.parent.glob(database.name + "*")) if not path.name.endswith(".lock")}


@pytest.fixture
def relay(dovecot):
    through = Relay(dovecot.host, dovecot.port)
    yield through
    through.close()


@pytest.mark.parametrize("after", ["the first cycle", "the whole story"])
def test_a_cycle_over_an_unchanged_mailbox_writes_nothing_anywhere(dovecot, tmp_path, relay, after):
    """Right after the cycle that wrote six drafts, a prep note and the summary (the last two in INBOX, which
    the sync reads), and after the whole story (the user sent one, deleted one, mail came): not one write."""
    one_cycle.warm()
    scene = story.new_scene(dovecot, tmp_path, story.prepared_log(dovecot, tmp_path / "log"), story.base_mail())
    assert not one_cycle.forked(scene.settings, story.NOW)[0]
    now = story.NOW
    if after == "the whole story":
        story.the_next_day(scene)
        assert not one_cycle.forked(scene.settings, story.NEXT_DAY)[0]
        now = story.NEXT_DAY
    placed = story.snapshot(scene)
    assert len(placed[0]["Drafts"]) == 6  # all there, to be reconciled

    watch = sqlite3.connect(scene.database)  # open throughout: the cycle's connection is never the last to close
    try:
        watch.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # from here on, any commit would grow the log
        version, before = watch.execute("PRAGMA data_version").fetchone()[0], fingerprint(scene.database)
        through = from_values(scene.box.values(**story.SETTINGS, imap_port=str(relay.port)))
        trace = tmp_path / "statements.sql"
        assert not one_cycle.forked(through, now + timedelta(minutes=5), trace=str(trace))[0]
        sent, statements = relay.commands(), trace.read_text().splitlines()
        assert [name for name, _ in sent if name == "LOGIN"] == ["LOGIN"]  # the relay saw the cycle's connection
        assert writes(sent) == []
        assert len(statements) > 20  # the trace saw the cycle's reads
        assert [s for s in statements if s.split()[0].upper() in SQL_WRITES] == []
        assert watch.execute("PRAGMA data_version").fetchone()[0] == version
        assert fingerprint(scene.database) == before
        assert story.snapshot(scene) == placed
        # The counting sees a write when there is one: another connection's commit, and the test's own IMAP writes.
        other = sqlite3.connect(scene.database)
        with other:
            other.execute("INSERT INTO ignored (entry, created_at) VALUES ('control@example.org', '2026-11-25')")
        other.close()
        assert watch.execute("PRAGMA data_version").fetchone()[0] != version
        assert fingerprint(scene.database) != before
    finally:
        watch.close()
    print(f"\nthe cycle over an unchanged mailbox sent {' '.join(name for name, _ in sent)} and "
          f"{len(statements)} SQL statements, none a write")
    with IMAPClient("127.0.0.1", port=relay.port, ssl=False) as client:
        client.login(scene.box.user, dovecot.password)
        client.append("INBOX", b"Subject: x\r\n\r\nx\r\n")
        client.select_folder("INBOX")
        client.add_flags([1], [b"\\Flagged"])
        client.fetch([1], ["BODY[]"])
        client.fetch([1], ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]", "RFC822.SIZE"])
    assert [name for name, _ in writes(relay.commands())] == ["APPEND", "SELECT", "STORE", "FETCH"]
