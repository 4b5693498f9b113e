"""LinkedIn's data export: the applications it holds, read as a spreadsheet of its own kind.

LinkedIn's "Get a copy of your data" gives a zip in which ``Jobs/Job Applications.csv``
(split into ``Job Applications_1.csv``, ``_2`` ... when it is long) lists every "Easy Apply"
with the columns in ``COLUMNS``. Two things set it apart from a sheet the user keeps:

- its dates are month first with a two-digit year and a time (``11/20/24, 8:15 AM``),
  which is unambiguous here because the format is LinkedIn's, not the user's;
- its ``Contact Email`` and ``Contact Phone Number`` are what the *applicant* typed into the
  form: their own details, never the employer's. They are kept apart (``your_emails``,
  ``your_phones``) so that nobody's own number becomes a company's contact.

Pure apart from reading the zip's bytes: rows come out as the same ``SheetRow`` a CSV
import makes, checked by the same limits, so the import that stores them is the one for
every sheet.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from followup.domain.contact_details import normalise_email, normalise_phone
from followup.domain.limits import check_application
from followup.errors import BadInput
from followup.formats.spreadsheet import SheetRow, column_key, restore_cell

COLUMNS = (
    "Application Date",
    "Contact Email",
    "Contact Phone Number",
    "Company Name",
    "Job Title",
    "Job Url",
    "Resume Name",
    "Question And Answers",
)
# What tells LinkedIn's file from a sheet with similar names: the columns only it writes.
_NEEDED = frozenset({"application date", "company name", "job title"})
_ONLY_LINKEDIN = frozenset({"resume name", "question and answers"})
# The applicant's own answers to the employer's screening questions: long, and not a
# follow-up's business; reported as not read rather than dropped in silence.
NOT_READ = ("Question And Answers",)

# In the zip, where the applications are (LinkedIn splits a long list into numbered files).
_IN_ZIP = re.compile(r"(?:^|/)Jobs/Job Applications(?:_\d+)?\.csv$", re.IGNORECASE)
# A zip is opened only to read these CSVs; more than this uncompressed is not an export
# (a "zip bomb" would otherwise fill the memory).
MAX_UNZIPPED = 64 * 1024 * 1024

_FORMS = ("%m/%d/%y, %I:%M %p", "%m/%d/%Y, %I:%M %p", "%m/%d/%y", "%m/%d/%Y")


def is_linkedin(header: Sequence[str]) -> bool:
    """Whether a CSV's header row is LinkedIn's job-applications export."""
    keys = {column_key(name) for name in header}
    return keys >= _NEEDED and bool(keys & _ONLY_LINKEDIN)


def header_of(text: str) -> list[str]:
    """The first row of a CSV (empty when it has none), to tell which kind of file it is."""
    try:
        return next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error:
        return []


def csv_from_zip(data: bytes, name: str) -> str:
    """The applications in LinkedIn's export zip, as one CSV text (header once)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise BadInput(f"{name} is not a zip file LinkedIn's export could be") from None
    with archive:
        parts = sorted(
            (info for info in archive.infolist() if _IN_ZIP.search(info.filename)),
            key=lambda info: _part_number(info.filename),
        )
        if not parts:
            raise BadInput(
                f"{name} holds no Jobs/Job Applications.csv; is it LinkedIn's data export "
                "(Settings, Data privacy, Get a copy of your data, with Job applications)?"
            )
        if sum(info.file_size for info in parts) > MAX_UNZIPPED:
            raise BadInput(f"{name}: the applications in it are over 64 MB unzipped; not read")
        texts = [_text_of(archive, info, name) for info in parts]
    header, *_ = texts[0].splitlines() or [""]
    body = [texts[0]] + [_without_header(text, header, name) for text in texts[1:]]
    return "".join(part if part.endswith("\n") else part + "\n" for part in body)


def _part_number(filename: str) -> int:
    found = re.search(r"_(\d+)\.csv$", filename, re.IGNORECASE)
    return int(found.group(1)) if found else 0


def _text_of(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> str:
    try:
        raw = archive.read(info)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise BadInput(f"{name}: {info.filename} cannot be read ({exc})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInput(
            f"{name}: {info.filename} is not UTF-8 text (byte {exc.start + 1})"
        ) from None


def _without_header(text: str, header: str, name: str) -> str:
    first, _, rest = text.partition("\n")
    if first.rstrip("\r") != header.rstrip("\r"):
        raise BadInput(f"{name}: the parts of Job Applications.csv have different columns")
    return rest


@dataclass(frozen=True)
class LinkedInFile:
    """The applications in the file, and the applicant's own details it holds."""

    rows: tuple[SheetRow, ...]
    not_read: tuple[str, ...]
    your_emails: tuple[str, ...]
    your_phones: tuple[str, ...]


class _RowProblem(Exception):
    pass


def read_linkedin(text: str, today: date, phone_region: str | None = None) -> LinkedInFile:
    """Every application in LinkedIn's CSV, or ``BadInput`` naming the first bad row."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, [])
        if not is_linkedin(header):
            raise BadInput("this is not LinkedIn's Job Applications.csv (its columns differ)")
        at = {column_key(name): n for n, name in enumerate(header)}
        rows: list[SheetRow] = []
        problems: list[str] = []
        emails: dict[str, None] = {}
        phones: dict[str, None] = {}
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue

            def cell(column: str, cells: Sequence[str] = cells) -> str | None:
                index = at.get(column)
                if index is None or index >= len(cells):
                    return None
                return " ".join(restore_cell(cells[index]).split()) or None

            try:
                rows.append(_row(number, cell, today))
            except _RowProblem as problem:
                problems.append(f"row {number}: {problem}")
            _collect(cell("contact email"), emails, normalise_email)
            _collect(
                cell("contact phone number"), phones, lambda p: normalise_phone(p, phone_region)
            )
    except csv.Error as exc:
        raise BadInput(f"row {reader.line_num}: the file is not valid CSV ({exc})") from None
    if problems:
        more = len(problems) - 1
        also = f" (and {more} more {'row' if more == 1 else 'rows'} with problems)" if more else ""
        raise BadInput(f"{problems[0]}{also}; nothing was imported")
    not_read = tuple(name.strip() for name in header if column_key(name) in _NOT_READ_KEYS)
    return LinkedInFile(tuple(rows), not_read, tuple(emails), tuple(phones))


_NOT_READ_KEYS = frozenset(column_key(name) for name in NOT_READ)


def _row(number: int, cell: Callable[[str], str | None], today: date) -> SheetRow:
    company, role, applied = cell("company name"), cell("job title"), cell("application date")
    if company is None:
        raise _RowProblem("no company name")
    if role is None:
        raise _RowProblem("no job title")
    if applied is None:
        raise _RowProblem("no application date")
    applied_on = linkedin_date(applied)
    if applied_on is None:
        raise _RowProblem(
            f"the application date {applied!r} is not LinkedIn's month/day/year "
            "(such as 11/20/24, 8:15 AM)"
        )
    if applied_on > today:
        raise _RowProblem(f"the application date {applied_on} is in the future")
    resume = cell("resume name")
    read = SheetRow(
        row=number,
        company=company,
        role=role,
        applied_on=applied_on,
        url=cell("job url"),
        note=f"Applied on LinkedIn with the résumé {resume}." if resume else None,
    )
    try:
        check_application(read.application())
    except BadInput as exc:
        raise _RowProblem(exc.message) from None
    return read


def linkedin_date(text: str) -> date | None:
    """A date as LinkedIn writes it, month first (``11/20/24, 8:15 AM``), or None."""
    cleaned = " ".join(text.replace("\u202f", " ").split()).upper()
    for form in _FORMS:
        try:
            return datetime.strptime(cleaned, form).date()
        except ValueError:
            continue
    return None


def _collect(value: str | None, into: dict[str, None], normal: Callable[[str], str]) -> None:
    """Keep the applicant's own detail, in normal form, when it can be read; else pass it by."""
    if value is None:
        return
    try:
        into[normal(value)] = None
    except BadInput:
        return
