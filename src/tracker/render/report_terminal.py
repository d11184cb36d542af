"""The progress report for the terminal (rich): tables with bars for shares, then the lists."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..model import Status
from ..report import Figures, Group, PledgeState, Report
from .cells import (
    assessment,
    declared,
    formula,
    headline_score,
    latest_news,
    quiet_days,
    score,
    share,
    thin_score,
)
from .controls import safe_renderable
from .fit import STATUS_STYLE
from .layout import Layout, layout_for

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table
    from rich.text import Text

    from ..history import Changes

BAR_WIDTH = 10


def status_counts(by_status: Mapping[str, int]) -> Text:
    """`3 completed · 8 unassessed`, in the order of the vocabulary, coloured by status."""
    from rich.text import Text

    text = Text()
    for status in Status:
        count = by_status.get(status.value, 0)
        if count:
            if text:
                text.append(" · ", style="dim")
            text.append(f"{count} {status.value}", style=STATUS_STYLE[status.value])
    return text


def _bar(value: float | None) -> Text:
    """`███░░░░░░░  30%`: the completed share as a bar."""
    from rich.text import Text

    filled = round((value or 0) * BAR_WIDTH)
    bar = Text("█" * filled, style="green")
    bar.append("░" * (BAR_WIDTH - filled), style="dim")
    bar.append(f" {share(value):>4}")
    return bar


def _table(title: str, first: str) -> Table:
    from rich import box
    from rich.table import Table

    table = Table(
        title=title,
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )
    table.add_column(first, no_wrap=True)
    return table


def _breakdown(title: str, first: str, groups: Sequence[Group], total: Figures | None) -> Table:
    """A row per group: pledges, counts by status, completed share as a bar, score, overdue,
    stale; with `total`, a footer row for all pledges."""
    table = _table(title, first)
    with_dates = any(group.date for group in groups)
    if with_dates:
        # `(inferred)` goes under the date rather than widening the column
        table.add_column("date", min_width=10, max_width=10)
    table.add_column("pledges", justify="right")
    table.add_column("by status")
    table.add_column("completed", no_wrap=True)
    table.add_column("score", justify="right")
    table.add_column("overdue", justify="right")
    table.add_column("stale", justify="right")

    def cells(figures: Figures) -> list[RenderableType]:
        return [
            str(figures.pledges),
            status_counts(figures.by_status),
            _bar(figures.completed_share),
            score(figures.score),
            str(figures.overdue),
            str(figures.stale),
        ]

    for group in groups:
        date = [declared(group)] if with_dates else []
        table.add_row(group.label, *date, *cells(group.figures))
    if total is not None:
        table.show_footer = True
        for column, cell in zip(
            table.columns, ["all", *([""] if with_dates else []), *cells(total)], strict=True
        ):
            column.footer = cell
    return table


def _score_line(report: Report) -> Text:
    from rich.text import Text

    total = report.total
    line = Text("Compliance score: ", style="bold")
    thin = thin_score(total) and total.score is not None
    line.append(headline_score(total), style="dim" if thin else "")
    if thin:
        line.append(" (under a third of the pledges: read with care)", style="dim")
    line.append(f"\n  {formula(total.assessed)}", style="dim")
    return line


def _pledges(title: str, states: Sequence[PledgeState], overdue: bool) -> Table:
    from rich.text import Text

    table = _table(title, "id")
    table.add_column("status", no_wrap=True)
    if overdue:
        table.add_column("due", no_wrap=True)
        table.add_column("overdue by", justify="right", no_wrap=True)
    table.add_column("latest news", no_wrap=True)
    if not overdue:
        table.add_column("days", justify="right")
    table.add_column("title", overflow="fold")
    for state in states:
        pledge = state.entry.pledge
        status = Text(pledge.status, style=STATUS_STYLE.get(pledge.status, ""))
        news = latest_news(state)
        row: list[Text | str]
        if overdue:
            due = pledge.due.isoformat() if pledge.due else ""
            late = f"{state.overdue_days} days" if state.overdue else ""
            row = [status, due, late, news]
        else:
            row = [status, news, quiet_days(state)]
        table.add_row(state.entry.id, *row, pledge.title)
    return table


def _recent(report: Report) -> Table:
    from rich.text import Text

    table = _table(f"Updates in the last {report.recent_days} days ({len(report.recent)})", "date")
    table.add_column("id", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("note", overflow="fold")
    for item in report.recent:
        status = item.update.status or ""
        table.add_row(
            item.update.date.isoformat(),
            item.state.entry.id,
            Text(status, style=STATUS_STYLE.get(status, "")),
            item.update.note or "",
        )
    return table


def _compliance(report: Report, rows: int | None = None) -> Table:
    """The matrix: its first `rows` rows (all without), and the means over every row."""
    matrix = report.compliance
    table = _table(f"Compliance by actor ({matrix.scores} assessments)", "id")
    for actor in matrix.actors:
        table.add_column(actor, justify="right")
    table.add_column("mean", justify="right", style="bold")
    for row in matrix.rows[:rows]:
        cells = [assessment(row.scores.get(a)) for a in matrix.actors]
        table.add_row(row.state.entry.id, *cells, score(row.mean))
    table.show_footer = True
    footers = ["mean", *(score(matrix.actor_means[a]) for a in matrix.actors), score(matrix.mean)]
    for column, footer in zip(table.columns, footers, strict=True):
        column.footer = footer
    return table


def _changes(changes: Changes) -> Text:
    from rich.text import Text

    from .git_changes import changes_lines

    heading, *rest = changes_lines(changes)
    return Text(heading, style="bold") + Text("\n" + "\n".join(rest))


def _pledge_table(states: Sequence[PledgeState]) -> Table:
    """Every pledge: status, due, latest news and its note."""
    from rich.text import Text

    table = _table(f"Pledges ({len(states)})", "id")
    table.add_column("status", no_wrap=True)
    table.add_column("due", no_wrap=True)
    table.add_column("latest news", no_wrap=True)
    table.add_column("title", overflow="fold")
    table.add_column("latest note", overflow="fold")
    for state in states:
        pledge = state.entry.pledge
        status = Text(pledge.status, style=STATUS_STYLE.get(pledge.status, ""))
        if state.stale:
            status.append(" stale", style="dim")
        due = Text(pledge.due.isoformat() if pledge.due else "")
        if state.overdue:
            due.stylize("red")
        table.add_row(
            state.entry.id, status, due, latest_news(state), pledge.title, state.latest_note or ""
        )
    return table


def _timeline(report: Report) -> Text:
    from rich.text import Text

    text = Text("Timeline", style="bold")
    dated = sorted(
        (g for g in report.declarations if g.date and g.figures.pledges),
        key=lambda g: g.date or dt.date.min,
    )
    for group in [*dated, *report.undated]:
        when = declared(group) or "undated"
        text.append(f"\n  {when:<10}  {group.label} ({group.figures.pledges})")
    return text


# Lists of pledges (that `tracker list` gives whole) and the compliance matrix show this many rows
# in a terminal report: its cost stays the same however many pledges there are.
LIST_ROWS = 20


def summary(
    report: Report, changes: Changes | None = None, layout: Layout | None = None
) -> RenderableType:
    """The report's sections in the order of `layout` (default: summary, declarations, pledges
    that need attention, recent updates, the compliance matrix, per theme and per actor), with
    what moved since a revision after the declarations (with `changes`)."""
    from rich.console import Group as RichGroup
    from rich.text import Text

    layout = layout or layout_for(report, "text")
    heading = Text(f"{layout.title} as of {report.as_of.isoformat()}", style="bold")
    for kind, names in report.narrowing.parts():
        heading.append(f" · {kind} {' or '.join(names)}", style="dim")
    if not report.pledges:
        return RichGroup(heading, Text(""), Text("No pledges match.", style="dim"))
    parts: list[RenderableType] = [heading, Text("")]

    def section(title: str, count: int, table: RenderableType) -> None:
        parts.append(table if count else Text(f"{title}: none", style="bold"))
        parts.append(Text(""))

    def listed(title: str, states: Sequence[PledgeState], overdue: bool, flag: str) -> None:
        shown = states[:LIST_ROWS]
        section(title, len(states), _pledges(f"{title} ({len(states)})", shown, overdue))
        if len(states) > len(shown):
            more = f"  … {len(states) - len(shown)} more: tracker list {flag}"
            parts.insert(-1, Text(more, style="dim"))

    stale_title = f"Stale: open, no news for {report.stale_days} days or more"
    for name in layout.sections:
        if name == "summary":
            parts += [_score_line(report), Text("")]
        elif name == "declarations":
            parts += [_breakdown("", "declaration", report.declarations, report.total), Text("")]
            if changes is not None:
                parts += [_changes(changes), Text("")]
        elif name == "timeline":
            parts += [_timeline(report), Text("")]
        elif name == "pledges":
            parts += [_pledge_table(report.pledges), Text("")]
        elif name == "overdue":
            listed("Overdue", report.overdue, True, "--overdue")
        elif name == "stale":
            listed(stale_title, report.stale, False, "--stale")
        elif name == "attention":
            listed("Needs attention: overdue or stale", report.attention, True, "--attention")
        elif name == "recent":
            section(
                f"Updates in the last {report.recent_days} days",
                len(report.recent),
                _recent(report),
            )
        elif name == "matrix":
            matrix = report.compliance.rows
            section(
                "Compliance by actor (assessments)", len(matrix), _compliance(report, LIST_ROWS)
            )
            if len(matrix) > LIST_ROWS:
                more = f"  … {len(matrix) - LIST_ROWS} more pledges; the means are over all of them"
                more += " (--format html, markdown or json lists every row)"
                parts.insert(-1, Text(more, style="dim"))
        elif name in ("themes", "actors"):
            kind = name[:-1]
            groups = report.themes if name == "themes" else report.actors
            section(f"By {kind}", len(groups), _breakdown(f"By {kind}", kind, groups, None))
    if changes is not None and "declarations" not in layout.sections:
        parts += [_changes(changes), Text("")]
    return RichGroup(*parts[:-1])  # no blank line at the end


def as_text(
    report: Report, changes: Changes | None = None, layout: Layout | None = None, width: int = 120
) -> str:
    """The terminal report as plain text (no colour), for `--output FILE`."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer, width=width, color_system=None, markup=False, highlight=False, emoji=False
    )
    console.print(safe_renderable(summary(report, changes, layout)))
    return buffer.getvalue()
