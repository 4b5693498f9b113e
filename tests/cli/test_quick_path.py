"""The console script's morning path (followup.quick.entry) and the Typer app agree.

`followup due` is answered without the Typer app when the command line is a plain `due`;
everything else goes to the app. For every command line in the table, good or bad: either
the quick path answers it with the same stdout bytes and exit code as the app, or it
declines (and the app answers, so the error messages are the app's by construction). The
table also says which ones the quick path must answer, so that it cannot quietly decline
everything. The Typer command is built from the same option table (followup.quick.options).
"""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from followup.cli import app
from followup.quick import entry, options
from tests.cli.stories import add, log, run

runner = CliRunner()


pytestmark = pytest.mark.sqlite_only  # the quick path reads SQLite files only

_TEMPLATE: dict[str, Path] = {}


@pytest.fixture
def mornings(db: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Something in every part of the morning view, with long names and a non-ASCII one;
    made once, then copied (the quick path never writes to it)."""
    if "db" in _TEMPLATE:
        _copy(_TEMPLATE["db"], db)
        return
    _record_mornings()
    # The first `due` of a new profile works its verdicts out and stamps them: from then
    # on they are current, which the quick path needs.
    run("due")
    template = tmp_path_factory.mktemp("mornings") / "followup.db"
    _copy(db, template)
    _TEMPLATE["db"] = template


def _copy(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def _record_mornings() -> None:
    add("Acme", "Data Analyst", "--applied", "2026-11-04", "--email", "a@b.example")
    add("Globex Corporation International", "Senior Site Reliability Engineer", "--applied",
        "2026-11-18", "--phone", "555 0101", "--contact", "Dana Okafor")  # fmt: skip
    add("Initech", "Analyst", "--applied", "2026-11-25", "--phone", "1")
    add("Umbrella", "Tester", "--applied", "2026-11-20", "--phone", "1", "--do-not-call")
    add("Müller & Söhne GmbH", "Entwickler", "--applied", "2026-11-20")
    for n in range(11):
        company = f"Vandelay Industries Import Export {n}"
        app_id = add(company, "Backend Developer", "--applied", "2026-11-10", "--phone", "1")["id"]
        log(app_id, "--on", "2026-11-24", "--via", "email")
    run("interview", "3", "--on", "2026-11-30", "--with", "Sam Lee", "--json")


def quick(args: list[str]) -> tuple[int | None, str, str]:
    """What the quick path does with ``args``: its exit code (None: it declined), output."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = entry.answer(args, os.environ)
    return code, out.getvalue(), err.getvalue()


# The command line, extra environment, and whether the quick path answers it itself.
INVOCATIONS = [
    (["due"], {}, True),
    (["due", "--json"], {}, True),
    (["due", "--ahead", "3"], {}, True),
    (["due", "--ahead=0", "--json"], {}, True),
    (["due", "--ahead", "3660"], {}, True),
    (["due", "--as-of", "2026-12-01"], {}, True),
    (["due", "--as-of=next monday", "--ahead", "14"], {}, True),
    (["due", "--as-of", "1 Dec", "--json"], {}, True),
    (["--profile", "default", "due"], {}, True),
    (["--profile=default", "due", "--json"], {}, True),
    (["due"], {"FOLLOWUP_PROFILE": "default"}, True),
    (["due"], {"FOLLOWUP_DB": ""}, False),  # the default database: not made yet
    # Nothing recorded for this profile yet: the app's path answers.
    (["--profile", "other", "due"], {}, False),
    # Bad input: the app says what is wrong.
    (["due", "--ahead", "-1"], {}, False),
    (["due", "--ahead", "3661"], {}, False),
    (["due", "--ahead", "x"], {}, False),
    (["due", "--ahead", "+3"], {}, False),
    (["due", "--ahead"], {}, False),
    (["due", "--as-of", "someday"], {}, False),
    (["due", "--as-of", ""], {}, False),
    (["due", "--as-of", "31 Feb"], {}, False),
    (["due", "--json=1"], {}, False),
    (["due", "--json", "--json"], {}, False),
    (["due", "--ahead", "1", "--ahead", "2"], {}, False),
    (["due", "extra"], {}, False),
    (["due", "--nope"], {}, False),
    (["due", "--help"], {}, False),
    (["due", "--"], {}, False),
    (["--profile", "bad name", "due"], {}, False),
    (["--db", "", "due"], {}, False),
    (["--db"], {}, False),
    (["--nope", "due"], {}, False),
    (["du"], {}, False),
    (["--version"], {}, False),
    ([], {}, False),
    (["due"], {"FOLLOWUP_TODAY": "tomorrow"}, False),
    (["due"], {"FOLLOWUP_PROFILE": "-x"}, False),
    (["list"], {}, False),
]


@pytest.mark.usefixtures("mornings")
@pytest.mark.parametrize(("args", "env", "answered"), INVOCATIONS)
def test_the_quick_path_answers_as_the_app_does_or_leaves_it_to_the_app(
    args: list[str], env: dict[str, str], answered: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    # The quick path first: the app may create what the quick path would then find.
    code, out, err = quick(args)
    full = runner.invoke(app, args)
    assert (code is not None) == answered, (full.exit_code, full.stdout, full.stderr)
    if code is not None:
        assert (code, out, err) == (full.exit_code, full.stdout, full.stderr)
        assert code == 0
        assert out
    else:
        # Declined before writing a byte: what the user sees is the app's answer alone.
        assert (out, err) == ("", "")


def test_an_answered_error_never_comes_from_the_quick_path(mornings: None) -> None:
    for args, _, answered in INVOCATIONS:
        if not answered:
            continue
        assert runner.invoke(app, args).exit_code == 0, args


def test_the_typer_command_is_built_from_the_option_table() -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    due = group.commands[options.DUE_COMMAND]
    assert due.help == options.DUE_SUMMARY
    declared = {p.opts[0]: p for p in due.params if p.opts[0].startswith("--")}
    assert set(declared) == {spec.flag for spec in options.DUE_OPTIONS}
    root = {p.opts[0]: p for p in group.params if p.opts[0].startswith("--")}
    for spec in options.DUE_OPTIONS + options.GLOBAL_OPTIONS:
        param = (declared | root)[spec.flag]
        assert getattr(param, "help", None) == spec.help, spec.flag
        assert getattr(param, "is_flag", False) == spec.is_flag, spec.flag
        assert param.envvar == spec.envvar, spec.flag
        if spec.metavar is not None:
            assert param.metavar == spec.metavar, spec.flag
        if spec.is_number:
            assert (getattr(param, "min", None), getattr(param, "max", None)) == (
                spec.minimum,
                spec.maximum,
            )


def test_due_help_lists_every_option_of_the_table() -> None:
    shown = " ".join(runner.invoke(app, ["due", "--help"], env={"COLUMNS": "300"}).stdout.split())
    for spec in options.DUE_OPTIONS:
        assert spec.flag in shown
        assert spec.help in shown


# --- what a person sees: one line per application at 80 columns -----------------------------

# Today and the data are fixed (the mornings fixture): the whole view, at two widths.
SNAPSHOTS = Path(__file__).parent / "snapshots"


@pytest.mark.parametrize("width", [80, 120])
def test_the_morning_view_keeps_one_line_per_application_held_off(
    mornings: None, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = (SNAPSHOTS / f"due-{width}.txt").read_text(encoding="utf-8")
    monkeypatch.setenv("COLUMNS", str(width))
    full = runner.invoke(app, ["due"])
    code, fast, _ = quick(["due"])
    assert (code, full.exit_code) == (0, 0)
    assert full.stdout == fast == expected
    assert max(len(line) for line in expected.splitlines()) <= width
    # The long reasons stay in `show`.
    assert "you followed up on 2026-11-24: the ball is in their court until they reply" in (
        " ".join(run("show", "6").stdout.split())
    )


# --- the installed command ---------------------------------------------------------------------


def test_the_installed_command_answers_due_without_loading_the_app(
    mornings: None, tmp_path: Path
) -> None:
    # followup ends with os._exit once its output is flushed: report what was loaded there.
    probe = (
        "import os, sys\n"
        "end = os._exit\n"
        "def report(code):\n"
        "    heavy = ('typer', 'click', 'rich', 'sqlalchemy', 'dataclasses', 'platformdirs')\n"
        "    loaded = [m for m in heavy if m in sys.modules]\n"
        "    sys.stderr.write(repr(loaded))\n"
        "    sys.stderr.flush()\n"
        "    end(code)\n"
        "os._exit = report\n"
        "from followup.__main__ import main\n"
        "main()\n"
    )
    for args in (["due"], ["due", "--json"]):
        done = subprocess.run(
            [sys.executable, "-c", probe, *args],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert (done.returncode, done.stderr) == (0, "[]")
        assert done.stdout == runner.invoke(app, args).stdout
    # Anything else loads the app, which answers as ever.
    done = subprocess.run(
        [sys.executable, "-c", probe, "due", "--ahead", "-1"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("Error: ")
    assert "typer" in done.stderr.splitlines()[-1]
