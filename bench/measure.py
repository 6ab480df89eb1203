"""One measurement, in a process of its own (so its peak memory is its own); prints one JSON line.

  floor  : a bare client (imaplib) fetches the header fields coffeechat asks for, of every message in
           INBOX and Sent, and parses nothing: the protocol floor on this server.
  cycles : coffeechat's first sync, then no-op cycles, then cycles after 10 new messages each, as the daemon
           runs them (on the connection that waits in IDLE) and as `coffeechat sync` does (a new login).
  rules  : the rules over a contact log of N contacts waiting for a reply (nothing due: the cost of asking).
"""

from __future__ import annotations

import argparse
import imaplib
import json
import re
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.mailbox import ten_new  # noqa: E402
from daemon.mail.messages import HEADER_FIELDS  # noqa: E402


def peak_mb() -> float:
    """The process's peak resident memory (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def floor(host: str, port: int, user: str, password: str) -> dict:
    start = time.perf_counter()
    client = imaplib.IMAP4(host, port)
    client.login(user, password)
    count = 0
    for folder in ("INBOX", "Sent"):
        typ, data = client.select(folder, readonly=True)
        if int(data[0] or 0):
            typ, data = client.uid("FETCH", "1:*", f"(BODY.PEEK[HEADER.FIELDS ({' '.join(HEADER_FIELDS)})])")
            count += sum(1 for item in data if isinstance(item, tuple))
    client.logout()
    return {"seconds": time.perf_counter() - start, "messages": count, "peak_mb": peak_mb()}


class Waiting:
    """The daemon's connection, as loop.py and watcher.py use it: logged in once, INBOX open, waiting in IDLE;
    the cycles run on it. (The daemon's Watcher, with just what it asks of the daemon.)"""

    def __init__(self, settings, store):
        import os
        from types import SimpleNamespace

        from daemon.watcher import Watcher

        self.wake_read, self.wake_write = os.pipe()
        self.watcher = Watcher(SimpleNamespace(settings=settings, store=store, wake_read=self.wake_read,
                                               _sleep=lambda seconds: "quiet"))
        assert self.watcher.wait(0) == "quiet"  # logged in, INBOX open

    def cycle(self, settings, store, moment: datetime, folders, news: frozenset[str] = frozenset()) -> None:
        """A cycle on the connection, then its return to INBOX ready to wait again (the check before IDLE)."""
        from daemon.service import run_cycle

        run_cycle(settings, store, moment, folders=folders, news=news, box=self.watcher.held())
        assert self.watcher._watch() is None

    def until_mail(self) -> None:
        """Wait in IDLE until the server says new mail came (its notice: not part of a cycle)."""
        assert self.watcher.box.idle(30, self.wake_read) == "mail"

    def caught_up(self) -> None:
        """After another connection read the new mail: the waiting one sees it too (its NOOP)."""
        assert self.watcher._watch() is None

    def close(self) -> None:
        import os

        self.watcher.close()
        os.close(self.wake_read)
        os.close(self.wake_write)


def cycles(env_file: str, now: str, noop_rounds: int, new_rounds: int) -> dict:
    """The first sync; then cycles as the daemon runs them (on its IDLE connection, INBOX open: no login,
    new mail read where it was announced) and as `coffeechat sync` does (a new login each time)."""
    from imapclient import IMAPClient

    from daemon import settings as settings_module
    from daemon.contact_log.store import Store
    from daemon.service import run_cycle

    settings = settings_module.load(env_file, environ={})
    moment = datetime.fromisoformat(now)
    store = Store(settings.database)
    start = time.perf_counter()
    report = run_cycle(settings, store, moment)
    first = time.perf_counter() - start
    folders = report.folders  # the daemon keeps what it found
    waiting = Waiting(settings, store)

    def daemon_cycle(news: frozenset[str]) -> float:
        start = time.perf_counter()
        waiting.cycle(settings, store, moment, folders, news)
        return time.perf_counter() - start

    def login_cycle() -> float:
        start = time.perf_counter()
        run_cycle(settings, store, moment, folders=folders)
        return time.perf_counter() - start

    def append_ten(round_: int) -> None:
        with IMAPClient(settings.imap_host, port=settings.imap_port, ssl=False) as client:
            client.login(settings.imap_user, settings.password())
            client.multiappend("INBOX", ten_new(round_, moment))

    noop = [daemon_cycle(frozenset()) for _ in range(noop_rounds)]
    noop_login = [login_cycle() for _ in range(noop_rounds)]
    ten, ten_login, ten_floor, ten_open_floor = [], [], [], []
    for round_ in range(new_rounds):
        # Each side gets ten messages nobody has read: whoever reads new mail first pays the server's
        # indexing of it. The floors first, then coffeechat.
        append_ten(100 + round_)
        ten_floor.append(new_mail_floor(settings.imap_host, settings.imap_port, settings.imap_user,
                                        settings.password()))
        login_cycle()  # takes those ten in, untimed
        append_ten(200 + round_)
        ten_open_floor.append(open_inbox_floor(settings.imap_host, settings.imap_port, settings.imap_user,
                                               settings.password(), lambda r=round_: append_ten(300 + r)))
        login_cycle()  # takes the twenty in, untimed
        waiting.caught_up()
        append_ten(round_)
        ten_login.append(login_cycle())
        append_ten(400 + round_)
        waiting.until_mail()  # the server's notice, untimed; then the cycle reads the mail where it was announced
        ten.append(daemon_cycle(frozenset({folders.incoming})))
    waiting.close()
    store.close()

    def median(values: list[float]) -> float | None:
        return statistics.median(values) if values else None
    return {"first": first, "fetched": sum(report.fetched.values()), "drafts": len(report.drafts),
            "noop": median(noop), "noop_login": median(noop_login), "ten_new": median(ten),
            "ten_login": median(ten_login), "ten_floor": median(ten_floor), "ten_open_floor": median(ten_open_floor),
            "peak_mb": peak_mb()}


def noop_floor(host: str, port: int, user: str, password: str, rounds: int = 5) -> dict:
    """What any client pays to learn that nothing is new: log in, STATUS of INBOX, Sent and Drafts (median)."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        client = imaplib.IMAP4(host, port)
        client.login(user, password)
        for folder in ("INBOX", "Sent", "Drafts"):
            client.status(folder, "(UIDVALIDITY UIDNEXT MESSAGES)")
        client.logout()
        times.append(time.perf_counter() - start)
    return {"seconds": statistics.median(times)}


def new_mail_floor(host: str, port: int, user: str, password: str) -> float:
    """What any client pays to read 10 new messages: log in, ask INBOX's STATUS (is anything new?), open it,
    find the new UIDs and fetch their header fields. Parses nothing."""
    start = time.perf_counter()
    client = imaplib.IMAP4(host, port)
    client.login(user, password)
    typ, data = client.status("INBOX", "(UIDVALIDITY UIDNEXT MESSAGES)")
    uidnext = int(re.search(rb"UIDNEXT (\d+)", data[0]).group(1))
    client.select("INBOX", readonly=True)
    # The ten below UIDNEXT are the new ones (the client remembers where it stopped).
    client.uid("FETCH", f"{uidnext - 10}:*", f"(BODY.PEEK[HEADER.FIELDS ({' '.join(HEADER_FIELDS)})] INTERNALDATE)")
    client.logout()
    return time.perf_counter() - start


def open_inbox_floor(host: str, port: int, user: str, password: str, arrive) -> float:
    """What any client with INBOX open pays to read 10 new messages once IDLE announced them: find
    their UIDs and fetch their header fields. Parses nothing. (`arrive` brings the ten.)"""
    client = imaplib.IMAP4(host, port)
    client.login(user, password)
    typ, data = client.select("INBOX", readonly=True)
    typ, data = client.status("INBOX", "(UIDNEXT)")
    uidnext = int(re.search(rb"UIDNEXT (\d+)", data[0]).group(1))
    tag = client._new_tag()
    client.send(tag + b" IDLE\r\n")
    client.readline()  # "+ idling"
    arrive()
    while b"EXISTS" not in client.readline():  # the server's notice: untimed, as for coffeechat
        pass
    client.send(b"DONE\r\n")
    while not client.readline().startswith(tag):
        pass
    start = time.perf_counter()
    typ, data = client.uid("SEARCH", f"{uidnext}:*")
    uids = data[0].decode().split()
    client.uid("FETCH", ",".join(uids), f"(BODY.PEEK[HEADER.FIELDS ({' '.join(HEADER_FIELDS)})] INTERNALDATE)")
    took = time.perf_counter() - start
    client.logout()
    return took


def rules(env_file: str, now: str, contacts: int) -> dict:
    """N contacts, each written to two days ago (nothing due yet): what one pass of the rules costs."""
    from daemon import settings as settings_module
    from daemon.contact_log.store import Store
    from daemon.mail.classify import OUTREACH, MailEvent
    from daemon.mail.mailbox import Mailbox
    from daemon.writing.report import CycleReport
    from daemon.writing.writeback import Writer

    settings = settings_module.load(env_file, environ={})
    moment = datetime.fromisoformat(now)
    store = Store(settings.database)
    when = moment - timedelta(days=2)
    events = [("Sent", MailEvent(kind=OUTREACH, message_id=f"<rules-{n}@example.org>", date=when,
                                 contact=f"person{n}@org{n % 300}.example", name=f"Person {n}",
                                 subject="Informational interview?", thread=(f"<rules-{n}@example.org>",)))
              for n in range(contacts)]
    store.record(events, {}, moment)
    with Mailbox.connect(settings) as box:
        folders = box.folders()
        times = []
        for _ in range(3):
            writer = Writer(settings, store, box, folders, moment, CycleReport())
            store.rules_pass = None  # a full pass each time: not the skip of a cycle over an unchanged log
            start = time.perf_counter()
            writer.apply_rules()
            times.append(time.perf_counter() - start)
    store.close()
    return {"seconds": statistics.median(times), "contacts": contacts, "peak_mb": peak_mb()}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=("floor", "noop-floor", "cycles", "rules"))
    parser.add_argument("--env-file")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int)
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--now", default=datetime.now(timezone.utc).isoformat())
    parser.add_argument("--noop-rounds", type=int, default=15)
    parser.add_argument("--new-rounds", type=int, default=3)
    parser.add_argument("--contacts", type=int, default=10_000)
    args = parser.parse_args()
    if args.what == "floor":
        found = floor(args.host, args.port, args.user, args.password)
    elif args.what == "noop-floor":
        found = noop_floor(args.host, args.port, args.user, args.password)
    elif args.what == "cycles":
        found = cycles(args.env_file, args.now, args.noop_rounds, args.new_rounds)
    else:
        found = rules(args.env_file, args.now, args.contacts)
    print(json.dumps(found))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
