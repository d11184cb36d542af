"""Control characters from the data are shown, never obeyed: in diagnostics, in plain text, in
rich tables on a terminal, in Markdown and in GitHub annotations."""

from __future__ import annotations

import io
import re

from tracker.render.controls import safe_renderable, visible

ESC = "\x1b"
OSC8_LINK = "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\"
# What rich itself writes on a terminal: colours and styles (SGR). Anything else is not its own.
_SGR = re.compile(r"\x1b\[[0-9;]*m")


def test_visible_writes_control_characters_as_escapes():
    assert visible("a\x1b[31mred") == "a\\x1b[31mred"
    assert visible("bell\x07 del\x7f csi\x9b") == "bell\\x07 del\\x7f csi\\x9b"
    assert visible("over\rwrite") == "over\\rwrite"
    assert visible("evil \u202egnp.exe") == "evil \\u202egnp.exe"
    assert visible("iso\u2066late\u2069") == "iso\\u2066late\\u2069"
    assert visible("tab\tkept") == "tab\tkept"
    assert visible("Ünïcödé — 中文 مرحبا") == "Ünïcödé — 中文 مرحبا"


def test_visible_keeps_line_breaks_only_when_asked():
    assert visible("one\ntwo") == "one\\ntwo"
    assert visible("one\ntwo\r", newlines=True) == "one\ntwo\\r"


def test_a_rich_table_shows_escapes_where_the_data_had_controls():
    from rich.console import Console
    from rich.table import Table

    table = Table()
    table.add_column("title")
    table.add_row("x" + OSC8_LINK + "\u202e")
    out = io.StringIO()
    Console(file=out, force_terminal=True, width=200).print(safe_renderable(table))
    printed = _SGR.sub("", out.getvalue())
    assert ESC not in printed and "\u202e" not in printed
    assert "\\x1b]8;;https://evil.example\\x1b\\click" in printed
    assert "\\u202e" in printed


def _hostile_repo(repo):  # type: ignore[no-untyped-def]
    repo.declaration("x-2020")
    repo.pledge("x-2020", "1", 'title: "Share data \\u202eon smuggling"\nstatus: unassessed\n')
    repo.pledge("x-2020", "2", 'title: T\nstatus: "\\e[2J\\e[31mdone"\n')
    repo.write("x-2020/\x1b]8;;https:evil\x1b\\.yaml", "title: T\nstatus: unassessed\n")


def test_no_control_sequence_from_the_data_reaches_a_terminal(repo, cli):
    _hostile_repo(repo)
    terminal = {"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1", "NO_COLOR": None, "COLUMNS": "200"}
    for args in (["list"], ["show", "x-2020-1"], ["report"], ["validate"]):
        result = cli("--no-cache", *args, env=terminal)
        for stream in (result.stdout, result.stderr):
            assert ESC not in _SGR.sub("", stream), args
            assert "\u202e" not in stream, args
    listed = cli("--no-cache", "list", env=terminal)
    assert "Share data \\u202eon smuggling" in listed.stdout
    assert "unknown status '\\x1b[2J\\x1b[31mdone'" in listed.stderr
    assert "x-2020/\\x1b]8;;https:evil\\x1b\\.yaml" in listed.stderr


def test_plain_text_and_machine_formats_carry_no_control_sequence(repo, cli):
    _hostile_repo(repo)
    for args in (
        ["list"],
        ["list", "--format", "markdown"],
        ["list", "--format", "json"],
        ["list", "--format", "csv"],
        ["show", "x-2020-1"],
        ["report", "--format", "markdown"],
        ["validate", "--format", "github"],
        ["validate", "--format", "json"],
    ):
        result = cli("--no-cache", *args)
        assert ESC not in result.stdout + result.stderr, args
    lines = cli("--no-cache", "validate").stdout.splitlines()
    assert "commitments/x-2020/2.yaml:2: error: unknown status '\\x1b[2J\\x1b[31mdone'" in lines


def test_invisible_direction_marks_are_shown_as_escapes():
    # U+200F (right-to-left mark) and U+061C (Arabic letter mark) reorder what is around them.
    assert visible("a\u200fb\u061cc\u200ed") == "a\\u200fb\\u061cc\\u200ed"
