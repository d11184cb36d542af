"""tracker report"""

from __future__ import annotations

from .common import RootOption, Terminal, load_catalog


def command(root: RootOption = None) -> None:
    """Summarise progress: pledges by status for each declaration, share completed, overdue
    pledges and the compliance score."""
    from ..render.terminal import summary
    from ..report import summarize

    terminal = Terminal()
    catalog = load_catalog(root, terminal)
    terminal.show(summary(summarize(catalog)))
