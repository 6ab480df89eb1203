"""Builders for test data: real RFC 5322 mail as a client or server would write it, minimal settings, table rows."""

from __future__ import annotations

import hashlib
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest

ME = "Jordan Rivera <jordan@example.org>"

# The fewest settings that load: loopback IMAP, no real server needed.
MINIMAL = {
    "COFFEECHAT_IMAP_HOST": "127.0.0.1",
    "COFFEECHAT_IMAP_TLS": "none",
    "COFFEECHAT_IMAP_USER": "jordan@example.org",
    "COFFEECHAT_IMAP_PASSWORD": "x",
    "COFFEECHAT_MY_NAME": "Jordan",
}
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)


def settings_values(**overrides: str | None) -> dict[str, str]:
    """MINIMAL with some COFFEECHAT_* values changed (imap_host="x" for COFFEECHAT_IMAP_HOST); None removes one."""
    merged = {**MINIMAL, **{f"COFFEECHAT_{name.upper()}": value for name, value in overrides.items()}}
    return {key: value for key, value in merged.items() if value is not None}


def wait_for(condition, seconds: float) -> bool:
    """Poll `condition` until it holds or `seconds` pass (for a daemon running in another process)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def days_ago(days: float, now: datetime = NOW) -> datetime:
    return now - timedelta(days=days)


def mail(*, sender: str, to: str, subject: str, body: str = "", when: datetime | None = None,
         message_id: str | None = "auto", in_reply_to: str | None = None, references: str | None = None,
         headers: dict[str, str] | None = None, cc: str | None = None) -> bytes:
    """One plain-text message as raw bytes; pass message_id=None to leave it out."""
    when = when or NOW
    lines = [f"From: {sender}", f"To: {to}"]
    if cc:
        lines.append(f"Cc: {cc}")
    lines += [f"Subject: {subject}", f"Date: {format_datetime(when)}"]
    if message_id == "auto":
        message_id = f"<{_digest(sender, to, subject, when)}@test.example>"
    if message_id:
        lines.append(f"Message-ID: {message_id}")
    if in_reply_to:
        lines.append(f"In-Reply-To: {in_reply_to}")
    if references:
        lines.append(f"References: {references}")
    for name, value in (headers or {}).items():
        lines.append(f"{name}: {value}")
    lines += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8",
              "Content-Transfer-Encoding: 8bit", "", body]
    return "\r\n".join(lines).encode("utf-8")


def bounce(*, failed: str, original_subject: str, when: datetime, action: str = "failed") -> bytes:
    """A delivery status notification (RFC 3464) from MAILER-DAEMON."""
    boundary = "dsn-boundary-42"
    return "\r\n".join([
        "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>",
        "To: jordan@example.org",
        "Subject: Undelivered Mail Returned to Sender",
        f"Date: {format_datetime(when)}",
        f"Message-ID: <dsn-{_digest(failed, when)}@mx.example.org>",
        "Auto-Submitted: auto-replied",
        "MIME-Version: 1.0",
        f'Content-Type: multipart/report; report-type=delivery-status; boundary="{boundary}"',
        "",
        f"--{boundary}",
        "Content-Type: text/plain; charset=us-ascii",
        "",
        f"I'm sorry to have to inform you that your message could not be delivered: {original_subject}",
        "",
        f"--{boundary}",
        "Content-Type: message/delivery-status",
        "",
        "Reporting-MTA: dns; mx.example.org",
        "",
        f"Final-Recipient: rfc822; {failed}",
        f"Original-Recipient: rfc822;{failed}",
        f"Action: {action}",
        "Status: 5.1.1",
        "Diagnostic-Code: smtp; 550 5.1.1 user unknown",
        "",
        f"--{boundary}--",
        "",
    ]).encode("ascii")


def _digest(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def cases(*rows: tuple) -> list:
    """Table rows whose first column names the case."""
    return [pytest.param(*row[1:], id=row[0]) for row in rows]
