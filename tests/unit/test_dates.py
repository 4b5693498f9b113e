"""Business days, and reading the dates users type.

The truth tables read like the spec: what the user typed, on which day, for which kind of option,
and the date it must mean. Most rows use Thursday 2026-11-26; Sunday 2026-11-29 and Monday
2026-11-30 cover the ends of the week.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.domain.dates import (
    ACCEPTED_FORMS,
    Direction,
    business_day_on_or_after,
    business_day_on_or_before,
    first_day_of_week,
    is_business_day,
    next_business_day,
    parse_date,
    week_after,
)
from followup.errors import BadInput

PAST = Direction.PAST
FUTURE = Direction.FUTURE
NEAREST = Direction.NEAREST

THU = date(2026, 11, 26)
SUN = date(2026, 11, 29)
MON = date(2026, 11, 30)


def d(text: str) -> date:
    return date.fromisoformat(text)


def case(text: str, today: date, direction: Direction, expected: str) -> object:
    return pytest.param(
        text, today, direction, d(expected), id=f"{text!r} {direction} on {today:%a %Y-%m-%d}"
    )


ACCEPTED = [
    # ISO dates mean exactly themselves; only PAST refuses those after today.
    case("2026-12-03", THU, FUTURE, "2026-12-03"),
    case("2026-12-03", THU, NEAREST, "2026-12-03"),
    case("2026-11-01", THU, FUTURE, "2026-11-01"),
    case("2026-11-01", THU, NEAREST, "2026-11-01"),
    case("2026-11-01", THU, PAST, "2026-11-01"),
    case("2026-11-26", THU, PAST, "2026-11-26"),
    case("1900-01-01", THU, PAST, "1900-01-01"),
    case("2999-12-31", THU, FUTURE, "2999-12-31"),
    # Named days, in any case and with stray whitespace.
    case("today", THU, PAST, "2026-11-26"),
    case("  Today \t", THU, FUTURE, "2026-11-26"),
    case("yesterday", THU, PAST, "2026-11-25"),
    case("YESTERDAY", MON, FUTURE, "2026-11-29"),
    case("tomorrow", THU, FUTURE, "2026-11-27"),
    case("tomorrow", SUN, NEAREST, "2026-11-30"),
    # A bare weekday: PAST looks back, FUTURE forward, NEAREST picks the closer; today matches.
    case("friday", THU, PAST, "2026-11-20"),
    case("friday", THU, FUTURE, "2026-11-27"),
    case("friday", THU, NEAREST, "2026-11-27"),
    case("Fri", THU, PAST, "2026-11-20"),
    case("fri", THU, FUTURE, "2026-11-27"),
    case(" FRIDAY ", THU, PAST, "2026-11-20"),
    case("thursday", THU, PAST, "2026-11-26"),
    case("thu", THU, FUTURE, "2026-11-26"),
    case("thursday", THU, NEAREST, "2026-11-26"),
    case("monday", THU, NEAREST, "2026-11-23"),
    case("sunday", THU, NEAREST, "2026-11-29"),
    case("wed", THU, PAST, "2026-11-25"),
    case("tue", THU, FUTURE, "2026-12-01"),
    case("sat", THU, FUTURE, "2026-11-28"),
    case("sunday", SUN, PAST, "2026-11-29"),
    case("sunday", SUN, FUTURE, "2026-11-29"),
    case("friday", SUN, PAST, "2026-11-27"),
    case("friday", SUN, FUTURE, "2026-12-04"),
    case("friday", SUN, NEAREST, "2026-11-27"),
    case("monday", SUN, PAST, "2026-11-23"),
    case("monday", SUN, FUTURE, "2026-11-30"),
    case("monday", SUN, NEAREST, "2026-11-30"),
    case("saturday", SUN, PAST, "2026-11-28"),
    case("monday", MON, PAST, "2026-11-30"),
    case("monday", MON, FUTURE, "2026-11-30"),
    case("sunday", MON, PAST, "2026-11-29"),
    case("sunday", MON, FUTURE, "2026-12-06"),
    case("sunday", MON, NEAREST, "2026-11-29"),
    case("friday", MON, NEAREST, "2026-11-27"),
    case("thursday", MON, NEAREST, "2026-12-03"),
    # "next" is strictly after today and "last" strictly before, whatever the direction.
    case("next friday", THU, FUTURE, "2026-11-27"),
    case("next friday", THU, NEAREST, "2026-11-27"),
    case("next thursday", THU, FUTURE, "2026-12-03"),
    case("last friday", THU, PAST, "2026-11-20"),
    case("last friday", THU, FUTURE, "2026-11-20"),
    case("last thursday", THU, PAST, "2026-11-19"),
    case("Last  Fri", THU, PAST, "2026-11-20"),
    case("last sunday", SUN, PAST, "2026-11-22"),
    case("next sunday", SUN, FUTURE, "2026-12-06"),
    case("next monday", SUN, FUTURE, "2026-11-30"),
    case("last monday", MON, PAST, "2026-11-23"),
    case("next monday", MON, FUTURE, "2026-12-07"),
    case("last saturday", MON, PAST, "2026-11-28"),
    # Signed offsets in days and weeks.
    case("+3d", THU, FUTURE, "2026-11-29"),
    case("-2w", THU, PAST, "2026-11-12"),
    case("+1w", THU, FUTURE, "2026-12-03"),
    case("-1d", MON, PAST, "2026-11-29"),
    case("+0d", THU, PAST, "2026-11-26"),
    case("-10D", THU, NEAREST, "2026-11-16"),
    case("+400d", THU, FUTURE, "2027-12-31"),
    # Month names with a year mean exactly that date.
    case("3 December 2026", THU, FUTURE, "2026-12-03"),
    case("December 3, 2026", THU, FUTURE, "2026-12-03"),
    case("dec 3 2026", THU, NEAREST, "2026-12-03"),
    case("3 Dec 2025", THU, PAST, "2025-12-03"),
    case("3rd December 2025", THU, PAST, "2025-12-03"),
    case("Dec. 3, 2026", THU, FUTURE, "2026-12-03"),
    case("29 February 2024", THU, PAST, "2024-02-29"),
    case("1 jan 2030", THU, FUTURE, "2030-01-01"),
    # Without a year, the year is inferred in the option's direction.
    case("Dec 3", THU, FUTURE, "2026-12-03"),
    case("Dec 3", THU, NEAREST, "2026-12-03"),
    case("3 december", THU, FUTURE, "2026-12-03"),
    case("Nov 26", THU, PAST, "2026-11-26"),
    case("Nov 26", THU, FUTURE, "2026-11-26"),
    case("Nov 26", THU, NEAREST, "2026-11-26"),
    case("June 1", THU, NEAREST, "2026-06-01"),
    case("Jan 5", THU, NEAREST, "2027-01-05"),
    case("sept 14", THU, PAST, "2026-09-14"),
    case("dec 1", MON, FUTURE, "2026-12-01"),
    case("dec 31", date(2027, 1, 2), PAST, "2026-12-31"),
    case("dec 31", date(2027, 1, 2), NEAREST, "2026-12-31"),
    # Two occurrences 366 days apart leave a midpoint at equal distance: the past one wins.
    case("mar 1", date(2027, 8, 31), NEAREST, "2027-03-01"),
    case("mar 1", date(2027, 9, 1), NEAREST, "2028-03-01"),
    # Feb 29 without a year goes to the nearest leap year that way, skipping 2100.
    case("29 Feb", date(2024, 2, 29), PAST, "2024-02-29"),
]


@pytest.mark.parametrize(("text", "today", "direction", "expected"), ACCEPTED)
def test_accepted_forms_mean_the_date_the_spec_says(
    text: str, today: date, direction: Direction, expected: date
) -> None:
    assert parse_date(text, today, direction) == expected


def refused(text: str, *words: str, direction: Direction = FUTURE, today: date = THU) -> object:
    return pytest.param(text, today, direction, words, id=f"{text[:30]!r} {direction}")


IN_THE_FUTURE = ("in the future", "already happened")
IMPLAUSIBLE = ("1900 to 2999",)
FAR_AWAY = ("without a year would be", "write the year")

REFUSED = [
    # A date without a year that lands more than half a year away is a slip, not a plan.
    refused("Dec 3", *FAR_AWAY, direction=PAST, today=THU),
    refused("3 Dec", *FAR_AWAY, direction=PAST, today=THU),
    refused("June 1", *FAR_AWAY, direction=FUTURE, today=THU),
    refused("Jan 5", *FAR_AWAY, direction=PAST, today=THU),
    refused("dec 1", *FAR_AWAY, direction=PAST, today=MON),
    refused("dec 31", *FAR_AWAY, direction=FUTURE, today=date(2027, 1, 2)),
    refused("feb 29", *FAR_AWAY, direction=PAST, today=THU),
    refused("feb 29", *FAR_AWAY, direction=FUTURE, today=THU),
    refused("feb 29", *FAR_AWAY, direction=NEAREST, today=THU),
    refused("feb 29", *FAR_AWAY, direction=PAST, today=date(2100, 3, 1)),
    refused("feb 29", *FAR_AWAY, direction=FUTURE, today=date(2100, 3, 1)),
    refused("feb 29", *FAR_AWAY, direction=NEAREST, today=date(2101, 1, 1)),
    # Numbers alone, other than YYYY-MM-DD, could be read more than one way.
    refused("03/04/2026", "ambiguous", "3 April", "4 March"),
    refused("3/4", "ambiguous", "3 April", "4 March"),
    refused("12-03-2026", "ambiguous", "12 March", "3 December"),
    refused("2026/12/03", "ambiguous", "YYYY-MM-DD"),
    refused("20261203", "ambiguous", "YYYY-MM-DD"),
    refused("3.12.2026", "ambiguous"),
    refused("2026-1-5", "two digits", "2026-01-05"),
    refused("dec 3 26", "ambiguous", "four digits"),
    # A month without a day, or a day without a month.
    refused("Feb 2026", "no day"),
    refused("December", "no day"),
    refused("may", "no day"),
    refused("3", "no month"),
    refused("the 3rd", "no month"),
    refused("31", "no month"),
    # Words that are not a date, which a lenient parser would turn into today or guess at.
    refused("soon", "'soon'", "not a date"),
    refused("blah", "'blah'", "not a date"),
    refused("friday 3", "'friday 3'", "not a date"),
    refused("this friday", "not a date"),
    refused("Friday 27 November 2026", "not a date"),
    refused("3rd of december", "not a date"),
    refused("dec jan 3", "not a date"),
    refused("fridya", "not a date"),
    refused("next", "weekday"),
    refused("last", "weekday"),
    refused("next week", "weekday"),
    refused("3d", "sign", "+3d", "-3d"),
    refused("2w", "sign", "+2w"),
    refused("+3 days", "not a date"),
    refused("+٣d", "not a date"),
    refused("٢٠٢٦-١٢-٠٣", "not a date"),
    refused("٣ dec", "not a date"),
    # A time of day is never accepted.
    refused("3 December 2026 10:00", "time of day"),
    refused("2026-12-03T10:00", "time of day"),
    refused("dec 3 10am", "time of day"),
    refused("noon", "time of day"),
    # Dates that do not exist.
    refused("2026-02-30", "not a real date", "28 days"),
    refused("2024-02-30", "not a real date", "29 days"),
    refused("2026-13-01", "not a real date", "month 13"),
    refused("2026-00-10", "not a real date", "month 0"),
    refused("2026-04-00", "not a real date", "day 0"),
    refused("31 April", "not a real date", "30 days"),
    refused("feb 30", "not a real date", "29 days"),
    refused("29 Feb 2026", "not a real date", "28 days"),
    refused("december 32", "not a real date", "day 32"),
    refused("0 dec", "not a real date", "day 0"),
    refused("dec 3 2026 2027", "more than one year"),
    # Nothing at all.
    refused("", "empty"),
    refused("   ", "empty"),
    # Years nobody means, and offsets that would overflow date arithmetic.
    refused("+99999999d", *IMPLAUSIBLE),
    refused("-99999999w", *IMPLAUSIBLE),
    refused("+999999w", *IMPLAUSIBLE),
    refused("+999999999999999999999999999d", *IMPLAUSIBLE),
    refused("+" + "9" * 5000 + "d", *IMPLAUSIBLE),
    refused("+400000d", *IMPLAUSIBLE),
    refused("1899-12-31", *IMPLAUSIBLE),
    refused("3000-01-01", *IMPLAUSIBLE),
    refused("0000-01-01", *IMPLAUSIBLE),
    refused("3 dec 1850", *IMPLAUSIBLE),
    refused("3 dec 0099", *IMPLAUSIBLE),
    refused("dec 3", *IMPLAUSIBLE, direction=PAST, today=date(1900, 1, 1)),
    refused("friday", *IMPLAUSIBLE, direction=PAST, today=date(1900, 1, 1)),
    refused("jan 1", *IMPLAUSIBLE, direction=FUTURE, today=date(2999, 12, 31)),
    # Options about what already happened refuse any date after today.
    refused("tomorrow", *IN_THE_FUTURE, "2026-11-27", direction=PAST),
    refused("+3d", *IN_THE_FUTURE, "2026-11-29", direction=PAST),
    refused("+1w", *IN_THE_FUTURE, direction=PAST),
    refused("2026-11-27", *IN_THE_FUTURE, direction=PAST),
    refused("next friday", *IN_THE_FUTURE, direction=PAST),
    refused("next thursday", *IN_THE_FUTURE, direction=PAST),
    refused("3 December 2026", *IN_THE_FUTURE, direction=PAST),
    refused("dec 3 2026", *IN_THE_FUTURE, direction=PAST),
]


@pytest.mark.parametrize(("text", "today", "direction", "words"), REFUSED)
def test_refused_input_raises_bad_input_saying_why(
    text: str, today: date, direction: Direction, words: tuple[str, ...]
) -> None:
    with pytest.raises(BadInput) as refusal:
        parse_date(text, today, direction)
    message = refusal.value.message
    for word in words:
        assert word in message
    assert "\n" not in message
    if set(IN_THE_FUTURE) <= set(words) or set(FAR_AWAY) <= set(words):
        # The form was understood; listing the forms again would not help.
        assert ACCEPTED_FORMS[1:] not in message
    else:
        assert message.endswith(ACCEPTED_FORMS[1:] + ".")


def test_a_refusal_quotes_what_the_user_typed() -> None:
    with pytest.raises(BadInput, match=r"^'03/04/2026' is ambiguous"):
        parse_date("03/04/2026", THU, FUTURE)


def test_a_refusal_quotes_long_input_on_one_short_line() -> None:
    typed = "the third of december in the year two thousand and twenty six\nplease"
    with pytest.raises(BadInput) as refusal:
        parse_date(typed, THU, FUTURE)
    assert "\n" not in refusal.value.message
    assert "please" not in refusal.value.message
    assert refusal.value.message.startswith("'the third of december")


def test_a_refusal_is_an_exit_code_2_error() -> None:
    with pytest.raises(BadInput) as refusal:
        parse_date("soon", THU, FUTURE)
    assert refusal.value.exit_code == 2


def test_the_accepted_forms_fit_on_one_line_and_name_every_form() -> None:
    assert "\n" not in ACCEPTED_FORMS
    for form in ("YYYY-MM-DD", "today", "yesterday", "tomorrow", "next friday", "+3d", "Dec 3"):
        assert form in ACCEPTED_FORMS


def test_directions_are_named_by_their_plain_values() -> None:
    assert [str(direction) for direction in Direction] == ["past", "future", "nearest"]


# --- Properties --------------------------------------------------------------------------------

WEEKDAY_NAMES = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

any_date = st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31))
# Far enough from the ends of the accepted years that a week or a year either side stays inside.
inner_date = st.dates(min_value=date(1902, 1, 1), max_value=date(2997, 12, 31))
weekday_name = st.sampled_from(sorted(WEEKDAY_NAMES))


@given(day=any_date, today=any_date, direction=st.sampled_from([FUTURE, NEAREST]))
def test_an_iso_date_means_itself_for_any_today_in_future_and_nearest(
    day: date, today: date, direction: Direction
) -> None:
    assert parse_date(day.isoformat(), today, direction) == day


@given(day=any_date, today=any_date)
def test_an_iso_date_means_itself_in_past_unless_it_is_after_today(day: date, today: date) -> None:
    if day <= today:
        assert parse_date(day.isoformat(), today, PAST) == day
    else:
        with pytest.raises(BadInput, match="in the future"):
            parse_date(day.isoformat(), today, PAST)


@given(name=weekday_name, today=inner_date)
def test_a_bare_weekday_in_past_falls_in_the_seven_days_ending_today(
    name: str, today: date
) -> None:
    result = parse_date(name, today, PAST)
    assert result.weekday() == WEEKDAY_NAMES[name]
    assert today - timedelta(days=6) <= result <= today


@given(name=weekday_name, today=inner_date)
def test_a_bare_weekday_in_future_falls_in_the_seven_days_starting_today(
    name: str, today: date
) -> None:
    result = parse_date(name, today, FUTURE)
    assert result.weekday() == WEEKDAY_NAMES[name]
    assert today <= result <= today + timedelta(days=6)


@given(name=weekday_name, today=inner_date)
def test_a_bare_weekday_in_nearest_is_at_most_three_days_away(name: str, today: date) -> None:
    result = parse_date(name, today, NEAREST)
    assert result.weekday() == WEEKDAY_NAMES[name]
    assert abs(result - today) <= timedelta(days=3)


@given(name=weekday_name, today=inner_date, direction=st.sampled_from([FUTURE, NEAREST]))
def test_next_weekday_is_strictly_after_today_and_within_seven_days(
    name: str, today: date, direction: Direction
) -> None:
    result = parse_date(f"next {name}", today, direction)
    assert result.weekday() == WEEKDAY_NAMES[name]
    assert today < result <= today + timedelta(days=7)


@given(name=weekday_name, today=inner_date, direction=st.sampled_from(list(Direction)))
def test_last_weekday_is_strictly_before_today_and_within_seven_days(
    name: str, today: date, direction: Direction
) -> None:
    result = parse_date(f"last {name}", today, direction)
    assert result.weekday() == WEEKDAY_NAMES[name]
    assert today - timedelta(days=7) <= result < today


def _year_less(day: date, today: date, direction: Direction) -> date:
    """The spec by hand: the latest such date on or before today, or the first on or after."""
    year = today.year
    if direction is PAST:
        while date(year, day.month, day.day) > today:
            year -= 1
    else:
        while date(year, day.month, day.day) < today:
            year += 1
    return date(year, day.month, day.day)


@given(
    day=inner_date,
    today=inner_date,
    flip=st.booleans(),
    direction=st.sampled_from([PAST, FUTURE]),
)
def test_a_month_name_date_without_a_year_is_the_one_the_direction_names_or_refused_if_far(
    day: date, today: date, flip: bool, direction: Direction
) -> None:
    # Feb 29 recurs every four years; its refusals are in the table above.
    if (day.month, day.day) == (2, 29):
        day = day - timedelta(days=1)
    month = MONTH_NAMES[day.month - 1]
    text = f"{month} {day.day}" if flip else f"{day.day} {month[:3]}"
    expected = _year_less(day, today, direction)
    if abs(expected - today) > timedelta(days=183):
        with pytest.raises(BadInput, match="without a year would be"):
            parse_date(text, today, direction)
    else:
        assert parse_date(text, today, direction) == expected


@given(day=any_date, today=any_date)
def test_a_month_name_date_with_a_year_means_exactly_that_date(day: date, today: date) -> None:
    text = f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
    assert parse_date(text, today, FUTURE) == day


@given(days=st.integers(-700, 700), today=inner_date)
def test_a_signed_day_offset_moves_that_many_days(days: int, today: date) -> None:
    sign = "+" if days >= 0 else "-"
    assert parse_date(f"{sign}{abs(days)}d", today, FUTURE) == today + timedelta(days=days)


@given(text=st.text(max_size=30), today=any_date, direction=st.sampled_from(list(Direction)))
def test_any_text_either_reads_as_a_date_or_raises_bad_input_on_one_line(
    text: str, today: date, direction: Direction
) -> None:
    result: date | None = None
    message = ""
    try:
        result = parse_date(text, today, direction)
    except BadInput as refusal:
        message = refusal.message
    if result is None:
        assert message
        assert "\n" not in message
    else:
        assert date(1900, 1, 1) <= result <= date(2999, 12, 31)


# --- Business days -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (d("2026-11-23"), True),  # Monday
        (d("2026-11-24"), True),
        (d("2026-11-25"), True),
        (d("2026-11-26"), True),
        (d("2026-11-27"), True),  # Friday
        (d("2026-11-28"), False),  # Saturday
        (d("2026-11-29"), False),  # Sunday
    ],
)
def test_business_days_are_monday_to_friday(day: date, expected: bool) -> None:
    assert is_business_day(day) is expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (d("2026-11-25"), d("2026-11-25")),  # a Wednesday is itself
        (d("2026-11-27"), d("2026-11-27")),  # a Friday is itself
        (d("2026-11-28"), d("2026-11-30")),  # Saturday moves to Monday
        (d("2026-11-29"), d("2026-11-30")),  # Sunday moves to Monday
        (d("2027-01-02"), d("2027-01-04")),  # across the new year
    ],
)
def test_business_day_on_or_after_moves_weekends_to_monday(day: date, expected: date) -> None:
    assert business_day_on_or_after(day) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (d("2026-11-30"), d("2026-11-30")),  # a Monday is itself
        (d("2026-11-27"), d("2026-11-27")),  # a Friday is itself
        (d("2026-11-28"), d("2026-11-27")),  # Saturday moves to Friday
        (d("2026-11-29"), d("2026-11-27")),  # Sunday moves to Friday
    ],
)
def test_business_day_on_or_before_moves_weekends_to_friday(day: date, expected: date) -> None:
    assert business_day_on_or_before(day) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (d("2026-11-26"), d("2026-11-27")),  # Thursday to Friday
        (d("2026-11-27"), d("2026-11-30")),  # Friday to Monday
        (d("2026-11-28"), d("2026-11-30")),  # Saturday to Monday
        (d("2026-11-29"), d("2026-11-30")),  # Sunday to Monday
        (d("2026-11-30"), d("2026-12-01")),  # Monday to Tuesday
    ],
)
def test_next_business_day_is_strictly_after_and_skips_weekends(day: date, expected: date) -> None:
    assert next_business_day(day) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (d("2026-11-18"), (d("2026-11-23"), d("2026-11-27"))),  # Wednesday
        (d("2026-11-22"), (d("2026-11-23"), d("2026-11-27"))),  # Sunday ends the same week
        (d("2026-11-16"), (d("2026-11-23"), d("2026-11-27"))),  # Monday starts it
        (d("2026-11-23"), (d("2026-11-30"), d("2026-12-04"))),
        (d("2026-12-30"), (d("2027-01-04"), d("2027-01-08"))),  # across the new year
    ],
)
def test_week_after_is_monday_to_friday_of_the_following_week(
    day: date, expected: tuple[date, date]
) -> None:
    assert week_after(day) == expected


@given(day=any_date)
def test_business_day_on_or_after_is_a_weekday_no_earlier_and_at_most_two_days_later(
    day: date,
) -> None:
    result = business_day_on_or_after(day)
    assert result.weekday() < 5
    assert day <= result <= day + timedelta(days=2)


@given(day=any_date)
def test_business_day_on_or_before_is_a_weekday_no_later_and_at_most_two_days_earlier(
    day: date,
) -> None:
    result = business_day_on_or_before(day)
    assert result.weekday() < 5
    assert day - timedelta(days=2) <= result <= day


@given(day=any_date)
def test_next_business_day_is_a_weekday_one_to_three_days_later(day: date) -> None:
    result = next_business_day(day)
    assert result.weekday() < 5
    assert day + timedelta(days=1) <= result <= day + timedelta(days=3)


@given(day=any_date)
def test_week_after_starts_on_the_monday_after_day_and_ends_that_friday(day: date) -> None:
    monday, friday = week_after(day)
    assert monday.weekday() == 0
    assert friday == monday + timedelta(days=4)
    assert day < monday <= day + timedelta(days=7)


@pytest.mark.parametrize(
    ("weekdays", "first"),
    [
        (frozenset(range(5)), 0),
        (frozenset({6, 0, 1, 2, 3}), 6),
        (frozenset({1, 2, 3, 4, 5}), 1),
        (frozenset(range(6)), 0),
        (frozenset(range(7)), 0),
        (frozenset({0, 2, 4}), 0),
        (frozenset({3}), 3),
    ],
    ids=["mon-fri", "sun-thu", "tue-sat", "mon-sat", "every day", "mon wed fri", "thursdays"],
)
def test_a_working_week_starts_after_the_longest_run_of_days_off(
    weekdays: frozenset[int], first: int
) -> None:
    assert first_day_of_week(weekdays) == first
