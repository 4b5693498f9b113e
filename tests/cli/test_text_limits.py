"""Text fits every store: one set of limits, for typed, imported and restored text alike.

Issue 11, item 8. PostgreSQL refused a 201-character company with exit 70 (a DataError)
where SQLite kept it, so a history could not move to a server. Now every command that
stores text refuses what does not fit with exit 2, naming the field and the limit, on
both stores; single-line fields hold no control characters and no line breaks.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.helpers import run, run_json

# Every test starts from an empty database: none looks at how the file came to be.
pytestmark = pytest.mark.empty_database


def _applications() -> list[dict[str, object]]:
    return list(run_json("list", "--all"))


def test_a_201_character_company_is_bad_input_on_every_store() -> None:
    result = run("add", "C" * 201, "Analyst", code=2)
    assert result.stderr.strip() == (
        "Error: the company is too long (201 characters; at most 200 fit)"
    )
    assert _applications() == []
    run("add", "C" * 200, "R" * 200, "--contact", "N" * 200)
    assert len(_applications()) == 1


def _long(what: str, length: str, limit: str) -> str:
    return f"{what} is too long ({length} characters; at most {limit} fit)"


_LINE_BREAK = "holds a line break or tab; only notes, pitch, next steps and timeline may"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["edit", "1", "--role", "R" * 201], _long("the role", "201", "200")),
        (["edit", "1", "--contact", "N" * 201], _long("the contact", "201", "200")),
        (
            ["edit", "1", "--url", "https://x.example/" + "u" * 2000],
            _long("the link (url)", "2,018", "2,000"),
        ),
        (["edit", "1", "--note", "n" * 10_001], _long("the note", "10,001", "10,000")),
        (["edit", "1", "--pitch", "p" * 10_001], _long("the pitch", "10,001", "10,000")),
        (["edit", "1", "--competitor", "c" * 501], _long("the competitor", "501", "500")),
        (["log-call", "1", "--note", "n" * 10_001], _long("the note", "10,001", "10,000")),
        (
            ["interview", "1", "--on", "2026-11-25", "--with", "W" * 201],
            _long("an interviewer's name", "201", "200"),
        ),
        (
            ["debrief", "1", "--next-steps", "s" * 10_001],
            _long("the next steps", "10,001", "10,000"),
        ),
        (["debrief", "1", "--timeline", "t" * 10_001], _long("the timeline", "10,001", "10,000")),
        (["asked", "1", "q" * 2_001, "--to", "Jane"], _long("the question", "2,001", "2,000")),
        (
            ["asked", "1", "Why?", "--to", "Jane", "--answer", "a" * 10_001],
            _long("the answer", "10,001", "10,000"),
        ),
        (
            ["article", "1", "https://x.example/a", "--title", "t" * 501],
            _long("the title", "501", "500"),
        ),
        (
            ["add", "Acme\x00", "Analyst"],
            "the company holds a control character (\\x00), which text may not",
        ),
        (
            ["add", "Acme", "Analyst\x1b[2J"],
            "the role holds a control character (\\x1b), which text may not",
        ),
        (["add", "Acme\nCorp", "Analyst"], f"the company {_LINE_BREAK}"),
        (
            ["log-call", "1", "--note", "left\x07a message"],
            "the note holds a control character (\\x07), which text may not",
        ),
    ],
)
def test_every_command_that_stores_text_refuses_what_does_not_fit(
    args: list[str], message: str
) -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-18")
    run("interview", "1", "--on", "2026-11-24", "--with", "Jane")
    before = run_json("show", "1")
    result = run(*args, code=2)
    assert result.stderr.strip() == f"Error: {message}"
    assert run_json("show", "1") == before


def test_notes_may_run_over_lines_and_hold_tabs() -> None:
    run("add", "Acme", "Analyst", "--note", "line one\n\tline two", "--pitch", "a\nb")
    run("log-call", "1", "--note", "first\nsecond")
    assert run_json("show", "1")["note"] == "line one\n\tline two"


def test_a_sheet_with_a_company_too_long_imports_nothing(tmp_path: Path) -> None:
    sheet = tmp_path / "jobs.csv"
    sheet.write_text(f"company,role,applied\nAcme,Analyst,2026-11-18\n{'C' * 201},QA,2026-11-18\n")
    result = run("import", str(sheet), code=2)
    assert result.stderr.strip() == (
        "Error: row 3: the company is too long (201 characters; at most 200 fit); "
        "nothing was imported"
    )
    assert _applications() == []


def test_a_sheet_with_a_control_character_imports_nothing(tmp_path: Path) -> None:
    sheet = tmp_path / "jobs.csv"
    sheet.write_text("company,role,applied,notes\nAcme\x00,Analyst,2026-11-18,ok\n")
    result = run("import", str(sheet), code=2)
    assert result.stderr.strip() == (
        "Error: row 2: the company holds a control character (\\x00), which text may not; "
        "nothing was imported"
    )


def test_a_history_with_text_at_every_limit_moves_between_stores(tmp_path: Path) -> None:
    """SQLite -> the test's store (PostgreSQL on the [postgres] run) -> SQLite, unchanged."""
    laptop, back = str(tmp_path / "laptop.db"), str(tmp_path / "back.db")
    long_note = ("ä" * 99 + "\n") * 100
    run("--db", laptop, "add", "C" * 200, "R" * 200, "--contact", "N" * 200,
        "--url", "https://x.example/" + "u" * 1982, "--note", long_note, "--pitch", "p" * 10_000,
        "--email", "a" * 64 + "@example.com", "--applied", "2026-11-18")  # fmt: skip
    run("--db", laptop, "log-call", "1", "--note", "n" * 10_000)
    run("--db", laptop, "interview", "1", "--on", "2026-11-24", "--with", "W" * 200,
        "--next-steps", "s" * 10_000, "--timeline", "t" * 10_000)  # fmt: skip
    run("--db", laptop, "edit", "1", "--competitor", "c" * 500, "--market-problem", "m" * 500)
    run("--db", laptop, "asked", "1", "q" * 2_000, "--to", "W" * 200, "--answer", "a" * 10_000)
    run("--db", laptop, "article", "1", "https://x.example/" + "a" * 1982, "--title", "t" * 500)
    there, again = tmp_path / "there.json", tmp_path / "again.json"
    run("--db", laptop, "export", "--format", "json", "-o", str(there))
    run("import", str(there))
    run("export", "--format", "json", "-o", str(again))
    run("--db", back, "import", str(again))
    for db in (laptop, back):
        run("--db", db, "doctor")
    shown = [run("--db", db, "show", "1", "--json").stdout for db in (laptop, back)]
    assert shown[0] == shown[1] == run("show", "1", "--json").stdout
    assert json.loads(shown[0])["note"] == long_note.strip()
