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
from followup.profiles import DEFAULT_PROFILE, PROFILE_ENV, profile_in_use, profile_problem

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from followup.cadence import Cadence
    from followup.dates import Direction
    from followup.models import Contact
    from followup.services import InterviewDetails
    from followup.settings import Settings

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
    """What every command works with: the database, today, and the user's settings."""

    db: str
    today: date

    @functools.cached_property
    def settings(self) -> Settings:
        """The settings file, read once per command and only by commands that need it."""
        from followup.settings import load_settings

        return load_settings()

    @property
    def cadence(self) -> Cadence:
        return self.settings.cadence

    def read_date(self, text: str, direction: Direction) -> date:
        """A date the user typed; numbers alone (03/04/2026) only with ``date_order`` set."""
        from followup.dates import DateOrder, parse_date

        order = self.settings.date_order
        return parse_date(text, self.today, direction, DateOrder(order) if order else None)

    def read_optional_date(self, text: str | None, direction: Direction) -> date | None:
        return None if text is None else self.read_date(text, direction)

    def contact(self, name: str | None, phone: str | None, email: str | None) -> Contact:
        """Contact details as typed, checked and in normal form (followup.contact_details)."""
        from followup.contact_details import normalise_contact
        from followup.models import Contact

        region = self.settings.checked_phone_region() if phone and phone.strip() else None
        return normalise_contact(Contact(name, phone, email), region)


def _plain_output() -> bool:
    """NO_COLOR (https://no-color.org), set to anything but empty, asks for plain text."""
    return bool(os.environ.get("NO_COLOR"))


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    # Errors and warnings are single lines that scripts may grep: never wrap them.
    if _plain_output():
        # Rich already writes plain text when the output is not a terminal; under NO_COLOR
        # it would still write bold and underline to one, so ask it for no styles at all.
        return Console(stderr=stderr, highlight=False, soft_wrap=stderr, color_system=None)
    return Console(stderr=stderr, highlight=False, soft_wrap=stderr)


def _print_error(message: str) -> None:
    _console(stderr=True).print(f"Error: {message}", markup=False, highlight=False)


def _fail(message: str, code: int) -> NoReturn:
    _print_error(message)
    raise typer.Exit(code)


P = ParamSpec("P")
R = TypeVar("R")


def _refuse_undecodable(values: Sequence[object]) -> None:
    """Refuse bytes the terminal sent in another encoding: they could be neither saved nor shown.

    Python keeps such bytes in ``sys.argv`` as lone surrogates; left alone they fail deep in
    the database driver or the terminal writer as an unexpected problem (exit 70).
    """
    for value in values:
        for item in value if isinstance(value, list | tuple) else (value,):
            if not isinstance(item, str | Path):
                continue
            text = str(item)
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                shown = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
                raise BadInput(
                    f"'{shown}' is not UTF-8 text; set your terminal to UTF-8 and type it again"
                ) from None


def handled(command: Callable[P, R]) -> Callable[P, R]:
    """Run a command, turning every failure into one line on stderr and its exit code."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            _refuse_undecodable([*args, *kwargs.values()])
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
    from followup.settings import TODAY_ENV

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
    # Settings are imported here, not at start-up: --help and completion never need them.
    from followup.settings import database_location

    db = ctx.obj if isinstance(ctx.obj, str) else None
    return Session(database_location(db), _today())


def _checked(text: str | None, session: Session, what: str) -> str | None:
    """A phone number or email typed to change one: checked and in normal form. An empty
    value (which clears it) and none (which keeps it) pass as they are."""
    if text is None or not text.strip():
        return text
    from followup.contact_details import normalise_email, normalise_phone

    if what == "email":
        return normalise_email(text)
    return normalise_phone(text, session.settings.checked_phone_region())


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
    profile: Annotated[
        str,
        typer.Option(
            "--profile",
            envvar=PROFILE_ENV,
            metavar="NAME",
            help="Whose applications: one database can keep several job seekers' apart "
            "(see docs/postgres.md).",
            show_envvar=True,
        ),
    ] = DEFAULT_PROFILE,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    problem = profile_problem(profile)
    if problem is not None:
        raise typer.BadParameter(problem, param_hint="'--profile'")
    ctx.obj = db
    # Every command reads and writes this profile's data only, until it ends.
    ctx.with_resource(profile_in_use(profile))


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

    session = _session(ctx)
    new = services.NewApplication(
        company=company,
        role=role,
        applied_on=session.read_date(applied, Direction.PAST),
        contact=session.contact(contact, phone, email),
        do_not_call=do_not_call,
        url=url,
        pitch=pitch,
        note=note,
    )
    view = services.add_application(session.db, session.today, new, cadence=session.cadence)
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
        int | None,
        typer.Option(
            "--ahead",
            min=0,
            max=3660,
            help="Also show what opens within DAYS (default: 7, or ahead_days in your settings).",
            show_default=False,
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """The morning view: whom to contact today, and whom to leave alone."""
    from followup import morning, render
    from followup.dates import Direction

    session = _session(ctx)
    day = session.read_optional_date(as_of, Direction.FUTURE) or session.today
    days = session.settings.ahead_days if ahead is None else ahead
    report = morning.due(session.db, day, days, session.today, cadence=session.cadence)
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
        on=session.read_date(on, Direction.PAST),
        via=via,
        inbound=inbound,
        follow_up_on=session.read_optional_date(follow_up_on, Direction.FUTURE),
        note=note,
    )
    logged = services.log_touch(session.db, session.today, app_id, new, cadence=session.cadence)
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
    from followup import services
    from followup.dates import Direction

    session = _session(ctx)
    details = _interview_details(session, with_, next_steps, timeline, prefers, follow_up_on)
    view = services.record_interview(
        session.db,
        session.today,
        app_id,
        session.read_date(on, Direction.NEAREST),
        kind,
        details,
        cadence=session.cadence,
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
    view = services.debrief(
        session.db, session.today, app_id, interview_id, details, cadence=session.cadence
    )
    _show_application(view, session, as_json)


@app.command()
@handled
def show(ctx: typer.Context, app_id: AppId, as_json: JsonFlag = False) -> None:
    """Everything about one application, and why the next window is when it is."""
    from followup import render, services

    session = _session(ctx)
    view = services.show(session.db, session.today, app_id, cadence=session.cadence)
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
    views = services.list_applications(
        session.db, session.today, include_closed=include_closed, cadence=session.cadence
    )
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
        applied_on=session.read_optional_date(applied, Direction.PAST),
        contact_name=contact,
        phone=_checked(phone, session, "phone"),
        email=_checked(email, session, "email"),
        do_not_call=do_not_call,
        url=url,
        pitch=pitch,
        note=note,
        competitor=competitor,
        market_problem=market_problem,
    )
    view = services.edit_application(
        session.db, session.today, app_id, changes, cadence=session.cadence
    )
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
    closed_on = session.read_date(on, Direction.PAST)
    view = services.close_application(
        session.db, session.today, app_id, outcome, closed_on, cadence=session.cadence
    )
    _show_application(view, session, as_json)


@app.command()
@handled
def reopen(ctx: typer.Context, app_id: AppId, as_json: JsonFlag = False) -> None:
    """Reopen an application closed by mistake."""
    from followup import services

    session = _session(ctx)
    view = services.reopen_application(session.db, session.today, app_id, cadence=session.cadence)
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
        session.db,
        session.today,
        app_id,
        session.read_date(until, Direction.FUTURE),
        cadence=session.cadence,
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
    view = services.delete_touch(session.db, session.today, touch_id, cadence=session.cadence)
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
    report = services.doctor(session.db, session.today, cadence=session.cadence)
    for problem in report.problems:
        _out(f"problem: {problem}")
    if report.problems:
        raise Unhealthy(f"{len(report.problems)} problem(s) found; see above")
    noun = "application" if report.checked == 1 else "applications"
    _out(f"All checks passed ({report.checked} {noun}).")


def main() -> None:
    # Named, so that `python -m followup` says "followup" in usage lines and answers the
    # same shell-completion variable (_FOLLOWUP_COMPLETE) as the installed command.
    app(prog_name="followup")


# `followup config` (issue 4: settings) registers itself on `app` when imported.
import followup.cli_config  # noqa: E402

# The interview commands (issue 3) do the same.
import followup.cli_prep  # noqa: E402, F401

# Import and export (issue 4) register themselves on `app` the same way.
from followup import cli_exchange  # noqa: E402, F401
