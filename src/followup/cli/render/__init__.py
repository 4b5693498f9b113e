"""What the user sees: rich text for people, JSON for scripts (docs/json.md is the contract)."""

from __future__ import annotations

import json
import textwrap
from datetime import date
from typing import Any

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from followup.cli.render.text import literal, visible
from followup.domain import quiet
from followup.domain.models import (
    Action,
    Application,
    ApplicationView,
    DueItem,
    DueReport,
    DueState,
    Flag,
    GoneQuiet,
    HoldingOff,
    Interview,
    LoggedTouch,
    Touch,
    Via,
    Window,
)

# --- JSON -------------------------------------------------------------------------------


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _window_json(window: Window | None) -> dict[str, Any] | None:
    if window is None:
        return None
    return {
        "earliest": _iso(window.earliest),
        "latest": _iso(window.latest),
        "action": window.action.value,
        "reason": window.reason,
    }


def _flag_json(flag: Flag) -> dict[str, Any]:
    return {"kind": flag.kind.value, "on": _iso(flag.on), "message": flag.message}


def application_json(view: ApplicationView) -> dict[str, Any]:
    app = view.application
    verdict = view.assessment
    return {
        "id": app.id,
        "company": app.company,
        "role": app.role,
        "stage": verdict.stage.value,
        "outcome": app.outcome.value if app.outcome else None,
        "applied_on": _iso(app.applied_on),
        "closed_on": _iso(app.closed_on),
        "do_not_call": app.do_not_call,
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
        "flags": [_flag_json(f) for f in verdict.flags],
    }


def _touch_json(touch: Touch) -> dict[str, Any]:
    return {
        "id": touch.id,
        "on": _iso(touch.on),
        "via": touch.via.value,
        "inbound": touch.inbound,
    }


def _interview_json(interview: Interview) -> dict[str, Any]:
    return {
        "id": interview.id,
        "on": _iso(interview.on),
        "kind": interview.kind.value,
        "with": list(interview.with_),
        "next_steps": interview.next_steps,
        "timeline": interview.timeline,
        "prefers": interview.prefers.value if interview.prefers else None,
        "follow_up_on": _iso(interview.follow_up_on),
    }


def detail_json(view: ApplicationView) -> dict[str, Any]:
    data = application_json(view)
    data["touches"] = [
        _touch_json(t)
        | {
            "note": t.note,
            "follow_up_on": _iso(t.follow_up_on),
            "flags": [k.value for k in view.assessment.touch_flags(t.id)],
        }
        for t in view.history.touches
    ]
    data["interviews"] = [_interview_json(i) for i in view.history.interviews]
    return data


def logged_json(logged: LoggedTouch) -> dict[str, Any]:
    return {
        "touch": _touch_json(logged.touch),
        "overcontact": logged.overcontact,
        "flags": [f.kind.value for f in logged.flags],
        "rejudged": [_flag_json(f) | {"touch_id": f.touch_id} for f in logged.rejudged],
        "application": application_json(logged.view),
    }


def _item_json(item: DueItem) -> dict[str, Any]:
    return {
        "id": item.application_id,
        "company": item.company,
        "role": item.role,
        "state": item.state.value,
        "action": item.action.value,
        "earliest": _iso(item.earliest),
        "latest": _iso(item.latest),
        "reason": item.reason,
        "hint": item.hint,
    }


def _quiet_json(entry: GoneQuiet) -> dict[str, Any]:
    app = entry.application
    return {
        "id": app.id,
        "company": app.company,
        "role": app.role,
        "since": _iso(entry.since),
        "reason": entry.reason,
        "command": entry.command,
    }


def due_json(report: DueReport) -> dict[str, Any]:
    return {
        "as_of": _iso(report.as_of),
        "items": [_item_json(i) for i in report.items],
        "reminders": [
            {"id": app.id, "company": app.company, "role": app.role} | _flag_json(flag)
            for app, flag in report.reminders
        ],
        "gone_quiet": [_quiet_json(q) for q in report.gone_quiet],
    }


def dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


# --- people -----------------------------------------------------------------------------


def day(value: date, today: date) -> str:
    """Short and unambiguous: 'Mon 23 Nov', with the year when it is not this year's."""
    text = f"{value:%a} {value.day} {value:%b}"
    return text if value.year == today.year else f"{text} {value.year}"


def span(window: Window, today: date) -> str:
    if window.earliest == window.latest:
        return day(window.earliest, today)
    return f"{day(window.earliest, today)} - {day(window.latest, today)}"


_STATE_STYLE = {DueState.OVERDUE: "bold red", DueState.DUE: "bold green", DueState.UPCOMING: "cyan"}
_STATE_WORDS = {DueState.OVERDUE: "OVERDUE", DueState.DUE: "DUE", DueState.UPCOMING: "SOON"}


_LABEL_WIDTH = 8


def _due_item(item: DueItem, today: date, width: int) -> Text:
    """One item: a coloured state label, then its lines wrapped under the label's indent.

    Wrapped with textwrap rather than a rich grid: the morning view can list hundreds of
    items, and measuring a grid of them costs more than the database work.
    """
    window = Window(item.earliest, item.latest, item.action, item.reason)
    lines = [
        (f"#{item.application_id} {item.company} - {item.role}", "bold"),
        (f"{item.action}, {span(window, today)}: {item.reason}", ""),
        (item.hint, "italic"),
    ]
    return _wrapped(_STATE_WORDS[item.state], _STATE_STYLE[item.state], lines, width)


def _wrapped(label: str, style: str, lines: list[tuple[str, str]], width: int) -> Text:
    """A coloured label, then each line wrapped under the label's indent."""
    indent = " " * _LABEL_WIDTH
    body = max(width - _LABEL_WIDTH, 20)
    text = literal(f"{label:<{_LABEL_WIDTH}}", style)
    for n, (line, line_style) in enumerate(lines):
        for m, wrapped in enumerate(textwrap.wrap(visible(line), body)):
            if n or m:
                text.append(f"\n{indent}")
            text.append(wrapped, style=line_style)
    return text


def _reminder(app: Application, flag: Flag, width: int) -> Text:
    return _wrapped(
        "ASK",
        "bold yellow",
        [
            (f"#{app.id} {app.company} - {app.role}", "bold"),
            (flag.message, ""),
            (
                f"Learned them already? followup debrief {app.id} --next-steps ... --timeline ...",
                "italic",
            ),
        ],
        width,
    )


def _gone_quiet(entry: GoneQuiet, today: date, width: int) -> Text:
    """One application that has gone quiet: its reason (the count and when you last heard
    from them) and the command that closes it."""
    app = entry.application
    when = "" if entry.since <= today else f"from {day(entry.since, today)}: "
    return _wrapped(
        "QUIET",
        "bold magenta",
        [
            (f"#{app.id} {app.company} - {app.role}", "bold"),
            (f"{when}{entry.reason}", ""),
            (entry.command, "italic"),
        ],
        width,
    )


def _nothing_due(report: DueReport) -> str:
    if not report.holding_off_total and not report.gone_quiet:
        return "No open applications. After you apply: followup add COMPANY ROLE --phone ..."
    return "Nobody to contact today." + ("" if report.ahead == 0 else " Nor in the coming days.")


def _holding_line(entry: HoldingOff, today: date) -> tuple[str, str, str]:
    app = entry.application
    if entry.next_contact is not None:
        quiet_from = entry.next_contact.action is Action.CLOSE
        return (
            f"#{app.id} {app.company} - {app.role}",
            f"{'quiet' if quiet_from else 'from'} {day(entry.next_contact.earliest, today)}",
            entry.next_contact.reason,
        )
    return (f"#{app.id} {app.company} - {app.role}", "-", entry.waiting or "")


def print_due(console: Console, report: DueReport, today: date) -> None:
    console.print(literal(f"followup, {day(report.as_of, today)} {report.as_of.year}", "bold"))
    if report.items:
        for item in report.items:
            console.print(_due_item(item, today, console.width), soft_wrap=True)
    else:
        console.print(literal(_nothing_due(report)))
    for app, flag in report.reminders:
        console.print(_reminder(app, flag, console.width), soft_wrap=True)
    if report.gone_quiet:
        console.print(literal(f"{quiet.HEADING} ({len(report.gone_quiet)})", "bold"))
        for quiet_entry in report.gone_quiet:
            console.print(_gone_quiet(quiet_entry, today, console.width), soft_wrap=True)
    if report.holding_off_total:
        table = Table(
            title=f"Holding off ({report.holding_off_total}): leave these alone for now",
            title_justify="left",
            show_edge=False,
        )
        table.add_column("Application")
        table.add_column("Next contact", no_wrap=True)
        table.add_column("Why")
        for entry in report.holding_off:
            table.add_row(*(literal(cell) for cell in _holding_line(entry, today)))
        console.print(table)
        hidden = report.holding_off_total - len(report.holding_off)
        if hidden > 0:
            console.print(literal(f"... and {hidden} more: 'followup list' shows them all."))


def _next_contact_text(view: ApplicationView, today: date) -> str:
    window = view.assessment.next_contact
    if window is None:
        return f"Nothing due: {view.assessment.waiting}."
    if window.action is Action.CLOSE:
        command = quiet.close_command(view.application.id)
        if window.earliest <= today:
            return f"Gone quiet: {window.reason}: {command}."
        return f"Nothing due: {window.reason} (from {day(window.earliest, today)}: {command})."
    return f"Next: {window.action}, {span(window, today)} ({window.reason})."


def print_application(console: Console, view: ApplicationView, today: date) -> None:
    """One application in a few lines, after a change."""
    app = view.application
    stage = view.assessment.stage.value
    if app.outcome:
        stage += f", {app.outcome}"
    console.print(literal(f"#{app.id} {app.company} - {app.role} [{stage}]", "bold"))
    console.print(literal(_next_contact_text(view, today)), soft_wrap=True)


def print_detail(console: Console, view: ApplicationView, today: date) -> None:
    app = view.application
    print_application(console, view, today)
    facts = [
        ("Applied", day(app.applied_on, today)),
        ("Contact", app.contact.name),
        ("Phone", app.contact.phone),
        ("Email", app.contact.email),
        ("Do not call", "yes" if app.do_not_call else None),
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
                    literal(f"i{interview.id}"),
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
                    literal(str(touch.id)),
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
        # Touches flagged, not flags: one call can be both early and do-not-call.
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


_VIA_WORDS = {
    Via.CALL: "a call",
    Via.VOICEMAIL: "a voicemail",
    Via.NO_ANSWER: "an unanswered call",
    Via.EMAIL: "an email",
}


def print_logged(console: Console, logged: LoggedTouch, today: date) -> None:
    touch = logged.touch
    direction = "from them" if touch.inbound else "to them"
    what = _VIA_WORDS[touch.via]
    when = day(touch.on, today)
    console.print(literal(f"Logged {what} {direction} on {when} (touch {touch.id})."))
    print_application(console, logged.view, today)


def overcontact_warning(logged: LoggedTouch) -> Group | None:
    """The loud part of log-call: shown whenever the touch was over-contact, or made one."""
    lines = []
    if logged.overcontact:
        lines.append(literal("Warning: that was over-contact.", "bold red"))
        over = [f for f in logged.flags if f.kind.is_overcontact]
        lines += [literal(f"  {f.kind}: {f.message}") for f in over]
    if logged.rejudged:
        lines.append(literal("Warning: with this earlier date, later contacts now count as:"))
        lines += [literal(f"  touch {f.touch_id}, {f.kind}: {f.message}") for f in logged.rejudged]
    return Group(*lines) if lines else None
