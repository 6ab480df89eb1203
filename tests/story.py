"""A mailbox seeded the way a real job seeker's looks, three weeks into a search.

NOW is 2026-11-24 09:00 UTC. Each person below exercises one case of the playbook;
EXPECTED says what coffeechat must conclude about them. Bills, friends, newsletters and a
group email are mixed in and must never become contacts.
"""

from __future__ import annotations

from corpus import ME, bounce, days_ago, mail

OUTREACH_BODY = (
    "Hi {first},\n\nI'm a community organizer moving into policy work, and your career path "
    "really stands out to me. Would you be open to a 20 minute chat in the next few weeks?\n\n"
    "Thanks,\nJordan"
)

# address -> (status, attempts, follow-up draft placed by the first sync?)
EXPECTED = {
    "maria@progressive.example": ("awaiting_reply", 1, True),     # unanswered for 10 days
    "sam@campaign.example": ("replied", 1, False),                # answered in the thread
    "priya@union.example": ("awaiting_reply", 1, False),          # away until December 3
    "alex@oldcampaign.example": ("bounced", 1, False),            # address no longer exists
    "dana@cityhall.example": ("awaiting_reply", 2, False),        # user already followed up
    "terry@foundation.example": ("no_response", 2, False),        # two attempts, long silence
    "elena@senate.example": ("replied", 1, False),                # her scheduler answered
    "zoe@coop.example": ("awaiting_reply", 1, True),              # non-ASCII name, encoded subject
    "quinn@network.example": ("replied", 1, False),               # answered from a new thread
}

NOT_CONTACTS = ("billing@power.example", "news@progressive.example", "pat@friends.example",
                "lee@friends.example", "chris@friends.example")


def outreach(name: str, address: str, subject: str, days: float, message_id: str) -> bytes:
    return mail(sender=ME, to=f"{name} <{address}>", subject=subject, when=days_ago(days),
                body=OUTREACH_BODY.format(first=name.split()[0]), message_id=message_id)


def seed(mailbox, sent_folder: str = "Sent") -> None:
    """Put the story into a fresh test user's INBOX and Sent (or the provider's name for it)."""
    sent = [
        outreach("Maria López", "maria@progressive.example", "Informational interview?", 10, "<o-maria@example.org>"),
        outreach("Sam Chen", "sam@campaign.example", "Quick chat about field organizing", 9, "<o-sam@example.org>"),
        outreach("Priya Natarajan", "priya@union.example", "Learning about labor organizing", 8,
                 "<o-priya@example.org>"),
        outreach("Alex Kim", "alex@oldcampaign.example", "Coffee?", 10, "<o-alex@example.org>"),
        outreach("Dana Brooks", "dana@cityhall.example", "Informational interview request", 20, "<o-dana@example.org>"),
        mail(sender=ME, to="Dana Brooks <dana@cityhall.example>", subject="Re: Informational interview request",
             body="Hi Dana, just bumping this up in case it got buried.", when=days_ago(12),
             message_id="<f-dana@example.org>", in_reply_to="<o-dana@example.org>",
             references="<o-dana@example.org>"),
        outreach("Terry Nguyen", "terry@foundation.example", "Would love your advice", 40, "<o-terry@example.org>"),
        mail(sender=ME, to="terry@foundation.example", subject="Re: Would love your advice",
             body="Hi Terry, following up on my note.", when=days_ago(30), message_id="<f-terry@example.org>",
             in_reply_to="<o-terry@example.org>", references="<o-terry@example.org>"),
        outreach("Sen. Elena Ortiz", "elena@senate.example", "Informational interview?", 6, "<o-elena@example.org>"),
        outreach("Zoë Ångström", "zoe@coop.example", "=?utf-8?q?Caf=C3=A9_chat=3F?=", 8, "<o-zoe@example.org>"),
        outreach("Quinn Park", "quinn@network.example", "Quick chat?", 9, "<o-quinn@example.org>"),
        # Not networking: a note to a friend, and a group email (even one that mentions coffee).
        mail(sender=ME, to="Pat <pat@friends.example>", subject="Dinner Friday?",
             body="Are we still on for Friday?", when=days_ago(11)),
        mail(sender=ME, to="lee@friends.example, chris@friends.example, pat@friends.example",
             subject="Coffee this weekend", body="Anyone up for coffee?", when=days_ago(10)),
    ]
    inbox = [
        mail(sender="Sam Chen <sam@campaign.example>", to=ME, subject="Re: Quick chat about field organizing",
             body="Happy to! How's Thursday?\n\n> Would you be open to a 20 minute chat",
             when=days_ago(7), in_reply_to="<o-sam@example.org>", references="<o-sam@example.org>"),
        mail(sender="Priya Natarajan <priya@union.example>", to=ME,
             subject="Automatic reply: Learning about labor organizing",
             body="I'm out of the office at a convention and will be back on December 3. "
                  "For urgent matters contact the front desk.",
             when=days_ago(8), in_reply_to="<o-priya@example.org>",
             headers={"Auto-Submitted": "auto-replied", "X-Autoreply": "yes"}),
        bounce(failed="alex@oldcampaign.example", original_subject="Coffee?", when=days_ago(10)),
        # The senator's scheduler answers inside the thread, quoting all of it.
        mail(sender="Scheduling Office <scheduler@senate.example>", to=ME,
             subject="RE: Informational interview?", when=days_ago(3),
             body="Hello Jordan, the Senator would be glad to meet. Does 12/2 at 10am work?\n\n"
                  "-----Original Message-----\nFrom: Jordan Rivera\n" + OUTREACH_BODY.format(first="Elena"),
             message_id="<r-elena@senate.example>", in_reply_to="<o-elena@example.org>",
             references="<o-elena@example.org>"),
        # Quinn answers in a brand-new thread, from the address Jordan wrote to.
        mail(sender="Quinn Park <quinn@network.example>", to=ME, subject="Following up on your note",
             body="Hi Jordan, sorry for the delay, yes let's talk.", when=days_ago(2)),
        # Ordinary mail: a bill (no Message-ID, no Date), a newsletter, friends.
        mail(sender="City Power <billing@power.example>", to=ME, subject="Your November statement",
             body="Amount due: $42.17", message_id=None, when=days_ago(5)).replace(b"Date:", b"X-Old-Date:"),
        mail(sender="Progressive Weekly <news@progressive.example>", to=ME, subject="This week in organizing",
             body="Read more...", when=days_ago(4),
             headers={"List-Id": "<weekly.progressive.example>", "Precedence": "bulk"}),
        mail(sender="Pat <pat@friends.example>", to=ME, subject="Re: Dinner Friday?", body="Yes! 7pm.",
             when=days_ago(10)),
        mail(sender="Lee <lee@friends.example>", to=ME, subject="Coffee this weekend?",
             body="Would you be open to coffee?", when=days_ago(9)),
    ]
    for message in sent:
        mailbox.append(sent_folder, message, flags=(b"\\Seen",))
    for message in inbox:
        mailbox.append("INBOX", message)
