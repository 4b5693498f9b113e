"""Shared fixtures. No test may touch a real user's data: the database is always in tmp_path.

The store, CLI and concurrency tests run twice: on a SQLite file, and on a fresh
PostgreSQL database when FOLLOWUP_TEST_PG_URL names a server (tests/postgres.py); without
it their ``[postgres]`` runs are skipped with the reason. Which tests: everything under
``ON_POSTGRES_TOO`` except those marked ``sqlite_only`` (about SQLite files themselves).
"""

from __future__ import annotations

import functools
import os
import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer.main
import typer.testing
from hypothesis import HealthCheck, settings

from tests.postgres import SKIP_REASON, fresh_database, server_url

TODAY = "2026-11-26"  # a Thursday

ROOT = Path(__file__).resolve().parents[1]
# Where ``backend`` skips, 0-based as pytest keeps it.
_SKIP_LINE = next(
    n
    for n, line in enumerate(Path(__file__).read_text().splitlines())
    if line.strip() == "pytest.skip(" + "SKIP_REASON)"
)
ON_POSTGRES_TOO = (
    "tests/cli/",
    "tests/integration/test_store.py",
    "tests/integration/test_prep_store.py",
    "tests/integration/test_processes.py",
    "tests/integration/test_imports_at_once.py",
    "tests/integration/test_moving.py",
)


# Typer's CliRunner builds followup's whole command tree again on every invoke (each
# command's signature and type hints read anew): about 30 ms, more than most commands' own
# work, and the tests invoke it thousands of times. The tree is fixed once followup.cli is
# imported, so each test process builds it once; what a command does with its arguments is
# unchanged, and the real processes the tests start build it as the installed command does.
if hasattr(typer.testing, "_get_command"):
    typer.testing._get_command = functools.cache(typer.main.get_command)
else:  # pragma: no cover - a Typer release that builds it under another name
    warnings.warn(
        "typer.testing._get_command is gone: CliRunner now builds the command tree on every "
        "invoke, and the suite is slower for it (tests/conftest.py)",
        stacklevel=1,
    )


# No test asserts a duration (timings go in bench/), and Hypothesis's deadline and too-slow
# check are timings: on a busy shared machine they fail tests that are right. The number of
# examples stays each test's own (Hypothesis's 100 unless it says).
settings.register_profile("followup", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("followup")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only: about SQLite files themselves; never run on PostgreSQL"
    )
    config.addinivalue_line(
        "markers",
        "empty_database: on SQLite, start from an empty followup database (a copy of one "
        "migrated once per test process) instead of no file at all; for tests that never "
        "look at how the file came to be",
    )
    _temporary_files_in_memory(config)


# Room a run needs there, with the three runs pytest keeps: about 50 MB each.
_RAM_DISK_ROOM = 1 << 30


def _temporary_files_in_memory(config: pytest.Config) -> None:
    """Keep tmp_path on a RAM disk (Linux's /dev/shm) when there is one with room.

    Every command commits with fsync, and on a disk shared with other work each one can
    wait on the journal behind everybody else's writes: the CLI tests took 106 s there and
    42 s in memory on a busy 2-core machine. The files are the same real SQLite files, with
    the same modes and locks; only a power cut would tell them apart, and no test makes one.
    ``--basetemp`` or PYTEST_DEBUG_TEMPROOT chooses elsewhere, as without this.
    """
    if config.option.basetemp or "PYTEST_DEBUG_TEMPROOT" in os.environ:
        return
    if hasattr(config, "workerinput"):
        return  # an xdist worker: its folder is the controller's choice
    shm = Path("/dev/shm")
    try:
        usable = shm.is_dir() and os.access(shm, os.W_OK | os.X_OK)
        room = os.statvfs(shm).f_bavail * os.statvfs(shm).f_frsize if usable else 0
    except OSError:
        return
    if room >= _RAM_DISK_ROOM:
        os.environ["PYTEST_DEBUG_TEMPROOT"] = str(shm)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run the store, CLI and concurrency tests on each database ``backend``."""
    if "backend" not in metafunc.fixturenames:
        return
    where = Path(metafunc.definition.path).resolve().relative_to(ROOT).as_posix()
    if not where.startswith(ON_POSTGRES_TOO):
        return
    if metafunc.definition.get_closest_marker("sqlite_only") is not None:
        return
    metafunc.parametrize("backend", ["sqlite", "postgres"], indirect=True)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> pytest.TestReport:
    """Report every ``[postgres]`` skip from here, so that the summary says it on one line."""
    report: pytest.TestReport = yield
    if report.skipped and isinstance(report.longrepr, tuple) and SKIP_REASON in report.longrepr[2]:
        report.longrepr = (__file__, _SKIP_LINE, report.longrepr[2])
    return report


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """``sqlite`` or ``postgres``: where this run of the test keeps its data."""
    name = str(getattr(request, "param", "sqlite"))
    if name == "postgres" and server_url() is None:
        # Skipped here, in one place, so that the summary says it once for all of them.
        pytest.skip(SKIP_REASON)
    return name


@pytest.fixture(scope="session")
def empty_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A followup database as a first command finds it once it has opened it: created,
    migrated, in WAL mode and private, with no rows. Made once per test process: building
    it through every migration costs a new database about 30 ms and a few dozen fsyncs."""
    from followup.storage.engine import open_database

    path = tmp_path_factory.mktemp("empty-database") / "followup.db"
    open_database(str(path)).dispose()
    # The last connection closed has folded the write-ahead log back into the file.
    assert sorted(p.name for p in path.parent.iterdir()) == ["followup.db"]
    return path


@pytest.fixture(autouse=True)
def isolated_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, backend: str, request: pytest.FixtureRequest
) -> Iterator[Path | str]:
    """Point followup at a fresh database, a fixed today and a terminal without colour.

    The database is a file in tmp_path (a Path), or a new PostgreSQL database (its URL).
    There is no file yet, unless the test is marked ``empty_database``: then, on SQLite, it
    starts as a copy of ``empty_database``.
    """
    db: Path | str = tmp_path / "followup.db"
    monkeypatch.setenv("FOLLOWUP_DB", str(db))
    monkeypatch.delenv("FOLLOWUP_PROFILE", raising=False)
    monkeypatch.setenv("FOLLOWUP_TODAY", TODAY)
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("FOLLOWUP_BUSY_TIMEOUT_MS", raising=False)
    # A locale with no territory, so that no country's holidays count unless a test says so
    # (a machine with LANG=en_US.UTF-8 would otherwise skip US holidays: docs/settings.md).
    # UTF-8 still, for the real processes the tests start.
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_TIME", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    # Keep platformdirs away from the real home directory as well, settings included.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("FOLLOWUP_CONFIG_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    if backend != "postgres":
        if request.node.get_closest_marker("empty_database") is not None:
            shutil.copyfile(request.getfixturevalue("empty_database"), db)
            db.chmod(0o600)
        yield db
        return
    server = server_url()
    assert server is not None
    with fresh_database(server) as url:
        monkeypatch.setenv("FOLLOWUP_DB", url)
        yield url


@pytest.fixture
def db(isolated_env: Path) -> Path:
    """The test's database: a file (a Path), or on PostgreSQL its URL (a str)."""
    return isolated_env
