"""Contacts imported into the log: one transaction, matched by address (then by name), changes reported.

The SQL side of `coffeechat contacts import`, beside importing.py (which reads the file).
Importing the same file twice changes nothing; an updated file updates what changed and
says so; a dry run reports the same and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from daemon.contact_log.importing import ImportedContact, ImportResult
from daemon.contact_log.schema import Contact, ContactAddress, Note
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
    noted = {(n.contact_id, n.text) for n in Note.select(Note.contact, Note.text).where(Note.category == IMPORTED_NOTE)}
    new_addresses: list[dict] = []
    new_notes: list[dict] = []
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
                contact = Contact.create(name=row.name, organization=row.organization, role=row.role,
                                         relationship=row.relationship or "cold", status=NEW,
                                         linkedin_url=row.linkedin_url, created_at=now, updated_at=now)
                if row.linkedin_url:
                    by_url[row.linkedin_url] = contact
                by_name.setdefault(row.name.lower(), []).append(contact)
                report.added += 1
                changes = []
            else:
                changes = _update(contact, row, now)
            for address in row.emails:
                if address not in by_address:
                    new_addresses.append({"contact": contact.id, "email": address})
                    by_address[address] = contact
                    addressed.add(contact.id)
                    if changes or contact.created_at != now:
                        changes.append(f"address {address} added")
            if row.notes and (contact.id, row.notes) not in noted:
                noted.add((contact.id, row.notes))
                new_notes.append({"contact": contact.id, "category": IMPORTED_NOTE, "text": row.notes,
                                  "created_at": now})
                if contact.created_at != now:
                    changes.append("a note added")
            if contact.created_at != now:
                if changes:
                    report.updated.append((contact.name or row.emails[0], changes))
                else:
                    report.unchanged += 1
        for batch in range(0, len(new_addresses), 300):  # in batches: SQLite caps the variables of one statement
            ContactAddress.insert_many(new_addresses[batch:batch + 300]).execute()
        for batch in range(0, len(new_notes), 200):
            Note.insert_many(new_notes[batch:batch + 200]).execute()
    return report


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
