"""Copies and checks of the whole database file: ``followup backup`` and ``doctor``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from followup.errors import (
    Refused,
)
from followup.profiles import active_profile
from followup.storage.engine import on_server, open_database, sqlite_path, translated_errors
from followup.storage.files import vacuum_into


def backup_database(location: str, target: Path, profile: str | None = None) -> Path:
    """Write a consistent copy of one profile's data to ``target``, readable by the user only.

    The copy is the whole database when it holds no other profile (the usual case);
    otherwise the other profiles' applications are taken out of the copy, and the file
    is vacuumed so that nothing of theirs stays in its free pages.
    """
    if on_server(location):
        raise Refused(
            "followup backup copies SQLite files; back up a PostgreSQL database with "
            "pg_dump (see docs/postgres.md)"
        )
    mine = active_profile() if profile is None else profile
    engine = open_database(location)
    try:
        with translated_errors(location):
            vacuum_into(engine, target)
            try:
                _keep_one_profile(target, mine)
            except BaseException:
                target.unlink(missing_ok=True)
                raise
    finally:
        engine.dispose()
    return target


def _keep_one_profile(copy: Path, profile: str) -> None:
    conn = sqlite3.connect(copy, isolation_level=None)
    try:
        others = conn.execute(
            "SELECT 1 FROM applications WHERE profile <> ? "
            "UNION ALL SELECT 1 FROM profiles WHERE profile <> ? LIMIT 1",
            (profile, profile),
        ).fetchone()
        if others is None:
            return
        # Everything else hangs off an application and goes with it (ON DELETE CASCADE).
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("DELETE FROM applications WHERE profile <> ?", (profile,))
        conn.execute("DELETE FROM profiles WHERE profile <> ?", (profile,))
        conn.execute("VACUUM")
    finally:
        conn.close()


def health_problems(location: str) -> list[str]:
    """What the database itself says is wrong: damage, broken links, loose permissions."""
    problems: list[str] = []
    path = sqlite_path(location)
    if path is not None:
        # Checked before opening, which makes the files private again.
        for suffix in ("", "-wal", "-shm"):
            companion = Path(f"{path}{suffix}")
            if companion.exists() and companion.stat().st_mode & 0o077:
                mode = oct(companion.stat().st_mode & 0o777)
                problems.append(f"{companion} could be read by others (mode {mode}); now private")
    engine = open_database(location)
    try:
        with translated_errors(location), engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                result = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
                if result != ["ok"]:
                    problems.append(f"integrity check failed: {'; '.join(result[:3])}")
                broken = list(conn.exec_driver_sql("PRAGMA foreign_key_check"))
                if broken:
                    problems.append(f"{len(broken)} rows point at rows that do not exist")
    finally:
        engine.dispose()
    return problems
