"""Properties of writing, over generated pledges: what tracker writes reads back as what was
meant, and `update` on any valid hand-written file keeps it valid, keeps its comments and adds
exactly one update."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import store
from tracker.model import LINK_KINDS, Link, PartialDate, Pledge, Status, Update
from tracker.store.write import (
    PledgeDocument,
    check_pledge_text,
    new_pledge,
    record_link,
    record_update,
)

SLUG = "decl-2020"
# Few examples, so that the suite stays quick; each builds files and runs real writes. (The
# `repo` fixture is the same folder for every example: each example writes its files afresh.)
FEW = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
STATUSES = [status.value for status in Status]
DAY = dt.date(2025, 6, 30)

# Text a person could type: any letter, mark, number, punctuation, symbol, space or line separator
# of any script, tabs, and the characters YAML gives a meaning (not control characters, which the
# schema refuses). A title is one line: no tab, no line separator.
_MEANINGFUL = " #:-'\"[]{}&*!|>%@`,?~\\"
_TEXT = st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufeff")
_LINE = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\ufeff")
words = st.text(_TEXT | st.sampled_from(_MEANINGFUL + "\t"), min_size=1, max_size=40).filter(
    lambda text: text.strip() == text
)
one_line = st.text(_LINE | st.sampled_from(_MEANINGFUL), min_size=1, max_size=60).filter(
    lambda text: text.strip() == text
)
notes = st.lists(words, min_size=1, max_size=3).map("\n".join)
names = st.lists(words, max_size=3, unique=True)
urls = st.builds(
    "https://example.org/{}/{}".format,
    st.text("abcxyz019-_.~", min_size=1, max_size=12),
    st.integers(0, 10**6),
)


@st.composite
def dates(draw) -> PartialDate:  # type: ignore[no-untyped-def]
    """A date known to the day, the month or the year."""
    day = draw(st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)))
    precision = draw(st.sampled_from(["day", "day", "month", "year"]))
    if precision == "year":
        return PartialDate(day.year, precision="year")
    if precision == "month":
        return PartialDate(day.year, day.month, precision="month")
    return PartialDate(day.year, day.month, day.day)


@st.composite
def updates(draw) -> list[Update]:  # type: ignore[no-untyped-def]
    found = []
    for when in sorted(draw(st.lists(dates(), max_size=4))):
        status = draw(st.none() | st.sampled_from(STATUSES))
        note = draw(st.none() | notes)
        links = tuple(draw(st.lists(urls, max_size=2, unique=True)))
        if status is None and note is None and not links:
            note = "Seen."
        found.append(Update(when, status, note, links))
    return found


@st.composite
def pledges(draw) -> Pledge:  # type: ignore[no-untyped-def]
    made_with = draw(st.sampled_from(STATUSES))
    progress = draw(updates())
    statuses = [update.status for update in progress if update.status]
    links = tuple(
        Link(url, draw(st.none() | one_line), draw(st.none() | st.sampled_from(LINK_KINDS)))
        for url in draw(st.lists(urls, max_size=3, unique=True))
    )
    due = draw(st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)))
    return Pledge(
        title=draw(one_line),
        status=statuses[-1] if statuses else made_with,
        actors=tuple(draw(names)),
        themes=tuple(draw(names)),
        due=due,
        links=links,
        updates=tuple(progress),
    )


def write_as_tracker_does(root: Path, pledge: Pledge) -> Path:
    """The pledge written by `tracker new`, `tracker update` and `tracker link`."""
    first_status = next((u.status for u in pledge.updates if u.status), pledge.status)
    made = new_pledge(
        root,
        SLUG,
        pledge.title,
        actors=pledge.actors,
        themes=pledge.themes,
        due=pledge.due,
        status=first_status if pledge.updates else pledge.status,
    )
    for update in pledge.updates:
        record_update(
            root,
            made.id,
            status=update.status,
            note=update.note,
            links=update.links,
            date=update.date,
        )
    for link in pledge.links:
        record_link(root, made.id, link.url, title=link.title, kind=link.kind)
    return made.path


def load(path: Path) -> Pledge:
    pledge, problems = store.pledge_from_text(path, path.read_text(encoding="utf-8"))
    assert problems == []
    assert pledge is not None
    return pledge


def same(one: Pledge, other: Pledge) -> bool:
    """Equal, partial dates' precision included (a date equals its PartialDate otherwise)."""
    return one == other and [u.date.isoformat() for u in one.updates] == [
        u.date.isoformat() for u in other.updates
    ]


@FEW
@given(pledge=pledges())
def test_what_tracker_writes_reads_back_as_it_was_meant(repo, pledge):
    for path in (repo.root / SLUG).glob("*.yaml"):
        path.unlink()
    repo.declaration(SLUG)
    path = write_as_tracker_does(repo.root, pledge)
    loaded = load(path)
    assert same(loaded, pledge)
    # and once more: read for writing, written back with no change, read
    text = path.read_text(encoding="utf-8")
    assert PledgeDocument(path, text).render() == text


# --- hand-written files, with comments ---------------------------------------------------------


def _scalar(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


@st.composite
def hand_written(draw) -> tuple[str, list[str]]:  # type: ignore[no-untyped-def]
    """A valid pledge file as a person writes it, with comments on their own lines and after
    values; returns the text and its comments."""
    pledge = draw(pledges())
    comments: list[str] = []

    def comment(indent: str = "") -> str:
        if not draw(st.booleans()):
            return ""
        text = f"# note {len(comments)}: {draw(words)}"
        comments.append(text)
        return f"{indent}{text}\n"

    def after() -> str:
        if not draw(st.booleans()):
            return ""
        text = f"# aside {len(comments)}"
        comments.append(text)
        return f"   {text}"

    lines = comment()
    lines += f"title: {_scalar(pledge.title)}{after()}\n"
    lines += comment()
    lines += f"status: {pledge.status}{after()}\n"
    for key in ("actors", "themes"):
        values = getattr(pledge, key)
        if not values:
            continue
        lines += comment()
        if draw(st.booleans()):
            lines += f"{key}: [{', '.join(map(_scalar, values))}]{after()}\n"
        else:
            lines += f"{key}:{after()}\n" + "".join(
                f"{comment('  ')}  - {_scalar(v)}{after()}\n" for v in values
            )
    if pledge.due:
        lines += f"{comment()}due: {pledge.due.isoformat()}{after()}\n"
    if pledge.links:
        lines += f"{comment()}links:{after()}\n"
        for link in pledge.links:
            lines += f"{comment('  ')}  - url: {link.url}{after()}\n"
            if link.title:
                lines += f"    title: {_scalar(link.title)}{after()}\n"
            if link.kind:
                lines += f"    kind: {link.kind}{after()}\n"
    if pledge.updates:
        lines += f"{comment()}updates:{after()}\n"
        for update in pledge.updates:
            lines += comment("  ")
            lines += f"  - date: {_scalar(update.date.isoformat())}{after()}\n"
            if update.status:
                lines += f"    status: {update.status}{after()}\n"
            if update.note:
                lines += f"    note: {_scalar(update.note)}{after()}\n"
            if update.links:
                lines += f"    links: [{', '.join(update.links)}]{after()}\n"
    lines += comment()
    return lines, comments


@FEW
@given(written=hand_written(), note=notes, status=st.sampled_from(STATUSES))
def test_update_keeps_any_valid_file_valid_with_its_comments_and_one_more_update(
    repo, written, note, status
):
    text, comments = written
    repo.declaration(SLUG)
    path = repo.pledge(SLUG, "1", "")
    path.write_text(text, encoding="utf-8")
    assert check_pledge_text(path, text) == []
    before = load(path)
    last = max((u.date for u in before.updates), default=DAY)
    when = max(last, DAY)

    record_update(repo.root, f"{SLUG}-1", status=status, note=note, date=when)

    after = path.read_text(encoding="utf-8")
    assert check_pledge_text(path, after) == []
    loaded = load(path)
    assert len(loaded.updates) == len(before.updates) + 1
    assert loaded.updates[-1] == Update(when, status, note)
    assert loaded.status == status
    assert same(
        Pledge(**{**vars_of(loaded), "status": before.status, "updates": loaded.updates[:-1]}),
        before,
    )
    for comment in comments:
        assert comment in after


def vars_of(pledge: Pledge) -> dict[str, object]:
    return {name: getattr(pledge, name) for name in Pledge.__dataclass_fields__}
