"""Writing files so that a reader never sees half of one, and writers to one file take turns.

Every write in tracker goes through here: pledge updates, new files, imports, reports written
with `--output`.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from .errors import TrackerError, UsageError

# What a refused write says when its path, symbolic links followed, leaves the data folder.
OUTSIDE = "leads outside the data folder (through a symbolic link?)"


class WriteRefused(TrackerError):
    """A write that would overwrite a file that must not be, or land outside where it may."""


def atomic_write(path: Path, data: bytes, *, exclusive: bool = False, durable: bool = True) -> None:
    """Replace `path` with `data` in one step: a temporary file in the same folder, flushed to
    disk, then renamed over the target. A crash leaves the old file or the new one, never a mix.

    Keeps the mode of the file it replaces (new files get the usual 0o666 less the umask). With
    `exclusive`, refuses to replace a file that exists, without a window between check and write.
    `durable=False` skips flushing to disk, for files that may be lost, such as caches: readers
    still never see half a file, but after a power cut the file may be empty or damaged.
    """
    import tempfile  # here: reads, which import this module too, never need it

    folder = path.parent
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temporary, mode)
        if exclusive:
            try:
                os.link(temporary, path)  # fails if `path` exists: no check-then-write race
            except FileExistsError:
                raise WriteRefused(f"{path} exists: not overwritten", path) from None
            os.unlink(temporary)
        else:
            os.replace(temporary, path)
        if durable:
            _fsync_folder(folder)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def write_output(
    path: Path, data: bytes, *, replace: bool = True, data_root: Path | None = None
) -> None:
    """Write a file the user named (`--output`): all of it or, on failure, nothing, the old file
    staying as it was. Without `replace`, a file that exists is refused. With `data_root`, a path
    in the data folder is refused (links followed): a report must never replace a pledge."""
    if data_root is not None:
        refuse_data_folder(path, data_root)
    if path.is_dir():
        raise UsageError("is a folder: name a file to write", path)
    if not path.parent.is_dir():
        raise UsageError(f"no such folder to write {path.name} in", path.parent)
    try:
        atomic_write(path, data, exclusive=not replace)
    except WriteRefused:
        raise WriteRefused("exists: not overwritten (--force replaces it)", path) from None
    except OSError as error:
        raise WriteRefused(f"cannot be written: {error.strerror or error}", path) from None


def refuse_data_folder(path: Path, data_root: Path) -> None:
    """Refuse an output path (a file or a folder to write in) at or below the data folder."""
    if inside(path, data_root):
        raise WriteRefused(
            "is in the data folder, which holds only declarations and pledges: write it elsewhere",
            path,
        )


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path` so that concurrent writers to one file take turns.

    The lock is taken on the file itself (no lock files in the user's repository). Because an
    atomic write replaces the file, a writer that waited re-checks after getting the lock that it
    holds the current file, not the one just replaced, and tries again if not.
    """
    try:
        import fcntl
    except ImportError:  # not POSIX: writes stay atomic, but are not serialised
        yield
        return
    while True:
        # Non-blocking, so that a named pipe put where a pledge file should be cannot hang the
        # writer here; reading it is then refused.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            try:
                current = os.stat(path)
            except FileNotFoundError:
                current = None
            held = os.fstat(descriptor)
            if current is not None and (current.st_ino, current.st_dev) == (
                held.st_ino,
                held.st_dev,
            ):
                yield
                return
        finally:
            os.close(descriptor)  # closing releases the lock


def inside(path: Path, root: Path) -> bool:
    """Is `path` (symbolic links resolved) at or below `root`? Writes must not leave the root."""
    real = os.path.realpath(path)
    base = os.path.realpath(root)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


class OutputFolder:
    """A folder of generated files that tracker owns (a static site): it remembers, in a
    manifest, the key of the inputs of each file it wrote, so that a rebuild writes only the
    files whose key changed and removes those no longer made. Each file is replaced whole.

    A folder that holds files but no manifest is refused: it is not tracker's to fill.
    """

    MANIFEST = ".tracker-site.json"

    def __init__(self, path: Path, *, data_root: Path | None = None) -> None:
        import json

        if data_root is not None:
            refuse_data_folder(path, data_root)
        self.path = path
        self.kept: dict[str, str] = {}
        manifest = path / self.MANIFEST
        if path.exists() and not path.is_dir():
            raise UsageError("is a file: name a folder for the site", path)
        if path.is_dir():
            try:
                self.kept = json.loads(manifest.read_text(encoding="utf-8"))["files"]
            except FileNotFoundError:
                if any(path.iterdir()):
                    raise UsageError(
                        "holds files but no tracker site: name a new or empty folder", path
                    ) from None
            except (OSError, ValueError, KeyError, TypeError) as error:
                raise UsageError(f"{self.MANIFEST} cannot be read: {error}", path) from None
        elif not path.parent.is_dir():
            raise UsageError(f"no such folder to make {path.name} in", path.parent)

    def current(self, name: str, key: str) -> bool:
        """True when `name` was written from inputs of this key and is still there."""
        return self.kept.get(name) == key and (self.path / name).is_file()

    def write_all(self, files: dict[str, tuple[str, bytes | None]]) -> tuple[int, int]:
        """Write each `name: (key, data)` whose data is not None, remove what the manifest had
        that `files` lacks, then save the manifest. Returns (written, removed)."""
        import json

        try:
            self.path.mkdir(exist_ok=True)
            written = 0
            folders: set[Path] = set()
            for name, (_, data) in files.items():
                if data is None:
                    continue
                target = self.path / name
                if target.parent not in folders:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    folders.add(target.parent)
                atomic_write(target, data, durable=False)
                written += 1
            removed = 0
            for name in set(self.kept) - set(files):
                with contextlib.suppress(FileNotFoundError):
                    (self.path / name).unlink()
                    removed += 1
            manifest = {"format": 1, "files": {name: key for name, (key, _) in files.items()}}
            atomic_write(
                self.path / self.MANIFEST,
                json.dumps(manifest, indent=0, sort_keys=True).encode(),
                durable=False,
            )
        except OSError as error:
            where = Path(error.filename) if error.filename else self.path
            raise WriteRefused(f"cannot be written: {error.strerror or error}", where) from None
        return written, removed
