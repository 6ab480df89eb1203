"""Signing in with OAuth2 (`coffeechat auth gmail|outlook`), and the fresh access token every connection needs.

Microsoft: the device-code flow through msal (the user opens a page on any device and types
a code), because the daemon usually runs where no browser is. Google does not allow the
Gmail scope in the device flow, so Gmail uses the loopback flow through authlib: a one-shot
listener on 127.0.0.1 takes the browser's redirect, and a user whose browser is on another
machine pastes the address the browser ended on instead.

The sign-in (the refresh token, never the password) is kept 0600 beside the contact log.
Every connection asks `access_token()`, which refreshes it when less than five minutes are
left and writes back what the provider rotated, under a lock (the daemon's first cycle, its
waiting connection and a `coffeechat check` may ask at once). Tokens are never logged or put in a message.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from daemon.errors import LoginRefused, MailboxError, PasswordCommandError, SettingsError

PROVIDERS = ("gmail", "outlook")
SCOPES = {
    # IMAP and SMTP (the summary) on Exchange Online; msal adds offline_access, openid and profile itself.
    "outlook": ("https://outlook.office.com/IMAP.AccessAsUser.All", "https://outlook.office.com/SMTP.Send"),
    "gmail": ("https://mail.google.com/",),  # Google's one scope for IMAP and SMTP
}
AUTHORITIES = {
    "outlook": "https://login.microsoftonline.com/common",  # work, school and personal accounts
    "gmail": "https://accounts.google.com",                 # its /.well-known/openid-configuration names the rest
}
CLIENT_ID = "COFFEECHAT_OAUTH2_CLIENT_ID"
EARLY_SECONDS = 300       # refresh an access token this long before it expires
HTTP_SECONDS = 30         # one request to the provider
FILE_NAME = "oauth2-sign-in.json"


@dataclass(frozen=True)
class App:
    """The app the user registered with the provider (README says how), from the settings."""

    provider: str                      # gmail or outlook; empty in the settings (the sign-in file says which)
    client_id: str
    client_secret: str | None = None   # Google's desktop apps have one; it is not really secret, but never logged
    authority: str = ""                # empty: the provider's own

    @property
    def where(self) -> str:
        return self.authority or AUTHORITIES[self.provider]


class SignInError(SettingsError):
    """The sign-in could not be made (refused, cancelled, timed out): nothing was stored. Exit 2."""


def sign_in_path(database: str, data_home: str) -> Path:
    """Where the sign-in is kept: beside a SQLite contact log, else in coffeechat's data folder."""
    if "://" in database:
        return Path(data_home) / "coffeechat" / FILE_NAME
    return Path(database).expanduser().parent / FILE_NAME


# --- Signing in ---------------------------------------------------------------------------------------------------

def sign_in(app: App, user: str, path: Path, say: Callable[[str], None], answers: IO[str] | None = None,
            browser: bool = True, timeout: float = 600) -> str:
    """Run the provider's flow, store the sign-in at `path` (0600) and return the account signed in.

    answers: where a pasted redirect address may come from (Gmail's flow), usually stdin.
    """
    from daemon import oauth2_flows  # msal, authlib and requests load only when signing in or refreshing

    with _network(app):
        if app.provider == "outlook":
            record = oauth2_flows.device_code(app, SCOPES["outlook"], user, say, timeout)
        else:
            record = oauth2_flows.loopback(app, SCOPES["gmail"], user, say, answers, browser, timeout)
    record.update(provider=app.provider, client_id=app.client_id, authority=app.where, user=user)
    with _locked(path):
        _write(path, record)
    return str(record.get("account") or user)


def access_token(app: App, path: Path) -> str:
    """A fresh access token from the stored sign-in, refreshed when it has under five minutes left.

    LoginRefused when the provider refuses the refresh (revoked, expired, password changed):
    only a new `coffeechat auth` helps, so the daemon waits long before it asks again.
    MailboxError when the provider cannot be reached (try again soon).
    """
    from daemon import oauth2_flows

    with _locked(path):
        record = _read(path)
        provider = record.get("provider")
        if provider not in PROVIDERS or record.get("client_id") != app.client_id:
            raise PasswordCommandError(f"the sign-in in {path} was made with another {CLIENT_ID}: set it back, or run "
                                f"`coffeechat auth {provider if provider in PROVIDERS else 'PROVIDER'}` again")
        stored = App(provider, app.client_id, app.client_secret, record.get("authority") or "")
        with _network(stored):
            token, changed = oauth2_flows.refreshed(stored, SCOPES[provider], record, time.time() + EARLY_SECONDS)
        if changed:
            _write(path, record)
    return token


def describe(path: Path) -> str:
    """The stored sign-in in words for `check`: provider and account, never a token."""
    try:
        record = _read(path)
    except PasswordCommandError as e:
        return str(e)
    return f"the sign-in of `coffeechat auth {record.get('provider')}` for {record.get('account') or '?'}"


# --- The file -----------------------------------------------------------------------------------------------------

def _read(path: Path) -> dict:
    """The stored sign-in; PasswordCommandError (the daemon tries again at the next poll) when it is unusable."""
    again = "run `coffeechat auth` to sign in again"
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PasswordCommandError(f"the OAuth2 sign-in {path} is gone: {again}") from None
    except (OSError, UnicodeDecodeError, ValueError) as e:
        raise PasswordCommandError(f"the OAuth2 sign-in {path} cannot be read ({type(e).__name__}): {again}") from None
    if not isinstance(record, dict):
        raise PasswordCommandError(f"the OAuth2 sign-in {path} is not one coffeechat wrote: {again}")
    return record


def _write(path: Path, record: dict) -> None:
    """Replace the file whole (a crash leaves the old or the new one), readable by its owner only."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    try:  # a new file of our own: never one planted there, nor a symlink to one
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except OSError as e:
        raise PasswordCommandError(f"the OAuth2 sign-in cannot be saved in {path.parent} ({type(e).__name__}): "
                                   "check that folder's owner and space") from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            json.dump(record, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """One refresh at a time per sign-in, across processes (a lock file beside it, never removed)."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        lock = open(path.with_name(f".{path.name}.lock"), "a")  # noqa: SIM115 (held for the block below)
    except OSError as e:  # e.g. `sudo coffeechat auth` left files root's own
        raise PasswordCommandError(f"the OAuth2 sign-in in {path.parent} cannot be used ({type(e).__name__}): "
                                   "it must belong to the user coffeechat runs as; run `coffeechat auth` as "
                                   "that user") from None
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


@contextlib.contextmanager
def _network(app: App) -> Iterator[None]:
    """The provider's answers turned into our errors; the request's own text never, as it may hold a token."""
    import requests
    from msal.exceptions import MsalServiceError

    host = app.where.split("/")[2] if "//" in app.where else app.where
    try:
        yield
    except MsalServiceError as e:  # Microsoft answered 5xx: an outage, not a refusal
        said = getattr(e, "error", "") or "server error"  # msal keeps it under a private name in some versions
        raise MailboxError(f"{host} could not answer the OAuth2 sign-in just now ({said})") from None
    except requests.exceptions.SSLError:
        raise MailboxError(f"the certificate of {host} could not be verified: check the machine's clock and "
                           "certificates") from None
    except requests.exceptions.RequestException as e:
        raise MailboxError(f"could not reach {host} for the OAuth2 sign-in ({type(e).__name__}): check the "
                           "network") from None


def refused(provider: str, error: str) -> LoginRefused:
    """The provider would not refresh the sign-in: the words for it, with the fix."""
    return LoginRefused(f"{provider} refused to refresh the OAuth2 sign-in ({error}): it was revoked or has "
                        f"expired; run `coffeechat auth {provider}` again")
