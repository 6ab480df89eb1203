"""Settings: read once from the environment and an env file into one frozen object."""

from __future__ import annotations

import difflib
import ipaddress
import os
import re
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from dotenv import dotenv_values

from daemon import login_settings, oauth2, providers
from daemon.contact_log import postgres
from daemon.errors import SettingsError
from daemon.password import OAUTH2_CREDENTIAL, OAUTH2_NAME, TIMEOUT_SECONDS, from_command, from_credential
from daemon.playbook.weekly import SummaryAt, parse_summary_at
from daemon.providers import Provider

if TYPE_CHECKING:
    from daemon.smtp_settings import SmtpSettings

PREFIX = "COFFEECHAT_"
# Every setting there is (config.example.env documents each); any other COFFEECHAT_ name is a typo.
NAMES = (
    "IMAP_HOST", "IMAP_PORT", "IMAP_TLS", "IMAP_CA_FILE", "IMAP_USER", "IMAP_PASSWORD", "IMAP_PASSWORD_COMMAND",
    "MY_NAME", "MY_ADDRESSES", "DATABASE", "INBOX_FOLDER", "SENT_FOLDER", "DRAFTS_FOLDER", "OUTREACH_PHRASES",
    "OUTREACH_KEYWORD", "FOLLOW_UP_DAYS", "MAX_ATTEMPTS", "NO_RESPONSE_DAYS", "BACKFILL_DAYS", "POLL_SECONDS",
    "TEMPLATES_DIR", "LOG_LEVEL", "OUTREACH_MODE", "IGNORE", "TIMEZONE", "THANK_YOU_HOURS", "ASK_FOLLOW_UP_DAYS",
    "SMTP_HOST", "SMTP_PORT", "SMTP_TLS", "SMTP_USER", "SMTP_PASSWORD", "SMTP_PASSWORD_COMMAND", "SMTP_CA_FILE",
    "PREP_AT", "MY_PITCH", "CHECK_IN_DAYS", "CHECK_IN_DAYS_CORE", "CHECK_IN_DAYS_EXTENDED", "CHECK_IN_DAYS_SHARED",
    "CHECK_IN_DAYS_COLD",
    "SUMMARY_AT", "IMAP_TIMEOUT", "RETRY_MAX_SECONDS", "PROVIDER", "IMAP_OAUTH2_TOKEN_COMMAND", "ASK_MINUTES",
    "DATABASE_SCHEMA",
    *login_settings.NAMES,
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

OUTREACH_MODES = ("auto", "confirm")
TIERS = ("core", "extended", "shared", "cold")  # relationship tiers from the playbook

@dataclass(frozen=True)
class Settings:
    """Everything coffeechat needs to run, validated once at start-up."""

    imap_host: str
    imap_user: str
    my_name: str
    my_addresses: tuple[str, ...]
    database: str = field(repr=False)  # a postgresql:// URL may hold a password
    provider: str = "generic"               # a profile from providers.py: host, TLS, login advice, folder names
    provider_guessed: bool = False          # from the address's domain, not COFFEECHAT_PROVIDER
    # One of the two is set, or an OAuth2 source below. The command is kept, not its output: it runs when connecting.
    imap_password: str | None = field(default=None, repr=False)
    imap_password_command: str | None = field(default=None, repr=False)
    # Or, instead of a password, OAuth2: the command that prints an access token, or the file of the systemd
    # credential oauth2-token; either is read again at every connection (tokens expire), never kept.
    imap_oauth2_token_command: str | None = field(default=None, repr=False)
    imap_oauth2_token_file: str | None = field(default=None, repr=False)
    # Or the sign-in `coffeechat auth gmail|outlook` stored (a refresh token, 0600), with the app it was made for.
    imap_oauth2_sign_in: str | None = None
    oauth2_sign_in_file: str = ""           # where `coffeechat auth` keeps the sign-in: beside the contact log
    oauth2_app: oauth2.App | None = field(default=None, repr=False)
    imap_port: int = 993
    imap_tls: str = "ssl"
    imap_ca_file: str | None = None
    inbox_folder: str | None = None
    sent_folders: tuple[str, ...] = ()      # empty: found automatically
    drafts_folder: str | None = None
    templates_dir: str | None = None
    outreach_phrases: tuple[str, ...] = ()  # the user's own phrases that mark outreach, besides the built-in signals
    outreach_keyword: str = "coffeechat"
    outreach_mode: str = "auto"             # confirm: new outreach waits for `coffeechat review`
    ignore: frozenset[str] = frozenset()    # addresses and domains never tracked
    backfill_days: int = 365
    follow_up_days: int = 7
    max_attempts: int = 2
    no_response_days: int = 14
    poll_seconds: int = 300
    imap_timeout: int = 60                  # seconds an IMAP answer may take before the connection counts as lost
    retry_max_seconds: int = 900            # the longest wait between reconnection attempts
    log_level: str = "INFO"
    timezone: str = "UTC"                   # IANA name: meeting times on the command line, prep mornings
    thank_you_hours: int = 2                # after a meeting ends, when the thank-you draft is ready
    ask_follow_up_days: int = 7             # after the thank-you, when open promises get a gentle follow-up
    prep_at: tuple[int, int] = (7, 30)      # local time the prep note arrives on the morning of a meeting
    my_pitch: str = ""                      # one sentence: who you are, what you are exploring (first notes)
    ask_minutes: int = 20                   # what a first note or warm introduction asks for: the guides' 15 to 30
    check_in_days: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TIERS, 90))  # keep-in-touch, by tier
    summary_at: SummaryAt | None = SummaryAt(0, 8, 0)  # the weekly summary: Monday 08:00 local; None: off
    smtp: SmtpSettings | None = None        # the weekly summary by SMTP; None: APPENDed to INBOX
    warnings: tuple[str, ...] = ()          # what is unsafe but allowed (an env file others can read), in words

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def from_address(self) -> str:
        return self.my_addresses[0]

    def password(self, timeout: float = TIMEOUT_SECONDS) -> str:
        """The IMAP password as given, or as COFFEECHAT_IMAP_PASSWORD_COMMAND prints it now.

        Raises PasswordCommandError (a SettingsError) when the command fails, hangs or prints nothing.
        """
        if self.imap_password_command is None:
            return self.imap_password or ""
        return from_command(self.imap_password_command, timeout)

    @property
    def oauth2_setting(self) -> str | None:
        """Where the OAuth2 access token comes from, in words for messages; None: the login is by password."""
        if self.imap_oauth2_token_command is not None:
            return OAUTH2_NAME
        if self.imap_oauth2_token_file is not None:
            return f"the systemd credential {OAUTH2_CREDENTIAL}"
        if self.imap_oauth2_sign_in is not None:
            return oauth2.describe(Path(self.imap_oauth2_sign_in))
        return None

    def oauth2_token(self, timeout: float = TIMEOUT_SECONDS) -> str | None:
        """A fresh OAuth2 access token, as COFFEECHAT_IMAP_OAUTH2_TOKEN_COMMAND prints it (or the systemd
        credential oauth2-token holds it) now; None when the login is by password.

        Raises PasswordCommandError (a SettingsError) when the command fails, hangs or prints nothing.
        """
        if self.imap_oauth2_token_command is not None:
            return from_command(self.imap_oauth2_token_command, timeout, name=OAUTH2_NAME, what="access token")
        if self.imap_oauth2_token_file is not None:
            return from_credential(self.imap_oauth2_token_file, OAUTH2_CREDENTIAL)
        if self.imap_oauth2_sign_in is not None and self.oauth2_app is not None:
            return oauth2.access_token(self.oauth2_app, Path(self.imap_oauth2_sign_in))
        return None


def env_file_path(explicit: str | None, environ: Mapping[str, str]) -> Path | None:
    """The env file to read: --env-file, else ./.env, else the XDG config one, else none."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise SettingsError(f"--env-file {explicit!r}: no such file; give the path of your settings file")
        return path
    local = Path(".env")
    if local.is_file():
        return local
    config_home = environ.get("XDG_CONFIG_HOME") or str(Path(environ.get("HOME", "~")).expanduser() / ".config")
    xdg = Path(config_home) / "coffeechat" / "coffeechat.env"
    return xdg if xdg.is_file() else None


def load(env_file: str | None = None, environ: Mapping[str, str] | None = None, signing_in: bool = False) -> Settings:
    """Settings from the process environment over the env file (the environment wins)."""
    environ = dict(os.environ if environ is None else environ)
    path = env_file_path(env_file, environ)
    values: dict[str, str] = {}
    if path is not None:
        # No ${VAR} interpolation: a password containing "$" must arrive exactly as written.
        try:
            values.update({k: v for k, v in dotenv_values(path, interpolate=False).items() if v is not None})
        except (OSError, UnicodeDecodeError) as e:
            raise SettingsError(f"{str(path)!r} cannot be read ({type(e).__name__}): save it as UTF-8 text") from None
    values.update({k: v for k, v in environ.items() if k.startswith(PREFIX)})
    settings = from_values(values, environ, signing_in)
    exposed = readable_by_others(path)
    return replace(settings, warnings=(exposed,)) if exposed else settings


def readable_by_others(path: Path | None) -> str:
    """When the env file holds a password and other users of this machine can read it: the words saying so,
    naming the file and the fix."""
    if path is None:
        return ""
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        return ""
    if mode & 0o077 == 0:
        return ""
    try:
        values = dotenv_values(path, interpolate=False)
    except (OSError, UnicodeDecodeError):
        return ""
    secrets = [PREFIX + name for name in ("IMAP_PASSWORD", "SMTP_PASSWORD") if values.get(PREFIX + name)]
    if not secrets:
        return ""  # a password command or a systemd credential: nothing secret in the file itself
    return (f"{path} holds {' and '.join(secrets)} and can be read by other users of this machine "
            f"(mode {mode:o}): chmod 600 {path}")


def from_values(values: Mapping[str, str], environ: Mapping[str, str] | None = None,
                signing_in: bool = False) -> Settings:
    """Validate raw COFFEECHAT_* strings; the first problem raises a SettingsError naming it.

    signing_in: for `coffeechat auth`, which makes the login the other commands need.
    """
    from daemon.smtp_settings import smtp_settings  # here, not above: it builds on this module's _Reader

    environ = environ or {}
    _refuse_unknown_names(values)
    read = _Reader(values)
    provider, guessed = _provider(read)
    tls = read.choice("IMAP_TLS", ("ssl", "starttls", "none"), provider.tls if provider.host else "ssl")
    host = read.optional("IMAP_HOST") or provider.host or read.required(
        "IMAP_HOST", "the IMAP server name, e.g. imap.fastmail.com (or set COFFEECHAT_PROVIDER)")
    if not _is_host(host):
        raise SettingsError(f"COFFEECHAT_IMAP_HOST={host!r} is not a server name or address: e.g. imap.fastmail.com")
    if tls == "none" and not _is_loopback(host):
        raise SettingsError(
            f"COFFEECHAT_IMAP_TLS=none is refused for {host!r}: plain text is allowed only to "
            "loopback; use ssl or starttls"
        )
    user = read.required("IMAP_USER", "your IMAP login, usually your email address")
    database = _database(read, environ, user, host)
    app = login_settings.oauth2_app(read, provider.name)
    sign_in_file = oauth2.sign_in_path(database, _data_home(environ))
    login = login_settings.login(read, environ, sign_in_file, app, signing_in)
    addresses = read.address_list("MY_ADDRESSES") or ((user.lower(),) if "@" in user else ())
    if not addresses:
        raise SettingsError("COFFEECHAT_MY_ADDRESSES is missing: set it to your email address(es), comma-separated")
    return Settings(
        provider=provider.name,
        provider_guessed=guessed,
        imap_host=host,
        imap_port=read.integer("IMAP_PORT", 993 if tls == "ssl" else 143, 1, 65535),
        imap_tls=tls,
        imap_user=user,
        imap_password=login.password,
        imap_password_command=login.password_command,
        imap_oauth2_token_command=login.token_command,
        imap_oauth2_token_file=login.token_file,
        imap_oauth2_sign_in=login.sign_in,
        oauth2_app=app,
        oauth2_sign_in_file=str(sign_in_file),
        imap_ca_file=_ca_file(read),
        my_name=read.required("MY_NAME", "your name as it should sign drafts, e.g. Jordan Rivera"),
        my_addresses=addresses,
        database=database,
        inbox_folder=read.optional("INBOX_FOLDER"),
        sent_folders=read.folder_list("SENT_FOLDER"),
        drafts_folder=read.optional("DRAFTS_FOLDER"),
        templates_dir=read.existing("TEMPLATES_DIR", "folder"),
        outreach_phrases=read.phrase_list("OUTREACH_PHRASES"),
        outreach_keyword=(read.optional("OUTREACH_KEYWORD") or "coffeechat").lower(),  # IMAP keywords: any case
        outreach_mode=read.choice("OUTREACH_MODE", OUTREACH_MODES, "auto"),
        ignore=read.ignore_list("IGNORE"),
        backfill_days=read.integer("BACKFILL_DAYS", 365, 0, 3650),
        follow_up_days=read.integer("FOLLOW_UP_DAYS", 7, 1, 365),
        max_attempts=read.integer("MAX_ATTEMPTS", 2, 1, 10),
        no_response_days=read.integer("NO_RESPONSE_DAYS", 14, 1, 365),
        poll_seconds=read.integer("POLL_SECONDS", 300, 10, 86400),
        imap_timeout=read.integer("IMAP_TIMEOUT", 60, 5, 600),
        retry_max_seconds=read.integer("RETRY_MAX_SECONDS", 900, 30, 86400),
        log_level=read.choice("LOG_LEVEL", ("DEBUG", "INFO", "WARNING", "ERROR"), "INFO", upper=True),
        timezone=read.zone("TIMEZONE", environ),
        thank_you_hours=read.integer("THANK_YOU_HOURS", 2, 0, 72),
        ask_follow_up_days=read.integer("ASK_FOLLOW_UP_DAYS", 7, 1, 90),
        prep_at=read.clock("PREP_AT", (7, 30)),
        my_pitch=read.optional("MY_PITCH") or "",
        ask_minutes=_ask_minutes(read),
        smtp=smtp_settings(read, user, login.password, login.password_command),
        check_in_days=_check_in_days(read),
        summary_at=_summary_at(read),
    )


class _Reader:
    """Reads one COFFEECHAT_* value at a time and says exactly what is wrong with it."""

    def __init__(self, values: Mapping[str, str]):
        self.values = values

    def optional(self, name: str) -> str | None:
        value = (self.values.get(PREFIX + name) or "").strip()
        if _CONTROL.search(value):
            raise SettingsError(f"{PREFIX}{name} contains a line break or control character: keep it on one line")
        return value or None

    def required(self, name: str, what: str) -> str:
        value = self.optional(name)
        if value is None:
            raise SettingsError(f"{PREFIX}{name} is missing: set it to {what}")
        return value

    def integer(self, name: str, default: int, low: int, high: int) -> int:
        raw = self.optional(name)
        if raw is None:
            return default
        try:
            value = int(raw)
        except ValueError:
            raise SettingsError(f"{PREFIX}{name}={raw!r} is not a whole number: use one from {low} to {high}") from None
        if not low <= value <= high:
            raise SettingsError(f"{PREFIX}{name}={value} is out of range: use one from {low} to {high}")
        return value

    def choice(self, name: str, allowed: tuple[str, ...], default: str, upper: bool = False) -> str:
        raw = self.optional(name)
        if raw is None:
            return default
        value = raw.upper() if upper else raw.lower()
        if value not in allowed:
            raise SettingsError(f"{PREFIX}{name}={raw!r} is not allowed: use one of {', '.join(allowed)}")
        return value

    def address_list(self, name: str) -> tuple[str, ...]:
        items = [item.strip().lower() for item in (self.optional(name) or "").split(",") if item.strip()]
        for item in items:
            if item.count("@") != 1 or any(c.isspace() or c in "<>\"" for c in item):
                raise SettingsError(
                    f"{PREFIX}{name}: {item!r} is not an email address; list bare addresses, comma-separated"
                )
        return tuple(dict.fromkeys(items))

    def zone(self, name: str, environ: Mapping[str, str]) -> str:
        """An IANA time zone name; unset: the machine's own (TZ, /etc/timezone, /etc/localtime), else UTC."""
        value = self.optional(name)
        if value is None:
            return machine_zone(environ)
        try:
            ZoneInfo(value)
            if value not in available_timezones() or value in ("localtime", "Factory"):  # files, not zones
                raise ZoneInfoNotFoundError(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise SettingsError(f"{PREFIX}{name}={value!r} is not a time zone: use an IANA name such as "
                                "America/New_York or Europe/Berlin") from None
        return value

    def clock(self, name: str, default: tuple[int, int]) -> tuple[int, int]:
        raw = self.optional(name)
        if raw is None:
            return default
        match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", raw)
        if not match:
            raise SettingsError(f"{PREFIX}{name}={raw!r} is not a time of day: use HH:MM, e.g. 07:30")
        return int(match.group(1)), int(match.group(2))

    def folder_list(self, name: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.strip() for f in (self.optional(name) or "").split(",") if f.strip()))

    def ignore_list(self, name: str) -> frozenset[str]:
        """Addresses (pat@family.example) and domains (family.example, or @family.example)."""
        items = [item.strip().lower().lstrip("@") for item in (self.optional(name) or "").split(",") if item.strip()]
        for item in items:
            if item.count("@") > 1 or any(c.isspace() or c in "<>\"" for c in item) or "." not in item:
                raise SettingsError(f"{PREFIX}{name}: {item!r} is neither an email address nor a domain; "
                                    "list addresses and domains, comma-separated, e.g. mom@example.com,family.example")
        return frozenset(items)

    def phrase_list(self, name: str) -> tuple[str, ...]:
        return tuple(p.strip().lower() for p in (self.optional(name) or "").split(",") if p.strip())

    def existing(self, name: str, what: str) -> str | None:
        """A path that must already exist as a "file" or a "folder"."""
        value = self.optional(name)
        if value is None:
            return None
        path = Path(value).expanduser()
        if not (path.is_file() if what == "file" else path.is_dir()):
            raise SettingsError(f"{PREFIX}{name}={value!r}: no such {what}; give the path of an existing {what}")
        return str(path)


def _refuse_unknown_names(values: Mapping[str, str]) -> None:
    for key in sorted(values):
        if key.startswith(PREFIX) and key[len(PREFIX):] not in NAMES:
            close = difflib.get_close_matches(key[len(PREFIX):], NAMES, n=1)
            fix = f"did you mean {PREFIX}{close[0]}?" if close else "see config.example.env for the settings there are"
            raise SettingsError(f"{key} is not a coffeechat setting: {fix}")


def _ca_file(read: _Reader, name: str = "IMAP_CA_FILE") -> str | None:
    path = read.existing(name, "file")
    if path is not None:
        try:
            ssl.create_default_context(cafile=path)
        except (ssl.SSLError, ValueError):
            raise SettingsError(f"{PREFIX}{name}={path!r} holds no usable certificate: give a PEM file") from None
    return path


def _is_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
        return True
    except ValueError:
        pass
    try:
        host.encode("idna")  # rejects empty labels ("imap..example.com") and over-long ones
    except UnicodeError:
        return False
    return all(c.isalnum() or c in "-." for c in host)


def _is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _check_in_days(read: _Reader) -> dict[str, int]:
    """COFFEECHAT_CHECK_IN_DAYS for every tier, COFFEECHAT_CHECK_IN_DAYS_<TIER> over it for one."""
    every = read.integer("CHECK_IN_DAYS", 90, 7, 3650)
    return {tier: read.integer(f"CHECK_IN_DAYS_{tier.upper()}", every, 7, 3650) for tier in TIERS}


def _ask_minutes(read: _Reader) -> int:
    """COFFEECHAT_ASK_MINUTES: what a first note asks for, the guides' 15 to 30 minutes."""
    raw = read.optional("ASK_MINUTES")
    if raw is None:
        return 20
    if not (raw.isascii() and raw.isdigit() and 15 <= int(raw) <= 30):
        raise SettingsError(f"{PREFIX}ASK_MINUTES={raw!r} is not a number of minutes from 15 to 30: the guides ask "
                            "for 15 to 30, short enough for a busy person to say yes to (ask for more once they have)")
    return int(raw)


def _provider(read: _Reader) -> tuple[Provider, bool]:
    """COFFEECHAT_PROVIDER, else the one the login's domain belongs to (guessed), else generic."""
    name = read.choice("PROVIDER", providers.NAMES, "")
    if name:
        return providers.PROVIDERS[name], False
    if read.optional("IMAP_HOST") is None:  # a host set by hand is the user's own choice: no guessing
        for address in [read.optional("IMAP_USER") or "", *(read.optional("MY_ADDRESSES") or "").split(",")]:
            found = providers.guess(address)
            if found is not None:
                return found, True
    return providers.PROVIDERS["generic"], False


def _summary_at(read: _Reader) -> SummaryAt | None:
    raw = read.optional("SUMMARY_AT")
    if raw is None:
        return SummaryAt(0, 8, 0)
    try:
        return parse_summary_at(raw)
    except ValueError as e:
        raise SettingsError(f"{PREFIX}SUMMARY_AT={raw!r} is not a weekly time: {e}") from None


def machine_zone(environ: Mapping[str, str]) -> str:
    """The machine's IANA time zone name, as TZ, /etc/timezone or the /etc/localtime link says; else UTC."""
    candidates = [environ.get("TZ", "").lstrip(":")]
    try:
        candidates.append(Path("/etc/timezone").read_text().strip())
    except OSError:
        pass
    try:
        link = str(Path("/etc/localtime").resolve())
        if "zoneinfo/" in link:
            candidates.append(link.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    for name in candidates:
        try:
            if name:
                ZoneInfo(name)
                return name
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return "UTC"


def _database(read: _Reader, environ: Mapping[str, str], user: str, host: str) -> str:
    """The contact log: a SQLite file, or a PostgreSQL URL carrying this mailbox's schema (contact_log/postgres.py)."""
    database = read.optional("DATABASE") or _default_database(environ)
    schema = read.optional("DATABASE_SCHEMA")
    if postgres.is_url(database):
        return postgres.with_schema(database, schema, user, host)
    if schema is not None:
        raise SettingsError("COFFEECHAT_DATABASE_SCHEMA is for a postgresql:// COFFEECHAT_DATABASE; this one is a "
                            "SQLite file, which holds one mailbox's log already: remove COFFEECHAT_DATABASE_SCHEMA")
    return database


def _default_database(environ: Mapping[str, str]) -> str:
    return str(Path(_data_home(environ)) / "coffeechat" / "coffeechat.sqlite3")


def _data_home(environ: Mapping[str, str]) -> str:
    return environ.get("XDG_DATA_HOME") or str(Path(environ.get("HOME", "~")).expanduser() / ".local" / "share")
