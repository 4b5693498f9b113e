"""The undo journal: before-images of every change, written in the change's transaction.

Every write to an application, or to anything that hangs off it, goes through ``Store``
(and ``PrepStore``, ``ExchangeStore``), which tells the journal first (``capture``): the
first time a transaction writes to an application, the journal reads all of that
application's rows as they are. When the transaction ends (``engine.transaction``) the
journal writes one entry holding those rows and a fingerprint of each application as it
is now, so an undo can put the rows back exactly, ids, stored window and all, and can
refuse when something changed them since without going through the journal.

The stored verdict columns are left out of the fingerprint: working windows out again
after a settings change is not a change of the user's, and must not block an undo.

An import of many rows records only the highest application id before it: everything of
the profile above that id is what it added. A restore records no images at all: it
starts a new history (``start_over``), and ``undo`` stops there.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Date,
    Index,
    Integer,
    MetaData,
    Select,
    String,
    Table,
    Text,
    delete,
    func,
    insert,
    select,
)

from followup.domain.history import KEPT, RESTORE, Change
from followup.errors import Refused
from followup.storage.schema import (
    application_details,
    applications,
    articles,
    interviewers,
    interviews,
    profiles,
    questions_asked,
    touches,
)

# Its own MetaData: the journal is no part of a backup, a salvage or an export, which all
# follow ``schema.metadata``.
journal_metadata = MetaData()

undo_journal = Table(
    "undo_journal",
    journal_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("profile", String(100), nullable=False),
    Column("made_at", String(40), nullable=False),
    Column("command", String(40), nullable=False),
    Column("application_id", Integer),
    Column("company", String(200)),
    Column("what", Text),
    Column("on_date", Date),
    Column("rules_version", String(200)),
    Column("changes", Text, nullable=False),
    Index("ix_undo_journal_profile", "profile", "id"),
)

# An application's rows, parents before children: the order to put them back in.
_TABLES = (
    applications,
    touches,
    interviews,
    interviewers,
    questions_asked,
    articles,
    application_details,
)
# The rules' verdict, worked out from the rest: not the user's data (see the module's doc).
_VERDICT = {"stage", "next_earliest", "next_latest", "next_action", "next_reason", "waiting"}

Image = dict[str, list[dict[str, Any]]]


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _typed(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    return {
        name: date.fromisoformat(value)
        if value is not None and isinstance(table.c[name].type, Date)
        else value
        for name, value in row.items()
    }


def _children(table: Table, app_ids: list[int] | Select[Any]) -> Any:
    """The condition that picks ``table``'s rows belonging to ``app_ids`` (ids, or a query
    of them)."""
    if table is applications:
        return applications.c.id.in_(app_ids)
    if table in (interviewers, questions_asked):
        held = select(interviews.c.id).where(interviews.c.application_id.in_(app_ids))
        return table.c.interview_id.in_(held)
    return table.c.application_id.in_(app_ids)


def _owner_of(table: Table, row: dict[str, Any], interview_owner: dict[int, int]) -> int:
    if table is applications:
        return int(row["id"])
    if table in (interviewers, questions_asked):
        return interview_owner[int(row["interview_id"])]
    return int(row["application_id"])


def images(conn: Connection, app_ids: list[int]) -> dict[int, Image]:
    """Every row of each application in ``app_ids`` that exists, by application."""
    found: dict[int, Image] = {}
    interview_owner: dict[int, int] = {}
    for table in _TABLES:
        key = list(table.primary_key.columns)
        query = select(table).where(_children(table, app_ids)).order_by(*key)
        for result in conn.execute(query):
            row = {name: _plain(value) for name, value in result._mapping.items()}
            if table is interviews:
                interview_owner[int(row["id"])] = int(row["application_id"])
            owner = _owner_of(table, row, interview_owner)
            if table is applications:
                found[owner] = {t.name: [] for t in _TABLES}
            found[owner][table.name].append(row)
    return found


def fingerprint(image: Image | None) -> str | None:
    if image is None:
        return None
    kept = {
        name: [
            {k: v for k, v in row.items() if name != applications.name or k not in _VERDICT}
            for row in rows
        ]
        for name, rows in image.items()
    }
    return hashlib.sha256(json.dumps(kept, sort_keys=True).encode()).hexdigest()


def delete_applications(conn: Connection, app_ids: list[int] | Select[Any]) -> None:
    """Remove applications and every row that hangs off them, children first."""
    if not isinstance(app_ids, list) or app_ids:
        for table in reversed(_TABLES):
            conn.execute(delete(table).where(_children(table, app_ids)))


class Journal:
    """One transaction's record of what it changed, written when it ends."""

    def __init__(self, conn: Connection, profile: str) -> None:
        self._conn = conn
        self._profile = profile
        self._before: dict[int, Image | None] = {}
        self._added_above: int | None = None
        self._change: Change | None = None
        self._start_over = False

    # told by the store as it writes

    def capture(self, app_id: int) -> None:
        """Keep the application's rows as they are, before this transaction's first write."""
        if app_id not in self._before:
            self._before[app_id] = images(self._conn, [app_id]).get(app_id)

    def added(self, app_id: int) -> None:
        """An application this transaction created: undoing it removes it."""
        self._before.setdefault(app_id, None)

    def adding_in_bulk(self) -> None:
        """Applications are about to be inserted in bulk: remember where their ids start."""
        if self._added_above is None:
            highest = self._conn.execute(select(func.max(applications.c.id))).scalar()
            self._added_above = int(highest or 0)

    # told by the service, in the user's words

    def describe(self, change: Change) -> None:
        self._change = change

    def start_over(self, change: Change) -> None:
        """A restore: forget this profile's history and keep a mark nothing is undone past."""
        self._start_over = True
        self._change = change

    # written at the end of the transaction

    def write(self) -> None:
        if self._start_over:
            self._conn.execute(delete(undo_journal).where(undo_journal.c.profile == self._profile))
            self._insert(self._change or Change(RESTORE), {})
            return
        if not self._before and self._added_above is None:
            return
        now = images(self._conn, list(self._before))
        changes = {
            "before": {str(k): v for k, v in self._before.items()},
            "after": {str(k): fingerprint(now.get(k)) for k in self._before},
            "added_above": self._added_above,
        }
        self._insert(self._change or Change("change"), changes)
        self._forget_old()

    def _insert(self, change: Change, changes: dict[str, Any]) -> None:
        version = self._conn.execute(
            select(profiles.c.rules_version).where(profiles.c.profile == self._profile)
        ).scalar()
        self._conn.execute(
            insert(undo_journal).values(
                profile=self._profile,
                made_at=datetime.now(UTC).isoformat(timespec="seconds"),
                command=change.command,
                application_id=change.application_id,
                company=change.company,
                what=change.what,
                on_date=change.on,
                rules_version=version,
                changes=json.dumps(changes),
            )
        )

    def _forget_old(self) -> None:
        oldest_kept = self._conn.execute(
            select(undo_journal.c.id)
            .where(undo_journal.c.profile == self._profile)
            .order_by(undo_journal.c.id.desc())
            .offset(KEPT - 1)
            .limit(1)
        ).scalar()
        if oldest_kept is not None:
            self._conn.execute(
                delete(undo_journal).where(
                    undo_journal.c.profile == self._profile, undo_journal.c.id < oldest_kept
                )
            )

    # read and undone

    def recent(self, limit: int) -> list[Change]:
        rows = self._conn.execute(
            select(undo_journal)
            .where(undo_journal.c.profile == self._profile)
            .order_by(undo_journal.c.id.desc())
            .limit(limit)
        )
        return [_change(r._mapping) for r in rows]

    def undo_last(self) -> tuple[Change, str | None, list[int]]:
        """Put back the rows of the most recent change; its change, the verdicts' version
        it was made under, and the applications it put back."""
        query = (
            select(undo_journal)
            .where(undo_journal.c.profile == self._profile)
            .order_by(undo_journal.c.id.desc())
            .limit(1)
        )
        if self._conn.dialect.name == "postgresql":
            query = query.with_for_update()
        row = self._conn.execute(query).first()
        if row is None:
            raise Refused("there is nothing to undo")
        change = _change(row._mapping)
        if change.is_restore:
            raise Refused(
                "the last change was a restore, which starts a new history: nothing before "
                "it can be undone (to start again, restore into a new, empty database)"
            )
        changes = json.loads(row.changes)
        before = {int(k): v for k, v in changes["before"].items()}
        now = images(self._conn, list(before))
        for app_id, expected in changes["after"].items():
            if fingerprint(now.get(int(app_id))) != expected:
                raise Refused(
                    f"application {app_id} was changed since without the undo journal; "
                    f"nothing was undone (see followup show {app_id})"
                )
        delete_applications(self._conn, list(before))
        above = changes.get("added_above")
        if above is not None:
            added = select(applications.c.id).where(
                applications.c.profile == self._profile, applications.c.id > above
            )
            delete_applications(self._conn, added)
        for table in _TABLES:
            values = [
                _typed(table, r) for image in before.values() if image for r in image[table.name]
            ]
            if values:
                self._conn.execute(insert(table), values)
        self._conn.execute(delete(undo_journal).where(undo_journal.c.id == row.id))
        restored = sorted(k for k, v in before.items() if v is not None)
        return change, row.rules_version, restored


def _change(row: Any) -> Change:
    return Change(
        command=row["command"],
        application_id=row["application_id"],
        company=row["company"],
        what=row["what"],
        on=row["on_date"],
        id=int(row["id"]),
        made_at=row["made_at"],
    )
