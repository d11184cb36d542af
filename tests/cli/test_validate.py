import json


def test_clean_data_exits_0(repo, cli):
    repo.declaration("d")
    repo.pledge("d", "1", "title: T\nstatus: in-progress\ndue: 2099-01-01\n")
    result = cli("validate")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "2 files checked: no problems" in result.stderr


def test_warnings_alone_exit_0(sample, cli):
    result = cli("validate")  # alpha-2020-2 is overdue with no update: a warning
    assert result.exit_code == 0
    assert "warning: overdue since 2021-06-30 with no update ever" in result.stdout


def test_problems_print_path_line_level_message_and_exit_1(sample, cli):
    sample.pledge("alpha-2020", "7", "title: T\n\n\nstatus: done\n")
    sample.pledge("alpha-2020", "8", "title: T\nstatus: unassessed\ndue: 2023-02-30\n")
    sample.pledge("alpha-2020", "9", "title: T\nstatus: [unclosed\n")
    result = cli("validate")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert "commitments/alpha-2020/7.yaml:4: error: unknown status 'done'" in lines
    assert (
        "commitments/alpha-2020/8.yaml:3: error: due: '2023-02-30' is not a real date "
        "(day is out of range for month)" in lines
    )
    assert any(line.startswith("commitments/alpha-2020/9.yaml:") for line in lines)
    assert "3 errors" in result.stderr


def test_other_pledges_still_list_after_validate_fails(sample, cli):
    sample.pledge("alpha-2020", "7", "title: T\nstatus: done\n")
    assert cli("validate").exit_code == 1
    assert cli("list", "--format", "ids").stdout.count("\n") == 5


def test_strict_fails_on_warnings(repo, cli):
    repo.declaration("d")
    repo.pledge("d", "1", "title: T\nstatus: completed\n")  # no evidence: a warning
    assert cli("validate").exit_code == 0
    result = cli("validate", "--strict")
    assert result.exit_code == 1
    assert "warning: completed pledge with no evidence link" in result.stdout


def test_json_and_github_formats(sample, cli):
    sample.pledge("alpha-2020", "7", "title: T\nstatus: done\n")
    records = json.loads(cli("validate", "--format", "json").stdout)
    assert [r for r in records if r["level"] == "error"] == [
        {
            "path": "commitments/alpha-2020/7.yaml",
            "line": 2,
            "level": "error",
            "code": "status",
            "message": "unknown status 'done'",
        }
    ]
    github = cli("validate", "--format", "github").stdout.splitlines()
    assert github[0].startswith("::warning file=commitments/alpha-2020/2.yaml,line=5,")
    assert github[1] == (
        "::error file=commitments/alpha-2020/7.yaml,line=2,title=tracker status::"
        "unknown status 'done'"
    )


def test_paths_narrow_the_report_and_find_the_root(sample, cli, monkeypatch):
    sample.pledge("alpha-2020", "7", "title: T\nstatus: done\n")
    assert cli("validate", "commitments/beta-2021").exit_code == 0
    assert cli("validate", "commitments/alpha-2020/7.yaml").exit_code == 1
    monkeypatch.chdir("/")
    result = cli("validate", str(sample.root / "alpha-2020" / "7.yaml"))
    assert result.exit_code == 1


def test_a_missing_path_is_a_usage_error(sample, cli):
    assert cli("validate", "commitments/nowhere").exit_code == 2


def test_the_summary_counts_only_the_files_named(sample, cli):
    assert (
        "2 files checked: no problems"
        in cli(
            "validate", "commitments/beta-2021/01.yaml", "commitments/beta-2021/declaration.yaml"
        ).stderr
    )
    assert "3 files checked: no problems" in cli("validate", "commitments/beta-2021").stderr
