"""The corpus of broken and hostile files (tests/corpus/, see its README): for each case,
`tracker validate` prints exactly the expected lines and exits 1, `tracker list` and
`tracker report` show every good pledge and print one line per broken file, with the cache off,
cold and warm; nothing is executed and nothing is written in the data folder."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.main
import typer.testing

from tracker.store import index

CORPUS = Path(__file__).parent / "corpus"
SLUG = "corpus"  # the declaration folder a case's files are put in
MARKER = "tracker-corpus-executed"  # what the python-tag cases would create if they ran
GOOD_IDS = ("good-1", "good-2")
DECLARATION = "title: The corpus declaration\n"
MORE = " (and {} more: run tracker validate)"

# --- cases that cannot be files in git: built in the test's own folder ---------------------------
# Each gets the data folder and the case's declaration folder (made, with a declaration.yaml).

Builder = Callable[[Path, Path], None]


def _outside(root: Path) -> Path:
    outside = root.parent / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "declaration.yaml").write_text("title: Not ours\n")
    (outside / "7.yaml").write_text("title: Not ours\nstatus: completed\n")
    return outside


def _symlinks_to_outside(root: Path, folder: Path) -> None:
    outside = _outside(root)
    (folder / "7.yaml").symlink_to(outside / "7.yaml")
    (root / "elsewhere").symlink_to(outside, target_is_directory=True)


def _symlink_loops(root: Path, folder: Path) -> None:
    (root / "loop").symlink_to("loop")
    (folder / "7.yaml").symlink_to("7.yaml")


def _dangling_symlink(root: Path, folder: Path) -> None:
    (folder / "7.yaml").symlink_to("99.yaml")


def _named_pipe(root: Path, folder: Path) -> None:
    os.mkfifo(folder / "7.yaml")


def _declaration_is_a_folder(root: Path, folder: Path) -> None:
    (folder / "declaration.yaml").unlink()
    (folder / "declaration.yaml").mkdir()
    (folder / "7.yaml").write_text("title: Share data on smuggling\nstatus: unassessed\n")


def _pledge_is_a_folder(root: Path, folder: Path) -> None:
    (folder / "7.yaml").mkdir()


def _huge_file(root: Path, folder: Path) -> None:
    with (folder / "7.yaml").open("w") as handle:
        handle.write("title: Share data on smuggling\nstatus: unassessed\nsummary: ")
        handle.write("x" * 20_000_000 + "\n")


def _million_items(root: Path, folder: Path) -> None:
    with (folder / "7.yaml").open("w") as handle:
        handle.write("title: Share data on smuggling\nstatus: unassessed\nactors:\n")
        handle.write("  - Europol\n" * 1_000_000)


def _long_line(root: Path, folder: Path) -> None:
    (folder / "7.yaml").write_text(
        "title: Share data on smuggling\nstatus: unassessed\nsummary: " + "y" * 100_000 + "\n"
    )


BUILT: dict[str, Builder] = {
    "symlinks-to-outside": _symlinks_to_outside,
    "symlink-loops": _symlink_loops,
    "dangling-symlink": _dangling_symlink,
    "named-pipe": _named_pipe,
    "declaration-is-a-folder": _declaration_is_a_folder,
    "pledge-is-a-folder": _pledge_is_a_folder,
    "huge-file": _huge_file,
    "million-items": _million_items,
    "long-line": _long_line,
}
CASES = sorted(path.name for path in CORPUS.iterdir() if path.is_dir())


# --- the expectations ----------------------------------------------------------------------------


def expected_validate(case: str) -> list[str]:
    return (CORPUS / case / "expected.txt").read_text(encoding="utf-8").splitlines()


def expected_broken(case: str) -> list[str]:
    """What `list` and `report` print on stderr: list.txt, or else the first error line of each
    file in expected.txt, with how many more it has."""
    explicit = CORPUS / case / "list.txt"
    if explicit.exists():
        return explicit.read_text(encoding="utf-8").splitlines()
    by_file: dict[str, list[str]] = {}
    for line in expected_validate(case):
        path, rest = _split(line)
        if rest.startswith("error: "):
            by_file.setdefault(path, []).append(line)
    return [
        lines[0] + (MORE.format(len(lines) - 1) if len(lines) > 1 else "")
        for lines in by_file.values()
    ]


def _split(line: str) -> tuple[str, str]:
    """`commitments/corpus/7.yaml:3: error: …` → (`commitments/corpus/7.yaml`, `error: …`)."""
    head, _, rest = line.partition(": ")
    return head.split(":")[0], rest


def pledges_that_must_show(case: str, root: Path) -> set[str]:
    """The good declaration's pledges, and each pledge file of the case that is named as one,
    is a regular file and has no line on stderr."""
    broken = {_split(line)[0] for line in expected_broken(case)}
    ids = set(GOOD_IDS)
    for path in (root / SLUG).iterdir():
        stem, _, suffix = path.name.partition(".")
        shown = f"commitments/{SLUG}/{path.name}"
        regular = path.is_file() and not path.is_symlink()
        if suffix == "yaml" and stem.isdigit() and shown not in broken and regular:
            ids.add(f"{SLUG}-{stem}")
    return ids


# --- the data folder of a case -------------------------------------------------------------------


def make_case(case: str, base: Path) -> Path:
    """`base/commitments/` with a good declaration of two pledges and the case's files in
    `corpus/` (beside a valid declaration.yaml unless the case brings its own)."""
    root = base / "commitments"
    (root / "good").mkdir(parents=True)
    (root / "good" / "declaration.yaml").write_text("title: A good declaration\n")
    (root / "good" / "1.yaml").write_text("title: Share data\nstatus: in-progress\n")
    (root / "good" / "2.yaml").write_text("title: Train border guards\nstatus: unassessed\n")
    folder = root / SLUG
    folder.mkdir()
    (folder / "declaration.yaml").write_text(DECLARATION)
    for path in (CORPUS / case).iterdir():
        if path.name not in ("expected.txt", "list.txt"):
            shutil.copyfile(path, folder / path.name)
    if case in BUILT:
        BUILT[case](root, folder)
    return root


# --- running tracker -----------------------------------------------------------------------------


class Hung(BaseException):
    """Raised in a run that takes too long: a BaseException, so that no handler in tracker takes
    it for an error of its own (a TimeoutError is an OSError, which reading reports)."""


@contextlib.contextmanager
def hang_guard(seconds: int = 60) -> Iterator[None]:
    """Fail instead of waiting for ever if a run hangs (a named pipe opened for reading would)."""

    def hung(signum, frame):  # type: ignore[no-untyped-def]
        raise Hung(f"tracker did not finish within {seconds} seconds")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@functools.cache
def _command(app: typer.Typer) -> Any:
    return typer.main.get_command(app)


@pytest.fixture
def runner(cli, monkeypatch):  # type: ignore[no-untyped-def]
    """run(args, cache folder or None) → (exit code, stdout, stderr)."""
    # Cache files written a moment ago, so that the second run with the cache is a warm one.
    monkeypatch.setattr(index, "RACY_NS", -(10**12))
    # The same app each time: building its command line again would be nine tenths of each run.
    monkeypatch.setattr(typer.testing, "_get_command", _command)

    def run(args: list[str], cache_dir: Path | None) -> tuple[int, str, str]:
        env = {"TRACKER_CACHE_DIR": str(cache_dir)} if cache_dir else {}
        options = [] if cache_dir else ["--no-cache"]
        with hang_guard():
            result = cli(*options, *args, env=env)
        return result.exit_code, result.stdout, result.stderr

    return run


@pytest.mark.parametrize("case", CASES)
def test_each_broken_file_gets_its_line_and_costs_only_itself(case, repo, runner, tmp_path, tree):
    base = repo.base
    shutil.rmtree(repo.root)
    root = make_case(case, base)
    before = tree(base)
    cache_dir = tmp_path.parent / f"{tmp_path.name}-cache"  # outside the repository

    runs = {
        "off": runner(["validate"], None),
        "cold": runner(["validate"], cache_dir),
        "warm": runner(["validate"], cache_dir),
    }
    expected = expected_validate(case)
    failing = any(_split(line)[1].startswith("error: ") for line in expected)
    for name, (code, out, err) in runs.items():
        assert out.splitlines() == expected, name
        assert code == (1 if failing else 0), name
        assert "Traceback" not in err, name
    assert (cache_dir / index.NAME).is_file(), "the index was written, outside the repository"

    must_show = pledges_that_must_show(case, root)
    for args in (["list", "--format", "ids"], ["list"], ["report"]):
        for cache_used in (None, cache_dir):
            code, out, err = runner(args, cache_used)
            assert code == 0, (args, err)
            assert sorted(err.splitlines()) == sorted(expected_broken(case)), args
            if args[-1] == "ids":
                assert must_show <= set(out.split()), args
            elif args == ["list"]:
                assert all(f"\n{pledge_id} " in out for pledge_id in must_show), args

    assert tree(base) == before, "nothing in the repository was written"
    assert not (base / MARKER).exists() and not (root / MARKER).exists()


def test_every_case_has_its_expected_lines():
    for case in CASES:
        assert (CORPUS / case / "expected.txt").is_file(), case
    assert set(BUILT) <= set(CASES)


def test_the_tag_cases_would_have_left_a_marker_had_they_run(tmp_path, monkeypatch):
    """The marker proves something only if PyYAML's unsafe loader, given the same file, does
    run it: the files are real exploits, refused by tracker."""
    import yaml

    monkeypatch.chdir(tmp_path)
    for case in ("python-tag-os-system", "python-tag-subprocess"):
        text = (CORPUS / case / "7.yaml").read_text()
        yaml.load(text, Loader=yaml.UnsafeLoader)  # unsafe on purpose: the exploit must work
        assert (tmp_path / MARKER).exists(), case
        (tmp_path / MARKER).unlink()


def test_an_unreadable_file_is_one_line_not_a_traceback(repo, cli, monkeypatch):
    repo.declaration("corpus", DECLARATION)
    repo.pledge("corpus", "1", "title: Share data\nstatus: unassessed\n")
    secret = repo.pledge("corpus", "7", "title: Share data\nstatus: unassessed\n")
    real_open = os.open

    def refusing(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(path) == secret:  # as chmod 000 does for anyone but root
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)
    result = cli("--no-cache", "list", "--format", "ids")
    assert result.exit_code == 0
    assert result.stdout == "corpus-1\n"
    assert result.stderr == "commitments/corpus/7.yaml: error: cannot be read: Permission denied\n"
    result = cli("--no-cache", "validate")
    assert result.exit_code == 1
    assert result.stdout == (
        "commitments/corpus/7.yaml: error: cannot be read: Permission denied\n"
    )


def _refuse_to_list(monkeypatch, name: str) -> None:  # type: ignore[no-untyped-def]
    """Listing a folder called `name` fails, as it does for a folder without read permission."""
    real_scandir = os.scandir

    def refusing(path):  # type: ignore[no-untyped-def]
        if Path(path).name == name:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)


def test_a_folder_that_cannot_be_listed_is_one_line(repo, cli, monkeypatch):
    repo.declaration("corpus", DECLARATION)
    repo.pledge("corpus", "1", "title: Share data\nstatus: unassessed\n")
    repo.declaration("good")
    repo.pledge("good", "1", "title: Train border guards\nstatus: unassessed\n")
    _refuse_to_list(monkeypatch, "corpus")
    result = cli("--no-cache", "list", "--format", "ids")
    assert (result.exit_code, result.stdout) == (0, "good-1\n")
    assert result.stderr == "commitments/corpus: error: cannot be read: Permission denied\n"


def test_a_data_folder_that_cannot_be_listed_is_one_line(repo, cli, monkeypatch):
    _refuse_to_list(monkeypatch, "commitments")
    result = cli("--no-cache", "list")
    assert result.exit_code == 1
    assert result.stderr == "error: commitments: cannot be read: Permission denied\n"


def test_the_readme_of_the_corpus_names_every_built_case():
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    for case in BUILT:
        assert f"`{case}`" in readme, case


def test_a_named_pipe_does_not_hang_the_command_line(repo):
    """The real program, in a child process with a timeout: reading a named pipe would block."""
    shutil.rmtree(repo.root)
    make_case("named-pipe", repo.base)
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "--no-cache", "validate"],
        cwd=repo.base,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stdout.splitlines()) == (1, expected_validate("named-pipe"))
