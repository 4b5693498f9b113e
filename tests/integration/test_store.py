"""The store against a real SQLite file in tmp_path."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from followup.domain.models import (
    Action,
    Application,
    Interview,
    InterviewKind,
    Stage,
    Touch,
    Via,
    Window,
)
from followup.errors import NewerDatabase, NotOurDatabase
from followup.storage import engine, migrations, schema
from tests.postgres import plain_engine


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _sqlite(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def _application(**changes: object) -> Application:
    fields: dict[str, object] = {
        "id": 0,
        "company": "Acme",
        "role": "Analyst",
        "applied_on": date(2026, 11, 18),
    }
    fields.update(changes)
    return Application(**fields)  # type: ignore[arg-type]


@pytest.mark.sqlite_only
def test_a_new_database_is_private_to_its_user_and_so_is_its_new_directory(tmp_path: Path) -> None:
    path = tmp_path / "new-dir" / "inner" / "f.db"
    old_umask = os.umask(0o022)
    try:
        with engine.transaction(str(path)) as s:
            s.add_application(_application(), Stage.APPLIED)
            # The WAL and shared-memory files exist while a connection is open.
            companions = [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm")]
            modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in companions if p.exists()}
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700
    assert modes, "expected the -wal and -shm files during a transaction"
    assert set(modes.values()) == {0o600}


@pytest.mark.sqlite_only
def test_an_existing_directory_keeps_the_permissions_the_user_gave_it(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    with engine.transaction(str(tmp_path / "f.db")):
        pass
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o755


@pytest.mark.sqlite_only
def test_connections_use_wal_foreign_keys_and_a_busy_timeout(db: Path) -> None:
    with engine.transaction(str(db)) as s:
        conn = s._conn
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


@pytest.mark.sqlite_only
def test_every_write_transaction_takes_the_write_lock_up_front(db: Path) -> None:
    with engine.transaction(str(db)):
        other = _sqlite(db)
        other.execute("PRAGMA busy_timeout = 0")
        # With BEGIN IMMEDIATE held by us, another writer cannot even start.
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()


def test_a_failure_inside_a_transaction_writes_nothing(db: Path) -> None:
    class Boom(Exception):
        pass

    def add_then_fail() -> None:
        with engine.transaction(str(db)) as s:
            s.add_application(_application(), Stage.APPLIED)
            raise Boom

    with pytest.raises(Boom):
        add_then_fail()
    with engine.transaction(str(db), write=False) as s:
        assert s.histories() == []


def test_histories_come_back_whole_and_in_order(db: Path) -> None:
    with engine.transaction(str(db)) as s:
        app_id = s.add_application(_application(), Stage.APPLIED)
        second = s.add_touch(Touch(0, app_id, date(2026, 11, 24), Via.EMAIL, note="hi"))
        first = s.add_touch(Touch(0, app_id, date(2026, 11, 23), Via.NO_ANSWER, inbound=True))
        interview_id = s.add_interview(
            Interview(
                0,
                app_id,
                date(2026, 12, 1),
                date(2026, 11, 26),
                InterviewKind.SECOND,
                with_=("Kim", "Ali"),
                next_steps="panel",
            )
        )
    with engine.transaction(str(db), write=False) as s:
        history = s.history(app_id)
    assert [t.id for t in history.touches] == [second, first]  # order of entry
    assert history.touches[0].note == "hi"
    assert history.touches[1].inbound is True
    assert history.touches[1].via is Via.NO_ANSWER
    (interview,) = history.interviews
    assert interview.id == interview_id
    assert interview.with_ == ("Kim", "Ali")
    assert interview.kind is InterviewKind.SECOND
    assert interview.logged_on == date(2026, 11, 26)


def test_the_migrated_schema_is_the_schema_the_store_queries(db: Path) -> None:
    with engine.transaction(str(db)) as s:
        inspector = inspect(s._conn)
        for table in schema.metadata.sorted_tables:
            migrated = {c["name"] for c in inspector.get_columns(table.name)}
            assert migrated == set(table.columns.keys()), table.name


def test_each_migration_is_recorded_once(db: Path) -> None:
    with engine.transaction(str(db)):
        pass
    with engine.transaction(str(db)):
        pass
    with plain_engine(db).connect() as conn:
        rows = conn.execute(text("SELECT name FROM schema_migrations ORDER BY name")).all()
    assert [r[0] for r in rows] == [name for name, _ in migrations.MIGRATIONS]


def test_a_migration_that_fails_halfway_leaves_the_database_as_it_was(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with engine.transaction(str(db)) as s:
        s.add_application(_application(), Stage.APPLIED)

    def half_done(conn: object) -> None:
        conn.exec_driver_sql("CREATE TABLE half (x INTEGER)")  # type: ignore[attr-defined]
        conn.exec_driver_sql("UPDATE applications SET company = 'changed'")  # type: ignore[attr-defined]
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(
        migrations, "MIGRATIONS", [*migrations.MIGRATIONS, ("999_broken", half_done)]
    )
    monkeypatch.setattr(engine, "MIGRATIONS", migrations.MIGRATIONS)
    with pytest.raises(RuntimeError, match="disk on fire"):
        engine.open_database(str(db))
    with plain_engine(db).connect() as conn:
        assert "half" not in inspect(conn).get_table_names()
        assert conn.execute(text("SELECT company FROM applications")).all() == [("Acme",)]
        names = conn.execute(text("SELECT name FROM schema_migrations")).scalars().all()
    assert "999_broken" not in names


def test_a_database_from_a_newer_followup_is_refused_and_left_unchanged(
    db: Path, backend: str
) -> None:
    with engine.transaction(str(db)):
        pass
    with plain_engine(db).begin() as conn:
        conn.execute(text("INSERT INTO schema_migrations VALUES ('999_from_the_future', 'x')"))
    if backend == "sqlite":
        _sqlite(db).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
        before = _digest(db)
    with pytest.raises(NewerDatabase, match="999_from_the_future"):
        engine.open_database(str(db))
    if backend == "sqlite":
        assert _digest(db) == before
    with plain_engine(db).connect() as conn:
        assert "profile" in {c["name"] for c in inspect(conn).get_columns("applications")}
        applied = conn.execute(text("SELECT count(*) FROM schema_migrations")).scalar()
    assert applied == len(migrations.MIGRATIONS) + 1


@pytest.mark.sqlite_only
def test_a_file_that_is_not_a_database_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"my job search notes\n" * 100)
    before = _digest(path)
    with pytest.raises(NotOurDatabase, match="not a followup database"):
        engine.open_database(str(path))
    assert _digest(path) == before


@pytest.mark.sqlite_only
def test_another_programs_sqlite_database_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('soup')")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(NotOurDatabase, match="belongs to something else"):
        engine.open_database(str(path))
    assert _digest(path) == before
    assert not Path(f"{path}-wal").exists()


def test_due_reads_only_open_applications_whose_window_opens_in_time(db: Path) -> None:
    def window(earliest: date, latest: date) -> Window:
        return Window(earliest, latest, Action.CALL, "r")

    with engine.transaction(str(db)) as s:
        soon = s.add_application(_application(company="Soon"), Stage.APPLIED)
        later = s.add_application(_application(company="Later"), Stage.APPLIED)
        closed = s.add_application(
            _application(company="Closed", closed_on=date(2026, 11, 20)), Stage.CLOSED
        )
        waiting = s.add_application(_application(company="Waiting"), Stage.APPLIED)
        s.save_verdict(soon, Stage.APPLIED, window(date(2026, 11, 30), date(2026, 12, 4)), None)
        s.save_verdict(later, Stage.APPLIED, window(date(2027, 1, 4), date(2027, 1, 8)), None)
        s.save_verdict(closed, Stage.CLOSED, window(date(2026, 11, 30), date(2026, 12, 4)), None)
        s.save_verdict(waiting, Stage.APPLIED, None, "ball in their court")
    with engine.transaction(str(db), write=False) as s:
        due = s.due_standings(date(2026, 12, 3))
        holding, total = s.holding_off(date(2026, 12, 3), limit=1)
    assert [d.application.company for d in due] == ["Soon"]
    assert total == 2
    # Those with a date come before those waiting on the other side.
    assert [h.application.company for h in holding] == ["Later"]
