"""Spreadsheets: reading a job-search sheet saved as CSV, and writing one back.

Pure: text in, domain values out, and back again. Reading is strict in the same way as the
command line (a row that cannot be read stops the whole import, with its row number);
writing neutralises cells a spreadsheet would run as formulas. docs/import-export.md
describes both for the user. (Just over 500 lines: reading and writing share the column
names and the formula rules; writing is the part to move out when it next grows.)
"""

from __future__ import annotations

import csv
import enum
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as default
from datetime import date

from followup.domain.contact_details import needs_phonenumbers, normalise_contact
from followup.domain.dates import DateOrder, Direction, parse_date
from followup.domain.limits import check_application
from followup.domain.models import Application, Contact, Outcome
from followup.errors import BadInput
from followup.formats.sheet_history import (
    HISTORY_COLUMNS,
    HistoryField,
    HistoryProblem,
    SheetHistory,
    read_history,
)
from followup.formats.sheet_writer import restore_cell


class Field(enum.StrEnum):
    """What a column of the user's sheet holds, in the words ``--map`` takes."""

    COMPANY = "company"
    ROLE = "role"
    APPLIED = "applied"
    CONTACT = "contact"
    PHONE = "phone"
    EMAIL = "email"
    URL = "url"
    NOTES = "notes"
    DO_NOT_CALL = "do-not-call"
    NO_EMAIL = "no-email"
    PITCH = "pitch"
    STATUS = "status"
    CLOSED = "closed"
    IGNORE = "ignore"


def column_key(name: str) -> str:
    """A column name, case, spacing and punctuation aside: 'Date_Applied ' -> 'date applied'."""
    return " ".join(re.sub(r"[\W_]+", " ", name.casefold()).split())


# The names job-search sheets usually give their columns (after ``column_key``).
KNOWN_COLUMNS: dict[str, Field] = {
    **dict.fromkeys(
        ("company", "company name", "employer", "organisation", "organization"), Field.COMPANY
    ),
    **dict.fromkeys(("role", "title", "job title", "position", "job"), Field.ROLE),
    **dict.fromkeys(
        ("applied", "date applied", "applied on", "applied date", "application date"),
        Field.APPLIED,
    ),
    **dict.fromkeys(("contact", "contact name", "hiring manager", "recruiter"), Field.CONTACT),
    **dict.fromkeys(("phone", "phone number", "telephone", "contact phone"), Field.PHONE),
    **dict.fromkeys(("email", "e mail", "email address", "contact email"), Field.EMAIL),
    **dict.fromkeys(("url", "link", "job link", "posting", "job url", "posting url"), Field.URL),
    **dict.fromkeys(("notes", "note", "comments"), Field.NOTES),
    **dict.fromkeys(("do not call", "dnc", "no calls"), Field.DO_NOT_CALL),
    **dict.fromkeys(("no email", "no emails", "do not email"), Field.NO_EMAIL),
    "pitch": Field.PITCH,
    **dict.fromkeys(("status", "outcome", "result", "application status"), Field.STATUS),
    **dict.fromkeys(("closed", "closed on", "date closed"), Field.CLOSED),
}

# What sheets write in a status column, for the ones that mean the search there is over.
# Anything else ("applied", "interviewing", "waiting") leaves the application open.
STATUS_WORDS: dict[str, Outcome] = {
    **dict.fromkeys(
        (
            "rejected",
            "rejection",
            "declined",
            "not selected",
            "turned down",
            "unsuccessful",
            "denied",
        ),
        Outcome.REJECTED,
    ),
    **dict.fromkeys(("offer", "offered", "offer received", "offer extended"), Outcome.OFFER),
    **dict.fromkeys(("hired", "accepted", "accepted offer", "started"), Outcome.HIRED),
    **dict.fromkeys(("withdrawn", "withdrew", "withdraw", "not interested"), Outcome.WITHDRAWN),
    **dict.fromkeys(
        ("no response", "ghosted", "no reply", "no answer", "no news"), Outcome.NO_RESPONSE
    ),
}

# What a column may hold: a field of the application, or a part of its history.
AnyField = Field | HistoryField
ALL_FIELDS: tuple[AnyField, ...] = (*Field, *HistoryField)

# Columns that followup's own export adds and that the rules work out again from the
# rest: reading that file back does not read them, and says so (``Sheet.ignored_columns``).
EXPORT_ONLY = (
    "id",
    "stage",
    "next from",
    "next until",
    "next action",
    "flags",
)

REQUIRED = (Field.COMPANY, Field.ROLE, Field.APPLIED)
_WORDS = {Field.COMPANY: "company", Field.ROLE: "role", Field.APPLIED: "applied date"}
_NUMBERS_ONLY = re.compile(r"[0-9]{1,2}[/.-][0-9]{1,2}(?:[/.-][0-9]+)?")
_YES = frozenset({"yes", "y", "true", "1", "x"})
_NO = frozenset({"no", "n", "false", "0", ""})


def parse_map(options: Sequence[str]) -> dict[str, AnyField]:
    """``--map 'COLUMN=field'`` options, keyed by ``column_key(COLUMN)``."""
    found: dict[str, AnyField] = {}
    for option in options:
        column, equals, target = option.rpartition("=")
        if not equals or not column_key(column):
            raise BadInput(
                f"--map {option!r} should be COLUMN=FIELD, like --map 'Employer=company'"
            )
        field = _field_named(target)
        if field is None:
            names = ", ".join(f.value for f in ALL_FIELDS)
            raise BadInput(
                f"--map {option!r}: {target.strip()!r} is not a field; use one of {names}"
            )
        found[column_key(column)] = field
    return found


def _field_named(text: str) -> AnyField | None:
    key = column_key(text)
    for field in ALL_FIELDS:
        if column_key(field.value) == key:
            return field
    return _known(key)


def _known(key: str) -> AnyField | None:
    """The field a column of this name usually holds (``key`` as ``column_key`` gives it)."""
    found: AnyField | None = KNOWN_COLUMNS.get(key)
    return found if found is not None else HISTORY_COLUMNS.get(key)


@dataclass(frozen=True)
class Columns:
    """Which field each column of the sheet holds (None: not used), the names not used, and
    the columns of followup's own export that are not read (the rules work them out)."""

    fields: tuple[AnyField | None, ...]
    unused: tuple[str, ...]
    ignored: tuple[str, ...] = ()
    # Whether followup's own export wrote this sheet: it has every column only that adds.
    own_export: bool = False

    @property
    def positions(self) -> dict[AnyField, int]:
        """Where each field's column is, for the fields the sheet has."""
        return {f: n for n, f in enumerate(self.fields) if f is not None}


def plan_columns(header: Sequence[str], mapping: Mapping[str, AnyField]) -> Columns:
    """Match the header row to fields: ``--map`` first, then the usual names."""
    keys = [column_key(name) for name in header]
    for column in mapping:
        if column not in keys:
            raise BadInput(
                f"--map names a column {column!r} that the header does not have "
                f"(it has {_list(header)})"
            )
    seen: dict[str, str] = {}
    fields: list[AnyField | None] = []
    unused: list[str] = []
    for name, key in zip(header, keys, strict=True):
        if key and key in seen:
            raise BadInput(f"the header has two columns named {name.strip()!r}; rename one")
        seen[key] = name
        field = mapping.get(key, _known(key))
        if field is None and key:
            unused.append(name.strip())
        fields.append(None if field is Field.IGNORE else field)
    # In followup's own export, the columns only it adds are not read, and said so apart;
    # in anyone else's sheet, a column called "Stage" is just one more column not read.
    own_export = set(EXPORT_ONLY) <= set(keys)
    ignored = [n for n in unused if own_export and column_key(n) in EXPORT_ONLY]
    unused = [n for n in unused if n not in ignored]
    for field in ALL_FIELDS:
        named = [header[n].strip() for n, f in enumerate(fields) if f is field]
        if len(named) > 1:
            raise BadInput(
                f"columns {_list(named)} would all be the {field.value}; keep one with "
                f"--map '{named[1]}=ignore'"
            )
    for field in REQUIRED:
        if field not in fields:
            raise BadInput(
                f"no column for the {_WORDS[field]} (the header has {_list(header)}); "
                f"name it with --map 'COLUMN={field.value}'"
            )
    return Columns(tuple(fields), tuple(unused), tuple(ignored), own_export)


def _list(names: Iterable[str]) -> str:
    shown = [repr(n.strip()) for n in names if n.strip()]
    return ", ".join(shown) if shown else "no names"


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One application read from the sheet; ``row`` is its row number there (the header is 1)."""

    row: int
    company: str
    role: str
    applied_on: date
    contact: Contact = default(default_factory=Contact)
    do_not_call: bool = False
    no_email: bool = False
    url: str | None = None
    pitch: str | None = None
    note: str | None = None
    outcome: Outcome | None = None
    closed_on: date | None = None
    # The last touch and interview the sheet gives, stored as one touch and one interview.
    history: SheetHistory = default(default_factory=SheetHistory)

    def application(self) -> Application:
        return Application(
            id=0,
            company=self.company,
            role=self.role,
            applied_on=self.applied_on,
            contact=self.contact,
            do_not_call=self.do_not_call,
            no_email=self.no_email,
            url=self.url,
            pitch=self.pitch,
            note=self.note,
            outcome=self.outcome,
            closed_on=self.closed_on,
        )

    @property
    def key(self) -> tuple[str, str, date]:
        return duplicate_key(self.company, self.role, self.applied_on)


def duplicate_key(company: str, role: str, applied_on: date) -> tuple[str, str, date]:
    """The same application: the same company, role and applied date, case and spacing aside."""
    return (" ".join(company.casefold().split()), " ".join(role.casefold().split()), applied_on)


@dataclass(frozen=True)
class Sheet:
    rows: tuple[SheetRow, ...]
    unused_columns: tuple[str, ...]
    # Columns of followup's own export that the rules work out again rather than read.
    ignored_columns: tuple[str, ...] = ()


# Rows read between two reports to ``read_sheet``'s ``progress``.
PROGRESS_ROWS = 1_000


class _RowProblem(Exception):
    pass


# Checks many phone numbers at once (on every core): the stored form of each one it
# accepts, by the text of its cell; one it leaves out is read with its row.
PhoneCheck = Callable[[list[str], str | None], Mapping[str, str]]


def read_sheet(
    text: str,
    today: date,
    mapping: Mapping[str, AnyField] | None = None,
    order: DateOrder | None = None,
    phone_region: str | None = None,
    *,
    progress: Callable[[int], None] | None = None,
    check_phones: PhoneCheck | None = None,
) -> Sheet:
    """Every application in a CSV with a header row, or ``BadInput`` naming the first bad row.

    Blank rows are passed over. Dates follow the command line's rules for ``--applied``
    (strict, never in the future); ``order`` admits dates in numbers alone. In followup's
    own export, phone numbers are read as followup stored them, whatever ``phone_region``
    says now: one saved before the region was set comes back as it was. ``check_phones``,
    when given, checks the sheet's distinct phone numbers before the rows are read.
    """
    if not text.strip():
        raise BadInput("the file is empty; it needs a header row and one row per application")
    reader = csv.reader(lines_of(text), dialect=_dialect(text))
    try:
        header = next(reader)
        columns = plan_columns(header, mapping or {})
        dates: dict[tuple[str, bool], date] = {}
        positions, width = columns.positions, len(columns.fields)
        if columns.own_export:
            phone_region = None
        known: Mapping[str, str] = {}
        if check_phones is not None and Field.PHONE in positions:
            # The list of 100,000 numbers is not held while the rows are read.
            known = check_phones(
                _phone_cells(text, positions[Field.PHONE], phone_region), phone_region
            )
        rows: list[SheetRow] = []
        problems: list[str] = []
        for number, cells in enumerate(reader, start=2):
            if progress is not None and number % PROGRESS_ROWS == 0:
                progress(PROGRESS_ROWS)
            if not any(cell.strip() for cell in cells):
                continue
            try:
                rows.append(
                    _row(number, cells, positions, width, today, order, dates, phone_region, known)
                )
            except _RowProblem as problem:
                problems.append(f"row {number}: {problem}")
    except csv.Error as exc:
        raise BadInput(f"row {reader.line_num}: the file is not valid CSV ({exc})") from None
    if problems:
        more = len(problems) - 1
        also = f" (and {more} more {'row' if more == 1 else 'rows'} with problems)" if more else ""
        raise BadInput(f"{problems[0]}{also}; nothing was imported")
    return Sheet(tuple(rows), columns.unused, columns.ignored)


def _phone_cells(text: str, position: int, region: str | None) -> list[str]:
    """The distinct phone numbers of the sheet that phonenumbers must read, each as its
    row will hand it over (``cell_text``); a second quick pass over the text."""
    reader = csv.reader(lines_of(text), dialect=_dialect(text))
    next(reader, None)
    found: dict[str, None] = {}
    for cells in reader:
        phone = cell_text(cells[position], Field.PHONE) if position < len(cells) else None
        if phone is not None and needs_phonenumbers(phone, region):
            found[phone] = None
    return list(found)


def cell_text(raw: str, field: AnyField) -> str | None:
    """A cell's text as it is read: formula guards taken off, stray spaces and line breaks
    tidied (notes keep theirs); None when blank."""
    value = restore_cell(raw).strip()
    if field is not Field.NOTES:
        # A sheet's cells often carry stray spaces and line breaks; notes keep theirs.
        value = " ".join(value.split())
    return value or None


# A line as a file opened with newline="" gives it: up to and with its \r\n, \r or \n.
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")


def lines_of(text: str) -> Iterator[str]:
    """The lines of ``text`` as ``io.StringIO(text, newline="")`` gives them, one at a time:
    StringIO copies the text at four bytes a character (30 MB for a sheet of 100,000 rows,
    issue 17), this reads it where it is."""
    return (found.group() for found in _LINE.finditer(text))


def _dialect(text: str) -> type[csv.Dialect]:
    """Comma-separated, unless the header row shows semicolons or tabs (European Excel, TSV)."""
    first = text.split("\n", 1)[0]
    counts = {sep: first.count(sep) for sep in (",", ";", "\t")}
    separator = max(counts, key=lambda sep: counts[sep])
    if counts[separator] == 0 or separator == ",":
        return csv.excel
    return csv.excel_tab if separator == "\t" else _Semicolons


class _Semicolons(csv.excel):
    delimiter = ";"


def _row(
    number: int,
    cells: Sequence[str],
    positions: Mapping[AnyField, int],
    width: int,
    today: date,
    order: DateOrder | None,
    dates: dict[tuple[str, bool], date],
    phone_region: str | None,
    known_phones: Mapping[str, str],
) -> SheetRow:
    if len(cells) > width and any(c.strip() for c in cells[width:]):
        raise _RowProblem(f"it has {len(cells)} cells but the header only {width}")

    def cell(field: AnyField) -> str | None:
        index = positions.get(field)
        if index is None or index >= len(cells):
            return None
        return cell_text(cells[index], field)

    company, role, applied = cell(Field.COMPANY), cell(Field.ROLE), cell(Field.APPLIED)
    # A sheet names the same role and the same recruiter on many rows: one copy of each.
    role = sys.intern(role) if role is not None else None
    if company is None:
        raise _RowProblem("no company")
    if role is None:
        raise _RowProblem("no role")
    if applied is None:
        raise _RowProblem("no applied date")

    def read_date(text: str, what: str, past: bool) -> date:
        return _date(text, what, past, today, order, dates)

    applied_on = read_date(applied, "applied date", True)
    outcome = STATUS_WORDS.get(column_key(cell(Field.STATUS) or ""))
    closed = cell(Field.CLOSED)
    closed_on = None
    if outcome is not None:
        # A sheet rarely says when it ended; the day of the import is the day it was recorded.
        closed_on = read_date(closed, "closed date", True) if closed else today
        if closed_on < applied_on:
            raise _RowProblem(f"it was closed on {closed_on}, before it was applied for")
    try:
        contact = normalise_contact(
            Contact(_interned(cell(Field.CONTACT)), cell(Field.PHONE), cell(Field.EMAIL)),
            phone_region,
            known_phones,
        )
        read = SheetRow(
            row=number,
            company=company,
            role=role,
            applied_on=applied_on,
            outcome=outcome,
            closed_on=closed_on,
            contact=contact,
            do_not_call=_yes_or_no(cell(Field.DO_NOT_CALL), "do not call"),
            no_email=_yes_or_no(cell(Field.NO_EMAIL), "no email"),
            url=cell(Field.URL),
            pitch=cell(Field.PITCH),
            note=cell(Field.NOTES),
            history=read_history(cell, read_date, applied_on, today),
        )
        # The limits of typed text: a cell of 5,000 characters would fit no store.
        check_application(read.application())
    except (BadInput, HistoryProblem) as exc:
        raise _RowProblem(str(exc.message if isinstance(exc, BadInput) else exc)) from None
    return read


def _interned(text: str | None) -> str | None:
    return None if text is None else sys.intern(text)


def _date(
    text: str,
    what: str,
    past: bool,
    today: date,
    order: DateOrder | None,
    seen: dict[tuple[str, bool], date],
) -> date:
    """A date cell; ``past``: it records something that happened, so not in the future."""
    # A sheet repeats the same few hundred dates; reading each once keeps 100,000 rows fast.
    if (text, past) not in seen:
        if order is None and _NUMBERS_ONLY.fullmatch(text):
            raise _RowProblem(
                f"the {what} {text!r} is in numbers alone, so it could be day or month "
                "first; say which with --date-order dmy or --date-order mdy"
            )
        direction = Direction.PAST if past else Direction.NEAREST
        try:
            seen[text, past] = parse_date(text, today, direction, order)
        except BadInput as exc:
            # The list of accepted forms is for a prompt; one row's message stays short.
            reason = exc.message.split(" Use YYYY-MM-DD")[0].rstrip(".")
            raise _RowProblem(f"the {what} {reason}") from None
    return seen[text, past]


def _yes_or_no(text: str | None, what: str) -> bool:
    value = (text or "").casefold()
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise _RowProblem(f"{what} is {text!r}; write yes or no (or leave it empty)")


def new_rows(
    rows: Iterable[SheetRow], existing: Iterable[tuple[str, str, date]]
) -> tuple[list[SheetRow], int]:
    """The rows not yet recorded (neither before nor earlier in the file), and how many were."""
    seen = set(existing)
    fresh: list[SheetRow] = []
    skipped = 0
    for row in rows:
        if row.key in seen:
            skipped += 1
        else:
            seen.add(row.key)
            fresh.append(row)
    return fresh, skipped
