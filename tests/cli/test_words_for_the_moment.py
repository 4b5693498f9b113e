"""Words that fit the moment (issue 13, item 5): a phone screen ends a call, a closed
application has nothing to prepare, and the over-contact column counts touches.

Today is Thu 26 Nov 2026 (tests/conftest.py).
"""

from __future__ import annotations

import pytest

from tests.cli.helpers import run, run_json

# Every test starts from an empty database: none looks at how the file came to be.
pytestmark = pytest.mark.empty_database


def _acme(*options: str) -> str:
    added = run_json("add", "Acme", "Analyst", "--applied", "2026-11-18", "--phone", "1", *options)
    return str(added["id"])


def test_a_phone_screen_prep_sheet_asks_before_the_call_ends() -> None:
    app_id = _acme()
    run("interview", app_id, "--on", "2026-11-30", "--kind", "phone-screen")

    out = run("prep", app_id).stdout.splitlines()

    assert "Before the call ends, ask" in out
    assert "Before you leave, ask" not in out


def test_an_interview_in_person_still_asks_before_you_leave() -> None:
    app_id = _acme()
    run("interview", app_id, "--on", "2026-11-30", "--kind", "first")

    out = run("prep", app_id).stdout.splitlines()

    assert "Before you leave, ask" in out


def test_the_morning_view_of_a_phone_screen_speaks_of_the_end_of_the_call() -> None:
    app_id = _acme()
    run("interview", app_id, "--on", "2026-11-27", "--kind", "phone-screen")

    (item,) = [i for i in run_json("due")["items"] if i["action"] == "interview"]

    assert item["hint"].startswith("Before the call ends, ask what the next steps are")


def test_prep_on_a_closed_application_says_it_is_closed() -> None:
    app_id = _acme()
    run("interview", app_id, "--on", "2026-11-20", "--kind", "final")
    run("close", app_id, "--outcome", "rejected", "--on", "2026-11-25")

    out = run("prep", app_id).stdout.splitlines()

    assert out[1] == (
        "Next: nothing to prepare: this application was closed (rejected) on Wed 25 Nov. "
        f"Invited again? followup interview {app_id} --on DATE"
    )
    assert not any("preparing for a final interview" in line for line in out)


def test_the_over_contact_column_counts_touches_flagged_not_flags() -> None:
    app_id = _acme()
    for on in ("2026-11-24", "2026-11-25", "2026-11-26"):
        run("log-call", app_id, "--on", on)
    flags = [sorted(t["flags"]) for t in run_json("show", app_id)["touches"]]
    assert flags == [[], ["repeat"], ["repeat", "stalker"]]

    (row,) = [line for line in run("list").stdout.splitlines() if line.lstrip().startswith("1 ")]

    assert row.split()[-1] == "2"
