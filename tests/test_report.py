import datetime as dt

import pytest

from tracker import store
from tracker.errors import NotFound
from tracker.report import Narrowing, build

TODAY = dt.date(2025, 1, 1)
ALL_ZERO = dict.fromkeys(
    ["unassessed", "not-started", "in-progress", "partial", "completed", "stalled", "dropped"], 0
)


def counts(**given):
    return ALL_ZERO | {name.replace("_", "-"): n for name, n in given.items()}


def test_figures_of_the_sample_computed_by_hand(sample):
    report = build(store.load(sample.root), TODAY)
    alpha, beta = report.declarations
    # alpha: completed, in-progress (due 2021-06-30, so overdue), unassessed
    assert (alpha.name, alpha.label, alpha.date.isoformat()) == (
        "alpha-2020",
        "Alpha",
        "2020-05-01",
    )
    assert alpha.title == "Alpha declaration"
    a = alpha.figures
    assert a.pledges == 3
    assert a.by_status == counts(completed=1, in_progress=1, unassessed=1)
    assert a.overdue == 1
    assert a.assessed == 2
    assert a.score == (1 + 0) / 2
    assert a.completed_share == 1 / 3
    # beta: dropped, stalled (due 2099: not overdue)
    assert (beta.label, beta.date) == ("beta-2021", None)
    b = beta.figures
    assert b.by_status == counts(dropped=1, stalled=1)
    assert b.overdue == 0
    assert b.score == -1
    assert b.completed_share == 0
    total = report.total
    assert total.pledges == 5
    assert total.assessed == 4
    assert total.score == (1 + 0 - 1 - 1) / 4
    assert total.overdue == 1


def test_no_assessed_pledges_means_no_score(repo):
    repo.declaration("d")
    repo.pledge("d", "1", "title: T\nstatus: unassessed\n")
    report = build(store.load(repo.root), TODAY)
    assert report.total.score is None
    assert report.total.assessed == 0


def test_a_declaration_without_pledges_still_has_a_row(repo):
    repo.declaration("empty")
    report = build(store.load(repo.root), TODAY)
    assert [
        (g.name, g.figures.pledges, g.figures.completed_share) for g in report.declarations
    ] == [("empty", 0, None)]


# A fixture whose every figure is worked out by hand below. The report day is 2025-01-01; stale
# means open with no news (newest update up to that day, else the declaration date) for 90 days or
# more, or no date at all to count from. S3's update of 2024-08-01 predates its declaration
# (2024-11-15): background, which is never news, so S3 counts from its declaration.
@pytest.fixture
def world(repo):
    repo.declaration("north-2023", "title: North declaration\nshort: North\ndate: 2023-06-01\n")
    repo.declaration("south-2024", "title: South declaration\ndate: 2024-11-15\n")
    repo.declaration("west", "title: West declaration\n")
    repo.pledge(
        "north-2023",
        "1",
        """
        title: N1
        status: completed
        actors: [Spain, Europol]
        themes: [drugs]
        due: 2024-06-30
        updates:
          - date: 2024-03-01
            status: in-progress
          - date: 2024-12-20
            status: completed
            links: [https://example.org/done]
        assessments:
          - actor: Spain
            score: 1
            date: 2024-12-21
          - actor: Europol
            score: 1
            date: 2024-12-22
          - actor: Europol
            score: 0
            date: 2024-06-01
        """,
    )
    repo.pledge(
        "north-2023",
        "2",
        """
        title: N2
        status: in-progress
        actors: [Spain]
        themes: [drugs, ports]
        due: 2024-10-31
        updates:
          - date: 2024-09-15
            status: in-progress
        assessments:
          - actor: Spain
            score: 0
        """,
    )
    repo.pledge(
        "north-2023",
        "3",
        """
        title: N3
        status: unassessed
        actors: [Frontex]
        themes: [ports]
        """,
    )
    repo.pledge(
        "south-2024",
        "1",
        """
        title: S1
        status: not-started
        actors: [France]
        due: 2025-06-30
        assessments:
          - actor: France
            score: -1
        """,
    )
    repo.pledge(
        "south-2024",
        "2",
        """
        title: S2
        status: dropped
        actors: [France, Spain]
        themes: [ports]
        due: 2024-01-01
        updates:
          - date: 2024-12-31
            status: dropped
            note: Abandoned.
        """,
    )
    repo.pledge(
        "south-2024",
        "3",
        """
        title: S3
        status: stalled
        actors: [Spain]
        themes: [drugs]
        updates:
          - date: 2024-08-01
            status: stalled
          - date: 2025-02-01
            status: stalled
        """,
    )
    repo.pledge("west", "1", "title: W1\nstatus: partial\n")
    return store.load(repo.root)


def test_totals_by_hand(world):
    total = build(world, TODAY).total
    assert total.pledges == 7
    assert total.by_status == counts(
        completed=1, in_progress=1, unassessed=1, not_started=1, dropped=1, stalled=1, partial=1
    )
    assert total.assessed == 6
    assert total.score == pytest.approx((1 + 0 - 1 - 1 - 1 + 0) / 6)
    assert total.completed_share == pytest.approx(1 / 7)
    assert total.share("unassessed") == pytest.approx(1 / 7)
    assert total.overdue == 1  # N2 (due 2024-10-31); N1 is completed, S2 dropped
    # N2 (108 days), N3 (580 days since declared), W1 (no date to count from); not S3 (47 days
    # since declared: its update of 2024-08-01 is background)
    assert total.stale == 3


def test_per_declaration_by_hand(world):
    north, south, west = build(world, TODAY).declarations
    assert (north.name, north.label, south.label, west.label) == (
        "north-2023",
        "North",
        "south-2024",
        "west",
    )
    assert (north.figures.pledges, north.figures.score) == (3, 0.5)
    assert (north.figures.overdue, north.figures.stale) == (1, 2)
    assert (south.figures.pledges, south.figures.score, south.figures.stale) == (3, -1, 0)
    assert south.figures.completed_share == 0
    assert (west.figures.score, west.figures.stale, west.date) == (0, 1, None)


def test_per_theme_and_actor_by_hand(world):
    report = build(world, TODAY)
    themes = {g.name: g.figures for g in report.themes}
    assert [g.name for g in report.themes] == ["drugs", "ports"]  # 3 each, then by name
    assert themes["drugs"].by_status == counts(completed=1, in_progress=1, stalled=1)
    assert themes["drugs"].score == 0
    assert (themes["drugs"].overdue, themes["drugs"].stale) == (1, 1)
    assert themes["ports"].assessed == 2
    assert themes["ports"].score == -0.5
    assert [g.name for g in report.actors] == ["Spain", "France", "Europol", "Frontex"]
    spain = report.actors[0].figures
    assert spain.pledges == 4
    assert spain.score == (1 + 0 - 1 - 1) / 4
    assert report.actors[1].figures.score == -1


def test_overdue_and_stale_lists(world):
    report = build(world, TODAY)
    [overdue] = report.overdue
    assert (overdue.entry.id, overdue.overdue_days) == ("north-2023-2", 62)
    stale = [
        (s.entry.id, s.quiet_days, s.latest and s.latest.isoformat(), s.latest_is_update)
        for s in report.stale
    ]
    assert stale[0][0] == "west-1"  # no date to count from: nothing shows anyone looked
    assert stale[1:] == [
        ("north-2023-3", 580, "2023-06-01", False),
        ("north-2023-2", 108, "2024-09-15", True),
    ]
    west = next(s for s in report.pledges if s.entry.id == "west-1")
    assert (west.latest, west.quiet_days, west.stale) == (None, None, True)


def test_stale_days_moves_the_line(world):
    assert [s.entry.id for s in build(world, TODAY, stale_days=500).stale] == [
        "west-1",
        "north-2023-3",
    ]


def test_recent_updates_newest_first_within_the_window(world):
    report = build(world, TODAY)
    assert [(r.state.entry.id, r.update.date.isoformat()) for r in report.recent] == [
        ("south-2024-2", "2024-12-31"),
        ("north-2023-1", "2024-12-20"),
    ]
    longer = build(world, TODAY, recent_days=200)
    assert [r.update.date.isoformat() for r in longer.recent] == [
        "2024-12-31",
        "2024-12-20",
        "2024-09-15",
    ]  # not S3's 2024-08-01: background


def test_as_of_makes_an_earlier_report(world):
    report = build(world, dt.date(2024, 8, 1))
    assert report.as_of == dt.date(2024, 8, 1)
    assert report.overdue == []  # N2 falls due only on 2024-10-31
    # N2's only update is later, so it counts from its declaration (2023-06-01, 427 days);
    # S1's declaration (2024-11-15) is after the day: it did not exist yet. W1 has no date.
    assert sorted(s.entry.id for s in report.stale) == ["north-2023-2", "north-2023-3", "west-1"]
    assert report.recent == []  # S3's update of that day predates its declaration: background


def test_an_update_before_the_declaration_is_never_the_latest_news(world):
    state = next(s for s in build(world, TODAY).pledges if s.entry.id == "south-2024-3")
    # its updates: 2024-08-01 (before the declaration of 2024-11-15) and 2025-02-01 (after TODAY)
    assert (state.latest.isoformat(), state.latest_is_update) == ("2024-11-15", False)
    assert (state.quiet_days, state.stale) == (47, False)


def test_compliance_matrix_uses_the_newest_assessment(world):
    matrix = build(world, TODAY).compliance
    assert matrix.actors == ["Europol", "France", "Spain"]
    rows = {row.state.entry.id: (row.scores, row.mean) for row in matrix.rows}
    assert rows == {
        "north-2023-1": ({"Spain": 1, "Europol": 1}, 1.0),  # Europol's 0 of June is older
        "north-2023-2": ({"Spain": 0}, 0.0),
        "south-2024-1": ({"France": -1}, -1.0),
    }
    assert matrix.actor_means == {"Europol": 1.0, "France": -1.0, "Spain": 0.5}
    assert matrix.actor_counts == {"Europol": 1, "France": 1, "Spain": 2}
    assert matrix.mean == (1 + 1 + 0 - 1) / 4
    assert matrix.scores == 4


def test_narrowing_by_theme_is_case_insensitive(world):
    report = build(world, TODAY, Narrowing(themes=("DRUGS",)))
    assert [s.entry.id for s in report.pledges] == ["north-2023-1", "north-2023-2", "south-2024-3"]
    assert [g.name for g in report.declarations] == ["north-2023", "south-2024"]
    assert report.total.score == 0


def test_narrowing_kinds_combine_and_the_matrix_keeps_the_named_actors(world):
    report = build(world, TODAY, Narrowing(declarations=("north-2023",), actors=("spain",)))
    assert [s.entry.id for s in report.pledges] == ["north-2023-1", "north-2023-2"]
    assert report.compliance.actors == ["Spain"]
    assert report.compliance.mean == 0.5


def test_an_unknown_name_is_an_error_with_a_suggestion(world):
    with pytest.raises(NotFound, match="no theme 'drug' \\(did you mean drugs\\?\\)"):
        build(world, TODAY, Narrowing(themes=("drug",)))
    with pytest.raises(NotFound, match="no declaration 'east'"):
        build(world, TODAY, Narrowing(declarations=("east",)))


def test_an_inferred_declaration_date_is_marked_in_every_report_format(repo):
    from tracker.render.reports import render_report

    repo.declaration(
        "d-2024",
        "title: D\ndate: 2024-01-24\ninferred:\n  date: the year from the Presidency\n",
    )
    repo.pledge("d-2024", "1", "title: T\nstatus: unassessed\n")
    report = build(store.load(repo.root), TODAY)
    [group] = report.declarations
    assert group.date_inferred == "the year from the Presidency"
    assert "| 2024-01-24 (inferred) |" in render_report(report, "markdown")
    assert '"date_inferred": "the year from the Presidency"' in render_report(report, "json")
    assert "(inferred)</abbr>" in render_report(report, "html")
    [state] = report.pledges
    assert state.declared_inferred
