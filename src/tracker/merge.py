"""git's merge driver for pledge files: three versions merged on their structure, not their lines.

Lists (updates, links, related, actors, themes, assessments) take what either side added and drop
what either side removed; updates go where their date puts them. A field changed on one side only
takes that side. A field changed differently on both sides is a conflict, left between git's
markers around that field alone, except `status` when the merged updates decide it (the newest
update that carries a status, as `tracker validate` reads them). The result starts from OURS'
round-trip document (write.py's `PledgeDocument`), so that OURS' comments and layout stay; a
version that does not parse is merged as text by `git merge-file`, so that nothing is lost.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InvalidData, TrackerError
from .fsutil import atomic_write
from .model import parse_partial_date
from .store import PledgeDocument, decode_text, encode_like, read_file, yamlfile

if TYPE_CHECKING:
    from collections.abc import Callable

OURS_MARKER = "<<<<<<< ours\n"
SEPARATOR = "=======\n"
THEIRS_MARKER = ">>>>>>> theirs\n"
_MISSING: Any = object()


class Unmergeable(TrackerError):
    """A version that cannot be merged on its structure: it is merged as text instead."""


@dataclass(slots=True)
class Merged:
    """The merged text and the fields left in conflict (empty: a clean merge)."""

    text: str
    conflicts: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What `merge_files` did: the fields in conflict, or why it merged as text."""

    conflicts: tuple[str, ...]
    as_text: str | None = None  # why the structural merge could not be made
    text_conflicts: bool = False


# --- reading the three versions ------------------------------------------------------------------


def _mapping(text: str, side: str) -> dict[str, Any]:
    """A version's plain data (an empty version is an empty mapping: both sides added the file)."""
    try:
        data = yamlfile.load(text)
    except yamlfile.YamlError as error:
        where = f"line {error.line}: " if error.line else ""
        raise Unmergeable(f"{side} cannot be read ({where}{error.message})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise Unmergeable(f"{side} is not a mapping of keys to values")
    return data


def _document(text: str, side: str) -> PledgeDocument:
    try:
        return PledgeDocument(Path(side), text)
    except InvalidData as error:
        raise Unmergeable(f"{side} {error.message}") from None


def _detached(node: Any) -> Any:
    """A copy of a round-trip node from another document without its comments (a comment belongs
    to its own file's layout), keeping the styles of its lists, mappings and strings."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap):
        mapping = CommentedMap((key, _detached(value)) for key, value in node.items())
        if node.fa.flow_style():
            mapping.fa.set_flow_style()
        return mapping
    if isinstance(node, CommentedSeq):
        sequence = CommentedSeq(_detached(item) for item in node)
        if node.fa.flow_style():
            sequence.fa.set_flow_style()
        return sequence
    return node


# --- the merge -----------------------------------------------------------------------------------


def _url(item: Any) -> str | None:
    return item.get("url") if isinstance(item, dict) and isinstance(item.get("url"), str) else None


def _merge_list(
    base: Any,
    ours: list[Any],
    theirs: list[Any],
    node: Any,
    their_node: Any,
    insert: Callable[[Any], None],
) -> None:
    """Into `node` (OURS' list): drop what THEIRS removed from BASE, add what THEIRS added that
    OURS lacks. A link THEIRS rewrote replaces OURS' in place; a link both sides have with
    different details keeps OURS'."""
    base = base if isinstance(base, list) else []
    removed = [item for item in base if item not in theirs]
    added = [(index, item) for index, item in enumerate(theirs) if item not in base]
    mine = list(ours)
    for index in reversed(range(len(mine))):
        item = mine[index]
        if item not in removed:
            continue
        replacement = next(
            ((j, new) for j, new in added if _url(item) and _url(new) == _url(item)), None
        )
        if replacement is not None:
            node[index] = _detached(their_node[replacement[0]])
            mine[index] = replacement[1]
            added.remove(replacement)
        else:
            del node[index]
            del mine[index]
    urls = {_url(item) for item in mine} - {None}
    for index, item in added:
        if item in mine or (_url(item) is not None and _url(item) in urls):
            continue
        insert(_detached(their_node[index]))
        mine.append(item)
        urls.add(_url(item))


def _merge_mapping(
    base: dict[str, Any],
    ours: dict[str, Any],
    theirs: dict[str, Any],
    node: Any,
    their_node: Any,
    put: Callable[[str, Any], None],
    insert_update: Callable[[Any], None] | None = None,
    skip: tuple[str, ...] = (),
) -> list[str]:
    """Merge THEIRS' changes into `node` (OURS' mapping) key by key; the keys left in conflict
    (OURS' value kept for them)."""
    conflicts = []
    for key in [*ours, *(key for key in theirs if key not in ours)]:
        if key in skip:
            continue
        was = base.get(key, _MISSING)
        mine = ours.get(key, _MISSING)
        yours = theirs.get(key, _MISSING)
        if mine == yours or was == yours:
            continue  # OURS stands
        # Lists and mappings are merged into OURS' own node, even when THEIRS alone changed
        # them, so that the comments and blank lines inside them stay.
        if isinstance(mine, list) and isinstance(yours, list):
            insert = insert_update if key == "updates" and insert_update else node[key].append
            _merge_list(was, mine, yours, node[key], their_node[key], insert)
        elif isinstance(mine, dict) and isinstance(yours, dict):
            was = was if isinstance(was, dict) else {}
            trial = _detached(node[key])  # tried on a copy: a conflict leaves OURS' as it was
            if _merge_mapping(was, mine, yours, trial, their_node[key], trial.__setitem__):
                conflicts.append(key)
            else:
                inner = node[key]
                _merge_mapping(was, mine, yours, inner, their_node[key], inner.__setitem__)
        elif was == mine:  # THEIRS alone changed it
            if yours is _MISSING:
                del node[key]
            else:
                put(key, _detached(their_node[key]))
                _carry_comment(node, their_node, key)
        else:
            conflicts.append(key)
    return conflicts


def newest_status(updates: Any) -> str | None:
    """The status of the newest updates that carry one, when they agree: what decides the
    top-level status (None when no update carries one, or the newest disagree)."""
    dated = []
    for update in updates if isinstance(updates, list) else []:
        if isinstance(update, dict) and isinstance(update.get("status"), str):
            try:
                dated.append((parse_partial_date(update.get("date")), update["status"]))
            except ValueError:
                return None
    if not dated:
        return None
    newest = max(date for date, _ in dated)
    statuses = {status for date, status in dated if date == newest}
    return statuses.pop() if len(statuses) == 1 else None


def merge_texts(base: str, ours: str, theirs: str) -> Merged:
    """BASE, OURS and THEIRS merged on their structure, as OURS' text with THEIRS' changes in it.
    Raises Unmergeable when a version cannot be read."""
    if ours == theirs or base == theirs:
        return Merged(ours)
    if base == ours:
        return Merged(theirs)
    was = _mapping(base, "base")
    mine = _mapping(ours, "ours")
    yours = _mapping(theirs, "theirs")
    document = _document(ours, "ours")
    their_document = _document(theirs, "theirs")
    conflicts = _merge_mapping(
        was,
        mine,
        yours,
        document.data,
        their_document.data,
        document.put,
        document.insert_update,
        skip=("status",),
    )
    status = _merge_status(was, mine, yours, document, their_document)
    if status is not None:
        conflicts.append(status)
    only_theirs = {key for key in conflicts if key not in mine}
    for key in only_theirs:  # placed where the documented order puts it, to be marked there
        document.put(key, _detached(their_document.data[key]))
    text = document.render()
    lost = _lost_comment(base, ours, theirs, text)
    if lost is not None:  # a comment the structure cannot carry: merged as text instead
        raise Unmergeable(f"a comment could not be placed ({lost})")
    if conflicts:
        text = _with_markers(text, theirs, conflicts, only_theirs)
    return Merged(text, conflicts)


def _comments(text: str) -> Counter[str]:
    """The comments of a text, each as written after its `#` (a `#` that starts a line's text or
    follows a space or a tab; one inside a quoted value may be counted too, which only makes the
    check below stricter)."""
    found: Counter[str] = Counter()
    for line in text.splitlines():
        stripped = line.lstrip(" \t")
        if stripped.startswith("#"):
            found[stripped.rstrip()] += 1
            continue
        for position in range(1, len(line)):
            if line[position] == "#" and line[position - 1] in " \t":
                found[line[position:].rstrip()] += 1
                break
    return found


def _lost_comment(base: str, ours: str, theirs: str, merged: str) -> str | None:
    """A comment that either side keeps or adds and the merged text lacks, if there is one:
    OURS' comments, less those THEIRS removed from BASE, and those THEIRS added."""
    was, mine, yours = _comments(base), _comments(ours), _comments(theirs)
    wanted = (mine - (was - yours)) + (yours - was)
    missing = wanted - _comments(merged)
    return next(iter(missing), None)


def _merge_status(
    base: dict[str, Any],
    ours: dict[str, Any],
    theirs: dict[str, Any],
    document: PledgeDocument,
    their_document: PledgeDocument,
) -> str | None:
    """Set the merged status: one side's change, or what the merged updates decide. Returns
    "status" when it is in conflict (OURS' kept)."""
    was, mine, yours = (side.get("status", _MISSING) for side in (base, ours, theirs))
    if mine == yours or was == yours:
        result = mine
    elif was == mine:
        result = yours
    else:
        result = None  # changed differently on both sides
    decided = newest_status(document.data.get("updates"))
    if decided is not None and decided in (mine, yours):
        result = decided
    if result is None:
        return "status"
    if result is _MISSING:
        document.data.pop("status", None)
    elif result != mine:
        document.put("status", _detached(their_document.data["status"]))
        _carry_comment(document.data, their_document.data, "status")
    return None


def _carry_comment(node: Any, their_node: Any, key: str) -> None:
    """THEIRS' comment at the end of `key`'s line (`status: done  # checked by Luis`), moved
    with the value THEIRS gave the key, when it is that one line's alone."""
    comments = getattr(their_node, "ca", None)
    entry = comments.items.get(key) if comments is not None else None
    token = entry[2] if entry and len(entry) > 2 else None
    if token is None or token.value.strip().count("\n") or not hasattr(node, "ca"):
        return
    if node.ca.items.get(key):  # OURS has its own comment there: it stays (THEIRS' then has no
        return  # place, and the check in merge_texts merges the file as text)
    import copy

    node.ca.items[key] = [None, None, copy.copy(token), None]


# --- conflict markers ----------------------------------------------------------------------------


def key_lines(text: str, key: str) -> tuple[int, int] | None:
    """The lines (0-based, end exclusive) a top-level key and its value take in `text`, without
    the blank lines and comments after it; None if the text has no such key."""
    import yaml

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if not isinstance(node, yaml.MappingNode):
        return None
    lines = text.splitlines()
    for key_node, value_node in node.value:
        if key_node.value != key:
            continue
        start = key_node.start_mark.line
        mark = value_node.end_mark
        end = mark.line + (1 if mark.column > 0 else 0)
        while end > start + 1 and (
            not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")
        ):
            end -= 1
        return start, max(end, start + 1)
    return None


def _with_markers(merged: str, theirs: str, keys: list[str], only_theirs: set[str]) -> str:
    """`merged` with each conflicting key's lines between git's markers: OURS' lines, then
    THEIRS' as THEIRS writes them. A side without the key has no lines between its markers
    (`only_theirs`: keys that `merged` holds only to mark their place)."""
    lines = _ended(merged.splitlines(keepends=True))
    their_lines = _ended(theirs.splitlines(keepends=True))
    blocks = []
    for key in keys:
        start, end = key_lines(merged, key) or (len(lines), len(lines))
        theirs_span = key_lines(theirs, key)
        theirs_block = their_lines[slice(*theirs_span)] if theirs_span else []
        ours_block = [] if key in only_theirs else lines[start:end]
        blocks.append((start, end, [OURS_MARKER, *ours_block, SEPARATOR, *theirs_block]))
    for start, end, block in sorted(blocks, key=lambda block: -block[0]):
        lines[start:end] = [*block, THEIRS_MARKER]
    return "".join(lines)


def _ended(lines: list[str]) -> list[str]:
    """Every line ending in a line break, the last one too (a marker must start a line)."""
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return lines


# --- the driver ----------------------------------------------------------------------------------


def merge_files(base: Path, ours: Path, theirs: Path) -> Outcome:
    """git's merge driver (`%O %A %B`): merge the three files and write the result into `ours`,
    in one step. A version that cannot be merged on its structure is merged by `git merge-file`
    instead."""
    # Each version must be a regular file within the size limit, read without blocking: a named
    # pipe given here would hang the merge (and `git merge-file` after it).
    raws = [read_file(path) for path in (base, ours, theirs)]
    raw = raws[1]
    try:
        texts = [
            decode_text(data, path) for data, path in zip(raws, (base, ours, theirs), strict=True)
        ]
        merged = merge_texts(*texts)
        if not merged.conflicts:
            yamlfile.load(merged.text)  # what tracker could not read back is merged as text
    except (Unmergeable, InvalidData, yamlfile.YamlError) as error:
        return Outcome((), error.message, _as_text(base, ours, theirs))
    if merged.text != texts[1]:
        atomic_write(ours, encode_like(merged.text, raw))
    return Outcome(tuple(merged.conflicts))


def _as_text(base: Path, ours: Path, theirs: Path) -> bool:
    """`git merge-file` on the three files (it writes into `ours`): True if it left conflicts."""
    from .history import run_git

    run_git(
        ours.parent,
        "merge-file",
        "-L",
        "ours",
        "-L",
        "base",
        "-L",
        "theirs",
        "--",
        str(ours.absolute()),
        str(base.absolute()),
        str(theirs.absolute()),
        codes=range(128),
    )
    try:
        merged = read_file(ours).decode("utf-8", "replace")
    except TrackerError:  # what git left cannot be read back: let git see a conflict
        return True
    return yamlfile.conflict_marker_line(merged) is not None
