"""Writing a spreadsheet: every application as a CSV row, safe to open in Excel.

Pure: domain values in, text out. The columns are described for the user in
docs/import-export.md; ``followup.formats.spreadsheet`` reads such a file back (the
history columns through ``followup.formats.sheet_history``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date

from followup.domain.models import ApplicationView
from followup.formats.sheet_history import EXPORT_HISTORY_COLUMNS, history_cells

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
    "no email",
    "pitch",
    "notes",
    *EXPORT_HISTORY_COLUMNS,
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
        "yes" if app.no_email else "no",
        app.pitch,
        app.note,
        *history_cells(view.history),
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
