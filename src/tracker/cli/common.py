"""What every command shares: the one terminal, the error edge, and options declared once."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from ..errors import ExitCode, TrackerError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from ..model import Problem
    from ..store import Catalog

F = TypeVar("F", bound=Callable[..., Any])
_PIPE_WIDTH = 400

RootOption = Annotated[
    Path | None,
    typer.Option(
        "--root",
        envvar="TRACKER_ROOT",
        help="The commitments/ folder (or the folder holding it). "
        "Default: the nearest commitments/ at or above the working directory.",
        show_default=False,
        file_okay=False,
    ),
]


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    ids = "ids"


class ProblemFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


class Terminal:
    """The only place that writes to the terminal: results on stdout, diagnostics on stderr.

    rich consoles are made on first use, with markup and highlighting off so that user data is
    never read as markup; rich honours NO_COLOR and drops colour when output is not a terminal.
    """

    def __init__(self) -> None:
        self._out: Console | None = None
        self._err: Console | None = None

    def _console(self, stderr: bool) -> Console:
        from rich.console import Console

        if stderr:
            self._err = self._err or Console(stderr=True, markup=False, highlight=False)
            return self._err
        if self._out is None:
            self._out = Console(markup=False, highlight=False)
            if not self._out.is_terminal and "COLUMNS" not in os.environ:
                # Piped or redirected: no terminal width to fit, so do not wrap at 80 columns.
                self._out.width = _PIPE_WIDTH
        return self._out

    def write(self, text: str) -> None:
        """Machine-readable output, exactly as given."""
        sys.stdout.write(text)
        sys.stdout.flush()

    def show(self, renderable: RenderableType | str) -> None:
        if isinstance(renderable, str):
            self.write(renderable)
        else:
            self._console(stderr=False).print(renderable)

    def _diagnostic(self, label: str, style: str, message: str) -> None:
        console = self._console(stderr=True)
        console.print(f"{label}: ", style=style, end="")
        console.print(message, soft_wrap=True)

    def error(self, message: str) -> None:
        self._diagnostic("error", "bold red", message)

    def warning(self, message: str) -> None:
        self._diagnostic("warning", "yellow", message)

    def note(self, message: str) -> None:
        self._console(stderr=True).print(message, style="dim", soft_wrap=True)

    def problem_lines(self, problems: Sequence[Problem]) -> None:
        """Diagnostics in the compiler style `path:line: level: message`, on stderr."""
        if not problems:
            return
        from ..render.problems import line

        console = self._console(stderr=True)
        for problem in problems:
            console.print(line(problem), soft_wrap=True)


def edge(function: F) -> F:
    """Turn tracker's errors into one line on stderr and their exit code: no tracebacks."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except TrackerError as error:
            message = error.message
            if error.path is not None:
                from ..render import display_path

                where = display_path(error.path)
                if error.line is not None:
                    where += f":{error.line}"
                message = f"{where}: {message}"
            Terminal().error(message)
            raise typer.Exit(error.exit_code) from None

    return wrapper  # type: ignore[return-value]


def root_of(root: Path | None, start: Path | None = None) -> Path:
    from ..store import find_root

    return find_root(root, start)


# Set for each run by the app's callback from --no-cache / TRACKER_NO_CACHE.
_caching: ContextVar[bool] = ContextVar("caching", default=True)


def use_cache(enabled: bool) -> None:
    _caching.set(enabled)


def cache_folder() -> Path | None:
    """Where parsed files are cached, or None when --no-cache turned the cache off."""
    from ..cache import default_folder

    return default_folder() if _caching.get() else None


def read_catalog(data_root: Path) -> Catalog:
    """Every declaration and pledge, through the cache unless --no-cache.

    The catalog lives until the command ends, so it is kept out of the cyclic garbage
    collector's sight: walking its objects again and again (and once more at exit) would cost
    more than reading them from the cache.
    """
    import gc

    from ..store import load

    enabled = gc.isenabled()
    gc.disable()
    try:
        catalog = load(data_root, cache=cache_folder())
        gc.freeze()
    finally:
        if enabled:
            gc.enable()
    return catalog


def load_catalog(root: Path | None, terminal: Terminal) -> Catalog:
    """Every readable pledge; each file that cannot be read costs one line on stderr."""
    catalog = read_catalog(root_of(root))
    report_broken(catalog.problems, terminal)
    return catalog


def report_broken(problems: Sequence[Problem], terminal: Terminal) -> None:
    """One line per file with load errors: its first error, and how many more it has."""
    by_file: dict[Path, list[Problem]] = {}
    for problem in problems:
        if problem.level == "error":
            by_file.setdefault(problem.path, []).append(problem)
    firsts: list[Problem] = []
    for found in by_file.values():
        first = found[0]
        if len(found) > 1:
            more = f"(and {len(found) - 1} more: run tracker validate)"
            first = replace(first, message=f"{first.message} {more}")
        firsts.append(first)
    terminal.problem_lines(sorted(firsts, key=lambda problem: problem.sort_key()))


def exit_with(code: ExitCode) -> None:
    if code != ExitCode.OK:
        raise typer.Exit(int(code))
