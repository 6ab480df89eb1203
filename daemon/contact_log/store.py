"""The contact log: reads and writes on SQLite (or PostgreSQL), one transaction per batch.

Only this module (with the tables in schema.py) talks SQL. Events are keyed by
Message-ID, so a message is recorded once however often it is fetched; folder cursors
move in the same transaction as the events they cover; a draft is recorded (with its
Message-ID) before it is placed, and (contact, kind, round, attempt) is unique, so no
draft is ever made twice.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import datetime

import peewee as pw

from daemon import faults
from daemon.contact_log.known import WHOLE_LOG_FROM, learn_history, read_known
from daemon.contact_log.locks import one_cycle
from daemon.contact_log.postgres import INSTALL, claim_schema, shown
from daemon.contact_log.queries import ContactQueries
from daemon.contact_log.schema import (
    MIGRATIONS,
    MODELS,
    Bounce,
    Contact,
    ContactAddress,
    Correspondence,
    Draft,
    Event,
    FolderCursor,
    Note,
    SchemaInfo,
    open_database,
    slices,
)
from daemon.errors import SettingsError, StoreError
from daemon.mail.classify import BOUNCE, OUTREACH, TRACKED, Known, MailEvent
from daemon.playbook import rules
from daemon.playbook.rules import ContactState

log = logging.getLogger(__name__)


@dataclass
class _Batch:
    """What one record() call has read of the log, kept up to date as its events change it."""

    owners: dict[str, int | None]                    # address -> contact id (None: not in the log)
    unaddressed: dict[str, list[int]] | None = None  # casefolded name -> contacts without an address
    events: list[dict] = field(default_factory=list)   # Event rows of the events applied, not yet written
    touched: set[int] = field(default_factory=set)     # the contacts whose state the events changed
    contacts: dict[int, Contact] = field(default_factory=dict)  # each contact read once, changed in place
    pending_follow_ups: bool = True  # any follow-up draft not yet sent (record() makes none: asked once)


class Store(ContactQueries):
    """The contact log. One Store per process: it binds the models to its database."""

    def __init__(self, target: str, upgrade: bool = True):
        """Open the contact log; with upgrade=False an older schema is left as it is until `migrate()`."""
        self.target = target
        self._batch: _Batch | None = None  # while record() runs
        # The last pass of the rules: (what the log looked like after it, the cycle's now, the settings).
        self.rules_pass: tuple[tuple[int, int], datetime, object] | None = None
        # What this process last read of the Drafts folder: (folder and its STATUS, the Message-IDs in it).
        self.drafts_seen: tuple[tuple, frozenset[str]] | None = None
        # The log's mark and Drafts' STATUS after this process last reconciled drafts.
        self.reconciled: tuple[object, tuple] | None = None
        self._review: tuple[object, list[Contact]] | None = None  # (the log's mark, who waits for review)
        # The last record(): the log's mark before and after it, and the contacts it changed (None: unknown).
        self.last_record: tuple[object, object, frozenset[int] | None] | None = None
        self.db = open_database(target)
        self.db.bind(MODELS)
        try:
            self.db.connect(reuse_if_open=True)
            if upgrade:
                self.migrate()
        except pw.ImproperlyConfigured:
            raise SettingsError(f"COFFEECHAT_DATABASE={shown(target)} needs a database driver that is not "
                                f"installed: {INSTALL}") from None
        except pw.PeeweeException as e:
            raise StoreError(f"cannot open the contact log at {shown(target)}: {e}") from None

    def close(self) -> None:
        self.db.close()

    def change_mark(self) -> tuple[int, int] | None:
        """A mark that moves whenever anyone writes to the log: SQLite's data_version (what other
        connections committed) and this connection's total changes. None where there is none (PostgreSQL)."""
        if not isinstance(self.db, pw.SqliteDatabase):
            return None
        version = self.db.execute_sql("PRAGMA data_version").fetchone()[0]
        return int(version), int(self.db.connection().total_changes)

    def migrate(self) -> None:
        """Bring the schema up to date; inside `rolled_back()` (a dry run) the upgrade is undone too."""
        with self.db.atomic():
            claim_schema(self.db)  # PostgreSQL: one upgrade at a time per mailbox's schema, made if missing
            version = 0
            if self.db.table_exists(SchemaInfo._meta.table_name):
                row = SchemaInfo.select().first()
                version = row.version if row else 0
            if version > len(MIGRATIONS):
                raise StoreError(f"the contact log is schema version {version}, newer than this coffeechat: upgrade it")
            for step in MIGRATIONS[version:]:
                step(self.db)
            if version < len(MIGRATIONS):
                SchemaInfo.delete().execute()
                SchemaInfo.create(version=len(MIGRATIONS))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            with self.db.atomic():
                yield
        except pw.PeeweeException as e:
            raise StoreError(f"the contact log could not be written: {_first_cause(e)}") from e

    def exclusive(self, wait_seconds: float = 120) -> AbstractContextManager[None]:
        """One cycle at a time per contact log: the daemon and a manual `sync` take turns (locks.py)."""
        return one_cycle(self.db, self.target, wait_seconds)

    @contextmanager
    def rolled_back(self) -> Iterator[None]:
        """Everything inside is undone at the end: how --dry-run writes nothing."""
        with self.db.atomic() as txn:
            yield
            txn.rollback()

    # --- folders -------------------------------------------------------------------

    def cursors(self) -> dict[str, tuple[int, int]]:
        return {row.folder: (row.uidvalidity, row.last_uid) for row in FolderCursor.select()}

    def pending_review_now(self) -> list[Contact]:
        """pending_review, read again only when the log changed since this process last read it."""
        mark = self.change_mark()
        if mark is None or self._review is None or self._review[0] != mark:
            self._review = (mark, self.pending_review())
        return list(self._review[1])

    def cursor(self, folder: str) -> tuple[int, int] | None:
        row = FolderCursor.get_or_none(FolderCursor.folder == folder)
        return (row.uidvalidity, row.last_uid) if row else None

    def step_over(self, folder: str, appended: tuple[int, int] | None) -> None:
        """Our own message just APPENDed to a folder the sync reads (a prep note, the summary, in INBOX): when it
        is the next UID after the cursor, the cursor moves past it, so the next cycle has nothing to read and
        nothing to write. Mail that came in between leaves the cursor where it is: then the next cycle reads both."""
        if appended is not None:
            uidvalidity, uid = appended
            (FolderCursor.update(last_uid=uid)
             .where((FolderCursor.folder == folder) & (FolderCursor.uidvalidity == uidvalidity)
                    & (FolderCursor.last_uid == uid - 1))
             .execute())

    # --- events --------------------------------------------------------------------

    def known(self, my_addresses: Iterable[str], phrases: tuple[str, ...], keyword: str,
              ignore: frozenset[str] = frozenset(), new_messages: int = WHOLE_LOG_FROM) -> Known:
        """What classification needs to know (contact_log/known.py): all of it for a big batch, else on demand.

        The history with each address is added by `history()`, for the addresses a batch needs only.
        """
        return read_known(self.db, my_addresses, phrases, keyword, ignore, new_messages)

    def history(self, known: Known, addresses: Iterable[str]) -> None:
        learn_history(known, addresses)

    def is_recorded(self, message_id: str) -> bool:
        return Event.select().where(Event.message_id == message_id).exists()

    def record(self, events: list[tuple[str, MailEvent]], cursors: dict[str, tuple[int, int]],
               now: datetime, seen: Iterable[tuple[str, str, datetime]] = (), review: bool = False,
               then: Callable[[], None] | None = None) -> list[MailEvent]:
        """Apply new events (oldest first), remember who wrote with whom, move the cursors: one transaction.

        Returns the events that were new; those already recorded are skipped. With `review`,
        people first met through new outreach wait for the user's confirmation.
        """
        applied = []
        before = self.change_mark()
        with self.transaction():
            self._insert_rows(Correspondence, ({"message_id": m, "address": a, "date": d} for m, a, d in seen),
                              ignore_conflicts=True)
            tracked = [(folder, event) for folder, event in events if event.kind in TRACKED]
            # Read once for the whole batch, not once per event (a first sync brings thousands).
            recorded = self._recorded({event.message_id for _, event in tracked})
            self._batch = _Batch(self._owners({event.contact for _, event in tracked if event.contact}),
                                 pending_follow_ups=self._pending_follow_ups())
            try:
                for folder, event in tracked:
                    if event.message_id in recorded:
                        continue
                    try:
                        with self.db.atomic():  # a savepoint: one event that cannot be saved blocks no other
                            if self._record_one(folder, event, now, review):
                                applied.append(event)
                                recorded.add(event.message_id)
                    except (pw.IntegrityError, pw.DataError) as e:
                        # Who owns what, as the rollback left it; the rows of the events before it stay.
                        self._batch = _Batch(self._owners(set(self._batch.owners)), events=self._batch.events,
                                             touched=self._batch.touched,
                                             pending_follow_ups=self._batch.pending_follow_ups)
                        log.warning("could not record %s from %s, skipped: %s", event.message_id, folder, e)
                self._insert_rows(Event, self._batch.events)
                touched = None if then is not None else frozenset(self._batch.touched)
            finally:
                self._batch = None
            if then is not None:
                then()  # what the events imply (meetings from invites), in the same transaction as the cursor
            for folder, (uidvalidity, last_uid) in cursors.items():
                (FolderCursor.insert(folder=folder, uidvalidity=uidvalidity, last_uid=last_uid)
                 .on_conflict(conflict_target=[FolderCursor.folder],
                              update={FolderCursor.uidvalidity: uidvalidity, FolderCursor.last_uid: last_uid})
                 .execute())
            faults.point("before events commit")
        faults.point("after events commit")
        self.last_record = (before, self.change_mark(), touched)
        return applied

    def _record_one(self, folder: str, event: MailEvent, now: datetime, review: bool) -> bool:
        contact = self._contact_for(event, now, review)
        if contact is None:
            return False
        self._apply(contact, event, now)
        row = dict(message_id=event.message_id, contact=contact.id, kind=event.kind, date=event.date,
                   subject=event.subject, folder=folder, why="; ".join(event.why))
        if self._batch is not None:
            # Written with the batch's others (record()); what the database would refuse is refused now, inside
            # this event's savepoint, so it is this event that is skipped.
            missing = [name for name in ("message_id", "kind", "date") if row[name] is None]
            if missing:
                raise pw.IntegrityError(f"NOT NULL constraint failed: event.{missing[0]}")
            self._batch.events.append(row)
        else:
            Event.insert(**row).execute()
        if event.kind == BOUNCE:
            self._record_bounces(event, contact, now)
        return True

    def _record_bounces(self, event: MailEvent, first: Contact, now: datetime) -> None:
        """Every contact a delivery report names is bounced, with why: the first through the event, the rest here."""
        for bounced in event.bounced or ():
            row = ContactAddress.get_or_none(ContactAddress.email == bounced.contact)
            if row is None:
                continue
            contact = self._contact_by_id(row.contact_id)
            if contact.id != first.id:
                self._apply(contact, event, now)
            ContactAddress.update(bounced=True).where(
                ContactAddress.email.in_([bounced.address, bounced.contact]) & (ContactAddress.contact == contact.id)
            ).execute()
            failure = bounced.failure
            (Bounce.insert(message_id=event.message_id, contact=contact.id, address=bounced.address,
                           hard=failure.reason.hard, reason=failure.reason.key, words=failure.reason.words,
                           status=failure.status[:40], diagnostic=failure.diagnostic[:300], date=event.date)
             .on_conflict_ignore().execute())

    def _contact_for(self, event: MailEvent, now: datetime, review: bool) -> Contact | None:
        if not event.contact:
            return None
        batch = self._batch
        if batch is not None and event.contact in batch.owners:
            owner = batch.owners[event.contact]
            if owner is None:
                return self._new_contact(event, now, review)
            return self._contact_by_id(owner)
        address = ContactAddress.get_or_none(ContactAddress.email == event.contact)
        if address is not None:
            return address.contact
        return self._new_contact(event, now, review)

    def _contact_by_id(self, contact_id: int) -> Contact:
        """The batch's one copy of a contact: two events for one contact change the same object."""
        batch = self._batch
        if batch is None:
            return Contact.get_by_id(contact_id)
        if contact_id not in batch.contacts:
            batch.contacts[contact_id] = Contact.get_by_id(contact_id)
        return batch.contacts[contact_id]

    def _new_contact(self, event: MailEvent, now: datetime, review: bool) -> Contact | None:
        """Outreach to an address the log does not know: the contact imported under that name, or a new one."""
        if event.kind != OUTREACH:
            return None
        named = self._without_address(event.name)
        if named is not None:
            # Someone imported without an address (most LinkedIn rows): my note to that name is to them.
            ContactAddress.create(contact=named, email=event.contact)
            contact = named
        else:
            # Confirm mode, or outreach that only just read as networking: the user says yes first.
            contact = Contact.create(name=event.name, created_at=now, updated_at=now,
                                     confirmed=not review and event.sure)
            ContactAddress.create(contact=contact, email=event.contact)
            log.debug("new contact from outreach %s", event.message_id)
        if self._batch is not None:
            self._batch.owners[event.contact] = contact.id
            self._batch.contacts[contact.id] = contact
            if named is not None:
                self._batch.unaddressed = None  # that one has an address now: read them again when asked
        return contact

    def _pending_follow_ups(self) -> bool:
        return (Draft.select().where((Draft.kind == rules.FOLLOW_UP_DRAFT) & Draft.state.in_(("intended", "placed")))
                .exists())

    def _insert_rows(self, model: type[pw.Model], rows: Iterable[dict], ignore_conflicts: bool = False) -> None:
        """Many rows in one prepared statement: peewee's insert_many builds the SQL of each row, which cost
        a first sync seconds (a row of history per message). Every row has the same fields. The rows are
        read as they are written: a first sync's history (100,000 rows) is never all in memory at once."""
        rows = iter(rows)
        first = next(rows, None)
        if first is None:
            return
        fields = [model._meta.fields[name] for name in first]
        columns = ", ".join(f'"{field.column_name}"' for field in fields)
        sql = (f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({", ".join([self.db.param] * len(fields))})'
               + (" ON CONFLICT DO NOTHING" if ignore_conflicts else ""))  # SQLite 3.24+ and PostgreSQL alike
        values = ([field.db_value(row[field.name]) for field in fields] for row in itertools.chain([first], rows))
        with _AS_PEEWEE_ERRORS:  # the driver's errors as peewee's, as execute_sql gives them
            self.db.cursor().executemany(sql, values)

    def _recorded(self, message_ids: set[str]) -> set[str]:
        """Which of these Message-IDs the log already holds."""
        found: set[str] = set()
        for some in slices(sorted(message_ids)):
            found.update(row.message_id for row in Event.select(Event.message_id).where(Event.message_id.in_(some)))
        return found

    def _owners(self, emails: set[str]) -> dict[str, int | None]:
        """Each address's contact id, None for an address the log does not know."""
        owners: dict[str, int | None] = dict.fromkeys(sorted(emails))
        for some in slices(list(owners)):
            for row in (ContactAddress.select(ContactAddress.email, ContactAddress.contact)
                        .where(ContactAddress.email.in_(some))):
                owners[row.email] = row.contact_id
        return owners

    def _without_address(self, name: str) -> Contact | None:
        """The one contact of this display name that has no address yet, if exactly one."""
        if not name.strip():
            return None
        # Compared in Python: SQLite's LOWER() knows only ASCII, and "José" must match "JOSÉ".
        batch = self._batch
        unaddressed = batch.unaddressed if batch is not None else None
        if unaddressed is None:
            unaddressed = {}
            for c in Contact.select(Contact.id, Contact.name).where(~pw.fn.EXISTS(
                    ContactAddress.select().where(ContactAddress.contact == Contact.id))):
                unaddressed.setdefault(c.name.casefold(), []).append(c.id)
            if batch is not None:
                batch.unaddressed = unaddressed  # read again only after one of them gets an address
        found = unaddressed.get(name.strip().casefold(), [])
        return self._contact_by_id(found[0]) if len(found) == 1 else None

    def _apply(self, contact: Contact, event: MailEvent, now: datetime) -> None:
        if self._batch is not None:
            self._batch.touched.add(contact.id)
        before = state_of(contact)
        after = rules.after_event(before, event)
        if after.round == before.round and after.attempts > before.attempts:
            # A message the user sent counts as that attempt, whether or not we drafted it.
            (Draft.update(state="sent")
             .where((Draft.contact == contact) & (Draft.kind == rules.FOLLOW_UP_DRAFT)
                    & (Draft.round == after.round) & (Draft.attempt == after.attempts))
             .execute())
        if after.status != rules.AWAITING_REPLY and (self._batch is None or self._batch.pending_follow_ups):
            _cancel_pending_drafts(contact)
        if event.kind == BOUNCE and not event.bounced:
            ContactAddress.update(bounced=True).where(ContactAddress.email == event.contact).execute()
        if event.new_address and not ContactAddress.select().where(ContactAddress.email == event.new_address).exists():
            # "This address is no longer monitored, please write to X": X is the user's next step, not ours.
            Note.create(contact=contact, category="to_do", created_at=now,
                        text=f"write to {event.new_address} instead: their automatic reply says "
                             f"{self.primary_address(contact) or 'the old address'} is no longer read")
        if event.kind == OUTREACH and event.sent_to:
            self._address_first(contact, event.sent_to)
        if not contact.name and event.name:
            contact.name = event.name
        save_state(contact, after, now)

    def _address_first(self, contact: Contact, address: str) -> None:
        """The address a first note went to becomes the contact's first, so the follow-up goes where round 1 did
        (the LinkedIn address the user replaced never got it). Learned if new; someone else's is left alone."""
        rows = list(ContactAddress.select().where(ContactAddress.contact == contact.id).order_by(ContactAddress.id))
        if rows and rows[0].email == address:
            return
        owner = ContactAddress.get_or_none(ContactAddress.email == address)
        if owner is not None and owner.contact_id != contact.id:
            return
        if owner is None:
            ContactAddress.create(contact=contact.id, email=address)
            if self._batch is not None:
                self._batch.owners[address] = contact.id
        # An address's rank is its id (primary_address): the others are written again, after this one.
        for row in rows:
            if row.email != address:
                row.delete_instance()
                ContactAddress.create(contact=contact.id, email=row.email, bounced=row.bounced)

    # --- contacts ------------------------------------------------------------------

    def contacts(self, status: str | None = None) -> list[Contact]:
        query = Contact.select().order_by(Contact.id)
        if status is not None:
            query = query.where(Contact.status == status)
        return list(query)

    def describe(self, contact: Contact) -> str:
        """How a contact is named to the user: "Name <address>", or whichever of the two there is."""
        address = self.primary_address(contact)
        if contact.name and address:
            return f"{contact.name} <{address}>"
        return contact.name or address

    def primary_address(self, contact: Contact) -> str:
        row = contact.addresses.order_by(ContactAddress.bounced, ContactAddress.id).first()
        return row.email if row else ""

    def primary_addresses(self) -> dict[int, str]:
        """primary_address for every contact at once: contact id -> address."""
        found: dict[int, str] = {}
        query = ContactAddress.select(ContactAddress.contact, ContactAddress.email)
        for contact_id, email in query.order_by(ContactAddress.bounced, ContactAddress.id).tuples():
            found.setdefault(contact_id, email)
        return found

    def set_status(self, contact: Contact, status: str, now: datetime) -> None:
        with self.transaction():
            save_state(contact, replace(state_of(contact), status=status), now)
            if status != rules.AWAITING_REPLY:
                _cancel_pending_drafts(contact)
            faults.point("before status commit")
        faults.point("after status commit")

    # --- drafts --------------------------------------------------------------------

    def drafted_attempts(self, contact: Contact, kind: str, states: tuple[str, ...] | None = None) -> frozenset[int]:
        """Attempts of the contact's current round that a draft of this kind exists for (in these states)."""
        query = Draft.select(Draft.attempt).where(
            (Draft.contact == contact) & (Draft.kind == kind) & (Draft.round == contact.round))
        if states:
            query = query.where(Draft.state.in_(states))
        return frozenset(row.attempt for row in query)

    def follow_up_attempts(self) -> dict[tuple[int, int], frozenset[int]]:
        """drafted_attempts for follow-ups, for every contact at once: (contact id, round) -> attempts."""
        found: dict[tuple[int, int], set[int]] = {}
        for contact_id, round_, attempt in (Draft.select(Draft.contact, Draft.round, Draft.attempt)
                                            .where(Draft.kind == rules.FOLLOW_UP_DRAFT).tuples()):
            found.setdefault((contact_id, round_), set()).add(attempt)
        return {key: frozenset(attempts) for key, attempts in found.items()}

    def drafts_of(self, contact: Contact, kind: str, states: tuple[str, ...]) -> list[Draft]:
        return list(Draft.select().where((Draft.contact == contact) & (Draft.kind == kind)
                                         & Draft.state.in_(states)))

    def intend_draft(self, contact: Contact, kind: str, attempt: int, message_id: str, now: datetime,
                     why: str = "") -> Draft:
        """Record a draft before it is placed, with all it says that the log does not (`why`); committed at
        once, so a crash cannot forget it."""
        with self.transaction():
            draft = Draft.create(contact=contact, kind=kind, round=contact.round, attempt=attempt,
                                 message_id=message_id, created_at=now, why=why)
            faults.point("before draft intent commit")
        faults.point("after draft intent commit")
        return draft

    def set_draft_state(self, draft: Draft, state: str,
                        appended: tuple[str, tuple[int, int] | None] = ("", None)) -> None:
        with self.transaction():
            Draft.update(state=state).where(Draft.id == draft.id).execute()
            self.step_over(*appended)
            faults.point(f"before draft {state} commit")
        faults.point(f"after draft {state} commit")

    def draft_ids(self, states: tuple[str, ...]) -> set[int]:
        return {draft_id for (draft_id,) in Draft.select(Draft.id).where(Draft.state.in_(states)).tuples()}

    def count_drafts(self, states: tuple[str, ...], kinds: Iterable[str]) -> int:
        return Draft.select().where(Draft.state.in_(states) & Draft.kind.in_(sorted(kinds))).count()

    def drafts_in(self, states: tuple[str, ...]) -> bool:
        """Any draft in these states ("intended": recorded, not yet placed: a crash, or one not yet due)."""
        return Draft.select().where(Draft.state.in_(states)).exists()

    def set_draft_message_id(self, draft: Draft, message_id: str) -> None:
        """The draft is now known by another Message-ID: the user's client saved their edit of it as a new message."""
        with self.transaction():
            Draft.update(message_id=message_id).where(Draft.id == draft.id).execute()
        draft.message_id = message_id

    def drafts(self, states: tuple[str, ...] | None = None, among: set[int] | None = None,
               touching: frozenset[int] | None = None) -> list[Draft]:
        """Drafts oldest first, optionally only in these states and among these ids, each with its contact;
        with `touching`, only those of these contacts and those not yet placed ("intended")."""
        query = Draft.select(Draft, Contact).join(Contact).order_by(Draft.created_at, Draft.id)
        if states:
            query = query.where(Draft.state.in_(states))
        if among is not None:
            query = query.where(Draft.id.in_(among))
        if touching is not None:
            query = query.where(Draft.contact.in_(sorted(touching)) | (Draft.state == "intended"))
        return list(query)


def _first_cause(error: BaseException) -> str:
    """What really went wrong: when a commit fails (a full disk), SQLite has already rolled back, and
    peewee's own rollback then fails with "no transaction is active", hiding the cause it was handling."""
    seen = error
    while seen is not None:
        text = " ".join(str(seen).split())
        if text and "no transaction is active" not in text:
            return text
        seen = seen.__context__
    return " ".join(str(error).split())


# peewee's own translation of driver errors (sqlite3, psycopg) into its exceptions, as execute_sql uses it.
_AS_PEEWEE_ERRORS = getattr(pw, "__exception_wrapper__", nullcontext())


def _cancel_pending_drafts(contact: Contact) -> None:
    """Replied, bounced, given up: a follow-up not yet sent is no longer due (left in Drafts, never deleted).

    Only follow-ups: a thank-you or a prep note is the conversation's, and its own rules decide.
    """
    (Draft.update(state="cancelled")
     .where((Draft.contact == contact) & (Draft.kind == rules.FOLLOW_UP_DRAFT)
            & Draft.state.in_(("intended", "placed")))
     .execute())


def state_of(contact: Contact) -> ContactState:
    return ContactState(
        status=contact.status, attempts=contact.attempts, round=contact.round,
        first_sent_at=contact.first_sent_at,
        last_sent_at=contact.last_sent_at, last_reply_at=contact.last_reply_at,
        wait_until=contact.wait_until, subject=contact.subject,
        thread=tuple(contact.thread.split()), my_address=contact.my_address,
        greeting=contact.greeting, ask=contact.ask, introducers=tuple(contact.introducers.split()),
    )


def save_state(contact: Contact, state: ContactState, now: datetime) -> None:
    contact.status = state.status
    contact.attempts = state.attempts
    contact.round = state.round
    contact.first_sent_at = state.first_sent_at
    contact.last_sent_at = state.last_sent_at
    contact.last_reply_at = state.last_reply_at
    contact.wait_until = state.wait_until
    contact.subject = state.subject
    contact.thread = " ".join(state.thread)
    contact.my_address = state.my_address
    contact.greeting = state.greeting
    contact.ask = state.ask
    contact.introducers = " ".join(state.introducers)
    contact.updated_at = now
    # One plain UPDATE of these columns: peewee's save() costs 15 times as much, and a first sync
    # saves a contact's state once per message with them (thousands).
    fields = [Contact._meta.fields[name] for name in _STATE_FIELDS]
    database = Contact._meta.database
    sql = (f'UPDATE "{Contact._meta.table_name}" SET '
           + ", ".join(f'"{f.column_name}" = {database.param}' for f in fields) + f' WHERE "id" = {database.param}')
    database.execute_sql(sql, [f.db_value(getattr(contact, f.name)) for f in fields] + [contact.id])


# What save_state writes: the playbook's state, and the name the first message gave.
_STATE_FIELDS = ("status", "attempts", "round", "first_sent_at", "last_sent_at", "last_reply_at", "wait_until",
                 "subject", "thread", "my_address", "greeting", "ask", "introducers", "updated_at", "name")
