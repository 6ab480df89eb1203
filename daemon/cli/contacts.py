"""`coffeechat contacts add|edit|show|pause|resume|remove`: the contact spreadsheet by hand, offline."""

from __future__ import annotations

import argparse
from datetime import datetime, timezone
from pathlib import Path

from daemon.contact_log import contacts, goals, meetings, people
from daemon.contact_log.importing import read_contacts
from daemon.contact_log.imports import import_contacts
from daemon.contact_log.store import Store
from daemon.errors import UsageError
from daemon.settings import TIERS, Settings

WHO = {"metavar": "CONTACT", "help": "an email address, a contact id, or part of a name"}


def add_commands(people_parsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    add = people_parsers.add_parser("add", parents=[common], help="add someone by hand")
    add.add_argument("name", metavar="NAME")
    add.add_argument("email", metavar="EMAIL", nargs="?", help="their address (can come later)")
    add.add_argument("--note", action="append", default=[], metavar="TEXT", help="anything worth remembering")
    _fields(add)
    edit = people_parsers.add_parser("edit", parents=[common], help="change a contact's details")
    edit.add_argument("contact", **WHO)
    edit.add_argument("--name")
    edit.add_argument("--add-address", action="append", default=[], metavar="EMAIL")
    edit.add_argument("--remove-address", action="append", default=[], metavar="EMAIL")
    _fields(edit)
    for action, words in (("show", "everything about one contact: timeline, next step, referrals"),
                          ("pause", "no drafts of any kind for them until resume"),
                          ("resume", "track them again")):
        people_parsers.add_parser(action, parents=[common], help=words).add_argument("contact", **WHO)
    merge = people_parsers.add_parser("merge", parents=[common], help="one person with two records: B into A")
    merge.add_argument("contact", **WHO)
    merge.add_argument("other", metavar="OTHER", help="the record to fold into CONTACT")
    load = people_parsers.add_parser("import", parents=[common], help="contacts from a CSV, LinkedIn or vCard file")
    load.add_argument("file", metavar="FILE")
    load.add_argument("--format", choices=("csv", "linkedin", "vcard"), help="guessed from the content if not given")
    load.add_argument("--dry-run", action="store_true", help="say what would change; write nothing")
    remove = people_parsers.add_parser("remove", parents=[common], help="delete a contact and its history")
    remove.add_argument("contact", **WHO)
    remove.add_argument("--yes", action="store_true", help="really remove (nothing is asked interactively)")


def _fields(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--org", dest="organization", metavar="ORGANIZATION")
    parser.add_argument("--role")
    parser.add_argument("--relationship", choices=TIERS, help="core, extended, shared or cold")
    parser.add_argument("--referred-by", metavar="CONTACT", help="who suggested them")
    parser.add_argument("--cadence", type=_days, metavar="DAYS", help="keep-in-touch cadence for them")
    parser.add_argument("--goal", metavar="GOAL", help="the goal they serve: its id or part of its text")


def handle(args: argparse.Namespace, settings: Settings, store: Store, resolve) -> int:
    """Run one of the actions above; `resolve(query)` turns a CONTACT argument into one contact."""
    now = datetime.now(timezone.utc)
    if args.action == "import":
        args.my_addresses = settings.my_addresses
        return import_command(args, store, now)
    if args.action == "add":
        contact = people.add(store, args.name, args.email, _changes(args, resolve), now)
        if args.note:
            meetings.add_notes(store, contact, [("note", " ".join(t.split())) for t in args.note if t.strip()], now)
        print(f"Added {store.describe(contact)} (id {contact.id}), {contact.relationship}.")
        return 0
    contact = resolve(args.contact)
    if args.action == "edit":
        people.edit(store, contact, _changes(args, resolve, name=args.name), now, args.add_address,
                    args.remove_address)
        print(f"Updated {store.describe(contact)} (id {contact.id}).")
    elif args.action == "merge":
        other = resolve(args.other)
        gone = store.describe(other)
        moved = people.merge(store, contact, other, now)
        print(f"Merged {gone} into {store.describe(contact)} (id {contact.id}): "
              + ", ".join(f"{n} {what}" for what, n in moved.items()) + " moved.")
    elif args.action == "show":
        print(show(store, contact, settings), end="")
    elif args.action == "pause":
        people.pause(store, contact, now)
        print(f"Paused {store.describe(contact)}: no drafts for them until 'coffeechat contacts resume'.")
    elif args.action == "resume":
        status = people.resume(store, contact, now)
        print(f"Resumed {store.describe(contact)}: {status}.")
    elif args.action == "remove":
        if not args.yes:
            raise UsageError(f"this deletes {store.describe(contact)} and their history from the log: add --yes")
        who = store.describe(contact)
        people.remove(store, contact)
        print(f"Removed {who}. A draft of theirs already in Drafts stays there, yours to delete.")
    return 0


def import_command(args: argparse.Namespace, store: Store, now: datetime) -> int:
    path = Path(args.file).expanduser()
    try:
        data = path.read_bytes()
    except OSError as e:
        raise UsageError(f"cannot read {args.file}: {e.strerror}") from None
    result = read_contacts(data, args.format, path.name)
    report = import_contacts(store, result, now, dry_run=args.dry_run, my_addresses=frozenset(args.my_addresses))
    verb = ("would add", "would update") if args.dry_run else ("added", "updated")
    print(f"Read {len(result.contacts)} contact{'s' if len(result.contacts) != 1 else ''} from {path.name} "
          f"({result.format}): {verb[0]} {report.added}, {verb[1]} {len(report.updated)}, "
          f"unchanged {report.unchanged}, skipped {len(result.skipped) + len(report.own)}.")
    for who, changes in report.updated:
        print(f"  {who}: {'; '.join(changes)}")
    skipped = [(s.line, s.reason) for s in result.skipped] + [(line, "your own address") for line in report.own]
    if skipped:
        print("Skipped:")
        for line, reason in sorted(skipped):
            print(f"  line {line}: {reason}")
    if args.dry_run:
        print("Dry run: nothing was written.")
    return 0


def show(store: Store, contact, settings: Settings) -> str:
    row = next(r for r in contacts.rows(store, settings) if r["id"] == contact.id)
    lines = [f"{store.describe(contact)} (id {contact.id})",
             f"  {contact.relationship}, {contact.status}"
             + (f", {contact.role}" if contact.role else "") + (f" at {contact.organization}" if contact.organization
                                                                  else "")]
    others = [a.email for a in contact.addresses][1:]
    if others:
        lines.append(f"  also: {', '.join(others)}")
    up, down = people.referral_chain(contact)
    if up:
        lines.append("  referred by: " + " ← ".join(store.describe(c) for c in up))
    if down:
        lines.append("  led to: " + ", ".join(store.describe(c) for c in down))
    lines.append("")
    for when, what in people.timeline(store, contact):
        lines.append(f"  {when.astimezone(settings.zone):%Y-%m-%d %H:%M}  {what}")
    if row["next_action"]:
        due = ""
        if row["next_action_due"]:
            due = f" ({datetime.fromisoformat(row['next_action_due']).astimezone(settings.zone):%Y-%m-%d %H:%M})"
        lines += ["", f"Next: {row['next_action']}{due}"]
    return "\n".join(lines) + "\n"


def _changes(args: argparse.Namespace, resolve, name: str | None = None) -> people.Changes:
    referrer = resolve(args.referred_by) if args.referred_by else None
    goal = goals.find(args.goal, open_only=True) if args.goal else None
    return people.Changes(name=name, organization=args.organization, role=args.role,
                          relationship=args.relationship, referred_by=referrer, cadence_days=args.cadence, goal=goal)


def _days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of days") from None
    if not 7 <= days <= 3650:
        raise argparse.ArgumentTypeError("use from 7 to 3650 days")
    return days




def review(args: argparse.Namespace, store: Store) -> int:
    """List outreach waiting for confirmation, or accept or ignore some of it by contact id."""
    waiting = {str(c.id): c for c in store.pending_review()}
    unknown = [i for i in (*args.accept, *args.ignore) if i not in waiting]
    if unknown:
        raise UsageError(f"no outreach waiting for review has id {unknown[0]}: "
                         f"{'waiting ids are ' + ', '.join(waiting) if waiting else 'nothing is waiting'}")
    now = datetime.now(timezone.utc)
    for contact_id in args.accept:
        store.confirm(waiting[contact_id], now)
        print(f"Tracking {store.describe(waiting[contact_id])}: a follow-up is drafted when one is due.")
    for contact_id in args.ignore:
        print(_ignored_words(store, waiting[contact_id], now))
    if not args.accept and not args.ignore:
        rows = contacts.review_rows(store, list(waiting.values()))
        print(contacts.as_json(rows) if args.json else contacts.review_table(rows), end="")
    return 0


def ignore(args: argparse.Namespace, store: Store, one) -> int:
    """`contacts ignore`: a contact for good, or an address or domain not met yet."""
    now = datetime.now(timezone.utc)
    found = store.find(args.contact)
    entry = args.contact.strip().lower().lstrip("@")
    if not found and _is_address_or_domain(entry):
        store.ignore_address(entry, now)  # not met yet: never start tracking them
        what = "this address" if "@" in entry else "anyone at this domain"
        print(f"Ignoring {entry}: mail with {what} is never tracked.")
        return 0
    print(_ignored_words(store, one(args.contact, found), now))
    return 0


def _is_address_or_domain(entry: str) -> bool:
    """pat@family.example, or family.example (a domain, as COFFEECHAT_IGNORE takes it)."""
    return (entry.count("@") <= 1 and "." in entry.rpartition("@")[2] and not any(c.isspace() or c in "<>\",;"
                                                                                 for c in entry))


def _ignored_words(store: Store, contact, now: datetime) -> str:
    who = store.describe(contact)
    waiting = store.ignore(contact, now)
    words = f"Ignoring {who}: removed from the contact log, and mail with them is never tracked again."
    if len(waiting) == 1:
        words += " A draft for them still waits in your Drafts folder: delete it if you do not want to send it."
    elif waiting:
        words += (f" {len(waiting)} drafts for them still wait in your Drafts folder: delete them if you do not "
                  "want to send them.")
    return words
