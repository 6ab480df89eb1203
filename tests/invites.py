"""Calendar-invite email messages in the shapes real calendar systems send, placed at any time.

``invite(...)`` returns the raw bytes of one complete message (RFC 5322, CRLF line ends) as it
arrives in a mailbox: an invitation, an update, a cancellation or an acceptance, written the way
Google Calendar, Outlook / Exchange, Apple (iCloud's scheduling server, or Mail.app attaching an
iCal file), Zoom or Calendly writes it.  ``ics_text(...)`` returns the bare calendar.  Times are
aware datetimes, so a test can put a meeting "yesterday" or "tomorrow 15:00 New York" with
``at(NOW, days=1, time="15:00")``.  Only the standard library is used; tests read the result with
``email`` and the ``icalendar`` package.  All people and addresses are invented (example domains),
except the calendar systems' own sender addresses, which are real because parsers key on them.

Nothing here is copied from a real message: each shape is rebuilt from the public samples below,
structure, header names, part order, parameter spelling and calendar properties included.

Shapes and the public files they are modelled on (repository: path)
------------------------------------------------------------------
google REQUEST
    mozilla/releases-comm-central: calendar/test/browser/invitations/data/meet-meeting-invite.eml
    (a real Google Calendar invitation, 2021: From the organizer, ``Sender: Google Calendar
    <calendar-notification@google.com>``; multipart/mixed > multipart/alternative(text/plain
    base64 format=flowed, text/html QP, ``text/calendar; charset="UTF-8"; method=REQUEST`` QP)
    + ``application/ics; name="invite.ics"`` base64 attachment; times in UTC with Z, no VTIMEZONE);
    nextcloud/mail: tests/data/imip/request_google.txt (2025: ``DTSTART;TZID=Europe/Berlin`` with a
    VTIMEZONE carrying X-LIC-LOCATION and 1970-based RRULEs; subject
    ``Invitation: ... @ Thu Feb 20, 2025 7pm - 8pm (CET) (address)``).
google CANCEL
    linux-mailinglist-archives/qemu-devel.nongnu.org.0 (public-inbox archive, file ``m``): a real
    "Canceled event with note: QEMU/KVM developers conference call @ Tue 14 May 2024 ..." sent to
    qemu-devel (DKIM signs Reply-To, Sender, Auto-Submitted; Message-ID ``<calendar-UUID@google.com>``;
    METHOD:CANCEL, STATUS:CANCELLED, SEQUENCE:1, TZID=America/New_York + VTIMEZONE).
google REPLY
    a real "Accepted: summary @ Tue Jan 7, 2020 3:21pm - 3:51pm (EET) (OCEADMIN OCEADMIN)" embedded
    in a public JavaScript SMTP test (found by text search; the index did not name its repository):
    From the attendee, Reply-To the attendee, Sender calendar-notification@google.com; METHOD:REPLY
    with only the answering ATTENDEE (PARTSTAT=ACCEPTED, no RSVP); same mixed/alternative + invite.ics.
outlook REQUEST
    mozilla/releases-comm-central: calendar/test/browser/invitations/data/outlook-test-invite.eml and
    teams-meeting-invite.eml; nextcloud/mail: tests/data/imip/request_outlook_com.txt
    (multipart/alternative: text/plain + text/html in iso-8859-1 QP, ``text/calendar; charset="utf-8";
    method=REQUEST`` base64; ``PRODID:Microsoft Exchange Server 2010``; Windows zone names in TZID,
    e.g. ``FLE Standard Time``, ``W. Europe Standard Time``, with a VTIMEZONE whose DTSTART is
    16010101; X-MICROSOFT-CDO-* properties; subject is just the summary; Thread-Topic/Thread-Index).
outlook CANCEL
    linux-mailinglist-archives/openbmc.lists.ozlabs.org.0 (file ``m``): a real Exchange Online
    "Canceled: OpenBMC Platform telemetry ..." (Importance: high, X-Priority: 1; the calendar's
    SUMMARY is itself prefixed "Canceled: "; STATUS:CANCELLED, SEQUENCE:2, PRIORITY:1,
    TRANSP:TRANSPARENT, X-MICROSOFT-CDO-BUSYSTATUS:FREE; TZID=Pacific Standard Time).
outlook REPLY
    the Exchange/Hotmail reply reduced to its structure in a public MimeKit fixture plan (found by text
    search: ``text/calendar; charset="utf-8"; method=REPLY``, ``ATTENDEE;PARTSTAT=ACCEPTED;CN=...``,
    SUMMARY prefixed "Accepted"), with the headers of the two Exchange messages above; ORGANIZER is
    added as RFC 5546 requires (the reduced fixture did not show it).
apple REQUEST / CANCEL / REPLY (iCloud-style server mail)
    apple/ccs-calendarserver: txdav/caldav/datastore/scheduling/imip/outbound.py (Apple's open-source
    Calendar Server iMIP sender, Apache License 2.0, Copyright (c) 2005-2015 Apple Inc.): multipart/
    mixed > alternative(text/plain, multipart/related(text/html)) + ``text/calendar; charset="utf-8";
    method="request"`` (lower case, quoted) with ``Content-ID: <invitation.ics>`` and
    ``Content-Disposition: inline;filename=invitation.ics``; subjects "Event invitation: ...",
    "Event update: ...", "Event canceled: ...", "Event reply: ..."; Reply-To a per-invite token
    address.  nylas/sync-engine: inbox/events/ical.py documents iCloud's
    ``ORGANIZER;CN=User;EMAIL=user@icloud.com:mailto:random@imip.me.com`` (the real address only in
    EMAIL=); the VEVENT/VTIMEZONE layout (X-APPLE-TRAVEL-ADVISORY-BEHAVIOR, 2007-based rules) follows
    Apple-produced calendars quoted in public tests.
apple_mail REQUEST / REPLY (Mail.app attaching an iCal file; floating times)
    apple/ccs-calendarserver: txdav/caldav/datastore/scheduling/imip/test/data/good_reply (a real,
    anonymised Apple Mail message, Apache License 2.0): multipart/alternative > text/plain +
    multipart/mixed(text/html, ``text/calendar; x-unix-mode=0644; name="iCal-20080812-131911.ics"``
    attachment with *no* method parameter, QP with CRLF encoded as =0D=0A), ``X-Mail-Calendar-Part: Yes``,
    subject "Event accepted: ...".  The REQUEST variant (subject = the event title) is the same structure with
    METHOD:REQUEST; no public Mail.app invitation was found to confirm its subject.
zoom REQUEST / PUBLISH
    linux-mailinglist-archives/linux-wpan.vger.kernel.org.0 (file ``m``): a real Zoom registration
    confirmation, 2026: From ``Zoom Webinar <no-reply@zoom.us>``, Reply-To the host's address under
    Zoom's display name, Subject "<topic> Confirmation"; multipart/mixed > alternative(text/html QP,
    ``text/calendar; method=REQUEST;; charset=UTF-8`` QP) + ``text/calendar; name="invite.ics"``
    base64 attachment; ``PRODID:-//zoom.us//iCalendar Event//EN``, VTIMEZONE with TZURL and
    LAST-MODIFIED, a stray ``TZID:`` property inside the VEVENT, ``ORGANIZER;...:no-reply@zoom.us``
    without ``mailto:``, SEQUENCE a ten-digit number, join link in LOCATION and DESCRIPTION.
    PUBLISH is Zoom's "add to calendar" file (METHOD:PUBLISH, CLASS:PUBLIC, no ORGANIZER/ATTENDEE)
    as quoted in several public tests.
calendly PUBLISH / REQUEST
    No real Calendly message is public in the index.  Built from Calendly's help centre ("Calendly
    invitee notifications": email confirmations come from Calendly with an .ics file, replies go to
    the host) and the many public mail filters keyed on ``notifications@calendly.com``; times in UTC
    with Z.  The subject and the PRODID are assumptions.  (Hosts who connect Google or Microsoft
    calendars send *calendar invitations* instead: those are the google/outlook shapes.)
all-day (any client)
    kewisch/ical.js: samples/google_birthday.ics (DTSTART;VALUE=DATE / DTEND;VALUE=DATE next day);
    Outlook adds X-MICROSOFT-CDO-ALLDAYEVENT:TRUE.

Quirks a reader must survive (all present in the samples above; most are reproduced here)
    * Windows zone names in TZID (Outlook), with a VTIMEZONE starting in 1601 whose DTSTART does not
      match its own RRULE; Exchange Online and Outlook.com sometimes use a 32-hex UID instead of the
      040000008200E000... Global Object ID.
    * The same meeting in UTC (Z, no VTIMEZONE; older Google) or in TZID + VTIMEZONE (newer Google).
    * Floating local times (no TZID, no Z) from Apple when the event is set to "floating".
    * X-WR-TIMEZONE / X-WR-CALNAME only in Google *feeds* (METHOD absent or PUBLISH), never in iMIP mail;
      feeds also use DURATION instead of DTEND (kewisch/ical.js: samples/duration_instead_of_dtend.ics).
    * base64 calendar parts (Outlook, Google's attachment), QP parts with soft breaks in the middle of
      properties (Google), QP with literal =0D=0A and no line structure at all (Apple Mail).
    * ``method=`` missing (Apple Mail), lower case and quoted (Calendar Server), or followed by an empty
      parameter ``;;`` (Zoom; Python's email records an InvalidHeaderDefect for it, so it is only
      written with ``quirks=True``).
    * ORGANIZER without ``mailto:`` (Zoom), or a relay token address with the real one in ``EMAIL=``
      (iCloud); the organizer also listed as an ATTENDEE (Google, Apple).
    * Outlook rewrites SUMMARY in CANCEL and REPLY ("Canceled: ...", "Accepted: ...").
    * Google sends from the organizer's own address with the calendar system in ``Sender:``.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from email import policy as _policies
from email import quoprimime
from email.message import Message
from email.utils import format_datetime, formataddr
from zoneinfo import ZoneInfo

__all__ = [
    "CLIENTS", "SHAPES", "METHODS", "at", "invite", "ics_text", "calendar_parts",
    "WINDOWS_ZONES", "EXAMPLES",
]

CLIENTS = ("google", "outlook", "apple", "apple_mail", "zoom", "calendly")
METHODS = ("REQUEST", "REPLY", "CANCEL", "PUBLISH")

# The (client, method) pairs built here; the module docstring says how firmly each rests on a real sample.
SHAPES = (
    ("google", "REQUEST"), ("google", "CANCEL"), ("google", "REPLY"),
    ("outlook", "REQUEST"), ("outlook", "CANCEL"), ("outlook", "REPLY"),
    ("apple", "REQUEST"), ("apple", "CANCEL"), ("apple", "REPLY"),
    ("apple_mail", "REQUEST"), ("apple_mail", "REPLY"),
    ("zoom", "REQUEST"), ("zoom", "PUBLISH"),
    ("calendly", "PUBLISH"), ("calendly", "REQUEST"),
)

Person = tuple[str, str]  # (display name, address); "" for no name

CRLF = "\r\n"
UTC = timezone.utc
_HEADERS = _policies.SMTP  # CRLF line ends, RFC 2047 for non-ASCII

GOOGLE_SENDER: Person = ("Google Calendar", "calendar-notification@google.com")
ZOOM_SENDER: Person = ("Zoom", "no-reply@zoom.us")
CALENDLY_SENDER: Person = ("Calendly", "notifications@calendly.com")
ICLOUD_RELAY = "imip.me.com"

# IANA zone -> the Windows name Outlook/Exchange writes in TZID.
WINDOWS_ZONES = {
    "America/New_York": "Eastern Standard Time", "America/Toronto": "Eastern Standard Time",
    "America/Detroit": "Eastern Standard Time", "America/Chicago": "Central Standard Time",
    "America/Denver": "Mountain Standard Time", "America/Phoenix": "US Mountain Standard Time",
    "America/Los_Angeles": "Pacific Standard Time", "America/Anchorage": "Alaskan Standard Time",
    "Pacific/Honolulu": "Hawaiian Standard Time", "America/Halifax": "Atlantic Standard Time",
    "America/Sao_Paulo": "E. South America Standard Time", "America/Bogota": "SA Pacific Standard Time",
    "America/Mexico_City": "Central Standard Time (Mexico)", "Europe/London": "GMT Standard Time",
    "Europe/Dublin": "GMT Standard Time", "Europe/Lisbon": "GMT Standard Time",
    "Europe/Berlin": "W. Europe Standard Time", "Europe/Amsterdam": "W. Europe Standard Time",
    "Europe/Rome": "W. Europe Standard Time", "Europe/Vienna": "W. Europe Standard Time",
    "Europe/Paris": "Romance Standard Time", "Europe/Brussels": "Romance Standard Time",
    "Europe/Madrid": "Romance Standard Time", "Europe/Helsinki": "FLE Standard Time",
    "Europe/Kyiv": "FLE Standard Time", "Europe/Athens": "GTB Standard Time",
    "Asia/Kolkata": "India Standard Time", "Asia/Tokyo": "Tokyo Standard Time",
    "Asia/Shanghai": "China Standard Time", "Asia/Singapore": "Singapore Standard Time",
    "Australia/Sydney": "AUS Eastern Standard Time", "UTC": "UTC",
}

# How Google names zones in its mail bodies.
_GOOGLE_ZONE_NAMES = {
    "America/New_York": "Eastern Time - New York", "America/Chicago": "Central Time - Chicago",
    "America/Denver": "Mountain Time - Denver", "America/Los_Angeles": "Pacific Time - Los Angeles",
    "Europe/London": "United Kingdom Time", "Europe/Berlin": "Central European Time - Berlin",
    "Europe/Paris": "Central European Time - Paris", "Asia/Kolkata": "India Standard Time - Kolkata",
}
_CALENDLY_ZONE_NAMES = {
    "America/New_York": "Eastern Time - US & Canada", "America/Chicago": "Central Time - US & Canada",
    "America/Denver": "Mountain Time - US & Canada", "America/Los_Angeles": "Pacific Time - US & Canada",
}
_ZOOM_ZONE_NAMES = {
    "America/New_York": "Eastern Time (US and Canada)", "America/Chicago": "Central Time (US and Canada)",
    "America/Denver": "Mountain Time (US and Canada)", "America/Los_Angeles": "Pacific Time (US and Canada)",
}


# ---------------------------------------------------------------------------------------------
# Time helpers
# ---------------------------------------------------------------------------------------------

def at(now: datetime, *, days: int = 0, time: str = "15:00", tz: str = "America/New_York") -> datetime:
    """The aware instant `days` after `now`'s date (in `tz`) at local wall-clock `time` ("HH:MM") in `tz`.

    ``at(NOW, days=1)`` is "tomorrow 15:00 New York"; ``at(NOW, days=-1, time="09:30", tz="Europe/Berlin")``
    is yesterday morning in Berlin.
    """
    zone = ZoneInfo(tz)
    day = now.astimezone(zone).date() + timedelta(days=days)
    hour, minute = (int(x) for x in time.split(":"))
    return datetime.combine(day, _time(hour, minute), tzinfo=zone)


def _time(hour: int, minute: int) -> time:
    return time(hour, minute)


def _aware(value: datetime | date, zone: ZoneInfo) -> datetime:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("start and end must be aware datetimes")
        return value
    return datetime.combine(value, time(0, 0), tzinfo=zone)


def _local_date(value: datetime | date, zone: ZoneInfo) -> date:
    return value.astimezone(zone).date() if isinstance(value, datetime) else value


def _all_day_range(start: datetime | date, end: datetime | date, zone: ZoneInfo) -> tuple[date, date]:
    """First day and the exclusive day after the last, as DTSTART/DTEND;VALUE=DATE carry them."""
    first = _local_date(start, zone)
    if isinstance(end, datetime):
        local_end = end.astimezone(zone)
        last = local_end.date() if local_end.time() == time(0, 0) else local_end.date() + timedelta(days=1)
    else:
        last = end
    return first, max(last, first + timedelta(days=1))


def _stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _local(value: datetime) -> str:
    return value.strftime("%Y%m%dT%H%M%S")


def _offset(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


# ---------------------------------------------------------------------------------------------
# VTIMEZONE, derived from the zone's transitions in the meeting's year
# ---------------------------------------------------------------------------------------------

_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class _Transition:
    wall: datetime          # naive local time of the change, in the offset before it
    before: timedelta
    after: timedelta
    daylight: bool
    name: str

    @property
    def byday(self) -> tuple[int, str]:
        nth = (self.wall.day - 1) // 7 + 1
        month_days = ((self.wall.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)).day
        return (-1 if self.wall.day + 7 > month_days else nth), _DAYS[self.wall.weekday()]

    def rrule(self, outlook: bool = False) -> str:
        nth, day = self.byday
        if outlook:
            return f"FREQ=YEARLY;INTERVAL=1;BYDAY={nth}{day};BYMONTH={self.wall.month}"
        return f"FREQ=YEARLY;BYMONTH={self.wall.month};BYDAY={nth}{day}"

    def first_in(self, year: int) -> datetime:
        """The same rule's date in `year` (the onset clients write, e.g. 19700308T020000)."""
        nth, day = self.byday
        target = _DAYS.index(day)
        if nth > 0:
            first = datetime(year, self.wall.month, 1, self.wall.hour, self.wall.minute)
            first += timedelta(days=(target - first.weekday()) % 7)
            return first + timedelta(weeks=nth - 1)
        nxt = datetime(year + (self.wall.month == 12), self.wall.month % 12 + 1, 1, self.wall.hour, self.wall.minute)
        last = nxt - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - target) % 7)


@functools.lru_cache(maxsize=64)
def _transitions(tz: str, year: int) -> tuple[tuple[_Transition, ...], timedelta, str]:
    """Offset changes of `tz` during `year`, plus the offset and abbreviation in force on 1 January."""
    zone = ZoneInfo(tz)
    moment = datetime(year, 1, 1, tzinfo=UTC)
    first = moment.astimezone(zone)
    before = first.utcoffset()
    found = []
    while moment.year == year:
        later = moment + timedelta(hours=1)
        after = later.astimezone(zone).utcoffset()
        if after != before:
            low, high = 0, 60  # minutes after `moment`; the change happens in (low, high]
            while high - low > 1:
                mid = (low + high) // 2
                if (moment + timedelta(minutes=mid)).astimezone(zone).utcoffset() == after:
                    high = mid
                else:
                    low = mid
            instant = moment + timedelta(minutes=high)
            local = instant.astimezone(zone)
            found.append(_Transition(instant.replace(tzinfo=None) + before, before, after,
                                     bool(local.dst()), local.tzname() or ""))
            before = after
        moment = later
    return tuple(found), first.utcoffset(), first.tzname() or ""


def _vtimezone(tz: str, tzid: str, year: int, style: str) -> list[str]:
    """VTIMEZONE lines for `tz`, laid out as the client `style` writes them (google/zoom/apple/outlook)."""
    changes, january, january_name = _transitions(tz, year)
    base = {"google": 1970, "zoom": 1970, "apple": 2007, "outlook": 1601}[style]
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tzid}"]
    if style == "zoom":
        lines += ["LAST-MODIFIED:20260306T231828Z", f"TZURL:https://www.tzurl.org/zoneinfo-outlook/{tz}",
                  f"X-LIC-LOCATION:{tz}"]
    elif style == "google":
        lines.append(f"X-LIC-LOCATION:{tz}")
    if len(changes) != 2:  # no daylight saving (or a one-off change): one STANDARD block per offset
        blocks = [("STANDARD", datetime(base, 1, 1), january, january, january_name, None)]
        blocks += [("DAYLIGHT" if c.daylight else "STANDARD", c.wall, c.before, c.after, c.name, None)
                   for c in changes]
    else:
        daylight_first = style in ("google", "zoom", "apple")
        ordered = sorted(changes, key=lambda c: c.daylight != daylight_first)
        blocks = []
        for c in ordered:
            onset = datetime(1601, 1, 1, c.wall.hour, c.wall.minute) if style == "outlook" else c.first_in(base)
            blocks.append(("DAYLIGHT" if c.daylight else "STANDARD", onset, c.before, c.after, c.name,
                           c.rrule(outlook=style == "outlook")))
    for kind, onset, before, after, name, rule in blocks:
        lines.append(f"BEGIN:{kind}")
        props = {"DTSTART": _local(onset), "TZOFFSETFROM": _offset(before), "TZOFFSETTO": _offset(after),
                 "TZNAME": name, "RRULE": rule}
        order = {
            "google": ("TZOFFSETFROM", "TZOFFSETTO", "TZNAME", "DTSTART", "RRULE"),
            "zoom": ("TZNAME", "TZOFFSETFROM", "TZOFFSETTO", "DTSTART", "RRULE"),
            "apple": ("TZOFFSETFROM", "RRULE", "DTSTART", "TZNAME", "TZOFFSETTO"),
            "outlook": ("DTSTART", "TZOFFSETFROM", "TZOFFSETTO", "RRULE"),
        }[style]
        lines += [f"{key}:{props[key]}" for key in order if props[key]]
        lines.append(f"END:{kind}")
    lines.append("END:VTIMEZONE")
    return lines


# ---------------------------------------------------------------------------------------------
# iCalendar text
# ---------------------------------------------------------------------------------------------

def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\n").replace("\n", "\\n")


def _param(value: str, always: bool = False) -> str:
    return f'"{value}"' if always or any(c in value for c in ':;,') else value


def _fold(line: str, width: int = 75) -> list[str]:
    """RFC 5545 folding at `width` octets, never inside a UTF-8 sequence."""
    out, current, size = [], "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > width:
            out.append(current)
            current, size = " ", 1
        current += ch
        size += n
    out.append(current)
    return out


def _calendar(lines: list[str], width: int = 75) -> str:
    return "".join(part + CRLF for line in lines for part in _fold(line, width))


def _digest(*parts: object) -> bytes:
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).digest()


def _b32(data: bytes) -> str:
    return base64.b32hexencode(data).decode().rstrip("=").lower()


@dataclass
class _Meeting:
    client: str
    method: str
    organizer: Person
    attendees: tuple[Person, ...]
    start: datetime
    end: datetime
    tz: str
    uid: str
    sequence: int
    summary: str
    all_day: bool
    floating: bool
    utc: bool
    partstat: str
    location: str
    description: str
    sent: datetime
    quirks: bool
    seed: bytes = field(repr=False, default=b"")

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.tz)

    @property
    def tzid(self) -> str:
        return WINDOWS_ZONES.get(self.tz, self.tz) if self.client == "outlook" else self.tz

    @property
    def replier(self) -> Person:
        return self.attendees[0]

    @property
    def local_start(self) -> datetime:
        return self.start.astimezone(self.zone)

    @property
    def local_end(self) -> datetime:
        return self.end.astimezone(self.zone)

    @property
    def days(self) -> tuple[date, date]:
        return _all_day_range(self.start, self.end, self.zone)

    @property
    def uses_tzid(self) -> bool:
        return not (self.all_day or self.floating or self.utc)

    def when(self, name: str, value: datetime, all_day_value: date) -> str:
        if self.all_day:
            return f"{name};VALUE=DATE:{all_day_value:%Y%m%d}"
        if self.floating:
            return f"{name}:{_local(value.astimezone(self.zone))}"
        if self.utc:
            return f"{name}:{_stamp(value)}"
        return f"{name};TZID={self.tzid}:{_local(value.astimezone(self.zone))}"

    def dtstart(self) -> str:
        return self.when("DTSTART", self.start, self.days[0])

    def dtend(self) -> str:
        return self.when("DTEND", self.end, self.days[1])

    def timezone_lines(self, style: str) -> list[str]:
        if self.all_day and style != "outlook" or self.floating or self.utc:
            return []
        return _vtimezone(self.tz, self.tzid, self.local_start.year, style)

    def rand(self, label: str, size: int = 16) -> bytes:
        return hashlib.sha256(self.seed + label.encode()).digest()[:size]


def _default_uid(client: str, organizer: Person, summary: str, start: datetime) -> str:
    h = _digest(client, organizer[1].lower(), summary, _stamp(start))
    if client == "google":
        return f"{_b32(h[:16])[:26]}@google.com"
    if client == "outlook":
        filetime = int((start.astimezone(UTC) - datetime(1601, 1, 1, tzinfo=UTC)).total_seconds() * 10**7)
        return ("040000008200E00074C5B7101A82E008" + "00000000" + filetime.to_bytes(8, "little").hex().upper()
                + "0000000000000000" + "10000000" + h[:16].hex().upper())
    if client in ("apple", "apple_mail"):
        return str(uuid.UUID(bytes=h[:16], version=4)).upper()
    if client == "zoom":
        return (_b32(h) + _b32(_digest("more", h)))[:68]
    return str(uuid.UUID(bytes=h[:16], version=4))


def _meet_code(m: _Meeting) -> str:
    letters = "".join("abcdefghijklmnopqrstuvwxyz"[b % 26] for b in m.rand("meet", 10))
    return f"{letters[:3]}-{letters[3:7]}-{letters[7:10]}"


def _zoom_id(m: _Meeting) -> str:
    return str(80000000000 + int.from_bytes(m.rand("zoom", 6), "big") % 9999999999)


def _zoom_link(m: _Meeting) -> str:
    pwd = base64.urlsafe_b64encode(m.rand("pwd", 24)).decode().rstrip("=")[:32]
    return f"https://us06web.zoom.us/j/{_zoom_id(m)}?pwd={pwd}.1"


def _teams_link(m: _Meeting) -> str:
    token = base64.b64encode(m.rand("teams", 36)).decode().rstrip("=").replace("/", "x").replace("+", "y")
    return f"https://teams.microsoft.com/l/meetup-join/19%3ameeting_{token}%40thread.v2/0"


def _google_eid(m: _Meeting, who: str) -> str:
    return base64.urlsafe_b64encode(f"{m.uid.split('@')[0]} {who}".encode()).decode().rstrip("=")


def ics_text(*, client: str, method: str = "REQUEST", organizer: Person, attendees: tuple[Person, ...],
             start: datetime, end: datetime, tz: str = "America/New_York", uid: str | None = None,
             sequence: int | None = None, summary: str = "Coffee chat", all_day: bool = False,
             floating: bool = False, utc: bool | None = None, partstat: str = "ACCEPTED",
             location: str | None = None, description: str | None = None,
             sent: datetime | None = None, quirks: bool = False) -> str:
    """The calendar object (CRLF lines, folded) that `client` puts in a `method` message."""
    return _ics(_meeting(client=client, method=method, organizer=organizer, attendees=attendees, start=start,
                         end=end, tz=tz, uid=uid, sequence=sequence, summary=summary, all_day=all_day,
                         floating=floating, utc=utc, partstat=partstat, location=location,
                         description=description, sent=sent, quirks=quirks))


def _meeting(*, client: str, method: str, organizer: Person, attendees: tuple[Person, ...], start: datetime,
             end: datetime, tz: str, uid: str | None, sequence: int | None, summary: str, all_day: bool,
             floating: bool, utc: bool | None, partstat: str, location: str | None, description: str | None,
             sent: datetime | None, quirks: bool) -> _Meeting:
    method = method.upper()
    if client not in CLIENTS:
        raise ValueError(f"unknown client {client!r}; one of {CLIENTS}")
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; one of {METHODS}")
    if not attendees:
        raise ValueError("at least one attendee is needed")
    if client == "outlook" and tz not in WINDOWS_ZONES and tz in WINDOWS_ZONES.values():
        tz = next(iana for iana, win in WINDOWS_ZONES.items() if win == tz)  # a Windows name was given
    zone = ZoneInfo(tz)
    start, end = _aware(start, zone), _aware(end, zone)
    if end < start:
        raise ValueError("end is before start")
    if utc is None:
        utc = client == "calendly"
    if sequence is None:
        sequence = 1 if method == "CANCEL" else 0
    if sent is None:
        back = {"REQUEST": timedelta(days=2), "PUBLISH": timedelta(days=2), "CANCEL": timedelta(days=1),
                "REPLY": timedelta(days=2) - timedelta(hours=2)}[method]
        sent = (start - back).astimezone(UTC).replace(microsecond=0)
    uid = uid or _default_uid(client, organizer, summary, start)
    m = _Meeting(client, method, organizer, tuple(attendees), start, end, tz, uid, sequence, summary, all_day,
                 floating, utc, partstat.upper(), "", "", sent, quirks)
    m.seed = _digest(client, method, uid, sequence, _stamp(start), _stamp(sent))
    m.location = location if location is not None else _default_location(m)
    m.description = description if description is not None else _default_description(m)
    return m


def _default_location(m: _Meeting) -> str:
    if m.client == "outlook":
        return "Microsoft Teams Meeting"
    if m.client in ("zoom", "calendly"):
        return _zoom_link(m)
    return ""


def _default_description(m: _Meeting) -> str:
    org = m.organizer[0] or m.organizer[1]
    if m.client == "google":
        view = (f"https://calendar.google.com/calendar/event?action=VIEW&eid={_google_eid(m, m.organizer[1])}"
                f"&ctz={m.tz.replace('/', '%2F')}&hl=en&es=1")
        bar = "-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-"
        return (f"{bar}\nDo not edit this section of the description.\n\nThis event has a video call.\n"
                f"Join: https://meet.google.com/{_meet_code(m)}\n\nView your event at {view}.\n{bar}")
    if m.client == "outlook":
        return ("\n" + "_" * 80 + "\nMicrosoft Teams meeting\nJoin on your computer, mobile app or room device\n"
                f"Click here to join the meeting<{_teams_link(m)}>\n"
                f"Meeting ID: {_zoom_id(m)[:3]} {_zoom_id(m)[3:6]} {_zoom_id(m)[6:9]} {_zoom_id(m)[9:]}\n"
                "Learn More<https://aka.ms/JoinTeamsMeeting>\n" + "_" * 80 + "\n")
    if m.client == "zoom":
        zid = _zoom_id(m)
        return (f"Hi there,\n\n{org} is inviting you to a scheduled Zoom meeting.\n\nJoin Zoom Meeting\n"
                f"{m.location}\n\nMeeting ID: {zid[:3]} {zid[3:7]} {zid[7:]}\n\n---\n\nOne tap mobile\n"
                f"+16469313860,,{zid}# US\n\n")
    if m.client == "calendly":
        token = str(uuid.UUID(bytes=m.rand("calendly"), version=4))
        return (f"Event Name: {m.summary}\n\nLocation: This is a Zoom web conference.\nJoin: {m.location}\n\n"
                f"Need to make changes to this event?\nCancel: https://calendly.com/cancellations/{token}\n"
                f"Reschedule: https://calendly.com/reschedulings/{token}\n\nPowered by Calendly.com\n")
    return ""


def _people(m: _Meeting) -> list[Person]:
    """Organizer first, then the attendees, each once."""
    seen, out = set(), []
    for p in (m.organizer, *m.attendees):
        if p[1].lower() not in seen:
            seen.add(p[1].lower())
            out.append(p)
    return out


def _ics(m: _Meeting) -> str:
    return {"google": _ics_google, "outlook": _ics_outlook, "apple": _ics_apple, "apple_mail": _ics_apple,
            "zoom": _ics_zoom, "calendly": _ics_calendly}[m.client](m)


def _ics_google(m: _Meeting) -> str:
    first = m.method == "REQUEST" and m.sequence == 0
    created = m.sent - timedelta(minutes=1) if first else m.start - timedelta(days=7)
    lines = ["BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", "VERSION:2.0",
             "CALSCALE:GREGORIAN", f"METHOD:{m.method}", *m.timezone_lines("google"), "BEGIN:VEVENT",
             m.dtstart(), m.dtend(), f"DTSTAMP:{_stamp(m.sent)}",
             f"ORGANIZER;CN={_param(m.organizer[0] or m.organizer[1])}:mailto:{m.organizer[1]}", f"UID:{m.uid}"]
    if m.method == "REPLY":
        who = m.replier
        lines.append(f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={m.partstat};"
                     f"CN={_param(who[0] or who[1])};X-NUM-GUESTS=0:mailto:{who[1]}")
    else:
        for p in _people(m):
            state = "ACCEPTED" if p == m.organizer else "NEEDS-ACTION"
            rsvp = "" if m.method == "CANCEL" else "RSVP=TRUE;"
            lines.append(f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={state};{rsvp}"
                         f"CN={_param(p[0] or p[1])};X-NUM-GUESTS=0:mailto:{p[1]}")
    lines += [f"CREATED:{_stamp(created)}", f"DESCRIPTION:{_escape(m.description)}",
              f"LAST-MODIFIED:{_stamp(m.sent)}", f"LOCATION:{_escape(m.location)}", f"SEQUENCE:{m.sequence}",
              f"STATUS:{'CANCELLED' if m.method == 'CANCEL' else 'CONFIRMED'}", f"SUMMARY:{_escape(m.summary)}",
              "TRANSP:TRANSPARENT" if m.all_day else "TRANSP:OPAQUE"]
    if m.method == "REQUEST":
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:This is an event reminder",
                  "TRIGGER:-P0DT0H30M0S", "END:VALARM"]
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return _calendar(lines)


def _ics_outlook(m: _Meeting) -> str:
    cancel, reply = m.method == "CANCEL", m.method == "REPLY"
    summary = {"CANCEL": f"Canceled: {m.summary}", "REPLY": f"{_reply_word(m, 'outlook')}: {m.summary}"}.get(
        m.method, m.summary)
    lines = ["BEGIN:VCALENDAR", f"METHOD:{m.method}", "PRODID:Microsoft Exchange Server 2010", "VERSION:2.0",
             *m.timezone_lines("outlook"), "BEGIN:VEVENT"]
    organizer = f"ORGANIZER;CN={_param(m.organizer[0] or m.organizer[1])}:mailto:{m.organizer[1]}"
    if reply:
        who = m.replier
        lines += [f"ATTENDEE;PARTSTAT={m.partstat};CN={_param(who[0] or who[1])}:mailto:{who[1]}", organizer]
    else:
        lines.append(organizer)
        for p in m.attendees:
            if p[1].lower() != m.organizer[1].lower():
                lines.append("ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;"
                             f"CN={_param(p[0] or p[1])}:mailto:{p[1]}")
        lines.append(f"DESCRIPTION;LANGUAGE=en-US:{_escape(m.description)}")
    owner = int.from_bytes(m.rand("owner", 4), "big", signed=True)
    busy = "FREE" if cancel else ("BUSY" if reply else "TENTATIVE")
    lines += [f"UID:{m.uid}", f"SUMMARY;LANGUAGE=en-US:{_escape(summary)}", m.dtstart(), m.dtend(),
              "CLASS:PUBLIC", f"PRIORITY:{1 if cancel else 5}", f"DTSTAMP:{_stamp(m.sent)}",
              "TRANSP:TRANSPARENT" if cancel or m.all_day else "TRANSP:OPAQUE",
              f"STATUS:{'CANCELLED' if cancel else 'CONFIRMED'}", f"SEQUENCE:{m.sequence}",
              f"LOCATION;LANGUAGE=en-US:{_escape(m.location)}", f"X-MICROSOFT-CDO-APPT-SEQUENCE:{m.sequence}",
              f"X-MICROSOFT-CDO-OWNERAPPTID:{owner}", f"X-MICROSOFT-CDO-BUSYSTATUS:{busy}",
              f"X-MICROSOFT-CDO-INTENDEDSTATUS:{'FREE' if cancel else 'BUSY'}",
              f"X-MICROSOFT-CDO-ALLDAYEVENT:{'TRUE' if m.all_day else 'FALSE'}",
              f"X-MICROSOFT-CDO-IMPORTANCE:{2 if cancel else 1}", "X-MICROSOFT-CDO-INSTTYPE:0"]
    if not reply:
        lines += ["X-MICROSOFT-DONOTFORWARDMEETING:FALSE", "X-MICROSOFT-DISALLOW-COUNTER:FALSE"]
    if m.method == "REQUEST":
        if m.location == "Microsoft Teams Meeting":
            lines.append(f"X-MICROSOFT-SKYPETEAMSMEETINGURL:{_teams_link(m)}")
        lines += ["X-MICROSOFT-REQUESTEDATTENDANCEMODE:DEFAULT", "X-MICROSOFT-ISRESPONSEREQUESTED:TRUE",
                  "X-MICROSOFT-LOCATIONS:[]", "BEGIN:VALARM", "DESCRIPTION:REMINDER",
                  "TRIGGER;RELATED=START:-PT15M", "ACTION:DISPLAY", "END:VALARM"]
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return _calendar(lines, width=74)


def _relay(m: _Meeting, who: Person) -> str:
    """iCloud's per-invitation relay address that stands in for the organizer."""
    token = base64.b32encode(_digest("relay", who[1].lower(), m.uid) * 2).decode().rstrip("=")
    return f"2_{token[:79]}@{ICLOUD_RELAY}"


def _ics_apple(m: _Meeting) -> str:
    server = m.client == "apple"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Apple Inc.//macOS 14.6.1//EN", "CALSCALE:GREGORIAN",
             f"METHOD:{m.method}", *m.timezone_lines("apple"), "BEGIN:VEVENT",
             f"CREATED:{_stamp(m.start - timedelta(days=7) if m.sequence else m.sent - timedelta(minutes=1))}",
             f"UID:{m.uid}", m.dtend(), "TRANSP:TRANSPARENT" if m.all_day else "TRANSP:OPAQUE",
             "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC", f"SUMMARY:{_escape(m.summary)}",
             f"LAST-MODIFIED:{_stamp(m.sent)}", f"DTSTAMP:{_stamp(m.sent)}", m.dtstart(), f"SEQUENCE:{m.sequence}"]
    if m.location:
        lines.append(f"LOCATION:{_escape(m.location)}")
    if m.method == "CANCEL":
        lines.append("STATUS:CANCELLED")
    org_name = m.organizer[0] or m.organizer[1]
    if server and m.method != "REPLY":
        relay = _relay(m, m.organizer)
        lines.append(f"ORGANIZER;CN={_param(org_name)};EMAIL={m.organizer[1]}:mailto:{relay}")
    else:
        cn = _param(org_name, always=not server)
        lines.append(f"ORGANIZER;CN={cn}:mailto:{m.organizer[1]}")
    people = [m.replier] if m.method == "REPLY" else _people(m)
    for p in people:
        cn = _param(p[0] or p[1], always=not server)
        if m.method == "REPLY":
            lines.append(f"ATTENDEE;CN={cn};CUTYPE=INDIVIDUAL;PARTSTAT={m.partstat};ROLE=REQ-PARTICIPANT:mailto:{p[1]}")
        elif p == m.organizer:
            value = _relay(m, p) if server else p[1]
            email_param = f";EMAIL={p[1]}" if server else ""
            lines.append(f"ATTENDEE;CN={cn};CUTYPE=INDIVIDUAL{email_param};PARTSTAT=ACCEPTED;ROLE=CHAIR:mailto:{value}")
        else:
            email_param = f";EMAIL={p[1]}" if server else ""
            lines.append(f"ATTENDEE;CN={cn};CUTYPE=INDIVIDUAL{email_param};PARTSTAT=NEEDS-ACTION;"
                         f"ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:{p[1]}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return _calendar(lines)


def _ics_zoom(m: _Meeting) -> str:
    publish = m.method == "PUBLISH"
    lines = ["BEGIN:VCALENDAR", "PRODID:-//zoom.us//iCalendar Event//EN", "VERSION:2.0", "CALSCALE:GREGORIAN",
             f"METHOD:{m.method}"]
    if publish:
        lines.append("CLASS:PUBLIC")
    lines += [*m.timezone_lines("zoom"), "BEGIN:VEVENT", f"DTSTAMP:{_stamp(m.sent)}", m.dtstart(), m.dtend(),
              f"SUMMARY:{_escape(m.summary)}", f"UID:{m.uid}"]
    if m.uses_tzid:
        lines.append(f"TZID:{m.tz}")  # sic: Zoom repeats the zone as a VEVENT property
    lines += [f"DESCRIPTION:{_escape(m.description)}", f"LOCATION:{_escape(m.location)}"]
    if not publish:
        host = ZOOM_SENDER
        lines += [f"SEQUENCE:{m.sequence}", f"ORGANIZER;ROLE=REQ-PARTICIPANT;CN={_param(host[0])}:{host[1]}"]
        for p in m.attendees:
            lines.append(f"ATTENDEE;ROLE=REQ-PARTICIPANT;CN={_param(p[0] or p[1])}:mailto:{p[1]}")
    else:
        lines.append(f"SEQUENCE:{m.sequence}")
    lines += ["BEGIN:VALARM", "TRIGGER:-PT10M", "ACTION:DISPLAY", "DESCRIPTION:Reminder", "END:VALARM",
              "END:VEVENT", "END:VCALENDAR"]
    return _calendar(lines)


def _ics_calendly(m: _Meeting) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Calendly//Calendly//EN", "CALSCALE:GREGORIAN",
             f"METHOD:{m.method}", *m.timezone_lines("google"), "BEGIN:VEVENT", f"UID:{m.uid}",
             f"DTSTAMP:{_stamp(m.sent)}", m.dtstart(), m.dtend(), f"SUMMARY:{_escape(m.summary)}",
             f"DESCRIPTION:{_escape(m.description)}", f"LOCATION:{_escape(m.location)}",
             f"ORGANIZER;CN={_param(m.organizer[0] or m.organizer[1], always=True)}:mailto:{m.organizer[1]}"]
    for p in m.attendees:
        if p[1].lower() != m.organizer[1].lower():
            rsvp = ";RSVP=TRUE" if m.method == "REQUEST" else ""
            lines.append(f"ATTENDEE;CN={_param(p[0] or p[1], always=True)};ROLE=REQ-PARTICIPANT{rsvp}:mailto:{p[1]}")
    lines += [f"SEQUENCE:{m.sequence}", "STATUS:CONFIRMED", "END:VEVENT", "END:VCALENDAR"]
    return _calendar(lines)


# ---------------------------------------------------------------------------------------------
# MIME
# ---------------------------------------------------------------------------------------------

@dataclass
class _Part:
    headers: list[tuple[str, str]]
    body: str = ""                       # already transfer-encoded, CRLF line ends
    parts: list[_Part] = field(default_factory=list)
    boundary: str = ""


def _header(name: str, value: str) -> str:
    """One header, folded at spaces before 78 columns as mail clients do; non-ASCII goes through RFC 2047."""
    if CRLF in value:  # pre-folded by the caller (a Content-Type with its boundary on the next line)
        return f"{name}: {value}{CRLF}"
    if not value:
        return f"{name}:{CRLF}"
    if not value.isascii():
        return _HEADERS.header_factory(name, value).fold(policy=_HEADERS)
    glue = ", " if name.lower() in ("to", "cc", "from", "reply-to", "sender") else " "
    lines, current = [], f"{name}: "
    for index, word in enumerate(value.split(glue)):
        piece = word + (glue.rstrip() if index < value.count(glue) else "")
        if index and len(current) + 1 + len(piece) > 78:
            lines.append(current)
            current = " " + piece
        else:
            current += (" " if index else "") + piece
    lines.append(current)
    return CRLF.join(lines) + CRLF


def _render(part: _Part) -> str:
    """Headers, blank line, then the body; a multipart body is its children between boundary lines."""
    out = "".join(_header(name, value) for name, value in part.headers) + CRLF
    if not part.parts:
        return out + part.body
    for child in part.parts:
        rendered = _render(child)
        out += f"--{part.boundary}{CRLF}{rendered}" + ("" if rendered.endswith(CRLF) else CRLF)
    return out + f"--{part.boundary}--{CRLF}"


def _b64(data: bytes) -> str:
    text = base64.b64encode(data).decode()
    return "".join(text[i:i + 76] + CRLF for i in range(0, len(text), 76))


def _qp(text: str) -> str:
    """Quoted-printable of UTF-8 text.  The text's own final line break is kept by a blank line before the
    boundary (the CRLF just before a boundary belongs to the boundary), as Google and Zoom write it."""
    encoded = quoprimime.body_encode(text.encode("utf-8").decode("latin-1"), maxlinelen=76, eol=CRLF)
    return encoded + CRLF


def _qp_binary(data: bytes) -> str:
    """Quoted-printable of bytes with CR and LF escaped too (=0D=0A), as Apple Mail encodes .ics files."""
    tokens = [chr(b) if 33 <= b <= 126 and b != 61 else f"={b:02X}" for b in data]
    lines, current = [], ""
    for token in tokens:
        if len(current) + len(token) > 75:
            lines.append(current + "=")
            current = ""
        current += token
        if current.endswith("=0D=0A") and len(current) > 60:
            lines.append(current + "=")
            current = ""
    lines.append(current)
    return CRLF.join(lines) + CRLF


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", CRLF)


def _addr(p: Person) -> str:
    return formataddr(p) if p[0] else p[1]


def _addrs(people: tuple[Person, ...] | list[Person]) -> str:
    return ", ".join(_addr(p) for p in people)


def _text_charset(text: str) -> str:
    try:
        text.encode("iso-8859-1")
        return "iso-8859-1"
    except UnicodeEncodeError:
        return "utf-8"


def _qp_charset(text: str, charset: str) -> str:
    encoded = quoprimime.body_encode(_crlf(text).encode(charset).decode("latin-1"), maxlinelen=76, eol=CRLF)
    return encoded + CRLF


# ---------------------------------------------------------------------------------------------
# Human-readable parts
# ---------------------------------------------------------------------------------------------

def _g_clock(value: datetime) -> str:
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


def _abbrev(value: datetime) -> str:
    name = value.tzname() or "UTC"
    if name[0] in "+-":  # zoneinfo has no letters for this zone; Google writes GMT+5:30
        minutes = int(value.utcoffset().total_seconds() // 60)
        hours, rest = divmod(abs(minutes), 60)
        return f"GMT{'+' if minutes >= 0 else '-'}{hours}" + (f":{rest:02d}" if rest else "")
    return name


def _google_when(m: _Meeting) -> str:
    """'Tue Dec 1, 2026 3pm - 3:30pm (EST)', as in Google's subjects."""
    s, e = m.local_start, m.local_end
    if m.all_day:
        first, after = m.days
        last = after - timedelta(days=1)
        text = f"{first:%a %b} {first.day}, {first.year}"
        return text if last == first else f"{text} - {last:%a %b} {last.day}, {last.year}"
    day = f"{s:%a %b} {s.day}, {s.year}"
    if e.date() == s.date():
        return f"{day} {_g_clock(s)} - {_g_clock(e)} ({_abbrev(s)})"
    return f"{day} {_g_clock(s)} - {e:%a %b} {e.day}, {e.year} {_g_clock(e)} ({_abbrev(s)})"


def _reply_word(m: _Meeting, client: str) -> str:
    words = {"ACCEPTED": "Accepted", "DECLINED": "Declined",
             "TENTATIVE": "Tentative" if client == "outlook" else "Tentatively accepted"}
    return words.get(m.partstat, m.partstat.title())


def _recipient_label(p: Person, prefer_name: bool) -> str:
    return (p[0] or p[1]) if prefer_name else p[1]


def _default_subject(m: _Meeting, to: tuple[Person, ...]) -> str:
    first = to[0] if to else m.attendees[0]
    if m.client == "google":
        if m.method == "REPLY":
            return f"{_reply_word(m, 'google')}: {m.summary} @ {_google_when(m)} ({_recipient_label(first, True)})"
        if m.method == "CANCEL":
            return f"Canceled event: {m.summary} @ {_google_when(m)} ({first[1]})"
        word = "Updated invitation" if m.sequence else "Invitation"
        return f"{word}: {m.summary} @ {_google_when(m)} ({first[1]})"
    if m.client == "outlook":
        if m.method == "CANCEL":
            return f"Canceled: {m.summary}"
        if m.method == "REPLY":
            return f"{_reply_word(m, 'outlook')}: {m.summary}"
        return m.summary
    if m.client == "apple":
        return {"CANCEL": "Event canceled", "REPLY": "Event reply"}.get(
            m.method, "Event update" if m.sequence else "Event invitation") + f": {m.summary}"
    if m.client == "apple_mail":
        if m.method == "REPLY":
            return f"Event {_reply_word(m, 'apple').lower()}: {m.summary}"
        return m.summary
    if m.client == "zoom":
        return f"{m.summary} Confirmation"
    day = m.local_start
    return f"Confirmed: {m.summary} with {m.organizer[0] or m.organizer[1]} on {day:%A, %B} {day.day}, {day.year}"


def _plain_when(m: _Meeting) -> str:
    s, e = m.local_start, m.local_end
    if m.all_day:
        return f"{s:%A %b} {s.day}, {s.year}"
    return f"{s:%A %b} {s.day}, {s.year} \u22c5 {_g_clock(s)} \u2013 {_g_clock(e)}"


def _google_texts(m: _Meeting, to: tuple[Person, ...]) -> tuple[str, str]:
    zone_name = _GOOGLE_ZONE_NAMES.get(m.tz, m.tz)
    viewer = to[0][1] if to else m.organizer[1]
    view = f"https://calendar.google.com/calendar/event?action=VIEW&eid={_google_eid(m, viewer)}"
    guests = [f"{p[0] or p[1]} - organizer" if p == m.organizer else (p[0] or p[1]) for p in _people(m)]
    if m.method == "REPLY":
        who = m.replier[0] or m.replier[1]
        head = f"{who} has {_reply_word(m, 'google').lower()} this invitation.\n\n"
    elif m.method == "CANCEL":
        head = "This event has been canceled.\n\n"
    else:
        head = ""
    meet = ""
    if "meet.google.com" in m.description:
        meet = f"Join with Google Meet\nhttps://meet.google.com/{_meet_code(m)}\n\n"
    plain = (f"{head}{m.summary}\n{_plain_when(m)}\n{zone_name}\n\n{meet}Guests\n" + "\n".join(guests) +
             f"\nView all guest info {view}\n\n~~//~~\nInvitation from Google Calendar: "
             "https://calendar.google.com/calendar/\n\nYou are receiving this email because you are an attendee "
             "on the event.\n\nForwarding this invitation could allow any recipient to send a response to the "
             "organizer, be added to the guest list, invite others regardless of their own invitation status, or "
             "modify your RSVP.\n\nLearn more https://support.google.com/calendar/answer/37135#forwarding\n")
    start_z, end_z = _stamp(m.start), _stamp(m.end)
    rows = "".join(f"<li>{html.escape(g)}</li>" for g in guests)
    markup = (f'<!doctype html><html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">'
              f'</head><body><span itemscope itemtype="http://schema.org/InformAction">'
              f'<span itemprop="object" itemscope itemtype="http://schema.org/Event">'
              f'<meta itemprop="eventId/googleCalendar" content="{html.escape(m.uid.split("@")[0])}">'
              f'<h2 itemprop="name">{html.escape(m.summary)}</h2>'
              f'<time itemprop="startDate" datetime="{start_z}"></time><time itemprop="endDate" datetime="{end_z}">'
              f'</time><p>{html.escape(_plain_when(m))} <span>{html.escape(zone_name)}</span></p>'
              f'<ul>{rows}</ul><p><a href="{html.escape(view)}">View all guest info</a></p>'
              f'<p>Invitation from <a href="https://calendar.google.com/calendar/">Google Calendar</a></p>'
              f'</span></span></body></html>\n')
    return plain, markup


def _apple_time(value: datetime) -> str:
    return f"{value.hour % 12 or 12}:{value:%M} {'AM' if value.hour < 12 else 'PM'}"


def _apple_texts(m: _Meeting, subject: str) -> tuple[str, str]:
    # Field layout after apple/ccs-calendarserver outbound.py templates
    # (Apache License 2.0; Copyright (c) 2005-2015 Apple Inc.).
    s, e = m.local_start, m.local_end
    minutes = int((m.end - m.start).total_seconds() // 60)
    time_info = "All day" if m.all_day else f"{_apple_time(s)} to {_apple_time(e)} ({m.tz})"
    if m.all_day or not minutes:
        duration = ""
    elif minutes % 60:
        duration = f"({minutes} minutes)"
    else:
        duration = f"({minutes // 60} hour{'s' if minutes != 60 else ''})"
    organizer = f"{m.organizer[0]} <{m.organizer[1]}>" if m.organizer[0] else m.organizer[1]
    attendees = ", ".join(f"{p[0]} <{p[1]}>" if p[0] else f"<{p[1]}>" for p in _people(m))
    date_info = f"{s:%A, %B} {s.day}, {s.year}"
    if m.method == "CANCEL":
        plain = f"{subject}\n\nOrganizer: {organizer}\nDate: {date_info} \nTime: {time_info} {duration}\n"
    else:
        plain = (f"{subject}\n\nOrganizer: {organizer}\nLocation: {m.location}\nDate: {date_info} \n"
                 f"Time: {time_info} {duration}\nDescription: {m.description}\nURL: \nAttendees: {attendees}\n")
    label = {"CANCEL": "Event Canceled", "REPLY": "Event Reply"}.get(
        m.method, "Event Update" if m.sequence else "Event Invitation")
    markup = (f"<html>\n    <body><div>\n    <p>{label}</p>\n\n    <h1>{html.escape(m.summary)}</h1>\n"
              f"    <p>\n    <h3>Organizer:</h3> <a href=\"mailto:{m.organizer[1]}\">"
              f"{html.escape(m.organizer[0] or m.organizer[1])}</a>\n    </p>\n    <p>\n    <h3>Date:</h3> "
              f"{date_info} \n    </p>\n    <p>\n    <h3>Time:</h3> {time_info} {duration}\n    </p>\n"
              "    </div></body></html>\n")
    return plain, markup


# ---------------------------------------------------------------------------------------------
# Messages
# ---------------------------------------------------------------------------------------------

def invite(*, client: str, method: str = "REQUEST", organizer: Person, attendees: tuple[Person, ...],
           start: datetime, end: datetime, tz: str = "America/New_York", uid: str | None = None,
           sequence: int | None = None, summary: str = "Coffee chat", all_day: bool = False,
           floating: bool = False, mail_from: Person | None = None, mail_to: tuple[Person, ...] | None = None,
           subject: str | None = None, message_id: str | None = None, in_reply_to: str | None = None,
           sent: datetime | None = None, utc: bool | None = None, partstat: str = "ACCEPTED",
           location: str | None = None, description: str | None = None, quirks: bool = False) -> bytes:
    """One calendar-invite email as `client` sends it, as raw RFC 5322 bytes with CRLF line ends.

    client      google, outlook, apple (iCloud-style server mail), apple_mail (Mail.app + iCal file), zoom,
                calendly; see SHAPES for the (client, method) pairs real systems send.
    method      REQUEST (invitation or, with sequence > 0, update), CANCEL, REPLY, PUBLISH.
    organizer   (name, address) of whoever owns the meeting; for zoom/calendly the host.
    attendees   the invitees; for REPLY the first one is the person answering (with `partstat`).
    start, end  aware datetimes.  Written as the client does: TZID + VTIMEZONE in `tz` (Windows name
                for outlook), UTC with Z (calendly, or utc=True), floating local time in `tz`
                (floating=True), or dates (all_day=True: the local dates of start and end in `tz`; an end
                at local midnight or a `date` is exclusive, as DTEND;VALUE=DATE is).
    uid         default: derived from client, organizer, summary and start, in the client's own UID
                format, so a REQUEST and a later CANCEL of the same meeting share it.
    sequence    default 0, or 1 for CANCEL (clients bump it when cancelling).
    mail_from   default: the organizer (the replier for REPLY); Zoom's and Calendly's system senders for
                those two.  Google always adds ``Sender: Google Calendar <calendar-notification@google.com>``.
    mail_to     default: the invitees (the organizer for REPLY; the first attendee for zoom/calendly).
    subject     default: the client's own wording ("Invitation: ... @ Tue Dec 1, 2026 3pm - 3:30pm (EST)
                (jordan@example.org)", "Canceled: ...", "Accepted: ...", "Event invitation: ...").
    sent        the Date header and DTSTAMP; default two days before start (one for CANCEL).
    utc         force UTC times (True) or TZID times (False); default: the client's usual way.
    quirks      reproduce header details that Python's email flags as defects (Zoom's ``method=REQUEST;;``).
    """
    m = _meeting(client=client, method=method, organizer=organizer, attendees=attendees, start=start, end=end,
                 tz=tz, uid=uid, sequence=sequence, summary=summary, all_day=all_day, floating=floating, utc=utc,
                 partstat=partstat, location=location, description=description, sent=sent, quirks=quirks)
    if mail_to is None:
        if m.method == "REPLY":
            mail_to = (m.organizer,)
        elif m.client in ("zoom", "calendly"):
            mail_to = (m.attendees[0],)
        else:
            mail_to = tuple(p for p in m.attendees if p[1].lower() != m.organizer[1].lower()) or m.attendees
    if mail_from is None:
        mail_from = {"zoom": ZOOM_SENDER, "calendly": CALENDLY_SENDER}.get(
            m.client, m.replier if m.method == "REPLY" else m.organizer)
    subject = subject if subject is not None else _default_subject(m, mail_to)
    build = {"google": _mail_google, "outlook": _mail_outlook, "apple": _mail_apple,
             "apple_mail": _mail_apple_mail, "zoom": _mail_zoom, "calendly": _mail_calendly}[m.client]
    top = build(m, mail_from, mail_to, subject, message_id)
    if in_reply_to:
        top.headers.append(("In-Reply-To", in_reply_to))
        top.headers.append(("References", in_reply_to))
    return _render(top).encode("ascii")


def _date(m: _Meeting, local: bool = False) -> str:
    return format_datetime(m.sent.astimezone(m.zone) if local else m.sent.astimezone(UTC))


def _mail_google(m: _Meeting, frm: Person, to: tuple[Person, ...], subject: str, mid: str | None) -> _Part:
    ics = _ics(m).encode("utf-8")
    plain, markup = _google_texts(m, to)
    mixed = "000000000000" + m.rand("b1", 8).hex()
    alt = "000000000000" + m.rand("b2", 8).hex()
    mid = mid or f"<calendar-{uuid.UUID(bytes=m.rand('mid'), version=4)}@google.com>"
    headers = [("MIME-Version", "1.0"), ("Reply-To", _addr(frm)), ("Sender", _addr(GOOGLE_SENDER)),
               ("Auto-Submitted", "auto-generated"), ("Message-ID", mid), ("Date", _date(m)),
               ("Subject", subject), ("From", _addr(frm)), ("To", _addrs(to)),
               ("Content-Type", f'multipart/mixed; boundary="{mixed}"')]
    body = _Part([("Content-Type", f'multipart/alternative; boundary="{alt}"')], boundary=alt, parts=[
        _Part([("Content-Type", 'text/plain; charset="UTF-8"; format=flowed; delsp=yes'),
               ("Content-Transfer-Encoding", "base64")], _b64(_crlf(plain).encode("utf-8"))),
        _Part([("Content-Type", 'text/html; charset="UTF-8"'), ("Content-Transfer-Encoding", "quoted-printable")],
              _qp(_crlf(markup))),
        _Part([("Content-Type", f'text/calendar; charset="UTF-8"; method={m.method}'),
               ("Content-Transfer-Encoding", "quoted-printable")], _qp(ics.decode("utf-8"))),
    ])
    attachment = _Part([("Content-Type", 'application/ics; name="invite.ics"'),
                        ("Content-Disposition", 'attachment; filename="invite.ics"'),
                        ("Content-Transfer-Encoding", "base64")], _b64(ics))
    return _Part(headers, boundary=mixed, parts=[body, attachment])


_OUTLOOK_SERVERS = ("BY5PR11MB4196", "SA1PR04MB8812", "MN2PR17MB3921", "CH3PR12MB7540", "PH7PR19MB6103")


def _mail_outlook(m: _Meeting, frm: Person, to: tuple[Person, ...], subject: str, mid: str | None) -> _Part:
    server = _OUTLOOK_SERVERS[m.rand("srv", 1)[0] % len(_OUTLOOK_SERVERS)]
    local = server + m.rand("mid", 11).hex().upper()
    mid = mid or f"<{local}@{server}.namprd{server[5:7]}.prod.outlook.com>"
    boundary = f"_000_{local}{server}namp_"
    topic = m.summary
    index = base64.b64encode(b"\x01" + m.rand("thread", 21)).decode()
    headers = [("From", _addr(frm)), ("To", _addrs(to)), ("Subject", subject), ("Thread-Topic", topic),
               ("Thread-Index", index)]
    if m.method == "CANCEL":
        headers += [("Importance", "high"), ("X-Priority", "1")]
    headers += [("Date", _date(m)), ("Message-ID", mid), ("Accept-Language", "en-US"),
                ("Content-Language", "en-US"), ("X-MS-Has-Attach", ""), ("X-MS-TNEF-Correlator", ""),
                ("Content-Type", f'multipart/alternative;{CRLF}\tboundary="{boundary}"'), ("MIME-Version", "1.0")]
    text = "" if m.method == "REPLY" else m.description
    charset = _text_charset(text)
    paragraphs = "".join(f'<p class="MsoNormal">{html.escape(line) or "&nbsp;"}</p>\n' for line in text.split("\n"))
    markup = (f'<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
              '<meta name="Generator" content="Microsoft Word 15 (filtered medium)">\n</head>\n<body lang="EN-US">\n'
              f'<div class="WordSection1">\n{paragraphs}</div>\n</body>\n</html>\n')
    parts = [
        _Part([("Content-Type", f'text/plain; charset="{charset}"'), ("Content-Transfer-Encoding", "quoted-printable")],
              _qp_charset(text, charset)),
        _Part([("Content-Type", f'text/html; charset="{charset}"'), ("Content-Transfer-Encoding", "quoted-printable")],
              _qp_charset(markup, charset)),
        _Part([("Content-Type", f'text/calendar; charset="utf-8"; method={m.method}'),
               ("Content-Transfer-Encoding", "base64")], _b64(_ics(m).encode("utf-8"))),
    ]
    return _Part(headers, boundary=boundary, parts=parts)


def _py_boundary(m: _Meeting, label: str) -> str:
    return "=" * 15 + str(int.from_bytes(m.rand(label, 8), "big") % 10**19).rjust(19, "0") + "=="


def _mail_apple(m: _Meeting, frm: Person, to: tuple[Person, ...], subject: str, mid: str | None) -> _Part:
    plain, markup = _apple_texts(m, subject)
    reply_to = _addr(frm) if m.method == "REPLY" else _relay(m, m.organizer)
    mid = mid or f"<{int(m.sent.timestamp())}.{int.from_bytes(m.rand('mid', 4), 'big')}@{ICLOUD_RELAY}>"
    mixed, alt, related = (_py_boundary(m, x) for x in ("mixed", "alt", "related"))
    headers = [("Content-Type", f'multipart/mixed; boundary="{mixed}"'), ("MIME-Version", "1.0"),
               ("From", _addr(frm)), ("Subject", subject), ("Reply-To", reply_to), ("To", _addrs(to)),
               ("Date", format_datetime(m.sent.astimezone(UTC), usegmt=False)), ("Message-ID", mid)]
    one = [("MIME-Version", "1.0")]
    alternative = _Part([("Content-Type", f'multipart/alternative; boundary="{alt}"'), *one], boundary=alt, parts=[
        _Part([("Content-Type", 'text/plain; charset="utf-8"'), *one, ("Content-Transfer-Encoding", "base64")],
              _b64(plain.encode("utf-8"))),
        _Part([("Content-Type", f'multipart/related; type="text/html"; boundary="{related}"'), *one],
              boundary=related, parts=[
                  _Part([("Content-Type", 'text/html; charset="utf-8"'), *one, ("Content-Transfer-Encoding", "base64")],
                        _b64(markup.encode("utf-8")))]),
    ])
    calendar = _Part([("Content-Type", f'text/calendar; charset="utf-8"; method="{m.method.lower()}"'), *one,
                      ("Content-Transfer-Encoding", "base64"), ("Content-ID", "<invitation.ics>"),
                      ("Content-Disposition", "inline;filename=invitation.ics")], _b64(_ics(m).encode("utf-8")))
    return _Part(headers, boundary=mixed, parts=[alternative, calendar])


def _mail_apple_mail(m: _Meeting, frm: Person, to: tuple[Person, ...], subject: str, mid: str | None) -> _Part:
    token = str(uuid.UUID(bytes=m.rand("boundary"), version=4)).upper()
    outer, inner = f"Apple-Mail=_{token}", f"Apple-Mail=_{str(uuid.UUID(bytes=m.rand('inner'), version=4)).upper()}"
    domain = frm[1].split("@")[1]
    mid = mid or f"<{str(uuid.UUID(bytes=m.rand('mid'), version=4)).upper()}@{domain}>"
    stamp = m.sent.astimezone(m.zone).strftime("%Y%m%d-%H%M%S")
    name = f"iCal-{stamp}.ics"
    if m.method == "REPLY":
        who = m.replier[0] or m.replier[1]
        note = f"{who} has {_reply_word(m, 'apple').lower()} your iCal event invitation to the event: {m.summary}."
    else:
        note = f"{m.organizer[0] or m.organizer[1]} has invited you to the event: {m.summary}."
    markup = (f'<html><body style="word-wrap: break-word; -webkit-nbsp-mode: space; line-break: after-white-space;">'
              f"<div>{html.escape(note)}</div></body></html>")
    headers = [("From", _addr(frm)), ("Content-Type", f'multipart/alternative; boundary="{outer}"'),
               ("Mime-Version", "1.0 (Mac OS X Mail 16.0 \\(3826.700.81\\))"), ("Subject", subject),
               ("Date", _date(m, local=True)), ("Message-Id", mid), ("To", _addrs(to)),
               ("X-Mailer", "Apple Mail (2.3826.700.81)"), ("X-Mail-Calendar-Part", "Yes")]
    plain = _Part([("Content-Transfer-Encoding", "7bit"),
                   ("Content-Type", "text/plain;\r\n\tcharset=us-ascii;\r\n\tformat=flowed;\r\n\tdelsp=yes")],
                  _crlf(note.encode("ascii", "replace").decode("ascii") + "\n"))
    mixed = _Part([("Content-Type", f'multipart/mixed;{CRLF}\tboundary="{inner}"')], boundary=inner, parts=[
        _Part([("Content-Transfer-Encoding", "quoted-printable"), ("Content-Type", "text/html;\r\n\tcharset=utf-8")],
              _qp(markup)),
        _Part([("Content-Disposition", f"attachment;{CRLF}\tfilename={name}"),
               ("Content-Type", f'text/calendar;{CRLF}\tx-unix-mode=0644;{CRLF}\tname="{name}"'),
               ("Content-Transfer-Encoding", "quoted-printable")], _qp_binary(_ics(m).encode("utf-8"))),
        _Part([("Content-Transfer-Encoding", "7bit"), ("Content-Type", "text/html;\r\n\tcharset=us-ascii")],
              "<html><body></body></html>" + CRLF),
    ])
    return _Part(headers, boundary=outer, parts=[plain, mixed])


def _mail_zoom(m: _Meeting, frm: Person, to: tuple[Person, ...], subject: str, mid: str | None) -> _Part:
    mixed, alt = m.rand("b1", 30).hex(), m.rand("b2", 30).hex()
    mid = mid or f"<{base64.urlsafe_b64encode(m.rand('mid')).decode().rstrip('=')}@geopod-ismtpd-55>"
    host = m.organizer
    zone_name = _ZOOM_ZONE_NAMES.get(m.tz, m.tz)
    s = m.local_start
    who = (to[0][0] or to[0][1]) if to else "there"
    markup = (f'<html><body><table><tr><td>Hi {html.escape(who)},</td></tr>'
              f"<tr><td>Thank you for registering for {html.escape(m.summary)}. You can find information about "
              f"this meeting below.</td></tr><tr><td>Date &amp; Time</td><td>{s:%b} {s.day:02d}, {s.year} "
              f"{s:%I:%M %p} {html.escape(zone_name)}</td></tr><tr><td>Meeting ID</td><td>{_zoom_id(m)}</td></tr>"
              f'<tr><td><a href="{html.escape(m.location)}">Join meeting</a></td></tr></table></body></html>\n')
    ics = _ics(m).encode("utf-8")
    calendar_type = f"text/calendar; method={m.method};; charset=UTF-8" if m.quirks else \
        f"text/calendar; method={m.method}; charset=UTF-8"
    headers = [("Content-Type", f"multipart/mixed; boundary={mixed}"), ("Date", _date(m) + " (UTC)"),
               ("From", _addr(frm)), ("Mime-Version", "1.0"), ("Message-ID", mid), ("Subject", subject),
               ("Reply-To", formataddr((frm[0], host[1]))), ("To", _addrs(to))]
    alternative = _Part([("Content-Type", f"multipart/alternative; boundary={alt}")], boundary=alt, parts=[
        _Part([("Content-Transfer-Encoding", "quoted-printable"), ("Content-Type", "text/html; charset=utf-8"),
               ("Mime-Version", "1.0")], _qp(_crlf(markup))),
        _Part([("Content-Transfer-Encoding", "quoted-printable"), ("Content-Type", calendar_type),
               ("Mime-Version", "1.0")], _qp(ics.decode("utf-8"))),
    ])
    attachment = _Part([("Content-Disposition", 'attachment; filename="invite.ics"'),
                        ("Content-Transfer-Encoding", "base64"), ("Content-Type", 'text/calendar; name="invite.ics"')],
                       _b64(ics))
    return _Part(headers, boundary=mixed, parts=[alternative, attachment])


def _mail_calendly(m: _Meeting, frm: Person, to: tuple[Person, ...], subject: str, mid: str | None) -> _Part:
    mixed, alt = m.rand("b1", 12).hex(), m.rand("b2", 12).hex()
    mid = mid or f"<{uuid.UUID(bytes=m.rand('mid'), version=4)}@calendly.com>"
    host = m.organizer[0] or m.organizer[1]
    who = (to[0][0] or to[0][1]).split()[0] if to else "there"
    s, e = m.local_start, m.local_end
    zone = _CALENDLY_ZONE_NAMES.get(m.tz, m.tz)
    when = f"{_g_clock(s)} - {_g_clock(e)} ({zone}) on {s:%A, %B} {s.day}, {s.year}"
    plain = (f"Hi {who},\n\nYour {m.summary} with {host} at {when} is scheduled.\n\n{m.description}")
    markup = f"<html><body><p>Hi {html.escape(who)},</p><p>Your {html.escape(m.summary)} with {html.escape(host)} " \
             f"at {html.escape(when)} is scheduled.</p></body></html>\n"
    headers = [("MIME-Version", "1.0"), ("Date", _date(m)), ("From", _addr(frm)), ("Reply-To", _addr(m.organizer)),
               ("To", _addrs(to)), ("Message-ID", mid), ("Subject", subject),
               ("Content-Type", f'multipart/mixed; boundary="{mixed}"')]
    alternative = _Part([("Content-Type", f'multipart/alternative; boundary="{alt}"')], boundary=alt, parts=[
        _Part([("Content-Type", "text/plain; charset=UTF-8"), ("Content-Transfer-Encoding", "quoted-printable")],
              _qp(_crlf(plain))),
        _Part([("Content-Type", "text/html; charset=UTF-8"), ("Content-Transfer-Encoding", "quoted-printable")],
              _qp(_crlf(markup))),
    ])
    attachment = _Part([("Content-Type", f'text/calendar; charset=UTF-8; method={m.method}; name="invite.ics"'),
                        ("Content-Disposition", 'attachment; filename="invite.ics"'),
                        ("Content-Transfer-Encoding", "base64")], _b64(_ics(m).encode("utf-8")))
    return _Part(headers, boundary=mixed, parts=[alternative, attachment])


# ---------------------------------------------------------------------------------------------
# Reading helpers for tests
# ---------------------------------------------------------------------------------------------

def calendar_parts(message: Message) -> list[bytes]:
    """Decoded bodies of the parts a mail client treats as calendars (text/calendar, application/ics, *.ics)."""
    found = []
    for part in message.walk():
        if part.is_multipart():
            continue
        name = (part.get_filename() or "").lower()
        if part.get_content_type() in ("text/calendar", "application/ics") or name.endswith(".ics"):
            found.append(part.get_payload(decode=True))
    return found


# ---------------------------------------------------------------------------------------------
# Examples (fixed dates) for documentation and quick looks: print(EXAMPLES["google"].decode())
# ---------------------------------------------------------------------------------------------

JORDAN: Person = ("Jordan Rivera", "jordan@example.org")
SAM: Person = ("Sam Okafor", "sam.okafor@example.com")
PRIYA: Person = ("Priya Natarajan", "priya@example.net")
_NY = ZoneInfo("America/New_York")
EXAMPLE_START = datetime(2026, 12, 1, 15, 0, tzinfo=_NY)
EXAMPLE_END = datetime(2026, 12, 1, 15, 30, tzinfo=_NY)

GOOGLE_INVITATION = invite(client="google", organizer=SAM, attendees=(JORDAN,), start=EXAMPLE_START,
                           end=EXAMPLE_END)
GOOGLE_ACCEPTANCE = invite(client="google", method="REPLY", organizer=JORDAN, attendees=(SAM,),
                           start=EXAMPLE_START, end=EXAMPLE_END)
GOOGLE_CANCELLATION = invite(client="google", method="CANCEL", organizer=SAM, attendees=(JORDAN,),
                             start=EXAMPLE_START, end=EXAMPLE_END, sequence=1)
OUTLOOK_INVITATION = invite(client="outlook", organizer=PRIYA, attendees=(JORDAN,), start=EXAMPLE_START,
                            end=EXAMPLE_END)
OUTLOOK_CANCELLATION = invite(client="outlook", method="CANCEL", organizer=PRIYA, attendees=(JORDAN,),
                              start=EXAMPLE_START, end=EXAMPLE_END, sequence=2)
OUTLOOK_ACCEPTANCE = invite(client="outlook", method="REPLY", organizer=JORDAN, attendees=(PRIYA,),
                            start=EXAMPLE_START, end=EXAMPLE_END)
APPLE_INVITATION = invite(client="apple", organizer=SAM, attendees=(JORDAN,), start=EXAMPLE_START, end=EXAMPLE_END)
APPLE_FLOATING = invite(client="apple_mail", organizer=SAM, attendees=(JORDAN,), start=EXAMPLE_START,
                        end=EXAMPLE_END, floating=True)
ZOOM_CONFIRMATION = invite(client="zoom", organizer=SAM, attendees=(JORDAN,), start=EXAMPLE_START, end=EXAMPLE_END)
CALENDLY_CONFIRMATION = invite(client="calendly", method="PUBLISH", organizer=PRIYA, attendees=(JORDAN,),
                               start=EXAMPLE_START, end=EXAMPLE_END, summary="30 Minute Meeting")
ALL_DAY_INVITATION = invite(client="google", organizer=SAM, attendees=(JORDAN,), start=date(2026, 12, 3),
                            end=date(2026, 12, 4), all_day=True, summary="Career fair")

EXAMPLES = {
    "google": GOOGLE_INVITATION, "google_reply": GOOGLE_ACCEPTANCE, "google_cancel": GOOGLE_CANCELLATION,
    "outlook": OUTLOOK_INVITATION, "outlook_cancel": OUTLOOK_CANCELLATION, "outlook_reply": OUTLOOK_ACCEPTANCE,
    "apple": APPLE_INVITATION, "apple_floating": APPLE_FLOATING, "zoom": ZOOM_CONFIRMATION,
    "calendly": CALENDLY_CONFIRMATION, "all_day": ALL_DAY_INVITATION,
}
