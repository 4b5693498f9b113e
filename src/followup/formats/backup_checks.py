"""The checks a restored value passes, made once per column and run on every row.

Split from ``json_backup`` (which reads the file) so that each module stays one topic. A
million rows take a million calls of each check, so the work that does not depend on the
value (which rule, which words, which limit) is done once per column here, dates already
read are remembered, and the place in the file is spelled out only when a value is
refused. The rules and messages are the command line's (docs/import-export.md).

``TableCheck`` checks a batch of rows column by column first (``set(map(type, ...))``,
``min``/``max``, one ``isprintable`` over a column's text joined: loops in C rather than a
Python call per value, issue 17); any batch it cannot vouch for whole is checked again row
by row, value by value, which is what names the first refused value in file order. So the
quick way only ever says yes where the careful way says the same yes.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from operator import itemgetter
from typing import Any

from followup.domain.backup import ColumnSpec, Form, Kind, Row, Schema
from followup.domain.contact_details import normalise_email, normalise_phone
from followup.domain.dates import FIRST_YEAR, LAST_YEAR
from followup.domain.limits import MAX_ID, text_problem, web_address_problem
from followup.errors import BadInput

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class Bad(Exception):
    """A value refused: the words that follow its place in the file."""


Check = Callable[[object], object]


def shown(value: str) -> str:
    """A value for a message: quoted, escaped, and short."""
    return repr(value if len(value) <= 40 else value[:37] + "...")


def column_check(spec: ColumnSpec, today: date, seen: dict[str, date] | None = None) -> Check:
    """The check of one column: the value as stored, or ``Bad``. A date column remembers
    the days it has read in ``seen`` (given, so that a batch can look them up itself)."""
    kind: Check
    if spec.kind is Kind.BOOLEAN:
        kind = _boolean
    elif spec.kind is Kind.INTEGER:
        kind = _integer(spec)
    elif spec.kind is Kind.DATE:
        kind = _date(spec, today, {} if seen is None else seen)
    else:
        kind = _text(spec)
    required = spec.required

    def check(value: object) -> object:
        if value is None:
            if required:
                raise Bad("missing")
            return None
        return kind(value)

    return check


def _boolean(value: object) -> object:
    if not isinstance(value, bool):
        raise Bad("should be boolean")
    return value


def _integer(spec: ColumnSpec) -> Check:
    lowest = 1 if spec.counted or spec.references else 0
    what = "an id" if lowest else "a number"

    def check(value: object) -> object:
        if not isinstance(value, int) or isinstance(value, bool):
            raise Bad("should be integer")
        if not lowest <= value <= MAX_ID:
            raise Bad(f"{value} is not {what} followup keeps ({lowest} to {MAX_ID:,})")
        return value

    return check


def _date(spec: ColumnSpec, today: date, seen: dict[str, date]) -> Check:
    # A history repeats the same few hundred days: each is read and checked once.
    def check(value: object) -> object:
        if not isinstance(value, str):
            raise Bad("should be date")
        found = seen.get(value)
        if found is None:
            found = seen[value] = _day(value, spec, today)
        return found

    return check


def _day(value: str, spec: ColumnSpec, today: date) -> date:
    try:
        # fromisoformat alone would also take week dates (2026-W47-4) and other forms.
        day = date.fromisoformat(value) if _ISO_DAY.fullmatch(value) else None
    except ValueError:
        day = None
    if day is None:
        raise Bad(f"{shown(value)} is not a real date in the form YYYY-MM-DD")
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise Bad(f"{day} is not between {FIRST_YEAR} and {LAST_YEAR}")
    if spec.not_future and day > today:
        raise Bad(f"{day} is in the future (today is {today})")
    return day


def _text(spec: ColumnSpec) -> Check:
    choices = frozenset(spec.choices)
    listed = ", ".join(spec.choices)

    def check(value: object) -> object:
        if not isinstance(value, str):
            raise Bad("should be text")
        if choices and value not in choices:
            raise Bad(f"{shown(value)} is not one of {listed}")
        problem = text_problem(value, spec.text)
        if problem is not None:
            raise Bad(f"{shown(value)} {problem}")
        if spec.not_blank and not value.strip():
            raise Bad("empty")
        try:
            if spec.form is Form.PHONE:
                return normalise_phone(value)
            if spec.form is Form.EMAIL:
                return normalise_email(value)
        except BadInput as exc:
            raise Bad(exc.message) from None
        if spec.form is Form.WEB_ADDRESS:
            found = web_address_problem(value)
            if found is not None:
                raise Bad(found)
        return value

    return check


def between_columns(columns: Sequence[ColumnSpec]) -> list[ColumnSpec]:
    """The columns with a rule that involves another column of the row (``row_problem``)."""
    return [c for c in columns if c.together_with is not None or c.not_before is not None]


def row_problem(values: Mapping[str, Any], columns: Sequence[ColumnSpec], where: str) -> None:
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


_NONE = type(None)


class TableCheck:
    """Every check of one table, made once: ``rows`` checks a batch of rows from the file
    and gives them back as tuples, in the order of ``names`` (the schema's)."""

    def __init__(self, table: str, columns: Sequence[ColumnSpec], today: date) -> None:
        self.table = table
        self.names = tuple(c.name for c in columns)
        self._known = frozenset(self.names)
        self._checks: list[tuple[str, Check, Callable[[Sequence[Any]], Sequence[Any] | None]]] = []
        for spec in columns:
            seen: dict[str, date] = {}
            check = column_check(spec, today, seen)
            self._checks.append((spec.name, check, _quick(spec, seen)))
        self._between = between_columns(columns)
        self._position = {name: n for n, name in enumerate(self.names)}

    def rows(self, first: int, rows: Sequence[object]) -> list[Row]:
        """``rows`` (the first is row number ``first`` of the table) checked, or ``BadInput``
        naming the first refused value in file order."""
        quick = self._quickly(rows)
        if quick is not None:
            return quick
        return [self.row(first + n, row) for n, row in enumerate(rows)]

    def row(self, number: int, row: object) -> Row:
        """One row checked value by value: the careful way, and the one that words refusals."""
        where = f"{self.table}[{number}]"
        if not isinstance(row, dict):
            raise BadInput(f"{where}: not an object")
        if not self._known.issuperset(row):
            extra = sorted(set(row) - self._known)
            raise BadInput(f"{where}: unknown column {shown(extra[0])}")
        values: dict[str, Any] = {}
        for name, check, _ in self._checks:
            try:
                values[name] = check(row.get(name))
            except Bad as exc:
                raise BadInput(f"{where}.{name}: {exc}") from None
        if self._between:
            row_problem(values, self._between, where)
        return tuple(values.values())

    def _quickly(self, rows: Sequence[object]) -> list[Row] | None:
        """The batch checked column by column, or None when any value in it may be refused
        (then ``row``, row by row, says which)."""
        if not rows or set(map(type, rows)) != {dict}:
            return None
        objects: Sequence[dict[str, Any]] = rows  # type: ignore[assignment]
        if not self._known.issuperset(set().union(*objects)):
            return None
        columns: list[Sequence[Any]] = []
        for (_, check, quick), values in zip(self._checks, self._columns(objects), strict=True):
            checked = quick(values)
            if checked is None:
                try:
                    checked = [check(value) for value in values]
                except Bad:
                    return None
            columns.append(checked)
        if not self._between_hold(columns):
            return None
        return list(zip(*columns, strict=True))

    def _columns(self, rows: Sequence[dict[str, Any]]) -> list[Sequence[Any]]:
        """Each column's values, a row at a time in C when every row has every column."""
        if len(self.names) > 1:
            try:
                return list(zip(*map(itemgetter(*self.names), rows), strict=True))
            except KeyError:
                pass  # a column left out (None), as a backup from before it was added
        return [[row.get(name) for row in rows] for name in self.names]

    def _between_hold(self, columns: list[Sequence[Any]]) -> bool:
        """``row_problem``'s rules over whole columns: True when no row breaks one."""
        for spec in self._between:
            values = columns[self._position[spec.name]]
            if spec.together_with is not None:
                other = columns[self._position[spec.together_with]]
                if any((a is None) != (b is None) for a, b in zip(values, other, strict=True)):
                    return False
            if spec.not_before is not None:
                earlier = columns[self._position[spec.not_before]]
                pairs = zip(values, earlier, strict=True)
                if any(a is not None and b is not None and a < b for a, b in pairs):
                    return False
        return True


def _quick(
    spec: ColumnSpec, seen: Mapping[str, date]
) -> Callable[[Sequence[Any]], Sequence[Any] | None]:
    """A column's check over a whole batch of its values, for the values every row of a
    healthy backup has: the batch as stored, or None to check it value by value. It says
    yes only where ``column_check`` says yes to every value and leaves each as it is."""
    allowed: set[type] = {_NONE} if not spec.required else set()
    lowest = 1 if spec.counted or spec.references else 0
    choices = frozenset(spec.choices)
    limit = spec.text.limit

    def present(values: Sequence[Any]) -> Sequence[Any] | None:
        types = set(map(type, values))
        if not types <= allowed:
            return None
        return [v for v in values if v is not None] if _NONE in types else values

    def boolean(values: Sequence[Any]) -> Sequence[Any] | None:
        return values if present(values) is not None else None

    def integer(values: Sequence[Any]) -> Sequence[Any] | None:
        numbers = present(values)
        if numbers is None:
            return None
        if numbers and (min(numbers) < lowest or max(numbers) > MAX_ID):
            return None
        return values

    def day(values: Sequence[Any]) -> Sequence[Any] | None:
        # The days already read and checked (a new one, or anything but text, goes through
        # the check itself); ``seen`` holds text keys only, so a missing value is a KeyError.
        try:
            if spec.required:
                return list(map(seen.__getitem__, values))
            return [None if value is None else seen[value] for value in values]
        except (KeyError, TypeError):
            return None

    def text(values: Sequence[Any]) -> Sequence[Any] | None:
        texts = present(values)
        if texts is None or spec.form is not None:
            return None
        if not texts:
            return values
        if choices and not choices.issuperset(texts):
            return None
        # Printable ASCII, as text_problem's own quick test, over the column at once.
        joined = "".join(texts)
        if not (joined.isascii() and joined.isprintable()) or max(map(len, texts)) > limit:
            return None
        if spec.not_blank and not all(map(str.strip, texts)):
            return None
        return values

    if spec.kind is Kind.BOOLEAN:
        allowed.add(bool)
        return boolean
    if spec.kind is Kind.INTEGER:
        allowed.add(int)
        return integer
    if spec.kind is Kind.DATE:
        return day
    allowed.add(str)
    return text


class Keys:
    """Each row's key is its own, and every link points at a row of the same backup.

    Kept as the rows go by, judged at the end (a link may point at a table further on in
    the file). A table's single-number keys go into an array (8 bytes a row: a million
    touches take 8 MB, not the 100 MB of a dictionary); what a link points at, once per
    value, with the first row that points at it.
    """

    def __init__(self, schema: Schema) -> None:
        self._schema = schema
        self._key_columns = {t: [c.name for c in cols if c.key] for t, cols in schema.items()}
        self._numbers: dict[str, array[int]] = {}
        self._other: dict[str, dict[tuple[object, ...], int]] = {}
        self._first_duplicate: dict[str, tuple[int, int]] = {}
        self._links: dict[tuple[str, str], tuple[str, dict[object, int]]] = {
            (t, c.name): (c.references, {})
            for t, cols in schema.items()
            for c in cols
            if c.references is not None
        }
        self._links_of: dict[str, list[tuple[str, dict[object, int]]]] = {t: [] for t in schema}
        for (linking, column), (_, pointed) in self._links.items():
            self._links_of[linking].append((column, pointed))
        self._counted = {
            t: next((c.name for c in cols if c.counted), None) for t, cols in schema.items()
        }
        self._columns = {t: {c.name: n for n, c in enumerate(cols)} for t, cols in schema.items()}
        # A single key column of numbers goes into the array; any other key into a dict.
        self._number_keyed = {
            t: [c.kind for c in cols if c.key] == [Kind.INTEGER] for t, cols in schema.items()
        }

    def add(self, table: str, first: int, rows: Sequence[Row]) -> None:
        """A batch of checked rows (as ``TableCheck`` gives them), the first being row
        number ``first`` of the table."""
        columns = self._columns[table]
        keys = [columns[name] for name in self._key_columns[table]]
        if len(keys) == 1 and self._number_keyed[table]:
            self._numbers.setdefault(table, array("q")).extend(map(itemgetter(keys[0]), rows))
        elif keys:
            seen = self._other.setdefault(table, {})
            for number, row in enumerate(rows, start=first):
                key = tuple(row[n] for n in keys)
                if key in seen and table not in self._first_duplicate:
                    self._first_duplicate[table] = (number, seen[key])
                seen.setdefault(key, number)
        for column, pointed in self._links_of[table]:
            for number, value in enumerate(map(itemgetter(columns[column]), rows), start=first):
                if value not in pointed:
                    pointed[value] = number

    def check(self) -> None:
        """``BadInput`` for the first table (in the schema's order) with a repeated key, then
        for the first link to a row that is not there."""
        for table in self._schema:
            keys = self._key_columns[table]
            found = self._first_duplicate.get(table) or self._repeated(table)
            if found is not None:
                number, first = found
                raise BadInput(
                    f"{table}[{number}]: its {', '.join(keys)} is that of {table}[{first}] too; "
                    "each row needs its own"
                )
        ids = {
            table: set(self._numbers.get(table, ()))
            for table in {target for target, _ in self._links.values()}
            if self._counted.get(table) is not None
        }
        for (table, column), (target, pointed) in self._links.items():
            present = ids.get(target, set())
            for value, number in pointed.items():
                if value not in present:
                    raise BadInput(
                        f"{table}[{number}].{column}: {value} is not the id of any row of "
                        f"{target} in the backup"
                    )

    def _repeated(self, table: str) -> tuple[int, int] | None:
        numbers = self._numbers.get(table)
        if numbers is None or len(set(numbers)) == len(numbers):
            return None
        first: dict[int, int] = {}
        for number, key in enumerate(numbers):
            if key in first:
                return number, first[key]
            first[key] = number
        return None
