"""When the weekly summary is due: a weekday and a time in the user's zone, once per ISO week.

Pure: `now` and the weeks already delivered come in. The daemon asks at the scheduled
minute (via `schedule`) and at every start and wake-up, so a Monday the machine slept
through is caught up at the next start that week, and a week never gets two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_AT = re.compile(r"(?P<day>[a-z]+)\s+(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?")


@dataclass(frozen=True)
class SummaryAt:
    weekday: int        # 0 = Monday, as datetime.weekday()
    hour: int
    minute: int
    second: int = 0

    def words(self) -> str:
        return f"{WEEKDAYS[self.weekday].capitalize()} {self.hour:02d}:{self.minute:02d}"

    def clock(self) -> str:
        """As `schedule` takes it: HH:MM or HH:MM:SS."""
        return f"{self.hour:02d}:{self.minute:02d}" + (f":{self.second:02d}" if self.second else "")


def parse_summary_at(text: str) -> SummaryAt | None:
    """"monday 08:00" (a weekday and a 24-hour time; "mon" will do), or "off": no weekly summary."""
    value = " ".join(text.lower().split())
    if value in ("off", "never", "none"):
        return None
    match = _AT.fullmatch(value)
    days = [i for i, day in enumerate(WEEKDAYS) if match and len(match["day"]) >= 3 and day.startswith(match["day"])]
    if not match or len(days) != 1:
        raise ValueError("use a weekday and a 24-hour time, e.g. monday 08:00 (or off)")
    return SummaryAt(days[0], int(match["hour"]), int(match["minute"]), int(match["second"] or 0))


def week_of(now: datetime, zone: tzinfo) -> str:
    """The ISO week `now` falls in, in the user's zone: "2026-W48"."""
    year, week, _ = now.astimezone(zone).isocalendar()
    return f"{year}-W{week:02d}"


def slot_in_week(now: datetime, zone: tzinfo, at: SummaryAt) -> datetime:
    """The scheduled moment of the ISO week `now` falls in (a wall-clock time: DST moves it with the clocks)."""
    local = now.astimezone(zone)
    day = local.date() - timedelta(days=local.weekday() - at.weekday)
    return datetime.combine(day, time(at.hour, at.minute, at.second), tzinfo=zone)


def summary_due(now: datetime, zone: tzinfo, at: SummaryAt | None, delivered_weeks: set[str]) -> bool:
    """This week's moment has come and this week has no summary yet."""
    return at is not None and now >= slot_in_week(now, zone, at) and week_of(now, zone) not in delivered_weeks


def next_slot(now: datetime, zone: tzinfo, at: SummaryAt) -> datetime:
    """The next scheduled moment after `now`, for the daemon to say when the next summary goes out."""
    slot = slot_in_week(now, zone, at)
    return slot if slot > now else slot_in_week(now + timedelta(days=7), zone, at)


# --- what the summary says: plain values, gathered from the log by contact_log/week.py ---------


@dataclass(frozen=True)
class Line:
    """One line about one person: who, what it says about them, and when (already in the user's words)."""

    who: str                 # "Maria Chen (Sunrise Movement)", or an address
    what: str                # "replied: schedule the conversation"
    when: str = ""           # "Tue Nov 24", "3 days", ""
    contact_id: int = 0      # for the commands the summary suggests (`coffeechat prep 12`)
    overdue: bool = False    # drawn in the warning colour


@dataclass(frozen=True)
class Stage:
    """One step of the funnel: how many contacts reached it this week and ever."""

    name: str                # "outreach", "replied", "met", "connected"
    week: int
    ever: int


@dataclass(frozen=True)
class WeekBar:
    """One ISO week of the 12-week strip."""

    label: str               # "W37"
    sent: int                # outreach and follow-ups the user sent
    replies: int
    meetings: int
    current: bool = False


@dataclass(frozen=True)
class Goal:
    text: str
    contacts: int
    stages: tuple[tuple[str, int], ...]   # ("reached out", 3), ("in conversation", 1), …


@dataclass(frozen=True)
class Week:
    """Everything one weekly summary says, for the templates (summary.txt.j2, summary.html.j2)."""

    key: str                             # "2026-W48"
    number: int                          # 48
    since: str                           # "Wed Nov 18": the first day the summary covers
    until: str                           # "Wed Nov 25"
    my_name: str
    # What waits on the user, however old.
    drafts_waiting: tuple[Line, ...] = ()
    to_schedule: tuple[Line, ...] = ()
    thanks_due: tuple[Line, ...] = ()
    to_review: tuple[Line, ...] = ()     # outreach waiting for `coffeechat review`
    find_address: tuple[Line, ...] = ()  # people suggested to the user, with no address yet
    # Not yet written to, with an address: the first few by tier (("core", lines), …), and how many in all.
    ready: tuple[tuple[str, tuple[Line, ...]], ...] = ()
    ready_count: int = 0
    # The week past.
    replies: tuple[Line, ...] = ()
    meetings_held: tuple[Line, ...] = ()
    quiet: tuple[Line, ...] = ()
    no_response: tuple[Line, ...] = ()
    bounces: tuple[Line, ...] = ()
    new_contacts: tuple[Line, ...] = ()
    introductions: tuple[Line, ...] = ()   # per conversation held lately: the people it led to
    # The week ahead.
    meetings_ahead: tuple[Line, ...] = ()
    due_next_week: tuple[Line, ...] = ()
    # The longer view.
    goals: tuple[Goal, ...] = ()
    notes: tuple[tuple[str, tuple[Line, ...]], ...] = ()   # ("To read", lines), …: open notes by category
    funnel: tuple[Stage, ...] = ()
    strip: tuple[WeekBar, ...] = ()
    next_step: str = ""                  # a quiet week's one concrete suggestion
    sent: int = 0                        # outreach and follow-ups the user sent in the seven days

    @property
    def waiting_on_you(self) -> int:
        return (len(self.drafts_waiting) + len(self.to_schedule) + len(self.thanks_due) + len(self.to_review)
                + len(self.find_address))

    @property
    def ready_more(self) -> int:
        """How many of those ready for a first note the summary does not name."""
        return self.ready_count - sum(len(lines) for _, lines in self.ready)

    @property
    def quiet_week(self) -> bool:
        """No conversation moved: nothing sent, no replies, no meetings, no bounces (people added do not count)."""
        return not (self.replies or self.meetings_held or self.bounces or self.sent)

    def subject(self) -> str:
        """"coffeechat week 48: 3 replies, 1 meeting, 2 drafts waiting"; a quiet week says so."""
        parts = [_count(len(self.replies), "reply", "replies"), _count(len(self.meetings_held), "meeting"),
                 _count(len(self.meetings_ahead), "meeting ahead", "meetings ahead"),
                 _count(len(self.drafts_waiting), "draft waiting", "drafts waiting")]
        said = [p for p in parts if p]
        return f"coffeechat week {self.number}: " + (", ".join(said) if said else "a quiet week, and one next step")


def _count(n: int, one: str, many: str | None = None) -> str:
    if n == 0:
        return ""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def quiet_week_step(unwritten_by_tier: dict[str, list[str]], goals_without_contacts: list[str],
                    referrals_without_address: list[tuple[str, str]]) -> str:
    """One concrete next step for a week in which nothing happened, most promising first.

    The playbook: start with the people already in your corner, then the extended network;
    a goal needs people; a referral is worth nothing until it has an address.
    """
    for tier, words in (("core", "already in your corner"), ("extended", "you have met once or twice")):
        names = unwritten_by_tier.get(tier, [])
        if names:
            more = f" (and {len(names) - 1} more)" if len(names) > 1 else ""
            return (f"Write to {names[0]}{more}: people {words} you have not written to yet. "
                    f"A short note asking for 20 minutes is enough.")
    if referrals_without_address:
        name, referrer = referrals_without_address[0]
        return (f"Find an address for {name}, whom {referrer} suggested, then add it with "
                f"'coffeechat contacts edit' and a warm introduction is drafted for you.")
    if goals_without_contacts:
        return (f"Your goal \"{goals_without_contacts[0]}\" has no one linked to it yet: name one person who "
                f"could help and add them with 'coffeechat contacts add'.")
    for tier in ("shared", "cold"):
        names = unwritten_by_tier.get(tier, [])
        if names:
            return f"Write to {names[0]}: one thoughtful, specific note asking for 20 minutes is enough."
    return ("Add three people you would like to learn from with 'coffeechat contacts add' "
            "(or import your LinkedIn connections), then write to one of them.")
