"""The contact spreadsheet by hand: add, edit, show, pause, resume, remove, list filters. The contact log only."""

from __future__ import annotations

import json
from datetime import timedelta

from corpus import ME, NOW, mail


def test_add_edit_and_show_a_contact_with_a_referral_chain(mailbox, capsys):
    run = mailbox.run
    assert run(capsys, "contacts", "add", "Grace Kim", "grace@coalition.example", "--org", "Housing Coalition",
               "--role", "Policy Director", "--relationship", "core") == (
        0, "Added Grace Kim <grace@coalition.example> (id 1), core.\n", "")
    code, out, _ = run(capsys, "contacts", "add", "Sam Ortiz", "--referred-by", "Grace", "--relationship", "extended")
    assert (code, out) == (0, "Added Sam Ortiz (id 2), extended.\n")
    assert run(capsys, "contacts", "edit", "Sam", "--add-address", "Sam@Housing.example", "--org", "HJC")[0] == 0
    code, out, _ = run(capsys, "contacts", "show", "sam@housing.example")
    assert out.splitlines()[:3] == ["Sam Ortiz <sam@housing.example> (id 2)", "  extended, new at HJC",
                                    "  referred by: Grace Kim <grace@coalition.example>"]
    code, out, _ = run(capsys, "contacts", "show", "1")
    assert "  led to: Sam Ortiz <sam@housing.example>" in out
    assert "  core, new, Policy Director at Housing Coalition" in out
    # An address belongs to one person only.
    assert run(capsys, "contacts", "add", "Someone", "grace@coalition.example") == (
        2, "", "coffeechat: grace@coalition.example already belongs to Grace Kim (id 1): 'coffeechat contacts merge' "
               "joins two records of one person\n")
    assert run(capsys, "contacts", "add", "Bad", "bad@@x.example")[0] == 2
    rows = json.loads(run(capsys, "contacts", "list", "--json", "--relationship", "core")[1])
    assert [r["email"] for r in rows] == ["grace@coalition.example"]


def test_a_paused_contact_gets_no_draft_until_resumed(mailbox, capsys):
    mailbox.append("Sent", mail(sender=ME, to="Dana Brooks <dana@union.example>", subject="Coffee chat?",
                                body="Would you have 20 minutes for a call about your path into organizing?",
                                when=NOW - timedelta(days=9)))
    mailbox.sync(NOW - timedelta(days=8))
    code, out, _ = mailbox.run(capsys, "contacts", "pause", "Dana")
    assert out == "Paused Dana Brooks <dana@union.example>: no drafts for them until 'coffeechat contacts resume'.\n"
    mailbox.sync(NOW)
    assert mailbox.messages("Drafts") == []
    assert mailbox.run(capsys, "contacts", "resume", "Dana")[1] == "Resumed Dana Brooks <dana@union.example>: " \
                                                                   "awaiting_reply.\n"
    mailbox.sync(NOW)
    assert list(mailbox.drafts_by_recipient()) == ["dana@union.example"]


def test_remove_needs_yes_and_then_forgets_the_contact(mailbox, capsys):
    mailbox.run(capsys, "contacts", "add", "Grace Kim", "grace@coalition.example")
    assert mailbox.run(capsys, "contacts", "remove", "Grace")[0] == 2
    assert mailbox.run(capsys, "contacts", "remove", "Grace", "--yes")[0] == 0
    assert mailbox.run(capsys, "contacts", "list")[1].startswith("No contacts yet")


def test_goals_are_one_to_three_and_count_their_contacts_by_stage(mailbox, capsys):
    run = mailbox.run
    assert run(capsys, "goal", "add", "Field organizer role by spring")[1].startswith(
        "Goal 1: Field organizer role by spring.")
    run(capsys, "goal", "add", "Learn how state budgets are made")
    run(capsys, "goal", "add", "Meet three union staffers")
    code, _, err = run(capsys, "goal", "add", "A fourth")
    assert code == 2 and "the playbook keeps to one to three" in err
    run(capsys, "contacts", "add", "Grace Kim", "grace@coalition.example", "--goal", "field organizer")
    run(capsys, "contacts", "add", "Sam Ortiz", "sam@hjc.example", "--goal", "1")
    [first] = [g for g in json.loads(run(capsys, "goal", "list", "--json")[1]) if g["id"] == 1]
    assert (first["contacts"], first["outreach"], first["connected"]) == (2, 2, 0)
    assert run(capsys, "goal", "done", "budgets")[1] == "Done: goal 2, Learn how state budgets are made.\n"
    assert run(capsys, "goal", "add", "A fourth, now allowed")[0] == 0
    [grace] = [r for r in json.loads(run(capsys, "contacts", "export")[1]) if r["email"] == "grace@coalition.example"]
    assert grace["goal"] == "Field organizer role by spring"


def test_merging_two_records_of_one_person_loses_nothing(mailbox, capsys):
    mailbox.append("Sent", mail(sender=ME, to="Dana Brooks <dana@union.example>", subject="Coffee chat?",
                                body="Would you have 20 minutes for a call about your path into organizing?",
                                when=NOW - timedelta(days=9), message_id="<o-dana@example.org>"))
    mailbox.sync(NOW - timedelta(days=8))
    mailbox.run(capsys, "contacts", "add", "Dana B.", "dana.brooks@gmail.example", "--org", "SEIU")
    mailbox.run(capsys, "note", "dana.brooks@gmail.example", "--to-read", "the 2024 contract campaign report")
    code, out, _ = mailbox.run(capsys, "contacts", "merge", "dana@union.example", "dana.brooks@gmail.example")
    assert out.startswith("Merged Dana B. <dana.brooks@gmail.example> into Dana Brooks <dana@union.example> (id 1):")
    [row] = json.loads(mailbox.run(capsys, "contacts", "export")[1])
    assert (row["addresses"], row["organization"], row["open_notes"], row["status"]) == (
        ["dana@union.example", "dana.brooks@gmail.example"], "SEIU", 1, "awaiting_reply")
    # Mail from either address now counts for Dana: her reply from Gmail ends the follow-up.
    mailbox.append("INBOX", mail(sender="Dana <dana.brooks@gmail.example>", to=ME, subject="Re: hi",
                                 body="Sure!", when=NOW - timedelta(days=1)))
    mailbox.sync(NOW)
    assert json.loads(mailbox.run(capsys, "contacts", "export")[1])[0]["status"] == "replied"
    assert mailbox.messages("Drafts") == []


def test_a_linkedin_contact_without_an_address_gains_it_when_the_user_writes_to_that_name(mailbox, capsys):
    mailbox.run(capsys, "contacts", "add", "Maya Okafor", "--org", "Sunrise Movement")
    mailbox.append("Sent", mail(sender=ME, to="Maya Okafor <maya@sunrise.example>", subject="Coffee chat?",
                                body="Would you have 20 minutes for a call about your path into climate organizing?",
                                when=NOW - timedelta(days=2)))
    mailbox.sync(NOW)
    [row] = json.loads(mailbox.run(capsys, "contacts", "export")[1])
    assert (row["email"], row["organization"], row["status"]) == ("maya@sunrise.example", "Sunrise Movement",
                                                                  "awaiting_reply")


def test_the_csv_export_for_excel_starts_with_a_byte_order_mark(mailbox, capsys):
    mailbox.run(capsys, "contacts", "add", "Zoë Lefèvre", "zoe@attac.example")
    out = mailbox.run(capsys, "contacts", "export", "--format", "csv", "--excel")[1]
    assert out.startswith("\ufeffname,email,organization,relationship,status")
    assert "Zoë Lefèvre,zoe@attac.example" in out


def test_the_table_fits_a_terminal_of_80_columns():
    from datetime import timezone

    from daemon.contact_log.contacts import as_table

    row = {"id": 12, "name": "Alexandria Ocasio-Cortez-Longname", "email": "alexandria.longname@house.example",
           "status": "meeting_scheduled", "relationship": "extended", "next_action": "have the conversation",
           "next_action_due": "2026-12-03T20:00:00+00:00"}
    lines = as_table([row], timezone.utc, width=80).splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert lines[1].startswith("12  Alexandria") and "meeting_scheduled" in lines[1] and lines[1].endswith("…")
    assert as_table([row], timezone.utc).splitlines()[1].endswith("have the conversation (on 2026-12-03 20:00)")


def test_add_with_a_note_and_list_by_goal(mailbox, capsys):
    mailbox.run(capsys, "goal", "add", "Union staff job")
    mailbox.run(capsys, "contacts", "add", "Keisha Brown", "keisha@local221.example", "--goal", "union",
                "--note", "met at the hospital rally")
    mailbox.run(capsys, "contacts", "add", "Theo Park", "theo@campaign.example")
    listed = mailbox.run(capsys, "contacts", "list", "--goal", "1")[1]
    assert "Keisha Brown" in listed and "Theo Park" not in listed
    assert "note: met at the hospital rally" in mailbox.run(capsys, "notes", "Keisha")[1]
