"""A cache of parsed files, so that a run where little has changed parses little.

For each data root there is one folder in the user's cache folder, named from a hash of the
root's real path, with one file (a *shard*) per declaration folder. A shard holds what the folder
listed and, for each of its files, the model built from it and the problems found in it, as plain
tuples that `marshal` reads fast; the frozen dataclasses are rebuilt from them without PyYAML or
pydantic. Each entry is keyed by the file's size, modification time, change time and inode
number: any edit, `touch`, rename or replacement changes the key, and a changed key is a miss.

Correctness before speed:
- an entry is used only if the file's key is exactly the one recorded;
- a file or folder changed less than `RACY_NS` before it was read is not cached, since a second
  change within the file system's timestamp granularity could leave the key as it was;
- a shard that is truncated or corrupt, or was written for another root, by another version of
  tracker's reading code, PyYAML, pydantic or Python, is ignored (and rewritten);
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

FORMAT = 1
RACY_NS = 2_000_000_000  # coarser than any file system's timestamps (FAT's two seconds)
_MAGIC = b"tracker-cache\n"
CACHE_ENV = "TRACKER_CACHE_DIR"

T = TypeVar("T")
Key = tuple[int, int, int, int]
ProblemRecord = tuple[Any, ...]  # (line, level, code, message) of a problem in the file itself
# What reading one file gave: the model as plain tuples (None if unusable), and its problems.
Record = tuple[Any, tuple[ProblemRecord, ...]]


def default_folder() -> Path | None:
    """`$TRACKER_CACHE_DIR`, else `$XDG_CACHE_HOME/tracker`, else `~/.cache/tracker`; None when
    there is no home folder to keep it in."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit).expanduser()
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


class Codec:
    """Turns model dataclasses into tuples of plain values and back."""

    def __init__(self) -> None:
        self._partial: dict[str, model.PartialDate] = {}
        self._day: dict[str, dt.date] = {}
        self._compiled: dict[type, tuple[Callable[[Any], Any], Callable[[Any], Any]]] = {}

    def encode(self, value: Any) -> tuple[Any, ...]:
        return self._functions(type(value))[0](value)  # type: ignore[no-any-return]

    def decode(self, kind: type[T], data: tuple[Any, ...]) -> T:
        return self._functions(kind)[1](data)  # type: ignore[no-any-return]

    def decoder(self, kind: type[T]) -> Callable[[tuple[Any, ...]], T]:
        return self._functions(kind)[1]

    def _partial_date(self, text: str) -> model.PartialDate:
        found = self._partial.get(text)
        if found is None:
            found = self._partial[text] = model.parse_partial_date(text)
        return found

    def _full_date(self, text: str) -> dt.date:
        found = self._day.get(text)
        if found is None:
            found = self._day[text] = dt.date.fromisoformat(text)
        return found

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
            return model.PartialDate.isoformat, self._partial_date
        if hint is dt.date:
            return dt.date.isoformat, self._full_date
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


# --- shards ------------------------------------------------------------------------------------
# A listing is what one declaration folder holds, from names alone (see store.scan): whether it
# has a declaration.yaml, its pledge files as (number, file name, natural sort key), and the
# problems of misnamed files as (file name or "" for the folder, line, level, code, message).
Listing = tuple[bool, tuple[tuple[Any, ...], ...], tuple[tuple[Any, ...], ...]]

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


class _Shard:
    """One declaration folder's cache: as read from disk, and as this run will leave it."""

    __slots__ = ("changed", "files", "folder_key", "kept", "listing")

    def __init__(self, content: tuple[Any, ...] | None) -> None:
        self.folder_key: Key | None = None
        self.listing: Listing | None = None
        self.files: dict[str, tuple[Key, Record]] = {}
        if content is not None:
            self.folder_key, self.listing, self.files = content
        self.kept: dict[str, tuple[Key, Record]] = {}
        self.changed = False

    def content(self) -> tuple[Any, ...]:
        return (self.folder_key, self.listing, self.kept)


class RootCache:
    """The shards of one data root, read when first asked for and written back by `save`."""

    def __init__(self, folder: Path, root: Path, started_ns: int) -> None:
        real = os.path.realpath(root)
        self.folder = folder / _folder_name(real)
        self.started_ns = started_ns
        self._signature = (_fingerprint(), real)
        self._shards: dict[str, _Shard] = {}

    def _path(self, slug: str) -> Path:
        return self.folder / f"{slug}.shard"

    def _shard(self, slug: str) -> _Shard:
        shard = self._shards.get(slug)
        if shard is None:
            shard = self._shards[slug] = _Shard(self._read(slug))
        return shard

    def _read(self, slug: str) -> tuple[Any, ...] | None:
        """A shard's content, or None if there is none or it cannot be trusted."""
        content = self._load(self._path(slug), slug)
        try:
            _, _, files = content
        except (ValueError, TypeError):
            return None
        return content if isinstance(files, dict) else None

    def _load(self, path: Path, written_for: object) -> Any:
        """What `_dump` wrote to `path` for `written_for` under this signature, else None."""
        try:
            data = path.read_bytes()
        except OSError:
            return None
        head = len(_MAGIC) + 4
        if not data.startswith(_MAGIC) or len(data) < head:
            return None
        body = memoryview(data)[head:]
        if zlib.crc32(body) != int.from_bytes(data[len(_MAGIC) : head], "big"):
            return None
        try:
            signature, label, content = marshal.loads(body)
        except (ValueError, EOFError, TypeError):
            return None
        if signature != self._signature or label != written_for:
            return None
        return content

    def _dump(self, path: Path, written_for: object, content: Any) -> None:
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        body = marshal.dumps((self._signature, written_for, content))
        data = _MAGIC + zlib.crc32(body).to_bytes(4, "big") + body
        atomic_write(path, data, durable=False)  # a lost cache file is only a miss

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

    def lookup(self, slug: str, name: str, stat: os.stat_result) -> Record | None:
        """The cached record of a file, if the file is as it was when it was read."""
        shard = self._shards.get(slug) or self._shard(slug)
        found = shard.files.get(name)
        if found is None or found[0] != (
            stat.st_size,
            stat.st_mtime_ns,
            stat.st_ctime_ns,
            stat.st_ino,
        ):  # key_of, written out: this runs for every file of every warm load
            return None
        shard.kept[name] = found
        return found[1]

    def keep(self, slug: str, name: str, stat: os.stat_result, record: Record) -> None:
        """Remember what reading a file gave, unless it changed too recently to be sure."""
        if settled(stat, self.started_ns):
            shard = self._shard(slug)
            shard.kept[name] = (key_of(stat), record)
            shard.changed = True

    def save(self, *, prune: bool = False) -> None:
        """Write back every shard whose content changed; with `prune` (when every declaration
        folder was read), also remove the shards of folders that are gone. Best effort: a cache
        that cannot be written only makes the next run slower."""
        with contextlib.suppress(OSError):
            for slug, shard in self._shards.items():
                if not shard.changed and shard.kept.keys() == shard.files.keys():
                    continue
                if not shard.kept and shard.listing is None:
                    with contextlib.suppress(FileNotFoundError):
                        self._path(slug).unlink()
                    continue
                self._dump(self._path(slug), slug, shard.content())
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
        written = self._load(self._written_path, self._written_label)
        return isinstance(written, dict) and written.get(f"{slug}/{name}") == _digest(data)

    def wrote(self, slug: str, name: str, data: bytes) -> None:
        """Remember that tracker wrote `data`, a checked valid file, to file `name` of `slug`.
        Best effort, as every cache write: concurrent writers may drop each other's entry, which
        costs the next write to that file a full check, never a wrong answer."""
        with contextlib.suppress(OSError):
            written = self._load(self._written_path, self._written_label)
            if not isinstance(written, dict):
                written = {}
            key = f"{slug}/{name}"
            written.pop(key, None)
            written[key] = _digest(data)
            while len(written) > WRITTEN_KEPT:
                del written[next(iter(written))]
            self._dump(self._written_path, self._written_label, written)

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
