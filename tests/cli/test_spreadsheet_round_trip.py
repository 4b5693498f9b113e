"""A spreadsheet round-trips: `export -o apps.csv`, then `--db new.db import apps.csv`, gives
the same stage, outcome, closing date, last touch, do-not-call, no-email and next window, so `due`
says the same on both databases (docs/import-export.md, "What comes back")."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import run, run_json

# Every test starts from an empty database: none looks at how the file came to be.
pytestmark = pytest.mark.empty_database

# FOLLOWUP_TODAY is Thu 26 Nov 2026 (tests/conftest.py).


def _varied_history() -> None:
    """One application in each state a job search goes through."""
    # 1. Applied, nothing since: the week-after window.
    run("add", "Acme", "Analyst", "--applied", "2026-11-18", "--phone", "+1 650 253 0000")
    # 2. Applied and followed up once: the ball is in their court.
    run("add", "Globex", "Engineer", "--applied", "2026-11-09", "--phone", "+1 650 253 0001")
    run("log-call", "2", "--on", "2026-11-17")
    # 3. Followed up, and they wrote back: one more follow-up 10-14 days later.
    run("add", "Initech", "Analyst", "--applied", "2026-11-02", "--email", "hr@initech.test")
    run("log-call", "3", "--on", "2026-11-10", "--via", "email")
    run("log-call", "3", "--on", "2026-11-12", "--via", "email", "--inbound")
    # 4. Interviewed, with next steps and a preferred channel: the first check-in.
    run("add", "Umbrella", "Data Lead", "--applied", "2026-11-03", "--phone", "+1 650 253 0002")
    run("interview", "4", "--on", "2026-11-20", "--kind", "second", "--with", "Jane Doe")
    run("debrief", "4", "--next-steps", "panel", "--timeline", "Dec 18", "--prefers", "email")
    # 5. An interview coming up.
    run("add", "Hooli", "Analyst", "--applied", "2026-11-04", "--email", "jobs@hooli.test")
    run("interview", "5", "--on", "2026-12-03", "--kind", "phone-screen")
    # 6. Interviewed (no next steps recorded: a reminder), then a check-in call.
    run("add", "Vehement", "BI Dev", "--applied", "2026-10-20", "--phone", "+1 650 253 0003")
    run("interview", "6", "--on", "2026-11-16")
    run("log-call", "6", "--on", "2026-11-23", "--via", "voicemail")
    # 7. A follow-up date agreed on the phone.
    run("add", "Stark", "Analyst", "--applied", "2026-11-05", "--phone", "+1 650 253 0004")
    run("log-call", "7", "--on", "2026-11-13", "--follow-up-on", "2026-12-07")
    # 8. An interview with an agreed follow-up date.
    run("add", "Wayne", "Analyst", "--applied", "2026-10-28", "--email", "hr@wayne.test")
    run("interview", "8", "--on", "2026-11-19", "--follow-up-on", "2026-11-30")
    run("debrief", "8", "--next-steps", "references")
    # 9. Closed: rejected.
    run("add", "Cyberdyne", "Analyst", "--applied", "2026-10-01", "--phone", "+1 650 253 0005")
    run("close", "9", "--outcome", "rejected", "--on", "2026-11-10")
    # 10. The posting said not to call, and only a phone number is on file.
    run("add", "Soylent", "Analyst", "--applied", "2026-11-16", "--do-not-call", "--phone", "1")
    # 11. A local number saved before phone_region was set (below): kept as typed.
    run("add", "Tyrell", "Analyst", "--applied", "2026-11-19", "--phone", "555 0100")
    # 12. The posting asked for no emails either: no follow-up before an interview.
    run(
        "add",
        "Oscorp",
        "Analyst",
        "--applied",
        "2026-11-17",
        "--do-not-call",
        "--email",
        "a@o.test",
    )
    run("edit", "12", "--no-email")


def _set_phone_region(tmp_path: Path) -> None:
    folder = tmp_path / "xdg-config" / "followup"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.toml").write_text('phone_region = "US"\n')


_IDS = re.compile(r"#[0-9]+")


def _verdicts(db: str | None = None) -> dict[str, Any]:
    """What `due --json` and `list --all --json` say, with touch and interview ids (which a
    new database numbers afresh) masked in the reasons."""
    where = ["--db", db] if db else []
    due = run_json(*where, "due")
    for item in due["items"]:
        item["reason"] = _IDS.sub("#N", item["reason"])
    apps = run_json(*where, "list", "--all")
    state = {}
    for app in apps:
        window = app["next_contact"]
        if window is not None:
            window["reason"] = _IDS.sub("#N", window["reason"])
        state[app["company"]] = {
            key: app[key]
            for key in (
                "id",
                "stage",
                "outcome",
                "applied_on",
                "closed_on",
                "do_not_call",
                "no_email",
                "contact",
                "next_contact",
                "waiting",
            )
        }
    return {"due": due, "applications": state}


def _last_touches(db: str | None, count: int) -> list[dict[str, Any] | None]:
    where = ["--db", db] if db else []
    found: list[dict[str, Any] | None] = []
    for app_id in range(1, count + 1):
        touches = run_json(*where, "show", str(app_id))["touches"]
        last = max(touches, key=lambda t: (t["on"], t["id"])) if touches else None
        found.append(
            None if last is None else {k: last[k] for k in ("on", "via", "inbound", "follow_up_on")}
        )
    return found


@pytest.mark.sqlite_only  # the second database is a new file
def test_an_exported_sheet_imports_into_a_new_database_with_the_same_verdicts(
    tmp_path: Path,
) -> None:
    _varied_history()
    _set_phone_region(tmp_path)
    sheet = tmp_path / "apps.csv"
    run("export", "-o", str(sheet))
    new_db = str(tmp_path / "new.db")

    imported = run_json("--db", new_db, "import", str(sheet))

    assert imported["imported"] == 12
    assert imported["unused_columns"] == []
    assert imported["ignored_columns"] == [
        "id",
        "stage",
        "next from",
        "next until",
        "next action",
        "flags",
    ]
    before, after = _verdicts(), _verdicts(new_db)
    assert after == before
    # The run above must have compared something worth comparing.
    assert {i["state"] for i in before["due"]["items"]} >= {"due", "upcoming"}
    assert len(before["due"]["reminders"]) == 1
    assert {a["stage"] for a in before["applications"].values()} == {
        "applied",
        "interviewing",
        "closed",
    }
    assert before["applications"]["Tyrell"]["contact"]["phone"] == "555 0100"
    assert before["applications"]["Oscorp"]["no_email"] is True
    assert _last_touches(new_db, 12) == _last_touches(None, 12)


@pytest.mark.sqlite_only  # the second database is a new file
def test_the_import_summary_says_what_a_sheet_leaves_behind(tmp_path: Path) -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-18", "--phone", "555 0100")
    sheet = tmp_path / "apps.csv"
    run("export", "-o", str(sheet))

    result = run("--db", str(tmp_path / "new.db"), "import", str(sheet))

    assert result.stdout.splitlines()[1] == (
        "Not read, but worked out again by the rules: 'id', 'stage', 'next from', "
        "'next until', 'next action', 'flags'. A spreadsheet brings back each "
        "application's last touch and last interview, not its whole history; for "
        "everything, export -o FILE.json and import that file."
    )


def test_a_sheet_of_ones_own_gives_a_last_contact_and_an_interview(tmp_path: Path) -> None:
    sheet = tmp_path / "mine.csv"
    sheet.write_text(
        "Company,Role,Date applied,Phone,Last contact,Last contact via,Last contact by,"
        "Interview date,Stage reached\n"
        "Acme,Analyst,2026-11-02,555 0100,2026-11-23,email,them,,\n"
        "Globex,Engineer,2026-11-02,555 0101,,,,2026-11-24,second\n"
    )
    imported = run_json("import", str(sheet), "--map", "Stage reached=interview-kind")
    assert imported["unused_columns"] == []
    assert imported["ignored_columns"] == []

    acme, globex = run_json("show", "1"), run_json("show", "2")

    assert [(t["on"], t["via"], t["inbound"]) for t in acme["touches"]] == [
        ("2026-11-23", "email", True)
    ]
    assert acme["next_contact"]["earliest"] == "2026-12-03"  # 10 days on
    assert globex["stage"] == "interviewing"
    assert [(i["on"], i["kind"]) for i in globex["interviews"]] == [("2026-11-24", "second")]


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        (
            "2026-11-23,fax,you,,",
            "row 2: the last touch's channel is 'fax'; write one of call, voicemail, "
            "no-answer, email",
        ),
        ("2026-11-23,call,boss,,", "row 2: the last touch was by 'boss'; write you or them"),
        (
            "2026-10-01,call,you,,",
            "row 2: the last touch on 2026-10-01 is before it was applied for",
        ),
        (",call,you,,", "row 2: the last touch has a channel or a follow-up but no date"),
        (
            ",,,,final",
            "row 2: the interview columns are filled in but the interview has no date",
        ),
        (
            "2026-12-01,call,you,,",
            "row 2: the last touch date '2026-12-01' is in the future, and this option "
            "records something that already happened",
        ),
        (
            ",,,2026-11-24,fourth",
            "row 2: the interview kind is 'fourth'; write one of phone-screen, first, "
            "second, final",
        ),
    ],
)
def test_a_history_cell_that_cannot_be_read_stops_the_import(
    tmp_path: Path, cells: str, message: str
) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text(
        "company,role,applied,last touch,last touch via,last touch by,last interview,"
        f"interview kind\nAcme,Analyst,2026-11-02,{cells}\n"
    )
    result = run("import", str(sheet), code=2)
    assert result.stderr == f"Error: {message}; nothing was imported\n"
    assert run_json("list", "--all") == []
