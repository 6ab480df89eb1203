"""Who could get a first note, read from the log: tier, goal, address, and what was already written or drafted.

The SQL side of playbook/first_notes.py, for `coffeechat outreach` and the weekly
summary's "ready to write to". A few queries for the whole log, not a few per contact:
a LinkedIn import brings hundreds of people.
"""

from __future__ import annotations

import peewee as pw

from daemon.contact_log.schema import Contact, Draft, Event, Goal
from daemon.contact_log.store import Store
from daemon.mail.classify import FOLLOW_UP, OUTREACH, is_ignored
from daemon.playbook.first_notes import FIRST_NOTES, Drafted, Prospect


def prospects(store: Store, ignored: frozenset[str], contacts: list[Contact] | None = None) -> list[Prospect]:
    """Every contact (or these) as the first-note rules read them."""
    contacts = store.contacts() if contacts is None else contacts
    primaries = store.primary_addresses()
    open_goals = Goal.select(Goal.id).where(Goal.done_at.is_null()).order_by(Goal.id)
    goal_rank = {goal.id: rank for rank, goal in enumerate(open_goals)}
    first_sent = pw.fn.MIN(Event.date).python_value(Event.date.python_value)
    written = dict(Event.select(Event.contact, first_sent)
                   .where(Event.kind.in_((OUTREACH, FOLLOW_UP)) & Event.contact.is_null(False))
                   .group_by(Event.contact).tuples())
    drafted: dict[int, Drafted] = {}
    for draft in Draft.select().where(Draft.kind.in_(FIRST_NOTES)).order_by(Draft.created_at, Draft.id):
        drafted[draft.contact_id] = Drafted(draft.kind, draft.state, draft.created_at)  # the latest wins
    found = []
    for contact in contacts:
        address = primaries.get(contact.id, "")
        first = written.get(contact.id) or contact.first_sent_at or contact.last_sent_at
        found.append(Prospect(
            contact_id=contact.id, who=who(contact, address), relationship=contact.relationship,
            status=contact.status, has_address=bool(address), referred=contact.referred_by_id is not None,
            goal_rank=goal_rank.get(contact.goal_id), written_at=first, replied_at=contact.last_reply_at,
            drafted=drafted.get(contact.id), ignored=bool(address) and is_ignored(address, ignored),
            since=contact.updated_at,
        ))
    return found


def who(contact: Contact, address: str) -> str:
    """"Maya Okafor (Sunrise Movement)": how lists name a person (the weekly summary's too)."""
    name = contact.name or address or f"contact {contact.id}"
    return f"{name} ({contact.organization})" if contact.organization else name
