"""Drafts: render a Jinja2 template into a ready-to-edit reply with the right threading headers.

Pure apart from reading templates. Header values that came from mail were cleaned when
the message was read; they are checked again here, because a header is the one place a
stray CR or LF turns into an injected header (Python 3.11.7's email package does not
refuse encoded newlines itself).
"""

from __future__ import annotations

import email
import email.policy
import functools
import os
import re
import uuid
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import idna
import jinja2

from daemon.errors import TemplateError
from daemon.mail.messages import CONTROL, SYNTHETIC_SUFFIX
from daemon.mail.wording import DEFAULT_ASK, first_name
from daemon.playbook.rules import ContactState

POLICY = email.policy.SMTP.clone(max_line_length=78)  # CRLF endings, as IMAP APPEND expects
_DOMAIN = re.compile(r"[^A-Za-z0-9.-]")


def template_folders(user_folder: str | None) -> list[str]:
    """Where templates are looked up, the user's folder first so it overrides file by file."""
    package = Path(__file__).resolve().parent.parent  # daemon/
    candidates = [Path(user_folder)] if user_folder else []
    candidates += [package / "templates", package.parent / "templates"]  # installed, then source tree
    return [str(path) for path in candidates if path.is_dir()]


def environment(user_folder: str | None, html: bool = False) -> jinja2.Environment:
    """The templates, compiled once per process rather than at every cycle (~50 ms each): Jinja looks at
    each template file's time when it is asked for, so an edited one is read again, and a template added
    to the user's folder makes a new environment (the folder's listing is part of the key)."""
    listing = tuple(sorted(os.listdir(user_folder))) if user_folder and os.path.isdir(user_folder) else ()
    return _environment(tuple(template_folders(user_folder)), listing, html)


@functools.lru_cache(maxsize=8)
def _environment(folders: tuple[str, ...], listing: tuple[str, ...], html: bool) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        undefined=jinja2.StrictUndefined,   # a typo in a template is an error, not a blank
        keep_trailing_newline=True,
        autoescape=html,                    # plain-text mail as written; HTML escaped (names come from strangers)
    )


def render(env: jinja2.Environment, name: str, **context: object) -> str:
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateNotFound:
        raise TemplateError(f"template {name} not found in {', '.join(env.loader.searchpath)}") from None
    except jinja2.TemplateError as e:
        raise TemplateError(f"template {name} does not render: {e}") from None


def new_message_id(my_address: str) -> str:
    try:
        my_address = wire_address(my_address)  # an internationalised domain keeps its name, in xn-- form
    except ValueError:
        pass  # what is left of it after the filter below, or coffeechat.invalid
    domain = _DOMAIN.sub("", my_address.rpartition("@")[2]) or "coffeechat.invalid"
    return f"<coffeechat.{uuid.uuid4().hex}@{domain}>"


def safe_header(value: str) -> str:
    """A header value that stays one line: control characters refused, encoded words defused.

    The email package decodes RFC 2047 words in any value it is given, so a subject that
    arrived double-encoded ("=?utf-8?q?=0D=0ABcc:...?=" after our own decoding) would turn
    into a real line break here. Breaking every "=?" opener keeps it literal text; after
    our own decoding any "=?" left is text anyway, so nothing real is lost.
    """
    if CONTROL.search(value):
        raise ValueError("header value carries a control character")
    return value.replace("=?", "= ?")


def follow_up(env: jinja2.Environment, *, contact_name: str, contact_email: str, organization: str,
              state: ContactState, my_name: str, my_address: str, attempt: int, now: datetime,
              message_id: str) -> EmailMessage:
    """The follow-up draft: a short, polite reply in the outreach's thread."""
    assert state.last_sent_at is not None
    first = first_name(contact_name)
    body = render(
        env, "follow_up.txt.j2",
        first_name=first, contact_name=contact_name, organization=organization,
        greeting=state.greeting or (f"Hi {first}," if first else "Hi,"), ask=state.ask or DEFAULT_ASK,
        my_name=my_name, subject=state.subject, attempt=attempt,
        sent_on=f"{state.last_sent_at:%B} {state.last_sent_at.day}",
        days_since=(now - state.last_sent_at).days,
    )
    subject = state.subject or "Following up"
    if not subject.lower().startswith("re:"):
        subject = f"Re: {subject}"
    return build(from_=(my_name, my_address), to=(contact_name, contact_email), subject=subject,
                 thread=state.thread, now=now, message_id=message_id, body=body)


def build(*, from_: tuple[str, str], to: tuple[str, str], subject: str, thread: tuple[str, ...],
          now: datetime, message_id: str, body: str, html: str | None = None) -> EmailMessage:
    """A message ready to APPEND (or send to the user): plain text, or multipart/alternative with `html`."""
    msg = EmailMessage(policy=POLICY)
    _addressed(msg, "From", *from_)
    _addressed(msg, "To", *to)
    msg["Subject"] = safe_header(subject)
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = safe_header(message_id)
    thread = tuple(i for i in thread if not i.endswith(SYNTHETIC_SUFFIX))  # keys we made up thread nothing
    if thread:
        msg["In-Reply-To"] = safe_header(thread[-1])
        msg["References"] = safe_header(" ".join(thread))
    msg.set_content(body)
    if html is not None:
        msg.add_alternative(html, subtype="html")
    _check_headers(msg)
    return msg


def _check_headers(msg: EmailMessage) -> None:
    """Read the draft back as a mail client would: the same headers, each one line."""
    reread = email.message_from_bytes(msg.as_bytes(), policy=email.policy.default)
    if [k.lower() for k in reread.keys()] != [k.lower() for k in msg.keys()]:
        raise ValueError("the draft's headers would not read back as written")
    for name, value in reread.items():
        if CONTROL.search(str(value)):
            raise ValueError(f"the {name} header would carry a line break")


def _addressed(msg: EmailMessage, field: str, name: str, addr: str) -> None:
    """Set an address field, with the display name only if the field, folded as it will be written, reads
    back as that one address.

    Python 3.11's email folds a long display name with a comma or an @ out of its quotes: "Okafor, Samuel
    (Director of Policy … Party)" was written unquoted over two lines and read back as two recipients, "Okafor"
    and Samuel; a name can so smuggle in a recipient of its own. Then the address goes alone.
    """
    for shown in (name, ""):
        msg[field] = _address(shown, addr)
        folded = msg[field].fold(policy=POLICY)
        reread = email.message_from_string(folded + "\r\n", policy=email.policy.default)[field]
        if [a.addr_spec for a in getattr(reread, "addresses", ())] == [wire_address(safe_header(addr))]:
            return
        del msg[field]
    # Even alone it would not read back ("x@evil.example¡" comes out as "x@evil.=?utf-8?q?example=C2=A1?="):
    # no draft rather than one addressed to someone else.
    raise ValueError(f"unusable address {addr!r}: it would not read back from the {field} field")


def wire_address(addr: str) -> str:
    """The address as a header without SMTPUTF8 carries it: an internationalised domain in its IDNA form
    (jonas@müller.example is jonas@xn--mller-kva.example). The email package would write the domain as an
    RFC 2047 encoded word instead, which no client decodes inside an address: a draft to no one.

    A local part that is not ASCII has no such form: only a server speaking SMTPUTF8 takes it, and a
    draft cannot ask for that, so the address is refused (ValueError) rather than written broken.
    """
    local, at, domain = addr.rpartition("@")
    if not local.isascii():
        raise ValueError(f"{addr} has letters before the @ that only mail servers speaking SMTPUTF8 accept, and "
                         "a draft's headers cannot be written that way: add an ASCII address for them")
    if domain.isascii():
        return addr
    try:
        # UTS 46 then IDNA 2008, as registries and browsers read a domain (Python's own codec is IDNA 2003,
        # which turns straße.de into strasse.de: another domain).
        return f"{local}{at}{idna.encode(domain, uts46=True).decode('ascii')}"
    except idna.IDNAError as e:
        raise ValueError(f"{addr} has a domain that cannot be written in ASCII (IDNA): {e}") from None


def _address(name: str, addr: str) -> Address:
    addr = wire_address(safe_header(addr))
    try:
        return Address(display_name=safe_header(name), addr_spec=addr)
    except Exception as e:  # the email package raises several kinds on odd addresses
        raise ValueError(f"unusable address {addr!r}: {e}") from None
