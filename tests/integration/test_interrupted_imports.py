"""Ctrl-C in the middle of the biggest writes: an import and a restore (issue 5, promise 1).

The test-only pause hook (FOLLOWUP_TEST_PAUSE_FILE) holds the command after every row is
inserted and before the commit; SIGINT then must leave no row of it behind.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.cli.helpers import run
from tests.integration.test_crashes import _checks, _wait_for
from tests.integration.test_processes import FOLLOWUP, followup
from tests.interrupts import as_at_a_terminal

pytestmark = pytest.mark.slow

ROWS = 200
RESTORED = 30


def _interrupted(args: list[str], marker: Path, env: dict[str, str] | None = None) -> None:
    child = subprocess.Popen(
        [*FOLLOWUP, *args],
        env={**os.environ, **(env or {}), "FOLLOWUP_TEST_PAUSE_FILE": str(marker)},
        preexec_fn=as_at_a_terminal,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _wait_for(marker)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=30)
    assert child.returncode == 130, err
    assert err == "Error: interrupted; nothing was saved\n"
    assert "Traceback" not in out + err


def _counts(db: Path) -> dict[str, int]:
    conn = _checks(db)
    try:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if r[0] != "schema_migrations" and not r[0].startswith("sqlite_")
        ]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


def test_ctrl_c_during_a_spreadsheet_import_adds_no_row(db: Path, tmp_path: Path) -> None:
    assert followup("add", "Acme", "Analyst").returncode == 0
    before = _counts(db)
    sheet = tmp_path / "sheet.csv"
    lines = [f"Company {n},Analyst,2026-11-{1 + n % 25:02d},555 {n:04d}" for n in range(ROWS)]
    sheet.write_text("company,role,applied,phone\n" + "\n".join(lines) + "\n", encoding="utf-8")
    _interrupted(["import", str(sheet)], tmp_path / "ready")
    assert _counts(db) == before
    # The same import, not interrupted, adds every row: the pause was all that held it back.
    assert followup("import", str(sheet)).returncode == 0
    assert _counts(db)["applications"] == before["applications"] + ROWS


def test_ctrl_c_during_a_restore_leaves_the_new_database_empty(db: Path, tmp_path: Path) -> None:
    for n in range(RESTORED):
        run("add", f"Company {n}", "Analyst", "--phone", f"555 {n:04d}")
    run("log-call", "1", "--via", "email")
    run("interview", "2", "--on", "2026-11-27", "--with", "Kim", "--with", "Ali")
    backup = tmp_path / "everything.json"
    run("export", "-o", str(backup))
    fresh = tmp_path / "fresh.db"
    assert followup("--db", str(fresh), "list").returncode == 0
    empty = _counts(fresh)
    _interrupted(["--db", str(fresh), "import", str(backup)], tmp_path / "ready")
    assert _counts(fresh) == empty
    assert all(count == 0 for table, count in empty.items() if table != "followup_meta")
    assert followup("--db", str(fresh), "import", str(backup)).returncode == 0
    restored = sqlite3.connect(fresh).execute("SELECT count(*) FROM applications").fetchone()
    assert restored == (RESTORED,)
