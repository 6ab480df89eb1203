"""The conversation commands: `meeting`, `met`, `note`, `notes`, `done`, `prep`. They need only the contact log."""

from __future__ import annotations

import argparse
import json
from datetime import datetime, timedelta, timezone

from daemon.contact_log import meetings, people
from daemon.contact_log.store import Store
from daemon.errors import UsageError
from daemon.playbook import conversation
from daemon.playbook.rules import FOLLOW_UP_DRAFT, PAUSED
from daemon.settings import Settings
from daemon.writing import drafts
from daemon.writing.kinds import compose
from daemon.writing.writeback import facts_for  # the same facts the daemon's prep note is written from

FLAGS = {f"--{category.replace('_', '-')}": category for category in conversation.CATEGORIES}


def add_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    who = {"metavar": "CONTACT", "help": "an email address, a contact id, or part of a name"}
    meeting = commands.add_parser("meeting", parents=[common], help="log a meeting arranged outside mail")
    meeting.add_argument("contact", **who)
    meeting.add_argument("--at", required=True, metavar="TIME", help='when, in your time zone: "2026-12-03 15:00"')
    meeting.add_argument("--minutes", type=_minutes, default=30, help="how long (default 30)")
    met = commands.add_parser("met", parents=[common], help="log a conversation that already happened")
    met.add_argument("contact", **who)
    met.add_argument("--at", metavar="TIME", help="when it started (default: it just ended)")
    met.add_argument("--minutes", type=_minutes, default=30, help="how long (default 30)")
    note = commands.add_parser("note", parents=[common], help="notes from a conversation, in the six categories")
    note.add_argument("contact", **who)
    for flag, category in FLAGS.items():
        note.add_argument(flag, dest=category, action="append", default=[], metavar="TEXT")
    note.add_argument("--ask", action="append", default=[], metavar="TEXT",
                      help="the ask you made: your words, or keep-in-touch, introductions, questions-later, resume")
    notes = commands.add_parser("notes", parents=[common], help="notes, all or one contact's")
    notes.add_argument("contact", nargs="?", **who)
    notes.add_argument("--open", action="store_true", help="only notes not yet done")
    notes.add_argument("--json", action="store_true", help="as JSON")
    done = commands.add_parser("done", parents=[common], help="mark a note done")
    done.add_argument("note_id", metavar="NOTE_ID", type=int)
    prep = commands.add_parser("prep", parents=[common], help="print the prep note for the next conversation")
    prep.add_argument("contact", **who)


def meeting_command(args: argparse.Namespace, settings: Settings, store: Store, contact) -> int:
    now = datetime.now(timezone.utc)
    start = _local_time(args.at, settings) if args.at else now - timedelta(minutes=args.minutes)
    if args.command == "met" and start > now:
        raise UsageError(f"--at {args.at!r} is in the future: use 'coffeechat meeting' for a meeting ahead")
    end = start + timedelta(minutes=args.minutes)
    waiting = store.drafts_of(contact, kind=FOLLOW_UP_DRAFT, states=("placed",))
    meetings.log_meeting(store, contact, start, end, now)
    status = conversation.status_now(meetings.conversation_of(contact), now)
    if status and status != contact.status and contact.status != PAUSED:  # the user said stop: it stays so
        store.set_status(contact, status, now)
    local = start.astimezone(settings.zone)
    who = store.describe(contact)
    print(f"{'Met' if end <= now else 'Meeting with'} {who} on {local:%a %b} {local.day}, {local:%H:%M}"
          f"–{end.astimezone(settings.zone):%H:%M} ({settings.timezone}). Status: {status or contact.status}.")
    if waiting:
        print("The follow-up waiting in Drafts for them is no longer needed: delete it.")
    if end > now:
        print(f"A prep note arrives in your INBOX that morning at {settings.prep_at[0]:02d}:{settings.prep_at[1]:02d}"
              f" ('coffeechat prep {args.contact}' shows it now).")
    ready = (end + timedelta(hours=settings.thank_you_hours)).astimezone(settings.zone)
    print(f"The thank-you draft is ready from {ready:%a} {ready:%H:%M} unless you write to them first; "
          f"add what you talked about with 'coffeechat note {args.contact} --to-follow-up \"…\"'.")
    return 0


def note_command(args: argparse.Namespace, settings: Settings, store: Store, contact) -> int:
    given = [(category, text) for category in (*conversation.CATEGORIES, conversation.ASK)
             for text in getattr(args, category) if text.strip()]
    if not given:
        raise UsageError("say what to note: --to-connect, --to-follow-up, --to-read, --to-look-up, --to-do, "
                         "--to-think-about or --ask, each with a text")
    created = meetings.add_notes(store, contact, [(c, " ".join(t.split())[:2000]) for c, t in given],
                                 datetime.now(timezone.utc))
    for note in created:
        print(f"[{note.id}] {_label(note.category)}: {note.text}")
    for text in args.to_connect:
        for person, new in people.referrals(store, contact, text, datetime.now(timezone.utc),
                                            frozenset(settings.my_addresses)):
            who = store.describe(person)
            if not new:
                print(f"{who} (id {person.id}) is already in your log; {contact.name or 'they'} suggested them.")
            elif store.primary_address(person):
                print(f"Added {who} (id {person.id}), suggested by {contact.name or store.describe(contact)}: a warm "
                      "introduction waits in Drafts after the next sync.")
            else:
                print(f"Added {who} (id {person.id}), suggested by {contact.name or store.describe(contact)}: find "
                      f"an address, then 'coffeechat contacts edit {person.id} --add-address EMAIL'.")
    return 0


def notes_command(args: argparse.Namespace, settings: Settings, store: Store, contact) -> int:
    found = meetings.notes_of(contact, open_only=args.open)
    rows = [{"id": n.id, "contact": store.describe(n.contact), "category": n.category, "text": n.text,
             "created_at": n.created_at.isoformat(), "done": n.done_at is not None,
             "meeting_start": n.meeting.start.isoformat() if n.meeting_id else None} for n in found]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    elif not rows:
        print("No notes yet: 'coffeechat note CONTACT --to-follow-up \"…\"' adds one." if not args.open
              else "No open notes.")
    for row in [] if args.json else rows:
        print(f"[{row['id']}] {'done ' if row['done'] else ''}{row['contact']}, {_label(row['category'])}: "
              f"{row['text']}")
    return 0


def done_command(args: argparse.Namespace, settings: Settings, store: Store) -> int:
    note = meetings.note(args.note_id)
    if note is None:
        raise UsageError(f"no note has id {args.note_id}: 'coffeechat notes' lists them")
    if note.done_at is not None:
        print(f"Already done: [{note.id}] {_label(note.category)}: {note.text}")
        return 0
    meetings.mark_done(store, args.note_id, datetime.now(timezone.utc))
    print(f"Done: [{note.id}] {_label(note.category)}: {note.text}")
    return 0


def prep_command(args: argparse.Namespace, settings: Settings, store: Store, contact) -> int:
    now = datetime.now(timezone.utc)
    meeting = meetings.next_meeting(contact, now) or meetings.latest_meeting(contact, now)
    if meeting is None:
        raise UsageError(f"no meeting with {store.describe(contact)} yet: log one with "
                         f"'coffeechat meeting {args.contact} --at \"YYYY-MM-DD HH:MM\"'")
    facts = facts_for(store, contact, conversation.PREP, meeting.id)
    message = compose(drafts.environment(settings.templates_dir), conversation.PREP, facts,
                      my_name=settings.my_name, my_address=settings.from_address, attempt=meeting.id, now=now,
                      message_id="<preview@coffeechat.invalid>", zone=settings.zone)
    print(f"{message['Subject']}\n\n{message.get_content().replace(chr(13), '').rstrip()}")
    return 0


def _local_time(text: str, settings: Settings) -> datetime:
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"--at {text!r} is not a time: write it like \"2026-12-03 15:00\"") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=settings.zone)  # times on the command line are in COFFEECHAT_TIMEZONE
    if not 1971 <= when.year <= 2200:
        raise UsageError(f"--at {text!r} is too far from today: give a date between 1971 and 2200")
    return when.astimezone(timezone.utc)


def _minutes(text: str) -> int:
    try:
        minutes = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of minutes") from None
    if not 5 <= minutes <= 600:
        raise argparse.ArgumentTypeError("use from 5 to 600 minutes")
    return minutes


def _label(category: str) -> str:
    return category.replace("_", " ")


