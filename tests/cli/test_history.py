import json
import re

import pytest

BEGAN = """\
title: Share data
status: in-progress
updates:
  - date: 2024-02-01
    status: in-progress
    note: Work began.
"""


@pytest.fixture
def story(git):
    """One pledge over six commits: added, moved to in-progress, broken, mended, renamed, then
    given a link and a due date."""
    git.write("commitments/d-2024/declaration.yaml", "title: D\n")
    git.write("commitments/d-2024/1.yaml", "title: Share data\nstatus: unassessed\n")
    git.commit("Add pledge 1", "2024-01-05")
    git.write("commitments/d-2024/1.yaml", BEGAN)
    git.commit("Record that work began", "2024-02-02")
    git.write("commitments/d-2024/1.yaml", "title: Share data\nstatus: [in-progress\n")
    git.commit("Break the file", "2024-02-03")
    git.write("commitments/d-2024/1.yaml", BEGAN)
    git.commit("Mend the file", "2024-02-04")
    git("mv", "commitments/d-2024/1.yaml", "commitments/d-2024/01.yaml")
    git.commit("Number the pledge with two digits", "2024-02-10")
    linked = BEGAN.replace(
        "updates:",
        "due: 2024-12-31\nlinks:\n  - url: https://example.org/plan\n    kind: follow-up\nupdates:",
    )
    git.write("commitments/d-2024/01.yaml", linked)
    git.commit("Link the plan", "2024-03-01")
    return git


def test_history_lists_every_commit_newest_first_following_the_rename(story, cli):
    result = cli("history", "d-2024-01", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["id"], data["path"]) == ("d-2024-01", "d-2024/01.yaml")
    commits = data["commits"]
    assert [c["subject"] for c in commits] == [
        "Link the plan",
        "Number the pledge with two digits",
        "Mend the file",
        "Break the file",
        "Record that work began",
        "Add pledge 1",
    ]
    assert {c["author"] for c in commits} == {"Ana Ruiz"}
    assert commits[0]["date"] == "2024-03-01T12:00:00+00:00"
    assert [c["file"] for c in commits] == [
        "changed",
        "renamed",
        "changed",
        "changed",
        "changed",
        "added",
    ]
    linked, renamed, mended, broken, began, added = commits
    assert linked["links_added"] == [{"url": "https://example.org/plan", "kind": "follow-up"}]
    assert linked["due"] == {"from": None, "to": "2024-12-31"}
    assert linked["status"] is None and linked["updates_added"] == []
    assert renamed["renamed_from"] == "d-2024-1"
    assert (renamed["status"], renamed["updates_added"], renamed["edited"]) == (None, [], [])
    assert [u["version"] for u in mended["unreadable"]] == ["before"]
    assert [u["version"] for u in broken["unreadable"]] == ["after"]
    assert re.match(r"line \d+: ", broken["unreadable"][0]["problem"])
    assert broken["status"] is None  # nothing is claimed about a version that cannot be read
    assert began["status"] == {"from": "unassessed", "to": "in-progress"}
    assert began["updates_added"] == [
        {"date": "2024-02-01", "status": "in-progress", "note": "Work began.", "links": []}
    ]
    assert added["status"] == {"from": None, "to": "unassessed"}


def test_history_in_the_terminal_says_what_changed_in_words(story, cli):
    out = cli("history", "d-2024-01").stdout
    lines = out.splitlines()
    assert lines[0] == "d-2024-01: 6 commits touched d-2024/01.yaml, newest first"
    sha = story("rev-parse", "--short=7", "HEAD").stdout.strip()
    assert lines[2] == f"2024-03-01  {sha}  Ana Ruiz  Link the plan"
    assert lines[3:6] == [
        "    link https://example.org/plan added",
        "    due none → 2024-12-31",
        f"2024-02-10  {story('rev-parse', '--short=7', 'HEAD~1').stdout.strip()}  Ana Ruiz  "
        "Number the pledge with two digits",
    ]
    assert "    renamed from d-2024-1" in lines
    assert any(re.match(r"    after version cannot be read: line \d+: ", line) for line in lines)
    assert "    unassessed → in-progress" in lines
    assert "    update 2024-02-01 added (in-progress): Work began." in lines
    assert lines[-1] == "    added (unassessed)"


def test_history_of_a_removed_pledge_by_its_full_id(story, cli):
    story("rm", "-q", "commitments/d-2024/01.yaml")
    story.commit("Drop the pledge", "2024-04-01")
    data = json.loads(cli("history", "d-2024-01", "-f", "json").stdout)
    assert data["commits"][0]["subject"] == "Drop the pledge"
    assert data["commits"][0]["file"] == "removed"
    assert data["commits"][0]["status"] == {"from": "in-progress", "to": None}


def test_outside_a_git_repository_history_says_so_in_one_line(sample, cli):
    result = cli("history", "alpha-2020-1")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "is not in a git repository" in result.stderr


def test_without_git_installed_history_says_so_in_one_line(sample, cli, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    result = cli("history", "alpha-2020-1")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: git is not installed (or not on PATH): this command needs it\n"
    )


def test_an_unknown_pledge_is_not_found(story, cli):
    result = cli("history", "d-2024-9")
    assert result.exit_code == 1
    assert "no pledge 'd-2024-9'" in result.stderr


def test_a_new_pledge_that_git_takes_for_a_moved_one_starts_its_own_history(git, cli):
    git.write("commitments/d/declaration.yaml", "title: D\n")
    git.write("commitments/d/5.yaml", "title: Five\nstatus: unassessed\n")
    git.commit("Add five", "2024-01-01")
    (git.base / "commitments/d/5.yaml").unlink()
    git.write("commitments/d/4.yaml", "title: Four\nstatus: unassessed\n")
    git.commit("Replace five by four", "2024-01-02")
    data = json.loads(cli("history", "d-4", "-f", "json").stdout)
    assert [(c["subject"], c["file"]) for c in data["commits"]] == [
        ("Replace five by four", "added")
    ]
