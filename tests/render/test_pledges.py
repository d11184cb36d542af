"""The list and show renderers: the plain table for pipes, the rich table, JSON, YAML, ids."""

import datetime as dt
import io
import json
from pathlib import Path

import yaml
from rich.console import Console

from tracker.model import Link, PartialDate, Pledge, PledgeEntry, Update
from tracker.render.pledges import plain_table, render_list, render_pledge

TODAY = dt.date(2024, 6, 30)


def _entry(slug, number, **fields):
    pledge = Pledge(**fields)
    return PledgeEntry(f"{slug}-{number}", slug, number, Path(f"{slug}/{number}.yaml"), pledge)


ENTRIES = [
    _entry("a-2020", "9", title="Short", status="unassessed"),
    _entry(
        "a-2020",
        "10",
        title="A longer title – with a dash",
        status="in-progress",
        due=dt.date(2024, 3, 31),
        actors=("Europol",),
        links=(Link("https://example.org/x", "X", "evidence"),),
        updates=(Update(PartialDate(2023, 12, precision="month"), "in-progress", "Begun."),),
    ),
]


def test_plain_table_is_aligned_text_without_trailing_spaces():
    assert plain_table(ENTRIES) == (
        "id         status       due         updated  title\n"
        "a-2020-9   unassessed                        Short\n"
        "a-2020-10  in-progress  2024-03-31  2023-12  A longer title – with a dash\n"
    )


def test_plain_table_when_nothing_matches():
    assert plain_table([]) == "No pledges match.\n"


def test_a_piped_table_is_the_plain_one():
    assert render_list(ENTRIES, "text", TODAY, terminal=False) == plain_table(ENTRIES)


def test_the_terminal_table_draws_a_rule_and_colours_overdue_dates(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    out = io.StringIO()
    console = Console(file=out, width=100, force_terminal=True, color_system="standard")
    console.print(render_list(ENTRIES, "text", TODAY, terminal=True))
    styled = out.getvalue()
    assert "─" * 10 in styled
    assert "a-2020-10" in styled
    assert "\x1b[1;31m2024-03-31" in styled  # overdue: bold red


def test_json_records_and_empty_list():
    records = json.loads(render_list(ENTRIES, "json", TODAY))
    assert [r["id"] for r in records] == ["a-2020-9", "a-2020-10"]
    assert records[1]["links"] == [
        {"url": "https://example.org/x", "title": "X", "kind": "evidence"}
    ]
    assert records[1]["updates"] == [
        {"date": "2023-12", "status": "in-progress", "note": "Begun.", "links": []}
    ]
    assert render_list([], "json", TODAY) == "[]\n"


def test_yaml_is_the_json_records():
    as_yaml = yaml.safe_load(render_list(ENTRIES, "yaml", TODAY))
    assert as_yaml == json.loads(render_list(ENTRIES, "json", TODAY))
    # dates stay text as written, not YAML dates
    assert as_yaml[1]["due"] == "2024-03-31"
    assert render_list([], "yaml", TODAY) == "[]\n"


def test_ids_one_a_line():
    assert render_list(ENTRIES, "ids", TODAY) == "a-2020-9\na-2020-10\n"
    assert render_list([], "ids", TODAY) == ""


def test_show_json_adds_related_titles_and_statuses():
    entry = _entry("a-2020", "11", title="T", status="partial", related=("a-2020-9", "a-2020-99"))
    related = {"a-2020-9": ENTRIES[0], "a-2020-99": None}
    kwargs = {"label": "A", "related": related, "today": TODAY}
    record = json.loads(render_pledge(entry, "json", **kwargs))
    assert record["id"] == "a-2020-11"
    assert record["related"] == ["a-2020-9", "a-2020-99"]
    assert record["related_pledges"] == [
        {"id": "a-2020-9", "title": "Short", "status": "unassessed"},
        {"id": "a-2020-99", "title": None, "status": None},
    ]
    assert yaml.safe_load(render_pledge(entry, "yaml", **kwargs)) == record


def test_show_text_piped_is_plain():
    text = render_pledge(ENTRIES[1], "text", label="A", related={}, today=TODAY)
    assert isinstance(text, str)
    lines = text.splitlines()
    assert lines[0] == "A longer title – with a dash"
    assert "due          2024-03-31  overdue by 91 days" in lines
    assert all(line == line.rstrip() for line in lines)
    assert "\x1b" not in text
