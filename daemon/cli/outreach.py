"""`coffeechat outreach CONTACT… | --next N [--why TEXT] [--dry-run] [--json]`: first notes, left in Drafts."""

from __future__ import annotations

import argparse
import json
from datetime import datetime, timezone

from daemon.contact_log.store import Store
from daemon.errors import UsageError
from daemon.mail.messages import clean
from daemon.playbook.first_notes import WORDS_AT_MOST
from daemon.service import CycleReport, run_cycle
from daemon.settings import Settings
from daemon.writing.kinds import KINDS
from daemon.writing.requested import Outcome, write_first_notes

MOST_AT_ONCE = 20  # --next: a first note each is work for the user too; twenty is a good week's worth


def add_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("outreach", parents=[common],
                                 help="first notes, written for each tier, left in Drafts (never sent)")
    parser.add_argument("contacts", nargs="*", metavar="CONTACT",
                        help="an email address, a contact id, or part of a name (several may be given)")
    parser.add_argument("--next", type=_count, metavar="N",
                        help="the N most promising people not yet written to: core, extended, shared, cold, then "
                             "those serving a goal")
    parser.add_argument("--why", metavar="TEXT",
                        help="why them, as you would finish \"I'm writing because…\" (with one CONTACT)")
    parser.add_argument("--dry-run", action="store_true", help="print the drafts; write nothing")
    parser.add_argument("--json", action="store_true", help="what became of each contact, as JSON")


def command(args: argparse.Namespace, settings: Settings, store: Store, resolve) -> int:
    """`resolve(query)` turns a CONTACT argument into one contact (none or several: exit 2, naming them)."""
    if bool(args.contacts) == (args.next is not None):
        raise UsageError("name the people to write to, or ask for the next few: coffeechat outreach \"Maya Okafor\" "
                         "or coffeechat outreach --next 3")
    why = clean(args.why or "", 300)
    if args.why is not None and not why:
        raise UsageError("--why TEXT says why them in a few words, e.g. --why \"you ran the campaign I "
                         "volunteered on\"")
    if why and args.next is not None:
        raise UsageError("--why says why one person: give it with CONTACT, e.g. coffeechat outreach \"Maya Okafor\" "
                         "--why \"you ran the campaign I volunteered on\"")
    ids = list(dict.fromkeys(resolve(query).id for query in args.contacts)) if args.contacts else None
    if why and ids is not None and len(ids) > 1:
        # One person's reason in everyone's note is a fact invented about the others.
        raise UsageError("--why says why one person: give it with one CONTACT at a time, e.g. coffeechat outreach "
                         "\"Maya Okafor\" --why \"you ran the campaign I volunteered on\"")
    outcomes: list[Outcome] = []
    report = CycleReport()
    run_cycle(settings, store, datetime.now(timezone.utc), dry_run=args.dry_run, report=report,
              requested=lambda writer: outcomes.extend(write_first_notes(writer, ids, args.next or 0, why)))
    if args.json:
        print(json.dumps([_row(o) for o in outcomes], indent=2, ensure_ascii=False))
    else:
        print(_lines(outcomes, args.dry_run, args.next is not None), end="")
    for warning in report.warnings:
        print(f"Warning: {warning}")
    return 0


def _lines(outcomes: list[Outcome], dry_run: bool, asked_next: bool) -> str:
    lines = []
    for outcome in outcomes:
        head = f"{outcome.who} ({outcome.relationship})"
        if not outcome.drafted:
            lines.append(f"{head}: {outcome.reason}")
            continue
        long = f" ({outcome.words} words: the guides keep a first note under {WORDS_AT_MOST})" \
            if outcome.words > WORDS_AT_MOST else ""
        what = KINDS[outcome.kind].words
        lines.append(f"{head}: {'would draft' if dry_run else 'drafted'} a {what}, \"{outcome.subject}\"{long}")
        if dry_run:
            lines += [f"    {line}" if line else "" for line in outcome.body.replace("\r\n", "\n").rstrip().split("\n")]
    drafted = [o for o in outcomes if o.drafted]
    if asked_next and not drafted:
        lines.append("No one else with an address waits for a first note. Add people with 'coffeechat contacts add', "
                     "or import your LinkedIn connections with 'coffeechat contacts import'.")
    if dry_run:
        lines.append("Dry run: nothing was drafted or recorded.")
    elif drafted:
        lines.append("Each waits in Drafts with a [bracketed] line only you can write: fill it in, then send it "
                     "yourself. coffeechat never sends.")
    return "\n".join(lines) + "\n"


def _row(outcome: Outcome) -> dict:
    return {"id": outcome.contact_id, "who": outcome.who, "relationship": outcome.relationship,
            "drafted": outcome.drafted, "kind": outcome.kind or None, "reason": outcome.reason or None,
            "subject": outcome.subject or None, "words": outcome.words if outcome.drafted else None,
            "body": outcome.body or None}


def _count(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number: e.g. --next 3") from None
    if not 1 <= n <= MOST_AT_ONCE:
        raise argparse.ArgumentTypeError(f"{n} is out of range: ask for 1 to {MOST_AT_ONCE} at a time")
    return n
