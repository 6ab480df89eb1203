"""Settings: what a good configuration becomes, and the one line the user reads when it is wrong."""

from __future__ import annotations

import dataclasses
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from corpus import MINIMAL, cases
from corpus import settings_values as values

from daemon.errors import PasswordCommandError, SettingsError
from daemon.settings import Settings, from_values, load

REPO_ROOT = Path(__file__).resolve().parent.parent

def error_from(mapping: dict[str, str]) -> str:
    with pytest.raises(SettingsError) as raised:
        from_values(mapping)
    return str(raised.value)


def write_env(path: Path, mapping: dict[str, str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{key}='{value}'\n" for key, value in mapping.items()))
    return path


# --- a good configuration -----------------------------------------------------------------------


def certificate(folder: Path) -> Path:
    """A real self-signed certificate, as a private-CA server would have."""
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=ca",
                    "-keyout", str(folder / "key.pem"), "-out", str(folder / "ca.pem")],
                   check=True, capture_output=True)
    return folder / "ca.pem"


def test_a_complete_mapping_becomes_the_settings_it_spells_out(tmp_path: Path):
    ca_file = certificate(tmp_path)
    templates = tmp_path / "templates"
    templates.mkdir()
    settings = from_values({
        "COFFEECHAT_IMAP_HOST": "imap.fastmail.com",
        "COFFEECHAT_IMAP_PORT": "1143",
        "COFFEECHAT_IMAP_TLS": "STARTTLS",
        "COFFEECHAT_IMAP_USER": "jordan@fastmail.com",
        "COFFEECHAT_IMAP_PASSWORD": "app-password",
        "COFFEECHAT_IMAP_CA_FILE": str(ca_file),
        "COFFEECHAT_MY_NAME": "Jordan Rivera",
        "COFFEECHAT_MY_ADDRESSES": "Jordan@Fastmail.com, j.rivera@example.net,jordan@fastmail.com",
        "COFFEECHAT_DATABASE": "postgresql://coffeechat@db/coffeechat",
        "COFFEECHAT_INBOX_FOLDER": "INBOX",
        "COFFEECHAT_SENT_FOLDER": "Sent, Sent Items",
        "COFFEECHAT_DRAFTS_FOLDER": "Drafts",
        "COFFEECHAT_TEMPLATES_DIR": str(templates),
        "COFFEECHAT_OUTREACH_PHRASES": "Coffee Chat, informational interview,",
        "COFFEECHAT_OUTREACH_KEYWORD": "networking",
        "COFFEECHAT_OUTREACH_MODE": "Confirm",
        "COFFEECHAT_TIMEZONE": "America/New_York",
        "COFFEECHAT_THANK_YOU_HOURS": "3",
        "COFFEECHAT_ASK_FOLLOW_UP_DAYS": "10",
        "COFFEECHAT_PREP_AT": "6:45",
        "COFFEECHAT_IGNORE": "mom@family.example, @landlord.example,Family.Example",
        "COFFEECHAT_BACKFILL_DAYS": "30",
        "COFFEECHAT_FOLLOW_UP_DAYS": "5",
        "COFFEECHAT_MAX_ATTEMPTS": "3",
        "COFFEECHAT_NO_RESPONSE_DAYS": "21",
        "COFFEECHAT_POLL_SECONDS": "60",
        "COFFEECHAT_LOG_LEVEL": "debug",
    })
    assert settings == Settings(
        imap_host="imap.fastmail.com", imap_port=1143, imap_tls="starttls", imap_user="jordan@fastmail.com",
        imap_password="app-password", imap_ca_file=str(ca_file), my_name="Jordan Rivera",
        my_addresses=("jordan@fastmail.com", "j.rivera@example.net"),
        # In PostgreSQL each mailbox's log is a schema of its own, named after its login.
        database="postgresql://coffeechat@db/coffeechat?schema=jordan%40fastmail.com", inbox_folder="INBOX",
        sent_folders=("Sent", "Sent Items"),
        drafts_folder="Drafts", templates_dir=str(templates),
        outreach_phrases=("coffee chat", "informational interview"), outreach_keyword="networking",
        outreach_mode="confirm", ignore=frozenset({"mom@family.example", "landlord.example", "family.example"}),
        backfill_days=30, follow_up_days=5, max_attempts=3, no_response_days=21, poll_seconds=60,
        log_level="DEBUG", timezone="America/New_York", thank_you_hours=3, ask_follow_up_days=10, prep_at=(6, 45),
        # A PostgreSQL contact log has no folder of its own: the sign-in of `coffeechat auth` goes in the data folder.
        oauth2_sign_in_file=str(Path("~/.local/share/coffeechat/oauth2-sign-in.json").expanduser()),
    )
    assert settings.from_address == "jordan@fastmail.com"


def test_unset_values_take_the_playbook_defaults(tmp_path: Path):
    settings = from_values(values(imap_host="imap.example.com", imap_tls=None),
                           environ={"XDG_DATA_HOME": str(tmp_path)})
    assert (settings.imap_port, settings.imap_tls) == (993, "ssl")
    assert (settings.backfill_days, settings.follow_up_days, settings.max_attempts, settings.no_response_days) \
        == (365, 7, 2, 14)
    assert (settings.poll_seconds, settings.log_level) == (300, "INFO")
    assert settings.my_addresses == ("jordan@example.org",)
    assert settings.database == str(tmp_path / "coffeechat" / "coffeechat.sqlite3")
    assert (settings.inbox_folder, settings.sent_folders, settings.drafts_folder) == (None, (), None)
    assert (settings.imap_ca_file, settings.templates_dir) == (None, None)
    assert settings.outreach_phrases == ()
    assert (settings.outreach_keyword, settings.outreach_mode, settings.ignore) == ("coffeechat", "auto", frozenset())


def test_settings_cannot_be_changed_after_start_up():
    settings = from_values(values())
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.imap_host = "imap.evil.example"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("tls", "host", "port"),
    cases(
        ("ssl means 993", "ssl", "imap.example.com", 993),
        ("starttls means 143", "starttls", "imap.example.com", 143),
        ("none means 143", "none", "127.0.0.1", 143),
    ),
)
def test_default_port_follows_the_tls_mode(tls: str, host: str, port: int):
    assert from_values(values(imap_tls=tls, imap_host=host)).imap_port == port


@pytest.mark.parametrize(
    ("user", "addresses", "expected"),
    cases(
        ("the IMAP user when it is an address", "Jordan@Example.org", None, ("jordan@example.org",)),
        ("lower-cased and deduplicated", "jordan", " Jordan@Example.org, j@example.net ,jordan@example.org,",
         ("jordan@example.org", "j@example.net")),
        ("the list wins over the IMAP user", "jordan@example.org", "j@example.net", ("j@example.net",)),
    ),
)
def test_my_addresses(user: str, addresses: str | None, expected: tuple[str, ...]):
    settings = from_values(values(imap_user=user, my_addresses=addresses))
    assert settings.my_addresses == expected
    assert settings.imap_user == user  # the login itself is used exactly as given


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "LocalHost", "::1", "[::1]"])
def test_plain_text_is_allowed_to_loopback(host: str):
    assert from_values(values(imap_tls="none", imap_host=host)).imap_tls == "none"


# --- a bad configuration: one line naming the variable and the fix -----------------------------


@pytest.mark.parametrize(
    ("overrides", "message"),
    cases(
        ("missing host", {"imap_host": None},
         "COFFEECHAT_IMAP_HOST is missing: set it to the IMAP server name, e.g. imap.fastmail.com "
         "(or set COFFEECHAT_PROVIDER)"),
        ("blank host", {"imap_host": "   "},
         "COFFEECHAT_IMAP_HOST is missing: set it to the IMAP server name, e.g. imap.fastmail.com "
         "(or set COFFEECHAT_PROVIDER)"),
        ("missing user", {"imap_user": None},
         "COFFEECHAT_IMAP_USER is missing: set it to your IMAP login, usually your email address"),
        ("missing password and command", {"imap_password": None},
         "COFFEECHAT_IMAP_PASSWORD is missing: set it (an app password) or set "
         "COFFEECHAT_IMAP_PASSWORD_COMMAND to a command that prints it (or, for OAuth2, "
         "COFFEECHAT_IMAP_OAUTH2_TOKEN_COMMAND to one that prints an access token, or sign in with "
         "`coffeechat auth gmail` or `coffeechat auth outlook`)"),
        ("both password and command", {"imap_password_command": "echo other"},
         "COFFEECHAT_IMAP_PASSWORD and COFFEECHAT_IMAP_PASSWORD_COMMAND are both set: keep only one"),
        ("unknown TLS mode", {"imap_tls": "bogus"},
         "COFFEECHAT_IMAP_TLS='bogus' is not allowed: use one of ssl, starttls, none"),
        ("plain text to a remote host", {"imap_tls": "none", "imap_host": "imap.example.com"},
         "COFFEECHAT_IMAP_TLS=none is refused for 'imap.example.com': plain text is allowed only to loopback; "
         "use ssl or starttls"),
        ("plain text to a private address", {"imap_tls": "none", "imap_host": "10.0.0.5"},
         "COFFEECHAT_IMAP_TLS=none is refused for '10.0.0.5': plain text is allowed only to loopback; "
         "use ssl or starttls"),
        ("plain text to a name that merely starts with localhost", {"imap_tls": "none",
                                                                   "imap_host": "localhost.example.com"},
         "COFFEECHAT_IMAP_TLS=none is refused for 'localhost.example.com': plain text is allowed only to "
         "loopback; use ssl or starttls"),
        ("port not a number", {"imap_port": "abc"},
         "COFFEECHAT_IMAP_PORT='abc' is not a whole number: use one from 1 to 65535"),
        ("port out of range", {"imap_port": "70000"},
         "COFFEECHAT_IMAP_PORT=70000 is out of range: use one from 1 to 65535"),
        ("not an address in MY_ADDRESSES", {"my_addresses": "jordan@example.org, not-an-address"},
         "COFFEECHAT_MY_ADDRESSES: 'not-an-address' is not an email address; list bare addresses, "
         "comma-separated"),
        ("display name in MY_ADDRESSES", {"my_addresses": "Jordan <jordan@example.org>"},
         "COFFEECHAT_MY_ADDRESSES: 'jordan <jordan@example.org>' is not an email address; list bare "
         "addresses, comma-separated"),
        ("no address at all", {"imap_user": "jordan"},
         "COFFEECHAT_MY_ADDRESSES is missing: set it to your email address(es), comma-separated"),
        ("missing name", {"my_name": None},
         "COFFEECHAT_MY_NAME is missing: set it to your name as it should sign drafts, e.g. Jordan Rivera"),
        ("follow-up after zero days", {"follow_up_days": "0"},
         "COFFEECHAT_FOLLOW_UP_DAYS=0 is out of range: use one from 1 to 365"),
        ("zero attempts", {"max_attempts": "0"},
         "COFFEECHAT_MAX_ATTEMPTS=0 is out of range: use one from 1 to 10"),
        ("fractional no-response days", {"no_response_days": "1.5"},
         "COFFEECHAT_NO_RESPONSE_DAYS='1.5' is not a whole number: use one from 1 to 365"),
        ("CA file that does not exist", {"imap_ca_file": "/nonexistent/coffeechat/ca.pem"},
         "COFFEECHAT_IMAP_CA_FILE='/nonexistent/coffeechat/ca.pem': no such file; give the path of an existing "
         "file"),
        ("templates folder that does not exist", {"templates_dir": "/nonexistent/coffeechat/templates"},
         "COFFEECHAT_TEMPLATES_DIR='/nonexistent/coffeechat/templates': no such folder; give the path of an "
         "existing folder"),
        ("unknown log level", {"log_level": "LOUD"},
         "COFFEECHAT_LOG_LEVEL='LOUD' is not allowed: use one of DEBUG, INFO, WARNING, ERROR"),
    ),
)
def test_bad_setting_is_named_with_its_fix_on_one_line(overrides: dict[str, str | None], message: str):
    text = error_from(values(**overrides))
    assert text == message
    assert "\n" not in text and "\r" not in text


def test_a_folder_is_not_a_ca_file(tmp_path: Path):
    text = error_from(values(imap_ca_file=str(tmp_path)))
    assert text == f"COFFEECHAT_IMAP_CA_FILE={str(tmp_path)!r}: no such file; give the path of an existing file"


def test_a_line_break_inside_a_value_does_not_break_the_one_line_message():
    text = error_from(values(imap_ca_file="/nonexistent/ca.pem\nsecond line"))
    assert text.startswith("COFFEECHAT_IMAP_CA_FILE")
    assert "\n" not in text


# --- the password command -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "password"),
    cases(
        ("first line only", "printf 's3cret\\nsecond-line\\n'", "s3cret"),
        ("no trailing newline", "printf 's3cret'", "s3cret"),
        ("CRLF line ending", "printf 's3cret\\r\\n'", "s3cret"),
        ("stderr is not the password", "echo warning >&2; echo s3cret", "s3cret"),
    ),
)
def test_password_command_prints_the_password_on_its_first_line(command: str, password: str):
    settings = from_values(values(imap_password=None, imap_password_command=command))
    assert settings.password() == password


@pytest.mark.parametrize(
    ("command", "message"),
    cases(
        ("failing command", "exit 3",
         "COFFEECHAT_IMAP_PASSWORD_COMMAND failed (exit 3): run it by hand to see why"),
        ("failing command that printed a secret", "echo hunter2; echo hunter2 >&2; exit 3",
         "COFFEECHAT_IMAP_PASSWORD_COMMAND failed (exit 3): run it by hand to see why"),
        ("command not found", "/nonexistent/coffeechat-pass hunter2",
         "COFFEECHAT_IMAP_PASSWORD_COMMAND failed (exit 127): run it by hand to see why"),
        ("command printing nothing", "true",
         "COFFEECHAT_IMAP_PASSWORD_COMMAND printed nothing: it must print the password on its first line"),
        ("command printing an empty first line", "printf '\\nhunter2\\n'",
         "COFFEECHAT_IMAP_PASSWORD_COMMAND printed nothing: it must print the password on its first line"),
        ("command printing bytes that are not text", "printf '\\377\\376'",
         "COFFEECHAT_IMAP_PASSWORD_COMMAND printed something that is not UTF-8 text: check the command"),
    ),
)
def test_password_command_failure_is_named_without_its_output(command: str, message: str):
    settings = from_values(values(imap_password=None, imap_password_command=command))
    with pytest.raises(PasswordCommandError) as raised:
        settings.password()
    assert str(raised.value) == message
    assert "hunter2" not in str(raised.value)


def test_the_password_command_runs_when_the_password_is_needed_not_when_settings_load(tmp_path: Path):
    ran = tmp_path / "ran"
    settings = from_values(values(imap_password=None, imap_password_command=f"touch '{ran}'; echo s3cret"))
    assert not ran.exists()
    assert settings.password() == "s3cret" and ran.exists()


def test_a_password_command_that_hangs_is_stopped_with_everything_it_started(tmp_path: Path):
    child_pid = tmp_path / "child.pid"
    command = f"sleep 300 & echo $! > '{child_pid}'; sleep 300"
    settings = from_values(values(imap_password=None, imap_password_command=command))
    with pytest.raises(PasswordCommandError) as raised:
        settings.password(timeout=1)
    assert str(raised.value) == ("COFFEECHAT_IMAP_PASSWORD_COMMAND did not finish within 1 s and was stopped: "
                                 "run it by hand to see why")
    assert not still_running(int(child_pid.read_text()))


def still_running(pid: int) -> bool:
    """Whether the process lives on after up to 5 s of waiting for it to die; a zombie counts as dead."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return False
        if state in ("Z", "X"):
            return False
        time.sleep(0.05)
    return True


@pytest.mark.parametrize(
    "secret",
    cases(
        ("given directly", {"imap_password": "correct-horse-battery"}),
        ("printed by a command", {"imap_password": None, "imap_password_command": "echo correct-horse-battery"}),
    ),
)
def test_password_never_appears_in_the_settings_repr(secret: dict[str, str | None]):
    settings = from_values(values(**secret))
    assert settings.password() == "correct-horse-battery"
    assert "correct-horse-battery" not in repr(settings)
    assert "correct-horse-battery" not in str(settings)


# --- load(): env file and environment ----------------------------------------------------------


def test_load_reads_the_env_file(tmp_path: Path):
    env_file = tmp_path / "coffeechat.env"
    env_file.write_text(
        "# my coffeechat settings\n"
        "COFFEECHAT_IMAP_HOST=imap.example.com\n"
        "COFFEECHAT_IMAP_USER=jordan@example.org\n"
        "COFFEECHAT_IMAP_PASSWORD='pa ss # not a comment'\n"
        'COFFEECHAT_MY_NAME="Jordan Rivera"\n'
        "export COFFEECHAT_FOLLOW_UP_DAYS=5\n"
    )
    settings = load(str(env_file), environ={"XDG_DATA_HOME": str(tmp_path)})
    assert (settings.imap_host, settings.imap_user, settings.imap_password, settings.my_name) == (
        "imap.example.com", "jordan@example.org", "pa ss # not a comment", "Jordan Rivera")
    assert settings.follow_up_days == 5
    assert settings.database == str(tmp_path / "coffeechat" / "coffeechat.sqlite3")


def test_environment_overrides_the_env_file(tmp_path: Path):
    env_file = write_env(tmp_path / "coffeechat.env", values(follow_up_days="5"))
    environ = {"COFFEECHAT_IMAP_HOST": "localhost", "COFFEECHAT_FOLLOW_UP_DAYS": "9",
               "IMAP_HOST": "ignored.example.com"}
    settings = load(str(env_file), environ=environ)
    assert (settings.imap_host, settings.follow_up_days) == ("localhost", 9)
    assert settings.my_name == "Jordan"  # from the file, not overridden


def test_a_bad_value_in_the_environment_is_reported_over_a_good_file(tmp_path: Path):
    env_file = write_env(tmp_path / "coffeechat.env", values())
    with pytest.raises(SettingsError, match=r"^COFFEECHAT_MAX_ATTEMPTS='many' is not a whole number"):
        load(str(env_file), environ={"COFFEECHAT_MAX_ATTEMPTS": "many"})


def test_an_env_file_that_does_not_exist_is_refused(tmp_path: Path):
    missing = tmp_path / "nowhere.env"
    with pytest.raises(SettingsError) as raised:
        load(str(missing), environ=dict(MINIMAL))
    assert str(raised.value) == f"--env-file {str(missing)!r}: no such file; give the path of your settings file"


def test_dot_env_in_the_current_folder_comes_before_the_xdg_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    work = tmp_path / "work"
    config = tmp_path / "config"
    write_env(work / ".env", values(my_name="From dot-env"))
    write_env(config / "coffeechat" / "coffeechat.env", values(my_name="From XDG"))
    monkeypatch.chdir(work)
    assert load(environ={"XDG_CONFIG_HOME": str(config)}).my_name == "From dot-env"


def test_the_xdg_config_file_is_used_when_there_is_no_dot_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    work = tmp_path / "work"
    work.mkdir()
    config = tmp_path / "config"
    write_env(config / "coffeechat" / "coffeechat.env", values(my_name="From XDG"))
    monkeypatch.chdir(work)
    assert load(environ={"XDG_CONFIG_HOME": str(config)}).my_name == "From XDG"


def test_xdg_config_home_defaults_to_dot_config_in_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    work = tmp_path / "work"
    work.mkdir()
    home = tmp_path / "home"
    write_env(home / ".config" / "coffeechat" / "coffeechat.env", values(my_name="From ~/.config"))
    monkeypatch.chdir(work)
    assert load(environ={"HOME": str(home)}).my_name == "From ~/.config"


def test_without_any_env_file_the_environment_alone_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    environ = {"XDG_CONFIG_HOME": str(tmp_path / "config"), **values(my_name="From the environment")}
    assert load(environ=environ).my_name == "From the environment"
    with pytest.raises(SettingsError, match="^COFFEECHAT_IMAP_HOST is missing"):
        load(environ={"XDG_CONFIG_HOME": str(tmp_path / "config")})


# --- the command line: exit codes and the one line on stderr -------------------------------------


def coffeechat(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "daemon", *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60,
        env={"PATH": os.environ["PATH"], "HOME": str(tmp_path)},
    )


@pytest.mark.parametrize(
    ("overrides", "line"),
    cases(
        ("unknown TLS mode", {"imap_tls": "bogus"},
         "coffeechat: COFFEECHAT_IMAP_TLS='bogus' is not allowed: use one of ssl, starttls, none"),
        ("plain text to a remote host", {"imap_host": "imap.example.com"},
         "coffeechat: COFFEECHAT_IMAP_TLS=none is refused for 'imap.example.com': plain text is allowed only to "
         "loopback; use ssl or starttls"),
        ("missing name", {"my_name": None},
         "coffeechat: COFFEECHAT_MY_NAME is missing: set it to your name as it should sign drafts, "
         "e.g. Jordan Rivera"),
        ("password command that fails after printing", {"imap_password": None,
                                                         "imap_password_command": "echo hunter2; exit 3"},
         "coffeechat: COFFEECHAT_IMAP_PASSWORD_COMMAND failed (exit 3): run it by hand to see why"),
    ),
)
def test_bad_setting_exits_2_with_one_line_naming_it(tmp_path: Path, overrides: dict[str, str | None], line: str):
    env_file = write_env(tmp_path / "coffeechat.env", values(**overrides))
    result = coffeechat(tmp_path, "--env-file", str(env_file), "check")
    assert (result.returncode, result.stderr, result.stdout) == (2, line + "\n", "")


def test_missing_env_file_exits_2_with_one_line(tmp_path: Path):
    result = coffeechat(tmp_path, "--env-file", str(tmp_path / "nowhere.env"), "check")
    assert result.returncode == 2
    assert result.stderr == f"coffeechat: --env-file {str(tmp_path / 'nowhere.env')!r}: no such file; give the path " \
                            "of your settings file\n"


def test_unknown_subcommand_exits_2(tmp_path: Path):
    env_file = write_env(tmp_path / "coffeechat.env", values())
    result = coffeechat(tmp_path, "--env-file", str(env_file), "frobnicate")
    assert result.returncode == 2
    assert "invalid choice: 'frobnicate'" in result.stderr


def test_unreachable_mailbox_exits_1_not_2(tmp_path: Path):
    with socket.socket() as probe:  # a loopback port nobody listens on once it is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env_file = write_env(tmp_path / "coffeechat.env", values(imap_port=str(port)))
    result = coffeechat(tmp_path, "--env-file", str(env_file), "check")
    assert result.returncode == 1
    assert result.stderr.startswith(f"coffeechat: cannot connect to 127.0.0.1:{port}")
    assert result.stderr.count("\n") == 1


def test_env_file_password_with_dollar_signs_and_spaces_arrives_exactly(tmp_path: Path):
    env_file = tmp_path / "coffeechat.env"
    env_file.write_text(
        "COFFEECHAT_IMAP_HOST=127.0.0.1\nCOFFEECHAT_IMAP_TLS=none\nCOFFEECHAT_IMAP_USER=jordan@example.org\n"
        "COFFEECHAT_MY_NAME=Jordan\nCOFFEECHAT_IMAP_PASSWORD=' pa$$${HOME}word '\n"
    )
    settings = load(str(env_file), environ={"HOME": "/home/jordan"})
    assert settings.imap_password == " pa$$${HOME}word "


def test_env_file_that_is_not_utf8_is_a_one_line_settings_error(tmp_path: Path):
    env_file = tmp_path / "latin1.env"
    env_file.write_bytes("COFFEECHAT_MY_NAME=Jérôme\n".encode("latin-1"))
    with pytest.raises(SettingsError) as raised:
        load(str(env_file), environ={})
    assert str(raised.value) == f"{str(env_file)!r} cannot be read (UnicodeDecodeError): save it as UTF-8 text"


@pytest.mark.parametrize(("overrides", "message"), [
    ({"my_name": "Jordan\nBcc: x@evil.example"},
     "COFFEECHAT_MY_NAME contains a line break or control character: keep it on one line"),
], ids=["line break in my name"])
def test_values_that_would_fail_later_are_refused_at_start(overrides, message):
    assert error_from(values(**overrides)) == message


def test_a_ca_file_that_holds_no_certificate_is_refused(tmp_path: Path):
    bogus = tmp_path / "ca.pem"
    bogus.write_text("this is not a certificate\n")
    assert error_from(values(imap_ca_file=str(bogus))) == (
        f"COFFEECHAT_IMAP_CA_FILE={str(bogus)!r} holds no usable certificate: give a PEM file")


def test_a_misspelt_setting_is_named_with_the_likely_one():
    assert error_from(values(imap_pasword="hunter2")) == (
        "COFFEECHAT_IMAP_PASWORD is not a coffeechat setting: did you mean COFFEECHAT_IMAP_PASSWORD?")


def test_config_example_documents_every_setting_there_is():
    from daemon.settings import NAMES, PREFIX

    text = (Path(__file__).resolve().parent.parent / "config.example.env").read_text()
    documented = set(re.findall(rf"^#? ?{PREFIX}([A-Z0-9_]+)=", text, flags=re.M))
    assert documented == set(NAMES)


@pytest.mark.parametrize("host", ["imap..example.com", "imap example.com", "imap.example.com/inbox"])
def test_a_host_that_is_no_server_name_is_refused(host):
    assert error_from(values(imap_host=host, imap_tls="ssl")) == (
        f"COFFEECHAT_IMAP_HOST={host!r} is not a server name or address: e.g. imap.fastmail.com")


def test_a_systemd_credential_stands_in_for_the_password(tmp_path):
    """Under systemd (LoadCredential=imap-password:…) the env file holds no password at all."""
    (tmp_path / "imap-password").write_text("s3cret with spaces\n")
    values = {k: v for k, v in MINIMAL.items() if k != "COFFEECHAT_IMAP_PASSWORD"}
    settings = from_values(values, {"CREDENTIALS_DIRECTORY": str(tmp_path)})
    assert settings.password() == "s3cret with spaces"
    assert "s3cret" not in repr(settings)
    # A password in the settings wins over the credential; no credential and no password is the usual error.
    assert from_values(MINIMAL, {"CREDENTIALS_DIRECTORY": str(tmp_path)}).password() == MINIMAL[
        "COFFEECHAT_IMAP_PASSWORD"]
    with pytest.raises(SettingsError, match="COFFEECHAT_IMAP_PASSWORD is missing"):
        from_values(values, {"CREDENTIALS_DIRECTORY": str(tmp_path / "elsewhere")})


@pytest.mark.parametrize(("overrides", "expected"), cases(
    ("gmail guessed from the login", {"imap_host": None, "imap_tls": None, "imap_user": "jordan@gmail.com"},
     ("gmail", True, "imap.gmail.com", 993, "ssl")),
    ("outlook guessed from a hotmail address", {"imap_host": None, "imap_tls": None, "imap_user": "j@hotmail.com"},
     ("outlook", True, "outlook.office365.com", 993, "ssl")),
    ("guessed from my addresses when the login is a user name", {
        "imap_host": None, "imap_tls": None, "imap_user": "jordan", "my_addresses": "jordan@icloud.com"},
     ("icloud", True, "imap.mail.me.com", 993, "ssl")),
    ("named: a work domain on Microsoft 365", {"imap_host": None, "imap_tls": None, "provider": "outlook",
                                               "imap_user": "jordan@union.example"},
     ("outlook", False, "outlook.office365.com", 993, "ssl")),
    ("a host set by hand wins, and is not second-guessed", {"imap_tls": None, "imap_host": "mail.example.org",
                                                             "imap_user": "jordan@gmail.com"},
     ("generic", False, "mail.example.org", 993, "ssl")),
    ("a port set by hand wins over the profile", {"imap_host": None, "imap_tls": None, "provider": "fastmail",
                                                  "imap_port": "1993"},
     ("fastmail", False, "imap.fastmail.com", 1993, "ssl")),
))
def test_a_provider_profile_fills_in_what_was_not_set(overrides, expected):
    settings = from_values(values(**overrides))
    assert (settings.provider, settings.provider_guessed, settings.imap_host, settings.imap_port,
            settings.imap_tls) == expected


def test_an_unknown_provider_is_one_line_naming_the_ones_there_are():
    with pytest.raises(SettingsError, match="^COFFEECHAT_PROVIDER='gmial' is not allowed: use one of gmail, "
                                            "outlook, icloud, yahoo, fastmail, generic$"):
        from_values({**MINIMAL, "COFFEECHAT_PROVIDER": "gmial"})
