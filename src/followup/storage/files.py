"""The files of a SQLite database: private to the user, created carefully, copied whole.

Shared by opening (``engine``), copying (``backups``), the fast read path (``fast``) and
exports; nothing here knows a table. Standard library only (SQLAlchemy for types alone),
so that the fast read path may use it.

Other processes share these files: SQLite removes ``-wal`` and ``-shm`` when the last
connection closes, and another followup may create or replace a file at any moment. So
no check here is trusted to still hold when the act follows it: every act tolerates the
file having vanished (or appeared) in between.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from followup.errors import (
    BadInput,
    FollowupError,
    NotOurDatabase,
    Refused,
)
from followup.settings import PAUSE_ENV
from followup.storage.sqlite_file import SQLITE_HEADER, is_sqlite_file

if TYPE_CHECKING:
    from sqlalchemy import Engine


class NameTaken(Refused):
    """The name a new copy was to get is taken (perhaps by another process a moment ago)."""


def companions(path: Path) -> list[Path]:
    """The database file and the files SQLite keeps beside it while it is in use."""
    return [Path(f"{path}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")]


def path_problem(exc: OSError, path: Path, doing: str) -> FollowupError:
    """An operating system's refusal to make or open ``path``, as one line."""
    if isinstance(exc, NotADirectoryError):
        # Some folder on the way is a file: the path itself cannot work (exit 2).
        blocker = next((p for p in path.parents if p.is_file()), path.parent)
        return BadInput(f"cannot {doing} {path}: {blocker} is a file, not a folder")
    reason = exc.strerror or type(exc).__name__
    if isinstance(exc, FileNotFoundError) and not path.parent.exists():
        reason = f"there is no folder {path.parent}, and it cannot be made"
    return FollowupError(f"cannot {doing} {path}: {reason}")


# --- making and opening -----------------------------------------------------------------------


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
    try:
        _prepare(path)
    except OSError as exc:
        raise path_problem(exc, path, "open the database at") from None


def _prepare(path: Path) -> None:
    if path.is_dir():
        raise NotOurDatabase(f"{path} is a directory, not a followup database")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        pass  # a new database (or one removed a moment ago): made below
    else:
        if header and header != SQLITE_HEADER:
            raise NotOurDatabase(f"{path} is not a followup database; it was left untouched")
        return
    make_private_dirs(path.parent)
    # If another process created it first, it made it private too.
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def _writable(path: Path) -> bool:
    """Whether the user means ``path`` to be written: its mode, and the system's word.

    The mode bits count even for root, who may write anything: ``chmod 444`` is how a user
    says "keep this as it is", and followup honours it whoever runs it.
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return True  # nothing there yet (or it just went): creating it is a separate question
    return bool(mode & stat.S_IWUSR) and os.access(path, os.W_OK)


def is_read_only(path: Path) -> bool:
    """A database that must not be changed: the file, or the folder its journal goes in."""
    return not _writable(path) or (path.exists() and not _writable(path.parent))


def make_private(path: Path) -> None:
    """Take group and other permissions off the database files; never add any.

    A file the user made read-only (0444) stays read-only (0400). Any of the files may vanish
    between the look and the change: another process's last connection removes -wal and -shm.
    """
    for companion in companions(path):
        try:
            mode = stat.S_IMODE(companion.stat().st_mode)
            if mode & 0o077:
                companion.chmod(mode & ~0o077)
        except (FileNotFoundError, PermissionError):
            # Gone a moment ago; or another user's file, which is theirs to guard.
            continue


def loose_permissions(path: Path) -> list[tuple[Path, int]]:
    """The database files that others may read, with their modes (for ``doctor``)."""
    found = []
    for companion in companions(path):
        try:
            mode = stat.S_IMODE(companion.stat().st_mode)
        except FileNotFoundError:
            continue
        if mode & 0o077:
            found.append((companion, mode))
    return found


def _same_file(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)  # a hard link, or a path through a bind mount
    except OSError:
        return False


def check_replaceable(target: Path, database: Path | None, *, force: bool) -> None:
    """Refuse to write over the database in use (or its journal files), or, without
    ``force``, over any SQLite database: months of someone's history must never become a
    calendar because of a typo in ``-o``."""
    target = target.expanduser()
    if database is not None:
        for companion in companions(database.expanduser()):
            if _same_file(target, companion):
                raise Refused(
                    f"{target} is the database followup is using; it was left untouched. "
                    "Choose another file"
                )
    if not force and is_sqlite_file(target):
        raise Refused(
            f"{target} is a SQLite database, perhaps a backup; it was left untouched. "
            "Choose another file, or give --force to replace it"
        )


# --- copies, published whole ------------------------------------------------------------------


def partial_name(target: Path) -> Path:
    """A hidden name beside ``target`` for a copy still being written."""
    import secrets  # here: its import (random, hashlib) is not on the morning path

    return target.with_name(f".{target.name}.{secrets.token_hex(4)}.partial")


def publish(partial: Path, target: Path, *, replace: bool) -> None:
    """Give the finished file at ``partial`` its name in one step, never half of it.

    Without ``replace`` an existing ``target`` is refused, even one that appeared while
    the copy was being made (a hard link is made only where the name is free).
    """
    with open(partial, "rb") as handle:
        os.fsync(handle.fileno())
    if replace:
        os.replace(partial, target)
    else:
        try:
            os.link(partial, target)
        except FileExistsError:
            raise NameTaken(f"{target} already exists; choose another file") from None
        except OSError:
            # A file system without hard links: the check and the rename are not one step.
            if target.exists():
                raise NameTaken(f"{target} already exists; choose another file") from None
            os.replace(partial, target)
        else:
            partial.unlink()
    with suppress(OSError):
        # Make the new name itself survive a power cut.
        folder = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def private_partial(target: Path) -> Path:
    """A new empty file, private to the user, beside ``target``, which must not exist yet."""
    try:
        make_private_dirs(target.parent)
        if target.exists():
            raise NameTaken(f"{target} already exists; choose another file")
        partial = partial_name(target)
        os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except OSError as exc:
        raise path_problem(exc, target, "write") from None
    return partial


def unused_name(target: Path) -> Path:
    """``target``, or the same name with -2, -3 ... when it is taken."""
    candidate, n = target, 1
    while candidate.exists():
        n += 1
        candidate = target.with_name(f"{target.stem}-{n}{target.suffix}")
    return candidate


def vacuum_into(engine: Engine, target: Path, finish: Callable[[Path], None] | None = None) -> None:
    """A consistent snapshot of committed data, made by SQLite itself (never a file copy).

    It is written under a hidden name beside ``target`` and renamed when complete
    (after ``finish`` has changed it), so a copy killed half way never sits under the
    name the user asked for.
    """
    partial = private_partial(target)
    try:
        raw = engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute("VACUUM INTO ?", (str(partial),))
            cursor.close()
        finally:
            raw.close()
        if finish is not None:
            finish(partial)
        pause_for_tests()
        publish(partial, target, replace=False)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def pause_for_tests() -> None:
    """A test-only hook: hold a finished write open so a test can interrupt it before commit.

    Set FOLLOWUP_TEST_PAUSE_FILE to a path; the command creates that file when it is ready
    to commit (a copy: when it is written but not yet renamed), then waits, so the test
    knows exactly when to send a signal. The test may instead let it go on by creating the
    same path with ``.go`` added.
    """
    marker = os.environ.get(PAUSE_ENV)
    if marker:
        Path(marker).touch()
        go = Path(f"{marker}.go")
        deadline = time.monotonic() + 60
        while not go.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
