"""The demo behind `make run` without a .env, shown on the suite's Dovecot."""

from __future__ import annotations

from daemon import demo


def test_demo_shows_contacts_tracked_and_a_draft_placed(mailbox, tmp_path, capsys):
    assert demo.show(mailbox.server, tmp_path, once=True, user=mailbox.user) == 0
    out = capsys.readouterr().out
    assert "Read 12 new messages (Sent 6, INBOX 6)." in out
    assert "Drafted follow-up (attempt 2) to Maria López <maria@progressive.example>" in out
    assert "Alex Kim <alex@oldcampaign.example>      bounced" in out
    assert "Meeting with Sam Chen <sam@campaign.example> on" in out
    assert "Drafted thank-you to Sam Chen <sam@campaign.example>: Re: Quick chat about field organizing" in out
    assert "Sam Chen <sam@campaign.example>          met" in out
    assert "Priya Natarajan <priya@union.example>    awaiting_reply  cold  follow up" in out
    assert "cp config.example.env .env" in out
    assert "mom@family.example" not in out.split("Contacts it now tracks:")[1].split("In Drafts")[0]
    assert len(mailbox.messages("Drafts")) == 2
