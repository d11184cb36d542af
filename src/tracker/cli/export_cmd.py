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
    iter_pledges,
    root_of,
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
    from ..query import Narrowing, Query

    if output is not None and str(output) == "-":  # `-o -`: standard output, as is usual
        output = None
    if output is None and fmt is ExportFormat.sqlite:
        raise typer.BadParameter("sqlite needs a file to write to", param_hint="'--output'")
    terminal = Terminal()
    data_root = root_of(root)
    names = Narrowing(*(tuple(given or ()) for given in (declaration, theme, actor)))
    wanted = Query(declarations=names.declarations, themes=names.themes, actors=names.actors)
    found, pledges = iter_pledges(data_root, wanted, "id", terminal, names)
    data = export.export(found.declarations, pledges, fmt.value, root=data_root)
    if output is None:
        terminal.write_all(piece.decode("utf-8") for piece in data)
    else:
        write_output(output, data, replace=force, data_root=data_root)
        terminal.note(f"wrote {output}")
