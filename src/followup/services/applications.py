"""Use cases of the tracker (applications, touches, interviews): one function per command.

Each opens one transaction, loads what it needs, asks the rules, saves the
rules' verdict with the change, and returns domain values for the CLI to
render. Nothing here prints or reads the clock: ``today`` is passed in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from followup.domain import limits, rules
from followup.domain.cadence import Cadence
from followup.domain.history import (
    Change,
    before_applied,
    check_dates_after_applied,
    touch_words,
)
from followup.domain.models import (
    Application,
    ApplicationView,
    Assessment,
    Channel,
    Contact,
    History,
    Interview,
    InterviewKind,
    LoggedTouch,
    MorningRows,
    Outcome,
    Stage,
    StoredStanding,
    Touch,
    Via,
)
from followup.errors import BadInput, NotFound, ReadOnlyDatabase, Refused
from followup.services.profile_settings import RECOMPUTE_BATCH, in_force, refresh_stale_verdicts
from followup.services.progress import QUIET, Progress
from followup.settings import DEFAULTS, Settings
from followup.storage import backups
from followup.storage.applications import Store
from followup.storage.engine import transaction


def text_or_none(value: str | None) -> str | None:
    """Blank text means "none": the user cleared it or left it out."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def _required(value: str, what: str) -> str:
    cleaned = text_or_none(value)
    if cleaned is None:
        raise BadInput(f"{what} cannot be empty")
    return cleaned


def not_future(on: date, today: date, what: str) -> None:
    if on > today:
        raise BadInput(f"{what} {on} is in the future; record things once they have happened")


def judge_and_save(
    store: Store, history: History, today: date, cadence: Cadence
) -> ApplicationView:
    """Judge the history and keep the verdict on the row, in the same transaction."""
    assessment = rules.assess(history, today, cadence)
    store.save_verdict(
        history.application.id, assessment.stage, assessment.next_contact, assessment.waiting
    )
    return ApplicationView(history, assessment)


@dataclass(frozen=True)
class NewApplication:
    company: str
    role: str
    applied_on: date
    contact: Contact = field(default_factory=Contact)
    do_not_call: bool = False
    # The posting asked for no emails (add --from); see Application.no_email.
    no_email: bool = False
    url: str | None = None
    pitch: str | None = None
    note: str | None = None


def checked_application(today: date, new: NewApplication) -> Application:
    """The application ``new`` describes, checked as typed input is (not yet saved)."""
    not_future(new.applied_on, today, "the application date")
    app = Application(
        id=0,
        company=_required(new.company, "the company"),
        role=_required(new.role, "the role"),
        applied_on=new.applied_on,
        contact=Contact(
            text_or_none(new.contact.name),
            text_or_none(new.contact.phone),
            text_or_none(new.contact.email),
        ),
        do_not_call=new.do_not_call,
        no_email=new.no_email,
        url=text_or_none(new.url),
        pitch=text_or_none(new.pitch),
        note=text_or_none(new.note),
    )
    limits.check_application(app)
    return app


def add_application(
    db: str, today: date, new: NewApplication, *, settings: Settings = DEFAULTS
) -> ApplicationView:
    app = checked_application(today, new)
    with transaction(db) as store:
        cadence = in_force(store, settings, record=True).cadence
        app_id = store.add_application(app, Stage.APPLIED)
        store.journal.describe(Change("add", app_id, app.company, app.role))
        return judge_and_save(store, History(app._replace(id=app_id)), today, cadence)


@dataclass(frozen=True)
class ApplicationChanges:
    """Fields to change; None leaves a field as it is, an empty string clears it."""

    company: str | None = None
    role: str | None = None
    applied_on: date | None = None
    contact_name: str | None = None
    phone: str | None = None
    email: str | None = None
    do_not_call: bool | None = None
    no_email: bool | None = None
    url: str | None = None
    pitch: str | None = None
    note: str | None = None
    # Details the question bank fills in (issue 3); stored beside the application.
    competitor: str | None = None
    market_problem: str | None = None


def edit_application(
    db: str,
    today: date,
    app_id: int,
    changes: ApplicationChanges,
    *,
    settings: Settings = DEFAULTS,
) -> ApplicationView:
    if changes.applied_on is not None:
        not_future(changes.applied_on, today, "the application date")

    def keep(new: str | None, old: str | None) -> str | None:
        return old if new is None else text_or_none(new)

    with transaction(db) as store:
        cadence = in_force(store, settings, record=True).cadence
        history = store.history(app_id)
        old = history.application
        app = old._replace(
            company=old.company
            if changes.company is None
            else _required(changes.company, "the company"),
            role=old.role if changes.role is None else _required(changes.role, "the role"),
            applied_on=changes.applied_on or old.applied_on,
            contact=Contact(
                keep(changes.contact_name, old.contact.name),
                keep(changes.phone, old.contact.phone),
                keep(changes.email, old.contact.email),
            ),
            do_not_call=old.do_not_call if changes.do_not_call is None else changes.do_not_call,
            no_email=old.no_email if changes.no_email is None else changes.no_email,
            url=keep(changes.url, old.url),
            pitch=keep(changes.pitch, old.pitch),
            note=keep(changes.note, old.note),
        )
        check_dates_after_applied(history, app.applied_on, app.closed_on)
        store.update_application(limits.check_application(app))
        store.journal.describe(Change("edit", app_id, app.company))
        from followup.services.prep import set_details
        from followup.storage.prep import PrepStore

        details = {"competitor": changes.competitor, "market_problem": changes.market_problem}
        set_details(PrepStore(store), app_id, details)
        return judge_and_save(store, history._replace(application=app), today, cadence)


@dataclass(frozen=True)
class NewTouch:
    on: date
    via: Via = Via.CALL
    inbound: bool = False
    follow_up_on: date | None = None
    note: str | None = None


def check_touch(today: date, new: NewTouch) -> None:
    """Refuse a contact in the future, or a note too long to keep."""
    not_future(new.on, today, "the contact date")
    limits.check_text(text_or_none(new.note), "the note", limits.LONG)


def log_touch(
    db: str, today: date, app_id: int, new: NewTouch, *, settings: Settings = DEFAULTS
) -> LoggedTouch:
    """Record a contact that happened. It is always recorded, flagged or not."""
    check_touch(today, new)
    with transaction(db) as store:
        cadence = in_force(store, settings, record=True).cadence
        # Loading first also refuses an unknown id before anything is written.
        history = store.history(app_id)
        before = rules.assess(history, today, cadence)
        before_applied(new.on, history.application, "the contact date")
        touch = new_touch(app_id, new)
        touch = touch._replace(id=store.add_touch(touch))
        store.journal.describe(
            Change(
                "log-call",
                app_id,
                history.application.company,
                f"{touch_words(touch)} on",
                touch.on,
            )
        )
        view = judge_and_save(store, store.history(app_id), today, cadence)
        return logged_touch(before, view, touch)


def new_touch(app_id: int, new: NewTouch) -> Touch:
    """The touch to record: the note without blanks around it, the id still to be given."""
    return Touch(
        id=0,
        application_id=app_id,
        on=new.on,
        via=new.via,
        inbound=new.inbound,
        follow_up_on=new.follow_up_on,
        note=text_or_none(new.note),
    )


def logged_touch(before: Assessment, view: ApplicationView, touch: Touch) -> LoggedTouch:
    """The touch with its own flags, and those it newly put on touches after it."""
    flags = tuple(f for f in view.assessment.flags if f.touch_id == touch.id)
    rejudged = rules.newly_flagged(before, view.assessment, touch.id)
    return LoggedTouch(touch, flags, view, rejudged)


def delete_touch(
    db: str, today: date, touch_id: int, *, settings: Settings = DEFAULTS
) -> ApplicationView:
    """Forget a touch logged by mistake; the window is worked out as if it never happened."""
    with transaction(db) as store:
        cadence = in_force(store, settings, record=True).cadence
        app_id = store.touch_owner(touch_id)
        history = store.history(app_id)
        gone = next(t for t in history.touches if t.id == touch_id)
        store.delete_touch(touch_id)
        store.journal.describe(
            Change(
                "delete-touch",
                app_id,
                history.application.company,
                f"{touch_words(gone)} on",
                gone.on,
            )
        )
        return judge_and_save(store, store.history(app_id), today, cadence)


@dataclass(frozen=True)
class InterviewDetails:
    """What was learned at an interview; None leaves a field as it is."""

    with_: tuple[str, ...] = ()
    next_steps: str | None = None
    timeline: str | None = None
    prefers: Channel | None = None
    follow_up_on: date | None = None


def record_interview(
    db: str,
    today: date,
    app_id: int,
    on: date,
    kind: InterviewKind,
    details: InterviewDetails,
    *,
    settings: Settings = DEFAULTS,
) -> ApplicationView:
    """A past or scheduled interview. It reopens a closed application."""
    with transaction(db) as store:
        cadence = in_force(store, settings, record=True).cadence
        history = store.history(app_id)
        app = history.application
        before_applied(on, app, "the interview date")
        if app.closed_on is not None:
            app = app._replace(closed_on=None, outcome=None)
            store.update_application(app)
        interview = Interview(
            id=0,
            application_id=app_id,
            on=on,
            logged_on=today,
            kind=kind,
            with_=distinct_names(details.with_),
            next_steps=text_or_none(details.next_steps),
            timeline=text_or_none(details.timeline),
            prefers=details.prefers,
            follow_up_on=details.follow_up_on,
        )
        store.add_interview(limits.check_interview(interview))
        store.journal.describe(Change("interview", app_id, app.company, f"{kind} interview on", on))
        return judge_and_save(store, store.history(app_id), today, cadence)


def distinct_names(names: tuple[str, ...]) -> tuple[str, ...]:
    cleaned = (n.strip() for n in names)
    return tuple(dict.fromkeys(n for n in cleaned if n))


def debrief(
    db: str,
    today: date,
    app_id: int,
    interview_id: int | None,
    details: InterviewDetails,
    *,
    settings: Settings = DEFAULTS,
) -> ApplicationView:
    """Add what was learned to the latest interview that has happened, or the one named."""
    with transaction(db) as store:
        cadence = in_force(store, settings, record=True).cadence
        history = store.history(app_id)
        if interview_id is not None:
            matches = [i for i in history.interviews if i.id == interview_id]
            if not matches:
                raise NotFound(f"application {app_id} has no interview with id {interview_id}")
            target = matches[0]
        else:
            held = [i for i in history.interviews if i.on <= today]
            if not held:
                raise Refused(
                    f"application {app_id} has no interview that has happened yet; "
                    "log one with 'followup interview'"
                )
            target = max(held, key=lambda i: (i.on, i.id))
        updated = target._replace(
            with_=distinct_names(target.with_ + details.with_),
            next_steps=text_or_none(details.next_steps) or target.next_steps,
            timeline=text_or_none(details.timeline) or target.timeline,
            prefers=details.prefers or target.prefers,
            follow_up_on=details.follow_up_on or target.follow_up_on,
        )
        store.update_interview(limits.check_interview(updated))
        store.journal.describe(
            Change("debrief", app_id, history.application.company, "interview on", target.on)
        )
        return judge_and_save(store, store.history(app_id), today, cadence)


def close_application(
    db: str,
    today: date,
    app_id: int,
    outcome: Outcome,
    on: date,
    *,
    settings: Settings = DEFAULTS,
) -> ApplicationView:
    not_future(on, today, "the closing date")
    with transaction(db) as store:
        cadence = in_force(store, settings, record=True).cadence
        history = store.history(app_id)
        app = history.application
        if app.closed_on is not None:
            raise Refused(
                f"application {app_id} is already closed ({app.outcome}) since {app.closed_on}"
            )
        if on < app.applied_on:
            raise BadInput(f"the closing date {on} is before you applied ({app.applied_on})")
        app = app._replace(closed_on=on, outcome=outcome)
        store.update_application(app)
        store.journal.describe(Change("close", app_id, app.company, f"{outcome} on", on))
        return judge_and_save(store, history._replace(application=app), today, cadence)


def reopen_application(
    db: str, today: date, app_id: int, *, settings: Settings = DEFAULTS
) -> ApplicationView:
    with transaction(db) as store:
        cadence = in_force(store, settings, record=True).cadence
        history = store.history(app_id)
        app = history.application
        if app.closed_on is None:
            raise Refused(f"application {app_id} is not closed")
        app = app._replace(closed_on=None, outcome=None)
        store.update_application(app)
        store.journal.describe(Change("reopen", app_id, app.company))
        return judge_and_save(store, history._replace(application=app), today, cadence)


def snooze(
    db: str, today: date, app_id: int, until: date, *, settings: Settings = DEFAULTS
) -> ApplicationView:
    """The user's own reminder to wait longer; the rules still judge flags by their window."""
    with transaction(db) as store:
        cadence = in_force(store, settings, record=True).cadence
        history = store.history(app_id)
        current = rules.assess(history, today, cadence)
        if current.stage is Stage.CLOSED:
            raise Refused(f"application {app_id} is closed; there is nothing to snooze")
        if current.next_contact is None:
            raise Refused(f"nothing is due for application {app_id}: {current.waiting}")
        app = history.application._replace(
            snooze_until=until,
            snoozed_on=today,
            snooze_touch_mark=max((t.id for t in history.touches), default=0),
            snooze_interview_mark=max((i.id for i in history.interviews), default=0),
        )
        store.update_application(app)
        store.journal.describe(Change("snooze", app_id, app.company, "until", until))
        return judge_and_save(store, history._replace(application=app), today, cadence)


def show(db: str, today: date, app_id: int, *, settings: Settings = DEFAULTS) -> ApplicationView:
    with transaction(db, write=False) as store:
        cadence = in_force(store, settings, record=False).cadence
        history = store.history(app_id)
    return ApplicationView(history, rules.assess(history, today, cadence))


def list_applications(
    db: str, today: date, *, include_closed: bool, settings: Settings = DEFAULTS
) -> list[ApplicationView]:
    with transaction(db, write=False) as store:
        cadence = in_force(store, settings, record=False).cadence
        histories = store.histories(include_closed=include_closed)
    return [ApplicationView(h, rules.assess(h, today, cadence)) for h in histories]


def morning_rows(
    db: str,
    since: date,
    until: date,
    holding_limit: int,
    today: date,
    *,
    settings: Settings = DEFAULTS,
) -> MorningRows:
    """What the morning view reads, through the ordinary store (see morning.due)."""
    try:
        refresh_stale_verdicts(db, today, settings)
    except ReadOnlyDatabase:
        # Out of date and cannot be brought up to date: work them out for this view only.
        return _judged_morning_rows(db, since, until, holding_limit, today, settings=settings)
    with transaction(db, write=False) as store:
        waiting, total = store.holding_off(until, holding_limit)
        return MorningRows(
            tuple(store.due_standings(until)),
            tuple(store.interviews_between(since, until)),
            tuple(waiting),
            total,
        )


def _judged_morning_rows(
    db: str,
    since: date,
    until: date,
    holding_limit: int,
    today: date,
    *,
    settings: Settings = DEFAULTS,
) -> MorningRows:
    """The morning view's rows with every verdict worked out now, nothing written."""
    with transaction(db, write=False) as store:
        cadence = in_force(store, settings, record=False).cadence
        histories = store.histories(include_closed=False)
        interviews = tuple(store.interviews_between(since, until))
    standings = []
    for history in histories:
        verdict = rules.assess(history, today, cadence)
        standings.append(
            StoredStanding(
                history.application, verdict.stage, verdict.next_contact, verdict.waiting
            )
        )
    due: list[StoredStanding] = []
    waiting: list[StoredStanding] = []
    for standing in standings:
        window = standing.next_contact
        (due if window is not None and window.earliest <= until else waiting).append(standing)
    due.sort(key=lambda s: (s.next_contact.earliest if s.next_contact else until, s.application.id))
    waiting.sort(
        key=lambda s: (
            s.next_contact is None,
            s.next_contact.earliest if s.next_contact else until,
            s.application.id,
        )
    )
    return MorningRows(tuple(due), interviews, tuple(waiting[:holding_limit]), len(waiting))


def backup(db: str, target: Path | None, now: datetime, progress: Progress = QUIET) -> Path:
    """A consistent copy of the database, by default beside it in a private backups folder."""
    if target is None:
        from followup.settings import default_backup_path

        target = default_backup_path(db, now)
    progress.stage("copying the database")
    return backups.backup_database(db, target)


@dataclass(frozen=True)
class HealthReport:
    checked: int
    problems: tuple[str, ...]
    # The file's pages cannot all be read: the other checks were not run.
    damaged: bool = False


def doctor(
    db: str, today: date, *, settings: Settings = DEFAULTS, progress: Progress = QUIET
) -> HealthReport:
    """Check the file, its links and permissions, and that every stored verdict is current.

    The verdicts are checked a batch of applications at a time, so that a big history
    never sits in memory whole.
    """
    problems = backups.permission_problems(db)
    progress.stage("checking every page of the file")
    damage = backups.damage(db)
    if damage is not None:
        problems.append(f"the database at {db} is damaged: {damage}")
        return HealthReport(0, tuple(problems), damaged=True)
    problems += backups.health_problems(db)
    with transaction(db, write=False) as store:
        cadence = in_force(store, settings, record=False).cadence
        ids = store.all_application_ids()
        progress.stage("checking every window", len(ids))
        for start in range(0, len(ids), RECOMPUTE_BATCH):
            batch = ids[start : start + RECOMPUTE_BATCH]
            stored = {s.application.id: s for s in store.standings(batch)}
            for history in store.histories(batch):
                verdict = rules.assess(history, today, cadence)
                mine = stored[history.application.id]
                if (mine.stage, mine.next_contact, mine.waiting) != (
                    verdict.stage,
                    verdict.next_contact,
                    verdict.waiting,
                ):
                    problems.append(
                        f"application {history.application.id}: the stored next contact is "
                        "out of date (any command that changes it, or 'followup due' after an "
                        "upgrade, repairs it)"
                    )
            progress.advance(len(batch))
    return HealthReport(len(ids), tuple(problems))
