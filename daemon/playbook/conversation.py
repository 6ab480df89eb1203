"""The playbook for the conversation itself: meeting statuses, the prep note, the same-day thank-you, the ask.

Pure, like rules.py: a contact's meetings, the dates of the messages the user sent them,
their open promises, the drafts already made, and `now` in; what is due out. All times
are aware UTC, so a meeting at 15:00 in New York ends at 20:00 UTC on any machine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, tzinfo

from daemon.playbook.rules import CONNECTED, MEETING_SCHEDULED, MET, PAUSED, REPLIED, Due
from daemon.settings import Settings

THANK_YOU = "thank_you"
ASK_FOLLOW_UP = "ask_follow_up"
PREP = "prep"
KINDS = (THANK_YOU, ASK_FOLLOW_UP, PREP)  # whose attempt is a meeting's id
STALE = timedelta(days=7)          # a meeting that ended longer ago than this gets no thank-you (first run on old mail)
PREP_LEAD = timedelta(hours=1)     # an early meeting still gets its prep note this long before it starts

# The playbook's note categories (flags of `coffeechat note`), and the ask made at the end.
CATEGORIES = ("to_connect", "to_follow_up", "to_read", "to_look_up", "to_do", "to_think_about")
ASK = "ask"
# The four common asks, in the words a thank-you restates them with.
SHORT_ASKS = {
    "keep-in-touch": "to stay in touch as my search goes on",
    "introductions": "for an introduction to anyone you think I should talk to",
    "questions-later": "to be able to reach out with questions as they come up",
    "resume": "if you would look over my résumé when I apply to {organization}",
}


@dataclass(frozen=True)
class MeetingState:
    id: int
    start: datetime
    end: datetime
    cancelled: bool = False


@dataclass(frozen=True)
class Conversation:
    """What the conversation rules read about one contact."""

    status: str
    meetings: tuple[MeetingState, ...] = ()
    my_messages: tuple[datetime, ...] = ()            # when the user wrote to them (Sent), any order
    open_follow_ups: int = 0                          # "to follow up" notes not yet done
    drafted: dict[str, frozenset[int]] = field(default_factory=dict)  # kind -> meeting ids drafted


def latest_ended(conversation: Conversation, now: datetime) -> MeetingState | None:
    ended = [m for m in conversation.meetings if not m.cancelled and m.end <= now]
    return max(ended, key=lambda m: m.end, default=None)


def thanked_at(conversation: Conversation, meeting: MeetingState | None) -> datetime | None:
    """When the user first wrote to them after the meeting ended: their thank-you, ours or their own."""
    if meeting is None:
        return None
    return min((d for d in conversation.my_messages if d > meeting.end), default=None)


def status_now(conversation: Conversation, now: datetime) -> str | None:
    """meeting_scheduled while a meeting is ahead, met once it ended, connected once thanked; None: no opinion."""
    live = [m for m in conversation.meetings if not m.cancelled]
    if any(m.end > now for m in live):
        return MEETING_SCHEDULED
    latest = latest_ended(conversation, now)
    if latest is not None:
        return CONNECTED if thanked_at(conversation, latest) else MET
    if conversation.status in (MEETING_SCHEDULED, MET):
        return REPLIED  # every meeting was cancelled: back to arranging one
    return None


def conversation_due(conversation: Conversation, now: datetime, settings: Settings, zone: tzinfo) -> list[Due]:
    if conversation.status == PAUSED:
        return []
    due: list[Due] = []
    wanted = status_now(conversation, now)
    if wanted is not None and wanted != conversation.status:
        due.append(Due("status", status=wanted))
    drafted = conversation.drafted
    for meeting in conversation.meetings:
        if not meeting.cancelled and meeting.id not in drafted.get(PREP, ()) and prep_at(meeting, settings, zone) \
                <= now < meeting.start:
            due.append(Due("draft", kind=PREP, attempt=meeting.id))
    latest = latest_ended(conversation, now)
    if latest is None:
        return due
    thanked = thanked_at(conversation, latest)
    if thanked is None:
        if latest.id not in drafted.get(THANK_YOU, ()) and \
                latest.end + timedelta(hours=settings.thank_you_hours) <= now <= latest.end + STALE:
            due.append(Due("draft", kind=THANK_YOU, attempt=latest.id))
    elif conversation.open_follow_ups and latest.id not in drafted.get(ASK_FOLLOW_UP, ()):
        # A week after the user last wrote to them: a nudge of their own on day 6 resets the wait.
        last = max(d for d in conversation.my_messages if d > latest.end)
        due_at = last + timedelta(days=settings.ask_follow_up_days)
        if due_at <= now <= due_at + STALE:
            due.append(Due("draft", kind=ASK_FOLLOW_UP, attempt=latest.id))
    return due


def prep_at(meeting: MeetingState, settings: Settings, zone: tzinfo) -> datetime:
    """The morning of the meeting, in the user's time zone (or an hour before, for an early meeting)."""
    day = meeting.start.astimezone(zone).date()
    morning = datetime.combine(day, time(*settings.prep_at), tzinfo=zone)
    return min(morning, meeting.start - PREP_LEAD)


def ask_words(ask: str, organization: str) -> str:
    """The ask as the thank-you restates it: a short form's words, or the user's own."""
    template = SHORT_ASKS.get(ask.strip().lower())
    if template is None:
        return ask.strip()
    return template.format(organization=organization or "your organization")
