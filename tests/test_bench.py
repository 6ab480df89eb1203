"""`make bench` still works: a tiny run of bench/run.py, end to end. No timing is asserted, ever."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_a_tiny_benchmark_runs_every_measure_and_writes_its_table(tmp_path):
    results = tmp_path / "BENCHMARKS.md"
    results.write_text("# Benchmarks\n\nEarlier notes stay.\n")
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "300", "--contacts", "200",
                          "--idle-seconds", "1", "--noop-rounds", "1", "--new-rounds", "1", "--write", str(results)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    for measure in ("floor: a bare client", "coffeechat's first sync", "cycle with nothing new",
                    "cycle after 10 new messages", "cycle on an empty mailbox", "**first sync / floor**",
                    "**no-op / empty**", "**10 new / no-op**", "peak memory", "rules over 200 contacts",
                    "CPU used by `coffeechat run`"):
        assert measure in run.stdout
    assert "375 messages" in run.stdout                        # 300 INBOX and a quarter as many in Sent
    assert "Every target holds." in run.stdout or "Missed: " in run.stdout
    written = results.read_text()
    assert written.startswith("# Benchmarks\n\nEarlier notes stay.\n")
    assert written.count("<!-- bench:begin -->") == 1 and run.stdout.strip() in written
