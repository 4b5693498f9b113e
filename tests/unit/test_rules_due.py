"""The morning view: due states, scheduled interviews as items, and the sort order."""

from __future__ import annotations

import pytest

from followup.domain.models import Action, DueItem, DueState
from followup.domain.rules import DEFAULT_AHEAD_DAYS, due_state, interview_item, sort_due
from tests.unit.builders import APP_ID, d, history, interview

# The window is Mon 23 .. Fri 27 Nov.
STATES = [
    pytest.param("Sat 28 Nov", 7, DueState.OVERDUE, id="the day after latest is overdue"),
    pytest.param("Mon 7 Dec", 7, DueState.OVERDUE, id="weeks after latest is overdue"),
    pytest.param("Fri 27 Nov", 7, DueState.DUE, id="on latest it is due"),
    pytest.param("Mon 23 Nov", 7, DueState.DUE, id="on earliest it is due"),
    pytest.param("Wed 25 Nov", 7, DueState.DUE, id="inside the window it is due"),
    pytest.param("Sun 22 Nov", 7, DueState.UPCOMING, id="the day before it is upcoming"),
    pytest.param("Mon 16 Nov", 7, DueState.UPCOMING, id="seven days ahead it is upcoming"),
    pytest.param("Sun 15 Nov", 7, None, id="eight days ahead it is not shown"),
    pytest.param("Sun 22 Nov", 0, None, id="with no look-ahead the day before is not shown"),
    pytest.param(
        "Fri 20 Nov", 3, DueState.UPCOMING, id="three days ahead with a look-ahead of three"
    ),
    pytest.param("Thu 19 Nov", 3, None, id="four days ahead with a look-ahead of three"),
]


@pytest.mark.parametrize(("today", "ahead", "state"), STATES)
def test_a_window_is_overdue_due_upcoming_or_not_shown(
    today: str, ahead: int, state: DueState | None
) -> None:
    assert due_state(d("Mon 23 Nov"), d("Fri 27 Nov"), d(today), ahead) is state


def test_the_default_look_ahead_is_a_week() -> None:
    assert DEFAULT_AHEAD_DAYS == 7


# A scheduled interview on Thu 26 Nov.
INTERVIEW_ITEMS = [
    pytest.param("Thu 26 Nov", DueState.DUE, id="on its day it is due"),
    pytest.param("Wed 25 Nov", DueState.UPCOMING, id="the day before it is upcoming"),
    pytest.param("Thu 19 Nov", DueState.UPCOMING, id="a week before it is upcoming"),
    pytest.param("Wed 18 Nov", None, id="eight days before it is not shown"),
    pytest.param("Fri 27 Nov", None, id="once held it is never overdue"),
]


@pytest.mark.parametrize(("today", "state"), INTERVIEW_ITEMS)
def test_a_scheduled_interview_is_an_item_of_its_own_on_its_day_and_before(
    today: str, state: DueState | None
) -> None:
    hist = history("Mon 2 Nov", interview("Thu 26 Nov", logged="Mon 16 Nov"))
    item = interview_item(hist.application, hist.interviews[0], d(today), DEFAULT_AHEAD_DAYS)
    if state is None:
        assert item is None
        return
    assert item is not None
    assert (item.state, item.action, item.earliest, item.latest, item.interview_id) == (
        state,
        Action.INTERVIEW,
        d("Thu 26 Nov"),
        d("Thu 26 Nov"),
        1,
    )
    assert item.application_id == APP_ID
    for ask in ("next steps", "decide", "call or an email"):
        assert ask in item.hint


def _item(app_id: int, state: DueState, earliest: str) -> DueItem:
    return DueItem(
        application_id=app_id,
        company="Acme",
        role="Analyst",
        state=state,
        action=Action.CALL,
        earliest=d(earliest),
        latest=d("Fri 4 Dec"),
        reason="",
        hint="",
    )


def test_due_items_are_sorted_overdue_then_due_then_upcoming_then_by_earliest() -> None:
    upcoming_late = _item(1, DueState.UPCOMING, "Fri 4 Dec")
    upcoming_soon = _item(2, DueState.UPCOMING, "Tue 1 Dec")
    due_late = _item(3, DueState.DUE, "Mon 30 Nov")
    due_soon = _item(4, DueState.DUE, "Mon 23 Nov")
    overdue_late = _item(5, DueState.OVERDUE, "Mon 16 Nov")
    overdue_soon = _item(6, DueState.OVERDUE, "Mon 9 Nov")
    shuffled = [upcoming_late, due_soon, overdue_late, upcoming_soon, overdue_soon, due_late]
    assert sort_due(shuffled) == [
        overdue_soon,
        overdue_late,
        due_soon,
        due_late,
        upcoming_soon,
        upcoming_late,
    ]


def test_sorting_due_items_ignores_the_order_they_come_in() -> None:
    items = [_item(n, DueState.DUE, "Mon 23 Nov") for n in (3, 1, 2)]
    assert sort_due(items) == sort_due(list(reversed(items)))
