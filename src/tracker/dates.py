"""Dates as people type them on the command line: `2024-03-14`, `14 March 2024`, `March 2024`.

python-dateutil reads the words; what it cannot know is which parts the person left out (it fills
them in from a default date). Parsing twice with two different defaults tells: a part that
changes with the default was not given. So `March 2024` is a month, never an invented day.
"""

from __future__ import annotations

import datetime as dt
import re

from .model import PartialDate, parse_partial_date

_ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_DEFAULTS = (dt.datetime(2000, 1, 1), dt.datetime(2001, 2, 2))


def parse_human_date(text: str, today: dt.date | None = None) -> PartialDate:
    """A date of day, month or year precision; raises ValueError with a readable reason.

    Accepts ISO (`2024-03-14`, `2024-03`, `2024`), `today`, `yesterday`, and what dateutil
    reads (`14 March 2024`, `March 2024`, `2024/03/14`). A date without a year is refused:
    guessing one would be an invented fact.
    """
    cleaned = text.strip()
    lowered = cleaned.lower()
    today = today or dt.date.today()
    if lowered in ("today", "yesterday"):
        day = today - dt.timedelta(days=1 if lowered == "yesterday" else 0)
        return PartialDate(day.year, day.month, day.day)
    if _ISO.fullmatch(cleaned):
        return parse_partial_date(cleaned)
    from dateutil import parser

    try:
        first, second = (parser.parse(cleaned, default=d, dayfirst=True) for d in _DEFAULTS)
    except (ValueError, OverflowError, parser.ParserError):
        raise ValueError(
            f"cannot read '{text}' as a date (try 2024-03-14 or '14 March 2024')"
        ) from None
    if first.year != second.year:
        raise ValueError(f"'{text}' has no year")
    if first.month != second.month:
        return PartialDate(first.year, precision="year")
    if first.day != second.day:
        return PartialDate(first.year, first.month, precision="month")
    return PartialDate(first.year, first.month, first.day)
