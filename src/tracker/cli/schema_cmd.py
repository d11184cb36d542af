"""tracker schema"""

from __future__ import annotations

from typing import Annotated

import typer

from .common import SchemaKind, Terminal

EXAMPLES = (
    "tracker schema > pledge.schema.json",
    "tracker schema declaration > declaration.schema.json",
)


def command(
    kind: Annotated[
        SchemaKind,
        typer.Argument(
            metavar="KIND",
            help="Which file: pledge (a NUMBER.yaml, the default) or declaration.",
        ),
    ] = SchemaKind.pledge,
) -> None:
    """Print the JSON Schema of a pledge or declaration.

    For editors (yaml-language-server) and other tools that check files as they are written.
    """
    from ..model import Declaration, Pledge
    from ..render.data import to_json
    from ..schema import json_schema

    model = Pledge if kind is SchemaKind.pledge else Declaration
    Terminal().write(to_json(json_schema(model)))
