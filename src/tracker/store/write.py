"""Writing pledges and declarations so that a person's own file stays theirs.

A change to a pledge goes through `modify_pledge(path)`: the file is read in ruamel.yaml's
round-trip mode (comments, key order, quoting and block scalars survive), changed, checked as
`tracker validate` would check it, and only then put in place of the file, atomically and under
the file's lock, so that writers to one pledge take turns and none loses another's update.
ruamel re-emits the whole document; lines it re-emits differently without a change of meaning
(a multi-line plain scalar joined, a `---` dropped) are restored from the file, so that `git diff`
shows only the lines the change needs.
"""

from __future__ import annotations

import codecs
import contextlib
import dataclasses
import datetime as dt
import difflib
import io
import re
import textwrap
import time
import typing
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InvalidData, NotFound, UsageError
from ..fsutil import (
    OUTSIDE,
    FileExists,
    WriteRefused,
    atomic_write,
    fsync_folder,
    inside,
    locked,
    umask,
)
from ..model import (
    CONTROL_RE,
    DECLARATION_FILE,
    NUMBER_RE,
    SLUG_RE,
    Change,  # the data type of what a write did; kept importable as write.Change
    PartialDate,
    Pledge,
    Problem,
    number_key,
    parse_partial_date,
    pledge_id,
    status_disagreement,
)
from . import yamlfile

if TYPE_CHECKING:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap


WRAP = 100  # new long text is folded to lines of this width, as the shipped files are
_NO_WRAP = 4096  # ruamel must never re-wrap a line the file already has
_DEFAULT_INDENT = (2, 4, 2)  # mapping, sequence, dash offset: `updates:\n  - date: …`
_KEY_ORDER = tuple(field.name for field in dataclasses.fields(Pledge))


@dataclass(frozen=True, slots=True)
class Created:
    """A file `tracker new` made: a pledge (`id` is its id) or a declaration (`id` is its slug)."""

    id: str
    path: Path
    text: str


# --- checking a text before it replaces a file ---------------------------------------------------


def check_pledge_text(path: Path, text: str) -> list[Problem]:
    """The errors that would make `text` an unusable pledge file (lines are lines of `text`):
    what loading reports, and a top-level status that the newest update contradicts."""
    from .read import pledge_from_text

    pledge, problems = pledge_from_text(path, text)
    if pledge is None:
        return problems
    disagreement = status_disagreement(pledge)
    if disagreement is None:
        return []
    line = yamlfile.line_of(text, ("status",))
    return [Problem(path, line, "error", "status-mismatch", disagreement)]


def check_bytes(
    path: Path, data: bytes, kind: str = "pledge", *, replacing: str | None = None
) -> list[Problem]:
    """The one check of every write: the errors that would make `data`, put in place of `path`,
    a file tracker refuses or reads otherwise. What `tracker validate` finds in a file alone
    (the size limit, the encoding, the YAML, the schema with its ban on control characters, and
    for a pledge the status rule), and a text that PyYAML's pure-Python loader, used where
    libyaml is missing, would read differently, unless the text it replaces (`replacing`) read
    differently too: a line the file had that only libyaml reads is the file's, kept as it was."""
    from .read import content_from_text

    try:
        yamlfile.check_size(len(data))
        text = yamlfile.decode(data)
    except yamlfile.YamlError as error:
        return [Problem(path, error.line, "error", error.code, error.message)]
    if kind == "pledge":
        problems = check_pledge_text(path, text)
    else:
        problems = content_from_text(path, text, kind)[1]
    if problems:
        return problems
    problems = _reads_alike(path, text)
    if problems and replacing is not None and _reads_alike(path, replacing):
        return []
    return problems


def _reads_alike(path: Path, text: str) -> list[Problem]:
    """The error of a text that PyYAML reads otherwise without libyaml than with it."""
    try:
        same = yamlfile.load_without_libyaml(text) == yamlfile.load(text)
    except yamlfile.YamlError as error:
        return [Problem(path, error.line, "error", "yaml", f"{error.message} (without libyaml)")]
    if not same:
        message = "PyYAML without libyaml would read this file differently"
        return [Problem(path, None, "error", "yaml", message)]
    return []


def replace_pledge(path: Path, root: Path, expected: bytes, data: bytes) -> None:
    """Put `data` in place of pledge file `path`, byte for byte, if it is a valid pledge and the
    file still holds `expected` (what the change was made from): a write in between is never
    overwritten."""
    _refuse_outside(path, root)
    problems = check_bytes(path, data)
    if problems:
        raise InvalidData(f"{problems[0].message}: nothing written", path, problems[0].line)
    with _opened(path), locked(path):
        if read_file(path) != expected:
            raise WriteRefused(
                f"{path.name} was changed by another write meanwhile: not overwritten", path
            )
        _write(path, data)


# --- the round trip ------------------------------------------------------------------------------


def _yaml(indent: tuple[int, int, int]) -> YAML:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    mapping, sequence, offset = indent
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    yaml.width = _NO_WRAP
    return yaml


def _dump(yaml: YAML, data: Any) -> str:
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def _indentation(data: CommentedMap, lines: Sequence[str]) -> tuple[int, int, int]:
    """The file's own indentation (mapping, sequence, dash offset), read from where its nested
    mappings and block sequences start; the shipped style where the file has none."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    mapping = sequence = offset = None
    pending: list[Any] = [data]
    while pending and (mapping is None or sequence is None):
        node = pending.pop()
        if isinstance(node, CommentedSeq):
            pending.extend(reversed(node))
            continue
        if not isinstance(node, CommentedMap):
            continue
        for key, value in node.items():
            pending.append(value)
            if not value or not isinstance(value, CommentedMap | CommentedSeq):
                continue
            if value.fa.flow_style():
                continue
            key_line, key_column = node.lc.key(key)
            if isinstance(value, CommentedMap) and mapping is None:
                line, column = value.lc.key(next(iter(value)))
                if line > key_line:
                    mapping = column - key_column
            elif isinstance(value, CommentedSeq) and sequence is None:
                line, column = value.lc.item(0)
                dash = lines[line].rfind("-", 0, column) if line < len(lines) else -1
                if line > key_line and dash >= key_column:
                    sequence, offset = column - key_column, dash - key_column
    if mapping is None:
        mapping = _DEFAULT_INDENT[0]
    if sequence is None or offset is None:
        sequence, offset = mapping + 2, mapping
    return mapping, sequence, offset


class _Unreadable:
    """Stands for a text that does not parse: equal to nothing, not even another of its kind."""


def _meaning(text: str) -> Any:
    """The data `text` stands for, as tracker's reads see it: comments and layout aside."""
    try:
        return yamlfile.load(text)
    except yamlfile.YamlError:
        return _Unreadable()


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_data(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _is_comment_or_blank(line: str, indent: int) -> bool:
    return not line.strip() or (not _is_data(line) and _indent(line) <= indent)


def _split(old: list[str], new: list[str]) -> list[tuple[list[str], list[str]]]:
    """A changed run of lines cut into smaller pairs: at the lines of its least indentation
    (keys, or list entries), pairing those that start alike (`status:` with `status:`)."""
    data = [line for line in old + new if _is_data(line)]
    if not data:
        return [(old, new)]
    least = min(_indent(line) for line in data)

    def parts(lines: list[str]) -> list[list[str]]:
        result: list[list[str]] = [[]]
        for line in lines:
            if _is_data(line) and _indent(line) == least:
                result.append([])
            result[-1].append(line)
        return result

    old_parts, new_parts = parts(old), parts(new)
    old_names = [part[0].split(":", 1)[0] if part else "" for part in old_parts]
    new_names = [part[0].split(":", 1)[0] if part else "" for part in new_parts]
    pairs: list[tuple[list[str], list[str]]] = []
    matcher = difflib.SequenceMatcher(None, old_names, new_names, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.extend(zip(old_parts[i1:i2], new_parts[j1:j2], strict=True))
        else:
            mine = [line for part in old_parts[i1:i2] for line in part]
            theirs = [line for part in new_parts[j1:j2] for line in part]
            pairs.append((mine, theirs))
    pairs = [(mine, theirs) for mine, theirs in pairs if mine != theirs]
    # Only smaller pieces: a piece as large as the whole would be cut again without end.
    return pairs if len(pairs) > 1 else [(old, new)]


# What putting lines back may cost, so that a huge or repetitive file (ten thousand identical
# lines) is written in a moment rather than after minutes: the line pairs difflib would compare,
# and the text parsed again to check each choice. Past either, ruamel's own output is written.
_MAX_LINE_PAIRS = 2_000_000
_MAX_REPARSED = 20_000_000  # characters


class _TooCostly(Exception):
    """Putting lines back would take too long."""


def _opcodes(old: Sequence[str], new: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes from `old` to `new`, with the lines both start and end with matched
    first: difflib takes time that grows with the square of the lines it compares (without its
    junk heuristic, which would mismatch repeated lines), and a change touches few of them.
    Raises _TooCostly where repeated lines would still make it too slow."""
    end = min(len(old), len(new))
    start = 0
    while start < end and old[start] == new[start]:
        start += 1
    tail = 0
    while tail < end - start and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    mine, theirs = old[start : len(old) - tail], new[start : len(new) - tail]
    counts = Counter(theirs)
    if sum(counts[line] for line in mine) > _MAX_LINE_PAIRS:
        raise _TooCostly
    matcher = difflib.SequenceMatcher(None, mine, theirs, autojunk=False)
    opcodes = [("equal", 0, start, 0, start)] if start else []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        opcodes.append((tag, i1 + start, i2 + start, j1 + start, j2 + start))
    if tail:
        opcodes.append(("equal", len(old) - tail, len(old), len(new) - tail, len(new)))
    return opcodes


def keep_unchanged_lines(before: str, after: str) -> str:
    """`after` with every line ruamel re-emitted differently put back as `before` has it, where
    that keeps the meaning; and with each inserted block moved above the blank lines and comments
    that introduced what follows it (a comment above a key belongs to that key, not to the entry
    appended before it). Returns `after` itself if anything goes wrong, or would take too long:
    it is never less right."""
    try:
        return _keep_unchanged_lines(before, after)
    except _TooCostly:
        return after


class _Choice:
    """A run of lines where the file and ruamel differ: the file's lines (`mine`) are kept or
    ruamel's (`theirs`) taken; once cut smaller, its `parts` decide instead."""

    __slots__ = ("kept", "mine", "parts", "theirs")

    def __init__(self, mine: list[str], theirs: list[str], kept: bool) -> None:
        self.mine, self.theirs, self.kept = mine, theirs, kept
        self.parts: list[_Choice] = []

    def lines(self) -> Iterator[str]:
        if self.parts:
            for part in self.parts:
                yield from part.lines()
        else:
            yield from self.mine if self.kept else self.theirs


def _keep_unchanged_lines(before: str, after: str) -> str:
    target = _meaning(after)
    reparsed = 0

    def same_meaning(text: str) -> bool:
        nonlocal reparsed
        reparsed += len(text)
        if reparsed > _MAX_REPARSED:
            raise _TooCostly
        return _meaning(text) == target

    old = before.splitlines(keepends=True)
    new = after.splitlines(keepends=True)
    choices = [
        _Choice(old[i1:i2], new[j1:j2], tag == "equal")
        for tag, i1, i2, j1, j2 in _opcodes(old, new)
    ]

    def joined() -> str:
        return "".join(line for choice in choices for line in choice.lines())

    def decide(group: list[_Choice]) -> None:
        # The file's lines are tried for a whole group at once and, where the meaning changes,
        # for each half: a change touches few places, so a large file whose every line ruamel
        # re-emits (trailing spaces dropped) costs a few parses, not one per line.
        for choice in group:
            choice.kept = True
        if same_meaning(joined()):
            return
        for choice in group:
            choice.kept = False
        if len(group) > 1:
            half = len(group) // 2
            decide(group[:half])
            decide(group[half:])
            return
        choice = group[0]
        smaller = _split(choice.mine, choice.theirs)
        if len(smaller) > 1:
            choice.parts = [_Choice(mine, theirs, False) for mine, theirs in smaller]
            decide(choice.parts)

    undecided = [choice for choice in choices if not choice.kept]
    if undecided:
        decide(undecided)
    lines = joined().splitlines(keepends=True)
    inserts = [(j1, j2) for tag, _, _, j1, j2 in _opcodes(old, lines) if tag == "insert"]
    for start, end in reversed(inserts):
        indent = _indent(lines[start])
        while start > 0 and _is_comment_or_blank(lines[start - 1], indent):
            moved = [*lines[: start - 1], *lines[start:end], lines[start - 1], *lines[end:]]
            if not same_meaning("".join(moved)):
                break
            lines, start, end = moved, start - 1, end - 1
    result = "".join(lines)
    return result if _meaning(result) == target else after


# --- one pledge, opened for a change -------------------------------------------------------------


class PledgeDocument:
    """A pledge file's round-trip data, the operations that record progress in it, and the
    changes made so far, in words."""

    def __init__(self, path: Path, text: str) -> None:
        from ruamel.yaml.error import YAMLError

        self.path = path
        self.before = text
        self.after = text  # set when the `modify_pledge` block ends
        self.written = False
        self.changes: list[str] = []
        # What follows an end-of-document marker (`...` and comments) ruamel drops: it is kept
        # aside and put back after the document.
        self._body, self._trailer = _end_marker_split(text)
        try:
            self.data: CommentedMap = _yaml(_DEFAULT_INDENT).load(_ruamel_readable(self._body))
        except (YAMLError, ValueError) as error:
            message = " ".join(str(error).split())
            raise InvalidData(f"cannot be read for writing: {message}", path) from None
        self.indent = _indentation(self.data, self._body.splitlines())

    def set_status(self, status: str) -> None:
        old = self.data.get("status")
        if old != status:
            self.data["status"] = status
            self.changes.append(f"{old} → {status}")

    def set_due(self, due: dt.date) -> None:
        old = self.data.get("due")
        if old == due:
            return
        day = dt.date(due.year, due.month, due.day)
        self.put("due", day)
        self.changes.append(f"due {old} → {due.isoformat()}" if old else f"due {due.isoformat()}")

    def add_update(
        self,
        date: dt.date,
        *,
        status: str | None = None,
        note: str | None = None,
        links: Sequence[str] = (),
    ) -> None:
        """Add a dated update after those of its date or older, so updates stay oldest first."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        updates = self.data.get("updates")
        existing = updates if isinstance(updates, CommentedSeq) else []
        update = CommentedMap()
        update["date"] = _date_value(date)
        if status is not None:
            update["status"] = status
        if note is not None:
            column = self._column("updates") + self.indent[1]
            update["note"] = _text_value(note, column, "note")
        if links:
            update["links"] = self._list_like(links, [u.get("links") for u in existing])
        self.insert_update(update)
        when = PartialDate(date.year, date.month, date.day, getattr(date, "precision", "day"))
        self.changes.append(f"update {when.isoformat()} added")

    def add_assessment(
        self,
        actor: str,
        score: int,
        *,
        date: dt.date | None = None,
        note: str | None = None,
        links: Sequence[str] = (),
    ) -> None:
        """Add one actor's assessment (-1, 0 or +1) at the end of the pledge's assessments."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        assessments = self.data.get("assessments")
        if not isinstance(assessments, CommentedSeq):
            assessments = CommentedSeq()
            self.put("assessments", assessments)
        existing = [a for a in assessments if isinstance(a, dict)]
        assessment = CommentedMap()
        assessment["actor"] = _scalar(actor)
        assessment["score"] = score
        if date is not None:
            assessment["date"] = _date_value(date)
        if note is not None:
            column = self._column("assessments") + self.indent[1]
            assessment["note"] = _text_value(note, column, "note")
        if links:
            assessment["links"] = self._list_like(links, [a.get("links") for a in existing])
        assessments.append(assessment)
        when = ""
        if date is not None:
            when = f" {date.isoformat() if isinstance(date, PartialDate) else date}"
        self.changes.append(f"assessment{when} by {actor} added ({score:+d})".replace("+0", "0"))

    def insert_update(self, update: CommentedMap) -> None:
        """Put an update after those of its date or older (a tie keeps the older entry first),
        so that updates stay oldest first; the `updates` key is made where the file has none."""
        from ruamel.yaml.comments import CommentedSeq

        updates = self.data.get("updates")
        if not isinstance(updates, CommentedSeq):
            updates = CommentedSeq()
            self.put("updates", updates)
        when = _sort_date(update)
        position = len(updates)
        while position > 0 and _sort_date(updates[position - 1]) > when:
            position -= 1
        updates.insert(position, update)

    def add_link(self, url: str, *, title: str | None = None, kind: str | None = None) -> bool:
        """Add a link; False (and nothing added) when the pledge already has that URL."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        links = self.data.get("links")
        if not isinstance(links, CommentedSeq):
            links = CommentedSeq()
            self.put("links", links)
        for existing in links:
            if isinstance(existing, dict) and str(existing.get("url", "")).strip() == url:
                self.changes.append(f"{url} is already linked: nothing added")
                return False
        link = CommentedMap()
        link["url"] = url
        if title is not None:
            link["title"] = _text_value(title, self._column("links") + self.indent[1], "title")
        if kind is not None:
            link["kind"] = kind
        if links and isinstance(links[-1], CommentedMap) and links[-1].fa.flow_style():
            link.fa.set_flow_style()
        links.append(link)
        self.changes.append(f"link {url} added")
        return True

    def put(self, key: str, value: Any) -> None:
        """Set `key`, placing a new key before the first key that follows it in the documented
        order (`due` before `related`, `updates` before `assessments`), else at the end (as is a
        key outside that order: a merge may carry a declaration's keys, or a misspelt one)."""
        if key in self.data or key not in _KEY_ORDER:
            self.data[key] = value
            return
        later = _KEY_ORDER[_KEY_ORDER.index(key) + 1 :]
        for position, existing in enumerate(self.data):
            if existing in later:
                self.data.insert(position, key, value)
                return
        self.data[key] = value

    def _column(self, key: str) -> int:
        """The column the file writes `key` at (0 for a key it does not have yet)."""
        try:
            return self.data.lc.key(key)[1]
        except KeyError:
            return 0

    def _list_like(self, items: Sequence[str], examples: Sequence[Any]) -> Any:
        """A list written as the file writes its lists of this kind: `[a, b]` unless the last
        example is a block list."""
        from ruamel.yaml.comments import CommentedSeq

        result = CommentedSeq(_scalar(item) for item in items)
        shaped = [e for e in examples if isinstance(e, CommentedSeq) and e]
        if not shaped or shaped[-1].fa.flow_style():
            result.fa.set_flow_style()
        return result

    def render(self) -> str:
        """The document as text, with every line the change does not need kept as it was."""
        emitted = _dump(_yaml(self.indent), self.data)
        return keep_unchanged_lines(self._body, emitted) + self._trailer


_END_MARKER_RE = re.compile(r"^\.\.\.[ \t]*(?:#.*)?$", re.MULTILINE)
_TAB_BEFORE_COMMENT_RE = re.compile(r"[ \t]*\t[ \t]*(?=#)")


def _end_marker_split(text: str) -> tuple[str, str]:
    """`text` as the document before its end marker (`...`) and the rest (the marker and the
    comments after it), where cutting there keeps the meaning; else `text` and nothing."""
    match = _END_MARKER_RE.search(text)
    if match is None:
        return text, ""
    body = text[: match.start()]
    if _meaning(body) != _meaning(text):
        return text, ""
    return body, text[match.start() :]


def _ruamel_readable(text: str) -> str:
    """`text` with each tab before a comment made a space, where that keeps the meaning: YAML
    allows the tab (tracker reads it) but ruamel's scanner refuses it. The lines the change does
    not touch get their tab back (see `keep_unchanged_lines`)."""
    if "\t" not in text:
        return text
    spaced = _TAB_BEFORE_COMMENT_RE.sub(lambda match: " " * len(match.group()), text)
    return spaced if spaced != text and _meaning(spaced) == _meaning(text) else text


def _sort_date(update: Any) -> PartialDate:
    try:
        return parse_partial_date(update.get("date"))
    except (ValueError, AttributeError):
        return PartialDate(1)


def _date_value(date: dt.date) -> Any:
    """A date as a plain ISO scalar: a date for a day (`2024-03-14`), text for a month
    (`2024-03`), a number for a year (`2024`); never quoted, never a timestamp."""
    precision = getattr(date, "precision", "day")
    if precision == "year":
        return date.year
    if precision == "month":
        return f"{date.year:04d}-{date.month:02d}"
    return dt.date(date.year, date.month, date.day)


def _scalar(text: str) -> Any:
    """`text` quoted where tracker's own reads (YAML 1.1, as PyYAML reads) would take it for
    something else (`yes`, `1.5`, `null`, or `?x` in a `[list]`, a mapping to PyYAML); ruamel
    writes YAML 1.2 and would leave it bare."""
    import yaml
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    if not text.isprintable():  # a line break, a tab, a control character: escaped, or YAML
        return DoubleQuotedScalarString(text)  # would fold or drop it (U+0085 is a line break)
    tag = yaml.resolver.Resolver().resolve(yaml.ScalarNode, text, (True, False))
    if tag == "tag:yaml.org,2002:str" and _reads_back_bare(text):
        return text
    return SingleQuotedScalarString(text)


def _reads_back_bare(text: str) -> bool:
    """Does `text`, written bare as a value and as a flow-list item, read back as itself, with
    libyaml and without?"""
    try:
        return all(
            load(f"k: {text}\n") == {"k": text} and load(f"[{text}]") == [text]
            for load in (yamlfile.load, yamlfile.load_without_libyaml)
        )
    except yamlfile.YamlError:
        return False


def _text_value(text: str, column: int, key: str) -> Any:
    """Text as the shipped files write it: on the key's line when it fits, else folded (`>-`)
    to lines of WRAP columns; several lines as a literal block (`|-`)."""
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    if "\n" in text:
        lines = text.split("\n")
        if all(
            line == line.rstrip() and line.isprintable() for line in lines
        ) and not text.startswith(" "):
            return LiteralScalarString(text)
        return _scalar(text)
    if column + len(key) + 2 + len(text) <= WRAP or text != " ".join(text.split()):
        return _scalar(text)
    width = max(WRAP - column - 2, 40)
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    folded = FoldedScalarString(text)
    positions, offset = [], 0
    for line in lines[:-1]:
        offset += len(line)
        positions.append(offset)
        offset += 1
    folded.fold_pos = positions
    return folded


# --- reading, checking and writing one file ------------------------------------------------------


def _refuse_outside(path: Path, root: Path) -> None:
    if not inside(path, root):
        raise WriteRefused(OUTSIDE + ": not written", path)


@contextlib.contextmanager
def _opened(path: Path) -> Iterator[None]:
    try:
        yield
    except FileNotFoundError:
        raise NotFound(f"{path.name} no longer exists", path=path) from None


def read_file(path: Path) -> bytes:
    """A pledge file's bytes, as tracker's reads accept them: a regular file within the size
    limit (see `yamlfile.read`); anything else is refused with the reason."""
    try:
        return yamlfile.read(path)
    except yamlfile.YamlError as error:
        raise InvalidData(error.message, path, error.line) from None
    except FileNotFoundError:
        raise NotFound(f"{path.name} no longer exists", path=path) from None
    except OSError as error:
        raise InvalidData(f"cannot be read: {error.strerror or error}", path) from None


def decode_text(raw: bytes, path: Path) -> str:
    """A file's bytes as text with Unix line ends; bytes that are not UTF-8 are InvalidData."""
    try:
        text = yamlfile.decode(raw)
    except yamlfile.YamlError as error:
        raise InvalidData(error.message, path, error.line) from None
    return text.replace("\r\n", "\n")


def encode_like(text: str, like: bytes) -> bytes:
    """`text` as bytes in the line endings and byte-order mark of the file it replaces."""
    if b"\r\n" in like:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    data = text.encode("utf-8")
    return codecs.BOM_UTF8 + data if like.startswith(codecs.BOM_UTF8) else data


def _write(path: Path, data: bytes, *, exclusive: bool = False) -> None:
    # An OSError (permission, a full disk…) goes to the command line's edge, which names the
    # file and says what to do.
    atomic_write(path, data, exclusive=exclusive)


@contextlib.contextmanager
def modify_pledge(
    path: Path, root: Path | None = None, *, dry_run: bool = False
) -> Iterator[PledgeDocument]:
    """Open one pledge file for a change. Inside the block, change the document; on leaving it,
    the result is checked (`check_bytes`: the very bytes to be written) and, if it is valid and
    differs, replaces the file. The whole read-change-check-write happens under the file's lock.
    A file that is invalid already is refused before anything is changed. With `dry_run`,
    nothing is written; either way the document's `after` and `written` say what came of it.
    """
    if root is not None:
        _refuse_outside(path, root)
    with _opened(path), locked(path):
        raw = read_file(path)
        text = decode_text(raw, path)
        problems = check_pledge_text(path, text)
        if problems:
            first = problems[0]
            raise InvalidData(
                f"{first.message} (fix the file first: nothing written)", path, first.line
            )
        document = PledgeDocument(path, text)
        yield document
        document.after = document.render()
        if document.after == text:
            return
        data = encode_like(document.after, raw)
        problems = check_bytes(path, data, replacing=text)
        if problems:
            raise InvalidData(f"{problems[0].message}: nothing written", path)
        if not dry_run:
            _write(path, data)
            document.written = True


def _change(entry_id: str, document: PledgeDocument) -> Change:
    return Change(
        entry_id,
        document.path,
        document.before,
        document.after,
        tuple(document.changes),
        document.written,
    )


# --- the operations ------------------------------------------------------------------------------


def record_update(
    root: Path,
    pledge: str,
    *,
    status: str | None = None,
    note: str | None = None,
    links: Sequence[str] = (),
    date: dt.date | None = None,
    due: dt.date | None = None,
    today: dt.date | None = None,
    dry_run: bool = False,
) -> Change:
    """Append a dated update to pledge `pledge` (status, note and links; dated today unless
    `date` says otherwise) and set its status; or, with only `due`, set its due date."""
    if date is not None and status is None and note is None and not links:
        raise UsageError("--date dates an update: give --status, --note or --link with it")
    if status is None and note is None and not links and due is None:
        raise UsageError("nothing to record: give --status, --note, --link or --due")
    if due is not None and getattr(due, "precision", "day") != "day":
        raise UsageError(f"a due date must be a full date (YYYY-MM-DD), not {due.isoformat()}")
    _plain_text(note, "--note")
    from .read import resolve

    file = resolve(root, pledge)
    with modify_pledge(file.path, root, dry_run=dry_run) as document:
        if status is not None:
            document.set_status(status)
        if status is not None or note is not None or links:
            day = date or today or dt.date.today()
            unique = list(dict.fromkeys(links))
            document.add_update(day, status=status, note=note, links=unique)
        if due is not None:
            document.set_due(due)
    return _change(file.id, document)


def record_assessment(
    root: Path,
    pledge: str,
    *,
    actor: str,
    score: int,
    note: str | None = None,
    links: Sequence[str] = (),
    date: dt.date | None = None,
    today: dt.date | None = None,
    dry_run: bool = False,
) -> Change:
    """Append one actor's assessment of pledge `pledge` (score -1 not complied, 0 partly,
    +1 complied; dated today unless `date` says otherwise), keeping the rest of its file as it
    is."""
    if score not in (-1, 0, 1):
        raise UsageError(f"a score is -1, 0 or 1, not {score}")
    if not actor.strip():
        raise UsageError("an assessment needs the actor assessed")
    _plain_text(note, "--note")
    _plain_text(actor, "--actor")
    from .read import resolve

    file = resolve(root, pledge)
    with modify_pledge(file.path, root, dry_run=dry_run) as document:
        day = date or today or dt.date.today()
        unique = list(dict.fromkeys(links))
        document.add_assessment(actor.strip(), score, date=day, note=note, links=unique)
    return _change(file.id, document)


def record_link(
    root: Path,
    pledge: str,
    url: str,
    *,
    title: str | None = None,
    kind: str | None = None,
    dry_run: bool = False,
) -> Change:
    """Add a follow-up link to pledge `pledge`; a URL it already has is reported, not added."""
    _plain_text(title, "--title")
    from .read import resolve

    file = resolve(root, pledge)
    with modify_pledge(file.path, root, dry_run=dry_run) as document:
        document.add_link(url, title=title, kind=kind)
    return _change(file.id, document)


def _plain_text(text: str | None, option: str) -> None:
    """Refuse a text with a control character (C0 but tab and line feed, DEL, C1: a carriage
    return, U+0085, an escape sequence) as a usage error naming the option: a file holding one
    would be refused by every read."""
    control = None if text is None else CONTROL_RE.search(text)
    if control is not None:
        raise UsageError(
            f"{option} contains the control character U+{ord(control.group()):04X}: "
            "write plain text"
        )
    # A byte that is not UTF-8 reaches Python as a lone surrogate (U+DC80 to U+DCFF).
    stray = None if text is None else re.search("[\ud800-\udfff]", text)
    if stray is not None:
        raise UsageError(
            f"{option} contains the byte 0x{ord(stray.group()) - 0xDC00:02X}, which is not UTF-8 "
            "text: check the terminal's encoding"
        )


def _new_text(data: CommentedMap) -> str:
    return _dump(_yaml(_DEFAULT_INDENT), data)


def _check_name(pattern: Any, value: str, what: str, example: str) -> None:
    if not pattern.fullmatch(value):
        raise UsageError(f"'{value}' is not a {what} ({example})")


_SLUG_RULE = "lowercase letters and digits joined by single hyphens, as in eu-clasi-2023"
_NUMBER_RULE = "digits and an optional letter, as in 20, 07 or 22a, or a3 in annex A"


def next_number(numbers: Sequence[str]) -> str:
    """The number after the highest of `numbers`, zero-padded as the folder pads them
    (`08` → `09`, `9` → `10`); `01` for a declaration with no pledge yet."""
    numbers = [number for number in numbers if not number[:1].isalpha()]  # not an annex's
    if not numbers:
        return "01"
    highest = max(number_key(number)[1] for number in numbers)
    digits = [number.rstrip("abcdefghijklmnopqrstuvwxyz") for number in numbers]
    padded = [d for d in digits if len(d) > 1 and d.startswith("0")]
    width = max((len(d) for d in padded), default=1)
    return str(highest + 1).zfill(width)


def new_pledge(
    root: Path,
    slug: str,
    title: str,
    *,
    number: str | None = None,
    actors: Sequence[str] = (),
    themes: Sequence[str] = (),
    due: dt.date | None = None,
    status: str = "unassessed",
) -> Created:
    """Create the file of a new pledge of declaration `slug`: number `number`, or the one after
    the folder's highest. Never overwrites a file, nor takes a paragraph another file has."""
    from .read import scan

    _check_name(SLUG_RE, slug, "declaration slug", _SLUG_RULE)
    if number is not None:
        _check_name(NUMBER_RE, number, "pledge number", _NUMBER_RULE)
    folder = root / slug
    if not (folder / DECLARATION_FILE).is_file():
        raise NotFound(
            f"no declaration '{slug}' (start one with: tracker new --declaration {slug} "
            "--title TITLE)"
        )
    if due is not None and getattr(due, "precision", "day") != "day":
        raise UsageError(f"a due date must be a full date (YYYY-MM-DD), not {due.isoformat()}")
    data = {"title": title, "status": status, "actors": actors, "themes": themes, "due": due}
    text = _new_text(_node(data, 0, ""))
    for _attempt in range(1000):  # each lost race means another writer took a number
        taken = {number_key(f.number): f.number for f in scan(root, [slug]).pledges}
        chosen = number or next_number(list(taken.values()))
        if number_key(chosen) in taken:
            existing = taken[number_key(chosen)]
            raise WriteRefused(
                f"paragraph {chosen} of {slug} exists already ({existing}.yaml): not overwritten",
                folder / f"{existing}.yaml",
            )
        path = folder / f"{chosen}.yaml"
        _refuse_outside(path, root)
        problems = check_pledge_text(path, text)
        if problems:
            raise UsageError(f"{problems[0].message}: nothing written")
        try:
            _write(path, text.encode("utf-8"), exclusive=True)
        except FileExists:
            if number is not None:
                raise
            continue  # another writer took this number meanwhile: take the next one
        return Created(pledge_id(slug, chosen), path, text)
    raise WriteRefused(f"could not find a free number in {slug}: nothing written", folder)


def new_declaration(
    root: Path,
    slug: str,
    title: str,
    *,
    date: dt.date | None = None,
    short: str | None = None,
) -> Created:
    """Create the folder of a new declaration and its `declaration.yaml`, all or nothing (see
    `write_declaration`); in a folder that holds pledges but no declaration.yaml, the file alone.
    Never overwrites."""
    _check_name(SLUG_RE, slug, "declaration slug", _SLUG_RULE)
    folder = root / slug
    path = folder / DECLARATION_FILE
    _refuse_outside(folder, root)
    if path.exists() or path.is_symlink():
        raise WriteRefused(f"declaration '{slug}' exists already: not overwritten", path)
    _plain_text(title, "--title")
    _plain_text(short, "--short")
    data = {"title": title, "short": short, "date": date}
    if folder.is_dir() and not folder.is_symlink() and any(folder.iterdir()):
        text = _new_text(_node(data, 0, ""))
        problems = check_bytes(path, text.encode("utf-8"), "declaration")
        if problems:
            raise UsageError(f"{problems[0].message}: nothing written")
        _write(path, text.encode("utf-8"), exclusive=True)
        return Created(slug, path, text)
    [path] = write_declaration(root, slug, data, [])
    return Created(slug, path, path.read_text(encoding="utf-8"))


# --- a whole new declaration at once -------------------------------------------------------------

_STALE_SECONDS = 60  # a temporary folder older than this was left by a writer that was killed
_SYNC_EACH = 64  # files flushed to disk one by one; a larger declaration is flushed at once


def _node(value: Any, column: int, key: str) -> Any:
    """A value of a new file as the shipped files write it: long text folded, lists of names in
    flow style (`[Europol, member states]`), mappings and lists of mappings in block style."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, str):
        return _text_value(value, column, key)
    if isinstance(value, dt.date):
        return _date_value(value)
    if isinstance(value, typing.Mapping):
        mapping = CommentedMap()
        for inner, item in value.items():
            if item is not None and item != [] and item != ():
                mapping[inner] = _node(item, column + 2, inner)
        return mapping
    if isinstance(value, (list, tuple)):
        if all(isinstance(item, str) for item in value):
            sequence = CommentedSeq(_scalar(item) for item in value)
            sequence.fa.set_flow_style()
            return sequence
        return CommentedSeq(_node(item, column + 4, key) for item in value)
    return value


def _remove_stale(root: Path, slug: str) -> None:
    """Remove the temporary folders of `slug` that killed writers left behind."""
    import shutil

    now = time.time()
    for stale in root.glob(f".{slug}.*.new"):
        with contextlib.suppress(OSError):
            if (
                stale.is_dir()
                and not stale.is_symlink()
                and now - stale.stat().st_mtime > _STALE_SECONDS
            ):
                shutil.rmtree(stale)


def write_declaration(
    root: Path,
    slug: str,
    declaration: typing.Mapping[str, Any],
    pledges: Sequence[tuple[str, typing.Mapping[str, Any]]],
) -> list[Path]:
    """Create the folder of a new declaration with its declaration.yaml and pledge files, all of
    them or none: each file is checked as `tracker validate` checks it, the folder is built under
    a temporary name in the data folder and renamed into place in one step. Never overwrites: a
    folder of that name with anything in it is refused (an empty one, left by an older failed
    run, is replaced). A run killed midway leaves only a hidden temporary folder, which the next
    run of the same slug removes."""
    import errno
    import os
    import shutil
    import tempfile

    _check_name(SLUG_RE, slug, "declaration slug", _SLUG_RULE)
    seen: dict[Any, str] = {}
    for number, _ in pledges:
        _check_name(NUMBER_RE, number, "pledge number", _NUMBER_RULE)
        if number_key(number) in seen:
            raise UsageError(f"paragraph {number} is given twice: nothing written")
        seen[number_key(number)] = number
    folder = root / slug
    if not inside(folder, root):
        raise WriteRefused(OUTSIDE + ": nothing written", folder)
    exists = WriteRefused("exists already: nothing written (import into a new slug)", folder)
    if folder.exists() and not folder.is_dir():
        raise WriteRefused(
            "is a file, where the declaration's folder would be: nothing written", folder
        )
    if folder.is_symlink():
        raise exists
    if folder.is_dir() and any(folder.iterdir()):
        raise exists
    files = [(DECLARATION_FILE, _new_text(_node(declaration, 0, "")))]
    files += [(f"{number}.yaml", _new_text(_node(data, 0, ""))) for number, data in pledges]
    for name, text in files:
        path = folder / name
        kind = "declaration" if name == DECLARATION_FILE else "pledge"
        problems = check_bytes(path, text.encode("utf-8"), kind)
        if problems:
            where = f" (line {problems[0].line})" if problems[0].line else ""
            raise InvalidData(f"{problems[0].message}{where}: nothing written", path)
    _remove_stale(root, slug)
    try:
        building = Path(tempfile.mkdtemp(prefix=f".{slug}.", suffix=".new", dir=root))
    except OSError as error:
        raise WriteRefused(f"cannot write in it: {error.strerror}: nothing written", root) from None
    try:
        one_by_one = len(files) <= _SYNC_EACH  # else one sync(2) for all: much faster
        for name, text in files:
            created = os.open(building / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            with os.fdopen(created, "wb") as handle:
                handle.write(text.encode("utf-8"))
                if one_by_one:
                    handle.flush()
                    os.fsync(handle.fileno())
        if not one_by_one:
            os.sync()
        building.chmod(0o777 & ~umask())
        fsync_folder(building)
        try:
            building.rename(folder)  # replaces an empty folder only, in one step
        except OSError as error:
            if error.errno in (errno.ENOTEMPTY, errno.EEXIST, errno.ENOTDIR, errno.EISDIR):
                raise exists from None
            raise
        fsync_folder(root)
    except OSError as error:
        shutil.rmtree(building, ignore_errors=True)
        raise WriteRefused(
            f"cannot write declaration '{slug}': {error.strerror or error}: nothing written", folder
        ) from None
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return [folder / name for name, _ in files]
