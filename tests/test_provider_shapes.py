"""The core-loop story on Dovecots shaped like the providers people use: their folder names, flags and gaps.

Gmail's `[Gmail]/` tree (and in German), Microsoft's flags without the SPECIAL-USE
capability and no CONDSTORE, a server that flags nothing (found by name), Yahoo's missing
IDLE. Each is a real Dovecot (localmail.SHAPES); the story and its expectations are the
ones tests/test_story.py checks on the plain Dovecot, unchanged.
"""

from __future__ import annotations

import email
import email.policy
import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest
from conftest import TestMailbox as Mailbox
from corpus import ME, NOW, cases, mail, wait_for
from story import EXPECTED, NOT_CONTACTS, seed

from daemon import localmail
from daemon.errors import MailboxError, Throttled
from daemon.mail.mailbox import server_said

# shape -> (the Sent folder the story is filed in, the Drafts folder coffeechat must find, how)
SHAPES = {
    "gmail": ("[Gmail]/Sent Mail", "[Gmail]/Drafts", "its \\Sent flag"),
    "gmail-de": ("[Gmail]/Gesendet", "[Gmail]/Entwürfe", "its \\Sent flag"),
    "outlook": ("Sent Items", "Drafts", "its \\Sent flag"),
    "unflagged": ("Sent Messages", "Drafts", "its name"),
    "yahoo": ("Sent", "Draft", "its \\Sent flag"),
}


@pytest.fixture(scope="module", params=list(SHAPES))
def shaped(request, tmp_path_factory):
    server = localmail.start(tmp_path_factory.mktemp(request.param), shape=request.param)
    yield request.param, server
    server.stop()


def test_the_story_passes_unchanged_on_each_provider_shaped_server(shaped, tmp_path, capsys):
    shape, server = shaped
    sent, drafts, how = SHAPES[shape]
    mailbox = Mailbox(server, f"story-{shape}", tmp_path / "coffeechat.sqlite3")
    seed(mailbox, sent_folder=sent)
    out = mailbox.sync(NOW)
    assert "Drafted follow-up (attempt 2) to Maria López <maria@progressive.example>" in out

    code, listing, err = mailbox.run(capsys, "contacts", "export", "--format", "json")
    assert code == 0, err
    contacts = {row["email"]: row for row in json.loads(listing)}
    assert {k: (v["status"], v["attempts"]) for k, v in contacts.items()} == {
        k: (status, attempts) for k, (status, attempts, _) in EXPECTED.items()}
    assert not set(NOT_CONTACTS) & set(contacts)
    placed = [email.message_from_bytes(raw, policy=email.policy.default) for raw in mailbox.messages(drafts)]
    assert sorted(d["To"].addresses[0].addr_spec for d in placed) == sorted(
        k for k, (_, _, drafted) in EXPECTED.items() if drafted)
    assert "Read 0 new messages" in mailbox.sync(NOW)  # and a second cycle changes nothing

    code, said, err = mailbox.run(capsys, "check")
    assert code == 0, err
    assert f"Sent:   {sent} (13 messages" in said and f"found by {how}" in said
    assert f"Drafts: {drafts} (2 messages" in said
    if shape == "yahoo":
        assert "(no IDLE: new mail is seen at each poll)" in said
    if shape == "outlook":
        assert "SPECIAL-USE" not in said.split("Server offers:")[1] and "CONDSTORE" not in said


def test_without_idle_the_daemon_polls_and_still_sees_a_reply(tmp_path_factory, tmp_path):
    server = localmail.start(tmp_path_factory.mktemp("yahoo-daemon"), shape="yahoo")
    try:
        mailbox = Mailbox(server, "polling", tmp_path / "coffeechat.sqlite3")
        mailbox.append("Sent", mail(sender=ME, to="Maria López <maria@progressive.example>",
                                    subject="Informational interview?", message_id="<o-maria@example.org>",
                                    when=datetime.now(timezone.utc) - timedelta(days=3),
                                    body="Would you be open to a 20 minute chat in the next few weeks?"))
        env_file = tmp_path / "daemon.env"
        env_file.write_text("".join(f"{k}={v}\n" for k, v in mailbox.values(
            poll_seconds="10", summary_at="off", timezone="UTC").items()))
        log = tmp_path / "daemon.log"
        daemon = subprocess.Popen([sys.executable, "-m", "daemon", "--env-file", str(env_file), "run"],
                                  stdout=subprocess.DEVNULL, stderr=log.open("w"), cwd=tmp_path)
        try:
            assert wait_for(lambda: "offers no IDLE" in log.read_text(), 15), log.read_text()
            mailbox.append("INBOX", mail(sender="Maria López <maria@progressive.example>", to=ME,
                                         subject="Re: Informational interview?", body="Happy to!",
                                         when=datetime.now(timezone.utc), in_reply_to="<o-maria@example.org>"))
            assert wait_for(lambda: "Tracked: 1 reply" in log.read_text(), 25), log.read_text()
        finally:
            daemon.terminate()
            assert daemon.wait(timeout=15) == 0
    finally:
        server.stop()


# --- What Microsoft answers when it throttles, or will not open the mailbox -----------------------------------

@pytest.mark.parametrize(
    ("answer", "kind", "wait"),
    cases(
        ("throttled with a suggested time", "SELECT command error: BAD [b'Request is throttled. Suggested Backoff "
         "Time: 92415 milliseconds']", Throttled, 92.415),
        ("throttled, a short time: a minute at least", "FETCH command error: NO [b'Request is throttled. "
         "Suggested Backoff Time: 150 milliseconds']", Throttled, 60),
        ("throttled without a time", "NO [THROTTLED] Too many requests", Throttled, 60),
        ("authenticated but not connected", "SELECT command error: BAD [b'User is authenticated but not "
         "connected.']", MailboxError, None),
        ("anything else", "SELECT command error: NO [b'Mailbox does not exist']", MailboxError, None),
    ),
)
def test_microsofts_answers_are_told_plainly_and_throttling_waits_as_asked(answer, kind, wait):
    error = server_said(f"could not select INBOX on outlook.office365.com: {answer}")
    assert type(error) is kind
    assert str(error).startswith(f"could not select INBOX on outlook.office365.com: {answer}")
    if wait is not None:
        assert error.wait == pytest.approx(wait)
        assert str(error).endswith(f"(the server asks coffeechat to slow down: it waits {wait:.0f} s)")
    if "not connected" in answer:
        assert "IMAP may be off for this account" in str(error)


# --- Gmail: replies are read from All Mail ---------------------------------------------------------------------

def test_on_gmail_a_reply_archived_by_a_filter_still_counts_and_drafts_in_all_mail_are_not_mail(tmp_path_factory,
                                                                                                tmp_path, capsys):
    """Gmail shows every message in All Mail (sent mail and drafts too) and INBOX only what was not archived."""
    server = localmail.start(tmp_path_factory.mktemp("gmail-all-mail"), shape="gmail")
    try:
        mailbox = Mailbox(server, "gmail-user", tmp_path / "coffeechat.sqlite3")
        gmail = {"provider": "gmail"}  # the host, port and TLS set for the test server win over the profile's
        everywhere = ("[Gmail]/All Mail",)
        for name, address, days in (("Maria López", "maria@progressive.example", 10),
                                    ("Sam Chen", "sam@campaign.example", 9), ("Ana Ruiz", "ana@union.example", 9)):
            sent = mail(sender=ME, to=f"{name} <{address}>", subject="Informational interview?",
                        message_id=f"<o-{address}>", when=NOW - timedelta(days=days),
                        body="Would you be open to a 20 minute chat in the next few weeks?")
            for folder in ("[Gmail]/Sent Mail", *everywhere):
                mailbox.append(folder, sent, flags=(b"\\Seen",))
        # Sam's reply was archived by a filter: only in All Mail. Ana's is in INBOX, and so in All Mail too.
        archived = mail(sender="Sam Chen <sam@campaign.example>", to=ME, subject="Re: Informational interview?",
                        body="Happy to! Thursday?", when=NOW - timedelta(days=2),
                        in_reply_to="<o-sam@campaign.example>")
        mailbox.append("[Gmail]/All Mail", archived)
        answered = mail(sender="Ana Ruiz <ana@union.example>", to=ME, subject="Re: Informational interview?",
                        body="Sure, next week works.", when=NOW - timedelta(days=1),
                        in_reply_to="<o-ana@union.example>")
        for folder in ("INBOX", *everywhere):
            mailbox.append(folder, answered)

        out = mailbox.sync(NOW, **gmail)
        assert "Drafted follow-up (attempt 2) to Maria López <maria@progressive.example>" in out
        [draft] = mailbox.messages("[Gmail]/Drafts")
        assert email.message_from_bytes(draft, policy=email.policy.default)["To"].addresses[0].addr_spec == \
            "maria@progressive.example"
        code, listing, err = mailbox.run(capsys, "contacts", "export", "--format", "json", **gmail)
        statuses = {row["email"]: row["status"] for row in json.loads(listing)}
        assert statuses == {"maria@progressive.example": "awaiting_reply", "sam@campaign.example": "replied",
                            "ana@union.example": "replied"}

        # Gmail files the draft coffeechat placed in All Mail too: it is the user's own, not an answer.
        mailbox.append("[Gmail]/All Mail", draft, flags=(b"\\Draft",))
        out = mailbox.sync(NOW + timedelta(hours=1), **gmail)
        assert "Drafted" not in out and "Tracked" not in out
        code, listing, err = mailbox.run(capsys, "contacts", "export", "--format", "json", **gmail)
        assert {row["email"]: row["status"] for row in json.loads(listing)} == statuses

        code, said, err = mailbox.run(capsys, "check", **gmail)
        assert code == 0, err
        assert "Inbox:  [Gmail]/All Mail (6 messages" in said
        assert "found by its \\All flag (Gmail keeps archived and labelled mail there too)" in said
    finally:
        server.stop()
