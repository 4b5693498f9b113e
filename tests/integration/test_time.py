"""Time (issue 5, promise 8): the rules never read the clock, and windows stay on business days.

A job search is run through the whole CLI while ``FOLLOWUP_TODAY`` walks across year ends,
the leap day of 2028 and a Sunday. Every step types its dates relative to that day ("-3d",
"+7d", "today"), the way a user does. After each step every window that ``list --all`` and
``due`` show must open and close on a business day, in the right order.
"""

from __future__ import annotations

import ast
import json
import shlex
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import followup
from followup.cli import app
from followup.domain.dates import is_business_day

pytestmark = pytest.mark.slow

runner = CliRunner()

# Year ends, the leap day of 2028 and the days either side of it, and a Sunday (the one
# before that leap day, so a weekend and the leap day fall in one scenario).
ANCHORS = [
    date(2026, 12, 31),
    date(2027, 1, 1),
    date(2027, 12, 31),
    date(2028, 2, 27),
    date(2028, 2, 28),
    date(2028, 2, 29),
    date(2028, 3, 1),
]

# (the day it is typed, relative to the anchor; the command as typed in a shell).
# Application 1 has a phone, 2 an email, 3 a phone and a posting that said not to call.
SCENARIO: list[tuple[int, str]] = [
    (-30, 'add Acme "Data Analyst" --applied -2d --contact "Jane Doe" --phone "+1 555 0100"'),
    (-30, "add Globex Engineer --applied -1d --email kim@globex.test"),
    (-29, 'add Initech Tester --applied today --phone "555 0199" --do-not-call'),
    (-24, "log-call 1"),
    (-23, "log-call 2 --via email"),
    (-21, "log-call 1 --inbound --via email --on yesterday"),
    (-20, "log-call 1 --via email"),
    (-19, 'interview 1 --on +4d --with "Jane Doe" --kind phone-screen'),
    (-15, 'log-call 1 --via email --note "thank you"'),
    (-15, 'debrief 1 --next-steps "panel next" --timeline "two weeks" --prefers email'),
    (-14, 'interview 2 --on -1d --with "Kim Lee" --follow-up-on +6d'),
    (-12, "log-call 3 --inbound --via email"),
    (-9, "log-call 2 --via voicemail"),
    (-6, "snooze 1 --until +9d"),
    (-3, "log-call 2 --inbound --via call --follow-up-on +5d"),
    (-2, "interview 3 --on -1d --with Sam"),
    (-1, "debrief 3 --prefers call"),
    (0, "log-call 1 --via email --on -2d"),
    (0, 'interview 2 --on +2d --kind second --with "Ali Chen"'),
    (1, "log-call 3 --via no-answer"),
    (2, 'debrief 2 --next-steps "offer call" --follow-up-on +3d'),
    (3, "close 3 --outcome withdrawn"),
    (4, "log-call 1 --inbound --follow-up-on +1d"),
    (5, "close 2 --outcome rejected --on -1d"),
    (5, 'log-call 2 --via email --note "thanks for the time"'),
    (6, "snooze 1 --until +20d"),
]


def cli(today: date, *args: str) -> Any:
    result = runner.invoke(app, list(args), env={"FOLLOWUP_TODAY": today.isoformat()})
    assert result.exit_code == 0, (
        f"{today} ({today:%A}): followup {' '.join(args)} exited {result.exit_code}\n"
        f"{result.stdout}\n{result.stderr}\n{result.exception!r}"
    )
    return result


def windows(today: date) -> list[tuple[str, str, str, str]]:
    """(where, action, earliest, latest) of every window list --all and due show."""
    found = []
    for app_ in json.loads(cli(today, "list", "--all", "--json").stdout):
        nxt = app_["next_contact"]
        if nxt is not None:
            found.append((f"list #{app_['id']}", nxt["action"], nxt["earliest"], nxt["latest"]))
    due = json.loads(cli(today, "due", "--ahead", "30", "--json").stdout)
    for item in due["items"]:
        found.append((f"due #{item['id']}", item["action"], item["earliest"], item["latest"]))
    return found


def check_windows(today: date, after: str) -> int:
    checked = 0
    for where, action, earliest_text, latest_text in windows(today):
        earliest, latest = date.fromisoformat(earliest_text), date.fromisoformat(latest_text)
        context = f"today {today} ({today:%a}), after {after!r}: {where} {earliest}..{latest}"
        assert earliest <= latest, context
        if action == "interview":
            # An interview item is the interview itself, on whatever day it was set.
            continue
        assert is_business_day(earliest), f"{context} starts on a {earliest:%A}"
        assert is_business_day(latest), f"{context} ends on a {latest:%A}"
        checked += 1
    return checked


@pytest.mark.parametrize("anchor", ANCHORS, ids=lambda d: f"{d}-{d:%a}")
def test_a_job_search_across_the_calendars_edges_keeps_windows_on_business_days(
    anchor: date,
) -> None:
    checked = 0
    for offset, command in SCENARIO:
        today = anchor + timedelta(days=offset)
        cli(today, *shlex.split(command))
        checked += check_windows(today, command)
    # The same database read the day before, on and after the anchor.
    for offset in (-1, 0, 1):
        checked += check_windows(anchor + timedelta(days=offset), "the scenario")
    assert checked > len(SCENARIO), "too few windows were open to prove anything"
    # The windows stored on the rows are the ones the rules work out afresh.
    cli(anchor + timedelta(days=6), "doctor")


# --- the clock is read in one place --------------------------------------------------------

# Every module of the domain layer (docs/layout.md): the rules, dates, the interview domain.
DOMAIN = Path(followup.__file__).parent / "domain"
PURE_MODULES = sorted(path.name for path in DOMAIN.glob("*.py"))
CLOCK_CALLS = {
    ("date", "today"),
    ("datetime", "now"),
    ("datetime", "today"),
    ("datetime", "utcnow"),
    ("time", "time"),
    ("time", "monotonic"),
    ("time", "localtime"),
    ("time", "gmtime"),
}


def clock_reads(source: str) -> list[str]:
    """``date.today``, ``datetime.now``, ``time.time`` ... wherever they appear, called or not."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute):
            owner = node.value
            name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", None)
            if (name, node.attr) in CLOCK_CALLS:
                found.append(f"line {node.lineno}: {name}.{node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module in ("time", "datetime"):
            for alias in node.names:
                if (node.module, alias.name) in CLOCK_CALLS:
                    found.append(f"line {node.lineno}: from {node.module} import {alias.name}")
    return found


@pytest.mark.parametrize("module", PURE_MODULES)
def test_the_pure_modules_never_read_the_clock(module: str) -> None:
    source = (DOMAIN / module).read_text(encoding="utf-8")
    assert clock_reads(source) == []


@pytest.mark.parametrize(
    "source",
    [
        "from datetime import date\nx = date.today()",
        "import datetime\nx = datetime.datetime.now()",
        "import time\nstart = time.time()",
        "from datetime import datetime\nclock = datetime.today",
        "from time import time",
    ],
)
def test_the_clock_scan_finds_each_way_of_reading_the_clock(source: str) -> None:
    assert clock_reads(source) != []
