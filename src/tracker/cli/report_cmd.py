"""tracker report"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import (
    SHALLOW_WARNING,
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


def command(
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help="terminal: tables. markdown: for a CI job summary. json: stable keys. "
            "html: one self-contained page.",
        ),
    ] = ReportFormat.terminal,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
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
    stale_days: Annotated[
        int,
        typer.Option(
            "--stale-days", min=1, help="An open pledge with no news for longer is stale."
        ),
    ] = 90,
    recent_days: Annotated[
        int, typer.Option("--recent-days", min=1, help="List the updates of this many days.")
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

    if output is not None and str(output) == "-":  # `-o -`: standard output, as is usual
        output = None
    terminal = Terminal()
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
    if output is None:
        terminal.show(render_report(report, fmt.value, changes=found))
    else:
        text = render_report(report, fmt.value, for_file=True, changes=found)
        write_output(output, text.encode(), data_root=catalog.root)  # type: ignore[union-attr]
        terminal.note(f"wrote {output}")
