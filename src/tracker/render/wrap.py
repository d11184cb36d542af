"""Text wrapped at word boundaries with a hanging indent, for the terminal (or piped output at a
set width): the first line at the margin, the lines it continues on indented, so that a long note
stays under its column."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType
    from rich.text import Text

# Where a line of `history` or `changes` hangs: after its first field and the two spaces that
# follow it (a date, an id), when that is not too far in.
_FIRST_FIELD = re.compile(r"\s*\S+(?: \S+)*?  +(?=\S)")


class Hanging:
    """`text` wrapped to the width it is printed at, every line after the first indented by
    `indent` columns (less where the terminal is too narrow for it)."""

    def __init__(self, text: Text, indent: int) -> None:
        self.text = text
        self.indent = indent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        from rich.text import Text

        width = options.max_width
        indent = self.indent if self.indent <= width // 2 else min(4, width // 4)
        first = self.text.wrap(console, width, overflow="fold")[0]
        first.rstrip()
        yield first
        rest = self.text[len(first.plain) :]
        rest = rest[len(rest.plain) - len(rest.plain.lstrip(" ")) :]
        if not rest.plain:
            return
        for line in rest.wrap(console, max(width - indent, 1), overflow="fold"):
            line.rstrip()
            yield Text(" " * indent) + line


def hanging_lines(text: str) -> RenderableType:
    """Plain lines (as `history` and `changes` print them) for a terminal: each wrapped, hanging
    under the text after its first field (`2024-03-14  ` or an id), else two columns in."""
    from rich.console import Group
    from rich.text import Text

    parts = []
    for line in text.splitlines():
        found = _FIRST_FIELD.match(line)
        leading = len(line) - len(line.lstrip(" "))
        indent = found.end() if found else leading + 2
        parts.append(Hanging(Text(line), indent))
    return Group(*parts)
