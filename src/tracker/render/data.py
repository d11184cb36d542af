"""Plain data (what `model.plain` and `pledge_record` give) as JSON or YAML text: one place each."""

from __future__ import annotations

from typing import Any


def to_json(value: Any) -> str:
    """Indented JSON, non-ASCII letters kept as they are, ending in a newline."""
    import json

    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


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
