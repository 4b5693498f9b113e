"""interview and debrief: scheduled and past interviews, the check-ins after them, and grace.

Applied Wed 18 Nov with a phone; today is Thu 26 Nov.
"""

from __future__ import annotations

import pytest

from tests.cli.helpers import run, run_json
from tests.cli.stories import (
    INTERVIEW_KEYS,
    applied_wednesday_with_phone,
    check_application,
    due,
    due_items,
    human,
    log,
    show,
    window,
)

# Every test starts from an empty database: none looks at how the file came to be.
pytestmark = pytest.mark.empty_database

INTERVIEW_HINT = (
    "Before you leave, ask what the next steps are, when they expect to decide, "
    "and whether a call or an email suits them for a follow-up. Prep sheet: followup prep 1."
)


def interview(app_id: int, *options: str) -> dict:
    return check_application(run_json("interview", str(app_id), *options))


def debrief(app_id: int, *options: str) -> dict:
    return check_application(run_json("debrief", str(app_id), *options))


# --- a scheduled interview in the morning view ---------------------------------------------


def test_scheduling_an_interview_moves_the_application_to_interviewing() -> None:
    app_id = applied_wednesday_with_phone()

    app = interview(app_id, "--on", "2026-11-30", "--with", "Sam Lee")

    assert app["stage"] == "interviewing"
    assert app["next_contact"] == {
        "earliest": "2026-12-07",
        "latest": "2026-12-11",
        "action": "call or email",
        "reason": "first check-in, the week after the first interview on 2026-11-30",
    }
    assert app["flags"] == []


def test_a_scheduled_interview_is_upcoming_in_the_morning_view_before_its_day() -> None:
    app_id = applied_wednesday_with_phone()
    interview(app_id, "--on", "2026-11-30", "--with", "Sam Lee")

    report = due()

    assert report == {
        "as_of": "2026-11-26",
        "items": [
            {
                "id": app_id,
                "company": "Acme",
                "role": "Data Analyst",
                "state": "upcoming",
                "action": "interview",
                "earliest": "2026-11-30",
                "latest": "2026-11-30",
                "reason": "first interview on 2026-11-30 with Sam Lee",
                "hint": INTERVIEW_HINT,
            }
        ],
        "reminders": [],
        "gone_quiet": [],
    }


def test_on_its_day_the_interview_is_due_beside_the_follow_up_item() -> None:
    app_id = applied_wednesday_with_phone()
    interview(app_id, "--on", "2026-11-30")

    assert due_items("--as-of", "2026-11-30") == [
        (app_id, "due", "interview", "2026-11-30", "2026-11-30"),
        (app_id, "upcoming", "call or email", "2026-12-07", "2026-12-11"),
    ]


def test_planning_with_followup_today_shows_the_interview_due_on_its_day(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app_id = applied_wednesday_with_phone()
    interview(app_id, "--on", "2026-11-30")
    monkeypatch.setenv("FOLLOWUP_TODAY", "2026-11-30")

    report = due()

    assert report["as_of"] == "2026-11-30"
    assert [(i["state"], i["action"]) for i in report["items"]] == [
        ("due", "interview"),
        ("upcoming", "call or email"),
    ]
    assert [line.rstrip() for line in human("due").splitlines()[1:3]] == [
        "DUE     #1 Acme - Data Analyst",
        "        interview, Mon 30 Nov: first interview on 2026-11-30",
    ]


def test_the_day_after_the_interview_it_is_no_longer_an_item() -> None:
    app_id = applied_wednesday_with_phone()
    interview(app_id, "--on", "2026-11-30")

    assert due_items("--as-of", "2026-12-01") == [
        (app_id, "upcoming", "call or email", "2026-12-07", "2026-12-11")
    ]


def test_an_interview_beyond_the_days_ahead_is_not_shown_yet() -> None:
    app_id = applied_wednesday_with_phone()
    interview(app_id, "--on", "2026-12-10")

    assert due_items("--ahead", "7") == []
    assert due_items("--ahead", "14") == [
        (app_id, "upcoming", "interview", "2026-12-10", "2026-12-10")
    ]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("monday", "2026-11-23"), ("friday", "2026-11-27"), ("tomorrow", "2026-11-27")],
)
def test_interview_on_reads_a_bare_weekday_as_the_nearest_one(typed: str, meant: str) -> None:
    app_id = applied_wednesday_with_phone()

    interview(app_id, "--on", typed)

    assert show(app_id)["interviews"][0]["on"] == meant


# --- after the interview -------------------------------------------------------------------


def test_after_an_interview_the_first_check_in_is_the_following_week() -> None:
    app_id = applied_wednesday_with_phone()

    app = interview(app_id, "--on", "2026-11-24")

    assert window(app) == ("2026-11-30", "2026-12-04", "call or email")


def test_an_interview_without_next_steps_is_flagged_from_the_next_day() -> None:
    app_id = applied_wednesday_with_phone()

    app = interview(app_id, "--on", "2026-11-24")

    assert app["flags"] == [
        {
            "kind": "no-next-steps",
            "on": "2026-11-24",
            "message": "no next steps or timeline recorded for the first interview on "
            "2026-11-24: ask them what happens next and when",
        }
    ]


def test_an_interview_today_is_not_yet_missing_its_next_steps(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app_id = applied_wednesday_with_phone()

    assert interview(app_id, "--on", "today")["flags"] == []
    monkeypatch.setenv("FOLLOWUP_TODAY", "2026-11-27")
    assert [f["kind"] for f in show(app_id)["flags"]] == ["no-next-steps"]


def test_a_date_agreed_at_the_interview_opens_the_window_on_that_date() -> None:
    app_id = applied_wednesday_with_phone()

    app = interview(
        app_id,
        "--on",
        "2026-11-24",
        "--next-steps",
        "a panel with the team",
        "--prefers",
        "email",
        "--follow-up-on",
        "2026-12-02",
    )

    # Wed 2 Dec + 4 days is Sunday 6 Dec, which moves back to Friday 4 Dec.
    assert app["next_contact"] == {
        "earliest": "2026-12-02",
        "latest": "2026-12-04",
        "action": "email",
        "reason": "agreed at the first interview on 2026-11-24: follow up from 2026-12-02",
    }
    assert app["flags"] == []


def test_a_new_interview_restarts_the_clock_from_itself() -> None:
    app_id = applied_wednesday_with_phone()
    interview(app_id, "--on", "2026-11-19", "--next-steps", "second round")

    app = interview(app_id, "--on", "2026-11-24", "--kind", "second", "--timeline", "two weeks")

    assert app["next_contact"] == {
        "earliest": "2026-11-30",
        "latest": "2026-12-04",
        "action": "call or email",
        "reason": "first check-in, the week after the second interview on 2026-11-24",
    }


def test_a_thank_you_email_the_next_day_is_not_flagged_and_does_not_move_the_clock() -> None:
    app_id = applied_wednesday_with_phone()
    interview(app_id, "--on", "2026-11-24", "--next-steps", "panel")

    thanks = log(app_id, "--via", "email", "--on", "2026-11-25")

    assert (thanks["overcontact"], thanks["flags"]) == (False, [])
    assert window(thanks["application"]) == ("2026-11-30", "2026-12-04", "call or email")


def test_a_second_email_after_the_thank_you_note_is_early() -> None:
    app_id = applied_wednesday_with_phone()
    interview(app_id, "--on", "2026-11-24", "--next-steps", "panel")
    log(app_id, "--via", "email", "--on", "2026-11-25")

    again = log(app_id, "--via", "email")

    assert again["flags"] == ["early"]
    # The check-in clock restarts from the last real touch: 10-14 days after Thu 26 Nov.
    assert window(again["application"]) == ("2026-12-07", "2026-12-10", "call or email")


def test_a_call_the_day_after_the_interview_is_not_a_thank_you_note() -> None:
    app_id = applied_wednesday_with_phone()
    interview(app_id, "--on", "2026-11-24", "--next-steps", "panel")

    assert log(app_id, "--on", "2026-11-25")["flags"] == ["early"]


def test_arranging_a_scheduled_interview_is_not_early_and_keeps_the_clock() -> None:
    app_id = applied_wednesday_with_phone()
    interview(app_id, "--on", "2026-12-01")

    logistics = log(app_id, "--note", "confirmed the room")

    assert logistics["flags"] == []
    assert window(logistics["application"]) == ("2026-12-07", "2026-12-11", "call or email")


def test_after_an_interview_a_do_not_call_application_is_followed_up_by_email() -> None:
    app = check_application(
        run_json(
            "add",
            "Initech",
            "Tester",
            "--applied",
            "2026-11-18",
            "--do-not-call",
            "--phone",
            "1",
            "--email",
            "jobs@initech.example",
        )
    )

    after = interview(app["id"], "--on", "2026-11-24", "--next-steps", "panel")

    assert window(after) == ("2026-11-30", "2026-12-04", "email")


def test_a_stated_preference_for_calls_wins_over_do_not_call_after_an_interview() -> None:
    app = check_application(
        run_json(
            "add", "Initech", "Tester", "--applied", "2026-11-18", "--do-not-call", "--phone", "1"
        )
    )

    after = interview(app["id"], "--on", "2026-11-24", "--timeline", "soon", "--prefers", "call")

    assert window(after) == ("2026-11-30", "2026-12-04", "call")


def test_an_interview_reopens_a_closed_application() -> None:
    app_id = applied_wednesday_with_phone()
    run_json("close", str(app_id), "--outcome", "no-response")

    app = interview(app_id, "--on", "2026-12-01")

    assert (app["stage"], app["outcome"], app["closed_on"]) == ("interviewing", None, None)
    assert [a["id"] for a in run_json("list")] == [app_id]


def test_the_interview_human_view_names_the_stage_and_the_next_window() -> None:
    app_id = applied_wednesday_with_phone()

    out = human("interview", str(app_id), "--on", "2026-11-30")

    assert out.splitlines() == [
        "#1 Acme - Data Analyst [interviewing]",
        "Next: call or email, Mon 7 Dec - Fri 11 Dec "
        "(first check-in, the week after the first interview on 2026-11-30).",
    ]


def test_interviewers_are_kept_in_order_once_each() -> None:
    app_id = applied_wednesday_with_phone()

    interview(app_id, "--on", "2026-11-30", "--with", "Sam", "--with", " Ana ", "--with", "Sam")

    (recorded,) = show(app_id)["interviews"]
    assert set(recorded) == INTERVIEW_KEYS
    assert recorded["with"] == ["Sam", "Ana"]


# --- debrief -------------------------------------------------------------------------------


def test_debrief_adds_what_was_learned_to_the_latest_interview_that_happened() -> None:
    app_id = applied_wednesday_with_phone()
    interview(app_id, "--on", "2026-11-24", "--with", "Sam")
    interview(app_id, "--on", "2026-12-03", "--kind", "second")

    app = debrief(
        app_id,
        "--next-steps",
        "a panel with the team",
        "--timeline",
        "decision by 11 December",
        "--prefers",
        "email",
        "--with",
        "Ana",
    )

    assert app["flags"] == []
    first, second = show(app_id)["interviews"]
    assert first == {
        "id": 1,
        "on": "2026-11-24",
        "kind": "first",
        "with": ["Sam", "Ana"],
        "next_steps": "a panel with the team",
        "timeline": "decision by 11 December",
        "prefers": "email",
        "follow_up_on": None,
    }
    assert (second["next_steps"], second["prefers"]) == (None, None)
    # The preference stated at any interview sets the action.
    assert window(app) == ("2026-12-07", "2026-12-11", "email")


def test_debrief_with_an_agreed_date_moves_the_window_to_it() -> None:
    app_id = applied_wednesday_with_phone()
    interview(app_id, "--on", "2026-11-24")

    app = debrief(app_id, "--follow-up-on", "Dec 2", "--next-steps", "references")

    assert window(app) == ("2026-12-02", "2026-12-04", "call or email")


def test_debrief_can_name_an_earlier_interview() -> None:
    app_id = applied_wednesday_with_phone()
    interview(app_id, "--on", "2026-11-19", "--kind", "phone-screen")
    interview(app_id, "--on", "2026-11-24")

    debrief(app_id, "--interview", "1", "--next-steps", "meet the manager")

    assert [i["next_steps"] for i in show(app_id)["interviews"]] == ["meet the manager", None]


def test_debrief_before_any_interview_is_refused() -> None:
    app_id = applied_wednesday_with_phone()
    before = show(app_id)

    result = run("debrief", str(app_id), "--next-steps", "x", code=1)

    assert result.stderr == (
        "Error: application 1 has no interview that has happened yet; "
        "log one with 'followup interview'\n"
    )
    assert show(app_id) == before


def test_debrief_of_an_interview_still_to_come_is_refused() -> None:
    app_id = applied_wednesday_with_phone()
    interview(app_id, "--on", "2026-12-01")
    before = show(app_id)

    result = run("debrief", str(app_id), "--next-steps", "x", code=1)

    assert result.stderr.startswith("Error: application 1 has no interview that has happened yet")
    assert show(app_id) == before


def test_debrief_of_an_interview_of_another_application_is_refused() -> None:
    first = applied_wednesday_with_phone("Acme")
    other = applied_wednesday_with_phone("Globex")
    interview(other, "--on", "2026-11-24")

    result = run("debrief", str(first), "--interview", "1", "--timeline", "x", code=1)

    assert result.stderr == "Error: application 1 has no interview with id 1\n"
