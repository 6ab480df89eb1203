"""Precision and recall of outreach detection on a labelled corpus of real-looking sent mail.

Each message of tests/sent_corpus.py is classified in order, as a sync would: with the
history the user has with its recipient, and with the threads already in the log (so the
user's own follow-up to an outreach counts as one). Run with `-s` to see the figures.
"""

from __future__ import annotations

import json
from datetime import timedelta
from email.utils import format_datetime

from corpus import ME, NOW
from sent_corpus import CASES, SentCase

from daemon.classify import FOLLOW_UP, OTHER, OUTREACH, Known, classify
from daemon.messages import parse

MY_ADDRESSES = frozenset({"jordan@example.org", "j.rivera@example.net"})


def judged(case: SentCase, known: Known) -> tuple[bool, bool, tuple[str, ...]]:
    """Is this message tracked as networking (outreach, or my follow-up to it), and does it add a new contact?"""
    summary = parse(case.raw, folder_role="sent", internal_date=None)
    recipient = next((a.email for a in summary.to if a.email not in MY_ADDRESSES), "")
    for n in range(case.history):  # earlier ordinary mail with them, spread over the year before
        known.saw(f"<history-{case.id}-{n}@example.org>", recipient, summary.date - timedelta(days=3 + n * 7))
    event = classify(summary, known)
    new_contact = event.kind == OUTREACH and event.contact not in known.contacts
    known.learn(event)
    return event.kind in (OUTREACH, FOLLOW_UP), new_contact, event.why


def measure() -> tuple[int, int, int, int, list[str]]:
    """True and false positives, misses, and the rest.

    A false positive is a message that is not networking but adds someone to the log: that
    person would get a follow-up. The user's logistics and thank-yous to someone already in
    the log are their conversation with that contact (coffeechat notes them; they draft
    nothing), so they count as correct, not as new outreach.
    """
    known = Known(my_addresses=MY_ADDRESSES, phrases=(), keyword="coffeechat")
    tp = fp = fn = tn = 0
    wrong = []
    for case in CASES:
        tracked, new_contact, why = judged(case, known)
        if tracked and case.networking:
            tp += 1
        elif new_contact and not case.networking:
            fp += 1
            wrong.append(f"false follow-up: {case.id} ({case.category}): {'; '.join(why)}")
        elif case.networking:
            fn += 1
            wrong.append(f"missed: {case.id} ({case.category}): {'; '.join(why)}")
        else:
            tn += 1
    return tp, fp, fn, tn, wrong


def test_no_false_follow_up_and_recall_of_at_least_95_percent():
    tp, fp, fn, tn, wrong = measure()
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(f"\nsent corpus: {len(CASES)} messages, {tp + fn} networking; precision {precision:.1%} ({fp} false), "
          f"recall {recall:.1%} ({fn} missed)")
    print("\n".join(wrong))
    assert fp == 0, wrong
    assert recall >= 0.95, wrong


def test_the_corpus_is_the_size_and_mix_the_issue_asks_for():
    categories = {case.category for case in CASES if case.networking}
    assert len(CASES) >= 80
    assert {"core", "extended", "shared", "cold", "intro", "follow_up"} <= categories
    others = {case.category for case in CASES if not case.networking}
    assert {"family", "friend", "landlord", "vendor", "support", "job_application", "recruiter", "group", "list",
            "newsletter_reply", "work"} <= others
    assert OTHER == "other"


def test_the_corpus_through_a_real_mailbox_makes_contacts_of_the_networking_recipients_only(mailbox, capsys):
    """The same 112 messages as a real Sent folder (bodies fetched over IMAP, history as real mail)."""
    def recipient(case: SentCase) -> tuple[str, object]:
        summary = parse(case.raw, folder_role="sent")
        return next((a.email for a in summary.to if a.email not in MY_ADDRESSES), ""), summary.date

    with mailbox.client() as client:
        for case in CASES:
            address, date = recipient(case)
            for n in range(case.history if address else 0):  # their earlier mail, a week apart, before this message
                when = date - timedelta(days=3 + n * 7)
                raw = (f"From: {address}\r\nTo: {ME}\r\nSubject: note {n}\r\nDate: {format_datetime(when)}\r\n"
                       f"Message-ID: <history-{case.id}-{n}@example.org>\r\n\r\nThanks!\r\n").encode()
                client.append("INBOX", raw, msg_time=when)
            client.append("Sent", case.raw, flags=(b"\\Seen",), msg_time=date)
    mailbox.sync(NOW)
    code, out, _ = mailbox.run(capsys, "contacts", "export", "--format", "json")
    contacts = {row["email"] for row in json.loads(out)}
    expected = {recipient(case)[0] for case in CASES if case.networking and case.category != "follow_up"}
    assert contacts == expected
