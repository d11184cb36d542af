"""The progress report as JSON with stable, documented keys (README: "Report JSON keys").

Every key is always present; a figure that does not exist (the score of no assessed pledge, a
share of no pledges) is null, and an empty list is `[]`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..model import plain
from ..report import Figures, Group, PledgeState, Report
from ..vocabulary import SCORE_FORMULA
from .data import json_list
from .layout import Layout, layout_for

if TYPE_CHECKING:
    from ..history import Changes

FORMAT_VERSION = 1


def _figures(figures: Figures) -> dict[str, Any]:
    return {
        "pledges": figures.pledges,
        "by_status": dict(figures.by_status),
        "shares": {status: figures.share(status) for status in figures.by_status},
        "completed_share": figures.completed_share,
        "overdue": figures.overdue,
        "stale": figures.stale,
        "assessed": figures.assessed,
        "score": figures.score,
    }


def _declaration(group: Group) -> dict[str, Any]:
    return {
        "slug": group.name,
        "label": group.label,
        "title": group.title,
        "date": group.date.isoformat() if group.date else None,
        "date_inferred": group.date_inferred,
        **_figures(group.figures),
    }


def _pledge(state: PledgeState) -> dict[str, Any]:
    entry = state.entry
    pledge = entry.pledge
    return {
        "id": entry.id,
        "declaration": entry.declaration,
        "title": pledge.title,
        "status": pledge.status,
        "actors": list(pledge.actors),
        "themes": list(pledge.themes),
        "due": pledge.due.isoformat() if pledge.due else None,
        "overdue_days": state.overdue_days,
        "latest": state.latest.isoformat() if state.latest else None,
        "latest_is_update": state.latest_is_update,
        "latest_note": state.latest_note,
        "quiet_days": state.quiet_days,
        "stale": state.stale,
        "links": plain(pledge.links),
    }


def as_data(
    report: Report, changes: Changes | None = None, layout: Layout | None = None
) -> dict[str, Any]:
    """The report as JSON data: `pieces` joined and read back."""
    return {
        **_head(report, layout),
        "pledges": [_pledge(s) for s in report.pledges],
        **_tail(changes),
    }


def _head(report: Report, layout: Layout | None) -> dict[str, Any]:
    """The keys before `pledges`."""
    matrix = report.compliance
    narrowing = report.narrowing
    layout = layout or layout_for(report, "json")
    return {
        "format_version": FORMAT_VERSION,
        "title": layout.title,
        "as_of": report.as_of.isoformat(),
        "narrowed_to": {
            "declarations": list(narrowing.declarations),
            "themes": list(narrowing.themes),
            "actors": list(narrowing.actors),
        },
        "stale_days": report.stale_days,
        "recent_days": report.recent_days,
        "score_formula": SCORE_FORMULA,
        "total": _figures(report.total),
        "declarations": [_declaration(group) for group in report.declarations],
        "themes": [{"theme": g.name, **_figures(g.figures)} for g in report.themes],
        "actors": [{"actor": g.name, **_figures(g.figures)} for g in report.actors],
        "overdue": [state.entry.id for state in report.overdue],
        "stale": [state.entry.id for state in report.stale],
        "recent": [
            {
                "id": item.state.entry.id,
                "date": item.update.date.isoformat(),
                "status": item.update.status,
                "note": item.update.note,
                "links": list(item.update.links),
            }
            for item in report.recent
        ],
        "compliance": {
            "actors": [
                {
                    "actor": actor,
                    "assessed": matrix.actor_counts[actor],
                    "mean": matrix.actor_means[actor],
                }
                for actor in matrix.actors
            ],
            "pledges": [
                {"id": row.state.entry.id, "scores": row.scores, "mean": row.mean}
                for row in matrix.rows
            ],
            "mean": matrix.mean,
        },
    }


def _tail(changes: Changes | None) -> dict[str, Any]:
    """The keys after `pledges`."""
    return {"changes": _changes(changes)}


def _changes(changes: Changes | None) -> dict[str, Any] | None:
    if changes is None:
        return None
    from .git_changes import changes_data

    return changes_data(changes)


def render(report: Report, changes: Changes | None = None, layout: Layout | None = None) -> str:
    """`pieces`, joined."""
    return "".join(pieces(report, changes, layout))


def pieces(
    report: Report, changes: Changes | None = None, layout: Layout | None = None
) -> Iterator[str]:
    """The report as indented JSON, the text `json.dumps(as_data(…), ensure_ascii=False,
    indent=2)` gives, in pieces: the pledges one at a time, so that the text of every pledge is
    never held at once. Made by orjson, whose encoder is in C (the standard library's is in
    Python once it indents: most of a warm report's time at 10,000 pledges)."""
    import orjson

    def dumps(value: Any) -> str:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2).decode()

    head = dumps(_head(report, layout))
    yield head[:-2] + ',\n  "pledges": '  # the head without its closing "\n}"
    yield from json_list(map(_pledge, report.pledges), indent=2, dumps=dumps)
    yield ",\n" + dumps(_tail(changes))[2:] + "\n"  # the tail without its opening "{\n"
