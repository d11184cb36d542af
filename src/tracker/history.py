"""What git knows about the pledges: one pledge's history, and what moved between two revisions.

git is used through its command line only (no shell, arguments as a list). Versions of a file are
read with one `git cat-file --batch` and parsed as every read parses a pledge (yamlfile and the
schema, through `store.pledge_from_text`), never from the text of a diff; a version that cannot
be read is reported as such.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from .errors import NotFound, TrackerError, UsageError
from .model import (
    CLOSED_STATUSES,
    DECLARATION_FILE,
    NUMBER_PATTERN,
    SLUG_PATTERN,
    Assessment,
    Link,
    Pledge,
    Update,
    natural_key,
    parse_iso_date,
    pledge_id,
)

T = TypeVar("T")
_PLEDGE_PATH = re.compile(rf"({SLUG_PATTERN})/({NUMBER_PATTERN})\.yaml")
_FIELDS = "\x1f"
_RECORD = "\x1e"


class GitError(TrackerError):
    """git is missing, the data is not in a git repository, or git refused a command."""


# --- running git ---------------------------------------------------------------------------------


def run_git(
    folder: Path, *args: str, input: bytes | None = None, codes: Sequence[int] = (0,)
) -> bytes:
    """The output of `git -C folder ARGS…`; an exit status not in `codes` is one GitError line."""
    try:
        result = subprocess.run(
            ["git", "-C", str(folder), *args],
            input=input,
            capture_output=True,
            # git's messages in English, whatever the user's locale: they are matched below.
            env={**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"},
        )
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH): this command needs it") from None
    if result.returncode not in codes:
        message = result.stderr.decode("utf-8", "replace").strip()
        if "not a git repository" in message:
            raise GitError(f"{folder} is not in a git repository: this command reads git's history")
        first = message.splitlines()[0] if message else f"exit status {result.returncode}"
        raise GitError(f"git {args[0]}: {first.removeprefix('fatal: ')}")
    return result.stdout


@dataclass(frozen=True, slots=True)
class Repository:
    """The git repository around a data root, and where the root lies in it."""

    top: Path
    prefix: str  # the data root relative to `top`, with a trailing slash ('' at the top itself)

    @classmethod
    def of(cls, root: Path) -> Repository:
        out = run_git(root, "rev-parse", "--show-toplevel", "--show-prefix").decode("utf-8")
        top, _, prefix = out.rstrip("\n").partition("\n")
        return cls(Path(top), prefix)

    def git(self, *args: str, input: bytes | None = None, codes: Sequence[int] = (0,)) -> bytes:
        return run_git(self.top, *args, input=input, codes=codes)

    def is_shallow(self) -> bool:
        """Is this a shallow clone? Its oldest commits then look as if they added every file."""
        return self.git("rev-parse", "--is-shallow-repository").strip() == b"true"

    @property
    def pathspec(self) -> str:
        return self.prefix or "."

    def relative(self, path: str) -> str | None:
        """A repository path as a path below the data root, or None for one outside it."""
        return path[len(self.prefix) :] if path.startswith(self.prefix) else None

    def read(self, wanted: Iterable[tuple[str, str]]) -> dict[tuple[str, str], bytes | None]:
        """The content of each `(revision, path below the data root)`, None where the revision
        has no such file: one `git cat-file --batch` for all of them."""
        keys = list(dict.fromkeys(wanted))
        if not keys:
            return {}
        from .store.yamlfile import MAX_BYTES

        names = [f"{rev}:{self.prefix}{path}\n" for rev, path in keys]
        # Sizes first: a blob larger than tracker reads is never read (a 68 MB blob in the
        # history must not take the machine's memory).
        found: dict[tuple[str, str], bytes | None] = {}
        sizes = self.git("cat-file", "--batch-check", input="".join(names).encode()).splitlines()
        small: list[tuple[str, str]] = []
        for key, line in zip(keys, sizes, strict=True):
            header = line.split()
            if len(header) == 3 and header[1] == b"blob" and int(header[2]) > MAX_BYTES:
                found[key] = OversizedBlob(int(header[2]))
            else:
                small.append(key)
        keys = small
        request = "".join(f"{rev}:{self.prefix}{path}\n" for rev, path in keys).encode("utf-8")
        out = self.git("cat-file", "--batch", input=request) if keys else b""
        position = 0
        for key in keys:
            end = out.index(b"\n", position)
            header = out[position:end].split()
            position = end + 1
            if len(header) != 3 or header[1] != b"blob":
                found[key] = None  # `missing`, or not a file
                if len(header) == 3:
                    position += int(header[2]) + 1
                continue
            size = int(header[2])
            found[key] = out[position : position + size]
            position += size + 1
        return found


# --- versions of a pledge, and what changed between two ------------------------------------------


@dataclass(frozen=True, slots=True)
class Version:
    """A pledge file as one revision holds it: the pledge, or why it cannot be read."""

    path: str  # below the data root: `eu-clasi-2023/20.yaml`
    pledge: Pledge | None
    problem: str | None = None


class OversizedBlob(bytes):
    """Stands for a stored file larger than tracker reads, which was not read: its size."""

    def __new__(cls, size: int) -> OversizedBlob:
        made = super().__new__(cls)
        made.size = size
        return made

    size: int


def parse_version(path: str, data: bytes) -> Version:
    """Parse one stored version as `tracker validate` would parse the file."""
    from .store import pledge_from_text, yamlfile

    if isinstance(data, OversizedBlob):
        try:
            yamlfile.check_size(data.size)
        except yamlfile.YamlError as error:
            return Version(path, None, error.message)
    try:
        text = yamlfile.decode(data)
    except yamlfile.YamlError as error:
        return Version(path, None, _where(error.line, error.message))
    pledge, problems = pledge_from_text(Path(path), text)
    if pledge is None:
        first = problems[0]
        return Version(path, None, _where(first.line, first.message))
    return Version(path, pledge)


def id_of(path: str) -> str:
    """The id of the pledge at `path` below the data root (`eu-clasi-2023/20.yaml`)."""
    match = _PLEDGE_PATH.fullmatch(path)
    return pledge_id(*match.groups()) if match else path


def _where(line: int | None, message: str) -> str:
    return f"line {line}: {message}" if line else message


@dataclass(frozen=True, slots=True)
class Delta:
    """What changed in one pledge between two versions, in tracker's terms."""

    file: str  # added | removed | renamed | changed | unchanged
    path: str  # below the data root; the old path for a removed file
    renamed_from: str | None = None
    status: tuple[str | None, str | None] | None = None  # (from, to); None: no move
    updates: tuple[Update, ...] = ()  # updates added
    links: tuple[Link, ...] = ()  # links added
    assessments: tuple[Assessment, ...] = ()  # assessments added
    due: tuple[dt.date | None, dt.date | None] | None = None  # (from, to); None: unchanged
    edited: tuple[str, ...] = ()  # other fields that changed
    unreadable: tuple[tuple[str, str], ...] = ()  # (before|after, why it cannot be read)


def compare(before: Version | None, after: Version | None) -> Delta:
    """The change from `before` to `after` (None: the file does not exist there)."""
    if before is None and after is None:
        raise ValueError("nothing to compare")
    path = after.path if after is not None else before.path  # type: ignore[union-attr]
    if before is None:
        file = "added"
    elif after is None:
        file = "removed"
    elif before.path != after.path:
        file = "renamed"
    else:
        file = "changed"
    renamed_from = before.path if file == "renamed" and before is not None else None
    unreadable = tuple(
        (side, version.problem or "cannot be read")
        for side, version in (("before", before), ("after", after))
        if version is not None and version.pledge is None
    )
    if unreadable:  # nothing can be said of a move from or to a version that cannot be read
        return Delta(file, path, renamed_from, unreadable=unreadable)
    old = before.pledge if before is not None else None
    new = after.pledge if after is not None else None
    if old is None:
        assert new is not None
        return Delta(
            file,
            path,
            renamed_from,
            status=(None, new.status),
            updates=new.updates,
            links=new.links,
            assessments=new.assessments,
            due=(None, new.due) if new.due else None,
        )
    if new is None:
        return Delta(file, path, renamed_from, status=(old.status, None))
    added_updates = _added(old.updates, new.updates)
    assessments = _added(old.assessments, new.assessments)
    known = {link.url for link in old.links}
    edited = tuple(
        name
        for name in Pledge.__dataclass_fields__
        if name not in ("status", "updates", "links", "due", "assessments")
        and getattr(old, name) != getattr(new, name)
    )
    if len(old.assessments) + len(assessments) != len(new.assessments):
        edited += ("assessments",)  # one removed or rewritten: an edit, not an addition
    if set(old.links) - set(new.links) - {link for link in new.links if link.url in known}:
        edited += ("links",)  # a link removed or rewritten: an edit, not an addition
    return Delta(
        file,
        path,
        renamed_from,
        status=(old.status, new.status) if old.status != new.status else None,
        updates=tuple(added_updates),
        links=tuple(link for link in new.links if link.url not in known),
        assessments=tuple(assessments),
        due=(old.due, new.due) if old.due != new.due else None,
        edited=edited,
    )


def _added(old: Sequence[T], new: Sequence[T]) -> list[T]:
    """The items of `new` that `old` does not have (as many times as `new` has them more)."""
    left = list(old)
    added = []
    for item in new:
        if item in left:
            left.remove(item)
        else:
            added.append(item)
    return added


def same_pledge(before: Version | None, after: Version | None) -> bool:
    """Are two versions at different paths one pledge moved? git's rename detection goes by
    similar text, and two short pledge files are alike; a title that changed with the move says
    they are two pledges. Versions that cannot be read are taken as git found them."""
    if before is None or after is None or before.path == after.path:
        return True
    if before.pledge is None or after.pledge is None:
        return True
    return before.pledge.title == after.pledge.title


# --- one pledge's history ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Commit:
    sha: str
    date: dt.datetime  # the author's date, with its offset
    author: str
    subject: str


@dataclass(frozen=True, slots=True)
class Revision:
    """One commit that touched a pledge's file, and what it changed."""

    commit: Commit
    delta: Delta


@dataclass(frozen=True, slots=True)
class History:
    id: str
    path: str  # below the data root, as the file is named now
    revisions: list[Revision]  # newest first
    shallow: bool = False  # a shallow clone: the oldest revision may not be where the file began


def pledge_history(root: Path, text: str) -> History:
    """Every commit that touched the file of pledge `text` (an id as other commands take it),
    following renames, newest first, with what each changed. A pledge whose file is gone is
    found by its full id, if git knows the file."""
    from .store import resolve

    repository = Repository.of(root)
    try:
        file = resolve(root, text)
        the_id, path = file.id, f"{file.declaration}/{file.path.name}"
    except NotFound:
        head, _, number = text.strip().lower().rpartition("-")
        path = f"{head}/{number}.yaml"
        if not _PLEDGE_PATH.fullmatch(path) or not _known_to_git(repository, path):
            raise
        the_id = pledge_id(head, number)
    out = repository.git(
        "log",
        "--follow",
        "-M",
        "--diff-merges=first-parent",
        "--name-status",
        "-z",
        f"--format={_RECORD}%H{_FIELDS}%aI{_FIELDS}%an{_FIELDS}%s",
        "--",
        repository.prefix + path,
    ).decode("utf-8", "replace")
    steps: list[tuple[Commit, str, str | None, str | None]] = []  # commit, status, old, new
    current = path
    for record in out.split(_RECORD)[1:]:
        header, _, rest = record.partition("\0")
        sha, date, author, subject = header.split(_FIELDS, 3)
        commit = Commit(sha, dt.datetime.fromisoformat(date), author, subject)
        names = [name for name in rest.lstrip("\n").split("\0") if name]
        kind = names[0][:1] if names else "M"
        paths = [repository.relative(name) or name for name in names[1:]]
        new = paths[-1] if paths else current
        old = paths[0] if kind == "R" and len(paths) == 2 else new
        steps.append((commit, kind, None if kind == "A" else old, None if kind == "D" else new))
        current = old
    contents = repository.read(
        [(commit.sha, new) for commit, _, _, new in steps if new]
        + [(f"{commit.sha}^", old) for commit, _, old, _ in steps if old]
    )
    parsed: dict[tuple[str, bytes], Version] = {}  # each version is parsed once

    def version(rev: str, name: str | None) -> Version | None:
        data = contents.get((rev, name)) if name else None
        if name is None or data is None:
            return None
        if (name, data) not in parsed:
            parsed[name, data] = parse_version(name, data)
        return parsed[name, data]

    revisions = []
    for commit, _, old_name, new_name in steps:
        before, after = version(f"{commit.sha}^", old_name), version(commit.sha, new_name)
        if before is None and after is None:
            continue
        if not same_pledge(before, after):  # git took a new pledge for an old one moved
            revisions.append(Revision(commit, compare(None, after)))
            break
        revisions.append(Revision(commit, compare(before, after)))
    return History(the_id, path, revisions, repository.is_shallow())


def _known_to_git(repository: Repository, path: str) -> bool:
    out = repository.git("log", "-1", "--format=%H", "--", repository.prefix + path)
    return bool(out.strip())


# --- what moved between two revisions ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Point:
    """One end of a comparison: what the user gave, the commit it names and that commit's date;
    `sha` None stands for "before the first commit"."""

    given: str
    sha: str | None
    date: dt.datetime | None
    day: dt.date  # the day overdue pledges are counted from: the date given, or the commit's


@dataclass(frozen=True, slots=True)
class PledgeMoves:
    """One pledge between the two points: what changed in its file (`unchanged` for a pledge
    listed only because it fell due), and its due date when it fell due in between and is still
    open."""

    id: str
    declaration: str
    title: str | None
    delta: Delta
    overdue_since: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Changes:
    since: Point
    until: Point
    pledges: list[PledgeMoves]  # in natural id order
    labels: dict[str, str] = field(default_factory=dict)  # declaration slug → its label
    shallow: bool = False  # a shallow clone: what it did not fetch shows as added

    def by_declaration(self) -> list[tuple[str, str, list[PledgeMoves]]]:
        """`(slug, label, pledges)` per declaration, in slug order."""
        groups: dict[str, list[PledgeMoves]] = {}
        for moves in self.pledges:
            groups.setdefault(moves.declaration, []).append(moves)
        return [(slug, self.labels.get(slug, slug), groups[slug]) for slug in sorted(groups)]

    def within(self, ids: Collection[str], declarations: Collection[str] = ()) -> Changes:
        """Only the pledges with these ids, and all of these declarations' (a removed pledge
        has no id left to be named by): what a narrowed report shows."""
        kept = [m for m in self.pledges if m.id in ids or m.declaration in declarations]
        return replace(self, pledges=kept)

    def counts(self) -> dict[str, int]:
        deltas = [m.delta for m in self.pledges]
        return {
            "added": sum(d.file == "added" for d in deltas),
            "removed": sum(d.file == "removed" for d in deltas),
            "status_moves": sum(d.status is not None and None not in d.status for d in deltas),
            "updates_added": sum(len(d.updates) for d in deltas),
            "links_added": sum(len(d.links) for d in deltas),
            "assessments_added": sum(len(d.assessments) for d in deltas),
            "became_overdue": sum(m.overdue_since is not None for m in self.pledges),
        }


# The years git's date parser reads (`--before=2100-01-01` is not read, and matches nothing).
GIT_YEARS = (1970, 2099)


def resolve_point(
    repository: Repository, text: str, option: str, *, end: bool, start_from: str = "HEAD"
) -> Point:
    """The commit `text` names. A text that reads as a date is a date: the last commit (on
    `start_from`) before that day, or with `end`, before the day after it (a month or a year:
    its first day, or with `end` its last); anything else is a git revision."""
    from .dates import parse_human_date

    try:
        date = parse_human_date(text)
    except ValueError:
        date = None
    if date is not None:
        if not GIT_YEARS[0] <= date.year <= GIT_YEARS[1]:
            raise UsageError(
                f"{option}: git reads dates from {GIT_YEARS[0]} to {GIT_YEARS[1]}, not {text}"
            )
        day = date.last_day if end else dt.date(date.year, date.month, date.day)
        cutoff = day + dt.timedelta(days=1) if end else day
        before = [f"--before={cutoff.isoformat()}T00:00:00"] if cutoff.year <= GIT_YEARS[1] else []
        found = repository.git("log", "-1", "--format=%H", *before, start_from, "--").decode()
        sha = found.strip() or None
        commit_date = _commit_date(repository, sha) if sha else None
        return Point(text, sha, commit_date, day)
    out = repository.git(
        "rev-parse", "--verify", "--quiet", "--end-of-options", f"{text}^{{commit}}", codes=(0, 1)
    )
    sha = out.decode().strip()
    if not sha:
        raise UsageError(f"{option}: '{text}' is neither a git revision nor a date")
    commit_date = _commit_date(repository, sha)
    return Point(text, sha, commit_date, commit_date.date())


def _commit_date(repository: Repository, sha: str) -> dt.datetime:
    out = repository.git("log", "-1", "--format=%cI", sha, "--").decode().strip()
    return dt.datetime.fromisoformat(out)


def changes(root: Path, since: str, until: str | None = None) -> Changes:
    """What moved in the pledges under `root` from revision `since` to `until` (default HEAD):
    pledges added, removed and renamed, status moves, updates and links added, and pledges whose
    due date fell between the two points and that are still open. Reads only the files that
    changed, and those that may have fallen due."""
    repository = Repository.of(root)
    end = resolve_point(repository, until or "HEAD", "--until", end=True)
    if end.sha is None:
        raise UsageError(f"--until: no commit before {until}")
    start = resolve_point(repository, since, "--since", end=False, start_from=end.sha)
    old = start.sha or _empty_tree(repository)
    out = repository.git(
        "diff", "--name-status", "-z", "-M", old, end.sha, "--", repository.pathspec
    ).decode("utf-8", "replace")
    moved: list[tuple[str | None, str | None]] = []  # (path before, path after)
    slugs: set[str] = set()
    fields = out.split("\0")
    index = 0
    while index < len(fields) - 1:
        kind = fields[index][:1]
        count = 2 if kind == "R" else 1
        paths = [repository.relative(p) for p in fields[index + 1 : index + 1 + count]]
        index += 1 + count
        pledges = [p if p and _PLEDGE_PATH.fullmatch(p) else None for p in paths]
        if kind == "R":
            before, after = pledges
        elif kind == "A":
            before, after = None, pledges[0]
        elif kind == "D":
            before, after = pledges[0], None
        else:
            before = after = pledges[0]
        if before or after:
            moved.append((before, after))
            slugs.update(p.split("/")[0] for p in (before, after) if p)
    due_soon = _may_have_fallen_due(repository, end.sha, start.day, end.day)
    changed_after = {after for _, after in moved if after}
    due_soon -= changed_after
    slugs.update(p.split("/")[0] for p in due_soon)
    declarations = [f"{slug}/{DECLARATION_FILE}" for slug in sorted(slugs)]
    wanted = [(old, b) for b, _ in moved if b] + [(end.sha, a) for _, a in moved if a]
    wanted += [(end.sha, p) for p in sorted(due_soon)]
    wanted += [(end.sha, p) for p in declarations] + [(old, p) for p in declarations]
    contents = repository.read(wanted)

    def version(rev: str, path: str | None) -> Version | None:
        data = contents.get((rev, path)) if path else None
        return parse_version(path, data) if data is not None and path else None

    found: list[PledgeMoves] = []
    for before, after in moved:
        old_version, new_version = version(old, before), version(end.sha, after)
        pairs = [(old_version, new_version)]
        if not same_pledge(old_version, new_version):  # git took one for the other
            pairs = [(old_version, None), (None, new_version)]
        for pair in pairs:
            if pair == (None, None):
                continue
            delta = compare(*pair)
            if delta.file == "changed" and delta == Delta("changed", delta.path):
                continue  # a change of layout or comments only: nothing moved
            found.append(_moves(delta, pair[1] or pair[0], start.day, end.day))
    for path in sorted(due_soon):
        moves = _moves(Delta("unchanged", path), version(end.sha, path), start.day, end.day)
        if moves.overdue_since is not None:
            found.append(moves)
    found.sort(key=lambda moves: natural_key(moves.id))
    labels = {
        slug: _label(contents.get((end.sha, f"{slug}/{DECLARATION_FILE}")))
        or _label(contents.get((old, f"{slug}/{DECLARATION_FILE}")))
        or slug
        for slug in slugs
    }
    return Changes(start, end, found, labels, repository.is_shallow())


def _moves(delta: Delta, version: Version | None, start: dt.date, end: dt.date) -> PledgeMoves:
    """A pledge's moves, with its due date if it fell due in [start, end) and is still open."""
    slug, number = _PLEDGE_PATH.fullmatch(delta.path).groups()  # type: ignore[union-attr]
    pledge = version.pledge if version is not None else None
    overdue = None
    if (
        pledge is not None
        and pledge.due is not None
        and pledge.status not in CLOSED_STATUSES
        and delta.file != "removed"
        and start <= pledge.due < end
    ):
        overdue = pledge.due
    title = pledge.title if pledge is not None else None
    return PledgeMoves(pledge_id(slug, number), slug, title, delta, overdue)


def _may_have_fallen_due(
    repository: Repository, rev: str, start: dt.date, end: dt.date
) -> set[str]:
    """The pledge files at `rev` whose top-level `due:` may lie in [start, end): found with one
    `git grep`, to be confirmed by parsing. A value that is not a plain date keeps its file in."""
    out = repository.git(
        "grep",
        "-z",
        "-I",
        "-E",
        "-e",
        r"^due[[:space:]]*:",
        rev,
        "--",
        repository.pathspec,
        codes=(0, 1),  # 1: nothing found
    )
    found: set[str] = set()
    for line in out.decode("utf-8", "replace").split("\n"):
        name, _, text = line.partition("\0")
        path = repository.relative(name.removeprefix(f"{rev}:"))
        if path is None or not _PLEDGE_PATH.fullmatch(path):
            continue
        value = text.partition(":")[2].split("#")[0].strip().strip("'\"")
        try:
            due = parse_iso_date(value)
        except ValueError:
            found.add(path)
            continue
        if start <= due < end:
            found.add(path)
    return found


def _empty_tree(repository: Repository) -> str:
    return repository.git("hash-object", "-t", "tree", "--stdin", input=b"").decode().strip()


def _label(data: bytes | None) -> str | None:
    """A declaration's short label, read leniently: it only names a group."""
    from .store import yamlfile

    if data is None:
        return None
    try:
        content = yamlfile.load(yamlfile.decode(data))
    except yamlfile.YamlError:
        return None
    short = content.get("short") if isinstance(content, dict) else None
    return short if isinstance(short, str) and short.strip() else None
