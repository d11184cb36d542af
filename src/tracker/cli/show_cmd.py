"""tracker show"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .common import PledgeArgument, RootOption, ShowFormat, Terminal, parse_as_of, root_of

EXAMPLES = (
    "tracker show eu-clasi-2023-20",
    "tracker show clasi-2023-20 --format json",
    "tracker show clasi-2023-20 --source",
)

if TYPE_CHECKING:
    from ..model import DeclarationEntry, PledgeEntry


def command(
    pledge: PledgeArgument,
    fmt: Annotated[
        ShowFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="text for people; json or yaml: the record of list --format json, with the "
            "related pledges' titles and statuses.",
        ),
    ] = ShowFormat.text,
    as_of: Annotated[
        dt.date | None,
        typer.Option(
            "--as-of",
            parser=parse_as_of,
            metavar="DATE",
            help="Count the days overdue as of this day instead of today; a month or a year "
            "means its last day.",
            show_default=False,
        ),
    ] = None,
    source: Annotated[
        bool,
        typer.Option(
            "--source",
            help="Print the original text where it stands in the declaration's kept source, "
            "with the paragraph before and after.",
        ),
    ] = False,
    root: RootOption = None,
) -> None:
    """Show one pledge in full.

    Summary, status and its meaning, actors, themes, due date, updates (newest first), links by
    kind, assessments, related pledges with their titles and statuses, and the original text.
    Values that no source states are marked (inferred), with their basis.
    """
    from ..render.pledges import render_pledge
    from ..store import load_pledge, read_declaration, resolve_related

    terminal = Terminal()
    data_root = root_of(root)
    entry = load_pledge(data_root, pledge)
    declaration_file = data_root / entry.declaration / "declaration.yaml"
    declaration, _ = read_declaration(entry.declaration, declaration_file)
    label = declaration.label if declaration else entry.declaration
    if source:
        terminal.show(_in_source(data_root, entry, declaration))
        return
    related = resolve_related(data_root, entry.pledge.related)
    rich_text = fmt is ShowFormat.text and terminal.is_terminal
    terminal.show(
        render_pledge(
            entry,
            fmt.value,
            label=label,
            related=related,
            today=as_of or dt.date.today(),
            terminal=rich_text,
            declaration=declaration.declaration if declaration else None,
        )
    )


def _in_source(data_root: Path, entry: PledgeEntry, declaration: DeclarationEntry | None) -> str:
    """The quotation in its kept source's context; a TrackerError when it cannot be shown."""
    from .. import provenance
    from ..errors import NotFound
    from ..render.sources import source_context
    from ..store import read_source

    if entry.pledge.original is None:
        raise NotFound(f"{entry.id} has no original text to look for", path=entry.path)
    kept = [s for s in declaration.declaration.sources if s.file] if declaration else []
    if declaration is None or not kept:
        raise NotFound(
            f"{entry.id}: its declaration keeps no source (a sources entry with a 'file')",
            path=declaration.path if declaration else None,
        )
    texts = [
        provenance.kept(s.file, read_source(data_root, declaration.path, s.file), s.corrections)  # type: ignore[arg-type]
        for s in kept
    ]
    found = provenance.find(entry.pledge.original.text, texts)
    if found is None:
        raise NotFound(
            f"{entry.id}: the original text is not in the kept source (tracker validate says "
            "where it differs)",
            path=entry.path,
        )
    origin = kept[texts.index(found.source)]
    described = ", ".join(
        part
        for part in (origin.title, origin.publisher, origin.date and origin.date.isoformat())
        if part
    )
    return source_context(
        entry.id,
        found.source.name,
        found.first,
        found.last,
        described,
        len(origin.corrections),
        provenance.paragraphs(found.source, found.first, found.last),
    )
