"""A password printed by a command (COFFEECHAT_IMAP_ or _SMTP_PASSWORD_COMMAND): run only when connecting, never stored.

The same for an OAuth2 access token (COFFEECHAT_IMAP_OAUTH2_TOKEN_COMMAND, or the systemd credential oauth2-token).

Running it at connect time, not when settings load, lets the commands that only read the
contact log work while the keyring is locked, and lets the daemon try again next cycle.
"""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

from daemon.errors import PasswordCommandError

NAME = "COFFEECHAT_IMAP_PASSWORD_COMMAND"
OAUTH2_NAME = "COFFEECHAT_IMAP_OAUTH2_TOKEN_COMMAND"
OAUTH2_CREDENTIAL = "oauth2-token"  # the systemd credential that may stand in for OAUTH2_NAME
TIMEOUT_SECONDS = 60


def from_command(command: str, timeout: float = TIMEOUT_SECONDS, name: str = NAME, what: str = "password") -> str:
    """The first line the command prints (like mbsync's PassCmd); its output is never logged or quoted.

    name is the setting that holds the command, and what it prints, for the error messages.
    """
    # Its own session, so a hung command is stopped with everything it started (an agent, a
    # pinentry, a `sleep`), not just the shell, whose children would otherwise live on.
    with subprocess.Popen(command, shell=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          start_new_session=True) as process:
        try:
            out, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _stop_group(process)
            raise PasswordCommandError(
                f"{name} did not finish within {timeout:g} s and was stopped: run it by hand to see why"
            ) from None
        except BaseException:
            _stop_group(process)  # Ctrl-C or SIGTERM: in its own session it would not hear them, so stop it here
            raise
    if process.returncode != 0:
        raise PasswordCommandError(f"{name} failed (exit {process.returncode}): run it by hand to see why")
    try:
        first_line = out.split(b"\n", 1)[0].rstrip(b"\r").decode("utf-8")
    except UnicodeDecodeError:
        raise PasswordCommandError(f"{name} printed something that is not UTF-8 text: check the command") from None
    if not first_line:
        raise PasswordCommandError(f"{name} printed nothing: it must print the {what} on its first line")
    return first_line


def from_credential(path: str, name: str) -> str:
    """The first line of a systemd credential file, read now (a token there is replaced as it expires)."""
    where = f"the systemd credential {name} in $CREDENTIALS_DIRECTORY"
    try:
        first_line = Path(path).read_text(encoding="utf-8").split("\n", 1)[0].rstrip("\r")
    except FileNotFoundError:
        raise PasswordCommandError(f"{where} is gone: check LoadCredential= in the unit") from None
    except (OSError, UnicodeDecodeError) as e:
        raise PasswordCommandError(f"{where} cannot be read ({type(e).__name__}): check LoadCredential= "
                                   "in the unit") from None
    if not first_line:
        raise PasswordCommandError(f"{where} is empty: it must hold the access token on its first line")
    return first_line


def _stop_group(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)  # the session leader's pid is its group's id
    except ProcessLookupError:
        pass  # the whole group has already exited
    process.wait()
