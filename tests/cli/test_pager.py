"""The pager: which one, and when (only on a terminal, only for output taller than it)."""

from __future__ import annotations

import fcntl
import os
import pty
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from tracker.cli.pager import DEFAULT_PAGER, pager_command

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"TRACKER_PAGER": "most", "PAGER": "more"}, "most"),
        ({"PAGER": "more"}, "more"),
        ({"TRACKER_PAGER": "", "PAGER": "more"}, None),  # empty: no pager, as in git
        ({"TRACKER_PAGER": "cat"}, None),
        ({"PAGER": " cat "}, None),
    ],
)
def test_tracker_pager_then_pager(env, expected):
    assert pager_command(env, to_terminal=True) == expected


def test_less_by_default_where_there_is_less():
    expected = DEFAULT_PAGER if shutil.which("less") else None
    assert pager_command({}, to_terminal=True) == expected


def test_never_when_not_a_terminal_or_not_wanted():
    env = {"TRACKER_PAGER": "most"}
    assert pager_command(env, to_terminal=False) is None
    assert pager_command(env, to_terminal=True, wanted=False) is None


def test_piped_output_never_pages(sample, cli, tmp_path):
    marker = tmp_path / "paged"
    pager = f"cat > {marker}"
    # TTY_COMPATIBLE makes rich draw for a terminal; the pipe is still no terminal to page on
    for env in ({"TRACKER_PAGER": pager}, {"PAGER": pager, "TTY_COMPATIBLE": "1", "LINES": "2"}):
        result = cli("list", env=env)
        assert result.exit_code == 0
        assert "alpha-2020-1" in result.stdout
        assert not marker.exists()


def _on_a_terminal(args: list[str], pager: str, rows: int = 10) -> str:
    """Run `tracker ARGS` with stdout on a pseudo-terminal of `rows` lines; what it printed."""
    main, side = pty.openpty()
    fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", rows, 100, 0, 0))
    env = {**os.environ, "TRACKER_PAGER": pager, "NO_COLOR": "1"}
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker", "--root", str(ROOT / "commitments"), *args],
        stdout=side,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env,
    )
    os.close(side)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the other side closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(main)
    assert process.returncode == 0, process.stderr.read() if process.stderr else ""
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_terminal_pages_what_is_taller_than_it(tmp_path):
    marker = tmp_path / "paged"
    printed = _on_a_terminal(["list"], f"cat > {marker}")
    assert printed == ""
    assert "eu-clasi-2023-20" in marker.read_text(encoding="utf-8")


def test_no_pager_and_short_output_print_at_once(tmp_path):
    marker = tmp_path / "paged"
    printed = _on_a_terminal(["--no-pager", "list"], f"cat > {marker}")
    assert "eu-clasi-2023-20" in printed and not marker.exists()
    printed = _on_a_terminal(["list", "--no-pager"], f"cat > {marker}")
    assert "eu-clasi-2023-20" in printed and not marker.exists()
    short = _on_a_terminal(["list", "-d", "eu-jha-council-2023-09"], f"cat > {marker}", rows=40)
    assert "eu-jha-council-2023-09-01" in short and not marker.exists()
