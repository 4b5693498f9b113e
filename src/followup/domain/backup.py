"""What a full backup holds: every table's rows, the migrations that shaped them, the id
counters. The file format is ``followup.formats.json_backup``; the tables come from storage,
which describes them with ``ColumnSpec`` so that neither side names a table.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from followup.domain.limits import LONG, TextRule


class Kind(enum.StrEnum):
    """The kinds of value a column holds, as far as the backup is concerned."""

    TEXT = "text"
    INTEGER = "integer"
    DATE = "date"
    BOOLEAN = "boolean"


class Form(enum.StrEnum):
    """Text that has a form of its own, checked (and put in normal form) as the CLI does."""

    PHONE = "phone"
    EMAIL = "email"
    WEB_ADDRESS = "web address"


@dataclass(frozen=True)
class ColumnSpec:
    """A column, and every rule a value read from a backup must pass to be stored in it.

    The rules are the command line's: a restored value is checked like a typed one.
    """

    name: str
    kind: Kind
    required: bool
    # TEXT: its length and characters; never blank; one of these words; a form of its own.
    text: TextRule = LONG
    not_blank: bool = False
    choices: tuple[str, ...] = ()
    form: Form | None = None
    # DATE: refused after today (as the CLI refuses it); not before this column of the row.
    not_future: bool = False
    not_before: str | None = None
    # Set exactly when this other column of the row is (an outcome and its closing date).
    together_with: str | None = None
    # INTEGER: part of the row's key; an id the database hands out (1..MAX_ID); the id of a
    # row of this table in the same backup (a link); an id of this table or 0 (a mark).
    key: bool = False
    counted: bool = False
    references: str | None = None
    mark_of: str | None = None


# Tables in the order they can be filled (a row's parents first), each with its columns.
Schema = Mapping[str, Sequence[ColumnSpec]]
Rows = list[dict[str, Any]]
# One row as a restore carries it: its values in the order of its table's columns.
Row = tuple[Any, ...]


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
