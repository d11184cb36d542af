"""tracker show"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from .common import RootOption, Terminal, root_of


def command(
    pledge: Annotated[
        str,
        typer.Argument(
            help="Pledge id, e.g. eu-clasi-2023-20, or a unique end of one (clasi-2023-20).",
            show_default=False,
        ),
    ],
    root: RootOption = None,
) -> None:
    """Show one pledge in full: summary, status, updates, links, related pledges, original text."""
    from ..render.terminal import pledge_detail
    from ..store import load_pledge, read_declaration, resolve_related

    data_root = root_of(root)
    entry = load_pledge(data_root, pledge)
    declaration_file = data_root / entry.declaration / "declaration.yaml"
    declaration, _ = read_declaration(entry.declaration, declaration_file)
    label = declaration.label if declaration else entry.declaration
    related = resolve_related(data_root, entry.pledge.related)
    Terminal().show(pledge_detail(entry, label, related, dt.date.today()))
