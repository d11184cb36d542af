"""The fault sweep: every writing command, with each error the system can give a write injected at
each step of its writes, and killed at each of them.

An injected error must cost one line `error: …`, exit 1, and leave the tree as it was (or, where
it hit a step that does not matter, such as flushing a folder, the write done in full); a command
killed at any step leaves every file whole, old or new, and the temporary file it left is removed
by the next write once it is a minute old. No traceback anywhere, no temporary file afterwards.

Errors are injected by replacing `os.fsync`, `os.replace` (and `os.rename`), `os.link`,
`fcntl.flock`, `os.open` (when it creates a file) and the writes to a file (through `os.write`
and the files `os.fdopen` opens) with functions that fail at their n-th call; kills, by making
that call send SIGKILL to the process itself, in a subprocess.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli import app
from tracker.fsutil import atomic_write
from tracker.store import yamlfile

CALLS = ("write", "fsync", "replace", "link", "flock", "open")
# Each call with the errors a real system gives it: a full disk or a failing one on flush, a
# rename across file systems or onto a read-only one, a file system without locks, a folder one
# cannot write in.
FAULTS = (
    ("write", errno.ENOSPC),
    ("fsync", errno.ENOSPC),
    ("fsync", errno.EIO),
    ("replace", errno.EXDEV),
    ("replace", errno.EROFS),
    ("link", errno.EXDEV),
    ("flock", errno.ENOLCK),
    ("open", errno.EROFS),
    ("open", errno.EACCES),
    ("open", errno.ENOSPC),
)
MAX_STEPS = 3  # calls of one kind tried per command: the first ones, where each write begins
STEPS = {"init": 5}  # init creates five files: each of them is tried, when killed too

EDITOR = """#!/bin/sh
printf '# checked by hand\\n' >> "$1"
"""


def _commands(base: Path) -> dict[str, list[str]]:
    out = base / "out"
    return {
        "update": ["update", "d-2020-1", "--status", "in-progress", "--note", "Began."],
        "link": ["link", "d-2020-1", "https://example.org/news", "--title", "News"],
        "assess": ["assess", "d-2020-1", "--actor", "Spain", "--score", "1"],
        "new": ["new", "d-2020", "--title", "A new pledge"],
        "new --declaration": ["new", "--declaration", "e-2021", "--title", "E"],
        "import": ["import", str(base / "text.txt"), "--declaration", "f-2022", "--title", "F"],
        "edit": ["edit", "d-2020-1"],
        "merge-file": [
            "merge-file",
            *(str(base / "merge" / n) for n in ("base", "ours", "theirs")),
        ],
        "report -o": ["report", "--format", "markdown", "-o", str(out / "report.md")],
        "export -o": ["export", "--format", "json", "-o", str(out / "pledges.json")],
        "badge -o": ["badge", "-o", str(out / "badges")],
        "init": [
            "init",
            *("--path", str(base / "fresh"), "--ci", "github", "--pages", "--merge-driver"),
            *("--install", "pledge-tracker"),
        ],
    }


PLEDGE = "title: Share data\nstatus: unassessed\nactors: [Spain]\n"
MERGE_BASE = "title: Share data\nstatus: unassessed\n"
MERGE_OURS = MERGE_BASE + "links:\n  - url: https://example.org/a\n"
MERGE_THEIRS = MERGE_BASE + "updates:\n  - date: 2024-03-01\n    note: Began.\n"
IMPORTED = """Declaration

We, the ministers,

1. We undertake to share data on smuggling.

2. We undertake to train border guards.
"""


def _lay_out(base: Path) -> None:
    """The repository every run starts from."""
    root = base / "commitments"
    (root / "d-2020").mkdir(parents=True)
    (root / "d-2020" / "declaration.yaml").write_text("title: D\n")
    (root / "d-2020" / "1.yaml").write_text(PLEDGE)
    (base / "out").mkdir()
    (base / "fresh").mkdir()  # where init sets up a repository (no git: init needs none)
    (base / "text.txt").write_text(IMPORTED)
    (base / "merge").mkdir()
    for name, text in (("base", MERGE_BASE), ("ours", MERGE_OURS), ("theirs", MERGE_THEIRS)):
        (base / "merge" / name).write_text(text)
    editor = base / "editor.sh"
    editor.write_text(EDITOR)
    editor.chmod(0o755)


def _snapshot(base: Path) -> dict[str, bytes]:
    """Every file's bytes, and every folder (an empty one left behind counts too)."""
    found = {}
    for folder, folders, files in os.walk(base):
        for name in folders:
            found[str((Path(folder) / name).relative_to(base)) + "/"] = b"(folder)"
        for name in files:
            path = Path(folder) / name
            found[str(path.relative_to(base))] = path.read_bytes()
    return found


def _temporaries(base: Path) -> list[str]:
    return [
        name
        for name in _snapshot(base)
        if Path(name).name.startswith(".") and Path(name).name.endswith(".tmp")
    ]


# --- injecting errors in this process ------------------------------------------------------------


@dataclass
class _Counter:
    """Counts the calls of each kind and fails the `at`-th call of `kind` with `code`."""

    kind: str | None = None
    at: int = 0
    code: int = 0
    counts: dict[str, int] | None = None

    def hit(self, kind: str, name: object = None) -> None:
        assert self.counts is not None
        self.counts[kind] = self.counts.get(kind, 0) + 1
        if kind == self.kind and self.counts[kind] == self.at:
            raise OSError(self.code, os.strerror(self.code))


@contextlib.contextmanager
def _injected(counter: _Counter) -> Iterator[None]:
    counter.counts = {}
    real = {
        "fdopen": os.fdopen,
        "write": os.write,
        "fsync": os.fsync,
        "replace": os.replace,
        "rename": os.rename,
        "link": os.link,
        "flock": fcntl.flock,
        "open": os.open,
    }

    class Handle:
        """A file opened by `os.fdopen` whose writes can fail as a full disk's do."""

        def __init__(self, handle):  # type: ignore[no-untyped-def]
            self._handle = handle

        def write(self, data):  # type: ignore[no-untyped-def]
            counter.hit("write")
            return self._handle.write(data)

        def __getattr__(self, name):  # type: ignore[no-untyped-def]
            return getattr(self._handle, name)

        def __enter__(self):  # type: ignore[no-untyped-def]
            self._handle.__enter__()
            return self

        def __exit__(self, *exc):  # type: ignore[no-untyped-def]
            return self._handle.__exit__(*exc)

    def fdopen(fd, *args, **kw):  # type: ignore[no-untyped-def]
        return Handle(real["fdopen"](fd, *args, **kw))

    def write(fd, data):  # type: ignore[no-untyped-def]
        counter.hit("write")
        return real["write"](fd, data)

    def fsync(fd: int) -> None:
        counter.hit("fsync")
        real["fsync"](fd)

    def replace(src, dst, **kw):  # type: ignore[no-untyped-def]
        counter.hit("replace")
        real["replace"](src, dst, **kw)

    def rename(src, dst, **kw):  # type: ignore[no-untyped-def]
        counter.hit("replace")  # a rename is a replace to the system (import renames a folder)
        real["rename"](src, dst, **kw)

    def link(src, dst, **kw):  # type: ignore[no-untyped-def]
        counter.hit("link")
        real["link"](src, dst, **kw)

    def flock(fd, operation):  # type: ignore[no-untyped-def]
        if not operation & fcntl.LOCK_UN:
            counter.hit("flock")
        return real["flock"](fd, operation)

    def open_(path, flags, mode=0o777, *, dir_fd=None):  # type: ignore[no-untyped-def]
        if flags & os.O_CREAT:
            counter.hit("open")
        return real["open"](path, flags, mode, dir_fd=dir_fd)

    patches = {
        "fdopen": fdopen,
        "write": write,
        "fsync": fsync,
        "replace": replace,
        "rename": rename,
        "link": link,
        "open": open_,
    }
    try:
        for name, function in patches.items():
            setattr(os, name, function)
        fcntl.flock = flock
        yield
    finally:
        for name in patches:
            setattr(os, name, real[name])
        fcntl.flock = real["flock"]


@dataclass
class _Run:
    code: int
    stdout: str
    stderr: str
    exception: BaseException | None


def _run(base: Path, args: list[str], counter: _Counter) -> _Run:
    runner = CliRunner()
    env = {"EDITOR": str(base / "editor.sh"), "VISUAL": "", "NO_COLOR": "1"}
    previous = Path.cwd()
    os.chdir(base)
    try:
        with _injected(counter):
            result = runner.invoke(app, args, env=env, catch_exceptions=True)
    finally:
        os.chdir(previous)
    exception = result.exception
    if isinstance(exception, SystemExit):
        exception = None
    return _Run(result.exit_code, result.stdout, result.stderr, exception)


def _fresh(tmp_path: Path, name: str) -> Path:
    base = tmp_path / name
    base.mkdir()
    _lay_out(base)
    return base


@pytest.mark.parametrize("command", list(_commands(Path())))
def test_every_injected_error_costs_one_line_and_leaves_the_tree_as_it_was(tmp_path, command):
    clean = _fresh(tmp_path, "clean")
    before = _snapshot(clean)
    counted = _Counter()
    done = _run(clean, _commands(clean)[command], counted)
    assert done.code == 0, done.stderr
    assert done.exception is None
    after = _snapshot(clean)
    assert after != before  # the command writes something
    counts = dict(counted.counts or {})
    tried = 0
    for kind, code in FAULTS:
        for at in range(1, min(counts.get(kind, 0), STEPS.get(command, MAX_STEPS)) + 1):
            tried += 1
            base = _fresh(tmp_path, f"{kind}-{errno.errorcode[code]}-{at}")
            run = _run(base, _commands(base)[command], _Counter(kind, at, code))
            case = f"{command}: {errno.errorcode[code]} at {kind} call {at}"
            assert run.exception is None, f"{case}: {run.exception!r}"
            assert "Traceback" not in run.stderr + run.stdout, case
            assert _temporaries(base) == [], case
            now = _snapshot(base)
            if run.code == 0:  # a step that does not matter (a folder's flush, the cache)
                assert now == after, case
                continue
            assert run.code == 1, f"{case}: exit {run.code}"
            lines = run.stderr.splitlines()
            assert len(lines) == 1 and lines[0].startswith("error: "), f"{case}: {run.stderr}"
            assert now == before, case
            if command == "edit":
                assert "your edit is kept in" in lines[0], case
    assert tried >= 3  # each command was hit at several steps


# --- killing a writer at each step ---------------------------------------------------------------

_KILLER = """
import fcntl, os, signal, sys
kind, at = sys.argv[1], int(sys.argv[2])
count = 0
def hit(name):
    global count
    if name == kind:
        count += 1
        if count == at:
            os.kill(os.getpid(), signal.SIGKILL)
def wrap(module, name, test=lambda *a, **k: True):
    real = getattr(module, name)
    def wrapper(*args, **kwargs):
        if test(*args, **kwargs):
            hit(name)
        return real(*args, **kwargs)
    setattr(module, name, wrapper)
wrap(os, "fsync")
wrap(os, "replace")
real_rename = os.rename
def rename(*args, **kwargs):
    hit("replace")
    return real_rename(*args, **kwargs)
os.rename = rename
wrap(os, "link")
wrap(fcntl, "flock", lambda fd, op: not op & fcntl.LOCK_UN)
wrap(os, "open", lambda path, flags, *a, **k: bool(flags & os.O_CREAT))
sys.argv = ["tracker", *sys.argv[3:]]
from tracker.cli import main
main()
"""


def _killed(base: Path, args: list[str], kind: str, at: int) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EDITOR": str(base / "editor.sh"), "VISUAL": "", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-c", _KILLER, kind, str(at), *args],
        cwd=base,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _parses(base: Path) -> None:
    for path in (base / "commitments").rglob("*.yaml"):
        yamlfile.load(path.read_text())  # raises if a file was torn


@pytest.mark.parametrize(
    "command",
    [
        *("update", "link", "assess", "new", "new --declaration", "import", "edit"),
        *("merge-file", "report -o", "export -o", "badge -o", "init"),
    ],
)
def test_a_writer_killed_at_any_step_leaves_whole_files_and_its_leftovers_are_cleaned(
    tmp_path, command
):
    clean = _fresh(tmp_path, "clean")
    before = _snapshot(clean)
    counted = _Counter()
    assert _run(clean, _commands(clean)[command], counted).code == 0
    after = _snapshot(clean)
    counts = dict(counted.counts or {})
    kills = 0
    for kind in ("open", "fsync", "replace", "link"):
        for at in range(1, min(counts.get(kind, 0), STEPS.get(command, 2)) + 1):
            base = _fresh(tmp_path, f"kill-{kind}-{at}")
            killed = _killed(base, _commands(base)[command], kind, at)
            case = f"{command}: killed at {kind} call {at}"
            if killed.returncode == 0:  # that call did not come (the cache was warm this time)
                continue
            assert killed.returncode == -signal.SIGKILL, f"{case}: {killed.stderr}"
            kills += 1
            _parses(base)
            now = _snapshot(base)
            for name, data in now.items():
                if _is_leftover(name):
                    continue
                assert data in (before.get(name), after.get(name)), f"{case}: {name} is torn"
            # A minute later, the same command runs again: it works, and removes what the
            # killed one left in the folder it writes to.
            for name in now:
                if _is_leftover(name):
                    old = time.time() - 120
                    os.utime(base / name, (old, old))
            rerun = _commands(base)[command] + (["--force"] if command == "export -o" else [])
            landed = {n: d for n, d in now.items() if not _is_leftover(n)} == after
            again = _run(base, rerun, _Counter())
            if landed and again.code == 1:  # killed after its file was in place: made already
                assert again.stderr.count("\n") == 1 and "exists already" in again.stderr, case
            else:
                assert again.code == 0, f"{case}, run again: {again.stderr}"
            assert [name for name in _snapshot(base) if _is_leftover(name)] == [], case
    assert kills >= 2  # killed at several steps


def _is_leftover(name: str) -> bool:
    """A killed writer's temporary file (`.1.yaml.x8f2k1ab.tmp`) or folder (`.slug.x8f2k1ab.new`,
    with what it holds)."""
    return _is_temporary(name) or any(
        part.startswith(".") and part.endswith(".new") for part in Path(name).parts
    )


def _is_temporary(name: str) -> bool:
    leaf = Path(name).name
    return leaf.startswith(".") and leaf.endswith(".tmp")


def test_a_temporary_file_under_a_minute_old_is_left_to_its_writer(tmp_path):
    young = tmp_path / ".1.yaml.abcd1234.tmp"
    young.write_text("half")
    old = tmp_path / ".2.yaml.efgh5678.tmp"
    old.write_text("half")
    stale = time.time() - 61
    os.utime(old, (stale, stale))
    mine = tmp_path / ".notes.tmp"  # not named as tracker names them: not tracker's to remove
    mine.write_text("x")
    os.utime(mine, (stale, stale))
    atomic_write(tmp_path / "1.yaml", b"title: T\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".1.yaml.abcd1234.tmp",
        ".notes.tmp",
        "1.yaml",
    ]


# Commands that write no file. Every other command is swept: above, or `site` below.
READ_ONLY = {"list", "show", "validate", "history", "changes", "schema"}


def test_every_command_is_swept_or_read_only():
    from tracker.cli import COMMANDS

    swept = {name.split()[0] for name in _commands(Path())} | {_site(Path())[0]}
    assert {name for name, _ in COMMANDS} == swept | READ_ONLY
    assert not swept & READ_ONLY


# --- site: a folder of pages ---------------------------------------------------------------------
# `site OUT/` writes its pages one at a time, each whole; it does not take back the pages it
# wrote before a failure. What it keeps to instead: one line and exit 1, no temporary file, every
# page there whole, and the next build makes exactly what a clean build makes.


def _site(base: Path) -> list[str]:
    return ["site", str(base / "out" / "site")]


def _site_files(base: Path) -> dict[str, bytes]:
    return {n: d for n, d in _snapshot(base / "out").items() if not n.endswith("/")}


def _site_is_whole(base: Path, case: str) -> None:
    """Every page there parses whole: HTML ends with </html>, feeds and the manifest parse."""
    import json
    from xml.etree import ElementTree

    for name, data in _site_files(base).items():
        if _is_temporary(name):
            continue
        if name.endswith(".html"):
            assert data.rstrip().endswith(b"</html>"), f"{case}: {name} is torn"
        elif name.endswith(".xml"):
            ElementTree.fromstring(data)
        else:
            json.loads(data)


def _site_steps(counts: dict[str, int], kind: str, first: int) -> list[int]:
    """The first calls of `kind` (where the build begins) and the last (its manifest)."""
    total = counts.get(kind, 0)
    return sorted({*range(1, min(total, first) + 1), *([total] if total else [])})


def _site_clean(tmp_path: Path) -> tuple[dict[str, bytes], dict[str, int]]:
    clean = _fresh(tmp_path, "clean")
    counted = _Counter()
    done = _run(clean, _site(clean), counted)
    assert done.code == 0 and done.exception is None, done.stderr
    return _site_files(clean), dict(counted.counts or {})


def test_site_hit_by_an_error_costs_one_line_and_the_next_build_is_a_clean_one(tmp_path):
    built, counts = _site_clean(tmp_path)
    assert any(name.endswith("index.html") for name in built)
    tried = 0
    for kind, code in FAULTS:
        for at in _site_steps(counts, kind, MAX_STEPS):
            tried += 1
            base = _fresh(tmp_path, f"site-{kind}-{errno.errorcode[code]}-{at}")
            run = _run(base, _site(base), _Counter(kind, at, code))
            case = f"site: {errno.errorcode[code]} at {kind} call {at}"
            assert run.exception is None, f"{case}: {run.exception!r}"
            assert "Traceback" not in run.stderr + run.stdout, case
            assert _temporaries(base) == [], case
            if run.code == 0:  # a step that does not matter (the cache)
                assert _site_files(base) == built, case
                continue
            assert run.code == 1, f"{case}: exit {run.code}"
            lines = run.stderr.splitlines()
            assert len(lines) == 1 and lines[0].startswith("error: "), f"{case}: {run.stderr}"
            _site_is_whole(base, case)
            again = _run(base, _site(base), _Counter())
            assert again.code == 0, f"{case}, run again: {again.stderr}"
            assert _site_files(base) == built, case
    assert tried >= 10


def test_site_killed_at_any_step_leaves_whole_pages_and_the_next_build_is_a_clean_one(tmp_path):
    built, counts = _site_clean(tmp_path)
    kills = 0
    for kind in ("open", "fsync", "replace", "link"):
        for at in _site_steps(counts, kind, 2):
            base = _fresh(tmp_path, f"site-kill-{kind}-{at}")
            killed = _killed(base, _site(base), kind, at)
            case = f"site: killed at {kind} call {at}"
            if killed.returncode == 0:
                continue
            assert killed.returncode == -signal.SIGKILL, f"{case}: {killed.stderr}"
            kills += 1
            _site_is_whole(base, case)
            for name in _site_files(base):
                if _is_temporary(name):  # a minute later
                    old = time.time() - 120
                    os.utime(base / "out" / name, (old, old))
            again = _run(base, _site(base), _Counter())
            assert again.code == 0, f"{case}, run again: {again.stderr}"
            assert _site_files(base) == built, case
    assert kills >= 3
