"""The database's files are never lost by a slip: an export over the database, a killed
backup, a read-only file made writable again, a path that cannot work, two terminals at
once (issue 11, items 2, 5, 6, 11 and 15).

Real files, and real processes where a signal matters. SQLite only: these are about files.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import stat
import subprocess
import threading
from pathlib import Path

import pytest

from followup.storage.files import make_private
from tests.cli.helpers import run, run_json
from tests.integration.test_crashes import _wait_for
from tests.integration.test_processes import FOLLOWUP


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _one_error_line(result: object, message: str) -> None:
    stderr = result.stderr  # type: ignore[attr-defined]
    assert stderr == f"Error: {message}\n", stderr


@pytest.fixture
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """jobs.db in the current folder, named relatively as a user types it."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FOLLOWUP_DB", "jobs.db")
    run("add", "Acme", "Analyst", "--phone", "555 0100")
    run("log-call", "1")
    return tmp_path / "jobs.db"


# --- item 2: export -o never overwrites the database -----------------------------------------


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["", "force"])
@pytest.mark.parametrize("fmt", ["ics", "csv", "json"])
@pytest.mark.parametrize("name", ["jobs.db", "./jobs.db", "jobs.db-wal", "jobs.db-shm", "link"])
def test_an_export_over_the_database_it_reads_is_refused(
    history: Path, fmt: str, name: str, force: list[str]
) -> None:
    """The reproducer: FOLLOWUP_DB=jobs.db followup export --format ics -o jobs.db."""
    (history.parent / "link").symlink_to(history)
    before = _digest(history)

    result = run("export", "--format", fmt, "-o", name, *force, code=1)

    _one_error_line(
        result,
        f"{Path(name)} is the database followup is using; it was left untouched. "
        "Choose another file",
    )
    assert _digest(history) == before
    assert (history.parent / "link").is_symlink()
    assert run_json("show", "1")["company"] == "Acme"


def test_an_export_over_a_hard_link_to_the_database_is_refused(history: Path) -> None:
    os.link(history, history.parent / "same.db")
    before = _digest(history)

    result = run("export", "--format", "ics", "-o", "same.db", code=1)

    assert "is the database followup is using" in result.stderr
    assert _digest(history) == before


def test_an_export_over_another_sqlite_database_needs_force(history: Path) -> None:
    run("backup", "copy.db")
    backup = history.parent / "copy.db"
    before = _digest(backup)

    refused = run("export", "--format", "csv", "-o", "copy.db", code=1)

    _one_error_line(
        refused,
        "copy.db is a SQLite database, perhaps a backup; it was left untouched. "
        "Choose another file, or give --force to replace it",
    )
    assert _digest(backup) == before
    run("export", "--format", "csv", "-o", "copy.db", "--force")
    assert backup.read_text(encoding="utf-8").startswith("id,company,")


def test_a_refused_export_writes_nothing_not_even_the_calendar_id(history: Path) -> None:
    conn = sqlite3.connect(history)
    meta = conn.execute("SELECT key FROM followup_meta ORDER BY key").fetchall()
    conn.close()

    run("export", "--format", "ics", "-o", "jobs.db", code=1)

    conn = sqlite3.connect(history)
    assert conn.execute("SELECT key FROM followup_meta ORDER BY key").fetchall() == meta
    conn.close()


def test_a_backup_over_the_database_itself_is_refused(history: Path) -> None:
    before = _digest(history)

    result = run("backup", "jobs.db", code=1)

    _one_error_line(
        result,
        "jobs.db is the database followup is using; it was left untouched. Choose another file",
    )
    assert _digest(history) == before


# --- item 5: a killed backup leaves nothing under the requested name -------------------------


@pytest.mark.slow
def test_a_backup_killed_before_it_is_complete_leaves_no_file_under_its_name(
    history: Path, tmp_path: Path
) -> None:
    marker = tmp_path / "ready"
    target = tmp_path / "saved" / "copy.db"
    child = subprocess.Popen(
        [*FOLLOWUP, "backup", str(target)],
        env={**os.environ, "FOLLOWUP_DB": str(history), "FOLLOWUP_TEST_PAUSE_FILE": str(marker)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        # The hook holds the backup after the copy is written and before it gets its name.
        _wait_for(marker)
        child.send_signal(signal.SIGKILL)
    finally:
        child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL
    assert not target.exists()
    # What is left is hidden, and says what it is: a copy that was never finished.
    (leftover,) = target.parent.iterdir()
    assert leftover.name.startswith(".copy.db.")
    assert leftover.name.endswith(".partial")

    # The same backup again completes, under the name asked for, whole.
    run("backup", str(target))
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT company FROM applications").fetchall() == [("Acme",)]
    conn.close()


# --- item 6: a read-only database stays read-only --------------------------------------------
# Tests may run as root, whom chmod does not stop from writing. followup reads the file's
# mode bits instead (and then opens it with SQLite's mode=ro), so these hold for any user.


def test_a_read_only_database_is_read_but_never_made_writable_or_written(history: Path) -> None:
    history.chmod(0o444)
    before = _digest(history)

    assert run_json("list")[0]["company"] == "Acme"
    assert run_json("show", "1")["company"] == "Acme"
    run("due")
    run("export", "--format", "csv")

    # Group and other lose their bits (it is private data); the owner gains nothing.
    assert _mode(history) == 0o400
    for args in (
        ["add", "Globex", "Engineer"],
        ["log-call", "1"],
        ["close", "1", "--outcome", "rejected"],
    ):
        result = run(*args, code=1)
        _one_error_line(
            result,
            "the database at jobs.db is read-only (the file or its folder cannot be written); "
            "it can be read but not changed",
        )
    assert _digest(history) == before
    assert _mode(history) == 0o400


def test_due_on_a_read_only_database_works_out_stale_next_contacts_in_memory(
    history: Path,
) -> None:
    run("add", "Globex", "Engineer", "--applied", "2026-11-16")
    expected = run("due").stdout
    conn = sqlite3.connect(history)
    with conn:
        # As after an upgrade that changed the rules: every stored verdict is out of date.
        conn.execute("UPDATE profiles SET rules_version = NULL")
        conn.execute("UPDATE applications SET next_earliest = NULL, next_latest = NULL")
    conn.close()
    history.chmod(0o400)
    before = _digest(history)

    assert run("due").stdout == expected
    assert _digest(history) == before


def test_a_database_in_a_read_only_folder_is_read_but_not_written(history: Path) -> None:
    folder = history.parent
    folder.chmod(0o555)
    try:
        assert run_json("list")[0]["company"] == "Acme"
        result = run("add", "Globex", "Engineer", code=1)
        assert "is read-only (the file or its folder cannot be written)" in result.stderr
    finally:
        folder.chmod(0o755)
    assert [a["company"] for a in run_json("list")] == ["Acme"]


def test_a_read_only_database_that_needs_an_upgrade_is_left_as_it_is(tmp_path: Path) -> None:
    old = Path(__file__).parents[1] / "fixtures" / "databases" / "001_initial.db"
    db = tmp_path / "old.db"
    db.write_bytes(old.read_bytes())
    db.chmod(0o400)
    before = _digest(db)

    result = run("--db", str(db), "list", code=1)

    _one_error_line(
        result,
        f"the database at {db} is read-only, and this followup must upgrade it first; "
        "make it writable, or use the followup that wrote it",
    )
    assert _digest(db) == before
    assert not (tmp_path / "backups").exists()


def test_making_files_private_takes_permissions_away_and_never_adds_any(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    for before, after in [(0o644, 0o600), (0o444, 0o400), (0o640, 0o600), (0o400, 0o400)]:
        db.write_bytes(b"")
        db.chmod(before)
        make_private(db)
        assert _mode(db) == after, oct(before)


# --- item 11 (files): a path that cannot work is one line, never exit 70 --------------------


def test_a_database_under_a_file_is_bad_input(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder")
    db = blocker / "jobs.db"

    result = run("--db", str(db), "list", code=2)

    _one_error_line(result, f"cannot open the database at {db}: {blocker} is a file, not a folder")
    assert blocker.read_text() == "not a folder"


def test_a_backup_under_a_file_is_bad_input(history: Path) -> None:
    (history.parent / "notes.txt").write_text("x")

    result = run("backup", "notes.txt/copy.db", code=2)

    _one_error_line(result, "cannot write notes.txt/copy.db: notes.txt is a file, not a folder")


@pytest.mark.parametrize(
    ("where", "message"),
    [
        # /sys refuses new files even to root: an honest "Permission denied".
        ("/sys/followup.db", "Permission denied"),
        # /proc refuses new folders: the folder cannot be made.
        (
            "/proc/followup-none/followup.db",
            "there is no folder /proc/followup-none, and it cannot be made",
        ),
    ],
)
def test_a_database_where_no_file_can_be_made_is_one_line(where: str, message: str) -> None:
    if not Path(where).parts[1:2] or not Path("/" + Path(where).parts[1]).is_dir():
        pytest.skip(f"no {Path(where).parts[1]} here")

    result = run("--db", where, "list", code=1)

    _one_error_line(result, f"cannot open the database at {where}: {message}")


# --- item 15: files another process removes under our feet ----------------------------------


def test_making_files_private_while_another_process_removes_them_never_fails(
    tmp_path: Path,
) -> None:
    """SQLite removes -wal and -shm when the last connection closes, at any moment: here a
    thread creates and removes them as fast as it can while they are made private."""
    db = tmp_path / "a.db"
    db.write_bytes(b"")
    stop = threading.Event()

    def churn() -> None:
        while not stop.is_set():
            for suffix in ("-wal", "-shm"):
                companion = Path(f"{db}{suffix}")
                fd = os.open(companion, os.O_CREAT | os.O_WRONLY, 0o644)
                os.close(fd)
                companion.chmod(0o644)  # as another process under umask 022 would make it
                companion.unlink()

    thread = threading.Thread(target=churn)
    thread.start()
    try:
        for _ in range(20_000):
            make_private(db)
    finally:
        stop.set()
        thread.join()
