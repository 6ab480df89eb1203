"""Property-based tests (hypothesis): hostile names, subjects, notes and imported CSV cells, from the pure
parsers up to the messages coffeechat writes. Never a crash; never a CR, LF or NUL in a header of a draft, a
prep note or the summary; the summary's HTML always escaped.

Kept fast: every property has its own max_examples (the file costs well under 30 s; PROPERTY_SCALE=10 hunts ten
times longer, at random), no deadline (a busy CI machine is slow, not wrong), and otherwise a derandomized run,
so a failure in CI is the same failure here.
Each example that passed counts once in the reliability figures ("property examples").
"""

from __future__ import annotations

import base64
import os
import tempfile
from dataclasses import fields, replace
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from html.parser import HTMLParser
from pathlib import Path

import hostile
import reliability
from corpus import settings_values
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from import_samples import table
from summary_samples import busy_week

from daemon import cli
from daemon.contact_log import goals, importing, meetings, people
from daemon.contact_log import week as week_log
from daemon.contact_log.imports import import_contacts
from daemon.contact_log.store import Store
from daemon.mail.classify import OUTREACH, Known, classify
from daemon.mail.messages import CONTROL, clean, parse
from daemon.playbook import rules
from daemon.playbook.rules import ContactState
from daemon.playbook.weekly import Goal, Line
from daemon.settings import from_values
from daemon.writing import drafts, kinds, summary
from daemon.writing.writeback import facts_for

# Derandomized unless hunting by hand (PROPERTY_SCALE): every run of the suite tries the same examples, so
# README's count of them (tests/reliability.py) is what any run did.
HUNT = bool(os.environ.get("PROPERTY_SCALE"))
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)
ME = "jordan@example.org"


def examples(n: int):
    """n examples; PROPERTY_SCALE=10 in the environment tries ten times as many (a longer hunt, by hand)."""
    return settings(max_examples=n * int(os.environ.get("PROPERTY_SCALE", "1")), deadline=None, derandomize=not HUNT,
                    database=settings.default.database if HUNT else None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# --- what an attacker writes ------------------------------------------------------------------------------

FRAGMENTS = (
    "\r\n", "\r", "\n", "\x00", "\x0b", "\x0c", "\x1b[2J", "\x85", "\x9b", "\u2028", "\u2029", "\u202e",
    "Bcc: x@evil.example", "\r\nBcc: x@evil.example", "=?utf-8?q?", "?=", "=0D=0A", "=?utf-8?b?DQpCY2M6IHg=?=",
    "<script>alert(1)</script>", "<img src=http://127.0.0.1:9/x>", '" onmouseover="alert(1)', "' onerror='x",
    "url(http://127.0.0.1:9/x)", "</style>", "</td></tr></table>", "{{ 7*7 }}", "{% raw %}", "&amp;", "&#10;",
    ",", ";", ":", "<", ">", '"', "'", "\\", "(", ")", "@", " ", "\t", "é", "田中", "\U0001f600", "x" * 400,
)
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=10).map("".join)


def _encoded(text: str, how: str) -> bytes:
    """The text as a header carries it: raw 8-bit (CR and LF as they come), or an RFC 2047 encoded word."""
    if how == "b":
        return b"=?utf-8?b?" + base64.b64encode(text.encode()) + b"?="
    if how == "q":
        return b"=?utf-8?q?" + "".join(c if c.isascii() and c.isalnum() else "".join(f"={b:02X}" for b in c.encode())
                                       for c in text).encode() + b"?="
    return text.encode()


header_values = st.tuples(texts, st.sampled_from(("raw", "b", "q"))).map(lambda t: _encoded(*t))


# --- what must hold of anything coffeechat writes -------------------------------------------------------------

def clean_line(text: str) -> None:
    assert not CONTROL.search(text), text


# --- the pure parser ---------------------------------------------------------------------------------------

@examples(150)
@given(name=header_values, subject=header_values, references=header_values, date=header_values, body=texts)
def test_reading_any_message_gives_clean_one_line_strings(name, subject, references, date, body):
    raw = (b"From: " + name + b" <sam@org.example>\r\nTo: " + name + b" <jordan@example.org>\r\nSubject: " + subject
           + b"\r\nDate: " + date + b"\r\nMessage-ID: <m@org.example>\r\nReferences: " + references
           + b"\r\nReply-To: " + name + b"\r\n\r\n" + body.encode())
    for role in ("inbox", "sent"):
        found = parse(raw, folder_role=role, internal_date=NOW)
        for text in (found.subject, found.message_id, *found.references, *found.fields.values(),
                     *(a.name for a in [*found.to, *found.cc] + ([found.sender] if found.sender else [])),
                     *(a.email for a in [*found.to, *found.cc] + ([found.sender] if found.sender else []))):
            clean_line(text)
        assert found.date.tzinfo is not None
    reliability.count("property examples")


@examples(150)
@given(raw=st.binary(max_size=3000))
def test_reading_any_bytes_at_all_never_raises(raw):
    for role in ("inbox", "sent"):
        parse(raw, folder_role=role)
    reliability.count("property examples")


# --- from my own mail in Sent to the follow-up draft ------------------------------------------------------

@examples(120)
@given(name=header_values, subject=header_values)
def test_a_follow_up_to_outreach_with_any_name_and_subject_has_one_line_headers(name, subject):
    sent = (b"From: Jordan Rivera <jordan@example.org>\r\nTo: " + name + b" <sam@org.example>\r\nSubject: " + subject
            + b"\r\nDate: " + format_datetime(NOW - timedelta(days=10)).encode() + b"\r\nMessage-ID: <o@example.org>"
            b"\r\n\r\n" + hostile.OUTREACH_TEXT.replace("\n", "\r\n").encode())
    found = parse(sent, folder_role="sent", keywords=("coffeechat",))  # tagged: outreach whatever its words
    event = classify(found, Known(frozenset({ME}), (), "coffeechat"))
    if event.kind == OUTREACH:  # else the To field named no one person: there is nothing to follow up
        state = rules.after_event(ContactState(), event)
        try:
            draft = drafts.follow_up(drafts.environment(None), contact_name=event.name, contact_email=event.contact,
                                     organization="", state=state, my_name="Jordan Rivera", my_address=ME, attempt=2,
                                     now=NOW, message_id=drafts.new_message_id(ME))
        except ValueError:  # refused, never written wrong: only an address a To field cannot carry as it is
            assert not event.contact.isascii()
        else:
            hostile.one_line_headers(draft.as_bytes(), event.contact)
    reliability.count("property examples")


# --- from the contact log (names, organizations, notes as the commands keep them) to every kind ------------

@examples(8)
@given(name=texts, organization=texts, notes=st.lists(st.tuples(st.sampled_from(
    ("to_connect", "to_follow_up", "to_read", "to_look_up", "to_do", "to_think_about", "ask")), texts), max_size=4),
    referrer=texts, goal=texts)
def test_every_message_to_a_contact_with_any_name_and_notes_has_one_line_headers(name, organization, notes,
                                                                                 referrer, goal):
    settings_ = from_values(settings_values(my_addresses=ME, timezone="UTC", imap_user=ME))
    store = Store(":memory:")
    try:
        contact = people.add(store, name, "sam@org.example", people.Changes(organization=organization), NOW)
        introducer = people.add(store, referrer, "intro@org.example", people.Changes(), NOW)
        contact.referred_by = introducer
        contact.save()
        meeting = meetings.log_meeting(store, contact, NOW - timedelta(hours=3), NOW - timedelta(hours=2), NOW)
        # As `coffeechat note` keeps them: one line each, up to 2,000 characters.
        meetings.add_notes(store, contact, [(c, " ".join(t.split())[:2000]) for c, t in notes], NOW)
        if clean(goal, 200):  # else `goal add` refuses it
            goals.add(store, goal, NOW)
        env = drafts.environment(None)
        for kind in kinds.KINDS.keys() - {rules.FOLLOW_UP_DRAFT}:  # a follow-up needs outreach: the test above
            facts = facts_for(store, contact, kind, meeting.id, my_pitch=organization)
            message = kinds.compose(env, kind, facts, my_name="Jordan Rivera", my_address=ME, attempt=meeting.id,
                                    now=NOW, message_id=drafts.new_message_id(ME), zone=timezone.utc)
            to = ME if kinds.KINDS[kind].folder == kinds.INBOX else "sam@org.example"
            hostile.one_line_headers(message.as_bytes(), to)
        week = week_log.gather(store, settings_, NOW)
        weekly = summary.compose(week, my_address=ME, now=NOW, zone=timezone.utc, message_id=drafts.new_message_id(ME),
                               templates_dir=None)
        hostile.one_line_headers(weekly.as_bytes(), ME)
        html = weekly.get_body(("html",)).get_content()
        assert _structure(html) == _structure(_neutral_html(store, settings_)), "data changed the HTML's elements"
    finally:
        store.close()
    reliability.count("property examples")


def _neutral_html(store: Store, settings_) -> str:
    """The same week's HTML with every name, organization, note and goal written as plain letters."""
    from daemon.contact_log.schema import Contact, Goal, Note

    with store.rolled_back():
        for row in Contact.select():
            Contact.update(name=_letters(row.name), organization=_letters(row.organization)).where(
                Contact.id == row.id).execute()
        for row in Note.select():
            Note.update(text=_letters(row.text)).where(Note.id == row.id).execute()
        for row in Goal.select():
            Goal.update(text=_letters(row.text)).where(Goal.id == row.id).execute()
        return summary.render(week_log.gather(store, settings_, NOW), None)[1]


def _letters(text: str | None) -> str:
    return "".join("x" if not c.isspace() else " " for c in text or "")


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, tuple[str, ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, tuple(sorted(name for name, _ in attrs))))


def _structure(html: str) -> list[tuple[str, tuple[str, ...]]]:
    """The elements and attribute names of a page: what data must never add to, only fill in."""
    parser = _Elements()
    parser.feed(html)
    return parser.found


# --- the summary's HTML, for any words in it ----------------------------------------------------------------

@examples(25)
@given(words=st.lists(texts, min_size=1, max_size=12))
def test_the_summary_html_escapes_anything_in_names_notes_and_goals(words):
    week, neutral = _week_saying(words), _week_saying([_letters(w) for w in words])
    html, baseline = summary.render(week, None)[1], summary.render(neutral, None)[1]
    assert _structure(html) == _structure(baseline)  # no element, no attribute added: markup in data stays text
    assert "<script" not in html.lower()
    reliability.count("property examples")


def _week_saying(words: list[str]):
    """A busy week whose every name, line, goal and note says one of `words` in turn."""
    sample, n = busy_week(), 0

    def say() -> str:
        nonlocal n
        n += 1
        return words[n % len(words)]

    changes = {}
    for f in fields(sample):
        value = getattr(sample, f.name)
        if isinstance(value, tuple) and value and isinstance(value[0], Line):
            changes[f.name] = tuple(replace(line, who=say(), what=say()) for line in value)
        elif f.name == "goals":
            changes[f.name] = tuple(Goal(say(), g.contacts, g.stages) for g in value)
        elif f.name == "notes":
            changes[f.name] = tuple((label, tuple(replace(line, who=say(), what=say()) for line in lines))
                                    for label, lines in value)
    return replace(sample, **changes, next_step=say())


# --- imported CSV cells ------------------------------------------------------------------------------------

cells = st.one_of(texts, st.sampled_from((
    "maria@org.example", "a<b@org.example", "x@y", "@", "a@b@c", "Maria <maria@org.example>", "mailto:m@org.example",
    "m@org.example; n@org.example", "(comment)m@org.example", "a..b@org.example", '"quoted"@org.example')))


@examples(40)
@given(rows=st.lists(st.fixed_dictionaries({"Name": texts, "E-mail": cells, "Organization": texts, "Notes": texts,
                                            "Tier": st.sampled_from(("", "core", "Cold", "bogus"))}),
                     min_size=1, max_size=4),
       delimiter=st.sampled_from((",", ";", "\t")))
def test_imported_cells_come_in_clean_and_every_draft_to_them_has_one_line_headers(rows, delimiter):
    data = table("Name,E-mail,Organization,Notes,Tier", rows, delimiter=delimiter).encode()
    try:
        result = importing.read_contacts(data, "csv")
    except importing.ImportFileError as e:
        clean_line(str(e))
        reliability.count("property examples")
        return
    for contact in result.contacts:
        for text in (contact.name, contact.organization, contact.role, contact.relationship, *contact.emails):
            clean_line(text)
        assert not CONTROL.search(contact.notes.replace("\n", " "))
    for skipped in result.skipped:
        clean_line(skipped.reason)
    store = Store(":memory:")
    try:
        import_contacts(store, result, NOW)
        env = drafts.environment(None)
        for contact in store.contacts():
            address = store.primary_address(contact)
            if not address:
                continue
            facts = facts_for(store, contact, "check_in", 1)
            message = kinds.compose(env, "check_in", facts, my_name="Jordan Rivera", my_address=ME, attempt=1,
                                    now=NOW, message_id=drafts.new_message_id(ME), zone=timezone.utc)
            hostile.one_line_headers(message.as_bytes(), address)
    finally:
        store.close()
    reliability.count("property examples")


@settings(parent=examples(12), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.fixed_dictionaries({"Name": texts, "Email": cells, "Company": texts, "Notes": texts}),
                     min_size=1, max_size=3))
def test_contacts_import_of_any_cells_is_an_exit_code_and_words_never_a_traceback(rows, capsys):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        env_file = folder / "coffeechat.env"
        values = settings_values(my_addresses=ME, database=str(folder / "log.sqlite3"))
        env_file.write_text("".join(f"{k}={v}\n" for k, v in values.items()))
        env_file.chmod(0o600)
        (folder / "people.csv").write_text(table("Name,Email,Company,Notes", rows), encoding="utf-8")
        capsys.readouterr()
        code = cli.main(["--env-file", str(env_file), "contacts", "import", str(folder / "people.csv")])
        out, err = capsys.readouterr()
    assert code in (0, 2) and "Traceback" not in out + err
    assert err == "" if code == 0 else err.startswith("coffeechat: ") and err.count("\n") == 1
    reliability.count("property examples")
