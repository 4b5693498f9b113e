"""May I contact them today? The morning view's verdict, for one application.

``followup show`` answers it on its first line, with the same rule ``followup due`` uses
to list a window as due or overdue (``rules.due_state``) and the channel the rules chose
for the window; nothing here decides anything of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from followup.domain.models import Action, Assessment, DueState, Window
from followup.domain.rules import due_state


@dataclass(frozen=True)
class TodayVerdict:
    """Whether today is a day to contact them, and otherwise until when or why not."""

    contact: bool
    # OVERDUE or DUE when ``contact``; None when not today.
    state: DueState | None
    # The next window, whichever way the answer goes; None when nothing is due at all.
    window: Window | None
    # Why nothing is due, when there is no window.
    waiting: str | None


def today_verdict(assessment: Assessment, today: date) -> TodayVerdict:
    """Today's answer: yes while the window is open or overdue, as ``due`` lists it."""
    window = assessment.next_contact
    if window is None:
        return TodayVerdict(False, None, None, assessment.waiting)
    if window.action is Action.CLOSE:
        # Gone quiet (domain.quiet): not a window to contact them in; the line after
        # says from when and how to close it.
        return TodayVerdict(False, None, None, window.reason)
    state = due_state(window.earliest, window.latest, today, 0)
    if state in (DueState.DUE, DueState.OVERDUE):
        return TodayVerdict(True, state, window, None)
    return TodayVerdict(False, None, window, None)
