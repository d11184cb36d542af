"""Progress figures: counts and shares by status, the compliance score, overdue and stale pledges,
per declaration, theme and actor, the per-actor compliance matrix, and recent updates.

Pure computation over loaded pledges, reproducible for a given `as_of` day; the renderers in
tracker.render turn a Report into terminal, Markdown, JSON or HTML output.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING

from . import query
from .model import (
    STATUS_SCORE,
    PledgeEntry,
    Status,
    Update,
    before,
    natural_key,
    newest_assessments,
)
from .query import Narrowing
from .vocabulary import STALE_DAYS

if TYPE_CHECKING:
    from .store import Catalog

RECENT_DAYS = 30


@dataclass(frozen=True, slots=True)
class Figures:
    """The figures of one group of pledges."""

    pledges: int
    by_status: dict[str, int]  # every status of the vocabulary, in its order, zeros included
    overdue: int
    stale: int
    assessed: int  # pledges whose status has a score (all but unassessed)
    score: float | None  # mean of +1/0/-1 over assessed pledges; None when none is assessed

    def share(self, status: str) -> float | None:
        return self.by_status.get(status, 0) / self.pledges if self.pledges else None

    @property
    def completed(self) -> int:
        return self.by_status.get("completed", 0)

    @property
    def completed_share(self) -> float | None:
        return self.share("completed")


@dataclass(frozen=True, slots=True)
class Group:
    """One row of a breakdown: a declaration (by slug), a theme or an actor."""

    name: str
    label: str  # what tables show: a declaration's short label, else the name
    figures: Figures
    date: dt.date | None = None  # a declaration's date
    title: str | None = None  # a declaration's full title
    date_inferred: str | None = None  # the basis, when no source states the date


# Not frozen: a report makes one per pledge, and a frozen dataclass sets each field through
# object.__setattr__, which took a seventh of the time a report at 100,000 pledges spent on figures.
@dataclass(slots=True)
class PledgeState:
    """One pledge as a report sees it on the `as_of` day. Renderers read it, never change it."""

    entry: PledgeEntry
    label: str  # its declaration's label
    overdue_days: int | None  # days past its due date, when overdue
    latest: dt.date | None  # its latest news: newest update up to as_of, else the declaration date
    latest_is_update: bool
    latest_note: str | None  # the note of its newest update up to as_of that has one
    quiet_days: int | None  # days since `latest`; None when there is no date to count from
    stale: bool  # open, and no news for stale_days or more (or no date to count from)
    counted: int  # what a group's figures count of it: its (status, overdue, stale) in _KINDS
    declared: dt.date | None = None  # its declaration's date
    declared_inferred: bool = False  # that date is inferred, not stated by a source

    @property
    def overdue(self) -> bool:
        return self.overdue_days is not None


@dataclass(frozen=True, slots=True)
class RecentUpdate:
    state: PledgeState
    update: Update


@dataclass(frozen=True, slots=True)
class ComplianceRow:
    """One pledge's assessments: the newest score per actor, and their mean."""

    state: PledgeState
    scores: dict[str, int]
    mean: float


@dataclass(frozen=True, slots=True)
class Compliance:
    """The actor × pledge matrix of assessment scores (−1, 0, +1), G7/G20 Research Group style."""

    actors: list[str]
    rows: list[ComplianceRow]
    actor_means: dict[str, float]
    actor_counts: dict[str, int]
    mean: float | None  # over every score in the matrix

    @property
    def scores(self) -> int:
        return sum(len(row.scores) for row in self.rows)


@dataclass(frozen=True, slots=True)
class Report:
    as_of: dt.date
    narrowing: Narrowing
    stale_days: int
    recent_days: int
    total: Figures
    declarations: list[Group]
    themes: list[Group]
    actors: list[Group]
    pledges: list[PledgeState]  # in natural id order
    recent: list[RecentUpdate]  # newest first
    compliance: Compliance

    @property
    def overdue(self) -> list[PledgeState]:
        """Overdue pledges, longest overdue first."""
        found = [state for state in self.pledges if state.overdue_days is not None]
        return sorted(found, key=lambda state: -(state.overdue_days or 0))

    @property
    def stale(self) -> list[PledgeState]:
        """Stale pledges, longest without news first (those with no date to count from first)."""
        found = [state for state in self.pledges if state.stale]
        return sorted(found, key=lambda s: -s.quiet_days if s.quiet_days is not None else -1e9)

    @property
    def attention(self) -> list[PledgeState]:
        """Pledges overdue or stale, each once: the overdue first (longest first), then the
        stale."""
        overdue = self.overdue
        return overdue + [state for state in self.stale if not state.overdue]

    @property
    def undated(self) -> list[Group]:
        """Declarations with pledges but no date (a timeline cannot place them)."""
        return [
            group for group in self.declarations if group.date is None and group.figures.pledges
        ]


# --- figures ------------------------------------------------------------------------------------


_STATUSES = tuple(status.value for status in Status)
# Every way a pledge counts in figures, (status, overdue, stale), numbered: `figures` counts these
# small numbers, which hash at once, where a tuple is hashed anew each time it is counted (and a
# pledge is counted in its declaration, each of its themes and actors, and the total).
_KINDS = [(s, late, quiet) for s in _STATUSES for late in (False, True) for quiet in (False, True)]
_KIND = {kind: number for number, kind in enumerate(_KINDS)}
_COUNTED = attrgetter("counted")


def figures(states: Sequence[PledgeState]) -> Figures:
    by_status = dict.fromkeys(_STATUSES, 0)
    overdue = stale = assessed = total = 0
    # Pledges alike (status, overdue, stale) are counted together, in C: a pledge is in the
    # figures of its declaration, of each of its themes and actors, and of the whole report.
    for kind, count in Counter(map(_COUNTED, states)).items():
        status, late, quiet = _KINDS[kind]
        by_status[status] += count
        overdue += late * count
        stale += quiet * count
        score = STATUS_SCORE.get(status)
        if score is not None:
            assessed += count
            total += score * count
    return Figures(
        pledges=len(states),
        by_status=by_status,
        overdue=overdue,
        stale=stale,
        assessed=assessed,
        score=total / assessed if assessed else None,
    )


def pledge_state(
    entry: PledgeEntry,
    label: str,
    declared: dt.date | None,
    as_of: dt.date,
    stale_days: int = STALE_DAYS,
    declared_inferred: bool = False,
) -> PledgeState:
    """Where one pledge stands on `as_of`: how overdue, and how long without news (the same
    rules as `tracker list --overdue` and `--stale`, from tracker.query)."""
    pledge = entry.pledge
    # The newest update's date, shown as written (an update of `2022-10` stays `2022-10`; the
    # quiet days count from the end of its period: query.activity_day), and the newest note (of
    # two updates on one day, the later in the file).
    newest: dt.date | None = None
    noted: dt.date | None = None
    latest_note: str | None = None
    for update in pledge.updates:
        date = update.date
        if date > as_of or before(date, declared):
            continue  # after the day; or before the declaration, background (validate warns)
        if newest is None or date > newest:
            newest = date
        if update.note and (noted is None or date >= noted):
            noted, latest_note = date, update.note
    latest = newest if newest else declared if declared and declared <= as_of else None
    since = query.activity_day(newest or declared, as_of)
    quiet = None if since is None else (as_of - since).days
    overdue = (as_of - pledge.due).days if pledge.due and pledge.is_overdue(as_of) else None
    stale = query.quiet_for(pledge.status, quiet, stale_days)
    return PledgeState(
        entry=entry,
        label=label,
        overdue_days=overdue,
        latest=latest,
        latest_is_update=newest is not None,
        latest_note=latest_note,
        quiet_days=quiet,
        stale=stale,
        counted=_KIND[pledge.status, overdue is not None, stale],
        declared=declared,
        declared_inferred=declared_inferred,
    )


def _groups(
    states: Sequence[PledgeState], names_of: Callable[[PledgeEntry], Iterable[str]]
) -> list[Group]:
    """A group per name (a pledge counts once under each of its names), largest first."""
    members: dict[str, list[PledgeState]] = {}
    for state in states:
        for name in dict.fromkeys(names_of(state.entry)):
            members.setdefault(name, []).append(state)
    ordered = sorted(members.items(), key=lambda item: (-len(item[1]), item[0].casefold()))
    return [Group(name, name, figures(group)) for name, group in ordered]


def compliance(states: Sequence[PledgeState], actors: Collection[str] = ()) -> Compliance:
    """The matrix of the newest score per actor and pledge, with means per actor and pledge.

    With `actors` (compared case-insensitively), only their columns.
    """
    wanted = {actor.casefold() for actor in actors}
    rows = []
    by_actor: dict[str, list[int]] = {}
    for state in states:
        scores: dict[str, int] = {
            actor: assessment.score
            for actor, assessment in newest_assessments(state.entry.pledge.assessments).items()
            if not wanted or actor.casefold() in wanted
        }
        if not scores:
            continue
        rows.append(ComplianceRow(state, scores, sum(scores.values()) / len(scores)))
        for actor, score in scores.items():
            by_actor.setdefault(actor, []).append(score)
    everything = [score for scores in by_actor.values() for score in scores]
    return Compliance(
        actors=sorted(by_actor, key=str.casefold),
        rows=rows,
        actor_means={actor: sum(s) / len(s) for actor, s in by_actor.items()},
        actor_counts={actor: len(s) for actor, s in by_actor.items()},
        mean=sum(everything) / len(everything) if everything else None,
    )


def recent_updates(states: Sequence[PledgeState], as_of: dt.date, days: int) -> list[RecentUpdate]:
    """Updates dated in the `days` days up to and including `as_of`, newest first."""
    # A span reaching back before year 1 (`--recent-days 3000000`, `--as-of 0001-01-01`) takes
    # every update up to `as_of`.
    start = as_of - dt.timedelta(days=days) if days < (as_of - dt.date.min).days else None
    found = [
        (index, RecentUpdate(state, update))
        for state in states
        for index, update in enumerate(state.entry.pledge.updates)
        if (start is None or start < update.date)
        and update.date <= as_of
        and not before(update.date, state.declared)
    ]
    found.sort(key=lambda pair: (pair[1].update.date, natural_key(pair[1].state.entry.id), pair[0]))
    return [item for _, item in reversed(found)]


# --- narrowing ----------------------------------------------------------------------------------


def narrow(catalog: Catalog, narrowing: Narrowing) -> list[PledgeEntry]:
    """The pledges of the named declarations, themes and actors (any name within one kind, every
    kind given); themes and actors compare case-insensitively. Raises NotFound for a name that
    no pledge or declaration has."""
    if not narrowing:  # nothing to narrow, no name to check
        return list(catalog.pledges)
    query.check_names(catalog, narrowing)
    wanted = query.Query(
        declarations=narrowing.declarations, themes=narrowing.themes, actors=narrowing.actors
    )
    return query.select(catalog.pledges, wanted)


# --- the report ---------------------------------------------------------------------------------


def build(
    catalog: Catalog,
    as_of: dt.date | None = None,
    narrowing: Narrowing | None = None,
    stale_days: int = STALE_DAYS,
    recent_days: int = RECENT_DAYS,
) -> Report:
    """Every figure of a progress report on `as_of` (default: today).

    Statuses are those the files hold now; `as_of` fixes the day from which overdue and stale
    pledges and recent updates are counted, so that a report can be made again the same way.
    """
    as_of = as_of or dt.date.today()
    narrowing = narrowing or Narrowing()
    dates: Mapping[str, dt.date | None] = {
        slug: entry.declaration.date for slug, entry in catalog.declarations.items()
    }
    # What a pledge takes from its declaration, found once a declaration.
    declared = {
        slug: (catalog.label(slug), dates.get(slug), _inferred_date(catalog, slug) is not None)
        for slug in {entry.declaration for entry in catalog.pledges}
    }
    states = []
    for entry in narrow(catalog, narrowing):
        label, date, inferred = declared[entry.declaration]
        states.append(pledge_state(entry, label, date, as_of, stale_days, inferred))
    by_declaration: dict[str, list[PledgeState]] = {slug: [] for slug in narrowing.declarations}
    if not narrowing:
        # A declaration without pledges still has a row.
        by_declaration.update((slug, []) for slug in catalog.declarations)
    for state in states:  # one pass: the report stays linear in the pledges
        by_declaration.setdefault(state.entry.declaration, []).append(state)
    declarations = [
        Group(
            slug,
            catalog.label(slug),
            figures(by_declaration[slug]),
            dates.get(slug),
            catalog.declarations[slug].declaration.title if slug in catalog.declarations else None,
            _inferred_date(catalog, slug),
        )
        for slug in sorted(by_declaration)
    ]
    return Report(
        as_of=as_of,
        narrowing=narrowing,
        stale_days=stale_days,
        recent_days=recent_days,
        total=figures(states),
        declarations=declarations,
        themes=_groups(states, lambda entry: entry.pledge.themes),
        actors=_groups(states, lambda entry: entry.pledge.actors),
        pledges=states,
        recent=recent_updates(states, as_of, recent_days),
        compliance=compliance(states, narrowing.actors),
    )


def _inferred_date(catalog: Catalog, slug: str) -> str | None:
    """Why a declaration's date is inferred, when it is (see `inferred` in the file format)."""
    entry = catalog.declarations.get(slug)
    inferred = entry.declaration.inferred if entry else None
    return inferred.get("date") if inferred else None
