import datetime as dt

from tracker import store, validate
from tracker.errors import ExitCode
from tracker.model import Problem

TODAY = dt.date(2025, 1, 1)


def _check(repo, today=TODAY):
    return validate.check(store.load(repo.root), today)


def _codes(problems):
    return {(p.path.name, p.line, p.level, p.code) for p in problems}


def test_the_sample_is_clean_of_errors(sample):
    problems = _check(sample)
    assert [p for p in problems if p.level == "error"] == []


def test_status_must_agree_with_the_newest_update(repo):
    repo.declaration("d")
    repo.pledge(
        "d",
        "1",
        """
        title: T
        status: partial
        updates:
          - date: 2024-05-01
            status: completed
          - date: 2024-01-01
            status: partial
        """,
    )
    problems = _check(repo)
    mismatch = [p for p in problems if p.code == "status-mismatch"]
    assert len(mismatch) == 1
    assert mismatch[0].line == 2
    assert "newest update (2024-05-01) says 'completed'" in mismatch[0].message
    # the updates are also out of order, which is a warning of its own
    assert ("1.yaml", 6, "warning", "update-order") in _codes(problems)


def test_updates_without_a_status_do_not_count_for_agreement(repo):
    repo.declaration("d")
    repo.pledge(
        "d",
        "1",
        """
        title: T
        status: in-progress
        updates:
          - date: 2024-01-01
            status: in-progress
          - date: 2024-05-01
            note: still going
        """,
    )
    assert not [p for p in _check(repo) if p.code == "status-mismatch"]


def test_dangling_related_ids_are_errors_on_their_line(sample):
    sample.pledge(
        "alpha-2020", "3", "title: T\nstatus: unassessed\nrelated: [alpha-2020-1, gone-1]\n"
    )
    [problem] = [p for p in _check(sample) if p.code == "dangling-related"]
    assert (problem.path.name, problem.line, problem.level) == ("3.yaml", 3, "error")
    assert problem.message == "related pledge 'gone-1' does not exist"


def test_related_declarations_must_exist(sample):
    sample.declaration("beta-2021", "title: B\nrelated: [alpha-2020, nowhere]\n")
    [problem] = [p for p in _check(sample) if p.code == "dangling-related"]
    assert "'nowhere'" in problem.message


def test_completed_without_evidence_is_a_warning(repo):
    repo.declaration("d")
    repo.pledge("d", "1", "title: T\nstatus: completed\n")
    repo.pledge(
        "d",
        "2",
        "title: T\nstatus: completed\nlinks:\n  - url: https://e.org\n    kind: evidence\n",
    )
    repo.pledge(
        "d",
        "3",
        "title: T\nstatus: completed\nupdates:\n  - date: 2024-01-01\n    status: completed\n"
        "    links: [https://e.org]\n",
    )
    flagged = {p.path.name for p in _check(repo) if p.code == "no-evidence"}
    assert flagged == {"1.yaml"}


def test_overdue_without_a_recent_update_is_a_warning(repo):
    repo.declaration("d")
    repo.pledge("d", "1", "title: T\nstatus: in-progress\ndue: 2024-01-01\n")
    repo.pledge(
        "d",
        "2",
        "title: T\nstatus: in-progress\ndue: 2024-01-01\nupdates:\n  - date: 2024-12-01\n",
    )
    repo.pledge(
        "d",
        "3",
        "title: T\nstatus: in-progress\ndue: 2024-01-01\nupdates:\n  - date: 2024-09-01\n",
    )
    flagged = {(p.path.name, p.line) for p in _check(repo) if p.code == "stale-overdue"}
    assert flagged == {("1.yaml", 3), ("3.yaml", 3)}  # 2.yaml was updated 31 days ago


def test_future_dates_are_warnings(repo):
    repo.declaration("d")
    repo.pledge("d", "1", "title: T\nstatus: unassessed\nupdates:\n  - date: 2030-01-01\n")
    assert ("1.yaml", 4, "warning", "future-date") in _codes(_check(repo))


def test_actor_spelled_two_ways_is_a_warning_on_the_rarer_spelling(repo):
    repo.declaration("d")
    repo.pledge("d", "1", "title: T\nstatus: unassessed\nactors: [Europol]\n")
    repo.pledge("d", "2", "title: T\nstatus: unassessed\nactors: [Europol, Spain]\n")
    repo.pledge("d", "3", "title: T\nstatus: unassessed\nactors:\n  - Spain\n  - EUROPOL\n")
    [problem] = [p for p in _check(repo) if p.code == "actor-spelling"]
    assert (problem.path.name, problem.line) == ("3.yaml", 5)
    assert problem.message == "actor 'EUROPOL' is spelled 'Europol' elsewhere"


def test_duplicate_links_are_warnings(repo):
    repo.declaration("d")
    repo.pledge(
        "d",
        "1",
        "title: T\nstatus: unassessed\nlinks:\n  - url: https://a.org\n  - url: https://a.org\n",
    )
    assert ("1.yaml", 5, "warning", "duplicate-link") in _codes(_check(repo))


def test_load_problems_are_part_of_the_check(repo):
    repo.declaration("d")
    repo.pledge("d", "7", "title: T\nstatus: done\n")
    assert ("7.yaml", 2, "error", "status") in _codes(_check(repo))


def test_within_keeps_problems_of_the_named_files_and_folders(sample, tmp_path):
    sample.pledge("alpha-2020", "3", "title: T\nstatus: done\n")
    sample.pledge("beta-2021", "3", "title: T\nstatus: done\n")
    problems = _check(sample)
    assert {p.path.parent.name for p in validate.within(problems, [sample.root / "beta-2021"])} == {
        "beta-2021"
    }
    one = validate.within(problems, [sample.root / "alpha-2020" / "3.yaml"])
    assert [p.path.name for p in one] == ["3.yaml"]


def test_verdict_fails_on_errors_and_on_warnings_only_when_strict(tmp_path):
    warning = Problem(tmp_path, 1, "warning", "x", "m")
    error = Problem(tmp_path, 1, "error", "x", "m")
    info = Problem(tmp_path, 1, "info", "x", "m")
    assert validate.verdict([]) == ExitCode.OK
    assert validate.verdict([info, warning]) == ExitCode.OK
    assert validate.verdict([warning], strict=True) == ExitCode.PROBLEMS
    assert validate.verdict([info], strict=True) == ExitCode.OK
    assert validate.verdict([error]) == ExitCode.PROBLEMS


# --- provenance ----------------------------------------------------------------------------------


def _kept_repo(repo, *, corrections="", extra=""):
    repo.write("d-2023/sources/text.txt", "We will share data.\nWe will meet again in 2025.\n")
    repo.declaration(
        "d-2023",
        f"""
        title: D
        date: 2023-05-01
        sources:
          - title: The statement
            file: sources/text.txt
        {corrections}
        {extra}
        """,
    )
    return repo


def test_a_quotation_found_in_the_kept_source_is_counted(repo):
    _kept_repo(repo)
    repo.pledge(
        "d-2023", "1", "title: T\nstatus: unassessed\noriginal:\n  text: We will share\n    data.\n"
    )
    tally = validate.Tally()
    assert validate.check(store.load(repo.root), tally=tally) == []
    assert (tally.quotations, tally.sources) == (1, 1)


def test_a_quotation_not_in_the_kept_source_is_an_error_with_the_closest_passage(repo):
    _kept_repo(repo)
    path = repo.pledge(
        "d-2023", "1", "title: T\nstatus: unassessed\noriginal:\n  text: We will sell data.\n"
    )
    [problem] = validate.check(store.load(repo.root))
    assert (problem.path, problem.line, problem.level, problem.code) == (
        path,
        4,
        "error",
        "quotation-not-found",
    )
    assert problem.message == (
        "original.text is not in the kept source: 'sell' where the source has 'share'; "
        'closest passage sources/text.txt:1: "We will share data."'
    )


def test_kept_source_problems(repo):
    repo.declaration(
        "d-2023",
        """
        title: D
        sources:
          - title: Missing
            file: sources/missing.txt
          - title: Outside
            file: ../../outside.txt
        """,
    )
    repo.write("d-2023/sources/unnamed.txt", "text\n")
    (repo.base / "outside.txt").write_text("secret\n")
    repo.pledge("d-2023", "1", "title: T\nstatus: unassessed\noriginal:\n  text: x\n")
    found = {(p.code, p.level, p.line) for p in validate.check(store.load(repo.root))}
    assert found == {
        ("kept-source", "error", 4),
        ("kept-source", "error", 6),
        ("kept-source-origin", "warning", None),
    }


def test_an_unused_correction_is_a_warning_and_a_used_one_repairs(repo):
    repo.write("d-2023/sources/text.txt", "We will shre data.\n")
    repo.declaration(
        "d-2023",
        """
        title: D
        sources:
          - title: The statement
            file: sources/text.txt
            corrections: [shre → share, dta → data]
        """,
    )
    repo.pledge(
        "d-2023", "1", "title: T\nstatus: unassessed\noriginal:\n  text: We will share data.\n"
    )
    [problem] = validate.check(store.load(repo.root))
    assert (problem.code, problem.level, problem.line) == ("unused-correction", "warning", 5)
    assert problem.message == "correction 'dta → data' changes nothing in sources/text.txt"


def test_a_declaration_without_kept_sources_gets_a_note_only_where_others_keep_theirs(repo):
    repo.declaration("plain-2020", "title: P\n")
    repo.pledge("plain-2020", "1", "title: T\nstatus: unassessed\noriginal:\n  text: x\n")
    assert validate.check(store.load(repo.root)) == []  # nobody keeps sources: no nagging
    _kept_repo(repo)
    repo.pledge(
        "d-2023", "1", "title: T\nstatus: unassessed\noriginal:\n  text: We will share data.\n"
    )
    [note] = validate.check(store.load(repo.root))
    assert (note.path.parent.name, note.level, note.code) == (
        "plain-2020",
        "info",
        "no-kept-source",
    )


def test_an_update_before_its_declaration_is_background(repo):
    repo.declaration("d-2023", "title: D\ndate: 2023-09-28\n")
    path = repo.pledge(
        "d-2023",
        "1",
        """
        title: T
        status: unassessed
        updates:
          - date: 2023-09
            note: the same month, so perhaps after
          - date: 2022-10
            note: eleven months before
        """,
    )
    problems = [p for p in validate.check(store.load(repo.root)) if p.code == "background-update"]
    assert [(p.path, p.line, p.level) for p in problems] == [(path, 6, "warning")]
    assert problems[0].message == (
        "updates[1] (2022-10) is before the declaration (2023-09-28): background belongs in "
        "summary or notes"
    )


def test_inferred_facts_are_counted_and_listed_when_strict(repo):
    repo.declaration(
        "d-2024",
        """
        title: D 2024
        date: 2024-01-24
        inferred:
          date: the year from the Council Presidency
          venue: not given
        """,
    )
    repo.pledge("d-2024", "1", "title: T\nstatus: unassessed\n")
    tally = validate.Tally()
    problems = validate.check(store.load(repo.root), tally=tally)
    assert [(p.code, p.level, p.line) for p in problems] == [("inferred-empty", "warning", 5)]
    assert tally.inferred == 2
    strict = validate.check(store.load(repo.root), strict=True)
    assert [(p.code, p.level, p.line, p.message) for p in strict] == [
        ("inferred", "info", 4, "date is inferred: the year from the Council Presidency"),
        ("inferred-empty", "warning", 5, "inferred names 'venue', which has no value here"),
    ]
