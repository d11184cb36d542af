"""tracker export"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import (
    ActorNarrowing,
    DeclarationNarrowing,
    ExportFormat,
    RootOption,
    Terminal,
    ThemeNarrowing,
    load_catalog,
)

EXAMPLES = (
    "tracker export > pledges.csv",
    "tracker export --format sqlite --output pledges.db",
    "tracker export --format json --output pledges.json --force",
)


def command(
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="csv for spreadsheets, json, or sqlite for SQL.",
        ),
    ] = ExportFormat.csv,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            dir_okay=False,
            help="The file to write (required for sqlite); - or none: standard output.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the output file if it exists.")
    ] = False,
    declaration: DeclarationNarrowing = None,
    theme: ThemeNarrowing = None,
    actor: ActorNarrowing = None,
    root: RootOption = None,
) -> None:
    """Export every pledge as CSV, JSON or SQLite.

    Every declaration and pledge in one file, for a spreadsheet, another program, or an SQL
    client such as Datasette. --declaration, --theme and --actor export only the pledges that
    have them.
    """

    from .. import export
    from ..fsutil import write_output
    from ..query import Narrowing
    from ..report import narrow

    if output is not None and str(output) == "-":  # `-o -`: standard output, as is usual
        output = None
    if output is None and fmt is ExportFormat.sqlite:
        raise typer.BadParameter("sqlite needs a file to write to", param_hint="'--output'")
    terminal = Terminal()
    catalog = load_catalog(root, terminal)
    names = Narrowing(*(tuple(given or ()) for given in (declaration, theme, actor)))
    pledges = narrow(catalog, names) if names else catalog.pledges
    data = export.export(catalog.declarations, pledges, fmt.value, root=catalog.root)
    if output is None:
        terminal.write(data.decode("utf-8"))
    else:
        write_output(output, data, replace=force, data_root=catalog.root)
        terminal.note(f"wrote {output}")
