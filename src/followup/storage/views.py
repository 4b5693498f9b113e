"""The reads of `followup stats`: one query per table, rows streamed as plain tuples.

A search can hold a million touches. They are read in one pass straight from the
driver's cursor, inside the command's transaction (SQLAlchemy's row objects and type
conversions would cost more than all the counting), ordered as the index on
application_id holds them, and grouped by application as they come. Dates come as the
driver hands them (ISO text from SQLite, dates from PostgreSQL) and each distinct one is
turned into a date once: a search spans a few hundred days, not a million.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Select, select

from followup.domain.stats import AppFact, Case
from followup.storage import rows
from followup.storage.applications import Store
from followup.storage.schema import applications, interviews, touches

# Rows fetched from the driver at a time.
_BATCH = 20_000


@contextlib.contextmanager
def _raw_rows(store: Store, query: Select[Any]) -> Iterator[Iterable[tuple[Any, ...]]]:
    """The query's rows as the driver returns them, on this transaction's connection
    (the cursor itself: iterating it fetches as it goes, with no Python in between)."""
    conn = store.connection
    compiled = query.compile(dialect=conn.dialect)
    params = compiled.construct_params()
    if compiled.positiontup is not None:
        bound: Any = [params[name] for name in compiled.positiontup]
    else:
        bound = params
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(compiled), bound)
        yield cursor
    finally:
        cursor.close()


def cases(store: Store) -> list[Case]:
    """Every application of the profile with its touches and interviews, in id order."""
    seen: dict[Any, Any] = {None: None}

    def day(value: Any) -> Any:
        found = seen.get(value, seen)
        if found is seen:
            found = seen[value] = rows.day(value)
        return found

    by_id: dict[int, Case] = {}
    app_query = (
        select(
            applications.c.id,
            applications.c.applied_on,
            applications.c.outcome,
            applications.c.closed_on,
            applications.c.do_not_call,
        )
        .where(store.mine())
        .order_by(applications.c.id)
    )
    with _raw_rows(store, app_query) as found_apps:
        for app_id, applied_on, outcome, closed_on, do_not_call in found_apps:
            fact = AppFact(app_id, day(applied_on), outcome, day(closed_on), bool(do_not_call))
            by_id[app_id] = Case(fact, [], [])
    owned = store.owned()
    touch_query = (
        select(
            touches.c.application_id,
            touches.c.id,
            touches.c.on_date,
            touches.c.via,
            touches.c.inbound,
            touches.c.follow_up_on,
        )
        .where(touches.c.application_id.in_(owned))
        # The index on application_id holds the rows in this order: no sort.
        .order_by(touches.c.application_id, touches.c.id)
    )
    current, found = None, None
    get = seen.get
    with _raw_rows(store, touch_query) as found_touches:
        for app_id, touch_id, on, via, inbound, follow_up_on in found_touches:
            if app_id != current:
                current, found = app_id, by_id[app_id].touches
            # Inlined ``day`` (a million calls): the cached date, or the conversion once.
            on_day = get(on, seen)
            if on_day is seen:
                on_day = day(on)
            agreed = None if follow_up_on is None else day(follow_up_on)
            found.append((touch_id, on_day, via, bool(inbound), agreed))  # type: ignore[union-attr]
    interview_query = (
        select(
            interviews.c.application_id,
            interviews.c.id,
            interviews.c.on_date,
            interviews.c.logged_on,
            interviews.c.kind,
            interviews.c.follow_up_on,
        )
        .where(interviews.c.application_id.in_(owned))
        .order_by(interviews.c.application_id, interviews.c.id)
    )
    with _raw_rows(store, interview_query) as found_interviews:
        for app_id, interview_id, on, logged_on, kind, follow_up_on in found_interviews:
            by_id[app_id].interviews.append(
                (interview_id, day(on), day(logged_on), kind, day(follow_up_on))
            )
    return list(by_id.values())
