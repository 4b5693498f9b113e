"""Dates in numbers alone, read only when the user says which comes first (--date-order)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.domain.dates import DateOrder, Direction, parse_date
from followup.errors import BadInput

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("03/04/2026", DateOrder.DMY, date(2026, 4, 3)),
        ("03/04/2026", DateOrder.MDY, date(2026, 3, 4)),
        ("3.4.2026", DateOrder.DMY, date(2026, 4, 3)),
        ("11-03-2026", DateOrder.MDY, date(2026, 11, 3)),
        ("13/04/2026", DateOrder.DMY, date(2026, 4, 13)),
        ("20/11", DateOrder.DMY, date(2026, 11, 20)),
        ("2026-11-03", DateOrder.DMY, date(2026, 11, 3)),
        ("Nov 3", DateOrder.MDY, date(2026, 11, 3)),
    ],
)
def test_a_date_order_reads_numbers_alone(text: str, order: DateOrder, expected: date) -> None:
    assert parse_date(text, TODAY, Direction.PAST, order) == expected


@pytest.mark.parametrize(
    ("text", "order", "message"),
    [
        ("13/04/2026", DateOrder.MDY, "there is no month 13"),
        ("31/02/2026", DateOrder.DMY, "February 2026 has 28 days"),
        ("3/4/26", DateOrder.DMY, "needs the year written with four digits"),
        ("3/4-2026", DateOrder.DMY, "ambiguous"),
        ("01/12/2026", DateOrder.DMY, "is in the future"),
    ],
)
def test_a_date_order_is_still_strict(text: str, order: DateOrder, message: str) -> None:
    with pytest.raises(BadInput, match=message):
        parse_date(text, TODAY, Direction.PAST, order)


def test_without_a_date_order_numbers_alone_stay_ambiguous() -> None:
    with pytest.raises(BadInput, match="ambiguous"):
        parse_date("03/04/2026", TODAY, Direction.PAST)


@given(st.dates(date(1900, 1, 1), date(2999, 12, 31)), st.sampled_from("/.-"))
def test_both_orders_read_what_they_would_write(day: date, separator: str) -> None:
    dmy = f"{day.day}{separator}{day.month}{separator}{day.year:04d}"
    mdy = f"{day.month:02d}{separator}{day.day:02d}{separator}{day.year:04d}"
    assert parse_date(dmy, TODAY, Direction.FUTURE, DateOrder.DMY) == day
    assert parse_date(mdy, TODAY, Direction.FUTURE, DateOrder.MDY) == day
