"""The progress report as one self-contained HTML page: inline CSS, inline SVG charts, a small
inline script that sorts the pledge table (the page reads fine without it), nothing fetched.

The page is a jinja2 template with autoescaping on; this module only works out what the template
shows (chart geometry, safe links). A Content-Security-Policy allows no source but the page's own
script, by its hash, so that even a string that escaped escaping could not run or fetch anything.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .. import __version__
from ..model import STATUS_MEANING, Status, natural_key
from ..report import Figures, Report
from .cells import (
    ASSESSMENT_NOTE,
    assessment,
    declared,
    evidence,
    formula,
    overall_score,
    plural,
    score,
    score_base,
    share,
    thin_score,
)
from .layout import Layout, layout_for

if TYPE_CHECKING:
    from ..history import Changes

STATUS_COLOUR = {
    "completed": "#2e8540",
    "partial": "#2f6fb7",
    "in-progress": "#e0a800",
    "not-started": "#d0342c",
    "stalled": "#8a57b5",
    "dropped": "#4d4d4d",
    "unassessed": "#c4c9d0",
}
# Text on each status colour that stays readable (contrast ≥ 4.5:1).
STATUS_INK = dict.fromkeys(STATUS_COLOUR, "#fff") | {
    "in-progress": "#222",
    "unassessed": "#222",
}
STATUS_ORDER = {status.value: index for index, status in enumerate(Status)}
TOP_ROWS = 8  # theme and actor tables show this many rows; the rest fold into a <details>


def safe_url(url: str | None) -> str | None:
    """`url` when it is an http(s) link, else None: nothing else may become an href."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


@dataclass(frozen=True, slots=True)
class Segment:
    """One status's part of a stacked bar, in percent of its width."""

    status: str
    count: int
    x: float
    width: float
    colour: str
    ink: str


def segments(figures: Figures) -> list[Segment]:
    found = []
    x = 0.0
    for status in Status:
        count = figures.by_status.get(status.value, 0)
        if count:
            width = 100 * count / figures.pledges
            name = status.value
            found.append(Segment(name, count, x, width, STATUS_COLOUR[name], STATUS_INK[name]))
            x += width
    return found


@dataclass(frozen=True, slots=True)
class Mark:
    """A point on the timeline: `x` in percent of its width."""

    x: float
    kind: str  # declared | update | due
    colour: str
    label: str


@dataclass(frozen=True, slots=True)
class Timeline:
    rows: list[tuple[str, list[Mark]]]  # declaration label → its marks
    ticks: list[tuple[float, str]]  # x in percent → year
    start: dt.date
    end: dt.date


def timeline(report: Report) -> Timeline | None:
    """When each declaration was made, when its pledges had updates and when they fell due, on one
    time axis that ends on the report's day."""
    end = report.as_of
    events: dict[str, list[tuple[dt.date, str, str, str]]] = {}
    for group in report.declarations:
        if group.date and group.date <= end:
            events.setdefault(group.name, []).append(
                (group.date, "declared", "#222", f"{group.label}: declared {declared(group)}")
            )
    for state in report.pledges:
        entry = state.entry
        for update in entry.pledge.updates:
            if update.date <= end:
                colour = STATUS_COLOUR[update.status] if update.status else "#7a828c"
                note = f": {update.note}" if update.note else ""
                text = f"{entry.id}, {update.date}{f' ({update.status})' if update.status else ''}"
                events.setdefault(entry.declaration, []).append(
                    (update.date, "update", colour, text + note)
                )
        due = entry.pledge.due
        if due and due <= end:
            label = f"{entry.id}: due {due}" + (" (overdue)" if state.overdue else "")
            kind_colour = "#d0342c" if state.overdue else "#7a828c"
            events.setdefault(entry.declaration, []).append((due, "due", kind_colour, label))
    if not events:
        return None
    start = min(date for marks in events.values() for date, *_ in marks)
    span = max((end - start).days, 1)
    pad = span * 0.04

    def x(date: dt.date) -> float:
        return round(100 * (pad + (date - start).days) / (span + 2 * pad), 2)

    labels = {group.name: group.label for group in report.declarations}
    rows = [
        (
            labels.get(slug, slug),
            [Mark(x(d), kind, colour, text) for d, kind, colour, text in found],
        )
        for slug, found in sorted(events.items(), key=lambda item: min(e[0] for e in item[1]))
    ]
    years = list(range(start.year + 1, end.year + 1))
    step = max(1, -(-len(years) // 10))
    ticks = [(x(dt.date(year, 1, 1)), str(year)) for year in years[::step]]
    return Timeline(rows, ticks, start, end)


@functools.cache
def _environment() -> Any:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("tracker", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        auto_reload=False,  # templates are the package's: never changed while tracker runs
        lstrip_blocks=True,
    )
    environment.filters["safe_url"] = safe_url
    environment.filters["share"] = share
    environment.filters["score"] = score
    environment.filters["assessment"] = assessment
    environment.filters["overall_score"] = overall_score
    environment.globals.update(
        plural=plural,
        evidence=evidence,
        score_base=score_base,
        thin_score=thin_score,
        segments=segments,
        colour=STATUS_COLOUR,
        ink=STATUS_INK,
        order=STATUS_ORDER,
        statuses=[status.value for status in Status],
        meaning=STATUS_MEANING,
        version=__version__,
        link_to=lambda kind, name: None,  # the report links to no page of its own
        row_of=None,  # the site passes rows it rendered once
    )
    return environment


def _script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def render(report: Report, changes: Changes | None = None, layout: Layout | None = None) -> str:
    from markupsafe import Markup

    from . import git_changes

    layout = layout or layout_for(report, "html")
    environment = _environment()
    script = environment.loader.get_source(environment, "report.js")[0]
    pledges = sorted(report.pledges, key=lambda state: natural_key(state.entry.id))
    return environment.get_template("report.html.j2").render(
        report=report,
        layout=layout,
        pledges=pledges,
        attention=report.attention if layout.has("attention") else [],
        timeline=timeline(report) if layout.has("timeline") else None,
        undated=report.undated,
        top_rows=TOP_ROWS,
        formula=formula(report.total.assessed),
        assessment_note=ASSESSMENT_NOTE,
        script=Markup(script),  # the package's own file, not data
        script_hash=_script_hash(script),
        changes=changes,
        changes_heading=git_changes.heading(changes) if changes else None,
        changes_counts=git_changes.counts_line(changes) if changes else None,
        moves_parts=git_changes.moves_parts,
    )
