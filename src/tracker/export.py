"""Every declaration and pledge in one file: CSV for spreadsheets, JSON, or SQLite for SQL clients.

CSV and JSON are written a pledge at a time, as the pledges are read, so that an export of any
size holds one pledge; the SQLite database is built with the standard library's sqlite3 in a
temporary folder. Each is written in one atomic step; the database's tables are joined by
foreign keys so that Datasette or any SQL client can query it (see README, "tracker export").
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import TrackerError, UsageError
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
    pledges: Iterable[PledgeEntry],
    root: Path,
) -> None:
    for slug in sorted(declarations):
        d = declarations[slug].declaration
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
        if found is None:  # declaration.yaml missing or unreadable: keep the key for the pledges
            db.execute("INSERT OR IGNORE INTO declarations (slug) VALUES (?)", (entry.declaration,))
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
    declarations: Mapping[str, DeclarationEntry], pledges: Iterable[PledgeEntry], root: Path
) -> Iterator[bytes]:
    """The declarations and pledges (paths shown relative to `root`) as the bytes of an SQLite
    database file, in pieces: the database is made in a temporary folder (TMPDIR), so that one
    of any size is never whole in memory, and removed once read."""
    import sqlite3
    import tempfile

    with tempfile.TemporaryDirectory(prefix="tracker-export-") as folder:
        path = Path(folder) / "export.sqlite3"
        db = sqlite3.connect(path)
        try:
            db.execute("PRAGMA foreign_keys = ON")  # a broken reference fails here, not in a client
            db.execute("PRAGMA synchronous = OFF")  # a temporary file: nothing to keep safe
            with db:
                db.executescript(SCHEMA + VIEWS)
                _fill(db, declarations, pledges, root)
        except sqlite3.OperationalError as error:  # the temporary folder full, or read-only
            raise TrackerError(
                f"cannot build the database in the temporary folder: {error} "
                "(set TMPDIR to a folder with room)",
                Path(folder).parent,
            ) from None
        finally:
            db.close()
        with path.open("rb") as handle:
            yield from iter(lambda: handle.read(1 << 20), b"")


def to_json(
    declarations: Mapping[str, DeclarationEntry], pledges: Iterable[PledgeEntry]
) -> Iterator[str]:
    """`{"declarations": [...], "pledges": [...]}` in pieces: each declaration with its slug and
    fields, each pledge as the record that `tracker list --format json` prints followed by
    `latest_note`, `assessment_count` and `score`."""
    from .render.data import json_list

    listed = [
        {"slug": slug, **plain(entry.declaration)} for slug, entry in sorted(declarations.items())
    ]
    yield '{\n  "declarations": '
    yield from json_list(listed, indent=2)
    yield ',\n  "pledges": '
    yield from json_list(map(_record, pledges), indent=2)
    yield "\n}\n"


def _record(entry: PledgeEntry) -> dict[str, Any]:
    p = entry.pledge
    last = p.last_update
    return {
        **pledge_record(entry),
        "latest_note": last.note if last else None,
        "assessment_count": len(p.assessments),
        "score": compliance_score(p.assessments),
    }


def export(
    declarations: Mapping[str, DeclarationEntry],
    pledges: Iterable[PledgeEntry],
    fmt: str,
    *,
    root: Path,
) -> Iterator[bytes]:
    """The declarations and pledges in `fmt` (one of EXPORT_FORMATS), as the bytes of a file in
    pieces, each pledge read as its piece is asked for; pledge paths are written relative to
    `root`."""
    if fmt == "sqlite":
        return to_sqlite(declarations, pledges, root)
    if fmt == "json":
        return (piece.encode("utf-8") for piece in to_json(declarations, pledges))
    if fmt == "csv":
        from .render.pledge_csv import csv_lines

        return (line.encode("utf-8") for line in csv_lines(pledges))
    raise UsageError(f"unknown export format '{fmt}' (one of: {', '.join(EXPORT_FORMATS)})")
