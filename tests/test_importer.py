"""The importer on real and synthetic declarations: one fixture per hazard that real texts show."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tracker import importer, store, validate
from tracker.errors import InvalidData
from tracker.importer import CHAPEAU, OPERATIVE, ORDER_OF_STATEMENT, PREAMBULAR, PRINTED
from tracker.importer.rules import LANGUAGES, RULES
from tracker.model import PartialDate
from tracker.store import write_declaration, yamlfile

FIXTURES = Path(__file__).parent / "fixtures"
SHIPPED = Path(__file__).resolve().parent.parent / "commitments" / "eu-clasi-2023"
P, OP, C = PREAMBULAR, OPERATIVE, CHAPEAU


def parse(name: str, language: str = "auto") -> importer.Parsed:
    return importer.parse(importer.read_text(FIXTURES / name), language)


def by_number(parsed: importer.Parsed) -> dict[str | None, str]:
    return {p.number: p.text for p in parsed.paragraphs}


def all_text(parsed: importer.Parsed) -> str:
    return "\n".join(p.text for p in parsed.paragraphs)


# --- the EU–CLASI declaration: OCR'd Danish, cover note, numbers split from their texts ------


@pytest.fixture(scope="module")
def clasi() -> importer.Parsed:
    return parse("clasi-2023-da-ocr.txt")


def test_clasi_fixture_names_its_origin_in_a_first_line_that_is_skipped(clasi):
    first = (FIXTURES / "clasi-2023-da-ocr.txt").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# Source: Council of the EU")
    assert "Source" not in all_text(clasi) and "Source" not in (clasi.title or "")


def test_clasi_finds_paragraphs_1_to_26_in_order(clasi):
    assert [p.number for p in clasi.paragraphs] == [str(n) for n in range(1, 27)]
    assert (clasi.language, clasi.numbering, clasi.warnings) == ("da", PRINTED, ())


def test_clasi_1_to_15_are_preambular_and_16_to_26_operative(clasi):
    assert [p.kind for p in clasi.paragraphs] == [P] * 15 + [OP] * 11


@pytest.mark.parametrize(
    ("number", "opening", "inside"),
    [
        ("1", "Vi, indenrigsministrene", "som mødes for anden gang"),
        ("6", "som indser, at retsstatsprincippet", "retshåndhævelse og strafferet,"),
        ("10", "som på ny bekræfter vores gensidige tilsagn", "fælles mål,"),
        ("11", "som minder om, at der er oprettet", "(EMPACT)"),
        ("12", "som værdsætter det vigtige arbejde", "EL PAcCTO-programmet"),
        ("13", "som værdsætter tiltrædelsen af nye latinamerikanske medlemmer", "Honduras"),
        ("14", "som henviser til erklæringen", "18. juli 2023 i Bruxelles, Belgien,"),
        ("20", "påtager os at koordinere", "(IDEAL) i Latinamerika med den allerede etablerede"),
        ("22", "glæder os over oprettelsen", "opfordrer medlemsstaterne til at deltage heri;"),
        ("23", "bekræfter betydningen", "AMERIPOL institutionel status"),
        ("26", "vi, indenrigsministrene", "på en dato, som skal fastsættes."),
    ],
)
def test_clasi_each_paragraph_has_its_own_text(clasi, number, opening, inside):
    text = by_number(clasi)[number]
    assert text.startswith(opening)
    assert inside in text


def test_clasi_drops_cover_note_and_footnotes(clasi):
    text = all_text(clasi)
    for cover in ("Coreper", "ministerfrokosten", "11301/23", "BILAG", "COSI"):
        assert cover not in text
    for footnote in ("narkotikaagentur.", "af 3. marts 2022", "skal iværksætte"):
        assert footnote not in text
    # footnote marks glued to words are gone, the words stay
    assert "(EMCDDA), Eurojust" in by_number(clasi)["11"]
    assert "bekæmpelse af narkotikahandel, hvis første" in by_number(clasi)["22"]


def test_clasi_title_is_the_annex_title(clasi):
    assert clasi.title == (
        "Fælles erklæring fra indenrigsministrene fra Den Europæiske Unions medlemsstater og "
        "ministrene med ansvar for sikkerheden fra medlemsstaterne i Den Latinamerikanske Komité "
        "for Intern Sikkerhed (fælles erklæring fra EU og CLASI)"
    )


def test_clasi_operative_texts_match_the_shipped_originals(clasi):
    """The shipped pledges quote the Danish text with its OCR errors corrected by hand; after the
    importer's repairs, the two agree word for word."""
    found = by_number(clasi)
    differences = {}
    for number in range(16, 27):
        data = yamlfile.load((SHIPPED / f"{number}.yaml").read_text(encoding="utf-8"))
        shipped = " ".join(data["original"]["text"].split())
        if found[str(number)] != shipped:
            differences[number] = (found[str(number)], shipped)
    assert differences == {}


# --- one fixture per hazard -------------------------------------------------------------------


def test_cover_note_is_skipped_to_the_annex():
    parsed = parse("en-cover-note-annex.txt")
    assert [(p.number, p.kind) for p in parsed.paragraphs] == [
        ("1", P),
        ("2", P),
        ("3", OP),
        ("4", OP),
    ]
    assert by_number(parsed)["3"] == (
        "We undertake to exchange information on smuggling routes every month;"
    )
    assert "Delegations" not in all_text(parsed) and "Coreper" not in all_text(parsed)
    assert parsed.title == "Joint statement of the Ministers of the Interior on border cooperation"


def test_cover_note_without_annex_is_skipped_to_the_first_paragraph():
    parsed = parse("en-cover-note-no-annex.txt")
    assert [(p.number, p.kind) for p in parsed.paragraphs] == [("1", P), ("2", OP)]
    assert "Delegations" not in all_text(parsed)
    assert parsed.title == "Joint statement on firearms trafficking"


def test_numbers_in_blocks_missing_numbers_footnotes_and_page_furniture():
    parsed = parse("da-number-blocks.txt")
    assert [p.number for p in parsed.paragraphs] == [str(n) for n in range(1, 9)]
    assert [p.kind for p in parsed.paragraphs] == [P] * 5 + [OP] * 3
    texts = by_number(parsed)
    # 3 and 4 are printed nowhere: they come before the lone `5.` and are inferred
    assert texts["3"] == (
        "som erkender, at samarbejdet mellem vores politimyndigheder er afgørende for at bekæmpe "
        "narkotikahandel, menneskehandel og organiseret kriminalitet,"
    )
    assert texts["4"] == (
        "som minder om handlingsplanen mod smugling af migranter fra 2021 og om analyserne fra "
        "Det Europæiske Overvågningscenter for Narkotika (EMCDDA),"
    )
    # a blank line inside a paragraph, and a superscript footnote mark
    assert texts["5"] == (
        "som værdsætter det arbejde, der er udført af Europol og Frontex, og tilskynder til at "
        "fortsætte det,"
    )
    assert texts["6"] == (
        "påtager os at udveksle oplysninger om smuglerruter hver måned gennem den fælles taskforce;"
    )
    text = all_text(parsed)
    for dropped in ("Europols analysecenter", "Taskforcen blev oprettet", "12345/24", "JAI.1"):
        assert dropped not in text
    assert "Side 2" not in text
    assert parsed.warnings == ()


def test_markdown_list_under_an_unnumbered_chapeau():
    parsed = parse("en-markdown-chapeau.md")
    assert [(p.number, p.kind) for p in parsed.paragraphs] == [
        (None, P),
        (None, P),
        (None, C),
        ("1", OP),
        ("2", OP),
        ("3", OP),
    ]
    texts = by_number(parsed)
    # `(a)` sub-items stay inside their paragraph
    assert texts["1"] == (
        "Establish a joint cybercrime centre by the end of 2025, with: (a) a rapid-response "
        "team; (b) a shared malware database;"
    )
    assert parsed.title == "Joint communiqué on cybercrime"
    assert "Preamble" not in all_text(parsed)


def test_bullets_under_a_chapeau_in_a_text_without_numbers():
    parsed = parse("en-bullets-unnumbered.txt")
    assert parsed.numbering == ORDER_OF_STATEMENT
    assert [(p.number, p.kind, p.text) for p in parsed.paragraphs] == [
        ("01", P, "The ministers met in Rotterdam on 5 February 2024."),
        ("02", P, "They thanked the Dutch Presidency for its hospitality."),
        (None, C, "The ministers commit to the following:"),  # a lead-in numbers nothing
        ("03", OP, "set up a network of port security liaison officers;"),
        ("04", OP, "share screening data on high-risk containers;"),
        ("05", OP, "strengthen checks on transhipment cargo."),
        ("06", OP, "The ministers will meet again in Antwerp in 2025 to review progress."),
    ]
    assert parsed.title == "JOINT STATEMENT ON PORT SECURITY"


def test_headings_page_numbers_and_running_headers():
    parsed = parse("en-pages-headings.txt")
    assert [(p.number, p.kind) for p in parsed.paragraphs] == [
        ("1", P),
        ("2", P),
        ("3", OP),
        ("4", OP),
        ("5", OP),
    ]
    assert by_number(parsed)["1"] == (
        "Recognising that smuggling networks endanger the lives of migrants at sea and on land, "
        "and that they adapt their routes quickly,"
    )
    text = all_text(parsed)
    for dropped in ("Page", "12345/24", "- 2 -", "CONTEXT", "COMMITMENTS"):
        assert dropped not in text


def test_text_without_numbers_is_numbered_in_order_of_statement_and_mojibake_repaired():
    parsed = parse("da-unnumbered-mojibake.txt")
    assert (parsed.language, parsed.numbering) == ("da", ORDER_OF_STATEMENT)
    assert [(p.number, p.kind, p.text) for p in parsed.paragraphs] == [
        ("01", P, "Vi, toldministrene fra Østersølandene, som mødes i Tallinn,"),
        ("02", P, "som indser, at narkotikahandel via havne truer vores borgeres sikkerhed,"),
        ("03", OP, "påtager os at styrke samarbejdet mellem vores toldmyndigheder;"),
        (
            "04",
            OP,
            "opfordrer Europol til at støtte fælles efterforskninger på tværs af grænserne;",
        ),
        ("05", OP, "ser frem til at mødes igen i Århus i 2026."),
    ]
    assert parsed.title == "Fælles erklæring om samarbejde mod narkotikahandel"


def test_danish_ocr_letters_are_repaired():
    parsed = parse("da-ocr-letters.txt")
    assert [p.text for p in parsed.paragraphs] == [
        "Vi, justitsministrene fra de nordiske lande, som mødes i Oslo,",
        "som indser, at den Europæiske Unions agenturer er vigtige for vores fælles sikkerhed,",
        "påtager os at støtte fælles efterforskninger i regionen og at øge udvekslingen af "
        "oplysninger;",
        "opfordrer Europol til at deltage, når det er relevant;",
        "ser frem til at mødes igen på Island i 2026.",
    ]
    assert parsed.title == "Fælles erklæring om politisamarbejde"


def test_a_chapeau_ending_in_to_is_no_cover_note():
    parsed = importer.parse("Joint statement\n\nThe ministers agree to:\n1. share data;\n2. go.\n")
    assert [(p.number, p.kind) for p in parsed.paragraphs] == [(None, C), ("1", OP), ("2", OP)]
    assert parsed.title == "Joint statement"


def test_a_number_missing_after_a_numbered_paragraph_is_inferred():
    text = (
        "1. Recognising the threat of synthetic drugs,\n\n"
        "Noting the work of the EU Drugs Agency,\n\n"
        "3. We agree to share forensic data on new substances.\n"
    )
    parsed = importer.parse(text)
    assert [(p.number, p.kind) for p in parsed.paragraphs] == [("1", P), ("2", P), ("3", OP)]
    assert by_number(parsed)["2"] == "Noting the work of the EU Drugs Agency,"


def test_a_number_without_text_is_reported():
    parsed = importer.parse("1. We agree to meet;\n\n2.\n\n3.\n\nWe will report in 2026.\n")
    assert [p.number for p in parsed.paragraphs] == ["1", "3"]
    assert parsed.warnings == ("paragraph 2: no text found",)


def test_a_list_numbered_1_1_1_is_numbered_in_order_of_statement():
    parsed = importer.parse(
        "The ministers will:\n1. Share data on routes;\n1. Train border guards;\n"
        "1. Meet again in 2026.\n"
    )
    assert parsed.numbering == ORDER_OF_STATEMENT
    assert [(p.number, p.kind) for p in parsed.paragraphs] == [
        (None, C),
        ("01", OP),
        ("02", OP),
        ("03", OP),
    ]


def test_a_line_that_starts_with_a_date_is_no_paragraph_number():
    parsed = importer.parse(
        "1. We agree to meet again on\n28. September 2025 in Madrid;\n2. We will report.\n"
    )
    assert by_number(parsed)["1"] == "We agree to meet again on 28. September 2025 in Madrid;"


# --- running prose: the English sources -------------------------------------------------------


def test_western_balkans_statement_proposes_its_commitments():
    parsed = parse("western-balkans-2018-en.txt")
    assert parsed.numbering == ORDER_OF_STATEMENT
    numbers = [p.number for p in parsed.paragraphs]
    assert numbers == [f"{n:02d}" for n in range(1, len(numbers) + 1)]
    operative = [p.text for p in parsed.paragraphs if p.kind == OP]
    assert any(
        t.startswith("All Western Balkan partners recognise")
        and "commit to continue working together in the coming months" in t
        for t in operative
    )
    assert any(
        t.startswith("The Western Balkan partners also committed to continue joint efforts")
        for t in operative
    )
    text = all_text(parsed)
    for not_a_pledge in ("Press contacts", "Europe Direct", "Ministers Bejtush"):
        assert not_a_pledge not in text
    assert parsed.title.startswith("Joint statement by Commissioners Avramopoulos and King")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"We will use all instruments to prosecute smugglers," said the minister.',
            [P],
        ),
        (
            "“Russia has used migration as a weapon. We need a mechanism,” the minister says.",
            [P],
        ),
        ("The ministers will gather in Antwerp on 24 January.", [P]),
        ("They pledged to continue the dialogue. The meeting was held online.", [OP, P]),
    ],
)
def test_prose_sentences_quotations_and_narrative(text, expected):
    assert [p.kind for p in importer.parse(text, "en").paragraphs] == expected


# --- classification and language --------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "kind"),
    [
        ("en", "We undertake to share data on routes;", OP),
        ("en", "Recognising that smuggling kills,", P),
        ("en", "Welcoming the progress made by Europol,", P),
        ("en", "We call on the Commission to act;", OP),
        ("en", "Thanking Spain for hosting the meeting,", P),
        ("da", "påtager os at koordinere tidspunktet;", OP),
        ("da", "er enige om at styrke indsatsen;", OP),
        ("da", "som indser, at vi vil samarbejde,", P),
        ("da", "som erkender betydningen af samarbejdet,", P),
        ("da", "Vi, ministrene, som mødes i Bruxelles,", P),
        ("da", "glæder os over taskforcen og opfordrer den til at handle;", OP),
        ("da", "udtrykker vores fulde støtte til CLASI;", OP),
        ("da", "bekræfter betydningen af at støtte AMERIPOL;", OP),
        ("es", "Acuerdan reforzar la cooperación;", OP),
        ("es", "Reconociendo la amenaza del narcotráfico,", P),
        ("fr", "Les ministres s’engagent à renforcer la coopération;", OP),
        ("fr", "Rappelant la déclaration de 2022,", P),
        ("de", "Die Minister verpflichten sich, Daten auszutauschen;", OP),
        ("de", "In Anerkennung der Arbeit von Europol,", P),
    ],
)
def test_classify_by_cue_words(language, text, kind):
    assert importer.classify(text, language) == kind


def test_an_item_takes_its_chapeaus_kind_and_an_action_verb_makes_it_operative():
    assert importer.classify("share data on routes;", "en", chapeau=OP) == OP
    assert importer.classify("drug trafficking;", "en", chapeau=P) == P
    assert importer.classify("Establish a joint team;", "en") == OP
    assert importer.classify("Drug trafficking;", "en") == P


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("We agree to strengthen the cooperation of the agencies with our partners.", "en"),
        ("Vi påtager os at styrke samarbejdet mellem vores agenturer og partnere.", "da"),
        ("Los ministros acuerdan reforzar la cooperación de las agencias con los socios.", "es"),
        ("Les ministres conviennent de renforcer la coopération des agences avec nos.", "fr"),
        ("Die Minister vereinbaren, die Zusammenarbeit der Agenturen mit den zu stärken.", "de"),
    ],
)
def test_detect_language(text, language):
    assert importer.detect_language(text) == language


def test_mojibake_repair_touches_only_mojibake():
    assert importer.repair_mojibake("fÃ¦lles mÃ¸de pÃ¥ Ã…rhus") == "fælles møde på Århus"
    assert importer.repair_mojibake("the Unionâ€™s â€œjointâ€\x9d plan") == (
        "the Union’s “joint” plan"
    )
    correct = "Ærø, café, naïve, Ølstykke, 5 °C, «guillemets», Ã alone"
    assert importer.repair_mojibake(correct) == correct


def test_the_rules_table_is_complete_for_every_language():
    keys = {
        "stopwords",
        "preambular_openers",
        "operative",
        "attribution",
        "actions",
        "chapeau_actions",
        "abbreviations",
        "months",
        "cover",
        "page",
        "page_of",
        "conjunctions",
        "infinitive_markers",
    }
    for code in LANGUAGES:
        assert keys <= set(RULES[code]), code
    for wrong, right in RULES["da"]["ocr_words"].items():
        assert wrong != right and wrong == wrong.lower(), wrong
        assert re.fullmatch(r"[^\W_][\w@&]*", wrong), wrong


# --- drafts and the files they become ---------------------------------------------------------


def test_draft_titles_start_at_what_is_promised(clasi):
    titles = {d.number: d.title for d in importer.pledge_drafts(clasi)}
    assert list(titles) == [str(n) for n in range(16, 27)]
    assert titles["17"] == "Udtrykker vores fulde støtte til, at CLASI fortsætter og videreudvikles"
    assert titles["20"].startswith("Koordinere tidspunktet for iværksættelse")
    assert titles["16"].startswith("Konsolidere og styrke indsatsen")
    assert all(0 < len(title) <= 90 for title in titles.values())


def test_planned_files_are_written_and_load_back_and_validate(tmp_path, clasi):
    root = tmp_path / "commitments"
    root.mkdir()
    keys, pledges = importer.plan(
        clasi, source="declaration.txt", date=PartialDate(2023, 9, 1, "month")
    )
    written = write_declaration(root, "eu-clasi-2023", keys, pledges)
    assert [p.name for p in written] == ["declaration.yaml"] + [f"{n}.yaml" for n in range(16, 27)]
    catalog = store.load(root)
    assert catalog.problems == []
    assert [p for p in validate.check(catalog) if p.level == "error"] == []
    declaration = catalog.declarations["eu-clasi-2023"].declaration
    assert (declaration.language, declaration.numbering) == ("da", PRINTED)
    assert declaration.date.isoformat() == "2023-09"
    assert [s.title for s in declaration.sources] == ["declaration.txt"]
    for entry in catalog.pledges:
        assert entry.pledge.status == "unassessed"
        assert entry.pledge.original.text == by_number(clasi)[entry.number]
        assert entry.pledge.original.language == "da"
    for path in written:
        assert max(len(line) for line in path.read_text(encoding="utf-8").splitlines()) <= 100


def test_read_text_refuses_a_damaged_pdf_in_one_line(tmp_path):
    pdf = tmp_path / "declaration.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    with pytest.raises(InvalidData, match="cannot be read as a PDF"):
        importer.read_text(pdf)
