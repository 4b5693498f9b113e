"""The JSON contract (docs/json.md): exact key sets and types, so that any change fails a test.

Beyond the spec's list the code also documents: "closed_on", "url", "pitch" and "note" on the
application object, "follow_up_on" on a shown touch, and "hint" on a morning item.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest

from tests.cli.helpers import run, run_json
from tests.cli.stories import (
    APPLICATION_KEYS,
    CONTACT_KEYS,
    DETAIL_KEYS,
    DUE_ITEM_KEYS,
    DUE_KEYS,
    FLAG_KEYS,
    INTERVIEW_KEYS,
    LOGGED_KEYS,
    LOGGED_TOUCH_KEYS,
    SHOWN_TOUCH_KEYS,
    WINDOW_KEYS,
    applied_wednesday_with_phone,
    log,
)

# Every test starts from an empty database: none looks at how the file came to be.
pytestmark = pytest.mark.empty_database

ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def assert_application_contract(app: dict[str, Any]) -> None:
    assert set(app) == APPLICATION_KEYS
    assert isinstance(app["id"], int)
    assert isinstance(app["do_not_call"], bool)
    assert app["stage"] in {"applied", "interviewing", "closed"}
    assert app["outcome"] in {None, "offer", "hired", "rejected", "withdrawn", "no-response"}
    assert ISO_DATE.fullmatch(app["applied_on"])
    assert app["closed_on"] is None or ISO_DATE.fullmatch(app["closed_on"])
    assert set(app["contact"]) == CONTACT_KEYS
    window = app["next_contact"]
    if window is not None:
        assert set(window) == WINDOW_KEYS
        assert ISO_DATE.fullmatch(window["earliest"])
        assert ISO_DATE.fullmatch(window["latest"])
        assert window["earliest"] <= window["latest"]
        assert window["action"] in {"call", "email", "call or email", "close"}
    # waiting is set exactly when next_contact is null.
    assert (window is None) == (app["waiting"] is not None)
    for flag in app["flags"]:
        assert set(flag) == FLAG_KEYS
        assert ISO_DATE.fullmatch(flag["on"])


def _add() -> dict[str, Any]:
    return run_json("add", "Acme", "Analyst", "--applied", "2026-11-18", "--phone", "1")


def _edit() -> dict[str, Any]:
    app_id = applied_wednesday_with_phone()
    return run_json("edit", str(app_id), "--note", "met at a meetup")


def _interview() -> dict[str, Any]:
    app_id = applied_wednesday_with_phone()
    return run_json("interview", str(app_id), "--on", "2026-11-24")


def _debrief() -> dict[str, Any]:
    app_id = applied_wednesday_with_phone()
    run_json("interview", str(app_id), "--on", "2026-11-24")
    return run_json("debrief", str(app_id), "--timeline", "two weeks")


def _close() -> dict[str, Any]:
    app_id = applied_wednesday_with_phone()
    return run_json("close", str(app_id), "--outcome", "offer")


def _reopen() -> dict[str, Any]:
    app_id = applied_wednesday_with_phone()
    run_json("close", str(app_id), "--outcome", "offer")
    return run_json("reopen", str(app_id))


def _snooze() -> dict[str, Any]:
    app_id = applied_wednesday_with_phone()
    return run_json("snooze", str(app_id), "--until", "2026-11-30")


def _delete_touch() -> dict[str, Any]:
    app_id = applied_wednesday_with_phone()
    touch = log(app_id)["touch"]["id"]
    return run_json("delete-touch", str(touch))


@pytest.mark.parametrize(
    "command",
    [_add, _edit, _interview, _debrief, _close, _reopen, _snooze, _delete_touch],
    ids=["add", "edit", "interview", "debrief", "close", "reopen", "snooze", "delete-touch"],
)
def test_each_command_that_changes_an_application_prints_the_application_object(
    command: Callable[[], dict[str, Any]],
) -> None:
    assert_application_contract(command())


def test_list_prints_a_list_of_application_objects() -> None:
    applied_wednesday_with_phone("Acme")
    applied_wednesday_with_phone("Globex")

    apps = run_json("list", "--all")

    assert isinstance(apps, list)
    assert len(apps) == 2
    for app in apps:
        assert_application_contract(app)


def test_show_adds_touches_and_interviews_with_their_own_keys() -> None:
    app_id = applied_wednesday_with_phone()
    log(app_id, "--on", "2026-11-23", "--note", "voicemail left", "--via", "voicemail")
    log(app_id, "--inbound", "--via", "email", "--on", "2026-11-24", "--follow-up-on", "Dec 1")
    run_json("interview", str(app_id), "--on", "2026-11-30", "--with", "Sam", "--prefers", "call")

    detail = run_json("show", str(app_id))

    assert set(detail) == DETAIL_KEYS
    assert_application_contract({k: v for k, v in detail.items() if k in APPLICATION_KEYS})
    assert len(detail["touches"]) == 2
    for touch in detail["touches"]:
        assert set(touch) == SHOWN_TOUCH_KEYS
        assert isinstance(touch["inbound"], bool)
        assert all(isinstance(kind, str) for kind in touch["flags"])
    assert detail["touches"][1]["follow_up_on"] == "2026-12-01"
    (interview,) = detail["interviews"]
    assert set(interview) == INTERVIEW_KEYS
    assert (interview["with"], interview["prefers"]) == (["Sam"], "call")


def test_log_call_prints_the_touch_its_verdict_and_the_application() -> None:
    app_id = applied_wednesday_with_phone()

    logged = run_json("log-call", str(app_id), "--via", "email")

    assert set(logged) == LOGGED_KEYS
    assert set(logged["touch"]) == LOGGED_TOUCH_KEYS
    assert isinstance(logged["overcontact"], bool)
    assert isinstance(logged["flags"], list)
    assert_application_contract(logged["application"])


def test_due_prints_the_day_and_its_items() -> None:
    app_id = applied_wednesday_with_phone()
    run_json("interview", str(app_id), "--on", "2026-11-30")
    applied_wednesday_with_phone("Globex")

    report = run_json("due")

    assert set(report) == DUE_KEYS
    assert report["as_of"] == "2026-11-26"
    assert len(report["items"]) == 2
    for item in report["items"]:
        assert set(item) == DUE_ITEM_KEYS
        assert item["state"] in {"overdue", "due", "upcoming"}
        assert item["action"] in {"call", "email", "call or email", "interview"}


def test_waiting_is_set_exactly_when_nothing_is_due_through_a_whole_story() -> None:
    seen = [_add()]
    app_id = seen[0]["id"]
    seen.append(run_json("log-call", str(app_id))["application"])
    seen.append(run_json("log-call", str(app_id), "--inbound", "--via", "email")["application"])
    seen.append(run_json("interview", str(app_id), "--on", "2026-11-30"))
    seen.append(run_json("close", str(app_id), "--outcome", "rejected"))
    seen.append(run_json("reopen", str(app_id)))
    seen.append(run_json("edit", str(app_id), "--do-not-call"))

    for app in seen:
        assert_application_contract(app)
    assert [app["next_contact"] is None for app in seen] == [
        False,
        False,  # followed up: the ball is in their court, gone quiet after 30 days
        False,
        False,
        True,
        False,
        True,  # do-not-call with only a phone on file: no channel to suggest
    ]


def test_json_is_never_wrapped_even_on_a_narrow_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "20")
    note = "a long note " * 20

    result = run("add", "Acme", "Analyst", "--note", note, "--json")

    assert json.loads(result.stdout)["note"] == note.strip()
    assert "\x1b[" not in result.stdout


def test_json_keeps_non_ascii_text_as_it_was_typed() -> None:
    result = run("add", "Café Zoë", "Ingénieure", "--json")

    assert '"company": "Café Zoë"' in result.stdout
    assert json.loads(result.stdout)["role"] == "Ingénieure"


def test_an_overcontact_warning_never_mixes_into_the_json() -> None:
    app_id = applied_wednesday_with_phone()
    log(app_id)

    result = run("log-call", str(app_id), "--json")

    assert json.loads(result.stdout)["flags"] == ["repeat"]
    assert result.stderr.startswith("Warning: that was over-contact.")


CHANGE_KEYS = {"id", "made_at", "command", "application_id", "company", "what", "on", "summary"}


def test_undo_and_undo_list_print_change_objects() -> None:
    app_id = applied_wednesday_with_phone()
    log(app_id, "--via", "email")

    listed = run_json("undo", "--list")
    undone = run_json("undo")

    assert [set(change) for change in listed] == [CHANGE_KEYS, CHANGE_KEYS]
    assert set(undone) == {"undone"}
    assert undone["undone"] == listed[0]
    assert isinstance(undone["undone"]["made_at"], str)
