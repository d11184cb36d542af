"""The status vocabulary and the other closed lists of the pledge format.

Kept apart from tracker.model (which re-exports all of it) because the command line needs it to
declare its options, and `tracker --help` should not pay for building the model's dataclasses.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal


class Status(StrEnum):
    UNASSESSED = "unassessed"
    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    PARTIAL = "partial"
    COMPLETED = "completed"
    STALLED = "stalled"
    DROPPED = "dropped"


STATUS_MEANING: dict[str, str] = {
    "unassessed": "nobody has looked yet",
    "not-started": "looked: no action found",
    "in-progress": "action under way",
    "partial": "done in part, or in a weaker form",
    "completed": "done as promised",
    "stalled": "started, then stopped",
    "dropped": "abandoned or superseded",
}

# G7/G20 Research Group compliance score: +1 complied, 0 partial or work under way, -1 not.
# `unassessed` has no score: it is left out of the mean.
STATUS_SCORE: dict[str, int] = {
    "not-started": -1,
    "in-progress": 0,
    "partial": 0,
    "completed": 1,
    "stalled": -1,
    "dropped": -1,
}

SCORE_FORMULA = (
    "mean over assessed pledges of +1 completed, 0 in-progress or partial, −1 not-started, "
    "stalled or dropped; unassessed pledges are left out"
)

# A pledge is closed when nothing more is expected of it; it can then no longer be overdue.
CLOSED_STATUSES = frozenset({"completed", "dropped"})
OPEN_STATUSES = frozenset(s.value for s in Status) - CLOSED_STATUSES

StatusName = Literal[
    "unassessed", "not-started", "in-progress", "partial", "completed", "stalled", "dropped"
]
LinkKind = Literal["source", "follow-up", "evidence", "news"]
LINK_KINDS: tuple[str, ...] = ("source", "follow-up", "evidence", "news")
Numbering = Literal["printed", "order-of-statement"]

# An open pledge with no news for this many days is stale: the report's span, `tracker list
# --stale`'s default, and what validate warns of for an overdue pledge.
STALE_DAYS = 90
# `tracker list --attention` also keeps open pledges due within this many days.
DUE_SOON_DAYS = 30

# The keys `tracker list --sort` orders by (a leading `-` reverses each).
SORT_KEYS: tuple[str, ...] = ("id", "due", "status", "updated", "declaration")
