"""tracker list"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer

from ..vocabulary import DUE_SOON_DAYS, STALE_DAYS
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
    find_dated_pledges,
    find_pledge_ids,
    iter_pledges,
    parse_date,
)
from .group import TrackerCommand


class ListCommand(TrackerCommand):
    """`--stale` may come without its DAYS (then STALE_DAYS): typer has no optional values, so
    the default is put in before click reads the arguments."""

    optional_values = ("--stale",)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, with_default(args, "--stale", str(STALE_DAYS)))


COMMAND_CLASS = ListCommand


def with_default(args: list[str], option: str, default: str) -> list[str]:
    """`args` with `default` after each `option` given without a value: last, or before another
    option (up to `--`, after which nothing is an option)."""
    given = list(args)
    index = 0
    while index < len(given) and given[index] != "--":
        if given[index] == option:
            following = given[index + 1] if index + 1 < len(given) else None
            if following is None or (following.startswith("-") and not following[1:].isdigit()):
                given.insert(index + 1, default)
        index += 1
    return given


EXAMPLES = (
    "tracker list --overdue",
    "tracker list --theme drugs --status open --sort due",
    "tracker list --declaration eu-clasi-2023 --format json",
)

_DATE = {"parser": parse_date, "metavar": "DATE", "show_default": False}


def command(
    status: Annotated[
        list[StatusFilter] | None,
        typer.Option(
            "--status",
            "-s",
            metavar="STATUS",
            help="Only pledges with this status: unassessed, not-started, in-progress, partial, "
            "completed, stalled, dropped, or open for every status but completed and dropped "
            "(repeat for several).",
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
            metavar="[DAYS]",
            help=f"Only open pledges without news for DAYS days or more (default {STALE_DAYS}, "
            "the report's span; counted from the newest update, else from the declaration's "
            "date).",
        ),
    ] = None,
    attention: Annotated[
        bool,
        typer.Option(
            "--attention",
            help=f"Only open pledges that need attention: overdue, or stale ({STALE_DAYS} days "
            "without news), or due within --within days.",
        ),
    ] = False,
    within: Annotated[
        int | None,
        typer.Option(
            "--within",
            min=0,
            metavar="DAYS",
            help=f"With --attention: also keep pledges due within this many days "
            f"(default {DUE_SOON_DAYS}).",
            show_default=False,
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
        typer.Option(
            "--sort",
            metavar="KEY",
            help="Order by id, due, status, updated or declaration; a leading '-' reverses it "
            "(--sort=-due).",
        ),
    ] = SortKey.id,  # type: ignore[attr-defined]
    fmt: Annotated[
        ListFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="text (a table), json, csv, yaml, markdown, or ids (one id a line).",
        ),
    ] = ListFormat.text,
    root: RootOption = None,
) -> None:
    """List pledges: filter, sort, pick a format.

    Shows each pledge's status, due date and latest update. Repeat an option to keep pledges
    matching any of its values; different options must all match.
    """
    from ..errors import UsageError
    from ..query import Narrowing, Query
    from ..render.pledges import STREAMED_FORMATS, as_ids, day_cells, render_list, stream_list

    if within is not None and not attention:
        raise UsageError("--within goes with --attention (the days within which a due date counts)")
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
        attention=attention,
        within=DUE_SOON_DAYS if within is None else within,
        search=search or (),
        as_of=today,
    )
    names = Narrowing(*(tuple(given or ()) for given in (declaration, theme, actor)))
    if fmt is ListFormat.ids:  # ids alone: no pledge need be built
        terminal.show(as_ids(find_pledge_ids(root, query, sort.value, terminal, names)))
        return
    if fmt.value in STREAMED_FORMATS:  # built and written a pledge at a time, never all held
        terminal.write_all(
            stream_list(iter_pledges(root, query, sort.value, terminal, names)[1], fmt.value)
        )
        return
    entries, declared = find_dated_pledges(root, query, sort.value, terminal, names)
    rich_table = fmt is ListFormat.text and terminal.is_terminal
    days = None
    if fmt is ListFormat.text:
        key = sort.value.lstrip("-")
        wanted = [
            name
            for name, asked in (
                ("overdue", overdue or key == "due"),
                ("quiet", stale is not None or key == "updated"),
            )
            if asked or attention
        ]
        days = day_cells(entries, wanted, today, declared)
    terminal.show(
        render_list(entries, fmt.value, today, terminal=rich_table, days=days, declared=declared)
    )
