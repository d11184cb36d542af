import json


def test_report_shows_every_declaration_with_counts(sample, cli):
    result = cli("report")
    assert result.exit_code == 0
    out = result.stdout
    assert "Alpha" in out and "beta-2021" in out
    assert "1 unassessed · 1 in-progress · 1 completed" in out
    assert "1 stalled · 1 dropped" in out
    assert "Compliance score: -0.25" in out
    assert "mean over 4 assessed pledges" in out


def test_report_still_runs_with_a_broken_file(sample, cli):
    sample.pledge("alpha-2020", "3", "title: [x\n")
    result = cli("report")
    assert result.exit_code == 0
    assert "commitments/alpha-2020/3.yaml:" in result.stderr
    assert "Alpha" in result.stdout


def test_terminal_report_has_bars_lists_and_breakdowns(sample, cli):
    out = cli("report", "--as-of", "2025-01-01").stdout
    assert out.startswith("Pledge progress as of 2025-01-01\n")
    assert "███░░░░░░░  33%" in out  # alpha: 1 of 3 completed
    assert "Needs attention: overdue or stale" in out
    assert "1281 days" in out  # alpha-2020-2, due 2021-06-30
    assert "By theme" in out and "By actor" in out
    assert "Compliance by actor (assessments): none" in out


def test_as_of_makes_the_report_reproducible(sample, cli):
    early = json.loads(cli("report", "-f", "json", "--as-of", "1 June 2021").stdout)
    assert early["as_of"] == "2021-06-01"
    assert early["overdue"] == []  # alpha-2020-2 falls due on 2021-06-30
    month = json.loads(cli("report", "-f", "json", "--as-of", "2021-07").stdout)
    assert month["as_of"] == "2021-07-31"  # a month means its last day
    assert month["overdue"] == ["alpha-2020-2"]


def test_a_date_that_cannot_be_read_is_a_usage_error(sample, cli):
    result = cli("report", "--as-of", "someday")
    assert result.exit_code == 2
    assert "--as-of" in result.output and "cannot read 'someday'" in result.output


def test_narrowing_options(sample, cli):
    data = json.loads(cli("report", "-f", "json", "--actor", "EUROPOL").stdout)
    assert [p["id"] for p in data["pledges"]] == ["alpha-2020-1", "beta-2021-01"]
    data = json.loads(cli("report", "-f", "json", "-d", "alpha-2020", "-t", "borders").stdout)
    assert [p["id"] for p in data["pledges"]] == ["alpha-2020-2"]
    assert [d["slug"] for d in data["declarations"]] == ["alpha-2020"]


def test_an_unknown_theme_is_named_with_a_suggestion(sample, cli):
    result = cli("report", "--theme", "smugling")
    assert result.exit_code == 1
    assert result.stderr == "error: no theme 'smugling' (did you mean smuggling?)\n"


def test_markdown_output_file_matches_stdout(sample, cli):
    printed = cli("report", "-f", "markdown", "--as-of", "2025-01-01").stdout
    result = cli("report", "-f", "markdown", "--as-of", "2025-01-01", "-o", "out/report.md")
    assert result.exit_code == 2  # no such folder: nothing written
    assert result.stderr == "error: out: no such folder to write report.md in\n"
    (sample.base / "out").mkdir()
    result = cli("report", "-f", "markdown", "--as-of", "2025-01-01", "-o", "out/report.md")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert (sample.base / "out/report.md").read_text(encoding="utf-8") == printed
    assert printed.startswith("## Pledge progress as of 2025-01-01\n")


def test_output_replaces_a_file_whole_and_keeps_nothing_else_behind(sample, cli):
    target = sample.base / "report.html"
    target.write_text("old", encoding="utf-8")
    assert cli("report", "-f", "html", "-o", "report.html").exit_code == 0
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert sorted(p.name for p in sample.base.iterdir()) == ["commitments", "report.html"]


def test_terminal_format_to_a_file_is_plain_text(sample, cli):
    assert cli("report", "-o", "report.txt").exit_code == 0
    text = (sample.base / "report.txt").read_text(encoding="utf-8")
    assert "Compliance score: -0.25" in text and "\x1b[" not in text


def test_output_to_a_folder_is_a_usage_error(sample, cli):
    result = cli("report", "-o", "commitments")
    assert result.exit_code == 2


def moved_sample(sample, git):
    """The sample committed on 1 March 2024, then alpha-2020-10 assessed on 2 March."""
    git.commit("The sample", "2024-03-01")
    path = sample.root / "alpha-2020/10.yaml"
    path.write_text(
        "title: Meet again\nstatus: not-started\nupdates:\n"
        "  - date: 2024-03-02\n    status: not-started\n    note: No meeting planned.\n"
    )
    git.commit("Assess paragraph 10", "2024-03-02")


def test_report_since_adds_the_changes_in_markdown(sample, git, cli):
    moved_sample(sample, git)
    out = cli("report", "--format", "markdown", "--since", "HEAD~1", "--as-of", "2025-01-01").stdout
    start = git("rev-parse", "--short=7", "HEAD~1").stdout.strip()
    section = out[out.index("### Changes from") : out.index("### Timeline")]
    assert section.splitlines()[0].startswith(f"### Changes from HEAD\\~1 ({start}, 2024-03-01)")
    assert (
        "| alpha-2020-10 | Meet again | unassessed → not-started<br>"
        "update 2024-03-02 added (not-started): No meeting planned. |"
    ) in section
    assert "#### Alpha\n" in section
    without = cli("report", "--format", "markdown", "--as-of", "2025-01-01").stdout
    assert "Changes from" not in without


def test_report_since_adds_the_changes_in_json(sample, git, cli):
    moved_sample(sample, git)
    data = json.loads(cli("report", "-f", "json", "--since", "2024-03-02").stdout)
    changes = data["changes"]
    assert changes["since"]["commit"] == git("rev-parse", "HEAD~1").stdout.strip()
    assert changes["counts"]["status_moves"] == 1
    [declaration] = changes["declarations"]
    assert declaration["slug"] == "alpha-2020"
    assert [(p["id"], p["status"]) for p in declaration["pledges"]] == [
        ("alpha-2020-10", {"from": "unassessed", "to": "not-started"})
    ]
    assert data["total"]["by_status"]["not-started"] == 1  # the figures are those of now


def test_report_since_in_the_terminal_and_html(sample, git, cli):
    moved_sample(sample, git)
    out = cli("report", "--since", "HEAD~1").stdout
    assert "Changes from HEAD~1" in out
    assert "  alpha-2020-10  unassessed → not-started\n" in out
    html = cli("report", "-f", "html", "--since", "HEAD~1").stdout
    assert '<h2 id="changes">Changes from HEAD~1' in html
    assert '<td data-label="what moved">unassessed → not-started<br>update 2024-03-02 added' in html


def test_report_since_outside_git_says_so(sample, cli):
    result = cli("report", "--since", "HEAD~1")
    assert result.exit_code == 1
    assert "is not in a git repository" in result.stderr


def test_a_narrowed_report_narrows_its_changes_too(sample, git, cli):
    moved_sample(sample, git)
    (sample.root / "beta-2021/02.yaml").write_text("title: Report yearly\nstatus: dropped\n")
    git.commit("Drop the yearly report", "2024-03-03")
    both = json.loads(cli("report", "-f", "json", "--since", "HEAD~2").stdout)["changes"]
    assert [d["slug"] for d in both["declarations"]] == ["alpha-2020", "beta-2021"]
    narrowed = cli("report", "-f", "json", "--since", "HEAD~2", "-d", "beta-2021").stdout
    changes = json.loads(narrowed)["changes"]
    assert [(d["slug"], [p["id"] for p in d["pledges"]]) for d in changes["declarations"]] == [
        ("beta-2021", ["beta-2021-02"])
    ]
    assert changes["counts"]["status_moves"] == 1
