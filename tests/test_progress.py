"""A first sync in a terminal says how far it is; in a pipe or under systemd it prints no progress."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from datetime import timedelta

from corpus import ME, NOW, mail

from daemon import logs


def fill(mailbox, count: int) -> None:
    client = mailbox.client()
    messages = [{"msg": mail(sender=f"Sender {n} <s{n}@shop{n % 40}.example>", to=ME, subject=f"Order {n}",
                             when=NOW - timedelta(hours=n)), "date": NOW - timedelta(hours=n)} for n in range(count)]
    for start in range(0, count, 500):
        client.multiappend("INBOX", messages[start:start + 500])
    client.logout()


def sync(mailbox, tmp_path, terminal: bool, **environ: str) -> str:
    env_file = tmp_path / "coffeechat.env"
    env_file.write_text("".join(f"{k}={v}\n" for k, v in mailbox.values(timezone="UTC").items()))
    env_file.chmod(0o600)
    command = [sys.executable, "-m", "daemon", "--env-file", str(env_file), "sync"]
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), **environ}
    if not terminal:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stderr
    leader, follower = pty.openpty()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert process.wait(timeout=120) == 0
    os.close(leader)
    return b"".join(chunks).decode()


def test_a_first_sync_keeps_one_progress_line_in_a_terminal_and_none_elsewhere(mailbox, tmp_path):
    fill(mailbox, 2100)
    assert "Reading INBOX" not in sync(mailbox, tmp_path, terminal=False)
    mailbox.database.unlink()  # each time a first sync again
    assert "Reading INBOX" not in sync(mailbox, tmp_path, terminal=True, INVOCATION_ID="0123abcd")  # systemd
    mailbox.database.unlink()
    err = sync(mailbox, tmp_path, terminal=True)
    steps = [step for step in err.split("\r") if step.startswith("Reading INBOX")]
    assert steps == ["Reading INBOX: 1,000 of 2,100 messages\x1b[K", "Reading INBOX: 2,000 of 2,100 messages\x1b[K",
                     "Reading INBOX: 2,100 of 2,100 messages\x1b[K"]
    assert "\rSorting out 2,100 messages: who is networking, who answered\x1b[K\r\x1b[K" in err  # then cleared


def test_the_progress_line_is_only_for_a_terminal():
    class Terminal:
        def __init__(self):
            self.text = ""

        def isatty(self):
            return True

        def write(self, text):
            self.text += text

        def flush(self):
            pass

    screen = Terminal()
    show = logs.progress_line(screen, environ={})
    show("Reading INBOX: 1,000 of 9,000 messages")
    show("")
    assert screen.text == "\rReading INBOX: 1,000 of 9,000 messages\x1b[K\r\x1b[K"
    assert logs.progress_line(screen, environ={"JOURNAL_STREAM": "8:1234"}) is None
