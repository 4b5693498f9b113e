"""``add --from SOURCE``: the command-line side of reading a job posting.

Kept out of ``cli/tracking.py`` so that the HTTP client and the HTML parser are imported
only when ``--from`` is used (``followup add Acme Analyst`` never loads them), and so
that tracking.py stays one screenful per command.
"""

from __future__ import annotations

import os
import sys

from followup.cli.base import Session, console, out, print_json, saved
from followup.domain.models import Contact
from followup.errors import BadInput

# Tests point followup at a slow local server; they need a fetch to give up in a moment.
TIMEOUT_VARIABLE = "FOLLOWUP_FETCH_TIMEOUT"


def company_and_role(
    company: str | None,
    company_option: str | None,
    role: str | None,
    role_option: str | None,
    source: str | None,
) -> tuple[str | None, str | None]:
    """COMPANY ROLE as arguments, or --company/--role (which read better beside --from)."""
    if company is not None and company_option is not None:
        raise BadInput("give the company once: as COMPANY or as --company, not both")
    if role is not None and role_option is not None:
        raise BadInput("give the role once: as ROLE or as --role, not both")
    company = company if company is not None else company_option
    role = role if role is not None else role_option
    if source is None and (company is None or role is None):
        raise BadInput(
            "give the company and the role (followup add COMPANY ROLE), "
            "or read them from a job posting with --from SOURCE"
        )
    return company, role


def fetch_timeout() -> float:
    from followup.formats.fetch import TIMEOUT_SECONDS

    typed = os.environ.get(TIMEOUT_VARIABLE, "").strip()
    if not typed:
        return TIMEOUT_SECONDS
    try:
        seconds = float(typed)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds <= 600:
        raise BadInput(f"{TIMEOUT_VARIABLE}={typed!r} is not a number of seconds (0 to 600)")
    return seconds


def add_from_posting(
    session: Session,
    source: str,
    *,
    company: str | None,
    role: str | None,
    applied: str,
    contact: Contact,
    do_not_call: bool,
    call_ok: bool,
    url: str | None,
    pitch: str | None,
    note: str | None,
    dry_run: bool,
    as_json: bool,
) -> None:
    from followup.cli.render import application_json, print_application
    from followup.cli.render.posting import new_application_json, print_readout, readout_json
    from followup.domain.dates import Direction
    from followup.services import posting

    given = posting.Given(
        applied_on=session.read_date(applied, Direction.PAST),
        company=company,
        role=role,
        contact=contact,
        do_not_call=do_not_call,
        call_ok=call_ok,
        url=url,
        pitch=pitch,
        note=note,
    )
    stdin_text = sys.stdin.read() if source == posting.STDIN else None
    read = posting.read_source(
        source,
        stdin_text=stdin_text,
        phone_region=session.settings.checked_phone_region(),
        timeout=fetch_timeout(),
    )
    result = posting.add_from_posting(
        session.db,
        session.today,
        source,
        read,
        given,
        dry_run=dry_run,
        settings=session.settings,
    )
    if result.view is not None:
        saved(result)
    if as_json:
        if result.view is None:
            print_json(
                {
                    "dry_run": True,
                    "posting": readout_json(result.readout),
                    "would_add": new_application_json(result.new),
                }
            )
        else:
            print_json({**application_json(result.view), "posting": readout_json(result.readout)})
        return
    print_readout(console(), result.readout)
    if result.view is None:
        out("Dry run: nothing was saved.")
    else:
        print_application(console(), result.view, session.today)
