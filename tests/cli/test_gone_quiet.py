"""Gone quiet, end to end: `due` lists it once with the command to close it; a reply
brings it back; `close --outcome no-response` ends it (docs/rules.md, rule 9).

Today is Thu 26 Nov 2026 (tests/conftest.py).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.cli.helpers import run, run_json

# Every test starts from an empty database: none looks at how the file came to be.
pytestmark = pytest.mark.empty_database


def _checked_in_three_times() -> str:
    """Interviewed Mon 12 Oct; check-ins Mon 19 Oct, Thu 29 Oct and Mon 9 Nov, unanswered:
    quiet from Thu 19 Nov, when the next window would have opened."""
    app = run_json(
        "add", "Acme", "Analyst", "--applied", "2026-10-05", "--email", "jo@acme.example"
    )
    app_id = str(app["id"])
    run("interview", app_id, "--on", "2026-10-12", "--next-steps", "they will call")
    for on in ("2026-10-19", "2026-10-29", "2026-11-09"):
        run("log-call", app_id, "--via", "email", "--on", on)
    return app_id


def _followed_up_once() -> str:
    """Applied Wed 14 Oct, followed up Mon 19 Oct: 30 days on is Wed 18 Nov."""
    app = run_json("add", "Globex", "QA", "--applied", "2026-10-14", "--phone", "+1 555 0100")
    app_id = str(app["id"])
    run("log-call", app_id, "--on", "2026-10-19")
    return app_id


def _quiet(report: dict[str, Any]) -> list[tuple[int, str, str]]:
    return [(q["id"], q["since"], q["command"]) for q in report["gone_quiet"]]


def test_due_lists_applications_gone_quiet_once_with_the_command_to_close_them() -> None:
    acme, globex = _checked_in_three_times(), _followed_up_once()

    report = run_json("due")
    out = run("due").stdout

    assert report["items"] == []
    assert _quiet(report) == [
        (2, "2026-11-18", "followup close 2 --outcome no-response"),
        (1, "2026-11-19", "followup close 1 --outcome no-response"),
    ]
    assert report["gone_quiet"][1]["reason"].startswith(
        "3 check-ins with no reply since you last heard from them on 2026-10-12"
    )
    assert out.splitlines()[1] == "Nobody to contact today. Nor in the coming days."
    assert "Gone quiet: consider closing (2)" in out
    assert out.count(f"followup close {acme} --outcome no-response") == 1
    assert out.count(f"followup close {globex} --outcome no-response") == 1
    assert "Holding off" not in out


def test_show_and_list_say_it_has_gone_quiet() -> None:
    app_id = _checked_in_three_times()

    shown = run("show", app_id).stdout
    listed = run("list").stdout

    assert shown.startswith("Today: no, 3 check-ins with no reply")
    assert "Gone quiet: 3 check-ins with no reply" in shown
    assert "followup close 1 --outcome no-response." in shown
    assert "gone quiet, Thu 19 Nov" in listed


def test_their_reply_brings_it_back_into_the_cadence() -> None:
    app_id = _checked_in_three_times()

    run("log-call", app_id, "--inbound", "--via", "email")

    report = run_json("due")
    window = run_json("show", app_id)["next_contact"]
    assert report["gone_quiet"] == []
    assert (window["action"], window["earliest"]) == ("email", "2026-12-07")


def test_a_new_interview_brings_it_back_too() -> None:
    app_id = _followed_up_once()

    run("interview", app_id, "--on", "2026-12-02")

    assert run_json("due")["gone_quiet"] == []
    assert run_json("show", app_id)["next_contact"]["action"] == "call"


def test_closing_it_as_no_response_ends_it() -> None:
    app_id = _followed_up_once()

    closed = run_json("close", app_id, "--outcome", "no-response")

    assert (closed["stage"], closed["outcome"]) == ("closed", "no-response")
    assert run_json("due")["gone_quiet"] == []


def test_before_its_day_it_waits_under_holding_off() -> None:
    app_id = _followed_up_once()

    out = run("due", "--as-of", "2026-11-02", "--ahead", "0").stdout

    assert f"#{app_id} Globex - QA" in out
    assert "quiet Wed 18 Nov" in out
    assert "Gone quiet" not in out


def test_the_gone_quiet_entries_of_due_json_have_exactly_the_documented_keys() -> None:
    _followed_up_once()

    (entry,) = run_json("due")["gone_quiet"]

    assert set(entry) == {"id", "company", "role", "since", "reason", "command"}
    assert all(isinstance(entry[key], str) for key in ("company", "role", "since", "reason"))
