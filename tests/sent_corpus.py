# ruff: noqa: E501
"""A labelled corpus of messages from one job seeker's Sent folder.

Every case is one message Jordan Rivera (jordan@example.org, sometimes
j.rivera@example.net) sent between September and late November 2026, while
trying to move from nonprofit grants work into progressive politics and
organizing.  Each is labelled by what a careful person reading it would decide:
``networking=True`` when it asks someone for a conversation, advice or
introductions about their work or career path (or is Jordan's own follow-up to
such a request), and ``networking=False`` for everything else a real Sent
folder holds: family, friends, the landlord, job applications, recruiters,
lists, logistics with people who already said yes, thank-you notes, and so on.

The corpus is held-out test data: it was written without looking at the
classifier, and nothing in it should be changed to make a classifier pass.

All people, organisations, addresses, phone numbers and messages are invented.
Domains are example domains (example.org/.com/.net and names ending in
.example).  The raw bytes imitate what Gmail, Outlook, Apple Mail, Thunderbird
and mutt write to a Sent folder (CRLF line endings, MIME structure,
encodings, quoting styles); they are built with the standard library ``email``
package by the small helpers below.
"""

from __future__ import annotations

import base64
import email
import hashlib
import html
import re
import textwrap
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage


@dataclass(frozen=True)
class SentCase:
    id: str  # short unique slug
    networking: bool  # True: outreach the user would want followed up if unanswered (or their own follow-up to one)
    category: str  # networking: core/extended/shared/cold/intro/follow_up; other: family/friend/landlord/...
    raw: bytes  # the whole message as written to the Sent folder (RFC 5322, CRLF)
    history: int = 0  # earlier messages exchanged with the main recipient over the past year (both directions)
    replies_to: str | None = None  # id of an earlier case whose thread this message is in
    note: str = ""  # why it is labelled this way, when not obvious


NETWORKING_CATEGORIES = frozenset({"core", "extended", "shared", "cold", "intro", "follow_up"})
OTHER_CATEGORIES = frozenset(
    {
        "family", "friend", "landlord", "vendor", "support", "job_application", "recruiter", "group",
        "list", "newsletter_reply", "work", "logistics", "personal_admin", "thanks",
    }
)

# --------------------------------------------------------------------------------------------
# Builders
# --------------------------------------------------------------------------------------------

_POLICY = policy.default.clone(linesep="\r\n")

ME = Address("Jordan Rivera", "jordan", "example.org")
ME_ALT = Address("Jordan Rivera", "j.rivera", "example.net")

SIG = "Jordan Rivera (they/them)\n555-013-4477"
SIG_LONG = "Jordan Rivera (they/them)\nOrganizer, Eastside Tenants Union\n555-013-4477"

_EDT = timezone(timedelta(hours=-4))
_EST = timezone(timedelta(hours=-5))


def A(name: str, addr: str) -> Address:
    """An address with a display name ("" for none)."""
    local, domain = addr.split("@")
    return Address(name, local, domain)


def when(stamp: str) -> datetime:
    """'2026-09-08 09:14' in Jordan's local time (US Eastern; DST ends 2026-11-01)."""
    naive = datetime.strptime(stamp, "%Y-%m-%d %H:%M")
    tz = _EDT if naive < datetime(2026, 11, 1, 2) else _EST
    second = int(hashlib.sha256(stamp.encode()).hexdigest()[:4], 16) % 60
    return naive.replace(tzinfo=tz, second=second)


def _h(seed: str, salt: str = "") -> bytes:
    return hashlib.sha256(f"{salt}|{seed}".encode()).digest()


_OUTLOOK_SERVERS = ("BY5PR11MB4196", "SA1PR04MB8812", "MN2PR17MB3921", "CH3PR12MB7540", "PH7PR19MB6103", "DM6PR02MB5547")


def make_mid(style: str, seed: str, domain: str = "example.org") -> str:
    """A Message-ID shaped like the one the named client or sender writes."""
    h = _h(seed, style)
    if style == "gmail":
        b = base64.b64encode(h + _h(seed, "more")[:12]).decode()
        b = b.replace("/", "_").rstrip("=")
        return f"<CA{'BDEFGHJKLMNOPRSTUXY'[h[0] % 19]}{b[:38 + h[1] % 12]}@mail.gmail.com>"
    if style == "outlook":
        server = _OUTLOOK_SERVERS[h[0] % len(_OUTLOOK_SERVERS)]
        return f"<{server}{h[1:17].hex().upper()}@{server}.namprd{server[5:7]}.prod.outlook.com>"
    if style == "apple":
        return f"<{str(uuid.UUID(bytes=h[:16], version=4)).upper()}@{domain}>"
    if style == "thunderbird":
        return f"<{uuid.UUID(bytes=h[:16], version=4)!s}@{domain}>"
    if style == "mutt":
        return f"<{h[:6].hex()}{h[6:8].hex()}.GA{int.from_bytes(h[8:10], 'big') % 90000 + 1000}@kestrel.{domain}>"
    if style == "esp":  # bulk senders (newsletters, campaigns)
        return f"<0100019{h[:8].hex()}-{h[8:12].hex()}-{h[12:14].hex()}-{h[14:16].hex()}-{h[16:22].hex()}-000000@{domain}>"
    if style == "ats":  # applicant-tracking systems
        return f"<{h[:12].hex()}.{int.from_bytes(h[12:16], 'big')}@{domain}>"
    raise ValueError(style)


@dataclass
class Quote:
    """The message being replied to or forwarded, as a client quotes it."""

    name: str
    addr: str
    date: datetime
    text: str
    to: str = "Jordan Rivera <jordan@example.org>"
    subject: str = ""
    cc: str = ""


@dataclass
class _Sent:
    mid: str
    refs: list[str]
    date: datetime
    subject: str
    text: str
    to: str
    frm: Address = field(default_factory=lambda: ME)


_SENT: dict[str, _Sent] = {}

Draft = Callable[[str], bytes]


def thread(case_id: str, *later: str) -> list[str]:
    """References for a reply in the thread of an earlier case, plus any later (invented) messages."""
    s = _SENT[case_id]
    return [*s.refs, s.mid, *later]


def own(case_id: str) -> Quote:
    """Jordan's own earlier message, for quoting in a follow-up."""
    s = _SENT[case_id]
    return Quote(str(s.frm.display_name), s.frm.addr_spec, s.date, s.text, to=s.to, subject=s.subject)


def _clean(body: str) -> str:
    return textwrap.dedent(body).strip("\n")


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _smart(text: str) -> str:
    """Smart punctuation, as Outlook and iOS apply while you type."""
    text = re.sub(r"(\w)'(\w)", "\\1\u2019\\2", text)
    text = re.sub(r"(^|[\s(])'", "\\1\u2018", text)
    text = text.replace("'", "\u2019")
    text = re.sub(r'(^|[\s(])"', "\\1\u201c", text)
    text = text.replace('"', "\u201d")
    return text.replace(" -- ", " \u2014 ")


def _ampm(d: datetime, narrow: bool = False) -> str:
    hour = d.hour % 12 or 12
    space = "\u202f" if narrow else " "
    return f"{hour}:{d:%M}{space}{'AM' if d.hour < 12 else 'PM'}"


def _quote_lines(text: str) -> str:
    return "\n".join(">" + (" " + line if line and not line.startswith(">") else line) for line in text.split("\n"))


def _flow(text: str, width: int = 76) -> str:
    """RFC 3676 format=flowed: soft breaks end in a space, hard breaks do not."""
    out = []
    for line in text.split("\n"):
        if line == "-- ":
            out.append(line)
            continue
        m = re.match(r"(>+ ?)?(.*)$", line)
        prefix, content = m.group(1) or "", m.group(2).rstrip(" ")
        if not prefix and (content.startswith((" ", "From ", ">"))):
            content = " " + content
        if len(prefix) + len(content) <= width:
            out.append(prefix + content)
            continue
        pieces = textwrap.wrap(content, width - len(prefix), break_long_words=False, break_on_hyphens=False)
        out.extend(prefix + p + (" " if i < len(pieces) - 1 else "") for i, p in enumerate(pieces))
    return "\n".join(out)


def _hardwrap(text: str, width: int = 72) -> str:
    out = []
    for line in text.split("\n"):
        m = re.match(r"(>+ ?)?(.*)$", line)
        prefix, content = m.group(1) or "", m.group(2)
        if len(line) <= width or line == "-- ":
            out.append(line)
        else:
            out.extend(prefix + p for p in textwrap.wrap(content, width - len(prefix), break_long_words=False))
    return "\n".join(out)


def _addr_str(a: Address | Sequence[Address]) -> str:
    if isinstance(a, Address):
        a = [a]
    return ", ".join(f"{x.display_name} <{x.addr_spec}>" if x.display_name else x.addr_spec for x in a)


def _fake_pdf(title: str) -> bytes:
    body = f"BT /F1 12 Tf 72 720 Td ({title}) Tj ET"
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj\n"
        + f"4 0 obj << /Length {len(body)} >> stream\n{body}\nendstream endobj\n".encode()
        + b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


def pdf(filename: str) -> tuple[str, str, bytes]:
    return (filename, "application/pdf", _fake_pdf(filename))


def docx(filename: str) -> tuple[str, str, bytes]:
    return (filename, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK\x03\x04" + _h(filename) * 8)


# References and In-Reply-To are unstructured headers to the email package, which would turn a
# long (Outlook-sized) message id into encoded words when folding.  Write them as clients do:
# one id per line, folded between ids.
_REFS = "x-placeholder-references"
_IRT = "x-placeholder-in-reply-to"


def _headers(msg: EmailMessage, *, frm, to, cc, bcc, subject, date, mid, refs, order: str = "gmail") -> None:
    msg["MIME-Version"] = "1.0"
    if order == "outlook":
        msg["From"] = frm
        msg["To"] = to
        if cc:
            msg["CC"] = cc
        if bcc:
            msg["BCC"] = bcc
        msg["Subject"] = subject
        msg["Date"] = date
        msg["Message-ID"] = mid
        if refs:
            msg["References"] = _REFS
            msg["In-Reply-To"] = _IRT
        return
    msg["Date"] = date
    if refs:
        msg["References"] = _REFS
        msg["In-Reply-To"] = _IRT
    msg["Message-ID"] = mid
    msg["Subject"] = subject
    msg["From"] = frm
    msg["To"] = to
    if cc:
        msg["Cc"] = cc
    if bcc:
        msg["Bcc"] = bcc


def _finish(cid: str, msg: EmailMessage, boundaries: Sequence[str], *, mid, refs, date, subject, text, to, frm) -> bytes:
    multiparts = [p for p in msg.walk() if p.is_multipart()]
    for part, boundary in zip(multiparts, boundaries, strict=False):
        part.set_boundary(boundary)
    for part in msg.walk():
        if part is not msg:
            del part["MIME-Version"]
    _SENT[cid] = _Sent(mid, list(refs), date, subject, text, _addr_str(to), frm)
    raw = msg.as_bytes(policy=_POLICY)
    if refs:
        raw = raw.replace(_REFS.encode(), "\r\n ".join(refs).encode(), 1)
        raw = raw.replace(_IRT.encode(), refs[-1].encode(), 1)
    return raw


def _attach(msg: EmailMessage, attach: Sequence[tuple[str, str, bytes]]) -> None:
    for filename, ctype, data in attach:
        maintype, subtype = ctype.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)


def _as_list(x):
    if x is None or isinstance(x, Address):
        return x
    return list(x) or None


def _html_lines(text: str) -> str:
    return "".join(f"<div>{_esc(line)}</div>" if line else "<div><br></div>" for line in text.split("\n"))


def gmail(date: str, to, subject: str, body: str, *, cc=(), bcc=(), frm: Address = ME, sig: str | None = SIG,
          quote: Quote | None = None, refs: Sequence[str] = (), forward: Quote | None = None,
          attach: Sequence[tuple[str, str, bytes]] = ()) -> Draft:
    """Gmail web: multipart/alternative, quoted-printable, 'On <date> <name> wrote:' quotes."""

    def build(cid: str) -> bytes:
        d = when(date)
        mid = make_mid("gmail", cid)
        text = _clean(body)
        plain = text + (f"\n\n-- \n{sig}" if sig else "")
        html_body = '<div dir="ltr">' + _html_lines(text)
        if sig:
            html_body += (
                '<div><br clear="all"></div><div><br></div><span class="gmail_signature_prefix">-- </span><br>'
                '<div dir="ltr" class="gmail_signature"><div dir="ltr">'
                + "<br>".join(_esc(s) for s in sig.split("\n")) + "</div></div>"
            )
        html_body += "</div>"
        if forward:
            f = forward
            fwd_head = (
                f"---------- Forwarded message ---------\nFrom: {f.name} <{f.addr}>\n"
                f"Date: {d_fmt(f.date)}\nSubject: {f.subject}\nTo: {f.to}\n"
            )
            plain += "\n\n" + fwd_head + "\n\n" + f.text
            html_body += (
                '<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">'
                + "<br>".join(_esc(x) for x in fwd_head.strip("\n").split("\n"))
                + "<br></div><br><br>" + _html_lines(f.text) + "</div>"
            )
        if quote:
            q = quote
            attr = f"On {q.date:%a}, {q.date:%b} {q.date.day}, {q.date.year} at {_ampm(q.date, narrow=True)} {q.name} <{q.addr}> wrote:"
            plain += f"\n\n{attr}\n\n" + _quote_lines(q.text)
            html_body += (
                f'<br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">{_esc(attr)}<br></div>'
                '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">'
                + _html_lines(q.text) + "</blockquote></div>"
            )
        msg = EmailMessage(policy=_POLICY)
        _headers(msg, frm=frm, to=to, cc=_as_list(cc), bcc=_as_list(bcc), subject=subject, date=d, mid=mid, refs=refs)
        msg.set_content(plain + "\n", charset="utf-8", cte="quoted-printable")
        msg.add_alternative(html_body + "\n", subtype="html", charset="utf-8", cte="quoted-printable")
        _attach(msg, attach)
        h = _h(cid, "b").hex()
        return _finish(cid, msg, [f"000000000000{h[:12]}", f"000000000000{h[12:24]}"], mid=mid, refs=refs, date=d,
                       subject=subject, text=plain, to=to, frm=frm)

    return build


def d_fmt(d: datetime) -> str:
    """Gmail's date line in a forwarded-message header."""
    return f"{d:%a}, {d:%b} {d.day}, {d.year} at {_ampm(d, narrow=True)}"


def outlook(date: str, to, subject: str, body: str, *, cc=(), frm: Address = ME, sig: str | None = SIG,
            quote: Quote | None = None, refs: Sequence[str] = (), charset: str = "utf-8",
            attach: Sequence[tuple[str, str, bytes]] = (), calendar: str | None = None) -> Draft:
    """Outlook / Microsoft 365: HTML-heavy, smart quotes, 'From: / Sent: / To: / Subject:' quote headers."""

    def build(cid: str) -> bytes:
        d = when(date)
        mid = make_mid("outlook", cid)
        text = _smart(_clean(body))
        plain = text + (f"\n\n{sig}" if sig else "")
        paras = "\n".join(
            f'<p class="MsoNormal">{_esc(line) if line else "<o:p>&nbsp;</o:p>"}<o:p></o:p></p>'
            for line in plain.split("\n")
        )
        html_body = (
            '<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
            'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" '
            'xmlns="http://www.w3.org/TR/REC-html40">\n<head>\n'
            f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
            '<meta name="Generator" content="Microsoft Word 15 (filtered medium)">\n<style><!--\n'
            '@font-face\n\t{font-family:Aptos;}\np.MsoNormal, li.MsoNormal, div.MsoNormal\n'
            '\t{margin:0in;\n\tfont-size:12.0pt;\n\tfont-family:"Aptos",sans-serif;}\n'
            'span.EmailStyle19\n\t{mso-style-type:personal-reply;\n\tfont-family:"Aptos",sans-serif;\n\tcolor:windowtext;}\n'
            '.MsoChpDefault\n\t{mso-style-type:export-only;\n\tfont-size:10.0pt;}\n'
            '@page WordSection1\n\t{size:8.5in 11.0in;\n\tmargin:1.0in 1.0in 1.0in 1.0in;}\n'
            'div.WordSection1\n\t{page:WordSection1;}\n--></style>\n</head>\n'
            '<body lang="EN-US" link="#467886" vlink="#96607D" style="word-wrap:break-word">\n'
            f'<div class="WordSection1">\n{paras}\n'
        )
        if quote:
            q = quote
            sent = f"{q.date:%A}, {q.date:%B} {q.date.day}, {q.date.year} {_ampm(q.date)}"
            head = [("From", f"{q.name} <{q.addr}>"), ("Sent", sent), ("To", q.to)]
            if q.cc:
                head.append(("Cc", q.cc))
            head.append(("Subject", q.subject))
            plain += "\n\n" + "\n".join(f"{k}: {v}" for k, v in head) + "\n\n" + q.text
            html_body += (
                '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n'
                '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in 0in">\n<p class="MsoNormal">'
                + "<br>\n".join(f"<b>{k}:</b> {_esc(v)}" for k, v in head)
                + "<o:p></o:p></p>\n</div>\n"
                + "\n".join(
                    f'<p class="MsoNormal">{_esc(line) if line else "<o:p>&nbsp;</o:p>"}<o:p></o:p></p>'
                    for line in q.text.split("\n")
                )
                + "\n"
            )
        html_body += "</div>\n</body>\n</html>\n"
        msg = EmailMessage(policy=_POLICY)
        _headers(msg, frm=frm, to=to, cc=_as_list(cc), bcc=None, subject=subject, date=d.astimezone(timezone.utc),
                 mid=mid, refs=refs, order="outlook")
        topic = re.sub(r"^(?:(?:RE|FW|Re|Fwd|AW):\s*)+", "", subject)
        msg["Thread-Topic"] = topic
        index_seed = refs[0] if refs else cid
        msg["Thread-Index"] = base64.b64encode(b"\x01\xdc" + _h(index_seed, "ti")[:20] + _h(cid, "ti")[:5 * len(refs)]).decode()
        msg["Accept-Language"] = "en-US"
        msg["Content-Language"] = "en-US"
        msg["X-MS-Has-Attach"] = "yes" if attach else ""
        msg["X-MS-TNEF-Correlator"] = ""
        msg.set_content(plain + "\n", charset=charset, cte="quoted-printable")
        msg.add_alternative(html_body, subtype="html", charset=charset, cte="quoted-printable")
        if calendar:
            msg.add_alternative(calendar, subtype="calendar", charset="utf-8", params={"method": "REQUEST"})
        _attach(msg, attach)
        h = _h(cid, "b").hex()[:32]
        server = mid[1:14]
        return _finish(cid, msg, [f"_004_{server}{h}namp_", f"_000_{server}{h}namp_"] if attach else [f"_000_{server}{h}namp_"],
                       mid=mid, refs=refs, date=d, subject=subject, text=plain, to=to, frm=frm)

    return build


def apple(date: str, to, subject: str, body: str, *, cc=(), frm: Address = ME, iphone: bool = True,
          sig: str | None = None, quote: Quote | None = None, refs: Sequence[str] = (),
          attach: Sequence[tuple[str, str, bytes]] = ()) -> Draft:
    """Apple Mail. iPhone: text/plain format=flowed, smart punctuation, 'Sent from my iPhone'.
    Mac: multipart/alternative with an HTML part."""

    def build(cid: str) -> bytes:
        d = when(date)
        mid = make_mid("apple", cid, frm.domain)
        text = _clean(body)
        if iphone:
            text = _smart(text)
        plain = text
        if sig:
            plain += f"\n\n{sig}"
        if iphone:
            plain += "\n\nSent from my iPhone"
        if quote:
            q = quote
            attr = f"On {q.date:%b} {q.date.day}, {q.date.year}, at {_ampm(q.date)}, {q.name} <{q.addr}> wrote:"
            if iphone:
                plain += "\n\n" + _quote_lines(attr + "\n\n" + q.text)
            else:
                plain += f"\n\n{attr}\n\n" + _quote_lines(q.text)
        msg = EmailMessage(policy=_POLICY)
        if iphone:
            _headers(msg, frm=frm, to=to, cc=_as_list(cc), bcc=None, subject=subject, date=d, mid=mid, refs=refs)
            msg["X-Mailer"] = "iPhone Mail (23A341)"
            msg.set_content(_flow(plain) + "\n", charset="utf-8",
                            cte="quoted-printable" if not plain.isascii() else "7bit")
            msg.set_param("format", "flowed")
        else:
            _headers(msg, frm=frm, to=to, cc=_as_list(cc), bcc=None, subject=subject, date=d, mid=mid, refs=refs)
            msg["X-Mailer"] = "Apple Mail (2.3826.700.81)"
            msg.set_content(plain + "\n", charset="utf-8", cte="quoted-printable")
            html_body = (
                '<html aria-label="message body"><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head>'
                '<body style="overflow-wrap: break-word; -webkit-nbsp-mode: space; line-break: after-white-space;">'
                + "".join(f"<div>{_esc(line)}</div>" if line else "<div><br></div>" for line in plain.split("\n"))
                + "</body></html>\n"
            )
            msg.add_alternative(html_body, subtype="html", charset="utf-8", cte="quoted-printable")
        _attach(msg, attach)
        u = str(uuid.UUID(bytes=_h(cid, "b")[:16], version=4)).upper()
        u2 = str(uuid.UUID(bytes=_h(cid, "b2")[:16], version=4)).upper()
        return _finish(cid, msg, [f"Apple-Mail={u}", f"Apple-Mail={u2}"], mid=mid, refs=refs, date=d, subject=subject,
                       text=plain, to=to, frm=frm)

    return build


def thunderbird(date: str, to, subject: str, body: str, *, cc=(), frm: Address = ME, sig: str | None = SIG,
                quote: Quote | None = None, refs: Sequence[str] = (),
                attach: Sequence[tuple[str, str, bytes]] = ()) -> Draft:
    """Thunderbird: plain text, format=flowed, 'On 10/3/26 2:15 PM, Name wrote:'."""

    def build(cid: str) -> bytes:
        d = when(date)
        mid = make_mid("thunderbird", cid, frm.domain)
        plain = _clean(body)
        if quote:
            q = quote
            attr = f"On {q.date.month}/{q.date.day}/{q.date:%y} {_ampm(q.date)}, {q.name} wrote:"
            plain += f"\n\n{attr}\n" + _quote_lines(q.text)
        if sig:
            plain += f"\n\n-- \n{sig}"
        msg = EmailMessage(policy=_POLICY)
        _headers(msg, frm=frm, to=to, cc=_as_list(cc), bcc=None, subject=subject, date=d, mid=mid, refs=refs)
        msg["User-Agent"] = "Mozilla Thunderbird"
        msg["Content-Language"] = "en-US"
        msg.set_content(_flow(plain, 72) + "\n", charset="utf-8",
                        cte="8bit" if not plain.isascii() else "7bit")
        msg.set_param("format", "flowed")
        _attach(msg, attach)
        return _finish(cid, msg, [f"------------{_h(cid, 'b').hex()[:24]}"], mid=mid, refs=refs, date=d,
                       subject=subject, text=plain, to=to, frm=frm)

    return build


def mutt(date: str, to, subject: str, body: str, *, cc=(), frm: Address = ME, sig: str | None = SIG,
         quote: Quote | None = None, refs: Sequence[str] = ()) -> Draft:
    """NeoMutt: hard-wrapped plain text, Content-Disposition: inline."""

    def build(cid: str) -> bytes:
        d = when(date)
        mid = f"<{d.astimezone(timezone.utc):%Y%m%d%H%M%S}.GA{int.from_bytes(_h(cid, 'mutt')[:2], 'big') % 9000 + 1000}@kestrel.{frm.domain}>"
        plain = ""
        if quote:
            q = quote
            plain = f"On {q.date:%a}, {q.date:%b} {q.date:%d}, {q.date.year} at {q.date:%I:%M:%S%p %z}, {q.name} wrote:\n" + _quote_lines(q.text) + "\n\n"
        plain += _clean(body)
        if sig:
            plain += f"\n\n-- \n{sig}"
        msg = EmailMessage(policy=_POLICY)
        _headers(msg, frm=frm, to=to, cc=_as_list(cc), bcc=None, subject=subject, date=d, mid=mid, refs=refs)
        msg.set_content(_hardwrap(plain) + "\n", charset="us-ascii" if plain.isascii() else "utf-8",
                        cte="7bit" if plain.isascii() else "8bit", disposition="inline")
        msg["User-Agent"] = "NeoMutt/20250510"
        return _finish(cid, msg, [], mid=mid, refs=refs, date=d, subject=subject, text=plain, to=to, frm=frm)

    return build


def ext_mid(style: str, seed: str, domain: str = "example.com") -> str:
    """The Message-ID of an invented incoming message (not in the corpus) that a case replies to."""
    return make_mid(style, "ext:" + seed, domain)


def calendar_request(uid: str, start: str, minutes: int, summary: str, attendee: Address, location: str) -> str:
    s = when(start).replace(second=0).astimezone(timezone.utc)
    e = s + timedelta(minutes=minutes)
    stamp = "%Y%m%dT%H%M%SZ"
    return (
        "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nPRODID:Microsoft Exchange Server 2010\r\nVERSION:2.0\r\n"
        "BEGIN:VEVENT\r\n"
        f"ORGANIZER;CN=Jordan Rivera:mailto:{ME.addr_spec}\r\n"
        f"ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN={attendee.display_name}:mailto:{attendee.addr_spec}\r\n"
        f"SUMMARY;LANGUAGE=en-US:{summary}\r\nDTSTART:{s.strftime(stamp)}\r\nDTEND:{e.strftime(stamp)}\r\n"
        f"UID:{uid}\r\nLOCATION;LANGUAGE=en-US:{location}\r\nSEQUENCE:0\r\nSTATUS:CONFIRMED\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )


_ALL: list[SentCase] = []


def _case(case_id: str, networking: bool, category: str, draft: Draft, *, history: int = 0,
          replies_to: str | None = None, note: str = "") -> None:
    _ALL.append(SentCase(case_id, networking, category, draft(case_id), history, replies_to, note))


# --------------------------------------------------------------------------------------------
# People Jordan writes to
# --------------------------------------------------------------------------------------------

DANA = A("Dana Whitfield", "dana.whitfield@northsidefood.example")  # former boss (ED, Northside Food Collective)
LUIS = A("Luis Ortega", "luis@organizeforward.example")  # mentor, organizing trainer
OKAFOR = A("Adaeze Okafor", "aokafor@hollis.example")  # thesis advisor at Hollis College
MARISOL = A("Marisol Vega", "mvega@statesenate.example")  # supervised Jordan's council internship
KEISHA = A("Keisha Brown", "kbrown@swu221.example")  # former coworker, now union staff
ZOE = A("Zoë Lindqvist", "zoe.lindqvist@example.com")  # fellowship mentor
MEI = A("Mei Chen", "mei.chen@example.com")  # friend from the minimum-wage ballot drive
SAM = A("Sam Ortiz", "sortiz@housingjusticecoalition.example")
IMANI = A("Imani Carter", "icarter@climatejusticelab.example")
ADEYEMI = A("Samuel Adeyemi", "sadeyemi@equitypolicy.example")
RACHEL = A("Rachel Goldberg", "rgoldberg@childcareforall.example")
JASMINE = A("Jasmine Wright", "jwright@okonkwoforsenate.example")
VASQUEZ = A("Elena Vasquez", "evasquez@urbanpolicyinstitute.example")
CHO = A("Benjamin Cho", "benjamin.cho@statehouse.example")
TANAKA = A("田中 太郎", "tanaka.taro@aapidata.example")
LAURA = A("Laura Bennett", "lbennett@fairwagescampaign.example")
MOM = A("Mom", "carmen.rivera52@example.net")
ALEX = A("Alex Moreno", "alex.moreno@example.com")
JESS = A("Jess Lin", "jess.lin@example.com")
NOOR = A("Noor Siddiqui", "noor.siddiqui@example.com")
BEN = A("Ben Weiss", "benweiss@example.net")
TASHA = A("Tasha Green", "tasha.green@example.com")
GREG = A("Greg Halloran", "ghalloran@example.net")
TYLER = A("Tyler Grant", "tyler@progressivetalent.example")
KAREN = A("Karen Liu", "kliu@riverbendyoutharts.example")
RAFAEL = A("Rafael Soto", "rafael.soto@example.org")

# ============================================================================================
# Networking: core (already in Jordan's corner)
# ============================================================================================

_case("core-former-boss-introductions", True, "core", history=15, note="former boss with lots of history; asks for advice and introductions", draft=gmail(
    "2026-09-08 09:14", DANA, "Advice (and maybe a few intros?)", """
    Hi Dana,

    I hope the fall appeal is off to a good start — I saw the photos from the harvest dinner and it looked like a great crowd.

    I wanted to ask for your help with something. As you know, I left NFC in July partly because I want to move toward policy and organizing work, especially around housing. I've been volunteering with Eastside Tenants Union for two years and it's made it really clear to me that this is where I want to put my energy. The problem is I don't really know how people get from where I am to a paid role at a coalition or in a legislative office, and you know more people in that world than anyone I've worked with.

    Would you have 30 minutes in the next few weeks for coffee or a call? I'd love your honest read on which of my skills translate and where I have gaps. And if you're comfortable with it, I'd be so grateful for introductions to two or three people you think I should talk to — I know you've worked closely with Sam Ortiz at the Housing Justice Coalition and with folks in Rep. Alvarez's office.

    No rush at all, and I know October is your busiest month.

    Thanks so much,
    Jordan
    """))

_case("core-mentor-luis-coffee", True, "core", history=9, note="mentor; 'pick your brain' here is about a career move", draft=apple(
    "2026-09-12 19:40", LUIS, "pick your brain?", """
    Hey Luis!

    Hope you and Ana are doing well. I'm finally making the jump into organizing full time (or trying to, anyway). Could I buy you a coffee sometime in the next couple weeks and pick your brain? I'd really value your honest take on union staff vs. electoral work, since you've done both.

    Any day after 3 works for me.

    J
    """))

_case("core-professor-okafor", True, "core", history=6, draft=thunderbird(
    "2026-09-15 10:02", A("Professor Adaeze Okafor", OKAFOR.addr_spec), "Grad school vs. straight into campaign work?", """
    Dear Professor Okafor,

    I hope the semester is off to a good start. I still think about your state politics seminar more than I should probably admit.

    I'm at a crossroads and would really value your perspective. After five years in nonprofit grants work I'm trying to move into policy and organizing, and I keep going back and forth on whether to apply to MPP programs for fall 2027 or to go straight into campaign or coalition work and build experience that way. You've watched a lot of your former students take both routes, and I'd be grateful for any advice you'd be willing to share.

    If you have time, I'd love to stop by office hours or set up a short Zoom — whatever is easiest for you.

    With thanks,
    Jordan Rivera
    Hollis College '19
    """, sig=None))

_case("core-marisol-chief-of-staff", True, "core", history=8, draft=outlook(
    "2026-09-22 08:47", MARISOL, "Catching up + a question about legislative work", """
    Hi Marisol,

    It's been a while — congratulations on the move to Senator Whitaker's office! I saw the announcement in August and was so happy for you.

    I'm reaching out because I'm trying to move into policy work, and my internship with you on the council is still one of the experiences that pulled me in this direction. I'd love to hear what your day-to-day looks like as chief of staff, how you think about hiring for legislative aide roles, and what you'd do in my shoes.

    Would you be up for a 30-minute call sometime in the next few weeks? I'm happy to work around session and your schedule. And if there's anyone else in the building you think I should talk to, I'd be grateful for an introduction.

    Thank you!
    Jordan
    """))

_case("core-canvass-manager-alt", True, "core", history=11, note="sent from the second address to the person who hired Jordan as a canvass lead", draft=mutt(
    "2026-10-02 21:15", A("Theo Brandt", "theo@doorsopen.example"), "field director track -- advice?", """
    Theo,

    Long time. I hope the off-year lull has been restful, or at least less chaotic than 2024.

    I'm seriously looking at field work now -- not volunteering, an actual staff job -- and you're the first person I thought of. You hired me as a canvass lead and you've seen how I work under pressure, so I trust your read more than anyone's. Could we get on the phone for half an hour some evening? I want to understand what the jump from canvass lead to field organizer to field director actually looks like, and whether I'm being naive about the hours.

    Also, if you know anyone staffing up for the 2027 municipal races, I'd love to be on their radar.

    Thanks, friend.

    Jordan
    """, frm=ME_ALT, sig="Jordan Rivera\n555-013-4477"))

_case("core-zoe-mentor", True, "core", history=12, note="short; no 'informational interview' vocabulary, but a mentor asked for career advice", draft=gmail(
    "2026-10-06 12:31", ZOE, "20 min in the next couple weeks?", """
    Hi Zoë,

    Would you have 20 minutes in the next couple of weeks? I'm weighing two things that might turn into offers — a field organizer job and a policy fellowship — and would love your read before I have to decide. Phone or Zoom, whatever's easier.

    Thanks!
    Jordan
    """))

_case("core-former-colleague-union", True, "core", history=14, note="former coworker; asks what her job is like and for an intro to the hiring person", draft=gmail(
    "2026-10-09 16:05", KEISHA, "what's union staff life actually like?", """
    Hey Keisha!

    I keep seeing your posts from the hospital campaign and it looks incredible (and exhausting).

    Random ask: now that I'm out of NFC I'm trying to figure out if union staff work is a fit for me, and you're the only person I know who's made that jump. Could I buy you lunch sometime and hear what the job is really like — the good parts and the parts nobody tells you? And if after that you think it makes sense, I'd love an introduction to whoever does hiring for organizers at Local 221.

    Totally understand if things are too busy right now.

    xo
    Jordan
    """, sig=None))

# ============================================================================================
# Networking: extended (met once or twice)
# ============================================================================================

_case("ext-summit-panelist-climate", True, "extended", history=0, draft=gmail(
    "2026-09-18 11:20", A("Dr. Imani Carter", IMANI.addr_spec), "Great meeting you at Progressive Futures Summit", """
    Hi Dr. Carter,

    We met briefly after your panel on Saturday — I was the one asking how tenant unions can plug into building electrification campaigns. Thank you again for taking my question, and for the extra five minutes in the hallway.

    Your point about "organizing the people who pay the utility bills, not just the people who own the buildings" has been rattling around my head all week. I'm trying to move into climate and housing policy work, and I'd love to learn more about how you built the Lab's research agenda with community groups rather than for them.

    If you have 20 minutes sometime this month, I'd be grateful for the chance to ask you a few questions. Happy to work around your schedule.

    Best,
    Jordan
    """))

_case("ext-workshop-union-organizer", True, "extended", history=2, note="met at a workshop; she had emailed slides afterwards", draft=apple(
    "2026-09-25 14:48", A("Sinéad Gallagher", "sgallagher@nursesunited.example"), "Thank you for the one-on-ones workshop", """
    Hi Sinéad,

    I was in your one-on-ones workshop at the Midwest Labor Gathering — thank you for sending the slides afterwards. I've already used the "agitate, then ask" structure twice with neighbors in my building.

    I'm trying to figure out a path into staff organizing, and I'd love to hear how you got from being a bedside nurse to leading trainings for the whole union. Would you be open to a call sometime? Even 15 minutes would be really helpful.

    Thanks again,
    Jordan
    """, iphone=False, sig=SIG))

_case("ext-fundraiser-campaign-manager", True, "extended", history=0, note="asks for coffee after the election; still a request for a career conversation", draft=apple(
    "2026-10-01 22:10", A("Marcus Bell", "marcus@ruizforcouncil.example"), "From Tuesday's house party", """
    Hi Marcus — it was great meeting you at Tuesday's house party for Councilmember Ruiz. Thanks for being so candid about what running a council race is actually like.

    I'd love to buy you a coffee once things calm down after the election and hear more about how you got into campaign management. No pressure at all if you're slammed.

    Jordan
    """))

_case("ext-canvass-field-director", True, "extended", history=2, note="no explicit time ask, but clearly asking for a conversation about her path", draft=gmail(
    "2026-10-13 10:12", A("Hannah Kim", "hannah.kim@votehere.example"), "from the doors to your job", """
    Hi Hannah,

    I don't know if you'll remember me — we knocked doors together in Eastgate for the transit measure last spring (I was the one with the broken clipboard). I saw on the Vote Here site that you're now their field director, which is amazing.

    I'm trying to make the same jump from volunteer to staff, and I'd really love to hear how you did it, what you wish you'd known, and whether there's anything I should be doing now to be a stronger candidate next cycle. If you're ever up for talking, I'd be so grateful.

    Congrats again on the new role!
    Jordan
    """))

_case("ext-booktalk-think-tank", True, "extended", history=1, draft=outlook(
    "2026-10-15 13:30", A("Samuel Adeyemi", ADEYEMI.addr_spec), "Following our conversation at the Fair Shot book talk", """
    Dear Dr. Adeyemi,

    Thank you for the conversation after your book talk at Riverside Books last Thursday. I was the grants coordinator who asked about the gap between program evaluation and policy research, and your answer has stuck with me.

    I'm exploring a move into policy research and advocacy, and I would really value the chance to hear how you think about building a career at a think tank like the Equity Policy Center — in particular, which skills mattered most early on and whether people without a graduate degree find a way in.

    Would you be open to a 30-minute Zoom sometime in the next month? I'm glad to work around your schedule.

    Warm regards,
    Jordan Rivera
    """, sig=None))

_case("ext-coalition-ed", True, "extended", history=3, draft=outlook(
    "2026-10-20 09:05", A("Ana Lucía Peña", "alpena@familiasunidas.example"), "Coffee? (from the Housing Table meetings)", """
    Hi Ana Lucía,

    I've really appreciated getting to know you a little through the Housing Table meetings the last two months — your comments on the anti-displacement ordinance draft were the sharpest thing said in that room.

    I'm in the middle of a career shift from grants work into organizing and policy, and I'd love to hear about your path to leading Familias Unidas, and what you look for when you bring on organizers. Would you be up for coffee sometime? I'm near your office and can come to you.

    Gracias,
    Jordan
    """, charset="windows-1252"))

_case("ext-civic-tech-data-director", True, "extended", history=1, draft=thunderbird(
    "2026-10-22 20:44", A("Dev Patel", "dev@civicdatacollab.example"), "Civic Tech Night follow-up", """
    Hi Dev,

    Good to meet you at Civic Tech Night on Wednesday. I was the person who wouldn't stop asking about voter file matching, sorry about that.

    You mentioned you moved from nonprofit evaluation into campaign data work, which is pretty close to the move I'm trying to make. I'd love to hear more about how you made that transition and what skills you'd tell someone like me to build first. Any chance you'd have time for a quick call or a coffee in the next few weeks?

    Thanks,
    Jordan
    """))

_case("ext-townhall-district-director", True, "extended", history=2, note="opens with an ordinary constituent thank-you, then the career ask", draft=gmail(
    "2026-10-27 15:20", A("Grace O'Neill", "goneill@statehouse.example"), "Following up from the Ward 6 town hall", """
    Hi Grace,

    Thanks for your help at Rep. Alvarez's town hall on the 17th — and for following up about the tenant's question on lead paint inspections. That was above and beyond.

    Separately, and only if you have the bandwidth: I'm hoping to move into legislative or district office work, and I'd love to learn more about your path into the district director role and what the job looks like from the inside. Would you have 15 or 20 minutes for a phone call sometime? I know it's a busy time of year, so I'm happy to wait until after the session starts if that's easier.

    Best,
    Jordan Rivera
    """))

# ============================================================================================
# Networking: shared (school, workplace or identity in common)
# ============================================================================================

_case("shared-alumna-policy-director", True, "shared", history=0, draft=gmail(
    "2026-09-10 08:55", RACHEL, "Fellow Hollis alum — advice on getting into policy?", """
    Hi Rachel,

    I found your name in the Hollis alumni directory and hope you don't mind a note out of the blue. I'm a 2019 grad (poli sci, with Professor Okafor), and I've been following Child Care for All's campaign since the ballot initiative.

    I'm trying to move from nonprofit grants work into policy advocacy, and I'd love to learn about your path from Hollis to policy director. I'd be grateful for any advice and, if you have time, a brief conversation — 20 minutes by phone or Zoom would be wonderful.

    Thank you for considering it, and go Herons!
    Jordan
    """))

_case("shared-alumni-legislative-aide", True, "shared", history=0, draft=outlook(
    "2026-09-16 12:10", A("Kwame Mensah", "kmensah@statehouse.example"), "Hollis alum interested in legislative work", """
    Dear Mr. Mensah,

    My name is Jordan Rivera, and I'm a 2019 Hollis graduate. I came across your profile through the Hollis Alumni Network and noticed that you've been a legislative aide in the House since 2022.

    I am hoping to move into legislative work and would appreciate the chance to learn from your experience — how you got the first job, what the day-to-day looks like during session, and what you wish you had known starting out. Would you be open to a 15-minute phone call at a time that suits you?

    Thank you for your time, and I hope session prep is going smoothly.

    Sincerely,
    Jordan Rivera
    """, sig=None))

_case("shared-tenant-union-statewide", True, "shared", history=1, note="fellow tenant-union organizer, now paid coalition staff", draft=apple(
    "2026-09-29 18:32", A("Bea Thompson", "bea@housingjusticecoalition.example"), "ETU → HJC?", """
    Hi Bea! Jordan from the Eastside chapter here — we overlapped at a couple of the joint trainings last year. I heard from Marco you went on staff at HJC, congrats!!

    I'm hoping to make a similar move and would love to hear how it happened for you and what the coalition looks for in organizers. Could we grab a coffee or hop on the phone sometime? I'm around most afternoons.

    Solidarity,
    Jordan
    """))

_case("shared-nfc-alum-campaign", True, "shared", history=0, note="same former workplace, different years", draft=gmail(
    "2026-10-05 13:02", A("Tomás Herrera", "tomas.herrera@example.net"), "From one Northside Food Collective alum to another", """
    Hi Tomás,

    I saw on the NFC 20th-anniversary page that you got your start at Northside Food Collective (people there still talk about the 2017 volunteer drive you ran). I was the grants coordinator there until this summer.

    I'm trying to move into campaign work, and I'm curious how you made that jump and how you ended up as deputy campaign manager on the Lee campaign. Would you be up for a short call after November 3rd, once things settle down? I'd love to hear what the path looked like for you.

    All the best on the final stretch,
    Jordan
    """))

_case("shared-latinx-network", True, "shared", history=0, note="identity-based network in common", draft=gmail(
    "2026-10-08 19:25", A("José Martínez", "jose.martinez@example.net"), "Saludos from the Latinx in Politics network", """
    Hola José,

    I hope it's okay that I'm reaching out directly — I saw your post in the Latinx in Politics Slack about the county comms fellowship you did, and it really resonated. I'm a first-gen Puerto Rican organizer trying to break into political work after a few years in the nonprofit world, and there aren't many people in my life who've walked this road.

    Would you be open to a 20-minute chat sometime? I'd love to learn about your path into communications for Commissioner Ávila and any advice you'd share for someone starting out.

    Mil gracias,
    Jordan
    """))

_case("shared-queer-organizers", True, "shared", history=0, draft=thunderbird(
    "2026-10-14 09:40", A("River Nakamura", "river@equalityforward.example"), "Hi from a fellow QON member", """
    Hi River,

    I'm a member of the Queer Organizers Network too (mostly a lurker on the listserv, I'll admit). I've been following Equality Forward's work on the trans health care bill and was really moved by your op-ed last month.

    I'm trying to move into political work full time, and as a nonbinary person I've been a little unsure how to navigate some of the spaces I'm walking into. I'd love to hear about your path to political director and anything you wish someone had told you. Would you be open to a coffee or a video call sometime in November?

    Thanks for all you do,
    Jordan (they/them)
    """, sig=None))

_case("shared-americorps-chief-of-staff", True, "shared", history=0, draft=outlook(
    "2026-10-19 11:11", A("Danielle Fraser", "dfraser@citycouncil.example"), "Fellow VISTA alum — 20 minutes?", """
    Hi Danielle,

    I'm a fellow AmeriCorps VISTA alum (2019–2020, with the Harbor Literacy Project) and I saw on the VISTA alumni page that you're now chief of staff for Councilmember Oyelaran. That's an inspiring path!

    I'm working to move into local government and policy work, and I'd really appreciate 20 minutes of your time to learn how you made that transition and what you'd recommend to someone trying to do the same. I'm happy to work around your schedule — early mornings or evenings are fine too.

    Thank you,
    Jordan Rivera
    """))

_case("shared-fellowship-cohort", True, "shared", history=0, draft=apple(
    "2026-10-23 16:25", A("Omar Haddad", "omar.haddad@example.com"), "Civic Leaders Fellowship ('22) — hello!", """
    Hi Omar,

    I'm a Civic Leaders Fellow from the 2022 cohort — I think we just missed each other, but Ms. Harper always held up your 2019 cohort's project as the gold standard.

    I saw you're now organizing director at Climate Now. I'm in the middle of a transition into organizing and would love to learn about your path since the fellowship. Would you have time for a phone call or Zoom in the next few weeks? I'd be really grateful for any perspective.

    Best,
    Jordan
    """, iphone=False, sig=SIG))

_case("shared-hollis-no-time-ask", True, "shared", history=0, note="no explicit time ask; 'whenever and however works' is the ask", draft=gmail(
    "2026-11-02 10:48", A("Nguyễn Thị Lan", "lan.nguyen@aapivote.example"), "Hollis → AAPI Vote: would love to hear your story", """
    Hi Lan,

    I'm a fellow Hollis grad (class of 2019) and I just read the Hollis Magazine profile about your work leading communications at AAPI Vote. The part about translating the ballot guide into eleven languages with volunteers stuck with me.

    I'm early in a move into political work and trying to learn from people who've built careers in this space. I'd love to hear how you found your way from Hollis to AAPI Vote and what you think someone in my position should be paying attention to. Whenever and however works for you — I'd be really glad to listen.

    Warmly,
    Jordan
    """))

# ============================================================================================
# Networking: cold (strangers)
# ============================================================================================

_case("cold-campaign-manager-how-started", True, "cold", history=0, draft=gmail(
    "2026-09-09 09:30", JASMINE, "Quick question from an aspiring organizer", """
    Hi Jasmine,

    I've been following the Okonkwo campaign since the primary — the way you all built the volunteer program in the rural counties has been really impressive to watch from the outside.

    I'm trying to break into campaign work after several years in nonprofit development and grassroots tenant organizing. Would you have time for a short call? I'd love to hear how you got started and what you'd recommend to someone making the jump.

    Thanks so much for considering it,
    Jordan Rivera
    """))

_case("cold-think-tank-housing-report", True, "cold", history=0, draft=outlook(
    "2026-09-14 10:20", A("Elena Vasquez", VASQUEZ.addr_spec), "Your social housing report — a question from a tenant organizer", """
    Dear Dr. Vasquez,

    I'm a tenant organizer with the Eastside Tenants Union and I just finished your report "Public Options: Social Housing in Mid-Sized Cities." We've been passing around the section on mixed-income financing at our committee meetings.

    I'm hoping to move from organizing into housing policy work, and I'd be grateful for any advice you'd share about how to get there — in particular whether policy shops hire people with organizing backgrounds and no graduate degree. If you had 15 minutes for a call in the coming weeks, I'd be honored, but I also understand if your schedule doesn't allow it.

    Thank you for the report, and for your time.

    Best regards,
    Jordan Rivera
    """, sig=None))

_case("cold-nonprofit-ed-voting", True, "cold", history=0, draft=gmail(
    "2026-09-21 14:05", A("Terrence Johnson", "tjohnson@ballotaccessproject.example"), "15 minutes? (voting rights + career question)", """
    Hi Terrence,

    I'm a grassroots organizer looking to move into voting rights work, and the Ballot Access Project's restoration-of-rights clinics are exactly the kind of work I'd love to be part of someday.

    I know your time is precious, so I'll keep it short: would you be willing to spend 15 minutes on the phone sometime in the next month? I'd love to hear how you came to lead BAP and any advice you'd give someone trying to get into the field.

    Either way, thank you for the work you do.

    Jordan Rivera
    """))

_case("cold-teachers-union-organizing-director", True, "cold", history=0, draft=apple(
    "2026-09-24 08:15", A("Carla Reyes", "creyes@educatorsunited.example"), "Learning about organizing with Educators United", """
    Hello Ms. Reyes,

    I read about Educators United's contract campaign in the Ledger this weekend, and the way you described the parent-teacher coalition stayed with me.

    My background is in tenant organizing and nonprofit work, and I'm exploring a move into labor. I'd really like to learn about your path to organizing director and how EU thinks about developing new organizers. Would you be open to a short conversation, either by phone or over coffee? I'd be glad to come to wherever is convenient for you.

    Thank you,
    Jordan Rivera
    555-013-4477
    """, iphone=False))

_case("cold-legislative-director-formal", True, "cold", history=0, note="formal 'informational interview' request", draft=outlook(
    "2026-09-28 07:58", CHO, "Request for an informational interview", """
    Dear Mr. Cho,

    I hope this message finds you well. My name is Jordan Rivera, and I am a community organizer and former nonprofit grants coordinator with a strong interest in state housing policy.

    I have followed Representative Delgado-Park's work on the Tenant Protection Act with great interest, and I understand from the Representative's website that you serve as her legislative director. I am writing to ask whether you might be willing to speak with me for an informational interview of 20–30 minutes. I would be grateful to learn about your career path, the skills you've found most valuable in legislative work, and any advice you might have for someone hoping to enter the field.

    I recognize how demanding your schedule is, and I am happy to accommodate whatever time works best for you.

    Thank you very much for your consideration.

    Respectfully,
    Jordan Rivera
    """, sig=SIG, charset="windows-1252"))

_case("cold-digital-strategist", True, "cold", history=0, draft=thunderbird(
    "2026-10-03 15:12", A("François Lefèvre", "francois@bluewavedigital.example"), "Loved your talk on relational organizing tools", """
    Hi François,

    I watched the recording of your talk on relational organizing tools from the Organizing Tech Summit and took about four pages of notes. The bit about texting programs that people actually want to be part of was exactly the conversation we've been having in my tenant union.

    I'm trying to figure out whether digital organizing is a good fit for me as I move into political work. Would you be up for a 20-30 minute call to talk about how you got into it and what the work is like day to day? I'd really appreciate it.

    Best,
    Jordan
    """))

_case("cold-very-short-paid-leave", True, "cold", history=0, note="very short", draft=apple(
    "2026-10-07 07:52", A("Priya Raman", "priya@paidleavenow.example"), "Paid leave campaign", """
    Hi Priya — big fan of your work on the paid leave campaign. Any chance you'd have 15 min for a call sometime this month? I'm trying to get into campaign work and would love to hear how you got started. Totally fine if not!

    Jordan
    """))

_case("cold-tanaka-researcher", True, "cold", history=0, draft=gmail(
    "2026-10-11 11:40", TANAKA, "Question about your AAPI turnout research", """
    Dear Dr. Tanaka,

    I came across your working paper on AAPI voter turnout in midterm elections and found the section on in-language outreach especially useful. I organize with a multiracial tenant union and we're trying to think more carefully about how we reach Vietnamese- and Chinese-speaking tenants.

    I'm also in the middle of a career move toward political research and organizing, and I would welcome the chance to learn how you built your research practice in partnership with community groups. If you're open to it, could we set up a 20-minute video call at your convenience?

    With appreciation,
    Jordan Rivera
    """))

_case("cold-long-political-director", True, "cold", history=0, note="long", draft=gmail(
    "2026-10-16 21:05", A("Monique Baptiste", "mbaptiste@workingfamilies.example"), "An organizer's question about the path to political work", """
    Dear Ms. Baptiste,

    I hope you'll forgive a long email from a stranger. I've been trying to write this one for a week.

    My name is Jordan Rivera. For the last five years I worked as grants coordinator at Northside Food Collective, and for the last two I've also been a volunteer organizer with the Eastside Tenants Union, where I've helped build committees in eleven buildings, run our "know your rights" clinics, and most recently coordinated the testimony campaign for the rent stabilization hearing in June. That campaign is where I first saw the Working Families Alliance up close — your team's ability to turn out eighty people to a 9 a.m. hearing on a Tuesday is something I'm still trying to reverse-engineer.

    This summer I left my job to pursue political work full time. I've been reading everything I can, volunteering on two campaigns, and talking to anyone who'll talk to me, and I keep running into the same question I can't answer on my own: how do people with organizing backgrounds like mine end up in political director roles, and what does the path in between look like? I'm especially curious how you think about the relationship between electoral work and issue campaigns, since WFA does both, and what you look for when you're building a political team.

    I know you get many requests like this. If you were willing, I would be deeply grateful for 30 minutes of your time, by phone, Zoom, or in person — I'd be happy to come to your office or meet you anywhere in the city. If that's not possible, even a few lines of advice by email would mean a lot.

    Thank you for reading this far, and for the work you and your team do.

    With respect,
    Jordan Rivera
    (they/them)
    """, sig=None))

_case("cold-pollster", True, "cold", history=0, draft=mutt(
    "2026-10-21 10:14", A("Nate Feldman", "nate@feldmanresearch.example"), "question about getting into public opinion research", """
    Hi Nate,

    I'm a community organizer who's gotten increasingly interested in the research side of campaigns. I read your write-up on the ranked-choice exit poll you ran in the spring, and I've been trying to figure out how someone without a stats PhD gets into this kind of work.

    Would you be willing to talk for 20 minutes sometime? I'd love to learn about your path into polling and what you'd tell someone who wants to get into it from the organizing side.

    Thanks,
    Jordan
    """))

_case("cold-city-housing-advisor", True, "cold", history=0, draft=outlook(
    "2026-10-29 12:40", A("Yusuf Ali", "yali@cityhall.example"), "Informational chat about housing policy in the Mayor's office?", """
    Hi Mr. Ali,

    I'm a tenant organizer and grants professional, and I've appreciated how accessible the Mayor's housing team has been at the community meetings on the Eastside rezoning.

    I'm trying to move into housing policy work and would love to hear about your path into the Mayor's office and how you think about the role of organizers in shaping policy. Would you have time for a brief call or coffee in the coming weeks? Happy to work around your schedule.

    Thank you,
    Jordan Rivera
    """))

_case("cold-organizer-podcast-guest", True, "cold", history=0, draft=gmail(
    "2026-11-04 08:20", A("Tamika Rowe", "tamika@risingvoicesyouth.example"), "Heard you on Organizing Matters", """
    Hi Tamika,

    I heard your interview on the Organizing Matters podcast this morning on my walk and had to write. The way you talked about leadership development — "you're not building a list, you're building leaders" — was exactly what I needed to hear this week.

    I'm in the middle of trying to turn my volunteer organizing into a career, and I'd be so grateful to hear more about how you built Rising Voices and what you'd advise someone starting out. Would a 20-minute call or coffee be possible sometime this month or next?

    Thank you for the work and for the inspiration,
    Jordan
    """))

# ============================================================================================
# Networking: intro (someone suggested or made the introduction)
# ============================================================================================

_case("intro-mei-chen-suggested", True, "intro", history=0, note="fresh message naming the referrer, who is cc'd", draft=gmail(
    "2026-09-17 10:05", LAURA, "Mei Chen suggested I get in touch", """
    Hi Laura,

    Mei Chen suggested I get in touch (I've cc'd her here). She and I volunteered together on the minimum wage ballot drive, and she thought you'd be a great person to talk to as I figure out my next step.

    I'm moving from nonprofit grants work into campaign organizing, and Mei said you've brought a lot of first-time organizers into the field at Fair Wages. Would you have 20 minutes to connect sometime in the next couple of weeks? I'd love to hear about your work and how you got started.

    Thanks so much,
    Jordan
    """, cc=[MEI]))

_DANA_INTRO = Quote("Dana Whitfield", DANA.addr_spec, when("2026-09-23 17:31"), textwrap.dedent("""\
    Sam, meet Jordan Rivera. Jordan was our grants coordinator at NFC for five years and is one of the most organized, thoughtful people I've worked with. They're moving into housing policy and organizing and I told them you're the person to talk to.

    Jordan, meet Sam Ortiz, policy director at the Housing Justice Coalition and an old friend from my City Hall days.

    I'll let you two take it from here!
    Dana"""))

_case("intro-reply-all-dana-bcc", True, "intro", history=0,
      note="reply-all to Dana's introduction email (not in the corpus), moving Dana to Bcc", draft=gmail(
    "2026-09-24 09:02", SAM, "Re: Intro: Jordan Rivera <> Sam Ortiz", """
    Thank you, Dana! (moving you to bcc to spare your inbox)

    Sam, it's great to e-meet you. Dana has spoken so highly of the coalition's work on the statewide just-cause bill. I'd love to hear about your path into policy work and get your sense of where someone with my background could be most useful in the housing movement.

    Would you have 30 minutes for coffee or a call in the next few weeks? I'm flexible — just let me know what works.

    Best,
    Jordan
    """, bcc=[DANA], quote=_DANA_INTRO, refs=[ext_mid("gmail", "dana-intro-sam")]))

_case("intro-professor-to-analyst", True, "intro", history=0, draft=thunderbird(
    "2026-10-01 09:25", A("Beatriz Santos", "bsantos@statebudgetcenter.example"), "Professor Okafor suggested I reach out", """
    Dear Ms. Santos,

    Professor Adaeze Okafor suggested I reach out to you. I was her advisee at Hollis, and when I told her I was interested in fiscal policy she said there was no one better to talk to than her former student who now runs the housing team at the State Budget Center.

    I'm exploring a move from nonprofit grants work into budget and policy analysis. Would you be open to a short call so I could learn about your work and how you got started? I'm happy to work around your schedule.

    Thank you,
    Jordan Rivera
    """))

_KEISHA_INTRO = Quote("Keisha Brown", KEISHA.addr_spec, when("2026-10-15 21:12"), textwrap.dedent("""\
    Deshawn -- my friend and former coworker Jordan is thinking seriously about union organizing. They're a natural organizer (ran their building's tenant committee basically solo). Could you make time to talk with them about what organizing at 221 looks like?

    Jordan -- Deshawn is our organizing director. Be nice to him, he's tired :)

    K"""), to="Deshawn Harris <dharris@swu221.example>, Jordan Rivera <jordan@example.org>")

_case("intro-union-organizing-director", True, "intro", history=0,
      note="reply-all to a coworker's introduction (intro email not in the corpus)", draft=gmail(
    "2026-10-16 08:40", A("Deshawn Harris", "dharris@swu221.example"), "Re: Connecting you two: Deshawn / Jordan", """
    Thanks Keisha!!

    Deshawn, great to meet you. I know it's a busy stretch with the hospital campaign, so I'll keep this simple: I'd be grateful for 20–30 minutes whenever you can spare them to hear how you think about developing organizers at 221 and what you'd want someone like me to understand about the work. I can meet near the hall or do a call — whatever's easiest.

    Thanks,
    Jordan
    """, cc=[KEISHA], quote=_KEISHA_INTRO, refs=[ext_mid("gmail", "keisha-intro-deshawn")]))

_case("intro-rafael-suggested-outlook", True, "intro", history=0, draft=outlook(
    "2026-10-24 10:30", A("Ama Boateng", "aboateng@youthvotecollective.example"), "Introduction via Rafael Soto", """
    Hi Ama,

    Rafael Soto suggested I reach out — he and I are on the steering committee of the Eastside Tenants Union together, and when I mentioned that I'm hoping to work on youth civic engagement he said I had to talk to you.

    I'd love to learn about how Youth Vote Collective got started and what your path has looked like. Would you be open to a 20-minute conversation sometime in the next few weeks, whenever is convenient for you?

    Thank you,
    Jordan
    """))

_case("intro-iphone-short", True, "intro", history=0, note="short iPhone reply-all to a mentor's introduction", draft=apple(
    "2026-10-30 17:45", A("Lucía Flores", "lflores@example.com"), "Re: Lucía <> Jordan", """
    Thanks Luis!

    Hi Lucía — so nice to meet you. Would love to grab coffee whenever works for you and hear about the school board campaign and how you got into field work. I'm pretty flexible next week.
    """, cc=[LUIS], quote=Quote("Luis Ortega", LUIS.addr_spec, when("2026-10-30 16:58"), textwrap.dedent("""\
    Lucía, Jordan is the tenant organizer I told you about. Jordan, Lucía ran field for the 2024 school board slate and is the smartest field person I know. You two should talk!

    -- Luis""")), refs=[ext_mid("apple", "luis-intro-lucia", "organizeforward.example")]))

_case("intro-omar-suggested", True, "intro", history=0, draft=gmail(
    "2026-11-06 14:15", A("Björn Larsson", "bjorn.larsson@sunrisecoalition.example"), "Omar Haddad suggested we connect", """
    Hi Björn,

    Omar Haddad suggested we connect — I spoke with him last week about my move into climate organizing and he said you're the person who knows the most about how the Sunrise Coalition trains new organizers.

    I'd love to hear about your work and what the first year on staff looks like. Could we find 20 minutes for a call sometime before Thanksgiving? I'm free most mornings.

    Thanks,
    Jordan
    """))

# ============================================================================================
# Networking: follow_up (Jordan's own nudges in the thread of an unanswered request).
# history counts Jordan's own earlier message(s) to the person too.
# ============================================================================================

_case("fu-campaign-manager-bump", True, "follow_up", history=1, replies_to="cold-campaign-manager-how-started", draft=gmail(
    "2026-09-18 08:45", JASMINE, "Re: Quick question from an aspiring organizer", """
    Hi Jasmine,

    Just bumping this up in case it got buried — I know it's a busy stretch for the campaign. Even 15 minutes would be great, whenever works.

    Thanks!
    Jordan
    """, quote=own("cold-campaign-manager-how-started"), refs=thread("cold-campaign-manager-how-started")))

_case("fu-alumna-policy-director", True, "follow_up", history=1, replies_to="shared-alumna-policy-director", draft=gmail(
    "2026-09-22 12:00", RACHEL, "Re: Fellow Hollis alum — advice on getting into policy?", """
    Hi Rachel — following up on this in case it got lost in the shuffle. I'd still love to hear about your path if you have a few minutes in the coming weeks. Thanks!

    Jordan
    """, sig=None, quote=own("shared-alumna-policy-director"), refs=thread("shared-alumna-policy-director")))

_case("fu-think-tank-following-up", True, "follow_up", history=1, replies_to="cold-think-tank-housing-report", draft=outlook(
    "2026-09-28 09:10", A("Elena Vasquez", VASQUEZ.addr_spec), "RE: Your social housing report — a question from a tenant organizer", """
    Dear Dr. Vasquez,

    Following up on my note below in case it slipped through the cracks — I know this is a busy time with the fall convening. I'd still be grateful for any advice, and a brief call would be wonderful if you have the time.

    Best,
    Jordan Rivera
    """, sig=None, quote=own("cold-think-tank-housing-report"), refs=thread("cold-think-tank-housing-report")))

_case("fu-mei-chen-intro", True, "follow_up", history=1, replies_to="intro-mei-chen-suggested", draft=gmail(
    "2026-10-01 09:15", LAURA, "Re: Mei Chen suggested I get in touch", """
    Hi Laura,

    Circling back on this — I know how busy things get this time of year. If 20 minutes in October works, I'd love to connect. And if there's someone else on your team who'd be better to talk to, I'm happy to reach out to them instead.

    Best,
    Jordan
    """, cc=[MEI], quote=own("intro-mei-chen-suggested"), refs=thread("intro-mei-chen-suggested")))

_case("fu-summit-panelist", True, "follow_up", history=1, replies_to="ext-summit-panelist-climate", draft=gmail(
    "2026-10-02 10:30", A("Dr. Imani Carter", IMANI.addr_spec), "Re: Great meeting you at Progressive Futures Summit", """
    Hi Dr. Carter,

    I wanted to gently follow up on my note from a couple of weeks ago. I'm still very interested in learning about the Lab's community research model, and I'd be glad to find a time that works for you — even a short call would be helpful.

    Best,
    Jordan
    """, quote=own("ext-summit-panelist-climate"), refs=thread("ext-summit-panelist-climate")))

_case("fu-campaign-manager-second", True, "follow_up", history=2, replies_to="fu-campaign-manager-bump", note="second nudge, replying to the first", draft=gmail(
    "2026-10-05 09:00", JASMINE, "Re: Quick question from an aspiring organizer", """
    Hi Jasmine — one last nudge on this, then I'll stop filling your inbox! I know the race is in its final stretch. If after Election Day is better, I'd be glad to reach out again then. Good luck out there.

    Jordan
    """, sig=None, quote=own("fu-campaign-manager-bump"), refs=thread("fu-campaign-manager-bump")))

_case("fu-legislative-director", True, "follow_up", history=1, replies_to="cold-legislative-director-formal", draft=outlook(
    "2026-10-13 08:02", CHO, "RE: Request for an informational interview", """
    Dear Mr. Cho,

    I wanted to follow up on my email below regarding an informational interview. I understand that the interim committee hearings keep your office very busy, and I remain happy to work around your schedule — even 15 minutes by phone would be greatly appreciated.

    Thank you again for your consideration.

    Respectfully,
    Jordan Rivera
    """, sig=None, charset="windows-1252", quote=own("cold-legislative-director-formal"), refs=thread("cold-legislative-director-formal")))

_case("fu-tanaka-resend", True, "follow_up", history=1, replies_to="cold-tanaka-researcher",
      note="forwards the unanswered note to the researcher's university address", draft=gmail(
    "2026-10-26 10:05", A("田中 太郎", "ttanaka@stateu.example"), "Fwd: Question about your AAPI turnout research", """
    Dear Dr. Tanaka,

    I'm resending the note below to your university address in case my first message went to an account you don't check often. I'd still very much welcome a 20-minute conversation whenever you have time.

    With appreciation,
    Jordan Rivera
    """, sig=None, forward=own("cold-tanaka-researcher"), refs=thread("cold-tanaka-researcher")))

# ============================================================================================
# Not networking: family
# ============================================================================================

_case("family-mom-coffee-sunday", False, "family", history=40, note="coffee with Mom", draft=apple(
    "2026-09-19 20:12", MOM, "Sunday", """
    Hi Mami, want to get coffee Sunday after church? I can pick you up at 10:30 and we can go to that bakery you like. Also I found the recipe card for Abuela's flan!!

    Love you
    """))

_case("family-brother-pick-brain", False, "family", history=30, note="'pick your brain' about car insurance, with a sibling", draft=gmail(
    "2026-09-30 18:40", A("Mateo Rivera", "mateo.rivera@example.com"), "dinner thurs?", """
    yo — dinner Thursday? I want to pick your brain about the car insurance thing, my renewal went up $40 a month and I don't get why. also bring back my drill lol
    """, sig=None))

_case("family-dad-call", False, "family", history=22, note="asks for a call and advice, from Dad, about his knee and a car", draft=gmail(
    "2026-10-10 11:05", A("Dad", "rrivera.sr@example.net"), "Call this weekend?", """
    Hi Papi,

    Can we do a call Sunday afternoon? I'd love to hear how PT is going — Mom said the knee is a lot better but you know she only tells me the good news.

    Also, I've been meaning to ask your advice about whether I should keep the Civic or finally sell it. No rush, we can talk about it Sunday.

    Love,
    J
    """, sig=None))

_case("family-abuela-birthday", False, "family", history=8, note="happy-birthday note in Spanish", draft=apple(
    "2026-10-18 08:30", A("Abuela Gloria", "gloria.santiago@example.net"), "¡Feliz cumpleaños, Abuela! 🎂", """
    ¡Feliz cumpleaños, Abuela! Te quiero muchísimo. Voy a llamarte esta tarde después del almuerzo. Mami dice que van a hacer pernil, guárdame un plato 😋

    Besos,
    Jordan
    """))

_case("family-sister-thanksgiving", False, "family", history=35, draft=gmail(
    "2026-11-09 19:22", A("Sofía Rivera", "sofia.rivera@example.com"), "Thanksgiving plan", """
    Sof,

    Can you call me tonight or tomorrow? Need your advice on the Thanksgiving plan. Tía Marta wants to host again but Mom is acting like she already agreed to do it at her place, and I really don't want to be in the middle of this one.

    Also, are you still bringing the pasteles?

    J
    """, sig=None))

# ============================================================================================
# Not networking: friends
# ============================================================================================

_case("friend-coffee-saturday", False, "friend", history=25, note="coffee with a friend of many months", draft=apple(
    "2026-09-25 21:10", ALEX, "coffee saturday?", """
    coffee saturday? the new place on 5th finally opened. 10ish?
    """))

_case("friend-running-late", False, "friend", history=18, note="'20 minutes' in the ordinary sense", draft=apple(
    "2026-10-04 11:52", JESS, "Re: brunch sunday", """
    Running like 20 minutes late, so sorry!! Grab us a table and order me a cortado
    """, quote=Quote("Jess Lin", JESS.addr_spec, when("2026-10-03 18:20"), "Booked for 11:30 at Marigold! See you there"),
    refs=[ext_mid("gmail", "jess-brunch-1"), ext_mid("gmail", "jess-brunch-2")]))

_case("friend-art-show", False, "friend", history=14, note="'your work' and 'love to hear more' about a friend's art", draft=gmail(
    "2026-10-12 09:35", NOOR, "last night!!", """
    Noor!!

    I'm still thinking about the show. Your work has never looked better — the big blue piece by the window stopped me in my tracks, and everyone I brought was talking about it the whole walk home.

    I'd love to hear more about the process behind the new series next time we get coffee. And congrats on selling three pieces on opening night!!

    So proud of you,
    Jordan
    """, sig=None))

_case("friend-happy-birthday", False, "friend", history=20, draft=gmail(
    "2026-10-21 07:45", BEN, "Happy birthday!!!", """
    Happy birthday Ben!!! 33 looks great on you. Hope Mira spoils you rotten today. Drinks on me next week — I want to hear all about the new job.

    J
    """, sig=None))

_case("friend-wedding-rsvp", False, "friend", history=6, note="wedding RSVP", draft=apple(
    "2026-09-13 15:20", A("Maya & Chris", "mayaandchris2026@example.com"), "Re: RSVP by Sept 20 — Maya & Chris, November 14", """
    Hi Maya and Chris!

    We'd be thrilled to be there — count me in plus one (Kai's coming with me). Two dinners please: one chicken, one vegetarian. No allergies.

    So excited for you both. See you on the 14th!

    Love,
    Jordan
    """, iphone=False, quote=Quote("Maya & Chris", "mayaandchris2026@example.com", when("2026-09-01 12:00"), textwrap.dedent("""\
    Friends and family!

    We can't believe it's almost here. Please RSVP by September 20 so we can give the caterer final numbers. Let us know about plus-ones and dinner choices (chicken, salmon or vegetarian).

    With love,
    Maya & Chris""")), refs=[ext_mid("gmail", "maya-chris-rsvp")]))

_case("friend-job-hunt-vent", False, "friend", history=40, note="talks ABOUT informational interview requests to a close friend; asks for drinks", draft=gmail(
    "2026-10-25 22:30", TASHA, "ugh / drinks this week?", """
    Tash,

    Honestly the job hunt is wearing me down. I've sent something like fifteen informational interview requests this month and about half of them disappeared into the void. The people who did say yes were lovely though, and one conversation might actually turn into something!

    Anyway, I need a night where I don't talk about any of it. Drinks Wednesday or Thursday? Your pick of place.

    J
    """, sig=None))

_case("friend-fwd-job-posting", False, "friend", history=41, note="forwards a job posting to a friend", draft=gmail(
    "2026-11-11 13:10", TASHA, "Fwd: Now hiring: Communications Coordinator — Harbor Arts Council", """
    saw this and immediately thought of you!! the pay is actually decent and they're hybrid
    """, sig=None, forward=Quote("Harbor Arts Council", "news@harborarts.example", when("2026-11-11 10:00"), textwrap.dedent("""\
    NOW HIRING: Communications Coordinator

    Harbor Arts Council is looking for a Communications Coordinator to manage our newsletter, social channels and press relationships. Full time, $58,000–$64,000, hybrid (2 days in office).

    Apply by December 4 at harborarts.example/jobs.

    Harbor Arts Council | 210 Water St | Unsubscribe"""), to="jordan@example.org", subject="Now hiring: Communications Coordinator — Harbor Arts Council"),
    refs=[ext_mid("esp", "harborarts-hiring", "mail.harborarts.example")]))

# ============================================================================================
# Not networking: landlord
# ============================================================================================

_case("landlord-renewal", False, "landlord", history=6, note="'would you be open to' a lease renewal", draft=gmail(
    "2026-09-03 10:15", GREG, "Lease renewal — Unit 3B", """
    Hi Greg,

    I got your note that the lease is up on November 30. I'd like to stay — would you be open to a 12-month renewal at the current rate? I've been here three years now and have always paid on time, and with the radiator issues last winter I think that's fair.

    Happy to talk by phone if that's easier.

    Thanks,
    Jordan Rivera
    Unit 3B
    """, sig=None))

_case("landlord-radiator", False, "landlord", history=7, draft=apple(
    "2026-10-28 07:15", GREG, "Radiator again", """
    Hi Greg, the radiator in the bedroom is banging again and the living room one isn't heating at all. Could you give me a call when you get a chance or send someone by? I'm home all day Thursday.

    Thanks,
    Jordan (3B)
    """))

_case("landlord-property-manager-short-call", False, "landlord", history=2, note="'would you have time for a short call' to a new property manager", draft=outlook(
    "2026-11-12 11:40", A("Denise Walters", "dwalters@parksideprops.example"), "Lease renewal after the sale — 418 Maple St, Unit 3B", """
    Hi Denise,

    Thank you for the welcome letter about Parkside taking over management of 418 Maple. Before the sale, I had agreed with Greg Halloran on a 12-month renewal at my current rent starting December 1, and I want to make sure that carries over.

    Would you have time for a short call this week to go over it? I can also send over the email where Greg confirmed the terms.

    Thank you,
    Jordan Rivera
    418 Maple St, Unit 3B
    """, sig="555-013-4477"))

# ============================================================================================
# Not networking: vendors
# ============================================================================================

_case("vendor-moving-quote", False, "vendor", history=0, note="stranger, zero history, offers a call: a moving quote", draft=gmail(
    "2026-11-03 09:40", A("Swift Movers", "quotes@swiftmovers.example"), "Quote request: 1BR move, Sat Dec 5", """
    Hello,

    I'm looking for a quote to move my mother from a one-bedroom apartment on Saturday, December 5 — from 22 Birch Ave (3rd floor walk-up) to a building about 2 miles away (2nd floor, elevator). Mostly furniture and about 25 boxes; no piano or anything unusual.

    Could you send an estimate? Happy to hop on a quick call if you need more details — my number is below.

    Thanks,
    Jordan Rivera
    """))

_case("vendor-print-shop", False, "vendor", history=2, note="'I'd love to learn more about your ...' options, to a print shop", draft=gmail(
    "2026-09-29 15:00", A("Union Print Co-op", "orders@unionprint.example"), "Flyer order for Eastside Tenants Union", """
    Hi there,

    We'd like to place an order for 2,000 half-page flyers (two-sided, black and white) for a tenant meeting on October 22. I've attached the PDF.

    I'd also love to learn more about your union bug options — is that something you add by default, or do we need to request it? And what's your turnaround right now?

    Thanks!
    Jordan Rivera
    Eastside Tenants Union
    """, sig=None, attach=[pdf("ETU_flyer_Oct22_final.pdf")]))

_case("vendor-caterer-quote", False, "vendor", history=0, note="asks a stranger for 15 minutes on a call, about a menu", draft=outlook(
    "2026-11-05 14:20", A("El Fogón Catering", "catering@elfogon.example"), "Catering quote — 40 people, Dec 12", """
    Hello,

    I'm planning the Eastside Tenants Union's end-of-year party on Saturday, December 12, for about 40 people at the St. Brendan's parish hall. We're hoping for a buffet with a couple of vegetarian options, and our budget is around $900.

    Would you have 15 minutes for a quick call this week to go over the menu? I'd love to hear what you'd recommend.

    Thanks so much,
    Jordan Rivera
    """, charset="windows-1252"))

# ============================================================================================
# Not networking: customer support
# ============================================================================================

_case("support-bank-wire", False, "support", history=1, draft=gmail(
    "2026-09-11 13:25", A("First Harbor Bank", "support@firstharborbank.example"), "Question about an incoming wire (account ending 4471)", """
    Hello,

    I'm expecting an incoming wire from a freelance client (Riverbend Youth Arts) that they say was sent on September 8, but I don't see it in my checking account yet. Could you let me know whether it's pending, and whether there's anything I need to do on my end?

    I'd prefer not to send full account details by email — I'm happy to call in if that's better.

    Thank you,
    Jordan Rivera
    """))

_case("support-isp-ticket", False, "support", history=3, note="mentions being dropped from calls", draft=gmail(
    "2026-10-08 08:10", A("FiberLink Support", "help@fiberlink.example"), "Re: [Ticket #48213] Intermittent outages", """
    Hi,

    It drops almost every evening between about 7 and 9 pm, usually for 5–10 minutes at a time. The "online" light blinks orange while it's down. I've already restarted the modem and replaced the cable.

    It's been especially bad during calls — I've been dropped from three video calls this week. Can you send a technician?

    Thanks,
    Jordan
    """, sig=None, quote=Quote("FiberLink Support", "help@fiberlink.example", when("2026-10-07 16:02"), textwrap.dedent("""\
    Hi Jordan,

    Thanks for contacting FiberLink. To help us troubleshoot, can you tell us roughly when the outages occur and whether the lights on your modem change?

    Ticket #48213
    FiberLink Customer Care""")), refs=[ext_mid("ats", "fiberlink-48213", "support.fiberlink.example")]))

_case("support-meetly", False, "support", history=0, note="mentions an informational interview, but writes to a video-call vendor's support", draft=thunderbird(
    "2026-10-19 21:50", A("Meetly Support", "support@meetly.example"), "Can't join calls from the desktop app", """
    Hello,

    Since updating the Meetly desktop app yesterday (version 6.4.2 on macOS 15), I can't join any calls — the app shows "Connecting..." and then quits. Joining from the browser works, but without the virtual background.

    I have an informational interview tomorrow morning and would really like to have this sorted before then. Is there a known fix, or a way to roll back to the previous version?

    Thanks,
    Jordan Rivera
    """, sig=None))

# ============================================================================================
# Not networking: job applications
# ============================================================================================

_case("jobapp-field-organizer-jobs", False, "job_application", history=0, draft=gmail(
    "2026-09-07 16:30", A("", "jobs@greenleaf-campaigns.example"), "Application: Field Organizer — Jordan Rivera", """
    Dear Hiring Team,

    Attached is my résumé for the Field Organizer role, along with a cover letter and two references.

    I've spent the last two years building tenant committees in eleven buildings with the Eastside Tenants Union and led our volunteer canvass for the rent stabilization campaign, where we knocked over 6,000 doors. I'd love to bring that experience to Greenleaf's work in the 2027 municipal cycle.

    Thank you for your consideration. I look forward to hearing from you.

    Best,
    Jordan Rivera
    """, attach=[pdf("Jordan Rivera - Résumé.pdf"), pdf("Jordan Rivera - Cover Letter - Greenleaf.pdf")]))

_case("jobapp-careers-learn-more-team", False, "job_application", history=0, note="'I'd love to learn more about your team' inside an application", draft=outlook(
    "2026-09-19 12:05", A("", "careers@fairshareaction.example"), "Policy Associate application — Jordan Rivera", """
    Hello,

    I'm writing to apply for the Policy Associate position posted on your website. My résumé and a writing sample are attached.

    Fair Share Action's work on progressive revenue is a big part of why I'm making the move into policy, and I'd love to learn more about your team and how the Policy Associate role supports the campaign side of the organization.

    Thank you for your time and consideration.

    Sincerely,
    Jordan Rivera
    """, attach=[docx("Rivera_Jordan_Resume.docx"), pdf("Rivera_Writing_Sample.pdf")]))

_case("jobapp-hiring-manager-personal", False, "job_application", history=0,
      note="cover letter for a posted role sent to the hiring manager's own address; 'welcome the chance to talk' about the job", draft=gmail(
    "2026-10-02 08:50", A("Rebecca Stein", "rstein@movementlawcenter.example"), "Organizing Manager role — application from a tenant organizer", """
    Dear Ms. Stein,

    I'm writing to express my interest in the Organizing Manager position at the Movement Law Center, which I saw posted on your careers page last week. I've also submitted my materials through your online portal, but I wanted to reach out to you directly as the hiring manager listed in the posting.

    Over the past two years I've led tenant organizing across eleven buildings with the Eastside Tenants Union, training 40+ building leaders and coordinating our legal clinic referrals with two legal aid organizations — exactly the intersection of organizing and legal advocacy that MLC works in. Before that, I spent five years managing a $2M grants portfolio at Northside Food Collective, so I'm comfortable with reporting, budgets and funder relationships.

    I'd welcome the chance to talk about how I could contribute to your team. My résumé is attached, and I'm available for a conversation at your convenience.

    Thank you for your consideration,
    Jordan Rivera
    """, attach=[pdf("Jordan_Rivera_Resume_2026.pdf")]))

_case("jobapp-ats-reply", False, "job_application", history=1, note="reply through an applicant-tracking system's reply address", draft=gmail(
    "2026-10-14 17:20", A("Casey Morgan (Vote Here)", "reply+c2a81f7e4b@hire.talentloop-mail.example"), "Re: Next steps: Regional Organizer application (Vote Here)", """
    Hi Casey,

    Thank you! I've attached a two-page writing sample (an op-ed I wrote for the Eastside Ledger on rent stabilization), and my references are below:

    - Dana Whitfield, Executive Director, Northside Food Collective — dana.whitfield@northsidefood.example, 555-014-2290
    - Luis Ortega, Lead Trainer, Organize Forward — luis@organizeforward.example, 555-018-6631

    Please let me know if you need anything else.

    Best,
    Jordan Rivera
    """, attach=[pdf("Rivera_OpEd_Writing_Sample.pdf")],
    quote=Quote("Casey Morgan (Vote Here)", "reply+c2a81f7e4b@hire.talentloop-mail.example", when("2026-10-13 11:04"), textwrap.dedent("""\
    Hi Jordan,

    Thanks for applying to the Regional Organizer position at Vote Here! As a next step, please reply to this email with a short writing sample (1-2 pages) and two professional references.

    Best,
    Casey Morgan
    Talent Team, Vote Here

    Sent via TalentLoop""")), refs=[ext_mid("ats", "votehere-nextsteps", "hire.talentloop-mail.example")]))

_case("jobapp-referral-20-min", False, "job_application", history=0,
      note="a referral to a posted opening, sent to the hiring manager: an application, not an informational request", draft=gmail(
    "2026-10-20 10:10", A("Nadia Rahman", "nrahman@votersfirst.example"), "Deputy Field Director opening — referred by Mei Chen", """
    Hi Nadia,

    Mei Chen referred me to the Deputy Field Director opening at Voters First, and I submitted my application through your portal this morning. Mei said you're the hiring manager, so I wanted to introduce myself directly.

    I've spent the last two years running volunteer field programs with the Eastside Tenants Union and two council campaigns, and I think I could hit the ground running on your 2027 program. I'd love 20 minutes to talk about the role and what you're looking for in this hire.

    My résumé is attached for convenience. Thank you!

    Best,
    Jordan
    """, attach=[pdf("Jordan Rivera - Résumé.pdf")]))

_case("jobapp-workday-status", False, "job_application", history=1, draft=outlook(
    "2026-11-10 09:30", A("Talent Acquisition", "careers@publicservicesunion.example"), "Application status — Research Analyst (REQ-2291)", """
    Hello,

    I submitted an application for the Research Analyst position (REQ-2291) through your Workday portal on October 12 and received the automated confirmation, but I haven't seen any update since. Could you let me know whether the position is still open and where the search stands?

    I remain very interested in the role and would be glad to provide any additional materials.

    Thank you,
    Jordan Rivera
    """))

# ============================================================================================
# Not networking: recruiters
# ============================================================================================

_TYLER_FIRST = Quote("Tyler Grant", TYLER.addr_spec, when("2026-09-15 10:31"), textwrap.dedent("""\
    Hi Jordan,

    I'm a recruiter with Progressive Talent Partners and came across your profile. I'm working on a Campaign Director search for a statewide climate organization in the Midwest and think your background could be a fit.

    Would you be open to a quick chat this week?

    Tyler Grant
    Senior Recruiter, Progressive Talent Partners"""))

_case("recruiter-happy-to-chat", False, "recruiter", history=1, note="'happy to chat' in reply to a recruiter who reached out", draft=gmail(
    "2026-09-16 14:40", TYLER, "Re: Campaign Director opportunity in the Midwest", """
    Hi Tyler,

    Thanks for reaching out — this sounds interesting. Happy to chat. I'm free Tuesday after 2 or anytime Wednesday morning; feel free to call me at the number below.

    Best,
    Jordan
    """, quote=_TYLER_FIRST, refs=[ext_mid("gmail", "tyler-first")]))

_case("recruiter-decline", False, "recruiter", history=2, draft=outlook(
    "2026-10-07 16:10", A("Morgan Lee", "mlee@talentbridge.example"), "RE: Development Director role — Harbor Children's Museum", """
    Hi Morgan,

    Thank you so much for thinking of me for this. It sounds like a great role, but I'm focusing my search on organizing and policy positions right now, so I'm going to pass.

    If you come across anything on the campaign or advocacy side, I'd love to hear about it.

    Best,
    Jordan
    """, quote=Quote("Morgan Lee", "mlee@talentbridge.example", when("2026-10-06 09:12"), textwrap.dedent("""\
    Hi Jordan,

    I hope you're well! I'm partnering with the Harbor Children's Museum on a Development Director search, and with your grants background I immediately thought of you. The salary range is $95-105K. Would you be interested in learning more?

    Best,
    Morgan

    Morgan Lee | Senior Consultant | TalentBridge"""), subject="Development Director role — Harbor Children's Museum"),
    refs=[ext_mid("outlook", "morgan-dev-director")]))

_case("recruiter-availability", False, "recruiter", history=3, note="scheduling a phone screen", draft=gmail(
    "2026-10-28 11:20", A("Alana Kealoha", "alana@impactsearch.example"), "Re: Phone screen — Organizing Director, Riverbend Climate Alliance", """
    Hi Alana,

    Thanks for moving me forward! Here's my availability for the phone screen next week (all Eastern):

    - Monday 11/2: 10am–1pm
    - Tuesday 11/3: after 4pm (Election Day, so late afternoon only)
    - Thursday 11/5: anytime

    A 30-minute call works great. Looking forward to it.

    Jordan
    """, quote=Quote("Alana Kealoha", "alana@impactsearch.example", when("2026-10-27 15:44"), textwrap.dedent("""\
    Hi Jordan,

    Great news: the Riverbend Climate Alliance team would like to move you forward to a 30-minute phone screen with their Deputy Director. Could you send me a few windows that work next week?

    Thanks,
    Alana""")), refs=[ext_mid("gmail", "alana-1"), ext_mid("gmail", "alana-2")]))

_case("recruiter-salary-question", False, "recruiter", history=5, draft=apple(
    "2026-11-13 07:40", TYLER, "Re: Campaign Director opportunity in the Midwest", """
    Thanks Tyler! Quick question before the next round — can you share the salary range and whether the role is remote or based in Madison? Want to make sure it works before I take up the committee's time.
    """, quote=Quote("Tyler Grant", TYLER.addr_spec, when("2026-11-12 17:05"), textwrap.dedent("""\
    Great talking today, Jordan! I've shared your résumé with the hiring committee and expect to hear back early next week about a first-round interview.

    Tyler""")), refs=[ext_mid("gmail", "tyler-first"), make_mid("gmail", "recruiter-happy-to-chat"), ext_mid("gmail", "tyler-after-call")]))

# ============================================================================================
# Not networking: groups of friends / committees
# ============================================================================================

_case("group-friends-cabin", False, "group", history=25, draft=gmail(
    "2026-09-20 20:05", [ALEX, JESS, NOOR, BEN, TASHA], "Cabin weekend Nov 13–15?", """
    Hi all!!

    Okay, I finally found a cabin that fits six, has a wood stove, and is under $100/person for two nights: Nov 13–15, about two hours north. Link's in the group chat but tl;dr hot tub + lake.

    Can everyone let me know by Friday if you're in? I need to put the deposit down by the 28th.

    Also: who's driving? I can take four in my car.

    J
    """, sig=None))

_case("group-book-club", False, "group", history=10, note="'coffee after?' to the book club", draft=apple(
    "2026-10-09 12:20", [A("Priyanka Shah", "priyanka.shah@example.com"), A("Hana Novák", "hana.novak@example.net"),
                         A("Chioma Eze", "chioma.eze@example.com"), A("Marco DiLorenzo", "marco.dilorenzo@example.org")],
    "Book club: next pick + coffee after?", """
    Hi friends,

    Thanks for a great discussion of "The Sympathizer" last week. For November, the two top votes were "Parable of the Sower" and "Braiding Sweetgrass" — I'm calling it for Parable since it won by one vote.

    Same time (Sunday the 15th, 4pm), at Priyanka's this time. Anyone want to grab coffee after? There's a new place around the corner.

    Jordan
    """, iphone=False))

_case("group-tenant-committee-call", False, "group", history=30,
      note="organizing vocabulary ('get on a call', 'I'd love to hear everyone's read') to Jordan's own committee", draft=gmail(
    "2026-10-13 21:30", [RAFAEL, A("Yesenia Cruz", "ycruz@example.net"), A("Marco DiLorenzo", "marco.dilorenzo@example.org"),
                         A("Tom Burke", "tburke@example.com"), A("Aisha Bello", "aisha.bello@example.net")],
    "Call Thursday to plan the Oct 22 meeting?", """
    Hi all,

    Can we get on a call Thursday at 7 to plan the October 22 general meeting? I'd love to hear everyone's read on whether 1200 Grand is ready to go public with the rent strike vote, or if we need another round of one-on-ones first.

    Agenda draft:
    1. Building reports (5 min each)
    2. Rent strike vote: ready or not?
    3. Flyer distribution (2,000 flyers arrive Oct 19)
    4. Childcare and interpretation for the meeting

    Same Zoom link as always. Let me know if Thursday doesn't work.

    In solidarity,
    Jordan
    """, sig=SIG_LONG))

_case("group-friendsgiving", False, "group", history=25, draft=apple(
    "2026-11-16 13:05", [ALEX, JESS, NOOR, BEN, TASHA, A("Kai Okonjo", "kai.okonjo@example.com")], "Re: Friendsgiving 2026 🦃", """
    I'm in! I'll bring the mac and cheese and a bottle of wine. Can also come early to help set up
    """, quote=Quote("Alex Moreno", ALEX.addr_spec, when("2026-11-15 20:41"), textwrap.dedent("""\
    Friendsgiving at ours Saturday Nov 21, 5pm! Reply-all with what you're bringing so we don't end up with four pies again.

    A + R""")), refs=[ext_mid("apple", "alex-friendsgiving")]))

# ============================================================================================
# Not networking: mailing lists and volunteer lists
# ============================================================================================

_case("list-volunteers-phonebank", False, "list", history=3, note="to a campaign's volunteers@ address", draft=gmail(
    "2026-09-24 12:00", A("Yes on Measure H Volunteers", "volunteers@yesonmeasureh.example"), "Saturday phone bank — bringing a friend", """
    Hi volunteer team,

    I'm signed up for the Saturday 10am phone bank shift. Is it okay if I bring a friend who's never phone banked before? She has her own laptop and headphones.

    Also, is the training at 9:30 or should we just show up at 10?

    Thanks,
    Jordan
    """))

_case("list-housing-wg-post", False, "list", history=40, note="post to the union's working-group list; offers prep calls", draft=thunderbird(
    "2026-10-06 22:15", A("", "housing-wg@lists.eastsidetenants.example"), "[housing-wg] Notes from Oct 6 + testimony sign-up", """
    Hi all,

    Notes from tonight's working group meeting:

    * 14 people, 6 buildings represented
    * Rent stabilization: council hearing moved to Nov 17, 6pm
    * We need 20 people to testify. Sign-up sheet is in the shared drive.
    * Next meeting: Oct 20, same place

    If you'd like to testify but have never done it before, reply to me and I'm happy to do a 20-minute prep call with you to work on your story.

    Jordan
    """, sig=SIG_LONG))

_case("list-neighborhood-ladder", False, "list", history=12, draft=apple(
    "2026-10-31 10:05", A("Maple Street Neighbors", "maple-st-neighbors@groups.example.org"), "Anyone have a ladder I could borrow?", """
    Hi neighbors! Does anyone have an 8-foot ladder I could borrow this weekend? Need to get the storm windows in before it gets cold. Happy to return it with cookies.

    Jordan, 418 Maple #3B
    """))

_case("list-alumni-advice-broadcast", False, "list", history=2,
      note="networking-style ask, but broadcast to a mailing list: there is no one person to follow up with", draft=gmail(
    "2026-11-08 19:00", A("", "hollis-alumni-careers@lists.hollis.example"), "Seeking advice: breaking into state policy work", """
    Hi fellow Herons,

    I'm a 2019 grad (poli sci) making a move from nonprofit grants work into state housing policy and organizing. If anyone on this list works in a legislative office, a policy shop, or an advocacy coalition and would be willing to chat for 20 minutes about how you got your start, I'd be really grateful. Feel free to reply off-list!

    Thanks,
    Jordan Rivera '19
    """))

# ============================================================================================
# Not networking: replies to newsletters and bulk mail
# ============================================================================================

_case("newsletter-housing-dispatch-correction", False, "newsletter_reply", history=8, draft=gmail(
    "2026-10-03 08:05", A("The Housing Dispatch", "newsletter@housingdispatch.example"), "Re: The Housing Dispatch #112: Rent stabilization passes committee", """
    Thanks for this issue — great roundup. One small correction: the committee vote was 7–2, not 6–3 (Councilmember Liu switched to yes in the final vote).

    Keep up the great work!
    Jordan
    """, sig=None, quote=Quote("The Housing Dispatch", "newsletter@housingdispatch.example", when("2026-10-02 06:00"), textwrap.dedent("""\
    THE HOUSING DISPATCH #112

    Rent stabilization passes committee, 6-3. The full council takes it up November 17. Here's what's in the bill, who flipped, and what happens next.

    View in browser | Unsubscribe""")), refs=[ext_mid("esp", "dispatch-112", "mail.housingdispatch.example")]))

_case("newsletter-campaign-unsubscribe", False, "newsletter_reply", history=15, note="reply to a campaign's mass fundraising email", draft=apple(
    "2026-10-10 19:30", A("Ruiz for Council", "team@ruizforcouncil.example"), "Re: LAST CHANCE: our end-of-quarter deadline is MIDNIGHT", """
    Hi team, could you take me off the daily fundraising emails? I already gave and I'm knocking doors with you on Saturday, I promise I'm still in! Thanks
    """, quote=Quote("Ruiz for Council", "team@ruizforcouncil.example", when("2026-09-30 20:15"), textwrap.dedent("""\
    Jordan -- this is it. Our end-of-quarter deadline is MIDNIGHT and we're $4,120 short.

    Can you chip in $10 right now?

    Paid for by Ruiz for Council""")), refs=[ext_mid("esp", "ruiz-eoq", "mail.ruizforcouncil.example")]))

_case("newsletter-author-reply", False, "newsletter_reply", history=6, note="praises the writer's 'work' but asks for nothing", draft=gmail(
    "2026-10-22 07:30", A("Dani Okoye (Tenant Wire)", "dani@tenantwire.example"), "Re: What Minneapolis tenants taught me", """
    Dani,

    This issue really landed. Your work with the Minneapolis tenant unions sounds a lot like what we're trying to do on the Eastside, especially the part about building-by-building committees before going citywide. I forwarded it to our whole steering committee.

    Thanks for writing it.

    Jordan (Eastside Tenants Union)
    """, sig=None, quote=Quote("Dani Okoye (Tenant Wire)", "dani@tenantwire.example", when("2026-10-21 07:00"), textwrap.dedent("""\
    What Minneapolis tenants taught me

    I spent three weeks this summer with tenant organizers in Minneapolis. The lesson I keep coming back to: they never went citywide until every building had its own committee.

    You're receiving Tenant Wire because you subscribed. Reply to this email to reach me directly.""")),
    refs=[ext_mid("esp", "tenantwire-mpls", "letters.tenantwire.example")]))

_case("newsletter-training-recording", False, "newsletter_reply", history=5, note="'I'd love to learn more' about a training, to an org's info@", draft=outlook(
    "2026-11-06 12:15", A("Organize Forward", "info@organizeforward.example"), "RE: This month at Organize Forward: Organizing 101, Nov 12", """
    Hi there,

    Will the Organizing 101 training on November 12 be recorded? I'd love to learn more but I have a conflict that evening.

    Thanks!
    Jordan
    """, sig=None, quote=Quote("Organize Forward", "info@organizeforward.example", when("2026-11-05 09:00"), textwrap.dedent("""\
    This month at Organize Forward

    Organizing 101: Thursday, November 12, 6-8pm. Learn the basics of one-on-ones, power mapping and building a base. Free, dinner provided.

    Organize Forward | Unsubscribe"""), subject="This month at Organize Forward: Organizing 101, Nov 12"),
    refs=[ext_mid("esp", "of-nov", "mail.organizeforward.example")]))

# ============================================================================================
# Not networking: work (freelance clients, former colleagues, volunteer coordination)
# ============================================================================================

_case("work-grant-report-former-colleague", False, "work", history=12, note="quick work question to a former colleague", draft=gmail(
    "2026-09-17 15:45", A("Lena Fischer", "lfischer@northsidefood.example"), "quick question about the grant report", """
    Hi Lena!

    Quick question about the grant report for the Harbor Foundation — I'm writing up the handoff notes I promised Dana and I can't remember where we saved the Q3 outcomes numbers. Was it the "Reporting 2026" folder on the shared drive or the one in the old Dropbox?

    Happy to hop on a quick call if that's easier. Hope the new intern is working out!

    Jordan
    """, sig=None))

_case("work-freelance-invoice", False, "work", history=10, note="freelance invoice", draft=gmail(
    "2026-10-01 10:00", A("Riverbend Accounts", "accounts@riverbendyoutharts.example"), "Invoice #2026-014 — September grant writing", """
    Hi Riverbend team,

    Attached is invoice #2026-014 for September grant writing services (22 hours at $65/hour, total $1,430), covering the Harbor Foundation renewal and the state arts council application.

    Payment terms are net 30; ACH details are on the invoice. Thanks so much!

    Best,
    Jordan Rivera
    """, cc=[KAREN], attach=[pdf("Invoice_2026-014_Jordan_Rivera.pdf")]))

_case("work-client-20-min-call", False, "work", history=14, note="'20 minutes' and 'I'd love your read' with a freelance client, about a draft", draft=gmail(
    "2026-10-14 09:05", KAREN, "Draft narrative — 20 min Thursday?", """
    Hi Karen,

    The draft narrative for the state arts council application is in the shared folder. Do you have 20 minutes Thursday to go over it together? I'd especially love your read on the budget justification section — I want to make sure the way I've described the teaching artist stipends matches how you actually run the program.

    Anytime between 10 and 2 works for me.

    Thanks,
    Jordan
    """))

_case("work-canvass-turf-handoff", False, "work", history=9, note="volunteer coordination with a fellow organizer", draft=thunderbird(
    "2026-10-30 22:40", A("Yesenia Cruz", "ycruz@example.net"), "Turf packets for Saturday", """
    Hi Yesenia,

    Thanks again for taking over as captain for the Saturday shift while I'm at my cousin's wedding. Turf packets are in the blue bin in the ETU office — 14 packets, already cut by building. The walk list PDF and the script are attached in case anyone wants them on their phone.

    A few notes:
    - 1200 Grand: go to the side door, the buzzer is broken
    - Ask everyone to log contacts in the app before they leave
    - Debrief at 1pm at the office

    Call me if anything comes up, I'll have my phone on.

    Jordan
    """, sig=None, attach=[pdf("walk_list_oct31.pdf"), pdf("door_script_v3.pdf")]))

# ============================================================================================
# Not networking: logistics with people who already said yes
# ============================================================================================

_case("logistics-thursday-3pm-cafe", False, "logistics", history=10, replies_to="core-mentor-luis-coffee",
      note="Luis already said yes (his reply is not in the corpus); this only confirms the time", draft=apple(
    "2026-09-15 21:05", LUIS, "Re: pick your brain?", """
    Thursday 3pm works, see you at the café! And no way, it's my treat — I'm the one asking.
    """, quote=Quote("Luis Ortega", LUIS.addr_spec, when("2026-09-15 18:22"), "Of course! Thursday 3pm at Café Lumen? My treat.\n\nL"),
    refs=thread("core-mentor-luis-coffee", ext_mid("apple", "luis-yes", "organizeforward.example"))))

_case("logistics-zoom-link", False, "logistics", history=2, replies_to="intro-reply-all-dana-bcc",
      note="Sam already agreed; Jordan sends the link", draft=gmail(
    "2026-09-30 16:40", SAM, "Re: Intro: Jordan Rivera <> Sam Ortiz", """
    Tuesday the 6th at 11 is perfect. Here's a Zoom link:

    https://meetly.example/j/84019275533?pwd=Yk3tQ

    Talk soon,
    Jordan
    """, quote=Quote("Sam Ortiz", SAM.addr_spec, when("2026-09-30 14:02"), textwrap.dedent("""\
    Hi Jordan,

    Happy to talk! (Thanks Dana.) How's Tuesday the 6th at 11? Zoom is easiest for me.

    Sam""")), refs=thread("intro-reply-all-dana-bcc", ext_mid("gmail", "sam-yes"))))

_case("logistics-calendar-invite", False, "logistics", history=3,
      note="Outlook meeting request to someone who already agreed to meet; not threaded", draft=outlook(
    "2026-10-21 09:45", A("Samuel Adeyemi", ADEYEMI.addr_spec), "Jordan Rivera / Samuel Adeyemi — Zoom", """
    Dr. Adeyemi,

    Thank you again for agreeing to meet! Here's a calendar hold for Tuesday, October 27 at 4:00 PM with the Zoom link below. Please let me know if anything changes on your end.

    Join: https://meetly.example/j/61820477310

    Jordan
    """, sig=None, calendar=calendar_request("040000008200E00074C5B7101A82E0080000000" + _h("adeyemi-invite").hex()[:24].upper(),
                                             "2026-10-27 16:00", 30, "Jordan Rivera / Samuel Adeyemi — Zoom",
                                             ADEYEMI, "https://meetly.example/j/61820477310")))

_case("logistics-reschedule", False, "logistics", history=3, replies_to="fu-alumna-policy-director",
      note="Rachel replied yes to the follow-up (reply not in corpus); this moves the time", draft=gmail(
    "2026-10-05 11:30", RACHEL, "Re: Fellow Hollis alum — advice on getting into policy?", """
    Hi Rachel,

    Thank you so much — Wednesday works! Would it be okay to push it 20 minutes later, to 12:50? I have a volunteer shift that ends at 12:30 and want to be somewhere quiet when you call. If not, 12:30 is fine and I'll make it work.

    My number is 555-013-4477.

    Thanks again,
    Jordan
    """, sig=None, quote=Quote("Rachel Goldberg", RACHEL.addr_spec, when("2026-10-04 19:48"), textwrap.dedent("""\
    Hi Jordan! So sorry for the slow reply -- September was a blur. Happy to chat. Does Wednesday 10/7 at 12:30 work? I'll call you.

    Rachel""")), refs=thread("fu-alumna-policy-director", ext_mid("gmail", "rachel-yes"))))

_case("logistics-reply-to-student", False, "logistics", history=1,
      note="a student asked Jordan for advice; Jordan proposes a 20-minute call. Inbound request, nothing to follow up", draft=gmail(
    "2026-11-03 20:10", A("Kayla Brooks", "kbrooks@hollis.example"), "Re: Hollis student — advice on tenant organizing?", """
    Hi Kayla,

    Of course — I'm really glad you reached out, and Professor Okafor has great taste in students. I'm happy to share whatever advice I can.

    Would a 20-minute call on Thursday afternoon work? Anytime after 2. If not, send me a couple of times that work for you and I'll make it happen.

    Best,
    Jordan
    """, quote=Quote("Kayla Brooks", "kbrooks@hollis.example", when("2026-11-02 22:17"), textwrap.dedent("""\
    Hi Jordan,

    I'm a junior at Hollis and Professor Okafor gave me your name. I'm organizing with the student tenants' association and thinking about doing this kind of work after I graduate. Would you have time to talk sometime? I'd love to hear how you got into tenant organizing.

    Thank you!
    Kayla""")), refs=[ext_mid("gmail", "kayla-ask")]))

# ============================================================================================
# Not networking: personal admin (doctor, school, self)
# ============================================================================================

_case("personal-doctor-reschedule", False, "personal_admin", history=4, draft=gmail(
    "2026-09-09 07:50", A("Harbor Family Medicine", "frontdesk@harborfamilymed.example"), "Reschedule annual physical — Jordan Rivera", """
    Hello,

    I have my annual physical scheduled with Dr. Lindgren on Monday, September 21 at 9:40 am, but I now have a conflict. Could someone call me to reschedule? Any morning the following week would work.

    Thank you,
    Jordan Rivera
    DOB 04/12/1997
    """))

_case("personal-registrar-transcript", False, "personal_admin", history=1, note="to Jordan's alma mater, but an admin request", draft=outlook(
    "2026-09-23 10:40", A("Hollis College Registrar", "registrar@hollis.example"), "Official transcript request — Jordan Rivera, Class of 2019", """
    Hello,

    I'd like to request an official electronic transcript to be sent to the Public Policy admissions office at State University (admissions.policy@stateu.example). I submitted the online request form on September 18 but haven't received a confirmation.

    Student ID: H0192235
    Name at graduation: Jordan M. Rivera

    Thank you for your help,
    Jordan Rivera
    """, sig=None))

_case("personal-continuing-ed", False, "personal_admin", history=0, note="'I'd love to learn more about' a course", draft=gmail(
    "2026-10-26 12:20", A("Harbor CC Continuing Education", "conted@harborcc.example"), "Question about Spanish for Community Work (SPAN 140)", """
    Hi,

    I'd love to learn more about the Spanish for Community Work course (SPAN 140) starting in January. Is it a good fit for someone at an intermediate level who mostly needs conversational Spanish for door-to-door outreach? And is there a payment plan?

    Thanks,
    Jordan Rivera
    """, sig=None))

_case("personal-self-resume", False, "personal_admin", history=30, note="to Jordan's own other address", draft=gmail(
    "2026-10-04 23:15", ME_ALT, "resume v7 + cover letter template", """
    for printing at the library tomorrow
    """, sig=None, attach=[pdf("Rivera_Resume_v7.pdf"), docx("cover_letter_template.docx")]))

_case("personal-self-networking-list", False, "personal_admin", history=31,
      note="note to self listing people to ask for 20 minutes; sent to no one else", draft=apple(
    "2026-10-17 23:50", ME, "people to reach out to", """
    - Marisol: ask re session hiring, intros?
    - Dr. Tanaka: follow up if nothing by 10/25
    - Lan Nguyen (Hollis mag profile): ask for 20 min, ask about her path
    - Monique Baptiste: long email?? or short
    - Ask Dana for intro to Grace in the Alvarez office

    Remember: ask about THEIR path, not for a job!!
    """, frm=ME_ALT))

# ============================================================================================
# Not networking: thank-you notes after a conversation that already happened
# ============================================================================================

_case("thanks-luis-after-coffee", False, "thanks", history=12, replies_to="logistics-thursday-3pm-cafe",
      note="thank-you after the coffee, threaded into the conversation that began with core-mentor-luis-coffee", draft=apple(
    "2026-09-17 19:15", LUIS, "Re: pick your brain?", """
    Thank you again for today, Luis. Seriously. I've been thinking about what you said about picking a fight I'd want to lose sleep over. I'll let you know what I hear back from the Local 221 folks. Next coffee is on me for real.
    """, quote=own("logistics-thursday-3pm-cafe"), refs=thread("logistics-thursday-3pm-cafe")))

_case("thanks-sam-after-zoom", False, "thanks", history=4, replies_to="logistics-zoom-link",
      note="thank-you after the call, threaded into the introduction thread", draft=gmail(
    "2026-10-06 14:30", SAM, "Re: Intro: Jordan Rivera <> Sam Ortiz", """
    Hi Sam,

    Thank you so much for taking the time to talk this morning. Your advice about starting with the coalition's legislative working group as a volunteer — and about writing testimony that tells a story rather than reciting data — was incredibly helpful.

    I'll reach out to Grace O'Neill as you suggested and keep you posted on how things go. And please let me know if there's ever anything I can do for the coalition.

    Gratefully,
    Jordan
    """, quote=own("logistics-zoom-link"), refs=thread("logistics-zoom-link")))

_case("thanks-marisol-after-call", False, "thanks", history=11, replies_to="core-marisol-chief-of-staff",
      note="thank-you after the call, in the thread of the original request", draft=outlook(
    "2026-10-08 17:20", MARISOL, "RE: Catching up + a question about legislative work", """
    Marisol,

    Thank you for making time today, especially in the middle of interim hearings. It was so good to catch up, and your advice to apply for the session-only aide positions as a foot in the door is exactly the kind of thing I wouldn't have known.

    I'll send you my résumé tonight as you suggested, and thank you in advance for passing it along to the caucus staff director.

    With gratitude,
    Jordan
    """, sig=None, quote=Quote("Marisol Vega", MARISOL.addr_spec, when("2026-10-01 13:05"), textwrap.dedent("""\
    Jordan! So great to hear from you, and thank you for the kind words. Let's talk -- how's Thursday 10/8 at noon? I'll call your cell.

    Marisol Vega
    Chief of Staff, Office of Senator Whitaker"""), subject="RE: Catching up + a question about legislative work"),
    refs=thread("core-marisol-chief-of-staff", ext_mid("outlook", "marisol-yes"))))

_case("thanks-imani-unthreaded", False, "thanks", history=4,
      note="a new, unthreaded message, but a thank-you after the call that happened yesterday", draft=gmail(
    "2026-10-16 17:05", A("Dr. Imani Carter", IMANI.addr_spec), "Thank you!", """
    Dr. Carter,

    Thank you for taking the time to talk with me yesterday. I've already started reading the two reports you recommended, and your advice about learning the utility commission process inside and out is going to shape my next few months.

    I'm so grateful for your generosity with your time. I hope our paths cross again soon — I'll be at the Lab's December community forum.

    Warmly,
    Jordan
    """))

# --------------------------------------------------------------------------------------------

CASES: tuple[SentCase, ...] = tuple(_ALL)
_BY_ID = {c.id: c for c in CASES}


def by_id(case_id: str) -> SentCase:
    """The case with this id (KeyError if there is none)."""
    return _BY_ID[case_id]


def _check() -> None:
    """Cheap structural checks, run at import so a broken edit fails loudly."""
    assert len(_BY_ID) == len(CASES), "duplicate case ids"
    seen_mids: dict[str, str] = {}
    index = {c.id: i for i, c in enumerate(CASES)}
    for i, c in enumerate(CASES):
        if c.networking:
            assert c.category in NETWORKING_CATEGORIES, (c.id, c.category)
        else:
            assert c.category in OTHER_CATEGORIES, (c.id, c.category)
        assert (c.category == "follow_up") <= (c.replies_to is not None), c.id
        assert b"\n" not in c.raw.replace(b"\r\n", b""), f"{c.id}: bare LF"
        msg = email.message_from_bytes(c.raw, policy=policy.default)
        assert not msg.defects, (c.id, msg.defects)
        for name, value in msg.items():
            assert not value.defects, (c.id, name, value.defects)
        mid = msg["Message-ID"]
        assert mid not in seen_mids, (c.id, seen_mids.get(mid))
        seen_mids[mid] = c.id
        assert str(msg["From"]).endswith(("<jordan@example.org>", "<j.rivera@example.net>")), c.id
        d = msg["Date"].datetime
        assert datetime(2026, 9, 1, tzinfo=timezone.utc) <= d <= datetime(2026, 11, 21, tzinfo=timezone.utc), c.id
        if c.replies_to is not None:
            assert index[c.replies_to] < i, c.id
            parent = _mid_of(c.replies_to)
            assert parent in str(msg["References"]).split(), (c.id, c.replies_to)


def _mid_of(case_id: str) -> str:
    return _SENT[case_id].mid


_check()
