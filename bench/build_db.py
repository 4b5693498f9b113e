"""Build followup databases of a given size with realistic histories, fast.

The schema comes from followup itself (``storage.engine.open_database`` runs the
migrations); the rows are bulk-inserted with the sqlite3 module in one
transaction; each application's stored verdict is worked out by the real,
pure ``rules.assess`` over domain values built in memory, exactly as the
services would have stored it, and the rules version is recorded so that
``followup due`` does not recompute everything on its first run.

The shape of the data (its counts are in the report that ``run.py`` writes):

* applications are spread over the last ``HISTORY_DAYS`` days before
  ``BENCH_TODAY``; about 10 touches (6 to 14) and 0.5 interviews each;
* old applications are closed (rejected, no response, withdrawn, rarely an
  offer) after their last contact; only a bounded number of recent ones stay
  open, growing slowly with the size (``open_target``), so that the morning
  view holds a realistic few dozen to a couple of hundred items on the
  benchmark day whatever the size of the history.

Run it alone to build (or find) the cached databases and print what they hold::

    .venv/bin/python bench/build_db.py --sizes 1000,10000,100000
"""

from __future__ import annotations

import argparse
import enum
import hashlib
import os
import random
import sqlite3
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from followup.domain import dates, models, rules
from followup.domain.models import (
    Application,
    Channel,
    Contact,
    History,
    Interview,
    InterviewKind,
    Outcome,
    Touch,
    Via,
)
from followup.profiles import DEFAULT_PROFILE
from followup.storage import applications as storage_applications
from followup.storage import engine as storage_engine
from followup.storage import migrations
from followup.storage.migrations import MIGRATIONS

BENCH_DIR = Path(__file__).resolve().parent
CACHE_DIR = BENCH_DIR / ".cache"

# The benchmark day: FOLLOWUP_TODAY is pinned to it for every measured command.
BENCH_TODAY = date(2025, 6, 11)  # a Wednesday
HISTORY_DAYS = 540  # a year and a half of job hunting
ACTIVE_DAYS = 60  # only applications younger than this may still be open
SEED = 20250611
# Bump when the generated data changes shape, so that cached databases are rebuilt.
GENERATOR_VERSION = "3"
CHUNK = 5_000  # applications generated, judged and inserted at a time

COMPANIES = (
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Hooli",
    "Stark Industries",
    "Wayne Enterprises",
    "Wonka",
    "Tyrell",
    "Cyberdyne",
    "Soylent",
    "Aperture",
    "Vandelay Industries",
    "Massive Dynamic",
    "Oscorp",
    "Pied Piper",
)
ROLES = (
    "Software Engineer",
    "Data Analyst",
    "Product Manager",
    "Site Reliability Engineer",
    "QA Engineer",
    "Technical Writer",
    "Backend Developer",
    "UX Designer",
)
NAMES = ("Alex Kim", "Sam Patel", "Jordan Lee", "Robin Diaz", "Chris Novak", "Dana Okafor")
OUTBOUND_VIA = (Via.CALL, Via.VOICEMAIL, Via.NO_ANSWER, Via.EMAIL)
OUTBOUND_WEIGHTS = (40, 15, 10, 35)
CLOSING_OUTCOMES = (Outcome.REJECTED, Outcome.NO_RESPONSE, Outcome.WITHDRAWN, Outcome.OFFER)
CLOSING_WEIGHTS = (50, 35, 12, 3)


def open_target(n: int) -> int:
    """How many applications are still open: a bounded, slowly growing number.

    A longer history means a somewhat busier search, but what is due must not
    grow with the history, or a benchmark of ``due`` would measure the length
    of its output rather than the size of the database.
    """
    return min(n, round(150 * (n / 1000) ** 0.2)) if n else 0


def cache_key(n: int) -> str:
    """Everything the built database depends on; a change means a rebuild."""
    parts = [
        GENERATOR_VERSION,
        str(n),
        str(SEED),
        BENCH_TODAY.isoformat(),
        str(HISTORY_DAYS),
        str(ACTIVE_DAYS),
        rules.RULES_VERSION,
        *(name for name, _ in MIGRATIONS),
    ]
    digest = hashlib.sha256("|".join(parts).encode())
    # The schema and the verdicts come from this code: a change to it, even one that
    # forgot to bump RULES_VERSION or edited a migration in place, means a rebuild.
    for module in (migrations, models, dates, rules, storage_applications):
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.hexdigest()[:12]


def cached_path(n: int) -> Path:
    return CACHE_DIR / f"followup-{n}-{cache_key(n)}.db"


@dataclass
class _Ids:
    """The next id of each table: ids are the order of entry, as in a real database."""

    touch: int = 1
    interview: int = 1
    interviewer: int = 1


@dataclass(frozen=True)
class _Rows:
    applications: list[dict[str, object]]
    touches: list[dict[str, object]]
    interviews: list[dict[str, object]]
    interviewers: list[dict[str, object]]


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _day_between(rng: random.Random, start: date, end: date) -> date:
    if end <= start:
        return start
    return start + timedelta(days=rng.randint(0, (end - start).days))


def _application(rng: random.Random, app_id: int, applied_on: date) -> Application:
    has_phone = rng.random() < 0.7
    return Application(
        id=app_id,
        company=f"{rng.choice(COMPANIES)} {app_id}",
        role=rng.choice(ROLES),
        applied_on=applied_on,
        contact=Contact(
            rng.choice(NAMES) if rng.random() < 0.6 else None,
            f"+1 555 {rng.randint(1_000_000, 9_999_999)}" if has_phone else None,
            f"hiring{app_id}@example.com" if rng.random() < 0.8 or not has_phone else None,
        ),
        do_not_call=rng.random() < 0.1,
        url=f"https://jobs.example.com/{app_id}" if rng.random() < 0.5 else None,
        pitch="ten years of Python and a taste for boring reliability"
        if rng.random() < 0.5
        else None,
        note="found through a friend" if rng.random() < 0.2 else None,
    )


def _interviews(
    rng: random.Random, app: Application, end: date, still_open: bool, ids: _Ids
) -> list[Interview]:
    count = rng.choices((0, 1, 2), weights=(60, 30, 10))[0]
    if count == 0:
        return []
    days = sorted(_day_between(rng, app.applied_on + timedelta(days=5), end) for _ in range(count))
    kinds = (InterviewKind.PHONE_SCREEN, InterviewKind.FIRST, InterviewKind.SECOND)
    found: list[Interview] = []
    for n, on in enumerate(days):
        logged_on = on
        if still_open and n == count - 1 and rng.random() < 0.15:
            # Scheduled: it shows in the morning view on its day and before it.
            on = BENCH_TODAY + timedelta(days=rng.randint(0, 14))
            logged_on = max(app.applied_on, BENCH_TODAY - timedelta(days=rng.randint(0, 5)))
        found.append(
            Interview(
                id=ids.interview,
                application_id=app.id,
                on=on,
                logged_on=logged_on,
                kind=kinds[min(n, len(kinds) - 1)],
                with_=tuple(rng.sample(NAMES, rng.randint(1, 2))),
                next_steps="a take-home exercise" if rng.random() < 0.6 else None,
                timeline="they decide within two weeks" if rng.random() < 0.4 else None,
                prefers=rng.choice((Channel.CALL, Channel.EMAIL)) if rng.random() < 0.3 else None,
                follow_up_on=on + timedelta(days=rng.randint(7, 14))
                if rng.random() < 0.2
                else None,
            )
        )
        ids.interview += 1
    return found


def _touches(rng: random.Random, app: Application, end: date, ids: _Ids) -> list[Touch]:
    count = rng.randint(6, 14)  # about 10, as real searches have (issue 17)
    days = sorted(_day_between(rng, app.applied_on + timedelta(days=1), end) for _ in range(count))
    found: list[Touch] = []
    for on in days:
        inbound = rng.random() < 0.35
        via = (
            rng.choice((Via.CALL, Via.EMAIL))
            if inbound
            else rng.choices(OUTBOUND_VIA, weights=OUTBOUND_WEIGHTS)[0]
        )
        found.append(
            Touch(
                id=ids.touch,
                application_id=app.id,
                on=on,
                via=via,
                inbound=inbound,
                follow_up_on=on + timedelta(days=rng.randint(5, 21))
                if rng.random() < 0.08
                else None,
                note="left a short message" if rng.random() < 0.3 else None,
            )
        )
        ids.touch += 1
    return found


def _history(
    rng: random.Random, app_id: int, applied_on: date, still_open: bool, ids: _Ids
) -> History:
    app = _application(rng, app_id, applied_on)
    yesterday = BENCH_TODAY - timedelta(days=1)
    if still_open:
        end = yesterday
    else:
        end = min(yesterday, applied_on + timedelta(days=rng.randint(14, 90)))
    interviews = _interviews(rng, app, end, still_open, ids)
    touches = _touches(rng, app, end, ids)
    if not still_open:
        last = max([end, *(t.on for t in touches), *(i.on for i in interviews)])
        closed_on = min(yesterday, last + timedelta(days=rng.randint(0, 10)))
        outcome = rng.choices(CLOSING_OUTCOMES, weights=CLOSING_WEIGHTS)[0]
        app = app._replace(closed_on=closed_on, outcome=outcome)
    return History(app, tuple(touches), tuple(interviews))


def _sql(value: object) -> object:
    """What the sqlite3 module stores for a value, as SQLAlchemy's types would store it."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _row(values: dict[str, Any]) -> dict[str, object]:
    return {column: _sql(value) for column, value in values.items()}


def _rows(histories: Sequence[History], ids: _Ids) -> _Rows:
    """Rows by column name; the application and interview columns come from the store's own
    mapping, so that a column added to the schema is filled as the application fills it."""
    rows = _Rows([], [], [], [])
    for history in histories:
        app = history.application
        verdict = rules.assess(history, BENCH_TODAY)
        window = verdict.next_contact
        rows.applications.append(
            _row(
                {"id": app.id}
                | storage_applications.application_values(app)
                | {
                    "stage": verdict.stage,
                    "next_earliest": window.earliest if window else None,
                    "next_latest": window.latest if window else None,
                    "next_action": window.action if window else None,
                    "next_reason": window.reason if window else None,
                    "waiting": verdict.waiting,
                }
            )
        )
        rows.touches.extend(
            _row(
                {
                    "id": t.id,
                    "application_id": t.application_id,
                    "on_date": t.on,
                    "via": t.via,
                    "inbound": t.inbound,
                    "follow_up_on": t.follow_up_on,
                    "note": t.note,
                }
            )
            for t in history.touches
        )
        for i in history.interviews:
            rows.interviews.append(
                _row(
                    {"id": i.id, "application_id": i.application_id}
                    | storage_applications.Store._interview_values(i)
                )
            )
            for position, name in enumerate(i.with_):
                rows.interviewers.append(
                    {
                        "id": ids.interviewer,
                        "interview_id": i.id,
                        "position": position,
                        "name": name,
                    }
                )
                ids.interviewer += 1
    return rows


def _insert(conn: sqlite3.Connection, table: str, rows: list[dict[str, object]]) -> None:
    if rows:
        columns = list(rows[0])
        names = ", ".join(columns)
        marks = ", ".join(f":{c}" for c in columns)
        conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def _plan(n: int, rng: random.Random) -> list[tuple[date, bool]]:
    """Each application's date, and whether it is still open on the benchmark day."""
    ages = [rng.randint(1, HISTORY_DAYS) for _ in range(n)]
    recent = sum(1 for age in ages if age <= ACTIVE_DAYS)
    chance = min(1.0, open_target(n) / recent) if recent else 0.0
    return [
        (BENCH_TODAY - timedelta(days=age), age <= ACTIVE_DAYS and rng.random() < chance)
        for age in ages
    ]


def _chunks(n: int, rng: random.Random, ids: _Ids) -> Iterator[_Rows]:
    plan = _plan(n, rng)
    for start in range(0, n, CHUNK):
        histories = [
            _history(rng, start + k + 1, applied_on, still_open, ids)
            for k, (applied_on, still_open) in enumerate(plan[start : start + CHUNK])
        ]
        yield _rows(histories, ids)


def _fill(path: Path, n: int) -> None:
    engine = storage_engine.open_database(str(path))  # the real schema, through the real migrations
    engine.dispose()
    rng = random.Random(SEED + n)
    ids = _Ids()
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        for rows in _chunks(n, rng, ids):
            _insert(conn, "applications", rows.applications)
            _insert(conn, "touches", rows.touches)
            _insert(conn, "interviews", rows.interviews)
            _insert(conn, "interviewers", rows.interviewers)
        # The verdicts above are the default settings' (the bench has no settings file);
        # none are recorded for the profile yet, as before its first write command.
        conn.execute(
            "INSERT OR REPLACE INTO profiles (profile, settings, rules_version)"
            " VALUES (?, NULL, ?)",
            (DEFAULT_PROFILE, rules.RULES_VERSION),
        )
        conn.execute("COMMIT")
        # Fold the WAL into the file, so that the cached database is one self-contained file.
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def build(n: int, *, force: bool = False) -> Path:
    """The cached database of ``n`` applications, built first if needed."""
    path = cached_path(n)
    if path.exists() and not force:
        return path
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    for stale in CACHE_DIR.glob(f"followup-{n}-*.db"):
        stale.unlink()  # built by an older generator or for older rules
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    companions = (Path(f"{partial}-wal"), Path(f"{partial}-shm"))
    try:
        for leftover in (partial, *companions):
            leftover.unlink(missing_ok=True)
        _fill(partial, n)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        for companion in companions:
            companion.unlink(missing_ok=True)
    partial.replace(path)
    return path


@dataclass(frozen=True)
class Summary:
    applications: int
    open: int
    touches: int
    interviews: int
    due_today: int
    due_within_week: int


def summarize(path: Path) -> Summary:
    today = BENCH_TODAY.isoformat()
    week = (BENCH_TODAY + timedelta(days=7)).isoformat()
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:

        def count(sql: str, *args: str) -> int:
            return int(conn.execute(sql, args).fetchone()[0])

        open_apps = "SELECT count(*) FROM applications WHERE closed_on IS NULL"
        return Summary(
            applications=count("SELECT count(*) FROM applications"),
            open=count(open_apps),
            touches=count("SELECT count(*) FROM touches"),
            interviews=count("SELECT count(*) FROM interviews"),
            due_today=count(f"{open_apps} AND next_earliest <= ?", today),
            due_within_week=count(f"{open_apps} AND next_earliest <= ?", week),
        )
    finally:
        conn.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated sizes")
    parser.add_argument("--force", action="store_true", help="rebuild even if cached")
    args = parser.parse_args(argv)
    for n in (int(s) for s in args.sizes.split(",") if s.strip()):
        started = time.perf_counter()
        path = build(n, force=args.force)
        took = time.perf_counter() - started
        print(f"{n:>7} applications: {path} ({took:.1f} s) {summarize(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
