"""Review tests: cycles that run on the daemon's IDLE connection (the held connection, Watcher.held()).

In-process tests drive a real loop.Daemon (its _guarded_cycle and its Watcher) against the test Dovecot
through tests/proxy.py; the others run a real `coffeechat run` process. Nothing of ours is mocked.
Sections marked "was failing" found defects of the first version of this change, fixed since.
"""

from __future__ import annotations

import logging
import os
import signal
import time
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone

import pytest
from corpus import ME, mail, wait_for
from proxy import Proxy
from test_daemon import Running, maria_replies, outreach_to_maria, waiting_in_idle

from daemon import localmail
from daemon.loop import Daemon
from daemon.watcher import RENEW_SECONDS


@pytest.fixture
def proxy(dovecot):
    through = Proxy(dovecot.host, dovecot.port)
    yield through
    through.close()


@contextmanager
def in_process(settings):
    daemon = Daemon(settings)
    try:
        yield daemon
    finally:
        daemon.watcher.close(abrupt=True)
        if daemon.store is not None:
            daemon.store.close()
        for fd in (daemon.wake_read, daemon.wake_write):
            os.close(fd)


def settings_through(mailbox, proxy, **more):
    return mailbox.settings(**{"timezone": "UTC", "summary_at": "off", "poll_seconds": "600", "imap_timeout": "5",
                               "imap_port": str(proxy.port), **more})


def status_of(daemon, address: str) -> str | None:
    contact = daemon.store.contact_by_address(address)
    return contact.status if contact is not None else None


def held_and_waiting(daemon) -> None:
    """A first cycle (on a connection of its own), then the watcher opened: INBOX selected, one IDLE."""
    daemon._guarded_cycle()
    assert daemon.healthy
    assert daemon.watcher.wait(0.3) == "quiet"
    assert daemon.watcher.held() is not None and daemon.watcher.held().selected == "INBOX"


def synced_before_it_is_due(mailbox, **more) -> None:
    """The outreach (due a minute ago) read by a sync as of five minutes ago: nothing due yet. The daemon's
    first cycle is then its held connection's, and its rules pass is its first (nothing to skip)."""
    mailbox.sync(datetime.now(timezone.utc) - timedelta(minutes=5), timezone="UTC", summary_at="off", **more)


def watching(daemon) -> None:
    """The watcher opened on a log that is up to date: INBOX selected, one quiet IDLE."""
    assert daemon.watcher.wait(0.3) == "quiet"
    assert daemon.watcher.held() is not None


# --- Was failing: the rerun on a new connection was for any MailboxError (now ConnectionLost only) ---

def test_a_folder_the_server_refuses_is_not_blamed_on_the_waiting_connection(mailbox, proxy, caplog):
    # The user deletes the folder COFFEECHAT_SENT_FOLDER names while the daemon runs. The server answers
    # NO on a perfectly good connection: nothing a new login can fix, and not "the waiting connection failed".
    with mailbox.client() as client:
        client.create_folder("Outbox")
    mailbox.append("Outbox", mail(sender=ME, to="Maria López <maria@progressive.example>",
                                  subject="Informational interview?", body="20 minutes?",
                                  when=datetime.now(timezone.utc) - timedelta(days=2)), flags=(b"\\Seen",))
    caplog.set_level(logging.INFO)
    with in_process(settings_through(mailbox, proxy, sent_folder="Outbox")) as daemon:
        held_and_waiting(daemon)
        with mailbox.client() as client:
            client.delete_folder("Outbox")
        logins = proxy.accepted
        caplog.clear()
        daemon._guarded_cycle()
        said = caplog.text
        assert "cycle failed" in said                          # it fails, as it must
        assert "the waiting connection failed" not in said, said
        assert proxy.accepted == logins, said                  # no second login for a NO


# --- Was failing: SIGTERM, then the cycle on the held connection failed: a new login and a whole new cycle ---

def test_after_sigterm_a_failed_cycle_on_the_held_connection_is_not_run_again_on_a_new_one(mailbox, tmp_path, proxy):
    outreach_to_maria(mailbox, datetime.now(timezone.utc) - timedelta(days=3))
    daemon = Running(mailbox, tmp_path, port=proxy.port, poll_seconds="10", imap_timeout="5")
    try:
        assert wait_for(lambda: daemon.status("maria@progressive.example") == "awaiting_reply", 15), daemon.log()
        time.sleep(1.5)                                         # in IDLE on the held connection by now
        stalled = proxy.stall_after(0, command=b"STATUS")       # the poll's cycle: NOOP, STATUS -> no answer
        assert wait_for(stalled.is_set, 15), daemon.log()
        logins = proxy.accepted
        code, took = daemon.stop()
    finally:
        if daemon.process.poll() is None:
            daemon.process.kill()
    log = daemon.log()
    assert code == 0 and took < 10, log
    assert "Traceback" not in log
    assert "runs again on a new one" not in log, log           # SIGTERM said: finish the current step
    assert proxy.accepted == logins, log                       # no login after SIGTERM


# --- PASSING, coverage: the rerun on a new connection -------------------------------------------------------

def test_a_draft_whose_append_answer_is_lost_on_the_held_connection_is_placed_once(mailbox, proxy, caplog):
    # Due 3 s after the first cycle: the cycle on the held connection places it, the server stores it, its
    # answer never arrives (connection reset). The rerun on a new connection must find it, not place another.
    outreach_to_maria(mailbox, datetime.now(timezone.utc) - timedelta(days=1, minutes=1))
    synced_before_it_is_due(mailbox, follow_up_days="1")
    caplog.set_level(logging.INFO)
    with in_process(settings_through(mailbox, proxy, follow_up_days="1")) as daemon:
        watching(daemon)
        assert mailbox.messages("Drafts") == []
        lost = proxy.lose_answer(b"APPEND")
        daemon._guarded_cycle()
        assert lost.is_set()
        assert daemon.healthy, caplog.text
        assert "the cycle runs again on a new one" in caplog.text
        assert len(mailbox.messages("Drafts")) == 1, caplog.text
        assert daemon.watcher.held() is None                  # dropped; made again at the next wait
        assert daemon.watcher.wait(0.3) == "quiet"
        daemon._guarded_cycle()
        assert len(mailbox.messages("Drafts")) == 1
    assert "Traceback" not in caplog.text


@pytest.mark.parametrize("woken, first", [(True, b"NOOP"), (False, b"NOOP")], ids=["IDLE said mail", "a poll"])
def test_a_held_connection_cut_before_the_cycle_reruns_it_on_a_new_one_and_loses_nothing(mailbox, proxy, caplog,
                                                                                         woken, first):
    outreach_to_maria(mailbox, datetime.now(timezone.utc) - timedelta(days=3))
    caplog.set_level(logging.INFO)
    with in_process(settings_through(mailbox, proxy)) as daemon:
        held_and_waiting(daemon)
        maria_replies(mailbox)
        daemon.mail_said = woken
        proxy.cut_after(0, command=first)                      # the cycle's first command on the held connection
        daemon._guarded_cycle()
        assert daemon.healthy, caplog.text
        assert status_of(daemon, "maria@progressive.example") == "replied"
        assert caplog.text.count("the waiting connection failed") == 1
        assert daemon.watcher.wait(0.3) == "quiet"            # a new watcher, nothing unseen
    assert "Traceback" not in caplog.text


# --- PASSING, coverage: mail arriving inside the held cycle's refresh/search/fetch --------------------------

@pytest.mark.parametrize(("command", "news"), [(b"STATUS", False), (b"STATUS", True), (b"SEARCH", True),
                                               (b"FETCH", True)])
def test_mail_that_lands_between_the_held_refresh_search_and_fetch_is_not_lost(mailbox, proxy, command, news):
    outreach_to_maria(mailbox, datetime.now(timezone.utc) - timedelta(days=3))
    with in_process(settings_through(mailbox, proxy)) as daemon:
        held_and_waiting(daemon)
        # With news, something is new already, so the cycle does search and fetch INBOX; Maria's reply lands
        # just before the command named.
        if news:
            mailbox.append("INBOX", mail(sender="News <news@list.example>", to=ME, subject="Weekly news",
                                         body="hello", when=datetime.now(timezone.utc)))
        landed = proxy.pause_at(command, then=lambda: maria_replies(mailbox))
        daemon._guarded_cycle()
        assert landed.is_set()
        if status_of(daemon, "maria@progressive.example") != "replied":
            assert daemon.watcher.wait(0.3) == "mail"         # not read yet: the watcher must say so
            daemon._guarded_cycle()
        assert status_of(daemon, "maria@progressive.example") == "replied"
        assert daemon.watcher.wait(0.3) == "quiet"
        cursor = daemon.store.cursor("INBOX")
        assert cursor is not None and cursor[1] == (2 if news else 1)  # every message covered


# --- PASSING, coverage: no endless "mail" ----------------------------------------------------------------

def test_mail_expunged_before_the_held_cycle_reads_it_does_not_make_the_watcher_say_mail_forever(mailbox, proxy):
    outreach_to_maria(mailbox, datetime.now(timezone.utc) - timedelta(days=3))
    with in_process(settings_through(mailbox, proxy)) as daemon:
        held_and_waiting(daemon)
        mailbox.append("INBOX", mail(sender="News <news@list.example>", to=ME, subject="Weekly news",
                                     body="hello", when=datetime.now(timezone.utc)))
        with mailbox.client() as client:                       # the newest message gone before it is read
            client.select_folder("INBOX")
            client.delete_messages(client.search(["ALL"]))
            client.expunge()
        assert daemon.watcher.wait(0.3) == "mail"
        daemon._guarded_cycle()
        for _ in range(2):
            assert daemon.watcher.wait(0.3) == "quiet"
            daemon._guarded_cycle()
        # and the newest one read, then expunged: still quiet
        maria_replies(mailbox)
        assert daemon.watcher.wait(0.3) == "mail"
        daemon._guarded_cycle()
        assert status_of(daemon, "maria@progressive.example") == "replied"
        with mailbox.client() as client:
            client.select_folder("INBOX")
            client.delete_messages(client.search(["ALL"]))
            client.expunge()
        assert daemon.watcher.wait(0.3) == "quiet"


def test_after_a_cycle_that_opened_drafts_idle_watches_inbox_again(mailbox, proxy):
    outreach_to_maria(mailbox, datetime.now(timezone.utc) - timedelta(days=1, minutes=1))
    synced_before_it_is_due(mailbox, follow_up_days="1")
    with in_process(settings_through(mailbox, proxy, follow_up_days="1")) as daemon:
        watching(daemon)
        daemon._guarded_cycle()                                # places the follow-up on the held connection
        assert len(mailbox.messages("Drafts")) == 1
        box = daemon.watcher.held()
        assert box is not None
        with mailbox.client() as client:                       # the user edits the draft away: Drafts is read
            client.select_folder("Drafts")
            client.delete_messages(client.search(["ALL"]))
            client.expunge()
        daemon._guarded_cycle()
        assert box.selected == "Drafts"                        # the cycle left Drafts open
        assert daemon.watcher.wait(0.3) == "quiet"
        assert box.selected == "INBOX"
        started = time.monotonic()
        maria_replies(mailbox)
        assert daemon.watcher.wait(5) == "mail"
        assert time.monotonic() - started < 5
        daemon._guarded_cycle()
        assert status_of(daemon, "maria@progressive.example") == "replied"


@pytest.fixture(scope="module")
def gmail_dovecot(tmp_path_factory):
    server = localmail.start(tmp_path_factory.mktemp("review-held-gmail"), shape="gmail")
    yield server
    server.stop()


def test_on_gmail_our_own_draft_in_all_mail_costs_one_cycle_not_an_endless_loop(gmail_dovecot, tmp_path):
    from conftest import TestMailbox

    mailbox = TestMailbox(gmail_dovecot, "review-held-gmail", tmp_path / "coffeechat.sqlite3")
    when = datetime.now(timezone.utc) - timedelta(days=1, minutes=1)
    sent = mail(sender=ME, to="Maria López <maria@progressive.example>", subject="Informational interview?",
                body="Would you be open to a 20 minute chat in the next few weeks?", when=when,
                message_id="<o-maria@example.org>")
    for folder in ("[Gmail]/Sent Mail", "[Gmail]/All Mail"):
        mailbox.append(folder, sent, flags=(b"\\Seen",))
    synced_before_it_is_due(mailbox, provider="gmail", follow_up_days="1")
    settings = mailbox.settings(timezone="UTC", summary_at="off", poll_seconds="600", provider="gmail",
                                follow_up_days="1")
    with in_process(settings) as daemon:
        watching(daemon)
        assert daemon.watcher.held().selected == "[Gmail]/All Mail"
        daemon._guarded_cycle()
        [draft] = mailbox.messages("[Gmail]/Drafts")
        mailbox.append("[Gmail]/All Mail", draft, flags=(b"\\Draft",))   # as Gmail files it
        assert daemon.watcher.wait(0.3) == "mail"
        daemon._guarded_cycle()
        for _ in range(3):
            assert daemon.watcher.wait(0.3) == "quiet"
            daemon._guarded_cycle()
        assert len(mailbox.messages("[Gmail]/Drafts")) == 1
        # An archived reply (All Mail only) is seen on the held connection.
        mailbox.append("[Gmail]/All Mail", mail(
            sender="Maria López <maria@progressive.example>", to=ME, subject="Re: Informational interview?",
            body="Happy to talk!", when=datetime.now(timezone.utc), in_reply_to="<o-maria@example.org>"))
        assert daemon.watcher.wait(5) == "mail"
        daemon._guarded_cycle()
        assert status_of(daemon, "maria@progressive.example") == "replied"
        assert daemon.watcher.wait(0.3) == "quiet"


# --- PASSING, coverage: `coffeechat sync` is unaffected (its own connection, logged out) --------------------

def test_sync_on_the_command_line_still_logs_in_and_out_on_its_own(mailbox, proxy, capsys):
    outreach_to_maria(mailbox, datetime.now(timezone.utc) - timedelta(days=3))
    before = proxy.accepted
    code, out, err = mailbox.run(capsys, "sync", "--dry-run", imap_port=str(proxy.port))
    assert code == 0, err
    code, out, err = mailbox.run(capsys, "sync", imap_port=str(proxy.port))
    assert code == 0, err
    assert proxy.accepted - before == 2
    assert wait_for(lambda: not [link for link in proxy.links if not link.closed], 5)



# --- Was failing: mail announced to the watcher's own refresh was not said, and IDLE then never said it ---

@pytest.mark.parametrize("lands", ["before STATUS", "between STATUS and the NOOP after it"])
def test_mail_that_lands_while_the_watcher_refreshes_inbox_before_idle_is_said_at_once(mailbox, proxy, lands):
    # After a cycle the watcher asks (NOOP, STATUS, NOOP) before IDLE. A reply landing inside that exchange
    # is announced (EXISTS) to the refresh's NOOP, whose answer is thrown away; STATUS was too early to
    # count it; the NOOP that idle() sends first and IDLE itself never hear of it again.
    outreach_to_maria(mailbox, datetime.now(timezone.utc) - timedelta(days=3))
    with in_process(settings_through(mailbox, proxy)) as daemon:
        held_and_waiting(daemon)
        if lands == "before STATUS":
            landed = proxy.pause_at(b"STATUS", then=lambda: maria_replies(mailbox))
        else:
            inner = []
            landed = proxy.pause_at(b"STATUS", then=lambda: inner.append(
                proxy.pause_at(b"NOOP", then=lambda: maria_replies(mailbox))))
        started = time.monotonic()
        said = daemon.watcher.wait(4)
        assert landed.is_set() and (lands == "before STATUS" or inner[0].is_set())
        assert said == "mail", f"{said} after {time.monotonic() - started:.1f} s"
        daemon._guarded_cycle()
        assert status_of(daemon, "maria@progressive.example") == "replied"


def test_coffeechat_run_misses_a_reply_that_lands_while_it_asks_before_idle(mailbox, tmp_path, proxy):
    # The same in the real daemon: a newsletter wakes it, the cycle runs on the held connection, and the
    # reply lands just after the watcher's STATUS of INBOX (the first STATUS after the cycle's of Sent),
    # before the NOOP that follows it. It is read only at the next poll (10 minutes here), not within seconds.
    outreach_to_maria(mailbox, datetime.now(timezone.utc) - timedelta(days=3))
    with waiting_in_idle(mailbox, tmp_path, port=proxy.port, poll_seconds="600") as daemon:
        inner = []
        landed = proxy.pause_at(b"Sent", then=lambda: proxy.pause_at(b"STATUS", then=lambda: inner.append(
            proxy.pause_at(b"NOOP", then=lambda: maria_replies(mailbox)))))
        mailbox.append("INBOX", mail(sender="News <news@list.example>", to=ME, subject="Weekly news",
                                     body="hello", when=datetime.now(timezone.utc)))
        assert wait_for(lambda: bool(inner) and inner[0].is_set(), 10), daemon.log()
        assert landed.is_set()
        arrived = time.monotonic()
        assert wait_for(lambda: daemon.status("maria@progressive.example") == "replied", 10), daemon.log()
        assert time.monotonic() - arrived < 10


# --- Was failing: the incoming folder recreated under the held connection (the old view kept, 1 try in 2) ---

PEOPLE = [("Maria López", "maria@progressive.example"), ("Sam Chen", "sam@campaign.example"),
          ("Ana Ruiz", "ana@union.example"), ("Lee Park", "lee@tenants.example"),
          ("Kim Diaz", "kim@coop.example")]


def test_the_incoming_folder_recreated_under_the_held_connection_is_read_again_and_loses_nothing(mailbox, proxy,
                                                                                                 caplog):
    # The user's mail client rebuilds the folder (delete, create): a new UIDVALIDITY. Before this change every
    # cycle opened it on a new connection and re-read it. The held connection may keep the old folder's view:
    # its STATUS answers from that view, so cycle after cycle says "Read 0 new messages" and the reply that
    # landed in the new folder is not read (nor announced to IDLE) while the connection lives. Dovecot keeps
    # the old view in about half the tries here; five rounds, one reply each. The daemon makes the connection
    # anew at the first poll once it is RENEW_SECONDS old: the reply is read then, whatever the view.
    with mailbox.client() as client:
        client.create_folder("Work")
    for name, address in PEOPLE:
        mailbox.append("Sent", mail(sender=ME, to=f"{name} <{address}>", subject="Informational interview?",
                                    body="20 minutes?", when=datetime.now(timezone.utc) - timedelta(days=3),
                                    message_id=f"<o-{address}>"), flags=(b"\\Seen",))
    caplog.set_level(logging.INFO)
    with in_process(settings_through(mailbox, proxy, inbox_folder="Work")) as daemon:
        daemon._guarded_cycle()
        assert daemon.watcher.wait(0.3) == "quiet"
        assert daemon.watcher.box.selected == "Work"
        said, missed, renewed = [], [], []
        for name, address in PEOPLE:
            with mailbox.client() as client:
                client.delete_folder("Work")
                client.create_folder("Work")
            mailbox.append("Work", mail(sender=f"{name} <{address}>", to=ME, subject="Re: Informational interview?",
                                        body="Happy to talk!", when=datetime.now(timezone.utc),
                                        in_reply_to=f"<o-{address}>"))
            said.append(daemon.watcher.wait(0.5))
            daemon._guarded_cycle()                            # a poll, as the timer runs it
            said.append(daemon.watcher.wait(0.3))
            if status_of(daemon, address) != "replied":
                # The old view was kept. The first poll once the connection is RENEW_SECONDS old makes it anew.
                daemon.watcher.opened -= RENEW_SECONDS + 1
                daemon._guarded_cycle()
                said.append(daemon.watcher.wait(0.3))
                renewed.append(address)
            if status_of(daemon, address) != "replied":
                missed.append(address)
        assert missed == [], (missed, renewed, said, caplog.text)
    assert "Traceback" not in caplog.text


# --- PASSING, coverage: SIGHUP in the middle of a cycle on the held connection ------------------------------

def test_sighup_during_a_cycle_on_the_held_connection_reloads_and_idle_comes_back(mailbox, tmp_path, proxy):
    outreach_to_maria(mailbox, datetime.now(timezone.utc) - timedelta(days=3))
    with waiting_in_idle(mailbox, tmp_path, port=proxy.port, poll_seconds="600") as daemon:
        hup = proxy.pause_at(b"Sent", then=lambda: daemon.process.send_signal(signal.SIGHUP))
        mailbox.append("INBOX", mail(sender="News <news@list.example>", to=ME, subject="Weekly news",
                                     body="hello", when=datetime.now(timezone.utc)))
        assert wait_for(hup.is_set, 10), daemon.log()
        assert wait_for(lambda: "settings reloaded" in daemon.log(), 10), daemon.log()
        time.sleep(1.5)                                         # in IDLE again, on a new connection
        arrived = time.monotonic()
        maria_replies(mailbox)
        assert wait_for(lambda: daemon.status("maria@progressive.example") == "replied", 8), daemon.log()
        assert time.monotonic() - arrived < 8
    assert "cycle failed" not in daemon.log(), daemon.log()


def test_polls_run_on_the_waiting_connection_until_it_is_old_then_on_a_new_one(mailbox, proxy):
    outreach_to_maria(mailbox, datetime.now(timezone.utc) - timedelta(days=3))
    with in_process(settings_through(mailbox, proxy)) as daemon:
        held_and_waiting(daemon)
        connections = proxy.accepted
        for _ in range(3):                                     # polls: no login
            daemon._guarded_cycle()
            assert daemon.healthy and daemon.watcher.wait(0.2) == "quiet"
        assert proxy.accepted == connections
        daemon.watcher.opened -= RENEW_SECONDS + 1             # as if the connection were 15 minutes old
        maria_replies(mailbox)
        daemon._guarded_cycle()                                # the poll runs on a connection of its own
        assert daemon.healthy and status_of(daemon, "maria@progressive.example") == "replied"
        assert daemon.watcher.held() is None
        assert daemon.watcher.wait(0.2) == "quiet"             # the waiting connection made anew, nothing unseen
        assert proxy.accepted == connections + 2
        daemon.watcher.opened -= RENEW_SECONDS + 1
        daemon.mail_said = True                                # a wake-up, however old: read where it was said
        daemon._guarded_cycle()
        assert proxy.accepted == connections + 2
