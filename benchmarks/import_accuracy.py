"""How well `tracker import` reads real declarations: paragraph numbers found and kinds right.

    python benchmarks/import_accuracy.py            # both sets, a line per document
    python benchmarks/import_accuracy.py --json     # the same as JSON
    python benchmarks/import_accuracy.py --set tuning   # one set only (develop on this one)

The corpus is `benchmarks/corpus/`: each document (text, PDF or web page) has a sidecar
`<document>.json` naming its origin (title, publisher, URL, date, the repository it was taken
from) and the paragraphs a person numbered and classified by hand (`number`, `kind`, and the
words it `starts` with). `tuning/` holds the documents the importer was developed against;
`held-out/` holds documents kept apart: they were labelled before the importer was run on them
and nothing was changed to fit them. A document whose sidecar has `error` must be refused with a
line containing that text.

A paragraph counts as right when the importer gives the expected number, the expected kind, and
a text that starts with the expected words. Paragraphs the importer numbers that the hand has
not are wrong too: accuracy = right / (expected + extra). Unnumbered lead-ins and chapeaux are
not counted. The target is 95% on each set.

The documents that this project did not write are not in the repository (see the corpus
README, "Where the documents are"): each is looked for beside its sidecar, then in the folder
that `$TRACKER_CORPUS_DOCUMENTS` names (else `../shared/corpus/` beside the repository), under
the same `tuning/` or `held-out/`. A document found in neither is listed as missing and not
scored.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
SETS = ("tuning", "held-out")
DOCUMENTS_ENV = "TRACKER_CORPUS_DOCUMENTS"


def documents_folder() -> Path:
    """Where the corpus's documents taken from public repositories are kept, outside it."""
    given = os.environ.get(DOCUMENTS_ENV)
    return Path(given) if given else CORPUS.parents[2] / "shared" / "corpus"


def document_of(sidecar: Path, expected: dict) -> Path | None:
    """The document a sidecar describes: beside it, else in `documents_folder()`; None if in
    neither."""
    name = expected.get("document", sidecar.name[: -len(".json")])
    for folder in (sidecar.parent, documents_folder() / sidecar.parent.name):
        if (folder / name).is_file():
            return folder / name
    return None


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def score(document: Path, expected: dict) -> dict:
    """The importer's result on one document against the hand's."""
    from tracker.errors import TrackerError
    from tracker.importer import parse, read_source

    try:
        found = parse(read_source(document).text)
    except TrackerError as error:
        wanted = expected.get("error")
        ok = bool(wanted) and wanted in error.message
        return {"right": int(ok), "total": 1, "errors": [] if ok else [error.message]}
    if expected.get("error"):
        return {
            "right": 0,
            "total": 1,
            "errors": [f"read, but should be refused: {expected['error']}"],
        }
    got = {p.number: p for p in found.paragraphs if p.number}
    right, errors = 0, []
    for want in expected["paragraphs"]:
        paragraph = got.pop(want["number"], None)
        if paragraph is None:
            errors.append(f"{want['number']}: not found")
        elif paragraph.kind != want["kind"]:
            errors.append(f"{want['number']}: {paragraph.kind}, not {want['kind']}")
        elif not _words(paragraph.text).startswith(_words(want["starts"])):
            errors.append(f"{want['number']}: starts '{paragraph.text[:40]}'")
        else:
            right += 1
    errors += [f"{number}: not in the text as numbered by hand" for number in got]
    return {"right": right, "total": len(expected["paragraphs"]) + len(got), "errors": errors}


def run(sets: tuple[str, ...] = SETS) -> dict:
    results: dict = {}
    for name in sets:
        rows, missing = [], []
        for sidecar in sorted((CORPUS / name).glob("*.json")):
            expected = json.loads(sidecar.read_text(encoding="utf-8"))
            document = document_of(sidecar, expected)
            if document is None:
                missing.append(sidecar.name[: -len(".json")])
                continue
            rows.append({"document": sidecar.name[: -len(".json")], **score(document, expected)})
        right = sum(r["right"] for r in rows)
        total = sum(r["total"] for r in rows)
        results[name] = {
            "documents": rows,
            "missing": missing,
            "right": right,
            "total": total,
            "accuracy": right / total if total else 0.0,
        }
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--set", choices=SETS, help="score one set only")
    options = parser.parse_args()
    results = run((options.set,) if options.set else SETS)
    if options.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return 0
    for name, result in results.items():
        print(
            f"{name}: {result['right']}/{result['total']} paragraphs right "
            f"({result['accuracy']:.1%}), target 95%"
            + (f"; missing, not scored: {len(result['missing'])}" if result["missing"] else "")
        )
        for row in result["documents"]:
            share = row["right"] / row["total"] if row["total"] else 0
            print(f"  {share:6.1%}  {row['right']:3d}/{row['total']:<3d} {row['document']}")
            for error in row["errors"][:8]:
                print(f"           {error}")
        for document in result["missing"]:
            where = f"{CORPUS / name} nor {documents_folder() / name}"
            print(f"  missing  {document} (in neither {where})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
