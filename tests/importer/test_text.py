"""Cutting and classifying real statements in running prose: hard-wrapped lines, headings that
wrap, abbreviations inside compounds, commitments after a participle or in the third person.
Every document here is a real one of the corpus's tuning set (its sidecar in
benchmarks/corpus/tuning/ names where it comes from), asked of the `corpus` fixture; the held-out
set is kept out of the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.importer import parse, read_source
from tracker.importer.text import OPERATIVE, PREAMBULAR, classify

US_BRAZIL = "tuning/us-brazil-joint-statement-2023-02-10.txt"
ASEAN_US = "tuning/asean-us-special-summit-joint-vision-statement-2022-05-13.txt"
AWAZA = "tuning/un-awaza-political-declaration-2025.txt"


def _numbered(path: Path) -> list:
    return [p for p in parse(read_source(path).text).paragraphs if p.number]


def _texts(path: Path) -> dict[str, str]:
    return {p.number: p.text for p in _numbered(path)}


def _kinds(path: Path) -> dict[str, str]:
    return {p.number: p.kind for p in _numbered(path)}


def test_a_wrapped_line_that_runs_to_the_width_is_prose_not_a_heading(corpus):
    """The first line of the U.S.–Brazil statement ends in `President`, its next line starts with
    `Luiz`: a line as long as the text's others goes on, it is no heading."""
    texts = _texts(corpus(US_BRAZIL))
    assert texts["01"].startswith("Today, President Joseph R. Biden Jr. of the United States")
    assert texts["01"].endswith("met in Washington, D.C.")
    assert texts["03"].startswith("As leaders of the two largest democracies in the Americas")
    assert len(texts) == 21


def test_headings_that_wrap_over_two_lines_number_nothing(corpus):
    texts = _texts(corpus(ASEAN_US))
    assert not any(t.startswith(("Fighting the COVID-19", "recovering")) for t in texts.values())
    assert texts["10"].startswith("We support ASEAN’s pandemic recovery")
    assert len(texts) == 37


def test_a_compound_that_ends_in_an_abbreviation_does_not_end_the_sentence(corpus):
    """`… of the ASEAN-U.S.` / `Special Summit, …` across a line break is one sentence."""
    first = _texts(corpus(ASEAN_US))["01"]
    assert first.startswith("WE, the Member States")
    assert first.endswith("on 12-13 May 2022.")


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # G7 leaders, 12 December 2022, §16: looking forward to doing something oneself
        (
            "We welcome the key recommendations by the Gender Equality Advisory Council and look"
            " forward to receiving the GEAC’s full report by the end of the year.",
            OPERATIVE,
        ),
        # A/RES/80/3, annex §15: looking forward to something others will produce
        (
            "We emphasize the significance of declaring the United Nations Decade of Sustainable"
            " Transport and look forward to an implementation plan for the Decade.",
            PREAMBULAR,
        ),
    ],
)
def test_looking_forward_to_an_action_is_a_commitment_to_a_thing_is_not(sentence, kind):
    assert classify(sentence, "en") == kind


def test_after_a_participle_the_main_clause_decides_the_kind():
    """G7 §16 opens with `Reaffirming …`; its main clause commits, so the paragraph does."""
    g7 = (
        "Reaffirming our full commitment to realise gender equality, we welcome the key"
        " recommendations by the Gender Equality Advisory Council (GEAC) and look forward to"
        " receiving the GEAC’s full report by the end of the year. We thank this year’s GEAC for"
        " its important work, reiterate our intention to convene the GEAC as a standing feature"
        " of all G7 Presidencies."
    )
    assert classify(g7, "en") == OPERATIVE
    assert classify("Recalling the Joint Initiative of 2015, we note its progress.", "en") == (
        PREAMBULAR
    )


def test_commitments_reported_in_the_third_person_are_operative(corpus):
    texts = _texts(corpus(US_BRAZIL))
    kinds = {p.number: p.kind for p in parse(read_source(corpus(US_BRAZIL)).text).paragraphs}
    assert texts["14"].startswith("Recognizing the importance of supply chain resilience")
    assert kinds["14"] == OPERATIVE  # `…, they committed to continue cooperation`
    assert kinds["19"] == OPERATIVE  # `expressed their intent to work together`
    assert kinds["20"] == OPERATIVE  # `invited President Biden to visit Brazil`
    assert kinds["15"] == PREAMBULAR  # `also discussed a wide range of … issues`


def test_footnotes_under_a_rule_and_marks_set_off_by_a_space_are_dropped(corpus):
    """A/RES/80/3's text layer: §7 runs over a page whose foot holds footnotes 1–9 under a rule
    (`_____`), and its marks stand after a space or a comma (`Development 5 and`,
    `Agreement,7 the`, `Commitment, 12 which`)."""
    texts = _texts(corpus(AWAZA))
    seventh, eighth = texts["a7"], texts["a8"]
    assert "Resolution 79/233" not in seventh and "Resolution 70/1" not in seventh
    assert "Agenda for Sustainable Development and its Sustainable Development Goals" in seventh
    assert "Paris Agreement, the Sendai Framework for Disaster Risk Reduction 2015–2030, the" in (
        seventh
    )
    assert "Convention on Biological Diversity and the Kunming-Montreal" in seventh
    assert "the Sevilla Commitment, which renews" in eighth
    assert "Addis Ababa Action Agenda, and call for" in eighth
    assert eighth.endswith("the Pact for the Future.")


def test_a_name_with_a_number_is_no_footnote_mark(corpus):
    """G7 leaders, 12 December 2022, §13: `the outcomes of COP26 and COP27`."""
    g7 = parse(read_source(corpus("tuning/g7-leaders-statement-2022-12-12.html")).text)
    thirteenth = next(p.text for p in g7.paragraphs if p.number == "13")
    assert "the outcomes of COP26 and COP27, we commit" in thirteenth


QUAD_CYBER = "tuning/quad-senior-cyber-group-statement-2023-02-02.txt"


def test_what_a_thing_will_bring_about_is_foreseen_not_pledged(corpus):
    """Quad senior cyber group, 2 February 2023: `Coordinating Quad member efforts will allow …`
    and `Progress on these objectives will enhance …` foresee effects; `the Group will strive
    to …` and a known actor's `will help` are pledges."""
    kinds = {p.number: p.kind for p in parse(read_source(corpus(QUAD_CYBER)).text).paragraphs}
    assert [kinds[n] for n in ("14", "15", "16", "19", "20")] == [PREAMBULAR] * 5
    assert kinds["24"] == OPERATIVE  # `the Group will strive to ensure security-by-design`
    assert classify("Europol will help member states to trace the shipments.", "en") == OPERATIVE
    assert classify("We will ensure that the plan is funded.", "en") == OPERATIVE


@pytest.mark.parametrize(
    "sentence",
    [
        # Quad senior cyber group, 2 February 2023, sentences 02, 04, 05
        "We reaffirm the Group’s commitment to advancing a free and open Indo-Pacific.",
        "Quad partners are working together to better secure cyberspace.",
        "Recalling the Quad Leaders Meeting on 24 May 2022, we committed in the near term to:"
        " drive more secure software services and products.",
        # U.S.–Africa vision statement, 15 December 2022, sentences 11 and 23
        "Recognizing today’s acute food security needs, we plan to continue to partner to supply"
        " humanitarian assistance.",
        "We are increasing our cooperation to tackle insecurity, criminality, and terrorism.",
    ],
)
def test_commitments_worded_as_plans_work_under_way_or_a_commitment_reaffirmed(sentence):
    assert classify(sentence, "en") == OPERATIVE


SPYWARE = "tuning/commercial-spyware-joint-statement-2023-03-30.txt"
CYBER_HABITS = "tuning/quad-responsible-cyber-habits-2023-02-07.txt"
US_AFRICA = "tuning/us-africa-partnership-vision-statement-2022-12-15.txt"


def test_the_parties_named_between_subject_and_verb_do_not_hide_the_verb(corpus):
    """Quad cyber habits, 7 February 2023, 01: `We the Quad partners of Australia, India, Japan,
    and the United States are launching a public campaign` commits; the spyware statement's 01,
    `We, the governments of Australia, …, and the United States, recognize the threat`, does
    not."""
    assert _kinds(corpus(CYBER_HABITS))["01"] == OPERATIVE
    assert _kinds(corpus(SPYWARE))["01"] == PREAMBULAR


def test_what_a_thing_does_in_a_relative_clause_is_no_pledge(corpus):
    """U.S.–Africa vision statement, 15 December 2022, 08 and 12: `we announced new investments
    and initiatives that will equip …`, `we announced a new strategic partnership that seeks to
    deepen …` report and describe; a pledge stays one when the parties are the subject."""
    kinds = _kinds(corpus(US_AFRICA))
    assert (kinds["08"], kinds["12"]) == (PREAMBULAR, PREAMBULAR)
    assert classify("We agreed on a plan that we will fund together.", "en") == OPERATIVE


def test_the_words_of_a_foreseen_effect_are_part_of_it(corpus):
    """Commercial spyware statement, 30 March 2023, 13: `Our efforts will allow us to work
    collectively … as we develop and implement policies to discourage … and encourage …`: the
    `encourage` belongs to the effect foreseen, it calls on no one; a call after a new clause
    is still one."""
    assert _kinds(corpus(SPYWARE))["13"] == PREAMBULAR
    assert classify("Our efforts will allow us to act; we encourage others to join.", "en") == (
        OPERATIVE
    )


def test_a_predicate_that_shares_its_subject_takes_the_subject_of_its_clause():
    """Quad cyber habits, 7 February 2023, 08: `The Challenge provides resources …, and will …`:
    the subject of `will` is the Challenge, a thing, so what it will bring about is foreseen."""
    sentence = "The Challenge provides resources for all users, and will help them guard data."
    assert classify(sentence, "en") == PREAMBULAR


def test_a_lead_in_that_pledges_on_its_own_is_operative_and_a_bare_one_is_a_chapeau(corpus):
    """Commercial spyware statement, 30 March 2023, 07: `To advance these interests, we are
    partnering to counter the misuse of commercial spyware and commit to:` pledges before it
    introduces the five commitments (08–12), which stay operative; `We commit to:` alone only
    introduces them."""
    kinds = _kinds(corpus(SPYWARE))
    assert [kinds[n] for n in ("07", "08", "09", "10", "11", "12")] == [OPERATIVE] * 6
    bare = parse("We commit to:\n\n- share data on spyware;\n\n- curb its export.\n")
    assert [(p.number, p.kind) for p in bare.paragraphs] == [
        (None, "chapeau"),
        ("01", OPERATIVE),
        ("02", OPERATIVE),
    ]


US_CAMBODIA = "tuning/us-cambodia-reciprocal-trade-2025-10-26.txt"
EXPORT_CONTROLS = "tuning/export-controls-and-human-rights-initiative-2021-12-10.txt"
US_GCC = "tuning/us-gcc-summit-joint-statement-2022-07-16.txt"
G7_SYRIA = "tuning/g7-leaders-statement-on-syria-2024-12-12.txt"
AMERICAS = "tuning/americas-partnership-for-economic-prosperity-declaration-2023-01-27.txt"


def test_a_lead_in_that_only_introduces_its_bullets_numbers_nothing(corpus):
    """U.S.–Cambodia trade statement, 26 October 2025: `Key terms of the Agreement … include:`
    is a chapeau without a number, so the first bullet is 03, as a reader counts it."""
    paragraphs = parse(read_source(corpus(US_CAMBODIA)).text).paragraphs
    chapeau = next(p for p in paragraphs if p.text.startswith("Key terms"))
    assert chapeau.number is None
    assert _texts(corpus(US_CAMBODIA))["03"].startswith("Cambodia commits to eliminate tariffs")


def test_an_editors_note_around_begin_text_and_end_text_is_not_the_statement(corpus):
    """Export controls and human rights statement, 10 December 2021: the note before `Begin
    Text:` and the governments listed after `End Text` are left out; the title stays."""
    parsed = parse(read_source(corpus(EXPORT_CONTROLS)).text)
    assert parsed.title == "Joint Statement on the Export Controls and Human Rights Initiative"
    texts = [p.text for p in parsed.paragraphs]
    assert texts[0].startswith("We, Australia, Denmark, Norway, and the United States, recognize")
    assert texts[-1].startswith("In addition, we will use the year of action")
    assert not any("The following is" in text for text in texts)


def test_commitments_and_support_affirmed_or_reiterated_and_a_keenness_to_act(corpus):
    """U.S.–GCC summit, 16 July 2022, 02, 07, 08, 09, 12 (`The leaders affirmed their commitment
    to …`, `… affirmed their support for ensuring …`, `… affirmed their keenness to continue to
    hold the U.S.-GCC Summit annually`); G7 on Syria, 12 December 2024, 03 (`We reiterate our
    support for the UN Disengagement Observer Force`)."""
    kinds = _kinds(corpus(US_GCC))
    assert [kinds[n] for n in ("02", "07", "08", "09", "12")] == [OPERATIVE] * 5
    assert _kinds(corpus(G7_SYRIA))["03"] == OPERATIVE


def test_a_cue_word_inside_a_name_is_no_cue(corpus):
    """U.S.–GCC summit, 16 July 2022, 11: `The leaders welcomed the establishment of Combined
    Task Force 153 and Task Force 59, which will enhance …` welcomes; `Task` names a force."""
    assert _kinds(corpus(US_GCC))["11"] == PREAMBULAR
    assert classify("Task the working group to report by June.", "en") == OPERATIVE


@pytest.mark.parametrize(
    ("path", "number"),
    [
        (US_GCC, "05"),  # `welcomed the announcement that some GCC partners plan to invest`
        (US_GCC, "06"),  # `expressed appreciation for the GCC countries’ pledge to provide`
        (G7_SYRIA, "09"),  # `We are hopeful that anyone seeking a role … will demonstrate`
    ],
)
def test_what_others_pledge_or_plan_or_are_hoped_to_do_is_no_pledge_of_the_parties(
    corpus, path, number
):
    assert _kinds(corpus(path))[number] == PREAMBULAR


def test_what_a_thing_made_will_do_is_foreseen_and_what_the_parties_own_will_do_is_pledged(corpus):
    """U.S.–Cambodia trade, 02: `The Agreement on Reciprocal Trade will build upon …`; Quad cyber
    habits, 08: `The Challenge provides resources …, and will culminate in events …`: things
    made, so foreseen. Quad senior cyber group, 08: `our collective approach … will encourage
    regional partners …` is the parties' own; U.S.–Africa vision, 31: `Through our partnership,
    we will harness …` has the parties as its subject after the comma."""
    assert _kinds(corpus(US_CAMBODIA))["02"] == PREAMBULAR
    assert _kinds(corpus(CYBER_HABITS))["08"] == PREAMBULAR
    assert _kinds(corpus(QUAD_CYBER))["08"] == OPERATIVE
    assert _kinds(corpus(US_AFRICA))["31"] == OPERATIVE


def test_an_intention_for_something_to_happen_is_a_pledge(corpus):
    """Americas Partnership declaration, 27 January 2023, 8: after `The Americas Partnership will
    drive …` (foreseen), `We intend for the Partnership to be an open and inclusive initiative
    and to expand …` is the parties' intention."""
    assert _kinds(corpus(AMERICAS))["8"] == OPERATIVE


FURTHER_MEASURES = "tuning/further-restrictive-economic-measures-2022-02-26.txt"
US_VIETNAM = "tuning/us-vietnam-reciprocal-trade-framework-2025-10-26.txt"


def test_a_lead_in_before_paragraphs_numbers_nothing_and_readiness_is_a_pledge(corpus):
    """Further restrictive economic measures, 26 February 2022: `Specifically, we commit to
    undertake the following measures:` introduces the paragraphs `First, we commit to …`,
    `Second, …`, so it numbers nothing and `First, …` is 08; `we are prepared to take further
    measures` (18) is a pledge like `we stand ready to`."""
    parsed = parse(read_source(corpus(FURTHER_MEASURES)).text)
    lead_in = next(p for p in parsed.paragraphs if p.text.endswith("the following measures:"))
    assert lead_in.number is None
    texts, kinds = (
        _texts(corpus(FURTHER_MEASURES)),
        _kinds(corpus(FURTHER_MEASURES)),
    )
    assert texts["08"].startswith("First, we commit to ensuring")
    assert kinds["18"] == OPERATIVE


def test_what_an_agreement_with_a_name_in_commas_will_do_and_what_its_terms_include(corpus):
    """U.S.–Vietnam trade framework, 26 October 2025: `The Agreement on Reciprocal, Fair, and
    Balanced Trade will build upon …` (02) is foreseen though commas cut the name; `Key terms of
    the Agreement … will include:` describes, so the bullets it leads with no cue of their own
    (`… take note of recent commercial deals`, `Vietnamese companies have signed …`) are no
    pledges; `Viet Nam will provide …` is one."""
    kinds = _kinds(corpus(US_VIETNAM))
    assert [kinds[n] for n in ("02", "11", "13")] == [PREAMBULAR] * 3
    assert kinds["03"] == OPERATIVE


AUKUS = "tuning/aukus-joint-leaders-statement-2021-09-15.txt"
ATLANTIC = "tuning/atlantic-cooperation-joint-statement-2022-09-20.txt"
US_EL_SALVADOR = "tuning/us-el-salvador-reciprocal-trade-framework-2025-11-13.txt"
G7_MAY_2022 = "tuning/g7-leaders-statement-2022-05-08.txt"


def test_a_clause_wrapped_after_a_comma_is_no_new_paragraph(corpus):
    """AUKUS leaders, 15 September 2021: `… and the United States,` ends a line and `guided by our
    enduring ideals …` goes on with it; a participle in lower case opens no paragraph."""
    assert _texts(corpus(AUKUS))["01"].startswith(
        "As leaders of Australia, the United Kingdom, and the United States, guided by"
    )


@pytest.mark.parametrize(
    ("path", "number"),
    [
        (
            AUKUS,
            "02",
        ),  # `we are announcing the creation of an enhanced trilateral … partnership`
        (AUKUS, "08"),  # `Today, we embark on a trilateral effort of 18 months`
        (AUKUS, "14"),  # `Recognizing our deep defense ties, …, today we also embark on …`
        (
            AUKUS,
            "18",
        ),  # `Today, with the formation of AUKUS, we recommit ourselves to …`
        (ATLANTIC, "09"),  # `We aim to enhance regional cooperation`
        (
            G7_MAY_2022,
            "14",
        ),  # `Together with partners globally, we are stepping up our efforts`
    ],
)
def test_starting_aiming_announcing_and_recommitting_are_pledges(corpus, path, number):
    assert _kinds(corpus(path))[number] == OPERATIVE


def test_a_compound_that_ends_in_capitals_and_a_stop_ends_the_sentence(corpus):
    """U.S.–El Salvador trade framework, 13 November 2025: `… originating under the CAFTA-DR.  In
    addition, the United States may positively consider …`: `DR.` is no title in a compound."""
    texts = _texts(corpus(US_EL_SALVADOR))
    assert texts["12"].endswith("originating under the CAFTA-DR.")
    assert texts["13"].startswith("In addition, the United States may positively consider")


E3_IRAN = "tuning/e3-us-leaders-statement-on-iran-2021-10-30.txt"
COVID_SUMMIT = "tuning/second-global-covid-summit-announcement-2022-04-18.txt"
US_EU_ENERGY = "tuning/us-eu-energy-security-statement-2022-01-28.txt"
US_UK = "tuning/us-uk-indo-pacific-consultations-2022-03-11.txt"
CRITICAL_MINERALS = "tuning/us-australia-critical-minerals-framework-2025-10-20.txt"


@pytest.mark.parametrize(
    ("path", "number", "kind"),
    [
        (
            E3_IRAN,
            "05",
            PREAMBULAR,
        ),  # `We agreed that continued Iranian nuclear advances … will`
        (E3_IRAN, "10", PREAMBULAR),  # `This will only be possible if Iran changes course.`
        (
            COVID_SUMMIT,
            "04",
            OPERATIVE,
        ),  # `we are calling on world leaders … to make new …`
        (
            US_EU_ENERGY,
            "10",
            OPERATIVE,
        ),  # `The United States and the EU are working jointly`
        (US_EU_ENERGY, "12", OPERATIVE),  # `We are collaborating with governments`
        (
            US_UK,
            "09",
            OPERATIVE,
        ),  # `reaffirmed their commitment at the highest level to ensuring`
    ],
)
def test_views_agreed_states_foreseen_calls_and_work_under_way(corpus, path, number, kind):
    assert _kinds(corpus(path))[number] == kind


def test_a_lead_in_with_a_clause_of_its_own_before_its_examples_is_numbered(corpus):
    """Second global COVID summit, 18 April 2022: `The Summit will build on the themes … and will
    place an emphasis on …, including:` states what the Summit will do (09, preambular: a thing
    made), then its five themes are 10–14."""
    texts, kinds = _texts(corpus(COVID_SUMMIT)), _kinds(corpus(COVID_SUMMIT))
    assert texts["09"].startswith("The Summit will build on the themes") and kinds["09"] == (
        PREAMBULAR
    )
    assert texts["10"] == "Getting shots into arms;"


def test_a_list_numbered_inside_a_paragraph_a_number_printed_twice_and_a_signature_block(corpus):
    """U.S.–Australia critical minerals framework, 20 October 2025: paragraph 2 holds its own
    list 1–4 before the main numbering goes on at 3; a stray `1.` before Section II's paragraph 1
    is that same number; `Prime Minister` under the signatures is no paragraph."""
    parsed = parse(read_source(corpus(CRITICAL_MINERALS)).text)
    numbers = [p.number for p in parsed.paragraphs if p.number]
    assert numbers == [*map(str, range(1, 10)), "a1", "a2", "a3", "a4"]
    texts = _texts(corpus(CRITICAL_MINERALS))
    assert "Ministerial: The Participants have decided" in texts["2"]
    assert texts["3"].startswith("Permitting:")


US_JORDAN = "tuning/us-jordan-leaders-joint-statement-2022-07-16.txt"
AUKUS_YEAR = "tuning/aukus-one-year-leaders-statement-2022-09-23.txt"
DATA_PRIVACY = "tuning/us-ec-data-privacy-framework-2022-03-25.txt"


def test_a_year_that_a_wrapped_sentence_puts_at_a_lines_start_is_no_paragraph_number(corpus):
    """U.S.–Jordan leaders, 16 July 2022: `… ending in FY` / `2029. One of the most significant
    bilateral instruments …`: 2029 ends a sentence, and the next two sentences are 07 and 08."""
    texts = _texts(corpus(US_JORDAN))
    assert texts["06"].endswith("beginning in FY 2023 and ending in FY 2029.")
    assert texts["07"].startswith("One of the most significant")
    assert texts["08"].startswith("The MOU is designed")


@pytest.mark.parametrize(
    ("path", "number", "kind"),
    [
        (
            US_JORDAN,
            "06",
            OPERATIVE,
        ),  # `announced the intention of the United States to enter`
        (US_JORDAN, "11", OPERATIVE),  # `reaffirmed the United States’ … support to Jordan`
        (US_JORDAN, "13", OPERATIVE),  # `… and reiterated commitment to their partnership`
        (
            US_JORDAN,
            "20",
            OPERATIVE,
        ),  # `They condemned violations …, calling for abiding by …`
        (
            AUKUS_YEAR,
            "03",
            OPERATIVE,
        ),  # `We stand together to support an international order`
        (AUKUS_YEAR, "06", OPERATIVE),  # `We are steadfast in our commitment to …`
        (
            AUKUS_YEAR,
            "11",
            OPERATIVE,
        ),  # `… can be confident that our nations will continue to`
        (
            DATA_PRIVACY,
            "05",
            PREAMBULAR,
        ),  # `It will provide a durable basis …` (the Framework)
        (US_AFRICA, "05", OPERATIVE),  # `The United States, for its part, will support …`
    ],
)
def test_intentions_support_and_calls_reported_the_parties_as_our_nations_and_it(
    corpus, path, number, kind
):
    assert _kinds(corpus(path))[number] == kind


G7_FURTHER = "tuning/g7-further-economic-costs-on-russia-2022-03-11.txt"
US_IRAQ = "tuning/us-iraq-leaders-joint-statement-2022-07-16.txt"


@pytest.mark.parametrize(
    ("path", "number", "kind"),
    [
        (G7_FURTHER, "24", PREAMBULAR),  # `we have operationalised the task force announced …`
        (US_IRAQ, "05", PREAMBULAR),  # `… a new Iraqi government responsive to the will of …`
        (G7_FURTHER, "18", OPERATIVE),  # `Second, we are working collectively to prevent …`
        (US_IRAQ, "08", OPERATIVE),  # `President Biden reiterated his support to Iraq …`
        (US_IRAQ, "20", OPERATIVE),  # `…, which the United States stands ready to support.`
        (US_IRAQ, "21", OPERATIVE),  # `… emphasized his commitment to pursuing initiatives …`
        (CRITICAL_MINERALS, "3", OPERATIVE),  # `The Participants are taking measures to …`
    ],
)
def test_cue_words_as_nouns_and_support_commitment_and_work_stated_otherwise(
    corpus, path, number, kind
):
    assert _kinds(corpus(path))[number] == kind


US_EU_ENERGY_JUNE = "tuning/us-eu-energy-security-statement-2022-06-27.txt"


@pytest.mark.parametrize(
    "number",
    [
        "05",  # `We are also working together to find ways to further reduce …`
        "09",  # `… the European Commission are also taking decisive action to reduce …`
        "13",  # `We are also partnering to diversify energy supplies to Europe.`
    ],
)
def test_an_adverb_after_the_auxiliary_changes_no_kind(corpus, number):
    """U.S.–EU energy security, 27 June 2022: `are also working`, `are also taking decisive
    action`, `are also partnering` pledge as the same words without `also` do."""
    assert _kinds(corpus(US_EU_ENERGY_JUNE))[number] == OPERATIVE


US_COLOMBIA = "tuning/us-colombia-bicentennial-partnership-2022-03-10.txt"
US_EC_MARCH = "tuning/us-ec-energy-security-2022-03-25.txt"
US_IRELAND = "tuning/us-ireland-biden-martin-2021-03-17.txt"
US_MEXICO = "tuning/us-mexico-joint-declaration-2021-03-01.txt"


@pytest.mark.parametrize(
    ("path", "number", "kind"),
    [
        (US_COLOMBIA, "02", OPERATIVE),  # `The United States intends to designate Colombia …`
        (US_EC_MARCH, "13", OPERATIVE),  # `In this framework, we establish an immediate …`
        (US_IRELAND, "20", PREAMBULAR),  # `… are unequivocally committed to the Good Friday …`
        (US_MEXICO, "10", PREAMBULAR),  # `… their shared commitment to the United States-Mexico-…`
        (US_IRELAND, "26", OPERATIVE),  # `… are committed to broadening and deepening …`
        (US_IRELAND, "30", PREAMBULAR),  # `… The program … It aims to deepen appreciation …`
    ],
)
def test_intentions_performatives_and_commitments_to_a_named_thing_or_a_things_aim(
    corpus, path, number, kind
):
    assert _kinds(corpus(path))[number] == kind
