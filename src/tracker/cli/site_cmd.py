"""tracker site"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..vocabulary import STALE_DAYS
from .common import AsOfOption, RootOption, StaleDaysOption, Terminal, load_catalog

EXAMPLES = (
    "tracker site public/",
    'tracker site public/ --title "EU home affairs pledges"',
)


def command(
    out: Annotated[
        Path,
        typer.Argument(
            metavar="OUT",
            help="Folder to write the site in: new, empty, or one tracker wrote before.",
            file_okay=False,
        ),
    ],
    title: Annotated[
        str,
        typer.Option(
            "--title", metavar="TEXT", help="The site's name, on every page and in the feeds."
        ),
    ] = "Pledge progress",
    as_of: AsOfOption = None,
    stale_days: StaleDaysOption = STALE_DAYS,
    root: RootOption = None,
) -> None:
    """Write a static scorecard site: a page per pledge, feeds and search.

    OUT/index.html is the scorecard; OUT/SLUG/NUMBER.html is each pledge's permalink page;
    feed.xml (Atom) has the newest updates and assessments, and each declaration has its own.
    Search works offline; every link is relative, so the site works opened from disk or served
    from any path. A rebuild writes only the pages whose inputs changed.
    """
    from ..site import build_site

    terminal = Terminal()
    catalog = load_catalog(root, terminal)
    built = build_site(catalog, out, title=title, as_of=as_of, stale_days=stale_days)
    removed = f", removed {built.removed}" if built.removed else ""
    terminal.note(f"wrote {built.written} of {built.pages} files in {out}{removed}")
