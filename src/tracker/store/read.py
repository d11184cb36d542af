"""Finding the data root, and reading declarations and pledges from it.

Reading is the fast path: the folder layout alone gives every pledge's id (no file is opened to
resolve an id), files are parsed with libyaml, and a broken file becomes Problems while every other
pledge still loads.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import os
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import InvalidData, NotFound, RootNotFound
from ..fsutil import inside
from ..model import (
    DECLARATION_FILE,
    NUMBER_RE,
    SLUG_RE,
    Declaration,
    DeclarationEntry,
    Pledge,
    PledgeEntry,
    Problem,
    natural_key,
    number_key,
    pledge_id,
    type_name,
)
from .index import DataFile, Index, Job, Row, decided_in_sql, order_of, row_of, where_of

if TYPE_CHECKING:
    from ..query import Query

DATA_FOLDER = "commitments"
ROOT_ENV = "TRACKER_ROOT"

# --- the root ---------------------------------------------------------------------------------


def find_root(explicit: str | os.PathLike[str] | None = None, start: Path | None = None) -> Path:
    """The `commitments/` folder to work on.

    `explicit` (from `--root` or `TRACKER_ROOT`) may name the folder itself or the folder that
    holds it; otherwise the nearest `commitments/` at or above `start` (the working directory).
    """
    if explicit:
        path = Path(explicit).expanduser().absolute()
        if (path / DATA_FOLDER).is_dir():
            return path / DATA_FOLDER
        if not path.is_dir():
            raise RootNotFound(f"no such folder: {path}")
        if path.name != DATA_FOLDER and not _holds_pledge_data(path):
            raise RootNotFound(
                f"{Path(explicit)} holds no pledge data: no {DATA_FOLDER}/ folder in it, and "
                "none of its folders is a declaration (a folder with declaration.yaml or pledge "
                "files)"
            )
        return path
    here = (start or Path.cwd()).absolute()
    for folder in (here, *here.parents):
        if folder.name == DATA_FOLDER and folder.is_dir():
            return _owned(folder)
        if (folder / DATA_FOLDER).is_dir():
            return _owned(folder / DATA_FOLDER)
    raise RootNotFound(
        f"no {DATA_FOLDER}/ folder in {here} or above it "
        f"(use --root PATH or set {ROOT_ENV}; `tracker init` creates one)"
    )


def _holds_pledge_data(path: Path) -> bool:
    """Is `path` a data folder, though not named commitments/? It is if one of its folders holds
    a declaration.yaml or a YAML file, or if it has no folders at all (a new, empty one)."""
    with os.scandir(path) as entries:
        folders = [entry for entry in entries if entry.is_dir() and entry.name[0] != "."]
    if not folders:
        return True
    for folder in folders:
        try:
            with os.scandir(folder.path) as entries:
                if any(entry.name.endswith(".yaml") for entry in entries):
                    return True
        except OSError:  # a folder it may not read is no declaration it could use
            continue
    return False


def _owned(found: Path) -> Path:
    """A data folder found by looking upwards, if the user running tracker owns it: one that
    belongs to another user (in a shared scratch folder, say) is not used unless named with
    --root, as git refuses a repository another user owns."""
    owner = found.stat().st_uid
    if hasattr(os, "geteuid") and owner != os.geteuid():
        raise RootNotFound(
            f"{found} belongs to another user (uid {owner}): not used; if you trust it, name it "
            f"with --root {found}"
        )
    return found


# --- the layout -------------------------------------------------------------------------------


class PledgeFile(NamedTuple):
    """A pledge file found in the layout, not yet read."""

    id: str
    declaration: str
    number: str
    folder: Path

    @property
    def path(self) -> Path:
        return self.folder / file_name(self.number)


@dataclass(slots=True)
class Layout:
    """What the folders hold, from names alone."""

    root: Path
    declarations: dict[str, Path] = field(default_factory=dict)  # slug → its declaration.yaml
    pledges: list[PledgeFile] = field(default_factory=list)  # by folder, then by file name
    problems: list[Problem] = field(default_factory=list)


def _error(path: Path, code: str, message: str, line: int | None = None) -> Problem:
    return Problem(path, line, "error", code, message)


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    """A folder's entries by name, without hidden ones (dot files: `.git`, and the temporary
    files of a write in progress)."""
    with os.scandir(folder) as iterator:
        return sorted((e for e in iterator if e.name[0] != "."), key=attrgetter("name"))


def _unreadable(path: Path, error: OSError) -> Problem:
    return _error(path, "unreadable", f"cannot be read: {error.strerror or error}")


def _is_folder(entry: os.DirEntry[str]) -> bool | OSError:
    """Is the entry a folder (following a link)? The error if that cannot be told: a link that
    leads to itself, a folder that may not be looked into."""
    try:
        return entry.is_dir()
    except OSError as error:
        return error


def scan(root: Path, slugs: Iterable[str] | None = None) -> Layout:
    """Walk `root` by names only: declaration folders, pledge files, and what is misnamed.

    With `slugs`, only those declaration folders are walked.
    """
    layout = Layout(root)
    for slug, folder in _declaration_folders(root, slugs, layout.problems):
        _scan_declaration(layout, slug, folder)
    return layout


def file_name(number: str) -> str:
    """The name of pledge file `number`: a pledge file is <number>.yaml."""
    return f"{number}.yaml"


def _declaration_folders(
    root: Path, slugs: Iterable[str] | None, problems: list[Problem]
) -> Iterator[tuple[str, Path]]:
    """The declaration folders under `root` (or those of `slugs`) by name, as (slug, folder);
    what is misnamed or cannot be read at the top becomes `problems`."""
    wanted = set(slugs) if slugs is not None else None
    try:
        entries = _entries(root)
    except OSError as error:
        raise InvalidData(f"cannot be read: {error.strerror or error}", root) from None
    for entry in entries:
        path = root / entry.name
        if entry.is_symlink() and not inside(path, root):
            problems.append(
                _error(path, "symlink", "symbolic link to outside the data folder: not read")
            )
            continue
        folder = _is_folder(entry)
        if isinstance(folder, OSError):
            problems.append(_unreadable(path, folder))
            continue
        if not folder:
            if entry.name.endswith((".yaml", ".yml")):
                problems.append(
                    _error(path, "file-name", "pledge files belong in a declaration folder")
                )
            continue
        if wanted is not None and entry.name not in wanted:
            continue
        if not SLUG_RE.fullmatch(entry.name):
            problems.append(
                _error(
                    path,
                    "slug",
                    f"'{entry.name}' is not a declaration slug "
                    "(lowercase letters and digits joined by single hyphens): not read",
                )
            )
            continue
        yield entry.name, path


def _scan_declaration(layout: Layout, slug: str, folder: Path) -> bool:
    """Add a declaration folder's files to `layout`; True if it holds a symbolic link."""
    numbers: dict[tuple[str, int, str], str] = {}
    links = False
    try:
        entries = _entries(folder)
    except OSError as error:
        layout.problems.append(_unreadable(folder, error))
        return False
    for entry in entries:
        name = entry.name
        if entry.is_symlink():
            links = True
            if not inside(folder / name, layout.root):
                layout.problems.append(
                    _error(
                        folder / name,
                        "symlink",
                        "symbolic link to outside the data folder: not read",
                    )
                )
                continue
        if not name.endswith((".yaml", ".yml")):
            continue
        # A folder or a link that leads nowhere, named as a file, is listed all the same: reading
        # it says what it is, rather than the file seeming to be missing.
        if name == DECLARATION_FILE:
            layout.declarations[slug] = folder / name
            continue
        stem = name[:-5]
        if not name.endswith(".yaml") or not NUMBER_RE.fullmatch(stem):
            layout.problems.append(
                _error(
                    folder / name,
                    "file-name",
                    f"'{name}' is not a pledge file name "
                    "(<number>.yaml: digits and an optional letter, as in 20.yaml or 22a.yaml, "
                    "or a3.yaml in annex A)",
                )
            )
            continue
        key = number_key(stem)
        if key in numbers:
            layout.problems.append(
                _error(
                    folder / name,
                    "duplicate-number",
                    f"paragraph {stem} is also in {numbers[key]}.yaml: keep one file a paragraph",
                )
            )
        numbers.setdefault(key, stem)
        layout.pledges.append(PledgeFile(pledge_id(slug, stem), slug, stem, folder))
    if slug not in layout.declarations:
        layout.problems.append(
            _error(folder, "missing-declaration", f"no {DECLARATION_FILE} in this folder")
        )
    return links


# --- reading one file -------------------------------------------------------------------------


def _schema_problems(path: Path, text: str, errors: list) -> list[Problem]:
    from . import yamlfile

    lines = yamlfile.Locator(text)
    return [_error(path, e.code, e.message, lines.line(e.location, key=e.at_key)) for e in errors]


_REQUIRED = {"pledge": "'title' and 'status'", "declaration": "'title'"}
_KINDS: dict[str, type[Pledge] | type[Declaration]] = {
    "pledge": Pledge,
    "declaration": Declaration,
}


def _read(kind: str, path: Path) -> tuple[Any, list[Problem]]:
    """A file's content as a Pledge or Declaration, or None and the problems that make it
    unusable."""
    from . import yamlfile

    try:
        text = yamlfile.decode(yamlfile.read(path))
    except yamlfile.YamlError as error:
        return None, [_error(path, error.code, error.message, error.line)]
    except OSError as error:
        return None, [_error(path, "unreadable", f"cannot be read: {error.strerror}")]
    return content_from_text(path, text, kind)


def content_from_text(path: Path, text: str, kind: str) -> tuple[Any, list[Problem]]:
    """What `text` would be as the content of file `path` of `kind` (pledge or declaration):
    the Pledge or Declaration, or None and the problems that make it unusable (lines are lines
    of `text`). For reading a file, checking a write before it is made, and versions that git
    keeps."""
    from .. import schema
    from . import yamlfile

    try:
        if len(text) * 4 > yamlfile.MAX_BYTES:  # UTF-8 takes at most four bytes a character
            yamlfile.check_size(len(text.encode("utf-8")))
        data = yamlfile.load(text)
    except yamlfile.YamlError as error:
        return None, [_error(path, error.code, error.message, error.line)]
    if data is None:
        message = f"the file is empty: a {kind} needs at least {_REQUIRED[kind]}"
        return None, [_error(path, "empty", message, 1)]
    if not isinstance(data, dict):
        message = f"a {kind} file must be a mapping of keys to values, not {type_name(data)}"
        return None, [_error(path, "not-mapping", message, 1)]
    result = schema.validate(_KINDS[kind], data)
    if isinstance(result, list):
        return None, _schema_problems(path, text, result)
    return result, []


def pledge_from_text(path: Path, text: str) -> tuple[Pledge | None, list[Problem]]:
    """`content_from_text` of a pledge."""
    return content_from_text(path, text, "pledge")


def read_pledge(file: PledgeFile) -> tuple[PledgeEntry | None, list[Problem]]:
    """One pledge file: the entry, or None and the problems that make it unusable."""
    pledge, problems = _read("pledge", file.path)
    if pledge is None:
        return None, problems
    return PledgeEntry(file.id, file.declaration, file.number, file.path, pledge), []


def read_declaration(slug: str, path: Path) -> tuple[DeclarationEntry | None, list[Problem]]:
    declaration, problems = _read("declaration", path)
    if declaration is None:
        return None, problems
    return DeclarationEntry(slug, path, declaration), []


# --- reading many files ------------------------------------------------------------------------
# A run that must read many files (an empty index, or none: --no-cache) shares them out to a plain
# pool of worker processes, one a core; each sends back the rows of the index for its files.

PARALLEL_FROM = 1000  # below this, starting workers costs more than it saves


def _read_rows(root: Path, jobs: list[Job]) -> list[Row]:
    """Read the files of `jobs` (in a worker, or here) into rows of the index."""
    rows = []
    for job in jobs:
        content, problems = _read(job.file.kind, root / job.file.path)
        rows.append(row_of(job.file, job.key, content, problems))
    return rows


def _read_many(root: Path, jobs: list[Job]) -> Iterator[Row]:
    """The rows of the files of `jobs`, in order, as each part is read: in worker processes when
    there are many and more than one core, else (or for what a failed pool left) here."""
    workers = min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1, 8)
    size = max(1, -(-len(jobs) // (workers * 4)))  # a few parts a worker, so all end together
    parts = [jobs[start : start + size] for start in range(0, len(jobs), size)]
    done = 0
    if len(jobs) >= PARALLEL_FROM and workers > 1:
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        try:
            with ProcessPoolExecutor(workers) as pool:
                for rows in pool.map(partial(_read_rows, root), parts):
                    yield from rows
                    done += 1
        except (OSError, RuntimeError, BrokenProcessPool):  # cannot start, a worker was killed
            pass
    for part in parts[done:]:
        yield from _read_rows(root, part)


def _data_files(layout: Layout) -> list[DataFile]:
    """The files of `layout` as the index names them."""
    files = [
        DataFile(f"{slug}/{DECLARATION_FILE}", "declaration", slug, None)
        for slug in layout.declarations
    ]
    files += [
        DataFile(f"{p.declaration}/{file_name(p.number)}", "pledge", p.declaration, p.number)
        for p in layout.pledges
    ]
    return files


# --- reading everything -----------------------------------------------------------------------


@dataclass(slots=True)
class Catalog:
    """Every declaration and pledge that could be read, and the problems of those that could not."""

    root: Path
    declarations: dict[str, DeclarationEntry]
    pledges: list[PledgeEntry]
    problems: list[Problem]
    layout: Layout

    def pledge(self, pledge_id: str) -> PledgeEntry | None:
        return next((p for p in self.pledges if p.id == pledge_id), None)

    def label(self, slug: str) -> str:
        entry = self.declarations.get(slug)
        return entry.label if entry else slug


@contextlib.contextmanager
def _kept() -> Iterator[None]:
    """What is read inside lives until the command ends: the cyclic garbage collector is paused
    while it is made and then told to leave it alone (walking its objects again and again, and
    once more at exit, would cost more than reading them)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        gc.freeze()
    finally:
        if enabled:
            gc.enable()


@contextlib.contextmanager
def _indexed(
    root: Path, cache: Path | None, slugs: Iterable[str] | None
) -> Iterator[tuple[Layout, Index]]:
    """The layout of `root` (or of the declarations `slugs`), and the index with a current row
    for each of its files: the one in cache folder `cache`, else one in memory."""
    layout = scan(root, slugs)
    with Index(root, cache, None if slugs is None else sorted(set(slugs))) as index:
        index.refresh(_data_files(layout), partial(_read_many, root))
        yield layout, index


def read_text(path: Path) -> str:
    """A data file's text as tracker reads it ("" if it cannot be read): for placing problems
    found after loading on their lines."""
    from . import yamlfile

    try:
        return yamlfile.decode(yamlfile.read(path))
    except (OSError, yamlfile.YamlError):
        return ""


@dataclass(frozen=True, slots=True)
class Found:
    """What `find` gives: the ids of the pledges a query keeps, in order; the pledges themselves
    (unless only the ids were asked for); and the problems of the files that could not be read."""

    ids: list[str]
    pledges: list[PledgeEntry]
    problems: list[Problem]
    # Every usable declaration, by slug.
    declarations: Mapping[str, DeclarationEntry] = field(default_factory=dict)
    # With `names`: the declarations, themes and actors known (see `Index.known_names`).
    known: dict[str, set[str]] = field(default_factory=dict)

    @property
    def dates(self) -> dict[str, dt.date | None]:
        """Each usable declaration's date (None if it gives none), by slug."""
        return {slug: entry.declaration.date for slug, entry in self.declarations.items()}


Names = Mapping[str, Collection[str]]  # names of declarations, themes and actors, by kind


def find(
    root: Path,
    query: Query | None = None,
    sort: str = "id",
    *,
    cache: Path | None = None,
    build: bool = True,
    names: Names | None = None,
) -> Found:
    """The pledges under `root` that `query` keeps, sorted by `sort`: what `tracker list` shows.
    The index chooses and orders them (see `tracker.query` for what each filter means) and only
    those chosen are built; without `build`, none is (their ids are enough). `cache`: the cache
    folder (see `cache_folder`); None reads every file. With `names`, also which of those names
    the data has (see `Index.known_names`, for `query.check_known`)."""
    from ..query import Query

    query = query or Query()
    with _kept(), _indexed(root, cache, None) as (layout, index):
        found = _found(layout, index, names)
        if not build and decided_in_sql(query):
            ids = index.ids(*where_of(query), order_of(sort))
            return dataclasses.replace(found, ids=ids)
        pledges = list(_chosen(index, query, sort, found.dates))
    ids = [pledge.id for pledge in pledges]
    return dataclasses.replace(found, ids=ids, pledges=pledges if build else [])


def find_each(
    root: Path,
    query: Query | None = None,
    sort: str = "id",
    *,
    cache: Path | None = None,
    names: Names | None = None,
) -> tuple[Found, Iterator[PledgeEntry]]:
    """What `find` gives, with the pledges built one at a time as the iterator is read, none
    held after it is given (for output written as it comes: `list --format json`; the garbage
    collector stays on, to free what each one's output leaves behind); the Found's
    `ids` and `pledges` are left empty. The index stays open until the iterator ends."""
    from ..query import Query

    query = query or Query()
    stack = contextlib.ExitStack()
    layout, index = stack.enter_context(_indexed(root, cache, None))
    try:
        found = _found(layout, index, names)
    except BaseException:
        stack.close()
        raise

    def each() -> Iterator[PledgeEntry]:
        with stack:
            yield from _chosen(index, query, sort, found.dates)

    return found, each()


def _found(layout: Layout, index: Index, names: Names | None) -> Found:
    """What `find` gives but the pledges: the problems, declarations and (with `names`) names
    known."""
    problems = [*layout.problems, *index.problems()]
    return Found([], [], problems, index.declarations(), index.known_names(names) if names else {})


def _chosen(
    index: Index, query: Query, sort: str, dates: Mapping[str, dt.date | None]
) -> Iterator[PledgeEntry]:
    """The pledges `query` keeps in the order of `sort`, built as they are read: chosen in SQL,
    and by `Query.matches` for what SQL does not say."""
    pledges = index.each_pledge(*where_of(query), order_of(sort))
    if decided_in_sql(query):
        return pledges
    return (pledge for pledge in pledges if query.matches(pledge, dates.get(pledge.declaration)))


def load(root: Path, slugs: Iterable[str] | None = None, *, cache: Path | None = None) -> Catalog:
    """Read every declaration and pledge under `root` (or those of `slugs`), through the index
    in cache folder `cache` (see `cache_folder`); None reads every file."""
    with _kept(), _indexed(root, cache, slugs) as (layout, index):
        return Catalog(
            root,
            index.declarations(),
            index.pledges(),
            [*layout.problems, *index.problems()],
            layout,
        )


# --- finding one pledge by id -----------------------------------------------------------------


def resolve(root: Path, text: str) -> PledgeFile:
    """The pledge file an id names, from the layout alone (no pledge file is parsed).

    Accepts the full id (`eu-clasi-2023-20`), the same with the number written differently
    (`eu-western-balkans-2018-1` for `-01`), or a unique end of one (`clasi-2023-20`, `20`).
    """
    wanted = text.strip().lower().removesuffix(".yaml")
    head, _, number = wanted.rpartition("-")
    # Only a folder whose slug is `head` or ends with it can hold the pledge: walk those alone,
    # and the whole tree only to suggest what was meant when none of them has it.
    files = scan(root, _slugs_ending_with(root, head)).pledges if head else []
    if not any(f.id == wanted or _same_pledge(f, head, number) for f in files):
        files = scan(root).pledges
    for file in files:
        if file.id == wanted:
            return file
    candidates = sorted(
        (f for f in files if _same_pledge(f, head, number)), key=lambda f: natural_key(f.id)
    )
    in_folder = [f for f in candidates if f.declaration == head]
    if len(in_folder) == 1:
        return in_folder[0]
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        names = ", ".join(f.id for f in candidates[:8])
        raise NotFound(
            f"'{text}' matches {len(candidates)} pledges: {names}", [f.id for f in candidates]
        )
    close = suggest(wanted, files)
    hint = f" (did you mean {' or '.join(close)}?)" if close else ""
    raise NotFound(f"no pledge '{text}'{hint}", close)


def suggest(typed: str, files: Iterable[PledgeFile], n: int = 3) -> list[str]:
    """The ids a mistyped one most likely meant, best first: the same paragraph number in a
    declaration whose slug contains the rest (`balkans-9` → `eu-western-balkans-2018-09`), then
    ids that contain what was typed, then ids that look like it; ties in natural order."""
    import difflib

    typed = typed.strip().lower()
    head, _, number = typed.rpartition("-")
    numbered = NUMBER_RE.fullmatch(number) is not None
    scored = []
    for file in files:
        ratio = difflib.SequenceMatcher(None, typed, file.id).ratio()
        if numbered and head in file.declaration and number_key(number) == number_key(file.number):
            tier = 0
        elif typed in file.id:
            tier = 1
        elif ratio >= 0.6:
            tier = 2
        else:
            continue
        scored.append((tier, -ratio, natural_key(file.id), file.id))
    return [pledge_id for *_, pledge_id in sorted(scored)[:n]]


def _slugs_ending_with(root: Path, head: str) -> list[str]:
    """The names of the entries under `root` that are `head` or end with `-head`."""
    try:
        names = [entry.name for entry in _entries(root)]
    except OSError:
        return []  # the whole walk says why
    return [name for name in names if name == head or name.endswith("-" + head)]


def _same_pledge(file: PledgeFile, head: str, number: str) -> bool:
    """Does `<head>-<number>` name `file`: the same paragraph of a declaration whose slug is
    `head` or ends with it?"""
    if not NUMBER_RE.fullmatch(number) or number_key(number) != number_key(file.number):
        return False
    return not head or file.declaration == head or file.declaration.endswith("-" + head)


def load_pledge(root: Path, text: str) -> PledgeEntry:
    """The pledge an id names, reading only its file; raises if it cannot be used."""
    file = resolve(root, text)
    entry, problems = read_pledge(file)
    if entry is None:
        first = problems[0]
        raise InvalidData(first.message, first.path, first.line)
    return entry


def resolve_related(root: Path, ids: Iterable[str]) -> dict[str, PledgeEntry | None]:
    """The pledges that `ids` name, reading only their files (None for one that cannot be used)."""
    found: dict[str, PledgeEntry | None] = {}
    for other in ids:
        try:
            found[other] = load_pledge(root, other)
        except (NotFound, InvalidData):
            found[other] = None
    return found


# --- kept sources -----------------------------------------------------------------------------

SOURCES_FOLDER = "sources"  # where a declaration folder keeps the texts it was read from
MAX_SOURCE_BYTES = 20_000_000


def source_path(declaration_path: Path, file: str) -> Path:
    """Where a declaration's `sources[].file` points: relative to the declaration's folder."""
    return declaration_path.parent / file


def read_source(root: Path, declaration_path: Path, file: str) -> str:
    """The text of a kept source named by a declaration (`sources/council.txt`), as UTF-8 text.
    Raises InvalidData when it is missing, outside the data folder, too large or not UTF-8."""
    path = source_path(declaration_path, file)
    if not inside(path, root):
        raise InvalidData(f"kept source '{file}' is outside the data folder: not read", path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_SOURCE_BYTES + 1)
    except FileNotFoundError:
        raise InvalidData(f"kept source '{file}' does not exist", path) from None
    except IsADirectoryError:
        raise InvalidData(f"kept source '{file}' is a folder, not a text file", path) from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise InvalidData(f"kept source '{file}' cannot be read: {reason}", path) from None
    if len(data) > MAX_SOURCE_BYTES:
        limit = MAX_SOURCE_BYTES // 1_000_000
        raise InvalidData(f"kept source '{file}' is larger than {limit} MB: not read", path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidData(
            f"kept source '{file}' is not UTF-8 text (byte {error.start}): keep it as UTF-8", path
        ) from None


def kept_source_files(declaration_path: Path) -> list[str]:
    """The files in a declaration's `sources/` folder, as `sources/NAME` (none if it has none)."""
    folder = declaration_path.parent / SOURCES_FOLDER
    try:
        names = [entry.name for entry in _entries(folder) if not entry.is_dir()]
    except OSError:
        return []
    return sorted(f"{SOURCES_FOLDER}/{name}" for name in names if not name.startswith("."))
