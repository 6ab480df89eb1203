"""`make bench-scale`: many mailboxes, one `coffeechat` process each, sharing one PostgreSQL.

On one private Dovecot (Maildir) and one throwaway PostgreSQL cluster (tests/postgres.py),
it fills the mailboxes with bench/mailbox.py's realistic mail, gives each its first sync,
then for each count N (1, 4, 16, 32 by default) starts N processes at once, each running
cycles on its own mailbox as the daemon does: cycles with nothing new, then cycles after
10 new messages. It measures the CPU seconds each cycle costs coffeechat, PostgreSQL and
Dovecot; the connections one `coffeechat run` holds; the database's size for 10,000
contacts; and derives how many mailboxes one core serves at the default poll interval.
It prints the table and writes it to BENCHMARKS.md between the scale markers. No test
fails on these numbers: tests/test_postgresql.py only runs a tiny version.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench import run as bench_run  # noqa: E402  (the machine's description, as `make bench` gives it)
from bench.mailbox import mailbox, ten_new  # noqa: E402
from bench.measure import Waiting  # noqa: E402  (the daemon's waiting connection, as measure.py uses it)
from daemon import localmail  # noqa: E402
from tests import postgres  # noqa: E402

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
POLL_SECONDS = 300          # COFFEECHAT_POLL_SECONDS' default: the daemon's timer cycle
MARK_BEGIN, MARK_END = "<!-- scale:begin -->", "<!-- scale:end -->"


STARTED = time.monotonic()


def say(text: str) -> None:
    print(f"[{time.monotonic() - STARTED:5.0f} s] {text}", file=sys.stderr, flush=True)  # the results go to stdout


# --- the worker: one mailbox's cycles, in a process of its own ---------------------------------------------------

def worker(env_file: str, noop: int, new: int, round_base: int) -> None:
    """A warm-up cycle, then "ready"; at "go" on stdin, the measured cycles; one JSON line at the end."""
    from imapclient import IMAPClient

    from daemon import settings as settings_module
    from daemon.contact_log.store import Store
    from daemon.service import run_cycle

    settings = settings_module.load(env_file, environ={})
    store = Store(settings.database)
    warmup = time.process_time()
    folders = run_cycle(settings, store, NOW).folders  # the daemon keeps the folders it found
    warmup = time.process_time() - warmup
    waiting = Waiting(settings, store)  # as `coffeechat run`: cycles on the connection that waits in IDLE
    print("ready", flush=True)
    sys.stdin.readline()

    def cycle(news: frozenset[str] = frozenset()) -> tuple[float, float]:
        cpu, wall = time.process_time(), time.perf_counter()
        waiting.cycle(settings, store, NOW, folders, news)
        return time.process_time() - cpu, time.perf_counter() - wall

    quiet = [cycle() for _ in range(noop)]
    busy = []
    for round_ in range(round_base, round_base + new):
        with IMAPClient(settings.imap_host, port=settings.imap_port, ssl=False) as client:
            client.login(settings.imap_user, settings.password())
            client.multiappend("INBOX", ten_new(round_, NOW))
        waiting.until_mail()
        busy.append(cycle(frozenset({folders.incoming})))
    waiting.close()
    store.close()
    print(json.dumps({"warmup_cpu": warmup, "noop_cpu": [c for c, _ in quiet], "noop_wall": [w for _, w in quiet],
                      "new_cpu": [c for c, _ in busy], "new_wall": [w for _, w in busy], "rss_mb": _rss_mb()}))


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


# --- the coordinator ---------------------------------------------------------------------------------------------

class Bench:
    def __init__(self, root: Path, server: localmail.LocalMail, cluster: postgres.Cluster):
        self.root, self.server, self.cluster = root, server, cluster

    def env_file(self, user: str, database: str | None = None) -> str:
        path = self.root / f"{user}.env"
        path.write_text("".join(f"{k}={v}\n" for k, v in {
            "COFFEECHAT_IMAP_HOST": self.server.host, "COFFEECHAT_IMAP_PORT": self.server.port,
            "COFFEECHAT_IMAP_TLS": "none", "COFFEECHAT_IMAP_USER": f"{user}@example.org",
            "COFFEECHAT_IMAP_PASSWORD": self.server.password, "COFFEECHAT_MY_NAME": "Jordan Rivera",
            "COFFEECHAT_MY_ADDRESSES": "jordan@example.org", "COFFEECHAT_SUMMARY_AT": "off",
            "COFFEECHAT_TIMEZONE": "UTC", "COFFEECHAT_DATABASE": database or self.cluster.url}.items()))
        return str(path)

    def fill(self, users: list[str], inbox: int) -> None:
        from imapclient import IMAPClient

        inbox_mail, sent_mail = mailbox(inbox, inbox // 4, NOW)  # made once: every mailbox gets the same mail
        for user in users:
            with IMAPClient(self.server.host, port=self.server.port, ssl=False) as client:
                client.login(f"{user}@example.org", self.server.password)
                for folder, messages, flags in (("INBOX", inbox_mail, ()), ("Sent", sent_mail, (b"\\Seen",))):
                    for start in range(0, len(messages), 1000):
                        client.multiappend(folder, [{"msg": raw, "date": when, "flags": flags}
                                                    for raw, when in messages[start:start + 1000]])

    def first_syncs(self, users: list[str]) -> list[float]:
        """Every mailbox's first sync, two at a time (the cores there are): CPU seconds each."""
        cpu: list[float] = []
        for start in range(0, len(users), 2):
            runs = [self._start(self.env_file(user), 0, 0, 0) for user in users[start:start + 2]]
            for process in runs:
                process.stdin.write("go\n")
                process.stdin.flush()
                cpu.append(self._finish(process)["warmup_cpu"])
        return cpu

    def level(self, users: list[str], noop: int, new: int, round_base: int, database: str | None = None) -> dict:
        """len(users) processes at once, each cycling on its own mailbox: what each cycle cost, and where."""
        runs = [self._start(self.env_file(user, database), noop, new, round_base) for user in users]
        for process in runs:
            assert process.stdout.readline().strip() == "ready", process.stderr.read()
        connections = self.cluster.sql("SELECT count(*) FROM pg_stat_activity WHERE usename = %s",
                                        (postgres.USER,))[0][0]
        before = self._servers_cpu()
        started = time.perf_counter()
        for process in runs:
            process.stdin.write("go\n")
            process.stdin.flush()
        found = [self._finish(process) for process in runs]
        wall = time.perf_counter() - started
        after = self._servers_cpu()
        cycles = len(users) * (noop + new)
        noop_cpu = [c for f in found for c in f["noop_cpu"]]
        new_cpu = [c for f in found for c in f["new_cpu"]]
        return {
            "mailboxes": len(users), "sqlite": database is not None, "cycles": cycles, "wall": wall,
            "noop_cpu": statistics.median(noop_cpu), "new_cpu": statistics.median(new_cpu) if new_cpu else None,
            "noop_wall": statistics.median(w for f in found for w in f["noop_wall"]),
            "postgres_cpu": (after["postgres"] - before["postgres"]) / cycles,
            "dovecot_cpu": (after["dovecot"] - before["dovecot"]) / cycles,
            "connections": connections, "rss_mb": max(f["rss_mb"] for f in found),
        }

    def _start(self, env_file: str, noop: int, new: int, round_base: int) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, __file__, "--worker", env_file, "--noop-rounds", str(noop),
                                 "--new-rounds", str(new), "--round-base", str(round_base)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                cwd=self.root)

    def _finish(self, process: subprocess.Popen) -> dict:
        out, err = process.communicate(timeout=900)
        if process.returncode != 0:
            raise SystemExit(f"a worker failed: {err.strip()[-2000:]}")
        return json.loads(out.strip().splitlines()[-1])

    def _servers_cpu(self) -> dict[str, float]:
        """CPU seconds PostgreSQL and Dovecot have used so far: each master, its children alive and reaped."""
        postmaster = int((self.cluster.root / "data" / "postmaster.pid").read_text().split()[0])
        return {"postgres": _tree_cpu(postmaster), "dovecot": _tree_cpu(self.server.process.pid)}

    def daemon_connections(self, user: str) -> dict[str, int]:
        """The connections one `coffeechat run` holds while it waits for mail, counted from /proc."""
        log = self.root / "daemon.log"
        daemon = subprocess.Popen([sys.executable, "-m", "daemon", "--env-file", self.env_file(user), "run"],
                                  stdout=subprocess.DEVNULL, stderr=log.open("w"), cwd=self.root)
        try:
            deadline = time.monotonic() + 120
            while "Nothing is due" not in log.read_text() and "Read " not in log.read_text():
                if time.monotonic() > deadline or daemon.poll() is not None:
                    raise SystemExit(f"the daemon did not finish a cycle: {log.read_text()[-2000:]}")
                time.sleep(0.2)
            time.sleep(2)  # into IDLE
            ports = _remote_ports(daemon.pid)
        finally:
            daemon.terminate()
            daemon.wait(timeout=30)
        return {"imap": ports[self.server.port], "postgresql": ports[self.cluster.port]}

    def size_of(self, contacts: int) -> dict[str, float]:
        """The contact log's size for this many contacts, each with its outreach, a reply and their history."""
        from daemon.contact_log.store import Store
        from daemon.mail.classify import OUTREACH, REPLY, MailEvent

        events, seen = [], []
        for n in range(contacts):
            when = NOW - timedelta(days=30, minutes=n)
            address = f"person{n}@org{n % 300}.example"
            outreach, reply = f"<size-{n}@example.org>", f"<size-reply-{n}@org.example>"
            events.append(("Sent", MailEvent(kind=OUTREACH, message_id=outreach, date=when, contact=address,
                                             name=f"Person {n}", subject="Informational interview?",
                                             thread=(outreach,))))
            events.append(("INBOX", MailEvent(kind=REPLY, message_id=reply, date=when + timedelta(days=2),
                                              contact=address, name=f"Person {n}",
                                              subject="Re: Informational interview?", thread=(outreach, reply))))
            seen += [(outreach, address, when), (reply, address, when + timedelta(days=2))]
        schema = "bench_size"
        store = Store(f"{self.cluster.url}?schema={schema}")
        store.record(events, {}, NOW, seen=seen)
        store.db.execute_sql("VACUUM ANALYZE")  # what a day of autovacuum leaves: no dead rows counted
        postgres_bytes = store.db.execute_sql(
            "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND c.relkind = 'r'", (schema,)).fetchone()[0]
        store.close()
        path = self.root / "size.sqlite3"
        store = Store(str(path))
        store.record(events, {}, NOW, seen=seen)
        store.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        store.close()
        return {"contacts": contacts, "postgres_mb": int(postgres_bytes) / 1e6, "sqlite_mb": path.stat().st_size / 1e6}


def _tree_cpu(pid: int) -> float:
    """utime + stime + the reaped children's of a process and of its live children (Dovecot's and
    PostgreSQL's workers are its direct children)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        if int(proc.name) == pid or int(fields[1]) == pid:
            total += sum(int(v) for v in fields[11:15])
    return total / tick


def _remote_ports(pid: int) -> Counter:
    """The remote ports of a process's established TCP connections."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        target = os.readlink(fd)
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    ports: Counter = Counter()
    for table in ("tcp", "tcp6"):
        for line in Path(f"/proc/net/{table}").read_text().splitlines()[1:]:
            parts = line.split()
            if parts[3] == "01" and parts[9] in inodes:  # 01: ESTABLISHED
                ports[int(parts[2].rsplit(":", 1)[1], 16)] += 1
    return ports


# --- the report --------------------------------------------------------------------------------------------------

def table(levels: list[dict], first: list[float], daemon: dict, size: dict, inbox: int) -> str:
    heads = [f"{lv['mailboxes']} (SQLite)" if lv["sqlite"] else str(lv["mailboxes"]) for lv in levels]
    lines = ["| mailboxes, one process each | " + " | ".join(heads) + " |", "|---|" + "---|" * len(levels)]

    def row(name: str, values: list[str]) -> None:
        lines.append(f"| {name} | " + " | ".join(values) + " |")

    row("coffeechat CPU per cycle, nothing new", [f"{lv['noop_cpu'] * 1000:.0f} ms" for lv in levels])
    row("coffeechat CPU per cycle, 10 new messages",
        [f"{lv['new_cpu'] * 1000:.0f} ms" if lv["new_cpu"] is not None else "" for lv in levels])
    row("PostgreSQL CPU per cycle (all cycles)",
        [f"{lv['postgres_cpu'] * 1000:.0f} ms" if not lv["sqlite"] else "" for lv in levels])
    row("Dovecot CPU per cycle (all cycles)", [f"{lv['dovecot_cpu'] * 1000:.0f} ms" for lv in levels])
    row("wall time of a quiet cycle (median)", [f"{lv['noop_wall'] * 1000:.0f} ms" for lv in levels])
    row("PostgreSQL connections open", [str(lv["connections"]) if not lv["sqlite"] else "" for lv in levels])
    row("memory of one process after its cycles (RSS)", [f"{lv['rss_mb']:.0f} MB" for lv in levels])
    pg = [lv for lv in levels if not lv["sqlite"]]
    quiet = statistics.median(lv["noop_cpu"] for lv in pg)
    busy = statistics.median(lv["new_cpu"] for lv in pg if lv["new_cpu"] is not None)
    servers = statistics.median(lv["postgres_cpu"] + lv["dovecot_cpu"] for lv in pg)
    lines += [
        "",
        f"Each mailbox: {inbox:,} messages in INBOX and {inbox // 4:,} in Sent (bench/mailbox.py), first sync "
        f"{statistics.median(first):.2f} s of CPU (median).",
        "",
        "| sizing | figure |",
        "|---|---|",
        f"| mailboxes per core, coffeechat alone, at the default poll ({POLL_SECONDS} s), nothing new | "
        f"{POLL_SECONDS / quiet:,.0f} |",
        f"| mailboxes per core, coffeechat alone, 10 new messages at every poll | {POLL_SECONDS / busy:,.0f} |",
        f"| mailboxes per core, with PostgreSQL and Dovecot on the same core, nothing new | "
        f"{POLL_SECONDS / (quiet + servers):,.0f} |",
        f"| mailboxes per GiB of memory, one process each | {1024 / max(lv['rss_mb'] for lv in pg):,.0f} |",
        f"| IMAP connections one `coffeechat run` holds while it waits (IDLE) | {daemon['imap']} |",
        f"| PostgreSQL connections one `coffeechat run` holds | {daemon['postgresql']} |",
        f"| PostgreSQL size of a log of {size['contacts']:,} contacts, each with outreach, a reply and history | "
        f"{size['postgres_mb']:.1f} MB (SQLite: {size['sqlite_mb']:.1f} MB) |",
    ]
    return "\n".join(lines)


def machine(cluster: postgres.Cluster) -> str:
    version = cluster.sql("SHOW server_version")[0][0].split()[0]
    return f"{bench_run.machine()}, PostgreSQL {version}; coffeechat, PostgreSQL and Dovecot on the same machine"


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--mailboxes", default="1,4,16,32", help="how many at once, comma-separated")
    options.add_argument("--inbox", type=int, default=2400, help="INBOX messages per mailbox (Sent: a quarter)")
    options.add_argument("--noop-rounds", type=int, default=5)
    options.add_argument("--new-rounds", type=int, default=3)
    options.add_argument("--contacts", type=int, default=10_000, help="for the database's size")
    options.add_argument("--write", default=str(HERE.parent / "BENCHMARKS.md"), help="'' to write nothing")
    options.add_argument("--worker", help=argparse.SUPPRESS)
    options.add_argument("--round-base", type=int, default=0, help=argparse.SUPPRESS)
    args = options.parse_args()
    if args.worker:
        worker(args.worker, args.noop_rounds, args.new_rounds, args.round_base)
        return 0
    counts = [int(n) for n in args.mailboxes.split(",")]
    users = [f"box{n:03d}" for n in range(1, max(counts) + 1)]
    root = Path(tempfile.mkdtemp(prefix="coffeechat-scale-"))
    server = localmail.start(root / "dovecot")
    cluster = postgres.start()
    try:
        bench = Bench(root, server, cluster)
        say("Dovecot and PostgreSQL started")
        bench.fill(users, args.inbox)
        say(f"filled {len(users)} mailboxes of {args.inbox + args.inbox // 4:,} messages")
        first = bench.first_syncs(users)
        say(f"first syncs done: {statistics.median(first):.2f} s of CPU each")
        levels = [bench.level(users[:1], args.noop_rounds, args.new_rounds, 0,
                              database=str(root / "sqlite.sqlite3"))]
        for index, count in enumerate(counts, start=1):
            levels.append(bench.level(users[:count], args.noop_rounds, args.new_rounds, index * 100))
            say(f"{count} at once: {levels[-1]['noop_cpu'] * 1000:.0f} ms CPU a quiet cycle, "
                f"{levels[-1]['wall']:.1f} s in all")
        daemon = bench.daemon_connections(users[0])
        say(f"one `coffeechat run` holds {daemon['imap']} IMAP and {daemon['postgresql']} PostgreSQL connections")
        size = bench.size_of(args.contacts)
        say(f"{args.contacts:,} contacts take {size['postgres_mb']:.1f} MB in PostgreSQL")
        result = (f"{table(levels, first, daemon, size, args.inbox)}\n\n"
                  f"Measured {datetime.now(timezone.utc):%Y-%m-%d} on {machine(cluster)}.")
    finally:
        cluster.stop()
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
    print(result)
    if args.write:
        bench_run.write(Path(args.write), result, MARK_BEGIN, MARK_END)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
