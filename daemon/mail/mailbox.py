"""The IMAP edge: connect securely, find the folders, fetch new messages' headers, place drafts.

Only this module talks IMAP. Every low-level failure (socket, TLS, protocol) is turned
into a MailboxError with one line the user can act on; the password never appears in one.
"""

from __future__ import annotations

import imaplib
import logging
import re
import select
import socket
import ssl
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime

from imapclient import IMAPClient, SocketTimeout
from imapclient.exceptions import IMAPClientError

from daemon import tls
from daemon.errors import ConnectionLost, LoginRefused, MailboxError, Throttled
from daemon.mail.bodystructure import calendar_sections, decoded
from daemon.mail.fetch_reader import Fetched, fetched_items, uid_set
from daemon.mail.messages import has_whole_header, message_ids
from daemon.mail.sent_folders import FolderInfo, looks_sent
from daemon.providers import PROVIDERS
from daemon.settings import Settings

log = logging.getLogger(__name__)

CHUNK = 200          # UIDs per FETCH: servers reject over-long UID lists
FETCH_CHUNK = 2000   # for headers and beginnings: the UIDs go as ranges (1:500,502), so a command stays short
REFRESH_TRIES = 3  # STATUS asked again while new mail keeps being announced; then the folder is opened again
BODY_BYTES = 32_768  # how much of a message is fetched when the headers are not enough
# A suspected delivery report may quote 60 KB of the returned message's HTML before its own words
# (AOL's do): enough for those, and still bounded, as report parsing is.
REPORT_BYTES = 131_072
CALENDAR_BYTES = 262_144  # the most of one calendar part fetched
# The most of a message's chosen header fields fetched at once: real ones are a few KB (References of 50 ids,
# a To of 200 people), while a hostile Subject or References may run to megabytes. A message whose fields
# pass it has them fetched again one by one, each up to FIELD_BYTES, so one huge field hides none of the rest.
HEADER_BYTES = 65_536
FIELD_BYTES = 8_192
GREETING_SECONDS = 10  # an IMAP server greets at once; silence means a wrong port or TLS mode

# Names providers use when a folder carries no SPECIAL-USE flag, most common first.
COMMON_NAMES = {
    "sent": ("Sent", "Sent Items", "Sent Messages", "Sent Mail", "[Gmail]/Sent Mail", "INBOX.Sent", "INBOX/Sent"),
    "drafts": ("Drafts", "Draft", "[Gmail]/Drafts", "INBOX.Drafts", "INBOX/Drafts"),
}
SPECIAL_USE = {"sent": b"\\Sent", "drafts": b"\\Drafts"}
# OAuth2 SASL mechanisms, in the order tried: XOAUTH2 first, the one Gmail and Microsoft 365 are known to take.
OAUTH2_MECHANISMS = ("XOAUTH2", "OAUTHBEARER")


@dataclass(frozen=True)
class Folders:
    inbox: str              # where mail arrives, and where the summary and prep notes are put
    sent: tuple[str, ...]   # one or several: what the user sent may be filed in more than one
    drafts: str
    sent_like: tuple[str, ...] = ()  # every folder that looks like a Sent folder, read or not
    why: tuple[tuple[str, str], ...] = ()  # (role, how it was found): "its \\Sent flag", "its name", "the setting"
    all_mail: str = ""      # Gmail's All Mail: replies archived or filed under a label are only there

    @property
    def incoming(self) -> str:
        """The folder replies are read from: Gmail's All Mail where there is one, else the inbox."""
        return self.all_mail or self.inbox


class Mailbox:
    """A logged-in IMAP connection. Use as a context manager: `with Mailbox.connect(s) as box:`."""

    def __init__(self, client: IMAPClient, settings: Settings):
        self.client = client
        self.settings = settings
        self.selected: str | None = None
        self.login_method = "password"  # or the OAuth2 mechanism used: XOAUTH2, OAUTHBEARER

    @classmethod
    def connect(cls, settings: Settings, greeting_timeout: float = GREETING_SECONDS) -> Mailbox:
        """Log in, or raise MailboxError (PasswordCommandError when the password or token command fails).

        With an OAuth2 token (COFFEECHAT_IMAP_OAUTH2_TOKEN_COMMAND) the login is XOAUTH2 or
        OAUTHBEARER, whichever the server advertises; otherwise LOGIN (AUTHENTICATE PLAIN for UTF-8).

        greeting_timeout bounds the TCP connect, the TLS handshake and the wait for the server's
        first line; later reads may take up to COFFEECHAT_IMAP_TIMEOUT seconds.
        """
        # Before connecting: a slow password or token command must not idle a login. A token is asked
        # for at every connection, never kept: the helper that prints it refreshes it when it expires.
        token = settings.oauth2_token()
        secret = settings.password() if token is None else ""
        client = _open(settings, greeting_timeout)
        where = f"{settings.imap_host}:{settings.imap_port}"
        if token is not None:
            box = cls(client, settings)
            box.login_method = _oauth2_login(client, settings, token, where)
            return box
        try:
            if (settings.imap_user + secret).isascii():
                client.login(settings.imap_user, secret)
            else:  # LOGIN is ASCII-only; AUTHENTICATE PLAIN carries UTF-8
                client.plain_login(settings.imap_user, secret)
        except (imaplib.IMAP4.error, IMAPClientError, UnicodeError) as e:  # never quote these: they hold the secret
            # imaplib's abort (a subclass of IMAP4.error) is a broken connection, not a refusal;
            # imapclient re-raises it as a LoginError, so look at what it was raised from.
            broken = next((c for c in (e, e.__context__) if isinstance(c, (imaplib.IMAP4.abort, OSError))), None)
            if broken is not None:
                raise MailboxError(f"lost the connection to {where} while logging in: "
                                   f"{_reason(broken)}") from None
            raise LoginRefused(
                f"{where} refused the login for {settings.imap_user}: check COFFEECHAT_IMAP_USER and the "
                "password (most providers want an app password)"
            ) from None
        except OSError as e:
            raise MailboxError(f"lost the connection to {where} while logging in: {_reason(e)}") from None
        return cls(client, settings)

    def drop(self) -> None:
        """Close the connection without a word: it may be stalled, or in the middle of a command."""
        try:
            self.client.shutdown()
        except Exception:
            pass

    def __enter__(self) -> Mailbox:
        return self

    def __exit__(self, kind: type | None, error: BaseException | None, tb: object) -> None:
        try:
            if error is not None and not isinstance(error, Exception):
                # Ctrl-C or SIGTERM mid-command (half an APPEND sent, say): the server would read a
                # LOGOUT as the rest of it and never answer. Close the connection instead.
                self.client.shutdown()
            else:
                self.client.logout()
        except Exception:  # the connection may already be gone; nothing to save
            pass

    def folders(self) -> Folders:
        """Inbox, Sent and Drafts: setting overrides first, then SPECIAL-USE flags, then common names."""
        with self._errors("list folders"):
            listing = self.client.list_folders()
        names = {name for _, _, name in listing}
        sent_like = tuple(name for flags, _, name in listing
                          if not {b"\\Noselect", b"\\NonExistent"} & set(flags)  # a parent, not a folder of mail
                          and (SPECIAL_USE["sent"] in flags or name in COMMON_NAMES["sent"] or looks_sent(name)))
        found: dict[str, tuple[str, ...]] = {}
        why: list[tuple[str, str]] = []
        profile = PROVIDERS.get(self.settings.provider)
        for role in ("sent", "drafts"):
            overrides = self.settings.sent_folders if role == "sent" else tuple(filter(None, [
                self.settings.drafts_folder]))
            if overrides:
                missing = [name for name in overrides if name not in names]
                if missing:
                    raise MailboxError(
                        f"COFFEECHAT_{role.upper()}_FOLDER names {missing[0]!r}, which is not a folder here; "
                        f"folders are: {', '.join(sorted(names))}"
                    )
                found[role] = overrides
                why.append((role, f"COFFEECHAT_{role.upper()}_FOLDER"))
                continue
            flagged = [name for flags, _, name in listing if SPECIAL_USE[role] in flags]
            hints = (getattr(profile, role, ()) if profile else ()) + COMMON_NAMES[role]  # the provider's first
            named = [n for n in dict.fromkeys(hints) if n in names]
            if not flagged and not named:
                raise MailboxError(
                    f"no {role.capitalize()} folder found (no SPECIAL-USE flag, no usual name); "
                    f"set COFFEECHAT_{role.upper()}_FOLDER to one of: {', '.join(sorted(names))}"
                )
            found[role] = ((flagged or named)[0],)
            flag = SPECIAL_USE[role].decode()
            why.append((role, f"its {flag} flag" if flagged else "its name"))
        inbox = self.settings.inbox_folder or "INBOX"
        all_mail = "" if self.settings.inbox_folder else self._gmail_all_mail(listing)
        if all_mail:
            why.append(("inbox", "its \\All flag (Gmail keeps archived and labelled mail there too)"))
        return Folders(inbox=inbox, sent=found["sent"], drafts=found["drafts"][0], sent_like=sent_like,
                       why=tuple(why), all_mail=all_mail)

    def _gmail_all_mail(self, listing: list) -> str:
        """Gmail's All Mail (flagged \\All, whatever the language), on Gmail only: a reply the user's filter
        archived or labelled never shows in INBOX. Elsewhere an \\All folder is a search, not the mail."""
        if self.settings.provider != "gmail" and "X-GM-EXT-1" not in self.capabilities():
            return ""
        return next((name for flags, _, name in listing if b"\\All" in flags
                     and not {b"\\Noselect", b"\\NonExistent"} & set(flags)), "")

    def capabilities(self) -> tuple[str, ...]:
        """What the server offers that matters here: IDLE, SPECIAL-USE, CONDSTORE, Gmail's extensions, logins."""
        with self._errors("ask what the server offers"):
            offered = {c.decode("ascii", "replace").upper() for c in self.client.capabilities()}
        wanted = ("IDLE", "SPECIAL-USE", "CONDSTORE", "X-GM-EXT-1", "AUTH=PLAIN", "AUTH=XOAUTH2", "AUTH=OAUTHBEARER")
        return tuple(c for c in wanted if c in offered)

    def info(self, folder: str) -> FolderInfo:
        """Message count and newest arrival of a folder, without selecting it for long."""
        uidvalidity, uidnext = self.select(folder)
        with self._errors(f"search {folder}"):
            uids = self.client.search(["ALL"])
        newest = None
        if uids:
            with self._errors(f"fetch from {folder}"):
                data = self.client.fetch([max(uids)], ["INTERNALDATE"])
            newest = next(iter(data.values()), {}).get(b"INTERNALDATE")
        return FolderInfo(folder, len(uids), newest)

    def select(self, folder: str) -> tuple[int, int]:
        """Select a folder read-only; return its UIDVALIDITY and UIDNEXT."""
        with self._errors(f"open folder {folder}"):
            info = self.client.select_folder(folder, readonly=True)
        self.selected = folder
        return int(info.get(b"UIDVALIDITY", 0)), int(info.get(b"UIDNEXT", 0))

    def refresh(self, folder: str) -> tuple[int, int] | None:
        """For the folder this connection has open already: its UIDVALIDITY and UIDNEXT as select() gives
        them, without opening it again (on a big Maildir that re-reads the whole folder); None when mail
        kept arriving while it asked (then select() it).

        A STATUS of the open folder answers from the connection's own view of it (Dovecot's does), so a
        NOOP brings the view up to date first. The NOOP after makes the view hold every message below that
        UIDNEXT (RFC 3501 6.1.2), so a search that follows finds them all; when that NOOP announces new mail
        (it came after the STATUS), the STATUS is asked again: the announcement is not made twice."""
        assert self.selected == folder
        with self._errors(f"ask about folder {folder}"):
            self.client.noop()
        for _ in range(REFRESH_TRIES):
            validity, uidnext = self.status(folder)
            with self._errors(f"ask about folder {folder}"):
                said = self.client.noop()[1]
            if not any(_announces_mail(r) for r in said):
                return validity, uidnext
        return None

    def use(self, folder: str) -> None:
        """Have this folder selected: left as it is when it already is (a SELECT may re-read a big folder)."""
        if self.selected != folder:
            self.select(folder)

    def status(self, folder: str) -> tuple[int, int]:
        """UIDVALIDITY and UIDNEXT without selecting: one round trip that tells whether anything is new."""
        return self.counts(folder)[:2]

    def counts(self, folder: str) -> tuple[int, int, int]:
        """UIDVALIDITY, UIDNEXT and MESSAGES: unchanged, the folder holds the very same messages
        (anything added moves UIDNEXT, anything removed moves MESSAGES)."""
        with self._errors(f"ask about folder {folder}"):
            info = self.client.folder_status(folder, [b"UIDVALIDITY", b"UIDNEXT", b"MESSAGES"])
        return int(info.get(b"UIDVALIDITY", 0)), int(info.get(b"UIDNEXT", 0)), int(info.get(b"MESSAGES", 0))

    def can_idle(self) -> bool:
        with self._errors("ask what the server offers"):
            return b"IDLE" in self.client.capabilities()

    def idle(self, seconds: float, wake_fd: int) -> str:
        """Wait in IDLE on the selected folder: "mail" when something arrived, "woken" for wake_fd, else "quiet".

        After "woken", or an error, the connection is left mid-IDLE: close it with `drop()`.

        The wait is a select() on the connection and wake_fd (a signal's self-pipe): no CPU
        is used until the server speaks, a signal comes, or the time is up.
        """
        with self._errors(f"wait for new mail in {self.selected}"):
            # Mail that came while we were not idling is announced on the next command: ask first.
            if any(_announces_mail(r) for r in self.client.noop()[1]):
                return "mail"
            self.client.idle()
            sock = self.client.socket()
            pending = getattr(sock, "pending", lambda: 0)()  # TLS may hold decrypted bytes already
            ready = [sock] if pending else select.select([sock, wake_fd], [], [], max(seconds, 0))[0]
            if wake_fd in ready:
                return "woken"  # still in IDLE: a signal wants us elsewhere, so the caller drops the connection
            news = self.client.idle_check(timeout=0) if ready else []
            # What the server says while ending IDLE counts too: it is not said again.
            news += self.client.idle_done()[1]
            return "mail" if any(_announces_mail(r) for r in news) else "quiet"

    def new_uids(self, after_uid: int | None, since: date) -> list[int]:
        """UIDs in the selected folder after the cursor, or, with no cursor, since a date."""
        with self._errors(f"search {self.selected}"):
            if after_uid is None:
                uids = self.client.search(["SINCE", since])
            else:
                # "N:*" always matches the highest UID even when it is at or below N.
                uids = [u for u in self.client.search(["UID", f"{after_uid + 1}:*"]) if u > after_uid]
        return sorted(int(u) for u in uids)

    def fetch_headers(self, uids: list[int], fields: tuple[str, ...]) -> Iterator[Fetched]:
        """These header fields of each message, at most HEADER_BYTES of them (or FIELD_BYTES of each)."""
        cut = []
        for item in self._fetch(uids, f"BODY.PEEK[HEADER.FIELDS ({' '.join(fields)})]<0.{HEADER_BYTES}>"):
            if len(item.raw) >= HEADER_BYTES and not has_whole_header(item.raw):
                cut.append(item)  # cut short: the fields after a huge one are missing
            else:
                yield item
        for item in cut:
            yield replace(item, raw=self._each_field(item.uid, fields))

    def _each_field(self, uid: int, fields: tuple[str, ...]) -> bytes:
        """One message's header fields fetched each on its own, each bounded, put back together as a header."""
        sections = " ".join(f"BODY.PEEK[HEADER.FIELDS ({name})]<0.{FIELD_BYTES}>" for name in fields)
        with self._errors(f"fetch from {self.selected}"):
            typ, data = self.client._imap.uid("FETCH", str(uid), f"({sections})")
            if typ != "OK":
                raise IMAPClientError(f"FETCH failed: {_reason(Exception(data))}")
        pieces = [piece[1].rstrip(b"\r\n") for piece in data if isinstance(piece, tuple) and piece[1]]
        return b"".join(piece + b"\r\n" for piece in pieces if piece) + b"\r\n"

    def fetch_beginnings(self, uids: list[int], size: int = BODY_BYTES) -> Iterator[Fetched]:
        # Fewer at a time than header fields: a whole answer is held at once, and 2,000 beginnings of
        # 32 KB (long sent mail) would be 64 MB of it; at most 8 MB this way.
        yield from self._fetch(uids, f"BODY.PEEK[]<0.{size}>", per_command=max(1, 8 * 1024 * 1024 // size))

    def _fetch(self, uids: list[int], part: str, per_command: int = FETCH_CHUNK) -> Iterator[Fetched]:
        """One part of each message, with its arrival time and flags, in UID order.

        Read through imaplib beneath imapclient: its general FETCH parser builds a tree of
        every token, which cost more than reading the mail itself (fetch_reader.py).
        """
        for start in range(0, len(uids), per_command):
            chunk = uids[start:start + per_command]
            with self._errors(f"fetch from {self.selected}"):
                typ, data = self.client._imap.uid("FETCH", uid_set(chunk), f"({part} INTERNALDATE FLAGS)")
                if typ != "OK":
                    raise IMAPClientError(f"FETCH failed: {_reason(Exception(data))}")
            found = {item.uid: item for item in fetched_items(data)}
            for uid in chunk:
                if uid in found:  # else expunged meanwhile
                    yield found[uid]

    def message_ids(self, folder: str) -> set[str]:
        """The Message-IDs present in a folder (used for Drafts: placed, still there, or gone)."""
        self.select(folder)
        with self._errors(f"search {folder}"):
            uids = self.client.search(["ALL"])
        found: set[str] = set()
        for item in self._fetch(sorted(uids), "BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"):
            found.update(message_ids(item.raw.decode("ascii", "replace")))
        return found

    def append_draft(self, folder: str, message: bytes, when: datetime,
                     flags: tuple[bytes, ...] = (b"\\Draft", b"\\Seen")) -> tuple[int, int] | None:
        """APPEND; the (UIDVALIDITY, UID) the message got, when the server says (UIDPLUS's APPENDUID)."""
        with self._errors(f"save a message in {folder}"):
            answer = self.client.append(folder, message, flags=flags, msg_time=when)
        found = _APPENDUID.search(answer if isinstance(answer, bytes) else b"")
        return (int(found.group(1)), int(found.group(2))) if found else None

    def has_message(self, folder: str, message_id: str) -> bool:
        """Is a message with this Message-ID in the folder? (for notes we placed in INBOX)"""
        self.select(folder)
        with self._errors(f"search {folder}"):
            return bool(self.client.search(["HEADER", "Message-ID", message_id]))

    def calendar_parts(self, uids: list[int]) -> dict[int, list[bytes]]:
        """The decoded calendar parts (text/calendar, application/ics, *.ics) of these messages, by UID.

        BODYSTRUCTURE first, then only the calendar parts themselves: an invite's bytes, never
        the attachments or the rest of the message.
        """
        sections: dict[int, list[tuple[str, str]]] = {}
        for start in range(0, len(uids), CHUNK):
            chunk = uids[start:start + CHUNK]
            with self._errors(f"fetch from {self.selected}"):
                response = self.client.fetch(chunk, ["BODYSTRUCTURE"])
            for uid, data in response.items():
                found = list(calendar_sections(data.get(b"BODYSTRUCTURE")))
                if found:
                    sections[uid] = found
        parts: dict[int, list[bytes]] = {}
        for uid, found in sections.items():
            for section, encoding in found[:3]:
                with self._errors(f"fetch from {self.selected}"):
                    response = self.client.fetch([uid], [f"BODY.PEEK[{section}]<0.{CALENDAR_BYTES}>"])
                raw = next((v for k, v in response.get(uid, {}).items() if k.startswith(b"BODY[")), b"") or b""
                parts.setdefault(uid, []).append(decoded(raw, encoding))
        return parts

    def _errors(self, doing: str) -> _Translate:
        return _Translate(f"could not {doing} on {self.settings.imap_host}")


def _oauth2_login(client: IMAPClient, settings: Settings, token: str, where: str) -> str:
    """AUTHENTICATE XOAUTH2 (what Gmail and Microsoft speak) or OAUTHBEARER, as the server advertises;
    the mechanism used.

    A refusal is a LoginRefused naming where the token came from; neither the token nor the
    server's answer (which may echo it) is ever quoted.
    """
    source = settings.oauth2_setting or "the OAuth2 token"
    verb = "prints" if settings.imap_oauth2_token_command else "holds"
    try:
        offered = set(client.capabilities())
    except (imaplib.IMAP4.error, IMAPClientError, OSError) as e:
        raise MailboxError(f"lost the connection to {where} while logging in: {_reason(e)}") from None
    mechanism = next((m for m in OAUTH2_MECHANISMS if b"AUTH=" + m.encode() in offered), None)
    if mechanism is None:
        raise MailboxError(f"{where} offers no OAuth2 login (neither AUTH=XOAUTH2 nor AUTH=OAUTHBEARER): "
                           f"remove {source} and use a password (COFFEECHAT_IMAP_PASSWORD or "
                           "COFFEECHAT_IMAP_PASSWORD_COMMAND)")
    try:
        if mechanism == "XOAUTH2":
            client.oauth2_login(settings.imap_user, token)
        else:
            client.oauthbearer_login(settings.imap_user, token)
    except (imaplib.IMAP4.error, IMAPClientError, UnicodeError) as e:  # never quote: they may hold the token
        broken = next((c for c in (e, e.__context__) if isinstance(c, (imaplib.IMAP4.abort, OSError))), None)
        if broken is not None:
            raise MailboxError(f"lost the connection to {where} while logging in: {_reason(broken)}") from None
        if settings.imap_oauth2_sign_in:
            raise LoginRefused(
                f"{where} refused the OAuth2 token ({mechanism}) for {settings.imap_user}: the account signed in may "
                f"lack IMAP access or be another one; check {source}, or run `coffeechat auth` again"
            ) from None
        raise LoginRefused(
            f"{where} refused the OAuth2 token ({mechanism}) for {settings.imap_user}: it may have expired "
            f"or lack IMAP access; check that {source} {verb} a fresh access token for that account"
        ) from None
    except OSError as e:
        raise MailboxError(f"lost the connection to {where} while logging in: {_reason(e)}") from None
    return mechanism


def _announces_mail(response: tuple) -> bool:
    return len(response) > 1 and response[1] in (b"EXISTS", b"RECENT")


def _open(settings: Settings, greeting_timeout: float) -> IMAPClient:
    """A connection that has said hello (and switched to TLS when asked), not yet logged in."""
    try:
        context = tls.context(settings.imap_ca_file)
    except (OSError, ValueError) as e:  # ssl.SSLError is an OSError
        raise MailboxError(f"cannot use COFFEECHAT_IMAP_CA_FILE: {_reason(e)}") from None
    try:
        # imaplib reads the greeting inside the constructor, under the connect timeout.
        timeout = SocketTimeout(connect=greeting_timeout, read=settings.imap_timeout)
        client = IMAPClient(settings.imap_host, port=settings.imap_port, ssl=settings.imap_tls == "ssl",
                            ssl_context=context, timeout=timeout)
        if settings.imap_tls == "starttls":
            # The handshake under the greeting's bound too: a server (or a meddler) that says OK to STARTTLS
            # and then nothing would otherwise hold the connection for the whole read timeout.
            client.socket().settimeout(greeting_timeout)
            client.starttls(context)
            client.socket().settimeout(settings.imap_timeout)
    except (OSError, ssl.SSLError, imaplib.IMAP4.error, IMAPClientError, UnicodeError, ValueError) as e:
        raise _connect_error(e, settings, greeting_timeout) from None
    return client


def _connect_error(error: BaseException, settings: Settings, greeting_timeout: float) -> MailboxError:
    """One line for a connection that failed before the login: what happened and which setting to look at."""
    where = f"{settings.imap_host}:{settings.imap_port}"
    if isinstance(error, ssl.SSLCertVerificationError):
        return MailboxError(tls.certificate_problem(error, where, "IMAP"))
    if isinstance(error, TimeoutError) and _while_greeting(error):
        said = f"no IMAP greeting from {where} within {greeting_timeout:g} s"
        if settings.imap_tls == "ssl":
            return MailboxError(f"{said}: check COFFEECHAT_IMAP_HOST and COFFEECHAT_IMAP_PORT")
        # A TLS-only port waits in silence for our TLS hello while we wait for its greeting.
        return MailboxError(f"{said}: that port probably expects implicit TLS; use COFFEECHAT_IMAP_TLS=ssl "
                            "(usually port 993), or starttls on 143")
    return MailboxError(f"cannot connect to {where}: {_reason(error)}{_hint(error)}")


def _while_greeting(error: BaseException) -> bool:
    """Whether the error struck while waiting for the server's first line, not while reaching the server.

    imaplib reads the greeting in IMAP4._connect, after the socket is connected.
    """
    return any(frame.f_code.co_name == "_connect" for frame, _ in traceback.walk_tb(error.__traceback__))


class _Translate:
    """Turns IMAP, socket and TLS errors raised inside it into one-line MailboxErrors."""

    def __init__(self, prefix: str):
        self.prefix = prefix

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type | None, error: BaseException | None, tb: object) -> bool:
        if error is not None and isinstance(error, (OSError, imaplib.IMAP4.error, IMAPClientError, socket.timeout)):
            said = server_said(f"{self.prefix}: {_reason(error)}")
            if type(said) is MailboxError and isinstance(error, (OSError, imaplib.IMAP4.abort, socket.timeout)):
                said = ConnectionLost(str(said))  # broken, stalled or closed (a BYE): not a NO from a working server
            raise said from None
        return False


_APPENDUID = re.compile(rb"\[APPENDUID (\d+) (\d+)\]", re.IGNORECASE)
# Microsoft's words when it throttles a mailbox, and when it took the login but will not open the mailbox.
_THROTTLED = re.compile(r"request is throttled|\[throttled\]", re.IGNORECASE)
_BACKOFF = re.compile(r"backoff time:\s*(\d{1,12})\s*milliseconds", re.IGNORECASE)
_NOT_CONNECTED = "user is authenticated but not connected"
THROTTLE_MIN_SECONDS = 60
THROTTLE_MAX_SECONDS = 3600  # a server's suggestion beyond an hour is a mistake, not a plan


def server_said(text: str) -> MailboxError:
    """The one-line error for what the server answered, with Microsoft's two known answers made plain."""
    if _THROTTLED.search(text):
        suggested = _BACKOFF.search(text)
        wait = min(THROTTLE_MAX_SECONDS, max(THROTTLE_MIN_SECONDS, int(suggested.group(1)) / 1000 if suggested else 0))
        return Throttled(f"{text} (the server asks coffeechat to slow down: it waits {wait:.0f} s)", wait)
    if _NOT_CONNECTED in text.lower():
        return MailboxError(f"{text} (Microsoft took the login but will not open the mailbox: IMAP may be off for "
                            "this account — Microsoft 365 admin center > Users > Mail > Manage email apps — or the "
                            "sign-in is for another mailbox than COFFEECHAT_IMAP_USER)")
    return MailboxError(text)


def _hint(error: BaseException) -> str:
    """Which setting most likely needs a look, for the usual ways a first connection fails."""
    if isinstance(error, socket.gaierror):
        return "; check COFFEECHAT_IMAP_HOST"
    if isinstance(error, ssl.SSLError):
        return "; check COFFEECHAT_IMAP_TLS and COFFEECHAT_IMAP_PORT (ssl is usually port 993, starttls 143)"
    if isinstance(error, (ConnectionRefusedError, TimeoutError, socket.timeout)):
        return "; check COFFEECHAT_IMAP_HOST and COFFEECHAT_IMAP_PORT"
    if isinstance(error, (imaplib.IMAP4.error, IMAPClientError)) and "starttls" in str(error).lower():
        return "; the server offers no STARTTLS: use COFFEECHAT_IMAP_TLS=ssl (usually port 993)"
    return ""


def _reason(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return " ".join(text.split())[:300]
