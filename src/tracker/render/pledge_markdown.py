"""Pledges as a GitHub-flavoured Markdown table, for issues, wikis and briefing notes."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import PledgeEntry
from .cells import TABLE_COLUMNS, table_row
from .markdown import escape


def cell(text: str) -> str:
    """Text that stays inside one table cell and shows as written; line breaks become `<br>`."""
    return escape(text, breaks=True)


def as_markdown(entries: Sequence[PledgeEntry]) -> str:
    """A table with a row per pledge; a sentence instead when there is none."""
    if not entries:
        return "_No pledges match._\n"
    lines = ["| " + " | ".join(TABLE_COLUMNS) + " |", "|" + "---|" * len(TABLE_COLUMNS)]
    for entry in entries:
        lines.append("| " + " | ".join(cell(value) for value in table_row(entry)) + " |")
    return "\n".join(lines) + "\n"
