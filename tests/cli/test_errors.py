"""Errors: the documented exit code, one line on stderr starting 'Error: ', and nothing written.

Exit 1 is refused or not found; exit 2 is bad input or bad usage. "Nothing written" is checked
by comparing everything the user can see (list --all and show of each application) before and
after the failing command.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import run, run_json
from tests.cli.stories import ACCEPTED_FORMS, add, everything, log

# Every test starts from an empty database: none looks at how the file came to be.
pytestmark = pytest.mark.empty_database

MAX_ID = str(2**63 - 1)
TOO_LARGE_ID = str(2**63)
HUGE_ID = str(10**30)


@pytest.fixture
def world() -> None:
    """1: followed up already (nothing due); 2: closed; 3: its follow-up week is open;
    4: no phone or email on file (nothing due)."""
    acme = add("Acme", "Analyst", "--applied", "2026-11-18", "--phone", "1")["id"]
    log(acme, "--on", "2026-11-24")
    globex = add("Globex", "Engineer", "--applied", "2026-11-18", "--phone", "1")["id"]
    run_json("close", str(globex), "--outcome", "rejected", "--on", "2026-11-25")
    add("Initech", "Tester", "--applied", "2026-11-18", "--phone", "1")
    add("Hooli", "Clerk", "--applied", "2026-11-18")


def assert_one_error_line(result: Any, message: str) -> None:
    assert result.stderr.splitlines() == [f"Error: {message}"], result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    # Handled errors end the program through typer.Exit, never as a stray exception.
    assert isinstance(result.exception, SystemExit), repr(result.exception)


REFUSED = [
    pytest.param(["show", "99"], "no application with id 99", id="show an unknown application"),
    pytest.param(["log-call", "99"], "no application with id 99", id="log a call to nobody"),
    pytest.param(
        ["interview", "99", "--on", "2026-11-30"],
        "no application with id 99",
        id="interview for an unknown application",
    ),
    pytest.param(
        ["edit", "99", "--note", "x"], "no application with id 99", id="edit an unknown one"
    ),
    pytest.param(
        ["close", "99", "--outcome", "rejected"],
        "no application with id 99",
        id="close an unknown application",
    ),
    pytest.param(["show", MAX_ID], f"no application with id {MAX_ID}", id="largest id"),
    # Ids too large for the database name nothing: the code answers "not found" (exit 1).
    pytest.param(
        ["show", TOO_LARGE_ID], f"no application with id {TOO_LARGE_ID}", id="id too large"
    ),
    pytest.param(
        ["log-call", HUGE_ID], f"no application with id {HUGE_ID}", id="log-call id far too large"
    ),
    pytest.param(
        ["delete-touch", TOO_LARGE_ID],
        f"no touch with id {TOO_LARGE_ID}; touch ids are in followup show APP_ID",
        id="touch id too large",
    ),
    pytest.param(
        ["debrief", "3", "--interview", TOO_LARGE_ID],
        f"application 3 has no interview with id {TOO_LARGE_ID}",
        id="interview id too large",
    ),
    pytest.param(["show", "0"], "no application with id 0", id="id zero"),
    pytest.param(
        ["delete-touch", "99"],
        "no touch with id 99; touch ids are in followup show APP_ID",
        id="delete an unknown touch",
    ),
    pytest.param(
        ["close", "2", "--outcome", "withdrawn"],
        "application 2 is already closed (rejected) since 2026-11-25",
        id="close a closed application",
    ),
    pytest.param(["reopen", "3"], "application 3 is not closed", id="reopen an open one"),
    pytest.param(
        ["snooze", "2", "--until", "2026-12-01"],
        "application 2 is closed; there is nothing to snooze",
        id="snooze a closed application",
    ),
    pytest.param(
        ["snooze", "4", "--until", "2026-12-01"],
        "nothing is due for application 4: there is no phone number or email on file: "
        "add one with followup edit APP_ID --phone NUMBER or --email ADDRESS",
        id="snooze with nothing due",
    ),
    pytest.param(
        ["debrief", "3", "--next-steps", "x"],
        "application 3 has no interview that has happened yet; log one with 'followup interview'",
        id="debrief with no interview",
    ),
    pytest.param(
        ["debrief", "3", "--interview", "5"],
        "application 3 has no interview with id 5",
        id="debrief an unknown interview",
    ),
]

BAD_INPUT = [
    pytest.param(
        ["add", "X", "Y", "--applied", "2026-02-30"],
        f"'2026-02-30' is not a real date: February 2026 has 28 days. {ACCEPTED_FORMS}",
        id="impossible applied date",
    ),
    pytest.param(
        ["log-call", "3", "--on", "2026-02-30"],
        f"'2026-02-30' is not a real date: February 2026 has 28 days. {ACCEPTED_FORMS}",
        id="impossible call date",
    ),
    pytest.param(
        ["interview", "3", "--on", "2026-13-01"],
        f"'2026-13-01' is not a real date: there is no month 13. {ACCEPTED_FORMS}",
        id="no month 13",
    ),
    pytest.param(
        ["add", "X", "Y", "--applied", "03/04/2026"],
        f"'03/04/2026' is ambiguous: is it 3 April or 4 March? {ACCEPTED_FORMS}",
        id="ambiguous day and month",
    ),
    pytest.param(
        ["log-call", "3", "--on", "03/04/2026"],
        f"'03/04/2026' is ambiguous: is it 3 April or 4 March? {ACCEPTED_FORMS}",
        id="ambiguous call date",
    ),
    pytest.param(
        ["log-call", "3", "--on", "tomorrow"],
        "'tomorrow' (2026-11-27) is in the future, and this option records something that "
        "already happened.",
        id="a call tomorrow has not happened",
    ),
    pytest.param(
        ["log-call", "3", "--on", "2026-12-01"],
        "'2026-12-01' is in the future, and this option records something that already happened.",
        id="a call next week has not happened",
    ),
    pytest.param(
        ["add", "X", "Y", "--applied", "tomorrow"],
        "'tomorrow' (2026-11-27) is in the future, and this option records something that "
        "already happened.",
        id="applying tomorrow has not happened",
    ),
    pytest.param(
        ["close", "3", "--outcome", "rejected", "--on", "+2d"],
        "'+2d' (2026-11-28) is in the future, and this option records something that "
        "already happened.",
        id="closing in the future",
    ),
    pytest.param(
        ["snooze", "3", "--until", "Feb 2026"],
        f"'Feb 2026' has no day of the month; give one, like 3 February. {ACCEPTED_FORMS}",
        id="a month without a day",
    ),
    pytest.param(
        ["due", "--as-of", "junk"],
        f"'junk' is not a date I can read. {ACCEPTED_FORMS}",
        id="junk as a date",
    ),
    pytest.param(["add", "", "Analyst"], "the company cannot be empty", id="empty company"),
    pytest.param(["add", "   ", "Analyst"], "the company cannot be empty", id="blank company"),
    pytest.param(["add", "Acme", ""], "the role cannot be empty", id="empty role"),
    pytest.param(["edit", "3", "--company", ""], "the company cannot be empty", id="edit to blank"),
]


@pytest.mark.usefixtures("world")
@pytest.mark.parametrize(("args", "message"), REFUSED)
def test_a_refused_request_exits_1_with_one_error_line_and_writes_nothing(
    args: list[str], message: str
) -> None:
    before = everything()

    result = run(*args, code=1)

    assert_one_error_line(result, message)
    assert everything() == before


@pytest.mark.usefixtures("world")
@pytest.mark.parametrize(("args", "message"), BAD_INPUT)
def test_bad_input_exits_2_with_one_error_line_and_writes_nothing(
    args: list[str], message: str
) -> None:
    before = everything()

    result = run(*args, code=2)

    assert_one_error_line(result, message)
    assert everything() == before


@pytest.mark.usefixtures("world")
@pytest.mark.parametrize("command", [["due"], ["list"], ["show", "3"], ["add", "X", "Y"]])
def test_a_junk_followup_today_is_bad_input(
    monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    before = everything()
    monkeypatch.setenv("FOLLOWUP_TODAY", "junk")

    result = run(*command, code=2)

    assert_one_error_line(result, "FOLLOWUP_TODAY='junk' is not a date in the form YYYY-MM-DD")
    monkeypatch.setenv("FOLLOWUP_TODAY", "2026-11-26")
    assert everything() == before


# Mistakes that Typer itself catches while reading the command line.
USAGE = [
    pytest.param(["log-call", "3", "--via", "fax"], "'--via'", id="bad via"),
    pytest.param(["close", "3", "--outcome", "maybe"], "'--outcome'", id="bad outcome"),
    pytest.param(["interview", "3", "--on", "today", "--kind", "lunch"], "'--kind'", id="bad kind"),
    pytest.param(["show", "three"], "'APP_ID'", id="an id that is not a number"),
    pytest.param(["delete-touch", "1.5"], "'TOUCH_ID'", id="a touch id that is not whole"),
    pytest.param(["due", "--ahead", "-1"], "'--ahead'", id="negative ahead"),
]


@pytest.mark.usefixtures("world")
@pytest.mark.parametrize(("args", "names"), USAGE)
def test_a_usage_mistake_exits_2_naming_the_option_and_writes_nothing(
    args: list[str], names: str
) -> None:
    before = everything()

    result = run(*args, code=2)

    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f"Error: Invalid value for {names}"), result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert everything() == before


@pytest.mark.parametrize(
    "args",
    [
        ["log-call", "1", "--via", "fax"],
        ["close", "1", "--outcome", "maybe"],
        ["show", "three"],
    ],
    ids=["bad via", "bad outcome", "id not a number"],
)
def test_a_usage_mistake_is_one_error_line(args: list[str]) -> None:
    result = run(*args, code=2)

    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith("Error: ")
    assert result.stderr.rstrip().endswith(f"(see 'followup {args[0]} --help')")


# --- files that are not a followup database ----------------------------------------------


def _foreign_sqlite(path: Path) -> None:
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
        connection.execute("INSERT INTO recipes (name) VALUES ('soup')")
    connection.close()


COMMANDS = [["list"], ["due"], ["add", "Acme", "Analyst"], ["show", "1"]]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_file_that_is_not_a_database_is_refused_and_left_byte_for_byte(
    tmp_path: Path, command: list[str]
) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    notes = folder / "notes.txt"
    content = b"shopping list\n- eggs\n- milk\n" + bytes(range(256))
    notes.write_bytes(content)

    result = run("--db", str(notes), *command, code=1)

    assert_one_error_line(result, f"{notes} is not a followup database; it was left untouched")
    assert notes.read_bytes() == content
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_another_programs_sqlite_database_is_refused_and_left_byte_for_byte(
    tmp_path: Path, command: list[str]
) -> None:
    folder = tmp_path / "other"
    folder.mkdir()
    recipes = folder / "recipes.db"
    _foreign_sqlite(recipes)
    content = recipes.read_bytes()

    result = run("--db", str(recipes), *command, code=1)

    assert_one_error_line(result, "this database belongs to something else; it was left untouched")
    assert recipes.read_bytes() == content
    assert sorted(p.name for p in folder.iterdir()) == ["recipes.db"]


def test_a_foreign_database_named_by_followup_db_is_refused_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recipes = tmp_path / "recipes.db"
    _foreign_sqlite(recipes)
    content = recipes.read_bytes()
    monkeypatch.setenv("FOLLOWUP_DB", str(recipes))

    result = run("add", "Acme", "Analyst", code=1)

    assert_one_error_line(result, "this database belongs to something else; it was left untouched")
    assert recipes.read_bytes() == content


def test_a_directory_is_not_a_database(tmp_path: Path) -> None:
    result = run("--db", str(tmp_path), "list", code=1)

    assert_one_error_line(result, f"{tmp_path} is a directory, not a followup database")
