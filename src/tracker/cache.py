"""A cache of parsed files, so that a run where little has changed parses little.

For each data root there is one folder in the user's cache folder, named from a hash of the
root's real path, with one file (a *shard*) per declaration folder. A shard holds what the folder
listed and, for each of its files, the model built from it and the problems found in it, as plain
tuples that `marshal` reads fast; the frozen dataclasses are rebuilt from them without PyYAML or
pydantic. Each entry is keyed by the file's size, modification time, change time and inode
number: any edit, `touch`, rename or replacement changes the key, and a changed key is a miss.

A shard is an index followed by blobs. The index holds, for each file, its key, its problems,
the facts that queries read of a pledge (`facts_of`, `IndexRow`) and where the file's model lies
among the blobs; each blob is one file's model, marshalled on its own. `tracker list` reads the
indexes, chooses by the facts, and decodes the blobs of the pledges it chose alone.

Beside the roots' folders, one file keeps the core schemas that tracker.schema builds its
validators from (see `read_core_schemas`), so that a run that must check a file or two does not
import pydantic to build them.

Correctness before speed:
- an entry is used only if the file's key is exactly the one recorded;
- a file or folder changed less than `RACY_NS` before it was read is not cached, since a second
  change within the file system's timestamp granularity could leave the key as it was;
- a shard that is truncated or corrupt, or was written for another root, by another version of
  tracker's reading code, PyYAML, pydantic or Python, is ignored (and rewritten); the index and
  each blob carry their own CRC-32, so a damaged blob costs the reading of its file alone;
- shards are replaced whole and atomically, so concurrent runs never see half of one: the last
  writer wins, and every shard is a complete, correct view of what its writer read.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import marshal
import os
import sys
import types
import typing
import zlib
from collections.abc import Callable, Iterable
from itertools import starmap
from pathlib import Path
from typing import Any, TypeVar

from . import __version__, model
from .fsutil import atomic_write

FORMAT = 2
RACY_NS = 2_000_000_000  # coarser than any file system's timestamps (FAT's two seconds)
_MAGIC = b"tracker-cache\n"
_HEAD = len(_MAGIC) + 8  # the magic, then the CRC-32 and the length of the content
READ_WHOLE_FROM = 8  # blobs of one shard asked for at once: fewer are read one by one
CACHE_ENV = "TRACKER_CACHE_DIR"

T = TypeVar("T")
Key = tuple[int, int, int, int]
ProblemRecord = tuple[Any, ...]  # (line, level, code, message) of a problem in the file itself
# What reading one file gave: the model as plain tuples (None if unusable), and its problems.
Record = tuple[Any, tuple[ProblemRecord, ...]]
# What a shard's index holds of a file: key, problems, facts (of a usable pledge: what
# `facts_of` gives; else None), and its blob's start, length and CRC-32.
IndexEntry = tuple[Key, tuple[ProblemRecord, ...], Any, int, int, int]
# What a cache file holds: its content, the bytes after it (None: not read), where they begin,
# and which file it was (inode, size, modification time), for reading the rest later.
_Read = tuple[Any, "memoryview | None", int, tuple[int, int, int]]
# What the cache keeps of a file read afresh (see `stored`): problems, facts, blob, its CRC-32.
Stored = tuple[tuple[ProblemRecord, ...], Any, bytes, int]
# What a run read afresh of a file, for the shard it writes: its key, then what it stored.
Fresh = tuple[Key, tuple[ProblemRecord, ...], Any, bytes, int]


def default_folder() -> Path | None:
    """`$TRACKER_CACHE_DIR`, else `$XDG_CACHE_HOME/tracker`, else `~/.cache/tracker`; None when
    there is no home folder to keep it in. A relative `$TRACKER_CACHE_DIR` is ignored, as the XDG
    spec ignores a relative `$XDG_CACHE_HOME`: it would put a cache in whatever folder a command
    runs in, the repository among them."""
    explicit = Path(os.environ.get(CACHE_ENV, "")).expanduser()
    if explicit.is_absolute():
        return explicit
    xdg = Path(os.environ.get("XDG_CACHE_HOME", ""))
    if xdg.is_absolute():  # the XDG spec says to ignore a relative one
        return xdg / "tracker"
    try:
        return Path.home() / ".cache" / "tracker"
    except RuntimeError:
        return None


def key_of(stat: os.stat_result) -> Key:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def settled(stat: os.stat_result, started_ns: int) -> bool:
    """Was the file last changed long enough before `started_ns` (when reading began) that a
    later change must show in its key?"""
    return max(stat.st_mtime_ns, stat.st_ctime_ns) < started_ns - RACY_NS


# --- the model as plain tuples -----------------------------------------------------------------
# Field by field from the dataclasses' own type hints, so that a field added to the model is
# carried without a change here. Dates travel as ISO text, and equal dates are built once.


def _partial_date(text: str) -> model.PartialDate:
    """The PartialDate whose `isoformat` is `text`; a full day by the C parser, three times
    as fast as `parse_partial_date`."""
    if len(text) == 10:
        return model.PartialDate.fromisoformat(text)  # builds PartialDate(y, m, d): a day
    return model.parse_partial_date(text)


class _Parsed(dict[str, Any]):
    """Texts and what `parse` makes of them, each parsed on first look-up: a date seen before
    costs a dict look-up made in C, and equal dates are one object."""

    def __init__(self, parse: Callable[[str], Any]) -> None:
        super().__init__()
        self.parse = parse

    def __missing__(self, text: str) -> Any:
        value = self[text] = self.parse(text)
        return value


_PARTIAL_DATES = _Parsed(_partial_date)
_DAYS = _Parsed(dt.date.fromisoformat)


class Codec:
    """Turns model dataclasses into tuples of plain values and back."""

    def __init__(self) -> None:
        self._compiled: dict[type, tuple[Callable[[Any], Any], Callable[[Any], Any]]] = {}

    def encode(self, value: Any) -> tuple[Any, ...]:
        return self._functions(type(value))[0](value)  # type: ignore[no-any-return]

    def decode(self, kind: type[T], data: tuple[Any, ...]) -> T:
        return self._functions(kind)[1](data)  # type: ignore[no-any-return]

    def decoder(self, kind: type[T]) -> Callable[[tuple[Any, ...]], T]:
        return self._functions(kind)[1]

    def _convert(self, hint: Any) -> tuple[Callable[[Any], Any], Callable[[Any], Any]] | None:
        """(encode, decode) for a non-empty value of type `hint`, or None for plain data."""
        origin = typing.get_origin(hint)
        if origin is typing.Union or origin is types.UnionType:
            inner = [arg for arg in typing.get_args(hint) if arg is not type(None)]
            return self._convert(inner[0]) if len(inner) == 1 else None
        if origin is tuple:
            item = typing.get_args(hint)[0]
            converters = self._convert(item)
            if converters is None:
                return None
            encode, decode = converters
            if self._flat(item):  # rebuilt straight from its tuple, without a Python loop
                return (
                    lambda values: tuple(map(encode, values)),
                    lambda values: tuple(starmap(item, values)),
                )
            return (
                lambda values: tuple(map(encode, values)),
                lambda values: tuple(map(decode, values)),
            )
        if hint is model.PartialDate:
            return model.PartialDate.isoformat, _PARTIAL_DATES.__getitem__
        if hint is dt.date:
            return dt.date.isoformat, _DAYS.__getitem__
        if dataclasses.is_dataclass(hint):
            return self._functions(hint)  # type: ignore[arg-type]
        return None

    def _flat(self, kind: type) -> bool:
        """Is `kind(*values)` all it takes to rebuild a `kind` from its tuple?"""
        hints = typing.get_type_hints(kind)
        return all(
            not field.kw_only and self._convert(hints[field.name]) is None
            for field in dataclasses.fields(kind)
        )

    def _functions(self, kind: type) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
        """Encode and decode functions for `kind`, written out field by field and compiled, as
        dataclasses writes `__init__`: a warm load runs them for every object it rebuilds."""
        found = self._compiled.get(kind)
        if found is not None:
            return found
        hints = typing.get_type_hints(kind)
        fields = dataclasses.fields(kind)
        namespace: dict[str, Any] = {"kind": kind}
        encoded, decoded = [], []
        for index, field in enumerate(fields):
            value, item = f"value.{field.name}", f"f{index}"
            converters = self._convert(hints[field.name])
            if converters is not None:
                namespace[f"encode{index}"], namespace[f"decode{index}"] = converters
                value = f"encode{index}(v) if (v := {value}) else v"
                item = f"decode{index}({item}) if {item} else {item}"
            encoded.append(value)
            decoded.append(f"{field.name}={item}" if any(f.kw_only for f in fields) else item)
        names = ", ".join(f"f{index}" for index in range(len(fields)))
        source = (
            f"def encode(value):\n    return ({', '.join(encoded)},)\n"
            f"def decode(data):\n    {names}, = data\n    return kind({', '.join(decoded)})\n"
        )
        exec(source, namespace)  # the source is made above from field names alone
        found = self._compiled[kind] = (namespace["encode"], namespace["decode"])
        return found


# --- the facts of a pledge, as the index keeps them --------------------------------------------
# What `tracker.query` reads of a pledge (model.PledgeFacts) but for what the file's path gives
# (id, declaration, number), as plain data: dates as ISO text, read back only when a query asks
# for them (most filters read none, and a warm list reads ten thousand rows).

Facts = tuple[str, tuple[str, ...], tuple[str, ...], "str | None", str]


def facts_of(pledge: model.Pledge) -> Facts:
    """The facts that the index keeps of a pledge: what a PledgeEntry of it gives as
    model.PledgeFacts, but for its place. The only place that says what an IndexRow holds."""
    due = pledge.due
    return (
        pledge.status,
        pledge.actors,
        pledge.themes,
        None if due is None else due.isoformat(),
        " ".join([date.isoformat() for date in pledge.update_dates]),  # ISO dates hold no space
    )


class IndexRow(typing.NamedTuple):
    """A pledge's facts (model.PledgeFacts) as the index keeps them: its place, then what
    `facts_of` gave."""

    id: str
    declaration: str
    number: str
    status: str
    actors: tuple[str, ...]
    themes: tuple[str, ...]
    due_text: str | None
    update_dates_text: str

    @property
    def due(self) -> dt.date | None:
        text = self.due_text
        return None if text is None else _DAYS[text]

    @property
    def update_dates(self) -> tuple[model.PartialDate, ...]:
        text = self.update_dates_text
        return tuple(map(_PARTIAL_DATES.__getitem__, text.split())) if text else ()


# --- shards ------------------------------------------------------------------------------------
# A listing is what one declaration folder holds, from names alone (see store.scan): whether it
# has a declaration.yaml, the numbers of its pledge files (see store.file_name), and the
# problems of misnamed files as (file name or "" for the folder, line, level, code, message).
Listing = tuple[bool, tuple[str, ...], tuple[tuple[Any, ...], ...]]

_READING_MODULES = ("cache.py", "model.py", "schema.py", "store.py", "yamlfile.py")
_LIBRARIES = ("yaml", "pydantic", "pydantic_core")


def _fingerprint() -> tuple[Any, ...]:
    """What a cached entry depends on besides its file: the code that read it. A change to
    tracker's reading modules or an upgrade of PyYAML or pydantic invalidates every shard."""
    import importlib.util

    files = list(_READING_MODULES)
    for library in _LIBRARIES:
        spec = importlib.util.find_spec(library)
        if spec is not None and spec.origin:
            files.append(spec.origin)
    return (FORMAT, __version__, sys.version, marshal.version, _stamps(files))


def _stamps(files: Iterable[str]) -> tuple[tuple[str, int, int], ...]:
    """Path, size and modification time of each of `files` (names in tracker's own folder, or
    paths), leaving out those that cannot be seen."""
    package = Path(__file__).parent
    stamps = []
    for name in files:
        path = package / name  # an absolute path stays itself
        try:
            stat = path.stat()
        except OSError:
            continue
        stamps.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(stamps)


def _folder_name(real_root: str) -> str:
    data = real_root.encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def _load(path: Path, label: object, *, whole: bool = True) -> _Read | None:
    """What `_dump` wrote to `path` under `label`: the content, what follows it (None unless
    `whole`) and where that begins in the file. None if there is nothing or it cannot be
    trusted."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD)
            if len(head) < _HEAD or not head.startswith(_MAGIC):
                return None
            crc, length = int.from_bytes(head[-8:-4], "big"), int.from_bytes(head[-4:], "big")
            data = memoryview(handle.read() if whole else handle.read(length))
            stat = os.fstat(handle.fileno())
    except OSError:
        return None
    body = data[:length]
    if len(body) < length or zlib.crc32(body) != crc:
        return None
    try:
        *found, content = marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return None
    if tuple(found) != label:
        return None
    source = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
    return content, (data[length:] if whole else None), _HEAD + length, source


def _dump(
    path: Path, label: tuple[Any, ...], content: Any, tail: Iterable[bytes | memoryview] = ()
) -> None:
    """Write `content` under `label` (what it was written for, by which code), then `tail`, to
    `path`, whole or not at all."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    body = marshal.dumps((*label, content))
    head = _MAGIC + zlib.crc32(body).to_bytes(4, "big") + len(body).to_bytes(4, "big")
    atomic_write(path, b"".join([head, body, *tail]), durable=False)  # lost: only a miss


# --- core schemas -------------------------------------------------------------------------------
# One file in the cache folder keeps the core schemas that tracker.schema builds its validators
# from, as plain data, under the same fingerprint as the shards: a change to the model or an
# upgrade of pydantic makes tracker build them afresh.

_CORE_SCHEMAS = "validators"


def read_core_schemas(folder: Path) -> dict[str, Any] | None:
    """The core schemas kept in cache folder `folder`, by the name of their class."""
    read = _load(folder / _CORE_SCHEMAS, (_fingerprint(), _CORE_SCHEMAS))
    return read[0] if read is not None and isinstance(read[0], dict) else None


def keep_core_schemas(folder: Path, schemas: dict[str, Any]) -> None:
    """Keep `schemas` in cache folder `folder`. Best effort: if it cannot be written, the next
    run builds its validators again."""
    with contextlib.suppress(OSError, ValueError):  # ValueError: marshal cannot write a value
        _dump(folder / _CORE_SCHEMAS, (_fingerprint(), _CORE_SCHEMAS), schemas)


class _Shard:
    """One declaration folder's cache: as read from disk, and as this run will leave it."""

    __slots__ = (
        "at",
        "blobs",
        "changed",
        "files",
        "folder_key",
        "fresh",
        "kept",
        "listing",
        "path",
        "source",
    )

    def __init__(self, path: Path, read: _Read | None) -> None:
        self.path = path
        self.folder_key: Key | None = None
        self.listing: Listing | None = None
        self.files: dict[str, IndexEntry] = {}
        # The blobs, or None while they are still on disk, from byte `at` of the file `source`.
        self.blobs: memoryview | None = memoryview(b"")
        self.at = 0
        self.source = (0, 0, 0)
        if read is not None:
            (self.folder_key, self.listing, self.files), self.blobs, self.at, self.source = read
        # What this run found current (kept as it is) and what it read afresh, by file name.
        self.kept: dict[str, IndexEntry] = {}
        self.fresh: dict[str, Fresh] = {}
        self.changed = False

    def blob(self, entry: IndexEntry) -> bytes | memoryview:
        """A file's blob, as the shard holds it (its CRC is for the caller to check); empty if
        it is lost."""
        start, length = entry[3], entry[4]
        if self.blobs is not None:
            return self.blobs[start : start + length]
        return self._on_disk(start, length) or b""

    def read_blobs(self) -> None:
        """Have every blob in memory, rather than read them one by one."""
        if self.blobs is None:
            found = self._on_disk(0, None)
            if found is not None:
                self.blobs = memoryview(found)

    def _on_disk(self, start: int, length: int | None) -> bytes | None:
        """`length` bytes (or all) of the blobs from `start` on, from the file the index was
        read from; None if that file is gone or was replaced since (by another run)."""
        try:  # plain descriptors: a Python file object costs as much again
            descriptor = os.open(self.path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
            try:
                stat = os.fstat(descriptor)
                if (stat.st_ino, stat.st_size, stat.st_mtime_ns) != self.source:
                    return None
                os.lseek(descriptor, self.at + start, os.SEEK_SET)
                wanted = stat.st_size - self.at - start if length is None else length
                parts = []
                while wanted > 0 and (part := os.read(descriptor, wanted)):
                    parts.append(part)
                    wanted -= len(part)
                return b"".join(parts)
            finally:
                os.close(descriptor)
        except OSError:
            return None

    def content(self) -> tuple[tuple[Any, ...], list[bytes | memoryview]]:
        """The index to write, and the blobs that follow it. A blob kept is copied with the
        CRC it came with, so that one damaged on disk stays known as damaged."""
        files: dict[str, IndexEntry] = {}
        blobs: list[bytes | memoryview] = []
        start = 0
        if self.kept:
            self.read_blobs()
        # Blobs lost with a file that another run replaced are not carried over: their files
        # will be read again.
        kept = {} if self.blobs is None else self.kept
        kept_blobs = [(*entry[:3], self.blob(entry), entry[5]) for entry in kept.values()]
        for name, (key, problems, facts, blob, crc) in zip(
            [*kept, *self.fresh], [*kept_blobs, *self.fresh.values()], strict=True
        ):
            files[name] = (key, problems, facts, start, len(blob), crc)
            blobs.append(blob)
            start += len(blob)
        return (self.folder_key, self.listing, files), blobs


def _model(blob: bytes | memoryview, crc: int) -> tuple[bool, Any]:
    """(True, a file's model as plain tuples, or None if the file was unusable) from its blob,
    or (False, None) if the blob is damaged."""
    if not blob or zlib.crc32(blob) != crc:
        return False, None
    try:
        return True, marshal.loads(blob)
    except (ValueError, EOFError, TypeError):
        return False, None


def stored(content: Any, problems: tuple[ProblemRecord, ...], facts: Facts | None) -> Stored:
    """What the cache keeps of a file read afresh: its problems, its facts (a usable pledge's,
    see `facts_of`), and its model (plain tuples, None if unusable) as a blob with its CRC-32.
    Worker processes make it for the files they read."""
    if facts is not None:
        # Interned, a status, actor, theme or due date that many rows share is marshalled
        # once a shard and read back as one object.
        status, actors, themes, due, dates = facts
        intern = sys.intern
        due = None if due is None else intern(due)
        facts = (intern(status), tuple(map(intern, actors)), tuple(map(intern, themes)), due, dates)
    blob = marshal.dumps(content)
    return problems, facts, blob, zlib.crc32(blob)


def model_of(item: Stored) -> Any:
    """The model that `stored` was given."""
    return marshal.loads(item[2])


class RootCache:
    """The shards of one data root, read when first asked for and written back by `save`.

    With `on_demand`, a shard's blobs stay on disk until one is asked for, and each is then read
    alone: for runs that decode few of them (`tracker list` with filters).
    """

    def __init__(
        self, folder: Path, root: Path, started_ns: int, *, on_demand: bool = False
    ) -> None:
        real = os.path.realpath(root)
        self.folder = folder / _folder_name(real)
        self.started_ns = started_ns
        self.on_demand = on_demand
        self._signature = (_fingerprint(), real)
        self._shards: dict[str, _Shard] = {}

    def _path(self, slug: str) -> Path:
        return self.folder / f"{slug}.shard"

    def _shard(self, slug: str) -> _Shard:
        shard = self._shards.get(slug)
        if shard is None:
            shard = self._shards[slug] = _Shard(self._path(slug), self._read(slug))
        return shard

    def _read(self, slug: str) -> _Read | None:
        """A shard's index and blobs, or None if there is none or its index cannot be trusted."""
        read = self._load(self._path(slug), slug, whole=not self.on_demand)
        if read is None:
            return None
        try:
            _, _, files = read[0]
        except (ValueError, TypeError):
            return None
        return read if isinstance(files, dict) else None

    def _load(self, path: Path, written_for: object, *, whole: bool = True) -> _Read | None:
        return _load(path, (self._signature, written_for), whole=whole)

    def _dump(
        self, path: Path, written_for: object, content: Any, tail: Iterable[bytes | memoryview] = ()
    ) -> None:
        _dump(path, (self._signature, written_for), content, tail)

    # -- what store asks ----------------------------------------------------------------------

    def listing(self, slug: str, folder: os.stat_result) -> Listing | None:
        """The cached listing of a declaration folder, if the folder is as it was."""
        shard = self._shard(slug)
        return shard.listing if shard.folder_key == key_of(folder) else None

    def keep_listing(self, slug: str, folder: os.stat_result, listing: Listing) -> None:
        shard = self._shard(slug)
        if settled(folder, self.started_ns):
            shard.folder_key, shard.listing = key_of(folder), listing
        else:
            shard.folder_key, shard.listing = None, None
        shard.changed = True

    def _current(
        self, slug: str, files: Iterable[tuple[str, os.stat_result | None]]
    ) -> list[IndexEntry | None]:
        """For each (name, stat) of files of folder `slug`: what the shard holds of it, if the
        file is as it was when it was read (and could be seen), else None. What is current is
        kept for the shard this run writes."""
        shard = self._shards.get(slug) or self._shard(slug)
        index, kept = shard.files, shard.kept
        answers: list[IndexEntry | None] = []
        for name, stat in files:  # key_of, written out: this runs for every file of a warm load
            found = index.get(name)
            if (
                found is None
                or stat is None
                or found[0] != (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
            ):
                answers.append(None)
                continue
            kept[name] = found
            answers.append(found)
        return answers

    def records(
        self, slug: str, files: Iterable[tuple[str, os.stat_result | None]]
    ) -> list[Record | None]:
        """For each (name, stat) of files of folder `slug`: its cached record, if the file is as
        it was when it was read and its cached copy is whole, else None."""
        shard = self._shards.get(slug) or self._shard(slug)
        blob = shard.blob
        answers: list[Record | None] = []
        for found in self._current(slug, files):
            if found is None:
                answers.append(None)
                continue
            whole, content = _model(blob(found), found[5])
            answers.append((content, found[1]) if whole else None)
        return answers

    def lookup(self, slug: str, name: str, stat: os.stat_result) -> Record | None:
        """The cached record of a file, if the file is as it was when it was read."""
        return self.records(slug, [(name, stat)])[0]

    def facts(
        self, slug: str, files: Iterable[tuple[str, os.stat_result | None]]
    ) -> list[tuple[Any, tuple[ProblemRecord, ...]] | None]:
        """For each (name, stat) of pledge files of folder `slug`: its cached facts (None for a
        file that was unusable) and problems, if the file is as it was when it was read (and
        could be seen), else None. A file's model is decoded only if `models` asks for it."""
        return [
            None if found is None else (found[2], found[1]) for found in self._current(slug, files)
        ]

    def models(self, slug: str, names: list[str]) -> list[Any]:
        """The models of usable files of folder `slug` that `facts` found current, each None if
        its cached copy is damaged (the file must then be read)."""
        shard = self._shards[slug]
        if len(names) >= READ_WHOLE_FROM:
            shard.read_blobs()
        models = []
        for name in names:
            found = shard.kept.get(name)
            if found is None:  # read afresh since (its cached copy was damaged)
                *_, blob, crc = shard.fresh[name]
            else:
                blob, crc = shard.blob(found), found[5]
            models.append(_model(blob, crc)[1])
        return models

    def keep(self, slug: str, name: str, stat: os.stat_result, item: Stored) -> None:
        """Remember what reading a file gave (see `stored`), unless it changed too recently to
        be sure."""
        if settled(stat, self.started_ns):
            shard = self._shard(slug)
            shard.kept.pop(name, None)
            shard.fresh[name] = (key_of(stat), *item)
            shard.changed = True

    def save(self, *, prune: bool = False) -> None:
        """Write back every shard whose content changed; with `prune` (when every declaration
        folder was read), also remove the shards of folders that are gone. Best effort: a cache
        that cannot be written only makes the next run slower."""
        with contextlib.suppress(OSError):
            for slug, shard in self._shards.items():
                if not shard.changed and shard.kept.keys() == shard.files.keys():
                    continue
                if not shard.kept and not shard.fresh and shard.listing is None:
                    with contextlib.suppress(FileNotFoundError):
                        self._path(slug).unlink()
                    continue
                self._dump(self._path(slug), slug, *shard.content())
            if prune and self.folder.is_dir():
                for path in self.folder.glob("*.shard"):
                    if path.stem not in self._shards:
                        with contextlib.suppress(FileNotFoundError):
                            path.unlink()

    # -- what writes ask ----------------------------------------------------------------------
    # A write must know that the file it changes is a valid pledge before it changes it. The
    # shards know that of every file read since it last changed; the digests of the files
    # tracker wrote (after checking them) cover a file written a moment ago, which a shard does
    # not hold (see RACY_NS): a file updated and then linked is known valid both times.

    def vouches_for(
        self, slug: str, name: str, data: bytes, before: os.stat_result, after: os.stat_result
    ) -> bool:
        """Is `data` known to be a valid file, read from file `name` of folder `slug` between
        the stats `before` and `after`? Yes if the file's key stayed the same across the read
        and is the key of a cached entry that has no error (the very bytes that entry was read
        from), or if `data` is what tracker last wrote to that file."""
        if key_of(before) == key_of(after):
            record = self.lookup(slug, name, after)
            if record is not None:
                content, problems = record
                return content is not None and not any(p[1] == "error" for p in problems)
        written = self._written()
        return written.get(f"{slug}/{name}") == _digest(data)

    def wrote(self, slug: str, name: str, data: bytes) -> None:
        """Remember that tracker wrote `data`, a checked valid file, to file `name` of `slug`.
        Best effort, as every cache write: concurrent writers may drop each other's entry, which
        costs the next write to that file a full check, never a wrong answer."""
        with contextlib.suppress(OSError):
            written = self._written()
            key = f"{slug}/{name}"
            written.pop(key, None)
            written[key] = _digest(data)
            while len(written) > WRITTEN_KEPT:
                del written[next(iter(written))]
            self._dump(self._written_path, self._written_label, written)

    def _written(self) -> dict[str, bytes]:
        read = self._load(self._written_path, self._written_label)
        return read[0] if read is not None and isinstance(read[0], dict) else {}

    @property
    def _written_path(self) -> Path:
        return self.folder / "written"  # not a shard's name: pruning shards leaves it

    @property
    def _written_label(self) -> tuple[Any, ...]:
        """Besides the reading code, the code that decided what tracker wrote was valid."""
        return ("written", _stamps(_WRITING_MODULES))


_WRITING_MODULES = ("write.py", "validate.py")
WRITTEN_KEPT = 256  # files whose last write is remembered, the least recent forgotten first


def _digest(data: bytes) -> bytes:
    """A digest no edit can match by chance or on purpose: equal digests mean equal bytes."""
    try:
        # hashlib's own BLAKE2; importing hashlib would also load OpenSSL (about 10 ms), more
        # than the rest of a write costs.
        from _blake2 import blake2b
    except ImportError:  # a Python built without it
        from hashlib import blake2b
    return blake2b(data, digest_size=32).digest()
