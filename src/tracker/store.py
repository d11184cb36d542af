"""Finding the data root, and reading declarations and pledges from it.

Reading is the fast path: the folder layout alone gives every pledge's id (no file is opened to
resolve an id), files are parsed with libyaml, and a broken file becomes Problems while every other
pledge still loads.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InvalidData, NotFound, RootNotFound
from .fsutil import inside
from .model import (
    DECLARATION_FILE,
    NUMBER_RE,
    SLUG_RE,
    Declaration,
    DeclarationEntry,
    Pledge,
    PledgeEntry,
    PledgeFacts,
    Problem,
    natural_key,
    number_key,
    pledge_id,
    type_name,
)

if TYPE_CHECKING:
    from .cache import Codec, Listing, Record, RootCache, Stored

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


@dataclass(frozen=True, slots=True)
class PledgeFile:
    """A pledge file found in the layout, not yet read."""

    id: str
    declaration: str
    number: str
    path: Path


@dataclass(slots=True)
class Layout:
    """What the folders hold, from names alone."""

    root: Path
    declarations: dict[str, Path] = field(default_factory=dict)  # slug → its declaration.yaml
    pledges: list[PledgeFile] = field(default_factory=list)  # in natural id order
    problems: list[Problem] = field(default_factory=list)


def _error(path: Path, code: str, message: str, line: int | None = None) -> Problem:
    return Problem(path, line, "error", code, message)


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    """A folder's entries by name, without hidden ones (dot files: `.git`, and the temporary
    files of a write in progress)."""
    with os.scandir(folder) as iterator:
        return sorted((e for e in iterator if not e.name.startswith(".")), key=lambda e: e.name)


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
    return _scan(root, slugs)


def _scan(
    root: Path, slugs: Iterable[str] | None = None, shards: RootCache | None = None
) -> Layout:
    """`scan`, taking each declaration folder's listing from `shards` where it is current."""
    layout = Layout(root)
    sort_keys: dict[str, tuple[Any, ...]] = {}
    for slug, folder in _declaration_folders(root, slugs, layout.problems):
        if shards is None:
            _scan_declaration(layout, slug, folder)
            continue
        listing = _listing(root, slug, folder, shards, layout.problems)
        if listing is None:
            continue
        has_declaration, numbers, _ = listing
        if has_declaration:
            layout.declarations[slug] = folder / DECLARATION_FILE
        sort_key = _sort_keys(slug)
        for number in numbers:
            file_id = pledge_id(slug, number)
            sort_keys[file_id] = sort_key(number)
            layout.pledges.append(PledgeFile(file_id, slug, number, folder / file_name(number)))
    layout.pledges.sort(key=lambda p: sort_keys.get(p.id) or natural_key(p.id))
    return layout


def file_name(number: str) -> str:
    """The name of pledge file `number`: a pledge file is <number>.yaml."""
    return f"{number}.yaml"


def _sort_keys(slug: str) -> Callable[[str], tuple[Any, ...]]:
    """`natural_key(pledge_id(slug, number))` for the numbers of declaration `slug`, with the
    slug split once: an id is the slug, a hyphen, perhaps an annex's letter, then digits and
    perhaps a letter."""
    *head, last = natural_key(slug)

    def key(number: str) -> tuple[Any, ...]:
        section, digits, suffix = number_key(number)
        return (*head, f"{last}-{section}", digits, suffix)

    return key


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


def _listing(
    root: Path, slug: str, folder: Path, shards: RootCache, problems: list[Problem]
) -> Listing | None:
    """A declaration folder's listing, from `shards` if the folder is as it was, else scanned
    (and cached); its problems are added to `problems`. None if the folder cannot be read."""
    try:
        stat = folder.stat()
    except OSError as error:
        problems.append(_unreadable(folder, error))
        return None
    listing = shards.listing(slug, stat)
    if listing is None:
        part = Layout(root)
        followed_links = _scan_declaration(part, slug, folder)
        listing = (
            slug in part.declarations,
            tuple(f.number for f in part.pledges),
            tuple(
                ("" if p.path == folder else p.path.name, p.line, p.level, p.code, p.message)
                for p in part.problems
            ),
        )
        if not followed_links:  # a link's target can change while the folder stays the same
            shards.keep_listing(slug, stat, listing)
    for name, *rest in listing[2]:
        problems.append(Problem(folder / name if name else folder, *rest))
    return listing


def _scan_declaration(layout: Layout, slug: str, folder: Path) -> bool:
    """Add a declaration folder's files to `layout`; True if it holds a symbolic link."""
    numbers: dict[tuple[int, str], str] = {}
    links = False
    try:
        entries = _entries(folder)
    except OSError as error:
        layout.problems.append(_unreadable(folder, error))
        return False
    for entry in entries:
        path = folder / entry.name
        if entry.is_symlink():
            links = True
            if not inside(path, layout.root):
                layout.problems.append(
                    _error(path, "symlink", "symbolic link to outside the data folder: not read")
                )
                continue
        if not entry.name.endswith((".yaml", ".yml")):
            continue
        # A folder or a link that leads nowhere, named as a file, is listed all the same: reading
        # it says what it is, rather than the file seeming to be missing.
        if entry.name == DECLARATION_FILE:
            layout.declarations[slug] = path
            continue
        stem, _, suffix = entry.name.rpartition(".")
        if suffix != "yaml" or not NUMBER_RE.fullmatch(stem):
            layout.problems.append(
                _error(
                    path,
                    "file-name",
                    f"'{entry.name}' is not a pledge file name "
                    "(<number>.yaml: digits and an optional letter, as in 20.yaml or 22a.yaml)",
                )
            )
            continue
        key = number_key(stem)
        if key in numbers:
            layout.problems.append(
                _error(
                    path,
                    "duplicate-number",
                    f"paragraph {stem} is also in {numbers[key]}.yaml: keep one file a paragraph",
                )
            )
        numbers.setdefault(key, stem)
        layout.pledges.append(PledgeFile(pledge_id(slug, stem), slug, stem, path))
    if slug not in layout.declarations:
        layout.problems.append(
            _error(folder, "missing-declaration", f"no {DECLARATION_FILE} in this folder")
        )
    return links


# --- reading one file -------------------------------------------------------------------------


def _schema_problems(path: Path, text: str, errors: list) -> list[Problem]:  # type: ignore[type-arg]
    from . import yamlfile

    lines = yamlfile.Locator(text)
    return [_error(path, e.code, e.message, lines.line(e.location, key=e.at_key)) for e in errors]


_REQUIRED = {"pledge": "'title' and 'status'", "declaration": "'title'"}
_KINDS: dict[str, type[Pledge] | type[Declaration]] = {
    "pledge": Pledge,
    "declaration": Declaration,
}


def _parse(path: Path, kind: str) -> tuple[str, dict | None, list[Problem]]:  # type: ignore[type-arg]
    """Read and parse one file to a mapping, or say why it cannot be."""
    from . import yamlfile

    try:
        text = yamlfile.decode(yamlfile.read(path))
    except yamlfile.YamlError as error:
        return "", None, [_error(path, error.code, error.message, error.line)]
    except OSError as error:
        return "", None, [_error(path, "unreadable", f"cannot be read: {error.strerror}")]
    return _parse_text(path, text, kind)


def _parse_text(path: Path, text: str, kind: str) -> tuple[str, dict | None, list[Problem]]:  # type: ignore[type-arg]
    from . import yamlfile

    try:
        if len(text) * 4 > yamlfile.MAX_BYTES:  # UTF-8 takes at most four bytes a character
            yamlfile.check_size(len(text.encode("utf-8")))
        data = yamlfile.load(text)
    except yamlfile.YamlError as error:
        return text, None, [_error(path, error.code, error.message, error.line)]
    if data is None:
        message = f"the file is empty: a {kind} needs at least {_REQUIRED[kind]}"
        return text, None, [_error(path, "empty", message, 1)]
    if not isinstance(data, dict):
        message = f"a {kind} file must be a mapping of keys to values, not {type_name(data)}"
        return text, None, [_error(path, "not-mapping", message, 1)]
    return text, data, []


def _validated(kind: str, path: Path, text: str, data: dict) -> tuple[Any, list[Problem]]:  # type: ignore[type-arg]
    from . import schema

    result = schema.validate(_KINDS[kind], data)
    if isinstance(result, list):
        return None, _schema_problems(path, text, result)
    return result, []


def _read(kind: str, path: Path) -> tuple[Any, list[Problem]]:
    """A file's content as a Pledge or Declaration, or None and the problems that make it
    unusable."""
    text, data, problems = _parse(path, kind)
    if data is None:
        return None, problems
    return _validated(kind, path, text, data)


def pledge_from_text(path: Path, text: str) -> tuple[Pledge | None, list[Problem]]:
    """What `text` would be as the content of pledge file `path`: the pledge, or None and the
    problems that make it unusable (lines are lines of `text`). For checking a write before it
    is made."""
    text, data, problems = _parse_text(path, text, "pledge")
    if data is None:
        return None, problems
    return _validated("pledge", path, text, data)


def declaration_from_text(path: Path, text: str) -> tuple[Declaration | None, list[Problem]]:
    """What `text` would be as the content of declaration file `path`: the declaration, or None
    and the problems that make it unusable. For checking a write before it is made."""
    text, data, problems = _parse_text(path, text, "declaration")
    if data is None:
        return None, problems
    return _validated("declaration", path, text, data)


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
# Above PARALLEL_FROM files, parsing is shared with worker processes (one per free core, at most
# MAX_WORKERS processes in all). A worker sends back what the cache keeps of each file it read
# (`cache.stored`: its problems, its facts and its model as a blob), which is also all the parent
# needs to rebuild the file's content: the parent encodes only the files it read itself. A run
# that chooses pledges by their facts (`load_index`) rebuilds only the pledges it chooses, and so
# leaves the parent a larger share of the parsing.

_File = tuple[str, str, Path]  # a file to read: (kind, declaration slug, path)
_Result = tuple[Any, list[Problem]]  # the file's Pledge or Declaration (or None), its problems
# A file just read (None: read by a worker and not rebuilt, see `_read_many`), and what the
# cache keeps of it.
_Fresh = tuple["_Result | None", "Stored | None"]

PARALLEL_FROM = 1000  # below this, a worker saves less than it costs (on a busy machine, more)
MAX_WORKERS = 4
# How much of a worker's share of the files the parent reads itself. Besides its share, it
# writes the cache; and if it rebuilds what the workers send, it does that too.
_PARENT_SHARE = {True: 0.4, False: 0.95}  # by whether it rebuilds
_LOAD_FILE = "/proc/loadavg"  # Linux: its fourth field is "running/all" processes, now


def _result(record: Record, decode: Callable[[Any], Any], path: Path) -> _Result:
    """A file's record made whole again: its content rebuilt, its problems given their path."""
    content, found = record
    return (
        None if content is None else decode(content),
        [Problem(path, *problem) for problem in found] if found else [],
    )


def _decoders(codec: Codec) -> dict[str, Callable[[Any], Any]]:
    return {kind: codec.decoder(model) for kind, model in _KINDS.items()}


def _stored(codec: Codec, file: _File, result: _Result) -> Stored:
    """What the cache keeps of a file just read."""
    from .cache import facts_of, stored

    content, problems = result
    found = tuple((p.line, p.level, p.code, p.message) for p in problems) if problems else ()
    if content is None:
        return stored(None, found, None)
    facts = facts_of(content) if file[0] == "pledge" else None
    return stored(codec.encode(content), found, facts)


def _read_here(codec: Codec, file: _File, keep: bool) -> _Fresh:
    result = _read(file[0], file[2])
    return result, (_stored(codec, file, result) if keep else None)


def _read_stored(jobs: list[tuple[str, str, str]]) -> list[Stored]:
    """Read files in a worker process: (kind, slug, path) → what the cache keeps of it."""
    from .cache import Codec

    codec = Codec()
    files = [(kind, slug, Path(path)) for kind, slug, path in jobs]
    return [_stored(codec, file, _read(file[0], file[2])) for file in files]


def _workers(files: int) -> int:
    """How many processes to parse `files` files with: 1 unless it pays to fork more."""
    if files < PARALLEL_FROM or sys.platform != "linux":  # fork is safe and cheap on Linux only
        return 1
    threads = sys.modules.get("threading")
    if threads is not None and threads.active_count() > 1:
        return 1  # forking a process that runs threads can deadlock the child
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    # Cores that other programs keep busy only slow every process down (by a third at 10,000
    # files on two busy cores), and each worker holds its share: past four, memory grows faster
    # than time shrinks.
    free = cores - _running_besides_this()
    return max(1, min(free, MAX_WORKERS, files // (PARALLEL_FROM // 2)))


def _running_besides_this() -> int:
    """How many other processes are running or waiting for a core now (0 if it cannot be told).
    Not the load average: that is a minute's mean, and after a run of tracker just before (a
    script, a benchmark) it counts that run as a program still busy."""
    try:
        with open(_LOAD_FILE, "rb") as handle:  # noqa: PTH123 - a Path costs as much again
            running = int(handle.read().split()[3].split(b"/")[0])
    except (OSError, IndexError, ValueError):
        return 0
    return max(0, running - 1)  # the count includes this process


def _read_many(
    files: list[_File], codec: Codec, *, keep: bool, rebuild: bool = True
) -> list[_Fresh]:
    """Each file's content (or None) and problems, in the order of `files`; with `keep`, also
    what the cache keeps of it. Without `rebuild`, a file that a worker read is left as what the
    cache keeps of it, with None for its content and problems."""
    workers = min(_workers(len(files)), len(files))
    if workers > 1:
        try:
            return _read_in_parallel(files, workers, codec, keep, rebuild)
        except (OSError, RuntimeError):  # cannot fork, a worker was killed: read them here
            pass
    return [_read_here(codec, file, keep) for file in files]


def _read_in_parallel(
    files: list[_File], workers: int, codec: Codec, keep: bool, rebuild: bool
) -> list[_Fresh]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from .cache import model_of

    share = _PARENT_SHARE[rebuild]
    mine = int(len(files) * share / (workers - 1 + share)) or 1
    theirs = files[mine:]
    jobs = [(kind, slug, str(path)) for kind, slug, path in theirs]
    size = -(-len(jobs) // (workers - 1))
    chunks = [jobs[start : start + size] for start in range(0, len(jobs), size)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=len(chunks), mp_context=context) as pool:
        futures = [pool.submit(_read_stored, chunk) for chunk in chunks]
        results = [_read_here(codec, file, keep) for file in files[:mine]]
        items = [item for future in futures for item in future.result()]
    if not rebuild:
        return results + [(None, item) for item in items]
    decoders = _decoders(codec)
    for (kind, _, path), item in zip(theirs, items, strict=True):
        results.append((_result((model_of(item), item[0]), decoders[kind], path), item))
    return results


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
def _gc_paused() -> Iterator[None]:
    """Loading makes many objects and frees none: the cyclic collector would only re-walk them
    (it costs a third of a warm load)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load(root: Path, slugs: Iterable[str] | None = None, *, cache: Path | None = None) -> Catalog:
    """Read every declaration and pledge under `root` (or those of `slugs`).

    With `cache` (a folder, see `tracker.cache.default_folder`), a file whose cached entry is
    current is not parsed again, and what is parsed is cached for the next run.
    """
    with _gc_paused():
        shards = None
        if cache is not None:
            from .cache import RootCache

            shards = RootCache(cache, root, time.time_ns())
        layout = _scan(root, slugs, shards)
        catalog = _load_files(layout, shards)
        if shards is not None:
            shards.save(prune=slugs is None)
    return catalog


def _load_files(layout: Layout, shards: RootCache | None) -> Catalog:
    from .cache import Codec

    codec = Codec()
    files = [("declaration", slug, path) for slug, path in layout.declarations.items()]
    files += [("pledge", file.declaration, file.path) for file in layout.pledges]
    results = _through_cache(layout.root, files, shards, codec)
    problems = list(layout.problems)
    declarations: dict[str, DeclarationEntry] = {}
    pledges: list[PledgeEntry] = []
    count = len(layout.declarations)
    for (slug, path), (content, found) in zip(
        layout.declarations.items(), results[:count], strict=True
    ):
        problems.extend(found)
        if content is not None:
            declarations[slug] = DeclarationEntry(slug, path, content)
    for file, (content, found) in zip(layout.pledges, results[count:], strict=True):  # type: ignore[misc]
        problems.extend(found)
        if content is not None:
            pledges.append(PledgeEntry(file.id, file.declaration, file.number, file.path, content))
    return Catalog(layout.root, declarations, pledges, problems, layout)


def _through_cache(
    root: Path, files: list[_File], shards: RootCache | None, codec: Codec
) -> list[_Result]:
    """Each file's content (or None) and problems: from `shards` where its cached entry is
    current, else read (and kept in `shards`)."""
    results: list[_Result | None] = [None] * len(files)
    stats: dict[int, os.stat_result] = {}
    if shards is not None:
        _from_cache(root, files, shards, codec, results, stats)
    missing = [index for index, result in enumerate(results) if result is None]
    unread = [files[index] for index in missing]
    read = _read_and_keep(unread, [stats.get(index) for index in missing], shards, codec)
    for index, result in zip(missing, read, strict=True):
        results[index] = result
    return results  # type: ignore[return-value]


def _read_and_keep(
    files: list[_File],
    stats: list[os.stat_result | None],
    shards: RootCache | None,
    codec: Codec,
) -> list[_Result]:
    """Read `files` (not cached, or changed since) and keep in `shards` what each gave. Each
    file's stat in `stats` was taken before it was read (None: it could not be, and the file is
    not kept)."""
    return [result for result, _ in _read_fresh(files, stats, shards, codec)]  # type: ignore[misc]


def _read_fresh(
    files: list[_File],
    stats: list[os.stat_result | None],
    shards: RootCache | None,
    codec: Codec,
    *,
    rebuild: bool = True,
) -> list[_Fresh]:
    """As `_read_and_keep`, with what the cache keeps of each file; without `rebuild`, as
    `_read_many` says."""
    read = _read_many(files, codec, keep=shards is not None, rebuild=rebuild)
    if shards is not None:
        for (_, slug, path), stat, (_, item) in zip(files, stats, read, strict=True):
            if stat is not None and item is not None:
                shards.keep(slug, path.name, stat, item)
    return read


def _from_cache(
    root: Path,
    files: list[_File],
    shards: RootCache,
    codec: Codec,
    results: list[_Result | None],
    stats: dict[int, os.stat_result],
) -> None:
    """Fill in `results` for the files whose cached entry is current; keep the others' `stats`
    (taken before they are read, so that a change while reading shows next time)."""
    decoders = _decoders(codec)
    by_folder: dict[str, list[int]] = {}
    for index, (_, slug, _) in enumerate(files):
        by_folder.setdefault(slug, []).append(index)
    for slug, indices in by_folder.items():
        names = [files[index][2].name for index in indices]
        seen = list(zip(names, _stats(f"{root / slug}{os.sep}", names), strict=True))
        for index, (_, stat), record in zip(indices, seen, shards.records(slug, seen), strict=True):
            if record is not None:
                kind, _, path = files[index]
                results[index] = _result(record, decoders[kind], path)
            elif stat is not None:  # else gone since the scan, or unreadable: reading says which
                stats[index] = stat


# --- choosing before building ------------------------------------------------------------------


@dataclass(slots=True)
class Index:
    """What `load` gives, for choosing pledges before they are built: a pledge whose cached entry
    is current stands as its facts alone (an IndexRow, all that `tracker.query` reads but for
    text), a pledge read afresh as itself; `entries` builds the pledges chosen."""

    root: Path
    declarations: dict[str, DeclarationEntry]
    pledges: list[PledgeFacts]  # in folder and file name order (query.order sorts them)
    problems: list[Problem]  # those of `load`, in another order
    shards: RootCache
    codec: Codec
    # What the cache keeps of each pledge that a worker read afresh, by id: it stands as its
    # facts until chosen, and is rebuilt from this (which a shard may not hold: see RACY_NS).
    unbuilt: dict[str, Stored] = field(default_factory=dict)

    def entries(self, chosen: Iterable[PledgeFacts]) -> list[PledgeEntry]:
        """The pledges `chosen` (from `pledges`), built whole, in the same order."""
        with _gc_paused():  # as `load`: many objects made, none freed
            return self._entries(list(chosen))

    def _entries(self, chosen: list[PledgeFacts]) -> list[PledgeEntry]:
        from .cache import model_of

        wanted: dict[str, list[str]] = {}
        unbuilt = self.unbuilt
        for facts in chosen:
            if not isinstance(facts, PledgeEntry) and facts.id not in unbuilt:
                wanted.setdefault(facts.declaration, []).append(file_name(facts.number))
        models = {
            slug: dict(zip(names, self.shards.models(slug, names), strict=True))
            for slug, names in wanted.items()
        }
        decode = self.codec.decoder(Pledge)
        built = []
        folders: dict[str, Path] = {}
        repaired = False
        for facts in chosen:
            if isinstance(facts, PledgeEntry):
                built.append(facts)
                continue
            slug, name = facts.declaration, file_name(facts.number)
            folder = folders.get(slug) or folders.setdefault(slug, self.root / slug)
            path = folder / name
            item = unbuilt.get(facts.id)
            content = models[slug][name] if item is None else model_of(item)
            if content is None:  # its cached copy is damaged: read the file, and cache it again
                file, stat = ("pledge", slug, path), _stat_of(str(path))
                [(content, _)] = _read_and_keep([file], [stat], self.shards, self.codec)
                repaired = True
                if content is None:
                    continue
            else:
                content = decode(content)
            built.append(PledgeEntry(facts.id, slug, facts.number, path, content))
        if repaired:
            self.shards.save()
        return built


def _stats(prefix: str, names: list[str]) -> list[os.stat_result | None]:
    """The stat of each of `names` in the folder `prefix` ends with (see `_stat_of`)."""
    stat = os.stat
    try:
        return [stat(prefix + name) for name in names]
    except OSError:  # one is gone or cannot be seen: take them one by one
        return [_stat_of(prefix + name) for name in names]


def _stat_of(path: str) -> os.stat_result | None:
    """The file's stat; None if it is gone since the scan or cannot be seen (reading it will
    say which)."""
    try:
        return os.stat(path)  # noqa: PTH116 - a Path costs as much again
    except OSError:
        return None


def load_index(root: Path, *, cache: Path) -> Index:
    """What `load(root, cache=cache)` reads, as an Index: only the files not cached (or changed
    since) are read, and no cached pledge is built until `Index.entries` asks for it."""
    from .cache import Codec, IndexRow, RootCache

    with _gc_paused():
        shards = RootCache(cache, root, time.time_ns(), on_demand=True)
        codec = Codec()
        index = Index(root, {}, [], [], shards, codec)
        found: list[Problem] = []  # of the files, after those of the layout
        declarations: list[_File] = []
        unread: list[_File] = []  # pledge files not cached, or changed since
        stats: list[os.stat_result | None] = []
        places: list[tuple[int, str]] = []  # where each goes in index.pledges, and its number
        pledges: list[PledgeFacts | None] = []
        for slug, folder in _declaration_folders(root, None, index.problems):
            listing = _listing(root, slug, folder, shards, index.problems)
            if listing is None:
                continue
            has_declaration, numbers, _ = listing
            if has_declaration:
                declarations.append(("declaration", slug, folder / DECLARATION_FILE))
            prefix = f"{folder}{os.sep}"
            names = [file_name(number) for number in numbers]
            seen = list(zip(names, _stats(prefix, names), strict=True))
            for number, (name, stat), cached in zip(
                numbers, seen, shards.facts(slug, seen), strict=True
            ):
                if cached is None:
                    places.append((len(pledges), number))
                    pledges.append(None)
                    unread.append(("pledge", slug, folder / name))
                    stats.append(stat)
                    continue
                facts, problems = cached
                if problems:
                    found.extend(Problem(folder / name, *problem) for problem in problems)
                if facts is not None:
                    pledges.append(IndexRow(pledge_id(slug, number), slug, number, *facts))

        read = _through_cache(root, declarations, shards, codec)
        for (_, slug, path), (content, problems) in zip(declarations, read, strict=True):
            found.extend(problems)
            if content is not None:
                index.declarations[slug] = DeclarationEntry(slug, path, content)
        fresh = _read_fresh(unread, stats, shards, codec, rebuild=False)
        for (place, number), (_, slug, path), (result, item) in zip(
            places, unread, fresh, strict=True
        ):
            if result is None:  # a worker read it: it stands as its facts until chosen
                problems, facts = item[0], item[1]  # type: ignore[index]
                found.extend(Problem(path, *problem) for problem in problems)
                if facts is not None:
                    pledges[place] = row = IndexRow(pledge_id(slug, number), slug, number, *facts)
                    index.unbuilt[row.id] = item  # type: ignore[assignment]
                continue
            content, problems = result
            found.extend(problems)
            if content is not None:
                pledges[place] = PledgeEntry(pledge_id(slug, number), slug, number, path, content)
        index.pledges = [pledge for pledge in pledges if pledge is not None]
        index.problems += found
        shards.save(prune=True)
    return index


# --- finding one pledge by id -----------------------------------------------------------------


def resolve(root: Path, text: str) -> PledgeFile:
    """The pledge file an id names, from the layout alone (no pledge file is parsed).

    Accepts the full id (`eu-clasi-2023-20`), the same with the number written differently
    (`eu-western-balkans-2018-1` for `-01`), or a unique end of one (`clasi-2023-20`, `20`).
    """
    wanted = text.strip().lower().removesuffix(".yaml")
    head, _, number = wanted.rpartition("-")
    folder_named = bool(head) and SLUG_RE.fullmatch(head) and (root / head).is_dir()
    files = scan(root, [head] if folder_named else None).pledges
    if not any(f.id == wanted for f in files) and folder_named:
        files = scan(root).pledges  # the folder exists but not the pledge: look everywhere
    for file in files:
        if file.id == wanted:
            return file
    candidates = [f for f in files if _same_pledge(f, head, number)]
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
