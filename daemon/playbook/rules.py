"""The playbook: how each event changes a contact, and what is due for a contact now.

Pure: takes a contact's state, an event or the current time, and the settings; returns
new data. `now` is always an argument, so what-if runs (`sync --now`) and tests need no
clock tricks.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from daemon.mail.classify import AUTO_REPLY, BOUNCE, FOLLOW_UP, OUTREACH, REPLY, MailEvent
from daemon.settings import Settings

NEW = "new"
AWAITING_REPLY = "awaiting_reply"
REPLIED = "replied"
MEETING_SCHEDULED = "meeting_scheduled"
MET = "met"
CONNECTED = "connected"
NO_RESPONSE = "no_response"
BOUNCED = "bounced"
PAUSED = "paused"
STATUSES = (NEW, AWAITING_REPLY, REPLIED, MEETING_SCHEDULED, MET, CONNECTED, NO_RESPONSE, BOUNCED, PAUSED)

# Statuses in which the user is still waiting for a first answer.
_UNANSWERED = (NEW, AWAITING_REPLY, NO_RESPONSE, BOUNCED)

FOLLOW_UP_DRAFT = "follow_up"
OUTREACH_DRAFT = "outreach"  # the first note, drafted when the user asks (playbook/first_notes.py)
CLOCK_SKEW = timedelta(hours=1)  # how far apart two senders' clocks can plausibly be
MAX_THREAD = 20  # Message-IDs kept for a draft's References


@dataclass(frozen=True)
class ContactState:
    """The part of a contact the playbook reads and writes."""

    status: str = NEW
    attempts: int = 0
    round: int = 0                    # 1 for the first outreach, +1 for each fresh start after it
    first_sent_at: datetime | None = None  # when this round's outreach went out
    last_sent_at: datetime | None = None
    last_reply_at: datetime | None = None
    wait_until: datetime | None = None
    subject: str = ""                 # subject of the outreach, for the follow-up's "Re:"
    thread: tuple[str, ...] = ()      # Message-IDs of the conversation, oldest first
    my_address: str = ""              # the address the outreach went out from
    greeting: str = ""                # how this round's outreach greeted them, for the follow-up to do the same
    ask: str = ""                     # what this round's outreach asked for ("15 minutes for a call")
    introducers: tuple[str, ...] = ()  # who introduced us, copied on this round: their reply-all is not an answer


@dataclass(frozen=True)
class Due:
    """Something the playbook says should happen to a contact now."""

    action: str         # "draft" or "status"
    kind: str = ""      # for drafts: which draft
    attempt: int = 0    # for drafts: the attempt the draft would be
    status: str = ""    # for status changes: the new status


def after_event(state: ContactState, event: MailEvent) -> ContactState:
    """The contact after one event; events arrive oldest first and each exactly once."""
    if event.kind in (OUTREACH, FOLLOW_UP):
        return _after_my_message(state, event)
    if event.kind == REPLY:
        if not event.by_thread and _before_round(state, event, allowance=CLOCK_SKEW):
            return state  # older mail from someone we later wrote to is not an answer
        status = REPLIED if state.status in _UNANSWERED else state.status
        return replace(state, status=status, last_reply_at=_later(state.last_reply_at, event.date),
                       wait_until=None, thread=_thread(state.thread, event.thread))
    if event.kind == AUTO_REPLY and event.resume_on is not None:
        return replace(state, wait_until=_later(state.wait_until, event.resume_on))
    if event.kind == BOUNCE and state.status in (NEW, AWAITING_REPLY, NO_RESPONSE):
        return replace(state, status=BOUNCED)
    return state


def _before_round(state: ContactState, event: MailEvent, allowance: timedelta = timedelta(0)) -> bool:
    return state.first_sent_at is not None and event.date < state.first_sent_at - allowance


def _after_my_message(state: ContactState, event: MailEvent) -> ContactState:
    my_address = event.my_address or state.my_address
    if _before_round(state, event):
        return state  # old mail seen again (a folder re-scan): it is no new attempt
    if state.status == PAUSED or state.status not in _UNANSWERED:
        # An ongoing conversation, or a contact the user paused: only the date moves.
        return replace(state, last_sent_at=_later(state.last_sent_at, event.date))
    if state.status == AWAITING_REPLY or (event.kind == FOLLOW_UP and state.attempts > 0):
        # Another attempt at the same person: a follow-up, whether drafted by us or not.
        return replace(state, status=AWAITING_REPLY, attempts=state.attempts + 1,
                       last_sent_at=_later(state.last_sent_at, event.date),
                       thread=_thread(state.thread, event.thread), my_address=my_address,
                       introducers=tuple(sorted(set(state.introducers) | set(event.introducers))))
    # A fresh outreach: the first, or a new start after no response or a bounce.
    return replace(state, status=AWAITING_REPLY, attempts=1, round=state.round + 1, wait_until=None,
                   first_sent_at=event.date, last_sent_at=_later(state.last_sent_at, event.date),
                   subject=event.subject, thread=_thread((), event.thread), my_address=my_address,
                   greeting=event.greeting, ask=event.ask, introducers=event.introducers)


def due(state: ContactState, drafted: frozenset[int], now: datetime, settings: Settings) -> list[Due]:
    """What is due now for a contact; `drafted` holds the attempts of this round a follow-up draft exists for."""
    if state.status != AWAITING_REPLY or state.last_sent_at is None:
        return []
    if now >= no_response_at(state, settings):
        return [Due("status", status=NO_RESPONSE)]
    next_attempt = state.attempts + 1
    if next_attempt <= settings.max_attempts and next_attempt not in drafted and now >= follow_up_at(state, settings):
        return [Due("draft", kind=FOLLOW_UP_DRAFT, attempt=next_attempt)]
    return []


def follow_up_at(state: ContactState, settings: Settings) -> datetime:
    """When the next follow-up is due: a week after the last attempt, or when they are back."""
    assert state.last_sent_at is not None
    due_at = state.last_sent_at + timedelta(days=settings.follow_up_days)
    return max(due_at, state.wait_until) if state.wait_until else due_at


def no_response_at(state: ContactState, settings: Settings) -> datetime:
    """When an unanswered contact becomes no_response.

    After the last allowed attempt, the clock runs from that attempt (or from an
    out-of-office's return date). Before it, the clock runs from when the follow-up was
    due: if that moment passed long ago (the user did not send the draft, or the first
    run found months-old outreach), a follow-up now would be odd, so none is drafted.
    """
    assert state.last_sent_at is not None
    if state.attempts >= settings.max_attempts:
        start = max(state.last_sent_at, state.wait_until) if state.wait_until else state.last_sent_at
        return start + timedelta(days=settings.no_response_days)
    return follow_up_at(state, settings) + timedelta(days=settings.no_response_days)


def next_step(state: ContactState, drafted: frozenset[int], in_drafts: frozenset[int],
              settings: Settings) -> tuple[str, datetime | None]:
    """The user's next action for a contact, in their words, and when it is due.

    `drafted` holds the attempts of this round a draft was ever made for; `in_drafts` those
    whose draft still waits in the Drafts folder (not sent, deleted or cancelled). For
    "wait for a reply" the date is when the contact will be marked no_response.
    """
    if state.status == AWAITING_REPLY and state.last_sent_at is not None:
        if state.attempts + 1 in in_drafts:
            return "send the follow-up waiting in Drafts", follow_up_at(state, settings)
        if state.attempts < settings.max_attempts and state.attempts + 1 not in drafted:
            return "follow up", follow_up_at(state, settings)
        return "wait for a reply", no_response_at(state, settings)
    return {
        NEW: ("send an outreach email", None),
        REPLIED: ("schedule the conversation", None),
        BOUNCED: ("find a working address", None),
    }.get(state.status, ("", None))


def _later(current: datetime | None, candidate: datetime) -> datetime:
    return candidate if current is None or candidate > current else current


def _thread(current: tuple[str, ...], added: tuple[str, ...]) -> tuple[str, ...]:
    """Message-IDs for References: the thread's root always, then the newest ones."""
    ids = tuple(dict.fromkeys(current + added))
    return ids if len(ids) <= MAX_THREAD else ids[:1] + ids[-(MAX_THREAD - 1):]
