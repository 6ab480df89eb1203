"""One cycle of the daemon at a given time: `python tests/one_cycle.py ENV_FILE NOW`, or `forked()`.

What `coffeechat run` does each time it wakes (daemon/loop.py `_cycle`): the sync with its
drafts and notes, then the weekly summary if it is due. The crash tests need it at a chosen
`now`, and neither command offers that (`sync --now` only previews; the daemon reads the clock).

`forked()` runs it in a child of the test process: a real process of its own that a SIGKILL
(the fault switch's, or the test's) ends with no cleanup, without starting Python again. The
settings are read once, as the daemon reads them, and the templates compiled once (`warm()`),
as in a daemon's later cycles.
"""

from __future__ import annotations

import os
import signal
import sys
import time
import traceback
from datetime import datetime

from daemon import faults
from daemon import settings as settings_module
from daemon.contact_log.store import Store
from daemon.service import run_cycle
from daemon.settings import Settings
from daemon.writing import delivery, drafts


def cycle(settings: Settings, now: datetime, trace: str | None = None) -> None:
    """With `trace`, every SQL statement the cycle sends after opening the contact log is appended to that file."""
    store = Store(settings.database)
    if trace:
        statements = open(trace, "a", buffering=1)  # noqa: SIM115 - line by line: the process may die at any point
        store.db.connection().set_trace_callback(lambda sql: statements.write(" ".join(sql.split()) + "\n"))
    try:
        run_cycle(settings, store, now)
        delivery.send_if_due(settings, store, now)
    finally:
        store.close()


def forked(settings: Settings, now: datetime, crash_at: str | None = None,
           kill_after: float | None = None, trace: str | None = None) -> tuple[bool, float]:
    """One cycle in a forked child, with the fault switch set to `crash_at` (as the environment sets it), or
    killed with SIGKILL after `kill_after` seconds: whether it died by SIGKILL, and how long it ran.
    A cycle that failed any other way fails the test (its traceback on stderr)."""
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child: one cycle, then out without the parent's cleanup (pytest's, atexit)
        code = 1
        try:
            os.environ.pop(faults.VARIABLE, None)
            if crash_at:
                os.environ[faults.VARIABLE] = crash_at
            faults.arm()
            cycle(settings, now, trace)
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    if kill_after is not None:
        time.sleep(kill_after)
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    took = time.monotonic() - started
    if os.WIFSIGNALED(status):
        assert os.WTERMSIG(status) == signal.SIGKILL
        return True, took
    assert os.WEXITSTATUS(status) == 0, "the cycle failed (its traceback is above)"
    return False, took


def warm() -> None:
    """Compile the templates in this process, so forked cycles do not each compile them again."""
    for env in (drafts.environment(None), drafts.environment(None, html=True)):
        for name in env.list_templates():
            env.get_template(name)


if __name__ == "__main__":
    cycle(settings_module.load(sys.argv[1]), datetime.fromisoformat(sys.argv[2]))
