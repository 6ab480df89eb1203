"""Random kill -9: cycles of crash_story.py killed at random moments, mail arriving meanwhile; nothing lost or doubled.

Each chain is the story on a fresh mailbox: three cycles (NOW, the next day, a week on). Before
each cycle finishes, it is started and killed with SIGKILL at a random moment several times
over, each killed run starting from what the one before left; at the next day the new mail
arrives while those runs are being killed. After each finished cycle the mailbox and the
contact log must be exactly what an uninterrupted chain has at that point: one draft per
contact, kind and attempt, one summary per week, every event.

Fast path: the test process forks for each cycle (no Python start-up, no imports), so a
trial costs a fraction of a cycle. KILL_TRIALS kills in CI (~40 s); `make soak` runs
TEST_COFFEECHAT_SOAK_TRIALS of them (default 3000).
"""

from __future__ import annotations

import os
import random
import threading
import time

import crash_story as story
import one_cycle
import pytest
import reliability

KILL_TRIALS = 200
KILLS = (6, 5, 4)  # per cycle of the story: fewer where less is left to do
PHASES = (story.NOW, story.NEXT_DAY, story.NEXT_WEEK)


def chain(dovecot, log: bytes, base: list, directory, rng: random.Random | None = None,
          durations: list[float] | None = None) -> tuple[int, list]:
    """The story's three cycles on a fresh mailbox; with `rng`, each killed at random moments first.
    Returns the kills that landed mid-cycle and a snapshot after each cycle; without `rng`, the
    `durations` of the cycles are appended to."""
    scene = story.new_scene(dovecot, directory, log, base)
    kills, snapshots = 0, []
    for phase, now in enumerate(PHASES):
        arrivals = story.the_next_day(scene, arrivals_later=True) if phase == 1 else []
        if rng is not None:
            arrive_at = rng.randrange(KILLS[phase])
            longest = durations[phase]  # a cycle with less left to do ends sooner: then kill within that
            for trial in range(KILLS[phase]):
                mail = None
                if arrivals and trial == arrive_at:  # new mail lands while a cycle runs (or is being killed)
                    mail = threading.Timer(rng.uniform(0, longest), story.deliver, (scene, arrivals))
                    mail.start()
                killed, took = one_cycle.forked(scene.settings, now, kill_after=rng.uniform(0, longest))
                kills += killed
                if not killed:
                    longest = took
                if mail is not None:
                    mail.join()
        elif arrivals:
            story.deliver(scene, arrivals)
        killed, took = one_cycle.forked(scene.settings, now)
        assert not killed
        if rng is None:
            durations.append(took)
        if phase == len(PHASES) - 1:
            assert not one_cycle.forked(scene.settings, now)[0]  # once more at the end: it changes nothing
        snapshots.append(story.snapshot(scene))
    return kills, snapshots


@pytest.fixture(scope="module")
def log(dovecot, tmp_path_factory) -> bytes:
    one_cycle.warm()
    return story.prepared_log(dovecot, tmp_path_factory.mktemp("kill-log"))


@pytest.fixture(scope="module")
def reference(dovecot, log, tmp_path_factory) -> tuple[list, list[float]]:
    """The snapshots of an uninterrupted chain, and how long each of its cycles took."""
    durations: list[float] = []
    _, snapshots = chain(dovecot, log, story.base_mail(), tmp_path_factory.mktemp("reference"), durations=durations)
    return snapshots, durations


def kill_trials(dovecot, log, reference, tmp_path, wanted: int, seed: int) -> int:
    snapshots, durations = reference
    base = story.base_mail()
    rng = random.Random(seed)
    landed = 0
    chains = 0
    while landed < wanted:
        kills, found = chain(dovecot, log, base, tmp_path / f"chain{chains}", rng, durations)
        chains += 1
        for phase, (got, expected) in enumerate(zip(found, snapshots, strict=True)):
            where = f"seed {seed}, chain {chains}, cycle {phase + 1}"
            assert got[0] == expected[0], f"{where}: the mailbox differs: {story.difference(got[0], expected[0])}"
            assert got[1] == expected[1], f"{where}: the contact log differs: {story.difference(got[1], expected[1])}"
        landed += kills
    # The last chain runs on past `wanted`, by a number that depends on the machine's timing: the figure
    # README states is the number every run is sure to reach, all of them held.
    reliability.count("kill -9 trials, at least", wanted)
    return landed


def seed() -> int:
    """A new one each run (a failure names it); TEST_COFFEECHAT_KILL_SEED replays one."""
    return int(os.environ.get("TEST_COFFEECHAT_KILL_SEED") or time.time())


def test_cycles_killed_at_random_moments_end_as_if_never_killed(dovecot, log, reference, tmp_path):
    started = time.monotonic()
    landed = kill_trials(dovecot, log, reference, tmp_path, KILL_TRIALS, seed=seed())
    print(f"\n{landed} kill trials in {time.monotonic() - started:.1f} s")


@pytest.mark.skipif(not os.environ.get("TEST_COFFEECHAT_SOAK_TRIALS"), reason="make soak")
def test_soak(dovecot, log, reference, tmp_path):
    wanted = int(os.environ["TEST_COFFEECHAT_SOAK_TRIALS"])
    started = time.monotonic()
    landed = kill_trials(dovecot, log, reference, tmp_path, wanted, seed=seed())
    print(f"\n{landed} kill trials in {time.monotonic() - started:.1f} s")
