import csv
import io
import json
import re
from pathlib import Path

import pytest
import yaml

EXPECTED_FIELDS = {
    "id",
    "declaration",
    "status",
    "title",
    "actors",
    "themes",
    "due",
    "updates",
    "links",
}


def test_json_lists_every_pledge_with_its_fields(sample, cli):
    result = cli("list", "--format", "json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert [r["id"] for r in records] == [
        "alpha-2020-1",
        "alpha-2020-2",
        "alpha-2020-10",
        "beta-2021-01",
        "beta-2021-02",
    ]
    assert all(set(r) >= EXPECTED_FIELDS for r in records)
    first = records[0]
    assert first["declaration"] == "alpha-2020"
    assert first["actors"] == ["Europol", "Spain"]
    assert first["due"] == "2021-01-31"
    assert first["updates"][1] == {
        "date": "2021-01-15",
        "status": "completed",
        "note": "Data shared.",
        "links": [],
    }


def test_status_and_declaration_filters(sample, cli):
    ids = cli("list", "--status", "completed", "--status", "dropped", "--format", "ids").stdout
    assert ids == "alpha-2020-1\nbeta-2021-01\n"
    ids = cli("list", "-d", "beta-2021", "--format", "ids").stdout
    assert ids == "beta-2021-01\nbeta-2021-02\n"
    both = cli("list", "-d", "alpha-2020", "-s", "dropped", "--format", "ids").stdout
    assert both == ""


def test_empty_json_is_brackets(sample, cli):
    result = cli("list", "--due-before", "1900", "--format", "json")
    assert json.loads(result.stdout) == []


def test_unknown_status_is_a_usage_error(sample, cli):
    result = cli("list", "--status", "done")
    assert result.exit_code == 2
    assert "done" in result.stderr


def test_table_shows_ids_statuses_and_titles(sample, cli):
    out = cli("list").stdout
    assert "alpha-2020-2" in out and "in-progress" in out and "Train border guards" in out
    assert out.index("alpha-2020-2") < out.index("alpha-2020-10")


def test_empty_table_says_so(sample, cli):
    assert "No pledges match." in cli("list", "--due-before", "1900").stdout


def test_broken_files_cost_one_line_each_on_stderr(sample, cli):
    sample.pledge("alpha-2020", "3", "title: T\nstatus: done\n")
    sample.pledge("alpha-2020", "4", "title: [x\nstatus: y\nfoo: 1\n")
    sample.pledge("alpha-2020", "5", "title: [x]\nstatus: done\nfoo: 1\n")
    result = cli("list", "--format", "ids")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 5
    lines = result.stderr.splitlines()
    assert lines[0] == "commitments/alpha-2020/3.yaml:2: error: unknown status 'done'"
    assert lines[1].startswith("commitments/alpha-2020/4.yaml:")
    assert lines[2].startswith("commitments/alpha-2020/5.yaml:1: error: title must be text")
    assert lines[2].endswith("(and 2 more: run tracker validate)")
    assert len(lines) == 3


def test_root_option_and_environment(sample, cli, tmp_path_factory, monkeypatch):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    monkeypatch.chdir(elsewhere)
    assert cli("list", "--format", "ids").exit_code == 1
    assert cli("list", "--root", str(sample.base), "--format", "ids").stdout.count("\n") == 5
    env = {"TRACKER_ROOT": str(sample.root)}
    assert cli("list", "--format", "ids", env=env).stdout.count("\n") == 5


def test_no_root_is_one_line_and_exit_1(repo, cli, tmp_path_factory, monkeypatch):
    monkeypatch.chdir(tmp_path_factory.mktemp("empty"))
    result = cli("list")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no commitments/ folder in ")
    assert len(result.stderr.splitlines()) == 1


# --- every filter, sort and format on a repository built for them ----------------------------
# Expected answers are worked out by hand from the files below; `--as-of 2024-06-30` fixes "today".

AS_OF = ("--as-of", "2024-06-30")
ALL = [
    "east-2023-05-3",
    "east-2023-05-4",
    "north-2020-1",
    "north-2020-2",
    "north-2020-10",
    "south-2022-01",
    "south-2022-02",
]


@pytest.fixture
def world(repo, monkeypatch):
    for variable in ("FORCE_COLOR", "TTY_COMPATIBLE"):  # they make rich treat a pipe as a terminal
        monkeypatch.delenv(variable, raising=False)
    repo.declaration("north-2020", "title: North\ndate: 2020-03-01\n")
    repo.declaration("south-2022", "title: South\n")
    repo.declaration("east-2023-05", "title: East\ndate: 2023-05\n")
    repo.pledge(
        "north-2020",
        "1",
        """
        title: Share border data
        status: completed
        actors: [Europol, Spain]
        themes: [borders, Drugs]
        due: 2021-01-31
        updates:
          - date: 2020-06-01
            status: in-progress
            note: Work began.
          - date: 2021-01-15
            status: completed
            note: Data shared.
        """,
    )
    repo.pledge(
        "north-2020",
        "2",
        """
        title: Train customs officers
        status: in-progress
        summary: |
          Joint training on drugs
          detection at ports.
        actors: [Frontex]
        themes: [borders]
        due: 2024-03-31
        updates:
          - date: 2023-12
            note: Curriculum agreed with the academy.
        """,
    )
    repo.pledge("north-2020", "10", "title: Meet again\nstatus: unassessed\n")
    repo.pledge(
        "south-2022",
        "01",
        """
        title: Set up a task force
        status: dropped
        actors: [europol]
        due: 2023-01-01
        original:
          language: fr
          text: Une task force contre le trafic de cocaïne.
        """,
    )
    repo.pledge(
        "south-2022",
        "02",
        """
        title: Report yearly | in public
        status: stalled
        themes: [reporting]
        due: 2099-12-31
        updates:
          - date: 2024-06-01
            status: stalled
            note: Funding paused.
        """,
    )
    repo.pledge(
        "east-2023-05",
        "3",
        """
        title: Open a liaison office
        status: not-started
        actors: [Spain]
        due: 2024-06-30
        assessments:
          - actor: Spain
            score: -1
            note: No premises found.
        """,
    )
    repo.pledge(
        "east-2023-05",
        "4",
        """
        title: =SUM(1) fund research
        status: partial
        summary: -starts with a dash
        due: 2024-07-01
        updates:
          - date: 2024-05-20
            status: partial
            note: Half the money came.
        """,
    )
    return repo


def ids(cli, *args):
    result = cli("list", *args, *AS_OF, "--format", "ids")
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_no_filter_lists_all_in_natural_order(world, cli):
    assert ids(cli) == ALL


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--status", "open"],
            ["east-2023-05-3", "east-2023-05-4", "north-2020-2", "north-2020-10", "south-2022-02"],
        ),
        (["-s", "completed", "-s", "dropped"], ["north-2020-1", "south-2022-01"]),
        (["--actor", "EUROPOL"], ["north-2020-1", "south-2022-01"]),
        (["-a", "europol", "-a", "frontex"], ["north-2020-1", "north-2020-2", "south-2022-01"]),
        (["--theme", "drugs"], ["north-2020-1"]),
        (["-t", "borders", "-t", "reporting"], ["north-2020-1", "north-2020-2", "south-2022-02"]),
        (["--declaration", "south-2022"], ["south-2022-01", "south-2022-02"]),
        (["--due-before", "2024-03"], ["north-2020-1", "south-2022-01"]),
        (["--due-before", "1 April 2024"], ["north-2020-1", "north-2020-2", "south-2022-01"]),
        (["--due-after", "June 2024"], ["east-2023-05-4", "south-2022-02"]),
        (["--due-after", "2024-03-31", "--due-before", "2024-07"], ["east-2023-05-3"]),
        (["--overdue"], ["north-2020-2"]),
        # closed pledges (north-2020-1 completed, south-2022-01 dropped) are never stale
        (["--stale", "182"], ["east-2023-05-3", "north-2020-2", "north-2020-10"]),
        (["--stale", "183"], ["east-2023-05-3", "north-2020-10"]),
        (["--search", "LIAISON"], ["east-2023-05-3"]),
        (["--search", "drugs detection"], ["north-2020-2"]),
        (["-q", "cocaïne", "-q", "premises"], ["east-2023-05-3", "south-2022-01"]),
        (["--search", "curriculum"], ["north-2020-2"]),
        (["--actor", "europol", "--status", "open"], []),
        (["--actor", "europol", "--theme", "drugs"], ["north-2020-1"]),
        (["--status", "open", "--due-before", "2024-07", "--actor", "spain"], ["east-2023-05-3"]),
    ],
)
def test_filters(world, cli, args, expected):
    assert ids(cli, *args) == expected


def test_overdue_and_stale_count_from_as_of(world, cli):
    result = cli("list", "--overdue", "--as-of", "2 July 2024", "--format", "ids")
    assert result.stdout.splitlines() == ["east-2023-05-3", "east-2023-05-4", "north-2020-2"]


def test_overdue_without_as_of_counts_from_today(world, cli):
    # every due date in the repository but 2099's lies before the day these tests run
    out = cli("list", "--overdue", "--format", "ids").stdout.splitlines()
    assert out == ["east-2023-05-3", "east-2023-05-4", "north-2020-2"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("id", ALL),
        ("-id", ALL[::-1]),
        (
            "due",
            [
                "north-2020-1",
                "south-2022-01",
                "north-2020-2",
                "east-2023-05-3",
                "east-2023-05-4",
                "south-2022-02",
                "north-2020-10",
            ],
        ),
        (
            "-due",
            [
                "south-2022-02",
                "east-2023-05-4",
                "east-2023-05-3",
                "north-2020-2",
                "south-2022-01",
                "north-2020-1",
                "north-2020-10",
            ],
        ),
        (
            "status",
            [
                "north-2020-10",
                "east-2023-05-3",
                "north-2020-2",
                "east-2023-05-4",
                "north-2020-1",
                "south-2022-02",
                "south-2022-01",
            ],
        ),
        (
            "-updated",
            [
                "south-2022-02",
                "east-2023-05-4",
                "north-2020-2",
                "north-2020-1",
                "east-2023-05-3",
                "north-2020-10",
                "south-2022-01",
            ],
        ),
        (
            "declaration",
            [
                "north-2020-1",
                "north-2020-2",
                "north-2020-10",
                "east-2023-05-3",
                "east-2023-05-4",
                "south-2022-01",
                "south-2022-02",
            ],
        ),
    ],
)
def test_sort(world, cli, sort, expected):
    assert ids(cli, "--sort", sort) == expected


def test_sort_combines_with_filters(world, cli):
    assert ids(cli, "--status", "open", "--sort=-due") == [
        "south-2022-02",
        "east-2023-05-4",
        "east-2023-05-3",
        "north-2020-2",
        "north-2020-10",
    ]


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--due-before", "someday"], "--due-before"),
        (["--due-after", "31 Smarch 2024"], "--due-after"),
        (["--as-of", "soon"], "--as-of"),
        (["--stale", "-1"], "--stale"),
        (["--stale", "six months"], "--stale"),
        (["--sort", "priority"], "--sort"),
        (["--format", "xml"], "--format"),
    ],
)
def test_bad_option_values_are_usage_errors_naming_the_option(world, cli, args, option):
    result = cli("list", *args)
    assert result.exit_code == 2
    assert option in result.stderr
    assert result.stdout == ""


def test_piped_table_is_plain_text(world, cli):
    result = cli("list", "--declaration", "north-2020")
    assert result.stdout == (
        "id             status       due         updated     title\n"
        "north-2020-1   completed    2021-01-31  2021-01-15  Share border data\n"
        "north-2020-2   in-progress  2024-03-31  2023-12     Train customs officers\n"
        "north-2020-10  unassessed                           Meet again\n"
    )


def test_table_on_a_terminal_is_drawn_by_rich_and_honours_no_color(world, cli):
    # an SGR sequence that sets a foreground colour (bold and dim are not colours)
    colour_code = re.compile(r"\x1b\[(?:[0-9]+;)*(?:3[0-8]|9[0-7])[;m]")
    colour = cli("list", "-d", "north-2020", env={"TTY_COMPATIBLE": "1", "NO_COLOR": None})
    assert "─" in colour.stdout and colour_code.search(colour.stdout)
    plain = cli("list", "-d", "north-2020", env={"TTY_COMPATIBLE": "1", "NO_COLOR": "1"})
    assert "─" in plain.stdout and not colour_code.search(plain.stdout)
    assert "Share border data" in plain.stdout


def test_json_fields_in_documented_order(world, cli):
    records = json.loads(cli("list", "-d", "south-2022", "--format", "json").stdout)
    assert list(records[0]) == [
        "id",
        "declaration",
        "number",
        "title",
        "status",
        "summary",
        "original",
        "actors",
        "themes",
        "due",
        "related",
        "links",
        "updates",
        "assessments",
        "inferred",
    ]
    assert records[0]["original"] == {
        "language": "fr",
        "text": "Une task force contre le trafic de cocaïne.",
    }
    assert records[0]["summary"] is None and records[0]["related"] == []


def test_csv_rows_for_a_spreadsheet(world, cli):
    result = cli("list", "-d", "north-2020", "-d", "east-2023-05", "--format", "csv")
    out = result.stdout_bytes.decode("utf-8")
    assert out.endswith("\r\n") and out.count("\r\n") == 6  # header, five rows: RFC 4180
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(out, newline=""))}
    assert list(rows) == [
        "east-2023-05-3",
        "east-2023-05-4",
        "north-2020-1",
        "north-2020-2",
        "north-2020-10",
    ]
    assert rows["north-2020-1"]["actors"] == "Europol; Spain"
    assert rows["north-2020-1"]["themes"] == "borders; Drugs"
    assert rows["north-2020-1"]["updated"] == "2021-01-15"
    assert rows["north-2020-1"]["latest_note"] == "Data shared."
    assert rows["north-2020-2"]["summary"] == "Joint training on drugs\ndetection at ports.\n"
    assert rows["east-2023-05-4"]["title"] == "'=SUM(1) fund research"
    assert rows["east-2023-05-4"]["summary"] == "'-starts with a dash"


def test_yaml_is_the_json_list(world, cli):
    as_json = json.loads(cli("list", "--format", "json").stdout)
    assert yaml.safe_load(cli("list", "--format", "yaml").stdout) == as_json
    assert cli("list", "--due-before", "1900", "--format", "yaml").stdout == "[]\n"


def test_markdown_table(world, cli):
    out = cli("list", "-d", "south-2022", "--format", "markdown").stdout
    assert out == (
        "| id | status | due | updated | title |\n"
        "|---|---|---|---|---|\n"
        "| south-2022-01 | dropped | 2023-01-01 |  | Set up a task force |\n"
        "| south-2022-02 | stalled | 2099-12-31 | 2024-06-01 | Report yearly \\| in public |\n"
    )


def test_empty_results_in_every_format(world, cli):
    expected = {
        "table": "No pledges match.\n",
        "json": "[]\n",
        "yaml": "[]\n",
        "ids": "",
        "markdown": "_No pledges match._\n",
    }
    for fmt, text in expected.items():
        assert cli("list", "-s", "completed", "--due-before", "1900", "-f", fmt).stdout == text
    header = cli("list", "--due-before", "1900", "--format", "csv").stdout
    assert header.startswith("id,declaration,number,title,status,") and header.count("\n") == 1


# --- the shipped data ---------------------------------------------------------------------------

SHIPPED = Path(__file__).resolve().parents[2] / "commitments"


def _shipped_ids_where(predicate):
    """Pledge ids whose YAML, read here with PyYAML alone, satisfies `predicate`."""
    found = []
    for path in SHIPPED.glob("*/*.yaml"):
        if path.name == "declaration.yaml":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if predicate(data):
            found.append(f"{path.parent.name}-{path.stem}")
    return found


def test_shipped_actor_and_theme_filters(cli):
    root = ("--root", str(SHIPPED))

    def listed(*args):
        return set(cli("list", *root, *args, "--format", "ids").stdout.splitlines())

    europol = listed("--actor", "europol")
    assert europol == {"eu-north-africa-smuggling-03"}
    assert europol == set(
        _shipped_ids_where(lambda d: "europol" in [a.lower() for a in d.get("actors", [])])
    )
    drugs = listed("--theme", "drugs")
    assert drugs == set(_shipped_ids_where(lambda d: "drugs" in d.get("themes", [])))
    assert "eu-clasi-2023-22" in drugs and "eu-ports-alliance-2024-02" in drugs
    assert listed("--actor", "europol", "--theme", "drugs") == europol & drugs


@pytest.mark.parametrize("sort", ["id", "-due", "status", "updated", "-declaration"])
def test_ids_are_those_of_the_json_list_cold_warm_and_without_cache(
    sample, cli, sort, tmp_path_factory, monkeypatch
):
    from tracker.store import index as cache

    monkeypatch.setattr(cache, "RACY_NS", -(10**12))  # files just written are cached at once
    sample.pledge("alpha-2020", "3", "title: T\nstatus: done\n")  # broken: left out of both
    query = ("--status", "open", "--sort", sort)
    listed = [r["id"] for r in json.loads(cli("list", *query, "--format", "json").stdout)]
    assert len(listed) == 3
    env = {"TRACKER_CACHE_DIR": str(tmp_path_factory.mktemp("empty-cache"))}
    for options in ((), (), ("--no-cache",)):  # cold, warm, without the cache
        result = cli(*options, "list", *query, "--format", "ids", env=env)
        assert result.stdout.splitlines() == listed
        assert result.stderr.startswith("commitments/alpha-2020/3.yaml:2: error: unknown status")


@pytest.mark.parametrize("cache", [[], ["--no-cache"]])
@pytest.mark.parametrize(
    ("option", "typed", "said"),
    [
        ("--theme", "smugling", "no theme 'smugling' (did you mean smuggling?)"),
        ("--actor", "europool", "no actor 'europool' (did you mean Europol?)"),
        ("-d", "alpha", "no declaration 'alpha' (did you mean alpha-2020?)"),
    ],
)
def test_an_unknown_name_exits_1_with_the_nearest_known(sample, cli, cache, option, typed, said):
    for fmt in ("table", "ids"):
        result = cli(*cache, "list", option, typed, "-f", fmt)
        assert result.exit_code == 1
        assert result.stderr == f"error: {said}\n"
        assert result.stdout == ""


def test_a_known_name_in_any_case_is_no_typo(sample, cli):
    result = cli("list", "--actor", "EUROPOL", "--theme", "Smuggling", "-f", "ids")
    assert result.exit_code == 0
    assert result.stdout == "alpha-2020-1\n"


# --- needs attention ------------------------------------------------------------------------------


def test_attention_is_overdue_or_stale_or_due_soon(world, cli):
    # north-2020-2 is overdue (and quiet 182 days), north-2020-10 stale, east-2023-05-3 due on
    # the day, east-2023-05-4 due the next day; closed pledges never need attention.
    assert ids(cli, "--attention") == [
        "east-2023-05-3",
        "east-2023-05-4",
        "north-2020-2",
        "north-2020-10",
    ]
    assert ids(cli, "--attention", "--within", "0") == [
        "east-2023-05-3",
        "north-2020-2",
        "north-2020-10",
    ]
    # other options still narrow it
    assert ids(cli, "--attention", "--actor", "spain") == ["east-2023-05-3"]


def test_within_goes_with_attention(world, cli):
    result = cli("list", "--within", "10")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --within goes with --attention")


@pytest.mark.parametrize(
    "args",
    [
        ["--stale"],
        ["--stale", "--sort", "id"],
        ["--sort", "id", "--stale"],
        ["--stale=90"],
        ["--stale", "--no-cache"],  # a global option after it is no value of it
    ],
)
def test_stale_alone_is_the_reports_ninety_days(world, cli, args):
    # quiet 182 days (north-2020-2), 396 (east-2023-05-3) and since 2020 (north-2020-10); the
    # others had news within 90 days or are closed
    stale = ["east-2023-05-3", "north-2020-2", "north-2020-10"]
    assert ids(cli, *args) == stale
    report = json.loads(cli("report", "--format", "json", *AS_OF).stdout)
    assert report["stale_days"] == 90
    assert sorted(p["id"] for p in report["pledges"] if p["stale"]) == sorted(stale)


def test_attention_adds_days_overdue_and_days_without_news(world, cli):
    result = cli("list", "--attention", *AS_OF)
    rows = [line.split("  ") for line in result.stdout.splitlines()]
    cells = [[cell.strip() for cell in row if cell.strip()] for row in rows]
    assert cells == [
        ["id", "status", "due", "updated", "overdue", "quiet", "title"],
        ["east-2023-05-3", "not-started", "2024-06-30", "396d", "Open a liaison office"],
        ["east-2023-05-4", "partial", "2024-07-01", "2024-05-20", "41d", "=SUM(1) fund research"],
        [
            "north-2020-2",
            "in-progress",
            "2024-03-31",
            "2023-12",
            "91d",
            "182d",
            "Train customs officers",
        ],
        ["north-2020-10", "unassessed", "1582d", "Meet again"],
    ]
    # the day columns are right-aligned under their headings
    header = result.stdout.splitlines()[0]
    for line in result.stdout.splitlines()[1:]:
        assert line[header.index("quiet") + 4] == "d"


def test_a_sort_by_due_or_updated_adds_its_days(world, cli):
    assert cli("list", "--sort", "due", *AS_OF).stdout.splitlines()[0].split() == [
        "id",
        "status",
        "due",
        "updated",
        "overdue",
        "title",
    ]
    header = cli("list", "--sort=-updated", *AS_OF).stdout.splitlines()[0].split()
    assert header == ["id", "status", "due", "updated", "quiet", "title"]
    assert "overdue" not in cli("list", *AS_OF).stdout.splitlines()[0]


def test_updated_leaves_out_an_update_before_the_declaration(repo, cli):
    repo.declaration("d-2023", "title: D\ndate: 2023-09-28\n")
    repo.pledge(
        "d-2023",
        "1",
        "title: Background only\nstatus: unassessed\nupdates:\n  - date: 2022-10\n    note: x\n",
    )
    repo.pledge(
        "d-2023",
        "2",
        "title: With news\nstatus: unassessed\nupdates:\n"
        "  - date: 2022-10\n    note: x\n  - date: 2023-11\n    note: y\n",
    )
    assert cli("list").stdout == (
        "id        status      due  updated  title\n"
        "d-2023-1  unassessed                Background only\n"
        "d-2023-2  unassessed       2023-11  With news\n"
    )
    markdown = cli("list", "--format", "markdown").stdout
    assert "| d-2023-1 | unassessed |  |  | Background only |" in markdown


def test_a_terminal_list_leaves_out_date_and_day_columns_no_pledge_fills(repo, cli):
    repo.declaration("d", "title: D\ndate: 2020-01-01\n")
    repo.pledge("d", "1", "title: Never looked at\nstatus: unassessed\n")
    repo.pledge("d", "2", "title: Due later\nstatus: in-progress\ndue: 2026-01-01\n")
    terminal = {"TTY_COMPATIBLE": "1", "COLUMNS": "120", "NO_COLOR": "1", "TRACKER_PAGER": "cat"}

    def header(as_of: str) -> str:
        """The header row of `list --attention` as of `as_of`, its columns one space apart."""
        out = cli("list", "--attention", "--as-of", as_of, env=terminal).stdout
        return " ".join(re.sub(r"\x1b\[[0-9;]*m", "", out.splitlines()[0]).split())

    # no pledge has an update, none is overdue: no `updated`, no `overdue`
    assert header("2025-01-01") == "id status due quiet title"
    # two years on, pledge 2 is overdue
    assert header("2027-01-01") == "id status due overdue quiet title"
    # piped, the plain table keeps every column, for scripts that read it
    plain = cli("list", "--attention", "--as-of", "2025-01-01").stdout.splitlines()[0]
    assert plain.split() == ["id", "status", "due", "updated", "overdue", "quiet", "title"]
