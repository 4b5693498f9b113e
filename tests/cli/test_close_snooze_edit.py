"""close, reopen, snooze, edit and delete-touch: changing an application after the fact.

Applied Wed 18 Nov with a phone: the follow-up week is Mon 23 .. Fri 27 Nov; today is Thu 26 Nov.
"""

from __future__ import annotations

import pytest

from tests.cli.helpers import run_json
from tests.cli.stories import (
    BALL_IN_THEIR_COURT,
    add,
    applied_wednesday_with_phone,
    check_application,
    due_items,
    human,
    log,
    show,
    window,
)

# Every test starts from an empty database: none looks at how the file came to be.
pytestmark = pytest.mark.empty_database

FIRST_WEEK_REASON = "one follow-up in the week after you applied on 2026-11-18"


def change(command: str, app_id: int, *options: str) -> dict:
    return check_application(run_json(command, str(app_id), *options))


# --- close and reopen ----------------------------------------------------------------------


def test_closing_takes_it_out_of_the_morning_view_and_the_list() -> None:
    app_id = applied_wednesday_with_phone()
    other = applied_wednesday_with_phone("Globex")

    app = change("close", app_id, "--outcome", "rejected")

    assert app["stage"] == "closed"
    assert (app["outcome"], app["closed_on"]) == ("rejected", "2026-11-26")
    assert app["next_contact"] is None
    assert app["waiting"] == "closed (rejected) on 2026-11-26: nothing more to send"
    assert [item[0] for item in due_items()] == [other]
    assert [a["id"] for a in run_json("list")] == [other]
    assert [a["id"] for a in run_json("list", "--all")] == [app_id, other]


@pytest.mark.parametrize("outcome", ["offer", "hired", "rejected", "withdrawn", "no-response"])
def test_every_documented_outcome_closes_an_application(outcome: str) -> None:
    app_id = applied_wednesday_with_phone()

    app = change("close", app_id, "--outcome", outcome, "--on", "yesterday")

    assert (app["stage"], app["outcome"], app["closed_on"]) == ("closed", outcome, "2026-11-25")


def test_a_closed_application_hides_its_scheduled_interview_from_the_morning_view() -> None:
    app_id = applied_wednesday_with_phone()
    change("interview", app_id, "--on", "2026-11-30")

    change("close", app_id, "--outcome", "withdrawn")

    assert due_items() == []


def test_close_human_view_names_the_outcome() -> None:
    app_id = applied_wednesday_with_phone()

    out = human("close", str(app_id), "--outcome", "rejected")

    assert out.splitlines() == [
        "#1 Acme - Data Analyst [closed, rejected]",
        "Nothing due: closed (rejected) on 2026-11-26: nothing more to send.",
    ]


def test_reopening_brings_back_the_window() -> None:
    app_id = applied_wednesday_with_phone()
    change("close", app_id, "--outcome", "rejected")

    app = change("reopen", app_id)

    assert (app["stage"], app["outcome"], app["closed_on"]) == ("applied", None, None)
    assert window(app) == ("2026-11-23", "2026-11-27", "call")
    assert [item[0] for item in due_items()] == [app_id]


# --- snooze --------------------------------------------------------------------------------


def test_snooze_moves_the_earliest_day_and_the_morning_view_follows() -> None:
    app_id = applied_wednesday_with_phone()

    app = change("snooze", app_id, "--until", "2026-11-30")

    assert app["next_contact"] == {
        "earliest": "2026-11-30",
        "latest": "2026-11-30",
        "action": "call",
        "reason": FIRST_WEEK_REASON + "; snoozed until 2026-11-30",
    }
    assert due_items() == [(app_id, "upcoming", "call", "2026-11-30", "2026-11-30")]
    assert due_items("--as-of", "2026-11-30") == [
        (app_id, "due", "call", "2026-11-30", "2026-11-30")
    ]


def test_snoozing_until_a_weekend_day_moves_to_the_monday_after() -> None:
    app_id = applied_wednesday_with_phone()

    app = change("snooze", app_id, "--until", "saturday")

    assert window(app) == ("2026-11-30", "2026-11-30", "call")
    assert app["next_contact"]["reason"].endswith("; snoozed until 2026-11-28")


def test_a_snooze_before_the_window_opens_changes_nothing() -> None:
    app_id = int(add("Acme", "Analyst", "--applied", "2026-11-25", "--phone", "1")["id"])

    app = change("snooze", app_id, "--until", "2026-11-27")

    assert app["next_contact"] == {
        "earliest": "2026-11-30",
        "latest": "2026-12-04",
        "action": "call",
        "reason": "one follow-up in the week after you applied on 2026-11-25",
    }


def test_a_touch_after_snoozing_clears_the_snooze() -> None:
    app_id = applied_wednesday_with_phone()
    change("snooze", app_id, "--until", "Dec 2")

    logged = log(app_id, "--inbound", "--via", "email")

    assert logged["application"]["next_contact"] == {
        "earliest": "2026-12-07",
        "latest": "2026-12-10",
        "action": "call",
        "reason": "one more follow-up 10-14 days after they got in touch (email) on 2026-11-26 "
        "(touch #1)",
    }


# --- edit ----------------------------------------------------------------------------------


def test_edit_changes_the_names_and_keeps_the_rest() -> None:
    app_id = applied_wednesday_with_phone()

    app = change("edit", app_id, "--company", "Acme Corp", "--role", "Senior Analyst")

    assert (app["company"], app["role"]) == ("Acme Corp", "Senior Analyst")
    assert app["contact"]["phone"] == "555-0100"
    assert window(app) == ("2026-11-23", "2026-11-27", "call")


def test_replacing_the_phone_by_an_email_makes_the_follow_up_an_email() -> None:
    app_id = applied_wednesday_with_phone()

    app = change("edit", app_id, "--phone", "", "--email", "dana@acme.example")

    assert app["contact"] == {"name": None, "phone": None, "email": "dana@acme.example"}
    assert window(app) == ("2026-11-23", "2026-11-27", "email")


def test_an_empty_value_clears_a_detail() -> None:
    app_id = int(
        add("Acme", "Analyst", "--url", "https://x.example", "--pitch", "SQL", "--note", "n")["id"]
    )

    app = change("edit", app_id, "--url", "", "--pitch", "", "--note", "")

    assert (app["url"], app["pitch"], app["note"]) == (None, None, None)


def test_editing_the_application_date_moves_the_follow_up_week() -> None:
    app_id = applied_wednesday_with_phone()

    app = change("edit", app_id, "--applied", "2026-11-25")

    assert app["applied_on"] == "2026-11-25"
    assert window(app) == ("2026-11-30", "2026-12-04", "call")


def test_marking_do_not_call_removes_the_follow_up_and_may_call_restores_it() -> None:
    app_id = applied_wednesday_with_phone()

    no_call = change("edit", app_id, "--do-not-call")
    may_call = change("edit", app_id, "--may-call")

    assert (no_call["do_not_call"], no_call["next_contact"]) == (True, None)
    assert (may_call["do_not_call"], window(may_call)) == (
        False,
        ("2026-11-23", "2026-11-27", "call"),
    )


# --- delete-touch --------------------------------------------------------------------------


def test_deleting_the_only_touch_recomputes_the_window_as_if_it_never_happened() -> None:
    app_id = applied_wednesday_with_phone()
    logged = log(app_id)
    assert logged["application"]["next_contact"]["reason"] == BALL_IN_THEIR_COURT.format(
        on="2026-11-26"
    )

    app = check_application(run_json("delete-touch", str(logged["touch"]["id"])))

    assert app["id"] == app_id
    assert app["next_contact"] == {
        "earliest": "2026-11-23",
        "latest": "2026-11-27",
        "action": "call",
        "reason": FIRST_WEEK_REASON,
    }
    assert show(app_id)["touches"] == []
    assert [item[0] for item in due_items()] == [app_id]


def test_deleting_the_first_follow_up_makes_the_next_call_the_follow_up() -> None:
    app_id = applied_wednesday_with_phone()
    first = log(app_id, "--on", "2026-11-24")
    log(app_id)
    assert [t["flags"] for t in show(app_id)["touches"]] == [[], ["repeat"]]

    app = check_application(run_json("delete-touch", str(first["touch"]["id"])))

    assert app["flags"] == []
    assert [(t["id"], t["flags"]) for t in show(app_id)["touches"]] == [(2, [])]
    assert app["next_contact"]["reason"] == BALL_IN_THEIR_COURT.format(on="2026-11-26")


def test_delete_touch_human_view_shows_the_new_window() -> None:
    app_id = applied_wednesday_with_phone()
    log(app_id)

    out = human("delete-touch", "1")

    assert out.splitlines() == [
        f"#{app_id} Acme - Data Analyst [applied]",
        f"Next: call, Mon 23 Nov - Fri 27 Nov ({FIRST_WEEK_REASON}).",
    ]
