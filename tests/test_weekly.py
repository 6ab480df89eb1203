"""When the weekly summary is due, and what its subject and quiet-week step say: pure, table-tested."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from daemon.playbook.weekly import (
    Line,
    SummaryAt,
    Week,
    next_slot,
    parse_summary_at,
    quiet_week_step,
    slot_in_week,
    summary_due,
    week_of,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
MONDAY_8 = SummaryAt(0, 8, 0)


@pytest.mark.parametrize("text, expected", [
    ("monday 08:00", MONDAY_8),
    ("Monday 8:00", MONDAY_8),
    ("mon 08:00", MONDAY_8),
    ("  FRIDAY   17:30 ", SummaryAt(4, 17, 30)),
    ("sunday 23:59:30", SummaryAt(6, 23, 59, 30)),
    ("off", None),
    ("never", None),
])
def test_summary_at_reads_a_weekday_and_a_time(text, expected):
    assert parse_summary_at(text) == expected


@pytest.mark.parametrize("text", ["", "08:00", "monday", "mo 08:00", "t 08:00", "monday 24:00", "monday 8",
                                  "someday 08:00", "monday 08:60", "monday at 08:00"])
def test_summary_at_refuses_what_is_not_a_weekly_time(text):
    with pytest.raises(ValueError, match="weekday and a 24-hour time"):
        parse_summary_at(text)


@pytest.mark.parametrize("now, zone, expected", [
    (datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc), timezone.utc, "2026-W48"),
    (datetime(2026, 11, 29, 23, 30, tzinfo=timezone.utc), BERLIN, "2026-W49"),   # Monday 00:30 in Berlin
    (datetime(2026, 11, 30, 3, 0, tzinfo=timezone.utc), NEW_YORK, "2026-W48"),   # still Sunday in New York
    (datetime(2027, 1, 1, 12, 0, tzinfo=timezone.utc), timezone.utc, "2026-W53"),  # ISO years differ
])
def test_week_of_is_the_iso_week_in_the_users_zone(now, zone, expected):
    assert week_of(now, zone) == expected


def test_slot_follows_the_wall_clock_across_daylight_saving():
    # Europe moves its clocks on Sunday 2026-03-29: Monday 08:00 is 07:00 UTC before, 06:00 after.
    before = slot_in_week(datetime(2026, 3, 25, tzinfo=timezone.utc), BERLIN, MONDAY_8)
    after = slot_in_week(datetime(2026, 4, 1, tzinfo=timezone.utc), BERLIN, MONDAY_8)
    assert before.astimezone(timezone.utc) == datetime(2026, 3, 23, 7, 0, tzinfo=timezone.utc)
    assert after.astimezone(timezone.utc) == datetime(2026, 3, 30, 6, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("now, delivered, due", [
    (datetime(2026, 11, 23, 6, 59, tzinfo=timezone.utc), set(), False),            # Monday 07:59 Berlin: not yet
    (datetime(2026, 11, 23, 7, 0, tzinfo=timezone.utc), set(), True),              # the minute itself
    (datetime(2026, 11, 23, 7, 0, tzinfo=timezone.utc), {"2026-W48"}, False),      # never twice
    (datetime(2026, 11, 25, 15, 0, tzinfo=timezone.utc), set(), True),             # off on Monday: caught up Wed
    (datetime(2026, 11, 25, 15, 0, tzinfo=timezone.utc), {"2026-W47"}, True),      # last week's does not count
    (datetime(2026, 11, 29, 22, 59, tzinfo=timezone.utc), {"2026-W48"}, False),    # Sunday night: still W48
    (datetime(2026, 11, 29, 23, 30, tzinfo=timezone.utc), {"2026-W48"}, False),    # Monday 00:30: not yet 08:00
])
def test_summary_is_due_once_its_moment_in_the_week_has_come(now, delivered, due):
    assert summary_due(now, BERLIN, MONDAY_8, delivered) is due


def test_no_summary_when_it_is_off():
    assert summary_due(datetime(2026, 11, 25, tzinfo=timezone.utc), BERLIN, None, set()) is False


def test_next_slot_is_this_week_or_the_next():
    assert next_slot(datetime(2026, 11, 23, 6, 0, tzinfo=timezone.utc), BERLIN, MONDAY_8) == \
        datetime(2026, 11, 23, 8, 0, tzinfo=BERLIN)
    assert next_slot(datetime(2026, 11, 25, 6, 0, tzinfo=timezone.utc), BERLIN, MONDAY_8) == \
        datetime(2026, 11, 30, 8, 0, tzinfo=BERLIN)


def line(who: str) -> Line:
    return Line(who, "")


@pytest.mark.parametrize("week, subject", [
    (Week("2026-W48", 48, "", "", "J", replies=(line("a"), line("b"), line("c")), meetings_held=(line("d"),),
          drafts_waiting=(line("e"), line("f"))),
     "coffeechat week 48: 3 replies, 1 meeting, 2 drafts waiting"),
    (Week("2026-W48", 48, "", "", "J", replies=(line("a"),), meetings_ahead=(line("b"), line("c"))),
     "coffeechat week 48: 1 reply, 2 meetings ahead"),
    (Week("2026-W01", 1, "", "", "J"), "coffeechat week 1: a quiet week, and one next step"),
])
def test_subject_counts_what_happened(week, subject):
    assert week.subject() == subject


@pytest.mark.parametrize("unwritten, goals, referrals, starts", [
    ({"core": ["Robin", "Ana"], "cold": ["Zed"]}, ["A goal"], [("Bo", "Sam")], "Write to Robin (and 1 more)"),
    ({"extended": ["Kai"]}, [], [], "Write to Kai: people you have met once or twice"),
    ({"cold": ["Zed"]}, [], [("Bo", "Sam")], "Find an address for Bo, whom Sam suggested"),
    ({"cold": ["Zed"]}, ["Policy internship"], [], 'Your goal "Policy internship" has no one linked'),
    ({"cold": ["Zed"]}, [], [], "Write to Zed"),
    ({}, [], [], "Add three people"),
])
def test_a_quiet_week_suggests_the_most_promising_step(unwritten, goals, referrals, starts):
    assert quiet_week_step(unwritten, goals, referrals).startswith(starts)
