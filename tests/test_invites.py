"""Calendar invites: every client shape read right (pure), then meetings from invites against a real Dovecot."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy
from zoneinfo import ZoneInfo

import pytest
from corpus import ME, mail
from invites import SHAPES, at, calendar_parts, invite

from daemon.mail.invites import read_calendar

NY = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 24, 21, 0, tzinfo=timezone.utc)  # Tuesday 16:00 in New York
JORDAN = ("Jordan Rivera", "jordan@example.org")
DANA = ("Dana Brooks", "dana@union.example")
SCHEDULER = ("Office Scheduler", "scheduler@senate.example")


def events_of(raw: bytes, zone=NY):
    message = message_from_bytes(raw, policy=policy.default)
    return [event for part in calendar_parts(message) for event in read_calendar(part, zone)]


@pytest.mark.parametrize(("client", "method"), SHAPES)
def test_every_client_shape_gives_the_meeting_it_describes(client, method):
    start, end = at(NOW, days=1), at(NOW, days=1, time="15:30")
    found = events_of(invite(client=client, method=method, organizer=DANA, attendees=(JORDAN,), start=start,
                             end=end, uid="uid-42@example", sequence=3))
    assert found, "no event read"
    for event in found:  # Google and Zoom carry the calendar twice (inline and attached)
        assert (event.uid, event.sequence, event.method) == ("uid-42@example", 3, method)
        assert (event.start, event.end) == (start.astimezone(timezone.utc), end.astimezone(timezone.utc))
        assert event.cancelled is (method == "CANCEL")
        assert "dana@union.example" in event.people or client in ("zoom", "calendly")


def test_floating_times_are_in_the_users_zone_and_all_day_events_span_the_day():
    start = datetime(2026, 12, 1, 15, 0, tzinfo=NY)
    [event] = events_of(invite(client="apple_mail", organizer=DANA, attendees=(JORDAN,), start=start,
                               end=start + timedelta(minutes=30), floating=True))
    assert event.start == start.astimezone(timezone.utc)
    [tokyo] = events_of(invite(client="apple_mail", organizer=DANA, attendees=(JORDAN,), start=start,
                               end=start + timedelta(minutes=30), floating=True), zone=ZoneInfo("Asia/Tokyo"))
    assert tokyo.start == datetime(2026, 12, 1, 15, 0, tzinfo=ZoneInfo("Asia/Tokyo")).astimezone(timezone.utc)
    from datetime import date
    all_day = events_of(invite(client="google", organizer=DANA, attendees=(JORDAN,), start=date(2026, 12, 3),
                               end=date(2026, 12, 4), all_day=True))
    assert all_day and all(e.all_day and e.end - e.start == timedelta(days=1) for e in all_day)


def test_a_windows_zone_name_without_its_vtimezone_still_means_new_york():
    text = ("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:w1\r\n"
            "DTSTART;TZID=Eastern Standard Time:20261201T150000\r\nDTEND;TZID=Eastern Standard Time:20261201T153000\r\n"
            "ORGANIZER:mailto:dana@union.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    [event] = read_calendar(text.encode(), ZoneInfo("Asia/Tokyo"))
    assert event.start == datetime(2026, 12, 1, 20, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("data", [b"", b"BEGIN:VCALENDAR\r\nnonsense", b"\x00" * 300_000,
                                  b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:99999999T999999\r\nEND:VEVENT\r\n"
                                  b"END:VCALENDAR\r\n"])
def test_a_hostile_calendar_part_is_no_meeting(data):
    assert read_calendar(data, NY) == []


# --- against a real Dovecot ---------------------------------------------------------------------------


def seed_dana(mailbox) -> None:
    mailbox.append("Sent", mail(sender=ME, to="Dana Brooks <dana@union.example>", subject="Coffee chat?",
                                when=NOW - timedelta(days=10), message_id="<o-dana@example.org>",
                                body="Hi Dana,\nWould you have 20 minutes for a call? I'd love to hear how you got "
                                     "started in labor organizing.\nJordan"))
    mailbox.append("INBOX", mail(sender="Dana Brooks <dana@union.example>", to=ME, subject="Re: Coffee chat?",
                                 when=NOW - timedelta(days=8), body="Happy to! Sending an invite.",
                                 in_reply_to="<o-dana@example.org>", references="<o-dana@example.org>"))


def status(mailbox, capsys) -> str:
    [row] = json.loads(mailbox.run(capsys, "contacts", "export")[1])
    return row["status"]


@pytest.mark.parametrize("client", ["google", "outlook", "apple"])
def test_an_invite_for_a_meeting_that_ended_yesterday_gives_one_thank_you(mailbox, capsys, client):
    seed_dana(mailbox)
    start = at(NOW, days=-1, time="10:00")
    mailbox.append("INBOX", invite(client=client, organizer=DANA, attendees=(JORDAN,), start=start,
                                   end=start + timedelta(minutes=30), sent=NOW - timedelta(days=5)),
                   when=NOW - timedelta(days=5))
    for _ in range(3):
        mailbox.sync(NOW, timezone="America/New_York")
    assert status(mailbox, capsys) == "met"
    drafts = [message_from_bytes(raw, policy=policy.default) for raw in mailbox.messages("Drafts")]
    assert [d["To"].addresses[0].addr_spec for d in drafts] == ["dana@union.example"]
    assert "Thank you so much for taking the time to talk with me yesterday." in drafts[0].get_content()
    # Jordan sends a thank-you: connected.
    mailbox.append("Sent", mail(sender=ME, to="dana@union.example", subject="Thank you!", body="Thanks, Dana!",
                                when=NOW + timedelta(hours=1)))
    mailbox.sync(NOW + timedelta(hours=2), timezone="America/New_York")
    assert status(mailbox, capsys) == "connected" and len(mailbox.messages("Drafts")) == 1


def next_meeting(mailbox, address: str = "dana@union.example") -> datetime | None:
    """The contact's next meeting as of the test's NOW (`contacts export` reads the real clock)."""
    from daemon.contact_log import meetings
    from daemon.contact_log.store import Store

    store = Store(str(mailbox.database))
    try:
        meeting = meetings.next_meeting(store.contact_by_address(address), NOW)
        return meeting.start if meeting else None
    finally:
        store.close()


def test_an_invite_the_user_sent_counts_like_one_from_the_contact(mailbox, capsys):
    seed_dana(mailbox)
    start = at(NOW, days=2)
    mailbox.append("Sent", invite(client="google", organizer=JORDAN, attendees=(DANA,), start=start,
                                  end=start + timedelta(minutes=30), sent=NOW - timedelta(days=3),
                                  mail_from=JORDAN, mail_to=(DANA,)), when=NOW - timedelta(days=3))
    out = mailbox.sync(NOW, timezone="America/New_York")
    assert "Meeting with Dana Brooks <dana@union.example> on Thu Nov 26, 15:00 (from an invite)." in out
    assert status(mailbox, capsys) == "meeting_scheduled"


def test_an_invite_from_the_contacts_scheduler_counts(mailbox, capsys):
    seed_dana(mailbox)
    start = at(NOW, days=3, time="11:00")
    mailbox.append("INBOX", invite(client="outlook", organizer=SCHEDULER, attendees=(JORDAN, DANA), start=start,
                                   end=start + timedelta(minutes=20), mail_from=SCHEDULER, mail_to=(JORDAN,),
                                   sent=NOW - timedelta(days=1)), when=NOW - timedelta(days=1))
    mailbox.sync(NOW, timezone="America/New_York")
    assert status(mailbox, capsys) == "meeting_scheduled"
    assert next_meeting(mailbox) == start.astimezone(timezone.utc)


def test_a_cancelled_meeting_gets_no_thank_you(mailbox, capsys):
    seed_dana(mailbox)
    start = at(NOW, days=-1, time="10:00")
    common = dict(client="google", organizer=DANA, attendees=(JORDAN,), start=start,
                  end=start + timedelta(minutes=30), uid="meet-1@google.example")
    mailbox.append("INBOX", invite(**common, sent=NOW - timedelta(days=5)), when=NOW - timedelta(days=5))
    mailbox.sync(NOW - timedelta(days=4), timezone="America/New_York")
    mailbox.append("INBOX", invite(**common, method="CANCEL", sent=NOW - timedelta(days=3)),
                   when=NOW - timedelta(days=3))
    mailbox.sync(NOW, timezone="America/New_York")
    assert mailbox.messages("Drafts") == []
    assert status(mailbox, capsys) == "replied"


def test_a_later_sequence_moves_the_meeting(mailbox, capsys):
    seed_dana(mailbox)
    first, moved = at(NOW, days=1), at(NOW, days=8)
    common = dict(client="outlook", organizer=DANA, attendees=(JORDAN,), uid="move-1@outlook.example")
    mailbox.append("INBOX", invite(**common, start=first, end=first + timedelta(minutes=30), sequence=0,
                                   sent=NOW - timedelta(days=2)), when=NOW - timedelta(days=2))
    mailbox.append("INBOX", invite(**common, start=moved, end=moved + timedelta(minutes=30), sequence=1,
                                   sent=NOW - timedelta(days=1)), when=NOW - timedelta(days=1))
    mailbox.sync(NOW, timezone="America/New_York")
    assert next_meeting(mailbox) == moved.astimezone(timezone.utc)


@pytest.mark.parametrize("user_zone", ["Asia/Tokyo", "America/Los_Angeles"])
def test_a_meeting_at_15_in_new_york_is_not_met_before_it_ends_whatever_the_zone(mailbox, capsys, user_zone):
    seed_dana(mailbox)
    start = datetime(2026, 11, 25, 15, 0, tzinfo=NY)  # ends 20:30 UTC
    mailbox.append("INBOX", invite(client="google", organizer=DANA, attendees=(JORDAN,), start=start,
                                   end=start + timedelta(minutes=30), sent=NOW), when=NOW)
    mailbox.sync(datetime(2026, 11, 25, 20, 29, tzinfo=timezone.utc), timezone=user_zone)
    assert status(mailbox, capsys) == "meeting_scheduled"
    mailbox.sync(datetime(2026, 11, 25, 22, 29, tzinfo=timezone.utc), timezone=user_zone)
    assert status(mailbox, capsys) == "met" and mailbox.messages("Drafts") == []
    mailbox.sync(datetime(2026, 11, 25, 22, 31, tzinfo=timezone.utc), timezone=user_zone)
    assert len(mailbox.messages("Drafts")) == 1


def test_invites_about_no_one_in_the_log_make_no_meeting(mailbox, capsys):
    seed_dana(mailbox)
    start = at(NOW, days=1)
    mailbox.append("INBOX", invite(client="google", organizer=("Dentist", "frontdesk@smiles.example"),
                                   attendees=(JORDAN,), start=start, end=start + timedelta(minutes=30), sent=NOW),
                   when=NOW)
    out = mailbox.sync(NOW, timezone="America/New_York")
    assert "Meeting with" not in out and status(mailbox, capsys) == "replied"


def test_a_google_feed_says_whose_local_time_its_floating_times_are():
    text = ("BEGIN:VCALENDAR\r\nMETHOD:PUBLISH\r\nX-WR-TIMEZONE:America/Chicago\r\nBEGIN:VEVENT\r\nUID:f1\r\n"
            "DTSTART:20261201T150000\r\nDURATION:PT45M\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    [event] = read_calendar(text.encode(), ZoneInfo("Asia/Tokyo"))
    assert (event.start, event.end - event.start) == (datetime(2026, 12, 1, 21, 0, tzinfo=timezone.utc),
                                                      timedelta(minutes=45))


@pytest.mark.parametrize("client", ["calendly", "zoom"])
def test_a_booking_confirmation_from_a_scheduling_service_counts(mailbox, capsys, client):
    seed_dana(mailbox)
    start = at(NOW, days=2, time="12:00")
    method = "PUBLISH" if client == "calendly" else "REQUEST"
    mailbox.append("INBOX", invite(client=client, method=method, organizer=DANA, attendees=(JORDAN,), start=start,
                                   end=start + timedelta(minutes=30), sent=NOW - timedelta(hours=2)),
                   when=NOW - timedelta(hours=2))
    mailbox.sync(NOW, timezone="America/New_York")
    assert status(mailbox, capsys) == "meeting_scheduled"


def test_a_recurring_series_is_not_a_conversation():
    text = ("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:r1\r\nDTSTART:20261201T150000Z\r\n"
            "DTEND:20261201T153000Z\r\nRRULE:FREQ=WEEKLY;COUNT=10\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:r1\r\n"
            "RECURRENCE-ID:20261208T150000Z\r\nDTSTART:20261208T160000Z\r\nDTEND:20261208T163000Z\r\nEND:VEVENT\r\n"
            "END:VCALENDAR\r\n")
    assert read_calendar(text.encode(), NY) == []
