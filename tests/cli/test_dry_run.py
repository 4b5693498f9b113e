"""Ask before you call: `log-call --dry-run`, and `show`'s first line.

A dry run says what a real log-call would record, every flag it would raise and the window
it would move to, in the same words, and writes nothing. Today is Thursday 26 November
2026; an application of Wednesday 18 November has its follow-up week Mon 23 .. Fri 27 Nov.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import run, run_json
from tests.cli.stories import LOGGED_KEYS, add, applied_wednesday_with_phone, log, log_warned


def _snapshot(db: Path | str) -> object:
    """Everything stored: a SQLite database's files byte for byte, or a server's full backup."""
    if isinstance(db, Path):
        return {p.name: p.read_bytes() for p in sorted(db.parent.iterdir()) if p.is_file()}
    return run("export", "--format", "json").stdout


def _in_the_week() -> int:
    return applied_wednesday_with_phone()


def _called_once() -> int:
    app_id = applied_wednesday_with_phone()
    log(app_id)
    return app_id


def _called_twice_this_week() -> int:
    app_id = applied_wednesday_with_phone()
    log(app_id, "--on", "2026-11-24")
    log(app_id, "--on", "2026-11-25")
    return app_id


def _applied_yesterday() -> int:
    return int(add("Acme", "Analyst", "--applied", "2026-11-25", "--phone", "555-0100")["id"])


def _do_not_call() -> int:
    options = ("--applied", "2026-11-18", "--do-not-call", "--phone", "555-0100")
    return int(add("Initech", "Tester", *options)["id"])


SCENARIOS: list[tuple[str, Callable[[], int], tuple[str, ...], list[str]]] = [
    ("the one follow-up, in its week", _in_the_week, (), []),
    ("a second call with no reply", _called_once, (), ["repeat"]),
    ("a third call in three days", _called_twice_this_week, (), ["repeat", "stalker"]),
    ("a call before the window opens", _applied_yesterday, (), ["early"]),
    ("a call to a do-not-call posting", _do_not_call, ("--via", "voicemail"), ["do-not-call"]),
    ("an email to a do-not-call posting", _do_not_call, ("--via", "email"), []),
    ("a backdated call", _called_once, ("--on", "2026-11-24"), []),
    (
        "their reply with a date agreed",
        _called_once,
        ("--inbound", "--via", "email", "--follow-up-on", "2026-12-03", "--note", "busy"),
        [],
    ),
]


@pytest.mark.parametrize(
    ("setup", "options", "flags"),
    [scenario[1:] for scenario in SCENARIOS],
    ids=[scenario[0] for scenario in SCENARIOS],
)
def test_a_dry_run_says_what_a_real_log_would_and_writes_nothing(
    db: Path | str, setup: Callable[[], int], options: tuple[str, ...], flags: list[str]
) -> None:
    app_id = setup()
    before = _snapshot(db)

    preview = run_json("log-call", str(app_id), *options, "--dry-run")
    human = run("log-call", str(app_id), *options, "--dry-run")

    assert _snapshot(db) == before
    assert set(preview) == LOGGED_KEYS
    assert (preview["dry_run"], preview["touch"]["id"]) == (True, None)
    assert sorted(preview["flags"]) == flags
    assert human.stderr == ""
    # The real log: the same flags, words and window; its warnings are on stderr.
    real, warnings = log_warned(app_id, *options)
    assert real["dry_run"] is False
    assert preview | {"dry_run": False, "touch": real["touch"]} == real
    expected = warnings.replace(" was over-contact.", " would be over-contact.").replace(
        "later contacts now count as:", "later contacts would count as:"
    )
    assert expected in human.stdout
    if not warnings:
        assert "No flags: it would not be over-contact.\n" in human.stdout


def test_a_dry_run_prints_the_touch_its_flags_and_the_window_after_it() -> None:
    app_id = _called_once()

    result = run("log-call", str(app_id), "--dry-run", "--on", "2026-11-24")

    assert result.stdout.splitlines() == [
        "Dry run: nothing was saved. Would log a call to them on Tue 24 Nov.",
        "Warning: with this earlier date, later contacts would count as:",
        "  touch 1, repeat: call on 2026-11-26 after your one follow-up on 2026-11-24 with no "
        "reply since: the ball is in their court; wait for their reply",
        "#1 Acme - Data Analyst [applied]",
        "Nothing due: you followed up on 2026-11-24: the ball is in their court until they "
        "reply or invite you to interview; after 30 days of silence, consider closing it as "
        "no-response (from Thu 24 Dec: followup close 1 --outcome no-response).",
    ]


def test_a_dry_run_with_no_flag_says_so_and_names_the_next_window() -> None:
    app_id = _called_once()

    result = run("log-call", str(app_id), "--dry-run", "--inbound", "--follow-up-on", "Dec 3")

    assert result.stdout.splitlines()[:3] == [
        "Dry run: nothing was saved. Would log a call from them on Thu 26 Nov.",
        "No flags: it would not be over-contact.",
        "#1 Acme - Data Analyst [applied]",
    ]
    assert result.stdout.splitlines()[3].startswith("Next: call, Thu 3 Dec - ")


@pytest.mark.sqlite_only
def test_a_dry_run_never_creates_a_database(db: Path) -> None:
    result = run("log-call", "1", "--dry-run", code=1)

    assert result.stderr == "Error: no application with id 1\n"
    assert not db.exists()


@pytest.mark.parametrize(
    ("options", "code", "message"),
    [
        (("9",), 1, "no application with id 9"),
        (
            ("1", "--on", "2026-11-30"),
            2,
            "'2026-11-30' is in the future, and this option records something that already "
            "happened.",
        ),
    ],
)
def test_a_dry_run_refuses_what_a_real_log_refuses(
    db: Path | str, options: tuple[str, ...], code: int, message: str
) -> None:
    _in_the_week()
    before = _snapshot(db)

    result = run("log-call", *options, "--dry-run", code=code)

    assert result.stderr == f"Error: {message}\n"
    assert _snapshot(db) == before


# --- show: today's answer first -------------------------------------------------------------


def _applied(on: str, *options: str) -> int:
    return int(add("Acme", "Analyst", "--applied", on, *options)["id"])


def _closed() -> int:
    app_id = _applied("2026-11-18", "--phone", "555-0100")
    run("close", str(app_id), "--outcome", "rejected", "--on", "2026-11-25")
    return app_id


SHOWN: list[tuple[str, Callable[[], int], str, dict[str, Any]]] = [
    (
        "its week is open",
        lambda: _applied("2026-11-18", "--phone", "555-0100"),
        "Today: yes, call",
        {"contact": True, "state": "due", "wait_until": None},
    ),
    (
        "only an email on file",
        lambda: _applied("2026-11-18", "--email", "jo@acme.example"),
        "Today: yes, email",
        {"contact": True, "state": "due", "wait_until": None},
    ),
    (
        "its week went by",
        lambda: _applied("2026-11-04", "--phone", "555-0100"),
        "Today: yes, call (overdue: the window closed Fri 13 Nov)",
        {"contact": True, "state": "overdue", "wait_until": None},
    ),
    (
        "its week is still to come",
        lambda: _applied("2026-11-25", "--phone", "555-0100"),
        "Today: no, wait until Mon 30 Nov (one follow-up in the week after you applied on "
        "2026-11-25)",
        {"contact": False, "state": None, "wait_until": "2026-11-30"},
    ),
    (
        "the follow-up was made",
        _called_once,
        "Today: no, you followed up on 2026-11-26: the ball is in their court until they "
        "reply or invite you to interview; after 30 days of silence, consider closing it as "
        "no-response",
        {"contact": False, "state": None, "wait_until": None},
    ),
    (
        "it is closed",
        _closed,
        "Today: no, closed (rejected) on 2026-11-25: nothing more to send",
        {"contact": False, "state": None, "wait_until": None},
    ),
]


@pytest.mark.parametrize(
    ("setup", "line", "today"),
    [case[1:] for case in SHOWN],
    ids=[case[0] for case in SHOWN],
)
def test_show_starts_with_whether_today_is_a_day_to_contact_them(
    setup: Callable[[], int], line: str, today: dict[str, Any]
) -> None:
    app_id = setup()

    assert run("show", str(app_id)).stdout.splitlines()[0] == line
    assert run_json("show", str(app_id))["today"] == today


def test_shows_answer_agrees_with_the_morning_view() -> None:
    due_today = _applied("2026-11-18", "--phone", "555-0100")
    later = _applied("2026-11-25", "--phone", "555-0100")

    listed = {item["id"] for item in run_json("due", "--ahead", "0")["items"]}

    assert listed == {due_today}
    assert run_json("show", str(due_today))["today"]["contact"] is True
    assert run_json("show", str(later))["today"]["contact"] is False
