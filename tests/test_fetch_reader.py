"""Reading FETCH answers in the shapes imaplib hands them over, from servers that order items differently."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from corpus import cases

from daemon.mail.fetch_reader import fetched_items, uid_set

HEADER = b"From: Sam <sam@x.example>\r\nSubject: Hi\r\n\r\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    cases(
        ("Dovecot: UID, FLAGS and INTERNALDATE before the literal",
         [(b'1 (UID 12 FLAGS (\\Seen $Label1) INTERNALDATE "25-Nov-2026 09:15:02 +0100" BODY[HEADER.FIELDS (FROM '
           b'SUBJECT)] {42}', HEADER), b")"],
         [(12, HEADER, datetime(2026, 11, 25, 8, 15, 2, tzinfo=timezone.utc), ("\\Seen", "$Label1"))]),
        ("Gmail and Exchange: items after the literal, a day padded with a space",
         [(b"2 (UID 13 BODY[HEADER.FIELDS (FROM SUBJECT)] {42}", HEADER),
          b' INTERNALDATE " 5-Nov-2026 23:59:59 -0800" FLAGS ())'],
         [(13, HEADER, datetime(2026, 11, 6, 7, 59, 59, tzinfo=timezone.utc), ())]),
        ("an empty part comes without a literal, between two with one",
         [(b"1 (UID 1 FLAGS () BODY[] {42}", HEADER), b")",
          b'2 (UID 2 FLAGS (\\Draft) INTERNALDATE "01-Jan-2026 00:00:00 +0000" BODY[] "")',
          (b"3 (UID 3 FLAGS () BODY[] {42}", HEADER), b")"],
         [(1, HEADER, None, ()), (2, b"", datetime(2026, 1, 1, tzinfo=timezone.utc), ("\\Draft",)),
          (3, HEADER, None, ())]),
        ("an unsolicited flag change (no UID) is not a message",
         [b"4 (FLAGS (\\Seen))", (b"5 (UID 20 BODY[] {42}", HEADER), b")"],
         [(20, HEADER, None, ())]),
        ("a date the server garbled is no date, not a crash",
         [(b'6 (UID 21 INTERNALDATE "31-Foo-2026 99:00:00 +0000" BODY[] {42}', HEADER), b")"],
         [(21, HEADER, None, ())]),
        ("nothing", [], []),
        ("imaplib's None for an answer with no data", [None], []),
    ),
)
def test_fetch_answers_are_read_whatever_the_servers_order(data, expected):
    found = [(i.uid, i.raw, i.internal_date, i.flags) for i in fetched_items(data)]
    assert found == expected


@pytest.mark.parametrize(
    ("uids", "expected"),
    cases(
        ("a run", [1, 2, 3], "1:3"),
        ("gaps and singles, in any order", [9, 1, 2, 3, 7, 10, 12], "1:3,7,9:10,12"),
        ("one", [5], "5"),
        ("repeats", [4, 4, 5], "4:5"),
    ),
)
def test_uid_sets_are_ranges(uids, expected):
    assert uid_set(uids) == expected


INTERNAL_DATES = ["25-Nov-2026 09:15:02 +0100", " 5-Dec-2026 23:59:59 -0800", "01-Jan-1970 00:00:00 +0000",
                  "25-Nov-2026 09:15:02 +1430", "31-Feb-2026 00:00:00 +0000", "25-Nov-2026 24:00:00 +0000",
                  "25-Nov-2026 09:15:02 +01", "25-Nov-2026 09:15:02", "25-Foo-2026 09:15:02 +0000", "", "garbage"]


@pytest.mark.parametrize("text", INTERNAL_DATES)
def test_internal_date_reads_as_strptime_would(text):
    """The hand-made reader agrees with strptime on good dates and refuses what it refuses."""
    import re
    from datetime import datetime, timezone

    from daemon.mail.fetch_reader import internal_date

    try:
        expected = datetime.strptime(text.strip(), "%d-%b-%Y %H:%M:%S %z").astimezone(timezone.utc)
    except ValueError:
        expected = None
    assert internal_date(re.match(rb"(.*)", text.encode())) == expected
