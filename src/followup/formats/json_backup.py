"""The full backup: every table as JSON, and reading it back with every value checked.

A restored value passes the same rules as a typed one (the words a field may hold, real
dates, no future date where the command line refuses one, phone numbers and email
addresses in normal form, the text limits), every id is within ``limits.MAX_ID`` and used
once, and every link points at a row of the same file. A value that does not is
``BadInput`` naming its place in the file: ``touches[0].via: 'pigeon' is not one of ...``.

Pure: the store hands over its tables and their shape; this module turns them into one JSON
document and back. It knows no table by name, so a table added by a later migration is
backed up without changes here. docs/import-export.md describes the format.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from followup.domain.backup import Backup, ColumnSpec, Form, Kind, Rows, Schema
from followup.domain.contact_details import normalise_email, normalise_phone
from followup.domain.dates import FIRST_YEAR, LAST_YEAR
from followup.domain.limits import MAX_ID, text_problem, web_address_problem
from followup.errors import BadInput, Refused

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

FORMAT = "followup-backup"
FORMAT_VERSION = 1


def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def dumps(backup: Backup, exported_on: date, version: str) -> str:
    """The backup as a JSON document, one row to a line: readable, diffable, and still JSON."""
    head = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "followup_version": version,
        "exported_on": exported_on.isoformat(),
        "migrations": list(backup.migrations),
        "last_ids": backup.last_ids,
    }
    lines = ["{"]
    lines += [f" {_compact(key)}: {_compact(value)}," for key, value in head.items()]
    tables = []
    for name, rows in backup.tables.items():
        body = ",\n".join(
            "  " + _compact({k: _json_value(v) for k, v in row.items()}) for row in rows
        )
        tables.append(f" {_compact(name)}: [\n{body}\n ]" if rows else f" {_compact(name)}: []")
    lines += [' "tables": {', ",\n".join(tables), " }", "}"]
    return "\n".join(lines) + "\n"


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def loads(text: str, schema: Schema, known_migrations: Sequence[str], today: date) -> Backup:
    """Read a backup written by ``dumps``, checking every value against ``schema``.

    A backup from a newer followup is refused (exit 1); anything malformed or out of the
    domain is ``BadInput`` naming where it is, so a hand-edited file never half-restores.
    """
    document = _parsed(text)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BadInput(
            "the file is not a followup backup (made by 'followup export --format json')"
        )
    version = document.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise BadInput("the backup has no format_version; it is damaged")
    if version > FORMAT_VERSION:
        raise Refused(
            f"this backup was written by a newer followup (format {version}); upgrade followup"
        )
    migrations = document.get("migrations")
    if not isinstance(migrations, list) or not all(isinstance(m, str) for m in migrations):
        raise BadInput("the backup has no list of migrations; it is damaged")
    newer = [m for m in migrations if m not in known_migrations]
    if newer:
        raise Refused(
            f"this backup was written by a newer followup (it has migration {newer[0]!r}); "
            "upgrade followup to restore it"
        )
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise BadInput("the backup has no tables; it is damaged")
    unknown = sorted(set(tables) - set(schema))
    if unknown:
        raise BadInput(f"the backup has a table {_shown(unknown[0])} this followup does not know")
    read = {
        name: _rows(name, tables.get(name, []), columns, today) for name, columns in schema.items()
    }
    _check_keys_and_links(read, schema)
    return Backup(tuple(migrations), read, _last_ids(document.get("last_ids", {}), schema))


def _parsed(text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(f"the file is not JSON (line {exc.lineno}: {exc.msg})") from None
    except ValueError:
        # Python refuses to read an integer of more than 4,300 digits.
        raise BadInput("the file holds a number too long to be anything followup keeps") from None
    except RecursionError:
        raise BadInput("the file nests lists or objects too deeply to be a backup") from None


def _shown(value: str) -> str:
    """A value for a message: quoted, escaped, and short."""
    return repr(value if len(value) <= 40 else value[:37] + "...")


def _rows(table: str, rows: object, columns: Sequence[ColumnSpec], today: date) -> Rows:
    if not isinstance(rows, list):
        raise BadInput(f"the backup's table {table!r} is not a list of rows")
    specs = {c.name: c for c in columns}
    read: Rows = []
    for number, row in enumerate(rows):
        where = f"{table}[{number}]"
        if not isinstance(row, dict):
            raise BadInput(f"{where}: not an object")
        extra = sorted(set(row) - set(specs))
        if extra:
            raise BadInput(f"{where}: unknown column {_shown(extra[0])}")
        values = {
            name: _value(row.get(name), spec, f"{where}.{name}", today)
            for name, spec in specs.items()
        }
        _check_row(values, columns, where)
        read.append(values)
    return read


def _value(value: object, spec: ColumnSpec, where: str, today: date) -> object:
    if value is None:
        if spec.required:
            raise BadInput(f"{where}: missing")
        return None
    problem = f"{where}: should be {spec.kind}"
    if spec.kind is Kind.BOOLEAN:
        if not isinstance(value, bool):
            raise BadInput(problem)
        return value
    if spec.kind is Kind.INTEGER:
        if not isinstance(value, int) or isinstance(value, bool):
            raise BadInput(problem)
        return _integer(value, spec, where)
    if not isinstance(value, str):
        raise BadInput(problem)
    if spec.kind is Kind.DATE:
        return _date(value, spec, where, today)
    return _text(value, spec, where)


def _integer(value: int, spec: ColumnSpec, where: str) -> int:
    lowest = 1 if spec.counted or spec.references else 0
    if not lowest <= value <= MAX_ID:
        what = "an id" if lowest else "a number"
        raise BadInput(f"{where}: {value} is not {what} followup keeps ({lowest} to {MAX_ID:,})")
    return value


def _date(value: str, spec: ColumnSpec, where: str, today: date) -> date:
    try:
        # fromisoformat alone would also take week dates (2026-W47-4) and other forms.
        day = date.fromisoformat(value) if _ISO_DAY.fullmatch(value) else None
    except ValueError:
        day = None
    if day is None:
        raise BadInput(f"{where}: {_shown(value)} is not a real date in the form YYYY-MM-DD")
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise BadInput(f"{where}: {day} is not between {FIRST_YEAR} and {LAST_YEAR}")
    if spec.not_future and day > today:
        raise BadInput(f"{where}: {day} is in the future (today is {today})")
    return day


def _text(value: str, spec: ColumnSpec, where: str) -> str:
    if spec.choices and value not in spec.choices:
        raise BadInput(f"{where}: {_shown(value)} is not one of {', '.join(spec.choices)}")
    problem = text_problem(value, spec.text)
    if problem is not None:
        raise BadInput(f"{where}: {_shown(value)} {problem}")
    if spec.not_blank and not value.strip():
        raise BadInput(f"{where}: empty")
    try:
        if spec.form is Form.PHONE:
            return normalise_phone(value)
        if spec.form is Form.EMAIL:
            return normalise_email(value)
    except BadInput as exc:
        raise BadInput(f"{where}: {exc.message}") from None
    if spec.form is Form.WEB_ADDRESS:
        problem = web_address_problem(value)
        if problem is not None:
            raise BadInput(f"{where}: {problem}")
    return value


def _check_row(values: Mapping[str, Any], columns: Sequence[ColumnSpec], where: str) -> None:
    """The rules between the columns of one row: set together, one date not before another."""
    for spec in columns:
        value = values[spec.name]
        if spec.together_with is not None:
            other = values[spec.together_with]
            if (value is None) != (other is None):
                have, lack = (spec.name, spec.together_with)
                if value is None:
                    have, lack = lack, have
                raise BadInput(f"{where}: {have} is set but {lack} is not; give both or neither")
        if spec.not_before is not None and value is not None:
            earlier = values[spec.not_before]
            if earlier is not None and value < earlier:
                raise BadInput(
                    f"{where}.{spec.name}: {value} is before its {spec.not_before} ({earlier})"
                )


def _check_keys_and_links(tables: Mapping[str, Rows], schema: Schema) -> None:
    """Each row's key is its own, and every link points at a row of the same backup."""
    for table, columns in schema.items():
        keys = [c.name for c in columns if c.key]
        seen: dict[tuple[object, ...], int] = {}
        for number, row in enumerate(tables[table]):
            key = tuple(row[name] for name in keys)
            if keys and key in seen:
                which = ", ".join(keys)
                raise BadInput(
                    f"{table}[{number}]: its {which} is that of {table}[{seen[key]}] too; "
                    "each row needs its own"
                )
            seen[key] = number
    ids = {
        table: {row[c.name] for row in tables[table] for c in columns if c.counted}
        for table, columns in schema.items()
    }
    for table, columns in schema.items():
        for spec in columns:
            if spec.references is None:
                continue
            for number, row in enumerate(tables[table]):
                if row[spec.name] not in ids.get(spec.references, set()):
                    raise BadInput(
                        f"{table}[{number}].{spec.name}: {row[spec.name]} is not the id of any "
                        f"row of {spec.references} in the backup"
                    )


def _last_ids(found: object, schema: Schema) -> dict[str, int]:
    if not isinstance(found, dict):
        raise BadInput("the backup's last_ids is not an object; it is damaged")
    counted = {table for table, columns in schema.items() if any(c.counted for c in columns)}
    last: dict[str, int] = {}
    for table, value in found.items():
        if table not in counted:
            raise BadInput(f"last_ids: {_shown(table)} is not a table that counts its ids")
        where = f"last_ids.{table}"
        if not isinstance(value, int) or isinstance(value, bool):
            raise BadInput(f"{where}: should be integer")
        if not 0 <= value <= MAX_ID:
            # An id counter near 2**63 would restore, and then every `add` would fail.
            raise BadInput(
                f"{where}: {value} is not a count of ids followup keeps (0 to {MAX_ID:,})"
            )
        last[table] = value
    return last
