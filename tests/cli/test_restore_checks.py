"""A backup is restored only when every value in it would have been accepted as typed input.

Issue 11, items 1 and 13: a restored value out of the domain (a touch made by pigeon, an
application from the year 9999, an id counter near 2**63) used to print "Restored" and then
break every command (exit 70). Now the restore is refused with exit 2, the message names the
place in the file, and the database file is left byte for byte as it was.

The history is recorded in the test's database (SQLite, or PostgreSQL on the ``[postgres]``
run) and restored into a new SQLite file, whose bytes the refusals must not change.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import run

# Every test starts from an empty database: none looks at how the file came to be.
pytestmark = pytest.mark.empty_database

Document = dict[str, Any]


def _history() -> Document:
    run("add", "Acme", "Data Analyst", "--applied", "2026-11-09", "--phone", "+1 650 253 0000",
        "--email", "jane@acme.example", "--note", "line one\nline two")  # fmt: skip
    run("add", "Globex", "QA Lead", "--applied", "2026-11-02")
    run("log-call", "1", "--on", "2026-11-16", "--note", "voicemail")
    run("log-call", "1", "--on", "2026-11-17", "--via", "email", "--inbound")
    run("interview", "1", "--on", "2026-11-19", "--with", "Jane Doe", "--prefers", "email")
    run("close", "2", "--outcome", "rejected", "--on", "2026-11-20")
    run("article", "1", "https://news.example/etl", "--title", "ETL")
    document: Document = json.loads(run("export", "--format", "json").stdout)
    return document


def _empty_database(tmp_path: Path) -> Path:
    target = tmp_path / "restored.db"
    run("--db", str(target), "list")
    assert target.exists()
    return target


def _restore(tmp_path: Path, text: str, code: int) -> tuple[Path, str]:
    """Restore ``text`` into a new SQLite file; a refusal must leave its bytes as they were."""
    target = _empty_database(tmp_path)
    before = target.read_bytes()
    backup = tmp_path / "backup.json"
    backup.write_text(text, encoding="utf-8")
    result = run("--db", str(target), "import", str(backup), code=code)
    if code != 0:
        assert target.read_bytes() == before
        assert result.stdout == ""
    return target, result.stderr.strip()


def _set(where: str, column: str, value: object, row: int = 0) -> Callable[[Document], None]:
    def change(document: Document) -> None:
        document["tables"][where][row][column] = value

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            _set("touches", "via", "pigeon"),
            "touches[0].via: 'pigeon' is not one of call, voicemail, no-answer, email",
        ),
        (
            _set("interviews", "kind", "weird"),
            "interviews[0].kind: 'weird' is not one of phone-screen, first, second, final",
        ),
        (
            _set("interviews", "prefers", "fax"),
            "interviews[0].prefers: 'fax' is not one of call, email",
        ),
        (
            _set("applications", "outcome", "bogus", row=1),
            "applications[1].outcome: 'bogus' is not one of offer, hired, rejected, withdrawn, "
            "no-response",
        ),
        (
            _set("applications", "applied_on", "9999-12-31"),
            "applications[0].applied_on: 9999-12-31 is not between 1900 and 2999",
        ),
        (
            _set("applications", "applied_on", "2026-11-27"),
            "applications[0].applied_on: 2026-11-27 is in the future (today is 2026-11-26)",
        ),
        (
            _set("touches", "on_date", "2027-01-04"),
            "touches[0].on_date: 2027-01-04 is in the future (today is 2026-11-26)",
        ),
        (
            _set("applications", "closed_on", "2026-11-01", row=1),
            "applications[1].closed_on: 2026-11-01 is before its applied_on (2026-11-02)",
        ),
        (
            _set("applications", "closed_on", None, row=1),
            "applications[1]: outcome is set but closed_on is not; give both or neither",
        ),
        (
            _set("applications", "phone", "call me maybe"),
            "applications[0].phone: 'call me maybe' is not a phone number: it has letters in it "
            "(use digits, spaces, + ( ) - . /, and 'ext. 12' for an extension)",
        ),
        (
            _set("applications", "email", "jane at acme"),
            "applications[0].email: 'jane at acme' is not an email address: an email address "
            "must have an @-sign",
        ),
        (
            _set("articles", "url", "news.example/etl"),
            "articles[0].url: 'news.example/etl' is not a web address; give the whole link, "
            "starting with https://",
        ),
        (
            _set("applications", "company", "A" * 201),
            "applications[0].company: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA...' is too long "
            "(201 characters; at most 200 fit)",
        ),
        (
            _set("applications", "company", "Acme\x00"),
            "applications[0].company: 'Acme\\x00' holds a control character (\\x00), "
            "which text may not",
        ),
        (
            _set("applications", "role", "Data\nAnalyst"),
            "applications[0].role: 'Data\\nAnalyst' holds a line break or tab; only notes, "
            "pitch, next steps and timeline may",
        ),
        (
            _set("applications", "company", "   "),
            "applications[0].company: empty",
        ),
        (
            _set("touches", "id", 1, row=1),
            "touches[1]: its id is that of touches[0] too; each row needs its own",
        ),
        (
            _set("applications", "id", 2**53),
            "applications[0].id: 9007199254740992 is not an id followup keeps (1 to 1,073,741,824)",
        ),
        (
            _set("touches", "application_id", 99),
            "touches[0].application_id: 99 is not the id of any row of applications in the backup",
        ),
        (
            _set("applications", "snooze_touch_mark", -1),
            "applications[0].snooze_touch_mark: -1 is not a number followup keeps "
            "(0 to 1,073,741,824)",
        ),
        (
            lambda d: d["last_ids"].update(touches=2**63 - 2),
            "last_ids.touches: 9223372036854775806 is not a count of ids followup keeps "
            "(0 to 1,073,741,824)",
        ),
    ],
)
def test_a_value_the_command_line_would_refuse_stops_the_restore_and_names_its_place(
    tmp_path: Path, change: Callable[[Document], None], message: str
) -> None:
    document = _history()
    change(document)
    _, error = _restore(tmp_path, json.dumps(document), code=2)
    assert error == f"Error: {message}; nothing was restored"


def test_an_id_counter_near_two_to_the_63_is_refused_and_add_keeps_working(
    tmp_path: Path,
) -> None:
    """Item 13: the counter used to restore, and every later `add` failed as a disk full."""
    document = _history()
    document["last_ids"]["applications"] = 2**63 - 1
    target, error = _restore(tmp_path, json.dumps(document), code=2)
    assert error.startswith("Error: last_ids.applications: 9223372036854775807 is not a count")
    added = json.loads(run("--db", str(target), "add", "Hooli", "Analyst", "--json").stdout)
    assert added["id"] == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{"format": "followup-backup", "format_version": 1, "n": ' + "9" * 5000 + "}",
            "the file holds a number too long to be anything followup keeps",
        ),
        (
            "[" * 100_000 + "]" * 100_000,
            "the file nests lists or objects too deeply to be a backup",
        ),
    ],
    ids=["a 5,000-digit number", "nesting 100,000 deep"],
)
def test_hostile_json_is_bad_input_not_a_bug(tmp_path: Path, text: str, message: str) -> None:
    _, error = _restore(tmp_path, text, code=2)
    assert error == f"Error: {message}; nothing was restored"


def test_a_lone_surrogate_in_a_backup_is_bad_input_not_a_bug(tmp_path: Path) -> None:
    document = _history()
    document["tables"]["applications"][0]["company"] = "\ud800"
    # json.dumps spells it as the escape \ud800, as a hand-edited file would.
    text = json.dumps(document)
    assert "\\ud800" in text
    _, error = _restore(tmp_path, text, code=2)
    assert error == (
        "Error: applications[0].company: '\\ud800' is not UTF-8 text (it holds a lone "
        "surrogate, \\ud800); nothing was restored"
    )


def test_after_a_restore_every_command_works(tmp_path: Path) -> None:
    document = _history()
    # Stored verdicts that no rule would give, under the current rules version: the restore
    # works them out again instead of taking them on trust.
    for row in document["tables"]["applications"]:
        row |= {"stage": "interviewing", "next_earliest": "2999-01-01", "next_action": "email"}
    target, _ = _restore(tmp_path, json.dumps(document), code=0)
    db = ["--db", str(target)]
    assert run(*db, "doctor").stdout.strip() == "All checks passed (2 applications)."
    for command in (["show", "1"], ["due"], ["list", "--all"]):
        run(*db, *command)
    for kind in ("json", "csv", "ics"):
        run(*db, "export", "--format", kind)
    shown = json.loads(run(*db, "show", "2", "--json").stdout)
    assert shown["stage"] == "closed"


def test_a_restore_normalises_phone_numbers_and_emails_like_add(tmp_path: Path) -> None:
    document = _history()
    document["tables"]["applications"][0] |= {
        "phone": "+1 (650) 253-0000",
        "email": "J@ACME.Example",
    }
    target, _ = _restore(tmp_path, json.dumps(document), code=0)
    shown = json.loads(run("--db", str(target), "show", "1", "--json").stdout)
    assert (shown["contact"]["phone"], shown["contact"]["email"]) == (
        "+16502530000",
        "J@acme.example",
    )


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "text",
    [
        '{"format": "followup-backup", "n": ' + "9" * 5000 + "}",
        "[" * 100_000 + "]" * 100_000,
        "surrogate",
    ],
    ids=["a 5,000-digit number", "nesting 100,000 deep", "a lone surrogate"],
)
def test_hostile_json_in_a_real_process_exits_2_with_one_line(tmp_path: Path, text: str) -> None:
    """The exit code a shell sees, from a real interpreter with its own stack and encoding."""
    if text == "surrogate":
        document = _history()
        document["tables"]["applications"][0]["company"] = "Acme \ud800"
        text = json.dumps(document)
    target = _empty_database(tmp_path)
    before = target.read_bytes()
    backup = tmp_path / "hostile.json"
    backup.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "followup", "--db", str(target), "import", str(backup)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("Error: ")
    assert done.stderr.count("\n") == 1
    assert target.read_bytes() == before
