"""Terminal output fitted to the window: at 60, 80, 100 and 160 columns no line is wider than
the terminal, and no id, date or number is cut (rich marks a cut with `…`); on the shipped data
and on a generated tree of 1,000 pledges. The terminal is rich's: TTY_COMPATIBLE makes it take
the test's pipe for one, COLUMNS gives its width."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

ROOT = Path(__file__).resolve().parents[2]
WIDTHS = (60, 80, 100, 160)
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1,000 pledges made by the benchmarks' generator."""
    target = tmp_path_factory.mktemp("generated")
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks/generate.py"), "1000", str(target)],
        check=True,
        capture_output=True,
    )
    return target / "commitments"


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("shipped") / "commitments"
    shutil.copytree(ROOT / "commitments", target)
    return target


def on_terminal(cli, width: int, *args: str) -> list[str]:
    env = {"TTY_COMPATIBLE": "1", "COLUMNS": str(width), "NO_COLOR": "1", "TRACKER_PAGER": "cat"}
    result = cli(*args, env=env)
    assert result.exit_code == 0, result.output
    return ANSI.sub("", result.stdout).splitlines()


def assert_fits(lines: list[str], width: int) -> None:
    wide = [line for line in lines if cell_len(line) > width]
    assert not wide, f"{len(wide)} lines over {width} columns, first: {wide[0]!r}"
    cut = [line for line in lines if "…" in line]
    assert not cut, f"cut: {cut[0]!r}"


def words(lines: list[str]) -> set[str]:
    return {word for line in lines for word in line.split()}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("data", ["shipped", "generated"])
def test_list_fits_and_keeps_every_id_and_date_whole(cli, request, data, width):
    root = str(request.getfixturevalue(data))
    ids = cli("list", "--root", root, "--format", "ids").stdout.split()
    for args in ([], ["--attention", "--as-of", "2026-11-26"]):
        lines = on_terminal(cli, width, "list", "--root", root, *args)
        assert_fits(lines, width)
        shown = words(lines)
        wanted = ids if not args else cli("list", "--root", root, "-f", "ids", *args).stdout.split()
        assert set(wanted) <= shown
        # every date and day count of the plain table is shown whole where its column is
        for name, cells in plain_columns(cli("list", "--root", root, *args).stdout).items():
            if name in ("due", "updated", "overdue", "quiet") and name in words(lines[:2]):
                assert {cell for cell in cells if cell and " " not in cell} <= shown, name
                spaced = {cell for cell in cells if " " in cell}
                assert all(any(cell in line for line in lines) for cell in spaced), name


def plain_columns(text: str) -> dict[str, list[str]]:
    """The cells of each column of a plain (piped) table, found by its header's positions."""
    header, *rows = text.splitlines()
    starts = [(m.group(), m.start()) for m in re.finditer(r"\S+", header)]
    columns: dict[str, list[str]] = {}
    for index, (name, start) in enumerate(starts):
        end = starts[index + 1][1] if index + 1 < len(starts) else None
        columns[name] = [row[start:end].strip() for row in rows]
    return columns


ID = re.compile(r"\b[a-z][a-z0-9-]*-\d+[a-z]?\b")
DATE = re.compile(r"\b\d{4}-\d{2}(?:-\d{2})?\b")


def tokens(pattern: re.Pattern[str], text: str) -> set[str]:
    return set(pattern.findall(text))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("data", ["shipped", "generated"])
def test_report_fits_and_keeps_every_id_whole(cli, request, data, width):
    root = str(request.getfixturevalue(data))
    args = ("report", "--root", root, "--as-of", "2026-11-26")
    lines = on_terminal(cli, width, *args)
    assert_fits(lines, width)
    piped = cli(*args).stdout
    assert tokens(ID, piped) <= words(lines)
    total = json.loads(cli(*args, "--format", "json").stdout)["total"]
    assert str(total["pledges"]) in words(lines)


@pytest.mark.parametrize("width", WIDTHS)
def test_every_report_section_fits(cli, generated, width):
    args = ("report", "--root", str(generated), "--as-of", "2026-11-26", "--section")
    lines = on_terminal(cli, width, *args, "pledges,overdue,stale,timeline,recent,matrix")
    assert_fits(lines, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_show_fits_and_keeps_ids_and_dates_whole(cli, shipped, generated, width):
    for root, pledge in ((shipped, "eu-clasi-2023-22"), (generated, "decl-2015-0002-049")):
        args = ("show", pledge, "--root", str(root), "--as-of", "2026-11-26")
        lines = on_terminal(cli, width, *args)
        assert_fits(lines, width)
        piped = cli(*args).stdout
        shown = " ".join(lines)
        assert tokens(ID, piped) <= tokens(ID, shown)
        assert tokens(DATE, piped) <= tokens(DATE, shown)


@pytest.fixture(scope="module")
def moved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data in a git repository of its own, then a commit with a long update, a
    link and an assessment."""
    base = tmp_path_factory.mktemp("moved")
    shutil.copytree(ROOT / "commitments", base / "commitments")
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Ana Ruiz",
        "GIT_AUTHOR_EMAIL": "ana@example.org",
        "GIT_COMMITTER_NAME": "Ana Ruiz",
        "GIT_COMMITTER_EMAIL": "ana@example.org",
    }

    def run(*args: str) -> None:
        subprocess.run(args, cwd=base, env=env, check=True, capture_output=True)

    run("git", "init", "-q", "-b", "main")
    run("git", "add", "-A")
    run("git", "commit", "-q", "-m", "The shipped data")
    tracker = [sys.executable, "-m", "tracker"]
    note = (
        "The task force met in Cartagena and agreed a joint operational plan against cocaine "
        "trafficking through container ports, with quarterly reviews by both regions."
    )
    run(
        *tracker,
        "update",
        "eu-clasi-2023-22",
        "--status",
        "in-progress",
        "--note",
        note,
        "--link",
        "https://example.org/a-rather-long-path/to-the-minutes-of-the-meeting",
        "--date",
        "2025-03-14",
    )
    run(
        *tracker,
        "assess",
        "eu-clasi-2023-22",
        "--actor",
        "EU member states",
        "--score",
        "0",
        "--note",
        note,
        "--date",
        "2025-04-01",
    )
    run("git", "commit", "-q", "-am", "Record the task force's operational plan and assess it")
    return base / "commitments"


@pytest.mark.parametrize("width", WIDTHS)
def test_history_and_changes_fit(cli, moved, width):
    for args in (("history", "eu-clasi-2023-22"), ("changes", "--since", "HEAD~1")):
        full = (*args, "--root", str(moved))
        lines = on_terminal(cli, width, *full)
        assert_fits(lines, width)
        piped = cli(*full).stdout
        shown = " ".join(lines)
        assert tokens(ID, piped) <= tokens(ID, shown)
        assert tokens(DATE, piped) <= tokens(DATE, shown)
        # a wrapped note hangs under its text: each part of the note is on an indented line
        for line in lines:
            if "quarterly reviews" in line:
                assert line.startswith(" "), line
