"""The demo behind `make run` without a .env: a private mailbox on loopback with a short networking story.

It starts Dovecot on 127.0.0.1, seeds a few weeks of a job search (answered and
unanswered outreach, an out-of-office, a bounce, ordinary mail), runs one cycle so the
newcomer sees contacts tracked and drafts appear, then keeps the daemon watching until
Ctrl-C. Everything lives in .demo/ and starts fresh each time.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from imapclient import IMAPClient

from daemon import cli, localmail
from daemon.contact_log import contacts
from daemon.contact_log.store import Store
from daemon.service import run_cycle
from daemon.settings import load
from daemon.writing import report as report_words

ME = ("Jordan Rivera", "jordan@example.org")


def message(sender: tuple[str, str], to: tuple[str, str], subject: str, body: str, when: datetime,
            message_id: str, in_reply_to: str | None = None, calendar: str = "", **headers: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = f"{sender[0]} <{sender[1]}>"
    msg["To"] = f"{to[0]} <{to[1]}>"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = message_id
    if in_reply_to:
        msg["In-Reply-To"] = msg["References"] = in_reply_to
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    msg.set_content(body)
    if calendar:  # an invite as calendars send it: a text/calendar part beside the text
        msg.add_alternative(calendar, subtype="calendar", params={"method": "REQUEST"})
    return msg.as_bytes()


def invite(organizer: tuple[str, str], attendee: tuple[str, str], start: datetime, minutes: int, uid: str) -> str:
    """A minimal METHOD:REQUEST calendar, times in UTC."""
    stamp = "%Y%m%dT%H%M%SZ"
    end = start + timedelta(minutes=minutes)
    return "\r\n".join([
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//coffeechat demo//EN", "METHOD:REQUEST", "BEGIN:VEVENT",
        f"UID:{uid}", "SEQUENCE:0", f"DTSTAMP:{start:{stamp}}", f"DTSTART:{start:{stamp}}", f"DTEND:{end:{stamp}}",
        "SUMMARY:Coffee chat", f"ORGANIZER;CN={organizer[0]}:mailto:{organizer[1]}",
        f"ATTENDEE;CN={attendee[0]};PARTSTAT=ACCEPTED:mailto:{attendee[1]}", "END:VEVENT", "END:VCALENDAR", "",
    ])


def story(now: datetime) -> list[tuple[str, bytes]]:
    """Three weeks of a job search in progressive politics, as (folder, message) pairs."""
    ago = lambda days: now - timedelta(days=days)  # noqa: E731
    maria, sam = ("Maria López", "maria@progressive.example"), ("Sam Chen", "sam@campaign.example")
    priya, alex = ("Priya Natarajan", "priya@union.example"), ("Alex Kim", "alex@oldcampaign.example")
    ask = ("Hi {0},\n\nI'm a community organizer moving into policy work, and I'd love to learn more about "
           "your path. Would you be open to a 20 minute chat in the next few weeks?\n\nThanks,\nJordan\n")
    return [
        ("Sent", message(ME, maria, "Informational interview?", ask.format("Maria"), ago(9), "<demo-1@example.org>")),
        ("Sent", message(ME, sam, "Quick chat about field organizing", ask.format("Sam"), ago(8),
                         "<demo-2@example.org>")),
        ("INBOX", message(sam, ME, "Re: Quick chat about field organizing", "Happy to! How's Thursday at 3?\n",
                          ago(6), "<demo-3@campaign.example>", "<demo-2@example.org>")),
        # Sam's calendar invite for the chat, which ended yesterday afternoon.
        ("INBOX", message(sam, ME, "Invitation: Coffee chat", "Sam Chen has invited you to Coffee chat.\n",
                          ago(5), "<demo-12@campaign.example>", "<demo-2@example.org>",
                          calendar=invite(sam, ME, ago(1).replace(minute=0, second=0, microsecond=0), 30,
                                          "demo-coffee@campaign.example"))),
        ("Sent", message(ME, priya, "Learning about labor organizing", ask.format("Priya"), ago(8),
                         "<demo-4@example.org>")),
        ("INBOX", message(priya, ME, "Automatic reply: Learning about labor organizing",
                          f"I'm at a convention and will be back on {ago(-4):%B} {ago(-4).day}.\n", ago(8),
                          "<demo-5@union.example>", "<demo-4@example.org>", Auto_Submitted="auto-replied")),
        ("Sent", message(ME, alex, "Coffee?", ask.format("Alex"), ago(10), "<demo-6@example.org>")),
        ("INBOX", message(("Mail Delivery System", "MAILER-DAEMON@mx.example.org"), ME, "Undelivered Mail",
                          "Your message to alex@oldcampaign.example could not be delivered: user unknown.\n",
                          ago(10), "<demo-7@mx.example.org>")),
        # Not networking, though each says "coffee" or "would you be open to": no follow-up for these.
        ("Sent", message(ME, ("Mom", "mom@family.example"), "Sunday", "Hi Mom, want to get coffee after church on "
                         "Sunday? Love you\n", ago(9), "<demo-10@example.org>")),
        ("Sent", message(ME, ("Ray Alvarez", "r.alvarez@rentals.example"), "Lease",
                         "Hi Mr. Alvarez, our lease is up in January. Would you be open to a 12-month renewal?\n",
                         ago(9), "<demo-11@example.org>")),
        ("INBOX", message(("City Power", "billing@power.example"), ME, "Your November statement",
                          "Amount due: $42.17\n", ago(5), "<demo-8@power.example>")),
        ("INBOX", message(("Progressive Weekly", "news@progressive.example"), ME, "This week in organizing",
                          "Read more...\n", ago(4), "<demo-9@progressive.example>",
                          List_Id="<weekly.progressive.example>")),
    ]


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(prog="python -m daemon.demo", description=__doc__.splitlines()[0])
    options.add_argument("--once", action="store_true", help="run one cycle and stop (no daemon)")
    args = options.parse_args(argv)
    root = Path(".demo").resolve()
    shutil.rmtree(root, ignore_errors=True)
    try:
        server = localmail.start(root / "dovecot")
    except localmail.LocalMailError as e:
        print(f"coffeechat demo: {e}", file=sys.stderr)
        return 1
    try:
        return show(server, root, args.once)
    finally:
        server.stop()


def show(server: localmail.LocalMail, root: Path, once: bool, user: str = "jordan") -> int:
    """Seed `user`'s mailbox on `server`, run one cycle and print it all; then, unless once, keep watching."""
    now = datetime.now(timezone.utc)
    with IMAPClient(server.host, port=server.port, ssl=False) as client:
        client.login(user, server.password)
        for folder, raw in story(now):
            client.append(folder, raw, flags=(b"\\Seen",) if folder == "Sent" else ())
    env_file = root / "demo.env"
    env_file.write_text("\n".join([
        f"COFFEECHAT_IMAP_HOST={server.host}", f"COFFEECHAT_IMAP_PORT={server.port}",
        "COFFEECHAT_IMAP_TLS=none", f"COFFEECHAT_IMAP_USER={user}",
        f"COFFEECHAT_IMAP_PASSWORD={server.password}", f"COFFEECHAT_MY_NAME={ME[0]}",
        f"COFFEECHAT_MY_ADDRESSES={ME[1]}", f"COFFEECHAT_DATABASE={root / 'coffeechat.sqlite3'}",
        "COFFEECHAT_POLL_SECONDS=30", "",
    ]))
    print(f"No .env here, so this is the demo: a private mailbox on 127.0.0.1:{server.port} holding three\n"
          "weeks of Jordan's job search: outreach sent, one answered, an out-of-office, a bounce, notes\n"
          "to Mom and the landlord, a bill and a newsletter. coffeechat reads it and drafts what is due.\n")
    settings = load(str(env_file), environ={})
    store = Store(settings.database)
    try:
        report = run_cycle(settings, store, now)
        print(report_words.describe(report))
        print("Contacts it now tracks:")
        print(contacts.as_table(contacts.rows(store, settings), settings.zone))
    finally:
        store.close()
    for draft in report.drafts:
        print(f"In Drafts now, ready to edit — To: {draft.contact}\nSubject: {draft.subject}\n")
        lines = draft.body.replace("\r\n", "\n").rstrip().splitlines()
        print("\n".join(f"    {line}" if line else "" for line in lines) + "\n")
    print("You met Sam yesterday (his calendar invite said so): the thank-you draft is ready. Add what\n"
          "you talked about with 'coffeechat note Sam --to-follow-up \"…\"' before you send it.\n"
          "Priya's out-of-office names her return date, so her follow-up waits until then. Alex's\n"
          "address bounced, so there is no follow-up to send. The notes to Mom (coffee on Sunday) and to\n"
          "the landlord (\"would you be open to a renewal?\") are not networking, so nobody will nudge them.\n"
          "The bill and the newsletter were ignored.\n"
          "Nothing was sent: coffeechat only ever writes drafts.\n\n"
          "The weekly summary it mails you (to INBOX) on Mondays, as it stands now:\n"
          "    .venv/bin/coffeechat --env-file .demo/demo.env summary --preview --html summary.html\n\n"
          "To use your own mailbox:\n"
          "    cp config.example.env .env           # fill in server, login, app password, your name\n"
          "    .venv/bin/coffeechat check           # shows the folders it will use\n"
          "    .venv/bin/coffeechat sync --dry-run --explain  # what it would draft, and why; writes nothing\n"
          "    make run                             # the daemon\n")
    if once:
        return 0
    print("The daemon keeps watching the demo mailbox now (Ctrl-C to stop).", flush=True)
    return cli.main(["--env-file", str(env_file), "run"])


if __name__ == "__main__":
    raise SystemExit(main())
