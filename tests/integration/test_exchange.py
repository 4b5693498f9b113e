"""Import and export against real SQLite files: the full backup row by row, bulk imports."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, event

from followup.domain import rules
from followup.errors import BadInput, Refused
from followup.services import applications as services
from followup.services import exchange
from followup.storage import engine
from followup.storage.engine import transaction
from followup.storage.exchange import ExchangeStore
from tests.cli.helpers import run

TODAY = date(2026, 11, 26)


def _rich_database() -> None:
    """Every kind of row, a deleted touch and a snooze, through the real commands."""
    run(
        "add",
        "Acme",
        "Data Analyst",
        "--applied",
        "2026-11-18",
        "--contact",
        "Jane Doe",
        "--phone",
        "+1 555 0100",
        "--pitch",
        "SQL reporting",
        "--note",
        "line one\nline two",
    )
    run("add", "Globex", "BI Developer", "--applied", "2026-11-23", "--email", "s@globex.example")
    run("add", "Initech", "Analyst", "--applied", "2026-11-09", "--do-not-call", "--url", "u")
    run("log-call", "1", "--on", "2026-11-24", "--note", "voicemail")
    run("log-call", "1", "--on", "2026-11-25", "--via", "email", "--inbound")
    run("log-call", "2", "--on", "2026-11-25", "--via", "email")
    run("delete-touch", "3")  # the highest touch id: used up, never given out again
    run(
        "interview",
        "1",
        "--on",
        "2026-11-26",
        "--with",
        "Jane Doe",
        "--with",
        "Raj Patel",
        "--next-steps",
        "panel",
        "--prefers",
        "email",
    )
    run("interview", "1", "--on", "2026-12-03", "--kind", "second")
    run("edit", "1", "--competitor", "Globex", "--market-problem", "stale dashboards")
    run("asked", "1", "What keeps you here?", "--to", "Jane Doe", "--answer", "the people")
    run("article", "1", "https://example.com/a", "--title", "Dashboards that last")
    run("close", "3", "--outcome", "rejected")
    run("snooze", "2", "--until", "2026-12-10")
    run("due")  # records the rules version
    run("export", "--format", "ics")  # records the calendar's id


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, as SQLite itself holds it, counters included."""
    conn = sqlite3.connect(path)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        found = {}
        for name in names:
            # When a migration ran differs between the two; which ones ran must not.
            columns = "name" if name == "schema_migrations" else "*"
            found[name] = sorted(conn.execute(f"SELECT {columns} FROM {name}"), key=repr)
        return found
    finally:
        conn.close()


def _written(tmp_path: Path, text: str) -> Path:
    """A backup's text as the file ``restore_backup`` reads."""
    path = tmp_path / "backup.json"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_backup_restores_every_row_of_every_table_exactly(tmp_path: Path, db: Path) -> None:
    _rich_database()
    backup = _written(tmp_path, exchange.export_backup(str(db), TODAY).data.decode())
    restored = tmp_path / "restored.db"
    exchange.restore_backup(str(restored), TODAY, backup, dry_run=False)
    original, copy = _dump(db), _dump(restored)
    _without_journal(original, copy)
    assert set(original) == set(copy)
    for table in original:
        assert copy[table] == original[table], table
    # Nothing was left out for lack of rows in the original.
    for table in ("touches", "interviewers", "questions_asked", "articles", "application_details"):
        assert original[table], table
    # Touch 3 was deleted: its id stays used up in the copy too.
    assert ("touches", 3) in copy["sqlite_sequence"]
    assert max(row[0] for row in copy["touches"]) == 2


def test_a_backup_whose_tables_come_children_first_restores_the_same(
    tmp_path: Path, db: Path
) -> None:
    """The file is read a row at a time, in its own order; the rows go in parents first."""
    _rich_database()
    document = json.loads(exchange.export_backup(str(db), TODAY).data)
    document["tables"] = dict(reversed(document["tables"].items()))
    restored = tmp_path / "restored.db"
    exchange.restore_backup(
        str(restored), TODAY, _written(tmp_path, json.dumps(document)), dry_run=False
    )
    original, copy = _dump(db), _dump(restored)
    _without_journal(original, copy)
    for table in original:
        assert copy[table] == original[table], table


def _without_journal(*dumps: dict[str, list[tuple[object, ...]]]) -> None:
    """The undo journal is no part of a backup: the restore starts a new history."""
    for dump in dumps:
        del dump["undo_journal"]
        dump["sqlite_sequence"] = [r for r in dump["sqlite_sequence"] if r[0] != "undo_journal"]


def test_a_restored_database_hands_out_new_ids_after_the_old_ones(tmp_path: Path, db: Path) -> None:
    _rich_database()
    restored = tmp_path / "restored.db"
    exchange.restore_backup(
        str(restored),
        TODAY,
        _written(tmp_path, exchange.export_backup(str(db), TODAY).data.decode()),
        dry_run=False,
    )
    logged = services.log_touch(
        str(restored), TODAY, 2, services.NewTouch(on=TODAY, via=services.Via.EMAIL)
    )
    assert logged.touch.id == 4  # touch 3 was given out once, then deleted


def test_calendar_uids_survive_the_move_to_another_machine(tmp_path: Path, db: Path) -> None:
    _rich_database()
    stamp = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
    before = exchange.export_calendar(str(db), TODAY, stamp, None).data
    restored = tmp_path / "restored.db"
    exchange.restore_backup(
        str(restored),
        TODAY,
        _written(tmp_path, exchange.export_backup(str(db), TODAY).data.decode()),
        dry_run=False,
    )
    assert exchange.export_calendar(str(restored), TODAY, stamp, None).data == before


def test_a_restore_that_breaks_a_link_saves_nothing(tmp_path: Path, db: Path) -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-18")
    run("log-call", "1", "--on", "2026-11-24")
    text = exchange.export_backup(str(db), TODAY).data.decode()
    broken = text.replace('"application_id": 1', '"application_id": 7')
    restored = tmp_path / "restored.db"
    with pytest.raises(
        BadInput,
        match=r"^touches\[0\]\.application_id: 7 is not the id of any row of applications "
        r"in the backup; nothing was restored$",
    ):
        exchange.restore_backup(str(restored), TODAY, _written(tmp_path, broken), dry_run=False)
    with transaction(str(restored), write=False) as s:
        assert not any(ExchangeStore(s).rows_held().values())


def test_a_backup_from_a_newer_followup_is_refused(tmp_path: Path, db: Path) -> None:
    text = exchange.export_backup(str(db), TODAY).data.decode()
    newer = text.replace('"migrations": [', '"migrations": ["999_future", ')
    with pytest.raises(Refused, match=r"newer followup .* '999_future'"):
        exchange.restore_backup(
            str(tmp_path / "new.db"), TODAY, _written(tmp_path, newer), dry_run=False
        )


def _sheet(rows: int, start: int = 1) -> str:
    lines = ["company,role,applied,contact,phone,email"]
    for n in range(start, start + rows):
        applied = TODAY - timedelta(days=n % 540 + 1)
        lines.append(f"Company {n},Engineer,{applied},Sam Lee,+1 555 {n:07d},hr{n}@example.com")
    return "\n".join(lines) + "\n"


def test_imported_verdicts_are_what_the_rules_say(db: Path) -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-18")
    result = exchange.import_spreadsheet(str(db), TODAY, _sheet(50), {}, None, dry_run=False)
    assert len(result.added) == 50
    report = services.doctor(str(db), TODAY)
    assert report.problems == ()
    assert report.checked == 51


def test_the_rules_version_is_recorded_only_when_the_profile_was_empty(
    tmp_path: Path, db: Path
) -> None:
    exchange.import_spreadsheet(str(db), TODAY, _sheet(3), {}, None, dry_run=False)
    with transaction(str(db), write=False) as s:
        assert s.verdicts_version() == rules.RULES_VERSION
    other = tmp_path / "other.db"
    run("--db", str(other), "add", "Acme", "Analyst")
    exchange.import_spreadsheet(str(other), TODAY, _sheet(3), {}, None, dry_run=False)
    with transaction(str(other), write=False) as s:
        # Stored verdicts from before may be stale; `due` works them out again as usual.
        assert s.verdicts_version() is None


def test_a_dry_run_writes_nothing(db: Path) -> None:
    result = exchange.import_spreadsheet(str(db), TODAY, _sheet(5), {}, None, dry_run=True)
    assert len(result.added) == 5
    with transaction(str(db), write=False) as s:
        assert ExchangeStore(s).rows_held()["applications"] == 0


def test_a_big_sheet_goes_in_whole_in_one_transaction(db: Path) -> None:
    """Every row in, in one write transaction. How long 100,000 rows take, and how much
    memory, is a figure for bench/import_rows.py, not an assertion here."""
    exchange.import_spreadsheet(str(db), TODAY, _sheet(1), {}, None, dry_run=False)
    writes: list[bool] = []

    def committed(conn: Connection) -> None:
        writes.append(bool(conn.get_execution_options().get("followup_write")))

    event.listen(Engine, "commit", committed)
    try:
        result = exchange.import_spreadsheet(
            str(db), TODAY, _sheet(5_000, start=2), {}, None, dry_run=False
        )
    finally:
        event.remove(Engine, "commit", committed)
    assert len(result.added) == 5_000
    assert writes.count(True) == 1
    with engine.transaction(str(db), write=False) as s:
        assert ExchangeStore(s).rows_held()["applications"] == 5_001
