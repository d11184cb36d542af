"""Choosing and ordering pledges: a `Query` is data, and pure functions say what it means.

The store evaluates a Query in SQL over its index (`tracker.store.find`); the functions here say
the same over pledges in memory (every filter and sort key reads a pledge through
`model.PledgeFacts`; only `--search` reads its text), for what SQL leaves to them and as the
statement of what each filter means.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from .errors import NotFound
from .model import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    PledgeEntry,
    PledgeFacts,
    Status,
    before,
    natural_key,
    overdue,
)
from .vocabulary import DUE_SOON_DAYS, SORT_KEYS, STALE_DAYS

if TYPE_CHECKING:
    from .model import DeclarationEntry

OPEN = "open"  # a status filter that stands for every status still expecting action

# Declaration slug → the declaration's date (None when the file gives none or cannot be read).
Dates = Mapping[str, dt.date | None]
P = TypeVar("P", bound=PledgeFacts)


def _folded(values: Iterable[str]) -> frozenset[str]:
    return frozenset(value.casefold() for value in values)


def _words(text: str) -> str:
    """Case- and line-break-insensitive form of a text, for searching."""
    return " ".join(text.casefold().split())


def _end(day: dt.date) -> dt.date:
    """The last day a (partial) date stands for: `2024-03` ends on 31 March."""
    return getattr(day, "last_day", day)


@dataclass(frozen=True, slots=True, kw_only=True)
class Query:
    """Which pledges to keep: every kind given must match; within a kind, any value may.

    Statuses, actors, themes and declarations compare without regard to case; `open` among the
    statuses stands for every status but `completed` and `dropped`. Dates are partial dates as a
    person types them: `due_before=2024-03` keeps pledges due before 1 March 2024, `due_after=2024`
    those due after 31 December 2024. `as_of` is the day that `overdue` and `stale` count from
    (today when not given).
    """

    statuses: Collection[str] = frozenset()
    declarations: Collection[str] = frozenset()
    actors: Collection[str] = frozenset()
    themes: Collection[str] = frozenset()
    due_before: dt.date | None = None
    due_after: dt.date | None = None
    overdue: bool = False
    stale: int | None = None  # days without an update
    attention: bool = False  # overdue, or stale for STALE_DAYS, or due within `within` days
    within: int = DUE_SOON_DAYS
    search: Collection[str] = ()
    as_of: dt.date | None = None
    _needles: tuple[str, ...] = field(default=(), init=False, repr=False, compare=False)
    _by_due: bool = field(default=False, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        statuses = _folded(self.statuses)
        if OPEN in statuses:
            statuses = (statuses - {OPEN}) | OPEN_STATUSES
        unknown = statuses - {s.value for s in Status}
        if unknown:
            raise ValueError(f"unknown status {', '.join(sorted(unknown))}")
        if self.stale is not None and self.stale < 0:
            raise ValueError("stale must be a number of days, 0 or more")
        if self.within < 0:
            raise ValueError("within must be a number of days, 0 or more")
        set_ = object.__setattr__  # frozen: normalise once, here
        set_(self, "statuses", statuses)
        set_(self, "declarations", _folded(self.declarations))
        set_(self, "actors", _folded(self.actors))
        set_(self, "themes", _folded(self.themes))
        set_(self, "_needles", tuple(_words(text) for text in self.search if text.strip()))
        dated = self.due_before is not None or self.due_after is not None or self.overdue
        set_(self, "_by_due", dated)

    def matches(self, entry: PledgeFacts, declared: dt.date | None = None) -> bool:
        """Does `entry` pass every filter? `declared` is its declaration's date (for `stale`).
        A query that reads text needs a PledgeEntry; any other takes the facts alone."""
        # Cheapest first: the dates (and today) are read only when a filter asks for them.
        return (
            (not self.statuses or entry.status in self.statuses)
            and (not self.declarations or entry.declaration in self.declarations)
            and (not self.actors or not _folded(entry.actors).isdisjoint(self.actors))
            and (not self.themes or not _folded(entry.themes).isdisjoint(self.themes))
            and (not self._by_due or self._due_matches(entry))
            and (self.stale is None or is_stale(entry, self.stale, self._today(), declared))
            and (not self.attention or needs_attention(entry, self._today(), declared, self.within))
            and (not self._needles or _contains_any(searchable(entry), self._needles))  # type: ignore[arg-type]
        )

    def _due_matches(self, entry: PledgeFacts) -> bool:
        due = entry.due
        return (
            (self.due_before is None or (due is not None and due < self.due_before))
            and (self.due_after is None or (due is not None and due > _end(self.due_after)))
            and (not self.overdue or overdue(due, entry.status, self._today()))
        )

    def _today(self) -> dt.date:
        return self.as_of or dt.date.today()


def _contains_any(text: str, needles: Iterable[str]) -> bool:
    return any(needle in text for needle in needles)


def searchable(entry: PledgeEntry) -> str:
    """What `--search` looks in: title, summary, original text, update and assessment notes."""
    pledge = entry.pledge
    parts = [pledge.title, pledge.summary, pledge.original.text if pledge.original else None]
    parts += [update.note for update in pledge.updates]
    parts += [assessment.note for assessment in pledge.assessments]
    return _words("\n".join(part for part in parts if part))


def last_activity(
    entry: PledgeFacts, declared: dt.date | None = None, as_of: dt.date | None = None
) -> dt.date | None:
    """The day a pledge was last known to move, up to `as_of`: its newest update dated then or
    earlier (a partial date counts to its end: `2024-03` may have come on 31 March), else its
    declaration's date. None when there is neither."""
    dates = [
        date
        for date in entry.update_dates
        if (as_of is None or date <= as_of) and not before(date, declared)
    ]  # an update dated before its declaration is background, not news
    return activity_day(max(dates) if dates else declared, as_of)


def activity_day(since: dt.date | None, as_of: dt.date | None) -> dt.date | None:
    """`last_activity`, given the date of a pledge's newest news up to `as_of` (else its
    declaration's date)."""
    if since is None:
        return None
    end = _end(since)
    return min(end, as_of) if as_of is not None and since <= as_of else end


def quiet_days(entry: PledgeFacts, as_of: dt.date, declared: dt.date | None) -> int | None:
    """Days from a pledge's last activity to `as_of`; None when nothing gives a date."""
    since = last_activity(entry, declared, as_of)
    return None if since is None else (as_of - since).days


def is_stale(entry: PledgeFacts, days: int, as_of: dt.date, declared: dt.date | None) -> bool:
    """Still open, and no news for `days` days or more. A pledge never updated whose declaration
    has no date is stale: nothing shows that anyone has looked at it. One whose declaration is
    dated after `as_of` is not: it did not exist yet."""
    return quiet_for(entry.status, quiet_days(entry, as_of, declared), days)


def quiet_for(status: str, quiet: int | None, days: int) -> bool:
    """`is_stale`, given the pledge's `quiet_days`."""
    return status not in CLOSED_STATUSES and (quiet is None or quiet >= days)


def needs_attention(
    entry: PledgeFacts, as_of: dt.date, declared: dt.date | None, within: int = DUE_SOON_DAYS
) -> bool:
    """Open, and overdue, or due within `within` days of `as_of`, or stale (no news for
    STALE_DAYS, the report's span): what `tracker list --attention` keeps."""
    if entry.status in CLOSED_STATUSES:
        return False
    due = entry.due
    soon = due is not None and due <= as_of + dt.timedelta(days=within)
    return soon or is_stale(entry, STALE_DAYS, as_of, declared)


def overdue_days(entry: PledgeFacts, as_of: dt.date) -> int | None:
    """Days past its due date on `as_of`, when overdue."""
    due = entry.due
    return (as_of - due).days if due is not None and overdue(due, entry.status, as_of) else None


def select(
    entries: Iterable[P],
    query: Query | None = None,
    /,
    *,
    declared: Dates | None = None,
    **criteria: Any,
) -> list[P]:
    """The entries that `query` keeps, in their given order.

    `criteria` are Query fields, a shorthand: `select(entries, statuses={"open"})`.
    """
    query = query or Query(**criteria)
    declared = declared or {}
    return [entry for entry in entries if query.matches(entry, declared.get(entry.declaration))]


# --- order ---------------------------------------------------------------------------------------

_STATUS_ORDER = {status.value: index for index, status in enumerate(Status)}


def _sort_keys(declared: Dates) -> dict[str, Callable[[PledgeFacts], Any]]:
    """Each sort key as a function; None means "no value" (such pledges sort last)."""

    def declaration(entry: PledgeFacts) -> Any:
        date = declared.get(entry.declaration)
        return None if date is None else (date, natural_key(entry.declaration))

    def updated(entry: PledgeFacts) -> Any:
        since = declared.get(entry.declaration)  # the newest update's date, background aside
        return max((d for d in entry.update_dates if not before(d, since)), default=None)

    return {
        "id": lambda entry: natural_key(entry.id),
        "due": lambda entry: entry.due,
        "status": lambda entry: _STATUS_ORDER[entry.status],
        "updated": updated,
        "declaration": declaration,
    }


def parse_sort(text: str) -> tuple[str, bool]:
    """`-due` → (`due`, descending). Raises ValueError for an unknown key."""
    name = text.strip()
    descending = name.startswith("-")
    name = name.removeprefix("-")
    if name not in SORT_KEYS:
        raise ValueError(f"cannot sort by '{text}' (one of: {', '.join(SORT_KEYS)}; '-' reverses)")
    return name, descending


def order(entries: Iterable[P], sort: str = "id", *, declared: Dates | None = None) -> list[P]:
    """Entries sorted by `sort` (`id`, `due`, `status`, `updated`, `declaration`; a leading `-`
    sorts descending). Ties stay in natural id order; pledges without a due date, an update or a
    dated declaration come last whichever way the sort goes. `declaration` sorts by the
    declaration's date.
    """
    name, descending = parse_sort(sort)
    key = _sort_keys(declared or {})[name]
    in_id_order = by_id(entries)
    if name == "id":
        return in_id_order[::-1] if descending else in_id_order
    keyed = [(key(entry), entry) for entry in in_id_order]
    present = [pair for pair in keyed if pair[0] is not None]
    missing = [entry for value, entry in keyed if value is None]
    # sorted() is stable also with reverse=True, so ties keep id order either way.
    present.sort(key=lambda pair: pair[0], reverse=descending)
    return [entry for _, entry in present] + missing


class _Declarations(Protocol):
    @property
    def declarations(self) -> Mapping[str, DeclarationEntry]: ...


def declaration_dates(catalog: _Declarations) -> dict[str, dt.date | None]:
    return {slug: entry.declaration.date for slug, entry in catalog.declarations.items()}


def _chosen(
    pledges: Iterable[P], declarations: _Declarations, query: Query | None, sort: str
) -> list[P]:
    dates = declaration_dates(declarations)
    return order(select(pledges, query or Query(), declared=dates), sort, declared=dates)


class _Catalog(_Declarations, Protocol):
    @property
    def pledges(self) -> Sequence[PledgeEntry]: ...


def find(catalog: _Catalog, query: Query | None = None, sort: str = "id") -> list[PledgeEntry]:
    """The catalog's pledges that `query` keeps, sorted by `sort`: what `tracker list` shows."""
    return _chosen(catalog.pledges, catalog, query, sort)


def by_id(entries: Iterable[P]) -> list[P]:
    """Natural id order: `eu-clasi-2023-9` before `eu-clasi-2023-16`."""
    return sorted(entries, key=lambda entry: natural_key(entry.id))


# --- names that must exist -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Narrowing:
    """What the report was narrowed to; empty means everything."""

    declarations: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.declarations or self.themes or self.actors)

    def parts(self) -> list[tuple[str, tuple[str, ...]]]:
        """`(kind, names)` for each kind narrowed: declaration, theme, actor."""
        kinds = (
            ("declaration", self.declarations),
            ("theme", self.themes),
            ("actor", self.actors),
        )
        return [(kind, names) for kind, names in kinds if names]


class _Names(Protocol):
    @property
    def declarations(self) -> Mapping[str, DeclarationEntry]: ...
    @property
    def pledges(self) -> Sequence[PledgeFacts]: ...


def check_names(source: _Names, narrowing: Narrowing) -> None:
    """Raise NotFound, with the nearest known names, for a declaration, theme or actor that no
    pledge (or declaration) of `source` has: an unknown name is more likely a typo than a wish
    for an empty answer. Names compare without regard to case, as the filters do."""
    pledges = source.pledges
    known = {
        "declaration": set(source.declarations) | {p.declaration for p in pledges},
        "theme": {theme for p in pledges for theme in p.themes},
        "actor": {actor for p in pledges for actor in p.actors},
    }
    check_known(known, narrowing)


def check_known(known: Mapping[str, Collection[str]], narrowing: Narrowing) -> None:
    """`check_names`, given the names known of each kind (declaration, theme, actor)."""
    for kind, names in narrowing.parts():
        _check_known(kind, names, known.get(kind, ()))


def _check_known(kind: str, wanted: Iterable[str], known: Collection[str]) -> None:
    import difflib

    folded = {name.casefold(): name for name in known}
    for name in wanted:
        if name.casefold() not in folded:
            close = difflib.get_close_matches(name.casefold(), sorted(folded), n=3, cutoff=0.6)
            close = [folded[name] for name in close]
            hint = f" (did you mean {' or '.join(close)}?)" if close else ""
            raise NotFound(f"no {kind} '{name}'{hint}", close)
