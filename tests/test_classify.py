"""Reading and classifying mail: raw RFC 5322 bytes in, a MailSummary and a MailEvent out.

Pure modules, pure tests: no IMAP, no database, no clock. Each table row is one message a
job seeker's mailbox really holds, and the kind of event coffeechat must make of it.
"""

from __future__ import annotations

import base64
from datetime import datetime, timedelta, timezone

import pytest
from corpus import ME, NOW, bounce, days_ago, mail

from daemon.mail import messages
from daemon.mail.classify import (
    AUTO_REPLY,
    BOUNCE,
    BULK,
    DELAY,
    FOLLOW_UP,
    OTHER,
    OUTREACH,
    REPLY,
    Known,
    MailEvent,
    classify,
)
from daemon.mail.messages import MAX_TEXT, MailSummary, parse
from daemon.mail.return_dates import return_date

MY_ADDRESSES = frozenset({"jordan@example.org", "j.rivera@example.net"})
ME_TOO = "Jordan Rivera <j.rivera@example.net>"

MARIA = "maria@progressive.example"
MARIA_ALIAS = "maria.lopez@gmail.example"
SAM = "sam@campaign.example"
ELENA = "elena@senate.example"
ALEX = "alex@oldcampaign.example"
LEE = "lee@union.example"
STRANGER = "Robin Diaz <robin@advocacy.example>"

NEUTRAL_BODY = "Hi,\n\nHope your week is going well.\n\nJordan"


def known() -> Known:
    """The contact log three weeks in: a fresh copy per message, since Known learns as it goes."""
    return Known(
        my_addresses=MY_ADDRESSES,
        phrases=(),
        keyword="coffeechat",
        contacts={MARIA: MARIA, MARIA_ALIAS: MARIA, SAM: SAM, ELENA: ELENA, ALEX: ALEX, LEE: LEE},
        threads={
            "<o-maria@example.org>": MARIA,
            "<o-sam@example.org>": SAM,
            "<r-sam@campaign.example>": SAM,
            "<o-elena@example.org>": ELENA,
        },
    )


def event_of(raw: bytes, folder_role: str = "inbox", keywords: tuple[str, ...] = (),
             log: Known | None = None) -> MailEvent:
    summary = parse(raw, folder_role=folder_role, internal_date=NOW, keywords=keywords)
    return classify(summary, log if log is not None else known())


def summary_of(raw: bytes, internal_date: datetime | None = NOW) -> MailSummary:
    return parse(raw, folder_role="inbox", internal_date=internal_date)


# --- outreach --------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "folder_role", "keywords", "kind", "contact", "my_address"), [
    pytest.param(mail(sender=ME, to=STRANGER, subject="Informational interview?", body=NEUTRAL_BODY),
                 "sent", (), OUTREACH, "robin@advocacy.example", "jordan@example.org",
                 id="phrase-in-subject"),
    pytest.param(mail(sender=ME, to=STRANGER, subject="Hello from a fellow organizer",
                      body="Would you be open to a short call next week?"),
                 "sent", (), OUTREACH, "robin@advocacy.example", "jordan@example.org", id="phrase-in-body"),
    pytest.param(mail(sender=ME, to=STRANGER, subject="Hello", body="Could I PICK YOUR BRAIN about campaigns?"),
                 "sent", (), OUTREACH, "robin@advocacy.example", "jordan@example.org", id="phrase-any-case"),
    pytest.param(mail(sender=ME, to=STRANGER, subject="Hello from a fellow organizer",
                      body="I would love to learn more\r\nabout your work at the coalition."),
                 "sent", (), OUTREACH, "robin@advocacy.example", "jordan@example.org",
                 id="phrase-split-across-line-break"),
    pytest.param(mail(sender=ME_TOO, to=STRANGER, subject="Hello", body="Sam suggested I reach out."),
                 "sent", (), OUTREACH, "robin@advocacy.example", "j.rivera@example.net",
                 id="from-my-second-address"),
    pytest.param(mail(sender=ME, to=f"{STRANGER}, {ME_TOO}", subject="Coffee?", body=NEUTRAL_BODY),
                 "sent", (), OUTREACH, "robin@advocacy.example", "jordan@example.org",
                 id="copy-to-myself-still-one-to-one"),
    pytest.param(mail(sender=ME, to=STRANGER, subject="Hello", body=NEUTRAL_BODY),
                 "sent", ("\\Seen", "CoffeeChat"), OUTREACH, "robin@advocacy.example", "jordan@example.org",
                 id="imap-keyword-without-phrases"),
    pytest.param(mail(sender=ME, to=f"Maria López <{MARIA_ALIAS}>", subject="Re: your panel",
                      body=NEUTRAL_BODY, in_reply_to="<panel-42@events.example>"),
                 "sent", (), OUTREACH, MARIA, "jordan@example.org", id="to-known-contact-uses-their-key"),
    pytest.param(mail(sender="Jordan <jordan@old-isp.example>", to=STRANGER, subject="Quick chat?",
                      body=NEUTRAL_BODY),
                 "sent", (), OUTREACH, "robin@advocacy.example", "", id="sent-folder-from-unlisted-address"),
    pytest.param(mail(sender=ME, to=f"{STRANGER}, Lee Park <lee@friends.example>", subject="Coffee this weekend",
                      body="Anyone up for coffee?"),
                 "sent", (), OTHER, None, "", id="group-mail"),
    pytest.param(mail(sender=ME, to=ME_TOO, subject="Coffee notes", body="Informational interview ideas"),
                 "sent", (), OTHER, None, "", id="note-to-myself"),
    pytest.param(mail(sender=ME, to=STRANGER, subject="Dinner Friday?", body="Are we still on for Friday?"),
                 "sent", (), OTHER, None, "", id="no-phrases-to-stranger"),
    pytest.param(mail(sender=ME, to=STRANGER, subject="Re: Coffee?", body="Would you be open to Tuesday?",
                      in_reply_to="<their-invite@advocacy.example>"),
                 "sent", (), OTHER, None, "", id="my-reply-to-stranger-in-reply-to"),
    pytest.param(mail(sender=ME, to=STRANGER, subject="Re: Coffee?", body=NEUTRAL_BODY,
                      references="<their-invite@advocacy.example>"),
                 "sent", (), OTHER, None, "", id="my-reply-to-stranger-references"),
])
def test_outreach_is_my_networking_note_to_one_person(raw: bytes, folder_role: str, keywords: tuple[str, ...],
                                                      kind: str, contact: str | None, my_address: str) -> None:
    event = event_of(raw, folder_role, keywords)
    assert (event.kind, event.contact, event.my_address) == (kind, contact, my_address)


def test_outreach_keyword_matches_whatever_its_case() -> None:
    log = Known(my_addresses=MY_ADDRESSES, phrases=(), keyword="CoffeeChat")
    event = event_of(mail(sender=ME, to=STRANGER, subject="Hello", body=NEUTRAL_BODY), "sent", ("CoffeeChat",), log)
    assert (event.kind, event.contact) == (OUTREACH, "robin@advocacy.example")


def test_outreach_carries_name_subject_and_thread() -> None:
    raw = mail(sender=ME, to="Robin Diaz <Robin@Advocacy.example>", subject="Informational interview?",
               message_id="<o-robin@example.org>", when=days_ago(2))
    event = event_of(raw, "sent")
    assert event == MailEvent(kind=OUTREACH, message_id="<o-robin@example.org>", date=days_ago(2),
                              contact="robin@advocacy.example", name="Robin Diaz",
                              subject="Informational interview?", thread=("<o-robin@example.org>",),
                              my_address="jordan@example.org",
                              why=('the subject asks for a conversation: "informational interview"',
                                   'the subject is about them or their field: "informational"',
                                   "a first message to this address"))


def test_mail_arriving_with_my_address_is_not_evidence_of_outreach() -> None:
    # A copy of my own message (Sent holds the original) or a forgery in my name: neither creates a contact.
    raw = mail(sender=ME, to=STRANGER, subject="Informational interview?")
    assert event_of(raw, "inbox").kind == OTHER


# --- follow-ups ------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "kind", "contact"), [
    pytest.param(mail(sender=ME, to=f"Maria López <{MARIA}>", subject="Re: Informational interview?",
                      body=NEUTRAL_BODY, in_reply_to="<o-maria@example.org>", references="<o-maria@example.org>"),
                 FOLLOW_UP, MARIA, id="in-reply-to-and-references"),
    pytest.param(mail(sender=ME, to=MARIA, subject="Re: Informational interview?", body=NEUTRAL_BODY,
                      in_reply_to="<o-maria@example.org>"),
                 FOLLOW_UP, MARIA, id="in-reply-to-only"),
    pytest.param(mail(sender=ME, to=MARIA, subject="Re: Informational interview?", body=NEUTRAL_BODY,
                      references="<o-maria@example.org>"),
                 FOLLOW_UP, MARIA, id="references-only"),
    pytest.param(mail(sender=ME, to=MARIA_ALIAS, subject="Re: Informational interview?", body=NEUTRAL_BODY,
                      in_reply_to="<o-maria@example.org>"),
                 FOLLOW_UP, MARIA, id="to-contacts-other-address"),
    pytest.param(mail(sender=ME, to=SAM, subject="Re: Quick chat", body=NEUTRAL_BODY,
                      in_reply_to="<r-sam@campaign.example>",
                      references="<o-sam@example.org> <r-sam@campaign.example>"),
                 FOLLOW_UP, SAM, id="answering-their-reply"),
    pytest.param(mail(sender=ME, to="Pat <pat@friends.example>", subject="Fwd: Informational interview?",
                      body=NEUTRAL_BODY, in_reply_to="<o-maria@example.org>"),
                 OTHER, None, id="thread-forwarded-to-a-friend"),
])
def test_follow_up_is_my_message_in_a_contacts_thread_to_that_contact(raw: bytes, kind: str,
                                                                       contact: str | None) -> None:
    event = event_of(raw, "sent")
    assert (event.kind, event.contact) == (kind, contact)


def test_follow_up_thread_is_references_then_own_id() -> None:
    raw = mail(sender=ME, to=MARIA, subject="Re: Informational interview?", message_id="<f-maria@example.org>",
               in_reply_to="<o-maria@example.org>", references="<o-maria@example.org>")
    event = event_of(raw, "sent")
    assert (event.kind, event.thread, event.my_address) == (
        FOLLOW_UP, ("<o-maria@example.org>", "<f-maria@example.org>"), "jordan@example.org")


# --- replies ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "kind", "contact"), [
    pytest.param(mail(sender=f"Maria López <{MARIA}>", to=ME, subject="Re: Informational interview?",
                      body="Happy to talk!", in_reply_to="<o-maria@example.org>"),
                 REPLY, MARIA, id="in-reply-to-my-outreach"),
    pytest.param(mail(sender=f"Sam Chen <{SAM}>", to=ME, subject="Re: Quick chat", body="Thursday works.",
                      references="<unknown-start@lists.example> <o-sam@example.org>"),
                 REPLY, SAM, id="references-only-newest-known"),
    pytest.param(mail(sender="Front Desk <desk@campaign.example>", to=ME, subject="Re: Quick chat",
                      body="Forwarding to the right person.",
                      references="<o-maria@example.org> <r-sam@campaign.example>"),
                 REPLY, SAM, id="newest-reference-decides"),
    pytest.param(mail(sender="Scheduling Office <scheduler@senate.example>", to=ME,
                      subject="RE: Informational interview?", body="The Senator would be glad to meet.",
                      in_reply_to="<o-elena@example.org>", references="<o-elena@example.org>"),
                 REPLY, ELENA, id="assistant-in-thread-counts-for-contact"),
    pytest.param(mail(sender=f"Maria <{MARIA_ALIAS}>", to=ME, subject="Coffee next week?", body="Free Tuesday?"),
                 REPLY, MARIA, id="contact-address-new-thread"),
    pytest.param(mail(sender="Sam Chen <SAM@Campaign.Example>", to=ME, subject="Saw this", body="Thought of you."),
                 REPLY, SAM, id="contact-address-any-case"),
    pytest.param(mail(sender=STRANGER, to=ME, subject="Hello", body="We met at the rally."),
                 OTHER, None, id="stranger-no-thread"),
    pytest.param(mail(sender=STRANGER, to=ME, subject="Re: Hello", body="Following up.",
                      in_reply_to="<mine-to-someone-else@example.org>"),
                 OTHER, None, id="stranger-unknown-thread"),
])
def test_reply_is_mail_in_a_contacts_thread_or_from_a_contact(raw: bytes, kind: str, contact: str | None) -> None:
    event = event_of(raw)
    assert (event.kind, event.contact) == (kind, contact)


def test_reply_in_same_batch_as_outreach_is_recognised_once_known_learns() -> None:
    log = Known(my_addresses=MY_ADDRESSES, phrases=(), keyword="coffeechat")
    outreach = event_of(mail(sender=ME, to=STRANGER, subject="Coffee?", message_id="<o-robin@example.org>"),
                        "sent", log=log)
    log.learn(outreach)
    reply = event_of(mail(sender="Assistant <assist@advocacy.example>", to=ME, subject="Re: Coffee?",
                          in_reply_to="<o-robin@example.org>"), log=log)
    assert (outreach.kind, reply.kind, reply.contact) == (OUTREACH, REPLY, "robin@advocacy.example")


def test_ignored_mail_teaches_known_nothing() -> None:
    log = known()
    before = (dict(log.contacts), dict(log.threads))
    log.learn(event_of(mail(sender=STRANGER, to=ME, subject="Hello", message_id="<s@advocacy.example>"), log=log))
    assert (log.contacts, log.threads) == before


# --- auto-replies ----------------------------------------------------------------------------

OOO_BODY = "I am out of the office at a convention and will be back on December 3. Thank you."


def _auto(subject: str = "Re: Informational interview?", headers: dict[str, str] | None = None,
          sender: str = f"Maria López <{MARIA}>", body: str = OOO_BODY,
          in_reply_to: str | None = "<o-maria@example.org>") -> bytes:
    return mail(sender=sender, to=ME, subject=subject, body=body, headers=headers, when=days_ago(1),
                in_reply_to=in_reply_to)


DECEMBER_3 = datetime(2026, 12, 3, tzinfo=timezone.utc)


@pytest.mark.parametrize(("raw", "kind", "contact", "resume_on"), [
    pytest.param(_auto(headers={"Auto-Submitted": "auto-replied"}), AUTO_REPLY, MARIA, DECEMBER_3,
                 id="auto-submitted-auto-replied"),
    pytest.param(_auto(headers={"Auto-Submitted": "auto-generated"}), AUTO_REPLY, MARIA, DECEMBER_3,
                 id="auto-submitted-auto-generated"),
    pytest.param(_auto(headers={"X-Autoreply": "yes"}), AUTO_REPLY, MARIA, DECEMBER_3, id="x-autoreply"),
    pytest.param(_auto(headers={"X-Autorespond": "Out of office"}), AUTO_REPLY, MARIA, DECEMBER_3,
                 id="x-autorespond"),
    pytest.param(_auto(headers={"Precedence": "auto_reply"}), AUTO_REPLY, MARIA, DECEMBER_3,
                 id="precedence-auto-reply"),
    pytest.param(_auto(subject="Automatic reply: Informational interview?"), AUTO_REPLY, MARIA, DECEMBER_3,
                 id="subject-automatic-reply"),
    pytest.param(_auto(subject="Out of Office: Informational interview?"), AUTO_REPLY, MARIA, DECEMBER_3,
                 id="subject-out-of-office"),
    pytest.param(_auto(subject="Automatic reply: Informational interview?", body="I am away from my desk."),
                 AUTO_REPLY, MARIA, None, id="no-return-date"),
    pytest.param(_auto(headers={"Auto-Submitted": "auto-replied"}, sender=f"Maria <{MARIA_ALIAS}>", body="Away."),
                 AUTO_REPLY, MARIA, None, id="from-contact-address-outside-thread"),
    pytest.param(_auto(headers={"Auto-Submitted": "no"}, body="Happy to talk, back on December 3."),
                 REPLY, MARIA, None, id="auto-submitted-no-is-a-person"),
    pytest.param(_auto(headers={"Auto-Submitted": "auto-replied"}, sender=STRANGER, in_reply_to=None),
                 OTHER, None, None, id="stranger-not-in-log"),
    pytest.param(_auto(subject="Out of Office: Hello", sender=STRANGER, in_reply_to="<unknown@example.org>"),
                 OTHER, None, None, id="stranger-unknown-thread"),
])
def test_out_of_office_is_not_a_reply(raw: bytes, kind: str, contact: str | None, resume_on: datetime | None) -> None:
    event = event_of(raw)
    assert (event.kind, event.contact, event.resume_on) == (kind, contact, resume_on)


# --- return dates ----------------------------------------------------------------------------

DEC_20 = datetime(2026, 12, 20, 15, 30, tzinfo=timezone.utc)


def _utc(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, tzinfo=timezone.utc)


@pytest.mark.parametrize(("text", "sent", "expected"), [
    ("I will be back on December 3.", NOW, _utc(2026, 12, 3)),
    ("I am returning 12/03/2026 and will answer then.", NOW, _utc(2026, 12, 3)),
    ("Returning 12/03/26.", NOW, _utc(2026, 12, 3)),
    ("I am out until Monday, December 1st.", NOW, _utc(2026, 12, 1)),
    ("I'll be back on 3 December.", NOW, _utc(2026, 12, 3)),
    ("Back on the 3rd of Dec.", NOW, _utc(2026, 12, 3)),
    ("Back 2026-12-03.", NOW, _utc(2026, 12, 3)),
    ("Away till Dec. 8, 2026 with no email.", NOW, _utc(2026, 12, 8)),
    ("Back November 24.", NOW, _utc(2026, 11, 24)),                    # today still counts
    ("I'll be back January 5.", DEC_20, _utc(2027, 1, 5)),             # written in December: next year
    ("I am away from my desk with limited access to email.", NOW, None),
    ("The convention runs all week.", NOW, None),
    ("Back 2027-03-24.", NOW, _utc(2027, 3, 24)),                       # 120 days: the last day allowed
    ("Back 2027-03-25.", NOW, None),                                     # 121 days
    ("I will be back on 2027-06-01.", NOW, None),
    ("I will be back on June 1.", NOW, None),                            # next June: too far
    ("I was back on 2026-11-01.", NOW, None),                            # in the past
    ("Returning 11/01/2026.", NOW, None),                                # in the past
])
def test_return_date_is_named_date_within_120_days(text: str, sent: datetime, expected: datetime | None) -> None:
    assert return_date(text, sent) == expected


@pytest.mark.parametrize("text", ["I will be back in January 2027.", "I am out until December 2026, with no email."])
def test_return_date_month_and_year_is_not_read_as_the_20th(text: str) -> None:
    assert return_date(text, NOW) in (None, _utc(2027, 1, 1), _utc(2026, 12, 1))


def test_return_date_cue_is_a_whole_word() -> None:
    text = "For feedback on the December 10 report, write to Sam. I will be back on December 3."
    assert return_date(text, NOW) == _utc(2026, 12, 3)


# --- bounces ---------------------------------------------------------------------------------


def _daemon_note(body: str, headers: dict[str, str] | None = None,
                 sender: str = "Mail Delivery System <MAILER-DAEMON@mx.example.org>") -> bytes:
    return mail(sender=sender, to=ME, subject="Mail delivery failed: returning message to sender",
                body=body, headers=headers, when=days_ago(9))


@pytest.mark.parametrize(("raw", "kind", "contact"), [
    pytest.param(bounce(failed=ALEX, original_subject="Coffee?", when=days_ago(9)), BOUNCE, ALEX,
                 id="dsn-failed-for-contact"),
    pytest.param(bounce(failed="Alex@OldCampaign.Example", original_subject="Coffee?", when=days_ago(9)),
                 BOUNCE, ALEX, id="dsn-address-any-case"),
    pytest.param(bounce(failed=ALEX, original_subject="Coffee?", when=days_ago(9), action="delayed"),
                 DELAY, ALEX, id="dsn-delayed"),
    pytest.param(bounce(failed="nobody@elsewhere.example", original_subject="Dinner?", when=days_ago(9)),
                 OTHER, None, id="dsn-for-address-not-in-log"),
    pytest.param(_daemon_note(f"This message was created automatically.\n\n  <{ALEX}>: host said: 550 no such user"),
                 BOUNCE, ALEX, id="mailer-daemon-text-names-contact"),
    pytest.param(_daemon_note(f"Delivery to {ALEX.upper()} failed.", sender="postmaster@mx.example.org"),
                 BOUNCE, ALEX, id="postmaster-text-names-contact"),
    pytest.param(_daemon_note("A message that you sent could not be delivered.\n\n  nobody@elsewhere.example"),
                 OTHER, None, id="mailer-daemon-text-names-stranger"),
    pytest.param(_daemon_note("A message that you sent could not be delivered.",
                              headers={"X-Failed-Recipients": ALEX}),
                 BOUNCE, ALEX, id="exim-x-failed-recipients"),
    pytest.param(_daemon_note("A message that you sent could not be delivered.",
                              headers={"X-Failed-Recipients": "nobody@elsewhere.example"}),
                 OTHER, None, id="exim-x-failed-recipients-stranger"),
])
def test_bounce_is_a_delivery_failure_for_a_contacts_address(raw: bytes, kind: str, contact: str | None) -> None:
    event = event_of(raw)
    assert (event.kind, event.contact) == (kind, contact)


def test_dsn_failed_recipient_is_read_from_the_report() -> None:
    summary = summary_of(bounce(failed="Alex@OldCampaign.Example", original_subject="Coffee?", when=NOW))
    assert summary.failed_recipients == (ALEX,)


def test_bounce_text_naming_a_longer_address_is_not_a_contacts_bounce() -> None:
    raw = _daemon_note("A message that you sent could not be delivered.\n\n  ashlee@union.example: user unknown")
    event = event_of(raw)
    assert (event.kind, event.contact) == (OTHER, None)


# --- bulk ------------------------------------------------------------------------------------


@pytest.mark.parametrize("headers", [
    pytest.param({"List-Id": "Organizers <organizers.lists.example>"}, id="list-id"),
    pytest.param({"Precedence": "bulk"}, id="precedence-bulk"),
    pytest.param({"Precedence": "List"}, id="precedence-list"),
    pytest.param({"Precedence": "junk"}, id="precedence-junk"),
])
def test_list_and_bulk_mail_is_bulk(headers: dict[str, str]) -> None:
    raw = mail(sender="Progressive News <news@progressive.example>", to=ME, subject="This week: coffee & canvass",
               body="Would you be open to volunteering?", headers=headers)
    event = event_of(raw)
    assert (event.kind, event.contact) == (BULK, None)


def test_list_unsubscribe_alone_is_not_bulk() -> None:
    raw = mail(sender=STRANGER, to=ME, subject="Hello", headers={"List-Unsubscribe": "<mailto:u@x.example>"})
    assert event_of(raw).kind == OTHER


# --- parsing hostile and unusual mail --------------------------------------------------------


@pytest.mark.parametrize("raw", [
    pytest.param(b"From: =?utf-8?q?Zo=C3=AB_=C3=85ngstr=C3=B6m?= <zoe@coop.example>\r\n"
                 b"To: jordan@example.org\r\nSubject: =?utf-8?q?Caf=C3=A9_chat=3F?=\r\n\r\nHi", id="rfc2047"),
    pytest.param(b"From: =?ISO-8859-1?B?Wm/rIMVuZ3N0cvZt?= <zoe@coop.example>\r\n"
                 b"To: jordan@example.org\r\nSubject: =?iso-8859-1?q?Caf=E9?= chat?\r\n\r\nHi", id="rfc2047-latin1"),
    pytest.param("From: Zoë Ångström <zoe@coop.example>\r\nTo: jordan@example.org\r\n"
                 "Subject: Café chat?\r\n\r\nHi".encode(), id="raw-utf8-headers"),
])
def test_encoded_and_8bit_headers_decode(raw: bytes) -> None:
    summary = summary_of(raw)
    assert (summary.subject, summary.sender) == ("Café chat?", messages.Address("Zoë Ångström", "zoe@coop.example"))


def test_encoded_word_in_unknown_charset_is_kept_as_it_came() -> None:
    raw = b"From: =?x-unknown?q?abc?= <a@x.example>\r\nTo: jordan@example.org\r\nSubject: =?x-unknown?q?abc?=\r\n\r\n"
    summary = summary_of(raw)
    assert (summary.subject, summary.sender.email) == ("=?x-unknown?q?abc?=", "a@x.example")


def test_encoded_display_name_cannot_change_the_senders_address() -> None:
    raw = (b"From: =?utf-8?q?maria=40progressive.example?= <attacker@evil.example>\r\n"
           b"To: jordan@example.org\r\nSubject: Re: Informational interview?\r\n\r\nHi")
    summary = summary_of(raw)
    assert (summary.sender.email, classify(summary, known()).kind) == ("attacker@evil.example", OTHER)


def test_encoded_comma_in_display_name_keeps_whole_name() -> None:
    raw = b"From: =?utf-8?q?Doe=2C_Jane?= <jane@x.example>\r\nTo: jordan@example.org\r\nSubject: Hi\r\n\r\n"
    assert summary_of(raw).sender == messages.Address("Doe, Jane", "jane@x.example")


def test_missing_message_id_gets_a_stable_synthetic_id() -> None:
    first = mail(sender=STRANGER, to=ME, subject="Hello", message_id=None)
    other = mail(sender=STRANGER, to=ME, subject="Hello again", message_id=None)
    ids = [summary_of(raw).message_id for raw in (first, first, other)]
    assert ids[0] == ids[1] != ids[2]
    assert ids[0].startswith("<") and ids[0].endswith("@no-message-id.coffeechat.invalid>")


def test_message_id_without_a_well_formed_token_gets_a_synthetic_id() -> None:
    raw = mail(sender=STRANGER, to=ME, subject="Hello", message_id="not an id at all")
    assert summary_of(raw).message_id.endswith("@no-message-id.coffeechat.invalid>")


_UTC_MINUS_5 = timezone(timedelta(hours=-5))


@pytest.mark.parametrize(("date_header", "internal_date", "expected"), [
    pytest.param("Tue, 24 Nov 2026 04:00:00 -0500", None, datetime(2026, 11, 24, 9, tzinfo=timezone.utc),
                 id="converted-to-utc"),
    pytest.param(None, datetime(2026, 11, 20, 10, tzinfo=_UTC_MINUS_5), datetime(2026, 11, 20, 15, tzinfo=timezone.utc),
                 id="missing-uses-internal-date"),
    pytest.param(None, datetime(2026, 11, 20, 10), datetime(2026, 11, 20, 10, tzinfo=timezone.utc),
                 id="naive-internal-date-is-utc"),
    pytest.param("sometime last week", NOW, NOW, id="garbage-uses-internal-date"),
    pytest.param("Tue, 24 Nov 2026 09:00:00 +9999", NOW, NOW, id="impossible-offset-uses-internal-date"),
    pytest.param("Tue, 31 Feb 2026 09:00:00 +0000", NOW, NOW, id="impossible-day-uses-internal-date"),
    pytest.param("garbage", None, datetime(1970, 1, 1, tzinfo=timezone.utc), id="nothing-at-all-epoch"),
])
def test_date_is_utc_and_falls_back_to_internal_date(date_header: str | None, internal_date: datetime | None,
                                                     expected: datetime) -> None:
    lines = ["From: a@x.example", "To: jordan@example.org", "Subject: Hi", "Message-ID: <d@x.example>"]
    if date_header is not None:
        lines.append(f"Date: {date_header}")
    summary = summary_of(("\r\n".join(lines) + "\r\n\r\nHi").encode(), internal_date=internal_date)
    assert summary.date == expected


@pytest.mark.parametrize("raw", [
    pytest.param(b"From: a@x.example\r\nTo: jordan@example.org\r\n"
                 b"Subject: =?utf-8?q?Hello=0D=0ABcc:_evil@x.example?=\r\n\r\n", id="crlf"),
    pytest.param(b"From: a@x.example\r\nTo: jordan@example.org\r\n"
                 b"Subject: =?utf-8?q?Hello=0ABcc:_evil@x.example=00?=\r\n\r\n", id="lf-and-nul"),
    pytest.param(b"From: a@x.example\r\nTo: jordan@example.org\r\n"
                 b"Subject: =?utf-8?q?Hello=E2=80=A8Bcc:_evil@x.example?=\r\n\r\n", id="unicode-line-separator"),
])
def test_line_breaks_hidden_in_encoded_subject_are_removed(raw: bytes) -> None:
    summary = summary_of(raw)
    assert summary.subject == "Hello Bcc: evil@x.example"


@pytest.mark.parametrize(("from_header", "name"), [
    pytest.param(b"=?utf-8?q?Robin=0D=0ABcc=3A_evil?= <robin@advocacy.example>", "Robin Bcc: evil", id="crlf"),
    pytest.param(b"=?utf-8?b?Um9iaW4NCkJjYzogZXZpbA==?= <robin@advocacy.example>", "Robin Bcc: evil", id="base64"),
    # A bare colon is not allowed in an encoded word in a phrase; the name may come out mangled, but clean.
    pytest.param(b"=?utf-8?q?Robin=0D=0ABcc:_evil?= <robin@advocacy.example>", None, id="illegal-colon"),
])
def test_line_breaks_hidden_in_encoded_name_are_removed(from_header: bytes, name: str | None) -> None:
    raw = b"From: " + from_header + b"\r\nTo: jordan@example.org\r\nSubject: Hi\r\n\r\n"
    sender = summary_of(raw).sender
    assert sender.email == "robin@advocacy.example"
    assert not set(sender.name) & {"\r", "\n", "\x00"}
    if name is not None:
        assert sender.name == name


def test_huge_subject_is_capped_to_max_text() -> None:
    raw = b"From: a@x.example\r\nTo: jordan@example.org\r\nSubject: " + b"coffee " * 30_000 + b"\r\n\r\nHi"
    assert len(summary_of(raw).subject) == MAX_TEXT


def test_huge_display_name_is_capped_to_max_text() -> None:
    raw = b"From: " + b"Robin " * 35_000 + b"<robin@advocacy.example>\r\nTo: jordan@example.org\r\nSubject: Hi\r\n\r\n"
    sender = summary_of(raw).sender
    assert (len(sender.name), sender.email) == (MAX_TEXT, "robin@advocacy.example")


@pytest.mark.parametrize(("header", "value", "expected"), [
    pytest.param("In-Reply-To", "junk <a@b.example> (comment) <bad id> <c@d.example> <a@b.example> <x",
                 ("<a@b.example>", "<c@d.example>"), id="in-reply-to"),
    pytest.param("References", "<a@b.example>\r\n\t<c@d.example> <<e@f.example>> <g@h.example\r\n <\x7f@x>",
                 ("<a@b.example>", "<c@d.example>", "<e@f.example>"), id="references-folded"),
])
def test_message_id_headers_keep_only_well_formed_tokens(header: str, value: str, expected: tuple[str, ...]) -> None:
    raw = f"From: a@x.example\r\nTo: jordan@example.org\r\nSubject: Hi\r\n{header}: {value}\r\n\r\n".encode()
    summary = summary_of(raw)
    assert (summary.in_reply_to if header == "In-Reply-To" else summary.references) == expected


def test_own_message_id_is_first_well_formed_token() -> None:
    raw = mail(sender=STRANGER, to=ME, subject="Hi", message_id="  garbage <real@x.example> <second@x.example>")
    assert summary_of(raw).message_id == "<real@x.example>"


def test_long_references_keep_the_newest() -> None:
    ids = [f"<r{n}@x.example>" for n in range(80)]
    summary = summary_of(mail(sender=STRANGER, to=ME, subject="Hi", references=" ".join(ids)))
    assert summary.references == tuple(ids[-messages.MAX_IDS:])


def _multipart(*parts: tuple[str, str, bytes]) -> bytes:
    """A multipart/alternative message from (content type, transfer encoding, payload) parts."""
    lines = [b"From: Robin Diaz <robin@advocacy.example>", b"To: jordan@example.org", b"Subject: Hello",
             b"MIME-Version: 1.0", b'Content-Type: multipart/alternative; boundary="b1"', b""]
    for content_type, encoding, payload in parts:
        lines += [b"--b1", f"Content-Type: {content_type}".encode(),
                  f"Content-Transfer-Encoding: {encoding}".encode(), b"", payload]
    lines += [b"--b1--", b""]
    return b"\r\n".join(lines)


def _words(text: str) -> str:
    return " ".join(text.split())


def test_html_only_body_is_tag_stripped() -> None:
    raw = _multipart(("text/html; charset=utf-8", "8bit",
                      b"<html><body><p>Would you be open to a <b>quick chat</b>?</p></body></html>"))
    body = summary_of(raw).body
    assert "<" not in body and "quick chat" in _words(body) and _words(body).startswith("Would you be open to")


def test_plain_part_is_preferred_to_html() -> None:
    raw = _multipart(("text/plain; charset=utf-8", "8bit", b"Plain words"),
                     ("text/html; charset=utf-8", "8bit", b"<p>HTML words</p>"))
    assert _words(summary_of(raw).body) == "Plain words"


def test_base64_plain_body_is_decoded() -> None:
    payload = base64.encodebytes("Would you be open to a café chat?".encode())
    raw = _multipart(("text/plain; charset=utf-8", "base64", payload))
    assert _words(summary_of(raw).body) == "Would you be open to a café chat?"


def test_quoted_printable_latin1_body_is_decoded() -> None:
    raw = _multipart(("text/plain; charset=iso-8859-1", "quoted-printable", b"Caf=E9 chat?"))
    assert _words(summary_of(raw).body) == "Café chat?"


@pytest.mark.parametrize("content_type", ["text/plain; charset=x-bogus", 'text/plain; charset="utf-8\\"; x=y"'])
def test_body_in_bogus_charset_does_not_raise(content_type: str) -> None:
    raw = _multipart((content_type, "8bit", "Would you be open to a café chat?".encode()))
    assert "Would you be open to a caf" in summary_of(raw).body


def test_html_only_outreach_reads_as_networking() -> None:
    raw = _multipart(("text/html; charset=utf-8", "8bit", b"<p>Could I <i>pick your brain</i>?</p>"))
    raw = raw.replace(b"From: Robin Diaz <robin@advocacy.example>\r\nTo: jordan@example.org",
                      b"From: jordan@example.org\r\nTo: Robin Diaz <robin@advocacy.example>")
    event = event_of(raw, "sent")
    assert (event.kind, event.contact) == (OUTREACH, "robin@advocacy.example")


@pytest.mark.parametrize("raw", [
    pytest.param(b"", id="empty"),
    pytest.param(b"\x00\xff\xfe garbage without headers", id="binary"),
    pytest.param(b"From: \r\nTo: ,,,@@@ <>\r\nSubject:\r\nContent-Type: multipart/report\r\n\r\n--x", id="hollow"),
    pytest.param(b"From: a@x.example\r\nContent-Type: multipart/mixed; boundary=\"z\"\r\n\r\n--z\r\n"
                 b"Content-Type: message/delivery-status\r\n\r\nAction: failed\r\n", id="truncated-dsn"),
])
def test_malformed_message_is_other_not_an_error(raw: bytes) -> None:
    summary = summary_of(raw)
    assert summary.message_id.endswith("@no-message-id.coffeechat.invalid>")
    assert classify(summary, known()).kind == OTHER


def test_a_reply_all_from_the_person_i_copied_is_not_the_contacts_answer() -> None:
    log = Known(my_addresses=MY_ADDRESSES, phrases=(), keyword="coffeechat")
    outreach = event_of(mail(sender=ME, to=STRANGER, cc="Mei Chen <mei@coalition.example>",
                             subject="Mei Chen suggested I get in touch", message_id="<o-robin@example.org>",
                             body="Hi Robin, Mei suggested I reach out. Would you have 20 minutes for a call?"),
                        "sent", log=log)
    log.learn(outreach)
    assert (outreach.kind, outreach.introducers) == (OUTREACH, ("mei@coalition.example",))
    introducer = event_of(mail(sender="Mei Chen <mei@coalition.example>", to=f"{ME}, {STRANGER}",
                               subject="Re: Mei Chen suggested I get in touch", body="So glad you two are connecting!",
                               in_reply_to="<o-robin@example.org>"), log=log)
    assistant = event_of(mail(sender="Office of Robin Diaz <scheduling@advocacy.example>", to=ME,
                              subject="Re: Mei Chen suggested I get in touch", body="Robin would be glad to talk.",
                              in_reply_to="<o-robin@example.org>"), log=log)
    robin = event_of(mail(sender=STRANGER, to=ME, cc="mei@coalition.example", subject="Re: hello",
                          body="Yes, happy to!", in_reply_to="<o-robin@example.org>"), log=log)
    assert (introducer.kind, introducer.contact) == (OTHER, None)
    assert (assistant.kind, assistant.contact) == (REPLY, "robin@advocacy.example")
    assert (robin.kind, robin.contact) == (REPLY, "robin@advocacy.example")


LIST = {"List-Id": "<weekly.lists.example>", "Precedence": "bulk"}
LET_GO = [
    # (what, raw message, let go of at once in a first sync?)
    ("a newsletter", mail(sender="Weekly <news@weekly.example>", to=ME, subject="This week", headers=LIST), True),
    ("a contact's list post", mail(sender=f"Maria <{MARIA}>", to=ME, subject="Re: panel", headers=LIST), True),
    ("an out-of-office through a list",
     mail(sender=f"Maria <{MARIA}>", to=ME, subject="Automatic reply: panel",
          headers={**LIST, "Auto-Submitted": "auto-replied"}), False),
    ("a bounce through a list", mail(sender="MAILER-DAEMON@mx.example", to=ME, subject="Undeliverable",
                                     headers=LIST), False),
    ("ordinary mail", mail(sender=f"Maria <{MARIA}>", to=ME, subject="Coffee?"), False),
]


@pytest.mark.parametrize("what, raw, let_go", LET_GO, ids=[row[0] for row in LET_GO])
def test_only_list_mail_the_log_cannot_change_is_let_go_of_early(what, raw, let_go):
    from daemon.mail.classify import bulk_whatever_the_log_says

    summary = parse(raw, folder_role="inbox")
    assert bulk_whatever_the_log_says(summary) is let_go
    if let_go:  # whatever the log knows, classify says bulk: the early decision is the one it would make
        knows_maria = Known(MY_ADDRESSES, (), contacts={MARIA: MARIA}, threads={})
        assert classify(summary, knows_maria).kind == BULK
        assert classify(summary, Known(MY_ADDRESSES, ())).kind == BULK
    assert not bulk_whatever_the_log_says(parse(raw, folder_role="sent"))
