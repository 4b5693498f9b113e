"""What a PostgreSQL server (or libpq, before one answers) said, as one line and an exit code.

The code says what happened before any words do. Once a session exists every error
carries a SQLSTATE, and that decides. A connection that fails carries none (libpq has no
result to put it in), so its text is read instead, and only where the speaker is known:
the server's own words follow ``FATAL:``, libpq's stand alone when no server answered.
Quoted names (the user's, the database's, the host's) are taken out before any word is
matched, so that a user called "busy" or a database called "refused" changes nothing.

The exit codes: 75 when trying again later may work (no server, a server starting up or
full, a lock held too long); 1 when the server answered and said no (a wrong password,
no such database, no SSL where the URL requires it); 2 when the URL or the PG*
environment variables hold a setting that cannot be used.
"""

from __future__ import annotations

import re

from followup.errors import BadInput, DatabaseBusy, DatabaseUnavailable, FollowupError
from followup.storage.locations import scrubbed, shown

BUSY = "the database is busy: another followup is writing to it; try again in a moment"
# PostgreSQL's codes for: lock timeout, deadlock, serialization failure.
BUSY_STATES = frozenset({"55P03", "40P01", "40001"})
# Codes (or their classes) for: no connection (08), the server shutting down or starting
# up (57P01-57P03), too many connections or no memory or disk (53), a statement cancelled
# by a timeout or by hand (57014).
_TRY_AGAIN_STATES = ("08", "57P01", "57P02", "57P03", "53", "57014")
# Codes a command meets from a server that refuses it: a login or privilege (28, 42501),
# a database that does not exist (3D000), a server that only reads (25006).
REFUSED_STATES = ("28", "42501", "3D000", "25006")

# The server's words, after FATAL:, when it cannot take a connection now but may later.
_SERVER_NOT_READY = (
    "the database system is",
    "too many clients",
    "too many connections",
    "remaining connection slots",
)
# libpq's own words when there is no server to talk to, or it went away.
_NO_SERVER = (
    "connection refused",
    "timeout expired",
    "timed out",
    "could not translate host name",
    "failed to resolve host",
    "name or service not known",
    "temporary failure in name resolution",
    "no route to host",
    "network is unreachable",
    "no such file or directory",
    "could not connect",
    "server closed the connection",
    "connection reset",
    "connection is lost",
    "could not receive data",
    "could not send data",
    "ssl syscall error",
    "terminating connection",
)
# libpq's and psycopg's words for a setting they cannot use, before they try to connect.
_BAD_SETTING = re.compile(
    r"invalid connection option|invalid [\w ]*value|invalid port number|bad value for"
    r"|definition of service|missing .{0,4} after|unterminated quoted string"
    r"|invalid dsn|invalid uri",
)
_QUOTED = re.compile(r"\"[^\"]*\"|'[^'\s]*'")
_DRIVER_PREFIXES = ("connection failed: ", "connection is bad: ")


def _words(text: str) -> str:
    """``text`` to match words in: lower case, every quoted name left out."""
    return _QUOTED.sub('""', text).lower()


def _unreachable(location: str, reason: str) -> DatabaseUnavailable:
    return DatabaseUnavailable(
        f"cannot reach the database server for {shown(location)}: {reason}; try again once it is up"
    )


def _refused(location: str, reason: str) -> FollowupError:
    return FollowupError(f"the database server refused {shown(location)}: {reason}")


def bad_setting(location: str, reason: str, *, server: bool = True) -> BadInput:
    """A setting the driver cannot use, from the URL (or on a server, a PG* variable)."""
    where = "the URL's options and any PG* environment variables" if server else "the URL"
    return BadInput(f"cannot connect to {shown(location)}: {reason} (check {where})")


def server_error(orig: BaseException | None, location: str) -> FollowupError:
    """The error a PostgreSQL driver raised, as one line the user can act on."""
    raw = str(orig)
    text = scrubbed(raw, location)
    state = str(getattr(orig, "sqlstate", None) or "")
    if state in BUSY_STATES:
        return DatabaseBusy(BUSY)
    if state:
        primary = getattr(getattr(orig, "diag", None), "message_primary", None)
        reason = scrubbed(str(primary), location) if primary else text
        if state.startswith(_TRY_AGAIN_STATES):
            return _unreachable(location, reason)
        return _refused(location, reason)
    if "FATAL:" in _QUOTED.sub('""', raw):
        # The server answered: its words follow the last FATAL: (after libpq names the host).
        reason = text.rpartition("FATAL:")[2].strip()
        if any(word in _words(raw.rpartition("FATAL:")[2]) for word in _SERVER_NOT_READY):
            return _unreachable(location, reason)
        return _refused(location, reason)
    reason = text
    for prefix in _DRIVER_PREFIXES:
        reason = reason.removeprefix(prefix)
    words = _words(raw)
    if any(word in words for word in _NO_SERVER):
        return _unreachable(location, reason)
    if _BAD_SETTING.search(words):
        return bad_setting(location, reason)
    # libpq stopped before a session for a reason of its own: no SSL where the URL
    # requires it, a certificate it will not trust, no password to send.
    return _refused(location, reason)
