"""Pledge lists and single pledges in every format: one entry point per use, one module per format.

`render_list` serves `tracker list`, `render_pledge` serves `tracker show`. Text formats come back
as text; the terminal table and the full pledge come back as rich renderables when the output is a
terminal, and as plain text (no box drawing, no colour, no trailing spaces) when it is not.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..model import Declaration, PledgeEntry, pledge_record
from .cells import NOTHING, TABLE_COLUMNS, table_row
from .data import json_list, to_json, to_yaml, yaml_list

if TYPE_CHECKING:
    from rich.console import RenderableType

LIST_FORMATS = ("text", "json", "csv", "yaml", "markdown", "ids")
SHOW_FORMATS = ("text", "json", "yaml")
_PLAIN_WIDTH = 400  # piped text is not wrapped to a terminal that is not there


def records(entries: Sequence[PledgeEntry]) -> list[dict[str, Any]]:
    """Flat pledge records (see README, "JSON fields")."""
    return [pledge_record(entry) for entry in entries]


def as_json(entries: Iterable[PledgeEntry]) -> str:
    """A list of flat pledge records; `[]` when there is none."""
    return "".join(json_list(map(pledge_record, entries)))


def as_yaml(entries: Iterable[PledgeEntry]) -> str:
    """The JSON records as a YAML list; `[]` when there is none."""
    return "".join(yaml_list(map(pledge_record, entries)))


# The formats that need no pledge but the one they write: `tracker list` builds and writes
# these a pledge at a time (stream_list).
STREAMED_FORMATS = ("json", "yaml", "csv")


def stream_list(entries: Iterable[PledgeEntry], fmt: str) -> Iterator[str]:
    """`render_list` of a format of STREAMED_FORMATS, in pieces: with `entries` built as they
    are asked for, a list of any length holds one pledge at a time (the text is the same)."""
    if fmt == "csv":
        from .pledge_csv import csv_lines

        return csv_lines(entries)
    dump = json_list if fmt == "json" else yaml_list
    return dump(map(pledge_record, entries))


def as_ids(ids: Sequence[str]) -> str:
    """One id a line, for xargs."""
    return "".join(pledge_id + "\n" for pledge_id in ids)


# Columns of days that `tracker list` adds before the title when a filter or sort asks about
# them: days past the due date, and days without news.
DAY_COLUMNS = ("overdue", "quiet")
Days = Mapping[str, Sequence[str]]  # a day column's name → its cell for each entry, in order


def day_cells(
    entries: Sequence[PledgeEntry],
    columns: Sequence[str],
    today: dt.date,
    declared: Mapping[str, dt.date | None],
) -> dict[str, list[str]]:
    """The cells of the day `columns` asked for: `412d`, or `` when not overdue; a pledge with
    no date to count its silence from is quiet for `no date`."""
    from ..query import overdue_days, quiet_days

    def late(entry: PledgeEntry) -> str:
        days = overdue_days(entry, today)
        return "" if days is None else f"{days}d"

    def quiet(entry: PledgeEntry) -> str:
        days = quiet_days(entry, today, declared.get(entry.declaration))
        return "no date" if days is None else f"{days}d"

    cell = {"overdue": late, "quiet": quiet}
    return {name: [cell[name](entry) for entry in entries] for name in columns}


def _rows(
    entries: Sequence[PledgeEntry], days: Days, declared: Mapping[str, dt.date | None]
) -> list[tuple[str, ...]]:
    """The header and a row per pledge: TABLE_COLUMNS with the day columns before the title."""
    from .controls import visible

    header = (*TABLE_COLUMNS[:-1], *days, TABLE_COLUMNS[-1])
    rows: list[tuple[str, ...]] = [header]
    for index, entry in enumerate(entries):
        *first, title = map(visible, table_row(entry, declared.get(entry.declaration)))
        rows.append((*first, *(cells[index] for cells in days.values()), title))
    return rows


def plain_table(
    entries: Sequence[PledgeEntry],
    days: Days | None = None,
    declared: Mapping[str, dt.date | None] | None = None,
) -> str:
    """The table as aligned plain text for pipes and files: a header line, a row per pledge."""
    if not entries:
        return NOTHING + "\n"
    rows = _rows(entries, days or {}, declared or {})
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]) - 1)]
    right = {index for index, name in enumerate(rows[0]) if name in DAY_COLUMNS}
    lines = []
    for row in rows:
        cells = [
            text.rjust(width) if index in right and row is not rows[0] else text.ljust(width)
            for index, (text, width) in enumerate(zip(row, widths, strict=False))
        ]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines) + "\n"


def plain_text(renderable: RenderableType) -> str:
    """A rich renderable as text without styles or trailing spaces."""
    from rich.console import Console

    from .controls import safe_renderable

    width = None if "COLUMNS" in os.environ else _PLAIN_WIDTH
    out = io.StringIO()
    console = Console(
        file=out, width=width, no_color=True, markup=False, highlight=False, emoji=False
    )
    console.print(safe_renderable(renderable))
    return "".join(line.rstrip() + "\n" for line in out.getvalue().splitlines())


def render_list(
    entries: Sequence[PledgeEntry],
    fmt: str,
    today: dt.date,
    *,
    terminal: bool = False,
    days: Days | None = None,
    declared: Mapping[str, dt.date | None] | None = None,
) -> str | RenderableType:
    """`entries` in `fmt` (one of LIST_FORMATS). `terminal`: stdout is a terminal, so the table
    may be a rich one, fitted to its width. `days`: day columns for the table (see
    `day_cells`). `declared`: the declarations' dates, so that `updated` skips background."""
    if fmt == "text":
        if not terminal:
            return plain_table(entries, days, declared)
        from .terminal import pledge_table

        return pledge_table(entries, today, days or {}, declared or {})
    if fmt == "csv":
        from .pledge_csv import as_csv

        return as_csv(entries)
    if fmt == "markdown":
        from .pledge_markdown import as_markdown

        return as_markdown(entries, declared or {})
    if fmt == "ids":
        return as_ids([entry.id for entry in entries])
    renderer = {"json": as_json, "yaml": as_yaml}[fmt]
    return renderer(entries)


def pledge_full_record(
    entry: PledgeEntry, related: Mapping[str, PledgeEntry | None]
) -> dict[str, Any]:
    """The `list` record of one pledge, plus `related_pledges`: each related id with its title
    and status (null when the pledge cannot be found or read)."""
    record = pledge_record(entry)
    record["related_pledges"] = [
        {
            "id": other_id,
            "title": other.pledge.title if other else None,
            "status": other.pledge.status if other else None,
        }
        for other_id in entry.pledge.related
        for other in [related.get(other_id)]
    ]
    return record


def render_pledge(
    entry: PledgeEntry,
    fmt: str,
    *,
    label: str,
    related: Mapping[str, PledgeEntry | None],
    today: dt.date,
    terminal: bool = False,
    declaration: Declaration | None = None,
) -> str | RenderableType:
    """One pledge in `fmt` (one of SHOW_FORMATS); `label` names its declaration."""
    if fmt == "json":
        return to_json(pledge_full_record(entry, related))
    if fmt == "yaml":
        return to_yaml(pledge_full_record(entry, related))
    from .terminal import pledge_detail

    detail = pledge_detail(entry, label, related, today, declaration)
    return detail if terminal else plain_text(detail)
