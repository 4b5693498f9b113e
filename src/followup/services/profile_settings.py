"""A profile's settings: which are in force, recording them, and changing them on purpose.

The settings that move stored windows (``settings.PROFILE_KEYS``) belong to the profile:
the first command that stores a window for it records the settings file's values in the
database, and from then on those are in force on every machine that works on the profile,
whatever its own file says, until ``followup config apply`` copies a file's values over
them (docs/settings.md). The verdict version stamped on a profile covers only that
profile's rows, so a change to one profile's settings works out only its windows again.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date

from followup.domain import rules
from followup.domain.models import Stage
from followup.errors import BadInput, FollowupError
from followup.services.progress import QUIET, Progress
from followup.settings import DEFAULTS, PROFILE_KEYS, Settings
from followup.storage.applications import Store
from followup.storage.engine import sqlite_path, transaction

RECOMPUTE_BATCH = 1_000


def in_force(store: Store, file: Settings, *, record: bool) -> Settings:
    """The settings in force for the store's profile: its recorded ones over ``file``'s.

    With ``record`` (a command about to store windows) a profile with none recorded gets
    ``file``'s, in this transaction; another process may have recorded them just before,
    and then theirs are in force.
    """
    recorded = store.profile_settings()
    if recorded is None and record:
        file = file.settled()
        # Never record a calendar that every machine would then fail on.
        file.check_holidays()
        if store.record_profile_settings(file.profile_values(), replace=False):
            first_recorded.set(FirstRecorded(store.profile, file))
        recorded = store.profile_settings()
    return file.in_force_for(recorded, store.profile)


@dataclass(frozen=True)
class FirstRecorded:
    """A profile's settings recorded for the first time: from now on they are its own."""

    profile: str
    # The file's settings that were recorded (``holidays_locale`` says where holidays came from).
    settings: Settings


# Set by the command that records a profile's settings first (a new database's first
# command that stores a window), so that the CLI can say once which holidays count;
# read only after the command has succeeded, when the record was committed.
first_recorded: ContextVar[FirstRecorded | None] = ContextVar("first_recorded", default=None)


def recompute_verdicts(
    store: Store, today: date, settings: Settings, progress: Progress = QUIET
) -> int:
    """Work every stored verdict of the store's profile out again, and stamp its version.

    Only this profile's rows: another profile's were worked out with its own settings.
    In batches: a closed application's verdict needs only the application itself, an open
    one's its whole history; each batch is saved in one statement.
    """
    cadence = settings.cadence
    store.for_bulk_work()
    total = store.count_applications()
    progress.stage("working out every window", total)
    last = 0
    while closed := store.closed_outcomes(last, RECOMPUTE_BATCH):
        store.save_verdicts(
            [(n, Stage.CLOSED, None, rules.ended_waiting(outcome, on)) for n, outcome, on in closed]
        )
        last = closed[-1][0]
        progress.advance(len(closed))
    ids = store.open_application_ids()
    for start in range(0, len(ids), RECOMPUTE_BATCH):
        verdicts = []
        for history in store.histories(ids[start : start + RECOMPUTE_BATCH]):
            assessment = rules.assess(history, today, cadence)
            verdicts.append(
                (
                    history.application.id,
                    assessment.stage,
                    assessment.next_contact,
                    assessment.waiting,
                )
            )
        store.save_verdicts(verdicts)
        progress.advance(len(verdicts))
    store.set_verdicts_version(rules.stored_version(cadence))
    return total


def refresh_stale_verdicts(db: str, today: date, file: Settings) -> None:
    """After an upgrade that changed the rules, or a deliberate change to this profile's
    settings, work the profile's stored verdicts out again, once."""
    with transaction(db, write=False) as store:
        settings = in_force(store, file, record=False)
        if store.verdicts_version() == rules.stored_version(settings.cadence):
            return
    with transaction(db) as store:
        # Recorded now if not yet: the stamp below speaks for exactly these settings.
        settings = in_force(store, file, record=True)
        # Checked again under the write lock: another process may have just done it.
        if store.verdicts_version() == rules.stored_version(settings.cadence):
            return
        recompute_verdicts(store, today, settings)


def check_backup_settings(rows: Sequence[Mapping[str, object]]) -> None:
    """Refuse a backup whose profile settings no command could read afterwards (exit 2)."""
    for n, row in enumerate(rows):
        text = row.get("settings")
        if text is None:
            continue
        where = f"profiles[{n}].settings"
        try:
            recorded = json.loads(str(text))
        except ValueError:
            recorded = None
        if not isinstance(recorded, dict):
            raise BadInput(f"{where}: not a JSON object of settings; nothing was restored")
        try:
            DEFAULTS.for_profile(recorded, "restored")
        except BadInput as exc:
            problem = exc.message.split(": ", 1)[-1]
            raise BadInput(f"{where}: {problem}; nothing was restored") from None


@dataclass(frozen=True)
class ProfileSettings:
    """What ``config show`` reports: the settings in force and whether a profile holds them."""

    settings: Settings
    profile: str
    recorded: bool
    # The database does not exist yet (a SQLite file not yet created).
    no_database: bool = False


def settings_shown(db: str, file: Settings, profile: str) -> ProfileSettings:
    """The settings in force for ``profile``, read without creating or changing anything."""
    path = sqlite_path(db)
    if path is not None and not path.exists():
        return ProfileSettings(file, profile, recorded=False, no_database=True)
    with transaction(db, write=False) as store:
        settings = in_force(store, file, record=False)
    return ProfileSettings(settings, profile, recorded=settings.recorded_for is not None)


@dataclass(frozen=True)
class Applied:
    """What ``config apply`` changed: each key's old and new value, and the windows redone."""

    profile: str
    changes: dict[str, tuple[object, object]]
    recomputed: int
    # Whether the profile had no (readable) settings recorded before.
    first: bool


def apply_file(db: str, today: date, file: Settings, progress: Progress = QUIET) -> Applied:
    """Make ``file``'s values the profile's settings, and work its windows out again.

    The one deliberate way to change a profile's settings: other machines pick them up
    on their next command, and nobody's file overrides them after that.
    """
    file = file.settled()
    file.check()
    with transaction(db) as store:
        before = _recorded_or_none(store, file)
        first = before is None
        before = file if before is None else before
        store.record_profile_settings(file.profile_values(), replace=True)
        after = file.for_profile(file.profile_values(), store.profile)
        changes = {
            key: (getattr(before, key), getattr(after, key))
            for key in PROFILE_KEYS
            if getattr(before, key) != getattr(after, key)
        }
        stale = store.verdicts_version() != rules.stored_version(after.cadence)
        recomputed = recompute_verdicts(store, today, after, progress) if stale else 0
        return Applied(store.profile, changes, recomputed, first=first)


def _recorded_or_none(store: Store, file: Settings) -> Settings | None:
    """The profile's recorded settings; None when there are none, or none that can be read
    (the file's values are what replaces them)."""
    try:
        recorded = store.profile_settings()
        return None if recorded is None else file.for_profile(recorded, store.profile)
    except FollowupError:
        return None
