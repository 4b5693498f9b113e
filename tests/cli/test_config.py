"""Settings end to end: `followup config`, and what the settings file changes.

Today is Thursday 26 November 2026. The settings file is in the config directory that
tests/conftest.py points at tmp_path (XDG_CONFIG_HOME).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from followup.domain.rules import RULES_VERSION
from followup.settings import KEYS
from followup.storage.engine import transaction
from tests.cli.helpers import run, run_json


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    folder = tmp_path / "xdg-config" / "followup"
    folder.mkdir(parents=True)
    return folder / "settings.toml"


def _window(app_id: int = 1) -> tuple[str, str, str]:
    window = run_json("show", str(app_id))["next_contact"]
    return window["earliest"], window["latest"], window["reason"]


def _stored_version(db: Path | str, profile: str = "default") -> str | None:
    """The version stamped on the profile's stored windows (services.profile_settings)."""
    with transaction(str(db), write=False, profile=profile) as store:
        return store.verdicts_version()


def test_config_path_prints_the_settings_file_in_the_xdg_config_directory(tmp_path: Path) -> None:
    result = run("config", "path")
    assert result.stdout == f"{tmp_path / 'xdg-config' / 'followup' / 'settings.toml'}\n"


def test_config_path_says_in_json_whether_the_file_is_there(settings_file: Path) -> None:
    assert run_json("config", "path") == {"path": str(settings_file), "exists": False}
    settings_file.write_text("ahead_days = 7\n")
    assert run_json("config", "path") == {"path": str(settings_file), "exists": True}


def test_followup_config_dir_moves_the_settings_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOLLOWUP_CONFIG_DIR", str(tmp_path / "mine"))
    assert run("config", "path").stdout == f"{tmp_path / 'mine' / 'settings.toml'}\n"


def test_config_show_lists_every_setting_at_its_default_without_a_file() -> None:
    lines = run("config", "show").stdout.splitlines()
    assert lines[0].endswith("settings.toml (no file yet: every setting is its default)")
    # A SQLite file is not created by looking; a server database holds no settings yet.
    assert lines[1] in (
        "Profile: default (no database yet: the first command that stores a window records these)",
        "Profile: default (no settings recorded yet: the first command that stores a window "
        "records these)",
    )
    assert [line.split()[0] for line in lines[2:]] == list(KEYS)
    assert all(line.endswith("  default") for line in lines[2:])
    assert "business_days         " in lines[10]
    assert '["mon", "tue", "wed", "thu", "fri"]' in lines[10]


def test_config_show_says_which_settings_are_yours_and_on_which_line(settings_file: Path) -> None:
    settings_file.write_text('# mine\nholidays = "us"\ncheck_in_min_days = 10\nahead_days = 14\n')
    shown = {line.split()[0]: line for line in run("config", "show").stdout.splitlines()[2:]}
    assert shown["holidays"].split() == ["holidays", '"US"', "yours", "(line", "2)"]
    assert shown["check_in_min_days"].split()[1:] == ["10", "default", "(line", "3)"]
    assert shown["ahead_days"].split()[1:] == ["14", "yours", "(line", "4)"]
    assert shown["phone_region"].split()[1:] == ["none", "default"]

    data = run_json("config", "show")
    assert set(data) == {"path", "exists", "profile", "recorded", "locale", "settings"}
    assert (data["profile"], data["recorded"]) == ("default", False)
    assert all(
        set(entry) == {"value", "default", "line", "source", "file_value"}
        for entry in data["settings"].values()
    )
    assert data["path"] == str(settings_file)
    assert data["exists"] is True
    assert list(data["settings"]) == list(KEYS)
    assert data["settings"]["holidays"] == {
        "value": "US",
        "default": False,
        "line": 2,
        "source": "file",
        "file_value": "US",
    }
    assert data["settings"]["business_days"] == {
        "value": ["mon", "tue", "wed", "thu", "fri"],
        "default": True,
        "line": None,
        "source": "default",
        "file_value": ["mon", "tue", "wed", "thu", "fri"],
    }


@pytest.mark.parametrize(
    "args",
    [
        ["due"],
        ["add", "Acme", "Analyst"],
        ["config", "show"],
        ["list"],
    ],
    ids=" ".join,
)
def test_a_broken_settings_file_stops_a_command_with_one_line_naming_the_key(
    settings_file: Path, args: list[str]
) -> None:
    settings_file.write_text("# mine\n\ncheck_in_min_days = ten\n")
    result = run(*args, code=2)
    assert result.stderr == (
        f"Error: settings file {settings_file}, line 3: not valid TOML: invalid value (column 21)\n"
    )
    assert result.stdout == ""
    settings_file.unlink()
    assert run_json("list") == []


def test_an_unknown_key_names_itself_and_a_close_match(settings_file: Path) -> None:
    settings_file.write_text("check_in_days = 10\n")
    result = run("due", code=2)
    assert result.stderr == (
        f"Error: settings file {settings_file}, line 1: unknown setting 'check_in_days'; "
        "did you mean check_in_min_days? (docs/settings.md lists them all)\n"
    )


def test_config_path_works_even_when_the_file_is_broken(settings_file: Path) -> None:
    settings_file.write_text("[[[")
    assert run("config", "path").stdout == f"{settings_file}\n"


def test_config_apply_moves_the_windows_of_existing_applications(
    settings_file: Path, db: Path
) -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-02", "--phone", "555 0100")
    run("interview", "1", "--on", "2026-11-16", "--next-steps", "they will call")
    run("log-call", "1", "--on", "2026-11-24")
    run("add", "Globex", "Analyst", "--applied", "2026-11-18", "--phone", "555 0199")
    assert _window(1)[:2] == ("2026-12-04", "2026-12-08")
    assert _window(2)[:2] == ("2026-11-23", "2026-11-27")
    run("due")
    assert _stored_version(db) == RULES_VERSION

    settings_file.write_text(
        'check_in_min_days = 7\ncheck_in_max_days = 9\nbusiness_days = ["mon", "tue", "wed", '
        '"thu"]\n'
    )
    # The profile keeps its recorded settings until they are changed on purpose.
    assert _window(1)[:2] == ("2026-12-04", "2026-12-08")
    assert run("config", "apply").stdout == (
        "Profile default now has: check_in_min_days 7 (was 10), check_in_max_days 9 (was 14), "
        'business_days ["mon", "tue", "wed", "thu"] (was ["mon", "tue", "wed", "thu", "fri"]).\n'
        "Worked out the windows of 2 applications again.\n"
    )
    # The morning view reads stored windows: they were all worked out again, once.
    items = {item["id"]: item for item in run_json("due", "--ahead", "14")["items"]}
    assert (items[1]["earliest"], items[1]["latest"]) == ("2026-12-01", "2026-12-03")
    assert items[1]["reason"] == "check in 7-9 days after your call on 2026-11-24 (touch #1)"
    assert (items[2]["earliest"], items[2]["latest"]) == ("2026-11-23", "2026-11-26")
    changed = _stored_version(db)
    assert changed is not None
    assert changed.startswith(f"{RULES_VERSION}:")
    assert _window(1)[:2] == ("2026-12-01", "2026-12-03")
    run("due")
    assert _stored_version(db) == changed

    # Back to the defaults: back to the rules' windows and version.
    settings_file.unlink()
    run("config", "apply")
    items = {item["id"]: item for item in run_json("due", "--ahead", "14")["items"]}
    assert (items[1]["earliest"], items[1]["latest"]) == ("2026-12-04", "2026-12-08")
    assert (items[2]["earliest"], items[2]["latest"]) == ("2026-11-23", "2026-11-27")
    assert _stored_version(db) == RULES_VERSION


def test_us_holidays_keep_windows_off_christmas(settings_file: Path) -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-26", "--phone", "555 0100")
    run("interview", "1", "--on", "2026-11-26", "--follow-up-on", "2026-12-21")
    assert _window()[:2] == ("2026-12-21", "2026-12-25")
    settings_file.write_text('holidays = "US"\n')
    run("config", "apply")
    assert _window()[:2] == ("2026-12-21", "2026-12-24")
    due = run_json("due", "--as-of", "2026-12-22")["items"]
    assert [(i["earliest"], i["latest"]) for i in due if i["action"] != "interview"] == [
        ("2026-12-21", "2026-12-24")
    ]


def test_an_unknown_holiday_country_stops_the_command_that_needs_it(settings_file: Path) -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-18", "--phone", "555 0100")
    settings_file.write_text('holidays = "XX"\n')
    result = run("config", "apply", code=2)
    assert result.stderr == (
        f'Error: settings file {settings_file}, line 1: holidays = "XX" is not a country the '
        "holidays package knows; use a two-letter country code such as US, GB, CA, DE or FR\n"
    )


@pytest.mark.parametrize(
    ("order", "applied"), [("dmy", "2026-11-03"), ("mdy", "2026-03-11")], ids=["dmy", "mdy"]
)
def test_date_order_admits_dates_in_numbers_alone(
    settings_file: Path, order: str, applied: str
) -> None:
    refused = run("add", "Acme", "Analyst", "--applied", "03/11/2026", code=2)
    assert "is ambiguous" in refused.stderr
    settings_file.write_text(f'date_order = "{order}"\n')
    added = run_json("add", "Acme", "Analyst", "--applied", "03/11/2026")
    assert added["applied_on"] == applied


def test_ahead_days_is_the_default_for_due_ahead(settings_file: Path) -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-20", "--phone", "555 0100")
    run(
        "interview", "1", "--on", "2026-11-25", "--follow-up-on", "2026-12-10", "--timeline", "soon"
    )
    assert run_json("due")["items"] == []
    settings_file.write_text("ahead_days = 14\n")
    (item,) = run_json("due")["items"]
    assert (item["state"], item["earliest"]) == ("upcoming", "2026-12-10")
    assert run_json("due", "--ahead", "7")["items"] == []


def test_with_a_phone_region_numbers_are_stored_in_e164(settings_file: Path) -> None:
    settings_file.write_text('phone_region = "US"\n')
    added = run_json(
        "add", "Acme", "Analyst", "--phone", "(650) 253-0000", "--email", "Jane@ACME.com"
    )
    assert added["contact"] == {"name": None, "phone": "+16502530000", "email": "Jane@acme.com"}
    edited = run_json("edit", "1", "--phone", "650 253 0001 x12")
    assert edited["contact"]["phone"] == "+16502530001 ext. 12"
    assert run_json("edit", "1", "--phone", "")["contact"]["phone"] is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["add", "Acme", "Analyst", "--phone", "555 0100"],
            "Error: '555 0100' is not a phone number: it needs its area code in front to be "
            "dialled from anywhere in US\n",
        ),
        (
            ["add", "Acme", "Analyst", "--email", "jane@acme"],
            "Error: 'jane@acme' is not an email address: the part after the @-sign is not "
            "valid. It should have a period\n",
        ),
        (
            ["edit", "1", "--phone", "+999 1234"],
            "Error: '+999 1234' is not a phone number: the country code after + is not one "
            "that exists\n",
        ),
        (
            ["edit", "1", "--email", "jane"],
            "Error: 'jane' is not an email address: an email address must have an @-sign\n",
        ),
    ],
    ids=["add phone", "add email", "edit phone", "edit email"],
)
def test_an_invalid_phone_or_email_is_refused_with_one_line_and_nothing_written(
    settings_file: Path, args: list[str], message: str
) -> None:
    run("add", "Globex", "Analyst", "--phone", "555 0100", "--email", "kim@globex.example")
    settings_file.write_text('phone_region = "US"\n')
    before = run("list", "--json").stdout
    result = run(*args, code=2)
    assert result.stderr == message
    assert run("list", "--json").stdout == before


def test_without_a_phone_region_a_local_number_is_kept_as_typed() -> None:
    added = run_json("add", "Acme", "Analyst", "--phone", "555  0100")
    assert added["contact"]["phone"] == "555 0100"
    result = run("add", "Acme", "Analyst", "--phone", "call me maybe", code=2)
    assert result.stderr.startswith("Error: 'call me maybe' is not a phone number: it has letters")
    assert len(json.loads(run("list", "--json").stdout)) == 1


def test_an_unknown_phone_region_is_named_when_a_number_needs_it(settings_file: Path) -> None:
    settings_file.write_text('phone_region = "QQ"\n')
    run("add", "Acme", "Analyst")
    result = run("add", "Acme", "Analyst", "--phone", "555 0100", code=2)
    assert result.stderr == (
        f'Error: settings file {settings_file}, line 1: phone_region = "QQ" is not a region '
        "phonenumbers knows; use a two-letter country code such as US or GB\n"
    )
