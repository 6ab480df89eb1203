"""The daemon (`coffeechat run`): a cycle every COFFEECHAT_POLL_SECONDS, the weekly summary at its minute.

`schedule` keeps the times: the poll and the summary's weekday and time in the user's zone.
Every cycle also asks whether this week's summary is due, so a Monday the machine slept
through is caught up at the next start or wake-up that week; the contact log's record
of each ISO week makes sure it never goes twice. A failed cycle is logged and retried.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timezone

import peewee
import schedule

from daemon import __version__
from daemon.contact_log.store import Store
from daemon.errors import CoffeechatError, MailboxError, PasswordCommandError, StoreError, TemplateError
from daemon.playbook.weekly import WEEKDAYS, next_slot
from daemon.service import run_cycle
from daemon.settings import Settings
from daemon.writing import delivery
from daemon.writing.report import describe

log = logging.getLogger("coffeechat")


class Daemon:
    def __init__(self, settings: Settings, stopping: list):
        self.settings, self.stopping = settings, stopping
        self.store: Store | None = Store(settings.database)  # opened now, so a bad database stops us at once
        self.scheduler = schedule.Scheduler()
        self.scheduler.every(settings.poll_seconds).seconds.do(self.cycle)
        at = settings.summary_at
        if at is not None:
            weekly = getattr(self.scheduler.every(), WEEKDAYS[at.weekday])
            weekly.at(at.clock(), settings.timezone).do(self.cycle)  # the cycle sends it, fresh from the mailbox

    def run(self) -> int:
        settings = self.settings
        log.info("coffeechat %s watching %s as %s, every %ss", __version__, settings.imap_host,
                 settings.imap_user, settings.poll_seconds)
        if settings.summary_at is not None:
            upcoming = next_slot(datetime.now(timezone.utc), settings.zone, settings.summary_at)
            log.info("weekly summary %s %s (%s); next %s", settings.summary_at.words(), settings.timezone,
                     "by SMTP" if settings.smtp else "to INBOX", f"{upcoming:%Y-%m-%d %H:%M}")
        try:
            self.cycle()  # at once: a summary missed while the machine was off goes out now
            while not self.stopping:
                self.scheduler.run_pending()
                time.sleep(1)
        finally:
            if self.store is not None:
                self.store.close()
        log.info("stopped")
        return 0

    def cycle(self) -> None:
        settings = self.settings
        try:
            self.store = self.store or Store(settings.database)
            now = datetime.now(timezone.utc)
            report = run_cycle(settings, self.store, now)
            for line in describe(report).splitlines():
                log.info("%s", line)
            self.summary(now)
        except (MailboxError, PasswordCommandError, TemplateError) as e:
            # The server may come back, the keyring be unlocked, the template be fixed: try again.
            log.warning("cycle failed, will retry in %ss: %s", settings.poll_seconds, e)
        except (StoreError, peewee.PeeweeException) as e:
            # A locked or restarted database: reconnect before the next try.
            log.warning("cycle failed, will retry in %ss: %s", settings.poll_seconds, " ".join(str(e).split()))
            if self.store is not None:
                self.store.close()
            self.store = None

    def summary(self, now: datetime) -> None:
        try:
            outcome = delivery.send_if_due(self.settings, self.store, now)
        except (CoffeechatError, OSError) as e:
            # Recorded before delivery: the next cycle finishes it (and never sends it twice).
            log.warning("the weekly summary could not be delivered, will retry in %ss: %s",
                        self.settings.poll_seconds, e)
            return
        if outcome is not None:
            log.info("%s", outcome.words)
