"""tracker assess"""

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
    choice_value,
    date_value,
    root_of,
    url_value,
)

SCORES = {"-1": -1, "0": 0, "1": 1, "+1": 1}


EXAMPLES = (
    'tracker assess eu-clasi-2023-20 --actor Europol --score 1 --note "Analysts seconded."',
    "tracker assess clasi-2023-20 -a Spain --score -1 --link https://example.org/audit",
    "tracker assess clasi-2023-20 -a Spain --score 0 --date 'March 2024' --dry-run",
)


def command(
    pledge: PledgeArgument,
    actor: Annotated[
        str,
        typer.Option(
            "--actor",
            "-a",
            autocompletion=complete.actors,
            metavar="NAME",
            help="Who is assessed: a country, an agency, a body (as the pledge's actors name it).",
            show_default=False,
        ),
    ],
    score: Annotated[
        str,
        typer.Option(
            "--score",
            metavar="SCORE",
            help="-1 not complied, 0 partly, 1 (or +1) complied.",
            show_default=False,
        ),
    ],
    note: Annotated[
        str | None,
        typer.Option(
            "--note",
            "-n",
            metavar="TEXT",
            help="Why this score, in a sentence or two.",
            show_default=False,
        ),
    ] = None,
    link: EvidenceOption = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            help="The assessment's date as you would write it: 2024-03-14, 'March 2024' (kept "
            "as 2024-03), yesterday. Default: today.",
            show_default=False,
        ),
    ] = None,
    diff: DiffOption = False,
    dry_run: DryRunOption = False,
    root: RootOption = None,
) -> None:
    """Record one actor's compliance with a pledge.

    Appends an assessment (actor, score -1/0/+1, date, note, links) to the pledge's
    assessments, keeping the rest of its file as it is; the report's compliance matrix shows
    each actor's newest score.
    """
    from ..render.changes import report
    from ..store import record_assessment

    chosen = choice_value(score, "--score", list(SCORES))
    change = record_assessment(
        root_of(root),
        pledge,
        actor=actor,
        score=SCORES[chosen or "0"],
        note=note,
        links=[url_value(url, "--link") for url in link or ()],
        date=date_value(date, "--date"),
        dry_run=dry_run,
    )
    Terminal().write(report(change, show_diff=diff, dry_run=dry_run))
