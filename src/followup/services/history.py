"""``followup undo``: the most recent change of a profile put back, whoever made it.

Other commands (such as an interactive view's "u" key) call ``undo_last`` directly: it is
one transaction, like every command, and says what it undid.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from followup.domain import rules
from followup.domain.history import Change
from followup.services.profile_settings import in_force
from followup.settings import DEFAULTS, Settings
from followup.storage.engine import transaction

# How many changes ``undo --list`` shows.
LISTED = 20


@dataclass(frozen=True)
class Undone:
    """The change that was undone, and the applications it put back as they were."""

    change: Change
    restored: tuple[int, ...]


def undo_last(db: str, today: date, *, settings: Settings = DEFAULTS) -> Undone:
    """Undo the profile's most recent change; ``Refused`` (exit 1) when there is none,
    when it is a restore, or when what it changed was changed since outside the journal.

    The rows come back exactly as they were, ids and stored windows included; only when
    the profile's settings or rules changed since are the restored windows worked out
    again, with today's.
    """
    # Alone in the profile: no other change may slip in between reading the last change
    # and putting it back.
    with transaction(db, alone_in="profile") as store:
        change, version, restored = store.journal.undo_last()
        if restored and version != store.verdicts_version():
            cadence = in_force(store, settings, record=False).cadence
            for history in store.histories(restored):
                verdict = rules.assess(history, today, cadence)
                store.save_verdict(
                    history.application.id, verdict.stage, verdict.next_contact, verdict.waiting
                )
        return Undone(change, tuple(restored))


def recent_changes(db: str, limit: int = LISTED) -> list[Change]:
    """The profile's most recent changes that can be undone, newest first."""
    with transaction(db, write=False) as store:
        return store.journal.recent(limit)
