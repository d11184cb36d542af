"""`tracker site OUT/`: plan the pages (tracker.render.site), render those whose inputs changed
since the last build of OUT, and write them through tracker.fsutil."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .fsutil import OutputFolder
from .report import build
from .store import Catalog
from .vocabulary import STALE_DAYS


@dataclass(frozen=True, slots=True)
class Built:
    pages: int  # pages the site has
    written: int  # pages rendered and written this time
    removed: int  # pages of an earlier build no longer made


def build_site(
    catalog: Catalog,
    out: Path,
    *,
    title: str = "Pledge progress",
    as_of: dt.date | None = None,
    stale_days: int = STALE_DAYS,
) -> Built:
    """Write the site of every pledge of `catalog` into `out`; only pages whose inputs changed
    since the build that `out` holds are rendered again."""
    from .render.site import plan

    folder = OutputFolder(out, data_root=catalog.root)
    report = build(catalog, as_of, stale_days=stale_days)
    files: dict[str, tuple[str, bytes | None]] = {}
    for page in plan(report, title):
        fresh = folder.current(page.path, page.key)
        files[page.path] = (page.key, None if fresh else page.make().encode("utf-8"))
    written, removed = folder.write_all(files)
    return Built(len(files), written, removed)
