"""Sequences a careful reviewer found: each once broke an invariant on a real mailbox."""

from __future__ import annotations

import email
import email.policy
from datetime import timedelta

from corpus import ME, NOW, days_ago, mail

from daemon.contact_log.store import Store
from daemon.service import run_cycle


def sync(mailbox, now=NOW, **overrides):
    store = Store(str(mailbox.database))
    try:
        return run_cycle(mailbox.settings(**overrides), store, now)
    finally:
        store.close()


def log_of(mailbox) -> dict[str, tuple[str, int]]:
    store = Store(str(mailbox.database))
    try:
        return {store.primary_address(c): (c.status, c.attempts) for c in store.contacts()}
    finally:
        store.close()


def draft_states(mailbox) -> list[tuple[int, int, str]]:
    store = Store(str(mailbox.database))
    try:
        return [(d.round, d.attempt, d.state) for d in store.drafts()]
    finally:
        store.close()


def outreach(to: str, days: float, message_id: str, subject: str = "Informational interview?") -> bytes:
    return mail(sender=ME, to=to, subject=subject, when=days_ago(days), message_id=message_id,
                body="Would you be open to a 20 minute chat?")


def crash_after_recording_a_follow_up_to_ana(mailbox) -> None:
    """Ana's outreach is tracked, her follow-up recorded, and the process dies before APPEND."""
    mailbox.append("Sent", outreach("ana@org.example", 10, "<o-ana@example.org>"))
    sync(mailbox, now=days_ago(9))
    store = Store(str(mailbox.database))
    store.intend_draft(store.contacts()[0], "follow_up", 2, "<crash@example.org>", NOW)
    store.close()


def test_double_encoded_subject_and_name_stay_literal_in_the_draft(mailbox):
    # After one decoding these still read "=?utf-8?q?=0D=0A...?=": the email package must not decode them again.
    subject = "=?utf-8?q?Coffee=3F_=3D=3Futf-8=3Fq=3F=3D0D=3D0ABcc=3A=5Fz=40evil.example=3F=3D?="
    name = "=?utf-8?q?=3D=3Futf-8=3Fq=3FEve=3D0D=3D0AReply-To=3A=5Fx=40evil.example=3F=3D?="
    mailbox.append("Sent", mail(sender=ME, to=f"{name} <eve@org.example>", subject=subject, when=days_ago(10),
                                message_id="<o-eve@example.org>",
                                body="Would you be open to a quick chat about your career path?"))
    report = sync(mailbox)
    assert len(report.drafts) == 1
    [raw] = mailbox.messages("Drafts")
    head = raw.split(b"\r\n\r\n", 1)[0].decode()
    names = [line.split(":")[0].lower() for line in head.split("\r\n") if line[:1] not in " \t"]
    assert "bcc" not in names and "reply-to" not in names
    draft = email.message_from_bytes(raw, policy=email.policy.default)
    assert "\n" not in str(draft["Subject"]) and "\r" not in str(draft["To"])
    assert draft["To"].addresses[0].addr_spec == "eve@org.example"


def test_forged_mail_in_my_name_creates_no_contact(mailbox):
    mailbox.append("INBOX", mail(sender=ME, to="victim@org.example", subject="Informational interview?",
                                 when=days_ago(10), body="Would you be open to a 20 minute chat?"))
    report = sync(mailbox)
    assert (report.events, report.drafts, log_of(mailbox)) == ([], [], {})


def test_a_date_in_the_year_9999_does_not_stop_other_drafts(mailbox):
    mailbox.append("Sent", mail(sender=ME, to="odd@org.example", subject="Coffee?",
                                body="Coffee sometime? I would love your advice.",
                                message_id="<o-odd@example.org>").replace(
        b"Date: Tue, 24 Nov 2026", b"Date: Fri, 31 Dec 9999").replace(b"Date: ", b"Date: "), when=days_ago(10))
    mailbox.append("Sent", outreach("ana@org.example", 10, "<o-ana@example.org>"), when=days_ago(10))
    report = sync(mailbox)
    assert sorted(d.contact for d in report.drafts) == ["ana@org.example", "odd@org.example"]


def test_an_unusable_address_skips_that_contact_only(mailbox):
    mailbox.append("Sent", outreach("😀=?utf-8?q?+-@[.", 10, "<o-bad@example.org>"), when=days_ago(10))
    mailbox.append("Sent", outreach("ana@org.example", 10, "<o-ana@example.org>"), when=days_ago(10))
    report = sync(mailbox)
    assert [d.contact for d in report.drafts] == ["ana@org.example"]


def test_a_reply_whose_clock_runs_behind_still_counts(mailbox):
    mailbox.append("Sent", outreach("ana@org.example", 10, "<o-ana@example.org>"))
    mailbox.append("INBOX", mail(sender="ana@org.example", to=ME, subject="Re: Informational interview?",
                                 when=days_ago(10) - timedelta(minutes=3), in_reply_to="<o-ana@example.org>"))
    report = sync(mailbox)
    assert report.drafts == [] and log_of(mailbox) == {"ana@org.example": ("replied", 1)}


def test_a_draft_recorded_before_a_crash_is_not_placed_after_a_reply(mailbox):
    crash_after_recording_a_follow_up_to_ana(mailbox)
    mailbox.append("INBOX", mail(sender="ana@org.example", to=ME, subject="Re: Informational interview?",
                                 when=days_ago(1), in_reply_to="<o-ana@example.org>"))
    sync(mailbox)
    assert mailbox.messages("Drafts") == []
    assert draft_states(mailbox) == [(1, 2, "cancelled")]


def test_a_fresh_outreach_after_no_response_gets_its_own_follow_up(mailbox):
    mailbox.append("Sent", outreach("ana@org.example", 60, "<o-1@example.org>"), when=days_ago(60))
    sync(mailbox, now=days_ago(50))  # follow-up drafted (round 1, attempt 2), never sent
    sync(mailbox, now=days_ago(30))  # gone quiet: no_response
    assert log_of(mailbox) == {"ana@org.example": ("no_response", 1)}
    mailbox.append("Sent", outreach("ana@org.example", 10, "<o-2@example.org>", subject="New role, new question"),
                   when=days_ago(10))
    report = sync(mailbox)
    assert [(d.contact, d.attempt, d.subject) for d in report.drafts] == [
        ("ana@org.example", 2, "Re: New role, new question")]
    assert draft_states(mailbox) == [(1, 2, "cancelled"), (2, 2, "placed")]


def test_old_sent_mail_seen_again_after_a_reset_is_no_extra_attempt(mailbox):
    old = mail(sender=ME, to="maria@org.example", subject="Thanks for the panel", body="Great panel!",
               when=days_ago(100), message_id="<old@example.org>")
    messages = [(old, days_ago(100)), (outreach("maria@org.example", 3, "<o-maria@example.org>"), days_ago(3))]
    for raw, when in messages:
        mailbox.append("Sent", raw, when=when)
    sync(mailbox)
    with mailbox.client() as client:  # the server resets the folder: a new UIDVALIDITY
        client.delete_folder("Sent")
        client.create_folder("Sent")
        for raw, when in messages:
            client.append("Sent", raw, msg_time=when)
    sync(mailbox)
    assert log_of(mailbox) == {"maria@org.example": ("awaiting_reply", 1)}


def test_a_what_if_run_in_the_future_does_not_skip_real_mail(mailbox):
    mailbox.append("Sent", outreach("ana@org.example", 10, "<o-ana@example.org>"), when=days_ago(10))
    sync(mailbox, now=NOW + timedelta(days=400), backfill_days="30")
    sync(mailbox, backfill_days="30")
    assert "ana@org.example" in log_of(mailbox)


def test_double_encoded_name_with_spaces_stays_literal(mailbox):
    name = "=?utf-8?q?=3D=3Futf-8=3Fq=3Fa_b=3D0D=3D0ABcc=3A=5Fattacker=40evil.example=3F=3D?="
    mailbox.append("Sent", mail(sender=ME, to=f"{name} <eve@org.example>", subject="Coffee?", when=days_ago(10),
                                message_id="<o-eve@example.org>",
                                body="Would you be open to a quick chat about your career path?"))
    assert len(sync(mailbox).drafts) == 1
    [raw] = mailbox.messages("Drafts")
    draft = email.message_from_bytes(raw, policy=email.policy.default)
    assert draft["Bcc"] is None and [a.addr_spec for a in draft["To"].addresses] == ["eve@org.example"]


def test_a_bounce_stamped_before_its_outreach_still_bounces_it(mailbox):
    from corpus import bounce

    mailbox.append("Sent", outreach("gone@org.example", 10, "<o-gone@example.org>"))
    mailbox.append("INBOX", bounce(failed="gone@org.example", original_subject="Informational interview?",
                                   when=days_ago(10) - timedelta(minutes=2)))
    report = sync(mailbox)
    assert sorted(e.kind for e in report.events) == ["bounce", "outreach"] and report.drafts == []
    assert log_of(mailbox) == {"gone@org.example": ("bounced", 1)}


def test_a_draft_recorded_before_a_crash_waits_for_an_out_of_office(mailbox):
    crash_after_recording_a_follow_up_to_ana(mailbox)
    mailbox.append("INBOX", mail(sender="ana@org.example", to=ME, subject="Automatic reply: Informational interview?",
                                 body="I am away and will be back on December 20.", when=days_ago(1),
                                 in_reply_to="<o-ana@example.org>", headers={"Auto-Submitted": "auto-replied"}))
    sync(mailbox)
    assert mailbox.messages("Drafts") == []
    assert draft_states(mailbox) == [(1, 2, "intended")]
    sync(mailbox, now=NOW + timedelta(days=27))  # December 21: Ana is back, the draft is due again
    assert len(mailbox.messages("Drafts")) == 1 and draft_states(mailbox) == [(1, 2, "placed")]


def test_a_bounce_stamped_before_a_fresh_round_still_bounces_it(mailbox):
    from corpus import bounce

    mailbox.append("Sent", outreach("ana@org.example", 60, "<o-1@example.org>"), when=days_ago(60))
    sync(mailbox, now=days_ago(59))
    sync(mailbox, now=days_ago(30))
    mailbox.append("Sent", outreach("ana@org.example", 10, "<o-2@example.org>", subject="New role"), when=days_ago(10))
    mailbox.append("INBOX", bounce(failed="ana@org.example", original_subject="New role",
                                   when=days_ago(10) - timedelta(seconds=20)))
    sync(mailbox, now=days_ago(9.9))
    assert log_of(mailbox) == {"ana@org.example": ("bounced", 1)}
    assert sync(mailbox, now=days_ago(2)).drafts == []


def test_a_bounce_stamped_before_my_own_follow_up_still_bounces_it(mailbox):
    from corpus import bounce

    mailbox.append("Sent", outreach("ana@org.example", 20, "<o-ana@example.org>"))
    sync(mailbox, now=days_ago(19), max_attempts="3")
    mailbox.append("Sent", mail(sender=ME, to="ana@org.example", subject="Re: Informational interview?",
                                when=days_ago(10), message_id="<f-ana@example.org>", in_reply_to="<o-ana@example.org>",
                                body="Just following up"))
    mailbox.append("INBOX", bounce(failed="ana@org.example", original_subject="Re: Informational interview?",
                                   when=days_ago(10) - timedelta(seconds=30)))
    sync(mailbox, now=days_ago(9.9), max_attempts="3")
    assert log_of(mailbox) == {"ana@org.example": ("bounced", 2)}
    assert sync(mailbox, now=days_ago(2), max_attempts="3").drafts == []


def test_a_reply_by_address_stamped_before_the_outreach_still_counts(mailbox):
    mailbox.append("Sent", outreach("ana@org.example", 10, "<o-ana@example.org>"))
    mailbox.append("INBOX", mail(sender="ana@org.example", to=ME, subject="Happy to chat", body="Yes!",
                                 when=days_ago(10) - timedelta(minutes=2)))
    report = sync(mailbox)
    assert report.drafts == [] and log_of(mailbox) == {"ana@org.example": ("replied", 1)}


def test_mail_from_someone_days_before_i_wrote_to_them_is_no_reply(mailbox):
    mailbox.append("INBOX", mail(sender="ana@org.example", to=ME, subject="Panel recap", body="Nice to meet you",
                                 when=days_ago(15)))
    mailbox.append("Sent", outreach("ana@org.example", 10, "<o-ana@example.org>"))
    report = sync(mailbox)
    assert log_of(mailbox) == {"ana@org.example": ("awaiting_reply", 1)} and len(report.drafts) == 1
