"""One switch for the progress report's formats: terminal, markdown, json, html."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .layout import FLAVOURS, SECTIONS, Layout, layout_for, sections_from

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..history import Changes
    from ..report import Report

__all__ = ["FLAVOURS", "REPORT_FORMATS", "SECTIONS", "layout_for", "render_report", "sections_from"]

REPORT_FORMATS = ("text", "markdown", "json", "html")


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
