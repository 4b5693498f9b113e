"""The files of a SQLite database: private to the user, created carefully, copied whole.

Shared by opening (``engine``) and copying (``backups``); nothing here knows a table.
"""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path

from sqlalchemy import (
    Engine,
)

from followup.errors import (
    NotOurDatabase,
    Refused,
)

SQLITE_HEADER = b"SQLite format 3\x00"


def make_private_dirs(directory: Path) -> None:
    """Create missing directories as 0700; one that exists is the user's and left alone."""
    missing = []
    while not directory.exists():
        missing.append(directory)
        directory = directory.parent
    for new in reversed(missing):
        # os.makedirs would apply the mode to the last directory only.
        with suppress(FileExistsError):
            new.mkdir(mode=0o700)


def prepare_sqlite_file(path: Path) -> None:
    """Refuse what is not ours before SQLite touches it; create a new file private to the user."""
    if path.is_dir():
        raise NotOurDatabase(f"{path} is a directory, not a followup database")
    if path.exists():
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
        if header and header != SQLITE_HEADER:
            raise NotOurDatabase(f"{path} is not a followup database; it was left untouched")
        return
    make_private_dirs(path.parent)
    # If another process created it first, it made it private too.
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def make_private(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        companion = Path(f"{path}{suffix}")
        if companion.exists() and companion.stat().st_mode & 0o077:
            companion.chmod(0o600)


def private_new_file(target: Path) -> None:
    make_private_dirs(target.parent)
    try:
        os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        raise Refused(f"{target} already exists; choose another file") from None


def unused_name(target: Path) -> Path:
    """``target``, or the same name with -2, -3 ... when it is taken."""
    candidate, n = target, 1
    while candidate.exists():
        n += 1
        candidate = target.with_name(f"{target.stem}-{n}{target.suffix}")
    return candidate


def vacuum_into(engine: Engine, target: Path) -> None:
    """A consistent snapshot of committed data, made by SQLite itself (never a file copy)."""
    private_new_file(target)
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("VACUUM INTO ?", (str(target),))
        cursor.close()
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    finally:
        raw.close()
