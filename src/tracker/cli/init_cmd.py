"""tracker init"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import ExitCode
from .common import Terminal, exit_with


class CiKind(StrEnum):
    github = "github"


def command(
    ci: Annotated[
        CiKind | None,
        typer.Option(
            "--ci",
            help="Also write a CI workflow: github writes .github/workflows/tracker.yml.",
            show_default=False,
        ),
    ] = None,
    install_from: Annotated[
        str,
        typer.Option(
            "--install-from",
            help="What the workflow installs tracker from: a pip requirement or a "
            "git+https://… URL of a copy of tracker.",
        ),
    ] = "pledge-tracker",
    example: Annotated[
        bool,
        typer.Option(
            "--example/--no-example",
            help="Create commitments/ with an example declaration and pledge (--no-example "
            "for a repository that has its data already).",
        ),
    ] = True,
    path: Annotated[
        Path | None,
        typer.Option(
            "--path",
            help="Where to set up (default: the top of the git repository around the working "
            "directory, or the working directory itself).",
            file_okay=False,
            exists=True,
            show_default=False,
        ),
    ] = None,
) -> None:
    """Set up a repository for tracker.

    commitments/ gets an example declaration and pledge that validate; --ci github adds a
    workflow that validates and reports. Overwrites nothing.
    """
    from .. import scaffold

    terminal = Terminal()
    base, is_git = scaffold.find_base(path or Path.cwd())
    files = scaffold.plan(example, ci.value if ci else None, install_from)
    if not files:
        raise typer.BadParameter("nothing to do: --no-example and no --ci", param_hint="--ci")
    refused = scaffold.in_the_way(base, files)
    for found in refused:
        terminal.error(f"{base / found} exists: not overwritten")
    if refused:
        terminal.note("Nothing was changed.")
        exit_with(ExitCode.PROBLEMS)
    scaffold.write(base, files)
    kind = "git repository" if is_git else "not a git repository"
    terminal.write(f"Set up tracker in {base} ({kind}):\n")
    terminal.write("".join(f"  created {file.path.as_posix()}\n" for file in files))
    if example:
        terminal.write("Next: edit or replace commitments/example/, then run `tracker validate`.\n")
    if ci and install_from == scaffold.PACKAGE:
        terminal.note(
            f"The workflow installs {scaffold.PACKAGE} from PyPI, where tracker is not "
            "published yet: until it is, pass --install-from git+https://… with the address "
            "of a copy of tracker."
        )
