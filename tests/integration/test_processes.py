"""What only real processes show: exit codes, start-up imports, two writers at once, a busy lock."""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from followup.storage import engine
from tests.cli.helpers import run_json

FOLLOWUP = [sys.executable, "-m", "followup"]


def followup(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*FOLLOWUP, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
        check=False,
    )


def _add(*extra: str) -> int:
    """A test's starting point, added in-process: what is tested is the process after it."""
    return int(run_json("add", "Acme", "Analyst", "--phone", "555 0100", *extra)["id"])


def test_a_real_process_exits_0_on_success_and_prints_json() -> None:
    app_id = _add()
    done = followup("show", str(app_id), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["company"] == "Acme"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["show", "999"], 1, "Error: no application with id 999\n"),
        (["log-call", "1", "--on", "2026-02-30"], 2, "Error: '2026-02-30'"),
        (["log-call", "1", "--via", "fax"], 2, "Invalid value for '--via'"),
        (
            ["delete-touch", "5"],
            1,
            "Error: no touch with id 5; touch ids are in followup show APP_ID\n",
        ),
    ],
)
def test_a_real_process_exits_with_the_documented_code_and_one_line(
    args: list[str], code: int, message: str
) -> None:
    _add()
    done = followup(*args)
    assert done.returncode == code, done.stderr
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize(
    ("argv", "env", "shows"),
    [
        (["--help"], {}, "Usage: followup"),
        (["--version"], {}, "followup "),
        (["log-call", "--help"], {}, "Usage: followup log-call"),
        # Shell completion runs on every Tab press.
        (
            [],
            {"_FOLLOWUP_COMPLETE": "complete_bash", "COMP_WORDS": "followup lo", "COMP_CWORD": "1"},
            "log-call",
        ),
    ],
    ids=["help", "version", "command help", "completion"],
)
def test_help_version_and_completion_do_not_import_the_database_layer(
    argv: list[str], env: dict[str, str], shows: str
) -> None:
    probe = textwrap.dedent(
        """
        import sys
        sys.argv = ["followup", *sys.argv[1:]]
        from followup.cli import main
        try:
            main()
        except SystemExit:
            pass
        heavy = ("sqlalchemy", "followup.storage.engine", "dateutil")
        heavy = [m for m in heavy if m in sys.modules]
        print("HEAVY:", ",".join(heavy))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *argv],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env={**os.environ, **env},
    )
    assert shows in done.stdout
    assert done.stdout.strip().endswith("HEAVY:")


WRITER = textwrap.dedent(
    """
    import sys
    import time
    from pathlib import Path
    import typer.main
    from followup.cli import app
    tag, count, go = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    # What app(...) builds on every call; built once, so that the writers spend their time
    # writing (and colliding) rather than reading type hints.
    command = typer.main.get_command(app)
    # Start together: both are imported and waiting before either writes.
    Path(f"{go}.{tag}").touch()
    while not go.exists():
        time.sleep(0.005)
    for n in range(count):
        # standalone_mode=False returns the exit code instead of leaving the process.
        args = ["log-call", "1", "--via", "email", "--note", f"{tag}-{n}"]
        code = command.main(args, standalone_mode=False)
        if code:
            sys.exit(f"log-call {tag}-{n} exited {code}")
    """
)


@pytest.mark.slow
def test_two_processes_logging_at_once_lose_nothing(db: Path, tmp_path: Path, backend: str) -> None:
    """Issue 5, promise 2: two processes x 200 read-modify-write log-calls on one application."""
    app_id = _add()
    assert app_id == 1
    per_process = 200
    tags = ("left", "right")
    go = tmp_path / "go"
    children = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, tag, str(per_process), str(go)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in tags
    ]
    deadline = time.monotonic() + 60
    while not all(Path(f"{go}.{tag}").exists() for tag in tags):
        assert time.monotonic() < deadline, "the writers never started"
        assert all(child.poll() is None for child in children), "a writer died at start-up"
        time.sleep(0.01)
    go.touch()
    for child in children:
        _, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
    shown = json.loads(followup("show", "1", "--json").stdout)
    notes = sorted(t["note"] for t in shown["touches"])
    expected = sorted(f"{tag}-{n}" for tag in tags for n in range(per_process))
    assert notes == expected
    # They really ran at the same time: in commit order the two writers take turns.
    in_order = [t["note"].split("-")[0] for t in sorted(shown["touches"], key=lambda t: t["id"])]
    turns = sum(1 for a, b in itertools.pairwise(in_order) if a != b)
    assert turns >= 2, f"the writers never interleaved ({turns} turns)"
    # The stored verdict was written by the last transaction and agrees with a fresh look.
    listed = json.loads(followup("list", "--json").stdout)
    assert listed[0]["next_contact"] == shown["next_contact"]
    if backend == "sqlite":
        assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert followup("doctor").returncode == 0


@pytest.mark.parametrize("holder", ["command", "sqlite3"])
def test_a_database_held_past_the_busy_timeout_gives_exit_75_and_writes_nothing(
    db: Path, backend: str, holder: str
) -> None:
    """A command that loaded an application holds it (the whole file on SQLite, the
    application's row on PostgreSQL) until it commits; another waits, then gives up."""
    app_id = _add()
    if holder == "sqlite3" and backend != "sqlite":
        pytest.skip("another program's write lock is a SQLite file's")
    with contextlib.ExitStack() as held:
        if holder == "sqlite3":
            other = sqlite3.connect(db, isolation_level=None)
            held.callback(other.close)
            other.execute("BEGIN IMMEDIATE")
            held.callback(other.execute, "ROLLBACK")
        else:
            # Exactly what log-call itself does first: load the history to change it.
            held.enter_context(engine.transaction(str(db))).history(app_id)
        done = followup("log-call", str(app_id), env={"FOLLOWUP_BUSY_TIMEOUT_MS": "200"})
    assert done.returncode == 75, done.stderr
    assert done.stderr == (
        "Error: the database is busy: another followup is writing to it; try again in a moment\n"
    )
    shown = json.loads(followup("show", str(app_id), "--json").stdout)
    assert shown["touches"] == []
