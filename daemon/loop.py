"""The daemon (`coffeechat run`): a cycle when mail arrives, on a poll timer, and at the summary's minute.

Between cycles it waits in IMAP IDLE on INBOX (Watcher; once open, the cycles run on that
connection too), or simply sleeps where the server has no IDLE, in a select() that a signal
also ends: no CPU while waiting. Deadlines pass in silence, so the rules run at least every RULES_SECONDS even
when no mail comes. `schedule` keeps the weekly summary's weekday and time in the user's
zone; every cycle also asks whether this week's summary is due, so a Monday the machine
slept through is caught up at the next start or wake-up, and the contact log's record of
each ISO week makes sure it never goes twice.

Faults: a failed cycle is logged in one line and retried, network errors with exponential
backoff and jitter, a refused login slowly (never hammering the server into locking the
account). systemd hears READY, WATCHDOG after each iteration and while waiting, a STATUS
line, RELOADING on SIGHUP and STOPPING on SIGTERM or SIGINT.
"""

from __future__ import annotations

import logging
import os
import random
import select
import signal
import time
from datetime import datetime, timedelta, timezone

import peewee
import schedule

from daemon import __version__, logs, tls
from daemon import settings as settings_module
from daemon.contact_log.store import Store
from daemon.errors import (
    CoffeechatError,
    ConnectionLost,
    LoginRefused,
    MailboxError,
    PasswordCommandError,
    SettingsError,
    StoreError,
    TemplateError,
    Throttled,
)
from daemon.mail.mailbox import Mailbox
from daemon.notify import Notifier
from daemon.playbook.weekly import WEEKDAYS, next_slot
from daemon.service import CycleReport, run_cycle
from daemon.settings import Settings
from daemon.watcher import Watcher
from daemon.writing import delivery
from daemon.writing.kinds import DRAFTS, KINDS
from daemon.writing.report import describe

log = logging.getLogger("coffeechat")

RULES_SECONDS = 900        # deadlines pass in silence: the rules run at least this often
IDLE_SECONDS = 540         # IDLE is re-issued at least this often (servers drop it after 30 minutes)
FIRST_RETRY = 5            # seconds before the first reconnection attempt; doubled each time
LOGIN_RETRY = 1800         # a refused login is tried again only this rarely
STOP_SECONDS = 7           # after SIGTERM, a cycle still running is cut short after this long
DRAFT_KINDS = {name for name, kind in KINDS.items() if kind.folder == DRAFTS}
SLEPT = 5                  # seconds the machine's boot clock may run ahead before we call it a suspend


class ShuttingDown(BaseException):
    """Raised from the alarm after SIGTERM when a cycle did not finish in time; not an Exception, so no
    guard inside the cycle swallows it. Whatever it interrupts rolls back, and the next start redoes it."""


class Daemon:
    def __init__(self, settings: Settings, env_file: str | None = None):
        self.settings, self.env_file = settings, env_file
        self.store: Store | None = Store(settings.database)  # opened now, so a bad database stops us at once
        self.notifier = Notifier.from_environ()
        self.stopping = False
        self.reload_wanted = False
        self.in_cycle = False
        self.failures = 0
        self.healthy = False        # the last cycle went through: waiting in IDLE is worth a connection
        self.ready = False
        self.watcher = Watcher(self)
        self.folders = None         # Inbox, Sent and Drafts as the last good cycle found them
        self.mail_said = False      # the last wait ended because IDLE said new mail came in
        self.summary_not_before = 0.0  # after a failed delivery, the summary waits (monotonic seconds)
        self.wake_read, self.wake_write = os.pipe()
        for fd in (self.wake_read, self.wake_write):
            os.set_blocking(fd, False)
        self.scheduler = self._schedule(settings)

    # --- the loop -----------------------------------------------------------------------

    def run(self) -> int:
        self._signals()
        self._say_hello()
        try:
            while not self.stopping:
                if self.reload_wanted:
                    self._reload()
                delay = self._guarded_cycle()
                if not self.ready:
                    # Up and retrying, not yet logged in (a laptop booting offline): systemd waits, rather
                    # than killing the start after TimeoutStartSec; the STATUS line says why.
                    self.notifier.send(f"EXTEND_TIMEOUT_USEC={int((delay + 120) * 1_000_000)}")
                self.notifier.watchdog()
                if not self.stopping:
                    self._wait(delay)
        except ShuttingDown:
            log.info("a connection did not answer in time: leaving without it")
        finally:
            signal.alarm(0)
            if not self.stopping:
                self.notifier.stopping()  # leaving for another reason than a signal (which said so already)
            self.watcher.close(abrupt=self.stopping)
            if self.store is not None:
                self.store.close()
            self.notifier.close()
            signal.set_wakeup_fd(-1)  # a signal after this (a second SIGTERM) must not write to a closed pipe
            for fd in (self.wake_read, self.wake_write):
                os.close(fd)
        log.info("stopped")
        return 0

    def _guarded_cycle(self) -> float:
        """One cycle; the seconds until the next one at the latest (sooner when mail arrives)."""
        settings = self.settings
        self.in_cycle = True
        self.healthy = False
        try:
            if not self.ready:
                # systemd hears READY after the migrations (the store is open) and the first good login.
                with Mailbox.connect(settings):
                    pass
                self.ready = True
                self.notifier.ready(status=f"watching {settings.imap_host}; first sync under way")
            self._cycle()
            self.failures, self.healthy = 0, True
            return min(settings.poll_seconds, RULES_SECONDS)
        except ShuttingDown:
            log.info("stopping in the middle of a cycle: what was done is kept, the rest is done at the next start")
            return 0
        except LoginRefused as e:
            wait = max(LOGIN_RETRY, settings.retry_max_seconds)
            log.error("%s; trying again in %s minutes", e, wait // 60)
            self.notifier.status(f"login refused; next try {self._at(wait)}")
            return wait
        except (PasswordCommandError, TemplateError) as e:
            # The keyring may be unlocked, the template fixed: try again at the next poll.
            log.warning("cycle failed, will retry in %ss: %s", settings.poll_seconds, e)
            return settings.poll_seconds
        except MailboxError as e:
            self.folders = None  # a folder renamed or gone: look again next time
            wait = max(self._backoff(), e.wait if isinstance(e, Throttled) else 0)
            log.warning("cycle failed, will retry in %ss: %s", round(wait), e)
            self.notifier.status(f"cannot reach the mailbox; next try {self._at(wait)}")
            self.watcher.close(abrupt=True)
            return wait
        except (StoreError, peewee.PeeweeException) as e:
            wait = self._backoff()
            log.error("the contact log could not be read or written (%s); will retry in %ss",
                      _store_words(e), round(wait))
            self.notifier.status(f"contact log not writable; next try {self._at(wait)}")
            if self.store is not None:
                self.store.close()
            self.store = None
            return wait
        finally:
            self.in_cycle = False
            signal.alarm(0)

    def _cycle(self) -> None:
        settings = self.settings
        self.store = self.store or Store(settings.database)
        now = datetime.now(timezone.utc)
        # A first sync in a terminal says how far it is; under systemd it says nothing until it is done.
        # IDLE said "mail": the incoming folder is opened at once, not first asked whether anything is new
        # (on a big Maildir both cost the server a re-read of the folder).
        news = frozenset({self.folders.incoming}) if self.mail_said and self.folders is not None else frozenset()
        self.mail_said = False
        def cycle_on(box: Mailbox | None) -> CycleReport:
            return run_cycle(settings, self.store, now, folders=self.folders, news=news, box=box,
                             report=CycleReport(progress=logs.progress_line()))

        held = self.watcher.held(poll=not news)  # the IDLE connection, when open: no login, INBOX open on it
        try:
            report = cycle_on(held)
        except ConnectionLost as e:
            if held is None or self.stopping:
                raise
            # A held connection the server has since closed (an idle timeout, a token that expired): once
            # more on a new one. What the failed attempt recorded stays; nothing is recorded twice. (A NO
            # from a working server is no fault of the connection: that cycle fails as any other.)
            log.info("the waiting connection failed (%s): the cycle runs again on a new one", e)
            self.watcher.close(abrupt=True)
            report = cycle_on(None)
        self.folders = report.folders  # found once; found again after a failed cycle or a reload
        for line in describe(report).splitlines():
            log.info("%s", line)
        self._summary(now)
        waiting = self.store.count_drafts(("placed",), DRAFT_KINDS)  # not prep notes
        self.notifier.status(f"{'idle' if self.watcher.idling else 'polling'}; "
                             f"{waiting} draft{'' if waiting == 1 else 's'} waiting; "
                             f"next check {self._at(min(settings.poll_seconds, RULES_SECONDS))}")

    def _summary(self, now: datetime) -> None:
        if time.monotonic() < self.summary_not_before:
            return
        try:
            outcome = delivery.send_if_due(self.settings, self.store, now)
        except (CoffeechatError, OSError) as e:
            # Recorded before delivery: a later cycle finishes it (and never sends it twice). Not the very
            # next one: a refused SMTP login tried at every cycle would get the account locked.
            wait = LOGIN_RETRY if "refused the login" in str(e) else RULES_SECONDS
            self.summary_not_before = time.monotonic() + wait
            log.warning("the weekly summary could not be delivered, will retry in %s minutes: %s", wait // 60, e)
            return
        if outcome is not None:
            log.info("%s", outcome.words)

    def _backoff(self) -> float:
        self.failures += 1
        wait = min(FIRST_RETRY * 2 ** (self.failures - 1), self.settings.retry_max_seconds)
        return wait * random.uniform(0.8, 1.2)  # many daemons that lost the same server do not return at once

    # --- waiting ------------------------------------------------------------------------

    def _wait(self, seconds: float) -> None:
        """Until new mail, a signal, the schedule's next job, or `seconds` have passed."""
        deadline = time.monotonic() + seconds
        next_job = self.scheduler.idle_seconds
        if next_job is not None:
            deadline = min(deadline, time.monotonic() + max(next_job, 0))
        ping = self.notifier.watchdog_interval
        while not (self.stopping or self.reload_wanted):
            left = deadline - time.monotonic()
            if left <= 0:
                break
            step = min(left, IDLE_SECONDS, ping / 2 if ping else IDLE_SECONDS)
            asleep = _suspended_seconds()
            what = self.watcher.wait(step) if self.healthy else self._sleep(step)
            self.notifier.watchdog()
            if _suspended_seconds() - asleep > SLEPT:
                log.info("woke from a suspend: reconnecting")
                self.watcher.close(abrupt=True)
                break
            if what in ("mail", "woken"):
                self.mail_said = what == "mail"
                break
        self._drain()
        self.scheduler.run_pending()

    def _sleep(self, seconds: float) -> str:
        ready, _, _ = select.select([self.wake_read], [], [], max(seconds, 0))
        return "woken" if ready else "quiet"

    def _drain(self) -> None:
        try:
            while os.read(self.wake_read, 512):
                pass
        except BlockingIOError:
            pass

    # --- signals and reloading ----------------------------------------------------------

    def _signals(self) -> None:
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        signal.signal(signal.SIGHUP, self._hup)
        signal.signal(signal.SIGALRM, self._too_slow)
        signal.set_wakeup_fd(self.wake_write, warn_on_full_buffer=False)  # ends a select() at once

    def _stop(self, number: int, frame: object) -> None:
        if not self.stopping:
            log.info("%s received: finishing the current step", signal.Signals(number).name)
            self.notifier.stopping()
            signal.alarm(STOP_SECONDS)  # whatever is under way (a cycle, a stalled server) is cut after this
        self.stopping = True

    def _hup(self, number: int, frame: object) -> None:
        self.reload_wanted = True

    def _too_slow(self, number: int, frame: object) -> None:
        if self.stopping:
            raise ShuttingDown()

    def _reload(self) -> None:
        """SIGHUP: settings read again (templates are read at every cycle anyway); a bad one keeps the old."""
        self.reload_wanted = False
        self.notifier.reloading()
        tls.forget()  # a CA file replaced in place is read again
        try:
            fresh = settings_module.load(self.env_file)
            moved = fresh.database != self.settings.database
            store = Store(fresh.database) if moved else None  # a log it cannot open is refused now, not later
        except (SettingsError, StoreError, peewee.PeeweeException) as e:
            log.error("reload refused, keeping the settings in use: %s", " ".join(str(e).split()))
        else:
            if moved:
                if self.store is not None:
                    self.store.close()
                self.store = store
            self.settings = fresh
            self.folders = None
            self.scheduler = self._schedule(fresh)
            self.watcher.close()
            log.info("settings reloaded")
            for warning in fresh.warnings:
                log.warning("%s", warning)
        self.notifier.ready()

    # --- words and times ----------------------------------------------------------------

    def _schedule(self, settings: Settings) -> schedule.Scheduler:
        scheduler = schedule.Scheduler()
        at = settings.summary_at
        if at is not None:
            # The job does nothing itself: it ends the wait, and the cycle that follows sends the summary.
            try:
                getattr(scheduler.every(), WEEKDAYS[at.weekday]).at(at.clock(), settings.timezone).do(lambda: None)
            except Exception as e:  # a zone zoneinfo knows and pytz (schedule's) does not
                scheduler.clear()
                log.warning("cannot time the weekly summary to the minute in %s (%s): it goes out at the first "
                            "check after %s instead", settings.timezone, type(e).__name__, at.words())
        return scheduler

    def _say_hello(self) -> None:
        settings = self.settings
        log.info("coffeechat %s watching %s as %s; Sent and Drafts every %ss", __version__, settings.imap_host,
                 settings.imap_user, settings.poll_seconds)
        if settings.summary_at is not None:
            upcoming = next_slot(datetime.now(timezone.utc), settings.zone, settings.summary_at)
            log.info("weekly summary %s %s (%s); next %s", settings.summary_at.words(), settings.timezone,
                     "by SMTP" if settings.smtp else "to INBOX", f"{upcoming:%Y-%m-%d %H:%M}")

    def _at(self, seconds: float) -> str:
        return f"{datetime.now(self.settings.zone) + timedelta(seconds=seconds):%H:%M}"


def _suspended_seconds() -> float:
    """How far the boot clock (which counts a suspend) has run ahead of the monotonic one (which does not)."""
    return time.clock_gettime(time.CLOCK_BOOTTIME) - time.monotonic()


def _store_words(error: Exception) -> str:
    text = " ".join(str(error).split())
    if "readonly" in text or "read-only" in text:
        return "it is read-only: check the permissions of COFFEECHAT_DATABASE"
    if "full" in text:
        return "the disk is full: free some space"
    return text[:200]
