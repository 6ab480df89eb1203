"""One cycle: sync the mailbox → track events in the contact log → apply the rules → place drafts.

This is where the edges (mailbox, store) meet the pure core (messages, classify, rules,
drafts). `now` comes from the caller, so `sync --now` can ask "what if it were Tuesday?".
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage

from daemon import drafts, rules
from daemon.classify import (
    FOLLOW_UP,
    OUTREACH,
    Known,
    MailEvent,
    classify,
    correspondents,
    is_ignored,
    wants_body,
)
from daemon.errors import CoffeechatError
from daemon.mailbox import Folders, Mailbox, forgotten_sent
from daemon.messages import HEADER_FIELDS, MailSummary, parse
from daemon.schema import Contact, Draft
from daemon.settings import Settings
from daemon.store import Store, state_of

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PlannedDraft:
    contact: str        # "Name <address>"
    kind: str
    attempt: int
    subject: str
    body: str


@dataclass
class CycleReport:
    """What one cycle saw and did, for the CLI and the logs."""

    dry_run: bool = False
    fetched: dict[str, int] = field(default_factory=dict)
    skipped: int = 0
    events: list[MailEvent] = field(default_factory=list)
    drafts: list[PlannedDraft] = field(default_factory=list)
    statuses: list[tuple[str, str]] = field(default_factory=list)  # (contact, new status)
    withdrawn: list[tuple[str, str]] = field(default_factory=list)  # drafts no longer needed: (contact, status)
    considered: list[tuple[MailSummary, MailEvent]] = field(default_factory=list)  # my sent mail, for --explain
    to_review: list[str] = field(default_factory=list)  # new outreach waiting for `coffeechat review`
    warnings: list[str] = field(default_factory=list)
    interrupted: bool = False


def run_cycle(settings: Settings, store: Store, now: datetime, dry_run: bool = False,
              report: CycleReport | None = None) -> CycleReport:
    """Connect, run one full cycle, disconnect. With dry_run nothing is written anywhere.

    Pass a `report` to keep what was done so far when the cycle is interrupted (Ctrl-C).
    """
    report = report or CycleReport()
    report.dry_run = dry_run
    with store.exclusive(), Mailbox.connect(settings) as box:
        folders = box.folders()
        cycle = Cycle(settings, store, box, folders, now, report)
        if dry_run:
            with store.rolled_back():
                cycle.run()
        else:
            cycle.run()
        return cycle.report


class Cycle:
    def __init__(self, settings: Settings, store: Store, box: Mailbox, folders: Folders,
                 now: datetime, report: CycleReport):
        self.settings, self.store, self.box, self.folders = settings, store, box, folders
        self.now, self.report = now, report
        self.templates = drafts.environment(settings.templates_dir)

    def run(self) -> None:
        placed_before = {draft.id for draft in self.store.drafts(states=("placed",))}
        self.sync()
        if not self.report.dry_run:
            self.reconcile_drafts()
        self.apply_rules()
        # Drafts we never delete (the user may have edited them), so say which are stale.
        for draft in self.store.drafts(states=("cancelled",), among=placed_before):
            self.report.withdrawn.append((self.describe(draft.contact), draft.contact.status))

    # --- sync and track ------------------------------------------------------------

    def sync(self) -> None:
        settings = self.settings
        known = self.store.known(settings.my_addresses, settings.outreach_phrases, settings.outreach_keyword,
                                 settings.ignore)
        if any(self.store.cursor(folder) is None for folder in self.folders.sent):
            self.warn_forgotten_sent()
        cursors: dict[str, tuple[int, int]] = {}
        fetched: list[tuple[str, str, list[MailSummary]]] = []
        for folder in self.folders.sent:
            fetched.append((folder, "sent", self.fetch_new(folder, "sent", cursors)))
        fetched.append((self.folders.inbox, "inbox", self.fetch_new(self.folders.inbox, "inbox", cursors)))
        # Who the user writes with, from all new mail, before any of it is judged: months of
        # ordinary back-and-forth with an address make an acquaintance, not a networking target.
        seen = [(s.message_id, address, s.date) for _, role, summaries in fetched for s in summaries
                for address in correspondents(s, role, known.my_addresses)]
        for message_id, address, date in seen:
            known.saw(message_id, address, date)
        events: list[tuple[str, MailEvent]] = []
        # Sent first, so every thread I started is known before the mail that answers it is
        # read, even an answer whose sender's clock runs a few minutes behind mine.
        for folder, role, summaries in fetched:
            for summary in sorted(summaries, key=lambda s: s.date):
                event = self.classify(summary, known, folder)
                if event is not None:
                    known.learn(event)
                    events.append((folder, event))
                    if role == "sent":
                        self.report.considered.append((summary, event))
        review = settings.outreach_mode == "confirm"
        self.report.events = self.store.record(self.in_order(events), cursors, self.now, seen, review)
        if review:
            self.report.to_review = [self.describe(c) for c in self.store.pending_review()]

    def warn_forgotten_sent(self) -> None:
        """On the first read of Sent: say so if the mail the user sends is filed in a folder we do not read."""
        others = [name for name in self.folders.sent_like if name not in self.folders.sent]
        if not others:
            return
        read = [self.box.info(name) for name in self.folders.sent]
        warning = forgotten_sent(read, [self.box.info(name) for name in others])
        if warning:
            log.warning("%s", warning)
            self.report.warnings.append(warning)

    def in_order(self, events: list[tuple[str, MailEvent]]) -> list[tuple[str, MailEvent]]:
        """Oldest first, mine first on a tie, and an answer never before what it answers.

        Clocks disagree: a reply, a bounce or an out-of-office may carry a time a few
        minutes before the message of mine it answers. It still happened after it: after
        the message it threads to, and after any message of mine to that person sent
        within rules.CLOCK_SKEW of it.
        """
        dates = {event.message_id: event.date for _, event in events}
        mine: dict[str, list[datetime]] = {}
        for _, event in events:
            if event.kind in (OUTREACH, FOLLOW_UP) and event.contact:
                mine.setdefault(event.contact, []).append(event.date)

        def when(item: tuple[str, MailEvent]) -> tuple[datetime, bool]:
            folder, event = item
            date = event.date
            if event.by_thread:
                date = max([date, *(dates[i] for i in event.thread[:-1] if i in dates)])
            if event.kind not in (OUTREACH, FOLLOW_UP) and event.contact in mine:
                date = max([date, *(d for d in mine[event.contact] if date < d <= date + rules.CLOCK_SKEW)])
            return date, folder not in self.folders.sent

        return sorted(events, key=when)

    def classify(self, summary: MailSummary, known: Known, folder: str) -> MailEvent | None:
        try:
            return classify(summary, known)
        except Exception:  # one odd message must not stop the cycle
            log.warning("skipped %s in %s: could not classify it", summary.message_id, folder, exc_info=True)
            self.report.skipped += 1
            return None

    def fetch_new(self, folder: str, role: str, cursors: dict[str, tuple[int, int]]) -> list[MailSummary]:
        """New messages of a folder, parsed; the cursor that covers them goes into `cursors`."""
        uidvalidity, uidnext = self.box.select(folder)
        cursor = self.store.cursor(folder)
        after = cursor[1] if cursor and cursor[0] == uidvalidity else None
        if cursor and after is None:
            log.warning("UIDVALIDITY of %s changed: re-scanning it; known messages are matched by Message-ID", folder)
        # The window ends at the real present even when `now` is a what-if in the future:
        # a backfill must never step over real mail it will not come back for.
        anchor = min(self.now, datetime.now(timezone.utc))
        uids = self.box.new_uids(after, (anchor - timedelta(days=self.settings.backfill_days)).date())
        # After a full scan everything below UIDNEXT is covered, even mail older than the window.
        last_uid = max([after if after is not None else uidnext - 1, *uids], default=0)
        summaries: dict[int, MailSummary] = {}
        for item in self.box.fetch_headers(uids, HEADER_FIELDS):
            summaries[item.uid] = self._parse(item, role, folder)
        need_body = [uid for uid, s in summaries.items() if s is not None and wants_body(s)]
        for item in self.box.fetch_beginnings(need_body):
            summaries[item.uid] = self._parse(item, role, folder)
        cursors[folder] = (uidvalidity, max(last_uid, 0))
        found = [s for s in summaries.values() if s is not None]
        self.report.fetched[folder] = len(found)
        return found

    def _parse(self, item, role: str, folder: str) -> MailSummary | None:
        try:
            return parse(item.raw, folder_role=role, internal_date=item.internal_date, keywords=item.flags)
        except Exception:  # hostile or broken mail: skip it, say why, carry on
            log.warning("skipped UID %s in %s: unreadable headers", item.uid, folder, exc_info=True)
            self.report.skipped += 1
            return None

    # --- drafts --------------------------------------------------------------------

    def reconcile_drafts(self) -> None:
        """Finish drafts a crash interrupted; notice drafts the user deleted (dismissed)."""
        unfinished = self.store.drafts(states=("intended", "placed"))
        if not unfinished:
            return
        present = self.box.message_ids(self.folders.drafts)
        for draft in unfinished:
            if draft.message_id in present:
                if draft.state == "intended":
                    self.store.set_draft_state(draft, "placed")
            elif self.store.is_recorded(draft.message_id):
                self.store.set_draft_state(draft, "sent")
            elif draft.state == "placed":
                self.store.set_draft_state(draft, "dismissed")
            elif self.never_due(draft):
                self.store.set_draft_state(draft, "cancelled")  # e.g. they replied since
            elif self.due_now(draft):
                log.info("placing draft %s again: it was recorded but never reached Drafts", draft.message_id)
                self.guarded(draft.contact, self.place, draft.contact, draft)
            # else: not yet (they are away); it stays recorded and is placed when due

    def never_due(self, draft: Draft) -> bool:
        """True when the contact has moved past this attempt: replied, gone quiet, or written to since."""
        contact = draft.contact
        return (contact.status != rules.AWAITING_REPLY or contact.round != draft.round
                or contact.attempts + 1 != draft.attempt)

    def due_now(self, draft: Draft) -> bool:
        """Would the playbook ask for this draft now, had it never been recorded?"""
        drafted = self.store.drafted_attempts(draft.contact, draft.kind) - {draft.attempt}
        wanted = rules.due(state_of(draft.contact), drafted, self.now, self.settings)
        return any(d.action == "draft" and d.kind == draft.kind and d.attempt == draft.attempt for d in wanted)

    def apply_rules(self) -> None:
        for contact in self.store.contacts(status=rules.AWAITING_REPLY):
            if not self.tracked(contact):
                continue
            state = state_of(contact)
            drafted = self.store.drafted_attempts(contact, rules.FOLLOW_UP_DRAFT)
            for due in rules.due(state, drafted, self.now, self.settings):
                self.guarded(contact, self.act, contact, state, due)

    def tracked(self, contact: Contact) -> bool:
        """Drafts and status changes only for contacts the user confirmed and has not since set to ignore."""
        return contact.confirmed and not is_ignored(self.store.primary_address(contact), self.settings.ignore)

    def guarded(self, contact: Contact, step, *args) -> None:
        """Run one contact's step; a contact whose data we cannot use must not stop the others."""
        try:
            step(*args)
        except CoffeechatError:
            raise  # the mailbox, the log or a template: nothing else would fare better
        except Exception:
            log.warning("skipped contact %s this cycle: its draft could not be made", contact.id, exc_info=True)

    def act(self, contact: Contact, state: rules.ContactState, due: rules.Due) -> None:
        if due.action == "status":
            self.store.set_status(contact, due.status, self.now)
            self.report.statuses.append((self.describe(contact), due.status))
            return
        message_id = drafts.new_message_id(state.my_address or self.settings.from_address)
        message = self.render(contact, due.attempt, message_id)  # before recording: a bad address raises here
        if self.report.dry_run:
            self.report_draft(contact, due.kind, due.attempt, message)
            return
        draft = self.store.intend_draft(contact, due.kind, due.attempt, message_id, self.now)
        self.place(contact, draft, message)

    def place(self, contact: Contact, draft: Draft, message: EmailMessage | None = None) -> None:
        message = message or self.render(contact, draft.attempt, draft.message_id)
        self.box.append_draft(self.folders.drafts, message.as_bytes(), self.now)
        self.store.set_draft_state(draft, "placed")
        self.report_draft(contact, draft.kind, draft.attempt, message)
        log.debug("placed a %s draft (attempt %s) for %s", draft.kind, draft.attempt, self.describe(contact))

    def render(self, contact: Contact, attempt: int, message_id: str) -> EmailMessage:
        state = state_of(contact)
        return drafts.follow_up(
            self.templates, contact_name=contact.name, contact_email=self.store.primary_address(contact),
            organization=contact.organization, state=state, my_name=self.settings.my_name,
            my_address=state.my_address or self.settings.from_address, attempt=attempt, now=self.now,
            message_id=message_id,
        )

    def report_draft(self, contact: Contact, kind: str, attempt: int, message: EmailMessage) -> None:
        body = message.get_content()
        self.report.drafts.append(PlannedDraft(self.describe(contact), kind, attempt, str(message["Subject"]), body))

    def describe(self, contact: Contact) -> str:
        address = self.store.primary_address(contact)
        return f"{contact.name} <{address}>" if contact.name else address
