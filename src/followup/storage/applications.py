"""The one module that talks to the database.

Connection setup, the current tables, the mapping between rows and domain
values, and the queries. Everything is SQLAlchemy Core, so that the same code
runs on SQLite (the default) and PostgreSQL; SQLite-only statements live in
``_sqlite_connect`` and nowhere else, PostgreSQL-only ones in ``_postgresql_connect``.

Every query of applications, and of what hangs off them, is scoped to one profile
(``Store.profile``): several job seekers can share one database and never meet.
"""

from __future__ import annotations

import bisect
import os
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    URL,
    Boolean,
    Column,
    ColumnElement,
    Connection,
    CursorResult,
    Date,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    Row,
    Select,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    func,
    insert,
    inspect,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.pool import NullPool

from followup import rows
from followup.errors import (
    DatabaseBusy,
    DatabaseUnavailable,
    FollowupError,
    NewerDatabase,
    NotFound,
    NotOurDatabase,
    Refused,
)
from followup.migrations import MIGRATIONS, MIGRATIONS_TABLE
from followup.models import (
    Application,
    History,
    Interview,
    Stage,
    StoredStanding,
    Touch,
    Window,
)
from followup.profiles import DEFAULT_PROFILE, active_profile
from followup.settings import PAUSE_ENV, busy_timeout_ms

SQLITE_HEADER = b"SQLite format 3\x00"

metadata = MetaData()

migrations_table = Table(
    MIGRATIONS_TABLE,
    metadata,
    Column("name", String(200), primary_key=True),
    Column("applied_at", String(40), nullable=False),
)

applications = Table(
    "applications",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("company", String(200), nullable=False),
    Column("role", String(200), nullable=False),
    Column("applied_on", Date, nullable=False),
    Column("contact_name", String(200)),
    Column("phone", String(50)),
    Column("email", String(320)),
    Column("do_not_call", Boolean, nullable=False),
    Column("url", Text),
    Column("pitch", Text),
    Column("note", Text),
    Column("outcome", String(20)),
    Column("closed_on", Date),
    Column("snooze_until", Date),
    Column("snoozed_on", Date),
    # The highest touch / interview id when the snooze was set: ids, compared by order.
    Column("snooze_touch_mark", Integer, nullable=False, info={"id_of": "touches"}),
    Column("snooze_interview_mark", Integer, nullable=False, info={"id_of": "interviews"}),
    Column("stage", String(20), nullable=False),
    Column("next_earliest", Date, index=True),
    Column("next_latest", Date),
    Column("next_action", String(20)),
    Column("next_reason", Text),
    Column("waiting", Text),
    # Whose application it is (migration 004); every query is scoped to one profile.
    Column("profile", String(100), nullable=False, server_default=DEFAULT_PROFILE),
)

touches = Table(
    "touches",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("application_id", Integer, ForeignKey("applications.id", ondelete="CASCADE")),
    Column("on_date", Date, nullable=False),
    Column("via", String(20), nullable=False),
    Column("inbound", Boolean, nullable=False),
    Column("follow_up_on", Date),
    Column("note", Text),
)

interviews = Table(
    "interviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("application_id", Integer, ForeignKey("applications.id", ondelete="CASCADE")),
    Column("on_date", Date, nullable=False),
    Column("logged_on", Date, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("next_steps", Text),
    Column("timeline", Text),
    Column("prefers", String(10)),
    Column("follow_up_on", Date),
)

interviewers = Table(
    "interviewers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("interview_id", Integer, ForeignKey("interviews.id", ondelete="CASCADE")),
    Column("position", Integer, nullable=False),
    Column("name", String(200), nullable=False),
)

followup_meta = Table(
    "followup_meta",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)


# --- opening the database -------------------------------------------------------------


def _is_url(location: str) -> bool:
    return "://" in location


def _on_server(location: str) -> bool:
    """Whether ``location`` names a PostgreSQL database rather than a SQLite file."""
    if not _is_url(location):
        return False
    try:
        return make_url(location).get_backend_name() in ("postgresql", "postgres")
    except (ArgumentError, ValueError):
        return False


def _sqlite_path(location: str) -> Path | None:
    if not _is_url(location):
        return Path(location).expanduser()
    try:
        url = make_url(location)
    except (ArgumentError, ValueError):
        return None  # _create_engine says what is wrong with it
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(str(url.database)).expanduser()
    return None


def _make_private_dirs(directory: Path) -> None:
    """Create missing directories as 0700; one that exists is the user's and left alone."""
    missing = []
    while not directory.exists():
        missing.append(directory)
        directory = directory.parent
    for new in reversed(missing):
        # os.makedirs would apply the mode to the last directory only.
        with suppress(FileExistsError):
            new.mkdir(mode=0o700)


def _prepare_sqlite_file(path: Path) -> None:
    """Refuse what is not ours before SQLite touches it; create a new file private to the user."""
    if path.is_dir():
        raise NotOurDatabase(f"{path} is a directory, not a followup database")
    if path.exists():
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
        if header and header != SQLITE_HEADER:
            raise NotOurDatabase(f"{path} is not a followup database; it was left untouched")
        return
    _make_private_dirs(path.parent)
    # If another process created it first, it made it private too.
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def _make_private(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        companion = Path(f"{path}{suffix}")
        if companion.exists() and companion.stat().st_mode & 0o077:
            companion.chmod(0o600)


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


def _sqlite_finish_setup(engine: Engine, path: Path) -> None:
    """Switch to WAL (a write, so only once we know the file is ours) and keep files private."""
    # The journal mode cannot change inside a transaction, so use the driver directly.
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        (mode,) = cursor.execute("PRAGMA journal_mode").fetchone()
        if str(mode).lower() != "wal":
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()
    finally:
        raw.close()
    _make_private(path)


def _postgresql_connect(dbapi_connection: Any, _record: object) -> None:
    # A row lock held too long by another followup gives exit 75, as SQLite's busy
    # timeout does, instead of waiting for ever. Committed, so that it outlives this
    # first transaction.
    cursor = dbapi_connection.cursor()
    cursor.execute(f"SET lock_timeout = {busy_timeout_ms()}")
    cursor.close()
    dbapi_connection.commit()


# How long to wait for a server that does not answer (seconds), unless the URL says.
CONNECT_TIMEOUT_S = 10
_PASSWORD_IN_URL = re.compile(r"(://[^:/@]*:)[^@/]*@")


def shown(location: str) -> str:
    """The database as it may be printed: a URL's password is masked."""
    if not _is_url(location):
        return location
    try:
        return make_url(location).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return _PASSWORD_IN_URL.sub(r"\1***@", location)


def _scrubbed(text: str, location: str) -> str:
    """A driver's message on one line, with the URL's password masked should it appear."""
    line = " ".join(text.split())
    if _is_url(location):
        with suppress(ArgumentError, ValueError):
            password = make_url(location).password
            if password:
                line = line.replace(str(password), "***")
    return line


def _engine_url(location: str, path: Path | None) -> URL:
    if path is not None and not _is_url(location):
        return make_url(f"sqlite:///{path}")
    url = make_url(location)
    if url.drivername in ("postgresql", "postgres"):
        # psycopg 3 is the driver that followup[postgres] installs and the tests use.
        url = url.set(drivername="postgresql+psycopg")
    return url


def _create_engine(location: str) -> tuple[Engine, Path | None]:
    path = _sqlite_path(location)
    try:
        url = _engine_url(location, path)
        options: dict[str, Any] = {}
        if url.get_backend_name() == "postgresql":
            defaults = {"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "followup"}
            options["connect_args"] = {k: v for k, v in defaults.items() if k not in url.query}
        engine = create_engine(url, poolclass=NullPool, **options)
    except ImportError:
        raise NotOurDatabase(
            f"{shown(location)} needs a database driver that is not installed; "
            "for PostgreSQL: pip install 'followup[postgres]'"
        ) from None
    except (ArgumentError, ValueError) as exc:
        raise NotOurDatabase(
            f"cannot open database {shown(location)}: {_scrubbed(str(exc), location)}"
        ) from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "connect", _postgresql_connect)
    return engine, path


BUSY = "the database is busy: another followup is writing to it; try again in a moment"
# PostgreSQL's codes for: lock timeout, deadlock, serialization failure.
_BUSY_STATES = frozenset({"55P03", "40P01", "40001"})
# What a server (or libpq before it) says when it will not let this user in.
_REFUSED_WORDS = (
    "authentication failed",
    "no password supplied",
    "password is required",
    "pg_hba.conf",
    "does not exist",
    "permission denied",
)
# ... and when there is no server to talk to, or it went away.
_UNREACHABLE_WORDS = (
    "connection failed",
    "failed to resolve host",
    "could not connect",
    "connection refused",
    "timeout expired",
    "server closed the connection",
    "terminating connection",
    "connection is lost",
    "the database system is",
)


def _explained(orig: BaseException | None, location: str) -> FollowupError:
    """A driver's operational error as one line the user can act on, with its exit code."""
    text = _scrubbed(str(orig), location)
    lower = text.lower()
    state = str(getattr(orig, "sqlstate", None) or "")
    if "locked" in lower or "busy" in lower or state in _BUSY_STATES:
        return DatabaseBusy(BUSY)
    if "not a database" in lower or "malformed" in lower:
        return NotOurDatabase(f"{location} is not a followup database (or it is damaged)")
    # libpq puts the server's own words after FATAL:, after naming the host and port.
    reason = text.split("FATAL:")[-1].strip()
    if state.startswith("28") or any(word in lower for word in _REFUSED_WORDS):
        return FollowupError(f"the database server refused {shown(location)}: {reason}")
    if any(word in lower for word in _UNREACHABLE_WORDS):
        reason = reason.removeprefix("connection failed: ")
        return DatabaseUnavailable(
            f"cannot reach the database server for {shown(location)}: {reason}; "
            "try again once it is up"
        )
    return FollowupError(f"cannot use the database: {text}")


@contextmanager
def _translated_errors(location: str) -> Iterator[None]:
    """Turn driver errors into the few that a user can act on."""
    try:
        yield
    except OperationalError as exc:
        raise _explained(exc.orig, location) from None
    except DBAPIError as exc:
        if "not a database" in str(exc.orig).lower():
            raise NotOurDatabase(f"{location} is not a followup database") from None
        # A lost connection; a refused login or privilege ("28...", "42501").
        state = str(getattr(exc.orig, "sqlstate", None) or "")
        if exc.connection_invalidated or state.startswith(("28", "42501")):
            raise _explained(exc.orig, location) from None
        raise


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


def _lock_schema(conn: Connection) -> None:
    """Hold the schema for this transaction (SQLite's BEGIN IMMEDIATE already does)."""
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(_MIGRATION_LOCK)))


def _migrate(engine: Engine, path: Path | None) -> None:
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
        if has_data and path is not None:
            # Months of someone's job search: keep a copy before changing its shape.
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
            _vacuum_into(engine, _unused(path.parent / "backups" / f"before-upgrade-{stamp}.db"))
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
    with _translated_errors(location):
        if path is not None:
            _prepare_sqlite_file(path)
        _migrate(engine, path)
        if path is not None:
            _sqlite_finish_setup(engine, path)
    return engine


@contextmanager
def transaction(
    location: str, *, write: bool = True, profile: str | None = None
) -> Iterator[Store]:
    """One command's unit of work: everything in it commits together or not at all.

    It sees one profile's data only: ``profile``, or the one the command runs for
    (``settings.active_profile``). A write transaction locks each application it loads.
    """
    engine = open_database(location)
    try:
        with (
            _translated_errors(location),
            engine.connect().execution_options(followup_write=write) as conn,
            conn.begin(),
        ):
            yield Store(conn, active_profile() if profile is None else profile, lock=write)
            if write:
                _pause_for_tests()
    finally:
        engine.dispose()


def _pause_for_tests() -> None:
    """A test-only hook: hold a finished write open so a test can interrupt it before commit.

    Set FOLLOWUP_TEST_PAUSE_FILE to a path; the command creates that file when it is ready
    to commit, then waits, so the test knows exactly when to send a signal.
    """
    marker = os.environ.get(PAUSE_ENV)
    if marker:
        Path(marker).touch()
        time.sleep(60)


def _private_new_file(target: Path) -> None:
    _make_private_dirs(target.parent)
    try:
        os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        raise Refused(f"{target} already exists; choose another file") from None


def _unused(target: Path) -> Path:
    """``target``, or the same name with -2, -3 ... when it is taken."""
    candidate, n = target, 1
    while candidate.exists():
        n += 1
        candidate = target.with_name(f"{target.stem}-{n}{target.suffix}")
    return candidate


def _vacuum_into(engine: Engine, target: Path) -> None:
    """A consistent snapshot of committed data, made by SQLite itself (never a file copy)."""
    _private_new_file(target)
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("VACUUM INTO ?", (str(target),))
        cursor.close()
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    finally:
        raw.close()


def backup_database(location: str, target: Path, profile: str | None = None) -> Path:
    """Write a consistent copy of one profile's data to ``target``, readable by the user only.

    The copy is the whole database when it holds no other profile (the usual case);
    otherwise the other profiles' applications are taken out of the copy, and the file
    is vacuumed so that nothing of theirs stays in its free pages.
    """
    if _on_server(location):
        raise Refused(
            "followup backup copies SQLite files; back up a PostgreSQL database with "
            "pg_dump (see docs/postgres.md)"
        )
    mine = active_profile() if profile is None else profile
    engine = open_database(location)
    try:
        with _translated_errors(location):
            _vacuum_into(engine, target)
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
            "SELECT 1 FROM applications WHERE profile <> ? LIMIT 1", (profile,)
        ).fetchone()
        if others is None:
            return
        # Everything else hangs off an application and goes with it (ON DELETE CASCADE).
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("DELETE FROM applications WHERE profile <> ?", (profile,))
        conn.execute("VACUUM")
    finally:
        conn.close()


def health_problems(location: str) -> list[str]:
    """What the database itself says is wrong: damage, broken links, loose permissions."""
    problems: list[str] = []
    path = _sqlite_path(location)
    if path is not None:
        # Checked before opening, which makes the files private again.
        for suffix in ("", "-wal", "-shm"):
            companion = Path(f"{path}{suffix}")
            if companion.exists() and companion.stat().st_mode & 0o077:
                mode = oct(companion.stat().st_mode & 0o777)
                problems.append(f"{companion} could be read by others (mode {mode}); now private")
    engine = open_database(location)
    try:
        with _translated_errors(location), engine.connect() as conn:
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


# --- rows <-> domain values ---------------------------------------------------------------


def _application(row: Row[Any]) -> Application:
    return rows.application(row._mapping)


def _application_values(app: Application) -> dict[str, Any]:
    return {
        "company": app.company,
        "role": app.role,
        "applied_on": app.applied_on,
        "contact_name": app.contact.name,
        "phone": app.contact.phone,
        "email": app.contact.email,
        "do_not_call": app.do_not_call,
        "url": app.url,
        "pitch": app.pitch,
        "note": app.note,
        "outcome": app.outcome.value if app.outcome else None,
        "closed_on": app.closed_on,
        "snooze_until": app.snooze_until,
        "snoozed_on": app.snoozed_on,
        "snooze_touch_mark": app.snooze_touch_mark,
        "snooze_interview_mark": app.snooze_interview_mark,
    }


def _touch(row: Row[Any]) -> Touch:
    return rows.touch(row._mapping)


def _interview(row: Row[Any], names: Sequence[str]) -> Interview:
    return rows.interview(row._mapping, names)


def _standing(row: Row[Any]) -> StoredStanding:
    return rows.standing(row._mapping)


def _inserted_id(result: CursorResult[Any]) -> int:
    """The id the database gave the row just inserted."""
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def _storable(key: int, conn: Connection) -> bool:
    """Whether ``key`` can be an id here; anything else names nothing (and would overflow).

    Ids are positive 64-bit integers on SQLite, 32-bit ones (SERIAL) on PostgreSQL.
    """
    return 0 < key < (2**31 if conn.dialect.name == "postgresql" else 2**63)


# --- queries ------------------------------------------------------------------------------


class Store:
    """Queries and writes inside one transaction, on one profile's applications.

    An application of another profile does not exist here: loading it answers "not
    found", and writes by id leave it alone. With ``lock`` (write transactions) every
    application loaded is locked until commit (``SELECT ... FOR UPDATE`` on PostgreSQL;
    SQLite's BEGIN IMMEDIATE already locks the whole file), so that read-modify-write
    commands from two machines take turns instead of losing an update.
    """

    def __init__(
        self, conn: Connection, profile: str = DEFAULT_PROFILE, *, lock: bool = False
    ) -> None:
        self._conn = conn
        self._profile = profile
        self._lock = lock

    @property
    def connection(self) -> Connection:
        """This transaction's connection, for the query classes of other features."""
        return self._conn

    @property
    def profile(self) -> str:
        return self._profile

    def mine(self) -> ColumnElement[bool]:
        """The condition that keeps a query of applications to this profile's."""
        return applications.c.profile == self._profile

    def owned(self) -> Select[Any]:
        """This profile's application ids, to scope tables that hang off applications."""
        return select(applications.c.id).where(self.mine())

    def for_profile(self, profile: str) -> Store:
        """The same transaction on another profile's data: for upkeep, never for a command."""
        return Store(self._conn, profile, lock=self._lock)

    def profiles(self) -> list[str]:
        """Every profile that has an application (upkeep such as refreshing verdicts)."""
        found = select(applications.c.profile).distinct().order_by(applications.c.profile)
        return list(self._conn.execute(found).scalars())

    # applications

    def add_application(self, app: Application, stage: Stage) -> int:
        values = _application_values(app) | {"stage": stage.value, "profile": self._profile}
        result = self._conn.execute(insert(applications).values(**values))
        return _inserted_id(result)

    def update_application(self, app: Application) -> None:
        self._conn.execute(
            update(applications)
            .where(applications.c.id == app.id, self.mine())
            .values(**_application_values(app))
        )

    def save_verdict(
        self, application_id: int, stage: Stage, window: Window | None, waiting: str | None
    ) -> None:
        self._conn.execute(
            update(applications)
            .where(applications.c.id == application_id, self.mine())
            .values(
                stage=stage.value,
                next_earliest=window.earliest if window else None,
                next_latest=window.latest if window else None,
                next_action=window.action.value if window else None,
                next_reason=window.reason if window else None,
                waiting=waiting,
            )
        )

    def history(self, application_id: int) -> History:
        found = self.histories([application_id]) if _storable(application_id, self._conn) else []
        if not found:
            raise NotFound(f"no application with id {application_id}")
        return found[0]

    def histories(
        self, ids: Iterable[int] | None = None, *, include_closed: bool = True
    ) -> list[History]:
        """Whole histories, in three queries however many applications there are."""
        query = select(applications).where(self.mine()).order_by(applications.c.id)
        if self._lock:
            query = query.with_for_update()
        if ids is not None:
            query = query.where(applications.c.id.in_(list(ids)))
        if not include_closed:
            query = query.where(applications.c.closed_on.is_(None))
        apps = [_application(r) for r in self._conn.execute(query)]
        if not apps:
            return []
        wanted = [a.id for a in apps]
        touch_rows = self._conn.execute(
            select(touches).where(touches.c.application_id.in_(wanted)).order_by(touches.c.id)
        )
        by_app: dict[int, list[Touch]] = {a: [] for a in wanted}
        for row in touch_rows:
            touch = _touch(row)
            by_app[touch.application_id].append(touch)
        interview_rows = list(
            self._conn.execute(
                select(interviews)
                .where(interviews.c.application_id.in_(wanted))
                .order_by(interviews.c.id)
            )
        )
        names = self._interviewer_names([r.id for r in interview_rows])
        interviews_by_app: dict[int, list[Interview]] = {a: [] for a in wanted}
        for row in interview_rows:
            interviews_by_app[row.application_id].append(_interview(row, names[row.id]))
        return [
            History(app, tuple(by_app[app.id]), tuple(interviews_by_app[app.id])) for app in apps
        ]

    def all_standings(self) -> list[StoredStanding]:
        rows = self._conn.execute(
            select(applications).where(self.mine()).order_by(applications.c.id)
        )
        return [_standing(r) for r in rows]

    def all_application_ids(self) -> list[int]:
        return list(self._conn.execute(self.owned().order_by(applications.c.id)).scalars())

    # facts about the database

    def meta(self, key: str) -> str | None:
        return self._conn.execute(
            select(followup_meta.c.value).where(followup_meta.c.key == key)
        ).scalar()

    def set_meta(self, key: str, value: str) -> None:
        # One statement, so that two processes setting the same fact at once both succeed.
        upsert = postgresql_insert if self._conn.dialect.name == "postgresql" else sqlite_insert
        statement = upsert(followup_meta).values(key=key, value=value)
        self._conn.execute(
            statement.on_conflict_do_update(
                index_elements=[followup_meta.c.key], set_={"value": value}
            )
        )

    # touches

    def add_touch(self, touch: Touch) -> int:
        result = self._conn.execute(
            insert(touches).values(
                application_id=touch.application_id,
                on_date=touch.on,
                via=touch.via.value,
                inbound=touch.inbound,
                follow_up_on=touch.follow_up_on,
                note=touch.note,
            )
        )
        return _inserted_id(result)

    def touch_owner(self, touch_id: int) -> int:
        """The application a touch of this profile belongs to (locked when writing)."""
        query = (
            select(touches.c.application_id)
            .join(applications, applications.c.id == touches.c.application_id)
            .where(touches.c.id == touch_id, self.mine())
        )
        if self._lock:
            query = query.with_for_update(of=applications)
        owner = self._conn.execute(query).scalar() if _storable(touch_id, self._conn) else None
        if owner is None:
            raise NotFound(f"no touch with id {touch_id}")
        return int(owner)

    def delete_touch(self, touch_id: int) -> None:
        self._conn.execute(
            delete(touches).where(
                touches.c.id == touch_id, touches.c.application_id.in_(self.owned())
            )
        )

    # interviews

    def add_interview(self, interview: Interview) -> int:
        result = self._conn.execute(
            insert(interviews).values(
                application_id=interview.application_id, **self._interview_values(interview)
            )
        )
        interview_id = _inserted_id(result)
        self._save_interviewers(interview_id, interview.with_)
        return interview_id

    def update_interview(self, interview: Interview) -> None:
        found = self._conn.execute(
            update(interviews)
            .where(interviews.c.id == interview.id, interviews.c.application_id.in_(self.owned()))
            .values(**self._interview_values(interview))
        )
        if found.rowcount != 1:
            raise NotFound(f"no interview with id {interview.id}")
        self._conn.execute(delete(interviewers).where(interviewers.c.interview_id == interview.id))
        self._save_interviewers(interview.id, interview.with_)

    @staticmethod
    def _interview_values(interview: Interview) -> dict[str, Any]:
        return {
            "on_date": interview.on,
            "logged_on": interview.logged_on,
            "kind": interview.kind.value,
            "next_steps": interview.next_steps,
            "timeline": interview.timeline,
            "prefers": interview.prefers.value if interview.prefers else None,
            "follow_up_on": interview.follow_up_on,
        }

    def _interviewer_names(self, interview_ids: list[int]) -> dict[int, list[str]]:
        names: dict[int, list[str]] = {i: [] for i in interview_ids}
        if interview_ids:
            for row in self._conn.execute(
                select(interviewers.c.interview_id, interviewers.c.name)
                .where(interviewers.c.interview_id.in_(interview_ids))
                .order_by(interviewers.c.interview_id, interviewers.c.position)
            ):
                names[row.interview_id].append(row.name)
        return names

    def _save_interviewers(self, interview_id: int, names: Sequence[str]) -> None:
        if names:
            self._conn.execute(
                insert(interviewers),
                [
                    {"interview_id": interview_id, "position": n, "name": name}
                    for n, name in enumerate(names)
                ],
            )

    # the morning view: reads only what it shows

    def due_standings(self, until: date) -> list[StoredStanding]:
        """Open applications whose stored window opens on or before ``until``."""
        rows = self._conn.execute(
            select(applications)
            .where(
                self.mine(),
                applications.c.next_earliest <= until,
                applications.c.closed_on.is_(None),
            )
            .order_by(applications.c.next_earliest, applications.c.id)
        )
        return [_standing(r) for r in rows]

    def interviews_between(self, start: date, until: date) -> list[tuple[Application, Interview]]:
        """Interviews of open applications dated from ``start`` up to and including ``until``."""
        rows = list(
            self._conn.execute(
                select(interviews)
                .join(applications, applications.c.id == interviews.c.application_id)
                .where(
                    self.mine(),
                    interviews.c.on_date >= start,
                    interviews.c.on_date <= until,
                    applications.c.closed_on.is_(None),
                )
                .order_by(interviews.c.on_date, interviews.c.id)
            )
        )
        if not rows:
            return []
        apps = {
            r.id: _application(r)
            for r in self._conn.execute(
                select(applications).where(
                    self.mine(), applications.c.id.in_({r.application_id for r in rows})
                )
            )
        }
        names = self._interviewer_names([r.id for r in rows])
        return [(apps[r.application_id], _interview(r, names[r.id])) for r in rows]

    def holding_off(self, until: date, limit: int) -> tuple[list[StoredStanding], int]:
        """Open applications with nothing due by ``until``: the first few, and how many."""
        waiting = (
            self.mine(),
            applications.c.closed_on.is_(None),
            or_(applications.c.next_earliest.is_(None), applications.c.next_earliest > until),
        )
        total = self._conn.execute(
            select(func.count()).select_from(applications).where(*waiting)
        ).scalar_one()
        rows = self._conn.execute(
            select(applications)
            .where(*waiting)
            .order_by(applications.c.next_earliest.is_(None), applications.c.next_earliest)
            .order_by(applications.c.id)
            .limit(limit)
        )
        return [_standing(r) for r in rows], int(total)


# --- interview preparation: questions asked, articles, application details ---------------
# (issue 3; the use cases are in followup.prep)

from followup.prep_models import Article, AskedQuestion, Details  # noqa: E402

questions_asked = Table(
    "questions_asked",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("interview_id", Integer, ForeignKey("interviews.id", ondelete="CASCADE")),
    Column("interviewer", String(200), nullable=False),
    Column("question", Text, nullable=False),
    Column("question_id", String(60)),
    Column("answer", Text),
    Column("logged_on", Date, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("application_id", Integer, ForeignKey("applications.id", ondelete="CASCADE")),
    Column("url", Text, nullable=False),
    Column("title", Text),
    Column("added_on", Date, nullable=False),
    Column("offered_on", Date),
)

application_details = Table(
    "application_details",
    metadata,
    Column(
        "application_id",
        Integer,
        ForeignKey("applications.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("key", String(50), primary_key=True),
    Column("value", Text, nullable=False),
)

# The details questions can use, by the key they are stored under.
DETAIL_KEYS = ("competitor", "market_problem")


def _asked(row: Row[Any]) -> AskedQuestion:
    m = row._mapping
    return AskedQuestion(
        id=m["id"],
        interview_id=m["interview_id"],
        interviewer=m["interviewer"],
        question=m["question"],
        question_id=m["question_id"],
        answer=m["answer"],
        logged_on=m["logged_on"],
    )


def _article(row: Row[Any]) -> Article:
    m = row._mapping
    return Article(
        id=m["id"],
        application_id=m["application_id"],
        url=m["url"],
        title=m["title"],
        added_on=m["added_on"],
        offered_on=m["offered_on"],
    )


class PrepStore:
    """Queries and writes for interview preparation, inside a ``Store``'s transaction.

    Scoped to the store's profile like the store: another profile's rows are not there.
    """

    def __init__(self, store: Store) -> None:
        self._conn = store.connection
        self._owned = store.owned()

    # details the question bank fills in

    def details(self, application_id: int) -> Details:
        rows = self._conn.execute(
            select(application_details.c.key, application_details.c.value).where(
                application_details.c.application_id == application_id,
                application_details.c.application_id.in_(self._owned),
            )
        )
        found = {row.key: row.value for row in rows if row.key in DETAIL_KEYS}
        return Details(**found)

    def set_detail(self, application_id: int, key: str, value: str | None) -> None:
        """Record a detail; None clears it."""
        assert key in DETAIL_KEYS, key
        self._conn.execute(
            delete(application_details).where(
                application_details.c.application_id == application_id,
                application_details.c.application_id.in_(self._owned),
                application_details.c.key == key,
            )
        )
        if value is not None:
            self._conn.execute(
                insert(application_details).values(
                    application_id=application_id, key=key, value=value
                )
            )

    # questions asked at interviews

    def asked(self, application_id: int) -> list[AskedQuestion]:
        """Every question asked at this application's interviews, in the order recorded."""
        rows = self._conn.execute(
            select(questions_asked)
            .join(interviews, interviews.c.id == questions_asked.c.interview_id)
            .where(
                interviews.c.application_id == application_id,
                interviews.c.application_id.in_(self._owned),
            )
            .order_by(questions_asked.c.id)
        )
        return [_asked(r) for r in rows]

    def add_asked(self, asked: AskedQuestion) -> int:
        result = self._conn.execute(
            insert(questions_asked).values(
                interview_id=asked.interview_id,
                interviewer=asked.interviewer,
                question=asked.question,
                question_id=asked.question_id,
                answer=asked.answer,
                logged_on=asked.logged_on,
            )
        )
        return _inserted_id(result)

    # articles to share in a check-in

    def articles(self, application_id: int) -> list[Article]:
        rows = self._conn.execute(
            select(articles)
            .where(
                articles.c.application_id == application_id,
                articles.c.application_id.in_(self._owned),
            )
            .order_by(articles.c.id)
        )
        return [_article(r) for r in rows]

    def add_article(self, article: Article) -> int:
        result = self._conn.execute(
            insert(articles).values(
                application_id=article.application_id,
                url=article.url,
                title=article.title,
                added_on=article.added_on,
                offered_on=article.offered_on,
            )
        )
        return _inserted_id(result)

    def set_article_title(self, article_id: int, title: str | None) -> None:
        self._conn.execute(update(articles).where(*self._article(article_id)).values(title=title))

    def mark_offered(self, article_id: int, on: date) -> None:
        self._conn.execute(update(articles).where(*self._article(article_id)).values(offered_on=on))

    def _article(self, article_id: int) -> tuple[ColumnElement[bool], ...]:
        return (articles.c.id == article_id, articles.c.application_id.in_(self._owned))


# --- import and export: every table for the full backup, applications in bulk ------------
# (issue 4; the use cases are in followup.exchange, the formats in full_backup and
# spreadsheet). The backup is generic over ``metadata``: a table a later feature adds to
# it is backed up and restored without changes here.

from sqlalchemy import text as _sql  # noqa: E402
from sqlalchemy.exc import IntegrityError  # noqa: E402

from followup.errors import BadInput  # noqa: E402
from followup.full_backup import Backup, ColumnSpec, Kind  # noqa: E402
from followup.models import Assessment  # noqa: E402


def _backed_up() -> list[Table]:
    """Every table, parents before children; the schema's own record is not data."""
    return [t for t in metadata.sorted_tables if t.name != MIGRATIONS_TABLE]


def _kind(column: Column[Any]) -> Kind:
    if isinstance(column.type, Boolean):
        return Kind.BOOLEAN
    if isinstance(column.type, Date):
        return Kind.DATE
    if isinstance(column.type, Integer):
        return Kind.INTEGER
    return Kind.TEXT


def _counted_id(table: Table) -> Column[Any] | None:
    """The id column whose values the database hands out, if the table has one."""
    keys = list(table.primary_key.columns)
    if len(keys) == 1 and isinstance(keys[0].type, Integer) and not keys[0].foreign_keys:
        return keys[0]
    return None


class ExchangeStore:
    """Whole-table reads and bulk writes for import and export, inside a ``Store``'s transaction.

    Scoped to the store's profile: a backup holds that profile's applications and every
    row that hangs off them (found by following foreign keys, so a table a later feature
    adds is scoped too), plus the facts about the database itself.
    """

    def __init__(self, store: Store) -> None:
        self._conn = store.connection
        self._profile = store.profile

    def _theirs(self, table: Table) -> ColumnElement[bool] | None:
        """The condition keeping ``table`` to this profile's rows; None for database facts."""
        if table is applications:
            return applications.c.profile == self._profile
        for column in table.columns:
            for key in column.foreign_keys:
                parent = self._theirs(key.column.table)
                if parent is not None:
                    return column.in_(select(key.column).where(parent))
        return None

    def _rows_of(self, table: Table) -> Select[Any]:
        query = select(table)
        condition = self._theirs(table)
        return query if condition is None else query.where(condition)

    # the full backup

    def schema(self) -> dict[str, tuple[ColumnSpec, ...]]:
        return {
            table.name: tuple(
                # A column the database fills in itself (the profile) may be left out.
                ColumnSpec(c.name, _kind(c), required=not c.nullable and c.server_default is None)
                for c in table.columns
            )
            for table in _backed_up()
        }

    def backup(self) -> Backup:
        migrations = self._conn.execute(
            select(migrations_table.c.name).order_by(migrations_table.c.name)
        ).scalars()
        tables = {
            table.name: [
                dict(row._mapping)
                for row in self._conn.execute(
                    self._rows_of(table).order_by(*table.primary_key.columns)
                )
            ]
            for table in _backed_up()
        }
        return Backup(tuple(migrations), tables, self._last_ids())

    def _last_ids(self) -> dict[str, int]:
        """The highest id each table ever gave out, counting rows deleted since.

        On SQLite that is the AUTOINCREMENT counter of the tables that have one (the
        others reuse the ids of deleted rows by design); elsewhere, the highest id in use.
        """
        if self._conn.dialect.name == "sqlite":
            found = self._conn.execute(_sql("SELECT name, seq FROM sqlite_sequence"))
            return {str(name): int(seq) for name, seq in found}
        last: dict[str, int] = {}
        for table in _backed_up():
            column = _counted_id(table)
            if column is not None:
                highest = int(self._conn.execute(select(func.max(column))).scalar() or 0)
                last[table.name] = max(highest, self._sequence_at(table, column))
        return last

    def _sequence_at(self, table: Table, column: Column[Any]) -> int:
        """PostgreSQL: the last id the column's sequence handed out (0 when none)."""
        if self._conn.dialect.name != "postgresql":
            return 0
        sequence = self._conn.execute(
            select(func.pg_get_serial_sequence(table.name, column.name))
        ).scalar()
        if sequence is None:
            return 0
        # The name comes from the server's own catalog, quoted by it.
        last, called = self._conn.execute(
            _sql(f"SELECT last_value, is_called FROM {sequence}")
        ).one()
        return int(last) if called else 0

    def rows_held(self) -> dict[str, int]:
        """How many rows of this profile each table holds, leaving out the database's facts."""
        return {
            table.name: int(
                self._conn.execute(
                    select(func.count()).select_from(self._rows_of(table).subquery())
                ).scalar_one()
            )
            for table in _backed_up()
            if table is not followup_meta
        }

    def restore(self, backup: Backup) -> None:
        """Write every row of ``backup`` into this profile, which holds nothing yet.

        Into an empty database every row keeps its id, so the copy is exact. Beside other
        profiles' applications the rows get new ids, in the same order, and every
        reference follows them (``_restore_renumbered``).
        """
        backup = replace(
            backup,
            tables={
                name: [row | {"profile": self._profile} for row in rows]
                if name == applications.name
                else rows
                for name, rows in backup.tables.items()
            },
        )
        others = self._conn.execute(select(func.count()).select_from(applications)).scalar()
        try:
            if others:
                self._restore_renumbered(backup)
                return
            # The facts travel with the data: the rules version of the stored verdicts, and
            # the calendar's id, so that exported events keep their UIDs on the new machine.
            self._conn.execute(delete(followup_meta))
            for table in _backed_up():
                found = backup.tables.get(table.name)
                if found:
                    self._conn.execute(insert(table), found)
        except IntegrityError as exc:
            raise BadInput(
                f"the backup does not hold together ({exc.orig}); nothing was restored"
            ) from None
        if self._conn.dialect.name == "postgresql":
            # Rows written with their ids leave the sequences behind: move each one past
            # the highest id its table ever gave out.
            for table in _backed_up():
                column = _counted_id(table)
                if column is None:
                    continue
                highest = self._conn.execute(select(func.max(column))).scalar()
                target = max(backup.last_ids.get(table.name, 0), int(highest or 0))
                if target:
                    sequence = func.pg_get_serial_sequence(table.name, column.name)
                    self._conn.execute(select(func.setval(sequence, target)))
        if self._conn.dialect.name == "sqlite":
            for name, last in backup.last_ids.items():
                self._conn.execute(
                    _sql("DELETE FROM sqlite_sequence WHERE name = :name"), {"name": name}
                )
                highest = self._conn.execute(select(func.max(metadata.tables[name].c.id))).scalar()
                self._conn.execute(
                    _sql("INSERT INTO sqlite_sequence (name, seq) VALUES (:name, :seq)"),
                    {"name": name, "seq": max(last, int(highest or 0))},
                )

    def _restore_renumbered(self, backup: Backup) -> None:
        """Insert the backup's rows with new ids, parents first, mapping every reference.

        Ids are handed out in the backup's order, so a column that remembers "the highest
        touch id when you snoozed" (``info={"id_of": ...}``) still splits the same rows.
        The database's own facts stay; the rules version is forgotten when the backup's
        differs, so that the next ``due`` works every stored verdict out again.
        """
        new_ids: dict[str, dict[int, int]] = {}
        for table in _backed_up():
            rows = backup.tables.get(table.name) or []
            if self._theirs(table) is None or not rows:
                continue
            counted = _counted_id(table)
            if counted is not None:
                rows = sorted(rows, key=lambda row: int(row[counted.name]))
            values = [self._renumbered(table, row, new_ids) for row in rows]
            if counted is None:
                self._conn.execute(insert(table), values)
                continue
            for row in values:
                del row[counted.name]
            given = self._conn.execute(
                insert(table).returning(counted, sort_by_parameter_order=True), values
            ).scalars()
            new_ids[table.name] = {
                int(row[counted.name]): int(new) for row, new in zip(rows, given, strict=True)
            }
        self._remap_marks(backup, new_ids)
        theirs = {row["key"]: row["value"] for row in backup.tables.get(followup_meta.name, [])}
        mine = Store(self._conn).meta("rules_version")
        if theirs.get("rules_version") != mine:
            self._conn.execute(delete(followup_meta).where(followup_meta.c.key == "rules_version"))

    @staticmethod
    def _renumbered(
        table: Table, row: dict[str, Any], new_ids: dict[str, dict[int, int]]
    ) -> dict[str, Any]:
        values = dict(row)
        for column in table.columns:
            for key in column.foreign_keys:
                old = values.get(column.name)
                if old is None:
                    continue
                new = new_ids.get(key.column.table.name, {}).get(int(old))
                if new is None:
                    raise BadInput(
                        f"the backup does not hold together ({table.name} row points at "
                        f"{key.column.table.name} {old}, which it does not hold); "
                        "nothing was restored"
                    )
                values[column.name] = new
        return values

    def _remap_marks(self, backup: Backup, new_ids: dict[str, dict[int, int]]) -> None:
        for table in _backed_up():
            counted = _counted_id(table)
            marks = [c for c in table.columns if "id_of" in c.info]
            if counted is None or not marks or table.name not in new_ids:
                continue
            # Both in id order: new ids were handed out in the order of the old ones.
            orders = {c.name: sorted(new_ids.get(c.info["id_of"], {}).items()) for c in marks}
            for row in backup.tables.get(table.name) or []:
                changes = {}
                for column in marks:
                    # The new id of the last row at or before the old mark.
                    order = orders[column.name]
                    at = bisect.bisect_right(order, (int(row[column.name] or 0), 2**63))
                    changes[column.name] = order[at - 1][1] if at else 0
                new_id = new_ids[table.name][int(row[counted.name])]
                self._conn.execute(update(table).where(counted == new_id).values(**changes))

    # applications from a spreadsheet

    def application_keys(self) -> list[tuple[str, str, date]]:
        """(company, role, applied date) of this profile's applications, to skip repeats."""
        rows = self._conn.execute(
            select(applications.c.company, applications.c.role, applications.c.applied_on).where(
                applications.c.profile == self._profile
            )
        )
        return [(r.company, r.role, r.applied_on) for r in rows]

    def add_judged(self, judged: Sequence[tuple[Application, Assessment]]) -> None:
        """Insert new applications with the rules' verdict on each, in one statement."""
        if not judged:
            return
        values = []
        for app, verdict in judged:
            window = verdict.next_contact
            values.append(
                _application_values(app)
                | {
                    "stage": verdict.stage.value,
                    "next_earliest": window.earliest if window else None,
                    "next_latest": window.latest if window else None,
                    "next_action": window.action.value if window else None,
                    "next_reason": window.reason if window else None,
                    "waiting": verdict.waiting,
                    "profile": self._profile,
                }
            )
        self._conn.execute(insert(applications), values)
