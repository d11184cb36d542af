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


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys\n"
        "from tracker.cli import app\n"
        "heavy = [m for m in ('pydantic', 'rich.table', 'ruamel.yaml', 'jinja2', 'yaml')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_help_does_not_build_the_model():
    # `tracker --help` is held to 1.5 times `import typer` (see benchmarks/): the model's
    # dataclasses cost a sixth of that. Command modules take the status vocabulary from
    # tracker.vocabulary and import the rest of tracker inside their functions.
    code = (
        "import sys\n"
        "from tracker.cli import app\n"
        "print(','.join(m for m in ('tracker.model', 'tracker.store') if m in sys.modules))\n"
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
    ],
)
def test_a_run_names_its_command_before_any_option_but_no_cache(args, command):
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
