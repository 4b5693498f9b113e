"""The calendar: open follow-up windows and scheduled interviews as an iCalendar file.

Pure: domain values in, RFC 5545 bytes out. The ``icalendar`` library does the escaping and
line folding; this module decides what each event says and keeps its UID stable, so that
re-importing (or a subscribed calendar refreshing) updates events instead of duplicating
them. docs/calendar.md describes the file for the user.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event, vDuration

from followup import __version__
from followup.domain import rules
from followup.domain.models import Action, Application, ApplicationView, Interview, Stage, Window
from followup.errors import BadInput

PRODUCT_ID = f"-//followup//followup {__version__}//EN"
CALENDAR_NAME = "followup: job search"
# How often a subscribed calendar should fetch the file again.
REFRESH = timedelta(hours=6)

_VERBS = {Action.CALL: "Call", Action.EMAIL: "Email", Action.CALL_OR_EMAIL: "Call or email"}
_ALARM = re.compile(r"([0-9]{1,2}):([0-9]{2})")


def parse_alarm(text: str) -> time:
    """``--alarm 9:00``: a time of day on a 24-hour clock."""
    match = _ALARM.fullmatch(text.strip())
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise BadInput(
            f"--alarm {text!r} is not a time of day; use HH:MM on a 24-hour clock, "
            "like 9:00 or 17:30"
        )
    return time(int(match.group(1)), int(match.group(2)))


def clean(text: str) -> str:
    """User text as a calendar may hold it: line breaks kept, other control characters dropped.

    RFC 5545 allows no control characters in text but the tab; ``icalendar`` escapes line
    breaks (and commas, semicolons, backslashes) but passes the rest through unchanged.
    It also reads the two characters backslash and N as a line break before escaping, so
    that is done here, where the events say what the file will hold.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    )
    # Last, so that no character dropped above can join a backslash to an N.
    return kept.replace("\\N", "\n")


@dataclass(frozen=True)
class CalendarEvent:
    """One all-day event: ``last`` is its final day (the file says the day after, exclusively)."""

    uid: str
    first: date
    last: date
    summary: str
    description: str
    categories: tuple[str, ...]


def _who(app: Application) -> str:
    return app.contact.name or f"the hiring contact at {app.company}"


def follow_up_event(
    view: ApplicationView, window: Window, today: date, calendar_id: str
) -> CalendarEvent:
    """The open follow-up window; an overdue one is shown today, so that it is seen."""
    app = view.application
    verb = _VERBS.get(window.action, "Contact")
    summary = f"{verb} {_who(app)} ({app.company}, {app.role})"
    first, last = window.earliest, window.latest
    if last < today:
        first = last = today
        summary = f"Overdue: {summary}"
    lines = [
        rules.follow_up_hint(app, view.assessment.stage, window.action),
        f"Window: {window.earliest} to {window.latest} ({window.reason}).",
    ]
    if app.contact.phone:
        lines.append(f"Phone: {app.contact.phone}")
    if app.contact.email:
        lines.append(f"Email: {app.contact.email}")
    if app.url:
        lines.append(f"Posting: {app.url}")
    if app.note:
        lines.append(f"Note: {app.note}")
    lines.append(f"Everything about it: followup show {app.id}")
    return CalendarEvent(
        uid=f"followup-{calendar_id}-application-{app.id}-follow-up",
        first=first,
        last=last,
        summary=summary,
        description="\n".join(lines),
        categories=("followup", "follow-up"),
    )


def interview_event(app: Application, interview: Interview, calendar_id: str) -> CalendarEvent:
    who = f" with {', '.join(interview.with_)}" if interview.with_ else ""
    return CalendarEvent(
        uid=f"followup-{calendar_id}-interview-{interview.id}",
        first=interview.on,
        last=interview.on,
        summary=f"Interview ({interview.kind}): {app.company}, {app.role}{who}",
        description="\n".join(
            [
                rules.interview_hint(interview.kind),
                f"Prep sheet: followup prep {app.id}",
                f"Everything about it: followup show {app.id}",
            ]
        ),
        categories=("followup", "interview"),
    )


def events(views: Iterable[ApplicationView], today: date, calendar_id: str) -> list[CalendarEvent]:
    """One event per open follow-up window and per interview from today on, in date order."""
    found: list[CalendarEvent] = []
    for view in views:
        if view.assessment.stage is Stage.CLOSED:
            continue
        window = view.assessment.next_contact
        # Gone quiet is a suggestion to close, not a time to get in touch.
        if window is not None and window.action is not Action.CLOSE:
            found.append(follow_up_event(view, window, today, calendar_id))
        found += [
            interview_event(view.application, i, calendar_id)
            for i in view.history.interviews
            if i.on >= today
        ]
    return sorted(found, key=lambda e: (e.first, e.uid))


def calendar(
    views: Iterable[ApplicationView],
    today: date,
    calendar_id: str,
    stamp: datetime,
    alarm: time | None = None,
) -> tuple[bytes, int]:
    """The whole iCalendar file and how many events it holds.

    ``stamp`` (UTC) is the DTSTAMP of every event: the moment the file was written, which
    tells a calendar that imports it again which copy of an event is newer.
    """
    cal = Calendar.new(prodid=PRODUCT_ID, name=CALENDAR_NAME, uid=f"followup-{calendar_id}")
    cal.add("calscale", "GREGORIAN")
    # RFC 7986 asks for VALUE=DURATION; Apple and Outlook read the older X-PUBLISHED-TTL.
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(REFRESH))
    found = events(views, today, calendar_id)
    for item in found:
        event = Event.new(
            uid=item.uid,
            start=item.first,
            end=item.last + timedelta(days=1),
            summary=clean(item.summary),
            description=clean(item.description),
            categories=list(item.categories),
            stamp=stamp,
        )
        # A window to act in, not time taken: it should not mark the day as busy.
        event.add("transp", "TRANSPARENT")
        if alarm is not None:
            reminder = Alarm.new(description=clean(item.summary))
            reminder.add("action", "DISPLAY")
            # Relative to the start of the first day (midnight), so 9:00 on that day.
            reminder.add("trigger", timedelta(hours=alarm.hour, minutes=alarm.minute))
            event.add_component(reminder)
        cal.add_component(event)
    return cal.to_ical(), len(found)
