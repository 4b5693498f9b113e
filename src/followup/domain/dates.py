"""Dates: business-day arithmetic, and reading what users type into dates.

Nothing here reads the clock: every function that needs "today" is given it.
"""

from __future__ import annotations

import contextlib
import enum
import functools
import re
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from followup.domain.cadence import MON_TO_FRI, WorkCalendar
from followup.errors import BadInput

if TYPE_CHECKING:
    from dateutil import parser as dateutil_parser


def is_business_day(day: date, workdays: WorkCalendar = MON_TO_FRI) -> bool:
    """Business days are Monday to Friday, unless the settings choose other weekdays or
    name a holiday calendar (whose holidays are never business days)."""
    return workdays.is_business_day(day)


def business_day_on_or_after(day: date, workdays: WorkCalendar = MON_TO_FRI) -> date:
    while not workdays.is_business_day(day):
        day += timedelta(days=1)
    return day


def business_day_on_or_before(day: date, workdays: WorkCalendar = MON_TO_FRI) -> date:
    while not workdays.is_business_day(day):
        day -= timedelta(days=1)
    return day


def next_business_day(day: date, workdays: WorkCalendar = MON_TO_FRI) -> date:
    """The first business day strictly after ``day``."""
    return business_day_on_or_after(day + timedelta(days=1), workdays)


def business_days_after(day: date, count: int, workdays: WorkCalendar = MON_TO_FRI) -> date:
    """The ``count``-th business day after ``day`` (``day`` itself when ``count`` is 0)."""
    for _ in range(count):
        day = next_business_day(day, workdays)
    return day


def business_span(
    earliest: date, latest: date, workdays: WorkCalendar = MON_TO_FRI
) -> tuple[date, date]:
    """A span of days narrowed to business days: the start moves forward to the first
    business day on or after it, the end back to the last one on or before it.

    When no business day is left (a run of holidays swallowed it), the span moves on
    instead: it keeps its length and starts on the first business day after it.
    """
    start = business_day_on_or_after(earliest, workdays)
    end = business_day_on_or_before(latest, workdays)
    if end < start:
        end = business_day_on_or_before(start + (latest - earliest), workdays)
    return start, end


def week_after(day: date) -> tuple[date, date]:
    """Monday to Friday of the ISO week after the one ``day`` falls in."""
    monday = day - timedelta(days=day.weekday()) + timedelta(weeks=1)
    return monday, monday + timedelta(days=4)


def first_day_of_week(weekdays: frozenset[int]) -> int:
    """The weekday a working week starts on: the business weekday right after the longest
    run of days off (Monday for Monday to Friday, Sunday for Sunday to Thursday, Tuesday
    for Tuesday to Saturday); Monday when every day is a business day."""
    if len(weekdays) >= 7:
        return 0
    best, longest = 0, -1
    for weekday in range(7):
        if weekday not in weekdays or (weekday - 1) % 7 in weekdays:
            continue
        run = 0
        while (weekday - run - 1) % 7 not in weekdays:
            run += 1
        if run > longest:
            best, longest = weekday, run
    return best


def working_week_after(day: date, workdays: WorkCalendar = MON_TO_FRI) -> tuple[date, date]:
    """The seven days of the working week after the one ``day`` falls in, as the business
    weekdays make the week (days off at its end belong to it, as Saturday and Sunday
    belong to the ISO week): Monday to Sunday for Monday to Friday."""
    first = first_day_of_week(workdays.weekdays)
    start = day - timedelta(days=(day.weekday() - first) % 7) + timedelta(weeks=1)
    return start, start + timedelta(days=6)


# --- Reading dates that users type -------------------------------------------------------------
#
# The parser is deliberately strict: a follow-up tracker that silently files a call under the wrong
# day is worse than one that asks again. Only the year may ever be inferred; anything dateutil would
# have to guess beyond that is refused with a message that says why.


class DateOrder(enum.StrEnum):
    """How a spreadsheet writes dates in numbers alone: day first (03/04 is 3 April) or month
    first (03/04 is March 4). Only the file's owner knows, so it is never guessed."""

    DMY = "dmy"
    MDY = "mdy"


class Direction(enum.StrEnum):
    """Which way an incomplete date (a bare weekday, a date without a year) is resolved."""

    PAST = "past"
    FUTURE = "future"
    NEAREST = "nearest"


ACCEPTED_FORMS = (
    "use YYYY-MM-DD, today, yesterday, tomorrow, a weekday (friday, last friday, next friday), "
    "+3d or -2w, or a day and month name (3 December 2026, Dec 3)"
)

# The years a date may fall in: typed, imported or restored. Far outside them the date is
# surely a slip, and the rules' date arithmetic would overflow near year 9999.
FIRST_YEAR = 1900
LAST_YEAR = 2999
# Every year a date may fall in, today included: far enough from 1 and 9999 that counting
# business days or cadence weeks from any of them never leaves what ``date`` can hold.
PLAUSIBLE_YEARS = range(FIRST_YEAR, LAST_YEAR + 1)

# Longer spans than this cannot land inside the accepted years, and refusing them by length keeps
# int() and timedelta() away from inputs large enough to raise on their own.
_MAX_OFFSET_DIGITS = 6

# A leap year, so that a year-less "Feb 29" survives dateutil before its year is inferred.
_LEAP_YEAR = 2000

_MONTH_NAMES = (
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

_WEEKDAY_NAMES = (
    ("monday", "mon"),
    ("tuesday", "tue", "tues"),
    ("wednesday", "wed", "weds"),
    ("thursday", "thu", "thur", "thurs"),
    ("friday", "fri"),
    ("saturday", "sat"),
    ("sunday", "sun"),
)
_WEEKDAYS = {name: number for number, names in enumerate(_WEEKDAY_NAMES) for name in names}


def _days_in_month(year: int, month: int) -> tuple[int, int]:
    """As ``calendar.monthrange``; the calendar module (and locale) load only when asked."""
    import calendar

    return calendar.monthrange(year, month)


@functools.cache
def _month_names() -> dateutil_parser.parserinfo:
    from dateutil import parser

    return parser.parserinfo()


def _dateutil_parse(text: str, default: datetime) -> datetime:
    """dateutil's parser, imported on first use: the morning view never reads a date typed
    in words, and importing dateutil costs more than the view's whole database read."""
    from dateutil import parser

    return parser.parse(text, default=default)


# Patterns as text: ``re`` compiles each on first use and keeps it, where compiling them all
# at import would cost every command (`followup due` among them) for dates it is not given.
# [0-9] rather than \d, which also matches digits from other scripts that int() would then read.
_ISO = r"([0-9]{4})-([0-9]{2})-([0-9]{2})"
_OFFSET = r"([+-]) ?([0-9]+) ?([dw])"
_UNSIGNED_OFFSET = r"[0-9]+ ?[dw]"
_WEEKDAY = r"(?:(last|next) )?([a-z]+)"
_DAY_TOKEN = r"([0-9]{1,2})(?:st|nd|rd|th)?"
_YEAR_TOKEN = r"[0-9]{4}"
_TOKEN_SEPARATOR = r"[\s,]+"
_ALL_NUMERIC = r"[0-9][0-9 ./-]*"
_NUMBER = r"[0-9]+"
# Day and month (in either order), then an optional year, one separator throughout.
_NUMERIC = r"([0-9]{1,2})([/.-])([0-9]{1,2})(\2([0-9]+))?"
_SHORT_ISO = r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
_DAY_ALONE = r"(?:the )?[0-9]{1,2}(?:st|nd|rd|th)?"
_TIME_OF_DAY = (
    r":|\b[0-9]{1,2} ?(?:am|pm)\b|\b(?:am|pm|noon|midnight|o'clock)\b|^[0-9]{4}-[0-9]{2}-[0-9]{2}t"
)
_LAST_OR_NEXT = r"(?:last|next)\b"

_SHOWN_LENGTH = 40
# A date typed without a year is read as the one nearest in the asked direction; one that
# lands further than half a year away is refused instead of guessed.
_FAR_WITHOUT_A_YEAR = timedelta(days=183)


def parse_date(
    text: str, today: date, direction: Direction, order: DateOrder | None = None
) -> date:
    """Read a date the user typed, resolving incomplete dates towards ``direction``.

    ``order`` also admits dates written in numbers alone (``03/04/2026``), read day first
    or month first; without it they are refused as ambiguous. Raises ``BadInput`` with a
    one-line message for anything that is not exactly one date.
    """
    normal = " ".join(text.lower().split())
    shown = _shown(text)
    if not normal:
        raise _refusal("The date is empty.")
    try:
        result = _resolve(normal, shown, today, direction, order)
    except OverflowError:
        # Only arithmetic far outside the accepted years overflows, so this is the same refusal.
        raise _refusal(_implausible(shown)) from None
    if not FIRST_YEAR <= result.year <= LAST_YEAR:
        raise _refusal(_implausible(shown))
    if direction is Direction.PAST and result > today:
        # The form was understood, so listing the accepted forms would not help.
        raise BadInput(_in_the_future(shown, normal, result))
    return result


def _resolve(
    normal: str, shown: str, today: date, direction: Direction, order: DateOrder | None = None
) -> date:
    """Try each accepted form in turn; the first that claims the text decides."""
    if order is not None:
        numeric = _read_numeric(normal, shown, today, direction, order)
        if numeric is not None:
            return numeric
    for reader in (_read_iso, _read_named_day, _read_offset, _read_weekday, _read_month_name):
        result = reader(normal, shown, today, direction)
        if result is not None:
            return result
    raise _refusal(_diagnose(normal, shown))


def _read_iso(normal: str, shown: str, today: date, direction: Direction) -> date | None:
    match = re.fullmatch(_ISO, normal)
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    return _real_date(year, month, day, shown)


def _read_numeric(
    normal: str, shown: str, today: date, direction: Direction, order: DateOrder
) -> date | None:
    """``3/4/2026``, ``03.04.2026`` or ``3-4`` in the order a spreadsheet said it writes them.

    Only the year may be left out (and is then inferred as for ``Dec 3``); a two-digit year
    is refused, because its century would be a guess.
    """
    match = re.fullmatch(_NUMERIC, normal)
    if match is None:
        return None
    first, second, year_text = match.group(1), match.group(3), match.group(5)
    day, month = (int(first), int(second)) if order is DateOrder.DMY else (int(second), int(first))
    if year_text is not None and len(year_text) != 4:
        raise _refusal(f"{shown} needs the year written with four digits.")
    if year_text is None:
        if not 1 <= month <= 12 or not 1 <= day <= 31:
            raise _refusal(_not_real(shown, None, month, day))
        return _infer_year(month, day, shown, today, direction)
    return _real_date(int(year_text), month, day, shown)


def _read_named_day(normal: str, shown: str, today: date, direction: Direction) -> date | None:
    offsets = {"yesterday": -1, "today": 0, "tomorrow": 1}
    if normal not in offsets:
        return None
    return today + timedelta(days=offsets[normal])


def _read_offset(normal: str, shown: str, today: date, direction: Direction) -> date | None:
    match = re.fullmatch(_OFFSET, normal)
    if match is None:
        return None
    sign, digits, unit = match.groups()
    if len(digits) > _MAX_OFFSET_DIGITS:
        raise _refusal(_implausible(shown))
    days = int(digits) * (7 if unit == "w" else 1)
    return today + timedelta(days=days if sign == "+" else -days)


def _read_weekday(normal: str, shown: str, today: date, direction: Direction) -> date | None:
    match = re.fullmatch(_WEEKDAY, normal)
    if match is None or match.group(2) not in _WEEKDAYS:
        return None
    qualifier, name = match.groups()
    weekday = _WEEKDAYS[name]
    if qualifier == "next":
        return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    if qualifier == "last":
        return today - timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)
    # Six days either side of today hold each weekday once on each side (or today itself).
    around = (today + timedelta(days=offset) for offset in range(-6, 7))
    picked = _pick([day for day in around if day.weekday() == weekday], today, direction)
    assert picked is not None
    return picked


def _read_month_name(normal: str, shown: str, today: date, direction: Direction) -> date | None:
    """Day-and-month-name forms, read by dateutil but only after the text has passed a gate.

    The gate admits only a month name, at most one day number and at most one four-digit year, so
    dateutil never sees words it would skip or numbers it would have to guess the meaning of.
    """
    tokens = [token for token in re.split(_TOKEN_SEPARATOR, normal) if token]
    months = [m for m in (_month_number(token) for token in tokens) if m is not None]
    days = [int(m.group(1)) for m in (re.fullmatch(_DAY_TOKEN, token) for token in tokens) if m]
    years = [int(token) for token in tokens if re.fullmatch(_YEAR_TOKEN, token)]
    if len(months) != 1 or len(months) + len(days) + len(years) != len(tokens):
        return None
    if len(days) > 1:
        raise _refusal(
            f"{shown} is ambiguous: it has more than one short number; write the year with "
            "four digits."
        )
    if len(years) > 1:
        raise _refusal(f"{shown} has more than one year in it.")
    (month,) = months
    if days and not 1 <= days[0] <= 31:
        raise _refusal(f"{shown} is not a real date: no month has a day {days[0]}.")
    # dateutil reads a year such as 0099 as a two-digit year and moves it into this century.
    if years and not FIRST_YEAR <= years[0] <= LAST_YEAR:
        raise _refusal(_implausible(shown))

    # dateutil fills any field the text lacks from ``default``. Parsing against two defaults that
    # differ in every field shows which fields it made up: those come out different.
    try:
        first = _dateutil_parse(normal, datetime(_LEAP_YEAR, 1, 1))
        second = _dateutil_parse(normal, datetime(_LEAP_YEAR + 4, 2, 2))
    except (ValueError, OverflowError):
        year = years[0] if years else None
        raise _refusal(_not_real(shown, year, month, days[0] if days else 1)) from None
    if first.day != second.day:
        raise _refusal(
            f"{shown} has no day of the month; give one, like 3 {_MONTH_NAMES[month - 1]}."
        )
    year_given = first.year == second.year
    if (
        (first.month, second.month) != (month, month)
        or days != [first.day]
        or years != ([first.year] if year_given else [])
    ):
        raise _refusal(f"{shown} could not be read as one clear date.")
    if year_given:
        return first.date()
    return _infer_year(month, first.day, shown, today, direction)


def _infer_year(month: int, day: int, shown: str, today: date, direction: Direction) -> date:
    # Feb 29 recurs only every four years, and across a century year that is not a leap year the
    # gap is eight; nine years either side always holds the occurrence wanted.
    candidates = []
    for year in range(today.year - 9, today.year + 10):
        if FIRST_YEAR <= year <= LAST_YEAR:
            with contextlib.suppress(ValueError):
                candidates.append(date(year, month, day))
    picked = _pick(candidates, today, direction)
    if picked is None:
        raise _refusal(_implausible(shown))
    if abs(picked - today) > _FAR_WITHOUT_A_YEAR:
        # "Nov 20" typed on 26 Nov for a plan is almost surely a slip, not next year's date.
        raise BadInput(
            f"{shown} without a year would be {picked.day} {picked:%B %Y}, "
            f"{abs(picked - today).days} days away; write the year if you mean it "
            f"({picked.isoformat()})."
        )
    return picked


def _pick(candidates: list[date], today: date, direction: Direction) -> date | None:
    """The candidate a direction selects, or None if there is none that way."""
    if direction is Direction.PAST:
        return max((day for day in candidates if day <= today), default=None)
    if direction is Direction.FUTURE:
        return min((day for day in candidates if day >= today), default=None)
    # On an equal distance the past wins, because False sorts before True.
    return min(candidates, key=lambda day: (abs(day - today), day > today), default=None)


def _month_number(token: str) -> int | None:
    # Abbreviations are often written with a full stop ("Dec."), which dateutil does not expect.
    month: int | None = _month_names().month(token.removesuffix("."))
    return month


def _real_date(year: int, month: int, day: int, shown: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise _refusal(_not_real(shown, year, month, day)) from None


def _not_real(shown: str, year: int | None, month: int, day: int) -> str:
    if not 1 <= month <= 12:
        return f"{shown} is not a real date: there is no month {month}."
    if day < 1:
        return f"{shown} is not a real date: there is no day {day}."
    name = _MONTH_NAMES[month - 1]
    if year is None:
        longest = _days_in_month(_LEAP_YEAR, month)[1]
        return f"{shown} is not a real date: {name} never has more than {longest} days."
    if not 1 <= year <= 9999:
        return _implausible(shown)
    length = _days_in_month(year, month)[1]
    return f"{shown} is not a real date: {name} {year} has {length} days."


def _diagnose(normal: str, shown: str) -> str:
    """Say, as specifically as we can, why text that matched no accepted form was refused."""
    if re.search(_TIME_OF_DAY, normal):
        return f"{shown} includes a time of day; give the date alone."
    if re.fullmatch(_DAY_ALONE, normal):
        return f"{shown} gives a day but no month."
    if re.fullmatch(_ALL_NUMERIC, normal):
        return _ambiguous_numbers(normal, shown)
    if re.fullmatch(_UNSIGNED_OFFSET, normal):
        amount = normal.replace(" ", "")
        return f"{shown} needs a sign: +{amount} for later, -{amount} for earlier."
    if re.match(_LAST_OR_NEXT, normal):
        return (
            f"{shown} is not understood: after 'last' or 'next' give a weekday, like next friday."
        )
    return f"{shown} is not a date I can read."


def _ambiguous_numbers(normal: str, shown: str) -> str:
    if re.fullmatch(_SHORT_ISO, normal):
        year, month, day = (int(n) for n in re.findall(_NUMBER, normal))
        return (
            f"{shown} needs two digits for the month and the day, "
            f"like {year:04d}-{month:02d}-{day:02d}."
        )
    numbers = [int(n) for n in re.findall(_NUMBER, normal)]
    if len(numbers) >= 2 and all(1 <= n <= 12 for n in numbers[:2]) and numbers[0] != numbers[1]:
        first, second = numbers[:2]
        return (
            f"{shown} is ambiguous: is it {first} {_MONTH_NAMES[second - 1]} "
            f"or {second} {_MONTH_NAMES[first - 1]}?"
        )
    return f"{shown} is ambiguous: dates written only in numbers are read as YYYY-MM-DD alone."


def _implausible(shown: str) -> str:
    return (
        f"{shown} is not a plausible date: it must fall in the years {FIRST_YEAR} to {LAST_YEAR}."
    )


def _in_the_future(shown: str, normal: str, result: date) -> str:
    resolved = "" if normal == result.isoformat() else f" ({result.isoformat()})"
    return (
        f"{shown}{resolved} is in the future, and this option records something that "
        "already happened."
    )


def _shown(text: str) -> str:
    """The user's text, quoted and kept to one short line for an error message."""
    flat = " ".join(text.split())
    if len(flat) > _SHOWN_LENGTH:
        flat = flat[: _SHOWN_LENGTH - 3] + "..."
    return f"'{flat}'"


def _refusal(problem: str) -> BadInput:
    return BadInput(f"{problem} {ACCEPTED_FORMS[0].upper()}{ACCEPTED_FORMS[1:]}.")
