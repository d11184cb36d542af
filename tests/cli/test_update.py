import datetime as dt
import os
import subprocess
import sys
import textwrap

import pytest

from tracker.store import yamlfile
from tracker.store.write import check_pledge_text

HAND_WRITTEN = textwrap.dedent(
    """\
    # Paragraph 20 of the EU–CLASI declaration, kept by the analysis unit.
    status: unassessed   # nobody has looked yet
    title: "Coordinate IDEAL with the EU SOCTA"   # quoted on purpose

    # Who must act: both regions.
    actors: [EU member states, 'CLASI member states']
    summary: >-
      The ministers undertake to coordinate when IDEAL is launched
      with the EU's threat assessment (SOCTA).
    original:
      language: da
      text: |
        påtager os at koordinere tidspunktet
        for iværksættelse af IDEAL;
    updates:
      # first look, by phone
      - date: 2023-10-01
        note: 'Nothing published yet.'   # asked the desk officer
        links:
          - https://example.org/first-look
      # the Council's six-monthly report
      - date: 2023-12
        note: "Mentioned in the report: \\"under discussion\\"."

    related: [eu-clasi-2023-22]   # the task force
    """
)


def git(base, *args):
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=base,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.fixture
def clasi(repo):
    repo.declaration("eu-clasi-2023")
    repo.write("eu-clasi-2023/20.yaml", HAND_WRITTEN)
    return repo


def test_git_diff_shows_only_the_new_update_and_the_status_line(clasi, cli):
    git(clasi.base, "init", "-q")
    git(clasi.base, "add", ".")
    git(clasi.base, "commit", "-q", "-m", "hand-written")
    result = cli(
        "update",
        "eu-clasi-2023-20",
        "--status",
        "in-progress",
        "--note",
        "First joint analysis published.",
        "--link",
        "https://example.org/analysis",
        "--date",
        "14 March 2024",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "eu-clasi-2023-20: unassessed → in-progress; update 2024-03-14 added\n"
    diff = git(clasi.base, "diff", "--no-color", "-U0")
    body = [
        line.split(" @@")[0] + " @@" if line.startswith("@@") else line
        for line in diff.splitlines()
        if line.startswith(("@@", "+", "-"))
    ]
    lines = HAND_WRITTEN.splitlines()
    status_line = lines.index("status: unassessed   # nobody has looked yet") + 1
    last_update_line = (
        lines.index('    note: "Mentioned in the report: \\"under discussion\\"."') + 1
    )
    assert body == [
        "--- a/commitments/eu-clasi-2023/20.yaml",
        "+++ b/commitments/eu-clasi-2023/20.yaml",
        f"@@ -{status_line} +{status_line} @@",
        "-status: unassessed   # nobody has looked yet",
        "+status: in-progress  # nobody has looked yet",
        f"@@ -{last_update_line},0 +{last_update_line + 1},5 @@",
        "+  - date: 2024-03-14",
        "+    status: in-progress",
        "+    note: First joint analysis published.",
        "+    links:",
        "+      - https://example.org/analysis",
    ]


def test_the_diff_option_prints_the_change(clasi, cli):
    result = cli(
        "update", "clasi-2023-20", "--note", "Checked again.", "--date", "2024-04-02", "--diff"
    )
    assert result.exit_code == 0
    first = HAND_WRITTEN.splitlines().index("  # the Council's six-monthly report") + 1
    assert result.stdout.splitlines() == [
        "eu-clasi-2023-20: update 2024-04-02 added",
        "--- a/commitments/eu-clasi-2023/20.yaml",
        "+++ b/commitments/eu-clasi-2023/20.yaml",
        f"@@ -{first},5 +{first},7 @@",
        "   # the Council's six-monthly report",
        "   - date: 2023-12",
        '     note: "Mentioned in the report: \\"under discussion\\"."',
        "+  - date: 2024-04-02",
        "+    note: Checked again.",
        " ",
        " related: [eu-clasi-2023-22]   # the task force",
    ]


def test_a_dry_run_prints_the_diff_and_writes_nothing(clasi, cli):
    path = clasi.root / "eu-clasi-2023" / "20.yaml"
    result = cli("update", "eu-clasi-2023-20", "--status", "stalled", "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "eu-clasi-2023-20: unassessed → stalled; "
        f"update {dt.date.today().isoformat()} added (dry run: nothing written)\n"
    )
    # the comment keeps its column
    column = len("status: unassessed   ")
    assert f"+{'status: stalled'.ljust(column)}# nobody has looked yet\n" in result.stdout
    assert path.read_text() == HAND_WRITTEN


def test_status_alone_records_a_dated_update(clasi, cli):
    path = clasi.root / "eu-clasi-2023" / "20.yaml"
    assert cli("update", "eu-clasi-2023-20", "-s", "not-started").exit_code == 0
    data = yamlfile.load(path.read_text())
    assert data["status"] == "not-started"
    assert data["updates"][-1] == {"date": dt.date.today().isoformat(), "status": "not-started"}


def test_due_alone_sets_the_due_date(clasi, cli):
    path = clasi.root / "eu-clasi-2023" / "20.yaml"
    result = cli("update", "eu-clasi-2023-20", "--due", "31 December 2025")
    assert result.stdout == "eu-clasi-2023-20: due 2025-12-31\n"
    assert yamlfile.load(path.read_text())["due"] == "2025-12-31"
    assert len(yamlfile.load(path.read_text())["updates"]) == 2


def test_a_month_is_kept_as_a_month(clasi, cli):
    path = clasi.root / "eu-clasi-2023" / "20.yaml"
    result = cli("update", "eu-clasi-2023-20", "--note", "Seen.", "--date", "February 2024")
    assert result.stdout == "eu-clasi-2023-20: update 2024-02 added\n"
    assert "  - date: 2024-02\n    note: Seen.\n" in path.read_text()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--status", "done", "--note", "x"], 2, "error: --status: unknown status 'done'"),
        (["--status", "in-progres"], 2, "error: --status: unknown status 'in-progres' (did you"),
        (["--note", "x", "--date", "the day after"], 2, "error: --date: cannot read"),
        (["--note", "x", "--date", "14 March"], 2, "error: --date: '14 March' has no year"),
        (["--due", "March 2025"], 2, "error: --due: 'March 2025' is not a full date"),
        (["--link", "javascript:alert(1)"], 2, "error: --link: 'javascript:alert(1)' is not"),
        (["--link", "file:///etc/passwd"], 2, "error: --link: 'file:///etc/passwd' is not"),
        ([], 2, "error: nothing to record: give --status, --note, --link or --due"),
        (["--date", "2024-01-01"], 2, "error: --date dates an update"),
    ],
)
def test_bad_input_is_one_line_and_leaves_the_file_as_it_was(clasi, cli, args, code, message):
    path = clasi.root / "eu-clasi-2023" / "20.yaml"
    before = path.read_bytes()
    result = cli("update", "eu-clasi-2023-20", *args)
    assert result.exit_code == code
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1
    assert result.stdout == ""
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["20.yaml", "declaration.yaml"]


def test_an_unknown_id_is_one_line_and_changes_nothing(clasi, cli):
    path = clasi.root / "eu-clasi-2023" / "20.yaml"
    before = path.read_bytes()
    result = cli("update", "eu-clasi-2023-21", "--note", "x")
    assert result.exit_code == 1
    assert result.stderr == "error: no pledge 'eu-clasi-2023-21' (did you mean eu-clasi-2023-20?)\n"
    assert path.read_bytes() == before


def test_a_contradicted_back_dated_status_is_refused(clasi, cli):
    path = clasi.root / "eu-clasi-2023" / "20.yaml"
    assert cli("update", "eu-clasi-2023-20", "-s", "partial", "--date", "2024-05-01").exit_code == 0
    before = path.read_bytes()
    result = cli("update", "eu-clasi-2023-20", "-s", "stalled", "--date", "2024-01-01")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: commitments/eu-clasi-2023/20.yaml: status is 'stalled' but the newest update "
        "(2024-05-01) says 'partial': nothing written\n"
    )
    assert path.read_bytes() == before


def test_fifty_concurrent_updates_are_all_kept(repo):
    repo.declaration("decl-2020")
    path = repo.pledge("decl-2020", "1", "title: T\nstatus: unassessed\n")
    env = {**os.environ, "TRACKER_ROOT": str(repo.root), "NO_COLOR": "1"}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "tracker", "update", "decl-2020-1", "--note", f"note {n}"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for n in range(50)
    ]
    errors = [process.communicate(timeout=120)[1] for process in processes]
    assert [process.returncode for process in processes] == [0] * 50, errors
    text = path.read_text()
    notes = [update["note"] for update in yamlfile.load(text)["updates"]]
    assert sorted(notes) == sorted(f"note {n}" for n in range(50))
    assert check_pledge_text(path, text) == []
    assert sorted(p.name for p in path.parent.iterdir()) == ["1.yaml", "declaration.yaml"]


# A tracker process whose index takes files as settled at once (as tests/store/test_index.py's
# do); the last line on its stderr says whether it imported the module named by its first
# argument.
RUN = textwrap.dedent(
    """
    import atexit, sys
    import tracker.store.index
    tracker.store.index.RACY_NS = -10**12
    watched = sys.argv.pop(1)
    atexit.register(lambda: print(watched in sys.modules, file=sys.stderr))
    from tracker.cli import main
    sys.argv = ["tracker", *sys.argv[1:]]
    main()
    """
)


def tracker(repo, *args, watched="pydantic_core"):
    """`tracker ARGS` in a process of its own: its output, and whether it imported `watched`
    (by default pydantic-core, which every validator needs: whether it validated anything)."""
    done = subprocess.run(
        [sys.executable, "-c", RUN, watched, *args],
        cwd=repo.base,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout, done.stderr.split()[-1] == "True"


def test_a_warm_update_and_link_check_what_they_write_as_a_cold_one_does(clasi):
    twin = clasi.write("eu-clasi-2023/21.yaml", HAND_WRITTEN)
    assert tracker(clasi, "list", "--format", "ids")[1]  # a cold read validates
    update = ("--status", "in-progress", "--note", "Seen.", "--date", "2024-03-14")
    link = ("https://example.org/seen", "--kind", "evidence")
    assert tracker(clasi, "update", "eu-clasi-2023-20", *update) == (
        "eu-clasi-2023-20: unassessed → in-progress; update 2024-03-14 added\n",
        True,  # every write is checked, warm or not
    )
    assert tracker(clasi, "link", "eu-clasi-2023-20", *link) == (
        "eu-clasi-2023-20: link https://example.org/seen added\n",
        True,
    )
    assert tracker(clasi, "--no-cache", "update", "eu-clasi-2023-21", *update)[1]
    assert tracker(clasi, "--no-cache", "link", "eu-clasi-2023-21", *link)[1]
    assert (clasi.root / "eu-clasi-2023" / "20.yaml").read_bytes() == twin.read_bytes()


def test_a_write_validates_without_importing_pydantics_schema_builder(clasi):
    # The validator is made from the model by tracker.schema; pydantic's own builder would take
    # most of the time of a write (docs/performance.md).
    update = ("--note", "Seen.", "--date", "2024-03-14")
    assert tracker(clasi, "update", "eu-clasi-2023-20", *update, watched="pydantic") == (
        "eu-clasi-2023-20: update 2024-03-14 added\n",
        False,
    )


# --- never write what tracker cannot read back (issue 19, items 4 to 6) ---------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [("a\x1b[2Jb", "001B"), ("line\rover", "000D"), ("next\x85line", "0085"), ("\x07", "0007")],
)
def test_a_note_or_title_with_a_control_character_is_refused_in_one_line(clasi, cli, text, code):
    path = clasi.root / "eu-clasi-2023" / "20.yaml"
    before = path.read_bytes()
    update = cli("update", "eu-clasi-2023-20", "--note", text)
    link = cli("link", "eu-clasi-2023-20", "https://example.org/a", "--title", text)
    for result, option in ((update, "--note"), (link, "--title")):
        assert result.exit_code == 2
        assert result.stderr == (
            f"error: {option} contains the control character U+{code}: write plain text\n"
        )
    assert path.read_bytes() == before


def test_a_note_or_title_with_a_byte_that_is_not_utf8_is_refused_in_one_line(clasi, cli):
    # A terminal in another encoding sends the byte 0x85; Python hands it on as U+DC85.
    path = clasi.root / "eu-clasi-2023" / "20.yaml"
    before = path.read_bytes()
    text = b"next \x85 line".decode("utf-8", "surrogateescape")
    update = cli("update", "eu-clasi-2023-20", "--note", text)
    link = cli("link", "eu-clasi-2023-20", "https://example.org/a", "--title", text)
    for result, option in ((update, "--note"), (link, "--title")):
        assert result.exit_code == 2
        assert result.stderr == (
            f"error: {option} contains the byte 0x85, which is not UTF-8 text: "
            "check the terminal's encoding\n"
        )
    assert path.read_bytes() == before


def test_a_write_that_would_pass_the_read_limit_is_refused(clasi, cli):
    path = clasi.root / "eu-clasi-2023" / "20.yaml"
    long_note = "word " * 400
    filler = ""
    while len(HAND_WRITTEN) + len(filler) < yamlfile.MAX_BYTES - 1000:
        filler += "  - date: 2020-01-01\n    note: Seen again.\n"
    path.write_text(HAND_WRITTEN.replace("updates:\n", "updates:\n" + filler, 1))
    assert path.stat().st_size <= yamlfile.MAX_BYTES
    before = path.read_bytes()
    result = cli("update", "eu-clasi-2023-20", "--note", long_note, "--date", "2024-01-01")
    assert result.exit_code == 1
    assert "more than the 128 KiB tracker reads" in result.stderr
    assert "nothing written" in result.stderr
    assert path.read_bytes() == before


def test_a_link_with_a_query_is_written_so_that_yaml_without_libyaml_reads_it(clasi, cli):
    path = clasi.root / "eu-clasi-2023" / "20.yaml"
    result = cli("update", "eu-clasi-2023-20", "--link", "https://x.org/?q=1", "--date", "2024-01")
    assert result.exit_code == 0, result.stderr
    text = path.read_text()
    assert yamlfile.load_without_libyaml(text) == yamlfile.load(text)
    assert yamlfile.load(text)["updates"][-1]["links"] == ["https://x.org/?q=1"]
