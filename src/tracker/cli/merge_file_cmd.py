"""tracker merge-file"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import ExitCode
from .common import Terminal, exit_with


def _file(metavar: str, help: str) -> object:
    return typer.Argument(
        metavar=metavar, help=help, exists=True, dir_okay=False, show_default=False
    )


EXAMPLES = (
    "git config merge.tracker.driver 'tracker merge-file %O %A %B --path %P'",
    "tracker merge-file base.yaml ours.yaml theirs.yaml --path commitments/x/07.yaml",
)


def command(
    base: Annotated[Path, _file("BASE", "The common ancestor's version (git's %O).")],
    ours: Annotated[
        Path, _file("OURS", "Our version (git's %A): the merged result is written here.")
    ],
    theirs: Annotated[Path, _file("THEIRS", "Their version (git's %B).")],
    path: Annotated[
        str | None,
        typer.Option(
            "--path",
            metavar="PATH",
            help="The file's name in the repository (git's %P), for messages.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Merge three versions of a pledge file (git's merge driver).

    Merges on the files' structure. Updates, links, related, actors, themes and assessments are
    merged as lists (updates in date order); a field changed on one side takes that side; status
    follows the newest update that decides it. A field changed differently on both sides is left
    between conflict markers (exit 1). A version that does not parse is merged as text by git
    merge-file. Exit 0 merged, 1 conflict. Set up with `tracker init --merge-driver`.
    """
    from ..merge import merge_files

    terminal = Terminal()
    name = path or str(ours)
    outcome = merge_files(base, ours, theirs)
    if outcome.as_text is not None:
        terminal.note(f"{name}: merged as text: {outcome.as_text}")
        exit_with(ExitCode.PROBLEMS if outcome.text_conflicts else ExitCode.OK)
    for field in outcome.conflicts:
        terminal.warning(f"{name}: {field} differs between the two sides: left between markers")
    exit_with(ExitCode.PROBLEMS if outcome.conflicts else ExitCode.OK)
