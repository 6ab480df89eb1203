"""The mailbox changing underneath coffeechat: folders recreated (a new UIDVALIDITY), mail moved or deleted by
the user's own mail client in the middle of a cycle, a draft the user edited (their client replaces it), the
Drafts folder renamed or removed. No crash, nothing lost, nothing doubled.

Real Dovecot; a second IMAPClient plays the user's mail client. Cycles run in this process (run_cycle, as the
daemon runs them); where the change must land at one exact point of a cycle, the cycle goes through
tests/proxy.py, which holds our command back while the user's client acts.
"""

from __future__ import annotations

import subprocess
from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import pytest
import reliability
from conftest import TestMailbox as Mailbox
from corpus import ME, mail
from proxy import Proxy
from test_network_faults import contact_log, drafts_match_the_log, ids_in

from daemon.contact_log.store import Store
from daemon.errors import MailboxError
from daemon.playbook.rules import ContactState
from daemon.service import run_cycle
from daemon.writing import drafts
from daemon.writing.kinds import DRAFTS, KINDS, Facts, compose
from daemon.writing.report import describe

MARIA, SAM, LEE = "maria@progressive.example", "sam@campaign.example", "lee@union.example"


def outreach(to: str, name: str, days: float) -> bytes:
    return mail(sender=ME, to=f"{name} <{to}>", subject="Informational interview?",
                when=datetime.now(timezone.utc) - timedelta(days=days),
                body=f"Hi {name.split()[0]},\n\nWould you be open to a 20 minute chat?\n\nJordan",
                message_id=f"<o-{to.split('@')[0]}@example.org>")


def reply(sender: str, name: str, days: float = 0.5) -> bytes:
    key = sender.split("@")[0]
    return mail(sender=f"{name} <{sender}>", to=ME, subject="Re: Informational interview?", body="Happy to talk!",
                when=datetime.now(timezone.utc) - timedelta(days=days), in_reply_to=f"<o-{key}@example.org>",
                references=f"<o-{key}@example.org>", message_id=f"<r-{key}@elsewhere.example>")


def newsletter(i: int) -> bytes:
    return mail(sender="Policy Weekly <news@lists.example>", to=ME, subject=f"Issue {i}", body="Read more",
                when=datetime.now(timezone.utc) - timedelta(days=2, minutes=i), message_id=f"<n{i}@lists.example>",
                headers={"List-Id": "<weekly.lists.example>"})


def started(mailbox: Mailbox) -> None:
    """Maria's follow-up is due (a draft is placed at the first cycle); Sam answered his outreach."""
    with mailbox.client() as client:
        client.append("Sent", outreach(MARIA, "Maria López", 8), flags=(b"\\Seen",))
        client.append("Sent", outreach(SAM, "Sam Chen", 3), flags=(b"\\Seen",))
        client.multiappend("INBOX", [newsletter(i) for i in range(3)] + [reply(SAM, "Sam Chen")])


class Cycles:
    """Cycles as the daemon runs them: one contact log kept open, the folders found once."""

    def __init__(self, mailbox: Mailbox, **settings: str):
        self.mailbox, self.overrides = mailbox, settings
        self.store = Store(str(mailbox.database))
        self.folders = None

    def run(self, port: int | None = None) -> str:
        overrides = dict(self.overrides, **({"imap_port": str(port)} if port else {}))
        report = run_cycle(self.mailbox.settings(**overrides), self.store, datetime.now(timezone.utc),
                           folders=self.folders)
        self.folders = report.folders
        return describe(report)

    def fails(self, port: int | None = None) -> str:
        with pytest.raises(MailboxError) as raised:
            self.run(port)
        self.folders = None  # as the daemon does after a failed cycle: found again next time
        return str(raised.value)

    def close(self) -> None:
        self.store.close()


@pytest.fixture
def cycles(mailbox):
    running = Cycles(mailbox)
    yield running
    running.close()


def without_cursors(log: dict) -> dict:
    return {k: v for k, v in log.items() if k != "cursors"}


# --- UIDVALIDITY --------------------------------------------------------------------------------------------


def recreate(mailbox: Mailbox, folder: str, messages: list[bytes]) -> None:
    """The user's client deletes the folder and makes it again (a repair, an import): a new UIDVALIDITY."""
    with mailbox.client() as client:
        before = client.folder_status(folder, [b"UIDVALIDITY"])[b"UIDVALIDITY"]
        client.delete_folder(folder)
        if folder not in {name for _, _, name in client.list_folders()}:  # Dovecot makes its special folders again
            client.create_folder(folder)
        for message in messages:
            client.append(folder, message, flags=(b"\\Seen",))
        assert client.folder_status(folder, [b"UIDVALIDITY"])[b"UIDVALIDITY"] != before


def test_sent_recreated_with_the_same_messages_changes_nothing(mailbox, cycles, caplog):
    started(mailbox)
    cycles.run()
    before = contact_log(mailbox.database)
    recreate(mailbox, "Sent", [outreach(MARIA, "Maria López", 8), outreach(SAM, "Sam Chen", 3)])
    with caplog.at_level("WARNING"):
        said = cycles.run()
    assert "UIDVALIDITY of Sent changed" in caplog.text
    assert "Tracked" not in said and "Drafted" not in said, said  # read again, and known by Message-ID
    assert without_cursors(contact_log(mailbox.database)) == without_cursors(before)
    assert drafts_match_the_log(mailbox) and len(mailbox.messages("Drafts")) == 1
    assert cycles.run().strip() == "Read 0 new messages (Sent 0, INBOX 0).\nNothing is due."
    reliability.count("mailbox changes underneath")


def test_sent_recreated_with_other_messages_keeps_the_history_and_reads_the_new(mailbox, cycles):
    started(mailbox)
    cycles.run()
    before = contact_log(mailbox.database)
    # Maria's outreach is gone from the new Sent (the user's client kept only part); Lee's is new.
    recreate(mailbox, "Sent", [outreach(SAM, "Sam Chen", 3), outreach(LEE, "Lee Park", 0.1)])
    said = cycles.run()
    log = contact_log(mailbox.database)
    assert "Tracked: 1 outreach." in said, said
    assert set(before["contacts"]) < set(log["contacts"])  # nobody forgotten, nobody changed
    assert (LEE, "awaiting_reply", 1, 1) in log["contacts"]
    assert set(before["events"]) < set(log["events"]) and len(log["events"]) == len(before["events"]) + 1
    assert log["drafts"] == before["drafts"] and len(mailbox.messages("Drafts")) == 1
    reliability.count("mailbox changes underneath")


def test_drafts_recreated_with_the_same_messages_keeps_the_draft_placed(mailbox, cycles):
    started(mailbox)
    cycles.run()
    before = contact_log(mailbox.database)
    recreate(mailbox, "Drafts", mailbox.messages("Drafts"))
    assert "Drafted" not in cycles.run()
    assert contact_log(mailbox.database) == before and drafts_match_the_log(mailbox)
    assert len(mailbox.messages("Drafts")) == 1
    reliability.count("mailbox changes underneath")


def doveadm(mailbox: Mailbox, *args: str) -> None:
    subprocess.run(["doveadm", "-c", str(mailbox.server.root / "dovecot.conf"), *args[:2], "-u", mailbox.user,
                    *args[2:]], check=True, capture_output=True)


def test_inbox_with_a_new_uidvalidity_and_other_messages_loses_nothing_and_doubles_nothing(mailbox, cycles):
    """INBOX cannot be deleted; a server restored from a backup, or moved, gives it a new UIDVALIDITY."""
    started(mailbox)
    cycles.run()
    before = contact_log(mailbox.database)
    doveadm(mailbox, "mailbox", "update", "--uid-validity", "4242", "INBOX")
    with mailbox.client() as client:  # the restore lacks Sam's reply and a newsletter; Maria's reply is new
        client.select_folder("INBOX")
        client.delete_messages(client.search(["OR", "HEADER", "Message-ID", "<r-sam@elsewhere.example>",
                                              "HEADER", "Message-ID", "<n0@lists.example>"]))
        client.expunge()
        client.append("INBOX", reply(MARIA, "Maria López"))
    said = cycles.run()
    log = contact_log(mailbox.database)
    assert "Tracked: 1 reply." in said and "Maria López <maria@progressive.example> replied" in said, said
    assert (SAM, "replied", 1, 1) in log["contacts"] and (MARIA, "replied", 1, 1) in log["contacts"]
    assert set(before["events"]) < set(log["events"]) and len(log["events"]) == len(before["events"]) + 1
    assert ("INBOX", 5) in log["cursors"]
    assert len(mailbox.messages("Drafts")) == 1  # left there (the user was told it is stale), not made again
    assert log["drafts"] == [(MARIA, "follow_up", 2, "cancelled")]
    reliability.count("mailbox changes underneath")


# --- the user's client at work during a cycle ---------------------------------------------------------------


def user_files_and_deletes(mailbox: Mailbox) -> None:
    """Maria's reply filed in Archive, a newsletter deleted, Lee's archived reply brought back to INBOX."""
    with mailbox.client() as client:
        client.select_folder("INBOX")
        client.move(client.search(["HEADER", "Message-ID", "<r-maria@elsewhere.example>"]), "Archive")
        client.delete_messages(client.search(["HEADER", "Message-ID", "<n1@lists.example>"]))
        client.expunge()
        client.select_folder("Archive")
        client.move(client.search(["HEADER", "Message-ID", "<r-lee@elsewhere.example>"]), "INBOX")


def busy_inbox(mailbox: Mailbox) -> None:
    started(mailbox)
    with mailbox.client() as client:
        client.append("Sent", outreach(LEE, "Lee Park", 4), flags=(b"\\Seen",))
        client.append("INBOX", reply(MARIA, "Maria López"))
        client.create_folder("Archive")
        client.append("Archive", reply(LEE, "Lee Park", 1))


def test_mail_moved_and_deleted_between_our_search_and_fetch_ends_as_if_done_before_the_cycle(mailbox, dovecot,
                                                                                           tmp_path):
    """The cycle's SEARCH of INBOX found them; before its FETCH the user's client moved and deleted some.
    Maria's reply, filed in a folder coffeechat does not read, is not seen: just as when filed before the cycle
    (coffeechat reads INBOX, or Gmail's All Mail; a reply filed elsewhere unread leaves the follow-up due)."""
    busy_inbox(mailbox)
    proxy = Proxy(dovecot.host, dovecot.port)
    running = Cycles(mailbox)
    try:
        paused = proxy.pause_at(b"UID FETCH", lambda: user_files_and_deletes(mailbox))  # INBOX's, the first
        running.run(port=proxy.port)
        assert paused.is_set()
        running.run(port=proxy.port)  # Lee's reply came back to INBOX after our SELECT: read now
    finally:
        running.close()
        proxy.close()
    # The same changes made before any cycle ran:
    twin = Mailbox(dovecot, mailbox.user + "-twin", tmp_path / "twin.sqlite3")
    busy_inbox(twin)
    user_files_and_deletes(twin)
    other = Cycles(twin)
    try:
        other.run()
        other.run()
    finally:
        other.close()
    assert without_cursors(contact_log(mailbox.database)) == without_cursors(contact_log(twin.database))
    log = contact_log(mailbox.database)
    assert (LEE, "replied", 1, 1) in log["contacts"] and (SAM, "replied", 1, 1) in log["contacts"]
    assert drafts_match_the_log(mailbox)
    reliability.count("mailbox changes underneath")


# --- a draft the user edited ----------------------------------------------------------------------------------


def user_resaves(mailbox: Mailbox, message_id: str, how: str) -> str:
    """The user's client saves an edited draft as a new message and deletes the old one; its Message-ID."""
    with mailbox.client() as client:
        client.select_folder("Drafts")
        [uid] = client.search(["HEADER", "Message-ID", message_id])
        old = message_from_bytes(client.fetch([uid], ["BODY.PEEK[]"])[uid][b"BODY[]"], policy=policy.default)
        new = EmailMessage()
        kept = ("From", "To", "Subject") + (("In-Reply-To", "References") if how != "threading dropped" else ())
        for name in kept:
            if old[name]:
                new[name] = str(old[name])
        if how == "subject rewritten":
            new.replace_header("Subject", "Quick follow-up from Jordan")
        new["Date"] = format_datetime(datetime.now(timezone.utc))
        new["Message-ID"] = message_id if how == "Message-ID kept" else make_msgid(domain="mail.example.org")
        new["X-Mailer"] = "Apple Mail (2.3774.600.62)"
        new.set_content(old.get_content() + "\nP.S. I just read your piece on tenant organizing.\n")
        client.append("Drafts", new.as_bytes(), flags=(b"\\Draft", b"\\Seen"))
        client.delete_messages([uid])
        client.expunge()
        return str(new["Message-ID"])


def placed_follow_up(mailbox: Mailbox) -> str:
    [message_id] = ids_in(mailbox, "Drafts")
    return message_id


@pytest.mark.parametrize("how", ["Message-ID kept", "new Message-ID", "subject rewritten"])
def test_a_draft_the_user_edited_still_counts_as_placed_and_is_not_made_again(mailbox, cycles, how):
    started(mailbox)
    assert "Drafted follow-up (attempt 2) to Maria" in cycles.run()
    theirs = user_resaves(mailbox, placed_follow_up(mailbox), how)
    for _ in range(2):
        said = cycles.run()
        assert "Drafted" not in said, said
    assert ids_in(mailbox, "Drafts") == [theirs]
    assert contact_log(mailbox.database)["drafts"] == [(MARIA, "follow_up", 2, "placed")]  # still waiting in Drafts
    with mailbox.client() as client:
        client.append("INBOX", reply(MARIA, "Maria López"))
    said = cycles.run()  # so the user is told their edited follow-up is stale, as they would be of ours
    assert ("Maria López <maria@progressive.example> replied: the follow-up waiting in Drafts is no longer needed; "
            "delete it.") in said, said
    reliability.count("mailbox changes underneath")


@pytest.mark.parametrize("kind", [k for k in KINDS.values() if k.folder == DRAFTS], ids=lambda k: k.name)
def test_each_draft_kind_threads_as_its_row_in_the_table_of_kinds_says(kind):
    """An edit is known by its threading only where ours had some (Writer.find_edited reads `threaded`)."""
    now = datetime(2026, 11, 24, 9, tzinfo=timezone.utc)
    state = ContactState(status="met", attempts=1, round=1, last_sent_at=now - timedelta(days=8),
                         subject="Informational interview?", thread=("<o-maria@example.org>",))
    facts = Facts(name="Maria López", address=MARIA, organization="Progressive Org", state=state,
                  meeting_start=now - timedelta(hours=3), meeting_end=now - timedelta(hours=2), referred_by="Sam Chen")
    message = compose(drafts.environment(None), kind.name, facts, my_name="Jordan Rivera",
                      my_address="jordan@example.org", attempt=2, now=now, message_id="<d@example.org>",
                      zone=timezone.utc)
    assert (message["In-Reply-To"] == "<o-maria@example.org>") is kind.threaded


def test_a_draft_edited_before_we_heard_that_its_append_went_through_is_not_placed_again(mailbox, cycles, dovecot):
    """The worst timing: our APPEND's answer was lost, and before the next cycle the user opened the draft and
    saved it under a new Message-ID. Looking for our Message-ID alone would APPEND a second follow-up."""
    started(mailbox)
    proxy = Proxy(dovecot.host, dovecot.port)
    try:
        proxy.lose_answer(b"APPEND")
        assert "could not save a message in Drafts" in cycles.fails(port=proxy.port)
    finally:
        proxy.close()
    theirs = user_resaves(mailbox, placed_follow_up(mailbox), "new Message-ID")
    said = cycles.run()
    assert "Drafted" not in said, said
    assert ids_in(mailbox, "Drafts") == [theirs]
    assert contact_log(mailbox.database)["drafts"] == [(MARIA, "follow_up", 2, "placed")]
    reliability.count("mailbox changes underneath")


def test_a_draft_the_user_deleted_and_another_to_the_same_person_without_threading_is_dismissed(mailbox, cycles):
    """Their own new message to Maria (no In-Reply-To of our outreach) is not our draft edited: ours was deleted."""
    started(mailbox)
    cycles.run()
    user_resaves(mailbox, placed_follow_up(mailbox), "threading dropped")
    cycles.run()
    assert contact_log(mailbox.database)["drafts"] == [(MARIA, "follow_up", 2, "dismissed")]
    assert len(mailbox.messages("Drafts")) == 1  # theirs, untouched; nothing of ours made again
    reliability.count("mailbox changes underneath")


# --- the Drafts folder renamed or removed -----------------------------------------------------------------------


def test_drafts_renamed_by_the_user_is_no_crash_no_duplicate(mailbox, cycles):
    """Dovecot makes its \\Drafts folder again at once (as Gmail and Outlook keep theirs): ours moved with the old
    one, which the user now has as "Old Drafts". coffeechat counts it dismissed and never makes it again."""
    started(mailbox)
    cycles.run()
    [ours] = ids_in(mailbox, "Drafts")
    with mailbox.client() as client:
        client.rename_folder("Drafts", "Old Drafts")
        client.append("INBOX", reply(SAM, "Sam Chen", 0.1).replace(b"<r-sam@", b"<r2-sam@"))
    said = cycles.run()
    assert "Drafted" not in said, said
    assert ids_in(mailbox, "Old Drafts") == [ours] and mailbox.messages("Drafts") == []
    assert contact_log(mailbox.database)["drafts"] == [(MARIA, "follow_up", 2, "dismissed")]
    reliability.count("mailbox changes underneath")


def test_a_drafts_folder_the_user_removed_is_one_line_at_each_cycle_and_nothing_is_lost(mailbox):
    """A Drafts folder of the user's choosing (COFFEECHAT_DRAFTS_FOLDER), deleted: no server makes that one again.

    While the daemon still holds the folders it found, a cycle with nothing to write goes through (the reply
    is tracked, the follow-up withdrawn); once it looks again (after a failed cycle, a restart, a reload) every
    cycle stops at the missing folder with one line naming the setting, and reads nothing: the cursors stay,
    so whatever arrives meanwhile is read, in order, once the folder is back or the setting changed.
    """
    with mailbox.client() as client:
        client.create_folder("Networking drafts")
    started(mailbox)
    cycles = Cycles(mailbox, drafts_folder="Networking drafts")
    try:
        assert "Drafted follow-up" in cycles.run()
        with mailbox.client() as client:
            client.delete_folder("Networking drafts")
            client.append("INBOX", reply(MARIA, "Maria López"))
        said = cycles.run()
        assert "Tracked: 1 reply." in said, said
        cycles.folders = None  # the daemon restarted
        with mailbox.client() as client:
            client.append("INBOX", reply(LEE, "Lee Park"))
            client.append("Sent", outreach(LEE, "Lee Park", 9), flags=(b"\\Seen",))
        said = cycles.fails()
        assert said.startswith("COFFEECHAT_DRAFTS_FOLDER names 'Networking drafts', which is not a folder here; "
                               "folders are: Drafts, INBOX, Junk, Sent, Trash"), said
        with mailbox.client() as client:
            client.create_folder("Networking drafts")  # made again by the user (or the setting changed)
        said = cycles.run()
    finally:
        cycles.close()
    log = contact_log(mailbox.database)
    assert "Read 2 new messages (Sent 1, INBOX 1)." in said and "Tracked: 1 outreach, 1 reply." in said, said
    assert (LEE, "replied", 1, 1) in log["contacts"] and (MARIA, "replied", 1, 1) in log["contacts"]
    assert log["drafts"] == [(MARIA, "follow_up", 2, "cancelled")]
    assert mailbox.messages("Networking drafts") == []  # nothing made again
    reliability.count("mailbox changes underneath")
