"""The reads of `followup stats`: one query per table, rows streamed as lean facts.

A search can hold a million touches: they are read as plain rows in one pass (never as
whole histories), and grouped by application in memory.
"""

from __future__ import annotations

from sqlalchemy import select

from followup.domain.stats import AppFact, Case, InterviewFact, TouchFact
from followup.storage.applications import Store
from followup.storage.schema import applications, interviews, touches

# Rows fetched from the driver at a time.
_BATCH = 10_000


def cases(store: Store) -> list[Case]:
    """Every application of the profile with its touches and interviews, in id order."""
    conn = store.connection
    by_id: dict[int, Case] = {}
    app_rows = conn.execute(
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
    for row in app_rows:
        by_id[row[0]] = Case(AppFact(*row), [], [])
    owned = store.owned()
    touch_rows = conn.execution_options(yield_per=_BATCH).execute(
        select(
            touches.c.id,
            touches.c.application_id,
            touches.c.on_date,
            touches.c.via,
            touches.c.inbound,
            touches.c.follow_up_on,
        )
        .where(touches.c.application_id.in_(owned))
        .order_by(touches.c.id)
    )
    for touch in touch_rows:
        by_id[touch[1]].touches.append(TouchFact(*touch))
    interview_rows = conn.execute(
        select(
            interviews.c.id,
            interviews.c.application_id,
            interviews.c.on_date,
            interviews.c.logged_on,
            interviews.c.kind,
            interviews.c.follow_up_on,
        )
        .where(interviews.c.application_id.in_(owned))
        .order_by(interviews.c.id)
    )
    for interview in interview_rows:
        by_id[interview[1]].interviews.append(InterviewFact(*interview))
    return list(by_id.values())
