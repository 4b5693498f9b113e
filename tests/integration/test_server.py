"""A PostgreSQL server that is down, refuses the login or lacks the database: one line.

Real processes, as a user meets them: exit 75 when the server cannot be reached (try
again later), 1 when it refuses; never a traceback, and never the URL's password.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests.integration.test_processes import FOLLOWUP, followup
from tests.postgres import server_url

pytest.importorskip("psycopg", reason="PostgreSQL needs the driver: pip install -e '.[postgres]'")

SECRET = "s3cret-Pa55word"


@pytest.fixture(autouse=True)
def _elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run where a location taken for a file name (as followup once did) harms nothing."""
    monkeypatch.chdir(tmp_path)


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


def test_a_url_that_cannot_be_read_is_bad_input_without_the_password() -> None:
    url = f"postgresql+psycopg://seeker:{SECRET}@127.0.0.1:port/followup"
    message = _one_error_line(followup("--db", url, "list"), 2)
    assert message == (
        "Error: cannot read the database URL postgresql+psycopg://seeker:***@127.0.0.1:port/"
        "followup: its port is not a number\n"
    )


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


# --- No password in any message (issue 11, item 10) ---------------------------------------

# Two halves, so that a password split at an '@' or a '/' is caught by either.
FIRST, SECOND = "Zq7Sentinel", "Kx9Hidden"


def _where() -> tuple[str, str]:
    """``host:port`` and database of the test server, or of nothing at all (port 1)."""
    found = server_url()
    if found is None:
        return "127.0.0.1:1", "followup"
    server = make_url(found)
    return f"{server.host}:{server.port or 5432}", str(server.database)


def _leaky_locations() -> dict[str, str]:
    at, db = _where()
    return {
        "in the query": f"postgresql+psycopg://seeker@{at}/{db}?password={FIRST}",
        "sslpassword in the query": f"postgresql+psycopg://seeker@{at}/{db}?sslpassword={FIRST}",
        "unreadable": f"postgresql+psycopg://seeker:{FIRST}/{SECOND}@{at.split(':')[0]}:x/db",
        "no scheme": f"seeker:{FIRST}/{SECOND}@{at.split(':')[0]}:notaport/x",
        "unencoded @": f"postgresql+psycopg://seeker:{FIRST}@{SECOND}@{at}/{db}",
        "a user called malformed": f"postgresql+psycopg://malformed:{FIRST}@{at}/{db}",
        "a user called busy": f"postgresql+psycopg://busy:{FIRST}@{at}/{db}",
        "encoded": f"postgresql+psycopg://seeker:{FIRST}%2F{SECOND}@127.0.0.1:1/{db}",
        "no SSL": f"postgresql+psycopg://seeker:{FIRST}@{at}/{db}?sslmode=require",
        "bad option": f"postgresql+psycopg://seeker:{FIRST}@{at}/{db}?connect_timeout=abc",
        "async driver": f"postgresql+psycopg_async://seeker:{FIRST}@{at}/{db}",
    }


COMMANDS = [["due"], ["add", "Acme", "Analyst"], ["doctor"], ["export"], ["config", "show"]]
# The three leaks the trial found first go through every command; the rest through `due`.
EVERY_COMMAND = ("in the query", "unreadable", "a user called malformed")


@pytest.mark.parametrize("case", sorted(_leaky_locations()))
def test_no_command_shows_the_password_of_any_url(case: str) -> None:
    """Every kind of URL that once leaked its password: the password is never printed,
    and each failure is one line with a documented exit code."""
    location = _leaky_locations()[case]
    commands = COMMANDS if case in EVERY_COMMAND else COMMANDS[:1]
    # Side by side: each is a process of its own, and none of them writes anything.
    children = [
        (
            command,
            subprocess.Popen(
                [*FOLLOWUP, "--db", location, *command],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            ),
        )
        for command in commands
    ]
    for command, child in children:
        out, err = child.communicate(timeout=60)
        printed = out + err
        assert FIRST not in printed, (command, printed)
        assert SECOND not in printed, (command, printed)
        if command == ["config", "show"]:
            continue  # it does not open the database
        assert child.returncode in (1, 2, 75), (command, printed)
        assert len(err.splitlines()) == 1, (command, printed)
        assert "Traceback" not in printed


# --- Exit codes say what happened (issue 11, item 11) ----------------------------------


def _on_server(**changes: str) -> str:
    """The test server's URL with ``changes`` (user, password, query...), password shown."""
    server = make_url(_server())
    query = changes.pop("query", None)
    if query is not None:
        server = server.update_query_string(query)
    return server.set(**changes).render_as_string(hide_password=False)


def _masked(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def test_a_wrong_password_for_a_user_called_busy_is_refused_not_busy() -> None:
    url = _on_server(username="busy", password=SECRET)
    done = followup("--db", url, "due")
    assert done.returncode == 1, done.stderr
    assert done.stderr == (
        f"Error: the database server refused {_masked(url)}: "
        'password authentication failed for user "busy"\n'
    )


def test_a_user_called_malformed_is_refused_not_a_damaged_database() -> None:
    url = _on_server(username="malformed", password=SECRET)
    done = followup("--db", url, "list")
    assert done.returncode == 1, done.stderr
    assert done.stderr == (
        f"Error: the database server refused {_masked(url)}: "
        'password authentication failed for user "malformed"\n'
    )


def test_ssl_required_of_a_server_without_it_is_refused_not_unreachable() -> None:
    import psycopg

    url = _on_server(query="sslmode=require")
    server = make_url(url)
    try:
        psycopg.connect(
            host=server.host,
            port=server.port,
            user=server.username,
            password=server.password,
            dbname=server.database,
            sslmode="require",
        ).close()
    except psycopg.OperationalError:
        pass
    else:
        pytest.skip("this test server speaks SSL")
    done = followup("--db", url, "due")
    assert done.returncode == 1, done.stderr
    assert done.stderr == (
        f"Error: the database server refused {_masked(url)}: connection to server at "
        f'"{server.host}", port {server.port} failed: server does not support SSL, '
        "but SSL was required\n"
    )


DOWN = f"postgresql+psycopg://seeker:{SECRET}@127.0.0.1:1/followup"
MASKED_DOWN = "postgresql+psycopg://seeker:***@127.0.0.1:1/followup"
CHECK = "(check the URL's options and any PG* environment variables)"


@pytest.mark.parametrize(
    ("location", "env", "message"),
    [
        pytest.param(
            f"{DOWN}?connect_timeout=abc",
            {},
            f"cannot connect to {MASKED_DOWN}?connect_timeout=abc: "
            f"bad value for connect_timeout: 'abc' {CHECK}",
            id="connect_timeout=abc",
        ),
        pytest.param(
            f"{DOWN}?sslmode=sometimes",
            {},
            f"cannot connect to {MASKED_DOWN}?sslmode=sometimes: invalid sslmode value: "
            f'"sometimes" {CHECK}',
            id="sslmode=sometimes",
        ),
        pytest.param(
            f"{DOWN}?colour=blue",
            {},
            f'cannot connect to {MASKED_DOWN}?colour=blue: invalid connection option "colour" '
            f"{CHECK}",
            id="an unknown option",
        ),
        pytest.param(
            DOWN,
            {"PGSSLMODE": "sometimes"},
            f'cannot connect to {MASKED_DOWN}: invalid sslmode value: "sometimes" {CHECK}',
            id="PGSSLMODE=sometimes",
        ),
        pytest.param(
            DOWN.replace("postgresql+psycopg:", "postgresql+psycopg_async:"),
            {},
            f"{MASKED_DOWN.replace('psycopg:', 'psycopg_async:')} names an asynchronous "
            "driver (psycopg_async), which followup cannot use; write postgresql+psycopg:// "
            "instead",
            id="an asynchronous driver",
        ),
        pytest.param(
            DOWN.replace(f"{SECRET}@", f"{SECRET}@{SECRET}@"),
            {},
            f"cannot read the database URL {MASKED_DOWN}: it has an '@' in the password; "
            "write it as %40",
            id="an unencoded @",
        ),
        pytest.param(
            f"mysql://seeker:{SECRET}@127.0.0.1:1/followup",
            {},
            "mysql://seeker:***@127.0.0.1:1/followup is a mysql database; followup keeps its "
            "data in SQLite or PostgreSQL (postgresql+psycopg://USER@HOST/DBNAME)",
            id="another database",
        ),
        pytest.param(
            f"seeker:{SECRET}@127.0.0.1:1/followup",
            {},
            "seeker:***@127.0.0.1:1/followup looks like a database server without its "
            "scheme; write postgresql+psycopg:// in front of it",
            id="no scheme",
        ),
        pytest.param(
            "sqlite:///:memory:",
            {},
            "sqlite:///:memory: is a database in memory, which keeps nothing between "
            "commands; give a file: sqlite:///PATH or just PATH",
            id="in memory",
        ),
    ],
)
def test_a_database_url_that_cannot_be_used_is_bad_input_in_one_line(
    location: str, env: dict[str, str], message: str
) -> None:
    done = followup("--db", location, "due", env=env)
    assert done.returncode == 2, done.stderr
    assert done.stderr == f"Error: {message}\n"
    assert done.stdout == ""


def test_a_sqlite_url_option_the_driver_would_ignore_is_bad_input(tmp_path: Path) -> None:
    location = f"sqlite:///{tmp_path}/jobs.db?mode=ro"
    done = followup("--db", location, "due")
    assert done.returncode == 2, done.stderr
    assert done.stderr == (
        f"Error: cannot open database {location}: Query string argument(s) 'mode' are not "
        "accepted by the pysqlite driver and are being ignored; SQLite URI arguments "
        "require that 'uri=true' also be present in the URL.\n"
    )
    assert not (tmp_path / "jobs.db").exists()


def test_a_sqlite_url_option_too_large_for_the_driver_is_bad_input(tmp_path: Path) -> None:
    location = f"sqlite:///{tmp_path}/jobs.db?cached_statements={10**20}"
    done = followup("--db", location, "due")
    assert done.returncode == 2, done.stderr
    assert done.stderr == (
        f"Error: cannot connect to {location}: Python int too large to convert to C int "
        "(check the URL)\n"
    )


def test_a_host_that_cannot_be_a_name_is_bad_input() -> None:
    done = followup("--db", f"{DOWN}?host=%ff", "due")
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"Error: cannot connect to {MASKED_DOWN}?host=%ff: encoding ")
    assert len(done.stderr.splitlines()) == 1
