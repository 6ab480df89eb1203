"""The conversation against a real Dovecot: meetings logged by hand, notes, the thank-you, the ask, the prep note."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy

from corpus import ME, mail

NY = "America/New_York"
NOW = datetime(2026, 11, 24, 21, 0, tzinfo=timezone.utc)  # 16:00 in New York


def seed_henry(mailbox) -> None:
    """Henry answered Jordan's outreach; they are to talk."""
    mailbox.append("Sent", mail(sender=ME, to="Henry Okafor <henry@union.example>", subject="Coffee chat?",
                                when=NOW - timedelta(days=10), message_id="<o-henry@example.org>",
                                body="Hi Henry,\nWould you have 20 minutes for a call? I'd love to hear how you got "
                                     "started.\nJordan"))
    mailbox.append("INBOX", mail(sender="Henry Okafor <henry@union.example>", to=ME, subject="Re: Coffee chat?",
                                 when=NOW - timedelta(days=8), body="Sure, Monday at 10?",
                                 in_reply_to="<o-henry@example.org>", references="<o-henry@example.org>"))
    mailbox.sync(NOW - timedelta(days=7), timezone=NY)


def drafts_of(mailbox, folder: str = "Drafts") -> list:
    return [message_from_bytes(raw, policy=policy.default) for raw in mailbox.messages(folder)]


def status(mailbox, capsys) -> str:
    [row] = json.loads(mailbox.run(capsys, "contacts", "export", timezone=NY)[1])
    return row["status"]


def test_met_and_notes_make_one_thank_you_that_quotes_the_promises_and_the_ask(mailbox, capsys):
    seed_henry(mailbox)
    code, out, err = mailbox.run(capsys, "met", "Henry", "--at", "2026-11-24 10:00", "--minutes", "30", timezone=NY)
    assert (code, err) == (0, "")
    assert out.startswith("Met Henry Okafor <henry@union.example> on Tue Nov 24, 10:00–10:30 (America/New_York).")
    code, out, _ = mailbox.run(capsys, "note", "henry@union.example",
                               "--to-follow-up", "send me the organizer training syllabus",
                               "--to-do", "read the Local 221 contract summary",
                               "--to-think-about", "how union staff roles differ from campaign roles",
                               "--ask", "introductions", timezone=NY)
    assert out.splitlines() == ["[1] to follow up: send me the organizer training syllabus",
                                "[2] to do: read the Local 221 contract summary",
                                "[3] to think about: how union staff roles differ from campaign roles",
                                "[4] ask: introductions"]
    for _ in range(3):
        mailbox.sync(NOW, timezone=NY)
    [draft] = drafts_of(mailbox)
    body = draft.get_content()
    assert draft["Subject"] == "Re: Coffee chat?" and draft["In-Reply-To"]
    assert body.startswith("Hi Henry,")
    assert "what you said about how union staff roles differ from campaign roles" in body
    assert "I'd be grateful for an introduction to anyone you think I should talk to." in body
    assert "Thank you also for offering to send me the organizer training syllabus." in body
    assert "As promised, I'll read the Local 221 contract summary." in body
    assert "LinkedIn" in body and len(body.split()) < 150
    assert status(mailbox, capsys) == "met"
    # The user sends it (or their own): connected, and no second thank-you ever.
    mailbox.append("Sent", mail(sender=ME, to="henry@union.example", subject="Re: Coffee chat?",
                                when=NOW + timedelta(hours=1), body="Thank you so much!",
                                in_reply_to="<o-henry@example.org>"))
    mailbox.sync(NOW + timedelta(hours=2), timezone=NY)
    assert status(mailbox, capsys) == "connected"
    assert len(mailbox.messages("Drafts")) == 1


def test_the_users_own_thank_you_closes_it_and_no_draft_is_made(mailbox, capsys):
    seed_henry(mailbox)
    mailbox.run(capsys, "met", "Henry", "--at", "2026-11-24 14:00", timezone=NY)  # ended 14:30, an hour ago
    mailbox.append("Sent", mail(sender=ME, to="henry@union.example", subject="Thank you!", body="Thanks Henry!",
                                when=NOW - timedelta(minutes=20)))
    mailbox.sync(NOW + timedelta(hours=3), timezone=NY)
    assert mailbox.messages("Drafts") == []
    assert status(mailbox, capsys) == "connected"


def test_without_notes_the_thank_you_asks_for_the_one_specific_thing(mailbox, capsys):
    seed_henry(mailbox)
    mailbox.run(capsys, "met", "Henry", "--at", "2026-11-24 10:00", timezone=NY)
    out = mailbox.sync(NOW, timezone=NY)
    assert "Drafted thank-you to Henry Okafor <henry@union.example>: Re: Coffee chat?" in out
    [draft] = drafts_of(mailbox)
    assert "[one thing you learned from Henry]" in draft.get_content()


def test_no_thank_you_before_the_set_hours_after_the_meeting_ends(mailbox, capsys):
    seed_henry(mailbox)
    mailbox.run(capsys, "meeting", "Henry", "--at", "2026-11-24 15:00", timezone=NY)  # ends 15:30 New York
    mailbox.sync(datetime(2026, 11, 24, 20, 29, tzinfo=timezone.utc), timezone=NY)  # 15:29 New York
    assert status(mailbox, capsys) == "meeting_scheduled" and mailbox.messages("Drafts") == []
    mailbox.sync(datetime(2026, 11, 24, 20, 31, tzinfo=timezone.utc), timezone=NY)
    assert status(mailbox, capsys) == "met" and mailbox.messages("Drafts") == []
    mailbox.sync(datetime(2026, 11, 24, 22, 31, tzinfo=timezone.utc), timezone=NY)
    assert len(mailbox.messages("Drafts")) == 1


def test_an_open_promise_gets_one_gentle_follow_up_a_week_after_the_thank_you(mailbox, capsys):
    seed_henry(mailbox)
    mailbox.run(capsys, "met", "Henry", "--at", "2026-11-24 10:00", timezone=NY)
    mailbox.run(capsys, "note", "Henry", "--to-follow-up", "introduce me to Maria at the labor council",
                timezone=NY)
    mailbox.append("Sent", mail(sender=ME, to="henry@union.example", subject="Thank you!", body="Thanks!",
                                when=NOW))
    mailbox.sync(NOW + timedelta(days=6), timezone=NY)
    assert mailbox.messages("Drafts") == []
    for _ in range(2):
        mailbox.sync(NOW + timedelta(days=7, hours=1), timezone=NY)
    [draft] = drafts_of(mailbox)
    assert "you kindly offered to introduce me to Maria at the labor council" in draft.get_content()


def test_a_done_promise_gets_no_follow_up(mailbox, capsys):
    seed_henry(mailbox)
    mailbox.run(capsys, "met", "Henry", "--at", "2026-11-24 10:00", timezone=NY)
    mailbox.run(capsys, "note", "Henry", "--to-follow-up", "send the syllabus", timezone=NY)
    mailbox.append("Sent", mail(sender=ME, to="henry@union.example", subject="Thank you!", body="Thanks!", when=NOW))
    assert mailbox.run(capsys, "done", "1")[1] == "Done: [1] to follow up: send the syllabus\n"
    mailbox.sync(NOW + timedelta(days=8), timezone=NY)
    assert mailbox.messages("Drafts") == []
    assert mailbox.run(capsys, "done", "99") == (2, "", "coffeechat: no note has id 99: 'coffeechat notes' lists "
                                                        "them\n")


def test_the_prep_note_arrives_once_unread_on_the_morning_of_the_meeting(mailbox, capsys):
    seed_henry(mailbox)
    mailbox.run(capsys, "meeting", "Henry", "--at", "2026-11-25 15:00", timezone=NY)
    mailbox.sync(datetime(2026, 11, 25, 12, 29, tzinfo=timezone.utc), timezone=NY)  # 07:29 in New York
    inbox_before = len(mailbox.messages("INBOX"))
    for _ in range(3):
        mailbox.sync(datetime(2026, 11, 25, 12, 31, tzinfo=timezone.utc), timezone=NY)
    with mailbox.client() as client:
        client.select_folder("INBOX", readonly=True)
        unseen = client.search(["UNSEEN", "SUBJECT", "Prep:"])
    assert len(mailbox.messages("INBOX")) == inbox_before + 1 and len(unseen) == 1
    prep = drafts_of(mailbox, "INBOX")[-1]
    assert prep["Subject"] == "Prep: your conversation with Henry Okafor, Wednesday 15:00"
    text = prep.get_content()
    assert "QUESTIONS TO ASK" in text and "confirm how much time they have" in text
    assert "- Nov 14: you wrote — Coffee chat?" in text
    assert mailbox.messages("Drafts") == []


def test_contact_arguments_name_the_candidates_when_they_match_several(mailbox, capsys):
    seed_henry(mailbox)
    mailbox.append("Sent", mail(sender=ME, to="Henrietta Park <hpark@city.example>", subject="Informational chat?",
                                body="Would you have 20 minutes for a call about your path?",
                                when=NOW - timedelta(days=2)))
    mailbox.sync(NOW, timezone=NY)
    code, out, err = mailbox.run(capsys, "met", "Henr")
    assert (code, out) == (2, "")
    assert err == ("coffeechat: 'Henr' matches 2 contacts: Henry Okafor <henry@union.example> (id 1), Henrietta Park "
                   "<hpark@city.example> (id 2); give the email address or the id\n")
    assert mailbox.run(capsys, "note", "2")[0] == 2  # at least one note is needed
    assert mailbox.run(capsys, "meeting", "1", "--at", "tomorrow")[2] == (
        "coffeechat: --at 'tomorrow' is not a time: write it like \"2026-12-03 15:00\"\n")


def test_a_dry_run_shows_the_thank_you_and_writes_nothing(mailbox, capsys):
    seed_henry(mailbox)
    mailbox.run(capsys, "met", "Henry", "--at", "2026-11-24 10:00", timezone=NY)
    code, out, _ = mailbox.run(capsys, "sync", "--dry-run", "--now", NOW.isoformat(), timezone=NY)
    assert "Would draft thank-you to Henry Okafor <henry@union.example>" in out
    assert mailbox.messages("Drafts") == []
    code, out, _ = mailbox.run(capsys, "drafts")
    assert out == "No drafts yet.\n"


def test_a_deleted_thank_you_is_dismissed_and_never_made_again(mailbox, capsys):
    seed_henry(mailbox)
    mailbox.run(capsys, "met", "Henry", "--at", "2026-11-24 10:00", timezone=NY)
    mailbox.sync(NOW, timezone=NY)
    with mailbox.client() as client:  # the user deletes the draft without sending it
        client.select_folder("Drafts")
        client.delete_messages(client.search(["ALL"]))
        client.expunge()
    for _ in range(2):
        mailbox.sync(NOW + timedelta(hours=1), timezone=NY)
    assert mailbox.messages("Drafts") == []
    assert "thank_you (attempt 1) for Henry Okafor: dismissed" in mailbox.run(capsys, "drafts")[1]


def test_a_crash_between_recording_and_placing_a_thank_you_or_prep_note_places_each_once(mailbox, capsys):
    from daemon.contact_log import meetings
    from daemon.contact_log.store import Store

    seed_henry(mailbox)
    mailbox.run(capsys, "met", "Henry", "--at", "2026-11-24 10:00", timezone=NY)
    mailbox.run(capsys, "meeting", "Henry", "--at", "2026-11-25 15:00", timezone=NY)
    store = Store(str(mailbox.database))
    try:
        [henry] = store.contacts()
        past, ahead = sorted(meetings.meetings_of(henry), key=lambda m: m.start)
        store.intend_draft(henry, "thank_you", past.id, "<crash-thanks@example.org>", NOW)  # then the process died
        store.intend_draft(henry, "prep", ahead.id, "<crash-prep@example.org>", NOW)
    finally:
        store.close()
    morning = datetime(2026, 11, 25, 12, 40, tzinfo=timezone.utc)  # 07:40 New York, the day of the meeting
    for _ in range(3):
        mailbox.sync(morning, timezone=NY)
    [draft] = mailbox.messages("Drafts")
    assert b"Message-ID: <crash-thanks@example.org>" in draft
    preps = [raw for raw in mailbox.messages("INBOX") if b"Subject: Prep:" in raw]
    assert len(preps) == 1 and b"Message-ID: <crash-prep@example.org>" in preps[0]
