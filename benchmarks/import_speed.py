"""The time `tracker import --dry-run` takes on a 200-page PDF, side by side with pypdf alone
extracting the same pages (the floor: no importer can read a PDF faster than its text layer is
extracted). The target is at most 10 s for the import.

    python benchmarks/import_speed.py [PAGES]

The PDF is made by repeating the pages of a real statement from the corpus (with its running
header and page numbers) until it has PAGES pages (200 by default), so that the importer meets
what a long PDF holds: page furniture on every page and numbering that starts again.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from import_accuracy import CORPUS, document_of

SIDECAR = CORPUS / "held-out" / "us-eu-summit-joint-statement-2023-10-20.pdf.json"


def build(source: Path, pages: int, target: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(source)
    writer = PdfWriter()
    while len(writer.pages) < pages:
        for page in reader.pages:
            if len(writer.pages) < pages:
                writer.add_page(page)
    with target.open("wb") as handle:
        writer.write(handle)


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    source = document_of(SIDECAR, {})
    if source is None:
        print(f"{SIDECAR.name[: -len('.json')]} is missing: see benchmarks/corpus/README.md")
        return 1
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "long.pdf"
        build(source, pages, pdf)
        floor = [
            sys.executable,
            "-c",
            "import sys; from pypdf import PdfReader; "
            "[p.extract_text() for p in PdfReader(sys.argv[1]).pages]",
            str(pdf),
        ]
        tracker = [sys.executable, "-m", "tracker", "import", str(pdf), "--dry-run", "-f", "json"]
        runs = [(timed(floor), timed(tracker)) for _ in range(3)]
    extract = min(r[0] for r in runs)
    whole = min(r[1] for r in runs)
    print(
        f"{pages}-page PDF: pypdf alone {extract:.2f} s; tracker import --dry-run {whole:.2f} s "
        f"({whole / extract:.2f}x the extraction); target <= 10 s: "
        f"{'met' if whole <= 10 else 'missed'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
