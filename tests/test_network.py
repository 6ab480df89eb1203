"""The network against a real Dovecot: a referral earns a warm introduction; connected contacts are kept in touch."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from corpus import ME, mail

from daemon.contact_log.people import named_people

NY = "America/New_York"
NOW = datetime(2026, 11, 24, 21, 0, tzinfo=timezone.utc)


def seed_henry(mailbox, capsys) -> None:
    """Henry answered Jordan's outreach (the conversation tests' story), and they met this morning."""
    from test_conversation import seed_henry as answered

    answered(mailbox)
    mailbox.run(capsys, "met", "Henry", "--at", "2026-11-24 10:00", timezone=NY)


@pytest.mark.parametrize(("text", "people"), [
    ("Maria Lopez <maria@org.example>", [("Maria Lopez", "maria@org.example", "")]),
    ("Maria Lopez", [("Maria Lopez", "", "")]),
    ("Maria Lopez and Sam de la Cruz; grace@coalition.example",
     [("Maria Lopez", "", ""), ("Sam de la Cruz", "", ""), ("", "grace@coalition.example", "")]),
    ("someone at the housing coalition", []),
    ("Maria Lopez <maria@org.example>, Sam Ortiz <sam@hjc.example>",
     [("Maria Lopez", "maria@org.example", ""), ("Sam Ortiz", "sam@hjc.example", "")]),
    ("Maria Lopez, Sunrise Movement", [("Maria Lopez", "", "Sunrise Movement")]),
    ("Maria Lopez (SEIU)", [("Maria Lopez", "", "SEIU")]),
    ("Maria Lopez at the Housing Justice Coalition", [("Maria Lopez", "", "the Housing Justice Coalition")]),
])
def test_a_to_connect_note_names_people(text, people):
    assert named_people(text) == people


def test_a_referral_gets_one_warm_introduction_that_names_the_referrer(mailbox, capsys):
    seed_henry(mailbox, capsys)
    code, out, _ = mailbox.run(capsys, "note", "Henry", "--to-connect", "Maria Lopez <maria@labor.example>",
                               "--to-connect", "Sam Ortiz", timezone=NY, my_pitch="I'm a community organizer "
                               "moving into labor policy.")
    assert out.splitlines()[2:] == [
        "Added Maria Lopez <maria@labor.example> (id 2), suggested by Henry Okafor: a warm introduction waits in "
        "Drafts after the next sync.",
        "Added Sam Ortiz (id 3), suggested by Henry Okafor: find an address, then 'coffeechat contacts edit 3 "
        "--add-address EMAIL'.",
    ]
    for _ in range(3):
        mailbox.sync(NOW, timezone=NY, my_pitch="I'm a community organizer moving into labor policy.")
    drafts = mailbox.drafts_by_recipient()
    warm = drafts["maria@labor.example"]
    assert warm.startswith("Hi Maria,\n\nHenry suggested I reach out to you. I'm a community organizer moving into "
                           "labor policy.")
    assert "20 minutes" in warm and "[One line only you can write: what Henry told you about them" in warm
    raw = next(r for r in mailbox.messages("Drafts") if b"To: Maria Lopez <maria@labor.example>" in r)
    assert b"Subject: Henry suggested I reach out" in raw and b"In-Reply-To" not in raw
    rows = {r["email"] or r["name"]: r for r in json.loads(mailbox.run(capsys, "contacts", "export")[1])}
    assert (rows["maria@labor.example"]["referred_by"], rows["maria@labor.example"]["relationship"]) == (
        "Henry Okafor", "extended")
    assert rows["Sam Ortiz"]["referred_by"] == "Henry Okafor"
    # The user sends it: that is Maria's outreach, round 1; no second warm introduction ever.
    mailbox.append("Sent", mail(sender=ME, to="Maria Lopez <maria@labor.example>",
                                subject="Henry suggested I reach out", body="Hi Maria, Henry suggested I reach out.",
                                when=NOW + timedelta(hours=1)))
    mailbox.sync(NOW + timedelta(hours=2), timezone=NY)
    rows = {r["email"] or r["name"]: r for r in json.loads(mailbox.run(capsys, "contacts", "export")[1])}
    assert (rows["maria@labor.example"]["status"], rows["maria@labor.example"]["attempts"]) == ("awaiting_reply", 1)
    assert len(mailbox.messages("Drafts")) == 2  # Henry's thank-you and Maria's warm introduction


def test_a_connected_contact_heard_from_100_days_ago_gets_one_check_in(mailbox, capsys):
    old = NOW - timedelta(days=100)
    for who, when in (("Ana Ruiz <ana@coop.example>", old), ("Lee Park <lee@coop.example>", NOW - timedelta(days=7))):
        mailbox.append("Sent", mail(sender=ME, to=who, subject="Informational interview?",
                                    when=when - timedelta(days=5),
                                    body="Would you have 20 minutes for a call about your path?"))
        mailbox.append("INBOX", mail(sender=who, to=ME, subject="Re: Informational interview?", when=when,
                                     body="Happy to!"))
    mailbox.sync(NOW - timedelta(days=101), timezone=NY)
    for name in ("Ana", "Lee"):
        mailbox.run(capsys, "met", name, "--at", "2026-08-15 10:00" if name == "Ana" else "2026-11-10 10:00",
                    timezone=NY)
    # Both wrote their thank-you: connected.
    mailbox.append("Sent", mail(sender=ME, to="ana@coop.example", subject="Thank you!", when=old + timedelta(days=1)))
    mailbox.append("Sent", mail(sender=ME, to="lee@coop.example", subject="Thank you!",
                                when=NOW - timedelta(days=7) + timedelta(hours=5)))
    for _ in range(3):
        mailbox.sync(NOW, timezone=NY)
    drafts = mailbox.drafts_by_recipient()
    assert list(drafts) == ["ana@coop.example"]
    assert "It's been a little while since we last talked" in drafts["ana@coop.example"]


def test_contacts_show_has_the_whole_timeline_and_the_chain_both_ways(mailbox, capsys):
    seed_henry(mailbox, capsys)
    mailbox.run(capsys, "note", "Henry", "--to-connect", "Maria Lopez <maria@labor.example>",
                "--to-follow-up", "send the syllabus", timezone=NY)
    mailbox.sync(NOW, timezone=NY)
    out = mailbox.run(capsys, "contacts", "show", "Henry", timezone=NY)[1]
    lines = out.splitlines()
    assert lines[0] == "Henry Okafor <henry@union.example> (id 1)"
    assert "  led to: Maria Lopez <maria@labor.example>" in lines
    timeline = [line[20:] for line in lines if line.startswith("  2026-")]
    assert timeline[:3] == ["you wrote: Coffee chat?", "they replied: Re: Coffee chat?", "meeting"]
    assert "note [2] to follow up: send the syllabus" in timeline and "thank-you draft (placed)" in timeline
    maria = mailbox.run(capsys, "contacts", "show", "maria@labor.example", timezone=NY)[1]
    assert "  referred by: Henry Okafor <henry@union.example>" in maria
    assert "warm-intro draft (placed)" in maria
