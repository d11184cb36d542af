"""From a declaration's text to numbered paragraphs, each operative or preambular, and from those
to pledge drafts and the files that hold them.

The text is what a PDF's text layer or an OCR engine gives: a cover note before the declaration,
paragraph numbers split from their paragraphs, blank lines inside paragraphs, footnotes dropped
into the body, page numbers, broken letters. The steps are:

1. repair the characters (mojibake, OCR misreadings, footnote marks glued to words);
2. find where the declaration starts (after the annex marker, or at its first paragraph);
3. cut the lines into units at the places where a new paragraph surely starts;
4. number the units: printed numbers where the text has them (numbers missing from the text are
   inferred from the sequence), else the order of statement (sentences of running prose);
5. classify each unit by the cue words of its language.

Every word of every language lives in `tracker.import_rules`; this module holds none.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..errors import UsageError
from .rules import ACTORS, ANNEX_HEADINGS, ANNEX_MARKERS, LANGUAGES, RULES

OPERATIVE = "operative"
PREAMBULAR = "preambular"
CHAPEAU = "chapeau"
PRINTED = "printed"
ORDER_OF_STATEMENT = "order-of-statement"

# --- what the importer finds ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of the declaration, cleaned.

    `number` is the printed paragraph number (`"20"`), or the order of statement (`"01"`) in a
    text that numbers nothing, or None for an unnumbered lead-in of a numbered text.
    """

    number: str | None
    kind: str
    text: str
    # How sure the importer is of the number and kind: 0.9 for a printed number and a cue word
    # that decides the kind, lower for a number inferred from the sequence or a kind guessed
    # without a cue (see docs/importing.md).
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Parsed:
    """A declaration's text, read: its paragraphs in document order, and what was learnt."""

    paragraphs: tuple[Paragraph, ...]
    language: str
    numbering: str  # printed | order-of-statement
    title: str | None  # the declaration's own title, where the text shows one
    warnings: tuple[str, ...] = ()
    # The numbered sequences after the first (annexes, appendices): the letter their paragraph
    # numbers start with (`a` → `a1`, `a2`, …) and the heading the text gives them.
    sections: tuple[tuple[str, str], ...] = ()

    @property
    def operative(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if p.kind == OPERATIVE and p.number)

    def section_of(self, paragraph: Paragraph) -> str | None:
        """The heading of the annex a paragraph belongs to; None for the main text."""
        letter = (paragraph.number or "")[:1]
        return dict(self.sections).get(letter) if letter.isalpha() else None


def records(parsed: Parsed) -> list[dict[str, Any]]:
    """`{"number", "kind", "text"}` per paragraph, in document order."""
    return [{"number": p.number, "kind": p.kind, "text": p.text} for p in parsed.paragraphs]


# --- characters -------------------------------------------------------------------------------


def _byte_of(char: str) -> int | None:
    """The byte a character stands for when UTF-8 was misread as Windows-1252 or Latin-1."""
    try:
        return char.encode("cp1252")[0]
    except UnicodeEncodeError:
        return ord(char) if ord(char) < 256 else None


def _chars_for(low: int, high: int) -> str:
    found = {bytes([b]).decode("latin-1") for b in range(low, high + 1)}
    for b in range(low, high + 1):
        with contextlib.suppress(UnicodeDecodeError):
            found.add(bytes([b]).decode("cp1252"))
    return "".join(sorted(found))


_MOJIBAKE = re.compile(
    f"[{re.escape(_chars_for(0xC2, 0xF4))}][{re.escape(_chars_for(0x80, 0xBF))}]{{1,3}}"
)


def _fix_encoding(text: str) -> str:
    """ftfy's repair of a wrong decoding, where the text shows the marks of one: `Ã`, `â€`."""
    if not re.search("[ÃÂâÅÆÐÑØ][\x80-\xbf\u0152-\u2122]|Ã|â€", text):
        return text
    import ftfy

    config = ftfy.TextFixerConfig(
        unescape_html=False,
        uncurl_quotes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        fix_line_breaks=False,
        normalization=None,
        explain=False,
    )
    return ftfy.fix_text(text, config)


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as Windows-1252 (`fÃ¦lles` → `fælles`, `â€™` → `’`).

    Only sequences that decode as UTF-8 are touched, so correct text passes through unchanged.
    """

    def fix(match: re.Match[str]) -> str:
        found = match.group()
        lead = _byte_of(found[0]) or 0
        size = 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
        head, tail = found[:size], found[size:]
        raw = [_byte_of(char) for char in head]
        if len(head) < size or None in raw:
            return found
        try:
            return bytes(raw).decode("utf-8") + tail  # type: ignore[arg-type]
        except UnicodeDecodeError:
            return found

    return _MOJIBAKE.sub(fix, text)


_CHARACTERS = str.maketrans(
    {
        "\u00a0": " ",  # no-break space
        "\u00ad": "",  # soft hyphen
        "\u200b": "",  # zero-width space
        "\ufeff": "",
        "\t": " ",
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
    }
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_SUPERSCRIPT_VALUE = str.maketrans(_SUPERSCRIPTS, "1234567890")
# A footnote number glued to the end of a word (`narkotikahandel3`, `taskforce²`), or after a
# closing bracket, where OCR also reads a superscript 2 as `?` (`(EMCDDA)?,`).
_GLUED_MARK = re.compile(
    rf"(?<=[^\W\d_]{{3}})(\d{{1,2}}|[{_SUPERSCRIPTS}]+)(?=[\s,;:.)]|$)"
    rf"|(?<=\))(\?|\d{{1,2}}|[{_SUPERSCRIPTS}]+)(?=[,;:.]|\s+[^\W\d_]*[a-zæøåäöüéèàçñ]|\s*$)"
    r"|(?<=[\w)])\*+(?=[\s,;:.)]|$)"
)


def _strip_marks(line: str, marks: set[str]) -> str:
    """Remove footnote marks glued to words, noting their numbers (`*` for an asterisk)."""

    def drop(match: re.Match[str]) -> str:
        word = re.search(r"[^\W\d_]+$", line[: match.start()])
        if match.group().isdigit() and word and word.group().isupper():
            return match.group()  # a name with a number (`COP27`, `SDG16`), not a mark
        mark = match.group().translate(_SUPERSCRIPT_VALUE)
        marks.add("*" if mark.startswith("*") else mark)
        return ""

    return _GLUED_MARK.sub(drop, line)


_WORD = re.compile(r"[^\W_][\w@&]*")


def _repair_words(line: str, rules: dict[str, Any]) -> str:
    """Conservative OCR repairs from the rules: whole words that are no word of the language."""
    words: dict[str, str] = rules.get("ocr_words", {})
    lowercase: dict[str, str] = rules.get("ocr_words_lowercase", {})
    inner: dict[str, str] = rules.get("ocr_inner_letters", {})
    if not (words or lowercase or inner):
        return line

    def fix(match: re.Match[str]) -> str:
        word = match.group()
        if word in lowercase:
            return lowercase[word]
        lower = word.lower()
        if lower in words and (word == lower or word == lower.capitalize()):
            repaired = words[lower]
            return repaired if word == lower else repaired[:1].upper() + repaired[1:]
        for wrong, right in inner.items():
            word = re.sub(rf"(?<=[^\W\d_]){re.escape(wrong)}(?=[^\W\d_])", right, word)
        return word

    line = _WORD.sub(fix, line)
    lone = rules.get("ocr_lone_one")
    if lone:
        line = _replace_lone_one(line, lone, rules.get("ocr_lone_one_after", ()))
    return line


def _repair_phrases(text: str, rules: dict[str, Any]) -> str:
    """OCR repairs of words that are real words elsewhere, in the company they keep: run on a
    whole paragraph, since the company may be on the next line."""
    for wrong, right in rules.get("ocr_phrases", {}).items():
        text = re.sub(rf"(?<!\w){re.escape(wrong)}(?!\w)", right, text)
    return text


def _replace_lone_one(line: str, letter: str, after: Sequence[str]) -> str:
    def fix(match: re.Match[str]) -> str:
        before = match.group(1)
        return match.group() if before.lower() in after else f"{before} {letter} "

    return re.sub(r"\b([a-zæøå]{2,}) 1 (?=[^\W\d_])", fix, line)


# --- the rules, compiled ----------------------------------------------------------------------


def _phrase_pattern(phrase: str) -> str:
    """A cue phrase as a regex: whole words, any apostrophe, `…` for up to five words, `*ing`
    for a word that ends so."""
    pattern = ""
    for word in phrase.split():
        if word == "…":
            pattern += r"(?:[\W_]+\w+){0,5}?"
        elif word.startswith("*"):  # `*ing`: any word with that ending
            pattern += (r"[\W_]+" if pattern else "") + r"\w+" + re.escape(word[1:])
        else:
            pattern += (r"[\W_]+" if pattern else "") + re.escape(word).replace("'", "['’]")
    return rf"(?<![\w-]){pattern}(?![\w-])"


@dataclass(frozen=True)
class _Language:
    code: str
    rules: dict[str, Any]
    preambular_openers: re.Pattern[str]
    boundary_openers: re.Pattern[str]
    operative_openers: re.Pattern[str]
    operative: re.Pattern[str]
    preambular: re.Pattern[str] | None
    attribution: re.Pattern[str]
    actions: re.Pattern[str]
    chapeau_actions: re.Pattern[str]
    months: frozenset[str]
    stopwords: frozenset[str]
    abbreviations: frozenset[str]


def _any(phrases: Iterable[str], anchored: bool = False) -> re.Pattern[str]:
    ordered = sorted(set(phrases), key=len, reverse=True)  # the longest phrase wins
    body = "|".join(_phrase_pattern(p) for p in ordered) or r"(?!x)x"
    return re.compile((r"^\W*(?:" if anchored else "(?:") + body + ")", re.IGNORECASE)


@cache
def _language(code: str) -> _Language:
    rules = RULES[code]
    openers = rules["preambular_openers"]
    return _Language(
        code=code,
        rules=rules,
        preambular_openers=_any(openers, anchored=True),
        # A bare relative pronoun (Danish `som`) classifies a paragraph that starts with it, but
        # starts no paragraph by itself: too many relative clauses open a line.
        boundary_openers=_any(
            [
                *(p for p in openers if " " in p or len(p) > 4),
                *rules.get("openers", ()),
                *rules.get("operative_openers", ()),
            ],
            anchored=True,
        ),
        operative_openers=_any(rules.get("operative_openers", ()), anchored=True),
        operative=_any(rules["operative"]),
        preambular=_any(rules["preambular"]) if rules.get("preambular") else None,
        attribution=_any(rules["attribution"]),
        actions=_any(rules["actions"], anchored=True),
        chapeau_actions=_any(rules["chapeau_actions"]),
        months=frozenset(rules["months"]),
        stopwords=frozenset(rules["stopwords"]),
        abbreviations=frozenset(rules["abbreviations"]),
    )


def detect_language(text: str) -> str:
    """The language whose frequent short words the text uses most (English when it cannot tell)."""
    counts = Counter(word.lower() for word in re.findall(r"[^\W\d_]+", text))
    scores = {code: sum(counts[w] for w in RULES[code]["stopwords"]) for code in LANGUAGES}
    best = max(LANGUAGES, key=lambda code: scores[code])
    return best if scores[best] else "en"


# --- lines ------------------------------------------------------------------------------------

_NUMBER_ONLY = re.compile(r"^(?:\((\d{1,5})\)|(\d{1,5})[.)])$")
_NUMBERED = re.compile(r"^(?:\((\d{1,5})\)|(\d{1,5})[.)])\s+(\S.*)$")
_SUBITEM = re.compile(r"^\(?(?:[a-z]|[ivx]{1,4})\)\s+\S")
_BULLET = re.compile(r"^[-•·▪●◦‣–*]\s+(\S.*)$")
_BARE_NUMBER = re.compile(r"^[-–]?\s*(\d{1,4})\s*[-–]?$")
_PAGE_WORDS = "|".join(w for code in LANGUAGES for w in RULES[code]["page"])
_PAGE_OF = "|".join(w for code in LANGUAGES for w in RULES[code]["page_of"])
_PAGE = re.compile(
    rf"^(?:{_PAGE_WORDS}|p\.)\s*\d+(?:\s*(?:{_PAGE_OF}|/)\s*\d+)?$|^\d+\s*/\s*\d+$",
    re.IGNORECASE,
)
_FOOTNOTE_RULE = re.compile(r"^_{5,}$")
# A footnote mark after punctuation or set off by a space: `Agreement,7 the`, `Agenda, 13`.
_SPACED_MARK = re.compile(
    r"(?:(?<=[^\W_][,.;:])|(?<=[^\W\d_][,.;:]\s)|(?<=[^\W\d_]\s))"
    r"(?P<n>\d{1,3})(?=\s+[a-z(]|\s*$)"
)
_FOOTNOTE_LINE = re.compile(rf"^(?:(\d{{1,2}})\s+|([{_SUPERSCRIPTS}]+)\s*)(\S.*)$")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*$")
_BOLD_HEADING = re.compile(r"^(?:\*\*|__)(.+?)(?:\*\*|__)$")
_ROMAN_HEADING = re.compile(r"^[IVX]{1,5}\.\s+\S")
_TERMINAL = ".,;:!?"
_HEADING_WORDS = 20  # at most this many words in a heading
_CLOSERS = "\"'”’»)]"


def _last_char(text: str) -> str:
    stripped = text.rstrip().rstrip(_CLOSERS)
    return stripped[-1:] if stripped else ""


def _starts_upper(text: str) -> bool:
    stripped = text.lstrip("\"'“‘«(*")
    return bool(stripped) and stripped[0].isupper()


def _starts_lower(text: str) -> bool:
    stripped = text.lstrip("\"'“‘«(")
    return bool(stripped) and stripped[0].islower()


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


def _footnote_number(match: re.Match[str]) -> str:
    return (match.group(1) or match.group(2)).translate(_SUPERSCRIPT_VALUE)


def _number_of(match: re.Match[str]) -> int:
    return int(match.group(1) or match.group(2))


@dataclass
class _Unit:
    """A run of lines that the line pass put together: a paragraph, or part of one."""

    lines: list[str]
    role: str = "text"  # text | numbered | item | heading | footnote
    own: int | None = None  # the number printed at its start
    markers: list[int] = field(default_factory=list)  # number-only lines just before it
    strength: int = 3  # how surely a paragraph starts here: 3 sure … 1 barely
    splits: list[int] = field(default_factory=list)  # per line after the first: could split?

    @property
    def text(self) -> str:
        return _join(self.lines)

    def absorb(self, other: _Unit) -> None:
        self.splits.extend([other.strength, *other.splits])
        self.lines.extend(other.lines)


_CONJUNCTIONS = frozenset(w for code in LANGUAGES for w in RULES[code]["conjunctions"])


def _join(lines: Sequence[str]) -> str:
    """Lines of one paragraph as one line: hyphens at line ends resolved, spaces normalised."""
    text = ""
    for line in lines:
        if not text:
            text = line
            continue
        if text.endswith("-") and len(text) > 1 and text[-2].isalnum():
            next_word = line.split(maxsplit=1)[0].lower() if line.split() else ""
            if next_word in _CONJUNCTIONS:
                text += " " + line  # `Grænse- og Kystbevogtning`
            elif text[-2].isupper() or text[-2].isdigit():
                text += line  # `EU-trusselsvurdering`, `COSI-støttegruppens`
            else:
                text = text[:-1] + line  # a word broken at the line's end
        else:
            text += " " + line
    return re.sub(r"\s+", " ", text).strip()


class _Reader:
    """The line pass: cleans each line and cuts the text into units."""

    def __init__(self, lines: list[str], language: _Language) -> None:
        self.language = language
        self.marks: set[str] = set()
        rules = language.rules
        self.lines = [_repair_words(_strip_marks(line, self.marks), rules) for line in lines]
        lengths = sorted(len(line) for line in self.lines if len(line) > 40)
        self.width = lengths[len(lengths) // 2] if lengths else 0
        self.headers = self._running_headers()
        self.footnotes = self._footnote_blocks()
        self._strip_spaced_marks()

    def _footnote_blocks(self) -> set[int]:
        """The lines under a footnote rule (`_____`, as a PDF's text layer gives it) down to the
        page's end: footnotes, each opening with its number (noted as a mark), or going on from
        the line before; the first other line (a page footer, the text resuming) ends them."""
        found: set[int] = set()
        inside = going_on = False
        for index, line in enumerate(self.lines):
            if _FOOTNOTE_RULE.match(line):
                found.add(index)
                inside, going_on = True, False
            elif not inside:
                continue
            elif not line:
                going_on = False  # a footnote goes on to the next line, not past a blank one
            elif (note := _FOOTNOTE_LINE.match(line)) or (going_on and not self._is_junk(line)):
                if note:
                    self.marks.add(_footnote_number(note))
                found.add(index)
                going_on = _last_char(line) != "."
            else:
                inside = False  # the page's footer, or the text going on
        return found

    def _strip_spaced_marks(self) -> None:
        """Footnote marks set off by a space or after punctuation (`Agenda, 13 and`,
        `Development 5 and`), taken out where a footnote of that number exists and the marks
        run in order through the text."""
        last = 0

        def drop(match: re.Match[str]) -> str:
            nonlocal last
            number = int(match.group("n"))
            if str(number) in self.marks and last < number <= last + 4:
                last = number
                return ""
            return match.group()

        for index, line in enumerate(self.lines):
            if index not in self.footnotes and not self._is_junk(line):
                self.lines[index] = _SPACED_MARK.sub(drop, line)

    def _running_headers(self) -> set[str]:
        """Short lines that repeat on page after page (document codes, page headers)."""
        shapes = Counter(re.sub(r"\d+", "#", line) for line in self.lines if line)
        return {
            shape
            for shape, count in shapes.items()
            if count >= 3
            and len(shape) <= 60
            and any(c.isupper() or c == "#" for c in shape)
            and not _NUMBER_ONLY.match(shape.replace("#", "1"))
            and not _NUMBERED.match(shape.replace("#", "1"))  # `N. We undertake to do thing N.`
            and not _BARE_NUMBER.match(shape.replace("#", "1"))
        }

    def _is_junk(self, line: str) -> bool:
        return bool(_PAGE.match(line)) or re.sub(r"\d+", "#", line) in self.headers

    def numbered(self, line: str) -> tuple[int, str] | None:
        match = _NUMBERED.match(line)
        if not match:
            return None
        rest = match.group(3)
        first = rest.split(maxsplit=1)[0].lower().rstrip(".,")
        if first in self.language.months or rest[0].isdigit():
            return None  # a date such as `28. september 2023` that a line happens to start with
        return _number_of(match), rest

    def _heading(
        self, index: int, line: str, blank_before: bool, first_line: bool = False
    ) -> str | None:
        """The heading text if line `index` stands alone as a heading, else None."""
        if _BODY_OPENER.match(line):
            return line
        for pattern in (_MARKDOWN_HEADING, _BOLD_HEADING):
            match = pattern.match(line)
            if match:
                return match.group(1)
        if (line.upper() == line and _is_caps(line)) or _ROMAN_HEADING.match(line):
            return line if len(line.split()) <= 12 and _last_char(line) not in ",;" else None
        following = next((ln for ln in self.lines[index + 1 :] if ln), "")
        blank_after = index + 1 < len(self.lines) and not self.lines[index + 1]
        if line.endswith(":"):
            short = len(line.split()) <= 4
            list_follows = bool(_BULLET.match(following) or _NUMBERED.match(following))
            return line.rstrip(":") if short and not list_follows else None
        words = line.split()
        if first_line and blank_after and _last_char(line) not in _TERMINAL:
            return line  # the document's title, however long
        if (
            _last_char(line) in _TERMINAL
            or not _starts_upper(line)
            or len(words) > _HEADING_WORDS
            or words[-1].lower() in self.language.stopwords
            or (following and not (_starts_upper(following) or _NUMBERED.match(following)))
        ):
            return None
        wrapped = 0 < self.width <= 150
        if wrapped and not blank_after and len(line) >= 0.85 * self.width:
            return None  # a line of prose that runs to the wrap width, its sentence going on
        return line if (blank_before or blank_after or not wrapped) else None

    def units(self, start: int) -> list[_Unit]:
        units: list[_Unit] = []
        pending: list[int] = []
        current: _Unit | None = None
        body: _Unit | None = None  # the last unit that is not a footnote
        blank = True
        footnote_next = False
        first = True
        for index in range(start, len(self.lines)):
            line = self.lines[index]
            if not line:
                blank = True
                continue
            if index in self.footnotes:
                if not _FOOTNOTE_RULE.match(line):
                    footnote_next = True  # this line, a footnote, is taken as one below
                else:
                    continue
            elif self._is_junk(line):
                continue
            bare = _BARE_NUMBER.match(line)
            if bare:  # a page number, or the number of a footnote whose text follows
                footnote_next = bare.group(1) in self.marks
                continue
            marker = _NUMBER_ONLY.match(line)
            if marker:
                pending.append(_number_of(marker))
                current, blank, footnote_next = None, False, False
                continue
            numbered = self.numbered(line)
            if (
                numbered
                and numbered[0] >= 1000
                and not blank
                and current is not None
                and _last_char(current.text) not in _TERMINAL
            ):
                numbered = None  # a year a wrapped sentence put at a line's start ("FY\n2029.")
            footnote = _FOOTNOTE_LINE.match(line)
            unit: _Unit | None = None
            if numbered:
                number, rest = numbered
                unit = _Unit([rest], "numbered", own=number, markers=pending)
                pending = []
            elif (
                footnote_next
                or (line.startswith("*") and not line.startswith(("* ", "**")))
                or (footnote and _footnote_number(footnote) in self.marks)
            ):
                unit = _Unit([line.lstrip("*")], "footnote")
            elif (heading := self._heading(index, line, blank or first, first)) is not None:
                unit = _Unit([heading], "heading")
            elif bullet := _BULLET.match(line):
                unit = _Unit([bullet.group(1)], "item", markers=pending, strength=2)
                pending = []
            elif (
                current is not None
                and current.role == "footnote"
                and body is not None
                and _last_char(current.text) == "."
                and _starts_lower(line)
            ):
                current = body  # the paragraph a page break cut resumes after the footnote
                current.splits.append(0)
                current.lines.append(line)
            elif (
                current is None
                or current.role == "heading"
                or (
                    _SUBITEM.match(line) is None
                    and (strength := self._boundary(current.lines[-1], line, blank))
                )
            ):
                unit = _Unit(
                    [line],
                    markers=pending,
                    strength=3 if current is None or current.role == "heading" else strength,
                )
                pending = []
            else:
                current.splits.append(self._split(current.lines[-1], line))
                current.lines.append(line)
            if unit is not None:
                units.append(unit)
                current = unit
                if unit.role != "footnote":
                    body = unit
            footnote_next = False
            blank = False
            first = False
        if pending:
            units.append(_Unit([], markers=pending))
        return units

    def _opens(self, line: str) -> bool:
        language = self.language
        return bool(language.boundary_openers.match(line) or self._operative_opener(line))

    def _operative_opener(self, line: str) -> bool:
        match = self.language.operative.search(line)
        return match is not None and not line[: match.start()].strip(" \"'“(")

    def _boundary(self, previous: str, line: str, blank: bool) -> int:
        """How surely a new paragraph starts at `line`: 3 sure, 2 likely, 1 barely, 0 not."""
        end = _last_char(previous)
        if end not in _TERMINAL:
            return 0
        if end == "," and not blank and _starts_lower(line):
            return 0  # a clause wrapped onto the next line: "…, and the United States,\nguided by"
        if self.language.boundary_openers.match(line):
            return 3
        if self._operative_opener(line) and (end != "," or blank):
            return 3 if end != "," else 2
        if blank and _starts_upper(line):
            return 1 if end == "," else 2
        return 0

    def _split(self, previous: str, line: str) -> int:
        """Whether a paragraph could be split before `line` if the numbering needs one more."""
        end = _last_char(previous)
        if end in ".;:!?" and (_starts_upper(line) or self._opens(line)):
            return 1
        return 1 if end == "," and self._opens(line) else 0


# --- where the declaration starts -------------------------------------------------------------


def _is_annex_marker(line: str) -> bool:
    words = line.split()
    return bool(words) and words[0] in ANNEX_MARKERS and len(words) <= 2 and line.isupper()


_COVER_CUES = tuple(cue for code in LANGUAGES for cue in RULES[code]["cover"])
_BODY_OPENER = re.compile(
    "^(?:"
    + "|".join(re.escape(o) for code in LANGUAGES for o in RULES[code].get("body_openers", ()))
    + r")\s*[,:]?$",
    re.IGNORECASE,
)


def _start(reader: _Reader) -> int:
    """The index of the declaration's first line: after a cover note, if there is one.

    The annex marker says where the declaration starts. Without one, a line that opens as cover
    notes do (`Subject:`, `Vedr.:`) before the first paragraph numbered 1 means that the
    declaration starts with the title just above that paragraph.
    """
    lines = reader.lines
    numbered, cover = 0, False
    for index, line in enumerate(lines):
        # The marker ends a cover note; after a declaration's own paragraphs it opens an annex.
        if _is_annex_marker(line) and (numbered < 2 or cover):
            return index + 1
        numbered += reader.numbered(line) is not None
        cover = cover or line.lower().startswith(_COVER_CUES)
    for index, line in enumerate(lines):
        if _BODY_OPENER.match(line):
            return index  # `The General Assembly,`: a resolution's body, after its cover page
        if reader.numbered(line) is not None:
            break
    first = next(
        (i for i, line in enumerate(lines) if (n := reader.numbered(line)) and n[0] == 1), None
    )
    if first is None or not any(line.lower().startswith(_COVER_CUES) for line in lines[:first]):
        return 0
    index = first
    while index > 0 and (not lines[index - 1] or _last_char(lines[index - 1]) not in _TERMINAL):
        index -= 1  # keep the declaration's title, the lines just above its first paragraph
    return index


_SOURCE_COMMENT = re.compile(
    r"^#\s*(?:"
    + "|".join(re.escape(s.rstrip(":")) for c in LANGUAGES for s in RULES[c]["sources"])
    + r")\s*:",
    re.IGNORECASE,
)


def _lines(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", repair_mojibake(_fix_encoding(text))).translate(_CHARACTERS)
    lines = [_CONTROL.sub("", line).strip() for line in text.splitlines()]
    while lines and (not lines[0] or _SOURCE_COMMENT.match(lines[0])):
        lines.pop(0)  # a note naming where the text comes from is no part of it
    return lines


# --- numbering --------------------------------------------------------------------------------


def _is_interloper(units: Sequence[_Unit], index: int, language: _Language) -> bool:
    """A footnote's text dropped into the body between two parts of the declaration's one long
    sentence: it starts a sentence and ends one while the text around it runs on."""
    unit = units[index]
    if index == 0 or unit.role != "text" or unit.own is not None or unit.markers:
        return False
    text = unit.text
    previous = units[index - 1].text
    following = units[index + 1].text if index + 1 < len(units) else ""
    return (
        _last_char(previous) in ",;"
        and _starts_upper(text)
        and _last_char(text) == "."
        and len(text.split()) <= 30
        and not _classify_cue(text, language)
        and bool(following)
        and (_starts_lower(following) or units[index + 1].own is not None)
    )


def _merge_weakest(units: list[_Unit]) -> None:
    """Put back the least sure paragraph start among `units` (never the first)."""
    index = min(range(1, len(units)), key=lambda i: (units[i].strength, -i))
    units[index - 1].absorb(units.pop(index))


def _split_strongest(units: list[_Unit]) -> bool:
    """Split one unit at its surest internal paragraph start, if it has one."""
    best: tuple[int, int, int] | None = None
    for u, unit in enumerate(units):
        for s, strength in enumerate(unit.splits):
            if strength and (best is None or strength > best[0]):
                best = (strength, u, s)
    if best is None:
        return False
    strength, u, s = best
    unit = units[u]
    tail = _Unit(unit.lines[s + 1 :], strength=strength, splits=unit.splits[s + 1 :])
    unit.lines, unit.splits = unit.lines[: s + 1], unit.splits[:s]
    units.insert(u + 1, tail)
    return True


def _fit(units: list[_Unit], target: int) -> None:
    while len(units) > target and len(units) > 1:
        _merge_weakest(units)
    while len(units) < target and _split_strongest(units):
        pass


def _number_printed(
    units: list[_Unit], warnings: list[str]
) -> list[tuple[int | None, _Unit, bool]]:
    """Printed numbers for the units (None for an unnumbered lead-in or closing line), numbers
    missing from the text inferred from the sequence. The flag marks a chapeau: the lead-in to
    the numbered items that follow it.

    The units between one printed number and the next are a group. A number standing alone (or
    a block of them) is followed by the texts of its paragraphs and of those whose numbers the
    text lost; the next printed number says how many paragraphs the group holds.
    """
    anchors = [i for i, u in enumerate(units) if u.own is not None or u.markers]
    out: list[tuple[int | None, _Unit, bool]] = []
    front = units[: anchors[0]] if anchors else units
    for index, unit in enumerate(front):
        out.append((None, unit, index == len(front) - 1 and _last_char(unit.text) == ":"))
    last = 0
    for position, start in enumerate(anchors):
        end = anchors[position + 1] if position + 1 < len(anchors) else len(units)
        group = [u for u in units[start:end] if u.lines]
        head = units[start]
        following = units[end] if end < len(units) else None
        next_number = None
        if following is not None:
            next_number = following.markers[0] if following.markers else following.own
        chapeau = None
        if len(group) > 1 and _last_char(group[-1].text) == ":" and following:
            chapeau = group.pop()  # `… through the following actions:` before numbered items
        trailing: list[_Unit] = []
        if next_number is None:
            group, trailing = _closing(group)
        sure = sum(1 for u in group[1:] if u.strength >= 3)
        if head.own is not None:
            low = head.own
            for number in head.markers:
                warnings.append(f"paragraph {number}: number found without its text")
            if next_number is None:
                high = low + sure
            else:  # more paragraphs than the printed one only where they surely start
                likely = sum(1 for u in group[1:] if u.strength >= 2)
                high = min(next_number - 1, low + likely)
            _fit(group, high - low + 1)
            numbers = list(range(low, low + len(group)))
        else:
            low = last + 1
            if next_number is None:
                high = max(max(head.markers), last + 1 + sure)
            else:
                high = next_number - 1
            _fit(group, high - low + 1)
            numbers = list(range(high - len(group) + 1, high + 1))
            missing = list(range(low, high - len(group) + 1))
            if missing:
                warnings.append(f"{_span(missing)}: no text found")
        out.extend((n, u, False) for n, u in zip(numbers, group, strict=True))
        out.extend((None, u, False) for u in trailing)
        if chapeau is not None:
            out.append((None, chapeau, True))
        last = numbers[-1] if numbers else last
    return out


def _closing(group: list[_Unit]) -> tuple[list[_Unit], list[_Unit]]:
    """The last group's paragraphs, and the unnumbered lines after them (`Done at Brussels…`):
    after the last unit that surely starts a paragraph, a unit that likely starts one is a
    closing line; anything less sure continues the unit before it."""
    if not group:
        return group, []
    tail: list[_Unit] = []  # a signature block's names and titles ("Prime Minister")
    while (
        len(group) > 1
        and _last_char(group[-1].text) not in _TERMINAL
        and len(group[-1].text.split()) <= _HEADING_WORDS
    ):
        tail.insert(0, group.pop())
    last_sure = max(i for i, u in enumerate(group) if i == 0 or u.strength >= 3)
    body, trailing = group[: last_sure + 1], []
    for unit in group[last_sure + 1 :]:
        if unit.strength >= 2:
            trailing.append(unit)
        else:
            (trailing[-1] if trailing else body[-1]).absorb(unit)
    return body, trailing + tail


def _span(numbers: Sequence[int]) -> str:
    if len(numbers) == 1:
        return f"paragraph {numbers[0]}"
    return f"paragraphs {numbers[0]}–{numbers[-1]}"


# --- sentences --------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[^\W\d_])")


def _quoted(text: str) -> list[bool]:
    """Per character: is it inside a quotation? All False when the quotation runs on beyond
    this text (a statement quoted over several paragraphs), so that it does not hide sentences."""
    depth = 0
    inside: list[bool] = []
    for index, char in enumerate(text):
        if char in "“«":
            depth += 1
        elif char in "”»":
            depth = max(0, depth - 1)
        elif char == '"':
            opening = index == 0 or text[index - 1].isspace() or text[index - 1] in "([—–-"
            depth = depth + 1 if opening else max(0, depth - 1)
        inside.append(depth > 0)
    return inside if depth == 0 else [False] * len(text)


def _sentences(text: str, language: _Language) -> list[str]:
    """Running prose cut into sentences; quotations and abbreviations are not cut."""
    quoted = _quoted(text)
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if quoted[match.start()] or not _starts_upper(text[match.end() :]):
            continue
        before = text[start : match.start() + 1].split()
        last_word = before[-1].lower() if before else ""
        part = re.split(r"[-/–]", last_word)[-1]
        if "." in part[:-1]:  # `ASEAN-U.S.`: a dotted abbreviation ends the compound
            last_word = part  # (`CAFTA-DR.` ends a sentence: no title `Dr.` in a compound)
        if last_word in language.abbreviations or re.fullmatch(r"\(?[^\W\d_]\.", last_word):
            continue  # `e.g.`, `f.eks.`, or an initial
        pieces.append(text[start : match.end()].strip())
        start = match.end()
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


# --- classification ---------------------------------------------------------------------------


def _is_quotation(text: str, language: _Language) -> bool:
    """One speaker quoted ("…," said the minister): a position, not a joint pledge."""
    quoted = any(mark in text for mark in '"“”«»')
    return quoted and bool(language.attribution.search(text))


def _classify_cue(text: str, language: _Language) -> str | None:
    """The kind the text's own cue words give, or None when it has none."""
    if _is_quotation(text, language):
        return PREAMBULAR
    if language.preambular_openers.match(text):
        # "Building on our commitments so far, we will …": a participle before the parties'
        # own main clause sets its context; the main clause and what follows decide.
        we = language.rules.get("we_commit")
        # (one word may come before the subject: "…, today we also embark on …")
        main = re.search(rf",\s+(?:[a-z]+\s+)?(?=(?:{we})\s)", text, re.IGNORECASE) if we else None
        if main and _classify_cue(text[main.end() :], language) == OPERATIVE:
            return OPERATIVE
        return PREAMBULAR
    if language.operative_openers.match(text):
        return OPERATIVE
    text = _without_apposition(text, language)
    adverbs = "|".join(language.rules.get("neutral_adverbs", ()))
    if adverbs:  # "We are also partnering …" pledges as "We are partnering …" does
        text = re.sub(rf"\b(are|is|will|shall)\s+(?:{adverbs})\s+", r"\1 ", text)
    covers = [m.span() for m in language.preambular.finditer(text)] if language.preambular else []
    effect_from: int | None = None  # where a foreseen effect's complement starts
    for match in language.operative.finditer(text):
        covered = any(start <= match.start() and match.end() <= end for start, end in covers)
        if (
            covered
            or _describes_a_thing(text, match, language)
            or _in_a_name(text, match)
            or _a_noun(text, match, language)
            or _to_a_named_thing(text, match)
            or _a_things_aim(text, match, language)
            or _someone_elses(text, match, language)
        ):
            continue
        if effect_from is not None and not _new_clause(text[effect_from : match.start()]):
            continue  # "… will allow us to … and encourage …": the effect's own words
        if _foreseen_effect(text, match, language):
            effect_from = match.end()
            continue
        return OPERATIVE
    return PREAMBULAR if covers else None


def _without_apposition(text: str, language: _Language) -> str:
    """The parties' names between the subject and its verb, taken out so that they do not hide
    the cue: "We, the governments of A, B, …, and C, recognize …" is read "We recognize …"."""
    pattern = language.rules.get("apposition")
    match = re.match(pattern, text) if pattern else None
    return text[: match.start(1)] + " " + text[match.end(1) :] if match else text


def _word_before(text: str, cue: re.Match[str]) -> str:
    """The word just before a cue, lowercase ("" at the start of the text)."""
    before = text[: cue.start()].split()
    return before[-1].lower() if before else ""


def _clause_before(text: str, cue: re.Match[str]) -> str:
    """The words of a cue's sentence part before it: from the last `.`, `;` or `:` that ends
    one."""
    return re.split(r"[.;:]\s+", text[: cue.start()])[-1]


def _describes_a_thing(text: str, cue: re.Match[str], language: _Language) -> bool:
    """A cue right after a relative pronoun ("initiatives that will equip …", "a partnership
    that seeks to …") says what a thing does or will do, not what the parties pledge."""
    return _word_before(text, cue) in language.rules.get("relative", ())


def _in_a_name(text: str, cue: re.Match[str]) -> bool:
    """A cue word written with a capital inside a sentence is part of a name ("Combined Task
    Force 153"), not a verb."""
    before = text[: cue.start()].rstrip()
    return cue.group()[:1].isupper() and bool(before) and before[-1] not in ".!?:;"


def _a_things_aim(text: str, cue: re.Match[str], language: _Language) -> bool:
    """What a thing made aims or seeks to do ("It aims to deepen appreciation …", "The Fund
    seeks to …") describes it; the parties' own aim pledges."""
    if cue.group().lower() not in ("aims to", "seeks to"):
        return False
    clause = _clause_before(text, cue).strip()
    return bool(clause) and _an_instrument(re.split(r",\s+", clause)[-1], language)


def _to_a_named_thing(text: str, cue: re.Match[str]) -> bool:
    """A commitment to a named thing ("are unequivocally committed to the Good Friday
    Agreement", "their shared commitment to the United States-Mexico-Canada Agreement") states
    a position; a commitment to act ("committed to working", "to the full implementation of")
    pledges."""
    if not re.search(r"commit(?:ted|ment)\s+to$", cue.group(), re.IGNORECASE):
        return False
    return re.match(r"\s+the\s+[A-Z]", text[cue.end() :]) is not None


def _a_noun(text: str, cue: re.Match[str], language: _Language) -> bool:
    """A one-word cue used as a noun: after a determiner ("the task force announced …", "the
    will of the Iraqi people") or, for `will`, before `of`."""
    if " " in cue.group():
        return False
    if _word_before(text, cue) in language.rules.get("determiners", ()):
        return True
    return cue.group().lower() == "will" and text[cue.end() :].lstrip().startswith("of ")


def _someone_elses(text: str, cue: re.Match[str], language: _Language) -> bool:
    """A cue that reports what others pledge or plan, or what the parties hope others will do:
    after a possessive ("the GCC countries' pledge to provide …"), or in a clause that reports or
    hopes ("welcomed the announcement that some partners plan to …", "We are hopeful that
    anyone … will …") whose subject is not the parties."""
    before = text[: cue.start()]
    if re.search(r"\w(?:['’]s|s['’])\s+$", before):
        return True
    reported = language.rules.get("reported")
    ends = [m.end() for m in _any(reported).finditer(before)] if reported else []
    if not ends or re.search(r"[.;]\s", before[ends[-1] :]):
        return False
    return not _the_parties(before[ends[-1] :].strip(), language)


def _the_parties(subject: str, language: _Language) -> bool:
    """Whether a clause's subject is the declaration's own parties ("we", "the leaders", …)."""
    return re.match(rf"(?:{language.rules['we_commit']})\b", subject, re.IGNORECASE) is not None


def _new_clause(between: str) -> bool:
    """Whether a new sentence or sentence part starts in these words, so that a cue after them
    no longer belongs to the effect foreseen before them."""
    return bool(re.search(r"[;:]|[.!?]\s", between))


def _foreseen_effect(text: str, cue: re.Match[str], language: _Language) -> bool:
    """`will` after a subject that is neither the parties nor a known actor, before a verb of
    effect: "Coordinating our efforts will allow …" foresees, it does not pledge. A predicate
    that shares its subject ("The Challenge provides …, and will …") takes the clause's."""
    effects = language.rules.get("effects")
    if not effects or cue.group().lower() not in ("will", "shall"):
        return False
    clause = _clause_before(text, cue)
    last = re.split(r",?\s+(?:and|but)\s+", clause)[-1].strip()
    opening = re.split(r",\s+", clause.strip())[0]
    # "Through our partnership, we will …": the subject follows the last comma; "The Challenge
    # provides …, and will …": the predicate shares the clause's subject, at its start.
    subject = re.split(r",\s+", last)[-1] if last else opening
    if not subject or _the_parties(subject, language):
        return False
    verb = re.match(r"\s+(?:also\s+|further\s+|\w+ly\s+)?(\w+)", text[cue.end() :])
    of_effect = verb is not None and verb.group(1).lower() in effects
    if not of_effect and not (
        _an_instrument(subject, language)
        # a name with commas, "The Agreement on Reciprocal, Fair, and Balanced Trade", puts the
        # head of its subject before the last comma, at the clause's opening
        or (
            opening.split(" ", 1)[0].lower() not in language.rules.get("prepositions", ())
            and _an_instrument(opening, language)
        )
    ):
        return False
    return not any(
        re.search(rf"(?<![\w-])(?:{pattern})(?![\w-])", subject, re.IGNORECASE)
        for pattern, _ in ACTORS
    )


def _an_instrument(subject: str, language: _Language) -> bool:
    """A subject that is a thing made, not a body that acts ("The Agreement on Reciprocal
    Trade", "A supply chain methodology", "The Challenge"): what it `will` do is foreseen, whatever
    the verb. The parties' own ("our approach") stays theirs."""
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", subject)[:4]]
    if not words or words[0] in language.rules.get("ours", ()):
        return False
    if words == [words[0]] and words[0] in language.rules.get("thing_pronouns", ()):
        return True
    things = language.rules.get("instruments", ())
    return any(word in things or word.removesuffix("s") in things for word in words)


def classify(text: str, language: str, chapeau: str | None = None) -> str:
    """`operative` or `preambular`: by the text's cue words; an item under a chapeau takes the
    chapeau's kind; an item that opens with an action verb is an action to take."""
    rules = _language(language)
    found = _classify_cue(text, rules)
    if found:
        return found
    if chapeau:
        return chapeau
    return OPERATIVE if rules.actions.match(text) else PREAMBULAR


def _lead_in_kind(text: str, language: _Language) -> str:
    """A lead-in is a chapeau, unless it pledges on its own before the words that introduce the
    list ("To advance these interests, we are partnering to counter … and commit to:"), or is a
    clause of its own that a list of examples follows ("…, including:"), classified as such."""
    own = re.search(r",\s+(?:including|in particular|notably|such as)\s*:$", text)
    if own:  # "The Summit will build on … and will place an emphasis on …, including:"
        return classify(text[: own.start()], language.code)
    words = "|".join(map(re.escape, language.rules.get("conjunctions", ())))
    head = re.split(rf"\s+(?:{words})\s+(?=[^\s]+(?:\s+\S+){{0,3}}:$)", text) if words else []
    if len(head) > 1 and _classify_cue(head[0], language) == OPERATIVE:
        return OPERATIVE
    return CHAPEAU


def _chapeau_kind(text: str, language: _Language) -> str:
    found = _classify_cue(text, language)
    if found:
        return found
    return OPERATIVE if language.chapeau_actions.search(text) else PREAMBULAR


# --- the whole text ---------------------------------------------------------------------------


def parse(text: str, language: str = "auto") -> Parsed:
    """Read a declaration's text: its paragraphs, numbered and classified, in document order."""
    if language != "auto" and language not in RULES:
        raise UsageError(f"unknown language '{language}' (use one of: auto, {', '.join(RULES)})")
    raw = _lines(text)
    code = detect_language("\n".join(raw)) if language == "auto" else language
    rules = _language(code)
    raw = _within_text_markers(raw, rules)
    reader = _Reader(raw, rules)
    start = _start(reader)
    units = reader.units(start)
    warnings: list[str] = []
    title = _title(units)
    segments = _segments(_inner_lists(units))
    first = _body(segments[0][1], rules)
    printed = _is_printed(_numbers(first)) or len(segments) > 1
    if not printed:
        return Parsed(tuple(_in_order(first, rules)), code, ORDER_OF_STATEMENT, title, ())
    paragraphs: list[Paragraph] = []
    sections: list[tuple[str, str]] = []
    for index, (heading, segment) in enumerate(segments):
        letter = "" if index == 0 else chr(ord("a") + index - 1)
        if letter:
            sections.append((letter, heading or f"Annex {letter.upper()}"))
        found: list[str] = []
        numbered = _printed(_body(segment, rules), rules, found)
        where = f"annex {letter.upper()}: " if letter else ""
        warnings.extend(where + warning for warning in found)
        paragraphs.extend(
            dataclasses.replace(p, number=letter + p.number) if p.number and letter else p
            for p in numbered
        )
    return Parsed(tuple(paragraphs), code, PRINTED, title, tuple(warnings), tuple(sections))


def _within_text_markers(lines: list[str], language: _Language) -> list[str]:
    """The statement between an editor's `Begin Text:` and `End Text` lines, under the title:
    the note around it ("The following is the text of a joint statement signed by …", the
    governments that joined later) is not the statement's."""

    def marks(key: str, line: str) -> bool:
        words = " ".join(re.findall(r"\w+", line.lower()))
        return bool(words) and words in language.rules.get(key, ())

    begin = next((i for i, line in enumerate(lines) if marks("text_begin", line)), None)
    if begin is None:
        return lines
    end = next((i for i in range(begin + 1, len(lines)) if marks("text_end", lines[i])), None)
    title = list(itertools.takewhile(bool, lines))  # the first block of lines: the title
    kept = lines[begin + 1 : end]
    return [*title, "", *kept] if 0 < len(title) < begin else kept


def _body(units: Sequence[_Unit], rules: _Language) -> list[_Unit]:
    body = [u for u in units if u.role not in ("heading", "footnote")]
    return [u for i, u in enumerate(body) if not _is_interloper(body, i, rules)]


def _numbers(units: Sequence[_Unit]) -> list[int]:
    return [n for u in units for n in (*u.markers, *([u.own] if u.own is not None else []))]


def _is_printed(numbers: Sequence[int]) -> bool:
    """Does the text number its paragraphs? At least two numbers, mostly rising (a number out
    of place is kept as printed, with a warning)."""
    if len(numbers) < 2:
        return False
    rising = sum(1 for a, b in itertools.pairwise(numbers) if a < b)
    return rising >= 0.75 * (len(numbers) - 1)


def _is_annex_heading(text: str) -> bool:
    words = text.lstrip("#* ").split()
    return bool(words) and words[0].rstrip(":.").upper() in ANNEX_HEADINGS


_MAX_ANNEXES = 26  # annexes a … z; a numbering that starts again after those is kept as printed


def _first_number(unit: _Unit) -> int | None:
    return unit.markers[0] if unit.markers else unit.own


def _inner_lists(units: list[_Unit]) -> list[_Unit]:
    """Paragraphs with a list numbered from 1 inside them, after which the main numbering goes
    on ("2. Investment: … 1. Project selection … 4. Ministerial … 3. Permitting"), hold that
    list: its items join the paragraph. A number printed twice (a stray `1.` line before a
    paragraph numbered 1) is one number."""
    for unit in units:
        if unit.own is not None and unit.markers and unit.markers[-1] == unit.own:
            unit.markers.pop()
    kept: list[_Unit] = []
    highest, index = 0, 0
    while index < len(units):
        unit = units[index]
        if _first_number(unit) == 1 and highest >= 2 and kept:
            end, count, cursor = None, 0, index
            while cursor < len(units) and units[cursor].own == count + 1:
                if units[cursor].markers:
                    break
                count, cursor = count + 1, cursor + 1
                if cursor < len(units) and _first_number(units[cursor]) == highest + 1:
                    end = cursor  # the longest run after which the main numbering goes on
            if end is not None:
                holder = next(u for u in reversed(kept) if _first_number(u) is not None)
                for item in units[index:end]:
                    holder.absorb(item)
                index = end
                continue
        if _first_number(unit) is not None:
            highest = max(highest, *_numbers([unit]))
        kept.append(unit)
        index += 1
    return kept


def _segments(units: list[_Unit]) -> list[tuple[str | None, list[_Unit]]]:
    """The numbered sequences of the text: the main text, then each annex or appendix whose
    numbering starts again from 1, with the heading that opens it. A list numbered from 1 inside
    a paragraph, after which the main numbering goes on, is no new sequence."""
    segments: list[tuple[str | None, list[_Unit]]] = [(None, [])]
    highest = 0
    headings: list[str] = []
    for index, unit in enumerate(units):
        first = _first_number(unit)
        if unit.role == "heading":
            headings.append(unit.text)
        elif first is not None:
            annex = [h for h in headings if _is_annex_heading(h)]
            if first == 1 and highest >= 2 and len(segments) <= _MAX_ANNEXES:
                resumes = any(_first_number(u) == highest + 1 for u in units[index + 1 :])
                if annex or not resumes:
                    start = next(i for i, h in enumerate(headings) if h in annex) if annex else -1
                    heading = " — ".join(headings[start:]) if headings else None
                    segments.append((heading, []))
                    highest = 0
            highest = max(highest, *_numbers([unit]))
            headings = []
        segments[-1][1].append(unit)
    return segments


def _title(units: Sequence[_Unit]) -> str | None:
    """The heading above the first paragraph, or an unnumbered first unit with no end stop."""
    for unit in units:
        if unit.role == "heading" and _BODY_OPENER.match(unit.text):
            return None  # a resolution's body starts at once: its title is on the cover page
        if unit.role == "heading":
            return unit.text
        if unit.role == "footnote":
            continue
        if unit.own is None and not unit.markers and _last_char(unit.text) not in _TERMINAL:
            return unit.text
        break
    return None


def _printed(units: list[_Unit], language: _Language, warnings: list[str]) -> list[Paragraph]:
    merged: list[_Unit] = []
    for unit in units:
        if unit.role == "item" and merged and not unit.markers:
            merged[-1].absorb(unit)  # a bullet list belongs to the numbered paragraph above it
        else:
            merged.append(unit)
    front_end = next((i for i, u in enumerate(merged) if u.own is not None or u.markers), 0)
    merged = [
        u
        for i, u in enumerate(merged)
        if i >= front_end or _last_char(u.text) in _TERMINAL  # the title is not a paragraph
    ]
    paragraphs: list[Paragraph] = []
    chapeau_kind: str | None = None
    numbered = _number_printed(merged, warnings)
    _warn_order([n for n, _, _ in numbered if n is not None], warnings)
    seen: Counter[int] = Counter()
    for number, unit, is_chapeau in numbered:
        text = _repair_phrases(unit.text, language.rules)
        if is_chapeau:
            chapeau_kind = _chapeau_kind(text, language)
            paragraphs.append(Paragraph(None, CHAPEAU, text, _kind_confidence(text, language)))
            continue
        if number is None:
            chapeau_kind = None
        inherited = chapeau_kind if number is not None else None
        kind = classify(text, language.code, inherited)
        confidence = _kind_confidence(text, language, inherited)
        shown = None
        if number is not None:
            seen[number] += 1
            shown = str(number) + ("" if seen[number] == 1 else "abcdefghij"[seen[number] - 2])
            if unit.own != number and number not in unit.markers:
                confidence *= 0.8  # a number inferred from the sequence, not printed here
        paragraphs.append(Paragraph(shown, kind, text, round(confidence, 2)))
    return paragraphs


def _warn_order(numbers: Sequence[int], warnings: list[str]) -> None:
    """Warn where printed numbers go back or repeat: they are kept as printed."""
    for before, after in itertools.pairwise(numbers):
        if after <= before:
            again = "again" if after == before else f"after {before}"
            warnings.append(f"paragraph {after} is printed {again}: numbers kept as printed")
        elif after > before + 1:
            gap = f"{_span(list(range(before + 1, after)))}: no text found"
            if gap not in warnings:
                warnings.append(gap)


def _kind_confidence(text: str, language: _Language, chapeau: str | None = None) -> float:
    """0.9 when a cue word decides the kind, 0.8 for an item that takes its chapeau's kind,
    0.7 for an item that opens with an action verb, 0.6 for a kind given for want of a cue."""
    if _classify_cue(text, language):
        return 0.9
    if chapeau:
        return 0.8
    return 0.7 if language.actions.match(text) else 0.6


def _in_order(units: list[_Unit], language: _Language) -> list[Paragraph]:
    """Units of a text that numbers nothing: sentences of prose, items under their chapeau."""
    merged: list[_Unit] = []
    for unit in units:
        if unit.strength <= 1 and merged and unit.role == "text":
            merged[-1].absorb(unit)  # a blank line inside a sentence
        else:
            merged.append(unit)
    pieces: list[tuple[str, str]] = []  # (kind, text)
    chapeau_kind: str | None = None
    for index, unit in enumerate(merged):
        text = _repair_phrases(unit.text, language.rules)
        is_item = unit.role in ("item", "numbered")
        following = merged[index + 1] if index + 1 < len(merged) else None
        if not is_item:
            chapeau_kind = None
        if (
            not is_item
            and _last_char(text) == ":"
            and following is not None
            and following.role in ("item", "numbered")
        ):
            chapeau_kind = _chapeau_kind(text, language)
            pieces.append((_lead_in_kind(text, language), text))
            continue
        if is_item:
            pieces.append((classify(text, language.code, chapeau_kind), text))
            continue
        if following and _last_char(text) not in _TERMINAL and len(text.split()) <= _HEADING_WORDS:
            continue  # a heading that wraps over lines: it states nothing
        sentences = _sentences(text, language)
        for place, sentence in enumerate(sentences, 1):
            if (
                place == len(sentences)
                and following is not None
                and _last_char(sentence) == ":"
                and language.chapeau_actions.search(sentence)
            ):  # "Specifically, we commit to undertake the following measures:" before paragraphs
                pieces.append((_lead_in_kind(sentence, language), sentence))
            else:
                pieces.append((classify(sentence, language.code), sentence))
    # A lead-in that only introduces its list numbers nothing, as in a numbered text.
    width = max(2, len(str(sum(kind != CHAPEAU for kind, _ in pieces))))
    numbers = itertools.count(1)
    return [
        Paragraph(
            None if kind == CHAPEAU else str(next(numbers)).zfill(width),
            kind,
            text,
            round(0.9 * _kind_confidence(text, language), 2),
        )
        for kind, text in pieces
    ]
