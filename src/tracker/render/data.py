"""Plain data (what `model.plain` and `pledge_record` give) as JSON or YAML text: one place each."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any


def to_json(value: Any) -> str:
    """Indented JSON, non-ASCII letters kept as they are, ending in a newline."""
    import json

    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def json_list(
    items: Iterable[Any], indent: int = 0, dumps: Callable[[Any], str] | None = None
) -> Iterator[str]:
    """`to_json(list(items))` in pieces, one item at a time, so that a long list is never whole in
    memory, as an object or as text. `indent`: the level the list itself stands at, when it is a
    value inside an object (`"pledges": [`), with no newline after it. `dumps`: what writes one
    item as `json.dumps(item, ensure_ascii=False, indent=2)` does (default: that)."""
    import json

    dumps = dumps or partial(json.dumps, ensure_ascii=False, indent=2)
    inner = " " * (indent + 2)
    closing = "\n" + " " * indent + "]" + ("" if indent else "\n")
    first = True
    for item in items:
        # A newline inside a JSON text is always indentation: strings write theirs as `\n`.
        text = dumps(item).replace("\n", "\n" + inner)
        yield ("[\n" if first else ",\n") + inner + text
        first = False
    yield ("[]" + ("" if indent else "\n")) if first else closing


def to_yaml(value: Any) -> str:
    """Block-style YAML in the given key order; `[]` for an empty list."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(
        value,
        Dumper=dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )


def yaml_list(items: Iterable[Any]) -> Iterator[str]:
    """`to_yaml(list(items))` in pieces, one item at a time: a block list's items are written
    alike wherever they stand, so each is a one-item list of its own."""
    first = True
    for item in items:
        first = False
        yield to_yaml([item])
    if first:
        yield to_yaml([])
