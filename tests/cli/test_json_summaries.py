"""`--json` on the commands that write files or check the database: export, backup, doctor
(docs/json.md, "export, backup and doctor")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.helpers import run, run_json

# Every test starts from an empty database: none looks at how the file came to be.
pytestmark = pytest.mark.empty_database


def _two_applications() -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-18", "--phone", "555 0100")
    run("add", "Globex", "Engineer", "--applied", "2026-11-20", "--email", "hr@globex.test")
    run("interview", "2", "--on", "2026-12-10")


@pytest.mark.parametrize(
    ("name", "format_", "counts"),
    [
        ("apps.csv", "csv", {"applications": 2}),
        # Both applications have a window open, and Globex an interview coming.
        ("apps.ics", "ics", {"events": 3}),
    ],
)
def test_export_json_summarises_the_file_written(
    tmp_path: Path, name: str, format_: str, counts: dict[str, int]
) -> None:
    _two_applications()
    target = tmp_path / name
    summary = run_json("export", "-o", str(target))
    assert summary == {
        "path": str(target),
        "format": format_,
        "count": next(iter(counts.values())),
        "counts": counts,
    }
    assert target.is_file()


def test_export_json_of_a_full_backup_counts_every_table(tmp_path: Path) -> None:
    _two_applications()
    target = tmp_path / "all.json"
    summary = run_json("export", "-o", str(target))
    assert summary["format"] == "json"
    assert summary["count"] == 2
    written = json.loads(target.read_text())
    assert summary["counts"] == {t: len(rows) for t, rows in written["tables"].items()}
    assert summary["counts"]["interviews"] == 1


def test_export_json_without_a_file_is_refused(tmp_path: Path) -> None:
    _two_applications()
    result = run("export", "--format", "csv", "--json", code=2)
    assert result.stdout == ""
    assert result.stderr == (
        "Error: --json prints a summary of the file written with -o; without -o the export "
        "itself goes to stdout (give -o FILE)\n"
    )


@pytest.mark.sqlite_only  # backup copies SQLite files
def test_backup_json_names_the_copy(tmp_path: Path) -> None:
    _two_applications()
    target = tmp_path / "copy.db"
    assert run_json("backup", str(target)) == {"path": str(target)}
    assert target.is_file()


def test_doctor_json_on_a_healthy_database() -> None:
    _two_applications()
    assert run_json("doctor") == {"healthy": True, "damaged": False, "checked": 2, "problems": []}


@pytest.mark.sqlite_only  # file modes
def test_doctor_json_reports_problems_and_still_exits_1(db: Path) -> None:
    _two_applications()
    db.chmod(0o644)
    result = run("doctor", "--json", code=1)
    report = json.loads(result.stdout)
    assert report == {
        "healthy": False,
        "damaged": False,
        "checked": 2,
        "problems": [f"{db} could be read by others (mode 0o644); now private"],
    }
    assert result.stderr == "Error: 1 problem(s) found; see in the JSON\n"


@pytest.mark.sqlite_only  # salvage reads SQLite pages
def test_doctor_salvage_json_counts_each_table(tmp_path: Path) -> None:
    _two_applications()
    target = tmp_path / "saved.db"
    report = run_json("doctor", "--salvage", str(target))
    assert report["path"] == str(target)
    by_table = {t["table"]: t for t in report["tables"]}
    assert by_table["applications"] == {
        "table": "applications",
        "saved": 2,
        "lost": 0,
        "lost_unknown": False,
    }
    assert by_table["interviews"]["saved"] == 1
