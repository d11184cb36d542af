"""What `tracker import` found and wrote: the paragraphs as a terminal table or as JSON records,
and the list of files an import wrote.

It gets data, not the importer's objects: the importer's records (`{"number", "kind", "text"}`
per paragraph, in document order) and the one-line summary the importer wrote of them."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import display_path

if TYPE_CHECKING:
    from rich.console import RenderableType

IMPORT_FORMATS = ("table", "json")
_KIND_STYLE = {"operative": "bold green", "preambular": "dim", "chapeau": "cyan"}
_START = 80  # characters of each paragraph shown in the table


Record = Mapping[str, str | None]


def as_json(records: Sequence[Record]) -> str:
    """The importer's contract: a list of `{"number", "kind", "text"}` in document order."""
    return json.dumps(list(map(dict, records)), ensure_ascii=False, indent=2) + "\n"


def _start(text: str) -> str:
    if len(text) <= _START:
        return text
    cut = text[: _START - 1]
    return (cut[: cut.rfind(" ")] if " " in cut else cut) + "…"


def paragraph_table(records: Sequence[Record], caption: str) -> RenderableType:
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    if not records:
        return Text("No paragraphs found.", style="dim")
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("no.", justify="right", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("text", no_wrap=True, overflow="ellipsis")
    for paragraph in records:
        kind = paragraph["kind"] or ""
        table.add_row(
            paragraph["number"] or "",
            Text(kind, style=_KIND_STYLE.get(kind, "")),
            _start(paragraph["text"] or ""),
        )
    return Group(table, Text(caption, style="dim"))


def render_paragraphs(records: Sequence[Record], caption: str, fmt: str) -> str | RenderableType:
    """The paragraphs an import found, as JSON records or a table with `caption` under it."""
    return as_json(records) if fmt == "json" else paragraph_table(records, caption)


def written(paths: Sequence[Path]) -> str:
    """One line per file an import wrote."""
    pledges = len(paths) - 1
    lines = [f"wrote {display_path(path)}" for path in paths]
    return "\n".join(lines) + f"\n{pledges} pledge file{'s' if pledges != 1 else ''} written\n"
