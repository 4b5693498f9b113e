"""The full backup: every table as JSON, and reading it back with every value checked.

Pure: the store hands over its tables and their shape; this module turns them into one JSON
document and back. It knows no table by name, so a table added by a later migration is
backed up without changes here. docs/import-export.md describes the format.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

from followup.domain.backup import Backup, ColumnSpec, Kind, Rows, Schema
from followup.errors import BadInput, Refused

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


def loads(text: str, schema: Schema, known_migrations: Sequence[str]) -> Backup:
    """Read a backup written by ``dumps``, checking every value against ``schema``.

    A backup from a newer followup is refused (exit 1); anything malformed is ``BadInput``
    naming where it is, so a hand-edited file never half-restores.
    """
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(f"the file is not JSON (line {exc.lineno}: {exc.msg})") from None
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
        raise BadInput(f"the backup has a table {unknown[0]!r} this followup does not know")
    read = {name: _rows(name, tables.get(name, []), columns) for name, columns in schema.items()}
    return Backup(tuple(migrations), read, _last_ids(document.get("last_ids", {}), schema))


def _rows(table: str, rows: object, columns: Sequence[ColumnSpec]) -> Rows:
    if not isinstance(rows, list):
        raise BadInput(f"the backup's table {table!r} is not a list of rows")
    specs = {c.name: c for c in columns}
    read: Rows = []
    for number, row in enumerate(rows, start=1):
        where = f"table {table!r}, row {number}"
        if not isinstance(row, dict):
            raise BadInput(f"the backup is damaged at {where}: not an object")
        extra = sorted(set(row) - set(specs))
        if extra:
            raise BadInput(f"the backup is damaged at {where}: unknown column {extra[0]!r}")
        read.append({name: _value(row.get(name), spec, where) for name, spec in specs.items()})
    return read


def _value(value: object, spec: ColumnSpec, where: str) -> object:
    if value is None:
        if spec.required:
            raise BadInput(f"the backup is damaged at {where}: {spec.name!r} is missing")
        return None
    problem = f"the backup is damaged at {where}: {spec.name!r} should be {spec.kind}"
    if spec.kind is Kind.BOOLEAN:
        if not isinstance(value, bool):
            raise BadInput(problem)
        return value
    if spec.kind is Kind.INTEGER:
        if not isinstance(value, int) or isinstance(value, bool):
            raise BadInput(problem)
        return value
    if not isinstance(value, str):
        raise BadInput(problem)
    if spec.kind is Kind.DATE:
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise BadInput(f"{problem} (YYYY-MM-DD), not {value!r}") from None
    return value


def _last_ids(found: object, schema: Schema) -> dict[str, int]:
    if not isinstance(found, dict):
        raise BadInput("the backup's last_ids is not an object; it is damaged")
    last: dict[str, int] = {}
    for table, value in found.items():
        if table not in schema or not isinstance(value, int) or isinstance(value, bool):
            raise BadInput(f"the backup's last_ids has a bad entry for {table!r}")
        last[table] = value
    return last
