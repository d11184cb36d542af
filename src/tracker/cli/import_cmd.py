"""tracker import"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .common import RootOption, Terminal, parse_date, root_of


class ImportFormat(StrEnum):
    table = "table"
    json = "json"


class Language(StrEnum):
    auto = "auto"
    en = "en"
    da = "da"
    es = "es"
    fr = "fr"
    de = "de"


def command(
    file: Annotated[
        Path,
        typer.Argument(
            help="The declaration's text: plain text as extracted from a PDF or by OCR.",
            exists=True,
            dir_okay=False,
            show_default=False,
        ),
    ],
    declaration: Annotated[
        str | None,
        typer.Option(
            "--declaration",
            "-d",
            help="Slug of the declaration folder to create, e.g. eu-clasi-2023 "
            "(needed unless --dry-run).",
            show_default=False,
        ),
    ] = None,
    language: Annotated[
        Language, typer.Option("--language", help="Language of the text; auto detects it.")
    ] = Language.auto,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the paragraphs found; write nothing.")
    ] = False,
    fmt: Annotated[
        ImportFormat,
        typer.Option("--format", "-f", help="How --dry-run shows the paragraphs."),
    ] = ImportFormat.table,
    title: Annotated[
        str | None,
        typer.Option("--title", help="The declaration's title (default: the one the text shows)."),
    ] = None,
    date: Annotated[
        dt.date | None,
        typer.Option(
            "--date",
            parser=parse_date,
            metavar="DATE",
            help="The declaration's date, e.g. 2023-09-28, '28 September 2023' or 'September "
            "2023' (kept as 2023-09).",
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
) -> None:
    """Import a declaration's text as pledge files.

    Finds the paragraphs, tells operative from preambular ones, and writes declaration.yaml plus
    one pledge file per operative paragraph (never overwriting). Look first with --dry-run.
    """
    from ..importer import describe, parse, plan, read_text, records, write
    from ..render.paragraphs import render_paragraphs, written

    terminal = Terminal()
    parsed = parse(read_text(file), language.value)
    for warning in parsed.warnings:
        terminal.warning(f"{file}: {warning}")
    if dry_run:
        terminal.show(render_paragraphs(records(parsed), describe(parsed), fmt.value))
        return
    if declaration is None:
        raise typer.BadParameter("give the slug to import into", param_hint="'--declaration'")
    data_root = root_of(root)
    files = plan(
        data_root,
        declaration,
        parsed,
        source=file.name,
        title=title,
        date=date.isoformat() if date else None,
    )
    terminal.show(written(write(files, data_root)))
