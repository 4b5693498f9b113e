"""Reading and writing spreadsheets: column names, strict rows, formula neutralising."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.domain.dates import DateOrder
from followup.domain.models import Application, ApplicationView, Contact, History
from followup.domain.rules import assess
from followup.errors import BadInput
from followup.formats.sheet_writer import (
    EXPORT_COLUMNS,
    FORMULA_TRIGGERS,
    neutralise,
    restore_cell,
    write_sheet,
)
from followup.formats.spreadsheet import (
    KNOWN_COLUMNS,
    Field,
    SheetRow,
    column_key,
    lines_of,
    new_rows,
    parse_map,
    plan_columns,
    read_sheet,
)

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Company", Field.COMPANY),
        ("  COMPANY NAME ", Field.COMPANY),
        ("Role", Field.ROLE),
        ("Job Title", Field.ROLE),
        ("title", Field.ROLE),
        ("Position", Field.ROLE),
        ("Applied", Field.APPLIED),
        ("Date Applied", Field.APPLIED),
        ("date_applied", Field.APPLIED),
        ("Contact", Field.CONTACT),
        ("Phone", Field.PHONE),
        ("E-mail", Field.EMAIL),
        ("URL", Field.URL),
        ("Link", Field.URL),
        ("Notes", Field.NOTES),
        ("Do not call?", Field.DO_NOT_CALL),
        ("do-not-call", Field.DO_NOT_CALL),
    ],
)
def test_usual_column_names_are_known_whatever_their_case_and_spacing(
    header: str, field: Field
) -> None:
    fillers = [h for h in ("Company", "Role", "Applied") if KNOWN_COLUMNS[column_key(h)] != field]
    assert plan_columns([header, *fillers], {}).fields[0] is field


def test_columns_nobody_knows_are_reported_not_refused() -> None:
    columns = plan_columns(["Company", "Role", "Applied", "Salary", "Mood", ""], {})
    assert columns.unused == ("Salary", "Mood")


def test_followups_own_export_is_read_but_for_the_columns_the_rules_work_out() -> None:
    columns = plan_columns(list(EXPORT_COLUMNS), {})
    assert columns.unused == ()
    assert columns.ignored == ("id", "stage", "next from", "next until", "next action", "flags")
    assert columns.own_export
    assert not plan_columns(["Company", "Role", "Applied", "Stage"], {}).own_export


def test_two_columns_for_one_field_are_refused_with_the_way_out() -> None:
    with pytest.raises(BadInput, match="columns 'Title', 'Position' would all be the role"):
        plan_columns(["Company", "Title", "Position", "Applied"], {})


def test_map_accepts_field_names_and_their_usual_synonyms() -> None:
    assert parse_map(["Employer=company", "When = date applied", "X=do not call"]) == {
        "employer": Field.COMPANY,
        "when": Field.APPLIED,
        "x": Field.DO_NOT_CALL,
    }


@pytest.mark.parametrize("bad", ["company", "=company", "Employer=boss"])
def test_a_bad_map_option_is_refused(bad: str) -> None:
    with pytest.raises(BadInput, match="--map"):
        parse_map([bad])


def test_map_naming_a_column_that_is_not_there_is_refused() -> None:
    with pytest.raises(BadInput, match="--map names a column 'employer'"):
        plan_columns(["Company", "Role", "Applied"], {"employer": Field.COMPANY})


def test_rows_keep_their_spreadsheet_row_numbers_and_skip_blank_rows() -> None:
    sheet = read_sheet(
        "Company,Role,Applied\nAcme,Analyst,2026-11-18\n,,\nGlobex,  BI   Dev ,Nov 20\n", TODAY
    )
    assert [(r.row, r.company, r.role, r.applied_on) for r in sheet.rows] == [
        (2, "Acme", "Analyst", date(2026, 11, 18)),
        (4, "Globex", "BI Dev", date(2026, 11, 20)),
    ]


def test_a_notes_cell_keeps_its_line_breaks() -> None:
    (row,) = read_sheet('Company,Role,Applied,Notes\nA,B,2026-11-18,"one\ntwo"\n', TODAY).rows
    assert row.note == "one\ntwo"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        *[(yes, True) for yes in ("yes", "Y", "TRUE", "x", "1")],
        *[(no, False) for no in ("no", "", "false", "0")],
    ],
)
def test_do_not_call_reads_the_usual_yes_and_no(value: str, expected: bool) -> None:
    (row,) = read_sheet(f"Company,Role,Applied,DNC\nA,B,2026-11-18,{value}\n", TODAY).rows
    assert row.do_not_call is expected


def test_a_do_not_call_cell_that_is_neither_is_a_bad_row() -> None:
    with pytest.raises(BadInput, match="row 2: do not call is 'maybe'; write yes or no"):
        read_sheet("Company,Role,Applied,DNC\nA,B,2026-11-18,maybe\n", TODAY)


@pytest.mark.parametrize("header", ["No email", "no emails", "Do not email", "no-email"])
def test_a_no_email_column_is_read_like_do_not_call(header: str) -> None:
    sheet = read_sheet(
        f"Company,Role,Applied,{header}\nA,B,2026-11-18,yes\nC,D,2026-11-18,\n", TODAY
    )
    assert [(r.no_email, r.do_not_call) for r in sheet.rows] == [(True, False), (False, False)]
    with pytest.raises(BadInput, match="row 2: no email is 'maybe'; write yes or no"):
        read_sheet(f"Company,Role,Applied,{header}\nA,B,2026-11-18,maybe\n", TODAY)


def test_the_first_bad_row_is_named_with_how_many_more_there_are() -> None:
    text = "Company,Role,Applied\nA,,2026-11-18\nB,C,2026-11-19\n,D,2026-11-20\nE,F,\n"
    with pytest.raises(BadInput) as caught:
        read_sheet(text, TODAY)
    assert caught.value.message == (
        "row 2: no role (and 2 more rows with problems); nothing was imported"
    )


def test_more_cells_than_the_header_is_a_bad_row() -> None:
    with pytest.raises(BadInput, match="row 2: it has 4 cells but the header only 3"):
        read_sheet("Company,Role,Applied\nA,B,2026-11-18,surprise\n", TODAY)


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("03/04/2026", DateOrder.DMY, date(2026, 4, 3)),
        ("03/04/2026", DateOrder.MDY, date(2026, 3, 4)),
        ("3.11.2026", DateOrder.DMY, date(2026, 11, 3)),
        ("2026-11-03", DateOrder.MDY, date(2026, 11, 3)),
        ("3 November 2026", DateOrder.MDY, date(2026, 11, 3)),
    ],
)
def test_date_order_reads_dates_in_numbers_alone(
    text: str, order: DateOrder, expected: date
) -> None:
    (row,) = read_sheet(f"Company,Role,Applied\nA,B,{text}\n", TODAY, order=order).rows
    assert row.applied_on == expected


def test_semicolons_and_tabs_separate_cells_when_the_header_uses_them() -> None:
    for separator in ";\t":
        text = separator.join(["Company", "Role", "Applied"]) + "\n"
        text += separator.join(["Acme, Inc", "Analyst", "2026-11-18"]) + "\n"
        (row,) = read_sheet(text, TODAY).rows
        assert row.company == "Acme, Inc"


def test_duplicates_are_skipped_against_the_database_and_within_the_file() -> None:
    rows = [
        SheetRow(2, "Acme", "Analyst", date(2026, 11, 18)),
        SheetRow(3, "ACME ", "analyst", date(2026, 11, 18)),
        SheetRow(4, "Acme", "Analyst", date(2026, 11, 19)),
        SheetRow(5, "Globex", "Dev", date(2026, 11, 19)),
    ]
    fresh, skipped = new_rows(rows, [("globex", "dev", date(2026, 11, 19))])
    assert [r.row for r in fresh] == [2, 4]
    assert skipped == 2


# --- neutralising formulas (OWASP) ---------------------------------------------------------


@given(st.text())
def test_no_neutralised_cell_starts_a_formula(cell: str) -> None:
    assert not neutralise(cell).startswith(FORMULA_TRIGGERS)


@given(st.text().filter(lambda c: not c.startswith((*FORMULA_TRIGGERS, "'"))))
def test_ordinary_cells_are_left_exactly_as_they_are(cell: str) -> None:
    assert neutralise(cell) == cell


@given(st.text())
def test_reading_a_neutralised_cell_gives_back_the_original(cell: str) -> None:
    assert restore_cell(neutralise(cell)) == cell


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+1 555 0100", "'+1 555 0100"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("'=1", "''=1"),
        ("'quoted'", "'quoted'"),
        ("a=1", "a=1"),
    ],
)
def test_cells_that_start_like_a_formula_get_a_leading_quote(cell: str, safe: str) -> None:
    assert neutralise(cell) == safe


_cell_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00"),
    min_size=1,
    max_size=200,
).filter(lambda t: t.strip() and " ".join(t.split()) == t)


# Notes may run over lines; no text holds other control characters (domain.limits).
_note_text = st.text(
    st.characters(exclude_categories=("Cs", "Cc"), include_characters="\n\t"), min_size=1
).filter(str.strip)


@given(company=_cell_text, role=_cell_text, note=_note_text)
def test_every_exported_cell_is_safe_and_reads_back_unchanged(
    company: str, role: str, note: str
) -> None:
    app = Application(
        1, company, role, date(2026, 11, 18), Contact(company, "+1 555 0100"), note=note.strip()
    )
    history = History(app)
    text = write_sheet([ApplicationView(history, assess(history, TODAY))])
    cells = [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]
    assert not any(cell.startswith(FORMULA_TRIGGERS) for cell in cells)
    (row,) = read_sheet(text, TODAY).rows
    assert (row.company, row.role, row.contact, row.note) == (
        company,
        role,
        Contact(company, "+1 555 0100"),
        note.strip(),
    )


@given(st.text(st.sampled_from('ab,;"\r\n\t \u2028\x85\x0c\x1e'), max_size=40))
def test_a_sheet_is_cut_into_lines_as_a_file_opened_with_newline_empty_would_be(
    text: str,
) -> None:
    # The reader takes lines where they are rather than through io.StringIO (issue 17).
    assert list(lines_of(text)) == list(io.StringIO(text, newline=""))
