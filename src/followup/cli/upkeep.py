"""Keeping the database safe: backup and doctor.

They join the one Typer app of ``followup.cli.base`` (``followup.cli`` imports this module
right after ``cli.tracking``, so `followup --help` lists them where it always has) and
follow its habits: parse, call one service, render; errors become messages in
``handled``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from followup.cli.base import JsonFlag, Session, app, handled, out, print_json, saved, session_for
from followup.errors import Unhealthy


@app.command()
@handled
def backup(
    ctx: typer.Context,
    target: Annotated[
        Path | None,
        typer.Argument(
            metavar="FILE",
            help="Where to write the copy (default: backups/ beside the database).",
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Copy the database file, safely.

    The copy is consistent even while other commands run.
    """
    from datetime import datetime

    from followup.services import applications

    session = session_for(ctx)
    from followup.cli.progress import progress_bar

    with progress_bar(quiet=as_json) as progress:
        written = applications.backup(session.db, target, datetime.now(), progress)
    saved(written, f"the backup ({written})")
    if as_json:
        print_json({"path": str(written)})
    else:
        out(f"Backed up to {written}")


@app.command()
@handled
def doctor(
    ctx: typer.Context,
    salvage: Annotated[
        Path | None,
        typer.Option(
            "--salvage",
            metavar="NEW_FILE",
            help="Copy every row that can still be read from a damaged database into a new "
            "database file, and say how many rows of each table were saved and lost.",
            show_default=False,
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Check the database for problems.

    Damage, broken links, permissions, stale next contacts.
    """
    from followup.services import applications

    session = session_for(ctx)
    if salvage is not None:
        _salvage(session, salvage, as_json)
        return
    from followup.cli.progress import progress_bar

    with progress_bar(quiet=as_json) as progress:
        report = applications.doctor(
            session.db, session.today, settings=session.settings, progress=progress
        )
    if as_json:
        # The report is the answer even when it finds problems: it goes to stdout, and the
        # exit code and the Error line on stderr still say that something is wrong.
        print_json(
            {
                "healthy": not report.problems,
                "damaged": report.damaged,
                "checked": report.checked,
                "problems": list(report.problems),
            }
        )
    else:
        for problem in report.problems:
            out(f"problem: {problem}")
    if report.damaged:
        raise Unhealthy(
            "the database is damaged; copy what can still be read into a new file with "
            "'followup doctor --salvage NEW_FILE'"
        )
    if report.problems:
        where = "in the JSON" if as_json else "above"
        raise Unhealthy(f"{len(report.problems)} problem(s) found; see {where}")
    if as_json:
        return
    noun = "application" if report.checked == 1 else "applications"
    out(f"All checks passed ({report.checked} {noun}).")


def _salvage(session: Session, target: Path, as_json: bool) -> None:
    from followup.services import health

    done = health.salvage(session.db, target)
    saved(done, f"the salvaged copy ({done.target})")
    if as_json:
        tables = [
            {"table": t.table, "saved": t.saved, "lost": t.lost, "lost_unknown": t.lost_unknown}
            for t in done.tables
        ]
        print_json({"path": str(done.target), "tables": tables})
        return
    for table in done.tables:
        lost = f"{table.lost} lost"
        if table.lost_unknown:
            lost = f"{table.lost} lost, and an unknown number more on damaged pages"
        out(f"{table.table}: {table.saved} saved, {lost}")
    out(f"Saved what could be read to {done.target}; use it with --db {done.target}")
