"""`coffeechat summary --preview [--html FILE] | --send [--again]`: the weekly summary on request."""

from __future__ import annotations

import argparse
from datetime import datetime, timezone
from pathlib import Path

from daemon.contact_log import week as week_log
from daemon.contact_log.store import Store
from daemon.errors import UsageError
from daemon.settings import Settings
from daemon.writing import delivery, summary


def add_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser, iso_time) -> None:
    parser = commands.add_parser("summary", parents=[common], help="the weekly summary: preview it, or send it now")
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--preview", action="store_true", help="print it (the text part); deliver and record nothing")
    what.add_argument("--send", action="store_true",
                      help="deliver this week's summary now (to INBOX, or by SMTP when COFFEECHAT_SMTP_HOST is set)")
    parser.add_argument("--html", metavar="FILE", help="with --preview: also write the HTML part to FILE")
    parser.add_argument("--again", action="store_true", help="with --send: send another even if this week's went out")
    parser.add_argument("--now", metavar="ISO", type=iso_time, help="with --preview: the summary as it would be then")


def command(args: argparse.Namespace, settings: Settings, store: Store) -> int:
    if args.html and not args.preview:
        raise UsageError("--html FILE goes with --preview: coffeechat summary --preview --html summary.html")
    if args.again and not args.send:
        raise UsageError("--again goes with --send: coffeechat summary --send --again")
    if args.now is not None and not args.preview:
        raise UsageError("--now goes with --preview: a summary is sent only for the week it is")
    now = args.now or datetime.now(timezone.utc)
    if now.tzinfo is None:
        now = now.replace(tzinfo=settings.zone)
    if args.preview:
        week = week_log.gather(store, settings, now)
        text, html = summary.render(week, settings.templates_dir)
        if args.html:
            try:
                Path(args.html).write_text(html, encoding="utf-8")
            except OSError as e:
                raise UsageError(f"--html {args.html!r}: cannot write it ({e.strerror})") from None
        print(f"Subject: {week.subject()}\n\n{text}", end="" if text.endswith("\n") else "\n")
        return 0
    outcome = delivery.send(settings, store, now, again=args.again)
    print(outcome.words)
    return 0
