"""A real person's Sent folder against a real Dovecot: a year of ordinary mail beside the networking.

Mom, a friend, the landlord, a job application, the bank, a volunteers list and a former
colleague each got a message nine days ago that went unanswered, as did five networking
notes written the way people write them. Only the five may get a follow-up.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone

from corpus import ME, NOW, days_ago, mail

FRIENDS = {  # address -> (name, earlier messages over the year, the unanswered one)
    "mom@family.example": ("Mom", 24, ("Sunday", "Hi Mom, want to get coffee after church on Sunday? Love you")),
    "ines@gmail.example": ("Inés Ortega", 16, ("coffee?", "Coffee Saturday? It's been forever.")),
    "r.alvarez@gmail.example": ("Ray Alvarez", 6, (
        "Lease", "Hi Mr. Alvarez, our lease is up in January. Would you be open to a 12-month renewal?")),
    "jobs@greenleaf.example": ("Greenleaf Campaigns", 0, (
        "Field Organizer application", "Hello, I'd love to learn more about your team. Attached is my resume "
        "for the Field Organizer role.")),
    "support@bank.example": ("Bank Support", 2, (
        "Card declined", "Hi, could you tell me why my card was declined? Happy to hop on a call.")),
    "volunteers@campaign.example": ("", 4, ("Canvass", "I can do a two-hour shift and would love to chat.")),
    "ana@oldjob.example": ("Ana Ruiz", 12, (
        "Quick question", "Hi Ana, do you remember where we saved the grant report numbers?")),
}
NETWORKING = {  # address -> (name, subject, body, Cc)
    "dana@union.example": ("Dana Brooks", "Hello from a fellow organizer",
                           "Hi Dana,\n\nWould you have time for a short call? I'd love to hear how you got started "
                           "in labor organizing.\n\nThanks,\nJordan", None),
    "sam@policy.example": ("Sam Chen", "Mei Chen suggested I get in touch",
                           "Hi Sam,\n\nMei Chen suggested I get in touch. I'm moving from field work into policy. "
                           "Could we find 20 mins to connect?\n\nBest,\nJordan", "Mei Chen <mei@coalition.example>"),
    "okoro@senate.example": ("Adaeze Okoro", "Advice on breaking into policy",
                             "Dear Ms. Okoro,\n\nI'd be grateful for any advice and, if you have time, a brief "
                             "conversation.\n\nJordan Rivera", None),
    "amara@health.example": ("Dr. Amara Okafor", "Your path into public health policy",
                             "I'm a community organizer moving into health policy, and I'd love to hear how you "
                             "got started. Would you have 15 minutes for a quick call?\n\nJordan", None),
    "tanaka@jichiro.example": ("田中 太郎", "Informational interview?",
                               "I'm researching public-sector unions in Japan and the US. Would you be open to a "
                               "30-minute Zoom?\n\nJordan Rivera", None),
}


def seed_year(mailbox, now: datetime = NOW) -> None:
    """A year of back-and-forth with friends and family, then the nine-day-old unanswered messages."""
    for address, (name, earlier, (subject, body)) in FRIENDS.items():
        them = f"{name} <{address}>" if name else address
        for n in range(earlier):
            when = days_ago(360 - n * (330 // max(earlier, 1)), now)
            if n % 2:
                mailbox.append("INBOX", mail(sender=them, to=ME, subject=f"Re: note {n}", body="Sounds good!",
                                             when=when), when=when)
            else:
                mailbox.append("Sent", mail(sender=ME, to=them, subject=f"note {n}", body="How are you?",
                                            when=when), when=when)
        mailbox.append("Sent", mail(sender=ME, to=them, subject=subject, body=body, when=days_ago(9, now)),
                       when=days_ago(9, now))
    for address, (name, subject, body, cc) in NETWORKING.items():
        mailbox.append("Sent", mail(sender=ME, to=f"{name} <{address}>", subject=subject, body=body, cc=cc,
                                    when=days_ago(9, now), message_id=f"<o-{address}>"), when=days_ago(9, now))
    # The introducer answers all ("so glad you two are connecting!"): that is not Sam's answer.
    mailbox.append("INBOX", mail(sender="Mei Chen <mei@coalition.example>", to=f"{ME}, Sam Chen <sam@policy.example>",
                                 subject="Re: Mei Chen suggested I get in touch", when=days_ago(8, now),
                                 body="So glad you two are connecting!", in_reply_to="<o-sam@policy.example>",
                                 references="<o-sam@policy.example>"))
    mailbox.append("INBOX", mail(sender="Progressive Weekly <news@progressive.example>", to=ME,
                                 subject="Would you be open to a 20 minute chat with our editors?",
                                 headers={"List-Id": "<weekly.progressive.example>"}, when=days_ago(5, now)))


def drafts_by_recipient(mailbox) -> dict[str, str]:
    return mailbox.drafts_by_recipient()


def run(mailbox, capsys, *args: str, **overrides: str) -> tuple[int, str, str]:
    return mailbox.run(capsys, *args, **overrides)


def test_only_networking_gets_a_follow_up_in_a_real_sent_folder(mailbox, capsys):
    seed_year(mailbox)
    out = mailbox.sync(NOW)
    drafts = drafts_by_recipient(mailbox)
    assert sorted(drafts) == sorted(NETWORKING), out
    assert drafts["dana@union.example"].startswith("Hi Dana,\n")
    assert drafts["okoro@senate.example"].startswith("Dear Ms. Okoro,\n")          # her greeting, as written
    assert drafts["amara@health.example"].startswith("Hi Amara,\n")                # the title dropped
    assert drafts["tanaka@jichiro.example"].startswith("Hi 田中 太郎,\n")            # family name first, whole
    assert "Would you have 15 minutes for a call in the next few weeks?" in drafts["amara@health.example"]
    assert "30 minutes for a video call" in drafts["tanaka@jichiro.example"]
    assert "20 minutes for a call in" in drafts["sam@policy.example"]              # the introducer's reply-all
    code, listed, _ = run(mailbox, capsys, "contacts", "export", "--format", "json")
    assert sorted(row["email"] for row in json.loads(listed)) == sorted(NETWORKING)
    assert {row["status"] for row in json.loads(listed)} == {"awaiting_reply"}
    # Idempotent: another cycle reads nothing new and drafts nothing.
    again = mailbox.sync(NOW)
    assert "Read 0 new messages" in again and "Nothing is due." in again
    assert len(mailbox.messages("Drafts")) == len(NETWORKING)


def test_explain_says_why_each_sent_message_counted_or_not(mailbox, capsys):
    seed_year(mailbox)
    code, out, err = run(mailbox, capsys, "sync", "--dry-run", "--explain", "--now", NOW.isoformat())
    assert (code, err) == (0, "")
    explained = out[out.index("Why each of the"):]
    lines = explained.splitlines()
    mom = lines.index(next(line for line in lines if "Mom <mom@family.example>: \"Sunday\"" in line))
    assert lines[mom].endswith("-> not outreach")
    assert lines[mom + 1] == "      - you have exchanged 24 emails with them, so it takes a clearer ask"
    jobs = next(i for i, line in enumerate(lines) if "jobs@greenleaf.example" in line)
    assert lines[jobs].endswith("-> not outreach") and lines[jobs + 1] == "      - goes to jobs@, not a person"
    dana = next(i for i, line in enumerate(lines) if "dana@union.example" in line)
    assert lines[dana].endswith('"Hello from a fellow organizer" -> outreach')
    assert lines[dana + 1] == '      - asks for a conversation: "would you have time for a short call"'
    assert len(mailbox.messages("Drafts")) == 0 and not mailbox.database.exists()  # a dry run wrote nothing


def test_ignore_stops_tracking_for_good_and_leaves_drafts_alone(mailbox, capsys):
    seed_year(mailbox)
    mailbox.sync(NOW)
    code, out, _ = run(mailbox, capsys, "contacts", "ignore", "Dana")
    assert code == 0
    assert out == ("Ignoring Dana Brooks <dana@union.example>: removed from the contact log, and mail with them is "
                   "never tracked again. A draft for them still waits in your Drafts folder: delete it if you do "
                   "not want to send it.\n")
    assert "dana@union.example" in drafts_by_recipient(mailbox)  # never deleted
    # Her reply and a new note to her change nothing; no contact comes back.
    mailbox.append("INBOX", mail(sender="Dana Brooks <dana@union.example>", to=ME, subject="Re: Hello",
                                 in_reply_to="<o-dana@union.example>", when=days_ago(1)))
    mailbox.append("Sent", mail(sender=ME, to="Dana Brooks <dana@union.example>", subject="Informational interview?",
                                body="Would you have 20 minutes for a call?", when=days_ago(1)))
    assert "Nothing is due." in mailbox.sync(NOW)
    code, listed, _ = run(mailbox, capsys, "contacts", "list")
    assert "dana@union.example" not in listed
    assert run(mailbox, capsys, "contacts", "ignore", "nobody-by-that-name") == (
        2, "", "coffeechat: no contact matches 'nobody-by-that-name': give an email address, a contact id, or part "
               "of a name ('coffeechat contacts list' shows them)\n")


def test_the_ignore_setting_keeps_addresses_and_domains_out(mailbox, capsys):
    seed_year(mailbox)
    mailbox.sync(NOW, ignore="amara@health.example,senate.example")
    assert sorted(drafts_by_recipient(mailbox)) == ["dana@union.example", "sam@policy.example",
                                                    "tanaka@jichiro.example"]


def test_confirm_mode_drafts_only_for_outreach_the_user_accepts(mailbox, capsys):
    mailbox.append("Sent", mail(sender=ME, to="Dana Brooks <dana@union.example>", subject="Hello from an organizer",
                                body=NETWORKING["dana@union.example"][2], when=days_ago(9)))
    mailbox.append("Sent", mail(sender=ME, to="Sam Chen <sam@policy.example>", subject="Coffee?",
                                body="Would you be up for a coffee chat next week?", when=days_ago(9)))
    out = mailbox.sync(NOW, outreach_mode="confirm")
    assert "2 outreach messages wait for your confirmation before any follow-up: run 'coffeechat review'." in out
    assert mailbox.messages("Drafts") == []
    code, listed, _ = run(mailbox, capsys, "review", outreach_mode="confirm")
    assert listed.splitlines()[1] == '  [1] Dana Brooks <dana@union.example>, 2026-11-15: "Hello from an organizer"'
    code, rows, _ = run(mailbox, capsys, "review", "--json")
    assert [(r["id"], r["email"]) for r in json.loads(rows)] == [(1, "dana@union.example"), (2, "sam@policy.example")]
    assert run(mailbox, capsys, "review", "--accept", "7") == (
        2, "", "coffeechat: no outreach waiting for review has id 7: waiting ids are 1, 2\n")
    code, out, _ = run(mailbox, capsys, "review", "--accept", "1", "--ignore", "2")
    assert out.splitlines() == [
        "Tracking Dana Brooks <dana@union.example>: a follow-up is drafted when one is due.",
        "Ignoring Sam Chen <sam@policy.example>: removed from the contact log, and mail with them is never "
        "tracked again.",
    ]
    mailbox.sync(NOW, outreach_mode="confirm")
    assert sorted(drafts_by_recipient(mailbox)) == ["dana@union.example"]
    nothing = "Nothing waits for review: new outreach gets its follow-ups on its own.\n"
    assert run(mailbox, capsys, "review")[1] == nothing


def test_ctrl_c_during_a_sync_says_what_was_already_done(mailbox):
    now = datetime.now(timezone.utc)
    for n in range(150):
        mailbox.append("Sent", mail(sender=ME, to=f"Person {n} <p{n}@org{n}.example>", subject="Informational chat?",
                                    body="Would you have 20 minutes for a call?", when=days_ago(9, now)))
    env_file = mailbox.database.parent / "coffeechat.env"
    env_file.write_text("".join(f"{k}={v}\n" for k, v in mailbox.values().items()))
    command = [sys.executable, "-m", "daemon", "--env-file", str(env_file), "sync"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(mailbox.messages("Drafts")) < 3:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    placed = len(mailbox.messages("Drafts"))
    reported = sum(line.startswith("Drafted follow-up") for line in out.splitlines())
    assert process.returncode == 130, err
    assert 3 <= placed < 150 and reported in (placed, placed - 1)  # the one being placed at the signal may be unsaid
    assert out.rstrip().endswith("Stopped (Ctrl-C) before the cycle finished: what is listed above was done; "
                                 "the next sync does the rest, and nothing is drafted twice.")
    subprocess.run(command, check=True, capture_output=True)
    assert len(mailbox.messages("Drafts")) == 150


def test_borderline_outreach_waits_for_the_users_yes_even_in_auto_mode(mailbox, capsys):
    mailbox.append("Sent", mail(sender=ME, to="Robin Diaz <robin@advocacy.example>", subject="Hello",
                                body="Hi Robin,\n\nWould you be open to a quick call next week?\n\nJordan",
                                when=days_ago(9)))
    out = mailbox.sync(NOW)
    assert "1 outreach message waits for your confirmation before any follow-up" in out
    assert mailbox.messages("Drafts") == []
    code, listed, _ = run(mailbox, capsys, "review")
    assert listed.splitlines()[2] == "        - borderline: it waits for your confirmation in coffeechat review"
    run(mailbox, capsys, "review", "--accept", "1")
    mailbox.sync(NOW)
    assert list(drafts_by_recipient(mailbox)) == ["robin@advocacy.example"]


def test_history_read_in_earlier_cycles_still_tells_a_friend_from_a_stranger(mailbox, capsys):
    ines = "Inés Ortega <ines@gmail.example>"
    for n in range(8):  # months of ordinary mail, read by an earlier cycle
        when = days_ago(200 - n * 20)
        if n % 2:
            mailbox.append("INBOX", mail(sender=ines, to=ME, subject=f"Re: note {n}", body="Sounds good!", when=when))
        else:
            mailbox.append("Sent", mail(sender=ME, to=ines, subject=f"note {n}", body="How are you?", when=when))
    mailbox.sync(days_ago(30))
    mailbox.append("Sent", mail(sender=ME, to=ines, subject="Quick call?",
                                body="Would you have 15 minutes for a call this week?", when=days_ago(9)))
    mailbox.append("Sent", mail(sender=ME, to="Robin Diaz <robin@advocacy.example>", subject="Quick call?",
                                body="Would you have 15 minutes for a call about your path?", when=days_ago(9)))
    mailbox.sync(NOW)
    assert list(drafts_by_recipient(mailbox)) == ["robin@advocacy.example"]
