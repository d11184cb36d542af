"""tracker site: a static scorecard site whose every page and link is there, a valid Atom feed,
search data that stays data, and rebuilds that write only what changed."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ATOM = "{http://www.w3.org/2005/Atom}"
SHIPPED = Path(__file__).resolve().parents[2] / "commitments"


class Anchors(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.srcs: list[str] = []
        self.ids: set[str] = set()
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if "href" in found:
            self.hrefs.append(found["href"] or "")
        if "src" in found:
            self.srcs.append(found["src"] or "")
        if "id" in found:
            self.ids.add(found["id"] or "")


def broken_links(out: Path) -> list[str]:
    """Every relative href of every page that does not lead to a file (or to an id in it)."""
    broken = []
    for page in out.rglob("*.html"):
        parsed = Anchors(page.read_text(encoding="utf-8"))
        assert parsed.srcs == [], page  # nothing is fetched
        for href in parsed.hrefs:
            parts = urlsplit(href)
            if parts.scheme in ("http", "https"):
                continue
            assert not parts.scheme and not href.startswith("/"), (page, href)  # relative only
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.is_file():
                broken.append(f"{page.relative_to(out)} → {href}")
            elif parts.fragment and parts.fragment not in Anchors(target.read_text()).ids:
                broken.append(f"{page.relative_to(out)} → {href} (no such id)")
    return broken


def check_atom(path: Path) -> list[ET.Element]:
    """The feed's entries, once the elements Atom 1.0 requires are shown to be there."""
    feed = ET.parse(path).getroot()
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{name}") is not None, name
    entries = feed.findall(f"{ATOM}entry")
    stamp = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
    assert stamp.fullmatch(feed.findtext(f"{ATOM}updated") or "")
    if entries and feed.find(f"{ATOM}author") is None:
        assert all(entry.find(f"{ATOM}author") is not None for entry in entries)
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{name}") or "").strip(), name
        assert stamp.fullmatch(entry.findtext(f"{ATOM}updated") or "")
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(ids) == len(set(ids))
    updated = [entry.findtext(f"{ATOM}updated") for entry in entries]
    assert updated == sorted(updated, reverse=True)  # newest first
    return entries


def test_a_page_per_declaration_pledge_theme_and_actor(sample, cli):
    out = sample.base / "site"
    result = cli("site", str(out))
    assert result.exit_code == 0, result.stderr
    for page in ("index.html", "search.html", "feed.xml", "alpha-2020/index.html"):
        assert (out / page).is_file(), page
    for pledge in ("alpha-2020/1.html", "alpha-2020/2.html", "alpha-2020/10.html"):
        assert (out / pledge).is_file()
    assert (out / "beta-2021/01.html").is_file() and (out / "beta-2021/02.html").is_file()
    assert sorted(p.name for p in (out / "_theme").iterdir()) == ["borders.html", "smuggling.html"]
    assert (out / "_actor/europol.html").is_file()
    assert broken_links(out) == []
    page = (out / "alpha-2020/1.html").read_text()
    assert "<h1>Share data on smuggling</h1>" in page
    assert "completed</span>: done as promised" in page  # the status with its meaning
    assert '<a href="../_actor/europol.html">Europol</a>' in page
    assert 'href="https://example.org/report"' in page  # evidence
    assert page.index("2021-01-15") < page.index("2020-09-01")  # the timeline, newest first
    related = (out / "alpha-2020/2.html").read_text()
    assert '<a href="../alpha-2020/1.html">alpha-2020-1</a>: Share data on smuggling' in related


def test_the_feed_is_atom_newest_first_with_stable_ids(sample, cli):
    out = sample.base / "site"
    cli("site", str(out))
    entries = check_atom(out / "feed.xml")
    assert [e.findtext(f"{ATOM}updated")[:10] for e in entries] == ["2021-01-15", "2020-09-01"]
    link = entries[0].find(f"{ATOM}link[@rel='alternate']").get("href")
    assert link == "alpha-2020/1.html" and (out / link).is_file()
    check_atom(out / "alpha-2020/feed.xml")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    sample.pledge(
        "alpha-2020", "3", "title: New\nstatus: in-progress\nupdates:\n  - date: 2022-02-02\n"
    )
    cli("site", str(out))
    again = check_atom(out / "feed.xml")
    assert [e.findtext(f"{ATOM}id") for e in again][1:] == ids  # the new entry first, the rest kept
    assert again[0].findtext(f"{ATOM}updated").startswith("2022-02-02")


def test_a_rebuild_writes_only_the_pages_whose_inputs_changed(sample, cli):
    out = sample.base / "site"
    first = cli("site", str(out), "--as-of", "2025-01-01")
    assert "wrote 17 of 17 files" in first.stderr
    assert "wrote 0 of 17" in cli("site", str(out), "--as-of", "2025-01-01").stderr
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    cli("update", "alpha-2020-2", "--note", "Course held.", "--date", "2024-12-01")
    result = cli("site", str(out), "--as-of", "2025-01-01")
    changed = {str(p.relative_to(out)) for p in before if p.stat().st_mtime_ns != before[p]}
    # The pledge's page, and those that show it: its declaration, theme and actor, the feeds,
    # and the scorecard (the pledge is no longer stale).
    assert changed == {
        "alpha-2020/2.html",
        "alpha-2020/index.html",
        "alpha-2020/feed.xml",
        "feed.xml",
        "index.html",
        "_theme/borders.html",
        "_actor/frontex.html",
        ".tracker-site.json",
    }
    assert f"wrote {len(changed) - 1} of 17" in result.stderr
    assert "Course held." in (out / "alpha-2020/2.html").read_text()
    (sample.base / "commitments/alpha-2020/10.yaml").unlink()
    result = cli("site", str(out), "--as-of", "2025-01-01")
    assert "removed 1" in result.stderr and not (out / "alpha-2020/10.html").exists()
    assert broken_links(out) == []


def test_a_folder_that_is_not_a_site_is_refused(sample, cli):
    out = sample.base / "notes"
    out.mkdir()
    (out / "mine.txt").write_text("keep me")
    result = cli("site", str(out))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and result.stderr.endswith(
        "notes: holds files but no tracker site: name a new or empty folder\n"
    )
    assert [p.name for p in out.iterdir()] == ["mine.txt"]
    inside = cli("site", str(sample.base / "commitments" / "site"))
    assert inside.exit_code != 0 and not (sample.base / "commitments" / "site").exists()


def test_search_data_stays_data(repo, cli):
    repo.declaration("x", "title: X\n")
    repo.pledge("x", "1", 'title: "</script><script>alert(1)</script>"\nstatus: unassessed\n')
    out = repo.base / "site"
    cli("site", str(out))
    page = (out / "search.html").read_text()
    data = page.split('<script type="application/json" id="search-index">')[1].split("</script>")[0]
    [row] = json.loads(data)
    assert row[:3] == ["x-1", "</script><script>alert(1)</script>", "unassessed"]
    assert row[4] == "x/1.html"
    assert page.count("<script") == 2  # the index and the page's own script


def test_the_shipped_data_makes_a_page_per_pledge(tmp_path, cli, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(SHIPPED, data / "commitments")
    monkeypatch.chdir(data)
    out = tmp_path / "site"
    assert cli("site", str(out)).exit_code == 0
    pledges = {
        p.relative_to(data / "commitments").with_suffix("")
        for p in (data / "commitments").glob("*/*.yaml")
        if p.name != "declaration.yaml"
    }
    pages = {
        p.relative_to(out).with_suffix("")
        for p in out.glob("*/*.html")
        if p.name != "index.html" and p.parent.name[0] != "_"
    }
    assert pages == pledges and len(pages) >= 20
    assert len(list(out.glob("*/index.html"))) == 5
    check_atom(out / "feed.xml")
    assert broken_links(out) == []
