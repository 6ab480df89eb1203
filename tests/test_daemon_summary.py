"""The daemon sends the weekly summary once at its minute, and once at a start after a missed one.

`coffeechat run` as systemd runs it: a real process against the test Dovecot, stopped with
SIGTERM. The summary's time is set a few seconds ahead (or just behind) the real clock.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone

import pytest
from corpus import wait_for

from daemon.playbook.weekly import WEEKDAYS


def summaries(mailbox) -> int:
    with mailbox.client() as client:
        client.select_folder("INBOX", readonly=True)
        return len(client.search(["SUBJECT", "coffeechat week"]))


def start(mailbox, tmp_path, at: datetime) -> tuple[subprocess.Popen, object]:
    values = mailbox.values(timezone="UTC", poll_seconds="10",
                            summary_at=f"{WEEKDAYS[at.weekday()]} {at:%H:%M:%S}")
    env_file = tmp_path / "daemon.env"
    env_file.write_text("".join(f"{k}={v}\n" for k, v in values.items()))
    log = tmp_path / f"daemon-{time.monotonic_ns()}.log"
    process = subprocess.Popen([sys.executable, "-m", "daemon", "--env-file", str(env_file), "run"],
                               stdout=subprocess.DEVNULL, stderr=log.open("w"), cwd=tmp_path)
    return process, log


def stop(process: subprocess.Popen) -> int:
    process.send_signal(signal.SIGTERM)
    return process.wait(timeout=15)


def same_iso_week(a: datetime, b: datetime) -> bool:
    return a.isocalendar()[:2] == b.isocalendar()[:2]


def test_the_daemon_sends_the_summary_once_at_its_minute(mailbox, tmp_path):
    now = datetime.now(timezone.utc).replace(microsecond=0)
    at = now + timedelta(seconds=8)
    if not same_iso_week(now, at):
        pytest.skip("the test would straddle the end of an ISO week")
    process, log = start(mailbox, tmp_path, at)
    try:
        assert wait_for(lambda: "weekly summary" in log.read_text(), 6), log.read_text()
        assert wait_for(lambda: "Nothing is due" in log.read_text() or "Read " in log.read_text(), 6)
        if datetime.now(timezone.utc) < at:
            assert summaries(mailbox) == 0  # not before its time
        assert wait_for(lambda: summaries(mailbox) == 1, 20), log.read_text()
        time.sleep(12)  # a poll cycle later: still one
        assert summaries(mailbox) == 1
    finally:
        code = stop(process)
    assert code == 0
    assert log.read_text().count("was put in your INBOX") == 1


def test_a_missed_summary_goes_out_at_the_next_start_and_never_twice(mailbox, tmp_path):
    now = datetime.now(timezone.utc).replace(microsecond=0)
    at = now - timedelta(minutes=1)   # the machine was off at that minute
    if not same_iso_week(now, at):
        pytest.skip("the test would straddle the start of an ISO week")
    process, log = start(mailbox, tmp_path, at)
    try:
        assert wait_for(lambda: summaries(mailbox) == 1, 15), log.read_text()
    finally:
        assert stop(process) == 0
    process, log = start(mailbox, tmp_path, at)   # started again the same week
    try:
        assert wait_for(lambda: "Nothing is due" in log.read_text() or "Read " in log.read_text(), 15)
        time.sleep(1)
    finally:
        assert stop(process) == 0
    assert summaries(mailbox) == 1
    assert "was put in your INBOX" not in log.read_text()
