"""tracker link"""

from __future__ import annotations

from typing import Annotated

import typer

from ..vocabulary import LINK_KINDS
from . import complete
from .common import (
    DiffOption,
    DryRunOption,
    PledgeArgument,
    RootOption,
    Terminal,
    choice_value,
    root_of,
    url_value,
)

EXAMPLES = (
    "tracker link eu-clasi-2023-20 https://example.org/report --kind evidence",
    'tracker link clasi-2023-20 https://example.org/minutes --title "Minutes" --dry-run',
)


def command(
    pledge: PledgeArgument,
    url: Annotated[
        str, typer.Argument(metavar="URL", help="The http(s) link.", show_default=False)
    ],
    title: Annotated[
        str | None,
        typer.Option("--title", metavar="TEXT", help="What the link leads to.", show_default=False),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "-k",
            autocompletion=complete.kinds,
            metavar="KIND",
            help="source, follow-up, evidence or news.",
            show_default=False,
        ),
    ] = None,
    diff: DiffOption = False,
    dry_run: DryRunOption = False,
    root: RootOption = None,
) -> None:
    """Add a follow-up link to a pledge.

    A link the pledge already has is reported, not added twice.
    """
    from ..render.changes import report
    from ..store import record_link

    change = record_link(
        root_of(root),
        pledge,
        url_value(url, "URL"),
        title=title,
        kind=choice_value(kind, "--kind", LINK_KINDS),
        dry_run=dry_run,
    )
    Terminal().write(report(change, show_diff=diff, dry_run=dry_run))
