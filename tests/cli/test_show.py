import json

import pytest
import yaml


def test_show_prints_the_pledge_in_full(sample, cli):
    result = cli("show", "alpha-2020-1")
    assert result.exit_code == 0
    out = result.stdout
    for expected in [
        "Share data on smuggling",
        "Alpha (alpha-2020), no. 1",
        "completed",
        "done as promised",
        "Europol, Spain",
        "2021-01-15",
        "Data shared.",
        "https://example.org/report",
    ]:
        assert expected in out, expected
    # newest update first
    assert out.index("Data shared.") < out.index("Work began.")


def test_show_lists_related_pledges_with_title_and_status(sample, cli):
    out = cli("show", "alpha-2020-2").stdout
    assert "alpha-2020-1" in out and "Share data on smuggling" in out


def test_show_marks_overdue(sample, cli):
    assert "overdue by" in cli("show", "alpha-2020-2").stdout


def test_show_accepts_a_unique_suffix(sample, cli):
    assert "Report yearly" in cli("show", "2021-02").stdout


def test_unknown_id_suggests_and_exits_1(sample, cli):
    result = cli("show", "alpha-2020-11")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no pledge 'alpha-2020-11' (did you mean")
    assert result.stdout == ""


def test_a_broken_pledge_names_file_and_line(sample, cli):
    sample.pledge("alpha-2020", "3", "title: T\nstatus: done\n")
    result = cli("show", "alpha-2020-3")
    assert result.exit_code == 1
    assert result.stderr == "error: commitments/alpha-2020/3.yaml:2: unknown status 'done'\n"


def test_show_json_is_the_list_record_plus_related_titles(sample, cli):
    shown = json.loads(cli("show", "alpha-2020-2", "--format", "json").stdout)
    listed = json.loads(cli("list", "--format", "json").stdout)
    record = next(r for r in listed if r["id"] == "alpha-2020-2")
    assert shown == {
        **record,
        "related_pledges": [
            {"id": "alpha-2020-1", "title": "Share data on smuggling", "status": "completed"}
        ],
    }


def test_show_yaml_is_the_json_record(sample, cli):
    as_json = json.loads(cli("show", "alpha-2020-1", "-f", "json").stdout)
    assert yaml.safe_load(cli("show", "alpha-2020-1", "-f", "yaml").stdout) == as_json


def test_a_related_pledge_that_does_not_exist_has_no_title(sample, cli):
    sample.pledge("beta-2021", "03", "title: T\nstatus: partial\nrelated: [beta-2021-99]\n")
    shown = json.loads(cli("show", "beta-2021-03", "-f", "json").stdout)
    assert shown["related_pledges"] == [{"id": "beta-2021-99", "title": None, "status": None}]
    assert "beta-2021-99  (not found)" in cli("show", "beta-2021-03").stdout


def test_show_counts_days_overdue_from_as_of(sample, cli):
    # alpha-2020-2 is due 2021-06-30: 1 + 31 days later is 1 August 2021
    out = cli("show", "alpha-2020-2", "--as-of", "2021-08-01").stdout
    assert "due          2021-06-30  overdue by 32 days\n" in out
    assert "overdue" not in cli("show", "alpha-2020-2", "--as-of", "2021-06-30").stdout


def test_piped_show_has_no_styles_or_trailing_spaces(sample, cli):
    out = cli("show", "alpha-2020-1").stdout
    assert "\x1b" not in out
    assert all(line == line.rstrip() for line in out.splitlines())


def test_piped_show_at_a_set_width_hangs_a_long_note_under_its_text(repo, cli):
    repo.declaration("d")
    note = "Terms of reference adopted; the task force met for the first time in Rotterdam."
    repo.pledge(
        "d",
        "1",
        f"title: T\nstatus: in-progress\nupdates:\n  - date: 2025-10-03\n"
        f"    status: in-progress\n    note: {note}\n",
    )
    lines = cli("show", "d-1", env={"COLUMNS": "60"}).stdout.splitlines()
    start = lines.index("Updates (newest first)") + 1
    first, *rest = lines[start : start + 3]
    column = first.index("Terms")
    assert first.startswith("2025-10-03  in-progress  Terms")
    assert all(len(line) <= 60 and line[:column].isspace() for line in rest)
    assert " ".join(line.strip() for line in lines[start : start + 3]).endswith(note)


def test_show_reads_only_the_files_it_needs(sample, cli, monkeypatch):
    from tracker.store import read as store

    read = []
    original = store.read_pledge

    def spy(file):
        read.append(file.id)
        return original(file)

    monkeypatch.setattr(store, "read_pledge", spy)
    sample.pledge("beta-2021", "03", "title: [broken\n")
    result = cli("show", "alpha-2020-2")
    assert result.exit_code == 0 and result.stderr == ""
    assert read == ["alpha-2020-2", "alpha-2020-1"]  # the pledge and its related one


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        # the paragraph number in a declaration whose name contains the rest comes first
        ("alpha-01", "alpha-2020-1"),
        ("beta-2", "beta-2021-02"),
        # then ids that contain what was typed, the closest first
        ("pha-2020", "alpha-2020-1 or alpha-2020-2 or alpha-2020-10"),
        # then ids that look like it
        ("alpah-2020-10", "alpha-2020-10"),
    ],
)
def test_suggestions_prefer_what_the_user_meant(sample, cli, typed, suggested):
    result = cli("show", typed)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: no pledge '{typed}' (did you mean {suggested}")


def test_an_ambiguous_id_lists_the_pledges_it_matches(sample, cli):
    result = cli("show", "1")
    assert result.exit_code == 1
    assert result.stderr == "error: '1' matches 2 pledges: alpha-2020-1, beta-2021-01\n"


def test_unknown_show_format_is_a_usage_error(sample, cli):
    result = cli("show", "alpha-2020-1", "--format", "csv")
    assert result.exit_code == 2 and "--format" in result.stderr


def test_show_lists_assessments_newest_first(repo, cli):
    repo.declaration("d")
    repo.pledge(
        "d",
        "1",
        """
        title: T
        status: partial
        actors: [Spain, France]
        assessments:
          - actor: France
            score: 0
          - actor: Spain
            score: 1
            date: 2024-06-30
            note: Law adopted.
            links: [https://example.org/law]
          - actor: Spain
            score: -1
            date: 2024-01-15
        """,
    )
    out = cli("show", "d-1").stdout
    lines = out[out.index("Assessments") :].splitlines()
    assert lines[1].split() == ["2024-06-30", "+1", "Spain", "Law", "adopted."]
    assert lines[2].strip() == "https://example.org/law"
    assert lines[3].split() == ["2024-01-15", "-1", "Spain"]
    assert lines[4].split() == ["undated", "0", "France"]


# --- provenance ----------------------------------------------------------------------------------


@pytest.fixture
def kept(repo):
    repo.write(
        "d-2024/sources/text.txt",
        "Ministers to meet\n\nThe ministers will discuss ports.\n\n"
        "The Presidency will introduce\nthe Ports Alliance.\n\nInquiries: none\n",
    )
    repo.declaration(
        "d-2024",
        """
        title: Meeting of January 2024
        date: 2024-01-24
        sources:
          - title: Press release
            publisher: A ministry
            file: sources/text.txt
        inferred:
          date: year from the Presidency
        """,
    )
    repo.pledge(
        "d-2024",
        "02",
        """
        title: Introduce the Ports Alliance
        status: unassessed
        actors: [Presidency]
        inferred:
          actors: the release names no one else
        original:
          text: The Presidency will introduce the Ports Alliance.
        updates:
          - date: 2023-12
            note: Planned.
        """,
    )
    return repo


def test_show_source_prints_the_quotation_with_the_paragraphs_around_it(kept, cli):
    result = cli("show", "d-2024-02", "--source")
    assert result.exit_code == 0
    assert result.stdout == (
        "d-2024-02: sources/text.txt, lines 5-6\n"
        "Press release, A ministry\n"
        "\n"
        "  The ministers will discuss ports.\n"
        "\n"
        "> The Presidency will introduce\n"
        "> the Ports Alliance.\n"
        "\n"
        "  Inquiries: none\n"
    )


def test_show_source_says_why_it_cannot(kept, cli):
    kept.pledge("d-2024", "03", "title: T\nstatus: unassessed\noriginal:\n  text: Not there.\n")
    kept.pledge("d-2024", "04", "title: T\nstatus: unassessed\n")
    for pledge, reason in [
        ("d-2024-03", "is not in the kept source"),
        ("d-2024-04", "no original"),
    ]:
        result = cli("show", pledge, "--source")
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr.startswith("error: ") and reason in result.stderr


def test_show_marks_inferred_values_and_background_updates(kept, cli):
    out = cli("show", "d-2024-02").stdout
    assert "declared     2024-01-24 (inferred)" in out
    assert "actors       Presidency (inferred)" in out
    assert "Planned.  (before the declaration: background, not progress)" in out
    assert "declaration date  year from the Presidency" in out
    assert "actors            the release names no one else" in out
