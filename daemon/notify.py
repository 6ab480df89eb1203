"""Telling systemd how the daemon is doing: the sd_notify(3) protocol, without libsystemd.

Under a `Type=notify` unit systemd puts the path of a datagram socket in NOTIFY_SOCKET;
each message is one datagram of newline-separated `KEY=value` assignments (READY=1,
STATUS=…, WATCHDOG=1, RELOADING=1, STOPPING=1). Outside systemd the variable is unset
and every call here does nothing, so the daemon runs the same from a terminal.

Nothing here ever raises into the caller: systemd being restarted, or a socket that has
gone away, must not stop the daemon. A failure is logged once at DEBUG and ignored.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Mapping

log = logging.getLogger("coffeechat.notify")

STATUS_MAX = 200  # characters: `systemctl status` shows one line
_SEND_TIMEOUT = 2.0  # seconds: a wedged systemd must not hang the loop (sd_notify itself would block)


class Notifier:
    """Sends sd_notify messages to `address`, or nothing when it is None."""

    def __init__(self, address: str | None, watchdog_usec: int | None = None):
        self._address = _socket_address(address) if address else None
        if address and self._address is None:
            log.debug("NOTIFY_SOCKET=%r is neither a path nor @abstract: not notifying systemd", address)
        self._watchdog_usec = watchdog_usec
        self._socket: socket.socket | None = None
        self._failed = False  # a failure was logged: stay quiet until a send works again

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] = os.environ) -> Notifier:
        """NOTIFY_SOCKET and WATCHDOG_USEC/WATCHDOG_PID as systemd sets them for the service's main process."""
        usec: int | None = None
        pid = (environ.get("WATCHDOG_PID") or "").strip()
        try:
            if not pid or int(pid) == os.getpid():  # a watchdog meant for another process is not ours to keep
                usec = int(environ.get("WATCHDOG_USEC") or "0") or None
        except ValueError:
            usec = None
        if usec is not None and usec < 0:
            usec = None
        return cls(environ.get("NOTIFY_SOCKET") or None, usec)

    @property
    def enabled(self) -> bool:
        """Whether there is a socket to tell (running under a systemd Type=notify unit)."""
        return self._address is not None

    @property
    def watchdog_interval(self) -> float | None:
        """WatchdogSec= in seconds (None: no watchdog). Ping with watchdog() at least every half of it."""
        return self._watchdog_usec / 1_000_000 if self._watchdog_usec else None

    def ready(self, status: str | None = None) -> bool:
        """Start-up is done (READY=1), optionally with a status line in the same datagram."""
        return self.send("READY=1", *_optional_status(status))

    def reloading(self, status: str | None = None) -> bool:
        """Settings are being reloaded; send ready() when done. MONOTONIC_USEC is what systemd ≥ 253 wants."""
        return self.send("RELOADING=1", f"MONOTONIC_USEC={time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000}",
                         *_optional_status(status))

    def stopping(self, status: str | None = None) -> bool:
        """Shutting down (STOPPING=1)."""
        return self.send("STOPPING=1", *_optional_status(status))

    def watchdog(self) -> bool:
        """Still alive (WATCHDOG=1)."""
        return self.send("WATCHDOG=1")

    def status(self, text: str) -> bool:
        """A one-line status for `systemctl status` (STATUS=…): control characters removed, at most 200 characters."""
        return self.send(status_assignment(text))

    def send(self, *assignments: str) -> bool:
        """Several `KEY=value` assignments in one datagram; True if it was sent. Never raises.

        A newline inside an assignment would start a new one, so line breaks in values are
        replaced by spaces; use status_assignment() for a STATUS= line.
        """
        if self._address is None or not assignments:
            return False
        lines = [" ".join(str(a).splitlines()) for a in assignments]
        payload = "\n".join(lines).encode("utf-8", "replace")
        try:
            if self._socket is None:
                self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)  # close-on-exec (PEP 446)
                self._socket.settimeout(_SEND_TIMEOUT)
            self._socket.sendto(payload, self._address)
        except (OSError, ValueError) as e:
            if not self._failed:
                log.debug("could not notify systemd at %r (ignored from now on): %s", self._address, e)
                self._failed = True
            return False
        self._failed = False
        return True

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None

    def __enter__(self) -> Notifier:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def status_assignment(text: str) -> str:
    """`STATUS=<text>` on one line: control characters and line breaks become spaces, at most 200 characters."""
    cleaned = "".join(" " if _is_control(c) else c for c in str(text))
    line = " ".join(cleaned.split())
    if len(line) > STATUS_MAX:
        line = line[: STATUS_MAX - 1].rstrip() + "…"
    return f"STATUS={line}"


def _optional_status(status: str | None) -> tuple[str, ...]:
    return () if status is None else (status_assignment(status),)


def _is_control(c: str) -> bool:
    # C0, DEL, C1 (NEL among them), the Unicode line and paragraph separators, lone surrogates.
    code = ord(c)
    return code < 0x20 or 0x7F <= code < 0xA0 or code in (0x2028, 0x2029) or 0xD800 <= code < 0xE000


def _socket_address(address: str) -> str | bytes | None:
    """An AF_UNIX address: a path, or `@name` for the abstract namespace (the @ becomes a NUL byte).

    None for anything else (systemd ≥ 254 may hand a VM's manager `vsock:CID:PORT`; a service never gets one).
    """
    if address.startswith("@") and len(address) > 1:
        return b"\0" + address[1:].encode("utf-8", "surrogateescape")
    if address.startswith("/"):
        return address
    return None
