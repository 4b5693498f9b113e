"""The tracker's commands: add, due, log-call, interview, debrief, show, list, edit, close,
reopen, snooze, delete-touch (backup and doctor are in ``cli.upkeep``). Each parses, calls
one service, renders.

Heavy modules (SQLAlchemy, the services) are imported inside the commands so that
``--help``, ``--version`` and shell completion stay fast.

Longer than the ~500 lines modules aim for: one command per screenful, fourteen of them,
mostly option declarations; ``add --from`` keeps its own work in ``cli/posting.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from followup.cli.base import (
    AppId,
    CompanyOption,
    ContactOption,
    EmailOption,
    JsonFlag,
    NoteOption,
    PhoneOption,
    PitchOption,
    RoleOption,
    Session,
    UrlOption,
    app,
    checked_contact_detail,
    console,
    handled,
    out,
    print_json,
    saved,
    session_for,
    stdout,
)
from followup.cli.posting import company_and_role
from followup.domain.models import Channel, InterviewKind, Outcome, Via
from followup.errors import BadInput
from followup.quick import options

if TYPE_CHECKING:
    from followup.services.applications import InterviewDetails


def show_application(view: Any, session: Session, as_json: bool) -> None:
    if as_json:
        from followup.cli import render

        print_json(render.application_json(view))
    else:
        # Plain text: two lines are not worth importing rich for (add, edit, close...).
        from followup.quick import view as plain

        lines = plain.application_lines(view, session.today)
        stdout.write(plain.render_lines(lines, plain.styled_output()))


@app.command()
@handled
def add(
    ctx: typer.Context,
    company: Annotated[
        str | None,
        typer.Argument(
            metavar="COMPANY", help="The company you applied to (read from --from if left out)."
        ),
    ] = None,
    role: Annotated[
        str | None,
        typer.Argument(metavar="ROLE", help="The job title (read from --from if left out)."),
    ] = None,
    applied: Annotated[
        str, typer.Option("--applied", metavar="DATE", help="When you applied (default: today).")
    ] = "today",
    contact: ContactOption = None,
    phone: PhoneOption = None,
    email: EmailOption = None,
    do_not_call: Annotated[
        bool, typer.Option("--do-not-call", help="The posting said not to call.")
    ] = False,
    url: UrlOption = None,
    pitch: PitchOption = None,
    note: NoteOption = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="SOURCE",
            help="Read the job posting: a web address, a saved page, or - for text on stdin.",
        ),
    ] = None,
    company_option: Annotated[
        str | None,
        typer.Option("--company", metavar="NAME", help="With --from: the company, if not read."),
    ] = None,
    role_option: Annotated[
        str | None,
        typer.Option("--role", metavar="TEXT", help="With --from: the job title, if not read."),
    ] = None,
    call_ok: Annotated[
        bool,
        typer.Option("--call-ok", help='With --from: ignore the posting\'s "do not call".'),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="With --from: show what was read, save nothing.")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Record an application you just sent."""
    from followup.domain.dates import Direction
    from followup.services import applications

    session = session_for(ctx)
    company, role = company_and_role(company, company_option, role, role_option, source)
    if source is not None:
        from followup.cli.posting import add_from_posting

        add_from_posting(
            session,
            source,
            company=company,
            role=role,
            applied=applied,
            contact=session.contact(contact, phone, email),
            do_not_call=do_not_call,
            call_ok=call_ok,
            url=url,
            pitch=pitch,
            note=note,
            dry_run=dry_run,
            as_json=as_json,
        )
        return
    if call_ok or dry_run:
        raise BadInput(f"{'--call-ok' if call_ok else '--dry-run'} goes with --from SOURCE")
    assert company is not None
    assert role is not None
    new = applications.NewApplication(
        company=company,
        role=role,
        applied_on=session.read_date(applied, Direction.PAST),
        contact=session.contact(contact, phone, email),
        do_not_call=do_not_call,
        url=url,
        pitch=pitch,
        note=note,
    )
    view = saved(
        applications.add_application(session.db, session.today, new, settings=session.settings)
    )
    show_application(view, session, as_json)


@app.command(options.DUE_COMMAND, help=options.DUE_SUMMARY)
@handled
def due(
    ctx: typer.Context,
    as_of: Annotated[
        str | None,
        typer.Option(options.AS_OF.flag, metavar=options.AS_OF.metavar, help=options.AS_OF.help),
    ] = None,
    ahead: Annotated[
        int | None,
        typer.Option(
            options.AHEAD.flag,
            metavar=options.AHEAD.metavar,
            min=options.AHEAD.minimum,
            max=options.AHEAD.maximum,
            help=options.AHEAD.help,
            show_default=False,
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    # The console script answers a plain `due` itself (followup.quick.entry), from the same
    # option table and through the same view: both print the same bytes.
    from followup.domain.dates import Direction
    from followup.quick import view
    from followup.services import morning

    session = session_for(ctx)
    day = session.read_optional_date(as_of, Direction.FUTURE) or session.today
    days = session.settings.ahead_days if ahead is None else ahead
    report = morning.due(session.db, day, days, session.today, settings=session.settings)
    if as_json:
        print_json(view.due_json(report))
    else:
        stdout.write(
            view.render_due(report, session.today, view.output_width(), view.styled_output())
        )


@app.command("log-call")
@handled
def log_call(
    ctx: typer.Context,
    app_id: AppId,
    on: Annotated[
        str, typer.Option("--on", metavar="DATE", help="When it happened (default: today).")
    ] = "today",
    via: Annotated[Via, typer.Option("--via", help="How.", case_sensitive=False)] = Via.CALL,
    inbound: Annotated[
        bool, typer.Option("--inbound", help="They contacted you, not the other way round.")
    ] = False,
    follow_up_on: Annotated[
        str | None,
        typer.Option("--follow-up-on", metavar="DATE", help="A date you agreed to follow up."),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="What was said.")] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="Save nothing: say what would be logged, every flag it would raise, and "
            "the next window. Ask before you call.",
        ),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Record a call or email, either way.

    Also a voicemail or an unanswered call: they show on caller ID too.
    """
    from followup.domain.dates import Direction
    from followup.quick import view as plain
    from followup.services import applications

    session = session_for(ctx)
    new = applications.NewTouch(
        on=session.read_date(on, Direction.PAST),
        via=via,
        inbound=inbound,
        follow_up_on=session.read_optional_date(follow_up_on, Direction.FUTURE),
        note=note,
    )
    if dry_run:
        from followup.cli import render
        from followup.services.preview import preview_touch

        preview = preview_touch(session.db, session.today, app_id, new, settings=session.settings)
        if as_json:
            print_json(render.logged_json(preview, dry_run=True))
        else:
            render.print_preview(console(), preview, session.today)
        return
    logged = saved(
        applications.log_touch(session.db, session.today, app_id, new, settings=session.settings)
    )
    if as_json:
        from followup.cli import render

        print_json(render.logged_json(logged))
    else:
        lines = plain.logged_lines(logged, session.today)
        stdout.write(plain.render_lines(lines, plain.styled_output()))
    if logged.overcontact or logged.rejudged:
        from followup.cli import render

        console(stderr=True).print(render.overcontact_warning(logged))


InterviewKindOption = Annotated[
    InterviewKind, typer.Option("--kind", help="Which round.", case_sensitive=False)
]
WithOption = Annotated[
    list[str] | None,
    typer.Option("--with", metavar="NAME", help="An interviewer's name (repeat for each)."),
]
NextStepsOption = Annotated[
    str | None, typer.Option("--next-steps", help="What they said happens next.")
]
TimelineOption = Annotated[
    str | None, typer.Option("--timeline", help="When they expect to decide.")
]
PrefersOption = Annotated[
    Channel | None,
    typer.Option("--prefers", help="How they like to be followed up.", case_sensitive=False),
]
FollowUpOnOption = Annotated[
    str | None,
    typer.Option("--follow-up-on", metavar="DATE", help="The follow-up date you agreed."),
]


def _interview_details(
    session: Session,
    with_: list[str] | None,
    next_steps: str | None,
    timeline: str | None,
    prefers: Channel | None,
    follow_up_on: str | None,
) -> InterviewDetails:
    from followup.domain.dates import Direction
    from followup.services.applications import InterviewDetails

    return InterviewDetails(
        with_=tuple(with_ or ()),
        next_steps=next_steps,
        timeline=timeline,
        prefers=prefers,
        follow_up_on=session.read_optional_date(follow_up_on, Direction.FUTURE),
    )


@app.command()
@handled
def interview(
    ctx: typer.Context,
    app_id: AppId,
    on: Annotated[
        str, typer.Option("--on", metavar="DATE", help="The interview date (past or scheduled).")
    ],
    kind: InterviewKindOption = InterviewKind.FIRST,
    with_: WithOption = None,
    next_steps: NextStepsOption = None,
    timeline: TimelineOption = None,
    prefers: PrefersOption = None,
    follow_up_on: FollowUpOnOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Record an interview that happened or is scheduled."""
    from followup.domain.dates import Direction
    from followup.services import applications

    session = session_for(ctx)
    details = _interview_details(session, with_, next_steps, timeline, prefers, follow_up_on)
    view = saved(
        applications.record_interview(
            session.db,
            session.today,
            app_id,
            session.read_date(on, Direction.NEAREST),
            kind,
            details,
            settings=session.settings,
        )
    )
    show_application(view, session, as_json)


@app.command()
@handled
def debrief(
    ctx: typer.Context,
    app_id: AppId,
    interview_id: Annotated[
        int | None,
        typer.Option(
            "--interview", metavar="INTERVIEW_ID", help="Which interview (default: latest)."
        ),
    ] = None,
    with_: WithOption = None,
    next_steps: NextStepsOption = None,
    timeline: TimelineOption = None,
    prefers: PrefersOption = None,
    follow_up_on: FollowUpOnOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Add what you learned at an interview.

    Next steps, timeline, how they like to be followed up (the latest interview unless
    --interview says which).
    """
    from followup.services import applications

    session = session_for(ctx)
    details = _interview_details(session, with_, next_steps, timeline, prefers, follow_up_on)
    view = saved(
        applications.debrief(
            session.db, session.today, app_id, interview_id, details, settings=session.settings
        )
    )
    show_application(view, session, as_json)


@app.command()
@handled
def show(ctx: typer.Context, app_id: AppId, as_json: JsonFlag = False) -> None:
    """Everything about one application.

    Its touches and interviews with their ids, and why the next window is when it is.
    """
    from followup.cli import render
    from followup.services import prep

    session = session_for(ctx)
    found = prep.show_everything(session.db, session.today, app_id, settings=session.settings)
    if as_json:
        from followup.cli.render import prep as render_prep

        dates = {i.id: i.on for i in found.view.history.interviews}
        data = render.detail_json(found.view, session.today)
        data["asked"] = [render_prep.asked_json(a, dates.get(a.interview_id)) for a in found.asked]
        data["articles"] = render_prep.articles_json(list(found.articles))
        print_json(data)
    else:
        render.print_detail(console(), found.view, session.today, found.asked)


@app.command("list")
@handled
def list_(
    ctx: typer.Context,
    include_closed: Annotated[bool, typer.Option("--all", help="Include closed ones.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Your open applications (--all for closed ones too)."""
    from followup.cli import render
    from followup.services import applications

    session = session_for(ctx)
    views = applications.list_applications(
        session.db, session.today, include_closed=include_closed, settings=session.settings
    )
    if as_json:
        print_json([render.application_json(v) for v in views])
    else:
        render.print_list(console(), views, session.today)


@app.command()
@handled
def edit(
    ctx: typer.Context,
    app_id: AppId,
    company: CompanyOption = None,
    role: RoleOption = None,
    applied: Annotated[
        str | None, typer.Option("--applied", metavar="DATE", help="When you applied.")
    ] = None,
    contact: ContactOption = None,
    phone: PhoneOption = None,
    email: EmailOption = None,
    do_not_call: Annotated[
        bool | None,
        typer.Option("--do-not-call/--may-call", help="Whether the posting said not to call."),
    ] = None,
    no_email: Annotated[
        bool | None,
        typer.Option("--no-email/--may-email", help="Whether the posting said not to email."),
    ] = None,
    url: UrlOption = None,
    pitch: PitchOption = None,
    note: NoteOption = None,
    competitor: Annotated[
        str | None, typer.Option("--competitor", help="A rival company, for interview questions.")
    ] = None,
    market_problem: Annotated[
        str | None,
        typer.Option("--market-problem", help="A problem in their market you know from your work."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Change an application's details.

    Give an empty value ("") to clear one.
    """
    from followup.domain.dates import Direction
    from followup.services import applications

    session = session_for(ctx)
    changes = applications.ApplicationChanges(
        company=company,
        role=role,
        applied_on=session.read_optional_date(applied, Direction.PAST),
        contact_name=contact,
        phone=checked_contact_detail(phone, session, "phone"),
        email=checked_contact_detail(email, session, "email"),
        do_not_call=do_not_call,
        no_email=no_email,
        url=url,
        pitch=pitch,
        note=note,
        competitor=competitor,
        market_problem=market_problem,
    )
    view = saved(
        applications.edit_application(
            session.db, session.today, app_id, changes, settings=session.settings
        )
    )
    show_application(view, session, as_json)
    if not as_json and (competitor is not None or market_problem is not None):
        # The application view does not show these; say where they went.
        out(f"Interview questions use these details: followup questions {app_id}")


@app.command()
@handled
def close(
    ctx: typer.Context,
    app_id: AppId,
    outcome: Annotated[
        Outcome, typer.Option("--outcome", help="How it ended.", case_sensitive=False)
    ],
    on: Annotated[
        str, typer.Option("--on", metavar="DATE", help="When (default: today).")
    ] = "today",
    as_json: JsonFlag = False,
) -> None:
    """Close an application: it leaves the morning view."""
    from followup.domain.dates import Direction
    from followup.services import applications

    session = session_for(ctx)
    closed_on = session.read_date(on, Direction.PAST)
    view = saved(
        applications.close_application(
            session.db, session.today, app_id, outcome, closed_on, settings=session.settings
        )
    )
    show_application(view, session, as_json)


@app.command()
@handled
def reopen(ctx: typer.Context, app_id: AppId, as_json: JsonFlag = False) -> None:
    """Reopen an application closed by mistake."""
    from followup.services import applications

    session = session_for(ctx)
    view = saved(
        applications.reopen_application(
            session.db, session.today, app_id, settings=session.settings
        )
    )
    show_application(view, session, as_json)


@app.command()
@handled
def snooze(
    ctx: typer.Context,
    app_id: AppId,
    until: Annotated[
        str, typer.Option("--until", metavar="DATE", help="Do not remind me before this date.")
    ],
    as_json: JsonFlag = False,
) -> None:
    """Put off the next follow-up until a later date.

    Your own reminder, not a rule: anything new you log clears it.
    """
    from followup.domain.dates import Direction
    from followup.services import applications

    session = session_for(ctx)
    view = saved(
        applications.snooze(
            session.db,
            session.today,
            app_id,
            session.read_date(until, Direction.FUTURE),
            settings=session.settings,
        )
    )
    show_application(view, session, as_json)


@app.command("delete-touch")
@handled
def delete_touch(
    ctx: typer.Context,
    touch_id: Annotated[int, typer.Argument(metavar="TOUCH_ID", help="The touch's id.")],
    as_json: JsonFlag = False,
) -> None:
    """Remove a touch logged by mistake.

    The next window is worked out again.
    """
    from followup.services import applications

    session = session_for(ctx)
    view = saved(
        applications.delete_touch(session.db, session.today, touch_id, settings=session.settings)
    )
    show_application(view, session, as_json)
