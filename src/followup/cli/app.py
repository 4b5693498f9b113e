"""The Typer app and what every command shares: options, the session, output, errors.

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
from followup.errors import BadInput, FollowupError
from followup.profiles import DEFAULT_PROFILE, PROFILE_ENV, profile_in_use, profile_problem

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from followup.domain.dates import Direction
    from followup.domain.models import Contact
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
        """This machine's settings file, read once per command and only by commands that
        need it. For the settings that move windows, the profile's own in the database
        are in force once recorded; the services choose (services.profile_settings)."""
        from followup.settings import load_settings

        return load_settings()

    def read_date(self, text: str, direction: Direction) -> date:
        """A date the user typed; numbers alone (03/04/2026) only with ``date_order`` set."""
        from followup.domain.dates import DateOrder, parse_date

        order = self.settings.date_order
        return parse_date(text, self.today, direction, DateOrder(order) if order else None)

    def read_optional_date(self, text: str | None, direction: Direction) -> date | None:
        return None if text is None else self.read_date(text, direction)

    def contact(self, name: str | None, phone: str | None, email: str | None) -> Contact:
        """Contact details as typed, checked and in normal form (followup.contact_details)."""
        from followup.domain.contact_details import normalise_contact
        from followup.domain.models import Contact

        region = self.settings.checked_phone_region() if phone and phone.strip() else None
        return normalise_contact(Contact(name, phone, email), region)


def _plain_output() -> bool:
    """NO_COLOR (https://no-color.org), set to anything but empty, asks for plain text."""
    return bool(os.environ.get("NO_COLOR"))


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    # Errors and warnings are single lines that scripts may grep: never wrap them.
    if _plain_output():
        # Rich already writes plain text when the output is not a terminal; under NO_COLOR
        # it would still write bold and underline to one, so ask it for no styles at all.
        return Console(stderr=stderr, highlight=False, soft_wrap=stderr, color_system=None)
    return Console(stderr=stderr, highlight=False, soft_wrap=stderr)


def _print_error(message: str) -> None:
    console(stderr=True).print(f"Error: {message}", markup=False, highlight=False)


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


def today_for_command() -> date:
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
    # A plain sentence is never broken into lines: it may hold a path to copy.
    console().print(renderable, soft_wrap=isinstance(renderable, str))


def print_json(data: object) -> None:
    from followup.cli.render import dumps

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
