"""How values read in a cell or a sentence, the same in every format: the pledge table's
columns and cells, and the report's counts, shares and scores.

A leaf: it imports no other renderer, so every format imports it and none imports another's
helpers (no import cycles inside render/, checked by import-linter; see CONTRIBUTING.md).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..model import before
from ..vocabulary import SCORE_FORMULA

if TYPE_CHECKING:
    from ..model import PledgeEntry
    from ..report import Figures, Group, PledgeState

# --- the pledge table ----------------------------------------------------------------------------

TABLE_COLUMNS = ("id", "status", "due", "updated", "title")
NOTHING = "No pledges match."


def due(entry: PledgeEntry) -> str:
    """The due date as `YYYY-MM-DD`, or ``."""
    return entry.pledge.due.isoformat() if entry.pledge.due else ""


def updated(entry: PledgeEntry, declared: dt.date | None = None) -> str:
    """The date of the newest update, as written (`2024-03-14`, `2022-10`), or ``; an update
    dated before the declaration (`declared`) is background, never the latest news."""
    dates = [u.date for u in entry.pledge.updates if not before(u.date, declared)]
    return max(dates).isoformat() if dates else ""


def table_row(
    entry: PledgeEntry, declared: dt.date | None = None
) -> tuple[str, str, str, str, str]:
    """The cells of TABLE_COLUMNS, as text; `declared` is the date of the pledge's declaration."""
    return (
        entry.id,
        entry.pledge.status,
        due(entry),
        updated(entry, declared),
        entry.pledge.title,
    )


# --- how figures read ----------------------------------------------------------------------------

# A score over fewer than this share of the pledges is shown greyed, as one to read with care.
THIN_SCORE_SHARE = 1 / 3
ASSESSMENT_NOTE = (
    "Scores: +1 complied, 0 partly or work under way, −1 not complied; the newest assessment of "
    "each actor counts."
)


def plural(count: int, noun: str) -> str:
    """`1 pledge`, `2 pledges`."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def formula(assessed: int) -> str:
    """The compliance score's formula with the number of pledges it was computed over."""
    return SCORE_FORMULA.replace(
        "mean over assessed pledges", f"mean over {plural(assessed, 'assessed pledge')}", 1
    )


def latest_news(state: PledgeState) -> str:
    """The date a pledge's news is counted from, marked when it is its declaration's date (and
    when that date is inferred rather than stated by a source)."""
    if state.latest is None:
        return "none"
    if state.latest_is_update:
        return state.latest.isoformat()
    return state.latest.isoformat() + (
        " (declared, inferred)" if state.declared_inferred else " (declared)"
    )


def declared(group: Group) -> str:
    """A declaration's date as reports show it: `2024-01-24 (inferred)` when no source states
    it; empty when it has none."""
    if group.date is None:
        return ""
    return group.date.isoformat() + (" (inferred)" if group.date_inferred else "")


def quiet_days(state: PledgeState) -> str:
    """Days without news, or `no date` when nothing gives a date to count from."""
    return "no date" if state.quiet_days is None else str(state.quiet_days)


def share(value: float | None) -> str:
    """`42%`, or `–` for the share of no pledges."""
    return "–" if value is None else f"{value:.0%}"


def score(value: float | None) -> str:
    """`+0.25`, `-1.00`, or `–` when nothing is assessed."""
    return "–" if value is None else f"{value:+.2f}"


def overall_score(value: float | None) -> str:
    """The compliance score as a headline: `-0.25`, or why there is none."""
    return "n/a (no pledge has been assessed yet)" if value is None else score(value)


def assessment(value: int | None) -> str:
    """One assessment in the compliance matrix: `+1`, `0`, `-1`, or empty."""
    return "" if value is None else f"{value:+d}" if value else "0"


def score_base(figures: Figures) -> str:
    """What a score stands on: `over 1 of 11 assessed`."""
    return f"over {figures.assessed} of {figures.pledges} assessed"


def thin_score(figures: Figures) -> bool:
    """True when fewer than a third of the pledges are assessed: a score to read with care."""
    return figures.pledges > 0 and figures.assessed < figures.pledges * THIN_SCORE_SHARE


def headline_score(figures: Figures) -> str:
    """`+0.00 over 1 of 11 assessed`, or why there is no score."""
    if figures.score is None:
        return overall_score(None)
    return f"{score(figures.score)} {score_base(figures)}"


def evidence(state: PledgeState) -> list[tuple[str, str]]:
    """A pledge's evidence: `(label, url)` for its links, then the links of its updates (newest
    first), each URL once."""
    pledge = state.entry.pledge
    found: dict[str, str] = {}
    for item in pledge.links:
        found.setdefault(str(item.url), item.kind or item.title or "link")
    for update in sorted(pledge.updates, key=lambda u: u.date, reverse=True):
        for url in update.links:
            found.setdefault(str(url), f"update {update.date.isoformat()}")
    return [(label, url) for url, label in found.items()]
