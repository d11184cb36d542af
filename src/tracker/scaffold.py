"""What `tracker init` sets up in a repository: an example data folder and, on request, a CI
workflow and git's merge driver for pledge files. Nothing that exists is ever overwritten: if any
file init would write is already there, it writes none; a file that others write too
(`.gitattributes`) gets init's line added where it lacks it.

Each part is a function that returns the files it needs, joined in `plan`.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import UsageError
from .fsutil import WriteRefused, atomic_write
from .store import DATA_FOLDER

EXAMPLE_SLUG = "example"
WORKFLOW = Path(".github/workflows/tracker.yml")
GITATTRIBUTES = Path(".gitattributes")
MERGE_ATTRIBUTE = f"{DATA_FOLDER}/**/*.yaml merge=tracker"
MERGE_DRIVER_CONFIG = (
    ("merge.tracker.name", "tracker: merge pledge files on their structure"),
    ("merge.tracker.driver", "tracker merge-file %O %A %B --path %P"),
)
PACKAGE = "pledge-tracker"  # the distribution name in pyproject.toml
CI_KINDS = ("github",)

# A pip requirement, URL or path: no spaces, quotes, `$` (GitHub expressions) or shell syntax.
_INSTALL_SPEC = re.compile(r"[A-Za-z0-9./~][A-Za-z0-9._+\-:/@#=~%?&!,\[\]<>]*")


@dataclass(frozen=True, slots=True)
class NewFile:
    path: Path  # relative to the base folder
    content: bytes
    shared: bool = False  # a file others write too: its lines are added where it lacks them


def find_base(start: Path) -> tuple[Path, bool]:
    """The top of the git repository holding `start` and True, or `start` itself and False."""
    start = start.absolute()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():  # a folder, or a file in worktrees and submodules
            return folder, True
    return start, False


def _template(name: str) -> str:
    return resources.files("tracker").joinpath("templates", "init", name).read_text("utf-8")


def example_data() -> list[NewFile]:
    """commitments/example/: a declaration and one pledge that validate cleanly."""
    folder = Path(DATA_FOLDER) / EXAMPLE_SLUG
    return [
        NewFile(folder / "declaration.yaml", _template("declaration.yaml").encode("utf-8")),
        NewFile(folder / "01.yaml", _template("pledge.yaml").encode("utf-8")),
    ]


@dataclass(frozen=True, slots=True)
class InstallSource:
    """What a CI workflow installs tracker from (a pip requirement or URL), and why that."""

    spec: str
    reason: str


def install_source(base: Path) -> InstallSource | None:
    """Where a workflow in the repository at `base` can install tracker from, on a fresh runner:

    - `.` when `base` holds tracker's own source (its pyproject.toml names the package): the
      checkout itself;
    - else the source the running tracker was installed from, as pip recorded it (PEP 610's
      direct_url.json): a git URL at its commit, or, for a local checkout, the address of its
      git remote at the checkout's commit;
    - else, for a tracker installed from a package index, that package at this version.

    None when none is known (a local copy without a remote): the caller must be told.
    """
    pyproject = base / "pyproject.toml"
    if pyproject.is_file() and re.search(
        rf'^name\s*=\s*"{re.escape(PACKAGE)}"', pyproject.read_text("utf-8", "replace"), re.M
    ):
        return InstallSource(".", "this repository is tracker's own source")
    import json
    from importlib import metadata

    try:
        dist = metadata.distribution(PACKAGE)
    except metadata.PackageNotFoundError:
        return None
    recorded = dist.read_text("direct_url.json")
    if recorded is None:
        return InstallSource(f"{PACKAGE}=={dist.version}", "the package this tracker came from")
    direct = json.loads(recorded)
    url = direct.get("url", "")
    vcs = direct.get("vcs_info")
    if vcs and vcs.get("vcs") == "git" and vcs.get("commit_id"):
        return InstallSource(f"git+{url}@{vcs['commit_id']}", "the git commit of this tracker")
    if url.startswith("file://"):
        return _checkout_remote(Path(url.removeprefix("file://")))
    return InstallSource(url, "the address this tracker was installed from") if url else None


def _checkout_remote(folder: Path) -> InstallSource | None:
    """`git+REMOTE@COMMIT` for the git checkout at `folder`, if it has a remote that a runner
    can reach (https or ssh)."""
    from .errors import TrackerError
    from .history import run_git

    try:
        remote = run_git(folder, "remote", "get-url", "origin").decode().strip()
        commit = run_git(folder, "rev-parse", "HEAD").decode().strip()
    except TrackerError:
        return None
    if re.match(r"https://", remote):
        spec = f"git+{remote}@{commit}"
    elif match := re.fullmatch(r"(?:ssh://)?git@([^:/]+)[:/](.+)", remote):
        spec = f"git+ssh://git@{match[1]}/{match[2]}@{commit}"
    else:
        return None
    return InstallSource(spec, "the git remote and commit of this tracker's checkout")


def github_workflow(install: str = PACKAGE, pages: bool = False) -> list[NewFile]:
    """A GitHub Actions workflow that installs tracker (`install` is what pip installs: the
    package name or a `git+https://…` URL), validates with annotations and adds the Markdown
    report to the job summary; with `pages`, a second job publishes the site to GitHub Pages."""
    if not _INSTALL_SPEC.fullmatch(install):
        raise UsageError(
            f"cannot install from '{install}': give a package name or a URL without spaces, "
            "quotes or '$'"
        )
    text = _template("github-workflow.yml")
    if pages:
        text += _template("github-pages-job.yml")
    text = text.replace("@INSTALL@", shlex.quote(install))
    return [NewFile(WORKFLOW, text.encode("utf-8"))]


def merge_driver() -> list[NewFile]:
    """`.gitattributes` naming tracker's merge driver for the pledge files; the driver itself is
    git configuration (`MERGE_DRIVER_CONFIG`), which a clone does not carry."""
    return [NewFile(GITATTRIBUTES, f"{MERGE_ATTRIBUTE}\n".encode(), shared=True)]


def git_config_commands() -> list[str]:
    """The commands that configure the merge driver, as a person types them."""
    return [shlex.join(["git", "config", key, value]) for key, value in MERGE_DRIVER_CONFIG]


def configure_merge_driver(base: Path) -> None:
    """Set the merge driver in the repository's own configuration (`.git/config`)."""
    from .history import run_git

    for key, value in MERGE_DRIVER_CONFIG:
        run_git(base, "config", "--local", key, value)


def plan(
    example: bool = True,
    ci: str | None = None,
    install: str = PACKAGE,
    merge: bool = False,
    pages: bool = False,
) -> list[NewFile]:
    """The files init writes, relative to the base folder."""
    files = example_data() if example else []
    if ci == "github":
        files += github_workflow(install, pages)
    if merge:
        files += merge_driver()
    if files:
        files.append(NewFile(GITIGNORE, IGNORED.encode(), shared=True))
    return files


GITIGNORE = Path(".gitignore")
# The temporary files of writes that were killed (a writer removes those over a minute old in the
# folder it writes to): never to be committed.
IGNORED = "commitments/**/.*.tmp\n"


def in_the_way(base: Path, files: list[NewFile]) -> list[Path]:
    """What already exists where init would write (relative paths), other than what init itself
    wrote (the same bytes), as an interrupted init leaves it: a rerun completes that. The data
    folder counts as a whole: an example must not land among real declarations."""
    found: list[Path] = []
    data = {f.path: f.content for f in files if f.path.parts[0] == DATA_FOLDER}
    if data and (base / DATA_FOLDER).exists() and not _only_example(base, data):
        found.append(Path(DATA_FOLDER))
    for file in files:
        target = base / file.path
        if file.shared or file.path.parts[0] == DATA_FOLDER:
            continue
        if (target.exists() or target.is_symlink()) and not _holds(target, file.content):
            found.append(file.path)
    return found


def _holds(target: Path, content: bytes) -> bool:
    """Is `target` a regular file (not a link) holding exactly `content`?"""
    try:
        return not target.is_symlink() and target.is_file() and target.read_bytes() == content
    except OSError:
        return False


def _only_example(base: Path, data: dict[Path, bytes]) -> bool:
    """Does the data folder hold init's example folder and nothing but (some of) its files, as
    init writes them (and temporary files of a killed write)?"""
    from .fsutil import TEMPORARY_SUFFIX

    folders = {parent for path in data for parent in path.parents if parent != Path()}
    if (
        Path(DATA_FOLDER, EXAMPLE_SLUG) not in folders
        or not (base / DATA_FOLDER / EXAMPLE_SLUG).is_dir()
    ):
        return False
    for path in (base / DATA_FOLDER).rglob("*"):
        relative = path.relative_to(base)
        if path.is_dir() and not path.is_symlink():
            if relative not in folders:
                return False
        elif path.name.startswith(".") and path.name.endswith(TEMPORARY_SUFFIX):
            continue
        elif relative not in data or not _holds(path, data[relative]):
            return False
    return True


def write(base: Path, files: list[NewFile]) -> list[tuple[NewFile, str]]:
    """Create each file (and its folders), refusing, file by file, to replace one that exists
    (one with the very bytes init writes, left by an interrupted init, is kept unchanged); a
    shared file gets the lines it lacks. All or nothing: on a failure, what was written is undone.
    Returns what became of each file: created, updated or unchanged."""
    done: list[tuple[NewFile, str]] = []
    made: list[Path] = []  # files and folders created, in order
    previous: list[tuple[Path, bytes]] = []  # shared files as they were
    try:
        for file in files:
            target = base / file.path
            try:
                for folder in reversed(target.parents):
                    if folder in base.parents or folder == base or folder.is_dir():
                        continue
                    folder.mkdir()
                    made.append(folder)
                if file.shared and target.exists():
                    before = target.read_bytes()
                    what = _add_lines(target, file.content)
                    if what == "updated":
                        previous.append((target, before))
                    done.append((file, what))
                    continue
                if not file.shared and _holds(target, file.content):
                    done.append((file, "unchanged"))
                    continue
                atomic_write(target, file.content, exclusive=True)
                made.append(target)
            except WriteRefused:
                raise
            except OSError as error:
                # The CLI's edge says what happened to which file and what to do.
                if error.filename is None:
                    error.filename = str(target)
                raise
            done.append((file, "created"))
    except BaseException:
        _undo(made, previous)
        raise
    return done


def _undo(made: list[Path], previous: list[tuple[Path, bytes]]) -> None:
    """Put back what a failed init changed: remove what it created, restore what it added to."""
    import contextlib

    from .errors import TrackerError

    for target, data in reversed(previous):
        with contextlib.suppress(OSError, TrackerError):
            atomic_write(target, data)
    for path in reversed(made):
        with contextlib.suppress(OSError):
            if path.is_dir() and not path.is_symlink():
                path.rmdir()
            else:
                path.unlink()


def _add_lines(target: Path, lines: bytes) -> str:
    """Add to `target` each of `lines` it does not have yet (compared word by word); updated or
    unchanged."""
    existing = target.read_bytes()
    have = {tuple(line.split()) for line in existing.splitlines()}
    missing = [line for line in lines.splitlines() if tuple(line.split()) not in have]
    if not missing:
        return "unchanged"
    newline = b"\r\n" if b"\r\n" in existing else b"\n"
    if existing and not existing.endswith(b"\n"):
        existing += newline
    atomic_write(target, existing + b"".join(line + newline for line in missing))
    return "updated"
