"""The settings file: every key read, every mistake named with its key and line."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from followup.domain.cadence import DEFAULT_CADENCE, MONDAY_TO_FRIDAY
from followup.domain.rules import DEFAULT_AHEAD_DAYS, assess, stored_version
from followup.errors import BadInput
from followup.formats import question_bank as bank
from followup.settings import (
    KEYS,
    PROFILE_KEYS,
    SETTINGS,
    PublicHolidays,
    Settings,
    config_dir,
    load_settings,
    parse_settings,
    settings_path,
)
from tests.unit.builders import d, history

ROOT = Path(__file__).resolve().parents[2]
FILE = Path("/home/sam/.config/followup/settings.toml")


def parse(text: str) -> Settings:
    return parse_settings(text, FILE)


def refusal(text: str) -> str:
    with pytest.raises(BadInput) as caught:
        parse(text).check()
    return caught.value.message


def test_the_defaults_are_the_rules_of_the_core_issue() -> None:
    defaults = Settings()
    assert defaults.cadence == DEFAULT_CADENCE
    assert defaults.cadence.calendar.weekdays == MONDAY_TO_FRIDAY
    assert defaults.ahead_days == DEFAULT_AHEAD_DAYS == 7
    assert (defaults.holidays, defaults.date_order, defaults.phone_region) == (None, None, None)
    assert stored_version(defaults.cadence) == stored_version()


def test_every_setting_is_described_and_documented() -> None:
    assert set(KEYS) == set(Settings._fields) - {
        "path",
        "lines",
        "recorded_for",
        "holidays_locale",
    }
    reference = (ROOT / "docs" / "settings.md").read_text()
    for setting in SETTINGS:
        assert f"| `{setting.key}` |" in reference, setting.key
        assert setting.about


def test_no_file_means_every_default(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "settings.toml")
    assert settings == Settings()
    assert settings.path is None
    assert all(settings.is_default(key) for key in KEYS)


def test_the_example_in_the_docs_is_a_valid_settings_file() -> None:
    reference = (ROOT / "docs" / "settings.md").read_text()
    (example,) = re.findall(r"```toml\n(.*?)```", reference, flags=re.DOTALL)
    settings = parse(example)
    assert settings.holidays == "US"
    assert settings.subdivision == "CA"
    assert (settings.check_in_min_days, settings.check_in_max_days) == (7, 10)
    assert settings.business_days == ("mon", "tue", "wed", "thu")
    assert (settings.date_order, settings.ahead_days, settings.phone_region) == ("mdy", 14, "US")
    settings.check()


def test_every_key_is_read_with_its_line() -> None:
    settings = parse(
        "# my rhythm\n"
        "check_in_min_days = 7\n"
        "check_in_max_days = 9\n"
        "agreed_span_days = 2\n"
        "stalker_touches = 2\n"
        "stalker_days = 3\n"
        "thank_you_grace_days = 0\n"
        "quiet_after = 4\n"
        "no_response_after_days = 21\n"
        'business_days = ["Monday", "tue", "WED", "thurs", "sun"]\n'
        'holidays = "gb"\n'
        'subdivision = "ENG"\n'
        'date_order = "DMY"\n'
        "ahead_days = 14\n"
        'phone_region = "gb"\n'
        'your_name = "  Ana Diaz "\n'
        'your_phone = "020 7946 0958"\n'
        'your_email = "Ana@Example.com"\n'
    )
    assert (settings.your_name, settings.your_phone) == ("Ana Diaz", "+442079460958")
    assert settings.your_email == "Ana@example.com"
    assert settings.business_days == ("mon", "tue", "wed", "thu", "sun")
    assert (settings.holidays, settings.subdivision, settings.phone_region) == ("GB", "ENG", "GB")
    assert settings.date_order == "dmy"
    assert settings.lines["check_in_min_days"] == 2
    assert settings.lines["phone_region"] == 15
    cadence = settings.cadence
    assert (cadence.check_in_min_days, cadence.check_in_max_days) == (7, 9)
    assert (cadence.stalker_touches, cadence.stalker_days) == (2, 3)
    assert (cadence.agreed_span_days, cadence.thank_you_grace_days) == (2, 0)
    assert (cadence.quiet_after, cadence.no_response_after_days) == (4, 21)
    assert cadence.calendar.weekdays == frozenset({0, 1, 2, 3, 6})
    assert not any(settings.is_default(key) for key in KEYS)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('your_email = "ana"', "line 1: your_email: 'ana' is not an email address"),
        ('your_phone = "call me"', "line 1: your_phone: 'call me' is not a phone number"),
        ('your_name = ""', 'line 1: your_name must be text in quotes, such as "US", not ""'),
        (f'your_name = "{"a" * 201}"', "line 1: your_name is too long (201 characters"),
        ('your_name = "Ana\\u001b[2J"', "line 1: your_name holds a control character"),
    ],
)
def test_who_you_are_is_checked_as_typed_contact_details_are(line: str, message: str) -> None:
    with pytest.raises(BadInput) as caught:
        parse(line + "\n")
    assert message in str(caught.value)


def test_a_value_equal_to_its_default_is_still_the_default() -> None:
    settings = parse("check_in_min_days = 10\n")
    assert settings.is_default("check_in_min_days")
    assert settings.cadence == DEFAULT_CADENCE


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "# mine\ncheck_in_min_days = ten\n",
            f"settings file {FILE}, line 2: not valid TOML: invalid value (column 21)",
        ),
        (
            "check_in_min_days = 10\n[cadence\n",
            f"settings file {FILE}, line 2: not valid TOML: expected ']' at the end of a table "
            "declaration (column 9)",
        ),
        (
            'holidays = "US\n',
            f"settings file {FILE}, line 1: not valid TOML: illegal character '\\n' (column 15)",
        ),
        (
            'ahead_days = 7\nbusiness_days = ["mon",',
            f"settings file {FILE}, line 2: not valid TOML: invalid value (at the end of the file)",
        ),
        (
            "\ncheck_in_days = 10\n",
            f"settings file {FILE}, line 2: unknown setting 'check_in_days'; did you mean "
            "check_in_min_days? (docs/settings.md lists them all)",
        ),
        (
            "[cadence]\ncheck_in_min_days = 3\n",
            f"settings file {FILE}, line 1: unknown setting 'cadence' "
            "(docs/settings.md lists them all)",
        ),
        (
            'check_in_min_days = "ten"\n',
            f"settings file {FILE}, line 1: check_in_min_days must be a whole number of days "
            'from 1 to 365, not "ten"',
        ),
        (
            "ahead_days = true\n",
            f"settings file {FILE}, line 1: ahead_days must be a whole number of days "
            "from 0 to 3660, not true",
        ),
        (
            "stalker_touches = 1\n",
            f"settings file {FILE}, line 1: stalker_touches must be a whole number from 2 to 50, "
            "not 1",
        ),
        (
            "thank_you_grace_days = 1.5\n",
            f"settings file {FILE}, line 1: thank_you_grace_days must be a whole number of days "
            "from 0 to 20, not 1.5",
        ),
        (
            "check_in_min_days = 20\n",
            f"settings file {FILE}, line 1: check_in_max_days (14) is less than "
            "check_in_min_days (20)",
        ),
        (
            "check_in_min_days = 9\ncheck_in_max_days = 8\n",
            f"settings file {FILE}, line 2: check_in_max_days (8) is less than "
            "check_in_min_days (9)",
        ),
        (
            'business_days = ["mon", "funday"]\n',
            f'settings file {FILE}, line 1: business_days has "funday", which is not a weekday; '
            'write ["mon", "tue", "wed", "thu", "fri"]',
        ),
        (
            "business_days = []\n",
            f"settings file {FILE}, line 1: business_days must be a list of weekdays such as "
            '["mon", "tue", "wed", "thu", "fri"], not []',
        ),
        (
            'business_days = "mon-fri"\n',
            f"settings file {FILE}, line 1: business_days must be a list of weekdays such as "
            '["mon", "tue", "wed", "thu", "fri"], not "mon-fri"',
        ),
        (
            "holidays = 1\n",
            f'settings file {FILE}, line 1: holidays must be text in quotes, such as "US", not 1',
        ),
        (
            'holidays = "United States"\n',
            f'settings file {FILE}, line 1: holidays = "United States" is not a country code; '
            "use one such as US or GB",
        ),
        (
            'holidays = "XX"\n',
            f'settings file {FILE}, line 1: holidays = "XX" is not a country the holidays '
            "package knows; use a two-letter country code such as US, GB, CA, DE or FR",
        ),
        (
            'holidays = "US"\nsubdivision = "ZZ"\n',
            f'settings file {FILE}, line 2: subdivision = "ZZ" is not a subdivision of US the '
            "holidays package knows; it knows AK, AL, AR, AS, AZ, CA, CO, CT, DC, DE, FL, GA, ...",
        ),
        (
            'subdivision = "CA"\n',
            f'settings file {FILE}, line 1: subdivision = "CA" needs a country: add '
            'holidays = "US" (or another country code)',
        ),
        (
            'date_order = "ymd"\n',
            f'settings file {FILE}, line 1: date_order must be "dmy" (03/04/2026 is 3 April) or '
            '"mdy" (March 4), not "ymd"',
        ),
        (
            'phone_region = "USA"\n',
            f'settings file {FILE}, line 1: phone_region = "USA" is not a two-letter country '
            "code; use one such as US or GB",
        ),
        (
            'phone_region = "QQ"\n',
            f'settings file {FILE}, line 1: phone_region = "QQ" is not a region phonenumbers '
            "knows; use a two-letter country code such as US or GB",
        ),
    ],
    ids=lambda value: value if "\n" not in value else value.splitlines()[-1][:30],
)
def test_a_mistake_is_one_line_naming_the_key_and_its_line(text: str, message: str) -> None:
    assert refusal(text) == message


def test_an_unreadable_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b'holidays = "\xff"\n')
    with pytest.raises(BadInput, match=r"settings file .* is not UTF-8 text \(byte 13\)"):
        load_settings(path)
    path.unlink()
    path.mkdir()
    with pytest.raises(BadInput, match="is not a file"):
        load_settings(path)


def test_settings_change_only_the_windows_version_when_they_move_windows() -> None:
    base = stored_version(Settings().cadence)
    assert stored_version(parse('date_order = "dmy"\nahead_days = 3\n').cadence) == base
    assert stored_version(parse('phone_region = "US"\n').cadence) == base
    assert stored_version(parse("check_in_max_days = 12\n").cadence) != base
    us = stored_version(parse('holidays = "US"\n').cadence)
    california = stored_version(parse('holidays = "US"\nsubdivision = "CA"\n').cadence)
    assert len({base, us, california}) == 3
    assert stored_version(parse('holidays = "US"\n').cadence) == us


def test_the_config_dir_is_xdg_unless_followup_config_dir_names_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert config_dir() == tmp_path / "xdg" / "followup"
    assert settings_path() == tmp_path / "xdg" / "followup" / "settings.toml"
    monkeypatch.setenv("FOLLOWUP_CONFIG_DIR", str(tmp_path / "mine"))
    assert settings_path() == tmp_path / "mine" / "settings.toml"
    # The question bank shares the one folder.
    assert bank.user_questions_path() == tmp_path / "mine" / "questions.toml"


# --- Public holidays from the holidays package --------------------------------------------


def test_us_public_holidays_come_from_the_holidays_package() -> None:
    us = PublicHolidays("US", None)
    assert date(2026, 12, 25) in us  # Christmas
    assert date(2026, 11, 26) in us  # Thanksgiving
    assert date(2026, 11, 27) not in us
    # New Year's Day 2028 is a Saturday; the federal holiday is observed on Friday 31 Dec 2027.
    assert date(2027, 12, 31) in us
    assert PublicHolidays("US", None) == us
    assert PublicHolidays("US", "CA") != us


def test_a_subdivision_adds_its_own_holidays() -> None:
    # Cesar Chavez Day is a California state holiday, not a federal one.
    assert date(2026, 3, 31) in PublicHolidays("US", "CA")
    assert date(2026, 3, 31) not in PublicHolidays("US", None)


def test_with_us_holidays_a_window_ending_on_christmas_ends_the_day_before() -> None:
    cadence = parse('holidays = "US"\n').cadence
    window = assess(history("Mon 14 Dec"), d("Mon 14 Dec"), cadence).next_contact
    assert window is not None
    assert (window.earliest, window.latest) == (d("Mon 21 Dec"), d("Thu 24 Dec"))
    # And on New Year's Day 2027, a Friday.
    window = assess(history("Mon 21 Dec"), d("Mon 21 Dec"), cadence).next_contact
    assert window is not None
    assert (window.earliest, window.latest) == (d("Mon 28 Dec"), d("Thu 31 Dec"))


def test_an_unknown_country_is_reported_when_the_calendar_is_first_needed() -> None:
    cadence = parse('\nholidays = "XX"\n').cadence
    with pytest.raises(BadInput, match=f'^settings file {FILE}, line 2: holidays = "XX"'):
        assess(history("Mon 14 Dec"), d("Mon 14 Dec"), cadence)


# --- A profile's settings (docs/settings.md, "Settings that belong to the profile") ---------------


def test_the_profiles_settings_are_exactly_those_that_move_windows() -> None:
    """Each profile key changes the cadence's fingerprint (and so the stored verdicts'
    version); no machine key does."""
    changed = {
        "check_in_min_days": 2,
        "check_in_max_days": 30,
        "agreed_span_days": 0,
        "stalker_touches": 5,
        "stalker_days": 3,
        "thank_you_grace_days": 0,
        "quiet_after": 5,
        "no_response_after_days": 60,
        "business_days": ("mon",),
        "holidays": "US",
        "date_order": "dmy",
        "ahead_days": 30,
        "phone_region": "GB",
    }
    base = stored_version(Settings().cadence)
    moves = {
        key
        for key, value in changed.items()
        if stored_version(
            Settings(**{key: value}).cadence  # type: ignore[arg-type]
        )
        != base
    }
    # A subdivision needs a country: it moves windows when it changes the country's days.
    assert moves | {"subdivision"} == set(PROFILE_KEYS)
    assert stored_version(Settings(holidays="US", subdivision="CA").cadence) != stored_version(
        Settings(holidays="US").cadence
    )


def test_a_profiles_recorded_settings_replace_the_files_and_only_those() -> None:
    file = parse("check_in_min_days = 12\ncheck_in_max_days = 16\nahead_days = 3\n")
    recorded = Settings(check_in_min_days=7, check_in_max_days=9).profile_values()
    chosen = file.for_profile(recorded, "sam")
    assert (chosen.check_in_min_days, chosen.check_in_max_days, chosen.ahead_days) == (7, 9, 3)
    assert (chosen.source("check_in_min_days"), chosen.source("ahead_days")) == ("profile", "file")
    assert chosen.source("phone_region") == "default"
    assert file.source("check_in_min_days") == "file"


def test_a_key_the_profile_never_recorded_is_its_default_not_the_files() -> None:
    # As when a later followup adds a setting: every machine must count alike.
    file = parse("stalker_days = 9\n")
    assert file.for_profile({"check_in_min_days": 7}, "sam").stalker_days == 7


@pytest.mark.parametrize(
    ("recorded", "message"),
    [
        (
            {"business_days": "mon"},
            "the settings of profile 'sam' in the database: business_days must be a list of "
            'weekdays such as ["mon", "tue", "wed", "thu", "fri"], not "mon"',
        ),
        (
            {"check_in_min_days": 20, "check_in_max_days": 10},
            "the settings of profile 'sam' in the database: they do not hold together; "
            "run 'followup config apply'",
        ),
        (
            {"subdivision": "CA"},
            "the settings of profile 'sam' in the database: they do not hold together; "
            "run 'followup config apply'",
        ),
    ],
)
def test_recorded_settings_that_cannot_be_read_name_the_profile(
    recorded: dict[str, object], message: str
) -> None:
    with pytest.raises(BadInput) as caught:
        Settings().for_profile(recorded, "sam")
    assert caught.value.message == message
