"""What only a real terminal, a real pipe and a real full disk show.

On a pseudo-terminal with colour on, stored text reaches the screen as text: no escape
sequence from the data, no markup read, while followup's own bold and colours still do.
Stdout on /dev/full after a change: it says the change was saved (exit 1), so nobody runs
it twice. A pipe closed early (``followup due | head -1``): exit 0, quietly.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.cli.helpers import run, run_json
from tests.hostile import ALL_AT_ONCE, ALL_SHOWN, FORBIDDEN, history

FOLLOWUP = [sys.executable, "-m", "followup"]
# followup's own styling: Select Graphic Rendition (bold, colours, reset) and nothing else.
SGR = re.compile(rb"\x1b\[[0-9;]*m")


def on_terminal(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run followup on a new pseudo-terminal, 1000 columns wide, colour on; its exit code
    and everything it wrote there (stdout and stderr), followup's own styling removed.

    The styling is checked to be there, then removed: what is left must be plain text.
    """
    main, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 1000, 0, 0))
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS")}
    # How rich decides: a terminal (isatty, or FORCE_COLOR), TERM for how many colours.
    environment.update(TERM="xterm-256color", FORCE_COLOR="1", **(env or {}))
    process = subprocess.Popen(
        [*FOLLOWUP, *args], stdin=terminal, stdout=terminal, stderr=terminal, env=environment
    )
    os.close(terminal)
    chunks = []
    deadline = time.monotonic() + 60
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
    raw = b"".join(chunks)
    styled[args] = SGR.search(raw) is not None
    # The terminal turns each line break into CR LF.
    return code, SGR.sub(b"", raw).decode("utf-8").replace("\r\n", "\n")


styled: dict[tuple[str, ...], bool] = {}


@pytest.fixture
def hostile(db: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    history(db, ALL_AT_ONCE, tmp_path_factory.getbasetemp())


# Each command, its exit code, and whether followup styles its output (errors are plain).
STORED_TEXT_COMMANDS = [
    (("due",), 0, True),
    (("show", "1"), 0, True),
    (("list",), 0, True),
    (("prep", "1"), 0, True),
    (("script", "2"), 0, True),
    (("script", "2", "--via", "email"), 0, True),
    (("questions", "1"), 0, True),
    (("article", "1"), 0, True),
    (("asked", "1", "competitor", "--to", "Jane Doe"), 0, False),
    (("asked", "1", "What next?", "--to", "Nobody"), 1, False),
]


@pytest.mark.usefixtures("hostile")
@pytest.mark.parametrize(("args", "code", "styling"), STORED_TEXT_COMMANDS)
def test_stored_text_reaches_a_colour_terminal_as_text(
    args: tuple[str, ...], code: int, styling: bool
) -> None:
    exit_code, text = on_terminal(*args)
    assert exit_code == code, text
    assert FORBIDDEN.search(text) is None, repr(text)
    assert "[bold red]Acme[/]" in text
    assert "[link=http://x.example]y[/link]" in text
    assert ":thumbs_up: fine" in text
    if styling:
        assert styled[args], "followup's own styling is missing"
        # Whole, on one line: nothing in it was read as markup or cut the line.
        assert ALL_SHOWN in text


def test_text_typed_into_an_error_reaches_a_colour_terminal_as_text() -> None:
    # The date reader quotes the first few dozen characters of what it could not read.
    typed = "\x1b]0;pwned\x07\x1b[2J\x9b31m:thumbs_up: [bold red]Acme[/]"
    code, text = on_terminal("add", "Acme", "Analyst", "--applied", typed)
    assert code == 2, text
    assert text.startswith("Error: '\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m:thumbs_up: [bold")
    assert text.count("\n") == 1
    assert FORBIDDEN.search(text) is None, repr(text)


def test_a_hostile_file_name_and_sheet_reach_a_colour_terminal_as_text(tmp_path: Path) -> None:
    name = ALL_AT_ONCE.replace("/", "|").replace("\x00", "")
    sheet = tmp_path / f"{name}.csv"
    sheet.write_text(
        "company,role,applied,contact\n"
        "[bold red]Acme[/],[link=http://x.example]y[/link],2026-11-20,:thumbs_up: fine\n"
    )
    code, text = on_terminal("import", "--dry-run", str(sheet))
    assert code == 0, text
    assert FORBIDDEN.search(text) is None, repr(text)
    assert ALL_SHOWN.replace("/", "|").replace("\\x00", "") in text
    assert "[bold red]Acme[/]" in text
    assert "[link=http://x.example]y[/link]" in text
    assert ":thumbs_up: fine" in text
    code, text = on_terminal("export", "-o", str(tmp_path / f"{name}.json"))
    assert code == 0, text
    assert FORBIDDEN.search(text) is None, repr(text)
    assert text.startswith(f"Wrote 0 applications to {tmp_path}/")


def test_a_hostile_setting_reaches_a_colour_terminal_as_text(tmp_path: Path) -> None:
    folder = tmp_path / "config"
    folder.mkdir()
    (folder / "settings.toml").write_text('phone_region = "[bold red]X\\u001b]0;pwned\\u0007"\n')
    code, text = on_terminal("config", "show", env={"FOLLOWUP_CONFIG_DIR": str(folder)})
    assert code == 2, text
    assert FORBIDDEN.search(text) is None, repr(text)
    assert '"[bold red]X\\x1b]0;pwned\\x07"' in text


# --- stdout that fails --------------------------------------------------------------------

FULL = "No space left on device"


def followup(*args: str, stdout: int | None, stderr: int | None) -> tuple[int, bytes]:
    done = subprocess.run([*FOLLOWUP, *args], stdout=stdout, stderr=stderr, timeout=60, check=False)
    return done.returncode, done.stderr or b""


def test_a_change_whose_output_hits_a_full_disk_is_saved_once_and_says_so() -> None:
    with open("/dev/full", "wb") as full:
        code, err = followup("add", "X", "Y", stdout=full.fileno(), stderr=subprocess.PIPE)
    assert (code, err.decode()) == (
        1,
        f"Error: your change was saved, but its output could not be written ({FULL}); "
        "do not run the command again\n",
    )
    assert [a["company"] for a in run_json("list")] == ["X"]


def test_a_read_whose_output_hits_a_full_disk_is_exit_1_and_one_line() -> None:
    run("add", "X", "Y", "--phone", "+1 555 0100", "--applied", "2026-11-20")
    with open("/dev/full", "wb") as full:
        code, err = followup("due", stdout=full.fileno(), stderr=subprocess.PIPE)
    assert (code, err.decode()) == (1, f"Error: the output could not be written ({FULL})\n")


# `due` prints item by item and exited 1 here before. The others write in one go, which
# happened to end quietly before; they guard the JSON and file paths of the same fix.
@pytest.mark.parametrize(
    "args", [("due",), ("list",), ("list", "--json"), ("export", "--format", "csv")]
)
def test_a_pipe_closed_early_ends_quietly_with_exit_0(
    args: tuple[str, ...], db: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # Far more output than a pipe holds (64 KiB), so the writer meets the closed end.
    built = tmp_path_factory.getbasetemp() / "closed-pipe.db"
    if not built.exists():
        rows = "".join(f"Company {n},Analyst,2026-11-20,+1 555 {n:07d}\n" for n in range(1500))
        sheet = built.with_suffix(".csv")
        sheet.write_text("company,role,applied,phone\n" + rows)
        run("--db", str(built), "import", str(sheet))
    shutil.copyfile(built, db)
    process = subprocess.Popen([*FOLLOWUP, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    assert process.stderr is not None
    first = process.stdout.readline()  # `| head -1`
    process.stdout.close()
    err = process.stderr.read()
    assert first
    assert (process.wait(timeout=60), err) == (0, b"")
