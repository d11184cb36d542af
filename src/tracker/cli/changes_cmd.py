"""tracker changes"""

from __future__ import annotations

from typing import Annotated

import typer

from .common import (
    SHALLOW_WARNING,
    ChangesFormat,
    RequiredSinceOption,
    RootOption,
    Terminal,
    root_of,
)


def command(
    since: RequiredSinceOption,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            metavar="REV",
            help="The other point (default HEAD: committed changes only): a git revision, or a "
            "date meaning the last commit up to the end of that day.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ChangesFormat,
        typer.Option(
            "--format",
            "-f",
            help="terminal: a list per declaration. markdown: tables, for a pull request or "
            "a job summary. json: stable keys.",
        ),
    ] = ChangesFormat.terminal,
    root: RootOption = None,
) -> None:
    """Show what moved between two revisions.

    Pledges added and removed, status moves, updates and links added, and pledges that became
    overdue, by declaration.
    """
    from ..history import changes
    from ..render.git_changes import render_changes

    terminal = Terminal()
    found = changes(root_of(root), since, until)
    if found.shallow:
        terminal.warning(SHALLOW_WARNING)
    terminal.show(render_changes(found, fmt.value))
