"""tracker changes"""

from __future__ import annotations

from typing import Annotated

import typer

from .common import (
    SHALLOW_WARNING,
    ActorNarrowing,
    ChangesFormat,
    DeclarationNarrowing,
    RequiredSinceOption,
    RootOption,
    Terminal,
    ThemeNarrowing,
    load_catalog,
    root_of,
)

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
    declaration: DeclarationNarrowing = None,
    theme: ThemeNarrowing = None,
    actor: ActorNarrowing = None,
    root: RootOption = None,
) -> None:
    """Show what moved between two revisions.

    Pledges added and removed, status moves, updates and links added, and pledges that became
    overdue, by declaration. --declaration, --theme and --actor keep the pledges that have them
    now (and every pledge of a declaration named, removed ones too).
    """
    from ..history import changes
    from ..query import Narrowing
    from ..render.git_changes import render_changes

    terminal = Terminal()
    names = Narrowing(*(tuple(given or ()) for given in (declaration, theme, actor)))
    found = changes(root_of(root), since, until)
    if found.shallow:
        terminal.warning(SHALLOW_WARNING)
    if names:
        from ..report import narrow

        kept = narrow(load_catalog(root, terminal), names)
        found = found.within({entry.id for entry in kept}, names.declarations)
    text = render_changes(found, fmt.value)
    if fmt is ChangesFormat.text:
        terminal.show_lines(text)
    else:
        terminal.show(text)
