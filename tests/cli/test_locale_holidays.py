"""Public holidays from the locale, when the settings name none; and a new profile's notice.

Applied Wednesday 16 December 2026: the follow-up week after it is Monday 21 to Friday
25 December, and 25 December is a public holiday in the US (and in GB), not in a
locale with no territory. tests/conftest.py pins LANG=C.UTF-8 for every other test.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import run, run_json

CHRISTMAS_WEEK = "2026-12-16"


@pytest.fixture(autouse=True)
def december(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOLLOWUP_TODAY", "2026-12-17")


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    folder = tmp_path / "xdg-config" / "followup"
    folder.mkdir(parents=True)
    return folder / "settings.toml"


def _follow_up_week() -> tuple[str, str]:
    window = run_json("add", "Acme", "Analyst", "--applied", CHRISTMAS_WEEK, "--phone", "1")[
        "next_contact"
    ]
    return window["earliest"], window["latest"]


@pytest.mark.parametrize(
    ("variables", "last_day"),
    [
        ({"LANG": "en_US.UTF-8"}, "2026-12-24"),
        ({"LANG": "C"}, "2026-12-25"),
        ({"LANG": "C.UTF-8"}, "2026-12-25"),
        ({"LANG": "POSIX"}, "2026-12-25"),
        ({"LANG": "en_GB.UTF-8"}, "2026-12-24"),
        ({"LANG": "de_DE@euro"}, "2026-12-24"),
        # POSIX's order: LC_ALL over LC_TIME over LANG.
        ({"LC_ALL": "C", "LANG": "en_US.UTF-8"}, "2026-12-25"),
        ({"LC_TIME": "en_US.UTF-8", "LANG": "C"}, "2026-12-24"),
        ({"LC_ALL": "en_US.UTF-8", "LC_TIME": "C"}, "2026-12-24"),
        # An empty variable is not set.
        ({"LC_ALL": "", "LANG": "en_US.UTF-8"}, "2026-12-24"),
        # A territory the holidays package has no calendar for: none count, no error.
        ({"LANG": "en_ZZ.UTF-8"}, "2026-12-25"),
    ],
)
def test_the_locales_territory_gives_the_holidays_when_the_settings_name_none(
    monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], last_day: str
) -> None:
    for name, value in variables.items():
        monkeypatch.setenv(name, value)

    assert _follow_up_week() == ("2026-12-21", last_day)


def test_holidays_none_in_the_file_turns_them_off_whatever_the_locale(
    settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    settings_file.write_text('holidays = "none"\n')

    assert _follow_up_week() == ("2026-12-21", "2026-12-25")


def test_holidays_in_the_file_win_over_the_locale(
    settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "C")
    settings_file.write_text('holidays = "GB"\n')

    assert _follow_up_week() == ("2026-12-21", "2026-12-24")


def test_config_show_says_the_holidays_come_from_the_locale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")

    (line,) = [line for line in run("config", "show").stdout.splitlines() if "holidays" in line]

    assert line.split(maxsplit=2) == [
        "holidays",
        '"US"',
        'from your locale en_US.UTF-8; set holidays = "none" to turn off',
    ]
    data = run_json("config", "show")
    assert data["locale"] == "en_US.UTF-8"
    assert data["settings"]["holidays"] | {"line": None} == {
        "value": "US",
        "default": False,
        "line": None,
        "source": "locale",
        "file_value": "US",
    }


def test_config_show_says_a_file_turned_them_off(
    settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    settings_file.write_text('holidays = "None"\n')

    (line,) = [line for line in run("config", "show").stdout.splitlines() if "holidays" in line]

    assert line.split(maxsplit=2)[1:] == ["none", "yours (line 1): none, whatever your locale"]


def test_a_profile_records_the_locales_holidays_and_keeps_them_on_another_machine(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    _follow_up_week()

    # A machine with no territory in its locale shares the profile: its windows stay put.
    monkeypatch.setenv("LANG", "C")
    add = ("add", "Globex", "Engineer", "--applied", CHRISTMAS_WEEK, "--email", "a@b.test")
    assert run_json(*add)["next_contact"]["latest"] == "2026-12-24"
    shown = run_json("config", "show")["settings"]["holidays"]
    assert (shown["value"], shown["source"], shown["file_value"]) == ("US", "profile", None)


def test_a_profile_recorded_without_holidays_keeps_none_until_config_apply(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANG", "C")
    _follow_up_week()
    monkeypatch.setenv("LANG", "en_US.UTF-8")

    assert run_json("show", "1")["next_contact"]["latest"] == "2026-12-25"
    (line,) = [line for line in run("config", "show").stdout.splitlines() if "holidays" in line]
    assert line.split(maxsplit=2)[1:] == [
        "none",
        "profile (your locale says \"US\"; 'followup config apply' makes it the profile's)",
    ]

    run("config", "apply")
    assert run_json("show", "1")["next_contact"]["latest"] == "2026-12-24"


def test_the_first_command_of_a_new_profile_says_which_holidays_count(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")

    first = run("add", "Acme", "Analyst", "--applied", CHRISTMAS_WEEK, "--json")
    second = run("add", "Globex", "Engineer", "--applied", CHRISTMAS_WEEK, "--json")

    assert first.stderr == (
        "Note: profile default is new: US public holidays are days off (from your locale "
        'en_US.UTF-8). Sign your drafts: followup config set your_name "Your Name"\n'
    )
    # Standard output stays the JSON alone; and the note comes once.
    assert first.stdout.startswith("{")
    assert second.stderr == ""


@pytest.mark.parametrize(
    ("lang", "file", "note"),
    [
        (
            "C",
            "",
            "Note: profile default is new: no public holidays are days off (see 'followup "
            'config show\'). Sign your drafts: followup config set your_name "Your Name"\n',
        ),
        (
            "C",
            'holidays = "GB"\nsubdivision = "ENG"\nyour_name = "Sam Lee"\n',
            "Note: profile default is new: GB (ENG) public holidays are days off "
            "(from your settings file).\n",
        ),
    ],
)
def test_the_new_profiles_note_names_the_holidays_in_use_and_the_missing_name(
    settings_file: Path, monkeypatch: pytest.MonkeyPatch, lang: str, file: str, note: str
) -> None:
    monkeypatch.setenv("LANG", lang)
    settings_file.write_text(file)

    assert run("due").stderr == note


def test_a_command_that_records_nothing_says_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")

    assert run("list").stderr == ""
    # A command that fails records nothing, and so says nothing either.
    assert run("log-call", "7", code=1).stderr == "Error: no application with id 7\n"


@pytest.mark.sqlite_only
def test_a_real_process_reads_the_locale_from_its_environment(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_TIME")}

    def last_day(lang: str, db: str) -> str:
        add = ["--db", str(tmp_path / db), "add", "Acme", "Analyst", "--applied", CHRISTMAS_WEEK]
        done = subprocess.run(
            [sys.executable, "-m", "followup", *add, "--phone", "1", "--json"],
            env=env | {"LANG": lang},
            capture_output=True,
            text=True,
            check=True,
        )
        return str(done.stdout.split('"latest": "')[1][:10])

    assert last_day("en_US.UTF-8", "us.db") == "2026-12-24"
    assert last_day("C", "c.db") == "2026-12-25"


def test_unsetting_holidays_hands_them_back_to_the_locale(
    settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    run("config", "set", "holidays", "none")
    assert _follow_up_week() == ("2026-12-21", "2026-12-25")

    result = run("config", "unset", "holidays")

    assert result.stdout.splitlines()[0] == (
        f'Took holidays out of your settings file {settings_file}: "US" (from your locale '
        'en_US.UTF-8; set holidays = "none" to turn off).'
    )
    assert run_json("config", "unset", "holidays")["source"] == "locale"
