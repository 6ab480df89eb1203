"""Crash at every write point: killed with no cleanup there, run again, the same end as a run never interrupted.

For each point of daemon/faults.py (before and after each IMAP write and each commit of a
cycle) a real process runs the cycles of crash_story.py with TEST_COFFEECHAT_CRASH_AT set,
dies by SIGKILL the first time it gets there, and the cycle is run again without it. The
mailbox (every message in INBOX, Drafts and Sent) and the contact log (every table) must then
be exactly those of an identical mailbox whose cycles were never interrupted.

Cost: ~3 Python processes per point (a cycle takes ~0.2 s, starting Python ~0.3 s).
"""

from __future__ import annotations

import ast
import os
import signal
import subprocess
import sys
from pathlib import Path

import crash_story as story
import pytest
import reliability

from daemon import faults

CYCLE = Path(__file__).with_name("one_cycle.py")
RUNS = (story.NOW, story.NEXT_DAY)  # with the_next_day() between them


def run_cycle(scene: story.Scene, now, crash_at: str | None = None) -> tuple[int, str]:
    """One cycle in a Python process of its own: (its exit code, negative for a signal; its stderr)."""
    env = {k: v for k, v in os.environ.items() if k != faults.VARIABLE}
    if crash_at:
        env[faults.VARIABLE] = crash_at
    done = subprocess.run([sys.executable, str(CYCLE), str(scene.env_file), now.isoformat()], env=env,
                          capture_output=True, timeout=120)
    return done.returncode, done.stderr.decode(errors="replace")


def scenario(scene: story.Scene, crash_at: str | None = None) -> bool:
    """Both cycles; the first to reach `crash_at` dies there and is run again. Whether one died."""
    died = False
    for step, now in enumerate(RUNS):
        if step:
            story.the_next_day(scene)
        code, err = run_cycle(scene, now, None if died else crash_at)
        if code == -signal.SIGKILL:
            died = True
            code, err = run_cycle(scene, now)
        assert code == 0, err
    return died


def where(named: str) -> tuple[str, str] | str:
    """The folder and recipient of the message a Message-ID in the contact log names (crash_story.contact_log)."""
    found = ast.literal_eval(named)
    return found[:2] if isinstance(found, tuple) else found


@pytest.fixture(scope="module")
def log(dovecot, tmp_path_factory) -> bytes:
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
