import textwrap

import pytest

from tracker.merge import merge_files, merge_texts, newest_status
from tracker.store import yamlfile


def text(block: str) -> str:
    return textwrap.dedent(block).lstrip("\n")


BASE = text(
    """
    # Paragraph 20: followed by the secretariat.
    title: Share data on smuggling
    status: in-progress   # since the first meeting
    actors: [Europol, Spain]
    links:
      - url: https://example.org/plan
        kind: follow-up

    # Progress, oldest first.
    updates:
      - date: 2024-01-10
        status: in-progress
        note: Work began.
    """
)


# THEIRS as another person writes the same pledge: no comments, another indentation.
THEIRS_BASE = text(
    """
    title: Share data on smuggling
    status: in-progress
    actors: [Europol, Spain]
    links:
    - url: https://example.org/plan
      kind: follow-up
    updates:
    - date: 2024-01-10
      status: in-progress
      note: Work began.
    """
)


def test_updates_of_both_sides_are_kept_in_date_order_with_ours_layout():
    ours = BASE + "  - date: 2024-05-01\n    note: A meeting took place.\n"
    theirs = THEIRS_BASE + "- date: 2024-03-01\n  note: A report came out.\n"
    merged = merge_texts(BASE, ours, theirs)
    assert merged.conflicts == []
    assert merged.text == (
        BASE
        + "  - date: 2024-03-01\n    note: A report came out.\n"
        + "  - date: 2024-05-01\n    note: A meeting took place.\n"
    )


def test_links_of_both_sides_are_kept_once():
    ours = BASE.replace(
        "    kind: follow-up\n", "    kind: follow-up\n  - url: https://example.org/ours\n"
    )
    theirs = THEIRS_BASE.replace(
        "  kind: follow-up\n",
        "  kind: follow-up\n- url: https://example.org/theirs\n  title: Their find\n"
        "- url: https://example.org/ours\n",
    )
    merged = merge_texts(BASE, ours, theirs)
    assert merged.conflicts == []
    assert merged.text == ours.replace(
        "  - url: https://example.org/ours\n",
        "  - url: https://example.org/ours\n"
        "  - url: https://example.org/theirs\n    title: Their find\n",
    )


def test_actors_added_on_both_sides_are_a_union():
    ours = BASE.replace("[Europol, Spain]", "[Europol, Spain, France]")
    theirs = THEIRS_BASE.replace("[Europol, Spain]", "[Europol, Spain, Italy, France]")
    merged = merge_texts(BASE, ours, theirs)
    assert merged.text == BASE.replace("[Europol, Spain]", "[Europol, Spain, France, Italy]")


def test_what_one_side_removed_stays_removed():
    ours = BASE.replace("[Europol, Spain]", "[Europol]")
    theirs = THEIRS_BASE + "- date: 2024-03-01\n  note: A report came out.\n"
    merged = merge_texts(BASE, ours, theirs)
    assert merged.text == ours + "  - date: 2024-03-01\n    note: A report came out.\n"


def test_a_field_changed_on_one_side_takes_that_side():
    ours = BASE + "  - date: 2024-05-01\n    note: A meeting took place.\n"
    theirs = THEIRS_BASE.replace(
        "title: Share data on smuggling\n",
        "title: Share data on migrant smuggling\n",
    ).replace("actors: [Europol, Spain]\n", "actors: [Europol, Spain]\ndue: 2025-12-31\n")
    merged = merge_texts(BASE, ours, theirs)
    assert merged.conflicts == []
    assert merged.text == ours.replace(
        "title: Share data on smuggling\n", "title: Share data on migrant smuggling\n"
    ).replace("actors: [Europol, Spain]\n", "actors: [Europol, Spain]\ndue: 2025-12-31\n")


def test_a_status_both_sides_changed_without_an_update_deciding_is_a_conflict_on_status_only():
    ours = BASE.replace("status: in-progress   #", "status: stalled   #")
    theirs = THEIRS_BASE.replace("status: in-progress\nactors", "status: dropped\nactors")
    merged = merge_texts(BASE, ours, theirs)
    assert merged.conflicts == ["status"]
    assert merged.text == BASE.replace(
        "status: in-progress   # since the first meeting\n",
        "<<<<<<< ours\n"
        "status: stalled   # since the first meeting\n"
        "=======\n"
        "status: dropped\n"
        ">>>>>>> theirs\n",
    )


def test_the_later_update_decides_the_status():
    ours = BASE.replace("status: in-progress   #", "status: stalled   #") + (
        "  - date: 2024-05-01\n    status: stalled\n    note: Funding stopped.\n"
    )
    theirs = THEIRS_BASE.replace("status: in-progress\nactors", "status: completed\nactors") + (
        "- date: 2024-06-01\n  status: completed\n  note: Data shared.\n"
    )
    merged = merge_texts(BASE, ours, theirs)
    assert merged.conflicts == []
    # (ruamel keeps the comment as close to its column as the longer value lets it)
    assert merged.text == BASE.replace("status: in-progress   #", "status: completed #") + (
        "  - date: 2024-05-01\n    status: stalled\n    note: Funding stopped.\n"
        "  - date: 2024-06-01\n    status: completed\n    note: Data shared.\n"
    )


def test_updates_of_one_day_with_different_statuses_decide_nothing():
    ours = BASE.replace("status: in-progress   #", "status: stalled   #") + (
        "  - date: 2024-05-01\n    status: stalled\n"
    )
    theirs = THEIRS_BASE.replace("status: in-progress\nactors", "status: partial\nactors") + (
        "- date: 2024-05-01\n  status: partial\n"
    )
    merged = merge_texts(BASE, ours, theirs)
    assert merged.conflicts == ["status"]
    assert merged.text == BASE.replace(
        "status: in-progress   # since the first meeting\n",
        "<<<<<<< ours\nstatus: stalled   # since the first meeting\n=======\n"
        "status: partial\n>>>>>>> theirs\n",
    ) + ("  - date: 2024-05-01\n    status: stalled\n  - date: 2024-05-01\n    status: partial\n")


def test_a_field_removed_on_one_side_and_changed_on_the_other_is_a_conflict():
    base = BASE.replace("actors:", "due: 2024-12-31\nactors:")
    ours = BASE  # without the due date
    theirs = THEIRS_BASE.replace("actors:", "due: 2025-01-01\nactors:").replace(
        "title: Share data on smuggling", "title: Share data"
    )
    merged = merge_texts(base, ours, theirs)
    assert merged.conflicts == ["due"]
    assert merged.text == BASE.replace(
        "title: Share data on smuggling", "title: Share data"
    ).replace(  # where the documented order of keys puts it
        "actors: [Europol, Spain]\n",
        "actors: [Europol, Spain]\n<<<<<<< ours\n=======\ndue: 2025-01-01\n>>>>>>> theirs\n",
    )


def test_a_conflicting_field_is_named_by_validate():
    ours = BASE.replace("status: in-progress   #", "status: stalled   #")
    theirs = THEIRS_BASE.replace("status: in-progress\nactors", "status: dropped\nactors")
    merged = merge_texts(BASE, ours, theirs)
    with pytest.raises(yamlfile.YamlError) as caught:
        yamlfile.load(merged.text)
    assert caught.value.line == 3
    assert caught.value.message == (
        "git merge-conflict marker: status differs between the two sides; "
        "choose one and remove the markers"
    )


def test_both_sides_adding_the_same_file_merge_from_an_empty_base():
    ours = "title: New pledge\nstatus: unassessed\nthemes: [ports]\n"
    theirs = "title: New pledge\nstatus: unassessed\nthemes: [customs]\n"
    merged = merge_texts("", ours, theirs)
    assert merged.text == "title: New pledge\nstatus: unassessed\nthemes: [ports, customs]\n"


@pytest.mark.parametrize(
    ("updates", "decided"),
    [
        ([], None),
        ([{"date": "2024-01-01", "note": "x"}], None),
        (
            [{"date": "2024-05", "status": "partial"}, {"date": "2024-04-30", "status": "stalled"}],
            "partial",
        ),
        (
            [{"date": "2024", "status": "partial"}, {"date": "2024-01-02", "status": "stalled"}],
            "stalled",
        ),
        (
            [
                {"date": "2024-05-01", "status": "partial"},
                {"date": "2024-05-01", "status": "stalled"},
            ],
            None,
        ),
        ([{"date": "someday", "status": "partial"}], None),
    ],
)
def test_newest_status(updates, decided):
    assert newest_status(updates) == decided


# --- the driver on files -------------------------------------------------------------------------


def three_files(tmp_path, base: str, ours: str, theirs: str):
    paths = []
    for name, content in (("base", base), ("ours", ours), ("theirs", theirs)):
        path = tmp_path / f"{name}.yaml"
        path.write_bytes(content.encode("utf-8"))
        paths.append(path)
    return paths


def test_the_driver_writes_the_merge_into_ours_keeping_its_line_endings(tmp_path):
    ours = (BASE + "  - date: 2024-05-01\n    note: Ours.\n").replace("\n", "\r\n")
    theirs = THEIRS_BASE + "- date: 2024-03-01\n  note: Theirs.\n"
    base_path, ours_path, theirs_path = three_files(tmp_path, BASE, ours, theirs)
    outcome = merge_files(base_path, ours_path, theirs_path)
    assert (outcome.conflicts, outcome.as_text) == ((), None)
    written = ours_path.read_bytes()
    assert b"\n" not in written.replace(b"\r\n", b"")
    data = yamlfile.load(written.decode().replace("\r\n", "\n"))
    assert [u["note"] for u in data["updates"]] == ["Work began.", "Theirs.", "Ours."]
    assert theirs_path.read_text() == theirs  # only OURS is written


def test_a_version_that_does_not_parse_is_merged_as_text(tmp_path):
    broken_base = BASE.replace("actors: [Europol, Spain]", "actors: [Europol, Spain")
    ours = BASE.replace("title: Share data on smuggling", "title: Share data at sea")
    theirs = BASE.replace("status: in-progress   #", "status: stalled   #")
    base_path, ours_path, theirs_path = three_files(tmp_path, broken_base, ours, theirs)
    outcome = merge_files(base_path, ours_path, theirs_path)
    assert outcome.as_text is not None and outcome.as_text.startswith("base cannot be read")
    # git merge-file merged the lines: both changes are there, the broken line conflicts
    merged = ours_path.read_text()
    assert "title: Share data at sea\n" in merged
    assert "status: stalled   #" in merged
    assert outcome.text_conflicts == ("<<<<<<< ours" in merged)


def test_a_version_with_conflict_markers_is_merged_as_text_and_nothing_is_lost(tmp_path):
    marked = "title: T\n<<<<<<< ours\nstatus: stalled\n=======\nstatus: dropped\n>>>>>>> theirs\n"
    base_path, ours_path, theirs_path = three_files(
        tmp_path, "title: T\nstatus: stalled\n", marked, "title: T2\nstatus: stalled\n"
    )
    outcome = merge_files(base_path, ours_path, theirs_path)
    assert outcome.as_text is not None
    assert outcome.text_conflicts
    assert "status: dropped" in ours_path.read_text()


def test_a_declaration_merges_too():
    base = "title: Joint statement\nparties: [EU]\n"
    ours = "title: Joint statement\nparties: [EU, Albania]\nvenue: Sofia\n"
    theirs = "title: Joint statement\nshort: EU–WB 2018\nparties: [EU, Serbia]\n"
    merged = merge_texts(base, ours, theirs)
    assert merged.conflicts == []
    assert merged.text == (
        "title: Joint statement\nparties: [EU, Albania, Serbia]\nvenue: Sofia\nshort: EU–WB 2018\n"
    )
