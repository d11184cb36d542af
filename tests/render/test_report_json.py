import datetime as dt
import json

from tracker import store
from tracker.render.report_json import render
from tracker.report import Narrowing, build

DAY = dt.date(2025, 1, 1)
FIGURE_KEYS = [
    "pledges",
    "by_status",
    "shares",
    "completed_share",
    "overdue",
    "stale",
    "assessed",
    "score",
]
STATUSES = [
    "unassessed",
    "not-started",
    "in-progress",
    "partial",
    "completed",
    "stalled",
    "dropped",
]


def report_of(sample, narrowing=None):
    return json.loads(render(build(store.load(sample.root), DAY, narrowing)))


def test_the_documented_keys_in_their_order(sample):
    data = report_of(sample)
    assert list(data) == [
        "format_version",
        "title",
        "as_of",
        "narrowed_to",
        "stale_days",
        "recent_days",
        "score_formula",
        "total",
        "declarations",
        "themes",
        "actors",
        "overdue",
        "stale",
        "recent",
        "compliance",
        "pledges",
        "changes",
    ]
    assert data["changes"] is None  # only `report --since REV` fills it
    assert list(data["total"]) == FIGURE_KEYS
    assert list(data["total"]["by_status"]) == STATUSES
    assert list(data["declarations"][0]) == [
        "slug",
        "label",
        "title",
        "date",
        "date_inferred",
        *FIGURE_KEYS,
    ]
    assert list(data["themes"][0]) == ["theme", *FIGURE_KEYS]
    assert list(data["actors"][0]) == ["actor", *FIGURE_KEYS]
    assert list(data["compliance"]) == ["actors", "pledges", "mean"]
    assert list(data["pledges"][0]) == [
        "id",
        "declaration",
        "title",
        "status",
        "actors",
        "themes",
        "due",
        "overdue_days",
        "latest",
        "latest_is_update",
        "latest_note",
        "quiet_days",
        "stale",
        "links",
    ]


def test_figures_of_the_sample(sample):
    data = report_of(sample)
    assert data["as_of"] == "2025-01-01"
    assert data["format_version"] == 1
    total = data["total"]
    assert total["pledges"] == 5
    assert total["by_status"]["completed"] == 1 and total["by_status"]["partial"] == 0
    assert total["shares"]["completed"] == 0.2
    assert (total["assessed"], total["score"]) == (4, -0.25)
    alpha, beta = data["declarations"]
    assert (alpha["slug"], alpha["label"], alpha["title"], alpha["date"]) == (
        "alpha-2020",
        "Alpha",
        "Alpha declaration",
        "2020-05-01",
    )
    assert (beta["date"], beta["completed_share"]) == (None, 0.0)
    assert data["overdue"] == ["alpha-2020-2"]
    assert data["recent"] == []
    assert data["compliance"] == {"actors": [], "pledges": [], "mean": None}
    first = data["pledges"][0]
    assert first["id"] == "alpha-2020-1"
    assert first["links"] == [{"url": "https://example.org/report", "kind": "evidence"}]
    assert (first["latest"], first["latest_is_update"]) == ("2021-01-15", True)


def test_an_empty_report_keeps_every_key(sample):
    data = report_of(sample, Narrowing(declarations=("beta-2021",), actors=("europol",)))
    assert data["narrowed_to"] == {
        "declarations": ["beta-2021"],
        "themes": [],
        "actors": ["europol"],
    }
    assert [p["id"] for p in data["pledges"]] == ["beta-2021-01"]
    assert data["themes"] == []
    assert data["total"]["score"] == -1


def test_the_text_is_json_indented_by_two_as_the_standard_library_writes_it(sample):
    sample.pledge(
        "alpha-2020",
        "3",
        'title: "Łódź–Tirana: «mesures» 🙂 \\\\ \\" </script>"\nstatus: partial\n'
        "assessments:\n  - actor: Malmö\n    score: 0\n",
    )
    text = render(build(store.load(sample.root), dt.date(2025, 1, 1)))
    assert "Łódź–Tirana" in text  # not \u escapes
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


def test_the_text_in_pieces_is_the_whole_data_written_at_once(sample, tmp_path):
    # Written a pledge at a time (a report of any size never holds all its text), it reads as
    # the data written whole: with pledges, with none, and with the changes section.
    from tracker.history import Changes, Point
    from tracker.render.report_json import as_data, pieces

    (tmp_path / "empty").mkdir()
    point = Point("HEAD", None, None, DAY)
    for root, changes in (
        (sample.root, None),
        (tmp_path / "empty", None),  # no pledge at all
        (sample.root, Changes(point, point, [])),
    ):
        report = build(store.load(root), DAY)
        whole = json.dumps(as_data(report, changes), ensure_ascii=False, indent=2) + "\n"
        assert "".join(pieces(report, changes)) == whole
