"""Every command that writes refuses, in one line, to write outside the data folder (through a
symbolic link, `..` or an absolute path) and to write a report over the data; nothing is written
anywhere when it refuses."""

from __future__ import annotations

import pytest


@pytest.fixture
def linked(repo):  # type: ignore[no-untyped-def]
    """A data folder with a good declaration `d`, a declaration folder `ext` that is a link to a
    folder outside it, and a pledge `d/5.yaml` that is a link to a file outside it."""
    repo.declaration("d")
    repo.pledge("d", "1", "title: T\nstatus: unassessed\n")
    outside = repo.base / "outside"
    (outside / "ext").mkdir(parents=True)
    (outside / "ext" / "declaration.yaml").write_text("title: Not ours\n")
    (outside / "ext" / "1.yaml").write_text("title: Not ours\nstatus: unassessed\n")
    (outside / "5.yaml").write_text("title: Not ours\nstatus: unassessed\n")
    (repo.root / "ext").symlink_to("../outside/ext", target_is_directory=True)
    (repo.root / "d" / "5.yaml").symlink_to("../../outside/5.yaml")
    (repo.base / "text.txt").write_text("Joint statement\n\n1. We commit to share data.\n")
    return repo


URL = "https://example.org/evidence"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        # through a symbolic link to outside
        (["update", "ext-1", "--note", "x"], 1, "error: no pledge 'ext-1'"),
        (["link", "ext-1", URL], 1, "error: no pledge 'ext-1'"),
        (["edit", "ext-1"], 1, "error: no pledge 'ext-1'"),
        (["update", "d-5", "--note", "x"], 1, "error: no pledge 'd-5' (did you mean d-1?)"),
        (
            ["new", "ext", "--title", "T"],
            1,
            "error: commitments/ext/01.yaml: leads outside the data folder (through a symbolic "
            "link?): not written",
        ),
        (
            ["new", "ext", "--declaration", "--title", "T"],
            1,
            "error: commitments/ext: leads outside the data folder (through a symbolic link?): "
            "not written",
        ),
        (
            ["import", "text.txt", "--declaration", "ext"],
            1,
            "error: commitments/ext: leads outside the data folder (through a symbolic link?): "
            "nothing written",
        ),
        # `..` and absolute paths where a slug, a number or an id belongs
        (
            ["new", "../evil", "--title", "T"],
            2,
            "error: '../evil' is not a declaration slug (lowercase letters and digits joined by "
            "single hyphens, as in eu-clasi-2023)",
        ),
        (
            ["new", "d", "--number", "../../x", "--title", "T"],
            2,
            "error: '../../x' is not a pledge number (digits and an optional letter, as in 20, 07 "
            "or 22a, or a3 in annex A)",
        ),
        (
            ["new", "/tmp/evil", "--declaration", "--title", "T"],
            2,
            "error: '/tmp/evil' is not a declaration slug (lowercase letters and digits joined by "
            "single hyphens, as in eu-clasi-2023)",
        ),
        (
            ["import", "text.txt", "--declaration", "../x"],
            2,
            "error: '../x' is not a declaration slug (lowercase letters and digits joined by "
            "single hyphens, as in eu-clasi-2023)",
        ),
        (["update", "../d-1", "--note", "x"], 1, "error: no pledge '../d-1' (did you mean d-1?)"),
        (["link", "/etc/passwd", URL], 1, "error: no pledge '/etc/passwd'"),
        # reports over the data
        (
            ["report", "--output", "commitments/d/1.yaml"],
            1,
            "error: commitments/d/1.yaml: is in the data folder, which holds only declarations "
            "and pledges: write it elsewhere",
        ),
        (
            ["export", "--output", "commitments/d/pledges.csv"],
            1,
            "error: commitments/d/pledges.csv: is in the data folder, which holds only "
            "declarations and pledges: write it elsewhere",
        ),
        (
            ["badge", "--output-dir", "commitments/badges"],
            1,
            "error: commitments/badges: is in the data folder, which holds only declarations and "
            "pledges: write it elsewhere",
        ),
    ],
)
def test_a_write_that_would_leave_the_data_folder_is_refused_in_one_line(
    linked, cli, tree, args, code, message
):
    before = tree(linked.base)
    result = cli("--no-cache", *args, env={"EDITOR": "false"})
    assert result.exit_code == code
    lines = [line for line in result.stderr.splitlines() if "symbolic link to outside" not in line]
    assert lines == [message]
    assert tree(linked.base) == before


def test_a_report_through_a_link_into_the_data_folder_is_refused(linked, cli, tree):
    (linked.base / "site").symlink_to("commitments/d", target_is_directory=True)
    before = tree(linked.base)
    result = cli("--no-cache", "report", "--output", "site/1.yaml")
    assert result.exit_code == 1
    assert "is in the data folder" in result.stderr
    assert tree(linked.base) == before


def test_a_report_outside_the_data_folder_is_written(linked, cli):
    result = cli("--no-cache", "report", "--format", "markdown", "--output", "report.md")
    assert result.exit_code == 0
    assert (linked.base / "report.md").read_text().startswith("#")
