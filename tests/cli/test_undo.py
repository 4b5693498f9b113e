"""Issue 12: every change can be undone, and the undo puts back exactly what was there.

The truth table: one row per kind of change. Each starts from the same story, takes a
picture of everything `show --json` says about every application, makes the change,
undoes it, and compares the picture: stored windows, flags, ids and all.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from followup.storage import engine
from followup.storage.journal import undo_journal
from tests.cli.helpers import run, run_json

# Every test starts from an empty database: none looks at how the file came to be.
pytestmark = pytest.mark.empty_database

FOLLOWUP = [sys.executable, "-m", "followup"]


def everything() -> dict[int, Any]:
    """What `show --json` says about every application, by id."""
    ids = [a["id"] for a in run_json("list", "--all")]
    return {app_id: run_json("show", str(app_id)) for app_id in ids}


def stored_windows(db: Path | str) -> list[tuple[object, ...]]:
    """The verdicts kept on the rows (what `due` reads), not worked out afresh like show's."""
    with engine.transaction(str(db), write=False) as store:
        return [
            (s.application.id, s.stage, s.next_contact, s.waiting) for s in store.all_standings()
        ]


def story() -> None:
    """Acme (applied Wed 18 Nov): a call, an interview with Jane, a question, an article."""
    run("add", "Acme", "Data Analyst", "--applied", "2026-11-18", "--phone", "555 0100")
    run("log-call", "1", "--on", "2026-11-23")
    run("interview", "1", "--on", "2026-11-24", "--with", "Jane")
    run("asked", "1", "How big is the team?", "--to", "Jane")
    run("article", "1", "https://news.example/a", "--title", "Rates")


@pytest.mark.parametrize(
    ("setup", "change", "undid"),
    [
        ([], ["add", "Globex", "BI", "--applied", "2026-11-20"], "add #2 Globex, BI"),
        (
            [],
            ["edit", "1", "--phone", "", "--note", "fair", "--competitor", "Initech"],
            "edit #1 Acme",
        ),
        ([], ["edit", "1", "--applied", "2026-11-16", "--may-call"], "edit #1 Acme"),
        ([], ["log-call", "1", "--via", "email"], "log-call #1 Acme, email on Thu 26 Nov"),
        (
            [],
            ["log-call", "1", "--inbound", "--follow-up-on", "2026-12-07"],
            "log-call #1 Acme, inbound call on Thu 26 Nov",
        ),
        ([], ["delete-touch", "1"], "delete-touch #1 Acme, call on Mon 23 Nov"),
        (
            [],
            ["interview", "1", "--on", "2026-12-02", "--kind", "second"],
            "interview #1 Acme, second interview on Wed 2 Dec",
        ),
        (
            [],
            ["debrief", "1", "--next-steps", "panel", "--prefers", "email"],
            "debrief #1 Acme, interview on Tue 24 Nov",
        ),
        (
            [],
            ["edit-interview", "i1", "--with", "Bob", "--on", "2026-11-25", "--timeline", "soon"],
            "edit-interview #1 Acme, interview #1 on Wed 25 Nov",
        ),
        (
            [],
            ["edit-interview", "1", "--prefers", "", "--follow-up-on", "2026-12-01"],
            "edit-interview #1 Acme, interview #1 on Tue 24 Nov",
        ),
        ([], ["delete-interview", "1"], "delete-interview #1 Acme, first interview on Tue 24 Nov"),
        ([], ["snooze", "1", "--until", "2026-12-10"], "snooze #1 Acme, until Thu 10 Dec"),
        ([], ["close", "1", "--outcome", "rejected"], "close #1 Acme, rejected on Thu 26 Nov"),
        ([["close", "1", "--outcome", "withdrawn"]], ["reopen", "1"], "reopen #1 Acme"),
        (
            [["add", "Globex", "BI"]],
            ["delete", "1", "--yes"],
            "delete #1 Acme, Data Analyst, with 1 touch, 1 interview",
        ),
        (
            [],
            ["asked", "1", "Who would I work with?", "--to", "Jane"],
            "asked #1 Acme, question to Jane",
        ),
        ([], ["delete-asked", "1"], "delete-asked #1 Acme, question to Jane"),
        ([], ["article", "1", "https://news.example/b"], "article #1 Acme, https://news.example/b"),
        (
            [],
            ["article", "1", "https://news.example/a", "--title", "New"],
            "article #1 Acme, title of https://news.example/a",
        ),
        ([], ["delete-article", "1"], "delete-article #1 Acme, https://news.example/a"),
    ],
    ids=lambda value: (
        " ".join(value) if isinstance(value, list) and value and isinstance(value[0], str) else ""
    ),
)
def test_undo_puts_back_exactly_what_was_there(
    setup: list[list[str]], change: list[str], undid: str, db: Path | str
) -> None:
    story()
    for step in setup:
        run(*step)
    before = everything()
    windows = stored_windows(db)

    run(*change)
    assert everything() != before, "the change changed nothing, so the test proves nothing"
    result = run("undo")

    assert result.stdout == f"Undid: {undid}\n"
    assert everything() == before
    assert stored_windows(db) == windows


def test_an_import_of_many_rows_is_one_undo_step(tmp_path: Path) -> None:
    story()
    before = everything()
    sheet = tmp_path / "sheet.csv"
    rows = [f"Company {n},Analyst,2026-11-{10 + n % 15:02d}" for n in range(60)]
    sheet.write_text("Company,Role,Applied\n" + "\n".join(rows) + "\n", encoding="utf-8")
    run("import", str(sheet))
    assert len(everything()) == 61

    assert run("undo").stdout == "Undid: import, 60 applications\n"
    assert everything() == before
    # The next undo goes on to the change before the import.
    assert run("undo").stdout == "Undid: article #1 Acme, https://news.example/a\n"


def test_undo_again_goes_back_one_change_further_until_there_is_nothing_left() -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-18")
    empty_then_added = everything()
    run("log-call", "1")
    run("log-call", "1", "--via", "email", "--inbound")

    assert run("undo").stdout.startswith("Undid: log-call #1 Acme, inbound email")
    assert run("undo").stdout.startswith("Undid: log-call #1 Acme, call")
    assert everything() == empty_then_added
    assert run("undo").stdout == "Undid: add #1 Acme, Analyst\n"
    assert everything() == {}
    result = run("undo", code=1)
    assert result.stderr == "Error: there is nothing to undo\n"


def test_undo_list_shows_the_last_20_changes_newest_first() -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-18")
    for day in range(19, 26):
        for via in ("call", "email", "voicemail"):
            run("log-call", "1", "--on", f"2026-11-{day}", "--via", via)
    listed = run_json("undo", "--list")
    assert len(listed) == 20
    assert listed[0]["summary"] == "log-call #1 Acme, voicemail on Wed 25 Nov"
    assert listed[0] | {"id": 0, "made_at": ""} == {
        "id": 0,
        "made_at": "",
        "command": "log-call",
        "application_id": 1,
        "company": "Acme",
        "what": "voicemail on",
        "on": "2026-11-25",
        "summary": "log-call #1 Acme, voicemail on Wed 25 Nov",
    }
    assert [c["id"] for c in listed] == sorted((c["id"] for c in listed), reverse=True)
    text = run("undo", "--list").stdout.splitlines()
    assert len(text) == 20
    assert text[0].endswith("UTC  log-call #1 Acme, voicemail on Wed 25 Nov")


def test_undo_json_says_what_it_undid() -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-18")
    run("log-call", "1")
    undone = run_json("undo")["undone"]
    assert (undone["command"], undone["summary"]) == (
        "log-call",
        "log-call #1 Acme, call on Thu 26 Nov",
    )


def test_the_journal_keeps_the_last_100_changes_of_a_profile(db: Path | str) -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-18")
    for n in range(104):
        run("edit", "1", "--note", f"note {n}")
    with engine.transaction(str(db), write=False) as store:
        kept = store.connection.execute(undo_journal.select()).all()
    assert len(kept) == 100
    # The oldest, the add, was forgotten.
    assert {row.command for row in kept} == {"edit"}


def test_undo_is_refused_when_the_rows_changed_outside_the_journal(db: Path | str) -> None:
    story()
    run("log-call", "1", "--via", "email")
    # As an older followup, or a hand-edit of the database, would change it.
    with engine.transaction(str(db)) as store:
        store.connection.exec_driver_sql("UPDATE applications SET note = 'by hand' WHERE id = 1")
    result = run("undo", code=1)
    assert result.stderr == (
        "Error: application 1 was changed since without the undo journal; nothing was undone "
        "(see followup show 1)\n"
    )
    assert len(run_json("show", "1")["touches"]) == 2


def test_a_restore_starts_a_new_history_that_undo_does_not_go_past(tmp_path: Path) -> None:
    story()
    backup = tmp_path / "backup.json"
    run("export", "-o", str(backup))
    target = str(tmp_path / "restored.db")
    run("--db", target, "import", str(backup))
    assert [c["command"] for c in run_json("--db", target, "undo", "--list")] == ["restore"]

    result = run("--db", target, "undo", code=1)
    assert result.stderr == (
        "Error: the last change was a restore, which starts a new history: nothing before it "
        "can be undone (to start again, restore into a new, empty database)\n"
    )
    run("--db", target, "log-call", "1", "--via", "email")
    assert run("--db", target, "undo").stdout.startswith("Undid: log-call #1 Acme, email")


def test_each_profile_undoes_its_own_changes() -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-18")
    run("--profile", "sam", "add", "Globex", "BI", "--applied", "2026-11-18")
    assert run("undo").stdout == "Undid: add #1 Acme, Analyst\n"
    assert run("--profile", "sam", "undo").stdout == "Undid: add #2 Globex, BI\n"


def test_undo_works_across_processes() -> None:
    def followup(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*FOLLOWUP, *args], capture_output=True, text=True, env=dict(os.environ), timeout=60
        )

    assert followup("add", "Acme", "Analyst", "--applied", "2026-11-18").returncode == 0
    before = followup("show", "1", "--json").stdout
    assert followup("log-call", "1", "--via", "email").returncode == 0

    done = followup("undo")
    assert (done.returncode, done.stdout) == (0, "Undid: log-call #1 Acme, email on Thu 26 Nov\n")
    assert json.loads(followup("show", "1", "--json").stdout) == json.loads(before)
