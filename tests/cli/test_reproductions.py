"""The reproductions of issue 19 (faults and hostile input, round two), each with the exact line
tracker now prints. Those of edit are in test_edit.py, of the round trip in test_write.py, and the
sweep of injected errors and kills in test_faults.py."""

from __future__ import annotations

import errno
import fcntl
import os
import shlex
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

PLEDGE = "title: Share data\nstatus: unassessed\nactors: [Europol]\n"


@pytest.fixture
def one(repo):
    repo.declaration("d-2020", "title: D\n")
    repo.pledge("d-2020", "1", PLEDGE)
    return repo


def _tracker(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "NO_COLOR": "1"},
    )


# --- 2: the merge driver keeps both sides' comments, or leaves a conflict ----------------------


@pytest.fixture
def merging(git):
    (git.base / ".gitattributes").write_text("commitments/**/*.yaml merge=tracker\n")
    driver = f"{shlex.quote(sys.executable)} -m tracker merge-file %O %A %B --path %P"
    git("config", "merge.tracker.driver", driver)
    git.write("commitments/d-2020/declaration.yaml", "title: D\n")
    git.write("commitments/d-2020/1.yaml", PLEDGE)
    git.commit("base", "2024-01-01")
    git("checkout", "-q", "-b", "A")
    return git


def test_a_comment_the_merge_cannot_place_makes_a_conflict_not_a_loss(merging, cli):
    git = merging
    path = git.base / "commitments/d-2020/1.yaml"
    ours_comment = "status: in-progress  # checked by Luis"
    path.write_text(
        PLEDGE.replace("status: unassessed", ours_comment)
        + "updates:\n  - date: 2024-03-01\n    status: in-progress\n    note: Began.\n"
        "# TODO: ask Europol for the figures\n"
    )
    git.commit("A", "2024-03-01")
    git("checkout", "-q", "main")
    assert (
        cli("update", "d-2020-1", "--note", "Meeting held.", "--date", "2024-04-01").exit_code == 0
    )
    assert cli("link", "d-2020-1", "https://example.org/x").exit_code == 0
    git.commit("B", "2024-04-02")
    merged = git("merge", "A", "-m", "merge", check=False)
    assert merged.returncode == 1  # a conflict, for a person to resolve
    text = path.read_text()
    assert "# checked by Luis" in text
    assert "# TODO: ask Europol for the figures" in text
    assert (
        "commitments/d-2020/1.yaml: merged as text: a comment could not be placed "
        "(# TODO: ask Europol for the figures)"
    ) in merged.stderr + merged.stdout


def test_a_comment_on_a_changed_status_moves_with_it(merging, cli):
    git = merging
    path = git.base / "commitments/d-2020/1.yaml"
    path.write_text(PLEDGE.replace("status: unassessed", "status: in-progress  # checked by Luis"))
    git.commit("A", "2024-03-01")
    git("checkout", "-q", "main")
    assert cli("link", "d-2020-1", "https://example.org/x").exit_code == 0
    git.commit("B", "2024-04-02")
    assert git("merge", "A", "-m", "merge", check=False).returncode == 0
    assert path.read_text() == (
        "title: Share data\nstatus: in-progress  # checked by Luis\nactors: [Europol]\n"
        "links:\n  - url: https://example.org/x\n"
    )


# --- 10: git edges ------------------------------------------------------------------------------


def test_a_date_git_cannot_read_is_a_usage_error(git, cli):
    git.write("commitments/d-2020/declaration.yaml", "title: D\n")
    git.write("commitments/d-2020/1.yaml", PLEDGE)
    git.commit("base", "2024-01-01")
    result = cli("changes", "--since", "2100")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "error: --since: git reads dates from 1970 to 2099, not 2100\n"


def test_a_shallow_clone_is_said(git, cli, tmp_path, monkeypatch):
    git.write("commitments/d-2020/declaration.yaml", "title: D\n")
    git.write("commitments/d-2020/1.yaml", PLEDGE)
    git.commit("first", "2024-01-01")
    git.write("commitments/d-2020/1.yaml", PLEDGE.replace("unassessed", "in-progress"))
    git.commit("second", "2024-02-01")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{git.base}", str(clone)], check=True
    )
    monkeypatch.chdir(clone)
    result = cli("history", "d-2020-1")
    assert result.exit_code == 0
    assert result.stderr == (
        "warning: this clone is shallow: git has no history before its oldest commit, so pledges "
        "show as added there (git fetch --unshallow fetches the rest)\n"
    )


# --- 16: history reads no blob larger than tracker reads ---------------------------------------


def test_history_does_not_read_a_blob_over_the_size_limit(git, cli):
    git.write("commitments/d-2020/declaration.yaml", "title: D\n")
    huge = PLEDGE + "# " + "x" * 200_000 + "\n"
    git.write("commitments/d-2020/1.yaml", huge)
    git.commit("huge", "2024-01-01")
    git.write("commitments/d-2020/1.yaml", PLEDGE)
    git.commit("small again", "2024-02-01")
    result = cli("history", "d-2020-1", "--format", "json")
    assert result.exit_code == 0, result.stderr
    said = f"the file is {len(huge):,} bytes, more than the 128 KiB tracker reads"
    assert said in result.stdout


# --- 12: outputs that are not regular files -----------------------------------------------------


def test_an_output_to_a_device_writes_into_it_and_leaves_it_a_device(one, cli):
    result = cli("report", "-o", os.devnull)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(Path(os.devnull).stat().st_mode)


def test_an_output_to_a_named_pipe_writes_into_it(one, cli, tmp_path):
    import threading

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()))
    reader.start()
    result = cli("export", "--format", "json", "-o", str(pipe), "--force")
    reader.join(timeout=30)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert b'"id": "d-2020-1"' in got[0]


def test_an_output_named_dash_is_standard_output(one, cli):
    result = cli("export", "--format", "csv", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("id,declaration,number,title")
    assert not (one.base / "-").exists()


# --- 13: root discovery stops at another user's folder -------------------------------------------


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user needs root")
def test_a_data_folder_of_another_user_is_not_used(tmp_path, cli, monkeypatch):
    shared = tmp_path / "scratch"
    (shared / "commitments" / "d-2020").mkdir(parents=True)
    (shared / "commitments" / "d-2020" / "declaration.yaml").write_text("title: D\n")
    os.chown(shared / "commitments", 65534, 65534)
    below = shared / "a" / "b" / "c"
    below.mkdir(parents=True)
    monkeypatch.chdir(below)
    monkeypatch.delenv("TRACKER_ROOT", raising=False)
    result = cli("new", "d-2020", "--title", "T")
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {shared}/commitments belongs to another user (uid 65534): not used; if you trust "
        f"it, name it with --root {shared}/commitments\n"
    )
    assert sorted(p.name for p in (shared / "commitments" / "d-2020").iterdir()) == [
        "declaration.yaml"
    ]


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_a_write_keeps_the_files_owner(one, cli):
    path = one.root / "d-2020" / "1.yaml"
    os.chown(path, 65534, 65534)
    path.chmod(0o640)
    assert cli("update", "d-2020-1", "--note", "Seen.").exit_code == 0
    info = path.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (65534, 65534, 0o640)


# --- 14: what used to be tracebacks --------------------------------------------------------------


def test_a_socket_at_a_pledges_path_costs_one_line(one, cli):
    path = one.root / "d-2020" / "2.yaml"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        result = cli("update", "d-2020-2", "--note", "x")
    finally:
        server.close()
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "error: commitments/d-2020/2.yaml: is not a regular file (a socket or a device): not read\n"
    )


def test_an_unreadable_pledge_costs_one_line(one, cli, monkeypatch):
    # Mode 000 as a user who is not root: the system refuses to open it.
    real = os.open
    path = str(one.root / "d-2020" / "1.yaml")

    def refusing(name, flags, *args, **kwargs):
        if os.fspath(name) == path:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
        return real(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)
    result = cli("update", "d-2020-1", "--note", "x")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "error: commitments/d-2020/1.yaml: permission denied: check the owner and mode of the "
        "file and its folder\n"
    )


def test_an_id_of_thousands_of_digits_is_not_found(one, cli):
    result = cli("show", "1" * 5000)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no pledge '1111")


def test_a_number_too_long_for_a_file_name_costs_one_line(one, cli):
    result = cli("new", "d-2020", "--title", "T", "--number", "1" * 5000)
    assert result.exit_code == 1
    named = f"commitments/d-2020/{'1' * 5000}.yaml"
    assert result.stderr == (
        f"error: {named[:100]}…{named[-40:]}: the file name is too long: choose a shorter name\n"
    )
    assert sorted(p.name for p in (one.root / "d-2020").iterdir()) == ["1.yaml", "declaration.yaml"]


@pytest.mark.parametrize(
    "args",
    [
        ("--as-of", "0001-01-01"),
        ("--recent-days", "3000000"),
        ("--as-of", "0001-01-01", "--recent-days", "1"),
    ],
)
def test_a_span_back_before_year_one_is_counted_not_a_crash(one, cli, args):
    one.pledge(
        "d-2020",
        "2",
        "title: T\nstatus: in-progress\nupdates:\n  - date: 2020-01-01\n    status: in-progress\n",
    )
    result = cli("report", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr


def test_import_into_a_name_that_is_a_file_costs_one_line(one, cli, tmp_path):
    (one.root / "x").write_text("not a folder\n")
    source = tmp_path / "text.txt"
    source.write_text("1. We undertake to share data.\n\n2. We undertake to train guards.\n")
    result = cli("import", str(source), "--declaration", "x", "--title", "X")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "error: commitments/x: is a file, where the declaration's folder would be: nothing "
        "written\n"
    )


# --- 15: locks that say so, and no hang on a named pipe -----------------------------------------


def test_a_writer_says_who_holds_the_lock_and_gives_up_after_the_timeout(one):
    path = one.root / "d-2020" / "1.yaml"
    with path.open("rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        result = _tracker("--lock-timeout", "2", "update", "d-2020-1", "--note", "x", cwd=one.base)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"waiting for PID {os.getpid()} holding the lock on commitments/d-2020/1.yaml (giving up "
        "after 2 s)",
        f"error: commitments/d-2020/1.yaml: locked by PID {os.getpid()} for more than 2 s: gave "
        "up, nothing written (stop that process, or wait longer with --lock-timeout SECONDS)",
    ]
    assert path.read_text() == PLEDGE


def test_a_writer_that_waited_writes_once_the_lock_is_released(one):
    path = one.root / "d-2020" / "1.yaml"
    held = path.open("rb")
    fcntl.flock(held, fcntl.LOCK_EX)
    writer = subprocess.Popen(
        [sys.executable, "-m", "tracker", "update", "d-2020-1", "--note", "Waited."],
        cwd=one.base,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    said = writer.stderr.readline()  # once it has waited a second, it says so
    held.close()
    _, rest = writer.communicate(timeout=60)
    assert writer.returncode == 0, rest
    assert said.startswith(f"waiting for PID {os.getpid()} holding the lock on")
    assert "note: Waited." in path.read_text()


def test_merge_file_given_a_named_pipe_is_refused_without_hanging(one, tmp_path):
    base, ours, theirs = (tmp_path / name for name in ("base", "ours", "theirs"))
    base.write_text(PLEDGE)
    ours.write_text(PLEDGE)
    os.mkfifo(theirs)
    result = _tracker("merge-file", str(base), str(ours), str(theirs), cwd=tmp_path, timeout=30)
    assert result.returncode == 1
    assert result.stderr == (
        "error: theirs: is not a regular file (a named pipe, socket or device): not read\n"
    )
    assert ours.read_text() == PLEDGE


# --- smaller ones --------------------------------------------------------------------------------


def test_new_says_permission_denied_not_no_free_number(one, cli, monkeypatch):
    def refusing(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(os, "link", refusing)
    result = cli("new", "d-2020", "--title", "T")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: commitments/d-2020/2.yaml: permission denied: check the owner and mode of the "
        "file and its folder\n"
    )


def test_a_badge_label_with_a_control_character_is_a_usage_error(one, cli, tmp_path):
    result = cli("badge", "--label", "a\x1b[2Jb", "-o", str(tmp_path / "badges"))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "error: --label: 'a\\x1b[2Jb' holds a control character\n"
    assert not (tmp_path / "badges").exists()


def test_a_relative_cache_folder_is_ignored(one, cli, monkeypatch, tmp_path):
    monkeypatch.setenv("TRACKER_CACHE_DIR", "cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    from tracker.store import cache_folder as default_folder

    assert default_folder() == tmp_path / "xdg" / "tracker"
    assert cli("validate").exit_code == 0
    assert not (one.base / "cache").exists()


def test_init_apply_without_git_writes_nothing(tmp_path, cli, monkeypatch):
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "no-such-bin"))
    result = cli("init", "--no-example", "--merge-driver", "--apply")
    assert result.exit_code == 2
    assert "git is not installed (or not on PATH): nothing written" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [".git"]


# --- 4, 5 and 6 (the store's one check for every write): nothing written that cannot be read -----


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ("update", "d-2020-1", "--note", "\x1b[2J"),
            "error: --note contains the control character U+001B: write plain text",
        ),
        (
            ("update", "d-2020-1", "--note", "a\rb"),
            "error: --note contains the control character U+000D: write plain text",
        ),
        (
            ("update", "d-2020-1", "--note", "a\x85b"),
            "error: --note contains the control character U+0085: write plain text",
        ),
        (
            ("link", "d-2020-1", "https://example.org/b", "--title", "a\x1bb"),
            "error: --title contains the control character U+001B: write plain text",
        ),
    ],
)
def test_a_control_character_in_a_note_or_title_is_refused_at_the_edge(one, cli, args, line):
    result = cli(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", line + "\n")
    assert (one.root / "d-2020" / "1.yaml").read_text() == PLEDGE


def test_a_write_past_the_size_limit_writes_nothing(one, cli):
    result = cli("update", "d-2020-1", "--note", "x" * 140_000)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: commitments/d-2020/1.yaml: the file is ")
    assert result.stderr.endswith(
        " bytes, more than the 128 KiB tracker reads (a pledge file is a few KiB): not read: "
        "nothing written\n"
    )
    assert (one.root / "d-2020" / "1.yaml").read_text() == PLEDGE


def test_a_link_with_a_query_reads_back_with_pyyamls_pure_python_loader(one, cli):
    import yaml

    result = cli("update", "d-2020-1", "--link", "https://x.org/?q=1", "--date", "2024-03-14")
    assert result.exit_code == 0, result.stderr
    data = yaml.load((one.root / "d-2020" / "1.yaml").read_text(), Loader=yaml.SafeLoader)
    assert data["updates"][0]["links"] == ["https://x.org/?q=1"]
