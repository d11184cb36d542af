"""tracker badge"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer

from .common import (
    ActorNarrowing,
    DeclarationNarrowing,
    RootOption,
    Terminal,
    ThemeNarrowing,
    load_catalog,
)


def _file_stem(text: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9._-]*", text):
        raise typer.BadParameter("letters, digits, '.', '_' and '-' only, as in 'pledges'")
    return text


EXAMPLES = (
    "tracker badge --output-dir site",
    'tracker badge -o site --declaration eu-clasi-2023 --name clasi --label "EU–CLASI"',
)


def command(
    output_dir: Annotated[
        Path,
        typer.Option(
            "--output-dir",
            "-o",
            metavar="DIR",
            help="Folder to write the badge files in (made if missing).",
            file_okay=False,
        ),
    ] = Path(),
    name: Annotated[
        str,
        typer.Option(
            "--name",
            callback=_file_stem,
            metavar="NAME",
            help="File name of the badges, without .json or .svg.",
        ),
    ] = "pledges",
    label: Annotated[
        str, typer.Option("--label", metavar="TEXT", help="The badge's left-hand text.")
    ] = "pledges",
    declaration: DeclarationNarrowing = None,
    theme: ThemeNarrowing = None,
    actor: ActorNarrowing = None,
    root: RootOption = None,
) -> None:
    """Write a progress badge as JSON and SVG.

    "pledges: 7/11 completed": NAME.json is for a shields.io endpoint badge, NAME.svg a badge to
    use as it is. Existing badge files are replaced.
    """
    import contextlib

    from ..fsutil import WriteRefused, refuse_data_folder, write_outputs
    from ..render.badge import endpoint, message, svg
    from ..report import Narrowing, build

    if not label.isprintable():  # ESC, a line break: nothing a badge or a terminal should get
        from ..errors import UsageError
        from ..render.controls import visible

        raise UsageError(f"--label: '{visible(label)}' holds a control character")
    terminal = Terminal()
    catalog = load_catalog(root, terminal)
    narrowing = Narrowing(*(tuple(names or ()) for names in (declaration, theme, actor)))
    total = build(catalog, narrowing=narrowing).total
    refuse_data_folder(output_dir, catalog.root)
    made = not output_dir.exists()
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WriteRefused(f"cannot make {output_dir}: {error.strerror or error}") from None
    files = [
        (output_dir / f"{name}{suffix}", text.encode())
        for suffix, text in ((".json", endpoint(total, label)), (".svg", svg(total, label)))
    ]
    try:
        write_outputs(files, data_root=catalog.root)  # both badges, or neither
    except BaseException:
        if made:
            with contextlib.suppress(OSError):
                output_dir.rmdir()
        raise
    for path, _ in files:
        terminal.note(f"wrote {path}")
    terminal.write(f"{label}: {message(total)}\n")
