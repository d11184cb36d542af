"""Pledges as CSV (RFC 4180) for spreadsheets, with cells that a spreadsheet cannot run.

Lists are joined with "; ". A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
return gets a leading apostrophe: spreadsheets read such cells as formulas, and a formula in a
pledge's text must never run on the reader's machine (CSV injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence

from ..model import PledgeEntry, compliance_score
from .cells import due, updated

LIST_SEPARATOR = "; "
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _joined(values: Sequence[str]) -> str:
    return LIST_SEPARATOR.join(values)


def _score(entry: PledgeEntry) -> str | None:
    """The mean of each actor's newest assessment, to four significant digits; empty when none."""
    score = compliance_score(entry.pledge.assessments)
    return None if score is None else f"{score:.4g}"


# Column name → its cell. Stable: documented in README ("CSV columns").
COLUMNS: dict[str, Callable[[PledgeEntry], str | None]] = {
    "id": lambda e: e.id,
    "declaration": lambda e: e.declaration,
    "number": lambda e: e.number,
    "title": lambda e: e.pledge.title,
    "status": lambda e: e.pledge.status,
    "due": due,
    "updated": updated,
    "latest_note": lambda e: e.pledge.last_update.note if e.pledge.last_update else None,
    "actors": lambda e: _joined(e.pledge.actors),
    "themes": lambda e: _joined(e.pledge.themes),
    "related": lambda e: _joined(e.pledge.related),
    "links": lambda e: _joined([link.url for link in e.pledge.links]),
    "summary": lambda e: e.pledge.summary,
    "original_language": lambda e: e.pledge.original.language if e.pledge.original else None,
    "original_text": lambda e: e.pledge.original.text if e.pledge.original else None,
    "assessment_count": lambda e: str(len(e.pledge.assessments)),
    "score": _score,
}
# Cells that are numbers tracker wrote, never text from a file: `-0.5` is a number, not a formula.
_NUMBERS = frozenset({"assessment_count", "score"})


def safe_cell(value: str | None) -> str:
    """The text of a cell, defused when a spreadsheet would read it as a formula."""
    if value is None:
        return ""
    return "'" + value if value.startswith(_FORMULA_START) else value


def as_csv(entries: Iterable[PledgeEntry]) -> str:
    """A header row and one row per pledge, lines ending in CRLF as RFC 4180 says."""
    return "".join(csv_lines(entries))


def csv_lines(entries: Iterable[PledgeEntry]) -> Iterator[str]:
    """`as_csv` a row at a time: a pledge is read only when its row is asked for."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for entry in entries:
        writer.writerow(
            [
                (cell(entry) or "") if name in _NUMBERS else safe_cell(cell(entry))
                for name, cell in COLUMNS.items()
            ]
        )
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    yield out.getvalue()  # the header, when there is no pledge
