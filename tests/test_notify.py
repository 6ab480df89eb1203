"""The sd_notify protocol against a real AF_UNIX datagram socket, as systemd would listen on it."""

from __future__ import annotations

import os
import secrets
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from daemon.notify import Notifier, status_assignment


def _receiver(address: str | bytes) -> socket.socket:
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener.bind(address)
    listener.settimeout(5)
    return listener


@pytest.fixture
def listening(tmp_path: Path) -> Iterator[tuple[str, socket.socket]]:
    """A socket at a path, like systemd's /run/systemd/notify."""
    path = str(tmp_path / "notify")
    with _receiver(path) as listener:
        yield path, listener


@pytest.fixture
def abstract() -> Iterator[tuple[str, socket.socket]]:
    """A socket in the abstract namespace: NOTIFY_SOCKET=@name (systemd's own for some units, and containers)."""
    name = f"coffeechat-test-{secrets.token_hex(8)}"
    with _receiver(b"\0" + name.encode()) as listener:
        yield "@" + name, listener


def _received(listener: socket.socket) -> bytes:
    return listener.recv(4096)


def _nothing_waiting(listener: socket.socket) -> bool:
    listener.setblocking(False)
    try:
        listener.recv(4096)
    except BlockingIOError:
        return True
    finally:
        listener.settimeout(5)
    return False


@pytest.mark.parametrize("where", ["listening", "abstract"])
def test_a_daemons_life_arrives_one_datagram_per_call_in_order(where: str, request: pytest.FixtureRequest) -> None:
    address, listener = request.getfixturevalue(where)
    with Notifier.from_environ({"NOTIFY_SOCKET": address}) as notifier:
        assert notifier.enabled
        assert notifier.ready() is True
        notifier.status("watching imap.example.org as jordan@example.org")
        notifier.watchdog()
        before = time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000
        notifier.reloading()
        after = time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000
        notifier.ready()
        notifier.stopping()

        assert _received(listener) == b"READY=1"
        assert _received(listener) == b"STATUS=watching imap.example.org as jordan@example.org"
        assert _received(listener) == b"WATCHDOG=1"
        reloading = _received(listener).decode().split("\n")
        assert reloading[0] == "RELOADING=1" and len(reloading) == 2
        key, _, usec = reloading[1].partition("=")
        assert key == "MONOTONIC_USEC" and before <= int(usec) <= after
        assert _received(listener) == b"READY=1"
        assert _received(listener) == b"STOPPING=1"
        assert _nothing_waiting(listener)


def test_several_assignments_go_in_one_datagram(listening: tuple[str, socket.socket]) -> None:
    address, listener = listening
    with Notifier.from_environ({"NOTIFY_SOCKET": address}) as notifier:
        notifier.send("READY=1", status_assignment("first cycle: 2 drafts"))
        notifier.ready(status="watching")
        notifier.stopping(status="stopping\nnow")
    assert _received(listener) == b"READY=1\nSTATUS=first cycle: 2 drafts"
    assert _received(listener) == b"READY=1\nSTATUS=watching"
    assert _received(listener) == b"STOPPING=1\nSTATUS=stopping now"
    assert _nothing_waiting(listener)


def test_a_line_break_in_a_raw_assignment_cannot_forge_another(listening: tuple[str, socket.socket]) -> None:
    address, listener = listening
    with Notifier.from_environ({"NOTIFY_SOCKET": address}) as notifier:
        notifier.send("STATUS=Re: coffee?\nREADY=1")
    assert _received(listener) == b"STATUS=Re: coffee? READY=1"


def test_status_is_one_line_without_control_characters(listening: tuple[str, socket.socket]) -> None:
    address, listener = listening
    hostile = "Jordan\r\nREADY=1\x00\x1b[31mred\x7f\x85end\u2028more\ttab"
    with Notifier.from_environ({"NOTIFY_SOCKET": address}) as notifier:
        notifier.status(hostile)
        notifier.status("é" * 500)
    assert _received(listener) == b"STATUS=Jordan READY=1 [31mred end more tab"
    long = _received(listener).decode()
    assert long.startswith("STATUS=éé") and len(long) == len("STATUS=") + 200 and long.endswith("…")


def test_without_notify_socket_nothing_happens() -> None:
    with Notifier.from_environ({}) as notifier:
        assert not notifier.enabled
        assert notifier.watchdog_interval is None
        for call in (notifier.ready, notifier.watchdog, notifier.reloading, notifier.stopping):
            assert call() is False
        assert notifier.status("x") is False and notifier.send("READY=1") is False


def test_from_the_process_environment_by_default(monkeypatch: pytest.MonkeyPatch,
                                                 listening: tuple[str, socket.socket]) -> None:
    address, listener = listening
    monkeypatch.setenv("NOTIFY_SOCKET", address)
    with Notifier.from_environ() as notifier:
        notifier.ready()
    assert _received(listener) == b"READY=1"


def test_an_address_that_is_not_a_unix_socket_is_ignored() -> None:
    with Notifier.from_environ({"NOTIFY_SOCKET": "vsock:2:1234"}) as notifier:
        assert not notifier.enabled and notifier.ready() is False


@pytest.mark.parametrize(("environ", "seconds"), [
    ({"WATCHDOG_USEC": "600000000"}, 600.0),  # WatchdogSec=10min, no WATCHDOG_PID: ours
    ({"WATCHDOG_USEC": "600000000", "WATCHDOG_PID": str(os.getpid())}, 600.0),
    ({"WATCHDOG_USEC": "600000000", "WATCHDOG_PID": str(os.getpid() + 1)}, None),  # another process's
    ({"WATCHDOG_USEC": "1500000"}, 1.5),
    ({"WATCHDOG_USEC": "0"}, None),
    ({"WATCHDOG_USEC": "soon"}, None),
    ({"WATCHDOG_USEC": "600000000", "WATCHDOG_PID": "me"}, None),
    ({}, None),
])
def test_watchdog_interval(environ: dict[str, str], seconds: float | None) -> None:
    with Notifier.from_environ({"NOTIFY_SOCKET": "/run/systemd/notify", **environ}) as notifier:
        assert notifier.watchdog_interval == seconds


def test_a_socket_that_vanished_never_raises(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "notify"
    with _receiver(str(path)) as listener:
        notifier = Notifier.from_environ({"NOTIFY_SOCKET": str(path)})
        assert notifier.ready() is True
        assert _received(listener) == b"READY=1"
    path.unlink()  # systemd restarted (or the socket was never there)
    with caplog.at_level("DEBUG", logger="coffeechat.notify"):
        assert notifier.watchdog() is False
        assert notifier.status("still here") is False
    assert len([r for r in caplog.records if r.name == "coffeechat.notify"]) == 1  # logged once, at DEBUG
    assert caplog.records[0].levelname == "DEBUG"
    with _receiver(str(path)) as listener:  # back again: the same notifier reaches it
        assert notifier.watchdog() is True
        assert _received(listener) == b"WATCHDOG=1"
    notifier.close()
    notifier.close()  # closing twice is harmless


def test_a_bound_socket_nobody_reads_is_not_an_error(tmp_path: Path) -> None:
    """A path that is there but not listening (a stale file): ECONNREFUSED, swallowed."""
    path = tmp_path / "stale"
    path.write_text("")
    with Notifier.from_environ({"NOTIFY_SOCKET": str(path)}) as notifier:
        assert notifier.ready() is False
