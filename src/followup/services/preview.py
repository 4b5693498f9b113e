"""`followup log-call --dry-run`: ask before you call.

What a real ``log-call`` would record, every flag it would raise and the window it would
move to, worked out by the same rules on the same history, in a read-only transaction:
nothing is written, not even a new database file.
"""

from __future__ import annotations

from datetime import date

from followup.domain import rules
from followup.domain.history import before_applied
from followup.domain.models import ApplicationView, LoggedTouch
from followup.errors import NotFound
from followup.services.applications import NewTouch, check_touch, logged_touch, new_touch
from followup.services.profile_settings import in_force
from followup.settings import DEFAULTS, Settings
from followup.storage.engine import sqlite_path, transaction


def preview_touch(
    db: str, today: date, app_id: int, new: NewTouch, *, settings: Settings = DEFAULTS
) -> LoggedTouch:
    """What ``log_touch`` would record, flag and move the window to; nothing is written.

    The same rules judge the same history with the touch added, under the settings a real
    log would use (the profile's, or the file's it would record), so the flags and their
    words are those a real log gives. The touch's id is the one the database would give
    it next (a server may skip a number).
    """
    check_touch(today, new)
    path = sqlite_path(db)
    if path is not None and not path.exists():
        # Opening would create the file: there is nothing to preview in a database not there.
        raise NotFound(f"no application with id {app_id}")
    with transaction(db, write=False) as store:
        cadence = in_force(store, settings, record=False).cadence
        history = store.history(app_id)
        before_applied(new.on, history.application, "the contact date")
        touch = new_touch(app_id, new)._replace(id=store.last_touch_id() + 1)
    before = rules.assess(history, today, cadence)
    with_touch = history._replace(touches=(*history.touches, touch))
    view = ApplicationView(with_touch, rules.assess(with_touch, today, cadence))
    return logged_touch(before, view, touch)
