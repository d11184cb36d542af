"""How a progress report is laid out: its title, its sections in order, its Markdown flavour.

A leaf of render/ (it imports no renderer), so that the switch (`reports.py`) and every format
can import it without an import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import UsageError

if TYPE_CHECKING:
    from ..report import Report

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
        sections = DEFAULT_SECTIONS if fmt == "text" else DEFAULT_FILE_SECTIONS
    return Layout(title or default_title(report), sections, flavour)
