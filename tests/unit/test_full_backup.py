"""The full backup's format: written one row to a line, read back with every value checked."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.domain.backup import Backup, ColumnSpec, Kind
from followup.errors import BadInput, Refused
from followup.formats.json_backup import dumps, loads

SCHEMA = {
    "parents": (
        ColumnSpec("id", Kind.INTEGER, required=True),
        ColumnSpec("name", Kind.TEXT, required=True),
        ColumnSpec("born", Kind.DATE, required=False),
        ColumnSpec("keen", Kind.BOOLEAN, required=True),
    ),
    "children": (
        ColumnSpec("id", Kind.INTEGER, required=True),
        ColumnSpec("parent_id", Kind.INTEGER, required=False),
    ),
}
MIGRATIONS = ("001_initial", "002_more")


def _backup(**tables: list[dict[str, object]]) -> Backup:
    full = {"parents": [], "children": []} | tables
    return Backup(MIGRATIONS, full, {"parents": 3})


def _document(backup: Backup) -> dict[str, object]:
    return json.loads(dumps(backup, date(2026, 11, 26), "0.1.0"))  # type: ignore[no-any-return]


_rows = st.lists(
    st.fixed_dictionaries(
        {
            "id": st.integers(1, 2**62),
            "name": st.text(),
            "born": st.none() | st.dates(),
            "keen": st.booleans(),
        }
    ),
    max_size=5,
)


@given(_rows)
def test_what_is_written_reads_back_the_same(parents: list[dict[str, object]]) -> None:
    backup = _backup(parents=parents)
    text = dumps(backup, date(2026, 11, 26), "0.1.0")
    assert loads(text, SCHEMA, MIGRATIONS) == backup


def test_each_row_is_on_a_line_of_its_own() -> None:
    rows = [{"id": n, "name": f"n{n}", "born": None, "keen": False} for n in (1, 2)]
    text = dumps(_backup(parents=rows), date(2026, 11, 26), "0.1.0")
    assert '  {"id": 1, "name": "n1", "born": null, "keen": false},\n' in text
    assert _document(_backup())["format"] == "followup-backup"


def test_a_table_the_backup_leaves_out_restores_as_empty() -> None:
    document = _document(_backup())
    del document["tables"]["children"]  # type: ignore[attr-defined]
    assert loads(json.dumps(document), SCHEMA, MIGRATIONS).tables["children"] == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="other"), "not a followup backup"),
        (lambda d: d.update(migrations="x"), "no list of migrations"),
        (lambda d: d.update(tables=[]), "has no tables"),
        (lambda d: d["tables"].update(strangers=[]), "a table 'strangers' this followup does"),
        (lambda d: d["tables"].update(parents={}), "'parents' is not a list of rows"),
        (lambda d: d["tables"].update(parents=[[1]]), "table 'parents', row 1: not an object"),
        (lambda d: d["tables"].update(parents=[{"id": 1, "keen": True}]), "'name' is missing"),
        (
            lambda d: d["tables"].update(parents=[{"id": 1, "name": "a", "keen": 1}]),
            "'keen' should be boolean",
        ),
        (
            lambda d: d["tables"].update(parents=[{"id": True, "name": "a", "keen": True}]),
            "'id' should be integer",
        ),
        (
            lambda d: d["tables"].update(
                parents=[{"id": 1, "name": "a", "keen": True, "born": "2026-02-30"}]
            ),
            "'born' should be date (YYYY-MM-DD), not '2026-02-30'",
        ),
        (
            lambda d: d["tables"].update(parents=[{"id": 1, "name": "a", "keen": True, "x": 1}]),
            "unknown column 'x'",
        ),
        (lambda d: d.update(last_ids={"parents": "3"}), "bad entry for 'parents'"),
    ],
)
def test_a_damaged_backup_says_where(change: object, message: str) -> None:
    document = _document(_backup())
    change(document)  # type: ignore[operator]
    with pytest.raises(BadInput, match=re.escape(message)):
        loads(json.dumps(document), SCHEMA, MIGRATIONS)


def test_text_that_is_not_json_is_bad_input() -> None:
    with pytest.raises(BadInput, match="the file is not JSON"):
        loads("company,role\n", SCHEMA, MIGRATIONS)


def test_a_backup_from_a_newer_followup_is_refused() -> None:
    newer = _document(_backup())
    newer["migrations"] = [*MIGRATIONS, "003_future"]
    with pytest.raises(Refused, match=r"newer followup .*'003_future'"):
        loads(json.dumps(newer), SCHEMA, MIGRATIONS)
    newer = _document(_backup())
    newer["format_version"] = 99
    with pytest.raises(Refused, match="format 99"):
        loads(json.dumps(newer), SCHEMA, MIGRATIONS)
