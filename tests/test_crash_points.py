"""Crash at every write point: killed with no cleanup there, run again, the same end as a run never interrupted.

For each point of daemon/faults.py (before and after each IMAP write and each commit of a
cycle) a process runs the cycles of crash_story.py with TEST_COFFEECHAT_CRASH_AT set, dies by
SIGKILL the first time it gets there, and the cycle is run again without it. The mailbox
(every message in INBOX, Drafts and Sent) and the contact log (every table) must then be
exactly those of an identical mailbox whose cycles were never interrupted.

The cycles run in forked children of the test process (one_cycle.forked): real processes
the switch kills, without Python's start-up each time. The last test sets the switch on the
`coffeechat` command itself. Cost: ~1.5 s a point.
"""

from __future__ import annotations

import ast
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import crash_story as story
import one_cycle
import pytest
import reliability

from daemon import faults

RUNS = (story.NOW, story.NEXT_DAY)  # with the_next_day() between them


def scenario(scene: story.Scene, crash_at: str | None = None) -> bool:
    """Both cycles; the first to reach `crash_at` dies there and is run again. Whether one died."""
    died = False
    for step, now in enumerate(RUNS):
        if step:
            story.the_next_day(scene)
        killed, _ = one_cycle.forked(scene.settings, now, None if died else crash_at)
        if killed:
            died = True
            assert not one_cycle.forked(scene.settings, now)[0]
    return died


def where(named: str) -> tuple[str, str] | str:
    """The folder and recipient of the message a Message-ID in the contact log names (crash_story.contact_log)."""
    found = ast.literal_eval(named)
    return found[:2] if isinstance(found, tuple) else found


@pytest.fixture(scope="module")
def log(dovecot, tmp_path_factory) -> bytes:
    one_cycle.warm()
    return story.prepared_log(dovecot, tmp_path_factory.mktemp("crash-log"))


@pytest.fixture(scope="module")
def base() -> list:
    return story.base_mail()


@pytest.fixture(scope="module")
def uninterrupted(dovecot, log, base, tmp_path_factory):
    scene = story.new_scene(dovecot, tmp_path_factory.mktemp("uninterrupted"), log, base)
    assert not scenario(scene)
    return story.snapshot(scene)


def test_the_story_writes_every_kind_of_message_once(uninterrupted):
    """The uninterrupted run itself: each kind of draft, the prep note and the summary, each where it belongs."""
    folders, contact_log = uninterrupted
    written = sorted((row["kind"], row["state"], where(row["message_id"])) for row in map(dict, contact_log["draft"]))
    assert written == [
        ("ask_follow_up", "placed", ("Drafts", "Ana Ruiz <ana@coop.example>")),
        ("check_in", "dismissed", "not in any folder"),  # the user deleted it
        ("follow_up", "cancelled", ("Drafts", "Maria López <maria@progressive.example>")),  # she replied
        ("follow_up", "placed", ("Drafts", "Sam Chen <sam@campaign.example>")),
        ("prep", "placed", ("INBOX", "Jordan Rivera <jordan@example.org>")),
        ("thank_you", "cancelled", ("Drafts", "Omar Haddad <omar@tenants.example>")),  # the user wrote their own
        ("thank_you", "placed", ("Drafts", "Priya Natarajan <priya@union.example>")),
        ("thank_you", "sent", ("Sent", "Henry Okafor <henry@union.example>")),
        ("warm_intro", "placed", ("Drafts", "Lena Cho <lena@labor.example>")),
    ]
    [summary] = map(dict, contact_log["summary"])
    assert (summary["week"], summary["state"], where(summary["message_id"])) == (
        "2026-W48", "delivered", ("INBOX", "Jordan Rivera <jordan@example.org>"))
    assert len(folders["Drafts"]) == 6 and len(folders["INBOX"]) == 13


@pytest.mark.parametrize("point", faults.POINTS)
def test_a_crash_at_a_write_point_ends_where_an_uninterrupted_run_ends(point, dovecot, log, base, tmp_path,
                                                                       uninterrupted):
    scene = story.new_scene(dovecot, tmp_path, log, base)
    assert scenario(scene, point), f"no cycle reached {point!r}"
    folders, contact_log = story.snapshot(scene)
    assert folders == uninterrupted[0]
    assert contact_log == uninterrupted[1]
    reliability.count("crash points covered")


def test_every_point_is_in_the_code_and_every_point_in_the_code_is_known():
    """The registry and the calls agree: no point the tests would skip, none they ask for in vain."""
    source = "\n".join(path.read_text() for path in Path(faults.__file__).parent.rglob("*.py"))
    called = set(re.findall(r'faults\.point\("([^"{]+)"\)', source))
    for template in re.findall(r'faults\.point\(f"([^"]+)"\)', source):  # the draft states
        called |= {p for p in faults.POINTS if re.fullmatch(re.sub(r"\\{[^}]+\\}", ".+", re.escape(template)), p)}
    assert called == set(faults.POINTS)
    with pytest.raises(ValueError, match="names no point"):
        faults.arm("before the draft append")  # a typo in a test is refused, not silently never reached
    faults.arm("")


def test_the_switch_stops_the_coffeechat_command_itself(mailbox, tmp_path):
    """Set in the environment of `coffeechat sync` (a real run, at the real time): it dies there, by SIGKILL,
    and the next run finishes what it left."""
    for folder, raw, flags, when in story.base_mail()[:4]:
        mailbox.append(folder, raw, when=when, flags=flags)
    env_file = tmp_path / "coffeechat.env"
    values = mailbox.values(**story.SETTINGS, backfill_days="3650")  # the story's mail, however late this runs
    env_file.write_text("".join(f"{k}={v}\n" for k, v in values.items()))
    env_file.chmod(0o600)

    def sync(crash_at: str | None) -> int:
        env = {k: v for k, v in os.environ.items() if k != faults.VARIABLE}
        env.update({faults.VARIABLE: crash_at} if crash_at else {})
        return subprocess.run([sys.executable, "-m", "daemon", "--env-file", str(env_file), "sync"], env=env,
                              cwd=tmp_path, capture_output=True, timeout=60).returncode

    assert sync("before events commit") == -signal.SIGKILL
    assert story.contact_log(mailbox.database, {}).get("event", []) == []  # nothing of it committed
    assert sync(None) == 0
    assert {dict(row)["message_id"] for row in story.contact_log(mailbox.database, {})["event"]} == {
        "<o-maria@example.org>", "<o-henry@example.org>", "<r-henry@example.net>", "<i-henry@example.net>"}


def test_the_switch_waits_for_the_nth_time_a_point_is_reached(dovecot, log, base, tmp_path):
    scene = story.new_scene(dovecot, tmp_path, log, base)
    assert one_cycle.forked(scene.settings, story.NOW, "after draft append#3")[0]
    assert len(story.messages(scene)["Drafts"]) == 3  # of the six the first cycle makes
