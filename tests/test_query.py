"""Filters and sorting over pledges built in memory; every expected list is worked out by hand."""

import datetime as dt
from pathlib import Path

import pytest

from tracker.model import (
    Assessment,
    Original,
    PartialDate,
    Pledge,
    PledgeEntry,
    Update,
)
from tracker.query import Query, is_stale, order, parse_sort, select

D = dt.date


def _entry(slug: str, number: str, **fields) -> PledgeEntry:
    fields.setdefault("status", "unassessed")
    pledge = Pledge(title=fields.pop("title", f"Pledge {number}"), **fields)
    return PledgeEntry(f"{slug}-{number}", slug, number, Path(f"{slug}/{number}.yaml"), pledge)


ENTRIES = [
    _entry(
        "north-2020",
        "1",
        title="Share border data",
        status="completed",
        actors=("Europol", "Spain"),
        themes=("borders", "Drugs"),
        due=D(2021, 1, 31),
        updates=(
            Update(PartialDate(2020, 6, 1), "in-progress", "Work began."),
            Update(PartialDate(2021, 1, 15), "completed", "Data shared."),
        ),
    ),
    _entry(
        "north-2020",
        "2",
        title="Train customs officers",
        status="in-progress",
        summary="Joint training on drugs\ndetection at ports.",
        actors=("Frontex",),
        themes=("borders",),
        due=D(2024, 3, 31),
        updates=(Update(PartialDate(2023, 12, precision="month"), None, "Curriculum agreed."),),
    ),
    _entry("north-2020", "10", title="Meet again"),
    _entry(
        "south-2022",
        "01",
        title="Set up a task force",
        status="dropped",
        actors=("europol",),
        due=D(2023, 1, 1),
        original=Original(language="fr", text="Une task force contre le trafic de cocaïne."),
    ),
    _entry(
        "south-2022",
        "02",
        title="Report yearly",
        status="stalled",
        due=D(2099, 12, 31),
        updates=(Update(PartialDate(2024, 6, 1), "stalled", "Funding paused."),),
    ),
    _entry(
        "east-2023-05",
        "3",
        title="Open a liaison office",
        status="not-started",
        actors=("Spain",),
        due=D(2024, 6, 30),
        assessments=(Assessment("Spain", -1, note="No premises found."),),
    ),
    _entry(
        "east-2023-05",
        "4",
        title="Fund research",
        status="partial",
        due=D(2024, 7, 1),
        updates=(Update(PartialDate(2024, 5, 20), "partial", "Half the money came."),),
    ),
]
DECLARED = {
    "north-2020": D(2020, 3, 1),
    "south-2022": None,
    "east-2023-05": PartialDate(2023, 5, precision="month"),
}
AS_OF = D(2024, 6, 30)


def ids(**criteria):
    criteria.setdefault("as_of", AS_OF)
    return [e.id for e in select(ENTRIES, Query(**criteria), declared=DECLARED)]


def sorted_ids(sort):
    return [e.id for e in order(ENTRIES, sort, declared=DECLARED)]


def test_no_filter_keeps_everything_in_the_given_order():
    assert ids() == [e.id for e in ENTRIES]


def test_status_open_stands_for_every_status_still_expecting_action():
    assert ids(statuses={"open"}) == [
        "north-2020-2",
        "north-2020-10",
        "south-2022-02",
        "east-2023-05-3",
        "east-2023-05-4",
    ]
    assert ids(statuses={"completed", "dropped"}) == ["north-2020-1", "south-2022-01"]
    assert ids(statuses={"open", "completed"}) == [e.id for e in ENTRIES if e.id != "south-2022-01"]


def test_an_unknown_status_is_refused():
    with pytest.raises(ValueError, match="unknown status done"):
        Query(statuses={"done"})


def test_actor_matches_in_any_case_and_repeats_mean_or():
    assert ids(actors=["EUROPOL"]) == ["north-2020-1", "south-2022-01"]
    assert ids(actors=["europol", "Frontex"]) == ["north-2020-1", "north-2020-2", "south-2022-01"]
    # a whole actor, not a part of one
    assert ids(actors=["euro"]) == []


def test_theme_and_declaration():
    assert ids(themes=["drugs"]) == ["north-2020-1"]
    assert ids(themes=["borders"]) == ["north-2020-1", "north-2020-2"]
    assert ids(declarations=["south-2022"]) == ["south-2022-01", "south-2022-02"]


def test_different_kinds_must_all_match():
    assert ids(actors=["europol"], statuses={"open"}) == []
    assert ids(actors=["europol"], themes=["drugs"]) == ["north-2020-1"]


def test_due_before_is_before_the_period_starts():
    assert ids(due_before=PartialDate(2024, 3, precision="month")) == [
        "north-2020-1",
        "south-2022-01",
    ]
    assert ids(due_before=D(2024, 4, 1)) == ["north-2020-1", "north-2020-2", "south-2022-01"]


def test_due_after_is_after_the_period_ends():
    after_june = ["south-2022-02", "east-2023-05-4"]
    assert ids(due_after=PartialDate(2024, 6, precision="month")) == after_june
    assert ids(due_after=D(2024, 6, 30)) == after_june
    assert ids(due_after=PartialDate(2024, precision="year")) == ["south-2022-02"]
    assert ids(due_after=D(2024, 3, 31), due_before=PartialDate(2024, 7, precision="month")) == [
        "east-2023-05-3"
    ]


def test_overdue_counts_from_as_of():
    # east-2023-05-3 is due on the very day: not overdue yet
    assert ids(overdue=True) == ["north-2020-2"]
    assert ids(overdue=True, as_of=D(2024, 7, 2)) == [
        "north-2020-2",
        "east-2023-05-3",
        "east-2023-05-4",
    ]


def test_stale_counts_from_the_newest_update_else_the_declaration_date():
    # north-2020-2: last update 2023-12, counted to 31 December: 182 days before 2024-06-30.
    # east-2023-05-3: declaration of 2023-05 (31 May 2023): 396 days. north-2020-10 has no update
    # and counts from 2020-03-01. north-2020-1 (completed) and south-2022-01 (dropped) are closed:
    # never stale, however quiet.
    assert ids(stale=182) == ["north-2020-2", "north-2020-10", "east-2023-05-3"]
    assert ids(stale=183) == ["north-2020-10", "east-2023-05-3"]
    assert ids(stale=397) == ["north-2020-10"]


def test_stale_without_any_date_is_stale():
    never = ENTRIES[2]  # north-2020-10: no update; here, no declaration date either
    assert is_stale(never, 10_000, AS_OF, None)
    assert not is_stale(never, 10_000, AS_OF, D(2020, 3, 1))


def test_search_looks_in_title_summary_original_and_notes():
    assert ids(search=["LIAISON"]) == ["east-2023-05-3"]  # title
    assert ids(search=["drugs detection"]) == ["north-2020-2"]  # summary, across a line break
    assert ids(search=["COCAÏNE"]) == ["south-2022-01"]  # original text
    assert ids(search=["curriculum"]) == ["north-2020-2"]  # update note
    assert ids(search=["premises"]) == ["east-2023-05-3"]  # assessment note
    assert ids(search=["liaison", "cocaïne"]) == ["south-2022-01", "east-2023-05-3"]
    # themes are not text to search: --theme is for them
    assert ids(search=["drugs"]) == ["north-2020-2"]


def test_keyword_shorthand_of_select():
    assert [e.id for e in select(ENTRIES, statuses={"stalled"})] == ["south-2022-02"]


def test_sort_by_id_is_natural():
    assert sorted_ids("id") == [
        "east-2023-05-3",
        "east-2023-05-4",
        "north-2020-1",
        "north-2020-2",
        "north-2020-10",
        "south-2022-01",
        "south-2022-02",
    ]
    assert sorted_ids("-id") == sorted_ids("id")[::-1]


def test_sort_by_due_puts_undated_last_both_ways():
    assert sorted_ids("due") == [
        "north-2020-1",
        "south-2022-01",
        "north-2020-2",
        "east-2023-05-3",
        "east-2023-05-4",
        "south-2022-02",
        "north-2020-10",
    ]
    assert sorted_ids("-due") == [
        "south-2022-02",
        "east-2023-05-4",
        "east-2023-05-3",
        "north-2020-2",
        "south-2022-01",
        "north-2020-1",
        "north-2020-10",
    ]


def test_sort_by_status_follows_the_vocabulary():
    assert sorted_ids("status") == [
        "north-2020-10",
        "east-2023-05-3",
        "north-2020-2",
        "east-2023-05-4",
        "north-2020-1",
        "south-2022-02",
        "south-2022-01",
    ]


def test_sort_by_updated_puts_never_updated_last_in_id_order():
    never = ["east-2023-05-3", "north-2020-10", "south-2022-01"]
    assert sorted_ids("updated") == [
        "north-2020-1",
        "north-2020-2",
        "east-2023-05-4",
        "south-2022-02",
        *never,
    ]
    assert sorted_ids("-updated") == [
        "south-2022-02",
        "east-2023-05-4",
        "north-2020-2",
        "north-2020-1",
        *never,
    ]


def test_sort_by_declaration_date_keeps_numbers_in_order():
    undated = ["south-2022-01", "south-2022-02"]
    north = ["north-2020-1", "north-2020-2", "north-2020-10"]
    east = ["east-2023-05-3", "east-2023-05-4"]
    assert sorted_ids("declaration") == [*north, *east, *undated]
    assert sorted_ids("-declaration") == [*east, *north, *undated]


def test_parse_sort():
    assert parse_sort("-due") == ("due", True)
    assert parse_sort("status") == ("status", False)
    with pytest.raises(ValueError, match="cannot sort by 'priority'"):
        parse_sort("priority")


def test_an_update_before_the_declaration_is_never_the_last_activity():
    from tracker.query import last_activity

    background = _entry(
        "west-2023",
        "1",
        updates=(Update(PartialDate(2022, 10, 1, "month"), None, "Met before the declaration."),),
    )
    declared = D(2023, 9, 28)
    assert last_activity(background, declared) == declared
    assert last_activity(background, None) == D(2022, 10, 31)  # no declaration date: it counts
    assert is_stale(background, 90, D(2023, 12, 1), declared) is False  # 64 days since declared
    later = _entry("west-2023", "2", updates=(Update(PartialDate(2023, 11, 2), None, "News."),))
    dates = {"west-2023": declared}
    by_update = order([background, later], "updated", declared=dates)
    assert [e.id for e in by_update] == ["west-2023-2", "west-2023-1"]  # background sorts as none
