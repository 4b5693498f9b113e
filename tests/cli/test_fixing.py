"""Issue 12: putting mistakes right: delete, edit-interview, delete-interview, delete-asked,
delete-article; dates that cannot be true; errors that say where ids are shown."""

from __future__ import annotations

import pytest

from tests.cli.helpers import run, run_json

# Every test starts from an empty database: none looks at how the file came to be.
pytestmark = pytest.mark.empty_database


def acme() -> None:
    """Applied Wed 18 Nov; a call on Mon 23 Nov; an interview with Jane on Tue 24 Nov."""
    run("add", "Acme", "Analyst", "--applied", "2026-11-18")
    run("log-call", "1", "--on", "2026-11-23")
    run("interview", "1", "--on", "2026-11-24", "--with", "Jane")


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (
            ["log-call", "1", "--on", "2026-11-01"],
            "the contact date 2026-11-01 is before you applied (2026-11-18)",
        ),
        (
            ["interview", "1", "--on", "2026-11-17"],
            "the interview date 2026-11-17 is before you applied (2026-11-18)",
        ),
        (
            ["edit-interview", "1", "--on", "2026-11-17"],
            "the interview date 2026-11-17 is before you applied (2026-11-18)",
        ),
        (
            ["edit", "1", "--applied", "2026-11-24"],
            "the application date 2026-11-24 is after the call on 2026-11-23; "
            "fix that first (see followup show 1)",
        ),
        (
            ["log-call", "1", "--on", "2026-11-27"],
            "'2026-11-27' is in the future, and this option records something that already "
            "happened.",
        ),
    ],
)
def test_dates_that_cannot_be_true_are_refused_with_the_reason(
    command: list[str], message: str
) -> None:
    acme()
    before = run_json("show", "1")
    result = run(*command, code=2)
    assert result.stderr == f"Error: {message}\n"
    assert run_json("show", "1") == before


def test_an_application_date_after_an_interview_is_refused() -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-18")
    run("interview", "1", "--on", "2026-11-20")
    result = run("edit", "1", "--applied", "2026-11-23", code=2)
    assert result.stderr == (
        "Error: the application date 2026-11-23 is after the interview on 2026-11-20; "
        "fix that first (see followup show 1)\n"
    )


def test_a_scheduled_interview_may_be_in_the_future_and_the_applied_date_moves_up_to_it() -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-18")
    run("interview", "1", "--on", "2026-12-03")
    assert run_json("edit", "1", "--applied", "2026-11-25")["applied_on"] == "2026-11-25"


def test_edit_interview_changes_every_field_and_an_empty_value_clears_one() -> None:
    acme()
    run("debrief", "1", "--next-steps", "panel", "--prefers", "email", "--timeline", "Dec")
    run(
        "edit-interview", "i1", "--on", "2026-11-25", "--kind", "second",
        "--with", "Bob", "--with", "Kim", "--next-steps", "", "--prefers", "",
    )  # fmt: skip
    interview = run_json("show", "1")["interviews"][0]
    assert interview == {
        "id": 1,
        "on": "2026-11-25",
        "kind": "second",
        "with": ["Bob", "Kim"],
        "next_steps": None,
        "timeline": "Dec",
        "prefers": None,
        "follow_up_on": None,
    }


def test_delete_interview_removes_it_and_the_questions_asked_at_it() -> None:
    acme()
    run("asked", "1", "How big is the team?", "--to", "Jane")
    assert run_json("delete-interview", "1")["stage"] == "applied"
    shown = run_json("show", "1")
    assert (shown["interviews"], shown["asked"]) == ([], [])


def test_show_json_gives_the_ids_of_asked_questions_and_articles() -> None:
    acme()
    run("asked", "1", "How big is the team?", "--to", "Jane", "--answer", "Eight")
    run("article", "1", "https://news.example/a", "--title", "Rates")
    shown = run_json("show", "1")
    assert shown["asked"] == [
        {
            "id": 1,
            "interview_id": 1,
            "on": "2026-11-24",
            "interviewer": "Jane",
            "question": "How big is the team?",
            "question_id": None,
            "answer": "Eight",
        }
    ]
    assert [(a["id"], a["url"]) for a in shown["articles"]] == [(1, "https://news.example/a")]


def test_delete_asked_and_delete_article_remove_one_record_each() -> None:
    acme()
    run("asked", "1", "How big is the team?", "--to", "Jane")
    run("article", "1", "https://news.example/a")
    assert run("delete-asked", "1").stdout == ("Deleted question 1 to Jane: How big is the team?\n")
    assert run_json("delete-article", "1")["deleted"]["url"] == "https://news.example/a"
    shown = run_json("show", "1")
    assert (shown["asked"], shown["articles"]) == ([], [])


def test_the_same_question_to_the_same_interviewer_at_the_same_interview_is_refused() -> None:
    acme()
    run("asked", "1", "How big is the team?", "--to", "Jane")
    result = run("asked", "1", "How big is the team?", "--to", "Jane", code=1)
    assert result.stderr == (
        "Error: you already recorded asking Jane this at the interview on 2026-11-24 (asked id 1)\n"
    )
    assert len(run_json("show", "1")["asked"]) == 1


def test_delete_removes_the_application_with_everything_recorded_about_it() -> None:
    acme()
    run("add", "Globex", "BI", "--applied", "2026-11-20")
    run("asked", "1", "How big is the team?", "--to", "Jane")
    result = run("delete", "1", "--yes")
    assert result.stdout == "Deleted #1 Acme - Analyst. 'followup undo' brings it back.\n"
    assert [a["id"] for a in run_json("list", "--all")] == [2]
    run("show", "1", code=1)


def test_delete_off_a_terminal_without_yes_is_bad_input_and_deletes_nothing() -> None:
    acme()
    result = run("delete", "1", code=2)
    assert result.stderr == "Error: delete 1 asks first; not on a terminal, add --yes\n"
    run("show", "1")


@pytest.mark.parametrize(
    ("command", "code", "message"),
    [
        (
            ["delete-touch", "abc"],
            2,
            "Invalid value for 'TOUCH_ID': give a whole number: touch ids are in "
            "'followup show APP_ID' (see 'followup delete-touch --help')",
        ),
        (["delete-touch", "9"], 1, "no touch with id 9; touch ids are in followup show APP_ID"),
        (
            ["delete-interview", "9"],
            1,
            "no interview with id 9; interview ids are in followup show APP_ID",
        ),
        (
            ["edit-interview", "x9", "--kind", "second"],
            2,
            "'x9' is not an interview id; interview ids are in followup show APP_ID",
        ),
        (
            ["delete-asked", "9"],
            1,
            "no asked question with id 9; their ids are in followup show APP_ID --json",
        ),
        (
            ["delete-article", "99999999999999999999"],
            1,
            "no article with id 99999999999999999999; article ids are in followup article APP_ID",
        ),
        (["delete", "9", "--yes"], 1, "no application with id 9"),
    ],
)
def test_errors_about_ids_say_where_the_ids_are_shown(
    command: list[str], code: int, message: str
) -> None:
    acme()
    assert run(*command, code=code).stderr == f"Error: {message}\n"
