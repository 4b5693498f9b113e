"""What import tells the user: rich text for people, JSON for scripts (docs/import-export.md)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from followup.cli.render.text import literal
from followup.services.exchange import LinkedInImport, Restored, SpreadsheetImport

SHOWN_IN_DRY_RUN = 20

# The backup's tables in the user's words, in the order they are listed.
_TABLE_WORDS = {
    "applications": ("application", "applications"),
    "touches": ("touch", "touches"),
    "interviews": ("interview", "interviews"),
    "interviewers": ("interviewer", "interviewers"),
    "questions_asked": ("question asked", "questions asked"),
    "articles": ("article", "articles"),
    "application_details": ("detail", "details"),
}


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def imported_json(result: SpreadsheetImport) -> dict[str, Any]:
    return {
        "dry_run": result.dry_run,
        "imported": len(result.added),
        "skipped": result.skipped,
        "unused_columns": list(result.unused_columns),
        "applications": [
            {
                "row": row.row,
                "company": row.company,
                "role": row.role,
                "applied_on": row.applied_on.isoformat(),
            }
            for row in result.added
        ],
    }


def print_imported(
    console: Console, result: SpreadsheetImport, file: Path, today: date, *, last: bool = True
) -> None:
    """The summary of an import; ``last`` ends it with the next command to run."""
    added = _count(len(result.added), "application", "applications")
    if result.dry_run:
        console.print(
            literal(f"Would import {added} from {file} (dry run: nothing saved)."), soft_wrap=True
        )
    else:
        console.print(literal(f"Imported {added} from {file}."), soft_wrap=True)
    if result.skipped:
        verb = "would be skipped" if result.dry_run else "skipped"
        console.print(
            literal(
                f"{_count(result.skipped, 'row', 'rows')} {verb}: already recorded "
                "(the same company, role and applied date)."
            ),
            soft_wrap=True,
        )
    if result.unused_columns:
        names = ", ".join(repr(n) for n in result.unused_columns)
        console.print(
            literal(f"Columns not read: {names}. To read one, add --map 'COLUMN=FIELD'."),
            soft_wrap=True,
        )
    if result.dry_run and result.added:
        table = Table(show_edge=False, pad_edge=False)
        for heading in ("row", "company", "role", "applied", "contact"):
            table.add_column(heading, overflow="fold")
        for row in result.added[:SHOWN_IN_DRY_RUN]:
            cells = (
                str(row.row),
                row.company,
                row.role,
                row.applied_on.isoformat(),
                row.contact.name or row.contact.email or row.contact.phone or "-",
            )
            table.add_row(*(literal(cell) for cell in cells))
        console.print(table)
        more = len(result.added) - SHOWN_IN_DRY_RUN
        if more > 0:
            console.print(literal(f"... and {more:,} more."))
    elif result.added and last:
        print_next(console)


def print_next(console: Console) -> None:
    console.print(literal("Next: followup due (who to contact, and when)."))


def linkedin_json(result: LinkedInImport) -> dict[str, Any]:
    return {
        **imported_json(result.sheet),
        "source": "linkedin",
        "closed_no_response": result.closed_stale,
        "past_follow_up_week": result.past_follow_up,
        "offered_settings": {
            key: value
            for key, value in (
                ("your_email", result.offered_email),
                ("your_phone", result.offered_phone),
            )
            if value is not None
        },
    }


def print_linkedin(console: Console, result: LinkedInImport, file: Path, today: date) -> None:
    print_imported(console, replace(result.sheet, unused_columns=()), file, today, last=False)
    if result.sheet.unused_columns:
        names = ", ".join(repr(n) for n in result.sheet.unused_columns)
        console.print(
            literal(f"Not read: {names} (your answers to the employers' questions)."),
            soft_wrap=True,
        )
    days = result.stale_after_days
    if result.closed_stale:
        verb = "Would close" if result.sheet.dry_run else "Closed"
        console.print(
            literal(
                f"{verb} {_count(result.closed_stale, 'application', 'applications')} made "
                f"more than {days} days ago as no-response (--close-stale)."
            ),
            soft_wrap=True,
        )
    if result.past_follow_up:
        n = result.past_follow_up
        were = "is" if n == 1 else "are"
        hint = (
            ""
            if result.closed_stale
            else f"; those made more than {days} days ago can come in closed with --close-stale"
        )
        console.print(
            literal(
                f"{_count(n, 'open application', 'open applications')} {were} past the week "
                f"after applying, when a follow-up call fits{hint}."
            ),
            soft_wrap=True,
        )
    for key, value in (("your_email", result.offered_email), ("your_phone", result.offered_phone)):
        if value is not None:
            console.print(
                literal(
                    f"LinkedIn's file holds your own {key.removeprefix('your_')} ({value}), "
                    f"not the employers'; to sign your drafts with it: "
                    f"followup config set {key} {value!r}"
                ),
                soft_wrap=True,
            )

    if result.sheet.added and not result.sheet.dry_run:
        print_next(console)


def restored_json(result: Restored) -> dict[str, Any]:
    return {"dry_run": result.dry_run, "restored": result.counts}


def print_restored(console: Console, result: Restored, file: Path) -> None:
    parts = [
        _count(result.counts.get(name, 0), *words)
        for name, words in _TABLE_WORDS.items()
        if result.counts.get(name) or name == "applications"
    ]
    # The database's facts about itself (such as the calendar's id) and the profile's settings
    # are not the user's records.
    others = sum(
        n
        for name, n in result.counts.items()
        if name not in _TABLE_WORDS and name not in ("followup_meta", "profiles")
    )
    if others:
        parts.append(_count(others, "other record", "other records"))
    verb = "Would restore" if result.dry_run else "Restored"
    tail = " (dry run: nothing saved)" if result.dry_run else ""
    console.print(literal(f"{verb} {', '.join(parts)} from {file}{tail}."), soft_wrap=True)
