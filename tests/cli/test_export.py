import json
import sqlite3


def test_sqlite_export_to_a_file(sample, cli):
    result = cli("export", "--format", "sqlite", "--output", "out.db")
    assert result.exit_code == 0 and result.stdout == ""
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
    assert cli("export", "-f", "json", "-o", "out.json", "--force").exit_code == 0
    assert len(json.loads(target.read_text())["pledges"]) == 5


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
