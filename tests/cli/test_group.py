"""One voice across the commands: metavars, examples, short options, usage errors in one line,
and global options before or after the command."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
import typer.main

from tracker.cli import app
from tracker.cli.group import TrackerGroup

GROUP = typer.main.get_command(app)
assert isinstance(GROUP, TrackerGroup)
NAMES = sorted(GROUP.commands)
# A metavar is one upper-case word (`ID`, `SLUG`, `DATE`), in brackets when the argument may be
# left out, with `...` when it may be repeated.
METAVAR = re.compile(r"\[?[A-Z]+\]?(\.\.\.)?")


def _help(*args: str) -> str:
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, [*args, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    return result.stdout


def _examples(name: str) -> list[str]:
    """The examples at the end of `tracker NAME --help`: the lines after `Examples:`."""
    text = _help(name)
    _, found, tail = text.rpartition("\n  Examples:\n")
    assert found, f"tracker {name} --help has no examples at its end"
    lines = tail.rstrip("\n").splitlines()
    assert all(line.startswith("    ") for line in lines), lines
    return [line.strip() for line in lines]


@pytest.mark.parametrize("name", NAMES)
def test_help_uses_one_style_of_metavar(name):
    command = GROUP.commands[name]
    ctx = command.make_context(name, [], resilient_parsing=True)
    for param in command.get_params(ctx):
        if param.param_type_name == "option" and getattr(param, "is_flag", False):
            continue
        metavar = param.make_metavar(ctx)
        assert METAVAR.fullmatch(metavar), f"tracker {name}: {param.name} shows {metavar!r}"
    usage = _help(name).splitlines()[0]
    assert not re.search(r"[{}<>]|\[[a-z]", usage), usage
    assert not re.search(r"<[a-z ]+>|\{[A-Za-z]+\}", _help(name)), name


@pytest.mark.parametrize("name", NAMES)
def test_help_ends_with_two_or_three_examples_that_parse(name, tmp_path, monkeypatch):
    shutil.copytree(Path(__file__).parents[2] / "commitments", tmp_path / "commitments")
    monkeypatch.chdir(tmp_path)
    examples = _examples(name)
    assert 2 <= len(examples) <= 3, examples
    ran = 0
    for example in examples:
        words = shlex.split(example)
        while words and re.fullmatch(r"[A-Z_]+=.*", words[0]):  # EDITOR=… tracker edit
            words.pop(0)
        if words[:2] != ["tracker", name]:
            continue  # git config … 'tracker merge-file …'
        args = words[2 : words.index(">")] if ">" in words else words[2:]
        for arg in args:  # the files an example reads, as a user would have them
            if re.fullmatch(r"[\w.-]+\.(txt|yaml)", arg):
                (tmp_path / arg).write_text("title: x\n")
        command = GROUP.commands[name]
        # parsing checks every option and value of the example, as a run would
        command.make_context(name, list(args), parent=GROUP.make_context("tracker", [name]))
        ran += 1
    assert ran >= 1, examples


def test_each_short_option_means_one_thing():
    meaning: dict[str, set[str]] = {}
    for command in GROUP.commands.values():
        for param in command.params:
            longs = [opt for opt in param.opts if opt.startswith("--")]
            for short in (opt for opt in param.opts if re.fullmatch(r"-\w", opt)):
                meaning.setdefault(short, set()).update(longs)
    assert meaning["-t"] == {"--theme"}
    # -o is where the output goes: a file, or for badge, which writes two, a folder
    assert meaning.pop("-o") == {"--output", "--output-dir"}
    assert {short: names for short, names in meaning.items() if len(names) != 1} == {}


def test_every_format_option_names_its_choices_and_defaults_to_text():
    for name, command in GROUP.commands.items():
        for param in command.params:
            if "--format" not in param.opts:
                continue
            choices = [str(getattr(c, "value", c)) for c in param.type.choices]  # type: ignore[attr-defined]
            for choice in choices:
                assert re.search(rf"\b{re.escape(choice)}\b", param.help or ""), (name, choice)
            if "text" in choices or name != "export":
                assert str(getattr(param.default, "value", param.default)) == "text", name


def test_show_as_of_has_its_own_help():
    show = next(p for p in GROUP.commands["show"].params if p.name == "as_of")
    listing = next(p for p in GROUP.commands["list"].params if p.name == "as_of")
    assert show.help != listing.help and "overdue" in (show.help or "")
    assert "stale" not in (show.help or "")


# --- usage errors: one line, exit 2, the nearest valid choice ----------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["list", "-f", "jsn"],
            "error: --format: 'jsn' is not one of: text, json, csv, yaml, "
            "markdown, ids (did you mean json?)",
        ),
        (
            ["list", "--json"],
            "error: no option --json for tracker list (did you mean --format json?)",
        ),
        (
            ["list", "--staus", "open"],
            "error: no option --staus for tracker list (did you mean --status?)",
        ),
        (["list", "--sort", "dew"], "(did you mean due?)"),
        (["show"], "error: missing argument ID (usage: tracker show [OPTIONS] ID)"),
        (["new", "x"], "error: missing option --title (usage: tracker new [OPTIONS] SLUG)"),
        (["lst"], "error: no command 'lst' (did you mean list?)"),
        (["--rot", "x", "list"], "error: no option --rot (did you mean --root?)"),
        (["list", "--due-before", "next spring"], "error: --due-before: cannot read 'next spring'"),
        (["report", "--stale-days", "0"], "error: --stale-days: "),
        (
            ["init", "--no-example"],
            "error: --no-example: nothing to do: give --ci or --merge-driver",
        ),
        (["link", "x-1", "https://example.org", "--kind", "evidenc"], "(did you mean evidence?)"),
        (["list", "extra"], "error: "),
    ],
)
def test_a_usage_error_is_one_line_with_exit_2(sample, cli, args, message):
    result = cli(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: "), result.stderr
    assert result.stderr.startswith(message) or message in result.stderr, result.stderr
    assert "--ci" not in result.stderr or "--ci" in args or "give --ci" in result.stderr


def test_the_old_names_of_the_default_format_still_work(sample, cli):
    assert cli("list", "--format", "table").stdout == cli("list").stdout
    assert cli("list", "-f", "text").stdout == cli("list").stdout
    assert cli("report", "--format", "terminal", "--as-of", "2024-01-01").stdout == (
        cli("report", "--as-of", "2024-01-01").stdout
    )
    assert cli("report", "-f", "table").exit_code == 0


# --- global options before or after the command -----------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["--root", "{root}", "list", "--format", "ids"],
        ["list", "--root", "{root}", "--format", "ids"],
        ["list", "--format", "ids", "--root={root}"],
        ["list", "--no-cache", "--format", "ids", "--root", "{root}"],
        ["--no-cache", "--root", "{root}", "list", "--format", "ids"],
    ],
)
def test_global_options_go_before_or_after_the_command(sample, cli, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path.parent)  # no commitments/ here: only --root finds the data
    result = cli(*(arg.format(root=sample.root) for arg in args))
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == [
        "alpha-2020-1",
        "alpha-2020-2",
        "alpha-2020-10",
        "beta-2021-01",
        "beta-2021-02",
    ]


def test_root_before_badge(sample, cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path.parent)
    out = tmp_path / "site"
    result = cli("--root", str(sample.base), "badge", "--output-dir", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "pledges.svg").is_file()


def test_a_root_given_twice_takes_the_one_typed_last(sample, cli, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    result = cli("--root", str(other), "list", "--root", str(sample.root), "--format", "ids")
    assert result.stdout.split()[0] == "alpha-2020-1"


def test_an_option_value_that_looks_global_stays_with_its_option(sample, cli):
    result = cli("list", "--search", "--no-cache", "--format", "ids")
    assert (result.exit_code, result.stdout) == (0, "")


def test_a_root_without_pledge_data_is_one_line(tmp_path, cli, monkeypatch):
    base = tmp_path / "elsewhere"
    for name in ("src", "docs", "node_modules", "Photos"):
        (base / name).mkdir(parents=True)
        (base / name / "notes.txt").write_text("x\n")
    monkeypatch.chdir(tmp_path)
    for args in (["--root", str(base), "list"], ["list", "--root", str(base)]):
        result = cli(*args)
        assert result.exit_code == 1
        assert result.stderr.count("\n") == 1
        assert (
            result.stderr == f"error: {base} holds no pledge data: no commitments/ folder in "
            "it, and none of its folders is a declaration (a folder with declaration.yaml or "
            "pledge files)\n"
        )
