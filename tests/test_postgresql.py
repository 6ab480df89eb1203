"""The contact log on PostgreSQL: the networking story, many mailboxes in one database, one cycle at a time.

A throwaway cluster (tests/postgres.py) beside the real Dovecot. Each test user's log lives
in a schema of its own, named after the user, as on a shared deployment where every
`coffeechat@` instance watches one mailbox.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from conftest import TestMailbox as Mailbox
from corpus import ME, days_ago, mail, settings_values
from postgres import PASSWORD
from psycopg import sql
from story import OUTREACH_BODY
from test_story import (  # noqa: F401  the story's own tests, run again here with the log in PostgreSQL
    story,
    test_a_reply_after_the_draft_was_placed_says_the_draft_is_no_longer_needed,
    test_deleted_draft_is_dismissed_and_never_recreated,
    test_dry_run_prints_the_drafts_and_writes_nothing,
    test_first_sync_leaves_exactly_the_right_drafts_and_statuses,
    test_follow_up_draft_is_a_polite_threaded_reply_from_me,
    test_out_of_office_delays_the_follow_up_until_the_return_date,
    test_second_sync_changes_nothing,
    test_sending_the_follow_up_counts_as_the_second_attempt,
)

from daemon.contact_log.postgres import default_schema
from daemon.contact_log.store import Store
from daemon.errors import SettingsError, StoreError
from daemon.settings import from_values

SECRETS = (PASSWORD, quote(PASSWORD, safe=""))


@pytest.fixture
def mailbox(mailbox, postgresql):
    """The conftest's fresh Dovecot user, its contact log in the test cluster (schema: the user's name)."""
    mailbox.url = postgresql.url
    return mailbox


def another(mailbox: Mailbox, tmp_path: Path, name: str) -> Mailbox:
    """A second fresh user on the same Dovecot, its log in the same database."""
    folder = tmp_path / name
    folder.mkdir()
    user = f"{mailbox.user.split('-')[0]}-{name}"  # userN-NAME: the schema named after it stays under 63 bytes
    return Mailbox(mailbox.server, user, folder / "coffeechat.sqlite3", url=mailbox.url)


def write_outreach(mailbox: Mailbox, people: list[tuple[str, str]], days: float = 10) -> None:
    """Outreach from `days` ago (real time: these tests run the real `coffeechat sync`), none answered."""
    sent = days_ago(days, now=datetime.now(timezone.utc))
    for name, address in people:
        mailbox.append("Sent", mail(sender=ME, to=f"{name} <{address}>", subject="Informational interview?",
                                    body=OUTREACH_BODY.format(first=name.split()[0]), when=sent,
                                    message_id=f"<o-{address}-{mailbox.user}@example.org>"), flags=(b"\\Seen",))


def sync_process(mailbox: Mailbox, tmp_path: Path, *args: str, **settings: str) -> subprocess.Popen:
    """`coffeechat sync` in a process of its own, as a second instance (or a user at a terminal) runs it."""
    env_file = tmp_path / f"{mailbox.user}-{time.monotonic_ns()}.env"
    env_file.write_text("".join(f"{k}={v}\n" for k, v in mailbox.values(log_level="DEBUG", **settings).items()))
    env_file.chmod(0o600)
    return subprocess.Popen([sys.executable, "-m", "daemon", "--env-file", str(env_file), "sync", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
                            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})


def finished(process: subprocess.Popen) -> tuple[int, str]:
    out, err = process.communicate(timeout=60)
    for secret in SECRETS:
        assert secret not in out + err, "the database password was printed"
    return process.returncode, out + err


def contacts_of(mailbox: Mailbox, capsys) -> dict[str, dict]:
    code, out, err = mailbox.run(capsys, "contacts", "export", "--format", "json")
    assert code == 0, err
    return {row["email"]: row for row in json.loads(out)}


def follow_ups_in_drafts(mailbox: Mailbox) -> list[str]:
    from email import message_from_bytes, policy

    return sorted(message_from_bytes(raw, policy=policy.default)["To"].addresses[0].addr_spec
                  for raw in mailbox.messages("Drafts"))


def schema_of(mailbox: Mailbox) -> str:
    return default_schema(mailbox.user, mailbox.server.host)  # a test user's login is no address


def schema_exists(postgresql, name: str) -> bool:
    return bool(postgresql.sql("SELECT 1 FROM pg_namespace WHERE nspname = %s", (name,)))


# --- many mailboxes, one database -------------------------------------------------------------------------------

def test_two_instances_syncing_at_once_each_keep_only_their_own_contacts(mailbox, tmp_path, postgresql, capsys):
    second = another(mailbox, tmp_path, "second")
    shared = ("Maria López", "maria@progressive.example")  # both wrote to her: two contacts, one in each log
    first_people = [shared] + [(f"Sam Chen{i}", f"sam{i}@campaign.example") for i in range(12)]
    second_people = [shared] + [(f"Priya Natarajan{i}", f"priya{i}@union.example") for i in range(9)]
    write_outreach(mailbox, first_people)
    write_outreach(second, second_people)

    runs = [sync_process(box, tmp_path) for box in (mailbox, second)]
    for code, out in map(finished, runs):
        assert code == 0, out
        assert "Traceback" not in out and "could not" not in out

    for box, people in ((mailbox, first_people), (second, second_people)):
        contacts = contacts_of(box, capsys)
        assert sorted(contacts) == sorted(address for _, address in people)
        assert {row["status"] for row in contacts.values()} == {"awaiting_reply"}
        assert follow_ups_in_drafts(box) == sorted(address for _, address in people)  # one each, no more
        assert schema_exists(postgresql, schema_of(box))

    again = [sync_process(box, tmp_path) for box in (mailbox, second)]  # at once again: nothing new, nothing twice
    for code, out in map(finished, again):
        assert code == 0 and "Read 0 new messages" in out and "Nothing is due." in out, out
    assert len(follow_ups_in_drafts(mailbox)) == len(first_people)
    assert len(follow_ups_in_drafts(second)) == len(second_people)


def test_the_same_mailbox_twice_waits_for_the_cycle_lock_and_others_do_not(mailbox, tmp_path, postgresql):
    other = another(mailbox, tmp_path, "other")
    write_outreach(mailbox, [("Maria López", "maria@progressive.example")])
    write_outreach(other, [("Sam Chen", "sam@campaign.example")])
    holder = Store(mailbox.settings().database)  # a cycle of this mailbox under way elsewhere
    try:
        with holder.exclusive():
            waiting = sync_process(mailbox, tmp_path)
            code, out = finished(sync_process(other, tmp_path))  # another mailbox runs meanwhile
            assert code == 0 and "Drafted follow-up (attempt 2) to Sam Chen" in out, out
            time.sleep(1)
            assert waiting.poll() is None, "the second cycle of the same mailbox did not wait for the first"
            with pytest.raises(StoreError) as refused:
                with Store(mailbox.settings().database).exclusive(wait_seconds=0.3):
                    pass
        code, out = finished(waiting)  # the lock let go: it goes ahead
        assert code == 0 and "Drafted follow-up (attempt 2) to Maria López" in out, out
    finally:
        holder.close()
    shown_url = postgresql.url.replace(quote(PASSWORD, safe=""), "***")
    assert str(refused.value) == (f"another coffeechat is running a cycle on {shown_url}?schema="
                                  f"{quote(schema_of(mailbox), safe='')}; try again when it has finished")


def test_a_dry_run_on_a_new_mailbox_leaves_no_schema_behind(mailbox, tmp_path, postgresql):
    write_outreach(mailbox, [("Maria López", "maria@progressive.example")])
    code, out = finished(sync_process(mailbox, tmp_path, "--dry-run"))
    assert code == 0 and "Would draft follow-up (attempt 2) to Maria López" in out, out
    assert not schema_exists(postgresql, schema_of(mailbox))


def test_a_schema_name_is_never_sql(mailbox, postgresql):
    postgresql.sql("CREATE TABLE IF NOT EXISTS public.sentinel (id int)")
    postgresql.sql("ALTER TABLE public.sentinel OWNER TO coffeechat")  # an injection could drop it
    name = 'public"; DROP TABLE public.sentinel; --'
    write_outreach(mailbox, [("Maria López", "maria@progressive.example")])
    assert "Drafted follow-up (attempt 2) to Maria López" in mailbox.sync(datetime.now(timezone.utc),
                                                                          database_schema=name)
    assert postgresql.sql("SELECT to_regclass('public.sentinel') IS NOT NULL") == [(True,)]
    assert postgresql.sql(sql.SQL("SELECT count(*) FROM {}.contact").format(sql.Identifier(name))) == [(1,)]


# --- settings and messages --------------------------------------------------------------------------------------

URL = "postgresql://coffeechat:s3cret@db.example:5432/coffeechat"


@pytest.mark.parametrize(("values", "schema"), [
    ({}, "jordan@example.org"),                                            # the login names it
    ({"imap_user": "Jordan.Rivera@Example.org"}, "jordan.rivera@example.org"),
    ({"imap_user": "jordan", "my_addresses": "jordan@example.org"}, "jordan@127.0.0.1"),  # a bare login: + server
    ({"database_schema": "career_centre_42"}, "career_centre_42"),
    ({"database_schema": "Jordan's log"}, "Jordan's log"),                 # any text, taken literally
])
def test_each_mailbox_gets_a_schema_of_its_own(values, schema):
    settings = from_values(settings_values(database=URL + "?sslmode=require", **values))
    assert settings.database == f"{URL}?sslmode=require&schema={quote(schema, safe='')}"


@pytest.mark.parametrize(("values", "message"), [
    ({"database_schema": "pg_contacts"},
     "COFFEECHAT_DATABASE_SCHEMA='pg_contacts' cannot name a PostgreSQL schema: PostgreSQL keeps names that start "
     "with pg_ for itself"),
    ({"database_schema": "x" * 64},
     f"COFFEECHAT_DATABASE_SCHEMA='{'x' * 64}' cannot name a PostgreSQL schema: it is longer than 63 bytes"),
    ({"imap_user": "j" * 60 + "@example.org", "my_addresses": "j@example.org"},
     f"the PostgreSQL schema for this mailbox would be '{'j' * 60}@example.org', named after COFFEECHAT_IMAP_USER, "
     "but it is longer than 63 bytes: set COFFEECHAT_DATABASE_SCHEMA to a name of your choice"),
    ({"database": "/tmp/coffeechat.sqlite3", "database_schema": "jordan"},
     "COFFEECHAT_DATABASE_SCHEMA is for a postgresql:// COFFEECHAT_DATABASE; this one is a SQLite file, which holds "
     "one mailbox's log already: remove COFFEECHAT_DATABASE_SCHEMA"),
])
def test_a_schema_that_cannot_be_is_refused_at_start_naming_the_setting(values, message):
    with pytest.raises(SettingsError) as refused:
        from_values(settings_values(**{"database": URL, **values}))
    assert str(refused.value) == message


def test_a_wrong_password_is_one_line_without_the_password(postgresql):
    wrong = "wrong%20" + quote(PASSWORD, safe="")
    url = postgresql.url.replace(quote(PASSWORD, safe=""), wrong) + "?schema=x"
    with pytest.raises(StoreError) as refused:
        Store(url)
    text = str(refused.value)
    assert text.startswith(f"cannot open the contact log at postgresql://coffeechat:***@127.0.0.1:{postgresql.port}"
                           "/coffeechat?schema=x: ")
    assert 'password authentication failed for user "coffeechat"' in text
    assert "wrong" not in text and PASSWORD not in text and "\n" not in text


def test_the_cluster_is_reached_with_psycopg_3(postgresql):
    """The driver is psycopg 3 (the `postgresql` extra), not psycopg2."""
    store = Store(postgresql.url + "?schema=driver")
    try:
        assert isinstance(store.db.connection(), psycopg.Connection)
        assert store.db.execute_sql("SHOW search_path").fetchone() == ('driver',)
        assert store.change_mark() is None  # no data_version on PostgreSQL: the rules run every cycle
    finally:
        store.close()
