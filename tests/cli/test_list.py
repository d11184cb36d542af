import json

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
    result = cli("list", "--declaration", "nowhere", "--format", "json")
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
    assert "No pledges match." in cli("list", "-d", "nowhere").stdout


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
