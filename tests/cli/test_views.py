"""`followup agenda`, `stats` and `today` end to end (today's keys: tests/integration/
test_today_terminal.py, on a real pseudo-terminal)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import run, run_json

# Every test starts from an empty database: none looks at how the file came to be.
pytestmark = pytest.mark.empty_database

AGENDA_80 = """\
Agenda from Mon 23 Nov (* today)
-----------------------------------------------------------------------------
Mon 23 Nov    | Tue 24 Nov    | Wed 25 Nov    | Thu 26 Nov *  | Fri 27 Nov
Acme opens    |               |               | holiday       | Acme last
Globex. opens |               |               |               | Globex. last
-----------------------------------------------------------------------------
Mon 30 Nov    | Tue 1 Dec     | Wed 2 Dec     | Thu 3 Dec     | Fri 4 Dec
Hooli agreed  |               | Initech intvw |               | Hooli last
-----------------------------------------------------------------------------
"""

AGENDA_120_WIDE = """\
Agenda from Mon 23 Nov (* today)
---------------------------------------------------------------------------------------------------------------------
Mon 23 Nov            | Tue 24 Nov            | Wed 25 Nov            | Thu 26 Nov *          | Fri 27 Nov
#1 Acme opens         |                       |                       | holiday               | #1 Acme last day
#2 Globex Corp. opens |                       |                       |                       | #2 Globex C. last day
---------------------------------------------------------------------------------------------------------------------
Mon 30 Nov            | Tue 1 Dec             | Wed 2 Dec             | Thu 3 Dec             | Fri 4 Dec
#4 Hooli agreed       |                       | #3 Initech interview  |                       | #4 Hooli last day
---------------------------------------------------------------------------------------------------------------------
Mon 7 Dec             | Tue 8 Dec             | Wed 9 Dec             | Thu 10 Dec            | Fri 11 Dec
#3 Initech opens      |                       |                       |                       | #3 Initech last day
---------------------------------------------------------------------------------------------------------------------
"""  # noqa: E501


@pytest.fixture
def fortnight(tmp_path: Path) -> None:
    """Four applications around Thanksgiving 2026 (US holidays), today Thu 26 Nov."""
    config = tmp_path / "xdg-config" / "followup"
    config.mkdir(parents=True)
    (config / "settings.toml").write_text('holidays = "US"\n')
    run("add", "Acme", "Data Analyst", "--applied", "2026-11-16", "--phone", "+1 555 0100")
    run("add", "Globex Corporation International", "Engineer", "--applied", "2026-11-18")
    run("edit", "2", "--email", "jobs@globex.example")
    run("add", "Initech", "PM", "--applied", "2026-11-02", "--phone", "+1 555 0101")
    run("log-call", "3", "--on", "2026-11-10", "--via", "voicemail")
    run("log-call", "3", "--on", "2026-11-12", "--inbound", "--via", "email")
    run("interview", "3", "--on", "2026-12-02")
    run("add", "Hooli", "Analyst", "--applied", "2026-10-20", "--phone", "+1 555 0102")
    run("interview", "4", "--on", "2026-11-05", "--follow-up-on", "2026-11-30", "--next-steps", "x")


@pytest.mark.usefixtures("fortnight")
def test_agenda_fits_80_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = run("agenda").stdout
    assert out == AGENDA_80
    assert max(len(line) for line in out.splitlines()) <= 80


@pytest.mark.usefixtures("fortnight")
def test_agenda_wide_at_120_columns_names_in_full_with_ids() -> None:
    out = run("agenda", "--wide", "--weeks", "3").stdout
    assert out == AGENDA_120_WIDE
    assert max(len(line) for line in out.splitlines()) <= 120


@pytest.mark.usefixtures("fortnight")
def test_agenda_json_gives_the_days_with_their_items() -> None:
    found = run_json("agenda")
    assert found["today"] == "2026-11-26"
    days = {day["date"]: day for day in found["days"]}
    assert len(days) == 10
    assert set(found["days"][0]) == {"date", "holiday", "items"}
    assert days["2026-11-26"] == {"date": "2026-11-26", "holiday": True, "items": []}
    assert days["2026-11-30"]["items"] == [
        {
            "kind": "agreed",
            "id": 4,
            "company": "Hooli",
            "role": "Analyst",
            "detail": "call",
        }
    ]
    assert [item["kind"] for item in days["2026-11-27"]["items"]] == ["last day", "last day"]
    assert days["2026-12-02"]["items"][0]["detail"] == "first"


@pytest.mark.parametrize(
    ("weeks", "message"),
    [("0", "--weeks must be 1 to 52, not 0"), ("53", "--weeks must be 1 to 52, not 53")],
)
def test_agenda_refuses_weeks_out_of_range(weeks: str, message: str) -> None:
    result = run("agenda", "--weeks", weeks, code=2)
    assert result.stderr == f"Error: {message}\n"


@pytest.mark.usefixtures("fortnight")
def test_stats_in_plain_text_off_a_terminal() -> None:
    run("close", "4", "--outcome", "rejected", "--on", "2026-11-25")
    out = run("stats").stdout
    assert out.isascii()
    lines = out.splitlines()
    assert lines[0] == "What is working, as of Thu 26 Nov (all applications)"
    assert "  applied           4  ##############################" in lines
    assert "  heard back        2  ###############                 (too few to tell)" in lines
    assert "  voicemail       1 of 1     ##############################  (too few to tell)" in lines
    assert "  (too few to tell: 2 replied)" in lines
    assert "  w/c Mon 16 Nov         2 ###############     0" in lines
    assert "  rejected          1  ########                        (too few to tell)" in lines
    assert "  still open        3  ######################          (too few to tell)" in lines
    assert "  follow-ups inside their window: 1 of 1  (too few to tell)" in lines


def test_stats_show_percentages_from_five_cases() -> None:
    for n in range(5):
        run("add", f"Company {n}", "Analyst", "--applied", "2026-11-02", "--phone", "+1 555 0100")
        run("log-call", str(n + 1), "--on", "2026-11-09")
    run("log-call", "1", "--on", "2026-11-12", "--inbound")
    run("log-call", "2", "--on", "2026-11-13", "--inbound")
    lines = run("stats").stdout.splitlines()
    assert "  heard back        2  ############                    40% of applied" in lines
    assert "  call            2 of 5     ############                    40%" in lines
    found = run_json("stats")
    assert found["answers"][0] == {"via": "call", "count": 2, "of": 5, "share": 0.4}
    assert found["restraint"]["inside_window"] == {"count": 5, "of": 5, "share": 1.0}


@pytest.mark.usefixtures("fortnight")
def test_stats_json_keys() -> None:
    found = run_json("stats", "--since", "2026-11-01")
    assert set(found) == {
        "as_of",
        "since",
        "funnel",
        "answers",
        "first_reply",
        "activity",
        "restraint",
        "outcomes",
    }
    assert found["since"] == "2026-11-01"
    assert [row["stage"] for row in found["funnel"]] == [
        "applied",
        "heard back",
        "interviewed",
        "final round",
        "offer",
    ]
    assert found["funnel"][0] == {"stage": "applied", "count": 3, "of": 3, "share": None}
    assert set(found["first_reply"]) == {"median_business_days", "applications"}
    assert len(found["activity"]) == 12
    assert set(found["activity"][0]) == {"week", "applications", "follow_ups"}
    assert [m["month"] for m in found["restraint"]["flags_by_month"]] == [
        "2026-09",
        "2026-10",
        "2026-11",
    ]
    assert [o["outcome"] for o in found["outcomes"]][-2:] == ["no-response", "still open"]


def test_stats_since_a_future_day_is_refused() -> None:
    result = run("stats", "--since", "2026-12-01", code=2)
    assert result.stderr.startswith("Error: '2026-12-01'")


def test_stats_of_an_empty_database() -> None:
    found = run_json("stats")
    assert found["funnel"][0]["count"] == 0
    assert found["first_reply"] == {"median_business_days": None, "applications": 0}


def test_today_without_a_terminal_says_to_use_log_call() -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-16", "--phone", "+1 555 0100")
    result = run("today", code=2)
    assert result.stderr == (
        "Error: 'followup today' asks one key per application and needs a terminal; "
        "from a script, record each contact with 'followup log-call APP_ID'\n"
    )
    assert result.stdout == ""
    # Nothing was written: the window is still open.
    assert run_json("show", "1")["next_contact"]["earliest"] == "2026-11-23"
