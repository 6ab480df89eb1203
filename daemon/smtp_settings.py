"""Settings for sending the weekly summary by SMTP: optional, used only when COFFEECHAT_SMTP_HOST is set.

Without them the summary is APPENDed to INBOX over IMAP. Most providers share the IMAP
login, so the user, password and CA file fall back to the IMAP ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from daemon.errors import SettingsError
from daemon.password import TIMEOUT_SECONDS, from_command
from daemon.settings import PREFIX, _ca_file, _is_host, _is_loopback, _Reader

OAUTH2 = "the IMAP login's OAuth2 token"  # password_setting when SMTP logs in with it
NAMES = ("SMTP_HOST", "SMTP_PORT", "SMTP_TLS", "SMTP_USER", "SMTP_PASSWORD", "SMTP_PASSWORD_COMMAND", "SMTP_CA_FILE")
TLS_MODES = ("ssl", "starttls", "none")
DEFAULT_PORTS = {"ssl": 465, "starttls": 587, "none": 25}


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send the weekly summary; validated with the other settings at start-up."""

    host: str
    port: int
    tls: str                  # ssl (implicit TLS), starttls (required, never skipped) or none (loopback only)
    user: str
    # The password as given, or the command that prints it (run when connecting): exactly one is set.
    # Named `secret`, not `password`, because password() is the method that reads either.
    secret: str | None = field(default=None, repr=False)
    password_command: str | None = field(default=None, repr=False)
    ca_file: str | None = None
    # The setting the password came from, for messages: COFFEECHAT_SMTP_PASSWORD(_COMMAND), or an IMAP one.
    password_setting: str = PREFIX + "SMTP_PASSWORD"
    # No password anywhere: the IMAP login's OAuth2 access token, by XOAUTH2 (Gmail's and Microsoft's SMTP take it).
    oauth2: bool = False

    @property
    def on_loopback(self) -> bool:
        return _is_loopback(self.host)

    def password(self, timeout: float = TIMEOUT_SECONDS) -> str:
        """The password as given, or as the password command prints it now.

        Raises PasswordCommandError (a SettingsError) when the command fails, hangs or prints nothing.
        """
        if self.password_command is None:
            return self.secret or ""
        return from_command(self.password_command, timeout, name=self.password_setting)


def smtp_settings(read: _Reader, imap_user: str, imap_password: str | None,
                  imap_password_command: str | None) -> SmtpSettings | None:
    """The SMTP settings, or None when COFFEECHAT_SMTP_HOST is unset (the summary then goes to INBOX by IMAP)."""
    host = read.optional("SMTP_HOST")
    if host is None:
        _refuse_orphans(read)
        return None
    if not _is_host(host):
        raise SettingsError(f"{PREFIX}SMTP_HOST={host!r} is not a server name or address: e.g. smtp.fastmail.com")
    tls = read.choice("SMTP_TLS", TLS_MODES, "")
    port = read.integer("SMTP_PORT", DEFAULT_PORTS[tls or "ssl"], 1, 65535)
    tls = tls or ("starttls" if port == 587 else "ssl")  # 587 is the submission port, which speaks STARTTLS
    if tls == "none" and not _is_loopback(host):
        raise SettingsError(
            f"{PREFIX}SMTP_TLS=none is refused for {host!r}: plain text is allowed only to loopback; "
            "use ssl or starttls"
        )
    secret, command, source = _password_source(read, imap_password, imap_password_command)
    return SmtpSettings(
        host=host, port=port, tls=tls, user=read.optional("SMTP_USER") or imap_user,
        secret=secret, password_command=command, password_setting=source, oauth2=source == OAUTH2,
        ca_file=_ca_file(read, "SMTP_CA_FILE") or _ca_file(read, "IMAP_CA_FILE"),
    )


def _password_source(read: _Reader, imap_password: str | None,
                     imap_password_command: str | None) -> tuple[str | None, str | None, str]:
    """The SMTP password or its command (not both), else the IMAP ones; and the setting it came from."""
    raw = read.values.get(PREFIX + "SMTP_PASSWORD") or ""
    secret = raw if raw.strip() else None  # spaces may be part of a password: keep them
    command = read.optional("SMTP_PASSWORD_COMMAND")
    if secret and command:
        raise SettingsError(f"{PREFIX}SMTP_PASSWORD and {PREFIX}SMTP_PASSWORD_COMMAND are both set: keep only one")
    if secret:
        return secret, None, PREFIX + "SMTP_PASSWORD"
    if command:
        return None, command, PREFIX + "SMTP_PASSWORD_COMMAND"
    if imap_password_command:
        return None, imap_password_command, PREFIX + "IMAP_PASSWORD_COMMAND"
    if imap_password is None:  # the IMAP login is by OAuth2: its token, which Gmail's and Microsoft's SMTP take
        return None, None, OAUTH2
    return imap_password, None, PREFIX + "IMAP_PASSWORD"


def _refuse_orphans(read: _Reader) -> None:
    """An SMTP setting without COFFEECHAT_SMTP_HOST would be silently ignored: say so instead."""
    for name in NAMES:
        if (read.values.get(PREFIX + name) or "").strip():
            raise SettingsError(f"{PREFIX}{name} is set but {PREFIX}SMTP_HOST is not: set {PREFIX}SMTP_HOST to "
                                f"send the weekly summary by SMTP, or remove {PREFIX}{name}")
