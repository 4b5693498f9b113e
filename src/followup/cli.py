"""The command line: parse, read the clock once, call a service, render.

This is the one place that turns errors into messages and exit codes:
0 done, 1 refused or not found, 2 bad input, 75 database busy, 70 a bug,
130 interrupted. Heavy modules (SQLAlchemy, the services) are imported inside
the commands so that ``--help``, ``--version`` and shell completion stay fast.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, ParamSpec, TypeVar

import typer

# Typer 0.29 bundles its own Click and does not re-export these two.
from typer._click.exceptions import ClickException, NoArgsIsHelpError
from typer.core import TyperGroup

from followup import __version__
from followup.errors import BadInput, FollowupError, Unhealthy
from followup.models import Channel, InterviewKind, Outcome, Via
from followup.settings import TODAY_ENV, database_location

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from followup.dates import Direction
    from followup.services import InterviewDetails

EXIT_BUG = 70
EXIT_INTERRUPTED = 130


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

# Typer validates through pydantic, whose words are for programmers.
_PLAIN_WORDS = (
    ("Value error, ", ""),
    (
        "Input should be a valid integer, unable to parse string as an integer",
        "give a whole number, such as an id from 'followup list'",
    ),
    ("Input should be a valid integer", "give a whole number"),
)


def _plain_usage_message(message: str) -> str:
    """A usage error in a job seeker's words, on one line (Click lists choices on several)."""
    for jargon, plain in _PLAIN_WORDS:
        message = message.replace(jargon, plain)
    return " ".join(message.split())


class _OneLineErrors(TyperGroup):
    """Usage mistakes Typer catches itself also become one ``Error:`` line with exit 2."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        def run() -> Any:
            return super(_OneLineErrors, self).main(
                args,
                prog_name,
                complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )

        if not standalone_mode:
            return run()
        try:
            result = run()
        except NoArgsIsHelpError as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except ClickException as exc:
            ctx = getattr(exc, "ctx", None)
            command = ctx.command_path if ctx is not None else "followup"
            message = _plain_usage_message(exc.format_message())
            _print_error(f"{message} (see '{command} --help')")
            sys.exit(exc.exit_code)
        except typer.Abort:
            _print_error("interrupted; nothing was saved")
            sys.exit(EXIT_INTERRUPTED)
        sys.exit(result if isinstance(result, int) else 0)


app = typer.Typer(
    name="followup",
    cls=_OneLineErrors,
    help=(
        "Whom may I contact today, and whom must I leave alone? "
        "A follow-up tracker for job seekers. Start with 'followup add', "
        "then run 'followup due' each morning."
    ),
    no_args_is_help=True,
    # Pretty tracebacks print local variables, which may hold phone numbers.
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@dataclass(frozen=True)
class Session:
    db: str
    today: date


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    # Errors and warnings are single lines that scripts may grep: never wrap them.
    return Console(stderr=stderr, highlight=False, soft_wrap=stderr)


def _print_error(message: str) -> None:
    _console(stderr=True).print(f"Error: {message}", markup=False, highlight=False)


def _fail(message: str, code: int) -> NoReturn:
    _print_error(message)
    raise typer.Exit(code)


P = ParamSpec("P")
R = TypeVar("R")


def handled(command: Callable[P, R]) -> Callable[P, R]:
    """Run a command, turning every failure into one line on stderr and its exit code."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except FollowupError as exc:
            _fail(exc.message, exc.exit_code)
        except KeyboardInterrupt:
            _fail("interrupted; nothing was saved", EXIT_INTERRUPTED)
        except Exception as exc:
            _fail(
                f"unexpected problem ({type(exc).__name__}); nothing was saved. "
                "Please report it with the command you ran.",
                EXIT_BUG,
            )

    return run


def _today() -> date:
    """Read the clock once per command; FOLLOWUP_TODAY plans ahead or pins tests."""
    pinned = os.environ.get(TODAY_ENV)
    if not pinned:
        return date.today()
    if not _ISO_DAY.fullmatch(pinned):
        raise BadInput(f"{TODAY_ENV}={pinned!r} is not a date in the form YYYY-MM-DD")
    try:
        return date.fromisoformat(pinned)
    except ValueError:
        raise BadInput(f"{TODAY_ENV}={pinned!r} is not a real date") from None


def _session(ctx: typer.Context) -> Session:
    db = ctx.obj if isinstance(ctx.obj, str) else None
    return Session(database_location(db), _today())


def _date(text: str, today: date, direction: Direction) -> date:
    from followup.dates import parse_date

    return parse_date(text, today, direction)


def _maybe_date(text: str | None, today: date, direction: Direction) -> date | None:
    return None if text is None else _date(text, today, direction)


def _out(renderable: RenderableType | str) -> None:
    # A plain sentence is never broken into lines: it may hold a path to copy.
    _console().print(renderable, soft_wrap=isinstance(renderable, str))


def _json(data: object) -> None:
    from followup.render import dumps

    # Plain stdout, not rich: JSON must never be wrapped or coloured.
    sys.stdout.write(dumps(data) + "\n")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"followup {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="FOLLOWUP_DB",
            help="Database file or SQLAlchemy URL. Default: followup.db in your data directory.",
            show_envvar=True,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    ctx.obj = db


AppId = Annotated[int, typer.Argument(metavar="APP_ID", help="The application's id.")]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON (see docs/json.md).")]


def _show_application(view: Any, session: Session, as_json: bool) -> None:
    from followup import render

    if as_json:
        _json(render.application_json(view))
    else:
        render.print_application(_console(), view, session.today)


@app.command()
@handled
def add(
    ctx: typer.Context,
    company: Annotated[str, typer.Argument(metavar="COMPANY", help="The company you applied to.")],
    role: Annotated[str, typer.Argument(metavar="ROLE", help="The job title.")],
    applied: Annotated[
        str, typer.Option("--applied", metavar="DATE", help="When you applied (default: today).")
    ] = "today",
    contact: Annotated[
        str | None, typer.Option("--contact", help="Hiring manager or recruiter.")
    ] = None,
    phone: Annotated[str | None, typer.Option("--phone", help="Their phone number.")] = None,
    email: Annotated[str | None, typer.Option("--email", help="Their email address.")] = None,
    do_not_call: Annotated[
        bool, typer.Option("--do-not-call", help="The posting said not to call.")
    ] = False,
    url: Annotated[str | None, typer.Option("--url", help="Link to the posting.")] = None,
    pitch: Annotated[
        str | None,
        typer.Option("--pitch", help="One or two things about you that fit this role."),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="Anything else.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Record an application you just sent."""
    from followup import services
    from followup.dates import Direction
    from followup.models import Contact

    session = _session(ctx)
    new = services.NewApplication(
        company=company,
        role=role,
        applied_on=_date(applied, session.today, Direction.PAST),
        contact=Contact(contact, phone, email),
        do_not_call=do_not_call,
        url=url,
        pitch=pitch,
        note=note,
    )
    view = services.add_application(session.db, session.today, new)
    _show_application(view, session, as_json)


@app.command()
@handled
def due(
    ctx: typer.Context,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="DATE", help="Plan for another day (default: today)."),
    ] = None,
    ahead: Annotated[
        int, typer.Option("--ahead", min=0, max=3660, help="Also show what opens within DAYS.")
    ] = 7,
    as_json: JsonFlag = False,
) -> None:
    """The morning view: whom to contact today, and whom to leave alone."""
    from followup import morning, render
    from followup.dates import Direction

    session = _session(ctx)
    day = _maybe_date(as_of, session.today, Direction.FUTURE) or session.today
    report = morning.due(session.db, day, ahead, session.today)
    if as_json:
        _json(render.due_json(report))
    else:
        render.print_due(_console(), report, session.today)


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
    as_json: JsonFlag = False,
) -> None:
    """Record a call, voicemail, unanswered call or email, either way."""
    from followup import render, services
    from followup.dates import Direction

    session = _session(ctx)
    new = services.NewTouch(
        on=_date(on, session.today, Direction.PAST),
        via=via,
        inbound=inbound,
        follow_up_on=_maybe_date(follow_up_on, session.today, Direction.FUTURE),
        note=note,
    )
    logged = services.log_touch(session.db, session.today, app_id, new)
    if as_json:
        _json(render.logged_json(logged))
    else:
        render.print_logged(_console(), logged, session.today)
    warning = render.overcontact_warning(logged)
    if warning is not None:
        _console(stderr=True).print(warning)


InterviewKindOption = Annotated[
    InterviewKind, typer.Option("--kind", help="Which round.", case_sensitive=False)
]
WithOption = Annotated[
    list[str] | None, typer.Option("--with", help="An interviewer's name (repeat for each).")
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
    from followup.dates import Direction
    from followup.services import InterviewDetails

    return InterviewDetails(
        with_=tuple(with_ or ()),
        next_steps=next_steps,
        timeline=timeline,
        prefers=prefers,
        follow_up_on=_maybe_date(follow_up_on, session.today, Direction.FUTURE),
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
    from followup import services
    from followup.dates import Direction

    session = _session(ctx)
    details = _interview_details(session, with_, next_steps, timeline, prefers, follow_up_on)
    view = services.record_interview(
        session.db,
        session.today,
        app_id,
        _date(on, session.today, Direction.NEAREST),
        kind,
        details,
    )
    _show_application(view, session, as_json)


@app.command()
@handled
def debrief(
    ctx: typer.Context,
    app_id: AppId,
    interview_id: Annotated[
        int | None,
        typer.Option("--interview", help="Which interview (default: latest)."),
    ] = None,
    with_: WithOption = None,
    next_steps: NextStepsOption = None,
    timeline: TimelineOption = None,
    prefers: PrefersOption = None,
    follow_up_on: FollowUpOnOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Add what you learned to the latest interview (next steps, timeline, channel)."""
    from followup import services

    session = _session(ctx)
    details = _interview_details(session, with_, next_steps, timeline, prefers, follow_up_on)
    view = services.debrief(session.db, session.today, app_id, interview_id, details)
    _show_application(view, session, as_json)


@app.command()
@handled
def show(ctx: typer.Context, app_id: AppId, as_json: JsonFlag = False) -> None:
    """Everything about one application, and why the next window is when it is."""
    from followup import render, services

    session = _session(ctx)
    view = services.show(session.db, session.today, app_id)
    if as_json:
        _json(render.detail_json(view))
    else:
        render.print_detail(_console(), view, session.today)


@app.command("list")
@handled
def list_(
    ctx: typer.Context,
    include_closed: Annotated[bool, typer.Option("--all", help="Include closed ones.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Your open applications (--all for closed ones too)."""
    from followup import render, services

    session = _session(ctx)
    views = services.list_applications(session.db, session.today, include_closed=include_closed)
    if as_json:
        _json([render.application_json(v) for v in views])
    else:
        render.print_list(_console(), views, session.today)


@app.command()
@handled
def edit(
    ctx: typer.Context,
    app_id: AppId,
    company: Annotated[str | None, typer.Option("--company")] = None,
    role: Annotated[str | None, typer.Option("--role")] = None,
    applied: Annotated[str | None, typer.Option("--applied", metavar="DATE")] = None,
    contact: Annotated[str | None, typer.Option("--contact")] = None,
    phone: Annotated[str | None, typer.Option("--phone")] = None,
    email: Annotated[str | None, typer.Option("--email")] = None,
    do_not_call: Annotated[
        bool | None,
        typer.Option("--do-not-call/--may-call", help="Whether the posting said not to call."),
    ] = None,
    url: Annotated[str | None, typer.Option("--url")] = None,
    pitch: Annotated[str | None, typer.Option("--pitch")] = None,
    note: Annotated[str | None, typer.Option("--note")] = None,
    competitor: Annotated[
        str | None, typer.Option("--competitor", help="A rival company, for interview questions.")
    ] = None,
    market_problem: Annotated[
        str | None,
        typer.Option("--market-problem", help="A problem in their market you know from your work."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Change an application's details; give an empty value ("") to clear one."""
    from followup import services
    from followup.dates import Direction

    session = _session(ctx)
    changes = services.ApplicationChanges(
        company=company,
        role=role,
        applied_on=_maybe_date(applied, session.today, Direction.PAST),
        contact_name=contact,
        phone=phone,
        email=email,
        do_not_call=do_not_call,
        url=url,
        pitch=pitch,
        note=note,
        competitor=competitor,
        market_problem=market_problem,
    )
    view = services.edit_application(session.db, session.today, app_id, changes)
    _show_application(view, session, as_json)
    if not as_json and (competitor is not None or market_problem is not None):
        # The application view does not show these; say where they went.
        _out(f"Interview questions use these details: followup questions {app_id}")


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
    from followup import services
    from followup.dates import Direction

    session = _session(ctx)
    closed_on = _date(on, session.today, Direction.PAST)
    view = services.close_application(session.db, session.today, app_id, outcome, closed_on)
    _show_application(view, session, as_json)


@app.command()
@handled
def reopen(ctx: typer.Context, app_id: AppId, as_json: JsonFlag = False) -> None:
    """Reopen an application closed by mistake."""
    from followup import services

    session = _session(ctx)
    view = services.reopen_application(session.db, session.today, app_id)
    _show_application(view, session, as_json)


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
    """Put off the next follow-up until a later date (your reminder, not a rule)."""
    from followup import services
    from followup.dates import Direction

    session = _session(ctx)
    view = services.snooze(
        session.db, session.today, app_id, _date(until, session.today, Direction.FUTURE)
    )
    _show_application(view, session, as_json)


@app.command("delete-touch")
@handled
def delete_touch(
    ctx: typer.Context,
    touch_id: Annotated[int, typer.Argument(metavar="TOUCH_ID", help="The touch's id.")],
    as_json: JsonFlag = False,
) -> None:
    """Remove a touch logged by mistake; the next window is worked out again."""
    from followup import services

    session = _session(ctx)
    view = services.delete_touch(session.db, session.today, touch_id)
    _show_application(view, session, as_json)


@app.command()
@handled
def backup(
    ctx: typer.Context,
    target: Annotated[
        Path | None,
        typer.Argument(
            metavar="[FILE]",
            help="Where to write the copy (default: backups/ beside the database).",
        ),
    ] = None,
) -> None:
    """Write a consistent copy of your database, safe while other commands run."""
    from datetime import datetime

    from followup import services

    session = _session(ctx)
    written = services.backup(session.db, target, datetime.now())
    _out(f"Backed up to {written}")


@app.command()
@handled
def doctor(ctx: typer.Context) -> None:
    """Check the database: damage, broken links, permissions, stale next contacts."""
    from followup import services

    session = _session(ctx)
    report = services.doctor(session.db, session.today)
    for problem in report.problems:
        _out(f"problem: {problem}")
    if report.problems:
        raise Unhealthy(f"{len(report.problems)} problem(s) found; see above")
    noun = "application" if report.checked == 1 else "applications"
    _out(f"All checks passed ({report.checked} {noun}).")


def main() -> None:
    app()


# The interview commands (issue 3) register themselves on `app` when imported.
import followup.cli_prep  # noqa: E402, F401

# Import and export (issue 4) register themselves on `app` the same way.
from followup import cli_exchange  # noqa: E402, F401
