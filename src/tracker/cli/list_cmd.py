"""tracker list"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from ..vocabulary import Status
from .common import ListFormat, RootOption, Terminal, load_catalog


def command(
    status: Annotated[
        list[Status] | None,
        typer.Option("--status", "-s", help="Only pledges with this status (repeat for several)."),
    ] = None,
    declaration: Annotated[
        list[str] | None,
        typer.Option(
            "--declaration", "-d", help="Only pledges of this declaration slug (repeatable)."
        ),
    ] = None,
    fmt: Annotated[
        ListFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ListFormat.table,
    root: RootOption = None,
) -> None:
    """List pledges in id order, with their status, due date and latest update."""
    from ..query import select
    from ..render.pledges import render_list

    terminal = Terminal()
    catalog = load_catalog(root, terminal)
    entries = select(
        catalog.pledges,
        statuses={s.value for s in status or ()},
        declarations=set(declaration or ()),
    )
    terminal.show(render_list(entries, fmt.value, dt.date.today()))
