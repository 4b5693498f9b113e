"""Copies and checks of the whole database file: ``followup backup`` and ``doctor``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from followup.errors import (
    Refused,
)
from followup.profiles import active_profile
from followup.storage.engine import on_server, open_database, sqlite_path, translated_errors
from followup.storage.files import (
    check_replaceable,
    loose_permissions,
    prepare_sqlite_file,
    vacuum_into,
)
from followup.storage.sqlite_file import is_damage, read_only_uri


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
    target = target.expanduser()
    check_replaceable(target, sqlite_path(location), force=False)
    engine = open_database(location)
    try:
        with translated_errors(location):
            vacuum_into(engine, target, lambda copy: _keep_one_profile(copy, mine))
    finally:
        engine.dispose()
    return target


def _keep_one_profile(copy: Path, profile: str) -> None:
    conn = sqlite3.connect(copy, isolation_level=None)
    try:
        others = conn.execute(
            "SELECT 1 FROM applications WHERE profile <> ? "
            "UNION ALL SELECT 1 FROM profiles WHERE profile <> ? "
            "UNION ALL SELECT 1 FROM undo_journal WHERE profile <> ? LIMIT 1",
            (profile, profile, profile),
        ).fetchone()
        if others is None:
            return
        # Everything else hangs off an application and goes with it (ON DELETE CASCADE).
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("DELETE FROM applications WHERE profile <> ?", (profile,))
        conn.execute("DELETE FROM profiles WHERE profile <> ?", (profile,))
        # Their undo journal too: it holds copies of their rows.
        conn.execute("DELETE FROM undo_journal WHERE profile <> ?", (profile,))
        conn.execute("VACUUM")
    finally:
        conn.close()


# How many of SQLite's findings to ask for: enough to say "many", few enough to be quick.
_FINDINGS = 100


def damage(location: str) -> str | None:
    """What SQLite's own check of every page finds wrong with the file, in one line; None
    when it is sound (or not a SQLite file: opening says what that is)."""
    path = sqlite_path(location)
    if path is None or not path.is_file():
        return None
    prepare_sqlite_file(path)  # a file that is not SQLite at all is refused, not "damaged"
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error:
        return None  # cannot be opened at all: opening it the ordinary way says why
    try:
        with translated_errors(location):
            try:
                findings = [str(r[0]) for r in conn.execute(f"PRAGMA integrity_check({_FINDINGS})")]
            except sqlite3.DatabaseError as exc:
                if not is_damage(exc):
                    raise
                return f"SQLite cannot read it ({exc}); {_unreadable_tables(conn)}"
    finally:
        conn.close()
    if findings == ["ok"]:
        return None
    # One finding per line; SQLite puts several in one row, under a "*** in database" head.
    lines = [
        line.strip()
        for finding in findings
        for line in finding.splitlines()
        if line.strip() and not line.startswith("***")
    ]
    count = f"{len(lines)} or more" if len(findings) >= _FINDINGS else str(len(lines))
    first = "; ".join(lines[:2])
    return f"SQLite's integrity check found {count} problem(s) in its pages, first: {first}"


def _unreadable_tables(conn: sqlite3.Connection) -> str:
    """Which tables cannot be read to the end, when SQLite's own check gives up."""
    # Lets SQLite open a file shorter than its header says; on a read-only connection it
    # changes nothing.
    conn.execute("PRAGMA writable_schema = ON")
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    except sqlite3.DatabaseError:
        return "even its list of tables is damaged"
    damaged = []
    for table in sorted(tables):
        try:
            for _ in conn.execute(f'SELECT * FROM "{table}"'):
                pass
        except sqlite3.DatabaseError:
            damaged.append(table)
    if not damaged:
        return "its tables can still be read, its indexes cannot"
    return f"damaged tables: {', '.join(damaged)}"


def permission_problems(location: str) -> list[str]:
    """The database files others may read. Looked at before anything opens the database,
    which makes them private again (and SQLite gives new -wal and -shm files its mode)."""
    path = sqlite_path(location)
    if path is None:
        return []
    return [
        f"{companion} could be read by others (mode {oct(mode)}); now private"
        for companion, mode in loose_permissions(path)
    ]


def health_problems(location: str) -> list[str]:
    """What the database itself says is wrong: rows pointing at rows that do not exist.

    Damage is found by ``damage``, first: a damaged file is not opened the ordinary way.
    """
    problems: list[str] = []
    engine = open_database(location)
    try:
        with translated_errors(location), engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                broken = list(conn.exec_driver_sql("PRAGMA foreign_key_check"))
                if broken:
                    problems.append(f"{len(broken)} rows point at rows that do not exist")
    finally:
        engine.dispose()
    return problems
