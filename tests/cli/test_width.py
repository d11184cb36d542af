"""Terminal output fitted to the window: at 60, 80, 100 and 160 columns no line is wider than
the terminal, and no id, date or number is cut (rich marks a cut with `…`); on the shipped data
and on a generated tree of 1,000 pledges. The terminal is rich's: TTY_COMPATIBLE makes it take
the test's pipe for one, COLUMNS gives its width."""

from __future__ import annotations

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
