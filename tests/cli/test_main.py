import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from tracker import __version__
from tracker.cli import app, command_run, make_app


def test_version(cli):
    result = cli("--version")
    assert (result.exit_code, result.stdout) == (0, f"tracker {__version__}\n")


def test_every_command_and_option_has_help(cli):
    import typer.main

    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        assert command.help, f"{name} has no help"
        for param in command.params:
            if param.param_type_name == "option" and param.name != "help":
                assert param.help, f"{name} {param.name} has no help"


def test_help_lists_the_commands(cli):
    out = cli("--help").stdout
    for name in ("list", "show", "validate", "report"):
        assert name in out


# What `tracker --help` and the start of every command may not import: the heavy libraries are
# imported inside the commands that need them, and `--help` is held to 1.5 times `import typer`
# (see benchmarks/), of which the model's dataclasses alone would cost a sixth.
NOT_AT_START_UP = (
    "pydantic",
    "rich.table",
    "ruamel.yaml",
    "jinja2",
    "yaml",
    "sqlite3",
    "csv",
    "dateutil",
    "tracker.model",
    "tracker.store",
)


def test_start_up_imports_nothing_heavy():
    code = (
        "import sys\n"
        "from tracker.cli import app\n"
        f"print(','.join(m for m in {NOT_AT_START_UP!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_errors_never_show_a_traceback(sample, cli):
    sample.pledge("alpha-2020", "3", "title: !!python/object/apply:os.system ['echo x']\n")
    for args in (["show", "alpha-2020-3"], ["validate"], ["list"], ["report"]):
        result = cli(*args)
        assert "Traceback" not in result.output, args


# A run of one command gets an app of that command alone (see tracker.cli.main).


@pytest.mark.parametrize(
    ("args", "command"),
    [
        (["update", "decl-2020-1"], "update"),
        (["--no-cache", "link", "-h"], "link"),
        (["merge-file", "a", "b", "c"], "merge-file"),
        ([], None),
        (["--help"], None),
        (["--version", "list"], None),
        (["updat"], None),
        (["decl-2020-1", "update"], None),
        (["--root", "list", "show", "x"], "show"),
        (["--root=x", "--lock-timeout", "5", "badge"], "badge"),
    ],
)
def test_a_run_names_its_command_before_any_option_but_the_global_ones(args, command):
    assert command_run(args) == command


@pytest.mark.parametrize(
    "args",
    [
        ["update", "--help"],
        ["update"],
        ["link", "alpha-2020-1", "ftp://example.org"],
        ["--no-cache", "list", "--format", "ids"],
        ["list", "--format", "nope"],
        ["show", "alpha-2020-9"],
    ],
)
def test_an_app_of_one_command_runs_it_as_the_whole_app_does(sample, args):
    runner = CliRunner()
    whole = runner.invoke(app, args)
    alone = runner.invoke(make_app(command_run(args)), args)
    assert (alone.exit_code, alone.stdout, alone.stderr) == (
        whole.exit_code,
        whole.stdout,
        whole.stderr,
    )
    assert whole.stdout or whole.stderr


# `tracker --help` lists the commands without importing them (see tracker.cli.main).


def test_the_listed_summaries_are_the_first_lines_of_the_commands_help():
    from tracker.cli import COMMANDS, command_module

    for name, summary in COMMANDS:
        assert command_module(name).command.__doc__.strip().splitlines()[0] == summary, name


def test_the_listing_app_helps_as_the_whole_app_does():
    runner = CliRunner()
    for args in (["--help"], [], ["lst"], ["--root"]):
        whole = runner.invoke(app, args)
        listing = runner.invoke(make_app(listing=True), args)
        assert (listing.exit_code, listing.stdout, listing.stderr) == (
            whole.exit_code,
            whole.stdout,
            whole.stderr,
        ), args


def test_the_global_options_that_take_a_value_are_known_without_the_app():
    import typer.main

    from tracker.cli import GLOBAL_VALUES

    group = typer.main.get_command(make_app(listing=True))
    taking = {
        opt
        for param in group.params
        if param.param_type_name == "option" and not getattr(param, "is_flag", False)
        for opt in param.opts
    }
    assert set(GLOBAL_VALUES) == taking


def test_help_and_version_import_no_command():
    code = (
        "import sys\n"
        "from tracker.cli import main\n"
        "sys.argv = ['tracker', '{arg}']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.endswith('_cmd') or m == 'tracker.cli.common'),"
        " file=sys.stderr)\n"
    )
    for arg in ("--help", "--version"):
        out = subprocess.run(
            [sys.executable, "-c", code.format(arg=arg)], capture_output=True, text=True, check=True
        )
        assert out.stderr.strip() == "[]", arg


@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["list", "--format", "json"],
        ["list", "--format", "csv"],
        ["export", "--format", "csv"],
        ["report", "--format", "json"],
    ],
)
def test_a_reader_that_stops_early_gets_no_error_message(repo, command):
    # `tracker list --format json | head`: the reader leaves after the first lines, and tracker,
    # still writing, stops without a word on stderr (and without a traceback).
    repo.declaration("big-2024")
    summary = "A long summary of what the ministers undertook to do together. " * 20
    for number in range(1, 201):
        repo.pledge(
            "big-2024",
            str(number),
            f"title: Pledge {number}\nstatus: unassessed\nsummary: {summary}\n",
        )
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PAGER": "cat"},
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(10)  # the start of the output came, then the reader left
    process.stdout.close()
    errors = process.stderr.read().decode()
    # 1 if tracker was still writing when the reader left; 0 if all it wrote fitted in the pipe.
    assert process.wait() in (0, 1)
    assert errors == ""
