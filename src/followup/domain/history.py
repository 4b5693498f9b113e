"""What ``followup undo`` knows about a change: which command, to what, in the user's words.

The before-images themselves live in storage (``storage.journal``); this is the part that
is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from followup.domain.models import Application, History, Touch
from followup.errors import BadInput


@dataclass(frozen=True)
class Change:
    """One recorded change, as ``undo`` and ``undo --list`` describe it.

    Shown as ``command #application_id company, what on`` (``log-call #3 Acme, call on
    Tue 1 Dec``); each part after the command is left out when it is None.
    """

    command: str
    application_id: int | None = None
    company: str | None = None
    what: str | None = None
    on: date | None = None
    # Given by the journal when the change is recorded.
    id: int = 0
    made_at: str = ""

    @property
    def is_restore(self) -> bool:
        """A restore starts a new history: nothing before it can be undone."""
        return self.command == RESTORE


RESTORE = "restore"
# How many changes each profile keeps for undo; older ones are forgotten.
KEPT = 100


def touch_words(touch: Touch) -> str:
    return f"inbound {touch.via}" if touch.inbound else str(touch.via)


def before_applied(on: date, app: Application, what: str) -> None:
    """Nothing about an application happens before you applied: refuse such a date."""
    if on < app.applied_on:
        raise BadInput(f"{what} {on} is before you applied ({app.applied_on})")


def check_dates_after_applied(history: History, applied_on: date, closed_on: date | None) -> None:
    """A new application date may not come after anything already recorded about it."""
    recorded = [(t.on, f"the {touch_words(t)} on {t.on}") for t in history.touches]
    recorded += [(i.on, f"the interview on {i.on}") for i in history.interviews]
    if closed_on is not None:
        recorded.append((closed_on, f"the closing on {closed_on}"))
    earlier = [(on, what) for on, what in recorded if on < applied_on]
    if earlier:
        what = min(earlier)[1]
        raise BadInput(
            f"the application date {applied_on} is after {what}; "
            f"fix that first (see followup show {history.application.id})"
        )
