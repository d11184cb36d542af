import shlex
import sys

import pytest

from tracker.store import yamlfile

PLEDGE = "commitments/d-2024/20.yaml"
BASE = """\
# Paragraph 20, followed by the secretariat.
title: Share data on smuggling
status: in-progress
updates:
  - date: 2024-01-10
    status: in-progress
    note: Work began.
"""


@pytest.fixture
def branches(git):
    """A pledge on main, a branch `ana` from it, and tracker's merge driver configured as
    `tracker init --merge-driver --apply` would (with this Python running tracker)."""
    (git.base / ".gitattributes").write_text("commitments/**/*.yaml merge=tracker\n")
    driver = f"{shlex.quote(sys.executable)} -m tracker merge-file %O %A %B --path %P"
    git("config", "merge.tracker.driver", driver)
    git.write("commitments/d-2024/declaration.yaml", "title: D\n")
    git.write(PLEDGE, BASE)
    git.commit("Paragraph 20", "2024-01-10")
    git("branch", "ana")
    return git


def on_branch(git, branch, text, message, day):
    git("checkout", "-q", branch)
    git.write(PLEDGE, text)
    git.commit(message, day)


def test_two_branches_updates_merge_in_date_order_with_the_link(branches, cli):
    on_branch(
        branches,
        "ana",
        BASE
        + "  - date: 2024-03-01\n    note: Report published.\n"
        + "links:\n  - url: https://example.org/report\n    kind: evidence\n",
        "Ana: the report",
        "2024-03-02",
    )
    on_branch(
        branches,
        "main",
        BASE + "  - date: 2024-02-01\n    note: First meeting held.\n",
        "Main: the meeting",
        "2024-02-02",
    )
    merged = branches("merge", "-q", "--no-edit", "ana", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    text = (branches.base / PLEDGE).read_text()
    # the link goes where the documented order of keys puts it: before the updates
    assert text == (
        BASE.replace(
            "updates:\n",
            "links:\n  - url: https://example.org/report\n    kind: evidence\nupdates:\n",
        )
        + "  - date: 2024-02-01\n    note: First meeting held.\n"
        + "  - date: 2024-03-01\n    note: Report published.\n"
    )
    assert cli("validate").exit_code == 0


def test_conflicting_statuses_stop_the_merge_with_markers_around_status_only(branches, cli):
    on_branch(
        branches,
        "ana",
        BASE.replace("status: in-progress\nupdates", "status: stalled\nupdates")
        + "  - date: 2024-03-01\n    status: stalled\n",
        "Ana: stalled",
        "2024-03-02",
    )
    on_branch(
        branches,
        "main",
        BASE.replace("status: in-progress\nupdates", "status: partial\nupdates")
        + "  - date: 2024-03-01\n    status: partial\n",
        "Main: partial",
        "2024-03-02",
    )
    merged = branches("merge", "-q", "--no-edit", "ana", check=False)
    assert merged.returncode == 1
    assert f"CONFLICT (content): Merge conflict in {PLEDGE}" in merged.stdout
    text = (branches.base / PLEDGE).read_text()
    assert text == (
        "# Paragraph 20, followed by the secretariat.\n"
        "title: Share data on smuggling\n"
        "<<<<<<< ours\n"
        "status: partial\n"
        "=======\n"
        "status: stalled\n"
        ">>>>>>> theirs\n"
        "updates:\n"
        "  - date: 2024-01-10\n"
        "    status: in-progress\n"
        "    note: Work began.\n"
        "  - date: 2024-03-01\n"
        "    status: partial\n"
        "  - date: 2024-03-01\n"
        "    status: stalled\n"
    )
    checked = cli("validate")
    assert checked.exit_code == 1
    assert checked.stdout == (
        f"{PLEDGE}:3: error: git merge-conflict marker: status differs between the two sides; "
        "choose one and remove the markers\n"
    )


def three(folder, base: str, ours: str, theirs: str):
    """BASE, OURS and THEIRS as the files git hands the driver."""
    paths = [folder / name for name in ("base.yaml", "ours.yaml", "theirs.yaml")]
    for path, text in zip(paths, (base, ours, theirs), strict=True):
        path.write_text(text)
    return paths


def test_the_command_writes_into_ours_and_exits_0_when_merged(repo, cli, tmp_path):
    base, ours, theirs = three(
        tmp_path,
        "title: T\nstatus: unassessed\nthemes: [ports]\n",
        "# mine\ntitle: T\nstatus: unassessed\nthemes: [ports, customs]\n",
        "title: T\nstatus: not-started\nthemes: [ports]\n",
    )
    result = cli("merge-file", str(base), str(ours), str(theirs), "--path", "x/1.yaml")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert ours.read_text() == "# mine\ntitle: T\nstatus: not-started\nthemes: [ports, customs]\n"


def test_the_command_exits_1_on_a_conflict_and_names_the_field(repo, cli, tmp_path):
    base, ours, theirs = three(
        tmp_path,
        "title: T\nstatus: unassessed\n",
        "title: Ours\nstatus: unassessed\n",
        "title: Theirs\nstatus: unassessed\n",
    )
    result = cli("merge-file", str(base), str(ours), str(theirs), "--path", "x/1.yaml")
    assert result.exit_code == 1
    assert result.stderr == (
        "warning: x/1.yaml: title differs between the two sides: left between markers\n"
    )
    with pytest.raises(yamlfile.YamlError, match="title differs between the two sides"):
        yamlfile.load(ours.read_text())


def test_the_command_merges_what_does_not_parse_as_text(repo, cli, tmp_path):
    base, ours, theirs = three(
        tmp_path,
        "title: T\nstatus: [unassessed\nthemes: []\n",
        "title: Ours\nstatus: [unassessed\nthemes: []\n",
        "title: T\nstatus: [unassessed\nthemes: [x]\n",
    )
    result = cli("merge-file", str(base), str(ours), str(theirs))
    assert result.exit_code == 0
    assert result.stderr.startswith(f"{ours}: merged as text: base cannot be read (line ")
    assert ours.read_text() == "title: Ours\nstatus: [unassessed\nthemes: [x]\n"
