"""Where the workflow that `tracker init --ci github` writes installs tracker from: a source a
fresh runner can reach, found from how the running tracker was installed (pip's record of it,
PEP 610's direct_url.json)."""

from __future__ import annotations

import json
import os
import subprocess
from importlib import metadata

import pytest

from tracker import scaffold


class Installed:
    """A distribution as importlib.metadata gives it: its version and pip's record of where it
    was installed from (None: from a package index)."""

    def __init__(self, direct_url: dict | None, version: str = "0.1.0") -> None:
        self.version = version
        self._direct = direct_url

    def read_text(self, name: str) -> str | None:
        return json.dumps(self._direct) if name == "direct_url.json" and self._direct else None


@pytest.fixture
def installed(monkeypatch):
    def install(direct_url: dict | None) -> None:
        def distribution(name: str) -> Installed:
            assert name == scaffold.PACKAGE
            return Installed(direct_url)

        monkeypatch.setattr(metadata, "distribution", distribution)

    return install


def test_trackers_own_repository_installs_its_checkout(tmp_path, installed):
    installed(None)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "pledge-tracker"\n')
    assert scaffold.install_source(tmp_path).spec == "."


def test_from_a_package_index_the_same_version(tmp_path, installed):
    installed(None)
    assert scaffold.install_source(tmp_path).spec == "pledge-tracker==0.1.0"


def test_from_a_git_url_that_url_at_its_commit(tmp_path, installed):
    installed(
        {
            "url": "https://git.example.org/team/tracker",
            "vcs_info": {"vcs": "git", "commit_id": "4f9c2a1", "requested_revision": "main"},
        }
    )
    spec = scaffold.install_source(tmp_path).spec
    assert spec == "git+https://git.example.org/team/tracker@4f9c2a1"


@pytest.mark.parametrize(
    ("remote", "spec"),
    [
        (
            "https://git.example.org/team/tracker.git",
            "git+https://git.example.org/team/tracker.git",
        ),
        ("git@git.example.org:team/tracker.git", "git+ssh://git@git.example.org/team/tracker.git"),
        ("/srv/git/tracker.git", None),  # a folder of this machine: no runner reaches it
    ],
)
def test_from_a_local_checkout_its_remote_at_its_commit(
    tmp_path, installed, monkeypatch, remote, spec
):
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    checkout = tmp_path / "tracker"
    checkout.mkdir()

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=checkout, capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    git("init", "-q")
    git(
        "-c",
        "user.name=A",
        "-c",
        "user.email=a@example.org",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "x",
    )
    git("remote", "add", "origin", remote)
    installed({"url": checkout.as_uri(), "dir_info": {"editable": True}})
    found = scaffold.install_source(tmp_path / "elsewhere")
    if spec is None:
        assert found is None
    else:
        assert found is not None and found.spec == f"{spec}@{git('rev-parse', 'HEAD')}"


def test_a_checkout_without_a_remote_is_no_source(tmp_path, installed):
    folder = tmp_path / "copy"
    folder.mkdir()
    installed({"url": folder.as_uri(), "dir_info": {}})
    assert scaffold.install_source(tmp_path) is None
