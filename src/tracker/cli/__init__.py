"""The `tracker` command line: parse arguments, call the library, print, exit.

Each command lives in its own module and imports what it needs inside its function, so that
`tracker --help` loads typer and nothing heavy.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from .. import __version__
from . import (
    assess_cmd,
    badge_cmd,
    changes_cmd,
    edit_cmd,
    export_cmd,
    history_cmd,
    import_cmd,
    init_cmd,
    link_cmd,
    list_cmd,
    merge_file_cmd,
    new_cmd,
    report_cmd,
    schema_cmd,
    show_cmd,
    update_cmd,
    validate_cmd,
)
from .common import edge, use_cache, use_root, wait_for_locks
from .group import TrackerCommand, TrackerGroup, epilog


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
    use_cache(not no_cache)
    use_root(root)
    wait_for_locks(lock_timeout)


COMMANDS = (
    ("list", list_cmd),
    ("show", show_cmd),
    ("new", new_cmd),
    ("update", update_cmd),
    ("link", link_cmd),
    ("assess", assess_cmd),
    ("edit", edit_cmd),
    ("validate", validate_cmd),
    ("report", report_cmd),
    ("history", history_cmd),
    ("changes", changes_cmd),
    ("export", export_cmd),
    ("import", import_cmd),
    ("schema", schema_cmd),
    ("badge", badge_cmd),
    ("init", init_cmd),
    ("merge-file", merge_file_cmd),
)


def make_app(only: str | None = None) -> typer.Typer:
    """The typer app: every command, or only the one named `only`."""
    made = typer.Typer(
        name="tracker",
        cls=TrackerGroup,
        help="Follow the numbered pledges of intergovernmental declarations: one YAML file per "
        "pledge in a git repository. Exit codes: 0 ok, 1 problems found or not found, 2 usage. "
        "The options below go before or after the command.",
        no_args_is_help=True,
        add_completion=False,
        context_settings={"help_option_names": ["-h", "--help"]},
        # Plain help and usage errors: typer's rich panels import rich's Markdown and Syntax
        # (about 60 ms, twice what the rest of `tracker --help` costs).
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
    )
    made.callback()(_main)
    for name, module in COMMANDS:
        if only is None or name == only:
            examples = getattr(module, "EXAMPLES", ())
            # A module may give its command a class of its own (list: an option whose value
            # may be left out).
            cls = getattr(module, "COMMAND_CLASS", TrackerCommand)
            made.command(name, cls=cls, epilog=epilog(examples))(edge(module.command))
    return made


app = make_app()


def command_run(args: list[str]) -> str | None:
    """The command that `tracker ARGS` runs, if it names one before any option but the global
    ones (`--help` or `--version` there are the whole app's)."""
    names = {name for name, _ in COMMANDS}
    values = False
    for arg in args:
        if values:
            values = False
        elif arg in names:
            return arg
        elif arg == "--root":
            values = True
        elif arg not in GLOBAL_FLAGS and not arg.startswith("--root="):
            return None
    return None


GLOBAL_FLAGS = ("--no-cache", "--no-pager")


def main() -> None:
    # Before it runs a command, typer builds the options of every command it has (about 15 ms
    # for the sixteen, as much as a warm `tracker update` spends on its file): a run of one
    # command is given an app that has only that command. The app's own help and a mistyped
    # command name get the whole app.
    try:
        only = command_run(sys.argv[1:])
        (app if only is None else make_app(only))()
    except BrokenPipeError:  # `tracker list | head`: the reader left; say nothing more
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
