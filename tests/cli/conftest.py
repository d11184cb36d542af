"""A real git repository around the `repo` fixture, for the commands that read git's history."""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

import pytest


class Git:
    """git in a temporary repository: commands, and commits on a chosen day."""

    def __init__(self, base: Path) -> None:
        self.base = base

    def __call__(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", *args], cwd=self.base, capture_output=True, text=True, check=check
        )

    def commit(self, message: str, day: str) -> str:
        """Commit everything with author and committer date `day` (noon UTC); its sha."""
        when = f"{day}T12:00:00+00:00"
        env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        self("add", "-A")
        subprocess.run(
            ["git", "commit", "-q", "-m", message],
            cwd=self.base,
            env=env,
            check=True,
            capture_output=True,
        )
        return self("rev-parse", "HEAD").stdout.strip()

    def write(self, relative: str, text: str) -> None:
        path = self.base / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


@pytest.fixture
def git(repo, monkeypatch) -> Git:
    """`repo` made a git repository on branch main, with no user or system git configuration."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    found = Git(repo.base)
    found("init", "-q", "-b", "main")
    found("config", "user.name", "Ana Ruiz")
    found("config", "user.email", "ana@example.org")
    return found
