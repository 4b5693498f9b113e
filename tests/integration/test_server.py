"""A PostgreSQL server that is down, refuses the login or lacks the database: one line.

Real processes, as a user meets them: exit 75 when the server cannot be reached (try
again later), 1 when it refuses; never a traceback, and never the URL's password.
"""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url

from tests.integration.test_processes import followup
from tests.postgres import server_url

pytest.importorskip("psycopg", reason="PostgreSQL needs the driver: pip install -e '.[postgres]'")

SECRET = "s3cret-Pa55word"


def _one_error_line(done: object, code: int) -> str:
    returncode, stdout, stderr = done.returncode, done.stdout, done.stderr  # type: ignore[attr-defined]
    assert returncode == code, stderr
    assert stdout == ""
    assert stderr.startswith("Error: ")
    assert len(stderr.splitlines()) == 1, stderr
    assert "Traceback" not in stderr
    assert SECRET not in stderr
    return str(stderr)


@pytest.mark.parametrize("scheme", ["postgresql+psycopg", "postgresql"])
@pytest.mark.parametrize("command", [["list"], ["add", "Acme", "Analyst"], ["due"]])
def test_a_server_that_is_down_gives_exit_75_in_one_line_without_the_password(
    scheme: str, command: list[str]
) -> None:
    # Nothing listens on port 1 of this machine: the connection is refused at once.
    url = f"{scheme}://seeker:{SECRET}@127.0.0.1:1/followup"
    message = _one_error_line(followup("--db", url, *command), 75)
    assert message.startswith(
        f"Error: cannot reach the database server for {scheme}://seeker:***@127.0.0.1:1/followup: "
    )
    assert "Connection refused" in message


def test_backup_refuses_a_server_database_with_the_advice_without_connecting() -> None:
    url = f"postgresql+psycopg://seeker:{SECRET}@127.0.0.1:1/followup"
    message = _one_error_line(followup("--db", url, "backup"), 1)
    assert "pg_dump" in message


def test_a_url_that_cannot_be_read_is_refused_without_the_password() -> None:
    url = f"postgresql+psycopg://seeker:{SECRET}@127.0.0.1:port/followup"
    message = _one_error_line(followup("--db", url, "list"), 1)
    assert message.startswith("Error: cannot open database postgresql+psycopg://seeker:***@")


def _server() -> str:
    found = server_url()
    if found is None:
        pytest.skip("needs a PostgreSQL server: set FOLLOWUP_TEST_PG_URL")
    return found


def test_a_wrong_password_gives_exit_1_in_one_line_without_it() -> None:
    server = make_url(_server())
    if not server.password:
        pytest.skip("the server given takes no password")
    wrong = server.set(password=SECRET).render_as_string(hide_password=False)
    message = _one_error_line(followup("--db", wrong, "list"), 1)
    assert message.startswith("Error: the database server refused ")
    assert "password authentication failed" in message


def test_a_database_that_does_not_exist_gives_exit_1_naming_it() -> None:
    server = make_url(_server()).set(database="followup_no_such_database")
    missing = server.render_as_string(hide_password=False)
    message = _one_error_line(followup("--db", missing, "list"), 1)
    assert 'database "followup_no_such_database" does not exist' in message
