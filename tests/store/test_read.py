from pathlib import Path

import pytest

from tracker import store
from tracker.errors import InvalidData, NotFound, RootNotFound
from tracker.model import plain, pledge_record
from tracker.store import read as reading


def test_find_root_walks_up_from_the_working_directory(repo):
    deep = repo.base / "a" / "b"
    deep.mkdir(parents=True)
    assert store.find_root(start=deep) == repo.root


def test_find_root_inside_the_data_folder(repo):
    folder = repo.root / "x"
    folder.mkdir()
    assert store.find_root(start=folder) == repo.root


def test_explicit_root_may_name_the_folder_or_its_parent(repo):
    assert store.find_root(repo.base) == repo.root
    assert store.find_root(repo.root) == repo.root


def test_no_root_says_how_to_get_one(tmp_path):
    with pytest.raises(RootNotFound, match="use --root PATH or set TRACKER_ROOT"):
        store.find_root(start=tmp_path)
    with pytest.raises(RootNotFound, match="no such folder"):
        store.find_root(tmp_path / "missing")


def test_scan_finds_pledges_from_names_alone(sample):
    layout = store.scan(sample.root)
    # By folder, then by file name: orders that people see are made by the index.
    assert [p.id for p in layout.pledges] == [
        "alpha-2020-1",
        "alpha-2020-10",
        "alpha-2020-2",
        "beta-2021-01",
        "beta-2021-02",
    ]
    assert layout.pledges[1].path == sample.root / "alpha-2020" / "10.yaml"
    assert set(layout.declarations) == {"alpha-2020", "beta-2021"}
    assert layout.problems == []


def test_scan_reports_misnamed_files_and_folders(repo):
    repo.declaration("good")
    repo.write("good/notes.yaml", "title: x\n")
    repo.write("good/20.yml", "title: x\n")
    repo.write("good/README.md", "not data\n")
    repo.write("Bad Folder/1.yaml", "title: x\n")
    repo.write("loose.yaml", "title: x\n")
    repo.write("nodecl/1.yaml", "title: x\nstatus: unassessed\n")
    codes = {(p.path.name, p.code) for p in store.scan(repo.root).problems}
    assert codes == {
        ("notes.yaml", "file-name"),
        ("20.yml", "file-name"),
        ("Bad Folder", "slug"),
        ("loose.yaml", "file-name"),
        ("nodecl", "missing-declaration"),
    }


def test_two_files_for_one_paragraph_are_an_error(repo):
    repo.declaration("d")
    repo.pledge("d", "7", "title: a\nstatus: unassessed\n")
    repo.pledge("d", "07", "title: b\nstatus: unassessed\n")
    [problem] = store.scan(repo.root).problems
    assert problem.code == "duplicate-number"
    assert "also in 07.yaml" in problem.message


def test_symlinks_out_of_the_root_are_not_followed(repo, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.yaml"
    outside.write_text("title: secret\nstatus: completed\n")
    repo.declaration("d")
    (repo.root / "d" / "1.yaml").symlink_to(outside)
    catalog = store.load(repo.root)
    assert catalog.pledges == []
    assert [p.code for p in catalog.problems] == ["symlink"]


def test_symlinks_inside_the_root_are_followed(repo):
    repo.declaration("d")
    target = repo.pledge("d", "1", "title: a\nstatus: unassessed\n")
    (repo.root / "d" / "2.yaml").symlink_to(target)
    assert [p.id for p in store.load(repo.root).pledges] == ["d-1", "d-2"]


def test_a_broken_file_costs_only_itself(sample):
    sample.pledge("alpha-2020", "3", "title: A\nstatus: done\n")
    sample.pledge("alpha-2020", "4", "title: [unclosed\n")
    catalog = store.load(sample.root)
    assert len(catalog.pledges) == 5
    assert {(p.path.name, p.line, p.code) for p in catalog.problems} == {
        ("3.yaml", 2, "status"),
        ("4.yaml", 2, "yaml"),
    }


def test_a_broken_declaration_file_keeps_its_pledges(sample):
    sample.declaration("beta-2021", "title: B\ndate: 2021-02-30\n")
    catalog = store.load(sample.root)
    assert "beta-2021" not in catalog.declarations
    assert [p.id for p in catalog.pledges if p.declaration == "beta-2021"] == [
        "beta-2021-01",
        "beta-2021-02",
    ]
    assert catalog.problems[0].line == 2


def test_empty_and_non_mapping_files(repo):
    repo.declaration("d")
    repo.pledge("d", "1", "")
    repo.pledge("d", "2", "- a\n- b\n")
    problems = {p.path.name: p for p in store.load(repo.root).problems}
    assert problems["1.yaml"].code == "empty"
    assert problems["2.yaml"].message.endswith("not a list")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("alpha-2020-2", "alpha-2020-2"),
        ("ALPHA-2020-2", "alpha-2020-2"),
        ("alpha-2020-02", "alpha-2020-2"),  # the number written another way
        ("beta-2021-1", "beta-2021-01"),
        ("2020-10", "alpha-2020-10"),  # a unique suffix
        ("alpha-2020-10.yaml", "alpha-2020-10"),
    ],
)
def test_resolve_ids(sample, text, expected):
    assert store.resolve(sample.root, text).id == expected


def test_resolve_refuses_an_ambiguous_suffix(sample):
    with pytest.raises(NotFound, match="matches 2 pledges: alpha-2020-1, beta-2021-01"):
        store.resolve(sample.root, "1")


def test_resolve_suggests_close_ids(sample):
    with pytest.raises(NotFound) as caught:
        store.resolve(sample.root, "alpha-2002-1")
    assert caught.value.suggestions[0] == "alpha-2020-1"
    assert "did you mean alpha-2020-1" in caught.value.message


def test_resolve_does_not_parse_pledge_files(sample, monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("a pledge file was parsed")

    monkeypatch.setattr(reading, "read_pledge", fail)
    assert store.resolve(sample.root, "beta-2021-02").path.name == "02.yaml"


@pytest.mark.parametrize("text", ["2020-2", "alpha-2020-2", "alpha-2020-02"])
def test_resolve_walks_only_the_folders_an_id_can_name(sample, monkeypatch, text):
    walked = []
    walk = reading._scan_declaration

    def walk_and_note(layout, slug, folder):
        walked.append(slug)
        return walk(layout, slug, folder)

    monkeypatch.setattr(reading, "_scan_declaration", walk_and_note)
    assert store.resolve(sample.root, text).id == "alpha-2020-2"
    assert walked == ["alpha-2020"]


def test_load_pledge_reads_one_file_and_raises_on_a_broken_one(sample):
    assert store.load_pledge(sample.root, "alpha-2020-2").pledge.title == "Train border guards"
    sample.pledge("alpha-2020", "3", "title: A\nstatus: done\n")
    with pytest.raises(InvalidData) as caught:
        store.load_pledge(sample.root, "alpha-2020-3")
    assert caught.value.line == 2


def _everything(catalog):
    return (
        [(e.id, str(e.path), pledge_record(e)) for e in catalog.pledges],
        {slug: plain(e.declaration) for slug, e in catalog.declarations.items()},
        catalog.problems,
    )


def test_reading_in_worker_processes_gives_what_one_process_gives(sample, monkeypatch):
    sample.pledge("alpha-2020", "3", "title: A\nstatus: done\n")
    sample.pledge("alpha-2020", "4", "title: [unclosed\n")
    sample.declaration("beta-2021", "title: B\ndate: 2021-02-30\n")
    alone = _everything(store.load(sample.root))
    in_parent: list[Path] = []
    original = reading._read

    def counting(kind, path):
        in_parent.append(path)  # a worker appends to its own copy of the list
        return original(kind, path)

    monkeypatch.setattr(reading, "_read", counting)
    monkeypatch.setattr(reading, "PARALLEL_FROM", 2)
    monkeypatch.setattr(reading.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert _everything(store.load(sample.root)) == alone
    assert in_parent == []  # the workers read every file


def test_reading_stays_in_one_process_when_workers_cannot_start(sample, monkeypatch):
    import concurrent.futures

    alone = _everything(store.load(sample.root))

    def cannot_fork(*args, **kwargs):
        raise OSError("fork: Resource temporarily unavailable")

    monkeypatch.setattr(reading, "PARALLEL_FROM", 2)
    monkeypatch.setattr(reading.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", cannot_fork)
    assert _everything(store.load(sample.root)) == alone


def test_load_pledge_parses_only_its_own_file(sample, monkeypatch):
    parsed = []
    original = reading._read
    monkeypatch.setattr(
        reading, "_read", lambda kind, path: parsed.append(path) or original(kind, path)
    )
    store.load_pledge(sample.root, "beta-2021-02")
    assert parsed == [sample.root / "beta-2021" / "02.yaml"]


def test_an_explicit_root_must_hold_pledge_data(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "main.py").write_text("")
    with pytest.raises(RootNotFound, match="holds no pledge data"):
        store.find_root(tmp_path)
    (tmp_path / "eu-x-2020").mkdir()
    (tmp_path / "eu-x-2020" / "declaration.yaml").write_text("title: X\n")
    assert store.find_root(tmp_path) == tmp_path
    empty = tmp_path / "empty"
    empty.mkdir()
    assert store.find_root(empty) == empty  # a new data folder, with nothing to misread
