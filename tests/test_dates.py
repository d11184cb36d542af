import datetime as dt

import pytest

from tracker.dates import parse_human_date

TODAY = dt.date(2024, 5, 10)


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("2024-03-14", "2024-03-14", "day"),
        ("14 March 2024", "2024-03-14", "day"),
        ("Mar 14, 2024", "2024-03-14", "day"),
        ("14/03/2024", "2024-03-14", "day"),  # day first, as outside the US
        ("2024/03/14", "2024-03-14", "day"),
        ("March 2024", "2024-03", "month"),
        ("2024-03", "2024-03", "month"),
        ("2024", "2024", "year"),
        ("today", "2024-05-10", "day"),
        (" Yesterday ", "2024-05-09", "day"),
    ],
)
def test_what_people_type(text, iso, precision):
    parsed = parse_human_date(text, TODAY)
    assert (parsed.isoformat(), parsed.precision) == (iso, precision)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("14 March", "has no year"),
        ("nonsense", "cannot read 'nonsense' as a date"),
        ("2023-02-30", "is not a real date"),
        ("31 February 2024", "cannot read"),
    ],
)
def test_what_cannot_be_read_is_refused_not_guessed(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_human_date(text, TODAY)
