"""Provider profiles: what Gmail, Outlook, iCloud, Yahoo and Fastmail need, so a user sets only their address.

Pure. A profile fills in the IMAP host, port and TLS mode and says how that provider lets
IMAP clients log in; folder names it uses are tried first. Anything the user sets wins.
The provider is guessed from the address's domain when COFFEECHAT_PROVIDER is not set.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Provider:
    name: str
    host: str
    port: int
    tls: str
    login: str                       # how this provider lets an IMAP client in, in its own words
    sent: tuple[str, ...] = ()       # folder names it uses, tried before the common ones
    drafts: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()    # addresses at these domains are this provider's


PROVIDERS = {p.name: p for p in (
    Provider("gmail", "imap.gmail.com", 993, "ssl",
             "an app password (Google Account > Security > 2-Step Verification > App passwords), or OAuth2",
             ("[Gmail]/Sent Mail",), ("[Gmail]/Drafts",), ("gmail.com", "googlemail.com")),
    Provider("outlook", "outlook.office365.com", 993, "ssl",
             "OAuth2 only: Microsoft no longer accepts passwords for IMAP (COFFEECHAT_IMAP_OAUTH2_TOKEN_COMMAND)",
             ("Sent Items",), ("Drafts",), ("outlook.com", "hotmail.com", "live.com", "msn.com", "outlook.de",
                                           "hotmail.co.uk", "hotmail.fr", "live.co.uk")),
    Provider("icloud", "imap.mail.me.com", 993, "ssl",
             "an app-specific password (appleid.apple.com > Sign-In and Security > App-Specific Passwords)",
             ("Sent Messages",), ("Drafts",), ("icloud.com", "me.com", "mac.com")),
    Provider("yahoo", "imap.mail.yahoo.com", 993, "ssl",
             "an app password (Yahoo Account Security > Generate app password)",
             ("Sent",), ("Draft",), ("yahoo.com", "ymail.com", "rocketmail.com", "yahoo.co.uk", "yahoo.fr")),
    Provider("fastmail", "imap.fastmail.com", 993, "ssl",
             "an app password with IMAP access (Settings > Privacy & Security > Manage app passwords)",
             ("Sent",), ("Drafts",), ("fastmail.com", "fastmail.fm", "fastmail.net", "fastmail.org")),
    Provider("generic", "", 993, "ssl", "your password (an app password where the provider offers one)"),
)}
NAMES = tuple(PROVIDERS)


def guess(address: str) -> Provider | None:
    """The provider an address belongs to, by its domain; None for any other domain (a work or own domain)."""
    domain = address.rpartition("@")[2].strip().lower()
    return next((p for p in PROVIDERS.values() if domain in p.domains), None)
