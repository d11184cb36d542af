"""What a write did, for people: one line per pledge saying what changed, and the unified diff."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import display_path

if TYPE_CHECKING:
    from ..model import Change


def summary(pledge_id: str, changes: Sequence[str], *, dry_run: bool = False) -> str:
    """`eu-clasi-2023-20: unassessed → in-progress; update 2024-03-14 added`"""
    text = f"{pledge_id}: {'; '.join(changes) or 'nothing changed'}"
    if dry_run:
        text += " (dry run: nothing written)"
    return text + "\n"


def created(what: str, path: Path, base: Path | None = None) -> str:
    """`eu-clasi-2023-27: created commitments/eu-clasi-2023/27.yaml`"""
    return f"{what}: created {display_path(path, base)}\n"


def unified_diff(before: str, after: str, path: Path, base: Path | None = None) -> str:
    """The change as `git diff` shows it: `a/` and `b/` paths, three lines of context."""
    name = display_path(path, base)
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        f"a/{name}",
        f"b/{name}",
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def line_counts(before: str, after: str) -> str:
    """`+5 −1 lines`: how many lines an edit added and removed."""
    added = removed = 0
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        added += line.startswith("+ ")
        removed += line.startswith("- ")
    return f"+{added} −{removed} lines"


def report(change: Change, *, show_diff: bool = False, dry_run: bool = False) -> str:
    """The summary line of a write and, when asked for (always on a dry run), its diff."""
    text = summary(change.id, change.changes, dry_run=dry_run)
    if show_diff or dry_run:
        text += unified_diff(change.before, change.after, change.path)
    return text
