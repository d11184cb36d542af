"""The export library: an SQLite database whose joins say what the YAML files say."""

import json
import sqlite3

import pytest

from tracker import export, store


def _data(root):
    catalog = store.load(root)
    return {"declarations": catalog.declarations, "pledges": catalog.pledges}


def _sqlite(root):
    catalog = store.load(root)
    return b"".join(export.to_sqlite(catalog.declarations, catalog.pledges, catalog.root))


@pytest.fixture
def db(sample, tmp_path):
    path = tmp_path / "pledges.db"
    path.write_bytes(_sqlite(sample.root))
    connection = sqlite3.connect(path)
    yield connection
    connection.close()


def test_pledges_joined_with_their_updates_say_what_the_yaml_says(db):
    # conftest's `sample`: alpha-2020-1 has two updates, no other pledge has any
    rows = db.execute(
        "SELECT p.id, p.status, u.date, u.status, u.note FROM pledges p "
        "JOIN updates u ON u.pledge = p.id ORDER BY p.id, u.position"
    ).fetchall()
    assert rows == [
        ("alpha-2020-1", "completed", "2020-09-01", "in-progress", "Work began."),
        ("alpha-2020-1", "completed", "2021-01-15", "completed", "Data shared."),
    ]


def test_every_pledge_with_its_declaration(db):
    rows = db.execute(
        "SELECT p.id, p.number, p.title, p.due, d.short, d.date FROM pledges p "
        "JOIN declarations d ON d.slug = p.declaration ORDER BY p.id"
    ).fetchall()
    assert rows == [
        ("alpha-2020-1", "1", "Share data on smuggling", "2021-01-31", "Alpha", "2020-05-01"),
        ("alpha-2020-10", "10", "Meet again", None, "Alpha", "2020-05-01"),
        ("alpha-2020-2", "2", "Train border guards", "2021-06-30", "Alpha", "2020-05-01"),
        ("beta-2021-01", "01", "Set up a task force", None, None, None),
        ("beta-2021-02", "02", "Report yearly", "2099-12-31", None, None),
    ]


def test_actors_links_and_lists(db):
    europol = db.execute(
        "SELECT pledge FROM actors WHERE actor = 'Europol' ORDER BY pledge"
    ).fetchall()
    assert europol == [("alpha-2020-1",), ("beta-2021-01",)]
    assert db.execute("SELECT pledge, url, kind FROM links").fetchall() == [
        ("alpha-2020-1", "https://example.org/report", "evidence")
    ]
    themes = db.execute(
        "SELECT p.id FROM pledges p, json_each(p.themes) t WHERE t.value = 'borders'"
    ).fetchall()
    assert themes == [("alpha-2020-2",)]
    related = db.execute("SELECT related FROM pledges WHERE id = 'alpha-2020-2'").fetchone()
    assert json.loads(related[0]) == ["alpha-2020-1"]


def test_foreign_keys_are_declared_and_hold(db):
    targets = {
        (table, row[2], row[3], row[4])
        for table in ("pledges", "updates", "links", "actors", "assessments")
        for row in db.execute(f"PRAGMA foreign_key_list({table})")
    }
    assert targets == {
        ("pledges", "declarations", "declaration", "slug"),
        ("updates", "pledges", "pledge", "id"),
        ("links", "pledges", "pledge", "id"),
        ("actors", "pledges", "pledge", "id"),
        ("assessments", "pledges", "pledge", "id"),
    }
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_folder_with_a_broken_declaration_still_exports_its_pledges(sample, tmp_path):
    sample.declaration("beta-2021", "title: [broken\n")
    path = tmp_path / "x.db"
    path.write_bytes(_sqlite(sample.root))
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT slug, title FROM declarations ORDER BY slug").fetchall() == [
            ("alpha-2020", "Alpha declaration"),
            ("beta-2021", None),
        ]
        assert db.execute("SELECT count(*) FROM pledges").fetchone() == (5,)


def test_json_export_has_declarations_and_pledge_records(sample):
    data = json.loads("".join(export.to_json(**_data(sample.root))))
    assert [d["slug"] for d in data["declarations"]] == ["alpha-2020", "beta-2021"]
    assert data["declarations"][0] == {
        "slug": "alpha-2020",
        "title": "Alpha declaration",
        "short": "Alpha",
        "date": "2020-05-01",
        "parties": [],
        "sources": [],
        "related": [],
    }
    assert [p["id"] for p in data["pledges"]] == [
        "alpha-2020-1",
        "alpha-2020-2",
        "alpha-2020-10",
        "beta-2021-01",
        "beta-2021-02",
    ]
