"""The IMAP edge against a real Dovecot: connecting securely, folders, cursors, resets and crashes."""

from __future__ import annotations

import email
import email.policy
import time
from datetime import datetime, timezone

import pytest
from corpus import ME, NOW, days_ago, mail

from daemon import cli
from daemon.contact_log.store import Store
from daemon.errors import MailboxError
from daemon.mail.mailbox import Mailbox
from daemon.service import run_cycle


def run(mailbox, capsys, *args: str, **overrides: str) -> tuple[int, str, str]:
    return mailbox.run(capsys, *args, **overrides)


def outreach(to: str, days: float, message_id: str, subject: str = "Informational interview?") -> bytes:
    return mail(sender=ME, to=to, subject=subject, when=days_ago(days), message_id=message_id,
                body="Would you be open to a 20 minute chat?")


def sync(mailbox, now: datetime = NOW, **overrides: str):
    store = Store(str(mailbox.database))
    try:
        return run_cycle(mailbox.settings(**overrides), store, now)
    finally:
        store.close()


def test_check_lists_the_folders_it_will_use(mailbox, capsys):
    code, out, _ = run(mailbox, capsys, "check")
    assert code == 0
    assert out.splitlines()[1:] == [
        "Inbox:  INBOX (0 messages)", "Sent:   Sent (0 messages), found by its \\Sent flag",
        "Drafts: Drafts (0 messages), found by its \\Drafts flag",
        "Provider: none in particular (COFFEECHAT_PROVIDER picks a profile); login: your password (an app "
        "password where the provider offers one).",
        "Server offers: IDLE, SPECIAL-USE, CONDSTORE"]


def test_check_warns_when_the_settings_file_is_readable_by_others(mailbox, capsys):
    env_file = mailbox.database.parent / "shared.env"
    env_file.write_text("".join(f"{k}={v}\n" for k, v in mailbox.values().items()))
    env_file.chmod(0o644)
    code = cli.main(["--env-file", str(env_file), "check"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.splitlines()[-1] == (f"Warning: {env_file} holds COFFEECHAT_IMAP_PASSWORD and can be read by other "
                                    f"users of this machine (mode 644): chmod 600 {env_file}")
    env_file.chmod(0o600)
    assert cli.main(["--env-file", str(env_file), "check"]) == 0
    assert "Warning" not in capsys.readouterr().out
    # A system service's settings file: readable by the service's user, the password a credential.
    without = "".join(f"{k}={v}\n" for k, v in mailbox.values().items() if k != "COFFEECHAT_IMAP_PASSWORD")
    env_file.write_text(without + f"COFFEECHAT_IMAP_PASSWORD_COMMAND=echo {mailbox.server.password}\n")
    env_file.chmod(0o644)
    assert cli.main(["--env-file", str(env_file), "check"]) == 0
    assert "Warning" not in capsys.readouterr().out


def test_check_warns_when_sent_mail_is_filed_in_another_folder(mailbox, capsys):
    # "Sent Items" (an old client's) holds the real sent mail; the flagged "Sent" is empty.
    with mailbox.client() as client:
        client.create_folder("Sent Items")
    for days in (40, 3):
        mailbox.append("Sent Items", outreach("ana@org.example", days, f"<o-{days}@example.org>"),
                       when=days_ago(days))
    code, out, _ = run(mailbox, capsys, "check")
    assert code == 0
    newest = days_ago(3).astimezone().strftime("%Y-%m-%d")
    assert out.splitlines()[2:] == [
        "Sent:   Sent (0 messages), found by its \\Sent flag",
        "Drafts: Drafts (0 messages), found by its \\Drafts flag",
        f"Not read: Sent Items (2 messages, newest {newest})",
        "Provider: none in particular (COFFEECHAT_PROVIDER picks a profile); login: your password (an app "
        "password where the provider offers one).",
        "Server offers: IDLE, SPECIAL-USE, CONDSTORE",
        f"Warning: Sent Items holds 2 messages (newest {newest}) but coffeechat reads only Sent (0 messages): "
        "set COFFEECHAT_SENT_FOLDER=Sent,Sent Items to read both",
    ]
    # The first sync says the same, and with both folders set it reads both, once each.
    assert "Warning: Sent Items holds 2 messages" in mailbox.sync(NOW)
    code, out, _ = run(mailbox, capsys, "check", sent_folder="Sent,Sent Items")
    assert "Sent:   Sent (0 messages), Sent Items (2 messages" in out and "Warning" not in out
    report = sync(mailbox, sent_folder="Sent,Sent Items")
    assert report.fetched == {"Sent": 0, "Sent Items": 2, "INBOX": 0}
    assert [e.kind for e in report.events] == ["outreach", "outreach"] and not report.warnings
    assert sync(mailbox, sent_folder="Sent,Sent Items").events == []


def test_tls_certificate_is_verified(mailbox, capsys):
    code, out, err = run(mailbox, capsys, "check", imap_tls="ssl", imap_host="localhost",
                         imap_port=str(mailbox.server.tls_port))
    assert code == 1 and out == ""
    where = f"localhost:{mailbox.server.tls_port}"
    assert err.startswith(f"coffeechat: the TLS certificate of {where} could not be verified")
    assert "COFFEECHAT_IMAP_CA_FILE" in err and len(err.splitlines()) == 1


@pytest.mark.parametrize("tls,port", [("ssl", "tls_port"), ("starttls", "port")])
def test_tls_works_with_the_servers_ca(mailbox, capsys, tls, port):
    code, out, err = run(mailbox, capsys, "check", imap_tls=tls, imap_host="localhost",
                         imap_port=str(getattr(mailbox.server, port)), imap_ca_file=str(mailbox.server.cert_file))
    assert (code, err) == (0, "")
    assert f"({tls.upper()})" in out


def test_wrong_password_is_a_one_line_error_without_the_password(mailbox, capsys):
    code, out, err = run(mailbox, capsys, "check", imap_password="wrong-Pa55word")
    assert code == 1
    assert "refused the login" in err and "wrong-Pa55word" not in err + out
    assert len(err.splitlines()) == 1


def test_unreachable_server_exits_1_with_the_reason(mailbox, capsys):
    from daemon.localmail import free_port

    code, _, err = run(mailbox, capsys, "sync", imap_port=str(free_port()))
    assert code == 1 and err.startswith("coffeechat: cannot connect to 127.0.0.1:")


def test_folder_override_must_exist(mailbox, capsys):
    code, _, err = run(mailbox, capsys, "check", drafts_folder="Brouillons")
    assert code == 1
    assert "COFFEECHAT_DRAFTS_FOLDER names 'Brouillons', which is not a folder here" in err


def test_folders_without_special_use_are_found_by_name(mailbox):
    with mailbox.client() as client:
        client.create_folder("Sent Items")
    settings = mailbox.settings(sent_folder="Sent Items")
    with Mailbox.connect(settings) as box:
        assert box.folders().sent == ("Sent Items",)


def test_new_mail_after_the_first_sync_is_picked_up_once(mailbox):
    mailbox.append("Sent", outreach("ana@org.example", 10, "<o-ana@example.org>"))
    first = sync(mailbox)
    assert [e.kind for e in first.events] == ["outreach"]
    mailbox.append("INBOX", mail(sender="ana@org.example", to=ME, subject="Re: Informational interview?",
                                 when=days_ago(1), in_reply_to="<o-ana@example.org>"))
    second = sync(mailbox)
    assert [e.kind for e in second.events] == ["reply"] and second.fetched == {"Sent": 0, "INBOX": 1}
    assert second.drafts == []
    assert sync(mailbox).fetched == {"Sent": 0, "INBOX": 0}


def test_many_messages_are_fetched_in_chunks(mailbox):
    with mailbox.client() as client:
        for n in range(450):
            client.append("INBOX", mail(sender=f"n{n}@news.example", to=ME, subject=f"note {n}", when=days_ago(3)))
    report = sync(mailbox)
    assert report.fetched["INBOX"] == 450 and report.skipped == 0


def test_mail_older_than_the_backfill_window_is_not_read(mailbox):
    old = datetime(2025, 1, 1, tzinfo=timezone.utc)
    mailbox.append("Sent", outreach("old@org.example", 700, "<o-old@example.org>"), when=old)
    mailbox.append("Sent", outreach("new@org.example", 3, "<o-new@example.org>"), when=days_ago(3))
    report = sync(mailbox, backfill_days="30")
    assert [e.contact for e in report.events] == ["new@org.example"]


def test_uidvalidity_change_rescans_without_duplicates(mailbox):
    messages = [outreach("ana@org.example", 10, "<o-ana@example.org>"),
                outreach("ben@org.example", 9, "<o-ben@example.org>")]
    for message in messages:
        mailbox.append("Sent", message, when=days_ago(9))
    first = sync(mailbox)
    assert len(first.events) == 2 and len(first.drafts) == 2
    with mailbox.client() as client:  # the server loses the folder: a new UIDVALIDITY
        client.delete_folder("Sent")
        client.create_folder("Sent")
        for message in messages:
            client.append("Sent", message, msg_time=days_ago(9))
    second = sync(mailbox)
    assert second.fetched["Sent"] == 2
    assert (second.events, second.drafts) == ([], [])
    assert len(mailbox.messages("Drafts")) == 2


def test_crash_after_recording_a_draft_places_it_exactly_once(mailbox):
    mailbox.append("Sent", outreach("ana@org.example", 10, "<o-ana@example.org>"))
    sync(mailbox, now=days_ago(9))  # tracked, nothing due yet
    store = Store(str(mailbox.database))
    ana = store.contacts()[0]
    store.intend_draft(ana, "follow_up", 2, "<crash-1@example.org>", NOW)  # then the process died
    store.close()
    report = sync(mailbox)
    drafts = mailbox.messages("Drafts")
    assert len(drafts) == 1 and b"Message-ID: <crash-1@example.org>" in drafts[0]
    assert report.drafts[0].attempt == 2
    sync(mailbox)
    assert len(mailbox.messages("Drafts")) == 1


def test_crash_after_appending_a_draft_does_not_append_it_again(mailbox):
    mailbox.append("Sent", outreach("ana@org.example", 10, "<o-ana@example.org>"))
    sync(mailbox, now=days_ago(9))
    store = Store(str(mailbox.database))
    store.intend_draft(store.contacts()[0], "follow_up", 2, "<crash-2@example.org>", NOW)
    store.close()
    mailbox.append("Drafts", mail(sender=ME, to="ana@org.example", subject="Re: Informational interview?",
                                  message_id="<crash-2@example.org>"), flags=(b"\\Draft",))
    report = sync(mailbox)
    assert report.drafts == [] and len(mailbox.messages("Drafts")) == 1
    store = Store(str(mailbox.database))
    assert [d.state for d in store.drafts()] == ["placed"]
    store.close()


def test_mailbox_error_names_the_host_not_the_password(mailbox):
    settings = mailbox.settings(imap_password="not-the-password")
    with pytest.raises(MailboxError) as caught:
        Mailbox.connect(settings)
    assert "not-the-password" not in str(caught.value) and "127.0.0.1" in str(caught.value)


def test_hostile_mail_never_reaches_draft_headers(mailbox):
    evil_subject = "=?utf-8?q?Coffee=3F=0D=0ABcc:_attacker@evil.example?="
    evil_name = "=?utf-8?b?RXZlDQpCY2M6IHhAZXZpbC5leGFtcGxlCg==?="  # "Eve\r\nBcc: x@evil.example\n"
    mailbox.append("Sent", mail(sender=ME, to=f"{evil_name} <eve@org.example>",
                                subject=evil_subject, when=days_ago(10), message_id="<o-eve@example.org>",
                                body="Would you be open to a quick chat about your career path?"))
    mailbox.append("INBOX", mail(sender="spam@junk.example", to=ME, subject="x" * 200_000, when=days_ago(2)))
    mailbox.append("INBOX", b"\x00\xff\xfe garbage without headers \r\n\r\n\xff")
    mailbox.append("INBOX", mail(sender="=?bogus-charset?q?=FF?= <odd@junk.example>", to=ME,
                                 subject="=?utf-8?b?!!!notbase64?=", when=days_ago(2)))
    report = sync(mailbox)
    assert len(report.drafts) == 1
    [raw] = mailbox.messages("Drafts")
    head = raw.split(b"\r\n\r\n", 1)[0]
    header_names = [line.split(b":")[0].lower() for line in head.split(b"\r\n") if line[:1] not in b" \t"]
    assert header_names == [b"from", b"to", b"subject", b"date", b"message-id", b"in-reply-to", b"references",
                            b"content-type", b"content-transfer-encoding", b"mime-version"]
    draft = email.message_from_bytes(raw, policy=email.policy.default)
    assert draft["Subject"] == "Re: Coffee? Bcc: attacker@evil.example"
    assert draft["To"].addresses[0].addr_spec == "eve@org.example"
    assert draft["To"].addresses[0].display_name == "Eve Bcc: x@evil.example"
    assert draft["Bcc"] is None


def test_tls_on_a_plain_text_port_says_which_settings_to_check(mailbox, capsys):
    code, _, err = run(mailbox, capsys, "check", imap_tls="ssl", imap_host="localhost",
                       imap_port=str(mailbox.server.port))
    assert code == 1 and len(err.splitlines()) == 1
    assert err.rstrip().endswith("check COFFEECHAT_IMAP_TLS and COFFEECHAT_IMAP_PORT (ssl is usually port 993, "
                                 "starttls 143)")


def test_a_non_ascii_password_that_is_wrong_is_a_one_line_refusal(mailbox, capsys):
    code, out, err = run(mailbox, capsys, "check", imap_password="pässwörd")
    assert code == 1 and len(err.splitlines()) == 1 and "refused the login" in err
    assert "ä" not in err and "Traceback" not in err


@pytest.mark.parametrize("tls", ["starttls", "none"])
def test_plain_text_to_an_implicit_tls_port_says_so_within_the_greeting_timeout(mailbox, tls):
    settings = mailbox.settings(imap_tls=tls, imap_port=str(mailbox.server.tls_port))
    started = time.monotonic()
    with pytest.raises(MailboxError) as caught:
        Mailbox.connect(settings, greeting_timeout=1)
    assert time.monotonic() - started < 5  # not the 60 s allowed for reads
    assert str(caught.value) == (
        f"no IMAP greeting from 127.0.0.1:{mailbox.server.tls_port} within 1 s: that port probably expects "
        "implicit TLS; use COFFEECHAT_IMAP_TLS=ssl (usually port 993), or starttls on 143")


@pytest.mark.parametrize("tls,port", [("ssl", "tls_port"), ("starttls", "port")])
def test_a_certificate_for_another_name_says_to_check_the_host(mailbox, capsys, tls, port):
    # The test certificate is for "localhost" only; 127.0.0.1 reaches the same server.
    where = f"127.0.0.1:{getattr(mailbox.server, port)}"
    code, out, err = run(mailbox, capsys, "check", imap_tls=tls, imap_port=where.split(":")[1],
                         imap_ca_file=str(mailbox.server.cert_file))
    assert (code, out) == (1, "")
    assert err == (f"coffeechat: the TLS certificate of {where} is for another name (IP address mismatch, "
                   "certificate is not valid for '127.0.0.1'): check COFFEECHAT_IMAP_HOST\n")


def test_check_says_which_provider_profile_and_login_it_uses(mailbox, capsys):
    code, out, _ = run(mailbox, capsys, "check", provider="gmail")  # a host and port set by hand still win
    assert code == 0
    assert ("Provider: gmail (COFFEECHAT_PROVIDER); login: an app password (Google Account > Security > "
            "2-Step Verification > App passwords), or OAuth2.") in out.splitlines()
    assert out.startswith(f"Connected to 127.0.0.1:{mailbox.server.port} ")
