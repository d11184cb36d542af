"""A quotation in its context in a kept source, for `tracker show ID --source`."""

from __future__ import annotations

from collections.abc import Sequence

from .controls import visible


def source_context(
    pledge_id: str,
    file: str,
    first: int,
    last: int,
    origin: str,
    corrections: int,
    paragraphs: tuple[Sequence[str], Sequence[str], Sequence[str]],
) -> str:
    """The paragraphs that hold a pledge's quotation (marked `> `), with the paragraph before and
    the paragraph after, as the kept source has them."""
    before, held, after = paragraphs
    lines = [
        f"{pledge_id}: {file}, line{'s' if last > first else ''} {first}"
        + (f"-{last}" if last > first else ""),
        origin,
    ]
    if corrections:
        plural = "s" if corrections != 1 else ""
        lines.append(
            f"(as kept; {corrections} OCR correction{plural} declared for this text apply "
            "when quotations are checked)"
        )
    for block, mark in ((before, "  "), (held, "> "), (after, "  ")):
        if block:
            lines.append("")
            lines += [(mark + visible(line)).rstrip() for line in block]
    return "\n".join(lines) + "\n"
