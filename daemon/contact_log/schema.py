"""The contact log's tables (peewee models), their migrations, and how the database is opened.

store.py binds them to the database it opens and does all reading and writing;
service.py only names Contact and Draft in its type hints and attribute reads.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeVar

import peewee as pw

from daemon.contact_log import postgres
from daemon.errors import StoreError
from daemon.playbook import rules

T = TypeVar("T")


class UtcDateTime(pw.TextField):
    """Timezone-aware datetimes stored as UTC ISO-8601 text, so they sort and round-trip exactly."""

    def db_value(self, value: datetime | None) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc).isoformat()

    def python_value(self, value: str | None) -> datetime | None:
        return datetime.fromisoformat(value) if value else None


class _Model(pw.Model):
    class Meta:
        database = None  # bound by Store.__init__


class Goal(_Model):
    """One of the user's 1–3 concrete goals ("Field organizer role by spring")."""

    text = pw.TextField()
    created_at = UtcDateTime()
    done_at = UtcDateTime(null=True)


class Contact(_Model):
    # Text, not VARCHAR(255): names and subjects from mail may be longer (PostgreSQL enforces it).
    name = pw.TextField(default="")
    organization = pw.TextField(default="")
    relationship = pw.CharField(default="cold")   # core, extended, shared, cold
    status = pw.CharField(default=rules.NEW, index=True)
    attempts = pw.IntegerField(default=0)
    round = pw.IntegerField(default=0)
    first_sent_at = UtcDateTime(null=True)
    last_sent_at = UtcDateTime(null=True)
    last_reply_at = UtcDateTime(null=True)
    wait_until = UtcDateTime(null=True)
    subject = pw.TextField(default="")
    thread = pw.TextField(default="")             # Message-IDs, space-separated, oldest first
    my_address = pw.CharField(default="")
    referred_by = pw.ForeignKeyField("self", null=True, backref="referrals", on_delete="SET NULL")
    created_at = UtcDateTime()
    updated_at = UtcDateTime()
    # Added in schema 2.
    confirmed = pw.BooleanField(default=True)     # False: outreach waiting for `coffeechat review` (confirm mode)
    greeting = pw.TextField(default="")           # how the outreach greeted them ("Dear Ms. Okoro,")
    ask = pw.TextField(default="")                # what the outreach asked for ("15 minutes for a call")
    introducers = pw.TextField(default="")        # who introduced us, copied on the outreach; space-separated
    # Added in schema 4.
    role = pw.TextField(default="")
    cadence_days = pw.IntegerField(null=True)     # keep-in-touch cadence for this person, over the tier's
    paused_from = pw.CharField(default="")        # the status a paused contact resumes to
    goal = pw.ForeignKeyField(Goal, null=True, backref="contacts", on_delete="SET NULL")
    linkedin_url = pw.TextField(default="")       # who an imported LinkedIn connection is, when there is no address


class ContactAddress(_Model):
    contact = pw.ForeignKeyField(Contact, backref="addresses", on_delete="CASCADE")
    email = pw.CharField(unique=True)
    bounced = pw.BooleanField(default=False)


class Event(_Model):
    message_id = pw.CharField(unique=True)
    contact = pw.ForeignKeyField(Contact, null=True, backref="events", on_delete="CASCADE")
    kind = pw.CharField()
    date = UtcDateTime()
    subject = pw.TextField(default="")
    folder = pw.TextField(default="")
    why = pw.TextField(default="")               # added in schema 2: why it counted as outreach, "; "-separated


class Ignored(_Model):
    """An address or domain the user said never to track (`contacts ignore`, `review --ignore`)."""

    entry = pw.CharField(unique=True)
    created_at = UtcDateTime()


class Correspondence(_Model):
    """That a message went between the user and an address: the history that tells friends from strangers."""

    message_id = pw.CharField()
    address = pw.CharField(index=True)
    date = UtcDateTime()

    class Meta:
        indexes = ((("message_id", "address"), True),)


class Meeting(_Model):
    """A conversation with a contact: from a calendar invite (its UID) or logged by hand."""

    contact = pw.ForeignKeyField(Contact, backref="meetings", on_delete="CASCADE")
    uid = pw.CharField()                          # the invite's UID, or "by-hand-…" for `meeting` and `met`
    sequence = pw.IntegerField(default=0)         # a later SEQUENCE of the same UID moves the meeting
    start = UtcDateTime()
    end = UtcDateTime()
    cancelled = pw.BooleanField(default=False)
    declined = pw.BooleanField(default=False)     # cancelled by a reply that declined: a later acceptance revives it
    source = pw.TextField(default="")             # the invite's Message-ID, or "by hand"
    created_at = UtcDateTime()

    class Meta:
        indexes = ((("contact", "uid"), True),)


class Note(_Model):
    """What a conversation left behind, in the playbook's categories, plus the ask the user made."""

    contact = pw.ForeignKeyField(Contact, backref="notes", on_delete="CASCADE")
    meeting = pw.ForeignKeyField(Meeting, null=True, backref="notes", on_delete="SET NULL")
    category = pw.CharField()                     # to_connect, to_follow_up, to_read, to_look_up, to_do,
    text = pw.TextField()                         # to_think_about, or ask
    created_at = UtcDateTime()
    done_at = UtcDateTime(null=True)


class FolderCursor(_Model):
    folder = pw.CharField(unique=True)
    uidvalidity = pw.BigIntegerField()
    last_uid = pw.BigIntegerField()


class Draft(_Model):
    contact = pw.ForeignKeyField(Contact, backref="drafts", on_delete="CASCADE")
    kind = pw.CharField()
    round = pw.IntegerField()    # which outreach round of the contact the attempt belongs to
    attempt = pw.IntegerField()
    message_id = pw.CharField(unique=True)
    # intended (recorded, maybe not yet in Drafts), placed, sent, dismissed (deleted unsent),
    # cancelled (no longer due: they replied first)
    state = pw.CharField(default="intended")
    created_at = UtcDateTime()
    # Added in schema 7: why them, in the user's words (`outreach --why`). Kept with the intent, so a draft
    # a crash kept from Drafts is placed later as the user asked for it, not without their reason.
    why = pw.TextField(default="")

    class Meta:
        indexes = ((("contact", "kind", "round", "attempt"), True),)


class Summary(_Model):
    """A weekly summary: recorded before it is delivered, so each ISO week gets exactly one (`--again`: one more)."""

    week = pw.CharField()                         # the ISO week it was delivered in, in the user's zone: "2026-W48"
    copy = pw.IntegerField(default=0)             # 0; `summary --send --again` adds 1, 2, …
    message_id = pw.CharField(unique=True)
    via = pw.CharField(default="inbox")           # inbox (IMAP APPEND, unread) or smtp
    state = pw.CharField(default="intended")      # intended (recorded, maybe not yet delivered), delivered
    created_at = UtcDateTime()
    delivered_at = UtcDateTime(null=True)

    class Meta:
        indexes = ((("week", "copy"), True),)


class Bounce(_Model):
    """What a delivery report said about one address of a contact: why it failed, hard or soft, the status code.

    The report's Event (keyed by its Message-ID, recorded once) is the contact it named first;
    a report naming several contacts has one Bounce row each, in the same transaction.
    """

    message_id = pw.CharField()
    contact = pw.ForeignKeyField(Contact, backref="bounces", on_delete="CASCADE")
    address = pw.CharField()                      # the address of theirs that failed
    hard = pw.BooleanField(default=False)         # the address is wrong or gone (not just this message)
    reason = pw.CharField(default="")             # user_unknown, no_domain, disabled, moved, mailbox_full, …
    words = pw.TextField(default="")              # the reason as the user reads it
    status = pw.CharField(default="")             # "5.1.1", or the SMTP reply code ("550")
    diagnostic = pw.TextField(default="")         # the server's own words, one line
    date = UtcDateTime()

    class Meta:
        indexes = ((("message_id", "address"), True),)


class SchemaInfo(_Model):
    version = pw.IntegerField()


MODELS = (Goal, Contact, ContactAddress, Event, FolderCursor, Draft, SchemaInfo, Ignored, Correspondence, Meeting,
          Note, Summary, Bounce)


def slices(items: Sequence[T], size: int = 300) -> Iterator[Sequence[T]]:
    """Items a few hundred at a time: SQLite caps the variables of one statement (a row of N columns takes N)."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _migrate_1(db: pw.Database) -> None:
    db.create_tables(MODELS)


def _migrate_2(db: pw.Database) -> None:
    """Outreach review, greetings and asks, introducers, reasons, ignored entries, correspondence history.

    Migration 1 creates today's tables, so on a new log these columns exist already: add only
    what is missing. Plain ADD COLUMN with a default, never a table rebuild: rebuilding the
    contact table under foreign keys would cascade-delete every address and event.
    """
    added = {
        "contact": (("confirmed", "BOOL", "TRUE"), ("greeting", "TEXT", "''"), ("ask", "TEXT", "''"),
                    ("introducers", "TEXT", "''")),
        "event": (("why", "TEXT", "''"),),
    }
    _add_columns(db, added)
    db.create_tables((Ignored, Correspondence), safe=True)
    # The history that tells a friend from a stranger is built from mail as it is read. A log
    # from schema 1 has read its mail already, so the folders are read again once (events are
    # keyed by Message-ID: nothing is counted twice, no draft is made again).
    db.execute_sql('DELETE FROM "foldercursor"')


def _migrate_3(db: pw.Database) -> None:
    """Meetings and the notes of a conversation."""
    db.create_tables((Meeting, Note), safe=True)


def _migrate_4(db: pw.Database) -> None:
    """Goals; a contact's role, keep-in-touch cadence, goal, and the status a pause resumes to."""
    db.create_tables((Goal,), safe=True)
    _add_columns(db, {"contact": (("role", "TEXT", "''"), ("cadence_days", "INTEGER", None),
                                  ("paused_from", "VARCHAR(255)", "''"), ("linkedin_url", "TEXT", "''"),
                                  ("goal_id", 'INTEGER REFERENCES "goal" ("id") ON DELETE SET NULL', None))})


def _migrate_5(db: pw.Database) -> None:
    """The weekly summaries delivered."""
    db.create_tables((Summary,), safe=True)


def _migrate_6(db: pw.Database) -> None:
    """Why each address bounced (hard or soft, the reason, the status code), every contact a report names."""
    db.create_tables((Bounce,), safe=True)


def _migrate_7(db: pw.Database) -> None:
    """Why a first note was asked for (`outreach --why`), kept with its draft."""
    _add_columns(db, {"draft": (("why", "TEXT", "''"),)})


def _add_columns(db: pw.Database, added: dict[str, tuple[tuple[str, str, str | None], ...]]) -> None:
    """ADD COLUMN for each one missing, with its default (None: nullable). Never a table rebuild."""
    for table, columns in added.items():
        present = {column.name for column in db.get_columns(table)}
        for name, kind, default in columns:
            if name not in present:
                column_type = db._field_types.get(kind, kind)
                rest = "" if default is None else f" NOT NULL DEFAULT {default}"
                db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "{name}" {column_type}{rest}')


# Append-only: each entry brings the schema from version i to i + 1, in a transaction.
MIGRATIONS = (_migrate_1, _migrate_2, _migrate_3, _migrate_4, _migrate_5, _migrate_6, _migrate_7)


def open_database(target: str) -> pw.Database:
    """SQLite at a path (WAL, synchronous=FULL, foreign keys) or a postgresql:// URL (postgres.py)."""
    if postgres.is_url(target):
        return postgres.connect(target)
    if target != ":memory:":
        path = Path(target).expanduser()
        # Checked first: SQLite would say "unable to open database file", or open the log
        # read-only and fail at the first write, after leaving -wal and -shm files behind.
        problem = _permission_problem(path)
        if problem:
            raise StoreError(f"cannot open the contact log at {target}: permission denied ({problem}); "
                             "fix its permissions or set COFFEECHAT_DATABASE")
        try:
            _private(path)
        except OSError as e:
            raise StoreError(f"cannot create the folder for the contact log {target}: {e.strerror}; "
                             "set COFFEECHAT_DATABASE to a writable path") from None
        target = str(path)
    return pw.SqliteDatabase(target, pragmas={
        "journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": 10_000,
    })


def _private(path: Path) -> None:
    """The contact log's folders (the ones missing) and file made for its owner alone, whatever the umask.

    SQLite would make the file 0644 less the umask: readable by every user of the machine under
    the usual umask 022, and its -wal and -shm files take the file's mode. The log holds who the
    user writes to and what they noted about them; the OAuth2 sign-in is kept in the same folder.
    """
    missing = [folder for folder in (path.parent, *path.parent.parents) if not folder.exists()]
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass  # an existing log keeps the mode its owner gave it


def _permission_problem(path: Path) -> str | None:
    """Why this user cannot write the SQLite log at path, if so.

    WAL mode keeps -wal and -shm files beside the log, and Store.exclusive a .lock file, so
    each of those must be writable when present and the folder must let them be created.
    """
    for file in (path, *(Path(f"{path}{suffix}") for suffix in ("-wal", "-shm", ".lock"))):
        if os.path.exists(file) and not os.access(file, os.R_OK | os.W_OK):
            return f"the file {file} is not {'writable' if os.access(file, os.R_OK) else 'readable'} by this user"
    folder = path.parent
    while not os.path.isdir(folder) and folder != folder.parent:
        folder = folder.parent  # the nearest folder that exists: where the missing ones will be made
    if os.path.isdir(folder) and not os.access(folder, os.W_OK | os.X_OK):
        return f"the folder {folder} is not writable by this user"
    return None
