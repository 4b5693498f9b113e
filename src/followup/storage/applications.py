"""Applications, touches and interviews: the queries of the tracker.

Everything is SQLAlchemy Core, so that the same code runs on SQLite (the default) and
PostgreSQL. Every query of applications, and of what hangs off them, is scoped to one
profile (``Store.profile``): several job seekers can share one database and never meet.

Longer than 500 lines because ``Store`` is one class, the unit of work every use case
holds; the batch reads and writes of working out every window (issue 17) belong to it.
A split would move them to a class of their own over the same connection.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    CursorResult,
    Row,
    Select,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)

from followup.domain.models import (
    Application,
    History,
    Interview,
    Outcome,
    Stage,
    StoredStanding,
    Touch,
    Window,
)
from followup.errors import (
    NotFound,
    NotOurDatabase,
)
from followup.profiles import DEFAULT_PROFILE
from followup.storage import rows
from followup.storage.journal import Journal, delete_applications
from followup.storage.schema import (
    applications,
    followup_meta,
    interviewers,
    interviews,
    profiles,
    questions_asked,
    touches,
)

# SQLite's page cache for bulk work (``Store.for_bulk_work``), in KiB.
BULK_CACHE_KIB = 65_536

# --- rows <-> domain values ---------------------------------------------------------------


def _application(row: Row[Any]) -> Application:
    return rows.application(row._mapping)


def application_values(app: Application) -> dict[str, Any]:
    return {
        "company": app.company,
        "role": app.role,
        "applied_on": app.applied_on,
        "contact_name": app.contact.name,
        "phone": app.contact.phone,
        "email": app.contact.email,
        "do_not_call": app.do_not_call,
        "no_email": app.no_email,
        "url": app.url,
        "pitch": app.pitch,
        "note": app.note,
        "outcome": app.outcome.value if app.outcome else None,
        "closed_on": app.closed_on,
        "snooze_until": app.snooze_until,
        "snoozed_on": app.snoozed_on,
        "snooze_touch_mark": app.snooze_touch_mark,
        "snooze_interview_mark": app.snooze_interview_mark,
    }


def _touch(row: Row[Any]) -> Touch:
    return rows.touch(row._mapping)


def _interview(row: Row[Any], names: Sequence[str]) -> Interview:
    return rows.interview(row._mapping, names)


def _standing(row: Row[Any]) -> StoredStanding:
    return rows.standing(row._mapping)


def _day(day: date, *, text: bool) -> date | str:
    """A date as a statement given straight to the SQLite driver takes it: as SQLAlchemy
    stores dates there, ``YYYY-MM-DD``."""
    return day.isoformat() if text else day


def inserted_id(result: CursorResult[Any]) -> int:
    """The id the database gave the row just inserted."""
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def storable_id(key: int, conn: Connection) -> bool:
    """Whether ``key`` can be an id here; anything else names nothing (and would overflow).

    Ids are positive 64-bit integers on SQLite, 32-bit ones (SERIAL) on PostgreSQL.
    """
    return 0 < key < (2**31 if conn.dialect.name == "postgresql" else 2**63)


def settings_object(text: str, profile: str) -> dict[str, object]:
    """A profile's recorded settings, read back from their JSON text."""
    try:
        found = json.loads(text)
    except ValueError:
        found = None
    if not isinstance(found, dict):
        raise NotOurDatabase(
            f"the settings of profile {profile!r} in the database are damaged; "
            "run 'followup config apply' to record them again"
        )
    return found


# --- queries ------------------------------------------------------------------------------


class Store:
    """Queries and writes inside one transaction, on one profile's applications.

    An application of another profile does not exist here: loading it answers "not
    found", and writes by id leave it alone. With ``lock`` (write transactions) every
    application loaded is locked until commit (``SELECT ... FOR UPDATE`` on PostgreSQL;
    SQLite's BEGIN IMMEDIATE already locks the whole file), so that read-modify-write
    commands from two machines take turns instead of losing an update.
    """

    def __init__(
        self, conn: Connection, profile: str = DEFAULT_PROFILE, *, lock: bool = False
    ) -> None:
        self._conn = conn
        self._profile = profile
        self._lock = lock
        # Every write below tells it first, so that every change can be undone.
        self.journal = Journal(conn, profile)

    @property
    def connection(self) -> Connection:
        """This transaction's connection, for the query classes of other features."""
        return self._conn

    @property
    def profile(self) -> str:
        return self._profile

    def for_bulk_work(self) -> None:
        """Give this connection room for a restore or a recompute of every window: with
        SQLite's default 2 MB of page cache, a transaction that touches every page of a
        big history spills and rereads pages all the time (issue 17 measured 40 s where
        6 s do). 64 MB, for this connection only, until it closes."""
        if self._conn.dialect.name == "sqlite":
            self._conn.exec_driver_sql(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")

    def mine(self) -> ColumnElement[bool]:
        """The condition that keeps a query of applications to this profile's."""
        return applications.c.profile == self._profile

    def owned(self) -> Select[Any]:
        """This profile's application ids, to scope tables that hang off applications."""
        return select(applications.c.id).where(self.mine())

    # applications

    def add_application(self, app: Application, stage: Stage) -> int:
        values = application_values(app) | {"stage": stage.value, "profile": self._profile}
        result = self._conn.execute(insert(applications).values(**values))
        app_id = inserted_id(result)
        self.journal.added(app_id)
        return app_id

    def update_application(self, app: Application) -> None:
        self.journal.capture(app.id)
        self._conn.execute(
            update(applications)
            .where(applications.c.id == app.id, self.mine())
            .values(**application_values(app))
        )

    def delete_application(self, application_id: int) -> None:
        """Remove an application with everything recorded about it."""
        self.journal.capture(application_id)
        delete_applications(
            self._conn,
            list(
                self._conn.execute(
                    self.owned().where(applications.c.id == application_id)
                ).scalars()
            ),
        )

    def save_verdict(
        self, application_id: int, stage: Stage, window: Window | None, waiting: str | None
    ) -> None:
        self._conn.execute(
            update(applications)
            .where(applications.c.id == application_id, self.mine())
            .values(
                stage=stage.value,
                next_earliest=window.earliest if window else None,
                next_latest=window.latest if window else None,
                next_action=window.action.value if window else None,
                next_reason=window.reason if window else None,
                waiting=waiting,
            )
        )

    def save_verdicts(
        self, verdicts: Sequence[tuple[int, Stage, Window | None, str | None]]
    ) -> None:
        """``save_verdict`` for many applications in one statement run over all of them.

        On SQLite straight through the driver, as a restore's inserts are
        (``ExchangeStore``): a recompute saves 100,000 verdicts, and SQLAlchemy's handling
        of each value cost more than SQLite's own work (issue 17)."""
        if not verdicts:
            return
        statement = (
            update(applications)
            .where(
                applications.c.id == bindparam("app_id"),
                applications.c.profile == bindparam("owner"),
            )
            .values(
                stage=bindparam("new_stage"),
                next_earliest=bindparam("new_earliest"),
                next_latest=bindparam("new_latest"),
                next_action=bindparam("new_action"),
                next_reason=bindparam("new_reason"),
                waiting=bindparam("new_waiting"),
            )
        )
        sqlite = self._conn.dialect.name == "sqlite"
        values = [
            {
                "app_id": app_id,
                "owner": self._profile,
                "new_stage": stage.value,
                "new_earliest": _day(window.earliest, text=sqlite) if window else None,
                "new_latest": _day(window.latest, text=sqlite) if window else None,
                "new_action": window.action.value if window else None,
                "new_reason": window.reason if window else None,
                "new_waiting": waiting,
            }
            for app_id, stage, window, waiting in verdicts
        ]
        if not sqlite:
            self._conn.execute(statement, values)
            return
        compiled = statement.compile(dialect=self._conn.dialect)
        keys = list(compiled.positiontup or ())
        self._conn.exec_driver_sql(str(compiled), [tuple(v[k] for k in keys) for v in values])

    def closed_outcomes(self, after: int, limit: int) -> list[tuple[int, Outcome, date]]:
        """(id, outcome, closing day) of closed applications with ids above ``after``, in id
        order, at most ``limit``: their verdict needs nothing else (``rules.ended_waiting``)."""
        query = (
            select(applications.c.id, applications.c.outcome, applications.c.closed_on)
            .where(self.mine(), applications.c.closed_on.is_not(None), applications.c.id > after)
            .order_by(applications.c.id)
            .limit(limit)
        )
        if self._lock:
            query = query.with_for_update()
        return [
            (int(i), Outcome(outcome), closed) for i, outcome, closed in self._conn.execute(query)
        ]

    def open_application_ids(self) -> list[int]:
        query = self.owned().where(applications.c.closed_on.is_(None))
        return list(self._conn.execute(query.order_by(applications.c.id)).scalars())

    def count_applications(self) -> int:
        query = select(func.count()).select_from(applications).where(self.mine())
        return int(self._conn.execute(query).scalar_one())

    def history(self, application_id: int) -> History:
        found = self.histories([application_id]) if storable_id(application_id, self._conn) else []
        if not found:
            raise NotFound(f"no application with id {application_id}")
        return found[0]

    def histories(
        self, ids: Iterable[int] | None = None, *, include_closed: bool = True
    ) -> list[History]:
        """Whole histories, in three queries however many applications there are."""
        query = select(applications).where(self.mine()).order_by(applications.c.id)
        if self._lock:
            query = query.with_for_update()
        if ids is not None:
            query = query.where(applications.c.id.in_(list(ids)))
        if not include_closed:
            query = query.where(applications.c.closed_on.is_(None))
        apps = [_application(r) for r in self._conn.execute(query)]
        if not apps:
            return []
        wanted = [a.id for a in apps]
        touch_rows = self._conn.execute(
            select(touches).where(touches.c.application_id.in_(wanted)).order_by(touches.c.id)
        )
        by_app: dict[int, list[Touch]] = {a: [] for a in wanted}
        for row in touch_rows:
            touch = _touch(row)
            by_app[touch.application_id].append(touch)
        interview_rows = list(
            self._conn.execute(
                select(interviews)
                .where(interviews.c.application_id.in_(wanted))
                .order_by(interviews.c.id)
            )
        )
        names = self._interviewer_names([r.id for r in interview_rows])
        interviews_by_app: dict[int, list[Interview]] = {a: [] for a in wanted}
        for row in interview_rows:
            interviews_by_app[row.application_id].append(_interview(row, names[row.id]))
        return [
            History(app, tuple(by_app[app.id]), tuple(interviews_by_app[app.id])) for app in apps
        ]

    def standings(self, ids: Sequence[int]) -> list[StoredStanding]:
        """The stored verdicts of these applications of the profile, in id order."""
        rows = self._conn.execute(
            select(applications)
            .where(self.mine(), applications.c.id.in_(list(ids)))
            .order_by(applications.c.id)
        )
        return [_standing(r) for r in rows]

    def all_standings(self) -> list[StoredStanding]:
        rows = self._conn.execute(
            select(applications).where(self.mine()).order_by(applications.c.id)
        )
        return [_standing(r) for r in rows]

    def all_application_ids(self) -> list[int]:
        return list(self._conn.execute(self.owned().order_by(applications.c.id)).scalars())

    # facts about the database

    def meta(self, key: str) -> str | None:
        return self._conn.execute(
            select(followup_meta.c.value).where(followup_meta.c.key == key)
        ).scalar()

    def set_meta(self, key: str, value: str) -> None:
        # One statement, so that two processes setting the same fact at once both succeed.
        upsert = self._insert()
        statement = upsert(followup_meta).values(key=key, value=value)
        self._conn.execute(
            statement.on_conflict_do_update(
                index_elements=[followup_meta.c.key], set_={"value": value}
            )
        )

    # facts about this profile (docs/settings.md): its settings, its verdicts' version

    def profile_settings(self) -> dict[str, object] | None:
        """The settings recorded for this profile (a JSON object), or None before any are."""
        text = self._conn.execute(
            select(profiles.c.settings).where(profiles.c.profile == self._profile)
        ).scalar()
        return None if text is None else settings_object(text, self._profile)

    def record_profile_settings(self, values: dict[str, object], *, replace: bool) -> bool:
        """Record this profile's settings; without ``replace``, only when none are recorded
        yet (whoever records first wins, on every machine). Says whether they were written."""
        text = json.dumps(values, sort_keys=True)
        statement = self._upsert_profile(settings=text)
        condition = None if replace else profiles.c.settings.is_(None)
        done = self._conn.execute(
            statement.on_conflict_do_update(
                index_elements=[profiles.c.profile], set_={"settings": text}, where=condition
            )
        )
        return bool(done.rowcount)

    def verdicts_version(self) -> str | None:
        """The rules and settings that worked out this profile's stored verdicts.

        In a write transaction the profile's row stays locked until commit, so that two
        processes about to work the verdicts out again take turns (on PostgreSQL; SQLite's
        BEGIN IMMEDIATE already does), and the second finds the first's work done.
        """
        query = select(profiles.c.rules_version).where(profiles.c.profile == self._profile)
        return self._conn.execute(query.with_for_update() if self._lock else query).scalar()

    def set_verdicts_version(self, version: str) -> None:
        self._conn.execute(
            self._upsert_profile(rules_version=version).on_conflict_do_update(
                index_elements=[profiles.c.profile], set_={"rules_version": version}
            )
        )

    def _insert(self) -> Any:
        """The dialect's INSERT, which knows ON CONFLICT. Imported here: SQLAlchemy's
        PostgreSQL dialect costs more to import than a whole `add` on SQLite."""
        if self._conn.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as postgresql_insert

            return postgresql_insert
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert

    def _upsert_profile(self, **values: str) -> Any:
        # One statement, so that two processes writing the same row at once both succeed.
        upsert = self._insert()
        return upsert(profiles).values(profile=self._profile, **values)

    def meta_or_set(self, key: str, value: str) -> str:
        """The stored value of ``key``, storing ``value`` first when there is none.

        One statement, so that two processes setting it at once agree on one value: the
        second waits for the first to commit, then keeps what it stored.
        """
        upsert = self._insert()
        statement = upsert(followup_meta).values(key=key, value=value)
        self._conn.execute(statement.on_conflict_do_nothing(index_elements=[followup_meta.c.key]))
        found = select(followup_meta.c.value).where(followup_meta.c.key == key)
        return str(self._conn.execute(found).scalar_one())

    # touches

    def add_touch(self, touch: Touch) -> int:
        self.journal.capture(touch.application_id)
        result = self._conn.execute(
            insert(touches).values(
                application_id=touch.application_id,
                on_date=touch.on,
                via=touch.via.value,
                inbound=touch.inbound,
                follow_up_on=touch.follow_up_on,
                note=touch.note,
            )
        )
        return inserted_id(result)

    def last_touch_id(self) -> int:
        """The highest touch id in the database, every profile's: a new touch's is higher
        (what ``log-call --dry-run`` calls the touch it would record)."""
        return int(self._conn.execute(select(func.max(touches.c.id))).scalar() or 0)

    def touch_owner(self, touch_id: int) -> int:
        """The application a touch of this profile belongs to (locked when writing)."""
        query = (
            select(touches.c.application_id)
            .join(applications, applications.c.id == touches.c.application_id)
            .where(touches.c.id == touch_id, self.mine())
        )
        if self._lock:
            query = query.with_for_update(of=applications)
        owner = self._conn.execute(query).scalar() if storable_id(touch_id, self._conn) else None
        if owner is None:
            raise NotFound(f"no touch with id {touch_id}; touch ids are in followup show APP_ID")
        return int(owner)

    def delete_touch(self, touch_id: int) -> None:
        self.journal.capture(self.touch_owner(touch_id))
        self._conn.execute(
            delete(touches).where(
                touches.c.id == touch_id, touches.c.application_id.in_(self.owned())
            )
        )

    # interviews

    def add_interview(self, interview: Interview) -> int:
        self.journal.capture(interview.application_id)
        result = self._conn.execute(
            insert(interviews).values(
                application_id=interview.application_id, **self._interview_values(interview)
            )
        )
        interview_id = inserted_id(result)
        self._save_interviewers(interview_id, interview.with_)
        return interview_id

    def update_interview(self, interview: Interview) -> None:
        self.journal.capture(interview.application_id)
        found = self._conn.execute(
            update(interviews)
            .where(interviews.c.id == interview.id, interviews.c.application_id.in_(self.owned()))
            .values(**self._interview_values(interview))
        )
        if found.rowcount != 1:
            raise NotFound(f"no interview with id {interview.id}")
        self._conn.execute(delete(interviewers).where(interviewers.c.interview_id == interview.id))
        self._save_interviewers(interview.id, interview.with_)

    def interview_owner(self, interview_id: int) -> int:
        """The application an interview of this profile belongs to (locked when writing)."""
        query = (
            select(interviews.c.application_id)
            .join(applications, applications.c.id == interviews.c.application_id)
            .where(interviews.c.id == interview_id, self.mine())
        )
        if self._lock:
            query = query.with_for_update(of=applications)
        found = (
            self._conn.execute(query).scalar() if storable_id(interview_id, self._conn) else None
        )
        if found is None:
            raise NotFound(
                f"no interview with id {interview_id}; interview ids are in followup show APP_ID"
            )
        return int(found)

    def delete_interview(self, interview_id: int) -> None:
        """Remove an interview with its interviewers and the questions asked at it."""
        self.journal.capture(self.interview_owner(interview_id))
        for table in (interviewers, questions_asked):
            self._conn.execute(delete(table).where(table.c.interview_id == interview_id))
        self._conn.execute(delete(interviews).where(interviews.c.id == interview_id))

    @staticmethod
    def _interview_values(interview: Interview) -> dict[str, Any]:
        return {
            "on_date": interview.on,
            "logged_on": interview.logged_on,
            "kind": interview.kind.value,
            "next_steps": interview.next_steps,
            "timeline": interview.timeline,
            "prefers": interview.prefers.value if interview.prefers else None,
            "follow_up_on": interview.follow_up_on,
        }

    def _interviewer_names(self, interview_ids: list[int]) -> dict[int, list[str]]:
        names: dict[int, list[str]] = {i: [] for i in interview_ids}
        if interview_ids:
            for row in self._conn.execute(
                select(interviewers.c.interview_id, interviewers.c.name)
                .where(interviewers.c.interview_id.in_(interview_ids))
                .order_by(interviewers.c.interview_id, interviewers.c.position)
            ):
                names[row.interview_id].append(row.name)
        return names

    def _save_interviewers(self, interview_id: int, names: Sequence[str]) -> None:
        if names:
            self._conn.execute(
                insert(interviewers),
                [
                    {"interview_id": interview_id, "position": n, "name": name}
                    for n, name in enumerate(names)
                ],
            )

    # the morning view: reads only what it shows

    def due_standings(self, until: date) -> list[StoredStanding]:
        """Open applications whose stored window opens on or before ``until``."""
        rows = self._conn.execute(
            select(applications)
            .where(
                self.mine(),
                applications.c.next_earliest <= until,
                applications.c.closed_on.is_(None),
            )
            .order_by(applications.c.next_earliest, applications.c.id)
        )
        return [_standing(r) for r in rows]

    def interviews_between(self, start: date, until: date) -> list[tuple[Application, Interview]]:
        """Interviews of open applications dated from ``start`` up to and including ``until``."""
        rows = list(
            self._conn.execute(
                select(interviews)
                .join(applications, applications.c.id == interviews.c.application_id)
                .where(
                    self.mine(),
                    interviews.c.on_date >= start,
                    interviews.c.on_date <= until,
                    applications.c.closed_on.is_(None),
                )
                .order_by(interviews.c.on_date, interviews.c.id)
            )
        )
        if not rows:
            return []
        apps = {
            r.id: _application(r)
            for r in self._conn.execute(
                select(applications).where(
                    self.mine(), applications.c.id.in_({r.application_id for r in rows})
                )
            )
        }
        names = self._interviewer_names([r.id for r in rows])
        return [(apps[r.application_id], _interview(r, names[r.id])) for r in rows]

    def holding_off(self, until: date, limit: int) -> tuple[list[StoredStanding], int]:
        """Open applications with nothing due by ``until``: the first few, and how many."""
        waiting = (
            self.mine(),
            applications.c.closed_on.is_(None),
            or_(applications.c.next_earliest.is_(None), applications.c.next_earliest > until),
        )
        total = self._conn.execute(
            select(func.count()).select_from(applications).where(*waiting)
        ).scalar_one()
        rows = self._conn.execute(
            select(applications)
            .where(*waiting)
            .order_by(applications.c.next_earliest.is_(None), applications.c.next_earliest)
            .order_by(applications.c.id)
            .limit(limit)
        )
        return [_standing(r) for r in rows], int(total)
