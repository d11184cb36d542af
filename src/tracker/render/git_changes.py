"""What git knows, for people and programs: a pledge's history, and what moved between two
revisions, as plain text, Markdown and JSON (the progress report embeds the same sections)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..model import plain
from .cells import plural
from .markdown import escape

if TYPE_CHECKING:
    from ..history import Changes, Delta, History, PledgeMoves, Point

FORMAT_VERSION = 1


# --- in words, the same in every format ----------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(text.split())


def delta_parts(delta: Delta) -> list[str]:
    """What changed, in words: `in-progress → completed`, `update 2024-03-14 added (completed):
    …`, `link https://… added`, `due 2025-12-31 → 2026-06-30`, `title edited`."""
    from ..history import id_of

    parts = []
    before, after = delta.status or (None, None)
    if delta.file == "added":
        parts.append(f"added ({after})" if after else "added")
    elif delta.file == "removed":
        parts.append(f"removed (was {before})" if before else "removed")
    elif delta.file == "renamed":
        parts.append(f"renamed from {id_of(delta.renamed_from or '')}")
    if before and after:
        parts.append(f"{before} → {after}")
    for update in delta.updates:
        words = f"update {update.date.isoformat()} added"
        if update.status:
            words += f" ({update.status})"
        if update.note:
            words += f": {_one_line(update.note)}"
        parts.append(words)
    parts.extend(f"link {link.url} added" for link in delta.links)
    for assessment in delta.assessments:
        words = "assessment"
        if assessment.date:
            words += f" {assessment.date.isoformat()}"
        score = f"{assessment.score:+d}".replace("+0", "0")
        words += f" by {assessment.actor} added ({score})"
        if assessment.note:
            words += f": {_one_line(assessment.note)}"
        parts.append(words)
    if delta.due is not None and delta.file != "added":
        old, new = (date.isoformat() if date else "none" for date in delta.due)
        parts.append(f"due {old} → {new}")
    if delta.edited:
        parts.append(f"{', '.join(delta.edited)} edited")
    parts.extend(f"{side} version cannot be read: {why}" for side, why in delta.unreadable)
    if not parts:
        parts.append("layout or comments only")
    return parts


def moves_parts(moves: PledgeMoves) -> list[str]:
    """What moved in one pledge, with `overdue since …` when it fell due in between."""
    parts = [] if moves.delta.file == "unchanged" else delta_parts(moves.delta)
    if moves.overdue_since is not None:
        parts.append(f"overdue since {moves.overdue_since.isoformat()}")
    return parts


def point(point: Point) -> str:
    """`HEAD~3 (3f15d82, 2024-03-14)`, or for a date before any commit, what was given."""
    if point.sha is None or point.date is None:
        return f"{point.given} (before the first commit)"
    return f"{point.given} ({point.sha[:7]}, {point.date.date().isoformat()})"


def counts_line(changes: Changes) -> str:
    """`1 pledge added, 0 removed, 2 status moves, 1 update added, 0 links added, 1 pledge
    became overdue` (and `, 2 assessments added` when there are some)"""
    counts = changes.counts()
    return ", ".join(
        [
            f"{plural(counts['added'], 'pledge')} added",
            f"{counts['removed']} removed",
            plural(counts["status_moves"], "status move"),
            f"{plural(counts['updates_added'], 'update')} added",
            f"{plural(counts['links_added'], 'link')} added",
            f"{plural(counts['became_overdue'], 'pledge')} became overdue",
        ]
        # Said only when there are some, so that the line of a change without any stays as it was.
        + [f"{plural(n, 'assessment')} added" for n in [counts["assessments_added"]] if n]
    )


def heading(changes: Changes) -> str:
    return f"Changes from {point(changes.since)} to {point(changes.until)}"


# --- JSON ----------------------------------------------------------------------------------------


def delta_data(delta: Delta) -> dict[str, Any]:
    from ..history import id_of

    def move(pair: tuple[Any, Any] | None) -> dict[str, Any] | None:
        return None if pair is None else {"from": plain(pair[0]), "to": plain(pair[1])}

    return {
        "file": delta.file,
        "path": delta.path,
        "renamed_from": id_of(delta.renamed_from) if delta.renamed_from else None,
        "status": move(delta.status),
        "updates_added": plain(delta.updates),
        "links_added": plain(delta.links),
        "assessments_added": plain(delta.assessments),
        "due": move(delta.due),
        "edited": list(delta.edited),
        "unreadable": [{"version": side, "problem": why} for side, why in delta.unreadable],
    }


def _point_data(point: Point) -> dict[str, Any]:
    return {
        "given": point.given,
        "commit": point.sha,
        "date": point.date.isoformat() if point.date else None,
    }


def changes_data(changes: Changes) -> dict[str, Any]:
    return {
        "since": _point_data(changes.since),
        "until": _point_data(changes.until),
        "counts": changes.counts(),
        "declarations": [
            {
                "slug": slug,
                "label": label,
                "pledges": [
                    {
                        "id": moves.id,
                        "title": moves.title,
                        **delta_data(moves.delta),
                        "became_overdue": plain(moves.overdue_since),
                    }
                    for moves in found
                ],
            }
            for slug, label, found in changes.by_declaration()
        ],
    }


def history_data(history: History) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "id": history.id,
        "path": history.path,
        "commits": [
            {
                "commit": revision.commit.sha,
                "date": revision.commit.date.isoformat(),
                "author": revision.commit.author,
                "subject": revision.commit.subject,
                **delta_data(revision.delta),
            }
            for revision in history.revisions
        ],
    }


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- plain text and Markdown ---------------------------------------------------------------------


def history_text(history: History) -> str:
    count = len(history.revisions)
    if not count:
        return f"{history.id}: no commit touches {history.path} (is it committed?)\n"
    lines = [f"{history.id}: {plural(count, 'commit')} touched {history.path}, newest first", ""]
    for revision in history.revisions:
        commit = revision.commit
        lines.append(
            f"{commit.date.date().isoformat()}  {commit.sha[:7]}  {commit.author}  "
            f"{_one_line(commit.subject)}"
        )
        lines.extend(f"    {part}" for part in delta_parts(revision.delta))
    return "\n".join(lines) + "\n"


def changes_lines(changes: Changes) -> list[str]:
    """The changes as plain text lines: heading, counts, then each declaration's pledges."""
    lines = [heading(changes), counts_line(changes)]
    if not changes.pledges:
        return [*lines, "", "Nothing moved."]
    for slug, label, found in changes.by_declaration():
        lines += ["", label if label == slug else f"{label} ({slug})"]
        width = max(len(moves.id) for moves in found)
        for moves in found:
            first, *more = moves_parts(moves)
            lines.append(f"  {moves.id:<{width}}  {first}")
            lines += [f"  {'':<{width}}  {part}" for part in more]
    return lines


def changes_markdown(changes: Changes, level: int = 2) -> list[str]:
    """The changes as Markdown lines, its heading at `level` and each declaration one below."""
    lines = [
        f"{'#' * level} {escape(heading(changes))}",
        "",
        escape(counts_line(changes)) + ".",
        "",
    ]
    if not changes.pledges:
        return [*lines, "Nothing moved.", ""]
    for _, label, found in changes.by_declaration():
        lines += [f"{'#' * (level + 1)} {escape(label)}", ""]
        lines += ["| pledge | title | what moved |", "|---|---|---|"]
        lines += [
            f"| {moves.id} | {escape(moves.title or '')} | "
            f"{'<br>'.join(escape(part) for part in moves_parts(moves))} |"
            for moves in found
        ]
        lines.append("")
    return lines


# --- the switches ---------------------------------------------------------------------------------


def render_history(history: History, fmt: str) -> str:
    return _json(history_data(history)) if fmt == "json" else history_text(history)


def render_changes(changes: Changes, fmt: str) -> str:
    if fmt == "json":
        return _json({"format_version": FORMAT_VERSION, **changes_data(changes)})
    if fmt == "markdown":
        return "\n".join(changes_markdown(changes))
    return "\n".join(changes_lines(changes)) + "\n"
