"""The shipped commitments/: a record of what the five source documents say, and nothing more."""

import re
import shutil
from pathlib import Path

import pytest
import yaml

from tracker import model, provenance, store, validate

ROOT = Path(__file__).resolve().parent.parent / "commitments"


@pytest.fixture(scope="module")
def catalog():
    return store.load(ROOT)


def test_five_declarations_one_per_source(catalog):
    assert sorted(catalog.declarations) == [
        "eu-clasi-2023",
        "eu-jha-council-2023-09",
        "eu-north-africa-smuggling",
        "eu-ports-alliance-2024",
        "eu-western-balkans-2018",
    ]


def test_validates_clean_with_every_quotation_found_in_a_kept_source(catalog):
    tally = validate.Tally()
    problems = validate.check(catalog, tally=tally)
    assert [p for p in problems if p.level != "info"] == []
    quoted = [entry for entry in catalog.pledges if entry.pledge.original is not None]
    assert len(quoted) == len(catalog.pledges) == 27
    assert tally.quotations == 27  # each found, none skipped
    assert tally.sources == 6  # five texts, one of them named by two declarations
    assert not [p for p in problems if p.code == "no-kept-source"]


def test_every_declaration_keeps_its_source_with_its_origin(catalog):
    for slug, entry in catalog.declarations.items():
        kept = [source for source in entry.declaration.sources if source.file]
        assert kept, slug
        for source in kept:
            assert source.title, slug
            assert store.read_source(ROOT, entry.path, source.file), slug


def test_no_shipped_update_predates_its_declaration(catalog):
    for entry in catalog.pledges:
        declared = catalog.declarations[entry.declaration].declaration.date
        for update in entry.pledge.updates:
            assert not model.before(update.date, declared), entry.id


def test_no_source_states_a_deadline_so_nothing_is_overdue(catalog, cli):
    assert [entry.id for entry in catalog.pledges if entry.pledge.due is not None] == []
    result = cli("list", "--overdue", "--format", "ids", "--root", str(ROOT))
    assert (result.exit_code, result.stdout) == (0, "")


def test_the_year_of_the_ports_meeting_is_marked_as_inferred(catalog):
    declaration = catalog.declarations["eu-ports-alliance-2024"].declaration
    assert declaration.date.isoformat() == "2024-01-24"
    assert set(declaration.inferred) == {"date", "title", "short"}
    assert "Belgian Presidency" in declaration.inferred["date"]
    assert "January to June" not in declaration.notes


def test_agenda_items_and_announcements_are_notes_not_pledges(catalog):
    assert catalog.pledge("eu-ports-alliance-2024-01") is None
    assert catalog.pledge("eu-jha-council-2023-09-02") is None
    ports = catalog.declarations["eu-ports-alliance-2024"].declaration
    assert "temporary protection" in ports.notes
    assert "Porto" in catalog.declarations["eu-jha-council-2023-09"].declaration.notes
    assert catalog.pledge("eu-ports-alliance-2024-02") is not None  # the Ports Alliance stays


def test_the_italian_ministers_own_commitment_is_noted_as_not_joint(catalog):
    notes = catalog.declarations["eu-north-africa-smuggling"].declaration.notes
    assert "We will use all available instruments" in notes
    assert "not recorded as" in notes


# Changing one word of any shipped quotation must make validate fail, naming the pledge file, the
# line of the quotation and the closest passage of the kept source.

QUOTED = sorted(path.relative_to(ROOT).as_posix() for path in ROOT.glob("*/[0-9]*.yaml"))
PASSAGE = re.compile(r'closest passage (\S+):(\d+)(?:-(\d+))?: "(.*)"$')


def _one_word(text: str) -> str:
    """The longest word of a quotation outside square brackets (the editor's context)."""
    return max(re.findall(r"\w+", re.sub(r"\[[^\]]*\]", " ", text)), key=len)


@pytest.mark.parametrize("relative", QUOTED)
def test_changing_one_word_of_a_quotation_fails_with_file_line_and_closest_passage(
    relative, tmp_path
):
    root = tmp_path / "commitments"
    shutil.copytree(ROOT, root)
    path = root / relative
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    text_line = next(n for n, line in enumerate(lines, 1) if line.strip().startswith("text:"))
    word = _one_word(yaml.safe_load("".join(lines))["original"]["text"])
    body = "".join(lines[text_line:])  # the quotation's lines, after `text: >-`
    changed = re.sub(rf"\b{word}\b", "Zanzibar", body, count=1)
    assert changed != body
    path.write_text("".join(lines[:text_line]) + changed, encoding="utf-8")

    catalog = store.load(root)
    [problem] = [p for p in validate.check(catalog) if p.level == "error"]
    assert (problem.path, problem.line, problem.code) == (path, text_line, "quotation-not-found")
    assert "'Zanzibar" in problem.message and f"where the source has '{word}" in problem.message
    where = PASSAGE.search(problem.message)
    assert where, problem.message
    source = path.parent / where.group(1)  # named as the declaration names it
    assert source.is_file() and source.parent.name == "sources"
    # The passage is the kept text of those lines, after the corrections the declaration lists.
    first, last = int(where.group(2)), int(where.group(3) or where.group(2))
    declaration = catalog.declarations[relative.split("/")[0]].declaration
    corrections = [c for s in declaration.sources if s.file for c in s.corrections]
    kept = provenance.kept("", source.read_text(encoding="utf-8"), corrections)
    at_lines = " ".join(kept.text.splitlines()[first - 1 : last]).split()
    shown = where.group(4).replace("…", " ").split()
    assert shown and len(shown) <= 2 * provenance.EXCERPT_WORDS
    assert " ".join(shown) in " ".join(at_lines)
    assert word in " ".join(shown)


def test_clasi_pledges_are_the_operative_paragraphs_16_to_26(catalog):
    numbers = [p.number for p in catalog.pledges if p.declaration == "eu-clasi-2023"]
    assert numbers == [str(n) for n in range(16, 27)]
    assert catalog.declarations["eu-clasi-2023"].declaration.numbering == "printed"


@pytest.mark.parametrize(
    ("pledge_id", "words"),
    [
        ("eu-clasi-2023-20", ["IDEAL", "SOCTA"]),
        ("eu-clasi-2023-23", ["AMERIPOL"]),
        ("eu-clasi-2023-22", ["Buenos Aires", "oktober 2022"]),
    ],
)
def test_clasi_quotations_are_the_right_paragraphs(catalog, pledge_id, words):
    pledge = catalog.pledge(pledge_id).pledge
    assert pledge.original.language == "da"
    for word in words:
        assert word in pledge.original.text


def test_the_task_force_meeting_is_background_told_in_the_summary(catalog):
    pledge = catalog.pledge("eu-clasi-2023-22").pledge
    assert pledge.updates == ()  # October 2022: eleven months before the declaration
    assert "October 2022 in Buenos Aires" in pledge.summary


def test_undated_source_has_no_date_and_says_so(catalog):
    declaration = catalog.declarations["eu-north-africa-smuggling"].declaration
    assert declaration.date is None
    assert "no date" in declaration.notes


def test_running_prose_is_numbered_in_order_of_statement(catalog):
    for slug in ("eu-western-balkans-2018", "eu-north-africa-smuggling", "eu-ports-alliance-2024"):
        assert catalog.declarations[slug].declaration.numbering == "order-of-statement"
    western_balkans = [p for p in catalog.pledges if p.declaration == "eu-western-balkans-2018"]
    assert [p.number for p in western_balkans] == [f"{n:02d}" for n in range(1, 9)]


def test_the_follow_up_sentence_is_05_in_order_of_statement(catalog):
    follow_up = catalog.pledge("eu-western-balkans-2018-05").pledge
    assert follow_up.original.text.startswith("Follow-up and intensified efforts")
    assert catalog.pledge("eu-western-balkans-2018-06").pledge.original.text.startswith(
        "The Western Balkan partners also committed"
    )
    notes = catalog.declarations["eu-western-balkans-2018"].declaration.notes
    assert "earlier versions of this record had it as 08" in notes


def test_the_tirana_ministerial_is_no_update_as_nothing_says_it_took_place(catalog):
    for entry in catalog.pledges:
        assert not any("Tirana" in (u.note or "") for u in entry.pledge.updates), entry.id
    assert "nothing in the source says that the meeting took place" in (
        catalog.declarations["eu-western-balkans-2018"].declaration.notes
    )


def test_news_report_is_linked_to_the_clasi_declaration(catalog):
    assert catalog.declarations["eu-jha-council-2023-09"].declaration.related == ("eu-clasi-2023",)


def test_a_status_other_than_unassessed_needs_evidence(catalog):
    for entry in catalog.pledges:
        pledge = entry.pledge
        if pledge.status != "unassessed":
            assert pledge.links or any(u.links for u in pledge.updates), entry.id


def test_sources_without_a_known_address_are_cited_by_title(catalog):
    for entry in catalog.declarations.values():
        assert entry.declaration.sources, entry.slug
        for source in entry.declaration.sources:
            assert source.title
