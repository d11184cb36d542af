"""tracker update"""

from __future__ import annotations

from typing import Annotated

import typer

from . import complete
from .common import (
    DiffOption,
    DryRunOption,
    EvidenceOption,
    PledgeArgument,
    RootOption,
    Terminal,
    date_value,
    root_of,
    status_value,
    url_value,
)

EXAMPLES = (
    'tracker update eu-clasi-2023-20 --status in-progress --note "Terms of reference adopted."',
    "tracker update clasi-2023-20 --link https://example.org/report --date 'March 2024'",
    "tracker update clasi-2023-20 --due 2025-12-31 --dry-run",
)


def command(
    pledge: PledgeArgument,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            "-s",
            autocompletion=complete.statuses,
            metavar="STATUS",
            help="The status from this update on: unassessed, not-started, in-progress, "
            "partial, completed, stalled or dropped. Also sets the pledge's status.",
            show_default=False,
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option(
            "--note",
            "-n",
            metavar="TEXT",
            help="What was seen, in a sentence or two.",
            show_default=False,
        ),
    ] = None,
    link: EvidenceOption = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            help="The update's date as you would write it: 2024-03-14, '14 March 2024', "
            "'March 2024' (kept as 2024-03), yesterday. Default: today.",
            show_default=False,
        ),
    ] = None,
    due: Annotated[
        str | None,
        typer.Option(
            "--due",
            metavar="DATE",
            help="Set the pledge's due date (a full date).",
            show_default=False,
        ),
    ] = None,
    diff: DiffOption = False,
    dry_run: DryRunOption = False,
    root: RootOption = None,
) -> None:
    """Record progress on a pledge.

    Appends a dated update (status, note, links) and sets the pledge's status, keeping the rest
    of its file as it is.
    """
    from ..render.changes import report
    from ..store import record_update

    change = record_update(
        root_of(root),
        pledge,
        status=status_value(status),
        note=note,
        links=[url_value(url, "--link") for url in link or ()],
        date=date_value(date, "--date"),
        due=date_value(due, "--due", full=True),
        dry_run=dry_run,
    )
    Terminal().write(report(change, show_diff=diff, dry_run=dry_run))
