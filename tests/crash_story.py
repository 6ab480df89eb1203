"""A mailbox where two cycles write everything coffeechat ever writes, for the crash and kill tests.

NOW is Tuesday 2026-11-24, 16:00 in New York. The first cycle (at NOW) places a follow-up
(Maria), two thank-yous (Henry, Omar: meetings this morning), a prep note (Priya meets at
18:00), a follow-up on a promise (Ana: met twelve days ago, thanked, a to-follow-up note
still open), a warm introduction (Lena, suggested by Henry) and a check-in (Lee, core, not
heard from in four months), and puts the weekly summary in INBOX. Before the second cycle
(the next day) mail arrives and the user acts: sends Henry's thank-you, writes Omar their
own, deletes Lee's check-in, Maria replies, Priya's meeting has happened, an outreach to Sam
filed a week ago turns up. The third cycle, a week on, sends the next week's summary.

Nothing in it depends on the order things are written in: a run interrupted anywhere and run
again must end exactly where an uninterrupted run ends (`snapshot`).
"""

from __future__ import annotations

import functools
import itertools
import re
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy
from pathlib import Path

from conftest import TestMailbox
from corpus import ME, mail
from invites import at, invite

from daemon import cli
from daemon import settings as settings_module
from daemon.settings import Settings

NY = "America/New_York"
NOW = datetime(2026, 11, 24, 21, 0, tzinfo=timezone.utc)  # Tuesday 16:00 in New York
NEXT_DAY = NOW + timedelta(days=1)
NEXT_WEEK = NOW + timedelta(days=7)
SETTINGS = {"timezone": NY, "summary_at": "tuesday 08:00", "my_pitch": "I'm a community organizer moving into policy."}
JORDAN = ("Jordan Rivera", "jordan@example.org")
ASK = "Would you have 20 minutes for a call about how you got started?"
_users = itertools.count(1)


def _outreach(name: str, address: str, days: float, key: str) -> tuple[str, bytes, tuple, datetime]:
    when = NOW - timedelta(days=days)
    return ("Sent", mail(sender=ME, to=f"{name} <{address}>", subject="Informational interview?", when=when,
                         body=f"Hi {name.split()[0]},\n\n{ASK}\n\nJordan", message_id=f"<o-{key}@example.org>"),
            (b"\\Seen",), when)


def _reply(name: str, address: str, days: float, key: str) -> tuple[str, bytes, tuple, datetime]:
    when = NOW - timedelta(days=days)
    return ("INBOX", mail(sender=f"{name} <{address}>", to=ME, subject="Re: Informational interview?", when=when,
                          body="Happy to talk!", in_reply_to=f"<o-{key}@example.org>",
                          references=f"<o-{key}@example.org>", message_id=f"<r-{key}@example.net>"), (), when)


def _invite(name: str, address: str, start: datetime, sent_days: float, key: str) -> tuple:
    sent = NOW - timedelta(days=sent_days)
    raw = invite(client="google", organizer=(name, address), attendees=(JORDAN,), start=start,
                 end=start + timedelta(minutes=30), uid=f"meet-{key}@example.net", sequence=0, sent=sent,
                 message_id=f"<i-{key}@example.net>")
    return ("INBOX", raw, (), sent)


def base_mail() -> list[tuple[str, bytes, tuple, datetime]]:
    """(folder, message, flags, arrival) for the mailbox before the first cycle."""
    ana_met = at(NOW, days=-12, time="10:00")
    return [
        _outreach("Maria López", "maria@progressive.example", 10, "maria"),
        _outreach("Henry Okafor", "henry@union.example", 12, "henry"),
        _reply("Henry Okafor", "henry@union.example", 11, "henry"),
        _invite("Henry Okafor", "henry@union.example", at(NOW, time="10:00"), 10, "henry"),
        _outreach("Omar Haddad", "omar@tenants.example", 12, "omar"),
        _reply("Omar Haddad", "omar@tenants.example", 11, "omar"),
        _invite("Omar Haddad", "omar@tenants.example", at(NOW, time="11:00"), 10, "omar"),
        _outreach("Priya Natarajan", "priya@union.example", 6, "priya"),
        _reply("Priya Natarajan", "priya@union.example", 5, "priya"),
        _invite("Priya Natarajan", "priya@union.example", at(NOW, time="18:00"), 4, "priya"),
        _outreach("Ana Ruiz", "ana@coop.example", 25, "ana"),
        _reply("Ana Ruiz", "ana@coop.example", 24, "ana"),
        _invite("Ana Ruiz", "ana@coop.example", ana_met, 20, "ana"),
        ("Sent", mail(sender=ME, to="Ana Ruiz <ana@coop.example>", subject="Thank you!", body="Thanks so much, Ana!",
                      when=ana_met + timedelta(hours=4), message_id="<t-ana@example.org>"), (b"\\Seen",),
         ana_met + timedelta(hours=4)),
        _outreach("Lee Park", "lee@coop.example", 120, "lee"),
        _reply("Lee Park", "lee@coop.example", 119, "lee"),
        ("INBOX", mail(sender="City Power <billing@power.example>", to=ME, subject="Your November statement",
                       body="Amount due: $42.17", when=NOW - timedelta(days=3)), (), NOW - timedelta(days=3)),
    ]


# What the user did by hand before: added three people, noted Ana's promise, Henry suggested Lena.
BY_HAND = (
    ("contacts", "add", "Henry Okafor", "henry@union.example"),
    ("contacts", "add", "Ana Ruiz", "ana@coop.example"),
    ("note", "ana@coop.example", "--to-follow-up", "send me the organizer training syllabus"),
    ("contacts", "add", "Lena Cho", "lena@labor.example", "--relationship", "extended",
     "--referred-by", "henry@union.example"),
    ("contacts", "add", "Lee Park", "lee@coop.example", "--relationship", "core"),
)


@dataclass
class Scene:
    """One fresh IMAP user holding the base mailbox, and its own copy of the contact log made by hand."""

    box: TestMailbox
    env_file: Path

    @functools.cached_property
    def settings(self) -> Settings:
        return settings_module.load(str(self.env_file))

    @property
    def database(self) -> Path:
        return self.box.database


def prepared_log(server, directory: Path) -> bytes:
    """The contact log after BY_HAND, as bytes: each scene starts from a copy."""
    directory.mkdir(parents=True, exist_ok=True)
    box = TestMailbox(server, "nobody", directory / "base.sqlite3")
    env_file = _env_file(box, directory / "base.env")
    for args in BY_HAND:
        assert cli.main(["--env-file", str(env_file), *args]) == 0, args
    con = sqlite3.connect(box.database)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return box.database.read_bytes()


def new_scene(server, directory: Path, log: bytes, messages: list) -> Scene:
    """A fresh user with `messages` APPENDed over one connection, and the prepared log."""
    directory.mkdir(parents=True, exist_ok=True)
    box = TestMailbox(server, f"crash{next(_users)}-{time.monotonic_ns()}", directory / "coffeechat.sqlite3")
    box.database.write_bytes(log)
    with box.client() as client:
        for folder, raw, flags, when in messages:
            client.append(folder, raw, flags=flags, msg_time=when)
    return Scene(box, _env_file(box, directory / "coffeechat.env"))


def _env_file(box: TestMailbox, path: Path) -> Path:
    values = box.values(**SETTINGS)
    path.write_text("".join(f"{k}={v}\n" for k, v in values.items()))
    path.chmod(0o600)
    return path


def the_next_day(scene: Scene, arrivals_later: bool = False) -> list:
    """Between the first and second cycle: what the user did, and what arrived (or, with arrivals_later,
    the mail that is to arrive, for `deliver`)."""
    with scene.box.client() as client:
        client.select_folder("Drafts")
        drafts = client.fetch(client.search(["ALL"]), ["BODY.PEEK[]"])
        for uid, data in drafts.items():
            raw = data[b"BODY[]"]
            to = message_from_bytes(raw, policy=policy.default)["To"].addresses[0].addr_spec
            if to == "henry@union.example":  # sent as drafted: the draft leaves Drafts for Sent
                client.append("Sent", raw, flags=(b"\\Seen",), msg_time=NOW + timedelta(hours=1))
                client.delete_messages([uid])
            elif to == "lee@coop.example":  # not now: deleted
                client.delete_messages([uid])
        client.expunge()
    later = [
        ("Sent", mail(sender=ME, to="Omar Haddad <omar@tenants.example>", subject="Thank you!",
                      body="Thank you, Omar!", when=NOW + timedelta(hours=2), message_id="<t-omar@example.org>"),
         (b"\\Seen",), NOW + timedelta(hours=2)),
        ("INBOX", mail(sender="Maria López <maria@progressive.example>", to=ME, subject="Re: Informational interview?",
                       body="Sorry for the delay! Next week?", when=NOW + timedelta(hours=3),
                       in_reply_to="<o-maria@example.org>", references="<o-maria@example.org>",
                       message_id="<r-maria@example.net>"), (), NOW + timedelta(hours=3)),
    ]
    # Filed a week ago, turning up now; it is delivered first, whatever arrives when: it makes a draft, and the order
    # drafts are made in is the order the summary lists drafts of the same age in.
    deliver(scene, [_outreach("Sam Chen", "sam@campaign.example", 7, "sam")])
    if arrivals_later:
        return later
    deliver(scene, later)
    return []


def deliver(scene: Scene, messages: list) -> None:
    with scene.box.client() as client:
        for folder, raw, flags, when in messages:
            client.append(folder, raw, flags=flags, msg_time=when)


# --- what a run ends in --------------------------------------------------------------------

FOLDERS = ("INBOX", "Drafts", "Sent")
RECENT = b"\\Recent"  # a flag for whichever session saw the message first: no part of what a run ends in
OURS = re.compile(r"<coffeechat\.[0-9a-f]{32}@[^>]*>")  # drafts.new_message_id


def messages(scene: Scene) -> dict[str, list[tuple[str, tuple]]]:
    """Folder -> (Message-ID, what the message is without it) for each message; coffeechat's are random."""
    found: dict[str, list[tuple[str, tuple]]] = {}
    with scene.box.client() as client:
        for folder in FOLDERS:
            client.select_folder(folder, readonly=True)
            uids = client.search(["ALL"])
            data = client.fetch(uids, ["BODY.PEEK[]", "FLAGS"]) if uids else {}
            found[folder] = [_described(data[uid][b"BODY[]"], data[uid][b"FLAGS"]) for uid in sorted(data)]
    return found


def _described(raw: bytes, flags: tuple) -> tuple[str, tuple]:
    message = message_from_bytes(raw, policy=policy.default)
    body = message.get_body(preferencelist=("plain",))
    return str(message["Message-ID"]), (
        str(message["To"]), str(message["Subject"]), str(message["In-Reply-To"]), str(message["References"]),
        str(message["Date"]), body.get_content() if body is not None else "",
        tuple(sorted(set(map(bytes, flags)) - {RECENT})),
    )


def contact_log(database: Path, ids: dict[str, tuple]) -> dict[str, list[tuple]]:
    """Every table, rows sorted, without autoincrement ids; each Message-ID coffeechat made (random: in drafts,
    the summary, events and threads once the user sends one) becomes the message it names (`ids`, folder and
    message as `messages` gives them); a folder's UIDVALIDITY (each test user has its own) goes."""
    def named(match: re.Match) -> str:
        return repr(ids.get(match.group(0), "not in any folder"))

    con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        tables = [t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                            "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        dump = {}
        for table in tables:
            cursor = con.execute(f'SELECT * FROM "{table}"')
            names = [d[0] for d in cursor.description]
            rows = []
            for row in cursor:
                kept = tuple((name, OURS.sub(named, value) if isinstance(value, str) else value)
                             for name, value in zip(names, row, strict=True) if name not in ("id", "uidvalidity"))
                rows.append(kept)
            dump[table] = sorted(rows, key=repr)
        return dump
    finally:
        con.close()


def snapshot(scene: Scene) -> tuple[dict, dict]:
    """(the messages in each folder, the contact log): what a run must end in, however it got there."""
    found = messages(scene)
    ids = {mid: (folder, *what) for folder, listed in found.items() for mid, what in listed}
    return {folder: sorted((what for _, what in listed), key=repr) for folder, listed in found.items()}, \
        contact_log(scene.database, ids)


def difference(got: dict[str, list], expected: dict[str, list]) -> dict[str, tuple[list, list]]:
    """Per folder or table: (what is there and should not be, what should be there and is not)."""
    found = {}
    for name in sorted(set(got) | set(expected)):
        extra = [x for x in got.get(name, []) if x not in expected.get(name, [])]
        missing = [x for x in expected.get(name, []) if x not in got.get(name, [])]
        if extra or missing or len(got.get(name, [])) != len(expected.get(name, [])):
            found[name] = (extra, missing)
    return found
