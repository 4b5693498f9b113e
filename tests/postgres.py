"""A real PostgreSQL for the tests, when one is given: FOLLOWUP_TEST_PG_URL.

The URL names a server and a user allowed to create databases (any database on it to
connect to first, such as ``postgres``). Each test gets a database of its own,
``followup_test_<random>``, created before it and dropped after it; nothing else on the
server is touched. `.ci/run` starts a throwaway server and sets the variable.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

PG_URL_ENV = "FOLLOWUP_TEST_PG_URL"
SKIP_REASON = (
    f"PostgreSQL not given: set {PG_URL_ENV} to run the store, CLI and concurrency tests "
    "against a server as well (README, 'Run the tests')"
)


def server_url() -> str | None:
    return os.environ.get(PG_URL_ENV) or None


@contextmanager
def fresh_database(server: str) -> Iterator[str]:
    """A new, empty database on ``server``, dropped afterwards; yields its URL."""
    name = f"followup_test_{secrets.token_hex(6)}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        try:
            yield make_url(server).set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                # FORCE: a process the test killed may still hold a connection.
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()


def plain_engine(db: object) -> Engine:
    """An engine on a test's database (a file path or a URL), to look at it from outside."""
    location = str(db)
    url = location if "://" in location else f"sqlite:///{location}"
    return create_engine(url, poolclass=NullPool)
