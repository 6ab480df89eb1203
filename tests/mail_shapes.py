"""The mail-shapes corpus: real delivery reports and automatic mail, and what coffeechat must conclude from each.

tests/data/mail_shapes/sisimai/ holds sisimai's set-of-emails (BSD 2-Clause, LICENSE beside
them): real reports from Postfix, Sendmail, Exim, qmail, Exchange, Office 365, Gmail, Yahoo,
Amazon SES, Domino, GMX, mail.ru, Yandex, Zoho, the Japanese carriers and forty more. Its
expected.json is sisimai's own verdict for each (from go-sisimai's fact/*_test.go tables:
how many recipients failed, the status, sisimai's reason, hard or not), except the 22 that
are delay warnings ("THIS IS A WARNING MESSAGE ONLY", "Action: delayed"): sisimai counts
those as bounces, coffeechat must not.

tests/data/mail_shapes/own/ holds shapes written for coffeechat (delays, delivery and read
reports, out-of-office replies in seven languages, challenge-response, ticket receipts,
"no longer monitored"); its expected.json says what each must come to.

What coffeechat knows is built the hard way: every address in a report is a contact,
except the report's own sender and recipient (me) and the returned message's sender (me
too). So a report read carelessly (an address in a quoted header, a postmaster's address)
marks a contact it must not. The outreach the report quotes is known by its Message-ID.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path

from daemon.mail.classify import Known, MailEvent, classify, wants_body
from daemon.mail.mailbox import BODY_BYTES, REPORT_BYTES
from daemon.mail.messages import parse, suspected_report

HERE = Path(__file__).parent / "data" / "mail_shapes"
ADDRESS = re.compile(r"[\w.+=-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")
_NOT_PEOPLE = re.compile(r"^(mailer-daemon|mailer_daemon|postmaster|mail-daemon|maildaemon|root|abuse|nobody)@",
                         re.I)


def expected(family: str) -> dict[str, dict]:
    return json.loads((HERE / family / "expected.json").read_text())


def whole_of(family: str, name: str) -> bytes:
    return (HERE / family / name).read_bytes()


def raw_of(family: str, name: str) -> bytes:
    """As coffeechat fetches it: the headers and the first BODY_BYTES of the message."""
    return whole_of(family, name)[:BODY_BYTES]


def known_for(raw: bytes) -> Known:
    text = raw.decode("latin-1")
    head, _, body = text.partition("\n\n") if "\r\n\r\n" not in text[:20000] else text.partition("\r\n\r\n")
    mine: set[str] = set()     # the report goes to me, about a message from me
    theirs: set[str] = set()   # the report's own sender: a server, not a contact
    for match in re.finditer(r"(?im)^(to|return-path|errors-to|from|reply-to|sender)[ \t]*:[^\n]*(?:\n[ \t][^\n]*)*",
                             head):
        found = {a.lower() for a in ADDRESS.findall(match.group(0))}
        (mine if match.group(1).lower() in ("to", "return-path", "errors-to") else theirs).update(found)
    senders = [a.lower() for m in re.finditer(r"(?im)^[ >]*from[ \t]*:([^\n]*)", body)
               if "rcpt" not in m.group(1).lower() for a in ADDRESS.findall(m.group(1))[:1]]
    to = re.search(r"(?im)^[ >]*to[ \t]*:([^\n]*)", body)
    # The returned message's sender is me, and so is the report's own recipient, unless (in a few
    # samples) that is the very recipient the returned message went to.
    mine = (mine - {a.lower() for a in ADDRESS.findall(to.group(1) if to else "")}) | set(senders[:1])
    mine -= theirs
    people = {a.lower().strip(".") for a in ADDRESS.findall(text)} - mine - theirs
    known = Known(frozenset(mine), ())
    known.contacts = {a: a for a in people if not _NOT_PEOPLE.match(a)}
    # The outreach it returns: the first Message-ID in the body, sent to the first To of the body.
    message_id = re.search(r"(?im)^[ >]*message-id[ \t]*:[ \t]*(<[^<>\s]+>)", body)
    if message_id and to:
        recipients = [a.lower() for a in ADDRESS.findall(to.group(1))]
        if len(recipients) == 1 and recipients[0] in known.contacts:
            known.threads[message_id.group(1)] = recipients[0]
    return known


def event_for(family: str, name: str, known: Known | None = None,
              now: datetime = datetime(2030, 1, 1, tzinfo=timezone.utc)) -> tuple[MailEvent, Known]:
    """Classify a corpus message the way a cycle does: headers first, the body only if they ask for it."""
    raw = raw_of(family, name)
    headers = raw.split(b"\n\n", 1)[0] + b"\n\n"
    summary = parse(headers, folder_role="inbox", internal_date=now)
    if wants_body(summary) and suspected_report(summary):  # a longer beginning, as a cycle fetches it
        raw = whole_of(family, name)[:REPORT_BYTES]
    known = known or known_for(raw)
    if wants_body(summary):
        summary = parse(raw, folder_role="inbox", internal_date=now)
    return classify(summary, known), known
