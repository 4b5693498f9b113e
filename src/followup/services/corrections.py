"""Putting mistakes right: deleting an application, editing or deleting an interview.

The same pattern as ``services.applications``: one transaction per command, the rules'
verdict saved with the change, and the change described for ``followup undo``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from followup.domain import limits
from followup.domain.history import Change, before_applied
from followup.domain.models import ApplicationView, Channel, InterviewKind
from followup.services.applications import distinct_names, judge_and_save, text_or_none
from followup.services.profile_settings import in_force
from followup.settings import DEFAULTS, Settings
from followup.storage.engine import transaction


@dataclass(frozen=True)
class Deleted:
    """An application that was deleted, as it was just before."""

    view: ApplicationView


def delete_application(
    db: str, today: date, app_id: int, *, settings: Settings = DEFAULTS
) -> Deleted:
    """Remove an application with its touches, interviews, questions asked and articles."""
    from followup.domain import rules

    with transaction(db) as store:
        cadence = in_force(store, settings, record=True).cadence
        history = store.history(app_id)
        app = history.application
        what = f"{app.role}, with {counted(len(history.touches), 'touch', 'touches')}"
        what += f", {counted(len(history.interviews), 'interview', 'interviews')}"
        store.delete_application(app_id)
        store.journal.describe(Change("delete", app_id, app.company, what))
        return Deleted(ApplicationView(history, rules.assess(history, today, cadence)))


def counted(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


@dataclass(frozen=True)
class InterviewChanges:
    """Fields of an interview to change; None leaves one as it is, "" clears text.

    ``with_`` replaces the list of interviewers when given (an empty tuple clears it).
    ``clear_prefers`` and ``clear_follow_up_on`` clear those two.
    """

    on: date | None = None
    kind: InterviewKind | None = None
    with_: tuple[str, ...] | None = None
    next_steps: str | None = None
    timeline: str | None = None
    prefers: Channel | None = None
    clear_prefers: bool = False
    follow_up_on: date | None = None
    clear_follow_up_on: bool = False


def edit_interview(
    db: str,
    today: date,
    interview_id: int,
    changes: InterviewChanges,
    *,
    settings: Settings = DEFAULTS,
) -> ApplicationView:
    """Correct an interview recorded with a wrong date, round, people or details."""
    with transaction(db) as store:
        cadence = in_force(store, settings, record=True).cadence
        app_id = store.interview_owner(interview_id)
        history = store.history(app_id)
        old = next(i for i in history.interviews if i.id == interview_id)

        def keep(new: str | None, current: str | None) -> str | None:
            return current if new is None else text_or_none(new)

        updated = old._replace(
            on=changes.on or old.on,
            kind=changes.kind or old.kind,
            with_=old.with_ if changes.with_ is None else distinct_names(changes.with_),
            next_steps=keep(changes.next_steps, old.next_steps),
            timeline=keep(changes.timeline, old.timeline),
            prefers=None if changes.clear_prefers else changes.prefers or old.prefers,
            follow_up_on=None
            if changes.clear_follow_up_on
            else changes.follow_up_on or old.follow_up_on,
        )
        before_applied(updated.on, history.application, "the interview date")
        store.update_interview(limits.check_interview(updated))
        store.journal.describe(
            Change(
                "edit-interview",
                app_id,
                history.application.company,
                f"interview #{interview_id} on",
                updated.on,
            )
        )
        return judge_and_save(store, store.history(app_id), today, cadence)


def delete_interview(
    db: str, today: date, interview_id: int, *, settings: Settings = DEFAULTS
) -> ApplicationView:
    """Remove an interview logged by mistake, with the questions asked at it."""
    with transaction(db) as store:
        cadence = in_force(store, settings, record=True).cadence
        app_id = store.interview_owner(interview_id)
        history = store.history(app_id)
        gone = next(i for i in history.interviews if i.id == interview_id)
        store.delete_interview(interview_id)
        store.journal.describe(
            Change(
                "delete-interview",
                app_id,
                history.application.company,
                f"{gone.kind} interview on",
                gone.on,
            )
        )
        return judge_and_save(store, store.history(app_id), today, cadence)
