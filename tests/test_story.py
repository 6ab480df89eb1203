"""The networking story end to end: a real Dovecot, the real SQLite log, the CLI to read the results.

Cycles run at fixed times through the same run_cycle the `sync` command calls (the
command's --now only previews); exports and draft listings go through the CLI itself.
"""

from __future__ import annotations

import email
import email.policy
import json

import pytest
from story import EXPECTED, NOT_CONTACTS, seed

from daemon import cli

NOW = "2026-11-24T09:00:00+00:00"


def coffeechat(mailbox, capsys, *args: str) -> str:
    env_file = mailbox.database.parent / "coffeechat.env"
    env_file.write_text("".join(f"{k}={v}\n" for k, v in mailbox.values().items()))
    code = cli.main(["--env-file", str(env_file), *args])
    out = capsys.readouterr().out
    assert code == 0, out
    return out


def exported(mailbox, capsys) -> dict[str, dict]:
    rows = json.loads(coffeechat(mailbox, capsys, "contacts", "export", "--format", "json"))
    return {row["email"]: row for row in rows}


def drafts_in(mailbox) -> list[email.message.EmailMessage]:
    return [email.message_from_bytes(raw, policy=email.policy.default) for raw in mailbox.messages("Drafts")]


@pytest.fixture
def story(mailbox):
    seed(mailbox)
    return mailbox


def test_first_sync_leaves_exactly_the_right_drafts_and_statuses(story, capsys):
    out = story.sync(NOW)
    contacts = exported(story, capsys)
    assert {k: (v["status"], v["attempts"]) for k, v in contacts.items()} == {
        k: (status, attempts) for k, (status, attempts, _) in EXPECTED.items()}
    assert not set(NOT_CONTACTS) & set(contacts)
    placed = drafts_in(story)
    expected_to = sorted(k for k, (_, _, drafted) in EXPECTED.items() if drafted)
    assert sorted(d["To"].addresses[0].addr_spec for d in placed) == expected_to
    assert "Drafted follow-up (attempt 2) to Maria López <maria@progressive.example>" in out
    assert "Marked Terry Nguyen <terry@foundation.example> as no_response." in out


def test_follow_up_draft_is_a_polite_threaded_reply_from_me(story, capsys):
    story.sync(NOW)
    by_to = {d["To"].addresses[0].addr_spec: d for d in drafts_in(story)}
    maria = by_to["maria@progressive.example"]
    assert maria["Subject"] == "Re: Informational interview?"
    assert maria["In-Reply-To"] == "<o-maria@example.org>"
    assert maria["References"] == "<o-maria@example.org>"
    assert maria["From"].addresses[0].addr_spec == "jordan@example.org"
    assert maria["From"].addresses[0].display_name == "Jordan Rivera"
    assert maria["Date"].datetime.isoformat() == NOW
    body = maria.get_content().replace("\r\n", "\n")
    assert body.startswith("Hi Maria,\n")
    assert "November 14" in body and body.rstrip().endswith("Jordan Rivera")
    zoe = by_to["zoe@coop.example"]
    assert zoe["Subject"] == "Re: Café chat?"
    assert zoe.get_content().startswith("Hi Zoë,\r\n")
    with story.client() as client:
        client.select_folder("Drafts", readonly=True)
        flags = client.get_flags(client.search(["ALL"]))
    assert len(flags) == 2 and all({b"\\Draft", b"\\Seen"} <= set(f) for f in flags.values())


def test_second_sync_changes_nothing(story, capsys):
    story.sync(NOW)
    before = (exported(story, capsys), len(drafts_in(story)))
    out = story.sync(NOW)
    assert out == "Read 0 new messages (Sent 0, INBOX 0).\nNothing is due.\n"
    assert (exported(story, capsys), len(drafts_in(story))) == before


def test_out_of_office_delays_the_follow_up_until_the_return_date(story, capsys):
    story.sync(NOW)
    priya = exported(story, capsys)["priya@union.example"]
    assert priya["next_action"] == "follow up"
    assert priya["next_action_due"] == "2026-12-03T00:00:00+00:00"
    out = story.sync("2026-12-03T08:00:00+00:00")
    assert "Priya Natarajan" in out
    assert "priya@union.example" in [d["To"].addresses[0].addr_spec for d in drafts_in(story)]


def test_dry_run_prints_the_drafts_and_writes_nothing(story, capsys):
    out = coffeechat(story, capsys, "sync", "--dry-run", "--now", NOW)
    assert "Would draft follow-up (attempt 2) to Maria López <maria@progressive.example>" in out
    assert "    Hi Maria," in out
    assert drafts_in(story) == [] and not story.database.exists()
    story.sync(NOW)  # the real run still sees everything
    assert len(drafts_in(story)) == 2


def test_deleted_draft_is_dismissed_and_never_recreated(story, capsys):
    story.sync(NOW)
    with story.client() as client:
        client.select_folder("Drafts")
        client.delete_messages(client.search(["ALL"]))
        client.expunge()
    story.sync("2026-11-26T09:00:00+00:00")
    assert drafts_in(story) == []
    out = coffeechat(story, capsys, "drafts")
    assert out.count(": dismissed") == 2
    maria = exported(story, capsys)["maria@progressive.example"]
    assert (maria["next_action"], maria["next_action_due"]) == ("wait for a reply", "2026-12-05T09:00:00+00:00")


def test_sending_the_follow_up_counts_as_the_second_attempt(story, capsys):
    story.sync(NOW)
    draft = next(d for d in drafts_in(story) if "maria" in str(d["To"]))
    from corpus import ME, days_ago, mail
    story.append("Sent", mail(sender=ME, to="maria@progressive.example", subject=draft["Subject"],
                              body="Hi Maria, following up!", when=days_ago(-0.1),
                              in_reply_to="<o-maria@example.org>", references="<o-maria@example.org>"))
    story.sync("2026-11-25T09:00:00+00:00")
    maria = exported(story, capsys)["maria@progressive.example"]
    assert (maria["status"], maria["attempts"], maria["next_action"]) == ("awaiting_reply", 2, "wait for a reply")
    assert "follow_up (attempt 2) for Maria López: sent" in coffeechat(story, capsys, "drafts")
    # Fourteen days after the second attempt, still silent: no_response, and no more drafts.
    out = story.sync("2026-12-09T12:00:00+00:00")
    assert "Marked Maria López <maria@progressive.example> as no_response." in out
    assert len([d for d in drafts_in(story) if "maria" in str(d["To"])]) == 1


def test_a_reply_after_the_draft_was_placed_says_the_draft_is_no_longer_needed(story, capsys):
    story.sync(NOW)
    from corpus import ME, days_ago, mail
    story.append("INBOX", mail(sender="Maria López <maria@progressive.example>", to=ME,
                               subject="Re: Informational interview?", body="So sorry for the delay! Yes.",
                               when=days_ago(-0.1), in_reply_to="<o-maria@example.org>"))
    out = story.sync("2026-11-25T09:00:00+00:00")
    assert ("Maria López <maria@progressive.example> replied: the follow-up waiting in Drafts is no longer "
            "needed; delete it.") in out
    assert "follow_up (attempt 2) for Maria López: cancelled" in coffeechat(story, capsys, "drafts")
    assert len(drafts_in(story)) == 2  # never deleted for the user: they may have edited it
