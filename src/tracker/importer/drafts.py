"""From an operative paragraph to a pledge draft that reads like a pledge: a title that is an
imperative clause ("Establish a joint task force on port security"), the actors the paragraph
names, and the deadline it sets, each a proposal for the user to check.

Titles: the promise is taken from after the commitment cue ("We will", "We commit to",
"We call on Europol to"), its first verb put in the plain form ("strengthening" → "Strengthen",
"supports" → "Support"); the deadline and the called-on actor are moved out of it; it is cut
at a clause or phrase boundary to at most TITLE_LIMIT characters, never mid-phrase and never with
an ellipsis. Texts in languages other than English keep the words after the cue, cut the same way.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from .rules import ACTORS, RULES
from .text import OPERATIVE, Paragraph, Parsed, _language

TITLE_LIMIT = 90


@dataclass(frozen=True, slots=True)
class Draft:
    """A paragraph as `tracker import` proposes it: what it found, and what it proposes."""

    number: str | None
    kind: str
    confidence: float
    title: str | None  # None for a paragraph that is not operative
    actors: tuple[str, ...]
    due: dt.date | None
    text: str
    section: str | None = None


def draft_all(parsed: Parsed, known_date: dt.date | None = None) -> list[Draft]:
    """A draft per paragraph, in document order: titles, actors and due dates for the operative
    ones. `known_date` is the declaration's date, which "within six months of this
    declaration" counts from."""
    out = []
    for paragraph in parsed.paragraphs:
        operative = paragraph.kind == OPERATIVE and paragraph.number is not None
        if operative:
            title, actors, due = propose(paragraph.text, parsed.language, known_date)
        else:
            title, actors, due = None, (), None
        out.append(
            Draft(
                paragraph.number,
                paragraph.kind,
                paragraph.confidence,
                title,
                actors,
                due,
                paragraph.text,
                parsed.section_of(paragraph),
            )
        )
    return out


def pledge_drafts(parsed: Parsed, known_date: dt.date | None = None) -> list[Draft]:
    """The drafts that become pledge files: the numbered operative paragraphs."""
    return [d for d in draft_all(parsed, known_date) if d.title is not None]


def propose(
    text: str, language: str, known_date: dt.date | None = None
) -> tuple[str, tuple[str, ...], dt.date | None]:
    """Title, actors and due date proposed for an operative paragraph."""
    due, without_due = find_due(text, language, known_date)
    called, body = _promise(without_due, language)
    actors = _actors(text, called)
    return _title(body or without_due or text, language), actors, due


# --- the deadline -----------------------------------------------------------------------------


@cache
def _due_patterns(
    language: str,
) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str] | None]:
    """A date; a deadline (a cue and a date); a period counted from a date."""
    rules = RULES[language]
    months = "|".join(rules["months"])
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th|\.)?"
    year = r"(?P<year>(?:19|20)\d\d)"
    month = rf"(?P<month>{months})"
    date = (
        rf"(?:{day}\s+(?:of\s+)?{month},?\s+{year}"
        rf"|(?P<month2>{months})\s+(?P<day2>\d{{1,2}}),?\s+(?P<year2>(?:19|20)\d\d)"
        rf"|(?:(?P<end>{'|'.join(map(re.escape, rules.get('end_of', ())))})\s+)?"
        rf"(?:(?P<month3>{months})\s+)?(?P<year3>(?:19|20)\d\d))"
    )
    cues = sorted(rules.get("due_cues", ()), key=len, reverse=True)
    cue = "|".join(re.escape(c) for c in cues) or r"(?!x)x"
    deadline = re.compile(rf",?\s*(?<!\w)(?:{cue})\s+(?:the\s+)?{date}(?!\w)", re.IGNORECASE)
    within = None
    if rules.get("within"):
        counts = "|".join(re.escape(c) for c in sorted(rules["counts"], key=len, reverse=True))
        units = "|".join(f"{single}s?" for single in rules["units"])
        reference = "|".join(re.escape(r) for r in rules["this_declaration"])
        after = "|".join(rules["within_of"])
        within = re.compile(
            rf",?\s*(?<!\w)(?:{'|'.join(rules['within'])})\s+(?P<count>\d{{1,3}}|{counts})\s+"
            rf"(?P<unit>{units})\s+(?:{after})\s+(?:(?P<this>{reference})|"
            rf"(?P<ref>(?:the\s+)?(?:\d{{1,2}}\s+)?(?:{months})?\s*(?:\d{{1,2}},?\s+)?"
            rf"(?:19|20)\d\d))(?!\w)",
            re.IGNORECASE,
        )
    return re.compile(date, re.IGNORECASE), deadline, within


def _month_number(name: str, language: str) -> int:
    return [m.lower() for m in RULES[language]["months"]].index(name.lower()) + 1


def _date_of(match: re.Match[str], language: str) -> dt.date | None:
    groups = match.groupdict()
    try:
        if groups.get("day"):
            return dt.date(
                int(groups["year"]),
                _month_number(groups["month"], language),
                int(groups["day"]),
            )
        if groups.get("day2"):
            return dt.date(
                int(groups["year2"]), _month_number(groups["month2"], language), int(groups["day2"])
            )
        year = int(groups["year3"])
        if groups.get("month3"):
            month = _month_number(groups["month3"], language)
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        return dt.date(year, 12, 31)  # `by 2030`, `by the end of 2025`: the year's last day
    except (ValueError, TypeError):
        return None


def _add(date: dt.date, count: int, unit: str) -> dt.date:
    if unit.startswith("day"):
        return date + dt.timedelta(days=count)
    if unit.startswith("week"):
        return date + dt.timedelta(weeks=count)
    months = count * (12 if unit.startswith("year") else 1)
    year, month = divmod(date.month - 1 + months, 12)
    year += date.year
    day = min(date.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def _reference_date(text: str, language: str) -> dt.date | None:
    date, _, _ = _due_patterns(language)
    match = date.search(text)
    return _date_of(match, language) if match else None


def find_due(
    text: str, language: str, known_date: dt.date | None = None
) -> tuple[dt.date | None, str]:
    """The deadline a paragraph sets, and the paragraph without the words that set it.

    `by 31 December 2026` → 2026-12-31; `before the end of 2025` and `by 2025` → 2025-12-31;
    `by March 2026` → 2026-03-31; `within six months of this declaration` → six months after
    `known_date`, and `within six months of 1 March 2026` → 2026-09-01. A date without a
    deadline cue ("in 2024 we met") is no deadline.
    """
    if language not in RULES:
        return None, text
    _, deadline, within = _due_patterns(language)
    if within is not None:
        match = within.search(text)
        if match:
            count_text = match.group("count").lower()
            counts = RULES[language]["counts"]
            count = int(count_text) if count_text.isdigit() else counts.get(count_text, 0)
            start = known_date if match.group("this") else _reference_date(match.group(0), language)
            if start is not None and count:
                return _add(start, count, match.group("unit").lower()), _cut(text, match)
    match = deadline.search(text)
    if match:
        found = _date_of(match, language)
        if found is not None:
            return found, _cut(text, match)
    return None, text


def _cut(text: str, match: re.Match[str]) -> str:
    return re.sub(r"\s+([,;.])", r"\1", (text[: match.start()] + text[match.end() :]).strip())


# --- the promise and its actors ----------------------------------------------------------------

# The cue of a commitment in English, with the words it may have before the promise itself.
# The cue alone; the subject is what stands before it in its sentence (see `_subject`).
_EN_COMMIT = re.compile(
    r"\b(?:(?:will|shall)\s+(?:also\s+|further\s+|therefore\s+|"
    r"jointly\s+|continue\s+to\s+|collectively\s+)*"
    r"(?:(?:be\s+)?(?:firmly\s+|fully\s+|strongly\s+)?committed\s+to\s+|determined\s+to\s+|"
    r"resolved\s+to\s+|agreed\s+to\s+|decided\s+to\s+)?"
    r"|(?:are|is|have|has|remain)\s+(?:also\s+|further\s+|firmly\s+|fully\s+|strongly\s+)*"
    r"(?:committed|determined|resolved|agreed|decided|ready|prepared|dedicated)\s+to\s+"
    r"|(?:also\s+|further\s+|hereby\s+|jointly\s+|today\s+)*"
    r"(?:undert(?:ake|akes|ook)|agree[ds]?(?:\s+on\s+the\s+need)?|commit(?:s|ted)?"
    r"(?:\s+(?:ourselves|themselves))?|pledge[ds]?|resolve[ds]?|decide[ds]?|intends?|aims?|"
    r"endeavou?rs?|seeks?|strives?|look(?:s|ed)?\s+forward|"
    r"(?:(?:re)?affirm(?:s|ed)?|reiterate[ds]?|renew(?:s|ed)?|expresse?[ds]?|announce[ds]?)\s+"
    r"(?:our|their|its)\s+(?:\w+\s+)?(?:commitment|determination|resolve|intention|intent))"
    r"\s+to\s+)",
    re.IGNORECASE,
)
_EN_CALL = re.compile(
    r"\b(?:call(?:s|ed)?\s+(?:on|upon)|invite[ds]?|urge[ds]?|encourage[ds]?|request(?:s|ed)?|"
    r"task(?:s|ed)?|ask(?:s|ed)?|instruct(?:s|ed)?|mandate[ds]?)\s+"
    r"(?P<actor>[^.;:]{2,160}?)\s+to\s+(?!(?:the|a|an|this|these|its|their|our|all)\b)(?=[a-z])",
    re.IGNORECASE,
)
_EN_DIRECT = re.compile(
    r"^(?:we|they|ministers|leaders|the\s+(?:ministers|leaders|participants|parties))\s+"
    r"(?:also\s+|further\s+|therefore\s+|hereby\s+|jointly\s+|strongly\s+|fully\s+)*"
    r"(?=(?:support|call|welcome|encourage|endorse|recognise|recognize|reaffirm|stress|"
    r"emphasi[sz]e|underline|invite|urge|note|request|ask|instruct|task|agree|acknowledge|"
    r"highlight|launch|adopt|establish|approve|condemn|commend|reiterate|express|remain|stand|"
    r"look)\b)",
    re.IGNORECASE,
)
# "We look forward to concluding …", "We will …" or "We are working to …" at a sentence's start.
_EN_LEAD = re.compile(
    r"(?:we|together,\s+we)\s+(?:also\s+|further\s+)?(?:look\s+forward\s+to|will|"
    r"are\s+(?:working|ready|prepared)\s+to|aim\s+to|intend\s+to|endeavou?r\s+to)\s+",
    re.IGNORECASE,
)
# A call or support stated later in a sentence that opens otherwise ("They deplored …, and
# called for a just and durable peace"; "… and voiced support for the Initiative").
_EN_STANCE_LATER = re.compile(
    r"\b(?:(?P<call>call(?:s|ed)?\s+for)|(?:voice[ds]?|expresse?[ds]?)\s+"
    r"(?:(?:our|their|its)\s+)?(?:\w+\s+)?support\s+for)\s+",
    re.IGNORECASE,
)
_WE = re.compile(
    r"^(?:and\s+)?(?:we|they|us|ministers|leaders|the\s+(?:ministers|leaders|participants|"
    r"parties|signatories|undersigned)|all\s+\w+|both\s+\w+|together(?:\s*,)?\s+we|we\s+all|"
    r"the\s+g\d+(?:\s+leaders)?|g\d+\s+leaders)\b",
    re.IGNORECASE,
)


def _promise(text: str, language: str) -> tuple[str | None, str]:
    """The actor called on (None when the declaration's parties promise themselves), and the
    promise: the paragraph from the verb after its commitment cue."""
    if language != "en":
        return None, _after_cue(text, language)
    found: list[tuple[str | None, str]] = []  # commitments and calls
    stated: list[tuple[str | None, str]] = []  # what the parties say they do ("We support …")
    starts = [0, *(m.end() for m in re.finditer(r"[.;]\s+(?=[A-Z])", text))]
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        sentence = text[start:end]
        call = _EN_CALL.search(sentence)
        commit = _EN_COMMIT.search(sentence)
        lead = _EN_DIRECT.match(sentence) or _EN_LEAD.match(sentence)
        if call and (commit is None or call.start() <= commit.end()):
            found.append((_clean_actor(call.group("actor")), text[start + call.end() :]))
        elif commit:
            subject = _subject(sentence, commit.start())
            named = None if not subject or _WE.match(subject) else _clean_actor(subject)
            named = None if named and re.search(r"(?i)\bwe$", named) else named
            found.append(
                (named if named and _is_name(named) else None, text[start + commit.end() :])
            )
        elif lead:
            stated.append((None, text[start + lead.end() :]))
        elif stance := _EN_STANCE_LATER.search(sentence):
            verb = "call for " if stance.group("call") else "support "
            stated.append((None, verb + text[start + stance.end() :]))
    for called, body in [*found, *stated]:
        if _starts_with_verb(body):
            return called, body  # the first promise that is an action, not a noun phrase
    return ([*found, *stated] or [(None, text)])[0]


def _starts_with_verb(body: str) -> bool:
    words = re.sub(r"^(?:to|also|further|jointly|then|\w+ly)\s+", "", body.strip(), flags=re.I)
    first = words.split(" ", 1)[0].lower().strip(",")
    if first in ("not", "be", "been", "being", "the", "a", "an", "our", "their", "its"):
        return False
    return _plain_verb(first) in _VERBS or first.endswith("ing")


def _subject(text: str, cue: int) -> str:
    """The words before a commitment cue in its sentence, at most 120 characters of them,
    without a vocative (`We, the ministers,` → `We`)."""
    head = text[max(0, cue - 120) : cue]
    head = re.split(r"[.;:]\s+", head)[-1]
    head = re.sub(r",[^,]{0,80},\s*$", "", head.rstrip())
    return head.strip(" ,")


def _is_name(subject: str) -> bool:
    """Does a sentence's subject name someone (`Europol`, `the Western Balkan partners`), as
    a capital past its first word or a known body shows, rather than a thing (`Follow-up and
    intensified efforts`)?"""
    words = subject.split()
    if len(words) > 8:
        return False
    if any(re.search(rf"(?<![\w-])(?:{pattern})(?![\w-])", subject) for pattern, _ in ACTORS):
        return True
    return (len(words) == 1 and words[0][:1].isupper()) or any(w[:1].isupper() for w in words[1:])


def _clean_actor(actor: str | None) -> str | None:
    if not actor:
        return None
    actor = re.sub(r"^(?:all|both|relevant|the)\s+", "", actor.strip(), flags=re.IGNORECASE)
    actor = re.split(r",\s*(?:as well as|in particular|notably|including)\b", actor)[0]
    actor = re.split(r"\s+(?:that|which|who)\s+", actor)[0]
    actor = actor.strip(" ,")
    if not actor or len(actor) > 80 or _WE.fullmatch(actor):
        return None
    return actor


def _after_cue(text: str, language: str) -> str:
    """Other languages: the text after the commitment cue when the cue ends in an infinitive
    marker (`påtager os at`), else the text."""
    rules = _language(language)
    markers = tuple(m.lower() for m in rules.rules["infinitive_markers"])
    cue = rules.operative.search(text)
    body = text
    if cue and cue.start() < 160 and cue.group().lower().split()[-1] in markers:
        body = text[cue.end() :]
    body = re.sub(r"^[\W_]+", "", body)
    first, _, rest = body.partition(" ")
    if first.lower() in markers and rest:
        body = rest  # `er enige om at konsolidere` → `konsolidere`
    return body


def _actors(text: str, called: str | None) -> tuple[str, ...]:
    """Actors proposed: the one called on or named as subject, then the bodies the paragraph
    names (from the table in rules), each once, in order of appearance."""
    found: list[tuple[int, str]] = []
    for pattern, name in ACTORS:
        match = re.search(rf"(?<![\w-])(?:{pattern})(?![\w-])", text)
        if match:
            found.append((match.start(), name))
    names: list[str] = []
    if called:
        for part in re.split(r",\s*|\s+and\s+|\s+as well as\s+", called):
            part = re.sub(r"^(?:the|all|our)\s+", "", part.strip(), flags=re.IGNORECASE)
            canonical = next(
                (name for pattern, name in ACTORS if re.fullmatch(pattern, part, re.IGNORECASE)),
                None,
            ) or next(
                (
                    name
                    for pattern, name in ACTORS
                    if re.fullmatch(pattern, "the " + part, re.IGNORECASE)
                ),
                part,
            )
            if canonical and len(canonical.split()) <= 8 and canonical not in names:
                names.append(canonical)
    for _, name in sorted(found):
        if name not in names:
            names.append(name)
    return tuple(names[:6])


# --- the title --------------------------------------------------------------------------------

# English verbs whose forms the title turns back into the plain form.
_VERBS = frozenset(
    [
        "accelerate",
        "achieve",
        "address",
        "adopt",
        "advance",
        "align",
        "allocate",
        "apply",
        "assess",
        "assist",
        "avoid",
        "build",
        "combat",
        "commit",
        "complete",
        "conduct",
        "consider",
        "consolidate",
        "continue",
        "contribute",
        "cooperate",
        "coordinate",
        "counter",
        "create",
        "deepen",
        "define",
        "deliver",
        "deploy",
        "design",
        "develop",
        "dismantle",
        "disrupt",
        "double",
        "ease",
        "eliminate",
        "embed",
        "enable",
        "encourage",
        "end",
        "endorse",
        "enforce",
        "engage",
        "enhance",
        "ensure",
        "establish",
        "evaluate",
        "examine",
        "exchange",
        "expand",
        "explore",
        "extend",
        "facilitate",
        "finalise",
        "finalize",
        "focus",
        "foster",
        "fund",
        "help",
        "identify",
        "implement",
        "improve",
        "include",
        "increase",
        "inform",
        "integrate",
        "intensify",
        "introduce",
        "invest",
        "issue",
        "join",
        "keep",
        "launch",
        "lead",
        "leverage",
        "maintain",
        "make",
        "meet",
        "mobilise",
        "mobilize",
        "modernise",
        "modernize",
        "monitor",
        "move",
        "offer",
        "organise",
        "organize",
        "pool",
        "prepare",
        "present",
        "prevent",
        "prioritise",
        "prioritize",
        "promote",
        "protect",
        "provide",
        "pursue",
        "raise",
        "reach",
        "recognise",
        "recognize",
        "reduce",
        "reform",
        "reinforce",
        "remain",
        "remove",
        "report",
        "request",
        "respond",
        "restore",
        "review",
        "safeguard",
        "scale",
        "secure",
        "seek",
        "set",
        "share",
        "simplify",
        "step",
        "strengthen",
        "streamline",
        "support",
        "sustain",
        "tackle",
        "take",
        "target",
        "train",
        "transform",
        "update",
        "upgrade",
        "use",
        "welcome",
        "work",
    ]
)
# Verbs of joint statements the list above lacks.
_VERBS = _VERBS | frozenset(
    [
        "comply",
        "partner",
        "visit",
        "broaden",
        "accelerate",
        "harness",
        "prioritize",
        "prioritise",
        "redouble",
        "leverage",
        "bolster",
        "uphold",
        "mobilize",
        "mobilise",
    ]
)
# The third-person verbs that open a resolution's operative paragraphs ("Endorses …").
_VERBS = _VERBS | frozenset(
    [
        "endorse",
        "decide",
        "request",
        "urge",
        "invite",
        "express",
        "note",
        "welcome",
        "stress",
        "emphasize",
        "emphasise",
        "underline",
        "reaffirm",
        "reiterate",
        "recognize",
        "recognise",
        "acknowledge",
        "affirm",
        "condemn",
        "commend",
        "appeal",
        "declare",
        "proclaim",
        "call",
        "approve",
        "authorize",
        "authorise",
        "recommend",
        "demand",
    ]
)
_BOUNDARY = re.compile(
    r"[;:]|(?<!\b[A-Za-z])\.\s+(?=(?-i:[A-Z\d]))|\s+and\s+(?=\w+ed\s+the\b)|"
    r",\s+(?=(?:and|including|in particular|notably|inter alia|as well as|which|while|"
    r"where|whereby|with a view|so as|in order|such as|building on|taking|through|by|to)\b)|"
    r"\s+(?=(?:in order to|with a view to|so as to|including|through|by means of|as well as|"
    r"in particular|notably|inter alia|such as|which|where|whereby|while|building on)\b)|"
    r"\s+—\s+|\s+–\s+|\s+\(",
    re.IGNORECASE,
)
_SOFT = re.compile(
    r"\s+(?=(?:and|or|to|for|in|on|with|of|at|from|across|between|among|within|under|into|by)\b)",
    re.IGNORECASE,
)
_DANGLING = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "for",
        "in",
        "on",
        "with",
        "at",
        "by",
        "from",
        "as",
        "its",
        "their",
        "our",
        "his",
        "her",
        "this",
        "that",
        "these",
        "those",
        "into",
        "across",
        "between",
        "among",
        "within",
        "under",
        "such",
        "both",
        "all",
        "any",
        "each",
        "other",
    ]
)


def _plain_verb(word: str) -> str:
    """`strengthening` → `strengthen`, `supports` → `support`, `making` → `make`."""
    lower = word.lower()
    if lower in _VERBS:
        return lower
    if lower.endswith("ing") and len(lower) > 5:
        stem = lower[:-3]
        for candidate in (stem, stem + "e", stem[:-1]):
            if candidate in _VERBS:
                return candidate
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsfz":
            return stem[:-1]
        if re.search(r"(?:at|iz|is|iv|ov|uc|ur|ag|rg|rv|lv|nc|rc|ang|ud|id|ak|as)$", stem):
            return stem + "e"
        return stem
    if lower.endswith("ies") and lower[:-3] + "y" in _VERBS:
        return lower[:-3] + "y"
    if lower.endswith("es") and lower[:-2] in _VERBS:
        return lower[:-2]
    if lower.endswith("s") and lower[:-1] in _VERBS:
        return lower[:-1]
    return word


# A stance restated as a noun, put back as the verb it stands for: "reiterate our strong
# condemnation of X" → "condemn X", "reaffirm our support for X" → "support X".
_EN_STANCES = {
    "condemnation": "condemn",
    "support": "support",
    "call": "call for",
    "solidarity": "stand in solidarity with",
    "gratitude": "thank",
    "appreciation": "thank",
}
_EN_STANCE = re.compile(
    r"^(?:(?:re)?affirm|reiterate|renew|express|voice)\w*\s+(?:our|their|its)\s+"
    r"(?:[\w-]+\s+){0,2}?(?P<noun>" + "|".join(_EN_STANCES) + r")\s+(?:of|for|with|to)\s+",
    re.IGNORECASE,
)
# An action named as a noun, put back as its verb: "(commit to) the full implementation of X"
# → "implement X".
_EN_ACTIONS = {
    "implementation": "implement",
    "establishment": "establish",
    "adoption": "adopt",
    "promotion": "promote",
    "protection": "protect",
    "elimination": "eliminate",
    "strengthening": "strengthen",
    "development": "develop",
    "achievement": "achieve",
    "realization": "realize",
    "realisation": "realise",
    "completion": "complete",
    "conclusion": "conclude",
}
_EN_ACTION = re.compile(
    r"^(?:the\s+)?(?:(?:full|effective|timely|early|swift|prompt|successful|further)"
    r"(?:,?\s+(?:and\s+)?(?:full|effective|timely|early|swift|prompt|successful))*\s+)?"
    r"(?P<noun>" + "|".join(_EN_ACTIONS) + r")\s+of\s+(?=(?:the|a|an|all|our|its|their)\b)",
    re.IGNORECASE,
)


def _title(body: str, language: str) -> str:
    body = re.sub(r"^[\W_]+", "", body.strip())
    words = body.split(" ", 1)
    if language == "en" and words and words[0]:
        stance = _EN_STANCE.match(body) or _EN_ACTION.match(body)
        if stance:
            verbs = {**_EN_STANCES, **_EN_ACTIONS}
            body = verbs[stance.group("noun").lower()] + " " + body[stance.end() :]
        body = re.sub(r"^(?:to|also|further|jointly|then)\s+", "", body, flags=re.IGNORECASE)
        body = re.sub(r"^\w+ly\s+(?=\w+ing\b)", "", body)  # `swiftly concluding` → `concluding`
        words = body.split(" ", 1)
        first = _plain_verb(words[0])
        body = first + (" " + words[1] if len(words) > 1 else "")
    body = " ".join(body.split()).rstrip(" .;,:")
    body = _shorten(body, TITLE_LIMIT) if language == "en" else _shorten_plain(body, language)
    return body[:1].upper() + body[1:]


def _shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at the last clause or phrase boundary that
    keeps it whole; a dangling `and`, `of the` or open bracket is taken off."""
    text = re.split(r"(?<!\b[A-Za-z])\.\s+(?=[A-Z\d])", text, maxsplit=1)[0]  # one sentence
    first = _BOUNDARY.search(text)
    if first and first.start() >= 25:
        text = text[: first.start()]  # one clause: the promise, not its reasons or means
    if len(text) <= limit:
        return _tidy(text)
    cuts = [m.start() for m in _BOUNDARY.finditer(text) if 25 <= m.start() <= limit]
    if not cuts:
        cuts = [m.start() for m in _SOFT.finditer(text) if 25 <= m.start() <= limit]
    if not cuts:
        cuts = [m.start() for m in re.finditer(r"\s", text) if 25 <= m.start() <= limit]
    return _tidy(text[: cuts[-1]] if cuts else text[:limit])


def _shorten_plain(text: str, language: str) -> str:
    """Other languages: the first clause, cut at the last word that fits, without a dangling
    short word of the language."""
    text = re.split(r"[;:]", text, maxsplit=1)[0]
    if len(text) > TITLE_LIMIT:
        cut = text[: TITLE_LIMIT + 1]
        text = cut[: cut.rfind(" ")] if " " in cut else cut[:TITLE_LIMIT]
    dangling = frozenset(RULES[language]["stopwords"]) | frozenset(RULES[language]["conjunctions"])
    return _tidy(text, dangling)


def _tidy(text: str, dangling: frozenset[str] = _DANGLING) -> str:
    text = text.rstrip(" ,;:-–—(")
    words = text.split()
    while len(words) > 3 and words[-1].lower().strip(",") in dangling:
        words.pop()
    text = " ".join(words).rstrip(" ,;:-–—(")
    if text.count("(") > text.count(")"):
        text = text[: text.rfind("(")].rstrip(" ,")
    return text


def title_of(text: str, language: str) -> str:
    """The draft title of an operative paragraph (see the module's docstring)."""
    return propose(text, language)[0]


__all__ = ["Draft", "Paragraph", "draft_all", "find_due", "pledge_drafts", "propose", "title_of"]
