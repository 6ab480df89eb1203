"""Hostile and broken mail (tests/hostile.py) in a real Dovecot, read by real cycles.

Every (trait, shape) of the corpus sits in INBOX or Sent of one user, each in a thread of its
own: the user's outreach, a contact's reply, a bounce, an invite. Three cycles run over it
(the day it all arrived, the meeting's morning, the meeting's evening), and the weekly
summary is put in INBOX. Then:

- no cycle crashed, and every message was read or skipped with a one-line reason in the log;
- no CR or LF from the mail reached a header of anything coffeechat wrote (drafts, prep notes,
  the summary), read back from Dovecot as a mail client reads them;
- what the cycles fetched is bounded (Dovecot's own count of the bytes it sent), and parsing
  any one message as fetched stays under a memory bound (tracemalloc) with a generous hang
  guard. No timing is asserted: speed is measured by `make bench`.
"""

from __future__ import annotations

import logging
import re
import signal
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta, timezone
from email.utils import getaddresses

import conftest
import hostile
import pytest
import reliability

from daemon.contact_log.store import Store
from daemon.mail.invites import read_calendar
from daemon.mail.mailbox import CALENDAR_BYTES, FIELD_BYTES, HEADER_BYTES, REPORT_BYTES, Mailbox
from daemon.mail.messages import CONTROL, HEADER_FIELDS, parse
from daemon.service import run_cycle
from daemon.writing import delivery
from daemon.writing.report import CycleReport

ME = "jordan@example.org"
# The cycles: the day the mail came, the meeting's morning (prep notes), its evening (thank-yous).
CYCLES = (hostile.NOW, (hostile.MEETING - timedelta(hours=7)), hostile.MEETING + timedelta(hours=3))
PARSE_PEAK = 16 * 2**20   # the most memory parsing one message as fetched may take
HANG_SECONDS = 30          # a hang guard, not a speed test


@dataclass
class Run:
    box: conftest.TestMailbox
    appended: Counter = field(default_factory=Counter)     # folder -> messages put there
    stored: int = 0                                        # bytes put there
    reports: list[CycleReport] = field(default_factory=list)
    summary: str = ""
    warnings: list[str] = field(default_factory=list)      # what the cycles logged at WARNING and above
    served: int = 0                                        # bytes Dovecot sent to coffeechat's connections


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def _served(log_text: str, user: str) -> tuple[int, int]:
    """(connections closed, bytes Dovecot sent over them) for this user, from Dovecot's own log."""
    found = re.findall(rf"imap\({re.escape(user)}\)<[^:]*: Info: Disconnected: .*? out=(\d+)", log_text)
    return len(found), sum(int(n) for n in found)


@pytest.fixture(scope="module")
def run(dovecot, tmp_path_factory) -> Run:
    box = conftest.TestMailbox(dovecot, "hostile-corpus", tmp_path_factory.mktemp("hostile") / "coffeechat.sqlite3")
    result = Run(box)
    messages: dict[str, list[dict]] = {"Sent": [], "INBOX": []}
    for item in hostile.corpus():
        if item.shape != "outreach":
            messages["Sent"].append({"msg": hostile.clean_outreach(item.contact), "date": hostile.SENT_AT})
        messages[item.folder].append({"msg": item.raw(), "date": item.when})
    with box.client() as client:
        for folder, batch in messages.items():
            client.multiappend(folder, batch)  # one command for the folder
            result.appended[folder] = len(batch)
            result.stored += sum(len(m["msg"]) for m in batch)
    del messages
    log = dovecot.root / "dovecot.log"
    before = log.read_text(errors="replace")
    records = _Records()
    logging.getLogger("daemon").addHandler(records)
    connections = 0
    try:
        for when in CYCLES:
            store = Store(str(box.database))
            try:
                result.reports.append(run_cycle(box.settings(timezone="UTC"), store, when))
            finally:
                store.close()
            connections += 1
        store = Store(str(box.database))
        try:
            result.summary = delivery.send(box.settings(timezone="UTC"), store, CYCLES[-1]).words
        finally:
            store.close()
        connections += 1
    finally:
        logging.getLogger("daemon").removeHandler(records)
    result.warnings = records.lines

    def logged() -> tuple[int, int]:
        return _served(log.read_text(errors="replace")[len(before):], box.user)

    from corpus import wait_for
    assert wait_for(lambda: logged()[0] >= connections, 10), "Dovecot did not log every connection's end"
    result.served = logged()[1]
    return result


def _headers(box: conftest.TestMailbox, folder: str) -> list[bytes]:
    """The header block of every message in a folder (never the bodies: one is 50 MB)."""
    with box.client() as client:
        client.select_folder(folder, readonly=True)
        uids = client.search(["ALL"])
        data = client.fetch(uids, ["BODY.PEEK[HEADER]"]) if uids else {}
    return [data[uid][b"BODY[HEADER]"] for uid in sorted(data)]


def _written_by_coffeechat(box: conftest.TestMailbox) -> dict[str, list[bytes]]:
    drafts = _headers(box, "Drafts")
    notes = [h for h in _headers(box, "INBOX") if re.search(rb"(?im)^message-id: <coffeechat\.", h)]
    return {"drafts": drafts, "notes": notes}


@contextmanager
def hang_guard(what: str) -> Iterator[None]:
    def expired(signum, frame):
        raise AssertionError(f"{what} still running after {HANG_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(HANG_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _peak(work, *args, **kwargs) -> int:
    """The most memory `work(*args, **kwargs)` held at once (tracemalloc), under the hang guard."""
    tracemalloc.start()
    try:
        with hang_guard(f"{work.__name__}{args[:1]!r:.60}"):
            work(*args, **kwargs)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_hostile_mail_never_stops_a_cycle_nor_reaches_a_header(run: Run):
    corpus = hostile.corpus()
    contacts = {item.contact for item in corpus}
    # Every cycle finished, and read every message of the corpus or said which it skipped and why.
    assert len(run.reports) == len(CYCLES) and "put in your INBOX" in run.summary
    first = run.reports[0]
    skips = [line for line in run.warnings if line.startswith("skipped ")]
    assert all(re.fullmatch(r"skipped (UID \d+ in \S+: unreadable headers|\S+ in \S+: could not classify it) "
                            r"\(\w+: .+\)", line) for line in skips), skips
    assert first.skipped == len(skips)
    for folder in ("Sent", "INBOX"):
        skipped_here = sum(1 for line in skips if f" in {folder}:" in line)
        assert first.fetched[folder] + skipped_here == run.appended[folder], folder
    assert [r.skipped for r in run.reports[1:]] == [0, 0]
    # Every ordinary outreach the hostile mail answers is in the log: none was lost to its neighbours.
    store = Store(str(run.box.database))
    try:
        statuses = {row.email: contact.status for contact in store.contacts() for row in contact.addresses}
        logged = set(statuses)
    finally:
        store.close()
    answered = {item.contact for item in corpus if item.shape != "outreach"}
    assert answered <= logged
    # A field of megabytes hides none of the others: those replies count, those invites made meetings.
    for trait in ("folded_1mb_subject", "references_10k", "header_block_1mb"):
        assert statuses[hostile.contact_of(trait, "reply")] == "replied", trait
        assert statuses[hostile.contact_of(trait, "invite")] == "met", trait

    # What coffeechat wrote: drafts to contacts, prep notes and the summary to the user. Every header one line.
    written = _written_by_coffeechat(run.box)
    drafts = [hostile.one_line_headers(head, lambda to: to in contacts) for head in written["drafts"]]
    notes = [hostile.one_line_headers(head, ME) for head in written["notes"]]
    assert all(getaddresses([str(m["From"])])[0][1] == ME for m in drafts + notes)
    kinds = Counter(str(n["Subject"]).split(":")[0].split(" week ")[0] for n in notes)
    assert kinds["coffeechat"] == 1 and kinds["Prep"] >= 20, kinds  # the summary, and the prep notes
    # The mail's hidden line breaks did reach those headers, as the plain text they are.
    by_contact = {getaddresses([str(d["To"])])[0][1]: d for d in drafts}
    for trait in ("crlf_subject_q", "crlf_subject_b"):
        assert str(by_contact[hostile.contact_of(trait, "outreach")]["Subject"]) == "Re: Evil Bcc: x@evil.example"
    to = by_contact[hostile.contact_of("crlf_name_b", "outreach")]["To"]
    assert to.addresses[0].display_name == "Evil Bcc: x@evil.example"
    # A name the email package would fold out of its quotes into a second recipient: the address goes alone.
    to = by_contact[hostile.contact_of("long_name_with_commas", "outreach")]["To"]
    assert [(a.display_name, a.addr_spec) for a in to.addresses] == [
        ("", hostile.contact_of("long_name_with_commas", "outreach"))]

    # Fetching is bounded: the folders hold over 100 MB (two 50 MB attachments), the cycles were sent a few.
    assert run.stored > 100 * 2**20
    assert run.served < 8 * 2**20, f"Dovecot sent {run.served} bytes to the cycles"

    # Parsing any one message, as any of the cycle's fetches gets it, stays under PARSE_PEAK.
    with Mailbox.connect(run.box.settings()) as box:
        for folder in ("Sent", "INBOX"):
            box.select(folder)
            uids = box.new_uids(0, hostile.NOW.date())
            role = "sent" if folder == "Sent" else "inbox"
            # The header fields, and the longest beginning a cycle fetches (a suspected report's; others take less).
            fetches = [(HEADER_BYTES + len(HEADER_FIELDS) * FIELD_BYTES, box.fetch_headers(uids, HEADER_FIELDS)),
                       (REPORT_BYTES, box.fetch_beginnings(uids, REPORT_BYTES))]
            for bound, items in fetches:
                for item in items:
                    assert len(item.raw) <= bound, (folder, item.uid, len(item.raw))
                    peak = _peak(parse, item.raw, folder_role=role, internal_date=item.internal_date)
                    assert peak < PARSE_PEAK, (folder, item.uid, peak)
            for uid, parts in box.calendar_parts(uids).items():
                for part in parts:
                    assert len(part) <= CALENDAR_BYTES
                    assert _peak(read_calendar, part, timezone.utc) < PARSE_PEAK, (folder, uid)

    for _ in corpus:
        reliability.count("hostile inputs tried")


@pytest.mark.parametrize("item", [i for i in hostile.corpus() if i.trait != "attachment_50mb"], ids=lambda i: i.name)
def test_the_pure_parser_reads_every_hostile_message_whole(item):
    """The whole message, not just what a cycle fetches: a summary comes out, every string in it one clean line."""
    with hang_guard(f"parsing {item.name}"):
        summary = parse(item.raw(), folder_role="sent" if item.shape == "outreach" else "inbox",
                        internal_date=item.when)
    people = [summary.sender] if summary.sender else []
    for text in [summary.subject, summary.message_id, *summary.references, *summary.in_reply_to,
                 *(a.name for a in [*people, *summary.to, *summary.cc]), *(a.email for a in [*people, *summary.to])]:
        assert not CONTROL.search(text), text
    assert summary.date.year < 9000 and summary.date.tzinfo is not None
