"""What `tracker import` found and proposes: the paragraphs as a terminal table or as JSON
records, and the list of files an import wrote."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..importer import Draft, Parsed, number_ranges
from . import display_path

if TYPE_CHECKING:
    from rich.console import RenderableType

IMPORT_FORMATS = ("table", "json")
_KIND_STYLE = {"operative": "bold green", "preambular": "dim", "chapeau": "cyan"}
_START = 50  # characters of a paragraph that is not operative shown in the table


def record(draft: Draft) -> dict[str, Any]:
    """One paragraph as `--format json` gives it (documented in docs/importing.md)."""
    proposed = None
    if draft.title is not None:
        proposed = {
            "title": draft.title,
            "actors": list(draft.actors),
            "due": draft.due.isoformat() if draft.due else None,
        }
    return {
        "number": draft.number,
        "kind": draft.kind,
        "confidence": draft.confidence,
        "section": draft.section,
        "proposed": proposed,
        "text": draft.text,
    }


def as_json(drafts: Sequence[Draft]) -> str:
    """A list of paragraph records in document order."""
    return json.dumps([record(d) for d in drafts], ensure_ascii=False, indent=2) + "\n"


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
    sections = "".join(f"; {letter}…: {heading}" for letter, heading in parsed.sections)
    return (
        f"{len(parsed.paragraphs)} paragraphs, {len(operative)} operative{which}; "
        f"{numbering}; language {parsed.language}{sections}\n"
        "titles, actors and due dates are proposals: check them, or edit the files after import"
    )


def drafts_table(parsed: Parsed, drafts: Sequence[Draft]) -> RenderableType:
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    if not drafts:
        return Text("No paragraphs found.", style="dim")
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("no.", justify="right", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("conf.", justify="right", no_wrap=True)
    table.add_column("proposed title, or start of text", overflow="fold", ratio=3, min_width=34)
    table.add_column("actors", overflow="fold", ratio=1)
    table.add_column("due", no_wrap=True)
    for draft in drafts:
        proposal = draft.title is not None
        table.add_row(
            draft.number or "",
            Text(draft.kind, style=_KIND_STYLE.get(draft.kind, "")),
            f"{draft.confidence:.2f}",
            Text(draft.title, style="italic")
            if proposal
            else Text(_start(draft.text), "dim", no_wrap=True, overflow="ellipsis"),
            ", ".join(draft.actors),
            draft.due.isoformat() if draft.due else "",
        )
    return Group(table, Text(_caption(parsed), style="dim"))


def render_drafts(parsed: Parsed, drafts: Sequence[Draft], fmt: str) -> str | RenderableType:
    return as_json(drafts) if fmt == "json" else drafts_table(parsed, drafts)


def written(paths: Sequence[Path]) -> str:
    """One line per file an import wrote."""
    pledges = len(paths) - 1
    lines = [f"wrote {display_path(path)}" for path in paths]
    return "\n".join(lines) + f"\n{pledges} pledge file{'s' if pledges != 1 else ''} written\n"
