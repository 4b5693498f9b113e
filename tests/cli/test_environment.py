"""Junk in the environment or in --db is bad input, never a bug (issue 11, item 11).

Each value once ended in exit 70 ("unexpected problem") or was quietly replaced by a
default; now it is exit 2 with one line naming the variable, and nothing is written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from followup.storage import engine
from tests.cli.helpers import run
from tests.cli.stories import add, everything
from tests.cli.test_errors import assert_one_error_line
from tests.integration.test_processes import followup

BUSY_RANGE = "is not a number of milliseconds from 0 to 2147483647 (the default is 5000)"


@pytest.fixture(autouse=True)
def _elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run where a location taken for a file name (as followup once did) harms nothing."""
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize(
    ("command", "value"),
    [
        (["due"], "²"),
        (["list"], "-5"),
        (["add", "X", "Y"], "1e9"),
        (["due"], "2147483648"),
        (["add", "X", "Y"], " 5000"),
    ],
)
def test_a_busy_timeout_that_is_not_a_number_of_milliseconds_is_bad_input(
    monkeypatch: pytest.MonkeyPatch, command: list[str], value: str
) -> None:
    add("Acme", "Analyst")
    before = everything()
    monkeypatch.setenv("FOLLOWUP_BUSY_TIMEOUT_MS", value)

    result = run(*command, code=2)

    assert_one_error_line(result, f"FOLLOWUP_BUSY_TIMEOUT_MS={value!r} {BUSY_RANGE}")
    monkeypatch.delenv("FOLLOWUP_BUSY_TIMEOUT_MS")
    assert everything() == before


@pytest.mark.parametrize(
    ("command", "value"),
    [
        (["due"], "9999-12-31"),
        (["add", "X", "Y"], "0001-01-01"),
        (["show", "1"], "3000-01-01"),
        (["list"], "1899-12-31"),
    ],
)
def test_a_followup_today_too_far_from_now_is_bad_input(
    monkeypatch: pytest.MonkeyPatch, command: list[str], value: str
) -> None:
    add("Acme", "Analyst")
    before = everything()
    monkeypatch.setenv("FOLLOWUP_TODAY", value)

    result = run(*command, code=2)

    assert_one_error_line(
        result,
        f"FOLLOWUP_TODAY={value!r} is too far from now: give a day in the years 1900 to 2999",
    )
    monkeypatch.setenv("FOLLOWUP_TODAY", "2026-11-26")
    assert everything() == before


@pytest.mark.parametrize("value", ["2999-12-31", "1900-01-01"])
def test_the_first_and_last_plausible_days_work(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("FOLLOWUP_TODAY", value)
    app_id = add("Acme", "Analyst")["id"]
    run("log-call", str(app_id))
    run("due")


@pytest.mark.parametrize("value", ["", " "])
def test_an_empty_db_option_is_bad_input_not_the_default_database(
    value: str, tmp_path: Path
) -> None:
    add("Acme", "Analyst")
    before = everything()

    result = run("--db", value, "add", "X", "Y", code=2)

    assert result.stderr.splitlines() == [
        "Error: Invalid value for '--db': it is empty; give a database file or URL "
        "(see 'followup --help')"
    ]
    assert everything() == before
    assert not (tmp_path / "xdg-data").exists()


def test_a_busy_timeout_of_0_gives_up_at_once_on_every_store(db: Path) -> None:
    """To SQLite 0 means not waiting; to PostgreSQL's lock_timeout it would mean for ever."""
    app_id = int(add("Acme", "Analyst")["id"])
    with engine.transaction(str(db)) as store:
        store.history(app_id)
        done = followup("log-call", str(app_id), env={"FOLLOWUP_BUSY_TIMEOUT_MS": "0"})
    assert done.returncode == 75, done.stderr
    assert done.stderr == (
        "Error: the database is busy: another followup is writing to it; try again in a moment\n"
    )
    assert json.loads(run("show", str(app_id), "--json").stdout)["touches"] == []
