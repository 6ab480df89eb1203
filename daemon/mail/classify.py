"""Classifying a message summary into a MailEvent: outreach, follow-up, reply, auto-reply, bounce, bulk or other.

Pure: it reads a MailSummary and what the contact log already knows (addresses and the
Message-IDs of each contact's threads) and returns one event. Ordinary mail (bills,
friends, newsletters) comes out as `other` or `bulk` and never creates a contact.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

from daemon.mail import auto_replies, bounces
from daemon.mail.auto_replies import AUTOMATIC, MOVED, OUT_OF_OFFICE, READ_RECEIPT, read_automatic
from daemon.mail.bounce_reasons import reason_of
from daemon.mail.bounces import DELAYED, FAILED, Failure
from daemon.mail.messages import Address, MailSummary, addresses
from daemon.mail.outreach import judge, normalized, own_text
from daemon.mail.return_dates import return_date
from daemon.mail.wording import ask_of, first_name, greeting_of

OUTREACH = "outreach"      # from me, to one person, weighs as networking (mail/outreach.py), or to a contact
FOLLOW_UP = "follow_up"    # from me, inside a thread I have with a contact
REPLY = "reply"            # to me, in a contact's thread or from a contact's address
AUTO_REPLY = "auto_reply"  # an out-of-office or other automatic answer: not a reply
BOUNCE = "bounce"          # a delivery failure for one or several contacts' addresses
DELAY = "delay"            # a delivery report that says the server is still trying: changes nothing
BULK = "bulk"              # mailing lists and bulk mail: ignored
OTHER = "other"            # everything else: ignored

TRACKED = (OUTREACH, FOLLOW_UP, REPLY, AUTO_REPLY, BOUNCE, DELAY)

_DAEMONS = ("mailer-daemon", "postmaster", "mail-daemon")


@dataclass(frozen=True, slots=True)
class Bounced:
    """One contact a delivery report says did not get the message, and why."""

    contact: str        # the contact's key address
    address: str        # the address of theirs that failed
    failure: Failure


@dataclass(frozen=True, slots=True)
class MailEvent:
    """One message, as it matters to the contact log."""

    kind: str
    message_id: str
    date: datetime
    contact: str | None = None   # the contact's address the event concerns
    name: str = ""               # the contact's display name, when the message gives one
    subject: str = ""
    thread: tuple[str, ...] = () # the message's ancestors (References, In-Reply-To), then its own Message-ID
    my_address: str = ""         # which of my addresses sent it (outreach and follow-ups)
    resume_on: datetime | None = None  # an out-of-office's return date
    by_thread: bool = False      # found by In-Reply-To/References, not just by address
    why: tuple[str, ...] = ()    # for my own messages: why it counted as outreach or not, in plain words
    greeting: str = ""           # outreach: the greeting I opened with ("Dear Ms. Okoro,")
    ask: str = ""                # outreach: what I asked for ("15 minutes for a call")
    introducers: tuple[str, ...] = ()  # outreach: people I copied who introduced us (their reply-all is not an answer)
    sure: bool = True            # outreach: False when it only just reads as networking (it waits for review)
    bounced: tuple[Bounced, ...] = ()  # bounce: every contact the report names (contact is the first)
    automatic: str = ""          # auto_reply: out_of_office, challenge, ticket, moved, automatic
    new_address: str = ""        # auto_reply "no longer monitored, write to X": X
    sent_to: str = ""            # a sent first note: the address of theirs it went to (maybe one the log lacked)


class Lookup(dict):
    """A dict that asks the contact log for a key the first time it is wanted (None: there is none).

    A cycle with ten new messages reads the few addresses and Message-IDs they name, not the
    whole log; with no `load` it is a plain dict (a first sync reads everything at once).
    """

    def __init__(self, load: Callable[[str], str | None] | None = None):
        super().__init__()
        self._load = load
        self._asked: set[str] = set()

    def _fill(self, key: str) -> None:
        if self._load is not None and key not in self._asked and not dict.__contains__(self, key):
            self._asked.add(key)
            value = self._load(key)
            if value is not None:
                dict.__setitem__(self, key, value)

    def __contains__(self, key: object) -> bool:
        self._fill(key)  # type: ignore[arg-type]
        return dict.__contains__(self, key)

    def __getitem__(self, key: str) -> str:
        self._fill(key)
        return dict.__getitem__(self, key)

    def get(self, key: str, default=None):  # type: ignore[override]
        self._fill(key)
        return dict.get(self, key, default)

    def setdefault(self, key: str, default=None):  # type: ignore[override]
        self._fill(key)
        return dict.setdefault(self, key, default)


@dataclass
class Known:
    """What the contact log knows, updated as each event of a batch is classified."""

    my_addresses: frozenset[str]
    phrases: tuple[str, ...]
    keyword: str = ""
    contacts: dict[str, str] = field(default_factory=Lookup)  # any address -> the contact's key address
    threads: dict[str, str] = field(default_factory=Lookup)   # Message-ID -> the contact's key address
    ignored: frozenset[str] = frozenset()                    # addresses and domains never tracked
    introducers: dict[str, set[str]] = field(default_factory=dict)  # contact key -> who introduced us (copied)
    history: dict[str, dict[str, datetime]] = field(default_factory=dict)  # address -> Message-ID -> date
    # Message-ID of each first note coffeechat drafted -> (the contact's key address, when it was drafted)
    first_notes: dict[str, tuple[str, datetime]] = field(default_factory=dict)

    def learn(self, event: MailEvent) -> None:
        if event.kind not in (OUTREACH, FOLLOW_UP, REPLY) or not event.contact:
            return
        key = self.contacts.setdefault(event.contact, event.contact)
        for message_id in event.thread:
            self.threads.setdefault(message_id, key)
        if event.introducers:
            self.introducers.setdefault(key, set()).update(event.introducers)
        if event.sent_to:
            self.contacts.setdefault(event.sent_to, key)  # theirs from now on, unless the log says whose it is

    def saw(self, message_id: str, address: str, date: datetime) -> None:
        """Remember that a message went between me and this address (history; each message once)."""
        self.history.setdefault(address, {})[message_id] = date

    def earlier(self, address: str, before: datetime) -> int:
        """How many messages I exchanged with this address before a moment."""
        return sum(1 for date in self.history.get(address, {}).values() if date < before)

    def is_ignored(self, address: str) -> bool:
        return is_ignored(address, self.ignored)


def is_ignored(address: str, ignored: frozenset[str]) -> bool:
    """An address is ignored when listed itself, or its domain or a parent domain is ("family.example")."""
    address = address.lower()
    if address in ignored:
        return True
    domain = address.rpartition("@")[2]
    labels = domain.split(".")
    return any(".".join(labels[i:]) in ignored for i in range(len(labels) - 1))


def correspondents(summary: MailSummary, folder_role: str, my_addresses: frozenset[str]) -> tuple[str, ...]:
    """The people a message went between me and: its recipients if I sent it, else its sender."""
    if folder_role == "sent":
        return tuple(dict.fromkeys(a.email for a in summary.recipients if a.email not in my_addresses))
    sender = summary.sender.email if summary.sender else ""
    return (sender,) if sender and sender not in my_addresses else ()


def about_contact(summary: MailSummary, known: Known, event: MailEvent | None) -> str | None:
    """The contact a message concerns: its event's, a contact among its people, or the thread's owner."""
    if event is not None and event.contact and event.kind in (OUTREACH, FOLLOW_UP, REPLY):
        return known.contacts.get(event.contact, event.contact)
    people = [summary.sender] if summary.sender else []
    for address in [*people, *summary.recipients, *addresses([summary.fields.get("reply-to", "")])]:
        if address.email in known.contacts and address.email not in known.my_addresses:
            return known.contacts[address.email]
    return _thread_owner(summary, known)


def wants_body(summary: MailSummary) -> bool:
    """True when classification needs the start of the body, not just the headers."""
    sender = summary.sender.email if summary.sender else ""
    return (
        summary.folder_role == "sent"
        or _is_dsn(summary)
        or _is_daemon(sender)
        or bounces.suspect(sender, summary.sender.name if summary.sender else "", summary.subject,
                           summary.fields.get("content-type", ""), summary.fields.get("x-failed-recipients", ""),
                           summary.fields.get("return-path", ""))
        or auto_replies.suspect(summary.fields, summary.subject)
    )


def bulk_whatever_the_log_says(summary: MailSummary) -> bool:
    """Incoming list mail that classify() calls bulk whoever the contact log knows: no delivery report,
    no automatic answer, nothing a body would change. A first sync lets go of these (half a busy
    inbox) as soon as they are read, instead of holding them all until the batch is classified."""
    sender = summary.sender.email if summary.sender else ""
    return (summary.folder_role != "sent" and is_bulk(summary) and summary.report is None and not wants_body(summary)
            and read_automatic(summary.fields, summary.subject, summary.body, sender) is None)


def classify(summary: MailSummary, known: Known) -> MailEvent:
    sender = summary.sender.email if summary.sender else ""
    if summary.folder_role == "sent":
        return _from_me(summary, known, sender)
    if sender in known.my_addresses:
        # My address on mail that arrived: a copy of what is also in Sent, or a forgery.
        # Either way Sent is the record of what I sent, so this one is not evidence.
        return _event(OTHER, summary)
    report = summary.report
    if report is not None and report.outcome and (report.structured or not _away(summary)):
        return _bounce(summary, known)
    if _is_dsn(summary) or _is_daemon(sender):
        return _event(OTHER, summary)  # a report for no one we know, or one too broken to read
    in_thread = _thread_owner(summary, known)
    introducer = sender in known.introducers.get(in_thread or "", ())
    if in_thread is not None and known.contacts.get(sender) != in_thread and introducer:
        # The introducer I copied on the outreach answering (the introducer's "so glad you two are
        # connecting!") is not the contact's answer. An assistant I did not copy still is.
        in_thread = None
    owner = in_thread or known.contacts.get(sender)
    automatic = read_automatic(summary.fields, summary.subject, summary.body, sender)
    if automatic is not None:
        if owner is None or automatic.kind == READ_RECEIPT:
            return _event(OTHER, summary)
        resume_on = return_date(summary.body, summary.date) if automatic.kind in (OUT_OF_OFFICE, AUTOMATIC) else None
        new_address = automatic.new_address
        if new_address in known.my_addresses or known.contacts.get(new_address) == owner:
            new_address = ""
        return _event(AUTO_REPLY, summary, owner, resume_on=resume_on, by_thread=in_thread is not None,
                      automatic=automatic.kind, new_address=new_address)
    if is_bulk(summary):
        return _event(BULK, summary)
    if owner is not None:
        return _event(REPLY, summary, owner, by_thread=in_thread is not None)
    return _event(OTHER, summary)


def _from_me(summary: MailSummary, known: Known, sender: str) -> MailEvent:
    if summary.message_id in known.first_notes:
        return _sent_first_note(summary, known, sender)
    others = [a for a in summary.recipients if a.email not in known.my_addresses]
    to_others = [a for a in summary.to if a.email not in known.my_addresses]
    recipients = {known.contacts[a.email] for a in others if a.email in known.contacts}
    owner = _thread_owner(summary, known)
    mine = {"my_address": sender if sender in known.my_addresses else ""}
    if owner is not None and owner in recipients:
        return _event(FOLLOW_UP, summary, owner, why=("in the thread of your outreach to them",), **mine)
    starts_thread = not summary.in_reply_to and not summary.references
    # A new note goes to the one person in To. A reply in someone else's thread (the answer to
    # "Jordan, meet Sam") goes to the person it greets, whoever is in To and whoever in Cc.
    if len(to_others) == 1 and (starts_thread or len(others) == 1):
        person: Address | None = to_others[0]
    else:
        person = None if starts_thread else greeted(summary, others, to_others)
    if person is None:
        why = ("written only to yourself" if not others else f"written to {len(to_others)} people, not one"
               if starts_thread else "a reply that greets no one of those it goes to")
        return _event(OTHER, summary, why=(why,))
    if known.is_ignored(person.email):
        return _event(OTHER, summary, why=("on your ignore list",))
    copied = [a for a in others if a.email != person.email]
    if len(copied) > 2:
        return _event(OTHER, summary, why=(f"copies {len(copied)} other people: group mail",))
    outreach = dict(name=person.name, greeting=greeting_of(summary.body, person.name), ask=ask_of(summary.body),
                    introducers=_introducers(summary, copied, person), **mine)
    if person.email in known.contacts:
        return _event(OUTREACH, summary, known.contacts[person.email],
                      why=("to someone already in your contact log",), **outreach)
    if bool(known.keyword) and known.keyword.lower() in summary.keywords:
        return _event(OUTREACH, summary, person.email, why=(f"you tagged it {known.keyword}",), **outreach)
    verdict = judge(summary.subject, summary.body, person.email, known.earlier(person.email, summary.date),
                    starts_thread=starts_thread, extra_phrases=known.phrases)
    if verdict.outreach:
        why = verdict.reasons if verdict.sure else ("borderline: it waits for your confirmation in coffeechat review",
                                                    *verdict.reasons[:2])
        return _event(OUTREACH, summary, person.email, why=why, sure=verdict.sure, **outreach)
    return _event(OTHER, summary, why=verdict.reasons)


def _sent_first_note(summary: MailSummary, known: Known, sender: str) -> MailEvent:
    """A first note coffeechat drafted, as the user sent it: that contact's outreach, whatever they edited
    (the wording, the subject, who else they copied), and confirmed (the user asked for it).

    Dated when it went out: a client that kept the draft's own Date header leaves the server's
    arrival time (INTERNALDATE) as the only word on when it was sent.
    """
    key, drafted_at = known.first_notes[summary.message_id]
    person = next((a for a in summary.recipients if known.contacts.get(a.email) == key), None)
    if person is None:
        # The user changed To before sending (a newer address than the one LinkedIn had): the one person in
        # To the log knows nothing of is who it went to, and where their follow-up must go (sent_to).
        new = [a for a in summary.to if a.email not in known.my_addresses and a.email not in known.contacts]
        person = new[0] if len(new) == 1 else None
    name = person.name if person else ""
    copied = [a for a in summary.recipients if a.email not in known.my_addresses and a != person]
    event = _event(OUTREACH, summary, key, why=("the first note coffeechat drafted for them, as you sent it",),
                   name=name, greeting=greeting_of(summary.body, name), ask=ask_of(summary.body),
                   introducers=_introducers(summary, copied, person) if person else (),
                   my_address=sender if sender in known.my_addresses else "", sent_to=person.email if person else "")
    if summary.received is not None and summary.date <= drafted_at:
        event = replace(event, date=max(summary.received, drafted_at))
    return event


def greeted(summary: MailSummary, people: list[Address], to: list[Address]) -> Address | None:
    """The one of `people` the user's text greets ("Hi Sam —", "Deshawn, great to meet you" after "Thanks, Mei!")."""
    # Any word of the name: "Lan," greets Nguyễn Thị Lan, whose given name comes last.
    names = {a.email: {w for w in re.findall(r"[\w'-]+", a.name.lower()) if len(w) > 1} for a in people}
    for line in own_text(summary.body).split("\n"):
        greeting = greeting_of(line, "") or (line.strip().split(",")[0] if "," in line[:30] else "")
        words = set(re.findall(r"[\w'-]+", greeting.lower()))
        found = [a for a in people if names[a.email] & words]
        if len(found) == 1:
            return found[0]
    return None


def _introducers(summary: MailSummary, copied: list[Address], person: Address) -> tuple[str, ...]:
    """The people I copied whom my note names (who introduced us), not the contact's own other address.

    Their reply-all ("so glad you two are connecting!") is not the contact's answer. An
    assistant or a second address of the contact I copied is not named, so their answer is.
    """
    text = normalized(own_text(summary.body))
    mine = first_name(person.name).lower()
    named = []
    for address in copied:
        first = first_name(address.name).lower()
        if first and first != mine and re.search(rf"\b{re.escape(first)}\b", text):
            named.append(address.email)
    return tuple(sorted(named))


def _bounce(summary: MailSummary, known: Known) -> MailEvent:
    """Every contact a delivery report names; or, when it names none we know, the outreach it quotes."""
    report = summary.report
    assert report is not None
    owner = _quoted_owner(summary, known)
    if report.outcome == DELAYED:
        delayed = [known.contacts[a] for a in report.delayed if a in known.contacts] or ([owner] if owner else [])
        return _event(DELAY, summary, delayed[0]) if delayed else _event(OTHER, summary)
    if report.outcome != FAILED:
        return _event(OTHER, summary)  # a delivery report: delivered, relayed, expanded
    found: dict[str, Bounced] = {}
    for failure in report.failures:
        for address in (failure.address, failure.original):
            if address in known.contacts and address not in known.my_addresses:
                found.setdefault(known.contacts[address], Bounced(known.contacts[address], address, failure))
                break
    if report.guessed and len(found) > 1:
        found = {}  # the returned copy went to several contacts and the report does not say which failed
    if not found and owner is not None and (len(report.failures) <= 1 or report.guessed):
        # The report quotes my outreach (its Message-ID) but names an address I never wrote to (an alias).
        failure = report.failures[0] if report.failures else Failure(owner, reason=reason_of(summary.body[:4000]))
        found[owner] = Bounced(owner, owner, failure)
    if not found:
        return _event(OTHER, summary)  # a bounce for someone not in the log
    bounced = tuple(found.values())
    return _event(BOUNCE, summary, bounced[0].contact, bounced=bounced, why=(bounced[0].failure.reason.words,))


def _quoted_owner(summary: MailSummary, known: Known) -> str | None:
    """The contact whose thread the returned message belongs to (its Message-ID, or the report's own threading)."""
    ids = summary.report.original_ids if summary.report else ()
    for message_id in ids:
        if message_id in known.threads:
            return known.threads[message_id]
    return _thread_owner(summary, known)


def _away(summary: MailSummary) -> bool:
    """An out-of-office or a "write to my new address" that a text-only report reader could take for a bounce.

    A report with a status code is a report whatever else it says ("551 User has moved").
    """
    found = read_automatic(summary.fields, summary.subject, summary.body, "")
    coded = summary.report is not None and any(f.status for f in summary.report.failures)
    return found is not None and found.kind in (OUT_OF_OFFICE, MOVED) and not coded


def _event(kind: str, summary: MailSummary, contact: str | None = None, **details: object) -> MailEvent:
    return MailEvent(kind=kind, message_id=summary.message_id, date=summary.date, contact=contact,
                     subject=summary.subject, thread=_thread_of(summary), **details)


def _thread_of(summary: MailSummary) -> tuple[str, ...]:
    """The message's ancestors (References, and In-Reply-To, which some clients set alone), then itself."""
    ancestors = tuple(dict.fromkeys(summary.references + summary.in_reply_to))
    return tuple(i for i in ancestors if i != summary.message_id) + (summary.message_id,)


def _thread_owner(summary: MailSummary, known: Known) -> str | None:
    """The contact whose thread this message belongs to, by In-Reply-To, then newest Reference first."""
    for message_id in summary.in_reply_to + tuple(reversed(summary.references)):
        if message_id in known.threads:
            return known.threads[message_id]
    return None


def is_bulk(summary: MailSummary) -> bool:
    precedence = summary.fields.get("precedence", "").lower()
    return bool(summary.fields.get("list-id")) or precedence in ("bulk", "list", "junk")


def _is_dsn(summary: MailSummary) -> bool:
    content_type = summary.fields.get("content-type", "").lower()
    return "multipart/report" in content_type and "delivery-status" in content_type


def _is_daemon(sender: str) -> bool:
    return sender.split("@")[0] in _DAEMONS
