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
