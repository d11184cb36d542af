"""Reading real documents as they reach an analyst: PDFs (text layer, page furniture, scans), web
pages with navigation, wrong decodings, and the kind found from the content. Every document here
is a real one of the corpus (its sidecar in benchmarks/corpus/ names where it comes from), asked
of the `corpus` fixture."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tracker.errors import InvalidData
from tracker.importer import parse, read_source
from tracker.importer.sources import HTML, PDF, TEXT, source_from_bytes

AWAZA = "tuning/un-awaza-political-declaration-2025.txt"
DRAFT_RESOLUTION = "tuning/un-draft-resolution-a-l-632-1971.pdf"
SCAN = "tuning/un-letter-scan-1991.pdf"
G7_PAGE = "tuning/g7-leaders-statement-2022-12-12.html"
US_EU_PDF = "held-out/us-eu-summit-joint-statement-2023-10-20.pdf"
US_EU_PAGE = "held-out/us-eu-summit-joint-statement-2023-10-20.html"


def test_a_resolution_whose_annex_numbers_again_from_1_keeps_both_sequences(corpus):
    """A/RES/80/3: operative paragraphs 1–2, then the annexed declaration numbered 1–25. All 27
    are kept; the annex's are a1–a25, under the annex's heading."""
    parsed = parse(read_source(corpus(AWAZA)).text)
    numbers = [p.number for p in parsed.paragraphs if p.number]
    assert numbers == ["1", "2", *(f"a{n}" for n in range(1, 26))]
    assert parsed.sections == (("a", "Annex"),)
    texts = {p.number: p.text for p in parsed.paragraphs}
    assert texts["1"].startswith("Endorses the political declaration")
    assert texts["a25"].startswith("We express our deepest appreciation")


def test_running_headers_and_page_numbers_of_the_text_layer_are_dropped(corpus):
    parsed = parse(read_source(corpus(AWAZA)).text)
    raw = corpus(AWAZA).read_text(encoding="utf-8")
    assert raw.count("A/RES/80/3") >= 5  # the running header on every page of the PDF
    body = " ".join(p.text for p in parsed.paragraphs)
    assert "A/RES/80/3" not in body
    # a paragraph broken by a page (header, page number and code between its halves) is whole
    texts = {p.number: p.text for p in parsed.paragraphs}
    assert "25-16680" not in body
    assert texts["a13"].startswith("We strongly commit ourselves to the full implementation")


def test_a_pdf_with_a_running_header_and_page_numbers_reads_as_one_flowing_text(corpus):
    source = read_source(corpus(US_EU_PDF))
    assert source.kind == PDF
    assert "Page 2" not in source.text
    assert source.text.count("U.S.-EU Summit Joint Statement · Washington") == 0
    parsed = parse(source.text)
    assert [p.number for p in parsed.paragraphs if p.number] == [str(n) for n in range(1, 35)]
    page = {p.number: p.text for p in parse(read_source(corpus(US_EU_PAGE)).text).paragraphs}
    pdf = {p.number: p.text for p in parsed.paragraphs}
    assert pdf == {n: page[n] for n in pdf}  # the paragraphs split by page breaks are whole


def test_a_real_draft_resolution_pdf_starts_after_its_cover_page(corpus):
    parsed = parse(read_source(corpus(DRAFT_RESOLUTION)).text)
    assert [(p.number, p.kind) for p in parsed.paragraphs] == [
        ("01", "preambular"),
        ("02", "operative"),
    ]
    assert parsed.paragraphs[1].text.startswith("Decides that any proposal")


def test_a_scanned_pdf_is_refused_with_the_ocr_hint(corpus):
    with pytest.raises(InvalidData) as caught:
        read_source(corpus(SCAN))
    assert caught.value.message == (
        "is a PDF without a text layer (a scan?): run OCR on it first, e.g. "
        "`ocrmypdf in.pdf out.pdf`, then import out.pdf"
    )


def test_a_web_page_gives_its_main_content_numbered_as_its_list(corpus, tmp_path):
    source = read_source(corpus(G7_PAGE))
    assert (source.kind, source.title) == (HTML, "G7 Leaders’ Statement")
    for chrome in ("Briefing Room", "cookies", "Share on", "Related", "1600 Pennsylvania"):
        assert chrome not in source.text, chrome
    parsed = parse(source.text)
    assert [p.number for p in parsed.paragraphs if p.number] == [str(n) for n in range(1, 19)]


def test_the_kind_is_found_from_the_content_not_the_name(corpus, tmp_path):
    for original, name, kind in [
        (corpus(DRAFT_RESOLUTION), "resolution.txt", PDF),
        (corpus(G7_PAGE), "statement", HTML),
        (corpus(AWAZA), "declaration.html", TEXT),
    ]:
        copy = tmp_path / name
        shutil.copyfile(original, copy)
        assert read_source(copy).kind == kind, name


def test_a_wrong_decoding_of_a_real_page_is_repaired(corpus):
    """The G7 page's UTF-8 read as Windows-1252 (`Leadersâ€™ Statement`, `Russiaâ€™s`): the
    importer finds the same paragraphs, word for word, as in the page read right."""
    right = parse(read_source(corpus(G7_PAGE)).text)
    broken_bytes = corpus(G7_PAGE).read_bytes().decode("cp1252", errors="replace").encode("utf-8")
    assert "â€™" in broken_bytes.decode("utf-8")
    repaired = parse(source_from_bytes(broken_bytes, Path("g7.html")).text)
    assert [(p.number, p.text) for p in repaired.paragraphs] == [
        (p.number, p.text) for p in right.paragraphs
    ]


def test_a_word_file_gives_its_headings_and_numbered_paragraphs(tmp_path):
    """A .docx whose list numbers Word draws (they are not in the text): counted per list."""
    import docx

    document = docx.Document()
    document.add_heading("Joint Statement on Port Security", level=1)
    document.add_paragraph("Recognising the rise of cocaine seizures in our ports,")
    document.add_paragraph(
        "We commit to sharing container data by 31 December 2026.", "List Number"
    )
    document.add_paragraph("We call on Europol to set up a port task force.", "List Number")
    path = tmp_path / "statement"  # no extension: the content says what it is
    document.save(str(path))
    source = read_source(path)
    assert source.kind == "docx"
    parsed = parse(source.text)
    assert parsed.title == "Joint Statement on Port Security"
    assert [(p.number, p.kind) for p in parsed.paragraphs] == [
        (None, "preambular"),
        ("1", "operative"),
        ("2", "operative"),
    ]
