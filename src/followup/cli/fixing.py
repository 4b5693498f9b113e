"""Putting mistakes right: undo, delete, edit-interview, delete-interview.

Each parses, calls one service, renders; every change they make can itself be found in
``followup undo --list``, except an undo's own.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from followup.cli.base import (
    AppId,
    JsonFlag,
    app,
    handled,
    out,
    print_json,
    saved,
    session_for,
)
from followup.cli.tracking import (
    FollowUpOnOption,
    NextStepsOption,
    TimelineOption,
    show_application,
)
from followup.domain.models import Channel, InterviewKind
from followup.errors import BadInput

if TYPE_CHECKING:
    from datetime import date

    from followup.domain.history import Change


def change_words(change: Change, today: date) -> str:
    """A change in the user's words: ``log-call #3 Acme, call on Tue 1 Dec``."""
    from followup.cli import render

    text = change.command
    if change.application_id is not None:
        text += f" #{change.application_id}"
    if change.company:
        text += f" {change.company}"
    if change.what:
        text += f", {change.what}"
    if change.on is not None:
        text += f" {render.day(change.on, today)}"
    return text


def change_json(change: Change, today: date) -> dict[str, Any]:
    return {
        "id": change.id,
        "made_at": change.made_at,
        "command": change.command,
        "application_id": change.application_id,
        "company": change.company,
        "what": change.what,
        "on": change.on.isoformat() if change.on else None,
        "summary": change_words(change, today),
    }


@app.command()
@handled
def undo(
    ctx: typer.Context,
    list_: Annotated[
        bool, typer.Option("--list", help="Show the last 20 changes instead of undoing one.")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Undo your last change, or list recent ones. Run it again to undo the one before."""
    from followup.cli.render.text import literal
    from followup.services import history

    session = session_for(ctx)
    if list_:
        changes = history.recent_changes(session.db)
        if as_json:
            print_json([change_json(c, session.today) for c in changes])
        elif not changes:
            out("Nothing to undo.")
        else:
            for change in changes:
                made = change.made_at.replace("T", " ")[:16]
                out(literal(f"{change.id:>5}  {made} UTC  {change_words(change, session.today)}"))
        return
    undone = saved(history.undo_last(session.db, session.today, settings=session.settings))
    if as_json:
        print_json({"undone": change_json(undone.change, session.today)})
    else:
        out(literal(f"Undid: {change_words(undone.change, session.today)}"))


@app.command()
@handled
def delete(
    ctx: typer.Context,
    app_id: AppId,
    yes: Annotated[
        bool, typer.Option("--yes", help="Do not ask (needed when not on a terminal).")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Delete an application and everything on it. 'followup undo' brings it back."""
    from followup.quick.text import visible
    from followup.services import applications, corrections

    session = session_for(ctx)
    if not yes:
        if not sys.stdin.isatty():
            raise BadInput(f"delete {app_id} asks first; not on a terminal, add --yes")
        history = applications.show(
            session.db, session.today, app_id, settings=session.settings
        ).history
        what = visible(f"#{app_id} {history.application.company} - {history.application.role}")
        parts = [corrections.counted(len(history.touches), "touch", "touches")]
        parts.append(corrections.counted(len(history.interviews), "interview", "interviews"))
        if not typer.confirm(f"Delete {what} and its {', '.join(parts)}?", default=False):
            out("Nothing was deleted.")
            return
    deleted = saved(
        corrections.delete_application(session.db, session.today, app_id, settings=session.settings)
    )
    gone = deleted.view.application
    if as_json:
        from followup.cli import render

        print_json({"deleted": render.detail_json(deleted.view, session.today)})
    else:
        from followup.cli.render.text import literal

        out(
            literal(
                f"Deleted #{gone.id} {gone.company} - {gone.role}. 'followup undo' brings it back."
            )
        )


def _interview_id(text: str) -> int:
    """An interview id as ``show`` prints it (``i7``) or bare (``7``)."""
    digits = text.strip().removeprefix("i")
    if not digits.isdecimal() or not digits.isascii():
        raise BadInput(
            f"{text!r} is not an interview id; interview ids are in followup show APP_ID"
        )
    return int(digits)


InterviewId = Annotated[
    str,
    typer.Argument(
        metavar="INTERVIEW_ID", help="The interview's id, as 'followup show APP_ID' shows it."
    ),
]


@app.command("edit-interview")
@handled
def edit_interview(
    ctx: typer.Context,
    interview_id: InterviewId,
    on: Annotated[
        str | None, typer.Option("--on", metavar="DATE", help="The interview date.")
    ] = None,
    kind: Annotated[
        InterviewKind | None,
        typer.Option("--kind", help="Which round.", case_sensitive=False),
    ] = None,
    with_: Annotated[
        list[str] | None,
        typer.Option("--with", help="An interviewer (repeat for each; replaces the list)."),
    ] = None,
    next_steps: NextStepsOption = None,
    timeline: TimelineOption = None,
    prefers: Annotated[
        str | None,
        typer.Option(
            "--prefers", metavar="call|email", help='How they like to be followed up ("" clears).'
        ),
    ] = None,
    follow_up_on: FollowUpOnOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Correct an interview's date, round or people. An empty value ("") clears a field."""
    from followup.domain.dates import Direction
    from followup.services import corrections

    session = session_for(ctx)
    chosen: Channel | None = None
    if prefers is not None and prefers.strip():
        try:
            chosen = Channel(prefers.strip().lower())
        except ValueError:
            choices = ", ".join(c.value for c in Channel)
            raise BadInput(f'--prefers takes one of {choices}, or "" to clear it') from None
    follow_up = follow_up_on.strip() if follow_up_on is not None else None
    with_names = None if with_ is None else tuple(n for n in with_ if n.strip())
    changes = corrections.InterviewChanges(
        on=session.read_optional_date(on, Direction.NEAREST),
        kind=kind,
        with_=with_names,
        next_steps=next_steps,
        timeline=timeline,
        prefers=chosen,
        clear_prefers=prefers is not None and not prefers.strip(),
        follow_up_on=session.read_optional_date(follow_up or None, Direction.FUTURE),
        clear_follow_up_on=follow_up == "",
    )
    view = saved(
        corrections.edit_interview(
            session.db,
            session.today,
            _interview_id(interview_id),
            changes,
            settings=session.settings,
        )
    )
    show_application(view, session, as_json)


@app.command("delete-interview")
@handled
def delete_interview(
    ctx: typer.Context, interview_id: InterviewId, as_json: JsonFlag = False
) -> None:
    """Remove an interview logged by mistake. The questions asked at it go with it."""
    from followup.services import corrections

    session = session_for(ctx)
    view = saved(
        corrections.delete_interview(
            session.db, session.today, _interview_id(interview_id), settings=session.settings
        )
    )
    show_application(view, session, as_json)
