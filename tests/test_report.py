import datetime as dt

from tracker import store
from tracker.report import summarize

TODAY = dt.date(2025, 1, 1)


def test_figures_of_the_sample_computed_by_hand(sample):
    report = summarize(store.load(sample.root), TODAY)
    alpha, beta = report.declarations
    # alpha: completed, in-progress (due 2021-06-30, so overdue), unassessed
    assert (alpha.slug, alpha.label, alpha.date) == ("alpha-2020", "Alpha", "2020-05-01")
    assert alpha.pledges == 3
    assert alpha.by_status == {"completed": 1, "in-progress": 1, "unassessed": 1}
    assert alpha.overdue == 1
    assert alpha.assessed == 2
    assert alpha.score == (1 + 0) / 2
    assert alpha.completed_share == 1 / 3
    # beta: dropped, stalled (due 2099: not overdue)
    assert (beta.label, beta.date) == ("beta-2021", "")
    assert beta.by_status == {"dropped": 1, "stalled": 1}
    assert beta.overdue == 0
    assert beta.score == -1
    assert beta.completed_share == 0
    total = report.total
    assert total.pledges == 5
    assert total.assessed == 4
    assert total.score == (1 + 0 - 1 - 1) / 4
    assert total.overdue == 1


def test_no_assessed_pledges_means_no_score(repo):
    repo.declaration("d")
    repo.pledge("d", "1", "title: T\nstatus: unassessed\n")
    report = summarize(store.load(repo.root), TODAY)
    assert report.total.score is None
    assert report.total.assessed == 0


def test_a_declaration_without_pledges_still_has_a_row(repo):
    repo.declaration("empty")
    report = summarize(store.load(repo.root), TODAY)
    assert [(r.slug, r.pledges, r.completed_share) for r in report.declarations] == [
        ("empty", 0, None)
    ]
