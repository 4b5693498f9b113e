"""The morning view's use case: `followup due`.

Kept apart from services so that, on the everyday path, nothing imports SQLAlchemy: ``storage.fast``
reads a SQLite file this version knows with the standard library, and only when it cannot (another
database, an upgrade due, rules changed) does ``services.applications`` take over.
"""

from __future__ import annotations

from datetime import date, timedelta

from followup.domain import rules
from followup.domain.cadence import DEFAULT_CADENCE, Cadence
from followup.domain.models import DueReport
from followup.errors import BadInput
from followup.profiles import active_profile
from followup.storage import fast

HOLDING_OFF_SHOWN = 10


def due(
    db: str,
    as_of: date,
    ahead: int,
    today: date | None = None,
    *,
    cadence: Cadence = DEFAULT_CADENCE,
) -> DueReport:
    """The morning view, read from the stored verdicts: its cost grows with what is due.

    The stored verdicts are read as they are only when they were worked out by these
    rules with this cadence (the version stamped beside them says so); otherwise the
    ordinary path works them all out again first.
    """
    if ahead < 0:
        raise BadInput("--ahead cannot be negative")
    until = as_of + timedelta(days=ahead)
    since = rules.next_steps_reminder_since(as_of)
    found = fast.read_morning(
        db, since, until, HOLDING_OFF_SHOWN, rules.stored_version(cadence), active_profile()
    )
    if found is None:
        from followup.services import applications

        found = applications.morning_rows(
            db, since, until, HOLDING_OFF_SHOWN, today or as_of, cadence=cadence
        )
    return rules.morning_report(found, as_of, ahead)
