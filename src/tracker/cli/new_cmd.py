"""tracker new"""

from __future__ import annotations

from typing import Annotated

import typer

from . import complete
from .common import RootOption, Terminal, date_value, root_of, status_value

EXAMPLES = (
    'tracker new --declaration example-2025 --title "Joint statement" --date 2025-05-12',
    'tracker new example-2025 --title "Set up a joint task force" --actor Europol -t ports',
    'tracker new eu-clasi-2023 --number 27 --title "Report back in 2025" --due 2025-12-31',
)


def command(
    slug: Annotated[
        str,
        typer.Argument(
            metavar="SLUG",
            autocompletion=complete.slugs,
            help="The declaration the pledge belongs to (with --declaration: the new "
            "declaration's slug, e.g. eu-clasi-2023).",
            show_default=False,
        ),
    ],
    title: Annotated[
        str,
        typer.Option(
            "--title",
            metavar="TEXT",
            help="The title, in your own words.",
            show_default=False,
        ),
    ],
    declaration: Annotated[
        bool,
        typer.Option("--declaration", help="Start a new declaration SLUG: its folder and file."),
    ] = False,
    number: Annotated[
        str | None,
        typer.Option(
            "--number",
            metavar="NUMBER",
            help="The paragraph number (20, 22a). Default: the one after the folder's highest, "
            "zero-padded as the folder pads them (08 → 09).",
            show_default=False,
        ),
    ] = None,
    actor: Annotated[
        list[str] | None,
        typer.Option(
            "--actor",
            "-a",
            autocompletion=complete.actors,
            metavar="NAME",
            help="Who must act (repeat for several).",
            show_default=False,
        ),
    ] = None,
    theme: Annotated[
        list[str] | None,
        typer.Option(
            "--theme",
            "-t",
            autocompletion=complete.themes,
            metavar="THEME",
            help="A theme (repeat for several).",
            show_default=False,
        ),
    ] = None,
    due: Annotated[
        str | None,
        typer.Option("--due", metavar="DATE", help="The pledge's deadline (a full date)."),
    ] = None,
    status: Annotated[
        str,
        typer.Option(
            "--status",
            "-s",
            autocompletion=complete.statuses,
            metavar="STATUS",
            help="The pledge's status: unassessed, not-started, in-progress, partial, "
            "completed, stalled or dropped.",
        ),
    ] = "unassessed",
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            help="With --declaration: the date it was agreed (2023-09 is fine).",
        ),
    ] = None,
    short: Annotated[
        str | None,
        typer.Option(
            "--short", metavar="TEXT", help="With --declaration: a short label for tables."
        ),
    ] = None,
    root: RootOption = None,
) -> None:
    """Create a pledge file, or a declaration folder.

    A pledge is numbered after the folder's last one unless --number says otherwise; with
    --declaration, creates a declaration folder and its declaration.yaml. Never overwrites a file.
    """
    from ..errors import UsageError
    from ..render.changes import created
    from ..store import new_declaration, new_pledge

    data_root = root_of(root)
    if declaration:
        if number or actor or theme or due or status != "unassessed":
            raise UsageError("--number, --actor, --theme, --due and --status are for pledges")
        made = new_declaration(data_root, slug, title, date=date_value(date, "--date"), short=short)
    else:
        if date or short:
            raise UsageError("--date and --short are for declarations (tracker new --declaration)")
        made = new_pledge(
            data_root,
            slug,
            title,
            number=number,
            actors=actor or (),
            themes=theme or (),
            due=date_value(due, "--due", full=True),
            status=status_value(status) or "unassessed",
        )
    Terminal().write(created(made.id, made.path))
