"""Dates: business-day arithmetic, and reading what users type into dates.

Nothing here reads the clock: every function that needs "today" is given it.
"""

from __future__ import annotations

from datetime import date, timedelta

_SATURDAY = 5


def is_business_day(day: date) -> bool:
    """Business days are Monday to Friday."""
    return day.weekday() < _SATURDAY


def business_day_on_or_after(day: date) -> date:
    while not is_business_day(day):
        day += timedelta(days=1)
    return day


def business_day_on_or_before(day: date) -> date:
    while not is_business_day(day):
        day -= timedelta(days=1)
    return day


def next_business_day(day: date) -> date:
    """The first business day strictly after ``day``."""
    return business_day_on_or_after(day + timedelta(days=1))


def week_after(day: date) -> tuple[date, date]:
    """Monday to Friday of the ISO week after the one ``day`` falls in."""
    monday = day - timedelta(days=day.weekday()) + timedelta(weeks=1)
    return monday, monday + timedelta(days=4)
