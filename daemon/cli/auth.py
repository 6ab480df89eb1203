"""`coffeechat auth gmail|outlook`: sign in with OAuth2 once; coffeechat keeps the sign-in fresh from then on."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path

from daemon import oauth2
from daemon import settings as settings_module
from daemon.errors import SettingsError
from daemon.mail.mailbox import Mailbox
from daemon.settings import Settings

NAMES = {"gmail": "Google", "outlook": "Microsoft"}


def add_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("auth", parents=[common],
                                 help="sign in with OAuth2 (Outlook and Microsoft 365 need it; Gmail may use it)")
    parser.add_argument("provider", choices=oauth2.PROVIDERS, metavar="PROVIDER",
                        help="gmail (a browser sign-in) or outlook (a code to type at Microsoft's page)")
    parser.add_argument("--no-browser", action="store_true",
                        help="gmail: only print the address to open, even where a browser could be started")


def command(args: argparse.Namespace, settings: Settings) -> int:
    provider = args.provider
    if settings.oauth2_app is None:
        raise SettingsError(f"{oauth2.CLIENT_ID} is missing: register coffeechat with {NAMES[provider]} and set the "
                            f"client ID it gives you (README: OAuth2 with {provider})")
    app = dataclasses.replace(settings.oauth2_app, provider=provider)
    path = Path(settings.oauth2_sign_in_file)
    wins = settings.oauth2_setting or ("a password setting" if settings.imap_password or
                                       settings.imap_password_command else None)
    if wins:
        print(f"Note: {wins} is set and wins over this sign-in: remove it once signed in, for coffeechat to use "
              "the sign-in.", flush=True)
    account = oauth2.sign_in(app, settings.imap_user, path, say=_say, answers=_answers(),
                             browser=not args.no_browser)
    print(f"Signed in to {NAMES[provider]} as {account}; the sign-in is kept in {path} (readable by you only).")
    if account.lower() != settings.imap_user.lower():
        print(f"Warning: COFFEECHAT_IMAP_USER is {settings.imap_user}, not {account}: sign in with that account, "
              "or change the setting")
    # What the other commands will do now: load the settings as they do, and log in with the sign-in.
    after = settings_module.load(getattr(args, "env_file", None))
    if after.imap_oauth2_sign_in is None:
        return 0  # a password or token command wins, as said above
    with Mailbox.connect(after) as box:
        method = box.login_method
    print(f"{after.imap_host} took it ({method}). coffeechat signs in this way from now on and renews the access "
          "itself; `coffeechat check` shows the folders it will use.")
    return 0


def _say(text: str) -> None:
    print(text, flush=True)  # a person (or a script) is waiting on these lines before anything else happens


def _answers():
    """Standard input, where the user may paste the address the browser ended on; None when there is none."""
    try:
        if sys.stdin is not None and os.fstat(sys.stdin.fileno()):
            return sys.stdin
    except (OSError, ValueError, AttributeError):
        pass
    return None
