"""The playbook as tables: how each event changes a contact, and what is due when."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from corpus import MINIMAL, cases

from daemon.mail.classify import AUTO_REPLY, BOUNCE, FOLLOW_UP, OUTREACH, REPLY, MailEvent
from daemon.playbook import rules
from daemon.playbook.rules import ContactState, Due, after_event, due, next_step
from daemon.settings import Settings, from_values

T0 = datetime(2026, 10, 1, 9, 0, tzinfo=timezone.utc)  # the first outreach
DAY = timedelta(days=1)
SECOND = timedelta(seconds=1)

OUTREACH_ID = "<outreach-1@example.org>"
FOLLOW_UP_ID = "<follow-up-1@example.org>"
REPLY_ID = "<reply-1@example.net>"
SECOND_OUTREACH_ID = "<outreach-2@example.org>"

def settings(**overrides: int) -> Settings:
    values = dict(MINIMAL)
    values.update({f"COFFEECHAT_{name.upper()}": str(value) for name, value in overrides.items()})
    return from_values(values)


PLAYBOOK = settings(follow_up_days=7, max_attempts=2, no_response_days=14)


def event(kind: str, date: datetime, message_id: str, *, thread: tuple[str, ...] = (), subject: str = "",
          resume_on: datetime | None = None) -> MailEvent:
    return MailEvent(kind=kind, message_id=message_id, date=date, contact="sam@example.net", subject=subject,
                     thread=thread + (message_id,), my_address="jordan@example.org", resume_on=resume_on)


OUTREACH_EVENT = event(OUTREACH, T0, OUTREACH_ID, subject="Coffee chat about organizing?")

# A contact one outreach in, waiting for an answer.
AWAITING = ContactState(status=rules.AWAITING_REPLY, attempts=1, round=1, first_sent_at=T0, last_sent_at=T0,
                        subject="Coffee chat about organizing?", thread=(OUTREACH_ID,),
                        my_address="jordan@example.org")


# --- after_event -------------------------------------------------------------------------------


def test_outreach_to_a_new_contact_starts_waiting_for_a_reply():
    after = after_event(ContactState(), OUTREACH_EVENT)
    assert after == ContactState(status=rules.AWAITING_REPLY, attempts=1, round=1, first_sent_at=T0, last_sent_at=T0,
                                 subject="Coffee chat about organizing?", thread=(OUTREACH_ID,),
                                 my_address="jordan@example.org")


@pytest.mark.parametrize(
    ("before", "mail", "expected"),
    cases(
        (
            "second outreach in a new thread is attempt 2",
            AWAITING,
            event(OUTREACH, T0 + 8 * DAY, SECOND_OUTREACH_ID, subject="Trying again"),
            replace(AWAITING, attempts=2, last_sent_at=T0 + 8 * DAY, thread=(OUTREACH_ID, SECOND_OUTREACH_ID)),
        ),
        (
            "follow-up in the thread is the next attempt and extends the thread",
            AWAITING,
            event(FOLLOW_UP, T0 + 7 * DAY, FOLLOW_UP_ID, thread=(OUTREACH_ID,), subject="Re: Coffee chat"),
            replace(AWAITING, attempts=2, last_sent_at=T0 + 7 * DAY, thread=(OUTREACH_ID, FOLLOW_UP_ID)),
        ),
        (
            "outreach after no response starts afresh at attempt 1, in a new round",
            replace(AWAITING, status=rules.NO_RESPONSE, attempts=2, last_sent_at=T0 + 7 * DAY,
                    wait_until=T0 + 9 * DAY, thread=(OUTREACH_ID, FOLLOW_UP_ID)),
            event(OUTREACH, T0 + 60 * DAY, SECOND_OUTREACH_ID, subject="New role, new question"),
            replace(AWAITING, attempts=1, round=2, first_sent_at=T0 + 60 * DAY, last_sent_at=T0 + 60 * DAY,
                    wait_until=None,
                    subject="New role, new question", thread=(SECOND_OUTREACH_ID,)),
        ),
        (
            "outreach after a bounce starts afresh at attempt 1, in a new round",
            replace(AWAITING, status=rules.BOUNCED),
            event(OUTREACH, T0 + 3 * DAY, SECOND_OUTREACH_ID, subject="Resending to a working address"),
            replace(AWAITING, attempts=1, round=2, first_sent_at=T0 + 3 * DAY, last_sent_at=T0 + 3 * DAY,
                    subject="Resending to a working address", thread=(SECOND_OUTREACH_ID,)),
        ),
        (
            "my older mail seen again (a folder re-scan) is no new attempt",
            AWAITING,
            event(OUTREACH, T0 - 100 * DAY, SECOND_OUTREACH_ID, subject="Old note"),
            AWAITING,
        ),
    ),
)
def test_my_messages_count_attempts(before: ContactState, mail: MailEvent, expected: ContactState):
    assert after_event(before, mail) == expected


@pytest.mark.parametrize(
    ("before"),
    cases(
        ("awaiting a reply", AWAITING),
        ("no response", replace(AWAITING, status=rules.NO_RESPONSE, attempts=2)),  # late replies count
        ("bounced", replace(AWAITING, status=rules.BOUNCED)),
        ("waiting for an out-of-office", replace(AWAITING, wait_until=T0 + 10 * DAY)),
    ),
)
def test_reply_marks_the_contact_replied_and_cancels_the_pending_follow_up(before: ContactState):
    reply = event(REPLY, T0 + 2 * DAY, REPLY_ID, thread=(OUTREACH_ID,))
    after = after_event(before, reply)
    assert after.status == rules.REPLIED
    assert after.last_reply_at == T0 + 2 * DAY
    assert after.wait_until is None
    assert after.thread == (OUTREACH_ID, REPLY_ID)
    assert due(after, frozenset(), T0 + 30 * DAY, PLAYBOOK) == []


def test_reply_dated_before_the_first_outreach_changes_nothing():
    older = event(REPLY, T0 - DAY, REPLY_ID)
    assert after_event(AWAITING, older) == AWAITING


@pytest.mark.parametrize(
    ("wait_until", "resume_on", "expected"),
    cases(
        ("first return date is kept", None, T0 + 10 * DAY, T0 + 10 * DAY),
        ("a later return date replaces an earlier one", T0 + 10 * DAY, T0 + 12 * DAY, T0 + 12 * DAY),
        ("an earlier return date does not shorten the wait", T0 + 12 * DAY, T0 + 10 * DAY, T0 + 12 * DAY),
    ),
)
def test_out_of_office_with_a_return_date_makes_the_follow_up_wait(wait_until, resume_on, expected):
    before = replace(AWAITING, wait_until=wait_until)
    after = after_event(before, event(AUTO_REPLY, T0 + DAY, "<ooo@example.net>", resume_on=resume_on))
    assert after == replace(before, wait_until=expected)


def test_out_of_office_without_a_return_date_changes_nothing():
    assert after_event(AWAITING, event(AUTO_REPLY, T0 + DAY, "<ooo@example.net>")) == AWAITING


def test_bounce_while_awaiting_a_reply_marks_the_contact_bounced():
    after = after_event(AWAITING, event(BOUNCE, T0 + SECOND, "<dsn@example.org>"))
    assert after == replace(AWAITING, status=rules.BOUNCED)
    assert due(after, frozenset(), T0 + 30 * DAY, PLAYBOOK) == []


@pytest.mark.parametrize("status", [rules.REPLIED, rules.MEETING_SCHEDULED, rules.MET, rules.CONNECTED])
@pytest.mark.parametrize("kind", [OUTREACH, FOLLOW_UP])
def test_my_message_in_an_ongoing_conversation_only_moves_last_sent_at(status: str, kind: str):
    before = replace(AWAITING, status=status, last_reply_at=T0 + DAY)
    after = after_event(before, event(kind, T0 + 5 * DAY, SECOND_OUTREACH_ID, subject="Thank you!"))
    assert after == replace(before, last_sent_at=T0 + 5 * DAY)


@pytest.mark.parametrize(
    "mail",
    [
        event(REPLY, T0 + 2 * DAY, REPLY_ID, thread=(OUTREACH_ID,)),
        event(OUTREACH, T0 + 2 * DAY, SECOND_OUTREACH_ID, subject="Another try"),
        event(FOLLOW_UP, T0 + 2 * DAY, FOLLOW_UP_ID, thread=(OUTREACH_ID,)),
        event(BOUNCE, T0 + 2 * DAY, "<dsn@example.org>"),
        event(AUTO_REPLY, T0 + 2 * DAY, "<ooo@example.net>", resume_on=T0 + 9 * DAY),
    ],
    ids=lambda mail: mail.kind,
)
def test_paused_contact_stays_paused_whatever_happens(mail: MailEvent):
    paused = replace(AWAITING, status=rules.PAUSED)
    after = after_event(paused, mail)
    assert after.status == rules.PAUSED
    assert after.attempts == 1
    assert due(after, frozenset(), T0 + 60 * DAY, PLAYBOOK) == []


# --- due ----------------------------------------------------------------------------------------

FOLLOW_UP_2 = Due("draft", kind="follow_up", attempt=2)
FOLLOW_UP_3 = Due("draft", kind="follow_up", attempt=3)
NO_RESPONSE = Due("status", status="no_response")
TWO_SENT = replace(AWAITING, attempts=2, last_sent_at=T0 + 7 * DAY)  # outreach plus one follow-up


@pytest.mark.parametrize(
    ("state", "drafted", "now", "expected"),
    cases(
        ("6 days after outreach: nothing yet", AWAITING, set(), T0 + 6 * DAY, []),
        ("a second before 7 days: nothing yet", AWAITING, set(), T0 + 7 * DAY - SECOND, []),
        ("7 days after outreach: follow-up draft", AWAITING, set(), T0 + 7 * DAY, [FOLLOW_UP_2]),
        ("13 days after the follow-up was due: still the draft", AWAITING, set(), T0 + 21 * DAY - SECOND,
         [FOLLOW_UP_2]),
        ("14 days after the follow-up was due, never drafted: too late to follow up, no response",
         AWAITING, set(), T0 + 21 * DAY, [NO_RESPONSE]),
        ("months-old outreach found by the first run: no response, no draft", AWAITING, set(),
         T0 + 200 * DAY, [NO_RESPONSE]),
        ("follow-up already drafted: nothing", AWAITING, {2}, T0 + 7 * DAY, []),
        ("drafted but unsent, a second before the deadline", AWAITING, {2}, T0 + 21 * DAY - SECOND, []),
        ("drafted but unsent, 14 days after it was due: no response", AWAITING, {2}, T0 + 21 * DAY,
         [NO_RESPONSE]),
        ("two attempts, 13 days after the last: nothing", TWO_SENT, set(), T0 + 20 * DAY, []),
        ("two attempts, 14 days after the last: no response", TWO_SENT, set(), T0 + 21 * DAY, [NO_RESPONSE]),
        ("two attempts: never a third draft", TWO_SENT, set(), T0 + 14 * DAY, []),
        ("out-of-office: no follow-up before the return date", replace(AWAITING, wait_until=T0 + 10 * DAY),
         set(), T0 + 10 * DAY - SECOND, []),
        ("out-of-office: follow-up exactly on the return date", replace(AWAITING, wait_until=T0 + 10 * DAY),
         set(), T0 + 10 * DAY, [FOLLOW_UP_2]),
        ("out-of-office already over: the usual 7 days", replace(AWAITING, wait_until=T0 + 2 * DAY),
         set(), T0 + 7 * DAY, [FOLLOW_UP_2]),
        ("out-of-office pushes the deadline after the last attempt",
         replace(TWO_SENT, wait_until=T0 + 10 * DAY), set(), T0 + 24 * DAY - SECOND, []),
        ("out-of-office deadline reached", replace(TWO_SENT, wait_until=T0 + 10 * DAY), set(), T0 + 24 * DAY,
         [NO_RESPONSE]),
        ("out-of-office pushes the deadline of an unsent follow-up",
         replace(AWAITING, wait_until=T0 + 10 * DAY), {2}, T0 + 24 * DAY - SECOND, []),
        ("unsent follow-up deadline after the out-of-office reached",
         replace(AWAITING, wait_until=T0 + 10 * DAY), {2}, T0 + 24 * DAY, [NO_RESPONSE]),
    ),
)
def test_what_is_due_for_an_unanswered_contact(state, drafted, now, expected):
    assert due(state, frozenset(drafted), now, PLAYBOOK) == expected


@pytest.mark.parametrize("status", [s for s in rules.STATUSES if s != rules.AWAITING_REPLY])
def test_nothing_is_due_unless_awaiting_a_reply(status: str):
    state = replace(AWAITING, status=status)
    assert due(state, frozenset(), T0 + 365 * DAY, PLAYBOOK) == []


def test_nothing_is_due_for_a_contact_never_written_to():
    assert due(ContactState(status=rules.AWAITING_REPLY), frozenset(), T0 + 365 * DAY, PLAYBOOK) == []


@pytest.mark.parametrize(
    ("overrides", "state", "drafted", "now", "expected"),
    cases(
        ("max_attempts=3 allows a third attempt", {"max_attempts": 3}, TWO_SENT, set(), T0 + 14 * DAY,
         [FOLLOW_UP_3]),
        ("max_attempts=3: a second before the third is due", {"max_attempts": 3}, TWO_SENT, set(),
         T0 + 14 * DAY - SECOND, []),
        ("max_attempts=3: two attempts are not yet the deadline", {"max_attempts": 3}, TWO_SENT, {3},
         T0 + 21 * DAY, []),
        ("max_attempts=3: three attempts, 14 days after the last", {"max_attempts": 3},
         replace(TWO_SENT, attempts=3), set(), T0 + 21 * DAY, [NO_RESPONSE]),
        ("max_attempts=1: no follow-up at all", {"max_attempts": 1}, AWAITING, set(), T0 + 7 * DAY, []),
        ("max_attempts=1: no response 14 days after the outreach", {"max_attempts": 1}, AWAITING, set(),
         T0 + 14 * DAY, [NO_RESPONSE]),
        ("follow_up_days=3: nothing after 2 days", {"follow_up_days": 3}, AWAITING, set(), T0 + 2 * DAY, []),
        ("follow_up_days=3: follow-up after 3 days", {"follow_up_days": 3}, AWAITING, set(), T0 + 3 * DAY,
         [FOLLOW_UP_2]),
        ("no_response_days=5: deadline 5 days after the last attempt", {"no_response_days": 5}, TWO_SENT,
         set(), T0 + 12 * DAY, [NO_RESPONSE]),
    ),
)
def test_playbook_numbers_come_from_settings(overrides, state, drafted, now, expected):
    playbook = settings(**{"follow_up_days": 7, "max_attempts": 2, "no_response_days": 14, **overrides})
    assert due(state, frozenset(drafted), now, playbook) == expected


def test_a_follow_up_that_was_sent_resets_the_clock():
    """The whole playbook for one silent contact, event by event, as the service would run it."""
    state = after_event(ContactState(), OUTREACH_EVENT)
    assert due(state, frozenset(), T0 + 7 * DAY, PLAYBOOK) == [FOLLOW_UP_2]
    state = after_event(state, event(FOLLOW_UP, T0 + 8 * DAY, FOLLOW_UP_ID, thread=(OUTREACH_ID,)))
    assert state.attempts == 2
    assert due(state, frozenset({2}), T0 + 22 * DAY - SECOND, PLAYBOOK) == []
    assert due(state, frozenset({2}), T0 + 22 * DAY, PLAYBOOK) == [NO_RESPONSE]


# --- next_step ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "drafted", "expected"),
    cases(
        ("awaiting, nothing drafted", AWAITING, set(), ("follow up", T0 + 7 * DAY)),
        ("awaiting, out-of-office", replace(AWAITING, wait_until=T0 + 10 * DAY), set(),
         ("follow up", T0 + 10 * DAY)),
        ("awaiting, follow-up in Drafts", AWAITING, {2}, ("send the follow-up waiting in Drafts", T0 + 7 * DAY)),
        ("awaiting, follow-up deleted unsent", AWAITING, {-2}, ("wait for a reply", T0 + 21 * DAY)),
        ("awaiting, all attempts made", TWO_SENT, set(), ("wait for a reply", T0 + 21 * DAY)),
        ("replied", replace(AWAITING, status=rules.REPLIED), set(), ("schedule the conversation", None)),
        ("bounced", replace(AWAITING, status=rules.BOUNCED), set(), ("find a working address", None)),
        ("no response", replace(TWO_SENT, status=rules.NO_RESPONSE), set(), ("", None)),
        ("new", ContactState(), set(), ("send an outreach email", None)),
        ("paused", replace(AWAITING, status=rules.PAUSED), set(), ("", None)),
    ),
)
def test_next_step_says_what_to_do_and_when(state, drafted, expected):
    """`drafted` lists attempts with a draft in Drafts; a negative number, one deleted unsent."""
    ever = frozenset(abs(a) for a in drafted)
    in_drafts = frozenset(a for a in drafted if a > 0)
    assert next_step(state, ever, in_drafts, PLAYBOOK) == expected
