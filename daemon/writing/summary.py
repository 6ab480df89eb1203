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
# Every container gets a background and a text colour from here, inline; DARK is the same set for
# clients that honour prefers-color-scheme (Apple Mail, iOS, Outlook for Mac), only as an enhancement.
PALETTE = {
    "sent": "#3b82c4",       # outreach and follow-ups
    "replies": "#2e9e6b",
    "meetings": "#d9822b",
    "connected": "#8a63c7",  # the funnel's last step
    "warn": "#c2453d",
    "muted": "#5d6877",      # secondary text: 5.6:1 on the card
    "empty": "#c9cfd6",      # a bar with nothing in it: a tick, so an empty week looks drawn, not broken
    "page": "#f3efe8",
    "card": "#ffffff",
    "ink": "#1d2530",
    "line": "#e6e1d8",
    "track": "#eceff2",      # behind the funnel's bars
    "tint": "#eef3f7",       # the current week's column
    "head": "#1f4e5f",       # the header band (dark in both schemes)
    "head_ink": "#ffffff",
    "head_soft": "#cde3e9",
    "highlight": "#fff3d1",  # a quiet week's next step
    "highlight_edge": "#e0a93b",
    "code": "#eef1f5",
}
DARK = {
    "page": "#121417",
    "card": "#1c2026",
    "ink": "#ebe7e1",
    "muted": "#a7b1bd",
    "line": "#2f353d",
    "track": "#2b3139",
    "tint": "#232c36",
    "empty": "#4a525c",
    "warn": "#f07a70",
    "highlight": "#3a321f",
    "code": "#2a3038",
}


def render(week: Week, templates_dir: str | None) -> tuple[str, str]:
    """(text, html) for the week."""
    text = drafts.render(drafts.environment(templates_dir), "summary.txt.j2", week=week)
    peak = max([max(bar.sent, bar.replies, bar.meetings) for bar in week.strip] + [1])
    widest = max([stage.ever for stage in week.funnel] + [1])
    html = drafts.render(drafts.environment(templates_dir, html=True), "summary.html.j2", week=week,
                         palette=PALETTE, dark=DARK, peak=peak, widest=widest)
    return text, html


def compose(week: Week, *, my_address: str, now: datetime, zone: tzinfo, message_id: str,
            templates_dir: str | None) -> EmailMessage:
    """From and to the user, dated in their zone, multipart/alternative."""
    text, html = render(week, templates_dir)
    message = drafts.build(from_=("coffeechat", my_address), to=(week.my_name, my_address), subject=week.subject(),
                           thread=(), now=now, message_id=message_id, body=text, html=html)
    message.replace_header("Date", format_datetime(now.astimezone(zone)))
    return message
