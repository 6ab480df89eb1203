"""The daemon's connection that waits in IMAP IDLE on INBOX, so a reply is seen within seconds.

Used by loop.py between cycles, and by the cycles themselves once it is open: new mail is read on
the connection that saw it come, with INBOX still open (opening a big Maildir again costs the
server a re-read of the whole folder). Before each IDLE it asks (NOOP, and UIDNEXT against the
contact log's cursor on a new connection) whether mail came while it was not listening; a
connection that fails, stalls or is interrupted by a signal is dropped, and made again
when next needed.
"""

from __future__ import annotations

import logging
import time

from daemon.errors import CoffeechatError
from daemon.mail.mailbox import Mailbox

log = logging.getLogger("coffeechat")

RENEW_SECONDS = 900  # a poll after the connection is this old makes it anew (see held)


class Watcher:
    """A connection that waits in IDLE on INBOX, so a reply is seen within seconds; cycles run on it too."""

    def __init__(self, daemon):  # the Daemon (loop.py): its settings, store, wake-up pipe and sleep
        self.daemon = daemon
        self.box: Mailbox | None = None
        self.unsupported = False     # the server has no IDLE: poll instead
        self.idling = False
        self.incoming = ""           # the folder it waits on
        self.opened = 0.0            # when the connection was made (monotonic)

    def wait(self, seconds: float) -> str:
        """"mail", "woken" (a signal) or "quiet" (time is up); "error" after a lost connection (it sleeps on)."""
        daemon = self.daemon
        if self.unsupported:
            return daemon._sleep(seconds)
        try:
            if self.box is None:
                news = self._open()
                if news is not None:
                    return news
            else:
                # A cycle ran on this connection since: it may have opened another folder, and mail that
                # came during it was announced to that cycle's commands, not to the NOOP before IDLE.
                news = self._watch()
                if news is not None:
                    return news
            what = self.box.idle(seconds, daemon.wake_read)
            if what == "woken":
                self.close(abrupt=True)  # left in IDLE; a signal came: made again when next needed
            return what
        except CoffeechatError as e:  # the mailbox, or a password command that failed since
            log.info("stopped waiting in IDLE (%s); polling until the next cycle", e)
            self.close(abrupt=True)
            daemon._sleep(seconds)
            return "error"

    def held(self, poll: bool = False) -> Mailbox | None:
        """The connection, logged in and out of IDLE, for a cycle to run on (no second login); or None.

        For a poll (not a wake-up) it is made anew once it is RENEW_SECONDS old: a connection's view of
        its open folder can outlive the folder (deleted and made again, a new UIDVALIDITY), and IDLE on
        such a view hears nothing. The poll's cycle then runs on a connection of its own."""
        if poll and self.box is not None and time.monotonic() - self.opened > RENEW_SECONDS:
            self.close()
        return None if self.unsupported else self.box

    def _open(self) -> str | None:
        daemon = self.daemon
        box = Mailbox.connect(daemon.settings)
        if not box.can_idle():
            log.info("%s offers no IDLE: checking for new mail on the poll timer instead", daemon.settings.imap_host)
            self.unsupported = True
            box.__exit__(None, None, None)
            return daemon._sleep(0)
        self.box, self.idling, self.opened = box, True, time.monotonic()
        self.incoming = box.folders().incoming  # INBOX, or Gmail's All Mail, where a filtered reply also lands
        return self._watch()

    def _watch(self) -> str | None:
        """Open the incoming folder (unless it is); "mail" when it holds mail the contact log has not seen."""
        daemon = self.daemon
        state = self.box.refresh(self.incoming) if self.box.selected == self.incoming else None
        if state is None and self.box.selected == self.incoming:
            return "mail"  # it kept coming while we asked
        validity, uidnext = state or self.box.select(self.incoming)
        cursor = daemon.store.cursor(self.incoming) if daemon.store is not None else None
        if cursor is not None and (validity, uidnext) != (cursor[0], cursor[1] + 1):
            return "mail"  # arrived between the last cycle and this connection
        return None

    def close(self, abrupt: bool = False) -> None:
        """Log out; `abrupt`: drop the connection unsaid (it may be stalled, or mid-IDLE)."""
        if self.box is not None:
            if abrupt:
                self.box.drop()
            else:
                self.box.__exit__(None, None, None)
        self.box, self.idling = None, False
