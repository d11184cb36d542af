"""The pledge format: declarations, pledges, their updates and links, and the status vocabulary.

The classes are plain frozen dataclasses so that reading and filtering never pay for pydantic;
`tracker.schema` validates file contents into them (and derives the JSON Schema) on demand, from
their type hints. Field constraints are written as `Annotated` markers whose pydantic hooks
import pydantic-core only when a schema is built.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, Protocol
from urllib.parse import urlsplit

# The status vocabulary lives in its own small module, so that the command line can offer it
# without building the dataclasses below; it is part of the model all the same.
from .vocabulary import (  # noqa: F401 - names of the model, imported from here too
    CLOSED_STATUSES,
    LINK_KINDS,
    OPEN_STATUSES,
    STATUS_MEANING,
    STATUS_SCORE,
    LinkKind,
    Numbering,
    Status,
    StatusName,
)

# --- names and ids -------------------------------------------------------------------------------

SLUG_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
# A paragraph number as printed (`20`, `22a`), or in order of statement (`01`); a letter before
# it names the numbered sequence of an annex or appendix (`a3`: paragraph 3 of annex A).
NUMBER_PATTERN = r"[a-z]?[0-9]+[a-z]?"
SLUG_RE = re.compile(SLUG_PATTERN)
NUMBER_RE = re.compile(NUMBER_PATTERN)
DECLARATION_FILE = "declaration.yaml"
TITLE_MAX = 100


def pledge_id(slug: str, number: str) -> str:
    """The id of pledge `number` of declaration `slug`: derived from the path, never stored."""
    return f"{slug}-{number}"


def number_key(number: str) -> tuple[str, int, str]:
    """`07` and `7` are the same paragraph; `22a` follows `22`; an annex's paragraphs (`a1`,
    `b1`) follow the main text's."""
    section = number[:1] if number[:1].isalpha() else ""
    digits = number[len(section) :].rstrip("abcdefghijklmnopqrstuvwxyz")
    return section, _whole(digits), number[len(section) + len(digits) :]


# Past every number Python converts from text (4,300 digits): a typed id of thousands of digits
# names no paragraph, and must not crash the lookup.
_BEYOND = 10**4300


def _whole(digits: str) -> int:
    try:
        return int(digits)
    except ValueError:
        return _BEYOND


def natural_key(text: str) -> tuple[Any, ...]:
    """Sort key that puts `eu-clasi-2023-9` before `eu-clasi-2023-16`."""
    return tuple(_whole(part) if part.isdigit() else part for part in re.split(r"(\d+)", text))


# --- dates ---------------------------------------------------------------------------------------


_day_isoformat = dt.date.isoformat
Precision = Literal["day", "month", "year"]


class PartialDate(dt.date):
    """A date known to the day, the month or the year: `2024-03-14`, `2022-10` or `2018`.

    Sources often say only "in October 2022"; recording `2022-10-01` would invent a day. A partial
    date compares and sorts as the first day of its period and prints as written.
    """

    __slots__ = ("precision",)
    precision: Precision

    def __new__(
        cls,
        year: int,
        month: int = 1,
        day: int = 1,
        precision: Precision = "day",
    ) -> PartialDate:
        self = super().__new__(cls, year, month, day)
        self.precision = precision
        return self

    def isoformat(self) -> str:
        precision = self.precision
        if precision == "day":  # the usual case first, written without super(): caches call it
            return _day_isoformat(self)
        if precision == "year":
            return f"{self.year:04d}"
        return f"{self.year:04d}-{self.month:02d}"

    __str__ = isoformat

    def __repr__(self) -> str:
        return f"PartialDate({self.isoformat()!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (PartialDate, (self.year, self.month, self.day, self.precision))

    @property
    def last_day(self) -> dt.date:
        """The last day of the period: for `2022-10`, 31 October 2022."""
        if self.precision == "year":
            return dt.date(self.year, 12, 31)
        if self.precision == "month":
            following = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return self  # a day is its own last day


_ISO_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_PARTIAL_DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_iso_date(value: object) -> dt.date:
    """A full ISO date (`2025-12-31`) from a file; raises ValueError with a readable reason."""
    if isinstance(value, dt.datetime):
        raise ValueError(f"'{value}' has a time of day; write the date alone (YYYY-MM-DD)")
    if isinstance(value, dt.date):
        return value
    text = str(value).strip() if isinstance(value, str | int) else None
    match = _ISO_DATE_RE.fullmatch(text) if text is not None else None
    if match is None:
        raise ValueError(f"'{value}' is not a date (write YYYY-MM-DD)")
    year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError as error:
        raise ValueError(f"'{text}' is not a real date ({error})") from None


def parse_partial_date(value: object) -> PartialDate:
    """An ISO date of day, month or year precision: `2024-03-14`, `2022-10`, `2018`."""
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.datetime):
        raise ValueError(f"'{value}' has a time of day; write the date alone (YYYY-MM-DD)")
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError(f"'{value}' is not a date (write YYYY-MM-DD, YYYY-MM or YYYY)")
    text = str(value).strip()
    match = _PARTIAL_DATE_RE.fullmatch(text)
    if match is None:
        raise ValueError(f"'{text}' is not a date (write YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = match.groups()
    precision: Precision = "day" if day else "month" if month else "year"
    try:
        return PartialDate(int(year), int(month or 1), int(day or 1), precision)
    except ValueError as error:
        raise ValueError(f"'{text}' is not a real date ({error})") from None


_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f]")  # \s is what str.isspace() calls space
# The usual link, accepted without urlsplit: http(s)://, a host, and no space, control character
# or bracket anywhere (brackets would have urlsplit check an IPv6 host). Letters are spelled out
# rather than matched with IGNORECASE, which would let `ſ` pass for `s`.
_PLAIN_HTTP_URL = re.compile(r"[hH][tT][tT][pP][sS]?://[^/?#\s\x00-\x1f\[\]][^\s\x00-\x1f\[\]]*")


def check_http_url(value: object) -> str:
    """Only http(s) links: a `javascript:` or `file:` link must never reach a report."""
    if not isinstance(value, str):
        raise ValueError(f"a link must be text, not {type_name(value)}")
    if _PLAIN_HTTP_URL.fullmatch(value.strip()):
        return value.strip()
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValueError(f"'{value}' is not an http(s) link")
    if _SPACE_OR_CONTROL.search(value.strip()):
        raise ValueError(f"'{value}' contains spaces or control characters")
    return value.strip()


def type_name(value: object) -> str:
    """How a YAML value's type is named in an error message."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    return {
        "str": "text",
        "int": "a number",
        "float": "a number",
        "list": "a list",
        "dict": "a mapping",
        "date": "a date",
    }.get(type(value).__name__, type(value).__name__)


class _Check:
    """An `Annotated` marker: validate with `function` instead of pydantic's own type check.

    pydantic-core is imported only when a schema is built (see tracker.schema), never by this
    module.
    """

    def __init__(self, function: Callable[[Any], Any], json_schema: dict[str, Any]) -> None:
        self.function = function
        self.json_schema = json_schema

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(self.function)

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> dict[str, Any]:
        return dict(self.json_schema)


# Text in a file may hold tabs and line breaks, but no other control character: YAML lets a quoted
# string spell one (`"\e[2J"`, `"\r"`), and a terminal that printed it would obey it. A title is
# one line, as every table shows it. (Patterns that both pydantic and JSON Schema read.)
_CONTROLS = r"\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 but tab and line feed, DEL, C1
TEXT_PATTERN = f"^[^{_CONTROLS}]*$"
LINE_PATTERN = f"^[^{_CONTROLS}\\t\\n\\u2028\\u2029]*$"
CONTROL_RE = re.compile(f"[{_CONTROLS}]")


class _Length:
    """An `Annotated` marker for a non-empty string of at most `maximum` characters, without
    control characters (with `one_line`, without line breaks either)."""

    def __init__(self, maximum: int | None = None, *, one_line: bool = False) -> None:
        self.maximum = maximum
        self.pattern = LINE_PATTERN if one_line else TEXT_PATTERN

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.str_schema(
            min_length=1, max_length=self.maximum, pattern=self.pattern, strict=True
        )


IsoDate = Annotated[dt.date, _Check(parse_iso_date, {"type": "string", "format": "date"})]
Partial = Annotated[
    PartialDate,
    _Check(
        parse_partial_date,
        {
            "type": "string",
            "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
            "description": "ISO date; YYYY-MM or YYYY when the source gives no day",
        },
    ),
]
HttpUrl = Annotated[
    str, _Check(check_http_url, {"type": "string", "format": "uri", "pattern": "^https?://"})
]
Text = Annotated[str, _Length()]
Title = Annotated[str, _Length(TITLE_MAX, one_line=True)]

_FORBID = {"extra": "forbid"}  # a key the class does not name is an error (pydantic's config)

# --- file contents -------------------------------------------------------------------------------
# Field order is the documented order of keys in files and in JSON output.


@dataclass(frozen=True, slots=True, kw_only=True)
class Original:
    """The pledge's paragraph as the source words it."""

    language: Text | None = None
    text: Text
    __pydantic_config__ = _FORBID


@dataclass(frozen=True, slots=True)
class Link:
    url: HttpUrl
    title: Text | None = None
    kind: LinkKind | None = None
    __pydantic_config__ = _FORBID


@dataclass(frozen=True, slots=True)
class Update:
    """Dated progress: what was seen on `date`, and the status from then on if it changed."""

    date: Partial
    status: StatusName | None = None
    note: Text | None = None
    links: tuple[HttpUrl, ...] = ()
    __pydantic_config__ = _FORBID


@dataclass(frozen=True, slots=True)
class Assessment:
    """One actor's compliance with the pledge, G7/G20 Research Group style (-1, 0, +1)."""

    actor: Text
    score: Literal[-1, 0, 1]
    date: Partial | None = None
    note: Text | None = None
    links: tuple[HttpUrl, ...] = ()
    __pydantic_config__ = _FORBID


@dataclass(frozen=True, slots=True)
class Pledge:
    """What a `<number>.yaml` file says. Only `title` and `status` are required."""

    title: Title
    status: StatusName
    summary: Text | None = None
    original: Original | None = None
    actors: tuple[Text, ...] = ()
    themes: tuple[Text, ...] = ()
    due: IsoDate | None = None
    related: tuple[Text, ...] = ()
    links: tuple[Link, ...] = ()
    updates: tuple[Update, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    inferred: PledgeInferred | None = None
    __pydantic_config__ = _FORBID

    @property
    def update_dates(self) -> tuple[PartialDate, ...]:
        """The dates of the updates, in file order."""
        return tuple([update.date for update in self.updates])

    @property
    def last_update(self) -> Update | None:
        """The newest update by date (file order breaks ties: the later entry wins)."""
        if not self.updates:
            return None
        return max(reversed(self.updates), key=lambda update: update.date)

    def is_overdue(self, today: dt.date) -> bool:
        return overdue(self.due, self.status, today)


def before(date: dt.date, declared: dt.date | None) -> bool:
    """Is `date` (a partial date: all of its period) before a declaration dated `declared`?
    Such an update is background, not progress."""
    if declared is None:
        return False
    end = date.last_day if isinstance(date, PartialDate) else date
    return end < declared


def newest_assessments(assessments: Iterable[Assessment]) -> dict[str, Assessment]:
    """The newest assessment of each actor (undated ones count as oldest; the later entry in the
    file wins a tie)."""
    newest: dict[str, Assessment] = {}
    for assessment in assessments:
        held = newest.get(assessment.actor)
        if held is None or _assessment_key(assessment) >= _assessment_key(held):
            newest[assessment.actor] = assessment
    return newest


def _assessment_key(assessment: Assessment) -> tuple[bool, dt.date]:
    return (assessment.date is not None, assessment.date or dt.date.min)


def compliance_score(assessments: Iterable[Assessment]) -> float | None:
    """A pledge's compliance score: the mean of each actor's newest assessment (−1 to 1), as in
    the report's compliance matrix; None when it has none."""
    newest = newest_assessments(assessments)
    return sum(a.score for a in newest.values()) / len(newest) if newest else None


def status_disagreement(pledge: Pledge) -> str | None:
    """Why the top-level status and the newest update that carries a status disagree, if they do
    (file order breaks a tie of dates: the later entry is the newer). A rule of one file: every
    write checks it, and so does `tracker validate`."""
    dated = [(update.date, update.status) for update in pledge.updates if update.status]
    if not dated:
        return None
    date, newest = max(reversed(dated), key=lambda update: update[0])
    if newest == pledge.status:
        return None
    return f"status is '{pledge.status}' but the newest update ({date.isoformat()}) says '{newest}'"


def overdue(due: dt.date | None, status: str, today: dt.date) -> bool:
    """Past its due date and neither completed nor dropped."""
    return due is not None and due < today and status not in CLOSED_STATUSES


@dataclass(frozen=True, slots=True)
class Source:
    """Where a declaration's text can be read: a URL when one is known, else title, publisher and
    date; `file` names a copy kept with the record (a path in the declaration's folder, such as
    `sources/council.txt`), which `tracker validate` checks the pledges' quotations against, after
    the OCR repairs that `corrections` declares (`"feelles → fælles"`, whole words)."""

    title: Text
    url: HttpUrl | None = None
    date: Partial | None = None
    publisher: Text | None = None
    file: SourceFile | None = None
    corrections: tuple[CorrectionText, ...] = ()
    __pydantic_config__ = _FORBID


@dataclass(frozen=True, slots=True)
class Declaration:
    """What a `declaration.yaml` file says. Only `title` is required."""

    title: Text
    short: Text | None = None
    date: Partial | None = None
    venue: Text | None = None
    parties: tuple[Text, ...] = ()
    language: Text | None = None
    numbering: Numbering | None = None
    sources: tuple[Source, ...] = ()
    related: tuple[Text, ...] = ()
    notes: Text | None = None
    inferred: DeclarationInferred | None = None
    __pydantic_config__ = _FORBID


# --- provenance: kept sources, their declared repairs, inferred facts --------------------------

CORRECTION_ARROWS = ("→", "->")


def parse_correction(value: object) -> tuple[str, str]:
    """`"feelles → fælles"` (or `->`) as (what the kept text says, what it means): one word or
    a few for another, each side without spaces at its ends."""
    if not isinstance(value, str):
        raise ValueError(
            f"a correction must be text such as 'feelles → fælles', not {type_name(value)}"
        )
    for arrow in CORRECTION_ARROWS:
        wrong, found, right = value.partition(arrow)
        if found:
            wrong, right = wrong.strip(), right.strip()
            if wrong and right and arrow not in right and CONTROL_RE.search(value) is None:
                return wrong, right
            break
    raise ValueError(
        f"'{value}' is not a correction: write 'as kept → as meant', e.g. 'feelles → fælles'"
    )


def check_correction(value: object) -> str:
    parse_correction(value)
    return value  # type: ignore[return-value]


def check_source_file(value: object) -> str:
    """A kept source's path: relative, with `/` between folders, inside the data folder."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(
            f"a source file must be a path such as 'sources/text.txt', not {type_name(value)}"
        )
    text = value.strip()
    if text.startswith(("/", "~")) or "\\" in text or re.match(r"[A-Za-z]:", text):
        raise ValueError(f"'{text}' must be a path relative to the declaration's folder, with '/'")
    if CONTROL_RE.search(text) or "\n" in text:
        raise ValueError(f"'{text}' contains a control character")
    return text


def _check_inferred(value: object, kind_name: str) -> dict[str, str]:
    fields = inferable_fields(kind_name)
    if not isinstance(value, dict):
        raise ValueError(
            "inferred must be a mapping of field to basis, such as "
            f'{{date: "year from the Council Presidency"}}, not {type_name(value)}'
        )
    result: dict[str, str] = {}
    for key, basis in value.items():
        if key not in fields:
            import difflib

            hint = difflib.get_close_matches(str(key), fields, n=1)
            known = f"did you mean '{hint[0]}'?" if hint else "fields: " + ", ".join(fields)
            raise ValueError(f"'{key}' is not a field of a {kind_name} ({known})")
        if not isinstance(basis, str) or not basis.strip() or CONTROL_RE.search(basis):
            raise ValueError(f"the basis of inferred '{key}' must be text that says what it is")
        result[key] = basis
    return result


def check_pledge_inferred(value: object) -> dict[str, str]:
    return _check_inferred(value, "pledge")


def check_declaration_inferred(value: object) -> dict[str, str]:
    return _check_inferred(value, "declaration")


def inferable_fields(kind_name: str) -> list[str]:
    """The fields whose value may be marked as inferred: all but `inferred` itself."""
    kind = Pledge if kind_name == "pledge" else Declaration
    return [name for name in kind.__dataclass_fields__ if name != "inferred"]


def _inferred_schema(kind_name: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": "Fields whose value no source states, each with the basis of its inference",
        "propertyNames": {"enum": inferable_fields(kind_name)},
        "additionalProperties": {"type": "string", "minLength": 1},
    }


SourceFile = Annotated[
    str,
    _Check(
        check_source_file,
        {"type": "string", "description": "a kept copy, relative to the declaration's folder"},
    ),
]
CorrectionText = Annotated[
    str,
    _Check(check_correction, {"type": "string", "pattern": "^.*\\S.*(→|->).*\\S.*$"}),
]
# What `inferred` may name: the fields of each kind.
PledgeInferred = Annotated[
    dict[str, str], _Check(check_pledge_inferred, _inferred_schema("pledge"))
]
DeclarationInferred = Annotated[
    dict[str, str], _Check(check_declaration_inferred, _inferred_schema("declaration"))
]


# --- where things live ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PledgeEntry:
    """A pledge and where it lives: its id, declaration and number come from its path."""

    id: str
    declaration: str
    number: str
    path: Path
    pledge: Pledge

    # The entry's facts (see PledgeFacts), read from the pledge.

    @property
    def status(self) -> str:
        return self.pledge.status

    @property
    def actors(self) -> tuple[str, ...]:
        return self.pledge.actors

    @property
    def themes(self) -> tuple[str, ...]:
        return self.pledge.themes

    @property
    def due(self) -> dt.date | None:
        return self.pledge.due

    @property
    def update_dates(self) -> tuple[PartialDate, ...]:
        return self.pledge.update_dates


@dataclass(frozen=True, slots=True)
class DeclarationEntry:
    slug: str
    path: Path
    declaration: Declaration

    @property
    def label(self) -> str:
        return self.declaration.short or self.slug


@dataclass(frozen=True, slots=True)
class Change:
    """What a write did to one pledge file: its text before and after, and the changes in words.
    (The store makes them; render and cli show them, so it lives here, below both.)"""

    id: str
    path: Path
    before: str
    after: str
    changes: tuple[str, ...]
    written: bool


# --- what filters and sort keys read -------------------------------------------------------------


class PledgeFacts(Protocol):
    """All that `tracker.query` reads of a pledge to filter and sort it, but for the text that
    `--search` reads. A PledgeEntry has these facts, and so does the row that the cache keeps of
    each pledge (`tracker.store.index`), so that `tracker list` chooses pledges before it
    builds them."""

    @property
    def id(self) -> str: ...
    @property
    def declaration(self) -> str: ...
    @property
    def number(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def actors(self) -> tuple[str, ...]: ...
    @property
    def themes(self) -> tuple[str, ...]: ...
    @property
    def due(self) -> dt.date | None: ...
    @property
    def update_dates(self) -> tuple[PartialDate, ...]: ...


# --- problems ------------------------------------------------------------------------------------

Level = Literal["error", "warning", "info"]


LEVELS: tuple[str, ...] = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong (error), probably wrong (warning) or worth knowing (info) about a file."""

    path: Path
    line: int | None
    level: Level
    code: str
    message: str

    def sort_key(self) -> tuple[Any, ...]:
        return (natural_key(str(self.path)), self.line or 0, LEVELS.index(self.level), self.code)


# --- plain data, for JSON and friends ------------------------------------------------------------


def plain(value: Any) -> Any:
    """A model value as JSON-ready data: dates as ISO text, tuples as lists, None-valued keys
    dropped from dataclasses."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [plain(item) for item in value]
    if hasattr(value, "__dataclass_fields__"):
        result = {}
        for name in value.__dataclass_fields__:
            item = getattr(value, name)
            if item is not None:
                result[name] = plain(item)
        return result
    return value


def pledge_record(entry: PledgeEntry) -> dict[str, Any]:
    """One pledge as the flat record that `list --format json` prints: id and place first, then
    every field of the file (empty lists included, absent scalars as null)."""
    pledge = entry.pledge
    record: dict[str, Any] = {
        "id": entry.id,
        "declaration": entry.declaration,
        "number": entry.number,
    }
    for name in Pledge.__dataclass_fields__:
        record[name] = plain(getattr(pledge, name))
    return record
