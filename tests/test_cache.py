"""The cache of parsed files: whatever happens to the files or to the cache, a load through the
cache gives exactly what a fresh read gives, and it parses only the files that changed."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tracker import cache, model, query, schema, store
from tracker.model import Declaration, Pledge


@pytest.fixture
def cache_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def settled_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cache files written a moment ago, as if they were older than the racy window; each test
    that uses this changes files in ways that change their key (size, mtime, inode or name)."""
    monkeypatch.setattr(cache, "RACY_NS", -(10**12))


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files parsed, as `root-relative` paths, in order."""
    seen: list[str] = []
    original = store._read

    def counting(kind: str, path: Path):  # type: ignore[no-untyped-def]
        seen.append(f"{path.parent.name}/{path.name}")
        return original(kind, path)

    monkeypatch.setattr(store, "_read", counting)
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
        "layout": (
            [(f.id, f.declaration, f.number, str(f.path)) for f in catalog.layout.pledges],
            {slug: str(path) for slug, path in catalog.layout.declarations.items()},
        ),
    }


def check(root: Path, cache_dir: Path) -> store.Catalog:
    """Load through the cache and assert that it equals a load without it; then choose through
    the cache's index (as a warm `tracker list` does) and assert the same."""
    cached = store.load(root, cache=cache_dir)
    fresh = store.load(root)
    assert snapshot(cached) == snapshot(fresh)
    assert chosen(store.load_index(root, cache=cache_dir)) == chosen(fresh)
    return cached


def chosen(source: store.Catalog | store.Index) -> dict[str, object]:
    """What `tracker list` shows of a catalog, or of an index, in every order, and the problems
    it reports."""
    find = query.find_indexed if isinstance(source, store.Index) else query.find
    return {
        "orders": {
            sort: [(str(e.path), model.pledge_record(e)) for e in find(source, None, sort)]  # type: ignore[arg-type]
            for sort in ("id", "-due", "status", "updated", "-declaration")
        },
        "declarations": {slug: str(e.path) for slug, e in source.declarations.items()},
        "problems": sorted(
            (str(p.path), p.line, p.level, p.code, p.message) for p in source.problems
        ),
    }


def shard_files(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("*/*.shard"))


def touch_later(path: Path, seconds: int = 5) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + seconds * 10**9))


# --- the cache serves what a fresh read gives ------------------------------------------------


def test_a_warm_load_parses_nothing_and_gives_the_same(sample, cache_dir, settled_at_once, reads):
    check(sample.root, cache_dir)
    assert len(reads) == 7 + 7  # cached load and fresh load: 2 declarations, 5 pledges each
    reads.clear()
    check(sample.root, cache_dir)
    assert len(reads) == 7  # only the fresh load parsed
    assert [p.stem for p in shard_files(cache_dir)] == ["alpha-2020", "beta-2021"]


def test_an_edited_file_is_parsed_again(sample, cache_dir, settled_at_once, reads):
    check(sample.root, cache_dir)
    path = sample.pledge("alpha-2020", "2", "title: Train border guards\nstatus: completed\n")
    reads.clear()
    catalog = check(sample.root, cache_dir)
    assert reads[0] == "alpha-2020/2.yaml" and len(reads) == 1 + 7
    assert catalog.pledge("alpha-2020-2").pledge.status == "completed"
    assert path.exists()


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
    text = path.read_text()
    path.write_text(text.replace("in-progress", "not-started"))  # 11 letters for 11
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
    assert second.stat().st_size == stat.st_size
    check(repo.root, cache_dir)
    first.rename(repo.root / "d" / "tmp.yaml")
    second.rename(first)
    (repo.root / "d" / "tmp.yaml").rename(second)
    catalog = check(repo.root, cache_dir)
    assert catalog.pledge("d-1").pledge.title == "Two"


def test_an_added_file_is_read_and_the_rest_is_not(sample, cache_dir, settled_at_once, reads):
    check(sample.root, cache_dir)
    sample.pledge("beta-2021", "03", "title: New\nstatus: unassessed\n")
    sample.declaration("gamma-2022")
    reads.clear()
    catalog = check(sample.root, cache_dir)
    assert sorted(reads[:2]) == ["beta-2021/03.yaml", "gamma-2022/declaration.yaml"]
    assert len(reads) == 2 + 9
    assert catalog.pledge("beta-2021-03") is not None


def test_a_removed_declaration_folder_leaves_no_shard(sample, cache_dir, settled_at_once):
    check(sample.root, cache_dir)
    for path in (sample.root / "beta-2021").iterdir():
        path.unlink()
    (sample.root / "beta-2021").rmdir()
    check(sample.root, cache_dir)
    assert [p.stem for p in shard_files(cache_dir)] == ["alpha-2020"]


def test_problems_are_cached_with_the_files(sample, cache_dir, settled_at_once, reads):
    sample.pledge("alpha-2020", "3", "title: A\nstatus: done\n")
    sample.pledge("alpha-2020", "4", "title: [unclosed\n")
    sample.write("alpha-2020/notes.yaml", "x: 1\n")
    sample.write("Bad Folder/1.yaml", "title: x\n")
    sample.declaration("beta-2021", "title: B\ndate: 2021-02-30\n")
    first = check(sample.root, cache_dir)
    reads.clear()
    second = check(sample.root, cache_dir)
    assert len(reads) == 9  # the fresh load alone
    assert {p.code for p in second.problems} == {"status", "yaml", "file-name", "slug", "date"}
    assert snapshot(first) == snapshot(second)


def test_a_load_of_some_declarations_keeps_the_others_cached(
    sample, cache_dir, settled_at_once, reads
):
    check(sample.root, cache_dir)
    cached = store.load(sample.root, ["beta-2021"], cache=cache_dir)
    assert snapshot(cached) == snapshot(store.load(sample.root, ["beta-2021"]))
    reads.clear()
    check(sample.root, cache_dir)
    assert len(reads) == 7  # the fresh load alone: alpha-2020's shard is still there


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


# --- files changed a moment ago ---------------------------------------------------------------


def test_files_changed_a_moment_ago_are_not_cached(sample, cache_dir, reads):
    # Within the file system's timestamp granularity a second write can leave size and times
    # as they were; such files are read again until they are older than the racy window.
    path = sample.root / "alpha-2020" / "2.yaml"
    check(sample.root, cache_dir)
    path.write_text(path.read_text().replace("in-progress", "not-started"))
    reads.clear()
    catalog = check(sample.root, cache_dir)
    assert catalog.pledge("alpha-2020-2").pledge.status == "not-started"
    assert len(reads) == 7 + 7 + 7  # through the cache, without it, through the index
    assert shard_files(cache_dir) == []


@pytest.mark.parametrize("settled", [True, False], ids=["cached", "changed-a-moment-ago"])
def test_choosing_among_files_that_workers_read_gives_what_one_process_gives(
    sample, cache_dir, monkeypatch, settled
):
    sample.pledge("alpha-2020", "3", "title: A\nstatus: done\n")
    sample.pledge("beta-2021", "04", "title: [unclosed\n")
    if settled:
        monkeypatch.setattr(cache, "RACY_NS", -(10**12))
    alone = chosen(store.load(sample.root))
    monkeypatch.setattr(store, "_workers", lambda files: 2)
    index = store.load_index(sample.root, cache=cache_dir)
    # what a worker read stands as its facts, and is built from what the worker sent
    assert index.unbuilt and all(
        row.id in index.unbuilt for row in index.pledges[-len(index.unbuilt) :]
    )
    assert chosen(index) == alone
    assert (shard_files(cache_dir) != []) is settled
    assert chosen(store.load_index(sample.root, cache=cache_dir)) == alone


# --- a cache that cannot be trusted -----------------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),  # one bit flipped
        lambda data: b"not a cache at all\n" * 10,
        lambda data: data[:20] + os.urandom(len(data) - 20),
    ],
)
def test_a_damaged_shard_is_ignored_and_rewritten(sample, cache_dir, settled_at_once, damage):
    check(sample.root, cache_dir)
    for shard in shard_files(cache_dir):
        shard.write_bytes(damage(shard.read_bytes()))
    check(sample.root, cache_dir)
    assert cache.RootCache(cache_dir, sample.root, 0)._read("alpha-2020") is not None


def _cut_blobs(data: bytes) -> bytes:
    """A shard whose index is whole but whose blobs are gone (a write cut short)."""
    head = data[: cache._HEAD]
    return data[: cache._HEAD + int.from_bytes(head[-4:], "big")]


@pytest.mark.parametrize(
    ("damage", "damaged"),
    [
        (lambda data: data[:-1] + bytes([data[-1] ^ 1]), 2),  # the last blob of each shard
        (_cut_blobs, 7),
        (lambda data: data[:-1], 2),  # cut short by a byte
    ],
)
def test_a_damaged_blob_costs_the_reading_of_its_file_alone(
    sample, cache_dir, settled_at_once, reads, damage, damaged
):
    check(sample.root, cache_dir)
    for shard in shard_files(cache_dir):
        shard.write_bytes(damage(shard.read_bytes()))
    reads.clear()
    assert chosen(store.load_index(sample.root, cache=cache_dir)) == chosen(store.load(sample.root))
    assert len(reads) == damaged + 7  # the files whose blob is damaged, then the fresh load
    reads.clear()
    assert chosen(store.load_index(sample.root, cache=cache_dir)) == chosen(store.load(sample.root))
    assert len(reads) == 7  # cached again: the fresh load alone


def test_a_shard_replaced_while_a_list_chooses_costs_a_reading_alone(
    sample, cache_dir, settled_at_once, reads
):
    check(sample.root, cache_dir)
    index = store.load_index(sample.root, cache=cache_dir)
    touch_later(sample.root / "alpha-2020" / "1.yaml")
    store.load(sample.root, cache=cache_dir)  # another run: alpha-2020's shard is replaced
    reads.clear()
    assert chosen(index) == chosen(store.load(sample.root))
    # the replaced shard's pledges alone are read, then the fresh load reads all
    assert reads[:3] == ["alpha-2020/1.yaml", "alpha-2020/2.yaml", "alpha-2020/10.yaml"]
    assert len(reads) == 3 + 7
    check(sample.root, cache_dir)


def test_a_cache_from_another_version_is_not_used(
    sample, cache_dir, settled_at_once, reads, monkeypatch
):
    check(sample.root, cache_dir)
    monkeypatch.setattr(cache, "__version__", "0.0.0-other")
    reads.clear()
    check(sample.root, cache_dir)
    assert len(reads) == 7 + 7


def test_a_shard_of_another_root_is_not_used(sample, cache_dir, settled_at_once, tmp_path):
    check(sample.root, cache_dir)
    other = tmp_path / "other" / "commitments"
    (other / "alpha-2020").mkdir(parents=True)
    (other / "alpha-2020" / "declaration.yaml").write_text("title: Other\n")
    (other / "alpha-2020" / "1.yaml").write_text("title: Other one\nstatus: dropped\n")
    theirs = cache.RootCache(cache_dir, other, 0).folder
    theirs.mkdir()
    for shard in shard_files(cache_dir):
        (theirs / shard.name).write_bytes(shard.read_bytes())
    catalog = check(other, cache_dir)
    assert [e.pledge.title for e in catalog.pledges] == ["Other one"]


def test_a_shard_written_for_another_folder_is_not_used(sample, cache_dir, settled_at_once):
    check(sample.root, cache_dir)
    alpha, beta = shard_files(cache_dir)
    beta.write_bytes(alpha.read_bytes())
    check(sample.root, cache_dir)


def test_an_unwritable_cache_folder_only_costs_speed(sample, tmp_path, settled_at_once):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    check(sample.root, blocked)


# --- the plain form of the model ----------------------------------------------------------------


def test_every_field_survives_the_plain_form():
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
        data = marshal.loads(marshal.dumps(cache.Codec().encode(value)))
        back = cache.Codec().decode(type(value), data)
        assert back == value
        assert model.plain(back) == model.plain(value)  # `2022-10` is still a month
    # Each dataclass field of the model is carried: a field added later is carried too.
    assert len(cache.Codec().encode(pledge)) == len(model.Pledge.__dataclass_fields__)


# --- where the cache lives --------------------------------------------------------------------


def test_the_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(tmp_path / "c"))
    assert cache.default_folder() == tmp_path / "c"
    monkeypatch.delenv("TRACKER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.default_folder() == tmp_path / "xdg" / "tracker"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # the XDG spec says to ignore it
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.default_folder() == tmp_path / "home" / ".cache" / "tracker"


def test_without_a_home_folder_there_is_no_cache(monkeypatch):
    monkeypatch.delenv("TRACKER_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", no_home)
    assert cache.default_folder() is None


# --- the command line -------------------------------------------------------------------------


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


def test_the_commands_say_the_same_with_and_without_the_cache(
    sample, cache_dir, settled_at_once, cli
):
    sample.pledge("alpha-2020", "3", "title: A\nstatus: done\n")
    fresh = outputs(cli, "--no-cache")
    assert shard_files(cache_dir) == []
    assert outputs(cli) == fresh  # cold, filling the cache
    assert outputs(cli) == fresh  # warm
    sample.pledge("alpha-2020", "3", "title: A\nstatus: completed\n")
    assert outputs(cli) == outputs(cli, "--no-cache")


# Filters and sort keys that read every fact a list chooses by, on a sample with broken files:
# through the index (warm), a list says what it says without the cache, stderr included.
FILTERED = [
    ("list", "--status", "open", "--sort", "-updated", "--format", "ids"),
    ("list", "--theme", "SMUGGLING", "--actor", "europol", "--format", "json"),
    ("list", "--due-before", "2024", "--sort", "due", "--format", "ids"),
    ("list", "--due-after", "2021-01", "--sort", "-declaration", "--format", "csv"),
    ("list", "--overdue", "--as-of", "2024-06-30", "--format", "ids"),
    ("list", "--stale", "400", "--as-of", "2024-06-30", "--sort", "-status", "--format", "ids"),
    ("list", "--declaration", "beta-2021", "--sort", "-id"),
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
    cli("list")  # fills the cache
    warm = [(r.exit_code, r.stdout, r.stderr) for r in (cli(*c) for c in FILTERED)]
    assert warm == fresh


def test_no_cache_from_the_environment(sample, cache_dir, settled_at_once, cli):
    assert cli("list", env={"TRACKER_NO_CACHE": "1"}).exit_code == 0
    assert shard_files(cache_dir) == []
    assert cli("list").exit_code == 0
    assert len(shard_files(cache_dir)) == 2


# --- what a write may take as valid ------------------------------------------------------------


def vouched(root: Path, cache_dir: Path, relative: str, data: bytes | None = None) -> bool:
    """Does the cache vouch for the file at `relative` (or, read from it, for `data`)?"""
    path = root / relative
    stat = path.stat()
    shards = cache.RootCache(cache_dir, root, 0)
    raw = path.read_bytes() if data is None else data
    return shards.vouches_for(path.parent.name, path.name, raw, stat, stat)


def test_a_write_may_take_as_valid_what_a_read_found_no_error_in(
    sample, cache_dir, settled_at_once
):
    sample.pledge("alpha-2020", "3", "title: A\nstatus: done\n")
    store.load(sample.root, cache=cache_dir)
    assert vouched(sample.root, cache_dir, "alpha-2020/2.yaml")
    assert not vouched(sample.root, cache_dir, "alpha-2020/3.yaml")  # unknown status
    touch_later(sample.root / "alpha-2020" / "2.yaml")
    assert not vouched(sample.root, cache_dir, "alpha-2020/2.yaml")


def test_a_write_may_take_as_valid_the_very_bytes_tracker_last_wrote_there(sample, cache_dir):
    shards = cache.RootCache(cache_dir, sample.root, 0)
    data = (sample.root / "alpha-2020" / "2.yaml").read_bytes()
    shards.wrote("alpha-2020", "2.yaml", data)
    assert vouched(sample.root, cache_dir, "alpha-2020/2.yaml")
    assert not vouched(sample.root, cache_dir, "alpha-2020/2.yaml", data + b"#")
    assert not vouched(sample.root, cache_dir, "alpha-2020/1.yaml", data)  # another file
    for number in range(cache.WRITTEN_KEPT):
        shards.wrote("beta-2021", f"{number}.yaml", b"title: T\nstatus: partial\n")
    assert not vouched(sample.root, cache_dir, "alpha-2020/2.yaml")  # the least recent, forgotten


def test_a_damaged_record_of_writes_vouches_for_nothing(sample, cache_dir):
    shards = cache.RootCache(cache_dir, sample.root, 0)
    shards.wrote("alpha-2020", "2.yaml", (sample.root / "alpha-2020" / "2.yaml").read_bytes())
    (record,) = cache_dir.glob("*/written")
    record.write_bytes(record.read_bytes()[:-3])
    assert not vouched(sample.root, cache_dir, "alpha-2020/2.yaml")


# --- real processes ---------------------------------------------------------------------------

# A tracker process whose cache takes files as settled at once, like the `settled_at_once`
# fixture; it prints which heavy libraries it imported on stderr.
RUN = textwrap.dedent(
    """
    import atexit, sys
    import tracker.cache
    tracker.cache.RACY_NS = -10**12
    heavy = ("yaml", "pydantic", "rich")
    atexit.register(lambda: print("imported:", *[m for m in heavy if m in sys.modules],
                                  file=sys.stderr))
    from tracker.cli import main
    sys.argv = ["tracker", *sys.argv[1:]]
    main()
    """
)


def tracker(root: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", RUN, *args],
        cwd=root.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )


def finish(process: subprocess.Popen[str]) -> tuple[str, str]:
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    return out, err


def test_a_warm_run_imports_neither_yaml_nor_pydantic(sample, cache_dir):
    finish(tracker(sample.root, "list", "--format", "ids"))
    out, err = finish(tracker(sample.root, "list", "--format", "ids"))
    assert err.strip() == "imported:"
    assert out.split() == [
        "alpha-2020-1",
        "alpha-2020-2",
        "alpha-2020-10",
        "beta-2021-01",
        "beta-2021-02",
    ]


def test_processes_running_at_once_never_spoil_the_cache(sample, cache_dir, settled_at_once):
    for number in range(3, 40):
        sample.pledge("alpha-2020", str(number), f"title: P{number}\nstatus: unassessed\n")
    expected = finish(tracker(sample.root, "--no-cache", "list", "--format", "json"))[0]
    for round_ in range(4):
        together = [tracker(sample.root, "list", "--format", "json") for _ in range(4)]
        for process in together:
            assert json.loads(finish(process)[0]) == json.loads(expected)
        sample.pledge("alpha-2020", "3", f"title: P3, round {round_}\nstatus: stalled\n")
        expected = finish(tracker(sample.root, "--no-cache", "list", "--format", "json"))[0]
    check(sample.root, cache_dir)
    assert len(shard_files(cache_dir)) == 2


# --- kept core schemas (tracker.schema builds validators from them) ---------------------------


@pytest.fixture
def fresh_validators(monkeypatch: pytest.MonkeyPatch) -> None:
    """No validator built yet, and none kept anywhere, until the test says where."""
    monkeypatch.setattr(schema, "_validators", {})
    monkeypatch.setattr(schema, "_folder", None)


def test_a_kept_core_schema_is_the_model_s_own_but_for_json_schema_metadata():
    from pydantic import TypeAdapter

    def without_metadata(value):
        if isinstance(value, dict):
            return {k: without_metadata(v) for k, v in value.items() if k != "metadata"}
        if isinstance(value, list | tuple):
            return type(value)(map(without_metadata, value))
        return value

    for kind in (Pledge, Declaration):
        core = TypeAdapter(kind).core_schema
        assert schema._unplain(schema._plain(core)) == without_metadata(core)


@pytest.mark.parametrize(
    "kept",
    [
        {"type": "dataclass", "cls": {"tracker.model": "os"}},  # a module, not a class
        {"type": "dataclass", "cls": {"tracker.model": "dt.date"}},
        {"type": "dataclass", "cls": {"tracker.model": "Path"}},  # imported there, not its own
        {"type": "dataclass", "cls": {"tracker.model": ["Pledge"]}},
    ],
)
def test_a_kept_core_schema_names_only_tracker_s_own_classes_and_functions(kept):
    assert schema._unplain(kept) is None


@pytest.mark.parametrize(
    "damage", [lambda data: data[:-3], lambda data: data.replace(b"Pledge", b"Pledgf")]
)
def test_a_damaged_file_of_core_schemas_is_built_again(tmp_path, fresh_validators, damage):
    schema.keep_validators_in(tmp_path)
    schema.validate(Pledge, {})
    kept = tmp_path / "validators"
    kept.write_bytes(damage(kept.read_bytes()))
    schema._validators.clear()
    assert schema.validate(Pledge, {"title": "T", "status": "partial"}).status == "partial"
    assert "Pledge" in cache.read_core_schemas(tmp_path)  # built from the model, kept again


def test_a_run_with_kept_core_schemas_never_imports_pydantic(tmp_path, fresh_validators):
    schema.keep_validators_in(tmp_path)
    schema.validate(Pledge, {})
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from tracker import schema
        from tracker.model import Pledge
        schema.keep_validators_in(Path({str(tmp_path)!r}))
        errors = schema.validate(Pledge, {{"title": "T", "status": "done"}})
        print(errors[0].message)
        print(sorted(name for name in sys.modules if name.split(".")[0] == "pydantic"))
        """
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.splitlines() == ["unknown status 'done'", "[]"]
