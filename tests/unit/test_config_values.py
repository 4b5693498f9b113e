"""Reading what `followup config set` is typed, and the locale's territory, as tables."""

from __future__ import annotations

from datetime import date

import pytest

from followup.domain.models import Action, Assessment, DueState, Stage, Window
from followup.domain.today import today_verdict
from followup.errors import BadInput
from followup.formats.settings_file import edited, typed_value
from followup.settings import locale_territory


@pytest.mark.parametrize(
    ("key", "typed", "value"),
    [
        ("check_in_min_days", "7", 7),
        ("check_in_min_days", " 07 ", 7),
        ("check_in_min_days", "-3", -3),
        # Not a whole number: left as text, for the loader to name what is wrong.
        ("check_in_min_days", "ten", "ten"),
        ("check_in_min_days", "1.5", "1.5"),
        ("ahead_days", "14", 14),
        ("business_days", "mon,tue,wed", ["mon", "tue", "wed"]),
        ("business_days", " mon , tue ", ["mon", "tue"]),
        ("business_days", "sun mon", ["sun", "mon"]),
        ("business_days", '["mon", "fri"]', ["mon", "fri"]),
        ("business_days", "[]", []),
        ("business_days", "", []),
        ("holidays", "US", "US"),
        ("holidays", "none", "none"),
        ("your_name", "42", "42"),
        ("your_name", "Sam Lee", "Sam Lee"),
        ("phone_region", "gb", "gb"),
    ],
)
def test_a_typed_value_is_read_as_its_keys_type(key: str, typed: str, value: object) -> None:
    assert typed_value(key, typed) == value


def test_a_broken_array_is_refused() -> None:
    with pytest.raises(BadInput, match="is not a TOML array"):
        typed_value("business_days", "[mon")


@pytest.mark.parametrize(
    ("text", "key", "value", "after"),
    [
        ("", "ahead_days", 3, "ahead_days = 3\n"),
        ("# mine\nahead_days = 3 # three\n", "ahead_days", 4, "# mine\nahead_days = 4 # three\n"),
        ("a_day = 1\nahead_days = 3", "ahead_days", None, "a_day = 1\n"),
        ("x = 1", "y", "z", 'x = 1\ny = "z"\n'),
        ("x = 1\n", "x", None, ""),
    ],
)
def test_an_edit_changes_one_key_and_keeps_the_rest(
    text: str, key: str, value: object, after: str
) -> None:
    assert edited(text, key, value) == after


@pytest.mark.parametrize(
    ("locale", "territory"),
    [
        ("en_US.UTF-8", "US"),
        ("en_GB", "GB"),
        ("de_DE@euro", "DE"),
        ("fr_CA.ISO-8859-1", "CA"),
        ("ast_es.UTF-8", "ES"),
        ("C", None),
        ("C.UTF-8", None),
        ("POSIX", None),
        ("en", None),
        ("", None),
        (None, None),
        ("en_USA.UTF-8", None),
    ],
)
def test_the_territory_of_a_locale(locale: str | None, territory: str | None) -> None:
    assert locale_territory(locale) == territory


THU = date(2026, 11, 26)


def _verdict(window: Window | None) -> Assessment:
    return Assessment(Stage.APPLIED, window, None if window else "nothing is due", ())


@pytest.mark.parametrize(
    ("earliest", "latest", "contact", "state"),
    [
        (date(2026, 11, 23), date(2026, 11, 27), True, DueState.DUE),
        (THU, THU, True, DueState.DUE),
        (date(2026, 11, 16), date(2026, 11, 25), True, DueState.OVERDUE),
        (date(2026, 11, 27), date(2026, 12, 4), False, None),
    ],
)
def test_today_is_a_day_to_contact_them_exactly_when_due_lists_it(
    earliest: date, latest: date, contact: bool, state: DueState | None
) -> None:
    window = Window(earliest, latest, Action.CALL, "why")

    verdict = today_verdict(_verdict(window), THU)

    assert (verdict.contact, verdict.state, verdict.window) == (contact, state, window)


def test_with_no_window_today_is_not_a_day_to_contact_them_and_says_why() -> None:
    verdict = today_verdict(_verdict(None), THU)

    assert (verdict.contact, verdict.window, verdict.waiting) == (False, None, "nothing is due")
