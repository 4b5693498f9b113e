"""followup export and followup import, end to end (issue 4, items 1-4)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import vobject

from tests.cli.helpers import run, run_json

# Every test starts from an empty database: none looks at how the file came to be.
pytestmark = pytest.mark.empty_database

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "docs" / "sample-applications.csv"
SAMPLE_ROWS = 30
SAMPLE_DUPLICATES = 1  # the sheet has one copy-pasted row


def _csv(tmp_path: Path, text: str, name: str = "sheet.csv") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def _applications() -> list[dict[str, object]]:
    return run_json("list", "--all")  # type: ignore[no-any-return]


# --- spreadsheet import -------------------------------------------------------------------


def test_the_sample_sheet_imports_with_its_month_first_dates() -> None:
    result = run("import", str(SAMPLE), "--date-order", "mdy")
    assert "Imported 29 applications" in result.stdout
    assert "1 row skipped: already recorded" in result.stdout
    assert "Columns not read: 'Salary'." in result.stdout
    apps = _applications()
    # The sheet's "Rejected" row (written twice) comes in closed, once; the others open.
    rejected = [a for a in apps if a["outcome"] == "rejected"]
    assert [a["company"] for a in rejected] == ["Stark Industries"]
    assert {a["stage"] for a in rejected} == {"closed"}
    assert {a["closed_on"] for a in rejected} == {"2026-11-26"}
    assert len(apps) == SAMPLE_ROWS - SAMPLE_DUPLICATES
    acme = apps[0]
    assert (acme["company"], acme["role"], acme["applied_on"]) == (
        "Acme",
        "Data Analyst",
        "2026-11-18",
    )
    assert acme["contact"] == {
        "name": "Jane Doe",
        "phone": "+1 555 0100",
        "email": "jane.doe@acme.example",
    }
    assert acme["next_contact"]["earliest"] == "2026-11-23"  # type: ignore[index]
    initech = next(a for a in apps if a["company"] == "Initech")
    assert initech["do_not_call"] is True
    assert initech["next_contact"] is None


def test_importing_the_same_sheet_twice_adds_nothing_and_says_so() -> None:
    run("import", str(SAMPLE), "--date-order", "mdy")
    again = run_json("import", str(SAMPLE), "--date-order", "mdy")
    assert (again["imported"], again["skipped"]) == (0, SAMPLE_ROWS)
    assert len(_applications()) == SAMPLE_ROWS - SAMPLE_DUPLICATES


def test_a_sheet_with_numeric_dates_and_no_date_order_is_refused_with_the_fix() -> None:
    result = run("import", str(SAMPLE), code=2)
    assert result.stderr.strip() == (
        "Error: row 2: the applied date '11/18/2026' is in numbers alone, so it could be day "
        "or month first; say which with --date-order dmy or --date-order mdy "
        "(and 29 more rows with problems); nothing was imported"
    )
    assert _applications() == []


def test_a_dry_run_lists_what_would_be_imported_and_saves_nothing() -> None:
    result = run("import", str(SAMPLE), "--date-order", "mdy", "--dry-run")
    assert "Would import 29 applications" in result.stdout
    assert "Acme" in result.stdout
    assert "... and 9 more." in result.stdout
    assert _applications() == []


def test_one_bad_row_stops_the_import_and_nothing_is_saved(tmp_path: Path) -> None:
    sheet = _csv(
        tmp_path,
        """
        Company,Role,Applied
        Acme,Analyst,2026-11-18
        ,Engineer,2026-11-19
        Globex,Developer,2026-11-20
        """,
    )
    result = run("import", str(sheet), code=2)
    assert result.stderr.strip() == "Error: row 3: no company; nothing was imported"
    assert _applications() == []


@pytest.mark.parametrize(
    ("applied", "reason"),
    [
        ("soon", "the applied date 'soon' is not a date I can read"),
        ("2026-12-01", "the applied date '2026-12-01' is in the future"),
        ("31 November 2026", "the applied date '31 November 2026' is not a real date"),
        ("", "no applied date"),
    ],
)
def test_an_unreadable_date_names_the_row_and_why(
    tmp_path: Path, applied: str, reason: str
) -> None:
    sheet = _csv(tmp_path, f"Company,Role,Applied\nAcme,Analyst,2026-11-18\nGlobex,BI,{applied}\n")
    result = run("import", str(sheet), code=2)
    assert result.stderr.startswith(f"Error: row 3: {reason}"), result.stderr
    assert result.stderr.rstrip().endswith("; nothing was imported")


def test_day_first_dates_read_with_date_order_dmy(tmp_path: Path) -> None:
    sheet = _csv(tmp_path, "Company,Title,Date Applied\nAcme,Analyst,03/11/2026\n")
    run("import", str(sheet), "--date-order", "dmy")
    assert _applications()[0]["applied_on"] == "2026-11-03"


def test_map_reads_a_column_under_another_name_and_can_ignore_one(tmp_path: Path) -> None:
    sheet = _csv(
        tmp_path,
        """
        Employer,Position,When,Notes,Pitch line
        Acme,Analyst,2026-11-18,not this one,five years of SQL
        """,
    )
    run(
        "import",
        str(sheet),
        "--map",
        "when=applied",
        "--map",
        "Notes=ignore",
        "--map",
        "pitch line=pitch",
    )
    app = run_json("show", "1")
    assert (app["company"], app["role"], app["applied_on"]) == ("Acme", "Analyst", "2026-11-18")
    assert app["note"] is None
    assert app["pitch"] == "five years of SQL"


def test_a_sheet_without_a_role_column_says_how_to_name_one(tmp_path: Path) -> None:
    sheet = _csv(tmp_path, "Company,Applied,Salary\nAcme,2026-11-18,100\n")
    result = run("import", str(sheet), code=2)
    assert result.stderr.strip() == (
        "Error: no column for the role (the header has 'Company', 'Applied', 'Salary'); "
        "name it with --map 'COLUMN=role'"
    )


def test_map_to_an_unknown_field_lists_the_fields(tmp_path: Path) -> None:
    sheet = _csv(tmp_path, "Company,Role,Applied\nAcme,Analyst,2026-11-18\n")
    result = run("import", str(sheet), "--map", "Role=job", "--map", "Company=boss", code=2)
    assert "'boss' is not a field; use one of company, role, applied" in result.stderr


def test_excel_utf8_with_a_byte_order_mark_and_semicolons_imports(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffCompany;Role;Applied\r\nCafé Zürich;Barista;2026-11-18\r\n".encode())
    run("import", str(path))
    assert _applications()[0]["company"] == "Café Zürich"


def test_a_file_that_is_not_utf8_is_refused_with_how_to_save_it(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("Company,Role,Applied\nCafé,Barista,2026-11-18\n".encode("latin-1"))
    result = run("import", str(path), code=2)
    assert "is not UTF-8 text" in result.stderr
    assert "'CSV UTF-8'" in result.stderr


def test_import_refuses_a_file_of_unknown_format(tmp_path: Path) -> None:
    path = tmp_path / "sheet.xlsx"
    path.write_bytes(b"PK")
    result = run("import", str(path), code=2)
    assert result.stderr.strip() == (
        "Error: which format? sheet.xlsx has no extension followup knows; give --format csv or json"
    )


def test_import_json_summary_for_scripts(tmp_path: Path) -> None:
    sheet = _csv(tmp_path, "company,role,applied,status\nAcme,Analyst,2026-11-18,open\n")
    assert run_json("import", str(sheet)) == {
        "dry_run": False,
        "imported": 1,
        "skipped": 0,
        "unused_columns": [],
        "ignored_columns": [],
        "applications": [
            {"row": 2, "company": "Acme", "role": "Analyst", "applied_on": "2026-11-18"}
        ],
    }


# --- spreadsheet export ---------------------------------------------------------------------


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_the_spreadsheet_has_stage_last_touch_next_window_and_flag_count() -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-18", "--phone", "+1 555 0100")
    run("log-call", "1", "--on", "2026-11-19")
    (row,) = _rows(run("export", "--format", "csv").stdout)
    assert row["company"] == "Acme"
    assert row["stage"] == "applied"
    assert row["last touch"] == "2026-11-19"
    # The one follow-up is used up: 30 days of silence after it, it has gone quiet.
    assert (row["next from"], row["next until"]) == ("2026-12-21", "2026-12-21")
    assert row["next action"] == "close"
    assert row["flags"] == "1"  # a call before the follow-up week is early
    assert row["phone"] == "'+1 555 0100"


def test_formulas_are_neutralised_unless_raw() -> None:
    run("add", '=HYPERLINK("http://x.example")', "@SUM(A1)", "--note", "-2+3")
    (safe,) = _rows(run("export", "--format", "csv").stdout)
    assert safe["company"] == '\'=HYPERLINK("http://x.example")'
    assert safe["role"] == "'@SUM(A1)"
    assert safe["notes"] == "'-2+3"
    (raw,) = _rows(run("export", "--format", "csv", "--raw").stdout)
    assert raw["company"] == '=HYPERLINK("http://x.example")'


def test_an_exported_sheet_imports_into_another_database_unchanged(
    tmp_path: Path, db: Path
) -> None:
    run("import", str(SAMPLE), "--date-order", "mdy")
    exported = tmp_path / "out.csv"
    run("export", "-o", str(exported))
    other = tmp_path / "other.db"
    run("--db", str(other), "import", str(exported))
    mine = {a["id"]: a for a in _applications()}
    theirs = {a["id"]: a for a in run_json("--db", str(other), "list", "--all")}
    assert mine == theirs


# --- calendar -------------------------------------------------------------------------------


def _calendar(*args: str) -> vobject.base.Component:
    text = run("export", "--format", "ics", *args).stdout
    return vobject.readOne(text)


def test_one_event_per_open_window_and_per_coming_interview() -> None:
    run("add", "Acme", "Data Analyst", "--applied", "2026-11-18", "--contact", "Jane Doe")
    run("edit", "1", "--phone", "+1 555 0100")
    run("add", "Globex", "BI Developer", "--applied", "2026-11-23", "--email", "s@globex.example")
    run("add", "Initech", "Analyst", "--applied", "2026-11-20", "--phone", "1")
    run("close", "3", "--outcome", "rejected")
    run("interview", "2", "--on", "2026-12-03", "--with", "Sam Lee")
    cal = _calendar()
    events = sorted(cal.vevent_list, key=lambda e: e.uid.value)
    summaries = [e.summary.value for e in events]
    assert summaries == [
        "Call Jane Doe (Acme, Data Analyst)",
        "Email the hiring contact at Globex (Globex, BI Developer)",
        "Interview (first): Globex, BI Developer with Sam Lee",
    ]
    acme = events[0]
    assert acme.dtstart.value.isoformat() == "2026-11-23"
    assert acme.dtend.value.isoformat() == "2026-11-28"  # exclusive: the window ends Friday
    assert "followup show 1" in acme.description.value
    assert "followup script 1" in acme.description.value
    assert events[2].dtstart.value.isoformat() == "2026-12-03"


def test_uids_are_stable_across_exports_and_differ_between_items() -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-18", "--phone", "1")
    run("add", "Globex", "Developer", "--applied", "2026-11-18", "--phone", "2")
    first = [e.uid.value for e in _calendar().vevent_list]
    run("snooze", "1", "--until", "2026-11-26")
    second = [e.uid.value for e in _calendar().vevent_list]
    assert sorted(first) == sorted(second)
    assert len(set(first)) == 2


def test_an_alarm_reminds_at_that_time_on_the_first_day() -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-18", "--phone", "1")
    (event,) = _calendar("--alarm", "9:30").vevent_list
    assert str(event.valarm.trigger.value) == "9:30:00"


@pytest.mark.parametrize("bad", ["9", "25:00", "9:60", "nine"])
def test_a_bad_alarm_time_is_refused(bad: str) -> None:
    result = run("export", "--format", "ics", "--alarm", bad, code=2)
    assert "is not a time of day; use HH:MM on a 24-hour clock" in result.stderr


def test_options_for_another_format_are_refused() -> None:
    assert (
        "--alarm is for calendars"
        in run("export", "--format", "csv", "--alarm", "9:00", code=2).stderr
    )
    assert "--raw is for spreadsheets" in run("export", "--format", "ics", "--raw", code=2).stderr


def test_a_note_with_a_line_break_and_attendee_stays_inside_its_property() -> None:
    run(
        "add",
        "Acme",
        "Analyst",
        "--applied",
        "2026-11-18",
        "--phone",
        "1",
        "--note",
        "ring after 3\nATTENDEE:mailto:evil@example.com\r\nEND:VEVENT",
    )
    (event,) = _calendar().vevent_list
    assert "attendee" not in event.contents
    assert "ATTENDEE:mailto:evil@example.com\nEND:VEVENT" in event.description.value


# --- files and their permissions ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["out.ics", "out.csv", "out.json"])
def test_an_export_file_is_private_and_replaces_an_old_one(tmp_path: Path, name: str) -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-18", "--phone", "1")
    target = tmp_path / name
    target.write_text("old")
    target.chmod(0o644)
    result = run("export", "-o", str(target))
    assert result.stdout.startswith("Wrote 1 ")
    assert target.stat().st_mode & 0o777 == 0o600
    assert target.read_bytes() != b"old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_export_without_a_format_or_file_asks_which() -> None:
    result = run("export", code=2)
    assert "give --format csv or ics or json" in result.stderr


# About files on this machine: backup copies SQLite files only.
@pytest.mark.sqlite_only
@pytest.mark.parametrize("command", [["export", "-o"], ["backup"]], ids=["export", "backup"])
def test_export_and_backup_both_make_missing_folders_private(
    tmp_path: Path, command: list[str]
) -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-18", "--phone", "1")
    target = tmp_path / "new" / "deeper" / "copy.json"
    done = run_json(*command, str(target))
    assert done["path"] == str(target)
    assert target.is_file()
    assert target.stat().st_mode & 0o777 == 0o600
    for folder in (tmp_path / "new", tmp_path / "new" / "deeper"):
        assert folder.stat().st_mode & 0o777 == 0o700


# About files on this machine: backup copies SQLite files only.
@pytest.mark.sqlite_only
@pytest.mark.parametrize("command", [["export", "-o"], ["backup"]], ids=["export", "backup"])
def test_export_and_backup_refuse_a_folder_that_is_a_file(
    tmp_path: Path, command: list[str]
) -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-18", "--phone", "1")
    (tmp_path / "notes.txt").write_text("x")
    target = tmp_path / "notes.txt" / "copy.json"
    result = run(*command, str(target), code=2)
    assert result.stderr == (
        f"Error: cannot write {target}: {tmp_path / 'notes.txt'} is a file, not a folder\n"
    )
    assert (tmp_path / "notes.txt").read_text() == "x"


# --- full backup ----------------------------------------------------------------------------


def test_a_full_backup_restores_into_an_empty_database(tmp_path: Path) -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-18", "--phone", "1", "--pitch", "SQL")
    run("log-call", "1", "--on", "2026-11-24", "--note", "left a message")
    run("interview", "1", "--on", "2026-11-25", "--with", "Jane", "--next-steps", "panel")
    backup = tmp_path / "all.json"
    run("export", "-o", str(backup))
    other = tmp_path / "new.db"
    result = run("--db", str(other), "import", str(backup))
    assert result.stdout.strip() == (
        f"Restored 1 application, 1 touch, 1 interview, 1 interviewer from {backup}."
    )
    assert run_json("--db", str(other), "show", "1") == run_json("show", "1")


def test_a_restored_sqlite_database_has_every_index_a_new_one_has(tmp_path: Path) -> None:
    # The restore drops the indexes while it fills the tables and makes them again.
    run("add", "Acme", "Analyst", "--applied", "2026-11-18", "--email", "jo@acme.com")
    backup = tmp_path / "all.json"
    run("export", "-o", str(backup))
    other = tmp_path / "new.db"
    run("--db", str(other), "import", str(backup))
    empty = tmp_path / "empty.db"
    run("--db", str(empty), "list")

    def indexes(path: Path) -> list[tuple[str, str, str | None]]:
        conn = sqlite3.connect(path)
        try:
            query = "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index'"
            return sorted(conn.execute(query).fetchall())
        finally:
            conn.close()

    assert len(indexes(empty)) > 5
    assert indexes(other) == indexes(empty)


def test_a_backup_is_refused_by_a_database_that_holds_anything(tmp_path: Path) -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-18")
    backup = tmp_path / "all.json"
    run("export", "--format", "json", "-o", str(backup))
    result = run("import", str(backup), code=1)
    assert result.stderr.strip() == (
        "Error: the database already holds 1 application; restore a backup only into a new, "
        "empty one (--db NEW_FILE)"
    )
    assert len(_applications()) == 1


def test_a_restore_dry_run_counts_and_saves_nothing(tmp_path: Path) -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-18")
    backup = tmp_path / "all.json"
    backup.write_bytes(run("export", "--format", "json").stdout_bytes)
    other = tmp_path / "new.db"
    summary = run_json("--db", str(other), "import", str(backup), "--dry-run")
    assert summary["dry_run"] is True
    assert summary["restored"]["applications"] == 1
    assert run_json("--db", str(other), "list", "--all") == []


def test_a_damaged_backup_names_the_place(tmp_path: Path) -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-18")
    document = json.loads(run("export", "--format", "json").stdout)
    document["tables"]["applications"][0]["applied_on"] = "18/11/2026"
    backup = tmp_path / "bad.json"
    backup.write_text(json.dumps(document))
    result = run("--db", str(tmp_path / "new.db"), "import", str(backup), code=2)
    assert result.stderr.strip() == (
        "Error: applications[0].applied_on: '18/11/2026' is not a real date in the form "
        "YYYY-MM-DD; nothing was restored"
    )


def test_a_backup_rejects_spreadsheet_options(tmp_path: Path) -> None:
    backup = tmp_path / "all.json"
    backup.write_bytes(run("export", "--format", "json").stdout_bytes)
    result = run("import", str(backup), "--date-order", "dmy", code=2)
    assert "--map and --date-order are for spreadsheets" in result.stderr


# --- start-up ---------------------------------------------------------------------------------


def test_help_does_not_import_the_formats_libraries() -> None:
    probe = textwrap.dedent(
        """
        import sys
        sys.argv = ["followup", "--help"]
        from followup.cli import main
        try:
            main()
        except SystemExit:
            pass
        heavy = [m for m in ("icalendar", "csv", "followup.services.exchange") if m in sys.modules]
        print("HEAVY:", ",".join(heavy))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert "export" in done.stdout
    assert done.stdout.strip().endswith("HEAVY:")


@pytest.mark.parametrize(
    ("status", "outcome"),
    [
        ("Rejected", "rejected"),
        ("not selected", "rejected"),
        ("Offer received", "offer"),
        ("Withdrew", "withdrawn"),
        ("ghosted", "no-response"),
        ("Interviewing", None),
        ("", None),
    ],
)
def test_a_status_column_closes_the_applications_that_are_over(
    tmp_path: Path, status: str, outcome: str | None
) -> None:
    sheet = _csv(tmp_path, f"company,role,applied,status\nAcme,Analyst,2026-11-18,{status}\n")
    run("import", str(sheet))
    (app,) = _applications()
    assert app["outcome"] == outcome
    assert (app["stage"] == "closed") == (outcome is not None)


def test_a_closed_date_before_the_application_stops_the_import(tmp_path: Path) -> None:
    sheet = _csv(
        tmp_path,
        "company,role,applied,status,closed\nAcme,Analyst,2026-11-18,rejected,2026-11-01\n",
    )
    result = run("import", str(sheet), code=2)
    assert result.stderr.strip() == (
        "Error: row 2: it was closed on 2026-11-01, before it was applied for; nothing was imported"
    )
    assert _applications() == []


def test_an_invalid_email_in_a_sheet_stops_the_import_with_its_row(tmp_path: Path) -> None:
    sheet = _csv(tmp_path, "company,role,applied,email\nAcme,Analyst,2026-11-18,not-an-email\n")
    result = run("import", str(sheet), code=2)
    assert result.stderr.startswith("Error: row 2: ")
    assert result.stderr.rstrip().endswith("nothing was imported")
    assert _applications() == []
