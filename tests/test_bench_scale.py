"""`make bench-scale` still works: a tiny run of bench/scale.py, end to end. No timing is asserted, ever."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_a_tiny_scale_benchmark_measures_every_figure_and_writes_its_table(tmp_path):
    results = tmp_path / "BENCHMARKS.md"
    results.write_text("# Benchmarks\n\n<!-- bench:begin -->\nthe other table\n<!-- bench:end -->\n")
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "scale.py"), "--mailboxes", "2", "--inbox", "100",
                          "--noop-rounds", "1", "--new-rounds", "1", "--contacts", "50", "--write", str(results)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    for measure in ("| mailboxes, one process each | 1 (SQLite) | 2 |", "coffeechat CPU per cycle, nothing new",
                    "coffeechat CPU per cycle, 10 new messages", "PostgreSQL CPU per cycle", "Dovecot CPU per cycle",
                    "| PostgreSQL connections open |  | 2 |", "mailboxes per core", "mailboxes per GiB of memory",
                    "| IMAP connections one `coffeechat run` holds while it waits (IDLE) | 1 |",
                    "| PostgreSQL connections one `coffeechat run` holds | 1 |",
                    "PostgreSQL size of a log of 50 contacts", "100 messages in INBOX and 25 in Sent"):
        assert measure in run.stdout
    written = results.read_text()
    assert written.startswith("# Benchmarks\n\n<!-- bench:begin -->\nthe other table\n<!-- bench:end -->\n")
    assert written.count("<!-- scale:begin -->") == 1 and run.stdout.strip() in written
