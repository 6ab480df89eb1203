"""The weekly summary: what it says about a real-looking week, delivery to INBOX exactly once, escaping.

A test user's mailbox on the real Dovecot is seeded with a week of a job search beside
ordinary mail (Mom, the landlord, a job application, a newsletter), one real cycle reads
it, the conversation is logged with the commands a user types, and then the summary is
previewed and sent as a user would.
"""

from __future__ import annotations

import email
import email.policy
from datetime import datetime, timedelta, timezone

import pytest
from corpus import ME, bounce, mail

from daemon.contact_log import week as week_log
from daemon.contact_log.schema import Summary
from daemon.contact_log.store import Store
from daemon.writing import delivery

OUTREACH = ("Hi {first},\n\nI'm a community organizer moving into policy work, and your path really stands out "
            "to me. Would you be open to a 20 minute chat in the next few weeks?\n\nThanks,\nJordan")
HOSTILE = "<script>alert(1)</script>"


def seed_week(mailbox, now: datetime) -> None:
    def ago(days: float) -> datetime:
        return now - timedelta(days=days)

    def outreach(name: str, address: str, subject: str, days: float, message_id: str) -> bytes:
        return mail(sender=ME, to=f'"{name}" <{address}>', subject=subject, when=ago(days), message_id=message_id,
                    body=OUTREACH.format(first=name.split()[0] if name[0].isalpha() else "there"))

    sent = [
        outreach("Maria López", "maria@progressive.example", "Informational interview?", 10, "<o-maria@example.org>"),
        outreach("Sam Chen", "sam@campaign.example", "Quick chat about field organizing", 9, "<o-sam@example.org>"),
        outreach("Alex Kim", "alex@oldcampaign.example", "Coffee?", 5, "<o-alex@example.org>"),
        outreach(HOSTILE, "kit@evil.example", "Learning about your work", 6, "<o-kit@example.org>"),
        outreach("Quinn Park", "quinn@network.example", "Quick chat?", 20, "<o-quinn@example.org>"),
        mail(sender=ME, to="Mom <mom@family.example>", subject="Sunday", when=ago(2),
             body="Hi Mom, want to get coffee on Sunday? Love, J"),
        mail(sender=ME, to="Dale Landlord <dale@rentals.example>", subject="Lease renewal", when=ago(3),
             body="Hi Dale, would you be open to a renewal at the same rent? Thanks, Jordan"),
        mail(sender=ME, to="jobs@bigorg.example", subject="Application: Field Organizer", when=ago(4),
             body="Dear hiring team, please find my resume attached for the Field Organizer role."),
    ]
    inbox = [
        mail(sender="Sam Chen <sam@campaign.example>", to=ME, subject="Re: Quick chat about field organizing",
             body="Happy to! How's Thursday?", when=ago(3), in_reply_to="<o-sam@example.org>",
             references="<o-sam@example.org>"),
        mail(sender=f'"{HOSTILE}" <kit@evil.example>', to=ME, subject="Re: Learning about your work",
             body="Sure, let's talk.", when=ago(1), in_reply_to="<o-kit@example.org>",
             references="<o-kit@example.org>"),
        mail(sender="Quinn Park <quinn@network.example>", to=ME, subject="Re: Quick chat?",
             body="Yes, happy to talk!", when=ago(15), in_reply_to="<o-quinn@example.org>",
             references="<o-quinn@example.org>"),
        bounce(failed="alex@oldcampaign.example", original_subject="Coffee?", when=ago(2)),
        mail(sender="Mom <mom@family.example>", to=ME, subject="Re: Sunday", body="Yes! 11am?", when=ago(1)),
        mail(sender="Dale Landlord <dale@rentals.example>", to=ME, subject="Re: Lease renewal",
             body="Let's talk next week.", when=ago(2)),
        mail(sender="Progressive Weekly <news@progressive.example>", to=ME, subject="This week in organizing",
             body="Read more...", when=ago(4), headers={"List-Id": "<weekly.progressive.example>"}),
    ]
    for raw in sent:
        mailbox.append("Sent", raw, flags=(b"\\Seen",))
    for raw in inbox:
        mailbox.append("INBOX", raw)


@pytest.fixture
def week(mailbox, capsys):
    """The seeded week, read by one real cycle, with a conversation held and one ahead (real time)."""
    now = datetime.now(timezone.utc).replace(microsecond=0)
    seed_week(mailbox, now)
    mailbox.sync(now)
    # Yesterday at 10:00, whatever the hour now: "now minus a day" late in the evening ends after midnight,
    # today, and a thank-you due today is not yet overdue.
    held = f"{(now - timedelta(days=1)):%Y-%m-%d} 10:00"
    ahead = (now + timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    for args in (("met", "sam@campaign.example", "--at", held),
                 ("note", "sam@campaign.example", "--to-read", "Rules for Radicals",
                  "--to-connect", "Ana Ruiz <ana@labor.example>", "--to-connect", "Bo Lind (Working Families)",
                  "--to-do", "Send Sam my one-pager"),
                 ("meeting", "quinn@network.example", "--at", ahead),
                 ("goal", "add", "Field organizer role by spring"),
                 ("contacts", "edit", "sam@campaign.example", "--goal", "Field organizer")):
        code, out, err = mailbox.run(capsys, *args, timezone="UTC")
        assert code == 0, (args, out, err)
    return mailbox


def inbox_summaries(mailbox) -> list[tuple[email.message.EmailMessage, tuple]]:
    with mailbox.client() as client:
        client.select_folder("INBOX", readonly=True)
        uids = client.search(["SUBJECT", "coffeechat week"])
        data = client.fetch(uids, ["BODY.PEEK[]", "FLAGS"]) if uids else {}
    return [(email.message_from_bytes(data[uid][b"BODY[]"], policy=email.policy.default), data[uid][b"FLAGS"])
            for uid in sorted(data)]


def test_the_week_names_replies_drafts_bounces_and_meetings_and_nobody_else(week):
    store = Store(str(week.database))
    try:
        gathered = week_log.gather(store, week.settings(timezone="UTC"), datetime.now(timezone.utc))
    finally:
        store.close()
    names = lambda lines: [line.who for line in lines]  # noqa: E731
    assert names(gathered.replies) == ["Sam Chen", HOSTILE]
    assert names(gathered.drafts_waiting) == ["Maria López"]           # her follow-up waits in Drafts
    assert names(gathered.to_schedule) == [HOSTILE]                    # Quinn's conversation is booked
    assert [(line.who, "no such mailbox" in line.what) for line in gathered.bounces] == [("Alex Kim", True)]
    assert names(gathered.meetings_held) == ["Sam Chen"]
    assert names(gathered.meetings_ahead) == ["Quinn Park"]
    assert "coffeechat prep" in gathered.meetings_ahead[0].what
    assert [(line.who, line.overdue) for line in gathered.thanks_due] == [("Sam Chen", True)]  # met yesterday
    assert [line.who for line in gathered.new_contacts if "suggested by Sam Chen" in line.what] == \
        ["Ana Ruiz", "Bo Lind (Working Families)"]
    assert [(line.who, line.what) for line in gathered.introductions] == [("Sam Chen", "led to 2: Ana Ruiz, Bo Lind")]
    assert [line.who for line in gathered.find_address] == ["Bo Lind (Working Families)"]
    assert dict(gathered.notes)["To read"][0].who == "Rules for Radicals"
    assert dict(gathered.notes)["To do"][0].who == "Send Sam my one-pager"
    assert [(g.text, g.contacts) for g in gathered.goals] == [("Field organizer role by spring", 1)]
    funnel = {stage.name: (stage.week, stage.ever) for stage in gathered.funnel}
    assert funnel == {"outreach": (2, 5), "replied": (2, 3), "met": (1, 1), "connected": (0, 0)}
    assert len(gathered.strip) == 12 and gathered.strip[-1].current
    assert sum(bar.replies for bar in gathered.strip) == 3 and sum(bar.meetings for bar in gathered.strip) == 1
    everyone = " ".join(line.who + line.what for section in (
        gathered.replies, gathered.drafts_waiting, gathered.to_schedule, gathered.bounces, gathered.new_contacts,
        gathered.quiet, gathered.due_next_week) for line in section)
    for stranger in ("Mom", "Dale", "jobs@", "Progressive Weekly"):
        assert stranger not in everyone
    assert not gathered.quiet_week
    assert gathered.subject().startswith(f"coffeechat week {datetime.now(timezone.utc).isocalendar()[1]}: 2 replies")


def test_preview_prints_the_text_and_writes_the_html_escaped_and_records_nothing(week, capsys, tmp_path):
    page = tmp_path / "summary.html"
    code, out, err = week.run(capsys, "summary", "--preview", "--html", str(page), timezone="UTC")
    assert code == 0, err
    assert out.startswith("Subject: coffeechat week ")
    assert "WAITING ON YOU" in out and "Maria López" in out and "Alex Kim" in out
    assert "Mom" not in out and "Dale" not in out
    html = page.read_text()
    assert HOSTILE not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html.lower()
    assert inbox_summaries(week) == []
    store = Store(str(week.database))
    try:
        assert Summary.select().count() == 0
    finally:
        store.close()


def test_send_puts_one_unread_multipart_summary_in_inbox_and_a_second_send_adds_nothing(week, capsys):
    code, out, err = week.run(capsys, "summary", "--send", timezone="America/New_York")
    assert code == 0, err
    assert "put in your INBOX, unread" in out
    [(message, flags)] = inbox_summaries(week)
    assert b"\\Seen" not in flags
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
    assert message["To"].addresses[0].addr_spec == "jordan@example.org"
    assert message["From"].addresses[0].addr_spec == "jordan@example.org"
    assert message["Date"].datetime.utcoffset() in (timedelta(hours=-5), timedelta(hours=-4))  # New York
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Sam Chen" in text and "Alex Kim" in text and "Maria López" in text and "Quinn Park" in text
    assert HOSTILE in text                      # plain text shows the name as written
    assert HOSTILE not in html and "&lt;script&gt;" in html

    code, out, err = week.run(capsys, "summary", "--send", timezone="America/New_York")
    assert code == 0 and "already delivered" in out and "--again" in out
    assert len(inbox_summaries(week)) == 1

    code, out, err = week.run(capsys, "summary", "--send", "--again", timezone="America/New_York")
    assert code == 0 and len(inbox_summaries(week)) == 2


def test_a_summary_recorded_but_not_delivered_is_finished_once(week, capsys):
    now = datetime.now(timezone.utc)
    broken = week.settings(imap_port="1", timezone="UTC")  # nothing listens there: recorded, then fails
    store = Store(str(week.database))
    try:
        with pytest.raises(Exception, match="port|connect|refused"):
            delivery.send(broken, store, now)
        assert [row.state for row in Summary.select()] == ["intended"]
        outcome = delivery.send_if_due(week.settings(timezone="UTC"), store, now)
        assert outcome is not None and outcome.delivered
        assert delivery.send_if_due(week.settings(timezone="UTC"), store, now + timedelta(minutes=5)) is None
        assert [row.state for row in Summary.select()] == ["delivered"]
    finally:
        store.close()
    assert len(inbox_summaries(week)) == 1


def test_a_summary_that_arrived_before_the_crash_is_not_sent_again(week):
    now = datetime.now(timezone.utc)
    settings = week.settings(timezone="UTC")
    store = Store(str(week.database))
    try:
        # As if the APPEND went through and the process died before marking it delivered.
        message = delivery._message(settings, store, now, "<coffeechat.crash@example.org>")
        week.append("INBOX", message.as_bytes())
        with store.transaction():
            Summary.create(week=delivery.week_of(now, settings.zone), message_id="<coffeechat.crash@example.org>",
                           created_at=now)
        outcome = delivery.send_if_due(settings, store, now)
        assert outcome is not None and "already arrived" in outcome.words
        assert [row.state for row in Summary.select()] == ["delivered"]
    finally:
        store.close()
    assert len(inbox_summaries(week)) == 1


def test_a_quiet_week_says_so_and_suggests_one_concrete_step(mailbox, capsys):
    for args in (("contacts", "add", "Robin Ortiz", "robin@union.example", "--relationship", "core"),
                 ("goal", "add", "Policy internship")):
        assert mailbox.run(capsys, *args)[0] == 0
    code, out, err = mailbox.run(capsys, "summary", "--preview")
    assert code == 0, err
    assert "a quiet week, and one next step" in out
    assert "A QUIET WEEK" in out and "Write to Robin Ortiz" in out


def test_preview_of_an_empty_log_still_reads_well(mailbox, capsys, tmp_path):
    assert mailbox.run(capsys, "contacts", "add", "Somebody")[0] == 0  # the log exists, nothing else
    code, out, err = mailbox.run(capsys, "summary", "--preview", "--html", str(tmp_path / "s.html"))
    assert code == 0, err
    assert "Nothing waits on you" in out and "A QUIET WEEK" in out
    assert "Add three people you would like to learn from" in out  # nobody to write to yet: the first step
    assert "Add three people you would like to learn from" in (tmp_path / "s.html").read_text()


@pytest.mark.parametrize("args, words", [
    (("--send", "--html", "x.html"), "--html FILE goes with --preview"),
    (("--preview", "--again"), "--again goes with --send"),
    (("--send", "--now", "2026-11-30T08:00"), "--now goes with --preview"),
])
def test_summary_options_that_do_not_go_together_are_refused(mailbox, capsys, args, words):
    assert mailbox.run(capsys, "contacts", "add", "Somebody")[0] == 0
    code, out, err = mailbox.run(capsys, "summary", *args)
    assert code == 2 and words in err
