"""Shared fixtures: a temporary repository of pledges, and the real typer app to run on it."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tracker.cli import app


class Repo:
    """A temporary repository with a `commitments/` folder, written file by file."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.root = base / "commitments"
        self.root.mkdir()

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def declaration(self, slug: str, text: str = "title: A declaration\n") -> Path:
        return self.write(f"{slug}/declaration.yaml", text)

    def pledge(self, slug: str, number: str, text: str) -> Path:
        return self.write(f"{slug}/{number}.yaml", text)


@pytest.fixture(autouse=True)
def _cache_outside_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Commands cache parsed files; in tests, never in the user's own cache folder."""
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """An empty repository; the working directory is its top folder."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRACKER_ROOT", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    return Repo(tmp_path)


@pytest.fixture
def sample(repo: Repo) -> Repo:
    """Two declarations, five pledges, statuses and dates chosen so that every figure is known."""
    repo.declaration(
        "alpha-2020",
        """
        title: Alpha declaration
        short: Alpha
        date: 2020-05-01
        """,
    )
    repo.declaration("beta-2021", "title: Beta declaration\n")
    repo.pledge(
        "alpha-2020",
        "1",
        """
        title: Share data on smuggling
        status: completed
        actors: [Europol, Spain]
        themes: [smuggling]
        due: 2021-01-31
        links:
          - url: https://example.org/report
            kind: evidence
        updates:
          - date: 2020-09-01
            status: in-progress
            note: Work began.
          - date: 2021-01-15
            status: completed
            note: Data shared.
        """,
    )
    repo.pledge(
        "alpha-2020",
        "2",
        """
        title: Train border guards
        status: in-progress
        actors: [Frontex]
        themes: [borders]
        due: 2021-06-30
        related: [alpha-2020-1]
        """,
    )
    repo.pledge(
        "alpha-2020",
        "10",
        """
        title: Meet again
        status: unassessed
        """,
    )
    repo.pledge(
        "beta-2021",
        "01",
        """
        title: Set up a task force
        status: dropped
        actors: [Europol]
        """,
    )
    repo.pledge(
        "beta-2021",
        "02",
        """
        title: Report yearly
        status: stalled
        due: 2099-12-31
        """,
    )
    return repo


@pytest.fixture
def cli() -> Callable[..., Result]:
    """Run `tracker ARGS…` through the real typer app; stdout and stderr are kept apart."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)

    return run


def _tree(base: Path) -> dict[str, object]:
    """Every entry under `base` with what it is: a file's mode and bytes, a link's target, or the
    kind of anything else (named pipes are not opened)."""
    import os
    import stat

    found: dict[str, object] = {}
    for folder, names, files in os.walk(base):
        for name in names + files:
            path = Path(folder) / name
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                found[str(path)] = ("link", str(path.readlink()))
            elif stat.S_ISREG(info.st_mode):
                found[str(path)] = ("file", info.st_mode, path.read_bytes())
            else:
                found[str(path)] = ("other", stat.S_IFMT(info.st_mode))
    return found


@pytest.fixture
def tree() -> Callable[[Path], dict[str, object]]:
    """A snapshot of a folder, to show that a command wrote nothing in it."""
    return _tree
