"""The full backup's format: written one row to a line, read back with every value checked."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.domain.backup import Backup, ColumnSpec, Kind
from followup.domain.limits import MAX_ID, NAME
from followup.errors import BadInput, Refused
from followup.formats.json_backup import dumps, loads

SCHEMA = {
    "parents": (
        ColumnSpec("id", Kind.INTEGER, required=True, key=True, counted=True),
        ColumnSpec("name", Kind.TEXT, required=True, text=NAME),
        ColumnSpec("born", Kind.DATE, required=False),
        ColumnSpec("keen", Kind.BOOLEAN, required=True),
    ),
    "children": (
        ColumnSpec("id", Kind.INTEGER, required=True, key=True, counted=True),
        ColumnSpec("parent_id", Kind.INTEGER, required=True, references="parents"),
    ),
}
MIGRATIONS = ("001_initial", "002_more")
TODAY = date(2026, 11, 26)


def _backup(**tables: list[dict[str, object]]) -> Backup:
    full = {"parents": [], "children": []} | tables
    return Backup(MIGRATIONS, full, {"parents": 3})


def _document(backup: Backup) -> dict[str, object]:
    return json.loads(dumps(backup, date(2026, 11, 26), "0.1.0"))  # type: ignore[no-any-return]


_rows = st.lists(
    st.fixed_dictionaries(
        {
            "id": st.integers(1, MAX_ID),
            "name": st.text(
                st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=200
            ).filter(str.strip),
            "born": st.none() | st.dates(date(1900, 1, 1), date(2999, 12, 31)),
            "keen": st.booleans(),
        }
    ),
    max_size=5,
    unique_by=lambda row: row["id"],
)


@given(_rows)
def test_what_is_written_reads_back_the_same(parents: list[dict[str, object]]) -> None:
    backup = _backup(parents=parents)
    text = dumps(backup, date(2026, 11, 26), "0.1.0")
    assert loads(text, SCHEMA, MIGRATIONS, TODAY) == backup


def test_each_row_is_on_a_line_of_its_own() -> None:
    rows = [{"id": n, "name": f"n{n}", "born": None, "keen": False} for n in (1, 2)]
    text = dumps(_backup(parents=rows), date(2026, 11, 26), "0.1.0")
    assert '  {"id": 1, "name": "n1", "born": null, "keen": false},\n' in text
    assert _document(_backup())["format"] == "followup-backup"


def test_a_table_the_backup_leaves_out_restores_as_empty() -> None:
    document = _document(_backup())
    del document["tables"]["children"]  # type: ignore[attr-defined]
    assert loads(json.dumps(document), SCHEMA, MIGRATIONS, TODAY).tables["children"] == []


def _parent(number: int, **values: object) -> dict[str, object]:
    return {"id": number, "name": "a", "keen": True} | values


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="other"), "not a followup backup"),
        (lambda d: d.update(migrations="x"), "no list of migrations"),
        (lambda d: d.update(tables=[]), "has no tables"),
        (lambda d: d["tables"].update(strangers=[]), "a table 'strangers' this followup does"),
        (lambda d: d["tables"].update(parents={}), "'parents' is not a list of rows"),
        (lambda d: d["tables"].update(parents=[[1]]), "parents[0]: not an object"),
        (
            lambda d: d["tables"].update(parents=[{"id": 1, "keen": True}]),
            "parents[0].name: missing",
        ),
        (
            lambda d: d["tables"].update(parents=[{"id": 1, "name": "a", "keen": 1}]),
            "parents[0].keen: should be boolean",
        ),
        (
            lambda d: d["tables"].update(parents=[{"id": True, "name": "a", "keen": True}]),
            "parents[0].id: should be integer",
        ),
        (
            lambda d: d["tables"].update(
                parents=[{"id": 1, "name": "a", "keen": True, "born": "2026-02-30"}]
            ),
            "parents[0].born: '2026-02-30' is not a real date in the form YYYY-MM-DD",
        ),
        (
            lambda d: d["tables"].update(parents=[{"id": 1, "name": "a", "keen": True, "x": 1}]),
            "parents[0]: unknown column 'x'",
        ),
        (lambda d: d.update(last_ids={"parents": "3"}), "last_ids.parents: should be integer"),
        (
            lambda d: d.update(last_ids={"parents": 2**63 - 5}),
            "last_ids.parents: 9223372036854775803 is not a count of ids followup keeps "
            "(0 to 1,073,741,824)",
        ),
        (
            lambda d: d.update(last_ids={"strangers": 1}),
            "last_ids: 'strangers' is not a table that counts its ids",
        ),
        (
            lambda d: d["tables"].update(parents=[_parent(1), _parent(1)]),
            "parents[1]: its id is that of parents[0] too; each row needs its own",
        ),
        (
            lambda d: d["tables"].update(parents=[_parent(0)]),
            "parents[0].id: 0 is not an id followup keeps (1 to 1,073,741,824)",
        ),
        (
            lambda d: d["tables"].update(parents=[_parent(2**53)]),
            "parents[0].id: 9007199254740992 is not an id followup keeps",
        ),
        (
            lambda d: d["tables"].update(
                parents=[_parent(1)], children=[{"id": 1, "parent_id": 2}]
            ),
            "children[0].parent_id: 2 is not the id of any row of parents in the backup",
        ),
        (
            lambda d: d["tables"].update(parents=[_parent(1, name="a" * 201)]),
            "parents[0].name: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' is too long "
            "(201 characters; at most 200 fit)",
        ),
        (
            lambda d: d["tables"].update(parents=[_parent(1, name="Acme\x00")]),
            "parents[0].name: 'Acme\\x00' holds a control character (\\x00)",
        ),
        (
            lambda d: d["tables"].update(parents=[_parent(1, name="\ud800")]),
            "parents[0].name: '\\ud800' is not UTF-8 text (it holds a lone surrogate, \\ud800)",
        ),
        (
            lambda d: d["tables"].update(parents=[_parent(1, born="9999-12-31")]),
            "parents[0].born: 9999-12-31 is not between 1900 and 2999",
        ),
        (
            lambda d: d["tables"].update(parents=[_parent(1, born="2026-W47-4")]),
            "parents[0].born: '2026-W47-4' is not a real date in the form YYYY-MM-DD",
        ),
        (
            lambda d: d["tables"].update(parents=[_parent(1, born="2026-1-01")]),
            "parents[0].born: '2026-1-01' is not a real date in the form YYYY-MM-DD",
        ),
    ],
)
def test_a_damaged_backup_says_where(change: object, message: str) -> None:
    document = _document(_backup())
    change(document)  # type: ignore[operator]
    with pytest.raises(BadInput, match=re.escape(message)):
        loads(json.dumps(document), SCHEMA, MIGRATIONS, TODAY)


def test_text_that_is_not_json_is_bad_input() -> None:
    with pytest.raises(BadInput, match="the file is not JSON"):
        loads("company,role\n", SCHEMA, MIGRATIONS, TODAY)


def test_a_backup_from_a_newer_followup_is_refused() -> None:
    newer = _document(_backup())
    newer["migrations"] = [*MIGRATIONS, "003_future"]
    with pytest.raises(Refused, match=r"newer followup .*'003_future'"):
        loads(json.dumps(newer), SCHEMA, MIGRATIONS, TODAY)
    newer = _document(_backup())
    newer["format_version"] = 99
    with pytest.raises(Refused, match="format 99"):
        loads(json.dumps(newer), SCHEMA, MIGRATIONS, TODAY)
