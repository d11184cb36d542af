"""Markdown tables that GitHub renders as written."""

import datetime as dt
from pathlib import Path

from tracker.model import Pledge, PledgeEntry
from tracker.render.pledge_markdown import as_markdown, cell


def test_cells_escape_pipes_backslashes_markup_and_line_breaks():
    assert cell("a | b") == "a \\| b"
    assert cell("a\\b") == "a\\\\b"
    assert cell("<b>x</b> & y") == "&lt;b&gt;x&lt;/b&gt; &amp; y"
    assert cell("one\ntwo") == "one<br>two"


def test_table():
    entries = [
        PledgeEntry(
            "a-1",
            "a",
            "1",
            Path("a/1.yaml"),
            Pledge(title="Report | publish", status="partial", due=dt.date(2025, 1, 2)),
        )
    ]
    assert as_markdown(entries) == (
        "| id | status | due | updated | title |\n"
        "|---|---|---|---|---|\n"
        "| a-1 | partial | 2025-01-02 |  | Report \\| publish |\n"
    )


def test_nothing_matches():
    assert as_markdown([]) == "_No pledges match._\n"
