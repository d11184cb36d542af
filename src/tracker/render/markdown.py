"""Markdown text that shows as written: the escaping every Markdown renderer in tracker uses.

Every string that comes from the data goes through `escape`, so that a title such as
`<script>…</script>` or `[x](javascript:…)` can become neither HTML nor a link, and a control
character or a bidirectional override shows as an escape; only http(s) URLs become links, through
`link`.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .controls import visible

# Characters with a meaning inside a line of GitHub Markdown: emphasis, code, links, table cells,
# math ($), strikethrough (~) and the backslash itself. `&`, `<` and `>` become entities, so that
# no tag and no entity of the data is ever read as one. (Data never starts a line, so `#`, `-`
# and `1.` need nothing; with `[` escaped, `(` and `!` cannot start a link or an image.)
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_SPECIAL = re.compile(r"[\\`*_\[\]|$~&<>]")
_SPACE = re.compile(r"\s+")


def escape(text: str, *, breaks: bool = False) -> str:
    """`text` as literal Markdown text on one line (inside a table cell too). White space is
    folded to single spaces; with `breaks`, line breaks are kept as `<br>` instead."""
    if breaks:
        return "<br>".join(escape(line) for line in text.strip().splitlines())
    flat = visible(_SPACE.sub(" ", text).strip())
    return _SPECIAL.sub(lambda m: _ENTITIES.get(m.group(), "\\" + m.group()), flat)


def link(text: str, url: str) -> str:
    """`[text](url)` for an http(s) URL; for any other, the escaped text alone."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return escape(text)
    # Percent-encode what would end the link or the table cell early.
    safe = re.sub(r"[\s()<>|\\\[\]`]", lambda m: f"%{ord(m.group()):02X}", url)
    return f"[{escape(text)}]({safe})"
