"""What every command shares: the one terminal, the error edge, and options declared once."""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from ..errors import ExitCode, TrackerError
from ..vocabulary import SORT_KEYS, Status
from . import complete

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from ..model import PartialDate, PledgeEntry, Problem
    from ..query import Dates, Narrowing, Query
    from ..store import Catalog, Found

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")
_PIPE_WIDTH = 400

# `--root` is a global option (see tracker.cli.group): typed before or after the command, the
# group takes it, and `root_of` finds it. A command's own `root` parameter stays None unless a
# caller passes one; it is kept so that commands can still be called with a root directly.
RootOption = Annotated[
    Path | None,
    typer.Option(
        "--root",
        hidden=True,
        file_okay=False,
        metavar="DIR",
        help="The commitments/ folder: see tracker --help.",
    ),
]
PledgeArgument = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        help="Pledge id, e.g. eu-clasi-2023-20, or a unique end of one (clasi-2023-20).",
        autocompletion=complete.ids,
        show_default=False,
    ),
]
DiffOption = Annotated[
    bool, typer.Option("--diff", help="Also print the change as a unified diff.")
]
EvidenceOption = Annotated[
    list[str] | None,
    typer.Option(
        "--link",
        "-l",
        metavar="URL",
        help="An http(s) link to the evidence (repeat for several).",
        show_default=False,
    ),
]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Print the change as a unified diff; write nothing.")
]


class ListFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"
    yaml = "yaml"
    markdown = "markdown"
    ids = "ids"


class ShowFormat(StrEnum):
    text = "text"
    json = "json"
    yaml = "yaml"


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    sqlite = "sqlite"


class SchemaKind(StrEnum):
    pledge = "pledge"
    declaration = "declaration"


# Every status, and `open` for all that still expect action (not completed, not dropped).
StatusFilter = StrEnum(  # type: ignore[misc]
    "StatusFilter", [(status.value, status.value) for status in Status] + [("open", "open")]
)
# Each sort key, and the same with `-` for descending order.
SortKey = StrEnum(  # type: ignore[misc]
    "SortKey", [(name, name) for key in SORT_KEYS for name in (key, "-" + key)]
)


def parse_date(text: str) -> PartialDate:
    """A date option as a person types it; one that cannot be read is a usage error."""
    from ..dates import parse_human_date

    try:
        return parse_human_date(text)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


def parse_as_of(text: str) -> dt.date:
    """`--as-of`: a day; a month or a year stands for its last day (`2024-03` is 31 March)."""
    return parse_date(text).last_day


StaleDaysOption = Annotated[
    int,
    typer.Option(
        "--stale-days",
        min=1,
        metavar="DAYS",
        help="An open pledge with no news for this many days or more is stale.",
    ),
]
AsOfOption = Annotated[
    dt.date | None,
    typer.Option(
        "--as-of",
        parser=parse_as_of,
        metavar="DATE",
        help="Count overdue and stale pledges (and recent updates) as of this day instead of "
        "today, so that the output can be made again; a month or a year means its last day.",
        show_default=False,
    ),
]


DeclarationNarrowing = Annotated[
    list[str] | None,
    typer.Option(
        "--declaration",
        "-d",
        metavar="SLUG",
        help="Only pledges of this declaration slug (repeat for several).",
        autocompletion=complete.slugs,
    ),
]
ThemeNarrowing = Annotated[
    list[str] | None,
    typer.Option(
        "--theme",
        "-t",
        metavar="THEME",
        help="Only pledges with this theme, in any case (repeat for several).",
        autocompletion=complete.themes,
    ),
]
ActorNarrowing = Annotated[
    list[str] | None,
    typer.Option(
        "--actor",
        "-a",
        metavar="NAME",
        help="Only pledges that list this actor, in any case (repeat for several).",
        autocompletion=complete.actors,
    ),
]


class HistoryFormat(StrEnum):
    text = "text"
    json = "json"


class ChangesFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


_SINCE_HELP = (
    "Compare with this point: a git revision (HEAD~3, a tag, a branch, a commit), or a date "
    "(2024-03-14, 'March 2024', 2024, yesterday) meaning the last commit before that day. A "
    "text that reads as a date is a date."
)
SinceOption = Annotated[
    str | None,
    typer.Option("--since", metavar="REV", help=_SINCE_HELP, show_default=False),
]
RequiredSinceOption = Annotated[
    str, typer.Option("--since", metavar="REV", help=_SINCE_HELP, show_default=False)
]


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

    @property
    def is_terminal(self) -> bool:
        """Does stdout go to a terminal? rich decides: TTY_COMPATIBLE and FORCE_COLOR count.
        Output piped with neither set is told without loading rich."""
        if self._out is None and not {"TTY_COMPATIBLE", "FORCE_COLOR"} & os.environ.keys():
            try:
                if not sys.stdout.isatty():
                    return False
            except ValueError:  # closed: rich says no terminal too
                return False
        return self._console(stderr=False).is_terminal

    def write(self, text: str) -> None:
        """Machine-readable output, exactly as given."""
        sys.stdout.write(text)
        sys.stdout.flush()

    def write_all(self, pieces: Iterable[str]) -> None:
        """Machine-readable output, exactly as given, written as each piece comes."""
        for piece in pieces:
            sys.stdout.write(piece)
        sys.stdout.flush()

    def show(self, renderable: RenderableType | str) -> None:
        """Text as it is (renderers made it safe); a rich renderable with every control
        character of the data shown, not obeyed. On a terminal, output taller than it goes
        through the pager (see tracker.cli.pager)."""
        from .pager import chosen_pager, page

        pager = chosen_pager()
        if isinstance(renderable, str):
            text = renderable
        else:
            from ..render.controls import safe_renderable

            console = self._console(stderr=False)
            if pager is None:
                console.print(safe_renderable(renderable))
                return
            with console.capture() as captured:
                console.print(safe_renderable(renderable))
            text = captured.get()
        if pager is None or not self._taller(text) or not page(text, pager):
            self.write(text)

    def show_lines(self, text: str) -> None:
        """Plain lines for people: as they are when piped; on a terminal, each wrapped at word
        boundaries, hanging under the text after its first field (see render.wrap)."""
        if not self.is_terminal:
            self.show(text)
            return
        from ..render.wrap import hanging_lines

        self.show(hanging_lines(text))

    def _taller(self, text: str) -> bool:
        """Is `text` taller than the terminal?"""
        return text.count("\n") >= self._console(stderr=False).height

    def _diagnostic(self, label: str, style: str, message: str) -> None:
        from ..render.controls import visible

        console = self._console(stderr=True)
        console.print(f"{label}: ", style=style, end="")
        console.print(visible(message), soft_wrap=True)

    def error(self, message: str) -> None:
        self._diagnostic("error", "bold red", message)

    def warning(self, message: str) -> None:
        self._diagnostic("warning", "yellow", message)

    def note(self, message: str) -> None:
        from ..render.controls import visible

        self._console(stderr=True).print(visible(message), style="dim", soft_wrap=True)

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
        except BrokenPipeError:  # `tracker list --format json | head`: `main` ends it quietly
            raise
        except OSError as error:
            # The one edge for the operating system: a full disk, a read-only file system, a
            # permission, a name too long. Writes replace files whole, so nothing is half-written.
            from ..errors import describe_os_error
            from ..render import display_path

            path, advice = describe_os_error(error)
            if path is not None:
                where = display_path(path)
                if len(where) > 160:  # a name too long to be a file name: its ends are enough
                    where = f"{where[:100]}…{where[-40:]}"
                advice = f"{where}: {advice}"
            Terminal().error(advice)
            raise typer.Exit(int(ExitCode.PROBLEMS)) from None

    return wrapper  # type: ignore[return-value]


# Set for each run by the app's callback from --root / TRACKER_ROOT.
_root: ContextVar[Path | None] = ContextVar("root", default=None)


def use_root(root: Path | None) -> None:
    _root.set(root)


def root_of(root: Path | None = None, start: Path | None = None) -> Path:
    """The data folder: `root` if given, else the global --root (or TRACKER_ROOT), else the
    nearest commitments/ at or above `start`."""
    from ..store import find_root

    return find_root(root if root is not None else _root.get(), start)


# Set for each run by the app's callback from --no-cache / TRACKER_NO_CACHE.
_caching: ContextVar[bool] = ContextVar("caching", default=True)


def use_cache(enabled: bool) -> None:
    _caching.set(enabled)


def wait_for_locks(timeout: float) -> None:
    """Writers wait `timeout` seconds for a lock another process holds, saying so after one."""
    from ..fsutil import LockWait
    from ..fsutil import wait_for_locks as policy

    def waiting(pid: int | None, path: Path) -> None:
        from ..render import display_path

        holder = f"PID {pid}" if pid is not None else "another process"
        Terminal().note(
            f"waiting for {holder} holding the lock on {display_path(path)} "
            f"(giving up after {timeout:g} s)"
        )

    policy(LockWait(timeout, waiting))


def cache_folder() -> Path | None:
    """The store's cache folder, or None when --no-cache turned the cache off."""
    from ..store import cache_folder as default_folder

    return default_folder() if _caching.get() else None


def read_catalog(data_root: Path) -> Catalog:
    """Every declaration and pledge, through the cache unless --no-cache."""
    from ..store import load

    return load(data_root, cache=cache_folder())


def load_catalog(root: Path | None, terminal: Terminal) -> Catalog:
    """Every readable pledge; each file that cannot be read costs one line on stderr."""
    catalog = read_catalog(root_of(root))
    report_broken(catalog.problems, terminal)
    return catalog


def find_dated_pledges(
    root: Path | None, query: Query, sort: str, terminal: Terminal, names: Narrowing | None = None
) -> tuple[list[PledgeEntry], Dates]:
    """The pledges `query` keeps, sorted by `sort` (see `store.find`), and the date of each
    declaration (by slug), from which a pledge never updated counts its days without news; each
    file that cannot be read costs one line on stderr, and a name in `names` that no pledge has
    raises NotFound (see query.check_known)."""
    found = _find(root, query, sort, terminal, names, build=True)
    return found.pledges, found.dates


def iter_pledges(
    root: Path | None, query: Query, sort: str, terminal: Terminal, names: Narrowing | None = None
) -> tuple[Found, Iterator[PledgeEntry]]:
    """The pledges `find_dated_pledges` gives, built as they are asked for, so that a command that
    writes each out as it comes (`list --format json`, `export`) never holds them all; and what
    was found besides them (the declarations). What cannot be read is reported, and names
    checked, before the first."""
    from ..store import find_each

    found, pledges = find_each(
        root_of(root), query, sort, cache=cache_folder(), names=_names(names)
    )
    _said(found, terminal, names)
    return found, pledges


def find_pledge_ids(
    root: Path | None, query: Query, sort: str, terminal: Terminal, names: Narrowing | None = None
) -> list[str]:
    """The ids of the pledges `find_dated_pledges` gives, none of them built."""
    return _find(root, query, sort, terminal, names, build=False).ids


def _find(
    root: Path | None,
    query: Query,
    sort: str,
    terminal: Terminal,
    names: Narrowing | None,
    *,
    build: bool,
) -> Found:
    from ..store import find

    found = find(root_of(root), query, sort, cache=cache_folder(), build=build, names=_names(names))
    _said(found, terminal, names)
    return found


def _names(narrowing: Narrowing | None) -> dict[str, tuple[str, ...]] | None:
    return dict(narrowing.parts()) if narrowing else None


def _said(found: Found, terminal: Terminal, names: Narrowing | None) -> None:
    """Report the files that could not be read, then refuse a narrowing name no pledge has."""
    from ..query import check_known

    report_broken(found.problems, terminal)
    if names:
        check_known(found.known, names)


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


# --- options of the progress reports (report, badge) ------------------------------------------


class ReportFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"
    html = "html"


# --- option values that are checked in the command, so that a bad one costs one line -------------


def status_value(text: str | None, option: str = "--status") -> str | None:
    """A status from the vocabulary; anything else is a usage error naming the option."""
    from ..errors import UsageError
    from ..model import Status

    if text is None:
        return None
    known = [status.value for status in Status]
    if text in known:
        return text
    close = nearest(text, known)
    hint = f"did you mean '{close}'? " if close else ""
    raise UsageError(f"{option}: unknown status '{text}' ({hint}one of: {', '.join(known)})")


def date_value(text: str | None, option: str, *, full: bool = False) -> PartialDate | None:
    """A date as a person types it (`2024-03-14`, `14 March 2024`, `March 2024`, `yesterday`);
    with `full`, a month or a year alone is refused. A bad one is a usage error naming the
    option."""
    from ..dates import parse_human_date
    from ..errors import UsageError

    if text is None:
        return None
    try:
        date = parse_human_date(text)
    except ValueError as error:
        raise UsageError(f"{option}: {error}") from None
    if full and date.precision != "day":
        raise UsageError(f"{option}: '{text}' is not a full date; give the day too (YYYY-MM-DD)")
    return date


def url_value(text: str, option: str) -> str:
    """An http(s) link; anything else is a usage error naming the option."""
    from ..errors import UsageError
    from ..model import check_http_url

    try:
        return check_http_url(text)
    except ValueError as error:
        raise UsageError(f"{option}: {error}") from None


def nearest(text: str, known: Iterable[str]) -> str | None:
    """The known word closest to `text`, if one is close enough to be a likely typo."""
    import difflib

    close = difflib.get_close_matches(text, list(known), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(text: str, known: Iterable[str]) -> str:
    """` (did you mean X?)` for the nearest known word, or nothing."""
    close = nearest(text, known)
    return f" (did you mean {close}?)" if close else ""


def choice_value(text: str | None, option: str, choices: Sequence[str]) -> str | None:
    """One of `choices`; anything else is a usage error naming the option."""
    from ..errors import UsageError

    if text is None or text in choices:
        return text
    hint = did_you_mean(text, choices)
    raise UsageError(f"{option}: '{text}' is not one of: {', '.join(choices)}{hint}")


SHALLOW_WARNING = (
    "this clone is shallow: git has no history before its oldest commit, so pledges show as "
    "added there (git fetch --unshallow fetches the rest)"
)
