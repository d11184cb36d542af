"""One switch for the progress report's formats: terminal, markdown, json, html."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..report import SCORE_FORMULA

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..history import Changes
    from ..report import Figures, PledgeState, Report

REPORT_FORMATS = ("terminal", "markdown", "json", "html")
FLAVOURS = ("github", "plain")

# Every section a report can show, and what each holds.
SECTIONS = {
    "summary": "key figures and the compliance score with its base",
    "declarations": "figures per declaration",
    "pledges": "every pledge: status, due, latest news and note, evidence links",
    "overdue": "pledges past their due date",
    "stale": "open pledges with no news for the stale span",
    "attention": "overdue or stale pledges, in one table",
    "themes": "figures per theme",
    "actors": "figures per actor",
    "matrix": "the per-actor compliance matrix",
    "recent": "updates of the recent span",
    "timeline": "when declarations were made, updated and fell due; undated ones listed",
}
# The defaults show each pledge in at most one table: the terminal lists those that need
# attention; a file (a briefing) lists every pledge once.
DEFAULT_SECTIONS = ("summary", "declarations", "attention", "recent", "matrix", "themes", "actors")
DEFAULT_FILE_SECTIONS = (
    "summary",
    "declarations",
    "timeline",
    "pledges",
    "recent",
    "matrix",
    "themes",
    "actors",
)
# A score over fewer than this share of the pledges is shown greyed, as one to read with care.
THIN_SCORE_SHARE = 1 / 3


@dataclass(frozen=True, slots=True)
class Layout:
    """How a report is laid out: its title, its sections in order and the Markdown flavour."""

    title: str
    sections: tuple[str, ...]
    flavour: str = "github"

    def has(self, section: str) -> bool:
        return section in self.sections


def sections_from(words: list[str] | None) -> tuple[str, ...] | None:
    """The sections named (each word may hold several, comma-separated), in the order given; a
    name not in SECTIONS is a usage error."""
    if not words:
        return None
    names = [name.strip() for word in words for name in word.split(",") if name.strip()]
    for name in names:
        if name not in SECTIONS:
            import difflib

            close = difflib.get_close_matches(name, list(SECTIONS), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise UsageError(f"no report section '{name}'{hint}; sections: {', '.join(SECTIONS)}")
    return tuple(dict.fromkeys(names))


def default_title(report: Report) -> str:
    """A report narrowed to one declaration is titled by that declaration's own name."""
    if len(report.narrowing.declarations) == 1 and not (
        report.narrowing.themes or report.narrowing.actors
    ):
        wanted = report.narrowing.declarations[0].casefold()
        for group in report.declarations:
            if group.name.casefold() == wanted:
                return group.title or group.label
    return "Pledge progress"


def layout_for(
    report: Report,
    fmt: str,
    *,
    title: str | None = None,
    sections: tuple[str, ...] | None = None,
    flavour: str = "github",
) -> Layout:
    """The layout of a report in `fmt`: the sections given, else the format's default; the title
    given, else `default_title`."""
    if sections is None:
        sections = DEFAULT_SECTIONS if fmt == "terminal" else DEFAULT_FILE_SECTIONS
    return Layout(title or default_title(report), sections, flavour)


ASSESSMENT_NOTE = (
    "Scores: +1 complied, 0 partly or work under way, −1 not complied; the newest assessment of "
    "each actor counts."
)


def render_report(
    report: Report,
    fmt: str,
    *,
    for_file: bool = False,
    changes: Changes | None = None,
    layout: Layout | None = None,
) -> str | RenderableType:
    """The report in `fmt`: text, or for the terminal a rich renderable (plain text when
    `for_file`, since a file has no colours or width); with `changes`, its section of what moved
    since a revision; `layout` gives the title and sections (default: `layout_for`)."""
    layout = layout or layout_for(report, fmt)
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

        return summary(report, changes, layout)
    return render(report, changes, layout)


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
    """The date a pledge's news is counted from, marked when it is its declaration's date."""
    if state.latest is None:
        return "none"
    return state.latest.isoformat() + ("" if state.latest_is_update else " (declared)")


def quiet_days(state: PledgeState) -> str:
    """Days without news, or `no date` when nothing gives a date to count from."""
    return "no date" if state.quiet_days is None else str(state.quiet_days)


def share(value: float | None) -> str:
    """`42%`, or `–` for the share of no pledges."""
    return "–" if value is None else f"{value:.0%}"


def score(value: float | None) -> str:
    """`+0.25`, `-1.00`, or `–` when nothing is assessed."""
    return "–" if value is None else f"{value:+.2f}"


def score_base(figures: Figures) -> str:
    """What a score stands on: `over 1 of 11 assessed`."""
    return f"over {figures.assessed} of {figures.pledges} assessed"


def thin_score(figures: Figures) -> bool:
    """True when fewer than a third of the pledges are assessed: a score to read with care."""
    return figures.pledges > 0 and figures.assessed < figures.pledges * THIN_SCORE_SHARE


def headline_score(figures: Figures) -> str:
    """`+0.00 over 1 of 11 assessed`, or why there is no score."""
    if figures.score is None:
        return overall_score(None)
    return f"{score(figures.score)} {score_base(figures)}"


def evidence(state: PledgeState) -> list[tuple[str, str]]:
    """A pledge's evidence: `(label, url)` for its links, then the links of its updates (newest
    first), each URL once."""
    pledge = state.entry.pledge
    found: dict[str, str] = {}
    for item in pledge.links:
        found.setdefault(str(item.url), item.kind or item.title or "link")
    for update in sorted(pledge.updates, key=lambda u: u.date, reverse=True):
        for url in update.links:
            found.setdefault(str(url), f"update {update.date.isoformat()}")
    return [(label, url) for url, label in found.items()]


def overall_score(value: float | None) -> str:
    """The compliance score as a headline: `-0.25`, or why there is none."""
    return "n/a (no pledge has been assessed yet)" if value is None else score(value)


def assessment(value: int | None) -> str:
    """One assessment in the compliance matrix: `+1`, `0`, `-1`, or empty."""
    return "" if value is None else f"{value:+d}" if value else "0"
