"""The store: the one door between tracker and the disk.

Everything above it (query, validate, report, render, cli) asks the store for data and hands it
changes; nothing else opens a data file, the index or a lock. The public API:

- finding the data: `find_root`, `resolve` (an id to a pledge file), `scan` (the layout);
- reading: `load` (every declaration and pledge, a `Catalog`), `find` (the pledges a
  `query.Query` keeps, sorted, evaluated by the index), `load_pledge`, `read_declaration`, and
  a declaration's kept sources (`read_source`, `kept_source_files`);
- writing, each checked as `tracker validate` checks before it replaces a file:
  `modify_pledge`, `record_update`, `record_link`, `record_assessment`, `new_pledge`,
  `new_declaration`, `write_declaration` (a whole declaration, all or nothing).

Reads go through the index (`tracker.store.index`), a SQLite database in the user's cache folder
(`cache_folder`) that keeps what reading each file gave; writes (`tracker.store.write`) import
ruamel.yaml and PyYAML, and are imported only when first used, so that a warm read never pays for
them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .index import cache_folder
from .read import (
    DATA_FOLDER,
    MAX_SOURCE_BYTES,
    ROOT_ENV,
    Catalog,
    Found,
    Layout,
    PledgeFile,
    file_name,
    find,
    find_each,
    find_root,
    kept_source_files,
    load,
    load_pledge,
    pledge_from_text,
    read_declaration,
    read_pledge,
    read_source,
    read_text,
    resolve,
    resolve_related,
    scan,
    source_path,
    suggest,
)

if TYPE_CHECKING:
    from . import yamlfile
    from .write import (
        Change,
        Created,
        PledgeDocument,
        check_pledge_text,
        decode_text,
        encode_like,
        keep_unchanged_lines,
        modify_pledge,
        new_declaration,
        new_pledge,
        next_number,
        read_file,
        record_assessment,
        record_link,
        record_update,
        replace_pledge,
        write_declaration,
    )


def __getattr__(name: str) -> Any:
    """The writing half of the API, imported on first use (it imports PyYAML at once)."""
    from importlib import import_module

    if name in ("write", "yamlfile"):  # `from . import yamlfile` asks here before importing it
        return import_module(f"{__name__}.{name}")
    if name in __all__:  # a name of the API not imported above is the writer's
        return getattr(import_module(f"{__name__}.write"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DATA_FOLDER",
    "MAX_SOURCE_BYTES",
    "ROOT_ENV",
    "Catalog",
    "Change",
    "Created",
    "Found",
    "Layout",
    "PledgeDocument",
    "PledgeFile",
    "cache_folder",
    "check_pledge_text",
    "decode_text",
    "encode_like",
    "file_name",
    "find",
    "find_each",
    "find_root",
    "keep_unchanged_lines",
    "kept_source_files",
    "load",
    "load_pledge",
    "modify_pledge",
    "new_declaration",
    "new_pledge",
    "next_number",
    "pledge_from_text",
    "read_declaration",
    "read_file",
    "read_pledge",
    "read_source",
    "read_text",
    "record_assessment",
    "record_link",
    "record_update",
    "replace_pledge",
    "resolve",
    "resolve_related",
    "scan",
    "source_path",
    "suggest",
    "write_declaration",
    "yamlfile",
]
