"""Over-contact flags, as truth tables: a history -> each touch's flags, in entry order.

'-' is a touch with no flag; several flags are joined with '+' in alphabetical
order. Touches are judged by date, then entry order, against the history
before them (spec issue 2, "Over-contact flags", and the graces of rules 3 and 5).
"""

from __future__ import annotations

import pytest

from followup.domain.models import FlagKind, History
from followup.domain.rules import assess
from tests.unit.builders import (
    InterviewSpec,
    call,
    d,
    email,
    flags_per_touch,
    history,
    interview,
    no_answer,
    they_call,
    they_email,
    voicemail,
)

# Applied Mon 2 Nov: the follow-up week is Mon 9 .. Fri 13 Nov.
EARLY = [
    pytest.param(history("Mon 2 Nov", call("Fri 6 Nov")), ["early"], id="a call before the week"),
    pytest.param(
        history("Sun 1 Nov", email("Sun 1 Nov")), ["early"], id="an email the day you applied"
    ),
    pytest.param(history("Mon 2 Nov", call("Sun 8 Nov")), ["early"], id="a call the sunday before"),
    pytest.param(history("Mon 2 Nov", call("Mon 9 Nov")), ["-"], id="a call on the first day"),
    pytest.param(history("Mon 2 Nov", email("Fri 13 Nov")), ["-"], id="an email on the last day"),
    pytest.param(history("Mon 2 Nov", call("Mon 16 Nov")), ["-"], id="a late call is not early"),
    pytest.param(
        history("Mon 2 Nov", call("Fri 6 Nov"), call("Mon 9 Nov")),
        ["early", "repeat"],
        id="an early call uses up the one follow-up",
    ),
    pytest.param(
        history("Mon 2 Nov", they_call("Wed 4 Nov"), call("Mon 9 Nov")),
        ["-", "early"],
        id="after their reply, a call before the new window (not an answer) is early",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Mon 16 Nov"), call("Fri 20 Nov")),
        ["early"],
        id="a call in the interview week is early",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Mon 16 Nov"), call("Mon 23 Nov")),
        ["-"],
        id="a call on the first day of the week after the interview",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Mon 16 Nov"), call("Tue 24 Nov"), call("Thu 3 Dec")),
        ["-", "early"],
        id="a check-in nine days after the last one is early",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Mon 16 Nov"), call("Tue 24 Nov"), call("Fri 4 Dec")),
        ["-", "-"],
        id="a check-in ten days after the last one",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Mon 16 Nov", follow_up_on="Thu 3 Dec"), call("Wed 2 Dec")),
        ["early"],
        id="a call the day before the agreed date is early",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Mon 16 Nov", follow_up_on="Thu 3 Dec"), call("Thu 3 Dec")),
        ["-"],
        id="a call on the agreed date",
    ),
    pytest.param(
        history(
            "Mon 2 Nov",
            interview("Mon 16 Nov"),
            call("Mon 23 Nov"),
            interview("Tue 1 Dec"),
            call("Fri 4 Dec"),
        ),
        ["-", "early"],
        id="a second interview restarts the rule: the check-in due from before is now early",
    ),
]

REPEAT = [
    pytest.param(
        history("Mon 2 Nov", call("Mon 9 Nov"), call("Tue 17 Nov")),
        ["-", "repeat"],
        id="a second call with no reply",
    ),
    pytest.param(
        history("Mon 2 Nov", call("Mon 9 Nov"), email("Mon 30 Nov")),
        ["-", "repeat"],
        id="an email weeks later with no reply",
    ),
    pytest.param(
        history("Mon 2 Nov", call("Mon 9 Nov"), email("Tue 10 Nov"), call("Wed 11 Nov")),
        ["-", "repeat", "repeat+stalker"],
        id="three touches in three days",
    ),
    pytest.param(
        history(
            "Mon 2 Nov",
            call("Mon 9 Nov"),
            they_email("Wed 11 Nov"),
            email("Thu 12 Nov"),
            call("Mon 23 Nov"),
            call("Tue 24 Nov"),
        ),
        ["-", "-", "-", "-", "repeat"],
        id="their reply allows one more follow-up, and only one",
    ),
    pytest.param(
        history(
            "Mon 2 Nov",
            call("Mon 9 Nov", follow_up_on="Mon 16 Nov"),
            call("Mon 16 Nov"),
            call("Tue 24 Nov"),
        ),
        ["-", "-", "repeat"],
        id="an agreed date allows one more follow-up, and only one",
    ),
    pytest.param(
        history("Mon 2 Nov", call("Mon 9 Nov"), interview("Mon 16 Nov"), call("Mon 23 Nov")),
        ["-", "-"],
        id="an interview ends the pre-interview limit",
    ),
    pytest.param(
        history(
            "Mon 2 Nov",
            interview("Mon 16 Nov"),
            call("Mon 23 Nov"),
            call("Fri 4 Dec"),
            call("Mon 14 Dec"),
        ),
        ["-", "-", "-"],
        id="check-ins in their windows after an interview are never repeats",
    ),
]

STALKER = [
    pytest.param(
        history(
            "Mon 2 Nov",
            interview("Mon 16 Nov"),
            call("Mon 23 Nov"),
            call("Tue 24 Nov"),
            call("Wed 25 Nov"),
        ),
        ["-", "early", "early+stalker"],
        id="three calls in three days",
    ),
    pytest.param(
        history(
            "Mon 2 Nov",
            interview("Mon 2 Nov"),
            call("Mon 9 Nov"),
            call("Thu 12 Nov"),
            call("Sun 15 Nov"),
        ),
        ["-", "early", "early+stalker"],
        id="the third within its date and the six days before",
    ),
    pytest.param(
        history(
            "Mon 2 Nov",
            interview("Mon 2 Nov"),
            call("Mon 9 Nov"),
            call("Thu 12 Nov"),
            call("Mon 16 Nov"),
        ),
        ["-", "early", "early"],
        id="the first of three a week before is out of reach",
    ),
    pytest.param(
        history(
            "Mon 2 Nov",
            interview("Mon 2 Nov"),
            call("Mon 9 Nov"),
            call("Tue 10 Nov"),
            call("Tue 10 Nov"),
            call("Tue 10 Nov"),
        ),
        ["-", "early", "early+stalker", "early+stalker"],
        id="the fourth is flagged too",
    ),
    pytest.param(
        history(
            "Mon 2 Nov",
            call("Mon 9 Nov"),
            they_call("Tue 10 Nov"),
            call("Tue 10 Nov"),
            call("Wed 11 Nov"),
        ),
        ["-", "-", "-", "early"],
        id="their call between resets the count",
    ),
    pytest.param(
        history(
            "Mon 2 Nov",
            interview("Mon 16 Nov"),
            email("Mon 16 Nov"),
            call("Tue 17 Nov"),
            call("Wed 18 Nov"),
        ),
        ["-", "early", "early+stalker"],
        id="a thank-you note counts towards three",
    ),
    pytest.param(
        history(
            "Mon 2 Nov",
            interview("Fri 20 Nov", logged="Mon 16 Nov"),
            email("Mon 16 Nov"),
            call("Tue 17 Nov"),
            email("Wed 18 Nov"),
        ),
        ["-", "-", "stalker"],
        id="arranging an interview three days running is still too much",
    ),
    pytest.param(
        history(
            "Mon 2 Nov",
            they_call("Wed 4 Nov"),
            call("Wed 4 Nov"),
            call("Thu 5 Nov"),
            call("Fri 6 Nov"),
        ),
        ["-", "-", "early", "repeat+stalker"],
        id="answering them counts towards three",
    ),
]

DO_NOT_CALL = [
    pytest.param(
        history("Mon 2 Nov", call("Mon 9 Nov"), do_not_call=True), ["do-not-call"], id="a call"
    ),
    pytest.param(
        history("Mon 2 Nov", voicemail("Mon 9 Nov"), do_not_call=True),
        ["do-not-call"],
        id="a voicemail",
    ),
    pytest.param(
        history("Mon 2 Nov", no_answer("Mon 9 Nov"), do_not_call=True),
        ["do-not-call"],
        id="a call that rang out",
    ),
    pytest.param(
        history("Mon 2 Nov", call("Fri 6 Nov"), do_not_call=True),
        ["do-not-call+early"],
        id="an early call",
    ),
    pytest.param(
        history("Mon 2 Nov", email("Mon 9 Nov"), do_not_call=True),
        ["-"],
        id="an email in the week after applying (the posting forbade calls, not emails)",
    ),
    pytest.param(
        history("Mon 2 Nov", email("Fri 6 Nov"), do_not_call=True),
        ["early"],
        id="an email before the week after applying",
    ),
    pytest.param(
        history("Mon 2 Nov", they_call("Wed 4 Nov"), call("Thu 5 Nov"), do_not_call=True),
        ["-", "-"],
        id="calling them back is a reply",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Mon 16 Nov"), call("Mon 23 Nov"), do_not_call=True),
        ["-"],
        id="a call after an interview",
    ),
    pytest.param(
        history(
            "Mon 2 Nov",
            interview("Fri 20 Nov", logged="Mon 16 Nov"),
            call("Tue 17 Nov"),
            do_not_call=True,
        ),
        ["-"],
        id="a call arranging a scheduled interview",
    ),
]

DO_NOT_EMAIL = [
    pytest.param(
        history("Mon 2 Nov", email("Mon 9 Nov"), no_email=True), ["do-not-email"], id="an email"
    ),
    pytest.param(
        history("Mon 2 Nov", email("Fri 6 Nov"), no_email=True),
        ["do-not-email+early"],
        id="an early email",
    ),
    pytest.param(
        history("Mon 2 Nov", call("Mon 9 Nov"), no_email=True),
        ["-"],
        id="a call (the posting forbade emails, not calls)",
    ),
    pytest.param(
        history("Mon 2 Nov", email("Mon 9 Nov"), do_not_call=True, no_email=True),
        ["do-not-email"],
        id="an email when neither calls nor emails were welcome",
    ),
    pytest.param(
        history("Mon 2 Nov", voicemail("Mon 9 Nov"), do_not_call=True, no_email=True),
        ["do-not-call"],
        id="a voicemail when neither were welcome",
    ),
    pytest.param(
        history("Mon 2 Nov", they_email("Wed 4 Nov"), email("Thu 5 Nov"), no_email=True),
        ["-", "-"],
        id="answering their email is a reply",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Mon 16 Nov"), email("Mon 16 Nov"), no_email=True),
        ["-"],
        id="a thank-you email after an interview",
    ),
]

THANK_YOU = [
    pytest.param(
        history("Mon 2 Nov", interview("Wed 18 Nov"), email("Wed 18 Nov")),
        ["-"],
        id="an email on the interview day",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Wed 18 Nov"), email("Thu 19 Nov")),
        ["-"],
        id="an email the next day",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Fri 20 Nov"), email("Mon 23 Nov")),
        ["-"],
        id="an email the monday after a friday interview",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Wed 18 Nov"), email("Fri 20 Nov")),
        ["early"],
        id="an email two days after is a check-in, and early",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Wed 18 Nov"), email("Wed 18 Nov"), email("Thu 19 Nov")),
        ["-", "early"],
        id="only one email per interview",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Wed 18 Nov"), call("Wed 18 Nov")),
        ["early"],
        id="a call on the interview day is not a thank-you",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Wed 18 Nov"), voicemail("Thu 19 Nov")),
        ["early"],
        id="a voicemail the next day is not a thank-you",
    ),
    pytest.param(
        history(
            "Mon 2 Nov",
            interview("Mon 16 Nov"),
            email("Mon 16 Nov"),
            interview("Mon 30 Nov"),
            email("Mon 30 Nov"),
        ),
        ["-", "-"],
        id="each interview gives its own grace",
    ),
    pytest.param(
        history(
            "Mon 2 Nov",
            interview("Mon 16 Nov"),
            interview("Tue 17 Nov"),
            email("Tue 17 Nov"),
            email("Wed 18 Nov"),
        ),
        ["-", "-"],
        id="two interviews on consecutive days: one thank-you each",
    ),
    pytest.param(
        history(
            "Mon 2 Nov",
            interview("Tue 17 Nov"),
            interview("Mon 16 Nov"),
            email("Tue 17 Nov"),
            email("Wed 18 Nov"),
        ),
        ["-", "-"],
        id="two interviews on consecutive days, the first logged late: one thank-you each",
    ),
]

REPLY = [
    pytest.param(
        history("Mon 2 Nov", they_call("Wed 4 Nov"), call("Wed 4 Nov")),
        ["-", "-"],
        id="calling back the same day",
    ),
    pytest.param(
        history("Mon 2 Nov", they_email("Wed 4 Nov"), email("Thu 5 Nov")),
        ["-", "-"],
        id="answering the next business day",
    ),
    pytest.param(
        history("Mon 2 Nov", they_email("Fri 6 Nov"), call("Mon 9 Nov")),
        ["-", "-"],
        id="answering a friday email on monday",
    ),
    pytest.param(
        history("Mon 2 Nov", they_email("Sat 7 Nov"), email("Mon 9 Nov")),
        ["-", "-"],
        id="answering a saturday email on monday",
    ),
    pytest.param(
        history("Mon 2 Nov", they_call("Wed 4 Nov"), call("Fri 6 Nov")),
        ["-", "early"],
        id="two business days later it is no longer an answer",
    ),
    pytest.param(
        history("Mon 2 Nov", they_call("Wed 4 Nov"), call("Wed 4 Nov"), email("Thu 5 Nov")),
        ["-", "-", "early"],
        id="only one touch is the answer",
    ),
    pytest.param(
        history("Mon 2 Nov", they_call("Fri 6 Nov"), call("Mon 9 Nov"), call("Mon 16 Nov")),
        ["-", "-", "-"],
        id="an answer does not use up the follow-up",
    ),
    pytest.param(
        history("Mon 2 Nov", call("Mon 9 Nov"), they_email("Tue 10 Nov"), email("Tue 10 Nov")),
        ["-", "-", "-"],
        id="answering them after your follow-up is not a repeat",
    ),
    pytest.param(
        history(
            "Mon 2 Nov",
            interview("Mon 16 Nov"),
            they_call("Tue 17 Nov"),
            call("Wed 18 Nov"),
            call("Fri 27 Nov"),
        ),
        ["-", "-", "-"],
        id="after an interview: the answer does not move the clock from their call",
    ),
    pytest.param(
        history("Mon 2 Nov", call("Fri 6 Nov"), they_call("Fri 6 Nov")),
        ["early", "-"],
        id="a touch logged before theirs on the same day is not an answer",
    ),
]

LOGISTICS = [
    pytest.param(
        history(
            "Mon 2 Nov",
            call("Mon 9 Nov"),
            interview("Fri 20 Nov", logged="Wed 11 Nov"),
            call("Thu 12 Nov"),
            email("Mon 16 Nov"),
        ),
        ["-", "-", "-"],
        id="arranging a scheduled interview is neither a repeat nor early",
    ),
    pytest.param(
        history(
            "Mon 2 Nov",
            call("Mon 9 Nov"),
            call("Tue 10 Nov"),
            interview("Fri 20 Nov", logged="Wed 11 Nov"),
        ),
        ["-", "repeat"],
        id="before the interview was logged a second call is a repeat",
    ),
    pytest.param(
        history(
            "Mon 2 Nov",
            interview("Fri 20 Nov", logged="Tue 3 Nov"),
            email("Wed 4 Nov"),
        ),
        ["-"],
        id="arranging before the follow-up week is not early",
    ),
    pytest.param(
        history(
            "Mon 2 Nov",
            interview("Fri 20 Nov", logged="Wed 11 Nov"),
            call("Thu 19 Nov"),
            call("Fri 20 Nov"),
        ),
        ["-", "early"],
        id="a call on the interview day is not logistics",
    ),
    pytest.param(
        history(
            "Mon 2 Nov",
            interview("Mon 2 Nov"),
            call("Mon 9 Nov"),
            interview("Fri 20 Nov", logged="Tue 10 Nov"),
            email("Wed 11 Nov"),
        ),
        ["-", "-"],
        id="arranging a second interview is not an early check-in",
    ),
]

CLOSED = [
    pytest.param(
        history("Mon 2 Nov", email("Thu 5 Nov"), closed="Wed 4 Nov"),
        ["-"],
        id="thanking them after a rejection",
    ),
    pytest.param(
        history("Mon 2 Nov", call("Mon 9 Nov"), call("Tue 10 Nov"), closed="Tue 10 Nov"),
        ["-", "-"],
        id="a second call on the closing day is not a repeat",
    ),
    pytest.param(
        history("Mon 2 Nov", call("Thu 5 Nov"), do_not_call=True, closed="Wed 4 Nov"),
        ["-"],
        id="a call on a closed do-not-call application",
    ),
    pytest.param(
        history("Mon 2 Nov", call("Tue 3 Nov"), closed="Wed 4 Nov"),
        ["early"],
        id="touches before the closing are judged as usual",
    ),
    pytest.param(
        history(
            "Mon 2 Nov",
            call("Thu 5 Nov"),
            email("Fri 6 Nov"),
            call("Mon 9 Nov"),
            closed="Wed 4 Nov",
        ),
        ["-", "-", "stalker"],
        id="three touches in five days after the closing are still stalking",
    ),
]

BACKDATED = [
    pytest.param(
        history("Mon 2 Nov", call("Mon 9 Nov"), call("Fri 6 Nov")),
        ["repeat", "early"],
        id="a call backdated before your follow-up makes the follow-up a repeat",
    ),
    pytest.param(
        history("Mon 2 Nov", call("Mon 9 Nov"), call("Tue 10 Nov"), they_call("Mon 9 Nov")),
        ["-", "-", "-"],
        id="their call backdated before yours makes it an answer",
    ),
    pytest.param(
        history("Mon 2 Nov", call("Mon 9 Nov"), call("Mon 9 Nov")),
        ["-", "repeat"],
        id="on one date the touch entered first is the follow-up",
    ),
    pytest.param(
        history(
            "Mon 2 Nov",
            call("Mon 9 Nov"),
            call("Tue 10 Nov"),
            interview("Fri 20 Nov", logged="Mon 9 Nov"),
        ),
        ["-", "-"],
        id="an interview scheduled on the day of your follow-up makes both calls logistics",
    ),
    pytest.param(
        history(
            "Mon 2 Nov",
            call("Tue 17 Nov"),
            interview("Mon 16 Nov"),
        ),
        ["early"],
        id="an interview backdated before a call judges it as a check-in",
    ),
]


def _check(hist: History, expected: list[str]) -> None:
    assert flags_per_touch(hist, d("Mon 4 Jan")) == expected


@pytest.mark.parametrize(("hist", "expected"), EARLY)
def test_a_touch_before_the_window_opens_is_early(hist: History, expected: list[str]) -> None:
    _check(hist, expected)


@pytest.mark.parametrize(("hist", "expected"), REPEAT)
def test_a_second_pre_interview_touch_without_a_reply_is_a_repeat(
    hist: History, expected: list[str]
) -> None:
    _check(hist, expected)


@pytest.mark.parametrize(("hist", "expected"), STALKER)
def test_a_third_touch_in_seven_days_without_a_reply_is_stalking(
    hist: History, expected: list[str]
) -> None:
    _check(hist, expected)


@pytest.mark.parametrize(("hist", "expected"), DO_NOT_CALL)
def test_phoning_a_do_not_call_application_before_an_interview_is_flagged(
    hist: History, expected: list[str]
) -> None:
    _check(hist, expected)


@pytest.mark.parametrize(("hist", "expected"), DO_NOT_EMAIL)
def test_emailing_a_no_email_application_before_an_interview_is_flagged(
    hist: History, expected: list[str]
) -> None:
    _check(hist, expected)


@pytest.mark.parametrize(("hist", "expected"), THANK_YOU)
def test_one_email_on_the_interview_day_or_the_next_is_a_thank_you(
    hist: History, expected: list[str]
) -> None:
    _check(hist, expected)


@pytest.mark.parametrize(("hist", "expected"), REPLY)
def test_answering_them_on_their_day_or_the_next_is_never_flagged(
    hist: History, expected: list[str]
) -> None:
    _check(hist, expected)


@pytest.mark.parametrize(("hist", "expected"), LOGISTICS)
def test_arranging_a_scheduled_interview_can_only_be_stalking(
    hist: History, expected: list[str]
) -> None:
    _check(hist, expected)


@pytest.mark.parametrize(("hist", "expected"), CLOSED)
def test_after_closing_only_stalking_is_flagged(hist: History, expected: list[str]) -> None:
    _check(hist, expected)


@pytest.mark.parametrize(("hist", "expected"), BACKDATED)
def test_a_backdated_entry_re_judges_the_touches_after_it(
    hist: History, expected: list[str]
) -> None:
    _check(hist, expected)


def test_a_snooze_does_not_change_how_touches_are_judged() -> None:
    # The rule window is Mon 23 .. Fri 27 Nov; the user snoozed to Wed 2 Dec, then called anyway.
    hist = history(
        "Mon 2 Nov", interview("Mon 16 Nov"), call("Tue 24 Nov"), snooze=("Fri 20 Nov", "Wed 2 Dec")
    )
    assert flags_per_touch(hist, d("Tue 24 Nov")) == ["-"]


def test_a_flag_carries_the_touch_and_its_date() -> None:
    hist = history("Mon 2 Nov", call("Mon 9 Nov"), call("Tue 10 Nov"))
    (flag,) = assess(hist, d("Tue 10 Nov")).flags
    assert (flag.kind, flag.on, flag.touch_id, flag.interview_id) == (
        FlagKind.REPEAT,
        d("Tue 10 Nov"),
        2,
        None,
    )
    assert flag.message


NO_NEXT_STEPS = [
    pytest.param(interview("Mon 16 Nov", next_steps=None), "Mon 16 Nov", False, id="on the day"),
    pytest.param(interview("Mon 16 Nov", next_steps=None), "Tue 17 Nov", True, id="the day after"),
    pytest.param(
        interview("Fri 20 Nov", next_steps=None), "Sat 21 Nov", True, id="a saturday after"
    ),
    pytest.param(interview("Mon 16 Nov", next_steps=None), "Mon 4 Jan", True, id="weeks after"),
    pytest.param(
        interview("Mon 16 Nov", next_steps="second round"),
        "Tue 17 Nov",
        False,
        id="next steps known",
    ),
    pytest.param(
        interview("Mon 16 Nov", next_steps=None, timeline="by Friday"),
        "Tue 17 Nov",
        False,
        id="a timeline known",
    ),
    pytest.param(
        interview("Mon 30 Nov", logged="Mon 16 Nov", next_steps=None),
        "Tue 17 Nov",
        False,
        id="a scheduled interview not yet held",
    ),
]


@pytest.mark.parametrize(("the_interview", "today", "flagged"), NO_NEXT_STEPS)
def test_an_interview_without_next_steps_or_timeline_is_flagged_from_the_day_after(
    the_interview: InterviewSpec, today: str, flagged: bool
) -> None:
    hist = history("Mon 2 Nov", the_interview)
    flags = assess(hist, d(today)).flags
    expected = [(FlagKind.NO_NEXT_STEPS, hist.interviews[0].on, 1)] if flagged else []
    assert [(f.kind, f.on, f.interview_id) for f in flags] == expected


def test_no_next_steps_is_not_an_over_contact() -> None:
    assert not FlagKind.NO_NEXT_STEPS.is_overcontact
    assert all(k.is_overcontact for k in FlagKind if k is not FlagKind.NO_NEXT_STEPS)
