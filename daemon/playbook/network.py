"""The playbook for the network: the warm introduction a referral earns, and keeping in touch.

Pure, like rules.py and conversation.py: a contact's tier, status, referral, last contact
either way and the drafts already made, and `now` in; what is due out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from daemon.playbook.rules import CONNECTED, MEETING_SCHEDULED, MET, NEW, OUTREACH_DRAFT, PAUSED, REPLIED, Due
from daemon.settings import Settings

KEPT_IN_TOUCH = (REPLIED, MEETING_SCHEDULED, MET, CONNECTED)
WARM_INTRO = "warm_intro"
CHECK_IN = "check_in"


@dataclass(frozen=True)
class Standing:
    """What the network rules read about one contact."""

    status: str
    relationship: str
    referred: bool                      # someone suggested them (referred_by is set)
    has_address: bool
    last_contact: datetime | None       # the last message either way, or the end of the last meeting
    cadence_days: int | None = None     # this contact's own keep-in-touch cadence
    drafted: frozenset[tuple[str, int]] = frozenset()  # (kind, attempt) of every draft ever made for them
    waiting: bool = False               # another draft for them waits in Drafts (or is about to)


def network_due(standing: Standing, now: datetime, settings: Settings) -> list[Due]:
    if standing.status == PAUSED:
        return []
    if standing.status == NEW and standing.referred and standing.has_address:
        # A referral with an address: the warm introduction, once, ever (attempt 0); none after a first
        # note the user asked for (`coffeechat outreach`) before the referral was known.
        if (WARM_INTRO, 0) not in standing.drafted and not any(k == OUTREACH_DRAFT for k, _ in standing.drafted):
            return [Due("draft", kind=WARM_INTRO, attempt=0)]
        return []
    # Connected people, and core ones in a conversation that has not failed (bounced, gone quiet).
    if standing.status == CONNECTED or (standing.relationship == "core" and standing.last_contact is not None
                                        and standing.status in KEPT_IN_TOUCH):
        due_at = check_in_at(standing, settings)
        # One per cadence period: the period is named by the day its clock started.
        period = int(standing.last_contact.timestamp() // 86400) if standing.last_contact else 0
        if due_at is not None and now >= due_at and not standing.waiting and (CHECK_IN, period) not in \
                standing.drafted and standing.has_address:
            return [Due("draft", kind=CHECK_IN, attempt=period)]
    return []


def cadence(standing: Standing, settings: Settings) -> int:
    return standing.cadence_days or settings.check_in_days.get(standing.relationship, settings.check_in_days["cold"])


def check_in_at(standing: Standing, settings: Settings) -> datetime | None:
    """When a check-in is due: the cadence after the last contact either way."""
    if standing.last_contact is None:
        return None
    return standing.last_contact + timedelta(days=cadence(standing, settings))
