"""tracker validate"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .common import ProblemFormat, RootOption, Terminal, exit_with, read_catalog, root_of

EXAMPLES = (
    "tracker validate",
    "tracker validate --strict commitments/eu-clasi-2023",
    "tracker validate --format github",
)

if TYPE_CHECKING:
    from ..validate import Tally


def command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH",
            help="Files or folders to report on (default: all). Cross-file checks still "
            "see every pledge.",
            show_default=False,
            exists=True,
        ),
    ] = None,
    fmt: Annotated[
        ProblemFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="text: path:line: level: message. json: a list of objects. "
            "github: workflow annotations.",
        ),
    ] = ProblemFormat.text,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on warnings too, not only on errors.")
    ] = False,
    root: RootOption = None,
) -> None:
    """Check every declaration and pledge.

    Prints one line per problem (path:line: level: message); exits 1 if there is an error (or,
    with --strict, a warning), 0 if not. Quotations are checked against the kept sources; with
    --strict, each inferred fact is listed too.
    """
    from ..render.problems import render
    from ..validate import Tally, check, counts, under, verdict, within

    terminal = Terminal()
    start = paths[0].absolute() if paths else None
    data_root = root_of(root, start if start is None or start.is_dir() else start.parent)
    catalog = read_catalog(data_root)
    tally = Tally()
    problems = check(catalog, strict=strict, tally=tally)
    if paths:
        problems = within(problems, paths)
    terminal.write(render(problems, fmt.value))
    if fmt is ProblemFormat.text:
        found = counts(problems)
        layout = catalog.layout
        read = [file.path for file in layout.pledges] + list(layout.declarations.values())
        if paths:
            chosen = [path.absolute() for path in paths]
            read = [path for path in read if under(path, chosen)]
        files = len(read)
        if problems:
            parts = [
                f"{found[level]} {level}{'s' if found[level] != 1 else ''}"
                for level in ("error", "warning", "info")
                if found[level]
            ]
            terminal.note(f"{', '.join(parts)} in {files} files{_provenance(tally)}")
        else:
            terminal.note(f"{files} files checked: no problems{_provenance(tally)}")
    exit_with(verdict(problems, strict))


def _provenance(tally: Tally) -> str:
    """`; 29 quotations found in 6 kept sources; 2 inferred facts`, or nothing to say."""
    said = ""
    if tally.sources:
        quotations = f"{tally.quotations} quotation{'s' if tally.quotations != 1 else ''}"
        sources = f"{tally.sources} kept source{'s' if tally.sources != 1 else ''}"
        said += f"; {quotations} found in {sources}"
    if tally.inferred:
        said += f"; {tally.inferred} inferred fact{'s' if tally.inferred != 1 else ''}"
    return said
