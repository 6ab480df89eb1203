"""Review tests: the partial reconcile after new mail, the thread lookup by LIKE, the summaries let go of.

Against the real Dovecot and the real SQLite (or PostgreSQL) log; the CLI as a subprocess.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

import pytest
from corpus import ME, NOW, days_ago, mail
from test_rules_pass import outreach, reconcile_reads

from daemon.contact_log import postgres
from daemon.contact_log.schema import Contact
from daemon.contact_log.store import Store
from daemon.service import run_cycle
from daemon.writing.report import CycleReport, explain

ANA, BEN, CARA = "ana@org.example", "ben@org.example", "cara@org.example"


def reply(who: str, when=NOW, body: str = "Sure, Thursday works.") -> bytes:
    return mail(sender=f"Someone <{who}>", to=ME, subject="Re: Informational interview?", body=body, when=when,
                in_reply_to=f"<o-{who}>", references=f"<o-{who}>")


def is_partial(read: list[str]) -> bool:
    return any('"contact_id" IN (' in s.split("WHERE", 1)[1] for s in read)


def states(store: Store) -> dict[str, str]:
    return {store.primary_address(d.contact) or f"#{d.contact_id}": d.state for d in store.drafts()}


def two_follow_ups(mailbox, *people: str):
    """Outreach eight days ago: a follow-up each, placed; a second cycle has reconciled them all."""
    for who in people or (ANA, BEN):
        mailbox.append("Sent", outreach(who, 8), when=days_ago(8), flags=(b"\\Seen",))
    settings = mailbox.settings()
    store = Store(settings.database)
    folders = run_cycle(settings, store, NOW).folders
    run_cycle(settings, store, NOW + timedelta(minutes=1), folders=folders)
    assert set(states(store).values()) == {"placed"}
    return settings, store, folders


def cli(mailbox, tmp_path, *args: str) -> subprocess.CompletedProcess:
    env_file = tmp_path / "coffeechat.env"
    env_file.write_text("".join(f"{k}={v}\n" for k, v in mailbox.values(timezone="UTC").items()))
    env_file.chmod(0o600)
    done = subprocess.run([sys.executable, "-m", "daemon", "--env-file", str(env_file), *args],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, (done.stdout, done.stderr)
    return done


def delete_draft_to(mailbox, who: str) -> None:
    with mailbox.client() as client:
        client.select_folder("Drafts")
        client.delete_messages(client.search(["TO", who]))
        client.expunge()


def draft_raw_to(mailbox, who: str) -> bytes:
    with mailbox.client() as client:
        client.select_folder("Drafts", readonly=True)
        uid = client.search(["TO", who])[0]
        return client.fetch([uid], ["BODY.PEEK[]"])[uid][b"BODY[]"]


# --- the partial reconcile ------------------------------------------------------------------------------


def test_a_draft_deleted_while_another_contacts_reply_arrives_is_dismissed_in_that_cycle(mailbox):
    settings, store, folders = two_follow_ups(mailbox)
    mailbox.append("INBOX", reply(ANA))
    delete_draft_to(mailbox, BEN)                  # the same minute, in the user's mail client
    read = reconcile_reads(store, lambda: run_cycle(settings, store, NOW + timedelta(minutes=2), folders=folders))
    assert read and not is_partial(read), read     # Drafts moved: every draft is looked at
    assert states(store) == {ANA: "cancelled", BEN: "dismissed"}
    store.close()


def test_a_draft_sent_while_another_contacts_reply_arrives_is_seen_sent(mailbox):
    settings, store, folders = two_follow_ups(mailbox)
    sent = draft_raw_to(mailbox, BEN)
    mailbox.append("INBOX", reply(ANA))
    mailbox.append("Sent", sent, when=NOW, flags=(b"\\Seen",))   # the client files the copy, then removes the draft
    delete_draft_to(mailbox, BEN)
    run_cycle(settings, store, NOW + timedelta(minutes=2), folders=folders)
    assert states(store) == {ANA: "cancelled", BEN: "sent"}
    store.close()


def test_sent_copy_first_then_draft_removed_a_cycle_later_is_still_sent(mailbox):
    """The client files the Sent copy, a cycle runs (partial: Drafts unchanged), then it removes the draft."""
    settings, store, folders = two_follow_ups(mailbox)
    sent = draft_raw_to(mailbox, BEN)
    mailbox.append("Sent", sent, when=NOW, flags=(b"\\Seen",))
    mailbox.append("INBOX", reply(ANA))
    run_cycle(settings, store, NOW + timedelta(minutes=2), folders=folders)
    assert states(store) == {ANA: "cancelled", BEN: "sent"}     # the Sent copy counts as the attempt at once
    delete_draft_to(mailbox, BEN)
    run_cycle(settings, store, NOW + timedelta(minutes=3), folders=folders)
    assert states(store) == {ANA: "cancelled", BEN: "sent"}
    store.close()


def test_a_draft_deleted_after_a_partial_reconcile_is_dismissed_at_the_next_cycle(mailbox):
    settings, store, folders = two_follow_ups(mailbox, ANA, BEN, CARA)
    mailbox.append("INBOX", reply(ANA))
    read = reconcile_reads(store, lambda: run_cycle(settings, store, NOW + timedelta(minutes=2), folders=folders))
    assert is_partial(read), read
    delete_draft_to(mailbox, BEN)
    mailbox.append("INBOX", reply(CARA, when=NOW + timedelta(minutes=2)))   # and new mail of another contact
    read = reconcile_reads(store, lambda: run_cycle(settings, store, NOW + timedelta(minutes=3), folders=folders))
    assert read and not is_partial(read), read
    assert states(store) == {ANA: "cancelled", BEN: "dismissed", CARA: "cancelled"}
    store.close()


def test_a_cli_merge_between_cycles_makes_the_next_reconcile_whole(mailbox, tmp_path):
    """`contacts merge` in another process: the log moved under the daemon, so no partial reconcile."""
    settings, store, folders = two_follow_ups(mailbox, ANA, BEN, CARA)
    cli(mailbox, tmp_path, "contacts", "merge", ANA, BEN)         # Ben is Ana: his draft moves to her record
    mailbox.append("INBOX", reply(CARA))
    read = reconcile_reads(store, lambda: run_cycle(settings, store, NOW + timedelta(minutes=2), folders=folders))
    assert read and not is_partial(read), read
    assert states(store)[CARA] == "cancelled"
    assert sorted(d.state for d in store.drafts() if d.contact_id == store.contact_by_address(ANA).id) == \
        ["placed", "placed"]
    store.close()


def test_a_cli_ignore_between_cycles_with_new_mail_leaves_no_draft_of_theirs_unfinished(mailbox, tmp_path):
    settings, store, folders = two_follow_ups(mailbox, ANA, BEN, CARA)
    cli(mailbox, tmp_path, "contacts", "ignore", BEN)
    mailbox.append("INBOX", reply(ANA))
    read = reconcile_reads(store, lambda: run_cycle(settings, store, NOW + timedelta(minutes=2), folders=folders))
    assert read and not is_partial(read), read
    assert states(store) == {ANA: "cancelled", CARA: "placed"}
    store.close()


def test_an_outreach_draft_sent_to_another_address_is_seen_sent(mailbox, tmp_path):
    """`coffeechat outreach` drafts a first note; the user sends it to another address of the person, while
    someone else's reply arrives."""
    settings, store, folders = two_follow_ups(mailbox, ANA)
    cli(mailbox, tmp_path, "contacts", "add", "Dee Lin", "dee@old.example")
    cli(mailbox, tmp_path, "outreach", "dee@old.example", "--why", "she runs the labor desk")
    run_cycle(settings, store, NOW + timedelta(minutes=2), folders=folders)   # the log moved: all reconciled
    raw = draft_raw_to(mailbox, "dee@old.example").replace(b"dee@old.example", b"dee@new.example")
    mailbox.append("Sent", raw, when=NOW + timedelta(minutes=2), flags=(b"\\Seen",))
    delete_draft_to(mailbox, "dee@old.example")
    mailbox.append("INBOX", reply(ANA))
    run_cycle(settings, store, NOW + timedelta(minutes=3), folders=folders)
    dee = store.contact_by_address("dee@old.example") or store.contact_by_address("dee@new.example")
    assert {d.kind: d.state for d in store.drafts() if d.contact_id == dee.id} == {"outreach": "sent"}, \
        states(store)
    store.close()


def test_a_thank_you_is_cancelled_when_the_user_writes_their_own_after_a_partial_reconcile(mailbox, tmp_path):
    settings, store, folders = two_follow_ups(mailbox, ANA, BEN)
    mailbox.append("INBOX", reply(ANA, when=days_ago(3)))
    mailbox.append("INBOX", reply(BEN, when=days_ago(3)))
    later = NOW + timedelta(minutes=2)
    run_cycle(settings, store, later, folders=folders)
    cli(mailbox, tmp_path, "met", ANA, "--at", f"{later - timedelta(hours=3):%Y-%m-%d %H:%M}", "--minutes", "20")
    run_cycle(settings, store, later + timedelta(minutes=1), folders=folders)     # the thank-you is placed
    assert {d.kind for d in store.drafts() if d.state == "placed"} == {"thank_you"}, states(store)
    run_cycle(settings, store, later + timedelta(minutes=2), folders=folders)     # reconciled as placed
    # The user writes their own thank-you (a new message, not ours), and Ben writes again.
    mailbox.append("Sent", mail(sender=ME, to=ANA, subject="Thank you!", body="Thanks for your time today.",
                                when=later + timedelta(minutes=2), in_reply_to=f"<o-{ANA}>",
                                references=f"<o-{ANA}>"), when=later, flags=(b"\\Seen",))
    mailbox.append("INBOX", reply(BEN, when=later, body="One more thing"))
    read = reconcile_reads(store, lambda: run_cycle(settings, store, later + timedelta(minutes=3), folders=folders))
    assert is_partial(read), read                                 # Drafts unchanged: only Ana's and Ben's read
    thanks = [d for d in store.drafts() if d.kind == "thank_you"]
    assert [d.state for d in thanks] == ["cancelled"], states(store)
    store.close()


def test_on_postgresql_every_reconcile_is_whole_and_right(mailbox, postgresql):
    mailbox.url = postgresql.url  # the log in the user's own schema
    settings, store, folders = two_follow_ups(mailbox)
    assert store.change_mark() is None
    mailbox.append("INBOX", reply(ANA))
    delete_draft_to(mailbox, BEN)
    run_cycle(settings, store, NOW + timedelta(minutes=2), folders=folders)
    assert states(store) == {ANA: "cancelled", BEN: "dismissed"}
    store.close()


# --- the thread lookup by LIKE --------------------------------------------------------------------------


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_replies_to_thread_ids_with_like_characters_find_their_contact_and_only_theirs(tmp_path, backend, request):
    """Thread ids with % _ \\ ' " in them are found; near misses (case, wildcards) find no one."""
    from daemon.contact_log.known import _OnDemand
    from daemon.contact_log.schema import ContactAddress

    if backend == "postgresql":
        target = postgres.with_schema(request.getfixturevalue("postgresql").url, f"like_{tmp_path.name[-20:]}",
                                      "like", "localhost")
    else:
        target = str(tmp_path / "log.sqlite3")
    store = Store(target)
    odd = ['<a%b_c\\d@x.example>', "<it's\"q@x.example>", "<MiXeD@Case.example>", "<" + "z" * 240 + "@x>"]
    with store.transaction():
        c = Contact.create(name="Ana", created_at=NOW, updated_at=NOW, confirmed=True, thread=" ".join(odd))
        ContactAddress.create(contact=c, email=ANA)
        d = Contact.create(name="Ben", created_at=NOW, updated_at=NOW, confirmed=True, thread="<plain@x.example>")
        ContactAddress.create(contact=d, email=BEN)
    lookup = _OnDemand(store.db)
    for one in odd:
        assert lookup.thread(one) == ANA, one
    for miss in ['<aXbYc\\d@x.example>', '<a%b_c\\\\d@x.example>', "<mixed@case.example>", "<a%b_c\\d@x.exampl>",
                 "<" + "z" * 239 + "@x>", "<plain@x.exampl>"]:
        assert lookup.thread(miss) is None, miss
    # Past the first few, one read of every thread answers the same.
    for one in [*odd, "<plain@x.example>"]:
        assert lookup.thread(one) in (ANA, BEN)
    assert lookup._contact_threads is not None
    store.close()


# --- the summaries let go of before the log is written ------------------------------------------------


def test_explain_in_a_dry_run_still_names_each_sent_message_after_the_summaries_are_let_go(mailbox):
    mailbox.append("Sent", outreach(ANA, 3), when=days_ago(3), flags=(b"\\Seen",))
    mailbox.append("Sent", mail(sender=ME, to=BEN, subject="Lunch?", when=days_ago(2), body="Pizza at 1?"),
                   when=days_ago(2), flags=(b"\\Seen",))
    mailbox.append("INBOX", mail(sender="news@list.example", to=ME, subject="This week", when=days_ago(1),
                                 headers={"List-Id": "<w.list.example>"}))
    settings = mailbox.settings()
    store = Store(settings.database)
    report = run_cycle(settings, store, NOW, dry_run=True, report=CycleReport(explain=True))
    words = explain(report)
    assert "Informational interview?" in words and "Lunch?" in words, words
    assert report.fetched == {"Sent": 2, "INBOX": 1}, report.fetched
    assert store.contacts() == []                                  # a dry run writes nothing
    store.close()


# --- a crash between recording and placing, in another process, between two cycles of this one ---------

CRASHING_CYCLE = """
import sys
from datetime import datetime
from daemon.settings import from_values
from daemon.contact_log.store import Store
from daemon.service import run_cycle
import json
values = json.loads(sys.argv[1])
settings = from_values(values)
run_cycle(settings, Store(settings.database), datetime.fromisoformat(sys.argv[2]))
"""


@pytest.mark.parametrize("point", ["before draft append", "after draft append", "after draft intent commit"])
def test_a_draft_left_intended_by_another_process_crash_is_placed_once_while_new_mail_arrives(mailbox, point):
    import json
    import os

    settings, store, folders = two_follow_ups(mailbox)
    mailbox.append("Sent", outreach(CARA, 8), when=days_ago(8), flags=(b"\\Seen",))
    mailbox.append("INBOX", reply(ANA))
    env = {**os.environ, "TEST_COFFEECHAT_CRASH_AT": point}
    died = subprocess.run([sys.executable, "-c", CRASHING_CYCLE, json.dumps(mailbox.values()),
                           (NOW + timedelta(minutes=2)).isoformat()], env=env, capture_output=True, text=True,
                          timeout=60)
    assert died.returncode == -9, died.stderr                      # SIGKILL at the point
    assert states(store)[CARA] == "intended"
    mailbox.append("INBOX", reply(BEN, when=NOW + timedelta(minutes=2)))
    run_cycle(settings, store, NOW + timedelta(minutes=3), folders=folders)
    assert states(store) == {ANA: "cancelled", BEN: "cancelled", CARA: "placed"}
    assert [raw.count(b"cara@org.example") > 0 for raw in mailbox.messages("Drafts")].count(True) == 1
    store.close()


# --- the daemon's way: every cycle on the one connection that waits on INBOX ------------------------------


def test_on_the_held_connection_a_deletion_and_a_reply_in_one_window_are_both_seen(mailbox):
    from daemon.mail.mailbox import Mailbox

    settings, store, folders = two_follow_ups(mailbox, ANA, BEN, CARA)
    with Mailbox.connect(settings) as box:
        box.select("INBOX")                                         # as the watcher leaves it, waiting in IDLE
        run_cycle(settings, store, NOW + timedelta(minutes=2), folders=folders, box=box)
        for minute, (who, gone) in enumerate([(ANA, BEN), (CARA, None)], start=3):
            box.use("INBOX")                                        # the watcher opens INBOX again after a cycle
            mailbox.append("INBOX", reply(who, when=NOW + timedelta(minutes=minute)))
            if gone:
                delete_draft_to(mailbox, gone)
            run_cycle(settings, store, NOW + timedelta(minutes=minute), folders=folders, box=box,
                      news=frozenset({"INBOX"}) if minute == 3 else frozenset())
        assert states(store) == {ANA: "cancelled", BEN: "dismissed", CARA: "cancelled"}
    store.close()


def test_sync_dry_run_explain_from_the_command_line_names_each_new_sent_message(mailbox, tmp_path):
    mailbox.append("Sent", outreach(ANA, 3), when=days_ago(3), flags=(b"\\Seen",))
    mailbox.append("Sent", mail(sender=ME, to=BEN, subject="Lunch?", when=days_ago(2), body="Pizza at 1?"),
                   when=days_ago(2), flags=(b"\\Seen",))
    done = cli(mailbox, tmp_path, "sync", "--dry-run", "--explain")
    assert "Informational interview?" in done.stdout and "Lunch?" in done.stdout, done.stdout
    assert "2 new sent messages" in done.stdout, done.stdout
