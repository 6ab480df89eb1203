"""The contact log's meetings and notes: invites recorded, meetings logged by hand, notes added and closed.

The SQL side of the conversation, beside store.py (which it uses for transactions). A
meeting is keyed by (contact, invite UID), so the same invite read twice changes nothing,
a later SEQUENCE moves it, and a CANCEL marks it cancelled; a meeting logged by hand gets
a UID of its own.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import peewee as pw

from daemon.contact_log.schema import Contact, Draft, Event, Meeting, Note, slices
from daemon.contact_log.store import Store
from daemon.mail.classify import FOLLOW_UP, OUTREACH, REPLY
from daemon.mail.invites import CalendarEvent
from daemon.playbook.conversation import Conversation, MeetingState

SAME_MEETING = timedelta(hours=2)  # a meeting logged by hand this close to an invite's is that meeting


def record_invite(store: Store, contact: Contact, invite: CalendarEvent, message_id: str, now: datetime) -> bool:
    """Apply one invite to a contact's meetings; True when it changed something."""
    with store.transaction():
        meeting = Meeting.get_or_none((Meeting.contact == contact) & (Meeting.uid == invite.uid))
        if meeting is None:
            meeting = _logged_by_hand_near(contact, invite.start)
            if meeting is None and invite.cancelled:
                return False  # a cancellation of a meeting we never knew
            if meeting is None:
                meeting = Meeting.create(contact=contact, uid=invite.uid, sequence=invite.sequence,
                                         start=invite.start, end=invite.end, source=message_id, created_at=now)
                _adopt_notes(contact, meeting)
                return True
            meeting.uid = invite.uid  # the invite for a meeting the user logged by hand: one meeting, not two
        if invite.sequence < meeting.sequence:
            return False  # an older version
        before = (meeting.start, meeting.end, meeting.cancelled)
        if invite.method == "REPLY":
            # An answer to the invite: a decline cancels it, an acceptance revives only what a decline cancelled.
            if invite.cancelled:
                meeting.cancelled, meeting.declined = True, True
            elif meeting.declined:
                meeting.cancelled, meeting.declined = False, False
        elif invite.cancelled:
            meeting.cancelled, meeting.declined = True, False
        else:
            meeting.start, meeting.end, meeting.cancelled, meeting.declined = invite.start, invite.end, False, False
        meeting.sequence, meeting.source = max(invite.sequence, meeting.sequence), message_id
        meeting.save()
        return (meeting.start, meeting.end, meeting.cancelled) != before


def log_meeting(store: Store, contact: Contact, start: datetime, end: datetime, now: datetime) -> Meeting:
    """A meeting arranged outside mail (`coffeechat meeting`, `coffeechat met`); one already known then is kept."""
    with store.transaction():
        for meeting in meetings_of(contact):
            if not meeting.cancelled and abs(meeting.start - start) <= SAME_MEETING:
                return meeting
        meeting = Meeting.create(contact=contact, uid=f"by-hand-{uuid.uuid4().hex}", start=start, end=end,
                                 source="by hand", created_at=now)
        _adopt_notes(contact, meeting)
        return meeting


def _logged_by_hand_near(contact: Contact, start: datetime) -> Meeting | None:
    for meeting in meetings_of(contact):
        if meeting.uid.startswith("by-hand-") and abs(meeting.start - start) <= SAME_MEETING:
            return meeting
    return None


def _adopt_notes(contact: Contact, meeting: Meeting) -> None:
    """Notes taken before any meeting was known (the ask to make, say) belong to this one."""
    Note.update(meeting=meeting).where((Note.contact == contact) & Note.meeting.is_null()).execute()


def meetings_of(contact: Contact) -> list[Meeting]:
    return list(contact.meetings.order_by(Meeting.start))


def latest_meeting(contact: Contact, now: datetime) -> Meeting | None:
    """The meeting notes belong to: the latest one that has started, else the next one."""
    live = [m for m in meetings_of(contact) if not m.cancelled]
    started = [m for m in live if m.start <= now]
    return started[-1] if started else (live[0] if live else None)


def add_notes(store: Store, contact: Contact, notes: list[tuple[str, str]], now: datetime) -> list[Note]:
    meeting = latest_meeting(contact, now)
    with store.transaction():
        return [Note.create(contact=contact, meeting=meeting, category=category, text=text, created_at=now)
                for category, text in notes]


def notes_of(contact: Contact | None = None, open_only: bool = False) -> list[Note]:
    query = Note.select().order_by(Note.created_at, Note.id)
    if contact is not None:
        query = query.where(Note.contact == contact)
    if open_only:
        query = query.where(Note.done_at.is_null())
    return list(query)


def note(note_id: int) -> Note | None:
    return Note.get_or_none(Note.id == note_id)


def mark_done(store: Store, note_id: int, now: datetime) -> Note | None:
    with store.transaction():
        note = Note.get_or_none(Note.id == note_id)
        if note is not None and note.done_at is None:
            note.done_at = now
            note.save()
        return note


def conversations_of(contacts: list[Contact]) -> dict[int, Conversation]:
    """conversation_of for many contacts in four queries in all, not four each (a daemon's cycle asks for all)."""
    ids = [c.id for c in contacts]
    mine: dict[int, list[datetime]] = {}
    drafted: dict[int, dict[str, set[int]]] = {}
    promises: dict[int, int] = {}
    held: dict[int, list[MeetingState]] = {}
    for chunk in slices(ids, 500):
        for event in (Event.select(Event.contact, Event.date)
                      .where(Event.contact.in_(chunk) & Event.kind.in_((OUTREACH, FOLLOW_UP)))):
            mine.setdefault(event.contact_id, []).append(event.date)
        for draft in Draft.select(Draft.contact, Draft.kind, Draft.attempt).where(Draft.contact.in_(chunk)):
            drafted.setdefault(draft.contact_id, {}).setdefault(draft.kind, set()).add(draft.attempt)
        counted = (Note.select(Note.contact, pw.fn.COUNT(Note.id).alias("open"))
                   .where(Note.contact.in_(chunk) & (Note.category == "to_follow_up") & Note.done_at.is_null())
                   .group_by(Note.contact))
        promises.update({row.contact_id: row.open for row in counted})
        for m in Meeting.select().where(Meeting.contact.in_(chunk)).order_by(Meeting.start, Meeting.id):
            held.setdefault(m.contact_id, []).append(MeetingState(m.id, m.start, m.end, m.cancelled))
    return {c.id: Conversation(status=c.status, meetings=tuple(held.get(c.id, ())),
                               my_messages=tuple(mine.get(c.id, ())), open_follow_ups=promises.get(c.id, 0),
                               drafted={k: frozenset(v) for k, v in drafted.get(c.id, {}).items()})
            for c in contacts}


def conversation_of(contact: Contact) -> Conversation:
    """What the conversation rules read: meetings, when I wrote to them, open promises, drafts made."""
    mine = Event.select(Event.date).where((Event.contact == contact) & Event.kind.in_((OUTREACH, FOLLOW_UP)))
    drafted: dict[str, set[int]] = {}
    for draft in Draft.select(Draft.kind, Draft.attempt).where(Draft.contact == contact):
        drafted.setdefault(draft.kind, set()).add(draft.attempt)
    open_follow_ups = Note.select().where((Note.contact == contact) & (Note.category == "to_follow_up")
                                          & Note.done_at.is_null()).count()
    return Conversation(
        status=contact.status,
        meetings=tuple(MeetingState(m.id, m.start, m.end, m.cancelled) for m in meetings_of(contact)),
        my_messages=tuple(e.date for e in mine), open_follow_ups=open_follow_ups,
        drafted={kind: frozenset(ids) for kind, ids in drafted.items()},
    )


def history_of(contact: Contact) -> list[tuple[datetime, str, str]]:
    """The thread so far, oldest first: (when, who wrote, subject)."""
    events = Event.select().where((Event.contact == contact) & Event.kind.in_((OUTREACH, FOLLOW_UP, REPLY)))
    who = {OUTREACH: "you wrote", FOLLOW_UP: "you wrote", REPLY: "they replied"}
    return [(e.date, who[e.kind], e.subject) for e in events.order_by(Event.date)]


def next_meeting(contact: Contact, now: datetime) -> Meeting | None:
    ahead = [m for m in meetings_of(contact) if not m.cancelled and m.end > now]
    return ahead[0] if ahead else None


def has_conversation(contact: Contact) -> bool:
    return Meeting.select().where(Meeting.contact == contact).exists()

