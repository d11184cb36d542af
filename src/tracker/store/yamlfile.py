"""Reading YAML files safely and fast, and finding the line a value stands on.

Reads use PyYAML's libyaml-backed loader when it is there (the pure-Python one otherwise), build
only plain data (mappings, lists, text, numbers, booleans: never Python objects), keep dates as
the text they were written as (so `2023-02-30` is a validation error, not a crash), and refuse
what PyYAML would silently accept: a key given twice, aliases (the "billion laughs" bomb), and
git merge-conflict markers. Files are read only if they are regular files of at most `MAX_BYTES`
(a named pipe would block, a huge file would take the machine's memory).

Most files take a fast path: libyaml composes the node tree and a small builder turns it into
data. Anything unusual (a parse error, a tag, an alias, a repeated key) goes through PyYAML's own
constructor instead, so both paths give the same data and the same errors.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import yaml

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
HAS_LIBYAML = _BaseLoader is not yaml.SafeLoader
# libyaml's parser, or where PyYAML has none, `object` (every file then takes the careful path).
_CParser: Any = getattr(getattr(yaml, "cyaml", None), "CParser", object)


class YamlError(Exception):
    """A file that is not the YAML we accept; `line` is 1-based where the parser knows it."""

    def __init__(self, message: str, line: int | None = None, code: str = "yaml") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.code = code


# The largest file tracker reads. A pledge file is one or two KiB (the largest shipped one is under
# 2 KiB), and years of monthly updates stay far below this; yet the most costly file of this size
# a stranger could write (ten thousand invalid links) is still read and explained in a third of a
# second.
MAX_BYTES = 128 * 1024


def read(path: Path) -> bytes:
    """The bytes of file `path`: only a regular file (a named pipe would block the reader, a
    folder has no text), and only up to MAX_BYTES, checked before reading and while reading.

    Raises YamlError for what is not a file tracker reads, OSError when it cannot be read.
    """
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise YamlError("is a folder, not a file: not read", None, "not-a-file")
        if not stat.S_ISREG(info.st_mode):
            raise YamlError(
                "is not a regular file (a named pipe, socket or device): not read",
                None,
                "not-a-file",
            )
        check_size(info.st_size)
        data = b""
        while True:  # a file that grows while it is read is still held to the limit
            chunk = os.read(descriptor, min(info.st_size, MAX_BYTES) + 1)
            if not chunk:
                return data
            data += chunk
            check_size(len(data))
    finally:
        os.close(descriptor)


def check_size(size: int) -> None:
    """Raise YamlError if a file of `size` bytes is larger than tracker reads."""
    if size > MAX_BYTES:
        raise YamlError(
            f"the file is {size:,} bytes, more than the {MAX_BYTES // 1024} KiB tracker reads "
            "(a pledge file is a few KiB): not read",
            None,
            "too-large",
        )


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that rejects duplicate keys and keeps dates as text."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # A value that its tag cannot make (`!!int x`, an integer of 5,000 digits, a malformed
        # `!!timestamp`) raises Python's own errors: make them YAML errors at the value's line.
        try:
            return super().construct_object(node, deep=deep)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, AttributeError, OverflowError, IndexError) as error:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            reason = "not a value of this kind"
            if isinstance(error, ValueError | OverflowError):
                reason = str(error).split(";")[0].strip() or reason
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot be read as {tag}: {reason}", node.start_mark
            ) from None

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise yaml.constructor.ConstructorError(
                    None, None, "merge keys (<<) are not supported", key_node.start_mark
                )
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node)
            if key in seen:
                raise _DuplicateKey(key, key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


class _DuplicateKey(yaml.YAMLError):
    def __init__(self, key: Any, mark: yaml.Mark) -> None:
        super().__init__(f"key '{key}' is given twice")
        self.problem_mark = mark


class _AliasFreeLoader(_Loader):
    """The same, also refusing aliases: a few lines of `&a [*b, *b, …]` can expand to gigabytes."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "YAML anchors and aliases (&name, *name) are not supported",
                node.start_mark,
            )
        return super().construct_object(node, deep=deep)


def _without_timestamps(resolvers: dict[Any, list[Any]]) -> dict[Any, list[Any]]:
    return {
        first: [pair for pair in pairs if pair[0] != "tag:yaml.org,2002:timestamp"]
        for first, pairs in resolvers.items()
    }


_Loader.yaml_implicit_resolvers = _without_timestamps(_BaseLoader.yaml_implicit_resolvers)

_CONFLICT_RE = re.compile(r"^(<{7}|\|{7}|={7}|>{7})(?: |$)", re.MULTILINE)
_TOP_KEY_RE = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)")


def decode(data: bytes) -> str:
    """UTF-8 text (a byte-order mark is accepted); other bytes are an error naming the line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise YamlError(
            f"not UTF-8 text: byte 0x{data[error.start]:02x} cannot be decoded",
            line,
            "encoding",
        ) from None


def conflict_marker_line(text: str) -> int | None:
    """The line of the first git merge-conflict marker in `text`, if there is one."""
    if "<<<<<<<" not in text and ">>>>>>>" not in text and "=======" not in text:
        return None
    match = _CONFLICT_RE.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_NULL = "tag:yaml.org,2002:null"
_SCALAR_BUILDERS = {
    "tag:yaml.org,2002:int": yaml.constructor.SafeConstructor.construct_yaml_int,
    "tag:yaml.org,2002:float": yaml.constructor.SafeConstructor.construct_yaml_float,
    "tag:yaml.org,2002:bool": yaml.constructor.SafeConstructor.construct_yaml_bool,
}
_SCALARS = yaml.constructor.SafeConstructor()  # its scalar methods need an instance, no state


class _Unusual(Exception):
    """Something the fast path leaves to PyYAML's constructor."""


class _Composer(_CParser):
    """libyaml's composer with the resolver of `_Loader`, minus the bookkeeping for path
    resolvers (none are registered)."""

    _first: ClassVar[dict[Any, tuple[Any, ...]]] = {
        first: tuple(pairs) for first, pairs in _Loader.yaml_implicit_resolvers.items()
    }

    # Plain scalars repeat (keys, statuses, themes, dates): their tags are remembered.
    _known: ClassVar[dict[str, str]] = {}

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: Any) -> str:
        if kind is not yaml.ScalarNode:
            return _SEQ if kind is yaml.SequenceNode else _MAP
        if not implicit[0]:
            return _STR
        tag = self._known.get(value)  # type: ignore[arg-type]
        if tag is not None:
            return tag
        tag = _STR
        for candidate, regexp in self._first.get(value[:1], ()):  # type: ignore[index]
            if regexp.match(value):
                tag = candidate
                break
        if len(value) <= 40:  # type: ignore[arg-type]
            if len(self._known) > 50_000:
                self._known.clear()
            self._known[value] = tag  # type: ignore[index]
        return tag

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


class _Untagged(_Composer):
    """The composer for finding lines: node kinds and key text are all it needs, not tags."""

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: Any) -> str:
        return ""


def _compose_untagged(text: str) -> yaml.Node | None:
    composer = _Untagged(text)
    try:
        return composer.get_single_node()
    finally:
        composer.dispose()


def _build(node: yaml.Node) -> Any:
    """Plain data from a composed node, as SafeConstructor builds it; raises _Unusual for what
    it does not handle."""
    tag = node.tag
    if tag == _STR:
        return node.value
    if tag == _MAP:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not yaml.ScalarNode:
                raise _Unusual
            key = _build(key_node)
            if key in result:
                raise _Unusual
            result[key] = _build(value_node)
        return result
    if tag == _SEQ:
        return [_build(item) for item in node.value]
    if tag == _NULL:
        return None
    builder = _SCALAR_BUILDERS.get(tag)
    if builder is None:
        raise _Unusual
    return builder(_SCALARS, node)  # type: ignore[arg-type]


def _fast_load(text: str) -> Any:
    """The data of `text`, or raises _Unusual (or a YAML error) for the careful path to redo."""
    composer = _Composer(text)
    try:
        node = composer.get_single_node()
    finally:
        composer.dispose()
    return None if node is None else _build(node)


def _conflict_message(text: str, line: int) -> str:
    """What a conflict starting at `line` is about: the top-level keys between its markers (as
    `tracker merge-file` leaves them, around one field), where it names any."""
    keys: list[str] = []
    lines = text.splitlines()
    if lines[line - 1].startswith("<<<<<<<"):
        for following in lines[line:]:
            if following.startswith(">>>>>>>"):
                break
            match = _TOP_KEY_RE.match(following)
            if match and match.group(1) not in keys:
                keys.append(match.group(1))
    if not keys:
        return "git merge-conflict marker: resolve the conflict, then remove the markers"
    named = f"{' and '.join(keys)} {'differs' if len(keys) == 1 else 'differ'}"
    return (
        f"git merge-conflict marker: {named} between the two sides; "
        "choose one and remove the markers"
    )


def load(text: str) -> Any:
    """Parse one YAML document of plain data; raises YamlError with a line number."""
    line = conflict_marker_line(text)
    if line is not None:
        raise YamlError(_conflict_message(text, line), line, "conflict-marker")
    if HAS_LIBYAML and "*" not in text:  # no "*", no alias: nothing can expand
        try:
            return _fast_load(text)
        except Exception:  # whatever it is, the careful path says it in our words
            pass
    return _careful_load(text)


def _careful_load(text: str) -> Any:
    """PyYAML's own construction, with our checks and our error messages."""
    loader_class = _AliasFreeLoader if "*" in text else _Loader
    loader = loader_class(text)
    try:
        return loader.get_single_data()
    except _DuplicateKey as error:
        raise YamlError(str(error), error.problem_mark.line + 1, "duplicate-key") from None
    except yaml.constructor.ConstructorError as error:
        mark = error.problem_mark
        message = error.problem or "cannot be read"
        code = "yaml"
        if message.startswith("could not determine a constructor for the tag"):
            tag = message.rsplit(" ", 1)[-1].strip("'").replace("tag:yaml.org,2002:", "!!")
            message, code = f"unknown tag {tag}: tags are not allowed", "yaml-tag"
        elif "alias" in message:
            code = "yaml-alias"
        elif message == "found unhashable key":
            message = "a key that is a list or a mapping: keys are names, such as 'title'"
        raise YamlError(_one_line(message), mark.line + 1 if mark else None, code) from None
    except yaml.MarkedYAMLError as error:
        message, line = _syntax_error(text, error)
        raise YamlError(message, line, "yaml") from None
    except yaml.reader.ReaderError as error:
        # libyaml counts the position in characters of the text it was given
        line = text.count("\n", 0, max(error.position, 0)) + 1
        message = f"a control character (U+{error.character:04X}) cannot be written in YAML text"
        raise YamlError(message, line, "yaml") from None
    except yaml.YAMLError as error:
        raise YamlError(_one_line(f"invalid YAML: {error}"), None, "yaml") from None
    except RecursionError:
        raise YamlError("nested too deeply", None, "yaml") from None
    finally:
        loader.dispose()


class _PureLoader(yaml.SafeLoader):
    """PyYAML's pure-Python loader, dates kept as text: what reads the files where libyaml is
    missing."""


_PureLoader.yaml_implicit_resolvers = _without_timestamps(yaml.SafeLoader.yaml_implicit_resolvers)


def load_without_libyaml(text: str) -> Any:
    """The data of `text` as PyYAML's pure-Python loader reads it (a file tracker writes must
    read alike with and without libyaml); raises YamlError."""
    loader = _PureLoader(text)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        message, line = _syntax_error(text, error)
        raise YamlError(message, line, "yaml") from None
    except (yaml.YAMLError, RecursionError) as error:
        raise YamlError(_one_line(str(error)), None, "yaml") from None
    finally:
        loader.dispose()


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _syntax_error(text: str, error: yaml.MarkedYAMLError) -> tuple[str, int | None]:
    """What a parser error means, in words a person editing the file can act on, and its line."""
    mark = error.problem_mark or error.context_mark
    problem = error.problem or "invalid YAML"
    context = error.context or ""
    line = mark.line + 1 if mark else None
    lines = text.splitlines()
    written = lines[mark.line] if mark and mark.line < len(lines) else ""
    if mark and "\t" in written[: mark.column + 1]:
        return "a tab character: YAML needs spaces here", line
    if "quoted scalar" in context and "end of stream" in problem and error.context_mark:
        start = error.context_mark.line + 1
        return "a quote that is never closed: the quoted text starts here", start
    if problem == "but found another document":
        return "a second YAML document (after '---'): a file holds one", line
    if problem == "mapping values are not allowed in this context":
        return (
            "a ': ' where no key can start: check this line's indentation, "
            "or quote a value that contains ': '",
            line,
        )
    if context and context not in problem:
        problem = f"{problem} ({context})"
    return _one_line(problem), line


def line_of(text: str, location: Sequence[str | int], *, key: bool = False) -> int | None:
    """The 1-based line where the value at `location` (keys and list indexes) is written, or with
    `key=True` the line of its key (for "unknown key" messages).

    A location that cannot be walked to its end (a missing key, an index past the end) points at
    the last node reached. Composes the file once more, so call it only for files with problems;
    for several locations in one file, use a Locator.
    """
    return Locator(text).line(location, key=key)


class Locator:
    """Finds the lines of values in one text, composing it at most once for any number of
    look-ups (a file with a thousand problems must not be parsed a thousand times), and not at
    all for a top-level key whose value stands on its own line, which a scan finds."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._composed = False
        self._node: yaml.Node | None = None
        self._parsed = False

    def _compose(self) -> None:
        self._composed = True
        try:
            self._node = (
                _compose_untagged(self._text)
                if HAS_LIBYAML
                else yaml.compose(self._text, Loader=_BaseLoader)
            )
            self._parsed = True
        except (yaml.YAMLError, RecursionError):
            self._node, self._parsed = None, False

    def _top_level(self, name: str, key: bool) -> int | None:
        """The line of top-level key `name` when a scan can tell for sure: in a block mapping a
        top-level key starts its line at column 0, and nothing else can (a block scalar's or a
        multi-line flow scalar's lines are indented there). Only one such line may match, and for
        the value's line the value must follow on it; otherwise None, and the text is composed."""
        first = next(
            (line for line in self._text.splitlines() if line.strip() and line[0] != "#"), ""
        )
        if first[:1] in ("{", "[", "-", "%") or first.startswith("---"):
            return None  # a flow or unusual document: leave it to the parser
        pattern = rf"^{re.escape(name)}[ \t]*:(?:[ \t]+([^#\s])|[ \t]*(?:#.*)?$)"
        matches = list(re.finditer(pattern, self._text, re.MULTILINE))
        if len(matches) != 1 or (not key and matches[0].group(1) is None):
            return None
        return self._text.count("\n", 0, matches[0].start()) + 1

    def line(self, location: Sequence[str | int], *, key: bool = False) -> int | None:
        """See `line_of`."""
        if len(location) == 1 and isinstance(location[0], str):
            found = self._top_level(location[0], key)
            if found is not None:
                return found
        if not self._composed:
            self._compose()
        node = self._node
        if node is None:
            return 1 if self._parsed else None
        last = len(location) - 1
        for index, step in enumerate(location):
            found = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    # a key that is not text (`1: x`) is located by how it is written
                    if key_node.value == step or (
                        not isinstance(step, str) and key_node.value == str(step)
                    ):
                        found = key_node if key and index == last else value_node
                        break
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(step, int)
                and 0 <= step < len(node.value)
            ):
                found = node.value[step]
            if found is None:
                break
            node = found
        return node.start_mark.line + 1
