import subprocess
import sys

from tracker import __version__
from tracker.cli import app


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
