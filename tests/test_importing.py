"""Reading contacts files users already have: every exporter's shape, guessing, encodings, and every skipped row."""

from __future__ import annotations

import codecs
import time

import import_samples as samples
import pytest

from daemon.contact_log.importing import (
    MAX_BYTES,
    ImportedContact,
    ImportFileError,
    ImportResult,
    Skipped,
    read_contacts,
)
from daemon.errors import CoffeechatError

C = ImportedContact

EXPORTS = {
    "linkedin": (samples.LINKEDIN, "linkedin", [
        C("Maya Okafor", (), "Sunrise Movement", "Field Organizer",
          linkedin_url="https://www.linkedin.com/in/maya-okafor-4b1a2c3", line=5),
        C("Noémi Ferenc-Kovács", ("noemi.ferenc@example.net",), "Working Families Party, New York",
          "Political Director", linkedin_url="https://www.linkedin.com/in/noemiferenc", line=6),
        C("José Luis Ávila Ramírez", (), "SEIU 32BJ, Research & Policy", "Researcher, Campaigns",
          linkedin_url="https://www.linkedin.com/in/jlavila", line=7),
        C("Wei Zhang 张伟", (), "Center for Popular Democracy", "Data Lead",
          linkedin_url="https://www.linkedin.com/in/weizhang", line=8),
        C("Sam Okafor", ("sam.okafor@example.com",), "The Movement Cooperative", "Senior Strategist",
          linkedin_url="https://www.linkedin.com/in/samokafor", line=11),
    ], [
        Skipped(9, "no name and no email address"),
        Skipped(10, "two @ in 'dana@@example.org'"),
    ]),
    "google-csv": (samples.GOOGLE_CSV, "csv", [
        C("Aisha Rahman", ("aisha@movementlab.example", "aisha.rahman@gmail.example", "arahman@alumni.example"),
          "Movement Lab", "Communications Director",
          notes="Met at Netroots Nation 2025.\nAsked about the comms fellowship.", line=2),
        C("Tomás Guerrero", ("tomas@fairfight.example",), "Fair Fight Action", line=4),
    ], [
        Skipped(5, "no name and no email address"),
        Skipped(6, "no @ in 'priya at indivisible dot example'"),
    ]),
    "google-csv-2024": (samples.GOOGLE_CSV_2024, "csv", [
        C("María Elena Castillo", ("mcastillo@unidosus.example", "maria.castillo@gmail.example"), "UnidosUS",
          "Civic Engagement Manager", line=2),
        C("Ben Adeyemi", ("ben.adeyemi@proton.example",), notes="Tier: core, but the column says nothing.", line=3),
    ], []),
    "outlook-utf16-tab": (samples.OUTLOOK_UTF16_TAB, "csv", [
        C("Łucja Wróbel", ("lucja.wrobel@amnestyusa.example", "lwrobel@gmail.example"), "Amnesty International USA",
          "Campaigner", notes="Coffee in May.\nFollow up after the primaries.", line=2),
        C("Thị Hương Ngô", ("huong.ngo@advancingjustice.example",), "Asian Americans Advancing Justice",
          "Policy Analyst", line=4),
    ], [
        Skipped(5, "no @ in 'amara.diallo at cpd.example'"),
    ]),
    "excel-1252-semicolon": (samples.EXCEL_1252_SEMICOLON, "csv", [
        C("Zoë Lefèvre", ("zoe.lefevre@attac.example",), "Attac France", "Chargée de campagne", "shared",
          "Met at the €15 minimum-wage panel — she’s great", line=2),
        C("René Müller", ("rene@verdi.example", "r.mueller@posteo.example"), "ver.di", "Organizer", "core", line=3),
        C("", ("kim@example.org",), relationship="cold", notes="No name; only an address", line=7),
    ], [
        Skipped(5, "two @ in 'ines@@example.fr'"),
        Skipped(6, "not a known tier 'VIP' (core, extended, shared or cold)"),
    ]),
    "google-vcard": (samples.GOOGLE_VCARD, "vcard", [
        C("Maya Okafor", ("maya.okafor@sunrisemovement.example", "maya.okafor@gmail.example"), "Sunrise Movement",
          "Field Organizer", notes="Met at the Netroots Nation panel on climate organizing, said to write again "
          "after the primaries.\nAsk about the DC field team.",
          linkedin_url="https://www.linkedin.com/in/maya-okafor-4b1a2c3", line=1),
        C("Tomás Guerrero", ("tomas@fairfight.example",), "Fair Fight Action", line=17),
    ], [
        Skipped(25, "no name and no email address"),
    ]),
    "apple-vcard": (samples.APPLE_VCARD, "vcard", [
        C("Keiko Nakamura", ("keiko@wfp.example", "keiko.n@icloud.example"), "Working Families Party",
          "Political Director", notes="Introduced by Sam Okafor.\nAsk about the fellowship, and the NY team.", line=1),
        C("Dr. Amara Diallo", ("amara.diallo@populardemocracy.example",), "Center for Popular Democracy",
          linkedin_url="https://www.linkedin.com/in/amaradiallo", line=22),
    ], [
        Skipped(32, "a group, not a person: 'Organizers 2025'"),
        Skipped(41, "two @ in 'jobs@@acme.example'"),
    ]),
    "vcard-4.0": (samples.VCARD_4, "vcard", [
        C("Jordan Lee, PhD", ("jlee@epi.example", "jordan.lee@fastmail.example"), "Economic Policy Institute",
          "Senior Economist", notes="Wrote the minimum-wage brief.\nPrefers mornings.",
          linkedin_url="https://www.linkedin.com/in/jordanlee-econ", line=1),
    ], [
        Skipped(17, "a group, not a person: 'The Lee Family'"),
    ]),
    "vcard-2.1-quoted-printable": (samples.VCARD_21, "vcard", [
        C("Jürgen Müller", ("juergen.mueller@verdi.example",), "ver.di",
          notes="Gewerkschaftstag: Kaffee im März.\nFragt nach dem Praktikum.", line=1),
    ], [
        Skipped(12, "a line that cannot be read: 'NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=X-NO-SUCH-CHARSET:caf=E9'"),
    ]),
    "broken-vcard": (samples.BROKEN_VCARD, "vcard", [
        C("Kai Moreno", ("kai@example.org",), line=10),
    ], [
        Skipped(1, "a card without END:VCARD"),
        Skipped(5, "a line that cannot be read: 'EMAIL;TYPE=INTERNET lee@example.org'"),
        Skipped(15, "text outside BEGIN:VCARD and END:VCARD"),
        Skipped(17, "a card without END:VCARD"),
    ]),
}


@pytest.mark.parametrize("data, format, contacts, skipped", EXPORTS.values(), ids=EXPORTS.keys())
def test_each_exporters_file_reads_into_contacts_and_skipped_lines(data, format, contacts, skipped):
    assert read_contacts(data) == ImportResult(format, tuple(contacts), tuple(skipped))


@pytest.mark.parametrize("data", [sample[0] for sample in EXPORTS.values()], ids=EXPORTS.keys())
def test_the_same_bytes_read_the_same_every_time(data):
    assert read_contacts(data) == read_contacts(bytes(data))


@pytest.mark.parametrize("data, format", [
    (samples.LINKEDIN, "linkedin"),
    (samples.LINKEDIN_WITHOUT_PREAMBLE, "linkedin"),
    (b"First Name,Last Name,Email Address,Company,Position,Connected On\nAna,Lima,,SEIU,Organizer,01 Jan 2022\n",
     "linkedin"),
    (codecs.BOM_UTF8 + samples.LINKEDIN, "linkedin"),
    (samples.GOOGLE_CSV, "csv"),
    (samples.OUTLOOK_UTF16_TAB, "csv"),
    (samples.EXCEL_1252_SEMICOLON, "csv"),
    (samples.GOOGLE_VCARD, "vcard"),
    (codecs.BOM_UTF8 + b"\r\n\r\n  " + samples.APPLE_VCARD, "vcard"),
    (codecs.BOM_UTF16_LE + samples.VCARD_4.decode().encode("utf-16-le"), "vcard"),
    (b"begin:vcard\nfn:Lower Case\nend:vcard\n", "vcard"),
    (b"Name,Email\nAna,ana@example.org\n", "csv"),
])
def test_the_format_is_guessed_from_the_content(data, format):
    assert read_contacts(data).format == format


def test_a_named_format_that_matches_reads_the_same_as_a_guess():
    for data, format, *_ in EXPORTS.values():
        assert read_contacts(data, format) == read_contacts(data)


def test_linkedins_file_named_as_csv_is_still_read_as_linkedin():
    assert read_contacts(samples.LINKEDIN, "csv") == read_contacts(samples.LINKEDIN)


@pytest.mark.parametrize("data, format, message", [
    (samples.GOOGLE_VCARD, "csv",
     "contacts.vcf is not a CSV file: it looks like a vCard file (it starts 'BEGIN:VCARD')"),
    (samples.GOOGLE_VCARD, "linkedin",
     "contacts.vcf is not LinkedIn's Connections.csv: it looks like a vCard file (it starts 'BEGIN:VCARD')"),
    (samples.LINKEDIN, "vcard", "contacts.vcf is not a vCard file: it looks like LinkedIn's Connections.csv "
                                "(it starts 'Notes:')"),
    (b"Name,Email\nAna,ana@example.org\n", "vcard",
     "contacts.vcf is not a vCard file: it looks like a CSV file (it starts 'Name,Email')"),
    (b"Name,Email\nAna,ana@example.org\n", "linkedin",
     "contacts.vcf is not LinkedIn's Connections.csv: it looks like a CSV file (it starts 'Name,Email')"),
    (b"Name,Email\nAna,ana@example.org\n", "xlsx", "unknown format 'xlsx': use csv, linkedin or vcard"),
])
def test_a_named_format_the_content_does_not_match_is_refused_naming_what_was_found(data, format, message):
    with pytest.raises(ImportFileError) as caught:
        read_contacts(data, format, name="contacts.vcf")
    assert str(caught.value) == message


TEXT = "Name;E-mail;Tier\r\nZoë Lefèvre;zoe@attac.example;shared\r\nRené Müller;rene@verdi.example;core\r\n"


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    TEXT.encode("utf-16-le"),  # no BOM: some tools write it so
    TEXT.encode("cp1252"),
], ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le-no-bom", "windows-1252"])
def test_every_encoding_a_spreadsheet_saves_reads_the_same(data):
    assert read_contacts(data) == ImportResult("csv", (
        C("Zoë Lefèvre", ("zoe@attac.example",), relationship="shared", line=2),
        C("René Müller", ("rene@verdi.example",), relationship="core", line=3),
    ), ())


@pytest.mark.parametrize("data, message", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "people.csv is not a text file of contacts "
                                                             "(it holds binary data)"),
    (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml", "people.csv is not a text file of "
     "contacts (it looks like a spreadsheet workbook: save it as CSV first)"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 5 >>\nstream\n\x00\x01\x02\x03", "people.csv is not a text "
     "file of contacts (it is a PDF)"),
    (bytes(range(1, 256)) * 8, "people.csv is not a text file of contacts (most of it is not text)"),
    (codecs.BOM_UTF8 + b"Name\n\xff\xfe\n", "people.csv is not a text file of contacts (byte 8 is not UTF-8)"),
    (b"", "people.csv is empty"),
    (b" \r\n\r\n\t", "people.csv is empty"),
    (b"Phone,City\n555-0100,Paris\n", "people.csv has no name or email column: found columns 'Phone', 'City'"),
    (b"Phone;City;Birthday\n555-0100;Paris;1990-01-01\n",
     "people.csv has no name or email column: found columns 'Phone', 'City', 'Birthday'"),
])
def test_a_file_that_is_not_contacts_is_refused_whole(data, message):
    with pytest.raises(ImportFileError) as caught:
        read_contacts(data, name="people.csv")
    assert str(caught.value) == message
    assert caught.value.exit_code == 2 and isinstance(caught.value, CoffeechatError)


def test_a_file_over_20_mb_is_refused_before_it_is_read():
    with pytest.raises(ImportFileError) as caught:
        read_contacts(b"Name,Email\n" + b"x" * MAX_BYTES, name="huge.csv")
    assert str(caught.value) == "huge.csv is 20.0 MB: coffeechat imports files of up to 20 MB"


def test_a_quote_that_never_closes_names_its_line():
    with pytest.raises(ImportFileError, match=r"^people\.csv, line 3: .*a quote that never closes"):
        read_contacts(b'Name,Email\nAna,ana@example.org\nBo,"' + b"x" * 200_000 + b"\n", name="people.csv")


def test_without_a_name_the_file_is_called_the_file():
    with pytest.raises(ImportFileError, match="^the file is empty$"):
        read_contacts(b"")


@pytest.mark.parametrize("body, skipped", [
    ("A,a@b@c.example", [Skipped(2, "two @ in 'a@b@c.example'")]),
    ("A,a@b@c@d.example", [Skipped(2, "three @ in 'a@b@c@d.example'")]),
    ("A,ana.example.org", [Skipped(2, "no @ in 'ana.example.org'")]),
    ("A,ana maria@example.org", [Skipped(2, "a space in the email address 'ana maria@example.org'")]),
    ("A,@example.org", [Skipped(2, "nothing before the @ in '@example.org'")]),
    ("A,ana@", [Skipped(2, "nothing after the @ in 'ana@'")]),
    (",", []),
    (" ,  ", []),
    ("A,a@x.example,vip", [Skipped(2, "not a known tier 'vip' (core, extended, shared or cold)")]),
    (",,core", [Skipped(2, "no name and no email address")]),
    ('A,"a@x.example; b@y@z.example"', [Skipped(2, "two @ in 'b@y@z.example'")]),
    ('A,a@x.example,,"one\ntwo\nthree"\nB,b@@x.example', [Skipped(5, "two @ in 'b@@x.example'")]),
    ('A,a@x.example,,"one\r\ntwo"\r\n\r\n\r\nB,b@@x.example', [Skipped(6, "two @ in 'b@@x.example'")]),
])
def test_a_row_that_cannot_be_imported_whole_is_skipped_with_its_line_and_why(body, skipped):
    result = read_contacts(f"Name,Email,Tier,Notes\n{body}\n".encode())
    assert list(result.skipped) == skipped
    assert all(contact.line != s.line for contact in result.contacts for s in skipped)


@pytest.mark.parametrize("csv_text, expected", [
    ('Name,Email,Email 2\nAna,"Ana@X.example, ana@x.example",Ana Lima <ANA.LIMA@y.example>\n',
     C("Ana", ("ana@x.example", "ana.lima@y.example"), line=2)),
    ("Name,E-mail 1 - Value\nAna,ana@x.example ::: ana@y.example\n",
     C("Ana", ("ana@x.example", "ana@y.example"), line=2)),
    ("E-MAIL ADDRESS,COMPANY,full name,TIER\nana@x.example,Indivisible,Ana Lima, Extended \n",
     C("Ana Lima", ("ana@x.example",), "Indivisible", relationship="extended", line=2)),
    ("first_name,last_name,email_address,employer,job_title\nAna,Lima,ana@x.example,SEIU,Organizer\n",
     C("Ana Lima", ("ana@x.example",), "SEIU", "Organizer", line=2)),
    ("Display Name,Primary Email,Organisation,Role,Relationship,Comments,LinkedIn\n"
     "Ana,ana@x.example,MoveOn,Director,core,Great chat,https://www.linkedin.com/in/ana\n",
     C("Ana", ("ana@x.example",), "MoveOn", "Director", "core", "Great chat", "https://www.linkedin.com/in/ana", 2)),
    ('Name,Email\n"Ana\tLima\x07   Jr",ana@x.example\n', C("Ana Lima Jr", ("ana@x.example",), line=2)),
    ("Name,Email\n" + "A" * 1000 + ",\n", C("A" * 300, (), line=2)),
    ("sep=;\r\nName;Email\r\nAna;ana@x.example\r\n", C("Ana", ("ana@x.example",), line=3)),
    ("Name\tEmail\tCompany\nAna\tana@x.example\tACLU, National\n",
     C("Ana", ("ana@x.example",), "ACLU, National", line=2)),
    ("Email\nana@x.example\n", C("", ("ana@x.example",), line=2)),
    ("Name\nAna Lima\n", C("Ana Lima", (), line=2)),
])
def test_csv_columns_in_any_spelling_order_and_delimiter(csv_text, expected):
    assert read_contacts(csv_text.encode()).contacts == (expected,)


def test_outlooks_title_is_the_honorific_and_its_job_title_the_role():
    [first, *_] = read_contacts(samples.OUTLOOK_UTF16_TAB).contacts
    assert (first.name, first.role) == ("Łucja Wróbel", "Campaigner")


def test_thousands_of_rows_read_quickly(capsys):
    rows = "".join(f"Person {n},p{n}@org{n % 50}.example,Org {n},Organizer,core,Met at the rally\r\n"
                   for n in range(5000))
    csv_data = ("Name,Email,Company,Title,Tier,Notes\r\n" + rows).encode()
    card = ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe{0};Jane;;;\r\nFN:Jane Doe{0}\r\n"
            "item1.EMAIL;type=INTERNET;type=pref:jane{0}@example.org\r\nitem1.X-ABLabel:_$!<Other>!$_\r\n"
            "TEL;type=CELL:555-0100\r\nORG:Org {0};\r\nTITLE:Organizer\r\nNOTE:Met at the rally\\, twice.\r\n"
            "END:VCARD\r\n")
    vcard_data = "".join(card.format(n) for n in range(5000)).encode()
    timings = []
    for label, data in (("CSV rows", csv_data), ("vCards", vcard_data)):
        start = time.perf_counter()
        result = read_contacts(data)
        timings.append(f"5,000 {label} in {time.perf_counter() - start:.2f} s")
        assert len(result.contacts) == 5000 and not result.skipped
    with capsys.disabled():
        print(f"\n[import timing] {'; '.join(timings)}")


@pytest.mark.parametrize("card, expected", [
    ("VERSION:2.1\nFN:Doe, Jane\nEMAIL;INTERNET:jane@x.example", C("Doe, Jane", ("jane@x.example",), line=1)),
    ("VERSION:3.0\nN:Lima;Ana;Maria;Dr.;\nEMAIL:ana@x.example", C("Ana Maria Lima", ("ana@x.example",), line=1)),
    ("VERSION:3.0\nFN:Ana\nTEL;TYPE=CELL 555-0100\nEMAIL:ana@x.example", C("Ana", ("ana@x.example",), line=1)),
    ("VERSION:3.0\nFN:Ana\nitem2.URL:https\\://ana.example\nitem2.X-ABLabel:LinkedIn",
     C("Ana", (), linkedin_url="https://ana.example", line=1)),
    ("VERSION:3.0\nFN:Ana\nORG:ACLU\\; National;Legal\nROLE:Counsel",
     C("Ana", (), "ACLU; National", "Counsel", line=1)),
    ("VERSION:3.0\nFN:Ana\\nLima\nEMAIL:ana@x.example", C("Ana Lima", ("ana@x.example",), line=1)),
])
def test_a_vcards_values_are_read_whole(card, expected):
    assert read_contacts(f"BEGIN:VCARD\n{card}\nEND:VCARD\n".encode()).contacts == (expected,)


def test_a_vcard_begins_in_any_case_and_with_a_group():
    data = (b"home.begin:vcard\r\nversion:3.0\r\nfn:Meister Berger\r\nemail;internet:mb@goerlitz.example\r\n"
            b"end:vcard\r\n")
    assert read_contacts(data).contacts == (C("Meister Berger", ("mb@goerlitz.example",), line=1),)
