"""followup import of LinkedIn's data export: its CSV and its zip (issue 15, section 2).

The fixture is written in the shape of LinkedIn's Jobs/Job Applications.csv; today is
Thu 26 Nov 2026 (tests/conftest.py).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.cli.helpers import run, run_json

# Every test starts from an empty database: none looks at how the file came to be.
pytestmark = pytest.mark.empty_database

ROOT = Path(__file__).resolve().parents[2]
EXPORT = ROOT / "tests" / "fixtures" / "linkedin" / "Job Applications.csv"
HEADER = EXPORT.read_text(encoding="utf-8").splitlines()[0]


def _zip(
    tmp_path: Path, members: dict[str, str], name: str = "Basic_LinkedInDataExport.zip"
) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member, text in members.items():
            archive.writestr(member, text)
    return path


def _csv(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "Job Applications.csv"
    path.write_text("\n".join((HEADER, *rows)) + "\n", encoding="utf-8")
    return path


def _by_company() -> dict[str, dict[str, object]]:
    return {app["company"]: app for app in run_json("list", "--all")}


def test_linkedins_csv_comes_in_with_its_month_first_dates_and_links() -> None:
    result = run_json("import", str(EXPORT))
    assert (result["imported"], result["skipped"], result["source"]) == (4, 0, "linkedin")
    assert result["unused_columns"] == ["Question And Answers"]
    apps = _by_company()
    assert {name: app["applied_on"] for name, app in apps.items()} == {
        "Globex": "2026-11-20",
        "Initech": "2026-11-03",
        "Umbrella, Inc.": "2026-09-14",
        "Hooli": "2026-08-02",
    }
    globex = run_json("show", str(apps["Globex"]["id"]))
    assert globex["url"] == "http://www.linkedin.com/jobs/view/3987654321"
    assert globex["note"] == "Applied on LinkedIn with the résumé Ana_Diaz_Resume.pdf."
    assert all(app["outcome"] is None for app in apps.values())


def test_the_applicants_own_email_and_phone_are_never_a_companys_contact() -> None:
    result = run_json("import", str(EXPORT))
    for app in run_json("list", "--all"):
        shown = run_json("show", str(app["id"]))
        assert shown["contact"] == {"name": None, "phone": None, "email": None}
    # Offered for the settings instead, in the summary.
    assert result["offered_settings"] == {
        "your_email": "ana.diaz@example.com",
        "your_phone": "+14155550100",
    }
    text = run("import", str(EXPORT), "--dry-run").stdout
    assert "holds your own email (ana.diaz@example.com), not the employers'" in text
    assert "followup config set your_phone '+14155550100'" in text


def test_details_already_in_the_settings_are_not_offered(tmp_path: Path) -> None:
    folder = tmp_path / "xdg-config" / "followup"
    folder.mkdir(parents=True)
    (folder / "settings.toml").write_text('your_email = "me@example.org"\n', encoding="utf-8")
    result = run_json("import", str(EXPORT))
    assert result["offered_settings"] == {"your_phone": "+14155550100"}


def test_two_different_numbers_of_ones_own_are_not_offered(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        '"11/20/26, 8:15 AM",a@example.com,+1 415 555 0100,Globex,Analyst,,,',
        '"11/21/26, 8:15 AM",a@example.com,+1 415 555 0199,Initech,Analyst,,,',
    )
    assert run_json("import", str(path))["offered_settings"] == {"your_email": "a@example.com"}


def test_importing_the_same_export_twice_adds_nothing_the_second_time() -> None:
    assert run_json("import", str(EXPORT))["imported"] == 4
    again = run_json("import", str(EXPORT))
    assert (again["imported"], again["skipped"]) == (0, 4)
    assert len(run_json("list", "--all")) == 4


def test_old_applications_come_in_open_and_are_counted_past_their_follow_up_week(
    tmp_path: Path,
) -> None:
    result = run_json("import", str(EXPORT))
    # Initech (3 Nov), Umbrella (14 Sep) and Hooli (2 Aug): their week after applying is
    # over; Globex (Fri 20 Nov) is in it.
    assert (result["closed_no_response"], result["past_follow_up_week"]) == (0, 3)
    text = run("--db", str(tmp_path / "other.db"), "import", str(EXPORT), "--dry-run").stdout
    assert "3 open applications are past the week after applying" in text
    assert "more than 30 days ago can come in closed with --close-stale" in text


def test_close_stale_closes_only_what_is_older_than_the_no_response_time() -> None:
    result = run_json("import", str(EXPORT), "--close-stale")
    assert (result["closed_no_response"], result["past_follow_up_week"]) == (2, 1)
    apps = _by_company()
    closed = {name for name, app in apps.items() if app["outcome"] == "no-response"}
    assert closed == {"Umbrella, Inc.", "Hooli"}
    assert apps["Initech"]["outcome"] is None  # 23 days ago: still open
    assert run_json("show", str(apps["Hooli"]["id"]))["closed_on"] == "2026-11-26"


def test_the_whole_export_zip_is_read_at_its_jobs_csv(tmp_path: Path) -> None:
    text = EXPORT.read_text(encoding="utf-8")
    archive = _zip(
        tmp_path,
        {
            "Connections.csv": "First Name,Last Name\nSam,Lee\n",
            "Jobs/Job Applications.csv": text,
            "Jobs/Saved Jobs.csv": "Saved Date,Job Url,Job Title,Company Name\n",
        },
    )
    result = run_json("import", str(archive))
    assert (result["imported"], result["source"]) == (4, "linkedin")
    assert set(_by_company()) == {"Globex", "Initech", "Umbrella, Inc.", "Hooli"}


def test_a_long_list_split_into_numbered_files_is_read_whole(tmp_path: Path) -> None:
    rows = EXPORT.read_text(encoding="utf-8").splitlines()
    archive = _zip(
        tmp_path,
        {
            "Jobs/Job Applications_1.csv": "\n".join([rows[0], *rows[1:3]]) + "\n",
            "Jobs/Job Applications_2.csv": "\n".join([rows[0], *rows[3:]]) + "\n",
        },
    )
    assert run_json("import", str(archive))["imported"] == 4


@pytest.mark.parametrize(
    ("members", "message"),
    [
        (
            {"Connections.csv": "First Name\nSam\n"},
            "Basic_LinkedInDataExport.zip holds no Jobs/Job Applications.csv",
        ),
        (
            {
                "Jobs/Job Applications_1.csv": HEADER + "\n",
                "Jobs/Job Applications_2.csv": "Company Name,Job Title\n",
            },
            "the parts of Job Applications.csv have different columns",
        ),
    ],
)
def test_a_zip_without_the_applications_is_refused(
    tmp_path: Path, members: dict[str, str], message: str
) -> None:
    result = run("import", str(_zip(tmp_path, members)), code=2)
    assert message in result.stderr
    assert run_json("list", "--all") == []


def test_a_file_named_zip_that_is_not_one_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    path.write_bytes(b"PK\x03\x04 but then nothing a zip holds")
    result = run("import", str(path), code=2)
    assert "Error: export.zip is not a zip file LinkedIn's export could be" in result.stderr


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            '"13/20/26, 8:15 AM",,,Globex,Analyst,,,',
            "row 2: the application date '13/20/26, 8:15 AM' is not LinkedIn's month/day/year",
        ),
        (
            '"12/20/26, 8:15 AM",,,Globex,Analyst,,,',
            "row 2: the application date 2026-12-20 is in the future",
        ),
        ('"11/20/26, 8:15 AM",,,,Analyst,,,', "row 2: no company name"),
        ('"11/20/26, 8:15 AM",,,Globex,,,,', "row 2: no job title"),
        (
            '"11/20/26, 8:15 AM",,,Glo\x1bbex,Analyst,,,',
            "row 2: the company holds a control character",
        ),
    ],
)
def test_a_bad_row_stops_the_whole_import(tmp_path: Path, row: str, message: str) -> None:
    good = '"11/19/26, 9:00 AM",,,Initech,Analyst,,,'
    result = run("import", str(_csv(tmp_path, good, row)), code=2)
    assert message.replace("row 2", "row 3") in result.stderr
    assert "nothing was imported" in result.stderr
    assert run_json("list", "--all") == []


def test_options_for_ones_own_sheets_are_refused_with_linkedins_file() -> None:
    result = run("import", str(EXPORT), "--map", "Company Name=company", code=2)
    assert "LinkedIn's export has fixed columns and dates" in result.stderr
    result = run("import", str(EXPORT), "--date-order", "dmy", code=2)
    assert "LinkedIn's export has fixed columns and dates" in result.stderr


def test_close_stale_is_refused_for_an_ordinary_sheet(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("company,role,applied\nGlobex,Analyst,2026-11-20\n", encoding="utf-8")
    result = run("import", str(path), "--close-stale", code=2)
    assert "--close-stale is for LinkedIn's export" in result.stderr
    assert run_json("list", "--all") == []


def test_a_sheet_with_linkedin_like_names_but_not_its_columns_is_an_ordinary_sheet(
    tmp_path: Path,
) -> None:
    # Company Name, Job Title and Application Date are common names; the contact email in
    # one's own sheet is the employer's, so it is kept.
    path = tmp_path / "mine.csv"
    path.write_text(
        "Company Name,Job Title,Application Date,Contact Email\n"
        "Globex,Analyst,2026-11-20,hiring@globex.example\n",
        encoding="utf-8",
    )
    result = run_json("import", str(path))
    assert "source" not in result
    (app,) = run_json("list", "--all")
    assert run_json("show", str(app["id"]))["contact"]["email"] == "hiring@globex.example"


def test_a_zip_that_would_unpack_to_more_than_an_export_holds_is_refused(tmp_path: Path) -> None:
    # 65 MB of zeros pack into a few hundred kilobytes: a "zip bomb" in small.
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as packed:
        packed.writestr("Jobs/Job Applications.csv", bytes(65 * 1024 * 1024))
    assert archive.stat().st_size < 1024 * 1024
    result = run("import", str(archive), code=2)
    assert "the applications in it are over 64 MB unzipped; not read" in result.stderr
    assert run_json("list", "--all") == []


def test_close_stale_follows_the_no_response_setting(tmp_path: Path) -> None:
    folder = tmp_path / "xdg-config" / "followup"
    folder.mkdir(parents=True)
    (folder / "settings.toml").write_text("no_response_after_days = 80\n", encoding="utf-8")
    result = run_json("import", str(EXPORT), "--close-stale")
    # Hooli (2 Aug) is 116 days old; Umbrella (14 Sep) 73, under the 80 set.
    assert result["closed_no_response"] == 1
    closed = {n for n, app in _by_company().items() if app["outcome"] == "no-response"}
    assert closed == {"Hooli"}
