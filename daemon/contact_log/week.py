"""The week as the contact log saw it: what the weekly summary says, read into plain values.

The summary covers the seven days before `now` and the seven after, and first of all what
waits on the user however old. Everything is read here; playbook/weekly.py holds the
values, writing/summary.py turns them into the message.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

import peewee as pw

from daemon.contact_log import goals as goal_log
from daemon.contact_log import meetings, people
from daemon.contact_log.contacts import next_step_of
from daemon.contact_log.prospects import prospects
from daemon.contact_log.prospects import who as who_of
from daemon.contact_log.schema import Bounce, Contact, ContactAddress, Event, Meeting, Summary
from daemon.contact_log.store import Store, state_of
from daemon.mail.bounce_reasons import reason_by_key
from daemon.mail.classify import BOUNCE, FOLLOW_UP, OUTREACH, REPLY, is_ignored
from daemon.playbook import conversation, first_notes, network, rules
from daemon.playbook.weekly import Goal, Line, Stage, Week, WeekBar, quiet_week_step, week_of
from daemon.settings import Settings
from daemon.writing.kinds import DRAFTS, KINDS

WEEK = timedelta(days=7)
MIN_GAP = timedelta(days=3)   # a summary sent again (--again) sooner than this still covers a whole week
MAX_GAP = timedelta(days=14)  # after a longer silence, the summary covers the last week only
STRIP_WEEKS = 12
SHOWN = 8            # lines per list at most; the rest is counted ("and 4 more")
READY_SHOWN = 5      # people ready for a first note: a short list, the most promising first
LATELY = timedelta(days=28)  # conversations whose introductions the summary follows
STAGE_WORDS = {"outreach": "reached out", "replied": "replied", "met": "met", "connected": "connected"}
NOTE_HEADINGS = (("to_do", "To do"), ("to_read", "To read"), ("to_look_up", "To look up"),
                 ("to_think_about", "To think about"))


def since_last_summary(now: datetime) -> datetime:
    """Where this summary's week starts: where the last one's ended, so a late summary (the machine was
    off on Monday) and the one after it leave no gap and no overlap; seven days before, otherwise."""
    last = (Summary.select(Summary.created_at).where((Summary.created_at <= now - MIN_GAP)
                                                     & (Summary.state == "delivered"))
            .order_by(Summary.created_at.desc()).first())
    if last is not None and now - MAX_GAP <= last.created_at:
        return last.created_at
    return now - WEEK


def gather(store: Store, settings: Settings, now: datetime) -> Week:
    return _Reading(store, settings, now).week()


class _Reading:
    def __init__(self, store: Store, settings: Settings, now: datetime):
        self.store, self.settings, self.now, self.zone = store, settings, now, settings.zone
        self.since = since_last_summary(now)
        self.ignored = settings.ignore | frozenset(store.ignored())
        self.contacts = {c.id: c for c in store.contacts()
                         if not is_ignored(store.primary_address(c), self.ignored)}
        self.tracked = {i: c for i, c in self.contacts.items() if c.confirmed}

    def week(self) -> Week:
        local_now = self.now.astimezone(self.zone)
        goals, unaddressed = self.goals(), self.unaddressed()  # each listed, and each weighed for a next step
        ready = first_notes.ready(prospects(self.store, self.ignored, list(self.tracked.values())), self.zone)
        return Week(
            key=week_of(self.now, self.zone), number=local_now.isocalendar()[1],
            since=self.day(self.since), until=self.day(self.now), my_name=self.settings.my_name,
            drafts_waiting=self.drafts_waiting(), to_schedule=self.to_schedule(), thanks_due=self.thanks_due(),
            to_review=self.to_review(), find_address=self.find_address(unaddressed), replies=self.replies(),
            ready=self.ready_by_tier(ready), ready_count=len(ready),
            meetings_held=self.meetings(held=True),
            quiet=self.quiet(), no_response=self.no_response(), bounces=self.bounces(),
            new_contacts=self.new_contacts(), introductions=self.introductions(),
            meetings_ahead=self.meetings(held=False), due_next_week=self.due_next_week(), goals=goals,
            notes=self.notes(), funnel=self.funnel(), strip=self.strip(), next_step=self.next_step(goals, unaddressed),
            sent=len(self.events((OUTREACH, FOLLOW_UP), self.since)),
        )

    # --- words --------------------------------------------------------------------------

    def day(self, when: datetime) -> str:
        local = when.astimezone(self.zone)
        return f"{local:%a %b} {local.day}"

    def moment(self, when: datetime) -> str:
        local = when.astimezone(self.zone)
        return f"{local:%a %b} {local.day}, {local:%H:%M}"

    def who(self, contact: Contact) -> str:
        return who_of(contact, self.store.primary_address(contact))

    def days(self, since: datetime) -> str:
        n = max((self.now - since).days, 0)
        return "today" if n == 0 else ("1 day" if n == 1 else f"{n} days")

    # --- what waits on the user ------------------------------------------------------

    def drafts_waiting(self) -> tuple[Line, ...]:
        waiting = [d for d in self.store.drafts(states=("placed",))
                   if KINDS.get(d.kind) and KINDS[d.kind].folder == DRAFTS and d.contact_id in self.tracked]
        return tuple(Line(self.who(d.contact), f"a {KINDS[d.kind].words} waits in Drafts", self.days(d.created_at),
                          d.contact_id, overdue=self.now - d.created_at > WEEK)
                     for d in reversed(waiting))  # newest first; the count says how many in all

    def to_schedule(self) -> tuple[Line, ...]:
        found = sorted((c for c in self.tracked.values() if c.status == rules.REPLIED),
                       key=lambda c: c.last_reply_at or c.updated_at)
        return tuple(Line(self.who(c), "replied: propose two or three times for the conversation",
                          f"waiting {self.days(c.last_reply_at)}" if c.last_reply_at else "", c.id,
                          overdue=bool(c.last_reply_at and self.now - c.last_reply_at > timedelta(days=2)))
                     for c in found)

    def thanks_due(self) -> tuple[Line, ...]:
        found = []
        for contact in self.tracked.values():
            if contact.status != rules.MET or self.store.drafts_of(contact, conversation.THANK_YOU, ("placed",)):
                continue  # a thank-you draft waiting in Drafts is listed there
            met = conversation.latest_ended(meetings.conversation_of(contact), self.now)
            if met is None:
                continue
            late = met.end.astimezone(self.zone).date() < self.now.astimezone(self.zone).date()
            found.append((met.end, Line(self.who(contact), "send your thank-you: it restates your ask",
                                        f"met {self.day(met.end)}", contact.id, overdue=late)))
        return tuple(line for _, line in sorted(found, key=lambda pair: pair[0]))

    def to_review(self) -> tuple[Line, ...]:
        return tuple(Line(self.who(c), "looks like outreach: coffeechat review", "", c.id)
                     for c in self.contacts.values() if not c.confirmed)

    def unaddressed(self) -> list[Contact]:
        """People suggested to the user, not yet written to, with no address to write to."""
        return [c for c in self.tracked.values()
                if c.referred_by_id and c.status == rules.NEW and not self.store.primary_address(c)]

    def ready_by_tier(self, ready: list[first_notes.Prospect]) -> tuple[tuple[str, tuple[Line, ...]], ...]:
        """The most promising few not yet written to, by tier, each with the command that drafts the note."""
        tiers: dict[str, list[Line]] = {}
        for prospect in ready[:READY_SHOWN]:
            line = Line(prospect.who, f"coffeechat outreach {prospect.contact_id}", "", prospect.contact_id)
            tiers.setdefault(prospect.relationship, []).append(line)
        return tuple((tier, tuple(lines)) for tier, lines in tiers.items())

    def find_address(self, unaddressed: list[Contact]) -> tuple[Line, ...]:
        return tuple(Line(self.who(c), f"suggested by {self.who(c.referred_by)}: find their address, then "
                                       f"'coffeechat contacts edit {c.id} --add-address ADDRESS'", "", c.id)
                     for c in unaddressed)

    # --- the week past ---------------------------------------------------------------

    def events(self, kinds: tuple[str, ...], since: datetime) -> list[Event]:
        return list(Event.select().where(Event.kind.in_(kinds) & (Event.date >= since) & (Event.date < self.now)
                                         & Event.contact.in_(list(self.tracked))).order_by(Event.date))

    def replies(self) -> tuple[Line, ...]:
        latest: dict[int, Event] = {}
        for event in self.events((REPLY,), self.since):
            latest[event.contact_id] = event
        lines = []
        for contact_id, event in latest.items():
            contact = self.tracked[contact_id]
            action, _, _ = next_step_of(self.store, contact, self.settings, self.now)
            lines.append(Line(self.who(contact), f"replied; next: {action}" if action else "replied",
                              self.day(event.date), contact_id))
        return tuple(lines)

    def meetings(self, held: bool) -> tuple[Line, ...]:
        if held:
            where = (Meeting.end >= self.since) & (Meeting.end <= self.now)
        else:
            where = (Meeting.start > self.now) & (Meeting.start <= self.now + WEEK)
        found = Meeting.select().where(where & ~Meeting.cancelled & Meeting.contact.in_(list(self.tracked)))
        lines = []
        for meeting in found.order_by(Meeting.start):
            contact = self.tracked[meeting.contact_id]
            what = "you met" if held else f"prepare: coffeechat prep {contact.id}"
            lines.append(Line(self.who(contact), what, self.moment(meeting.start), contact.id))
        return tuple(lines)

    def quiet(self) -> tuple[Line, ...]:
        lines = []
        for contact in self.tracked.values():
            if contact.status == rules.AWAITING_REPLY and contact.last_sent_at \
                    and self.now - contact.last_sent_at >= timedelta(days=self.settings.follow_up_days):
                sent = f"{contact.attempts} message{'s' if contact.attempts != 1 else ''} sent"
                lines.append(Line(self.who(contact), f"no answer yet ({sent})",
                                  f"{self.days(contact.last_sent_at)} since", contact.id))
        return tuple(lines)

    def no_response(self) -> tuple[Line, ...]:
        lines = []
        for contact in self.tracked.values():
            if contact.status == rules.NO_RESPONSE and contact.last_sent_at:
                when = rules.no_response_at(state_of(contact), self.settings)
                if self.since <= when <= self.now:
                    lines.append(Line(self.who(contact), "no answer to outreach or follow-up: let it rest",
                                      f"last written {self.day(contact.last_sent_at)}", contact.id))
        return tuple(lines)

    def bounces(self) -> tuple[Line, ...]:
        """One line a person: which address bounced, why in plain words, and what to do (hard and soft differ)."""
        lines = []
        latest = {event.contact_id: event for event in self.events((BOUNCE,), self.since)}
        reports = (Bounce.select().where((Bounce.date >= self.since) & (Bounce.date < self.now)
                                         & Bounce.contact.in_(list(self.tracked))).order_by(Bounce.date, Bounce.id))
        said = {row.contact_id: row for row in reports}  # a report naming several contacts has a row for each
        for contact_id in sorted(set(latest) | set(said), key=lambda i: (said.get(i) or latest[i]).date):
            contact, row = self.tracked[contact_id], said.get(contact_id)
            if row is not None:
                why = f"{row.words}" + (f" ({row.status})" if row.status else "")
                what = f"{row.address} bounced: {why}: {reason_by_key(row.reason).next_step}"
            else:  # recorded before reasons were kept
                bounced = [a.email for a in contact.addresses.where(ContactAddress.bounced)]
                address = ", ".join(bounced) if contact.name else ""  # an unnamed contact is shown by address already
                why = latest[contact_id].why or "returned by their server"
                what = f"{address + ' ' if address else ''}bounced: {why}"
            lines.append(Line(self.who(contact), what, self.day((row or latest[contact_id]).date), contact.id,
                              overdue=True))
        return tuple(lines)

    def new_contacts(self) -> tuple[Line, ...]:
        lines = []
        first_events = dict(Event.select(Event.contact, pw.fn.MIN(Event.date)).where(Event.contact.is_null(False))
                            .group_by(Event.contact).tuples())
        for contact in self.contacts.values():
            # New when first met in mail or first added: a first sync reads months of old outreach.
            began = min(filter(None, (contact.created_at, _utc(first_events.get(contact.id)))))
            if not contact.confirmed or not (self.since <= began <= self.now):
                continue
            if contact.referred_by_id:
                how = f"suggested by {self.who(contact.referred_by)}"
            elif Event.select().where((Event.contact == contact) & (Event.kind == OUTREACH)).exists():
                how = "you wrote to them"
            else:
                how = "added to your log"
            lines.append(Line(self.who(contact), how, self.day(contact.created_at), contact.id))
        return tuple(lines)

    def introductions(self) -> tuple[Line, ...]:
        """Each conversation held lately, with the people it led to: every one should lead to one more."""
        held = (Meeting.select().where((Meeting.end >= self.now - LATELY) & (Meeting.end <= self.now)
                                       & ~Meeting.cancelled & Meeting.contact.in_(list(self.tracked)))
                .order_by(Meeting.end))
        lines, seen = [], set()
        for meeting in held:
            if meeting.contact_id in seen:
                continue
            seen.add(meeting.contact_id)
            contact = self.tracked[meeting.contact_id]
            referred = [c.name or self.store.primary_address(c) for c in contact.referrals]
            what = (f"led to {len(referred)}: {', '.join(referred)}" if referred
                    else "no introductions yet: ask who else you should talk to")
            lines.append(Line(self.who(contact), what, f"met {self.day(meeting.end)}", contact.id,
                              overdue=not referred))
        return tuple(lines)

    # --- the week ahead --------------------------------------------------------------

    def due_next_week(self) -> tuple[Line, ...]:
        found = []
        ahead = self.now + WEEK
        for contact in self.tracked.values():
            if contact.status == rules.AWAITING_REPLY and contact.last_sent_at:
                drafted = self.store.drafted_attempts(contact, rules.FOLLOW_UP_DRAFT)
                state = state_of(contact)
                if state.attempts < self.settings.max_attempts and state.attempts + 1 not in drafted:
                    when = rules.follow_up_at(state, self.settings)
                    if when <= ahead:
                        found.append((when, Line(self.who(contact), "follow-up (drafted for you)",
                                                 self.day(max(when, self.now)), contact.id)))
                continue
            standing = people.standing_of(self.store, contact)
            if network.network_due(standing, ahead, self.settings) and not standing.waiting:
                when = network.check_in_at(standing, self.settings)
                if when is not None:
                    found.append((when, Line(self.who(contact), "keep in touch (a check-in is drafted for you)",
                                             self.day(max(when, self.now)), contact.id)))
        return tuple(line for _, line in sorted(found, key=lambda pair: pair[0]))

    # --- the longer view -------------------------------------------------------------

    def goals(self) -> tuple[Goal, ...]:
        return tuple(Goal(g["goal"], g["contacts"], tuple((STAGE_WORDS[stage], g[stage]) for stage in goal_log.STAGES))
                     for g in goal_log.progress() if not g["done"])

    def notes(self) -> tuple[tuple[str, tuple[Line, ...]], ...]:
        found: dict[str, list[Line]] = {}
        for note in meetings.notes_of(open_only=True):
            if note.contact_id in self.tracked and note.category in dict(NOTE_HEADINGS):
                found.setdefault(note.category, []).append(
                    Line(note.text, f"from {self.who(self.tracked[note.contact_id])}", f"note {note.id}",
                         note.contact_id))
        return tuple((heading, tuple(found[category])) for category, heading in NOTE_HEADINGS if category in found)

    def funnel(self) -> tuple[Stage, ...]:
        tracked = list(self.tracked.values())
        written = [c for c in tracked if c.round >= 1 or c.first_sent_at]
        replied = [c for c in tracked if c.last_reply_at or c.status in network.KEPT_IN_TOUCH]
        met_ever, met_week, connected_week = set(), set(), set()
        for meeting in Meeting.select().where(~Meeting.cancelled & (Meeting.end <= self.now)
                                              & Meeting.contact.in_(list(self.tracked))):
            met_ever.add(meeting.contact_id)
            if meeting.end >= self.since:
                met_week.add(meeting.contact_id)
        for contact_id in met_ever:
            talk = meetings.conversation_of(self.tracked[contact_id])
            thanked = conversation.thanked_at(talk, conversation.latest_ended(talk, self.now))
            if thanked and self.since <= thanked <= self.now:
                connected_week.add(contact_id)
        sent_week = {e.contact_id for e in self.events((OUTREACH,), self.since)}
        replied_week = {e.contact_id for e in self.events((REPLY,), self.since)}
        connected = [c for c in tracked if c.status == rules.CONNECTED]
        return (Stage("outreach", len(sent_week), len(written)), Stage("replied", len(replied_week), len(replied)),
                Stage("met", len(met_week), len(met_ever | {c.id for c in tracked if c.status == rules.MET})),
                Stage("connected", len(connected_week), len(connected)))

    def strip(self) -> tuple[WeekBar, ...]:
        """Twelve bars of seven days each, the last one the days this summary reports (not the ISO week
        that began this very morning); each labelled with the ISO week most of its days fall in."""
        ends = [self.now - WEEK * (STRIP_WEEKS - 1 - i) for i in range(STRIP_WEEKS)]
        starts = [end - WEEK for end in ends]
        starts[-1] = min(starts[-1], self.since)  # a catch-up summary's last bar covers all it reports
        counts: Counter[tuple[int, str]] = Counter()

        def bar(when: datetime) -> int | None:
            last = STRIP_WEEKS - 1  # latest bar first: a catch-up's last bar reaches back over the one before
            return next((i for i in reversed(range(STRIP_WEEKS))
                         if starts[i] <= when and (when < ends[i] or i == last)), None)

        for event in self.events((OUTREACH, FOLLOW_UP, REPLY), starts[0]):
            i = bar(event.date)
            if i is not None:
                counts[(i, "replies" if event.kind == REPLY else "sent")] += 1
        for meeting in Meeting.select().where(~Meeting.cancelled & (Meeting.end >= starts[0])
                                              & (Meeting.end <= self.now) & Meeting.contact.in_(list(self.tracked))):
            i = bar(meeting.end)
            if i is not None:
                counts[(i, "meetings")] += 1
        return tuple(WeekBar(f"W{(ends[i] - WEEK / 2).astimezone(self.zone).isocalendar()[1]}", counts[(i, "sent")],
                             counts[(i, "replies")], counts[(i, "meetings")], current=i == STRIP_WEEKS - 1)
                     for i in range(STRIP_WEEKS))

    def next_step(self, goals: tuple[Goal, ...], unaddressed: list[Contact]) -> str:
        unwritten: dict[str, list[str]] = {}
        for contact in self.tracked.values():
            if contact.status == rules.NEW and not contact.referred_by_id and self.store.primary_address(contact):
                unwritten.setdefault(contact.relationship, []).append(contact.name or self.who(contact))
        lonely_goals = [g.text for g in goals if g.contacts == 0]
        referrals = [(c.name, c.referred_by.name or "someone") for c in unaddressed]
        return quiet_week_step(unwritten, lonely_goals, referrals)


def _utc(stored: str | datetime | None) -> datetime | None:
    """An aggregate over a date column comes back as its stored text."""
    if stored is None or isinstance(stored, datetime):
        return stored
    return datetime.fromisoformat(stored)
