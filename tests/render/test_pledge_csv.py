"""CSV for spreadsheets: RFC 4180, lists joined with '; ', formulas defused."""

import csv
import io
from pathlib import Path

from tracker.model import Assessment, Link, Original, Pledge, PledgeEntry, parse_partial_date
from tracker.render.pledge_csv import as_csv, safe_cell

HEADER = [
    "id",
    "declaration",
    "number",
    "title",
    "status",
    "due",
    "updated",
    "latest_note",
    "actors",
    "themes",
    "related",
    "links",
    "summary",
    "original_language",
    "original_text",
    "assessment_count",
    "score",
]


def _entry(number, **fields):
    return PledgeEntry(f"a-{number}", "a", number, Path(f"a/{number}.yaml"), Pledge(**fields))


def test_header_rows_crlf_and_quoting():
    entry = _entry(
        "1",
        title='Say "yes", then act',
        status="partial",
        summary="Two\nlines",
        actors=("Europol", "Spain"),
        themes=("drugs",),
        links=(Link("https://e.org/1"), Link("https://e.org/2")),
        original=Original(language="da", text="tekst"),
    )
    text = as_csv([entry])
    assert text.startswith(",".join(HEADER) + "\r\n")
    assert '"Say ""yes"", then act"' in text
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == HEADER
    assert rows[1] == [
        "a-1",
        "a",
        "1",
        'Say "yes", then act',
        "partial",
        "",
        "",
        "",
        "Europol; Spain",
        "drugs",
        "",
        "https://e.org/1; https://e.org/2",
        "Two\nlines",
        "da",
        "tekst",
        "0",
        "",
    ]


def test_an_empty_list_is_the_header_alone():
    assert as_csv([]) == ",".join(HEADER) + "\r\n"


def test_cells_a_spreadsheet_would_run_get_an_apostrophe():
    for dangerous in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(dangerous) == "'" + dangerous
    for harmless in ("Europol", "a=b", "2024-03-14", ""):
        assert safe_cell(harmless) == harmless
    assert safe_cell(None) == ""
    entry = _entry("2", title='=HYPERLINK("http://x")', status="completed", summary="-dash")
    row = list(csv.reader(io.StringIO(as_csv([entry]), newline="")))[1]
    assert row[3] == '\'=HYPERLINK("http://x")'
    assert row[12] == "'-dash"


def test_assessment_count_and_the_mean_of_each_actors_newest_score():
    # Europol's newest (2024) is -1, its older +1 no longer counts; Spain's undated 0 counts.
    entry = _entry(
        "1",
        title="t",
        status="partial",
        assessments=(
            Assessment("Europol", 1, parse_partial_date("2023-05-01")),
            Assessment("Europol", -1, parse_partial_date("2024-02")),
            Assessment("Spain", 0),
        ),
    )
    row = next(csv.DictReader(io.StringIO(as_csv([entry]), newline="")))
    # a score is a number, not a formula: no apostrophe before the minus sign
    assert (row["assessment_count"], row["score"]) == ("3", "-0.5")
