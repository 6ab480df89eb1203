"""Network faults in the middle of `coffeechat run`'s work: it recovers within two poll intervals, nothing
lost and nothing doubled.

The daemon is a real process (test_daemon.Running) talking to the test Dovecot through tests/proxy.py, which
breaks one connection at a chosen point: partway through the first sync's big FETCH, partway through a
draft's APPEND, after an APPEND the server carried out but whose answer never arrived, in the middle of a
TLS handshake, or by going silent without closing. Each run must end with the very contact log an
undisturbed cycle over the same mailbox writes, and with exactly the drafts that log records in Drafts.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy

import pytest
import reliability
from conftest import TestMailbox as Mailbox
from corpus import ME, mail, wait_for
from proxy import DOWN, UP, Proxy
from test_daemon import Running

from daemon.contact_log.store import Store
from daemon.errors import MailboxError
from daemon.writing import delivery

POLL = 10          # COFFEECHAT_POLL_SECONDS: the shortest the settings take
NEWSLETTERS = 300  # the first sync's header FETCH answer: about 200 KB


def a_week_of_search(mailbox: Mailbox) -> None:
    """Newsletters, an outreach whose follow-up is due (so a draft is APPENDed), one that was answered."""
    now = datetime.now(timezone.utc)
    with mailbox.client() as client:
        client.multiappend("INBOX", [mail(sender=f"Policy Weekly <news{i % 7}@lists.example>", to=ME,
                                          subject=f"This week in policy, issue {i}", body="Read more",
                                          when=now - timedelta(days=20, minutes=i),
                                          headers={"List-Id": f"<weekly{i % 7}.lists.example>"})
                                     for i in range(NEWSLETTERS)])
        client.append("Sent", mail(sender=ME, to="Maria López <maria@progressive.example>",
                                   subject="Informational interview?", when=now - timedelta(days=8),
                                   body="Hi Maria,\n\nWould you be open to a 20 minute chat?\n\nJordan",
                                   message_id="<o-maria@example.org>"), flags=(b"\\Seen",))
        client.append("Sent", mail(sender=ME, to="Sam Chen <sam@campaign.example>",
                                   subject="Coffee chat about field organizing?", when=now - timedelta(days=3),
                                   body="Hi Sam,\n\nCould I ask you about your path into organizing?\n\nJordan",
                                   message_id="<o-sam@example.org>"), flags=(b"\\Seen",))
        client.append("INBOX", mail(sender="Sam Chen <sam@campaign.example>", to=ME,
                                    subject="Re: Coffee chat about field organizing?", body="Sure, Tuesday?",
                                    when=now - timedelta(days=1), in_reply_to="<o-sam@example.org>",
                                    references="<o-sam@example.org>", message_id="<r-sam@campaign.example>"))


def contact_log(database) -> dict[str, list[tuple]]:
    """What the log holds, without its clocks: contacts, events, drafts and the folder cursors."""
    try:
        with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
            return {
                "contacts": sorted(db.execute("SELECT a.email, c.status, c.attempts, c.round FROM contact c "
                                              "JOIN contactaddress a ON a.contact_id = c.id")),
                "events": sorted(db.execute("SELECT message_id, kind, folder FROM event")),
                "drafts": sorted(db.execute("SELECT a.email, d.kind, d.attempt, d.state FROM draft d "
                                            "JOIN contactaddress a ON a.contact_id = d.contact_id")),
                "cursors": sorted(db.execute("SELECT folder, last_uid FROM foldercursor")),
            }
    except sqlite3.OperationalError:
        return {}  # not created, or not migrated, yet


def ids_in(mailbox: Mailbox, folder: str) -> list[str]:
    """The Message-IDs in a folder, one per message."""
    return [str(message_from_bytes(raw, policy=policy.default)["Message-ID"]) for raw in mailbox.messages(folder)]


def drafts_match_the_log(mailbox: Mailbox) -> bool:
    """Drafts holds exactly one message for every draft the log says is there, and nothing else."""
    in_folder = ids_in(mailbox, "Drafts")
    with contextlib.closing(sqlite3.connect(f"file:{mailbox.database}?mode=ro", uri=True)) as db:
        placed = [row[0] for row in db.execute("SELECT message_id FROM draft WHERE state = 'placed'")]
    return sorted(in_folder) == sorted(placed)


@pytest.fixture(scope="module")
def undisturbed(dovecot, tmp_path_factory) -> dict[str, list[tuple]]:
    """The contact log one cycle writes over the same mailbox with nothing going wrong."""
    box = Mailbox(dovecot, "undisturbed-network", tmp_path_factory.mktemp("undisturbed") / "log.sqlite3")
    a_week_of_search(box)
    box.sync(datetime.now(timezone.utc))
    log = contact_log(box.database)
    assert drafts_match_the_log(box) and len(box.messages("Drafts")) == 1, log
    assert ("maria@progressive.example", "follow_up", 2, "placed") in log["drafts"], log
    assert ("sam@campaign.example", "replied", 1, 1) in log["contacts"], log
    return log


# Each fault: how the proxy is armed, and what the daemon's one-line warning says of it.
FAULTS = {
    # The server->client stream broken some way into the first sync's header FETCH.
    "cut mid-FETCH": (lambda proxy: proxy.cut_after(30_000, DOWN, command=b"UID FETCH"),
                      "could not fetch from INBOX on 127.0.0.1: [Errno 104] Connection reset by peer"),
    # The same point, but the connection stays open and silent: only COFFEECHAT_IMAP_TIMEOUT notices.
    "stall mid-FETCH": (lambda proxy: proxy.stall_after(30_000, DOWN, command=b"UID FETCH"),
                        "could not fetch from INBOX on 127.0.0.1: timed out"),
    # The follow-up's APPEND broken while its literal is on the way: the server keeps nothing.
    "cut mid-APPEND": (lambda proxy: proxy.cut_after(400, UP, command=b"APPEND"),
                       "could not save a message in Drafts on 127.0.0.1"),
    # The server stored the draft; the OK never came back. The next cycle must find it, not APPEND again.
    "APPEND answer lost": (lambda proxy: proxy.lose_answer(b"APPEND"),
                           "could not save a message in Drafts on 127.0.0.1"),
    # A reset after the server's first TLS flight (hello and certificate), before the handshake is done.
    "reset in TLS handshake": (lambda proxy: proxy.cut_after(300, DOWN),
                               "cannot connect to localhost:"),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_a_network_fault_is_recovered_within_two_polls_with_nothing_lost_or_doubled(mailbox, tmp_path, dovecot,
                                                                                    undisturbed, fault):
    a_week_of_search(mailbox)
    tls = fault == "reset in TLS handshake"
    proxy = Proxy(dovecot.host, dovecot.tls_port if tls else dovecot.port)
    arm, words = FAULTS[fault]
    struck = arm(proxy)
    settings = dict(imap_tls="ssl", imap_host="localhost", imap_ca_file=str(dovecot.cert_file)) if tls else {}
    daemon = Running(mailbox, tmp_path, port=proxy.port, poll_seconds=str(POLL), imap_timeout="5", **settings)
    try:
        assert struck.wait(30), f"the fault never struck:\n{daemon.log()}"
        hit = time.monotonic()
        assert wait_for(lambda: contact_log(mailbox.database) == undisturbed, 2 * POLL), \
            f"{contact_log(mailbox.database)}\n{undisturbed}\n{daemon.log()}"
        recovered = time.monotonic() - hit
        assert drafts_match_the_log(mailbox), (mailbox.messages("Drafts"), daemon.log())
        assert daemon.process.poll() is None
    finally:
        code, _ = daemon.stop()
        proxy.close()
    log = daemon.log()
    assert code == 0 and "Traceback" not in log, log

    assert "cycle failed, will retry in" in log and words in log, log  # the fault was met, and said in one line
    assert recovered < 2 * POLL
    assert contact_log(mailbox.database) == undisturbed and len(mailbox.messages("Drafts")) == 1
    if fault == "APPEND answer lost":
        assert "placing draft" not in log, log  # found by its Message-ID, not appended a second time
    if fault == "cut mid-APPEND":
        assert "never reached Drafts" in log, log  # the half-sent draft was not kept: it is placed again
    reliability.count("network faults injected")


def test_a_summary_whose_append_answer_was_lost_is_found_in_inbox_not_put_there_twice(mailbox, dovecot):
    """The weekly summary takes the drafts' path: recorded, APPENDed to INBOX, and looked for before a retry."""
    proxy = Proxy(dovecot.host, dovecot.port)
    store = Store(str(mailbox.database))
    now = datetime.now(timezone.utc)
    try:
        proxy.lose_answer(b"APPEND")
        with pytest.raises(MailboxError):
            delivery.send(mailbox.settings(imap_port=str(proxy.port), timezone="UTC"), store, now)
        outcome = delivery.send(mailbox.settings(timezone="UTC"), store, now)
    finally:
        store.close()
        proxy.close()
    assert outcome.words.startswith("The summary for ") and outcome.words.endswith("had already arrived in your INBOX.")
    assert len(mailbox.messages("INBOX")) == 1
    reliability.count("network faults injected")
