"""`make bench`: coffeechat against a bare IMAP client on the same loopback Dovecot, as ratios.

For each mailbox size it starts a private Dovecot (Maildir), fills one user with a
realistic mailbox (bench/mailbox.py) and leaves another empty, then measures, each in a
process of its own: the floor (a bare client fetching the same header fields of every
message, parsing nothing), coffeechat's first sync, a cycle with nothing new, a cycle
after 10 new messages, a cycle on the empty mailbox, peak memory; and once, the rules over
10,000 contacts and the CPU `coffeechat run` uses while it waits. It prints times, ratios
and whether each target holds, and writes the table to BENCHMARKS.md. No test fails on
these numbers: `tests/test_bench.py` only runs a tiny version to show it still works.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.mailbox import mailbox  # noqa: E402
from daemon import localmail  # noqa: E402

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
MARK_BEGIN, MARK_END = "<!-- bench:begin -->", "<!-- bench:end -->"
TARGETS = {  # what each ratio or figure must stay within (issue 12)
    "first sync / floor": 5.0, "no-op / empty": 1.3, "10 new / no-op": 1.5,
    "peak memory, MB": 150.0, "rules, 10,000 contacts, s": 1.0, "CPU while idle, s": 0.05,
}


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)  # progress: the results go to stdout


def child(*args: str) -> dict:
    out = subprocess.run([sys.executable, str(HERE / "measure.py"), *args], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"bench/measure.py {args[0]} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def fill(server: localmail.LocalMail, user: str, inbox: int, sent: int) -> None:
    from imapclient import IMAPClient

    inbox_mail, sent_mail = mailbox(inbox, sent, NOW)
    with IMAPClient(server.host, port=server.port, ssl=False) as client:
        client.login(user, server.password)
        for folder, messages, flags in (("INBOX", inbox_mail, ()), ("Sent", sent_mail, (b"\\Seen",))):
            for start in range(0, len(messages), 1000):
                client.multiappend(folder, [{"msg": raw, "date": when, "flags": flags}
                                            for raw, when in messages[start:start + 1000]])


def env_file(root: Path, server: localmail.LocalMail, user: str) -> str:
    path = root / f"{user}.env"
    path.write_text("".join(f"{k}={v}\n" for k, v in {
        "COFFEECHAT_IMAP_HOST": server.host, "COFFEECHAT_IMAP_PORT": server.port, "COFFEECHAT_IMAP_TLS": "none",
        "COFFEECHAT_IMAP_USER": user, "COFFEECHAT_IMAP_PASSWORD": server.password,
        "COFFEECHAT_MY_NAME": "Jordan Rivera", "COFFEECHAT_MY_ADDRESSES": "jordan@example.org",
        "COFFEECHAT_SUMMARY_AT": "off", "COFFEECHAT_TIMEZONE": "UTC",
        "COFFEECHAT_DATABASE": root / f"{user}.sqlite3"}.items()))
    return str(path)


def one_size(inbox: int, noop_rounds: int, new_rounds: int) -> dict:
    sent = inbox // 4
    root = Path(tempfile.mkdtemp(prefix="coffeechat-bench-"))
    server = localmail.start(root / "dovecot")
    try:
        started = time.perf_counter()
        fill(server, "big", inbox, sent)
        say(f"  filled {inbox + sent:,} messages in {time.perf_counter() - started:.0f} s")
        login = ("--port", str(server.port), "--user", "big", "--password", server.password)
        child("floor", *login)  # Dovecot indexes the new mail on first sight: not part of anyone's time
        floors = [child("floor", *login)["seconds"] for _ in range(3)]
        say(f"  floor {statistics.median(floors):.2f} s")
        now = ("--now", NOW.isoformat())
        big = child("cycles", "--env-file", env_file(root, server, "big"), *now,
                    "--noop-rounds", str(noop_rounds), "--new-rounds", str(new_rounds))
        say(f"  coffeechat first sync {big['first']:.2f} s, no-op {big['noop']:.3f} s")
        empty = child("cycles", "--env-file", env_file(root, server, "empty"), *now,
                      "--noop-rounds", str(noop_rounds), "--new-rounds", "0")
        # What a bare client pays to see that nothing is new, on each mailbox: the server's share of a no-op.
        noop_floor = child("noop-floor", *login)["seconds"]
        empty_floor = child("noop-floor", "--port", str(server.port), "--user", "empty",
                            "--password", server.password)["seconds"]
        return {"inbox": inbox, "sent": sent, "floor": statistics.median(floors), "empty": empty["noop"],
                "noop_floor": noop_floor, "empty_floor": empty_floor,
                **{key: big[key] for key in ("first", "fetched", "drafts", "noop", "noop_login", "ten_new",
                                             "ten_login", "ten_floor", "ten_open_floor", "peak_mb")}}
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
        shutil.rmtree(server.store, ignore_errors=True)


def rules_and_idle(contacts: int, idle_seconds: float) -> dict:
    root = Path(tempfile.mkdtemp(prefix="coffeechat-bench-"))
    server = localmail.start(root / "dovecot")
    try:
        found = child("rules", "--env-file", env_file(root, server, "rules"), "--now", NOW.isoformat(),
                      "--contacts", str(contacts))
        env = env_file(root, server, "waiting")
        daemon = subprocess.Popen([sys.executable, "-m", "daemon", "--env-file", env, "run"],
                                  stderr=subprocess.DEVNULL, cwd=root)
        try:
            time.sleep(min(5, idle_seconds))  # started, first cycle done, waiting in IDLE
            before = _cpu_seconds(daemon.pid)
            time.sleep(idle_seconds)
            idle_cpu = _cpu_seconds(daemon.pid) - before
        finally:
            daemon.terminate()
            daemon.wait(timeout=15)
        return {"rules": found["seconds"], "contacts": contacts, "idle_cpu": idle_cpu, "idle_seconds": idle_seconds}
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
        shutil.rmtree(server.store, ignore_errors=True)


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown CPU")
    memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    dovecot = subprocess.run([localmail.ensure_dovecot(), "--version"], capture_output=True, text=True).stdout.strip()
    return (f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, {platform.platform(terse=True)}, "
            f"Python {platform.python_version()}, Dovecot {dovecot} (Maildir)")


def table(sizes: list[dict], extra: dict) -> tuple[str, list[str]]:
    """The results as a Markdown table, and the targets missed, in words."""
    lines = ["| measure | " + " | ".join(f"{s['inbox'] + s['sent']:,} messages" for s in sizes) + " | target |",
             "|---|" + "---|" * len(sizes) + "---|"]
    missed: list[str] = []

    def row(name: str, values: list[str], target: str = "") -> None:
        lines.append(f"| {name} | " + " | ".join(values) + f" | {target} |")

    row("floor: a bare client fetches the header fields of every message", [f"{s['floor']:.2f} s" for s in sizes])
    row("coffeechat's first sync (365-day backfill)",
        [f"{s['first']:.2f} s ({s['fetched']:,} read, {s['drafts']} drafts)" for s in sizes])
    checks = (("first sync / floor", "first", "floor"), ("no-op / empty", "noop", "empty"),
              ("10 new / no-op", "ten_new", "noop"))
    row("cycle with nothing new (the daemon: on its IDLE connection, INBOX open)",
        [f"{s['noop'] * 1000:.1f} ms" for s in sizes])
    row("cycle after 10 new messages (the daemon: read where IDLE announced them)",
        [f"{s['ten_new'] * 1000:.1f} ms" for s in sizes])
    row("floor for that: a bare client with INBOX open, told by IDLE, searches and fetches their header fields",
        [f"{s['ten_open_floor'] * 1000:.1f} ms" for s in sizes])
    row("cycle on an empty mailbox (the daemon)", [f"{s['empty'] * 1000:.1f} ms" for s in sizes])
    row("cycle with nothing new, a new login (`coffeechat sync`)", [f"{s['noop_login'] * 1000:.1f} ms" for s in sizes])
    row("floor for that: a bare client logs in, asks STATUS of INBOX, Sent, Drafts (this mailbox / empty)",
        [f"{s['noop_floor'] * 1000:.1f} ms / {s['empty_floor'] * 1000:.1f} ms" for s in sizes])
    row("cycle after 10 new messages, a new login (`coffeechat sync`)",
        [f"{s['ten_login'] * 1000:.1f} ms" for s in sizes])
    row("floor for that: a bare client logs in, asks STATUS, opens INBOX, fetches their header fields",
        [f"{s['ten_floor'] * 1000:.1f} ms" for s in sizes])
    row("no-op with a new login / its floor (no target: how far above what any client pays)",
        [f"{s['noop_login'] / s['noop_floor']:.2f}" for s in sizes])
    row("10 new with a new login / its floor (no target)", [f"{s['ten_login'] / s['ten_floor']:.2f}" for s in sizes])
    for name, top, bottom in checks:
        ratios = [s[top] / s[bottom] for s in sizes]
        row(f"**{name}**", [f"**{r:.2f}**" for r in ratios], f"≤ {TARGETS[name]}")
        for s, r in zip(sizes, ratios, strict=True):
            if r > TARGETS[name]:
                missed.append(f"{name} is {r:.2f} at {s['inbox'] + s['sent']:,} messages (target ≤ {TARGETS[name]})")
    row("peak memory of the first sync", [f"{s['peak_mb']:.0f} MB" for s in sizes], "< 150 MB")
    missed += [f"peak memory is {s['peak_mb']:.0f} MB at {s['inbox'] + s['sent']:,} messages (target < 150 MB)"
               for s in sizes if s["peak_mb"] >= TARGETS["peak memory, MB"]]
    lines.append(f"| rules over {extra['contacts']:,} contacts | {extra['rules']:.2f} s |" + " |" * (len(sizes) - 1)
                 + " < 1 s |")
    if extra["rules"] >= TARGETS["rules, 10,000 contacts, s"]:
        missed.append(f"the rules over {extra['contacts']:,} contacts take {extra['rules']:.2f} s (target < 1 s)")
    lines.append(f"| CPU used by `coffeechat run` waiting {extra['idle_seconds']:g} s in IDLE | "
                 f"{extra['idle_cpu']:.2f} s |" + " |" * (len(sizes) - 1) + " 0 |")
    if extra["idle_cpu"] > TARGETS["CPU while idle, s"]:
        missed.append(f"`coffeechat run` used {extra['idle_cpu']:.2f} s of CPU while idle (target 0)")
    return "\n".join(lines), missed


def write(path: Path, text: str, begin: str = MARK_BEGIN, end: str = MARK_END) -> None:
    """Put the text between the markers in the file (at its end the first time)."""
    current = path.read_text() if path.exists() else "# Benchmarks\n"
    block = f"{begin}\n{text}\n{end}"
    if begin in current:
        current = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _: block, current, flags=re.S)
    else:
        current = current.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(current)


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--sizes", default="25000,100000", help="INBOX sizes, comma-separated (Sent: a quarter)")
    options.add_argument("--noop-rounds", type=int, default=15)
    options.add_argument("--new-rounds", type=int, default=3)
    options.add_argument("--contacts", type=int, default=10_000)
    options.add_argument("--idle-seconds", type=float, default=30)
    options.add_argument("--write", default=str(HERE.parent / "BENCHMARKS.md"), help="'' to write nothing")
    args = options.parse_args()
    sizes = []
    for inbox in [int(n) for n in args.sizes.split(",")]:
        say(f"{inbox:,} INBOX + {inbox // 4:,} Sent:")
        sizes.append(one_size(inbox, args.noop_rounds, args.new_rounds))
    say(f"rules over {args.contacts:,} contacts, and the daemon waiting {args.idle_seconds:g} s")
    extra = rules_and_idle(args.contacts, args.idle_seconds)
    text, missed = table(sizes, extra)
    verdict = ("Every target holds." if not missed else
               "Missed: " + "; ".join(missed) + ".")
    result = f"{text}\n\n{verdict}\n\nMeasured {datetime.now(timezone.utc):%Y-%m-%d} on {machine()}."
    print(result)
    if args.write:
        write(Path(args.write), result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
