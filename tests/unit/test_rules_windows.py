"""The next window, as truth tables: (history, today) -> (earliest, latest, action) or nothing.

Each table follows one numbered cadence rule of the spec (issue 2). Expected
dates are worked out by hand from the rule, weekday written out.
"""

from __future__ import annotations

from datetime import date

import pytest

from followup.domain.models import History, Stage
from followup.domain.rules import assess, stage_of
from tests.unit.builders import (
    call,
    d,
    email,
    expect_window,
    history,
    interview,
    they_call,
    they_email,
)

W = expect_window
NOTHING = None

# Rule 1: one follow-up in the ISO week after the application; call, else email.
AFTER_APPLYING = [
    pytest.param(
        history("Wed 18 Nov"),
        "Wed 18 Nov",
        W("Mon 23 Nov", "Fri 27 Nov", "call"),
        id="applied on a wednesday: monday to friday of the next week",
    ),
    pytest.param(
        history("Sun 22 Nov"),
        "Sun 22 Nov",
        W("Mon 23 Nov", "Fri 27 Nov", "call"),
        id="applied on a sunday: the very next day starts the following week",
    ),
    pytest.param(
        history("Sat 21 Nov"),
        "Sat 21 Nov",
        W("Mon 23 Nov", "Fri 27 Nov", "call"),
        id="applied on a saturday: the following week starts on monday",
    ),
    pytest.param(
        history("Mon 23 Nov"),
        "Mon 23 Nov",
        W("Mon 30 Nov", "Fri 4 Dec", "call"),
        id="applied on a monday: not the same week, the next one",
    ),
    pytest.param(
        history("Fri 20 Nov"),
        "Fri 20 Nov",
        W("Mon 23 Nov", "Fri 27 Nov", "call"),
        id="applied on a friday: three days later the week opens",
    ),
    pytest.param(
        history("Mon 28 Dec"),
        "Mon 28 Dec",
        W("Mon 4 Jan", "Fri 8 Jan", "call"),
        id="applied in the iso week that spans new year: window in the first full week of january",
    ),
    pytest.param(
        history("Thu 31 Dec"),
        "Thu 31 Dec",
        W("Mon 4 Jan", "Fri 8 Jan", "call"),
        id="applied on new year's eve: the following week is in the next year",
    ),
    pytest.param(
        history("Sun 3 Jan"),
        "Sun 3 Jan",
        W("Mon 4 Jan", "Fri 8 Jan", "call"),
        id="applied on the sunday closing the new-year week: same window as new year's eve",
    ),
    pytest.param(
        history("Wed 18 Nov", mail=False),
        "Wed 18 Nov",
        W("Mon 23 Nov", "Fri 27 Nov", "call"),
        id="only a phone on file: call",
    ),
    pytest.param(
        history("Wed 18 Nov", phone=False),
        "Wed 18 Nov",
        W("Mon 23 Nov", "Fri 27 Nov", "email"),
        id="only an email on file: email",
    ),
    pytest.param(
        history("Wed 18 Nov", phone=False, mail=False),
        "Wed 18 Nov",
        NOTHING,
        id="no phone and no email on file: no follow-up",
    ),
    pytest.param(
        history("Wed 18 Nov"),
        "Mon 7 Dec",
        W("Mon 23 Nov", "Fri 27 Nov", "call"),
        id="a missed week stays the window: it is overdue, not moved",
    ),
    pytest.param(
        history("Wed 18 Nov", call("Tue 24 Nov")),
        "Tue 24 Nov",
        W("Thu 24 Dec", "Thu 24 Dec", "close"),
        id="after the follow-up call the ball is in their court: 30 days on, gone quiet",
    ),
    pytest.param(
        history("Wed 18 Nov", email("Thu 19 Nov")),
        "Thu 19 Nov",
        W("Mon 21 Dec", "Mon 21 Dec", "close"),
        id="an early follow-up uses it up too (quiet on the business day after 30 days)",
    ),
    pytest.param(
        history("Wed 18 Nov", call("Fri 4 Dec")),
        "Fri 4 Dec",
        W("Mon 4 Jan", "Mon 4 Jan", "close"),
        id="a late follow-up uses it up too",
    ),
]

# Rule 2: do not call.
DO_NOT_CALL = [
    pytest.param(
        history("Wed 18 Nov", do_not_call=True),
        "Mon 23 Nov",
        NOTHING,
        id="do-not-call before any interview: no follow-up at all",
    ),
    pytest.param(
        history("Mon 2 Nov", they_email("Wed 4 Nov"), do_not_call=True),
        "Wed 4 Nov",
        NOTHING,
        id="do-not-call and they replied: still no follow-up before an interview",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Wed 25 Nov"), do_not_call=True),
        "Wed 25 Nov",
        W("Mon 30 Nov", "Fri 4 Dec", "email"),
        id="do-not-call after an interview: the usual window, by email",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Wed 25 Nov", prefers="call"), do_not_call=True),
        "Wed 25 Nov",
        W("Mon 30 Nov", "Fri 4 Dec", "call"),
        id="do-not-call after an interview whose interviewer prefers calls: call",
    ),
    pytest.param(
        history("Mon 2 Nov", email("Mon 9 Nov", follow_up_on="Mon 16 Nov"), do_not_call=True),
        "Mon 9 Nov",
        W("Mon 16 Nov", "Fri 20 Nov", "email"),
        id="do-not-call with a date agreed before any interview: that window, by email",
    ),
    pytest.param(
        history("Mon 2 Nov", they_email("Wed 4 Nov", follow_up_on="Mon 16 Nov"), do_not_call=True),
        "Wed 4 Nov",
        W("Mon 16 Nov", "Fri 20 Nov", "email"),
        id="do-not-call and they name a date: that window, by email",
    ),
]

# Rule 3: they replied (before any interview).
THEY_REPLIED = [
    pytest.param(
        history("Mon 2 Nov", they_call("Wed 4 Nov"), call("Thu 5 Nov", follow_up_on="Mon 30 Nov")),
        "Thu 5 Nov",
        W("Mon 30 Nov", "Fri 4 Dec", "call"),
        id="answering them and agreeing a date opens that window",
    ),
    pytest.param(
        history("Mon 2 Nov", they_call("Wed 4 Nov")),
        "Wed 4 Nov",
        W("Mon 16 Nov", "Wed 18 Nov", "call"),
        id="their call replaces the open window: 10 days is a saturday, so monday",
    ),
    pytest.param(
        history("Mon 2 Nov", call("Mon 9 Nov"), they_email("Wed 11 Nov")),
        "Wed 11 Nov",
        W("Mon 23 Nov", "Wed 25 Nov", "call"),
        id="their reply after your follow-up gives one more follow-up",
    ),
    pytest.param(
        history("Mon 2 Nov", they_email("Thu 5 Nov")),
        "Thu 5 Nov",
        W("Mon 16 Nov", "Thu 19 Nov", "call"),
        id="reply on a thursday: 10 days is a sunday, so monday; 14 days a thursday",
    ),
    pytest.param(
        history("Mon 2 Nov", they_email("Fri 6 Nov")),
        "Fri 6 Nov",
        W("Mon 16 Nov", "Fri 20 Nov", "call"),
        id="reply on a friday: monday to friday two weeks on",
    ),
    pytest.param(
        history("Mon 2 Nov", they_email("Sun 8 Nov")),
        "Mon 9 Nov",
        W("Wed 18 Nov", "Fri 20 Nov", "call"),
        id="reply on a sunday: 14 days is a sunday, so back to friday",
    ),
    pytest.param(
        history("Mon 2 Nov", they_email("Wed 4 Nov"), phone=False),
        "Wed 4 Nov",
        W("Mon 16 Nov", "Wed 18 Nov", "email"),
        id="reply with only an email on file: email",
    ),
    pytest.param(
        history("Mon 2 Nov", they_call("Wed 4 Nov"), call("Thu 5 Nov")),
        "Thu 5 Nov",
        W("Mon 16 Nov", "Wed 18 Nov", "call"),
        id="answering them the next business day does not move the clock",
    ),
    pytest.param(
        history("Mon 2 Nov", they_email("Fri 6 Nov"), email("Mon 9 Nov")),
        "Mon 9 Nov",
        W("Mon 16 Nov", "Fri 20 Nov", "call"),
        id="answering a friday reply on monday does not move the clock",
    ),
    pytest.param(
        history("Mon 2 Nov", they_email("Wed 4 Nov"), call("Mon 16 Nov")),
        "Mon 16 Nov",
        W("Wed 16 Dec", "Wed 16 Dec", "close"),
        id="the one more follow-up is used up like the first",
    ),
    pytest.param(
        history("Mon 2 Nov", they_email("Wed 4 Nov", follow_up_on="Sat 14 Nov")),
        "Wed 4 Nov",
        W("Mon 16 Nov", "Wed 18 Nov", "call"),
        id="their reply with an agreed saturday: monday to wednesday",
    ),
    pytest.param(
        history("Mon 2 Nov", call("Mon 9 Nov", follow_up_on="Mon 16 Nov")),
        "Mon 9 Nov",
        W("Mon 16 Nov", "Fri 20 Nov", "call"),
        id="your follow-up ending with an agreed date opens that window",
    ),
]

# Rule 4: interviews.
INTERVIEWS = [
    pytest.param(
        history("Mon 2 Nov", interview("Wed 18 Nov")),
        "Wed 18 Nov",
        W("Mon 23 Nov", "Fri 27 Nov", "call or email"),
        id="interview with nothing agreed: the week after, call or email",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Sun 22 Nov")),
        "Sun 22 Nov",
        W("Mon 23 Nov", "Fri 27 Nov", "call or email"),
        id="interview on a sunday: the week after starts the next day",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Wed 18 Nov", follow_up_on="Thu 3 Dec")),
        "Wed 18 Nov",
        W("Thu 3 Dec", "Mon 7 Dec", "call or email"),
        id="agreed thursday: thursday to the monday four days on",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Wed 18 Nov", follow_up_on="Sat 5 Dec")),
        "Wed 18 Nov",
        W("Mon 7 Dec", "Wed 9 Dec", "call or email"),
        id="agreed saturday: moves forward to monday, ends wednesday",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Wed 18 Nov", follow_up_on="Wed 2 Dec")),
        "Wed 18 Nov",
        W("Wed 2 Dec", "Fri 4 Dec", "call or email"),
        id="agreed wednesday: four days on is a sunday, so back to friday",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Wed 18 Nov", prefers="email")),
        "Wed 18 Nov",
        W("Mon 23 Nov", "Fri 27 Nov", "email"),
        id="interviewer prefers email: email",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Wed 18 Nov", prefers="call")),
        "Wed 18 Nov",
        W("Mon 23 Nov", "Fri 27 Nov", "call"),
        id="interviewer prefers calls: call",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Mon 16 Nov", prefers="call"), interview("Mon 30 Nov")),
        "Mon 30 Nov",
        W("Mon 7 Dec", "Fri 11 Dec", "call"),
        id="a later interview with no preference keeps the earlier stated one",
    ),
    pytest.param(
        history(
            "Mon 2 Nov",
            interview("Mon 16 Nov", prefers="call"),
            interview("Mon 30 Nov", prefers="email"),
        ),
        "Mon 30 Nov",
        W("Mon 7 Dec", "Fri 11 Dec", "email"),
        id="the most recently stated preference wins",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Mon 16 Nov"), call("Mon 23 Nov"), interview("Tue 1 Dec")),
        "Tue 1 Dec",
        W("Mon 7 Dec", "Fri 11 Dec", "call or email"),
        id="a new interview restarts the rule from itself",
    ),
    pytest.param(
        history("Mon 2 Nov", call("Mon 9 Nov"), interview("Thu 26 Nov", logged="Mon 16 Nov")),
        "Mon 16 Nov",
        W("Mon 30 Nov", "Fri 4 Dec", "call or email"),
        id="a scheduled interview: the window is the week after it",
    ),
    pytest.param(
        history("Mon 2 Nov", call("Mon 9 Nov"), interview("Mon 16 Nov")),
        "Mon 16 Nov",
        W("Mon 23 Nov", "Fri 27 Nov", "call or email"),
        id="an interview ends the wait after the pre-interview follow-up",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Wed 18 Nov"), email("Wed 18 Nov")),
        "Wed 18 Nov",
        W("Mon 23 Nov", "Fri 27 Nov", "call or email"),
        id="a thank-you email on the day does not start the check-in clock",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Fri 20 Nov"), email("Mon 23 Nov")),
        "Mon 23 Nov",
        W("Mon 23 Nov", "Fri 27 Nov", "call or email"),
        id="a thank-you email the next business day does not start the clock",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Wed 18 Nov"), call("Wed 18 Nov")),
        "Wed 18 Nov",
        W("Mon 30 Nov", "Wed 2 Dec", "call or email"),
        id="a call on the interview day is not a thank-you: the clock starts from it",
    ),
]

# Rule 6: check-ins restart from the last real touch.
CHECK_INS = [
    pytest.param(
        history(
            "Mon 2 Nov", interview("Mon 16 Nov"), email("Tue 17 Nov", follow_up_on="Thu 3 Dec")
        ),
        "Tue 17 Nov",
        W("Thu 3 Dec", "Mon 7 Dec", "call or email"),
        id="a thank-you note that agrees a date opens that window",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Mon 16 Nov"), call("Tue 24 Nov")),
        "Tue 24 Nov",
        W("Fri 4 Dec", "Tue 8 Dec", "call or email"),
        id="after the first check-in: 10 to 14 days after it",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Mon 16 Nov"), call("Tue 24 Nov"), call("Fri 4 Dec")),
        "Fri 4 Dec",
        W("Mon 14 Dec", "Fri 18 Dec", "call or email"),
        id="each check-in restarts the clock from itself",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Mon 16 Nov"), call("Tue 24 Nov"), call("Tue 8 Dec")),
        "Tue 8 Dec",
        W("Fri 18 Dec", "Tue 22 Dec", "call or email"),
        id="a check-in on the last day restarts from that day, not from a fixed schedule",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Mon 16 Nov"), call("Wed 9 Dec")),
        "Wed 9 Dec",
        W("Mon 21 Dec", "Wed 23 Dec", "call or email"),
        id="a late first check-in restarts from when it was made",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Mon 16 Nov"), they_email("Thu 19 Nov")),
        "Thu 19 Nov",
        W("Mon 30 Nov", "Thu 3 Dec", "call or email"),
        id="their email after the interview restarts the clock from it",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Mon 16 Nov"), call("Tue 24 Nov"), they_call("Thu 26 Nov")),
        "Thu 26 Nov",
        W("Mon 7 Dec", "Thu 10 Dec", "call or email"),
        id="their call after your check-in restarts the clock from their call",
    ),
    pytest.param(
        history(
            "Mon 2 Nov",
            interview("Mon 16 Nov"),
            they_call("Thu 26 Nov"),
            call("Fri 27 Nov"),
        ),
        "Fri 27 Nov",
        W("Mon 7 Dec", "Thu 10 Dec", "call or email"),
        id="answering their call is not a check-in: the clock stays on their call",
    ),
    pytest.param(
        history(
            "Mon 2 Nov", interview("Mon 16 Nov"), call("Tue 24 Nov", follow_up_on="Thu 10 Dec")
        ),
        "Tue 24 Nov",
        W("Thu 10 Dec", "Mon 14 Dec", "call or email"),
        id="a check-in ending with an agreed date opens that date and four days",
    ),
    pytest.param(
        history(
            "Mon 2 Nov", interview("Mon 16 Nov"), they_call("Tue 24 Nov", follow_up_on="Tue 1 Dec")
        ),
        "Tue 24 Nov",
        W("Tue 1 Dec", "Fri 4 Dec", "call or email"),
        id="their call with an agreed date: that window, ending before the weekend",
    ),
    pytest.param(
        history(
            "Mon 2 Nov",
            interview("Mon 16 Nov", prefers="email"),
            call("Tue 24 Nov"),
        ),
        "Tue 24 Nov",
        W("Fri 4 Dec", "Tue 8 Dec", "email"),
        id="check-ins use the interviewer's preferred channel",
    ),
]

# Rule 7: snooze, the user's own reminder.
SNOOZE = [
    pytest.param(
        history("Wed 18 Nov", snooze=("Thu 19 Nov", "Wed 25 Nov")),
        "Thu 19 Nov",
        W("Wed 25 Nov", "Fri 27 Nov", "call"),
        id="snooze into the window moves earliest",
    ),
    pytest.param(
        history("Wed 18 Nov", snooze=("Thu 19 Nov", "Sat 28 Nov")),
        "Thu 19 Nov",
        W("Mon 30 Nov", "Mon 30 Nov", "call"),
        id="snooze past the window to a saturday: monday, and latest follows earliest",
    ),
    pytest.param(
        history("Wed 18 Nov", snooze=("Thu 19 Nov", "Fri 20 Nov")),
        "Thu 19 Nov",
        W("Mon 23 Nov", "Fri 27 Nov", "call"),
        id="snooze to before the window changes nothing",
    ),
    pytest.param(
        history("Wed 18 Nov", snooze=("Thu 19 Nov", "Sun 22 Nov")),
        "Thu 19 Nov",
        W("Mon 23 Nov", "Fri 27 Nov", "call"),
        id="snooze to the sunday before the window changes nothing",
    ),
    pytest.param(
        history("Mon 2 Nov", they_email("Fri 20 Nov"), snooze=("Thu 19 Nov", "Fri 11 Dec")),
        "Fri 20 Nov",
        W("Mon 30 Nov", "Fri 4 Dec", "call"),
        id="a touch after the snooze was set clears it",
    ),
    pytest.param(
        history("Mon 2 Nov", they_email("Thu 19 Nov"), snooze=("Thu 19 Nov", "Fri 11 Dec")),
        "Thu 19 Nov",
        W("Mon 30 Nov", "Thu 3 Dec", "call"),
        id="a touch on the day the snooze was set clears it",
    ),
    pytest.param(
        history(
            "Mon 2 Nov",
            they_email("Thu 19 Nov"),
            snooze=("Thu 19 Nov", "Fri 11 Dec"),
            snoozed_after=1,
        ),
        "Thu 19 Nov",
        W("Fri 11 Dec", "Fri 11 Dec", "call"),
        id="a touch recorded before the snooze on the same day leaves it in place",
    ),
    pytest.param(
        history("Mon 2 Nov", they_email("Fri 20 Nov"), snooze=("Mon 23 Nov", "Fri 11 Dec")),
        "Mon 23 Nov",
        W("Fri 11 Dec", "Fri 11 Dec", "call"),
        id="a touch dated before the snooze was set leaves it in place",
    ),
    pytest.param(
        history(
            "Mon 2 Nov",
            interview("Wed 25 Nov", logged="Mon 23 Nov"),
            snooze=("Thu 19 Nov", "Fri 11 Dec"),
        ),
        "Mon 23 Nov",
        W("Mon 30 Nov", "Fri 4 Dec", "call or email"),
        id="an interview logged after the snooze was set clears it",
    ),
    pytest.param(
        history(
            "Mon 2 Nov",
            interview("Wed 25 Nov", logged="Mon 16 Nov"),
            snooze=("Thu 19 Nov", "Fri 11 Dec"),
        ),
        "Thu 19 Nov",
        W("Fri 11 Dec", "Fri 11 Dec", "call or email"),
        id="an interview logged before the snooze was set leaves it in place",
    ),
]

# Rule 8: closed.
CLOSED = [
    pytest.param(
        history("Wed 18 Nov", closed="Fri 20 Nov"),
        "Mon 23 Nov",
        NOTHING,
        id="a closed application has no next contact",
    ),
    pytest.param(
        history(
            "Mon 2 Nov", interview("Mon 16 Nov"), they_email("Tue 17 Nov"), closed="Tue 17 Nov"
        ),
        "Mon 23 Nov",
        NOTHING,
        id="closed after an interview: nothing either",
    ),
    pytest.param(
        history("Mon 2 Nov", they_email("Fri 20 Nov"), closed="Wed 4 Nov"),
        "Fri 20 Nov",
        NOTHING,
        id="their email after the closing does not reopen a window",
    ),
    pytest.param(
        history("Mon 2 Nov", call("Mon 9 Nov"), interview("Mon 30 Nov")),
        "Mon 30 Nov",
        W("Mon 7 Dec", "Fri 11 Dec", "call or email"),
        id="reopened by an interview: its window, as in rule 4",
    ),
]


def _check(hist: History, today: str, expected: tuple[date, date, str] | None) -> None:
    result = assess(hist, d(today))
    window = result.next_contact
    got = None if window is None else (window.earliest, window.latest, str(window.action))
    assert got == expected
    assert (result.waiting is None) == (window is not None)


@pytest.mark.parametrize(("hist", "today", "expected"), AFTER_APPLYING)
def test_after_applying_there_is_one_follow_up_in_the_following_week(
    hist: History, today: str, expected: tuple[date, date, str] | None
) -> None:
    _check(hist, today, expected)


@pytest.mark.parametrize(("hist", "today", "expected"), DO_NOT_CALL)
def test_a_do_not_call_application_waits_for_an_interview(
    hist: History, today: str, expected: tuple[date, date, str] | None
) -> None:
    _check(hist, today, expected)


@pytest.mark.parametrize(("hist", "today", "expected"), THEY_REPLIED)
def test_their_reply_before_an_interview_gives_one_more_follow_up(
    hist: History, today: str, expected: tuple[date, date, str] | None
) -> None:
    _check(hist, today, expected)


@pytest.mark.parametrize(("hist", "today", "expected"), INTERVIEWS)
def test_an_interview_opens_the_week_after_it_or_the_agreed_date(
    hist: History, today: str, expected: tuple[date, date, str] | None
) -> None:
    _check(hist, today, expected)


@pytest.mark.parametrize(("hist", "today", "expected"), CHECK_INS)
def test_check_ins_come_10_to_14_days_after_the_last_real_touch(
    hist: History, today: str, expected: tuple[date, date, str] | None
) -> None:
    _check(hist, today, expected)


@pytest.mark.parametrize(("hist", "today", "expected"), SNOOZE)
def test_a_snooze_only_ever_delays_the_window_until_something_happens(
    hist: History, today: str, expected: tuple[date, date, str] | None
) -> None:
    _check(hist, today, expected)


@pytest.mark.parametrize(("hist", "today", "expected"), CLOSED)
def test_a_closed_application_has_no_next_contact(
    hist: History, today: str, expected: tuple[date, date, str] | None
) -> None:
    _check(hist, today, expected)


STAGES = [
    pytest.param(history("Mon 2 Nov"), Stage.APPLIED, id="just applied"),
    pytest.param(history("Mon 2 Nov", call("Mon 9 Nov")), Stage.APPLIED, id="followed up"),
    pytest.param(
        history("Mon 2 Nov", interview("Mon 30 Nov", logged="Mon 16 Nov")),
        Stage.INTERVIEWING,
        id="an interview logged but not yet held",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Mon 16 Nov")), Stage.INTERVIEWING, id="interviewed"
    ),
    pytest.param(history("Mon 2 Nov", closed="Mon 9 Nov"), Stage.CLOSED, id="closed"),
    pytest.param(
        history("Mon 2 Nov", interview("Mon 16 Nov"), closed="Mon 30 Nov"),
        Stage.CLOSED,
        id="closed after an interview",
    ),
]


@pytest.mark.parametrize(("hist", "stage"), STAGES)
def test_the_stage_follows_from_interviews_and_closing(hist: History, stage: Stage) -> None:
    assert stage_of(hist) is stage
    assert assess(hist, d("Tue 1 Dec")).stage is stage


WAITING_WORDS = [
    pytest.param(
        history("Wed 18 Nov", phone=False, mail=False), ("phone", "email"), id="no contact"
    ),
    pytest.param(history("Wed 18 Nov", do_not_call=True), ("not to call",), id="do not call"),
    pytest.param(history("Wed 18 Nov", closed="Fri 20 Nov"), ("closed",), id="closed"),
]


@pytest.mark.parametrize(("hist", "words"), WAITING_WORDS)
def test_waiting_says_why_nothing_is_due(hist: History, words: tuple[str, ...]) -> None:
    waiting = assess(hist, d("Mon 23 Nov")).waiting
    assert waiting is not None
    for word in words:
        assert word in waiting


def test_the_reason_names_the_touch_the_window_comes_from() -> None:
    hist = history("Mon 2 Nov", interview("Mon 16 Nov"), call("Tue 24 Nov"))
    window = assess(hist, d("Tue 24 Nov")).next_contact
    assert window is not None
    assert "2026-11-24" in window.reason


def test_the_window_does_not_depend_on_today() -> None:
    hist = history("Mon 2 Nov", interview("Mon 16 Nov"), call("Tue 24 Nov"))
    windows = {assess(hist, today).next_contact for today in (d("Tue 24 Nov"), date(2027, 6, 1))}
    assert len(windows) == 1
