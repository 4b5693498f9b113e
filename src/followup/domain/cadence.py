"""The numbers and the calendar the rules count with, as values.

The defaults are the rules of docs/rules.md. A user can change them in their settings
file (docs/settings.md); ``followup.settings`` reads the file and builds a ``Cadence``,
and the rules take it as an argument, so they stay pure functions of what they are given.
Nothing here does I/O or imports anything heavy: it sits on every command's path.
"""

# No ``from __future__ import annotations`` here: typing.NamedTuple compiles each field's
# annotation when it is a string, which costs the morning path a millisecond or more.

import json
from datetime import date
from typing import NamedTuple, Protocol

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MONDAY_TO_FRIDAY = frozenset(range(5))
# How far ahead the morning view looks for windows about to open, unless told.
DEFAULT_AHEAD_DAYS = 7


class Holidays(Protocol):
    """Days on which no window may open or close: ``day in holidays``."""

    def __contains__(self, day: object, /) -> bool: ...

    @property
    def identity(self) -> str:
        """Names this set of days, for the settings fingerprint (equal sets, equal names)."""
        ...


class HolidaySet(NamedTuple):
    """Holidays given as a plain set of dates (tests; and "no holidays", the default)."""

    days: frozenset[date] = frozenset()

    def __contains__(self, day: object, /) -> bool:
        return day in self.days

    @property
    def identity(self) -> str:
        return "dates:" + ",".join(sorted(d.isoformat() for d in self.days))


NO_HOLIDAYS = HolidaySet()


class WorkCalendar(NamedTuple):
    """The business days: the chosen weekdays (Monday to Friday unless set) that are not
    holidays. Windows only open and close on business days."""

    weekdays: frozenset[int] = MONDAY_TO_FRIDAY
    holidays: Holidays = NO_HOLIDAYS

    def is_business_day(self, day: date) -> bool:
        return day.weekday() in self.weekdays and day not in self.holidays


MON_TO_FRI = WorkCalendar()


class Cadence(NamedTuple):
    """How often, and on which days, the rules let you get in touch.

    The settings check every number before they build one (``followup.settings``): a
    named tuple, as the other values of the morning path (domain.models), cannot check
    itself when made.
    """

    # A check-in window runs from this many days after the last real touch...
    check_in_min_days: int = 10
    # ...to this many (a week and a half to two weeks).
    check_in_max_days: int = 14
    # An agreed date opens a window of that day and this many after it.
    agreed_span_days: int = 4
    # This many outbound touches within ``stalker_days`` (the date and the days before it,
    # with no reply between them) is over-contact.
    stalker_touches: int = 3
    stalker_days: int = 7
    # A thank-you email on the interview day or within this many business days after it.
    thank_you_grace_days: int = 1
    # After an interview: this many check-ins in a row with no reply (since their last
    # reply or the interview) and the application has gone quiet: consider closing it.
    quiet_after: int = 3
    # Before an interview: this many days of silence after your one follow-up, the same.
    no_response_after_days: int = 30
    calendar: WorkCalendar = MON_TO_FRI

    def fingerprint(self) -> str:
        """A short name for everything here that can move a window or change a verdict;
        equal cadences have equal fingerprints."""
        described = {
            "check_in": [self.check_in_min_days, self.check_in_max_days],
            "agreed_span": self.agreed_span_days,
            "stalker": [self.stalker_touches, self.stalker_days],
            "thank_you_grace": self.thank_you_grace_days,
            "quiet_after": self.quiet_after,
            "no_response_after": self.no_response_after_days,
            "weekdays": sorted(self.calendar.weekdays),
            "holidays": self.calendar.holidays.identity,
        }
        text = json.dumps(described, sort_keys=True, separators=(",", ":"))
        return _sha256_hex(text.encode("utf-8"))[:12]


DEFAULT_CADENCE = Cadence()


def _sha256_hex(data: bytes) -> str:
    """SHA-256 from CPython's built-in module where there is one: hashlib would load
    OpenSSL first, which costs more than the whole morning view's database read."""
    try:
        from _sha256 import sha256  # type: ignore[import-not-found]
    except ImportError:  # another Python: the same digest through hashlib
        from hashlib import sha256
    digest: str = sha256(data).hexdigest()
    return digest
