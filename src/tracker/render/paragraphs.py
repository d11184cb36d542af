"""What `tracker import` found and wrote: the paragraphs as a terminal table or as JSON records,
and the list of files an import wrote."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..importer import Parsed, number_ranges, records
from . import display_path

if TYPE_CHECKING:
    from rich.console import RenderableType

IMPORT_FORMATS = ("text", "json")
_KIND_STYLE = {"operative": "bold green", "preambular": "dim", "chapeau": "cyan"}
_START = 80  # characters of each paragraph shown in the table


def as_json(parsed: Parsed) -> str:
    """The importer's contract: a list of `{"number", "kind", "text"}` in document order."""
    return json.dumps(records(parsed), ensure_ascii=False, indent=2) + "\n"


def _start(text: str) -> str:
    if len(text) <= _START:
        return text
    cut = text[: _START - 1]
    return (cut[: cut.rfind(" ")] if " " in cut else cut) + "…"


def _caption(parsed: Parsed) -> str:
    operative = [p.number for p in parsed.operative if p.number]
    numbering = (
        "printed numbers" if parsed.numbering == "printed" else "numbered in order of statement"
    )
    which = f" ({number_ranges(operative)})" if operative else ""
    return (
        f"{len(parsed.paragraphs)} paragraphs, {len(operative)} operative{which}; "
        f"{numbering}; language {parsed.language}"
    )


def paragraph_table(parsed: Parsed) -> RenderableType:
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    if not parsed.paragraphs:
        return Text("No paragraphs found.", style="dim")
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("no.", justify="right", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("text", no_wrap=True, overflow="ellipsis")
    for paragraph in parsed.paragraphs:
        table.add_row(
            paragraph.number or "",
            Text(paragraph.kind, style=_KIND_STYLE.get(paragraph.kind, "")),
            _start(paragraph.text),
        )
    return Group(table, Text(_caption(parsed), style="dim"))


def render_paragraphs(parsed: Parsed, fmt: str) -> str | RenderableType:
    return as_json(parsed) if fmt == "json" else paragraph_table(parsed)


def written(paths: Sequence[Path]) -> str:
    """One line per file an import wrote."""
    pledges = len(paths) - 1
    lines = [f"wrote {display_path(path)}" for path in paths]
    return "\n".join(lines) + f"\n{pledges} pledge file{'s' if pledges != 1 else ''} written\n"
