"""Text from the data made safe to show: control characters are shown, never obeyed.

A terminal obeys what it prints: ESC starts a colour, a cursor move or an OSC 8 hyperlink, CR
returns to the start of the line to overwrite it, and a bidirectional override (U+202E) makes
what follows read backwards. rich passes most of them through. File contents cannot carry C0 or
C1 controls (the schema refuses them), but error messages quote what was refused, file names can
hold anything, and bidirectional overrides are valid text. Everything tracker prints for people
goes through here: diagnostics and plain-text output through `visible`, rich renderables through
`safe_renderable`; the Markdown escaper uses `visible` too.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult

# C0 but tab and line feed, DEL, C1, line and paragraph separators, the bidirectional
# embeddings, overrides and isolates, and the invisible direction marks (U+061C, U+200E, U+200F),
# which reorder what is around them as much.
_SHOWN = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[{_SHOWN}]")
_UNSAFE_OR_NEWLINE = re.compile(f"[{_SHOWN}\n]")


_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    code = ord(character)
    return _NAMED.get(character) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def visible(text: str, *, newlines: bool = False) -> str:
    """`text` with each control character written as an escape (ESC as `\\x1b`, CR as `\\r`,
    U+202E as `\\u202e`); tabs are kept, and line breaks too with `newlines` (else they become
    `\\n`, so that one message stays one line)."""
    pattern = _UNSAFE if newlines else _UNSAFE_OR_NEWLINE
    return pattern.sub(_escape, text) if pattern.search(text) else text


class _Safe:
    """A rich renderable whose text segments are passed through `visible` once laid out."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment

        for segment in console.render(self.renderable, options):
            text = segment.text
            if segment.control or not _UNSAFE.search(text):
                yield segment
            else:
                yield Segment(visible(text, newlines=True), segment.style)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Any:
        from rich.measure import Measurement

        return Measurement.get(console, options, self.renderable)


def safe_renderable(renderable: RenderableType) -> RenderableType:
    """`renderable` printed with every control character of its text shown as an escape."""
    return _Safe(renderable)
