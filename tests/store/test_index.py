"""The index: whatever happens to the files, to the index or to tracker's own code, a read through
the index gives exactly what a read without it gives, and it parses only the files that changed."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import tracker
from tracker import model, query, store
from tracker.store import index, read


@pytest.fixture
def cache_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path_factory.mktemp("cache") / "tracker"
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def settled_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep files written a moment ago as if they were older than the racy window; each test
    that uses this changes files in ways that change their key (size, mtime, inode or name)."""
    monkeypatch.setattr(index, "RACY_NS", -(10**12))


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files parsed, as `folder/name`, in order."""
    seen: list[str] = []
    original = read._read

    def counting(kind: str, path: Path):  # type: ignore[no-untyped-def]
        seen.append(f"{path.parent.name}/{path.name}")
        return original(kind, path)

    monkeypatch.setattr(read, "_read", counting)
    return seen


def snapshot(catalog: store.Catalog) -> dict[str, object]:
    """Everything a load gives, as plain data (dates with their precision)."""
    return {
        "pledges": [(str(e.path), model.pledge_record(e)) for e in catalog.pledges],
        "declarations": {
            slug: (str(e.path), model.plain(e.declaration))
            for slug, e in catalog.declarations.items()
        },
        "problems": [(str(p.path), p.line, p.level, p.code, p.message) for p in catalog.problems],
    }


SORTS = ("id", "-due", "status", "updated", "-declaration")


def check(root: Path, cache_dir: Path) -> store.Catalog:
    """Load through the index and assert that it equals a load without it; then choose through
    the index in every order (as a warm `tracker list` does) and assert the same."""
    cached = store.load(root, cache=cache_dir)
    fresh = store.load(root)
    assert snapshot(cached) == snapshot(fresh)
    for sort in SORTS:
        found = store.find(root, None, sort, cache=cache_dir)
        expected = query.find(fresh, None, sort)
        assert [(str(e.path), model.pledge_record(e)) for e in found.pledges] == [
            (str(e.path), model.pledge_record(e)) for e in expected
        ]
        assert sorted(found.problems, key=repr) == sorted(fresh.problems, key=repr)
    return cached


def touch_later(path: Path, seconds: int = 5) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + seconds * 10**9))


# --- the index serves what a fresh read gives -----------------------------------------------------


def test_a_warm_load_parses_nothing_and_gives_the_same(sample, cache_dir, settled_at_once, reads):
    check(sample.root, cache_dir)
    assert len(reads) == 7 + 7  # through the index and without it: 2 declarations, 5 pledges
    reads.clear()
    check(sample.root, cache_dir)
    assert len(reads) == 7  # the load without the index alone


def test_an_edited_file_is_parsed_again(sample, cache_dir, settled_at_once, reads):
    check(sample.root, cache_dir)
    sample.pledge("alpha-2020", "2", "title: Train border guards\nstatus: completed\n")
    reads.clear()
    catalog = check(sample.root, cache_dir)
    assert reads[0] == "alpha-2020/2.yaml" and len(reads) == 1 + 7
    assert catalog.pledge("alpha-2020-2").pledge.status == "completed"


def test_touching_a_file_alone_has_it_parsed_again(sample, cache_dir, settled_at_once, reads):
    check(sample.root, cache_dir)
    touch_later(sample.root / "beta-2021" / "02.yaml")
    reads.clear()
    check(sample.root, cache_dir)
    assert reads[0] == "beta-2021/02.yaml" and len(reads) == 1 + 7


def test_an_edit_that_keeps_size_and_modification_time_is_still_seen(
    sample, cache_dir, settled_at_once
):
    path = sample.root / "alpha-2020" / "2.yaml"
    check(sample.root, cache_dir)
    before = path.stat()
    path.write_text(path.read_text().replace("in-progress", "not-started"))  # 11 letters for 11
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `touch -r` or rsync -t do
    assert path.stat().st_size == before.st_size
    catalog = check(sample.root, cache_dir)
    assert catalog.pledge("alpha-2020-2").pledge.status == "not-started"


def test_a_deleted_file_is_gone(sample, cache_dir, settled_at_once):
    check(sample.root, cache_dir)
    (sample.root / "alpha-2020" / "10.yaml").unlink()
    catalog = check(sample.root, cache_dir)
    assert "alpha-2020-10" not in [e.id for e in catalog.pledges]


def test_a_renamed_file_has_its_new_id(sample, cache_dir, settled_at_once):
    check(sample.root, cache_dir)
    folder = sample.root / "alpha-2020"
    (folder / "10.yaml").rename(folder / "11.yaml")
    catalog = check(sample.root, cache_dir)
    assert catalog.pledge("alpha-2020-11").pledge.title == "Meet again"
    assert catalog.pledge("alpha-2020-10") is None


def test_two_files_swapped_by_name_are_told_apart(repo, cache_dir, settled_at_once):
    repo.declaration("d")
    first = repo.pledge("d", "1", "title: One\nstatus: stalled\n")
    second = repo.pledge("d", "2", "title: Two\nstatus: partial\n")
    stat = first.stat()
    os.utime(second, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    check(repo.root, cache_dir)
    first.rename(repo.root / "d" / "tmp.yaml")
    second.rename(first)
    (repo.root / "d" / "tmp.yaml").rename(second)
    assert check(repo.root, cache_dir).pledge("d-1").pledge.title == "Two"


def test_an_added_file_is_read_and_the_rest_is_not(sample, cache_dir, settled_at_once, reads):
    check(sample.root, cache_dir)
    sample.pledge("beta-2021", "03", "title: New\nstatus: unassessed\n")
    sample.declaration("gamma-2022")
    reads.clear()
    catalog = check(sample.root, cache_dir)
    assert sorted(reads[:2]) == ["beta-2021/03.yaml", "gamma-2022/declaration.yaml"]
    assert len(reads) == 2 + 9
    assert catalog.pledge("beta-2021-03") is not None


def test_a_removed_declaration_folder_is_gone(sample, cache_dir, settled_at_once):
    check(sample.root, cache_dir)
    shutil.rmtree(sample.root / "beta-2021")
    catalog = check(sample.root, cache_dir)
    assert "beta-2021" not in catalog.declarations
    assert [e.declaration for e in catalog.pledges] == ["alpha-2020"] * 3


def test_problems_are_kept_with_the_files(sample, cache_dir, settled_at_once, reads):
    sample.pledge("alpha-2020", "3", "title: A\nstatus: done\n")
    sample.pledge("alpha-2020", "4", "title: [unclosed\n")
    sample.write("alpha-2020/notes.yaml", "x: 1\n")
    sample.write("Bad Folder/1.yaml", "title: x\n")
    sample.declaration("beta-2021", "title: B\ndate: 2021-02-30\n")
    first = check(sample.root, cache_dir)
    reads.clear()
    second = check(sample.root, cache_dir)
    assert len(reads) == 9  # the load without the index alone
    assert {p.code for p in second.problems} == {"status", "yaml", "file-name", "slug", "date"}
    assert snapshot(first) == snapshot(second)


def test_a_load_of_some_declarations_keeps_the_others(sample, cache_dir, settled_at_once, reads):
    check(sample.root, cache_dir)
    cached = store.load(sample.root, ["beta-2021"], cache=cache_dir)
    assert snapshot(cached) == snapshot(store.load(sample.root, ["beta-2021"]))
    reads.clear()
    check(sample.root, cache_dir)
    assert len(reads) == 7  # the load without the index alone


def test_symbolic_links_are_followed_afresh(repo, cache_dir, settled_at_once):
    repo.declaration("d")
    one = repo.pledge("d", "1", "title: One\nstatus: completed\n")
    two = repo.pledge("d", "2", "title: Two, longer\nstatus: stalled\n")
    link = repo.root / "d" / "3.yaml"
    link.symlink_to(one)
    check(repo.root, cache_dir)
    link.unlink()
    link.symlink_to(two)
    assert check(repo.root, cache_dir).pledge("d-3").pledge.title == "Two, longer"


def test_files_changed_a_moment_ago_are_read_again_next_time(sample, cache_dir, reads, monkeypatch):
    # Within the file system's timestamp granularity a second write can leave size and times
    # as they were; such files are read again until they are older than the racy window (here
    # made long, so that a slow machine cannot let them age past it during the test).
    monkeypatch.setattr(index, "RACY_NS", 10**15)
    path = sample.root / "alpha-2020" / "2.yaml"
    check(sample.root, cache_dir)
    path.write_text(path.read_text().replace("in-progress", "not-started"))
    reads.clear()
    catalog = check(sample.root, cache_dir)
    assert catalog.pledge("alpha-2020-2").pledge.status == "not-started"
    assert len(reads) == 7 * (2 + len(SORTS))  # every run read every file again


def test_many_files_read_by_worker_processes_give_what_one_process_gives(
    sample, cache_dir, settled_at_once, monkeypatch
):
    sample.pledge("alpha-2020", "3", "title: A\nstatus: done\n")
    sample.pledge("beta-2021", "04", "title: [unclosed\n")
    alone = snapshot(store.load(sample.root))
    monkeypatch.setattr(read, "PARALLEL_FROM", 2)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert snapshot(store.load(sample.root, cache=cache_dir)) == alone
    check(sample.root, cache_dir)


# --- an index that cannot be trusted --------------------------------------------------------------


def garbage(path: Path) -> None:
    path.write_bytes(b"not a database, but long enough to look like a page header" * 100)


def truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def zeroed(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[100:4096] = bytes(4096 - 100)  # the schema page's content
    path.write_bytes(bytes(data))


def foreign(path: Path) -> None:
    path.unlink()
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE files (name TEXT, size INTEGER)")
    db.execute("CREATE TABLE meta (x)")
    db.execute("INSERT INTO files VALUES ('alpha-2020/1.yaml', 3)")
    db.commit()
    db.close()


def lying(path: Path) -> None:
    """Rows that say another thing of every file, under the right keys."""
    db = sqlite3.connect(path)
    db.execute("UPDATE contents SET content = replace(content, 'Share data', 'Lie about data')")
    db.execute("UPDATE files SET problems = '[]'")
    db.commit()
    db.close()


@pytest.mark.parametrize("damage", [garbage, truncated, zeroed, foreign])
def test_a_damaged_or_foreign_index_is_set_aside_and_rebuilt(
    sample, cache_dir, settled_at_once, reads, damage
):
    sample.pledge("alpha-2020", "3", "title: A\nstatus: done\n")
    check(sample.root, cache_dir)
    damage(cache_dir / index.NAME)
    check(sample.root, cache_dir)
    reads.clear()
    check(sample.root, cache_dir)
    assert len(reads) == 8  # rebuilt: the load without the index alone


def test_an_index_filled_by_other_code_is_emptied(sample, cache_dir, settled_at_once, monkeypatch):
    # Rows say what the code that wrote them made of each file; tracker's code changed (here:
    # its stamp), so none of them may be trusted, not even under the right keys.
    check(sample.root, cache_dir)
    lying(cache_dir / index.NAME)
    monkeypatch.setattr(index, "source_stamp", lambda: "tracker as changed")
    catalog = check(sample.root, cache_dir)
    assert catalog.pledge("alpha-2020-1").pledge.title == "Share data on smuggling"


def test_an_index_made_by_another_version_is_made_again_table_by_table(
    sample, cache_dir, settled_at_once, reads, monkeypatch
):
    # Another version of tracker made its tables otherwise: each is made afresh, so that this
    # version's rows go in and the next run reads nothing.
    check(sample.root, cache_dir)
    database = sqlite3.connect(cache_dir / index.NAME)
    with database:
        database.execute("DROP TABLE contents")
        database.execute("CREATE TABLE contents (root, path, content, format_of_another_version)")
    database.close()
    monkeypatch.setattr(index, "source_stamp", lambda: "another version")
    check(sample.root, cache_dir)
    reads.clear()
    store.load(sample.root, cache=cache_dir)
    assert reads == []


def fifo(path: Path) -> None:
    os.mkfifo(path)


def link(path: Path) -> None:
    target = path.with_name("elsewhere")
    target.write_bytes(b"")
    path.symlink_to(target)


def folder(path: Path) -> None:
    path.mkdir()


def oversized(path: Path) -> None:
    with path.open("wb") as handle:
        handle.truncate(index.MAX_BYTES + 1)  # sparse: no disk is filled


@pytest.mark.parametrize("put", [fifo, link, folder, oversized])
@pytest.mark.parametrize("name", ["", "-wal", "-shm"])
def test_what_is_not_a_plain_file_where_the_index_belongs_is_left_alone(
    sample, cache_dir, settled_at_once, put, name
):
    cache_dir.mkdir(mode=0o700, parents=True)
    path = cache_dir / f"{index.NAME}{name}"
    put(path)
    before = path.lstat()
    check(sample.root, cache_dir)  # a FIFO opened for reading would block here
    after = path.lstat()
    assert (after.st_mode, after.st_ino, after.st_size) == (
        before.st_mode,
        before.st_ino,
        before.st_size,
    )


def test_a_new_cache_folder_is_the_user_s_alone(sample, cache_dir, settled_at_once):
    check(sample.root, cache_dir)
    assert cache_dir.stat().st_mode & 0o777 == 0o700
    assert (cache_dir / index.NAME).is_file()


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o702])
def test_a_cache_folder_others_can_write_to_is_not_used(
    sample, cache_dir, settled_at_once, reads, mode
):
    cache_dir.mkdir(parents=True)
    cache_dir.chmod(mode)
    check(sample.root, cache_dir)
    assert list(cache_dir.iterdir()) == []
    reads.clear()
    check(sample.root, cache_dir)
    assert len(reads) == 7 * (2 + len(SORTS))  # nothing was kept


def test_a_cache_folder_of_another_user_is_not_used(
    sample, cache_dir, settled_at_once, monkeypatch
):
    cache_dir.mkdir(mode=0o700, parents=True)
    owner = cache_dir.stat().st_uid
    monkeypatch.setattr(os, "geteuid", lambda: owner + 1)
    check(sample.root, cache_dir)
    assert list(cache_dir.iterdir()) == []


def test_a_cache_path_that_is_a_file_or_cannot_be_made_costs_only_speed(
    sample, tmp_path, settled_at_once
):
    file = tmp_path / "a-file"
    file.write_text("mine\n")
    check(sample.root, file)
    check(sample.root, file / "below")
    assert file.read_text() == "mine\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_a_read_only_cache_folder_costs_only_speed(sample, cache_dir, settled_at_once):
    check(sample.root, cache_dir)
    cache_dir.chmod(0o500)
    try:
        sample.pledge("alpha-2020", "3", "title: A\nstatus: done\n")
        check(sample.root, cache_dir)
    finally:
        cache_dir.chmod(0o700)


def test_an_index_another_process_keeps_locked_costs_only_speed(
    sample, cache_dir, settled_at_once, monkeypatch
):
    check(sample.root, cache_dir)
    monkeypatch.setattr(index, "BUSY_MS", 50)
    holder = sqlite3.connect(cache_dir / index.NAME, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("DELETE FROM files")
    try:
        sample.pledge("alpha-2020", "3", "title: A\nstatus: completed\n")
        catalog = check(sample.root, cache_dir)
        assert catalog.pledge("alpha-2020-3") is not None
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_full_temporary_folder_costs_only_speed(sample, cache_dir, settled_at_once, monkeypatch):
    # The rows a run reads wait in SQLite's temporary storage, on disk beside an index on disk:
    # when that disk is full, the run answers from an index in memory, whose temporary storage
    # is in memory too.
    check(sample.root, cache_dir)
    on_disk = index.Index._read
    failed = []

    def full(self, files, keys, read):
        if self.db.execute("PRAGMA temp_store").fetchone()[0] != 2:  # not in memory
            failed.append(self.root)
            raise sqlite3.OperationalError("database or disk is full")
        return on_disk(self, files, keys, read)

    monkeypatch.setattr(index.Index, "_read", full)
    sample.pledge("alpha-2020", "3", "title: A\nstatus: completed\n")
    catalog = check(sample.root, cache_dir)
    assert catalog.pledge("alpha-2020-3") is not None and failed


def test_every_field_survives_the_index():
    pledge = model.Pledge(
        title="T",
        status="partial",
        summary="S",
        original=model.Original(language="da", text="tekst"),
        actors=("Europol", "Spain"),
        themes=("drugs",),
        due=model.parse_iso_date("2025-12-31"),
        related=("x-1",),
        links=(model.Link("https://a.example", "A", "evidence"), model.Link("https://b.example")),
        updates=(
            model.Update(model.parse_partial_date("2022-10"), None, "month only"),
            model.Update(model.parse_partial_date("2023"), "partial", None, ("https://c.example",)),
        ),
        assessments=(model.Assessment("Spain", 1, model.parse_partial_date("2024-06-30"), "n"),),
        inferred={"due": "the basis"},
    )
    declaration = model.Declaration(
        title="D",
        short="d",
        date=model.parse_partial_date("2023-09"),
        venue="V",
        parties=("EU",),
        language="en",
        numbering="printed",
        sources=(
            model.Source("S", "https://s.example", model.parse_partial_date("2023")),
            model.Source("K", None, None, "P", "sources/k.txt", ("feelles → fælles",)),
        ),
        related=("y",),
        notes="N",
        inferred={"date": "the basis"},
    )
    for value in (pledge, declaration, model.Pledge(title="Bare", status="unassessed")):
        kind = "pledge" if isinstance(value, model.Pledge) else "declaration"
        file = index.DataFile("x/1.yaml", kind, "x", "1" if kind == "pledge" else None)
        row = index.row_of(file, "1 2 3 4", value, [])
        back = index.decoder(type(value))(json.loads(row.content))
        assert back == value
        assert model.plain(back) == model.plain(value)  # `2022-10` is still a month


def test_the_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(tmp_path / "c"))
    assert index.cache_folder() == tmp_path / "c"
    monkeypatch.setenv("TRACKER_CACHE_DIR", "relative/c")  # never a folder of the repository
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert index.cache_folder() == tmp_path / "xdg" / "tracker"
    monkeypatch.delenv("TRACKER_CACHE_DIR")
    assert index.cache_folder() != Path("relative/c")


# --- the command line -----------------------------------------------------------------------------


COMMANDS = [
    ("list", "--format", "json"),
    ("list", "--status", "completed", "--format", "ids"),
    ("validate", "--format", "json"),
    ("report",),
]


def outputs(cli, *options: str) -> list[tuple[int, str, str]]:
    return [
        (result.exit_code, result.stdout, result.stderr)
        for result in (cli(*options, *command) for command in COMMANDS)
    ]


def test_the_commands_say_the_same_with_and_without_the_index(
    sample, cache_dir, settled_at_once, cli
):
    sample.pledge("alpha-2020", "3", "title: A\nstatus: done\n")
    fresh = outputs(cli, "--no-cache")
    assert not cache_dir.exists()
    assert outputs(cli) == fresh  # cold, filling the index
    assert outputs(cli) == fresh  # warm
    sample.pledge("alpha-2020", "3", "title: A\nstatus: completed\n")
    assert outputs(cli) == outputs(cli, "--no-cache")


# Filters and sort keys that read every fact a list chooses by, on a sample with broken files:
# through the index (warm), a list says what it says without it, stderr included.
FILTERED = [
    ("list", "--status", "open", "--sort", "-updated", "--format", "ids"),
    ("list", "--theme", "SMUGGLING", "--actor", "europol", "--format", "json"),
    ("list", "--due-before", "2024", "--sort", "due", "--format", "ids"),
    ("list", "--due-after", "2021-01", "--sort", "-declaration", "--format", "csv"),
    ("list", "--overdue", "--as-of", "2024-06-30", "--format", "ids"),
    ("list", "--stale", "400", "--as-of", "2024-06-30", "--sort", "-status", "--format", "ids"),
    ("list", "--declaration", "beta-2021", "--sort", "-id"),
    ("list", "--search", "SMUGGLING", "--format", "ids"),
]


def test_a_filtered_list_through_the_index_says_what_a_full_load_says(
    sample, cache_dir, settled_at_once, cli
):
    sample.pledge("alpha-2020", "3", "title: A\nstatus: done\n")
    sample.pledge("beta-2021", "04", "title: [unclosed\n")
    sample.write("beta-2021/notes.yaml", "x: 1\n")
    sample.write("gamma-2022/1.yaml", "title: G\nstatus: stalled\ndue: 2022-01-01\n")
    fresh = [(r.exit_code, r.stdout, r.stderr) for r in (cli("--no-cache", *c) for c in FILTERED)]
    assert "error" in fresh[0][2] and fresh[0][1]
    cli("list")  # fills the index
    warm = [(r.exit_code, r.stdout, r.stderr) for r in (cli(*c) for c in FILTERED)]
    assert warm == fresh


def test_no_cache_from_the_environment(sample, cache_dir, settled_at_once, cli):
    assert cli("list", env={"TRACKER_NO_CACHE": "1"}).exit_code == 0
    assert not cache_dir.exists()
    assert cli("list").exit_code == 0
    assert (cache_dir / index.NAME).is_file()


# --- whole processes ------------------------------------------------------------------------------

RUN = textwrap.dedent(
    """
    import atexit, sys
    import tracker.store.index
    tracker.store.index.RACY_NS = -10**12
    heavy = ("yaml", "pydantic", "rich")
    atexit.register(lambda: print("imported:", *[m for m in heavy if m in sys.modules],
                                  file=sys.stderr))
    from tracker.cli import main
    sys.argv = ["tracker", *sys.argv[1:]]
    main()
    """
)


def tracker_process(
    root: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", RUN, *args],
        cwd=root.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
    )


def finish(process: subprocess.Popen[str], code: int = 0) -> tuple[str, str]:
    out, err = process.communicate(timeout=120)
    assert process.returncode == code, err
    return out, err


def test_a_warm_run_imports_neither_yaml_nor_pydantic(sample, cache_dir):
    finish(tracker_process(sample.root, "list", "--format", "ids"))
    out, err = finish(tracker_process(sample.root, "list", "--format", "ids"))
    assert err.strip() == "imported:"
    assert out.split() == [
        "alpha-2020-1",
        "alpha-2020-2",
        "alpha-2020-10",
        "beta-2021-01",
        "beta-2021-02",
    ]


def test_processes_filling_the_index_at_once_leave_it_right(sample, cache_dir, settled_at_once):
    for number in range(3, 40):
        sample.pledge("alpha-2020", str(number), f"title: P{number}\nstatus: unassessed\n")
    expected = finish(tracker_process(sample.root, "--no-cache", "list", "--format", "json"))[0]
    for round_ in range(4):
        together = [tracker_process(sample.root, "list", "--format", "json") for _ in range(4)]
        for process in together:
            assert json.loads(finish(process)[0]) == json.loads(expected)
        sample.pledge("alpha-2020", "3", f"title: P3, round {round_}\nstatus: stalled\n")
        expected = finish(tracker_process(sample.root, "--no-cache", "list", "--format", "json"))[0]
    check(sample.root, cache_dir)


def test_a_change_to_tracker_s_own_code_empties_the_index(repo, cache_dir, tmp_path):
    # The reproduction of issue 14: with a warm index, a status word added to vocabulary.py
    # must be taken at once, as it is without the index.
    installed = tmp_path / "installed"
    shutil.copytree(Path(tracker.__file__).parent, installed / "tracker")
    repo.declaration("d")
    repo.pledge("d", "1", "title: Gone\nstatus: withdrawn\n")
    env = {"PYTHONPATH": str(installed), "PYTHONDONTWRITEBYTECODE": "1"}
    out, _ = finish(tracker_process(repo.root, "validate", env=env), code=1)
    assert "unknown status 'withdrawn'" in out
    vocabulary = installed / "tracker" / "vocabulary.py"
    text = vocabulary.read_text()
    text = text.replace(
        '    DROPPED = "dropped"\n', '    DROPPED = "dropped"\n    WITHDRAWN = "withdrawn"\n'
    )
    text = text.replace('"stalled", "dropped"\n]', '"stalled", "dropped", "withdrawn"\n]')
    vocabulary.write_text(text)
    out, _ = finish(tracker_process(repo.root, "validate", env=env))  # the index is warm
    assert "withdrawn" not in out
    assert finish(tracker_process(repo.root, "--no-cache", "validate", env=env))[0] == out
