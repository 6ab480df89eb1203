"""The contact log as the user sees it: one row per contact, for `contacts list` and `contacts export`."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from datetime import datetime, timezone, tzinfo

from daemon.contact_log import meetings
from daemon.contact_log.store import Store, state_of
from daemon.mail.bounce_reasons import reason_by_key
from daemon.playbook import first_notes, rules
from daemon.settings import Settings

# The export contract (DESIGN.md): these fields, in this order, at least.
FIELDS = ("name", "email", "organization", "relationship", "status", "attempts", "last_sent_at",
          "last_reply_at", "referred_by", "next_action", "next_action_due")
EXTRA = ("role", "goal", "next_meeting", "open_notes")  # beyond the contract, in the CSV too


def rows(store: Store, settings: Settings) -> list[dict]:
    found = []
    now = datetime.now(timezone.utc)
    for contact in store.contacts():
        action, due, meeting = next_step_of(store, contact, settings, now)
        referrer = contact.referred_by
        found.append({
            "id": contact.id,
            "name": contact.name,
            "email": store.primary_address(contact),
            "organization": contact.organization,
            "relationship": contact.relationship,
            "status": contact.status,
            "attempts": contact.attempts,
            "last_sent_at": _iso(contact.last_sent_at),
            "last_reply_at": _iso(contact.last_reply_at),
            "referred_by": (referrer.name or store.primary_address(referrer)) if referrer else None,
            "next_action": action or None,
            "next_action_due": _iso(due),
            "next_meeting": _iso(meeting.start) if meeting else None,
            "role": contact.role,
            "goal": contact.goal.text if contact.goal_id else None,
            "open_notes": sum(1 for note in contact.notes if note.done_at is None),
            "addresses": [a.email for a in contact.addresses],
        })
    return found


def next_step_of(store: Store, contact, settings: Settings, now: datetime) -> tuple[str, datetime | None, object]:
    """The user's next step with this contact, when it is due, and the next meeting (or None)."""
    drafted = store.drafted_attempts(contact, rules.FOLLOW_UP_DRAFT)
    in_drafts = store.drafted_attempts(contact, rules.FOLLOW_UP_DRAFT, states=("placed",))
    action, due = rules.next_step(state_of(contact), drafted, in_drafts, settings)
    meeting = meetings.next_meeting(contact, now)
    if meeting is not None:
        action, due = "have the conversation", meeting.start
    elif not store.primary_address(contact):
        action, due = "find an address", None
    elif contact.status == rules.NEW and any(store.drafts_of(contact, kind, ("intended", "placed"))
                                             for kind in first_notes.FIRST_NOTES):
        action = "send the first note waiting in Drafts"
    elif contact.status == rules.MET:
        action, due = "send a thank-you (a draft is in Drafts when due)", None
    elif contact.status == rules.BOUNCED:
        bounce = store.latest_bounce(contact)
        if bounce is not None:  # hard: the address is wrong or gone; soft: this message did not get through
            action = reason_by_key(bounce.reason).next_step if bounce.reason else action
    return action, due, meeting


def filtered(found: list[dict], status: str | None, relationship: str | None,
             due_before: datetime | None, zone: tzinfo = timezone.utc) -> list[dict]:
    """`contacts list --status --relationship --due-before`: the rows that match every filter given."""
    def due(row: dict) -> bool:
        if due_before is None:
            return True
        if not row["next_action_due"]:
            return False
        limit = due_before if due_before.tzinfo else due_before.replace(tzinfo=zone)  # a bare date: the user's
        return datetime.fromisoformat(row["next_action_due"]) <= limit

    return [row for row in found if (status is None or row["status"] == status)
            and (relationship is None or row["relationship"] == relationship) and due(row)]


def as_json(found: list[dict]) -> str:
    return json.dumps(found, indent=2, ensure_ascii=False) + "\n"


def as_csv(found: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=(*FIELDS, *EXTRA, "addresses"), lineterminator="\n")
    writer.writeheader()
    for row in found:
        cells = {k: "" if row[k] is None else row[k] for k in (*FIELDS, *EXTRA)}
        cells["addresses"] = " ".join(row["addresses"])
        writer.writerow({k: _inert(v) for k, v in cells.items()})
    return out.getvalue()


def _inert(value: object) -> object:
    """Names come from mail: one starting with = + - @ would run as a spreadsheet formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def as_table(found: list[dict], zone: tzinfo = timezone.utc, width: int | None = None) -> str:
    """An aligned table: id, who, status and tier, the next step and when. With `width` (a terminal's),
    long cells are shortened so each line fits; without, nothing is cut (for pipes and files)."""
    if not found:
        return "No contacts yet: coffeechat adds them when it sees your outreach in Sent.\n"
    table = [("ID", "WHO", "STATUS", "TIER", "NEXT")] + [
        (str(row["id"]), _who(row), row["status"], row["relationship"], _next(row, zone)) for row in found]
    widths = [max(_width(line[i]) for line in table) for i in range(4)]
    if width:
        widths[1] = max(12, min(widths[1], width - sum(widths) + widths[1] - 4 - 22))
    lines = []
    for cells in table:
        fixed = "  ".join(_pad(_fit(cell, w), w) for cell, w in zip(cells[:4], widths, strict=False))
        line = f"{fixed}  {cells[4]}".rstrip()
        lines.append(_fit(line, width) if width else line)
    return "\n".join(lines) + "\n"


def _who(row: dict) -> str:
    if row["name"] and row["email"]:
        return f"{row['name']} <{row['email']}>"
    return row["name"] or row["email"]


def _next(row: dict, zone: tzinfo) -> str:
    if not row["next_action"]:
        return ""
    when = {"wait for a reply": "until", "have the conversation": "on"}.get(row["next_action"], "due")
    if not row["next_action_due"]:
        return row["next_action"]
    local = datetime.fromisoformat(row["next_action_due"]).astimezone(zone)
    return f"{row['next_action']} ({when} {local:%Y-%m-%d}{f' {local:%H:%M}' if when == 'on' else ''})"


def _width(text: str) -> int:
    """Columns on a terminal: CJK and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - _width(text), 0)


def _fit(text: str, width: int | None) -> str:
    if not width or _width(text) <= width:
        return text
    while text and _width(text) > width - 1:
        text = text[:-1]
    return text + "…"


def _iso(when: datetime | None) -> str | None:
    return when.isoformat() if when else None


def review_rows(store: Store, waiting: list) -> list[dict]:
    """Outreach waiting for confirmation: who, when, the subject, and why it looked like networking."""
    found = []
    for contact in waiting:
        event = store.outreach_event(contact)
        found.append({
            "id": contact.id,
            "name": contact.name,
            "email": store.primary_address(contact),
            "sent_at": _iso(event.date) if event else None,
            "subject": event.subject if event else "",
            "why": event.why.split("; ") if event and event.why else [],
        })
    return found


def review_table(found: list[dict]) -> str:
    if not found:
        return "Nothing waits for review: new outreach gets its follow-ups on its own.\n"
    lines = ["Outreach waiting for your confirmation. Nothing is drafted for these until you accept them:"]
    for row in found:
        who = f"{row['name']} <{row['email']}>" if row["name"] else row["email"]
        lines.append(f"  [{row['id']}] {who}, {(row['sent_at'] or '')[:10]}: \"{row['subject']}\"")
        lines += [f"        - {reason}" for reason in row["why"]]
    lines.append("Accept with 'coffeechat review --accept ID...', or 'coffeechat review --ignore ID...' "
                 "for mail that is not networking (they are never tracked again).")
    return "\n".join(lines) + "\n"
