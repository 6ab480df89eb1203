"""Why a message bounced, from a report's status code and words: hard or soft, in the user's words.

Pure. The enhanced status codes are RFC 3463's; the words are what Postfix, Sendmail, Exim,
qmail, Exchange, Office 365, Gmail, Yahoo, Domino, mail.ru, Yandex and the Japanese carriers
write next to them (or instead of them). A hard bounce means the address itself is wrong or
gone: the next step is to find a working address. A soft one means this message did not get
through (a full mailbox, a filter, a server that gave up): try again later, or another address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HARD_NEXT = "find a working address"
SOFT_NEXT = "try again in a few days, or another address"


@dataclass(frozen=True)
class Reason:
    key: str      # user_unknown, no_domain, disabled, moved, mailbox_full, too_large, refused, greylisted, expired…
    hard: bool
    words: str    # what the user reads: "no such mailbox (the address may have changed)"

    @property
    def next_step(self) -> str:
        return HARD_NEXT if self.hard else SOFT_NEXT


USER_UNKNOWN = Reason("user_unknown", True, "no such mailbox (the address may have changed)")
NO_DOMAIN = Reason("no_domain", True, "that domain does not receive mail")
DISABLED = Reason("disabled", True, "that mailbox is disabled or closed")
MOVED = Reason("moved", True, "the address has moved")
MAILBOX_FULL = Reason("mailbox_full", False, "their mailbox is full")
TOO_LARGE = Reason("too_large", False, "the message was too large for their server")
REFUSED = Reason("refused", False, "their server refused it (a spam filter or a policy)")
GREYLISTED = Reason("greylisted", False, "their server asked to try again later (greylisting)")
EXPIRED = Reason("expired", False, "their server could not be reached for days; delivery gave up")
UNKNOWN = Reason("unknown", False, "their mail server returned it")

# Words first (they are specific), then the status code's class. First match wins.
_WORDS: tuple[tuple[Reason, re.Pattern[str]], ...] = tuple((reason, re.compile(pattern, re.I)) for reason, pattern in (
    (GREYLISTED, r"gr[ae]ylist|rate limit|at a rate that|too many (?:recipients|messages|connections)"
                 r"|receiving mail (?:too fast|at a rate)"),
    (MAILBOX_FULL, r"mailbox (?:is )?full|over ?quota|quota (?:exceeded|full)|exceeded (?:the|its|their|storage)"
                   r"|insufficient (?:disk )?(?:space|storage)|mailbox size limit|out of storage|storage (?:is )?full"
                   r"|user(?:'s)? (?:mailbox|disk) (?:is )?(?:full|over)|mailfolder is full|full mailbox"
                   r"|容量|メールボックスがいっぱい|переполнен"),
    (TOO_LARGE, r"message (?:is )?too (?:large|big)|size (?:limit )?exceeds|exceeds (?:the )?(?:maximum|size)"
                r"|message size|too large"),
    (DISABLED, r"(?:account|mailbox|user|address)(?: is| has been)? (?:disabled|suspended|deactivated|inactive"
               r"|locked|closed|expired|blocked for inactivity)|inactive (?:user|account|mailbox)"
               r"|no longer (?:active|in use|available|valid)|disabled (?:mailbox|account|recipient)"
               r"|RecipientDisabled|mailbox unavailable: account disabled|(?:mailbox|account) is frozen"),
    (MOVED, r"\b5\.1\.6\b|has moved|no longer at this address|user has moved"),
    (NO_DOMAIN, r"host (?:or domain name )?not found|domain (?:name )?not found|unrouteable (?:mail )?domain"
                r"|host unknown|unknown host|no such domain|name service error|no mx (?:record|host)"
                r"|domain (?:does not|doesn't) exist|nonexistent domain|DNS Error: (?:Domain|DNS type)"
                r"|domain .{0,60} does not accept mail|\b5\.1\.2\b|\b5\.4\.4\b|hostunknown|mx lookup"
                r"|domain is not reachable|couldn't find a mail exchanger"),
    (USER_UNKNOWN, r"user ?unknown|unknown (?:user|recipient|local|address|mailbox)|no such (?:user|mailbox|recipient"
                   r"|address|person|account)|(?:does not|doesn'?t|did not) exist|not (?:a )?(?:valid|known) "
                   r"(?:user|recipient|mailbox|address)|invalid (?:recipient|address|mailbox|user)|\b5\.1\.1\b"
                   r"|recipient (?:address )?rejected|user not found|mailbox not found|recipient not found"
                   r"|address rejected|unrouteable address|RecipNotFound|recipient name is not recognized"
                   r"|not listed in (?:the )?(?:domino )?directory|is not a valid mailbox|no mailbox here"
                   r"|mailbox (?:is )?unavailable|account (?:is )?unavailable|bad destination mailbox"
                   r"|unknown or illegal alias|address unknown|no account|(?:does not|doesn'?t) have an? .{0,20}account"
                   r"|Requested action not taken: mailbox|not our customer|no valid recipients|nicht gefunden"
                   r"|destinataire inconnu|не существует|не найден|存在しない|宛先不明"),
    (EXPIRED, r"try again|temporar|malformed or unexpected name server|retry time(?:out)? (?:not reached|exceeded)"
              r"|too long in (?:the )?queue|expired|gave up|given up"
              r"|could not be delivered (?:with)?in|delivery time ?out|maximum time|\b4\.4\.7\b|\b5\.4\.7\b"
              r"|timed? ?out|connection refused|unable to connect|could not connect|no route to host"),
    (REFUSED, r"\b5\.7\.\d+\b|spam|blocked|block ?list|black ?list|rbl\b|spf|dmarc|dkim|reputation|policy"
              r"|denied|not (?:permitted|allowed|authorized)|relay(?:ing)? (?:denied|not permitted|access denied)"
              r"|virus|content (?:rejected|filter)|rejected|refused|filter"),
))

# The class of an enhanced status code alone ("5.1.1"), when the words said nothing more specific.
_CODES = {
    "1.1": USER_UNKNOWN, "1.0": USER_UNKNOWN, "1.2": NO_DOMAIN, "1.3": USER_UNKNOWN, "1.6": MOVED,
    "1.10": USER_UNKNOWN, "2.1": DISABLED, "2.2": MAILBOX_FULL, "2.3": TOO_LARGE, "3.4": TOO_LARGE,
    "4.4": NO_DOMAIN, "4.7": EXPIRED, "4.1": EXPIRED, "4.2": EXPIRED, "7.1": REFUSED, "7.13": DISABLED,
}
_SPECIFIC = ("1.1", "1.2", "1.10", "2.1", "2.2", "3.4", "7.13")  # codes that say more than "refused"

STATUS = re.compile(r"(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d.]\d)")
REPLY_CODE = re.compile(r"(?<![\d.])([45][0-5]\d)(?=[ -])")

# A report that says the server is still trying: not a bounce. The strong words win over any other.
_DELAY_SURE = re.compile(r"warning message only|you do not need to resend|no action is required"
                         r"|will be retried for \d+ more|delivery attempts will continue", re.I)
_DELAY = re.compile(
    r"(?<!not )(?<!n't )(?:will|shall) (?:be )?(?:retried|retry|continue"
    r" (?:trying|to try|to attempt)|keep trying|try (?:again|to deliver))|still (?:trying|being retried|in the queue)"
    r"|has not yet been delivered|not (?:yet )?been delivered yet|(?:has been|is|was) delayed|delivery (?:is )?delayed"
    r"|delayed mail|delay(?:ed)? (?:notification|warning)|\(delay\)|temporarily (?:deferred|delayed)"
    r"|is being retried|could not be delivered yet|will be attempted again|attempts will continue"
    r"|Zustellung verzögert|encore en cours|retard de livraison|entrega retrasada",
    re.I)
_FINAL = re.compile(r"permanent(?:ly)? (?:error|failure|fatal)|fatal error|gave up|given up|could not be delivered"
                    r"(?! yet)|undeliverable|failed permanently|(?:has|have) been returned|delivery (?:has )?failed"
                    r"|will not be retried|delivery to the following recipients? failed", re.I)


def reason_of(text: str, status: str = "") -> Reason:
    """The reason a failure text (a Diagnostic-Code, or the lines next to an address) gives, with its status code."""
    code = status or first_status(text)
    if code[2:] == "1.6":
        return MOVED
    broad = None
    for reason, pattern in _WORDS:
        if pattern.search(text):
            if reason not in (EXPIRED, REFUSED):
                return _temporary(reason, text)
            broad = broad or reason
    if code[2:] in _SPECIFIC:
        return _CODES[code[2:]]
    if broad is not None:
        return broad
    if code:
        return _CODES.get(code[2:], REFUSED if code.startswith("5.7") else UNKNOWN)
    return UNKNOWN


def _temporary(reason: Reason, text: str) -> Reason:
    """A domain "not found, try again" is a name server that did not answer, not a domain that is gone."""
    if reason is NO_DOMAIN and re.search(r"try again|temporar|malformed or unexpected", text, re.I):
        return EXPIRED
    return reason


def first_status(text: str) -> str:
    """The first enhanced status code in a text ("5.1.1"), or ""."""
    match = STATUS.search(text)
    return ".".join(match.groups()) if match else ""


def status_of(text: str, status: str = "") -> str:
    """The code to store: the enhanced status code ("5.1.1"), else the SMTP reply code ("550"), else ""."""
    code = status or first_status(text)
    if code:
        return code
    reply = REPLY_CODE.search(text)
    return reply.group(1) if reply else ""


def surely_delayed(text: str) -> bool:
    """Words only a warning uses ("THIS IS A WARNING MESSAGE ONLY", "No action is required")."""
    return bool(_DELAY_SURE.search(text))


def says_delayed(text: str) -> bool:
    """The notice says delivery is still being tried, and nowhere that it gave up."""
    return bool(_DELAY_SURE.search(text)) or (bool(_DELAY.search(text)) and not _FINAL.search(text))


def reason_by_key(key: str) -> Reason:
    """A stored reason's key back to its Reason (UNKNOWN for a key this version does not know)."""
    for reason in (USER_UNKNOWN, NO_DOMAIN, DISABLED, MOVED, MAILBOX_FULL, TOO_LARGE, REFUSED, GREYLISTED, EXPIRED):
        if reason.key == key:
            return reason
    return UNKNOWN


def says_failed(text: str) -> bool:
    """The notice says the message was not delivered ("could not be delivered", "permanent error"…)."""
    return bool(_FINAL.search(text))
