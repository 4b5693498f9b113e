"""What must hold for every history, whatever happened: Hypothesis properties of ``assess``."""

from __future__ import annotations

import random
from datetime import date, timedelta

from hypothesis import assume, given
from hypothesis import strategies as st

from followup.domain.dates import is_business_day
from followup.domain.models import (
    Application,
    Channel,
    Contact,
    FlagKind,
    History,
    Interview,
    Outcome,
    Touch,
    Via,
)
from followup.domain.rules import assess

APP_ID = 7


def _after(start: date, lo: int, hi: int) -> st.SearchStrategy[date]:
    return st.integers(lo, hi).map(lambda n: start + timedelta(days=n))


@st.composite
def histories(draw: st.DrawFn, *, plans_ahead: bool = False) -> History:
    """Random but plausible histories, entered in a random order (ids are entry order).

    With ``plans_ahead``, agreed dates are never before the touch or interview
    that agreed them (a plan is for later).
    """
    applied = draw(st.dates(date(2026, 10, 26), date(2027, 1, 10)))
    closed_on = draw(st.none() | _after(applied, 0, 70))
    snoozed_on = draw(st.none() | _after(applied, 0, 60))
    app = Application(
        id=APP_ID,
        company="Acme",
        role="Analyst",
        applied_on=applied,
        contact=Contact(
            phone=draw(st.sampled_from([None, "555 0100"])),
            email=draw(st.sampled_from([None, "sam@acme.example"])),
        ),
        do_not_call=draw(st.booleans()),
        outcome=Outcome.REJECTED if closed_on else None,
        closed_on=closed_on,
        snoozed_on=snoozed_on,
        snooze_until=draw(_after(snoozed_on, 0, 30)) if snoozed_on else None,
    )
    agreed_from = 0 if plans_ahead else -10

    touch_dates = draw(st.lists(_after(applied, -3, 60), max_size=9))
    touches = []
    for n, on in enumerate(touch_dates, start=1):
        touches.append(
            Touch(
                id=n,
                application_id=APP_ID,
                on=on,
                via=draw(st.sampled_from(list(Via))),
                inbound=draw(st.booleans()),
                follow_up_on=draw(st.none() | _after(on, agreed_from, 30)),
            )
        )
    interview_dates = draw(st.lists(_after(applied, 0, 60), max_size=3))
    interviews = []
    for n, on in enumerate(interview_dates, start=1):
        interviews.append(
            Interview(
                id=n,
                application_id=APP_ID,
                on=on,
                logged_on=draw(_after(on, -20, 5)),
                next_steps=draw(st.sampled_from([None, "a second round"])),
                prefers=draw(st.none() | st.sampled_from(list(Channel))),
                follow_up_on=draw(st.none() | _after(on, agreed_from, 30)),
            )
        )
    return History(app, tuple(touches), tuple(interviews))


todays = st.dates(date(2026, 10, 20), date(2027, 4, 30))


@given(histories(), todays)
def test_no_window_ever_starts_or_ends_on_a_weekend(hist: History, today: date) -> None:
    window = assess(hist, today).next_contact
    if window is not None:
        assert is_business_day(window.earliest)
        assert is_business_day(window.latest)


@given(histories(), todays)
def test_a_window_never_closes_before_it_opens(hist: History, today: date) -> None:
    window = assess(hist, today).next_contact
    if window is not None:
        assert window.earliest <= window.latest


@given(histories(), todays)
def test_waiting_is_set_exactly_when_there_is_no_next_contact(hist: History, today: date) -> None:
    result = assess(hist, today)
    assert (result.waiting is None) == (result.next_contact is not None)
    if result.waiting is not None:
        assert result.waiting.strip()


@given(histories(), todays)
def test_inbound_touches_are_never_flagged(hist: History, today: date) -> None:
    result = assess(hist, today)
    for touch in hist.touches:
        if touch.inbound:
            assert result.touch_flags(touch.id) == ()


@given(histories(), todays)
def test_every_flag_belongs_to_an_outbound_touch_or_an_interview(
    hist: History, today: date
) -> None:
    outbound = {t.id: t for t in hist.touches if not t.inbound}
    interviews = {i.id for i in hist.interviews}
    for flag in assess(hist, today).flags:
        if flag.kind is FlagKind.NO_NEXT_STEPS:
            assert flag.touch_id is None
            assert flag.interview_id in interviews
        else:
            assert flag.touch_id in outbound
            assert flag.on == outbound[flag.touch_id].on


@given(histories(), todays)
def test_after_closing_only_stalking_is_flagged_and_nothing_is_due(
    hist: History, today: date
) -> None:
    closed_on = hist.application.closed_on
    assume(closed_on is not None)
    assert closed_on is not None
    result = assess(hist, today)
    assert result.next_contact is None
    for touch in hist.touches:
        if touch.on >= closed_on:
            assert set(result.touch_flags(touch.id)) <= {FlagKind.STALKER}


@given(histories(), todays)
def test_assess_gives_the_same_answer_twice(hist: History, today: date) -> None:
    assert assess(hist, today) == assess(hist, today)


@given(histories(), todays, st.randoms(use_true_random=False))
def test_assess_does_not_depend_on_the_order_the_history_is_given_in(
    hist: History, today: date, rnd: random.Random
) -> None:
    touches, interviews = list(hist.touches), list(hist.interviews)
    rnd.shuffle(touches)
    rnd.shuffle(interviews)
    shuffled = hist._replace(touches=tuple(touches), interviews=tuple(interviews))
    assert assess(shuffled, today) == assess(hist, today)


@given(histories(plans_ahead=True), st.data(), st.sampled_from(list(Via)))
def test_an_outbound_touch_inside_the_open_window_is_never_early(
    hist: History, data: st.DataObject, via: Via
) -> None:
    window = assess(hist, date(2027, 6, 1)).next_contact
    assume(window is not None)
    assert window is not None
    # The new touch must come last, so that the window it is judged by is the one shown.
    last_event = max(
        [t.on for t in hist.touches] + [i.on for i in hist.interviews], default=window.earliest
    )
    first_day = max(window.earliest, last_event)
    assume(first_day <= window.latest)
    on = data.draw(st.dates(first_day, window.latest))
    new = Touch(id=len(hist.touches) + 1, application_id=APP_ID, on=on, via=via)
    after = assess(hist._replace(touches=(*hist.touches, new)), date(2027, 6, 1))
    assert FlagKind.EARLY not in after.touch_flags(new.id)
