"""What classification needs to know of the contact log: addresses, thread Message-IDs, introducers.

A first sync reads it all at once. A daemon's cycle brings a handful of messages, so it reads
only what they name, as they name it (classify.Lookup): a cycle after ten new messages costs
the same with 100 contacts as with 10,000.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import peewee as pw

from daemon.contact_log.schema import Contact, ContactAddress, Correspondence, Draft, Event, Ignored, slices
from daemon.mail.classify import Known, Lookup
from daemon.playbook.first_notes import FIRST_NOTES

# Past this many new messages, one read of everything beats a query per address and Message-ID.
WHOLE_LOG_FROM = 200
# Past this many Message-IDs no event holds, one read of every contact's thread beats a search for each.
WHOLE_THREADS_FROM = 8


def read_known(db: pw.Database, my_addresses: Iterable[str], phrases: tuple[str, ...], keyword: str,
               ignore: frozenset[str], new_messages: int) -> Known:
    ignored = ignore | {row.entry for row in Ignored.select(Ignored.entry)}
    if new_messages >= WHOLE_LOG_FROM:
        known = Known(frozenset(my_addresses), phrases, keyword, ignored=frozenset(ignored))
        _read_whole(known)
        return known
    on_demand = _OnDemand(db)
    known = Known(frozenset(my_addresses), phrases, keyword, ignored=frozenset(ignored),
                  contacts=Lookup(on_demand.address), threads=Lookup(on_demand.thread),
                  introducers=on_demand.introducers, first_notes=Lookup(on_demand.first_note))
    return known


def _read_whole(known: Known) -> None:
    key_of: dict[int, str] = {}
    for row in ContactAddress.select().order_by(ContactAddress.id):
        key_of.setdefault(row.contact_id, row.email)
        known.contacts[row.email] = key_of[row.contact_id]
    for event in Event.select(Event.message_id, Event.contact).where(Event.contact.is_null(False)):
        if event.contact_id in key_of:
            known.threads[event.message_id] = key_of[event.contact_id]
    for contact in Contact.select(Contact.id, Contact.thread, Contact.introducers):
        if contact.id not in key_of:
            continue
        for message_id in contact.thread.split():
            known.threads.setdefault(message_id, key_of[contact.id])
        if contact.introducers:
            known.introducers[key_of[contact.id]] = set(contact.introducers.split())
    for draft in Draft.select(Draft.message_id, Draft.contact, Draft.created_at).where(Draft.kind.in_(FIRST_NOTES)):
        if draft.contact_id in key_of:  # sent, it is their outreach whatever the user changed in it
            known.first_notes[draft.message_id] = (key_of[draft.contact_id], draft.created_at)


class _OnDemand:
    """The same answers as _read_whole, one key at a time (a contact's key is its first address)."""

    def __init__(self, db: pw.Database):
        self.db = db
        self.introducers: dict[str, set[str]] = {}
        self._keys: dict[int, str | None] = {}
        # Contacts' thread Message-IDs: read whole, once, at the first Message-ID that is no event's.
        self._contact_threads: dict[str, list[int]] | None = None
        self._thread_asks = 0

    def _one(self, sql: str, value: object) -> tuple | None:
        return self.db.execute_sql(sql.replace("?", self.db.param), (value,)).fetchone()  # ? or %s (PostgreSQL)

    def _key(self, contact_id: int) -> str | None:
        if contact_id not in self._keys:
            row = self._one("SELECT email FROM contactaddress WHERE contact_id = ? ORDER BY id LIMIT 1", contact_id)
            self._keys[contact_id] = key = row[0] if row else None
            if key is not None:
                found = self._one("SELECT introducers FROM contact WHERE id = ?", contact_id)
                if found and found[0]:
                    self.introducers[key] = set(found[0].split())
        return self._keys[contact_id]

    def address(self, email: str) -> str | None:
        row = self._one("SELECT contact_id FROM contactaddress WHERE email = ?", email)
        return self._key(row[0]) if row else None

    def thread(self, message_id: str) -> str | None:
        row = self._one("SELECT contact_id FROM event WHERE message_id = ? AND contact_id IS NOT NULL", message_id)
        if row and self._key(row[0]) is not None:
            return self._key(row[0])
        if self._contact_threads is None and self._thread_asks < WHOLE_THREADS_FROM:
            # A few Message-IDs (most cycles): the database looks through the threads, not Python.
            self._thread_asks += 1
            pattern = "%" + message_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            rows = self.db.execute_sql(f"SELECT id, thread FROM contact WHERE thread LIKE {self.db.param} "
                                       "ESCAPE '\\' ORDER BY id", (pattern,))
            owners = [contact_id for contact_id, thread in rows if message_id in (thread or "").split()]
        else:
            if self._contact_threads is None:
                self._contact_threads = {}
                for contact_id, thread in self.db.execute_sql("SELECT id, thread FROM contact ORDER BY id"):
                    for one in (thread or "").split():
                        self._contact_threads.setdefault(one, []).append(contact_id)
            owners = self._contact_threads.get(message_id, [])
        keys = (self._key(contact_id) for contact_id in owners)
        return next((key for key in keys if key is not None), None)


    def first_note(self, message_id: str) -> tuple[str, datetime] | None:
        """A first note coffeechat drafted with this Message-ID (`coffeechat outreach`): its contact and when."""
        draft = (Draft.select(Draft.contact, Draft.created_at)
                 .where((Draft.message_id == message_id) & Draft.kind.in_(FIRST_NOTES)).first())
        key = self._key(draft.contact_id) if draft is not None else None
        return (key, draft.created_at) if key is not None else None


def learn_history(known: Known, addresses: Iterable[str]) -> None:
    """Teach `known` the earlier mail with these addresses (those new sent mail went to); idle cycles ask none."""
    for some in slices(sorted(set(addresses))):
        query = Correspondence.select(Correspondence.message_id, Correspondence.address, Correspondence.date)
        for row in query.where(Correspondence.address.in_(some)):
            known.saw(row.message_id, row.address, row.date)
