"""The first note: who is ready to be written to, in what order, and why someone is not.

Pure, like network.py: what the log knows about each contact (tier, goal, address, what
was already written or drafted) in; the order the guides recommend and the reasons out.
The note itself is drafted only when the user asks (`coffeechat outreach`): no rule ever
writes to someone the user has not chosen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo

from daemon.playbook.network import WARM_INTRO
from daemon.playbook.rules import NEW, OUTREACH_DRAFT, PAUSED

# The guides: the people already in your corner first, then the extended network, then
# shared connections, then strangers.
TIER_ORDER = ("core", "extended", "shared", "cold")
FIRST_NOTES = (OUTREACH_DRAFT, WARM_INTRO)  # the draft kinds that open a first thread with someone
ATTEMPT = 1          # a first note is attempt 1 of the round its sending starts
WORDS_AT_MOST = 130  # the guides: a first note is read on a phone, between two other things

SUBJECTS = {
    "core": "Catching up, and a question",
    "extended": "Good to reconnect",
    "shared": "Hello, and a small ask",
}


@dataclass(frozen=True)
class Drafted:
    """A first note already drafted for someone: which kind, what became of it, when it was made."""

    kind: str
    state: str          # intended, placed, sent, dismissed, cancelled
    created_at: datetime


@dataclass(frozen=True)
class Prospect:
    """What the first-note rules read about one contact."""

    contact_id: int
    who: str                             # "Maya Okafor (Sunrise Movement)", as lists name people
    relationship: str
    status: str
    has_address: bool
    referred: bool = False               # someone suggested them: their first note is the warm introduction
    goal_rank: int | None = None         # the position of their open goal among the user's goals; None: no goal
    written_at: datetime | None = None   # the first message the user sent them, if any
    replied_at: datetime | None = None   # the last message they sent the user, if any
    drafted: Drafted | None = None       # the first note already drafted for them, if any
    ignored: bool = False                # on COFFEECHAT_IGNORE (or `contacts ignore`)
    since: datetime | None = None        # when the log last changed them (for a status with no message behind it)


def kind_for(prospect: Prospect) -> str:
    """A referral's first note names who suggested them (the warm introduction); anyone else's is by tier."""
    return WARM_INTRO if prospect.referred else OUTREACH_DRAFT


def refusal(prospect: Prospect, zone: tzinfo) -> str:
    """Why no first note is drafted for this contact, in the user's words; "" when one may be."""
    if prospect.written_at is not None:
        return f"already written to: you wrote to them {_on(prospect.written_at, zone)}"
    if prospect.status not in (NEW, PAUSED):
        if prospect.replied_at is not None:
            return f"already in conversation: they wrote to you {_on(prospect.replied_at, zone)}"
        since = f" since {_day(prospect.since, zone)}" if prospect.since else ""
        return f"already in touch: {prospect.status.replace('_', ' ')}{since}"
    if prospect.drafted is not None:
        return _drafted_words(prospect.drafted, zone)
    if prospect.status == PAUSED:
        return "paused: 'coffeechat contacts resume' first"
    if prospect.ignored:
        return "on your ignore list (COFFEECHAT_IGNORE)"
    if not prospect.has_address:
        return f"no email address yet: add one with 'coffeechat contacts edit {prospect.contact_id} " \
               "--add-address EMAIL'"
    return ""


def ready(prospects: list[Prospect], zone: tzinfo) -> list[Prospect]:
    """Everyone a first note may be drafted for now, most promising first."""
    return [p for p in ranked(prospects) if not refusal(p, zone)]


def ranked(prospects: list[Prospect]) -> list[Prospect]:
    """Tier first (core, extended, shared, cold), then those serving a goal (the oldest goal first), then
    the order they came into the log. Nothing random: the same log gives the same list."""
    def key(p: Prospect) -> tuple[int, int, int]:
        tier = TIER_ORDER.index(p.relationship) if p.relationship in TIER_ORDER else len(TIER_ORDER)
        return tier, p.goal_rank if p.goal_rank is not None else 1 << 30, p.contact_id
    return sorted(prospects, key=key)


def pick(prospects: list[Prospect], n: int, zone: tzinfo) -> tuple[list[Prospect], list[Prospect]]:
    """`--next N`: the N most promising contacts ready for a first note, and those ranked among them that
    only lack an address (at most N, so a thousand LinkedIn rows without one do not bury the answer)."""
    chosen: list[Prospect] = []
    missing: list[Prospect] = []
    for prospect in ranked(prospects):
        if len(chosen) == n:
            break
        if not refusal(prospect, zone):
            chosen.append(prospect)
        elif not prospect.has_address and not refusal(replace(prospect, has_address=True), zone) \
                and len(missing) < n:
            missing.append(prospect)
    return chosen, missing


def subject(relationship: str, organization: str) -> str:
    """The first note's subject: warm for the people one knows, specific for a stranger."""
    if relationship in SUBJECTS:
        return SUBJECTS[relationship]
    return f"A question about your work at {organization}" if organization else "A question about your work"


def their_work(role: str, organization: str) -> str:
    """"your work as Field Organizer at Sunrise Movement": only what the log holds, nothing guessed."""
    return "your work" + (f" as {role}" if role else "") + (f" at {organization}" if organization else "")


def sentence(text: str) -> str:
    """The user's pitch as a sentence of its own: one line, ending with a full stop."""
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?" else f"{text}."


_LOWER_FIRST = {"you", "your", "the", "a", "an", "we", "my", "our", "they", "their"}


def clause(text: str) -> str:
    """`--why` (or a goal) as it reads inside a sentence: one line, no full stop, no "because" of its own, an
    opening "You" or "A" in lower case (a name stays as written)."""
    text = re.sub(r"^because\s+", "", " ".join(text.split()), flags=re.IGNORECASE).rstrip(" .!")
    first = text.split(" ", 1)[0]
    return first.lower() + text[len(first):] if first.lower() in _LOWER_FIRST else text


def word_count(text: str) -> int:
    """Words as a reader counts them (the greeting and the signature too)."""
    return len(re.findall(r"[\w'’\-]+", text))


def _drafted_words(drafted: Drafted, zone: tzinfo) -> str:
    what = "a warm introduction" if drafted.kind == WARM_INTRO else "a first note"
    when = _on(drafted.created_at, zone)
    return {
        "intended": f"{what} for them waits in Drafts (drafted {when})",
        "placed": f"{what} for them waits in Drafts (drafted {when})",
        "sent": f"already written to: you sent {what} drafted {when}",
        "dismissed": f"you deleted {what} drafted {when}; it is not made again",
    }.get(drafted.state, f"{what} drafted {when} was withdrawn; it is not made again")


def _on(when: datetime, zone: tzinfo) -> str:
    return f"on {_day(when, zone)}"


def _day(when: datetime, zone: tzinfo) -> str:
    local = when.astimezone(zone)
    return f"{local:%a %b} {local.day}, {local.year}"
