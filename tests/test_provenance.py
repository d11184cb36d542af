"""Finding a quotation in a kept source: spacing and line-end hyphens aside, declared corrections
only, bracketed context checked too; and the closest passage when it is not there."""

from tracker import provenance

TEXT = """Vi er enige om at konsolidere og styrke indsatsen mod graense-
overskridende kriminalitet, herunder den allerede etablerede EU-
trusselsvurdering (SOCTA);

17. udtrykker vores fulde stotte til CLASI;
"""


def kept(corrections=()):
    return provenance.kept("sources/t.txt", TEXT, corrections)


def test_spacing_and_line_end_hyphens_do_not_matter():
    found = provenance.find("konsolidere  og\nstyrke indsatsen mod graenseoverskridende", [kept()])
    assert (found.first, found.last) == (1, 2)
    assert provenance.find("den allerede etablerede EU-trusselsvurdering (SOCTA);", [kept()])
    assert provenance.find("graense-overskridende kriminalitet", [kept()])


def test_a_changed_word_or_punctuation_is_not_found():
    assert provenance.find("konsolidere og styrke indsatsen imod", [kept()]) is None
    assert (
        provenance.find("herunder den allerede etablerede EU-trusselsvurdering (SOCTA).", [kept()])
        is None
    )


def test_ocr_repairs_count_only_when_declared_and_whole_words():
    quotation = "udtrykker vores fulde støtte til CLASI;"
    assert provenance.find(quotation, [kept()]) is None
    source = kept(["stotte → støtte", "CLAS -> XX"])
    assert provenance.find(quotation, [source]).first == 5
    assert source.unused == ("CLAS -> XX",)  # `CLAS` is no whole word of the text


def test_bracketed_context_must_be_in_the_source_too():
    assert provenance.find("[Vi er enige om at] styrke indsatsen", [kept()])
    assert provenance.find("[Vi er uenige om at] styrke indsatsen", [kept()]) is None


def test_the_closest_passage_names_the_first_difference_and_its_lines():
    closest = provenance.closest(
        "udtrykker vores hele støtte til CLASI;", [kept(["stotte → støtte"])]
    )
    assert closest.difference == "'hele' where the source has 'fulde'"
    assert (closest.first, closest.last) == (5, 5)
    assert "vores fulde støtte" in closest.passage


def test_paragraphs_around_a_passage():
    before, held, after = provenance.paragraphs(kept(), 5, 5)
    assert before[0].startswith("Vi er enige") and len(before) == 3
    assert held == ["17. udtrykker vores fulde stotte til CLASI;"]
    assert after == []


def test_an_empty_quotation_is_never_found():
    assert provenance.find("  ", [kept()]) is None
