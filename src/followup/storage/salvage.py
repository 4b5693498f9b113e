"""Copying what can still be read out of a damaged SQLite database (``doctor --salvage``).

SQLite stores each table as a B-tree of pages. A damaged page makes every query that
walks through it fail, so a plain ``SELECT *`` loses the whole table. Here each table is
read in rowid order until the walk fails, then the first rowid the tree can still be
entered at beyond the damage is searched for (doubling, then halving), and the walk goes
on from there: one bad page costs the rows on it, not the table. A table's indexes are
separate trees; when one of them can be read it lists every rowid the table had, which
both finds rows the walk skipped and says exactly how many were lost.

The rows go, through the current schema, into a fresh database made by the migrations,
one by one: a row whose parent was lost (a touch of a lost application) is refused by
the foreign keys and counted as lost too.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Table

from followup.errors import DamagedDatabase, NotFound, Refused
from followup.storage.engine import on_server, open_database, sqlite_path
from followup.storage.files import (
    check_replaceable,
    companions,
    prepare_sqlite_file,
    private_partial,
    publish,
)
from followup.storage.migrations import MIGRATIONS_TABLE
from followup.storage.schema import metadata
from followup.storage.sqlite_file import is_damage, read_only_uri

_LAST_ROWID = 2**63 - 1
_FIRST_ROWID = -(2**63)
# How many times a walk may pick up again past damage before the table is given up.
_RESTARTS = 10_000


@dataclass(frozen=True)
class TableSalvage:
    """One table's rows: how many were copied, and how many could not be."""

    table: str
    saved: int
    lost: int
    # Some rows could not be read and no index could count them: ``lost`` is a floor.
    lost_unknown: bool = False


@dataclass(frozen=True)
class Salvaged:
    target: Path
    tables: tuple[TableSalvage, ...]


def salvage(location: str, target: Path) -> Salvaged:
    """Copy every readable row of the SQLite database at ``location`` into a new file.

    The copy is written beside ``target`` and renamed when complete.
    """
    path = sqlite_path(location)
    if on_server(location) or path is None:
        raise Refused("--salvage copies SQLite files; a PostgreSQL server repairs its own")
    if not path.is_file():
        raise NotFound(f"there is no database at {path}")
    prepare_sqlite_file(path)  # refuses a file that is not SQLite at all
    target = target.expanduser()
    check_replaceable(target, path, force=False)
    partial = private_partial(target)
    try:
        open_database(str(partial)).dispose()
        source = sqlite3.connect(read_only_uri(path), uri=True)
        # Lets SQLite read a file shorter than its header says (a truncated copy) instead of
        # refusing it whole; on a read-only connection it changes nothing.
        source.execute("PRAGMA writable_schema = ON")
        copy = sqlite3.connect(partial, isolation_level=None)
        try:
            copy.execute("PRAGMA foreign_keys = ON")
            copy.execute("BEGIN IMMEDIATE")
            tables = tuple(_copy_all(source, copy, path))
            # Rows they were worked out from may be lost: the next command works them out again.
            copy.execute("UPDATE profiles SET rules_version = NULL")
            _carry_id_counters(source, copy)
            copy.execute("COMMIT")
            # One self-contained file, so that renaming it moves everything.
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
            source.close()
        publish(partial, target, replace=False)
    except BaseException:
        for leftover in companions(partial):
            leftover.unlink(missing_ok=True)
        raise
    return Salvaged(target, tables)


def _copy_all(
    source: sqlite3.Connection, copy: sqlite3.Connection, path: Path
) -> Iterable[TableSalvage]:
    try:
        source.execute("SELECT name, rootpage FROM sqlite_master").fetchall()
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise
        raise DamagedDatabase(
            f"the damage to {path} reaches SQLite's list of its tables, so no table can be "
            "found in it; nothing was saved (sqlite3's '.recover' command reads the pages "
            "one by one and may still find some rows)"
        ) from None
    # Parents before children, so that each row's foreign keys can be checked as it goes in.
    for table in metadata.sorted_tables:
        if table.name == MIGRATIONS_TABLE:
            continue  # the copy has its own, from the migrations that made it
        yield _copy_table(source, copy, table)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _copy_table(source: sqlite3.Connection, copy: sqlite3.Connection, table: Table) -> TableSalvage:
    theirs = {r[1] for r in source.execute(f"PRAGMA table_info({_quoted(table.name)})")}
    if not theirs:
        return TableSalvage(table.name, 0, 0)  # an older database without this table
    # The columns both have: an older file may lack the newest ones, which have defaults.
    columns = [c.name for c in table.columns if c.name in theirs]
    names = ", ".join(_quoted(c) for c in columns)
    select = f"SELECT rowid, {names} FROM {_quoted(table.name)}"
    insert = f"INSERT INTO {_quoted(table.name)} ({names}) VALUES ({', '.join('?' * len(columns))})"
    seen: set[int] = set()
    saved: set[int] = set()

    def keep(row: tuple[Any, ...]) -> None:
        seen.add(int(row[0]))
        if any(isinstance(value, str) and "\x00" in value for value in row):
            # Text that ran on into a page past the end of a cut-off file, which SQLite
            # reads as zeros: followup never stores NUL, so the row is garbled, not saved.
            return
        try:
            copy.execute(insert, row[1:])
        except sqlite3.IntegrityError:
            return  # its parent was lost, or the damage garbled it past our checks
        saved.add(int(row[0]))

    walk_failed = False
    start: int | None = _FIRST_ROWID
    for _ in range(_RESTARTS):
        if start is None:
            break
        after = floor = start
        start = None
        try:
            for row in source.execute(f"{select} WHERE rowid > ? ORDER BY rowid", (after,)):
                if int(row[0]) <= after:
                    # A damaged tree can lead the walk back to pages it has read: a loop.
                    raise sqlite3.DatabaseError("database disk image is malformed")
                keep(row)
                after = int(row[0])
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise
            walk_failed = True
            # Always onward from where this walk began, so that the walks end.
            start = _next_entry(source, select, max(after, floor))
    else:
        walk_failed = True  # too damaged to walk to the end; the indexes may still help
    listed = _rowids_from_indexes(source, table.name)
    if listed is None:
        refused = len(seen - saved)
        return TableSalvage(table.name, len(saved), refused, lost_unknown=walk_failed)
    for rowid in sorted(listed - seen):
        try:
            found = source.execute(f"{select} WHERE rowid = ?", (rowid,)).fetchone()
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise
            continue
        if found is not None:
            keep(found)
    # Counted against the index, so that a garbled row that was never there counts for nothing.
    return TableSalvage(table.name, len(saved & listed), len(listed - saved))


def _enters(source: sqlite3.Connection, select: str, after: int) -> bool:
    """Whether the first row beyond rowid ``after`` can be read whole (its text may sit
    on overflow pages of its own, which can be damaged while the tree is not)."""
    try:
        source.execute(f"{select} WHERE rowid > ? ORDER BY rowid LIMIT 1", (after,)).fetchone()
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise
        return False
    return True


def _next_entry(source: sqlite3.Connection, select: str, failed_after: int) -> int | None:
    """The smallest rowid beyond a damaged stretch from which the table reads again."""
    low, step = failed_after, 1
    high = failed_after + step
    while not _enters(source, select, high):
        if high >= _LAST_ROWID:
            return None  # damaged to the end of the table
        low, step = high, step * 2
        high = min(failed_after + step, _LAST_ROWID)
    # The damage lies beyond ``low`` and ends by ``high``: find where, halving the gap.
    while high - low > 1:
        middle = (low + high) // 2
        if _enters(source, select, middle):
            high = middle
        else:
            low = middle
    return high


def _rowids_from_indexes(source: sqlite3.Connection, table: str) -> set[int] | None:
    """Every rowid the table holds, read from the first of its indexes that can be read."""
    try:
        indexes = source.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", (table,)
        ).fetchall()
    except sqlite3.DatabaseError:
        return None
    for name, sql in indexes:
        if sql is not None and " where " in str(sql).lower():
            continue  # a partial index lists only some rows
        try:
            return {
                int(r[0])
                for r in source.execute(
                    f"SELECT rowid FROM {_quoted(table)} INDEXED BY {_quoted(name)}"
                )
            }
        except sqlite3.DatabaseError:
            continue  # damaged too, or SQLite cannot walk it alone: try the next
    return None


def _carry_id_counters(source: sqlite3.Connection, copy: sqlite3.Connection) -> None:
    """Keep the ids of lost rows unused: a new application must never take a lost one's id."""
    try:
        counters = source.execute("SELECT name, seq FROM sqlite_sequence").fetchall()
    except sqlite3.DatabaseError:
        return
    for name, seq in counters:
        done = copy.execute(
            "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?", (seq, name)
        )
        if done.rowcount == 0:
            copy.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (name, seq))
