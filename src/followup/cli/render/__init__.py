"""What the user sees: rich text for people, JSON for scripts (docs/json.md is the contract)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from followup.cli.render.text import literal
from followup.domain.models import (
    Action,
    ApplicationView,
    DueState,
    Interview,
    LoggedTouch,
    Touch,
    Window,
)
from followup.domain.prep import AskedQuestion
from followup.domain.today import TodayVerdict, today_verdict
from followup.quick.view import application_lines, flag_json, iso, logged_lines, touch_words

# The morning view and what other views share with it live in followup.quick.view (no rich).
from followup.quick.view import day as day
from followup.quick.view import due_json as due_json
from followup.quick.view import dumps as dumps
from followup.quick.view import span as span

# --- JSON -------------------------------------------------------------------------------


def _window_json(window: Window | None) -> dict[str, Any] | None:
    if window is None:
        return None
    return {
        "earliest": iso(window.earliest),
        "latest": iso(window.latest),
        "action": window.action.value,
        "reason": window.reason,
    }


def application_json(view: ApplicationView) -> dict[str, Any]:
    app = view.application
    verdict = view.assessment
    return {
        "id": app.id,
        "company": app.company,
        "role": app.role,
        "stage": verdict.stage.value,
        "outcome": app.outcome.value if app.outcome else None,
        "applied_on": iso(app.applied_on),
        "closed_on": iso(app.closed_on),
        "do_not_call": app.do_not_call,
        "no_email": app.no_email,
        "contact": {
            "name": app.contact.name,
            "phone": app.contact.phone,
            "email": app.contact.email,
        },
        "url": app.url,
        "pitch": app.pitch,
        "note": app.note,
        "next_contact": _window_json(verdict.next_contact),
        "waiting": verdict.waiting,
        "flags": [flag_json(f) for f in verdict.flags],
    }


def _touch_json(touch: Touch) -> dict[str, Any]:
    return {
        "id": touch.id,
        "on": iso(touch.on),
        "via": touch.via.value,
        "inbound": touch.inbound,
    }


def _interview_json(interview: Interview) -> dict[str, Any]:
    return {
        "id": interview.id,
        "on": iso(interview.on),
        "kind": interview.kind.value,
        "with": list(interview.with_),
        "next_steps": interview.next_steps,
        "timeline": interview.timeline,
        "prefers": interview.prefers.value if interview.prefers else None,
        "follow_up_on": iso(interview.follow_up_on),
    }


def today_json(verdict: TodayVerdict) -> dict[str, Any]:
    window = verdict.window
    return {
        "contact": verdict.contact,
        "state": verdict.state.value if verdict.state else None,
        "wait_until": iso(window.earliest) if window and not verdict.contact else None,
    }


def detail_json(view: ApplicationView, today: date) -> dict[str, Any]:
    data = application_json(view)
    data["today"] = today_json(today_verdict(view.assessment, today))
    data["touches"] = [
        _touch_json(t)
        | {
            "note": t.note,
            "follow_up_on": iso(t.follow_up_on),
            "flags": [k.value for k in view.assessment.touch_flags(t.id)],
        }
        for t in view.history.touches
    ]
    data["interviews"] = [_interview_json(i) for i in view.history.interviews]
    return data


def logged_json(logged: LoggedTouch, *, dry_run: bool = False) -> dict[str, Any]:
    # A dry run's touch has no id yet: the one the database would give it is a guess.
    touch = _touch_json(logged.touch) | ({"id": None} if dry_run else {})
    return {
        "dry_run": dry_run,
        "touch": touch,
        "overcontact": logged.overcontact,
        "flags": [f.kind.value for f in logged.flags],
        "rejudged": [flag_json(f) | {"touch_id": f.touch_id} for f in logged.rejudged],
        "application": application_json(logged.view),
    }


# --- people -----------------------------------------------------------------------------


def print_application(console: Console, view: ApplicationView, today: date) -> None:
    """One application in a few lines, after a change (the words: quick.view)."""
    for text, style in application_lines(view, today):
        console.print(literal(text, style), soft_wrap=True)


def today_words(verdict: TodayVerdict, today: date) -> str:
    """``show``'s first line: may I contact them today, and how; or until when to wait."""
    window = verdict.window
    if window is None:
        return f"Today: no, {verdict.waiting}"
    if verdict.state is DueState.OVERDUE:
        closed = day(window.latest, today)
        return f"Today: yes, {window.action} (overdue: the window closed {closed})"
    if verdict.contact:
        return f"Today: yes, {window.action}"
    return f"Today: no, wait until {day(window.earliest, today)} ({window.reason})"


def print_detail(
    console: Console,
    view: ApplicationView,
    today: date,
    asked: Sequence[AskedQuestion] = (),
) -> None:
    """The whole story of one application. Every touch, interview and question asked shows
    its id in words ("touch 4", "interview 2", "question 7"), the number the commands that
    change it take (delete-touch TOUCH_ID, debrief --interview INTERVIEW_ID, ...)."""
    app = view.application
    words = today_words(today_verdict(view.assessment, today), today)
    console.print(literal(words, "bold"), soft_wrap=True)
    print_application(console, view, today)
    facts = [
        ("Applied", day(app.applied_on, today)),
        ("Contact", app.contact.name),
        ("Phone", app.contact.phone),
        ("Email", app.contact.email),
        ("Do not call", "yes" if app.do_not_call else None),
        ("Do not email", "yes" if app.no_email else None),
        ("Link", app.url),
        ("Pitch", app.pitch),
    ]
    for label, value in facts:
        if value:
            console.print(literal(f"  {label}: {value}"))
    if app.note:
        # The one field kept on several lines, as it was written.
        console.print(literal(f"  Note: {app.note}", lines=True))
    events = Table(title="History", title_justify="left", show_edge=False)
    for column in ("Date", "ID", "What", "Flags", "Note"):
        events.add_column(column)
    rows: list[tuple[date, int, tuple[Text, ...]]] = []
    for interview in view.history.interviews:
        who = f" with {', '.join(interview.with_)}" if interview.with_ else ""
        learned = "; ".join(
            part
            for part in (
                f"next steps: {interview.next_steps}" if interview.next_steps else "",
                f"timeline: {interview.timeline}" if interview.timeline else "",
                f"prefers {interview.prefers}" if interview.prefers else "",
            )
            if part
        )
        rows.append(
            (
                interview.on,
                0,
                (
                    literal(day(interview.on, today)),
                    literal(f"interview {interview.id}"),
                    literal(f"{interview.kind} interview{who}"),
                    literal(""),
                    literal(learned),
                ),
            )
        )
    for touch in view.history.touches:
        direction = "from them" if touch.inbound else "you"
        kinds = ", ".join(view.assessment.touch_flags(touch.id))
        rows.append(
            (
                touch.on,
                1,
                (
                    literal(day(touch.on, today)),
                    literal(f"touch {touch.id}"),
                    literal(f"{touch.via} ({direction})"),
                    literal(kinds),
                    literal(touch.note or "", lines=True),
                ),
            )
        )
    if rows:
        for row in sorted(rows, key=lambda r: (r[0], r[1])):
            events.add_row(*row[2])
        console.print(events)
    if asked:
        console.print(literal("Questions asked:", "bold"))
        for question in asked:
            said = f" They said: {question.answer}" if question.answer else ""
            console.print(
                literal(
                    f"  question {question.id} (interview {question.interview_id}, "
                    f"to {question.interviewer}): {question.question}{said}",
                    lines=True,
                )
            )
    if view.assessment.flags:
        console.print(literal("Flags:", "bold yellow"))
        for flag in view.assessment.flags:
            console.print(literal(f"  {flag.kind} ({day(flag.on, today)}): {flag.message}"))


def _list_next(window: Window | None, today: date) -> str:
    if window is None:
        return "-"
    if window.action is Action.CLOSE:
        return f"gone quiet, {day(window.earliest, today)}"
    return f"{window.action}, {span(window, today)}"


def print_list(console: Console, views: list[ApplicationView], today: date) -> None:
    if not views:
        console.print(literal("No applications yet. Record one with: followup add COMPANY ROLE"))
        return
    table = Table(show_edge=False)
    for column in ("ID", "Company", "Role", "Stage", "Next contact", "Over-contact"):
        table.add_column(column)
    for view in views:
        window = view.assessment.next_contact
        # Touches flagged, not flags: one call can be both a repeat and stalking.
        overcontact = {f.touch_id for f in view.assessment.flags if f.kind.is_overcontact}
        cells = (
            str(view.application.id),
            view.application.company,
            view.application.role,
            f"{view.assessment.stage} ({view.application.outcome})"
            if view.application.outcome
            else view.assessment.stage.value,
            _list_next(window, today),
            str(len(overcontact)) if overcontact else "",
        )
        table.add_row(*(literal(cell) for cell in cells))
    console.print(table)


def print_logged(console: Console, logged: LoggedTouch, today: date) -> None:
    for text, style in logged_lines(logged, today):
        console.print(literal(text, style), soft_wrap=True)


def print_preview(console: Console, logged: LoggedTouch, today: date) -> None:
    """``log-call --dry-run``: what would be logged, its flags, and the window after it."""
    would = f"Dry run: nothing was saved. Would log {touch_words(logged.touch, today)}."
    console.print(literal(would, "bold"), soft_wrap=True)
    warning = overcontact_warning(logged, dry_run=True)
    if warning is None:
        console.print(literal("No flags: it would not be over-contact."))
    else:
        # Whole lines, as a real log prints them on stderr: the words are the same.
        console.print(warning, soft_wrap=True)
    print_application(console, logged.view, today)


def overcontact_warning(logged: LoggedTouch, *, dry_run: bool = False) -> Group | None:
    """The loud part of log-call: shown whenever the touch was (or would be) over-contact,
    or made one; the flags in the same words either way."""
    was, now = ("would be", "would count") if dry_run else ("was", "now count")
    lines = []
    if logged.overcontact:
        lines.append(literal(f"Warning: that {was} over-contact.", "bold red"))
        over = [f for f in logged.flags if f.kind.is_overcontact]
        lines += [literal(f"  {f.kind}: {f.message}") for f in over]
    if logged.rejudged:
        lines.append(literal(f"Warning: with this earlier date, later contacts {now} as:"))
        lines += [literal(f"  touch {f.touch_id}, {f.kind}: {f.message}") for f in logged.rejudged]
    return Group(*lines) if lines else None
