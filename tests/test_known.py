"""What classification knows of the log, read whole (a first sync) or on demand (a daemon's cycle): the same answers."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from daemon.contact_log import postgres
from daemon.contact_log.known import WHOLE_LOG_FROM
from daemon.contact_log.schema import Contact, ContactAddress, Draft
from daemon.contact_log.store import Store
from daemon.mail.classify import OUTREACH, REPLY, MailEvent
from daemon.playbook.first_notes import FIRST_NOTES

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)


def seeded(tmp_path, target: str | None = None) -> Store:
    store = Store(target or str(tmp_path / "log.sqlite3"))
    events = []
    for n in range(1, 6):
        events.append(("Sent", MailEvent(kind=OUTREACH, message_id=f"<o-{n}@me>", date=NOW - timedelta(days=n),
                                         contact=f"p{n}@org.example", name=f"Person {n}",
                                         thread=(f"<earlier-{n}@them>", f"<o-{n}@me>"),
                                         introducers=(f"intro{n}@org.example",) if n == 2 else ())))
    events.append(("INBOX", MailEvent(kind=REPLY, message_id="<r-3@them>", date=NOW, contact="p3@org.example",
                                      thread=("<o-3@me>", "<r-3@them>"))))
    store.record(events, {}, NOW)
    # A second address for Person 1 (their key stays the first), and a contact with no address at all.
    ContactAddress.create(contact=store.contact_by_address("p1@org.example"), email="p1@home.example")
    Contact.create(name="No Address", created_at=NOW, updated_at=NOW, thread="<orphan@x>")
    # A first note `coffeechat outreach` drafted for someone imported (not yet written to).
    imported = Contact.create(name="Imported", created_at=NOW, updated_at=NOW)
    ContactAddress.create(contact=imported, email="imported@org.example")
    Draft.create(contact=imported, kind=FIRST_NOTES[0], round=0, attempt=1, message_id="<first@me>", created_at=NOW)
    return store


ADDRESSES = ["p1@org.example", "p1@home.example", "p2@org.example", "p5@org.example", "stranger@x.example",
             "intro2@org.example", ""]
MESSAGE_IDS = ["<o-1@me>", "<earlier-4@them>", "<r-3@them>", "<orphan@x>", "<never@seen>", "<o-2@me>"]


def test_on_demand_answers_what_the_whole_read_answers(tmp_path):
    store = seeded(tmp_path)
    args = (["me@example.org"], (), "", frozenset())
    whole = store.known(*args, new_messages=WHOLE_LOG_FROM)
    lazy = store.known(*args, new_messages=3)
    for address in ADDRESSES:
        assert (address in lazy.contacts, lazy.contacts.get(address)) == \
               (address in whole.contacts, whole.contacts.get(address)), address
    for message_id in MESSAGE_IDS:
        assert lazy.threads.get(message_id) == whole.threads.get(message_id), message_id
    for message_id in ("<first@me>", "<o-1@me>", "<never@seen>"):
        assert lazy.first_notes.get(message_id) == whole.first_notes.get(message_id), message_id
    assert lazy.first_notes["<first@me>"] == ("imported@org.example", NOW)
    # Introducers are known for each contact a lookup found, as the whole read knows them.
    assert lazy.introducers.get("p2@org.example") == whole.introducers["p2@org.example"] == {"intro2@org.example"}
    # learn() on an address of a known contact keeps that contact's key, as with the whole read.
    for known in (whole, lazy):
        known.learn(MailEvent(kind=REPLY, message_id="<r-1b@them>", date=NOW, contact="p1@home.example",
                              thread=("<o-1@me>", "<r-1b@them>")))
        assert known.threads["<r-1b@them>"] == "p1@org.example"
    store.close()


def test_on_demand_asks_the_log_once_per_key(tmp_path):
    store = seeded(tmp_path)
    lazy = store.known(["me@example.org"], (), "", frozenset(), new_messages=1)
    statements: list[str] = []
    store.db.connection().set_trace_callback(statements.append)
    for _ in range(3):
        assert "stranger@x.example" not in lazy.contacts
        assert lazy.contacts.get("p5@org.example") == "p5@org.example"
    store.db.connection().set_trace_callback(None)
    assert len([s for s in statements if "stranger@x.example" in s]) == 1
    store.close()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_thread_ids_are_matched_whole_and_exactly_whichever_way_they_are_looked_up(tmp_path, backend, request):
    # The first few are searched for by the database (LIKE, whose % _ and \ must be taken literally).
    target = None
    if backend == "postgresql":
        target = postgres.with_schema(request.getfixturevalue("postgresql").url, f"known_{tmp_path.name[-20:]}",
                                      "known", "localhost")
    store = seeded(tmp_path, target)
    odd = Contact.create(name="Odd Ids", created_at=NOW, updated_at=NOW,
                         thread="<50%_off\\sale@shop.example> <Case@Mixed.example>")
    ContactAddress.create(contact=odd, email="odd@shop.example")
    asked = ["<50%_off\\sale@shop.example>", "<Case@Mixed.example>", "<case@mixed.example>",
             "<50%Xoff\\sale@shop.example>", "<arlier-4@them>", "<earlier-4@them>", "<orphan@x>",
             "<50%_off\\sale@shop.example> <x@y>", "_", "%"]
    args = (["me@example.org"], (), "", frozenset())
    whole = store.known(*args, new_messages=WHOLE_LOG_FROM)
    answers = {message_id: whole.threads.get(message_id) for message_id in asked}
    assert answers["<50%_off\\sale@shop.example>"] == answers["<Case@Mixed.example>"] == "odd@shop.example"
    assert answers["<earlier-4@them>"] == "p4@org.example"
    assert [m for m, key in answers.items() if key is None] == [
        "<case@mixed.example>", "<50%Xoff\\sale@shop.example>", "<arlier-4@them>", "<orphan@x>",
        "<50%_off\\sale@shop.example> <x@y>", "_", "%"]
    # Asked one by one of the database (the first few), then from one read of every thread: the same answers.
    for order in (asked, asked[::-1], asked * 2):
        lazy = store.known(*args, new_messages=3)
        assert {m: lazy.threads.get(m) for m in order} == {m: answers[m] for m in order}
    store.close()
