"""Where the database lives.

One way to find it: ``--db``, then ``FOLLOWUP_DB``, then ``followup.db`` in the
platform's per-user data directory (platformdirs knows each platform's rule).
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

DB_ENV = "FOLLOWUP_DB"
TODAY_ENV = "FOLLOWUP_TODAY"
BUSY_TIMEOUT_ENV = "FOLLOWUP_BUSY_TIMEOUT_MS"
DEFAULT_BUSY_TIMEOUT_MS = 5000
# Test-only: see store._pause_for_tests.
PAUSE_ENV = "FOLLOWUP_TEST_PAUSE_FILE"
APP_NAME = "followup"


def default_db_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "followup.db"


def database_location(option: str | None) -> str:
    """The database the user means: a SQLAlchemy URL or a file path."""
    if option:
        return option
    from_env = os.environ.get(DB_ENV)
    if from_env:
        return from_env
    return str(default_db_path())


def busy_timeout_ms() -> int:
    """How long to wait for another process's write before giving up (exit 75)."""
    raw = os.environ.get(BUSY_TIMEOUT_ENV, "")
    return int(raw) if raw.isdigit() else DEFAULT_BUSY_TIMEOUT_MS


def default_backup_path(location: str, now: datetime) -> Path:
    """``backups/followup-YYYYMMDD-HHMMSS.db`` beside a database file."""
    base = Path(location).expanduser() if "://" not in location else default_db_path()
    if location.startswith("sqlite:///"):
        base = Path(location.removeprefix("sqlite:///")).expanduser()
    return base.parent / "backups" / f"followup-{now:%Y%m%d-%H%M%S}.db"
