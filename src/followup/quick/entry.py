"""The console script's morning path: a plain `followup due`, answered without the Typer app.

``answer`` reads the command line with the option table of ``quick.options`` (which the
Typer command is built from too) and answers only what it fully understands: the global
``--db`` and ``--profile`` (or their environment variables), then `due` with ``--as-of``,
``--ahead`` and ``--json``, on a SQLite file this version knows whose verdicts are current.
For anything else (help, a typo, an option twice, a value it would have to judge, an
error of any kind, PostgreSQL, an upgrade due) it returns None before writing a byte,
and the Typer app runs the command from the start: it has the words for every error, so
the two cannot disagree on one. `due` writes nothing, so starting again is safe.
"""

# No ``from __future__ import annotations``: see domain/models.py.

import contextlib
import os
import re
import sys
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from followup.errors import FollowupError
from followup.profiles import DEFAULT_PROFILE, profile_in_use, profile_problem
from followup.quick import options
from followup.quick.options import OptionSpec

# A number as it may be typed: plain ASCII digits (Typer's reading of anything else is its own).
_NUMBER = r"[0-9]{1,6}"


class DueRequest(NamedTuple):
    """A `due` command line, read."""

    db: str | None
    profile: str
    as_of: str | None
    ahead: int | None
    as_json: bool


def _take(
    args: Sequence[str], at: int, known: Sequence[OptionSpec], found: dict[str, object]
) -> int | None:
    """Read the option at ``args[at]`` into ``found``; the index after it, or None when it is
    not one of ``known``, is given twice, or its value is not plainly right."""
    flag, equals, inline = args[at].partition("=")
    spec = next((s for s in known if s.flag == flag), None)
    if spec is None or flag in found:
        return None
    if spec.is_flag:
        if equals:
            return None
        found[flag] = True
        return at + 1
    if equals:
        value, after = inline, at + 1
    elif at + 1 < len(args):
        value, after = args[at + 1], at + 2
    else:
        return None
    if not value or value.startswith("-"):
        return None
    if spec.is_number:
        if not re.fullmatch(_NUMBER, value):
            return None
        number = int(value)
        if spec.minimum is not None and number < spec.minimum:
            return None
        if spec.maximum is not None and number > spec.maximum:
            return None
        found[flag] = number
    else:
        found[flag] = value
    return after


def read_due(args: Sequence[str], env: Mapping[str, str]) -> DueRequest | None:
    """``args`` (without the program's name) as a `due` request, or None."""
    found: dict[str, object] = {}
    at = 0
    while at < len(args) and args[at].startswith("--"):
        taken = _take(args, at, options.GLOBAL_OPTIONS, found)
        if taken is None:
            return None
        at = taken
    if at >= len(args) or args[at] != options.DUE_COMMAND:
        return None
    at += 1
    while at < len(args):
        if not args[at].startswith("--"):
            return None
        taken = _take(args, at, options.DUE_OPTIONS, found)
        if taken is None:
            return None
        at = taken
    for value in (*args, *(env.get(s.envvar, "") for s in options.GLOBAL_OPTIONS if s.envvar)):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return None  # the Typer app refuses it in its own words
    db = found.get(options.DB.flag) or (env.get(options.DB.envvar or "") or None)
    if db is not None and not str(db).strip():
        return None
    profile = found.get(options.PROFILE.flag) or env.get(options.PROFILE.envvar or "")
    profile = str(profile) if profile else DEFAULT_PROFILE
    if profile_problem(profile) is not None:
        return None
    ahead = found.get(options.AHEAD.flag)
    as_of = found.get(options.AS_OF.flag)
    return DueRequest(
        db=None if db is None else str(db),
        profile=profile,
        as_of=as_of if isinstance(as_of, str) else None,
        ahead=ahead if isinstance(ahead, int) else None,
        as_json=bool(found.get(options.JSON.flag)),
    )


def _report_text(request: DueRequest) -> str | None:
    from followup.domain.dates import Direction
    from followup.quick import view
    from followup.quick.session import Session, today_for_command
    from followup.services import morning
    from followup.settings import database_location

    with profile_in_use(request.profile):
        session = Session(database_location(request.db), today_for_command())
        day = session.read_optional_date(request.as_of, Direction.FUTURE) or session.today
        days = session.settings.ahead_days if request.ahead is None else request.ahead
        report = morning.due_from_stored_verdicts(session.db, day, days, settings=session.settings)
    if report is None:
        return None
    if request.as_json:
        return view.dumps(view.due_json(report)) + "\n"
    return view.render_due(report, session.today, view.output_width(), view.styled_output())


def _discard_pending_output() -> None:
    # As cli.base does: what is still buffered for a closed pipe is dropped quietly at exit.
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def answer(args: Sequence[str], env: Mapping[str, str]) -> int | None:
    """Answer ``args`` when it is a `due` this path can answer: the exit code; else None."""
    request = read_due(args, env)
    if request is None:
        return None
    try:
        text = _report_text(request)
    except FollowupError:
        # The Typer app says what is wrong, in the same words as ever.
        return None
    except Exception:
        # A bug: the Typer app meets it too, and reports it as one (exit 70).
        return None
    if text is None:
        return None
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as exc:
        # The same answers as cli.base.output_failed: a closed pipe is the reader having
        # seen enough (exit 0); anything else is said, with exit 1.
        _discard_pending_output()
        if isinstance(exc, BrokenPipeError):
            return 0
        with contextlib.suppress(OSError):
            sys.stderr.write(f"Error: the output could not be written ({exc.strerror or exc})\n")
        return 1
    return 0
