"""Write N synthetic pledges in tracker's layout, for the benchmarks.

    python benchmarks/generate.py 10000 /tmp/bench-10000

makes DIR/commitments/ with one declaration folder per 100 pledges, each pledge about 1 KB of
YAML with a summary, actors, themes, a due date, related ids, links, dated updates and sometimes
assessments. A fixed seed makes the same N give the same files on every machine. The data is
valid: `tracker validate` finds no errors in it (only the warnings real data has, such as
completed pledges without evidence).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
from pathlib import Path

PER_DECLARATION = 100
SEED = 20240314

STATUSES = (
    ("unassessed", 25),
    ("not-started", 10),
    ("in-progress", 30),
    ("partial", 12),
    ("completed", 15),
    ("stalled", 5),
    ("dropped", 3),
)
# The statuses an update may carry on the way to the pledge's current one.
PATH_TO = {
    "not-started": ("not-started",),
    "in-progress": ("in-progress",),
    "partial": ("in-progress", "partial"),
    "completed": ("in-progress", "partial", "completed"),
    "stalled": ("in-progress", "stalled"),
    "dropped": ("in-progress", "stalled", "dropped"),
}
THEMES = (
    "drugs",
    "firearms",
    "migrant-smuggling",
    "trafficking-in-human-beings",
    "cybercrime",
    "money-laundering",
    "corruption",
    "terrorism",
    "border-management",
    "ports",
    "information-exchange",
    "threat-assessment",
    "judicial-cooperation",
    "training",
    "victims",
    "prisons",
)
ACTORS = (
    "Europol",
    "Eurojust",
    "Frontex",
    "CEPOL",
    "EU member states",
    "European Commission",
    "Council of the EU",
    "CLASI member states",
    "AMERIPOL",
    "Western Balkans partners",
    "Morocco",
    "Tunisia",
    "Egypt",
    "Spain",
    "Italy",
    "France",
    "Germany",
    "UNODC",
    "Interpol",
)
VERBS = (
    "Set up",
    "Step up",
    "Coordinate",
    "Fund",
    "Support",
    "Review",
    "Extend",
    "Launch",
    "Strengthen",
    "Evaluate",
)
OBJECTS = (
    "joint investigation teams",
    "the exchange of passenger data",
    "a regional training programme",
    "controls at container ports",
    "the threat assessment cycle",
    "asset recovery offices",
    "a liaison officer network",
    "witness protection arrangements",
    "the operational task force",
    "data protection safeguards",
)
TEXT = (
    "ministers agree to cooperate closely on operational matters and to share information with "
    "the agencies concerned while respecting fundamental rights and the rule of law they invite "
    "the partners to report on progress at the next meeting and to involve civil society where "
    "appropriate the measures shall build on existing instruments and avoid duplication"
)
WORDS = TEXT.split()
KINDS = ("follow-up", "evidence", "news", "source")


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([p[0] for p in pairs], [p[1] for p in pairs])[0]


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _folded(key: str, text: str, indent: str) -> str:
    """`key: >-` with the text wrapped at about 96 columns, as people write long values."""
    lines, line = [], ""
    for word in text.split():
        if line and len(indent) + 2 + len(line) + 1 + len(word) > 96:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    body = "".join(f"{indent}  {item}\n" for item in lines)
    return f"{indent}{key}: >-\n{body}"


def _date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(max(1, (end - start).days)))


def pledge_text(rng: random.Random, slug: str, number: int, signed: dt.date) -> str:
    status = _weighted(rng, STATUSES)
    title = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} ({slug.split('-')[0]} {number})"
    actors = rng.sample(ACTORS, rng.randint(1, 3))
    themes = rng.sample(THEMES, rng.randint(1, 3))
    out = [f"title: {title}\n", _folded("summary", _sentence(rng, rng.randint(45, 70)), "")]
    if rng.random() < 0.3:
        out.append("original:\n  language: en\n")
        out.append(_folded("text", _sentence(rng, rng.randint(25, 45)), "  "))
    out.append(f"status: {status}\n")
    out.append(f"actors: [{', '.join(actors)}]\n")
    out.append(f"themes: [{', '.join(themes)}]\n")
    if rng.random() < 0.7:
        due = _date(rng, signed + dt.timedelta(days=180), signed + dt.timedelta(days=2200))
        out.append(f"due: {due.isoformat()}\n")
    others = [n for n in range(1, PER_DECLARATION + 1) if n != number]
    if rng.random() < 0.4:
        related = sorted(rng.sample(others, rng.randint(1, 2)))
        out.append(f"related: [{', '.join(f'{slug}-{n:03d}' for n in related)}]\n")
    links = rng.randint(0, 2) + (status == "completed")
    if links:
        out.append("links:\n")
        for index in range(links):
            kind = "evidence" if status == "completed" and index == 0 else rng.choice(KINDS)
            out.append(f"  - url: https://example.org/{slug}/{number}/{index}\n")
            out.append(f"    title: {_sentence(rng, 5)}\n")
            out.append(f"    kind: {kind}\n")
    steps = list(PATH_TO.get(status, ()))
    if status == "unassessed":
        steps = []
    notes = len(steps) + rng.randint(0, 2)
    if notes:
        out.append("updates:\n")
        day = signed
        # Notes without a status first, then the statuses in order, so that the newest status
        # is the current one.
        for index in range(notes):
            day = _date(rng, day + dt.timedelta(days=20), day + dt.timedelta(days=200))
            day = min(day, dt.date(2025, 12, 31))
            carries = index >= notes - len(steps)
            out.append(f"  - date: {day.isoformat()}\n")
            if carries:
                out.append(f"    status: {steps[index - (notes - len(steps))]}\n")
            out.append(f"    note: {_sentence(rng, rng.randint(8, 16))}\n")
            if rng.random() < 0.3:
                out.append(f"    links: [https://example.org/{slug}/{number}/u{index}]\n")
    if status != "unassessed" and rng.random() < 0.2:
        out.append("assessments:\n")
        for actor in actors[:2]:
            out.append(f"  - actor: {actor}\n    score: {rng.choice((-1, 0, 1))}\n")
    return "".join(out)


def declaration_text(rng: random.Random, index: int, signed: dt.date) -> str:
    return (
        f"title: Joint declaration number {index} of the interior ministers\n"
        f"short: Declaration {index}\n"
        f"date: {signed.isoformat()}\n"
        f"venue: {rng.choice(('Brussels', 'Madrid', 'Rome', 'Rabat', 'Tirana', 'Panama'))}\n"
        "parties: [EU member states, partner countries]\n"
        "language: en\n"
        "numbering: printed\n"
        "sources:\n"
        f"  - title: Council document {index}\n"
        f"    url: https://example.org/declarations/{index}\n"
    )


def generate(count: int, target: Path, seed: int = SEED) -> Path:
    """Write `count` pledges under `target`/commitments (replacing what is there); return it."""
    rng = random.Random(seed)
    root = target / "commitments"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    declarations = (count + PER_DECLARATION - 1) // PER_DECLARATION
    written = 0
    for index in range(1, declarations + 1):
        signed = _date(rng, dt.date(2015, 1, 1), dt.date(2024, 6, 30))
        slug = f"decl-{signed.year}-{index:04d}"
        folder = root / slug
        folder.mkdir()
        (folder / "declaration.yaml").write_text(declaration_text(rng, index, signed), "utf-8")
        for number in range(1, PER_DECLARATION + 1):
            if written == count:
                break
            text = pledge_text(rng, slug, number, signed)
            (folder / f"{number:03d}.yaml").write_text(text, "utf-8")
            written += 1
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="how many pledges")
    parser.add_argument("target", type=Path, help="folder to write commitments/ into")
    parser.add_argument("--seed", type=int, default=SEED, help="random seed (default: %(default)s)")
    args = parser.parse_args(argv)
    root = generate(args.count, args.target, args.seed)
    print(f"{args.count} pledges in {root}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
