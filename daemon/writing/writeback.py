"""What is written back: every due draft or note, through one path, exactly once.

A pure rule says something is due (rules.py for follow-ups, conversation.py for the
conversation, network.py for introductions and check-ins); its intent and Message-ID are
recorded; it is rendered from its template (kinds.py) and APPENDed; the next cycle
reconciles what it finds in the folder. Drafts the user deleted are dismissed for good; a
crash between recording and APPEND is finished next time, and never doubled.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import date, datetime, timedelta
from email.message import EmailMessage

from daemon import faults
from daemon.contact_log import meetings, people
from daemon.contact_log.schema import Contact, Draft, Meeting
from daemon.contact_log.store import Store, state_of
from daemon.errors import CoffeechatError
from daemon.mail.classify import is_ignored
from daemon.mail.mailbox import Folders, Mailbox
from daemon.mail.messages import SYNTHETIC_SUFFIX, MailSummary, parse
from daemon.playbook import conversation, network, rules
from daemon.settings import Settings
from daemon.writing import drafts
from daemon.writing.kinds import INBOX, KINDS, Facts, compose
from daemon.writing.report import PlannedDraft

ASKED_AT_ONCE = 500  # contacts a partial reconcile names in one query; more, and all drafts are read

log = logging.getLogger(__name__)


RULES_FRESH = timedelta(minutes=15)  # the longest a pass of the rules over an unchanged log stands
# What is read of the user's own messages in Drafts to know an edit of one of ours (find_edited).
EDIT_FIELDS = ("FROM", "TO", "CC", "SUBJECT", "DATE", "MESSAGE-ID", "IN-REPLY-TO", "REFERENCES")


class Writer:
    def __init__(self, settings: Settings, store: Store, box: Mailbox, folders: Folders, now: datetime, report):
        self.settings, self.store, self.box, self.folders = settings, store, box, folders
        self.now, self.report = now, report
        self.templates = drafts.environment(settings.templates_dir)
        self.zone = settings.zone
        self.ignored = settings.ignore | frozenset(store.ignored())  # the setting, and `contacts ignore`
        self.in_conversation: set[int] | None = None  # contacts with meetings, while apply_rules runs
        self.in_network: set[int] | None = None       # contacts the network rules may concern, likewise
        self.primaries: dict[int, str] | None = None  # contact id -> primary address, likewise
        self.follow_ups: dict[tuple[int, int], frozenset[int]] | None = None  # (contact, round) -> attempts
        self.talks: dict[int, conversation.Conversation] | None = None  # contact id -> its conversation, likewise
        self.edits: list[MailSummary] | None = None  # the user's own messages in Drafts, while reconcile runs

    # --- what earlier cycles left ------------------------------------------------------

    def reconcile(self) -> None:
        """Finish drafts a crash interrupted; notice drafts the user sent or deleted.

        Skipped while nothing can have moved since this process last did it: the log as it left it,
        Drafts' STATUS the same, and no draft waiting to be placed (whose turn may come with time).
        """
        if not self.store.drafts_in(("intended", "placed")):
            return
        drafts_mark = (self.folders.drafts, *self.box.counts(self.folders.drafts))
        before = self.store.change_mark()
        if (not self.report.dry_run and before is not None and self.store.reconciled == (before, drafts_mark)
                and not self.store.drafts_in(("intended",))):
            return
        recorded = self.store.last_record
        only = None
        if (not self.report.dry_run and before is not None and recorded is not None and recorded[2] is not None
                and len(recorded[2]) <= ASKED_AT_ONCE and recorded[1] == before
                and self.store.reconciled == (recorded[0], drafts_mark)):
            # Since the last reconcile only this cycle's new mail changed the log, and Drafts is as it was: a
            # draft can have moved only through its contact's new mail (a reply, a thank-you of their own).
            only = recorded[2]
        self._reconcile(drafts_mark, only)
        if not self.report.dry_run:
            after = self.store.change_mark()
            # Another process wrote while it ran (SQLite's data_version moved: `coffeechat merge`, say): what it
            # wrote was not looked at, so the next reconcile reads every draft.
            whole = after is not None and before is not None and after[0] == before[0]
            self.store.reconciled = (after, drafts_mark) if whole else None

    def _reconcile(self, drafts_mark: tuple, only: frozenset[int] | None = None) -> None:
        """Every unfinished draft; with `only`, those of these contacts and those not yet placed."""
        unfinished = self.store.drafts(states=("intended", "placed"), touching=only)
        present: set[str] | None = None
        thanks = [d.contact for d in unfinished if d.kind == conversation.THANK_YOU]
        self.talks = meetings.conversations_of(thanks) if thanks else None  # for thanked_since, read at once
        for draft in unfinished:
            if draft.state == "intended" and not self.tracked(draft.contact):
                self.store.set_draft_state(draft, "cancelled")  # ignored since it was recorded: never placed
                continue
            kind = KINDS.get(draft.kind)
            if kind is not None and kind.folder == INBOX:
                self.reconcile_note(draft)
                continue
            if present is None:
                present = self.drafts_present(drafts_mark)
            sent = draft.message_id not in present and self.store.is_recorded(draft.message_id)
            if draft.message_id not in present and not sent:
                self.find_edited(draft, present)
            if draft.message_id in present:
                if draft.state == "intended":
                    self.store.set_draft_state(draft, "placed")
                if draft.kind == conversation.THANK_YOU and self.thanked_since(draft):
                    self.store.set_draft_state(draft, "cancelled")  # they wrote their own: ours is not needed
            elif sent:
                self.store.set_draft_state(draft, "sent")
            elif draft.state == "placed":
                self.store.set_draft_state(draft, "dismissed")
            elif draft.kind == rules.FOLLOW_UP_DRAFT and self.moved_past(draft):
                self.store.set_draft_state(draft, "cancelled")  # e.g. they replied since
            elif self.wanted(draft):
                log.info("placing draft %s again: it was recorded but never reached Drafts", draft.message_id)
                self.guarded(draft.contact, self.place, draft.contact, draft)
            elif draft.kind != rules.FOLLOW_UP_DRAFT:
                self.store.set_draft_state(draft, "cancelled")
            # else: a follow-up not yet due (they are away): it stays recorded and is placed when due
        self.talks = self.edits = None

    def drafts_present(self, mark: tuple) -> set[str]:
        """The Message-IDs in Drafts, read again only when the folder (its `mark`: name and STATUS) changed
        since this process last read them."""
        folder = self.folders.drafts
        seen = self.store.drafts_seen
        if seen is not None and seen[0] == mark:
            return set(seen[1])
        present = self.box.message_ids(folder)
        self.store.drafts_seen = (mark, frozenset(present))
        return present

    def find_edited(self, draft: Draft, present: set[str]) -> None:
        """Our draft is gone from Drafts: if the user's edit of it is there, it is the draft from now on (its
        Message-ID recorded in place of ours, and added to `present`); else it was deleted, or sent.

        A mail client saves an edited draft as a new message (a new UID) and deletes the old one, and the new
        one often has a new Message-ID: Apple Mail and mu4e give each saved version its own, and classic
        Outlook gives a draft another when it is sent. A marker header of ours would fare worse: clients
        rebuild the message from the compose window (Thunderbird keeps only the extra headers its
        mail.compose.other.header setting names). What they keep
        is what sending the reply needs: the recipients, and In-Reply-To and References (Microsoft rewrites
        Message-IDs but leaves References alone). So an edit is one of the user's messages in Drafts addressed
        to the contact and, when our kind of draft is a reply (kinds.py `threaded`), threaded into the
        contact's conversation; subject and words may change freely, and each message stands for one draft at
        most. A client that drops the threading on save (some do, by bug) makes the edit look deleted: ours
        counts as dismissed, never made again. A new message of theirs to the contact, written after deleting
        ours, may pass for an edit: ours then counts as waiting. Nothing is made twice either way.
        """
        if self.edits is None:
            self.edits = self.users_drafts()
        contact = draft.contact
        to = {address.email for address in contact.addresses}
        to |= {_wire(address) for address in to}  # our draft went To the xn-- form of an internationalised domain
        thread = {i for i in contact.thread.split() if not i.endswith(SYNTHETIC_SUFFIX)} \
            if KINDS[draft.kind].threaded else set()
        for edit in self.edits:
            if to & {a.email for a in edit.recipients} and (not thread or thread & {*edit.in_reply_to,
                                                                                     *edit.references}):
                self.edits.remove(edit)
                log.info("draft %s was edited by the user and saved as %s: still waiting in Drafts",
                         draft.message_id, edit.message_id)
                self.store.set_draft_message_id(draft, edit.message_id)
                present.add(edit.message_id)
                return

    def users_drafts(self) -> list[MailSummary]:
        """The messages in Drafts that are not drafts of ours (by Message-ID), the last saved first."""
        ours = {d.message_id for d in self.store.drafts()}
        self.box.select(self.folders.drafts)
        found = []
        for item in self.box.fetch_headers(self.box.new_uids(0, date.min), EDIT_FIELDS):
            try:
                summary = parse(item.raw, folder_role="sent", internal_date=item.internal_date)
            except Exception:  # hostile or broken: not an edit of ours
                continue
            if summary.message_id not in ours and not summary.message_id.endswith(SYNTHETIC_SUFFIX):
                found.append(summary)
        return found[::-1]

    def reconcile_note(self, draft: Draft) -> None:
        """A note to the user in INBOX: once there it is theirs (read, kept or deleted)."""
        if draft.state != "intended":
            return
        if self.box.has_message(self.folders.inbox, draft.message_id):
            self.store.set_draft_state(draft, "placed")
        elif self.wanted(draft):
            self.guarded(draft.contact, self.place, draft.contact, draft)
        else:
            self.store.set_draft_state(draft, "cancelled")

    def thanked_since(self, draft: Draft) -> bool:
        """The user wrote to them after that meeting (their own thank-you), and not with this draft."""
        talk = (self.talks or {}).get(draft.contact.id) or meetings.conversation_of(draft.contact)
        meeting = next((m for m in talk.meetings if m.id == draft.attempt), None)
        return (meeting is not None and conversation.thanked_at(talk, meeting) is not None
                and not self.store.is_recorded(draft.message_id))

    def moved_past(self, draft: Draft) -> bool:
        """The contact has moved past this follow-up: replied, gone quiet, or been written to since."""
        contact = draft.contact
        return (contact.status != rules.AWAITING_REPLY or contact.round != draft.round
                or contact.attempts + 1 != draft.attempt)

    def wanted(self, draft: Draft) -> bool:
        """Would the playbook ask for this draft now, had it never been recorded?"""
        if draft.kind == rules.OUTREACH_DRAFT:  # the user asked for it: wanted while they are still not written to
            return draft.contact.status == rules.NEW and bool(self.store.primary_address(draft.contact))
        due = self.due(draft.contact, without=(draft.kind, draft.attempt))
        return any(d.action == "draft" and d.kind == draft.kind and d.attempt == draft.attempt for d in due)

    # --- what is due now ----------------------------------------------------------------

    def apply_rules(self) -> None:
        """Everything the playbook says is due now, for everyone who can have anything due.

        Skipped when nothing in the contact log has changed, by this process or any other, since a
        pass less than a poll interval ago with the same settings (an IDLE wake-up for a flag change,
        say): its answers stand, but for a deadline that passed since, which the pass at the next
        poll meets, as it would have with no wake-up at all.
        """
        mark, last = self.store.change_mark(), self.store.rules_pass
        fresh = min(timedelta(seconds=self.settings.poll_seconds), RULES_FRESH)
        recent = (not self.report.dry_run and mark is not None and last is not None and last[2] is self.settings
                  and timedelta(0) <= self.now - last[1] < fresh)
        if recent and last[0] == mark:
            return
        recorded = self.store.last_record
        if recent and recorded is not None and recorded[2] is not None and recorded[:2] == (last[0], mark):
            # Since that pass only this cycle's new mail changed the log: its answers stand for everyone
            # else, so only the contacts the mail touched are asked again (a reply, a bounce, new outreach).
            self._apply_rules(only=recorded[2])
            self.store.rules_pass = (self.store.change_mark(), last[1], self.settings)  # still that pass's time
            return
        self._apply_rules()
        if not self.report.dry_run:
            mark = self.store.change_mark()
            self.store.rules_pass = (mark, self.now, self.settings) if mark is not None else None

    def _apply_rules(self, only: frozenset[int] | None = None) -> None:
        if only is not None:
            for contact in self.store.contacts_among(only):
                if self.tracked(contact):
                    for due in self.due(contact):
                        self.guarded(contact, self.act, contact, due)
            return
        candidates = {c.id: c for c in self.store.contacts(status=rules.AWAITING_REPLY)}
        with_meetings = {c.id: c for c in self.store.contacts_with_meetings()}
        for_network = {c.id: c for c in self.store.contacts_for_network()}
        # Which rule families can have anything for whom, and what tracking and follow-ups read: asked
        # once for all, not per contact (a daemon's cycle runs this for every waiting contact).
        self.in_conversation, self.in_network = set(with_meetings), set(for_network)
        self.primaries = self.store.primary_addresses()
        self.follow_ups = self.store.follow_up_attempts()
        self.talks = meetings.conversations_of(list(with_meetings.values()))
        candidates.update(with_meetings)
        candidates.update(for_network)
        try:
            for contact in candidates.values():
                if self.tracked(contact):
                    for due in self.due(contact):
                        self.guarded(contact, self.act, contact, due)
        finally:  # each contact was read once; past this loop the answers would be stale
            self.in_conversation = self.in_network = self.primaries = self.follow_ups = self.talks = None

    def due(self, contact: Contact, without: tuple[str, int] | None = None) -> list[rules.Due]:
        """Both rule families for one contact; `without` treats that one draft as never made."""
        found: list[rules.Due] = []
        talk = None
        if self._may(self.in_conversation, contact):
            talk = (self.talks or {}).get(contact.id) or meetings.conversation_of(contact)
        if talk is not None and talk.meetings:
            if without:
                talk = dataclasses.replace(talk, drafted=dict(talk.drafted))  # the shared one stays as read
                talk.drafted[without[0]] = talk.drafted.get(without[0], frozenset()) - {without[1]}
            # Statuses first: a meeting booked since (read in this very sync) leaves no follow-up due.
            found += sorted(conversation.conversation_due(talk, self.now, self.settings, self.zone),
                            key=lambda d: d.action != "status")
        booked = talk is not None and any(not m.cancelled for m in talk.meetings)
        if contact.status == rules.AWAITING_REPLY and not booked:
            if self.follow_ups is not None:
                drafted = self.follow_ups.get((contact.id, contact.round), frozenset())
            else:
                drafted = self.store.drafted_attempts(contact, rules.FOLLOW_UP_DRAFT)
            if without and without[0] == rules.FOLLOW_UP_DRAFT:
                drafted -= {without[1]}
            found += rules.due(state_of(contact), drafted, self.now, self.settings)
        if not found and self._may(self.in_network, contact):  # an introduction or a check-in: nothing else due
            found += network.network_due(people.standing_of(self.store, contact, without), self.now, self.settings)
        return found

    def _may(self, known: set[int] | None, contact: Contact) -> bool:
        """Whether a rule family can have anything for this contact (unknown outside apply_rules: ask)."""
        return known is None or contact.id in known

    def tracked(self, contact: Contact) -> bool:
        """Drafts and status changes only for contacts the user confirmed and has not since set to ignore."""
        address = self.primaries.get(contact.id, "") if self.primaries is not None \
            else self.store.primary_address(contact)
        return contact.confirmed and not is_ignored(address, self.ignored)

    def guarded(self, contact: Contact, step, *args) -> None:
        """Run one contact's step; a contact whose data we cannot use must not stop the others."""
        try:
            step(*args)
        except CoffeechatError:
            raise  # the mailbox, the log or a template: nothing else would fare better
        except Exception:
            log.warning("skipped contact %s this cycle: its draft could not be made", contact.id, exc_info=True)

    def act(self, contact: Contact, due: rules.Due, why: str = "") -> None:
        """Make what is due; `why` is the user's reason for a first note they asked for (`outreach --why`)."""
        if due.action == "status":
            self.store.set_status(contact, due.status, self.now)
            self.report.statuses.append((self.describe(contact), due.status))
            return
        message_id = drafts.new_message_id(contact.my_address or self.settings.from_address)
        message = self.render(contact, due.kind, due.attempt, message_id, why)  # before recording: bad data raises
        if self.report.dry_run:
            self.report_draft(contact, due.kind, due.attempt, message)
            return
        draft = self.store.intend_draft(contact, due.kind, due.attempt, message_id, self.now, why)
        self.place(contact, draft, message)

    # --- writing it ---------------------------------------------------------------------

    def place(self, contact: Contact, draft: Draft, message: EmailMessage | None = None) -> None:
        message = message or self.render(contact, draft.kind, draft.attempt, draft.message_id, draft.why)
        appended: tuple[str, tuple[int, int] | None] = ("", None)
        if KINDS[draft.kind].folder == INBOX:
            faults.point("before prep note append")
            appended = (self.folders.inbox, self.box.append_draft(self.folders.inbox, message.as_bytes(), self.now,
                                                                  flags=()))  # unread
            faults.point("after prep note append")
        else:
            faults.point("before draft append")
            self.box.append_draft(self.folders.drafts, message.as_bytes(), self.now)
            faults.point("after draft append")
        self.store.set_draft_state(draft, "placed", appended)  # a note in INBOX: its cursor steps over it
        self.report_draft(contact, draft.kind, draft.attempt, message)
        log.debug("placed a %s (attempt %s) for contact %s", draft.kind, draft.attempt, contact.id)

    def render(self, contact: Contact, kind: str, attempt: int, message_id: str, why: str = "") -> EmailMessage:
        my_address = contact.my_address or self.settings.from_address
        return compose(self.templates, kind, self.facts(contact, kind, attempt, why), my_name=self.settings.my_name,
                       my_address=my_address, attempt=attempt, now=self.now, message_id=message_id,
                       zone=self.zone)

    def facts(self, contact: Contact, kind: str, attempt: int, why: str = "") -> Facts:
        return facts_for(self.store, contact, kind, attempt, self.settings.my_pitch, self.settings.ask_minutes, why)

    def report_draft(self, contact: Contact, kind: str, attempt: int, message: EmailMessage) -> None:
        body = message.get_content()
        self.report.drafts.append(PlannedDraft(self.describe(contact), kind, attempt, str(message["Subject"]), body))

    def describe(self, contact: Contact) -> str:
        return self.store.describe(contact)


def _wire(address: str) -> str:
    try:
        return drafts.wire_address(address)
    except ValueError:
        return address  # no draft of ours was ever written to it


def facts_for(store: Store, contact: Contact, kind: str, attempt: int, my_pitch: str = "", ask_minutes: int = 20,
              why: str = "") -> Facts:
    """What the message of this kind may mention, read from the log (`attempt` is the meeting's id)."""
    meeting = Meeting.get_or_none(Meeting.id == attempt) if kind in conversation.KINDS else None
    notes: dict[str, list[str]] = {}
    earlier: list[tuple[str, str]] = []
    for note in meetings.notes_of(contact):
        this_meeting = meeting is not None and note.meeting_id == meeting.id
        if kind == conversation.ASK_FOLLOW_UP:
            if note.done_at is None:
                notes.setdefault(note.category, []).append(note.text)  # what is still open
        elif this_meeting:
            notes.setdefault(note.category, []).append(note.text)  # a thank-you restates this meeting's only
        elif kind == conversation.PREP:
            earlier.append((note.category, note.text))
    referrer = contact.referred_by
    return Facts(
        name=contact.name, address=store.primary_address(contact), organization=contact.organization,
        state=state_of(contact), meeting_start=meeting.start if meeting else None,
        meeting_end=meeting.end if meeting else None, notes=notes, earlier_notes=earlier,
        history=meetings.history_of(contact) if kind == conversation.PREP else [],
        referred_by=(referrer.name or store.primary_address(referrer)) if referrer else "",
        my_pitch=my_pitch, last_subject=contact.subject, role=contact.role, relationship=contact.relationship,
        goal=contact.goal.text if contact.goal_id and contact.goal.done_at is None else "", why=why,
        ask_minutes=ask_minutes,
    )
