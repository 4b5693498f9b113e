"""Import and export: every table for the full backup, applications in bulk (issue 4; the
use cases are in ``followup.services.exchange``, the formats in ``followup.formats``).

The backup is generic over ``metadata``: a table a later feature adds to it is backed up
and restored without changes here.
"""

from __future__ import annotations

import bisect
import contextlib
import enum
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    ColumnElement,
    Date,
    Integer,
    Select,
    Table,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy import text as _sql
from sqlalchemy.exc import IntegrityError

from followup.domain.backup import Backup, ColumnSpec, Kind, Row, Rows
from followup.domain.limits import LONG, TextRule
from followup.domain.models import (
    Application,
    Assessment,
)
from followup.errors import (
    BadInput,
)
from followup.storage.applications import Store, application_values
from followup.storage.migrations import MIGRATIONS_TABLE
from followup.storage.schema import (
    applications,
    followup_meta,
    metadata,
    migrations_table,
    profiles,
)


def _backed_up() -> list[Table]:
    """Every table, parents before children; the schema's own record is not data."""
    return [t for t in metadata.sorted_tables if t.name != MIGRATIONS_TABLE]


def _kind(column: Column[Any]) -> Kind:
    if isinstance(column.type, Boolean):
        return Kind.BOOLEAN
    if isinstance(column.type, Date):
        return Kind.DATE
    if isinstance(column.type, Integer):
        return Kind.INTEGER
    return Kind.TEXT


def _counted_id(table: Table) -> Column[Any] | None:
    """The id column whose values the database hands out, if the table has one."""
    keys = list(table.primary_key.columns)
    if len(keys) == 1 and isinstance(keys[0].type, Integer) and not keys[0].foreign_keys:
        return keys[0]
    return None


def _spec(column: Column[Any]) -> ColumnSpec:
    """A column and the rules its values obey (its ``info``, see ``storage.schema``)."""
    info = column.info
    kind = _kind(column)
    text = info.get("text")
    required = not column.nullable and column.server_default is None
    # Text the user gives (a rule in the schema) is never blank when required, as typed.
    not_blank = required and text is not None
    if text is None:
        length = getattr(column.type, "length", None)
        text = TextRule(length) if isinstance(length, int) else LONG
    choices = info.get("choices", ())
    links = [key.column.table.name for key in column.foreign_keys]
    table = column.table
    assert isinstance(table, Table)
    return ColumnSpec(
        column.name,
        kind,
        # A column the database fills in itself (the profile) may be left out; a link may not.
        required=bool(links) or required,
        text=text,
        not_blank=not_blank,
        choices=tuple(c.value if isinstance(c, enum.Enum) else str(c) for c in choices),
        form=info.get("form"),
        not_future=bool(info.get("not_future")),
        not_before=info.get("not_before"),
        together_with=info.get("together_with"),
        key=column.primary_key,
        counted=_counted_id(table) is column,
        references=links[0] if links else None,
        mark_of=info.get("id_of"),
    )


def _defaults_to_false(column: Column[Any]) -> bool:
    """A flag a backup from before its column lacks (``no_email``, migration 007): such a
    row was written when no posting could say so, so it is false."""
    return isinstance(column.type, Boolean) and column.server_default is not None


def _with_defaults(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """A backup's row with the false flags a backup from before their column lacks."""
    missing = {
        column.name: False
        for column in table.columns
        if _defaults_to_false(column) and row.get(column.name) is None
    }
    return row | missing if missing else row


def _as_dicts(table: Table, rows: Sequence[Row]) -> Rows:
    names = [column.name for column in table.columns]
    return [dict(zip(names, row, strict=True)) for row in rows]


def backup_schema() -> dict[str, tuple[ColumnSpec, ...]]:
    """Every table a backup holds, parents first, with the rules of each column."""
    return {table.name: tuple(_spec(c) for c in table.columns) for table in _backed_up()}


class ExchangeStore:
    """Whole-table reads and bulk writes for import and export, inside a ``Store``'s transaction.

    Scoped to the store's profile: a backup holds that profile's applications and every
    row that hangs off them (found by following foreign keys, so a table a later feature
    adds is scoped too), plus the facts about the database itself.
    """

    def __init__(self, store: Store) -> None:
        self._conn = store.connection
        self._profile = store.profile
        self._journal = store.journal
        self._statements: dict[tuple[str, tuple[str, ...]], tuple[str, list[int]]] = {}

    def _theirs(self, table: Table) -> ColumnElement[bool] | None:
        """The condition keeping ``table`` to this profile's rows; None for database facts."""
        # Applications, and the profile's own settings row: a table with a profile column.
        if "profile" in table.c:
            return table.c.profile == self._profile
        for column in table.columns:
            for key in column.foreign_keys:
                parent = self._theirs(key.column.table)
                if parent is not None:
                    return column.in_(select(key.column).where(parent))
        return None

    def _rows_of(self, table: Table) -> Select[Any]:
        query = select(table)
        condition = self._theirs(table)
        return query if condition is None else query.where(condition)

    # the full backup

    def schema(self) -> dict[str, tuple[ColumnSpec, ...]]:
        return backup_schema()

    def backup(self) -> Backup:
        migrations = self._conn.execute(
            select(migrations_table.c.name).order_by(migrations_table.c.name)
        ).scalars()
        tables = {
            table.name: [
                dict(row._mapping)
                for row in self._conn.execute(
                    self._rows_of(table).order_by(*table.primary_key.columns)
                )
            ]
            for table in _backed_up()
        }
        return Backup(tuple(migrations), tables, self._last_ids())

    def _last_ids(self) -> dict[str, int]:
        """The highest id each table ever gave out, counting rows deleted since.

        On SQLite that is the AUTOINCREMENT counter of the tables that have one (the
        others reuse the ids of deleted rows by design); elsewhere, the highest id in use.
        """
        if self._conn.dialect.name == "sqlite":
            found = self._conn.execute(_sql("SELECT name, seq FROM sqlite_sequence"))
            # Only the backed-up tables' counters: the undo journal is no part of a backup.
            kept = {table.name for table in _backed_up()}
            return {str(name): int(seq) for name, seq in found if name in kept}
        last: dict[str, int] = {}
        for table in _backed_up():
            column = _counted_id(table)
            if column is not None:
                highest = int(self._conn.execute(select(func.max(column))).scalar() or 0)
                last[table.name] = max(highest, self._sequence_at(table, column))
        return last

    def _sequence_at(self, table: Table, column: Column[Any]) -> int:
        """PostgreSQL: the last id the column's sequence handed out (0 when none)."""
        if self._conn.dialect.name != "postgresql":
            return 0
        sequence = self._conn.execute(
            select(func.pg_get_serial_sequence(table.name, column.name))
        ).scalar()
        if sequence is None:
            return 0
        # The name comes from the server's own catalog, quoted by it.
        last, called = self._conn.execute(
            _sql(f"SELECT last_value, is_called FROM {sequence}")
        ).one()
        return int(last) if called else 0

    def rows_held(self) -> dict[str, int]:
        """How many rows of this profile each table holds, leaving out the database's facts."""
        return {
            table.name: int(
                self._conn.execute(
                    select(func.count()).select_from(self._rows_of(table).subquery())
                ).scalar_one()
            )
            # The profile's settings are not records of its own: restoring replaces them.
            for table in _backed_up()
            if table is not followup_meta and table is not profiles
        }

    def restore(self, backup: Backup) -> None:
        """Write every row of ``backup`` into this profile, which holds nothing yet."""

        def batches(name: str) -> list[list[Row]]:
            names = [c.name for c in metadata.tables[name].columns]
            rows = backup.tables.get(name) or []
            return [[tuple(row.get(n) for n in names) for row in rows]]

        self.restore_tables(batches, backup.last_ids)

    def restore_tables(
        self,
        batches: Callable[[str], Iterable[list[Row]]],
        last_ids: dict[str, int],
        progress: Callable[[int], None] | None = None,
    ) -> None:
        """Write every row a backup holds into this profile, which holds nothing yet.

        ``batches(table)`` gives a table's rows a batch at a time, each row a tuple of its
        values in the order of the table's columns; the tables are asked for parents
        first, and each batch is one statement, so a million rows never sit in memory
        together. ``progress`` hears how many rows each batch held.

        Into an empty database every row keeps its id, so the copy is exact. Beside other
        profiles' applications the rows get new ids, in the same order, and every
        reference follows them (``_restore_renumbered``, which holds the backup whole).
        """
        settings_rows = [row for batch in batches(profiles.name) for row in batch]
        if settings_rows:
            # The backup's settings take the place of any this profile has; the windows are
            # worked out again after the restore (services.exchange), whatever the backup held.
            self._conn.execute(delete(profiles).where(profiles.c.profile == self._profile))
        others = self._conn.execute(select(func.count()).select_from(applications)).scalar()
        try:
            if others:
                whole = {
                    table.name: _as_dicts(table, [r for rows in batches(table.name) for r in rows])
                    for table in _backed_up()
                    if table is not profiles
                }
                whole[profiles.name] = _as_dicts(profiles, settings_rows)
                self._restore_renumbered(Backup((), self._owned(whole), last_ids))
                return
            # The database's facts travel with the data: the calendar's id, so that exported
            # events keep their UIDs on the new machine.
            self._conn.execute(delete(followup_meta))
            with self._indexes_built_after():
                for table in _backed_up():
                    found = [settings_rows] if table is profiles else batches(table.name)
                    for batch in found:
                        if batch:
                            self._insert_rows(table, batch)
                            if progress is not None:
                                progress(len(batch))
        except IntegrityError as exc:
            raise BadInput(
                f"the backup does not hold together ({exc.orig}); nothing was restored"
            ) from None
        self._move_id_counters(last_ids)

    @contextlib.contextmanager
    def _indexes_built_after(self) -> Iterator[None]:
        """On SQLite, the backed-up tables' indexes dropped while an empty database is
        filled, and made again at the end from their own statements (``sqlite_master``),
        in the same transaction: SQLite builds an index over a million rows by sorting
        them once, faster than it keeps one up to date row by row (issue 17). Should the
        restore fail, the rollback brings them back with everything else."""
        if self._conn.dialect.name != "sqlite":
            yield
            return
        names = [table.name for table in _backed_up()]
        marks = ", ".join("?" for _ in names)
        found = self._conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({marks}) ORDER BY name",
            tuple(names),
        ).all()
        for name, _ in found:
            quoted = str(name).replace('"', '""')
            self._conn.exec_driver_sql(f'DROP INDEX "{quoted}"')
        yield
        for _, sql in found:
            self._conn.exec_driver_sql(str(sql))

    def _insert_rows(
        self, table: Table, rows: Sequence[Row], names: Sequence[str] | None = None
    ) -> None:
        """Insert rows of the columns ``names`` of ``table`` (every column, in its order,
        by default), made this profile's, in one statement run over them all.

        Column by column: the rows are turned into columns (``zip``, in C), the few
        columns that need it are changed whole, and turned back. On SQLite straight through
        the driver: SQLAlchemy's handling of each value (dates to text, one Python call per
        value) took twice as long as SQLite's own work for a million touches (issue 17).
        The statement is still SQLAlchemy's, compiled for the dialect; dates are stored as
        SQLAlchemy stores them, ``YYYY-MM-DD``.
        """
        names = tuple(column.name for column in table.columns) if names is None else tuple(names)
        columns: list[Sequence[Any]] = list(zip(*rows, strict=True))
        sqlite = self._conn.dialect.name == "sqlite"
        for n, name in enumerate(names):
            column, values = table.c[name], columns[n]
            if name == "profile":
                columns[n] = [self._profile] * len(rows)
            elif _defaults_to_false(column) and None in values:
                # A backup from before the column (no_email, migration 007) lacks it.
                columns[n] = [False if value is None else value for value in values]
            elif sqlite and isinstance(column.type, Date):
                columns[n] = [None if day is None else day.isoformat() for day in values]
        if not sqlite:
            rows = list(zip(*columns, strict=True))
            self._conn.execute(insert(table), [dict(zip(names, row, strict=True)) for row in rows])
            return
        sql, order = self._insert_statement(table, names)
        ordered = [columns[n] for n in order]
        self._conn.exec_driver_sql(sql, list(zip(*ordered, strict=True)))

    def _insert_statement(self, table: Table, names: tuple[str, ...]) -> tuple[str, list[int]]:
        """The INSERT of these columns of ``table``, compiled once for all its batches, and
        where each of its parameters is among ``names``."""
        found = self._statements.get((table.name, names))
        if found is None:
            statement = insert(table).compile(dialect=self._conn.dialect, column_keys=names)
            order = [names.index(key) for key in statement.positiontup or ()]
            found = self._statements[table.name, names] = (str(statement), order)
        return found

    def _owned(self, tables: dict[str, Rows]) -> dict[str, Rows]:
        """The rows, each of a table with a profile column made this profile's."""
        return {
            name: [
                _with_defaults(metadata.tables[name], row) | {"profile": self._profile}
                for row in rows
            ]
            if "profile" in metadata.tables[name].c
            else [_with_defaults(metadata.tables[name], row) for row in rows]
            for name, rows in tables.items()
        }

    def _move_id_counters(self, last_ids: dict[str, int]) -> None:
        if self._conn.dialect.name == "postgresql":
            # Rows written with their ids leave the sequences behind: move each one past
            # the highest id its table ever gave out.
            for table in _backed_up():
                column = _counted_id(table)
                if column is None:
                    continue
                highest = self._conn.execute(select(func.max(column))).scalar()
                target = max(last_ids.get(table.name, 0), int(highest or 0))
                if target:
                    sequence = func.pg_get_serial_sequence(table.name, column.name)
                    self._conn.execute(select(func.setval(sequence, target)))
        if self._conn.dialect.name == "sqlite":
            for name, last in last_ids.items():
                self._conn.execute(
                    _sql("DELETE FROM sqlite_sequence WHERE name = :name"), {"name": name}
                )
                highest = self._conn.execute(select(func.max(metadata.tables[name].c.id))).scalar()
                self._conn.execute(
                    _sql("INSERT INTO sqlite_sequence (name, seq) VALUES (:name, :seq)"),
                    {"name": name, "seq": max(last, int(highest or 0))},
                )

    def _restore_renumbered(self, backup: Backup) -> None:
        """Insert the backup's rows with new ids, parents first, mapping every reference.

        Ids are handed out in the backup's order, so a column that remembers "the highest
        touch id when you snoozed" (``info={"id_of": ...}``) still splits the same rows.
        The database's own facts stay.
        """
        new_ids: dict[str, dict[int, int]] = {}
        for table in _backed_up():
            rows = backup.tables.get(table.name) or []
            if self._theirs(table) is None or not rows:
                continue
            counted = _counted_id(table)
            if counted is not None:
                rows = sorted(rows, key=lambda row: int(row[counted.name]))
            values = [self._renumbered(table, row, new_ids) for row in rows]
            if counted is None:
                self._conn.execute(insert(table), values)
                continue
            for row in values:
                del row[counted.name]
            given = self._conn.execute(
                insert(table).returning(counted, sort_by_parameter_order=True), values
            ).scalars()
            new_ids[table.name] = {
                int(row[counted.name]): int(new) for row, new in zip(rows, given, strict=True)
            }
        self._remap_marks(backup, new_ids)

    @staticmethod
    def _renumbered(
        table: Table, row: dict[str, Any], new_ids: dict[str, dict[int, int]]
    ) -> dict[str, Any]:
        values = dict(row)
        for column in table.columns:
            for key in column.foreign_keys:
                old = values.get(column.name)
                if old is None:
                    continue
                new = new_ids.get(key.column.table.name, {}).get(int(old))
                if new is None:
                    raise BadInput(
                        f"the backup does not hold together ({table.name} row points at "
                        f"{key.column.table.name} {old}, which it does not hold); "
                        "nothing was restored"
                    )
                values[column.name] = new
        return values

    def _remap_marks(self, backup: Backup, new_ids: dict[str, dict[int, int]]) -> None:
        for table in _backed_up():
            counted = _counted_id(table)
            marks = [c for c in table.columns if "id_of" in c.info]
            if counted is None or not marks or table.name not in new_ids:
                continue
            # Both in id order: new ids were handed out in the order of the old ones.
            orders = {c.name: sorted(new_ids.get(c.info["id_of"], {}).items()) for c in marks}
            for row in backup.tables.get(table.name) or []:
                changes = {}
                for column in marks:
                    # The new id of the last row at or before the old mark.
                    order = orders[column.name]
                    at = bisect.bisect_right(order, (int(row[column.name] or 0), 2**63))
                    changes[column.name] = order[at - 1][1] if at else 0
                new_id = new_ids[table.name][int(row[counted.name])]
                self._conn.execute(update(table).where(counted == new_id).values(**changes))

    # applications from a spreadsheet

    def application_keys(self) -> list[tuple[str, str, date]]:
        """(company, role, applied date) of this profile's applications, to skip repeats."""
        rows = self._conn.execute(
            select(applications.c.company, applications.c.role, applications.c.applied_on).where(
                applications.c.profile == self._profile
            )
        )
        return [(r.company, r.role, r.applied_on) for r in rows]

    def add_judged(self, judged: Sequence[tuple[Application, Assessment]]) -> None:
        """Insert new applications with the rules' verdict on each, in one statement."""
        if not judged:
            return
        self._journal.adding_in_bulk()
        rows = []
        names: list[str] = []
        for app, verdict in judged:
            window = verdict.next_contact
            values = application_values(app) | {
                "stage": verdict.stage.value,
                "next_earliest": window.earliest if window else None,
                "next_latest": window.latest if window else None,
                "next_action": window.action.value if window else None,
                "next_reason": window.reason if window else None,
                "waiting": verdict.waiting,
                "profile": self._profile,
            }
            names = names or list(values)
            rows.append(tuple(values.values()))
        self._insert_rows(applications, rows, names)
