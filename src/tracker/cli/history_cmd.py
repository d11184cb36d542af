"""tracker history"""

from __future__ import annotations

from typing import Annotated

import typer

from .common import SHALLOW_WARNING, HistoryFormat, PledgeArgument, RootOption, Terminal, root_of

EXAMPLES = (
    "tracker history eu-clasi-2023-20",
    "tracker history clasi-2023-20 --format json",
)


def command(
    pledge: PledgeArgument,
    fmt: Annotated[
        HistoryFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="text: one block per commit. json: stable keys.",
        ),
    ] = HistoryFormat.text,
    root: RootOption = None,
) -> None:
    """Show the git history of one pledge.

    Every commit that changed its file, newest first, following renames. Each commit's date,
    author and subject, and what it changed in tracker's terms: status from → to, updates and
    links added, the due date, other fields edited, the file added, removed or renamed.
    """
    from ..history import pledge_history
    from ..render.git_changes import render_history

    terminal = Terminal()
    history = pledge_history(root_of(root), pledge)
    if history.shallow:
        terminal.warning(SHALLOW_WARNING)
    text = render_history(history, fmt.value)
    if fmt is HistoryFormat.text:
        terminal.show_lines(text)
    else:
        terminal.show(text)
