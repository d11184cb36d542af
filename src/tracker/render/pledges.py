"""Pledge lists in every list format: a terminal table, JSON records, bare ids."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..model import PledgeEntry, pledge_record

if TYPE_CHECKING:
    from rich.console import RenderableType

LIST_FORMATS = ("table", "json", "ids")


def as_json(entries: Sequence[PledgeEntry]) -> str:
    """A list of flat pledge records (see README, "JSON fields"); `[]` when there is none."""
    return json.dumps([pledge_record(e) for e in entries], ensure_ascii=False, indent=2) + "\n"


def as_ids(entries: Sequence[PledgeEntry]) -> str:
    return "".join(entry.id + "\n" for entry in entries)


def render_list(entries: Sequence[PledgeEntry], fmt: str, today: dt.date) -> str | RenderableType:
    if fmt == "json":
        return as_json(entries)
    if fmt == "ids":
        return as_ids(entries)
    from .terminal import pledge_table

    return pledge_table(entries, today)
