"""tracker import"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .common import RootOption, Terminal, parse_date, root_of

if TYPE_CHECKING:
    from ..importer import Parsed


class ImportFormat(StrEnum):
    text = "text"
    json = "json"


class Language(StrEnum):
    auto = "auto"
    en = "en"
    da = "da"
    es = "es"
    fr = "fr"
    de = "de"


EXAMPLES = (
    "tracker import declaration.pdf --dry-run",
    "tracker import statement.html --declaration g7-2024 --short 'G7 2024'",
    "tracker import declaration.txt --declaration eu-clasi-2023 --date 2023-09-28",
)


def command(
    file: Annotated[
        str,
        typer.Argument(
            help="The declaration: a text file, a PDF with a text layer, a web page (HTML) or a "
            "Word file (.docx); - reads standard input. The kind is found from the content.",
            metavar="FILE",
            show_default=False,
        ),
    ],
    declaration: Annotated[
        str | None,
        typer.Option(
            "--declaration",
            "-d",
            metavar="SLUG",
            help="Slug of the declaration folder to create, e.g. eu-clasi-2023 "
            "(needed unless --dry-run).",
            show_default=False,
        ),
    ] = None,
    language: Annotated[
        Language,
        typer.Option(
            "--language",
            metavar="LANG",
            help="Language of the text: en, da, es, fr or de; auto detects it.",
        ),
    ] = Language.auto,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="Show the paragraphs found and the drafts proposed; write nothing.",
        ),
    ] = False,
    fmt: Annotated[
        ImportFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="How --dry-run shows the paragraphs: text (a table) or json.",
        ),
    ] = ImportFormat.text,
    title: Annotated[
        str | None,
        typer.Option(
            "--title",
            metavar="TEXT",
            help="The declaration's title (default: the heading the text shows).",
            show_default=False,
        ),
    ] = None,
    short: Annotated[
        str | None,
        typer.Option(
            "--short",
            metavar="TEXT",
            help="The declaration's short name for tables and reports, e.g. 'EU–CLASI 2023'.",
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        dt.date | None,
        typer.Option(
            "--date",
            parser=parse_date,
            metavar="DATE",
            help="The declaration's date, e.g. 2023-09-28, '28 September 2023' or 'September "
            "2023' (kept as 2023-09); 'within six months of this declaration' counts from it.",
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
) -> None:
    """Import a declaration as pledge files.

    Finds the paragraphs (annexes numbered a1, a2, …), tells operative from preambular ones,
    proposes a title, actors and a due date for each operative one, and writes declaration.yaml
    plus one pledge file per operative paragraph: all of them or none, never overwriting.
    Look first with --dry-run.
    """
    from ..importer import describe, draft_all, parse, plan, read_source, record
    from ..render.paragraphs import render_paragraphs, written
    from ..store import write_declaration

    terminal = Terminal()
    if not dry_run and declaration is None:
        raise typer.BadParameter("give the slug to import into", param_hint="'--declaration'")
    data_root = None if dry_run else root_of(root)
    source = read_source(file)
    parsed = parse(source.text, language.value)
    if source.title and not parsed.title:
        parsed = _with_title(parsed, source.title)
    shown = "<stdin>" if file == "-" else file
    for warning in parsed.warnings:
        terminal.warning(f"{shown}: {warning}")
    if dry_run:
        records = [record(draft) for draft in draft_all(parsed, date)]
        terminal.show(render_paragraphs(records, describe(parsed), fmt.value))
        return
    assert declaration is not None and data_root is not None
    name = "standard input" if file == "-" else Path(file).name
    keys, pledges = plan(parsed, source=name, title=title, short=short, date=date)
    terminal.show(written(write_declaration(data_root, declaration, keys, pledges)))


def _with_title(parsed: Parsed, title: str) -> Parsed:
    import dataclasses

    return dataclasses.replace(parsed, title=title)
