"""Progress figures: counts and shares by status, the compliance score, overdue pledges.

Pure computation over loaded pledges; the renderers in tracker.render turn a Summary into output.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .model import STATUS_SCORE, PledgeEntry
from .store import Catalog


@dataclass(frozen=True, slots=True)
class Figures:
    """The figures of one group of pledges."""

    pledges: int
    by_status: dict[str, int]
    overdue: int
    assessed: int  # pledges whose status has a score (all but unassessed)
    score: float | None  # mean of +1/0/-1 over assessed pledges; None when none is assessed

    @property
    def completed_share(self) -> float | None:
        return self.by_status.get("completed", 0) / self.pledges if self.pledges else None


@dataclass(frozen=True, slots=True)
class DeclarationFigures(Figures):
    slug: str = ""
    label: str = ""
    date: str = ""


@dataclass(frozen=True, slots=True)
class Summary:
    as_of: dt.date
    declarations: list[DeclarationFigures]
    total: Figures


def figures(pledges: Sequence[PledgeEntry], today: dt.date) -> Figures:
    by_status = Counter(entry.pledge.status for entry in pledges)
    scores = [STATUS_SCORE[e.pledge.status] for e in pledges if e.pledge.status in STATUS_SCORE]
    return Figures(
        pledges=len(pledges),
        by_status=dict(by_status),
        overdue=sum(entry.pledge.is_overdue(today) for entry in pledges),
        assessed=len(scores),
        score=sum(scores) / len(scores) if scores else None,
    )


def summarize(catalog: Catalog, today: dt.date | None = None) -> Summary:
    """Figures per declaration (every declaration folder, even one without pledges) and in all."""
    today = today or dt.date.today()
    slugs = sorted(set(catalog.declarations) | {e.declaration for e in catalog.pledges})
    rows = []
    for slug in slugs:
        group = [entry for entry in catalog.pledges if entry.declaration == slug]
        declaration = catalog.declarations.get(slug)
        date = declaration.declaration.date if declaration else None
        base = figures(group, today)
        rows.append(
            DeclarationFigures(
                **{name: getattr(base, name) for name in Figures.__dataclass_fields__},
                slug=slug,
                label=catalog.label(slug),
                date=date.isoformat() if date else "",
            )
        )
    return Summary(today, rows, figures(catalog.pledges, today))
