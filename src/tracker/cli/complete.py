"""Shell completion of values from the data: pledge ids, declaration slugs, themes, actors,
statuses and link kinds.

A completion runs on every Tab, so each reads as little as it can: ids and slugs come from the
folder layout alone (names, no file read); themes and actors from the cache's index, which a
warm cache answers without parsing a file. A completion never fails: with no data folder, or
one that cannot be read, it offers nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from typer._click.core import Context

from ..vocabulary import LINK_KINDS, Status


def _root(ctx: Context) -> Path | None:
    """The data folder the command line being completed works on: its --root (before or after
    the command: the group takes both), else TRACKER_ROOT, else the nearest commitments/."""
    from ..errors import TrackerError
    from ..store import find_root

    given = ctx.find_root().params.get("root")
    try:
        return find_root(given)
    except (TrackerError, OSError):
        return None


def _matching(words: Iterable[str], incomplete: str) -> list[str]:
    return sorted({word for word in words if word.startswith(incomplete)})


def _layout_words(ctx: Context, pick: Callable[[Any], Iterable[str]]) -> Iterable[str]:
    from ..store import scan

    root = _root(ctx)
    if root is None:
        return ()
    try:
        return pick(scan(root))
    except OSError:
        return ()


def ids(ctx: Context, incomplete: str) -> list[str]:
    """Pledge ids, from file names alone."""
    return _matching(_layout_words(ctx, lambda layout: (p.id for p in layout.pledges)), incomplete)


def slugs(ctx: Context, incomplete: str) -> list[str]:
    """Declaration slugs: the folders of the data folder."""
    return _matching(_layout_words(ctx, lambda layout: layout.declarations), incomplete)


def _known(ctx: Context, kind: str, incomplete: str) -> list[str]:
    import os

    from ..errors import TrackerError
    from ..store import cache_folder, find

    root, folder = _root(ctx), cache_folder()
    if root is None or folder is None or os.environ.get("TRACKER_NO_CACHE"):
        return []  # without the index, reading every file is no Tab's work
    try:
        known = find(root, cache=folder, build=False, names={kind: ()}).known
    except (TrackerError, OSError):
        return []
    return _matching(sorted(known[kind]), incomplete)


def themes(ctx: Context, incomplete: str) -> list[str]:
    """The themes the pledges list (from the index)."""
    return _known(ctx, "theme", incomplete)


def actors(ctx: Context, incomplete: str) -> list[str]:
    """The actors the pledges list (from the index)."""
    return _known(ctx, "actor", incomplete)


def statuses(ctx: Context, incomplete: str) -> list[str]:
    return _matching((status.value for status in Status), incomplete)


def kinds(ctx: Context, incomplete: str) -> list[str]:
    return _matching(LINK_KINDS, incomplete)
