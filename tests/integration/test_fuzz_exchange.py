"""Any backup or spreadsheet a user can be sent: restored in full, or refused leaving no trace.

Issue 11, "Done means". Hypothesis starts from a valid full backup (every table holds rows)
and a valid CSV, and mutates them: values of every JSON type in any field (enum words of
other fields, dates out of range or in the future, ids near 2**31, 2**53 and 2**63, text
with control characters, lone surrogates and lengths either side of the limits), rows and
keys dropped, duplicated or added, whole tables replaced, the text truncated, numbers of
5,000 digits, nesting 100,000 deep; cells of any text, rows too long or too short, headers
renamed, bytes that are not UTF-8. Each file is restored or imported through the command
line into a fresh SQLite file:

- exit 0, and then ``doctor`` finds nothing and ``due`` works; or
- exit 2 with one ``Error:`` line, and the database file is byte for byte as it was (or
  exit 1 for a backup from a newer followup, which is refused the same way).

Small databases copied from a template and the in-process runner keep each example to a few
milliseconds; the two tests run ``JSON_EXAMPLES + CSV_EXAMPLES`` examples in all.
"""

from __future__ import annotations

import copy
import csv
import io
import itertools
import json
import re
import shutil
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from followup.cli import app
from followup.domain.models import Action, Channel, InterviewKind, Outcome, Stage, Via
from tests.cli.helpers import runner

# The refusal check reads the SQLite file itself.
pytestmark = [pytest.mark.slow]

JSON_EXAMPLES = 200
CSV_EXAMPLES = 150

_TEMPLATES = Path()  # set by the fixture below, once per test run
_numbers = itertools.count()


def _cli(*args: str) -> Any:
    return runner.invoke(app, list(args))


def _ok(*args: str) -> Any:
    result = _cli(*args)
    assert result.exit_code == 0, (args, result.stdout, result.stderr, result.exception)
    return result


@cache
def _templates(folder: Path) -> tuple[Path, Path, dict[str, Any], str]:
    """An empty database, one holding one application, a rich backup and a CSV."""
    folder.mkdir()
    empty, one, rich = folder / "empty.db", folder / "one.db", folder / "rich.db"
    _ok("--db", str(empty), "list")
    _ok("--db", str(one), "add", "Acme", "Analyst", "--applied", "2026-11-18")
    db = ["--db", str(rich)]
    _ok(*db, "add", "Acme", "Data Analyst", "--applied", "2026-11-09", "--phone",
        "+1 650 253 0000", "--email", "jane@acme.example", "--note", "one\ntwo",
        "--url", "https://acme.example/jobs/1", "--pitch", "SQL", "--contact", "Jane")  # fmt: skip
    _ok(*db, "add", "Globex", "QA Lead", "--applied", "2026-11-02", "--do-not-call")
    _ok(*db, "add", "Initech", "Tester", "--applied", "2026-11-20", "--email", "hr@initech.example")
    _ok(*db, "log-call", "1", "--on", "2026-11-16", "--note", "voicemail")
    _ok(*db, "log-call", "1", "--on", "2026-11-17", "--via", "email", "--inbound")
    _ok(*db, "log-call", "3", "--on", "2026-11-24", "--follow-up-on", "2026-12-01")
    _ok(*db, "interview", "1", "--on", "2026-11-19", "--with", "Jane Doe", "--with", "Raj",
        "--next-steps", "panel", "--prefers", "email", "--timeline", "two weeks")  # fmt: skip
    _ok(*db, "interview", "1", "--on", "2026-12-03", "--kind", "second")
    _ok(*db, "snooze", "3", "--until", "2026-12-14")
    _ok(*db, "edit", "1", "--competitor", "Initech", "--market-problem", "stale dashboards")
    _ok(*db, "asked", "1", "What would you fix first?", "--to", "Jane Doe", "--answer", "ETL")
    _ok(*db, "article", "1", "https://news.example/etl", "--title", "ETL in 2027")
    _ok(*db, "close", "2", "--outcome", "rejected", "--on", "2026-11-25")
    _ok(*db, "due")  # settles the profile's verdict version, a fact the backup carries
    # The calendar's id is the database's own fact (followup_meta), made by the first export.
    _ok(*db, "export", "--format", "ics", "-o", str(folder / "calendar.ics"))
    backup = json.loads(_ok(*db, "export", "--format", "json").stdout)
    assert all(backup["tables"].values())
    sheet = _ok(*db, "export", "--format", "csv").stdout
    return empty, one, backup, sheet


@pytest.fixture
def templates(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, Any], str]:
    # Made once for both tests; the autouse fixture has already pinned today and the paths.
    return _templates(tmp_path_factory.getbasetemp() / "fuzz-templates")


def _fresh(template: Path) -> Path:
    copied = template.with_name(f"example-{next(_numbers)}.db")
    shutil.copyfile(template, copied)
    return copied


def _check(database: Path, before: bytes, file: Path) -> int:
    """Import ``file``: whole and working afterwards, or refused leaving the file as it was."""
    result = _cli("--db", str(database), "import", str(file))
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.stderr, result.exception)
    event(f"exit {result.exit_code}")
    if result.exit_code == 0:
        report = _ok("--db", str(database), "doctor").stdout
        assert report.startswith("All checks passed"), report
        # The morning view is what broke after a bad restore (exit 70); test_restore_checks
        # runs every other command after one.
        _ok("--db", str(database), "due")
        return 0
    error = result.stderr
    assert error.startswith("Error: "), error
    assert error.count("\n") == 1, error
    if result.exit_code == 1:
        assert "newer followup" in error, error
    assert database.read_bytes() == before
    return int(result.exit_code)


# --- values --------------------------------------------------------------------------------

_WORDS = sorted(
    {word.value for kind in (Action, Channel, InterviewKind, Outcome, Stage, Via) for word in kind}
    | {"pigeon", "", " ", "competitor", "market_problem", "yes", "no", "ghosted", "offer"}
    | {"2026-11-20", "2026-11-26", "2026-11-27", "9999-12-31", "1899-12-31", "0001-01-01"}
    | {"2026-02-30", "2026-1-5", "20261120", "+1 650 253 0000", "555 0100", "call me"}
    | {"x@example.com", "not an email", "https://news.example/a", "news.example", "Acme"}
)
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INTEGERS = [0, 1, 2, 3, 99, -1, 2**30, 2**30 + 1, 2**31 - 1, 2**31, 2**53, 2**63 - 1, 2**63]
_text = st.text(st.characters(codec=None), max_size=12)
_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.sampled_from(_INTEGERS),
    st.integers(),
    st.floats(),
    st.sampled_from(_WORDS),
    _text,
    st.integers(195, 205).map(lambda n: "x" * n),
    st.integers(9_995, 10_005).map(lambda n: "y\n" * (n // 2)),
)
_value = st.recursive(
    _leaf,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=4,
)


def _plausible(rows: list[dict[str, Any]], key: str) -> st.SearchStrategy[Any]:
    """A value another row has in the same column, or a date moved by a few days: often valid."""
    seen = [row.get(key) for row in rows]
    dates = [date.fromisoformat(v) for v in seen if isinstance(v, str) and _ISO_DAY.fullmatch(v)]
    moved = st.builds(
        lambda day, days: (day + timedelta(days=days)).isoformat(),
        st.sampled_from(dates or [date(2026, 11, 1)]),
        st.integers(-400, 40),
    )
    return st.sampled_from(seen) | moved if dates else st.sampled_from(seen)


def _mutated_backup(data: st.DataObject, document: dict[str, Any]) -> str:
    changed = copy.deepcopy(document)
    tables: dict[str, list[dict[str, Any]]] = changed["tables"]
    for _ in range(data.draw(st.integers(1, 3), label="changes")):
        what = data.draw(
            st.sampled_from(
                ["value"] * 4 + ["plausible"] * 6 + ["drop key", "new key", "copy row", "drop row"]
                + ["table", "ids"]
                + ["top"]
            ),
            label="what",
        )  # fmt: skip
        table = data.draw(st.sampled_from(sorted(tables)), label="table")
        rows = tables[table]
        if what == "table":
            tables[table] = data.draw(_value, label="whole table")
            continue
        if what == "ids":
            ids = changed.get("last_ids")
            if isinstance(ids, dict):  # a "top" change before may have replaced them whole
                ids[table] = data.draw(_value, label="last id")
            continue
        if what == "top":
            key = data.draw(st.sampled_from(sorted(changed)), label="top key")
            changed[key] = data.draw(_value, label="top value")
            continue
        if not isinstance(rows, list) or not rows:
            continue
        index = data.draw(st.integers(0, len(rows) - 1), label="row")
        row = rows[index]
        if not isinstance(row, dict):
            continue
        if what == "copy row":
            rows.append(dict(row))
        elif what == "drop row":
            del rows[index]
        elif what == "new key":
            row[data.draw(_text, label="new key")] = data.draw(_value, label="its value")
        elif row:
            key = data.draw(st.sampled_from(sorted(row)), label="column")
            if what == "drop key":
                del row[key]
            elif what == "plausible":
                row[key] = data.draw(_plausible(document["tables"][table], key), label="value")
            else:
                row[key] = data.draw(_value, label="value")
    text = json.dumps(changed)
    damage = data.draw(st.sampled_from([None] * 12 + ["cut", "digits", "deep"]), label="damage")
    if damage == "cut":
        text = text[: data.draw(st.integers(0, len(text)), label="cut at")]
    elif damage == "digits":
        text = text.replace('"last_ids": {', '"last_ids": {"n": ' + "7" * 5000 + ", ", 1)
    elif damage == "deep":
        text = text.replace(
            '"tables": {', '"deep": ' + "[" * 100_000 + "]" * 100_000 + ', "tables": {'
        )
    return text


@settings(
    max_examples=JSON_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_backup_restores_whole_or_leaves_the_database_as_it_was(
    templates: tuple[Path, Path, dict[str, Any], str], tmp_path: Path, data: st.DataObject
) -> None:
    empty, _, backup, _ = templates
    database = _fresh(empty)
    file = tmp_path / f"backup-{next(_numbers)}.json"
    file.write_text(_mutated_backup(data, backup), encoding="utf-8")
    _check(database, empty.read_bytes(), file)


# --- spreadsheets ----------------------------------------------------------------------------

_cells = st.one_of(
    st.sampled_from(_WORDS), _text, st.integers(195, 205).map(lambda n: "c" * n), st.just("")
)


def _mutated_sheet(data: st.DataObject, sheet: str) -> bytes:
    rows = list(csv.reader(io.StringIO(sheet, newline="")))
    for _ in range(data.draw(st.integers(1, 4), label="changes")):
        what = data.draw(
            st.sampled_from(["cell"] * 5 + ["header", "longer", "shorter", "copy row"]),
            label="what",
        )
        index = data.draw(st.integers(0, len(rows) - 1), label="row")
        row = rows[index]
        if what == "longer":
            row.append(data.draw(_cells, label="extra cell"))
        elif what == "shorter" and row:
            row.pop()
        elif what == "copy row":
            rows.append(list(row))
        elif row:
            at = data.draw(st.integers(0, len(row) - 1), label="column")
            row[at] = data.draw(_cells if what == "cell" else _text, label="cell")
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    # A lone surrogate written as it stands: bytes that are not UTF-8.
    return out.getvalue().encode("utf-8", "surrogatepass")


@settings(
    max_examples=CSV_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_spreadsheet_imports_whole_or_leaves_the_database_as_it_was(
    templates: tuple[Path, Path, dict[str, Any], str], tmp_path: Path, data: st.DataObject
) -> None:
    _, one, _, sheet = templates
    database = _fresh(one)
    file = tmp_path / f"sheet-{next(_numbers)}.csv"
    file.write_bytes(_mutated_sheet(data, sheet))
    _check(database, one.read_bytes(), file)
