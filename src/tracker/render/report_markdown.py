"""The progress report as GitHub-flavoured Markdown, sized for a `$GITHUB_STEP_SUMMARY`.

Every string that comes from the data is escaped so that it renders as the text it is: a title
such as `<script>…</script>` or `[x](javascript:…)` cannot become HTML or a link. Only http(s)
URLs become links.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..model import STATUS_MEANING, Status
from ..report import Figures, Group, PledgeState, Report
from .cells import (
    ASSESSMENT_NOTE,
    assessment,
    declared,
    evidence,
    formula,
    headline_score,
    latest_news,
    plural,
    quiet_days,
    score,
    share,
    thin_score,
)
from .layout import Layout, layout_for
from .markdown import escape, link

if TYPE_CHECKING:
    from ..history import Changes

STATUS_EMOJI = {
    "completed": "🟢",
    "partial": "🔵",
    "in-progress": "🟡",
    "not-started": "🔴",
    "stalled": "🟣",
    "dropped": "⚫",
    "unassessed": "⚪",
}


def status(name: str) -> str:
    return f"{STATUS_EMOJI.get(name, '')} {escape(name)}".strip()


def legend() -> str:
    return " · ".join(f"{STATUS_EMOJI[s.value]} {s.value}" for s in Status)


def _counts(figures: Figures, flavour: str = "github") -> str:
    """`🟢 1 · 🟡 1 · ⚪ 1`; in the plain flavour `1 completed, 1 in-progress, 1 unassessed`."""
    if flavour != "github":
        return ", ".join(
            f"{figures.by_status[s.value]} {s.value}"
            for s in Status
            if figures.by_status.get(s.value)
        )
    return " · ".join(
        f"{STATUS_EMOJI[s.value]} {figures.by_status[s.value]}"
        for s in Status
        if figures.by_status.get(s.value)
    )


def _table(header: Sequence[str], align: str, rows: Iterable[Sequence[str]]) -> list[str]:
    """A GFM table; `align` has one letter per column: l(eft) or r(ight)."""
    rule = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(rule) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _breakdown(
    first: str, groups: Sequence[Group], total: Figures | None, flavour: str = "github"
) -> list[str]:
    with_dates = any(group.date for group in groups)
    header = [first, *(["date"] if with_dates else [])]
    header += ["pledges", "by status", "completed", "score", "overdue", "stale"]

    def cells(figures: Figures) -> list[str]:
        return [
            str(figures.pledges),
            _counts(figures, flavour),
            share(figures.completed_share),
            score(figures.score),
            str(figures.overdue),
            str(figures.stale),
        ]

    rows = [
        [
            escape(group.label),
            *([declared(group)] if with_dates else []),
            *cells(group.figures),
        ]
        for group in groups
    ]
    if total is not None:
        rows.append(["**all**", *([""] if with_dates else []), *cells(total)])
    return _table(header, "l" * (1 + with_dates) + "rlrrrr", rows)


def _details(summary: str, lines: list[str]) -> list[str]:
    """A folded section: long lists stay out of the way in a job summary."""
    return ["<details>", f"<summary>{summary}</summary>", "", *lines, "", "</details>"]


def _pledge_list(states: Sequence[PledgeState], overdue: bool, flavour: str) -> list[str]:
    """The overdue pledges (with due date and delay) or the stale ones (with days quiet)."""
    if overdue:
        header, align = ["pledge", "title", "status", "due", "overdue by", "latest news"], "lllrrl"
    else:
        header, align = ["pledge", "title", "status", "latest news", "days"], "llllr"
    rows = []
    for state in states:
        pledge = state.entry.pledge
        row = [state.entry.id, escape(pledge.title), _status(pledge.status, flavour)]
        if overdue:
            row += [pledge.due.isoformat() if pledge.due else "", f"{state.overdue_days} days"]
        row.append(latest_news(state))
        if not overdue:
            row.append(quiet_days(state))
        rows.append(row)
    return _table(header, align, rows)


def _recent(report: Report, flavour: str) -> list[str]:
    return _table(
        ["date", "pledge", "status", "note", "links"],
        "lllll",
        (
            [
                item.update.date.isoformat(),
                f"{item.state.entry.id}: {escape(item.state.entry.pledge.title)}",
                _status(item.update.status, flavour) if item.update.status else "",
                escape(item.update.note or ""),
                " ".join(link(f"[{n}]", url) for n, url in enumerate(item.update.links, 1)),
            ]
            for item in report.recent
        ),
    )


def _compliance(report: Report) -> list[str]:
    matrix = report.compliance
    header = ["pledge", *(escape(actor) for actor in matrix.actors), "mean"]
    rows = [
        [
            row.state.entry.id,
            *(assessment(row.scores.get(a)) for a in matrix.actors),
            score(row.mean),
        ]
        for row in matrix.rows
    ]
    rows.append(
        ["**mean**", *(score(matrix.actor_means[a]) for a in matrix.actors), score(matrix.mean)]
    )
    return [*_table(header, "l" + "r" * (len(matrix.actors) + 1), rows), "", ASSESSMENT_NOTE]


def _section(heading: str, count: int, body: list[str]) -> list[str]:
    return [f"### {heading}", "", *(body if count else ["None."]), ""]


def _pledges(states: Sequence[PledgeState], flavour: str) -> list[str]:
    """Every pledge once: status, due, latest news and note, and its evidence links."""
    rows = []
    for state in states:
        pledge = state.entry.pledge
        due = pledge.due.isoformat() if pledge.due else ""
        marks = [*(["overdue"] if state.overdue else []), *(["stale"] if state.stale else [])]
        rows.append(
            [
                state.entry.id,
                escape(pledge.title),
                _status(pledge.status, flavour) + (f" ({', '.join(marks)})" if marks else ""),
                due,
                latest_news(state),
                escape(state.latest_note or ""),
                " ".join(link(label, url) for label, url in evidence(state)),
            ]
        )
    header = ["pledge", "title", "status", "due", "latest news", "latest note", "evidence"]
    return _table(header, "lllllll", rows)


def _attention(states: Sequence[PledgeState], flavour: str) -> list[str]:
    """Overdue or stale pledges, each once, with why."""
    rows = []
    for state in states:
        pledge = state.entry.pledge
        why = []
        if state.overdue:
            why.append(f"overdue by {state.overdue_days} days")
        if state.stale:
            why.append(f"no news for {quiet_days(state)} days" if state.quiet_days else "no date")
        rows.append(
            [
                state.entry.id,
                escape(pledge.title),
                _status(pledge.status, flavour),
                pledge.due.isoformat() if pledge.due else "",
                latest_news(state),
                "; ".join(why),
            ]
        )
    return _table(["pledge", "title", "status", "due", "latest news", "why"], "llllll", rows)


def _timeline(report: Report) -> list[str]:
    """Declarations by date, then those without one."""

    def line(when: str, group: Group) -> str:
        name = escape(group.title or group.label)
        return f"- {when}: {name} ({plural(group.figures.pledges, 'pledge')})"

    dated = [g for g in report.declarations if g.date and g.figures.pledges]
    dated.sort(key=lambda g: g.date or dt.date.min)
    lines = [line(declared(group), group) for group in dated if group.date]
    return lines + [line("undated", group) for group in report.undated]


def _status(name: str, flavour: str) -> str:
    return status(name) if flavour == "github" else escape(name)


def _fold(summary: str, lines: list[str], flavour: str) -> list[str]:
    return _details(summary, lines) if flavour == "github" else lines


def render(report: Report, changes: Changes | None = None, layout: Layout | None = None) -> str:
    """The report as Markdown: `github` flavour (emoji, folded long tables, small print) for a job
    summary, or `plain` (no HTML, no emoji) for pandoc to turn into a document."""
    layout = layout or layout_for(report, "markdown")
    flavour = layout.flavour
    out = [f"## {escape(layout.title)} as of {report.as_of.isoformat()}", ""]
    scope = [
        f"{kind} {' or '.join(escape(name) for name in names)}"
        for kind, names in report.narrowing.parts()
    ]
    if scope:
        out += [f"Narrowed to {'; '.join(scope)}.", ""]
    if not report.pledges:
        return "\n".join([*out, "No pledges match.", ""])
    for name in layout.sections:
        out += _markdown_section(name, report, flavour)
        if name == "declarations" and changes is not None:
            out += _changes_lines(changes)
    if changes is not None and "declarations" not in layout.sections:
        out += _changes_lines(changes)
    if flavour == "github":
        out += [f"<sub>{_status_meanings(flavour)}</sub>", ""]
    else:
        out += [f"Statuses: {_status_meanings(flavour)}.", ""]
    return "\n".join(out)


def _changes_lines(changes: Changes) -> list[str]:
    from .git_changes import changes_markdown

    return list(changes_markdown(changes, level=3))


def _markdown_section(name: str, report: Report, flavour: str) -> list[str]:
    total = report.total
    if name == "summary":
        declarations = len([g for g in report.declarations if g.figures.pledges])
        headline = headline_score(total)
        if thin_score(total) and total.score is not None:
            headline += " (under a third of the pledges: read with care)"
        return [
            f"**{plural(total.pledges, 'pledge')}** in {plural(declarations, 'declaration')}: "
            f"{total.completed} completed ({share(total.completed_share)}), "
            f"{total.overdue} overdue, {total.stale} stale "
            f"(open, no news for {report.stale_days} days or more).",
            "",
            f"Compliance score: {headline}; the {formula(total.assessed)}.",
            "",
        ]
    if name == "declarations":
        table = _breakdown("declaration", report.declarations, total, flavour)
        legend_line = [f"Legend: {legend()}.", ""] if flavour == "github" else []
        return [*_section("By declaration", 1, table), *legend_line]
    if name == "timeline":
        return _section("Timeline", len(report.declarations), _timeline(report))
    if name == "pledges":
        states = report.pledges
        return _section(f"Pledges ({len(states)})", len(states), _pledges(states, flavour))
    if name == "overdue":
        overdue = report.overdue
        return _section(
            f"Overdue ({len(overdue)})", len(overdue), _pledge_list(overdue, True, flavour)
        )
    if name == "stale":
        stale = report.stale
        return _section(
            f"Stale: open, no news for {report.stale_days} days or more ({len(stale)})",
            len(stale),
            _fold(plural(len(stale), "stale pledge"), _pledge_list(stale, False, flavour), flavour),
        )
    if name == "attention":
        found = report.attention
        return _section(
            f"Needs attention: overdue or stale ({len(found)})",
            len(found),
            _attention(found, flavour),
        )
    if name == "recent":
        recent = report.recent
        return _section(
            f"Updates in the last {report.recent_days} days ({len(recent)})",
            len(recent),
            _recent(report, flavour),
        )
    if name == "matrix":
        matrix = report.compliance
        return _section(
            f"Compliance by actor ({plural(matrix.scores, 'assessment')})",
            len(matrix.rows),
            _compliance(report),
        )
    kind = name[:-1]  # themes, actors
    groups = report.themes if name == "themes" else report.actors
    table = _fold(plural(len(groups), kind), _breakdown(kind, groups, None, flavour), flavour)
    return _section(f"By {kind}", len(groups), table)


def _status_meanings(flavour: str) -> str:
    mark = (lambda name: f"{STATUS_EMOJI[name]} ") if flavour == "github" else (lambda name: "")
    return "; ".join(f"{mark(s.value)}{s.value}: {STATUS_MEANING[s.value]}" for s in Status)
