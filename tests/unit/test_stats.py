"""The figures of `followup stats`: known histories in, the numbers out."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.domain.cadence import DEFAULT_CADENCE, HolidaySet, WorkCalendar
from followup.domain.models import History, Interview, InterviewKind, Outcome, Touch, Via
from followup.domain.stats import TOO_FEW, BusinessDays, Share, Stats, of_histories
from tests.unit.builders import (
    call,
    d,
    email,
    history,
    interview,
    no_answer,
    they_call,
    they_email,
    voicemail,
)

TODAY = d("Thu 26 Nov")


def numbered(*histories: History) -> list[History]:
    """The histories as applications 1, 2, 3 ... of one search."""
    found = []
    for n, h in enumerate(histories, start=1):
        app = h.application._replace(id=n)
        touches = tuple(t._replace(application_id=n) for t in h.touches)
        interviews = tuple(i._replace(application_id=n) for i in h.interviews)
        found.append(History(app, touches, interviews))
    return found


def stats_of(*histories: History, since: date | None = None, today: date = TODAY) -> Stats:
    return of_histories(numbered(*histories), today, DEFAULT_CADENCE, since)


def closed(h: History, outcome: Outcome, on: str = "Mon 23 Nov") -> History:
    return h._replace(application=h.application._replace(outcome=outcome, closed_on=d(on)))


def final_round(h: History) -> History:
    return h._replace(interviews=tuple(i._replace(kind=InterviewKind.FINAL) for i in h.interviews))


def counts(rows: tuple[tuple[str, Share], ...]) -> dict[str, tuple[int, int]]:
    return {name: (share.count, share.of) for name, share in rows}


SILENT = history("Mon 2 Nov")
REPLIED = history("Mon 2 Nov", they_email("Wed 4 Nov"))
INTERVIEWED = history("Mon 2 Nov", interview("Tue 10 Nov"))
FINAL = final_round(history("Mon 2 Nov", interview("Tue 10 Nov")))
OFFER = closed(history("Mon 2 Nov"), Outcome.OFFER)


# --- funnel ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("histories", "expected"),
    [
        pytest.param([], [0, 0, 0, 0, 0], id="nothing yet"),
        pytest.param([SILENT, SILENT], [2, 0, 0, 0, 0], id="no news"),
        pytest.param([SILENT, REPLIED], [2, 1, 0, 0, 0], id="an inbound touch is hearing back"),
        pytest.param([INTERVIEWED], [1, 1, 1, 0, 0], id="an interview counts as hearing back"),
        pytest.param([FINAL], [1, 1, 1, 1, 0], id="a final round is an interview too"),
        pytest.param([OFFER], [1, 1, 1, 1, 1], id="an offer reached every row"),
        pytest.param(
            [SILENT, REPLIED, INTERVIEWED, FINAL, OFFER, SILENT], [6, 4, 3, 2, 1], id="mixed"
        ),
    ],
)
def test_funnel_counts_each_row_as_a_subset_of_the_one_above(
    histories: list[History], expected: list[int]
) -> None:
    funnel = stats_of(*histories).funnel
    assert [name for name, _ in funnel] == [
        "applied",
        "heard back",
        "interviewed",
        "final round",
        "offer",
    ]
    assert [share.count for _, share in funnel] == expected
    # Each share is of the row above.
    assert [share.of for _, share in funnel] == [expected[0], *expected[:-1]]


def test_a_share_of_fewer_than_five_cases_is_too_few_to_tell() -> None:
    assert TOO_FEW == 5
    assert Share(2, 4).share is None
    assert Share(2, 5).share == pytest.approx(0.4)
    assert Share(0, 0).share is None


def test_funnel_shares_over_enough_cases() -> None:
    funnel = dict(stats_of(*[REPLIED] * 3, *[SILENT] * 7).funnel)
    assert funnel["heard back"].share == pytest.approx(0.3)
    # Heard back: 3 cases, too few to say what share of them were interviewed.
    assert funnel["interviewed"].share is None


# --- which follow-ups get answers ------------------------------------------------------


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        pytest.param(
            [call("Mon 9 Nov"), they_call("Fri 13 Nov")],
            {"call": (1, 1)},
            id="reply within the week",
        ),
        pytest.param(
            [call("Mon 9 Nov"), they_call("Mon 23 Nov")],
            {"call": (1, 1)},
            id="reply on the tenth business day",
        ),
        pytest.param(
            [call("Mon 9 Nov"), they_call("Tue 24 Nov")],
            {"call": (0, 1)},
            id="reply on the eleventh business day is too late",
        ),
        pytest.param(
            [they_email("Mon 9 Nov"), email("Mon 9 Nov")],
            {"email": (0, 1)},
            id="a reply entered before it on its day does not answer it",
        ),
        pytest.param(
            [voicemail("Mon 9 Nov"), interview("Wed 25 Nov", logged="Thu 12 Nov")],
            {"voicemail": (1, 1)},
            id="an interview recorded in time answers it",
        ),
        pytest.param(
            [no_answer("Mon 9 Nov"), no_answer("Tue 10 Nov")],
            {"no-answer": (0, 2)},
            id="unanswered",
        ),
        pytest.param(
            [call("Mon 16 Nov")],
            {"call": (0, 0)},
            id="its ten business days are not over: left out",
        ),
    ],
)
def test_follow_ups_answered_within_ten_business_days(
    events: list[object], expected: dict[str, tuple[int, int]]
) -> None:
    answers = counts(stats_of(history("Mon 2 Nov", *events)).answers)  # type: ignore[arg-type]
    assert answers == {
        "call": (0, 0),
        "voicemail": (0, 0),
        "no-answer": (0, 0),
        "email": (0, 0),
    } | (expected)


def test_holidays_push_the_answer_deadline_out() -> None:
    calendar = WorkCalendar(holidays=HolidaySet(frozenset({d("Thu 12 Nov"), d("Fri 13 Nov")})))
    cadence = DEFAULT_CADENCE._replace(calendar=calendar)
    h = history("Mon 2 Nov", call("Mon 9 Nov"), they_call("Tue 24 Nov"))
    found = of_histories(numbered(h), TODAY, cadence)
    assert counts(found.answers)["call"] == (1, 1)


# --- time to first reply ---------------------------------------------------------------


def test_median_business_days_to_first_reply() -> None:
    replies = [
        history("Mon 2 Nov", they_call("Tue 3 Nov")),  # 1
        history("Mon 2 Nov", they_call("Mon 9 Nov")),  # 5: the weekend does not count
        history("Mon 2 Nov", interview("Mon 16 Nov", logged="Wed 4 Nov")),  # 2, when recorded
        history("Mon 2 Nov", call("Tue 3 Nov"), they_email("Fri 6 Nov"), they_call("Mon 9 Nov")),
        history("Mon 2 Nov", they_call("Mon 16 Nov")),  # 10
        SILENT,
    ]
    found = stats_of(*replies)
    assert found.first_reply_cases == 5
    assert found.first_reply_median == 4  # 1, 2, 4, 5, 10


def test_first_reply_over_fewer_than_five_is_too_few_to_tell() -> None:
    found = stats_of(REPLIED, REPLIED, SILENT)
    assert (found.first_reply_median, found.first_reply_cases) == (None, 2)


# --- activity --------------------------------------------------------------------------


def test_activity_counts_applications_and_follow_ups_per_week() -> None:
    found = stats_of(
        history("Mon 2 Nov", call("Mon 9 Nov"), they_call("Tue 10 Nov")),
        history("Wed 4 Nov", email("Tue 24 Nov")),
        history("Tue 24 Nov"),
        history("Mon 1 Jun 2026", call("Mon 8 Jun 2026")),  # older than 12 weeks
    )
    assert len(found.activity) == 12
    assert found.activity[-1][0] == d("Mon 23 Nov")
    assert found.activity[0][0] == d("Mon 7 Sep 2026")
    weeks = {week: (apps, follow_ups) for week, apps, follow_ups in found.activity}
    assert weeks[d("Mon 2 Nov")] == (2, 0)
    assert weeks[d("Mon 9 Nov")] == (0, 1)  # their call is not your follow-up
    assert weeks[d("Mon 23 Nov")] == (1, 1)
    assert sum(a for a, _ in weeks.values()) == 3


# --- restraint -------------------------------------------------------------------------


def test_restraint_counts_over_contact_flags_per_month_and_follow_ups_in_their_window() -> None:
    found = stats_of(
        # Inside its window (the week after applying).
        history("Mon 2 Nov", call("Tue 10 Nov")),
        # Early (before the window), then a repeat: two flags in November, both outside.
        history("Mon 2 Nov", call("Wed 4 Nov"), call("Wed 11 Nov")),
        # Inside, in October.
        history("Mon 5 Oct", email("Mon 12 Oct")),
    )
    months = dict(found.flags_by_month)
    assert list(months)[-1] == d("Sun 1 Nov")
    assert len(months) == 3
    assert months[d("Sun 1 Nov")] == 2
    assert months[d("Thu 1 Oct")] == 0
    assert (found.inside_window.count, found.inside_window.of) == (2, 4)


# --- outcomes --------------------------------------------------------------------------


def test_every_outcome_is_counted_and_still_open_last() -> None:
    found = stats_of(
        closed(SILENT, Outcome.NO_RESPONSE),
        closed(SILENT, Outcome.NO_RESPONSE),
        closed(SILENT, Outcome.REJECTED),
        OFFER,
        SILENT,
    )
    outcomes = counts(found.outcomes)
    assert list(outcomes) == [o.value for o in Outcome] + ["still open"]
    assert outcomes["no-response"] == (2, 5)
    assert outcomes["still open"] == (1, 5)
    assert outcomes["withdrawn"] == (0, 5)


def test_since_keeps_applications_made_from_that_day() -> None:
    found = stats_of(SILENT, history("Tue 24 Nov"), since=d("Mon 23 Nov"))
    assert dict(found.funnel)["applied"].count == 1


# --- properties ------------------------------------------------------------------------

DAYS = st.dates(min_value=date(2026, 6, 1), max_value=date(2026, 11, 25))


@st.composite
def searches(draw: st.DrawFn) -> list[History]:
    found = []
    for _ in range(draw(st.integers(0, 8))):
        applied = draw(DAYS)
        later = st.dates(min_value=applied, max_value=TODAY)
        h = history(f"{applied:%a} {applied.day} {applied:%b %Y}")
        touches = tuple(
            Touch(n, 1, on, Via.CALL, inbound)
            for n, (on, inbound) in enumerate(
                sorted(draw(st.lists(st.tuples(later, st.booleans()), max_size=6))), start=1
            )
        )
        interviews = tuple(
            Interview(n, 1, on, on, kind)
            for n, (on, kind) in enumerate(
                draw(st.lists(st.tuples(later, st.sampled_from(InterviewKind)), max_size=2)),
                start=1,
            )
        )
        outcome = draw(st.none() | st.sampled_from(Outcome))
        app = h.application._replace(outcome=outcome, closed_on=TODAY if outcome else None)
        found.append(History(app, touches, interviews))
    return found


@settings(max_examples=60, deadline=None)
@given(searches())
def test_shares_are_fractions_and_the_funnel_never_grows(histories: list[History]) -> None:
    found = stats_of(*histories)
    shares = [s for _, s in (*found.funnel, *found.answers, *found.outcomes)]
    shares.append(found.inside_window)
    for share in shares:
        assert 0 <= share.count <= share.of
        assert share.share is None or 0 <= share.share <= 1
    funnel = [s.count for _, s in found.funnel]
    assert funnel == sorted(funnel, reverse=True)
    assert sum(s.count for _, s in found.outcomes) == len(histories)


@settings(max_examples=100, deadline=None)
@given(DAYS, DAYS, st.sets(DAYS, max_size=10))
def test_business_days_between_match_counting_them_one_by_one(
    start: date, end: date, holidays: set[date]
) -> None:
    calendar = WorkCalendar(holidays=HolidaySet(frozenset(holidays)))
    days = BusinessDays(calendar)
    lo, hi = sorted((start, end))
    naive = sum(
        calendar.is_business_day(lo + timedelta(days=n)) for n in range(1, (hi - lo).days + 1)
    )
    assert days.between(lo, hi) == naive
    assert days.between(hi, lo) == -naive
