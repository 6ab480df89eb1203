"""A realistic mailbox for the benchmark: what a job seeker's INBOX and Sent hold over four years.

Deterministic (seeded), written as raw RFC 5322 bytes in the shapes real clients produce.
INBOX: newsletters and notifications (HTML, List-Id), ordinary mail from friends, family,
landlords and shops, replies in networking threads, out-of-office answers, delivery
failures and calendar invites. Sent (a quarter as many): ordinary mail, networking
outreach and follow-ups, replies to friends. Mail older than a year lies outside
coffeechat's backfill window, as most of a real mailbox does.
"""

from __future__ import annotations

import random
import zlib
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

ME = "Jordan Rivera <jordan@example.org>"
YEARS = 4
FIRST_NAMES = ("Maria", "Sam", "Priya", "Alex", "Dana", "Terry", "Elena", "Zoë", "Quinn", "Amara", "Mei", "Deshawn",
               "Lan", "Omar", "Sofia", "Chris", "Pat", "Lee", "Jordan", "Ana", "Kwame", "Yuki", "Ravi", "Fatima")
LAST_NAMES = ("López", "Chen", "Natarajan", "Kim", "Brooks", "Nguyen", "Ortiz", "Ångström", "Park", "Okafor",
              "Washington", "Haddad", "Rossi", "Silva", "Cohen", "Müller", "Ito", "Patel", "Mensah", "Garcia")
ORGS = ("progressive.example", "campaign.example", "union.example", "cityhall.example", "foundation.example",
        "senate.example", "coop.example", "network.example", "policy.example", "organize.example")
LISTS = ("Progressive Weekly", "Labor Notes Digest", "City Council Updates", "Job Board Alerts", "Campaign Jobs",
         "Nonprofit News", "Policy Brief", "Organizer Network")


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _address(name: str, domain: str) -> str:
    local = name.split()[0].lower().replace("ë", "e").replace("å", "a")
    return f"{local}.{zlib.crc32(name.encode()) % 997}@{domain}"  # stable across runs, unlike hash()


def _headers(pairs: list[tuple[str, str]]) -> bytes:
    return "".join(f"{k}: {v}\r\n" for k, v in pairs).encode("utf-8")


def _when(rng: random.Random, now: datetime) -> datetime:
    # Recent mail is denser, as in real mailboxes: half of it within the last year.
    days = rng.random() ** 1.6 * 365 * YEARS
    return now - timedelta(days=days, seconds=rng.randrange(86400))


def _newsletter(rng: random.Random, n: int, when: datetime) -> bytes:
    title = rng.choice(LISTS)
    slug = title.lower().replace(" ", "-")
    boundary = f"=_bench_{n}"
    items = "".join(f"<tr><td><h2>Story {i}</h2><p>{'Organizing news and events near you. ' * 6}</p>"
                    f"<a href='https://{slug}.example/s/{n}/{i}'>Read more</a></td></tr>"
                    for i in range(rng.randint(4, 12)))
    html = f"<html><body><table>{items}</table></body></html>"
    text = "Organizing news and events near you.\n" * rng.randint(10, 40)
    head = _headers([
        ("From", f"{title} <news@{slug}.example>"), ("To", ME), ("Subject", f"{title}: issue {n}"),
        ("Date", format_datetime(when)), ("Message-ID", f"<news-{n}@{slug}.example>"),
        ("List-Id", f"<{slug}.lists.example>"), ("List-Unsubscribe", f"<https://{slug}.example/u/{n}>"),
        ("Precedence", "bulk"), ("MIME-Version", "1.0"),
        ("Content-Type", f'multipart/alternative; boundary="{boundary}"'),
    ])
    body = (f"--{boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n"
            f"--{boundary}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}\r\n--{boundary}--\r\n")
    return head + b"\r\n" + body.encode()


def _ordinary(rng: random.Random, n: int, when: datetime, to_me: bool) -> bytes:
    name = _name(rng)
    domain = rng.choice(("family.example", "friends.example", "landlord.example", "shop.example", "gym.example"))
    person = f"{name} <{_address(name, domain)}>"
    subject = rng.choice(("Dinner Friday?", "Rent for December", "Your order has shipped", "Photos from the weekend",
                          "Re: Thanksgiving plans", "Lease renewal", "Happy birthday!", "Carpool tomorrow"))
    sender, recipient = (person, ME) if to_me else (ME, person)
    head = _headers([("From", sender), ("To", recipient), ("Subject", subject), ("Date", format_datetime(when)),
                     ("Message-ID", f"<mail-{n}-{to_me}@{domain}>"), ("MIME-Version", "1.0"),
                     ("Content-Type", "text/plain; charset=utf-8")])
    return head + b"\r\n" + ("Hi!\r\n\r\n" + "Just checking in about this week. " * rng.randint(2, 30)
                             + "\r\n\r\nLove,\r\nJ\r\n").encode()


def _outreach(n: int, when: datetime, name: str, address: str) -> bytes:
    head = _headers([("From", ME), ("To", f"{name} <{address}>"), ("Subject", "Informational interview?"),
                     ("Date", format_datetime(when)), ("Message-ID", f"<outreach-{n}@example.org>"),
                     ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=utf-8")])
    body = (f"Hi {name.split()[0]},\r\n\r\nI'm a community organizer moving into labor policy, and your work at "
            f"{address.split('@')[1]} is what I hope to do next. Would you be open to a 20-minute call in the next "
            "few weeks? I'm flexible on timing.\r\n\r\nThank you,\r\nJordan\r\n")
    return head + b"\r\n" + body.encode()


def _reply(n: int, when: datetime, name: str, address: str, kind: str) -> bytes:
    pairs = [("From", f"{name} <{address}>"), ("To", ME), ("Date", format_datetime(when)),
             ("Message-ID", f"<{kind}-{n}@{address.split('@')[1]}>"), ("In-Reply-To", f"<outreach-{n}@example.org>"),
             ("References", f"<outreach-{n}@example.org>"), ("MIME-Version", "1.0"),
             ("Content-Type", "text/plain; charset=utf-8")]
    if kind == "auto":
        pairs += [("Subject", "Automatic reply: Informational interview?"), ("Auto-Submitted", "auto-replied")]
        text = "I'm out of the office and will be back on December 3. For urgent matters contact the front desk."
    else:
        pairs += [("Subject", "Re: Informational interview?")]
        text = "Happy to talk! How about Thursday at 10?\r\n\r\n> Would you be open to a 20-minute call"
    return _headers(pairs) + b"\r\n" + text.encode() + b"\r\n"


def _bounce(n: int, when: datetime, address: str) -> bytes:
    boundary = f"=_dsn_{n}"
    head = _headers([("From", "Mail Delivery System <MAILER-DAEMON@mx.example.org>"), ("To", ME),
                     ("Subject", "Undelivered Mail Returned to Sender"), ("Date", format_datetime(when)),
                     ("Message-ID", f"<bounce-{n}@mx.example.org>"), ("Auto-Submitted", "auto-replied"),
                     ("MIME-Version", "1.0"), ("Content-Type", f'multipart/report; report-type=delivery-status; '
                                                                f'boundary="{boundary}"')])
    body = (f"--{boundary}\r\nContent-Type: text/plain\r\n\r\nI'm sorry to have to inform you that your message could "
            f"not be delivered.\r\n\r\n<{address}>: host mx said: 550 5.1.1 User unknown\r\n"
            f"--{boundary}\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.org\r\n\r\n"
            f"Final-Recipient: rfc822; {address}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
            f"Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n\r\n"
            f"--{boundary}\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: <outreach-{n}@example.org>\r\n"
            f"Subject: Informational interview?\r\n\r\n--{boundary}--\r\n")
    return head + b"\r\n" + body.encode()


def _invite(n: int, when: datetime, name: str, address: str) -> bytes:
    boundary = f"=_cal_{n}"
    start = (when + timedelta(days=3)).astimezone(timezone.utc)
    stamp = f"{start:%Y%m%dT%H%M%SZ}"
    calendar = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n"
                "METHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
                f"DTSTART:{stamp}\r\nDTEND:{stamp}\r\nDTSTAMP:{stamp}\r\nUID:bench-{n}@google.com\r\n"
                f"ORGANIZER;CN={name}:mailto:{address}\r\nATTENDEE;CN=Jordan Rivera:mailto:jordan@example.org\r\n"
                "SUMMARY:Coffee chat\r\nSEQUENCE:0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    head = _headers([("From", f"{name} <{address}>"), ("To", ME), ("Subject", "Invitation: Coffee chat"),
                     ("Date", format_datetime(when)), ("Message-ID", f"<invite-{n}@google.com>"),
                     ("MIME-Version", "1.0"), ("Content-Type", f'multipart/mixed; boundary="{boundary}"')])
    body = (f"--{boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nYou have been invited.\r\n"
            f"--{boundary}\r\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\r\n\r\n{calendar}"
            f"--{boundary}--\r\n")
    return head + b"\r\n" + body.encode()


def mailbox(inbox: int, sent: int, now: datetime, seed: int = 12) -> tuple[list[tuple[bytes, datetime]],
                                                                             list[tuple[bytes, datetime]]]:
    """(INBOX, Sent) as (raw message, arrival) pairs, oldest first: about 45% newsletters and notifications,
    35% ordinary mail, and networking threads with their replies, auto-replies, bounces and invites."""
    rng = random.Random(seed)
    inbox_mail: list[tuple[bytes, datetime]] = []
    sent_mail: list[tuple[bytes, datetime]] = []
    networking = max(1, sent * 3 // 10)
    for n in range(networking):  # outreach, and what came back
        when = _when(rng, now)
        name = _name(rng)
        address = _address(name, rng.choice(ORGS))
        sent_mail.append((_outreach(n, when, name, address), when))
        answer = rng.random()
        later = when + timedelta(hours=rng.randint(2, 120))
        if later >= now:
            continue
        if answer < 0.35:
            inbox_mail.append((_reply(n, later, name, address, "reply"), later))
            if rng.random() < 0.3:
                inbox_mail.append((_invite(n, later + timedelta(hours=1), name, address), later + timedelta(hours=1)))
        elif answer < 0.45:
            inbox_mail.append((_reply(n, later, name, address, "auto"), later))
        elif answer < 0.50:
            inbox_mail.append((_bounce(n, later, address), later))
    for n in range(sent - len(sent_mail)):
        when = _when(rng, now)
        sent_mail.append((_ordinary(rng, n, when, to_me=False), when))
    for n in range(inbox - len(inbox_mail)):
        when = _when(rng, now)
        inbox_mail.append(((_newsletter if rng.random() < 0.56 else _ordinary_in)(rng, n, when), when))
    inbox_mail.sort(key=lambda m: m[1])
    sent_mail.sort(key=lambda m: m[1])
    return inbox_mail[:inbox], sent_mail[:sent]


def _ordinary_in(rng: random.Random, n: int, when: datetime) -> bytes:
    return _ordinary(rng, n, when, to_me=True)


def ten_new(round_: int, now: datetime) -> list[bytes]:
    """Ten messages arriving at once, as between two cycles: mostly ordinary mail, one reply, one newsletter."""
    rng = random.Random(1000 + round_)
    out = [_ordinary(rng, 900_000 + round_ * 10 + i, now, to_me=True) for i in range(8)]
    out.append(_newsletter(rng, 900_000 + round_, now))
    name = _name(rng)
    out.append(_reply(1, now, name, _address(name, "campaign.example"), "reply"))
    return out
