"""Benchmarks behind `make bench` (figures and targets in BENCHMARKS.md).

Not a test: pytest does not collect it. It measures, on this machine:
1. parse + classify of header-only messages, in pure Python (messages per second);
2. a first sync (backfill) of a year-sized mailbox from a real Dovecot on loopback;
3. the cycle a daemon runs every few minutes when nothing new has arrived.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus import ME, NOW, days_ago, mail  # noqa: E402

from daemon import localmail  # noqa: E402
from daemon.contact_log.store import Store  # noqa: E402
from daemon.mail.classify import Known, classify  # noqa: E402
from daemon.mail.messages import parse  # noqa: E402
from daemon.service import run_cycle  # noqa: E402
from daemon.settings import from_values  # noqa: E402


def inbox_message(n: int) -> bytes:
    return mail(sender=f"Person {n} <p{n}@org{n % 50}.example>", to=ME, subject=f"Newsletter {n}",
                body="Hello", when=days_ago(n % 300))


def sent_message(n: int) -> bytes:
    return mail(sender=ME, to=f"Contact {n} <c{n}@org{n % 40}.example>", subject="Informational interview?",
                body="Would you be open to a 20 minute chat?", when=days_ago(n % 300))


def plain_sent_message(n: int) -> bytes:
    """Ordinary mail the user sent: nobody to follow up."""
    return mail(sender=ME, to=f"Friend {n} <f{n}@family{n % 30}.example>", subject="Dinner Friday?",
                body="Are we still on for Friday? Love, J", when=days_ago(n % 300))


def bench_classify(count: int) -> float:
    raws = [inbox_message(n) for n in range(count)]
    known = Known(frozenset({"jordan@example.org"}), (), "coffeechat")
    start = time.perf_counter()
    for raw in raws:
        classify(parse(raw.split(b"\r\n\r\n")[0], folder_role="inbox"), known)
    return count / (time.perf_counter() - start)


def bench_sync(inbox: int, sent: int, idle_rounds: int) -> tuple[float, float, int]:
    root = Path(tempfile.mkdtemp(prefix="coffeechat-bench-"))
    server = localmail.start(root / "dovecot")
    try:
        from imapclient import IMAPClient

        with IMAPClient(server.host, port=server.port, ssl=False) as client:
            client.login("bench", server.password)
            for folder, messages in (("INBOX", [inbox_message(n) for n in range(inbox)]),
                                     ("Sent", [sent_message(n) for n in range(sent)])):
                for start in range(0, len(messages), 500):
                    client.multiappend(folder, messages[start:start + 500])
        settings = from_values({
            "COFFEECHAT_IMAP_HOST": server.host, "COFFEECHAT_IMAP_PORT": str(server.port),
            "COFFEECHAT_IMAP_TLS": "none", "COFFEECHAT_IMAP_USER": "bench",
            "COFFEECHAT_IMAP_PASSWORD": server.password, "COFFEECHAT_MY_NAME": "Jordan Rivera",
            "COFFEECHAT_MY_ADDRESSES": "jordan@example.org", "COFFEECHAT_DATABASE": str(root / "bench.sqlite3"),
        })
        store = Store(settings.database)
        start = time.perf_counter()
        report = run_cycle(settings, store, NOW)
        first = time.perf_counter() - start
        idle = []
        for _ in range(idle_rounds):
            start = time.perf_counter()
            run_cycle(settings, store, NOW)
            idle.append(time.perf_counter() - start)
        store.close()
        return first, statistics.median(idle), len(report.drafts)
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def bench_wakeup(inbox: int, sent: int, rounds: int, idle_seconds: float) -> dict[str, float]:
    """The daemon's wake-up with nothing new: on a big mailbox and on an empty one, same server; and
    the CPU `coffeechat run` uses while it waits."""
    import subprocess

    from imapclient import IMAPClient

    root = Path(tempfile.mkdtemp(prefix="coffeechat-wakeup-"))
    server = localmail.start(root / "dovecot")
    found: dict[str, float] = {}
    try:
        for user, sent_kind in (("big", sent_message), ("plain", plain_sent_message)):
            with IMAPClient(server.host, port=server.port, ssl=False) as client:
                client.login(user, server.password)
                for folder, messages in (("INBOX", [inbox_message(n) for n in range(inbox)]),
                                         ("Sent", [sent_kind(n) for n in range(sent)])):
                    for start in range(0, len(messages), 1000):
                        client.multiappend(folder, messages[start:start + 1000])
        for user in ("big", "plain", "empty"):
            values = {
                "COFFEECHAT_IMAP_HOST": server.host, "COFFEECHAT_IMAP_PORT": str(server.port),
                "COFFEECHAT_IMAP_TLS": "none", "COFFEECHAT_IMAP_USER": user,
                "COFFEECHAT_IMAP_PASSWORD": server.password, "COFFEECHAT_MY_NAME": "Jordan Rivera",
                "COFFEECHAT_MY_ADDRESSES": "jordan@example.org", "COFFEECHAT_SUMMARY_AT": "off",
                "COFFEECHAT_DATABASE": str(root / f"{user}.sqlite3"),
            }
            settings = from_values(values)
            store = Store(settings.database)
            folders = run_cycle(settings, store, NOW).folders  # the first sync; the daemon keeps the folders
            times = []
            for _ in range(rounds):
                start = time.perf_counter()
                run_cycle(settings, store, NOW, folders=folders)
                times.append(time.perf_counter() - start)
            store.close()
            found[user] = statistics.median(times)
            if user == "big":
                env = root / "big.env"
                env.write_text("".join(f"{k}={v}\n" for k, v in values.items()))
                daemon = subprocess.Popen([sys.executable, "-m", "daemon", "--env-file", str(env), "run"],
                                          stderr=subprocess.DEVNULL, cwd=root)
                time.sleep(5)  # started, first cycle done, waiting in IDLE
                before = _cpu_seconds(daemon.pid)
                time.sleep(idle_seconds)
                found["idle_cpu"] = _cpu_seconds(daemon.pid) - before
                daemon.terminate()
                daemon.wait(timeout=15)
        return found
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, from /proc."""
    import os

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--inbox", type=int, default=5000)
    options.add_argument("--sent", type=int, default=1000)
    options.add_argument("--idle-rounds", type=int, default=5)
    options.add_argument("--wakeup-inbox", type=int, default=20_000, help="INBOX size for the wake-up measure")
    options.add_argument("--wakeup-sent", type=int, default=5_000)
    options.add_argument("--idle-seconds", type=float, default=30, help="how long to watch the waiting daemon")
    args = options.parse_args()
    rate = bench_classify(10_000)
    print(f"parse + classify (headers only): {rate:,.0f} messages/s")
    first, idle, drafts = bench_sync(args.inbox, args.sent, args.idle_rounds)
    total = args.inbox + args.sent
    print(f"first sync of {total:,} messages ({args.inbox:,} INBOX, {args.sent:,} Sent): {first:.1f} s "
          f"({total / first:,.0f} messages/s), {drafts:,} follow-up drafts placed")
    print(f"idle cycle (nothing new, {drafts:,} drafts to reconcile), median of {args.idle_rounds}: {idle:.2f} s")
    woke = bench_wakeup(args.wakeup_inbox, args.wakeup_sent, args.idle_rounds, args.idle_seconds)
    total = args.wakeup_inbox + args.wakeup_sent
    print(f"wake-up with nothing new, median of {args.idle_rounds}: {woke['plain']:.3f} s at {total:,} messages "
          f"of ordinary mail, {woke['empty']:.3f} s on an empty mailbox (ratio {woke['plain'] / woke['empty']:.2f}); "
          f"{woke['big']:.3f} s at {total:,} messages with {args.wakeup_sent:,} outreach in Sent (the contact "
          f"log's rules and drafts, ratio {woke['big'] / woke['empty']:.2f})")
    print(f"CPU used by `coffeechat run` waiting {args.idle_seconds:g} s in IDLE: {woke['idle_cpu']:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
