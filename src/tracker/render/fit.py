"""Tables that fit the terminal they are printed on: no id, date or number is ever cut.

A FittedTable is built when it is printed, for the width the console gives it. Its columns keep
their cells whole (`no_wrap`) but for one that wraps at word boundaries (a title, a note, a
name) with a hanging indent. When the table is wider than the terminal, its `steps` are taken
in order, each dropping a column or putting a narrower form in its place (a status as a symbol,
a bar as a share), until it fits; if it still does not, the wrapping column leaves the table and
each row's text follows on its own lines, indented. Piped output is printed at a width that no
table reaches, so it keeps every column in its full form. A column with nothing in it (no due
dates among the pledges listed, none overdue) is left out at any width.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..model import Status

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType
    from rich.table import Table
    from rich.text import Text

# What rich puts between two columns of a table without edges: one space of padding on each
# side of an invisible rule.
GAP = 3
# A wrapping column is not made narrower than this (or than its widest cell, if less).
WRAP_MIN = 30
INDENT = 4  # of a row's text when it leaves the table
STACKED_GAP = 2  # between the columns of a table whose text has left it

# The colour of each status, wherever a status is printed.
STATUS_STYLE = {
    "unassessed": "dim",
    "not-started": "red",
    "in-progress": "yellow",
    "partial": "cyan",
    "completed": "green",
    "stalled": "magenta",
    "dropped": "red",
}

# One symbol a status, for narrow terminals; LEGEND says what each means.
STATUS_SYMBOL = {
    "completed": "✓",
    "partial": "◑",
    "in-progress": "◐",
    "not-started": "○",
    "stalled": "‖",
    "dropped": "✗",
    "unassessed": "·",
}
LEGEND = [f"{STATUS_SYMBOL[s.value]} {s.value}" for s in Status]


@dataclass
class Column:
    header: str
    cells: Sequence[Text | str]
    justify: Literal["left", "right"] = "left"
    wrap: bool = False  # the column that wraps at word boundaries
    footer: Text | str | None = None
    style: str = ""
    legend: bool = False  # its cells are status symbols: print the legend under the table
    narrowest: int = WRAP_MIN  # of a wrapping column
    cap: int | None = None  # no wider than this: a longer cell wraps (at a space) under itself

    def width(self) -> int:
        """The width of its widest cell (header and footer included)."""
        from rich.cells import cell_len

        texts = [self.header, *self.cells, *([self.footer] if self.footer is not None else [])]
        return max((cell_len(str(text)) for text in texts), default=0)

    def filled(self) -> bool:
        """Does any of its cells, or its footer, hold something to show?"""
        return any(str(text) for text in (*self.cells, self.footer or ""))

    def least(self) -> int:
        """The narrowest this column may be in a table."""
        if self.wrap:
            return min(self.width(), self.narrowest)
        return self.width() if self.cap is None else min(self.width(), self.cap)


# A step: drop the column named, or put another in its place.
Step = tuple[str, "Column | None"]


def needed(columns: Mapping[str, Column], gap: int = GAP, *, whole: bool = False) -> int:
    """The width a table of `columns` needs at least (`whole`: every cell on one line)."""
    widths = [column.width() if whole else column.least() for column in columns.values()]
    return sum(widths) + gap * max(len(columns) - 1, 0)


def fit(
    columns: Mapping[str, Column],
    steps: Sequence[Step],
    width: int,
    gap: int = GAP,
    *,
    whole: bool = False,
) -> tuple[dict[str, Column], bool]:
    """The columns to show at `width`, after as few `steps` as it takes; and whether they fit."""
    chosen = dict(columns)
    for name, other in steps:
        if needed(chosen, gap, whole=whole) <= width:
            break
        if name not in chosen:
            continue
        if other is None:
            del chosen[name]
        else:
            chosen[name] = other
    return chosen, needed(chosen, gap, whole=whole) <= width


@dataclass
class FittedTable:
    """A table laid out for the width it is printed at (see the module's docstring).

    When it does not fit even after its steps: a table with a wrapping column prints that
    column's text on lines of its own, after each row (or, with `text_first`, before it, the
    row then indented); a table without one is cut into several, each repeating the first
    `keep` columns."""

    columns: dict[str, Column]
    steps: Sequence[Step] = ()
    title: str | None = None
    text_first: bool = False
    keep: int = 1

    def __post_init__(self) -> None:
        # A column that nothing fills (no due dates, none overdue) takes room the others need.
        self.columns = {name: column for name, column in self.columns.items() if column.filled()}

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> Iterator[RenderableType]:
        from rich.text import Text

        width = options.max_width
        chosen, fits = fit(self.columns, self.steps, width)
        if self.title:  # a line of its own: as a table's title, it would wrap at the table's width
            yield Text(self.title, style="bold")
        if fits:
            yield _table(chosen)
        elif any(column.wrap for column in self.columns.values()):
            # The wrapping column leaves the table, and the row line takes as few steps as
            # it needs on its own.
            fixed = {name: column for name, column in self.columns.items() if not column.wrap}
            room = width - (INDENT if self.text_first else 0)
            chosen, _ = fit(fixed, self.steps, room, STACKED_GAP, whole=True)
            wrapping = [column for column in self.columns.values() if column.wrap]
            yield from _stacked(chosen, wrapping, width, self.text_first)
        else:
            yield from _split(chosen, self.keep, width)
        if any(column.legend for column in chosen.values()):
            yield legend(width)


def _table(columns: Mapping[str, Column]) -> Table:
    from rich import box
    from rich.table import Table

    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )
    footers = any(column.footer is not None for column in columns.values())
    table.show_footer = footers
    for column in columns.values():
        capped = column.cap is not None and column.width() > column.cap
        table.add_column(
            column.header,
            justify=column.justify,
            no_wrap=not (column.wrap or capped),
            # (rich right-aligns a cell only when its overflow is not "ignore"; the widths
            # chosen leave nothing to cut)
            overflow="fold" if column.wrap else "ellipsis",
            min_width=column.least(),
            max_width=column.cap if capped else None,
            style=column.style or None,
            footer=column.footer if column.footer is not None else "",
        )
    count = len(next(iter(columns.values())).cells) if columns else 0
    for index in range(count):
        table.add_row(*(column.cells[index] for column in columns.values()))
    return table


def _split(columns: Mapping[str, Column], keep: int, width: int) -> Iterator[RenderableType]:
    """Several tables, each with the first `keep` columns and as many of the others as fit."""
    from rich.text import Text

    names = list(columns)
    kept = {name: columns[name] for name in names[:keep]}
    part: dict[str, Column] = dict(kept)
    parts = []
    for name in names[keep:]:
        if len(part) > len(kept) and needed({**part, name: columns[name]}) > width:
            parts.append(part)
            part = dict(kept)
        part[name] = columns[name]
    parts.append(part)
    for index, shown in enumerate(parts):
        if index:
            yield Text("")
        yield _table(shown)


def _stacked(
    kept: Mapping[str, Column], wrapping: Sequence[Column], width: int, text_first: bool
) -> Iterator[RenderableType]:
    """The `kept` columns as a table, each row followed (or with `text_first` preceded) by the
    text of the `wrapping` columns on lines of their own."""
    from rich.padding import Padding
    from rich.text import Text

    widths = {name: column.width() for name, column in kept.items()}
    margin = " " * INDENT if text_first else ""

    def line(cells: Mapping[str, Text | str]) -> Text:
        text = Text(margin)
        for index, (name, cell) in enumerate(cells.items()):
            piece = cell if isinstance(cell, Text) else Text(cell)
            pad = " " * (widths[name] - piece.cell_len)
            if index:
                text.append(" " * STACKED_GAP)
            if kept[name].justify == "right":
                text.append(pad)
                text.append_text(piece)
            else:
                text.append_text(piece)
                text.append(pad)
        text.rstrip()
        return text

    def texts(cells: Sequence[Text | str]) -> Iterator[RenderableType]:
        for cell in cells:
            if str(cell):
                text = cell if isinstance(cell, Text) else Text(cell)
                yield text if text_first else Padding(text, (0, 0, 0, INDENT), expand=False)

    yield line({name: Text(column.header, style="bold") for name, column in kept.items()})
    total = len(margin) + sum(widths.values()) + STACKED_GAP * max(len(kept) - 1, 0)
    yield Text("─" * min(total, width))
    count = len(next(iter(kept.values())).cells) if kept else 0
    for index in range(count):
        if text_first:
            yield from texts([column.cells[index] for column in wrapping])
        yield line({name: column.cells[index] for name, column in kept.items()})
        if not text_first:
            yield from texts([column.cells[index] for column in wrapping])
    if any(column.footer is not None for column in kept.values()):
        yield Text("─" * min(total, width))
        if text_first:
            yield from texts([column.footer or "" for column in wrapping])
        yield line({name: column.footer or "" for name, column in kept.items()})


def legend(width: int) -> Text:
    """What each status symbol means, in lines of at most `width` columns."""
    from rich.text import Text

    lines: list[str] = []
    for item in LEGEND:
        if lines and len(lines[-1]) + 2 + len(item) <= width:
            lines[-1] += "  " + item
        else:
            lines.append(item)
    return Text("\n".join(lines), style="dim")


def symbols(statuses: Sequence[str]) -> list[Text]:
    """Each status as its symbol, coloured as the status is."""
    from rich.text import Text

    return [Text(STATUS_SYMBOL.get(s, "?"), style=STATUS_STYLE.get(s, "")) for s in statuses]
