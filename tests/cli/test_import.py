"""tracker import: the dry run's table and JSON contract, the files it writes, and its refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker import store, validate

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CLASI = str(FIXTURES / "clasi-2023-da-ocr.txt")


def test_dry_run_json_is_the_documented_contract(repo, cli):
    result = cli("import", CLASI, "--dry-run", "--format", "json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    keys = ["number", "kind", "confidence", "section", "proposed", "text"]
    assert all(list(r) == keys for r in records)
    assert all(0 < r["confidence"] <= 1 and r["section"] is None for r in records)
    assert [r["proposed"] is None for r in records] == [True] * 15 + [False] * 11
    assert all(list(r["proposed"]) == ["title", "actors", "due"] for r in records[15:])
    assert [r["number"] for r in records] == [str(n) for n in range(1, 27)]
    assert [r["kind"] for r in records] == ["preambular"] * 15 + ["operative"] * 11
    assert records[19]["text"].startswith("påtager os at koordinere tidspunktet")
    assert list(repo.root.iterdir()) == []  # a dry run writes nothing


def test_dry_run_needs_no_slug_and_no_data_folder(tmp_path, monkeypatch, cli):
    monkeypatch.chdir(tmp_path)
    result = cli("import", CLASI, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "26 paragraphs, 11 operative (16–26); printed numbers; language da" in result.stdout
    assert "Koordinere tidspunktet for iværksættelse" in result.stdout
    assert "are proposals" in result.stdout


def test_dry_run_table_shows_number_kind_confidence_and_proposed_title(repo, cli):
    result = cli("import", str(FIXTURES / "en-markdown-chapeau.md"), "--dry-run")
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["no.", "kind", "conf.", "proposed"]
    row = next(line for line in lines if "Train 500 prosecutors" in line)
    assert row.split()[:3] == ["2", "operative", "0.80"]
    assert any(line.split()[:1] == ["chapeau"] for line in lines)


def test_import_writes_the_declaration_and_one_file_per_operative_paragraph(repo, cli):
    result = cli("import", CLASI, "--declaration", "eu-clasi-new", "--date", "28 September 2023")
    assert result.exit_code == 0, result.output
    folder = repo.root / "eu-clasi-new"
    expected = ["declaration.yaml"] + [f"{n}.yaml" for n in range(16, 27)]
    assert sorted(p.name for p in folder.iterdir()) == sorted(expected)
    assert "wrote commitments/eu-clasi-new/20.yaml" in result.stdout
    assert "11 pledge files written" in result.stdout
    assert cli("validate").exit_code == 0
    catalog = store.load(repo.root)
    assert catalog.problems == [] and validate.check(catalog) == []
    declaration = catalog.declarations["eu-clasi-new"].declaration
    assert declaration.date.isoformat() == "2023-09-28"
    assert (declaration.language, declaration.numbering) == ("da", "printed")
    assert declaration.sources[0].title == "clasi-2023-da-ocr.txt"
    assert declaration.title.startswith("Fælles erklæring fra indenrigsministrene")
    assert declaration.short is None
    pledge = catalog.pledge("eu-clasi-new-23")
    assert pledge.pledge.status == "unassessed"
    assert pledge.pledge.original.text.startswith("bekræfter betydningen af at støtte")


def test_import_of_running_prose_numbers_in_order_of_statement(repo, cli):
    fixture = str(FIXTURES / "western-balkans-2018-en.txt")
    result = cli("import", fixture, "--declaration", "wb", "--title", "Western Balkans 2018")
    assert result.exit_code == 0, result.output
    catalog = store.load(repo.root)
    assert catalog.declarations["wb"].declaration.numbering == "order-of-statement"
    assert catalog.declarations["wb"].declaration.title == "Western Balkans 2018"
    texts = [p.pledge.original.text for p in catalog.pledges]
    assert any("commit to continue working together" in t for t in texts)
    assert not any("Press contacts" in t for t in texts)


def test_title_defaults_to_the_heading_the_text_shows_and_short_sets_the_short_name(repo, cli):
    text = repo.base / "atlantis.txt"
    text.write_text(
        "Atlantis Declaration on Coastal Safety\n\n1. Recalling the storms of 2024,\n\n"
        "2. We commit to building a shared warning system by 31 December 2026.\n"
    )
    result = cli("import", str(text), "-d", "atlantis", "--short", "Atlantis 2025")
    assert result.exit_code == 0, result.output
    declaration = store.load(repo.root).declarations["atlantis"].declaration
    assert declaration.title == "Atlantis Declaration on Coastal Safety"
    assert declaration.short == "Atlantis 2025"
    pledge = store.load(repo.root).pledge("atlantis-2").pledge
    assert pledge.title == "Build a shared warning system"
    assert pledge.due.isoformat() == "2026-12-31"


def test_import_never_overwrites_and_then_writes_nothing(repo, cli):
    mine = repo.pledge("eu-clasi-2023", "20", "title: Mine\nstatus: completed\n")
    result = cli("import", CLASI, "--declaration", "eu-clasi-2023")
    assert result.exit_code == 1
    assert "error: commitments/eu-clasi-2023: exists already: nothing written" in result.stderr
    assert "Traceback" not in result.output
    assert sorted(p.name for p in mine.parent.iterdir()) == ["20.yaml"]
    assert mine.read_text() == "title: Mine\nstatus: completed\n"


def test_import_refuses_to_write_outside_the_data_folder(repo, cli):
    outside = repo.base / "outside"
    outside.mkdir()
    (repo.root / "elsewhere").symlink_to(outside)
    result = cli("import", CLASI, "--declaration", "elsewhere")
    assert result.exit_code == 1
    assert "outside the data folder" in result.stderr
    assert list(outside.iterdir()) == []


def test_usage_errors(repo, cli):
    for args, hint in [
        (["--declaration", "Not A Slug"], "not a declaration slug"),
        ([], "--declaration"),
        (["--declaration", "x", "--date", "someday"], "--date"),
        (["--dry-run", "--language", "xx"], "--language"),
    ]:
        result = cli("import", CLASI, *args)
        assert result.exit_code == 2, args
        assert hint in result.stderr, args
    missing = cli("import", "missing.txt", "--dry-run")
    assert missing.exit_code == 2 and "error: missing.txt: no such file" in missing.stderr
    assert list(repo.root.iterdir()) == []


def test_a_damaged_pdf_is_one_line_and_exit_1(repo, cli):
    pdf = repo.base / "declaration.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    result = cli("import", str(pdf), "--dry-run")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "cannot be read as a PDF" in result.stderr
    assert "Traceback" not in result.output


def test_paragraph_numbers_without_text_are_warned_about(repo, cli):
    text = repo.base / "gap.txt"
    text.write_text("1. We agree to meet;\n\n2.\n\n3.\n\nWe will report in 2026.\n")
    result = cli("import", str(text), "--dry-run", "--format", "json")
    assert result.exit_code == 0
    assert "paragraph 2: no text found" in result.stderr
    assert [r["number"] for r in json.loads(result.stdout)] == ["1", "3"]


# --- faults of the attack on writes (issue 19, item 8) and inputs it cannot read -------------


def _undertakings(numbers, blank=False):
    return ("\n\n" if blank else "\n").join(
        f"{n}. We undertake to do thing {n}." for n in numbers
    ) + "\n"


def test_a_clean_list_of_undertakings_is_found(repo, cli):
    text = repo.base / "list.txt"
    text.write_text(_undertakings(range(1, 11)))
    result = cli("import", str(text), "--dry-run", "--format", "json")
    records = json.loads(result.stdout)
    assert [r["number"] for r in records] == [str(n) for n in range(1, 11)]
    assert {r["kind"] for r in records} == {"operative"}
    assert records[3]["proposed"]["title"] == "Do thing 4"


def test_numbers_past_999_are_kept_and_written(repo, cli):
    text = repo.base / "long.txt"
    text.write_text(_undertakings(range(1, 1201), blank=True))
    result = cli("import", str(text), "-d", "long")
    assert result.exit_code == 0, result.output
    numbers = sorted(int(p.stem) for p in (repo.root / "long").glob("*.yaml") if p.stem.isdigit())
    assert numbers == list(range(1, 1201))
    assert "do thing 1000." in (repo.root / "long" / "1000.yaml").read_text()


def test_a_text_of_10000_paragraphs_is_read_whole(repo, cli):
    text = repo.base / "huge.txt"
    text.write_text(_undertakings(range(1, 10001), blank=True))
    result = cli("import", str(text), "--dry-run", "--format", "json")
    assert result.exit_code == 0, result.output
    assert [r["number"] for r in json.loads(result.stdout)][-3:] == ["9998", "9999", "10000"]


def test_printed_numbers_out_of_order_are_kept_as_printed_with_a_warning(repo, cli):
    text = repo.base / "disorder.txt"
    text.write_text(_undertakings([1, 2, 3, 5, 4, 6, 7]))
    result = cli("import", str(text), "--dry-run", "--format", "json")
    assert [r["number"] for r in json.loads(result.stdout)] == ["1", "2", "3", "5", "4", "6", "7"]
    assert "paragraph 4 is printed after 5: numbers kept as printed" in result.stderr


def test_standard_input_is_read_with_a_dash(repo, cli):
    result = cli("import", "-", "--dry-run", "--format", "json", input=_undertakings([1, 2]))
    assert result.exit_code == 0, result.output
    assert [r["number"] for r in json.loads(result.stdout)] == ["1", "2"]


def _blank_pdf(path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with path.open("wb") as handle:
        writer.write(handle)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "is empty: there is nothing to import"),
        ("blank.txt", b"\n \n\t\n", "is empty: there is nothing to import"),
        ("binary.txt", bytes(range(256)) * 8, "is not a text file, a PDF, a web page or a Word"),
        ("archive.zip", b"PK\x03\x04" + b"\x00" * 64, "is a zip archive"),
        (
            "nav-only.html",
            b"<!doctype html><html><head><title>Press room</title></head><body><nav><ul>"
            b"<li>Home</li><li>News</li></ul></nav><div class='cookie-banner'>We use cookies to "
            b"improve the site, accept them all or choose which ones.</div>"
            b"<footer>Contact | Legal notice</footer></body></html>",
            "is a web page with no main content to import",
        ),
        ("scan.pdf", None, "is a PDF without a text layer (a scan?): run OCR on it first"),
    ],
)
def test_what_import_cannot_read_is_one_line_and_exit_1(repo, cli, name, content, message):
    path = repo.base / name
    if content is None:
        _blank_pdf(path)
    else:
        path.write_bytes(content)
    result = cli("import", str(path), "--dry-run")
    assert result.exit_code == 1, result.output
    assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
    assert result.stderr.startswith(f"error: {path}: ") or result.stderr.startswith("error: ")
    assert result.stdout == ""


def test_an_input_over_the_size_limit_is_refused_before_it_is_read(repo, cli, monkeypatch):
    from tracker.importer import sources

    monkeypatch.setattr(sources, "MAX_INPUT_BYTES", 1024 * 1024)
    path = repo.base / "big.txt"
    path.write_bytes(b"We agree to meet. " * 70_000)
    result = cli("import", str(path), "--dry-run")
    assert result.exit_code == 1
    assert "is larger than the 1 MB that import reads" in result.stderr
    monkeypatch.setattr(sources, "MAX_TEXT_CHARS", 1000)
    path.write_bytes(b"We agree to meet. " * 100)
    result = cli("import", str(path), "--dry-run")
    assert result.exit_code == 1 and "more than the 1,000 that import reads" in result.stderr


def test_a_named_pipe_is_refused_rather_than_waited_on(repo, cli):
    import os

    pipe = repo.base / "pipe.txt"
    os.mkfifo(pipe)
    result = cli("import", str(pipe), "--dry-run")
    assert result.exit_code == 1 and "is not a regular file" in result.stderr
