"""One database, several job seekers: a profile never sees, changes or deletes another's data.

Ana (profile ``ana``) has a whole history; Ben (profile ``ben``) runs every command there
is against Ana's ids. Each must answer "not found" or show Ben's own (empty) view, and
Ana's data must come out of it exactly as it went in. A new command fails
``test_every_command_is_tried_across_profiles`` until it is added to ``ACROSS`` below.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer.main

from followup.cli import app
from tests.cli.helpers import run

# Every test starts from an empty database: none looks at how the file came to be.
pytestmark = pytest.mark.empty_database

COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def ana(*args: str, code: int = 0) -> Any:
    return run("--profile", "ana", *args, code=code)


def ben(*args: str, code: int = 0) -> Any:
    return run("--profile", "ben", *args, code=code)


def _json(result: Any) -> Any:
    return json.loads(result.stdout)


@pytest.fixture
def anas(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    db: Path | str,
    backend: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, int]:
    """Ana's history (every kind of row there is), and Ben's one application after it.

    On SQLite the first test in a process builds it and every later one starts from a copy
    of that file (the same rows, ids and journal), which saves each some fourteen commands.
    """
    monkeypatch.setenv("FOLLOWUP_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sheet.csv").write_text(
        "company,role,applied\nWayne,Analyst,2026-11-20\n", encoding="utf-8"
    )
    if backend == "postgres":
        return _build_anas()
    built = tmp_path_factory.getbasetemp() / "anas-history.db"
    if built not in _BUILT:
        ids = _build_anas()
        assert isinstance(db, Path)
        # Every command has closed its connection, so the file holds everything.
        assert not db.with_name(f"{db.name}-wal").exists()
        shutil.copyfile(db, built)
        _BUILT[built] = ids
    else:
        shutil.copyfile(built, db)
    return dict(_BUILT[built])


_BUILT: dict[Path, dict[str, int]] = {}


def _build_anas() -> dict[str, int]:
    first = _json(
        ana(
            "add", "Acme", "Analyst", "--applied", "2026-11-18", "--phone", "555 0100",
            "--email", "jane@acme.example", "--pitch", "SQL reporting", "--json",
        )
    )["id"]  # fmt: skip
    closed = _json(ana("add", "Globex", "QA Lead", "--applied", "2026-11-02", "--json"))["id"]
    ana("close", str(closed), "--outcome", "rejected", "--on", "2026-11-20")
    touch = _json(ana("log-call", str(first), "--on", "2026-11-24", "--json"))["touch"]["id"]
    ana("interview", str(first), "--on", "2026-11-25", "--with", "Jane Doe", "--prefers", "email")
    ana("asked", str(first), "What would you fix first?", "--to", "Jane Doe", "--answer", "ETL")
    ana("article", str(first), "https://news.example/etl", "--title", "ETL in 2027")
    ana("edit", str(first), "--competitor", "Initech")
    shown = _json(ana("show", str(first), "--json"))
    interview = shown["interviews"][0]["id"]
    asked, article = shown["asked"][0]["id"], shown["articles"][0]["id"]
    ana("due")  # settles the stored verdicts, so that due takes its fast path on SQLite
    mine = _json(ben("add", "Hooli", "Engineer", "--applied", "2026-11-23", "--json"))["id"]
    return {
        "app": first,
        "closed": closed,
        "touch": touch,
        "interview": interview,
        "asked": asked,
        "article": article,
        "ben": mine,
    }


def everything_of_ana() -> dict[str, Any]:
    """Every row of Ana's, as the full backup shows it (not the database's own facts)."""
    tables = dict(json.loads(ana("export", "--format", "json").stdout)["tables"])
    del tables["followup_meta"]
    return tables


NOT_FOUND = "no application with id {app}"
NO_INTERVIEW = "no interview with id {interview}; interview ids are in followup show APP_ID"
Check = Callable[[str, dict[str, int]], bool]


def _parsed(out: str) -> Any:
    return json.loads(out)


# What each command is asked, as Ben, about Ana's data, and what it must answer: an error
# (exit 1, the message with the ids filled in), or for a command that shows Ben his own
# data, a check of its output. None: a test of its own below.
ACROSS: dict[str, list[tuple[list[str], str | Check | None]]] = {
    "show": [(["show", "{app}"], NOT_FOUND)],
    "log-call": [(["log-call", "{app}", "--on", "2026-11-25"], NOT_FOUND)],
    "interview": [(["interview", "{app}", "--on", "2026-11-30"], NOT_FOUND)],
    "debrief": [
        (["debrief", "{app}", "--next-steps", "offer"], NOT_FOUND),
        # Ben's own application, Ana's interview.
        (
            ["debrief", "{ben}", "--interview", "{interview}"],
            "application {ben} has no interview with id {interview}",
        ),
    ],
    "edit": [(["edit", "{app}", "--company", "Mine now"], NOT_FOUND)],
    "close": [(["close", "{app}", "--outcome", "withdrawn"], NOT_FOUND)],
    "reopen": [(["reopen", "{closed}"], "no application with id {closed}")],
    "snooze": [(["snooze", "{app}", "--until", "2026-12-20"], NOT_FOUND)],
    "delete-touch": [
        (
            ["delete-touch", "{touch}"],
            "no touch with id {touch}; touch ids are in followup show APP_ID",
        )
    ],
    "undo": [(["undo"], lambda out, ids: out == f"Undid: add #{ids['ben']} Hooli, Engineer\n")],
    "delete": [(["delete", "{app}", "--yes"], NOT_FOUND)],
    "edit-interview": [
        (["edit-interview", "{interview}", "--kind", "second"], NO_INTERVIEW),
    ],
    "delete-interview": [(["delete-interview", "{interview}"], NO_INTERVIEW)],
    "delete-asked": [
        (
            ["delete-asked", "{asked}"],
            "no asked question with id {asked}; their ids are in followup show APP_ID --json",
        )
    ],
    "delete-article": [
        (
            ["delete-article", "{article}"],
            "no article with id {article}; article ids are in followup article APP_ID",
        )
    ],
    "questions": [
        (["questions", "{app}"], NOT_FOUND),
        (["questions", "{app}", "--check", "What is the salary?"], NOT_FOUND),
    ],
    "asked": [(["asked", "{app}", "Why?", "--to", "Jane Doe"], NOT_FOUND)],
    "prep": [(["prep", "{app}"], NOT_FOUND)],
    "script": [(["script", "{app}"], NOT_FOUND)],
    "article": [
        (["article", "{app}"], NOT_FOUND),
        (["article", "{app}", "https://mine.example/x"], NOT_FOUND),
    ],
    "list": [
        (
            ["list", "--all", "--json"],
            lambda out, ids: [a["id"] for a in _parsed(out)] == [ids["ben"]],
        )
    ],
    "due": [
        (
            ["due", "--ahead", "60", "--json"],
            lambda out, ids: {i["id"] for i in _parsed(out)["items"]} <= {ids["ben"]},
        )
    ],
    "export": [
        (
            ["export", "--format", "json"],
            lambda out, ids: (
                [a["id"] for a in _parsed(out)["tables"]["applications"]] == [ids["ben"]]
                and all(
                    not rows
                    for name, rows in _parsed(out)["tables"].items()
                    if name not in ("applications", "followup_meta", "profiles")
                )
                and [p["profile"] for p in _parsed(out)["tables"]["profiles"]] == ["ben"]
            ),
        ),
        (["export", "--format", "csv"], lambda out, ids: "Acme" not in out and "Hooli" in out),
        (["export", "--format", "ics"], lambda out, ids: "Acme" not in out),
    ],
    "import": [(["import", "sheet.csv"], lambda out, ids: "Imported 1 application" in out)],
    "add": [(["add", "Acme", "Analyst"], lambda out, ids: "Acme" in out)],
    "backup": [(["backup", "copy.db"], None)],
    "doctor": [(["doctor"], lambda out, ids: "(1 application)" in out)],
    "agenda": [
        (
            ["agenda", "--weeks", "52", "--json"],
            lambda out, ids: (
                {i["id"] for d in _parsed(out)["days"] for i in d["items"]} <= {ids["ben"]}
            ),
        )
    ],
    "stats": [(["stats", "--json"], lambda out, ids: _parsed(out)["funnel"][0]["count"] == 1)],
    # Needs a terminal (tests/integration/test_today_terminal.py); its walk is `due` and
    # `log-call`, tried above.
    "today": [(["today"], None)],
    # Settings and where their file is: nothing of anybody's applications.
    "config": [
        (["config", "show"], lambda out, ids: "Acme" not in out),
        # Ben's own settings only: Ana's stay as they are (everything_of_ana holds them).
        (["config", "apply"], lambda out, ids: "Profile ben already has" in out),
    ],
}
CASES = [
    (command, n)
    for command, cases in ACROSS.items()
    for n, (_, expected) in enumerate(cases)
    if expected is not None
]


def test_every_command_is_tried_across_profiles() -> None:
    assert sorted(ACROSS) == COMMANDS


@pytest.mark.parametrize(("command", "case"), CASES, ids=[f"{c}-{n}" for c, n in CASES])
def test_another_profile_can_neither_see_nor_change_anything(
    anas: dict[str, int], command: str, case: int
) -> None:
    args, expected = ACROSS[command][case]
    assert expected is not None
    before = everything_of_ana()
    filled = [arg.format(**anas) for arg in args]
    if isinstance(expected, str):
        done = ben(*filled, code=1)
        assert done.stderr == f"Error: {expected.format(**anas)}\n"
        assert done.stdout == ""
    else:
        out = ben(*filled).stdout
        assert expected(out, anas), out
    assert everything_of_ana() == before
    # And Ana still sees all of hers, and none of what Ben did.
    listed = json.loads(ana("list", "--all", "--json").stdout)
    assert sorted(a["id"] for a in listed) == sorted([anas["app"], anas["closed"]])


def test_a_backup_holds_only_its_own_profile(
    anas: dict[str, int], backend: str, tmp_path: Path
) -> None:
    if backend == "postgres":
        assert "pg_dump" in ben("backup", "copy.db", code=1).stderr
        return
    ben("backup", "copy.db")
    copy = sqlite3.connect(tmp_path / "copy.db")
    assert [r[0] for r in copy.execute("SELECT company FROM applications")] == ["Hooli"]
    for table in ("touches", "interviews", "articles", "questions_asked", "application_details"):
        assert copy.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table
    copy.close()
    # Not even in the file's free pages.
    assert b"Acme" not in (tmp_path / "copy.db").read_bytes()
    ana("backup", "anas.db")
    theirs = sqlite3.connect(tmp_path / "anas.db")
    assert theirs.execute("SELECT count(*) FROM applications").fetchone() == (2,)
    theirs.close()


def test_the_same_id_answers_for_its_own_profile_only(anas: dict[str, int]) -> None:
    assert json.loads(ana("show", str(anas["app"]), "--json").stdout)["company"] == "Acme"
    assert ben("show", str(anas["app"]), code=1).stderr == (
        f"Error: no application with id {anas['app']}\n"
    )
    assert json.loads(ben("show", str(anas["ben"]), "--json").stdout)["company"] == "Hooli"


def test_followup_profile_chooses_the_profile_and_the_option_wins(
    anas: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOLLOWUP_PROFILE", "ben")
    assert [a["company"] for a in json.loads(run("list", "--json").stdout)] == ["Hooli"]
    listed = json.loads(run("--profile", "ana", "list", "--json").stdout)
    assert [a["company"] for a in listed] == ["Acme"]


def test_without_a_profile_it_is_the_default_one(anas: dict[str, int]) -> None:
    assert json.loads(run("list", "--all", "--json").stdout) == []
    run("add", "Initech", "Tester")
    assert [a["company"] for a in json.loads(run("list", "--json").stdout)] == ["Initech"]
    assert "Initech" not in ben("list").stdout


@pytest.mark.parametrize("name", ["", "-x", "a b", "ana;drop", "x" * 101, "é"])
def test_a_profile_name_that_cannot_be_one_is_bad_input(name: str) -> None:
    done = run("--profile", name, "list", code=2)
    assert done.stderr.startswith("Error: Invalid value for '--profile': ")
    assert len(done.stderr.splitlines()) == 1


FIXTURES = Path(__file__).parents[1] / "fixtures" / "databases"


@pytest.mark.sqlite_only
def test_an_upgraded_database_keeps_every_application_in_the_default_profile(
    tmp_path: Path,
) -> None:
    old = tmp_path / "old.db"
    shutil.copy(FIXTURES / "003_open_applications_index.db", old)
    listed = json.loads(run("--db", str(old), "list", "--all", "--json").stdout)
    assert [a["company"] for a in listed] == ["Acme Rockets", "Globex"]
    assert run("--db", str(old), "--profile", "ben", "list", "--all", "--json").stdout == "[]\n"


@pytest.mark.sqlite_only
def test_a_shared_database_of_schema_004_keeps_its_seekers_apart(tmp_path: Path) -> None:
    shared = tmp_path / "shared.db"
    shutil.copy(FIXTURES / "004_profiles.db", shared)
    mine = json.loads(run("--db", str(shared), "list", "--all", "--json").stdout)
    assert [a["company"] for a in mine] == ["Acme Rockets", "Globex"]
    theirs = json.loads(
        run("--db", str(shared), "--profile", "coached", "show", "3", "--json").stdout
    )
    assert [t["note"] for t in theirs["touches"]] == ["asked about the team"]
    assert [i["with"] for i in theirs["interviews"]] == [["Sam Lee"]]
    assert run("--db", str(shared), "show", "3", code=1).stderr == (
        "Error: no application with id 3\n"
    )
