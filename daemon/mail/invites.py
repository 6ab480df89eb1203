"""Calendar invites in mail: the meetings they describe, read with icalendar.

Pure: bytes of a text/calendar part in, CalendarEvent values out; the user's time zone is
an argument. Real invites differ in the details that decide *when* a meeting is, so each
is handled here: TZID with a VTIMEZONE (Outlook writes Windows names such as "Eastern
Standard Time"), UTC times, floating local times (Apple; Google's X-WR-TIMEZONE says
whose local time), all-day events, DURATION instead of DTEND, CANCEL and STATUS:CANCELLED,
and REPLY (an attendee accepting or declining). Anything unreadable yields no event.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar

log = logging.getLogger(__name__)

MAX_CALENDAR = 256_000  # bytes of one calendar part we are willing to parse
MAX_EVENTS = 5          # an invite holds one event (and a few exceptions); more is a feed, not an invite
EARLIEST, LATEST = 1971, 2200  # a meeting outside these years is a hostile or broken calendar

# The Windows zone names Outlook and Exchange write in TZID, for when no VTIMEZONE comes along.
WINDOWS_ZONES = {
    "eastern standard time": "America/New_York", "central standard time": "America/Chicago",
    "mountain standard time": "America/Denver", "us mountain standard time": "America/Phoenix",
    "pacific standard time": "America/Los_Angeles", "alaskan standard time": "America/Anchorage",
    "hawaiian standard time": "Pacific/Honolulu", "atlantic standard time": "America/Halifax",
    "gmt standard time": "Europe/London", "w. europe standard time": "Europe/Berlin",
    "romance standard time": "Europe/Paris", "central europe standard time": "Europe/Budapest",
    "e. europe standard time": "Europe/Chisinau", "utc": "UTC", "india standard time": "Asia/Kolkata",
    "tokyo standard time": "Asia/Tokyo", "china standard time": "Asia/Shanghai",
    "aus eastern standard time": "Australia/Sydney", "e. south america standard time": "America/Sao_Paulo",
    "sa pacific standard time": "America/Bogota", "central standard time (mexico)": "America/Mexico_City",
}


@dataclass(frozen=True)
class CalendarEvent:
    """One meeting as an invite describes it."""

    uid: str
    sequence: int
    method: str                 # REQUEST, REPLY, CANCEL, PUBLISH (REQUEST when the calendar names none)
    start: datetime             # aware, UTC
    end: datetime               # aware, UTC; equals start when the invite gives neither DTEND nor DURATION
    all_day: bool
    cancelled: bool             # CANCEL, STATUS:CANCELLED, or a REPLY that declines
    people: frozenset[str]      # organizer and attendee addresses, lower case
    summary: str


# Senders of booking confirmations and invites on someone's behalf: their mail may hold a
# contact's meeting though the contact neither sent it nor is copied.
SCHEDULERS = ("calendly", "zoom", "calendar", "acuityscheduling", "savvycal", "cal.com", "doodle", "youcanbook",
              "meetings", "scheduling")


# People who send invites for someone else, by the local part of their address.
SCHEDULING_PEOPLE = ("scheduler", "scheduling", "calendar", "assistant", "appointments", "meetings", "office")
# Subjects calendar systems give invitations, acceptances and cancellations.
INVITE_SUBJECT = re.compile(r"^\s*(?:(?:updated )?invitation|accepted|declined|tentative|canceled|cancelled|"
                            r"new event|confirmed|meeting|invite)\b", re.IGNORECASE)


def may_hold_invite(content_type: str, sender: str, subject: str, concerns_contact: bool) -> bool:
    """Worth a look at its BODYSTRUCTURE: a multipart or calendar message about a contact, or one that says invite.

    A single text part cannot hold an invite, and mail with no sign of a contact or of a
    calendar is not opened at all, so the first sync stays fast. (An invite from a stranger
    that names a contact only inside the calendar, with a plain subject, is missed.)
    """
    content_type = content_type.lower()
    if "calendar" in content_type or "method=" in content_type:
        return True
    if not content_type.startswith("multipart/"):
        return False
    local, _, domain = sender.lower().rpartition("@")
    return (concerns_contact or any(name in domain for name in SCHEDULERS)
            or any(name in local for name in SCHEDULING_PEOPLE) or bool(INVITE_SUBJECT.match(subject)))


def read_calendar(data: bytes, zone: tzinfo) -> list[CalendarEvent]:
    """The events of one calendar part; floating and all-day times are in `zone` (or the calendar's own)."""
    if not data or len(data) > MAX_CALENDAR:
        return []
    try:
        calendar = icalendar.Calendar.from_ical(data)
        method = str(calendar.get("METHOD", "REQUEST")).upper()
        feed_zone = _zone(str(calendar.get("X-WR-TIMEZONE", ""))) or zone
        components = calendar.walk("VEVENT")
        if len(components) > MAX_EVENTS:
            return []
        events = []
        for component in components:
            event = _event(component, method, feed_zone)
            if event is not None:
                events.append(event)
        return events
    except Exception:  # icalendar raises many kinds on hostile input; an unreadable invite is no meeting
        log.debug("unreadable calendar part", exc_info=True)
        return []


def _event(component: icalendar.Event, method: str, zone: tzinfo) -> CalendarEvent | None:
    uid = " ".join(str(component.get("UID", "")).split())[:250]
    if not uid or "DTSTART" not in component:
        return None
    if "RRULE" in component or "RECURRENCE-ID" in component:
        return None  # a weekly series (or one instance of it) is a standing meeting, not a conversation to thank for
    raw_start = component.decoded("DTSTART")
    all_day = isinstance(raw_start, date) and not isinstance(raw_start, datetime)
    start = _instant(raw_start, component["DTSTART"], zone)
    if "DTEND" in component:
        end = _instant(component.decoded("DTEND"), component["DTEND"], zone)
    elif "DURATION" in component:
        end = start + component.decoded("DURATION")
    else:
        end = start + (timedelta(days=1) if all_day else timedelta(0))
    people = {_address(component.get("ORGANIZER"))}
    attendees = component.get("ATTENDEE", [])
    attendees = attendees if isinstance(attendees, list) else [attendees]
    people.update(_address(a) for a in attendees)
    declined = method == "REPLY" and any(str(a.params.get("PARTSTAT", "")).upper() == "DECLINED"
                                         for a in attendees if hasattr(a, "params"))
    cancelled = method == "CANCEL" or str(component.get("STATUS", "")).upper() == "CANCELLED" or declined
    if not all(EARLIEST <= t.year <= LATEST for t in (start, end)):
        return None  # year 1 or 9999: no meeting, and nothing later has to handle such a date
    try:
        sequence = min(int(str(component.get("SEQUENCE", 0))), 2**31 - 1)
    except ValueError:
        sequence = 0
    return CalendarEvent(
        uid=uid, sequence=max(sequence, 0), method=method, start=start, end=max(end, start), all_day=all_day,
        cancelled=cancelled, people=frozenset(p for p in people if p),
        summary=" ".join(str(component.get("SUMMARY", "")).split())[:200],
    )


def _instant(value: date | datetime, prop: object, zone: tzinfo) -> datetime:
    """An aware UTC datetime: TZID or Z as written, floating and all-day in the given zone."""
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(0))
    if value.tzinfo is None:
        tzid = getattr(prop, "params", {}).get("TZID")
        value = value.replace(tzinfo=(_zone(str(tzid)) if tzid else None) or zone)
    try:
        return value.astimezone(timezone.utc)
    except (OverflowError, ValueError):
        return datetime(1, 1, 1, tzinfo=timezone.utc)  # out of range: refused by the caller


def _zone(name: str) -> tzinfo | None:
    """A time zone by IANA or Windows name; None if neither is known."""
    name = name.strip().strip('"')
    if not name:
        return None
    try:
        return ZoneInfo(WINDOWS_ZONES.get(name.lower(), name))
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _address(value: object) -> str:
    """A calendar address, lower case; iCloud writes a relay address and the real one in EMAIL=."""
    params = getattr(value, "params", {}) or {}
    text = str(params.get("EMAIL") or value or "").strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    text = text.strip().lower()
    return text if text.count("@") == 1 and " " not in text and len(text) <= 254 else ""
