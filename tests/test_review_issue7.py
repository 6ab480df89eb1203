"""Review of the contacts-by-hand, import, goals and network change: each test fails on a real defect."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta, timezone

from corpus import ME, NOW, mail
from import_samples import LINKEDIN_HEADER, LINKEDIN_PREAMBLE


def write(tmp_path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def export(mailbox, capsys) -> list[dict]:
    code, out, err = mailbox.run(capsys, "contacts", "export")
    assert code == 0, err
    return json.loads(out)


def outreach_and_reply(mailbox, who: str, sent: datetime, replied: datetime, subject: str = "Coffee chat?") -> None:
    mid = f"<o-{who.split('<')[1].split('@')[0]}-{int(sent.timestamp())}@example.org>"
    mailbox.append("Sent", mail(sender=ME, to=who, subject=subject, when=sent, message_id=mid,
                                body="Hi,\nWould you have 20 minutes for a call about your path into organizing?\n"
                                     "Jordan"))
    mailbox.append("INBOX", mail(sender=who, to=ME, subject=f"Re: {subject}", when=replied, body="Happy to!",
                                 in_reply_to=mid, references=mid))


# --- schema migration 3 ---------------------------------------------------------------------------------------

# The contact log exactly as the release before this change (9f226ef, schema version 3: meetings and notes)
# left it, produced by running that release's Store; one contact awaiting a reply.
SCHEMA_3_LOG = """
CREATE TABLE "contact" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL, "organization" TEXT NOT NULL,
 "relationship" VARCHAR(255) NOT NULL, "status" VARCHAR(255) NOT NULL, "attempts" INTEGER NOT NULL,
 "round" INTEGER NOT NULL, "first_sent_at" TEXT, "last_sent_at" TEXT, "last_reply_at" TEXT, "wait_until" TEXT,
 "subject" TEXT NOT NULL, "thread" TEXT NOT NULL, "my_address" VARCHAR(255) NOT NULL, "referred_by_id" INTEGER,
 "created_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL, "confirmed" INTEGER NOT NULL, "greeting" TEXT NOT NULL,
 "ask" TEXT NOT NULL, "introducers" TEXT NOT NULL,
 FOREIGN KEY ("referred_by_id") REFERENCES "contact" ("id") ON DELETE SET NULL);
CREATE INDEX "contact_status" ON "contact" ("status");
CREATE INDEX "contact_referred_by_id" ON "contact" ("referred_by_id");
CREATE TABLE "contactaddress" ("id" INTEGER NOT NULL PRIMARY KEY, "contact_id" INTEGER NOT NULL,
 "email" VARCHAR(255) NOT NULL, "bounced" INTEGER NOT NULL,
 FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE);
CREATE INDEX "contactaddress_contact_id" ON "contactaddress" ("contact_id");
CREATE UNIQUE INDEX "contactaddress_email" ON "contactaddress" ("email");
CREATE TABLE "correspondence" ("id" INTEGER NOT NULL PRIMARY KEY, "message_id" VARCHAR(255) NOT NULL,
 "address" VARCHAR(255) NOT NULL, "date" TEXT NOT NULL);
CREATE INDEX "correspondence_address" ON "correspondence" ("address");
CREATE UNIQUE INDEX "correspondence_message_id_address" ON "correspondence" ("message_id", "address");
CREATE TABLE "draft" ("id" INTEGER NOT NULL PRIMARY KEY, "contact_id" INTEGER NOT NULL, "kind" VARCHAR(255) NOT NULL,
 "round" INTEGER NOT NULL, "attempt" INTEGER NOT NULL, "message_id" VARCHAR(255) NOT NULL,
 "state" VARCHAR(255) NOT NULL, "created_at" TEXT NOT NULL,
 FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE);
CREATE INDEX "draft_contact_id" ON "draft" ("contact_id");
CREATE UNIQUE INDEX "draft_message_id" ON "draft" ("message_id");
CREATE UNIQUE INDEX "draft_contact_id_kind_round_attempt" ON "draft" ("contact_id", "kind", "round", "attempt");
CREATE TABLE "event" ("id" INTEGER NOT NULL PRIMARY KEY, "message_id" VARCHAR(255) NOT NULL, "contact_id" INTEGER,
 "kind" VARCHAR(255) NOT NULL, "date" TEXT NOT NULL, "subject" TEXT NOT NULL, "folder" TEXT NOT NULL,
 "why" TEXT NOT NULL, FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE);
CREATE UNIQUE INDEX "event_message_id" ON "event" ("message_id");
CREATE INDEX "event_contact_id" ON "event" ("contact_id");
CREATE TABLE "foldercursor" ("id" INTEGER NOT NULL PRIMARY KEY, "folder" VARCHAR(255) NOT NULL,
 "uidvalidity" INTEGER NOT NULL, "last_uid" INTEGER NOT NULL);
CREATE UNIQUE INDEX "foldercursor_folder" ON "foldercursor" ("folder");
CREATE TABLE "ignored" ("id" INTEGER NOT NULL PRIMARY KEY, "entry" VARCHAR(255) NOT NULL,
 "created_at" TEXT NOT NULL);
CREATE UNIQUE INDEX "ignored_entry" ON "ignored" ("entry");
CREATE TABLE "meeting" ("id" INTEGER NOT NULL PRIMARY KEY, "contact_id" INTEGER NOT NULL, "uid" VARCHAR(255) NOT NULL,
 "sequence" INTEGER NOT NULL, "start" TEXT NOT NULL, "end" TEXT NOT NULL, "cancelled" INTEGER NOT NULL,
 "declined" INTEGER NOT NULL, "source" TEXT NOT NULL, "created_at" TEXT NOT NULL,
 FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE);
CREATE INDEX "meeting_contact_id" ON "meeting" ("contact_id");
CREATE UNIQUE INDEX "meeting_contact_id_uid" ON "meeting" ("contact_id", "uid");
CREATE TABLE "note" ("id" INTEGER NOT NULL PRIMARY KEY, "contact_id" INTEGER NOT NULL, "meeting_id" INTEGER,
 "category" VARCHAR(255) NOT NULL, "text" TEXT NOT NULL, "created_at" TEXT NOT NULL, "done_at" TEXT,
 FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE,
 FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE SET NULL);
CREATE INDEX "note_contact_id" ON "note" ("contact_id");
CREATE INDEX "note_meeting_id" ON "note" ("meeting_id");
CREATE TABLE "schemainfo" ("id" INTEGER NOT NULL PRIMARY KEY, "version" INTEGER NOT NULL);
INSERT INTO "schemainfo" VALUES (1, 3);
INSERT INTO "contact" VALUES (1, 'Maria López', '', 'cold', 'awaiting_reply', 1, 1, '2026-11-20T09:00:00+00:00',
 '2026-11-20T09:00:00+00:00', NULL, NULL, 'Coffee chat?', '<o-maria@example.org>', 'jordan@example.org', NULL,
 '2026-11-20T09:00:00+00:00', '2026-11-20T09:00:00+00:00', 1, 'Hi Maria,', '', '');
INSERT INTO "contactaddress" VALUES (1, 1, 'maria@progressive.example', 0);
"""


def test_a_schema_3_log_from_the_previous_release_gains_the_new_columns(mailbox, capsys):
    # WRONG: the role, cadence_days, paused_from and goal_id columns (and the goal table) were added to the
    # existing _migrate_3 instead of a new _migrate_4. A log the previous release already brought to schema 3
    # (meetings and notes) is never migrated again, so every command that reads a contact fails with
    # "no such column: t1.role". RIGHT: MIGRATIONS is append-only; the new columns come with a schema 4 step.
    with sqlite3.connect(mailbox.database) as db:
        db.executescript(SCHEMA_3_LOG)
    code, out, err = mailbox.run(capsys, "contacts", "list")
    assert (code, err) == (0, ""), err
    assert "Maria López <maria@progressive.example>" in out


# --- contacts list --due-before ----------------------------------------------------------------------------


def test_due_before_a_bare_date_means_that_date_in_the_users_time_zone(mailbox, capsys):
    # Outreach on Nov 24 03:00 UTC: the follow-up is due Dec 1 03:00 UTC, which is Nov 30 19:00 in Los Angeles,
    # and the table says "follow up (due 2026-11-30)".
    # WRONG: `--due-before 2026-12-01` reads the bare date as midnight UTC (filtered() puts UTC on a naive
    # datetime), so a step due on Nov 30 in the user's own zone is left out. RIGHT: dates and times on the
    # command line are in COFFEECHAT_TIMEZONE (DESIGN.md), so Dec 1 00:00 Los Angeles time is the limit.
    la = "America/Los_Angeles"
    mailbox.append("Sent", mail(sender=ME, to="Dana Brooks <dana@union.example>", subject="Coffee chat?",
                                body="Would you have 20 minutes for a call about your path into organizing?",
                                when=datetime(2026, 11, 24, 3, 0, tzinfo=timezone.utc)))
    mailbox.sync(datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc), timezone=la)
    table = mailbox.run(capsys, "contacts", "list", timezone=la)[1]
    assert "follow up (due 2026-11-30)" in table
    code, out, err = mailbox.run(capsys, "contacts", "list", "--json", "--due-before", "2026-12-01", timezone=la)
    assert code == 0, err
    assert [r["email"] for r in json.loads(out)] == ["dana@union.example"]


# --- keep-in-touch check-ins -------------------------------------------------------------------------------


def test_a_prep_note_does_not_block_every_later_check_in(mailbox, capsys):
    # WRONG: a prep note is appended to INBOX and stays in state "placed" for ever (reconcile_note only looks
    # at "intended" ones), and Standing.waiting counts every placed draft of any kind. So anyone the user ever
    # had a prep note for (every meeting booked ahead) never gets a keep-in-touch check-in.
    # RIGHT: a note to the user in INBOX is not a draft waiting for that contact; Ana, connected and not heard
    # from in 100 days, gets her check-in.
    utc = "UTC"
    outreach_and_reply(mailbox, "Ana Ruiz <ana@coop.example>", datetime(2026, 7, 20, 9, tzinfo=timezone.utc),
                       datetime(2026, 7, 21, 9, tzinfo=timezone.utc), subject="Informational interview?")
    mailbox.sync(datetime(2026, 7, 22, 9, tzinfo=timezone.utc), timezone=utc)
    assert mailbox.run(capsys, "meeting", "Ana", "--at", "2026-07-28 15:00", timezone=utc)[0] == 0
    mailbox.sync(datetime(2026, 7, 28, 8, 0, tzinfo=timezone.utc), timezone=utc)  # the morning: the prep note
    assert any(b"Prep: your conversation with Ana Ruiz" in m for m in mailbox.messages("INBOX"))
    mailbox.append("Sent", mail(sender=ME, to="Ana Ruiz <ana@coop.example>", subject="Thank you!",
                                body="Thank you for your time today, Ana.",
                                when=datetime(2026, 7, 28, 18, 0, tzinfo=timezone.utc)))
    mailbox.sync(datetime(2026, 7, 29, 9, tzinfo=timezone.utc), timezone=utc)
    [ana] = export(mailbox, capsys)
    assert ana["status"] == "connected"
    for day in (6, 7):
        mailbox.sync(datetime(2026, 11, day, 9, tzinfo=timezone.utc), timezone=utc)
    drafts = mailbox.drafts_by_recipient()
    assert list(drafts) == ["ana@coop.example"]
    assert "It's been a little while since we last talked" in drafts["ana@coop.example"]


def test_a_core_contact_whose_address_bounced_gets_no_check_in(mailbox, capsys):
    # WRONG: network_due gives a check-in to any `core` contact with a last contact and a status other than
    # new, including `bounced`: 90 days after the bounce a "Checking in" draft is addressed to the dead address.
    # RIGHT: a bounced contact gets no draft until the user finds a working address (next step "find a working
    # address").
    from corpus import bounce

    mailbox.run(capsys, "contacts", "add", "Kim Lee", "kim@old-job.example", "--relationship", "core")
    sent = datetime(2026, 8, 1, 9, tzinfo=timezone.utc)
    mailbox.append("Sent", mail(sender=ME, to="Kim Lee <kim@old-job.example>", subject="Catching up",
                                body="Hi Kim,\nWould you have 20 minutes for a call? I'd love your advice.\nJordan",
                                when=sent))
    mailbox.append("INBOX", bounce(failed="kim@old-job.example", original_subject="Catching up",
                                   when=sent + timedelta(minutes=5)))
    mailbox.sync(sent + timedelta(days=1))
    assert export(mailbox, capsys)[0]["status"] == "bounced"
    for days in (95, 96):
        mailbox.sync(sent + timedelta(days=days))
    assert mailbox.drafts_by_recipient() == {}


def test_a_core_contact_gone_quiet_gets_no_more_drafts(mailbox, capsys):
    # WRONG: after two unanswered attempts the core contact is `no_response`, yet network_due still gives a
    # check-in 90 days after the last message. RIGHT (DESIGN.md): no_response means "no more drafts, ever,
    # unless the user acts".
    mailbox.run(capsys, "contacts", "add", "Kim Lee", "kim@coop.example", "--relationship", "core")
    sent = datetime(2026, 8, 1, 9, tzinfo=timezone.utc)
    mailbox.append("Sent", mail(sender=ME, to="Kim Lee <kim@coop.example>", subject="Catching up",
                                body="Hi Kim,\nWould you have 20 minutes for a call? I'd love your advice.\nJordan",
                                when=sent, message_id="<o-kim@example.org>"))
    mailbox.append("Sent", mail(sender=ME, to="Kim Lee <kim@coop.example>", subject="Re: Catching up",
                                body="Hi Kim, just following up on my note.", when=sent + timedelta(days=7),
                                in_reply_to="<o-kim@example.org>", references="<o-kim@example.org>"))
    mailbox.sync(sent + timedelta(days=8))
    for days in (30, 31):
        mailbox.sync(sent + timedelta(days=days))
    assert export(mailbox, capsys)[0]["status"] == "no_response"
    for days in (100, 101):
        mailbox.sync(sent + timedelta(days=days))
    assert mailbox.drafts_by_recipient() == {}


# --- pause and resume ----------------------------------------------------------------------------------------


def test_resuming_a_contact_who_replied_while_paused_drafts_no_follow_up(mailbox, capsys):
    # WRONG: a reply while paused leaves the status `paused` (only last_reply_at moves), and resume restores
    # paused_from blindly: Dana is `awaiting_reply` again and gets a follow-up to a message she answered.
    # RIGHT: the reply counts; after resume she is `replied` and no follow-up is drafted.
    mailbox.append("Sent", mail(sender=ME, to="Dana Brooks <dana@union.example>", subject="Coffee chat?",
                                body="Would you have 20 minutes for a call about your path into organizing?",
                                when=NOW - timedelta(days=9), message_id="<o-dana@example.org>"))
    mailbox.sync(NOW - timedelta(days=8))
    mailbox.run(capsys, "contacts", "pause", "Dana")
    mailbox.append("INBOX", mail(sender="Dana Brooks <dana@union.example>", to=ME, subject="Re: Coffee chat?",
                                 body="Sure, next week works.", when=NOW - timedelta(days=3),
                                 in_reply_to="<o-dana@example.org>", references="<o-dana@example.org>"))
    mailbox.sync(NOW - timedelta(days=2))
    mailbox.run(capsys, "contacts", "resume", "Dana")
    mailbox.sync(NOW)
    assert mailbox.messages("Drafts") == []
    assert export(mailbox, capsys)[0]["status"] == "replied"


# --- merge ---------------------------------------------------------------------------------------------------


def test_merging_into_a_paused_record_keeps_it_paused(mailbox, capsys):
    # WRONG: merge copies the whole outreach state (status included) from whichever record "has gone further",
    # so a paused record that absorbs the one with mail becomes `awaiting_reply` and a follow-up is drafted for
    # someone the user said to stop writing to. RIGHT: the user's pause survives a merge.
    mailbox.run(capsys, "contacts", "add", "Dana Brooks", "dana.brooks@gmail.example")
    mailbox.run(capsys, "contacts", "pause", "dana.brooks@gmail.example")
    mailbox.append("Sent", mail(sender=ME, to="Dana B <dana@union.example>", subject="Coffee chat?",
                                body="Would you have 20 minutes for a call about your path into organizing?",
                                when=NOW - timedelta(days=9)))
    mailbox.sync(NOW - timedelta(days=8))
    code, _, err = mailbox.run(capsys, "contacts", "merge", "dana.brooks@gmail.example", "dana@union.example")
    assert code == 0, err
    [row] = export(mailbox, capsys)
    assert row["status"] == "paused"
    mailbox.sync(NOW)
    assert mailbox.messages("Drafts") == []


def test_merging_two_records_with_a_draft_for_the_same_attempt_loses_neither(mailbox, capsys):
    # Two records of Dana, each written to once and each with its follow-up (attempt 2) waiting in Drafts.
    # WRONG: merge deletes the other record's draft row when keep has one for the same (kind, round, attempt):
    # the follow-up still sitting in Drafts is forgotten by the log (`coffeechat drafts` no longer lists it, and
    # the merge reports "0 drafts moved" without a word). RIGHT: merging loses nothing; every draft coffeechat
    # placed stays in the log.
    for to, mid in (("Dana Brooks <dana@union.example>", "<o-d1@example.org>"),
                    ("Dana Brooks <dana.brooks@gmail.example>", "<o-d2@example.org>")):
        mailbox.append("Sent", mail(sender=ME, to=to, subject="Coffee chat?", message_id=mid,
                                    body="Hi Dana,\nWould you have 20 minutes for a call about your path into "
                                         "organizing?\nJordan", when=NOW - timedelta(days=9)))
    mailbox.sync(NOW - timedelta(days=1))
    assert len(mailbox.messages("Drafts")) == 2
    before = [line for line in mailbox.run(capsys, "drafts")[1].splitlines() if "follow_up" in line]
    assert len(before) == 2
    assert mailbox.run(capsys, "contacts", "merge", "dana@union.example", "dana.brooks@gmail.example")[0] == 0
    after = [line for line in mailbox.run(capsys, "drafts")[1].splitlines() if "follow_up" in line]
    assert len(after) == 2, after


# --- a contact imported without an address gains the one the user writes to -------------------------------


def test_an_imported_contact_with_an_accented_capital_gains_the_address_written_to(mailbox, capsys, tmp_path):
    # WRONG: store._without_address compares SQLite's LOWER(name), which folds ASCII only, with Python's
    # str.lower(): "José Luis Ávila Ramírez" is "josé luis Ávila ramírez" on one side and "josé luis ávila
    # ramírez" on the other, so the LinkedIn contact never matches and the outreach makes a second contact of
    # the same name. RIGHT: one José Luis, now with the address and awaiting a reply.
    linkedin = (LINKEDIN_PREAMBLE + LINKEDIN_HEADER
                + 'José Luis,Ávila Ramírez,https://www.linkedin.com/in/jlavila,,"SEIU 32BJ",Researcher,28 Jan 2025\n')
    mailbox.run(capsys, "contacts", "import", write(tmp_path, "Connections.csv", linkedin.encode()))
    mailbox.append("Sent", mail(sender=ME, to="José Luis Ávila Ramírez <jl.avila@seiu32bj.example>",
                                subject="Coffee chat?", when=NOW - timedelta(days=2),
                                body="Hi José Luis,\nWould you have 20 minutes for a call about your research "
                                     "work?\nJordan"))
    mailbox.sync(NOW)
    rows = [r for r in export(mailbox, capsys) if r["name"] == "José Luis Ávila Ramírez"]
    assert [(r["email"], r["organization"], r["status"]) for r in rows] == [
        ("jl.avila@seiu32bj.example", "SEIU 32BJ", "awaiting_reply")]


# --- import --------------------------------------------------------------------------------------------------


def test_two_linkedin_connections_with_the_same_name_stay_two_and_a_reimport_changes_nothing(mailbox, capsys,
                                                                                               tmp_path):
    # Two different people (two LinkedIn profiles) share a name; LinkedIn gives neither an address.
    # WRONG: imports._match matches an address-less row to the only contact of that name, including one this
    # very import just created: the second Alex Kim is folded into the first (her organization overwritten, the
    # report says "added 1" for two rows), and every re-import of the same file flips the organization back and
    # forth and reports both as "updated". RIGHT: two contacts; re-importing the same file changes nothing.
    rows = ("Alex,Kim,https://www.linkedin.com/in/alexkim-dsa,,Democratic Socialists,Organizer,01 Mar 2025\n"
            "Alex,Kim,https://www.linkedin.com/in/alexkim-aclu,,ACLU,Staff Attorney,02 Mar 2025\n")
    path = write(tmp_path, "Connections.csv", (LINKEDIN_PREAMBLE + LINKEDIN_HEADER + rows).encode())
    first = mailbox.run(capsys, "contacts", "import", path)[1]
    again = mailbox.run(capsys, "contacts", "import", path)[1]
    assert ": added 0, updated 0, unchanged 2, skipped 0." in again.splitlines()[0], again
    assert "added 2," in first.splitlines()[0], first
    assert sorted(r["organization"] for r in export(mailbox, capsys)) == ["ACLU", "Democratic Socialists"]


def test_an_import_with_dry_run_does_not_create_the_contact_log(mailbox, capsys, tmp_path):
    # WRONG: `contacts import FILE --dry-run` opens the log with Store(...), which creates the SQLite file and
    # its schema before the import is rolled back. RIGHT: "--dry-run: say what would change; write nothing"
    # (as `sync --dry-run` does, which writes nothing, not even an empty contact log).
    linkedin = LINKEDIN_PREAMBLE + LINKEDIN_HEADER + "Sam,Okafor,,sam@tmc.example,TMC,Strategist,05 Oct 2024\n"
    code, out, err = mailbox.run(capsys, "contacts", "import", write(tmp_path, "c.csv", linkedin.encode()),
                                 "--dry-run")
    assert code == 0, err
    assert out.rstrip().endswith("Dry run: nothing was written.")
    assert not mailbox.database.exists()


def test_a_vcard_of_the_user_themselves_does_not_hijack_bounces(mailbox, capsys, tmp_path):
    # Address books usually hold the user's own card. WRONG: the import makes a contact of the user's own
    # address (nothing checks COFFEECHAT_MY_ADDRESSES), and from then on a bounce without a machine-readable
    # report (qmail's "failure notice", which quotes the original From:) is matched to the first contact address
    # its text mentions: the user's own. Maria is never marked bounced and gets a follow-up to a dead address.
    # RIGHT: the user's own addresses are skipped on import (reported with the card's line), so the bounce is
    # Maria's.
    card = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jordan Rivera\r\nN:Rivera;Jordan;;;\r\n"
            "EMAIL;TYPE=INTERNET;TYPE=HOME:jordan@example.org\r\nEND:VCARD\r\n")
    mailbox.run(capsys, "contacts", "import", write(tmp_path, "me.vcf", card.encode()))
    sent = NOW - timedelta(days=9)
    mailbox.append("Sent", mail(sender=ME, to="Maria Lopez <maria@labor.example>", subject="Coffee chat?",
                                body="Hi Maria,\nWould you have 20 minutes for a call about your path into labor "
                                     "policy?\nJordan", when=sent, message_id="<o-maria@example.org>"))
    failure = "\r\n".join([
        "From: MAILER-DAEMON@mx.labor.example", "To: jordan@example.org", "Subject: failure notice",
        f"Date: {sent.strftime('%a, %d %b %Y %H:%M:%S +0000')}", "Message-ID: <qmail-1@mx.labor.example>",
        "MIME-Version: 1.0", "Content-Type: text/plain; charset=us-ascii", "",
        "Hi. This is the qmail-send program at mx.labor.example.",
        "I'm afraid I wasn't able to deliver your message to the following addresses.",
        "This is a permanent error; I've given up. Sorry it didn't work out.", "",
        "<maria@labor.example>:", "Sorry, no mailbox here by that name. (#5.1.1)", "",
        "--- Below this line is a copy of the message.", "",
        "From: Jordan Rivera <jordan@example.org>", "To: Maria Lopez <maria@labor.example>",
        "Subject: Coffee chat?", ""]).encode()
    mailbox.append("INBOX", failure, when=sent + timedelta(minutes=2))
    mailbox.sync(NOW)
    maria = [r for r in export(mailbox, capsys) if r["email"] == "maria@labor.example"]
    assert [r["status"] for r in maria] == ["bounced"]
    assert mailbox.messages("Drafts") == []


# --- referrals and the warm introduction -------------------------------------------------------------------


def test_a_to_connect_note_naming_the_users_own_address_drafts_no_warm_intro_to_them(mailbox, capsys):
    # WRONG: people.referrals adds whoever a note names, the user's own address included, and the next sync
    # places a "Henry suggested I reach out" warm introduction addressed to the user. RIGHT: the user's own
    # addresses are never a contact and never a draft's recipient.
    mailbox.run(capsys, "contacts", "add", "Henry Okafor", "henry@union.example")
    mailbox.run(capsys, "note", "Henry", "--to-connect", "Jordan Rivera <j.rivera@example.net>")
    mailbox.sync(NOW)
    assert "j.rivera@example.net" not in mailbox.drafts_by_recipient()
    assert all(r["email"] != "j.rivera@example.net" for r in export(mailbox, capsys))


def test_a_referral_at_an_ignored_domain_gets_no_warm_intro(mailbox, capsys):
    # `contacts ignore labor.example` says: anyone at this domain is never tracked.
    # WRONG: Writer.tracked checks only COFFEECHAT_IGNORE, not the ignore list the command writes to, so a
    # to-connect note naming someone at that domain makes a contact and the next sync drafts a warm
    # introduction to them. RIGHT: no draft for an ignored address, whichever way it was ignored.
    mailbox.run(capsys, "contacts", "add", "Henry Okafor", "henry@union.example")
    code, out, _ = mailbox.run(capsys, "contacts", "ignore", "labor.example")
    assert out == "Ignoring labor.example: mail with anyone at this domain is never tracked.\n"
    mailbox.run(capsys, "note", "Henry", "--to-connect", "Maria Lopez <maria@labor.example>")
    mailbox.sync(NOW)
    assert mailbox.drafts_by_recipient() == {}


def test_a_to_connect_note_naming_the_referrer_does_not_duplicate_them(mailbox, capsys):
    # WRONG: referrals() looks an existing contact up by name only among contacts other than the referrer, so
    # "Henry Okafor" in Henry's own to-connect note adds a second, address-less "Henry Okafor" referred by
    # himself; from then on "Henry" names two contacts and every command given "Henry" exits 2.
    # RIGHT: a note naming the referrer names no new person.
    mailbox.run(capsys, "contacts", "add", "Henry Okafor", "henry@union.example")
    mailbox.run(capsys, "note", "Henry", "--to-connect", "Henry Okafor")
    assert len(export(mailbox, capsys)) == 1
    assert mailbox.run(capsys, "contacts", "show", "Henry")[0] == 0


# --- goals ---------------------------------------------------------------------------------------------------


def test_goal_edit_refuses_an_empty_goal(mailbox, capsys):
    # WRONG: `goal add` refuses a goal without words, but `goal edit` stores whatever clean() leaves, so
    # `goal edit 1 "  "` blanks the goal (exit 0, "Goal 1: "). RIGHT: the same usage error as add, exit 2.
    mailbox.run(capsys, "goal", "add", "Field organizer role by spring")
    code, _, err = mailbox.run(capsys, "goal", "edit", "1", "   ")
    assert code == 2 and err.startswith("coffeechat: ") and len(err.splitlines()) == 1
    [goal] = json.loads(mailbox.run(capsys, "goal", "list", "--json")[1])
    assert goal["goal"] == "Field organizer role by spring"


# --- CONTACT arguments and adding by hand ------------------------------------------------------------------


def test_a_contact_id_too_big_for_the_database_is_a_usage_error(mailbox, capsys):
    # WRONG: Store.find turns any all-digit CONTACT into int() and queries with it: "99999999999999999999"
    # raises OverflowError inside sqlite3 and "²" (str.isdigit() is True) raises ValueError, neither caught
    # by the CLI, so `contacts show|edit|pause|merge|--referred-by` print a traceback. (find predates this change;
    # every new CONTACT command inherits it.) RIGHT: no such contact, exit 2, one line naming what was given.
    mailbox.run(capsys, "contacts", "add", "Grace Kim", "grace@coalition.example")
    for query in ("99999999999999999999", "²"):
        code, out, err = mailbox.run(capsys, "contacts", "show", query)
        assert code == 2 and err.startswith("coffeechat: no contact matches") and len(err.splitlines()) == 1


def test_contacts_add_refuses_a_contact_with_no_name_and_no_address(mailbox, capsys):
    # WRONG: `contacts add " "` stores a contact with neither a name nor an address ("Added  (id 1), cold."),
    # which no CONTACT argument but its id can name and `contacts list` shows as a blank row. The importer
    # refuses the same row ("no name and no email address"). RIGHT: a usage error, exit 2, nothing added.
    code, out, err = mailbox.run(capsys, "contacts", "add", "   ")
    assert code == 2 and err.startswith("coffeechat: ") and len(err.splitlines()) == 1


def test_after_a_merge_the_follow_up_goes_to_the_address_the_outreach_went_to(mailbox, capsys):
    # Dana's Gmail was added by hand first; the outreach then went to her union address, and the user folds the
    # Gmail record into the union one (`merge KEEP OTHER`).
    # WRONG: merge moves the other record's address rows as they are, and primary_address() picks the lowest
    # row id, so the kept record's primary address silently becomes the one merged in ("Merged ... into Dana
    # Brooks <dana.brooks@gmail.example>"); the follow-up, threaded to the union outreach, is addressed to
    # Gmail. RIGHT: the kept record keeps its own primary address; the follow-up goes where the outreach went.
    mailbox.run(capsys, "contacts", "add", "Dana B.", "dana.brooks@gmail.example")
    mailbox.append("Sent", mail(sender=ME, to="Dana Brooks <dana@union.example>", subject="Coffee chat?",
                                body="Would you have 20 minutes for a call about your path into organizing?",
                                when=NOW - timedelta(days=9), message_id="<o-dana@example.org>"))
    mailbox.sync(NOW - timedelta(days=8))
    code, out, err = mailbox.run(capsys, "contacts", "merge", "dana@union.example", "dana.brooks@gmail.example")
    assert code == 0, err
    mailbox.sync(NOW)
    assert list(mailbox.drafts_by_recipient()) == ["dana@union.example"]
