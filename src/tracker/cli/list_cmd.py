"""tracker list"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from .common import (
    ActorNarrowing,
    AsOfOption,
    DeclarationNarrowing,
    ListFormat,
    RootOption,
    SortKey,
    StatusFilter,
    Terminal,
    ThemeNarrowing,
    find_pledge_ids,
    find_pledges,
    parse_date,
)

_DATE = {"parser": parse_date, "metavar": "DATE", "show_default": False}


def command(
    status: Annotated[
        list[StatusFilter] | None,
        typer.Option(
            "--status",
            "-s",
            help="Only pledges with this status; 'open' stands for every status but completed "
            "and dropped (repeat for several).",
            show_default=False,
        ),
    ] = None,
    declaration: DeclarationNarrowing = None,
    actor: ActorNarrowing = None,
    theme: ThemeNarrowing = None,
    due_before: Annotated[
        dt.date | None,
        typer.Option("--due-before", help="Only pledges due before this date.", **_DATE),
    ] = None,
    due_after: Annotated[
        dt.date | None,
        typer.Option("--due-after", help="Only pledges due after this date.", **_DATE),
    ] = None,
    overdue: Annotated[
        bool,
        typer.Option(
            "--overdue", help="Only pledges past their due date and neither completed nor dropped."
        ),
    ] = False,
    stale: Annotated[
        int | None,
        typer.Option(
            "--stale",
            min=0,
            metavar="DAYS",
            help="Only pledges without an update for this many days (counted from the newest "
            "update, else from the declaration's date).",
        ),
    ] = None,
    search: Annotated[
        list[str] | None,
        typer.Option(
            "--search",
            "-q",
            metavar="TEXT",
            help="Only pledges whose title, summary, original text or notes contain this text, "
            "in any case (repeatable).",
        ),
    ] = None,
    as_of: AsOfOption = None,
    sort: Annotated[
        SortKey,
        typer.Option("--sort", help="Order by this key; a leading '-' reverses it."),
    ] = SortKey.id,  # type: ignore[attr-defined]
    fmt: Annotated[
        ListFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ListFormat.table,
    root: RootOption = None,
) -> None:
    """List pledges: filter, sort, pick a format.

    Shows each pledge's status, due date and latest update. Repeat an option to keep pledges
    matching any of its values; different options must all match.
    """
    from ..query import Narrowing, Query
    from ..render.pledges import as_ids, render_list

    terminal = Terminal()
    today = as_of or dt.date.today()
    query = Query(
        statuses=status or (),
        declarations=declaration or (),
        actors=actor or (),
        themes=theme or (),
        due_before=due_before,
        due_after=due_after,
        overdue=overdue,
        stale=stale,
        search=search or (),
        as_of=today,
    )
    names = Narrowing(*(tuple(given or ()) for given in (declaration, theme, actor)))
    if fmt is ListFormat.ids:  # ids alone: no pledge need be built
        terminal.show(as_ids(find_pledge_ids(root, query, sort.value, terminal, names)))
        return
    entries = find_pledges(root, query, sort.value, terminal, names)
    rich_table = fmt is ListFormat.table and terminal.is_terminal
    terminal.show(render_list(entries, fmt.value, today, terminal=rich_table))
