import json

import pytest


@pytest.fixture
def moves(git):
    """Four commits, each moving one pledge, on 10 January, 1 February, 1 March and 1 April 2024.

    A (HEAD~3): d-1 unassessed, d-2 in-progress due 2024-06-30, d-3 unassessed due 2024-02-15,
        d-5 unassessed, e-1 unassessed.
    B (HEAD~2): d-1 → in-progress.  C (HEAD~1): d-2 → completed with a link; d-4 added.
    D (HEAD): e-1 → dropped; d-5 removed.
    """
    git.write("commitments/d/declaration.yaml", "title: Declaration D\nshort: D 2024\n")
    git.write("commitments/e/declaration.yaml", "title: Declaration E\n")
    git.write("commitments/d/1.yaml", "title: One\nstatus: unassessed\n")
    git.write("commitments/d/2.yaml", "title: Two\nstatus: in-progress\ndue: 2024-06-30\n")
    git.write("commitments/d/3.yaml", "title: Three\nstatus: unassessed\ndue: 2024-02-15\n")
    git.write("commitments/d/5.yaml", "title: Five\nstatus: unassessed\n")
    git.write("commitments/e/1.yaml", "title: E one\nstatus: unassessed\n")
    git.commit("Start", "2024-01-10")
    git.write(
        "commitments/d/1.yaml",
        """
        title: One
        status: in-progress
        updates:
          - date: 2024-02-01
            status: in-progress
            note: Work began.
        """,
    )
    git.commit("One began", "2024-02-01")
    git.write(
        "commitments/d/2.yaml",
        """
        title: Two
        status: completed
        due: 2024-06-30
        links:
          - url: https://example.org/done
            kind: evidence
        updates:
          - date: 2024-02-28
            status: completed
        """,
    )
    git.write("commitments/d/4.yaml", "title: Four\nstatus: unassessed\n")
    git.commit("Two done; add four", "2024-03-01")
    git.write(
        "commitments/e/1.yaml",
        """
        title: E one
        status: dropped
        updates:
          - date: 2024-03-30
            status: dropped
        """,
    )
    (git.base / "commitments/d/5.yaml").unlink()
    git.commit("Drop E one; remove five", "2024-04-01")
    return git


def status_moves(data):
    return {
        pledge["id"]: (pledge["status"]["from"], pledge["status"]["to"])
        for declaration in data["declarations"]
        for pledge in declaration["pledges"]
        if pledge["file"] == "changed" and pledge["status"]
    }


def by_id(data):
    return {p["id"]: p for d in data["declarations"] for p in d["pledges"]}


def test_changes_since_head_3_lists_exactly_the_status_moves_of_those_commits(moves, cli):
    result = cli("changes", "--since", "HEAD~3", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert status_moves(data) == {
        "d-1": ("unassessed", "in-progress"),
        "d-2": ("in-progress", "completed"),
        "e-1": ("unassessed", "dropped"),
    }
    pledges = by_id(data)
    assert (pledges["d-4"]["file"], pledges["d-5"]["file"]) == ("added", "removed")
    assert pledges["d-3"]["file"] == "unchanged"
    assert pledges["d-3"]["became_overdue"] == "2024-02-15"
    assert pledges["d-2"]["links_added"] == [
        {"url": "https://example.org/done", "kind": "evidence"}
    ]
    assert [u["date"] for u in pledges["d-1"]["updates_added"]] == ["2024-02-01"]
    assert data["counts"] == {
        "added": 1,
        "removed": 1,
        "status_moves": 3,
        "updates_added": 3,
        "links_added": 1,
        "became_overdue": 1,
        "assessments_added": 0,
    }
    assert [(d["slug"], d["label"]) for d in data["declarations"]] == [("d", "D 2024"), ("e", "e")]
    start = moves("rev-parse", "HEAD~3").stdout.strip()
    assert data["since"] == {
        "given": "HEAD~3",
        "commit": start,
        "date": "2024-01-10T12:00:00+00:00",
    }
    assert data["until"]["given"] == "HEAD"


def test_the_terminal_lists_moves_by_declaration(moves, cli):
    out = cli("changes", "--since", "HEAD~3").stdout
    start = moves("rev-parse", "--short=7", "HEAD~3").stdout.strip()
    end = moves("rev-parse", "--short=7", "HEAD").stdout.strip()
    assert out.splitlines() == [
        f"Changes from HEAD~3 ({start}, 2024-01-10) to HEAD ({end}, 2024-04-01)",
        "1 pledge added, 1 removed, 3 status moves, 3 updates added, 1 link added, "
        "1 pledge became overdue",
        "",
        "D 2024 (d)",
        "  d-1  unassessed → in-progress",
        "       update 2024-02-01 added (in-progress): Work began.",
        "  d-2  in-progress → completed",
        "       update 2024-02-28 added (completed)",
        "       link https://example.org/done added",
        "  d-3  overdue since 2024-02-15",
        "  d-4  added (unassessed)",
        "  d-5  removed (was unassessed)",
        "",
        "e",
        "  e-1  unassessed → dropped",
        "       update 2024-03-30 added (dropped)",
    ]


def test_a_date_means_the_last_commit_before_that_day(moves, cli):
    data = json.loads(cli("changes", "--since", "2024-02-15", "-f", "json").stdout)
    assert data["since"]["commit"] == moves("rev-parse", "HEAD~2").stdout.strip()
    assert status_moves(data) == {
        "d-2": ("in-progress", "completed"),
        "e-1": ("unassessed", "dropped"),
    }
    # d-3 falls due on the day given: from then to 1 April it became overdue
    assert by_id(data)["d-3"]["became_overdue"] == "2024-02-15"
    words = json.loads(cli("changes", "--since", "15 February 2024", "-f", "json").stdout)
    assert words["since"]["commit"] == data["since"]["commit"]


def test_until_ends_the_comparison_earlier(moves, cli):
    data = json.loads(cli("changes", "--since", "HEAD~3", "--until", "HEAD~1", "-f", "json").stdout)
    assert status_moves(data) == {
        "d-1": ("unassessed", "in-progress"),
        "d-2": ("in-progress", "completed"),
    }
    assert sorted(by_id(data)) == ["d-1", "d-2", "d-3", "d-4"]
    by_month = json.loads(
        cli("changes", "--since", "2024-02", "--until", "2024-02", "-f", "json").stdout
    )
    assert status_moves(by_month) == {"d-1": ("unassessed", "in-progress")}  # 1 Feb to 29 Feb


def test_a_date_before_the_first_commit_shows_everything_added(moves, cli):
    data = json.loads(cli("changes", "--since", "2023", "--until", "HEAD~3", "-f", "json").stdout)
    assert data["since"]["commit"] is None
    assert {p["file"] for p in by_id(data).values()} == {"added"}
    assert sorted(by_id(data)) == ["d-1", "d-2", "d-3", "d-5", "e-1"]


def test_markdown_has_a_table_per_declaration(moves, cli):
    out = cli("changes", "--since", "HEAD~1", "--format", "markdown").stdout
    end = moves("rev-parse", "--short=7", "HEAD").stdout.strip()
    assert out.startswith("## Changes from HEAD\\~1 (")
    assert f"to HEAD ({end}, 2024-04-01)\n" in out
    assert "### D 2024\n\n| pledge | title | what moved |\n|---|---|---|\n" in out
    assert "| d-5 | Five | removed (was unassessed) |" in out
    assert "| e-1 | E one | unassessed → dropped<br>update 2024-03-30 added (dropped) |" in out


def test_nothing_moved(moves, cli):
    out = cli("changes", "--since", "HEAD").stdout
    assert out.splitlines()[-1] == "Nothing moved."


def test_a_point_that_is_neither_a_revision_nor_a_date_is_a_usage_error(moves, cli):
    result = cli("changes", "--since", "no-such-branch")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: --since: 'no-such-branch' is neither a git revision nor a date\n"
    )


def test_since_is_required(moves, cli):
    assert cli("changes").exit_code == 2


def test_markdown_escapes_what_comes_from_the_data(git, cli):
    git.write("commitments/d/declaration.yaml", "title: D\nshort: '<b>D</b>'\n")
    git.write("commitments/d/1.yaml", "title: One\nstatus: unassessed\n")
    git.commit("Start", "2024-01-10")
    git.write(
        "commitments/d/1.yaml",
        "title: '[x](javascript:alert(1)) | <script>'\nstatus: partial\n"
        "updates:\n  - date: 2024-02-01\n    status: partial\n    note: '*bold* | `code`'\n",
    )
    git.commit("Hostile", "2024-02-01")
    out = cli("changes", "--since", "HEAD~1", "-f", "markdown").stdout
    assert "### &lt;b&gt;D&lt;/b&gt;\n" in out
    assert (
        "| d-1 | \\[x\\](javascript:alert(1)) \\| &lt;script&gt; | unassessed → partial<br>"
        "update 2024-02-01 added (partial): \\*bold\\* \\| \\`code\\`<br>title edited |"
    ) in out


def test_declaration_narrows_the_changes_and_checks_its_word(moves, cli):
    data = json.loads(cli("changes", "--since", "HEAD~3", "-f", "json", "-d", "e").stdout)
    assert status_moves(data) == {"e-1": ("unassessed", "dropped")}
    result = cli("changes", "--since", "HEAD~3", "-d", "dd")
    assert result.exit_code == 1
    assert result.stderr == "error: no declaration 'dd' (did you mean d?)\n"
