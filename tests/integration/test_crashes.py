"""Nothing is lost: Ctrl-C, a killed process, backups while writing, a damaged file.

Real processes and real signals; nothing here is mocked.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest

from followup.services import applications as services
from tests.cli.helpers import run, run_json
from tests.integration.test_processes import FOLLOWUP, followup
from tests.interrupts import as_at_a_terminal

TODAY = date(2026, 11, 26)

pytestmark = pytest.mark.slow


def _wait_for(path: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if time.monotonic() > deadline:
            raise AssertionError(f"{path} never appeared")
        time.sleep(0.02)


def _checks(db: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    return conn


def test_ctrl_c_before_commit_exits_130_and_writes_nothing(db: Path, tmp_path: Path) -> None:
    run("add", "Acme", "Analyst")  # the starting point; the process under test comes next
    marker = tmp_path / "ready"
    child = subprocess.Popen(
        [*FOLLOWUP, "interview", "1", "--on", "2026-12-02", "--with", "Kim", "--with", "Ali"],
        env={**os.environ, "FOLLOWUP_TEST_PAUSE_FILE": str(marker)},
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
    assert out == ""
    conn = _checks(db)
    assert conn.execute("SELECT count(*) FROM interviews").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM interviewers").fetchone() == (0,)
    assert conn.execute("SELECT stage FROM applications").fetchone() == ("applied",)
    # Without the signal the same command commits: the pause hook is all that held it.
    assert followup("interview", "1", "--on", "2026-12-02", "--with", "Kim").returncode == 0


BATCHES = textwrap.dedent(
    """
    import sys
    from datetime import date
    from followup.services import applications as services
    from followup.domain.models import InterviewKind
    db = sys.argv[1]
    for n in range(100_000):
        services.record_interview(
            db, date(2026, 11, 26), 1, date(2026, 12, 1), InterviewKind.SECOND,
            services.InterviewDetails(with_=(f"a{n}", f"b{n}", f"c{n}", f"d{n}")),
        )
    """
)


def test_a_process_killed_at_random_moments_leaves_every_batch_whole_or_absent(
    db: Path,
) -> None:
    run("add", "Acme", "Analyst")
    chance = random.Random(20261126)
    kills = 12
    for _ in range(kills):
        child = subprocess.Popen([sys.executable, "-c", BATCHES, str(db)])
        time.sleep(0.4 + chance.random() * 0.6)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        assert child.returncode == -signal.SIGKILL
        conn = _checks(db)
        sizes = conn.execute(
            "SELECT i.id, count(p.id) FROM interviews i "
            "LEFT JOIN interviewers p ON p.interview_id = i.id GROUP BY i.id"
        ).fetchall()
        assert all(size == 4 for _, size in sizes), sizes
        conn.close()
    done = sqlite3.connect(db).execute("SELECT count(*) FROM interviews").fetchone()[0]
    assert done > 0, "the child never committed a batch: the test proved nothing"


WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date
    from followup.services import applications as services
    db, stop = sys.argv[1], sys.argv[2]
    from pathlib import Path
    n = 0
    while not Path(stop).exists():
        services.log_touch(db, date(2026, 11, 26), 1, services.NewTouch(
            date(2026, 11, 26), note=f"n{n:06d}"))
        n += 1
    """
)


def test_a_backup_taken_while_another_process_writes_is_consistent(
    db: Path, tmp_path: Path
) -> None:
    run("add", "Acme", "Analyst")
    stop = tmp_path / "stop"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(stop)])
    try:
        copies = []
        for n in range(4):
            time.sleep(0.5)
            target = tmp_path / f"copy{n}.db"
            done = followup("backup", str(target))
            assert done.returncode == 0, done.stderr
            copies.append(target)
    finally:
        stop.touch()
        writer.wait(timeout=60)
    counts = []
    for copy in copies:
        assert oct(copy.stat().st_mode & 0o777) == "0o600"
        conn = _checks(copy)
        notes = [r[0] for r in conn.execute("SELECT note FROM touches ORDER BY id")]
        # Only committed data, and all of it up to a point: no gaps, no half-written touch.
        assert notes == [f"n{n:06d}" for n in range(len(notes))]
        counts.append(len(notes))
    assert counts == sorted(counts)
    assert counts[-1] > 0


def test_doctor_finds_a_damaged_database_and_says_so_in_one_line(db: Path) -> None:
    for n in range(30):
        new = services.NewApplication(f"Company {n}", "Analyst", TODAY, note="x" * 500)
        services.add_application(str(db), TODAY, new)
    assert followup("doctor").returncode == 0
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    # Flip the headers of the later pages, leaving the file header (page 1) intact.
    for start in range(page * 2, len(data), page):
        for offset in range(start, start + 12):
            data[offset] ^= 0xFF
    db.write_bytes(bytes(data))
    done = followup("doctor")
    assert done.returncode != 0
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert done.stderr.startswith("Error: ")
    assert "Traceback" not in done.stderr


def test_doctor_reports_a_database_others_can_read(db: Path) -> None:
    run("add", "Acme", "Analyst")
    db.chmod(0o644)
    done = followup("doctor")
    assert done.returncode == 1
    assert f"problem: {db} could be read by others (mode 0o644); now private" in done.stdout
    assert oct(db.stat().st_mode & 0o777) == "0o600"
    assert done.stderr == "Error: 1 problem(s) found; see above\n"


def test_doctor_passes_a_healthy_database(db: Path) -> None:
    run("add", "Acme", "Analyst", "--phone", "555")
    run("log-call", "1")
    done = followup("doctor")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == "All checks passed (1 application).\n"
    assert len(run_json("show", "1")["touches"]) == 1
