"""The HTML report: one self-contained page in which data stays text and only http(s) links are
links, checked with the standard library's HTML parser."""

import base64
import datetime as dt
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

from tracker import store
from tracker.model import Declaration, DeclarationEntry, Link, Pledge, PledgeEntry, Update
from tracker.render.report_html import render, safe_url
from tracker.report import build
from tracker.store import Catalog, Layout

DAY = dt.date(2025, 1, 1)
XSS_TITLE = "<script>alert(1)</script>"
EVIL_LINK = "javascript:alert(1)"
GOOD_LINK = "https://example.org/evidence?a=1&b=2"


class Page(HTMLParser):
    """Tags with attributes, the text of each script and style, and the text outside them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self._inside: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._inside = tag
            (self.scripts if tag == "script" else self.styles).append("")

    def handle_endtag(self, tag):
        if tag == self._inside:
            self._inside = None

    def handle_data(self, data):
        if self._inside == "script":
            self.scripts[-1] += data
        elif self._inside == "style":
            self.styles[-1] += data
        else:
            self.text.append(data)

    def all(self, tag):
        return [attrs for name, attrs in self.tags if name == tag]


def hostile_page() -> Page:
    """Strings no file could hold (the schema refuses a javascript: link): the renderer must
    defend itself all the same."""
    pledge = Pledge(
        title=XSS_TITLE,
        status="in-progress",
        actors=('"><img src=x onerror=alert(1)>',),
        themes=("</style><script>alert(2)</script>",),
        links=(Link(EVIL_LINK, "click me", "evidence"), Link(GOOD_LINK, "report", "evidence")),
        updates=(Update(dt.date(2024, 12, 30), "in-progress", "x", (EVIL_LINK, GOOD_LINK)),),
    )
    entry = PledgeEntry("x-1", "x", "1", Path("x/1.yaml"), pledge)
    declaration = DeclarationEntry(
        "x", Path("x/declaration.yaml"), Declaration(title="<b>T</b>", short="[x](javascript:y)")
    )
    catalog = Catalog(Path(), {"x": declaration}, [entry], [], Layout(Path()))
    return Page(render(build(catalog, DAY)))


def test_no_external_resources_and_only_the_pledge_links():
    page = hostile_page()
    sources = [attrs for _, attrs in page.tags if "src" in attrs]
    assert sources == []  # no <script src>, <img>, <iframe>: nothing is fetched
    hrefs = {attrs["href"] for _, attrs in page.tags if "href" in attrs}
    assert hrefs == {GOOD_LINK}
    assert page.all("link") == [] and page.all("img") == [] and page.all("iframe") == []
    for style in page.styles:
        assert "url(" not in style and "@import" not in style and "http" not in style


def test_hostile_strings_are_text():
    page = hostile_page()
    [script] = page.scripts  # the page's own, and no other
    assert "alert" not in script
    text = "".join(page.text)
    assert XSS_TITLE in text
    assert "</style><script>alert(2)</script>" in text
    assert '"><img src=x onerror=alert(1)>' in text
    assert "[x](javascript:y)" in text
    assert [a["href"] for a in page.all("a")] == [GOOD_LINK, GOOD_LINK]  # update and pledge
    attributes = {name for _, attrs in page.tags for name in attrs}
    assert not {name for name in attributes if name.startswith("on")}  # no event handlers
    assert not attributes & {"src", "action", "formaction", "xlink:href", "srcdoc"}


def test_the_content_security_policy_admits_only_the_page_script():
    page = hostile_page()
    [policy] = [
        attrs["content"]
        for attrs in page.all("meta")
        if attrs.get("http-equiv") == "Content-Security-Policy"
    ]
    digest = base64.b64encode(hashlib.sha256(page.scripts[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy
    assert "default-src 'none'" in policy


def test_safe_url_admits_http_and_https_only():
    assert safe_url("https://example.org/a") == "https://example.org/a"
    assert safe_url("HTTP://example.org") == "HTTP://example.org"
    for bad in ("javascript:alert(1)", " javascript:alert(1)", "data:text/html,x", "//evil", ""):
        assert safe_url(bad) is None


def test_readable_on_a_phone_and_in_print(sample):
    html = render(build(store.load(sample.root), DAY))
    page = Page(html)
    assert {"name": "viewport", "content": "width=device-width, initial-scale=1"} in page.all(
        "meta"
    )
    style = "".join(page.styles)
    assert "@media print" in style and re.search(r"@media \(max-width: \d+px\)", style)


def test_charts_and_the_sortable_table_of_the_sample(sample):
    page = Page(render(build(store.load(sample.root), DAY)))
    bars = [attrs for attrs in page.all("svg") if attrs.get("class") == "bar"]
    assert [bar["aria-label"] for bar in bars] == [
        "Alpha: 1 unassessed, 1 in-progress, 1 completed",
        "beta-2021: 1 stalled, 1 dropped",
    ]
    assert [attrs for attrs in page.all("svg") if attrs.get("class") == "track"]  # the timeline
    html = render(build(store.load(sample.root), DAY))
    table = html.split('<table class="stack sortable">')[1].split("</table>")[0]
    assert table.count("<tr>") == 1 + 5  # the heading and a row per pledge
    assert (
        "Compliance score: -0.25 over 4 of 5 assessed, the mean over 4 assessed pledges"
        in "".join(page.text)
    )
