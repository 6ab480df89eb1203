"""Held-out labelled corpus: one job seeker's Sent folder, written as raw messages.

The mailbox belongs to Priya Raman <priya.raman@example.com> (also praman@example.net), 34, an
8th-grade U.S. history and civics teacher at Hamilton Middle School in Riverside and the teachers'
union (REA) building rep there. This is her last year in the classroom: she is looking at
education policy, immigrant-rights organizing and a state legislator's office, and applying to jobs
at the same time. She rents (unit 2R, 418 Linden St.) with her partner Jonah, has a sister (Anjali),
a brother (Karthik), parents who email, a book club and a Wednesday-night climbing crew.

This corpus was written independently of the classifier and of the other sent-folder corpus, as a
held-out measure. Labels say what a careful human would want: ``networking`` is True for outreach
she would want followed up if it went unanswered (asking someone for a conversation, advice or
introductions about their work or career path), and for her own follow-ups in those threads.

Clients: Gmail web for priya.raman@example.com (multipart/alternative, quoted-printable),
Outlook desktop for praman@example.net (Word HTML, ``From:/Sent:`` quote headers, ``RE:``),
Apple Mail on iPhone and Mac (text/plain, format=flowed). Only standard-library code.
"""

import base64
import hashlib
import html
import re
import textwrap
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email import quoprimime


@dataclass(frozen=True)
class SentCase:
    id: str                 # short unique slug
    networking: bool        # True: networking outreach, or her own follow-up in such a thread
    category: str           # see the module docstring and the brief
    raw: bytes              # the whole message as her mail client wrote it to Sent (RFC 5322, CRLF)
    history: int = 0        # earlier messages exchanged with the main To recipient over the past year
    replies_to: str | None = None  # id of an earlier case whose thread this message replies in
    note: str = ""


NETWORKING_CATEGORIES = frozenset({"core", "extended", "shared", "cold", "intro", "follow_up"})

# --------------------------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------------------------

ME_COM = ("Priya Raman", "priya.raman@example.com")
ME_NET = ("Priya Raman", "praman@example.net")

DENISE = ("Denise Whitfield", "dwhitfield@example.org")
RUTH = ("Ruth Okonkwo", "ruth.okonkwo@stateu.example")
RUTH_OUTLOOK = ("Okonkwo, Ruth", "ruth.okonkwo@stateu.example")
GLORIA = ("Gloria Mendez", "gloria.mendez@example.net")
FRANK = ("Frank DiSalvo", "frank.disalvo@example.net")
TASHA = ("Tasha Greene", "tasha.greene@example.com")
RAFAEL = ("Rafael Ortega", "rafael.ortega@doe.state.example")
LAN = ("Nguyễn Thị Lan", "lan.nguyen@rrr.example.org")
IMANI = ("Imani Carter", "icarter@citycouncil.example.org")
MARCUS = ("Marcus Bell", "marcus.bell@senate.state.example")
DOLORES = ("Dolores Fuentes", "dfuentes@ifcoalition.example.org")
KENJI = ("Kenji Watanabe", "kenji.w@example.com")
RENEE = ("Renée Castellanos", "renee.castellanos@doe.state.example")
ORTIZ = ("Samuel Ortiz", "sortiz@equitycenter.example.org")
JORDAN = ("Jordan Pike", "jpike@fairfundsproject.example.org")
LEAH = ("Leah Goldfarb", "leah.goldfarb@learningpolicy.example.org")
BRANDON = ("Brandon Hayes", "bhayes@commonwealthinstitute.example.org")
KAVITHA = ("Kavitha Subramanian", "ksubramanian@immlegal.example.org")
MARISOL = ("Marisol Quintero-Baptiste", "mquintero@house.state.example")
DANIELA = ("Daniela Soto", "dsoto@house.state.example")
MINJUN = ("김민준", "minjun.kim@kaccenter.example.org")
DARNELL = ("Darnell Price", "dprice@stateea.example.org")
JOSE = ("José Martínez-Ruiz", "jmartinezruiz@nuestravoz.example.org")
PETER = ("Peter Lindgren", "peter.lindgren@house.state.example")
MIRA = ("Mira Adebayo", "madebayo@policyresearch.example.org")
BEN = ("Ben Whitaker", "ben@statehousedesk.example")
FARAH = ("Farah Haddad", "fhaddad@newamericans.state.example")
TYLER = ("Tyler Brooks", "tyler.brooks@example.com")
ASA = ("Åsa Lindqvist", "asa.lindqvist@senate.state.example")

JONAH = ("Jonah Feld", "jonah.feld@example.com")
ANJALI = ("Anjali Raman-Cole", "anjali.rc@example.com")
KARTHIK = ("Karthik Raman", "karthik.raman@example.net")
AMMA = ("Lakshmi Raman", "lakshmi.raman@example.net")
APPA = ("Suresh Raman", "suresh.raman56@example.net")
KEISHA = ("Keisha Brandt", "keisha.brandt@example.com")
SOFIA = ("Sofia Reyes", "sofia.reyes@example.com")
CAMILLE = ("Camille Beaumont", "camille.beaumont@example.org")
DEV = ("Dev Patel", "devpatel.climbs@example.net")
INES = ("Inés Carvalho", "ines.carvalho@example.org")
HANNAH = ("Hannah Cho", "hannah.cho@example.com")
BEA = ("Bea Olufemi", "bea.olufemi@example.net")
DEEPA = ("Deepa Krishnan", "deepak.reads@example.com")
MARGUERITE = ("Marguerite Lyle", "mlyle@example.org")
RACHEL = ("Rachel Stein", "rachel.stein@example.com")

DENNIS = ("Dennis Kowalski", "dkowalski@example.net")
LEASING = ("Crestline Leasing", "leasing@crestline-pm.example")
MAINTENANCE = ("Crestline Maintenance", "maintenance@crestline-pm.example")
PRINTSHOP = ("QuickPrint Riverside", "orders@quickprint-riverside.example")
RESOLE = ("Rock Doctor Resoling", "info@rockdoctor.example")
HEADSHOTS = ("Marta Olsen | Lens & Light Studio", "hello@lenslight.example")
JOBBOARD_HELP = ("Public Service Jobs Support", "help@publicservicejobs.example")
GYM_SUPPORT = ("Gravity Works Member Services", "support@gravityworks.example")
NAOMI = ("Naomi Carrington", "ncarrington@fairschoolfunding.example.org")
TESSA = ("Tessa Morgan", "tmorgan@fairschoolfunding.example.org")
SENATE_JOBS = ("Senate Democratic Caucus - Jobs", "jobs@senatedems.state.example")
HIREBRIDGE = ("Lakeshore Education Fund via HireBridge", "reply+c8d21f7a04@candidates.hirebridge.example")
OMAR = ("Omar Siddiqui", "osiddiqui@ifcoalition.example.org")
FELLOWS = ("Statehouse Fellows Program", "fellowship@legis.state.example")
BRIANNA = ("Brianna Holt", "brianna.holt@learnloop.example")
GREG = ("Gregory Tan", "gtan@civicsearchpartners.example")
ALANA = ("Alana Whitford", "awhitford@missiontalent.example")
ESL_LIST = ("Nuestra Voz ESL Volunteers", "esl-volunteers@lists.nuestravoz.example.org")
TRANSITION_LIST = ("Teachers in Transition", "teachers-in-transition@groups.example.org")
CHALKBOARD = ("The Chalkboard Brief", "editor@chalkboardbrief.example")
PIJ_WEEKLY = ("Public Interest Jobs Weekly", "editor@pijobsweekly.example")
CARLA = ("Carla Boateng", "cboateng@rea-local.example.org")
HAMILTON_LIST = ("Hamilton REA Members", "hamilton-members@lists.rea-local.example.org")
MIKE = ("Mike Dunleavy", "mdunleavy@stateea.example.org")
ROSA = ("Rosa Albright", "rosa.albright@example.com")
ELI = ("Eli Navarro", "eli.navarro@stateu.example")
DENTIST = ("Bright Smile Dental", "frontdesk@brightsmiledental.example")
BENEFITS = ("RUSD Benefits Office", "benefits@riversideusd.example.org")
SEA_CAREERS = ("SEA Careers", "careers@stateea.example.org")

SIG_GMAIL = "Priya Raman (she/her)\n(555) 014-2290"
SIG_UNION = (
    "Priya Raman | she/her\n"
    "Building Representative, Hamilton Middle School\n"
    "Riverside Education Association\n"
    "Cell: 555-014-2290"
)
SIG_OUTLOOK = "Priya Raman (she/her)\n8th Grade U.S. History & Civics | Hamilton Middle School\n555-014-2290"
SIG_SHORT = "Priya Raman\n555-014-2290"

# --------------------------------------------------------------------------------------------
# Builders (standard library only)
# --------------------------------------------------------------------------------------------

_EDT = timezone(timedelta(hours=-4))
_EST = timezone(timedelta(hours=-5))
_MY_EXCHANGE_SERVER = "SA1PR17MB6214"
_SENT: dict[str, dict] = {}
_CASES: list[SentCase] = []


def _h(seed: str) -> bytes:
    return hashlib.sha256(seed.encode("utf-8")).digest()


def _when(stamp: str, seed: str = "") -> datetime:
    """Local time in Riverside (US Eastern); seconds are derived from the seed."""
    naive = datetime.strptime(stamp, "%Y-%m-%d %H:%M").replace(second=_h("sec" + seed)[0] % 60)
    tz = _EST if naive >= datetime(2026, 11, 1, 2, 0) else _EDT
    return naive.replace(tzinfo=tz)


def _date_header(dt: datetime, utc: bool = False) -> str:
    if utc:
        dt = dt.astimezone(timezone.utc)
    return f"{dt:%a}, {dt.day} {dt:%b} {dt.year} {dt:%H:%M:%S} {dt:%z}"


def _clock(dt: datetime, sep: str = " ") -> str:
    hour = dt.hour % 12 or 12
    return f"{hour}:{dt.minute:02d}{sep}{'AM' if dt.hour < 12 else 'PM'}"


# ---- Message-IDs -----------------------------------------------------------------------------

def _gmail_mid(seed: str) -> str:
    blob = base64.b64encode(_h("gmail" + seed) + _h("gmail2" + seed)[:9]).decode()
    blob = blob.replace("/", "_").rstrip("=")
    lead = "ABCDEFGHJKLMNOP"[_h("lead" + seed)[0] % 15]
    return f"<CA{lead}{blob[:49]}@mail.gmail.com>"


def _outlook_mid(seed: str, server: str | None = None) -> str:
    d = _h("outlook" + seed)
    if server is None:
        prefix = ["BN", "SA", "DM", "PH", "CH", "MN", "BL", "SN", "CY", "MW"][d[0] % 10]
        server = f"{prefix}{d[1] % 8 + 1}PR{10 + d[2] % 10}MB{1000 + int.from_bytes(d[3:5], 'big') % 9000}"
    region = "namprd" + server[server.index("PR") + 2:server.index("MB")]
    return f"<{server}{d[5:22].hex().upper()}@{server}.{region}.prod.outlook.com>"


def _apple_mid(seed: str, domain: str) -> str:
    u = uuid.UUID(bytes=_h("apple" + seed)[:16], version=4)
    return f"<{str(u).upper()}@{domain}>"


def _list_mid(seed: str, domain: str, stamp: str) -> str:
    ts = datetime.strptime(stamp, "%Y-%m-%d %H:%M").strftime("%Y%m%d%H%M%S")
    return f"<{ts}.{_h('list' + seed)[:6].hex()}@{domain}>"


# ---- headers ---------------------------------------------------------------------------------

def _qchar(ch: str) -> str:
    out = []
    for b in ch.encode("utf-8"):
        c = chr(b)
        if c.isascii() and (c.isalnum() or c in "!*+-/"):
            out.append(c)
        elif c == " ":
            out.append("_")
        else:
            out.append(f"={b:02X}")
    return "".join(out)


def _encoded_words(text: str, charset: str, enc: str) -> str:
    def word(chunk: str) -> str:
        if enc == "B":
            return f"=?{charset}?B?{base64.b64encode(chunk.encode('utf-8')).decode()}?="
        return f"=?{charset}?Q?{''.join(_qchar(c) for c in chunk)}?="

    words, cur = [], ""
    for ch in text:
        if cur and len(word(cur + ch)) > 75:
            words.append(word(cur))
            cur = ch
        else:
            cur += ch
    if cur:
        words.append(word(cur))
    return " ".join(words)


_STYLE = {
    # client: (charset label, encoding for names, encoding for subjects)
    "gmail": ("UTF-8", "B", "Q"),
    "outlook": ("utf-8", "B", "B"),
    "iphone": ("utf-8", "Q", "Q"),
    "mac": ("utf-8", "Q", "Q"),
}


def _addr(person: tuple[str, str], client: str = "gmail") -> str:
    name, address = person
    if not name:
        return f"<{address}>" if client == "gmail" else address
    if not name.isascii():
        charset, enc, _ = _STYLE[client]
        return f"{_encoded_words(name, charset, enc)} <{address}>"
    if any(c in name for c in ',.;:@()<>[]"|&'):
        return f'"{name}" <{address}>'
    return f"{name} <{address}>"


def _addrs(people, client: str) -> str:
    return ", ".join(_addr(p, client) for p in people)


def _subject_value(subject: str, client: str) -> str:
    if subject.isascii():
        return subject
    charset, _, enc = _STYLE[client]
    return _encoded_words(subject, charset, enc)


def _split_ws(value: str) -> list[str]:
    out, cur, quoted = [], "", False
    for ch in value:
        if ch == '"':
            quoted = not quoted
        if ch == " " and not quoted:
            if cur:
                out.append(cur)
            cur = ""
        else:
            cur += ch
    if cur:
        out.append(cur)
    return out


def _fold(name: str, value: str) -> str:
    if value == "":
        return f"{name}:"
    start = f"{name}:"
    lines, cur = [], start
    for tok in _split_ws(value):
        if cur != start and len(cur) + 1 + len(tok) > 78:
            lines.append(cur)
            cur = " " + tok
        else:
            cur += " " + tok
    lines.append(cur)
    return "\r\n".join(lines)


def _header_block(pairs) -> str:
    return "\r\n".join(_fold(n, v) for n, v in pairs if v is not None)


# ---- bodies ----------------------------------------------------------------------------------

def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def _needs_qp(text: str) -> bool:
    return not text.isascii() or any(len(line) > 76 for line in text.split("\n"))


def _qp(text: str) -> str:
    encoded = quoprimime.body_encode(text.encode("utf-8").decode("latin-1"), maxlinelen=76, eol="\r\n")
    return encoded if encoded.endswith("\r\n") else encoded + "\r\n"


def _flowed(text: str, width: int = 72) -> str:
    """RFC 3676 format=flowed: soft-wrapped lines end in a space."""
    out = []
    for line in text.split("\n"):
        if line == "-- ":
            out.append(line)
            continue
        m = re.match(r"^((?:> ?)+)", line)
        depth = m.group(1).count(">") if m else 0
        content = line[len(m.group(1)):] if m else line
        prefix = ">" * depth + (" " if depth else "")
        if content.startswith(" ") or content.startswith("From "):
            content = " " + content
        if not content.strip():
            out.append(">" * depth)
            continue
        pieces = textwrap.wrap(content, width - len(prefix), break_long_words=False,
                               break_on_hyphens=False, drop_whitespace=True) or [content]
        for i, piece in enumerate(pieces):
            out.append(prefix + piece + (" " if i < len(pieces) - 1 else ""))
    return "\n".join(out)


def _html_gmail_lines(text: str) -> str:
    lines = text.split("\n")
    out, i = [], 0
    while i < len(lines):
        if lines[i].startswith(">"):
            j = i
            while j < len(lines) and lines[j].startswith(">"):
                j += 1
            inner = "\n".join(re.sub(r"^> ?", "", ln) for ln in lines[i:j])
            out.append('<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid '
                       'rgb(204,204,204);padding-left:1ex">' + _html_gmail_lines(inner) + "</blockquote>")
            i = j
            continue
        out.append("<div>" + (html.escape(lines[i], quote=False) or "<br>") + "</div>")
        i += 1
    return "".join(out)


def _html_outlook_lines(text: str) -> str:
    out = []
    for line in text.split("\n"):
        if line.strip():
            out.append(f'<p class="MsoNormal">{html.escape(line, quote=False)}<o:p></o:p></p>')
        else:
            out.append('<p class="MsoNormal"><o:p>&nbsp;</o:p></p>')
    return "\r\n".join(out)


_OUTLOOK_HEAD = """\
<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" \
xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" \
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta name="Generator" content="Microsoft Word 15 (filtered medium)">
<style><!--
/* Font Definitions */
@font-face
  {font-family:"Cambria Math";
  panose-1:2 4 5 3 5 4 6 3 2 4;}
@font-face
  {font-family:Aptos;}
/* Style Definitions */
p.MsoNormal, li.MsoNormal, div.MsoNormal
  {margin:0in;
  font-size:12.0pt;
  font-family:"Aptos",sans-serif;
  mso-ligatures:standardcontextual;}
a:link, span.MsoHyperlink
  {mso-style-priority:99;
  color:#467886;
  text-decoration:underline;}
span.EmailStyle19
  {mso-style-type:personal-reply;
  font-family:"Aptos",sans-serif;
  color:windowtext;}
.MsoChpDefault
  {mso-style-type:export-only;
  font-size:10.0pt;
  mso-ligatures:none;}
@page WordSection1
  {size:8.5in 11.0in;
  margin:1.0in 1.0in 1.0in 1.0in;}
div.WordSection1
  {page:WordSection1;}
--></style><!--[if gte mso 9]><xml>
<o:shapedefaults v:ext="edit" spidmax="1026" />
</xml><![endif]--><!--[if gte mso 9]><xml>
<o:shapelayout v:ext="edit">
<o:idmap v:ext="edit" data="1" />
</o:shapelayout></xml><![endif]-->
</head>
<body lang="EN-US" link="#467886" vlink="#96607D" style="word-wrap:break-word">
<div class="WordSection1">
"""


def _fake_pdf(filename: str, seed: str) -> bytes:
    filler = hashlib.sha256(("pdf" + seed + filename).encode()).hexdigest()
    text = (
        "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"
        f"<< /Title ({filename[:-4]}) /Producer (Skia/PDF m128 Google Docs Renderer) >>\nendobj\n"
        f"% {filler}\n% {filler[::-1]}\ntrailer\n<< /Info 1 0 R >>\n%%EOF\n"
    )
    return text.encode("latin-1")


def _b64_lines(data: bytes) -> str:
    return base64.encodebytes(data).decode("ascii").replace("\n", "\r\n")


def _their(who, when, text, *, to=(ME_COM,), cc=(), subject=""):
    """A message someone else wrote, as it will appear quoted."""
    return {"who": who, "when": when, "text": text.rstrip("\n"), "to": list(to), "cc": list(cc),
            "subject": subject}


def _own(case_id: str) -> dict:
    """One of her earlier messages in this corpus, as it will appear quoted."""
    s = _SENT[case_id]
    return {"who": s["frm"], "when": s["when"], "text": s["plain"], "to": s["to"], "cc": s["cc"],
            "subject": s["subject"]}


def _resolve(ref: str) -> str:
    return ref if ref.startswith("<") else _SENT[ref]["mid"]


def _thread_index(self_mid: str, refs: list[str]) -> str:
    root = refs[0] if refs else self_mid
    raw = b"\x01\x01\xdd" + _h("ti" + root)[:19]
    for mid in [*refs[1:], self_mid] if refs else []:
        raw += _h("lvl" + mid)[:5]
    return base64.b64encode(raw).decode()


def _quote_gmail(q: dict) -> tuple[str, str]:
    dt = _when(q["when"], q["text"][:40])
    name, address = q["who"]
    attr = f"On {dt:%a}, {dt:%b} {dt.day}, {dt.year} at {_clock(dt, chr(0x202F))} {name} <{address}> wrote:"
    quoted = "\n".join(("> " + ln) if ln else ">" for ln in q["text"].split("\n"))
    plain = f"{attr}\n\n{quoted}"
    body_html = _html_gmail_lines(q["text"])
    markup = (
        '<div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">'
        f"{html.escape(attr, quote=False)}<br></div>"
        '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid '
        f'rgb(204,204,204);padding-left:1ex">{body_html}</blockquote></div>'
    )
    return plain, markup


def _forward_gmail(f: dict) -> tuple[str, str]:
    dt = _when(f["when"], f["text"][:40])
    name, address = f["who"]
    date_txt = f"{dt:%a}, {dt:%b} {dt.day}, {dt.year} at {_clock(dt, chr(0x202F))}"
    to_txt = ", ".join(f"{n} <{a}>" if n else f"<{a}>" for n, a in f["to"])
    plain = (
        "---------- Forwarded message ---------\n"
        f"From: {name} <{address}>\nDate: {date_txt}\nSubject: {f['subject']}\nTo: {to_txt}\n\n\n{f['text']}"
    )
    markup = (
        '<div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">'
        "---------- Forwarded message ---------<br>"
        f'From: <strong class="gmail_sendername" dir="auto">{html.escape(name)}</strong> '
        f'<span dir="auto">&lt;{address}&gt;</span><br>'
        f"Date: {html.escape(date_txt)}<br>Subject: {html.escape(f['subject'])}<br>"
        f"To: {html.escape(to_txt)}<br></div><br><br>{_html_gmail_lines(f['text'])}</div>"
    )
    return plain, markup


def _outlook_quote_header(q: dict) -> list[tuple[str, str]]:
    dt = _when(q["when"], q["text"][:40])
    sent = f"{dt:%A}, {dt:%B} {dt.day}, {dt.year} {_clock(dt)}"
    rows = [("From", f"{q['who'][0]} <{q['who'][1]}>"), ("Sent", sent),
            ("To", "; ".join(f"{n} <{a}>" if n else a for n, a in q["to"]))]
    if q["cc"]:
        rows.append(("Cc", "; ".join(f"{n} <{a}>" if n else a for n, a in q["cc"])))
    rows.append(("Subject", q["subject"]))
    return rows


def _attachment_part(client: str, filename: str, seed: str) -> str:
    data = _fake_pdf(filename, seed)
    if client == "gmail":
        att_id = "f_m" + _h("att" + seed + filename)[:5].hex()[:9]
        head = [
            ("Content-Type", f'application/pdf; name="{filename}"'),
            ("Content-Disposition", f'attachment; filename="{filename}"'),
            ("Content-Transfer-Encoding", "base64"),
            ("Content-ID", f"<{att_id}>"),
            ("X-Attachment-Id", att_id),
        ]
    else:
        head = [
            ("Content-Type", f'application/pdf; name="{filename}"'),
            ("Content-Description", filename),
            ("Content-Disposition", f'attachment; filename="{filename}"; size={len(data)}'),
            ("Content-Transfer-Encoding", "base64"),
        ]
    return _header_block(head) + "\r\n\r\n" + _b64_lines(data)


def _text_part(content_type: str, text: str, always_qp: bool = False) -> str:
    if always_qp or _needs_qp(text):
        return _header_block([("Content-Type", content_type),
                              ("Content-Transfer-Encoding", "quoted-printable")]) + "\r\n\r\n" + _qp(text)
    return _header_block([("Content-Type", content_type)]) + "\r\n\r\n" + _crlf(text) + "\r\n"


def _multipart(boundary: str, parts: list[str]) -> str:
    out = ""
    for part in parts:
        out += f"--{boundary}\r\n{part}"
        if not part.endswith("\r\n"):
            out += "\r\n"
    return out + f"--{boundary}--\r\n"


def _compose(cid, client, *, when, to, subject, body, frm=None, cc=(), bcc=(), sig=None, refs=(),
             quote=None, forward=None, attach=()):
    frm = frm or (ME_NET if client == "outlook" else ME_COM)
    dt = _when(when, cid)
    refs = [_resolve(r) for r in refs]
    body = body.rstrip("\n")
    domain = frm[1].split("@")[1]

    if client == "gmail":
        mid = _gmail_mid(cid)
    elif client == "outlook":
        mid = _outlook_mid(cid, _MY_EXCHANGE_SERVER)
    else:
        mid = _apple_mid(cid, domain)

    ref_headers = [("References", " ".join(refs) if refs else None),
                   ("In-Reply-To", refs[-1] if refs else None)]
    subj = _subject_value(subject, client)

    if client == "gmail":
        plain = body
        markup = '<div dir="ltr">' + _html_gmail_lines(body)
        if sig:
            plain += "\n\n-- \n" + sig
            sig_html = "<div>".join(html.escape(s, quote=False) for s in sig.split("\n"))
            sig_html += "</div>" * (sig.count("\n"))
            markup += ('<div><br clear="all"></div><div><br></div><span class="gmail_signature_prefix">-- '
                       '</span><br><div dir="ltr" class="gmail_signature" data-smartmail="gmail_signature">'
                       f'<div dir="ltr">{sig_html}</div></div>')
        markup += "</div>"
        if forward:
            p, m = _forward_gmail(forward)
            plain += "\n\n" + p
            markup += "<br>" + m
        if quote:
            p, m = _quote_gmail(quote)
            plain += "\n\n" + p
            markup += "<br>" + m
        markup += "\n"
        bnd = "000000000000" + _h("bnd" + cid)[:8].hex()
        alt = _multipart(bnd, [
            _text_part('text/plain; charset="UTF-8"', plain),
            _text_part('text/html; charset="UTF-8"', markup),
        ])
        if attach:
            mixed = "000000000000" + _h("mix" + cid)[:8].hex()
            parts = [f'Content-Type: multipart/alternative; boundary="{bnd}"\r\n\r\n{alt}']
            parts += [_attachment_part(client, name, cid) for name in attach]
            top_ct, payload = f'multipart/mixed; boundary="{mixed}"', _multipart(mixed, parts)
        else:
            top_ct, payload = f'multipart/alternative; boundary="{bnd}"', alt
        headers = [
            ("MIME-Version", "1.0"),
            ("Date", _date_header(dt)),
            *ref_headers,
            ("Message-ID", mid),
            ("Subject", subj),
            ("From", _addr(frm, client)),
            ("To", _addrs(to, client)),
            ("Cc", _addrs(cc, client) if cc else None),
            ("Bcc", _addrs(bcc, client) if bcc else None),
            ("Content-Type", top_ct),
        ]

    elif client == "outlook":
        plain = body + ("\n\n" + sig if sig else "")
        markup = _OUTLOOK_HEAD + _html_outlook_lines(body) + "\r\n"
        if sig:
            markup += '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\r\n'
            for i, line in enumerate(sig.split("\n")):
                style = "font-size:10.0pt;color:#595959" if i else "font-size:11.0pt;font-weight:bold"
                markup += (f'<p class="MsoNormal"><span style="{style}">{html.escape(line, quote=False)}'
                           "<o:p></o:p></span></p>\r\n")
        if quote:
            rows = _outlook_quote_header(quote)
            plain += "\n\n" + "\n".join(f"{k}: {v}" for k, v in rows) + "\n\n" + quote["text"]
            cells = "<br>\r\n".join(f"<b>{k}:</b> {html.escape(v, quote=False)}" for k, v in rows)
            markup += ('<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\r\n<div id="mail-editor-reference-message-'
                       'container"><div>\r\n<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt '
                       f'0in 0in 0in">\r\n<p class="MsoNormal">{cells}<o:p></o:p></p>\r\n</div>\r\n</div>\r\n'
                       '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\r\n'
                       + _html_outlook_lines(quote["text"]) + "\r\n</div>\r\n")
        markup += "</div>\r\n</body>\r\n</html>\r\n"
        local = mid[1:-1].replace("@", "").replace(".", "")
        bnd = f"_000_{local[:70]}_"
        alt = _multipart(bnd, [
            _text_part('text/plain; charset="utf-8"', plain, always_qp=True),
            _text_part('text/html; charset="utf-8"', markup, always_qp=True),
        ])
        if attach:
            mixed = f"_004_{local[:70]}_"
            parts = [f'Content-Type: multipart/alternative;\r\n\tboundary="{bnd}"\r\n\r\n{alt}']
            parts += [_attachment_part(client, name, cid) for name in attach]
            top_ct, payload = f'multipart/mixed; boundary="{mixed}"', _multipart(mixed, parts)
        else:
            top_ct, payload = f'multipart/alternative; boundary="{bnd}"', alt
        topic = re.sub(r"^(?:(?:RE|FW|Re|Fwd|Fw):\s*)+", "", subject)
        headers = [
            ("From", _addr(frm, client)),
            ("To", _addrs(to, client)),
            ("CC", _addrs(cc, client) if cc else None),
            ("BCC", _addrs(bcc, client) if bcc else None),
            ("Subject", subj),
            ("Thread-Topic", _subject_value(topic, client)),
            ("Thread-Index", _thread_index(mid, refs)),
            ("Date", _date_header(dt, utc=True)),
            ("Message-ID", mid),
            *ref_headers,
            ("Accept-Language", "en-US"),
            ("Content-Language", "en-US"),
            ("X-MS-Has-Attach", "yes" if attach else ""),
            ("X-MS-TNEF-Correlator", ""),
            ("Content-Type", top_ct),
            ("MIME-Version", "1.0"),
        ]

    else:  # Apple Mail: iPhone or Mac, plain text, format=flowed
        plain = body
        if client == "iphone":
            plain += "\n\nSent from my iPhone"
        elif sig:
            plain += "\n\n" + sig
        if forward:
            raise ValueError("Apple forwards are not used in this corpus")
        if quote:
            qdt = _when(quote["when"], quote["text"][:40])
            attr = (f"On {qdt:%b} {qdt.day}, {qdt.year}, at {_clock(qdt)}, {quote['who'][0]} "
                    f"<{quote['who'][1]}> wrote:")
            quoted = "\n".join(("> " + ln) if ln else ">" for ln in quote["text"].split("\n"))
            if client == "iphone":
                plain += f"\n\n> {attr}\n>\n{quoted}"
            else:
                plain += f"\n\n{attr}\n\n{quoted}"
        flowed = _flowed(plain)
        charset = "us-ascii" if flowed.isascii() else "utf-8"
        if _needs_qp(flowed):
            cte, payload = "quoted-printable", _qp(flowed)
        else:
            cte, payload = "7bit", _crlf(flowed) + "\r\n"
        ctype = f"text/plain; charset={charset}; format=flowed"
        if client == "iphone":
            headers = [
                ("Content-Type", ctype),
                ("Content-Transfer-Encoding", cte),
                ("From", _addr(frm, client)),
                ("Mime-Version", "1.0 (1.0)"),
                ("Date", _date_header(dt)),
                ("Subject", subj),
                ("Message-Id", mid),
                *ref_headers,
                ("Cc", _addrs(cc, client) if cc else None),
                ("To", _addrs(to, client)),
                ("X-Mailer", "iPhone Mail (23A341)"),
            ]
        else:
            headers = [
                ("From", _addr(frm, client)),
                ("Content-Type", ctype),
                ("Content-Transfer-Encoding", cte),
                ("Mime-Version", "1.0 (Mac OS X Mail 16.0 \\(3826.700.81\\))"),
                ("Subject", subj),
                ("Message-Id", mid),
                *ref_headers,
                ("Date", _date_header(dt)),
                ("Cc", _addrs(cc, client) if cc else None),
                ("To", _addrs(to, client)),
                ("X-Mailer", "Apple Mail (2.3826.700.81)"),
            ]

    _SENT[cid] = {"mid": mid, "plain": plain, "when": when, "frm": frm, "to": list(to), "cc": list(cc),
                  "subject": subject, "refs": refs}
    return (_header_block(headers) + "\r\n\r\n" + payload).encode("ascii")


def _case(cid, networking, category, *, history=0, replies_to=None, note="", **mail):
    raw = _compose(cid, **mail)
    if replies_to is not None:
        assert _SENT[replies_to]["mid"] in _SENT[cid]["refs"], cid
    _CASES.append(SentCase(id=cid, networking=networking, category=category, raw=raw, history=history,
                           replies_to=replies_to, note=note))


# Message-IDs of other people's messages that her replies thread onto (not in this corpus).
DENISE_YES = _outlook_mid("denise-yes-coffee")
DENISE_INTRO = _outlook_mid("denise-intro-rafael")
RUTH_REPLY = _outlook_mid("ruth-reply-meet")
RUTH_INTRO = _outlook_mid("ruth-intro-lan")
LAN_REPLY = _gmail_mid("lan-reply-visit")
JOSE_REPLY = _gmail_mid("jose-reply")
DANIELA_REPLY = _outlook_mid("daniela-scheduler")
MARCUS_REPLY = _outlook_mid("marcus-reply")
KEISHA_INTRO = _gmail_mid("keisha-intro-asa")
ASA_REPLY = _outlook_mid("asa-reply-lunch")
STATEHOUSE_DESK_47 = _list_mid("desk-47", "mail.statehousedesk.example", "2026-10-09 12:00")
CHALKBOARD_ISSUE = _list_mid("chalkboard-budget", "send.chalkboardbrief.example", "2026-10-22 06:00")
PIJ_ISSUE = _list_mid("pij-43", "lists.pijobsweekly.example", "2026-11-09 07:30")
ESL_LIST_POST = _list_mid("esl-oct", "lists.nuestravoz.example.org", "2026-09-25 17:10")
AMMA_DIWALI = _apple_mid("amma-diwali", "example.net")
APPA_FWD = _gmail_mid("appa-fwd-doe")
HANNAH_SEPT = _gmail_mid("hannah-bookclub-sept")
WORK_ORDER = _list_mid("wo-48213", "notify.crestline-pm.example", "2026-10-26 10:02")
TESSA_INVITE = _outlook_mid("tessa-interview-invite")
HIREBRIDGE_CONFIRM = _list_mid("hb-confirm", "candidates.hirebridge.example", "2026-10-19 22:41")
BRIANNA_PITCH = _outlook_mid("brianna-ae-pitch")
GREG_PITCH = _outlook_mid("greg-ga-search")
ALANA_PROFILE = _gmail_mid("alana-profile")
MIKE_STEP2 = _outlook_mid("mike-step2")
ELI_ASK = _gmail_mid("eli-advice")

# --------------------------------------------------------------------------------------------
# Networking: first messages
# --------------------------------------------------------------------------------------------

_case(
    "net_whitfield_core", True, "core", history=10,
    note="Former principal (history 10): asks for coffee, her read on three lanes, and introductions.",
    client="gmail", when="2026-09-06 19:42", to=[DENISE],
    subject="Advice, and maybe a few introductions?",
    sig=SIG_GMAIL,
    body="""\
Hi Denise,

I hope Eastfield is treating you well and that the first week back didn't eat you alive. I still think \
about your "no new initiatives before October" rule every September.

I wanted you to hear this from me before the rumor mill gets there: this is going to be my last year \
at Hamilton. I love these kids, but after eleven years I want to work on the decisions that land on \
our classrooms instead of just absorbing them. I'm looking at three lanes: education policy \
(state-level, ideally around English learners and newcomer students), immigrant-rights organizing, or \
a legislator's office.

You always saw the whole system from the principal's office, and you know more people at the \
Department and around the Statehouse than anyone I know. Would you have time for coffee in the next few \
weeks? I'd love your honest read on which of those lanes fits me, and, if you're comfortable, a couple \
of introductions to people I should be talking to. I know you worked with Rafael Ortega in the EL \
office on the Title III monitoring redesign.

No rush at all, I know what September is.

Thank you, truly.
Priya
""",
)

_case(
    "net_okonkwo_mentor", True, "core", history=6,
    note="Long note to her M.Ed. advisor: asks for an hour and whether there are former students to meet.",
    client="gmail", when="2026-09-10 21:15", to=[RUTH],
    subject="A career question for my favorite advisor",
    sig=SIG_GMAIL,
    body="""\
Dear Ruth,

It's been too long. I think the last time I saw you was at Jamal's defense, where you asked the \
question that made the whole room go quiet. I still tell my student teachers about your "who is this \
policy for, and who finds out last" test.

I'm writing because I'm at a crossroads and yours is the judgment I trust most. After eleven years at \
Hamilton I've decided to leave the classroom at the end of this school year. I don't want to leave \
education; I want to work on it from somewhere I can change the conditions my students walk into. The \
three directions I keep circling:

1. State education policy, especially around English learners and newcomers, either at the Department \
or at a research/advocacy organization.
2. Immigrant-rights organizing, probably focused on families and schools.
3. A state legislator's office, ideally on education or labor.

I have decent instincts about (1), but I don't know how people without a PhD or a policy master's \
actually get hired there, or whether I'd need to go back to school. I know much less about (2) and \
(3), other than that people seem to love that work and burn out of it in equal measure.

Would you be willing to meet for an hour sometime in the next month? Your office, a coffee, or a call, \
whatever is easiest for you. I'd love your honest read, and to know whether there are former students \
of yours I should be talking to.

With gratitude,
Priya

P.S. I still have the marked-up copy of my capstone. The margin note that just says "so what?" in red \
pen is on my fridge.
""",
)

_case(
    "net_mendez_lunch", True, "core", history=8,
    note="Short, warm iPhone note to her former cooperating teacher (now on the school board) asking "
         "for lunch and career advice; reads like a friend's note.",
    client="iphone", when="2026-09-13 11:20", to=[GLORIA],
    subject="Lunch?",
    body="""\
Gloria! I've been meaning to write for weeks. Can I take you to lunch sometime this month? I'm making \
some big decisions about what comes after this year and I'd really value your advice, especially now \
that you've seen the district from the board side. Any weekend works, or a weekday after 3:30.

Love,
Priya
""",
)

_case(
    "net_disalvo_fwd", True, "core", history=12,
    note="Forwarded job posting to a longtime union mentor asking who runs that shop, who to talk to "
         "before applying, and for 20 minutes of his take. Not itself an application.",
    client="gmail", when="2026-09-17 06:48", to=[FRANK],
    subject="Fwd: Now hiring: Research and Policy Analyst (Center for Public Education)",
    sig=SIG_GMAIL,
    forward=_their(
        SEA_CAREERS, "2026-09-15 10:02",
        """\
The State Education Association's Center for Public Education is hiring a Research and Policy Analyst.

The analyst will track education legislation, prepare fiscal and policy briefs for the Government \
Relations team, and support member testimony during session. Classroom experience strongly preferred.

Salary range: $68,000 to $79,000. Hybrid; based in the Capitol office.

Apply by October 9. Full posting and application: https://stateea.example.org/careers/rpa-2026
""",
        to=[("", "priya.raman@example.com")],
        subject="Now hiring: Research and Policy Analyst (Center for Public Education)",
    ),
    body="""\
Frank,

Saw this come through and thought of you, since you probably know everyone in that building. I'm \
planning to leave the classroom after this year (don't tell Carla yet, I want to tell her myself) and \
this is exactly the kind of job I'd want.

Do you know who's running the research and policy shop these days, or anyone over there I could talk \
to before I apply? I'd love to understand what they're actually looking for. And if you've got 20 \
minutes some evening, I'd love your take on whether I'd be in over my head.

Thanks, friend.
P
""",
)

_case(
    "net_greene_core", True, "core", history=15,
    note="Former co-teacher and friend who already left teaching for city government; drinks invitation "
         "whose purpose is her path and who else to meet.",
    client="gmail", when="2026-09-20 14:03", to=[TASHA],
    subject="ok you were right",
    body="""\
Tasha,

You told me two years ago I'd be right behind you out the door, and I laughed at you. Well. This is my \
last year.

I've been thinking a lot about how you made the jump to the Office of Immigrant Affairs, and I realized \
I never asked you the real questions: how you found the job, what you wish you'd known, whether you \
miss the kids, what a week actually looks like. Can I buy you a drink (or three) and ask all of them? \
I'd also love to know who else in city government you think I should meet.

Next week is wide open for me after Wednesday.

xo
P
""",
)

_case(
    "net_bell_lobbyday", True, "extended", history=0,
    note="Two lines, the day after meeting him at union lobby day.",
    client="gmail", when="2026-10-07 21:48", to=[MARCUS],
    subject="Great meeting you at Lobby Day",
    sig=SIG_GMAIL,
    body="""\
Hi Marcus, I'm the Hamilton teacher who cornered you about the EL funding weights yesterday. Would you \
have 20 minutes in the next couple of weeks to tell me how you ended up on Senator Marsh's staff? I'm \
trying to make a similar leap.
""",
)

_case(
    "net_fuentes_panel", True, "extended", history=0,
    note="Opens by thanking a panel speaker she met there, but the point is a request for a conversation.",
    client="outlook", when="2026-09-24 19:40", to=[DOLORES],
    subject="Following up from Tuesday's newcomer students panel",
    sig=SIG_OUTLOOK,
    body="""\
Dear Ms. Fuentes,

Thank you for speaking at Tuesday's REA professional development session on supporting newcomer \
students. I was the building rep from Hamilton who asked whether schools could post "know your rights" \
materials, and I've been thinking about your answer ever since.

I'm a middle school teacher, and I'm starting to explore leaving the classroom next year for organizing \
work with immigrant families. What you described about the Coalition's parent committees is very close \
to what I've been trying to do informally with families at Hamilton, and I'd love to learn more about \
how that work is structured, and how you came to it yourself.

Would you be open to a short conversation sometime in October? I'm glad to come to you, and I'm usually \
free after 3:30 on weekdays.

With thanks,
""",
)

_case(
    "net_watanabe_gym", True, "extended", history=2,
    note="Casual iPhone note to someone from the climbing crew, asking about his legislative job.",
    client="iphone", when="2026-09-27 21:03", to=[KENJI],
    subject="question from the bouldering wall",
    body="""\
Hey Kenji! It's Priya from Wednesday nights. I didn't want to ask this mid-session but Sofia mentioned \
you work at the House Democratic caucus policy office?? I'm trying to get out of teaching and into \
legislative work and would love to hear how you got that job and what it's actually like. Could I buy \
you a beer after climbing one of these weeks? No worries if not!
""",
)

_case(
    "net_castellanos_party", True, "extended", history=0,
    note="Met once at a book-club friend's party.",
    client="gmail", when="2026-10-04 18:22", to=[RENEE],
    subject="Hannah's party / the EL office",
    sig=SIG_GMAIL,
    body="""\
Hi Renée,

It was so nice to meet you at Hannah and Theo's on Saturday. I'm the one who talked your ear off about \
the new reclassification criteria by the snack table. Sorry, and also thank you for being so patient \
with it.

You mentioned your team sometimes brings on people with classroom experience for the guidance-writing \
work. I'm leaving teaching after this year and would really love to hear more about what that work \
looks like, and how you came to the Department yourself. Would you be up for coffee sometime in the \
next few weeks? I'm near the Capitol most Fridays after school.

Best,
Priya
""",
)

_case(
    "net_ortiz_noask", True, "extended", history=2,
    note="No explicit time ask: invites his thoughts on her transition 'if you ever have a few minutes'.",
    client="gmail", when="2026-09-15 20:47", to=[ORTIZ],
    subject="Your session on attendance data, and a question",
    body="""\
Dr. Ortiz,

We've met twice: at the district's data PD in March, where you walked us through the attendance \
dashboards, and briefly at Equity in Action in June, where I asked about disaggregating by years in \
U.S. schools. I've used your suggestion ever since. Our team looked at our newcomers separately for the \
first time this fall and the picture is very different.

I'm writing because I'm starting to think seriously about moving from the classroom into research and \
policy work, and your path, from teaching in Riverside to the Center, is one of the few I know of that \
looks like the one I'm hoping to take. I'd be grateful for any thoughts on what made that transition \
possible for you, or what you'd do differently, if you ever have a few minutes to share them.

Thank you for the work you do.

Priya Raman
Hamilton Middle School
""",
)

_case(
    "net_pike_wedding", True, "extended", history=0,
    note="Met once at a friend's wedding; sent from Mail on her Mac.",
    client="mac", when="2026-10-12 20:05", to=[JORDAN],
    subject="From Nadia and Sam's wedding (table 9)",
    body="""\
Hi Jordan,

We sat next to each other at Nadia and Sam's wedding in August: table 9, the one that got very \
competitive about the trivia cards. You told me about your work on school finance formulas and I've \
been meaning to write ever since.

I'm a middle school teacher planning to move into policy work next year, and I realized after talking \
with you that I know a lot about what funding decisions look like by the time they reach a classroom \
and almost nothing about how they're made. I'd love to hear more about your work and how you got into \
it, if you'd be up for a coffee or a call sometime this fall.

Hope you've recovered from the dance floor.

Priya Raman
(555) 014-2290
""",
)

_case(
    "net_goldfarb_alum", True, "shared", history=0,
    note="Found through the college alumni directory; RFC 2047 subject (curly apostrophe).",
    client="gmail", when="2026-09-29 20:55", to=[LEAH],
    subject="Ashford alum (’14) with a question about your path",
    sig=SIG_GMAIL,
    body="""\
Hi Leah,

I found you through the Ashford alumni directory. I'm class of 2014 (history major, lived in Parsons \
all four years, which I'm told is still a rite of passage). I hope it's okay to reach out out of the \
blue.

For the last eleven years I've taught middle school history in Riverside, and I'm now planning to move \
into education policy. Your path from the classroom (I saw you taught in Oakland for a few years?) to \
deputy director at the Learning Policy Collaborative is exactly the kind of move I'm trying to \
understand.

Would you be willing to share 20–30 minutes by phone or video sometime in the next few weeks? I'd love \
to hear what carried over from teaching, what you'd do differently, and whether there's anything I \
should be doing this year to set myself up well.

Thank you so much for considering it.

Best,
Priya Raman
""",
)

_case(
    "net_hayes_teacher", True, "shared", history=0,
    note="Shared background (former middle-school social studies teacher); formal Outlook message.",
    client="outlook", when="2026-10-01 19:15", to=[BRANDON],
    subject="From a (soon to be former) middle school social studies teacher",
    sig=SIG_OUTLOOK,
    body="""\
Hello Mr. Hayes,

I read your piece on civics assessment in the Commonwealth Institute's newsletter last spring and saw \
in your bio that you taught 7th and 8th grade social studies for nine years before joining the \
Institute. I'm in my eleventh year teaching 8th grade U.S. history and civics in Riverside, and I'm \
hoping to make a similar move next year.

I'd be very grateful to hear how you made the transition: what skills turned out to matter, what you \
had to learn fast, and whether there's anything you'd recommend I do this year while I'm still in the \
classroom. If you're open to it, a 20-minute phone call at your convenience would be wonderful.

Thank you for considering it, and for the piece. I used your "three questions for any civics test" in \
my department meeting.

Best regards,
""",
)

_case(
    "net_subramanian_identity", True, "shared", history=0,
    note="Shared identity (Tamil-American, daughter of immigrants); heard her speak but never met.",
    client="gmail", when="2026-10-08 21:30", to=[KAVITHA],
    subject="Hello from a fellow Tamil-American in Riverside",
    sig=SIG_GMAIL,
    body="""\
Hi Kavitha,

I hope this isn't too forward. I heard you speak on the Know Your Rights panel at the Tamil Sangam's \
Pongal celebration in January, and my mother (who has never quite forgiven me for not becoming a lawyer) \
has brought you up at least four times since.

I'm a middle school teacher in Riverside, and I'm planning to move into immigrant-rights work after \
this school year. As a kid who grew up translating at the same parent-teacher conferences I now run, \
it's the work that feels closest to home. I'd love to hear how you came to immigration law, and what \
the landscape looks like for non-lawyers who want to do this work: organizers, policy people, community \
educators.

Would you have time for a short call or a coffee in the next few weeks? I know legal work is \
relentless, so even 20 minutes would mean a lot.

Nandri,
Priya
""",
)

_case(
    "net_quintero_med", True, "shared", history=0,
    note="Same graduate program; writes to a legislator's chief of staff.",
    client="gmail", when="2026-09-22 20:40", to=[MARISOL],
    subject="Fellow State U M.Ed. grad, hoping for your advice on legislative work",
    body="""\
Dear Ms. Quintero-Baptiste,

I'm a 2016 graduate of the M.Ed. program in Curriculum and Policy at State U, a few years after you, \
and I saw in the program's alumni newsletter that you went from teaching to running Representative \
Ibarra's office. I've been teaching 8th grade in Riverside since I graduated, and I'm now looking to \
move into legislative work, ideally on education.

I'd be grateful for 20 minutes of your time to hear how you made that move and what you look for when \
you hire. I know the fall is a hard time, so I'm happy to work around your schedule or wait until \
after the election.

Thank you,
Priya Raman
(555) 014-2290
""",
)

_case(
    "net_kim_district", True, "shared", history=0,
    note="Never met; shared district (he built a family-liaison program in Riverside USD). Korean name "
         "RFC 2047-encoded in To.",
    client="outlook", when="2026-10-14 19:25", to=[MINJUN],
    subject="Riverside teacher, would love to hear about your organizing work",
    sig=SIG_OUTLOOK,
    body="""\
Hi Minjun,

We've never met, but your name comes up every time I ask anyone in Riverside USD who built the \
Korean-language family liaison program at Jefferson. I teach 8th grade history at Hamilton and I'm the \
building rep there, and I'm working toward leaving the classroom next year for organizing work with \
immigrant families.

I saw that you now lead civic engagement at the Korean American Community Center. I'd really like to \
hear how you made that switch, what you wish schools understood about the families you organize with, \
and whether there are people in the immigrant-rights coalition I should get to know.

If you're open to a phone call or coffee sometime, I'd be grateful. I'm free after 3:30 most days and \
can come to you.

Best,
""",
)

_case(
    "net_price_union", True, "shared", history=0,
    note="Union in common; sent from her union-rep Outlook with the union signature, to the same state "
         "association domain as her UniServ rep, but it is career outreach.",
    client="outlook", when="2026-10-19 20:05", to=[DARNELL],
    subject="From one building rep to another",
    sig=SIG_UNION,
    body="""\
Darnell,

I don't think we've met, but we've been in a lot of the same rooms. I've been the REA building rep at \
Hamilton Middle for four years, and I know you repped at Lincoln High in Eastfield before you went to \
Government Relations.

I'm planning to leave the classroom after this year and hoping to move into legislative work, \
ideally still on the side of educators. You've made exactly that move, and I'd love to hear how: what \
the GR team does day to day during session, what you had to learn, and whether there's any kind of \
path in for someone like me.

Would you have time for a phone call in the next few weeks? Evenings are easiest for me.

In solidarity,
""",
)

_case(
    "net_martinez_cold", True, "cold", history=0,
    note="Stranger who runs a program some of her students attend; RFC 2047 name in To.",
    client="gmail", when="2026-09-16 21:05", to=[JOSE],
    subject="A Hamilton teacher interested in Nuestra Voz's youth work",
    sig=SIG_GMAIL,
    body="""\
Dear Mr. Martínez-Ruiz,

My name is Priya Raman, and I teach 8th grade U.S. history and civics at Hamilton Middle School. \
Several of my students are in Nuestra Voz's youth leadership program, and every year they come back to \
my classroom more confident and more willing to argue with me about the Constitution, which is the \
highest compliment I can give.

I'm planning to move out of classroom teaching next year and into community organizing, and I'd love \
to learn more about how your youth programs work and how you came to lead them. Would you be open to a \
brief conversation, 20 or 30 minutes by phone or in person, at a time that works for you?

Thank you for considering it.

Sincerely,
Priya Raman
""",
)

_case(
    "fam_jonah_draft", False, "family", history=50,
    note="To her partner: asks him to proofread her draft cold email, which is pasted in full. The "
         "message itself is not outreach.",
    client="gmail", when="2026-09-27 22:30", to=[JONAH],
    subject="can you read this before I send it? (be honest)",
    body="""\
ok here's the chief of staff one. Does it sound desperate? Is "respectfully" too much? I feel like I'm \
writing to the Pope.

----

Dear Mr. Lindgren,

I'm writing to ask whether you might have 20 minutes in the coming weeks for a conversation about \
legislative staff work.

I have taught 8th grade U.S. history and civics in Riverside for eleven years and I'm my school's union \
building rep. Representative Oduya's work on the newcomer student funding amendment is a big part of \
why I'm thinking about legislative work.

I would be grateful to learn how you built your career and what you look for in staff. I can meet at \
the Capitol or talk by phone.

Respectfully,
Priya Raman

----

also we're out of coffee filters. and I'm sending it tomorrow whether you answer or not
""",
)

_case(
    "net_lindgren_cold", True, "cold", history=0,
    note="Formal cold request to a legislator's chief of staff.",
    client="outlook", when="2026-09-28 21:12", to=[PETER],
    subject="Request for a brief conversation: teacher interested in legislative staff work",
    sig=SIG_OUTLOOK,
    body="""\
Dear Mr. Lindgren,

I'm writing to ask whether you might have 20 minutes in the coming weeks for a conversation about \
legislative staff work.

I have taught 8th grade U.S. history and civics in Riverside for eleven years and serve as my school's \
union building representative. Representative Oduya's leadership on the House Education Committee, \
particularly the newcomer student funding amendment last session, is a big part of why I am \
considering a move into legislative work after this school year.

I would be grateful to learn how you built your career, what you look for in staff, and how someone \
with a classroom background can be most useful in an office like yours. I'm glad to meet at the \
Capitol or talk by phone, and I can be flexible after 3:30 on weekdays.

Thank you for your time and consideration.

Respectfully,
""",
)

_case(
    "net_adebayo_report", True, "cold", history=0,
    note="Long, specific note to a researcher whose report she read; asks for half an hour.",
    client="gmail", when="2026-10-02 21:40", to=[MIRA],
    subject="Your \"Missing Days\" report, and a teacher's questions",
    sig=SIG_GMAIL,
    body="""\
Dr. Adebayo,

I teach 8th grade at Hamilton Middle School in Riverside, where about a third of my students are in \
their first three years in U.S. schools. A colleague passed around your report, Missing Days: Chronic \
Absence Among Newcomer Students, and I've now read it twice, the second time with a highlighter.

The finding that absence spikes in the second year rather than the first matched something I've seen \
for years and never had words for. By year two the novelty and the wraparound support have both worn \
off, and older siblings get pulled into work or childcare. I was also struck by the appendix on how \
districts code students who leave mid-year. At Hamilton we've had kids disappear from our rolls in \
ways your coding scheme would catch.

I'm writing partly to say thank you and partly with a bigger ask. I'm planning to leave classroom \
teaching after this year to work in education policy, and research like yours is the kind of work I'd \
like to contribute to. Would you be willing to talk with me for half an hour about how you got into \
this field, and what kinds of roles exist on research teams for people without a doctorate? I'd be \
glad to share what we see on the ground, for whatever it's worth.

Thank you for considering it,
Priya Raman
8th Grade U.S. History & Civics, Hamilton Middle School
""",
)

_case(
    "net_whitaker_newsletter", True, "cold", history=0,
    note="A reply to a newsletter issue, but the body asks the writer for a call about his path from "
         "teaching to covering the legislature. Contrast with the newsletter_reply cases.",
    client="gmail", when="2026-10-10 09:45", to=[BEN],
    subject="Re: The Statehouse Desk #47: What's actually in SB 212",
    refs=[STATEHOUSE_DESK_47],
    sig=SIG_GMAIL,
    quote=_their(
        ("The Statehouse Desk", "ben@statehousedesk.example"), "2026-10-09 12:00",
        """\
THE STATEHOUSE DESK | Issue #47

What's actually in SB 212

SB 212 is 61 pages long, and most of the coverage has focused on the voucher provisions in Section 9. \
But the part that will matter most to districts is Section 4, which rewrites the weights for English \
learners and students in poverty...

You're receiving this because you subscribed at statehousedesk.example. Reply to this email to reach me \
directly. Unsubscribe: https://statehousedesk.example/u/9f2c
""",
        to=[("", "priya.raman@example.com")],
    ),
    body="""\
Hi Ben,

I've read the Desk since you launched it, and this issue's explainer on SB 212 is the first thing that \
made the EL weights make sense to my colleagues.

I'm hitting reply with a different kind of question: your About page says you taught high school \
English for six years before you started covering the legislature. I'm a middle school teacher trying \
to move into state policy or legislative work, and I'd love to hear how you made your switch, and how \
you think about the jobs around the Statehouse for people like us. Any chance you'd have 20 minutes \
for a call sometime this month?

Thanks for the newsletter, truly.
Priya Raman
""",
)

_case(
    "net_haddad_short", True, "cold", history=0,
    note="Short cold note with no meeting request: thanks, then asks for any advice or people to learn from.",
    client="gmail", when="2026-10-21 20:50", to=[FARAH],
    subject="A teacher's note on the newcomer family guide",
    body="""\
Dear Director Haddad,

Thank you for the Office of New Americans' family guide to enrolling in school. I've handed out more \
than a hundred copies at Hamilton this fall, in four languages. I'm a teacher hoping to move into this \
kind of work next year, and if there's ever a moment when you could share how your office's team came \
together, or who you think I should be learning from, I'd be very grateful.

With appreciation,
Priya Raman
""",
)

_case(
    "net_brooks_fellow", True, "cold", history=0,
    note="Cold note to a fellowship alum found on the program's alumni page; Mac Mail, format=flowed.",
    client="mac", when="2026-10-16 20:33", to=[TYLER],
    subject="Statehouse Fellows question",
    body="""\
Hi Tyler,

I came across your name on the Statehouse Fellows alumni page. You were in the 2022 cohort and placed \
with the Senate Education Committee, if I've got that right. I'm a middle school teacher thinking about \
applying for the 2027 cohort, and I'd love to hear about your experience: what the placement was \
really like, how it led to your current role, and whether a mid-career applicant coming from teaching \
makes sense for the program.

If you'd be up for a short call sometime before the December 1 deadline, I'd be grateful. Totally \
understand if not.

Thanks,
Priya Raman
(555) 014-2290
""",
)

# ---- introductions -------------------------------------------------------------------------

_case(
    "net_ortega_intro", True, "intro", history=0,
    note="Reply-all to her former principal's introduction (thread not in corpus); introducer in Cc.",
    client="gmail", when="2026-09-10 06:52", to=[RAFAEL], cc=[DENISE],
    subject="Re: Introduction: Rafael Ortega / Priya Raman",
    refs=[DENISE_INTRO],
    sig=SIG_GMAIL,
    quote=_their(
        DENISE, "2026-09-09 20:14",
        """\
Rafael,

I'd like you to meet Priya Raman, who taught 8th grade history at Hamilton for most of my time there \
and is, frankly, one of the best teachers of newcomer students I've worked with. She's thinking about \
moving into state policy work, and I told her there is nobody better to talk to about how the EL \
office actually works.

Priya, Rafael runs the Office of English Learner Services at the Department and was my partner in \
crime on the Title III monitoring redesign.

I'll let you two take it from here.

Denise
""",
        to=[RAFAEL, ME_COM],
        subject="Introduction: Rafael Ortega / Priya Raman",
    ),
    body="""\
Denise, thank you for the introduction (and the far too generous words).

Rafael, it's very nice to meet you. I've taught 8th grade U.S. history and civics at Hamilton for \
eleven years, and for the last six I've had most of our newcomer students, many of them in their first \
year in the country. I've lived Title III monitoring from the classroom end, which I suspect is a very \
different view from yours.

I'm starting to plan a move into state-level policy work and would be grateful for 30 minutes of your \
time, whenever is convenient, by phone or in person. I'd especially like to understand what the EL \
office's work looks like day to day and what backgrounds the people on your team come from.

My days are hard to move until 3:15, but I can make almost anything after that work.

All best,
Priya
""",
)

_case(
    "net_lindqvist_intro", True, "intro", history=0,
    note="Reply to her college roommate's introduction; roommate moved to Bcc.",
    client="gmail", when="2026-10-05 19:55", to=[ASA], bcc=[KEISHA],
    subject="Re: Intro: Priya <> Åsa (teacher → policy)",
    refs=[KEISHA_INTRO],
    sig=SIG_GMAIL,
    quote=_their(
        KEISHA, "2026-10-05 08:12",
        """\
Hi both!

Åsa, Priya is my college roommate and the best teacher I know. She's leaving the classroom after this \
year and wants to get into education policy, ideally at the Statehouse. I told her you'd be the perfect \
person to talk to since you went from the ed nonprofit world to Senate Education Committee staff.

Priya, Åsa and I were on the same hospital board committee for two years and she is wonderful, and \
also terrifyingly organized.

I'll let you two take it from here! x
K
""",
        to=[ASA, ME_COM],
        subject="Intro: Priya <> Åsa (teacher → policy)",
    ),
    body="""\
Thanks so much, Keisha (moving you to bcc)!

Hi Åsa, it's great to meet you. Keisha has been telling me about you for a while, so I feel like I \
already know you, or at least your color-coded calendar.

A little about me: I've taught 8th grade U.S. history and civics in Riverside for eleven years, and \
I'm the union building rep at my school. I'm hoping to move into education policy, and the committee \
side of the Senate is one of the places I keep coming back to. I'd love to hear how you made the jump \
from the nonprofit side, what committee staff work looks like in and out of session, and what you'd \
recommend to someone trying to get a foot in the door.

Would you have 30 minutes for coffee or a call in the next few weeks? I'm flexible after 3:30 on \
weekdays and most of the weekend.

Best,
Priya
""",
)

_case(
    "net_nguyen_intro", True, "intro", history=0,
    note="Reply-all to her advisor's introduction with the introducer in Cc; Vietnamese name and subject "
         "RFC 2047-encoded.",
    client="gmail", when="2026-10-13 20:30", to=[LAN], cc=[RUTH],
    subject="Re: Introduction: Priya Raman / Nguyễn Thị Lan",
    refs=[RUTH_INTRO],
    sig=SIG_GMAIL,
    quote=_their(
        RUTH_OUTLOOK, "2026-10-12 16:47",
        """\
Lan, Priya,

I promised you both this introduction, so here it is.

Lan: Priya is a former student of mine (M.Ed., 2016) and a veteran middle school teacher in Riverside \
who has worked with a great many newcomer families. She's exploring a move into immigrant-rights and \
family-support work.

Priya: Lan is the program manager for school partnerships at Riverside Refugee Resettlement and, in my \
view, the person in this city who best understands where schools and resettlement agencies fail to talk \
to each other.

I'll leave it to you.
Ruth

Ruth Okonkwo, Ph.D.
Professor, Education Policy and Leadership
State University
""",
        to=[LAN, ME_COM],
        subject="Introduction: Priya Raman / Nguyễn Thị Lan",
    ),
    body="""\
Thank you, Ruth!

Lan, I'm so glad to meet you, even over email. I suspect some of my students' families have come \
through your program. I've had a lot of Afghan and Congolese kids at Hamilton the last three years, and \
the weeks before enrollment paperwork comes through are always the hardest for them.

I'd love to hear about your work on school partnerships and how you got into it, and to get your \
perspective on where someone with my background could be useful. Could I buy you a coffee, or take 30 \
minutes on the phone, some afternoon in the next couple of weeks? I'm free most days after 3:30 and \
flexible on Fridays.

Warmly,
Priya
""",
)

_case(
    "net_carter_intro", True, "intro", history=0,
    note="New thread (not reply-all) to someone her mentor suggested; the introducer is not copied.",
    client="gmail", when="2026-09-30 20:12", to=[IMANI],
    subject="Gloria Mendez suggested I get in touch",
    sig=SIG_GMAIL,
    body="""\
Dear Ms. Carter,

Gloria Mendez suggested I reach out to you. She speaks very highly of your work as education liaison \
for Councilmember Abernathy, especially the newcomer family welcome centers.

I'm an 8th-grade history and civics teacher at Hamilton Middle School and the union building rep \
there. After eleven years I'm planning to move out of the classroom and into policy or government work, \
and Gloria thought you'd be a great person to hear from about what an education liaison actually does \
and how you found your way into it.

If you have 20 or 30 minutes in the coming weeks, I'd be very grateful for the conversation. I'm happy \
to come to City Hall or talk by phone, and I'm free most afternoons after 3:30.

Thank you,
Priya Raman
""",
)

# --------------------------------------------------------------------------------------------
# Networking threads continued: follow-ups, logistics, thank-yous
# --------------------------------------------------------------------------------------------

_case(
    "log_whitfield", False, "logistics", history=12, replies_to="net_whitfield_core",
    note="She already said yes; this only fixes the place and time.",
    client="gmail", when="2026-09-08 16:05", to=[DENISE],
    subject="Re: Advice, and maybe a few introductions?",
    refs=["net_whitfield_core", DENISE_YES],
    sig=SIG_GMAIL,
    quote=_their(
        DENISE, "2026-09-07 21:33",
        """\
Priya! I'm so proud of you, and not at all surprised. Yes to coffee. I'm free Thursday the 17th after \
4, or the following Tuesday. And yes, I'll write to Rafael this week. He'll like you.

D.
""",
    ),
    body="""\
Thursday the 17th at 4:30 is perfect. Two Rivers on Main? It's about halfway for both of us. I'll be \
the one with a tote bag full of DBQs.

Thank you for writing to Rafael, I'll keep an eye out.
P
""",
)

_case(
    "thx_whitfield", False, "thanks", history=14,
    note="Thank-you after the coffee; ends with a soft 'if anyone else comes to mind' but the "
         "conversation already happened.",
    client="gmail", when="2026-09-18 21:10", to=[DENISE],
    subject="Thank you (and a very full notebook)",
    sig=SIG_GMAIL,
    body="""\
Denise,

Thank you for yesterday. I came home and Jonah asked how it went and I talked for forty minutes \
straight, which I think is a good sign.

What stuck with me most was what you said about not apologizing for being "just a teacher" in those \
rooms. I'm going to try.

I've written to Rafael and will let you know how it goes. And if anyone on the Senate Education \
Committee side comes to mind, I'd be grateful, but no pressure at all. You've already done so much.

Love to Curtis and the dogs,
Priya
""",
)

_case(
    "log_okonkwo_reschedule", False, "logistics", history=8, replies_to="net_okonkwo_mentor",
    note="Rescheduling a meeting her advisor already agreed to; 'could we push to next week?' is not a "
         "new ask.",
    client="gmail", when="2026-09-21 15:48", to=[RUTH],
    subject="Re: A career question for my favorite advisor",
    refs=["net_okonkwo_mentor", RUTH_REPLY],
    sig=SIG_GMAIL,
    quote=_their(
        RUTH_OUTLOOK, "2026-09-12 09:05",
        """\
Priya,

What wonderful news, and what a loss for Hamilton. Of course let's meet. How about Thursday, September \
24 at 4:30 in my office (Hadley Hall 312)? I have a few people in mind for you already.

R.
""",
    ),
    body="""\
Ruth, I'm so sorry to do this. The district just moved fall parent conferences to Thursday the 24th and \
I'm stuck in the building until 8. Could we push to the following week? Monday the 28th or Wednesday \
the 30th after 4 both work, or anything the week after if that's easier.

Apologies again. I was really looking forward to it.
Priya
""",
)

_case(
    "log_martinez", False, "logistics", history=2, replies_to="net_martinez_cold",
    note="He agreed to talk; she confirms the time and swaps numbers.",
    client="gmail", when="2026-09-19 10:14", to=[JOSE],
    subject="Re: A Hamilton teacher interested in Nuestra Voz's youth work",
    refs=["net_martinez_cold", JOSE_REPLY],
    sig=SIG_GMAIL,
    quote=_their(
        JOSE, "2026-09-18 17:26",
        """\
Hola Priya, ¡qué bueno! Your students are some of our best. Happy to talk. Does Tuesday after 5 work?

José
""",
    ),
    body="""\
Hola José, Tuesday the 22nd at 5:30 is perfect. What's the best number to reach you? Mine is (555) \
014-2290, or I'm happy to come by the center if that's easier.

Gracias,
Priya
""",
)

_case(
    "log_quintero_scheduler", False, "logistics", history=1, replies_to="net_quintero_med",
    note="Reply to the chief of staff's scheduler, chief of staff in Cc, picking one of the offered slots.",
    client="gmail", when="2026-09-25 12:10", to=[DANIELA], cc=[MARISOL],
    subject="RE: Fellow State U M.Ed. grad, hoping for your advice on legislative work",
    refs=["net_quintero_med", DANIELA_REPLY],
    sig=SIG_GMAIL,
    quote=_their(
        DANIELA, "2026-09-24 14:31",
        """\
Hi Priya,

Marisol asked me to find a time for you two. She has 10:15-10:35 on Friday 10/30 or 4:00-4:20 on \
Monday 11/2, either at the Capitol office (Room 218) or by phone. Let me know which works best.

Thank you,
Daniela Soto
Scheduler, Office of Representative Tomás Ibarra
""",
        to=[ME_COM], cc=[MARISOL],
        subject="RE: Fellow State U M.Ed. grad, hoping for your advice on legislative work",
    ),
    body="""\
Hi Daniela,

Thank you! Friday 10/30 at 10:15 works. I'll take a personal day and come to Room 218 in person, if \
that's all right. Is there anything I should know about getting into the building (ID, which entrance)?

Best,
Priya
""",
)

_case(
    "log_nguyen_visit", False, "logistics", history=2, replies_to="net_nguyen_intro",
    note="After the introduced contact offered a time; she confirms and asks about parking.",
    client="gmail", when="2026-10-15 19:02", to=[LAN],
    subject="Re: Introduction: Priya Raman / Nguyễn Thị Lan",
    refs=[RUTH_INTRO, "net_nguyen_intro", LAN_REPLY],
    sig=SIG_GMAIL,
    quote=_their(
        LAN, "2026-10-14 11:40",
        """\
Hi Priya,

So nice to meet you, and thank you Ruth (moving you to bcc)! I'd be glad to talk. Could you come by \
our office next Wednesday, 10/21, at 3:30? We're at 410 Water St., 2nd floor. I can show you the \
family welcome room too.

Lan
""",
    ),
    body="""\
Wednesday at 3:30 works great. Is there parking nearby, or should I take the 12? I'd love to see the \
welcome room.

See you then,
Priya
""",
)

_case(
    "fu_lindgren_1", True, "follow_up", history=1, replies_to="net_lindgren_cold",
    note="First follow-up on an unanswered cold request; Outlook RE: on her own sent message.",
    client="outlook", when="2026-10-09 20:02", to=[PETER],
    subject="RE: Request for a brief conversation: teacher interested in legislative staff work",
    refs=["net_lindgren_cold"],
    sig=SIG_OUTLOOK,
    quote=_own("net_lindgren_cold"),
    body="""\
Dear Mr. Lindgren,

I wanted to follow up on my note below in case it got lost in a busy inbox. I know the committee's \
interim hearings are underway, so I completely understand if now isn't a good time. I'd be glad to \
find a time later in the fall, or to talk with someone else on the Representative's staff if that's \
easier.

Thank you again,
""",
)

_case(
    "fu_adebayo", True, "follow_up", history=1, replies_to="net_adebayo_report",
    note="One-line bump.",
    client="gmail", when="2026-10-16 06:31", to=[MIRA],
    subject="Re: Your \"Missing Days\" report, and a teacher's questions",
    refs=["net_adebayo_report"],
    sig=SIG_GMAIL,
    quote=_own("net_adebayo_report"),
    body="""\
Hi Dr. Adebayo, gently bumping this up in case it slipped by. Thanks!

Priya
""",
)

_case(
    "fu_goldfarb", True, "follow_up", history=1, replies_to="net_goldfarb_alum",
    note="Follow-up that adds something new and offers a smaller ask.",
    client="gmail", when="2026-10-14 20:10", to=[LEAH],
    subject="Re: Ashford alum (’14) with a question about your path",
    refs=["net_goldfarb_alum"],
    sig=SIG_GMAIL,
    quote=_own("net_goldfarb_alum"),
    body="""\
Hi Leah,

Following up on my note below, since I know early fall is a crush. I also just read the Collaborative's \
brief on dual-language program funding, which made me want to talk with you even more (the section on \
the teacher pipeline is so close to what I see at Hamilton).

If a call doesn't work right now, even a quick email pointing me to anyone on your team who came from \
the classroom would mean a lot.

Thanks again,
Priya
""",
)

_case(
    "fu_lindqvist", True, "follow_up", history=1, replies_to="net_lindqvist_intro",
    note="Follow-up on her own reply to an introduction; introducer no longer copied.",
    client="gmail", when="2026-10-19 20:20", to=[ASA],
    subject="Re: Intro: Priya <> Åsa (teacher → policy)",
    refs=[KEISHA_INTRO, "net_lindqvist_intro"],
    sig=SIG_GMAIL,
    quote=_own("net_lindqvist_intro"),
    body="""\
Hi Åsa,

Following up here in case my note got buried. I imagine October at the Capitol is a lot. I'd still \
love to find 20 minutes whenever things calm down, even if that's after the election.

Best,
Priya
""",
)

_case(
    "fu_bell", True, "follow_up", history=1, replies_to="net_bell_lobbyday",
    note="iPhone bump on a two-line request.",
    client="iphone", when="2026-10-20 07:12", to=[MARCUS],
    subject="Re: Great meeting you at Lobby Day",
    refs=["net_bell_lobbyday"],
    quote=_own("net_bell_lobbyday"),
    body="""\
Hi Marcus, bumping this in case it got buried under everything before the election. Totally understand \
if now's a bad time, happy to wait until after the 3rd.

Priya
""",
)

_case(
    "fu_lindgren_2", True, "follow_up", history=2, replies_to="fu_lindgren_1",
    note="Second and last follow-up, replying on the first follow-up; says no reply is needed but still "
         "asks for ten minutes.",
    client="outlook", when="2026-10-26 19:40", to=[PETER],
    subject="RE: Request for a brief conversation: teacher interested in legislative staff work",
    refs=["net_lindgren_cold", "fu_lindgren_1"],
    sig=SIG_OUTLOOK,
    quote=_own("fu_lindgren_1"),
    body="""\
Dear Mr. Lindgren,

One last note from me and then I'll stop cluttering your inbox. I'm finishing my application to the \
Statehouse Fellows program (due December 1), and I'd still welcome even ten minutes by phone before \
then if your schedule allows. If not, no reply needed. I appreciate your time.

Best regards,
""",
)

_case(
    "thx_fuentes", False, "thanks", history=3,
    note="iPhone thank-you the morning after the conversation.",
    client="iphone", when="2026-10-16 07:05", to=[DOLORES],
    subject="Thank you",
    body="""\
Dolores, thank you so much for making time yesterday, especially in the middle of the DACA renewal \
clinic rush. I left with pages of notes and a much clearer sense of what organizing work looks like day \
to day. I'd love to take you up on shadowing a parent committee meeting in November, I'll watch for the \
date.

Gracias de nuevo,
Priya
""",
)

_case(
    "thx_bell", False, "thanks", history=4, replies_to="fu_bell",
    note="Thank-you after the call, in the thread of her follow-up and his reply.",
    client="gmail", when="2026-10-29 17:20", to=[MARCUS],
    subject="Re: Great meeting you at Lobby Day",
    refs=["net_bell_lobbyday", "fu_bell", MARCUS_REPLY],
    sig=SIG_GMAIL,
    quote=_their(
        MARCUS, "2026-10-21 13:02",
        """\
Priya, sorry, the last two weeks were nuts. Happy to chat. Tuesday 10/27 around 5:15? I'll call you \
from the car.

Marcus Bell
Legislative Aide, Office of State Senator Elena Marsh
""",
    ),
    body="""\
Marcus, thank you again for Tuesday, and for taking the call from the car. The advice about \
volunteering on a campaign this cycle to meet the people who'll be staffing next session is something \
nobody else has said to me, and it's obvious once you say it.

I'll send my fellowship essay your way once it's drafted, as you offered. Good luck with the last \
stretch before the election.

Priya
""",
)

_case(
    "thx_lindqvist", False, "thanks", history=4, replies_to="fu_lindqvist",
    note="Thank-you after lunch, in the introduction thread.",
    client="gmail", when="2026-11-05 21:05", to=[ASA],
    subject="Re: Intro: Priya <> Åsa (teacher → policy)",
    refs=[KEISHA_INTRO, "net_lindqvist_intro", "fu_lindqvist", ASA_REPLY],
    sig=SIG_GMAIL,
    quote=_their(
        ASA, "2026-10-22 12:48",
        """\
Priya, I'm so sorry, this got buried under hearing prep. Let's do lunch: Tuesday 11/3 at 12:30 at the \
Capitol cafe on the ground floor? My treat.

Åsa
""",
    ),
    body="""\
Åsa, thank you for lunch on Tuesday, and for paying, which you absolutely did not need to do. I've \
already started on both things you suggested: I signed up for the committee hearing livestreams, and \
I'm rewriting my resume to lead with the union work instead of burying it.

I'll let you know what happens with the Fellows application. Keisha says hi and that she told you so.

Priya
""",
)

# --------------------------------------------------------------------------------------------
# Family and friends
# --------------------------------------------------------------------------------------------

_case(
    "fam_anjali_coffee", False, "family", history=40,
    note="Coffee with her sister to 'pick your brain' about the sister's nonprofit career. Family, not "
         "outreach.",
    client="iphone", when="2026-09-12 09:40", to=[ANJALI],
    subject="coffee sat??",
    body="""\
Anju are you free Saturday morning? I want coffee and I want to pick your brain about the nonprofit \
world since you've been at the food bank forever. Like how you actually got into development and \
whether it's as chaotic as you make it sound. Also I have Amma's tupperware from Ganesh Chaturthi, I'll \
bring it
""",
)

_case(
    "fam_appa_article", False, "family", history=32,
    note="Reply to her father forwarding a job posting.",
    client="gmail", when="2026-09-30 21:02", to=[APPA],
    subject="Re: Fwd: State Education Department is hiring!!",
    refs=[APPA_FWD],
    quote=_their(
        APPA, "2026-09-30 09:12",
        """\
Priya,

See this. Department of Education is hiring "policy analysts". You should apply. Salary is good. I have \
sent it to Chithi also.

Appa
""",
        to=[ME_COM],
    ),
    body="""\
Appa, thank you. Yes, I saw it, and I'm working on the application this weekend. Please stop sending \
my job search to Chithi! She called yesterday to ask if I got "the government job" yet. I'll tell you \
both everything once there's something to tell.

Love,
Priya
""",
)

_case(
    "fam_amma_diwali", False, "family", history=35,
    note="iPhone reply to her mother about Diwali.",
    client="iphone", when="2026-10-25 11:05", to=[AMMA],
    subject="Re: Diwali plans",
    refs=[AMMA_DIWALI],
    quote=_their(
        AMMA, "2026-10-24 19:51",
        """\
Priya kanna, Diwali is Sunday the 8th. Karthik is coming Saturday. Can you and Jonah come Saturday \
night and stay? Appa wants to do the crackers in the backyard again, I told him no. Also please ask \
Jonah if he eats okra now.

Love, Amma
""",
    ),
    body="""\
Amma yes we'll come Saturday around 5. Jonah says he eats okra now "as long as it's yours." I'll bring \
sweets from Sweet Spot. Please don't let Appa buy the big rockets again. Love you
""",
)

_case(
    "fam_jonah_dinner", False, "family", history=50,
    note="Partner; asks him to call her at lunch.",
    client="iphone", when="2026-10-16 13:10", to=[JONAH],
    subject="tonight",
    body="""\
Lila texted, dinner moved to 7:30. Can you grab a bottle of red on the way home? Also can you call me \
on my lunch tomorrow (12:40)? Need to talk through the lease renewal thing before I reply to Dennis.
""",
)

_case(
    "fam_siblings_anniv", False, "family", history=30,
    note="Siblings; proposes a call to plan their parents' anniversary.",
    client="gmail", when="2026-11-01 16:20", to=[KARTHIK, ANJALI],
    subject="Amma & Appa's 40th: call Sunday?",
    body="""\
Karthik, Anju,

Their 40th is in February, which sounds far away but is not. Can we do a call next Sunday night to \
figure out the plan? I vote we split a trip to Kerala for them instead of another party, but I know I'll \
be outvoted.

8pm Eastern? Karthik, that's 5 for you, so no excuses.

P
""",
)

_case(
    "fr_keisha_call", False, "friend", history=25,
    note="College roommate; asks for a call about her own job-search anxiety, not about Keisha's career.",
    client="gmail", when="2026-09-09 21:45", to=[KEISHA],
    subject="need a Keisha call",
    body="""\
K,

Can we do a call this week? I finally told Jonah I'm actually doing it, last year teaching, and now I'm \
lying awake doing math about rent and health insurance and whether anyone will hire a 34-year-old whose \
main skill is getting 8th graders to stop talking. I need you to tell me I'm not crazy. Or that I am, \
but in a good way.

Thursday night? I'll make tea and you can pour wine.

love you
P
""",
)

_case(
    "fr_sofia_dinner", False, "friend", history=20,
    note="Climbing friend; dinner plans.",
    client="iphone", when="2026-10-08 16:45", to=[SOFIA],
    subject="thurs",
    body="""\
Dinner after climbing Thursday? Thinking Thai Basil since they're open late. Also I owe you $18 for the \
guest pass, remind me
""",
)

_case(
    "fr_camille_catchup", False, "friend", history=12,
    note="Grad-school friend; coffee to catch up, asks about her new job socially.",
    client="gmail", when="2026-11-02 20:40", to=[CAMILLE],
    subject="when you're home for Thanksgiving",
    body="""\
Cam!!

Your mom told my mom who told me that you're coming home Thanksgiving week, which means you owe me a \
coffee. I want to hear everything: the new job, Boston winters, whether Milo is walking yet (in my head \
he's still six months old). Are you free Friday the 27th? I'm off all week.

Miss you,
P
""",
)

# --------------------------------------------------------------------------------------------
# Home, vendors, support, personal admin
# --------------------------------------------------------------------------------------------

_case(
    "ll_leasing_parking", False, "landlord", history=3,
    note="Leasing office role address.",
    client="outlook", when="2026-09-03 17:10", to=[LEASING],
    subject="Parking permit for second vehicle - 418 Linden St, Unit 2R",
    sig=SIG_SHORT,
    body="""\
Hello,

My partner, Jonah Feld, is now on our lease for 418 Linden St., Unit 2R, and we'd like to request a \
second residential parking permit for his car (2019 Honda Fit, plate ending 4KJ). Is there a form I need \
to fill out, and is the fee still $25 a month? I'm happy to drop anything off at the office.

Thank you,
""",
)

_case(
    "ll_dennis_radiator", False, "landlord", history=5,
    note="Landlord; asks for 'a quick call' about lease renewal terms.",
    client="gmail", when="2026-10-22 19:30", to=[DENNIS],
    subject="Radiator in 2R + lease renewal",
    sig=SIG_GMAIL,
    body="""\
Hi Dennis,

Two things:

1. The radiator in the back bedroom started banging again last week, mostly between 5 and 7 a.m. It's \
the same one the plumber looked at last winter. Could you have someone take a look when you get a \
chance? Weekday afternoons after 4 or any Saturday works for us to be home.

2. We got the renewal letter, thank you. We'd like to stay, but we have a couple of questions about the \
increase and whether a 6-month term is possible instead of 12 (my job situation may change this \
summer). Would you have 15 minutes for a quick call this week? I'm free after 4 most days.

Thanks,
Priya Raman (Unit 2R)
""",
)

_case(
    "ll_maintenance_ticket", False, "landlord", history=4,
    note="Reply to a property-management work-order notice.",
    client="gmail", when="2026-10-26 20:40", to=[MAINTENANCE],
    subject="Re: Work Order #48213 scheduled - 418 Linden St Unit 2R",
    refs=[WORK_ORDER],
    quote=_their(
        MAINTENANCE, "2026-10-26 10:02",
        """\
Hello Priya,

Your work order #48213 (Radiator noise - back bedroom) has been scheduled for Tuesday, October 27 \
between 8:00 AM and 12:00 PM. A technician from Allied Heating will arrive during this window.

Please reply to this email if you need to reschedule.

Crestline Property Management
""",
    ),
    body="""\
Hi, I'm teaching all morning and can't be home Tuesday. Is it okay for the technician to go in with \
Luis (the super) while I'm out? If not, Thursday after 3:45 or Saturday morning would work.

Thank you,
Priya Raman, 2R
""",
)

_case(
    "ven_printshop", False, "vendor", history=2,
    note="Print order for union flyers, PDF attached; union signature.",
    client="outlook", when="2026-10-05 16:25", to=[PRINTSHOP],
    subject="Order: 250 flyers (REA building meeting), pickup Thursday",
    sig=SIG_UNION,
    attach=["REA_Hamilton_flyer_Oct.pdf"],
    body="""\
Hi,

Could you print 250 copies of the attached flyer, 8.5x11, single-sided, on the bright yellow paper we \
used last time? We'd need them for pickup Thursday 10/8 after 3:30. Please bill the Riverside Education \
Association account (same as the September order).

Thanks,
""",
)

_case(
    "ven_resole", False, "vendor", history=0,
    note="Climbing-shoe resole quote.",
    client="gmail", when="2026-09-14 20:02", to=[RESOLE],
    subject="Resole quote: La Sportiva Solutions, 38.5",
    sig=SIG_GMAIL,
    body="""\
Hi there,

I've got a pair of Solutions (38.5) that need a half resole. There's a hole starting at the big toe \
but the rand looks okay. What's your current price and turnaround? I'd be mailing them from Riverside.

Thanks!
Priya
""",
)

_case(
    "ven_headshots", False, "vendor", history=0,
    note="Career-change related and asks for a 20-30 minute session, but it's buying a photo shoot.",
    client="gmail", when="2026-10-11 14:15", to=[HEADSHOTS],
    subject="Headshot session availability?",
    sig=SIG_GMAIL,
    body="""\
Hi Marta,

A friend (Sofia Reyes) recommended you for headshots. I'm changing careers and need a professional \
photo for job applications, nothing fancy, just something better than the cropped wedding photo I'm \
using now.

Do you offer a short (20–30 minute) session, and what would that cost? Weekends are best for me, \
ideally sometime before mid-November.

Thanks so much,
Priya Raman
""",
)

_case(
    "sup_jobboard", False, "support", history=0,
    note="Support request to a job board; non-ASCII subject.",
    client="gmail", when="2026-09-23 21:20", to=[JOBBOARD_HELP],
    subject="Can't upload résumé: \"file type not supported\"",
    sig=SIG_GMAIL,
    body="""\
Hello,

I'm trying to apply for posting #PSJ-20931 (Policy Analyst, Office of English Learner Services) and \
every time I upload my résumé as a PDF I get "File type not supported." It's a regular PDF exported \
from Google Docs, 142 KB. I've tried Chrome and Firefox. The posting closes Friday. Is there another \
way to submit?

My account email is priya.raman@example.com.

Thank you,
Priya Raman
""",
)

_case(
    "sup_gym_billing", False, "support", history=1,
    note="Billing support at her climbing gym.",
    client="iphone", when="2026-11-04 07:55", to=[GYM_SUPPORT],
    subject="Charged twice for November",
    body="""\
Hi, my membership (Priya Raman, member #20417) was charged $79 twice on Nov 1. Could you refund the \
duplicate? Thanks!
""",
)

_case(
    "adm_self_note", False, "personal_admin", history=0,
    note="Note from her other address to herself, with a list of people she plans to contact. Planning, "
         "not outreach.",
    client="outlook", when="2026-09-05 13:12", to=[ME_COM],
    subject="resume v7 + people list",
    attach=["Raman_Priya_resume_v7.pdf"],
    body="""\
sending to myself so it's on my phone

people to write to this month:
- Denise (coffee + intro to Rafael at DOE?)
- Ruth O. (ask about program alums in legislative offices)
- Tasha (drinks)
- Frank re: SEA posting
- cold: Peter Lindgren (Oduya CoS), José at Nuestra Voz, Mira Adebayo (Missing Days report)

remember: lead with the union work, not "just a teacher"
""",
)

_case(
    "adm_dentist", False, "personal_admin", history=4,
    note="Dentist front desk.",
    client="gmail", when="2026-10-01 07:02", to=[DENTIST],
    subject="Reschedule cleaning - Priya Raman, Oct 7",
    sig=SIG_GMAIL,
    body="""\
Hi,

I have a cleaning scheduled for Wednesday, October 7 at 3:45 with Dr. Hsu, but I have a meeting after \
school that day. Could we move it to any Friday afternoon in October?

Thank you,
Priya Raman (DOB 04/19/1992)
""",
)

_case(
    "adm_pension", False, "personal_admin", history=0,
    note="District benefits office about leaving; offers a short call with a counselor.",
    client="outlook", when="2026-11-16 20:10", to=[BENEFITS],
    subject="Question: pension and health coverage if I resign in June 2027",
    sig=SIG_OUTLOOK,
    body="""\
Hello,

I'm a teacher at Hamilton Middle School (employee ID 0047719) with 11 years of service. I'm considering \
resigning at the end of this school year and would like to understand:

1. Whether I can leave my contributions in the state teachers' retirement system or would need to \
withdraw them, and what happens to the employer contributions either way;
2. Whether I can continue health coverage (COBRA or otherwise), and at what cost;
3. Whether resigning versus taking an unpaid leave of absence changes any of the above.

If it's easier, I'd be glad to set up a short call with a benefits counselor.

Thank you,
""",
)

# --------------------------------------------------------------------------------------------
# Job search: applications and recruiters
# --------------------------------------------------------------------------------------------

_case(
    "job_policy_associate", False, "job_application", history=0,
    note="Cover-letter email to the hiring manager of a posted role, with attachments; 'I would welcome "
         "the chance to learn more about the team' is part of the application.",
    client="gmail", when="2026-09-19 10:20", to=[NAOMI],
    subject="Application: Policy Associate, K-12 Equity (Priya Raman)",
    sig=SIG_GMAIL,
    attach=["Priya_Raman_Resume.pdf", "Priya_Raman_Cover_Letter.pdf"],
    body="""\
Dear Ms. Carrington,

I'm writing to apply for the Policy Associate, K-12 Equity position posted on the Center's website. My \
résumé and cover letter are attached, and I've included a short version below for convenience.

For eleven years I've taught 8th grade U.S. history and civics at Hamilton Middle School in Riverside, \
where roughly a third of my students are English learners and many are newly arrived. I've spent those \
years watching school finance decisions arrive in my classroom as class sizes, missing aides, and \
interpreters shared across four buildings. I'd like to help make those decisions well.

As my school's union building representative I've also done the less glamorous work the posting \
describes: reading and summarizing a 140-page contract for colleagues, designing a staff survey and \
presenting the results to district leadership, and organizing members around a change to our \
planning-time language.

I would welcome the chance to learn more about the team and how this role supports the Center's \
legislative work this session. Thank you for your consideration.

Sincerely,
Priya Raman
""",
)

_case(
    "job_legislative_aide", False, "job_application", history=0,
    note="Application to a caucus jobs@ address with three attachments.",
    client="outlook", when="2026-10-06 20:45", to=[SENATE_JOBS],
    subject="Application - Legislative Aide (Education & Labor), Posting #SDC-26-114",
    sig=SIG_OUTLOOK,
    attach=["Raman_Priya_Resume.pdf", "Raman_Priya_Cover_Letter.pdf", "Raman_Writing_Sample_Newcomer_Funding.pdf"],
    body="""\
To the Hiring Committee:

Please accept my application for the Legislative Aide position supporting the Education and Labor \
portfolio (Posting #SDC-26-114). Attached are my résumé, cover letter, and a writing sample: a two-page \
memo on newcomer student funding I prepared for my union's legislative committee.

I bring eleven years of classroom experience as an 8th grade U.S. history and civics teacher, four years \
as my building's union representative, and a working knowledge of how the Education Code lands in \
schools. I've drafted member correspondence and talking points, I testified once before the House \
Education Committee on behalf of REA, and I'm fluent in Tamil with working Spanish.

I am available to start in June 2027. Thank you for your consideration; I'd welcome the opportunity to \
discuss the role.

Respectfully,
""",
)

_case(
    "job_interview_schedule", False, "job_application", history=1, replies_to="job_policy_associate",
    note="Interview scheduling in the thread of her application (a reply to a non-networking case).",
    client="gmail", when="2026-10-07 12:05", to=[TESSA], cc=[NAOMI],
    subject="RE: Application: Policy Associate, K-12 Equity (Priya Raman)",
    refs=["job_policy_associate", TESSA_INVITE],
    sig=SIG_GMAIL,
    quote=_their(
        TESSA, "2026-10-06 15:22",
        """\
Dear Priya,

Thank you for applying for the Policy Associate, K-12 Equity role. Naomi would like to invite you to a \
30-minute video interview. Are any of these times available?

- Tue 10/13, 3:45 pm
- Wed 10/14, 4:30 pm
- Fri 10/16, 4:00 pm

Best,
Tessa Morgan
Operations & Talent Coordinator, Center for Fair School Funding
""",
        to=[ME_COM], cc=[NAOMI],
    ),
    body="""\
Dear Tessa,

Thank you so much. Tuesday 10/13 at 3:45 works well for me. Could you send the video link to this \
address? I'll be joining from my classroom, so please forgive the bulletin boards.

Best regards,
Priya
""",
)

_case(
    "job_ats_writing_sample", False, "job_application", history=1,
    note="Reply to an applicant-tracking-system confirmation to add a writing sample.",
    client="gmail", when="2026-10-20 21:30", to=[HIREBRIDGE],
    subject="Re: Your application to Lakeshore Education Fund: Policy Fellow (2027)",
    refs=[HIREBRIDGE_CONFIRM],
    sig=SIG_GMAIL,
    attach=["Raman_EL_Reclassification_Memo.pdf"],
    quote=_their(
        ("Lakeshore Education Fund", "reply+c8d21f7a04@candidates.hirebridge.example"), "2026-10-19 22:41",
        """\
Hi Priya,

Thanks for applying to the Policy Fellow (2027) position at Lakeshore Education Fund! The hiring team \
will review your application, and if they'd like to move forward they'll be in touch.

You can reply to this email to add materials to your application.

The Lakeshore Education Fund Team
Powered by HireBridge
""",
    ),
    body="""\
Hello,

Attaching the writing sample requested in the posting; I missed the upload field on the first pass. \
It's a three-page memo on EL reclassification policy.

Thank you,
Priya Raman
""",
)

_case(
    "job_ifc_organizer", False, "job_application", history=0,
    note="Application email to a hiring manager for a posted role; names a contact she talked to and "
         "says she'd love to talk more, but it is an application.",
    client="gmail", when="2026-10-20 06:40", to=[OMAR],
    subject="Community Organizer (Education Justice): application from Priya Raman",
    attach=["Priya_Raman_Resume.pdf"],
    body="""\
Dear Mr. Siddiqui,

I'm applying for the Community Organizer (Education Justice) position posted on the Immigrant Families \
Coalition's website. My résumé is attached, and I've submitted the online form as well.

I had the chance to talk with Dolores Fuentes last week about the Coalition's parent committees, and \
everything she described, the house meetings, the rapid-response trainings, the way parents set the \
agenda, made me want to be part of it. For six years I've been the teacher newcomer families at \
Hamilton Middle come to first, whether for a translated permission slip or help finding a lawyer. I'd \
like to do that work on purpose, and at scale.

I'd love to talk more about the role and the team whenever it's convenient for you.

With thanks,
Priya Raman
(555) 014-2290
""",
)

_case(
    "job_fellowship_status", False, "job_application", history=1,
    note="Checks on an application's status; a 'follow-up' of a different kind.",
    client="outlook", when="2026-11-12 19:10", to=[FELLOWS],
    subject="Application status - Priya Raman (2027 cohort)",
    sig=SIG_OUTLOOK,
    body="""\
Hello,

I submitted my application for the 2027 Statehouse Fellows cohort on November 2 and received the \
automatic confirmation, but my applicant portal still shows one recommendation letter as "pending," \
even though my recommender tells me she submitted it on November 6. Could you confirm whether it was \
received? Her name is Dr. Ruth Okonkwo.

Thank you very much,
""",
)

_case(
    "rec_edtech_decline", False, "recruiter", history=1,
    note="Declines a sales recruiter; emoji in the subject (RFC 2047).",
    client="gmail", when="2026-09-11 20:15", to=[BRIANNA],
    subject="Re: Teachers make the best Account Executives 🍎",
    refs=[BRIANNA_PITCH],
    sig=SIG_GMAIL,
    quote=_their(
        BRIANNA, "2026-09-10 11:37",
        """\
Hi Priya!

I came across your profile and your 11 years in the classroom really stood out. LearnLoop is hiring \
Account Executives for our K-8 literacy platform, and teachers make amazing AEs because they know the \
buyer. OTE $95-110K, fully remote.

Open to a quick 15-min call this week?

Brianna Holt
Senior Talent Partner, LearnLoop
""",
    ),
    body="""\
Hi Brianna,

Thanks for thinking of me. I'm not interested in sales roles, but I appreciate the note, and I'll keep \
LearnLoop in mind if anything in policy or research opens up.

Best,
Priya
""",
)

_case(
    "rec_policy_call", False, "recruiter", history=1,
    note="Says yes to a recruiter's 20-minute call and attaches her resume.",
    client="outlook", when="2026-10-13 20:30", to=[GREG],
    subject="RE: Government Affairs Associate - statewide education nonprofit (confidential search)",
    refs=[GREG_PITCH],
    sig=SIG_OUTLOOK,
    attach=["Raman_Priya_Resume.pdf"],
    quote=_their(
        GREG, "2026-10-12 09:14",
        """\
Hi Priya,

I'm leading a confidential search for a Government Affairs Associate at a statewide education \
nonprofit. Your work on your union's legislative committee caught my eye. The role supports the \
organization's lobbying and coalition work during session.

Would you be open to a 20-minute call this week or next?

Best,
Greg

Gregory Tan | Partner
Civic Search Partners
""",
        to=[ME_NET],
        subject="Government Affairs Associate - statewide education nonprofit (confidential search)",
    ),
    body="""\
Hi Greg,

Thanks for reaching out. Yes, I'd be glad to learn more. I'm free Thursday 10/15 after 3:45 or Friday \
10/16 after 4. My résumé is attached for reference, and the best number is 555-014-2290.

Best,
""",
)

_case(
    "rec_search_salary", False, "recruiter", history=2,
    note="Questions to an executive-search recruiter about pay and requirements.",
    client="gmail", when="2026-11-06 21:10", to=[ALANA],
    subject="Re: Director of Education Policy search: next steps",
    refs=[ALANA_PROFILE],
    sig=SIG_GMAIL,
    quote=_their(
        ALANA, "2026-11-05 16:03",
        """\
Priya,

Great to speak yesterday. As promised, the full position profile is attached. If you'd like to be \
considered, please send a résumé and a one-page letter by November 20.

Warmly,
Alana Whitford
Mission Talent
""",
    ),
    body="""\
Hi Alana,

Thanks for the call and for sending the full profile. Before I put materials together, two quick \
questions: could you share the salary range the client has approved, and is the role hybrid or fully in \
the office? I also want to be honest that I haven't managed staff beyond student teachers and union \
volunteers. If that's a dealbreaker for the client, I'd rather know now.

Best,
Priya
""",
)

# --------------------------------------------------------------------------------------------
# Groups, lists, newsletters
# --------------------------------------------------------------------------------------------

_case(
    "grp_bookclub_regrets", False, "group", history=15,
    note="iPhone reply-all to the book club.",
    client="iphone", when="2026-09-07 17:22", to=[HANNAH], cc=[BEA, DEEPA, MARGUERITE, RACHEL],
    subject="Re: September: The Ministry for the Future, Tues 9/8 at Bea's",
    refs=[HANNAH_SEPT],
    quote=_their(
        HANNAH, "2026-09-03 20:10",
        """\
Hi friends! Reminder that we're at Bea's on Tuesday 9/8 at 7. Bea is making her famous shakshuka. I'm \
bringing wine. Finish the book or don't, we love you either way.

H
""",
        to=[BEA, DEEPA, MARGUERITE, RACHEL, ME_COM],
    ),
    body="""\
Ugh I'm so sorry, I have back-to-school night Tuesday and can't get out of it. Have a glass for me and \
someone please tell me whether the ending is worth it
""",
)

_case(
    "grp_bookclub_host", False, "group", history=15,
    note="Book-club logistics to the whole group.",
    client="gmail", when="2026-10-18 16:40", to=[HANNAH, BEA, DEEPA, MARGUERITE, RACHEL],
    subject="November is at mine! + book vote",
    body="""\
Hi all,

I'm hosting November: Tuesday the 10th, 7pm, 418 Linden, 2R (the buzzer is broken, just text me and \
I'll come down).

Nominations so far:
- The Covenant of Water (Deepa)
- Tomorrow, and Tomorrow, and Tomorrow (Bea)
- Demon Copperhead (me, sorry, it's long)

Reply with your vote by Friday? I'll make dal. Someone please bring a dessert that isn't Marguerite's \
lemon bars, because we will fight over them.

P
""",
)

_case(
    "grp_climbing_wed", False, "group", history=20,
    note="Climbing crew thread; includes Kenji, whom she separately asked about his job.",
    client="gmail", when="2026-09-29 12:31", to=[SOFIA, KENJI, DEV, INES],
    subject="Wed climb?",
    body="""\
Who's in for tomorrow? I can be there by 6:15. I need one more crack at the purple V3 in the cave before \
they reset it Friday, and then I'm buying everyone dumplings because this week has been A Week.

Inés, you still have my chalk bag from last time, no rush.
""",
)

_case(
    "lst_esl_volunteer", False, "list", history=0,
    note="Reply to a volunteer mailing list.",
    client="gmail", when="2026-09-26 10:30", to=[ESL_LIST],
    subject="Re: Conversation night volunteers needed - October schedule",
    refs=[ESL_LIST_POST],
    quote=_their(
        ("Rosario Vega", "rvega@nuestravoz.example.org"), "2026-09-25 17:10",
        """\
Hi all, we need two volunteers per table for October conversation nights (Thursdays, 6-7:30). Reply to \
the list with the dates you can take. Gracias!

Rosario
""",
        to=[ESL_LIST],
    ),
    body="""\
Hi everyone, I can take Thursday 10/8 and 10/22 (the middle-school-age group, if there is one). I \
speak some Spanish and Tamil, neither of which will help with the Dari speakers, but I'll bring visuals.

Priya
""",
)

_case(
    "lst_teachers_in_transition", False, "list", history=0,
    note="Post to a mailing list asking whether anyone would chat about legislative work. Broadcast to a "
         "list, not outreach to a person; nobody to follow up with.",
    client="gmail", when="2026-10-03 12:05", to=[TRANSITION_LIST],
    subject="Anyone made the jump to a legislator's office?",
    body="""\
Hi all, longtime lurker, first post.

I'm an 8th grade history teacher (11 years, union building rep) planning to leave after this year, and \
the thing I keep coming back to is working in a state legislator's office, on education or labor. Has \
anyone here made that move? I'd love to hear what it was like and what you wish you'd known, and if \
anyone would be up for a quick chat I'd be really grateful. Feel free to reply off-list.

Also happy to share the spreadsheet I've been building of ed-policy job boards if it's useful to anyone.

Priya (she/her)
""",
)

_case(
    "nl_chalkboard_correction", False, "newsletter_reply", history=0,
    note="Newsletter reply with a correction; no ask.",
    client="gmail", when="2026-10-22 20:18", to=[CHALKBOARD],
    subject="Re: Chalkboard Brief: Five numbers to watch this budget season",
    refs=[CHALKBOARD_ISSUE],
    sig=SIG_GMAIL,
    body="""\
Hi there,

Small correction on number three: the EL weight in the current formula is 0.25, not 0.20. The 0.20 \
figure was the weight before the 2024 amendment. It's in Section 4(b) of the funding statute if you want \
to double-check.

Love the Brief otherwise. The reclassification explainer is one I sent to my whole department.

Priya Raman
Hamilton Middle School, Riverside
""",
)

_case(
    "nl_pij_broken_link", False, "newsletter_reply", history=0,
    note="Reports a broken link in a jobs newsletter.",
    client="outlook", when="2026-11-09 21:00", to=[PIJ_WEEKLY],
    subject="RE: PIJ Weekly: 43 new roles in education & immigration",
    refs=[PIJ_ISSUE],
    sig=SIG_SHORT,
    body="""\
Hi, the link for the Policy Analyst role at the Coalition for Fair Schools (item 12) goes to a 404. Is \
there an updated posting?

Thanks,
""",
)

# --------------------------------------------------------------------------------------------
# Teaching and union-rep mail
# --------------------------------------------------------------------------------------------

_case(
    "wrk_building_meeting", False, "work", history=20,
    note="Union building rep to the members' list.",
    client="outlook", when="2026-09-02 19:30", to=[HAMILTON_LIST],
    subject="Building meeting Thurs 9/10 + contract survey",
    sig=SIG_UNION,
    body="""\
Hi everyone,

Welcome back. I hope the first two days have been gentle.

Our first building meeting of the year is Thursday 9/10 at 3:20 in Room 214 (my room; there will be \
snacks). Agenda:
- Planning-time language: what changed in the new contract and what to do if you're asked to cover
- Class size: please tell me if you're over the cap
- Contract survey for the bargaining team (takes 10 minutes): https://rea-local.example.org/survey2026

If you can't make it and want something raised, email me or catch me at lunch duty.

In solidarity,
""",
)

_case(
    "wrk_president_grievance", False, "work", history=40,
    note="Union business: asks the chapter president for '15 minutes for a quick call'.",
    client="outlook", when="2026-09-14 16:05", to=[CARLA],
    subject="Quick call re: Step 1 at Hamilton?",
    sig=SIG_UNION,
    body="""\
Carla,

Do you have 15 minutes for a quick call before Thursday? A member at Hamilton (I'll give you the name by \
phone) is being assigned a sixth class period with no change in pay, and admin is calling it "temporary \
coverage." I think it's a clear planning-time violation under 8.3, but I want to check the timeline \
with you before I file at Step 1.

I'm free today after 3:30 or tomorrow on my lunch (11:50–12:25).

Thanks,
""",
)

_case(
    "wrk_uniserv_call", False, "work", history=15,
    note="Union field rep at the same domain as a networking contact; asks to 'grab 15 minutes'.",
    client="gmail", when="2026-10-26 20:50", to=[MIKE],
    subject="Re: Hamilton planning-time grievance: Step 2 date",
    refs=[MIKE_STEP2],
    sig=SIG_GMAIL,
    quote=_their(
        MIKE, "2026-10-26 14:18",
        """\
Priya, HR proposed Nov 4 at 3:30 for the Step 2. Can you confirm the grievant is available?

Mike
""",
    ),
    body="""\
Hi Mike, she's available Nov 4. Could we grab 15 minutes tomorrow to go over the timeline and who says \
what? I'm free 3:30–4:30 or after 7. I'll bring copies of the August master schedule and the revised \
one.

Thanks,
Priya
""",
)

_case(
    "wrk_duty_cover", False, "work", history=10,
    note="Colleague, duty swap.",
    client="iphone", when="2026-11-05 06:45", to=[ROSA],
    subject="Friday lunch duty?",
    body="""\
Morning Rosa! Any chance you could cover my lunch duty tomorrow (Friday)? I'm out at the REA rep \
training all day. I'll take your Tuesday bus duty next week in exchange. Thank you!!
""",
)

_case(
    "wrk_student_teacher", False, "work", history=3,
    note="Reverse direction: a student teacher asked her for career advice and she offers a call.",
    client="gmail", when="2026-11-10 21:00", to=[ELI],
    subject="Re: advice on the job hunt?",
    refs=[ELI_ASK],
    sig=SIG_GMAIL,
    quote=_their(
        ELI, "2026-11-09 18:44",
        """\
Hi Ms. Raman,

I hope it's okay to email you. I'm student teaching at Jefferson this semester (I was in your room for \
observations last spring). I'm starting to apply for jobs for next fall and I'm really nervous about \
interviews. Would you have any time to talk sometime?

Thank you!
Eli
""",
    ),
    body="""\
Eli, of course it's okay! I'd be glad to help. Call me Thursday after 4 (555-014-2290), or if it's \
easier we can meet at Two Rivers on Saturday morning. Bring the list of districts you're applying to \
and we'll do a practice interview. The "tell us about a lesson that failed" question comes up every \
time.

Rooting for you,
Ms. Raman (Priya is fine now!)
""",
)


CASES: tuple[SentCase, ...] = tuple(_CASES)

_BY_ID = {c.id: c for c in CASES}


def by_id(case_id: str) -> SentCase:
    return _BY_ID[case_id]
