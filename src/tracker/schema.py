"""Validating file contents into the model with pydantic, and the JSON Schema of both file kinds.

pydantic is imported here and only here, and only to build a validator: the rest of tracker
imports this module inside the functions that need it, so that start-up and warm reads never pay
for it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, TypeVar, cast

from .model import (
    CONTROL_RE,
    LINK_KINDS,
    TITLE_MAX,
    Assessment,
    Declaration,
    Link,
    Original,
    Pledge,
    Source,
    Status,
    Update,
    type_name,
)

T = TypeVar("T")

# The dataclass a mapping at the end of a location validates into, to suggest the right key.
_NESTED = {
    "original": Original,
    "links": Link,
    "updates": Update,
    "assessments": Assessment,
    "sources": Source,
}


@dataclass(frozen=True, slots=True)
class SchemaError:
    """One thing wrong in a file's content: where (keys and indexes), and what, in words."""

    location: tuple[str | int, ...]
    code: str
    message: str
    at_key: bool = False  # point at the key rather than its value


if TYPE_CHECKING:
    from pydantic import TypeAdapter
    from pydantic_core import SchemaValidator


def _adapter(kind: type[T]) -> TypeAdapter[T]:
    from pydantic import TypeAdapter

    return TypeAdapter(kind)


_validators: dict[type[Any], SchemaValidator] = {}


def _validator(kind: type[Any]) -> SchemaValidator:
    found = _validators.get(kind)
    if found is None:
        found = _validators[kind] = cast("SchemaValidator", _adapter(kind).validator)
    return found


# A file with thousands of wrong values (a hostile one, or one written by a broken script) gets
# this many problems explained, then one that counts the rest: enough to act on, quick to print.
MAX_PROBLEMS = 20


def validate(kind: type[T], data: Any) -> T | list[SchemaError]:
    """`data` as a `kind` (Pledge or Declaration), or the list of what is wrong with it."""
    from pydantic_core import ValidationError  # pydantic's own, which pydantic re-exports

    try:
        return _validator(kind).validate_python(data)
    except ValidationError as error:
        found = error.errors(include_url=False)
        explained = [_explain(kind, item) for item in found[:MAX_PROBLEMS]]
        if len(found) > MAX_PROBLEMS:
            first = _explain(kind, found[MAX_PROBLEMS])
            more = len(found) - MAX_PROBLEMS
            explained.append(
                SchemaError(
                    first.location,
                    "more",
                    f"{more} more problems from here on (fix those above, then validate again)",
                    first.at_key,
                )
            )
        return explained


def json_schema(kind: type[Any]) -> dict[str, Any]:
    """The JSON Schema of a file kind, for editors (yaml-language-server) and other tools."""
    schema = _adapter(kind).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = {Pledge: "tracker pledge", Declaration: "tracker declaration"}.get(
        kind, kind.__name__
    )
    return schema


def where(location: tuple[str | int, ...]) -> str:
    """`('updates', 2, 'date')` → `updates[2].date`."""
    text = ""
    for step in location:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def _owner(kind: type[Any], location: tuple[str | int, ...]) -> type[Any]:
    """The dataclass that holds the last key of `location`."""
    owner = kind
    for step in location[:-1]:
        if isinstance(step, str):
            owner = _NESTED.get(step, owner)
    return owner


def _explain(kind: type[Any], error: Any) -> SchemaError:
    location = tuple(error["loc"])
    # pydantic puts a "function-plain[...]" step into the location of annotated validators.
    location = tuple(step for step in location if not str(step).startswith("function-"))
    kind_of_error = error["type"]
    value = error.get("input")
    field = location[-1] if location else ""
    parent = where(location[:-1])
    prefix = f"{parent}: " if parent else ""
    named = where(location) or "the file"

    if kind_of_error in ("unexpected_keyword_argument", "extra_forbidden"):
        import difflib

        known = [f.name for f in fields(_owner(kind, location))]
        hint = difflib.get_close_matches(str(field), known, n=1)
        suggestion = (
            f" (did you mean '{hint[0]}'?)" if hint else f" (known keys: {', '.join(known)})"
        )
        return SchemaError(
            location, "unknown-key", f"{prefix}unknown key '{field}'{suggestion}", True
        )
    if kind_of_error == "missing":
        return SchemaError(location, "missing-key", f"{prefix}missing required key '{field}'")
    if kind_of_error == "literal_error":
        if field == "status":
            import difflib

            hint = difflib.get_close_matches(str(value), [s.value for s in Status], n=1)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            return SchemaError(location, "status", f"{prefix}unknown status '{value}'{suggestion}")
        if field == "kind":
            choices = ", ".join(LINK_KINDS)
            return SchemaError(
                location, "link-kind", f"{prefix}unknown link kind '{value}' (one of: {choices})"
            )
        if field == "score":
            return SchemaError(
                location, "score", f"{named}: score must be -1, 0 or 1, not {value!r}"
            )
        return SchemaError(location, "value", f"{named}: {error['msg']}, not {value!r}")
    if kind_of_error in ("tuple_type", "list_type"):
        return SchemaError(
            location,
            "type",
            f"{named} must be a list, not {type_name(value)} (write [a, b] or one '- item' a line)",
        )
    if kind_of_error in ("string_type", "str_type"):
        return SchemaError(location, "type", f"{named} must be text, not {type_name(value)}")
    if kind_of_error in ("dataclass_type", "dataclass_exact_type", "model_type", "dict_type"):
        return SchemaError(location, "type", f"{named} must be a mapping, not {type_name(value)}")
    if kind_of_error in ("string_too_short", "too_short"):
        return SchemaError(location, "empty", f"{named} is empty")
    if kind_of_error in ("string_too_long", "too_long"):
        limit = TITLE_MAX if field == "title" else error.get("ctx", {}).get("max_length")
        return SchemaError(
            location, "too-long", f"{named} is {len(value)} characters long; the limit is {limit}"
        )
    if kind_of_error == "string_pattern_mismatch":  # the patterns of model._Length
        control = CONTROL_RE.search(value)
        if control is None:
            return SchemaError(location, "control", f"{named} must be one line, without tabs")
        return SchemaError(
            location,
            "control",
            f"{named} contains the control character U+{ord(control.group()):04X}: "
            "write plain text",
        )
    if kind_of_error == "invalid_key":
        return SchemaError(
            location,
            "unknown-key",
            f"{prefix}key {value!r} is not a name: keys are names such as 'title'",
            True,
        )
    if kind_of_error == "value_error":
        message = str(error.get("ctx", {}).get("error", error["msg"]))
        if location[:1] == ("inferred",):
            code = "inferred"
        else:
            code = "date" if "date" in message else "link" if "link" in message else "value"
        return SchemaError(location, code, f"{named}: {message}")
    return SchemaError(location, "value", f"{named}: {error['msg']}")
