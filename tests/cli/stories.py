"""What the CLI tests share: the JSON contract's key sets and small story steps.

Everything here goes through the public interface (the Typer app via CliRunner).
Today is Thursday 26 November 2026 (see tests/conftest.py).
"""

from __future__ import annotations

import json
from typing import Any

from tests.cli.helpers import run, run_json

# --- the JSON contract (docs/json.md): exact key sets, so that any change fails a test ---------

APPLICATION_KEYS = {
    "id",
    "company",
    "role",
    "stage",
    "outcome",
    "applied_on",
    "closed_on",
    "do_not_call",
    "no_email",
    "contact",
    "url",
    "pitch",
    "note",
    "next_contact",
    "waiting",
    "flags",
}
CONTACT_KEYS = {"name", "phone", "email"}
WINDOW_KEYS = {"earliest", "latest", "action", "reason"}
FLAG_KEYS = {"kind", "on", "message"}
DETAIL_KEYS = APPLICATION_KEYS | {"today", "touches", "interviews", "asked", "articles"}
TODAY_KEYS = {"contact", "state", "wait_until"}
SHOWN_TOUCH_KEYS = {"id", "on", "via", "inbound", "note", "follow_up_on", "flags"}
INTERVIEW_KEYS = {
    "id",
    "on",
    "kind",
    "with",
    "next_steps",
    "timeline",
    "prefers",
    "follow_up_on",
}
LOGGED_KEYS = {"dry_run", "touch", "overcontact", "flags", "rejudged", "application"}
LOGGED_TOUCH_KEYS = {"id", "on", "via", "inbound"}
DUE_KEYS = {"as_of", "items", "reminders", "gone_quiet"}
DUE_ITEM_KEYS = {
    "id",
    "company",
    "role",
    "state",
    "action",
    "earliest",
    "latest",
    "reason",
    "hint",
}

# The tail of every refused date, naming the forms that are accepted.
ACCEPTED_FORMS = (
    "Use YYYY-MM-DD, today, yesterday, tomorrow, a weekday (friday, last friday, "
    "next friday), +3d or -2w, or a day and month name (3 December 2026, Dec 3)."
)

BALL_IN_THEIR_COURT = (
    "you followed up on {on}: the ball is in their court "
    "until they reply or invite you to interview; after 30 days of silence, "
    "consider closing it as no-response"
)


def check_application(app: dict[str, Any]) -> dict[str, Any]:
    """Assert the application object's shape; waiting is set exactly when nothing is due."""
    assert set(app) == APPLICATION_KEYS, sorted(app)
    assert set(app["contact"]) == CONTACT_KEYS
    if app["next_contact"] is None:
        assert isinstance(app["waiting"], str), app
        assert app["waiting"], app
    else:
        assert set(app["next_contact"]) == WINDOW_KEYS
        assert app["waiting"] is None, app
    for flag in app["flags"]:
        assert set(flag) == FLAG_KEYS
    return app


# --- story steps -----------------------------------------------------------------------------


def add(company: str = "Acme", role: str = "Data Analyst", *options: str) -> dict[str, Any]:
    """``followup add`` with a phone on file unless options say otherwise; the JSON it prints."""
    return check_application(run_json("add", company, role, *options))


def applied_wednesday_with_phone(company: str = "Acme") -> int:
    """Applied Wed 18 Nov with a phone number (and an email, so that after an interview
    either will do): the follow-up week is Mon 23 .. Fri 27 Nov."""
    options = ("--phone", "555-0100", "--email", "jobs@acme.example")
    return int(add(company, "Data Analyst", "--applied", "2026-11-18", *options)["id"])


def log(app_id: int, *options: str) -> dict[str, Any]:
    """``followup log-call`` (an outbound call today unless options say otherwise)."""
    logged = run_json("log-call", str(app_id), *options)
    assert set(logged) == LOGGED_KEYS
    check_application(logged["application"])
    return logged


def log_warned(app_id: int, *options: str) -> tuple[dict[str, Any], str]:
    """``followup log-call --json``: what it printed on stdout (parsed) and on stderr."""
    result = run("log-call", str(app_id), *options, "--json")
    logged = json.loads(result.stdout)
    assert set(logged) == LOGGED_KEYS
    check_application(logged["application"])
    return logged, str(result.stderr)


def show(app_id: int) -> dict[str, Any]:
    detail = run_json("show", str(app_id))
    extra = ("today", "touches", "interviews", "asked", "articles")
    check_application({k: v for k, v in detail.items() if k not in extra})
    assert set(detail["today"]) == TODAY_KEYS
    return detail


def due(*options: str) -> dict[str, Any]:
    report = run_json("due", *options)
    assert set(report) == DUE_KEYS
    for item in report["items"]:
        assert set(item) == DUE_ITEM_KEYS, sorted(item)
    return report


def due_items(*options: str) -> list[tuple[int, str, str, str, str]]:
    """(id, state, action, earliest, latest) of each morning item, in order."""
    return [
        (i["id"], i["state"], i["action"], i["earliest"], i["latest"])
        for i in due(*options)["items"]
    ]


def window(app: dict[str, Any]) -> tuple[str, str, str] | None:
    nxt = app["next_contact"]
    return None if nxt is None else (nxt["earliest"], nxt["latest"], nxt["action"])


def everything() -> tuple[Any, ...]:
    """All that the user can see of the database: every application with its history."""
    apps = run_json("list", "--all")
    return (apps, [run_json("show", str(a["id"])) for a in apps])


def human(*args: str, code: int = 0) -> str:
    return str(run(*args, code=code).stdout)
