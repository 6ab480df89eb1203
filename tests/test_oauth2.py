"""OAuth2 login with a token command, against a real Dovecot that checks tokens with a real HTTP endpoint.

Dovecot's own oauth2 passdb asks a token-introspection endpoint (a few lines of http.server,
started here) about every token; it answers active for "good.<user>.<anything>" and not for
anything else. The session's Dovecot stays as it is: these servers are this module's own.
"""

from __future__ import annotations

import itertools
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import conftest
import pytest
from corpus import ME, MINIMAL, cases, mail
from corpus import settings_values as values

from daemon import cli, localmail
from daemon.errors import LoginRefused, MailboxError, PasswordCommandError, SettingsError
from daemon.mail.mailbox import Mailbox
from daemon.settings import from_values

SETTING = "COFFEECHAT_IMAP_OAUTH2_TOKEN_COMMAND"
_users = itertools.count(1)


@pytest.fixture(scope="module")
def bearer_dovecot(tmp_path_factory, introspection) -> Iterator[localmail.LocalMail]:
    """Advertises OAUTHBEARER only (no XOAUTH2)."""
    server = localmail.start(tmp_path_factory.mktemp("dovecot-oauthbearer"), oauth2_introspection=introspection.url,
                             oauth2_mechanisms="oauthbearer")
    yield server
    server.stop()


def fresh_user(server: localmail.LocalMail, tmp_path: Path) -> conftest.TestMailbox:
    return conftest.TestMailbox(server, f"oauth{next(_users)}", tmp_path / "coffeechat.sqlite3")


def token_command(tmp_path: Path, token: str) -> tuple[str, Path]:
    """A command that prints `token` followed by the number of times it has run, and counts its runs in a file."""
    count = tmp_path / "token-runs"
    script = tmp_path / "print-token.sh"
    script.write_text(f'#!/bin/sh\necho run >> "{count}"\necho "{token}$(wc -l < "{count}" | tr -d " ")"\n')
    script.chmod(0o700)
    return str(script), count


def runs(count: Path) -> int:
    return len(count.read_text().splitlines()) if count.exists() else 0


def oauth2(mailbox: conftest.TestMailbox, command: str) -> dict[str, str]:
    """Settings overrides for logging in with the token command instead of the password."""
    return {"imap_password": "", "imap_oauth2_token_command": command}


def logins(server: localmail.LocalMail, user: str) -> list[str]:
    """The login methods Dovecot's log records for this user, in order."""
    lines = (server.root / "dovecot.log").read_text().splitlines()
    return [line.split("method=")[1].split(",")[0] for line in lines
            if "imap-login: Info: Login:" in line and f"user=<{user}>" in line]


def outreach(to: str, when: datetime) -> bytes:
    return mail(sender=ME, to=to, subject="Informational interview?", when=when, message_id=f"<o-{to}>",
                body="Hi,\n\nI'm moving into policy work. Would you be open to a 20 minute chat?\n\nThanks,\nJordan")


# --- Logging in -------------------------------------------------------------------------------------------------

def test_xoauth2_with_a_token_from_the_command_then_check_and_a_full_sync(oauth_dovecot, introspection, tmp_path,
                                                                           capsys):
    mailbox = fresh_user(oauth_dovecot, tmp_path)
    command, count = token_command(tmp_path, f"good.{mailbox.user}.")
    today = datetime.now(timezone.utc)
    mailbox.append("Sent", outreach("ana@org.example", today - timedelta(days=10)), when=today - timedelta(days=10),
                   flags=(b"\\Seen",))

    code, out, err = mailbox.run(capsys, "check", **oauth2(mailbox, command))
    assert (code, err) == (0, "")
    assert f"Login:  OAuth2 (XOAUTH2), a fresh token from {SETTING} at every connection" in out
    assert "Sent:   Sent (1 message" in out

    code, out, err = mailbox.run(capsys, "sync", **oauth2(mailbox, command))
    assert (code, err) == (0, "")
    assert "Drafted follow-up (attempt 2) to ana@org.example" in out
    assert len(mailbox.messages("Drafts")) == 1
    # Each connection logged in by XOAUTH2 with a token of its own, none of them reused.
    # (The test's own PLAIN logins put the message in Sent and read Drafts.)
    mine = [t for t in introspection.seen if t.startswith(f"good.{mailbox.user}.")]
    assert logins(oauth_dovecot, mailbox.user).count("XOAUTH2") == len(mine) == runs(count) >= 2
    assert len(set(mine)) == len(mine)


def test_the_command_runs_once_for_every_connection_and_each_gets_a_fresh_token(oauth_dovecot, introspection,
                                                                               tmp_path):
    mailbox = fresh_user(oauth_dovecot, tmp_path)
    command, count = token_command(tmp_path, f"good.{mailbox.user}.")
    settings = mailbox.settings(**oauth2(mailbox, command))
    assert runs(count) == 0                                     # loading the settings runs nothing
    for n in (1, 2, 3):
        with Mailbox.connect(settings) as box:
            assert box.login_method == "XOAUTH2"
            box.folders()
            box.info("INBOX")                                   # more commands: still one token per connection
        assert runs(count) == n
    assert [t for t in introspection.seen if t.startswith(f"good.{mailbox.user}.")] == [
        f"good.{mailbox.user}.{n}" for n in (1, 2, 3)]


def test_oauthbearer_when_the_server_advertises_only_that(bearer_dovecot, tmp_path):
    mailbox = fresh_user(bearer_dovecot, tmp_path)
    command, _ = token_command(tmp_path, f"good.{mailbox.user}.")
    with Mailbox.connect(mailbox.settings(**oauth2(mailbox, command))) as box:
        assert box.login_method == "OAUTHBEARER"
        assert box.folders().drafts == "Drafts"
    assert logins(bearer_dovecot, mailbox.user) == ["OAUTHBEARER"]


def test_a_server_without_oauth2_says_so_and_points_to_a_password(dovecot, tmp_path):
    mailbox = fresh_user(dovecot, tmp_path)                     # the session's Dovecot: PLAIN and LOGIN only
    command, _ = token_command(tmp_path, f"good.{mailbox.user}.")
    with pytest.raises(MailboxError) as raised:
        Mailbox.connect(mailbox.settings(**oauth2(mailbox, command)))
    assert not isinstance(raised.value, LoginRefused)
    assert str(raised.value) == (
        f"127.0.0.1:{dovecot.port} offers no OAuth2 login (neither AUTH=XOAUTH2 nor AUTH=OAUTHBEARER): remove "
        f"{SETTING} and use a password (COFFEECHAT_IMAP_PASSWORD or COFFEECHAT_IMAP_PASSWORD_COMMAND)")


def test_the_password_login_is_untouched_on_a_server_that_also_takes_oauth2(oauth_dovecot, tmp_path):
    mailbox = fresh_user(oauth_dovecot, tmp_path)
    with Mailbox.connect(mailbox.settings()) as box:
        assert box.login_method == "password"
    assert logins(oauth_dovecot, mailbox.user) == ["PLAIN"]


# --- Refused tokens and failing commands ------------------------------------------------------------------------

@pytest.mark.parametrize("server", ["oauth_dovecot", "bearer_dovecot"])
def test_a_rejected_token_is_one_line_naming_the_setting_without_the_token(server, request, tmp_path, capsys):
    mailbox = fresh_user(request.getfixturevalue(server), tmp_path)
    command, _ = token_command(tmp_path, "expired-s3cr3t-token-")
    with pytest.raises(LoginRefused):
        Mailbox.connect(mailbox.settings(**oauth2(mailbox, command)))
    code, out, err = mailbox.run(capsys, "check", **oauth2(mailbox, command))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and SETTING in err and "refused the OAuth2 token" in err
    assert "s3cr3t" not in err


def test_a_good_token_for_another_account_is_refused_too(oauth_dovecot, tmp_path):
    mailbox = fresh_user(oauth_dovecot, tmp_path)
    command, _ = token_command(tmp_path, "good.somebody-else.")
    with pytest.raises(LoginRefused, match=SETTING):
        Mailbox.connect(mailbox.settings(**oauth2(mailbox, command)))


@pytest.mark.parametrize(
    ("command", "message"),
    cases(
        ("fails", "exit 3", f"{SETTING} failed (exit 3): run it by hand to see why"),
        ("prints nothing", "true", f"{SETTING} printed nothing: it must print the access token on its first line"),
        ("not UTF-8", r"printf '\377\n'", f"{SETTING} printed something that is not UTF-8 text: check the command"),
    ),
)
def test_a_token_command_that_fails_is_named_in_one_line(oauth_dovecot, tmp_path, capsys, command, message):
    mailbox = fresh_user(oauth_dovecot, tmp_path)
    with pytest.raises(PasswordCommandError) as raised:
        Mailbox.connect(mailbox.settings(**oauth2(mailbox, command)))
    assert str(raised.value) == message
    code, out, err = mailbox.run(capsys, "check", **oauth2(mailbox, command))
    assert code == 2 and err.count("\n") == 1 and message in err


def test_the_daemon_logs_a_rejected_token_once_and_does_not_retry_soon(oauth_dovecot, tmp_path):
    mailbox = fresh_user(oauth_dovecot, tmp_path)
    command, count = token_command(tmp_path, "expired-s3cr3t-token-")
    values = mailbox.values(timezone="UTC", summary_at="off", poll_seconds="10", **oauth2(mailbox, command))
    env_file = tmp_path / "daemon.env"
    env_file.write_text("".join(f"{k}={v}\n" for k, v in values.items()))
    log_file = tmp_path / "daemon.log"
    with log_file.open("w") as log:
        process = subprocess.Popen([sys.executable, "-m", "daemon", "--env-file", str(env_file), "run"],
                                   stdout=subprocess.DEVNULL, stderr=log, cwd=tmp_path,
                                   env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    try:
        # Dovecot's auth penalty for 127.0.0.1 grows with this module's other refusals, up to 15 s.
        deadline = time.monotonic() + 30
        while "refused the OAuth2 token" not in log_file.read_text() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "refused the OAuth2 token" in log_file.read_text(), log_file.read_text()
        time.sleep(12)                                          # past a poll interval: no second try
        assert process.poll() is None
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
    text = log_file.read_text()
    assert text.count("refused the OAuth2 token") == 1 and "trying again in 30 minutes" in text
    assert SETTING in text and "s3cr3t" not in text
    assert runs(count) == 1


# --- Settings ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("overrides", "message"),
    cases(
        ("a password and a token command", {"imap_oauth2_token_command": "oama access me"},
         f"COFFEECHAT_IMAP_PASSWORD and {SETTING} are both set: keep only one (a password, or a command that "
         "prints an OAuth2 token)"),
        ("a password command and a token command",
         {"imap_password": None, "imap_password_command": "pass x", "imap_oauth2_token_command": "oama access me"},
         f"COFFEECHAT_IMAP_PASSWORD_COMMAND and {SETTING} are both set: keep only one (a password, or a command "
         "that prints an OAuth2 token)"),
        ("all three", {"imap_password_command": "pass x", "imap_oauth2_token_command": "oama access me"},
         f"COFFEECHAT_IMAP_PASSWORD, COFFEECHAT_IMAP_PASSWORD_COMMAND and {SETTING} are all set: keep only one "
         "(a password, or a command that prints an OAuth2 token)"),
    ),
)
def test_a_token_command_beside_a_password_is_refused_naming_both(overrides, message):
    with pytest.raises(SettingsError) as raised:
        from_values(values(**overrides))
    assert str(raised.value) == message


def test_a_password_and_a_token_command_together_exit_2(tmp_path, capsys):
    env_file = tmp_path / "coffeechat.env"
    env_file.write_text("".join(f"{k}={v}\n" for k, v in values(imap_oauth2_token_command="oama access me").items()))
    assert cli.main(["--env-file", str(env_file), "check"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "COFFEECHAT_IMAP_PASSWORD and" in err and SETTING in err


def test_the_token_command_alone_is_a_login_and_is_kept_out_of_repr():
    settings = from_values(values(imap_password=None, imap_oauth2_token_command="echo tok-123"))
    assert settings.oauth2_setting == SETTING
    assert settings.oauth2_token() == "tok-123"
    assert "tok-123" not in repr(settings) and "echo" not in repr(settings)
    assert from_values(MINIMAL).oauth2_token() is None and from_values(MINIMAL).oauth2_setting is None


def test_the_systemd_credential_oauth2_token_stands_in_and_is_read_at_every_connection(tmp_path):
    credentials = tmp_path / "credentials"
    credentials.mkdir()
    (credentials / "oauth2-token").write_text("first-token\n")
    no_password = values(imap_password=None)
    settings = from_values(no_password, {"CREDENTIALS_DIRECTORY": str(credentials)})
    assert settings.oauth2_setting == "the systemd credential oauth2-token"
    assert settings.oauth2_token() == "first-token"
    (credentials / "oauth2-token").write_text("second-token\n")  # refreshed by whatever keeps it
    assert settings.oauth2_token() == "second-token"
    assert "token" not in repr(settings).replace("oauth2_token", "")
    # A password or a token command in the settings wins over the credential.
    assert from_values(MINIMAL, {"CREDENTIALS_DIRECTORY": str(credentials)}).oauth2_token() is None
    assert from_values(values(imap_password=None, imap_oauth2_token_command="echo mine"),
                       {"CREDENTIALS_DIRECTORY": str(credentials)}).oauth2_token() == "mine"
    # Beside the imap-password credential it is ambiguous: say so.
    (credentials / "imap-password").write_text("pw\n")
    with pytest.raises(SettingsError, match="imap-password and oauth2-token are both given"):
        from_values(no_password, {"CREDENTIALS_DIRECTORY": str(credentials)})
    (credentials / "imap-password").unlink()
    (credentials / "oauth2-token").unlink()                     # gone after start-up: one line at the connection
    with pytest.raises(PasswordCommandError, match="the systemd credential oauth2-token .* is gone"):
        settings.oauth2_token()


def test_the_credential_logs_in_against_dovecot(oauth_dovecot, tmp_path):
    mailbox = fresh_user(oauth_dovecot, tmp_path)
    credentials = tmp_path / "credentials"
    credentials.mkdir()
    (credentials / "oauth2-token").write_text(f"good.{mailbox.user}.1\n")
    settings = from_values(mailbox.values(imap_password=""), {"CREDENTIALS_DIRECTORY": str(credentials)})
    with Mailbox.connect(settings) as box:
        assert box.login_method == "XOAUTH2"
    (credentials / "oauth2-token").write_text("expired\n")
    with pytest.raises(LoginRefused, match="check that the systemd credential oauth2-token holds"):
        Mailbox.connect(settings)
