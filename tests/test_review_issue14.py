"""Review of issue 14 (`coffeechat outreach`): defects a user meets, each proven by a failing test.

Real Dovecot, a real LinkedIn Connections.csv (tests/import_samples.py), the real clock where the
command reads it (today's drafts), explicit times relative to it for the cycles after.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from corpus import ME, mail
from test_contacts_import import write
from test_first_notes import delete_draft, drafts_in, seed_linkedin

UTC = timezone.utc
PITCH = "I'm a community organizer moving into labor policy."


def test_why_given_for_a_referral_is_silently_dropped(mailbox, capsys, tmp_path):
    # WRONG: for a contact someone suggested (referred_by set) `outreach CONTACT --why TEXT` drafts the
    # warm introduction, whose template and facts never receive `why`: the command says "drafted a warm
    # introduction" and the user's reason is nowhere in the draft, with no warning. (The warm introduction
    # also ignores COFFEECHAT_ASK_MINUTES.) RIGHT: the --why the user typed reads in the draft (or the
    # command refuses --why for a warm introduction, saying so).
    seed_linkedin(mailbox, capsys, tmp_path)
    assert mailbox.run(capsys, "contacts", "add", "Ana Ruiz", "ana@coop.example", "--referred-by", "Sam")[0] == 0
    code, out, err = mailbox.run(capsys, "outreach", "Ana", "--why", "your co-op rebuilt its member database",
                                 my_pitch=PITCH)
    assert code == 0 and "drafted a warm introduction" in out, (out, err)
    body = mailbox.drafts_by_recipient()["ana@coop.example"]
    assert "your co-op rebuilt its member database" in body, body


def test_why_for_several_named_contacts_puts_one_persons_reason_in_everyones_note(mailbox, capsys, tmp_path):
    # WRONG: --why is refused with --next because "--why says why one person", but with two CONTACTs it
    # is accepted and written into both notes: Sam's draft says "you ran the 2024 ballot campaign I
    # volunteered on", a fact that was about Maya: exactly the invented fact the issue forbids.
    # RIGHT: --why with more than one CONTACT is a usage error (exit 2), as it is with --next.
    seed_linkedin(mailbox, capsys, tmp_path)
    code, out, err = mailbox.run(capsys, "outreach", "Maya", "Sam", "--why", "you ran the 2024 ballot campaign "
                                 "I volunteered on", my_pitch=PITCH)
    assert code == 2 and "--why" in err, (code, out)


def test_a_first_note_sent_to_another_address_gets_its_follow_up_at_the_old_one(mailbox, capsys, tmp_path):
    # WRONG: the user changes the draft's To before sending (Sam's current work address, which LinkedIn did
    # not have). The Sent copy keeps the draft's Message-ID, so it counts as Sam's round 1 - but the new
    # address is not learned and a week later the follow-up ("just bumping this") is drafted To the old
    # LinkedIn address, which never received the first note. RIGHT: the follow-up goes where the note went
    # (the address the user sent it to is learned as Sam's), never to an address that never got round 1.
    seed_linkedin(mailbox, capsys, tmp_path)
    code, out, _ = mailbox.run(capsys, "outreach", "Sam", my_pitch=PITCH)
    assert code == 0 and "drafted a first note" in out
    (draft,) = drafts_in(mailbox)
    sent_at = datetime.now(UTC) + timedelta(hours=1)
    sent = mail(sender=ME, to="Sam Okafor <sam@tmc.example>", subject=str(draft["Subject"]), when=sent_at,
                message_id=draft["Message-ID"],
                body="Hi Sam,\n\nHow was the retreat? Could we find 20 minutes for a call?\n\nJordan")
    mailbox.append("Sent", sent, when=sent_at)
    delete_draft(mailbox, draft["Message-ID"])
    mailbox.sync(sent_at + timedelta(hours=1))
    out = mailbox.sync(sent_at + timedelta(days=7, hours=1))
    assert "follow-up (attempt 2)" in out, out
    recipients = set(mailbox.drafts_by_recipient())
    assert "sam.okafor@example.com" not in recipients and "sam@tmc.example" in recipients, recipients


def test_a_first_note_whose_append_was_cut_is_placed_again_without_the_users_why(mailbox, capsys, tmp_path):
    # WRONG: `outreach Wei --why ...` records the draft, then the process dies (or the connection drops)
    # before the APPEND. The next cycle (the daemon's, or the next command) finishes it from the log
    # (reconcile → place), but `why` lived only in the dying process: the note placed in Drafts has lost
    # the user's reason, and `outreach Wei` then says it "waits in Drafts", so it cannot be asked again.
    # RIGHT: the note that finally reaches Drafts is the one the user asked for, --why included.
    seed_linkedin(mailbox, capsys, tmp_path)
    env_file = Path(mailbox.database).parent / "crash.env"
    env_file.write_text("".join(f"{k}={v}\n" for k, v in mailbox.values(my_pitch=PITCH).items()))
    env_file.chmod(0o600)
    env = {**os.environ, "TEST_COFFEECHAT_CRASH_AT": "before draft append"}
    done = subprocess.run([sys.executable, "-m", "daemon", "--env-file", str(env_file), "outreach", "Wei", "--why",
                           "your data team rebuilt the voter file"], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode != 0 and mailbox.messages("Drafts") == []  # killed between intent and APPEND
    mailbox.sync(datetime.now(UTC) + timedelta(minutes=5), my_pitch=PITCH)  # the daemon's next cycle
    body = mailbox.drafts_by_recipient()["wei@populardemocracy.example"]
    assert "your data team rebuilt the voter file" in body, body


def test_a_referral_chosen_by_next_gets_no_bracketed_line_and_not_the_ask_minutes(mailbox, capsys, tmp_path):
    # WRONG: `outreach --next N` ranks a referral (here a core contact Sam suggested) with everyone else and
    # drafts the old warm introduction for them: no [bracketed] line only the user can write, no tier text,
    # and "15 to 30 minutes" whatever COFFEECHAT_ASK_MINUTES says - while the command ends "Each waits in
    # Drafts with a [bracketed] line only you can write". The issue's Done-when: each of the --next drafts
    # has the pitch, the ask and a bracketed personal line. RIGHT: that draft has a [bracketed] line too and
    # asks for the configured 25 minutes.
    seed_linkedin(mailbox, capsys, tmp_path)
    assert mailbox.run(capsys, "contacts", "add", "Ana Ruiz", "ana@coop.example", "--referred-by", "Sam",
                       "--relationship", "core")[0] == 0
    code, out, _ = mailbox.run(capsys, "outreach", "--next", "2", my_pitch=PITCH, ask_minutes="25")
    assert code == 0 and "Ana Ruiz <ana@coop.example> (core): drafted a warm introduction" in out, out
    assert "[bracketed] line only you can write" in out
    body = mailbox.drafts_by_recipient()["ana@coop.example"]
    assert "[" in body and "25 minutes" in body, body


def test_a_linkedin_name_with_credentials_is_greeted_by_its_credentials(mailbox, capsys, tmp_path):
    # WRONG: LinkedIn members often put credentials or a suffix after their name, which the export keeps
    # in "Last Name" ("Okafor, MPH"; "Whitfield, Jr."). The first note then opens "Hi MPH," - the "Family,
    # Given" reading of a comma - in the draft the user is about to send to a stranger. RIGHT: "Hi Maya,".
    from import_samples import LINKEDIN_HEADER, LINKEDIN_PREAMBLE

    rows = ('Maya,"Okafor, MPH",https://www.linkedin.com/in/mayaokafor,maya@sunrise.example,Sunrise Movement,'
            'Field Organizer,14 Mar 2025\n'
            'Dana,"Whitfield, Jr.",https://www.linkedin.com/in/danawhitfield,dana@colorofchange.example,'
            'Color Of Change,Organizing Director,30 Oct 2024\n')
    csv_file = write(tmp_path, "Connections.csv", (LINKEDIN_PREAMBLE + LINKEDIN_HEADER + rows).encode())
    assert mailbox.run(capsys, "contacts", "import", csv_file)[0] == 0
    code, out, _ = mailbox.run(capsys, "outreach", "Maya", "Dana", my_pitch=PITCH)
    assert code == 0 and out.count("drafted a first note") == 2, out
    drafts = mailbox.drafts_by_recipient()
    assert drafts["maya@sunrise.example"].startswith("Hi Maya,"), drafts["maya@sunrise.example"][:30]
    assert drafts["dana@colorofchange.example"].startswith("Hi Dana,"), drafts["dana@colorofchange.example"][:30]


def test_a_first_note_to_an_internationalised_domain_has_a_broken_to_header(mailbox, capsys, tmp_path):
    # WRONG: `contacts add` accepts jonas@müller.example (an IDN domain, common for European contacts), and
    # `outreach` drafts To: ... <jonas@=?utf-8?q?m=C3=BCller?=.example>: an RFC 2047 encoded word inside the
    # addr-spec, which no client decodes there - the draft is addressed to a mailbox that does not exist,
    # while the command reports "drafted a first note". RIGHT: the domain written as IDNA
    # (jonas@xn--mller-kva.example) or as UTF-8, or the contact refused with the reason; never an encoded
    # word in an address.
    assert mailbox.run(capsys, "contacts", "add", "Jonas Müller", "jonas@müller.example")[0] == 0
    code, out, _ = mailbox.run(capsys, "outreach", "Jonas", my_pitch=PITCH)
    assert code == 0
    if "drafted a first note" not in out:
        return  # refused with its reason: right too
    (raw,) = mailbox.messages("Drafts")
    to_line = next(line for line in raw.decode("utf-8", "replace").split("\r\n") if line.startswith("To:"))
    assert "=?" not in to_line.partition("<")[2], to_line
