"""The coffeechat command as a user runs it: exports, templates, dry runs, and the daemon itself."""

from __future__ import annotations

import csv
import email
import email.policy
import io
import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from corpus import ME, days_ago, mail

from daemon import cli
from daemon.contact_log.contacts import FIELDS

NOW = "2026-11-24T09:00:00+00:00"
REPO = Path(__file__).resolve().parent.parent


def env_file(mailbox, **overrides: str) -> Path:
    path = mailbox.database.parent / "coffeechat.env"
    path.write_text("".join(f"{k}={v}\n" for k, v in mailbox.values(**overrides).items()))
    path.chmod(0o600)  # it holds the password (else each command warns that others can read it)
    return path


def coffeechat(mailbox, capsys, *args: str, **overrides: str) -> str:
    code = cli.main(["--env-file", str(env_file(mailbox, **overrides)), *args])
    out = capsys.readouterr().out
    assert code == 0, out
    return out


def outreach(to: str, days: float = 10, when: datetime | None = None, **extra) -> bytes:
    return mail(sender=ME, to=to, subject="Informational interview?", when=when or days_ago(days),
                body="Would you be open to a 20 minute chat?", **extra)


def test_json_export_has_every_contract_field(mailbox, capsys):
    mailbox.append("Sent", outreach("Ana Ruiz <ana@org.example>", message_id="<o-ana@example.org>"))
    mailbox.sync(NOW)
    [row] = json.loads(coffeechat(mailbox, capsys, "contacts", "export", "--format", "json"))
    assert set(FIELDS) <= set(row)
    assert {k: row[k] for k in FIELDS} == {
        "name": "Ana Ruiz", "email": "ana@org.example", "organization": "", "relationship": "cold",
        "status": "awaiting_reply", "attempts": 1, "last_sent_at": "2026-11-14T09:00:00+00:00",
        "last_reply_at": None, "referred_by": None, "next_action": "send the follow-up waiting in Drafts",
        "next_action_due": "2026-11-21T09:00:00+00:00",
    }


def test_csv_export_has_the_same_fields_and_defuses_formulas(mailbox, capsys):
    mailbox.append("Sent", outreach('"=HYPERLINK(1)" <eve@org.example>', message_id="<o-eve@example.org>"))
    mailbox.sync(NOW)
    rows = list(csv.DictReader(io.StringIO(coffeechat(mailbox, capsys, "contacts", "export", "--format", "csv"))))
    assert list(rows[0])[: len(FIELDS)] == list(FIELDS)
    assert rows[0]["name"] == "'=HYPERLINK(1)" and rows[0]["email"] == "eve@org.example"


def test_contacts_list_says_the_next_step(mailbox, capsys):
    assert cli.main(["--env-file", str(env_file(mailbox)), "contacts", "list"]) == 1
    assert capsys.readouterr().err == (f"coffeechat: no contact log at {mailbox.database} yet: 'coffeechat sync' "
                                       "creates it (or check COFFEECHAT_DATABASE)\n")
    assert not mailbox.database.exists()
    mailbox.sync(NOW)
    assert coffeechat(mailbox, capsys, "contacts", "list").startswith("No contacts yet")
    mailbox.append("Sent", outreach("Ana Ruiz <ana@org.example>", days=3))
    mailbox.sync(NOW)
    assert coffeechat(mailbox, capsys, "contacts", "list") == (
        "ID  WHO                         STATUS          TIER  NEXT\n"
        "1   Ana Ruiz <ana@org.example>  awaiting_reply  cold  follow up (due 2026-11-28)\n")


def test_user_template_folder_overrides_the_built_in_one(mailbox, capsys, tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "follow_up.txt.j2").write_text("Hola {{ first_name }}! {{ sent_on }}\n-- {{ my_name }}\n")
    mailbox.append("Sent", outreach("Ana Ruiz <ana@org.example>"))
    mailbox.sync(NOW, templates_dir=str(folder))
    [raw] = mailbox.messages("Drafts")
    draft = email.message_from_bytes(raw, policy=email.policy.default)
    assert draft.get_content().replace("\r\n", "\n") == "Hola Ana! November 14\n-- Jordan Rivera\n"


def test_outreach_without_message_id_is_tracked_once_and_drafted_unthreaded(mailbox, capsys):
    mailbox.append("Sent", outreach("ana@org.example", message_id=None))
    mailbox.sync(NOW)
    mailbox.sync("2026-11-25T09:00:00+00:00")
    [raw] = mailbox.messages("Drafts")
    draft = email.message_from_bytes(raw, policy=email.policy.default)
    assert draft["In-Reply-To"] is None and draft["Subject"] == "Re: Informational interview?"
    [row] = json.loads(coffeechat(mailbox, capsys, "contacts", "export"))
    assert row["attempts"] == 1


def test_dry_run_on_a_new_install_creates_no_database(mailbox, capsys):
    mailbox.append("Sent", outreach("ana@org.example"))
    out = coffeechat(mailbox, capsys, "sync", "--dry-run", "--now", NOW)
    assert "Would draft follow-up (attempt 2) to ana@org.example" in out
    assert not mailbox.database.exists()
    assert mailbox.messages("Drafts") == []


def test_bad_now_is_a_usage_error(mailbox, capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["--env-file", str(env_file(mailbox)), "sync", "--now", "next tuesday"])
    assert stop.value.code == 2
    assert "'next tuesday' is not an ISO date or time" in capsys.readouterr().err


def test_daemon_places_drafts_and_stops_cleanly_on_sigterm(mailbox):
    sent = datetime.now(timezone.utc) - timedelta(days=10)  # `run` reads the real clock
    mailbox.append("Sent", outreach("ana@org.example", when=sent), when=sent)
    path = env_file(mailbox, poll_seconds="10")
    daemon = subprocess.Popen([sys.executable, "-m", "daemon", "--env-file", str(path), "run"], cwd=REPO,
                              env={"PATH": os.environ["PATH"], "HOME": str(mailbox.database.parent)},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while not mailbox.messages("Drafts") and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(mailbox.messages("Drafts")) == 1
    finally:
        daemon.send_signal(signal.SIGTERM)
        _, err = daemon.communicate(timeout=15)
    assert daemon.returncode == 0, err
    assert "Drafted follow-up (attempt 2) to ana@org.example" in err
    assert mailbox.server.password not in err


def test_debug_logging_shows_neither_the_password_nor_mail_contents(mailbox):
    mailbox.append("Sent", outreach("ana@org.example"))
    path = env_file(mailbox, log_level="DEBUG")
    result = subprocess.run([sys.executable, "-m", "daemon", "--env-file", str(path), "sync"], cwd=REPO,
                            env={"PATH": os.environ["PATH"], "HOME": str(mailbox.database.parent)},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "DEBUG" in result.stderr or "INFO" in result.stderr
    assert mailbox.server.password not in result.stderr + result.stdout
    assert "20 minute chat" not in result.stderr


def test_first_run_drafts_no_follow_up_for_months_old_outreach(mailbox, capsys):
    mailbox.append("Sent", outreach("old@org.example", days=90), when=days_ago(90))
    mailbox.append("Sent", outreach("new@org.example", days=8), when=days_ago(8))
    out = mailbox.sync(NOW)
    assert "Marked old@org.example as no_response." in out
    [raw] = mailbox.messages("Drafts")
    assert b"To: new@org.example" in raw
    statuses = {row["email"]: row["status"] for row in json.loads(coffeechat(mailbox, capsys, "contacts", "export"))}
    assert statuses == {"old@org.example": "no_response", "new@org.example": "awaiting_reply"}


def test_a_now_too_far_away_is_a_usage_error(mailbox, capsys):
    for far in ("9999-12-31T23:59:59-05:00", "0001-01-02T00:00+00:00"):
        with pytest.raises(SystemExit) as stop:
            cli.main(["--env-file", str(env_file(mailbox)), "sync", "--now", far])
        assert stop.value.code == 2
        assert "is too far from today to ask about" in capsys.readouterr().err


def test_sync_drafts_what_is_due_and_a_second_sync_changes_nothing(mailbox, capsys):
    today = datetime.now(timezone.utc)
    mailbox.append("Sent", outreach("ana@org.example", when=today - timedelta(days=10), message_id="<o-a@x.org>"),
                   when=today - timedelta(days=10))
    first = coffeechat(mailbox, capsys, "sync")
    assert "Drafted follow-up (attempt 2) to ana@org.example: Re: Informational interview?" in first
    assert coffeechat(mailbox, capsys, "sync") == "Read 0 new messages (Sent 0, INBOX 0).\nNothing is due.\n"
    assert len(mailbox.messages("Drafts")) == 1


def test_now_is_a_preview_that_writes_nothing(mailbox, capsys):
    today = datetime.now(timezone.utc)
    mailbox.append("Sent", outreach("ana@org.example", when=today - timedelta(days=3)), when=today - timedelta(days=3))
    coffeechat(mailbox, capsys, "sync")
    out = coffeechat(mailbox, capsys, "sync", "--now", (today + timedelta(days=30)).isoformat())
    assert out.startswith("Dry run: read 0 new messages") and "Would mark ana@org.example as no_response." in out
    [row] = json.loads(coffeechat(mailbox, capsys, "contacts", "export"))
    assert row["status"] == "awaiting_reply" and mailbox.messages("Drafts") == []


def test_commands_that_need_no_mailbox_work_while_the_password_command_fails(mailbox, capsys):
    mailbox.append("Sent", outreach("Ana Ruiz <ana@org.example>", message_id="<o-ana@example.org>"))
    mailbox.sync(NOW)
    locked = {"imap_password": "", "imap_password_command": "echo hunter2; exit 3"}
    assert coffeechat(mailbox, capsys, "contacts", "list", **locked).splitlines()[1] == (
        "1   Ana Ruiz <ana@org.example>  awaiting_reply  cold  send the follow-up waiting in Drafts (due 2026-11-21)")
    [row] = json.loads(coffeechat(mailbox, capsys, "contacts", "export", "--format", "json", **locked))
    assert (row["email"], row["status"]) == ("ana@org.example", "awaiting_reply")
    assert coffeechat(mailbox, capsys, "drafts", **locked) == (
        "2026-11-24 follow_up (attempt 2) for Ana Ruiz: placed\n")
    for command in ("check", "sync"):
        assert cli.main(["--env-file", str(env_file(mailbox, **locked)), command]) == 2
        assert capsys.readouterr() == ("", "coffeechat: COFFEECHAT_IMAP_PASSWORD_COMMAND failed (exit 3): run it "
                                           "by hand to see why\n")


def test_daemon_keeps_running_while_the_password_command_fails(mailbox):
    ran = mailbox.database.parent / "password-command-ran"
    path = env_file(mailbox, poll_seconds="10", imap_password="", imap_password_command=f"touch '{ran}'; exit 3")
    daemon = subprocess.Popen([sys.executable, "-m", "daemon", "--env-file", str(path), "run"], cwd=REPO,
                              env={"PATH": os.environ["PATH"], "HOME": str(mailbox.database.parent)},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while not ran.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert ran.exists()
    finally:
        daemon.send_signal(signal.SIGTERM)
        _, err = daemon.communicate(timeout=15)
    assert daemon.returncode == 0, err
    assert ("WARNING coffeechat: cycle failed, will retry in 10s: COFFEECHAT_IMAP_PASSWORD_COMMAND failed (exit 3): "
            "run it by hand to see why") in err
    assert err.rstrip().endswith("INFO coffeechat: stopped")
