"""Moving a whole history: SQLite -> the test's database -> SQLite, every row compared.

On the ``[postgres]`` run the middle database is a real PostgreSQL one, so this is the
laptop-to-server move of docs/postgres.md and back. ``export --format json`` and
``import`` do the moving, exactly as a user types them.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, select

from followup.storage import schema
from tests.cli.helpers import run
from tests.postgres import plain_engine

Rows = dict[str, list[dict[str, Any]]]


def _history(db: str) -> None:
    """Every kind of row; a deleted touch, a snooze, a closed application, odd text."""

    def on(*args: str) -> None:
        run("--db", db, *args)

    on("add", "Acme", "Data Analyst", "--applied", "2026-11-09", "--phone", "+1 555 0100",
       "--contact", "Jane Doe", "--pitch", "SQL", "--note", "line one\nline two ☃")  # fmt: skip
    on("add", "Globex", "QA Lead", "--applied", "2026-11-02", "--email", "kim@globex.example")
    on("add", "Initech", "Tester", "--applied", "2026-11-20", "--do-not-call", "--url", "u")
    on("log-call", "1", "--on", "2026-11-16", "--note", "voicemail")
    on("log-call", "1", "--on", "2026-11-17", "--via", "email", "--inbound")
    on("log-call", "2", "--on", "2026-11-09", "--via", "email")
    on("log-call", "2", "--on", "2026-11-10")
    on("interview", "1", "--on", "2026-11-19", "--with", "Jane Doe", "--with", "Raj Patel",
       "--next-steps", "panel", "--prefers", "email")  # fmt: skip
    on("interview", "1", "--on", "2026-12-03", "--kind", "second")
    # Recorded before the snooze on the day it was set: it does not clear it. Only the
    # snooze's mark (the highest touch id then) says so, and it must survive new ids.
    on("log-call", "1", "--on", "2026-11-26", "--via", "email", "--note", "before the snooze")
    on("snooze", "1", "--until", "2026-12-14")
    on("log-call", "3", "--on", "2026-11-24", "--via", "email")
    on("delete-touch", "6")  # the highest touch id: used up, never given out again
    on("edit", "1", "--competitor", "Initech", "--market-problem", "stale dashboards")
    on("asked", "1", "What would you fix first?", "--to", "Jane Doe", "--answer", "ETL")
    on("article", "1", "https://news.example/etl", "--title", "ETL in 2027")
    on("close", "3", "--outcome", "withdrawn", "--on", "2026-11-25")
    on("due")  # settles the rules version, a fact that moves with the data


def _rows(db: str) -> Rows:
    """Every row of every followup table, in id order, as plain values."""
    engine = plain_engine(db)
    with engine.connect() as conn:
        found = set(inspect(conn).get_table_names())
        rows = {
            table.name: [
                dict(row._mapping)
                for row in conn.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in schema.metadata.sorted_tables
            if table.name in found and table.name != "schema_migrations"
        }
    engine.dispose()
    return rows


def _moved(source: str, target: str, tmp_path: Path, name: str, *into: str) -> Path:
    """``export`` from ``source``'s default profile, ``import`` into ``target`` (``into``)."""
    backup = tmp_path / f"{name}.json"
    run("--db", source, "export", "--format", "json", "-o", str(backup))
    run("--db", target, *into, "import", str(backup))
    return backup


def test_a_history_moves_there_and_back_with_every_row_the_same(db: Path, tmp_path: Path) -> None:
    laptop, back = str(tmp_path / "laptop.db"), str(tmp_path / "back.db")
    _history(laptop)
    _moved(laptop, str(db), tmp_path, "there")
    _moved(str(db), back, tmp_path, "back")

    original = _rows(laptop)
    assert all(original[table] for table in ("applications", "interviewers", "articles"))
    assert _rows(str(db)) == original
    assert _rows(back) == original
    for name in (laptop, back):
        assert sqlite3.connect(name).execute("PRAGMA foreign_key_check").fetchall() == []
    # What the user sees is the same everywhere, and the moved database keeps working:
    # a deleted id is never given out again, and the next ids follow on.
    for where in (str(db), back):
        shown = [run("--db", where, "show", str(n), "--json").stdout for n in (1, 2, 3)]
        assert shown == [run("--db", laptop, "show", str(n), "--json").stdout for n in (1, 2, 3)]
        assert json.loads(run("--db", where, "log-call", "2", "--json").stdout)["touch"]["id"] == 7
        assert json.loads(run("--db", where, "add", "Hooli", "Analyst", "--json").stdout)["id"] == 4


def test_a_history_moved_beside_another_profile_gets_new_ids_and_the_same_story(
    db: Path, tmp_path: Path
) -> None:
    """Two seekers' laptops into one database: the second one's ids are taken, so its rows
    are numbered anew, and every reference (touches, interviews, the snooze) follows."""
    laptop = str(tmp_path / "laptop.db")
    _history(laptop)
    _moved(laptop, str(db), tmp_path, "first", "--profile", "first")
    backup = tmp_path / "first.json"
    done = run("--db", str(db), "--profile", "second", "import", str(backup))
    assert "Restored 3 applications" in done.stdout

    first = json.loads(run("--db", str(db), "--profile", "first", "list", "--all", "--json").stdout)
    second = json.loads(
        run("--db", str(db), "--profile", "second", "list", "--all", "--json").stdout
    )
    assert {a["id"] for a in first}.isdisjoint(a["id"] for a in second)

    def story(profile: str, app_id: int) -> dict[str, Any]:
        shown = json.loads(
            run("--db", str(db), "--profile", profile, "show", str(app_id), "--json").stdout
        )
        del shown["id"]
        for touch in shown["touches"]:
            del touch["id"]
        for interview in shown["interviews"]:
            del interview["id"]
        for asked in shown["asked"]:
            del asked["id"], asked["interview_id"]
        for article in shown["articles"]:
            del article["id"], article["application_id"]
        return dict(shown)

    for mine, theirs in zip(first, second, strict=True):
        assert story("second", theirs["id"]) == story("first", mine["id"])
    # The snooze still holds: the touch recorded before it, on its day, did not clear it.
    assert story("second", second[0]["id"])["next_contact"]["earliest"] == "2026-12-14"
    prep = run("--db", str(db), "--profile", "second", "prep", str(second[0]["id"]), "--json")
    assert "What would you fix first?" in prep.stdout
