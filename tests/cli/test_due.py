"""due: the morning view, its order, how far ahead it looks, and whom to leave alone.

Today is Thu 26 Nov 2026. Windows worked out by hand (one follow-up in the week after applying):
applied Wed 4 Nov -> Mon 9 .. Fri 13 Nov (overdue); Mon 9 Nov -> 16 .. 20 Nov (overdue);
Wed 18 Nov -> 23 .. 27 Nov (due); Wed 25 Nov -> Mon 30 Nov .. Fri 4 Dec (opens in 4 days).
"""

from __future__ import annotations

import pytest

from tests.cli.stories import add, due, due_items, human, log

# Every test starts from an empty database: none looks at how the file came to be.
pytestmark = pytest.mark.empty_database


@pytest.fixture
def week() -> dict[str, int]:
    """Applications entered out of date order, so the sort cannot lean on ids."""
    ids = {
        "nine": add("Nine", "Analyst", "--applied", "2026-11-09", "--phone", "1")["id"],
        "eighteen": add("Eighteen", "Analyst", "--applied", "2026-11-18", "--phone", "1")["id"],
        "twentyfive": add("TwentyFive", "Analyst", "--applied", "2026-11-25", "--phone", "1")["id"],
        "four": add("Four", "Analyst", "--applied", "2026-11-04", "--email", "a@b.example")["id"],
        "nocall": add(
            "NoCall", "Tester", "--applied", "2026-11-20", "--phone", "1", "--do-not-call"
        )["id"],
        "nocontact": add("NoContact", "Clerk", "--applied", "2026-11-20")["id"],
    }
    return ids


def test_items_are_overdue_then_due_then_upcoming_each_by_earliest(week: dict[str, int]) -> None:
    assert due_items() == [
        (week["four"], "overdue", "email", "2026-11-09", "2026-11-13"),
        (week["nine"], "overdue", "call", "2026-11-16", "2026-11-20"),
        (week["eighteen"], "due", "call", "2026-11-23", "2026-11-27"),
        (week["twentyfive"], "upcoming", "call", "2026-11-30", "2026-12-04"),
    ]


def test_a_due_item_says_what_to_do_and_why() -> None:
    add(
        "Acme",
        "Data Analyst",
        "--applied",
        "2026-11-18",
        "--contact",
        "Dana",
        "--phone",
        "555",
        "--pitch",
        "SQL and dashboards",
    )

    assert due() == {
        "as_of": "2026-11-26",
        "items": [
            {
                "id": 1,
                "company": "Acme",
                "role": "Data Analyst",
                "state": "due",
                "action": "call",
                "earliest": "2026-11-23",
                "latest": "2026-11-27",
                "reason": "one follow-up in the week after you applied on 2026-11-18",
                "hint": "Call Dana: say who you are and that you applied for Data Analyst. "
                "Mention SQL and dashboards. Leave your name and number. "
                "Keep it short; then it is their move. What to say: followup script 1.",
            }
        ],
        "reminders": [],
        "gone_quiet": [],
    }


@pytest.mark.parametrize(
    ("ahead", "shows_upcoming"),
    [("3", False), ("4", True), ("7", True)],
)
def test_ahead_decides_how_soon_a_window_must_open_to_be_shown(
    week: dict[str, int], ahead: str, shows_upcoming: bool
) -> None:
    ids = [item[0] for item in due_items("--ahead", ahead)]

    assert (week["twentyfive"] in ids) is shows_upcoming
    assert ids[:3] == [week["four"], week["nine"], week["eighteen"]]


def test_ahead_zero_shows_only_what_can_be_done_today(week: dict[str, int]) -> None:
    assert {state for _, state, *_ in due_items("--ahead", "0")} == {"overdue", "due"}


def test_as_of_plans_for_another_day(week: dict[str, int]) -> None:
    report = due("--as-of", "friday", "--ahead", "0")

    assert report["as_of"] == "2026-11-27"
    assert [(i["id"], i["state"]) for i in report["items"]] == [
        (week["four"], "overdue"),
        (week["nine"], "overdue"),
        (week["eighteen"], "due"),
    ]


def test_as_of_accepts_an_explicit_past_date(week: dict[str, int]) -> None:
    assert due_items("--as-of", "2026-11-20", "--ahead", "3") == [
        (week["four"], "overdue", "email", "2026-11-09", "2026-11-13"),
        (week["nine"], "due", "call", "2026-11-16", "2026-11-20"),
        (week["eighteen"], "upcoming", "call", "2026-11-23", "2026-11-27"),
    ]


def test_the_human_view_lists_items_in_order_and_a_holding_off_section(
    week: dict[str, int],
) -> None:
    lines = [line.rstrip() for line in human("due").splitlines()]

    assert lines[0] == "followup, Thu 26 Nov 2026"
    marks = [line.split()[0:2] for line in lines if line.split() and line.split()[0].isupper()]
    assert marks[:4] == [["OVERDUE", "#4"], ["OVERDUE", "#1"], ["DUE", "#2"], ["SOON", "#3"]]
    assert "Holding off (2): leave these alone for now" in lines
    holding = "\n".join(lines[lines.index("Holding off (2): leave these alone for now") :])
    assert "#5 NoCall - Tester" in holding
    assert "the posting asked candidates not to call" in holding
    assert "#6 NoContact - Clerk" in holding
    assert "there is no phone number or email on file: add one with" in holding


def test_a_window_beyond_the_days_ahead_is_held_off_with_its_date(week: dict[str, int]) -> None:
    out = human("due", "--ahead", "3")

    assert "Holding off (3): leave these alone for now" in out
    row = next(line for line in out.splitlines() if "#3 TwentyFive" in line)
    assert "from Mon 30 Nov" in row
    # One line per application: the day of the application is left to `show`.
    assert row.endswith("one follow-up in the week after you applied")
    assert "one follow-up in the week after you applied on 2026-11-25" in human("show", "3")


def test_after_following_up_the_application_is_held_off_with_the_reason() -> None:
    app_id = add("Acme", "Analyst", "--applied", "2026-11-18", "--phone", "1")["id"]
    log(app_id)

    out = human("due")

    assert "Nobody to contact today. Nor in the coming days." in out
    assert "Holding off (1): leave these alone for now" in out
    assert "you followed up: the ball is in their court" in out
    assert "you followed up on 2026-11-26: the ball is in their court" in human("show", "1")


def test_with_nothing_recorded_the_morning_view_is_empty() -> None:
    assert due() == {"as_of": "2026-11-26", "items": [], "reminders": [], "gone_quiet": []}
    assert (
        human("due") == "followup, Thu 26 Nov 2026\n"
        "No open applications. After you apply: followup add COMPANY ROLE --phone ...\n"
    )


def test_a_long_holding_off_list_is_cut_short_with_a_pointer_to_list() -> None:
    for n in range(11):
        add(f"Company{n}", "Clerk", "--applied", "2026-11-20")

    out = human("due")

    assert "Holding off (11): leave these alone for now" in out
    assert "#10 Company9 - Clerk" in out
    assert "#11 Company10" not in out
    assert "... and 1 more: 'followup list' shows them all." in out
