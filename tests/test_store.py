"""The contact log on real SQLite: opening, migrations, and keeping each event once."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from corpus import MINIMAL, cases

from daemon.contact_log import people
from daemon.contact_log.schema import MIGRATIONS, ContactAddress
from daemon.contact_log.store import Store
from daemon.errors import SettingsError, StoreError
from daemon.mail.classify import OUTREACH, REPLY, MailEvent

T0 = datetime(2026, 11, 1, 9, 30, tzinfo=timezone.utc)
REPO = Path(__file__).resolve().parent.parent
# Root may write anything, so as root the command runs as an unprivileged user instead.
AS_SOMEONE_ELSE = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] if os.geteuid() == 0 else []


def outreach(message_id: str = "<o-1@example.org>") -> MailEvent:
    return MailEvent(OUTREACH, message_id, T0, contact="ana@org.example", name="Ana", subject="Coffee?",
                     thread=(message_id,), my_address="jordan@example.org")


def test_a_new_log_is_created_with_wal_and_the_latest_schema(tmp_path):
    path = tmp_path / "deep" / "log.sqlite3"
    Store(str(path)).close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("SELECT version FROM schemainfo").fetchall() == [(len(MIGRATIONS),)]


def test_a_log_from_a_newer_coffeechat_is_refused(tmp_path):
    path = tmp_path / "log.sqlite3"
    Store(str(path)).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE schemainfo SET version = 99")
    with pytest.raises(StoreError, match="schema version 99, newer than this coffeechat"):
        Store(str(path))


def test_a_corrupt_log_is_a_one_line_store_error(tmp_path):
    path = tmp_path / "log.sqlite3"
    path.write_text("not a database, just text that is long enough to have a header")
    with pytest.raises(StoreError, match="file is not a database") as caught:
        Store(str(path))
    assert "\n" not in str(caught.value)


def test_a_log_whose_folder_cannot_be_made_is_a_one_line_store_error(tmp_path):
    (tmp_path / "taken").write_text("a file where the folder should be")
    with pytest.raises(StoreError, match="set COFFEECHAT_DATABASE to a writable path") as caught:
        Store(str(tmp_path / "taken" / "log.sqlite3"))
    assert "\n" not in str(caught.value)


def test_the_address_a_first_note_went_to_becomes_the_contacts_first(tmp_path):
    from dataclasses import replace

    store = Store(str(tmp_path / "log.sqlite3"))
    try:
        bob = replace(outreach("<o-bob@example.org>"), contact="bob@org.example", name="Bob")
        store.record([("Sent", bob)], {}, T0)  # someone else, for the last case
        ana = people.add(store, "Ana", "ana@linkedin.example", people.Changes(), T0)
        people.edit(store, ana, people.Changes(), T0, ["ana@second.example"])
        ana_first = replace(outreach("<o-1@example.org>"), contact="ana@linkedin.example", sent_to="ana@new.example")
        store.record([("Sent", ana_first)], {}, T0)
        assert store.primary_address(ana) == "ana@new.example"  # learned, and the follow-up goes there
        assert [a.email for a in ana.addresses.order_by(ContactAddress.id)] == [
            "ana@new.example", "ana@linkedin.example", "ana@second.example"]  # the others kept, in their order
        again = replace(outreach("<o-2@example.org>"), contact="ana@linkedin.example", sent_to="ana@second.example")
        store.record([("Sent", again)], {}, T0)
        assert store.primary_address(ana) == "ana@second.example"  # one of theirs already: first now
        taken = replace(outreach("<o-3@example.org>"), contact="ana@linkedin.example", sent_to="bob@org.example")
        store.record([("Sent", taken)], {}, T0)
        assert store.primary_address(ana) == "ana@second.example"  # someone else's address is not taken from them
        assert [store.primary_address(c) for c in store.contacts()] == ["bob@org.example", "ana@second.example"]
    finally:
        store.close()


def test_an_event_is_recorded_once_and_the_cursor_moves_with_it(tmp_path):
    store = Store(str(tmp_path / "log.sqlite3"))
    first = store.record([("Sent", outreach())], {"Sent": (7, 41)}, T0)
    again = store.record([("Sent", outreach())], {"Sent": (7, 42)}, T0 + timedelta(hours=1))
    assert (len(first), again) == (1, [])
    assert store.cursor("Sent") == (7, 42)
    [contact] = store.contacts()
    assert (contact.status, contact.attempts, contact.last_sent_at) == ("awaiting_reply", 1, T0)
    store.close()


def test_a_reply_for_an_unknown_address_creates_no_contact(tmp_path):
    store = Store(str(tmp_path / "log.sqlite3"))
    stray = MailEvent(REPLY, "<r-1@example.net>", T0, contact="stranger@org.example")
    assert store.record([("INBOX", stray)], {}, T0) == []
    assert store.contacts() == [] and not store.is_recorded("<r-1@example.net>")
    store.close()


def test_an_event_that_cannot_be_saved_blocks_no_other(tmp_path, caplog):
    store = Store(str(tmp_path / "log.sqlite3"))
    broken = MailEvent(OUTREACH, "<o-2@example.org>", None, contact="ben@org.example")  # no date: cannot save
    applied = store.record([("Sent", broken), ("Sent", outreach())], {"Sent": (7, 50)}, T0)
    assert [e.message_id for e in applied] == ["<o-1@example.org>"]
    assert store.cursor("Sent") == (7, 50) and not store.is_recorded("<o-2@example.org>")
    assert [c.name for c in store.contacts()] == ["Ana"]  # ben's half-made contact was rolled back too
    assert "could not record <o-2@example.org> from Sent, skipped" in caplog.text
    store.close()


def test_two_processes_take_turns_on_one_log(tmp_path):
    first, second = Store(str(tmp_path / "log.sqlite3")), Store(str(tmp_path / "log.sqlite3"))
    with first.exclusive():
        with pytest.raises(StoreError, match="another coffeechat is running a cycle"):
            with second.exclusive(wait_seconds=0.3):
                pass
    with second.exclusive(wait_seconds=0.3):
        pass  # free again once the first is done
    first.close()
    second.close()


def test_a_postgresql_url_without_its_driver_is_a_settings_error_that_hides_the_password(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as on a machine without the postgresql extra
    with pytest.raises(SettingsError) as caught:
        Store("postgresql://jordan:s3cret@127.0.0.1:1/coffeechat")
    assert str(caught.value) == ("COFFEECHAT_DATABASE is a postgresql:// URL but psycopg is not installed: "
                                 "pip install 'coffeechat[postgresql]'")


def test_a_malformed_postgresql_url_is_a_settings_error():
    with pytest.raises(SettingsError, match="is not a valid postgresql:// URL") as caught:
        Store("postgresql://bob:pw@db.example:54x/coffeechat")
    assert "pw" not in str(caught.value)


def test_a_schema_1_contact_log_is_upgraded_in_place(tmp_path):
    from corpus import NOW

    from daemon.playbook.rules import AWAITING_REPLY

    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript((Path(__file__).parent / "data" / "contact_log_v1.sql").read_text())
    store = Store(str(path))
    try:
        [maria] = store.contacts()
        assert (maria.name, maria.status, maria.confirmed, maria.greeting, maria.introducers) == (
            "Maria López", AWAITING_REPLY, True, "", "")
        assert store.primary_address(maria) == "maria@progressive.example"  # no cascade lost the addresses
        known = store.known(("jordan@example.org",), (), "coffeechat")
        assert known.threads == {"<o-maria@example.org>": "maria@progressive.example"}
        store.ignore_address("mom@family.example", NOW)
        assert store.ignored() == ["mom@family.example"]
        # Schema 7: a draft keeps the user's --why, so one a crash kept from Drafts is placed with it.
        store.intend_draft(maria, "outreach", 1, "<crash-why@example.org>", NOW, why="you ran the campaign")
        assert [d.why for d in store.drafts()] == ["you ran the campaign"]
    finally:
        store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT version FROM schemainfo").fetchall() == [(len(MIGRATIONS),)]


# --- a contact log this user may not write: named as a permission problem ------------------------


@pytest.fixture
def shared() -> Iterator[Path]:
    """A fresh folder the unprivileged user can reach (pytest's tmp_path is private to whoever runs it)."""
    if AS_SOMEONE_ELSE:
        probe = subprocess.run([*AS_SOMEONE_ELSE, sys.executable, "-c", "import daemon.cli"], cwd=REPO,
                               capture_output=True, text=True)
        if probe.returncode != 0:
            pytest.skip(f"user nobody cannot run {sys.executable} from {REPO}: {probe.stderr.strip()[-200:]}")
    folder = Path(tempfile.mkdtemp(prefix="coffeechat-permissions-"))
    folder.chmod(0o755)
    yield folder
    for parent, folders, _ in os.walk(folder):
        for name in folders:
            os.chmod(os.path.join(parent, name), 0o755)  # so the folders we locked can be removed again
    shutil.rmtree(folder)


def lock_out(path: Path) -> None:
    """Take away the write permission (root keeps it, but the command then runs as nobody)."""
    path.chmod(0o555 if path.is_dir() else 0o444)


def let_in(folder: Path) -> None:
    """Let the user the command runs as write in the folder."""
    if AS_SOMEONE_ELSE:
        shutil.chown(folder, "nobody", "nogroup")


@pytest.mark.parametrize(
    ("database", "locked", "problem"),
    cases(
        ("the file is read-only", "coffeechat.sqlite3", "file", "the file {db} is not writable"),
        ("its folder is read-only", "coffeechat.sqlite3", "folder", "the folder {log} is not writable"),
        ("its folder cannot be made", "new/coffeechat.sqlite3", "folder", "the folder {log} is not writable"),
    ),
)
def test_an_unwritable_contact_log_is_named_as_a_permission_problem(shared: Path, database: str, locked: str,
                                                                   problem: str):
    log = shared / "log"
    db = log / database
    log.mkdir()
    if db.parent == log:
        Store(str(db)).close()
        db.chmod(0o666)  # writable, unless the file is what this case locks
    if locked == "file":
        let_in(log)
        lock_out(db)
    else:
        lock_out(log)
    before = sorted(os.listdir(log))
    result = coffeechat_as_someone_else(shared, db, "sync")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (f"coffeechat: cannot open the contact log at {db}: permission denied "
                             f"({problem.format(db=db, log=log)} by this user); fix its permissions or set "
                             "COFFEECHAT_DATABASE\n")
    assert sorted(os.listdir(log)) == before  # no -wal or -shm left behind


def test_a_contact_log_in_a_folder_this_user_cannot_enter_is_a_permission_problem_too(shared: Path):
    log = shared / "log"
    db = log / "coffeechat.sqlite3"
    log.mkdir()
    Store(str(db)).close()
    log.chmod(0o000)
    result = coffeechat_as_someone_else(shared, db, "contacts", "list")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (f"coffeechat: cannot open the contact log at {db}: permission denied (the folder "
                             f"{log} is not writable by this user); fix its permissions or set COFFEECHAT_DATABASE\n")


def coffeechat_as_someone_else(shared: Path, db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env_file = shared / "coffeechat.env"
    env_file.write_text("".join(f"{k}={v}\n" for k, v in {**MINIMAL, "COFFEECHAT_DATABASE": str(db)}.items()))
    env_file.chmod(0o600)  # it holds a password: the user's own, as README says (else a warning joins the output)
    let_in(env_file)
    return subprocess.run([*AS_SOMEONE_ELSE, sys.executable, "-m", "daemon", "--env-file", str(env_file), *args],
                          cwd=REPO, env={"PATH": os.environ["PATH"], "HOME": str(shared)},
                          capture_output=True, text=True, timeout=60)


def test_rows_written_in_bulk_fail_as_the_contact_log_fails(tmp_path):
    """A refused bulk write is a one-line StoreError, as any other write of the log, never a driver's traceback."""
    store = Store(str(tmp_path / "log.sqlite3"))
    from daemon.contact_log.schema import Event

    row = {"message_id": "<same@x>", "contact": None, "kind": "reply", "date": T0, "subject": "", "folder": "INBOX",
           "why": ""}
    with pytest.raises(StoreError, match="UNIQUE constraint failed: event.message_id"):
        with store.transaction():
            store._insert_rows(Event, [row, dict(row)])
    assert Event.select().count() == 0  # and nothing of it was kept
    store.close()
