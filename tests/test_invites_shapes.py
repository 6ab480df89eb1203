"""Every shape tests/invites.py builds is a clean email whose calendar says exactly what was asked for."""

from __future__ import annotations

import email
from datetime import date, datetime, timedelta, timezone
from email import policy
from email.message import EmailMessage
from zoneinfo import ZoneInfo

import invites
import pytest

icalendar = pytest.importorskip("icalendar")

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)
SAM = ("Sam Okafor", "sam.okafor@example.com")
JORDAN = ("Jordan Rivera", "jordan@example.org")
NOEMI = ("Noémi Ferenc-Kovács", "noemi@example.net")  # non-ASCII name, as RFC 2047 in headers

# (label, tz, start, minutes): tomorrow afternoon in New York (EST), a summer morning in Berlin (CEST),
# yesterday in Kolkata (no daylight saving), a Sydney evening in its summer (southern DST).
TIMES = [
    ("tomorrow-ny", "America/New_York", invites.at(NOW, days=1, time="15:00"), 30),
    ("summer-berlin", "Europe/Berlin", datetime(2026, 7, 14, 10, 30, tzinfo=ZoneInfo("Europe/Berlin")), 45),
    ("yesterday-kolkata", "Asia/Kolkata", invites.at(NOW, days=-1, time="18:00", tz="Asia/Kolkata"), 60),
    ("sydney", "Australia/Sydney", datetime(2027, 1, 20, 19, 0, tzinfo=ZoneInfo("Australia/Sydney")), 30),
]


def parse(raw: bytes) -> EmailMessage:
    return email.message_from_bytes(raw, policy=policy.default)


def defects(message: EmailMessage) -> list[tuple[str, object]]:
    """Defects the parser recorded on any part or on any header of any part."""
    found: list[tuple[str, object]] = []
    for part in message.walk():
        found += [(part.get_content_type(), d) for d in part.defects]
        for name, value in part.items():
            found += [(name, d) for d in getattr(value, "defects", ())]
    return found


def the_event(raw: bytes) -> tuple[EmailMessage, icalendar.Calendar, icalendar.Event]:
    message = parse(raw)
    parts = invites.calendar_parts(message)
    assert parts, "no calendar part found by walking the message"
    assert all(p == parts[0] for p in parts), "inline part and attachment disagree"
    calendar = icalendar.Calendar.from_ical(parts[0])
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return message, calendar, events[0]


def check(raw: bytes, *, method: str, uid: str | None, sequence: int, start: datetime, end: datetime, tz: str,
          all_day: bool = False, floating: bool = False) -> icalendar.Event:
    assert raw.count(b"\n") == raw.count(b"\r\n"), "bare LF in the message"
    assert max(len(line) for line in raw.split(b"\r\n")) <= 998
    message, calendar, event = the_event(raw)
    assert defects(message) == []
    assert message["From"] and message["To"] and message["Subject"] and message["Message-ID"]
    assert message["Date"].datetime is not None
    assert str(calendar["METHOD"]) == method
    if uid is not None:
        assert str(event["UID"]) == uid
    assert int(event["SEQUENCE"]) == sequence
    zone = ZoneInfo(tz)
    got_start, got_end = event.decoded("DTSTART"), event.decoded("DTEND")
    if all_day:
        assert not isinstance(got_start, datetime) and not isinstance(got_end, datetime)
        assert got_start == start.astimezone(zone).date()
        assert got_end == end.astimezone(zone).date() + timedelta(days=1)
    elif floating:
        assert got_start.tzinfo is None and got_end.tzinfo is None
        assert got_start.replace(tzinfo=zone) == start and got_end.replace(tzinfo=zone) == end
    else:
        assert got_start.tzinfo is not None and got_end.tzinfo is not None
        assert got_start == start and got_end == end
        assert got_start.utcoffset() == start.astimezone(got_start.tzinfo).utcoffset()
    for part in message.walk():  # where the part names a method, it is the calendar's
        if part.get_content_type() == "text/calendar" and part.get_param("method"):
            assert part.get_param("method").upper() == method
    if method == "CANCEL":
        assert str(event["STATUS"]) == "CANCELLED"
    if method == "REPLY":
        attendees = event.get("ATTENDEE")
        attendees = attendees if isinstance(attendees, list) else [attendees]
        assert [a.params["PARTSTAT"] for a in attendees] == ["ACCEPTED"]
    return event


@pytest.mark.parametrize("client,method", invites.SHAPES)
@pytest.mark.parametrize("label,tz,start,minutes", TIMES, ids=[t[0] for t in TIMES])
def test_every_shape_parses_and_keeps_the_requested_instants(client, method, label, tz, start, minutes):
    end = start + timedelta(minutes=minutes)
    organizer, attendees = (JORDAN, (SAM,)) if method == "REPLY" else (SAM, (JORDAN, NOEMI))
    uid = f"{client}-{label}-uid@example.test"
    raw = invites.invite(client=client, method=method, organizer=organizer, attendees=attendees, start=start,
                         end=end, tz=tz, uid=uid, sequence=3)
    check(raw, method=method, uid=uid, sequence=3, start=start, end=end, tz=tz)


@pytest.mark.parametrize("client,method", invites.SHAPES)
def test_all_day_events_are_dates(client, method):
    start, end = datetime(2026, 12, 3, tzinfo=ZoneInfo("America/New_York")), date(2026, 12, 4)
    raw = invites.invite(client=client, method=method, organizer=SAM, attendees=(JORDAN,), start=start, end=end,
                         all_day=True)
    event = check(raw, method=method, uid=None, sequence=1 if method == "CANCEL" else 0, start=start,
                  end=start, tz="America/New_York", all_day=True)
    assert "VALUE=DATE" in event.to_ical().decode()


@pytest.mark.parametrize("client", ["apple", "apple_mail", "google"])
@pytest.mark.parametrize("tz", ["America/New_York", "Europe/Berlin"])
def test_floating_times_are_wall_clock_in_the_zone(client, tz):
    start = invites.at(NOW, days=1, time="15:00", tz=tz)
    raw = invites.invite(client=client, organizer=SAM, attendees=(JORDAN,), start=start,
                         end=start + timedelta(hours=1), tz=tz, floating=True)
    check(raw, method="REQUEST", uid=None, sequence=0, start=start, end=start + timedelta(hours=1), tz=tz,
          floating=True)
    assert b"BEGIN:VTIMEZONE" not in invites.calendar_parts(parse(raw))[0]


@pytest.mark.parametrize("client", ["google", "outlook", "zoom"])
def test_utc_times_carry_z_and_no_vtimezone(client):
    start = invites.at(NOW, days=2, time="09:00", tz="America/Chicago")
    raw = invites.invite(client=client, organizer=SAM, attendees=(JORDAN,), start=start,
                         end=start + timedelta(minutes=20), tz="America/Chicago", utc=True)
    check(raw, method="REQUEST", uid=None, sequence=0, start=start, end=start + timedelta(minutes=20),
          tz="America/Chicago")
    data = invites.calendar_parts(parse(raw))[0]
    assert b"BEGIN:VTIMEZONE" not in data
    assert f"DTSTART:{start.astimezone(timezone.utc):%Y%m%dT%H%M%S}Z".encode() in data


def test_outlook_writes_windows_zone_names_with_a_vtimezone():
    start = invites.at(NOW, days=1)
    raw = invites.invite(client="outlook", organizer=SAM, attendees=(JORDAN,), start=start,
                         end=start + timedelta(minutes=30))
    _, _, event = the_event(raw)
    assert event["DTSTART"].params["TZID"] == "Eastern Standard Time"
    data = invites.calendar_parts(parse(raw))[0]
    assert b"TZID:Eastern Standard Time" in data and b"DTSTART:16010101T020000" in data
    message = parse(raw)
    calendar_part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    assert calendar_part["Content-Transfer-Encoding"] == "base64"


@pytest.mark.parametrize("client", ["google", "outlook", "apple", "zoom"])
@pytest.mark.parametrize("tz", ["America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata"])
@pytest.mark.parametrize("month", [1, 4, 7, 10])
def test_each_vtimezone_alone_gives_the_right_instant(client, tz, month):
    """Renamed to a TZID nobody knows, the calendar's own VTIMEZONE must still place the meeting right."""
    start = datetime(2026, month, 12, 12, 15, tzinfo=ZoneInfo(tz))
    text = invites.ics_text(client=client, organizer=SAM, attendees=(JORDAN,), start=start,
                            end=start + timedelta(minutes=30), tz=tz)
    tzid = invites.WINDOWS_ZONES.get(tz, tz) if client == "outlook" else tz
    unknown = f"Unknown Zone {client} {tz} {month}"  # icalendar caches zones by TZID, so keep it unique
    event = icalendar.Calendar.from_ical(text.replace(tzid, unknown)).walk("VEVENT")[0]
    got = event.decoded("DTSTART")
    assert got == start and got.utcoffset() == start.utcoffset()


def test_defaults_follow_the_clients():
    start = invites.at(NOW, days=1)
    end = start + timedelta(minutes=30)
    google = parse(invites.invite(client="google", organizer=SAM, attendees=(JORDAN,), start=start, end=end))
    assert google["Subject"] == ("Invitation: Coffee chat @ Wed Nov 25, 2026 3pm - 3:30pm (EST) "
                                 "(jordan@example.org)")
    assert google["From"].addresses[0].addr_spec == SAM[1]
    assert google["Sender"].addresses[0].addr_spec == "calendar-notification@google.com"
    assert [p.get_content_type() for p in google.walk()] == [
        "multipart/mixed", "multipart/alternative", "text/plain", "text/html", "text/calendar", "application/ics"]
    accepted = parse(invites.invite(client="google", method="REPLY", organizer=SAM, attendees=(JORDAN,),
                                    start=start, end=end))
    assert accepted["Subject"].startswith("Accepted: Coffee chat @ ")
    assert accepted["To"].addresses[0].addr_spec == SAM[1]
    cancel = parse(invites.invite(client="outlook", method="CANCEL", organizer=SAM, attendees=(JORDAN,),
                                  start=start, end=end))
    assert cancel["Subject"] == "Canceled: Coffee chat" and cancel["Importance"] == "high"
    zoom = parse(invites.invite(client="zoom", organizer=SAM, attendees=(JORDAN,), start=start, end=end))
    assert zoom["From"].addresses[0].addr_spec == "no-reply@zoom.us"
    assert zoom["Reply-To"].addresses[0].addr_spec == SAM[1]
    calendly = parse(invites.invite(client="calendly", method="PUBLISH", organizer=SAM, attendees=(JORDAN,),
                                    start=start, end=end))
    assert calendly["From"].addresses[0].addr_spec == "notifications@calendly.com"


def test_a_cancellation_shares_the_uid_and_bumps_the_sequence():
    start = invites.at(NOW, days=3, time="11:00")
    for client in ("google", "outlook", "apple"):
        kw = dict(client=client, organizer=SAM, attendees=(JORDAN,), start=start, end=start + timedelta(minutes=30))
        _, _, offered = the_event(invites.invite(**kw))
        _, _, cancelled = the_event(invites.invite(method="CANCEL", **kw))
        assert str(offered["UID"]) == str(cancelled["UID"])
        assert int(cancelled["SEQUENCE"]) == int(offered["SEQUENCE"]) + 1


def test_icloud_hides_the_organizer_behind_a_relay_address():
    start = invites.at(NOW, days=1)
    _, _, event = the_event(invites.invite(client="apple", organizer=SAM, attendees=(JORDAN,), start=start,
                                           end=start + timedelta(minutes=30)))
    organizer = event["ORGANIZER"]
    assert organizer.params["EMAIL"] == SAM[1] and str(organizer).endswith("@imip.me.com")


def test_zoom_quirk_is_only_written_on_request():
    start = invites.at(NOW, days=1)
    kw = dict(client="zoom", organizer=SAM, attendees=(JORDAN,), start=start, end=start + timedelta(hours=1))
    assert defects(parse(invites.invite(**kw))) == []
    quirky = parse(invites.invite(quirks=True, **kw))
    assert defects(quirky)  # Zoom's "method=REQUEST;; charset=UTF-8", as Python's email sees it
    assert invites.calendar_parts(quirky)


def test_at_places_meetings_relative_to_now():
    assert invites.at(NOW, days=1) == datetime(2026, 11, 25, 15, 0, tzinfo=ZoneInfo("America/New_York"))
    assert invites.at(NOW, days=-1, time="09:30", tz="Europe/Berlin") == datetime(
        2026, 11, 23, 9, 30, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.mark.parametrize("name", sorted(invites.EXAMPLES))
def test_examples_are_clean(name):
    message, _, _ = the_event(invites.EXAMPLES[name])
    assert defects(message) == []
