"""The `coffeechat` command: parses arguments, calls the library, turns errors into one line and an exit code."""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

import peewee

from daemon import __version__, logs
from daemon import settings as settings_module
from daemon.cli import auth as cli_auth
from daemon.cli import contacts as cli_contacts
from daemon.cli import conversation as cli_conversation
from daemon.cli import goals as cli_goals
from daemon.cli import outreach as cli_outreach
from daemon.cli import summary as cli_summary
from daemon.contact_log import contacts, goals
from daemon.contact_log.store import Store
from daemon.errors import CoffeechatError, UsageError
from daemon.loop import Daemon
from daemon.mail.mailbox import Mailbox
from daemon.mail.sent_folders import FolderInfo, forgotten_sent
from daemon.playbook import rules
from daemon.providers import PROVIDERS
from daemon.service import CycleReport, run_cycle
from daemon.settings import Settings
from daemon.writing.report import describe, explain

log = logging.getLogger("coffeechat")


def parser() -> argparse.ArgumentParser:
    # --env-file is accepted before or after the command (SUPPRESS: a later one does not erase an earlier one).
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--env-file", metavar="PATH", default=argparse.SUPPRESS,
                        help="settings file (default: ./.env, then $XDG_CONFIG_HOME/coffeechat/coffeechat.env)")
    common.add_argument("--log-level", choices=("DEBUG", "INFO", "WARNING", "ERROR"), type=str.upper,
                        default=argparse.SUPPRESS, help="over COFFEECHAT_LOG_LEVEL for this run")
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
    sync.add_argument("--explain", action="store_true",
                      help="say why each sent message it reads counted as outreach or not")
    commands.add_parser("run", parents=[common], help="run continuously (the daemon)")
    review = commands.add_parser("review", parents=[common],
                                 help="outreach waiting for your confirmation (COFFEECHAT_OUTREACH_MODE=confirm)")
    review.add_argument("--accept", nargs="+", metavar="ID", default=[], help="track these: follow-ups when due")
    review.add_argument("--ignore", nargs="+", metavar="ID", default=[], help="not networking: never track them")
    review.add_argument("--json", action="store_true", help="the waiting outreach as JSON")
    people = commands.add_parser("contacts", parents=[common], help="the contact log").add_subparsers(
        dest="action", required=True, metavar="ACTION")
    listing = people.add_parser("list", parents=[common], help="one line per contact")
    listing.add_argument("--json", action="store_true", help="as JSON (the export's fields)")
    listing.add_argument("--status", choices=rules.STATUSES, help="only contacts in this status")
    listing.add_argument("--relationship", choices=("core", "extended", "shared", "cold"), help="only this tier")
    listing.add_argument("--due-before", metavar="DATE", type=_date, help="only those with a next step due by then")
    listing.add_argument("--goal", metavar="GOAL", help="only contacts linked to this goal (id or part of its text)")
    cli_contacts.add_commands(people, common)
    ignore = people.add_parser("ignore", parents=[common], help="never track this person (or address) again")
    ignore.add_argument("contact", metavar="CONTACT", help="an email address, a contact id, or part of a name")
    export = people.add_parser("export", parents=[common], help="every contact as JSON or CSV")
    export.add_argument("--format", choices=("json", "csv"), default="json", help="json (the default) or csv")
    export.add_argument("--excel", action="store_true", help="CSV with a UTF-8 byte-order mark, as Excel wants it")
    commands.add_parser("drafts", parents=[common], help="drafts coffeechat has placed, and what became of them")
    cli_conversation.add_commands(commands, common)
    cli_goals.add_commands(commands, common)
    cli_outreach.add_commands(commands, common)
    cli_summary.add_commands(commands, common, _iso_time)
    cli_auth.add_commands(commands, common)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        settings = settings_module.load(getattr(args, "env_file", None), signing_in=args.command == "auth")
        # To stderr; under systemd without timestamps (journald adds them). imapclient's and peewee's
        # DEBUG lines carry mail data and SQL values: they stay at INFO.
        logs.configure(getattr(args, "log_level", None) or settings.log_level)
        if args.command != "check":  # which prints them among what it found
            for warning in settings.warnings:
                log.warning("%s", warning)
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
        read = [box.info(name) for name in folders.sent]
        others = [box.info(name) for name in folders.sent_like if name not in folders.sent]
        inbox, drafts = box.info(folders.incoming), box.info(folders.drafts)
        offered = box.capabilities()
    print(f"Connected to {settings.imap_host}:{settings.imap_port} as {settings.imap_user} "
          f"({'plain text, loopback only' if settings.imap_tls == 'none' else settings.imap_tls.upper()}).")
    if settings.oauth2_setting:
        print(f"Login:  OAuth2 ({box.login_method}), a fresh token from {settings.oauth2_setting} at every connection")
    how = dict(folders.why)
    found_inbox = f", found by {how['inbox']}" if "inbox" in how else ""
    print(f"Inbox:  {_counted(inbox)}{found_inbox}\n"
          f"Sent:   {', '.join(_counted(f) for f in read)}, found by {how['sent']}\n"
          f"Drafts: {_counted(drafts)}, found by {how['drafts']}")
    if others:
        print(f"Not read: {', '.join(_counted(f) for f in others)}")
    print(_provider_words(settings))
    print(f"Server offers: {', '.join(offered) or 'none of IDLE, SPECIAL-USE, CONDSTORE'}"
          f"{'' if 'IDLE' in offered else ' (no IDLE: new mail is seen at each poll)'}")
    warning = forgotten_sent(read, others)
    if warning:
        print(f"Warning: {warning}")
    for warning in settings.warnings:
        print(f"Warning: {warning}")
    return 0


def _provider_words(settings: Settings) -> str:
    profile = PROVIDERS[settings.provider]
    if settings.provider == "generic":
        return f"Provider: none in particular (COFFEECHAT_PROVIDER picks a profile); login: {profile.login}."
    source = (f"guessed from {settings.imap_user if '@' in settings.imap_user else settings.from_address}; "
              "set COFFEECHAT_PROVIDER to choose" if settings.provider_guessed else "COFFEECHAT_PROVIDER")
    return f"Provider: {settings.provider} ({source}); login: {profile.login}."


def _counted(folder: FolderInfo) -> str:
    newest = f", newest {folder.newest:%Y-%m-%d}" if folder.newest else ""
    return f"{folder.name} ({folder.messages} message{'' if folder.messages == 1 else 's'}{newest})"


def sync(args: argparse.Namespace, settings: Settings) -> int:
    now = args.now or datetime.now(timezone.utc)
    if now.tzinfo is None:
        now = now.replace(tzinfo=settings.zone)  # a bare time means COFFEECHAT_TIMEZONE, as everywhere
    # A what-if must not change the log or the mailbox: marking someone no_response or
    # dating a draft next month cannot be taken back.
    args.dry_run = args.dry_run or args.now is not None
    database = settings.database
    if args.dry_run and not _log_exists(database):
        database = ":memory:"  # a dry run writes nothing, not even an empty contact log
    store = Store(database, upgrade=not args.dry_run)  # a dry run leaves an older log as it found it
    report = CycleReport(explain=args.explain, progress=logs.progress_line())
    try:
        run_cycle(settings, store, now, dry_run=args.dry_run, report=report)
    except KeyboardInterrupt:
        report.interrupted = True  # say what was already done: drafts placed stay placed
        print(describe(report), end="")
        return 130
    finally:
        store.close()
    print(describe(report), end="")
    if args.explain:
        print(explain(report), end="")
    return 0


def run(args: argparse.Namespace, settings: Settings) -> int:
    """The daemon: a cycle every COFFEECHAT_POLL_SECONDS, the weekly summary at its time (daemon/loop.py)."""
    return Daemon(settings, getattr(args, "env_file", None)).run()


def existing_store(settings: Settings, upgrade: bool = True) -> Store:
    """The contact log for commands that only read it: a missing one is not silently created."""
    target = settings.database
    if not _log_exists(target):
        raise CoffeechatError(f"no contact log at {target} yet: 'coffeechat sync' creates it "
                              "(or check COFFEECHAT_DATABASE)")
    return Store(target, upgrade=upgrade)


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
    if args.action == "ignore":
        return ignore_command(args, settings)
    # Adding someone by hand may be the first thing a user does: that creates the log.
    if args.action == "import" and args.dry_run and "://" not in settings.database \
            and not Path(settings.database).expanduser().exists():
        store = Store(":memory:")  # a dry run writes nothing, not even an empty contact log
    elif args.action in ("add", "import"):
        store = Store(settings.database)
    else:
        store = existing_store(settings)
    if args.action not in ("list", "export"):
        try:
            return cli_contacts.handle(args, settings, store, lambda q: one_contact(store, q, store.find(q)))
        finally:
            store.close()
    try:
        found = contacts.rows(store, settings)
    finally:
        store.close()
    if args.action == "list":
        found = contacts.filtered(found, args.status, args.relationship, args.due_before, settings.zone)
        if args.goal:
            goal = goals.find(args.goal)
            found = [row for row in found if row["goal"] == goal.text]
        width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
        print(contacts.as_json(found) if args.json else contacts.as_table(found, settings.zone, width), end="")
    else:
        text = contacts.as_json(found) if args.format == "json" else contacts.as_csv(found)
        print(("\ufeff" if args.excel and args.format == "csv" else "") + text, end="")
    return 0


def review_command(args: argparse.Namespace, settings: Settings) -> int:
    store = existing_store(settings)
    try:
        return cli_contacts.review(args, store)
    finally:
        store.close()


def ignore_command(args: argparse.Namespace, settings: Settings) -> int:
    store = existing_store(settings)
    try:
        return cli_contacts.ignore(args, store, lambda q, found: one_contact(store, q, found))
    finally:
        store.close()


def one_contact(store: Store, query: str, found: list) -> object:
    """The one contact a CONTACT argument names; none or several is a usage error naming the candidates."""
    if len(found) == 1:
        return found[0]
    if not found:
        raise UsageError(f"no contact matches {query!r}: give an email address, a contact id, or part of a name "
                         "('coffeechat contacts list' shows them)")
    names = ", ".join(f"{store.describe(c)} (id {c.id})" for c in found[:8])
    raise UsageError(f"{query!r} matches {len(found)} contacts: {names}; give the email address or the id")


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


def _date(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write it like 2026-12-31") from None


def _iso_time(text: str) -> datetime:
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an ISO date or time, e.g. 2026-12-01T09:00") from None
    if not 1971 <= when.year <= 9000:
        raise argparse.ArgumentTypeError(f"{text!r} is too far from today to ask about")
    return when if when.tzinfo is None else when.astimezone(timezone.utc)  # bare: read in COFFEECHAT_TIMEZONE


def conversation_command(args: argparse.Namespace, settings: Settings) -> int:
    """meeting, met, note, notes, done, prep: the contact log only, no mailbox."""
    store = existing_store(settings)
    try:
        handler = CONVERSATION[args.command]
        if args.command == "done":
            return handler(args, settings, store)
        contact = None
        if getattr(args, "contact", None):
            contact = one_contact(store, args.contact, store.find(args.contact))
        return handler(args, settings, store, contact)
    finally:
        store.close()


CONVERSATION = {
    "meeting": cli_conversation.meeting_command, "met": cli_conversation.meeting_command,
    "note": cli_conversation.note_command, "notes": cli_conversation.notes_command,
    "done": cli_conversation.done_command, "prep": cli_conversation.prep_command,
}
def goal_command(args: argparse.Namespace, settings: Settings) -> int:
    store = Store(settings.database) if args.action == "add" else existing_store(settings)
    try:
        return cli_goals.handle(args, store)
    finally:
        store.close()


def outreach_command(args: argparse.Namespace, settings: Settings) -> int:
    store = existing_store(settings, upgrade=not args.dry_run)  # a dry run leaves an older log as it found it
    try:
        return cli_outreach.command(args, settings, store, lambda q: one_contact(store, q, store.find(q)))
    finally:
        store.close()


def summary_command(args: argparse.Namespace, settings: Settings) -> int:
    store = existing_store(settings)
    try:
        return cli_summary.command(args, settings, store)
    finally:
        store.close()


COMMANDS = {"check": check, "sync": sync, "run": run, "review": review_command, "contacts": contacts_command,
            "drafts": drafts_command, "summary": summary_command, "goal": goal_command, "auth": cli_auth.command,
            "outreach": outreach_command,
            **dict.fromkeys(CONVERSATION, conversation_command)}


if __name__ == "__main__":
    raise SystemExit(main())
