"""Progress bars on long work (issue 17, target 5): on a terminal, and only there.

Import, restore, the recompute of ``config apply``, ``backup`` and ``doctor`` draw rich's
bar on stderr when it is a terminal. The bar waits half a second before it appears, which
a test cannot wait for on every machine: ``FOLLOWUP_TEST_PROGRESS_DELAY=0`` makes it
appear at once, so that whether it appears depends on the terminal and ``--json`` alone.
Real processes, because only a real process has a real terminal (stdlib ``pty``).
"""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.cli.helpers import run

pytestmark = pytest.mark.sqlite_only

FOLLOWUP = [sys.executable, "-m", "followup"]
TODAY = date(2026, 11, 26)
# What rich's bar is drawn with: the bar's own line character.
BAR = "━"


def _environment(db: Path, **extra: str) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS")}
    environment.update(TERM="xterm-256color", FOLLOWUP_DB=str(db), **extra)
    return environment


def stderr_on_terminal(db: Path, *args: str, delay: str = "0") -> tuple[int, str, str]:
    """Run followup with stderr on a new pseudo-terminal and stdout to a file: its exit
    code, what reached the terminal, and what went to stdout."""
    main, terminal = pty.openpty()
    out = db.parent / "stdout.txt"
    with out.open("wb") as stdout:
        process = subprocess.Popen(
            [*FOLLOWUP, *args],
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=terminal,
            env=_environment(db, FOLLOWUP_TEST_PROGRESS_DELAY=delay),
        )
    os.close(terminal)
    chunks = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 1)
        if not ready:
            if process.poll() is not None:
                break
            continue
        try:
            chunk = os.read(main, 65536)
        except OSError:  # EIO: the terminal's last writer has gone
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    code = process.wait(timeout=60)
    return code, b"".join(chunks).decode("utf-8", "replace"), out.read_text(encoding="utf-8")


def stderr_on_pipe(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*FOLLOWUP, *args],
        capture_output=True,
        text=True,
        env=_environment(db, FOLLOWUP_TEST_PROGRESS_DELAY="0"),
        timeout=120,
        check=False,
    )


def _sheet(path: Path, rows: int) -> Path:
    lines = ["company,role,applied,contact,phone,email"]
    for n in range(1, rows + 1):
        applied = TODAY - timedelta(days=n % 300 + 1)
        lines.append(f"Company {n},Engineer,{applied},Sam Lee,+1 555 {n:07d},hr{n}@example.com")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def history(tmp_path: Path, db: Path) -> Path:
    """A database of 200 applications, and its full backup beside it."""
    run("import", str(_sheet(tmp_path / "sheet.csv", 200)))
    run("export", "--format", "json", "-o", str(tmp_path / "backup.json"))
    return tmp_path / "backup.json"


@pytest.mark.parametrize(
    ("command", "stage"),
    [
        (("import", "{backup}"), "restoring"),
        (("import", "{sheet}"), "importing"),
        (("doctor",), "checking every window"),
        (("backup", "{copy}"), "copying the database"),
    ],
    ids=["restore", "csv import", "doctor", "backup"],
)
def test_long_work_shows_a_bar_on_a_terminal(
    tmp_path: Path, db: Path, history: Path, command: tuple[str, ...], stage: str
) -> None:
    target = db if command[0] in ("doctor", "backup") else tmp_path / "new.db"
    names = {
        "backup": str(history),
        "sheet": str(_sheet(tmp_path / "other.csv", 50)),
        "copy": str(tmp_path / "copy.db"),
    }
    code, terminal, stdout = stderr_on_terminal(target, *(a.format(**names) for a in command))
    assert code == 0, terminal
    assert BAR in terminal, terminal
    assert stage in terminal, terminal
    # The bar is on stderr only: the command's own output reads as it always did.
    assert BAR not in stdout
    assert stage not in stdout


def test_config_apply_shows_a_bar_while_it_works_the_windows_out_again(
    tmp_path: Path, db: Path, history: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.toml").write_text("check_in_min_days = 9\n", encoding="utf-8")
    monkeypatch.setenv("FOLLOWUP_CONFIG_DIR", str(config))
    code, terminal, stdout = stderr_on_terminal(db, "config", "apply")
    assert code == 0, terminal
    assert BAR in terminal, terminal
    assert "working out every window" in terminal, terminal
    assert "Worked out the windows of 200 applications again." in stdout


@pytest.mark.parametrize("command", [("import", "{backup}"), ("import", "{sheet}")])
def test_json_output_never_has_a_bar_even_on_a_terminal(
    tmp_path: Path, history: Path, command: tuple[str, ...]
) -> None:
    names = {"backup": str(history), "sheet": str(_sheet(tmp_path / "other.csv", 50))}
    args = [a.format(**names) for a in command]
    code, terminal, stdout = stderr_on_terminal(tmp_path / "new.db", *args, "--json")
    assert code == 0, terminal
    # A new profile's one-line note (which holidays count) is a message, not a bar.
    assert [line for line in terminal.splitlines() if not line.startswith("Note: profile")] == []
    assert stdout.startswith("{")


def test_nothing_extra_on_stderr_when_it_is_not_a_terminal(tmp_path: Path, history: Path) -> None:
    done = stderr_on_pipe(tmp_path / "new.db", "import", str(history))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.startswith("Restored 200 applications")


def test_quick_work_on_a_terminal_shows_no_bar(tmp_path: Path, history: Path) -> None:
    """The usual delay: restoring 200 applications is over long before half a minute."""
    code, terminal, _ = stderr_on_terminal(tmp_path / "new.db", "import", str(history), delay="30")
    assert code == 0, terminal
    assert terminal == ""


def test_an_error_on_a_terminal_is_one_line_after_the_bar_is_gone(
    tmp_path: Path, history: Path
) -> None:
    broken = tmp_path / "broken.json"
    text = history.read_text(encoding="utf-8")
    broken.write_text(text.replace('"role": "Engineer"', '"role": ""', 1), encoding="utf-8")
    code, terminal, _ = stderr_on_terminal(tmp_path / "new.db", "import", str(broken))
    assert code == 2
    last = terminal.replace("\r\n", "\n").rstrip("\n").split("\n")[-1]
    assert last.endswith("nothing was restored"), terminal
    assert "Error: applications[0].role: empty; nothing was restored" in terminal
