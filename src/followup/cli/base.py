"""The Typer app and what every command shares: options, the session, output, errors.

This is the one place that turns errors into messages and exit codes:
0 done, 1 refused or not found, 2 bad input, 75 database busy, 70 a bug,
130 interrupted. Heavy modules (SQLAlchemy, the services) are imported inside
the commands so that ``--help``, ``--version`` and shell completion stay fast.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import sys
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, ParamSpec, TypeVar

import typer

# Typer 0.29 bundles its own Click and does not re-export these two.
from typer._click.exceptions import ClickException, NoArgsIsHelpError
from typer.core import TyperGroup

from followup import __version__
from followup.cli.plain_help import plain_help
from followup.errors import BadInput, FollowupError
from followup.profiles import DEFAULT_PROFILE, profile_in_use, profile_problem
from followup.quick import options

# Shared with the console script's morning path (followup.quick); re-exported for the commands.
from followup.quick.session import Session as Session
from followup.quick.session import today_for_command as today_for_command

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

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


# Ids of what hangs off an application are shown by `followup show`, not `followup list`.
_SHOWN_BY_SHOW = ("touch_id", "interview_id", "asked_id", "article_id")


def _plain_usage_message(message: str, param: str | None = None) -> str:
    """A usage error in a job seeker's words, on one line (Click lists choices on several)."""
    if param in _SHOWN_BY_SHOW:
        message = message.replace(
            "Input should be a valid integer, unable to parse string as an integer",
            f"give a whole number: {param.replace('_', ' ')}s are in 'followup show APP_ID'",
        )
    for jargon, plain in _PLAIN_WORDS:
        message = message.replace(jargon, plain)
    return " ".join(message.split())


class _OneLineErrors(TyperGroup):
    """Usage mistakes Typer catches itself also become one ``Error:`` line with exit 2.

    It also gives every command plain help placeholders (``plain_help``).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plain_help(self)

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
            stdout.flush()
        except NoArgsIsHelpError as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except ClickException as exc:
            ctx = getattr(exc, "ctx", None)
            command = ctx.command_path if ctx is not None else "followup"
            param = getattr(getattr(exc, "param", None), "name", None)
            message = _plain_usage_message(exc.format_message(), param)
            _print_error(f"{message} (see '{command} --help')")
            sys.exit(exc.exit_code)
        except typer.Abort:
            _print_error("interrupted; nothing was saved")
            sys.exit(EXIT_INTERRUPTED)
        except OutputFailed as exc:
            # Help or the version number, printed before any command ran.
            _exit_after_output_failed(exc, None)
        except OSError as exc:
            # Click writes help and usage itself; outside a command, nothing else writes.
            _exit_after_output_failed(OutputFailed(exc), None)
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


P = ParamSpec("P")
R = TypeVar("R")


def _plain_output() -> bool:
    """NO_COLOR (https://no-color.org), set to anything but empty, asks for plain text."""
    return bool(os.environ.get("NO_COLOR"))


class OutputFailed(Exception):
    """Writing to stdout failed: a full disk, a closed pipe, a terminal gone.

    Raised only by what the commands write to stdout (``console()``, ``out``, ``print_json``,
    ``stdout.write`` and ``stdout.write_bytes``), so that ``handled`` can tell it from a
    failure of the work itself.
    """

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or str(error))
        self.error = error

    @property
    def pipe_closed(self) -> bool:
        return isinstance(self.error, BrokenPipeError)


class _Stdout:
    """``sys.stdout`` (whichever it is now) for rich and for our own writes: a failed
    write or flush raises ``OutputFailed``."""

    def write(self, text: str) -> int:
        try:
            return sys.stdout.write(text)
        except OSError as exc:
            raise OutputFailed(exc) from exc

    def write_bytes(self, data: bytes) -> None:
        """Bytes unchanged (CRLF line ends included), for files written to stdout."""
        self.flush()
        binary = getattr(sys.stdout, "buffer", None)
        try:
            if binary is None:
                sys.stdout.write(data.decode("utf-8"))
            else:
                binary.write(data)
            (binary or sys.stdout).flush()
        except OSError as exc:
            raise OutputFailed(exc) from exc

    def flush(self) -> None:
        try:
            sys.stdout.flush()
        except OSError as exc:
            raise OutputFailed(exc) from exc

    def isatty(self) -> bool:
        return sys.stdout.isatty()

    def fileno(self) -> int:
        return sys.stdout.fileno()

    @property
    def encoding(self) -> str:
        return getattr(sys.stdout, "encoding", None) or "utf-8"


stdout = _Stdout()


def console(stderr: bool = False) -> Console:
    """The console every human output goes through: it shows stored text literally
    (followup.cli.render.text), and its stdout failures raise ``OutputFailed``."""
    from followup.cli.render.text import LiteralConsole

    target: Any = None if stderr else stdout
    # Errors and warnings are single lines that scripts may grep: never wrap them.
    if _plain_output():
        # Rich already writes plain text when the output is not a terminal; under NO_COLOR
        # it would still write bold and underline to one, so ask it for no styles at all.
        return LiteralConsole(file=target, stderr=stderr, soft_wrap=stderr, color_system=None)
    return LiteralConsole(file=target, stderr=stderr, soft_wrap=stderr)


def _print_error(message: str) -> None:
    from followup.cli.render.text import literal

    # When stderr is gone as well, the exit code is all that can still be told.
    with contextlib.suppress(OSError):
        # One line whatever the message quotes: a line break in it is spelled out too.
        console(stderr=True).print(literal(f"Error: {message}"))


def _fail(message: str, code: int) -> NoReturn:
    _print_error(message)
    raise typer.Exit(code)


def _discard_pending_output() -> None:
    """Point stdout at /dev/null, so that what is still buffered for a closed pipe or a
    full disk is dropped quietly at exit rather than reported as an exception."""
    # Not a real file (an in-process test runner): then nothing is left to flush at exit.
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _exit_after_output_failed(exc: OutputFailed, saved: str | None) -> NoReturn:
    try:
        output_failed(exc, saved)
    except typer.Exit as done:
        sys.exit(done.exit_code)


def output_failed(exc: OutputFailed, saved: str | None) -> NoReturn:
    """The output could not be written. A closed pipe (``followup due | head -1``) is the
    reader saying it has seen enough: exit 0 quietly, as other Unix tools do. Anything else
    is exit 1, saying whether the command's change was saved, so nobody runs it twice."""
    _discard_pending_output()
    if exc.pipe_closed:
        raise typer.Exit(0)
    if saved is not None:
        _fail(
            f"{saved} was saved, but its output could not be written ({exc}); "
            "do not run the command again",
            1,
        )
    _fail(f"the output could not be written ({exc})", 1)


_saved: ContextVar[str | None] = ContextVar("followup_saved", default=None)


def saved(result: R, what: str = "your change") -> R:
    """Mark the command's change as committed: the service that returned ``result`` saved
    it. From here on, a failure to write the output says so (see ``output_failed``)."""
    _saved.set(what)
    return result


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


def _what_was_saved() -> str:
    """For a command stopped by a bug or Ctrl-C: after its change was committed (while it
    printed), saying "nothing was saved" would have the user record it twice."""
    saved = _saved.get()
    return "nothing was saved" if saved is None else f"{saved} was saved: do not run it again"


def handled(command: Callable[P, R]) -> Callable[P, R]:
    """Run a command, turning every failure into one line on stderr and its exit code."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        token = _saved.set(None)
        _first_use_notice(show=False)
        try:
            _refuse_undecodable([*args, *kwargs.values()])
            result = command(*args, **kwargs)
            _first_use_notice(show=True)
            # Here, not at exit: a full disk is found while the command can still say so.
            stdout.flush()
            return result
        except (typer.Exit, typer.Abort):
            raise
        except OutputFailed as exc:
            output_failed(exc, _saved.get())
        except FollowupError as exc:
            _fail(exc.message, exc.exit_code)
        except KeyboardInterrupt:
            _fail(f"interrupted; {_what_was_saved()}", EXIT_INTERRUPTED)
        except Exception as exc:
            _fail(
                f"unexpected problem ({type(exc).__name__}); {_what_was_saved()}. "
                "Please report it with the command you ran.",
                EXIT_BUG,
            )
        finally:
            _saved.reset(token)

    return run


def _first_use_notice(*, show: bool) -> None:
    """Say once, on stderr, which public holidays a new profile counts (they are its own
    from now on) and how to sign the drafts; or, before a command, forget an old notice."""
    # Only a command that recorded settings has loaded the module: nothing to import here.
    module = sys.modules.get("followup.services.profile_settings")
    if module is None:
        return
    first = module.first_recorded.get()
    module.first_recorded.set(None)
    if first is None or not show:
        return
    with contextlib.suppress(OSError):
        from followup.cli.render.text import literal

        console(stderr=True).print(literal(first_use_words(first.profile, first.settings)))


def first_use_words(profile: str, settings: Settings) -> str:
    """The one line a new profile's first command prints (docs/settings.md)."""
    if settings.holidays is None:
        holidays = "no public holidays are days off (see 'followup config show')"
    else:
        where = (
            f"from your locale {settings.holidays_locale}"
            if settings.holidays_locale is not None
            else "from your settings file"
        )
        region = f" ({settings.subdivision})" if settings.subdivision else ""
        holidays = f"{settings.holidays}{region} public holidays are days off ({where})"
    words = f"Note: profile {profile} is new: {holidays}."
    if settings.your_name is None:
        words += ' Sign your drafts: followup config set your_name "Your Name"'
    return words


def session_for(ctx: typer.Context) -> Session:
    # Settings are imported here, not at start-up: --help and completion never need them.
    from followup.settings import database_location

    db = ctx.obj if isinstance(ctx.obj, str) else None
    return Session(database_location(db), today_for_command())


def checked_contact_detail(text: str | None, session: Session, what: str) -> str | None:
    """A phone number or email typed to change one: checked and in normal form. An empty
    value (which clears it) and none (which keeps it) pass as they are."""
    if text is None or not text.strip():
        return text
    from followup.domain.contact_details import normalise_email, normalise_phone

    if what == "email":
        return normalise_email(text)
    return normalise_phone(text, session.settings.checked_phone_region())


def out(renderable: RenderableType | str) -> None:
    """Print to stdout; a plain sentence is shown literally and never broken into lines (it
    may hold a path to copy)."""
    if isinstance(renderable, str):
        from followup.cli.render.text import literal

        console().print(literal(renderable), soft_wrap=True)
        return
    console().print(renderable)


def print_json(data: object) -> None:
    from followup.cli.render import dumps

    # Plain stdout, not rich: JSON must never be wrapped or coloured.
    stdout.write(dumps(data) + "\n")


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
            options.DB.flag,
            envvar=options.DB.envvar,
            metavar=options.DB.metavar,
            help=options.DB.help,
            show_envvar=True,
        ),
    ] = None,
    profile: Annotated[
        str,
        typer.Option(
            options.PROFILE.flag,
            envvar=options.PROFILE.envvar,
            metavar=options.PROFILE.metavar,
            help=options.PROFILE.help,
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
    if db is not None and not db.strip():
        # Not the default database: an empty --db is more likely a variable that was not set.
        raise typer.BadParameter("it is empty; give a database file or URL", param_hint="'--db'")
    ctx.obj = db
    # Every command reads and writes this profile's data only, until it ends.
    ctx.with_resource(profile_in_use(profile))


AppId = Annotated[int, typer.Argument(metavar="APP_ID", help="The application's id.")]
JsonFlag = Annotated[bool, typer.Option(options.JSON.flag, help=options.JSON.help)]

# The details of an application, as `add` and `edit` both take them.
CompanyOption = Annotated[str | None, typer.Option("--company", help="The company.")]
RoleOption = Annotated[str | None, typer.Option("--role", help="The job title.")]
ContactOption = Annotated[
    str | None, typer.Option("--contact", metavar="NAME", help="Hiring manager or recruiter.")
]
PhoneOption = Annotated[
    str | None, typer.Option("--phone", metavar="PHONE", help="Their phone number.")
]
EmailOption = Annotated[
    str | None, typer.Option("--email", metavar="EMAIL", help="Their email address.")
]
UrlOption = Annotated[str | None, typer.Option("--url", metavar="URL", help="Link to the posting.")]
PitchOption = Annotated[
    str | None, typer.Option("--pitch", help="One or two things about you that fit this role.")
]
NoteOption = Annotated[str | None, typer.Option("--note", help="Anything else.")]
