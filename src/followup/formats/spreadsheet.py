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
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as default
from datetime import date

from followup.domain.contact_details import normalise_contact
from followup.domain.dates import DateOrder, Direction, parse_date
from followup.domain.limits import check_application
from followup.domain.models import Application, ApplicationView, Contact, Outcome
from followup.errors import BadInput


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

# Columns that followup's own export adds: reading that file back ignores them quietly.
EXPORT_ONLY = (
    "id",
    "stage",
    "last touch",
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


def parse_map(options: Sequence[str]) -> dict[str, Field]:
    """``--map 'COLUMN=field'`` options, keyed by ``column_key(COLUMN)``."""
    found: dict[str, Field] = {}
    for option in options:
        column, equals, target = option.rpartition("=")
        if not equals or not column_key(column):
            raise BadInput(
                f"--map {option!r} should be COLUMN=FIELD, like --map 'Employer=company'"
            )
        field = _field_named(target)
        if field is None:
            names = ", ".join(f.value for f in Field)
            raise BadInput(
                f"--map {option!r}: {target.strip()!r} is not a field; use one of {names}"
            )
        found[column_key(column)] = field
    return found


def _field_named(text: str) -> Field | None:
    key = column_key(text)
    for field in Field:
        if column_key(field.value) == key:
            return field
    return KNOWN_COLUMNS.get(key)


@dataclass(frozen=True)
class Columns:
    """Which field each column of the sheet holds (None: not used), and the names not used."""

    fields: tuple[Field | None, ...]
    unused: tuple[str, ...]

    @property
    def positions(self) -> dict[Field, int]:
        """Where each field's column is, for the fields the sheet has."""
        return {f: n for n, f in enumerate(self.fields) if f is not None}


def plan_columns(header: Sequence[str], mapping: Mapping[str, Field]) -> Columns:
    """Match the header row to fields: ``--map`` first, then the usual names."""
    keys = [column_key(name) for name in header]
    for column in mapping:
        if column not in keys:
            raise BadInput(
                f"--map names a column {column!r} that the header does not have "
                f"(it has {_list(header)})"
            )
    seen: dict[str, str] = {}
    fields: list[Field | None] = []
    unused: list[str] = []
    for name, key in zip(header, keys, strict=True):
        if key and key in seen:
            raise BadInput(f"the header has two columns named {name.strip()!r}; rename one")
        seen[key] = name
        field = mapping.get(key, KNOWN_COLUMNS.get(key))
        if field is None and key in EXPORT_ONLY:
            field = Field.IGNORE
        if field is None and key:
            unused.append(name.strip())
        fields.append(None if field is Field.IGNORE else field)
    for field in Field:
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
    return Columns(tuple(fields), tuple(unused))


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
    url: str | None = None
    pitch: str | None = None
    note: str | None = None
    outcome: Outcome | None = None
    closed_on: date | None = None

    def application(self) -> Application:
        return Application(
            id=0,
            company=self.company,
            role=self.role,
            applied_on=self.applied_on,
            contact=self.contact,
            do_not_call=self.do_not_call,
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


# Rows read between two reports to ``read_sheet``'s ``progress``.
PROGRESS_ROWS = 1_000


class _RowProblem(Exception):
    pass


def read_sheet(
    text: str,
    today: date,
    mapping: Mapping[str, Field] | None = None,
    order: DateOrder | None = None,
    phone_region: str | None = None,
    *,
    progress: Callable[[int], None] | None = None,
) -> Sheet:
    """Every application in a CSV with a header row, or ``BadInput`` naming the first bad row.

    Blank rows are passed over. Dates follow the command line's rules for ``--applied``
    (strict, never in the future); ``order`` admits dates in numbers alone.
    """
    if not text.strip():
        raise BadInput("the file is empty; it needs a header row and one row per application")
    reader = csv.reader(io.StringIO(text, newline=""), dialect=_dialect(text))
    try:
        header = next(reader)
        columns = plan_columns(header, mapping or {})
        dates: dict[str, date] = {}
        positions, width = columns.positions, len(columns.fields)
        rows: list[SheetRow] = []
        problems: list[str] = []
        for number, cells in enumerate(reader, start=2):
            if progress is not None and number % PROGRESS_ROWS == 0:
                progress(PROGRESS_ROWS)
            if not any(cell.strip() for cell in cells):
                continue
            try:
                rows.append(
                    _row(number, cells, positions, width, today, order, dates, phone_region)
                )
            except _RowProblem as problem:
                problems.append(f"row {number}: {problem}")
    except csv.Error as exc:
        raise BadInput(f"row {reader.line_num}: the file is not valid CSV ({exc})") from None
    if problems:
        more = len(problems) - 1
        also = f" (and {more} more {'row' if more == 1 else 'rows'} with problems)" if more else ""
        raise BadInput(f"{problems[0]}{also}; nothing was imported")
    return Sheet(tuple(rows), columns.unused)


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
    positions: Mapping[Field, int],
    width: int,
    today: date,
    order: DateOrder | None,
    dates: dict[str, date],
    phone_region: str | None,
) -> SheetRow:
    if len(cells) > width and any(c.strip() for c in cells[width:]):
        raise _RowProblem(f"it has {len(cells)} cells but the header only {width}")

    def cell(field: Field) -> str | None:
        index = positions.get(field)
        if index is None or index >= len(cells):
            return None
        value = restore_cell(cells[index]).strip()
        if field is not Field.NOTES:
            # A sheet's cells often carry stray spaces and line breaks; notes keep theirs.
            value = " ".join(value.split())
        return value or None

    company, role, applied = cell(Field.COMPANY), cell(Field.ROLE), cell(Field.APPLIED)
    if company is None:
        raise _RowProblem("no company")
    if role is None:
        raise _RowProblem("no role")
    if applied is None:
        raise _RowProblem("no applied date")
    applied_on = _applied(applied, today, order, dates)
    outcome = STATUS_WORDS.get(column_key(cell(Field.STATUS) or ""))
    closed = cell(Field.CLOSED)
    closed_on = None
    if outcome is not None:
        # A sheet rarely says when it ended; the day of the import is the day it was recorded.
        closed_on = _applied(closed, today, order, dates) if closed else today
        if closed_on < applied_on:
            raise _RowProblem(f"it was closed on {closed_on}, before it was applied for")
    try:
        contact = normalise_contact(
            Contact(cell(Field.CONTACT), cell(Field.PHONE), cell(Field.EMAIL)), phone_region
        )
        read = SheetRow(
            row=number,
            company=company,
            role=role,
            applied_on=applied_on,
            outcome=outcome,
            closed_on=closed_on,
            contact=contact,
            do_not_call=_yes_or_no(cell(Field.DO_NOT_CALL)),
            url=cell(Field.URL),
            pitch=cell(Field.PITCH),
            note=cell(Field.NOTES),
        )
        # The limits of typed text: a cell of 5,000 characters would fit no store.
        check_application(read.application())
    except BadInput as exc:
        raise _RowProblem(exc.message) from None
    return read


def _applied(text: str, today: date, order: DateOrder | None, seen: dict[str, date]) -> date:
    # A sheet repeats the same few hundred dates; reading each once keeps 100,000 rows fast.
    if text not in seen:
        if order is None and _NUMBERS_ONLY.fullmatch(text):
            raise _RowProblem(
                f"the applied date {text!r} is in numbers alone, so it could be day or month "
                "first; say which with --date-order dmy or --date-order mdy"
            )
        try:
            seen[text] = parse_date(text, today, Direction.PAST, order)
        except BadInput as exc:
            # The list of accepted forms is for a prompt; one row's message stays short.
            reason = exc.message.split(" Use YYYY-MM-DD")[0].rstrip(".")
            raise _RowProblem(f"the applied date {reason}") from None
    return seen[text]


def _yes_or_no(text: str | None) -> bool:
    value = (text or "").casefold()
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise _RowProblem(f"do not call is {text!r}; write yes or no (or leave it empty)")


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


# --- writing a sheet ----------------------------------------------------------------------

# OWASP's list: a cell starting with any of these is run as a formula by Excel, LibreOffice
# or Google Sheets (the tab and carriage return because some strip them before looking).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_QUOTE = "'"


def neutralise(cell: str) -> str:
    """A cell no spreadsheet runs as a formula: a leading ' where OWASP says to put one.

    A cell that already starts with ' and then a trigger gets one more, so that
    ``restore_cell`` can always undo exactly what was done.
    """
    if cell.startswith(FORMULA_TRIGGERS) or (
        cell.startswith(_QUOTE) and cell.lstrip(_QUOTE).startswith(FORMULA_TRIGGERS)
    ):
        return _QUOTE + cell
    return cell


def restore_cell(cell: str) -> str:
    """Undo ``neutralise``: reading back an exported sheet gives the original text."""
    if cell.startswith(_QUOTE) and cell.lstrip(_QUOTE).startswith(FORMULA_TRIGGERS):
        return cell[1:]
    return cell


EXPORT_COLUMNS = (
    "id",
    "company",
    "role",
    "stage",
    "outcome",
    "applied",
    "closed",
    "contact",
    "phone",
    "email",
    "url",
    "do not call",
    "pitch",
    "notes",
    "last touch",
    "next from",
    "next until",
    "next action",
    "flags",
)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def export_row(view: ApplicationView) -> list[str]:
    """One application as the cells of ``EXPORT_COLUMNS``, before any neutralising."""
    app, verdict = view.application, view.assessment
    window = verdict.next_contact
    last_touch = max((t.on for t in view.history.touches), default=None)
    values: list[object] = [
        app.id,
        app.company,
        app.role,
        verdict.stage.value,
        app.outcome.value if app.outcome else None,
        app.applied_on,
        app.closed_on,
        app.contact.name,
        app.contact.phone,
        app.contact.email,
        app.url,
        "yes" if app.do_not_call else "no",
        app.pitch,
        app.note,
        last_touch,
        window.earliest if window else None,
        window.latest if window else None,
        window.action.value if window else None,
        len(verdict.flags),
    ]
    return [_text(v) for v in values]


def write_sheet(views: Iterable[ApplicationView], *, raw: bool = False) -> str:
    """A CSV of applications (RFC 4180: comma, double quotes, CRLF), header row first.

    Cells are neutralised against formula injection unless ``raw`` (for scripts).
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, dialect=csv.excel)
    writer.writerow(EXPORT_COLUMNS)
    for view in views:
        cells = export_row(view)
        writer.writerow(cells if raw else [neutralise(c) for c in cells])
    return out.getvalue()
