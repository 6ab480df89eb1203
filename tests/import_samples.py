"""Contacts files as the exporters write them, byte for byte in shape; the people in them are made up.

Shapes modelled on public material (column names, preamble, property order, folding and escaping;
no file is copied):
- LinkedIn's Connections.csv: its "Notes:" preamble and header as quoted by LinkedIn-export readers
  on GitHub (e.g. the papaparse importer that strips the preamble by its exact text).
- Google Contacts CSV: the "Google CSV" header (Name, Given Name, ..., E-mail 1 - Type/Value,
  Organization 1 - Name/Title) and today's header (First Name, Middle Name, ..., Labels,
  E-mail 1 - Label/Value), " ::: " between several values, "* myContacts" memberships.
- Outlook's CSV header (Title, First Name, ..., E-mail Address, E-mail Type, E-mail Display Name,
  E-mail 2 Address, ...), here saved by Excel as "Unicode Text": UTF-16 LE with a BOM, tabs.
- vCard: Google's 3.0 export (FN before N, EMAIL;TYPE=INTERNET;TYPE=WORK, item1.URL with X-ABLabel,
  PHOTO as a URL, CATEGORIES:myContacts), Apple's 3.0 export (PRODID, N before FN, item1.EMAIL with
  X-ABLabel "_$!<Other>!$_", PHOTO;ENCODING=b folded base64, X-SOCIALPROFILE, X-ABUID, group cards
  with X-ADDRESSBOOKSERVER-KIND), vCard 4.0 as in py-vobject's test files (KIND, PREF, VALUE=uri,
  KIND:group with MEMBER), and Android's vCard 2.1 (CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE, soft breaks).
"""

from __future__ import annotations

import codecs
import csv
import io


def table(header: str, rows: list[dict[str, str]], delimiter: str = ",", newline: str = "\r\n") -> str:
    """A spreadsheet export: every column of the header, quoted only where needed, as Google and Excel do."""
    columns = header.split(",")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline)
    writer.writerow(columns)
    for row in rows:
        unknown = set(row) - set(columns)
        assert not unknown, unknown
        writer.writerow([row.get(column, "") for column in columns])
    return out.getvalue()


LINKEDIN_PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing. '
    "You will only see email addresses for connections who have allowed their connections to see or download their "
    "email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n\n'
)
LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
LINKEDIN_ROWS = (
    "Maya,Okafor,https://www.linkedin.com/in/maya-okafor-4b1a2c3,,Sunrise Movement,Field Organizer,14 Mar 2025\n"
    "Noémi,Ferenc-Kovács,https://www.linkedin.com/in/noemiferenc,Noemi.Ferenc@Example.net,"
    '"Working Families Party, New York",Political Director,02 Feb 2025\n'
    'José Luis,Ávila Ramírez,https://www.linkedin.com/in/jlavila,,"SEIU 32BJ, Research & Policy",'
    '"Researcher, Campaigns",28 Jan 2025\n'
    "Wei,Zhang 张伟,https://www.linkedin.com/in/weizhang,,Center for Popular Democracy,Data Lead,09 Dec 2024\n"
    ",,,,,,11 Nov 2024\n"
    "Dana,Whitfield,https://www.linkedin.com/in/danawhitfield,dana@@example.org,Color Of Change,"
    "Organizing Director,30 Oct 2024\n"
    "Sam,Okafor,https://www.linkedin.com/in/samokafor,sam.okafor@example.com,The Movement Cooperative,"
    "Senior Strategist,05 Oct 2024\n"
)
LINKEDIN = (LINKEDIN_PREAMBLE + LINKEDIN_HEADER + LINKEDIN_ROWS).encode()
LINKEDIN_WITHOUT_PREAMBLE = (LINKEDIN_HEADER + LINKEDIN_ROWS).encode()

GOOGLE_CSV_HEADER = (
    "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Additional Name Yomi,Family Name Yomi,"
    "Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,"
    "Directory Server,Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,Language,Photo,Group Membership,"
    "E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,E-mail 2 - Value,Phone 1 - Type,Phone 1 - Value,"
    "Organization 1 - Type,Organization 1 - Name,Organization 1 - Yomi Name,Organization 1 - Title,"
    "Organization 1 - Department,Organization 1 - Symbol,Organization 1 - Location,Organization 1 - Job Description,"
    "Website 1 - Type,Website 1 - Value"
)
GOOGLE_CSV = table(GOOGLE_CSV_HEADER, [
    {"Name": "Aisha Rahman", "Given Name": "Aisha", "Family Name": "Rahman",
     "Notes": "Met at Netroots Nation 2025.\nAsked about the comms fellowship.",
     "Group Membership": "* myContacts ::: Organizers", "E-mail 1 - Type": "* Work ::: Home",
     "E-mail 1 - Value": "aisha@movementlab.example ::: Aisha.Rahman@gmail.example", "E-mail 2 - Type": "Other",
     "E-mail 2 - Value": "arahman@alumni.example", "Phone 1 - Type": "Mobile", "Phone 1 - Value": "+1 312-555-0101",
     "Organization 1 - Name": "Movement Lab", "Organization 1 - Title": "Communications Director",
     "Website 1 - Type": "Profile", "Website 1 - Value": "https://www.linkedin.com/in/aisharahman"},
    {"Given Name": "Tomás", "Family Name": "Guerrero", "Group Membership": "* myContacts",
     "E-mail 1 - Type": "* Other", "E-mail 1 - Value": "tomas@fairfight.example",
     "Organization 1 - Name": "Fair Fight Action"},
    {"Group Membership": "* myContacts", "Phone 1 - Type": "Mobile", "Phone 1 - Value": "+1 404-555-0199"},
    {"Name": "Priya Natarajan", "Given Name": "Priya", "Family Name": "Natarajan", "Group Membership": "* myContacts",
     "E-mail 1 - Type": "* Work", "E-mail 1 - Value": "priya at indivisible dot example"},
], newline="\n").encode()

GOOGLE_CSV_2024_HEADER = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,Name Prefix,"
    "Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,Photo,"
    "Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,"
    "Website 1 - Label,Website 1 - Value"
)
GOOGLE_CSV_2024 = table(GOOGLE_CSV_2024_HEADER, [
    {"First Name": "María", "Middle Name": "Elena", "Last Name": "Castillo", "Organization Name": "UnidosUS",
     "Organization Title": "Civic Engagement Manager", "Labels": "* myContacts ::: * starred",
     "E-mail 1 - Label": "Work", "E-mail 1 - Value": "mcastillo@unidosus.example ::: maria.castillo@gmail.example",
     "Phone 1 - Label": "Mobile", "Phone 1 - Value": "+1 602-555-0148"},
    {"First Name": "Ben", "Last Name": "Adeyemi", "Labels": "* myContacts", "E-mail 1 - Label": "Home",
     "E-mail 1 - Value": "ben.adeyemi@proton.example", "E-mail 2 - Label": "Work",
     "E-mail 2 - Value": "BEN.ADEYEMI@PROTON.EXAMPLE", "Notes": "Tier: core, but the column says nothing."},
]).encode()

OUTLOOK_HEADER = (
    "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,Business Street,Business Street 2,"
    "Business Street 3,Business City,Business State,Business Postal Code,Business Country/Region,Home Street,"
    "Home Street 2,Home Street 3,Home City,Home State,Home Postal Code,Home Country/Region,Other Street,"
    "Other Street 2,Other Street 3,Other City,Other State,Other Postal Code,Other Country/Region,Assistant's Phone,"
    "Business Fax,Business Phone,Business Phone 2,Callback,Car Phone,Company Main Phone,Home Fax,Home Phone,"
    "Home Phone 2,ISDN,Mobile Phone,Other Fax,Other Phone,Pager,Primary Phone,Radio Phone,TTY/TDD Phone,Telex,"
    "Account,Anniversary,Assistant's Name,Billing Information,Birthday,Business Address PO Box,Categories,Children,"
    "Directory Server,E-mail Address,E-mail Type,E-mail Display Name,E-mail 2 Address,E-mail 2 Type,"
    "E-mail 2 Display Name,E-mail 3 Address,E-mail 3 Type,E-mail 3 Display Name,Gender,Government ID Number,Hobby,"
    "Home Address PO Box,Initials,Internet Free Busy,Keywords,Language,Location,Manager's Name,Mileage,Notes,"
    "Office Location,Organizational ID Number,Other Address PO Box,Priority,Private,Profession,Referred By,"
    "Sensitivity,Spouse,User 1,User 2,User 3,User 4,Web Page"
)
_OUTLOOK_DEFAULTS = {"Anniversary": "0/0/00", "Birthday": "0/0/00", "Gender": "Unspecified", "Priority": "Normal",
                     "Private": "False", "Sensitivity": "Normal"}
OUTLOOK_TEXT = table(OUTLOOK_HEADER, [
    {**_OUTLOOK_DEFAULTS, "Title": "Ms.", "First Name": "Łucja", "Last Name": "Wróbel",
     "Company": "Amnesty International USA", "Job Title": "Campaigner",
     "E-mail Address": "lucja.wrobel@amnestyusa.example", "E-mail Type": "SMTP",
     "E-mail Display Name": "Łucja Wróbel (lucja.wrobel@amnestyusa.example)",
     "E-mail 2 Address": "LWrobel@gmail.example", "E-mail 2 Type": "SMTP",
     "E-mail 2 Display Name": "Łucja Wróbel (LWrobel@gmail.example)",
     "Notes": "Coffee in May.\r\nFollow up after the primaries.", "Categories": "Networking"},
    {**_OUTLOOK_DEFAULTS, "Title": "Mr.", "First Name": "Thị Hương", "Last Name": "Ngô",
     "Company": "Asian Americans Advancing Justice", "Job Title": "Policy Analyst",
     "E-mail Address": "huong.ngo@advancingjustice.example", "E-mail Type": "SMTP",
     "E-mail Display Name": "Thị Hương Ngô (huong.ngo@advancingjustice.example)", "Referred By": "Sam Okafor"},
    {**_OUTLOOK_DEFAULTS, "Title": "Dr.", "First Name": "Amara", "Last Name": "Diallo",
     "E-mail Address": "amara.diallo at cpd.example", "E-mail Type": "SMTP"},
], delimiter="\t")
OUTLOOK_UTF16_TAB = codecs.BOM_UTF16_LE + OUTLOOK_TEXT.encode("utf-16-le")

# A user's own sheet, saved by Excel in a European locale: Windows-1252 (€ ’ — are its own bytes), ";" and CRLF.
EXCEL_TEXT = (
    "Name;E-mail;Organisation;Role;Tier;Notes\r\n"
    "Zoë Lefèvre;zoe.lefevre@attac.example;Attac France;Chargée de campagne;shared;"
    "Met at the €15 minimum-wage panel — she’s great\r\n"
    "René Müller;rene@verdi.example, r.mueller@posteo.example;ver.di;Organizer;Core;\r\n"
    ";;;;;\r\n"
    "Inès Brahimi;ines@@example.fr;;;;\r\n"
    "Jonas Berg;jonas@fores.example;Fores;Policy lead;VIP;\r\n"
    ";kim@example.org;;;cold;\"No name; only an address\"\r\n"
)
EXCEL_1252_SEMICOLON = EXCEL_TEXT.encode("cp1252")

GOOGLE_VCARD = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Maya Okafor\r\n"
    "N:Okafor;Maya;;;\r\n"
    "EMAIL;TYPE=INTERNET;TYPE=WORK:Maya.Okafor@SunriseMovement.example\r\n"
    "EMAIL;TYPE=INTERNET;TYPE=HOME:maya.okafor@gmail.example\r\n"
    "TEL;TYPE=CELL:+1 202-555-0143\r\n"
    "ORG:Sunrise Movement\r\n"
    "TITLE:Field Organizer\r\n"
    "item1.URL:https\\://www.linkedin.com/in/maya-okafor-4b1a2c3\r\n"
    "item1.X-ABLabel:LinkedIn\r\n"
    "NOTE:Met at the Netroots Nation panel on climate organizing\\, said to write \r\n"
    " again after the primaries.\\nAsk about the DC field team.\r\n"
    "PHOTO:https://lh3.googleusercontent.com/contacts/AG6tpzGQv0cYx1sbYk3rQ7mZ\r\n"
    "CATEGORIES:myContacts,Organizers\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Tomás Guerrero\r\n"
    "N:Guerrero;Tomás;;;\r\n"
    "EMAIL;TYPE=INTERNET:tomas@fairfight.example\r\n"
    "ORG:Fair Fight Action\r\n"
    "CATEGORIES:myContacts\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "TEL;TYPE=CELL:+1 404-555-0199\r\n"
    "CATEGORIES:myContacts\r\n"
    "END:VCARD\r\n"
).encode()

_JPEG_BASE64 = (
    "/9j/4AAQSkZJRgABAQAASABIAAD/4QBMRXhpZgAATU0AKgAAAAgAAYdpAAQAAAABAAAAGgAAAAAAA6AB\r\n"
    " AAMAAAABAAEAAKACAAQAAAABAAAAQKADAAQAAAABAAAAQAAAAAD/7QA4UGhvdG9zaG9wIDMuMAA4\r\n"
    " QklNBAQAAAAAAAA4QklNBCUAAAAAABDUHYzZjwCyBOmACZjs+EJ+/8AAEQgAQABAAwEiAAIRAQMR\r\n"
    " Af/EAB8AAAEFAQEBAQEBAAAAAAAAAAABAgMEBQYHCAkKC//EALUQAAIBAwMCBAMFBQQEAAABfQEC\r\n"
)
APPLE_VCARD = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "PRODID:-//Apple Inc.//macOS 14.5//EN\r\n"
    "N:Nakamura;Keiko;;;\r\n"
    "FN:Keiko Nakamura\r\n"
    "ORG:Working Families Party;\r\n"
    "TITLE:Political Director\r\n"
    "item1.EMAIL;type=INTERNET;type=pref:keiko@wfp.example\r\n"
    "item1.X-ABLabel:_$!<Other>!$_\r\n"
    "item2.EMAIL;type=INTERNET:Keiko.N@icloud.example\r\n"
    "item2.X-ABLabel:personal\r\n"
    "TEL;type=CELL;type=VOICE;type=pref:(212) 555-0110\r\n"
    "item3.URL;type=pref:https://keiko.example/about\r\n"
    "item3.X-ABLabel:_$!<HomePage>!$_\r\n"
    "NOTE:Introduced by Sam Okafor.\\nAsk about the fellowship\\, and the NY team.\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:" + _JPEG_BASE64 +
    "X-ABUID:5AD380FD-B2DE-4261-BA99-DE1D1DB52FBE:ABPerson\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "PRODID:-//Apple Inc.//macOS 14.5//EN\r\n"
    "N:Diallo;Amara;;Dr.;\r\n"
    "FN:Dr. Amara Diallo\r\n"
    "ORG:Center for Popular Democracy;Research\r\n"
    "item1.EMAIL;type=INTERNET;type=WORK;type=pref:amara.diallo@populardemocracy.example\r\n"
    "X-SOCIALPROFILE;type=linkedin;x-user=amaradiallo:https://www.linkedin.com/in/amaradiallo\r\n"
    "X-ABUID:9C41B2A7-11F0-4E43-8D0B-3C2F6A1E7B55:ABPerson\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "PRODID:-//Apple Inc.//macOS 14.5//EN\r\n"
    "N:Organizers 2025;;;;\r\n"
    "FN:Organizers 2025\r\n"
    "X-ADDRESSBOOKSERVER-KIND:group\r\n"
    "X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:5AD380FD-B2DE-4261-BA99-DE1D1DB52FBE\r\n"
    "UID:0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "PRODID:-//Apple Inc.//macOS 14.5//EN\r\n"
    "N:;;;;\r\n"
    "FN:Acme Staffing\r\n"
    "ORG:Acme Staffing;\r\n"
    "item1.EMAIL;type=INTERNET:jobs@@acme.example\r\n"
    "X-ABShowAs:COMPANY\r\n"
    "END:VCARD\r\n"
).encode()

VCARD_4 = (
    b"BEGIN:VCARD\r\n"
    b"VERSION:4.0\r\n"
    b"KIND:individual\r\n"
    b"UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1\r\n"
    b"FN:Jordan Lee\\, PhD\r\n"
    b"N:Lee;Jordan;;;PhD\r\n"
    b"ORG:Economic Policy Institute;Research\r\n"
    b"TITLE:Senior Economist\r\n"
    b"EMAIL;TYPE=work;PREF=1:jlee@epi.example\r\n"
    b"EMAIL;TYPE=home:jordan.lee@fastmail.example\r\n"
    b"TEL;VALUE=uri;TYPE=cell:tel:+1-202-555-0177\r\n"
    b"URL:https://www.linkedin.com/in/jordanlee-econ\r\n"
    b"NOTE:Wrote the minimum-wage brief.\\nPrefers mornings.\r\n"
    b"PHOTO:data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8U\r\n"
    b"REV:20250301T120000Z\r\n"
    b"END:VCARD\r\n"
    b"BEGIN:VCARD\r\n"
    b"VERSION:4.0\r\n"
    b"KIND:group\r\n"
    b"FN:The Lee Family\r\n"
    b"MEMBER:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1\r\n"
    b"MEMBER:mailto:kids@lee.example\r\n"
    b"END:VCARD\r\n"
)

# Android's export: vCard 2.1, UTF-8 in quoted-printable, "=" at a line's end continues it.
VCARD_21 = (
    b"BEGIN:VCARD\r\n"
    b"VERSION:2.1\r\n"
    b"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;\r\n"
    b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen=20M=C3=BCller\r\n"
    b"TEL;CELL:+49 30 5550123\r\n"
    b"EMAIL;HOME:juergen.mueller@verdi.example\r\n"
    b"ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:ver.di;Landesbezirk Berlin\r\n"
    b"NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Gewerkschaftstag: Kaffee im M=C3=A4rz.=0D=0AFragt nach de=\r\n"
    b"m Prakti=\r\n"
    b"kum.\r\n"
    b"END:VCARD\r\n"
    b"BEGIN:VCARD\r\n"
    b"VERSION:2.1\r\n"
    b"N:;Ana;;;\r\n"
    b"FN:Ana\r\n"
    b"EMAIL;INTERNET:ana@example.pt\r\n"
    b"NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=X-NO-SUCH-CHARSET:caf=E9\r\n"
    b"END:VCARD\r\n"
)

# What goes wrong in real files: a card cut short, a line without its colon, text between cards, a truncated end.
BROKEN_VCARD = (
    "BEGIN:VCARD\n"
    "VERSION:3.0\n"
    "FN:Rosa Martínez\n"
    "EMAIL:rosa@example.org\n"
    "BEGIN:VCARD\n"
    "VERSION:3.0\n"
    "FN:Lee Chen\n"
    "EMAIL;TYPE=INTERNET lee@example.org\n"
    "END:VCARD\n"
    "BEGIN:VCARD\n"
    "VERSION:3.0\n"
    "FN:Kai Moreno\n"
    "EMAIL:kai@example.org\n"
    "END:VCARD\n"
    "this is not a card\n"
    "and neither is this\n"
    "BEGIN:VCARD\n"
    "FN:Cut Off\n"
).encode()
