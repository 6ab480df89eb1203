"""`coffeechat contacts import` from an empty log: LinkedIn, Google vCard and an Excel CSV in their real shapes."""

from __future__ import annotations

import json
import sqlite3

from import_samples import EXCEL_1252_SEMICOLON, GOOGLE_VCARD, LINKEDIN, OUTLOOK_UTF16_TAB


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def rows(mailbox, capsys) -> dict:
    return {r["email"] or r["name"]: r for r in json.loads(mailbox.run(capsys, "contacts", "export")[1])}


def test_three_real_exports_import_and_a_reimport_changes_nothing(mailbox, capsys, tmp_path):
    linkedin = write(tmp_path, "Connections.csv", LINKEDIN)
    code, out, err = mailbox.run(capsys, "contacts", "import", linkedin)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == ("Read 5 contacts from Connections.csv (linkedin): added 5, updated 0, "
                                   "unchanged 0, skipped 2.")
    assert "two @ in 'dana@@example.org'" in out
    vcard = write(tmp_path, "contacts.vcf", GOOGLE_VCARD)
    excel = write(tmp_path, "network.csv", EXCEL_1252_SEMICOLON)
    for path in (vcard, excel):
        assert mailbox.run(capsys, "contacts", "import", path)[0] == 0
    found = rows(mailbox, capsys)
    assert found["noemi.ferenc@example.net"]["organization"] == "Working Families Party, New York"
    # LinkedIn rows without an address are kept, and one whose name a vCard gives an address gains it.
    assert {"Wei Zhang 张伟", "José Luis Ávila Ramírez"} <= set(found)
    maya = [r for r in found.values() if r["name"] == "Maya Okafor"]
    assert len(maya) == 1 and maya[0]["email"]
    assert found["zoe.lefevre@attac.example"]["relationship"] == "shared"
    before = sorted(json.dumps(r, sort_keys=True) for r in found.values())
    for path in (linkedin, vcard, excel):
        out = mailbox.run(capsys, "contacts", "import", path)[1]
        assert ": added 0, updated 0, unchanged " in out.splitlines()[0], out
    assert sorted(json.dumps(r, sort_keys=True) for r in rows(mailbox, capsys).values()) == before


def test_an_updated_file_updates_what_changed_and_says_so(mailbox, capsys, tmp_path):
    mailbox.run(capsys, "contacts", "import", write(tmp_path, "a.csv", LINKEDIN))
    changed = LINKEDIN.replace(b"The Movement Cooperative", b"Movement Labs")
    out = mailbox.run(capsys, "contacts", "import", write(tmp_path, "b.csv", changed), "--dry-run")[1]
    assert "  Sam Okafor: organization 'The Movement Cooperative' → 'Movement Labs'" in out
    assert out.rstrip().endswith("Dry run: nothing was written.")
    assert rows(mailbox, capsys)["sam.okafor@example.com"]["organization"] == "The Movement Cooperative"
    mailbox.run(capsys, "contacts", "import", write(tmp_path, "b.csv", changed))
    assert rows(mailbox, capsys)["sam.okafor@example.com"]["organization"] == "Movement Labs"


def test_a_broken_file_is_refused_and_nothing_changes(mailbox, capsys, tmp_path):
    mailbox.run(capsys, "contacts", "import", write(tmp_path, "a.csv", LINKEDIN))
    with sqlite3.connect(mailbox.database) as db:
        count = db.execute("SELECT COUNT(*) FROM contact").fetchone()
    code, out, err = mailbox.run(capsys, "contacts", "import", write(tmp_path, "x.csv", b"\x00\x01\x02binary" * 50))
    assert (code, out) == (2, "") and err.startswith("coffeechat: ") and len(err.splitlines()) == 1
    code, _, err = mailbox.run(capsys, "contacts", "import", write(tmp_path, "y.csv", b"Phone,City\n555,Paris\n"))
    assert code == 2 and "has no name or email column" in err
    with sqlite3.connect(mailbox.database) as db:
        assert db.execute("SELECT COUNT(*) FROM contact").fetchone() == count


def test_an_outlook_utf16_export_imports_with_its_skipped_rows_named(mailbox, capsys, tmp_path):
    out = mailbox.run(capsys, "contacts", "import", write(tmp_path, "outlook.txt", OUTLOOK_UTF16_TAB))[1]
    assert "skipped 1." in out.splitlines()[0] and "amara.diallo at cpd.example" in out
    assert rows(mailbox, capsys)["lucja.wrobel@amnestyusa.example"]["role"] == "Campaigner"


def test_the_csv_export_opens_in_a_real_spreadsheet(mailbox, capsys, tmp_path):
    """LibreOffice Calc reads the export (UTF-8, as on a Linux desktop): every column, accents, no formulas."""
    import html
    import re
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    assert soffice, "make test installs libreoffice-calc-nogui"
    mailbox.run(capsys, "contacts", "import", write(tmp_path, "network.csv", EXCEL_1252_SEMICOLON))
    mailbox.run(capsys, "contacts", "add", "=HYPERLINK(\"http://evil.example\")", "eve@evil.example")
    out = mailbox.run(capsys, "contacts", "export", "--format", "csv", "--excel")[1]
    export = tmp_path / "contacts.csv"
    export.write_text(out, encoding="utf-8")
    done = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                           "--infilter=CSV:44,34,76,1", "--convert-to", "html", "--outdir", str(tmp_path),
                           str(export)], check=True, capture_output=True, text=True, timeout=120)
    converted = tmp_path / "contacts.html"
    assert converted.exists(), f"LibreOffice Calc did not open the export: {done.stdout} {done.stderr}"
    page = converted.read_text(encoding="utf-8", errors="replace")
    cells = [html.unescape(c).strip() for c in re.findall(r"<td[^>]*>(?:<[^>]+>)*([^<]*)", page)]
    header = out.lstrip("\ufeff").splitlines()[0].split(",")
    assert cells[:len(header)] == header
    assert "Zoë Lefèvre" in cells and "Chargée de campagne" in cells
    assert "'=HYPERLINK(\"http://evil.example\")" in cells  # shown as text, never run as a formula
