"""tracker changes"""

from __future__ import annotations

from typing import Annotated

import typer

from .common import ChangesFormat, RequiredSinceOption, RootOption, Terminal, root_of

EXAMPLES = (
    "tracker changes --since ministerial-2025",
    "tracker changes --since 'March 2024' --until 2024-06 --format markdown",
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
            metavar="FORMAT",
            help="text: a list per declaration. markdown: tables, for a pull request or "
            "a job summary. json: stable keys.",
        ),
    ] = ChangesFormat.text,
    root: RootOption = None,
) -> None:
    """Show what moved between two revisions.

    Pledges added and removed, status moves, updates and links added, and pledges that became
    overdue, by declaration.
    """
    from ..history import changes
    from ..render.git_changes import render_changes

    Terminal().show(render_changes(changes(root_of(root), since, until), fmt.value))
