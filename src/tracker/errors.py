"""The errors tracker's library raises, and the exit codes the command line maps them to."""

from __future__ import annotations

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
