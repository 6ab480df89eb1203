"""Contacts kept by hand: add, edit, pause, resume, remove, and the timeline `contacts show` prints.

The SQL side of the contact spreadsheet, beside store.py. Every change is one
transaction; an address belongs to one contact only, so mail to or from it always
counts for the same person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone

from daemon.contact_log.schema import Bounce, Contact, ContactAddress, Draft, Event, Goal, Meeting, Note
from daemon.contact_log.store import Store, save_state, state_of
from daemon.errors import UsageError
from daemon.mail.messages import address_pairs, clean
from daemon.playbook.network import Standing
from daemon.playbook.rules import AWAITING_REPLY, BOUNCED, NEW, NO_RESPONSE, PAUSED, REPLIED
from daemon.settings import TIERS

UNANSWERED = (NEW, AWAITING_REPLY, NO_RESPONSE, BOUNCED)


@dataclass(frozen=True)
class Changes:
    """What `contacts add` or `edit` sets; None leaves a field as it is."""

    name: str | None = None
    organization: str | None = None
    role: str | None = None
    relationship: str | None = None
    referred_by: Contact | None = None
    cadence_days: int | None = None
    goal: Goal | None = None


def valid_address(address: str) -> str:
    address = address.strip().lower()
    if address.count("@") != 1 or any(c.isspace() or c in "<>\",;" for c in address) or "." not in \
            address.rpartition("@")[2]:
        raise UsageError(f"{address!r} is not an email address: write it like maria@example.org")
    return address


def add(store: Store, name: str, address: str | None, changes: Changes, now: datetime) -> Contact:
    """A new contact; an address that already belongs to someone is refused, naming them."""
    address = valid_address(address) if address else None
    if not clean(name) and not address:
        raise UsageError("give a name or an email address (or both): coffeechat contacts add \"Maria Lopez\" "
                         "maria@org.example")
    if address:
        _refuse_taken(address)
    with store.transaction():
        contact = Contact.create(name=clean(name), status=NEW, created_at=now, updated_at=now)
        if address:
            ContactAddress.create(contact=contact, email=address)
        _apply(contact, changes, now)
    return contact


def edit(store: Store, contact: Contact, changes: Changes, now: datetime, add_addresses: list[str] = (),
         remove_addresses: list[str] = ()) -> None:
    added = [valid_address(a) for a in add_addresses]
    for address in added:
        _refuse_taken(address, allow=contact)
    with store.transaction():
        for address in added:
            ContactAddress.insert(contact=contact, email=address).on_conflict_ignore().execute()
        for address in remove_addresses:
            row = ContactAddress.get_or_none((ContactAddress.contact == contact)
                                             & (ContactAddress.email == address.strip().lower()))
            if row is None:
                raise UsageError(f"{address!r} is not one of this contact's addresses")
            row.delete_instance()
        _apply(contact, changes, now)


def pause(store: Store, contact: Contact, now: datetime) -> None:
    """The user said stop: no draft of any kind, until `resume`."""
    if contact.status == PAUSED:
        return
    with store.transaction():
        contact.paused_from = contact.status
        contact.save()
    store.set_status(contact, PAUSED, now)  # cancels a follow-up not yet sent


def resume(store: Store, contact: Contact, now: datetime) -> str:
    if contact.status != PAUSED:
        return contact.status
    status = contact.paused_from or NEW
    if status in UNANSWERED and contact.last_reply_at and (contact.last_sent_at is None
                                                           or contact.last_reply_at > contact.last_sent_at):
        status = REPLIED  # they answered while paused: no follow-up to a message already answered
    with store.transaction():
        contact.paused_from = ""
        contact.save()
    store.set_status(contact, status, now)
    return status


def remove(store: Store, contact: Contact) -> None:
    """Gone from the log with its events, meetings, notes and drafts (a draft in Drafts stays the user's)."""
    with store.transaction():
        contact.delete_instance()


def timeline(store: Store, contact: Contact) -> list[tuple[datetime, str]]:
    """Every message, draft, meeting and note of a contact, oldest first."""
    words = {"outreach": "you wrote", "follow_up": "you followed up", "reply": "they replied",
             "auto_reply": "automatic reply", "bounce": "bounced",
             "delay": "delivery delayed (their server is still trying; nothing to do)"}
    found = [(e.date, f"{words.get(e.kind, e.kind)}: {e.subject}") for e in contact.events if e.kind != "bounce"]
    found += [(b.date, f"bounced: {b.address}: {b.words}" + (f" ({b.status})" if b.status else "")
               + (" — the address itself is wrong or gone" if b.hard else " — this message did not get through"))
              for b in contact.bounces]
    # A bounce recorded before the reason was kept (schema 6) has only its event.
    found += [(e.date, f"bounced: {e.subject}") for e in contact.events
              if e.kind == "bounce" and not any(b.message_id == e.message_id for b in contact.bounces)]
    found += [(d.created_at, f"{d.kind.replace('_', '-')} draft ({d.state})") for d in contact.drafts]
    found += [(m.start, f"meeting{' (cancelled)' if m.cancelled else ''}") for m in contact.meetings]
    found += [(n.created_at, f"note [{n.id}] {n.category.replace('_', ' ')}: {n.text}{' (done)' if n.done_at else ''}")
              for n in contact.notes]
    return sorted(found, key=lambda item: item[0])


def referral_chain(contact: Contact) -> tuple[list[Contact], list[Contact]]:
    """Who led to them (nearest first), and whom they led to."""
    up, seen, current = [], {contact.id}, contact.referred_by
    while current is not None and current.id not in seen:
        up.append(current)
        seen.add(current.id)
        current = current.referred_by
    return up, list(contact.referrals)


def _apply(contact: Contact, changes: Changes, now: datetime) -> None:
    if changes.relationship is not None and changes.relationship not in TIERS:
        raise UsageError(f"--relationship {changes.relationship!r} is not a tier: use {', '.join(TIERS)}")
    if changes.referred_by is not None and changes.referred_by.id == contact.id:
        raise UsageError("a contact cannot be referred by themselves")
    for name in ("organization", "role", "relationship", "cadence_days"):
        value = getattr(changes, name)
        if value is not None:
            setattr(contact, name, clean(value) if isinstance(value, str) else value)
    if changes.name is not None:
        contact.name = clean(changes.name)
    if changes.referred_by is not None:
        contact.referred_by = changes.referred_by
    if changes.goal is not None:
        contact.goal = changes.goal
    contact.updated_at = now
    contact.save()


def _refuse_taken(address: str, allow: Contact | None = None) -> None:
    row = ContactAddress.get_or_none(ContactAddress.email == address)
    if row is not None and (allow is None or row.contact_id != allow.id):
        who = row.contact.name or address
        raise UsageError(f"{address} already belongs to {who} (id {row.contact_id}): "
                         "'coffeechat contacts merge' joins two records of one person")



def standing_of(store: Store, contact: Contact, without: tuple[str, int] | None = None) -> Standing:
    """What the network rules read: tier, referral, last contact either way, drafts made and waiting.

    `without` (kind, attempt) treats that one draft as never made (reconciling a crash-recorded one).
    """
    ends = [m.end for m in contact.meetings if not m.cancelled]
    moments = [d for d in (contact.last_sent_at, contact.last_reply_at, *ends) if d is not None]
    drafts = [d for d in contact.drafts if (d.kind, d.attempt) != without]
    return Standing(
        status=contact.status, relationship=contact.relationship, referred=contact.referred_by_id is not None,
        has_address=bool(store.primary_address(contact)), last_contact=max(moments, default=None),
        cadence_days=contact.cadence_days, drafted=frozenset((d.kind, d.attempt) for d in drafts),
        # A prep note went to INBOX: it waits in no Drafts folder and holds up no check-in.
        waiting=any(d.state in ("intended", "placed") and d.kind != "prep" for d in drafts),
    )


def referrals(store: Store, referrer: Contact, text: str, now: datetime,
              my_addresses: frozenset[str] = frozenset()) -> list[tuple[Contact, bool]]:
    """People a "to connect" note names ("Maria Lopez <maria@org.example>", "Maria Lopez at SEIU", several):
    each becomes a contact referred by `referrer`, tier extended (or, if known, gains the referral).
    Returns (contact, created) for each; the user and the referrer themselves are never among them."""
    found = []
    mine = {a.email for a in referrer.addresses}
    for name, address, organization in named_people(text):
        if address in my_addresses or address in mine or (name and name.casefold() == referrer.name.casefold()):
            continue
        existing = ContactAddress.get_or_none(ContactAddress.email == address) if address else None
        contact = existing.contact if existing else _named(name, referrer)
        if contact is not None:
            if contact.referred_by_id is None and contact.id != referrer.id:
                with store.transaction():
                    contact.referred_by = referrer
                    contact.save()
            found.append((contact, False))
            continue
        changes = Changes(relationship="extended", referred_by=referrer, organization=organization or None)
        found.append((add(store, name, address, changes, now), True))
    return found


def _named(name: str, referrer: Contact) -> Contact | None:
    if not name:
        return None
    same = [c for c in Contact.select().where(Contact.id != referrer.id) if c.name.casefold() == name.casefold()]
    return same[0] if len(same) == 1 else None


def named_people(text: str) -> list[tuple[str, str, str]]:
    """(name, address, organization) for each person a note names; "someone at the union" names no one.

    People are separated by ";" or "and" (or commas between addresses); "Maria Lopez, Sunrise
    Movement", "Maria Lopez (SEIU)" and "Maria Lopez at SEIU" name Maria, at that organization.
    """
    people = []
    for part in re.split(r"\s*(?:;|\band\b)\s*", text):
        if "@" in part:
            for name, address in address_pairs([part]):
                address = address.strip().lower()
                if address.count("@") == 1:
                    people.append((clean(name.strip(" \"'")), address, ""))
            continue
        name, organization = _name_and_organization(part)
        if _looks_like_a_name(name):
            people.append((name, "", organization))
    return people


def _name_and_organization(part: str) -> tuple[str, str]:
    part = clean(part.strip(" \"'."))
    match = re.match(r"^(.*?)\s*(?:\((.*)\)|,\s*(.+)|\s+(?:at|from|of)\s+(.+))$", part)
    if match and match.group(1):
        organization = next((g for g in match.groups()[1:] if g), "")
        return match.group(1).strip(), clean(organization)
    return part, ""


def _looks_like_a_name(text: str) -> bool:
    words = text.split()
    particles = {"de", "da", "del", "van", "von", "der", "la", "le", "di", "bin", "al"}
    return 1 <= len(words) <= 4 and all(w[:1].isupper() or w.lower() in particles for w in words) \
        and any(w[:1].isupper() for w in words)


def merge(store: Store, keep: Contact, other: Contact, now: datetime) -> dict[str, int]:
    """One person with two records: everything of `other` moves to `keep`, nothing is lost, `other` goes.

    Returns how many of each were moved. Where both have the same meeting (an invite's UID)
    or the same draft (kind, round, attempt), `keep`'s stays and `other`'s notes move onto it.
    """
    if keep.id == other.id:
        raise UsageError("that is the same contact twice: name two different ones")
    moved = {}
    with store.transaction():
        # Created anew, so they sort after the kept record's: its primary address (where its outreach
        # went) stays the one follow-ups go to.
        theirs = [(a.email, a.bounced) for a in other.addresses]
        ContactAddress.delete().where(ContactAddress.contact == other).execute()
        for email, bounced in theirs:
            ContactAddress.create(contact=keep, email=email, bounced=bounced)
        moved["addresses"] = len(theirs)
        moved["messages"] = Event.update(contact=keep).where(Event.contact == other).execute()
        Bounce.update(contact=keep).where(Bounce.contact == other).execute()
        moved["meetings"] = 0
        for meeting in list(other.meetings):
            twin = Meeting.get_or_none((Meeting.contact == keep) & (Meeting.uid == meeting.uid))
            if twin is None:
                meeting.contact = keep
                meeting.save()
                moved["meetings"] += 1
            else:
                Note.update(meeting=twin).where(Note.meeting == meeting).execute()
                meeting.delete_instance()
        moved["notes"] = Note.update(contact=keep).where(Note.contact == other).execute()
        moved["drafts"] = 0
        for draft in list(other.drafts):
            if Draft.select().where((Draft.contact == keep) & (Draft.kind == draft.kind) & (Draft.round == draft.round)
                                    & (Draft.attempt == draft.attempt)).exists():
                draft.round = -draft.id  # both made one for the same attempt: kept too, as history of its own
            draft.contact = keep
            draft.save()
            moved["drafts"] += 1
        Contact.update(referred_by=keep).where((Contact.referred_by == other) & (Contact.id != keep.id)).execute()
        paused = keep.status == PAUSED or other.status == PAUSED
        if _further(other, keep):
            save_state(keep, state_of(other), now)  # the outreach's state, whole, from the record gone further
        if paused and keep.status != PAUSED:  # the user said stop for this person: it holds for the merged record
            keep.paused_from, keep.status = keep.status, PAUSED
        for name in ("name", "organization", "role", "cadence_days", "referred_by", "goal", "paused_from"):
            if not getattr(keep, name) and getattr(other, name):
                setattr(keep, name, getattr(other, name))
        if keep.referred_by_id == keep.id:
            keep.referred_by = None
        keep.confirmed = keep.confirmed or other.confirmed
        keep.updated_at = now
        keep.save()
        other.delete_instance()
    return moved


def _further(a: Contact, b: Contact) -> bool:
    """Has `a`'s conversation gone further than `b`'s (a later round, or later mail)?"""
    def when(c: Contact) -> datetime:
        return max((d for d in (c.last_sent_at, c.last_reply_at) if d is not None), default=datetime.min.replace(
            tzinfo=timezone.utc))
    return (a.round, when(a)) > (b.round, when(b))
