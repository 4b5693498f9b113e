"""What a SQLite file is and what SQLite's errors mean, in the user's words.

Apart from ``files`` (which makes, copies and guards the files) because the morning view's
fast read path (``fast``) needs only this, and ``files`` imports pathlib, whose import
(with urllib.parse and ipaddress) costs `followup due` more than its whole read.
Standard library only.
"""

from __future__ import annotations

import os
import sqlite3

from followup.errors import DamagedDatabase, FollowupError, ReadOnlyDatabase

SQLITE_HEADER = b"SQLite format 3\x00"
# SQLite's primary result codes (https://sqlite.org/rescode.html); an extended code keeps
# its primary one in the low byte.
_SQLITE_READONLY = 8
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26


def is_sqlite_file(path: str | os.PathLike[str]) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def read_only_uri(path: str | os.PathLike[str]) -> str:
    """A ``file:`` URI that opens ``path`` read-only, for ``sqlite3.connect(..., uri=True)``.

    Built by hand rather than with pathlib, whose import costs `followup due` more than its
    whole read: SQLite decodes %HH escapes in the path, and a ? or # would end it, so those
    three are escaped (https://sqlite.org/uri.html)."""
    if os.name != "posix":  # drive letters and backslashes: pathlib knows the form
        from pathlib import Path

        return f"{Path(path).resolve().as_uri()}?mode=ro"
    absolute = os.path.realpath(path)
    escaped = absolute.replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return f"file:{escaped}?mode=ro"


def damaged(where: str) -> DamagedDatabase:
    return DamagedDatabase(f"the database at {where} is damaged: run followup doctor")


def read_only(where: str) -> ReadOnlyDatabase:
    return ReadOnlyDatabase(
        f"the database at {where} is read-only (the file or its folder cannot be written); "
        "it can be read but not changed"
    )


def is_damage(exc: BaseException | None) -> bool:
    """Whether SQLite says the file's pages cannot be read: damaged, or not SQLite inside."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "disk image" in text


def sqlite_problem(exc: BaseException | None, where: str) -> FollowupError | None:
    """A SQLite error as one line the user can act on, or None when it is not one of ours."""
    if is_damage(exc):
        return damaged(where)
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(exc, sqlite3.Error) and isinstance(code, int) and code & 0xFF == _SQLITE_READONLY:
        return read_only(where)
    return None
