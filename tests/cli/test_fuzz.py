"""Any argument list a user can type: a documented exit code, one error line, nothing written.

Issue 5, promise 7. Hypothesis builds argument lists from the real command and option names
(read from the Typer app, so a new command is fuzzed the day it lands) mixed with junk: unknown
commands and options, unicode, empty strings, huge and negative numbers, dates far in the past
and the future. Every run must end with exit 0, 1, 2 or 75 and never a traceback; a refused
command (1 or 2) says so in exactly one ``Error:`` line and leaves every table as it was.

What is left out, and why: ``--db`` (it would point the run at other files), the shell
completion options (they write shell start-up files), NUL characters (no real argv holds
one), and ``/`` and ``~`` in random text (a command that writes a file must stay in the
working directory, which is ``tmp_path``).
"""

from __future__ import annotations

import enum
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from followup.cli import app
from followup.domain.models import Channel, InterviewKind, Outcome, Via
from followup.domain.prep import Round, ScriptVia
from tests.cli.helpers import run

# The refusal check reads the SQLite file itself, so this runs on SQLite only.
pytestmark = [pytest.mark.slow, pytest.mark.sqlite_only]

runner = CliRunner()

DOCUMENTED_EXIT_CODES = {0, 1, 2, 75}
EXAMPLES = 300

_GROUP = typer.main.get_command(app)
_LEFT_OUT_GLOBALS = {"--db", "--install-completion", "--show-completion"}


def _option_names(params: list[Any], *, flags: bool) -> list[str]:
    """The names of a command's options: the on/off flags, or those that take a value."""
    return sorted(
        {
            name
            for param in params
            if param.param_type_name == "option" and bool(param.is_flag) is flags
            for name in (*param.opts, *param.secondary_opts)
        }
    )


def _arguments(params: list[Any]) -> int:
    return sum(1 for param in params if param.param_type_name == "argument")


COMMANDS: list[str] = sorted(_GROUP.commands)  # type: ignore[attr-defined]
_BY_NAME: dict[str, Any] = dict(_GROUP.commands)  # type: ignore[attr-defined]
FLAGS = {name: _option_names(c.params, flags=True) for name, c in _BY_NAME.items()}
VALUED = {name: _option_names(c.params, flags=False) for name, c in _BY_NAME.items()}
ARGUMENTS = {name: _arguments(c.params) for name, c in _BY_NAME.items()}
GLOBAL_OPTIONS = [
    o
    for o in _option_names(_GROUP.params, flags=True) + _option_names(_GROUP.params, flags=False)
    if o not in _LEFT_OUT_GLOBALS
]

JUNK_COMMANDS = ["", "-", "--", "ad", "logcall", "LIST", "due;", "rm", "-x", "--nope", "ünïcode"]
JUNK_OPTIONS = ["--", "-", "-x", "--nope", "--json=1", "--on=", "--ON", "--via=fax", "-o", "-h"]

# Every value the commands' choices accept, so that parsing often succeeds and the core runs.
_ENUMS: list[type[enum.Enum]] = [Via, Outcome, InterviewKind, Channel, Round, ScriptVia]
_FORMATS = ["ics", "csv", "json", "dmy", "mdy"]
CHOICES = [*sorted({str(member.value) for kind in _ENUMS for member in kind}), *_FORMATS]

DATES = [
    "today",
    "yesterday",
    "tomorrow",
    "friday",
    "last friday",
    "next sunday",
    "Feb 29",
    "29 February 2028",
    "2026-02-29",
    "2028-02-29",
    "1900-01-01",
    "1899-12-31",
    "2999-12-31",
    "3000-01-01",
    "0001-01-01",
    "9999-12-31",
    "03/04/2026",
    "Dec 3",
    "+999999d",
    "-999999w",
    "+9999999999999999999d",
    "-1d",
    "+0w",
]

# Bytes a terminal sends in another encoding reach Python's argv as lone surrogates.
_UNDECODABLE = st.integers(0xDC80, 0xDCFF).map(chr)
_PLAIN_TEXT = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00/~"), max_size=40
)
_UNDECODABLE_TEXT = st.tuples(_PLAIN_TEXT, _UNDECODABLE, _PLAIN_TEXT).map("".join)
_TEXT = st.one_of(_PLAIN_TEXT, _PLAIN_TEXT, _UNDECODABLE_TEXT)
_NUMBERS = st.one_of(
    st.sampled_from(["1", "2", "3"]),
    st.integers(-5, 10).map(str),
    st.integers().map(str),
    st.sampled_from([str(2**63 - 1), str(2**63), str(-(2**63)), str(10**30), "1e9", "0x10"]),
)
VALUES = st.one_of(
    _NUMBERS,
    st.sampled_from(DATES),
    st.dates().map(lambda d: d.isoformat()),
    st.integers(-(10**7), 10**7).map(lambda n: f"{n:+d}d"),
    st.sampled_from(CHOICES),
    st.just(""),
    _TEXT,
    st.sampled_from(
        ["https://example.com/a", "http://localhost", "javascript:alert(1)", "12:30", "25:99"]
    ),
    # Files that exist in the working directory: see the seeded fixture.
    st.sampled_from(["people.csv", "backup.json", "junk.csv", "followup.db", "missing.csv"]),
)


_DATE_OPTIONS = {"--on", "--applied", "--until", "--as-of", "--follow-up-on"}
_CHOICE_OPTIONS = {"--via", "--kind", "--prefers", "--outcome", "--format", "--date-order"}
_NUMBER_OPTIONS = {"--ahead", "--interview"}


def _value_for(option: str) -> st.SearchStrategy[str]:
    """Mostly a value of the kind the option expects, sometimes anything at all."""
    if option in _DATE_OPTIONS:
        plausible = st.sampled_from(["today", "yesterday", "-3d", "+3d", "friday", "Dec 3"])
        likely: st.SearchStrategy[str] = st.one_of(
            plausible, plausible, st.sampled_from(DATES), st.dates().map(str)
        )
    elif option in _CHOICE_OPTIONS:
        likely = st.sampled_from(CHOICES)
    elif option in _NUMBER_OPTIONS:
        likely = _NUMBERS
    else:
        likely = _TEXT
    return st.one_of(likely, likely, likely, VALUES)


@st.composite
def argument_lists(draw: st.DrawFn) -> list[str]:
    """A real command with plausible arguments most of the time; junk of every kind otherwise."""
    command = draw(st.sampled_from(COMMANDS * 4 + JUNK_COMMANDS))
    # --help and --version end a run early with exit 0; now and then is enough.
    rare = st.lists(st.sampled_from([*GLOBAL_OPTIONS, "--help"]), max_size=1)
    args = draw(st.one_of(*[st.just([])] * 5, rare))
    args.append(command)
    wanted = ARGUMENTS.get(command, 1) + draw(st.sampled_from([0, 0, 0, 0, -1, 1]))
    ids = st.one_of(st.sampled_from(["1", "2", "3", "1", "2", "3", "4", "99"]), VALUES)
    args += [draw(ids if n == 0 else VALUES) for n in range(max(wanted, 0))]
    for option in VALUED.get(command, []):
        if draw(st.integers(0, 2)) == 0:
            args += [option, draw(_value_for(option))]
    for flag in FLAGS.get(command, []):
        if draw(st.integers(0, 2)) == 0:
            args.append(flag)
    junk = (
        st.sampled_from(JUNK_OPTIONS)
        | VALUES
        | st.sampled_from(sorted(_DATE_OPTIONS | _NUMBER_OPTIONS))
    )
    if draw(st.sampled_from([True, False, False, False, False])):
        args += draw(st.lists(junk, min_size=1, max_size=4))
    if draw(st.integers(0, 19)) == 0:
        args.append("--help")
    return args


def dump(db: Path) -> dict[str, list[Any]]:
    """Every row of every table, and the schema, read without writing."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not r[0].startswith("sqlite_")
        ]
        found = {"sqlite_master": sorted(conn.execute("SELECT * FROM sqlite_master"), key=repr)}
        for table in tables:
            found[table] = sorted(conn.execute(f'SELECT * FROM "{table}"'), key=repr)
        return found
    finally:
        conn.close()


@pytest.fixture
def seeded(db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Applications, touches and interviews 1-3, an article and a question asked; files to import.

    The working directory is ``tmp_path``, so ``backup`` and ``export -o`` write only there.
    """
    monkeypatch.chdir(tmp_path)
    run("add", "Acme", "Analyst", "--applied", "2026-11-18", "--phone", "+1 555 0100")
    run("add", "Globex", "Engineer", "--applied", "2026-11-02", "--email", "kim@globex.test")
    run("add", "Initech", "Tester", "--applied", "2026-11-20", "--do-not-call")
    run("log-call", "1", "--on", "2026-11-24")
    run("log-call", "2", "--on", "2026-11-09", "--via", "email")
    run("log-call", "2", "--on", "2026-11-10", "--via", "email", "--inbound")
    run("interview", "2", "--on", "2026-11-19", "--with", "Kim Lee", "--kind", "first")
    run("interview", "2", "--on", "2026-12-03", "--with", "Ali Chen", "--kind", "second")
    run("interview", "3", "--on", "2026-11-25", "--with", "Sam")
    run("asked", "2", "What does success look like?", "--to", "Kim Lee", "--answer", "Ship")
    run("article", "2", "https://example.com/news", "--title", "News")
    (tmp_path / "people.csv").write_text(
        "company,role,applied,phone\nHooli,Analyst,2026-11-20,555 0199\n", encoding="utf-8"
    )
    (tmp_path / "junk.csv").write_bytes(b"\xff\xfe\x00garbage,\n\x00")
    run("export", "--format", "json", "-o", "backup.json")
    return db


def _a_verdict_not_an_error(args: list[str], result: Any) -> bool:
    """``questions --check`` answers "not at this round" on stdout, with exit 1 and no error."""
    checked = "questions" in args and "--check" in args
    return checked and result.exit_code == 1 and result.stderr == "" and result.stdout != ""


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(args=argument_lists())
def test_any_argument_list_ends_with_a_documented_code_and_a_refusal_writes_nothing(
    seeded: Path, args: list[str]
) -> None:
    before = dump(seeded)
    result = runner.invoke(app, args)
    event(f"exit {result.exit_code}")
    event(f"{next((a for a in args if a in COMMANDS), '(junk)')} exit {result.exit_code}")
    shown = (
        f"args={args!r}\nexit {result.exit_code}\n"
        f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    )
    assert result.exit_code in DOCUMENTED_EXIT_CODES, f"{shown}\n{result.exception!r}"
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{shown}\n{result.exception!r}"
    )
    assert "Traceback" not in result.stdout + result.stderr, shown
    if result.exit_code == 0:
        return
    if not _a_verdict_not_an_error(args, result):
        assert result.stderr.startswith("Error: "), shown
        assert result.stderr.count("\n") == 1, shown
        assert result.stderr.endswith("\n"), shown
    assert dump(seeded) == before, shown


def test_help_exits_0_for_every_command() -> None:
    assert runner.invoke(app, ["--help"]).exit_code == 0
    for command in COMMANDS:
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0, (command, result.stdout, result.stderr)
        assert result.stdout.startswith(f"Usage: followup {command} "), result.stdout


# --- the bug found while writing this: bytes from a terminal in another encoding ---


@pytest.mark.parametrize(
    "args",
    [
        ["add", "Caf\udce9", "Analyst"],
        ["add", "Acme", "Analyst", "--note", "\udcff"],
        ["log-call", "1", "--note", "r\udce9sum\udce9"],
        ["interview", "1", "--on", "2026-11-30", "--with", "Jos\udce9"],
        ["questions", "--check", "salary \udcff?"],
        ["backup", "copy-\udcff.db"],
    ],
)
def test_text_in_another_encoding_is_bad_input_not_a_bug(
    seeded: Path, tmp_path: Path, args: list[str]
) -> None:
    before = dump(seeded)
    files = sorted(tmp_path.iterdir())
    result = runner.invoke(app, args)
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1, result.stderr
    assert "is not UTF-8 text; set your terminal to UTF-8 and type it again" in result.stderr
    assert dump(seeded) == before
    assert sorted(tmp_path.iterdir()) == files


def test_a_real_process_given_latin_1_bytes_exits_2_with_one_line(db: Path) -> None:
    # What a terminal set to Latin-1 sends for "Café": the byte E9, invalid as UTF-8.
    done = subprocess.run(
        [sys.executable, "-m", "followup", b"add", b"Caf\xe9", b"Analyst"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr == (
        b"Error: 'Caf\\xe9' is not UTF-8 text; set your terminal to UTF-8 and type it again\n"
    )
    assert not db.exists() or dump(db).get("applications") == []
