"""Choosing and ordering pledges: pure functions over loaded entries."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from .model import PledgeEntry, natural_key


def select(
    entries: Iterable[PledgeEntry],
    *,
    statuses: Collection[str] = (),
    declarations: Collection[str] = (),
) -> list[PledgeEntry]:
    """The entries that match every given kind of filter (any value within one kind)."""
    return [
        entry
        for entry in entries
        if (not statuses or entry.pledge.status in statuses)
        and (not declarations or entry.declaration in declarations)
    ]


def by_id(entries: Iterable[PledgeEntry]) -> list[PledgeEntry]:
    """Natural id order: `eu-clasi-2023-9` before `eu-clasi-2023-16`."""
    return sorted(entries, key=lambda entry: natural_key(entry.id))
