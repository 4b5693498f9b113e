"""The rules with the user's settings: holidays, other business days, other numbers.

Truth tables in the form of test_rules_windows.py, each row with the cadence it runs
under; then Hypothesis properties that must hold under any settings. The default cadence
is the one every other rules test uses, so those tables also show that the defaults equal
the rules of docs/rules.md.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.domain.cadence import DEFAULT_CADENCE, Cadence, HolidaySet, WorkCalendar
from followup.domain.dates import business_days_after, business_span, is_business_day
from followup.domain.drafts import script_stage
from followup.domain.models import FlagKind, History
from followup.domain.prep import ScriptStage
from followup.domain.rules import RULES_VERSION, assess, stored_version
from tests.unit.builders import (
    call,
    d,
    email,
    expect_window,
    history,
    interview,
    they_call,
)
from tests.unit.test_rules_properties import histories, todays

W = expect_window


def off(*days: str) -> Cadence:
    """The default cadence with these days as public holidays."""
    return Cadence(calendar=WorkCalendar(holidays=HolidaySet(frozenset(d(day) for day in days))))


def weekdays(*numbers: int) -> Cadence:
    return Cadence(calendar=WorkCalendar(weekdays=frozenset(numbers)))


# Applied Wed 18 Nov: with no holidays the follow-up week is Mon 23 .. Fri 27 Nov.
HOLIDAYS = [
    pytest.param(
        history("Wed 18 Nov"),
        off(),
        W("Mon 23 Nov", "Fri 27 Nov", "call"),
        id="no holidays: the week after, monday to friday",
    ),
    pytest.param(
        history("Wed 18 Nov"),
        off("Mon 23 Nov"),
        W("Tue 24 Nov", "Fri 27 Nov", "call"),
        id="a holiday on the first day: the window opens the day after",
    ),
    pytest.param(
        history("Mon 14 Dec"),
        off("Fri 25 Dec"),
        W("Mon 21 Dec", "Thu 24 Dec", "call"),
        id="a holiday on the last day: the window closes the day before",
    ),
    pytest.param(
        history("Wed 18 Nov"),
        off("Mon 23 Nov", "Fri 27 Nov"),
        W("Tue 24 Nov", "Thu 26 Nov", "call"),
        id="holidays on both ends: both move in",
    ),
    pytest.param(
        history("Wed 18 Nov"),
        off("Mon 23 Nov", "Tue 24 Nov"),
        W("Wed 25 Nov", "Fri 27 Nov", "call"),
        id="a run of holidays at the start: the first business day after them",
    ),
    pytest.param(
        history("Wed 18 Nov"),
        off("Thu 26 Nov"),
        W("Mon 23 Nov", "Fri 27 Nov", "call"),
        id="a holiday inside the window changes nothing: only the ends move",
    ),
    pytest.param(
        history("Wed 18 Nov"),
        off("Sun 22 Nov", "Sat 28 Nov"),
        W("Mon 23 Nov", "Fri 27 Nov", "call"),
        id="holidays on a weekend change nothing",
    ),
    pytest.param(
        history("Wed 18 Nov"),
        off("Mon 23 Nov", "Tue 24 Nov", "Wed 25 Nov", "Thu 26 Nov", "Fri 27 Nov"),
        W("Mon 30 Nov", "Fri 4 Dec", "call"),
        id="holidays swallow the whole week: the window moves on to the next week",
    ),
    pytest.param(
        history("Mon 21 Dec"),
        off("Mon 28 Dec", "Tue 29 Dec", "Wed 30 Dec", "Thu 31 Dec", "Fri 1 Jan", "Mon 4 Jan"),
        W("Tue 5 Jan", "Mon 11 Jan", "call"),
        id="a swallowed window moves on past holidays that follow it, keeping its length",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Mon 16 Nov"), call("Tue 24 Nov")),
        off("Fri 4 Dec"),
        W("Mon 7 Dec", "Tue 8 Dec", "call or email"),
        id="a check-in window that would open on a holiday opens on the next business day",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Mon 16 Nov"), call("Tue 24 Nov")),
        off("Tue 8 Dec"),
        W("Fri 4 Dec", "Mon 7 Dec", "call or email"),
        id="a check-in window that would close on a holiday closes the business day before",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Mon 16 Nov"), call("Tue 24 Nov")),
        off("Fri 4 Dec", "Mon 7 Dec", "Tue 8 Dec"),
        W("Wed 9 Dec", "Fri 11 Dec", "call or email"),
        id="a check-in window holidays swallow moves on: same length from the next business day",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Mon 16 Nov", follow_up_on="Thu 24 Dec")),
        off("Thu 24 Dec", "Fri 25 Dec"),
        W("Mon 28 Dec", "Mon 28 Dec", "call or email"),
        id="an agreed date on a holiday: the first business day after it, to the span's end",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Mon 16 Nov", follow_up_on="Thu 24 Dec")),
        off("Thu 24 Dec", "Fri 25 Dec", "Mon 28 Dec"),
        W("Tue 29 Dec", "Fri 1 Jan", "call or email"),
        id="an agreed span holidays swallow moves on from the next business day",
    ),
    pytest.param(
        history("Wed 4 Nov", interview("Wed 18 Nov")),
        off("Mon 23 Nov"),
        W("Tue 24 Nov", "Fri 27 Nov", "call or email"),
        id="the week after an interview skips a holiday at its start",
    ),
    pytest.param(
        history("Wed 18 Nov", snooze=("Thu 19 Nov", "Mon 30 Nov")),
        off("Mon 30 Nov"),
        W("Tue 1 Dec", "Tue 1 Dec", "call"),
        id="a snooze to a holiday wakes on the next business day",
    ),
]

# Other numbers and other business days.
CADENCES = [
    pytest.param(
        history("Mon 2 Nov", interview("Mon 16 Nov"), call("Tue 24 Nov")),
        DEFAULT_CADENCE._replace(check_in_min_days=7, check_in_max_days=9),
        W("Tue 1 Dec", "Thu 3 Dec", "call or email"),
        id="check-ins every 7 to 9 days",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Mon 16 Nov"), call("Tue 24 Nov")),
        DEFAULT_CADENCE._replace(check_in_min_days=21, check_in_max_days=21),
        W("Tue 15 Dec", "Tue 15 Dec", "call or email"),
        id="check-ins exactly three weeks on",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Mon 16 Nov", follow_up_on="Wed 2 Dec")),
        DEFAULT_CADENCE._replace(agreed_span_days=2),
        W("Wed 2 Dec", "Fri 4 Dec", "call or email"),
        id="an agreed date opens that day and two after it",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Mon 16 Nov", follow_up_on="Wed 2 Dec")),
        DEFAULT_CADENCE._replace(agreed_span_days=0),
        W("Wed 2 Dec", "Wed 2 Dec", "call or email"),
        id="an agreed date alone",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Fri 20 Nov"), email("Mon 23 Nov")),
        DEFAULT_CADENCE,
        W("Mon 23 Nov", "Fri 27 Nov", "call or email"),
        id="thank-you grace of one business day: monday's email after friday is a thank-you",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Fri 20 Nov"), email("Mon 23 Nov")),
        DEFAULT_CADENCE._replace(thank_you_grace_days=0),
        W("Thu 3 Dec", "Mon 7 Dec", "call or email"),
        id="no thank-you grace after the interview day: monday's email starts the clock",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Thu 19 Nov"), email("Mon 23 Nov")),
        DEFAULT_CADENCE,
        W("Thu 3 Dec", "Mon 7 Dec", "call or email"),
        id="two business days after the interview is past the default grace",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Thu 19 Nov"), email("Mon 23 Nov")),
        DEFAULT_CADENCE._replace(thank_you_grace_days=2),
        W("Mon 23 Nov", "Fri 27 Nov", "call or email"),
        id="a grace of two business days keeps it a thank-you",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Wed 25 Nov"), email("Fri 27 Nov")),
        off("Thu 26 Nov"),
        W("Mon 30 Nov", "Fri 4 Dec", "call or email"),
        id="the grace counts business days: a holiday between does not use it up",
    ),
    pytest.param(
        history("Wed 18 Nov"),
        weekdays(6, 0, 1, 2, 3),
        W("Sun 22 Nov", "Thu 26 Nov", "call"),
        id="sunday to thursday: the week after is the working week, sunday to thursday",
    ),
    pytest.param(
        history("Sat 21 Nov"),
        weekdays(6, 0, 1, 2, 3),
        W("Sun 22 Nov", "Thu 26 Nov", "call"),
        id="sunday to thursday: applied on the weekend, the next working day starts the week",
    ),
    pytest.param(
        history("Mon 16 Nov"),
        weekdays(1, 2, 3, 4, 5),
        W("Tue 17 Nov", "Sat 21 Nov", "call"),
        id="tuesday to saturday: monday is the weekend, tuesday starts the week after",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Mon 16 Nov"), call("Tue 24 Nov")),
        weekdays(6, 0, 1, 2, 3),
        W("Sun 6 Dec", "Tue 8 Dec", "call or email"),
        id="sunday to thursday: a check-in window opening on friday opens on sunday",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Mon 16 Nov"), call("Tue 24 Nov")),
        weekdays(0, 2, 4),
        W("Fri 4 Dec", "Mon 7 Dec", "call or email"),
        id="monday, wednesday and friday only: tuesday's end moves back to monday",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Mon 16 Nov"), call("Tue 24 Nov")),
        weekdays(2),
        W("Wed 9 Dec", "Wed 9 Dec", "call or email"),
        id="wednesdays only: a span without one moves on to the next wednesday",
    ),
]


@pytest.mark.parametrize(("hist", "cadence", "expected"), HOLIDAYS)
def test_holidays_never_open_or_close_a_window(
    hist: History, cadence: Cadence, expected: tuple[date, date, str]
) -> None:
    _check(hist, cadence, expected)


@pytest.mark.parametrize(("hist", "cadence", "expected"), CADENCES)
def test_the_cadence_numbers_and_business_days_move_the_windows(
    hist: History, cadence: Cadence, expected: tuple[date, date, str]
) -> None:
    _check(hist, cadence, expected)


def _check(hist: History, cadence: Cadence, expected: tuple[date, date, str]) -> None:
    today = max([hist.application.applied_on, *(t.on for t in hist.touches)])
    window = assess(hist, today, cadence).next_contact
    assert window is not None
    assert (window.earliest, window.latest, str(window.action)) == expected


def test_the_reason_names_the_check_in_days_the_settings_chose() -> None:
    hist = history("Mon 2 Nov", interview("Mon 16 Nov"), call("Tue 24 Nov"))
    cadence = DEFAULT_CADENCE._replace(check_in_min_days=7, check_in_max_days=9)
    window = assess(hist, d("Tue 24 Nov"), cadence).next_contact
    assert window is not None
    assert window.reason == "check in 7-9 days after your call on 2026-11-24 (touch #1)"


def test_two_calls_in_three_days_are_stalking_when_the_settings_say_so() -> None:
    hist = history("Mon 2 Nov", interview("Mon 16 Nov"), call("Mon 23 Nov"), call("Wed 25 Nov"))
    strict = DEFAULT_CADENCE._replace(stalker_touches=2, stalker_days=3)
    flags = [f for f in assess(hist, d("Wed 25 Nov"), strict).flags if f.touch_id == 2]
    assert [f.kind for f in flags if f.kind is FlagKind.STALKER] == [FlagKind.STALKER]
    assert "at least your second contact within three days" in flags[0].message
    assert FlagKind.STALKER not in assess(hist, d("Wed 25 Nov")).touch_flags(2)


def test_a_longer_stalker_span_reaches_further_back() -> None:
    hist = history(
        "Mon 2 Nov",
        interview("Mon 16 Nov"),
        call("Mon 23 Nov"),
        call("Mon 30 Nov"),
        call("Fri 4 Dec"),
    )
    assert FlagKind.STALKER not in assess(hist, d("Fri 4 Dec")).touch_flags(3)
    fortnight = DEFAULT_CADENCE._replace(stalker_days=14)
    assert FlagKind.STALKER in assess(hist, d("Fri 4 Dec"), fortnight).touch_flags(3)


def test_answering_their_call_after_a_holiday_is_still_an_answer() -> None:
    hist = history(
        "Mon 2 Nov", interview("Mon 16 Nov"), they_call("Wed 25 Nov"), call("Fri 27 Nov")
    )
    assert assess(hist, d("Fri 27 Nov"), off("Thu 26 Nov")).touch_flags(2) == ()
    # Without the holiday, Friday is past the next business day: a check-in, and early.
    assert assess(hist, d("Fri 27 Nov")).touch_flags(2) == (FlagKind.EARLY,)


def test_a_graced_email_after_a_holiday_is_not_early() -> None:
    hist = history("Mon 2 Nov", interview("Wed 25 Nov"), email("Fri 27 Nov"))
    assert assess(hist, d("Fri 27 Nov"), off("Thu 26 Nov")).touch_flags(1) == ()
    assert assess(hist, d("Fri 27 Nov")).touch_flags(1) == (FlagKind.EARLY,)


# --- The version stamped beside stored verdicts ---------------------------------------------


def test_the_default_cadence_keeps_the_plain_rules_version() -> None:
    # A database written before settings existed must not be worked out again for nothing.
    assert stored_version() == stored_version(Cadence()) == RULES_VERSION


@pytest.mark.parametrize(
    "changed",
    [
        DEFAULT_CADENCE._replace(check_in_max_days=12),
        DEFAULT_CADENCE._replace(agreed_span_days=3),
        DEFAULT_CADENCE._replace(stalker_touches=4),
        DEFAULT_CADENCE._replace(stalker_days=5),
        DEFAULT_CADENCE._replace(thank_you_grace_days=2),
        weekdays(0, 1, 2, 3),
        off("Fri 25 Dec"),
    ],
    ids=[
        "check-in",
        "agreed span",
        "stalker touches",
        "stalker days",
        "grace",
        "weekdays",
        "holiday",
    ],
)
def test_any_setting_that_moves_windows_changes_the_version(changed: Cadence) -> None:
    version = stored_version(changed)
    assert version.startswith(f"{RULES_VERSION}:")
    assert version != RULES_VERSION
    assert stored_version(changed._replace()) == version


def test_different_holidays_give_different_versions() -> None:
    assert stored_version(off("Fri 25 Dec")) != stored_version(off("Fri 1 Jan"))


# --- Properties under any settings ------------------------------------------------------------

holiday_sets = st.frozensets(st.dates(date(2026, 10, 20), date(2027, 6, 30)), max_size=60)


@st.composite
def cadences(draw: st.DrawFn) -> Cadence:
    low = draw(st.integers(1, 30))
    return Cadence(
        check_in_min_days=low,
        check_in_max_days=draw(st.integers(low, 40)),
        agreed_span_days=draw(st.integers(0, 10)),
        stalker_touches=draw(st.integers(2, 6)),
        stalker_days=draw(st.integers(1, 21)),
        thank_you_grace_days=draw(st.integers(0, 5)),
        calendar=WorkCalendar(
            weekdays=draw(st.frozensets(st.integers(0, 6), min_size=1)),
            holidays=HolidaySet(draw(holiday_sets)),
        ),
    )


@given(histories(), todays, cadences())
def test_under_any_settings_no_window_opens_or_closes_on_a_day_off(
    hist: History, today: date, cadence: Cadence
) -> None:
    window = assess(hist, today, cadence).next_contact
    if window is not None:
        assert cadence.calendar.is_business_day(window.earliest)
        assert cadence.calendar.is_business_day(window.latest)
        assert window.earliest <= window.latest


@given(histories(), todays, holiday_sets)
def test_with_any_holidays_no_window_opens_or_closes_on_a_weekend_or_holiday(
    hist: History, today: date, days_off: frozenset[date]
) -> None:
    window = assess(hist, today, off_dates(days_off)).next_contact
    if window is not None:
        for day in (window.earliest, window.latest):
            assert day.weekday() < 5
            assert day not in days_off
        assert window.earliest <= window.latest


@given(histories(), todays, holiday_sets)
def test_holidays_only_ever_move_a_window_later_or_narrow_it(
    hist: History, today: date, days_off: frozenset[date]
) -> None:
    """Holidays take days away; they never bring a follow-up forward. (Touches aside: a
    holiday can make a reply an answer, or an email a thank-you note, that would not be.)"""
    hist = hist._replace(touches=())
    plain = assess(hist, today).next_contact
    with_holidays = assess(hist, today, off_dates(days_off)).next_contact
    assert (plain is None) == (with_holidays is None)
    if plain is not None and with_holidays is not None:
        assert with_holidays.earliest >= plain.earliest


@given(
    st.dates(date(2026, 1, 1), date(2027, 12, 31)),
    st.integers(0, 20),
    st.frozensets(st.integers(0, 6), min_size=1),
    holiday_sets,
)
def test_a_business_span_is_business_days_and_never_starts_before_it_was_asked(
    start: date, length: int, chosen: frozenset[int], days_off: frozenset[date]
) -> None:
    workdays = WorkCalendar(chosen, HolidaySet(days_off))
    earliest, latest = business_span(start, start + timedelta(days=length), workdays)
    assert workdays.is_business_day(earliest)
    assert workdays.is_business_day(latest)
    assert start <= earliest <= latest
    if any(workdays.is_business_day(start + timedelta(days=n)) for n in range(length + 1)):
        assert latest <= start + timedelta(days=length)
    else:
        # Swallowed: it moves on, keeping its length.
        assert latest - earliest <= timedelta(days=length)


def off_dates(days: frozenset[date]) -> Cadence:
    return Cadence(calendar=WorkCalendar(holidays=HolidaySet(days)))


def test_the_interview_scripts_use_the_same_thank_you_grace() -> None:
    hist = history("Mon 2 Nov", interview("Thu 19 Nov"), email("Mon 23 Nov"))
    assert script_stage(hist, d("Mon 23 Nov")) is ScriptStage.CHECK_IN
    grace = DEFAULT_CADENCE._replace(thank_you_grace_days=2)
    assert script_stage(hist, d("Mon 23 Nov"), grace) is ScriptStage.AFTER_INTERVIEW


@pytest.mark.parametrize(
    ("day", "count", "cadence", "expected"),
    [
        ("Wed 25 Nov", 0, off(), "Wed 25 Nov"),
        ("Wed 25 Nov", 1, off(), "Thu 26 Nov"),
        ("Wed 25 Nov", 1, off("Thu 26 Nov"), "Fri 27 Nov"),
        ("Wed 25 Nov", 2, off("Thu 26 Nov"), "Mon 30 Nov"),
        ("Fri 27 Nov", 1, weekdays(6, 0, 1, 2, 3), "Sun 29 Nov"),
    ],
)
def test_business_days_after_counts_only_business_days(
    day: str, count: int, cadence: Cadence, expected: str
) -> None:
    assert business_days_after(d(day), count, cadence.calendar) == d(expected)
    assert is_business_day(d(expected), cadence.calendar) or count == 0


@pytest.mark.parametrize(
    ("applied", "days", "expected"),
    [
        ("Sat 21 Nov", (6, 0, 1, 2, 3), []),
        ("Fri 20 Nov", (6, 0, 1, 2, 3), []),
        ("Thu 19 Nov", (6, 0, 1, 2, 3), []),
        ("Sat 21 Nov", (0, 1, 2, 3, 4), ["early"]),
    ],
    ids=[
        "sun-thu, applied saturday: a sunday call is the next working week",
        "sun-thu, applied friday: the same",
        "sun-thu, applied thursday: sunday starts the week after",
        "mon-fri, applied saturday: a sunday call is before monday",
    ],
)
def test_a_call_on_the_next_working_day_after_a_weekend_application_is_judged_by_the_working_week(
    applied: str, days: tuple[int, ...], expected: list[str]
) -> None:
    hist = history(applied, call("Sun 22 Nov"))
    flags = assess(hist, d("Mon 30 Nov"), weekdays(*days)).flags
    assert [f.kind.value for f in flags] == expected
