"""Properties of choosing pledges, over generated data: a warm `tracker list` chooses in SQL from
the rows of the index, and finds exactly the pledges, in exactly the order, that `query.find`
finds on a catalog, for any filters and every sort key."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker import store
from tracker.model import (
    Pledge,
    PledgeEntry,
    Update,
    parse_partial_date,
    pledge_record,
)
from tracker.query import OPEN, Query, find
from tracker.store import index, read
from tracker.vocabulary import SORT_KEYS, Status

STATUSES = [status.value for status in Status]
SORTS = [name for key in SORT_KEYS for name in (key, "-" + key)]
# Slugs and numbers chosen so that natural order has ties across folders (`a-1` + `01` and
# `a-01` + `1` are both `a-1-1` to it) and within one (`01` and `1`, which validate flags).
SLUGS = ["a", "a-1", "a-01", "a-10", "b-2020", "b-2020-05"]
NUMBERS = ["1", "01", "2", "2a", "10", "22"]
ACTORS = ["Europol", "europol", "Spain", "CLASI member states"]
THEMES = ["drugs", "Drugs", "ports", "border-management"]


days = st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31))
# A date known to the day, the month or the year: `2024-03-14`, `2024-03`, `2024`.
partial_dates = st.builds(
    lambda day, length: parse_partial_date(day.isoformat()[:length]),
    days,
    st.sampled_from([10, 10, 7, 4]),
)


@st.composite
def pledges(draw: st.DrawFn) -> Pledge:
    return Pledge(
        title="A pledge",
        status=draw(st.sampled_from(STATUSES)),
        actors=tuple(draw(st.lists(st.sampled_from(ACTORS), max_size=3, unique=True))),
        themes=tuple(draw(st.lists(st.sampled_from(THEMES), max_size=3, unique=True))),
        due=draw(st.none() | days),
        # Updates in any order, equal dates of other precisions among them: the newest one
        # and the last one stand apart.
        updates=tuple(
            Update(date, note="Seen.") for date in draw(st.lists(partial_dates, max_size=4))
        ),
    )


def pledge_yaml(pledge: Pledge) -> str:
    lines = [f"title: {pledge.title}", f"status: {pledge.status}"]
    lines += [
        f"actors: {json.dumps(list(pledge.actors))}",
        f"themes: {json.dumps(list(pledge.themes))}",
    ]
    if pledge.due is not None:
        lines.append(f'due: "{pledge.due.isoformat()}"')
    if pledge.updates:
        lines.append("updates:")
        lines += [f'  - date: "{u.date.isoformat()}"\n    note: {u.note}' for u in pledge.updates]
    return "\n".join(lines) + "\n"


# A declaration: its date (None: the file gives none), "broken" (a file that cannot be read) or
# "missing" (no declaration.yaml); and its pledge files, a few of them unusable.
declarations = st.tuples(
    st.none() | partial_dates | st.sampled_from(["broken", "missing"]),
    st.dictionaries(
        st.sampled_from(NUMBERS),
        pledges() | st.just("title: Broken\nstatus: done\n"),
        max_size=5,
    ),
)
worlds = st.dictionaries(st.sampled_from(SLUGS), declarations, min_size=1, max_size=4)


def write(world: dict[str, tuple[object, dict[str, object]]], root: Path) -> None:
    for slug, (date, numbered) in world.items():
        folder = root / slug
        folder.mkdir(parents=True)
        if date == "broken":
            (folder / "declaration.yaml").write_text("title: [unclosed\n")
        elif date != "missing":
            dated = "" if date is None else f'date: "{date.isoformat()}"\n'  # type: ignore[attr-defined]
            (folder / "declaration.yaml").write_text(f"title: D\n{dated}")
        for number, pledge in numbered.items():
            text = pledge if isinstance(pledge, str) else pledge_yaml(pledge)
            (folder / f"{number}.yaml").write_text(text)


def folded(values: list[str]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(values).map(str.upper) | st.sampled_from(values), max_size=2)


queries = st.builds(
    Query,
    statuses=st.lists(st.sampled_from([*STATUSES, OPEN]), max_size=3),
    declarations=folded(SLUGS),
    actors=folded(["europol", "spain", "nobody"]),
    themes=folded(["drugs", "ports"]),
    due_before=st.none() | partial_dates,
    due_after=st.none() | partial_dates,
    overdue=st.booleans(),
    stale=st.none() | st.integers(0, 3000),
    attention=st.booleans(),
    as_of=days,
)


def shown(entries: list[PledgeEntry]) -> list[tuple[str, object]]:
    """What a list shows of each pledge: where it lives and all it holds, dates as written."""
    return [(str(entry.path), pledge_record(entry)) for entry in entries]


@settings(max_examples=60, deadline=None)
@given(world=worlds, chosen_by=st.lists(queries, min_size=1, max_size=4))
def test_the_index_chooses_what_a_full_load_finds(world, chosen_by):
    with tempfile.TemporaryDirectory() as folder, mock.patch.object(index, "RACY_NS", -(10**12)):
        root = Path(folder) / "commitments"
        cache = Path(folder) / "cache"
        write(world, root)
        store.load(root, cache=cache)  # fills the index
        catalog = store.load(root)
        with mock.patch.object(read, "_read", side_effect=AssertionError("a file was read")):
            for query in [Query(), *chosen_by]:
                for sort in SORTS:
                    found = store.find(root, query, sort, cache=cache)  # from the index alone
                    expected = find(catalog, query, sort)
                    assert shown(found.pledges) == shown(expected)
                    assert found.ids == [entry.id for entry in expected]
                    ids = store.find(root, query, sort, cache=cache, build=False).ids
                    assert ids == found.ids


@given(pledge=pledges(), slug=st.sampled_from(SLUGS), number=st.sampled_from(NUMBERS))
def test_a_pledge_comes_back_from_the_index_as_it_went_in(pledge, slug, number):
    entry = PledgeEntry(f"{slug}-{number}", slug, number, Path(f"{slug}/{number}.yaml"), pledge)
    file = index.DataFile(f"{slug}/{number}.yaml", "pledge", slug, number)
    row = index.row_of(file, "1 2 3 4", pledge, [])
    back = index.decoder(Pledge)(json.loads(row.content))
    assert back == pledge
    # as written, to the precision: `2024-03` is not `2024-03-01`
    assert pledge_record(PledgeEntry(entry.id, slug, number, entry.path, back)) == pledge_record(
        entry
    )
