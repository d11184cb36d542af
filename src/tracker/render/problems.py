"""Validation problems as compiler-style lines, GitHub workflow annotations, or JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..model import Problem
from . import display_path
from .controls import visible

PROBLEM_FORMATS = ("text", "json", "github")


def line(problem: Problem, base: Path | None = None) -> str:
    """`commitments/x/7.yaml:4: error: unknown status 'done'`: always one line, with any
    control character of a file name or a quoted value shown as an escape."""
    where = visible(display_path(problem.path, base))
    if problem.line is not None:
        where = f"{where}:{problem.line}"
    return f"{where}: {problem.level}: {visible(problem.message)}"


def text(problems: Sequence[Problem], base: Path | None = None) -> str:
    return "".join(line(problem, base) + "\n" for problem in problems)


def _escape_data(value: str) -> str:
    # The runner reads a workflow command to the end of its line, and %XX as an escape.
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def github(problems: Sequence[Problem], base: Path | None = None) -> str:
    """Workflow commands that GitHub Actions shows as annotations on the pull request's files."""
    out = []
    for problem in problems:
        path = visible(display_path(problem.path, base))
        properties = [f"file={_escape_property(path)}"]
        if problem.line is not None:
            properties.append(f"line={problem.line}")
        properties.append(f"title={_escape_property('tracker ' + problem.code)}")
        out.append(
            f"::{_COMMAND[problem.level]} {','.join(properties)}::"
            f"{_escape_data(visible(problem.message, newlines=True))}\n"
        )
    return "".join(out)


def as_json(problems: Iterable[Problem], base: Path | None = None) -> str:
    """A list of `{path, line, level, code, message}` objects; `[]` when there is none."""
    records = [
        {
            "path": display_path(p.path, base),
            "line": p.line,
            "level": p.level,
            "code": p.code,
            "message": p.message,
        }
        for p in problems
    ]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def render(problems: Sequence[Problem], fmt: str, base: Path | None = None) -> str:
    renderer = {"text": text, "json": as_json, "github": github}[fmt]
    return renderer(problems, base)
