"""What a cycle saw and did, in words a person reads: the sync summary, --explain, and the review list."""

from __future__ import annotations

from daemon.classify import FOLLOW_UP, OUTREACH
from daemon.messages import MailSummary
from daemon.service import CycleReport


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
    verb = "Would draft" if report.dry_run else "Drafted"
    for draft in report.drafts:
        kind = draft.kind.replace("_", "-")
        lines.append(f"{verb} {kind} (attempt {draft.attempt}) to {draft.contact}: {draft.subject}")
        if report.dry_run:
            lines += [f"    {line}" if line else "" for line in draft.body.replace("\r\n", "\n").rstrip().splitlines()]
    for who, status in report.statuses:
        lines.append(f"{'Would mark' if report.dry_run else 'Marked'} {who} as {status}.")
    for who, status in report.withdrawn:
        why = {"replied": "replied", "bounced": "bounced"}.get(status, f"is now {status}")
        lines.append(f"{who} {why}: the follow-up waiting in Drafts is no longer needed; delete it.")
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
