"""The Markdown report, checked by rendering it as GitHub would (markdown-it, which rich already
depends on, with raw HTML allowed: stricter than GitHub, which also sanitises)."""

import datetime as dt
from html.parser import HTMLParser
from pathlib import Path

from markdown_it import MarkdownIt

from tracker import store
from tracker.model import Link, Pledge, PledgeEntry, Update
from tracker.render.report_markdown import escape, link, render
from tracker.report import build
from tracker.store import Catalog, Layout

DAY = dt.date(2025, 1, 1)
XSS_TITLE = "<script>alert(1)</script> [x](javascript:alert(1)) a|b *c* $d$"


def to_html(markdown: str) -> str:
    return (
        MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(markdown)
    )


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text outside tags."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def hostile_report():
    """A pledge no file could hold (the schema refuses a javascript: link), to show that the
    renderer defends itself too."""
    pledge = Pledge(
        title=XSS_TITLE,
        status="in-progress",
        links=(Link("javascript:alert(1)", "click"),),
        updates=(
            Update(
                dt.date(2024, 12, 30),
                "in-progress",
                "line one\nline two <img src=x onerror=alert(1)>",
                ("https://example.org/ok", "javascript:alert(2)"),
            ),
        ),
    )
    entry = PledgeEntry("x-1", "x", "1", Path("x/1.yaml"), pledge)
    catalog = Catalog(Path(), {}, [entry], [], Layout(Path()))
    return build(catalog, DAY)


def test_escape_makes_markup_literal():
    assert escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert escape("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))"
    assert (
        escape("a|b *c* _d_ `e` ~f~ $g$ \\") == "a\\|b \\*c\\* \\_d\\_ \\`e\\` \\~f\\~ \\$g\\$ \\\\"
    )
    assert escape("one\ntwo\r\n  three") == "one two three"
    assert escape("AT&T") == "AT&amp;T"


def test_only_http_links_become_links():
    assert link("report", "https://example.org/a_(b)") == "[report](https://example.org/a_%28b%29)"
    assert link("x", "javascript:alert(1)") == "x"
    assert link("x", "file:///etc/passwd") == "x"


def test_hostile_strings_render_as_text():
    markdown = render(hostile_report())
    html = to_html(markdown)
    found = Elements(html)
    tags = [tag for tag, _ in found.tags]
    assert "script" not in tags and "img" not in tags
    hrefs = [attrs.get("href") for tag, attrs in found.tags if tag == "a"]
    assert hrefs == ["https://example.org/ok"] * 2  # the pledge's evidence, the recent update
    text = "".join(found.text)
    assert "<script>alert(1)</script> [x](javascript:alert(1)) a|b *c* $d$" in text
    assert "line one line two <img src=x onerror=alert(1)>" in text


def tables(html: str) -> list[list[list[str]]]:
    """Each table as rows of cell texts, header row first."""

    class Tables(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[list[list[str]]] = []

            self.cell = False

        def handle_starttag(self, tag, attrs):
            if tag == "table":
                self.found.append([])
            elif tag == "tr":
                self.found[-1].append([])
            elif tag in ("td", "th"):
                self.found[-1][-1].append("")
                self.cell = True

        def handle_endtag(self, tag):
            if tag in ("td", "th"):
                self.cell = False

        def handle_data(self, data):
            if self.cell:
                self.found[-1][-1][-1] += data

    parser = Tables()
    parser.feed(html)
    return parser.found


def test_tables_keep_their_columns_with_pipes_in_the_data():
    recent = next(
        table
        for table in tables(to_html(render(hostile_report())))
        if table[0] == ["date", "pledge", "status", "note", "links"]
    )
    assert len(recent) == 2
    date, pledge, status, note, links = recent[1]
    assert (date, status, links) == ("2024-12-30", "🟡 in-progress", "[1] [2]")
    assert note == "line one line two <img src=x onerror=alert(1)>"
    assert pledge == "x-1: " + XSS_TITLE


def test_figures_and_legend_of_the_sample(sample):
    markdown = render(build(store.load(sample.root), DAY))
    lines = markdown.splitlines()
    assert lines[0] == "## Pledge progress as of 2025-01-01"
    assert "**5 pledges** in 2 declarations: 1 completed (20%), 1 overdue," in markdown
    assert (
        "Compliance score: -0.25 over 4 of 5 assessed; the mean over 4 assessed pledges" in markdown
    )
    assert "| Alpha | 2020-05-01 | 3 | ⚪ 1 · 🟡 1 · 🟢 1 | 33% | +0.50 | 1 |" in markdown
    assert "| beta-2021 |  | 2 | 🟣 1 · ⚫ 1 | 0% | -1.00 | 0 |" in markdown
    legend = next(line for line in lines if line.startswith("Legend: "))
    for word in ("⚪ unassessed", "🟢 completed", "🟣 stalled", "⚫ dropped", "🔵 partial"):
        assert word in legend
    row = next(line for line in lines if line.startswith("| alpha-2020-2 |"))  # every pledge once
    assert "Train border guards" in row and "2021-06-30" in row and "(overdue" in row
    assert len([line for line in lines if line.startswith("| alpha-2020-2 |")]) == 1


def test_nothing_to_report():
    catalog = Catalog(Path(), {}, [], [], Layout(Path()))
    assert render(build(catalog, DAY)).endswith("No pledges match.\n")


def test_escape_shows_control_characters_and_bidi_overrides():
    # visible's backslash is itself escaped, so Markdown shows `\u202e` as written
    assert escape("evil \u202egnp.exe\x1b[2J") == "evil \\\\u202egnp.exe\\\\x1b\\[2J"
