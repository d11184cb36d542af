"""`tracker import`: from a declaration as a file (text, PDF, web page, Word) to numbered
paragraphs, each operative or preambular, and from those to pledge drafts, which the store writes.

- `sources`: reads the file, whatever its kind, to plain text (page furniture of PDFs removed,
  the main content of web pages only);
- `text`: repairs the characters and cuts the text into numbered, classified paragraphs, with
  an annex's paragraphs numbered in a sequence of their own (`a1`, `a2`, …);
- `drafts`: proposes a title, actors and a due date for each operative paragraph;
- `rules`: every word of every language the importer knows.

Nothing here writes: `plan` says what an import would write, and `tracker.store.
write_declaration` writes it, all or nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from .drafts import Draft, draft_all, pledge_drafts
from .sources import MAX_INPUT_BYTES, MAX_TEXT_CHARS, Source, read_source, read_text
from .text import (
    CHAPEAU,
    OPERATIVE,
    ORDER_OF_STATEMENT,
    PREAMBULAR,
    PRINTED,
    Paragraph,
    Parsed,
    classify,
    detect_language,
    parse,
    records,
    repair_mojibake,
)

__all__ = [
    "CHAPEAU",
    "MAX_INPUT_BYTES",
    "MAX_TEXT_CHARS",
    "OPERATIVE",
    "ORDER_OF_STATEMENT",
    "PREAMBULAR",
    "PRINTED",
    "Draft",
    "Paragraph",
    "Parsed",
    "Source",
    "classify",
    "describe",
    "detect_language",
    "draft_all",
    "import_notes",
    "number_ranges",
    "parse",
    "plan",
    "pledge_drafts",
    "read_source",
    "read_text",
    "record",
    "records",
    "repair_mojibake",
]


def number_ranges(numbers: Sequence[str]) -> str:
    """`16, 17, 18, 20` → `16–18, 20`; `a1, a2, a3` → `a1–a3`."""
    runs: list[list[str]] = []
    for number in numbers:
        previous = runs[-1][-1] if runs else ""
        if _follows(previous, number):
            runs[-1].append(number)
            continue
        runs.append([number])
    return ", ".join(run[0] if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs)


def _follows(previous: str, number: str) -> bool:
    head, tail = previous[:1] if previous[:1].isalpha() else "", number[:1]
    tail = tail if tail.isalpha() else ""
    a, b = previous[len(head) :], number[len(tail) :]
    return head == tail and a.isdigit() and b.isdigit() and int(b) == int(a) + 1


def describe(parsed: Parsed) -> str:
    """What was found, in a line or two: `26 paragraphs, 11 operative (16–26); printed
    numbers; language da`, the annexes' headings, and that the drafts are proposals."""
    operative = [p.number for p in parsed.operative if p.number]
    numbering = (
        "printed numbers" if parsed.numbering == PRINTED else "numbered in order of statement"
    )
    which = f" ({number_ranges(operative)})" if operative else ""
    sections = "".join(f"; {letter}…: {heading}" for letter, heading in parsed.sections)
    return (
        f"{len(parsed.paragraphs)} paragraphs, {len(operative)} operative{which}; "
        f"{numbering}; language {parsed.language}{sections}\n"
        "titles, actors and due dates are proposals: check them, or edit the files after import"
    )


def record(draft: Draft) -> dict[str, Any]:
    """One paragraph as `--dry-run --format json` gives it (documented in docs/json.md)."""
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


def import_notes(parsed: Parsed, source: str) -> str:
    """What the declaration file says about how its pledges were made."""
    operative = parsed.operative
    if parsed.numbering == PRINTED:
        how = "Paragraph numbers are the printed ones"
    else:
        how = "The text numbers nothing: its sentences and items are numbered in order of statement"
    numbers = number_ranges([p.number for p in operative if p.number])
    sections = "".join(
        f" Paragraphs {letter}1… are those of {heading}, numbered again from 1 in the text."
        for letter, heading in parsed.sections
    )
    return (
        f"Imported from {source} with tracker import. {how}; "
        f"{len(operative)} of {len(parsed.paragraphs)} are operative and have a pledge file "
        f"({numbers or 'none'}).{sections} Titles, actors and due dates are drafts proposed by "
        "the importer; the original texts are the imported text after automatic repair and "
        "should be checked against the source."
    )


def plan(
    parsed: Parsed,
    *,
    source: str,
    title: str | None = None,
    short: str | None = None,
    date: dt.date | None = None,
) -> tuple[dict[str, Any], list[tuple[str, dict[str, Any]]]]:
    """What an import writes: the declaration's keys, and each pledge's number and keys."""
    declaration: dict[str, Any] = {
        "title": title or parsed.title or source,
        "short": short,
        "date": date,
        "language": parsed.language,
        "numbering": parsed.numbering,
        "sources": [{"title": source}],
        "notes": import_notes(parsed, source),
    }
    pledges = []
    for draft in pledge_drafts(parsed, date):
        assert draft.number is not None and draft.title is not None
        pledge: dict[str, Any] = {
            "title": draft.title,
            "original": {"language": parsed.language, "text": draft.text},
            "status": "unassessed",
            "actors": list(draft.actors),
            "due": draft.due,
        }
        pledges.append((draft.number, pledge))
    return declaration, pledges
