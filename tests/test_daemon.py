"""`coffeechat run` as systemd runs it: a real process against the test Dovecot, through a real TCP proxy.

Each test starts the daemon with an env file, watches the contact log (SQLite, read while
the daemon writes) and its log, and stops it with a signal. Faults come from tests/proxy.py.
"""

from __future__ import annotations

import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from corpus import ME, mail, wait_for
from proxy import Proxy

from daemon.errors import LoginRefused, MailboxError
from daemon.mail.mailbox import Mailbox

OUTREACH = ("Hi Maria,\n\nI'm a community organizer moving into policy work. Would you be open to a "
            "20 minute chat in the next few weeks?\n\nThanks,\nJordan")


class Running:
    """One `coffeechat run` process; its stderr goes to a file the test reads."""

    def __init__(self, mailbox, tmp_path: Path, port: int | None = None, env: dict | None = None, **settings: str):
        values = mailbox.values(timezone="UTC", summary_at="off", **settings)
        if port is not None:
            values["COFFEECHAT_IMAP_PORT"] = str(port)
        self.env_file = tmp_path / "daemon.env"
        self.env_file.write_text("".join(f"{k}={v}\n" for k, v in values.items()))
        self.log_file = tmp_path / f"daemon-{time.monotonic_ns()}.log"
        self.database = mailbox.database
        self.process = subprocess.Popen([sys.executable, "-m", "daemon", "--env-file", str(self.env_file), "run"],
                                        stdout=subprocess.DEVNULL, stderr=self.log_file.open("w"), cwd=tmp_path,
                                        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), **(env or {})})

    def log(self) -> str:
        return self.log_file.read_text()

    def status(self, address: str) -> str | None:
        try:  # read-only: never create the log before the daemon does
            with sqlite3.connect(f"file:{self.database}?mode=ro", uri=True) as db:
                row = db.execute('SELECT c.status FROM contact c JOIN contactaddress a ON a.contact_id = c.id '
                                 'WHERE a.email = ?', (address,)).fetchone()
        except sqlite3.OperationalError:
            return None  # not created, or not migrated, yet
        return row[0] if row else None

    def cycles(self) -> int:
        return self.log().count("Read ") + self.log().count("Nothing is due")

    def stop(self, number: int = signal.SIGTERM) -> tuple[int, float]:
        started = time.monotonic()
        self.process.send_signal(number)
        code = self.process.wait(timeout=20)
        return code, time.monotonic() - started


def outreach_to_maria(mailbox, when: datetime) -> None:
    mailbox.append("Sent", mail(sender=ME, to="Maria López <maria@progressive.example>", subject="Informational "
                                "interview?", body=OUTREACH, when=when, message_id="<o-maria@example.org>"),
                   flags=(b"\\Seen",))


def maria_replies(mailbox) -> None:
    mailbox.append("INBOX", mail(sender="Maria López <maria@progressive.example>", to=ME,
                                 subject="Re: Informational interview?", body="Happy to talk! Thursday?",
                                 when=datetime.now(timezone.utc), in_reply_to="<o-maria@example.org>",
                                 references="<o-maria@example.org>"))


@contextmanager
def waiting_in_idle(mailbox, tmp_path: Path, **settings: str) -> Iterator[Running]:
    """A `coffeechat run` that has tracked the outreach to Maria and waits in IDLE; it must stop cleanly,
    with no traceback in its log."""
    daemon = Running(mailbox, tmp_path, **settings)
    try:
        assert wait_for(lambda: daemon.status("maria@progressive.example") == "awaiting_reply", 15), daemon.log()
        time.sleep(1.5)                                         # in IDLE by now
        yield daemon
    finally:
        assert daemon.stop()[0] == 0
    assert "Traceback" not in daemon.log()


def test_a_reply_is_recorded_within_seconds_while_the_daemon_waits_in_idle(mailbox, tmp_path):
    outreach_to_maria(mailbox, datetime.now(timezone.utc) - timedelta(days=3))
    daemon = Running(mailbox, tmp_path, poll_seconds="600")   # no poll would see it in time: IDLE must
    try:
        assert wait_for(lambda: daemon.status("maria@progressive.example") == "awaiting_reply", 15), daemon.log()
        time.sleep(1.5)                                         # in IDLE by now
        arrived = time.monotonic()
        maria_replies(mailbox)
        assert wait_for(lambda: daemon.status("maria@progressive.example") == "replied", 5), daemon.log()
        assert time.monotonic() - arrived < 5
    finally:
        code, took = daemon.stop()
    assert code == 0 and took < 10


def test_a_deadline_that_passes_in_silence_gets_its_draft_without_any_mail(mailbox, tmp_path):
    # Due 6 seconds after the daemon starts; nothing arrives meanwhile.
    outreach_to_maria(mailbox, datetime.now(timezone.utc) - timedelta(days=1) + timedelta(seconds=6))
    daemon = Running(mailbox, tmp_path, poll_seconds="10", follow_up_days="1")
    try:
        assert wait_for(lambda: daemon.status("maria@progressive.example") == "awaiting_reply", 15)
        assert mailbox.messages("Drafts") == []
        assert wait_for(lambda: len(mailbox.messages("Drafts")) == 1, 30), daemon.log()
    finally:
        assert daemon.stop()[0] == 0
    assert len(mailbox.messages("Drafts")) == 1


@pytest.fixture
def proxy(dovecot):
    through = Proxy(dovecot.host, dovecot.port)
    yield through
    through.close()


def test_the_server_going_away_and_coming_back_loses_nothing(mailbox, tmp_path, proxy):
    outreach_to_maria(mailbox, datetime.now(timezone.utc) - timedelta(days=3))
    daemon = Running(mailbox, tmp_path, port=proxy.port, poll_seconds="10", imap_timeout="5")
    try:
        assert wait_for(lambda: daemon.status("maria@progressive.example") == "awaiting_reply", 15), daemon.log()
        proxy.refuse()                                          # the server is down
        maria_replies(mailbox)                                  # and mail arrives meanwhile
        assert wait_for(lambda: "cycle failed" in daemon.log(), 20), daemon.log()
        proxy.restore()
        assert wait_for(lambda: daemon.status("maria@progressive.example") == "replied", 30), daemon.log()
        assert daemon.process.poll() is None
    finally:
        assert daemon.stop()[0] == 0
    log = daemon.log()
    assert "Traceback" not in log
    assert "will retry in" in log


def test_a_connection_that_stalls_without_closing_is_given_up_and_made_again(mailbox, tmp_path, proxy):
    outreach_to_maria(mailbox, datetime.now(timezone.utc) - timedelta(days=3))
    daemon = Running(mailbox, tmp_path, port=proxy.port, poll_seconds="10", imap_timeout="5")
    try:
        assert wait_for(lambda: daemon.status("maria@progressive.example") == "awaiting_reply", 15), daemon.log()
        time.sleep(1)
        proxy.stall()                                           # the IDLE connection goes silent
        maria_replies(mailbox)
        assert wait_for(lambda: "cycle failed" in daemon.log() or "stopped waiting" in daemon.log(), 40), \
            daemon.log()
        proxy.restore()
        assert wait_for(lambda: daemon.status("maria@progressive.example") == "replied", 40), daemon.log()
    finally:
        assert daemon.stop()[0] == 0
    assert "Traceback" not in daemon.log()


def test_new_mail_is_read_on_the_connection_that_waits_in_idle_without_a_new_login(mailbox, tmp_path, proxy):
    # On a big Maildir, a new login that opens INBOX again makes the server re-read the whole folder.
    outreach_to_maria(mailbox, datetime.now(timezone.utc) - timedelta(days=3))
    with waiting_in_idle(mailbox, tmp_path, port=proxy.port, poll_seconds="600") as daemon:
        connections = proxy.accepted
        maria_replies(mailbox)
        assert wait_for(lambda: daemon.status("maria@progressive.example") == "replied", 5), daemon.log()
        time.sleep(0.5)
        assert proxy.accepted == connections, daemon.log()
        assert "Read 1 new message" in daemon.log()


def test_mail_that_comes_while_a_cycle_runs_on_the_waiting_connection_is_read_at_once(mailbox, tmp_path, proxy):
    # The follow-up falls due 6 s after the start: the poll's cycle runs on the IDLE connection and places it.
    # Maria's reply lands just before that APPEND, after INBOX was read: the server announces it to the
    # APPEND, not to the NOOP before the next IDLE. It must be read at once, not at the next poll.
    outreach_to_maria(mailbox, datetime.now(timezone.utc) - timedelta(days=1) + timedelta(seconds=6))
    with waiting_in_idle(mailbox, tmp_path, port=proxy.port, poll_seconds="30", follow_up_days="1") as daemon:
        connections = proxy.accepted
        landed = proxy.pause_at(b"APPEND", then=lambda: maria_replies(mailbox))
        assert wait_for(landed.is_set, 45), daemon.log()      # the deadline, then the next poll (RULES cap)
        arrived = time.monotonic()
        assert wait_for(lambda: daemon.status("maria@progressive.example") == "replied", 10), daemon.log()
        assert time.monotonic() - arrived < 10                  # not the poll 30 s later
        assert proxy.accepted == connections, daemon.log()


def test_sigterm_in_the_middle_of_a_first_sync_exits_0_in_time_and_the_next_start_loses_nothing(mailbox, tmp_path):
    when = datetime.now(timezone.utc) - timedelta(days=30)
    with mailbox.client() as client:
        for start in range(0, 3000, 500):
            client.multiappend("INBOX", [mail(sender=f"Newsletter {i} <news{i}@lists.example>", to=ME,
                                              subject=f"Issue {i}", body="Read more", when=when)
                                         for i in range(start, start + 500)])
    outreach_to_maria(mailbox, datetime.now(timezone.utc) - timedelta(days=10))
    daemon = Running(mailbox, tmp_path, poll_seconds="600")
    assert wait_for(lambda: "watching" in daemon.log(), 10)
    time.sleep(0.5)                                             # the first sync is under way
    code, took = daemon.stop()
    assert code == 0 and took < 10, daemon.log()
    assert "SIGTERM received" in daemon.log() and daemon.log().rstrip().endswith("stopped")
    again = Running(mailbox, tmp_path, poll_seconds="600")
    try:
        assert wait_for(lambda: again.cycles() >= 1, 60), again.log()
        assert len(mailbox.messages("Drafts")) == 1
        assert again.status("maria@progressive.example") == "awaiting_reply"
    finally:
        assert again.stop()[0] == 0
    with sqlite3.connect(mailbox.database) as db:
        [(last_uid,)] = db.execute("SELECT last_uid FROM foldercursor WHERE folder = 'INBOX'").fetchall()
    assert last_uid == 3000
    assert len(mailbox.messages("Drafts")) == 1


def test_systemd_hears_ready_status_watchdog_reloading_and_stopping_in_order(mailbox, tmp_path):
    address = str(tmp_path / "notify.sock")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener.bind(address)
    listener.settimeout(0.2)
    heard: list[str] = []

    def listen() -> None:
        while not done.is_set():
            try:
                heard.append(listener.recv(4096).decode())
            except TimeoutError:
                pass

    done = threading.Event()
    thread = threading.Thread(target=listen, daemon=True)
    thread.start()
    daemon = Running(mailbox, tmp_path, poll_seconds="600",
                     env={"NOTIFY_SOCKET": address, "WATCHDOG_USEC": "2000000"})
    try:
        assert wait_for(lambda: any("READY=1" in h for h in heard), 15), daemon.log()
        assert wait_for(lambda: sum("WATCHDOG=1" in h for h in heard) >= 3, 10), heard   # pinged while waiting
        daemon.process.send_signal(signal.SIGHUP)
        assert wait_for(lambda: any("RELOADING=1" in h for h in heard), 10), heard
        assert wait_for(lambda: sum("READY=1" in h for h in heard) == 2, 10), heard
    finally:
        assert daemon.stop()[0] == 0
        time.sleep(0.3)
        done.set()
        thread.join()
        listener.close()
    kinds = [h.split("=")[0] for h in heard]
    assert kinds[0] == "READY" or kinds.index("READY") < kinds.index("WATCHDOG")
    assert any(h.startswith("STATUS=") and "waiting" in h for h in heard)
    reloading = kinds.index("RELOADING")
    assert "READY" in kinds[reloading + 1:]
    assert heard.count("STOPPING=1") == 1 and kinds.index("STOPPING") > reloading


def test_sighup_with_a_bad_setting_keeps_the_old_ones(mailbox, tmp_path):
    daemon = Running(mailbox, tmp_path, poll_seconds="600")
    try:
        assert wait_for(lambda: daemon.cycles() >= 1, 15), daemon.log()
        good = daemon.env_file.read_text()
        daemon.env_file.write_text(good + "COFFEECHAT_FOLLOW_UP_DAYS=soon\n")
        daemon.process.send_signal(signal.SIGHUP)
        assert wait_for(lambda: "reload refused, keeping the settings in use" in daemon.log(), 10), daemon.log()
        assert "COFFEECHAT_FOLLOW_UP_DAYS" in daemon.log()
        daemon.env_file.write_text(good)
        daemon.process.send_signal(signal.SIGHUP)
        assert wait_for(lambda: "settings reloaded" in daemon.log(), 10), daemon.log()
        assert daemon.process.poll() is None
    finally:
        assert daemon.stop(signal.SIGINT)[0] == 0


def test_a_refused_login_is_one_line_and_is_not_retried_soon(mailbox, tmp_path):
    daemon = Running(mailbox, tmp_path, poll_seconds="10", imap_password="not-the-password")
    try:
        assert wait_for(lambda: "refused the login" in daemon.log(), 15), daemon.log()
        time.sleep(12)                                          # a poll interval later: no second try
        assert daemon.process.poll() is None
    finally:
        assert daemon.stop()[0] == 0
    log = daemon.log()
    assert log.count("refused the login") == 1 and "trying again in 30 minutes" in log
    assert "not-the-password" not in log


def test_a_connection_lost_during_login_is_a_network_error_not_a_refused_login(mailbox):
    """A server that greets, then drops the connection at LOGIN (a restart, a proxy timing out)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)

    def serve() -> None:
        conn, _ = listener.accept()
        conn.sendall(b"* OK ready\r\n")
        while True:
            line = conn.recv(1024)
            tag, _, command = line.partition(b" ")
            if not command.upper().startswith(b"CAPABILITY"):
                break                                           # the LOGIN: drop the connection
            conn.sendall(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n" + tag + b" OK done\r\n")
        conn.close()

    threading.Thread(target=serve, daemon=True).start()
    settings = mailbox.settings(imap_port=str(listener.getsockname()[1]))
    with pytest.raises(MailboxError) as raised:
        Mailbox.connect(settings)
    listener.close()
    assert not isinstance(raised.value, LoginRefused)
    assert "lost the connection" in str(raised.value) and "while logging in" in str(raised.value)


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MB tmpfs for the contact log, so the test can fill it (needs root; a tmpfs with files open for
    writing cannot be remounted read-only, so the read-only case is covered by its words alone)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root and mount permission)")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def test_a_full_disk_under_the_contact_log_is_one_line_and_a_retry_not_a_crash(mailbox, tmp_path, small_disk):
    outreach_to_maria(mailbox, datetime.now(timezone.utc) - timedelta(days=3))
    daemon = Running(mailbox, tmp_path, poll_seconds="10", database=str(small_disk / "coffeechat.sqlite3"))
    daemon.database = small_disk / "coffeechat.sqlite3"
    try:
        assert wait_for(lambda: daemon.status("maria@progressive.example") == "awaiting_reply", 15), daemon.log()
        filler = small_disk / "filler"
        subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=64k"], capture_output=True)  # until full
        maria_replies(mailbox)
        assert wait_for(lambda: "the disk is full" in daemon.log(), 30), daemon.log()
        assert daemon.process.poll() is None
        filler.unlink()
        assert wait_for(lambda: daemon.status("maria@progressive.example") == "replied", 40), daemon.log()
    finally:
        assert daemon.stop()[0] == 0
    assert "Traceback" not in daemon.log()
