"""The morning view's fast read path must agree with the ordinary store, or step aside."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date, timedelta
from pathlib import Path

import pytest

from followup.domain import rules
from followup.domain.models import Channel, Contact, InterviewKind, Outcome, Via
from followup.profiles import profile_in_use
from followup.services import applications as services
from followup.services import morning
from followup.storage import fast as store_fast
from followup.storage import migrations

TODAY = date(2026, 11, 26)
FIXTURES = Path(__file__).parents[1] / "fixtures" / "databases"


PROFILES = ("default", "coached")


def _rules_version(recorded: object) -> str:
    """The default settings' version: what every profile here records."""
    return rules.RULES_VERSION


def _populate(db: str) -> None:
    for profile in PROFILES:
        with profile_in_use(profile):
            _populate_profile(db, "C" if profile == "default" else "K")
            morning.due(db, TODAY, 7, TODAY)  # settles the profile's rules version


@pytest.fixture
def populated(db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``db`` holding both profiles' histories. They are built once per test process (some
    fifty commands, a transaction each), by the first test that asks, in its isolated
    setting, and copied for every test after it."""
    built = tmp_path_factory.getbasetemp() / "store-fast-histories.db"
    if not built.exists():
        building = built.with_suffix(".building")
        _populate(str(building))
        building.rename(built)
    shutil.copyfile(built, db)
    return db


def _populate_profile(db: str, prefix: str) -> None:
    add = services.add_application
    for n in range(12):
        contact = Contact(phone="555") if n % 3 else Contact(email="hr@example.com")
        day = TODAY - timedelta(days=3 * n + len(prefix) - 1)
        new = services.NewApplication(f"{prefix}{n}", "Analyst", day, contact)
        app_id = add(db, TODAY, new).application.id
        if n % 2:
            services.log_touch(db, TODAY, app_id, services.NewTouch(TODAY - timedelta(days=n)))
        if n % 4 == 1:
            services.record_interview(
                db,
                TODAY,
                app_id,
                # Never before the application: such a date is refused.
                max(TODAY + timedelta(days=n - 6), day),
                InterviewKind.FIRST,
                services.InterviewDetails(with_=("Kim", "Ali"), prefers=Channel.EMAIL),
            )
        if n % 5 == 4:
            services.close_application(db, TODAY, app_id, Outcome.REJECTED, TODAY)
        if n == 7:
            services.log_touch(db, TODAY, app_id, services.NewTouch(TODAY, Via.EMAIL, inbound=True))


@pytest.mark.parametrize("folder", ["100% sure", "why?", "#1", "two  spaces", "café", "a%3fb"])
def test_the_fast_path_opens_a_file_whatever_its_folder_is_called(
    tmp_path: Path, folder: str
) -> None:
    # The read-only URI is built by hand (storage.fast): %, ? and # must not be read as
    # URI syntax, or the fast path would open another file, or none.
    db = tmp_path / folder / "followup.db"
    db.parent.mkdir()
    _populate(str(db))
    since, until = rules.next_steps_reminder_since(TODAY), TODAY + timedelta(days=7)
    fast = store_fast.read_morning(str(db), since, until, 10, _rules_version, "default")
    ordinary = services.morning_rows(str(db), since, until, 10, TODAY)
    assert fast is not None
    assert fast == ordinary
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder]  # no stray file made


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("offset", [-20, -3, 0, 5, 30])
def test_the_fast_path_reads_exactly_what_the_store_reads(
    populated: Path, offset: int, profile: str
) -> None:
    db = populated
    as_of = TODAY + timedelta(days=offset)
    since, until = rules.next_steps_reminder_since(as_of), as_of + timedelta(days=7)
    fast = store_fast.read_morning(str(db), since, until, 10, _rules_version, profile)
    with profile_in_use(profile):
        ordinary = services.morning_rows(str(db), since, until, 10, TODAY)
    assert fast is not None
    assert fast == ordinary
    assert fast.standings or fast.holding_off
    # Only this profile's applications, whichever way it was read.
    shown = [s.application for s in (*fast.standings, *fast.holding_off)]
    shown += [app for app, _ in fast.interviews]
    prefix = "C" if profile == "default" else "K"
    assert {app.company[0] for app in shown} == {prefix}


def test_the_fast_path_knows_every_migration() -> None:
    assert {name for name, _ in migrations.MIGRATIONS} == store_fast.MIGRATION_NAMES


def _fast(location: str) -> object:
    return store_fast.read_morning(location, TODAY, TODAY, 10, _rules_version, "default")


def test_the_fast_path_steps_aside_for_verdicts_from_older_rules(populated: Path) -> None:
    db = populated
    conn = sqlite3.connect(db)
    conn.execute("UPDATE profiles SET rules_version = 'older'")
    conn.commit()
    conn.close()
    assert _fast(str(db)) is None
    morning.due(str(db), TODAY, 7, TODAY)  # the ordinary path brings them up to date
    assert _fast(str(db)) is not None


def test_the_fast_path_steps_aside_for_an_older_schema(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    shutil.copy(FIXTURES / "001_initial.db", old)
    assert _fast(str(old)) is None


def test_the_fast_path_steps_aside_for_a_newer_schema(populated: Path) -> None:
    db = populated
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO schema_migrations VALUES ('999_future', 'x')")
    conn.commit()
    conn.close()
    assert _fast(str(db)) is None


@pytest.mark.parametrize(
    "location",
    ["postgresql+psycopg://u@localhost/x", "/nonexistent/followup.db", "sqlite:///:memory:"],
)
def test_the_fast_path_steps_aside_for_what_it_cannot_read(location: str) -> None:
    assert _fast(location) is None


def test_the_fast_path_never_creates_a_database(tmp_path: Path) -> None:
    assert _fast(str(tmp_path / "new.db")) is None
    assert not (tmp_path / "new.db").exists()


def test_the_everyday_due_does_not_import_sqlalchemy(populated: Path) -> None:
    probe = textwrap.dedent(
        """
        import sys
        sys.argv = ["followup", "due"]
        from followup.cli import main
        try:
            main()
        except SystemExit as done:
            assert not done.code, done.code
        print("SQLALCHEMY:", "sqlalchemy" in sys.modules)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("SQLALCHEMY: False")
    assert "C1 - Analyst" in done.stdout
