"""What a cycle saw and did, in words a person reads: the sync summary, --explain, and the review list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from daemon.mail.classify import FOLLOW_UP, OUTREACH, MailEvent
from daemon.mail.messages import MailSummary
from daemon.writing.kinds import KINDS


@dataclass(frozen=True)
class PlannedDraft:
    contact: str        # "Name <address>"
    kind: str
    attempt: int
    subject: str
    body: str


@dataclass
class CycleReport:
    """What one cycle saw and did, for the CLI and the logs."""

    dry_run: bool = False
    fetched: dict[str, int] = field(default_factory=dict)
    skipped: int = 0
    events: list[MailEvent] = field(default_factory=list)
    drafts: list[PlannedDraft] = field(default_factory=list)
    statuses: list[tuple[str, str]] = field(default_factory=list)  # (contact, new status)
    withdrawn: list[tuple[str, str, str]] = field(default_factory=list)  # no longer needed: (contact, status, kind)
    considered: list[tuple[MailSummary, MailEvent]] = field(default_factory=list)  # my sent mail, for --explain
    to_review: list[str] = field(default_factory=list)  # new outreach waiting for `coffeechat review`
    warnings: list[str] = field(default_factory=list)
    meetings: list[tuple[str, str]] = field(default_factory=list)  # (contact, when or "cancelled") from invites
    folders: object = None  # the Folders the cycle used: the daemon keeps them for the next one
    interrupted: bool = False
    explain: bool = False   # keep my sent mail for --explain (a first sync would otherwise hold it all for nothing)
    progress: Callable[[str], None] | None = None  # told how a long read goes ("" when it is over)


def describe(report: CycleReport) -> str:
    """The cycle in a few lines a person can read."""
    fetched = ", ".join(f"{folder} {count}" for folder, count in report.fetched.items())
    count = sum(report.fetched.values())
    lines = [f"{'Dry run: r' if report.dry_run else 'R'}ead {count} new message{'' if count == 1 else 's'} ({fetched})"
             + (f", skipped {report.skipped} unreadable" if report.skipped else "") + "."]
    kinds: dict[str, int] = {}
    for event in report.events:
        kinds[event.kind] = kinds.get(event.kind, 0) + 1
    if kinds:
        counts = (f"{n} {kind.replace('_', ' ')}" for kind, n in sorted(kinds.items()))
        lines.append(f"Tracked: {', '.join(counts)}.")
    for who, when in report.meetings:
        lines.append(f"Meeting with {who} {'cancelled' if when == 'cancelled' else 'on ' + when} (from an invite).")
    verb = "Would draft" if report.dry_run else "Drafted"
    for draft in report.drafts:
        if draft.kind == "prep":
            lines.append(f"{'Would put' if report.dry_run else 'Put'} a prep note in your INBOX for the "
                         f"conversation with {draft.contact}: {draft.subject}")
        elif draft.kind == "follow_up":
            lines.append(f"{verb} follow-up (attempt {draft.attempt}) to {draft.contact}: {draft.subject}")
        else:
            words = KINDS[draft.kind].words
            lines.append(f"{verb} {words} to {draft.contact}: {draft.subject}")
        if report.dry_run:
            lines += [f"    {line}" if line else "" for line in draft.body.replace("\r\n", "\n").rstrip().splitlines()]
    for who, status in report.statuses:
        lines.append(f"{'Would mark' if report.dry_run else 'Marked'} {who} as {status}.")
    for who, status, kind in report.withdrawn:
        why = {"replied": "replied", "bounced": "bounced"}.get(status, f"is now {status}")
        if kind == "thank_you":
            why = "heard from you since the meeting"
        words = {"thank_you": "thank-you", "ask_follow_up": "follow-up on what was promised"}.get(kind, "follow-up")
        lines.append(f"{who} {why}: the {words} waiting in Drafts is no longer needed; delete it.")
    if report.to_review:
        n = len(report.to_review)
        lines.append(f"{n} outreach message{'s wait' if n > 1 else ' waits'} for your confirmation before any "
                     "follow-up: run 'coffeechat review'.")
    if not report.drafts and not report.statuses and not report.withdrawn and not report.interrupted:
        lines.append("Nothing is due.")
    lines += [f"Warning: {warning}" for warning in report.warnings]
    if report.interrupted:
        lines.append("Stopped (Ctrl-C) before the cycle finished: what is listed above was done; "
                     "the next sync does the rest, and nothing is drafted twice.")
    return "\n".join(lines) + "\n"


def explain(report: CycleReport) -> str:
    """For each sent message the cycle read: counted as outreach or not, and the reasons that weighed most."""
    if not report.considered:
        return "No new sent messages to explain.\n"
    lines = [f"Why each of the {len(report.considered)} new sent messages counted as networking or not:"]
    verdicts = {OUTREACH: "outreach", FOLLOW_UP: "your follow-up"}
    for summary, event in sorted(report.considered, key=lambda item: item[0].date):
        verdict = verdicts.get(event.kind, "not outreach")
        lines.append(f"  {summary.date:%Y-%m-%d} to {recipients(summary)}: \"{summary.subject}\" -> {verdict}")
        lines += [f"      - {reason}" for reason in event.why]
    return "\n".join(lines) + "\n"


def recipients(summary: MailSummary) -> str:
    people = [f"{a.name} <{a.email}>" if a.name else a.email for a in summary.to]
    shown = ", ".join(people[:3]) + (f" and {len(people) - 3} more" if len(people) > 3 else "")
    return shown or "(no recipient)"
