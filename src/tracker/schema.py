"""Validating file contents into the model with pydantic-core, and the JSON Schema of both file
kinds: one schema, made from the model's type hints (`core_schema`), serves both.

pydantic is imported here and only here: its core to validate, and its JSON Schema generator for
`tracker schema`. The rest of tracker imports this module inside the functions that need it, so
that start-up and warm reads never pay for it.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, fields, is_dataclass
from types import UnionType
from typing import (
    TYPE_CHECKING,
    Annotated,
    Any,
    Literal,
    TypeVar,
    Union,
    cast,
    get_args,
    get_origin,
    get_type_hints,
)

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
    from pydantic_core import CoreSchema, SchemaValidator


def core_schema(kind: type[Any]) -> CoreSchema:
    """The pydantic-core schema of a file kind, made from the model's type hints as pydantic
    makes it (the same kinds of schema, so the same errors), without pydantic itself: importing
    pydantic and having it inspect the model would take most of the time of a write."""
    from pydantic_core import core_schema as cs

    hints = get_type_hints(kind, include_extras=True)
    arguments = []
    for field in fields(kind):
        schema = _core(hints[field.name])
        if field.default is not MISSING:
            schema = cs.with_default_schema(schema, default=field.default)
        arguments.append(cs.dataclass_field(field.name, schema, kw_only=field.kw_only is True))
    return cs.dataclass_schema(
        kind,
        cs.dataclass_args_schema(kind.__name__, arguments),
        [argument["name"] for argument in arguments],
        slots=True,
        config=cs.CoreConfig(
            title=kind.__name__, extra_fields_behavior=kind.__pydantic_config__["extra"]
        ),
        ref=f"{kind.__module__}.{kind.__qualname__}:{id(kind)}",  # as pydantic names it
    )


def _core(hint: Any) -> CoreSchema:
    """The core schema of one field's type: a nested dataclass, `X | None`, `tuple[X, ...]`,
    a `Literal`, or a type `Annotated` with a marker of tracker.model that makes its own."""
    from pydantic_core import core_schema as cs

    origin, args = get_origin(hint), get_args(hint)
    if origin is Annotated:
        source, marker = args
        schema = marker.__get_pydantic_core_schema__(source, _core)
        json_hook = getattr(marker, "__get_pydantic_json_schema__", None)
        if json_hook is not None:  # kept where pydantic keeps it, for GenerateJsonSchema
            schema["metadata"] = {"pydantic_js_annotation_functions": [json_hook]}
        return cast("CoreSchema", schema)
    if origin is Literal:
        return cs.literal_schema(list(args))
    if origin in (Union, UnionType) and len(args) == 2 and args[1] is type(None):
        return cs.nullable_schema(_core(args[0]))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return cs.tuple_schema([_core(args[0])], variadic_item_index=0)
    if is_dataclass(hint):
        return core_schema(cast("type[Any]", hint))
    raise TypeError(f"tracker.schema cannot validate a field of type {hint!r}")


_validators: dict[type[Any], SchemaValidator] = {}


def _validator(kind: type[Any]) -> SchemaValidator:
    from pydantic_core import SchemaValidator

    found = _validators.get(kind)
    if found is None:
        found = _validators[kind] = SchemaValidator(core_schema(kind))
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
    from pydantic.json_schema import GenerateJsonSchema

    schema = GenerateJsonSchema().generate(core_schema(kind))
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
