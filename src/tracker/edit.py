"""Editing one pledge by hand: an editor on a temporary copy, and the file replaced only by a
valid result.

The pledge file is never opened in the editor itself: a half-typed file must never be seen by a
`git commit` or by `tracker list`, and an editor that fails or quits without saving must leave
the file as it was.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import TrackerError, UsageError
from .model import Problem
from .store import check_pledge_text, read_file, replace_pledge, yamlfile

DEFAULT_EDITOR = "vi"


class EditAborted(TrackerError):
    """The edit was given up: the pledge file is as it was."""


@dataclass(frozen=True, slots=True)
class Edited:
    """The outcome of an edit: `saved` says whether the file was replaced."""

    id: str
    path: Path
    before: str
    after: str
    saved: bool


def editor_command(environ: Mapping[str, str] | None = None) -> list[str]:
    """The editor to run, as `$VISUAL` or else `$EDITOR` says (`code --wait` works), else vi."""
    environ = os.environ if environ is None else environ
    chosen = environ.get("VISUAL") or environ.get("EDITOR") or DEFAULT_EDITOR
    try:
        command = shlex.split(chosen)
    except ValueError as error:  # `vim "x`: a quote never closed
        raise UsageError(
            f"cannot read the editor command '{chosen}': {str(error).lower()} "
            "(fix VISUAL or EDITOR)"
        ) from None
    if not command:
        raise UsageError("the editor command is empty (set VISUAL or EDITOR)")
    return command


def run_editor(path: Path) -> int:
    """Run the editor on `path`, attached to the terminal, and return its exit status."""
    command = editor_command()
    try:
        return subprocess.run([*command, str(path)], check=False).returncode
    except OSError as error:
        raise UsageError(
            f"cannot start the editor '{command[0]}': {error.strerror} (set VISUAL or EDITOR)"
        ) from None


def _text(data: bytes) -> str:
    """For showing what changed: the file's text, whatever its bytes."""
    return data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n")


def _problems(copy: Path, data: bytes) -> list[Problem]:
    try:
        text = yamlfile.decode(data)
    except yamlfile.YamlError as error:
        return [Problem(copy, error.line, "error", error.code, error.message)]
    return check_pledge_text(copy, text)


def edit_pledge(
    root: Path,
    pledge: str,
    *,
    run_editor: Callable[[Path], int] = run_editor,
    again: Callable[[Sequence[Problem]], bool],
) -> Edited:
    """Let a person edit pledge `pledge` in an editor and save the result if it is valid.

    The editor runs on a temporary copy. An unchanged copy saves nothing; a non-zero editor exit
    gives up. An invalid copy is shown to `again` (its problems name the copy's lines): when it
    says yes the editor opens again on the same copy, else the edit is given up and the copy is
    kept so that nothing typed is lost. The file is replaced under its lock, and only if no other
    write changed it meanwhile.
    """
    from .errors import describe_os_error
    from .store import resolve

    file = resolve(root, pledge)
    original = read_file(file.path)
    folder = Path(tempfile.mkdtemp(prefix="tracker-edit-"))
    copy = folder / f"{file.id}.yaml"
    try:
        copy.write_bytes(original)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    keep = False
    try:
        while True:
            status = run_editor(copy)
            edited = _read_copy(copy, file.id)
            if status != 0:
                keep = edited != original
                kept = f"; your edit is kept in {copy}" if keep else ""
                raise EditAborted(
                    f"the editor exited with status {status}: {file.id} left untouched{kept}"
                )
            if edited == original:
                return Edited(file.id, file.path, _text(original), _text(original), saved=False)
            problems = _problems(copy, edited)
            if not problems:
                break
            if not again(problems):
                keep = True
                raise EditAborted(f"{file.id} left untouched; your edit is kept in {copy}")
        replace_pledge(file.path, root, original, edited)
        return Edited(file.id, file.path, _text(original), _text(edited), saved=True)
    except EditAborted:
        raise
    except TrackerError as error:  # the copy's text refused, the file changed meanwhile
        keep = _changed(copy, original)
        if keep:
            error.message = f"{error.message}; your edit is kept in {copy}"
        raise
    except OSError as error:  # a full disk, a read-only file system: the edit is not lost
        keep = _changed(copy, original)
        kept = f"; your edit is kept in {copy}" if keep else ""
        where, advice = describe_os_error(error)
        raise EditAborted(f"{advice}: {file.id} left untouched{kept}", where) from None
    except BaseException:  # an interrupt: a changed copy is kept all the same
        keep = _changed(copy, original)
        raise
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)


class _CopyGone(EditAborted):
    """The editor removed the copy or put something that is not a file in its place."""


def _read_copy(copy: Path, pledge: str) -> bytes:
    """The copy's bytes after the editor ran: a regular file (a named pipe must not hang the
    read), within the size limit."""
    try:
        return yamlfile.read(copy)
    except FileNotFoundError:
        raise _CopyGone(f"the editor removed its copy ({copy}): {pledge} left untouched") from None
    except yamlfile.YamlError as error:
        raise _CopyGone(
            f"the editor's copy {copy} {error.message}: {pledge} left untouched"
        ) from None


def _changed(copy: Path, original: bytes) -> bool:
    try:
        return yamlfile.read(copy) != original
    except (OSError, yamlfile.YamlError):
        return False
