"""The static scorecard site: what each page of `tracker site OUT/` holds, as text, with a key of
its inputs so that a rebuild renders only the pages whose inputs changed.

Pages (every link between them relative, so the site works from file:// and from any subpath):
`index.html` (the scorecard), `<slug>/index.html` per declaration, `<slug>/<number>.html` per
pledge (its permalink), `_theme/<name>.html` and `_actor/<name>.html`, `search.html` (the search
index inline as JSON, read by the page's own script), `feed.xml` (Atom 1.0: the newest updates and
assessments) and `<slug>/feed.xml` per declaration.

Nothing here touches the disk: `plan` returns pages, and tracker.site writes them.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
import unicodedata
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .. import __version__
from ..model import STATUS_MEANING, natural_key
from ..report import Group, PledgeState, Report

FEED_ENTRIES = 200  # the newest updates and assessments a feed holds
SEARCH_TEXT = 280  # characters of a pledge's summary or original text in the search index
ID_NAMESPACE = uuid.UUID("9f6c1a52-64a4-4d3c-9b0f-2f5b8d0e7a11")  # of the feed entries' ids


@dataclass(frozen=True, slots=True)
class Page:
    """One file of the site: its path (relative, with `/`), a digest of everything it shows, and
    how to make its text (called only when the page must be written)."""

    path: str
    key: str
    make: Callable[[], str]


@dataclass(frozen=True, slots=True)
class Event:
    """An update or an assessment of a pledge, for its page's timeline and for the feeds."""

    state: PledgeState
    kind: str  # update | assessment
    date: dt.date | None
    status: str | None
    actor: str | None
    score: int | None
    note: str | None
    links: tuple[str, ...]
    ordinal: int  # its place among the pledge's events of the same kind and day

    @property
    def id(self) -> str:
        """A stable id: the same update keeps it while its pledge, kind, day and place do."""
        day = self.date.isoformat() if self.date else "undated"
        name = f"{self.state.entry.id}/{self.kind}/{day}/{self.actor or ''}/{self.ordinal}"
        return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, name)}"

    @property
    def title(self) -> str:
        pledge = self.state.entry
        if self.kind == "assessment":
            return f"{pledge.id}: {self.actor} assessed {self.score:+d}"
        moved = f" ({self.status})" if self.status else ""
        return f"{pledge.id}: update{moved}"


def slug(text: str) -> str:
    """A file name for a theme or an actor: `Border management` → `border-management`."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "x"


class Paths:
    """Where each page lives. Names whose slugs collide get `-2`, `-3`, … in sorted order."""

    def __init__(self, report: Report) -> None:
        self.files: dict[tuple[str, str], str] = {}
        self.pledges = {
            s.entry.id: f"{s.entry.declaration}/{s.entry.number}.html" for s in report.pledges
        }
        for kind, groups in (("theme", report.themes), ("actor", report.actors)):
            taken: set[str] = set()
            for name in sorted(group.name for group in groups):
                base = slug(name)
                found, n = base, 1
                while found in taken:
                    n += 1
                    found = f"{base}-{n}"
                taken.add(found)
                self.files[(kind, name)] = f"_{kind}/{found}.html"

    def of(self, kind: str, name: str) -> str | None:
        if kind == "pledge":
            return self.pledges.get(name)
        if kind == "declaration":
            return f"{name}/index.html"
        return self.files.get((kind, name))


def events(state: PledgeState) -> list[Event]:
    """A pledge's updates and assessments, newest first (undated assessments last)."""
    found: list[Event] = []
    seen: dict[tuple[str, Any, str | None], int] = {}

    def ordinal(kind: str, date: Any, actor: str | None) -> int:
        seen[(kind, date, actor)] = seen.get((kind, date, actor), 0) + 1
        return seen[(kind, date, actor)]

    pledge = state.entry.pledge
    for u in pledge.updates:
        found.append(
            Event(
                state,
                "update",
                u.date,
                u.status,
                None,
                None,
                u.note,
                tuple(u.links),
                ordinal("update", u.date, None),
            )
        )
    for a in pledge.assessments:
        found.append(
            Event(
                state,
                "assessment",
                a.date,
                None,
                a.actor,
                a.score,
                a.note,
                tuple(a.links),
                ordinal("assessment", a.date, a.actor),
            )
        )
    found.sort(key=lambda e: (e.date is not None, e.date or dt.date.min), reverse=True)
    return found


# --- rendering ----------------------------------------------------------------------------------


@functools.cache
def _environment() -> Any:
    from .report_html import _environment as report_environment

    return report_environment()


@functools.cache
def _templates_digest() -> str:
    """A digest of every template and script: a new tracker renders every page again."""
    environment = _environment()
    digest = hashlib.blake2b(__version__.encode(), digest_size=16)
    for name in sorted(environment.loader.list_templates()):
        digest.update(name.encode())
        digest.update(environment.loader.get_source(environment, name)[0].encode())
    return digest.hexdigest()


def _key(*inputs: Any) -> str:
    return hashlib.blake2b(repr((_templates_digest(), inputs)).encode(), digest_size=16).hexdigest()


def _script(name: str) -> tuple[Any, str]:
    from markupsafe import Markup

    from .report_html import _script_hash

    environment = _environment()
    text = environment.loader.get_source(environment, name)[0]
    return Markup(text), _script_hash(text)  # the package's own file, not data


_STYLES = ("report.css", "site/site.css")


@functools.cache
def _css() -> Any:
    from markupsafe import Markup

    environment = _environment()
    sources = [environment.loader.get_source(environment, name)[0] for name in _STYLES]
    return Markup("\n".join(sources))  # the package's own files, not data


def _linker(paths: Paths, root: str) -> Callable[[str, str], str | None]:
    def link_to(kind: str, name: str) -> str | None:
        found = paths.of(kind, name)
        return None if found is None else root + found

    return link_to


class Rows:
    """The table row of each pledge, rendered once for all the pages one folder deep (those of
    declarations, themes and actors) that list it."""

    def __init__(self, paths: Paths) -> None:
        self.link_to = _linker(paths, "../")
        self.made: dict[str, Any] = {}
        self._module: Any = None

    def __call__(self, state: PledgeState) -> Any:
        row = self.made.get(state.entry.id)
        if row is None:
            if self._module is None:
                template = _environment().get_template("_macros.html.j2")
                self._module = template.make_module({"link_to": self.link_to})
            row = self.made[state.entry.id] = self._module.pledge_row(state)
        return row


def _render(template: str, depth: int, paths: Paths, **values: Any) -> str:
    """A page `depth` folders below the site's root; links are made relative to it."""
    root = "../" * depth
    script, script_hash = _script(values.pop("script_name", "report.js"))
    page = _environment().get_template(template)
    return page.render(
        root=root,
        link_to=_linker(paths, root),
        script=script,
        script_hash=script_hash,
        css=_css(),
        **values,
    )


_STATE_KEYS: dict[int, tuple[PledgeState, str]] = {}


def _state_key(state: PledgeState) -> str:
    """A digest of what a pledge's page and its row in a table show (no day counts, which move
    every day); made once per pledge, as several pages list each pledge."""
    held = _STATE_KEYS.get(id(state))
    if held is not None and held[0] is state:
        return held[1]
    entry = state.entry
    shown = (entry.id, repr(entry.pledge), state.label, state.latest, state.latest_note)
    key = hashlib.blake2b(
        repr((*shown, state.overdue, state.stale)).encode(), digest_size=12
    ).hexdigest()
    _STATE_KEYS[id(state)] = (state, key)
    return key


def _group_key(group: Group) -> tuple[Any, ...]:
    return (group.name, group.label, group.title, group.date, group.figures)


def plan(report: Report, title: str = "Pledge progress") -> list[Page]:
    """Every page of the site for `report` (made over every pledge, as of its day)."""
    from .cells import formula

    _STATE_KEYS.clear()
    paths = Paths(report)
    rows = Rows(paths)
    timeline = {state.entry.id: events(state) for state in report.pledges}
    by_id = {state.entry.id: state for state in report.pledges}
    pledges = sorted(report.pledges, key=lambda state: natural_key(state.entry.id))
    by_declaration: dict[str, list[PledgeState]] = {}
    for state in pledges:
        by_declaration.setdefault(state.entry.declaration, []).append(state)
    groups = {group.name: group for group in report.declarations}
    common = {"site_title": title, "as_of": report.as_of, "stale_days": report.stale_days}
    pages: list[Page] = []

    index_key = _key(
        "index",
        title,
        report.as_of,
        report.total,
        [_group_key(g) for g in report.declarations],
        [_group_key(g) for g in report.themes],
        [_group_key(g) for g in report.actors],
    )
    pages.append(
        Page(
            "index.html",
            index_key,
            lambda: _render(
                "site/index.html.j2",
                0,
                paths,
                report=report,
                formula=formula(report.total.assessed),
                page_title=title,
                **common,
            ),
        )
    )

    for slug_, states in by_declaration.items():
        group = groups.get(slug_)
        if group is None:
            continue
        key = _key("declaration", title, _group_key(group), [_state_key(s) for s in states])
        pages.append(
            Page(
                f"{slug_}/index.html",
                key,
                functools.partial(
                    _render,
                    "site/declaration.html.j2",
                    1,
                    paths,
                    group=group,
                    states=states,
                    row_of=rows,
                    page_title=group.title or group.label,
                    **common,
                ),
            )
        )
        feed = _feed_events(states, timeline)
        pages.append(
            Page(
                f"{slug_}/feed.xml",
                _key("feed", title, slug_, _events_key(feed)),
                functools.partial(
                    atom, feed, paths, f"{title}: {group.label}", f"{slug_}/feed.xml", slug_
                ),
            )
        )

    for state in pledges:
        related = [(name, by_id.get(name)) for name in state.entry.pledge.related]
        declaration = groups.get(state.entry.declaration)
        key = _key(
            "pledge",
            title,
            _state_key(state),
            [(name, other.entry.pledge.title if other else None) for name, other in related],
            (declaration.label, declaration.title) if declaration else None,
        )
        pages.append(
            Page(
                paths.pledges[state.entry.id],
                key,
                functools.partial(
                    _render,
                    "site/pledge.html.j2",
                    1,
                    paths,
                    state=state,
                    events=timeline[state.entry.id],
                    related=related,
                    declaration=declaration,
                    meaning=STATUS_MEANING,
                    page_title=f"{state.entry.id}: {state.entry.pledge.title}",
                    **common,
                ),
            )
        )

    for kind, found in (("theme", report.themes), ("actor", report.actors)):
        members = _members(pledges, kind)
        for group in found:
            states = members.get(group.name, [])
            key = _key(kind, title, _group_key(group), [_state_key(s) for s in states])
            page = paths.of(kind, group.name)
            assert page is not None
            pages.append(
                Page(
                    page,
                    key,
                    functools.partial(
                        _render,
                        "site/group.html.j2",
                        1,
                        paths,
                        kind=kind,
                        group=group,
                        row_of=rows,
                        states=states,
                        page_title=f"{kind.capitalize()}: {group.name}",
                        **common,
                    ),
                )
            )

    index = search_index(pledges, paths)
    pages.append(
        Page(
            "search.html",
            _key("search", title, index),
            lambda: _render(
                "site/search.html.j2",
                0,
                paths,
                index=index,
                script_name="search.js",
                page_title=f"Search: {title}",
                **common,
            ),
        )
    )
    feed = _feed_events(pledges, timeline)
    pages.append(
        Page(
            "feed.xml",
            _key("feed", title, _events_key(feed)),
            functools.partial(atom, feed, paths, title, "feed.xml", None),
        )
    )
    return pages


def _members(states: Iterable[PledgeState], kind: str) -> dict[str, list[PledgeState]]:
    found: dict[str, list[PledgeState]] = {}
    for state in states:
        pledge = state.entry.pledge
        for name in dict.fromkeys(pledge.themes if kind == "theme" else pledge.actors):
            found.setdefault(name, []).append(state)
    return found


# --- search -------------------------------------------------------------------------------------


def search_index(states: Iterable[PledgeState], paths: Paths) -> str:
    """The search index as JSON text safe inside a <script type="application/json">: one row per
    pledge `[id, title, status, declaration label, page, text]`."""
    rows = []
    for state in states:
        pledge = state.entry.pledge
        text = pledge.summary or (pledge.original.text if pledge.original else "") or ""
        text = " ".join(text.split())[:SEARCH_TEXT]
        rows.append(
            [
                state.entry.id,
                pledge.title,
                pledge.status,
                state.label,
                paths.pledges[state.entry.id],
                text,
            ]
        )
    data = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    # Nothing in the data may end the script element or open a comment in it.
    return data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# --- feeds --------------------------------------------------------------------------------------


def _feed_events(states: Iterable[PledgeState], timeline: dict[str, list[Event]]) -> list[Event]:
    """The newest dated updates and assessments, newest first; of one day, by pledge in the
    order of `states` (natural id order)."""
    import heapq

    found = [
        (event.date, -place, event.kind == "update", -event.ordinal, event)
        for place, state in enumerate(states)
        for event in timeline[state.entry.id]
        if event.date is not None
    ]
    newest = heapq.nlargest(FEED_ENTRIES, found, key=lambda item: item[:4])
    return [item[-1] for item in newest]


def _events_key(found: list[Event]) -> list[Any]:
    return [(e.id, e.state.entry.pledge.title, e.status, e.score, e.note, e.links) for e in found]


def _stamp(date: dt.date) -> str:
    """An Atom date-time; a partial date (`2022-10`) stands for its last day, as elsewhere."""
    return f"{date.year:04d}-{date.month:02d}-{date.day:02d}T00:00:00Z"


def atom(found: list[Event], paths: Paths, title: str, path: str, declaration: str | None) -> str:
    """An Atom 1.0 feed of `found` (newest first), its links relative to the feed's own place."""
    import xml.etree.ElementTree as ET

    ns = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", ns)
    root = "../" * path.count("/")

    def element(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ns}}}{tag}", attrs)
        if text is not None:
            node.text = text
        return node

    feed = ET.Element(f"{{{ns}}}feed")
    element(feed, "title", title)
    element(feed, "id", f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, 'feed/' + (declaration or ''))}")
    newest = max((e.date for e in found if e.date), default=dt.date(1970, 1, 1))
    element(feed, "updated", _stamp(newest))
    element(feed, "link", rel="self", href=path.rsplit("/", 1)[-1])
    element(feed, "link", rel="alternate", type="text/html", href="index.html")
    author = element(feed, "author")
    element(author, "name", title)
    element(feed, "generator", "tracker", version=__version__)
    for event in found:
        assert event.date is not None
        entry = element(feed, "entry")
        element(entry, "id", event.id)
        element(entry, "title", f"{event.title}: {event.state.entry.pledge.title}")
        element(entry, "updated", _stamp(event.date))
        element(
            entry,
            "link",
            rel="alternate",
            type="text/html",
            href=root + paths.pledges[event.state.entry.id],
        )
        for url in event.links:
            element(entry, "link", rel="related", href=url)
        text = event.note or (f"Status: {event.status}." if event.status else "")
        if text:
            element(entry, "summary", text)
        element(entry, "category", term=event.state.entry.declaration)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
