"""Output formats: one place that turns pledges, problems and reports into text.

Renderers return text (JSON, CSV, Markdown, ids) or, for the terminal, a rich renderable that
the command line prints; they never print themselves. rich is imported only by the terminal
renderers.
"""

from __future__ import annotations

import os
from pathlib import Path


def display_path(path: Path, base: Path | None = None) -> str:
    """`path` relative to the working directory when it lies below it, as CI annotations and
    editors expect (`commitments/x/7.yaml`), else absolute."""
    base = base or Path.cwd()
    try:
        return str(path.relative_to(base))
    except ValueError:
        try:
            relative = os.path.relpath(path, base)
        except ValueError:  # another drive on Windows
            return str(path)
        return str(path) if relative.startswith(os.pardir + os.sep + os.pardir) else relative
