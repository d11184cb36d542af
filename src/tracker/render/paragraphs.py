"""What `tracker import` found and proposes: the paragraphs as a terminal table or as JSON
records, and the list of files an import wrote.

It gets data, not the importer's objects: the importer's records (one mapping per paragraph, in
document order, with the keys documented in docs/json.md) and the summary the importer wrote of
them."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import display_path

if TYPE_CHECKING:
    from rich.console import RenderableType

IMPORT_FORMATS = ("text", "json")
_KIND_STYLE = {"operative": "bold green", "preambular": "dim", "chapeau": "cyan"}
_START = 50  # characters of a paragraph that is not operative shown in the table

Record = Mapping[str, Any]


def as_json(records: Sequence[Record]) -> str:
    """The importer's contract: a list of paragraph records in document order."""
    return json.dumps(list(map(dict, records)), ensure_ascii=False, indent=2) + "\n"


def _start(text: str) -> str:
    if len(text) <= _START:
        return text
    cut = text[: _START - 1]
    return (cut[: cut.rfind(" ")] if " " in cut else cut) + "…"


def paragraph_table(records: Sequence[Record], caption: str) -> RenderableType:
    """Number, kind, confidence, and the proposed title, actors and due date of each operative
    paragraph (the start of the text for the others)."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    if not records:
        return Text("No paragraphs found.", style="dim")
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("no.", justify="right", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("conf.", justify="right", no_wrap=True)
    table.add_column("proposed title, or start of text", overflow="fold", ratio=3, min_width=34)
    table.add_column("actors", overflow="fold", ratio=1)
    table.add_column("due", no_wrap=True)
    for paragraph in records:
        kind = paragraph["kind"] or ""
        proposed = paragraph.get("proposed")
        if proposed:
            title = Text(proposed["title"], style="italic")
        else:
            title = Text(_start(paragraph["text"] or ""), "dim", no_wrap=True, overflow="ellipsis")
        table.add_row(
            paragraph["number"] or "",
            Text(kind, style=_KIND_STYLE.get(kind, "")),
            f"{paragraph.get('confidence', 1.0):.2f}",
            title,
            ", ".join(proposed["actors"]) if proposed else "",
            (proposed["due"] or "") if proposed else "",
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
