"""`coffeechat goal add|list|edit|done`: one to three goals, and the contacts each has brought."""

from __future__ import annotations

import argparse
import json
from datetime import datetime, timezone

from daemon.contact_log import goals
from daemon.contact_log.store import Store


def add_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    goal = commands.add_parser("goal", parents=[common], help="your one to three goals").add_subparsers(
        dest="action", required=True, metavar="ACTION")
    goal.add_parser("add", parents=[common], help="a new goal").add_argument("text", metavar="TEXT")
    listing = goal.add_parser("list", parents=[common], help="goals and how far their contacts have come")
    listing.add_argument("--json", action="store_true")
    edit = goal.add_parser("edit", parents=[common], help="reword a goal")
    edit.add_argument("goal", metavar="GOAL", help="its id or part of its text")
    edit.add_argument("text", metavar="TEXT")
    goal.add_parser("done", parents=[common], help="a goal reached (or let go)").add_argument(
        "goal", metavar="GOAL", help="its id or part of its text")


def handle(args: argparse.Namespace, store: Store) -> int:
    now = datetime.now(timezone.utc)
    if args.action == "add":
        goal = goals.add(store, args.text, now)
        print(f"Goal {goal.id}: {goal.text}. Link contacts to it: coffeechat contacts edit CONTACT --goal {goal.id}")
    elif args.action == "edit":
        goal = goals.find(args.goal)
        goals.edit(store, goal, args.text)
        print(f"Goal {goal.id}: {goal.text}")
    elif args.action == "done":
        goal = goals.find(args.goal, open_only=True)
        goals.done(store, goal, now)
        print(f"Done: goal {goal.id}, {goal.text}.")
    else:
        rows = goals.progress()
        if args.json:
            print(json.dumps(rows, indent=2, ensure_ascii=False))
        elif not rows:
            print('No goals yet: coffeechat goal add "Field organizer role by spring"')
        for row in [] if args.json else rows:
            stages = ", ".join(f"{row[s]} {s}" for s in goals.STAGES)
            print(f"[{row['id']}] {row['goal']}{' (done)' if row['done'] else ''}: {row['contacts']} contacts — "
                  f"{stages}")
    return 0
