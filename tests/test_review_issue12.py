"""Review of issue 12 (speed work): a defect a user meets, proven by a failing test.

Real Dovecot; the invite is tests/invites.py's Outlook shape, as a mailing list delivers it.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from corpus import ME, mail
from invites import at, invite

UTC = timezone.utc
NOW = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)


def through_a_list(raw: bytes, list_address: str, list_id: str) -> bytes:
    """The message as Mailman 3 hands it on: From kept, the list's headers added, To the list."""
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = [line for line in head.split(b"\r\n") if not line.startswith(b"To:")]
    lines[1:1] = [f"To: {list_address}".encode(), f"List-Id: {list_id}".encode(), b"Precedence: list",
                  f"List-Post: <mailto:{list_address}>".encode()]
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def test_a_contacts_outlook_invite_through_a_list_is_let_go_and_the_meeting_is_lost(mailbox, capsys):
    # WRONG: Cycle.let_go (issue 12) drops incoming list mail before anything asks whether it concerns a
    # contact, judging "may hold an invite" as for a stranger. Maya, whom the user wrote to, sends an
    # Outlook invite (subject = the meeting's title, multipart/alternative with a text/calendar part) to the
    # small fellows' list the user is on: before let_go, find_invites saw a contact's multipart mail and read
    # its calendar; now it is let go unread, so no meeting is logged - no prep note that morning, no
    # thank-you after, Maya still "awaiting_reply" and due a follow-up. RIGHT: a contact's mail is never let
    # go unread for a calendar part (let go only what concerns no contact), so the meeting is logged.
    outreach = mail(sender=ME, to="Maya Okafor <maya@sunrise.example>", subject="Hello from a fellow organizer",
                    when=NOW - timedelta(days=3),
                    body="Hi Maya,\n\nWould you have 20 minutes for a call? I'd love to hear how you got "
                         "started in field organizing.\n\nJordan")
    mailbox.append("Sent", outreach, when=NOW - timedelta(days=3))
    mailbox.sync(NOW - timedelta(days=3) + timedelta(minutes=5))
    start = at(NOW, days=2)
    raw = invite(client="outlook", organizer=("Maya Okafor", "maya@sunrise.example"),
                 attendees=(("Jordan Rivera", "jordan@example.org"), ("Policy Fellows", "fellows@lists.example")),
                 start=start, end=start + timedelta(minutes=30), summary="Coffee chat: organizing and policy",
                 sent=NOW)
    mailbox.append("INBOX", through_a_list(raw, "fellows@lists.example", "Policy Fellows <fellows.lists.example>"),
                   when=NOW)
    out = mailbox.sync(NOW + timedelta(minutes=5))
    code, listing, _ = mailbox.run(capsys, "contacts", "export")
    maya = next(row for row in json.loads(listing) if row["email"] == "maya@sunrise.example")
    assert maya["status"] == "meeting_scheduled", (maya["status"], out)
