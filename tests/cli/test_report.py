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
