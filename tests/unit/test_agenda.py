"""The agenda: which item shows on which day of the coming weeks."""

from __future__ import annotations

from datetime import date

import pytest

from followup.domain.agenda import Agenda, build
from followup.domain.cadence import DEFAULT_CADENCE, HolidaySet, WorkCalendar
from followup.domain.models import ApplicationView, History
from followup.domain.rules import assess
from tests.unit.builders import call, d, history, interview, they_call

TODAY = d("Thu 26 Nov")
MON_TO_FRI = DEFAULT_CADENCE.calendar


def agenda_of(
    *histories: History, calendar: WorkCalendar = MON_TO_FRI, weeks: int = 2, today: date = TODAY
) -> Agenda:
    cadence = DEFAULT_CADENCE._replace(calendar=calendar)
    views = [ApplicationView(h, assess(h, today, cadence)) for h in histories]
    return build(views, today, weeks, calendar)


def shown(agenda: Agenda) -> dict[str, list[str]]:
    """Each day that holds something: 'Mon 23 Nov' -> ['opens', ...]."""
    return {
        f"{day.day:%a} {day.day.day} {day.day:%b}": [item.kind.value for item in day.items]
        for day in agenda.days
        if day.items
    }


@pytest.mark.parametrize(
    ("hist", "expected"),
    [
        pytest.param(
            history("Mon 16 Nov"),
            {"Mon 23 Nov": ["opens"], "Fri 27 Nov": ["last day"]},
            id="a window on its first and last day only",
        ),
        pytest.param(
            history("Mon 2 Nov", interview("Tue 10 Nov", follow_up_on="Mon 30 Nov")),
            {"Mon 30 Nov": ["agreed"], "Fri 4 Dec": ["last day"]},
            id="an agreed date opens its window",
        ),
        pytest.param(
            history("Mon 2 Nov", call("Mon 9 Nov"), they_call("Wed 11 Nov")),
            {"Mon 23 Nov": ["opens"], "Wed 25 Nov": ["last day"]},
            id="check-in window after their call",
        ),
        pytest.param(
            history("Mon 2 Nov", interview("Wed 2 Dec", logged="Tue 24 Nov")),
            {"Wed 2 Dec": ["interview"]},
            id="a scheduled interview, its window beyond the fortnight",
        ),
        pytest.param(
            history("Mon 2 Nov", call("Mon 9 Nov")),
            {},
            id="their move: nothing shown",
        ),
    ],
)
def test_what_each_day_shows(hist: History, expected: dict[str, list[str]]) -> None:
    assert shown(agenda_of(hist)) == expected


def test_the_grid_starts_on_this_weeks_monday_and_marks_the_past() -> None:
    agenda = agenda_of(weeks=2)
    days = agenda.days
    assert [d.day for d in days[:5]] == [
        d("Mon 23 Nov"),
        d("Tue 24 Nov"),
        d("Wed 25 Nov"),
        d("Thu 26 Nov"),
        d("Fri 27 Nov"),
    ]
    assert len(days) == 10
    assert [day.past for day in days[:4]] == [True, True, True, False]


def test_holidays_are_marked_and_never_hold_a_window() -> None:
    thanksgiving = d("Thu 26 Nov")
    calendar = WorkCalendar(holidays=HolidaySet(frozenset({thanksgiving, d("Fri 27 Nov")})))
    agenda = agenda_of(history("Mon 16 Nov"), calendar=calendar)
    holidays = [day.day for day in agenda.days if day.holiday]
    assert holidays == [thanksgiving, d("Fri 27 Nov")]
    # The window's last day moves back to the last business day before the holidays.
    assert shown(agenda) == {"Mon 23 Nov": ["opens"], "Wed 25 Nov": ["last day"]}


def test_weekends_show_only_when_they_are_business_days() -> None:
    six_days = WorkCalendar(weekdays=frozenset(range(6)))
    agenda = agenda_of(calendar=six_days, weeks=1)
    assert [f"{day.day:%a}" for day in agenda.days] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    assert agenda.weekdays == (0, 1, 2, 3, 4, 5)


def test_a_one_day_window_shows_once() -> None:
    # Applied in the week before a week whose other days are holidays.
    holidays = {d("Mon 23 Nov"), d("Tue 24 Nov"), d("Thu 26 Nov"), d("Fri 27 Nov")}
    calendar = WorkCalendar(holidays=HolidaySet(frozenset(holidays)))
    assert shown(agenda_of(history("Mon 16 Nov"), calendar=calendar)) == {
        "Wed 25 Nov": ["only day"]
    }
