"""The progress report for the terminal (rich): tables with bars for shares, then the lists."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Mapping, Sequence
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
from .fit import STATUS_STYLE, STATUS_SYMBOL, Column, FittedTable, Step, symbols
from .layout import Layout, layout_for

if TYPE_CHECKING:
    from rich.console import RenderableType
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


def compact_counts(by_status: Mapping[str, int]) -> Text:
    """`3✓ 2◐ 6·`: each status's count and symbol (see fit.LEGEND), in the order of the
    vocabulary, coloured by status."""
    from rich.text import Text

    text = Text()
    for status in Status:
        count = by_status.get(status.value, 0)
        if count:
            if text:
                text.append(" ")
            symbol = STATUS_SYMBOL[status.value]
            text.append(f"{count}{symbol}", style=STATUS_STYLE[status.value])
    return text


def _bar(value: float | None) -> Text:
    """`███░░░░░░░  30%`: the completed share as a bar."""
    from rich.text import Text

    filled = round((value or 0) * BAR_WIDTH)
    bar = Text("█" * filled, style="green")
    bar.append("░" * (BAR_WIDTH - filled), style="dim")
    bar.append(f" {share(value):>4}")
    return bar


def _status_column(statuses: Sequence[str]) -> Column:
    from rich.text import Text

    return Column("status", [Text(s, style=STATUS_STYLE.get(s, "")) for s in statuses])


def _symbol_step(statuses: Sequence[str]) -> tuple[str, Column]:
    """The first step of every table with a status column: one symbol a status."""
    return ("status", Column("", symbols(statuses), legend=True))


def _breakdown(
    title: str, first: str, groups: Sequence[Group], total: Figures | None
) -> FittedTable:
    """A row per group: pledges, counts by status, completed share as a bar, score, overdue,
    stale; with `total`, a footer row for all pledges. As the terminal narrows: counts by
    status as symbols, the bar as its share, the date left out; then each name goes on a line
    of its own, over its row."""
    from rich.text import Text

    def shares(figures: Figures) -> Text:
        return Text(share(figures.completed_share), style="green" if figures.completed else "")

    cells: dict[str, Callable[[Figures], Text | str]] = {
        "pledges": lambda f: str(f.pledges),
        "by status": lambda f: status_counts(f.by_status),
        "completed": lambda f: _bar(f.completed_share),
        "score": lambda f: score(f.score),
        "overdue": lambda f: str(f.overdue),
        "stale": lambda f: str(f.stale),
        "compact": lambda f: compact_counts(f.by_status),
        "done": shares,
    }

    def column(name: str, header: str | None = None) -> Column:
        right = name in ("pledges", "score", "overdue", "stale", "done")
        return Column(
            header or name,
            [cells[name](group.figures) for group in groups],
            "right" if right else "left",
            footer=None if total is None else cells[name](total),
        )

    labels = [group.label for group in groups]
    footer = None if total is None else "all"
    columns = {first: Column(first, labels, wrap=True, footer=footer, narrowest=14)}
    if any(group.date for group in groups):
        # `(inferred)` goes under the date rather than widening the column
        dates = [declared(group) for group in groups]
        columns["date"] = Column("date", dates, cap=10, footer=None if total is None else "")
    for name in ("pledges", "by status", "completed", "score", "overdue", "stale"):
        columns[name] = column(name)
    compact = column("compact", "by status")
    compact.legend = True
    steps = [("by status", compact), ("completed", column("done")), ("date", None)]
    return FittedTable(columns, steps, title=title or None, text_first=True)


def _score_line(report: Report) -> RenderableType:
    """The score, then its formula indented under it (wrapped with the same indent)."""
    from rich.console import Group as RichGroup
    from rich.padding import Padding
    from rich.text import Text

    total = report.total
    line = Text("Compliance score: ", style="bold")
    thin = thin_score(total) and total.score is not None
    line.append(headline_score(total), style="dim" if thin else "")
    if thin:
        line.append(" (under a third of the pledges: read with care)", style="dim")
    explained = Text(formula(total.assessed), style="dim")
    return RichGroup(line, Padding(explained, (0, 0, 0, 2), expand=False))


def _pledges(title: str, states: Sequence[PledgeState], overdue: bool) -> FittedTable:
    """Pledges that need attention. As the terminal narrows: statuses as symbols; then the
    latest news left out (in a list of overdue pledges, first given as the days without news,
    which takes less room than the date they count from); then the due date; then each title
    goes on lines of its own."""
    pledges = [state.entry.pledge for state in states]
    statuses = [pledge.status for pledge in pledges]
    columns = {"id": Column("id", [state.entry.id for state in states])}
    columns["status"] = _status_column(statuses)
    if overdue:
        columns["due"] = Column("due", [p.due.isoformat() if p.due else "" for p in pledges])
        late = [f"{s.overdue_days} days" if s.overdue else "" for s in states]
        columns["overdue by"] = Column("overdue by", late, "right")
    columns["latest news"] = Column("latest news", [latest_news(state) for state in states])
    if not overdue:
        columns["days"] = Column("days", [quiet_days(state) for state in states], "right")
    columns["title"] = Column("title", [p.title for p in pledges], wrap=True)
    steps: list[Step] = [_symbol_step(statuses)]
    if overdue:
        quiet = Column("quiet days", [quiet_days(state) for state in states], "right")
        steps.append(("latest news", quiet))
    steps += [("due", None), ("latest news", None)]
    return FittedTable(columns, steps, title=title)


def _recent(report: Report, rows: int | None = None) -> FittedTable:
    """Recent updates, the newest `rows` of them (all without); as the terminal narrows,
    statuses as symbols, then each note goes on lines of its own."""
    items = report.recent[:rows]
    statuses = [item.update.status or "" for item in items]
    columns = {
        "date": Column("date", [item.update.date.isoformat() for item in items]),
        "id": Column("id", [item.state.entry.id for item in items]),
        "status": _status_column(statuses),
        "note": Column("note", [item.update.note or "" for item in items], wrap=True),
    }
    title = f"Updates in the last {report.recent_days} days ({len(report.recent)})"
    return FittedTable(columns, [_symbol_step(statuses)], title=title)


def _compliance(report: Report, rows: int | None = None) -> FittedTable:
    """The actor × pledge matrix: its first `rows` rows (all without), and the means over every
    row; too wide for the terminal, it is cut into several tables, each with the ids."""
    matrix = report.compliance
    shown = matrix.rows[:rows]
    columns = {
        "id": Column("id", [row.state.entry.id for row in shown], footer="mean"),
        **{
            actor: Column(
                actor,
                [assessment(row.scores.get(actor)) for row in shown],
                "right",
                footer=score(matrix.actor_means[actor]),
            )
            for actor in matrix.actors
        },
        "mean": Column(
            "mean",
            [score(row.mean) for row in shown],
            "right",
            footer=score(matrix.mean),
            style="bold",
        ),
    }
    return FittedTable(columns, title=f"Compliance by actor ({matrix.scores} assessments)")


def _changes(changes: Changes) -> Text:
    from rich.text import Text

    from .git_changes import changes_lines

    heading, *rest = changes_lines(changes)
    return Text(heading, style="bold") + Text("\n" + "\n".join(rest))


def _pledge_table(states: Sequence[PledgeState]) -> FittedTable:
    """Every pledge: status, due, latest news and its note. As the terminal narrows: statuses
    as symbols, then the latest news left out; then title and note go on lines of their own."""
    from rich.text import Text

    pledges = [state.entry.pledge for state in states]
    statuses = [pledge.status for pledge in pledges]

    def flagged(cell: Text, state: PledgeState) -> Text:
        return cell + Text(" stale", style="dim") if state.stale else cell

    plain = _status_column(statuses)
    plain.cells = [flagged(cell, state) for cell, state in zip(plain.cells, states, strict=True)]  # type: ignore[arg-type]
    short = Column("", [flagged(c, s) for c, s in zip(symbols(statuses), states, strict=True)])
    short.legend = True
    due = [
        Text(p.due.isoformat() if p.due else "", style="red" if s.overdue else "")
        for p, s in zip(pledges, states, strict=True)
    ]
    columns = {
        "id": Column("id", [state.entry.id for state in states]),
        "status": plain,
        "due": Column("due", due),
        "latest news": Column("latest news", [latest_news(state) for state in states]),
        "title": Column("title", [p.title for p in pledges], wrap=True),
        "latest note": Column(
            "latest note", [s.latest_note or "" for s in states], wrap=True, narrowest=20
        ),
    }
    steps = [("status", short), ("latest news", None)]
    return FittedTable(columns, steps, title=f"Pledges ({len(states)})")


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


# Lists of pledges (that `tracker list` gives whole), recent updates and the compliance matrix
# show this many rows in a terminal report: its length and cost stay the same however many
# pledges there are.
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

    def section(title: str, count: int, table: RenderableType, more: str = "") -> None:
        """A table of `count` rows (or a line saying there are none); when it shows only the
        first LIST_ROWS, `more` says what the rest are and where to find them."""
        parts.append(table if count else Text(f"{title}: none", style="bold"))
        if more and count > LIST_ROWS:
            parts.append(Text(f"  and {count - LIST_ROWS} {more}", style="dim"))
        parts.append(Text(""))

    def listed(title: str, states: Sequence[PledgeState], overdue: bool, flag: str) -> None:
        table = _pledges(f"{title} ({len(states)})", states[:LIST_ROWS], overdue)
        section(title, len(states), table, f"more: tracker list {flag}")

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
            listed(stale_title, report.stale, False, f"--stale {report.stale_days}")
        elif name == "attention":
            listed("Needs attention: overdue or stale", report.attention, True, "--attention")
        elif name == "recent":
            section(
                f"Updates in the last {report.recent_days} days",
                len(report.recent),
                _recent(report, LIST_ROWS),
                "older updates (--format html, markdown or json lists every one)",
            )
        elif name == "matrix":
            section(
                "Compliance by actor (assessments)",
                len(report.compliance.rows),
                _compliance(report, LIST_ROWS),
                "more pledges; the means are over all of them "
                "(--format html, markdown or json lists every row)",
            )
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
