"""Upgrades never lose data: every schema version that landed is upgraded to the latest."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from followup.domain import rules
from followup.profiles import profile_in_use
from followup.services import morning
from followup.storage import engine, migrations

FIXTURES = sorted((Path(__file__).parents[1] / "fixtures" / "databases").glob("*.db"))
FIXTURES_BY_NAME = {path.stem: path for path in FIXTURES}


def _rows(path: Path) -> dict[str, list[dict[str, Any]]]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    tables = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not r[0].startswith("sqlite_") and r[0] != "schema_migrations"
    ]
    data = {t: [dict(r) for r in conn.execute(f'SELECT * FROM "{t}" ORDER BY 1')] for t in tables}
    conn.close()
    return data


def test_there_is_a_fixture_for_every_migration_but_those_not_yet_landed() -> None:
    names = {p.stem for p in FIXTURES}
    assert "001_initial" in names
    assert names <= {name for name, _ in migrations.MIGRATIONS}


@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_upgrading_an_old_database_keeps_every_value(fixture: Path, tmp_path: Path) -> None:
    path = tmp_path / "followup.db"
    shutil.copy(fixture, path)
    before = _rows(path)
    assert any(before.values()), "a fixture must hold data"

    engine.open_database(str(path)).dispose()

    after = _rows(path)
    for table, rows in before.items():
        if table == "followup_meta":
            continue  # the rules version may be moved on by design
        kept = [{k: row[k] for k in rows[0]} for row in after[table]] if rows else []
        assert kept == rows, table
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    applied = [r[0] for r in conn.execute("SELECT name FROM schema_migrations")]
    assert applied == [name for name, _ in migrations.MIGRATIONS]


def test_an_upgrade_of_a_database_with_data_keeps_a_backup_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "followup.db"
    shutil.copy(FIXTURES[0], path)
    engine.open_database(str(path)).dispose()
    # That first open may have upgraded the fixture, and backed it up, within this second.
    shutil.rmtree(tmp_path / "backups", ignore_errors=True)
    original = _rows(path)

    def add_column(conn: Any) -> None:
        conn.exec_driver_sql("ALTER TABLE applications ADD COLUMN later TEXT")

    monkeypatch.setattr(engine, "MIGRATIONS", [*migrations.MIGRATIONS, ("999_later", add_column)])
    engine.open_database(str(path)).dispose()

    (backup,) = (tmp_path / "backups").glob("before-upgrade-*.db")
    assert oct(backup.stat().st_mode & 0o777) == "0o600"
    assert _rows(backup) == original
    names = [r[0] for r in sqlite3.connect(backup).execute("SELECT name FROM schema_migrations")]
    assert "999_later" not in names


def test_a_new_empty_database_is_not_backed_up(tmp_path: Path) -> None:
    engine.open_database(str(tmp_path / "followup.db")).dispose()
    assert not (tmp_path / "backups").exists()


def test_the_upgrade_to_profile_settings_gives_each_profile_the_version_its_verdicts_had(
    tmp_path: Path,
) -> None:
    path = tmp_path / "followup.db"
    shutil.copy(FIXTURES_BY_NAME["004_profiles"], path)
    engine.open_database(str(path)).dispose()

    data = _rows(path)
    before = data["applications"]
    # No settings recorded yet (no machine's file was read), the old version on each.
    assert data["profiles"] == [
        {"profile": "coached", "settings": None, "rules_version": "1"},
        {"profile": "default", "settings": None, "rules_version": "1"},
    ]
    assert [row["key"] for row in data["followup_meta"]] == []
    # The rules have changed since version 1 (they know when an application has gone
    # quiet), so the morning view of one profile works that profile's verdicts out again
    # once, and no other profile's.
    with profile_in_use("coached"):
        morning.due(str(path), date(2026, 11, 26), 7)
    after = _rows(path)
    assert after["profiles"] == [
        {
            "profile": "coached",
            "settings": after["profiles"][0]["settings"],
            "rules_version": rules.RULES_VERSION,
        },
        {"profile": "default", "settings": None, "rules_version": "1"},
    ]
    untouched = [row for row in before if row["profile"] == "default"]
    assert [row for row in after["applications"] if row["profile"] == "default"] == untouched
