"""tracker report"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import UsageError
from ..vocabulary import STALE_DAYS
from .common import (
    SHALLOW_WARNING,
    ActorNarrowing,
    AsOfOption,
    DeclarationNarrowing,
    ReportFormat,
    RootOption,
    SinceOption,
    StaleDaysOption,
    Terminal,
    ThemeNarrowing,
    load_catalog,
)

EXAMPLES = (
    "tracker report",
    "tracker report --format html --output report.html",
    "tracker report --format markdown --since ministerial-2025 --theme drugs",
)


class MarkdownFlavour(StrEnum):
    github = "github"
    plain = "plain"


def command(
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="text: tables. markdown: for a CI job summary. json: stable keys. "
            "html: one self-contained page.",
        ),
    ] = ReportFormat.text,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the report to this file (replaced whole, never left half-written) "
            "instead of printing it; a device or a named pipe is written to, and - is "
            "standard output.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    declaration: DeclarationNarrowing = None,
    theme: ThemeNarrowing = None,
    actor: ActorNarrowing = None,
    as_of: AsOfOption = None,
    stale_days: StaleDaysOption = STALE_DAYS,
    recent_days: Annotated[
        int,
        typer.Option(
            "--recent-days", min=1, metavar="DAYS", help="List the updates of this many days."
        ),
    ] = 30,
    since: SinceOption = None,
    title: Annotated[
        str | None,
        typer.Option(
            "--title",
            metavar="TEXT",
            help="The report's title (default: Pledge progress, or the "
            "declaration's name when narrowed to one).",
            show_default=False,
        ),
    ] = None,
    section: Annotated[
        list[str] | None,
        typer.Option(
            "--section",
            metavar="NAME",
            help="Show these sections in this order (repeat, or comma-separate): summary, "
            "declarations, pledges, overdue, stale, attention, themes, actors, matrix, recent, "
            "timeline. Default: a terminal lists the pledges that need attention; a file format "
            "lists every pledge once.",
            show_default=False,
        ),
    ] = None,
    flavour: Annotated[
        MarkdownFlavour,
        typer.Option(
            "--flavour",
            metavar="FLAVOUR",
            help="Markdown flavour: github (emoji, folded tables) or plain (no HTML, no emoji: "
            "for pandoc, Word or a PDF).",
        ),
    ] = MarkdownFlavour.github,
    root: RootOption = None,
) -> None:
    """Report progress, with the compliance score.

    Per declaration, theme and actor: pledges by status, share completed, the compliance score
    with its formula, overdue and stale pledges, recent updates and the per-actor compliance
    matrix; in the terminal, or as Markdown, JSON or one self-contained HTML page. --since REV
    adds what moved since then (as `tracker changes` shows it).
    """
    from ..fsutil import write_output
    from ..render.reports import layout_for, render_report, sections_from
    from ..report import Narrowing, build

    if output is not None and str(output) == "-":  # `-o -`: standard output, as is usual
        output = None
    terminal = Terminal()
    sections = sections_from(section)
    if flavour is not MarkdownFlavour.github and fmt is not ReportFormat.markdown:
        raise UsageError("--flavour applies to --format markdown only")
    catalog = load_catalog(root, terminal)
    narrowing = Narrowing(*(tuple(names or ()) for names in (declaration, theme, actor)))
    report = build(catalog, as_of, narrowing, stale_days, recent_days)
    found = None
    if since is not None:
        from ..history import changes

        found = changes(catalog.root, since)
        if found.shallow:
            terminal.warning(SHALLOW_WARNING)
        if narrowing:
            ids = {state.entry.id for state in report.pledges}
            found = found.within(ids, narrowing.declarations)
    layout = layout_for(report, fmt.value, title=title, sections=sections, flavour=flavour.value)
    streamed = fmt is ReportFormat.json and (output is not None or not terminal.is_terminal)
    if output is None and not streamed:
        terminal.show(render_report(report, fmt.value, changes=found, layout=layout))
        return
    if streamed:  # a pledge at a time: never the whole text at once
        from ..render.report_json import pieces

        text: Iterable[str] = pieces(report, found, layout)
    else:
        whole = render_report(report, fmt.value, for_file=True, changes=found, layout=layout)
        text = [whole]  # type: ignore[list-item]
    if output is None:
        terminal.write_all(text)
    else:
        write_output(output, (piece.encode() for piece in text), data_root=catalog.root)
        terminal.note(f"wrote {output}")
