"""Opening the database: the engine, its SQLite and PostgreSQL settings, upgrades, and
turning driver errors into messages the user can act on.

SQLite-only statements live in ``_sqlite_connect`` and nowhere else, PostgreSQL-only ones
in ``_postgresql_connect``. ``transaction`` is the unit of work every command runs in.
"""

from __future__ import annotations

import sqlite3
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import (
    URL,
    Connection,
    Dialect,
    Engine,
    create_engine,
    event,
    func,
    insert,
    inspect,
    select,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError, SAWarning
from sqlalchemy.pool import NullPool

from followup.errors import (
    BadInput,
    DatabaseBusy,
    FollowupError,
    NewerDatabase,
    NotOurDatabase,
    ReadOnlyDatabase,
)
from followup.profiles import active_profile
from followup.settings import busy_timeout_ms
from followup.storage.applications import Store
from followup.storage.files import (
    NameTaken,
    is_read_only,
    make_private,
    pause_for_tests,
    prepare_sqlite_file,
    unused_name,
    vacuum_into,
)
from followup.storage.locations import check_location, scrubbed, shown
from followup.storage.migrations import MIGRATIONS, MIGRATIONS_TABLE
from followup.storage.schema import applications, migrations_table
from followup.storage.server_errors import BUSY, REFUSED_STATES, bad_setting, server_error
from followup.storage.server_errors import BUSY_STATES as _BUSY_STATES
from followup.storage.sqlite_file import read_only_uri, sqlite_problem

# --- opening the database -------------------------------------------------------------


def is_url(location: str) -> bool:
    return "://" in location


def on_server(location: str) -> bool:
    """Whether ``location`` names a PostgreSQL database rather than a SQLite file."""
    if not is_url(location):
        return False
    try:
        return make_url(location).get_backend_name() in ("postgresql", "postgres")
    except (ArgumentError, ValueError):
        return False


def sqlite_path(location: str) -> Path | None:
    if not is_url(location):
        return Path(location).expanduser()
    try:
        url = make_url(location)
    except (ArgumentError, ValueError):
        return None  # _create_engine says what is wrong with it
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(str(url.database)).expanduser()
    return None


def _sqlite_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Our own BEGIN (see _sqlite_begin) replaces the driver's implicit one,
    # which starts transactions late and deferred and so loses updates.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    # A writer takes the write lock up front, so that two processes doing
    # read-modify-write wait for each other instead of failing on upgrade.
    write = conn.get_execution_options().get("followup_write", True)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _read_only(engine: Engine) -> bool:
    return bool(engine.get_execution_options().get("followup_read_only"))


def _sqlite_finish_setup(engine: Engine, path: Path) -> None:
    """Switch to WAL (a write, so only once we know the file is ours) and keep files private."""
    # The journal mode cannot change inside a transaction, so use the driver directly.
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        (mode,) = cursor.execute("PRAGMA journal_mode").fetchone()
        if str(mode).lower() != "wal" and not _read_only(engine):
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()
    finally:
        raw.close()
    make_private(path)


def _postgresql_connect(dbapi_connection: Any, _record: object) -> None:
    # A row lock held too long by another followup gives exit 75, as SQLite's busy
    # timeout does, instead of waiting for ever. Committed, so that it outlives this
    # first transaction.
    cursor = dbapi_connection.cursor()
    # 0 would mean no limit at all here, where to SQLite it means not waiting.
    cursor.execute(f"SET lock_timeout = {max(busy_timeout_ms(), 1)}")
    cursor.close()
    dbapi_connection.commit()


# How long to wait for a server that does not answer (seconds), unless the URL says.
CONNECT_TIMEOUT_S = 10


def _engine_url(location: str, path: Path | None) -> URL:
    if path is not None and not is_url(location):
        # Made, not parsed: a folder called "why?" or "100%" is part of the file's name,
        # where a parsed URL would read a query or an escape (and open another file).
        return URL.create("sqlite", database=str(path))
    url = make_url(location)
    if url.drivername in ("postgresql", "postgres"):
        # psycopg 3 is the driver that followup[postgres] installs and the tests use.
        url = url.set(drivername="postgresql+psycopg")
    return url


def _connect_or_refuse(location: str) -> Callable[..., Any]:
    """The driver's connect, with a value it cannot take from the URL (a port too large for
    an int, a host that is not a name) refused as bad input instead of a bug."""

    def connect(dialect: Dialect, _record: object, cargs: Any, cparams: Any) -> Any:
        try:
            return dialect.connect(*cargs, **cparams)
        except (ValueError, OverflowError) as exc:
            reason = scrubbed(str(exc), location)
            raise bad_setting(location, reason, server=dialect.name == "postgresql") from None

    return connect


def _create_engine(location: str) -> tuple[Engine, Path | None]:
    check_location(location)
    path = sqlite_path(location)
    try:
        url = _engine_url(location, path)
        options: dict[str, Any] = {}
        if url.get_backend_name() == "postgresql":
            defaults = {"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "followup"}
            options["connect_args"] = {k: v for k, v in defaults.items() if k not in url.query}
        read_only_file = path is not None and is_read_only(path)
        if read_only_file:
            assert path is not None
            # SQLite's own read-only mode: writes fail even for root, who may write any file.
            uri = read_only_uri(path)
            options["creator"] = lambda: sqlite3.connect(uri, uri=True, check_same_thread=False)
        options["execution_options"] = {"followup_read_only": read_only_file}
        with warnings.catch_warnings():
            # Such as an option the driver ignores: the user asked for it, so say so.
            warnings.simplefilter("error", SAWarning)
            engine = create_engine(url, poolclass=NullPool, **options)
    except ImportError:
        raise NotOurDatabase(
            f"{shown(location)} needs a database driver that is not installed; "
            "for PostgreSQL: pip install 'followup[postgres]'"
        ) from None
    except (ArgumentError, ValueError, SAWarning) as exc:
        reason = scrubbed(str(exc), location).split(" (Background on this")[0]
        raise BadInput(f"cannot open database {shown(location)}: {reason}") from None
    event.listen(engine, "do_connect", _connect_or_refuse(location))
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "connect", _postgresql_connect)
    return engine, path


def _explained(orig: BaseException | None, location: str) -> FollowupError:
    """A driver's operational error as one line the user can act on, with its exit code."""
    if on_server(location):
        return server_error(orig, location)
    problem = sqlite_problem(orig, shown(location))
    if problem is not None:
        return problem
    text = scrubbed(str(orig), location)
    lower = text.lower()
    state = str(getattr(orig, "sqlstate", None) or "")
    if "locked" in lower or "busy" in lower or state in _BUSY_STATES:
        return DatabaseBusy(BUSY)
    return FollowupError(f"cannot use the database: {text}")


@contextmanager
def translated_errors(location: str) -> Iterator[None]:
    """Turn driver errors into the few that a user can act on."""
    try:
        yield
    except OperationalError as exc:
        raise _explained(exc.orig, location) from None
    except DBAPIError as exc:
        problem = sqlite_problem(exc.orig, shown(location))
        if problem is not None:
            raise problem from None
        # A lost connection; a refusal (a login, a privilege, a server that only reads);
        # a connection that could not start (no statement), such as a bad URL option.
        state = str(getattr(exc.orig, "sqlstate", None) or "")
        if (
            exc.connection_invalidated
            or state.startswith(REFUSED_STATES)
            or (exc.statement is None and on_server(location))
        ):
            raise _explained(exc.orig, location) from None
        raise
    except sqlite3.Error as exc:
        # From the driver itself (a raw connection's cursor), not wrapped by SQLAlchemy.
        raise _explained(exc, location) from None


def _applied_migrations(conn: Connection) -> set[str] | None:
    """Names of applied migrations; None for an empty database; refuse anybody else's."""
    tables = set(inspect(conn).get_table_names())
    if MIGRATIONS_TABLE in tables:
        return {r[0] for r in conn.execute(select(migrations_table.c.name))}
    if tables:
        raise NotOurDatabase("this database belongs to something else; it was left untouched")
    return None


# Any fixed number: two processes upgrading one server database take turns on it.
_MIGRATION_LOCK = 20261126
# Every writer holds this one shared, and each profile's (_PROFILE_LOCKS, hash of its name)
# shared too; a command that must be alone takes one of them exclusively. Advisory locks
# keyed by two numbers live apart from those keyed by one.
_DATABASE_LOCK = 20261201
_PROFILE_LOCKS = 20261201

# A write transaction that must be the only writer in its profile, or in the database.
Alone = Literal["profile", "database"]


def _lock_schema(conn: Connection) -> None:
    """Hold the schema for this transaction (SQLite's BEGIN IMMEDIATE already does)."""
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(_MIGRATION_LOCK)))


def _lock_for_writing(conn: Connection, profile: str, alone_in: Alone | None) -> None:
    """Let this write transaction be alone where it must be (on SQLite, BEGIN IMMEDIATE
    already makes every writer alone in the whole file).

    Row locks do not do it on PostgreSQL when a command decides from rows that are not
    there yet: two imports skipping what is already stored, or two restores into an empty
    profile, lock nothing they read, so both would insert. Ordinary writers share both
    locks and so never wait for each other here, only for a command that is alone.
    """
    if conn.dialect.name != "postgresql":
        return
    if alone_in == "database":
        conn.execute(select(func.pg_advisory_xact_lock(_DATABASE_LOCK)))
        return
    conn.execute(select(func.pg_advisory_xact_lock_shared(_DATABASE_LOCK)))
    key = (_PROFILE_LOCKS, func.hashtext(profile))
    if alone_in == "profile":
        conn.execute(select(func.pg_advisory_xact_lock(*key)))
    else:
        conn.execute(select(func.pg_advisory_xact_lock_shared(*key)))


_NAME_ATTEMPTS = 5


def _migrate(engine: Engine, path: Path | None, location: str) -> None:
    """Bring the schema up to date, one transaction per migration."""
    known = [name for name, _ in MIGRATIONS]
    with engine.connect().execution_options(followup_write=False) as conn, conn.begin():
        applied = _applied_migrations(conn)
        has_data = applied is not None and bool(
            conn.execute(select(func.count()).select_from(applications)).scalar()
        )
    if applied is not None:
        newer = sorted(applied - set(known))
        if newer:
            raise NewerDatabase(
                f"this database was written by a newer followup (it has migration {newer[0]!r}); "
                "upgrade followup to use it"
            )
        if applied >= set(known):
            return
        if _read_only(engine):
            raise ReadOnlyDatabase(
                f"the database at {shown(location)} is read-only, and this followup must "
                "upgrade it first; make it writable, or use the followup that wrote it"
            )
        if has_data and path is not None:
            # Months of someone's job search: keep a copy before changing its shape.
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
            wanted = path.parent / "backups" / f"before-upgrade-{stamp}.db"
            for attempt in range(_NAME_ATTEMPTS):
                try:
                    vacuum_into(engine, unused_name(wanted))
                    break
                except NameTaken:
                    # Another followup upgrading at the same second took the name: the next.
                    if attempt == _NAME_ATTEMPTS - 1:
                        raise
    for name, migration in MIGRATIONS:
        with engine.begin() as conn:
            _lock_schema(conn)
            # Read again under the write lock: another process may have just done it.
            done = _applied_migrations(conn)
            if done is None:
                migrations_table.create(conn)
                done = set()
            if name in done:
                continue
            migration(conn)
            conn.execute(
                insert(migrations_table).values(
                    name=name, applied_at=datetime.now(UTC).isoformat(timespec="seconds")
                )
            )


def open_database(location: str) -> Engine:
    """An engine on an up-to-date followup database, creating a new one if needed."""
    engine, path = _create_engine(location)
    with translated_errors(location):
        if path is not None:
            prepare_sqlite_file(path)
        _migrate(engine, path, location)
        if path is not None:
            _sqlite_finish_setup(engine, path)
    return engine


@contextmanager
def transaction(
    location: str,
    *,
    write: bool = True,
    profile: str | None = None,
    alone_in: Alone | None = None,
) -> Iterator[Store]:
    """One command's unit of work: everything in it commits together or not at all.

    It sees one profile's data only: ``profile``, or the one the command runs for
    (``profiles.active_profile``). A write transaction locks each application it loads;
    with ``alone_in`` it also waits until no other write is under way in its profile (or
    the whole database), and keeps new ones waiting until it ends.
    """
    engine = open_database(location)
    mine = active_profile() if profile is None else profile
    try:
        with (
            translated_errors(location),
            engine.connect().execution_options(followup_write=write) as conn,
            conn.begin(),
        ):
            if write:
                _lock_for_writing(conn, mine, alone_in)
            store = Store(conn, mine, lock=write)
            yield store
            if write:
                # The change's before-images, in its own transaction (storage.journal).
                store.journal.write()
                pause_for_tests()
    finally:
        engine.dispose()
