"""What every command works with: the database, today, and the user's settings.

Here rather than in ``cli.base`` so that the console script's morning path (``quick.entry``)
reads the clock, the settings and typed dates exactly as the Typer commands do.
"""

from __future__ import annotations

import functools
import os
import re
from datetime import date
from typing import TYPE_CHECKING

from followup.errors import BadInput

if TYPE_CHECKING:
    from followup.domain.dates import Direction
    from followup.domain.models import Contact
    from followup.settings import Settings

_ISO_DAY = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"


class Session:
    """What every command works with: the database, today, and the user's settings."""

    # Not a dataclass: the morning path does without importing ``dataclasses``.
    def __init__(self, db: str, today: date) -> None:
        self.db = db
        self.today = today

    @functools.cached_property
    def settings(self) -> Settings:
        """This machine's settings file, read once per command and only by commands that
        need it. For the settings that move windows, the profile's own in the database
        are in force once recorded; the services choose (services.profile_settings)."""
        from followup.settings import load_settings

        return load_settings()

    def read_date(self, text: str, direction: Direction) -> date:
        """A date the user typed; numbers alone (03/04/2026) only with ``date_order`` set."""
        from followup.domain.dates import DateOrder, parse_date

        order = self.settings.date_order
        return parse_date(text, self.today, direction, DateOrder(order) if order else None)

    def read_optional_date(self, text: str | None, direction: Direction) -> date | None:
        return None if text is None else self.read_date(text, direction)

    def contact(self, name: str | None, phone: str | None, email: str | None) -> Contact:
        """Contact details as typed, checked and in normal form (followup.contact_details)."""
        from followup.domain.contact_details import normalise_contact
        from followup.domain.models import Contact

        region = self.settings.checked_phone_region() if phone and phone.strip() else None
        return normalise_contact(Contact(name, phone, email), region)


def today_for_command() -> date:
    """Read the clock once per command; FOLLOWUP_TODAY plans ahead or pins tests."""
    from followup.settings import TODAY_ENV

    pinned = os.environ.get(TODAY_ENV)
    if not pinned:
        return date.today()
    if not re.fullmatch(_ISO_DAY, pinned):
        raise BadInput(f"{TODAY_ENV}={pinned!r} is not a date in the form YYYY-MM-DD")
    try:
        day = date.fromisoformat(pinned)
    except ValueError:
        raise BadInput(f"{TODAY_ENV}={pinned!r} is not a real date") from None
    from followup.domain.dates import PLAUSIBLE_YEARS

    if day.year not in PLAUSIBLE_YEARS:
        raise BadInput(
            f"{TODAY_ENV}={pinned!r} is too far from now: give a day in the years "
            f"{PLAUSIBLE_YEARS[0]} to {PLAUSIBLE_YEARS[-1]}"
        )
    return day
