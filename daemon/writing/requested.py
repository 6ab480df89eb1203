"""First notes the user asks for (`coffeechat outreach`), through the one path every draft takes.

The request stands where a rule would: it says which contacts are due a first note. The
Writer then records each intent and its Message-ID, renders the tier's template and
APPENDs it, exactly as for a follow-up; the next cycle reconciles (a deleted draft is
dismissed for good; the note that appears in Sent is that contact's round 1).
"""

from __future__ import annotations

from dataclasses import dataclass

from daemon.contact_log.prospects import prospects
from daemon.contact_log.schema import Contact
from daemon.playbook import first_notes
from daemon.playbook.first_notes import Prospect
from daemon.playbook.rules import OUTREACH_DRAFT, Due
from daemon.writing.writeback import Writer


@dataclass(frozen=True)
class Outcome:
    """What became of one contact the request named (or `--next` chose)."""

    contact_id: int
    who: str                 # "Name <address>", or the name alone
    relationship: str
    kind: str = ""           # outreach, or warm_intro for someone a contact suggested; "" when none was drafted
    reason: str = ""         # why none was drafted, with when
    subject: str = ""
    body: str = ""

    @property
    def drafted(self) -> bool:
        return bool(self.kind)

    @property
    def words(self) -> int:
        return first_notes.word_count(self.body)


def write_first_notes(writer: Writer, contact_ids: list[int] | None = None, next_n: int = 0,
                      why: str = "") -> list[Outcome]:
    """A first note for each of these contacts, or for the `next_n` most promising; each refusal says why."""
    zone = writer.zone
    if contact_ids is not None:
        contacts = [c for c in (Contact.get_or_none(Contact.id == i) for i in contact_ids) if c is not None]
        asked = prospects(writer.store, writer.ignored, contacts)
        chosen = [p for p in asked if not first_notes.refusal(p, zone)]
        missing: list[Prospect] = []
    else:
        chosen, missing = first_notes.pick(prospects(writer.store, writer.ignored), next_n, zone)
        asked = chosen + missing
    done = {p.contact_id: _draft(writer, p, why) for p in chosen}
    return [done.get(p.contact_id) or _refused(writer, p, first_notes.refusal(p, zone)) for p in asked]


def _draft(writer: Writer, prospect: Prospect, why: str) -> Outcome:
    contact = Contact.get_by_id(prospect.contact_id)
    kind = first_notes.kind_for(prospect)
    # A warm introduction is attempt 0, as the network rule makes it: one per person, whoever asks first.
    attempt = first_notes.ATTEMPT if kind == OUTREACH_DRAFT else 0
    try:
        writer.act(contact, Due("draft", kind=kind, attempt=attempt), why=why)
    except ValueError as e:  # an address or a name no mail header can carry
        return _refused(writer, prospect, f"could not be drafted: {e}")
    planned = writer.report.drafts[-1]
    return Outcome(contact.id, writer.describe(contact), contact.relationship, kind, subject=planned.subject,
                   body=planned.body)


def _refused(writer: Writer, prospect: Prospect, reason: str) -> Outcome:
    contact = Contact.get_by_id(prospect.contact_id)
    return Outcome(contact.id, writer.describe(contact), contact.relationship, reason=reason)
