"""Use cases for meeting the user's other tools: calendar, spreadsheet, full backup.

One function per command, one transaction each, like ``services.applications``. The formats are pure
modules (``formats.calendar``, ``formats.spreadsheet``, ``formats.json_backup``); this module loads
what they need through storage, and writes files private to the user.
"""

from __future__ import annotations

import contextlib
import gc
import os
import secrets
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, BinaryIO

from followup import __version__
from followup.domain import rules
from followup.domain.cadence import Cadence
from followup.domain.dates import DateOrder, week_after
from followup.domain.history import RESTORE, Change
from followup.domain.models import ApplicationView, History, Outcome
from followup.errors import BadInput, FollowupError, Refused
from followup.formats.spreadsheet import AnyField, SheetRow
from followup.services.cores import phones_on_two_cores
from followup.services.profile_settings import check_backup_settings, in_force, recompute_verdicts
from followup.services.progress import QUIET, Progress
from followup.services.spill import Spill
from followup.settings import DEFAULTS, Settings
from followup.storage.applications import Store
from followup.storage.engine import sqlite_path, transaction
from followup.storage.exchange import ExchangeStore
from followup.storage.files import check_replaceable, make_private_dirs, path_problem

# The calendar's own id, made once per database and carried by the full backup: with it
# every event's UID stays the same across exports and across machines.
CALENDAR_ID_KEY = "calendar_id"
# How every zip file begins (a "local file header"); an empty zip is no export either.
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Exported:
    """A file's contents, ready to write, and how many things it holds."""

    data: bytes
    count: int
    # What the file holds, by kind: {"events": 3}, {"applications": 29}, or for a full
    # backup the rows of every table.
    counts: dict[str, int]


def _views(
    store: Store, today: date, cadence: Cadence, *, include_closed: bool
) -> list[ApplicationView]:
    return [
        ApplicationView(h, rules.assess(h, today, cadence))
        for h in store.histories(include_closed=include_closed)
    ]


def export_calendar(
    db: str,
    today: date,
    stamp: datetime,
    alarm: time | None,
    *,
    settings: Settings = DEFAULTS,
) -> Exported:
    """Open follow-up windows and coming interviews as iCalendar (docs/calendar.md)."""
    from followup.formats.calendar import calendar

    with transaction(db) as store:
        cadence = in_force(store, settings, record=False).cadence
        calendar_id = store.meta(CALENDAR_ID_KEY)
        if calendar_id is None:
            calendar_id = store.meta_or_set(CALENDAR_ID_KEY, secrets.token_hex(8))
        views = _views(store, today, cadence, include_closed=False)
    data, count = calendar(views, today, calendar_id, stamp, alarm)
    return Exported(data, count, {"events": count})


def export_spreadsheet(
    db: str, today: date, *, raw: bool, settings: Settings = DEFAULTS
) -> Exported:
    """Every application as a CSV row, closed ones included (docs/import-export.md)."""
    from followup.formats.sheet_writer import write_sheet

    with transaction(db, write=False) as store:
        cadence = in_force(store, settings, record=False).cadence
        views = _views(store, today, cadence, include_closed=True)
    sheet = write_sheet(views, raw=raw).encode("utf-8")
    return Exported(sheet, len(views), {"applications": len(views)})


def export_backup(db: str, today: date) -> Exported:
    """Everything in the database, as JSON that ``restore_backup`` reads back exactly."""
    from followup.formats.json_backup import dumps

    with transaction(db, write=False) as store:
        backup = ExchangeStore(store).backup()
    text = dumps(backup, today, __version__)
    counts = backup.counts()
    return Exported(text.encode("utf-8"), counts.get("applications", 0), counts)


# Rows of a spreadsheet inserted by one statement.
IMPORT_BATCH = 2_000


@dataclass(frozen=True)
class SpreadsheetImport:
    """What an import did (or, in a dry run, would do)."""

    added: tuple[SheetRow, ...]
    skipped: int
    unused_columns: tuple[str, ...]
    dry_run: bool
    # Columns of followup's own export that were not read: the rules work them out again.
    ignored_columns: tuple[str, ...] = ()


def import_spreadsheet(
    db: str,
    today: date,
    text: str,
    columns: Mapping[str, AnyField],
    order: DateOrder | None,
    *,
    dry_run: bool,
    settings: Settings = DEFAULTS,
    phone_region: str | None = None,
    progress: Progress = QUIET,
) -> SpreadsheetImport:
    """Add every new application in a CSV in one transaction: all of them, or none.

    Each row is judged by the rules in memory and inserted with its verdict, so that
    100,000 rows take one bulk insert rather than a transaction each. A row that brings
    a last touch or a last interview (followup's own export does) is stored with them as
    one touch and one interview, and judged with them.
    """
    from followup.formats.spreadsheet import read_sheet

    progress.stage("checking the sheet", text.count("\n"))
    with without_cycle_collection():
        sheet = read_sheet(
            text,
            today,
            columns,
            order,
            phone_region,
            progress=progress.advance,
            check_phones=phones_on_two_cores,
        )
        fresh, skipped, _ = _store_new(
            db, today, sheet.rows, dry_run=dry_run, settings=settings, progress=progress
        )
    return SpreadsheetImport(
        tuple(fresh), skipped, sheet.unused_columns, dry_run, sheet.ignored_columns
    )


def _store_new(
    db: str,
    today: date,
    rows: Sequence[SheetRow],
    *,
    dry_run: bool,
    settings: Settings,
    progress: Progress = QUIET,
    settle: Callable[[SheetRow, Cadence], SheetRow] | None = None,
) -> tuple[list[SheetRow], int, Cadence]:
    """Add the rows not yet recorded, each judged by the rules, in one transaction; and the
    cadence in force that judged them. A batch of rows to a statement: 100,000 rows take
    fifty statements, and never sit in memory as database rows all at once. ``settle``
    may change each new row by the profile's cadence in force before it is stored."""
    from followup.formats.spreadsheet import duplicate_key, new_rows

    # Alone in the profile: what is already stored decides what is new, so no other write
    # may add to it until this one commits.
    with transaction(db, write=not dry_run, alone_in="profile") as store:
        cadence = in_force(store, settings, record=not dry_run).cadence
        exchange = ExchangeStore(store)
        recorded = exchange.application_keys()
        nothing_stored = not recorded
        fresh, skipped = new_rows(rows, (duplicate_key(*key) for key in recorded))
        if settle is not None:
            fresh = [settle(row, cadence) for row in fresh]
        if not dry_run:
            progress.stage("importing", len(fresh))
            _add_rows(store, exchange, fresh, today, cadence, progress)
            noun = "application" if len(fresh) == 1 else "applications"
            store.journal.describe(Change("import", what=f"{len(fresh)} {noun}"))
            if nothing_stored:
                # This profile stored nothing before, so each of its verdicts now is the
                # current rules' and settings': the next `due` need not redo them.
                store.set_verdicts_version(rules.stored_version(cadence))
    return fresh, skipped, cadence


@dataclass(frozen=True)
class LinkedInImport:
    """What an import of LinkedIn's export did, and what it noticed on the way."""

    sheet: SpreadsheetImport
    # The applicant's own details in the file, offered for the settings they are not set in.
    offered_email: str | None
    offered_phone: str | None
    closed_stale: int
    past_follow_up: int
    stale_after_days: int


def import_linkedin(
    db: str,
    today: date,
    text: str,
    *,
    dry_run: bool,
    close_stale: bool,
    settings: Settings = DEFAULTS,
    phone_region: str | None = None,
    progress: Progress = QUIET,
) -> LinkedInImport:
    """Add the applications in LinkedIn's Job Applications.csv, as ``import_spreadsheet`` does.

    An application made more than the profile's ``no_response_after_days`` ago comes in
    closed as no-response when ``close_stale``; otherwise open, and counted when its
    follow-up week has passed.
    """
    from followup.formats.linkedin import read_linkedin

    read = read_linkedin(text, today, phone_region)

    def settle(row: SheetRow, cadence: Cadence) -> SheetRow:
        stale = row.applied_on < today - timedelta(days=cadence.no_response_after_days)
        if close_stale and stale:
            return replace(row, outcome=Outcome.NO_RESPONSE, closed_on=today)
        return row

    fresh, skipped, cadence = _store_new(
        db, today, read.rows, dry_run=dry_run, settings=settings, progress=progress, settle=settle
    )
    # The one follow-up call belongs to the week after applying; once that week is over,
    # LinkedIn's "applied" is old news the user may rather close.
    past = sum(row.outcome is None and week_after(row.applied_on)[1] < today for row in fresh)
    return LinkedInImport(
        sheet=SpreadsheetImport(tuple(fresh), skipped, read.not_read, dry_run),
        offered_email=None if settings.your_email else _only(read.your_emails),
        offered_phone=None if settings.your_phone else _only(read.your_phones),
        closed_stale=sum(row.outcome is not None for row in fresh),
        past_follow_up=past,
        stale_after_days=cadence.no_response_after_days,
    )


def _only(found: Sequence[str]) -> str | None:
    """The one value the file holds; with several (an old number and a new), none is sure."""
    return found[0] if len(found) == 1 else None


def _add_rows(
    store: Store,
    exchange: ExchangeStore,
    rows: list[SheetRow],
    today: date,
    cadence: Cadence,
    progress: Progress,
) -> None:
    """Store the rows in the file's order: the plain ones in batches of IMPORT_BATCH, those
    with a history one by one (their touch and interview need the application's id)."""
    plain: list[SheetRow] = []

    def flush() -> None:
        apps = [row.application() for row in plain]
        exchange.add_judged([(app, rules.assess(History(app), today, cadence)) for app in apps])
        progress.advance(len(plain))
        plain.clear()

    for row in rows:
        if not row.history:
            plain.append(row)
            if len(plain) >= IMPORT_BATCH:
                flush()
            continue
        flush()
        app = row.application()
        app = app._replace(id=store.add_application(app, rules.stage_of(History(app))))
        touch, interview = row.history.events(app.id)
        touches = (touch._replace(id=store.add_touch(touch)),) if touch else ()
        interviews = (interview._replace(id=store.add_interview(interview)),) if interview else ()
        history = History(app, touches, interviews)
        verdict = rules.assess(history, today, cadence)
        store.save_verdict(app.id, verdict.stage, verdict.next_contact, verdict.waiting)
        progress.advance(1)
    flush()


@dataclass(frozen=True)
class Restored:
    counts: dict[str, int]
    dry_run: bool


def restore_backup(
    db: str,
    today: date,
    source: Path,
    *,
    dry_run: bool,
    settings: Settings = DEFAULTS,
    progress: Progress = QUIET,
) -> Restored:
    """Put a full backup into a profile that holds nothing yet, exactly as it was exported.

    The file is read a row at a time (issue 17: 100,000 applications and a million touches
    in well under 300 MiB). Every value is checked like typed input before the database is
    opened, so a backup that is refused leaves the file as it was, byte for byte; the
    checked rows wait in a private temporary file (``services.spill.Spill``) and go in a
    batch at a time, in the one transaction of the restore. The stored verdicts are worked
    out again by today's rules rather than taken on trust from the file, in that
    transaction too, so the first ``due`` afterwards has nothing left to do.
    """
    from followup.formats.json_backup import read
    from followup.storage.exchange import backup_schema
    from followup.storage.migrations import MIGRATIONS

    schema = backup_schema()
    with contextlib.ExitStack() as cleanup:
        cleanup.enter_context(without_cycle_collection())
        spill = None if dry_run else cleanup.enter_context(Spill())
        settings_rows: list[dict[str, Any]] = []

        def keep(table: str, rows: list[tuple[Any, ...]]) -> None:
            if table == "profiles":
                names = [c.name for c in schema[table]]
                settings_rows.extend(dict(zip(names, row, strict=True)) for row in rows)
            if spill is not None:
                spill.add(table, rows)

        progress.stage("checking the backup", _size(source))
        with _opened(source) as stream:
            try:
                head = read(
                    _Counted(stream, progress),
                    schema,
                    [name for name, _ in MIGRATIONS],
                    today,
                    keep,
                )
            except BadInput as exc:
                raise BadInput(f"{exc.message}; nothing was restored") from None
        check_backup_settings(settings_rows)
        # The whole database: into an empty one the rows keep their ids, which no other
        # profile's writer may take meanwhile.
        with transaction(db, write=not dry_run, alone_in="database") as store:
            exchange = ExchangeStore(store)
            held = exchange.rows_held()
            if any(held.values()):
                apps = held.get("applications", 0)
                raise Refused(
                    f"the database already holds {apps} application{'' if apps == 1 else 's'}; "
                    "restore a backup only into a new, empty one (--db NEW_FILE)"
                )
            if spill is not None:
                store.for_bulk_work()
                progress.stage("restoring", sum(head.counts.values()))
                exchange.restore_tables(spill.batches, head.last_ids, progress.advance)
                # A new history: undo stops here rather than keep a copy of a whole backup.
                store.journal.start_over(Change(RESTORE))
                # The profile's settings are now the backup's (or, if it had none, the
                # file's): the windows are worked out with them, not taken from the file.
                recompute_verdicts(store, today, in_force(store, settings, record=True), progress)
    return Restored(head.counts, dry_run)


@contextlib.contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Python's collector of reference cycles paused for bulk work: a restore makes
    millions of short-lived rows and no cycles, and the collector looking through them
    (and, in an import, through every row kept so far) again and again took a tenth of
    its time (issue 17). Set going again after, as it was."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _size(path: Path) -> int | None:
    try:
        return path.expanduser().stat().st_size
    except OSError:
        return None


class _Counted:
    """A binary file that tells ``progress`` how many bytes have been read."""

    def __init__(self, stream: BinaryIO, progress: Progress) -> None:
        self._stream = stream
        self._progress = progress

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self._progress.advance(len(data))
        return data


@contextlib.contextmanager
def _opened(path: Path) -> Iterator[BinaryIO]:
    try:
        stream = path.expanduser().open("rb")
    except OSError as exc:
        raise FollowupError(f"cannot read {path}: {exc.strerror}") from None
    with stream:
        yield stream


# --- files ----------------------------------------------------------------------------------


def read_text(path: Path) -> str:
    """A file the user gave, as text: UTF-8, with or without the mark Excel puts first.

    A zip is read as LinkedIn's data export: the text is its Job Applications.csv.
    """
    try:
        data = path.expanduser().read_bytes()
    except OSError as exc:
        raise FollowupError(f"cannot read {path}: {exc.strerror}") from None
    if data.startswith(ZIP_MAGIC):
        from followup.formats.linkedin import csv_from_zip

        return csv_from_zip(data, path.name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInput(
            f"{path} is not UTF-8 text (byte {exc.start + 1}); "
            "save it from your spreadsheet as 'CSV UTF-8'"
        ) from None


def check_output(target: Path, db: str, *, force: bool) -> None:
    """Refuse an export file that would replace the database it is read from (or its
    journal files), or, without ``force``, any SQLite database such as a backup.

    A folder that does not exist yet is fine: ``write_private`` makes it, private to the
    user, as ``followup backup`` does. One that can never exist (a file is in the way) is
    refused here, before anything is read.
    """
    target = target.expanduser()
    if target.is_dir():
        raise BadInput(f"{target} is a folder; give a file name")
    blocker = next((p for p in target.parents if p.exists()), None)
    if blocker is not None and not blocker.is_dir():
        raise BadInput(f"cannot write {target}: {blocker} is a file, not a folder")
    check_replaceable(target, sqlite_path(db), force=force)


def write_private(target: Path, data: bytes, db: str, *, force: bool = False) -> None:
    """Write ``data`` to ``target`` readable by the user only (0600), all at once.

    The file is written beside the target and renamed over it, so a calendar that
    subscribes to the file never reads half of it, and an old file's looser mode goes too.
    The target is checked again here, just before it is replaced (``check_output``).
    """
    target = target.expanduser()
    check_output(target, db, force=force)
    try:
        make_private_dirs(target.parent)
    except OSError as exc:
        raise path_problem(exc, target, "write") from None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as exc:
        raise FollowupError(f"cannot write in {target.parent}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
