"""Use cases of the views: `today` (the morning routine), `agenda` and `stats`.

The answers `today` records go through the same services as `log-call` and `snooze`, one
transaction each, so that an answer is saved whole or not at all and a Ctrl-C between two
answers keeps the ones given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from followup.domain import agenda as agenda_rules
from followup.domain import rules
from followup.domain import stats as stats_rules
from followup.domain.drafts import Draft
from followup.domain.models import Application, ApplicationView, DueItem, DueState
from followup.errors import BadInput, FollowupError
from followup.services import applications, morning, prep
from followup.services.profile_settings import in_force
from followup.settings import DEFAULTS, Settings
from followup.storage import views as stored
from followup.storage.engine import transaction


def stats(
    db: str, today: date, since: date | None, *, settings: Settings = DEFAULTS
) -> stats_rules.Stats:
    if since is not None and since > today:
        raise BadInput(f"--since {since} is in the future; give a day on or before today")
    with transaction(db, write=False) as store:
        cadence = in_force(store, settings, record=False).cadence
        cases = stored.cases(store)
    return stats_rules.figures(cases, today, cadence, since)


def agenda(
    db: str, today: date, weeks: int, *, settings: Settings = DEFAULTS
) -> agenda_rules.Agenda:
    if not 1 <= weeks <= agenda_rules.MAX_WEEKS:
        raise BadInput(f"--weeks must be 1 to {agenda_rules.MAX_WEEKS}, not {weeks}")
    with transaction(db, write=False) as store:
        cadence = in_force(store, settings, record=False).cadence
        histories = store.histories(include_closed=False)
    views = [ApplicationView(h, rules.assess(h, today, cadence)) for h in histories]
    return agenda_rules.build(views, today, weeks, cadence.calendar)


@dataclass(frozen=True)
class TodayItem:
    """One application the routine walks through: why it is due, its details, a draft."""

    item: DueItem
    view: ApplicationView
    draft: Draft | None
    # Why there is no draft, when there is none.
    no_draft: str | None = None


def today_due(db: str, today: date, *, settings: Settings = DEFAULTS) -> list[DueItem]:
    """What `due` lists for today (overdue and due follow-ups, not interviews), in its order."""
    report = morning.due(db, today, 0, today, settings=settings)
    return [
        item
        for item in report.items
        if item.interview_id is None and item.state is not DueState.UPCOMING
    ]


def today_item(db: str, today: date, item: DueItem, *, settings: Settings = DEFAULTS) -> TodayItem:
    """One item's details and draft, made when it is shown: a draft that offers an article
    remembers the day (services.prep.script), which only a draft the user saw should do.
    """
    view = applications.show(db, today, item.application_id, settings=settings)
    try:
        draft = prep.script(db, today, item.application_id, None, settings=settings)
    except FollowupError as exc:
        return TodayItem(item, view, None, exc.message)
    return TodayItem(item, view, draft)


def restore_snooze(
    db: str, today: date, before: Application, *, settings: Settings = DEFAULTS
) -> ApplicationView:
    """Put an application's snooze back as it was before ``today`` snoozed it (its undo)."""
    with transaction(db) as store:
        cadence = in_force(store, settings, record=True).cadence
        history = store.history(before.id)
        app = history.application._replace(
            snooze_until=before.snooze_until,
            snoozed_on=before.snoozed_on,
            snooze_touch_mark=before.snooze_touch_mark,
            snooze_interview_mark=before.snooze_interview_mark,
        )
        store.update_application(app)
        history = history._replace(application=app)
        assessment = rules.assess(history, today, cadence)
        store.save_verdict(app.id, assessment.stage, assessment.next_contact, assessment.waiting)
        return ApplicationView(history, assessment)
