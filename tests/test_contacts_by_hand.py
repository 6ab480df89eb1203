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
