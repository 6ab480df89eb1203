"""The first note: drafts on request, written for each tier; the one the user sends is round 1.

The texts are pure rendering, tested with tables. The story is a real Dovecot: a LinkedIn
import, `coffeechat outreach --next 3`, one draft sent (edited), one deleted, the command
run twice.
"""

from __future__ import annotations

import email
import email.policy
import json
import re
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from corpus import ME, mail
from import_samples import LINKEDIN
from test_contacts_import import write

from daemon.mail.classify import OUTREACH, Known, classify
from daemon.mail.messages import parse
from daemon.playbook import first_notes
from daemon.playbook.first_notes import Drafted, Prospect, pick, ranked, refusal
from daemon.playbook.rules import ContactState
from daemon.writing import drafts
from daemon.writing.kinds import Facts, compose

PITCH = "I'm a community organizer moving into labor policy."
UTC = timezone.utc
DRAFTED = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)


def render(tier: str, *, pitch: str = PITCH, minutes: int = 20, **facts: str):
    values = {"name": "Noémi Ferenc-Kovács", "address": "noemi@wfp.example", "organization": "", "role": "",
              "goal": "", "why": "", **facts}
    message = compose(drafts.environment(None), "outreach",
                      Facts(state=ContactState(), relationship=tier, my_pitch=pitch, ask_minutes=minutes, **values),
                      my_name="Jordan Rivera", my_address="jordan@example.org", attempt=1, now=DRAFTED,
                      message_id="<coffeechat.test@example.org>", zone=UTC)
    return message, message.get_content().replace("\r\n", "\n")


def placeholders(body: str) -> list[str]:
    return re.findall(r"\[[^\]]+\]", body)


FULL = {"organization": "Working Families Party, New York", "role": "Political Director",
        "goal": "A policy role in New York by spring", "why": "You ran the 2024 ballot campaign I volunteered on."}


@pytest.mark.parametrize("tier", first_notes.TIER_ORDER)
@pytest.mark.parametrize(("facts", "minutes"), [({}, 20), (FULL, 15), (FULL, 30)])
def test_each_tier_has_the_pitch_the_ask_one_personal_line_and_stays_short(tier, facts, minutes):
    message, body = render(tier, minutes=minutes, **facts)
    assert body.startswith("Hi Noémi,\n\n") and body.rstrip().endswith("Jordan Rivera")
    assert PITCH in body
    assert f"{minutes} minutes" in body and re.search(r"(schedule|suits you)", body)
    assert len(placeholders(body)) == 1  # the line only the user can write
    assert first_notes.word_count(body) < 130
    assert message["In-Reply-To"] is None and message["To"] == "Noémi Ferenc-Kovács <noemi@wfp.example>"


@pytest.mark.parametrize(("tier", "opening", "subject"), [
    ("core", "I hope you're doing well! A quick update from me:", "Catching up, and a question"),
    ("extended", "We met during [", "Good to reconnect"),
    ("shared", "I'm reaching out as a fellow [", "Hello, and a small ask"),
    ("cold", "[One specific thing of theirs you read, heard or saw", "A question about your work at Working Families "
     "Party, New York"),
])
def test_each_tier_opens_the_way_the_guides_say(tier, opening, subject):
    message, body = render(tier, **FULL)
    assert body.split("\n")[2].startswith(opening)
    assert message["Subject"] == subject
    if tier == "core":  # grounded in one real question the user is working on
        assert "[the real question you're working through, in your own words]" in body


@pytest.mark.parametrize("tier", first_notes.TIER_ORDER)
def test_why_them_is_what_the_log_and_the_user_said_and_nothing_more(tier):
    _, full = render(tier, **FULL)
    assert "your work as Political Director at Working Families Party, New York" in full
    assert "you ran the 2024 ballot campaign I volunteered on" in full  # --why, as a clause
    assert "one goal: a policy role in New York by spring." in full
    _, bare = render(tier)
    assert "your work" in bare and " as " not in bare.replace("as a fellow", "") and " at " not in bare
    assert "goal" not in bare and "because" not in bare and "since" not in bare
    # Every capitalised word outside the brackets is a sentence's first, the user's, or theirs: nothing invented.
    known = set(re.findall(r"\w+", " ".join([*FULL.values(), PITCH, "Noémi Ferenc-Kovács Jordan Rivera"])))
    text = re.sub(r"\[[^\]]+\]", "", full)
    for sentence in re.split(r"(?<=[.!?:,])\s+|\n+", text):
        words = re.findall(r"[\w'’]+", sentence)
        for word in words[1:]:
            assert not word[0].isupper() or word.split("'")[0] in known | {"I"}, (word, sentence)


def render_warm(*, why: str = "", minutes: int = 20, referred_by: str = "Sam Okafor"):
    message = compose(drafts.environment(None), "warm_intro",
                      Facts(name="Ana Ruiz", address="ana@coop.example", organization="Co-op Cloud",
                            state=ContactState(), referred_by=referred_by, my_pitch=PITCH, why=why,
                            ask_minutes=minutes),
                      my_name="Jordan Rivera", my_address="jordan@example.org", attempt=0, now=DRAFTED,
                      message_id="<coffeechat.warm@example.org>", zone=UTC)
    return message.get_content().replace("\r\n", "\n")


@pytest.mark.parametrize(("why", "minutes", "referrer"), [("", 20, "Sam Okafor"), ("", 15, ""),
                                                         ("Your co-op rebuilt its member database.", 30, "Sam Okafor")])
def test_a_warm_introduction_is_a_first_note_too_the_why_the_ask_and_one_personal_line(why, minutes, referrer):
    # Picked by `--next` or named with `--why`, the warm introduction stands with the tiers' notes: the
    # user's reason, the ask they set, and a line only they can write.
    body = render_warm(why=why, minutes=minutes, referred_by=referrer)
    assert body.startswith("Hi Ana,\n\n" + (f"Sam suggested I reach out to you. {PITCH}" if referrer else
                                             f"A mutual contact suggested I reach out to you. {PITCH}"))
    assert f"{minutes} minutes" in body and "15 to 30" not in body
    assert len(placeholders(body)) == 1 and first_notes.word_count(body) < 130
    assert ("because your co-op rebuilt its member database." in body) == bool(why)


def test_without_a_pitch_the_draft_asks_for_one_in_brackets():
    _, body = render("cold", pitch="")
    assert "[One sentence: who you are and what you are exploring.]" in body
    assert len(placeholders(body)) == 2


@pytest.mark.parametrize(("text", "expected"), [
    ("You ran the campaign I volunteered on.", "you ran the campaign I volunteered on"),
    ("because your union won the contract", "your union won the contract"),
    ("Maria Lopez suggested you", "Maria Lopez suggested you"),
    ("  SEIU's research   team  ", "SEIU's research team"),
])
def test_why_reads_as_a_clause(text, expected):
    assert first_notes.clause(text) == expected


# --- who comes first, and who is refused ---------------------------------------------------------

def prospect(contact_id: int, relationship: str = "cold", **kw) -> Prospect:
    values = {"who": f"Person {contact_id}", "status": "new", "has_address": True, **kw}
    return Prospect(contact_id=contact_id, relationship=relationship, **values)


def test_core_first_then_extended_shared_cold_then_goals_then_the_order_they_came():
    people = [prospect(1, "cold"), prospect(2, "shared"), prospect(3, "core"), prospect(4, "extended"),
              prospect(5, "cold", goal_rank=0), prospect(6, "core", goal_rank=1), prospect(7, "core", goal_rank=0)]
    assert [p.contact_id for p in ranked(people)] == [7, 6, 3, 4, 2, 5, 1]


def test_next_n_skips_the_written_and_lists_the_ones_without_an_address():
    people = [prospect(1, "core", has_address=False), prospect(2, "core", status="awaiting_reply",
              written_at=DRAFTED), prospect(3, "extended"), prospect(4, "shared"), prospect(5, "cold")]
    chosen, missing = pick(people, 2, UTC)
    assert [p.contact_id for p in chosen] == [3, 4] and [p.contact_id for p in missing] == [1]


@pytest.mark.parametrize(("kw", "words"), [
    ({"status": "awaiting_reply", "written_at": DRAFTED}, "already written to: you wrote to them on Tue Nov 24, 2026"),
    ({"status": "replied", "replied_at": DRAFTED}, "already in conversation: they wrote to you on Tue Nov 24, 2026"),
    ({"status": "met", "since": DRAFTED}, "already in touch: met since Tue Nov 24, 2026"),
    ({"drafted": Drafted("outreach", "placed", DRAFTED)}, "a first note for them waits in Drafts (drafted on Tue "
                                                          "Nov 24, 2026)"),
    ({"drafted": Drafted("outreach", "dismissed", DRAFTED)}, "you deleted a first note drafted on Tue Nov 24, 2026; "
                                                             "it is not made again"),
    ({"drafted": Drafted("warm_intro", "placed", DRAFTED)}, "a warm introduction for them waits in Drafts"),
    ({"status": "paused"}, "paused: 'coffeechat contacts resume' first"),
    ({"ignored": True}, "on your ignore list"),
    ({"has_address": False}, "no email address yet: add one with 'coffeechat contacts edit 9 --add-address EMAIL'"),
    ({}, ""),
])
def test_a_refusal_says_why_and_when(kw, words):
    said = refusal(prospect(9, **kw), ZoneInfo("America/New_York"))
    assert said.startswith(words) if words else said == ""


# --- the draft's Message-ID wins over the wording ------------------------------------------------

def sent_copy(body: str, date: datetime, received: datetime, cc: str | None = None):
    raw = mail(sender=ME, to="Sam Okafor <sam@tmc.example>", subject="hey!", body=body, when=date,
               message_id="<coffeechat.abc@example.org>", cc=cc)
    return parse(raw, folder_role="sent", internal_date=received)


def known_with_the_draft() -> Known:
    known = Known(frozenset({"jordan@example.org"}), ())
    known.contacts["sam@tmc.example"] = "sam@tmc.example"
    known.first_notes["<coffeechat.abc@example.org>"] = ("sam@tmc.example", DRAFTED)
    return known


def test_a_sent_first_note_is_outreach_whatever_the_user_made_of_it():
    # Copied to four colleagues, no ask left in it: group mail, had the draft's Message-ID not said otherwise.
    cc = "a@x.example, b@x.example, c@x.example, d@x.example"
    summary = sent_copy("Sam! Lunch soon? J", DRAFTED + timedelta(days=2), DRAFTED + timedelta(days=2), cc=cc)
    event = classify(summary, known_with_the_draft())
    assert (event.kind, event.contact, event.sure) == (OUTREACH, "sam@tmc.example", True)
    assert event.date == DRAFTED + timedelta(days=2)
    assert event.why == ("the first note coffeechat drafted for them, as you sent it",)


@pytest.mark.parametrize(("to", "cc", "sent_to"), [
    ("Sam Okafor <sam@tmc.example>", None, "sam@tmc.example"),           # as drafted
    ("Sam Okafor <sam@newjob.example>", None, "sam@newjob.example"),     # the user put in a newer address
    ("Sam <sam@newjob.example>", "Maya <maya@sunrise.example>", "sam@newjob.example"),  # and copied someone
    ("sam@newjob.example, maya@sunrise.example", None, ""),              # two strangers in To: not guessed
    ("Jordan <jordan@example.org>", None, ""),                           # only to themself
])
def test_a_sent_first_note_says_which_address_of_theirs_it_went_to(to, cc, sent_to):
    raw = mail(sender=ME, to=to, cc=cc, subject="hey!", body="Hi Sam, 20 minutes?", when=DRAFTED + timedelta(days=1),
               message_id="<coffeechat.abc@example.org>")
    known = known_with_the_draft()
    event = classify(parse(raw, folder_role="sent", internal_date=DRAFTED + timedelta(days=1)), known)
    assert (event.kind, event.contact, event.sent_to) == (OUTREACH, "sam@tmc.example", sent_to)
    known.learn(event)
    assert known.contacts.get("sam@newjob.example") == ("sam@tmc.example" if sent_to == "sam@newjob.example" else None)


@pytest.mark.parametrize(("address", "wire"), [
    ("jonas@example.org", "jonas@example.org"),
    ("jonas@müller.example", "jonas@xn--mller-kva.example"),
    ("anna@straße.de", "anna@xn--strae-oqa.de"),  # IDNA 2008, as .de registers it: not strasse.de (IDNA 2003)
    ("wei@例え.jp", "wei@xn--r8jz45g.jp"),
    ("jonas@xn--mller-kva.example", "jonas@xn--mller-kva.example"),
])
def test_an_internationalised_domain_is_written_in_its_idna_form(address, wire):
    assert drafts.wire_address(address) == wire


@pytest.mark.parametrize(("address", "words"), [
    ("jörg@example.org", "SMTPUTF8"),      # no ASCII form exists for the part before the @
    ("ana@bücher..example", "IDNA"),
])
def test_an_address_no_header_can_carry_is_refused_with_the_reason(address, words):
    with pytest.raises(ValueError, match=words):
        drafts.wire_address(address)


def test_a_draft_to_an_internationalised_domain_has_no_encoded_word_in_its_address():
    message, _ = render("cold", name="Jonas Müller", address="jonas@müller.example")
    to = next(line for line in message.as_bytes().decode("ascii").split("\r\n") if line.startswith("To:"))
    assert to.endswith("<jonas@xn--mller-kva.example>") and "=?" not in to.partition("<")[2], to
    with pytest.raises(ValueError, match="SMTPUTF8"):
        render("cold", name="Jörg", address="jörg@example.org")


def test_a_sent_first_note_that_kept_the_drafts_date_is_dated_by_its_arrival_in_sent():
    summary = sent_copy("Hi Sam, 20 minutes for a call?", DRAFTED, DRAFTED + timedelta(days=3))
    assert classify(summary, known_with_the_draft()).date == DRAFTED + timedelta(days=3)


# --- the story, against a real Dovecot ---------------------------------------------------------------

def seed_linkedin(mailbox, capsys, tmp_path) -> None:
    """A LinkedIn import (5 people, 2 with an address), then the tiers and two addresses the user knows."""
    assert mailbox.run(capsys, "contacts", "import", write(tmp_path, "Connections.csv", LINKEDIN))[0] == 0
    for args in (("Sam", "--relationship", "core"),
                 ("Maya", "--add-address", "maya@sunrise.example", "--relationship", "extended"),
                 ("Noémi", "--relationship", "shared"),
                 ("Wei", "--add-address", "wei@populardemocracy.example")):
        code, _, err = mailbox.run(capsys, "contacts", "edit", *args)
        assert code == 0, err


def drafts_in(mailbox) -> list[email.message.EmailMessage]:
    return [email.message_from_bytes(raw, policy=email.policy.default) for raw in mailbox.messages("Drafts")]


def delete_draft(mailbox, message_id: str) -> None:
    with mailbox.client() as client:
        client.select_folder("Drafts")
        uids = client.search(["HEADER", "Message-ID", message_id])
        client.delete_messages(uids)
        client.expunge()


def export(mailbox, capsys) -> dict[str, dict]:
    return {r["name"]: r for r in json.loads(mailbox.run(capsys, "contacts", "export")[1])}


def day(when: datetime) -> str:
    return f"{when:%a %b} {when.day}, {when.year}"


def test_first_notes_from_a_linkedin_import_to_round_one_and_never_twice(mailbox, capsys, tmp_path):
    seed_linkedin(mailbox, capsys, tmp_path)
    started = datetime.now(UTC)
    code, out, err = mailbox.run(capsys, "outreach", "--next", "3", my_pitch=PITCH)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        'Sam Okafor <sam.okafor@example.com> (core): drafted a first note, "Catching up, and a question"',
        'Maya Okafor <maya@sunrise.example> (extended): drafted a first note, "Good to reconnect"',
        'Noémi Ferenc-Kovács <noemi.ferenc@example.net> (shared): drafted a first note, "Hello, and a small ask"',
        "Each waits in Drafts with a [bracketed] line only you can write: fill it in, then send it yourself. "
        "coffeechat never sends.",
    ]
    sam, maya, noemi = drafts_in(mailbox)  # core first
    for draft, role in ((sam, "Senior Strategist at The Movement Cooperative"),
                        (maya, "Field Organizer at Sunrise Movement"),
                        (noemi, "Political Director at Working Families Party, New York")):
        body = draft.get_content()
        assert draft["From"] == "Jordan Rivera <jordan@example.org>" and draft["In-Reply-To"] is None
        assert PITCH in body and "20 minutes" in body and placeholders(body) and role in body
        assert first_notes.word_count(body) < 130
    assert sam.get_content().startswith("Hi Sam,") and "We met during [" in maya.get_content()

    # Sam's goes out: edited (the personal line written, the subject changed, three colleagues copied).
    sent_at = started + timedelta(hours=3)
    edited = mail(sender=ME, to="Sam Okafor <sam.okafor@example.com>", subject="Long time!", when=sent_at,
                  message_id=sam["Message-ID"], cc="a@tmc.example, b@tmc.example, c@tmc.example",
                  body="Hi Sam,\n\nHow was the retreat? Could we get coffee soon?\n\nJordan")
    mailbox.append("Sent", edited, when=sent_at)
    delete_draft(mailbox, sam["Message-ID"])
    # Maya's the user deletes.
    delete_draft(mailbox, maya["Message-ID"])
    assert "Nothing is due." in mailbox.sync(sent_at + timedelta(hours=1), outreach_mode="confirm")
    rows = export(mailbox, capsys)
    assert (rows["Sam Okafor"]["status"], rows["Sam Okafor"]["attempts"]) == ("awaiting_reply", 1)
    assert datetime.fromisoformat(rows["Sam Okafor"]["last_sent_at"]) == sent_at.replace(microsecond=0)
    assert mailbox.run(capsys, "review", outreach_mode="confirm")[1].startswith("Nothing waits for review")
    listing = mailbox.run(capsys, "drafts")[1]
    assert "outreach (attempt 1) for Sam Okafor: sent" in listing
    assert "outreach (attempt 1) for Maya Okafor: dismissed" in listing

    # Round 1's follow-up, a week after it really went out: not a day before.
    assert "Nothing is due." in mailbox.sync(sent_at + timedelta(days=6, hours=23))
    out = mailbox.sync(sent_at + timedelta(days=7, minutes=1))
    assert "Drafted follow-up (attempt 2) to Sam Okafor <sam.okafor@example.com>: Re: Long time!" in out
    follow_up = next(d for d in drafts_in(mailbox) if d["To"].addresses[0].addr_spec == "sam.okafor@example.com")
    assert follow_up["In-Reply-To"] == sam["Message-ID"]

    # Asked again: nothing made twice, Maya's never again; the next one ready is Wei (cold).
    today = day(started.astimezone(ZoneInfo("UTC")))
    code, out, _ = mailbox.run(capsys, "outreach", "Maya", "Sam", "Noémi")
    assert out.splitlines()[:3] == [
        f"Maya Okafor <maya@sunrise.example> (extended): you deleted a first note drafted on {today}; "
        "it is not made again",
        f"Sam Okafor <sam.okafor@example.com> (core): already written to: you wrote to them on {day(sent_at)}",
        f"Noémi Ferenc-Kovács <noemi.ferenc@example.net> (shared): a first note for them waits in Drafts "
        f"(drafted on {today})",
    ]
    for _ in range(2):
        mailbox.run(capsys, "outreach", "--next", "3")
    recipients = sorted(d["To"].addresses[0].addr_spec for d in drafts_in(mailbox))
    assert recipients == ["noemi.ferenc@example.net", "sam.okafor@example.com", "wei@populardemocracy.example"]
    code, out, _ = mailbox.run(capsys, "outreach", "--next", "3")
    assert out.splitlines() == [
        "José Luis Ávila Ramírez (cold): no email address yet: add one with "
        "'coffeechat contacts edit 3 --add-address EMAIL'",
        "No one else with an address waits for a first note. Add people with 'coffeechat contacts add', or import "
        "your LinkedIn connections with 'coffeechat contacts import'.",
    ]
    mailbox.sync(sent_at + timedelta(days=8))
    assert len(mailbox.messages("Drafts")) == 3  # the daemon's cycle makes no first note of its own either


def test_dry_run_prints_the_drafts_and_writes_nothing(mailbox, capsys, tmp_path):
    seed_linkedin(mailbox, capsys, tmp_path)
    code, out, err = mailbox.run(capsys, "outreach", "Wei", "--why", "your data team rebuilt the voter file",
                                 "--dry-run", my_pitch=PITCH, ask_minutes="15")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == ('Wei Zhang 张伟 <wei@populardemocracy.example> (cold): would draft a first note, '
                        '"A question about your work at Center for Popular Democracy"')
    assert lines[1] == "    Hi Wei,"
    assert "especially because your data team rebuilt the voter file" in out and "15 minutes" in out
    assert lines[-1] == "Dry run: nothing was drafted or recorded."
    assert mailbox.messages("Drafts") == []
    assert mailbox.run(capsys, "drafts")[1] == "No drafts yet.\n"


def test_json_says_what_became_of_each(mailbox, capsys, tmp_path):
    seed_linkedin(mailbox, capsys, tmp_path)
    code, out, _ = mailbox.run(capsys, "outreach", "Wei", "José", "--json")
    rows = json.loads(out)
    assert [(r["id"], r["drafted"], r["kind"]) for r in rows] == [(4, True, "outreach"), (3, False, None)]
    assert rows[0]["subject"] == "A question about your work at Center for Popular Democracy"
    assert rows[0]["words"] < 130 and rows[1]["reason"].startswith("no email address yet")


@pytest.mark.parametrize(("args", "words"), [
    (("Nobody",), "no contact matches 'Nobody'"),
    (("Okafor",), "'Okafor' matches 2 contacts: Maya Okafor <maya@sunrise.example> (id 1), Sam Okafor "
                  "<sam.okafor@example.com> (id 5)"),
    ((), "name the people to write to, or ask for the next few"),
    (("--next", "2", "--why", "you ran the campaign"), "--why says why one person"),
    (("Maya", "Sam", "--why", "you ran the campaign"), "--why says why one person: give it with one CONTACT"),
    (("Sam", "--why", "  "), "--why TEXT says why them"),
])
def test_a_contact_that_names_none_or_several_is_a_usage_error(mailbox, capsys, tmp_path, args, words):
    seed_linkedin(mailbox, capsys, tmp_path)
    code, out, err = mailbox.run(capsys, "outreach", *args)
    assert code == 2 and out == "" and words in err and len(err.splitlines()) == 1


def test_a_bad_ask_minutes_is_refused_in_one_line_naming_it(mailbox, capsys, tmp_path):
    seed_linkedin(mailbox, capsys, tmp_path)
    code, _, err = mailbox.run(capsys, "outreach", "Wei", ask_minutes="45")
    assert code == 2 and err.startswith("coffeechat: COFFEECHAT_ASK_MINUTES='45' is not a number of minutes from "
                                        "15 to 30") and len(err.splitlines()) == 1


def test_a_referral_gets_its_warm_introduction_and_only_one(mailbox, capsys, tmp_path):
    seed_linkedin(mailbox, capsys, tmp_path)
    mailbox.run(capsys, "contacts", "add", "Ana Ruiz", "ana@coop.example", "--referred-by", "Sam")
    out = mailbox.run(capsys, "outreach", "Ana", my_pitch=PITCH)[1]
    assert out.startswith('Ana Ruiz <ana@coop.example> (cold): drafted a warm introduction, "Sam suggested I reach '
                          'out"')
    mailbox.sync(datetime.now(UTC) + timedelta(hours=1))  # the network rule: already made, not made again
    assert len(mailbox.messages("Drafts")) == 1


def test_the_summary_lists_who_is_ready_to_write_to_by_tier(mailbox, capsys, tmp_path):
    seed_linkedin(mailbox, capsys, tmp_path)
    out = mailbox.run(capsys, "summary", "--preview")[1]
    ready = out[out.index("READY TO WRITE TO"):].split("\n\n")[0].splitlines()
    assert ready == [
        "READY TO WRITE TO (not yet written to, the most promising first)",
        "Core:",
        "  - Sam Okafor (The Movement Cooperative): coffeechat outreach 5",
        "Extended:",
        "  - Maya Okafor (Sunrise Movement): coffeechat outreach 1",
        "Shared:",
        "  - Noémi Ferenc-Kovács (Working Families Party, New York): coffeechat outreach 2",
        "Cold:",
        "  - Wei Zhang 张伟 (Center for Popular Democracy): coffeechat outreach 4",
        "'coffeechat outreach --next 3' drafts their first notes, written for each tier.",
    ]
    mailbox.run(capsys, "outreach", "--next", "3")
    out = mailbox.run(capsys, "summary", "--preview")[1]
    assert "  - Wei Zhang 张伟 (Center for Popular Democracy): coffeechat outreach 4" in out
    assert "Sam Okafor (The Movement Cooperative): coffeechat outreach" not in out
    assert "Drafts to edit and send (3)" in out


def test_every_kind_has_its_templates_and_the_readme_names_them():
    from pathlib import Path

    from daemon.writing.kinds import KINDS

    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text()
    for kind in KINDS.values():
        for tier in first_notes.TIER_ORDER:
            name = kind.template_for(tier)
            assert (root / "templates" / name).is_file() and f"`{name}`" in readme, (kind.name, name)
