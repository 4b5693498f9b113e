"""`followup config set` and `config unset`: one line of the settings file, the rest as it was.

The settings file is in the config directory that tests/conftest.py points at tmp_path
(XDG_CONFIG_HOME). Today is Thursday 26 November 2026.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tests.cli.helpers import run, run_json

MINE = """\
# My settings, written by hand.
holidays = "GB"  # where I live

# The cadence: weekly check-ins.
check_in_min_days = 7 # a week
check_in_max_days = 10
"""


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "xdg-config" / "followup" / "settings.toml"


@pytest.fixture
def mine(settings_file: Path) -> Path:
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text(MINE)
    return settings_file


def test_setting_a_key_in_the_file_changes_its_line_and_keeps_comments_and_order(
    mine: Path,
) -> None:
    result = run("config", "set", "check_in_min_days", "8")

    assert mine.read_text() == MINE.replace("= 7 # a week", "= 8 # a week")
    assert result.stdout.splitlines()[0] == f"check_in_min_days = 8 in your settings file {mine}."


def test_a_new_key_goes_at_the_end_and_nothing_else_moves(mine: Path) -> None:
    run("config", "set", "your_name", "Sam Lee")
    run("config", "set", "ahead_days", "14")

    assert mine.read_text() == MINE + 'your_name = "Sam Lee"\nahead_days = 14\n'
    shown = run_json("config", "show")["settings"]
    assert (shown["your_name"]["value"], shown["your_name"]["line"]) == ("Sam Lee", 7)
    assert (shown["ahead_days"]["value"], shown["ahead_days"]["source"]) == (14, "file")


def test_unset_takes_the_key_out_and_its_default_applies_again(mine: Path) -> None:
    result = run("config", "unset", "check_in_max_days")

    assert mine.read_text() == MINE.replace("check_in_max_days = 10\n", "")
    assert result.stdout.splitlines()[0] == (
        f"Took check_in_max_days out of your settings file {mine}: 14 (default)."
    )
    assert run_json("config", "show")["settings"]["check_in_max_days"]["source"] == "default"


def test_unset_of_a_key_not_in_the_file_changes_nothing(mine: Path) -> None:
    before = mine.stat().st_mtime_ns

    result = run("config", "unset", "phone_region")

    assert result.stdout == (
        f"phone_region is not in your settings file {mine}; nothing changed.\n"
    )
    assert (mine.read_text(), mine.stat().st_mtime_ns) == (MINE, before)


def test_the_first_set_makes_the_folder_and_a_file_only_you_can_read(settings_file: Path) -> None:
    run("config", "set", "your_email", "Sam@Example.COM")

    assert settings_file.read_text() == 'your_email = "Sam@Example.COM"\n'
    assert stat.S_IMODE(settings_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(settings_file.parent.stat().st_mode) == 0o700
    # Read back as every command reads it: in the normal form.
    assert run_json("config", "show")["settings"]["your_email"]["value"] == "Sam@example.com"


def test_a_file_others_could_read_is_made_private_when_it_is_rewritten(mine: Path) -> None:
    mine.chmod(0o644)

    run("config", "set", "your_phone", "+1 650 253 0000")

    assert stat.S_IMODE(mine.stat().st_mode) == 0o600


def test_a_read_only_settings_file_is_left_as_it_is(mine: Path) -> None:
    mine.chmod(0o444)

    result = run("config", "set", "ahead_days", "3", code=1)

    assert result.stderr == (
        f"Error: settings file {mine} is read-only; make it writable (chmod u+w) to change it\n"
    )
    assert mine.read_text() == MINE


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        (
            "check_in_min_days",
            "ten",
            'line 5: check_in_min_days must be a whole number of days from 1 to 365, not "ten"',
        ),
        (
            "check_in_min_days",
            "0",
            "line 5: check_in_min_days must be a whole number of days from 1 to 365, not 0",
        ),
        (
            "check_in_min_days",
            "12",
            "line 6: check_in_max_days (10) is less than check_in_min_days (12)",
        ),
        (
            "stalker_touches",
            "1.5",
            'line 7: stalker_touches must be a whole number from 2 to 50, not "1.5"',
        ),
        (
            "business_days",
            "mon,fun",
            'line 7: business_days has "fun", which is not a weekday; '
            'write ["mon", "tue", "wed", "thu", "fri"]',
        ),
        (
            "holidays",
            "XX",
            'line 2: holidays = "XX" is not a country the holidays package knows; '
            "use a two-letter country code such as US, GB, CA, DE or FR",
        ),
        (
            "holidays",
            "United States",
            'line 2: holidays = "United States" is not a country code; use one such as US or GB',
        ),
        (
            "date_order",
            "ymd",
            'line 7: date_order must be "dmy" (03/04/2026 is 3 April) or "mdy" (March 4), '
            'not "ymd"',
        ),
        (
            "phone_region",
            "ZZ",
            'line 7: phone_region = "ZZ" is not a region phonenumbers knows; '
            "use a two-letter country code such as US or GB",
        ),
        (
            "your_email",
            "sam at home",
            "line 7: your_email: 'sam at home' is not an email address: "
            "an email address must have an @-sign",
        ),
        ("subdivision", "XX", 'line 7: subdivision = "XX" is not a subdivision of GB'),
    ],
)
def test_a_bad_value_is_refused_with_the_loaders_words_and_the_file_stays_byte_identical(
    mine: Path, key: str, value: str, message: str
) -> None:
    before = mine.read_bytes()

    result = run("config", "set", key, value, code=2)

    assert result.stderr.startswith(f"Error: settings file {mine}, {message}"), result.stderr
    assert result.stdout == ""
    assert mine.read_bytes() == before
    assert sorted(p.name for p in mine.parent.iterdir()) == ["settings.toml"]


def test_unset_that_would_break_the_file_is_refused_too(mine: Path) -> None:
    run("config", "set", "subdivision", "ENG")
    before = mine.read_bytes()

    result = run("config", "unset", "holidays", code=2)

    # The line it would be on, in the file as it would be.
    assert result.stderr == (
        f'Error: settings file {mine}, line 6: subdivision = "ENG" needs a country: '
        'add holidays = "US" (or another country code)\n'
    )
    assert mine.read_bytes() == before


def test_an_unknown_key_is_refused_with_the_nearest_name(mine: Path) -> None:
    result = run("config", "set", "check_in_days", "9", code=2)

    assert result.stderr == (
        "Error: unknown setting 'check_in_days'; did you mean check_in_min_days? "
        "(docs/settings.md lists them all)\n"
    )
    assert mine.read_text() == MINE


def test_a_file_that_is_not_toml_is_named_with_its_line_and_left_alone(mine: Path) -> None:
    mine.write_text("holidays = GB\n")

    result = run("config", "set", "ahead_days", "3", code=2)

    assert result.stderr.startswith(f"Error: settings file {mine}, line 1: not valid TOML: ")
    assert mine.read_text() == "holidays = GB\n"


def test_set_can_repair_a_bad_value_in_the_file(mine: Path) -> None:
    mine.write_text(MINE.replace("= 7 #", '= "seven" #'))
    run("due", code=2)

    run("config", "set", "check_in_min_days", "7")

    assert mine.read_text() == MINE
    run("due")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("mon,tue,wed", '["mon", "tue", "wed"]'),
        ("mon, tue, wed", '["mon", "tue", "wed"]'),
        ("Monday Tuesday", '["Monday", "Tuesday"]'),
        ('["sun", "mon"]', '["sun", "mon"]'),
    ],
)
def test_business_days_are_typed_as_a_list_or_a_toml_array(
    settings_file: Path, typed: str, stored: str
) -> None:
    run("config", "set", "business_days", typed)

    assert settings_file.read_text() == f"business_days = {stored}\n"


def test_a_broken_toml_array_is_refused_before_anything_is_written(settings_file: Path) -> None:
    result = run("config", "set", "business_days", '["mon"', code=2)

    assert result.stderr == (
        'Error: business_days: ["mon" is not a TOML array; write it as mon,tue,wed '
        'or ["mon", "tue", "wed"]\n'
    )
    assert not settings_file.exists()


def test_a_number_for_a_text_setting_stays_text(settings_file: Path) -> None:
    run("config", "set", "your_name", "42")

    assert settings_file.read_text() == 'your_name = "42"\n'


def test_setting_what_the_file_already_says_writes_nothing(mine: Path) -> None:
    before = mine.stat().st_mtime_ns

    result = run("config", "set", "check_in_max_days", "10")

    assert result.stdout == (
        f"Your settings file {mine} already has check_in_max_days = 10; nothing changed.\n"
    )
    assert mine.stat().st_mtime_ns == before


def test_a_setting_that_moves_windows_says_config_apply_makes_it_the_profiles(mine: Path) -> None:
    lines = run("config", "set", "check_in_max_days", "12").stdout.splitlines()

    assert lines[1] == (
        "check_in_max_days moves windows: once profile default has its settings recorded, "
        "they win over this file until you run 'followup config apply'."
    )
    # One that only says how this machine reads what you type has no such line.
    assert len(run("config", "set", "date_order", "dmy").stdout.splitlines()) == 1


def test_config_set_changes_the_file_not_a_profile_with_recorded_settings(mine: Path) -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-18", "--phone", "555-0100")

    run("config", "set", "check_in_max_days", "12")

    shown = run_json("config", "show")["settings"]["check_in_max_days"]
    assert (shown["value"], shown["source"], shown["file_value"]) == (10, "profile", 12)
    run("config", "apply")
    shown = run_json("config", "show")["settings"]["check_in_max_days"]
    assert (shown["value"], shown["file_value"]) == (12, 12)


def test_config_set_json_says_what_the_setting_is_now(mine: Path) -> None:
    assert run_json("config", "set", "holidays", "us") == {
        "path": str(mine),
        "key": "holidays",
        "value": "US",
        "source": "file",
        "written": True,
        "profile_setting": True,
    }
    assert run_json("config", "unset", "your_name") == {
        "path": str(mine),
        "key": "your_name",
        "value": None,
        "source": "default",
        "written": False,
        "profile_setting": False,
    }
