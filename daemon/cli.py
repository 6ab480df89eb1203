"""The `coffeechat` command: parses arguments, calls the library, turns errors into one line and an exit code."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import time
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

import peewee

from daemon import __version__, contacts
from daemon import settings as settings_module
from daemon.errors import CoffeechatError, MailboxError, PasswordCommandError, StoreError, TemplateError
from daemon.mailbox import Mailbox
from daemon.service import CycleReport, run_cycle
from daemon.settings import Settings
from daemon.store import Store

log = logging.getLogger("coffeechat")


def parser() -> argparse.ArgumentParser:
    # --env-file is accepted before or after the command (SUPPRESS: a later one does not erase an earlier one).
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--env-file", metavar="PATH", default=argparse.SUPPRESS,
                        help="settings file (default: ./.env, then $XDG_CONFIG_HOME/coffeechat/coffeechat.env)")
    top = argparse.ArgumentParser(prog="coffeechat", parents=[common], description=(
        "Watches your mailbox and puts ready-to-edit follow-up drafts in your Drafts folder. "
        "It never sends mail."))
    top.add_argument("--version", action="version", version=f"coffeechat {__version__}")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("check", parents=[common], help="connect, show the folders coffeechat will use")
    sync = commands.add_parser("sync", parents=[common], help="run one full cycle, then exit")
    sync.add_argument("--dry-run", action="store_true", help="print what would be drafted; write nothing")
    sync.add_argument("--now", metavar="ISO", type=_iso_time,
                      help="what if it were this time? (a preview: implies --dry-run)")
    commands.add_parser("run", parents=[common], help="run continuously (the daemon)")
    people = commands.add_parser("contacts", parents=[common], help="the contact log").add_subparsers(
        dest="action", required=True, metavar="ACTION")
    people.add_parser("list", parents=[common], help="one line per contact")
    export = people.add_parser("export", parents=[common], help="every contact as JSON or CSV")
    export.add_argument("--format", choices=("json", "csv"), default="json", help="json (the default) or csv")
    commands.add_parser("drafts", parents=[common], help="drafts coffeechat has placed, and what became of them")
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        settings = settings_module.load(getattr(args, "env_file", None))
        logging.basicConfig(level=settings.log_level, stream=sys.stderr,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        # People's mail has no place in our logs, even at DEBUG.
        for chatty in ("imapclient", "peewee"):  # their DEBUG logs carry mail data and SQL values
            logging.getLogger(chatty).setLevel(max(logging.INFO, logging.getLogger().level))
        return COMMANDS[args.command](args, settings)
    except CoffeechatError as e:
        print(f"coffeechat: {e}", file=sys.stderr)
        return e.exit_code
    except peewee.PeeweeException as e:  # the contact log failed outside a guarded write
        print(f"coffeechat: the contact log could not be read or written: {' '.join(str(e).split())}",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def check(args: argparse.Namespace, settings: Settings) -> int:
    with Mailbox.connect(settings) as box:
        folders = box.folders()
    print(f"Connected to {settings.imap_host}:{settings.imap_port} as {settings.imap_user} "
          f"({'plain text, loopback only' if settings.imap_tls == 'none' else settings.imap_tls.upper()}).")
    print(f"Inbox:  {folders.inbox}\nSent:   {folders.sent}\nDrafts: {folders.drafts}")
    return 0


def sync(args: argparse.Namespace, settings: Settings) -> int:
    now = args.now or datetime.now(timezone.utc)
    # A what-if must not change the log or the mailbox: marking someone no_response or
    # dating a draft next month cannot be taken back.
    args.dry_run = args.dry_run or args.now is not None
    database = settings.database
    if args.dry_run and not _log_exists(database):
        database = ":memory:"  # a dry run writes nothing, not even an empty contact log
    store = Store(database)
    try:
        report = run_cycle(settings, store, now, dry_run=args.dry_run)
    finally:
        store.close()
    print(describe(report), end="")
    return 0


def run(args: argparse.Namespace, settings: Settings) -> int:
    """The daemon: a cycle every COFFEECHAT_POLL_SECONDS; a failed cycle is logged and retried."""
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    store: Store | None = Store(settings.database)  # opened now, so a bad database stops us at once
    log.info("coffeechat %s watching %s as %s, every %ss", __version__, settings.imap_host,
             settings.imap_user, settings.poll_seconds)
    try:
        while not stopping:
            try:
                store = store or Store(settings.database)
                report = run_cycle(settings, store, datetime.now(timezone.utc))
                for line in describe(report).splitlines():
                    log.info("%s", line)
            except (MailboxError, PasswordCommandError, TemplateError) as e:
                # The server may come back, the keyring be unlocked, the template be fixed: try again.
                log.warning("cycle failed, will retry in %ss: %s", settings.poll_seconds, e)
            except (StoreError, peewee.PeeweeException) as e:
                # A locked or restarted database: reconnect before the next try.
                log.warning("cycle failed, will retry in %ss: %s", settings.poll_seconds, " ".join(str(e).split()))
                if store is not None:
                    store.close()
                store = None
            deadline = time.monotonic() + settings.poll_seconds
            while not stopping and time.monotonic() < deadline:
                time.sleep(1)
    finally:
        if store is not None:
            store.close()
    log.info("stopped")
    return 0


def existing_store(settings: Settings) -> Store:
    """The contact log for commands that only read it: a missing one is not silently created."""
    target = settings.database
    if not _log_exists(target):
        raise CoffeechatError(f"no contact log at {target} yet: 'coffeechat sync' creates it "
                              "(or check COFFEECHAT_DATABASE)")
    return Store(target)


def _log_exists(target: str) -> bool:
    """Whether the contact log is there; one in a folder we may not look into counts, so Store names the problem."""
    if "://" in target:
        return True
    try:
        os.stat(Path(target).expanduser())
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:
        pass  # there or not, it is not ours to read: opening it says why
    return True


def contacts_command(args: argparse.Namespace, settings: Settings) -> int:
    store = existing_store(settings)
    try:
        found = contacts.rows(store, settings)
    finally:
        store.close()
    if args.action == "list":
        print(contacts.as_table(found), end="")
    else:
        print(contacts.as_json(found) if args.format == "json" else contacts.as_csv(found), end="")
    return 0


def drafts_command(args: argparse.Namespace, settings: Settings) -> int:
    store = existing_store(settings)
    try:
        placed = store.drafts()
        if not placed:
            print("No drafts yet.")
        for draft in placed:
            who = draft.contact.name or store.primary_address(draft.contact)
            state = {"intended": "recorded, to be placed when due"}.get(draft.state, draft.state)
            print(f"{draft.created_at:%Y-%m-%d} {draft.kind} (attempt {draft.attempt}) for {who}: {state}")
    finally:
        store.close()
    return 0


def describe(report: CycleReport) -> str:
    """The cycle in a few lines a person can read."""
    fetched = ", ".join(f"{folder} {count}" for folder, count in report.fetched.items())
    count = sum(report.fetched.values())
    lines = [f"{'Dry run: r' if report.dry_run else 'R'}ead {count} new message{'' if count == 1 else 's'} ({fetched})"
             + (f", skipped {report.skipped} unreadable" if report.skipped else "") + "."]
    kinds: dict[str, int] = {}
    for event in report.events:
        kinds[event.kind] = kinds.get(event.kind, 0) + 1
    if kinds:
        counts = (f"{n} {kind.replace('_', ' ')}" for kind, n in sorted(kinds.items()))
        lines.append(f"Tracked: {', '.join(counts)}.")
    verb = "Would draft" if report.dry_run else "Drafted"
    for draft in report.drafts:
        kind = draft.kind.replace("_", "-")
        lines.append(f"{verb} {kind} (attempt {draft.attempt}) to {draft.contact}: {draft.subject}")
        if report.dry_run:
            lines += [f"    {line}" if line else "" for line in draft.body.replace("\r\n", "\n").rstrip().splitlines()]
    for who, status in report.statuses:
        lines.append(f"{'Would mark' if report.dry_run else 'Marked'} {who} as {status}.")
    for who, status in report.withdrawn:
        why = {"replied": "replied", "bounced": "bounced"}.get(status, f"is now {status}")
        lines.append(f"{who} {why}: the follow-up waiting in Drafts is no longer needed; delete it.")
    if not report.drafts and not report.statuses and not report.withdrawn:
        lines.append("Nothing is due.")
    return "\n".join(lines) + "\n"


def _iso_time(text: str) -> datetime:
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an ISO date or time, e.g. 2026-12-01T09:00") from None
    if not 1971 <= when.year <= 9000:
        raise argparse.ArgumentTypeError(f"{text!r} is too far from today to ask about")
    if when.tzinfo is None:
        when = when.astimezone()  # a bare time means the user's local time
    return when.astimezone(timezone.utc)


COMMANDS = {"check": check, "sync": sync, "run": run, "contacts": contacts_command, "drafts": drafts_command}


if __name__ == "__main__":
    raise SystemExit(main())
