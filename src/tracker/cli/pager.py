"""Output taller than the terminal goes through a pager, as git's does: TRACKER_PAGER, else
PAGER, else `less -FRX` (which quits at once when the text fits, keeps colours and leaves the
text on the screen); an empty one or `cat` means none. Never when stdout is not a terminal, and
never with --no-pager."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Mapping
from contextvars import ContextVar

DEFAULT_PAGER = "less -FRX"

# Set for each run by the app's callback from --no-pager.
_paging: ContextVar[bool] = ContextVar("paging", default=True)


def use_pager(enabled: bool) -> None:
    _paging.set(enabled)


def stdout_is_terminal() -> bool:
    """Is stdout a terminal itself (not a pipe that rich is told to treat as one)?"""
    try:
        return os.isatty(sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        return False


def pager_command(env: Mapping[str, str], *, to_terminal: bool, wanted: bool = True) -> str | None:
    """The command to page with, or None for none."""
    if not to_terminal or not wanted:
        return None
    for name in ("TRACKER_PAGER", "PAGER"):
        if name in env:
            command = env[name].strip()
            return None if command in ("", "cat") else command
    # The default only where it can run: without less, the text is printed as it is.
    return DEFAULT_PAGER if shutil.which(shlex.split(DEFAULT_PAGER)[0]) else None


def chosen_pager() -> str | None:
    """The pager of this run: see pager_command."""
    return pager_command(os.environ, to_terminal=stdout_is_terminal(), wanted=_paging.get())


def page(text: str, command: str) -> bool:
    """Give `text` to the pager `command` (run by the shell, as git does) and wait for it to
    end; False when it cannot be started (the caller then prints the text itself)."""
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")  # as git: a pager named without options still behaves
    sys.stdout.flush()
    try:
        process = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    assert process.stdin is not None
    try:
        process.stdin.write(text.encode("utf-8", "replace"))
        process.stdin.close()
    except BrokenPipeError:  # the reader quit before the end: nothing more to say
        pass
    while True:
        try:
            process.wait()
            return True
        except KeyboardInterrupt:  # Ctrl-C is the pager's to handle, as in git
            continue
