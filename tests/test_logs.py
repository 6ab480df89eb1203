"""Log lines for a terminal and for journald (sd-daemon priority prefixes), and mail kept out of them."""

from __future__ import annotations

import io
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from daemon import logs


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """configure() changes process-wide state: put the root, imapclient and peewee loggers back afterwards."""
    names = ("", *logs.CHATTY)
    levels = {name: logging.getLogger(name).level for name in names}
    handlers = list(logging.getLogger().handlers)
    yield
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def _emit() -> None:
    log = logging.getLogger("coffeechat")
    log.debug("debug line")
    log.info("info line")
    log.warning("warning line")
    log.error("error line")
    log.critical("critical line")


def test_a_terminal_gets_a_readable_time_and_the_level() -> None:
    out = io.StringIO()
    logs.configure("INFO", environ={}, stream=out)
    _emit()
    lines = out.getvalue().splitlines()
    assert len(lines) == 4  # DEBUG held back at INFO
    stamp = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d"
    assert re.fullmatch(stamp + r" INFO coffeechat: info line", lines[0]), lines[0]
    assert re.fullmatch(stamp + r" WARNING coffeechat: warning line", lines[1]), lines[1]
    assert re.fullmatch(stamp + r" ERROR coffeechat: error line", lines[2]), lines[2]
    assert re.fullmatch(stamp + r" CRITICAL coffeechat: critical line", lines[3]), lines[3]


def test_under_journald_no_time_and_priority_prefixes() -> None:
    out = io.StringIO()
    logs.configure("DEBUG", environ={"JOURNAL_STREAM": "8:12345"}, stream=out)
    _emit()
    assert out.getvalue().splitlines() == [
        "<7>coffeechat: debug line",
        "<6>coffeechat: info line",
        "<4>coffeechat: warning line",
        "<3>coffeechat: error line",
        "<2>coffeechat: critical line",
    ]


def test_every_line_of_a_traceback_keeps_its_priority() -> None:
    out = io.StringIO()
    logs.configure("INFO", environ={"JOURNAL_STREAM": "8:12345"}, stream=out)
    try:
        raise RuntimeError("mailbox went away")
    except RuntimeError:
        logging.getLogger("coffeechat").exception("cycle failed")
    lines = out.getvalue().splitlines()
    assert lines[0] == "<3>coffeechat: cycle failed"
    assert lines[-1] == "<3>RuntimeError: mailbox went away"
    assert len(lines) > 3 and all(line.startswith("<3>") for line in lines)


def test_journal_stream_is_checked_against_the_real_file(tmp_path: Path) -> None:
    """JOURNAL_STREAM names stderr's device:inode; a child writing elsewhere inherits the variable but not the file."""
    path = tmp_path / "stderr.log"
    with path.open("w") as stream:
        found = os.fstat(stream.fileno())
        assert logs.to_journal({"JOURNAL_STREAM": f"{found.st_dev}:{found.st_ino}"}, stream)
        assert not logs.to_journal({"JOURNAL_STREAM": f"{found.st_dev}:{found.st_ino + 1}"}, stream)
        assert not logs.to_journal({"JOURNAL_STREAM": "garbage"}, stream)
        assert not logs.to_journal({}, stream)
        logs.configure("INFO", environ={"JOURNAL_STREAM": f"{found.st_dev}:{found.st_ino}"}, stream=stream)
        logging.getLogger("coffeechat").warning("to the journal")
    assert path.read_text() == "<4>coffeechat: to the journal\n"


def test_mail_data_stays_out_even_at_debug() -> None:
    out = io.StringIO()
    logs.configure("DEBUG", environ={}, stream=out)
    logging.getLogger("imapclient").debug("> FETCH 1 (BODY[HEADER]) Subject: private")
    logging.getLogger("imapclient.imaplib").debug("< * 1 FETCH From: someone@example.org")
    logging.getLogger("peewee").debug("INSERT INTO contact VALUES ('someone@example.org')")
    logging.getLogger("imapclient").info("connected")
    logging.getLogger("coffeechat").debug("ours")
    text = out.getvalue()
    assert "private" not in text and "someone@example.org" not in text
    assert "imapclient: connected" in text and "coffeechat: ours" in text
    assert logging.getLogger("imapclient").level == logging.INFO
    assert logging.getLogger("peewee").level == logging.INFO


def test_the_chatty_libraries_follow_a_quieter_level() -> None:
    logs.configure("WARNING", environ={}, stream=io.StringIO())
    assert logging.getLogger("imapclient").level == logging.WARNING
    assert logging.getLogger("peewee").level == logging.WARNING


def test_configuring_again_replaces_our_handler_only() -> None:
    first, second = io.StringIO(), io.StringIO()
    logs.configure("INFO", environ={}, stream=first)
    logs.configure("info", environ={"JOURNAL_STREAM": "1:2"}, stream=second)
    logging.getLogger("coffeechat").info("once")
    assert first.getvalue() == "" and second.getvalue() == "<6>coffeechat: once\n"
    assert sum(getattr(h, "_coffeechat", False) for h in logging.getLogger().handlers) == 1


def test_an_unknown_level_is_refused() -> None:
    with pytest.raises(ValueError):
        logs.configure("LOUD", environ={}, stream=io.StringIO())
