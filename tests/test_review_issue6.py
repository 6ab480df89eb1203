"""Review of the conversation change (meetings, notes, thank-you, prep): each test shows one defect."""

from __future__ import annotations

import json
import os
import time as clock
from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy
from email.utils import format_datetime
from zoneinfo import ZoneInfo

from corpus import ME, mail
from invites import at, invite

NYS = "America/New_York"
NY = ZoneInfo(NYS)
NOW = datetime(2026, 11, 24, 21, 0, tzinfo=timezone.utc)  # Tuesday 16:00 in New York
JORDAN = ("Jordan Rivera", "jordan@example.org")
DANA = ("Dana Brooks", "dana@union.example")
SCHEDULER = ("Office Scheduler", "scheduler@senate.example")


def seed_dana(mailbox, replied: bool = True) -> None:
    mailbox.append("Sent", mail(sender=ME, to="Dana Brooks <dana@union.example>", subject="Coffee chat?",
                                when=NOW - timedelta(days=10), message_id="<o-dana@example.org>",
                                body="Hi Dana,\nWould you have 20 minutes for a call? I'd love to hear how you got "
                                     "started in labor organizing.\nJordan"))
    if replied:
        mailbox.append("INBOX", mail(sender="Dana Brooks <dana@union.example>", to=ME, subject="Re: Coffee chat?",
                                     when=NOW - timedelta(days=8), body="Happy to! Sending an invite.",
                                     in_reply_to="<o-dana@example.org>", references="<o-dana@example.org>"))


def status(mailbox, capsys) -> str:
    [row] = json.loads(mailbox.run(capsys, "contacts", "export")[1])
    return row["status"]


def parsed(mailbox, folder: str) -> list:
    return [message_from_bytes(raw, policy=policy.default) for raw in mailbox.messages(folder)]


def preps(mailbox) -> list:
    return [m for m in parsed(mailbox, "INBOX") if str(m["Subject"]).startswith("Prep:")]


def raw_invite(calendar: str, *, when: datetime, sender: str = "Dana Brooks <dana@union.example>",
               subject: str = "Invitation: Coffee chat") -> bytes:
    """A plain multipart invite from Dana carrying this calendar text as it is."""
    boundary = "cal-boundary-6"
    return "\r\n".join([
        f"From: {sender}", f"To: {ME}", f"Subject: {subject}", f"Date: {format_datetime(when)}",
        f"Message-ID: <raw-{abs(hash(calendar))}@union.example>", "MIME-Version: 1.0",
        f'Content-Type: multipart/mixed; boundary="{boundary}"', "",
        f"--{boundary}", "Content-Type: text/plain; charset=utf-8", "", "Please join me.", "",
        f"--{boundary}", 'Content-Type: text/calendar; charset="utf-8"; method=REQUEST', "", calendar, "",
        f"--{boundary}--", "",
    ]).encode("utf-8")


def vevent(uid: str, start: str, end: str, summary: str = "Coffee chat") -> str:
    return ("BEGIN:VEVENT\r\n"
            f"UID:{uid}\r\nDTSTAMP:20261120T120000Z\r\nDTSTART:{start}\r\nDTEND:{end}\r\n"
            f"SUMMARY:{summary}\r\nORGANIZER;CN=Dana Brooks:mailto:dana@union.example\r\n"
            "ATTENDEE;CN=Jordan Rivera;PARTSTAT=ACCEPTED:mailto:jordan@example.org\r\n"
            "END:VEVENT\r\n")


def calendar(*events: str) -> str:
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nMETHOD:REQUEST\r\n" + "".join(events) + \
        "END:VCALENDAR"


# --- hostile invites ----------------------------------------------------------------------------


def test_an_invite_dated_year_9999_does_not_crash_the_cycle(mailbox, capsys):
    # What is wrong: Cycle.record_invites formats invite.start in the user's zone
    # (invite.start.astimezone(zone)); a DTSTART of 9999-12-31T23:00Z is 10000-01-01 in Berlin,
    # an OverflowError inside store.record's transaction. The cycle dies, the cursor never moves,
    # so every later cycle dies on the same mail. (conversation.prep_at would overflow next, and
    # Writer.due is not guarded.) Right: an absurd date is no meeting; the cycle carries on.
    seed_dana(mailbox)
    mailbox.sync(NOW - timedelta(days=5), timezone="Europe/Berlin")
    mailbox.append("INBOX", raw_invite(calendar(vevent("absurd-9999@x", "99991231T230000Z", "99991231T233000Z")),
                                       when=NOW - timedelta(days=1)), when=NOW - timedelta(days=1))
    mailbox.append("INBOX", mail(sender="Other Person <other@city.example>", to=ME, subject="hello",
                                 when=NOW - timedelta(hours=1), body="hi"))
    mailbox.sync(NOW, timezone="Europe/Berlin")
    mailbox.sync(NOW + timedelta(hours=1), timezone="Europe/Berlin")


def test_an_invite_dated_year_1_does_not_crash_the_cycle(mailbox, capsys):
    # Same defect the other way round: 0001-01-01T01:00Z is in year 0 in New York.
    seed_dana(mailbox)
    mailbox.sync(NOW - timedelta(days=5), timezone=NYS)
    mailbox.append("INBOX", raw_invite(calendar(vevent("absurd-0001@x", "00010101T010000Z", "00010101T013000Z")),
                                       when=NOW - timedelta(days=1)), when=NOW - timedelta(days=1))
    mailbox.sync(NOW, timezone=NYS)


def test_a_calendar_feed_of_hundreds_of_events_is_not_twenty_meetings(mailbox, capsys):
    # What is wrong: invites.read_calendar says "a feed of hundreds is not an invite" but slices
    # walk("VEVENT")[:MAX_EVENTS], so a contact's published schedule of 300 events becomes 20
    # meetings with her: meeting_scheduled, 20 prep notes, 20 thank-yous. Right: a calendar with
    # more events than an invite holds yields no meeting.
    seed_dana(mailbox)
    base = datetime(2026, 11, 26, 15, 0, tzinfo=timezone.utc)
    events = [vevent(f"feed-{i}@x", f"{base + timedelta(days=i):%Y%m%dT%H%M%SZ}",
                     f"{base + timedelta(days=i, minutes=30):%Y%m%dT%H%M%SZ}", "Office hours") for i in range(300)]
    mailbox.append("INBOX", raw_invite(calendar(*events), when=NOW - timedelta(days=1), subject="My schedule"),
                   when=NOW - timedelta(days=1))
    out = mailbox.sync(NOW, timezone=NYS)
    assert out.count("Meeting with") == 0
    assert status(mailbox, capsys) == "replied"


# --- invites in the order mail is read -----------------------------------------------------------


def test_a_meeting_the_user_declined_is_not_scheduled_when_both_arrive_in_one_sync(mailbox, capsys):
    # What is wrong: Cycle.find_invites reads Sent before INBOX, so the user's own DECLINED reply
    # (in Sent) is applied before the invitation it answers (in INBOX): record_invite drops "a
    # cancellation of a meeting we never knew", then the REQUEST creates a live meeting. First run
    # (a year of backfill) or a daemon that was off: the declined meeting gets a prep note and a
    # thank-you. Right: the declined meeting is cancelled, the contact stays "replied".
    seed_dana(mailbox)
    start = at(NOW, days=2)
    common = dict(client="google", start=start, end=start + timedelta(minutes=30), uid="decl-1@google.example")
    mailbox.append("INBOX", invite(**common, organizer=DANA, attendees=(JORDAN,), sent=NOW - timedelta(days=3)),
                   when=NOW - timedelta(days=3))
    mailbox.append("Sent", invite(**common, method="REPLY", organizer=DANA, attendees=(JORDAN,), partstat="DECLINED",
                                  sent=NOW - timedelta(days=2)), when=NOW - timedelta(days=2))
    mailbox.sync(NOW, timezone=NYS)
    assert status(mailbox, capsys) == "replied"


def test_a_decline_then_an_acceptance_leaves_the_meeting_on(mailbox, capsys):
    # What is wrong: meetings.record_invite ignores every non-declining REPLY once the meeting is
    # known ("an acceptance: the meeting stands as it is"), even when the meeting stands cancelled
    # by an earlier DECLINED reply of the same SEQUENCE. A contact who declines and then changes
    # her answer to yes (Google, Outlook and Apple all send a new REPLY) keeps the meeting
    # cancelled: no meeting_scheduled, no prep note, no thank-you. Right: the later acceptance
    # puts the meeting back on.
    seed_dana(mailbox)
    start = at(NOW, days=2)
    common = dict(client="google", start=start, end=start + timedelta(minutes=30), uid="flip-1@google.example")
    mailbox.append("Sent", invite(**common, organizer=JORDAN, attendees=(DANA,), mail_from=JORDAN, mail_to=(DANA,),
                                  sent=NOW - timedelta(days=3)), when=NOW - timedelta(days=3))
    mailbox.sync(NOW - timedelta(days=3) + timedelta(hours=1), timezone=NYS)
    mailbox.append("INBOX", invite(**common, method="REPLY", organizer=JORDAN, attendees=(DANA,),
                                   partstat="DECLINED", sent=NOW - timedelta(days=2)), when=NOW - timedelta(days=2))
    mailbox.sync(NOW - timedelta(days=2) + timedelta(hours=1), timezone=NYS)
    assert status(mailbox, capsys) == "replied"
    mailbox.append("INBOX", invite(**common, method="REPLY", organizer=JORDAN, attendees=(DANA,),
                                   partstat="ACCEPTED", sent=NOW - timedelta(days=1)), when=NOW - timedelta(days=1))
    mailbox.sync(NOW, timezone=NYS)
    assert status(mailbox, capsys) == "meeting_scheduled"


def test_a_booking_read_in_the_same_sync_as_a_due_follow_up_gets_no_follow_up(mailbox, capsys):
    # What is wrong: Writer.due lists the follow-up rule's draft before the conversation's status
    # change, and apply_rules acts on them in that order: the follow-up ("I wanted to gently follow
    # up on my note…") is APPENDed, then the status turns meeting_scheduled and cancels it, too late.
    # Dana never answered by mail but her scheduler booked the call before the follow-up was due;
    # the first sync that reads both (first run, a daemon that was off) drafts the nudge anyway.
    # Right: a contact with a meeting booked gets no follow-up draft.
    seed_dana(mailbox, replied=False)
    start = at(NOW, days=3, time="11:00")
    mailbox.append("INBOX", invite(client="outlook", organizer=SCHEDULER, attendees=(JORDAN, DANA), start=start,
                                   end=start + timedelta(minutes=20), mail_from=SCHEDULER, mail_to=(JORDAN,),
                                   sent=NOW - timedelta(days=5)), when=NOW - timedelta(days=5))
    mailbox.sync(NOW, timezone=NYS)
    assert status(mailbox, capsys) == "meeting_scheduled"
    assert mailbox.messages("Drafts") == []


# --- one prep note, on the morning -------------------------------------------------------------


def test_a_meeting_logged_by_hand_and_its_invite_give_one_prep_note(mailbox, capsys):
    # What is wrong: `coffeechat meeting` and the invite for the same conversation make two Meeting
    # rows (a by-hand UID and the invite's UID), and conversation_due drafts a prep note per row:
    # two prep notes that morning. Right: one conversation, one prep note.
    seed_dana(mailbox)
    mailbox.sync(NOW - timedelta(days=5), timezone=NYS)
    start = datetime(2026, 11, 26, 15, 0, tzinfo=NY)
    assert mailbox.run(capsys, "meeting", "Dana", "--at", "2026-11-26 15:00", timezone=NYS)[0] == 0
    mailbox.append("INBOX", invite(client="google", organizer=DANA, attendees=(JORDAN,), start=start,
                                   end=start + timedelta(minutes=30), sent=NOW), when=NOW)
    mailbox.sync(NOW + timedelta(hours=1), timezone=NYS)
    morning = datetime(2026, 11, 26, 12, 40, tzinfo=timezone.utc)  # 07:40 New York
    for _ in range(2):
        mailbox.sync(morning, timezone=NYS)
    assert len(preps(mailbox)) == 1


def test_a_cancelled_invite_for_a_meeting_also_logged_by_hand_gets_no_thank_you(mailbox, capsys):
    # What is wrong: the same two Meeting rows (by hand, and the invite's UID): Dana's CANCEL marks
    # only the invite's row cancelled; the by-hand row stays live, so the cancelled conversation
    # keeps the contact meeting_scheduled, then met, and gets a thank-you draft for a meeting that
    # never happened. Right: a cancelled meeting gets no thank-you, however it was first logged.
    seed_dana(mailbox)
    mailbox.sync(NOW - timedelta(days=5), timezone=NYS)
    start = datetime(2026, 11, 23, 15, 0, tzinfo=NY)
    common = dict(client="google", organizer=DANA, attendees=(JORDAN,), start=start,
                  end=start + timedelta(minutes=30), uid="dup-1@google.example")
    mailbox.run(capsys, "meeting", "Dana", "--at", "2026-11-23 15:00", timezone=NYS)
    mailbox.append("INBOX", invite(**common, sent=NOW - timedelta(days=4)), when=NOW - timedelta(days=4))
    mailbox.sync(NOW - timedelta(days=4) + timedelta(hours=1), timezone=NYS)
    mailbox.append("INBOX", invite(**common, method="CANCEL", sent=NOW - timedelta(days=2)),
                   when=NOW - timedelta(days=2))
    mailbox.sync(NOW, timezone=NYS)
    assert mailbox.messages("Drafts") == []
    assert status(mailbox, capsys) == "replied"


def test_an_all_day_event_gets_no_prep_note_the_evening_before(mailbox, capsys):
    # What is wrong: an all-day event starts at local midnight, so prep_at's
    # min(morning, start - PREP_LEAD) puts its "morning of the meeting" note at 23:00 the
    # evening before. Right: the prep note arrives on the morning of the day (or, since an
    # all-day "Career fair" is not a conversation, not at all) -- never the night before.
    seed_dana(mailbox)
    from datetime import date
    mailbox.append("INBOX", invite(client="google", organizer=DANA, attendees=(JORDAN,), start=date(2026, 11, 27),
                                   end=date(2026, 11, 28), all_day=True, summary="Career fair",
                                   sent=NOW - timedelta(days=1)), when=NOW - timedelta(days=1))
    mailbox.sync(NOW, timezone=NYS)
    mailbox.sync(datetime(2026, 11, 27, 4, 30, tzinfo=timezone.utc), timezone=NYS)  # Thu 23:30 New York
    assert preps(mailbox) == []


def test_an_all_day_career_fair_gets_no_thank_you_for_the_conversation(mailbox, capsys):
    # What is wrong: CalendarEvent.all_day is read and then ignored; an all-day "Career fair" the
    # contact sent becomes a meeting, and two hours after midnight ends it a draft says "Thank you
    # so much for taking the time to talk with me today" (the day after, at 02:00). Right: an
    # all-day event is not a coffee chat: no thank-you draft.
    seed_dana(mailbox)
    from datetime import date
    mailbox.append("INBOX", invite(client="google", organizer=DANA, attendees=(JORDAN,), start=date(2026, 11, 23),
                                   end=date(2026, 11, 24), all_day=True, summary="Career fair",
                                   sent=NOW - timedelta(days=5)), when=NOW - timedelta(days=5))
    mailbox.sync(NOW, timezone=NYS)
    assert mailbox.messages("Drafts") == []


# --- wording --------------------------------------------------------------------------------------


def test_note_ask_resume_reads_as_a_request_in_the_thank_you(mailbox, capsys):
    # What is wrong: SHORT_ASKS["resume"] is "to look over my résumé when I apply to …" and the
    # template keeps an ask starting with "to " as is, so the thank-you says "I'd be grateful to
    # look over my résumé": the user offers to read their own résumé. Right: the contact is asked
    # ("I'd be grateful if you could look over my résumé …").
    seed_dana(mailbox)
    mailbox.sync(NOW - timedelta(days=5), timezone=NYS)
    mailbox.run(capsys, "met", "Dana", "--at", "2026-11-24 10:00", timezone=NYS)
    mailbox.run(capsys, "note", "Dana", "--ask", "resume", timezone=NYS)
    mailbox.sync(NOW, timezone=NYS)
    [body] = mailbox.drafts_by_recipient().values()
    assert "grateful to look over my résumé" not in body


def test_the_prep_note_states_the_ask_in_words_not_the_short_form(mailbox, capsys):
    # What is wrong: kinds._extra passes the raw last --ask note as ask_to_make, so for the short
    # forms the thank-you understands ("introductions", "keep-in-touch", "resume") the prep note's
    # THE ASK TO MAKE AT THE END reads "- introductions". Right: the ask in words, as the
    # thank-you restates it (conversation.ask_words).
    seed_dana(mailbox)
    mailbox.sync(NOW - timedelta(days=5), timezone=NYS)
    mailbox.run(capsys, "meeting", "Dana", "--at", "2026-11-27 15:00", timezone=NYS)
    mailbox.run(capsys, "note", "Dana", "--ask", "introductions", timezone=NYS)
    code, out, err = mailbox.run(capsys, "prep", "Dana", timezone=NYS)
    assert code == 0, err
    ask_section = out.split("THE ASK TO MAKE AT THE END", 1)[1].split("REMINDERS", 1)[0]
    assert "- introductions\n" not in ask_section


def test_an_ask_noted_before_any_meeting_is_the_ask_the_prep_note_names(mailbox, capsys):
    # What is wrong: a note added before any meeting is logged has no meeting (add_notes takes
    # latest_meeting = None), and facts_for(PREP) files every note not of this meeting under
    # "FROM EARLIER CONVERSATIONS": the ask the user planned shows as an earlier conversation's
    # note (there was none) and THE ASK TO MAKE falls back to the generic default. Right: notes
    # made before the first meeting prepare that meeting; its prep note names the planned ask.
    seed_dana(mailbox)
    mailbox.sync(NOW - timedelta(days=5), timezone=NYS)
    mailbox.run(capsys, "note", "Dana", "--ask", "an introduction to the organizing director", timezone=NYS)
    mailbox.run(capsys, "meeting", "Dana", "--at", "2026-11-27 15:00", timezone=NYS)
    code, out, err = mailbox.run(capsys, "prep", "Dana", timezone=NYS)
    assert code == 0, err
    assert "FROM EARLIER CONVERSATIONS" not in out
    ask_section = out.split("THE ASK TO MAKE AT THE END", 1)[1]
    assert "an introduction to the organizing director" in ask_section


def test_a_note_from_before_the_first_meeting_is_not_restated_in_every_later_thank_you(mailbox, capsys):
    # What is wrong: facts_for(THANK_YOU) takes this meeting's notes plus every note with no
    # meeting, done or not; a "to do" noted before the first conversation is promised again in the
    # thank-you after the second one, weeks later and long done. Right: a later meeting's thank-you
    # states that meeting's notes (and never a note marked done as a promise still to keep).
    seed_dana(mailbox)
    mailbox.sync(NOW - timedelta(days=7), timezone=NYS)
    mailbox.run(capsys, "note", "Dana", "--to-do", "send you my writing sample", timezone=NYS)
    mailbox.run(capsys, "met", "Dana", "--at", "2026-11-18 10:00", timezone=NYS)
    mailbox.append("Sent", mail(sender=ME, to="dana@union.example", subject="Thank you!", body="Thanks, Dana!",
                                when=datetime(2026, 11, 18, 18, 0, tzinfo=timezone.utc)))
    mailbox.sync(datetime(2026, 11, 18, 19, 0, tzinfo=timezone.utc), timezone=NYS)
    assert mailbox.run(capsys, "done", "1", timezone=NYS)[0] == 0
    mailbox.run(capsys, "met", "Dana", "--at", "2026-11-24 10:00", timezone=NYS)
    mailbox.sync(NOW, timezone=NYS)
    [body] = mailbox.drafts_by_recipient().values()
    assert "writing sample" not in body


def test_the_ask_follow_up_waits_a_week_after_the_users_last_message_not_the_first(mailbox, capsys):
    # What is wrong: conversation_due times the ask follow-up from thanked_at, the user's *first*
    # message after the meeting. Jordan thanked Dana, then six days later nudged her himself
    # about the syllabus; a day after that coffeechat drafts its own "I wanted to follow up gently
    # ... you kindly offered to send the syllabus": a second nudge the day after the first. Right:
    # as with follow-ups, a message the user sent counts; the gentle follow-up is due a week after
    # the user's last message to them.
    seed_dana(mailbox)
    mailbox.sync(NOW - timedelta(days=5), timezone=NYS)
    mailbox.run(capsys, "met", "Dana", "--at", "2026-11-24 10:00", timezone=NYS)
    mailbox.run(capsys, "note", "Dana", "--to-follow-up", "send me the organizer training syllabus", timezone=NYS)
    mailbox.append("Sent", mail(sender=ME, to="dana@union.example", subject="Thank you!", body="Thanks, Dana!",
                                when=NOW))
    mailbox.sync(NOW + timedelta(hours=1), timezone=NYS)
    mailbox.append("Sent", mail(sender=ME, to="dana@union.example", subject="The syllabus",
                                body="Hi Dana, any chance you could send the syllabus this week?",
                                when=NOW + timedelta(days=6)))
    mailbox.sync(NOW + timedelta(days=6, hours=1), timezone=NYS)
    mailbox.sync(NOW + timedelta(days=7, hours=1), timezone=NYS)
    assert mailbox.messages("Drafts") == []


def test_a_thank_you_draft_made_obsolete_by_the_users_own_is_withdrawn(mailbox, capsys):
    # What is wrong: when the user writes their own thank-you while coffeechat's waits in Drafts,
    # the contact turns connected but the draft stays "placed": `coffeechat drafts` still lists it
    # as waiting and no cycle says it is no longer needed (a follow-up in the same spot is
    # cancelled and reported as withdrawn). Right: the thank-you draft is cancelled and the user
    # told to delete it.
    seed_dana(mailbox)
    mailbox.sync(NOW - timedelta(days=5), timezone=NYS)
    mailbox.run(capsys, "met", "Dana", "--at", "2026-11-24 10:00", timezone=NYS)
    mailbox.sync(NOW, timezone=NYS)
    assert len(mailbox.messages("Drafts")) == 1
    mailbox.append("Sent", mail(sender=ME, to="dana@union.example", subject="Thank you!", body="Thanks, Dana!",
                                when=NOW + timedelta(hours=1)))
    mailbox.sync(NOW + timedelta(hours=2), timezone=NYS)
    assert status(mailbox, capsys) == "connected"
    out = mailbox.run(capsys, "drafts")[1]
    assert "thank_you (attempt 1) for Dana Brooks: placed" not in out, out


def test_met_for_a_contact_awaiting_reply_says_the_follow_up_in_drafts_is_not_needed(mailbox, capsys):
    # What is wrong: `coffeechat met` on a contact whose follow-up draft waits in Drafts cancels
    # that draft silently (store.set_status -> _cancel_pending_drafts), before any cycle; the
    # cycle reports withdrawn drafts only among those placed when it started, so neither the
    # command nor the next sync tells the user the nudge in Drafts must not be sent. Right: as
    # after a reply, the user is told the follow-up waiting in Drafts is no longer needed.
    seed_dana(mailbox, replied=False)
    mailbox.sync(NOW - timedelta(days=2), timezone=NYS)  # the follow-up was due a day earlier
    assert len(mailbox.messages("Drafts")) == 1
    code, met_out, err = mailbox.run(capsys, "met", "Dana", "--at", "2026-11-24 10:00", timezone=NYS)
    assert code == 0, err
    sync_out = mailbox.sync(NOW, timezone=NYS)
    assert "no longer needed" in met_out + sync_out, met_out + sync_out


# --- command line -------------------------------------------------------------------------------


def test_an_out_of_range_meeting_time_is_a_one_line_error(mailbox, capsys):
    # What is wrong: cli_conversation._local_time converts --at to UTC without a range check;
    # "9999-12-31 23:00" in New York is year 10000 in UTC: an OverflowError escapes cli.main as a
    # traceback. Right: exit 2 with one line naming the bad --at.
    seed_dana(mailbox)
    mailbox.sync(NOW - timedelta(days=5), timezone=NYS)
    try:
        code, out, err = mailbox.run(capsys, "meeting", "Dana", "--at", "9999-12-31 23:00", timezone=NYS)
    except Exception as e:  # noqa: BLE001
        raise AssertionError(f"traceback instead of a one-line error: {type(e).__name__}: {e}") from None
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_contacts_list_dates_the_next_meeting_in_the_users_zone(mailbox, capsys):
    # What is wrong: contacts.as_table prints next_action_due[:10], the UTC ISO date: a
    # conversation at 20:00 New York on Thursday Nov 26 is listed "on 2026-11-27". Right: the
    # meeting's date in COFFEECHAT_TIMEZONE, 2026-11-26.
    # (A year far ahead: `contacts list` reads the real clock, and a past meeting is no next step.)
    seed_dana(mailbox)
    mailbox.sync(NOW - timedelta(days=5), timezone=NYS)
    mailbox.run(capsys, "meeting", "Dana", "--at", "2099-11-26 20:00", timezone=NYS)
    out = mailbox.run(capsys, "contacts", "list", timezone=NYS)[1]
    assert "have the conversation (on 2099-11-26 20:00)" in out, out


def test_sync_now_reads_a_bare_time_in_coffeechat_timezone(mailbox, capsys):
    # What is wrong: `sync --now` (cli._iso_time) reads a bare time in the machine's zone
    # (when.astimezone()), not COFFEECHAT_TIMEZONE as DESIGN.md says times on the command line
    # are. On a server in Tokyo with COFFEECHAT_TIMEZONE=America/New_York, "--now 2026-11-26
    # 07:40" is 17:40 New York the day before: the preview of the prep note due that morning
    # shows nothing. Right: 07:40 New York, the prep note would be put in INBOX.
    seed_dana(mailbox)
    mailbox.sync(NOW - timedelta(days=5), timezone=NYS)
    mailbox.run(capsys, "meeting", "Dana", "--at", "2026-11-26 15:00", timezone=NYS)
    old = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Tokyo"
    clock.tzset()
    try:
        code, out, err = mailbox.run(capsys, "sync", "--now", "2026-11-26 07:40", timezone=NYS)
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        clock.tzset()
    assert code == 0, err
    assert "prep note" in out
