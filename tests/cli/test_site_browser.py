"""The site and the HTML report in a real browser (headless Chromium driven by Playwright): search
finds a pledge, a 400 px viewport scrolls no page sideways, every internal link leads to a page,
and no page logs an error (a script the Content-Security-Policy blocked would)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from .test_site import SHIPPED

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium installed (apt-get install chromium)"
)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip package playwright missing")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site and the report of the shipped data."""
    from typer.testing import CliRunner

    from tracker.cli import app

    base = tmp_path_factory.mktemp("browser")
    shutil.copytree(SHIPPED, base / "data" / "commitments")
    runner = CliRunner()
    root = str(base / "data")
    site = runner.invoke(app, ["site", str(base / "site"), "--root", root])
    assert site.exit_code == 0, site.stderr
    report = runner.invoke(
        app, ["report", "-f", "html", "-o", str(base / "site" / "report.html"), "--root", root]
    )
    assert report.exit_code == 0, report.stderr
    return base / "site"


def visit(browser, url: str, width: int = 1280):
    """A page at `url` in a viewport `width` px wide, and the errors it logged."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    response = page.goto(url)
    assert response is None or response.ok, url
    page.wait_for_load_state("load")
    return page, errors


def test_search_finds_a_pledge(browser, built):
    page, errors = visit(browser, (built / "search.html").as_uri())
    page.fill("#search-box", "ameripol")
    results = page.locator("#search-results li a")
    assert results.count() == 1
    assert results.first.text_content() == "Support institutional status for AMERIPOL"
    results.first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/eu-clasi-2023/23.html")
    assert page.locator("h1").text_content() == "Support institutional status for AMERIPOL"
    assert errors == []
    page.close()


@pytest.mark.parametrize(
    "name", ["report.html", "index.html", "eu-clasi-2023/22.html", "eu-clasi-2023/index.html"]
)
def test_nothing_scrolls_sideways_on_a_phone(browser, built, name):
    page, errors = visit(browser, (built / name).as_uri(), width=400)
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    # No element sticks out of the page either (a table cut off inside a scrolling box would).
    widest = page.evaluate(
        "Math.max(...[...document.querySelectorAll('main *')]"
        ".map(e => e.getBoundingClientRect().right))"
    )
    assert widest <= 400
    assert errors == []
    page.close()


def test_every_internal_link_resolves_and_no_page_logs_an_error(browser, built):
    pages = [built / "index.html"]
    seen = {pages[0].resolve()}
    while pages:
        path = pages.pop()
        page, errors = visit(browser, path.as_uri())
        assert errors == [], path
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        for href in hrefs:
            if not href.startswith("file://"):
                assert href.startswith(("http://", "https://")), (path, href)
                continue
            target = Path(href.removeprefix("file://").split("#")[0])
            assert target.is_file(), (path, href)
            if target.suffix == ".html" and target.resolve() not in seen:
                seen.add(target.resolve())
                pages.append(target)
        page.close()
    pledges = [p for p in SHIPPED.glob("*/*.yaml") if p.name != "declaration.yaml"]
    declarations = list(SHIPPED.glob("*/declaration.yaml"))
    # every pledge and declaration page, the index and search are reached by links
    assert len(seen) >= len(pledges) + len(declarations) + 2


def test_the_report_prints_with_page_numbers_and_repeated_table_headings(browser, built, tmp_path):
    from pypdf import PdfReader

    page, errors = visit(browser, (built / "report.html").as_uri())
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf), format="A4")
    page.close()
    texts = [p.extract_text() for p in PdfReader(pdf).pages]
    assert len(texts) >= 2
    for number, text in enumerate(texts, 1):
        assert f"Page {number} of {len(texts)}" in text
    # Every page that holds rows of the pledge table starts them under its heading again.
    # (a narrow id column breaks ids across lines: eu-clasi- / 2023-17)
    pledge_id = re.compile(r"eu-[a-z0-9-]+-\d{2}\b")
    with_rows = [text for text in texts if pledge_id.search(text.replace("-\n", "-"))]
    assert len(with_rows) >= 2
    assert all("latest note" in text for text in with_rows)
    assert errors == []
