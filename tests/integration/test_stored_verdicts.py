"""The morning view reads stored verdicts; they must always equal what the rules say now."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from followup.domain import rules
from followup.domain.models import Channel, Contact, InterviewKind, Outcome, Via
from followup.services import applications as services
from followup.services import morning
from followup.storage import engine

TODAY = date(2026, 11, 26)


def _stored_equals_recomputed(db: Path) -> None:
    with engine.transaction(str(db), write=False) as s:
        histories = s.histories()
        stored = {
            st.application.id: (st.stage, st.next_contact, st.waiting)
            for st in s.due_standings(date.max) + s.holding_off(date.max, limit=10_000)[0]
        }
    closed = {h.application.id for h in histories if h.application.closed_on}
    for history in histories:
        verdict = rules.assess(history, TODAY)
        if history.application.id in closed:
            continue  # closed ones are never read by the morning view
        assert stored[history.application.id] == (
            verdict.stage,
            verdict.next_contact,
            verdict.waiting,
        )


def test_every_command_leaves_the_stored_verdict_equal_to_the_rules(db: Path) -> None:
    loc = str(db)
    add = services.add_application
    a = add(
        loc,
        TODAY,
        services.NewApplication("Acme", "Analyst", date(2026, 11, 18), Contact(phone="1")),
    )
    b = add(
        loc,
        TODAY,
        services.NewApplication("Globex", "Dev", date(2026, 11, 2), Contact(email="x@y")),
    )
    c = add(loc, TODAY, services.NewApplication("Initech", "QA", date(2026, 11, 20)))
    _stored_equals_recomputed(db)
    logged = services.log_touch(loc, TODAY, a.application.id, services.NewTouch(date(2026, 11, 24)))
    services.log_touch(
        loc, TODAY, b.application.id, services.NewTouch(date(2026, 11, 10), Via.EMAIL, inbound=True)
    )
    _stored_equals_recomputed(db)
    services.record_interview(
        loc,
        TODAY,
        b.application.id,
        date(2026, 12, 2),
        InterviewKind.FIRST,
        services.InterviewDetails(prefers=Channel.EMAIL),
    )
    services.edit_application(
        loc, TODAY, c.application.id, services.ApplicationChanges(phone="555")
    )
    services.snooze(loc, TODAY, c.application.id, date(2026, 12, 3))
    _stored_equals_recomputed(db)
    services.delete_touch(loc, TODAY, logged.touch.id)
    services.close_application(loc, TODAY, c.application.id, Outcome.REJECTED, TODAY)
    _stored_equals_recomputed(db)


def test_verdicts_written_by_older_rules_are_worked_out_again_before_the_morning_view(
    db: Path,
) -> None:
    loc = str(db)
    app = services.add_application(
        loc,
        TODAY,
        services.NewApplication("Acme", "Analyst", date(2026, 11, 18), Contact(phone="1")),
    )
    morning.due(loc, TODAY, 7)
    # Pretend an older followup wrote a different window with different rules.
    conn = sqlite3.connect(db)
    conn.execute("UPDATE applications SET next_earliest = '2030-01-07', next_latest = '2030-01-11'")
    conn.execute("UPDATE profiles SET rules_version = 'older'")
    conn.commit()
    conn.close()
    report = morning.due(loc, TODAY, 7)
    assert [(i.application_id, i.earliest, i.latest) for i in report.items] == [
        (app.application.id, date(2026, 11, 23), date(2026, 11, 27))
    ]
    _stored_equals_recomputed(db)
