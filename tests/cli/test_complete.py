"""Shell completion: the scripts for bash, zsh and fish, and what a Tab offers, asked the way the
scripts ask (the `_TRACKER_COMPLETE` variable, as click does)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tracker import store

ROOT = Path(__file__).resolve().parents[2]
TRACKER = Path(sys.executable).parent / "tracker"


def _complete(line: str, *, cwd: Path, shell: str = "bash", **env: str) -> list[str]:
    """What `tracker` offers for the last word of `line` (after a space: a new word), run as
    the shell's completion script runs it."""
    words = line.split()
    if shell == "bash":
        cword = len(words) if line.endswith(" ") else len(words) - 1
        asked = {"COMP_WORDS": line, "COMP_CWORD": str(cword)}
    else:
        asked = {"_TYPER_COMPLETE_ARGS": line}
        if shell == "fish":
            asked["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    result = subprocess.run(
        [str(TRACKER)],
        env={**os.environ, **asked, **env, "_TRACKER_COMPLETE": f"complete_{shell}"},
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return [line for line in result.stdout.splitlines() if line]


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "commitments", tmp_path / "commitments")
    return tmp_path


@pytest.mark.parametrize(
    ("shell", "mark"),
    [
        ("bash", "complete -o default -F _tracker_completion tracker"),
        ("zsh", "compdef _tracker_completion tracker"),
        ("fish", "complete --command tracker"),
    ],
)
def test_a_script_is_generated_for_each_shell(shell, mark, tmp_path):
    result = subprocess.run(
        [str(TRACKER)],
        env={**os.environ, "_TRACKER_COMPLETE": f"source_{shell}"},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert mark in result.stdout
    assert "_TRACKER_COMPLETE=complete_" in result.stdout


def _ids(shipped: Path, prefix: str = "") -> list[str]:
    """The shipped pledge ids that start with `prefix`, from the store's scan of names."""
    every = [file.id for file in store.scan(shipped / "commitments").pledges]
    return sorted(pledge for pledge in every if pledge.startswith(prefix))


def test_ids_complete_to_the_shipped_ids(shipped):
    every = _ids(shipped)
    assert len(every) >= 20
    assert sorted(_complete("tracker show ", cwd=shipped)) == every
    clasi = _ids(shipped, "eu-clasi-2023-2")
    assert clasi and _complete("tracker show eu-clasi-2023-2", cwd=shipped) == clasi
    jha = _ids(shipped, "eu-jha")
    zsh = "\n".join(_complete("tracker update eu-jha", cwd=shipped, shell="zsh"))
    assert zsh == "_arguments '*: :((" + "\n".join(f'"{id_}"' for id_ in jha) + "))'"
    ports = _ids(shipped, "eu-ports-alliance-2024-0")
    assert ports
    assert _complete("tracker history eu-ports-alliance-2024-0", cwd=shipped, shell="fish") == ports


def test_ids_come_from_file_names_alone(shipped):
    broken = shipped / "commitments" / "eu-clasi-2023" / "27.yaml"
    broken.write_text("title: [unclosed\n")  # a file that cannot be read still has its name
    assert "eu-clasi-2023-27" in _complete("tracker show eu-clasi", cwd=shipped)


def test_the_root_on_the_line_is_the_one_completed(shipped, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    for line in (
        f"tracker --root {shipped} show eu-west",
        f"tracker show --root {shipped} eu-west",
    ):
        offered = _complete(line, cwd=elsewhere)
        assert offered == _ids(shipped, "eu-west") != [], line


def test_commands_options_and_choices(shipped):
    assert _complete("tracker li", cwd=shipped) == ["list", "link"]
    assert "--status" in _complete("tracker list --st", cwd=shipped)
    assert _complete("tracker list --format j", cwd=shipped) == ["json"]
    assert _complete("tracker update x --status p", cwd=shipped) == ["partial"]
    assert _complete("tracker list --status op", cwd=shipped) == ["open"]
    assert _complete("tracker link x https://example.org --kind ev", cwd=shipped) == ["evidence"]


def test_slugs_themes_and_actors_from_the_data(shipped, tmp_path_factory):
    cache = {"TRACKER_CACHE_DIR": str(tmp_path_factory.mktemp("cache"))}
    assert _complete("tracker list --declaration eu-w", cwd=shipped) == ["eu-western-balkans-2018"]
    subprocess.run(
        [str(TRACKER), "list"],
        cwd=shipped,
        env={**os.environ, **cache},
        check=True,
        capture_output=True,
    )  # the cache now knows every pledge's facts
    assert _complete("tracker list --theme dr", cwd=shipped, **cache) == ["drugs"]
    assert "Europol" in _complete("tracker report --actor Eur", cwd=shipped, **cache)
    assert "Europol" in _complete("tracker assess x --actor Eur", cwd=shipped, **cache)
    off = {**cache, "TRACKER_NO_CACHE": "1"}
    assert _complete("tracker list --theme dr", cwd=shipped, **off) == []


def test_nothing_to_offer_is_no_error(tmp_path):
    assert _complete("tracker show eu-", cwd=tmp_path) == []  # no data folder here


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_runs_the_script_and_gets_the_ids(shipped):
    """The script as bash sources it: its function fills COMPREPLY for `tracker show eu-jha`."""
    script = (
        "source <(_TRACKER_COMPLETE=source_bash tracker)\n"
        "COMP_WORDS=(tracker show eu-jha); COMP_CWORD=2\n"
        "_tracker_completion tracker\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    path = f"{TRACKER.parent}{os.pathsep}{os.environ['PATH']}"
    result = subprocess.run(
        ["bash", "-c", script],
        cwd=shipped,
        env={**os.environ, "PATH": path},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == _ids(shipped, "eu-jha") != []


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_install_completion_in_bash_sources_the_script_from_bashrc(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    path = f"{TRACKER.parent}{os.pathsep}{os.environ['PATH']}"
    result = subprocess.run(
        # the shell tracker runs in is bash: `|| exit` keeps bash there (for one command alone,
        # bash execs it, and tracker would see the shell that started the tests: sh, zsh, …)
        ["bash", "-c", "tracker --install-completion || exit"],
        env={**os.environ, "HOME": str(home), "PATH": path},
        capture_output=True,
        text=True,
        check=True,
    )
    script = home / ".bash_completions" / "tracker.sh"
    assert f"bash completion installed in {script}" in result.stdout
    assert f"source '{script}'" in (home / ".bashrc").read_text()
    assert "complete -o default -F _tracker_completion tracker" in script.read_text()
