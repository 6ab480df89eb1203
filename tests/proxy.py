"""A TCP proxy between coffeechat and the test Dovecot that can cut, stall or refuse connections.

Real sockets and threads, nothing mocked: the daemon sees exactly what a flaky network or a
restarting server looks like. `cut()` resets every open connection, `stall()` keeps them
open but forwards nothing (a dead NAT mapping, a suspended peer), `refuse()` stops
listening (the server is down), `restore()` brings it all back.

One-shot faults strike one connection at a chosen point of the conversation, the others
go on untouched: `cut_after` and `stall_after` (partway through a FETCH's answer, an
APPEND's literal, a TLS handshake), `lose_answer` (the server did the command, its answer
never arrives), `pause_at` (something happens, e.g. the user's own mail client moves
mail, just before a command reaches the server). A fault is armed by the client's next
command containing the given words, or, without words, by the next connection made.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

UP, DOWN = "up", "down"  # client to server, server to client


@dataclass
class _Fault:
    action: str                  # "cut", "stall", "lose" (the answer) or "pause"
    command: bytes | None        # the client command that arms it; None: the next connection, from its first byte
    direction: str = DOWN        # cut and stall: which way `left` counts
    left: int = 0                # cut and stall: bytes still let through before it strikes
    then: Callable[[], None] | None = None  # pause: what happens before the command goes on
    tag: bytes = b""             # lose: the tag of the command whose answer is lost
    struck: threading.Event = field(default_factory=threading.Event)


@dataclass
class _Link:
    client: socket.socket
    server: socket.socket
    fault: _Fault | None = None
    stalled: bool = False
    closed: bool = False


class Proxy:
    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.lock = threading.Lock()
        self.links: list[_Link] = []
        self.armed: list[_Fault] = []
        self.stalled = threading.Event()
        self.accepted = 0
        self.listener: socket.socket | None = None
        self.port = 0
        self._listen()

    # --- faults ------------------------------------------------------------------------

    def cut(self) -> None:
        """Every open connection reset (RST), as when a server restarts or a route drops."""
        with self.lock:
            links, self.links = self.links, []
        for link in links:
            _reset(link)

    def stall(self) -> None:
        """Connections stay open, new ones are accepted, but not one byte goes through."""
        self.stalled.set()

    def refuse(self) -> None:
        """The server is gone: open connections reset, new ones refused."""
        listener, self.listener = self.listener, None
        if listener is not None:
            try:
                listener.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept(): close() alone does not
            except OSError:
                pass
            listener.close()
        self.cut()

    def restore(self) -> None:
        self.stalled.clear()
        if self.listener is None:
            self._listen(self.port)

    def close(self) -> None:
        self.refuse()

    def cut_after(self, nbytes: int, direction: str = DOWN, command: bytes | None = None) -> threading.Event:
        """One connection reset once `nbytes` more have gone `direction`, counted from the end of the
        client's next command line containing `command` (None: from the start of the next connection).
        Returns an event set when the fault has struck."""
        return self._arm(_Fault("cut", command, direction, nbytes))

    def stall_after(self, nbytes: int, direction: str = DOWN, command: bytes | None = None) -> threading.Event:
        """Like cut_after, but the connection stays open and silent both ways, as a dead route leaves it."""
        return self._arm(_Fault("stall", command, direction, nbytes))

    def lose_answer(self, command: bytes) -> threading.Event:
        """The server does the client's next command containing `command` (an APPEND stores the message),
        but its tagged answer never arrives: the connection is reset in its place."""
        return self._arm(_Fault("lose", command))

    def pause_at(self, command: bytes, then: Callable[[], None]) -> threading.Event:
        """`then()` runs just before the client's next command containing `command` reaches the server."""
        return self._arm(_Fault("pause", command, then=then))

    def _arm(self, fault: _Fault) -> threading.Event:
        with self.lock:
            self.armed.append(fault)
        return fault.struck

    def _claim(self, link: _Link, data: bytes | None) -> _Fault | None:
        """The first armed fault this connection meets: with data, one whose command is in it; else a
        connection fault."""
        with self.lock:
            for fault in self.armed:
                if (fault.command is None) if data is None else (fault.command is not None and fault.command in data):
                    self.armed.remove(fault)
                    link.fault = fault
                    return fault
        return None

    # --- forwarding --------------------------------------------------------------------

    def _listen(self, port: int = 0) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen(16)
        self.listener, self.port = listener, listener.getsockname()[1]
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # refused from now on
            self.accepted += 1
            try:
                server = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            for sock in (client, server):  # each piece on as it comes: Nagle would hold a command back 40 ms
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            link = _Link(client, server)
            self._claim(link, None)
            with self.lock:
                self.links.append(link)
            for up in (True, False):
                threading.Thread(target=self._pump, args=(link, up), daemon=True).start()

    def _pump(self, link: _Link, up: bool) -> None:
        source, sink = (link.client, link.server) if up else (link.server, link.client)
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                while self.stalled.is_set() or link.stalled:  # held back, as a black-holed link holds TCP's
                    if link.closed:                               # retransmissions
                        return
                    time.sleep(0.05)
                if not self._forward(link, up, data, sink):
                    return
        except OSError:
            pass
        finally:
            link.closed = True
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def _forward(self, link: _Link, up: bool, data: bytes, sink: socket.socket) -> bool:
        """Send data on, as the fault on this connection (if any) allows; False once the connection is done."""
        fault = link.fault
        if fault is None and up and self.armed:
            fault = self._claim(link, data)
            if fault is not None:
                if fault.action == "pause":
                    fault.then()
                    fault.struck.set()
                    link.fault = None
                elif fault.action == "lose":
                    start = data.rfind(b"\n", 0, data.index(fault.command)) + 1
                    fault.tag = data[start:].split(b" ", 1)[0]
                else:  # counted from the end of the command's line
                    end = data.find(b"\n", data.index(fault.command))
                    end = len(data) if end < 0 else end + 1
                    sink.sendall(data[:end])
                    data = data[end:]
                fault = link.fault
        if fault is None:
            sink.sendall(data)
            return True
        if fault.action == "lose":
            at = _line_starting(data, fault.tag + b" ") if not up else -1
            if at < 0:
                sink.sendall(data)
                return True
            sink.sendall(data[:at])
            return self._strike(link, fault)
        if (DOWN, UP)[up] != fault.direction or len(data) <= fault.left:
            if (DOWN, UP)[up] == fault.direction:
                fault.left -= len(data)
            sink.sendall(data)
            return True
        sink.sendall(data[:fault.left])
        return self._strike(link, fault)

    def _strike(self, link: _Link, fault: _Fault) -> bool:
        link.fault = None
        fault.struck.set()
        if fault.action == "stall":
            link.stalled = True
            return True
        with self.lock:
            if link in self.links:
                self.links.remove(link)
        _reset(link)
        return False


def _line_starting(data: bytes, prefix: bytes) -> int:
    """Where the first line that starts with prefix begins in data, or -1."""
    if data.startswith(prefix):
        return 0
    at = data.find(b"\n" + prefix)
    return at + 1 if at >= 0 else -1


def _reset(link: _Link) -> None:
    """Both sides see a reset (RST), not a polite close."""
    link.closed = True
    for sock in (link.client, link.server):
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            # close() alone does nothing while a pump thread waits in recv() on the socket: the kernel
            # keeps it open for that call. SHUT_RD ends the wait, without a word on the wire; the last
            # reference gone, the lingerless close sends the RST.
            sock.shutdown(socket.SHUT_RD)
        except OSError:
            pass
        sock.close()
