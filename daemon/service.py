"""One cycle: sync the mailbox → track events in the contact log → apply the rules → place drafts.

This is where the edges (mailbox, store) meet the pure core (messages, classify, rules,
drafts). `now` comes from the caller, so `sync --now` can ask "what if it were Tuesday?".
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import replace
from datetime import datetime, timedelta, timezone

from daemon.contact_log import meetings
from daemon.contact_log.store import Store
from daemon.errors import MailboxError
from daemon.mail.classify import (
    FOLLOW_UP,
    OUTREACH,
    TRACKED,
    Known,
    MailEvent,
    about_contact,
    bulk_whatever_the_log_says,
    classify,
    correspondents,
    wants_body,
)
from daemon.mail.fetch_reader import Fetched
from daemon.mail.invites import CalendarEvent, may_hold_invite, read_calendar
from daemon.mail.mailbox import REPORT_BYTES, Folders, Mailbox
from daemon.mail.messages import HEADER_FIELDS, MailSummary, clean, has_whole_header, parse, suspected_report
from daemon.mail.sent_folders import forgotten_sent
from daemon.playbook import rules
from daemon.settings import Settings
from daemon.writing.report import CycleReport, PlannedDraft
from daemon.writing.writeback import Writer

__all__ = ["CycleReport", "PlannedDraft", "run_cycle"]

log = logging.getLogger(__name__)

PROGRESS_FROM, PROGRESS_EVERY = 2000, 1000  # a first sync says how far it is; a daemon's cycle says nothing


def run_cycle(settings: Settings, store: Store, now: datetime, dry_run: bool = False,
              report: CycleReport | None = None, folders: Folders | None = None,
              requested: Callable[[Writer], None] | None = None, news: frozenset[str] = frozenset(),
              box: Mailbox | None = None) -> CycleReport:
    """Connect, run one full cycle, disconnect. With dry_run nothing is written anywhere.

    With `requested` (`coffeechat outreach`), the drafts the user asked for are made in place of the
    rules' pass, on a log the sync has just brought up to date.

    The daemon passes the `folders` an earlier cycle found: a LIST every few minutes would
    tell it nothing new, and on Dovecot it makes the STATUS after it open the whole INBOX.

    Pass a `report` to keep what was done so far when the cycle is interrupted (Ctrl-C).

    The daemon passes its IDLE connection as `box` (logged in, the incoming folder open): no login,
    and new mail is read where it was announced (fetch_new). It is left open, whatever is selected.
    """
    report = report or CycleReport()
    report.dry_run = dry_run
    with store.exclusive(), (nullcontext(box) if box is not None else Mailbox.connect(settings)) as box:
        folders = folders or box.folders()
        report.folders = folders
        with store.rolled_back() if dry_run else nullcontext():
            if dry_run:
                store.migrate()  # an older log is upgraded only for the preview, then left as it was
            cycle = Cycle(settings, store, box, folders, now, report, news)
            cycle.run(requested)
        return cycle.report


class Cycle:
    def __init__(self, settings: Settings, store: Store, box: Mailbox, folders: Folders,
                 now: datetime, report: CycleReport, news: frozenset[str] = frozenset()):
        self.settings, self.store, self.box, self.folders = settings, store, box, folders
        self.now, self.report = now, report
        self.writer = Writer(settings, store, box, folders, now, report)
        self.uids: dict[tuple[str, str], int] = {}  # (folder, Message-ID) -> UID, for fetching invite parts
        self.seen_alone: list[tuple[str, str, datetime]] = []  # who the mail let go of was between (let_go)
        self.cursors: dict[str, tuple[int, int]] = {}
        self.list_mail: dict[str, list[MailSummary]] = {}  # list mail let go of that may still hold an invite
        self.my_addresses = frozenset(settings.my_addresses)
        self.news = news  # folders the caller knows have new mail (IDLE said so): no STATUS first

    def run(self, requested: Callable[[Writer], None] | None = None) -> None:
        placed_before = self.store.draft_ids(("placed",))
        mark = self.store.change_mark()
        self.sync()
        if not self.report.dry_run:
            self.writer.reconcile()
        if requested is None:
            self.writer.apply_rules()
        else:
            requested(self.writer)
        # Drafts we never delete (the user may have edited them), so say which are stale.
        if mark is not None and self.store.change_mark() == mark:
            return  # nothing was written this cycle, so nothing was withdrawn
        for draft in self.store.drafts(states=("cancelled",), among=placed_before):
            self.report.withdrawn.append((self.writer.describe(draft.contact), draft.contact.status, draft.kind))

    # --- sync and track ------------------------------------------------------------

    def sync(self) -> None:
        settings = self.settings
        self.cursors = self.store.cursors()  # read once: each folder asks for its own below
        if any(self.cursors.get(folder) is None for folder in self.folders.sent):
            self.warn_forgotten_sent()
        cursors: dict[str, tuple[int, int]] = {}
        # INBOX asked first: on Dovecot a STATUS of INBOX after another folder's opens the whole INBOX
        # (10 ms at 20,000 messages), first it costs nothing. (Classified Sent first all the same, below.)
        incoming = self.folders.incoming  # INBOX, or Gmail's All Mail
        fetched: list[tuple[str, str, list[MailSummary]]] = [
            (incoming, "inbox", self.fetch_new(incoming, "inbox", cursors))]
        for folder in self.folders.sent:
            fetched.append((folder, "sent", self.fetch_new(folder, "sent", cursors)))
        said = self.report.fetched  # reported Sent first, as the user reads the story
        self.report.fetched = {f: said[f] for f in [*self.folders.sent, incoming] if f in said}
        if any(summaries for _, _, summaries in fetched) or self.list_mail:
            known = self.store.known(settings.my_addresses, settings.outreach_phrases, settings.outreach_keyword,
                                     settings.ignore, new_messages=sum(len(ss) for _, _, ss in fetched))
        else:  # nothing new to classify: the whole log need not be read (most of a daemon's cycles)
            known = Known(frozenset(settings.my_addresses), settings.outreach_phrases, settings.outreach_keyword)
        # Who the user writes with, from all new mail, before any of it is judged: months of
        # ordinary back-and-forth with an address make an acquaintance, not a networking target.
        seen = [(s.message_id, address, s.date) for _, role, summaries in fetched for s in summaries
                for address in correspondents(s, role, known.my_addresses)] + self.seen_alone
        # Only the people new sent mail went to are ever judged, so only their past is read.
        self.store.history(known, {address for _, role, summaries in fetched if role == "sent" for s in summaries
                                   for address in correspondents(s, role, known.my_addresses)})
        for message_id, address, date in seen:
            known.saw(message_id, address, date)
        events: list[tuple[str, MailEvent]] = []
        count = sum(len(ss) for _, _, ss in fetched)
        if self.report.progress is not None and count >= PROGRESS_FROM:
            self.report.progress(f"Sorting out {count:,} messages: who is networking, who answered")
        # Sent first, so every thread I started is known before the mail that answers it is
        # read, even an answer whose sender's clock runs a few minutes behind mine. All Sent
        # folders as one, by date: a follow-up filed apart from its outreach still follows it.
        sent = sorted(((f, s) for f, role, ss in fetched if role == "sent" for s in ss), key=lambda fs: fs[1].date)
        inbox = sorted(((f, s) for f, role, ss in fetched if role != "sent" for s in ss), key=lambda fs: fs[1].date)
        for folder, summary in [*sent, *inbox]:
            event = self.classify(summary, known, folder)
            if event is not None:
                known.learn(event)
                if event.kind in TRACKED:  # bulk and ordinary mail: nothing to keep (a first sync holds thousands)
                    events.append((folder, event))
                if summary.folder_role == "sent" and self.report.explain:
                    self.report.considered.append((summary, event))
        invites = self.find_invites(fetched, known, {e.message_id: e for _, e in events})
        # Every summary is done with: let them go before the log is written (a first sync of 100,000
        # messages holds 70 MB of them, and writing the history of each message needs its own).
        for held in (fetched, sent, inbox, self.seen_alone):
            held.clear()
        self.uids.clear()
        self.list_mail.clear()
        review = settings.outreach_mode == "confirm"
        if self.report.progress is not None and count >= PROGRESS_FROM:
            self.report.progress("")
        self.report.events = self.store.record(self.in_order(events), cursors, self.now, seen, review,
                                               then=(lambda: self.record_invites(invites)) if invites else None)
        # In every mode: outreach met in confirm mode waits for the user even after a switch back to auto.
        self.report.to_review = [self.writer.describe(c) for c in self.store.pending_review_now()]

    def find_invites(self, fetched: list[tuple[str, str, list[MailSummary]]], known: Known,
                     events: dict[str, MailEvent]) -> list[tuple[str, str, CalendarEvent]]:
        """Calendar invites in new mail that concerns a contact: (Message-ID, contact key, event)."""
        found: list[tuple[datetime, str, str, CalendarEvent]] = []
        for folder, _, summaries in fetched:
            candidates: dict[int, tuple[MailSummary, str | None]] = {}
            for summary in [*summaries, *self.list_mail.get(folder, ())]:
                owner = about_contact(summary, known, events.get(summary.message_id))
                sender = summary.sender.email if summary.sender else ""
                if may_hold_invite(summary.fields.get("content-type", ""), sender, summary.subject, owner is not None):
                    candidates[self.uids[(folder, summary.message_id)]] = (summary, owner)
            if not candidates:
                continue
            self.box.use(folder)
            for uid, parts in self.box.calendar_parts(sorted(candidates)).items():
                summary, owner = candidates[uid]
                for part in parts:
                    for invite in read_calendar(part, self.settings.zone):
                        if invite.all_day:
                            continue  # a career fair or a day off, not a conversation to prepare and thank for
                        keys = {known.contacts[p] for p in invite.people if p in known.contacts}
                        for key in keys or ({owner} if owner else set()):
                            found.append((summary.date, summary.message_id, key, invite))
        # In the order they were written, whichever folder: my decline in Sent comes after their invite.
        return [(message_id, key, invite) for _, message_id, key, invite in sorted(found, key=lambda f: f[0])]

    def record_invites(self, invites: list[tuple[str, str, CalendarEvent]]) -> None:
        for message_id, key, invite in invites:
            contact = self.store.contact_by_address(key)
            if contact is not None and meetings.record_invite(self.store, contact, invite, message_id, self.now):
                local = invite.start.astimezone(self.settings.zone)
                when = "cancelled" if invite.cancelled else f"{local:%a %b} {local.day}, {local:%H:%M}"
                self.report.meetings.append((self.writer.describe(contact), when))

    def warn_forgotten_sent(self) -> None:
        """On the first read of Sent: say so if the mail the user sends is filed in a folder we do not read."""
        others = [name for name in self.folders.sent_like if name not in self.folders.sent]
        if not others:
            return
        try:
            read = [self.box.info(name) for name in self.folders.sent]
            warning = forgotten_sent(read, [self.box.info(name) for name in others])
        except MailboxError as e:  # a folder we cannot open is no reason to stop the sync
            log.info("could not compare the Sent folders: %s", e)
            return
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
        except Exception as e:  # one odd message must not stop the cycle
            self.skip(f"{summary.message_id} in {folder}: could not classify it", e)
            return None

    def skip(self, what: str, error: Exception) -> None:
        """Say which message is left out and why, in one line; the traceback only at DEBUG (a RecursionError's
        runs to thousands of lines, each an entry of its own in the journal)."""
        log.warning("skipped %s (%s: %s)", what, type(error).__name__, clean(error, 120))
        log.debug("the traceback of that skip", exc_info=True)
        self.report.skipped += 1

    def fetch_new(self, folder: str, role: str, cursors: dict[str, tuple[int, int]]) -> list[MailSummary]:
        """New messages of a folder, parsed; the cursor that covers them goes into `cursors`."""
        cursor = self.cursors.get(folder)
        state = None
        if self.box.selected == folder and cursor is not None:
            # The daemon's IDLE connection has the folder open (and may have seen the mail come): ask and read
            # it there. On a big Maildir, opening the folder again makes the server re-read its whole listing
            # (0.5 s at 100,000 messages), which the open connection has already done; even a STATUS of it
            # after leaving it costs that. (The daemon makes it anew every 15 minutes, watcher.RENEW_SECONDS: a view
            # of a folder deleted and made again under it is not kept for long.) None: mail kept coming.
            state = self.box.refresh(folder)
            unchanged = state == (cursor[0], cursor[1] + 1)
        else:  # one STATUS says whether anything is new: no SELECT, no SEARCH
            unchanged = (cursor is not None and folder not in self.news
                         and self.box.status(folder) == (cursor[0], cursor[1] + 1))
        if unchanged:
            self.report.fetched[folder] = 0
            return []
        uidvalidity, uidnext = state or self.box.select(folder)
        after = cursor[1] if cursor and cursor[0] == uidvalidity else None
        if cursor and after is None:
            log.warning("UIDVALIDITY of %s changed: re-scanning it; known messages are matched by Message-ID", folder)
        # The window ends at the real present even when `now` is a what-if in the future:
        # a backfill must never step over real mail it will not come back for.
        anchor = min(self.now, datetime.now(timezone.utc))
        uids = self.box.new_uids(after, (anchor - timedelta(days=self.settings.backfill_days)).date())
        # Everything below the UIDNEXT of the SELECT is covered by the search after it (even mail
        # older than the window, or expunged since): the next cycle's STATUS then says "nothing new".
        last_uid = max([uidnext - 1, after or 0, *uids], default=0)
        summaries: dict[int, MailSummary | None] = {}
        read_alone = 0  # list mail let go of once read (let_go)
        if role == "sent":
            # Everything I sent is weighed by its own words, and its beginning holds its header
            # fields too: one FETCH, not two. A header block longer than the beginning is read apart.
            long_headers = []
            for item in self.counted(self.box.fetch_beginnings(uids), folder, len(uids)):
                if has_whole_header(item.raw):
                    summaries[item.uid] = self._parse(item, role, folder)
                else:
                    long_headers.append(item.uid)
            for item in self.box.fetch_headers(long_headers, HEADER_FIELDS):
                summaries[item.uid] = self._parse(item, role, folder)
        else:
            for item in self.counted(self.box.fetch_headers(uids, HEADER_FIELDS), folder, len(uids)):
                summary = self._parse(item, role, folder)
                if summary is not None and self.let_go(summary, folder, item.uid):
                    read_alone += 1
                    continue
                summaries[item.uid] = summary
            need_body = [uid for uid, s in summaries.items() if s is not None and wants_body(s)]
            reports = {uid for uid in need_body if suspected_report(summaries[uid])}
            for item in self.box.fetch_beginnings([uid for uid in need_body if uid not in reports]):
                summaries[item.uid] = self._parse(item, role, folder)
            for item in self.box.fetch_beginnings(sorted(reports), REPORT_BYTES):
                summaries[item.uid] = self._parse(item, role, folder)
        cursors[folder] = (uidvalidity, max(last_uid, 0))
        found = [s for s in summaries.values() if s is not None]
        self.uids.update({(folder, s.message_id): uid for uid, s in summaries.items() if s is not None})
        self.report.fetched[folder] = len(found) + read_alone
        return found

    def let_go(self, summary: MailSummary, folder: str, uid: int) -> bool:
        """Bulk mail nothing in the log can make more of: only who it came from is kept, and, when it
        could still hold a contact's invite (a multipart message: whether it concerns a contact is known
        only once all new mail is read), what find_invites needs of it."""
        content_type = summary.fields.get("content-type", "")
        sender = summary.sender.email if summary.sender else ""
        if not bulk_whatever_the_log_says(summary) or may_hold_invite(content_type, sender, summary.subject, False):
            return False
        self.seen_alone += [(summary.message_id, address, summary.date)
                            for address in correspondents(summary, "inbox", self.my_addresses)]
        if may_hold_invite(content_type, sender, summary.subject, True):
            kept = {name: summary.fields[name] for name in ("content-type", "reply-to") if name in summary.fields}
            self.list_mail.setdefault(folder, []).append(replace(summary, fields=kept))
            self.uids[(folder, summary.message_id)] = uid
        return True

    def counted(self, items: Iterator[Fetched], folder: str, total: int) -> Iterator[Fetched]:
        """The items, telling report.progress how far the read is when it is long (a first sync)."""
        tell = self.report.progress if total >= PROGRESS_FROM else None
        for done, item in enumerate(items, 1):
            if tell is not None and (done % PROGRESS_EVERY == 0 or done == total):
                tell(f"Reading {folder}: {done:,} of {total:,} messages")
            yield item

    def _parse(self, item, role: str, folder: str) -> MailSummary | None:
        try:
            return parse(item.raw, folder_role=role, internal_date=item.internal_date, keywords=item.flags)
        except Exception as e:  # hostile or broken mail: skip it, say why, carry on
            self.skip(f"UID {item.uid} in {folder}: unreadable headers", e)
            return None
