"""One switch for the progress report's formats: terminal, markdown, json, html."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..report import SCORE_FORMULA

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..history import Changes
    from ..report import Group, PledgeState, Report

REPORT_FORMATS = ("terminal", "markdown", "json", "html")
ASSESSMENT_NOTE = (
    "Scores: +1 complied, 0 partly or work under way, −1 not complied; the newest assessment of "
    "each actor counts."
)


def render_report(
    report: Report, fmt: str, *, for_file: bool = False, changes: Changes | None = None
) -> str | RenderableType:
    """The report in `fmt`: text, or for the terminal a rich renderable (plain text when
    `for_file`, since a file has no colours or width); with `changes`, its section of what moved
    since a revision."""
    if fmt == "markdown":
        from .report_markdown import render
    elif fmt == "json":
        from .report_json import render
    elif fmt == "html":
        from .report_html import render
    elif for_file:
        from .report_terminal import as_text as render
    else:
        from .report_terminal import summary

        return summary(report, changes)
    return render(report, changes)


# --- how figures read, the same in every format --------------------------------------------------


def plural(count: int, noun: str) -> str:
    """`1 pledge`, `2 pledges`."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def formula(assessed: int) -> str:
    """The compliance score's formula with the number of pledges it was computed over."""
    return SCORE_FORMULA.replace(
        "mean over assessed pledges", f"mean over {plural(assessed, 'assessed pledge')}", 1
    )


def latest_news(state: PledgeState) -> str:
    """The date a pledge's news is counted from, marked when it is its declaration's date (and
    when that date is inferred rather than stated by a source)."""
    if state.latest is None:
        return "none"
    if state.latest_is_update:
        return state.latest.isoformat()
    return state.latest.isoformat() + (
        " (declared, inferred)" if state.declared_inferred else " (declared)"
    )


def declared(group: Group) -> str:
    """A declaration's date as reports show it: `2024-01-24 (inferred)` when no source states
    it; empty when it has none."""
    if group.date is None:
        return ""
    return group.date.isoformat() + (" (inferred)" if group.date_inferred else "")


def quiet_days(state: PledgeState) -> str:
    """Days without news, or `no date` when nothing gives a date to count from."""
    return "no date" if state.quiet_days is None else str(state.quiet_days)


def share(value: float | None) -> str:
    """`42%`, or `–` for the share of no pledges."""
    return "–" if value is None else f"{value:.0%}"


def score(value: float | None) -> str:
    """`+0.25`, `-1.00`, or `–` when nothing is assessed."""
    return "–" if value is None else f"{value:+.2f}"


def overall_score(value: float | None) -> str:
    """The compliance score as a headline: `-0.25`, or why there is none."""
    return "n/a (no pledge has been assessed yet)" if value is None else score(value)


def assessment(value: int | None) -> str:
    """One assessment in the compliance matrix: `+1`, `0`, `-1`, or empty."""
    return "" if value is None else f"{value:+d}" if value else "0"
