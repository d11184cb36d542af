"""Drafts that read like pledges, on real declarations: imperative titles in one style, never cut
mid-phrase, actors and deadlines moved out and proposed on their own."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tracker.importer import parse, pledge_drafts, read_source
from tracker.importer.drafts import TITLE_LIMIT, find_due, propose

REAL = [
    "tuning/g7-leaders-statement-2022-12-12.html",
    "tuning/un-awaza-political-declaration-2025.txt",
    "tuning/asean-us-special-summit-joint-vision-statement-2022-05-13.txt",
    "tuning/us-brazil-joint-statement-2023-02-10.txt",
    "held-out/us-eu-summit-joint-statement-2023-10-20.html",
]


@pytest.mark.parametrize("document", REAL, ids=[Path(p).stem for p in REAL])
def test_titles_of_real_declarations_are_imperative_whole_and_short(corpus, document):
    drafts = pledge_drafts(parse(read_source(corpus(document)).text))
    assert drafts
    for draft in drafts:
        title = draft.title or ""
        assert 0 < len(title) <= TITLE_LIMIT, title
        assert "…" not in title and not title.endswith((",", ";", ":", "(")), title
        assert title[0].isupper(), title
        assert not re.match(r"(?i)(we|the ministers|the leaders)\b", title), title
        last = title.split()[-1].lower()
        assert last not in {"the", "of", "and", "to", "a", "for", "in", "with"}, title


@pytest.mark.parametrize(
    ("text", "title", "actors", "due"),
    [
        (
            "We commit to strengthening port security by 31 December 2026.",
            "Strengthen port security",
            (),
            dt.date(2026, 12, 31),
        ),
        (
            "We call on Europol and the Commission to set up a joint task force on port security "
            "before the end of 2025.",
            "Set up a joint task force on port security",
            ("Europol", "European Commission"),
            dt.date(2025, 12, 31),
        ),
        (
            "Member states will exchange forensic data on synthetic drugs within six months of "
            "1 March 2026, including through Europol.",
            "Exchange forensic data on synthetic drugs",
            ("member states", "Europol"),
            dt.date(2026, 9, 1),
        ),
        (
            "We will extend the mandate of the working group by March 2027.",
            "Extend the mandate of the working group",
            (),
            dt.date(2027, 3, 31),
        ),
    ],
)
def test_actor_and_deadline_are_moved_out_of_the_title(text, title, actors, due):
    assert propose(text, "en") == (title, actors, due)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # G7 leaders, 12 December 2022, §7 and §10
        (
            "We also reiterate our strong condemnation of Russia’s continued seizure and"
            " militarisation of Ukraine’s nuclear facilities.",
            "Condemn Russia’s continued seizure and militarisation of Ukraine’s nuclear facilities",
        ),
        (
            "We reaffirm our intention to phase out Russian-origin crude oil and petroleum"
            " products from our domestic markets.",
            "Phase out Russian-origin crude oil and petroleum products from our domestic markets",
        ),
        # A/RES/80/3, annex §13
        (
            "We strongly commit ourselves to the full implementation of the Awaza Programme of"
            " Action for Landlocked Developing Countries.",
            "Implement the Awaza Programme of Action for Landlocked Developing Countries",
        ),
        # U.S.–Brazil 2023: a call or support stated after what the leaders deplored
        (
            "They deplored the violation of the territorial integrity of Ukraine by Russia and"
            " called for a just and durable peace.",
            "Call for a just and durable peace",
        ),
        (
            "They expressed concern about the global effects of the conflict and voiced support"
            " for the full functioning of the Black Sea Grain Initiative.",
            "Support the full functioning of the Black Sea Grain Initiative",
        ),
        # ASEAN–U.S. 2022: `U.S.` inside the promise ends no sentence
        (
            "As we celebrate the 45th anniversary of ASEAN-U.S. Dialogue Relations in 2022, we"
            " commit to establish an ASEAN-U.S. Comprehensive Strategic Partnership.",
            "Establish an ASEAN-U.S. Comprehensive Strategic Partnership",
        ),
    ],
)
def test_a_stance_or_an_action_named_as_a_noun_is_titled_by_its_verb(text, title):
    assert propose(text, "en")[0] == title


def test_a_period_counts_from_the_declarations_date_when_it_names_the_declaration():
    text = "We will report on progress within six months of this declaration."
    assert find_due(text, "en", dt.date(2025, 5, 14))[0] == dt.date(2025, 11, 14)
    assert find_due(text, "en", None)[0] is None  # no date known: no due date proposed
    assert find_due("In 2024 we met in Rome.", "en")[0] is None  # a date without a cue


def test_actors_named_in_a_real_paragraph_are_proposed(corpus):
    parsed = parse(read_source(corpus(REAL[1])).text)
    drafts = {d.number: d for d in pledge_drafts(parsed)}
    assert "Secretary-General" in drafts["a24"].actors  # "We request the Secretary-General to"
    assert drafts["a24"].title.startswith("Ensure the full mobilization")
