"""The views: today (the morning routine, one key per application), agenda and stats.

`today` answers through the same services as `log-call` and `snooze`, one transaction per
answer: Ctrl-C between answers keeps the ones given, and one during an answer's save
writes nothing of it. Its `u` undoes this session's last answer by reverting it through
the services (deleting the touch just logged, putting the snooze back).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any

import typer

from followup.cli.base import (
    EXIT_INTERRUPTED,
    JsonFlag,
    Session,
    app,
    console,
    handled,
    print_json,
    saved,
    session_for,
)
from followup.errors import BadInput, FollowupError

if TYPE_CHECKING:
    from rich.console import Console

    from followup.domain.models import Application
    from followup.services.views import TodayItem


# --- today ----------------------------------------------------------------------------


@contextlib.contextmanager
def _keys() -> Iterator[None]:
    """Single keypresses without Enter; Ctrl-C still interrupts. Restored on the way out."""
    import termios
    import tty

    fd = sys.stdin.fileno()
    before = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, before)


def _key() -> str:
    with _keys():
        data = os.read(sys.stdin.fileno(), 1)
    if not data:
        return "q"  # the terminal has gone: stop
    return data.decode("ascii", "replace").lower()


def _say(screen: Console, text: str, end: str = "\n") -> None:
    from followup.cli.render.text import literal

    screen.print(literal(text), end=end, soft_wrap=True)


def _line(screen: Console, prompt: str) -> str:
    _say(screen, prompt, end="")
    return sys.stdin.readline().strip()


@dataclass
class _Walk:
    """This session's answers, newest last, for the summary and for `u`."""

    # (index of the item, what was done, what undoes it)
    done: list[tuple[int, str, Any]] = field(default_factory=list)
    answers: list[dict[str, Any]] = field(default_factory=list)

    def count(self, what: str) -> int:
        return sum(1 for _, kind, _ in self.done if kind == what)


def _show(screen: Console, entry: TodayItem, n: int, total: int, session: Session) -> None:
    from followup.cli.render import prep as render_prep
    from followup.cli.render import span
    from followup.cli.render.text import literal
    from followup.cli.render.views import contact_line
    from followup.domain.models import Window

    item = entry.item
    screen.print()
    screen.print(
        literal(
            f"[{n}/{total}] {item.state.value.upper()} #{item.application_id} "
            f"{item.company} - {item.role}",
            "bold",
        )
    )
    window = Window(item.earliest, item.latest, item.action, item.reason)
    screen.print(literal(f"{item.action}, {span(window, session.today)}: {item.reason}"))
    screen.print(literal(contact_line(entry.view.application)))
    if entry.draft is not None:
        render_prep.print_script(screen, entry.draft, session.today)
    elif entry.no_draft:
        screen.print(literal(f"No draft: {entry.no_draft}"))


def _log(
    screen: Console, session: Session, app_id: int, via: str, inbound: bool
) -> tuple[str, Any, dict[str, Any]]:
    from followup.cli import render
    from followup.domain.models import Via
    from followup.services import applications

    new = applications.NewTouch(on=session.today, via=Via(via), inbound=inbound)
    logged = applications.log_touch(
        session.db, session.today, app_id, new, settings=session.settings
    )
    render.print_logged(screen, logged, session.today)
    warning = render.overcontact_warning(logged)
    if warning is not None:
        screen.print(warning)
    return (
        "logged",
        logged.touch.id,
        {"id": app_id, "answer": "logged"} | render.logged_json(logged),
    )


def _snooze(
    screen: Console, session: Session, entry: TodayItem
) -> tuple[str, Any, dict[str, Any]] | None:
    from followup.cli import render
    from followup.domain.dates import Direction
    from followup.services import applications

    app_id = entry.item.application_id
    text = _line(screen, "Snooze until (DATE, empty to go back): ")
    if not text:
        return None
    try:
        until = session.read_date(text, Direction.FUTURE)
        view = applications.snooze(
            session.db, session.today, app_id, until, settings=session.settings
        )
    except FollowupError as exc:
        _say(screen, f"Not snoozed: {exc.message}")
        return None
    render.print_application(screen, view, session.today)
    before: Application = entry.view.application
    return "snoozed", before, {"id": app_id, "answer": "snoozed", "until": until.isoformat()}


def _undo(screen: Console, session: Session, walk: _Walk) -> int | None:
    """Revert this session's last answer; the index of the item to ask about again.

    It reverts through the services this session answered with. When a general
    `followup undo` with a journal of changes lands (issue 12), this is the one place to
    switch to it (and ``services.views.restore_snooze`` can go).
    """
    from followup.cli import render
    from followup.services import applications, views

    if not walk.done:
        _say(screen, "Nothing to undo in this session.")
        return None
    index, kind, undo = walk.done[-1]
    if kind == "logged":
        view = applications.delete_touch(session.db, session.today, undo, settings=session.settings)
        _say(screen, f"Undone: touch {undo} deleted.")
        render.print_application(screen, view, session.today)
    elif kind == "snoozed":
        view = views.restore_snooze(session.db, session.today, undo, settings=session.settings)
        _say(screen, "Undone: the snooze is back as it was.")
        render.print_application(screen, view, session.today)
    else:
        _say(screen, "Undone: the skip.")
    walk.done.pop()
    walk.answers.pop()
    return index


_VIA_KEYS = {"c": "call", "v": "voicemail", "n": "no-answer", "e": "email"}


def _answer(
    screen: Console, session: Session, entry: TodayItem
) -> tuple[str, Any, dict[str, Any]] | str | None:
    """One keypress: an answer recorded, "u" or "q", or None to ask again."""
    from followup.cli.render.views import KEYS

    app_id = entry.item.application_id
    _say(screen, KEYS + " ? ", end="")
    key = _key()
    _say(screen, key if key.isprintable() else "")
    if key in _VIA_KEYS:
        return _log(screen, session, app_id, _VIA_KEYS[key], inbound=False)
    if key == "r":
        _say(screen, "They got back to you by [c]all or [e]mail? ", end="")
        how = _key()
        _say(screen, how if how.isprintable() else "")
        if how not in ("c", "e"):
            return None
        return _log(screen, session, app_id, _VIA_KEYS[how], inbound=True)
    if key == "s":
        return "skipped", None, {"id": app_id, "answer": "skipped"}
    if key == "z":
        return _snooze(screen, session, entry)
    if key in ("u", "q"):
        return key
    _say(screen, "Press one of the keys above.")
    return None


@app.command()
@handled
def today(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """The morning routine: one key per application due."""
    from followup.cli.render.text import literal
    from followup.services import views

    screen_is_terminal = sys.stderr.isatty() if as_json else sys.stdout.isatty()
    if not (sys.stdin.isatty() and screen_is_terminal):
        raise BadInput(
            "'followup today' asks one key per application and needs a terminal; "
            "from a script, record each contact with 'followup log-call APP_ID'"
        )
    session = session_for(ctx)
    # With --json the walk is shown on stderr and the answers printed as JSON at the end.
    screen = console(stderr=as_json)
    items = views.today_due(session.db, session.today, settings=session.settings)
    walk = _Walk()
    index = 0
    # Each item's details and draft are read when it comes up, not all at the start.
    entry: TodayItem | None = None
    if not items:
        screen.print(literal("Nobody to contact today."))
    try:
        while index < len(items):
            if entry is None:
                entry = views.today_item(
                    session.db, session.today, items[index], settings=session.settings
                )
            _show(screen, entry, index + 1, len(items), session)
            answer = _answer(screen, session, entry)
            if answer == "q":
                break
            if answer == "u":
                back = _undo(screen, session, walk)
                if back is not None:
                    index, entry = back, None
                continue
            if answer is None or isinstance(answer, str):
                continue
            kind, undo, record = answer
            walk.done.append((index, kind, undo))
            walk.answers.append(record)
            saved(None, "what you answered so far")
            index, entry = index + 1, None
    except KeyboardInterrupt:
        screen.print()
        screen.print(literal(_summary(walk, len(items) - index)))
        given = len(walk.done)
        console(stderr=True).print(
            literal(
                f"Error: interrupted; the {given} answer(s) given are saved, "
                "nothing else was written"
            )
        )
        raise typer.Exit(EXIT_INTERRUPTED) from None
    screen.print()
    screen.print(literal(_summary(walk, len(items) - index)))
    if as_json:
        print_json(
            {
                "logged": walk.count("logged"),
                "skipped": walk.count("skipped"),
                "snoozed": walk.count("snoozed"),
                "left": len(items) - index,
                "answers": walk.answers,
            }
        )


def _summary(walk: _Walk, left: int) -> str:
    from followup.cli.render.views import summary

    return summary(walk.count("logged"), walk.count("skipped"), walk.count("snoozed"), left)


# --- agenda and stats ----------------------------------------------------------------


@app.command()
@handled
def agenda(
    ctx: typer.Context,
    weeks: Annotated[int, typer.Option("--weeks", metavar="N", help="How many weeks to show.")] = 2,
    wide: Annotated[
        bool, typer.Option("--wide", help="Use the terminal's whole width, names in full.")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """The coming weeks as a calendar."""
    from followup.cli.render import views as render
    from followup.services import views

    session = session_for(ctx)
    found = views.agenda(session.db, session.today, weeks, settings=session.settings)
    if as_json:
        print_json(render.agenda_json(found))
    else:
        render.print_agenda(console(), found, wide)


@app.command()
@handled
def stats(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="DATE", help="Only applications made from DATE on."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """What is working: funnel, replies, restraint."""
    from followup.cli.render import views as render
    from followup.domain.dates import Direction
    from followup.services import views

    session = session_for(ctx)
    day = session.read_optional_date(since, Direction.PAST)
    found = views.stats(session.db, session.today, day, settings=session.settings)
    if as_json:
        print_json(render.stats_json(found))
    else:
        render.print_stats(console(), found, session.today)
