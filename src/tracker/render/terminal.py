"""rich renderables for the terminal: pledge tables, one pledge in full, the progress summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..model import LINK_KINDS, STATUS_MEANING, Declaration, PledgeEntry, before
from .fit import STATUS_STYLE

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text


def _status(status: str) -> Text:
    from rich.text import Text

    return Text(status, style=STATUS_STYLE.get(status, ""))


def pledge_table(
    entries: Sequence[PledgeEntry],
    today: dt.date,
    days: Mapping[str, Sequence[str]],
    declared: Mapping[str, dt.date | None] | None = None,
) -> RenderableType:
    """The list table for a terminal, fitted to its width: statuses coloured, overdue due dates
    in bold red, titles wrapped; a column no pledge fills is left out (see FittedTable). As the
    terminal narrows: statuses become symbols (with a legend), then `updated`, `due` and `quiet`
    go, in that order; the id, the overdue days and the status always stay."""
    from rich.text import Text

    from .cells import NOTHING, table_row
    from .fit import Column, FittedTable, symbols

    if not entries:
        return Text(NOTHING, style="dim")
    dates = declared or {}
    rows = [table_row(entry, dates.get(entry.declaration)) for entry in entries]
    statuses = [row[1] for row in rows]
    due = [
        Text(row[2], style="bold red" if entry.pledge.is_overdue(today) else "")
        for row, entry in zip(rows, entries, strict=True)
    ]
    columns = {
        "id": Column("id", [row[0] for row in rows]),
        "status": Column("status", [_status(status) for status in statuses]),
        "due": Column("due", due),
        "updated": Column("updated", [row[3] for row in rows]),
        **{name: Column(name, cells, justify="right") for name, cells in days.items()},
        "title": Column("title", [row[4] for row in rows], wrap=True),
    }
    steps = [
        ("status", Column("", symbols(statuses), legend=True)),
        ("updated", None),
        ("due", None),
        ("quiet", None),
    ]
    return FittedTable(columns, steps)


def pledge_detail(
    entry: PledgeEntry,
    label: str,
    related: Mapping[str, PledgeEntry | None],
    today: dt.date,
    declaration: Declaration | None = None,
) -> RenderableType:
    """One pledge in full: what was promised, by whom, where it stands, and what happened. A
    value that no source states is marked `(inferred)`, and its basis is given at the end. Each
    update, link, assessment and related pledge that wraps (in a terminal, or piped with
    COLUMNS set) hangs under its text."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    from .wrap import Hanging

    pledge = entry.pledge
    inferred = pledge.inferred or {}
    declared_inferred = (declaration.inferred or {}) if declaration else {}

    def marked(name: str, value: str, *, of_declaration: bool = False) -> Text:
        text = Text(value)
        if name in (declared_inferred if of_declaration else inferred):
            text.append(" (inferred)", style="dim")
        return text

    parts: list[RenderableType] = [marked("title", pledge.title)]
    parts[0].stylize("bold", 0, len(pledge.title))  # type: ignore[union-attr]
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim", no_wrap=True)
    facts.add_column()
    facts.add_row("id", entry.id)
    facts.add_row("declaration", f"{label} ({entry.declaration}), no. {entry.number}")
    if declaration is not None and declaration.date is not None:
        facts.add_row("declared", marked("date", declaration.date.isoformat(), of_declaration=True))
    status = _status(pledge.status)
    status.append(f"  {STATUS_MEANING[pledge.status]}", style="dim")
    facts.add_row("status", status)
    if pledge.actors:
        facts.add_row("actors", marked("actors", ", ".join(pledge.actors)))
    if pledge.themes:
        facts.add_row("themes", marked("themes", ", ".join(pledge.themes)))
    if pledge.due:
        due = marked("due", pledge.due.isoformat())
        if pledge.is_overdue(today):
            due.append(f"  overdue by {(today - pledge.due).days} days", style="bold red")
        facts.add_row("due", due)
    parts.append(facts)
    if pledge.summary:
        parts += [Text(""), marked("summary", pledge.summary)]
    if pledge.updates:
        parts += [Text(""), Text("Updates (newest first)", style="bold")]
        ordered = sorted(enumerate(pledge.updates), key=lambda p: (p[1].date, p[0]), reverse=True)
        for _, update in ordered:
            line = Text(f"{update.date.isoformat():<10}  ")
            if update.status:
                line.append_text(_status(update.status))
                line.append("  ")
            indent = line.cell_len
            line.append(update.note or "")
            if declaration is not None and before(update.date, declaration.date):
                line.append("  (before the declaration: background, not progress)", style="dim")
            parts.append(Hanging(line, indent))
            parts.extend(Padding(Text(url, style="blue"), (0, 0, 0, 12)) for url in update.links)
    if pledge.links:
        parts += [Text(""), Text("Links", style="bold")]
        kinds = [*LINK_KINDS, None]
        for link in sorted(pledge.links, key=lambda link: kinds.index(link.kind)):
            line = Text(f"{link.kind or 'link':<10}  ", style="dim")
            line.append(link.title or link.url, style="" if link.title else "blue")
            parts.append(Hanging(line, 12))
            if link.title:
                parts.append(Padding(Text(link.url, style="blue"), (0, 0, 0, 12)))
    if pledge.assessments:
        parts += [
            Text(""),
            Text("Assessments (newest first; +1 complied, 0 partly, −1 not)", style="bold"),
        ]
        undated = dt.date.min
        newest_first = sorted(
            enumerate(pledge.assessments),
            key=lambda p: (p[1].date or undated, p[0]),
            reverse=True,
        )
        for _, assessment in newest_first:
            when = assessment.date.isoformat() if assessment.date else "undated"
            line = Text(f"{when:<10}  {assessment.score:+d}  ".replace("+0", " 0"))
            indent = line.cell_len
            line.append(assessment.actor, style="bold")
            if assessment.note:
                line.append(f"  {assessment.note}")
            parts.append(Hanging(line, indent))
            parts.extend(
                Padding(Text(url, style="blue"), (0, 0, 0, 12)) for url in assessment.links
            )
    if pledge.related:
        parts += [Text(""), Text("Related", style="bold")]
        for other_id in pledge.related:
            other = related.get(other_id)
            line = Text(f"{other_id}  ")
            if other:
                line.append_text(_status(other.pledge.status))
                line.append("  ")
                indent = line.cell_len
                line.append(other.pledge.title)
            else:
                indent = line.cell_len
                line.append("(not found)", style="red")
            parts.append(Hanging(line, indent))
    if pledge.original:
        language = f" ({pledge.original.language})" if pledge.original.language else ""
        parts += [
            Text(""),
            Text(f"Original text{language}", style="bold"),
            Text(pledge.original.text, style="italic"),
        ]
    if inferred or declared_inferred:
        parts += [
            Text(""),
            Text("Inferred (no source states these; the basis of each)", style="bold"),
        ]
        bases = [(f"declaration {name}", basis) for name, basis in declared_inferred.items()]
        bases += list(inferred.items())
        table = Table.grid(padding=(0, 2))
        table.add_column(style="dim", no_wrap=True)
        table.add_column()
        for name, basis in bases:
            table.add_row(name, basis)
        parts.append(table)
    return Group(*parts)
