"""Pledges as a GitHub-flavoured Markdown table, for issues, wikis and briefing notes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from ..model import PledgeEntry
from .cells import TABLE_COLUMNS, table_row
from .markdown import escape


def cell(text: str) -> str:
    """Text that stays inside one table cell and shows as written; line breaks become `<br>`."""
    return escape(text, breaks=True)


def as_markdown(
    entries: Sequence[PledgeEntry], declared: Mapping[str, dt.date | None] | None = None
) -> str:
    """A table with a row per pledge; a sentence instead when there is none. `declared`: the
    declarations' dates (an update before its declaration is never the latest)."""
    declared = declared or {}
    if not entries:
        return "_No pledges match._\n"
    lines = ["| " + " | ".join(TABLE_COLUMNS) + " |", "|" + "---|" * len(TABLE_COLUMNS)]
    for entry in entries:
        lines.append(
            "| "
            + " | ".join(cell(value) for value in table_row(entry, declared.get(entry.declaration)))
            + " |"
        )
    return "\n".join(lines) + "\n"
