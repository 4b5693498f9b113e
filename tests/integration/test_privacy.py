"""Private to the user: files 0600, directories followup creates 0700, no logs (issue 5, promise 6).

Real processes with the permissive umask most systems ship (022): whatever the umask lets
through, followup must not. The database lives in the default data directory (platformdirs
under ``XDG_DATA_HOME``), which does not exist before the first command, so followup creates it.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
from pathlib import Path

import pytest

from tests.integration.test_crashes import _wait_for
from tests.integration.test_processes import FOLLOWUP
from tests.interrupts import as_at_a_terminal

pytestmark = pytest.mark.slow

UMASK = 0o022
PHONE = "+1 555 0100"
EMAIL = "jane.doe@acme.test"
# One file of each format `followup export` writes (issue 4).
EXPORTS = ("calendar.ics", "sheet.csv", "everything.json")


def _mode(path: Path) -> str:
    return oct(stat.S_IMODE(path.stat().st_mode))


class Session:
    """A user's shell: HOME, XDG and TMPDIR inside ``tmp_path``, umask 022, no FOLLOWUP_DB."""

    def __init__(self, tmp_path: Path) -> None:
        self.root = tmp_path
        self.xdg = tmp_path / "xdg-data"
        self.data_dir = self.xdg / "followup"
        self.db = self.data_dir / "followup.db"
        self.home = tmp_path / "home"
        self.tmp = tmp_path / "tmp"
        self.work = tmp_path / "work"
        for folder in (self.home, self.tmp, self.work):
            folder.mkdir()
        self.env = {k: v for k, v in os.environ.items() if k != "FOLLOWUP_DB"}
        self.env |= {"XDG_DATA_HOME": str(self.xdg), "HOME": str(self.home)}
        self.env |= {"TMPDIR": str(self.tmp)}

    def popen(self, *args: str, **env: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [*FOLLOWUP, *args],
            cwd=self.work,
            env=self.env | env,
            umask=UMASK,
            preexec_fn=as_at_a_terminal,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def run(self, *args: str) -> str:
        child = self.popen(*args)
        out, err = child.communicate(timeout=60)
        assert child.returncode == 0, f"{args}: exit {child.returncode}\n{out}\n{err}"
        return out


def test_files_are_private_and_nothing_else_is_written_under_umask_022(tmp_path: Path) -> None:
    user = Session(tmp_path)
    assert not user.xdg.exists()

    user.run("add", "Acme", "Data Analyst", "--contact", "Jane Doe", "--phone", PHONE)
    user.run("add", "Globex", "Engineer", "--email", EMAIL)
    # Every directory followup had to create, up to the data directory, is the user's alone.
    assert _mode(user.xdg) == "0o700"
    assert _mode(user.data_dir) == "0o700"
    assert _mode(user.db) == "0o600"

    # Hold a write open before its commit: its -wal and -shm files exist now, made under 022.
    marker = tmp_path / "ready"
    writer = user.popen("log-call", "1", FOLLOWUP_TEST_PAUSE_FILE=str(marker))
    try:
        _wait_for(marker)
        for suffix in ("-wal", "-shm"):
            companion = Path(f"{user.db}{suffix}")
            assert companion.exists(), f"{companion} should exist while a write is open"
            assert _mode(companion) == "0o600", companion

        # Backups taken meanwhile: the default folder and a new folder of the user's choosing.
        user.run("backup")
        user.run("backup", "saved/copies/followup-copy.db")
    finally:
        writer.send_signal(signal.SIGINT)
        writer.communicate(timeout=60)
    assert writer.returncode == 130
    # (Not meanwhile: the first calendar export writes the calendar's id, so it waits its turn.)
    for name in EXPORTS:
        user.run("export", "-o", name)

    backups = user.data_dir / "backups"
    assert _mode(backups) == "0o700"
    (default_copy,) = backups.iterdir()
    assert _mode(default_copy) == "0o600"
    assert _mode(user.work / "saved") == "0o700"
    assert _mode(user.work / "saved" / "copies") == "0o700"
    assert _mode(user.work / "saved" / "copies" / "followup-copy.db") == "0o600"
    exported = [user.work / name for name in EXPORTS]
    for path in exported:
        assert _mode(path) == "0o600", path
    assert _mode(user.db) == "0o600"

    # No logs, caches or stray copies: the data directory holds the database and backups/,
    # and nothing else anywhere in this user's world mentions the phone number or the email.
    left = {p.name for p in user.data_dir.iterdir()}
    assert left <= {"followup.db", "followup.db-wal", "followup.db-shm", "backups"}, left
    assert {p.name for p in user.xdg.iterdir()} == {"followup"}
    assert list(user.home.iterdir()) == []
    assert list(user.tmp.iterdir()) == []
    ours = {marker, *exported, default_copy, user.work / "saved/copies/followup-copy.db"}
    for path in tmp_path.rglob("*"):
        if path.is_file() and path not in ours and not path.name.startswith("followup.db"):
            data = path.read_bytes()
            assert PHONE.encode() not in data, path
            assert EMAIL.encode() not in data, path


def test_an_export_replacing_a_readable_file_makes_it_private(tmp_path: Path) -> None:
    user = Session(tmp_path)
    user.run("add", "Acme", "Data Analyst", "--phone", PHONE)
    for name in EXPORTS:
        target = user.work / name
        target.write_text("old")
        target.chmod(0o644)
        user.run("export", "-o", name)
        assert _mode(target) == "0o600", target
        assert target.read_text(encoding="utf-8") != "old"


def test_a_database_in_a_new_folder_given_with_db_gets_private_folders(tmp_path: Path) -> None:
    user = Session(tmp_path)
    db = tmp_path / "new" / "deeper" / "jobs.db"
    user.run("--db", str(db), "add", "Acme", "Analyst", "--phone", PHONE)
    assert _mode(tmp_path / "new") == "0o700"
    assert _mode(tmp_path / "new" / "deeper") == "0o700"
    assert _mode(db) == "0o600"
    assert sorted(p.name for p in db.parent.iterdir()) == ["jobs.db"]
