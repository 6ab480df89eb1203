"""The byte-level header reader (a sync's fast path) reads header blocks as the email package does.

Checked on every real-shaped message in tests/data (bounces from 69 mail systems, auto-replies,
invites): the header block alone, read both ways, gives the same fields and values.
"""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import pytest

from daemon.mail.messages import HEADER_FIELDS, _header_lines, _index, _split, parse

DATA = Path(__file__).parent / "data"
SAMPLES = sorted(p for p in DATA.rglob("*") if p.suffix in (".eml", ".msg", ".txt") and p.is_file())


def test_there_are_real_samples_to_compare():
    assert len(SAMPLES) > 500


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: str(p.relative_to(DATA)))
def test_each_header_block_reads_the_same_as_with_the_email_package(path):
    head, _ = _split(path.read_bytes())
    ours = _header_lines(head)
    theirs = _index(email.message_from_bytes(head + b"\r\n\r\n", policy=email.policy.compat32))
    wanted = {name.lower() for name in HEADER_FIELDS}
    # The email package stops at the first line that is no field; ours skips it and reads on.
    assert {k: v for k, v in theirs.items() if k in wanted} == {
        k: v[:len(theirs.get(k, []))] for k, v in ours.items() if k in wanted and k in theirs}


def test_the_summary_of_header_fields_alone_is_the_same_either_way():
    raw = (b"From: =?utf-8?q?Zo=C3=AB?= <zoe@coop.example>\r\nTo: me@example.org,\r\n  Sam <sam@x.example>\r\n"
           b"Subject: Re: coffee\r\n\tnext week?\r\nDate: Tue, 24 Nov 2026 10:00:00 -0500\r\n"
           b"Message-ID: <a@b>\r\nX-Odd: caf\xc3\xa9\r\n\r\n")
    fast = parse(raw, folder_role="inbox")
    slow = parse(raw + b"\r\n", folder_role="inbox")  # a blank body line sends it through the email package
    assert fast == slow
    assert fast.sender.name == "Zoë" and [a.email for a in fast.to] == ["me@example.org", "sam@x.example"]
    assert fast.subject == "Re: coffee next week?"


def _address_values() -> list[str]:
    """Every From, To, Cc, Reply-To value in the real samples, as fetched."""
    values = []
    for path in SAMPLES:
        head, _ = _split(path.read_bytes())
        for name in ("from", "to", "cc", "reply-to"):
            values += _header_lines(head).get(name, [])
    return values


def test_plain_address_lists_read_as_the_email_package_reads_them():
    from email.utils import getaddresses

    from daemon.mail.messages import _simple_pairs

    values = _address_values() + [
        "Jordan Rivera <jordan@example.org>", "a@x.example, B  C <b@y.example>,", "=?utf-8?q?Zo=C3=AB?= <z@c.example>",
        "<bare@x.example>", "Sam <sam@x.example> trailing", "two <a@x> <b@y>", '"Quoted, Name" <q@x>',
        "undisclosed-recipients:;", "name (comment) <c@x>", "Pat Lee", ">odd@x", "x@[127.0.0.1]",
        "a@x.example,,b@y.example", "<>"]
    simple = 0
    for value in values:
        ours = _simple_pairs([value])
        if ours is not None:
            simple += 1
            # (Empty entries, which getaddresses gives for ",," but not for a trailing comma, are no address.)
            assert [p for p in ours if p[1]] == [p for p in getaddresses([value]) if p[1]], value
    assert simple > len(values) // 2  # most real lists take the fast path


CLEAN_CASES = ["plain subject", " leading", "trailing ", "two  spaces", "tab\there", "nbsp\u00a0here", "line\u2028sep",
               "nul\x00byte", "bidi\u202eoverride", "zero\u200bwidth", "日本語の件名", "", "x" * 3000, "cr\rlf\nend"]


@pytest.mark.parametrize("text", CLEAN_CASES)
def test_clean_takes_its_fast_path_only_where_the_slow_one_agrees(text):
    from daemon.mail.messages import CONTROL, MAX_TEXT, clean

    assert clean(text) == " ".join(CONTROL.sub(" ", text).split())[:MAX_TEXT]
