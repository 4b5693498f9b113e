"""Gone quiet, as truth tables: when the cadence stops and suggests closing as no-response.

After an interview: ``quiet_after`` (3) check-ins in a row with no reply since you last
heard from them; quiet from the day the next window would have opened. Before one:
``no_response_after_days`` (30) after the one follow-up, on the next business day.
"close" in the expected window is that suggestion. Dates worked out by hand.
"""

from __future__ import annotations

from datetime import date

import pytest

from followup.domain.cadence import Cadence
from followup.domain.models import Action, History
from followup.domain.quiet import close_command
from followup.domain.rules import assess
from tests.unit.builders import (
    call,
    d,
    email,
    expect_window,
    flags_per_touch,
    history,
    interview,
    they_call,
    they_email,
    window_of,
)

W = expect_window
THREE = Cadence()
TWO = Cadence(quiet_after=2)
TEN_DAYS = Cadence(no_response_after_days=10)

AFTER_AN_INTERVIEW = [
    pytest.param(
        history("Mon 26 Oct", interview("Mon 2 Nov"), email("Mon 9 Nov")),
        THREE,
        W("Thu 19 Nov", "Mon 23 Nov", "call or email"),
        id="one check-in: the cadence goes on",
    ),
    pytest.param(
        history("Mon 26 Oct", interview("Mon 2 Nov"), email("Mon 9 Nov"), email("Thu 19 Nov")),
        THREE,
        W("Mon 30 Nov", "Thu 3 Dec", "call or email"),
        id="two check-ins: the cadence goes on",
    ),
    pytest.param(
        history(
            "Mon 26 Oct",
            interview("Mon 2 Nov"),
            email("Mon 9 Nov"),
            email("Thu 19 Nov"),
            email("Mon 30 Nov"),
        ),
        THREE,
        W("Thu 10 Dec", "Thu 10 Dec", "close"),
        id="three unanswered check-ins: quiet when the next window would have opened",
    ),
    pytest.param(
        history(
            "Mon 26 Oct",
            interview("Mon 2 Nov"),
            email("Mon 9 Nov"),
            email("Thu 19 Nov"),
            email("Mon 30 Nov"),
            they_email("Fri 4 Dec"),
        ),
        THREE,
        W("Mon 14 Dec", "Fri 18 Dec", "call or email"),
        id="their reply brings it back into the cadence",
    ),
    pytest.param(
        history(
            "Mon 26 Oct",
            interview("Mon 2 Nov"),
            email("Mon 9 Nov"),
            email("Thu 19 Nov"),
            email("Mon 30 Nov"),
            interview("Mon 7 Dec"),
        ),
        THREE,
        W("Mon 14 Dec", "Fri 18 Dec", "call or email"),
        id="a new interview brings it back into the cadence",
    ),
    pytest.param(
        history(
            "Mon 26 Oct",
            interview("Mon 2 Nov"),
            email("Mon 2 Nov"),
            email("Mon 9 Nov"),
            email("Thu 19 Nov"),
        ),
        THREE,
        W("Mon 30 Nov", "Thu 3 Dec", "call or email"),
        id="a thank-you inside its grace is not a check-in",
    ),
    pytest.param(
        history(
            "Mon 26 Oct",
            interview("Mon 2 Nov"),
            call("Wed 4 Nov"),
            call("Mon 16 Nov"),
            call("Thu 26 Nov"),
        ),
        THREE,
        W("Mon 7 Dec", "Mon 7 Dec", "close"),
        id="an early check-in counts: quiet from the business day the next window opens",
    ),
    pytest.param(
        history(
            "Mon 26 Oct",
            interview("Mon 2 Nov"),
            email("Mon 9 Nov"),
            they_email("Fri 13 Nov"),
            email("Mon 23 Nov"),
            email("Thu 3 Dec"),
        ),
        THREE,
        W("Mon 14 Dec", "Thu 17 Dec", "call or email"),
        id="the count starts again after their reply",
    ),
    pytest.param(
        history(
            "Mon 26 Oct",
            interview("Mon 2 Nov"),
            email("Mon 9 Nov"),
            email("Thu 19 Nov"),
            call("Mon 30 Nov", follow_up_on="Mon 14 Dec"),
            email("Mon 14 Dec"),
        ),
        THREE,
        W("Thu 24 Dec", "Mon 28 Dec", "call or email"),
        id="a date they agreed on a call is hearing from them: the count starts again",
    ),
    pytest.param(
        history(
            "Mon 26 Oct",
            interview("Mon 2 Nov"),
            email("Mon 9 Nov"),
            email("Thu 19 Nov"),
            email("Mon 30 Nov"),
            email("Thu 10 Dec"),
        ),
        THREE,
        W("Mon 21 Dec", "Mon 21 Dec", "close"),
        id="one more check-in after going quiet: still quiet, from a later day",
    ),
    pytest.param(
        history("Mon 26 Oct", interview("Mon 2 Nov"), email("Mon 9 Nov"), email("Thu 19 Nov")),
        TWO,
        W("Mon 30 Nov", "Mon 30 Nov", "close"),
        id="quiet_after = 2: two check-ins are enough",
    ),
]

AFTER_APPLYING = [
    pytest.param(
        history("Wed 18 Nov", call("Tue 24 Nov")),
        THREE,
        W("Thu 24 Dec", "Thu 24 Dec", "close"),
        id="30 days of silence after the one follow-up",
    ),
    pytest.param(
        history("Wed 18 Nov", call("Fri 27 Nov")),
        THREE,
        W("Mon 28 Dec", "Mon 28 Dec", "close"),
        id="the thirtieth day on a weekend: the next business day",
    ),
    pytest.param(
        history("Wed 18 Nov", call("Tue 24 Nov")),
        TEN_DAYS,
        W("Fri 4 Dec", "Fri 4 Dec", "close"),
        id="no_response_after_days = 10",
    ),
    pytest.param(
        history("Wed 18 Nov", call("Tue 24 Nov"), they_call("Mon 7 Dec")),
        THREE,
        W("Thu 17 Dec", "Mon 21 Dec", "call"),
        id="their reply brings it back: one more follow-up",
    ),
    pytest.param(
        history("Wed 18 Nov", call("Tue 24 Nov"), interview("Mon 7 Dec", logged="Mon 30 Nov")),
        THREE,
        W("Mon 14 Dec", "Fri 18 Dec", "call or email"),
        id="an invitation to interview brings it back",
    ),
    pytest.param(
        history("Wed 18 Nov", call("Tue 24 Nov"), call("Mon 28 Dec")),
        THREE,
        W("Thu 24 Dec", "Thu 24 Dec", "close"),
        id="a second follow-up does not restart the 30 days",
    ),
    pytest.param(
        history("Wed 18 Nov"),
        THREE,
        W("Mon 23 Nov", "Fri 27 Nov", "call"),
        id="no follow-up yet: never quiet, the one follow-up comes first",
    ),
]


@pytest.mark.parametrize(("hist", "cadence", "expected"), AFTER_AN_INTERVIEW + AFTER_APPLYING)
def test_silence_ends_the_cadence(
    hist: History, cadence: Cadence, expected: tuple[date, date, str]
) -> None:
    # Long after every row: the verdict does not depend on today.
    assessment = assess(hist, d("Mon 1 Mar"), cadence)
    assert window_of(assessment) == expected
    assert assessment.waiting is None


def test_the_quiet_reason_names_the_count_and_when_you_last_heard_from_them() -> None:
    hist = history(
        "Mon 26 Oct",
        interview("Mon 2 Nov"),
        they_email("Wed 4 Nov"),
        email("Mon 16 Nov"),
        email("Thu 26 Nov"),
        email("Mon 7 Dec"),
    )
    window = assess(hist, d("Mon 1 Mar")).next_contact
    assert window is not None
    assert window.action is Action.CLOSE
    assert window.reason.startswith(
        "3 check-ins with no reply since you last heard from them on 2026-11-04"
    )


def test_the_no_response_reason_says_whose_move_it_is_and_for_how_long() -> None:
    window = assess(history("Wed 18 Nov", call("Tue 24 Nov")), d("Mon 1 Mar")).next_contact
    assert window is not None
    assert "you followed up on 2026-11-24: the ball is in their court" in window.reason
    assert "30 days of silence" in window.reason


def test_a_check_in_after_going_quiet_is_still_judged_as_before() -> None:
    hist = history(
        "Mon 26 Oct",
        interview("Mon 2 Nov"),
        email("Mon 9 Nov"),
        email("Thu 19 Nov"),
        email("Mon 30 Nov"),
        email("Mon 7 Dec"),
    )
    assert flags_per_touch(hist, d("Mon 1 Mar")) == ["-", "-", "-", "early"]


def test_a_second_follow_up_after_applying_is_still_a_repeat() -> None:
    hist = history("Wed 18 Nov", call("Tue 24 Nov"), call("Mon 28 Dec"))
    assert flags_per_touch(hist, d("Mon 1 Mar")) == ["-", "repeat"]


def test_closing_as_no_response_is_the_suggested_command() -> None:
    assert close_command(7) == "followup close 7 --outcome no-response"


def test_a_closed_application_is_not_quiet_but_closed() -> None:
    hist = history("Wed 18 Nov", call("Tue 24 Nov"), closed="Mon 28 Dec")
    assessment = assess(hist, d("Mon 1 Mar"))
    assert assessment.next_contact is None
    assert assessment.waiting is not None
    assert assessment.waiting.startswith("closed")
