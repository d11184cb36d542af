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


EXAMPLES = (
    "tracker init --ci github",
    "tracker init --no-example --merge-driver --apply",
    "tracker init --ci github --install git+https://github.com/OWNER/tracker@v0.1.0",
)


def command(
    ci: Annotated[
        CiKind | None,
        typer.Option(
            "--ci",
            metavar="SERVICE",
            help="Also write a CI workflow: github writes .github/workflows/tracker.yml.",
            show_default=False,
        ),
    ] = None,
    install: Annotated[
        str | None,
        typer.Option(
            "--install",
            "--install-from",
            metavar="SPEC",
            help="What the workflow installs tracker from: a pip requirement or a git+https://… "
            "URL. Default: this repository when it is tracker's own source, else the source "
            "the running tracker was installed from (its git URL and commit, or its package).",
            show_default=False,
        ),
    ] = None,
    pages: Annotated[
        bool,
        typer.Option(
            "--pages",
            help="With --ci github: add a job that publishes `tracker site` to GitHub Pages "
            "after each push to the default branch.",
        ),
    ] = False,
    example: Annotated[
        bool,
        typer.Option(
            "--example/--no-example",
            help="Create commitments/ with an example declaration and pledge (--no-example "
            "for a repository that has its data already).",
        ),
    ] = True,
    merge_driver: Annotated[
        bool,
        typer.Option(
            "--merge-driver",
            help="Also set up git's merge driver for pledge files: .gitattributes gets "
            "'commitments/**/*.yaml merge=tracker', and the git config commands that define "
            "the driver are printed.",
        ),
    ] = False,
    apply: Annotated[
        bool,
        typer.Option(
            "--apply",
            help="With --merge-driver: run those git config commands (in this repository's "
            "own configuration) instead of printing them.",
        ),
    ] = False,
    path: Annotated[
        Path | None,
        typer.Option(
            "--path",
            metavar="DIR",
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
    workflow that validates and reports; --merge-driver lets git merge two branches' updates to
    one pledge. Overwrites nothing: if anything it would write exists, it lists what and changes
    nothing (.gitattributes only gets its line added, once); run again after an interruption,
    it keeps the files it wrote and completes the rest.
    """
    from .. import scaffold

    terminal = Terminal()
    base, is_git = scaffold.find_base(path or Path.cwd())
    if apply and not merge_driver:
        raise typer.BadParameter("--apply goes with --merge-driver", param_hint="--apply")
    if apply and not is_git:
        raise typer.BadParameter(f"{base} is not in a git repository", param_hint="--apply")
    import shutil

    if apply and shutil.which("git") is None:
        raise typer.BadParameter(
            "git is not installed (or not on PATH): nothing written", param_hint="--apply"
        )
    if pages and not ci:
        raise typer.BadParameter("--pages goes with --ci github", param_hint="--pages")
    source = None
    if ci is not None:
        source = scaffold.InstallSource(install, "as given") if install is not None else None
        source = source or scaffold.install_source(base)
        if source is None:
            raise typer.BadParameter(
                "cannot tell where a runner can install tracker from (this copy has no git "
                "remote): give --install git+https://… (tracker's repository) or a package",
                param_hint="--install",
            )
    spec = source.spec if source else scaffold.PACKAGE
    files = scaffold.plan(example, ci.value if ci else None, spec, merge_driver, pages)
    if not files:
        raise typer.BadParameter(
            "nothing to do: give --ci or --merge-driver with it", param_hint="--no-example"
        )
    refused = scaffold.in_the_way(base, files)
    for found in refused:
        terminal.error(f"{base / found} exists: not overwritten")
    if refused:
        terminal.note("Nothing was changed.")
        exit_with(ExitCode.PROBLEMS)
    done = scaffold.write(base, files)
    kind = "git repository" if is_git else "not a git repository"
    terminal.write(f"Set up tracker in {base} ({kind}):\n")
    for file, what in done:
        line = f"  {what} {file.path.as_posix()}"
        if file.shared and what != "created":
            words = file.content.decode().strip()
            line += f" (it has {words} already)" if what == "unchanged" else f" (added {words})"
        terminal.write(line + "\n")
    if merge_driver:
        if apply:
            scaffold.configure_merge_driver(base)
            terminal.write("".join(f"  ran {c}\n" for c in scaffold.git_config_commands()))
        else:
            terminal.write("To let git merge pledge files with tracker, run in each clone:\n")
            terminal.write("".join(f"  {c}\n" for c in scaffold.git_config_commands()))
    if example:
        terminal.write("Next: edit or replace commitments/example/, then run `tracker validate`.\n")
    if source is not None:
        terminal.write(f"The workflow installs tracker with: pip install {source.spec}\n")
