"""How coffeechat logs in to IMAP, from the settings: exactly one source, or a clear line naming the choice.

In order: a password (COFFEECHAT_IMAP_PASSWORD, or the command that prints it), an OAuth2
access token (the command that prints it, or the systemd credential oauth2-token), or the
sign-in that `coffeechat auth gmail|outlook` stored beside the contact log. Under systemd
the credential imap-password stands in for the password.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from daemon import oauth2
from daemon.errors import SettingsError
from daemon.password import OAUTH2_CREDENTIAL, OAUTH2_NAME

if TYPE_CHECKING:
    from daemon.settings import _Reader

PREFIX = "COFFEECHAT_"
NAMES = ("OAUTH2_CLIENT_ID", "OAUTH2_CLIENT_SECRET", "OAUTH2_AUTHORITY")


@dataclass(frozen=True)
class Login:
    password: str | None = None
    password_command: str | None = None
    token_command: str | None = None
    token_file: str | None = None        # the systemd credential oauth2-token
    sign_in: str | None = None           # the file `coffeechat auth` wrote


def login(read: _Reader, environ: Mapping[str, str], sign_in: Path, app: oauth2.App | None,
          signing_in: bool = False) -> Login:
    """The one login source; signing_in (the `auth` command itself): none is needed yet."""
    token_command, token_file = _oauth2_source(read, environ)
    if token_command or token_file:
        return Login(token_command=token_command, token_file=token_file)
    if not _any_password(read, environ):
        if signing_in:
            return Login()
        if sign_in.exists():
            if app is None:
                raise SettingsError(f"{oauth2.CLIENT_ID} is missing: the sign-in in {sign_in} needs the client ID "
                                    "it was made with (README: OAuth2)")
            return Login(sign_in=str(sign_in))
    secret, command = _password_source(read, environ, sign_in_hint=not signing_in)
    return Login(password=secret, password_command=command)


def oauth2_app(read: _Reader, provider: str) -> oauth2.App | None:
    """The app registered for `coffeechat auth` (README says how), or None when no client ID is set."""
    client_id = read.optional("OAUTH2_CLIENT_ID")
    secret = read.optional("OAUTH2_CLIENT_SECRET")
    authority = read.optional("OAUTH2_AUTHORITY") or ""
    if client_id is None:
        for name in ("OAUTH2_CLIENT_SECRET", "OAUTH2_AUTHORITY"):
            if (read.values.get(PREFIX + name) or "").strip():
                raise SettingsError(f"{PREFIX}{name} is set but {oauth2.CLIENT_ID} is not: set the client ID of "
                                    "the app you registered (README: OAuth2), or remove it")
        return None
    if authority and not re.fullmatch(r"https://[^/\s]+/[^\s]+", authority):
        raise SettingsError(f"{PREFIX}OAUTH2_AUTHORITY={authority!r} is not an https:// address with a tenant or "
                            "path (e.g. https://login.microsoftonline.us/organizations): leave it unset for the "
                            "provider's own")
    return oauth2.App(provider if provider in oauth2.PROVIDERS else "", client_id, secret, authority.rstrip("/"))


def _any_password(read: _Reader, environ: Mapping[str, str]) -> bool:
    return bool((read.values.get(PREFIX + "IMAP_PASSWORD") or "").strip() or read.optional("IMAP_PASSWORD_COMMAND")
                or _credential(environ, "imap-password"))


def _password_source(read: _Reader, environ: Mapping[str, str],
                     sign_in_hint: bool = True) -> tuple[str | None, str | None]:
    """The password given directly, or the command that prints it: exactly one of the two.

    Under systemd, a credential named imap-password (LoadCredential=) stands in for both.
    """
    raw = read.values.get(PREFIX + "IMAP_PASSWORD") or ""
    secret = raw if raw.strip() else None  # spaces may be part of a password: keep them
    command = read.optional("IMAP_PASSWORD_COMMAND")
    if secret is None and command is None:
        secret = _credential(environ, "imap-password")
    if secret and command:
        raise SettingsError(
            "COFFEECHAT_IMAP_PASSWORD and COFFEECHAT_IMAP_PASSWORD_COMMAND are both set: keep only one"
        )
    if not secret and not command:
        raise SettingsError(
            "COFFEECHAT_IMAP_PASSWORD is missing: set it (an app password) or set "
            "COFFEECHAT_IMAP_PASSWORD_COMMAND to a command that prints it (or, for OAuth2, "
            "COFFEECHAT_IMAP_OAUTH2_TOKEN_COMMAND to one that prints an access token"
            + (", or sign in with `coffeechat auth gmail` or `coffeechat auth outlook`)" if sign_in_hint else ")")
        )
    return secret, command


def _oauth2_source(read: _Reader, environ: Mapping[str, str]) -> tuple[str | None, str | None]:
    """The command that prints an OAuth2 access token, or the file of the systemd credential oauth2-token.

    An alternative to the password and its command: given with either, it is an error naming them.
    The credential stands in only when no password or command is set, and not beside imap-password.
    """
    command = read.optional("IMAP_OAUTH2_TOKEN_COMMAND")
    passwords = [PREFIX + name for name in ("IMAP_PASSWORD", "IMAP_PASSWORD_COMMAND")
                 if (read.values.get(PREFIX + name) or "").strip()]
    if command:
        if passwords:
            named = f"{', '.join(passwords)} and {OAUTH2_NAME} are {'both' if len(passwords) == 1 else 'all'} set"
            raise SettingsError(f"{named}: keep only one (a password, or a command that prints an OAuth2 token)")
        return command, None
    if passwords:
        return None, None
    folder = environ.get("CREDENTIALS_DIRECTORY")
    if not folder or not (Path(folder) / OAUTH2_CREDENTIAL).exists():
        return None, None
    if _credential(environ, "imap-password") is not None:
        raise SettingsError(f"the systemd credentials imap-password and {OAUTH2_CREDENTIAL} are both given: "
                            "keep only one (LoadCredential= in the unit)")
    return None, str(Path(folder) / OAUTH2_CREDENTIAL)


def _credential(environ: Mapping[str, str], name: str) -> str | None:
    """A systemd credential ($CREDENTIALS_DIRECTORY/name), without its trailing newline; None when absent."""
    folder = environ.get("CREDENTIALS_DIRECTORY")
    if not folder:
        return None
    try:
        value = (Path(folder) / name).read_text(encoding="utf-8").rstrip("\r\n")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as e:
        raise SettingsError(f"the systemd credential {name} in $CREDENTIALS_DIRECTORY cannot be read "
                            f"({type(e).__name__}): check LoadCredential= in the unit") from None
    return value or None
