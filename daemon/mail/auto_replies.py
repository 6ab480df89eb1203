"""Automatic mail that is not an answer: out-of-office, challenge-response, ticket receipts, "address no longer used".

Pure. Headers first (RFC 3834 Auto-Submitted, the vendor marks of Exchange, cPanel,
Zimbra, Dovecot Sieve, Gmail), then the subject, in the seven languages our users'
contacts write in (English, Spanish, French, German, Portuguese, Italian, Dutch), then
the start of the body. A read receipt is automatic too: it says the message was opened,
not what the contact thinks of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OUT_OF_OFFICE = "out_of_office"   # away; may name a return date
CHALLENGE = "challenge"           # "please verify you are human" before the message is delivered
TICKET = "ticket"                 # "we received your request #1234"
MOVED = "moved"                   # "this address is no longer monitored, please write to X"
READ_RECEIPT = "read_receipt"     # the message was displayed
AUTOMATIC = "automatic"           # marked automatic, nothing more specific

_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")

_OOO_SUBJECT = re.compile(
    r"^\s*(?:\[[^\]]{0,40}\]\s*)?(?:"
    r"automatic reply|auto(?:matic)?[ -]?(?:reply|response|responder|antwort)|autoreply|auto:|out of (?:the )?office"
    r"|ooo\b|away from (?:my|the)|on (?:annual )?(?:leave|vacation|holiday)|vacation|away(?: until| till|:)"
    r"|respuesta autom[aá]tica|fuera de (?:la )?oficina|ausente|ausencia|de vacaciones"
    r"|r[ée]ponse automatique|absen(?:ce|t)|message d'absence|en cong[ée]s?|r[ée]pondeur"
    r"|automatische (?:antwort|r[üu]ckantwort|abwesenheits)|abwesenheit|abwesend|au[ßs]er (?:haus|b[üu]ro)"
    r"|urlaub|resposta autom[aá]tica|aus[êe]ncia|fora do escrit[óo]rio|em f[ée]rias"
    r"|risposta automatica|fuori (?:sede|ufficio)|assen(?:te|za)|in ferie"
    r"|automatisch(?:e)? (?:antwoord|beantwoord|bericht)|afwezig|niet aanwezig|buiten kantoor|met vakantie"
    r")", re.I)
_OOO_BODY = re.compile(
    r"out of (?:the )?office|away from (?:the|my) (?:office|desk|email)|on (?:annual |parental |sick )?(?:leave"
    r"|vacation|holiday)|limited (?:access to )?e-?mail|currently (?:away|traveling|travelling|out)|i(?:'m| am) away"
    r"|estoy (?:fuera|de vacaciones|ausente)|me encuentro (?:fuera|ausente|de vacaciones)|fuera de la oficina"
    r"|je suis (?:actuellement )?(?:absent|en cong[ée]s|en vacances|hors du bureau)|absente? du bureau"
    r"|ich bin (?:bis|vom|ab|derzeit|zurzeit|momentan|im urlaub|nicht)|nicht im (?:b[üu]ro|haus)|abwesend|urlaub"
    r"|estou (?:fora|ausente|de f[ée]rias)|(?:encontro-me|estarei) (?:fora|ausente)|de f[ée]rias"
    r"|sono (?:fuori|assente|in ferie)|sar[òo] (?:fuori|assente)|fuori ufficio"
    r"|ik ben (?:afwezig|niet aanwezig|met vakantie|op vakantie|tot en met)|niet op kantoor|afwezig", re.I)
_CHALLENGE = re.compile(
    r"verify (?:that )?you(?:'re| are) (?:a )?(?:human|real|not a robot)|prove (?:that )?you(?:'re| are) (?:a )?human"
    r"|not a (?:ro)?bot|challenge[- ]response|spam ?arrest|boxtrapper|mailchannels|(?:confirm|verify) your (?:e-?mail|"
    r"address|message) (?:to|so|before)|held (?:pending|until) (?:your )?(?:verification|confirmation)"
    r"|before (?:your|the) message (?:is|can be|will be) delivered|approved senders? list|whitelist"
    r"|(?:vérifier|confirmer) que vous (?:êtes|n'êtes pas)|verificar que (?:usted )?(?:es|eres) humano"
    r"|bestätigen sie,? dass sie", re.I)
_TICKET_SUBJECT = re.compile(
    r"\[?(?:#|ticket|case|request|incident|ref(?:erence)?|caso|demande|anfrage|pedido|richiesta|verzoek)"
    r"[ :#-]{0,3}(?:no\.?|number|nr\.?|n[°º])?[ :#]{0,2}\d{3,}\]?|request received|ticket (?:created|opened|received)"
    r"|we(?:'ve| have)? received your|your (?:request|ticket|case|message) (?:has been|was) (?:received|created)"
    r"|hemos recibido|nous avons (?:bien )?re[çc]u|wir haben ihre|recebemos (?:a )?sua|abbiamo ricevuto"
    r"|wij hebben uw|uw (?:vraag|verzoek) is ontvangen", re.I)
_TICKET_BODY = re.compile(
    r"(?:ticket|case|request|reference|incident) \(?(?:number|no\.?|id|#)|your (?:request|ticket|case|message)\b.{0,20}"
    r"(?:has been|was) (?:received|created|opened)|we(?:'ve| have)? received your (?:request|"
    r"message|e-?mail|inquiry|enquiry)|a member of our (?:support )?team will|one of our (?:agents|team)"
    r"|(?:support|help ?desk|customer (?:service|care)) team|within \d+ (?:business |working )?(?:hours|days)"
    r"|hemos recibido su|nous avons (?:bien )?re[çc]u votre|wir haben ihre (?:anfrage|nachricht) erhalten"
    r"|recebemos (?:a )?sua|abbiamo ricevuto la sua|wij hebben uw", re.I)
_MOVED = re.compile(
    r"(?:address|mailbox|inbox|account|e-?mail)(?: address)? (?:is |will )?(?:no longer|not) (?:being )?(?:monitored"
    r"|checked|in use|active|read|valid)|no longer (?:monitored|checked|in use|with|at|working|employed|part of)"
    r"|(?:has|have) left (?:the|our|this)|(?:i|she|he|they) (?:left|departed|moved on from)|last day (?:at|with|was)"
    r"|new (?:e-?mail )?address|please (?:update your|use my new)|n'est plus (?:consult[ée]e|active|surveill[ée]e|"
    r"utilis[ée]e|valide)|ne fait plus partie|a quitt[ée]|ya no (?:se revisa|est[áa] (?:activ|en uso|monitor)|trabaja"
    r"|forma parte)|nicht mehr (?:aktiv|abgerufen|genutzt|besetzt|gelesen|im unternehmen|bei)|hat das unternehmen"
    r"|zuk[üu]nftig|n[ãa]o (?:[ée]|est[áa]) mais (?:monitorad|usad|ativ|utilizad)|deixou a empresa|n[ãa]o faz mais"
    r"|non (?:[èe]|viene) pi[ùu] (?:attiv|monitorat|utilizzat|lett)|non lavora pi[ùu]|niet meer (?:in gebruik|actief|"
    r"gelezen|werkzaam)|is niet langer|werkt niet meer", re.I)
_READ_SUBJECT = re.compile(r"^\s*(?:read|lu|gelesen|le[íi]do|lido|letto|gelezen|läst|read receipt)\s*:", re.I)
_READ_BODY = re.compile(r"was read on|a été lu|wurde am .{0,40}gelesen|fue le[íi]do|foi lida|è stato letto"
                        r"|is gelezen op|gelesen", re.I)


@dataclass(frozen=True)
class Automatic:
    kind: str
    new_address: str = ""   # MOVED: where the notice says to write instead


def marked_automatic(fields: dict[str, str]) -> bool:
    """RFC 3834 and the vendors' own marks: strong enough alone."""
    auto_submitted = fields.get("auto-submitted", "").lower()
    return (
        (auto_submitted != "" and not auto_submitted.startswith("no"))
        or bool(fields.get("x-autoreply") or fields.get("x-autorespond") or fields.get("x-mail-autoreply"))
        or bool(fields.get("x-ms-exchange-inbox-rules-loop"))
        or fields.get("x-autogenerated", "").lower() in ("reply", "yes")
        or fields.get("precedence", "").lower() == "auto_reply"
    )


def suspect(fields: dict[str, str], subject: str) -> bool:
    """From the headers alone: might this be automatic (so its body is worth fetching)?"""
    return (marked_automatic(fields) or bool(_OOO_SUBJECT.match(subject)) or bool(_READ_SUBJECT.match(subject))
            or bool(_TICKET_SUBJECT.search(subject)) or bool(fields.get("x-auto-response-suppress"))
            or "disposition-notification" in fields.get("content-type", "").lower())


def read_automatic(fields: dict[str, str], subject: str, body: str, sender: str) -> Automatic | None:
    """What kind of automatic mail this is, or None for mail a person wrote."""
    text = body[:6000]
    if "disposition-notification" in fields.get("content-type", "").lower() or (
            _READ_SUBJECT.match(subject) and (_READ_BODY.search(text) or marked_automatic(fields))):
        return Automatic(READ_RECEIPT)
    marked = marked_automatic(fields)
    weak = bool(fields.get("x-auto-response-suppress"))  # Outlook sets it on more than out-of-office replies
    ooo_subject = bool(_OOO_SUBJECT.match(subject))
    if not (marked or ooo_subject or weak or _TICKET_SUBJECT.search(subject)):
        return None
    if _MOVED.search(text) or _MOVED.search(subject):
        new = _new_address(text, sender)
        if new or marked or ooo_subject:
            return Automatic(MOVED, new)
    if _CHALLENGE.search(text) or _CHALLENGE.search(subject):
        return Automatic(CHALLENGE)
    if ooo_subject or (_OOO_BODY.search(text) and (marked or weak)):
        return Automatic(OUT_OF_OFFICE)
    if _TICKET_SUBJECT.search(subject) and (marked or _TICKET_BODY.search(text)) or marked and _TICKET_BODY.search(
            text):
        return Automatic(TICKET)
    return Automatic(AUTOMATIC) if marked else None


def _new_address(text: str, sender: str) -> str:
    """The address a "no longer monitored" notice points to: the first one in it that is not its own."""
    own = sender.lower()
    for match in _ADDRESS.finditer(text):
        found = match.group(0).lower().strip(".")
        if found != own and not found.startswith(("noreply", "no-reply", "mailer-daemon", "postmaster")):
            return found
    return ""
