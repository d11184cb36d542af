"""The errors tracker's library raises, and the exit codes the command line maps them to."""

from __future__ import annotations

import os
from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    OK = 0
    PROBLEMS = 1  # problems found, or what was asked for was not found
    USAGE = 2  # the command line itself is wrong


class TrackerError(Exception):
    """An error a user can act on; printed as one line, never as a traceback."""

    exit_code = ExitCode.PROBLEMS

    def __init__(self, message: str, path: Path | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line


class RootNotFound(TrackerError):
    """No `commitments/` folder where one was looked for."""


class NotFound(TrackerError):
    """An id, declaration or file that does not exist."""

    def __init__(
        self, message: str, suggestions: list[str] | None = None, path: Path | None = None
    ) -> None:
        super().__init__(message, path)
        self.suggestions = suggestions or []


class InvalidData(TrackerError):
    """A file whose content tracker cannot use."""


class UsageError(TrackerError):
    """An argument that cannot be used (a date that cannot be read, a bad slug)."""

    exit_code = ExitCode.USAGE


# What to do about each error the operating system can give a read or a write, in a person's words.
_OS_ADVICE = {
    "ENOSPC": "the disk is full: free some space, then run the command again",
    "EDQUOT": "the disk quota is used up: free some space, then run the command again",
    "EROFS": "the file system is read-only: run the command where files can be written",
    "EACCES": "permission denied: check the owner and mode of the file and its folder",
    "EPERM": "not permitted: check the owner and mode of the file and its folder",
    "EXDEV": "cannot move a file across file systems: keep the folder on one file system",
    "ENAMETOOLONG": "the file name is too long: choose a shorter name",
    "EIO": "an input/output error (a failing disk or a lost network share): check the disk, then "
    "run the command again",
    "ENOLCK": "no locks available (the file system cannot lock files): run the command on a "
    "local disk",
    "EMFILE": "too many open files: close some programs, then run the command again",
    "ENOTDIR": "a part of the path is a file, not a folder",
    "EISDIR": "is a folder, not a file",
    "ENOENT": "no such file or folder",
    "EEXIST": "exists already",
    "ELOOP": "too many symbolic links (a loop?)",
    "ENXIO": "is not a regular file (a socket or a device): not read",
}


def describe_os_error(error: OSError) -> tuple[Path | None, str]:
    """The file an OSError is about (where it names one) and one line saying what happened and
    what to do. Whatever was being written was left as it was: writes replace files whole."""
    import errno as errnos

    name = errnos.errorcode.get(error.errno or 0, "")
    advice = _OS_ADVICE.get(name)
    if advice is None:
        reason = (error.strerror or str(error) or type(error).__name__).rstrip(".")
        advice = reason[:1].lower() + reason[1:]
    path = Path(os.fsdecode(error.filename)) if error.filename is not None else None
    return path, advice
