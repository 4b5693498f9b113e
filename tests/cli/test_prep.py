"""questions, asked, prep, script and article, end to end through the CLI.

Today is Thursday 26 November 2026 (tests/conftest.py). Acme: applied Wed 18 Nov with
Jane Doe's phone and email, so its follow-up call is due this week.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import run, run_json
from tests.cli.stories import add, everything

# Every test starts from an empty database: none looks at how the file came to be.
pytestmark = pytest.mark.empty_database

NOBODY = "no application with id 99"


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's questions live here; empty unless a test writes questions.toml."""
    folder = tmp_path / "config"
    monkeypatch.setenv("FOLLOWUP_CONFIG_DIR", str(folder))
    return folder


def acme(*options: str) -> int:
    return int(
        add(
            "Acme",
            "Data Analyst",
            "--applied",
            "2026-11-18",
            "--contact",
            "Jane Doe",
            "--phone",
            "+1 555 0100",
            "--email",
            "jane.doe@acme.example",
            "--pitch",
            "five years of SQL reporting; the sales dashboards I built at Hooli",
            *options,
        )["id"]
    )


def interviewed(app_id: int, on: str = "2026-11-24", *names: str) -> None:
    names = names or ("Jane Doe", "Raj Patel")
    options = [item for name in names for item in ("--with", name)]
    run_json("interview", str(app_id), "--on", on, *options)


def error_line(result: Any) -> str:
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return str(lines[0])


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


# --- questions --------------------------------------------------------------------------------


def test_questions_without_an_application_are_for_a_first_interview_with_visible_blanks() -> None:
    sheet = run_json("questions")

    assert sheet["application"] is None
    assert sheet["kind"] == "first"
    assert len(sheet["questions"]) >= 15
    assert {q["topic"] for q in sheet["questions"]} == {
        "company",
        "team",
        "role",
        "fit",
        "manager",
        "process",
        "concerns",
    }
    stand_out = next(q for q in sheet["questions"] if q["id"] == "stand-out")
    assert stand_out == {
        "id": "stand-out",
        "topic": "company",
        "text": "What do you think makes [company] stand out from the others in its market?",
        "opinion": True,
        "kinds": ["phone-screen", "first", "second", "final"],
        "blanks": ["company"],
        "source": "bank",
    }
    assert sheet["blanks"] == ["company", "competitor", "market_problem", "role"]


def test_questions_are_filled_from_the_application_and_the_details_recorded_with_edit() -> None:
    app_id = acme()

    before = run_json("questions", str(app_id))
    run_json("edit", str(app_id), "--competitor", "Globex", "--market-problem", "stale dashboards")
    after = run_json("questions", str(app_id))

    competitor = [q["text"] for q in before["questions"] if q["id"] == "competitor"]
    assert competitor == [
        "While reading up on Acme I came across [competitor], which appears to work in the "
        "same space. Do you count them as one of your main rivals?"
    ]
    assert before["blanks"] == ["competitor", "market_problem"]
    filled = {q["id"]: q["text"] for q in after["questions"]}
    assert filled["competitor"].startswith("While reading up on Acme I came across Globex,")
    assert "I have run into stale dashboards." in filled["market-problem"]
    assert after["blanks"] == []
    assert after["application"] == {"id": app_id, "company": "Acme", "role": "Data Analyst"}


def test_edit_says_where_the_details_it_does_not_show_are_used() -> None:
    app_id = acme()

    out = lines(run("edit", str(app_id), "--competitor", "Globex").stdout)

    assert out[-1] == "Interview questions use these details: followup questions 1"
    assert "questions" not in run("edit", str(app_id), "--note", "x").stdout


def test_an_empty_detail_clears_it_and_the_blank_comes_back() -> None:
    app_id = acme()
    run_json("edit", str(app_id), "--competitor", "Globex")

    run_json("edit", str(app_id), "--competitor", "")

    assert run_json("questions", str(app_id))["blanks"] == ["competitor", "market_problem"]


@pytest.mark.parametrize(
    ("setup", "kind"),
    [
        pytest.param([], "first", id="no interview yet"),
        pytest.param([("2026-11-24", "phone-screen")], "first", id="after a phone screen"),
        pytest.param([("2026-11-24", "first")], "second", id="after a first interview"),
        pytest.param(
            [("2026-11-24", "first"), ("2026-12-01", "final")], "final", id="the next one is final"
        ),
    ],
)
def test_questions_are_for_the_applications_next_round(
    setup: list[tuple[str, str]], kind: str
) -> None:
    app_id = acme()
    for on, round_ in setup:
        run_json("interview", str(app_id), "--on", on, "--kind", round_)

    assert run_json("questions", str(app_id))["kind"] == kind


@pytest.mark.parametrize("kind", ["phone-screen", "first"])
def test_no_compensation_question_is_offered_for_an_early_round(kind: str) -> None:
    sheet = run_json("questions", "--kind", kind)

    assert [q["id"] for q in sheet["questions"] if q["topic"] == "pay"] == []


def test_an_offer_is_the_time_for_pay_questions() -> None:
    sheet = run_json("questions", "--kind", "offer")

    assert [q["topic"] for q in sheet["questions"]] == ["pay", "pay", "pay"]


def test_the_human_view_groups_questions_by_topic_and_says_how_to_fill_blanks() -> None:
    app_id = acme()

    out = lines(run("questions", str(app_id)).stdout)

    assert out[:3] == [
        "Questions for a first interview at Acme (Data Analyst)",
        "* asks for an opinion: worth asking every interviewer, each answer adds a view.",
        "The company and its market",
    ]
    assert "The hiring process and timeline" in out
    assert "  who-else             Who else would I meet before you reach a decision?" in out
    assert (
        "Fill in the blanks: followup edit 1 --competitor COMPETITOR --market-problem "
        "MARKET_PROBLEM" in out
    )
    assert out[-1] == "After the interview, record what you asked: followup asked 1 ID --to NAME"


def test_an_unknown_kind_is_bad_input() -> None:
    result = run("questions", "--kind", "lunch", code=2)

    assert "'lunch' is not one of" in error_line(result)


# --- the guard on the command line -------------------------------------------------------------


def test_check_refuses_a_pay_question_at_a_first_interview_with_the_reason() -> None:
    result = run(
        "questions", "--check", "What does a typical compensation review look like?", code=1
    )

    assert result.stdout == (
        "Not at a first interview: it asks about salary or pay. Raised this early, it tells them "
        "you care more about what you would get than what you would bring; keep it for the second "
        "interview, the final round or the offer.\n"
    )


@pytest.mark.parametrize(
    ("question", "kind", "code", "about"),
    [
        ("How do you benefit from the merger?", "phone-screen", 0, None),
        ("How do you benefit from the merger?", "first", 0, None),
        ("Is there a signing bonus?", "phone-screen", 1, "bonus"),
        ("Is there a signing bonus?", "first", 1, "bonus"),
        ("Is there a signing bonus?", "second", 0, "bonus"),
        ("Is there a signing bonus?", "final", 0, "bonus"),
        ("Is there a signing bonus?", "offer", 0, "bonus"),
        ("How many vacation days are there?", "first", 1, "time-off"),
    ],
)
def test_check_exits_one_exactly_when_the_question_is_refused(
    question: str, kind: str, code: int, about: str | None
) -> None:
    verdict = run_json("questions", "--check", question, "--kind", kind, code=code)

    assert verdict["question"] == question
    assert verdict["kind"] == kind
    assert verdict["about"] == about
    assert verdict["allowed"] is (code == 0)


def test_check_with_an_application_uses_its_next_round() -> None:
    app_id = acme()
    run_json("interview", str(app_id), "--on", "2026-11-24", "--kind", "first")

    verdict = run_json("questions", str(app_id), "--check", "What is the salary range?")

    assert (verdict["kind"], verdict["allowed"]) == ("second", True)
    assert verdict["reason"] == (
        "fine for a second interview: it asks about salary or pay, which is fair to raise by now"
    )


def test_check_of_nothing_is_bad_input_and_an_unknown_application_is_not_found() -> None:
    assert error_line(run("questions", "--check", "  ", code=2)) == (
        "Error: the question to check is empty"
    )
    assert error_line(run("questions", "99", "--check", "Why?", code=1)) == f"Error: {NOBODY}"


# --- the user's own questions -----------------------------------------------------------------


def test_the_users_questions_join_the_bank_and_a_pay_one_waits_for_later(config_dir: Path) -> None:
    config_dir.mkdir()
    (config_dir / "questions.toml").write_text(
        '[[question]]\ntext = "How does {company} use open-source tools?"\nopinion = true\n\n'
        '[[question]]\nid = "my-bonus"\ntext = "Is there a signing bonus?"\n'
        'kinds = ["first", "final"]\n'
    )
    app_id = acme()

    first = run_json("questions", str(app_id))
    final = run_json("questions", str(app_id), "--kind", "final")

    mine = [q for q in first["questions"] if q["source"] == "yours"]
    assert [(q["id"], q["topic"], q["text"]) for q in mine] == [
        ("yours-1", "yours", "How does Acme use open-source tools?")
    ]
    assert first["notices"] == [
        "Your question 'my-bonus' asks about bonuses or commission, so it is offered from the "
        "second interview on, never at a phone screen or first interview."
    ]
    assert "my-bonus" not in [q["id"] for q in first["questions"]]
    assert "my-bonus" in [q["id"] for q in final["questions"]]


def test_a_broken_questions_file_is_reported_and_nothing_is_written(config_dir: Path) -> None:
    app_id = acme()
    interviewed(app_id)
    config_dir.mkdir()
    path = config_dir / "questions.toml"
    path.write_text('[[question]]\ntext = "About {salary}?"\n')
    seen = everything()

    result = run("asked", str(app_id), "Why?", "--to", "Jane", code=2)

    assert error_line(result) == (
        f"Error: {path}, question 1: unknown placeholder {{salary}}; use {{company}}, {{role}}, "
        "{competitor}, {market_problem}"
    )
    assert everything() == seen


# --- asked ----------------------------------------------------------------------------------


def test_asked_records_a_question_to_one_interviewer_of_the_latest_interview() -> None:
    app_id = acme()
    interviewed(app_id)

    recorded = run_json(
        "asked", str(app_id), "What keeps you here?", "--to", "jane", "--answer", "the people"
    )

    assert recorded == {
        "asked": {
            "id": 1,
            "interview_id": 1,
            "on": "2026-11-24",
            "interviewer": "Jane Doe",
            "question": "What keeps you here?",
            "question_id": None,
            "answer": "the people",
        },
        "interview": {
            "id": 1,
            "on": "2026-11-24",
            "kind": "first",
            "with": ["Jane Doe", "Raj Patel"],
        },
        "check": {
            "question": "What keeps you here?",
            "kind": "first",
            "about": None,
            "allowed": True,
            "reason": "fine for a first interview: it is not about pay or benefits",
        },
    }


def test_asked_takes_a_bank_id_and_records_the_filled_question() -> None:
    app_id = acme()
    interviewed(app_id)

    recorded = run_json("asked", str(app_id), "team-shape", "--to", "Patel")["asked"]

    assert recorded["question_id"] == "team-shape"
    assert (
        recorded["question"]
        == "How is the team organised, and where would the Data Analyst sit in it?"
    )
    assert recorded["interviewer"] == "Raj Patel"


def test_the_human_view_of_asked_confirms_and_points_at_other_interviewers() -> None:
    app_id = acme()
    interviewed(app_id)

    out = lines(run("asked", str(app_id), "feedback", "--to", "Raj Patel").stdout)

    assert out == [
        "Recorded: you asked Raj Patel at the first interview on Tue 24 Nov (question 1).",
        '  "How do you like to give feedback to the people on your team, and how often?"',
        "  An opinion question: worth asking the other interviewers too (followup prep 1 shows "
        "who has not answered it).",
    ]


def test_a_pay_question_asked_too_early_is_recorded_with_a_warning() -> None:
    app_id = acme()
    interviewed(app_id)

    result = run("asked", str(app_id), "What is the salary range?", "--to", "Jane", "--json")

    assert json.loads(result.stdout)["check"]["allowed"] is False
    assert result.stderr == (
        "Warning: that question asks about salary or pay at a first interview. Next time keep it "
        "for the second interview or later.\n"
    )
    assert len(run_json("prep", str(app_id))["interviewers"][0]["asked"]) == 1


def test_a_pay_question_at_a_second_interview_gets_no_warning() -> None:
    app_id = acme()
    run_json("interview", str(app_id), "--on", "2026-11-24", "--kind", "second", "--with", "Jo")

    result = run("asked", str(app_id), "What is the salary range?", "--to", "Jo")

    assert result.stderr == ""


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["asked", "99", "Why?", "--to", "Jane"], 1, NOBODY),
        (
            ["asked", "1", "Why?", "--to", "Bob"],
            1,
            "Bob is not among the interviewers of the first interview on 2026-11-24 "
            '(Jane Doe, Raj Patel, Jane Smith); add them with followup debrief 1 --with "Bob"',
        ),
        (
            ["asked", "1", "Why?", "--to", "Jane"],
            1,
            "'Jane' could be Jane Doe or Jane Smith; give the full name",
        ),
        (
            ["asked", "1", "Why?", "--to", "Jane Dow"],
            1,
            "Jane Dow is not among the interviewers of the first interview on 2026-11-24; "
            "did you mean Jane Doe?",
        ),
        (
            ["asked", "1", "Why?", "--to", "Jane Doe", "--interview", "7"],
            1,
            "application 1 has no interview with id 7",
        ),
        (
            ["asked", "1", "Why?", "--to", "Jane Doe", "--interview", "2"],
            1,
            "the second interview on 2026-12-02 has not happened yet; record questions once you "
            "have asked them",
        ),
        (["asked", "1", " ", "--to", "Jane Doe"], 2, "the question cannot be empty"),
        (["asked", "1", "Why?", "--to", " "], 2, "--to needs the interviewer's name"),
        (
            ["asked", "1", "competitor", "--to", "Jane Doe"],
            2,
            "question 'competitor' still has a blank (competitor); fill it with followup edit 1 "
            "--competitor ..., or type the question as you asked it",
        ),
    ],
)
def test_asked_refuses_what_it_cannot_record_and_writes_nothing(
    args: list[str], code: int, message: str
) -> None:
    app_id = acme()
    interviewed(app_id, "2026-11-24", "Jane Doe", "Raj Patel", "Jane Smith")
    run_json("interview", str(app_id), "--on", "2026-12-02", "--kind", "second")
    seen = run_json("prep", str(app_id))

    assert error_line(run(*args, code=code)) == f"Error: {message}"
    assert run_json("prep", str(app_id)) == seen


def test_asked_before_any_interview_has_happened_is_refused() -> None:
    app_id = acme()
    run_json("interview", str(app_id), "--on", "2026-12-02", "--with", "Jane Doe")

    result = run("asked", str(app_id), "Why?", "--to", "Jane Doe", code=1)

    assert error_line(result) == (
        "Error: application 1 has no interview that has happened yet; record questions once "
        "you have asked them"
    )


def test_asked_at_an_interview_with_no_names_says_how_to_add_them() -> None:
    app_id = acme()
    run_json("interview", str(app_id), "--on", "2026-11-24")

    result = run("asked", str(app_id), "Why?", "--to", "Jane Doe", code=1)

    assert error_line(result) == (
        "Error: no interviewers are recorded for the first interview on 2026-11-24; "
        'add them with followup debrief 1 --with "Jane Doe"'
    )


# --- prep -----------------------------------------------------------------------------------


def test_prep_before_the_first_interview_lists_pitch_people_questions_and_closing() -> None:
    app_id = acme("--note", "met at a meetup")
    run_json("edit", str(app_id), "--competitor", "Globex")
    run_json(
        "interview", str(app_id), "--on", "2026-12-01", "--with", "Jane Doe", "--with", "Raj Patel"
    )

    sheet = run_json("prep", str(app_id))

    assert sheet["application"] == {
        "id": app_id,
        "company": "Acme",
        "role": "Data Analyst",
        "contact": "Jane Doe",
        "pitch": "five years of SQL reporting; the sales dashboards I built at Hooli",
        "competitor": "Globex",
        "market_problem": None,
    }
    assert sheet["next_interview"] == {
        "id": 1,
        "on": "2026-12-01",
        "kind": "first",
        "with": ["Jane Doe", "Raj Patel"],
    }
    assert sheet["kind"] == "first"
    assert sheet["pitch_points"] == [
        "five years of SQL reporting",
        "the sales dashboards I built at Hooli",
    ]
    assert [(p["name"], p["met"], p["at_next"], p["asked"]) for p in sheet["interviewers"]] == [
        ("Jane Doe", [], True, []),
        ("Raj Patel", [], True, []),
    ]
    assert sheet["ask_again"] == []
    assert [q["topic"] for q in sheet["questions"]] == [
        "company",
        "team",
        "role",
        "fit",
        "manager",
        "process",
        "concerns",
    ]
    assert sheet["questions"][0]["text"].startswith("While reading up on Acme I came across Globex")
    assert sheet["closing"] == [
        "What happens next in your process, and what would the next step be for me?",
        "When are you hoping to make a decision?",
        "Would you rather I got back in touch by phone or by email, and would next week suit you?",
    ]
    assert sheet["notices"] == [
        "A first interview is too early to ask about pay or benefits: keep those questions for "
        "the second interview or the offer."
    ]


def test_prep_for_a_second_interview_remembers_who_was_asked_what() -> None:
    app_id = acme()
    interviewed(app_id, "2026-11-24", "Jane Doe", "Raj Patel")
    run_json("asked", str(app_id), "feedback", "--to", "Jane", "--answer", "weekly one-to-ones")
    run_json(
        "interview",
        str(app_id),
        "--on",
        "2026-12-01",
        "--kind",
        "second",
        "--with",
        "Jane Doe",
        "--with",
        "Lee Wong",
    )

    sheet = run_json("prep", str(app_id))

    people = {p["name"]: p for p in sheet["interviewers"]}
    assert list(people) == ["Jane Doe", "Raj Patel", "Lee Wong"]
    assert [a["answer"] for a in people["Jane Doe"]["asked"]] == ["weekly one-to-ones"]
    assert people["Raj Patel"]["no_questions_at"] == [1]
    assert people["Lee Wong"]["met"] == []
    assert sheet["ask_again"] == [
        {
            "question_id": "feedback",
            "question": "How do you like to give feedback to the people on your team, "
            "and how often?",
            "asked": ["Jane Doe"],
            "not_yet": ["Lee Wong"],
        }
    ]
    assert sheet["kind"] == "second"
    assert "feedback" not in [q["id"] for q in sheet["questions"]]


def test_the_human_prep_sheet_points_out_an_interviewer_who_got_no_questions() -> None:
    app_id = acme()
    interviewed(app_id, "2026-11-24", "Jane Doe", "Raj Patel")
    run_json("asked", str(app_id), "feedback", "--to", "Jane")
    run_json(
        "interview",
        str(app_id),
        "--on",
        "2026-12-01",
        "--kind",
        "second",
        "--with",
        "Jane Doe",
        "--with",
        "Lee Wong",
    )

    out = lines(run("prep", str(app_id)).stdout)

    assert out[:3] == [
        "Prep sheet: #1 Acme - Data Analyst",
        "Next: second interview on Tue 1 Dec with Jane Doe, Lee Wong",
        "Contact: Jane Doe",
    ]
    people = out[out.index("Interviewers") : out.index("Ask again, for a second opinion")]
    assert people == [
        "Interviewers",
        "  Jane Doe (first interview, Tue 24 Nov; at the next interview)",
        '    - asked: "How do you like to give feedback to the people on your team, and how '
        'often?"',
        "  Raj Patel (first interview, Tue 24 Nov)",
        "    - no questions recorded at the first interview on Tue 24 Nov: ask them at least one "
        "next time",
        "  Lee Wong (at the next interview)",
        "",
    ]
    assert "    answered by Jane Doe; now ask Lee Wong" in out
    assert out[out.index("Before you leave, ask") + 1] == (
        "  1. What happens next in your process, and what would the next step be for me?"
    )


def test_prep_of_an_unknown_application_is_not_found() -> None:
    assert error_line(run("prep", "99", code=1)) == f"Error: {NOBODY}"


# --- script ---------------------------------------------------------------------------------


def test_script_drafts_the_pre_interview_call_that_is_due() -> None:
    app_id = acme()

    draft = run_json("script", str(app_id))

    assert (draft["stage"], draft["via"], draft["ready"]) == ("pre-interview", "call", True)
    assert draft["window"] == {
        "earliest": "2026-11-23",
        "latest": "2026-11-27",
        "action": "call",
        "reason": "one follow-up in the week after you applied on 2026-11-18",
    }
    assert draft["to"] == {
        "name": "Jane Doe",
        "phone": "+1 555 0100",
        "email": "jane.doe@acme.example",
    }
    assert draft["subject"] is None
    assert draft["mailto"] is None
    assert draft["body"].splitlines()[:2] == [
        "Hello, is that Jane? My name is [your name].",
        "I applied for the Data Analyst position on Wednesday 18 November, and wanted to put a "
        "voice to the application.",
    ]
    assert draft["blanks"] == ["your name", "your phone number"]
    assert draft["seconds"] <= 60
    assert draft["notes"][-1] == "When you have done it, log it: followup log-call 1"


def test_the_human_script_shows_the_window_whom_to_call_and_what_to_say() -> None:
    app_id = acme()

    out = lines(run("script", str(app_id), "--via", "voicemail").stdout)

    assert out[:5] == [
        "Pre-interview follow-up by voicemail, about 19 seconds: #1 Acme - Data Analyst",
        "When: Mon 23 Nov - Fri 27 Nov (one follow-up in the week after you applied on 2026-11-18)",
        "Call: Jane Doe +1 555 0100",
        "",
        "Hello Jane, this is [your name], calling about the Data Analyst position I applied for "
        "on Wednesday 18 November.",
    ]
    assert "Fill in: your name, your phone number" in out


def test_script_refuses_when_nothing_may_be_sent() -> None:
    app_id = acme()
    run_json("log-call", str(app_id), "--on", "2026-11-24")

    result = run("script", str(app_id), code=1)

    assert error_line(result) == (
        "Error: nothing to draft for application 1: you followed up on 2026-11-24: the ball is "
        "in their court until they reply or invite you to interview; after 30 days of silence, "
        "consider closing it as no-response (from 2026-12-24: "
        "followup close 1 --outcome no-response)"
    )


def test_mailto_prints_one_line_that_opens_the_email() -> None:
    app_id = acme()

    result = run("script", str(app_id), "--mailto")

    assert result.stdout.startswith(
        "mailto:jane.doe@acme.example?subject=My%20application%20for%20the%20Data%20Analyst%20role"
        "&body=Hello%20Jane%2C%0D%0A%0D%0AI%20applied"
    )
    assert result.stdout.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["script", "1", "--mailto", "--via", "call"],
            2,
            "--mailto makes an email link; it does not go with --via call",
        ),
        (["script", "99"], 1, NOBODY),
    ],
)
def test_script_errors(args: list[str], code: int, message: str) -> None:
    acme()

    assert error_line(run(*args, code=code)) == f"Error: {message}"


def test_the_check_in_email_shares_the_article_and_the_next_one_does_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app_id = acme()
    interviewed(app_id, "2026-11-19")
    run_json("log-call", str(app_id), "--via", "email", "--on", "2026-11-23")
    saved = run_json(
        "article", str(app_id), "https://news.example/warehouses", "--title", "Warehouses in 2027"
    )
    monkeypatch.setenv("FOLLOWUP_TODAY", "2026-12-03")  # check-in window: Thu 3 .. Mon 7 Dec

    first = run_json("script", str(app_id))
    run_json("log-call", str(app_id), "--via", "email", "--note", "check-in with the article")
    monkeypatch.setenv("FOLLOWUP_TODAY", "2026-12-14")
    second = run_json("script", str(app_id))

    assert saved["created"] is True
    assert (first["stage"], first["via"], first["ready"]) == ("check-in", "email", True)
    assert first["article"] == {
        "id": saved["id"],
        "url": "https://news.example/warehouses",
        "title": "Warehouses in 2027",
    }
    assert "Warehouses in 2027\nhttps://news.example/warehouses" in first["body"]
    assert second["stage"] == "check-in"
    assert second["article"] is None
    assert "news.example" not in second["body"]
    (listed,) = run_json("article", str(app_id))
    assert (listed["offered_on"], listed["shared_on"], listed["shared_touch_id"]) == (
        "2026-12-03",
        "2026-12-03",
        2,
    )


def test_a_check_in_drafted_before_its_window_does_not_use_up_the_article(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app_id = acme()
    interviewed(app_id, "2026-11-19")
    run_json("log-call", str(app_id), "--via", "email", "--on", "2026-11-23")
    run_json("article", str(app_id), "https://news.example/a")

    early = run_json("script", str(app_id))

    assert (early["ready"], early["article"]["url"]) == (False, "https://news.example/a")
    assert run_json("article", str(app_id))[0]["offered_on"] is None


# --- article --------------------------------------------------------------------------------


def test_saving_an_article_twice_updates_its_title_and_keeps_one() -> None:
    app_id = acme()
    run_json("article", str(app_id), "https://news.example/a")

    again = run_json("article", str(app_id), "https://news.example/a", "--title", "A study")

    assert again == {
        "id": 1,
        "application_id": app_id,
        "url": "https://news.example/a",
        "title": "A study",
        "added_on": "2026-11-26",
        "offered_on": None,
        "shared_on": None,
        "shared_touch_id": None,
        "created": False,
    }
    assert len(run_json("article", str(app_id))) == 1


def test_the_human_view_of_article_says_where_it_will_be_used() -> None:
    app_id = acme()

    out = lines(run("article", str(app_id), "https://news.example/a", "--title", "A study").stdout)

    assert out == [
        "Saved article 1 on application 1: A study (https://news.example/a)",
        "Your next check-in email offers it: followup script 1 --via email",
    ]
    assert lines(run("article", "1").stdout)[-2:] == [
        " 1  │ Thu 26 Nov │ A study                │ not yet",
        "    │            │ https://news.example/a │",
    ]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["article", "1", "news.example/a"],
            2,
            "'news.example/a' is not a web address; give the whole link, starting with https://",
        ),
        (["article", "1", "--title", "A"], 2, "--title needs the article's URL"),
        (["article", "99", "https://news.example/a"], 1, NOBODY),
        (["article", "99"], 1, NOBODY),
    ],
)
def test_article_errors_write_nothing(args: list[str], code: int, message: str) -> None:
    acme()
    seen = everything()

    assert error_line(run(*args, code=code)) == f"Error: {message}"
    assert everything() == seen
    assert run_json("article", "1") == []


# --- the morning view points at these commands --------------------------------------------------


def test_due_points_at_the_script_for_a_follow_up_and_the_prep_sheet_for_an_interview() -> None:
    app_id = acme()
    run_json("interview", str(app_id), "--on", "2026-11-26", "--with", "Jane Doe")

    hints = {item["action"]: item["hint"] for item in run_json("due")["items"]}

    assert hints["interview"].endswith(" Prep sheet: followup prep 1.")
    assert run_json("due", "--as-of", "2026-12-01")["items"][0]["hint"].endswith(
        " What to say: followup script 1."
    )
