"""A cycle with nothing new skips the rules while the contact log is as the last pass left it.

The daemon wakes for IDLE noise as well as for its poll timer; the rules' answers cannot change while
no one writes to the log, except as deadlines pass, which the pass at the next poll meets.
Observed on the real SQLite log through its statement trace, against the real Dovecot.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import timedelta

from conftest import TestMailbox as Mailbox
from corpus import ME, NOW, days_ago, mail

from daemon.contact_log.store import Store
from daemon.service import run_cycle


def outreach(to: str, days: float) -> bytes:
    return mail(sender=ME, to=to, subject="Informational interview?", when=days_ago(days), message_id=f"<o-{to}>",
                body="Hi,\n\nI'm moving into labor policy. Would you be open to a 20-minute call?\n\nThanks,\nJordan")


def rules_asked(store: Store, cycle) -> bool:
    """Did this cycle run the rules? (They start by reading the contacts waiting for a reply.)"""
    statements: list[str] = []
    store.db.connection().set_trace_callback(statements.append)
    try:
        cycle()
    finally:
        store.db.connection().set_trace_callback(None)
    return any('WHERE ("t1"."status" = ' in s and "awaiting_reply" in s for s in statements)


def reconcile_reads(store: Store, cycle, meanwhile=None) -> list[str]:
    """The reconcile's reads of unfinished drafts in this cycle (a partial one names contact ids);
    `meanwhile` runs as the first of them does."""
    statements: list[str] = []

    def traced(sql: str) -> None:
        statements.append(sql)
        if meanwhile is not None and _reconcile_read(sql):
            meanwhile()
    store.db.connection().set_trace_callback(traced)
    try:
        cycle()
    finally:
        store.db.connection().set_trace_callback(None)
    return [s for s in statements if _reconcile_read(s)]


def _reconcile_read(sql: str) -> bool:
    return 'FROM "draft" AS "t1" INNER JOIN "contact"' in sql and "'intended', 'placed'" in sql


def ben_replies(mailbox: Mailbox) -> None:
    mailbox.append("INBOX", mail(sender="Ben <ben@org.example>", to=ME, subject="Re: Informational interview?",
                                 body="Sure, Thursday works.", when=NOW, in_reply_to="<o-ben@org.example>",
                                 references="<o-ben@org.example>"))


def follow_ups_to_ana_and_ben(dovecot, tmp_path, user: str):
    """Outreach to Ana and Ben eight days ago: a follow-up each, placed by the first cycle."""
    mailbox = Mailbox(dovecot, user, tmp_path / "coffeechat.sqlite3")
    for who in ("ana@org.example", "ben@org.example"):
        mailbox.append("Sent", outreach(who, 8), when=days_ago(8), flags=(b"\\Seen",))
    settings = mailbox.settings()
    store = Store(settings.database)
    report = run_cycle(settings, store, NOW)
    assert len(report.drafts) == 2
    return mailbox, settings, store, report.folders


def test_the_rules_run_again_only_when_the_log_changed_or_time_moved(dovecot, tmp_path):
    mailbox = Mailbox(dovecot, "rules-pass", tmp_path / "coffeechat.sqlite3")
    mailbox.append("Sent", outreach("ana@org.example", 3), when=days_ago(3), flags=(b"\\Seen",))
    settings = mailbox.settings()
    store = Store(settings.database)
    report = run_cycle(settings, store, NOW)
    folders = report.folders
    assert report.drafts == []                                     # written to 3 days ago: nothing due yet

    # Nothing new, the same moment: the last pass stands.
    assert not rules_asked(store, lambda: run_cycle(settings, store, NOW + timedelta(minutes=1), folders=folders))
    # A poll interval on (300 s by default), they run again, whatever changed or not.
    assert rules_asked(store, lambda: run_cycle(settings, store, NOW + timedelta(minutes=16), folders=folders))

    # Another process writes to the log (the user ran `coffeechat met`): the next cycle sees it at once.
    env_file = tmp_path / "coffeechat.env"
    env_file.write_text("".join(f"{k}={v}\n" for k, v in mailbox.values(timezone="UTC").items()))
    met = subprocess.run([sys.executable, "-m", "daemon", "--env-file", str(env_file), "met", "ana@org.example",
                          "--at", f"{NOW + timedelta(minutes=17) - timedelta(hours=3):%Y-%m-%d %H:%M}",
                          "--minutes", "20"], capture_output=True, text=True, timeout=60)
    assert met.returncode == 0, met.stderr
    later = NOW + timedelta(minutes=17)
    assert rules_asked(store, lambda: run_cycle(settings, store, later, folders=folders))
    # ... and the thank-you that meeting calls for is drafted in that very cycle, not 15 minutes late.
    assert "ana@org.example" in mailbox.drafts_by_recipient()

    # Days later (a follow-up would be due): time moved, so the rules run.
    assert rules_asked(store, lambda: run_cycle(settings, store, NOW + timedelta(days=5), folders=folders))
    store.close()


def test_a_draft_the_user_deletes_between_two_cycles_of_one_process_is_seen_dismissed(dovecot, tmp_path):
    """Drafts' Message-IDs are read again only when its STATUS moved: a deletion moves MESSAGES."""
    mailbox = Mailbox(dovecot, "drafts-seen", tmp_path / "coffeechat.sqlite3")
    mailbox.append("Sent", outreach("ben@org.example", 10), when=days_ago(10), flags=(b"\\Seen",))
    settings = mailbox.settings()
    store = Store(settings.database)
    folders = run_cycle(settings, store, NOW).folders
    assert list(mailbox.drafts_by_recipient()) == ["ben@org.example"]
    run_cycle(settings, store, NOW + timedelta(minutes=1), folders=folders)  # Drafts as it was: not read again
    assert [d.state for d in store.drafts()] == ["placed"]

    client = mailbox.client()
    client.select_folder("Drafts")
    client.delete_messages(client.search(["ALL"]))
    client.expunge()
    client.logout()
    run_cycle(settings, store, NOW + timedelta(minutes=2), folders=folders)
    assert [d.state for d in store.drafts()] == ["dismissed"]
    store.close()


def test_new_mail_asks_the_rules_again_only_for_the_contacts_it_touched(dovecot, tmp_path):
    """Ten new messages cost the same with 10,000 contacts as with 10: the others' answers stand."""
    mailbox = Mailbox(dovecot, "rules-touched", tmp_path / "coffeechat.sqlite3")
    for person in ("ana@org.example", "ben@org.example"):
        mailbox.append("Sent", outreach(person, 3), when=days_ago(3), flags=(b"\\Seen",))
    settings = mailbox.settings()
    store = Store(settings.database)
    folders = run_cycle(settings, store, NOW).folders

    # Ben answers; an outreach sent eight days ago from another device (to Cara) shows up late; a newsletter.
    mailbox.append("INBOX", mail(sender="Ben Ode <ben@org.example>", to=ME, subject="Re: Informational interview?",
                                 in_reply_to="<o-ben@org.example>", when=days_ago(0.01), body="Happy to talk!"))
    mailbox.append("Sent", outreach("cara@org.example", 8), when=days_ago(8), flags=(b"\\Seen",))
    mailbox.append("INBOX", mail(sender="news@list.example", to=ME, subject="This week", when=days_ago(0.01),
                                 headers={"List-Id": "<w.list.example>"}))
    report = None

    def cycle():
        nonlocal report
        report = run_cycle(settings, store, NOW + timedelta(minutes=1), folders=folders)

    assert not rules_asked(store, cycle)  # no pass over everyone waiting...
    statuses = {c.name or store.primary_address(c): c.status for c in store.contacts()}
    assert store.contact_by_address("ben@org.example").status == "replied", statuses
    assert store.contact_by_address("ana@org.example").status == "awaiting_reply"
    # ... yet what the new mail made due is done in this very cycle: Cara's follow-up.
    assert list(mailbox.drafts_by_recipient()) == ["cara@org.example"]
    # At the next poll the whole pass runs again, as before.
    assert rules_asked(store, lambda: run_cycle(settings, store, NOW + timedelta(minutes=16), folders=folders))
    store.close()


def test_when_idle_said_mail_the_inbox_is_opened_without_asking_first(dovecot, tmp_path):
    """On a big Maildir a STATUS after new mail and the SELECT after it each re-read the folder: one is enough."""
    from test_zero_writes import Relay

    mailbox = Mailbox(dovecot, "news-hint", tmp_path / "coffeechat.sqlite3")
    mailbox.append("Sent", outreach("ana@org.example", 3), when=days_ago(3), flags=(b"\\Seen",))
    relay = Relay(dovecot.host, dovecot.port)
    try:
        settings = mailbox.settings(imap_port=str(relay.port))
        store = Store(settings.database)
        folders = run_cycle(settings, store, NOW).folders
        for hint in (frozenset(), frozenset({"INBOX"})):
            mailbox.append("INBOX", mail(sender="Ana <ana@org.example>", to=ME, subject="Re: Informational interview?",
                                         in_reply_to="<o-ana@org.example>", when=NOW, body=f"Yes! {len(hint)}"))
            relay.sent.clear()
            run_cycle(settings, store, NOW + timedelta(minutes=1), folders=folders, news=hint)
            asked = [(command, rest.split()[0].strip('"')) for command, rest in relay.commands()
                     if command in ("STATUS", "EXAMINE", "SELECT")]
            inbox = [command for command, folder in asked if folder == "INBOX"]
            assert inbox == (["EXAMINE"] if hint else ["STATUS", "EXAMINE"]), asked
        assert store.contact_by_address("ana@org.example").status == "replied"  # the mail was read either way
        store.close()
    finally:
        relay.close()


def test_after_new_mail_only_the_drafts_of_the_contacts_it_touched_are_reconciled(dovecot, tmp_path):
    mailbox, settings, store, folders = follow_ups_to_ana_and_ben(dovecot, tmp_path, "reconcile-part")
    run_cycle(settings, store, NOW + timedelta(minutes=1), folders=folders)  # every draft looked at once
    ids = {a: store.contact_by_address(a).id for a in ("ana@org.example", "ben@org.example")}

    # Ben replies: his follow-up is no longer wanted; Ana's is untouched, and not even read.
    ben_replies(mailbox)
    read = reconcile_reads(store, lambda: run_cycle(settings, store, NOW + timedelta(minutes=2), folders=folders))
    assert len(read) == 1 and f'"contact_id" IN ({ids["ben@org.example"]})' in read[0], read
    states = {d.contact_id: d.state for d in store.drafts()}
    assert states == {ids["ana@org.example"]: "placed", ids["ben@org.example"]: "cancelled"}

    # The user deletes Ana's follow-up in their mail client: Drafts changed, so every draft is read again.
    with mailbox.client() as client:
        client.select_folder("Drafts")
        client.delete_messages(client.search(["TO", "ana@org.example"]))
        client.expunge()
    read = reconcile_reads(store, lambda: run_cycle(settings, store, NOW + timedelta(minutes=3), folders=folders))
    assert len(read) == 1 and "contact_id" not in read[0].split("WHERE", 1)[1].split("ORDER")[0], read
    assert {d.contact_id: d.state for d in store.drafts()} == {ids["ana@org.example"]: "dismissed",
                                                               ids["ben@org.example"]: "cancelled"}


def test_a_write_by_another_process_during_a_reconcile_makes_the_next_one_read_every_draft(dovecot, tmp_path):
    mailbox, settings, store, folders = follow_ups_to_ana_and_ben(dovecot, tmp_path, "reconcile-race")
    ana = store.contact_by_address("ana@org.example").id
    wrote = []

    def another_process() -> None:  # the user's `coffeechat contacts edit` on Ana, committed by another connection
        with sqlite3.connect(settings.database) as other:
            other.execute("UPDATE contact SET organization = 'Sunrise Movement' WHERE id = ?", (ana,))
        wrote.append(ana)  # (an error in a trace callback is swallowed: this says the write was made)

    # Every draft looked at (the first reconcile since they were placed), while another process writes.
    read = reconcile_reads(store, lambda: run_cycle(settings, store, NOW + timedelta(minutes=1), folders=folders),
                           meanwhile=another_process)
    assert wrote == [ana] and len(read) == 1 and '"contact_id" IN' not in read[0], read
    # Ben replies. Without that write this reconcile would read only Ben's drafts (the test above); with it,
    # what the other process changed was never looked at, so every draft is read again.
    ben_replies(mailbox)
    read = reconcile_reads(store, lambda: run_cycle(settings, store, NOW + timedelta(minutes=2), folders=folders))
    assert len(read) == 1 and '"contact_id" IN' not in read[0], read
