"""Finding contacts in the log: by address, by what a CONTACT argument names, and the lists rules and review need.

Part of the Store (it mixes this in); kept apart so store.py stays about events, cursors and drafts.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from daemon.contact_log.schema import Bounce, Contact, ContactAddress, Draft, Event, Ignored, Meeting, slices
from daemon.mail.classify import OUTREACH
from daemon.playbook import rules


class ContactQueries:
    """The contact-finding half of the Store; `self.transaction()` comes from the Store."""

    def contact_by_address(self, address: str) -> Contact | None:
        row = ContactAddress.get_or_none(ContactAddress.email == address)
        return row.contact if row else None

    def latest_bounce(self, contact: Contact) -> Bounce | None:
        """The newest delivery report's word on this contact (None for a bounce recorded before schema 6)."""
        return contact.bounces.order_by(Bounce.date.desc(), Bounce.id.desc()).first()

    def contacts_for_network(self) -> list[Contact]:
        """Who the network rules may have something for: referrals not yet written to, the connected, the core."""
        return list(Contact.select().where(
            ((Contact.status == rules.NEW) & Contact.referred_by.is_null(False))
            | (Contact.status == rules.CONNECTED) | (Contact.relationship == "core")).order_by(Contact.id))

    def contacts_among(self, ids: Iterable[int]) -> list[Contact]:
        found: list[Contact] = []
        for some in slices(sorted(ids)):
            found.extend(Contact.select().where(Contact.id.in_(some)).order_by(Contact.id))
        return found

    def contacts_with_meetings(self) -> list[Contact]:
        return list(Contact.select().join(Meeting).distinct().order_by(Contact.id))

    def find(self, query: str) -> list[Contact]:
        """Contacts a CONTACT argument names: an email address, a contact id, or part of a name."""
        query = query.strip()
        if query.isascii() and query.isdigit():
            number = int(query)
            return list(Contact.select().where(Contact.id == number)) if number < 2**63 else []
        if "@" in query:
            rows = ContactAddress.select().where(ContactAddress.email == query.lower())
            return [row.contact for row in rows]
        needle = query.lower()
        return [c for c in self.contacts() if needle and needle in c.name.lower()]

    def pending_review(self) -> list[Contact]:
        """Contacts met through outreach that waits for the user's confirmation (confirm mode)."""
        return list(Contact.select().where(Contact.confirmed == False).order_by(Contact.id))  # noqa: E712

    def outreach_event(self, contact: Contact) -> Event | None:
        """The message that made this contact: the first outreach of its latest round."""
        return (Event.select().where((Event.contact == contact) & (Event.kind == OUTREACH))
                .order_by(Event.date.desc()).first())

    def confirm(self, contact: Contact, now: datetime) -> None:
        with self.transaction():
            contact.confirmed = True
            contact.updated_at = now
            contact.save()

    def ignore(self, contact: Contact, now: datetime) -> list[Draft]:
        """Stop tracking a person for good: their addresses go on the ignore list, the contact is removed.

        Returns the drafts of theirs still waiting in Drafts: never deleted, the user is told.
        """
        with self.transaction():
            # "intended" too: a draft appended just before a crash is in Drafts though not yet marked placed.
            waiting = list(Draft.select().where((Draft.contact == contact)
                                                & Draft.state.in_(("placed", "intended"))))
            for address in contact.addresses:
                Ignored.insert(entry=address.email, created_at=now).on_conflict_ignore().execute()
            contact.delete_instance(recursive=False)  # events, addresses and drafts go with it (ON DELETE CASCADE)
        return waiting

    def ignore_address(self, address: str, now: datetime) -> None:
        with self.transaction():
            Ignored.insert(entry=address, created_at=now).on_conflict_ignore().execute()

    def ignored(self) -> list[str]:
        return [row.entry for row in Ignored.select().order_by(Ignored.entry)]

