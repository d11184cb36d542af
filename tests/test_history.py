import datetime as dt

from tracker.history import Delta, Version, compare, id_of, parse_version, same_pledge
from tracker.model import Link, PartialDate, Update


def version(text: str, path: str = "d/1.yaml") -> Version:
    return parse_version(path, text.encode("utf-8"))


OLD = version(
    "title: T\nstatus: in-progress\ndue: 2024-12-31\n"
    "links:\n  - url: https://example.org/a\n"
    "updates:\n  - date: 2024-01-01\n    status: in-progress\n"
)


def test_a_status_move_with_an_update_and_a_link():
    new = version(
        "title: T\nstatus: completed\ndue: 2024-12-31\n"
        "links:\n  - url: https://example.org/a\n"
        "  - url: https://example.org/b\n    kind: evidence\n"
        "updates:\n  - date: 2024-01-01\n    status: in-progress\n"
        "  - date: 2024-06\n    status: completed\n    note: Done.\n"
    )
    assert compare(OLD, new) == Delta(
        "changed",
        "d/1.yaml",
        status=("in-progress", "completed"),
        updates=(Update(PartialDate(2024, 6, precision="month"), "completed", "Done."),),
        links=(Link("https://example.org/b", kind="evidence"),),
    )


def test_due_and_other_fields():
    new = version(
        "title: T2\nstatus: in-progress\nthemes: [x]\n"
        "links:\n  - url: https://example.org/a\n"
        "updates:\n  - date: 2024-01-01\n    status: in-progress\n"
    )
    delta = compare(OLD, new)
    assert delta.due == (dt.date(2024, 12, 31), None)
    assert delta.edited == ("title", "themes")
    assert (delta.status, delta.updates, delta.links) == (None, (), ())


def test_added_removed_and_renamed_files():
    assert compare(None, OLD).file == "added"
    assert compare(None, OLD).status == (None, "in-progress")
    assert compare(OLD, None) == Delta("removed", "d/1.yaml", status=("in-progress", None))
    moved = version(OLD_TEXT := "title: T\nstatus: in-progress\n", "d/01.yaml")
    renamed = compare(version(OLD_TEXT), moved)
    assert (renamed.file, renamed.path, renamed.renamed_from) == (
        "renamed",
        "d/01.yaml",
        "d/1.yaml",
    )


def test_a_version_that_cannot_be_read_is_reported_not_compared():
    broken = version("title: T\nstatus: [in-progress\n")
    assert broken.pledge is None and broken.problem.startswith("line ")
    delta = compare(OLD, broken)
    assert delta == Delta("changed", "d/1.yaml", unreadable=(("after", broken.problem),))
    unknown_status = version("title: T\nstatus: done\n")
    assert unknown_status.problem == "line 2: unknown status 'done'"
    not_utf8 = parse_version("d/1.yaml", b"title: \xff\n")
    assert not_utf8.problem.startswith("line 1: not UTF-8 text")


def test_a_move_that_changes_the_title_is_two_pledges():
    one = version("title: One\nstatus: unassessed\n", "d/5.yaml")
    assert not same_pledge(one, version("title: Four\nstatus: unassessed\n", "d/4.yaml"))
    assert same_pledge(one, version("title: One\nstatus: partial\n", "d/05.yaml"))
    assert same_pledge(one, version("title: [\n", "d/4.yaml"))  # cannot tell: as git found it


def test_id_of_a_path():
    assert id_of("eu-clasi-2023/20.yaml") == "eu-clasi-2023-20"
