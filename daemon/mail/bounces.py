"""Reading a delivery report: who failed, why, or whether the server is only still trying.

Pure. Real reports come in two families. RFC 3464 reports (`multipart/report;
report-type=delivery-status`) name every recipient in a `message/delivery-status` block
with its Action and Status; everything else (qmail, Exim, Sendmail v5, Exchange 2003,
Domino, mail.ru, Yandex, the Japanese carriers…) writes the failure as text: the address,
then the server's words. Both are read here into one Report: every failed recipient with
its reason, the Message-IDs of the message it returns (so a report can be matched to the
outreach it quotes), and whether it is a failure at all or a delay warning or a delivery
report. Which of those addresses are contacts is classify's business, not this module's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import Message
from html import unescape

from daemon.mail.bounce_reasons import (
    UNKNOWN,
    Reason,
    reason_of,
    says_delayed,
    says_failed,
    status_of,
    surely_delayed,
)

FAILED, DELAYED, DELIVERED = "failed", "delayed", "delivered"

MAX_TEXT = 20_000        # characters of a report's notice read
MAX_RECIPIENTS = 100     # recipients read from one report
_SEGMENT = 600           # characters after an address read for its reason

_DAEMONS = ("mailer-daemon", "mailer_daemon", "post_master", "mail-daemon", "maildaemon", "postmaster", "mail.daemon",
            "mdaemon", "mailer", "mail-delivery", "nobody", "bounce", "bounces", "mailerdaemon")
_SENDER_NAMES = re.compile(r"mail delivery|delivery (?:status|subsystem|notification)|mailer.?daemon|postmaster"
                           r"|system administrator|microsoft outlook|mail administrator|mail system|\bndr\b"
                           r"|mail deliver", re.I)
# Subjects no person writes (a forwarded report keeps them after "Fwd:"); an answer ("Re:") is not one.
_REPORT_SUBJECTS = re.compile(r"^\s*(?:(?:fwd?|tr|wg|rv|enc|doorst)\s*:\s*)*(?:undeliver|undelivered mail|returned mail"
                              r"|delivery status notification|mail delivery failed|failure notice|delivery failure"
                              r"|mail system error|non[- ]?delivery|nondeliverable|unzustellbar|non remis"
                              r"|no se puede entregar|onbestelbaar|warning: could not send)", re.I)
_SUBJECTS = re.compile(
    r"undeliver|undelivered|delivery (?:status|failure|failed|notification|report|problem|has failed"
    r"|incomplete|delayed)|mail delivery failed|returned (?:mail|to sender)|failure notice|failed mail|delivery error"
    r"|could not (?:be )?deliver|non[- ]?delivery|mail system error|nondeliverable|rejected|warning: could not send"
    r"|delayed mail|message not delivered|nicht zustellbar|unzustellbar|non remis|non recapitabile|no se puede entregar"
    r"|não (?:é possível|foi possível) entregar|onbestelbaar|не доставлено|недоставлено|не удалось доставить"
    r"|sdne|dsn|配信|エラー|返送|送信失敗|mail failure|error sending|delivery notification",
    re.I)
_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
_HEADER_LINE = re.compile(r"^\s*(?:>\s*)?(?:from|sent|date|subject|reply-to|return-path|received|message-id"
                          r"|sender|x-[\w-]+|envelope-to|delivered-to|mail from|reporting-mta|dkim-signature"
                          r"|references|in-reply-to|list-[\w-]+)\s*:", re.I)
_ORIGINAL_TO = re.compile(r"^\s*(?:to|cc|an|para|à|a)\s*:", re.I)
_ORIGINAL = re.compile(
    r"^[ \t>]*(?:-{2,}.{0,40}(?:original|copy of|below this line|returned message|headers? of|undelivered message"
    r"|enclosed|unsent message|message follows|rejected message|returned mail)|(?:original message|"
    r"the (?:original|unsent) message|a copy of the (?:original )?message)[^\n]{0,40}(?:follows|below|:[ \t]*$)"
    r"|received: ?from |return-path: ?<|content-type: message/rfc822)",
    re.I | re.M)
_QUOTED_TO = re.compile(r"^[ \t>]*(?:to|cc)[ \t]*:[ \t]*(.{1,1000})$", re.I | re.M)
_HELP_LINE = re.compile(r"assistance|(?:please |you can )?contact|support|help ?desk|send (?:e-?)?mail to"
                        r"|問い合わせ|連絡|解決", re.I)
_ENVELOPE_FROM = re.compile(r"(?:from:?\s*<?|\bF=\[?)$", re.I)
_INLINE_ID = re.compile(r"^\s*message-id:\s*(<[^<>\s]{1,250}>)", re.I | re.M)
_FIELD = re.compile(r"^([A-Za-z][\w-]{0,40})\s*:\s*(.*)$")


@dataclass(frozen=True)
class Failure:
    address: str          # the recipient the report names (lower case)
    original: str = ""    # the address as first written, when a forward or an alias changed it
    status: str = ""      # "5.1.1", or the SMTP reply code ("550") when there is no enhanced one
    reason: Reason = UNKNOWN
    diagnostic: str = ""  # the server's own words, one line


@dataclass(frozen=True)
class Report:
    outcome: str = ""                        # failed, delayed, delivered, or "" (not a report)
    failures: tuple[Failure, ...] = ()       # every failed recipient (outcome failed)
    delayed: tuple[str, ...] = ()            # recipients still being tried
    original_ids: tuple[str, ...] = ()       # Message-IDs of the returned message
    quoted: tuple[str, ...] = ()             # the returned message's recipients (To, Cc), as far as it shows them
    structured: bool = False                 # read from RFC 3464 blocks, not from text
    guessed: bool = False                    # the failures are the returned message's recipients: true of one


def suspect(sender_email: str, sender_name: str, subject: str, content_type: str, failed_header: str,
            return_path: str = "") -> bool:
    """From the headers alone: might this be a delivery report? (Cheap: decides whether the body is fetched.)"""
    local = sender_email.partition("@")[0].lower()
    content_type = content_type.lower()
    return (
        ("multipart/report" in content_type and "delivery-status" in content_type)
        or return_path.replace(" ", "") == "<>"  # the null sender: only reports and other automatic mail use it
        or bool(failed_header)
        or local in _DAEMONS or local.startswith(("mailer-daemon", "postmaster", "bounce"))
        or bool(_SENDER_NAMES.search(sender_name))
        or bool(_REPORT_SUBJECTS.match(subject))
        or (bool(_SUBJECTS.search(subject)) and (not sender_email or "mail" in sender_email.lower()
                                                 or any(w in local for w in ("no", "admin", "system", "daemon",
                                                                             "master", "ndr", "bounce"))))
    )


def read_report(msg: Message, own_id: str = "") -> Report:
    """Everything a delivery report says, from the parsed message (headers and the fetched start of the body)."""
    blocks: list[dict[str, str]] = []
    returned: list[str] = []   # the returned message's header text
    texts: list[str] = []
    _collect(msg, blocks, returned, texts, depth=0)
    full = "\n".join(texts)[:MAX_TEXT]
    cut = _ORIGINAL.search(full)
    notice, rest = (full[:cut.start()], full[cut.start():]) if cut else (full, "")
    returned.append(rest[:MAX_TEXT])
    ids = [i for text in returned for i in _INLINE_ID.findall(text)]
    quoted = tuple(dict.fromkeys(a.lower() for text in returned for line in _QUOTED_TO.findall(text[:5000])
                                 for a in _ADDRESS.findall(line)))[:MAX_RECIPIENTS]
    if not blocks and "final-recipient" in notice.lower():
        blocks = _blocks_of_text(notice)  # a report written inline in text (some MTAs, some forwards)
    subject = _header(msg, "Subject")
    original_ids = tuple(dict.fromkeys(i for i in ids if i != own_id))
    recipients = [b for b in blocks if _recipient(b)][:MAX_RECIPIENTS]
    if recipients:
        failures, delayed, delivered = [], [], 0
        for block in recipients:
            action = block.get("action", "").lower()
            status = block.get("status", "").strip()
            if not action:
                action = {"5": FAILED, "2": DELIVERED}.get(status[:1], DELAYED if says_delayed(notice) else FAILED)
            if action.startswith((FAILED, "expired")):  # SendGrid writes "expired" for a failure after retries
                failures.append(_structured_failure(block, notice))
            elif action.startswith(DELAYED):
                delayed.append(_recipient(block))
            else:
                delivered += 1
        if any(not f.address for f in failures):  # "Final-Recipient: rfc822; @mx.example.org": the text names it
            failures += [_text_failure(address, segment, notice) for address, segment in _mentions(notice)]
        outcome = FAILED if failures else DELAYED if delayed else DELIVERED
        return Report(outcome, tuple(_unique(failures)), tuple(delayed), original_ids, quoted, structured=True)
    failed_header = [a.lower() for a in _ADDRESS.findall(_header(msg, "X-Failed-Recipients"))]
    if says_delayed(f"{subject}\n{notice}") and not failed_header or surely_delayed(notice):
        return Report(DELAYED, (), tuple(a for a, _ in _mentions(notice)), original_ids, quoted)
    mentions = _mentions(notice)
    failures = [_text_failure(address, segment, notice if len(mentions) == 1 else "") for address, segment in mentions]
    if not failures:  # Exim's header names the recipient before routing; the text names it as delivery saw it
        failures = [_text_failure(a, _segment_for(a, notice), notice if len(failed_header) == 1 else "")
                    for a in failed_header]
    said = f"{subject}\n{notice}"
    if not failures and quoted and (reason_of(said) is not UNKNOWN or says_failed(said)):
        # "Message could not be delivered. Error: No valid recipients" above a copy of the message: its recipients.
        failures = [_text_failure(a, "", said) for a in quoted]
        return Report(FAILED, tuple(_unique(failures)), (), original_ids, quoted, guessed=True)
    return Report(FAILED if failures else "", tuple(_unique(failures)), (), original_ids, quoted)


def _collect(part: Message, blocks: list[dict[str, str]], returned: list[str], texts: list[str], depth: int) -> None:
    """Walk the parts, never into the returned message itself (its text is not the report's)."""
    if depth > 8:
        return
    kind = (part.get_content_type().split() or [""])[0]  # "text/plain\n charset=…" (a missing ";") is still text
    if kind in ("message/delivery-status", "message/global-delivery-status"):
        blocks.extend(_blocks_of(part))
    elif kind in ("message/rfc822", "message/global", "text/rfc822-headers", "message/global-headers",
                  "message/partial"):
        returned.append(_headers_of(part))
    elif kind.startswith("multipart/"):
        payload = part.get_payload()
        if isinstance(payload, str):  # a boundary that never comes: the parts are one text
            texts.append(payload[:MAX_TEXT])
        for sub in payload if isinstance(payload, list) else []:
            if isinstance(sub, Message):
                _collect(sub, blocks, returned, texts, depth + 1)
    elif kind in ("text/plain", "text/html") and not (kind == "text/html" and texts):
        text = _decoded(part)
        texts.append(_plain(text) if kind == "text/html" else text)


def _plain(html: str) -> str:
    html = re.sub(r"(?is)<(style|script)[^>]{0,200}>.{0,20000}?</\1\s*>", " ", html)
    html = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</tr>", "\n", html)
    return unescape(re.sub(r"<[^>]{0,2000}>", " ", html))


def _decoded(part: Message) -> str:
    try:
        payload = part.get_payload(decode=True) or b""
        charset = part.get_content_charset() or "utf-8"
        try:
            return payload.decode(charset, errors="replace")[:MAX_TEXT]
        except LookupError:
            return payload.decode("utf-8", errors="replace")[:MAX_TEXT]
    except Exception:  # a broken part is a part without text
        return ""


def _blocks_of(part: Message) -> list[dict[str, str]]:
    payload = part.get_payload()
    if isinstance(payload, list):  # compat32 parsed the blocks: one Message each
        found: list[dict[str, str]] = []
        for block in payload[:MAX_RECIPIENTS + 1]:
            if not isinstance(block, Message):
                continue
            if len(block.get_all("Final-Recipient") or ()) > 1:  # recipients with no blank line between (AOL)
                found += _blocks_of_text("\n".join(f"{k}: {' '.join(str(v).split())}" for k, v in block.items()))
            else:
                found.append({k.lower(): " ".join(str(v).split()) for k, v in block.items()})
        return found[:MAX_RECIPIENTS + 1]
    return _blocks_of_text(_decoded(part))


def _blocks_of_text(text: str) -> list[dict[str, str]]:
    """RFC 3464 field blocks from text: "Name: value" lines, folded lines, blocks apart by blank lines."""
    blocks: list[dict[str, str]] = [{}]
    last = ""
    for line in text[:MAX_TEXT].splitlines():
        if not line.strip():
            if blocks[-1]:
                blocks.append({})
            continue
        if line[:1] in " \t" and last in blocks[-1]:
            blocks[-1][last] += " " + line.strip()
            continue
        match = _FIELD.match(line.strip())
        if match:
            last = match.group(1).lower()
            if last in ("final-recipient", "original-recipient") and last in blocks[-1]:
                blocks.append({})  # the next recipient, written without a blank line between
            blocks[-1][last] = match.group(2).strip()
    return [b for b in blocks if b][:MAX_RECIPIENTS + 1]


def _recipient(block: dict[str, str]) -> str:
    for name in ("final-recipient", "original-recipient", "x-actual-recipient"):
        found = _address_in(block.get(name, ""))
        if found:
            return found
    return ""


def _address_in(value: str) -> str:
    match = _ADDRESS.search(value.rpartition(";")[2] or value)
    return match.group(0).lower().strip(".") if match else ""


def _structured_failure(block: dict[str, str], notice: str) -> Failure:
    address = _recipient(block)
    original = _address_in(block.get("original-recipient", ""))
    diagnostic = block.get("diagnostic-code", "") or block.get("x-postfix-diagnostic", "")
    status = block.get("status", "").strip().split(" ")[0]
    words = diagnostic or _segment_for(address, notice) or notice[:4000]
    specific = status_of(words)
    if not status or status.endswith(".0.0") and specific:
        status = specific or status
    reason = reason_of(words, status)
    if reason is UNKNOWN and diagnostic:
        reason = reason_of(_segment_for(address, notice) or notice[:4000], status)
    return Failure(address, original if original != address else "", status, reason, _line(diagnostic))


def _text_failure(address: str, segment: str, notice: str) -> Failure:
    """One address's failure from its own lines; the whole notice speaks for it only when it names no other."""
    reason = reason_of(segment)
    if reason is UNKNOWN:
        reason = reason_of(notice[:4000])
    status = status_of(segment) or status_of(notice[:4000])
    return Failure(address, "", status, reason, _line(segment.replace(address, " ")))


def _mentions(notice: str) -> list[tuple[str, str]]:
    """Addresses the notice names as recipients, each with the text that follows it (its reason)."""
    found: list[tuple[str, int]] = []
    lines = notice.splitlines(keepends=True)
    offset = 0
    for line in lines:
        if _HELP_LINE.search(line):
            offset += len(line)
            continue  # "for assistance, write to <support@…>": the help desk, not a recipient
        if not _HEADER_LINE.match(line) and not _ORIGINAL_TO.match(line) and "for <" not in line.lower():
            for match in _ADDRESS.finditer(line):
                if _ENVELOPE_FROM.search(line[max(0, match.start() - 12):match.start()]):
                    continue  # "MAIL FROM:<me>" in a transcript: the sender, not a recipient
                found.append((match.group(0).lower().strip("."), offset + match.start()))
        offset += len(line)
    mentions: dict[str, str] = {}
    found = found[:MAX_RECIPIENTS * 2]
    for index, (address, start) in enumerate(found):
        if address in mentions:
            continue
        # Its words run to the next other address ("RCPT TO:<same address>" in its own lines does not end them).
        end = next((at for other, at in found[index + 1:] if other != address), len(notice))
        mentions[address] = notice[start:min(end, start + _SEGMENT)]
    return list(mentions.items())[:MAX_RECIPIENTS]


def _segment_for(address: str, notice: str) -> str:
    if not address:
        return ""
    start = notice.lower().find(address)
    return notice[start:start + _SEGMENT] if start >= 0 else ""


def _headers_of(part: Message) -> str:
    """The returned message's header lines, whether parsed (message/rfc822) or as text (text/rfc822-headers)."""
    payload = part.get_payload()
    if isinstance(payload, list):
        return "\n".join(f"{k}: {v}" for sub in payload[:1] if isinstance(sub, Message)
                         for k, v in list(sub.items())[:100])[:MAX_TEXT]
    return _decoded(part) if isinstance(payload, str) else ""


def _header(msg: Message, name: str) -> str:
    try:
        return str(msg.get(name, "") or "")[:2000]
    except Exception:
        return ""


def _line(text: str) -> str:
    return " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", text).split())[:300]


def _unique(failures: list[Failure]) -> list[Failure]:
    seen: dict[str, Failure] = {}
    for failure in failures:
        if failure.address and failure.address not in seen:
            seen[failure.address] = failure
    return list(seen.values())


__all__ = ["DELAYED", "DELIVERED", "FAILED", "Failure", "Report", "read_report", "suspect"]
