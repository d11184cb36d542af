import datetime as dt
import os
import stat
import subprocess
import sys

import pytest

from tracker.errors import UsageError
from tracker.fsutil import WriteRefused, atomic_write, inside, locked, write_output
from tracker.store import yamlfile


def test_atomic_write_replaces_and_keeps_the_mode(tmp_path):
    target = tmp_path / "1.yaml"
    target.write_text("old\n")
    target.chmod(0o640)
    atomic_write(target, b"new\n")
    assert target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["1.yaml"]  # no temporary file left


def test_exclusive_write_refuses_to_overwrite(tmp_path):
    target = tmp_path / "1.yaml"
    atomic_write(target, b"first\n", exclusive=True)
    with pytest.raises(WriteRefused, match="exists"):
        atomic_write(target, b"second\n", exclusive=True)
    assert target.read_text() == "first\n"
    assert [p.name for p in tmp_path.iterdir()] == ["1.yaml"]


@pytest.mark.parametrize(("durable", "flushes"), [(True, 2), (False, 0)])
def test_only_durable_writes_wait_for_the_disk(tmp_path, monkeypatch, durable, flushes):
    synced = []
    monkeypatch.setattr(os, "fsync", synced.append)
    target = tmp_path / "cache"
    target.write_bytes(b"old")
    atomic_write(target, b"new", durable=durable)
    assert target.read_bytes() == b"new"
    assert len(synced) == flushes  # the file, then the folder that names it
    assert [p.name for p in tmp_path.iterdir()] == ["cache"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "1.yaml"
    target.write_text("old\n")

    def broken_fsync(descriptor):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, b"new\n")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["1.yaml"]


COUNTER = """
import sys
from pathlib import Path
from tracker.fsutil import atomic_write, locked
path = Path(sys.argv[1])
for _ in range(20):
    with locked(path):
        value = int(path.read_text())
        atomic_write(path, f"{value + 1}\\n".encode())
"""


def test_locked_writers_take_turns_across_replacements(tmp_path):
    counter = tmp_path / "counter"
    counter.write_text("0\n")
    processes = [subprocess.Popen([sys.executable, "-c", COUNTER, str(counter)]) for _ in range(6)]
    assert [p.wait(timeout=60) for p in processes] == [0] * 6
    assert counter.read_text() == "120\n"


def test_inside_resolves_links(tmp_path):
    root = tmp_path / "root"
    root.mkdir()
    (root / "out").symlink_to(tmp_path)
    assert inside(root / "a" / "b.yaml", root)
    assert not inside(root / ".." / "x", root)
    assert not inside(root / "out" / "x", root)


def test_locked_on_a_missing_file_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError), locked(tmp_path / "missing"):
        pass


def test_write_output_replaces_only_when_allowed(tmp_path):
    path = tmp_path / "out.csv"
    path.write_text("keep me")
    with pytest.raises(WriteRefused, match="--force"):
        write_output(path, b"new", replace=False)
    assert path.read_text() == "keep me"
    write_output(path, b"new")
    assert path.read_bytes() == b"new"


def test_write_output_names_a_missing_folder_or_a_folder(tmp_path):
    with pytest.raises(UsageError, match=r"no such folder to write x\.md in") as caught:
        write_output(tmp_path / "missing" / "x.md", b"")
    assert caught.value.path == tmp_path / "missing"
    with pytest.raises(UsageError, match="is a folder"):
        write_output(tmp_path, b"")


# --- a writer killed mid-way -------------------------------------------------------------------
# A real `tracker update` in a child process, paused at a chosen point of its write and killed
# there with SIGKILL (no clean-up can run): the pledge file must be the old one or the new one,
# whole, and what the killed writer left behind must be invisible to tracker.

PAUSED_UPDATE = """
import os, sys, time
from tracker import fsutil

def pause():
    print("paused", flush=True)
    time.sleep(120)

if sys.argv[1] == "while-writing":
    real_fdopen = os.fdopen

    class HalfWritten:
        def __init__(self, handle):
            self.handle = handle
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            return self.handle.__exit__(*exc)
        def write(self, data):  # half the new file on disk, then the kill
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            pause()
        def __getattr__(self, name):
            return getattr(self.handle, name)

    os.fdopen = lambda *args, **kwargs: HalfWritten(real_fdopen(*args, **kwargs))
else:  # after the rename, before the folder is flushed
    fsutil.fsync_folder = lambda folder: pause()

from tracker.cli import main
sys.argv = ["tracker", "--no-cache", "update", "big-1", "--note", "x" * 50_000]  # NOTE
main()
"""


NOTE = "x" * 50_000


@pytest.mark.parametrize(("moment", "outcome"), [("while-writing", "old"), ("renamed", "new")])
def test_a_writer_killed_mid_write_leaves_the_old_or_the_new_file(repo, cli, moment, outcome):
    import signal

    repo.declaration("big")
    old = "title: A long pledge\nstatus: unassessed\nsummary: >-\n" + "  words words\n" * 500
    path = repo.pledge("big", "1", old)
    env = {**os.environ, "TRACKER_ROOT": str(repo.root), "NO_COLOR": "1"}
    writer = subprocess.Popen(
        [sys.executable, "-c", PAUSED_UPDATE, moment], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout.readline() == "paused\n"  # type: ignore[union-attr]
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=60)
    text = path.read_text()
    if outcome == "old":
        assert text == old
        leftovers = [p.name for p in path.parent.iterdir() if p.name.startswith(".1.yaml.")]
        assert len(leftovers) == 1  # the half-written temporary file, hidden by its dot
    else:
        assert text.startswith(old)
        assert yamlfile.load(text)["updates"] == [{"date": str(dt.date.today()), "note": NOTE}]
    # What the killed writer left is not read: the pledge loads, nothing else appears.
    listed = cli("--no-cache", "list", "--format", "ids")
    assert (listed.exit_code, listed.stdout, listed.stderr) == (0, "big-1\n", "")
    assert cli("--no-cache", "validate").exit_code == 0
    # and its lock died with it: the next writer gets in
    assert cli("update", "big-1", "--note", "after the crash").exit_code == 0
    assert path.read_text().endswith("    note: after the crash\n")
