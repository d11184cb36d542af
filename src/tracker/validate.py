"""Checks on the whole data set, yielded as Problems, and the verdict they add up to.

Loading already reports what makes a single file unusable (syntax, unknown keys, bad dates, an
unknown status); the checks here need the loaded data: status agreement, dangling ids, evidence
for completed pledges, stale overdue pledges, actors or themes spelled two ways, and provenance:
quotations found in the kept sources, inferred facts marked, background kept out of updates.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import store
from .errors import ExitCode, InvalidData
from .model import DeclarationEntry, Level, PledgeEntry, Problem, status_disagreement
from .model import before as predates
from .store import Catalog
from .vocabulary import STALE_DAYS

if TYPE_CHECKING:
    from .provenance import Kept
    from .store.yamlfile import Locator


@dataclass(slots=True)
class Tally:
    """What the provenance checks looked at, for the summary line of `tracker validate`."""

    quotations: int = 0  # quotations found in a kept source
    sources: int = 0  # kept sources read
    inferred: int = 0  # facts marked as inferred


def check(
    catalog: Catalog,
    today: dt.date | None = None,
    *,
    strict: bool = False,
    tally: Tally | None = None,
) -> list[Problem]:
    """Every problem in the catalog: those found while loading, then the cross-file checks.
    With `strict`, each inferred fact is listed too (as info); `tally` receives the counts."""
    today = today or dt.date.today()
    problems = list(catalog.problems)
    problems.extend(_pledge_checks(catalog, today))
    problems.extend(_declaration_checks(catalog))
    problems.extend(_provenance_checks(catalog, strict, tally if tally is not None else Tally()))
    problems.extend(_spelling_checks(catalog.pledges, "actors", "actor"))
    problems.extend(_spelling_checks(catalog.pledges, "themes", "theme"))
    return sorted(set(problems), key=Problem.sort_key)


def under(path: Path, paths: Sequence[Path]) -> bool:
    """Is `path` one of `paths` or inside one of them?"""
    return any(path == chosen or chosen in path.parents for chosen in paths)


def within(problems: Iterable[Problem], paths: Sequence[Path]) -> list[Problem]:
    """The problems of files at or below `paths`."""
    chosen = [path.absolute() for path in paths]
    return [problem for problem in problems if under(problem.path, chosen)]


def verdict(problems: Iterable[Problem], strict: bool = False) -> ExitCode:
    """1 when there is an error (or, with `strict`, a warning); 0 otherwise."""
    failing: set[Level] = {"error", "warning"} if strict else {"error"}
    return ExitCode.PROBLEMS if any(p.level in failing for p in problems) else ExitCode.OK


def counts(problems: Iterable[Problem]) -> Counter[str]:
    return Counter(problem.level for problem in problems)


class _Lines:
    """Line numbers for problems found after loading: each file is read again only if needed."""

    def __init__(self) -> None:
        self._files: dict[Path, Locator] = {}

    def __call__(self, path: Path, *location: str | int, key: bool = False) -> int | None:
        from .store import yamlfile  # PyYAML only when there is a problem to place

        if path not in self._files:
            self._files[path] = yamlfile.Locator(store.read_text(path))
        return self._files[path].line(location, key=key)


def _problem(
    lines: _Lines,
    entry_path: Path,
    level: Level,
    code: str,
    message: str,
    *location: str | int,
    key: bool = False,
) -> Problem:
    return Problem(entry_path, lines(entry_path, *location, key=key), level, code, message)


def _pledge_checks(catalog: Catalog, today: dt.date) -> Iterator[Problem]:
    lines = _Lines()
    ids = {entry.id for entry in catalog.pledges} | {f.id for f in catalog.layout.pledges}
    for entry in catalog.pledges:
        pledge = entry.pledge
        path = entry.path
        for index, other in enumerate(pledge.related):
            if other == entry.id:
                yield _problem(
                    lines,
                    path,
                    "warning",
                    "related-self",
                    "related names the pledge itself",
                    "related",
                    index,
                )
            elif other not in ids:
                yield _problem(
                    lines,
                    path,
                    "error",
                    "dangling-related",
                    f"related pledge '{other}' does not exist",
                    "related",
                    index,
                )
        disagreement = status_disagreement(pledge)
        if disagreement is not None:
            yield _problem(lines, path, "error", "status-mismatch", disagreement, "status")
        for index, (before, after) in enumerate(itertools.pairwise(pledge.updates), 1):
            if after.date < before.date:
                yield _problem(
                    lines,
                    path,
                    "warning",
                    "update-order",
                    f"updates[{index}] ({after.date.isoformat()}) is older than the update "
                    f"before it ({before.date.isoformat()}): keep updates oldest first",
                    "updates",
                    index,
                    "date",
                )
        for field_name in ("updates", "assessments"):
            for index, item in enumerate(getattr(pledge, field_name)):
                if item.date is not None and item.date > today:
                    yield _problem(
                        lines,
                        path,
                        "warning",
                        "future-date",
                        f"{field_name}[{index}] is dated {item.date.isoformat()}, in the future",
                        field_name,
                        index,
                        "date",
                    )
        if pledge.status == "completed" and not _has_evidence(entry):
            yield _problem(
                lines,
                path,
                "warning",
                "no-evidence",
                "completed pledge with no evidence link (add one with a link of kind "
                "'evidence' or a link on an update)",
                "status",
            )
        if pledge.is_overdue(today):
            last = pledge.last_update
            if last is None or (today - last.date).days > STALE_DAYS:
                since = f"since {last.date.isoformat()}" if last else "ever"
                yield _problem(
                    lines,
                    path,
                    "warning",
                    "stale-overdue",
                    f"overdue since {pledge.due.isoformat()} with no update {since}",  # type: ignore[union-attr]
                    "due",
                )
        seen: set[str] = set()
        for index, link in enumerate(pledge.links):
            if link.url in seen:
                yield _problem(
                    lines,
                    path,
                    "warning",
                    "duplicate-link",
                    f"link {link.url} is listed twice",
                    "links",
                    index,
                )
            seen.add(link.url)
        for index, assessment in enumerate(pledge.assessments):
            if pledge.actors and assessment.actor not in pledge.actors:
                yield _problem(
                    lines,
                    path,
                    "info",
                    "assessment-actor",
                    f"assessment of '{assessment.actor}', who is not among the pledge's actors",
                    "assessments",
                    index,
                    "actor",
                )


def _has_evidence(entry: PledgeEntry) -> bool:
    pledge = entry.pledge
    return any(link.kind == "evidence" for link in pledge.links) or any(
        update.links for update in pledge.updates
    )


def _declaration_checks(catalog: Catalog) -> Iterator[Problem]:
    lines = _Lines()
    with_pledges = {entry.declaration for entry in catalog.pledges} | {
        f.declaration for f in catalog.layout.pledges
    }
    for slug, entry in catalog.declarations.items():
        for index, other in enumerate(entry.declaration.related):
            if other not in catalog.layout.declarations:
                yield _problem(
                    lines,
                    entry.path,
                    "error",
                    "dangling-related",
                    f"related declaration '{other}' does not exist",
                    "related",
                    index,
                )
        if slug not in with_pledges:
            yield Problem(entry.path, None, "info", "no-pledges", "declaration with no pledges yet")


def _spelling(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.casefold())


def _spelling_checks(
    pledges: Sequence[PledgeEntry], field_name: str, noun: str
) -> Iterator[Problem]:
    """An actor written `Europol` in one file and `EUROPOL` in another is probably one actor."""
    usage: dict[str, Counter[str]] = defaultdict(Counter)
    where: dict[str, list[tuple[PledgeEntry, int]]] = defaultdict(list)
    for entry in pledges:
        for index, name in enumerate(getattr(entry.pledge, field_name)):
            usage[_spelling(name)][name] += 1
            where[name].append((entry, index))
    lines = _Lines()
    for spellings in usage.values():
        if len(spellings) < 2:
            continue
        (common, _), *others = spellings.most_common()
        for name, _count in others:
            for entry, index in where[name]:
                yield _problem(
                    lines,
                    entry.path,
                    "warning",
                    f"{noun}-spelling",
                    f"{noun} '{name}' is spelled '{common}' elsewhere",
                    field_name,
                    index,
                )


# --- provenance ----------------------------------------------------------------------------------


def _provenance_checks(catalog: Catalog, strict: bool, tally: Tally) -> Iterator[Problem]:
    """Quotations found in the kept sources, inferred facts named and counted, and updates that
    predate their declaration (background, not progress)."""
    lines = _Lines()
    kept: dict[str, list[Kept]] = {}
    with_quotations = {e.declaration for e in catalog.pledges if e.pledge.original is not None}
    for slug, entry in catalog.declarations.items():
        sources: list[Kept] = []
        kept[slug] = sources
        yield from _kept_sources(catalog, entry, sources, lines)
        tally.sources += len(sources)
        yield from _inferred(
            entry.path, entry.declaration.inferred, entry.declaration, strict, tally, lines
        )
    # Where the data keeps sources at all, a declaration that keeps none is worth a note; where
    # it keeps none, nobody is nagged.
    if tally.sources:
        for slug, entry in catalog.declarations.items():
            if not kept[slug] and slug in with_quotations:
                yield Problem(
                    entry.path,
                    None,
                    "info",
                    "no-kept-source",
                    "no kept source: the quotations of its pledges are not checked (keep the "
                    "text in sources/ and name it as the 'file' of a sources entry)",
                )
    for pledge_entry in catalog.pledges:
        pledge, path = pledge_entry.pledge, pledge_entry.path
        yield from _inferred(path, pledge.inferred, pledge, strict, tally, lines)
        sources = kept.get(pledge_entry.declaration, [])
        if pledge.original is not None and sources:
            problem = _quotation(path, pledge.original.text, sources, lines)
            if problem is None:
                tally.quotations += 1
            else:
                yield problem
        declaration = catalog.declarations.get(pledge_entry.declaration)
        declared = declaration.declaration.date if declaration else None
        for index, update in enumerate(pledge.updates):
            if predates(update.date, declared):
                yield _problem(
                    lines,
                    path,
                    "warning",
                    "background-update",
                    f"updates[{index}] ({update.date.isoformat()}) is before the declaration "
                    f"({declared.isoformat()}): background belongs in summary or notes",  # type: ignore[union-attr]
                    "updates",
                    index,
                    "date",
                )


def _kept_sources(
    catalog: Catalog, entry: DeclarationEntry, sources: list[Kept], lines: _Lines
) -> Iterator[Problem]:
    from . import provenance

    named = set()
    for index, source in enumerate(entry.declaration.sources):
        if source.file is None:
            continue
        named.add(os.path.normpath(source.file))
        try:
            text = store.read_source(catalog.root, entry.path, source.file)
        except InvalidData as error:
            yield _problem(
                lines, entry.path, "error", "kept-source", error.message, "sources", index, "file"
            )
            continue
        # Messages name it as the declaration does: relative to the declaration's folder.
        found = provenance.kept(source.file, text, source.corrections)
        sources.append(found)
        for correction in found.unused:
            yield _problem(
                lines,
                entry.path,
                "warning",
                "unused-correction",
                f"correction '{correction}' changes nothing in {source.file}",
                "sources",
                index,
                "corrections",
                source.corrections.index(correction),
            )
    for file in store.kept_source_files(entry.path):
        if os.path.normpath(file) not in named:
            yield Problem(
                entry.path,
                None,
                "warning",
                "kept-source-origin",
                f"{file} is kept, but no sources entry names it: add one with its title, "
                f"publisher, date and url, and 'file: {file}'",
            )


def _quotation(path: Path, text: str, sources: Sequence[Kept], lines: _Lines) -> Problem | None:
    """None when the quotation is in a kept source; else an error naming the closest passage."""
    from . import provenance

    if provenance.find(text, sources) is not None:
        return None
    closest = provenance.closest(text, sources)
    if closest is None:
        where = ", ".join(source.name for source in sources)
        message = f"original.text is not in the kept source ({where}), which holds no words"
    else:
        span = (
            f"{closest.first}"
            if closest.first == closest.last
            else f"{closest.first}-{closest.last}"
        )
        message = (
            f"original.text is not in the kept source: {closest.difference}; closest passage "
            f'{closest.source.name}:{span}: "{closest.passage}"'
        )
    return _problem(lines, path, "error", "quotation-not-found", message, "original", "text")


def _inferred(
    path: Path,
    inferred: dict[str, str] | None,
    value: object,
    strict: bool,
    tally: Tally,
    lines: _Lines,
) -> Iterator[Problem]:
    for name, basis in (inferred or {}).items():
        tally.inferred += 1
        if getattr(value, name, None) in (None, (), ""):
            yield _problem(
                lines,
                path,
                "warning",
                "inferred-empty",
                f"inferred names '{name}', which has no value here",
                "inferred",
                name,
                key=True,
            )
        elif strict:
            yield _problem(
                lines,
                path,
                "info",
                "inferred",
                f"{name} is inferred: {basis}",
                "inferred",
                name,
                key=True,
            )
