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

import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from followup.domain.backup import Backup, Row, Rows, Schema
from followup.domain.limits import MAX_ID
from followup.errors import BadInput, Refused
from followup.formats.backup_checks import Keys, TableCheck, shown
from followup.formats.json_stream import JsonStream, NotUtf8, Readable

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


# --- reading ----------------------------------------------------------------------------------

# Rows handed on at a time: big enough that a batch is one quick statement, small enough
# that a million rows never sit in memory together.
BATCH = 5_000

# Takes each batch of checked rows of a table, in the file's order: tuples of the values in
# the order of the schema's columns.
Sink = Callable[[str, list[Row]], None]


@dataclass(frozen=True)
class BackupHead:
    """What a backup says about itself; its rows went to the ``Sink`` as they were read."""

    migrations: tuple[str, ...]
    last_ids: dict[str, int]
    counts: dict[str, int]


def loads(text: str, schema: Schema, known_migrations: Sequence[str], today: date) -> Backup:
    """Read a whole backup from ``text`` (small ones: tests, tools), checked as ``read``."""
    tables: dict[str, Rows] = {name: [] for name in schema}

    def keep(table: str, rows: list[Row]) -> None:
        names = [c.name for c in schema[table]]
        tables[table].extend(dict(zip(names, row, strict=True)) for row in rows)

    head = read(
        io.BytesIO(text.encode("utf-8", "surrogatepass")), schema, known_migrations, today, keep
    )
    return Backup(head.migrations, tables, head.last_ids)


def read(
    source: Readable,
    schema: Schema,
    known_migrations: Sequence[str],
    today: date,
    sink: Sink | None = None,
) -> BackupHead:
    """Read a backup written by ``dumps`` a row at a time, checking every value against
    ``schema``, and hand the checked rows to ``sink`` in batches.

    A backup from a newer followup is refused (exit 1); anything malformed or out of the
    domain is ``BadInput`` naming where it is, so a hand-edited file never half-restores.
    The whole file is read before anything is said about it, and the problems are told in
    the order a whole-file reading finds them: a file that is not JSON, then the head
    (format, version, migrations), then a table this followup does not know, then the
    first bad value, then keys and links, then the id counters. (A file whose tables come
    in another order than ``dumps`` writes them names its first bad value in file order.)
    """
    try:
        return _Reader(schema, known_migrations, today, sink).read(JsonStream(source))
    except json.JSONDecodeError as exc:
        raise BadInput(f"the file is not JSON (line {exc.lineno}: {exc.msg})") from None
    except ValueError as exc:
        if isinstance(exc, NotUtf8):
            raise BadInput(f"the file is not UTF-8 text (byte {exc.byte})") from None
        # Python refuses to read an integer of more than 4,300 digits.
        raise BadInput("the file holds a number too long to be anything followup keeps") from None
    except RecursionError:
        raise BadInput("the file nests lists or objects too deeply to be a backup") from None


class _Reader:
    def __init__(
        self, schema: Schema, known: Sequence[str], today: date, sink: Sink | None
    ) -> None:
        self._schema = schema
        self._known = known
        self._sink = sink
        self._checks = {
            table: TableCheck(table, columns, today) for table, columns in schema.items()
        }
        self._keys = Keys(schema)
        self._head: dict[str, object] = {}
        self._counts = dict.fromkeys(schema, 0)
        self._unknown: str | None = None
        self._tables_seen = False
        self._tables_shape_wrong = False
        self._problem: BadInput | None = None

    def read(self, stream: JsonStream) -> BackupHead:
        if stream.peek() != "{":
            stream.value()
            stream.end()
            raise BadInput(_NOT_A_BACKUP)
        for key in stream.members():
            if key != "tables":
                self._head[key] = stream.value()
            elif self._tables_seen:
                raise BadInput("the backup holds its tables twice; it is damaged")
            else:
                self._tables_seen = True
                self._tables(stream)
        stream.end()
        migrations = self._check_head()
        if self._unknown is not None:
            raise BadInput(
                f"the backup has a table {shown(self._unknown)} this followup does not know"
            )
        if self._problem is not None:
            raise self._problem
        self._keys.check()
        last_ids = _last_ids(self._head.get("last_ids", {}), self._schema)
        return BackupHead(migrations, last_ids, dict(self._counts))

    def _check_head(self) -> tuple[str, ...]:
        if self._head.get("format") != FORMAT:
            raise BadInput(_NOT_A_BACKUP)
        version = self._head.get("format_version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise BadInput("the backup has no format_version; it is damaged")
        if version > FORMAT_VERSION:
            raise Refused(
                f"this backup was written by a newer followup (format {version}); upgrade followup"
            )
        migrations = self._head.get("migrations")
        if not isinstance(migrations, list) or not all(isinstance(m, str) for m in migrations):
            raise BadInput("the backup has no list of migrations; it is damaged")
        newer = [m for m in migrations if m not in self._known]
        if newer:
            raise Refused(
                f"this backup was written by a newer followup (it has migration {newer[0]!r}); "
                "upgrade followup to restore it"
            )
        if not self._tables_seen or self._tables_shape_wrong:
            raise BadInput("the backup has no tables; it is damaged")
        return tuple(migrations)

    def _tables(self, stream: JsonStream) -> None:
        if stream.peek() != "{":
            stream.value()
            self._tables_shape_wrong = True
            return
        done: set[str] = set()
        for table in stream.members():
            if table in done:
                raise BadInput(f"the backup holds table {shown(table)} twice; it is damaged")
            done.add(table)
            if table not in self._schema:
                self._unknown = self._unknown or table
                stream.value()
            elif stream.peek() != "[":
                stream.value()
                self._fail(BadInput(f"the backup's table {table!r} is not a list of rows"))
            else:
                self._rows(table, stream)

    def _fail(self, problem: BadInput) -> None:
        # Kept, and the rest of the file still read: a file that is not JSON further on,
        # or has a head that refuses it, says so first.
        if self._problem is None:
            self._problem = problem

    def _rows(self, table: str, stream: JsonStream) -> None:
        # The rows wait for the check a batch at a time: it goes column by column.
        waiting: list[object] = []
        first = 0
        number = -1
        for number, row in enumerate(stream.items()):
            if self._problem is not None or self._unknown is not None:
                continue
            waiting.append(row)
            if len(waiting) >= BATCH:
                self._take(table, first, waiting)
                first, waiting = number + 1, []
        if waiting and self._problem is None and self._unknown is None:
            self._take(table, first, waiting)
        self._counts[table] = number + 1

    def _take(self, table: str, first: int, rows: list[object]) -> None:
        try:
            checked = self._checks[table].rows(first, rows)
        except BadInput as exc:
            self._fail(exc)
            return
        self._keys.add(table, first, checked)
        if self._sink is not None:
            self._sink(table, checked)


_NOT_A_BACKUP = "the file is not a followup backup (made by 'followup export --format json')"


def _last_ids(found: object, schema: Schema) -> dict[str, int]:
    if not isinstance(found, dict):
        raise BadInput("the backup's last_ids is not an object; it is damaged")
    counted = {table for table, columns in schema.items() if any(c.counted for c in columns)}
    last: dict[str, int] = {}
    for table, value in found.items():
        if table not in counted:
            raise BadInput(f"last_ids: {shown(table)} is not a table that counts its ids")
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
