"""The user's 1–3 goals, and how far the contacts linked to each have come.

The playbook's advice: know your one to three concrete goals, and let each conversation
serve one. A fourth open goal is refused with that reason.
"""

from __future__ import annotations

from datetime import datetime

from daemon.contact_log.schema import Contact, Goal
from daemon.contact_log.store import Store
from daemon.errors import UsageError
from daemon.mail.messages import clean
from daemon.playbook import rules

MAX_OPEN = 3
# How far a contact has come, in the words `goal list` uses.
STAGES = {
    "outreach": (rules.NEW, rules.AWAITING_REPLY, rules.NO_RESPONSE, rules.BOUNCED),
    "replied": (rules.REPLIED, rules.MEETING_SCHEDULED),
    "met": (rules.MET,),
    "connected": (rules.CONNECTED,),
}


def add(store: Store, text: str, now: datetime) -> Goal:
    text = clean(text, 200)
    if not text:
        raise UsageError("say the goal in a few words, e.g. coffeechat goal add \"Field organizer role by spring\"")
    if Goal.select().where(Goal.done_at.is_null()).count() >= MAX_OPEN:
        raise UsageError(f"you have {MAX_OPEN} open goals already: the playbook keeps to one to three, so the "
                         "conversations you ask for stay focused; finish one first (coffeechat goal done ID)")
    with store.transaction():
        return Goal.create(text=text, created_at=now)


def find(query: str, open_only: bool = False) -> Goal:
    """A goal by id or by part of its text; none or several is a usage error naming the candidates."""
    goals = list(Goal.select().order_by(Goal.id))
    if open_only:
        goals = [g for g in goals if g.done_at is None]
    found = [g for g in goals if str(g.id) == query.strip()] or \
        [g for g in goals if query.strip().lower() in g.text.lower()]
    if len(found) == 1:
        return found[0]
    if not found:
        raise UsageError(f"no goal matches {query!r}: 'coffeechat goal list' shows them")
    raise UsageError(f"{query!r} matches {len(found)} goals: "
                     + ", ".join(f"{g.text} (id {g.id})" for g in found) + "; give the id")


def edit(store: Store, goal: Goal, text: str) -> None:
    if not clean(text, 200):
        raise UsageError("say the goal in a few words: an empty goal is no goal")
    with store.transaction():
        goal.text = clean(text, 200)
        goal.save()


def done(store: Store, goal: Goal, now: datetime) -> None:
    with store.transaction():
        goal.done_at = goal.done_at or now
        goal.save()


def progress() -> list[dict]:
    """Each goal with its contacts counted by stage."""
    found = []
    for goal in Goal.select().order_by(Goal.id):
        statuses = [c.status for c in Contact.select(Contact.status).where(Contact.goal == goal)]
        found.append({"id": goal.id, "goal": goal.text, "done": goal.done_at is not None,
                      "contacts": len(statuses),
                      **{stage: sum(s in members for s in statuses) for stage, members in STAGES.items()}})
    return found
