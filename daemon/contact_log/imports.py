"""Contacts imported into the log: one transaction, matched by address (then by name), changes reported.

The SQL side of `coffeechat contacts import`, beside importing.py (which reads the file).
Importing the same file twice changes nothing; an updated file updates what changed and
says so; a dry run reports the same and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import peewee as pw

from daemon.contact_log.importing import ImportedContact, ImportResult
from daemon.contact_log.schema import Contact, ContactAddress, Note, slices
from daemon.contact_log.store import Store
from daemon.playbook.rules import NEW

IMPORTED_NOTE = "imported"  # the category of a note that came with an imported row


@dataclass
class ImportReport:
    added: int = 0
    unchanged: int = 0
    updated: list[tuple[str, list[str]]] = field(default_factory=list)  # (who, ["organization 'A' → 'B'", …])
    own: list[int] = field(default_factory=list)  # lines of the user's own card, left out


def import_contacts(store: Store, result: ImportResult, now: datetime, dry_run: bool = False,
                    my_addresses: frozenset[str] = frozenset()) -> ImportReport:
    """Add or update every contact of the file, all or nothing; the user's own card is left out."""
    report = ImportReport()
    by_id = {contact.id: contact for contact in Contact.select()}
    by_address = {row.email: by_id[row.contact_id] for row in ContactAddress.select(ContactAddress.email,
                                                                                    ContactAddress.contact)}
    by_name: dict[str, list[Contact]] = {}
    for contact in by_id.values():
        by_name.setdefault(contact.name.lower(), []).append(contact)
    addressed = {c.id for c in by_address.values()}
    noted = {(id(by_id[n.contact_id]), n.text) for n in Note.select(Note.contact, Note.text)
             .where(Note.category == IMPORTED_NOTE)}
    new_addresses: list[tuple[Contact, str]] = []
    new_notes: list[tuple[Contact, str]] = []
    fresh: list[Contact] = []  # new contacts, inserted together at the end: thousands of rows well under a second
    transaction = store.rolled_back() if dry_run else store.transaction()
    by_url = {c.linkedin_url: c for c in by_id.values() if c.linkedin_url}
    existed = set(by_id)  # a name matches only a contact from before this import: two Maria Lopezes stay two
    with transaction:
        for row in result.contacts:
            if set(row.emails) & my_addresses:
                report.own.append(row.line)
                continue
            contact = by_url.get(row.linkedin_url) if row.linkedin_url else None
            contact = contact or _match(row, by_address, _existing(by_name, existed, row.name), addressed)
            if contact is None:
                contact = Contact(name=row.name, organization=row.organization, role=row.role,
                                  relationship=row.relationship or "cold", status=NEW,
                                  linkedin_url=row.linkedin_url, created_at=now, updated_at=now)
                fresh.append(contact)
                if row.linkedin_url:
                    by_url[row.linkedin_url] = contact
                report.added += 1
                changes = []
            else:
                changes = _update(contact, row, now)
            for address in row.emails:
                if address not in by_address:
                    new_addresses.append((contact, address))
                    by_address[address] = contact
                    if contact.id is not None:
                        addressed.add(contact.id)
                        changes.append(f"address {address} added")
            if row.notes and (id(contact), row.notes) not in noted:
                noted.add((id(contact), row.notes))
                new_notes.append((contact, row.notes))
                if contact.id is not None:
                    changes.append("a note added")
            if contact.id is not None:
                if changes:
                    report.updated.append((contact.name or row.emails[0], changes))
                else:
                    report.unchanged += 1
        _insert(fresh, new_addresses, new_notes, now)
    return report


def _insert(fresh: list[Contact], addresses: list[tuple[Contact, str]], notes: list[tuple[Contact, str]],
            now: datetime) -> None:
    """The new contacts, their addresses and notes, a few hundred rows per statement."""
    if fresh:
        before = Contact.select(pw.fn.MAX(Contact.id)).scalar() or 0
        rows = [{name: getattr(c, name) for name in ("name", "organization", "role", "relationship", "status",
                                                     "linkedin_url", "created_at", "updated_at")} for c in fresh]
        for some in slices(rows, 500):
            Contact.insert_many(some).execute()
        # One transaction, rows inserted in order: the new ids are the next ones, in the same order.
        ids = [c.id for c in Contact.select(Contact.id).where(Contact.id > before).order_by(Contact.id)]
        for contact, new_id in zip(fresh, ids, strict=True):
            contact.id = new_id
    address_rows = [{"contact": c.id, "email": a} for c, a in addresses]
    for some in slices(address_rows, 300):
        ContactAddress.insert_many(some).execute()
    note_rows = [{"contact": c.id, "category": IMPORTED_NOTE, "text": t, "created_at": now} for c, t in notes]
    for some in slices(note_rows, 200):
        Note.insert_many(some).execute()


def _existing(by_name: dict[str, list[Contact]], existed: set[int], name: str) -> dict[str, list[Contact]]:
    """The by-name index restricted to this row's name and to contacts from before the import."""
    key = name.lower()
    return {key: [c for c in by_name.get(key, []) if c.id in existed]}


def _match(row: ImportedContact, by_address: dict[str, Contact], by_name: dict[str, list[Contact]],
           addressed: set[int]) -> Contact | None:
    """The same person: by any of the row's addresses; else by a name only one contact has, when either side
    has no address yet (a LinkedIn row, or a LinkedIn contact a vCard now gives an address)."""
    for address in row.emails:
        if address in by_address:
            return by_address[address]
    named = by_name.get(row.name.lower(), []) if row.name else []
    if not row.emails and len(named) == 1:
        return named[0]
    unaddressed = [c for c in named if c.id not in addressed]
    if row.emails and len(named) == 1 and unaddressed:
        return unaddressed[0]
    return None


def _update(contact: Contact, row: ImportedContact, now: datetime) -> list[str]:
    changes = []
    if row.linkedin_url and not contact.linkedin_url:
        contact.linkedin_url = row.linkedin_url  # quietly: it only says who they are
    for name in ("organization", "role", "relationship"):
        new = getattr(row, name)
        old = getattr(contact, name)
        if new and new != old:
            changes.append(f"{name} {old!r} → {new!r}" if old else f"{name} {new!r}")
            setattr(contact, name, new)
    if changes or contact.is_dirty():
        contact.updated_at = now if changes else contact.updated_at
        contact.save()
    return changes
