"""tracker report"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import (
    ActorNarrowing,
    AsOfOption,
    DeclarationNarrowing,
    ReportFormat,
    RootOption,
    SinceOption,
    Terminal,
    ThemeNarrowing,
    load_catalog,
)

EXAMPLES = (
    "tracker report",
    "tracker report --format html --output report.html",
    "tracker report --format markdown --since ministerial-2025 --theme drugs",
)


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
            "instead of printing it.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    declaration: DeclarationNarrowing = None,
    theme: ThemeNarrowing = None,
    actor: ActorNarrowing = None,
    as_of: AsOfOption = None,
    stale_days: Annotated[
        int,
        typer.Option(
            "--stale-days",
            min=1,
            metavar="DAYS",
            help="An open pledge with no news for this many days or more is stale.",
        ),
    ] = 90,
    recent_days: Annotated[
        int,
        typer.Option(
            "--recent-days", min=1, metavar="DAYS", help="List the updates of this many days."
        ),
    ] = 30,
    since: SinceOption = None,
    root: RootOption = None,
) -> None:
    """Report progress, with the compliance score.

    Per declaration, theme and actor: pledges by status, share completed, the compliance score
    with its formula, overdue and stale pledges, recent updates and the per-actor compliance
    matrix; in the terminal, or as Markdown, JSON or one self-contained HTML page. --since REV
    adds what moved since then (as `tracker changes` shows it).
    """
    from ..fsutil import write_output
    from ..render.reports import render_report
    from ..report import Narrowing, build

    terminal = Terminal()
    catalog = load_catalog(root, terminal)
    narrowing = Narrowing(*(tuple(names or ()) for names in (declaration, theme, actor)))
    report = build(catalog, as_of, narrowing, stale_days, recent_days)
    found = None
    if since is not None:
        from ..history import changes

        found = changes(catalog.root, since)
        if narrowing:
            ids = {state.entry.id for state in report.pledges}
            found = found.within(ids, narrowing.declarations)
    if output is None:
        terminal.show(render_report(report, fmt.value, changes=found))
    else:
        text = render_report(report, fmt.value, for_file=True, changes=found)
        write_output(output, text.encode(), data_root=catalog.root)  # type: ignore[union-attr]
        terminal.note(f"wrote {output}")
