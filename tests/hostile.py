"""Hostile and broken mail, built at test time: nothing big is committed, and every message is made the same way.

Each message is one *shape* (what it would otherwise be: the user's outreach in Sent, a
contact's reply, a bounce or an invite in INBOX) with one *trait* (what is wrong with it:
an unknown charset, a broken MIME boundary, a 1 MB header block, NUL bytes, an impossible
date, 10,000 References, 1,000 nested multiparts, a 50 MB attachment, an .ics of 10,000
events, CR/LF hidden in encoded words of the Subject or a display name, 5,000 senders…).

`corpus()` lists every (trait, shape) pair; `Hostile.raw()` builds its bytes when asked, so
the 50 MB one lives only while it is being APPENDed. Each pair concerns a contact of its own
(`contact`); for the INBOX shapes `clean_outreach()` is the ordinary message of the user's
that the hostile one answers, so the reply, bounce or invite lands in a real thread.
"""

from __future__ import annotations

import base64
import email
import email.policy
import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses

from daemon.mail.messages import CONTROL

ME = b"Jordan Rivera <jordan@example.org>"
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)      # the first cycle
SENT_AT = NOW - timedelta(days=10)                            # the outreach: a follow-up is due at NOW
ANSWERED_AT = NOW - timedelta(days=1)                         # replies, bounces and invites
MEETING = (NOW + timedelta(days=1)).replace(hour=15)          # what the invites propose: tomorrow 15:00-15:30 UTC

SHAPES = ("outreach", "reply", "bounce", "invite")
FOLDER = {"outreach": "Sent", "reply": "INBOX", "bounce": "INBOX", "invite": "INBOX"}

# What an attacker would like to add to a draft's headers, and how it hides from a first glance.
INJECTED = "Evil\r\nBcc: x@evil.example"
CRLF_Q = b"=?utf-8?q?Evil=0D=0ABcc:_x@evil.example?="
CRLF_B = b"=?utf-8?b?" + base64.b64encode(INJECTED.encode()) + b"?="
CRLF_UTF7 = b"=?utf-7?q?Evil+AA0ACg-Bcc:_x@evil.example?="   # UTF-7's own spelling of CR LF
CRLF_DOUBLE = b"=?utf-8?q?=3D=3Futf-8=3Fq=3FEvil=3D0D=3D0ABcc=3A=5Fx=40evil.example=3F=3D?="  # encoded twice


@dataclass(frozen=True)
class Entity:
    """A message being built: its top-level header fields (raw bytes, in order) and its MIME body.

    `content` is the body's own Content-* fields and `body` its bytes, kept apart so a trait can
    wrap the whole body in a multipart, or put something beside it.
    """

    headers: tuple[tuple[bytes, bytes | None], ...]
    content: tuple[tuple[bytes, bytes | None], ...]
    body: bytes

    def set(self, name: bytes, value: bytes) -> Entity:
        """The field replaced in place (or added at the end)."""
        found = [i for i, (n, _) in enumerate(self.headers) if n.lower() == name.lower()]
        if not found:
            return replace(self, headers=(*self.headers, (name, value)))
        headers = list(self.headers)
        headers[found[0]] = (name, value)
        return replace(self, headers=tuple(headers))

    def get(self, name: bytes) -> bytes:
        return next((v for n, v in self.headers if n.lower() == name.lower()), b"")

    def part(self) -> bytes:
        """The body with its Content-* fields: what a multipart holds as one of its parts."""
        return _fields(self.content) + b"\r\n" + self.body

    def wrapped(self, kind: bytes, boundary: bytes, *others: bytes) -> Entity:
        """The body as the first part of a new multipart, `others` (whole parts) after it."""
        parts = [self.part(), *others]
        body = b"".join(b"--" + boundary + b"\r\n" + p + b"\r\n" for p in parts) + b"--" + boundary + b"--\r\n"
        return replace(self, content=((b"Content-Type", kind + b'; boundary="' + boundary + b'"'),), body=body)

    def raw(self) -> bytes:
        return _fields((*self.headers, (b"MIME-Version", b"1.0"), *self.content)) + b"\r\n" + self.body


def _fields(fields: tuple[tuple[bytes, bytes | None], ...]) -> bytes:
    # A value of None: a line that is no field at all (an mbox "From " line, garbage).
    return b"".join(name + (b"" if value is None else b": " + value) + b"\r\n" for name, value in fields)


# --- shapes ---------------------------------------------------------------------------------------

def contact_of(trait: str, shape: str) -> str:
    return f"{trait.replace('_', '-')}.{shape}@org.example"


def outreach_id(contact: str) -> bytes:
    return f"<o.{contact}>".encode()


def _text(text: str) -> tuple[tuple[tuple[bytes, bytes], ...], bytes]:
    return ((b"Content-Type", b"text/plain; charset=utf-8"), (b"Content-Transfer-Encoding", b"8bit")), \
        text.replace("\n", "\r\n").encode()


OUTREACH_TEXT = ("Hi Sam,\n\nI'm a community organizer moving into policy work, and your path from "
                 "field work to research is the one I hope to follow. Would you be open to a 20 minute "
                 "chat in the next few weeks?\n\nThanks,\nJordan\n")


def clean_outreach(contact: str) -> bytes:
    """The user's ordinary first note to a contact, which the hostile reply, bounce or invite answers."""
    content, body = _text(OUTREACH_TEXT)
    return Entity(((b"From", ME), (b"To", f"Sam Okafor <{contact}>".encode()),
                   (b"Subject", b"Informational interview?"), (b"Date", format_datetime(SENT_AT).encode()),
                   (b"Message-ID", outreach_id(contact))), content, body).raw()


def _outreach(contact: str) -> Entity:
    content, body = _text(OUTREACH_TEXT)
    return Entity(((b"From", ME), (b"To", f"Sam Okafor <{contact}>".encode()),
                   (b"Subject", b"Informational interview?"), (b"Date", format_datetime(SENT_AT).encode()),
                   (b"Message-ID", outreach_id(contact))), content, body)


def _answer(contact: str, subject: bytes) -> tuple[tuple[bytes, bytes], ...]:
    thread = outreach_id(contact)
    return ((b"From", f"Sam Okafor <{contact}>".encode()), (b"To", ME), (b"Subject", subject),
            (b"Date", format_datetime(ANSWERED_AT).encode()), (b"Message-ID", f"<a.{contact}>".encode()),
            (b"In-Reply-To", thread), (b"References", thread))


def _reply(contact: str) -> Entity:
    content, body = _text("Happy to talk! Would Thursday afternoon work?\n\nSam\n")
    return Entity(_answer(contact, b"Re: Informational interview?"), content, body)


def _bounce(contact: str) -> Entity:
    headers = ((b"From", b"Mail Delivery System <MAILER-DAEMON@mx.org.example>"), (b"To", b"jordan@example.org"),
               (b"Subject", b"Undelivered Mail Returned to Sender"),
               (b"Date", format_datetime(ANSWERED_AT).encode()), (b"Message-ID", f"<dsn.{contact}>".encode()),
               (b"Auto-Submitted", b"auto-replied"))
    boundary = b"dsn-boundary"
    status = (f"Reporting-MTA: dns; mx.org.example\r\n\r\nFinal-Recipient: rfc822; {contact}\r\n"
              f"Original-Recipient: rfc822;{contact}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
              "Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n").encode()
    returned = (b"From: " + ME + b"\r\nTo: " + contact.encode() + b"\r\nSubject: Informational interview?\r\n"
                b"Message-ID: " + outreach_id(contact) + b"\r\n")
    body = (b"--" + boundary + b"\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
            b"This is the mail system. Your message could not be delivered to " + contact.encode() + b".\r\n"
            b"--" + boundary + b"\r\nContent-Type: message/delivery-status\r\n\r\n" + status +
            b"--" + boundary + b"\r\nContent-Type: text/rfc822-headers\r\n\r\n" + returned +
            b"--" + boundary + b"--\r\n")
    content = ((b"Content-Type", b'multipart/report; report-type=delivery-status; boundary="' + boundary + b'"'),)
    return Entity(headers, content, body)


def calendar(contact: str, events: int = 1, summary: bytes = b"Coffee chat") -> bytes:
    """An iCalendar REQUEST from the contact to the user: `events` meetings, the first tomorrow 15:00 UTC."""
    lines = [b"BEGIN:VCALENDAR", b"VERSION:2.0", b"PRODID:-//hostile//EN", b"METHOD:REQUEST"]
    for n in range(events):
        start = MEETING + timedelta(days=n)
        lines += [b"BEGIN:VEVENT", f"UID:{n}.{contact}".encode(), f"DTSTAMP:{ANSWERED_AT:%Y%m%dT%H%M%SZ}".encode(),
                  f"DTSTART:{start:%Y%m%dT%H%M%SZ}".encode(),
                  f"DTEND:{start + timedelta(minutes=30):%Y%m%dT%H%M%SZ}".encode(), b"SUMMARY:" + summary,
                  f"ORGANIZER;CN=Sam Okafor:mailto:{contact}".encode(),
                  b"ATTENDEE;CN=Jordan Rivera;PARTSTAT=NEEDS-ACTION:mailto:jordan@example.org", b"END:VEVENT"]
    lines.append(b"END:VCALENDAR")
    return b"\r\n".join(lines) + b"\r\n"


def _invite(contact: str) -> Entity:
    content, body = _text("Sending an invite for our coffee chat.\n")
    entity = Entity(_answer(contact, b"Invitation: Coffee chat @ Wed Nov 25, 2026 3pm - 3:30pm (UTC)"), content, body)
    ics = (b'Content-Type: text/calendar; charset=utf-8; method=REQUEST\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'
           + calendar(contact))
    return entity.wrapped(b"multipart/mixed", b"invite-boundary", ics)


BUILD: dict[str, Callable[[str], Entity]] = {"outreach": _outreach, "reply": _reply, "bounce": _bounce,
                                             "invite": _invite}


# --- traits ---------------------------------------------------------------------------------------

def _person(shape: str) -> bytes:
    """The field that names the contact: To in the user's outreach, From in what the contact sends."""
    return b"To" if shape == "outreach" else b"From"


def _named(e: Entity, shape: str, contact: str, name: bytes) -> Entity:
    if shape == "bounce":  # the report's sender is the mail system; the name goes where the report names people
        return replace(e, body=e.body.replace(b"To: " + contact.encode(), b"To: " + name + b" <" + contact.encode()
                                              + b">"))
    return e.set(_person(shape), name + b" <" + contact.encode() + b">")


def invalid_charset(e: Entity, shape: str, contact: str) -> Entity:
    e = replace(e, content=tuple((n, v.replace(b"utf-8", b"x-no-such-charset")) for n, v in e.content),
                body=e.body.replace(b"charset=utf-8", b"charset=x-no-such-charset").replace(b"us-ascii", b"x-bogus")
                + b"\xff\xfe\xc3(")
    e = e.set(b"Subject", b"=?x-no-such-charset?q?Informational_interview=3F?= =?utf-8?b?!!!notbase64?=")
    return _named(e, shape, contact, b"=?unknown-8bit?b?U2Ft?= =?utf-8?q?=FF=FE?=")


def broken_boundary(e: Entity, shape: str, contact: str) -> Entity:
    """A multipart whose declared boundary never comes, whose parts are never closed, whose header runs on."""
    body = (b"--other\r\n" + e.part() + b"\r\n--other\r\nContent-Type: text/plain\r\nContent-Disposition: att"
            + b"\r\n--declared-but-broken")  # no blank line, no closing delimiter
    return replace(e, content=((b"Content-Type", b'multipart/mixed; boundary="declared"'),), body=body)


def header_block_1mb(e: Entity, shape: str, contact: str) -> Entity:
    """1 MB of relay headers before the ones that matter, as a message that went around a mail loop."""
    filler = tuple((f"Received-{n}".encode(), b"from relay.example by mx.example; " + b"x" * 1000) for n in range(1024))
    return replace(e, headers=filler + e.headers)


def folded_1mb_subject(e: Entity, shape: str, contact: str) -> Entity:
    return e.set(b"Subject", b"\r\n ".join([b"Informational interview?"] + [b"coffee" * 10] * 16_000))


def nul_bytes(e: Entity, shape: str, contact: str) -> Entity:
    e = e.set(b"Subject", b"Informational\x00 interview?\x00Bcc: x@evil.example")
    e = replace(e, body=e.body.replace(b"\r\n", b"\x00\r\n", 3))
    return _named(e, shape, contact, b"Sam\x00Bcc: x@evil.example Okafor")


def impossible_date(e: Entity, shape: str, contact: str) -> Entity:
    return e.set(b"Date", b"Tue, 31 Feb 2026 25:61:99 +9999")


def year_99999(e: Entity, shape: str, contact: str) -> Entity:
    return e.set(b"Date", b"Fri, 31 Dec 99999 23:59:59 -2400")


def year_zero(e: Entity, shape: str, contact: str) -> Entity:
    return e.set(b"Date", b"Sat, 01 Jan 0000 00:00:00 +0000")


def references_10k(e: Entity, shape: str, contact: str) -> Entity:
    """10,000 Message-IDs before the one that threads it (folded, one per line, as clients write them)."""
    ids = [f"<r{n}.{contact}>".encode() for n in range(10_000)]
    last = e.get(b"References") or outreach_id(contact)
    return e.set(b"References", b"\r\n ".join([*ids, last])).set(b"In-Reply-To", b" ".join(ids[:2000] + [last]))


def nested_1000(e: Entity, shape: str, contact: str) -> Entity:
    for level in range(1000):
        e = e.wrapped(b"multipart/mixed", f"nest{level}".encode())
    return e


def attachment_50mb(e: Entity, shape: str, contact: str) -> Entity:
    line = b"QUJD" * 19 + b"\r\n"   # 76 characters of base64, as MUAs write it
    attachment = (b'Content-Type: application/pdf; name="cv.pdf"\r\nContent-Disposition: attachment; '
                  b'filename="cv.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n' + line * (50 * 2**20 // len(line)))
    return e.wrapped(b"multipart/mixed", b"attachment-boundary", attachment)


def ics_10k_events(e: Entity, shape: str, contact: str) -> Entity:
    feed = (b'Content-Type: text/calendar; charset=utf-8; method=REQUEST\r\nContent-Disposition: attachment; '
            b'filename="feed.ics"\r\n\r\n' + calendar(contact, 10_000))
    if shape == "invite":  # the invite's own calendar is the feed
        return replace(e, body=e.body.split(b"--invite-boundary\r\nContent-Type: text/calendar")[0]
                       + b"--invite-boundary\r\n" + feed + b"\r\n--invite-boundary--\r\n")
    return e.wrapped(b"multipart/mixed", b"feed-boundary", feed)


def crlf_subject_q(e: Entity, shape: str, contact: str) -> Entity:
    return e.set(b"Subject", CRLF_Q)


def crlf_subject_b(e: Entity, shape: str, contact: str) -> Entity:
    return e.set(b"Subject", CRLF_B)


def crlf_name_q(e: Entity, shape: str, contact: str) -> Entity:
    return _named(e, shape, contact, CRLF_Q)


def crlf_name_b(e: Entity, shape: str, contact: str) -> Entity:
    return _named(e, shape, contact, CRLF_B)


def crlf_utf7(e: Entity, shape: str, contact: str) -> Entity:
    return _named(e.set(b"Subject", CRLF_UTF7), shape, contact, CRLF_UTF7)


def crlf_double_encoded(e: Entity, shape: str, contact: str) -> Entity:
    return _named(e.set(b"Subject", CRLF_DOUBLE), shape, contact, CRLF_DOUBLE)


def crlf_in_calendar(e: Entity, shape: str, contact: str) -> Entity:
    """An invite whose SUMMARY and CN carry escaped line breaks and a header: the prep note's subject comes from it."""
    hostile = b"Coffee\\nBcc: x@evil.example\\r\\nX-Evil: 1"
    ics = (b'Content-Type: text/calendar; charset=utf-8; method=REQUEST\r\n\r\n'
           + calendar(contact, summary=hostile).replace(b"CN=Sam Okafor", b'CN="Evil\\nBcc: x@evil.example"'))
    if shape == "invite":
        return replace(e, body=e.body.split(b"--invite-boundary\r\nContent-Type: text/calendar")[0]
                       + b"--invite-boundary\r\n" + ics + b"\r\n--invite-boundary--\r\n")
    return e.wrapped(b"multipart/mixed", b"cal-boundary", ics).set(b"Subject", b"Invitation: " + hostile)


def bare_cr_and_lf(e: Entity, shape: str, contact: str) -> Entity:
    """A lone CR and a lone LF inside header values, where a strict reader sees one field and a loose one two."""
    e = e.set(b"Subject", b"Informational interview?\rBcc: x@evil.example\nX-Evil: 1")
    return _named(e, shape, contact, b"Sam\rBcc: y@evil.example\n Okafor")


def unicode_line_breaks(e: Entity, shape: str, contact: str) -> Entity:
    e = e.set(b"Subject", "Coffee\u2028Bcc: x@evil.example\u0085X-Evil: 1".encode() + b" =?utf-8?q?=E2=80=A9Z?=")
    return _named(e, shape, contact, "Sam\u2029Okafor\x0b\x0c\x1c".encode())


def raw_8bit_invalid(e: Entity, shape: str, contact: str) -> Entity:
    e = e.set(b"Subject", b"Caf\xe9 \xff\xfe chat? \xc3(")
    return _named(e, shape, contact, b"S\xe4m \xed\xa0\x80 Okafor")


def terminal_escapes(e: Entity, shape: str, contact: str) -> Entity:
    """ANSI escapes in a name and subject, which `coffeechat sync` prints to the user's terminal."""
    e = e.set(b"Subject", b"=?utf-8?q?=1B]0;pwned=07=1B[2J=1B[31mRed?=")
    return _named(e, shape, contact, b"=?utf-8?q?Sam=1B[8m_hidden=C2=9B31m?=")


def many_addresses(e: Entity, shape: str, contact: str) -> Entity:
    """5,000 addresses in From (To, in the user's own message), the contact first."""
    others = b", ".join(f"Person {n} <p{n}@crowd.example>".encode() for n in range(5000))
    if shape == "bounce":
        return e.set(b"To", b"jordan@example.org, " + others)
    return e.set(_person(shape), b"Sam Okafor <" + contact.encode() + b">, " + others)


def long_name_with_commas(e: Entity, shape: str, contact: str) -> Entity:
    """A name, properly quoted, too long for one line and full of commas and an address: folded carelessly,
    as Python 3.11's email folds it, it becomes a second recipient of the draft."""
    name = b'"x@evil.example, Samuel Okafor, Director of Policy and Research at the Working Families Party"'
    return _named(e, shape, contact, name)


def group_syntax(e: Entity, shape: str, contact: str) -> Entity:
    """Address syntax the quick reader hands to the email package: groups, comments, quoted commas, routes."""
    value = (b'undisclosed:; "Okafor, Sam (Bcc: x@evil.example)" <' + contact.encode() + b'> (comment (nested '
             b'(deeper))), <@route.example:odd@x.example>, "unterminated <x@y.example>')
    return e.set(_person(shape), value) if shape != "bounce" else e.set(b"To", value)


def nested_comments(e: Entity, shape: str, contact: str) -> Entity:
    """Comments nested hundreds deep in the address fields: the email package reads them by recursion."""
    e = e.set(b"Reply-To", b"(" * 490 + b" x@evil.example")
    return e.set(_person(shape), b"Sam " + b"(" * 5000 + b")" * 5000 + b" <" + contact.encode() + b">") \
        if shape != "bounce" else e.set(b"To", b"(" * 5000 + b"jordan@example.org")


def message_id_junk(e: Entity, shape: str, contact: str) -> Entity:
    """A 100 KB Message-ID, and ids hidden in In-Reply-To among garbage."""
    e = e.set(b"Message-ID", b"<" + b"m" * 100_000 + b"@x.example>")
    return e.set(b"In-Reply-To", b"junk <\x00@x> <a b@c> " + (e.get(b"In-Reply-To") or b"") + b" <unterminated@x")


def bad_transfer_encoding(e: Entity, shape: str, contact: str) -> Entity:
    content = tuple((n, b"base64" if n.lower() == b"content-transfer-encoding" else v) for n, v in e.content)
    if not any(n.lower() == b"content-transfer-encoding" for n, _ in content):
        content += ((b"Content-Transfer-Encoding", b"quoted-printable"),)
    return replace(e, content=content, body=b"!!!! not base64 =ZZ=\r\n" + e.body[:200] + b"=")


def no_header_at_all(e: Entity, shape: str, contact: str) -> Entity:
    """Bytes with no header and no blank line: what a broken client or a truncated upload leaves."""
    return Entity((), (), random.Random(contact).randbytes(65_536).replace(b"\x00", b"\x01"))


def header_without_colon(e: Entity, shape: str, contact: str) -> Entity:
    return replace(e, headers=((b"From jordan@example.org Tue Nov 24 09:00:00 2026", None),  # an mbox envelope line
                               *e.headers, (b"this line has no colon at all and runs on " * 40, None),
                               (b"X-\xff\xfe", b"\xff")))


TRAITS: dict[str, Callable[[Entity, str, str], Entity]] = {f.__name__: f for f in (
    invalid_charset, broken_boundary, header_block_1mb, folded_1mb_subject, nul_bytes, impossible_date,
    year_99999, year_zero, references_10k, nested_1000, attachment_50mb, ics_10k_events, crlf_subject_q,
    crlf_subject_b, crlf_name_q, crlf_name_b, crlf_utf7, crlf_double_encoded, crlf_in_calendar, bare_cr_and_lf,
    unicode_line_breaks, raw_8bit_invalid, terminal_escapes, many_addresses, long_name_with_commas, group_syntax,
    nested_comments, message_id_junk, bad_transfer_encoding, no_header_at_all, header_without_colon,
)}
# Not every trait in every shape: the 50 MB attachment once in Sent and once in INBOX is the point
# (it must never be fetched), not four copies of it.
ONLY = {"attachment_50mb": ("outreach", "reply")}
@dataclass(frozen=True)
class Hostile:
    trait: str
    shape: str

    @property
    def name(self) -> str:
        return f"{self.trait}-{self.shape}"

    @property
    def folder(self) -> str:
        return FOLDER[self.shape]

    @property
    def contact(self) -> str:
        return contact_of(self.trait, self.shape)

    @property
    def when(self) -> datetime:
        """Its arrival (INTERNALDATE): what the cycle falls back on when the Date field is nonsense."""
        return SENT_AT if self.shape == "outreach" else ANSWERED_AT

    def raw(self) -> bytes:
        return TRAITS[self.trait](BUILD[self.shape](self.contact), self.shape, self.contact).raw()


def corpus() -> list[Hostile]:
    return [Hostile(trait, shape) for trait in TRAITS for shape in ONLY.get(trait, SHAPES)]


# --- what must hold of every message coffeechat writes ------------------------------------------------------

WRITTEN = ("from", "to", "subject", "date", "message-id", "in-reply-to", "references", "content-type",
           "content-transfer-encoding", "mime-version")  # the fields of a draft, a prep note, the summary


def one_line_headers(raw: bytes, to: Callable[[str], bool] | str) -> EmailMessage:
    """Read as a mail client reads it: every field one line once unfolded (no lone CR or LF, no NUL), each
    one of the fields coffeechat writes and written once, no control character in any value, and exactly
    one recipient, `to` (an address, or a test of one)."""
    head = raw.split(b"\r\n\r\n", 1)[0].rstrip(b"\r\n")
    assert not {b"\r", b"\n", b"\x00"} & {bytes([c]) for c in head.replace(b"\r\n", b"")}, head[:500]
    names = [line.split(b":", 1)[0].decode().lower() for line in head.split(b"\r\n") if line[:1] not in (b" ", b"\t")]
    assert set(names) <= set(WRITTEN) and len(names) == len(set(names)), names
    message = email.message_from_bytes(head + b"\r\n\r\n", policy=email.policy.default)
    for name, value in message.items():
        assert not CONTROL.search(str(value)), (name, str(value))
    recipients = [address for _, address in getaddresses([str(message["To"])])]
    assert len(recipients) == 1 and (to(recipients[0]) if callable(to) else recipients[0] == to), recipients
    return message
