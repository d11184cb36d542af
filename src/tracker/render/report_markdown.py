"""The progress report as GitHub-flavoured Markdown, sized for a `$GITHUB_STEP_SUMMARY`.

Every string that comes from the data is escaped so that it renders as the text it is: a title
such as `<script>…</script>` or `[x](javascript:…)` cannot become HTML or a link. Only http(s)
URLs become links.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..model import STATUS_MEANING, Status
from ..report import Figures, Group, PledgeState, Report
from .markdown import escape, link
from .reports import (
    ASSESSMENT_NOTE,
    assessment,
    declared,
    formula,
    latest_news,
    overall_score,
    plural,
    quiet_days,
    score,
    share,
)

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


def _counts(figures: Figures) -> str:
    """`🟢 1 · 🟡 1 · ⚪ 1`"""
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


def _breakdown(first: str, groups: Sequence[Group], total: Figures | None) -> list[str]:
    with_dates = any(group.date for group in groups)
    header = [first, *(["date"] if with_dates else [])]
    header += ["pledges", "by status", "completed", "score", "overdue", "stale"]

    def cells(figures: Figures) -> list[str]:
        return [
            str(figures.pledges),
            _counts(figures),
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


def _pledge_list(states: Sequence[PledgeState], overdue: bool) -> list[str]:
    """The overdue pledges (with due date and delay) or the stale ones (with days quiet)."""
    if overdue:
        header, align = ["pledge", "title", "status", "due", "overdue by", "latest news"], "lllrrl"
    else:
        header, align = ["pledge", "title", "status", "latest news", "days"], "llllr"
    rows = []
    for state in states:
        pledge = state.entry.pledge
        row = [state.entry.id, escape(pledge.title), status(pledge.status)]
        if overdue:
            row += [pledge.due.isoformat() if pledge.due else "", f"{state.overdue_days} days"]
        row.append(latest_news(state))
        if not overdue:
            row.append(quiet_days(state))
        rows.append(row)
    return _table(header, align, rows)


def _recent(report: Report) -> list[str]:
    return _table(
        ["date", "pledge", "status", "note", "links"],
        "lllll",
        (
            [
                item.update.date.isoformat(),
                f"{item.state.entry.id}: {escape(item.state.entry.pledge.title)}",
                status(item.update.status) if item.update.status else "",
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


def render(report: Report, changes: Changes | None = None) -> str:
    total = report.total
    out = [f"## Pledge progress as of {report.as_of.isoformat()}", ""]
    scope = [
        f"{kind} {' or '.join(escape(name) for name in names)}"
        for kind, names in report.narrowing.parts()
    ]
    if scope:
        out += [f"Narrowed to {'; '.join(scope)}.", ""]
    if not report.pledges:
        return "\n".join([*out, "No pledges match.", ""])
    declarations = len([g for g in report.declarations if g.figures.pledges])
    out += [
        f"**{plural(total.pledges, 'pledge')}** in {plural(declarations, 'declaration')}: "
        f"{total.completed} completed ({share(total.completed_share)}), "
        f"{total.overdue} overdue, {total.stale} stale "
        f"(open, no news for {report.stale_days} days or more).",
        "",
        f"**Compliance score: {overall_score(total.score)}**, the {formula(total.assessed)}.",
        "",
    ]
    out += _section("By declaration", 1, _breakdown("declaration", report.declarations, total))
    out += [f"Legend: {legend()}.", ""]
    if changes is not None:
        from .git_changes import changes_markdown

        out += changes_markdown(changes, level=3)
    overdue, stale, recent = report.overdue, report.stale, report.recent
    out += _section(f"Overdue ({len(overdue)})", len(overdue), _pledge_list(overdue, True))
    out += _section(
        f"Stale: open, no news for {report.stale_days} days or more ({len(stale)})",
        len(stale),
        _details(plural(len(stale), "stale pledge"), _pledge_list(stale, False)),
    )
    out += _section(
        f"Updates in the last {report.recent_days} days ({len(recent)})",
        len(recent),
        _recent(report),
    )
    matrix = report.compliance
    out += _section(
        f"Compliance by actor ({plural(matrix.scores, 'assessment')})",
        len(matrix.rows),
        _compliance(report),
    )
    for kind, groups in (("theme", report.themes), ("actor", report.actors)):
        folded = _details(plural(len(groups), kind), _breakdown(kind, groups, None))
        out += _section(f"By {kind}", len(groups), folded)
    out += [f"<sub>{_status_meanings()}</sub>", ""]
    return "\n".join(out)


def _status_meanings() -> str:
    return "; ".join(
        f"{STATUS_EMOJI[s.value]} {s.value}: {STATUS_MEANING[s.value]}" for s in Status
    )
