"""Two imports (or restores) of one file into one profile at the same moment (issue 11, item 3).

Each must decide what is new from what the other has committed, never from a view that
misses the other's rows: the second skips what the first wrote, on PostgreSQL as on SQLite.
The race is made certain, not left to timing: the first command is held after its inserts
and before its commit (the test-only pause hook), the second is started and seen waiting
for it (or seen finished, which is the bug), and only then is the first let go.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.cli.helpers import run
from tests.integration.test_crashes import _wait_for
from tests.integration.test_processes import FOLLOWUP
from tests.postgres import fresh_database, plain_engine, server_url

pytestmark = pytest.mark.slow

ROWS = 300
RESTORED = 20
# The second command waits for the first as long as the test holds it, never giving up.
PATIENT = {"FOLLOWUP_BUSY_TIMEOUT_MS": "60000"}


def _start(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*FOLLOWUP, *args],
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _waiting_or_done(child: subprocess.Popen[str], db: Path | str) -> None:
    """Until ``child`` waits for a lock in ``db``, or has finished without waiting."""
    location = str(db)
    deadline = time.monotonic() + 60
    while child.poll() is None:
        assert time.monotonic() < deadline, "the second command neither waited nor finished"
        if "://" in location:
            with plain_engine(location).connect() as conn:
                waiting = conn.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                    )
                ).scalar()
            if waiting:
                return
        else:
            # SQLite makes no wait visible from outside; once the second command has the
            # file open, its BEGIN IMMEDIATE follows and must wait for the first's commit.
            fds = Path(f"/proc/{child.pid}/fd")
            if not fds.is_dir():
                return
            with_file = []
            for fd in fds.iterdir():
                try:
                    with_file.append(os.readlink(fd))
                except OSError:
                    continue  # closed meanwhile
            if location in with_file:
                return
        time.sleep(0.02)


def _at_once(
    tmp_path: Path, first: list[str], second: list[str], db: Path | str
) -> tuple[subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]]:
    """Run ``first`` held before its commit, ``second`` meanwhile; then let the first commit."""
    marker = tmp_path / "first-ready"
    holder = _start(*first, env={"FOLLOWUP_TEST_PAUSE_FILE": str(marker)})
    try:
        _wait_for(marker, 60)
        other = _start(*second, env=PATIENT)
        _waiting_or_done(other, db)
    finally:
        Path(f"{marker}.go").touch()
    out, err = holder.communicate(timeout=120)
    done_first = subprocess.CompletedProcess(first, holder.returncode, out, err)
    out, err = other.communicate(timeout=120)
    return done_first, subprocess.CompletedProcess(second, other.returncode, out, err)


def _count(db: Path | str, profile: str | None = None) -> int:
    query = "SELECT count(*) FROM applications"
    if profile is not None:
        query += " WHERE profile = :profile"
    engine = plain_engine(db)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(query), {"profile": profile}).scalar_one())
    finally:
        engine.dispose()


def _sheet(tmp_path: Path) -> Path:
    sheet = tmp_path / "sheet.csv"
    lines = [f"Company {n},Analyst,2026-11-{1 + n % 25:02d},555 {n:04d}" for n in range(ROWS)]
    sheet.write_text("company,role,applied,phone\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return sheet


def test_two_imports_of_one_sheet_at_once_add_each_row_once(db: Path | str, tmp_path: Path) -> None:
    command = ["import", str(_sheet(tmp_path)), "--json"]

    first, second = _at_once(tmp_path, command, command, db)

    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    assert _count(db) == ROWS
    reports = [json.loads(done.stdout) for done in (first, second)]
    assert [(r["imported"], r["skipped"]) for r in reports] == [(ROWS, 0), (0, ROWS)]


def test_an_import_while_an_add_is_under_way_skips_the_row_it_adds(
    db: Path | str, tmp_path: Path
) -> None:
    add = ["add", "Company 7", "Analyst", "--applied", "2026-11-08", "--phone", "555 0007"]

    first, second = _at_once(tmp_path, add, ["import", str(_sheet(tmp_path)), "--json"], db)

    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    assert _count(db) == ROWS
    assert json.loads(second.stdout)["skipped"] == 1


@pytest.fixture
def backup(tmp_path: Path) -> Path:
    """A full backup of RESTORED applications, one with a touch and one with an interview."""
    for n in range(RESTORED):
        run("add", f"Company {n}", "Analyst", "--phone", f"555 {n:04d}")
    run("log-call", "1", "--via", "email")
    run("interview", "2", "--on", "2026-11-27", "--with", "Kim")
    path = tmp_path / "everything.json"
    run("export", "-o", str(path))
    return path


@pytest.fixture
def empty_db(tmp_path: Path, backend: str) -> Iterator[Path | str]:
    """A second, empty database on the same backend, to restore into."""
    if backend == "sqlite":
        yield tmp_path / "empty.db"
        return
    server = server_url()
    assert server is not None
    with fresh_database(server) as url:
        yield url


def test_two_restores_of_one_backup_at_once_restore_it_once(
    backup: Path, empty_db: Path | str, tmp_path: Path
) -> None:
    command = ["--db", str(empty_db), "import", str(backup)]

    first, second = _at_once(tmp_path, command, command, empty_db)

    assert first.returncode == 0, first.stderr
    assert second.returncode == 1, second.stderr
    assert second.stderr == (
        f"Error: the database already holds {RESTORED} applications; "
        "restore a backup only into a new, empty one (--db NEW_FILE)\n"
    )
    assert _count(empty_db) == RESTORED


def test_restores_into_two_profiles_of_an_empty_database_at_once_both_succeed(
    backup: Path, empty_db: Path | str, tmp_path: Path
) -> None:
    """Into an empty database a restore keeps the backup's ids; the other profile's restore,
    waiting for it, then finds the ids taken and gives its rows new ones."""
    into = ["--db", str(empty_db), "import", str(backup)]

    first, second = _at_once(
        tmp_path, ["--profile", "a", *into], ["--profile", "b", *into], empty_db
    )

    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    assert (_count(empty_db, "a"), _count(empty_db, "b")) == (RESTORED, RESTORED)
    listed = json.loads(run("--db", str(empty_db), "--profile", "b", "list", "--json").stdout)
    assert sorted(a["company"] for a in listed) == sorted(f"Company {n}" for n in range(RESTORED))


def test_two_first_calendar_exports_at_once_agree_on_the_calendar(
    db: Path | str, tmp_path: Path
) -> None:
    """The first export gives the calendar its id; one made meanwhile must use the same,
    or a calendar app subscribed to either file sees every event replaced."""
    add = ["add", "Acme", "Analyst", "--applied", "2026-11-24", "--phone", "555 0100"]
    assert run(*add).exit_code == 0
    files = [tmp_path / "first.ics", tmp_path / "second.ics"]
    commands = [["export", "--format", "ics", "-o", str(file)] for file in files]

    first, second = _at_once(tmp_path, *commands, db)

    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    uids = [
        {line for line in file.read_text().splitlines() if line.startswith("UID:")}
        for file in files
    ]
    assert uids[0] == uids[1]
    assert len(uids[0]) == 2  # the calendar's and the follow-up's
