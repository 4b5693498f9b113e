"""Recording applications, and reading them back with show and list."""

from __future__ import annotations

import pytest

from tests.cli.helpers import run, run_json
from tests.cli.stories import add, applied_wednesday_with_phone, human, show, window

# Every test starts from an empty database: none looks at how the file came to be.
pytestmark = pytest.mark.empty_database


def test_add_prints_the_whole_application_with_its_follow_up_week() -> None:
    app = add(
        "Acme",
        "Data Analyst",
        "--applied",
        "2026-11-18",
        "--contact",
        "Dana Reyes",
        "--phone",
        "555-0100",
        "--email",
        "dana@acme.example",
        "--url",
        "https://acme.example/jobs/42",
        "--pitch",
        "five years of SQL dashboards",
        "--note",
        "referred by Kim",
    )

    assert app == {
        "id": 1,
        "company": "Acme",
        "role": "Data Analyst",
        "stage": "applied",
        "outcome": None,
        "applied_on": "2026-11-18",
        "closed_on": None,
        "do_not_call": False,
        "no_email": False,
        "contact": {"name": "Dana Reyes", "phone": "555-0100", "email": "dana@acme.example"},
        "url": "https://acme.example/jobs/42",
        "pitch": "five years of SQL dashboards",
        "note": "referred by Kim",
        "next_contact": {
            "earliest": "2026-11-23",
            "latest": "2026-11-27",
            "action": "call",
            "reason": "one follow-up in the week after you applied on 2026-11-18",
        },
        "waiting": None,
        "flags": [],
    }


def test_applying_on_a_sunday_gives_the_very_next_week() -> None:
    app = add("Acme", "Analyst", "--applied", "2026-11-22", "--phone", "555-0100")

    assert window(app) == ("2026-11-23", "2026-11-27", "call")


def test_applied_defaults_to_today_and_the_follow_up_is_next_week() -> None:
    app = add("Acme", "Analyst", "--phone", "555-0100")

    assert app["applied_on"] == "2026-11-26"
    assert window(app) == ("2026-11-30", "2026-12-04", "call")


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("monday", "2026-11-23"),
        ("last friday", "2026-11-20"),
        ("yesterday", "2026-11-25"),
        ("-1w", "2026-11-19"),
        ("Nov 18", "2026-11-18"),
        ("18 November 2026", "2026-11-18"),
        ("today", "2026-11-26"),
    ],
)
def test_applied_reads_what_people_type_as_a_day_that_has_passed(typed: str, meant: str) -> None:
    assert add("Acme", "Analyst", "--applied", typed)["applied_on"] == meant


def test_with_only_an_email_on_file_the_follow_up_is_an_email() -> None:
    app = add("Acme", "Analyst", "--applied", "2026-11-18", "--email", "jobs@acme.example")

    assert window(app) == ("2026-11-23", "2026-11-27", "email")


def test_without_contact_details_nothing_is_due_and_it_says_to_add_some() -> None:
    app = add("Acme", "Analyst", "--applied", "2026-11-18")

    assert app["next_contact"] is None
    assert app["waiting"] == (
        "there is no phone number or email on file: "
        "add one with followup edit APP_ID --phone NUMBER or --email ADDRESS"
    )


def test_blank_optional_text_is_stored_as_nothing() -> None:
    app = add("Acme", "Analyst", "--note", "   ", "--pitch", "", "--contact", " ")

    assert (app["note"], app["pitch"], app["contact"]["name"]) == (None, None, None)


def test_names_are_stored_without_surrounding_spaces() -> None:
    app = add("  Acme  ", " Data Analyst ")

    assert (app["company"], app["role"]) == ("Acme", "Data Analyst")


def test_add_without_json_prints_a_short_human_summary() -> None:
    out = human("add", "Acme", "Data Analyst", "--applied", "2026-11-18", "--phone", "555")

    assert out.splitlines() == [
        "#1 Acme - Data Analyst [applied]",
        "Next: call, Mon 23 Nov - Fri 27 Nov "
        "(one follow-up in the week after you applied on 2026-11-18).",
    ]


def test_show_json_has_the_history_with_touch_flags_and_interviews() -> None:
    app_id = applied_wednesday_with_phone()
    run_json("log-call", str(app_id), "--on", "2026-11-24", "--note", "left a message")
    run_json("log-call", str(app_id), "--on", "2026-11-25", "--via", "email")
    run_json(
        "interview",
        str(app_id),
        "--on",
        "2026-12-01",
        "--kind",
        "phone-screen",
        "--with",
        "Sam Lee",
        "--with",
        "Ana Ruiz",
    )

    detail = show(app_id)

    assert detail["touches"] == [
        {
            "id": 1,
            "on": "2026-11-24",
            "via": "call",
            "inbound": False,
            "note": "left a message",
            "follow_up_on": None,
            "flags": [],
        },
        {
            "id": 2,
            "on": "2026-11-25",
            "via": "email",
            "inbound": False,
            "note": None,
            "follow_up_on": None,
            "flags": ["repeat"],
        },
    ]
    assert detail["interviews"] == [
        {
            "id": 1,
            "on": "2026-12-01",
            "kind": "phone-screen",
            "with": ["Sam Lee", "Ana Ruiz"],
            "next_steps": None,
            "timeline": None,
            "prefers": None,
            "follow_up_on": None,
        }
    ]
    assert detail["stage"] == "interviewing"


def test_show_human_view_tells_the_story_with_flags() -> None:
    app_id = applied_wednesday_with_phone()
    run_json("log-call", str(app_id), "--on", "2026-11-24")
    run_json("log-call", str(app_id), "--on", "2026-11-25", "--note", "no answer again")

    out = human("show", str(app_id))

    assert out.startswith(
        "Today: no, you followed up on 2026-11-24: the ball is in their court until they "
    )
    assert "\n#1 Acme - Data Analyst [applied]\n" in out
    assert "Nothing due: you followed up on 2026-11-24: the ball is in their court" in out
    assert "  Applied: Wed 18 Nov\n" in out
    assert "  Phone: 555-0100\n" in out
    assert "History" in out
    assert "no answer again" in out
    assert "Flags:\n  repeat (Wed 25 Nov): call on 2026-11-25 after your one follow-up" in out


def test_show_names_the_ids_that_commands_take() -> None:
    app_id = applied_wednesday_with_phone()
    run_json("log-call", str(app_id), "--on", "2026-11-19")
    run_json("interview", str(app_id), "--on", "2026-11-20", "--with", "Jane")
    run_json("log-call", str(app_id), "--on", "2026-11-23", "--via", "email")
    run_json("asked", str(app_id), "What does success look like?", "--to", "Jane")

    out = human("show", str(app_id))

    assert " touch 1 " in out
    assert " interview 1 " in out
    assert " touch 2 " in out
    assert "  question 1 (interview 1, to Jane): What does success look like?" in out
    # The numbers shown are the ones the commands take.
    run_json("debrief", str(app_id), "--interview", "1", "--next-steps", "panel")
    run_json("delete-touch", "2")
    out = human("show", str(app_id))
    assert " touch 2 " not in out
    assert "next steps: panel" in out


def test_show_of_an_unknown_application_is_refused() -> None:
    result = run("show", "7", code=1)

    assert result.stderr == "Error: no application with id 7\n"


def test_list_shows_open_applications_in_order_of_entry() -> None:
    add("Acme", "Analyst", "--applied", "2026-11-18", "--phone", "1")
    add("Globex", "Engineer", "--applied", "2026-11-04", "--email", "hr@globex.example")

    apps = run_json("list")

    assert [(a["id"], a["company"], window(a)) for a in apps] == [
        (1, "Acme", ("2026-11-23", "2026-11-27", "call")),
        (2, "Globex", ("2026-11-09", "2026-11-13", "email")),
    ]


def test_list_human_view_has_one_row_per_application() -> None:
    add("Acme", "Analyst", "--applied", "2026-11-18", "--phone", "1")
    add("Globex", "Engineer", "--applied", "2026-11-18")

    out = human("list")

    assert "call, Mon 23 Nov - Fri 27 Nov" in out
    rows = [line for line in out.splitlines() if "Acme" in line or "Globex" in line]
    assert len(rows) == 2


def test_list_with_nothing_recorded_says_how_to_start() -> None:
    assert human("list") == "No applications yet. Record one with: followup add COMPANY ROLE\n"
    assert run_json("list") == []
