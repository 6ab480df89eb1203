"""A test-only fault switch: the process dies, with no cleanup at all, at one named write point.

The tests prove that a crash anywhere in a cycle loses and duplicates nothing. Every IMAP
write and every database commit of a cycle has a point just before and just after it
(POINTS). With TEST_COFFEECHAT_CRASH_AT="before draft append" the process kills itself
with SIGKILL the first time it reaches that point: no `finally`, no rollback, no LOGOUT,
exactly as the power going out would. "before draft append#3" waits for the third time.

Unset, as it always is outside the tests, a point costs one comparison: the variable is read
once, at import (`arm()` reads it again, for a test that forked). Its name does not start with
COFFEECHAT_: it is no setting, and the settings refuse names they do not know.
"""

from __future__ import annotations

import os
import signal

VARIABLE = "TEST_COFFEECHAT_CRASH_AT"

# Every point a cycle passes, in the user's words: what is about to be (or was just) written.
POINTS = (
    "before events commit", "after events commit",                          # new mail, contacts, cursors
    "before status commit", "after status commit",                          # a status the rules changed
    "before draft intent commit", "after draft intent commit",              # a draft recorded, not yet placed
    "before draft append", "after draft append",                            # a draft APPENDed to Drafts
    "before prep note append", "after prep note append",                    # a prep note APPENDed to INBOX
    "before draft placed commit", "after draft placed commit",
    "before draft sent commit", "after draft sent commit",                  # the user sent our draft
    "before draft dismissed commit", "after draft dismissed commit",        # the user deleted it
    "before draft cancelled commit", "after draft cancelled commit",        # no longer wanted
    "before summary intent commit", "after summary intent commit",
    "before summary append", "after summary append",
    "before summary delivered commit", "after summary delivered commit",
)

_target: str | None = None
_times = 1
_seen = 0


def arm(spec: str | None = None) -> None:
    """Read the switch: `spec`, else the environment ("name" or "name#N"); empty or unset turns it off."""
    global _target, _times, _seen
    spec = os.environ.get(VARIABLE, "") if spec is None else spec
    name, _, times = spec.partition("#")
    _target, _times, _seen = (name or None), int(times or 1), 0
    if _target is not None and _target not in POINTS:
        raise ValueError(f"{VARIABLE}={spec!r} names no point; points are: {', '.join(POINTS)}")


def point(name: str) -> None:
    """A write point: dies here when the switch names it (for the N-th time); otherwise nothing."""
    global _seen
    if name != _target:
        return
    _seen += 1
    if _seen >= _times:
        os.kill(os.getpid(), signal.SIGKILL)


arm()
