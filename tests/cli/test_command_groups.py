"""A command line loads only its command's group (followup.cli): the table that says which
group registers which command must be right, and a command's help and answers must not
depend on which other commands were loaded."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from typer.main import get_command

from followup.cli import COMMAND_GROUPS, GROUPS, app, command_in

pytestmark = pytest.mark.sqlite_only


def test_the_table_names_the_group_of_every_command_the_app_has() -> None:
    registered = {
        (info.name or info.callback.__name__.replace("_", "-")): info.callback.__module__
        for info in app.registered_commands
        if info.callback is not None
    }
    registered |= {
        info.typer_instance.info.name: "followup.cli.config" for info in app.registered_groups
    }  # type: ignore[union-attr]
    assert {name: f"followup.cli.{group}" for name, group in COMMAND_GROUPS.items()} == registered
    assert set(COMMAND_GROUPS.values()) == set(GROUPS)
    # Every command of the app, as `followup --help` lists them.
    assert set(get_command(app).commands) == set(COMMAND_GROUPS)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("args", "command"),
    [
        ([], None),
        (["add", "Acme", "Analyst"], "add"),
        (["--db", "x.db", "log-call", "1"], "log-call"),
        (["--db=x.db", "--profile", "ana", "due"], "due"),
        (["--profile=ana", "config", "show"], "config"),
        # The value of --db is not a command, however it is spelled.
        (["--db", "add", "show", "1"], "show"),
        (["--help"], None),
        (["--version"], None),
        (["ad", "Acme"], None),  # no such command: every command, for Typer's suggestion
        (["--db"], None),
        (["--verbose", "add"], None),
    ],
)
def test_the_command_of_a_command_line(args: list[str], command: str | None) -> None:
    assert command_in(args) == command


_ENV = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
# The app with every command, run as `python -m followup` runs it.
_EVERY_COMMAND = "import sys\nfrom followup.cli import app\napp(sys.argv[1:], prog_name='followup')"


def _help(command: str, *, alone: bool) -> subprocess.CompletedProcess[str]:
    """`followup COMMAND --help` in a new process: as the installed command answers it (only
    the command's group loaded), or from the app with every command."""
    program = ["-m", "followup"] if alone else ["-c", _EVERY_COMMAND]
    return subprocess.run(
        [sys.executable, *program, command, "--help"],
        capture_output=True,
        text=True,
        env=_ENV,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("group", GROUPS)
def test_a_command_says_the_same_loaded_alone_as_among_all(group: str) -> None:
    command = next(name for name, owner in COMMAND_GROUPS.items() if owner == group)
    alone, among_all = _help(command, alone=True), _help(command, alone=False)
    assert (alone.returncode, alone.stdout, alone.stderr) == (0, among_all.stdout, "")
    assert among_all.returncode == 0
    assert alone.stdout.startswith(f"Usage: followup {command} ")


def test_a_command_line_loads_its_group_alone() -> None:
    # followup ends with os._exit once its output is flushed: report what was loaded there.
    probe = (
        "import os, sys\n"
        "end = os._exit\n"
        "def report(code):\n"
        "    groups = sorted(m for m in sys.modules if m.rpartition('.')[0] == 'followup.cli'"
        " and m.rpartition('.')[2] in " + repr(GROUPS) + ")\n"
        "    sys.stderr.write(repr(groups))\n"
        "    end(code)\n"
        "os._exit = report\n"
        "from followup.__main__ import main\n"
        "main()\n"
    )
    for args, loaded in (
        (["log-call", "--help"], ["followup.cli.tracking"]),
        (["backup", "--help"], ["followup.cli.upkeep"]),
        (["--help"], sorted(f"followup.cli.{group}" for group in GROUPS)),
    ):
        done = subprocess.run(
            [sys.executable, "-c", probe, *args],
            capture_output=True,
            text=True,
            env=_ENV,
            timeout=120,
            check=False,
        )
        assert (done.returncode, done.stderr) == (0, repr(loaded))
