"""The store's fast read path: the morning view straight from SQLite, standard library only.

`followup due` runs every morning, and importing SQLAlchemy costs more than the whole
read. When the database is a SQLite file this version of followup fully knows (every
migration applied, no newer ones, verdicts written by the current rules), the few
queries of the morning view run here, read-only ("written by the current rules" is for
the caller to say, given the profile's recorded settings). Anything else returns None and
the caller takes the ordinary path through ``storage.engine``, which upgrades, repairs or refuses.
tests/integration/test_store_fast.py checks both paths return the same rows.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Mapping
from datetime import date

from followup.domain.models import Application, Interview, MorningRows
from followup.errors import ReadOnlyDatabase
from followup.settings import busy_timeout_ms
from followup.storage import rows
from followup.storage.sqlite_file import is_sqlite_file, read_only_uri, sqlite_problem

# Kept equal to the names in migrations.MIGRATIONS by a test; importing that module
# would import SQLAlchemy.
MIGRATION_NAMES = frozenset(
    {
        "001_initial",
        "002_interview_prep",
        "003_open_applications_index",
        "004_profiles",
        "005_profile_settings",
        "006_undo_journal",
        "007_posting_contact_rules",
    }
)

# Every query is scoped to one profile, as in ``storage.applications``.
_DUE = (
    "SELECT * FROM applications WHERE profile = ? AND next_earliest <= ? "
    "AND closed_on IS NULL ORDER BY next_earliest, id"
)
_INTERVIEWS = (
    "SELECT i.* FROM interviews i JOIN applications a ON a.id = i.application_id "
    "WHERE a.profile = ? AND i.on_date >= ? AND i.on_date <= ? AND a.closed_on IS NULL "
    "ORDER BY i.on_date, i.id"
)
_WAITING = "profile = ? AND closed_on IS NULL AND (next_earliest IS NULL OR next_earliest > ?)"
_HOLDING_COUNT = f"SELECT count(*) FROM applications WHERE {_WAITING}"
_HOLDING = (
    f"SELECT * FROM applications WHERE {_WAITING} "
    "ORDER BY next_earliest IS NULL, next_earliest, id LIMIT ?"
)


def _path(location: str) -> str | None:
    if location.startswith("sqlite:///"):
        location = location.removeprefix("sqlite:///")
    elif "://" in location:
        return None
    path = os.path.expanduser(location)
    return path if is_sqlite_file(path) else None


# What the version of a profile's stored verdicts must be, given its recorded settings.
CurrentVersion = Callable[[Mapping[str, object] | None], str]


def _ready(
    conn: sqlite3.Connection, profile: str, current_version: CurrentVersion, location: str
) -> bool:
    try:
        applied = {r[0] for r in conn.execute("SELECT name FROM schema_migrations")}
        if applied != MIGRATION_NAMES:
            return False
        stored = conn.execute(
            "SELECT settings, rules_version FROM profiles WHERE profile = ?", (profile,)
        ).fetchone()
    except sqlite3.DatabaseError as exc:
        _raise_if_damaged(exc, location)
        return False
    if stored is None or stored[1] is None:
        return False
    try:
        recorded = None if stored[0] is None else json.loads(stored[0])
    except ValueError:
        return False  # the ordinary path says what is wrong with them
    if recorded is not None and not isinstance(recorded, dict):
        return False
    return bool(stored[1] == current_version(recorded))


def _interviews(
    conn: sqlite3.Connection, profile: str, since: date, until: date
) -> tuple[tuple[Application, Interview], ...]:
    found = conn.execute(_INTERVIEWS, (profile, since.isoformat(), until.isoformat())).fetchall()
    if not found:
        return ()
    ids = [r["id"] for r in found]
    marks = ",".join("?" * len(ids))
    names: dict[int, list[str]] = {i: [] for i in ids}
    for r in conn.execute(
        f"SELECT interview_id, name FROM interviewers WHERE interview_id IN ({marks}) "
        "ORDER BY interview_id, position",
        ids,
    ):
        names[r["interview_id"]].append(r["name"])
    app_ids = sorted({r["application_id"] for r in found})
    apps = {
        r["id"]: rows.application(r)
        for r in conn.execute(
            f"SELECT * FROM applications WHERE profile = ? "
            f"AND id IN ({','.join('?' * len(app_ids))})",
            [profile, *app_ids],
        )
    }
    return tuple((apps[r["application_id"]], rows.interview(r, names[r["id"]])) for r in found)


def read_morning(
    location: str,
    since: date,
    until: date,
    holding_limit: int,
    current_version: CurrentVersion,
    profile: str,
) -> MorningRows | None:
    """``profile``'s morning view rows, or None when the ordinary path must handle this database."""
    path = _path(location)
    if path is None:
        return None
    try:
        # Read-only: this path never creates, upgrades or changes anything.
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error:
        return None
    try:
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
        if not _ready(conn, profile, current_version, location):
            return None
        # One read transaction, so the four reads agree with each other.
        conn.execute("BEGIN")
        day = until.isoformat()
        standings = tuple(rows.standing(r) for r in conn.execute(_DUE, (profile, day)))
        interviews = _interviews(conn, profile, since, until)
        total = conn.execute(_HOLDING_COUNT, (profile, day)).fetchone()[0]
        holding = tuple(
            rows.standing(r) for r in conn.execute(_HOLDING, (profile, day, holding_limit))
        )
        conn.execute("COMMIT")
        return MorningRows(standings, interviews, holding, int(total))
    except sqlite3.DatabaseError as exc:
        _raise_if_damaged(exc, location)
        # Locked or odd: the ordinary path has the words for each of these.
        return None
    finally:
        conn.close()


def _raise_if_damaged(exc: sqlite3.DatabaseError, location: str) -> None:
    """Damage is said here, in the words the ordinary path would use, without its imports."""
    problem = sqlite_problem(exc, location)
    if problem is not None and not isinstance(problem, ReadOnlyDatabase):
        raise problem from None
