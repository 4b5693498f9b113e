"""The morning view's use case: `followup due`.

Kept apart from services so that, on the everyday path, nothing imports SQLAlchemy: ``storage.fast``
reads a SQLite file this version knows with the standard library, and only when it cannot (another
database, an upgrade due, rules changed) does ``services.applications`` take over.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from followup.domain import rules
from followup.domain.models import DueReport
from followup.errors import BadInput
from followup.profiles import active_profile
from followup.settings import DEFAULTS, Settings
from followup.storage import fast

HOLDING_OFF_SHOWN = 10


def due(
    db: str,
    as_of: date,
    ahead: int,
    today: date | None = None,
    *,
    settings: Settings = DEFAULTS,
) -> DueReport:
    """The morning view, read from the stored verdicts: its cost grows with what is due.

    The stored verdicts are read as they are only when they were worked out by these
    rules with the profile's settings in force (the version stamped on the profile says
    so); otherwise the ordinary path works the profile's verdicts out again first.
    """
    report = due_from_stored_verdicts(db, as_of, ahead, settings=settings)
    if report is not None:
        return report
    from followup.services import applications

    until, since = _span(as_of, ahead)
    found = applications.morning_rows(
        db, since, until, HOLDING_OFF_SHOWN, today or as_of, settings=settings
    )
    return rules.morning_report(found, as_of, ahead)


def due_from_stored_verdicts(
    db: str, as_of: date, ahead: int, *, settings: Settings = DEFAULTS
) -> DueReport | None:
    """The morning view on the fast read path alone (a SQLite file this version knows, with
    current verdicts), or None when only the ordinary path can answer (``due`` takes it)."""
    until, since = _span(as_of, ahead)
    profile = active_profile()

    def current_version(recorded: Mapping[str, object] | None) -> str:
        # The same choice as services.profile_settings.in_force, without SQLAlchemy.
        return rules.stored_version(settings.in_force_for(recorded, profile).cadence)

    found = fast.read_morning(db, since, until, HOLDING_OFF_SHOWN, current_version, profile)
    return None if found is None else rules.morning_report(found, as_of, ahead)


def _span(as_of: date, ahead: int) -> tuple[date, date]:
    if ahead < 0:
        raise BadInput("--ahead cannot be negative")
    return as_of + timedelta(days=ahead), rules.next_steps_reminder_since(as_of)
