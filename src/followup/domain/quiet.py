"""When to stop: an application that has gone quiet gets no more windows.

Following up keeps you in mind; following up on someone who stopped answering only
wears the goodwill thin, and a list that never lets go hides the applications that are
still alive. So two kinds of silence end the cadence (docs/rules.md, "Gone quiet"):

- after an interview, ``quiet_after`` check-ins in a row with no reply since the last
  time you heard from them (their reply, an interview, or a date they agreed);
- before any interview, ``no_response_after_days`` days with no reply after your one
  follow-up.

Either way the application is not closed for you: the morning view lists it under
"Gone quiet: consider closing" with ``followup close N --outcome no-response``. Anything
from them (a reply, a new interview) brings it back into the cadence. ``rules.assess``
counts the check-ins as it replays the history; the words and dates are made here.
"""

from __future__ import annotations

from datetime import date, timedelta

from followup.domain.cadence import Cadence
from followup.domain.dates import business_day_on_or_after
from followup.domain.models import Action, GoneQuiet, StoredStanding

HEADING = "Gone quiet: consider closing"


def close_command(app_id: int) -> str:
    return f"followup close {app_id} --outcome no-response"


def is_quiet(after_check_ins: int, cadence: Cadence) -> bool:
    """``after_check_ins`` unanswered check-ins in a row: gone quiet from the next window."""
    return after_check_ins >= cadence.quiet_after


def quiet_reason(check_ins: int, last_heard: date) -> str:
    """Why an interviewing application has gone quiet (from the day its next window would
    have opened: the last check-in is given the usual time to be answered)."""
    plural = "s" if check_ins != 1 else ""
    return (
        f"{check_ins} check-in{plural} with no reply since you last heard from them on "
        f"{last_heard}: no more check-ins; unless they get in touch, consider closing it "
        "as no-response"
    )


def no_response_from(followed_up_on: date, cadence: Cadence) -> date:
    """The day the silence after the one follow-up before an interview becomes a no."""
    after = followed_up_on + timedelta(days=cadence.no_response_after_days)
    return business_day_on_or_after(after, cadence.calendar)


def no_response_reason(followed_up_on: date, cadence: Cadence) -> str:
    return (
        f"you followed up on {followed_up_on}: the ball is in their court until they reply "
        f"or invite you to interview; after {cadence.no_response_after_days} days of silence, "
        "consider closing it as no-response"
    )


def gone_quiet(standing: StoredStanding) -> GoneQuiet | None:
    """The morning view's entry for a stored verdict that says it has gone quiet."""
    window = standing.next_contact
    if window is None or window.action is not Action.CLOSE:
        return None
    app = standing.application
    return GoneQuiet(app, window.earliest, window.reason, close_command(app.id))
