"""The shipped commitments/: a record of what the five source documents say, and nothing more."""

from pathlib import Path

import pytest

from tracker import store, validate

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


def test_validates_without_errors(catalog):
    errors = [p for p in validate.check(catalog) if p.level == "error"]
    assert errors == []


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


def test_the_task_force_meeting_is_an_update_dated_to_the_month(catalog):
    [update] = catalog.pledge("eu-clasi-2023-22").pledge.updates
    assert update.date.isoformat() == "2022-10"
    assert "Buenos Aires" in update.note


def test_undated_source_has_no_date_and_says_so(catalog):
    declaration = catalog.declarations["eu-north-africa-smuggling"].declaration
    assert declaration.date is None
    assert "no date" in declaration.notes


def test_running_prose_is_numbered_in_order_of_statement(catalog):
    for slug in ("eu-western-balkans-2018", "eu-north-africa-smuggling", "eu-ports-alliance-2024"):
        assert catalog.declarations[slug].declaration.numbering == "order-of-statement"
    western_balkans = [p for p in catalog.pledges if p.declaration == "eu-western-balkans-2018"]
    assert [p.number for p in western_balkans] == [f"{n:02d}" for n in range(1, 9)]


def test_tirana_ministerial_is_the_follow_up_event(catalog):
    [update] = catalog.pledge("eu-western-balkans-2018-08").pledge.updates
    assert update.date.isoformat() == "2018-10-04"
    assert "Tirana" in update.note


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
