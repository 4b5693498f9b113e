"""Stored rows to domain values, shared by the store and its fast read path.

Kept free of SQLAlchemy so that the morning view can read SQLite with the standard
library alone (see ``storage.fast``). A row is any mapping of column names to values; the
standard library hands dates back as ISO text, SQLAlchemy as dates, and both are taken.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Protocol

from followup.domain.models import (
    Action,
    Application,
    Channel,
    Contact,
    Interview,
    InterviewKind,
    Outcome,
    Stage,
    StoredStanding,
    Touch,
    Via,
    Window,
)


class Row(Protocol):
    """A stored row by column name: SQLAlchemy's RowMapping or the standard sqlite3.Row."""

    def __getitem__(self, key: str, /) -> Any: ...


def day(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _day(value: date | str) -> date:
    read = day(value)
    assert read is not None
    return read


def application(m: Row) -> Application:
    return Application(
        id=m["id"],
        company=m["company"],
        role=m["role"],
        applied_on=_day(m["applied_on"]),
        contact=Contact(m["contact_name"], m["phone"], m["email"]),
        do_not_call=bool(m["do_not_call"]),
        no_email=bool(m["no_email"]),
        url=m["url"],
        pitch=m["pitch"],
        note=m["note"],
        outcome=Outcome(m["outcome"]) if m["outcome"] else None,
        closed_on=day(m["closed_on"]),
        snooze_until=day(m["snooze_until"]),
        snoozed_on=day(m["snoozed_on"]),
        snooze_touch_mark=m["snooze_touch_mark"],
        snooze_interview_mark=m["snooze_interview_mark"],
    )


def touch(m: Row) -> Touch:
    return Touch(
        id=m["id"],
        application_id=m["application_id"],
        on=_day(m["on_date"]),
        via=Via(m["via"]),
        inbound=bool(m["inbound"]),
        follow_up_on=day(m["follow_up_on"]),
        note=m["note"],
    )


def interview(m: Row, names: Sequence[str]) -> Interview:
    return Interview(
        id=m["id"],
        application_id=m["application_id"],
        on=_day(m["on_date"]),
        logged_on=_day(m["logged_on"]),
        kind=InterviewKind(m["kind"]),
        with_=tuple(names),
        next_steps=m["next_steps"],
        timeline=m["timeline"],
        prefers=Channel(m["prefers"]) if m["prefers"] else None,
        follow_up_on=day(m["follow_up_on"]),
    )


def stored_window(m: Row) -> Window | None:
    if m["next_earliest"] is None:
        return None
    return Window(
        _day(m["next_earliest"]),
        _day(m["next_latest"]),
        Action(m["next_action"]),
        m["next_reason"],
    )


def standing(m: Row) -> StoredStanding:
    return StoredStanding(application(m), Stage(m["stage"]), stored_window(m), m["waiting"])
