"""Delivering the weekly summary: recorded before it is written, so each ISO week gets exactly one.

The same path as drafts (writeback.py): the intent and its Message-ID are committed
first, then the message goes out (APPEND to INBOX, unread; or SMTP when COFFEECHAT_SMTP_*
is set), then it is marked delivered. A crash in between is finished at the next chance:
the INBOX is searched for that Message-ID first, so a summary that did arrive is never
sent again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from daemon import faults
from daemon.contact_log import week as week_log
from daemon.contact_log.schema import Summary
from daemon.contact_log.store import Store
from daemon.mail.mailbox import Mailbox
from daemon.playbook.weekly import summary_due, week_of
from daemon.settings import Settings
from daemon.writing import drafts, summary

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    delivered: bool
    words: str           # what happened, for the command line and the log
    subject: str = ""


def delivered_weeks(store: Store) -> set[str]:
    return {row.week for row in Summary.select(Summary.week)}


def send_if_due(settings: Settings, store: Store, now: datetime) -> Outcome | None:
    """The daemon's weekly job: finish an interrupted summary, or send this week's once its time has come."""
    if settings.summary_at is None:
        return None
    unfinished = _unfinished(store)
    if unfinished is None and not summary_due(now, settings.zone, settings.summary_at, delivered_weeks(store)):
        return None
    return send(settings, store, now)


def send(settings: Settings, store: Store, now: datetime, again: bool = False) -> Outcome:
    """`summary --send`: this week's summary, unless it went out already (then only with `again`)."""
    with store.exclusive():
        unfinished = _unfinished(store)
        if unfinished is not None:
            outcome = _finish(settings, store, unfinished, now)
            if outcome is not None:
                return outcome
        key = week_of(now, settings.zone)
        earlier = list(Summary.select().where(Summary.week == key).order_by(Summary.copy))
        if earlier and not again:
            first = earlier[0]
            when = (first.delivered_at or first.created_at).astimezone(settings.zone)
            return Outcome(False, f"This week's summary ({key}) was already delivered on {when:%a %b} {when.day} "
                                  f"at {when:%H:%M}; nothing sent. Use --again to send another.")
        message_id = drafts.new_message_id(settings.from_address)
        message = _message(settings, store, now, message_id)  # before recording: a broken template raises here
        with store.transaction():
            row = Summary.create(week=key, copy=len(earlier), message_id=message_id,
                                 via="smtp" if settings.smtp else "inbox", created_at=now)
            faults.point("before summary intent commit")
        faults.point("after summary intent commit")
        return _deliver(settings, store, row, now, message)


def _unfinished(store: Store) -> Summary | None:
    """A summary recorded but not known to be delivered (a crash, a server that was down)."""
    return Summary.select().where(Summary.state == "intended").order_by(Summary.id).first()


def _message(settings: Settings, store: Store, now: datetime, message_id: str):
    week = week_log.gather(store, settings, now)
    return summary.compose(week, my_address=settings.from_address, now=now, zone=settings.zone,
                           message_id=message_id, templates_dir=settings.templates_dir)


def _finish(settings: Settings, store: Store, row: Summary, now: datetime) -> Outcome | None:
    """A summary recorded before a crash or a failed delivery: found, delivered now, or (None) dropped."""
    with Mailbox.connect(settings) as box:
        if box.has_message(box.folders().inbox, row.message_id):  # did it arrive after all?
            _mark(store, row, now)
            return Outcome(True, f"The summary for {row.week} had already arrived in your INBOX.")
    if row.week != week_of(now, settings.zone):
        # An earlier week's, never delivered: this week's own summary covers its days (and goes out now).
        with store.transaction():
            Summary.update(state="dropped").where(Summary.id == row.id).execute()
        log.info("the summary for %s was never delivered; this week's covers its days", row.week)
        return None
    message = _message(settings, store, now, row.message_id)  # the week as it is now, under the same Message-ID
    return _deliver(settings, store, row, now, message)


def _deliver(settings: Settings, store: Store, row: Summary, now: datetime, message) -> Outcome:
    if row.via == "smtp" and settings.smtp is None:
        row.via = "inbox"  # SMTP was switched off since it was recorded: the INBOX it is
        with store.transaction():
            Summary.update(via="inbox").where(Summary.id == row.id).execute()
    appended: tuple[str, tuple[int, int] | None] = ("", None)
    if row.via == "smtp":
        from daemon.writing import smtp  # only when SMTP is configured
        smtp.send(settings.smtp, message, token=settings.oauth2_token)
        where = f"sent by SMTP through {settings.smtp.host}"
    else:
        with Mailbox.connect(settings) as box:
            inbox = box.folders().inbox
            faults.point("before summary append")
            appended = (inbox, box.append_draft(inbox, message.as_bytes(), now, flags=()))  # unread, like new mail
            faults.point("after summary append")
        where = "put in your INBOX, unread"
    _mark(store, row, now, appended)  # the INBOX cursor steps over it: the next cycle has nothing new to read
    subject = str(message["Subject"])
    log.debug("weekly summary %s %s", row.week, where)  # the caller says so to the user, once
    return Outcome(True, f"The summary for {row.week} was {where}: \"{subject}\".", subject)


def _mark(store: Store, row: Summary, now: datetime, appended: tuple[str, tuple[int, int] | None] = ("", None)) -> None:
    with store.transaction():
        Summary.update(state="delivered", delivered_at=now).where(Summary.id == row.id).execute()
        store.step_over(*appended)
        faults.point("before summary delivered commit")
    faults.point("after summary delivered commit")
