import datetime as dt
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.model import (
    Link,
    PartialDate,
    Pledge,
    PledgeEntry,
    Update,
    check_http_url,
    natural_key,
    number_key,
    parse_iso_date,
    parse_partial_date,
    pledge_record,
)


def test_partial_date_keeps_its_precision_and_sorts_as_first_day():
    month = parse_partial_date("2022-10")
    assert month.isoformat() == "2022-10"
    assert str(month) == "2022-10"
    assert month.precision == "month"
    assert month == dt.date(2022, 10, 1)
    assert month < dt.date(2022, 10, 2)
    assert month.last_day == dt.date(2022, 10, 31)
    assert parse_partial_date("2022-12").last_day == dt.date(2022, 12, 31)
    assert parse_partial_date("2018").isoformat() == "2018"
    assert parse_partial_date(2018).last_day == dt.date(2018, 12, 31)
    assert parse_partial_date("2024-02-29").precision == "day"


def test_partial_date_survives_pickling():
    restored = pickle.loads(pickle.dumps(parse_partial_date("2022-10")))
    assert restored.isoformat() == "2022-10"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2023-02-30", "is not a real date (day is out of range for month)"),
        ("2023-13-01", "is not a real date (month must be in 1..12)"),
        ("March 2024", "is not a date"),
        ("2024-3-1", "is not a date"),
    ],
)
def test_impossible_or_unreadable_dates_are_errors_not_crashes(text, reason):
    with pytest.raises(ValueError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        parse_iso_date(text)
    with pytest.raises(ValueError):
        parse_partial_date(text)


def test_full_dates_only_where_a_day_is_needed():
    assert parse_iso_date("2025-12-31") == dt.date(2025, 12, 31)
    with pytest.raises(ValueError):
        parse_iso_date("2025-12")
    with pytest.raises(ValueError, match="time of day"):
        parse_iso_date(dt.datetime(2025, 1, 1, 12))


@pytest.mark.parametrize("url", ["https://example.org/a?b=c", "http://example.org"])
def test_http_links_are_accepted(url):
    assert check_http_url(url) == url


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "file:///etc/passwd", "ftp://example.org", "https://", "x"]
)
def test_other_links_are_refused(url):
    with pytest.raises(ValueError, match="not an http"):
        check_http_url(url)


def test_natural_order_puts_9_before_16():
    ids = ["eu-clasi-2023-16", "eu-clasi-2023-9", "eu-clasi-2023-22a", "eu-clasi-2023-22"]
    assert sorted(ids, key=natural_key) == [
        "eu-clasi-2023-9",
        "eu-clasi-2023-16",
        "eu-clasi-2023-22",
        "eu-clasi-2023-22a",
    ]


def test_number_key_treats_leading_zeros_as_the_same_paragraph():
    assert number_key("07") == number_key("7") == ("", 7, "")
    assert number_key("22a") == ("", 22, "a")


def test_number_key_puts_an_annexs_paragraphs_after_the_main_text():
    numbers = ["a2", "b1", "40", "a10", "22a", "a1"]
    assert sorted(numbers, key=number_key) == ["22a", "40", "a1", "a2", "a10", "b1"]
    assert number_key("a01") == number_key("a1") != number_key("1")


def _pledge(**fields):
    return Pledge(**{"title": "T", "status": "unassessed", **fields})


def test_last_update_is_the_newest_by_date_not_by_position():
    older = Update(date=parse_partial_date("2024-01-01"), note="old")
    newer = Update(date=parse_partial_date("2024-06-01"), note="new")
    assert _pledge(updates=(newer, older)).last_update is newer
    assert _pledge().last_update is None


def test_overdue_means_due_passed_and_not_closed():
    today = dt.date(2025, 1, 1)
    assert _pledge(due=dt.date(2024, 12, 31), status="in-progress").is_overdue(today)
    assert not _pledge(due=dt.date(2024, 12, 31), status="completed").is_overdue(today)
    assert not _pledge(due=dt.date(2024, 12, 31), status="dropped").is_overdue(today)
    assert not _pledge(due=dt.date(2025, 1, 1), status="in-progress").is_overdue(today)
    assert not _pledge(status="in-progress").is_overdue(today)


def test_pledge_record_is_flat_with_id_first_and_every_field(tmp_path):
    pledge = _pledge(
        due=dt.date(2025, 1, 2),
        links=(Link(url="https://a.example", kind="news"),),
        updates=(Update(date=parse_partial_date("2022-10"), note="n"),),
    )
    record = pledge_record(PledgeEntry("d-1", "d", "1", tmp_path / "d/1.yaml", pledge))
    assert list(record)[:5] == ["id", "declaration", "number", "title", "status"]
    assert record["due"] == "2025-01-02"
    assert record["links"] == [{"url": "https://a.example", "kind": "news"}]
    assert record["updates"] == [{"date": "2022-10", "note": "n", "links": []}]
    assert record["actors"] == [] and record["summary"] is None


def test_partial_date_compares_with_plain_dates():
    assert PartialDate(2022, 10, 1, "month") == dt.date(2022, 10, 1)


def _check_http_url_by_urlsplit(value: str) -> str:
    """check_http_url as urlsplit alone decides it: the fast path must agree with it."""
    from urllib.parse import urlsplit

    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValueError(f"'{value}' is not an http(s) link")
    if any(ch.isspace() or ord(ch) < 32 for ch in value.strip()):
        raise ValueError(f"'{value}' contains spaces or control characters")
    return value.strip()


def _outcome(check, value):
    try:
        return ("ok", check(value))
    except ValueError as error:
        return ("error", str(error))


@given(
    st.text(alphabet="hHtTpPsSſK:/?#[]@.-_ax1\t\n\x00\x1f\u00a0\u3000 ", max_size=24)
    | st.from_regex(r"\A\s?[hH][tT]{2}[pP][sSſ]?:/{0,3}[^\n]{0,12}\s?\Z")
)
@settings(max_examples=500, deadline=None)
def test_link_checks_agree_with_urlsplit(value):
    assert _outcome(check_http_url, value) == _outcome(_check_http_url_by_urlsplit, value)
