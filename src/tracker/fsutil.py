"""Writing files so that a reader never sees half of one, and writers to one file take turns.

Every write in tracker goes through here: pledge updates, new files, imports, reports written
with `--output`.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from .errors import TrackerError, UsageError

# What a refused write says when its path, symbolic links followed, leaves the data folder.
OUTSIDE = "leads outside the data folder (through a symbolic link?)"


class WriteRefused(TrackerError):
    """A write that would overwrite a file that must not be, or land outside where it may."""


class FileExists(WriteRefused):
    """An exclusive write found the file there already."""


def atomic_write(
    path: Path, data: bytes | Iterable[bytes], *, exclusive: bool = False, durable: bool = True
) -> None:
    """Replace `path` with `data` (bytes, or pieces of them written as they come, so that a
    large output is never held whole) in one step: a temporary file in the same folder, flushed to
    disk, then renamed over the target. A crash leaves the old file or the new one, never a mix;
    any failure removes the temporary file and leaves the target as it was. An OSError raised
    here names `path` when the system call did not name a file.

    Keeps the mode and the owner of the file it replaces (new files get the usual 0o666 less the
    umask); where the owner cannot be kept (another user's file), refuses. With `exclusive`,
    refuses to replace a file that exists, without a window between check and write.
    `durable=False` skips flushing to disk, for files that may be lost, such as caches: readers
    still never see half a file, but after a power cut the file may be empty or damaged.
    Temporary files that killed writers left in the folder more than a minute ago are removed.
    """
    import tempfile  # here: reads, which import this module too, never need it

    folder = path.parent
    try:
        remove_stale_temporaries(folder)
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, dir=folder
        )
    except OSError as error:
        if error.errno is not None:  # not the temporary file's name: the person knows `path`
            error.filename = str(path)
        raise _naming(error, path) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            for piece in _pieces(data):
                handle.write(piece)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        try:
            info: os.stat_result | None = path.stat()
        except FileNotFoundError:
            info = None
        if info is None:
            os.chmod(temporary, 0o666 & ~umask())
        else:
            os.chmod(temporary, stat.S_IMODE(info.st_mode))
            _keep_owner(temporary, path, info)
        if exclusive:
            try:
                os.link(temporary, path)  # fails if `path` exists: no check-then-write race
            except FileExistsError:
                raise FileExists(f"{path} exists: not overwritten", path) from None
            os.unlink(temporary)
        else:
            os.replace(temporary, path)
        if durable:
            fsync_folder(folder)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise _naming(error, path) from None
        raise


TEMPORARY_SUFFIX = ".tmp"
# `.NAME.XXXXXXXX.tmp`, as atomic_write names its temporary files (tempfile's 8 random letters)
_TEMPORARY_RE = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")
STALE_TEMPORARY_SECONDS = 60


def remove_stale_temporaries(folder: Path) -> None:
    """Remove the temporary files of writes that were killed (or lost power) in `folder`: those
    named as atomic_write names them and last changed more than a minute ago, when no write still
    under way could own them."""
    import time

    limit = time.time() - STALE_TEMPORARY_SECONDS
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if not (entry.name.endswith(TEMPORARY_SUFFIX) and _TEMPORARY_RE.fullmatch(entry.name)):
            continue
        with contextlib.suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and info.st_mtime < limit:
                os.unlink(entry.path)


def _keep_owner(temporary: str, path: Path, info: os.stat_result) -> None:
    """Give the new file the owner and group of the one it replaces; refuse if that cannot be
    done (a write by root must not make another user's file root's)."""
    mine = os.stat(temporary)
    if (mine.st_uid, mine.st_gid) == (info.st_uid, info.st_gid):
        return
    try:
        os.chown(temporary, info.st_uid, info.st_gid)
    except PermissionError:
        raise WriteRefused(
            f"belongs to user {info.st_uid} (group {info.st_gid}): not replaced, as its owner "
            "would change; run the command as that user",
            path,
        ) from None


def _naming(error: OSError, path: Path) -> OSError:
    """`error`, naming `path` if the system call named no file (fsync, flock, a write)."""
    if error.filename is None and error.errno is not None:
        error.filename = str(path)
    return error


def _pieces(data: bytes | Iterable[bytes]) -> Iterable[bytes]:
    """What is to be written, as pieces: bytes given whole are one piece."""
    return [data] if isinstance(data, bytes) else data


def write_output(
    path: Path,
    data: bytes | Iterable[bytes],
    *,
    replace: bool = True,
    data_root: Path | None = None,
) -> None:
    """Write a file the user named (`--output`): all of it or, on failure, nothing, the old file
    staying as it was. Without `replace`, a file that exists is refused. With `data_root`, a path
    in the data folder is refused (links followed): a report must never replace a pledge. A
    device or a named pipe (`/dev/null`, `/dev/stdout`, a FIFO) is written to, never replaced."""
    if data_root is not None:
        refuse_data_folder(path, data_root)
    if path.is_dir():
        raise UsageError("is a folder: name a file to write", path)
    if not path.parent.is_dir():
        raise UsageError(f"no such folder to write {path.name} in", path.parent)
    if _write_into_special(path, data):
        return
    try:
        atomic_write(path, data, exclusive=not replace)
    except FileExists:
        raise WriteRefused("exists: not overwritten (--force replaces it)", path) from None


def write_outputs(files: list[tuple[Path, bytes]], *, data_root: Path | None = None) -> None:
    """`write_output` for several files that belong together (a badge's JSON and SVG): all of
    them or, when one fails, none, the files written before it put back as they were."""
    done: list[tuple[Path, bytes | None]] = []
    try:
        for path, data in files:
            try:
                previous: bytes | None = path.read_bytes() if path.is_file() else None
            except OSError:
                previous = None
            write_output(path, data, data_root=data_root)
            done.append((path, previous))
    except BaseException:
        for path, previous in reversed(done):
            with contextlib.suppress(OSError, TrackerError):
                if previous is None:
                    path.unlink()
                else:
                    atomic_write(path, previous)
        raise


def _write_into_special(path: Path, data: bytes | Iterable[bytes]) -> bool:
    """Write `data` into `path` if it is a device or a named pipe; False for anything else (a
    regular file, nothing), which atomic_write is to replace."""
    try:
        info = os.stat(path)
    except OSError:
        return False
    if stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode):
        return False
    try:
        descriptor = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise _naming(error, path) from None
    try:
        if stat.S_ISREG(os.fstat(descriptor).st_mode):  # replaced by a file since: replace it
            return False
        for piece in _pieces(data):
            view = memoryview(piece)
            while view:
                view = view[os.write(descriptor, view) :]
    except OSError as error:
        raise _naming(error, path) from None
    finally:
        os.close(descriptor)
    return True


def refuse_data_folder(path: Path, data_root: Path) -> None:
    """Refuse an output path (a file or a folder to write in) at or below the data folder."""
    if inside(path, data_root):
        raise WriteRefused(
            "is in the data folder, which holds only declarations and pledges: write it elsewhere",
            path,
        )


def umask() -> int:
    """The process's umask (which can only be read by setting it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def fsync_folder(folder: Path) -> None:
    """Make a rename into `folder` durable (POSIX; a no-op where folders cannot be opened)."""
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


@dataclass(frozen=True, slots=True)
class LockWait:
    """How long a writer waits for another's lock, and whom it tells (once, after a second) that
    it is waiting: `on_wait(pid, path)`, pid of the holder where the system says. The library
    never prints; the command line passes a function that does."""

    timeout: float = 30.0
    on_wait: Callable[[int | None, Path], None] | None = None


_lock_wait: ContextVar[LockWait | None] = ContextVar("lock_wait", default=None)
_TELL_AFTER = 1.0  # seconds


def wait_for_locks(policy: LockWait) -> None:
    """Set how writers from now on wait for locks (see LockWait)."""
    _lock_wait.set(policy)


class LockTimeout(TrackerError):
    """Another process held a file's lock for longer than the writer would wait."""


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path` so that concurrent writers to one file take turns.

    The lock is taken on the file itself (no lock files in the user's repository). Because an
    atomic write replaces the file, a writer that waited re-checks after getting the lock that it
    holds the current file, not the one just replaced, and tries again if not. A writer that
    waits tells so after a second (see LockWait) and gives up after the timeout.
    """
    try:
        import fcntl  # noqa: F401
    except ImportError:  # not POSIX: writes stay atomic, but are not serialised
        yield
        return
    while True:
        # Non-blocking, so that a named pipe put where a pledge file should be cannot hang the
        # writer here; reading it is then refused.
        try:
            descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except OSError as error:
            raise _naming(error, path) from None
        try:
            _lock(descriptor, path)
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


def _lock(descriptor: int, path: Path) -> None:
    """Take the lock on the open file; wait, tell and give up as LockWait says."""
    import fcntl
    import time

    policy = _lock_wait.get() or LockWait()
    started = time.monotonic()
    told = False
    pause = 0.01
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        except OSError as error:
            raise _naming(error, path) from None
        waited = time.monotonic() - started
        if not told and waited >= _TELL_AFTER and policy.on_wait is not None:
            told = True
            policy.on_wait(lock_holder(descriptor), path)
        if waited >= policy.timeout:
            holder = lock_holder(descriptor)
            by = f" by PID {holder}" if holder is not None else ""
            raise LockTimeout(
                f"locked{by} for more than {policy.timeout:g} s: gave up, nothing written "
                "(stop that process, or wait longer with --lock-timeout SECONDS)",
                path,
            )
        time.sleep(min(pause, max(policy.timeout - waited, 0.001)))
        pause = min(pause * 2, 0.2)


def lock_holder(descriptor: int) -> int | None:
    """The process that holds a lock on the open file, as Linux's /proc/locks says; None
    elsewhere or when it cannot tell."""
    info = os.fstat(descriptor)
    wanted = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
    try:
        with open("/proc/locks", encoding="ascii", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return None
    for line in lines:
        fields = line.split()
        if len(fields) < 6 or fields[1] == "->":  # a waiter, not a holder
            continue
        if fields[5] == wanted and fields[4].isdigit():
            return int(fields[4])
    return None


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
                if any(not self._manifest_leftover(entry.name) for entry in path.iterdir()):
                    raise UsageError(
                        "holds files but no tracker site: name a new or empty folder", path
                    ) from None
            except (OSError, ValueError, KeyError, TypeError) as error:
                raise UsageError(f"{self.MANIFEST} cannot be read: {error}", path) from None
        elif not path.parent.is_dir():
            raise UsageError(f"no such folder to make {path.name} in", path.parent)

    def _manifest_leftover(self, name: str) -> bool:
        """Is `name` the temporary file of a first manifest whose writer was killed?"""
        return name.startswith(f".{self.MANIFEST}.") and bool(_TEMPORARY_RE.fullmatch(name))

    def current(self, name: str, key: str) -> bool:
        """True when `name` was written from inputs of this key and is still there."""
        return self.kept.get(name) == key and (self.path / name).is_file()

    def write_all(self, files: dict[str, tuple[str, bytes | None]]) -> tuple[int, int]:
        """Write each `name: (key, data)` whose data is not None, remove what the manifest had
        that `files` lacks, then save the manifest. Returns (written, removed).

        Each file is replaced whole, one at a time; a build that fails or is killed part way
        leaves the folder claimed by a manifest that marks every file it was about to write as
        out of date, so the next build writes them again and removes what is no longer made."""
        import json

        def save(keys: dict[str, str]) -> None:
            manifest = {"format": 1, "files": keys}
            data = json.dumps(manifest, indent=0, sort_keys=True).encode()
            atomic_write(self.path / self.MANIFEST, data, durable=False)

        try:
            self.path.mkdir(exist_ok=True)
            pending = {name: "" for name, (_, data) in files.items() if data is not None}
            if pending:
                save({**self.kept, **pending})
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
            save({name: key for name, (key, _) in files.items()})
        except OSError as error:
            where = Path(error.filename) if error.filename else self.path
            raise WriteRefused(f"cannot be written: {error.strerror or error}", where) from None
        return written, removed
