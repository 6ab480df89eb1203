"""End to end on the real Dovecot: one report naming two contacts, a delay warning, a French out-of-office.

Outreach to Bea, then to Abe with Bea copied; Office 365 returns that message for both.
Cal's server only says it is still trying. Dominique answers "de retour le 3 décembre".
After one sync: Abe and Bea bounced, each with the reason and the status code, and what to
do next; Cal untouched (still awaiting a reply, follow-up due as usual); Dominique's
follow-up waits until December 3.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from corpus import days_ago, mail
from test_story import NOW, coffeechat, drafts_in, exported

ME = "Jordan Rivera <jordan@example.org>"
HERE = Path(__file__).parent / "data" / "mail_shapes" / "e2e"


def outreach(to: str, subject: str, days: float, message_id: str, cc: str | None = None) -> bytes:
    first = to.split()[0]
    return mail(sender=ME, to=to, cc=cc, subject=subject, when=days_ago(days), message_id=message_id,
                body=f"Hi {first},\n\nI'm a community organizer moving into policy work, and your career path "
                     "really stands out to me. Would you be open to a 20 minute chat in the next few weeks?\n\n"
                     "Thanks,\nJordan")


@pytest.fixture
def reports(mailbox):
    sent = [
        outreach("Bea Ochoa <bea@tenants.example>", "Your path into housing policy", 8, "<o-bea@example.org>"),
        outreach("Abe Lindqvist <abe@tenants.example>", "Coffee chat about tenant organizing?", 6,
                 "<o-abe@example.org>", cc="Bea Ochoa <bea@tenants.example>"),
        outreach("Cal Mendez <cal@unionhall.example>", "Your path into labor organizing", 8, "<o-cal@example.org>"),
        outreach("Dominique Roux <dominique@mairie.example>", "Un café pour parler de votre parcours ?", 8,
                 "<o-dominique@example.org>"),
    ]
    for raw in sent:
        mailbox.append("Sent", raw)
    for name in ("o365-two-contacts.eml", "exim-delay.eml", "exchange-ooo-french.eml"):
        mailbox.append("INBOX", (HERE / name).read_bytes())
    return mailbox


def test_a_report_naming_two_contacts_bounces_both_and_a_delay_changes_nothing(reports, capsys):
    reports.sync(NOW)
    rows = exported(reports, capsys)
    assert {a: rows[a]["status"] for a in rows} == {
        "bea@tenants.example": "bounced", "abe@tenants.example": "bounced",
        "cal@unionhall.example": "awaiting_reply", "dominique@mairie.example": "awaiting_reply"}
    # Hard: the address is wrong; soft: this message did not get through.
    assert rows["abe@tenants.example"]["next_action"] == "find a working address"
    assert rows["bea@tenants.example"]["next_action"] == "try again in a few days, or another address"
    # The delay left Cal's follow-up as it was: drafted now (8 days), like anyone unanswered.
    assert rows["cal@unionhall.example"]["next_action"] == "send the follow-up waiting in Drafts"
    # Dominique is away: the follow-up waits for her return.
    assert rows["dominique@mairie.example"]["next_action"] == "follow up"
    assert rows["dominique@mairie.example"]["next_action_due"] == "2026-12-03T00:00:00+00:00"
    drafted = sorted(d["To"].addresses[0].addr_spec for d in drafts_in(reports))
    assert drafted == ["cal@unionhall.example"]

    abe = coffeechat(reports, capsys, "contacts", "show", "abe@tenants.example")
    assert "bounced: abe@tenants.example: no such mailbox (the address may have changed) (5.1.10)" in abe
    assert "Next: find a working address" in abe
    bea = coffeechat(reports, capsys, "contacts", "show", "bea@tenants.example")
    assert "bounced: bea@tenants.example: their mailbox is full (5.2.2)" in bea
    assert "Next: try again in a few days, or another address" in bea
    cal = coffeechat(reports, capsys, "contacts", "show", "cal@unionhall.example")
    assert "delivery delayed" in cal and "bounced" not in cal

    summary = coffeechat(reports, capsys, "summary", "--preview", "--now", NOW)
    assert "abe@tenants.example bounced: no such mailbox (the address may have changed) (5.1.10): " \
           "find a working address" in summary
    assert "bea@tenants.example bounced: their mailbox is full (5.2.2): try again in a few days, or another address" \
           in summary


def test_the_report_is_counted_once_however_often_it_is_read(reports, capsys):
    reports.sync(NOW)
    first = json.loads(coffeechat(reports, capsys, "contacts", "export", "--format", "json"))
    reports.sync("2026-11-24T10:00:00+00:00")
    again = json.loads(coffeechat(reports, capsys, "contacts", "export", "--format", "json"))
    assert first == again
    timeline = coffeechat(reports, capsys, "contacts", "show", "bea@tenants.example")
    assert timeline.count("bounced: bea@tenants.example") == 1
