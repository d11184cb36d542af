"""Where a quotation stands in a kept source: the matching behind `validate`'s provenance check
and `show --source`.

A quotation (a pledge's `original.text`) is found in a source when its words appear there in the
same order, with the same letters and punctuation; only the spacing may differ (line breaks,
blank lines, runs of spaces) and a word may be split at a line end by a hyphen (`EU-` / `trussels-`
at the end of one line, the rest on the next). OCR repairs are never guessed: the declaration lists
them as `corrections` (`"feelles → fælles"`), and they are applied to the source, whole words
only, before it is searched. A part of a quotation in square brackets is the editor's context
(`[commit to] increase cooperation …`): it must appear in the source too, but need not stand next
to the rest.

Nothing here reads a file: the store reads kept sources (`store.read_source`), and this module
works on their text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .model import parse_correction

# A hyphen at a line end, then the rest of the word at the start of a later line.
_LINE_END_BREAK = r"(?:-[ \t]*\r?\n\s*)?"
_AFTER_HYPHEN = r"(?:[ \t]*\r?\n\s*)?"
_BRACKETED = re.compile(r"\[([^\[\]]*)\]")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Kept:
    """A kept source's text after its declared corrections, and what each correction changed."""

    name: str  # how messages name it: its path relative to the data folder
    raw: str  # as kept
    text: str  # with the corrections applied; the same lines as `raw`
    unused: tuple[str, ...]  # corrections that changed nothing

    def line_of(self, offset: int) -> int:
        """The 1-based line of character `offset` of `text`."""
        return self.text.count("\n", 0, offset) + 1


@dataclass(frozen=True, slots=True)
class Found:
    """Where a quotation stands in a kept source: its first and last line."""

    source: Kept
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class Closest:
    """The passage of a source most like a quotation that is not in it, and the first word
    where they part."""

    source: Kept
    first: int
    last: int
    passage: str  # its words around the first difference
    difference: str


def kept(name: str, raw: str, corrections: Sequence[str] = ()) -> Kept:
    """Source text `raw` with `corrections` applied (each `as kept → as meant`, whole words)."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n"))
    unused = []
    for correction in corrections:
        wrong, right = parse_correction(correction)
        pattern = re.compile(rf"(?<!\w){re.escape(unicodedata.normalize('NFC', wrong))}(?!\w)")
        text, count = pattern.subn(right.replace("\\", "\\\\"), text)
        if not count:
            unused.append(correction)
    return Kept(name, raw, text, tuple(unused))


def parts(quotation: str) -> list[tuple[str, bool]]:
    """The quotation's parts in order: (text, True) for editor's context in square brackets."""
    result: list[tuple[str, bool]] = []
    at = 0
    for match in _BRACKETED.finditer(quotation):
        if quotation[at : match.start()].strip():
            result.append((quotation[at : match.start()].strip(), False))
        if match.group(1).strip():
            result.append((match.group(1).strip(), True))
        at = match.end()
    if quotation[at:].strip():
        result.append((quotation[at:].strip(), False))
    return result


def _pattern(words: Sequence[str]) -> re.Pattern[str]:
    """Words as the source may space and hyphenate them."""
    pieces = []
    for word in words:
        letters = []
        for index, char in enumerate(word):
            letters.append(re.escape(char))
            if index < len(word) - 1:
                letters.append(_AFTER_HYPHEN if char == "-" else _LINE_END_BREAK)
        pieces.append("".join(letters))
    return re.compile(r"\s+".join(pieces))


def find(quotation: str, sources: Sequence[Kept]) -> Found | None:
    """Where `quotation` stands in the first source that holds all of it, or None. The lines are
    those of its own words (not of the bracketed context)."""
    quoted = parts(unicodedata.normalize("NFC", quotation))
    if not quoted:
        return None
    for source in sources:
        spans = []
        for text, _context in quoted:
            match = _pattern(text.split()).search(source.text)
            if match is None:
                break
            spans.append((match, _context))
        else:
            own = [match for match, context in spans if not context] or [m for m, _ in spans]
            first = source.line_of(min(match.start() for match in own))
            last = source.line_of(max(match.end() for match in own) - 1)
            return Found(source, first, last)
    return None


def closest(quotation: str, sources: Sequence[Kept]) -> Closest | None:
    """The passage of `sources` most like the first part of `quotation` that is not in them:
    found by the words it shares with a window of the quotation's length, then trimmed to the
    words that match."""
    quoted = parts(unicodedata.normalize("NFC", quotation))
    missing = [
        text
        for text, _ in quoted
        if not any(_pattern(text.split()).search(s.text) for s in sources)
    ]
    words = (missing[0] if missing else " ".join(text for text, _ in quoted)).split()
    best: tuple[float, Kept, list[_Token]] | None = None
    for source in sources:
        tokens = _tokens(source.text)
        if not tokens or not words:
            continue
        for region in _regions(words, tokens):
            passage = _trimmed(words, region)
            ratio = _matcher(words, [t.word for t in passage]).ratio()
            if best is None or ratio > best[0]:
                best = (ratio, source, passage)
    if best is None:
        return None
    _ratio, source, passage = best
    passage_words = [token.word for token in passage]
    difference, at = first_difference(words, passage_words)
    start = max(0, at - EXCERPT_WORDS)
    end = min(len(passage_words), at + EXCERPT_WORDS)
    excerpt = " ".join(passage_words[start:end])
    excerpt = ("… " if start else "") + excerpt + (" …" if end < len(passage_words) else "")
    return Closest(
        source,
        source.line_of(passage[0].start),
        source.line_of(passage[-1].end - 1),
        excerpt,
        difference,
    )


@dataclass(frozen=True, slots=True)
class _Token:
    word: str  # a word as the source has it, a word split at a line end joined again
    start: int
    end: int


def _tokens(text: str) -> list[_Token]:
    """The words of a text; `EU-` at a line end and `trusselsvurdering` after it are one word."""
    tokens: list[_Token] = []
    join = False
    for match in _WORD.finditer(text):
        word = match.group()
        if join and tokens:
            last = tokens[-1]
            tokens[-1] = _Token(last.word + word, last.start, match.end())
        else:
            tokens.append(_Token(word, match.start(), match.end()))
        line_end = text.find("\n", match.end())
        join = word.endswith("-") and len(word) > 1 and not text[match.end() : line_end].strip()
    return tokens


def _key(word: str) -> str:
    """How words are compared to find a passage: hyphens aside, as a line end may split a word."""
    return word.replace("-", "")


def _matcher(words: Sequence[str], passage: Sequence[str]) -> Any:
    import difflib

    return difflib.SequenceMatcher(
        None, [_key(w) for w in words], [_key(w) for w in passage], autojunk=False
    )


def _regions(words: Sequence[str], tokens: list[_Token]) -> list[list[_Token]]:
    """The few stretches of `tokens` that share most words with `words`: windows of its length,
    widened by that length on both sides, for trimming."""
    size = min(len(words), len(tokens))
    wanted = Counter(_key(w) for w in words)
    keys = [_key(t.word) for t in tokens]
    window = Counter(keys[:size])
    scores = [(sum((window & wanted).values()), 0)]
    for start in range(1, len(tokens) - size + 1):
        window[keys[start - 1]] -= 1
        window[keys[start + size - 1]] += 1
        scores.append((sum((window & wanted).values()), start))
    chosen = sorted(scores, key=lambda score: (-score[0], score[1]))[:5]
    return [tokens[max(0, start - size) : start + 2 * size] for _score, start in chosen]


def _trimmed(words: Sequence[str], region: list[_Token]) -> list[_Token]:
    """The part of `region` from the first to the last word it shares with `words`."""
    blocks = [b for b in _matcher(words, [t.word for t in region]).get_matching_blocks() if b.size]
    if not blocks:
        return region[: len(words)]
    first, last = blocks[0], blocks[-1]
    # Keep the words the quotation has before its first match and after its last one.
    start = max(0, first.b - first.a)
    end = min(len(region), last.b + last.size + (len(words) - last.a - last.size))
    return region[start:end]


def first_difference(quoted: Sequence[str], passage: Sequence[str]) -> tuple[str, int]:
    """Where a quotation first parts from a passage, in words (`'bekæmpe' where the source has
    'bekaempe'`), and the index of that place among the passage's words."""
    matcher = _matcher(quoted, passage)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        ours = " ".join(quoted[i1:i2])
        theirs = " ".join(passage[j1:j2])
        if tag == "replace":
            return f"'{ours}' where the source has '{theirs}'", j1
        if tag == "delete":
            return f"'{ours}' is not in the source", j1
        return f"the source has '{theirs}' here", j1
    return "the words differ in their spacing or hyphens", 0


EXCERPT_WORDS = 12  # words of a closest passage shown on either side of the first difference


def paragraphs(source: Kept, first: int, last: int) -> tuple[list[str], list[str], list[str]]:
    """The lines of the kept text (as kept) around lines `first`–`last`: the paragraph before,
    the paragraphs that hold those lines, and the paragraph after (paragraphs are separated by
    blank lines; in a text without blank lines, each line is a paragraph)."""
    lines = source.raw.replace("\r\n", "\n").split("\n")
    blocks: list[tuple[int, int]] = []  # 1-based first and last line of each paragraph
    spaced = any(not line.strip() for line in lines[:-1])
    start = None
    for number, line in enumerate(lines, 1):
        if line.strip():
            start = number if start is None else start
            if not spaced:
                blocks.append((start, number))
                start = None
        elif start is not None:
            blocks.append((start, number - 1))
            start = None
    if start is not None:
        blocks.append((start, len(lines)))
    inside = [i for i, (a, b) in enumerate(blocks) if b >= first and a <= last]
    if not inside:
        return [], lines[first - 1 : last], []

    def text(index: int) -> list[str]:
        if index < 0 or index >= len(blocks):
            return []
        a, b = blocks[index]
        return lines[a - 1 : b]

    held = [line for index in inside for line in [*text(index), ""]][:-1]
    return text(inside[0] - 1), held, text(inside[-1] + 1)
