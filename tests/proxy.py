"""A TCP proxy between coffeechat and the test Dovecot that can cut, stall or refuse connections.

Real sockets and threads, nothing mocked: the daemon sees exactly what a flaky network or a
restarting server looks like. `cut()` resets every open connection, `stall()` keeps them
open but forwards nothing (a dead NAT mapping, a suspended peer), `refuse()` stops
listening (the server is down), `restore()` brings it all back.
"""

from __future__ import annotations

import socket
import struct
import threading
import time


class Proxy:
    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.lock = threading.Lock()
        self.pairs: list[tuple[socket.socket, socket.socket]] = []
        self.stalled = threading.Event()
        self.accepted = 0
        self.listener: socket.socket | None = None
        self.port = 0
        self._listen()

    # --- faults ------------------------------------------------------------------------

    def cut(self) -> None:
        """Every open connection reset (RST), as when a server restarts or a route drops."""
        with self.lock:
            pairs, self.pairs = self.pairs, []
        for pair in pairs:
            for sock in pair:
                try:
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    sock.close()
                except OSError:
                    pass

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
            with self.lock:
                self.pairs.append((client, server))
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                while self.stalled.is_set():  # held back, as a black-holed link holds TCP's retransmissions
                    time.sleep(0.05)
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
