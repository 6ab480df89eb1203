"""One cycle of the daemon at a given time: `python tests/one_cycle.py ENV_FILE NOW`.

What `coffeechat run` does each time it wakes (daemon/loop.py `_cycle`): the sync with its
drafts and notes, then the weekly summary if it is due. The crash tests need it at a chosen
`now`, and neither command offers that (`sync --now` only previews; the daemon reads the clock).
Imported too, so a forked test process can run the very same cycle without starting Python again
(with the settings read once, as the daemon reads them).
"""

from __future__ import annotations

import sys
from datetime import datetime

from daemon import settings as settings_module
from daemon.contact_log.store import Store
from daemon.service import run_cycle
from daemon.settings import Settings
from daemon.writing import delivery


def cycle(settings: Settings, now: datetime) -> None:
    store = Store(settings.database)
    try:
        run_cycle(settings, store, now)
        delivery.send_if_due(settings, store, now)
    finally:
        store.close()


if __name__ == "__main__":
    cycle(settings_module.load(sys.argv[1]), datetime.fromisoformat(sys.argv[2]))
