"""The weekly summary as a message: the subject, a plain-text part and an HTML part, from one Week.

Pure apart from reading templates (summary.txt.j2, summary.html.j2; the user's folder
overrides them like every other). The HTML environment escapes everything: names and
subjects in the summary come from strangers' mail.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from email.message import EmailMessage
from email.utils import format_datetime

from daemon.playbook.weekly import Week
from daemon.writing import drafts

# Colours that read on a light and a dark background alike (mail apps invert some, not others).
PALETTE = {
    "sent": "#3b82c4",       # outreach and follow-ups
    "replies": "#2e9e6b",
    "meetings": "#d9822b",
    "warn": "#c2453d",
    "muted": "#7b8794",
    "empty": "#8a94a0",
}


def render(week: Week, templates_dir: str | None) -> tuple[str, str]:
    """(text, html) for the week."""
    text = drafts.render(drafts.environment(templates_dir), "summary.txt.j2", week=week)
    peak = max([max(bar.sent, bar.replies, bar.meetings) for bar in week.strip] + [1])
    widest = max([stage.ever for stage in week.funnel] + [1])
    html = drafts.render(drafts.environment(templates_dir, html=True), "summary.html.j2", week=week,
                         palette=PALETTE, peak=peak, widest=widest)
    return text, html


def compose(week: Week, *, my_address: str, now: datetime, zone: tzinfo, message_id: str,
            templates_dir: str | None) -> EmailMessage:
    """From and to the user, dated in their zone, multipart/alternative."""
    text, html = render(week, templates_dir)
    message = drafts.build(from_=("coffeechat", my_address), to=(week.my_name, my_address), subject=week.subject(),
                           thread=(), now=now, message_id=message_id, body=text, html=html)
    message.replace_header("Date", format_datetime(now.astimezone(zone)))
    return message
