import json
import re
import shutil
import subprocess
import zipfile

import pytest

from tracker.render.reports import SECTIONS


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


# --- briefing layout: title, sections, flavour ----------------------------------------------------


def test_sections_come_in_the_order_asked_and_only_those(sample, cli):
    out = cli(
        "report",
        "-f",
        "markdown",
        "--as-of",
        "2025-01-01",
        "--section",
        "recent,overdue",
        "--section",
        "summary",
    ).stdout
    headings = [line for line in out.splitlines() if line.startswith("### ")]
    assert headings == ["### Updates in the last 30 days (0)", "### Overdue (1)"]
    assert out.index("### Overdue") < out.index("Compliance score:")
    assert "### By declaration" not in out and "### Pledges" not in out


def test_the_default_lists_each_pledge_in_one_table(sample, cli):
    for fmt in ("markdown", "terminal"):
        out = cli("report", "-f", fmt, "--as-of", "2025-01-01").stdout
        for pledge_id in ("alpha-2020-2", "beta-2021-02"):
            assert out.count(pledge_id) == 1, (fmt, pledge_id)


def test_an_unknown_section_is_a_usage_error_naming_the_sections(sample, cli):
    result = cli("report", "--section", "pledge")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no report section 'pledge' (did you mean pledges?)")
    assert "timeline" in result.stderr


def test_a_report_on_one_declaration_is_titled_by_its_name(sample, cli):
    out = cli("report", "-f", "markdown", "-d", "alpha-2020", "--as-of", "2025-01-01").stdout
    assert out.startswith("## Alpha declaration as of 2025-01-01\n")
    html = cli("report", "-f", "html", "-d", "alpha-2020").stdout
    assert "<h1>Alpha declaration</h1>" in html
    titled = cli("report", "-f", "markdown", "--title", "Briefing for the minister").stdout
    assert titled.startswith("## Briefing for the minister as of ")


def test_the_pledges_section_has_the_latest_note_and_evidence(sample, cli):
    out = cli("report", "-f", "markdown", "--section", "pledges", "--as-of", "2025-01-01").stdout
    row = next(line for line in out.splitlines() if line.startswith("| alpha-2020-1 |"))
    assert "| 2021-01-15 | Data shared. |" in row  # the newest update's date and note
    assert "[evidence](https://example.org/report)" in row


def test_update_links_are_evidence_too(sample, cli):
    cli(
        "update",
        "alpha-2020-2",
        "--note",
        "Course held.",
        "--date",
        "2021-05-01",
        "--link",
        "https://example.org/course",
    )
    out = cli("report", "-f", "markdown", "--section", "pledges", "--as-of", "2025-01-01").stdout
    row = next(line for line in out.splitlines() if line.startswith("| alpha-2020-2 |"))
    assert "[update 2021-05-01](https://example.org/course)" in row and "Course held." in row


def test_the_score_says_its_base(sample, cli):
    out = cli("report", "-f", "markdown", "--as-of", "2025-01-01").stdout
    assert "Compliance score: -0.25 over 4 of 5 assessed" in out
    assert "read with care" not in out  # 4 of 5 is more than a third


def test_a_score_over_few_pledges_is_greyed(repo, cli):
    repo.declaration("d", "title: D\ndate: 2024-01-01\n")
    repo.pledge("d", "1", "title: Done\nstatus: completed\n")
    for number in "234":
        repo.pledge("d", number, f"title: Open {number}\nstatus: unassessed\n")
    out = cli("report", "-f", "markdown", "--as-of", "2025-01-01").stdout
    assert "Compliance score: +1.00 over 1 of 4 assessed (under a third" in out
    html = cli("report", "-f", "html").stdout
    assert '<div class="card thin"' in html


def test_undated_declarations_are_listed_in_the_timeline(sample, cli):
    out = cli("report", "-f", "markdown", "--section", "timeline", "--as-of", "2025-01-01").stdout
    assert "- 2020-05-01: Alpha declaration (3 pledges)" in out
    assert "- undated: Beta declaration (2 pledges)" in out
    html = cli("report", "-f", "html", "--section", "timeline").stdout
    assert (
        '<p class="undated">Undated: beta-2021 <span class="muted">(Beta declaration)</span>'
        in html
    )


def test_plain_markdown_has_no_tag_and_no_emoji(sample, cli):
    every = ",".join(SECTIONS)
    out = cli(
        "report",
        "-f",
        "markdown",
        "--flavour",
        "plain",
        "--section",
        every,
        "--as-of",
        "2025-01-01",
    ).stdout
    assert not re.search(r"<[a-zA-Z/]", out)  # no HTML tag (data's < is an entity)
    assert not re.search("[\U0001f300-\U0001faff\u2600-\u27bf]", out)  # no emoji
    assert "| alpha-2020-1 | Share data on smuggling | completed |" in out
    assert "Statuses: unassessed: " in out


def test_flavour_is_for_markdown_only(sample, cli):
    result = cli("report", "-f", "html", "--flavour", "plain")
    assert result.exit_code == 2
    assert result.stderr == "error: --flavour applies to --format markdown only\n"


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_turns_plain_markdown_into_a_document(sample, cli, tmp_path):
    source = tmp_path / "briefing.md"
    cli("report", "-f", "markdown", "--flavour", "plain", "-o", str(source))
    docx = tmp_path / "briefing.docx"
    subprocess.run(["pandoc", str(source), "-o", str(docx)], check=True)
    with zipfile.ZipFile(docx) as document:
        body = document.read("word/document.xml").decode()
    rules = [line for line in source.read_text().splitlines() if line.startswith("|---")]
    assert body.count("<w:tbl>") == len(rules) >= 4  # every table a table, not text with pipes
    assert "Share data on smuggling" in body
    text = subprocess.run(
        ["pandoc", str(source), "-t", "plain"], check=True, capture_output=True, text=True
    ).stdout
    assert "Compliance score: -0.25 over 4 of 5 assessed" in text.replace("\n", " ")
    assert "<" not in text and "**" not in text


def test_the_terminal_report_lists_the_first_twenty_and_says_how_to_see_the_rest(repo, cli):
    repo.declaration("d", "title: D\ndate: 2020-01-01\n")
    for number in range(1, 26):
        repo.pledge(
            "d",
            f"{number:02d}",
            f"title: Pledge {number}\nstatus: in-progress\ndue: 2021-01-01\n"
            "assessments:\n  - actor: Spain\n    score: 1\n"
            f"updates:\n  - date: 2024-12-{number:02d}\n    note: Step {number}\n",
        )
    out = cli("report", "--as-of", "2025-01-01", "--recent-days", "60").stdout
    attention = out[out.index("Needs attention") : out.index("more: tracker list --attention")]
    assert len(re.findall(r"^d-\d\d ", attention, re.M)) == 20
    assert "  and 5 more: tracker list --attention" in out
    recent = out[out.index("Updates in the last 60 days (25)") : out.index("Compliance by")]
    dates = re.findall(r"^(2024-12-\d\d) ", recent, re.M)
    assert dates == [f"2024-12-{day:02d}" for day in range(25, 5, -1)]  # the newest twenty
    assert "  and 5 older updates (--format html, markdown or json lists every one)" in recent
    matrix = out[out.index("Compliance by actor") :]
    assert len(re.findall(r"^d-\d\d ", matrix, re.M)) == 20
    assert "and 5 more pledges; the means are over all of them" in matrix
    markdown = cli("report", "-f", "markdown", "--section", "matrix").stdout
    assert len(re.findall(r"^\| d-\d\d \|", markdown, re.M)) == 25  # a file lists every row
    markdown = cli(
        "report",
        "-f",
        "markdown",
        "--section",
        "recent",
        "--as-of",
        "2025-01-01",
        "--recent-days",
        "60",
    )
    assert len(re.findall(r"^\| 2024-12-\d\d \|", markdown.stdout, re.M)) == 25


def test_the_attention_list_leaves_out_columns_none_of_its_pledges_fills(repo, cli):
    repo.declaration("d", "title: D\ndate: 2020-01-01\n")
    repo.pledge("d", "1", "title: Never looked at\nstatus: unassessed\n")
    repo.pledge("d", "2", "title: Due later\nstatus: in-progress\ndue: 2026-01-01\n")

    def header(as_of: str) -> str:
        """The list's header row, its columns' names one space apart."""
        out = cli("report", "--as-of", as_of, "--section", "attention").stdout
        lines = [line.strip() for line in out.splitlines()]
        return " ".join(lines[lines.index("Needs attention: overdue or stale (2)") + 1].split())

    # both are stale, neither overdue: a due date is shown, no column says how late
    assert header("2025-01-01") == "id status due latest news title"
    # two years on, pledge 2 is overdue
    assert header("2027-01-01") == "id status due overdue by latest news title"
    repo.pledge("d", "2", "title: Due later\nstatus: in-progress\n")
    # no pledge has a due date: no due column
    assert header("2025-01-01") == "id status latest news title"


def test_a_narrow_terminal_keeps_the_days_without_news_of_the_attention_list(repo, cli):
    slug = "a-long-declaration-name-2020"  # ids of 30 characters, as long as the shipped ones
    repo.declaration(slug, "title: D\ndate: 2020-01-01\n")
    for number in ("1", "2"):
        repo.pledge(slug, number, f"title: {'A long title to wrap ' * 4}\nstatus: unassessed\n")
    terminal = {"TTY_COMPATIBLE": "1", "COLUMNS": "80", "NO_COLOR": "1", "TRACKER_PAGER": "cat"}
    out = cli("report", "--as-of", "2025-01-01", "--section", "attention", env=terminal).stdout
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line).rstrip() for line in out.splitlines()]
    header = lines[lines.index("Needs attention: overdue or stale (2)") + 1]
    assert header.split() == ["id", "quiet", "days", "title"]  # the date left, the days stayed
    first = next(line for line in lines if line.startswith(f"{slug}-1 "))
    assert first.split()[:4] == [f"{slug}-1", "·", "1827", "A"]  # 2020-01-01 to 2025-01-01
    assert all(len(line) <= 80 for line in lines)


def test_recent_updates_that_set_no_status_have_no_status_column(repo, cli):
    repo.declaration("d", "title: D\ndate: 2020-01-01\n")
    update = "updates:\n  - date: 2024-12-20\n    note: Met again.\n"
    repo.pledge("d", "1", f"title: T\nstatus: in-progress\n{update}")

    def header() -> str:
        out = cli("report", "--as-of", "2025-01-01", "--section", "recent").stdout
        lines = [line.strip() for line in out.splitlines()]
        return " ".join(lines[lines.index("Updates in the last 30 days (1)") + 1].split())

    assert header() == "date id note"
    repo.pledge("d", "1", f"title: T\nstatus: in-progress\n{update}    status: in-progress\n")
    assert header() == "date id status note"


def test_the_pledges_section_leaves_out_columns_none_of_its_pledges_fills(repo, cli):
    repo.declaration("d", "title: D\ndate: 2020-01-01\n")
    repo.pledge("d", "1", "title: Never looked at\nstatus: unassessed\n")

    def header() -> str:
        out = cli("report", "--as-of", "2025-01-01", "--section", "pledges").stdout
        lines = [line.strip() for line in out.splitlines()]
        return " ".join(lines[lines.index("Pledges (1)") + 1].split())

    assert header() == "id status latest news title"  # no due date, no note
    note = "updates:\n  - date: 2024-12-01\n    note: Met.\n"
    repo.pledge("d", "1", f"title: Never looked at\nstatus: unassessed\ndue: 2026-01-01\n{note}")
    assert header() == "id status due latest news title latest note"
