"""tracker edit"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import typer

from .common import DiffOption, PledgeArgument, RootOption, Terminal, root_of

if TYPE_CHECKING:
    from ..model import Problem


EXAMPLES = (
    "tracker edit eu-clasi-2023-20",
    "EDITOR='code --wait' tracker edit clasi-2023-20 --diff",
)


def _interactive() -> bool:
    return sys.stdin.isatty()


def command(pledge: PledgeArgument, diff: DiffOption = False, root: RootOption = None) -> None:
    """Edit a pledge in $VISUAL or $EDITOR.

    The editor (default vi) works on a copy; the file is replaced only by a valid result, and
    left untouched if nothing changed or the editor fails.
    """
    from ..edit import edit_pledge
    from ..render.changes import line_counts, summary, unified_diff

    terminal = Terminal()

    def again(problems: Sequence[Problem]) -> bool:
        terminal.problem_lines(problems)
        return _interactive() and typer.confirm("Edit again?", default=True, err=True)

    edited = edit_pledge(root_of(root), pledge, again=again)
    if edited.saved:
        terminal.write(summary(edited.id, [f"saved ({line_counts(edited.before, edited.after)})"]))
        if diff:
            terminal.write(unified_diff(edited.before, edited.after, edited.path))
    else:
        terminal.note(f"{edited.id}: no changes; the file is untouched")
