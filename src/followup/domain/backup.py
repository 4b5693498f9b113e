"""What a full backup holds: every table's rows, the migrations that shaped them, the id
counters. The file format is ``followup.formats.json_backup``; the tables come from storage,
which describes them with ``ColumnSpec`` so that neither side names a table.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


class Kind(enum.StrEnum):
    """The kinds of value a column holds, as far as the backup is concerned."""

    TEXT = "text"
    INTEGER = "integer"
    DATE = "date"
    BOOLEAN = "boolean"


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    kind: Kind
    required: bool


# Tables in the order they can be filled (a row's parents first), each with its columns.
Schema = Mapping[str, Sequence[ColumnSpec]]
Rows = list[dict[str, Any]]


@dataclass(frozen=True)
class Backup:
    """Everything in a database: the migrations that shaped it, its rows, its id counters.

    ``last_ids`` is the highest id each table ever gave out, deleted rows included, so
    that a restored database never hands out an old id again (a snooze remembers ids).
    """

    migrations: tuple[str, ...]
    tables: dict[str, Rows]
    last_ids: dict[str, int]

    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.tables.items()}
