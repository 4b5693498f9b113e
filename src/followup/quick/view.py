"""The morning view as people and programs see it, without rich.

Both `due`s print through here, the Typer command and the console script's morning path
(``quick.entry``), so their output is the same bytes. Plain text with a few styles (bold,
colours, italic as SGR codes) only on a terminal: rich would buy nothing here but its
import and measuring cost, which is most of a morning's run. Stored text goes through
``visible`` (control characters spelled out), as everywhere else.

At 80 columns each application holding off takes one line: its reason is cut short
(``brief``); `followup show` gives the whole of it.
"""

from __future__ import annotations

import json
import os
import re
import sys
from datetime import date
from typing import Any, TextIO

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
    LoggedTouch,
    Touch,
    Via,
    Window,
)
from followup.quick.text import visible

DEFAULT_WIDTH = 80
_MIN_BODY = 20
_LABEL_WIDTH = 8
_CUT = "..."

# Select Graphic Rendition codes for followup's own styles.
_SGR = {
    "bold": "1",
    "italic": "3",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "magenta": "35",
    "cyan": "36",
}


# --- the terminal ---------------------------------------------------------------------------


def styled_output(stream: TextIO | None = None) -> bool:
    """Bold and colours on a terminal (or with FORCE_COLOR), as rich decides for the other
    commands; never with NO_COLOR (https://no-color.org) or on a dumb terminal."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("TERM", "") in ("dumb", "unknown"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = sys.stdout if stream is None else stream
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def output_width(stream: TextIO | None = None) -> int:
    """COLUMNS when set, else the terminal's width, else 80 (a pipe, a file)."""
    columns = os.environ.get("COLUMNS", "")
    if re.fullmatch(r"[0-9]{1,5}", columns) and int(columns) > 0:
        return int(columns)
    stream = sys.stdout if stream is None else stream
    try:
        if stream.isatty():
            return os.get_terminal_size(stream.fileno()).columns or DEFAULT_WIDTH
    except (AttributeError, ValueError, OSError):
        pass
    return DEFAULT_WIDTH


class _Painter:
    def __init__(self, on: bool) -> None:
        self.on = on

    def __call__(self, text: str, style: str) -> str:
        if not self.on or not style or not text:
            return text
        codes = ";".join(_SGR[word] for word in style.split())
        return f"\x1b[{codes}m{text}\x1b[0m"


# --- JSON -----------------------------------------------------------------------------------


def iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def flag_json(flag: Flag) -> dict[str, Any]:
    return {"kind": flag.kind.value, "on": iso(flag.on), "message": flag.message}


def _item_json(item: DueItem) -> dict[str, Any]:
    return {
        "id": item.application_id,
        "company": item.company,
        "role": item.role,
        "state": item.state.value,
        "action": item.action.value,
        "earliest": iso(item.earliest),
        "latest": iso(item.latest),
        "reason": item.reason,
        "hint": item.hint,
    }


def _quiet_json(entry: GoneQuiet) -> dict[str, Any]:
    app = entry.application
    return {
        "id": app.id,
        "company": app.company,
        "role": app.role,
        "since": iso(entry.since),
        "reason": entry.reason,
        "command": entry.command,
    }


def due_json(report: DueReport) -> dict[str, Any]:
    return {
        "as_of": iso(report.as_of),
        "items": [_item_json(i) for i in report.items],
        "reminders": [
            {"id": app.id, "company": app.company, "role": app.role} | flag_json(flag)
            for app, flag in report.reminders
        ],
        "gone_quiet": [_quiet_json(q) for q in report.gone_quiet],
    }


def dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


# --- people ---------------------------------------------------------------------------------


# As strftime's %a and %b in the C locale Python starts in, without strftime's cost per call.
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day(value: date, today: date) -> str:
    """Short and unambiguous: 'Mon 23 Nov', with the year when it is not this year's."""
    text = f"{_WEEKDAYS[value.weekday()]} {value.day} {_MONTHS[value.month - 1]}"
    return text if value.year == today.year else f"{text} {value.year}"


def span(window: Window, today: date) -> str:
    if window.earliest == window.latest:
        return day(window.earliest, today)
    return f"{day(window.earliest, today)} - {day(window.latest, today)}"


_STATE_STYLE = {DueState.OVERDUE: "bold red", DueState.DUE: "bold green", DueState.UPCOMING: "cyan"}
_STATE_WORDS = {DueState.OVERDUE: "OVERDUE", DueState.DUE: "DUE", DueState.UPCOMING: "SOON"}

# Details that `followup show` keeps and one line has no room for: asides in brackets
# ("(touch #12)", "(email)"), the day of the touch ("on 2026-11-02": the line says when the
# window opens) and the number of days ("10-14 days").
_DETAILS = re.compile(r" *\([^()]*\)| on [0-9]{4}-[0-9]{2}-[0-9]{2}|(?<= )[0-9]+-[0-9]+ days ")


def brief(reason: str) -> str:
    """A reason shorter for one line: its details dropped (and then cut to fit the line
    where it still does not). The whole reason stays in `followup show`."""
    return _DETAILS.sub("", reason).strip() or reason


def cells(text: str) -> int:
    """How many terminal columns ``text`` takes (wide East Asian characters take two)."""
    if text.isascii():
        return len(text)
    import unicodedata  # for names in other scripts only

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns, with "..." where it was cut."""
    if cells(text) <= width:
        return text
    if width <= len(_CUT):
        return _CUT[:width]
    kept, used = [], 0
    for char in text:
        used += cells(char)
        if used > width - len(_CUT):
            break
        kept.append(char)
    return "".join(kept).rstrip() + _CUT


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns, broken at spaces; a word longer than a
    line is cut. (textwrap does the same and more, at ten times the cost and import.)"""
    lines: list[str] = []
    line, used = "", 0  # the line so far and its columns: counted once per word
    for word in text.split():
        size = cells(word)
        while size > width:
            if line:
                lines.append(line)
                line, used = "", 0
            head = fit_cut(word, width)
            lines.append(head)
            word = word[len(head) :]
            size = cells(word)
        if not line:
            line, used = word, size
        elif used + 1 + size <= width:
            line, used = f"{line} {word}", used + 1 + size
        else:
            lines.append(line)
            line, used = word, size
    if line:
        lines.append(line)
    return lines


def fit_cut(word: str, width: int) -> str:
    """The longest start of ``word`` that takes at most ``width`` columns (one character
    at least)."""
    used = 0
    for n, char in enumerate(word):
        used += cells(char)
        if used > width:
            return word[: max(n, 1)]
    return word


def _wrapped(
    paint: _Painter, label: str, style: str, lines: list[tuple[str, str]], width: int
) -> str:
    """A coloured label, then each line wrapped under the label's indent.

    Wrapped by hand rather than in a grid: the morning view can list hundreds of items.
    """
    indent = " " * _LABEL_WIDTH
    body = max(width - _LABEL_WIDTH, _MIN_BODY)
    out = [paint(f"{label:<{_LABEL_WIDTH}}", style)]
    for n, (line, line_style) in enumerate(lines):
        for m, piece in enumerate(wrap(visible(line), body)):
            if n or m:
                out.append(f"\n{indent}")
            out.append(paint(piece, line_style))
    return "".join(out)


def _due_item(paint: _Painter, item: DueItem, today: date, width: int) -> str:
    window = Window(item.earliest, item.latest, item.action, item.reason)
    lines = [
        (f"#{item.application_id} {item.company} - {item.role}", "bold"),
        (f"{item.action}, {span(window, today)}: {item.reason}", ""),
        (item.hint, "italic"),
    ]
    return _wrapped(paint, _STATE_WORDS[item.state], _STATE_STYLE[item.state], lines, width)


def _reminder(paint: _Painter, app: Application, flag: Flag, width: int) -> str:
    lines = [
        (f"#{app.id} {app.company} - {app.role}", "bold"),
        (flag.message, ""),
        (
            f"Learned them already? followup debrief {app.id} --next-steps ... --timeline ...",
            "italic",
        ),
    ]
    return _wrapped(paint, "ASK", "bold yellow", lines, width)


def _gone_quiet(paint: _Painter, entry: GoneQuiet, today: date, width: int) -> str:
    """An application gone quiet (issue 13): why (the count, when you last heard from them)
    and the command that closes it."""
    app = entry.application
    when = "" if entry.since <= today else f"from {day(entry.since, today)}: "
    lines = [
        (f"#{app.id} {app.company} - {app.role}", "bold"),
        (f"{when}{entry.reason}", ""),
        (entry.command, "italic"),
    ]
    return _wrapped(paint, "QUIET", "bold magenta", lines, width)


def _nothing_due(report: DueReport) -> str:
    if not report.holding_off_total and not report.gone_quiet:
        return "No open applications. After you apply: followup add COMPANY ROLE --phone ..."
    return "Nobody to contact today." + ("" if report.ahead == 0 else " Nor in the coming days.")


def _holding_cells(entry: HoldingOff, today: date) -> tuple[str, str, str]:
    app = entry.application
    name = visible(f"#{app.id} {app.company} - {app.role}")
    if entry.next_contact is not None:
        # Gone quiet from that day (issue 13), rather than a window opening.
        word = "quiet" if entry.next_contact.action is Action.CLOSE else "from"
        when = f"{word} {day(entry.next_contact.earliest, today)}"
        return (name, when, visible(brief(entry.next_contact.reason)))
    return (name, "-", visible(brief(entry.waiting or "")))


def _holding_lines(rows: list[tuple[str, str, str]], width: int) -> list[str]:
    """One line per application: the application, when, and why, in columns that fit."""
    when_width = max(cells(r[1]) for r in rows)
    # Two spaces before each column.
    room = max(width - when_width - 6, 2 * _MIN_BODY)
    longest_name = max(cells(r[0]) for r in rows)
    longest_why = max(cells(r[2]) for r in rows)
    name_width = min(longest_name, max(room // 2, room - longest_why))
    why_width = room - name_width
    lines = []
    for name, when, why in rows:
        name = fit(name, name_width)
        cells_line = [
            name + " " * (name_width - cells(name)),
            when + " " * (when_width - cells(when)),
            fit(why, why_width),
        ]
        lines.append(("  " + "  ".join(cells_line)).rstrip())
    return lines


def render_due(report: DueReport, today: date, width: int, styled: bool) -> str:
    """The morning view for people: every line ends with a line break."""
    paint = _Painter(styled)
    out = [paint(visible(f"followup, {day(report.as_of, today)} {report.as_of.year}"), "bold")]
    if report.items:
        out += [_due_item(paint, item, today, width) for item in report.items]
    else:
        out += wrap(_nothing_due(report), max(width, _MIN_BODY))
    out += [_reminder(paint, app, flag, width) for app, flag in report.reminders]
    if report.gone_quiet:
        out.append(paint(f"{quiet.HEADING} ({len(report.gone_quiet)})", "bold"))
        out += [_gone_quiet(paint, entry, today, width) for entry in report.gone_quiet]
    if report.holding_off_total:
        title = f"Holding off ({report.holding_off_total}): leave these alone for now"
        out.append(paint(title, "bold"))
        if report.holding_off:
            rows = [_holding_cells(entry, today) for entry in report.holding_off]
            out += _holding_lines(rows, width)
        hidden = report.holding_off_total - len(report.holding_off)
        if hidden > 0:
            out.append(f"... and {hidden} more: 'followup list' shows them all.")
    return "\n".join(out) + "\n"


# --- after a change: add, log-call ------------------------------------------------------------

_VIA_WORDS = {
    Via.CALL: "a call",
    Via.VOICEMAIL: "a voicemail",
    Via.NO_ANSWER: "an unanswered call",
    Via.EMAIL: "an email",
}


def next_contact_text(view: ApplicationView, today: date) -> str:
    window = view.assessment.next_contact
    if window is None:
        return f"Nothing due: {view.assessment.waiting}."
    if window.action is Action.CLOSE:
        command = quiet.close_command(view.application.id)
        if window.earliest <= today:
            return f"Gone quiet: {window.reason}: {command}."
        return f"Nothing due: {window.reason} (from {day(window.earliest, today)}: {command})."
    return f"Next: {window.action}, {span(window, today)} ({window.reason})."


def application_lines(view: ApplicationView, today: date) -> list[tuple[str, str]]:
    """One application in two lines (text, style), after a change; stored text as it is."""
    app = view.application
    stage = view.assessment.stage.value
    if app.outcome:
        stage += f", {app.outcome}"
    return [
        (f"#{app.id} {app.company} - {app.role} [{stage}]", "bold"),
        (next_contact_text(view, today), ""),
    ]


def touch_words(touch: Touch, today: date) -> str:
    """A touch in words: 'a call to them on Thu 26 Nov'."""
    direction = "from them" if touch.inbound else "to them"
    return f"{_VIA_WORDS[touch.via]} {direction} on {day(touch.on, today)}"


def logged_lines(logged: LoggedTouch, today: date) -> list[tuple[str, str]]:
    touch = logged.touch
    first = (f"Logged {touch_words(touch, today)} (touch {touch.id}).", "")
    return [first, *application_lines(logged.view, today)]


def render_lines(lines: list[tuple[str, str]], styled: bool) -> str:
    """Lines for people, each whole (a terminal wraps them), control characters spelled out."""
    paint = _Painter(styled)
    return "".join(paint(visible(text), style) + "\n" for text, style in lines)
