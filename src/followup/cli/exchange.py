"""The commands that meet the user's other tools: export and import.

They join the one Typer app of ``followup.cli.base`` (``followup.cli`` imports this module to
register them) and follow its habits: parse, read the clock once, call one use case in
``followup.services.exchange``, render; errors become messages in ``handled``. The
formats' libraries (icalendar, csv) and the database layer are imported inside the
commands, so ``followup --help`` stays light.
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from followup.cli.base import (
    JsonFlag,
    app,
    console,
    handled,
    out,
    print_json,
    saved,
    session_for,
    stdout,
)
from followup.cli.progress import progress_bar
from followup.errors import BadInput


class FileFormat(enum.StrEnum):
    ICS = "ics"
    CSV = "csv"
    JSON = "json"


class ImportFormat(enum.StrEnum):
    """The formats import reads: a calendar is for calendars only."""

    CSV = "csv"
    JSON = "json"


class DateOrderChoice(enum.StrEnum):
    # Mirrors followup.domain.dates.DateOrder, which cannot be imported here without dateutil.
    DMY = "dmy"
    MDY = "mdy"


_SUFFIXES = {".ics": FileFormat.ICS, ".ical": FileFormat.ICS, ".csv": FileFormat.CSV}
_SUFFIXES |= {".tsv": FileFormat.CSV, ".json": FileFormat.JSON}


def _is_linkedin(text: str) -> bool:
    from followup.formats.linkedin import header_of, is_linkedin

    return is_linkedin(header_of(text))


def _format_of(
    path: Path | None, given: enum.StrEnum | None, allowed: set[FileFormat]
) -> FileFormat:
    """``--format`` if given, else the file's extension."""
    found = FileFormat(given.value) if given is not None else None
    found = found or (_SUFFIXES.get(path.suffix.lower()) if path is not None else None)
    names = " or ".join(sorted(f.value for f in allowed))
    if found is None:
        which = f"{path.name} has no extension followup knows" if path is not None else "no file"
        raise BadInput(f"which format? {which}; give --format {names}")
    if found not in allowed:
        raise BadInput(f"cannot read {found.value} files; give --format {names}")
    return found


@app.command()
@handled
def export(
    ctx: typer.Context,
    format_: Annotated[
        FileFormat | None,
        typer.Option(
            "--format",
            help="ics: a calendar; csv: a spreadsheet; json: everything, for 'followup import'. "
            "Default: from the -o file's extension.",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (readable by you only; replaced if it exists, unless it is a "
            "database). Default: stdout.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace FILE even if it is a SQLite database (never the one in use).",
        ),
    ] = False,
    alarm: Annotated[
        str | None,
        typer.Option(
            "--alarm",
            metavar="HH:MM",
            help="ics: a reminder at this time on the first day of each event.",
            show_default=False,
        ),
    ] = None,
    raw: Annotated[
        bool,
        typer.Option(
            "--raw",
            help="csv: leave cells that start like a formula (=, +, -, @) as they are, "
            "for scripts rather than spreadsheets.",
        ),
    ] = False,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print what was written as JSON (see docs/json.md); needs -o.",
        ),
    ] = False,
) -> None:
    """Write a calendar, a spreadsheet or a full backup.

    ics: a calendar; csv: a spreadsheet; json: a full backup, the lossless one.
    """
    if as_json and output is None:
        # The export itself is what goes to stdout then: a summary would corrupt it.
        raise BadInput(
            "--json prints a summary of the file written with -o; without -o the export "
            "itself goes to stdout (give -o FILE)"
        )
    chosen = _format_of(output, format_, set(FileFormat))
    if alarm is not None and chosen is not FileFormat.ICS:
        raise BadInput("--alarm is for calendars; it goes with --format ics")
    if raw and chosen is not FileFormat.CSV:
        raise BadInput("--raw is for spreadsheets; it goes with --format csv")
    from followup.services import exchange

    session = session_for(ctx)
    if output is not None:
        # Before anything is read (or the calendar's id is written): nothing happens at all.
        exchange.check_output(output, session.db, force=force)
    if chosen is FileFormat.ICS:
        from followup.formats.calendar import parse_alarm

        reminder = parse_alarm(alarm) if alarm is not None else None
        stamp = datetime.now(UTC).replace(microsecond=0)
        done = exchange.export_calendar(
            session.db, session.today, stamp, reminder, settings=session.settings
        )
        what = "event"
    elif chosen is FileFormat.CSV:
        done = exchange.export_spreadsheet(
            session.db, session.today, raw=raw, settings=session.settings
        )
        what = "application"
    else:
        done = exchange.export_backup(session.db, session.today)
        what = "application"
    if output is None:
        # The file's bytes unchanged (CRLF line ends included), for pipes and scripts.
        stdout.write_bytes(done.data)
        return
    exchange.write_private(output, done.data, session.db, force=force)
    saved(output, f"the export ({output})")
    if as_json:
        print_json(
            {
                "path": str(output),
                "format": chosen.value,
                "count": done.count,
                "counts": done.counts,
            }
        )
        return
    noun = what if done.count == 1 else f"{what}s"
    out(f"Wrote {done.count} {noun} to {output}")


@app.command("import")
@handled
def import_(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="A spreadsheet saved as CSV with a header row, or a backup from "
            "'followup export --format json'.",
            exists=True,
            dir_okay=False,
        ),
    ],
    format_: Annotated[
        ImportFormat | None,
        typer.Option(
            "--format",
            help="csv or json. Default: from the file's extension.",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check the file and say what would be imported.")
    ] = False,
    map_: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="COLUMN=FIELD",
            help="csv: read COLUMN as FIELD (company, role, applied, contact, phone, email, "
            "url, notes, do-not-call, no-email, pitch, status, closed, last-touch, last-interview, "
            "..., or ignore; docs/import-export.md lists them). Repeat for each.",
            show_default=False,
        ),
    ] = None,
    date_order: Annotated[
        DateOrderChoice | None,
        typer.Option(
            "--date-order",
            help="csv: how the sheet writes dates in numbers alone: dmy (03/04/2026 is "
            "3 April) or mdy (March 4). Default: the date_order setting, else refused.",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    close_stale: Annotated[
        bool,
        typer.Option(
            "--close-stale",
            help="LinkedIn's export: close applications made longer ago than "
            "no_response_after_days as no-response, instead of importing them open.",
        ),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Bring in a spreadsheet, or restore a backup.

    csv: add applications from a spreadsheet (LinkedIn's export too, or its zip);
    json: restore a full backup.
    """
    from followup.cli.render import exchange as render_exchange
    from followup.services import exchange

    # LinkedIn's data export is a zip holding a CSV of its own kind.
    zipped = format_ is None and file.suffix.lower() == ".zip"
    chosen = (
        FileFormat.CSV if zipped else _format_of(file, format_, {FileFormat.CSV, FileFormat.JSON})
    )
    session = session_for(ctx)
    if chosen is FileFormat.JSON:
        if close_stale:
            raise BadInput(
                "--close-stale is for LinkedIn's export (Job Applications.csv or its zip)"
            )
        if map_ or date_order is not None:
            raise BadInput("--map and --date-order are for spreadsheets; a backup needs neither")
        with progress_bar(quiet=as_json) as progress:
            restored = exchange.restore_backup(
                session.db,
                session.today,
                file,
                dry_run=dry_run,
                settings=session.settings,
                progress=progress,
            )
        if not dry_run:
            saved(restored, "the restore")
        if as_json:
            print_json(render_exchange.restored_json(restored))
        else:
            render_exchange.print_restored(console(), restored, file)
        return
    from followup.domain.dates import DateOrder
    from followup.formats.spreadsheet import parse_map

    # A backup is read a row at a time (above); a sheet is small enough to read whole.
    text = exchange.read_text(file)
    if _is_linkedin(text):
        if map_ or date_order is not None:
            raise BadInput(
                "--map and --date-order are for your own sheets; LinkedIn's export has "
                "fixed columns and dates"
            )
        region = session.settings.checked_phone_region()
        with progress_bar(quiet=as_json) as progress:
            found = exchange.import_linkedin(
                session.db,
                session.today,
                text,
                dry_run=dry_run,
                close_stale=close_stale,
                settings=session.settings,
                phone_region=region,
                progress=progress,
            )
        if not dry_run:
            saved(found, "the import")
        if as_json:
            print_json(render_exchange.linkedin_json(found))
        else:
            render_exchange.print_linkedin(console(), found, file, session.today)
        return
    if close_stale:
        raise BadInput("--close-stale is for LinkedIn's export (Job Applications.csv or its zip)")

    # --date-order, else the settings' date order (docs/settings.md), else none.
    order = date_order.value if date_order is not None else session.settings.date_order
    mapping = parse_map(map_ or [])
    region = session.settings.checked_phone_region()
    with progress_bar(quiet=as_json) as progress:
        imported = exchange.import_spreadsheet(
            session.db,
            session.today,
            text,
            mapping,
            DateOrder(order) if order else None,
            dry_run=dry_run,
            settings=session.settings,
            phone_region=region,
            progress=progress,
        )
    if not dry_run:
        saved(imported, "the import")
    if as_json:
        print_json(render_exchange.imported_json(imported))
    else:
        render_exchange.print_imported(console(), imported, file, session.today)
