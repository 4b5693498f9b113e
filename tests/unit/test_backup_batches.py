"""A restore checks its rows a batch at a time, column by column (issue 17); the answer must
be the careful one's, row by row and value by value: the same values stored, or the same
refusal of the same first bad value in file order.

Rows are generated from the real schema: mostly healthy, with one row in a few spoiled in
one of the ways a hand-edited file is (a wrong value, a missing or unknown column, not an
object), so that both the quick way and its fall-back are compared.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.domain.backup import ColumnSpec, Form, Kind
from followup.errors import BadInput
from followup.formats.backup_checks import TableCheck
from followup.storage.exchange import backup_schema

SCHEMA = backup_schema()
TODAY = date(2025, 6, 11)
JUNK = [None, 0, -1, 2**31, True, 1.5, "", " ", "pigeon", "2025-02-30", "2099-01-01"]
JUNK += ["é", "a\x00b", "x" * 201, "a\nb", [1], {"a": 1}, "\ud800"]


def _good(spec: ColumnSpec) -> st.SearchStrategy[Any]:
    found: st.SearchStrategy[Any]
    if spec.kind is Kind.BOOLEAN:
        found = st.booleans()
    elif spec.kind is Kind.INTEGER:
        found = st.integers(1, 40)
    elif spec.kind is Kind.DATE:
        found = st.dates(date(2024, 12, 1), TODAY).map(date.isoformat)
    elif spec.choices:
        found = st.sampled_from(spec.choices)
    elif spec.form is Form.PHONE:
        found = st.sampled_from(["+16502530000", "555 0100", "+1 555 0100", "+44 20 7946 0958"])
    elif spec.form is Form.EMAIL:
        found = st.sampled_from(["a@b.com", "x@EXAMPLE.com", "Info@acme.com"])
    elif spec.form is Form.WEB_ADDRESS:
        found = st.just("https://acme.com/jobs/1")
    else:
        found = st.text(st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=8)
        found |= st.sampled_from(["Zoë", "a\tb"] if spec.text.multiline else ["Zoë"])
    return found | st.none() if not spec.required else found


@st.composite
def _rows(draw: st.DrawFn, specs: tuple[ColumnSpec, ...]) -> list[object]:
    rows: list[object] = []
    for _ in range(draw(st.integers(0, 8))):
        row: dict[str, Any] = {spec.name: draw(_good(spec)) for spec in specs}
        for spec in specs:
            # Values set together (an outcome and its day) mostly are.
            pair = spec.together_with
            if pair and (row[spec.name] is None) != (row[pair] is None) and draw(st.integers(0, 4)):
                row[spec.name] = row[pair] = None
        spoil = draw(st.integers(0, 24))
        spec = draw(st.sampled_from(specs))
        if spoil == 0:
            row[spec.name] = draw(st.sampled_from(JUNK))
        elif spoil == 1:
            del row[spec.name]
        elif spoil == 2:
            row["strange"] = 1
        elif spoil == 3:
            rows.append([row])
            continue
        rows.append(row)
    return rows


def _careful(table: str, rows: list[object]) -> object:
    check = TableCheck(table, SCHEMA[table], TODAY)
    try:
        return [check.row(n, row) for n, row in enumerate(rows, start=5)]
    except BadInput as exc:
        return exc.message


def _batch(table: str, rows: list[object]) -> object:
    check = TableCheck(table, SCHEMA[table], TODAY)
    try:
        # Twice: the second batch finds its days already read.
        check.rows(5, rows)
        return check.rows(5, rows)
    except BadInput as exc:
        return exc.message


@pytest.mark.parametrize("table", sorted(SCHEMA))
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_a_batch_checked_column_by_column_is_checked_as_row_by_row(
    table: str, data: st.DataObject
) -> None:
    rows = data.draw(_rows(SCHEMA[table]))
    assert _batch(table, rows) == _careful(table, rows)


def test_a_healthy_batch_comes_back_as_tuples_in_the_schema_s_order() -> None:
    check = TableCheck("touches", SCHEMA["touches"], TODAY)
    row = {"id": 1, "application_id": 2, "on_date": "2025-06-01", "via": "call"}
    row |= {"inbound": False, "follow_up_on": None, "note": "left a message"}
    assert check.names == tuple(row)
    assert check.rows(0, [row]) == [(1, 2, date(2025, 6, 1), "call", False, None, "left a message")]
