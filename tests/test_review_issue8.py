"""Review of issue 8 (the weekly summary): bugs, each shown by a test that fails until it is fixed.

Everything runs against the real Dovecot of the test suite: mail is APPENDed, read by a real
cycle, the conversation is logged with the commands a user types, and the summary is gathered,
rendered or delivered by the project's own functions.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
from corpus import ME, bounce, mail
from test_smtp import Handler, certificates, starttls_server  # noqa: F401 (a fixture)
from test_summary import inbox_summaries

from daemon.contact_log import week as week_log
from daemon.contact_log.schema import Summary
from daemon.contact_log.store import Store
from daemon.writing import delivery, summary

OUTREACH = ("Hi {first},\n\nI'm a community organizer moving into policy work, and your path really stands out "
            "to me. Would you be open to a 20 minute chat in the next few weeks?\n\nThanks,\nJordan")


def outreach(mailbox, name: str, address: str, when: datetime, message_id: str, subject: str = "Coffee?") -> None:
    mailbox.append("Sent", mail(sender=ME, to=f'"{name}" <{address}>', subject=subject, when=when,
                                message_id=message_id, body=OUTREACH.format(first=name.split()[0])),
                   flags=(b"\\Seen",))


def reply(mailbox, name: str, address: str, when: datetime, to_id: str, subject: str = "Re: Coffee?") -> None:
    mailbox.append("INBOX", mail(sender=f"{name} <{address}>", to=ME, subject=subject, body="Happy to talk!",
                                 when=when, in_reply_to=to_id, references=to_id))


def gathered(mailbox, now: datetime, **settings: str):
    store = Store(str(mailbox.database))
    try:
        return week_log.gather(store, mailbox.settings(timezone="UTC", **settings), now)
    finally:
        store.close()


def subject_weeks(mailbox) -> list[int]:
    return [int(re.search(r"coffeechat week (\d+)", str(message["Subject"])).group(1))
            for message, _ in inbox_summaries(mailbox)]


# --- what the summary says -------------------------------------------------------------------------


def test_html_lists_the_introductions_waiting_for_an_address_it_counts(mailbox, capsys, tmp_path):
    """Bug: Week.waiting_on_you counts `find_address` (people suggested to the user, with no address yet), and
    the text part lists them under "Introductions waiting for an address", but summary.html.j2 never renders
    week.find_address. The HTML (what every mail app shows) says "1 thing to do" in the "Waiting on you" card
    and then lists nothing: the user is told something waits on them and never learns what, nor the
    `contacts edit ... --add-address` command that would unlock the warm introduction."""
    for args in (("contacts", "add", "Sam Chen", "sam@campaign.example"),
                 ("note", "sam@campaign.example", "--to-connect", "Bo Lind (Working Families)")):
        code, out, err = mailbox.run(capsys, *args, timezone="UTC")
        assert code == 0, (args, err)
    page = tmp_path / "summary.html"
    code, out, err = mailbox.run(capsys, "summary", "--preview", "--html", str(page), timezone="UTC")
    assert code == 0, err
    assert "Introductions waiting for an address" in out and "find their address" in out  # the text part has it
    html = page.read_text()
    assert "1 thing to do" in html                      # the HTML counts it ...
    assert "find their address" in html                 # ... and must say what it is


def test_html_of_a_quiet_week_does_not_deny_the_new_people_it_has(mailbox, capsys, tmp_path):
    """Bug: in a quiet week (nothing sent, no replies, no meetings) the HTML's card says "No replies, meetings
    or new people this week" and has no "New people" list, even when the user added people this week; the
    text part of the same message lists them under "New people (1)". A user who spent the week building their
    list (adding or importing contacts) is told in the HTML that they added nobody, and the header's own
    "new people" count is hidden. summary.html.j2: the quiet-week branch must list week.new_contacts and not
    claim there were none."""
    now = datetime.now(timezone.utc)
    outreach(mailbox, "Maria López", "maria@progressive.example", now - timedelta(days=40), "<o-maria@example.org>")
    mailbox.sync(now)   # some history: not a brand-new user's first summary
    code, out, err = mailbox.run(capsys, "contacts", "add", "Robin Ortiz", "robin@union.example",
                                 "--relationship", "core", timezone="UTC")
    assert code == 0, err
    page = tmp_path / "summary.html"
    code, out, err = mailbox.run(capsys, "summary", "--preview", "--html", str(page), timezone="UTC")
    assert code == 0, err
    assert "A QUIET WEEK" in out and "New people (1)" in out and "Robin Ortiz: added to your log" in out
    html = page.read_text()
    assert "or new people this week" not in html, "the HTML says there were no new people"
    assert "New people" in html


def test_the_strip_bar_called_this_week_holds_the_week_the_summary_reports(mailbox):
    """Bug: the summary sent at its default time, Monday 08:00, reports the seven days before (replies,
    meetings, the funnel's "this week" column), but the 12-week strip marks the ISO week that began eight hours
    earlier as "this week" (text: "(this week)", HTML: "This week (shaded): 0 sent, 0 replies, 0 meetings").
    The same message says "1 reply" in its subject, header and funnel and "This week: 0 replies" under the
    strip, every single Monday. contact_log/week.py `_Reading.strip` must end its current bar with the period
    the summary covers (or label the bars so "this week" means one thing)."""
    real_now = datetime.now(timezone.utc)
    monday = (real_now - timedelta(days=7 + real_now.weekday())).replace(hour=8, minute=0, second=0, microsecond=0)
    outreach(mailbox, "Maria López", "maria@progressive.example", monday - timedelta(days=9), "<o-maria@example.org>")
    reply(mailbox, "Maria López", "maria@progressive.example", monday - timedelta(days=5), "<o-maria@example.org>")
    mailbox.sync(monday)
    week = gathered(mailbox, monday, summary_at="monday 08:00")
    assert [line.who for line in week.replies] == ["Maria López"]
    assert week.subject().startswith(f"coffeechat week {monday.isocalendar()[1]}: 1 reply")
    assert {stage.name: stage.week for stage in week.funnel}["replied"] == 1
    text, html = summary.render(week, None)
    shaded = re.search(r"\(shaded\): ([^<]*)", html)
    assert shaded is None or "1 reply" in shaded.group(1), f"HTML under the strip: {shaded.group(0)!r}"
    current = re.search(r"(\d+) / +(\d+) / +(\d+) +\(this week\)", text)
    assert current is None or current.group(2) == "1", f"text part's strip: {current.group(0)!r}"


def test_a_catch_up_summary_reports_what_happened_since_the_last_one(mailbox):
    """Bug: a week's summary covers the seven days before the moment it is sent (`since = now - 7 days`),
    not the time since the last summary. When a Monday is missed (the laptop was shut) and the summary goes
    out at the next start, say Wednesday, everything between last Monday's summary and last Wednesday is in
    no summary at all: here an outreach that bounced the day after the previous summary is never reported
    ("addresses that bounced and why"), so the user never learns that Alex Kim's address is dead. (Meetings
    held and replies in that gap vanish the same way; a late summary followed by a punctual one reports days
    twice.) contact_log/week.py `_Reading.__init__` should start at the previous summary's moment."""
    now = datetime.now(timezone.utc).replace(microsecond=0)
    previous = now - timedelta(days=9)   # last week's summary, on time; this one is a catch-up two days late
    outreach(mailbox, "Alex Kim", "alex@oldcampaign.example", now - timedelta(days=12), "<o-alex@example.org>")
    mailbox.append("INBOX", bounce(failed="alex@oldcampaign.example", original_subject="Coffee?",
                                   when=now - timedelta(days=8)))
    mailbox.sync(now)
    settings = mailbox.settings(timezone="UTC")
    store = Store(str(mailbox.database))
    try:
        before = week_log.gather(store, settings, previous)
        assert before.bounces == ()                        # it had not bounced yet when last week's went out
        assert delivery.send(settings, store, previous).delivered
        week = week_log.gather(store, settings, now)
    finally:
        store.close()
    assert [line.who for line in week.bounces] == ["Alex Kim"], "the bounce is in no summary"


def test_one_person_whose_mail_bounced_twice_is_one_bounce_line(mailbox):
    """Bug: `_Reading.bounces` makes one line per bounce *event*, so a person whose outreach bounced and who
    was written to again (the user thought it a glitch) and bounced again is listed twice under "Bounced (2)",
    with the same words, while replies are counted per person. The count is wrong and the list reads as two
    dead addresses. One line per contact, with the latest reason."""
    now = datetime.now(timezone.utc).replace(microsecond=0)
    outreach(mailbox, "Alex Kim", "alex@oldcampaign.example", now - timedelta(days=6), "<o-alex@example.org>")
    mailbox.append("INBOX", bounce(failed="alex@oldcampaign.example", original_subject="Coffee?",
                                   when=now - timedelta(days=6) + timedelta(minutes=5)))
    mailbox.sync(now - timedelta(days=5))
    outreach(mailbox, "Alex Kim", "alex@oldcampaign.example", now - timedelta(days=3), "<o-alex-2@example.org>",
             subject="Coffee? (trying again)")
    mailbox.append("INBOX", bounce(failed="alex@oldcampaign.example", original_subject="Coffee? (trying again)",
                                   when=now - timedelta(days=3) + timedelta(minutes=5)))
    mailbox.sync(now)
    week = gathered(mailbox, now)
    assert [line.who for line in week.bounces] == ["Alex Kim"]


# --- delivery: one per ISO week, ever ----------------------------------------------------------------


def test_a_summary_left_unfinished_last_week_does_not_make_two_summaries_of_this_week(mailbox):
    """Bug: delivery._deliver(finishing=True) re-gathers an interrupted summary "as it is now" under the old
    row. When the row was recorded last week (its delivery failed, or the machine went down mid-APPEND and was
    off until this week), the next send delivers this week's content, subject "coffeechat week N", as last
    week's summary, and then this week's own summary goes out too: two "week N" summaries in INBOX, the same
    week reported twice. The finished one must be last week's (gathered at its own moment) or be given up."""
    now = datetime.now(timezone.utc).replace(microsecond=0)
    last_week = now - timedelta(days=7)
    outreach(mailbox, "Maria López", "maria@progressive.example", now - timedelta(days=20), "<o-maria@example.org>")
    mailbox.sync(now)
    settings = mailbox.settings(timezone="UTC")
    store = Store(str(mailbox.database))
    try:
        with pytest.raises(Exception, match="port|connect|refused"):
            delivery.send(mailbox.settings(timezone="UTC", imap_port="1"), store, last_week)  # recorded, not sent
        assert [(row.week, row.state) for row in Summary.select()] == [(delivery.week_of(last_week, settings.zone),
                                                                         "intended")]
        delivery.send(settings, store, now)      # finishes last week's
        delivery.send(settings, store, now)      # this week's
    finally:
        store.close()
    weeks = subject_weeks(mailbox)
    assert len(weeks) == len(set(weeks)), f"summaries in INBOX for weeks {weeks}"


def test_a_summary_recorded_for_smtp_is_finished_after_smtp_is_switched_off(mailbox, capsys, certificates):  # noqa: F811
    """Bug: a summary whose SMTP delivery failed stays recorded with via="smtp"; delivery._deliver then calls
    smtp.send(settings.smtp, ...) even when the user has since removed COFFEECHAT_SMTP_* (the obvious reaction
    to "the SMTP server refused the login": deliver to INBOX instead). settings.smtp is None, so every later
    `summary --send` dies with AttributeError ('NoneType' object has no attribute 'password'), a traceback, not
    a line; in the daemon the AttributeError escapes _summary and _guarded_cycle, the daemon exits 1 and systemd
    restarts it into the same crash, every cycle. The unfinished row must be finished by the way the settings
    now say (INBOX), or fail with one line."""
    outreach(mailbox, "Maria López", "maria@progressive.example", datetime.now(timezone.utc) - timedelta(days=3),
             "<o-maria@example.org>")
    mailbox.sync(datetime.now(timezone.utc))
    handler = Handler()
    with starttls_server(handler, certificates) as port:
        smtp = {"smtp_host": "localhost", "smtp_port": str(port), "smtp_tls": "starttls", "smtp_user": ME,
                "smtp_ca_file": str(certificates.cert), "timezone": "UTC"}
        code, out, err = mailbox.run(capsys, "summary", "--send", smtp_password="wrong-secret", **smtp)
        assert code == 1 and "refused the login" in err
    try:
        code, out, err = mailbox.run(capsys, "summary", "--send", timezone="UTC")   # SMTP settings removed
    except AttributeError as e:
        pytest.fail(f"summary --send crashed: AttributeError: {e}")
    assert code == 0, err
    assert len(inbox_summaries(mailbox)) == 1
