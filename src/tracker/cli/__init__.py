"""The `tracker` command line: parse arguments, call the library, print, exit.

Each command lives in its own module and imports what it needs inside its function, so that
`tracker --help` loads typer and nothing heavy.
"""

import importlib
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Annotated, Any

import typer

from .. import __version__


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tracker {__version__}")
        raise typer.Exit()


def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    root: Annotated[
        Path | None,
        typer.Option(
            "--root",
            envvar="TRACKER_ROOT",
            metavar="DIR",
            help="The commitments/ folder (or the folder holding it). "
            "Default: the nearest commitments/ at or above the working directory.",
            show_default=False,
            file_okay=False,
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            envvar="TRACKER_NO_CACHE",
            help="Read every file afresh, without using or updating the cache of parsed files "
            "(kept in $TRACKER_CACHE_DIR, else $XDG_CACHE_HOME/tracker or ~/.cache/tracker).",
        ),
    ] = False,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Print everything at once: no pager even for output taller than the terminal "
            "(by default TRACKER_PAGER, else PAGER, else less -FRX; never when piped).",
        ),
    ] = False,
    lock_timeout: Annotated[
        float,
        typer.Option(
            "--lock-timeout",
            envvar="TRACKER_LOCK_TIMEOUT",
            min=0,
            metavar="SECONDS",
            help="How long a write waits for another process that holds the file's lock "
            "(it says so after a second) before it gives up.",
        ),
    ] = 30.0,
) -> None:
    from .common import use_cache, use_root, wait_for_locks
    from .pager import use_pager

    use_cache(not no_cache)
    use_pager(not no_pager)
    use_root(root)
    wait_for_locks(lock_timeout)


# Every command: its name and the first line of its help, which its module's `command`
# docstring starts with (a test keeps the two the same), so that `tracker --help` lists the
# commands without importing a module of theirs. Each lives in `<name>_cmd.py`.
COMMANDS = (
    ("list", "List pledges: filter, sort, pick a format."),
    ("show", "Show one pledge in full."),
    ("new", "Create a pledge file, or a declaration folder."),
    ("update", "Record progress on a pledge."),
    ("link", "Add a follow-up link to a pledge."),
    ("assess", "Record one actor's compliance with a pledge."),
    ("edit", "Edit a pledge in $VISUAL or $EDITOR."),
    ("validate", "Check every declaration and pledge."),
    ("report", "Report progress, with the compliance score."),
    ("site", "Write a static scorecard site: a page per pledge, feeds and search."),
    ("history", "Show the git history of one pledge."),
    ("changes", "Show what moved between two revisions."),
    ("export", "Export every pledge as CSV, JSON or SQLite."),
    ("import", "Import a declaration as pledge files."),
    ("schema", "Print the JSON Schema of a pledge or declaration."),
    ("badge", "Write a progress badge as JSON and SVG."),
    ("init", "Set up a repository for tracker."),
    ("merge-file", "Merge three versions of a pledge file (git's merge driver)."),
)


def command_module(name: str) -> ModuleType:
    """The module of the command `name`."""
    return importlib.import_module(f"{__name__}.{name.replace('-', '_')}_cmd")


def _listed() -> None:
    """What a command of the app that only lists them would run: never called (see main)."""


def make_app(only: str | None = None, *, listing: bool = False) -> typer.Typer:
    """The typer app: every command, or only the one named `only`; with `listing`, every command
    by its name and summary alone, for the app's own help, completion of command names and a
    mistyped command."""
    from .group import TrackerCommand, TrackerGroup, epilog

    made = typer.Typer(
        name="tracker",
        cls=TrackerGroup,
        help="Follow the numbered pledges of intergovernmental declarations: one YAML file per "
        "pledge in a git repository. Exit codes: 0 ok, 1 problems found or not found, 2 usage. "
        "The options below go before or after the command.",
        no_args_is_help=True,
        add_completion=True,
        context_settings={"help_option_names": ["-h", "--help"]},
        # Plain help and usage errors: typer's rich panels import rich's Markdown and Syntax
        # (about 60 ms, twice what the rest of `tracker --help` costs).
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
    )
    made.callback()(_main)
    for name, summary in COMMANDS:
        if listing:
            made.command(name, help=summary, cls=TrackerCommand)(_listed)
        elif only is None or name == only:
            from .common import edge

            module = command_module(name)
            examples = getattr(module, "EXAMPLES", ())
            # A module may give its command a class of its own (list: an option whose value
            # may be left out).
            cls = getattr(module, "COMMAND_CLASS", TrackerCommand)
            made.command(name, cls=cls, epilog=epilog(examples))(edge(module.command))
    return made


def __getattr__(name: str) -> Any:
    """`app`, the app of every command, made when first asked for: `tracker --help` and a run
    of one command do without it."""
    if name == "app":
        made = globals()["app"] = make_app()
        return made
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# The group's options that take a value; a test keeps them those of `_main`.
GLOBAL_VALUES = ("--root", "--lock-timeout")


def command_run(args: list[str]) -> str | None:
    """The command that `tracker ARGS` runs, if it names one before any option but the global
    ones (`--help` or `--version` there are the whole app's)."""
    names = {name for name, _ in COMMANDS}
    value = False
    for arg in args:
        if value:
            value = False
        elif arg in names:
            return arg
        elif arg in GLOBAL_VALUES:
            value = True
        elif not arg.startswith("--") or arg in ("--help", "--version"):
            return None
    return None


def _completed_words() -> list[str] | None:
    """The words of the command line a shell asks to complete, if it asks (bash passes them
    in COMP_WORDS, zsh and fish in _TYPER_COMPLETE_ARGS), without the program's name."""
    if not os.environ.get("_TRACKER_COMPLETE"):
        return None
    import shlex

    line = os.environ.get("COMP_WORDS") or os.environ.get("_TYPER_COMPLETE_ARGS") or ""
    try:
        return shlex.split(line)[1:]
    except ValueError:  # an open quote
        return line.split()[1:]


def main() -> None:
    # Before it runs a command, typer builds the options of every command it has (about 15 ms
    # for the sixteen, as much as a warm `tracker update` spends on its file): a run of one
    # command, or the completion of its words, is given an app that has only that command. The
    # app's own help, the completion of a command's name and a mistyped command get an app that
    # lists the commands without importing them.
    if sys.argv[1:] == ["--version"]:
        print(f"tracker {__version__}")
        return
    completing = _completed_words()
    try:
        only = command_run(sys.argv[1:] if completing is None else completing)
        (make_app(listing=True) if only is None else make_app(only))()
    except BrokenPipeError:  # `tracker list | head`: the reader left; say nothing more
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
