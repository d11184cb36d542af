"""Every declaration and pledge in one file: CSV for spreadsheets, JSON, or SQLite for SQL clients.

The SQLite database is built in memory with the standard library's sqlite3 and written in one
atomic step; its tables are joined by foreign keys so that Datasette or any SQL client can
query it (see README, "tracker export").
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import UsageError
from .model import DeclarationEntry, PledgeEntry, compliance_score, plain, pledge_record
from .query import last_activity
from .vocabulary import CLOSED_STATUSES, DUE_SOON_DAYS, STALE_DAYS

if TYPE_CHECKING:
    import sqlite3

EXPORT_FORMATS = ("csv", "json", "sqlite")

# Lists inside a row (themes, parties, an update's links) are JSON arrays, which Datasette
# facets and SQLite's json_each() reads.
SCHEMA = """
CREATE TABLE declarations (
    slug TEXT PRIMARY KEY,
    title TEXT,
    short TEXT,
    date TEXT,
    venue TEXT,
    parties TEXT,
    language TEXT,
    numbering TEXT,
    sources TEXT,
    related TEXT,
    notes TEXT
);
CREATE TABLE pledges (
    id TEXT PRIMARY KEY,
    declaration TEXT NOT NULL REFERENCES declarations(slug),
    number TEXT NOT NULL,
    title TEXT NOT NULL,
    status TEXT NOT NULL,
    summary TEXT,
    original_language TEXT,
    original_text TEXT,
    due TEXT,
    themes TEXT NOT NULL,
    related TEXT NOT NULL,
    path TEXT NOT NULL,
    latest_note TEXT,
    last_activity TEXT,
    assessment_count INTEGER NOT NULL,
    score REAL
);
CREATE TABLE updates (
    id INTEGER PRIMARY KEY,
    pledge TEXT NOT NULL REFERENCES pledges(id),
    position INTEGER NOT NULL,
    date TEXT NOT NULL,
    status TEXT,
    note TEXT,
    links TEXT NOT NULL
);
CREATE TABLE links (
    id INTEGER PRIMARY KEY,
    pledge TEXT NOT NULL REFERENCES pledges(id),
    position INTEGER NOT NULL,
    url TEXT NOT NULL,
    title TEXT,
    kind TEXT
);
CREATE TABLE actors (
    pledge TEXT NOT NULL REFERENCES pledges(id),
    position INTEGER NOT NULL,
    actor TEXT NOT NULL,
    PRIMARY KEY (pledge, position)
);
CREATE TABLE themes (
    pledge TEXT NOT NULL REFERENCES pledges(id),
    position INTEGER NOT NULL,
    theme TEXT NOT NULL,
    PRIMARY KEY (pledge, position)
);
CREATE TABLE assessments (
    id INTEGER PRIMARY KEY,
    pledge TEXT NOT NULL REFERENCES pledges(id),
    position INTEGER NOT NULL,
    actor TEXT NOT NULL,
    score INTEGER NOT NULL,
    date TEXT,
    note TEXT,
    links TEXT NOT NULL
);
CREATE INDEX updates_pledge ON updates(pledge);
CREATE INDEX links_pledge ON links(pledge);
CREATE INDEX actors_actor ON actors(actor);
CREATE INDEX themes_theme ON themes(theme);
CREATE INDEX assessments_pledge ON assessments(pledge);
"""

# The views count days to the day the database is queried (SQLite's `date('now', 'localtime')`),
# by the rules of `tracker list`: overdue is past its due date and still open; stale is open with
# no news (`last_activity`) for STALE_DAYS days or more, or with no date to count from; attention
# is either, or open and due within DUE_SOON_DAYS (`list --attention`).
_TODAY = "date('now', 'localtime')"
_OPEN = "status NOT IN ({})".format(", ".join(f"'{s}'" for s in sorted(CLOSED_STATUSES)))
_OVERDUE = f"(due < {_TODAY} AND {_OPEN})"
_QUIET = f"CAST(julianday({_TODAY}) - julianday(last_activity) AS INTEGER)"
_STALE = f"({_OPEN} AND (last_activity IS NULL OR {_QUIET} >= {STALE_DAYS}))"
_SOON = f"(due >= {_TODAY} AND due <= date({_TODAY}, '+{DUE_SOON_DAYS} days') AND {_OPEN})"
VIEWS = f"""
CREATE VIEW overdue AS
SELECT id, declaration, title, status, due,
       CAST(julianday({_TODAY}) - julianday(due) AS INTEGER) AS days_overdue
FROM pledges WHERE {_OVERDUE};
CREATE VIEW stale AS
SELECT id, declaration, title, status, last_activity, {_QUIET} AS quiet_days
FROM pledges WHERE {_STALE};
CREATE VIEW attention AS
SELECT id, declaration, title, status, due, last_activity,
       CASE WHEN {_OVERDUE} THEN 'overdue' WHEN {_STALE} THEN 'stale' ELSE 'due soon' END
           AS reason
FROM pledges WHERE {_OVERDUE} OR {_STALE} OR {_SOON};
"""


def _array(values: Sequence[Any]) -> str:
    return json.dumps(plain(values), ensure_ascii=False)


def _text(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _fill(
    db: sqlite3.Connection,
    declarations: Mapping[str, DeclarationEntry],
    pledges: Sequence[PledgeEntry],
    root: Path,
) -> None:
    slugs = sorted(set(declarations) | {e.declaration for e in pledges})
    for slug in slugs:
        found = declarations.get(slug)
        if found is None:  # declaration.yaml missing or unreadable: keep the key for the pledges
            db.execute("INSERT INTO declarations (slug) VALUES (?)", (slug,))
            continue
        d = found.declaration
        db.execute(
            "INSERT INTO declarations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                slug,
                d.title,
                d.short,
                _text(d.date),
                d.venue,
                _array(d.parties),
                d.language,
                d.numbering,
                _array(d.sources),
                _array(d.related),
                d.notes,
            ),
        )
    for entry in pledges:
        found = declarations.get(entry.declaration)
        _insert_pledge(db, entry, root, found.declaration.date if found else None)


def _insert_pledge(
    db: sqlite3.Connection, entry: PledgeEntry, root: Path, declared: dt.date | None
) -> None:
    p = entry.pledge
    original = p.original
    last = p.last_update
    db.execute(
        "INSERT INTO pledges VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            entry.id,
            entry.declaration,
            entry.number,
            p.title,
            p.status,
            p.summary,
            original.language if original else None,
            original.text if original else None,
            _text(p.due),
            _array(p.themes),
            _array(p.related),
            entry.path.relative_to(root).as_posix(),
            last.note if last else None,
            _text(last_activity(entry, declared)),
            len(p.assessments),
            compliance_score(p.assessments),
        ),
    )
    db.executemany(
        "INSERT INTO updates (pledge, position, date, status, note, links) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            (entry.id, i, u.date.isoformat(), u.status, u.note, _array(u.links))
            for i, u in enumerate(p.updates, 1)
        ],
    )
    db.executemany(
        "INSERT INTO links (pledge, position, url, title, kind) VALUES (?, ?, ?, ?, ?)",
        [(entry.id, i, link.url, link.title, link.kind) for i, link in enumerate(p.links, 1)],
    )
    db.executemany(
        "INSERT INTO actors (pledge, position, actor) VALUES (?, ?, ?)",
        [(entry.id, i, actor) for i, actor in enumerate(p.actors, 1)],
    )
    db.executemany(
        "INSERT INTO themes (pledge, position, theme) VALUES (?, ?, ?)",
        [(entry.id, i, theme) for i, theme in enumerate(p.themes, 1)],
    )
    db.executemany(
        "INSERT INTO assessments (pledge, position, actor, score, date, note, links) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (entry.id, i, a.actor, a.score, _text(a.date), a.note, _array(a.links))
            for i, a in enumerate(p.assessments, 1)
        ],
    )


def to_sqlite(
    declarations: Mapping[str, DeclarationEntry], pledges: Sequence[PledgeEntry], root: Path
) -> bytes:
    """The declarations and pledges (paths shown relative to `root`) as the bytes of an SQLite
    database file."""
    import sqlite3

    db = sqlite3.connect(":memory:")
    try:
        db.execute("PRAGMA foreign_keys = ON")  # a broken reference fails here, not in a client
        with db:
            db.executescript(SCHEMA + VIEWS)
            _fill(db, declarations, pledges, root)
        return db.serialize()
    finally:
        db.close()


def to_json(declarations: Mapping[str, DeclarationEntry], pledges: Sequence[PledgeEntry]) -> str:
    """`{"declarations": [...], "pledges": [...]}`: each declaration with its slug and fields,
    each pledge as the record that `tracker list --format json` prints followed by
    `latest_note`, `assessment_count` and `score`."""
    from .render.data import json_list

    listed = [
        {"slug": slug, **plain(entry.declaration)} for slug, entry in sorted(declarations.items())
    ]
    # As render.data.to_json writes the object, a pledge at a time (no list of every record).
    return "".join(
        [
            '{\n  "declarations": ',
            *json_list(listed, indent=2),
            ',\n  "pledges": ',
            *json_list(map(_record, pledges), indent=2),
            "\n}\n",
        ]
    )


def _record(entry: PledgeEntry) -> dict[str, Any]:
    p = entry.pledge
    last = p.last_update
    return {
        **pledge_record(entry),
        "latest_note": last.note if last else None,
        "assessment_count": len(p.assessments),
        "score": compliance_score(p.assessments),
    }


def to_csv(pledges: Sequence[PledgeEntry]) -> str:
    """Every pledge as a CSV row, as `tracker list --format csv` prints it."""
    from .render.pledge_csv import as_csv

    return as_csv(pledges)


def export(
    declarations: Mapping[str, DeclarationEntry],
    pledges: Sequence[PledgeEntry],
    fmt: str,
    *,
    root: Path,
) -> bytes:
    """The declarations and pledges in `fmt` (one of EXPORT_FORMATS), as the bytes of a file;
    pledge paths are written relative to `root`."""
    if fmt == "sqlite":
        return to_sqlite(declarations, pledges, root)
    if fmt == "json":
        return to_json(declarations, pledges).encode("utf-8")
    if fmt == "csv":
        return to_csv(pledges).encode("utf-8")
    raise UsageError(f"unknown export format '{fmt}' (one of: {', '.join(EXPORT_FORMATS)})")
