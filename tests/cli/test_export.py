import csv
import datetime as dt
import io
import json
import sqlite3

import pytest


def test_sqlite_export_to_a_file(sample, cli):
    result = cli("export", "--format", "sqlite", "--output", "out.db")
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == "wrote out.db\n"  # as report and badge say what they wrote
    with sqlite3.connect(sample.base / "out.db") as db:
        rows = db.execute(
            "SELECT p.id, u.date, u.note FROM pledges p JOIN updates u ON u.pledge = p.id "
            "ORDER BY u.date"
        ).fetchall()
    assert rows == [
        ("alpha-2020-1", "2020-09-01", "Work began."),
        ("alpha-2020-1", "2021-01-15", "Data shared."),
    ]


def test_sqlite_needs_an_output_file(sample, cli):
    result = cli("export", "--format", "sqlite")
    assert result.exit_code == 2
    assert "--output" in result.stderr and result.stdout == ""


def test_an_existing_file_is_kept_unless_forced(sample, cli):
    target = sample.base / "out.json"
    target.write_text("mine")
    result = cli("export", "-f", "json", "-o", "out.json")
    assert result.exit_code == 1
    assert result.stderr == "error: out.json: exists: not overwritten (--force replaces it)\n"
    assert target.read_text() == "mine"
    forced = cli("export", "-f", "json", "-o", "out.json", "--force")
    assert forced.exit_code == 0 and forced.stderr == "wrote out.json\n"
    assert len(json.loads(target.read_text())["pledges"]) == 5


def test_a_full_temporary_folder_is_one_line_and_no_file(sample, cli, monkeypatch):
    # The database is built in the temporary folder before it is copied into place.
    from tracker import export

    def full(*_):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(export, "_fill", full)
    result = cli("export", "--format", "sqlite", "--output", "out.db")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "cannot build the database in the temporary folder: database or disk is full" in (
        result.stderr
    )
    assert not (sample.base / "out.db").exists()


def test_csv_export_is_the_full_list_as_csv(sample, cli):
    exported = cli("export").stdout_bytes
    assert exported == cli("list", "--format", "csv").stdout_bytes
    assert exported.count(b"\r\n") == 6


def test_an_output_folder_that_does_not_exist(sample, cli):
    result = cli("export", "-f", "csv", "-o", "nowhere/out.csv")
    assert result.exit_code == 2
    assert result.stderr == "error: nowhere: no such folder to write out.csv in\n"


def test_narrowed_export_keeps_the_pledges_named(sample, cli):
    records = json.loads(cli("export", "-f", "json", "--theme", "SMUGGLING").stdout)
    assert [p["id"] for p in records["pledges"]] == ["alpha-2020-1"]


def test_an_unknown_theme_in_export_exits_1_with_the_nearest_known(sample, cli):
    result = cli("export", "--theme", "smugling")
    assert result.exit_code == 1
    assert result.stderr == "error: no theme 'smugling' (did you mean smuggling?)\n"
    assert result.stdout == ""


def _today(days: int = 0) -> str:
    return (dt.date.today() + dt.timedelta(days=days)).isoformat()


@pytest.fixture
def assessed(sample):
    """The sample, and pledges whose news is as old as the views' spans say, and assessments."""
    sample.pledge(
        "alpha-2020",
        "11",
        f"""
        title: Due soon, news today
        status: in-progress
        themes: [borders, smuggling]
        due: {_today(10)}
        updates:
          - date: {_today()}
            note: On track.
        """,
    )
    for number, age in (("12", 90), ("13", 89)):
        sample.pledge(
            "alpha-2020",
            number,
            f"""
            title: Quiet for {age} days
            status: partial
            updates:
              - date: {_today(-age - 10)}
                note: Begun.
              - date: {_today(-age)}
            assessments:
              - actor: Spain
                score: 1
                date: 2023-01-01
              - actor: Spain
                score: -1
                date: 2024-01-01
              - actor: Europol
                score: 0
            """,
        )
    return sample


def _query(sample, sql):
    with sqlite3.connect(sample.base / "out.db") as db:
        return db.execute(sql).fetchall()


def _ids(cli, *args):
    return cli("list", "--format", "ids", *args).stdout.split()


def test_sqlite_views_keep_what_list_keeps(assessed, cli):
    assert cli("export", "-f", "sqlite", "-o", "out.db").exit_code == 0
    overdue = _query(assessed, "SELECT id, due, days_overdue FROM overdue ORDER BY id")
    assert overdue == [
        ("alpha-2020-2", "2021-06-30", (dt.date.today() - dt.date(2021, 6, 30)).days)
    ]
    assert [row[0] for row in overdue] == _ids(cli, "--overdue")

    stale = _query(assessed, "SELECT id, last_activity, quiet_days FROM stale ORDER BY id")
    assert stale == [
        ("alpha-2020-10", "2020-05-01", (dt.date.today() - dt.date(2020, 5, 1)).days),
        ("alpha-2020-12", _today(-90), 90),  # 90 days is stale, 89 (alpha-2020-13) is not
        ("alpha-2020-2", "2020-05-01", (dt.date.today() - dt.date(2020, 5, 1)).days),
        ("beta-2021-02", None, None),  # an undated declaration, never updated
    ]
    assert sorted(row[0] for row in stale) == sorted(_ids(cli, "--stale", "90"))

    attention = _query(assessed, "SELECT id, reason FROM attention ORDER BY id")
    assert attention == [
        ("alpha-2020-10", "stale"),
        ("alpha-2020-11", "due soon"),
        ("alpha-2020-12", "stale"),
        ("alpha-2020-2", "overdue"),
        ("beta-2021-02", "stale"),
    ]
    assert sorted(row[0] for row in attention) == sorted(_ids(cli, "--attention"))


def test_sqlite_themes_and_assessments_tables(assessed, cli):
    cli("export", "-f", "sqlite", "-o", "out.db")
    themes = _query(assessed, "SELECT pledge, theme FROM themes ORDER BY pledge, position")
    assert themes == [
        ("alpha-2020-1", "smuggling"),
        ("alpha-2020-11", "borders"),
        ("alpha-2020-11", "smuggling"),
        ("alpha-2020-2", "borders"),
    ]
    by_theme = _query(assessed, "SELECT theme, count(*) FROM themes GROUP BY theme ORDER BY theme")
    assert by_theme == [("borders", 2), ("smuggling", 2)]
    assessments = _query(
        assessed,
        "SELECT actor, score, date FROM assessments WHERE pledge = 'alpha-2020-12' "
        "ORDER BY position",
    )
    assert assessments == [
        ("Spain", 1, "2023-01-01"),
        ("Spain", -1, "2024-01-01"),
        ("Europol", 0, None),
    ]
    # the pledge's own row: its newest note, and the mean of each actor's newest score
    row = _query(
        assessed,
        "SELECT latest_note, assessment_count, score FROM pledges WHERE id = 'alpha-2020-1'",
    )
    assert row == [("Data shared.", 0, None)]
    row = _query(
        assessed,
        "SELECT latest_note, assessment_count, score FROM pledges WHERE id = 'alpha-2020-12'",
    )
    assert row == [(None, 3, -0.5)]  # the newest update has no note; Spain -1, Europol 0


def test_csv_and_json_carry_the_latest_note_and_the_assessments(assessed, cli):
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(cli("export").stdout, newline=""))}
    picked = {
        key: rows["alpha-2020-12"][key] for key in ("latest_note", "assessment_count", "score")
    }
    assert picked == {"latest_note": "", "assessment_count": "3", "score": "-0.5"}
    assert rows["alpha-2020-11"]["latest_note"] == "On track."
    assert (rows["alpha-2020-11"]["assessment_count"], rows["alpha-2020-11"]["score"]) == ("0", "")

    pledges = {p["id"]: p for p in json.loads(cli("export", "-f", "json").stdout)["pledges"]}
    listed = {p["id"]: p for p in json.loads(cli("list", "-f", "json").stdout)}
    twelve = pledges["alpha-2020-12"]
    assert (twelve["latest_note"], twelve["assessment_count"], twelve["score"]) == (None, 3, -0.5)
    assert pledges["alpha-2020-1"]["latest_note"] == "Data shared."
    # otherwise each pledge is the record `list --format json` prints, in the same key order
    for pledge_id, record in pledges.items():
        extra = ("latest_note", "assessment_count", "score")
        assert list(record)[-3:] == list(extra)
        assert {k: v for k, v in record.items() if k not in extra} == listed[pledge_id]
