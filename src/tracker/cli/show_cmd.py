"""tracker show"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from .common import PledgeArgument, RootOption, ShowFormat, Terminal, parse_as_of, root_of

EXAMPLES = (
    "tracker show eu-clasi-2023-20",
    "tracker show clasi-2023-20 --format json",
    "tracker show balkans-2018-7 --as-of 2019-01-01",
)


def command(
    pledge: PledgeArgument,
    fmt: Annotated[
        ShowFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="text for people; json or yaml: the record of list --format json, with the "
            "related pledges' titles and statuses.",
        ),
    ] = ShowFormat.text,
    as_of: Annotated[
        dt.date | None,
        typer.Option(
            "--as-of",
            parser=parse_as_of,
            metavar="DATE",
            help="Count the days overdue as of this day instead of today; a month or a year "
            "means its last day.",
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
) -> None:
    """Show one pledge in full.

    Summary, status and its meaning, actors, themes, due date, updates (newest first), links by
    kind, assessments, related pledges with their titles and statuses, and the original text.
    """
    from ..render.pledges import render_pledge
    from ..store import load_pledge, read_declaration, resolve_related

    terminal = Terminal()
    data_root = root_of(root)
    entry = load_pledge(data_root, pledge)
    declaration_file = data_root / entry.declaration / "declaration.yaml"
    declaration, _ = read_declaration(entry.declaration, declaration_file)
    label = declaration.label if declaration else entry.declaration
    related = resolve_related(data_root, entry.pledge.related)
    rich_text = fmt is ShowFormat.text and terminal.is_terminal
    terminal.show(
        render_pledge(
            entry,
            fmt.value,
            label=label,
            related=related,
            today=as_of or dt.date.today(),
            terminal=rich_text,
        )
    )
