"""Finding the data root, and reading declarations and pledges from it.

Reading is the fast path: the folder layout alone gives every pledge's id (no file is opened to
resolve an id), files are parsed with libyaml, and a broken file becomes Problems while every other
pledge still loads.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import yamlfile
from .errors import InvalidData, NotFound, RootNotFound
from .fsutil import inside
from .model import (
    DECLARATION_FILE,
    NUMBER_RE,
    SLUG_RE,
    Declaration,
    DeclarationEntry,
    Pledge,
    PledgeEntry,
    Problem,
    natural_key,
    number_key,
    pledge_id,
    type_name,
)

DATA_FOLDER = "commitments"
ROOT_ENV = "TRACKER_ROOT"

# --- the root ---------------------------------------------------------------------------------


def find_root(explicit: str | os.PathLike[str] | None = None, start: Path | None = None) -> Path:
    """The `commitments/` folder to work on.

    `explicit` (from `--root` or `TRACKER_ROOT`) may name the folder itself or the folder that
    holds it; otherwise the nearest `commitments/` at or above `start` (the working directory).
    """
    if explicit:
        path = Path(explicit).expanduser().absolute()
        if (path / DATA_FOLDER).is_dir():
            return path / DATA_FOLDER
        if path.is_dir():
            return path
        raise RootNotFound(f"no such folder: {path}")
    here = (start or Path.cwd()).absolute()
    for folder in (here, *here.parents):
        if folder.name == DATA_FOLDER and folder.is_dir():
            return folder
        if (folder / DATA_FOLDER).is_dir():
            return folder / DATA_FOLDER
    raise RootNotFound(
        f"no {DATA_FOLDER}/ folder in {here} or above it "
        f"(use --root PATH or set {ROOT_ENV}; `tracker init` creates one)"
    )


# --- the layout -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PledgeFile:
    """A pledge file found in the layout, not yet read."""

    id: str
    declaration: str
    number: str
    path: Path


@dataclass(slots=True)
class Layout:
    """What the folders hold, from names alone."""

    root: Path
    declarations: dict[str, Path] = field(default_factory=dict)  # slug → its declaration.yaml
    pledges: list[PledgeFile] = field(default_factory=list)  # in natural id order
    problems: list[Problem] = field(default_factory=list)


def _error(path: Path, code: str, message: str, line: int | None = None) -> Problem:
    return Problem(path, line, "error", code, message)


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    with os.scandir(folder) as iterator:
        return sorted((e for e in iterator if not e.name.startswith(".")), key=lambda e: e.name)


def scan(root: Path, slugs: Iterable[str] | None = None) -> Layout:
    """Walk `root` by names only: declaration folders, pledge files, and what is misnamed.

    With `slugs`, only those declaration folders are walked.
    """
    layout = Layout(root)
    wanted = set(slugs) if slugs is not None else None
    for entry in _entries(root):
        path = root / entry.name
        if entry.is_symlink() and not inside(path, root):
            layout.problems.append(
                _error(path, "symlink", "symbolic link to outside the data folder: not read")
            )
            continue
        if not entry.is_dir():
            if entry.name.endswith((".yaml", ".yml")):
                layout.problems.append(
                    _error(path, "file-name", "pledge files belong in a declaration folder")
                )
            continue
        if wanted is not None and entry.name not in wanted:
            continue
        if not SLUG_RE.fullmatch(entry.name):
            layout.problems.append(
                _error(
                    path,
                    "slug",
                    f"'{entry.name}' is not a declaration slug "
                    "(lowercase letters and digits joined by single hyphens): not read",
                )
            )
            continue
        _scan_declaration(layout, entry.name, path)
    layout.pledges.sort(key=lambda p: natural_key(p.id))
    return layout


def _scan_declaration(layout: Layout, slug: str, folder: Path) -> None:
    numbers: dict[tuple[int, str], str] = {}
    for entry in _entries(folder):
        path = folder / entry.name
        if entry.is_symlink() and not inside(path, layout.root):
            layout.problems.append(
                _error(path, "symlink", "symbolic link to outside the data folder: not read")
            )
            continue
        if not entry.name.endswith((".yaml", ".yml")) or entry.is_dir():
            continue
        if entry.name == DECLARATION_FILE:
            layout.declarations[slug] = path
            continue
        stem, _, suffix = entry.name.rpartition(".")
        if suffix != "yaml" or not NUMBER_RE.fullmatch(stem):
            layout.problems.append(
                _error(
                    path,
                    "file-name",
                    f"'{entry.name}' is not a pledge file name "
                    "(<number>.yaml: digits and an optional letter, as in 20.yaml or 22a.yaml)",
                )
            )
            continue
        key = number_key(stem)
        if key in numbers:
            layout.problems.append(
                _error(
                    path,
                    "duplicate-number",
                    f"paragraph {stem} is also in {numbers[key]}.yaml: keep one file a paragraph",
                )
            )
        numbers.setdefault(key, stem)
        layout.pledges.append(PledgeFile(pledge_id(slug, stem), slug, stem, path))
    if slug not in layout.declarations:
        layout.problems.append(
            _error(folder, "missing-declaration", f"no {DECLARATION_FILE} in this folder")
        )


# --- reading one file -------------------------------------------------------------------------


def _schema_problems(path: Path, text: str, errors: list) -> list[Problem]:  # type: ignore[type-arg]
    return [
        _error(path, e.code, e.message, yamlfile.line_of(text, e.location, key=e.at_key))
        for e in errors
    ]


_REQUIRED = {"pledge": "'title' and 'status'", "declaration": "'title'"}


def _parse(path: Path, kind: str) -> tuple[str, dict | None, list[Problem]]:  # type: ignore[type-arg]
    """Read and parse one file to a mapping, or say why it cannot be."""
    try:
        text = yamlfile.decode(path.read_bytes())
    except yamlfile.YamlError as error:
        return "", None, [_error(path, error.code, error.message, error.line)]
    except OSError as error:
        return "", None, [_error(path, "unreadable", f"cannot be read: {error.strerror}")]
    return _parse_text(path, text, kind)


def _parse_text(path: Path, text: str, kind: str) -> tuple[str, dict | None, list[Problem]]:  # type: ignore[type-arg]
    try:
        data = yamlfile.load(text)
    except yamlfile.YamlError as error:
        return text, None, [_error(path, error.code, error.message, error.line)]
    if data is None:
        message = f"the file is empty: a {kind} needs at least {_REQUIRED[kind]}"
        return text, None, [_error(path, "empty", message, 1)]
    if not isinstance(data, dict):
        message = f"a {kind} file must be a mapping of keys to values, not {type_name(data)}"
        return text, None, [_error(path, "not-mapping", message, 1)]
    return text, data, []


def read_pledge(file: PledgeFile) -> tuple[PledgeEntry | None, list[Problem]]:
    """One pledge file: the entry, or None and the problems that make it unusable."""
    text, data, problems = _parse(file.path, "pledge")
    if data is None:
        return None, problems
    pledge, problems = _validated_pledge(file.path, text, data)
    if pledge is None:
        return None, problems
    return PledgeEntry(file.id, file.declaration, file.number, file.path, pledge), []


def pledge_from_text(path: Path, text: str) -> tuple[Pledge | None, list[Problem]]:
    """What `text` would be as the content of pledge file `path`: the pledge, or None and the
    problems that make it unusable (lines are lines of `text`). For checking a write before it
    is made."""
    text, data, problems = _parse_text(path, text, "pledge")
    if data is None:
        return None, problems
    return _validated_pledge(path, text, data)


def _validated_pledge(path: Path, text: str, data: dict) -> tuple[Pledge | None, list[Problem]]:  # type: ignore[type-arg]
    from . import schema

    result = schema.validate(Pledge, data)
    if isinstance(result, list):
        return None, _schema_problems(path, text, result)
    return result, []


def read_declaration(slug: str, path: Path) -> tuple[DeclarationEntry | None, list[Problem]]:
    text, data, problems = _parse(path, "declaration")
    if data is None:
        return None, problems
    from . import schema

    result = schema.validate(Declaration, data)
    if isinstance(result, list):
        return None, _schema_problems(path, text, result)
    return DeclarationEntry(slug, path, result), []


# --- reading everything -----------------------------------------------------------------------


@dataclass(slots=True)
class Catalog:
    """Every declaration and pledge that could be read, and the problems of those that could not."""

    root: Path
    declarations: dict[str, DeclarationEntry]
    pledges: list[PledgeEntry]
    problems: list[Problem]
    layout: Layout

    def pledge(self, pledge_id: str) -> PledgeEntry | None:
        return next((p for p in self.pledges if p.id == pledge_id), None)

    def label(self, slug: str) -> str:
        entry = self.declarations.get(slug)
        return entry.label if entry else slug


def load(root: Path, slugs: Iterable[str] | None = None) -> Catalog:
    """Read every declaration and pledge under `root` (or those of `slugs`)."""
    layout = scan(root, slugs)
    problems = list(layout.problems)
    declarations: dict[str, DeclarationEntry] = {}
    for slug, path in layout.declarations.items():
        entry, found = read_declaration(slug, path)
        problems.extend(found)
        if entry is not None:
            declarations[slug] = entry
    pledges: list[PledgeEntry] = []
    for file in layout.pledges:
        pledge, found = read_pledge(file)
        problems.extend(found)
        if pledge is not None:
            pledges.append(pledge)
    return Catalog(root, declarations, pledges, problems, layout)


# --- finding one pledge by id -----------------------------------------------------------------


def resolve(root: Path, text: str) -> PledgeFile:
    """The pledge file an id names, from the layout alone (no pledge file is parsed).

    Accepts the full id (`eu-clasi-2023-20`), the same with the number written differently
    (`eu-western-balkans-2018-1` for `-01`), or a unique end of one (`clasi-2023-20`, `20`).
    """
    wanted = text.strip().lower().removesuffix(".yaml")
    head, _, number = wanted.rpartition("-")
    folder_named = bool(head) and SLUG_RE.fullmatch(head) and (root / head).is_dir()
    files = scan(root, [head] if folder_named else None).pledges
    if not any(f.id == wanted for f in files) and folder_named:
        files = scan(root).pledges  # the folder exists but not the pledge: look everywhere
    for file in files:
        if file.id == wanted:
            return file
    candidates = [f for f in files if _same_pledge(f, head, number)]
    in_folder = [f for f in candidates if f.declaration == head]
    if len(in_folder) == 1:
        return in_folder[0]
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        names = ", ".join(f.id for f in candidates[:8])
        raise NotFound(
            f"'{text}' matches {len(candidates)} pledges: {names}", [f.id for f in candidates]
        )
    close = suggest(wanted, files)
    hint = f" (did you mean {' or '.join(close)}?)" if close else ""
    raise NotFound(f"no pledge '{text}'{hint}", close)


def suggest(typed: str, files: Iterable[PledgeFile], n: int = 3) -> list[str]:
    """The ids a mistyped one most likely meant, best first: the same paragraph number in a
    declaration whose slug contains the rest (`balkans-9` → `eu-western-balkans-2018-09`), then
    ids that contain what was typed, then ids that look like it; ties in natural order."""
    import difflib

    typed = typed.strip().lower()
    head, _, number = typed.rpartition("-")
    numbered = NUMBER_RE.fullmatch(number) is not None
    scored = []
    for file in files:
        ratio = difflib.SequenceMatcher(None, typed, file.id).ratio()
        if numbered and head in file.declaration and number_key(number) == number_key(file.number):
            tier = 0
        elif typed in file.id:
            tier = 1
        elif ratio >= 0.6:
            tier = 2
        else:
            continue
        scored.append((tier, -ratio, natural_key(file.id), file.id))
    return [pledge_id for *_, pledge_id in sorted(scored)[:n]]


def _same_pledge(file: PledgeFile, head: str, number: str) -> bool:
    """Does `<head>-<number>` name `file`: the same paragraph of a declaration whose slug is
    `head` or ends with it?"""
    if not NUMBER_RE.fullmatch(number) or number_key(number) != number_key(file.number):
        return False
    return not head or file.declaration == head or file.declaration.endswith("-" + head)


def load_pledge(root: Path, text: str) -> PledgeEntry:
    """The pledge an id names, reading only its file; raises if it cannot be used."""
    file = resolve(root, text)
    entry, problems = read_pledge(file)
    if entry is None:
        first = problems[0]
        raise InvalidData(first.message, first.path, first.line)
    return entry


def resolve_related(root: Path, ids: Iterable[str]) -> dict[str, PledgeEntry | None]:
    """The pledges that `ids` name, reading only their files (None for one that cannot be used)."""
    found: dict[str, PledgeEntry | None] = {}
    for other in ids:
        try:
            found[other] = load_pledge(root, other)
        except (NotFound, InvalidData):
            found[other] = None
    return found
