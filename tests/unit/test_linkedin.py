"""Reading LinkedIn's Job Applications.csv: its dates and how the file is told apart."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.formats.linkedin import COLUMNS, is_linkedin, linkedin_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11/20/24, 8:15 AM", date(2024, 11, 20)),
        ("1/2/25, 12:00 PM", date(2025, 1, 2)),  # month first: 2 January
        ("12/31/26, 11:59 pm", date(2026, 12, 31)),
        ("11/20/24,  8:15\u202fAM", date(2024, 11, 20)),  # the narrow space newer exports use
        ("11/20/2024, 8:15 AM", date(2024, 11, 20)),
        ("11/20/24", date(2024, 11, 20)),
        ("2/29/24, 9:00 AM", date(2024, 2, 29)),
        ("2/29/25, 9:00 AM", None),  # not a leap year
        ("20/11/24, 8:15 AM", None),  # day first is not LinkedIn's
        ("2024-11-20", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_linkedins_dates_are_month_first(text: str, expected: date | None) -> None:
    assert linkedin_date(text) == expected


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2068, 12, 31)))
def test_every_date_as_linkedin_writes_it_reads_back(moment: datetime) -> None:
    written = f"{moment.month}/{moment.day}/{moment:%y}, {moment:%I:%M %p}".replace(" 0", " ")
    assert linkedin_date(written) == moment.date()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (list(COLUMNS), True),
        ([c.upper() for c in COLUMNS], True),
        (["Application Date", "Company Name", "Job Title", "Resume Name"], True),
        (["Application Date", "Company Name", "Job Title", "Question And Answers"], True),
        # Names a person's own sheet may well use: their contact email is the employer's.
        (["Application Date", "Company Name", "Job Title", "Contact Email"], False),
        (["Company Name", "Job Title", "Resume Name"], False),
        (["company", "role", "applied"], False),
        ([], False),
    ],
)
def test_linkedins_file_is_told_by_the_columns_only_it_writes(
    header: list[str], expected: bool
) -> None:
    assert is_linkedin(header) is expected
