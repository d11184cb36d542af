import os
import shlex
import sys
import tempfile
from pathlib import Path

import pytest

from tracker.cli import edit_cmd

PLEDGE = "title: Share data\nstatus: unassessed  # not yet looked at\n"

# A stand-in for an editor: a real process that runs the Python statements in FAKE_EDIT with
# `path` (the file it was asked to edit) and `call` (1 on the first run, 2 on the second…), and
# logs the path it was given.
FAKE_EDITOR = """
import os, sys
from pathlib import Path
path = Path(sys.argv[-1])
log = Path(os.environ["FAKE_LOG"])
call = len(log.read_text().splitlines()) + 1 if log.exists() else 1
with log.open("a") as handle:
    handle.write(str(path) + "\\n")
exec(os.environ["FAKE_EDIT"])
"""


@pytest.fixture
def editor(repo, tmp_path, tmp_path_factory, monkeypatch):
    # temporary copies kept for the user land in a test folder, not in the system's
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path_factory.mktemp("system-temp")))
    repo.declaration("decl-2020")
    pledge = repo.pledge("decl-2020", "1", PLEDGE)
    script = tmp_path / "fake_editor.py"
    script.write_text(FAKE_EDITOR)
    log = tmp_path / "editor.log"

    def environment(statements: str, variable: str = "EDITOR") -> dict[str, str]:
        command = f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"
        return {"VISUAL": "", variable: command, "FAKE_EDIT": statements, "FAKE_LOG": str(log)}

    environment.pledge = pledge
    environment.edited_paths = lambda: [Path(line) for line in log.read_text().splitlines()]
    return environment


def test_a_valid_edit_replaces_the_file(editor, cli):
    edit = "path.write_text(path.read_text().replace('unassessed ', 'in-progress'))"
    result = cli("edit", "decl-2020-1", env=editor(edit))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "decl-2020-1: saved (+1 −1 lines)\n"
    assert (
        editor.pledge.read_text() == "title: Share data\nstatus: in-progress # not yet looked at\n"
    )
    [copy] = editor.edited_paths()
    assert copy != editor.pledge
    assert copy.name == "decl-2020-1.yaml"
    assert not copy.parent.exists()  # the temporary copy is cleaned up


def test_visual_wins_over_editor(editor, cli):
    env = editor("path.write_text(path.read_text().replace('Share', 'Pool'))", "VISUAL")
    env["EDITOR"] = "false"
    result = cli("edit", "decl-2020-1", "--diff", env=env)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-3:] == [
        "-title: Share data",
        "+title: Pool data",
        " status: unassessed  # not yet looked at",
    ]


def test_an_unchanged_file_is_left_alone(editor, cli):
    before = editor.pledge.stat()
    result = cli("edit", "decl-2020-1", env=editor("pass"))
    assert result.exit_code == 0
    assert result.stderr == "decl-2020-1: no changes; the file is untouched\n"
    assert editor.pledge.read_text() == PLEDGE
    assert editor.pledge.stat().st_ino == before.st_ino


def test_a_failing_editor_leaves_the_file_alone(editor, cli):
    result = cli("edit", "decl-2020-1", env=editor("sys.exit(3)"))
    assert result.exit_code == 1
    assert result.stderr == "error: the editor exited with status 3: decl-2020-1 left untouched\n"
    assert editor.pledge.read_text() == PLEDGE


def test_a_failing_editor_keeps_what_was_typed(editor, cli):
    edit = "path.write_text('title: Half typed'); sys.exit(1)"
    result = cli("edit", "decl-2020-1", env=editor(edit))
    assert result.exit_code == 1
    [copy] = editor.edited_paths()
    assert result.stderr == (
        "error: the editor exited with status 1: decl-2020-1 left untouched; "
        f"your edit is kept in {copy}\n"
    )
    assert copy.read_text() == "title: Half typed"
    assert editor.pledge.read_text() == PLEDGE


def test_an_invalid_edit_is_shown_and_kept_when_no_one_can_answer(editor, cli):
    edit = "path.write_text('title: Share data\\nstatus: done\\n')"
    result = cli("edit", "decl-2020-1", env=editor(edit))
    assert result.exit_code == 1
    [copy] = editor.edited_paths()
    assert result.stderr == (
        f"{os.path.relpath(copy)}:2: error: unknown status 'done'\n"
        f"error: decl-2020-1 left untouched; your edit is kept in {copy}\n"
    )
    assert copy.read_text() == "title: Share data\nstatus: done\n"
    assert editor.pledge.read_text() == PLEDGE


def test_an_invalid_edit_can_be_edited_again(editor, cli, monkeypatch):
    monkeypatch.setattr(edit_cmd, "_interactive", lambda: True)
    edit = (
        "text = path.read_text()\n"
        "path.write_text(text + 'stauts: x\\n' if call == 1 else text.replace('stauts: x\\n', ''))"
    )
    result = cli("edit", "decl-2020-1", env=editor(edit), input="y\n")
    assert result.exit_code == 0, result.stderr
    first, second = editor.edited_paths()
    assert first == second  # the same copy, with what was typed the first time
    assert "3: error: unknown key 'stauts' (did you mean 'status'?)" in result.stderr
    assert "Edit again?" in result.stderr
    assert editor.pledge.read_text() == PLEDGE  # the second edit took the typo out again
    assert result.stderr.endswith("decl-2020-1: no changes; the file is untouched\n")


def test_declining_to_edit_again_keeps_the_copy(editor, cli, monkeypatch):
    monkeypatch.setattr(edit_cmd, "_interactive", lambda: True)
    result = cli("edit", "decl-2020-1", env=editor("path.write_text('- a list\\n')"), input="n\n")
    assert result.exit_code == 1
    [copy] = editor.edited_paths()
    assert "error: a pledge file must be a mapping of keys to values, not a list" in result.stderr
    assert result.stderr.endswith(f"your edit is kept in {copy}\n")
    assert editor.pledge.read_text() == PLEDGE


def test_a_write_made_while_editing_is_not_overwritten(editor, cli):
    pledge = editor.pledge
    edit = (
        f"Path({str(pledge)!r}).write_text({PLEDGE!r} + 'due: 2030-01-01\\n')\n"
        "path.write_text(path.read_text().replace('Share', 'Pool'))"
    )
    result = cli("edit", "decl-2020-1", env=editor(edit))
    assert result.exit_code == 1
    [copy] = editor.edited_paths()
    assert result.stderr == (
        "error: commitments/decl-2020/1.yaml: 1.yaml was changed by another write meanwhile: "
        f"not overwritten; your edit is kept in {copy}\n"
    )
    assert pledge.read_text() == PLEDGE + "due: 2030-01-01\n"
    assert copy.read_text().startswith("title: Pool data")


def test_a_missing_editor_is_one_line(editor, cli):
    result = cli("edit", "decl-2020-1", env={"EDITOR": "no-such-editor-here", "VISUAL": ""})
    assert result.exit_code == 2
    assert result.stderr == (
        "error: cannot start the editor 'no-such-editor-here': No such file or directory "
        "(set VISUAL or EDITOR)\n"
    )
    assert editor.pledge.read_text() == PLEDGE


def test_an_unknown_id(editor, cli):
    result = cli("edit", "decl-2020-7", env=editor("pass"))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no pledge 'decl-2020-7'")


# --- no lost work (issue 19, items 1, 14 and 15) -------------------------------------------------

ADD_NOTE = "path.write_text(path.read_text() + 'actors: [Spain]\\n')"


@pytest.mark.parametrize(
    ("code", "advice"),
    [
        ("ENOSPC", "the disk is full: free some space, then run the command again"),
        (
            "EIO",
            "an input/output error (a failing disk or a lost network share): check the disk, "
            "then run the command again",
        ),
        ("EXDEV", "cannot move a file across file systems: keep the folder on one file system"),
        ("EROFS", "the file system is read-only: run the command where files can be written"),
    ],
)
def test_a_failed_final_write_keeps_the_typed_copy_and_names_it(
    editor, cli, monkeypatch, code, advice
):
    import errno

    number = getattr(errno, code)

    def broken(*args, **kwargs):
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(os, "replace", broken)
    result = cli("edit", "decl-2020-1", env=editor(ADD_NOTE))
    [copy] = editor.edited_paths()
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: commitments/decl-2020/1.yaml: {advice}: decl-2020-1 left untouched; your edit is "
        f"kept in {copy}\n"
    )
    assert copy.read_text() == PLEDGE + "actors: [Spain]\n"
    assert editor.pledge.read_text() == PLEDGE


def test_an_editor_that_deletes_its_copy_leaves_the_pledge_untouched(editor, cli):
    result = cli("edit", "decl-2020-1", env=editor("path.unlink()"))
    [copy] = editor.edited_paths()
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: the editor removed its copy ({copy}): decl-2020-1 left untouched\n"
    )
    assert editor.pledge.read_text() == PLEDGE


@pytest.mark.parametrize(
    ("statements", "what"),
    [
        ("path.unlink(); path.mkdir()", "is a folder, not a file: not read"),
        (  # a named pipe would hang a plain read
            "path.unlink(); os.mkfifo(path)",
            "is not a regular file (a named pipe, socket or device): not read",
        ),
    ],
)
def test_an_editor_that_leaves_no_file_in_place_of_its_copy_is_refused(
    editor, cli, statements, what
):
    result = cli("edit", "decl-2020-1", env=editor(statements))
    [copy] = editor.edited_paths()
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"error: the editor's copy {copy} {what}: decl-2020-1 left untouched\n"
    assert editor.pledge.read_text() == PLEDGE


def test_an_editor_command_with_a_quote_never_closed_is_a_usage_error(editor, cli):
    result = cli("edit", "decl-2020-1", env={"VISUAL": "", "EDITOR": 'vim "x'})
    assert result.exit_code == 2
    assert result.stderr == (
        "error: cannot read the editor command 'vim \"x': no closing quotation (fix VISUAL or "
        "EDITOR)\n"
    )
