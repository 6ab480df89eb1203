"""Every kind of message coffeechat writes: its template, where it goes, and how it is addressed.

One table. A new kind is a rule (rules.py or conversation.py says when it is due), a
template in templates/, and a row here; the recording, placing and reconciling are the
same for all (service.py). Drafts go to Drafts for the user to edit and send; notes to
the user (the prep note) go to INBOX, unread. Nothing is ever sent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from email.message import EmailMessage

import jinja2

from daemon.mail.wording import first_name
from daemon.playbook import conversation, first_notes, network
from daemon.playbook.rules import FOLLOW_UP_DRAFT, OUTREACH_DRAFT, ContactState
from daemon.writing import drafts

DRAFTS = "drafts"
INBOX = "inbox"


@dataclass(frozen=True)
class Kind:
    name: str
    template: str    # "{tier}" in it: one template per relationship tier (core, extended, shared, cold)
    folder: str      # DRAFTS or INBOX
    words: str       # how the output names it: "follow-up", "thank-you", …
    threaded: bool = True  # a reply in the contact's conversation (In-Reply-To, References); else a new thread

    def template_for(self, relationship: str) -> str:
        return self.template.format(tier=relationship if relationship in first_notes.TIER_ORDER else "cold")


KINDS = {kind.name: kind for kind in (
    Kind(OUTREACH_DRAFT, "outreach_{tier}.txt.j2", DRAFTS, "first note", threaded=False),
    Kind(FOLLOW_UP_DRAFT, "follow_up.txt.j2", DRAFTS, "follow-up"),
    Kind(conversation.THANK_YOU, "thank_you.txt.j2", DRAFTS, "thank-you"),
    Kind(conversation.ASK_FOLLOW_UP, "ask_follow_up.txt.j2", DRAFTS, "follow-up on what was promised"),
    Kind(conversation.PREP, "prep.txt.j2", INBOX, "prep note", threaded=False),
    Kind(network.WARM_INTRO, "outreach_warm.txt.j2", DRAFTS, "warm introduction", threaded=False),
    Kind(network.CHECK_IN, "check_in.txt.j2", DRAFTS, "check-in", threaded=False),
)}

# Questions from the informational-interview playbook; {org} is filled in.
QUESTIONS = (
    "How did you get started in this work, and what path led you to {org}?",
    "What does a typical week look like for you?",
    "What do you enjoy most about your work, and what do you find hardest?",
    "What are the biggest challenges {org} is facing right now?",
    "Which skills or experiences matter most for someone trying to break into this field?",
    "What do you wish you had known when you were starting out?",
    "What advice would you give someone in my position?",
    "Is there anyone else you think I should talk to?",
)


@dataclass(frozen=True)
class Facts:
    """What the log knows about a contact that a message may mention; gathered by the service."""

    name: str
    address: str
    organization: str
    state: ContactState
    meeting_start: datetime | None = None
    meeting_end: datetime | None = None
    notes: dict[str, list[str]] = field(default_factory=dict)        # open notes by category (and "ask")
    earlier_notes: list[tuple[str, str]] = field(default_factory=list)  # (category, text) before this meeting
    history: list[tuple[datetime, str, str]] = field(default_factory=list)  # (when, who, subject), oldest first
    referred_by: str = ""
    my_pitch: str = ""
    last_subject: str = ""      # the subject of the last conversation, for a check-in to refer to
    role: str = ""
    relationship: str = "cold"  # the tier, which picks a first note's template
    goal: str = ""              # the open goal they are linked to
    why: str = ""               # why them, in the user's words (`coffeechat outreach --why`)
    ask_minutes: int = 20       # COFFEECHAT_ASK_MINUTES: the time a first note asks for


def compose(env: jinja2.Environment, kind: str, facts: Facts, *, my_name: str, my_address: str, attempt: int,
            now: datetime, message_id: str, zone: tzinfo) -> EmailMessage:
    """The message for one due draft or note, ready to APPEND."""
    if kind == FOLLOW_UP_DRAFT:
        return drafts.follow_up(env, contact_name=facts.name, contact_email=facts.address,
                                organization=facts.organization, state=facts.state, my_name=my_name,
                                my_address=my_address, attempt=attempt, now=now, message_id=message_id)
    first = first_name(facts.name)
    ask = conversation.ask_words(facts.notes.get(conversation.ASK, [""])[-1], facts.organization)
    context = dict(
        first_name=first, greeting=f"Hi {first}," if first else "Hi,", contact_name=facts.name,
        organization=facts.organization, my_name=my_name, ask=ask, notes=facts.notes,
        specific=next((text for cat in ("to_think_about", "to_read", "to_look_up")
                       for text in facts.notes.get(cat, [])), ""),
        promised_to_me=facts.notes.get("to_follow_up", []), i_promised=facts.notes.get("to_do", []),
    )
    body = drafts.render(env, KINDS[kind].template_for(facts.relationship), **context,
                         **_extra(kind, facts, zone, now))
    if kind == OUTREACH_DRAFT:
        return drafts.build(from_=(my_name, my_address), to=(facts.name, facts.address),
                            subject=first_notes.subject(facts.relationship, facts.organization),
                            thread=(), now=now, message_id=message_id, body=body)
    if kind == network.WARM_INTRO:
        referrer = first_name(facts.referred_by) or facts.referred_by
        return drafts.build(from_=(my_name, my_address), to=(facts.name, facts.address),
                            subject=f"{referrer} suggested I reach out" if referrer else "Hello",
                            thread=(), now=now, message_id=message_id, body=body)
    if kind == network.CHECK_IN:
        return drafts.build(from_=(my_name, my_address), to=(facts.name, facts.address), subject="Checking in",
                            thread=(), now=now, message_id=message_id, body=body)
    if KINDS[kind].folder == INBOX:
        when = facts.meeting_start.astimezone(zone) if facts.meeting_start else now
        subject = f"Prep: your conversation with {facts.name or facts.address}, {when:%A %H:%M}"
        return drafts.build(from_=("coffeechat", my_address), to=(my_name, my_address), subject=subject,
                            thread=(), now=now, message_id=message_id, body=body)
    subject = facts.state.subject or "Thank you"
    if not subject.lower().startswith("re:"):
        subject = f"Re: {subject}"
    return drafts.build(from_=(my_name, my_address), to=(facts.name, facts.address), subject=subject,
                        thread=facts.state.thread, now=now, message_id=message_id, body=body)


def _extra(kind: str, facts: Facts, zone: tzinfo, now: datetime) -> dict:
    if kind == OUTREACH_DRAFT:
        return {"my_pitch": first_notes.sentence(facts.my_pitch), "why": first_notes.clause(facts.why),
                "their_work": first_notes.their_work(facts.role, facts.organization),
                "goal": first_notes.clause(facts.goal), "minutes": facts.ask_minutes, "role": facts.role}
    if kind == network.WARM_INTRO:  # a first note too: the user's --why and the ask they set, as the tiers'
        return {"referrer": facts.referred_by, "referrer_first": first_name(facts.referred_by) or facts.referred_by,
                "my_pitch": first_notes.sentence(facts.my_pitch), "why": first_notes.clause(facts.why),
                "minutes": facts.ask_minutes, "last_subject": facts.last_subject}
    if kind == network.CHECK_IN:
        return {"referrer": facts.referred_by, "referrer_first": first_name(facts.referred_by) or facts.referred_by,
                "my_pitch": facts.my_pitch, "last_subject": facts.last_subject}
    if kind == conversation.THANK_YOU:
        return {"met_when": _day_words(facts.meeting_start, now, zone)}
    if kind != conversation.PREP:
        return {}
    org = facts.organization or "your organization"
    start = facts.meeting_start.astimezone(zone) if facts.meeting_start else None
    minutes = int((facts.meeting_end - facts.meeting_start).total_seconds() // 60) \
        if facts.meeting_start and facts.meeting_end else 0
    return dict(
        when=f"{start:%A %B} {start.day}, {start:%H:%M}" if start else "", minutes=minutes,
        questions=[q.format(org=org) for q in QUESTIONS], referred_by=facts.referred_by,
        history=[(f"{when.astimezone(zone):%b} {when.astimezone(zone).day}", who, subject)
                 for when, who, subject in facts.history[-8:]],
        earlier_notes=facts.earlier_notes,
        ask_to_make=conversation.ask_words(facts.notes.get(conversation.ASK, [""])[-1], facts.organization),
        notes_for_this=[(c, t) for c, texts in facts.notes.items() if c != conversation.ASK for t in texts],
    )


def _day_words(when: datetime | None, now: datetime, zone: tzinfo) -> str:
    """"today", "yesterday" or "on Tuesday": when the conversation was, as the thank-you says it."""
    if when is None:
        return "today"
    days = (now.astimezone(zone).date() - when.astimezone(zone).date()).days
    return {0: "today", 1: "yesterday"}.get(days, f"on {when.astimezone(zone):%A}")
