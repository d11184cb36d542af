import codecs
import datetime as dt
import os
import stat
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import store
from tracker.errors import InvalidData, NotFound, UsageError
from tracker.fsutil import WriteRefused
from tracker.model import PartialDate
from tracker.store import write, yamlfile
from tracker.store.write import (
    check_pledge_text,
    keep_unchanged_lines,
    modify_pledge,
    new_declaration,
    new_pledge,
    next_number,
    record_link,
    record_update,
    replace_pledge,
)

DAY = dt.date(2024, 3, 14)


def text(block: str) -> str:
    return textwrap.dedent(block).lstrip("\n")


def added_lines(before: str, after: str) -> list[str]:
    """The lines of `after` that are not in `before`, when `after` only inserts lines."""
    new = after.splitlines()
    remaining = before.splitlines()
    extra = []
    for line in new:
        if remaining and line == remaining[0]:
            remaining.pop(0)
        else:
            extra.append(line)
    assert remaining == [], "lines of the file were changed or removed"
    return extra


@pytest.fixture
def pledge(repo):
    repo.declaration("decl-2020")
    return repo


# --- updates -------------------------------------------------------------------------------------


def test_an_update_is_appended_in_the_files_own_indentation(pledge):
    before = text(
        """
        title: T
        status: unassessed
        updates:
        - date: 2023-10-01
          note: Looked.
          links:
          - https://example.org/a
        """
    )
    path = pledge.pledge("decl-2020", "1", before)
    record_update(
        pledge.root,
        "decl-2020-1",
        status="in-progress",
        note="Started.",
        links=["https://example.org/b"],
        date=DAY,
    )
    after = path.read_text()
    assert after == before.replace("status: unassessed", "status: in-progress") + text(
        """
        - date: 2024-03-14
          status: in-progress
          note: Started.
          links:
          - https://example.org/b
        """
    )


def test_four_space_mappings_and_flow_lists_are_followed(pledge):
    before = text(
        """
        title: T
        status: unassessed
        original:
            text: Quoted.
        updates:
            -   date: 2023-10-01
                links: [https://example.org/a]
        """
    )
    path = pledge.pledge("decl-2020", "1", before)
    record_update(pledge.root, "decl-2020-1", links=["https://example.org/b"], date=DAY)
    assert added_lines(before, path.read_text()) == [
        "    -   date: 2024-03-14",
        "        links: [https://example.org/b]",
    ]


def test_dates_are_plain_iso_scalars_of_the_precision_given(pledge):
    path = pledge.pledge("decl-2020", "1", "title: T\nstatus: unassessed\n")
    for date in (
        PartialDate(2022, precision="year"),
        PartialDate(2023, 10, precision="month"),
        DAY,
    ):
        record_update(pledge.root, "decl-2020-1", note="n", date=date)
    assert path.read_text() == text(
        """
        title: T
        status: unassessed
        updates:
          - date: 2022
            note: n
          - date: 2023-10
            note: n
          - date: 2024-03-14
            note: n
        """
    )


def test_the_date_defaults_to_today(pledge):
    path = pledge.pledge("decl-2020", "1", "title: T\nstatus: unassessed\n")
    record_update(pledge.root, "decl-2020-1", note="n", today=DAY)
    assert "  - date: 2024-03-14\n" in path.read_text()
    record_update(pledge.root, "decl-2020-1", note="m")
    assert f"  - date: {dt.date.today().isoformat()}\n" in path.read_text()


def test_a_back_dated_update_goes_where_its_date_puts_it(pledge):
    path = pledge.pledge(
        "decl-2020",
        "1",
        """
        title: T
        status: unassessed
        updates:
          - date: 2023-01-10
            note: first
          # the second look
          - date: 2023-06
            note: third
        """,
    )
    record_update(pledge.root, "decl-2020-1", note="second", date=dt.date(2023, 3, 1))
    notes = [u["note"] for u in yamlfile.load(path.read_text())["updates"]]
    assert notes == ["first", "second", "third"]
    # the comment above the later entry still stands above it
    assert "  # the second look\n  - date: 2023-06\n" in path.read_text()


def test_updates_is_added_before_assessments_or_at_the_end(pledge):
    path = pledge.pledge("decl-2020", "1", "title: T\nstatus: unassessed\n# the end\n")
    record_update(pledge.root, "decl-2020-1", note="n", date=DAY)
    assert path.read_text() == (
        "title: T\nstatus: unassessed\nupdates:\n  - date: 2024-03-14\n    note: n\n# the end\n"
    )
    before = "title: T\nstatus: unassessed\n\nassessments:\n  - actor: Spain\n    score: 1\n"
    path.write_text(before)
    record_update(pledge.root, "decl-2020-1", note="n", date=DAY)
    assert path.read_text() == before.replace(
        "\nassessments:", "updates:\n  - date: 2024-03-14\n    note: n\n\nassessments:"
    )


def test_an_empty_updates_list_gets_its_first_entry(pledge):
    path = pledge.pledge("decl-2020", "1", "title: T\nstatus: unassessed\nupdates: []\n")
    record_update(pledge.root, "decl-2020-1", note="n", date=DAY)
    assert yamlfile.load(path.read_text())["updates"] == [{"date": "2024-03-14", "note": "n"}]


def test_a_long_note_is_folded_and_reads_back_the_same(pledge):
    path = pledge.pledge("decl-2020", "1", "title: T\nstatus: unassessed\n")
    note = " ".join(["The joint analysis was published and presented to the ministers."] * 4)
    record_update(pledge.root, "decl-2020-1", note=note, date=DAY)
    written = path.read_text()
    assert "    note: >-\n" in written
    assert max(len(line) for line in written.splitlines()) <= 100
    assert yamlfile.load(written)["updates"][0]["note"] == note


def test_a_note_of_several_lines_is_a_literal_block(pledge):
    path = pledge.pledge("decl-2020", "1", "title: T\nstatus: unassessed\n")
    record_update(pledge.root, "decl-2020-1", note="Two things:\n- one\n- two", date=DAY)
    written = path.read_text()
    assert "    note: |-\n      Two things:\n      - one\n" in written
    assert yamlfile.load(written)["updates"][0]["note"] == "Two things:\n- one\n- two"


def test_a_note_that_looks_like_yaml_is_quoted(pledge):
    path = pledge.pledge("decl-2020", "1", "title: T\nstatus: unassessed\n")
    for note in ("Status: unclear # maybe", "yes", "- a list?", "2024-03-14", "'quoted'"):
        record_update(pledge.root, "decl-2020-1", note=note, date=DAY)
        assert yamlfile.load(path.read_text())["updates"][-1]["note"] == note


def test_lines_ruamel_would_rewrite_are_kept(pledge):
    before = text(
        """
        ---
        title: A title
          written over two lines
        status: unassessed
        summary: "double quoted,
          over two lines"
        actors: [ Spain ,  Italy ]
        """
    )
    path = pledge.pledge("decl-2020", "1", before)
    record_update(pledge.root, "decl-2020-1", status="partial", date=DAY)
    after = path.read_text()
    assert after.replace("status: partial", "status: unassessed").startswith(before)
    assert after.endswith("updates:\n  - date: 2024-03-14\n    status: partial\n")


def test_keep_unchanged_lines_restores_only_what_means_the_same():
    before = "a: one\n  two\nb: x\n"
    emitted = "a: one two\nb: y\n"
    assert keep_unchanged_lines(before, emitted) == "a: one\n  two\nb: y\n"


def test_due_is_set_in_its_documented_place(pledge):
    path = pledge.pledge(
        "decl-2020",
        "1",
        "title: T\nstatus: unassessed\nthemes: [a]\n# see also\nrelated: [decl-2020-1]\n",
    )
    change = record_update(pledge.root, "decl-2020-1", due=dt.date(2025, 12, 31))
    assert path.read_text() == (
        "title: T\nstatus: unassessed\nthemes: [a]\ndue: 2025-12-31\n"
        "# see also\nrelated: [decl-2020-1]\n"
    )
    assert change.changes == ("due 2025-12-31",)
    change = record_update(pledge.root, "decl-2020-1", due=dt.date(2026, 6, 30))
    assert change.changes == ("due 2025-12-31 → 2026-06-30",)
    assert "due: 2026-06-30\n" in path.read_text()


def test_the_change_says_what_changed(pledge):
    pledge.pledge("decl-2020", "1", "title: T\nstatus: unassessed\n")
    change = record_update(pledge.root, "decl-2020-1", status="in-progress", note="n", date=DAY)
    assert change.id == "decl-2020-1"
    assert change.changes == ("unassessed → in-progress", "update 2024-03-14 added")
    assert change.written
    assert change.before == "title: T\nstatus: unassessed\n"


def test_nothing_to_record_is_a_usage_error(pledge):
    pledge.pledge("decl-2020", "1", "title: T\nstatus: unassessed\n")
    with pytest.raises(UsageError, match="nothing to record"):
        record_update(pledge.root, "decl-2020-1")
    with pytest.raises(UsageError, match="--date"):
        record_update(pledge.root, "decl-2020-1", date=DAY, due=DAY)


# --- what is refused -----------------------------------------------------------------------------


def test_a_back_dated_status_that_the_newer_update_contradicts_is_refused(pledge):
    before = text(
        """
        title: T
        status: completed
        updates:
          - date: 2024-05-01
            status: completed
            links: [https://example.org/done]
        """
    )
    path = pledge.pledge("decl-2020", "1", before)
    with pytest.raises(InvalidData, match=r"newest update \(2024-05-01\) says 'completed'"):
        record_update(pledge.root, "decl-2020-1", status="in-progress", date=DAY)
    assert path.read_text() == before


def test_an_invalid_file_is_refused_before_any_change(pledge):
    before = "title: T\nstatus: unassessed\nstauts: x\n"
    path = pledge.pledge("decl-2020", "1", before)
    with pytest.raises(InvalidData) as caught:
        record_update(pledge.root, "decl-2020-1", note="n", date=DAY)
    assert caught.value.line == 3
    assert "fix the file first" in caught.value.message
    assert path.read_text() == before


def test_an_unknown_id_is_not_found(pledge):
    with pytest.raises(NotFound):
        record_update(pledge.root, "decl-2020-9", note="n")


def test_a_write_outside_the_root_is_refused(pledge, tmp_path):
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("title: T\nstatus: unassessed\n")
    with pytest.raises(WriteRefused, match="outside"), modify_pledge(outside, pledge.root):
        pass
    assert outside.read_text() == "title: T\nstatus: unassessed\n"


def test_a_dry_run_writes_nothing(pledge):
    path = pledge.pledge("decl-2020", "1", "title: T\nstatus: unassessed\n")
    change = record_update(pledge.root, "decl-2020-1", note="n", date=DAY, dry_run=True)
    assert path.read_text() == "title: T\nstatus: unassessed\n"
    assert not change.written
    assert "note: n" in change.after


# --- the file's bytes ----------------------------------------------------------------------------


def test_mode_line_endings_and_byte_order_mark_are_kept(pledge):
    path = pledge.root / "decl-2020" / "1.yaml"
    path.write_bytes(codecs.BOM_UTF8 + b"title: T\r\nstatus: unassessed\r\n")
    path.chmod(0o640)
    record_update(pledge.root, "decl-2020-1", note="n", date=DAY)
    assert path.read_bytes() == (
        codecs.BOM_UTF8
        + b"title: T\r\nstatus: unassessed\r\nupdates:\r\n  - date: 2024-03-14\r\n    note: n\r\n"
    )
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in path.parent.iterdir()) == ["1.yaml", "declaration.yaml"]


def test_replace_pledge_never_overwrites_a_write_made_meanwhile(pledge):
    path = pledge.pledge("decl-2020", "1", "title: T\nstatus: unassessed\n")
    read = path.read_bytes()
    path.write_text("title: T\nstatus: partial\n")
    with pytest.raises(WriteRefused, match="changed by another write"):
        replace_pledge(path, pledge.root, read, b"title: T2\nstatus: unassessed\n")
    assert path.read_text() == "title: T\nstatus: partial\n"
    replace_pledge(path, pledge.root, path.read_bytes(), b"title: T2\nstatus: partial\n")
    assert path.read_text() == "title: T2\nstatus: partial\n"


def test_check_pledge_text_names_lines_and_status_disagreement(tmp_path):
    path = tmp_path / "1.yaml"
    assert check_pledge_text(path, "title: T\nstatus: unassessed\n") == []
    [problem] = check_pledge_text(path, "title: T\nstatus: nope\n")
    assert (problem.line, problem.message) == (2, "unknown status 'nope'")
    [problem] = check_pledge_text(
        path, "title: T\nstatus: partial\nupdates:\n  - date: 2024\n    status: completed\n"
    )
    assert (problem.line, problem.code) == (2, "status-mismatch")


# --- links ---------------------------------------------------------------------------------------


def test_a_link_is_added_once(pledge):
    path = pledge.pledge("decl-2020", "1", "title: T\nstatus: unassessed\n")
    change = record_link(
        pledge.root, "decl-2020-1", "https://example.org/a", title="Report", kind="evidence"
    )
    assert change.changes == ("link https://example.org/a added",)
    expected = (
        "title: T\nstatus: unassessed\nlinks:\n  - url: https://example.org/a\n"
        "    title: Report\n    kind: evidence\n"
    )
    assert path.read_text() == expected
    again = record_link(pledge.root, "decl-2020-1", "https://example.org/a")
    assert not again.written
    assert again.changes == ("https://example.org/a is already linked: nothing added",)
    assert path.read_text() == expected


def test_flow_style_links_are_followed(pledge):
    before = "title: T\nstatus: unassessed\nlinks:\n  - {url: https://example.org/a}\n"
    path = pledge.pledge("decl-2020", "1", before)
    record_link(pledge.root, "decl-2020-1", "https://example.org/b", kind="news")
    assert path.read_text() == before + "  - {url: https://example.org/b, kind: news}\n"


# --- new files -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        ([], "01"),
        (["01", "02", "08"], "09"),
        (["09"], "10"),
        (["16", "17", "22a"], "23"),
        (["1", "2", "10"], "11"),
        (["001", "002"], "003"),
    ],
)
def test_next_number_continues_the_sequence(numbers, expected):
    assert next_number(numbers) == expected


def test_new_pledge_writes_a_valid_file_with_the_next_number(pledge):
    pledge.pledge("decl-2020", "07", "title: T\nstatus: unassessed\n")
    made = new_pledge(
        pledge.root,
        "decl-2020",
        "Set up a task force",
        actors=["Europol", "Spain"],
        themes=["smuggling"],
        due=dt.date(2025, 12, 31),
    )
    assert made.id == "decl-2020-08"
    assert made.path.read_text() == (
        "title: Set up a task force\nstatus: unassessed\nactors: [Europol, Spain]\n"
        "themes: [smuggling]\ndue: 2025-12-31\n"
    )
    assert check_pledge_text(made.path, made.path.read_text()) == []


def test_new_pledge_refuses_a_paragraph_that_has_a_file(pledge):
    pledge.pledge("decl-2020", "07", "title: T\nstatus: unassessed\n")
    with pytest.raises(WriteRefused, match="exists already"):
        new_pledge(pledge.root, "decl-2020", "Another", number="7")
    assert sorted(p.name for p in (pledge.root / "decl-2020").iterdir()) == [
        "07.yaml",
        "declaration.yaml",
    ]


@pytest.mark.parametrize("slug", ["../decl-2020", "decl/2020", "Decl-2020", "decl 2020", ".."])
def test_new_refuses_slugs_that_break_the_pattern(pledge, slug):
    with pytest.raises(UsageError, match="not a declaration slug"):
        new_pledge(pledge.root, slug, "T")
    with pytest.raises(UsageError, match="not a declaration slug"):
        new_declaration(pledge.root, slug, "T")


@pytest.mark.parametrize("number", ["../1", "1/2", "1a2", "a", "1 "])
def test_new_refuses_numbers_that_break_the_pattern(pledge, number):
    with pytest.raises(UsageError, match="not a pledge number"):
        new_pledge(pledge.root, "decl-2020", "T", number=number)


def test_new_pledge_needs_its_declaration(pledge):
    with pytest.raises(NotFound, match="tracker new --declaration other-2021"):
        new_pledge(pledge.root, "other-2021", "T")


def test_new_pledge_refuses_a_title_over_the_limit(pledge):
    with pytest.raises(UsageError, match="the limit is 100"):
        new_pledge(pledge.root, "decl-2020", "x" * 101)
    assert [p.name for p in (pledge.root / "decl-2020").iterdir()] == ["declaration.yaml"]


def test_new_declaration_creates_folder_and_file_once(repo):
    made = new_declaration(
        repo.root,
        "eu-x-2024",
        "Joint statement",
        date=PartialDate(2024, 3, precision="month"),
        short="EU–X",
    )
    assert made.path == repo.root / "eu-x-2024" / "declaration.yaml"
    assert made.path.read_text() == "title: Joint statement\nshort: EU–X\ndate: 2024-03\n"
    with pytest.raises(WriteRefused, match="exists already"):
        new_declaration(repo.root, "eu-x-2024", "Other")
    assert made.path.read_text().startswith("title: Joint statement\n")


def test_a_new_declaration_that_fails_midway_leaves_nothing_and_can_be_made_again(
    repo, monkeypatch
):
    # Issue 19, item 9: the folder is built under a hidden name and renamed into place.
    def full(self, target):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(type(repo.root), "rename", full)
        with pytest.raises(WriteRefused, match="No space left on device: nothing written"):
            new_declaration(repo.root, "eu-x-2024", "Joint statement")
    assert list(repo.root.iterdir()) == []  # no folder, not even a hidden one
    made = new_declaration(repo.root, "eu-x-2024", "Joint statement")
    assert made.path.read_text() == "title: Joint statement\n"
    assert store.load(repo.root).problems == []


def test_a_declaration_folder_holding_pledges_gets_its_declaration_file(repo):
    pledge = repo.pledge("eu-x-2024", "1", "title: T\nstatus: unassessed\n")
    made = new_declaration(repo.root, "eu-x-2024", "Joint statement")
    assert made.path.read_text() == "title: Joint statement\n"
    assert pledge.read_text() == "title: T\nstatus: unassessed\n"


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    note=st.text(
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff")
        | st.sampled_from("\n #:-'\"[]{}&*!|>%@`"),
        min_size=1,
        max_size=300,
    )
)
def test_any_note_reads_back_as_it_was_typed(pledge, note):
    path = pledge.pledge("decl-2020", "1", "title: T\nstatus: unassessed\n")
    record_update(pledge.root, "decl-2020-1", note=note, date=DAY)
    assert yamlfile.load(path.read_text())["updates"][0]["note"] == note


def test_a_file_of_thousands_of_repeated_lines_is_written_without_putting_lines_back():
    # Comparing 20,000 identical lines with difflib would take minutes: ruamel's own text is
    # written instead, which means the same.
    before = "title: T\nstatus: unassessed\nactors:\n" + "- a\n" * 20_000
    after = "title: T\nstatus: partial\nactors:\n" + "  - a\n" * 20_000 + "updates: []\n"
    assert keep_unchanged_lines(before, after) == after


def test_lines_are_still_put_back_around_a_change_in_a_long_file():
    body = "".join(f"  - actor {n}\n" for n in range(3000))
    before = "title: T\nstatus: unassessed\nactors:\n" + body
    after = "title: T\nstatus: partial\nactors:\n" + body.replace("  - ", "- ")
    assert keep_unchanged_lines(before, after) == before.replace("unassessed", "partial")


def _write_in_a_child(root, operation: str, n: int, start) -> None:  # type: ignore[no-untyped-def]
    start.wait(timeout=60)  # every child writes at once
    if operation == "update":
        record_update(root, "decl-2020-1", note=f"note {n}", date=DAY)
    else:
        record_link(root, "decl-2020-1", f"https://example.org/{n}", title=f"link {n}")


def test_concurrent_links_and_updates_are_all_kept(pledge):
    """Twenty processes, updates and links interleaved, on one pledge at the same moment."""
    import multiprocessing

    path = pledge.pledge("decl-2020", "1", "title: T\nstatus: unassessed\n")
    context = multiprocessing.get_context("fork")
    start = context.Event()
    children = [
        context.Process(
            target=_write_in_a_child, args=(pledge.root, ("update", "link")[n % 2], n, start)
        )
        for n in range(20)
    ]
    for child in children:
        child.start()
    start.set()
    for child in children:
        child.join(timeout=120)
    assert [child.exitcode for child in children] == [0] * 20
    text = path.read_text()
    data = yamlfile.load(text)
    assert sorted(u["note"] for u in data["updates"]) == sorted(
        f"note {n}" for n in range(0, 20, 2)
    )
    assert sorted(link["url"] for link in data["links"]) == sorted(
        f"https://example.org/{n}" for n in range(1, 20, 2)
    )
    assert check_pledge_text(path, text) == []
    assert sorted(p.name for p in path.parent.iterdir()) == ["1.yaml", "declaration.yaml"]


# --- every write is checked ---------------------------------------------------------------------
# Each write checks the very bytes it is about to write, as `tracker validate` checks a file and
# with PyYAML's pure-Python loader too, before it replaces the file.


def checked(status: str = "in-progress") -> str:
    """A pledge whose one update says `in-progress`, with top-level status `status`."""
    return f"title: T\nstatus: {status}\nupdates:\n  - date: 2024-01-10\n    status: in-progress\n"


CHECKED = checked()


@pytest.fixture
def full_checks(monkeypatch):
    """The bytes that got the check of a write, in order."""
    seen: list[bytes] = []
    check = write.check_bytes

    def counting(path, data, kind="pledge", **options):  # type: ignore[no-untyped-def]
        seen.append(data)
        return check(path, data, kind, **options)

    monkeypatch.setattr(write, "check_bytes", counting)
    return seen


def test_every_write_checks_the_very_bytes_it_writes(pledge, full_checks):
    path = pledge.pledge("decl-2020", "1", CHECKED)
    change = {"status": "partial", "note": "Half done.", "links": ["https://example.org/r"]}
    record_update(pledge.root, "decl-2020-1", date=DAY, **change)
    record_link(pledge.root, "decl-2020-1", "https://example.org/l", kind="news")
    record_update(pledge.root, "decl-2020-1", due=dt.date(2025, 1, 31))
    assert len(full_checks) == 3 and full_checks[-1] == path.read_bytes()
    data = yamlfile.load(path.read_text())
    assert (data["status"], data["due"], data["links"]) == (
        "partial",
        "2025-01-31",
        [{"url": "https://example.org/l", "kind": "news"}],
    )


def test_a_file_broken_since_the_last_write_is_refused(pledge):
    path = pledge.pledge("decl-2020", "1", CHECKED)
    record_update(pledge.root, "decl-2020-1", note="n", date=DAY)
    broken = path.read_text().replace("status: in-progress\nupdates", "status: done\nupdates")
    path.write_text(broken)
    with pytest.raises(InvalidData, match=r"unknown status 'done'.*fix the file first"):
        record_update(pledge.root, "decl-2020-1", note="m", date=DAY)
    assert path.read_text() == broken


def test_an_edit_that_keeps_size_and_time_is_checked(pledge):
    path = pledge.pledge("decl-2020", "1", CHECKED)
    stat = path.stat()
    edited = checked("in-progresz")
    assert len(edited) == len(CHECKED)
    path.write_text(edited)  # same size, same inode,
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same modification time
    with pytest.raises(InvalidData, match="unknown status 'in-progresz'"):
        record_update(pledge.root, "decl-2020-1", note="n", date=DAY)
    assert path.read_text() == edited


def test_a_file_that_breaks_the_status_rule_is_refused(pledge):
    before = checked("completed")
    path = pledge.pledge("decl-2020", "1", before)
    with pytest.raises(InvalidData, match=r"newest update \(2024-01-10\) says 'in-progress'"):
        record_update(pledge.root, "decl-2020-1", note="n", date=DAY)
    assert path.read_text() == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"note": ""}, r"updates\[1\]\.note is empty"),
        ({"status": "done"}, "unknown status 'done'"),
        ({"links": ["javascript:alert(1)"]}, "not an http"),
    ],
)
def test_a_value_the_schema_refuses_is_refused(pledge, change, message):
    path = pledge.pledge("decl-2020", "1", CHECKED)
    with pytest.raises(InvalidData, match=message):
        record_update(pledge.root, "decl-2020-1", date=DAY, **change)
    assert path.read_text() == CHECKED


def test_a_link_kind_the_schema_refuses_is_refused(pledge):
    path = pledge.pledge("decl-2020", "1", CHECKED)
    with pytest.raises(InvalidData, match="unknown link kind 'blog'"):
        record_link(pledge.root, "decl-2020-1", "https://example.org/b", kind="blog")
    assert path.read_text() == CHECKED


def test_a_value_put_from_elsewhere_is_checked(pledge, full_checks):
    path = pledge.pledge("decl-2020", "1", CHECKED)
    with (
        pytest.raises(InvalidData, match="unknown status 'done'"),
        modify_pledge(path, pledge.root) as document,
    ):
        document.put("status", "done")
    assert full_checks == [checked("done").encode()]
    assert path.read_text() == CHECKED


def test_a_render_that_means_something_else_is_checked(pledge, full_checks, monkeypatch):
    path = pledge.pledge("decl-2020", "1", CHECKED)
    render = write.PledgeDocument.render
    monkeypatch.setattr(
        write.PledgeDocument, "render", lambda self: render(self).replace("note: n", "note: m")
    )
    record_update(pledge.root, "decl-2020-1", note="n", date=DAY)
    assert len(full_checks) == 1  # valid, if not what was asked: written as before
    assert yamlfile.load(path.read_text())["updates"][-1] == {"date": "2024-03-14", "note": "m"}


@pytest.mark.parametrize(
    "spoil",
    [
        lambda text: text.replace("note: n", "note: n\n    notes: x"),  # an unknown key
        lambda text: text.replace("status: in-progress\n", "status: stalled\n", 1),  # disagrees
        lambda text: text.replace("2024-03-14", "2024-02-30"),  # no such day
        lambda text: text.replace("title: T\n", "title: T\nsummary: a\tb\n"),  # libyaml only
    ],
)
def test_a_render_that_breaks_the_file_is_refused(pledge, monkeypatch, spoil):
    path = pledge.pledge("decl-2020", "1", CHECKED)
    render = write.PledgeDocument.render
    monkeypatch.setattr(write.PledgeDocument, "render", lambda self: spoil(render(self)))
    with pytest.raises(InvalidData, match="nothing written"):
        record_update(pledge.root, "decl-2020-1", note="n", date=DAY)
    assert path.read_text() == CHECKED


def test_a_line_only_libyaml_reads_is_the_files_own_and_kept(pledge):
    # PyYAML without libyaml refuses a tab before a comment; tracker reads it with libyaml.
    before = CHECKED.replace("title: T\n", "title: T\t# the short title\n")
    path = pledge.pledge("decl-2020", "1", before)
    record_update(pledge.root, "decl-2020-1", note="n", date=DAY)
    assert added_lines(before, path.read_text()) == ["  - date: 2024-03-14", "    note: n"]


# --- a whole new declaration, all or nothing ------------------------------------------------------

DECLARATION = {"title": "Joint statement on ports", "language": "en", "numbering": "printed"}
PLEDGES = [
    ("3", {"title": "Share data", "status": "unassessed", "actors": ["Europol"]}),
    ("a1", {"title": "Train staff", "status": "unassessed", "due": dt.date(2026, 12, 31)}),
]


@pytest.fixture
def data_root(tmp_path):
    root = tmp_path / "commitments"
    root.mkdir()
    return root


def test_write_declaration_writes_every_file_and_they_load_back(data_root):
    written = write.write_declaration(data_root, "ports", DECLARATION, PLEDGES)
    assert [p.name for p in written] == ["declaration.yaml", "3.yaml", "a1.yaml"]
    assert (data_root / "ports" / "3.yaml").read_text() == (
        "title: Share data\nstatus: unassessed\nactors: [Europol]\n"
    )
    catalog = store.load(data_root)
    assert catalog.problems == []
    assert [p.id for p in catalog.pledges] == ["ports-3", "ports-a1"]
    assert catalog.pledge("ports-a1").pledge.due == dt.date(2026, 12, 31)
    assert sorted(p.name for p in data_root.iterdir()) == ["ports"]  # no temporary folder left


@pytest.mark.parametrize("existing", ["folder with a file", "file"])
def test_write_declaration_never_overwrites(data_root, existing):
    target = data_root / "ports"
    if existing == "file":
        target.write_text("mine\n")
    else:
        target.mkdir()
        (target / "3.yaml").write_text("title: Mine\nstatus: completed\n")
    refusal = (
        "is a file, where the declaration's folder would be"
        if existing == "file"
        else ("exists already")
    )
    with pytest.raises(WriteRefused, match=f"{refusal}.*: nothing written"):
        write.write_declaration(data_root, "ports", DECLARATION, PLEDGES)
    if existing == "file":
        assert target.read_text() == "mine\n"
    else:
        assert [p.name for p in target.iterdir()] == ["3.yaml"]
        assert (target / "3.yaml").read_text() == "title: Mine\nstatus: completed\n"
    assert sorted(p.name for p in data_root.iterdir()) == ["ports"]


def test_write_declaration_refuses_a_file_validate_would_reject_and_writes_nothing(data_root):
    bad = [*PLEDGES, ("4", {"title": "x" * 101, "status": "unassessed"})]
    with pytest.raises(InvalidData, match="nothing written"):
        write.write_declaration(data_root, "ports", DECLARATION, bad)
    with pytest.raises(UsageError, match="not a pledge number"):
        write.write_declaration(data_root, "ports", DECLARATION, [("A1", PLEDGES[0][1])])
    with pytest.raises(UsageError, match="given twice"):
        write.write_declaration(data_root, "ports", DECLARATION, [PLEDGES[0], ("03", {})])
    assert list(data_root.iterdir()) == []


def test_a_failed_write_leaves_nothing_and_a_rerun_works(data_root, monkeypatch):
    """A disk that fills up midway: no folder, no temporary folder; the next run writes all."""
    calls = []
    real_fsync = os.fsync

    def failing_fsync(descriptor):
        calls.append(descriptor)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(WriteRefused, match="No space left on device: nothing written"):
        write.write_declaration(data_root, "ports", DECLARATION, PLEDGES)
    assert list(data_root.iterdir()) == []
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert len(write.write_declaration(data_root, "ports", DECLARATION, PLEDGES)) == 3


def test_an_empty_folder_left_by_an_older_failure_is_taken_and_a_stale_one_removed(data_root):
    (data_root / "ports").mkdir()
    stale = data_root / ".ports.killed.new"
    stale.mkdir()
    (stale / "3.yaml").write_text("title: half\n")
    os.utime(stale, (1, 1))
    write.write_declaration(data_root, "ports", DECLARATION, PLEDGES)
    assert sorted(p.name for p in data_root.iterdir()) == ["ports"]
    assert store.load(data_root).problems == []


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    title=st.text(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
        min_size=1,
        max_size=100,
    ).filter(lambda t: t.strip() == t and t.strip()),
    text=st.lists(
        st.text(
            st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp", "Zs")),
            min_size=1,
            max_size=30,
        ),
        min_size=1,
        max_size=60,
    ).map(" ".join),
)
def test_written_declarations_read_back_as_given(tmp_path_factory, title, text):
    """Whatever the title and text hold (`: `, `#`, quotes, `- ` at the start, `yes`), the files
    read back to the same values."""
    root = tmp_path_factory.mktemp("data") / "commitments"
    root.mkdir()
    pledge = {"title": title, "original": {"language": "da", "text": text}, "status": "unassessed"}
    write.write_declaration(root, "x", {"title": title}, [("1", pledge)])
    assert yamlfile.load((root / "x" / "1.yaml").read_text(encoding="utf-8")) == pledge
    assert yamlfile.load((root / "x" / "declaration.yaml").read_text(encoding="utf-8")) == {
        "title": title
    }


# --- round trips that keep what ruamel alone would lose (issue 19, items 3, 7 and 11) -----------


def test_comments_after_an_end_of_document_marker_are_kept(pledge):
    before = "title: T\nstatus: unassessed\n...\n# a comment after the end\n"
    path = pledge.pledge("decl-2020", "1", before)
    record_update(pledge.root, "decl-2020-1", note="hi", date=DAY)
    assert path.read_text() == (
        "title: T\nstatus: unassessed\nupdates:\n  - date: 2024-03-14\n    note: hi\n"
        "...\n# a comment after the end\n"
    )


def test_a_file_with_a_tab_before_a_comment_can_be_updated(pledge):
    path = pledge.pledge("decl-2020", "1", "title: T\nstatus: unassessed\t# c\nactors: [a]\t# d\n")
    record_update(pledge.root, "decl-2020-1", status="in-progress", date=DAY)
    after = path.read_text()
    assert after.startswith("title: T\nstatus: in-progress # c\nactors: [a]\t# d\n")
    assert yamlfile.load(after)["status"] == "in-progress"


def test_a_large_file_keeps_its_unchanged_lines_indentation_and_flow_style(pledge):
    # Over 60 KB, with trailing spaces on most lines, a nested list indented deeper than ruamel
    # would, and inline mappings: an update adds its lines and changes nothing else.
    lines = ["title: A long-running pledge   ", "status: in-progress", "links:"]
    lines.append("    - {url: 'https://example.org/a', kind: evidence}")
    lines.append("updates:")
    number = 0
    while sum(len(line) + 1 for line in lines) < 62_000:
        number += 1
        lines += [
            f"    - date: {2000 + number // 300}-{number % 12 + 1:02d}   ",
            f"      note: Step {number} of the work, reported by the office of number {number}  ",
            "      links:",
            f"          - https://example.org/{number}",
        ]
    before = "\n".join(lines) + "\n"
    path = pledge.pledge("decl-2020", "1", before)
    record_update(pledge.root, "decl-2020-1", note="new", date=dt.date(2100, 1, 1))
    assert added_lines(before, path.read_text()) == ["    - date: 2100-01-01", "      note: new"]
