"""The importer's real documents (benchmarks/corpus/): a test that reads one asks `corpus` for it.

The documents this project did not write are kept outside the repository (see the corpus
README, "Where the documents are"); where they are not, a test of one is skipped, saying which
document it needs and where it looked.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus"
DOCUMENTS_ENV = "TRACKER_CORPUS_DOCUMENTS"  # as benchmarks/import_accuracy.py reads it


def corpus_document(relative: str) -> Path:
    """The corpus document `relative` (`tuning/…` or `held-out/…`): beside its sidecar, else in
    the folder $TRACKER_CORPUS_DOCUMENTS names (else ../shared/corpus beside the repository);
    skips the test when it is in neither."""
    given = os.environ.get(DOCUMENTS_ENV)
    outside = Path(given) if given else CORPUS.parents[2] / "shared" / "corpus"
    for folder in (CORPUS, outside):
        if (folder / relative).is_file():
            return folder / relative
    pytest.skip(f"{relative} is in neither {CORPUS} nor {outside}: see benchmarks/corpus/README.md")


@pytest.fixture
def corpus() -> Callable[[str], Path]:
    return corpus_document
