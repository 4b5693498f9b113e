"""What ``add --from`` read from a job posting, for people and for ``--json``.

Every value came from a page someone else wrote: it is shown with ``literal`` (never
as markup, control characters spelled out), like any stored text.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console

from followup.cli.render.text import literal
from followup.services.applications import NewApplication
from followup.services.posting import Readout, shown_source


def _quoted(sentences: tuple[str, ...]) -> str:
    return "; ".join(f'"{s}"' for s in sentences)


def print_readout(console: Console, readout: Readout) -> None:
    """``Read from SOURCE:`` and one line per value with where it came from."""
    console.print(literal(f"Read from {shown_source(readout.source)}:"), soft_wrap=True)
    for name, read in readout.fields:
        console.print(literal(f"  {name}: {read.value} ({read.source})"), soft_wrap=True)
    chosen = {name for name, _ in readout.fields}
    for what, found, option in (
        ("phones", readout.phones, "--phone"),
        ("emails", readout.emails, "--email"),
    ):
        if len(found) > 1 and what[:-1] not in chosen:
            console.print(
                literal(
                    f"  {what}: {', '.join(found)} (several, none kept: pick one with {option})"
                ),
                soft_wrap=True,
            )
    rule = readout.rule
    if rule.no_calls or rule.no_emails:
        said = {
            (True, True): "no calls or emails",
            (True, False): "do not call",
            (False, True): "do not email",
        }[(rule.no_calls, rule.no_emails)]
        verdict = "no, --call-ok overrides" if readout.call_ok else "yes, the posting says"
        console.print(literal(f"  {said}: {verdict} {_quoted(rule.deciding)}"), soft_wrap=True)
    if rule.ignored:
        console.print(
            literal(f"  not for you: {_quoted(rule.ignored)} (speaks to agencies and recruiters)"),
            soft_wrap=True,
        )
    for note in readout.notes:
        console.print(literal(f"  note: {note}"), soft_wrap=True)
    if readout.guessed:
        console.print(
            literal(
                "  The posting has no JobPosting data: company and role are guesses from its "
                "title. Check them, or give --company and --role."
            ),
            soft_wrap=True,
        )


def readout_json(readout: Readout) -> dict[str, Any]:
    rule = readout.rule
    return {
        "source": readout.source,
        "read": [
            {"field": name, "value": read.value, "from": read.source}
            for name, read in readout.fields
        ],
        "guessed": readout.guessed,
        "phones_found": list(readout.phones),
        "emails_found": list(readout.emails),
        "no_calls": rule.no_calls,
        "no_emails": rule.no_emails,
        "deciding_sentences": list(rule.deciding),
        "ignored_sentences": list(rule.ignored),
        "call_ok": readout.call_ok,
        "notes": list(readout.notes),
    }


def new_application_json(new: NewApplication) -> dict[str, Any]:
    """What ``--dry-run`` would have added."""
    return {
        "company": new.company,
        "role": new.role,
        "applied_on": new.applied_on.isoformat(),
        "do_not_call": new.do_not_call,
        "no_email": new.no_email,
        "contact": {
            "name": new.contact.name,
            "phone": new.contact.phone,
            "email": new.contact.email,
        },
        "url": new.url,
        "pitch": new.pitch,
        "note": new.note,
    }
