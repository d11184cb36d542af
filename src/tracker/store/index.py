"""The index: what reading each data file gave, kept in one SQLite database, so that a run where
little has changed parses little, and filters and sorts are answered by SQL.

One database (`index.sqlite3`) in the user's cache folder holds a row per data file of every data
root read: the file's stat key (size, modification time, change time, inode), the facts filters
and sorts read (declaration, number, status, due date, newest update, actors and themes), the
file's content as JSON (rebuilt without PyYAML or pydantic) and its problems. A run stats every
file, reads the files whose key is not the one kept, writes their rows, and asks its question in
the same transaction, so the answer holds exactly the files as this run saw them.

Correctness before speed:
- the whole index is keyed on the size and modification time of every source file of tracker as
  installed, and on the versions of Python, PyYAML and pydantic (`source_stamp`): installing or
  editing tracker, or upgrading one of them, empties it, so nothing kept can make `validate`
  accept what a run without the cache refuses;
- a row is used only if the file's key is exactly the one kept; a file changed less than
  `RACY_NS` before it was read is kept without its key (unsettled), and read again by the next
  run, since a second change within the file system's timestamp granularity could leave its key
  as it was;
- the database is used only in a folder that this user owns and nobody else may write to
  (tracker creates it with mode 0700), and only if it is a regular file of a sane size; anything
  else where it should be (a link, a pipe, a device, a damaged or foreign database, a lock held
  too long) is set aside: the run answers from an index in memory, and a damaged file is
  replaced;
- WAL mode: readers never wait for a writer, and writers take turns; each writes its rows and
  reads its answer in one transaction.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import os
import stat
import sys
import typing
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import orjson

from .. import model
from ..model import CLOSED_STATUSES, Status

if TYPE_CHECKING:
    import sqlite3

    from ..query import Query

FORMAT = 4  # of the tables below
RACY_NS = 2_000_000_000  # coarser than any file system's timestamps (FAT's two seconds)
CACHE_ENV = "TRACKER_CACHE_DIR"
NAME = "index.sqlite3"
MAX_BYTES = 4 * 1024**3  # a database larger than this is not ours to read
BUSY_MS = 5000  # how long a writer waits for another one before answering from memory

# One statement each (a string is not split at its semicolons: a comment may hold one).
_TABLES = {
    "meta": "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "files": """CREATE TABLE files (
    root TEXT NOT NULL,         -- the data root's real path
    path TEXT NOT NULL,         -- the file's, within the root: slug/name
    key TEXT,                   -- its stat key when read (NULL: changed too recently to trust)
    kind TEXT NOT NULL,         -- pledge | declaration
    declaration TEXT NOT NULL, number TEXT, sort_id TEXT NOT NULL,
    usable INTEGER NOT NULL,    -- 1: read into a Pledge or Declaration (its content is kept)
    status TEXT, status_rank INTEGER, due TEXT, dated TEXT,
    updates TEXT,               -- JSON [[first day, last day], ...] of the updates' dates
    actors TEXT, themes TEXT,   -- JSON lists, as written
    actor_keys TEXT, theme_keys TEXT,  -- the same, case-folded
    problems TEXT NOT NULL,     -- JSON [[line, level, code, message], ...]
    PRIMARY KEY (root, path)
) WITHOUT ROWID""",
    # Apart from the facts, so that a run comparing keys and filtering reads only the small rows.
    # A table with rowids: its rows (a kilobyte or so) are too large for WITHOUT ROWID, which
    # SQLite advises only for rows under a twentieth of a page; written as one, a cold run wrote
    # the index twice as slowly, and it took twice the room on disk.
    "contents": """CREATE TABLE contents (
    root TEXT NOT NULL, path TEXT NOT NULL,
    content TEXT NOT NULL,      -- the Pledge or Declaration as JSON
    PRIMARY KEY (root, path)
)""",
}
_COLUMNS = (
    "path, key, kind, declaration, number, sort_id, usable, "
    "status, status_rank, due, dated, updates, actors, themes, actor_keys, theme_keys, problems"
)


# --- where the index lives ------------------------------------------------------------------------


def cache_folder() -> Path | None:
    """`$TRACKER_CACHE_DIR` (if absolute), else the user's cache folder as platformdirs names it
    for this system, with `tracker` in it; None if there is none."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit and Path(explicit).expanduser().is_absolute():
        return Path(explicit).expanduser()
    import platformdirs

    try:
        return Path(platformdirs.user_cache_dir("tracker", appauthor=False))
    except (OSError, RuntimeError, KeyError):
        return None


def _trusted_folder(folder: Path) -> bool:
    """Make `folder` (owner-only) if it is missing; True if it is a folder this user owns that
    nobody else can write to."""
    with contextlib.suppress(OSError):
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        info = folder.stat()
    except OSError:
        return False
    owner = os.geteuid() if hasattr(os, "geteuid") else info.st_uid
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == owner
        and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


def _trusted_file(path: Path) -> bool:
    """Is what stands at `path` absent, or a regular file (not a link) of this user's of a sane
    size? Told without opening it: a named pipe would block, a huge file would be read."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return True
    except OSError:
        return False
    owner = os.geteuid() if hasattr(os, "geteuid") else info.st_uid
    return stat.S_ISREG(info.st_mode) and info.st_uid == owner and info.st_size <= MAX_BYTES


@functools.cache
def source_stamp() -> str:
    """What names every source file of tracker as installed (its path, size and modification
    time: installing or editing one changes them), Python's version, and the files of PyYAML and
    pydantic (the same of each one's first module, which an upgrade replaces): all that a
    reading kept in the index depends on besides the file. Kept whole (a few kilobytes), so
    that two stamps are the same only if all of it is."""
    from importlib.util import find_spec

    package = Path(__file__).parent.parent
    files = [path for path in package.rglob("*") if path.suffix in (".py", ".j2")]
    for library in ("yaml", "_yaml", "pydantic", "pydantic_core"):
        spec = find_spec(library)  # finds, without importing (importlib.metadata costs more)
        if spec is not None and spec.origin:
            files.append(Path(spec.origin))
    stamp = [f"{FORMAT} {sys.version}"]
    for path in sorted(files):
        with contextlib.suppress(OSError):
            info = path.stat()
            stamp.append(f"{path} {info.st_size} {info.st_mtime_ns}")
    return "\n".join(stamp)


def _connect(target: str) -> sqlite3.Connection:
    import sqlite3

    db = sqlite3.connect(target, timeout=BUSY_MS / 1000, isolation_level=None)
    db.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
    # Pages of 16 KiB, not 4: each holds about a dozen pledges' contents (a kilobyte or so each)
    # rather than three, and a cold run's copy into the index and its commit took a third less
    # time. Set before the first table: a database keeps the page size it was made with.
    db.execute("PRAGMA page_size = 16384")
    # Rows read on a cold run wait in temporary storage (see `_read`): on disk beside an index
    # on disk; in memory beside one in memory, which must answer when the disk cannot.
    db.execute(f"PRAGMA temp_store = {'MEMORY' if target == ':memory:' else 'FILE'}")
    return db


def _discard(path: Path) -> None:
    """Remove a database that cannot be used, with its journal files, so the next run starts
    one afresh."""
    for name in (path.name, f"{path.name}-wal", f"{path.name}-shm"):
        with contextlib.suppress(OSError):
            (path.parent / name).unlink()


def _open_on_disk(folder: Path) -> sqlite3.Connection | None:
    """The index in `folder`, made if missing and emptied if made by other code; None if it
    cannot be trusted or used."""
    import sqlite3

    path = folder / NAME
    if not _trusted_folder(folder) or not all(
        _trusted_file(folder / name) for name in (NAME, f"{NAME}-wal", f"{NAME}-shm")
    ):
        return None
    for attempt in range(2):
        try:
            db = _connect(str(path))
            try:
                _prepare(db)
            except BaseException:
                db.close()
                raise
            return db
        except sqlite3.DatabaseError as error:
            if attempt or not _damaged(error):
                return None  # locked too long, read-only, out of space: answer from memory
            _discard(path)  # not a database, or not ours: start again
    return None


def _damaged(error: Exception) -> bool:
    import sqlite3

    return not isinstance(error, sqlite3.OperationalError) or "malformed" in str(error)


def _prepare(db: sqlite3.Connection) -> None:
    """Make the tables if missing; empty them if the code that filled them is not this one."""
    stamp = f"{FORMAT}:{source_stamp()}"
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")  # a row lost in a power cut is only a miss
    if _stamp(db) == stamp:
        db.execute("SELECT path FROM files LIMIT 1").fetchall()  # a damaged table says so now
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        if _stamp(db) != stamp:  # not made meanwhile by another run
            _make_tables(db)
            db.execute("INSERT INTO meta VALUES ('stamp', ?)", (stamp,))
        db.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(Exception):
            db.execute("ROLLBACK")
        raise


def _stamp(db: sqlite3.Connection) -> str | None:
    """The stamp of the code that filled the index (None: not an index of ours)."""
    import sqlite3

    try:
        found = db.execute("SELECT value FROM meta WHERE name = 'stamp'").fetchone()
    except sqlite3.OperationalError:  # no such table, or not such a one
        return None
    return found[0] if found and isinstance(found[0], str) else None


def _make_tables(db: sqlite3.Connection) -> None:
    """Make the index's tables afresh, dropping any of their names that another version of
    tracker made."""
    for name, statement in _TABLES.items():
        db.execute(f"DROP TABLE IF EXISTS {name}")
        db.execute(statement)


def _open_in_memory() -> sqlite3.Connection:
    db = _connect(":memory:")
    _make_tables(db)
    return db


# --- the rows -------------------------------------------------------------------------------------


# What tells that a file changed: its size, modification and change times (ns) and inode, in
# one text. Any edit, `touch`, rename or replacement changes it.
Key = str


def key_of(info: os.stat_result) -> Key:
    return f"{info.st_size} {info.st_mtime_ns} {info.st_ctime_ns} {info.st_ino}"


class DataFile(NamedTuple):
    """A data file of the layout, to be read or found in the index."""

    path: str  # within the root: slug/name
    kind: str  # pledge | declaration
    declaration: str
    number: str | None  # a pledge's


class Job(NamedTuple):
    """A file to read into a row, with the key its row keeps: the file's key taken before
    reading, or None where that cannot be trusted (the file changed too recently, or could not
    be seen), so that the next run reads it again."""

    file: DataFile
    key: Key | None


class Row(NamedTuple):
    """What the index keeps of one file: the columns of `files` but the root."""

    path: str
    key: Key | None
    kind: str
    declaration: str
    number: str | None
    sort_id: str
    usable: int
    status: str | None
    status_rank: int | None
    due: str | None
    dated: str | None  # a declaration's date, as the first day of its period
    updates: str | None
    actors: str | None
    themes: str | None
    actor_keys: str | None
    theme_keys: str | None
    problems: str
    content: str | None  # kept in `contents`, when usable


_STATUS_RANK = {status.value: index for index, status in enumerate(Status)}


def sort_id(text: str) -> str:
    """A text that sorts as `model.natural_key` sorts ids: each run of digits as its length and
    its digits (leading zeros dropped: `07` is `7`), after a character below every other (the
    text before a number ends there)."""
    import re

    def number(digits: re.Match[str]) -> str:
        value = digits.group().lstrip("0") or "0"
        return f"\x01{len(value):05d}{value}"

    return re.sub(r"\d+", number, text)


def _day(date: dt.date | None) -> str | None:
    """A (partial) date as the day it compares as: `2022-10` as 2022-10-01."""
    return None if date is None else dt.date.isoformat(date)


def _last_day(date: dt.date) -> dt.date:
    return date.last_day if isinstance(date, model.PartialDate) else date


def _as_written(value: Any) -> str:
    if isinstance(value, model.PartialDate):  # as written: `2022-10` stays `2022-10`
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _json(value: Any) -> str:
    """`value` (plain data, or a Pledge or Declaration as it is) as JSON text, in C."""
    return orjson.dumps(value, default=_as_written).decode()


def row_of(file: DataFile, key: Key | None, content: Any, problems: Sequence[model.Problem]) -> Row:
    """The row of a file just read: its content (a Pledge, a Declaration, or None) and problems."""
    found = _json([[p.line, p.level, p.code, p.message] for p in problems])
    body = None if content is None else _json(content)
    facts: tuple[Any, ...] = (None,) * 9
    if isinstance(content, model.Pledge):
        actors, themes = content.actors, content.themes
        facts = (
            content.status,
            _STATUS_RANK.get(content.status),
            _day(content.due),
            None,
            _json([[_day(date), _day(_last_day(date))] for date in content.update_dates]),
            _json(actors),
            _json(themes),
            _json([actor.casefold() for actor in actors]),
            _json([theme.casefold() for theme in themes]),
        )
    elif isinstance(content, model.Declaration):
        facts = (None, None, None, _day(content.date), None, None, None, None, None)
    slug, number = file.declaration, file.number
    name = slug if number is None else model.pledge_id(slug, number)
    return Row._make(
        (
            file.path,
            key,
            file.kind,
            slug,
            number,
            sort_id(name),
            int(body is not None),
            *facts,
            found,
            body,
        )
    )


# --- content from JSON, without exec, PyYAML or pydantic ------------------------------------------


class _Parsed(dict[str, Any]):
    """Texts and what `parse` makes of them, each parsed once: equal dates are one object."""

    def __init__(self, parse: Callable[[str], Any]) -> None:
        super().__init__()
        self.parse = parse

    def __missing__(self, text: str) -> Any:
        value = self[text] = self.parse(text)
        return value


def _partial_date(text: str) -> model.PartialDate:
    if len(text) == 10:
        return model.PartialDate.fromisoformat(text)  # a day, by the C parser
    return model.parse_partial_date(text)


_PARTIAL_DATES = _Parsed(_partial_date)
_DAYS = _Parsed(dt.date.fromisoformat)
_decoders: dict[type, Callable[[dict[str, Any]], Any]] = {}


def _converter(hint: Any) -> Callable[[Any], Any] | None:
    """What turns a JSON value of type `hint` back into the model's; None for plain data."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        inner = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _converter(inner[0]) if len(inner) == 1 else None
    if origin is tuple:
        item = _converter(typing.get_args(hint)[0])
        if item is None:
            return tuple
        return lambda values: tuple(map(item, values))
    if hint is model.PartialDate:
        return _PARTIAL_DATES.__getitem__
    if hint is dt.date:
        return _DAYS.__getitem__
    if dataclasses.is_dataclass(hint):
        return decoder(hint)  # type: ignore[arg-type]
    return None


def decoder(kind: type[Any]) -> Callable[[dict[str, Any]], Any]:
    """What rebuilds a `kind` (a dataclass of the model) from the JSON of one, field by
    field from its type hints: a field added to the model is carried without a change here."""
    found = _decoders.get(kind)
    if found is None:
        hints = typing.get_type_hints(kind)
        fields = [(f.name, _converter(hints[f.name])) for f in dataclasses.fields(kind)]
        converting = [(name, convert) for name, convert in fields if convert is not None]

        def found(data: dict[str, Any]) -> Any:
            for name, convert in converting:
                value = data.get(name)
                if value is not None:
                    data[name] = convert(value)
            return kind(**data)

        _decoders[kind] = found
    return found


# --- the index of one data root -------------------------------------------------------------------

Reader = Callable[[list[Job]], Iterable[Row]]
# Natural id order, ties (`a-1` + `01` and `a-01` + `1`) by folder, then file name.
_ID_ORDER = "f.sort_id, f.declaration, f.path"


class Index:
    """The rows of one data root, current for the files given to `refresh`, and the questions
    asked of them. Use as a context manager: it holds a transaction from `refresh` to the end."""

    def __init__(self, root: Path, folder: Path | None, scope: Sequence[str] | None = None) -> None:
        self.root = root
        self.real = os.path.realpath(root)
        self.started_ns = 0
        # Which rows are this run's: the root's, or those of the declarations in `scope`.
        self.mine = "f.root = ?"
        self.mine_parameters: list[Any] = [self.real]
        if scope is not None:
            self.mine += f" AND f.declaration IN ({', '.join('?' * len(scope))})"
            self.mine_parameters += scope
        on_disk = None if folder is None else _open_on_disk(folder)
        self.db = on_disk or _open_in_memory()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(Exception):
            if self.db.in_transaction:
                self.db.execute("COMMIT")
        self.db.close()

    def refresh(self, files: list[DataFile], read: Reader) -> None:
        """Have a current row for each of `files`: read those whose key is not the one kept
        (`read` reads them), and drop the rows of files gone. Leaves a transaction open, so that
        what is asked next sees exactly these rows."""
        import sqlite3
        import time

        self.started_ns = time.time_ns()
        try:
            self._refresh(files, read)
        except (sqlite3.Error, _Busy):  # a database that fails midway: answer from memory
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
            self.db = _open_in_memory()
            self._refresh(files, read)

    def _refresh(self, files: list[DataFile], read: Reader) -> None:
        db = self.db
        keys = self._stats(files)
        for _attempt in range(3):
            db.execute("BEGIN")
            kept = self._kept()
            stale = [
                f for f in files if keys[f.path] is None or kept.pop(f.path, None) != keys[f.path]
            ]
            if not stale and not kept:
                return  # every row current, none left over: ask in this snapshot
            db.execute("COMMIT")
            read_now = self._read(stale, keys, read)
            db.execute("BEGIN IMMEDIATE")
            current = self._kept()
            if all(current.get(f.path) == keys[f.path] for f in files if f.path not in read_now):
                # No other run changed a row this one takes as current meanwhile. Rows of files
                # gone go; a file no longer usable keeps no content.
                gone = [(self.real, path) for path in current.keys() - {f.path for f in files}]
                db.executemany("DELETE FROM files WHERE root = ? AND path = ?", gone)
                db.executemany("DELETE FROM contents WHERE root = ? AND path = ?", gone)
                db.execute(
                    "DELETE FROM contents WHERE root = ? AND path IN "
                    "(SELECT path FROM temp.staged WHERE NOT usable)",
                    [self.real],
                )
                db.execute(
                    f"INSERT OR REPLACE INTO files (root, {_COLUMNS}) "
                    f"SELECT root, {_COLUMNS} FROM temp.staged"
                )
                db.execute(
                    "INSERT OR REPLACE INTO contents "
                    "SELECT root, path, content FROM temp.staged WHERE usable"
                )
                return
            db.execute("ROLLBACK")
        raise _Busy

    def _stats(self, files: list[DataFile]) -> dict[str, Key | None]:
        """Each file's key now, before it is read (None if it cannot be seen: reading says why)."""
        prefix = f"{self.root}{os.sep}"
        keys: dict[str, Key | None] = {}
        for file in files:
            try:
                keys[file.path] = key_of(os.stat(prefix + file.path))  # noqa: PTH116 - a Path costs as much again
            except OSError:
                keys[file.path] = None
        return keys

    def _kept(self) -> dict[str, Key | None]:
        """The key of each of this run's rows (None: unsettled, so never current)."""
        query = f"SELECT path, key FROM files f WHERE {self.mine}"
        return dict(self.db.execute(query, self.mine_parameters))

    def _read(self, files: list[DataFile], keys: dict[str, Key | None], read: Reader) -> set[str]:
        """Read `files` by `read` into the temporary table `staged`, each row with the key the
        file had before it was read (a file that could not be seen, or changed too recently, is
        kept unsettled); the paths read. The table is SQLite's temporary storage, on disk for an
        index on disk: a run that reads every file of a large folder holds none of their rows in
        memory. (A temporary folder that is full fails the index on disk, and the run answers
        from one in memory: see `refresh`.)"""
        settled_before = self.started_ns - RACY_NS

        def settled(key: Key | None) -> Key | None:
            if key is None:
                return None
            _, mtime, ctime, _ = key.split()
            return key if max(int(mtime), int(ctime)) < settled_before else None

        jobs = [Job(file, settled(keys[file.path])) for file in files]
        paths: set[str] = set()

        def staged() -> Iterator[tuple[Any, ...]]:
            for row in read(jobs):
                paths.add(row.path)
                yield (self.real, *row)

        db = self.db
        db.execute(f"CREATE TEMP TABLE IF NOT EXISTS staged (root, {_COLUMNS}, content)")
        db.execute("BEGIN")  # touches the temporary database alone: no lock on the index
        db.execute("DELETE FROM temp.staged")
        marks = ", ".join("?" * (1 + len(Row._fields)))  # the root, then the row
        db.executemany(f"INSERT INTO temp.staged VALUES ({marks})", staged())
        db.execute("COMMIT")
        return paths

    # -- questions ------------------------------------------------------------------------------

    def _select(
        self, columns: str, where: str, parameters: Sequence[Any], order: str, join: str = ""
    ) -> Iterator[Any]:
        """The rows asked for, in `order` ("" for any order: SQLite then gives each row as it
        finds it, rather than all of them sorted)."""
        return self.db.execute(
            f"SELECT {columns} FROM files f{join} WHERE {self.mine}{where}"
            + (f" ORDER BY {order}" if order else ""),
            [*self.mine_parameters, *parameters],
        )

    def problems(self) -> Iterator[model.Problem]:
        """The problems of every file read, declarations first, in natural order."""
        for path, found in self._select(
            "f.path, f.problems", " AND f.problems != '[]'", (), "f.kind, f.sort_id"
        ):
            for line, level, code, message in orjson.loads(found):
                yield model.Problem(self.root / path, line, level, code, message)

    def declarations(self) -> dict[str, model.DeclarationEntry]:
        """Every usable declaration, by slug."""
        decode = decoder(model.Declaration)
        return {
            slug: model.DeclarationEntry(slug, self.root / path, decode(orjson.loads(content)))
            for slug, path, content in self._select(
                "f.declaration, f.path, c.content",
                " AND f.kind = 'declaration'",
                (),
                "f.sort_id",
                _CONTENT,
            )
        }

    def pledges(
        self, where: str = "", parameters: Sequence[Any] = (), order: str = _ID_ORDER
    ) -> list[model.PledgeEntry]:
        """The usable pledges that `where` keeps (see `where_of`), in `order`, built."""
        return list(self.each_pledge(where, parameters, order))

    def each_pledge(
        self, where: str = "", parameters: Sequence[Any] = (), order: str = _ID_ORDER
    ) -> Iterator[model.PledgeEntry]:
        """`pledges`, each built as it is read."""
        decode = decoder(model.Pledge)
        root, loads, entry, id_of = self.root, orjson.loads, model.PledgeEntry, model.pledge_id
        for path, slug, number, content in self._select(
            "f.path, f.declaration, f.number, c.content",
            _PLEDGES + where,
            parameters,
            order,
            _CONTENT,
        ):
            yield entry(id_of(slug, number), slug, number, root / path, decode(loads(content)))

    def ids(
        self, where: str = "", parameters: Sequence[Any] = (), order: str = _ID_ORDER
    ) -> list[str]:
        """The ids of what `pledges` gives, none built."""
        return [
            model.pledge_id(slug, number)
            for slug, number in self._select(
                "f.declaration, f.number", _PLEDGES + where, parameters, order
            )
        ]

    def known_names(self, wanted: Mapping[str, Collection[str]]) -> dict[str, set[str]]:
        """For each kind in `wanted` (declaration, theme, actor), the names of it that the data
        has, compared as the filters compare them (declarations with a usable declaration file
        or pledge, the themes and actors of usable pledges, case-insensitively): the names
        wanted, when it has them all; else every name of that kind, as written, to suggest the
        nearest from (also when no name of the kind is given)."""
        known: dict[str, set[str]] = {}
        for kind, names in wanted.items():
            if names and all(self._has(kind, name) for name in names):
                known[kind] = set(names)
            elif kind == "declaration":
                known[kind] = {slug for (slug,) in self._select("f.declaration", _USABLE, (), "")}
            else:
                written = _NAME_COLUMNS[kind][0]
                known[kind] = {
                    name
                    for (name,) in self._select(
                        "DISTINCT j.value", _PLEDGES, (), "", f", json_each(f.{written}) j"
                    )
                }
        return known

    def _has(self, kind: str, name: str) -> bool:
        if kind == "declaration":
            found = self._select("1", f"{_USABLE} AND f.declaration = ?", [name.lower()], "")
        else:
            folded = _NAME_COLUMNS[kind][1]
            found = self._select(
                "1",
                f"{_PLEDGES} AND j.value = ?",
                [name.casefold()],
                "",
                f", json_each(f.{folded}) j",
            )
        return next(found, None) is not None


_USABLE = " AND f.usable"
_NAME_COLUMNS = {"theme": ("themes", "theme_keys"), "actor": ("actors", "actor_keys")}
_PLEDGES = " AND f.kind = 'pledge' AND f.usable"
_CONTENT = " JOIN contents c ON c.root = f.root AND c.path = f.path"


class _Busy(Exception):
    """Other runs kept changing the rows this one read."""


# --- a query as SQL -------------------------------------------------------------------------------


# The filters of a Query that `where_of` says in SQL; any other (`stale`, `search`, `attention`,
# and whatever is added later) is left to `Query.matches` on the pledges built.
_IN_SQL = frozenset(
    {"statuses", "declarations", "actors", "themes", "due_before", "due_after", "overdue", "as_of"}
)


def decided_in_sql(query: Query) -> bool:
    """Does `where_of` say all that `query` asks (every other filter as by default)?"""
    default = type(query)(as_of=query.as_of)
    return all(
        getattr(query, field.name) == getattr(default, field.name)
        for field in dataclasses.fields(query)
        if field.init and field.name not in _IN_SQL
    )


def where_of(query: Query) -> tuple[str, list[Any]]:
    """The SQL condition (`AND …`, on table `f`) and parameters for what `query` keeps by the
    filters in `_IN_SQL`."""
    clauses: list[str] = []
    parameters: list[Any] = []

    def among(column: str, values: Iterable[str]) -> None:
        values = sorted(values)
        if values:
            clauses.append(f"{column} IN ({', '.join('?' * len(values))})")
            parameters.extend(values)

    def listing(column: str, values: Iterable[str]) -> None:
        values = sorted(values)
        if values:
            clauses.append(
                f"EXISTS (SELECT 1 FROM json_each(f.{column}) "
                f"WHERE value IN ({', '.join('?' * len(values))}))"
            )
            parameters.extend(values)

    among("f.status", query.statuses)
    among("f.declaration", query.declarations)  # slugs are lowercase
    listing("actor_keys", query.actors)
    listing("theme_keys", query.themes)
    if query.due_before is not None:
        clauses.append("f.due < ?")
        parameters.append(_day(query.due_before))
    if query.due_after is not None:
        clauses.append("f.due > ?")
        parameters.append(_day(getattr(query.due_after, "last_day", query.due_after)))
    if query.overdue:
        closed = sorted(CLOSED_STATUSES)
        clauses.append(f"f.due < ? AND f.status NOT IN ({', '.join('?' * len(closed))})")
        parameters += [_day(query.as_of or dt.date.today()), *closed]
    return "".join(f" AND {clause}" for clause in clauses), parameters


def order_of(sort: str) -> str:
    """The SQL order (on table `f`) that `query.order` gives: by the key, values missing last
    either way, ties in id order."""
    from ..query import parse_sort

    name, descending = parse_sort(sort)
    direction = "DESC" if descending else "ASC"
    if name == "id":
        return _ID_ORDER.replace(",", f" {direction},") + f" {direction}"
    if name == "declaration":  # by the declaration's date, then its slug
        date = _OF_DECLARATION_DATED
        slug = _OF_DECLARATION.format("sort_id")
        slug = f"CASE WHEN {date} IS NULL THEN '' ELSE {slug} END"  # undated: in id order
        return f"{date} IS NULL, {date} {direction}, {slug} {direction}, {_ID_ORDER}"
    column = {"due": "f.due", "status": "f.status_rank", "updated": _UPDATED}[name]
    return f"{column} IS NULL, {column} {direction}, {_ID_ORDER}"


_OF_DECLARATION = (
    "(SELECT d.{} FROM files d WHERE d.root = f.root AND d.kind = 'declaration' "
    "AND d.declaration = f.declaration)"
)
_OF_DECLARATION_DATED = _OF_DECLARATION.format("dated")
# The newest update not before the declaration's date (`model.before`: background, not news).
_UPDATED = (
    "(SELECT max(json_extract(u.value, '$[0]')) FROM json_each(f.updates) u WHERE "
    f"{_OF_DECLARATION_DATED} IS NULL OR json_extract(u.value, '$[1]') >= {_OF_DECLARATION_DATED})"
)
