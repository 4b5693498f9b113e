"""The coming weeks as a calendar (`followup agenda`): what happens on which business day.

A pure function of the open applications' views and ``today``. A follow-up window is shown
on its first and last day only; an agreed date is shown on its day (and names the window
it opens); a scheduled interview on its day. Holidays hold nothing but the interviews
someone booked on them: the rules never open or close a window on one.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from followup.domain.cadence import WorkCalendar
from followup.domain.models import ApplicationView

DEFAULT_WEEKS = 2
MAX_WEEKS = 52


class ItemKind(enum.StrEnum):
    OPENS = "opens"
    LAST_DAY = "last day"
    ONLY_DAY = "only day"
    AGREED = "agreed"
    INTERVIEW = "interview"


@dataclass(frozen=True)
class AgendaItem:
    kind: ItemKind
    application_id: int
    company: str
    role: str
    # For windows: what to do; for interviews: the round.
    detail: str


@dataclass(frozen=True)
class AgendaDay:
    day: date
    holiday: bool
    past: bool
    items: tuple[AgendaItem, ...]


@dataclass(frozen=True)
class Agenda:
    today: date
    weekdays: tuple[int, ...]
    # Week by week (Monday first), each the days of the chosen business weekdays.
    weeks: tuple[tuple[AgendaDay, ...], ...]

    @property
    def days(self) -> tuple[AgendaDay, ...]:
        return tuple(d for week in self.weeks for d in week)


_ORDER = {kind: n for n, kind in enumerate(ItemKind)}


def build(
    views: Iterable[ApplicationView], today: date, weeks: int, calendar: WorkCalendar
) -> Agenda:
    """The ``weeks`` weeks from the Monday of this one, one column per business weekday."""
    monday = today - timedelta(days=today.weekday())
    end = monday + timedelta(weeks=weeks)
    found: dict[date, list[AgendaItem]] = {}

    def put(day: date, kind: ItemKind, view: ApplicationView, detail: str) -> None:
        if monday <= day < end:
            app = view.application
            found.setdefault(day, []).append(
                AgendaItem(kind, app.id, app.company, app.role, detail)
            )

    for view in views:
        history = view.history
        agreed = {
            d
            for d in (
                *(t.follow_up_on for t in history.touches),
                *(i.follow_up_on for i in history.interviews),
            )
            if d is not None and d >= today
        }
        window = view.assessment.next_contact
        if window is not None:
            action = window.action.value
            first = ItemKind.AGREED if window.earliest in agreed else ItemKind.OPENS
            if window.earliest == window.latest and first is ItemKind.OPENS:
                put(window.earliest, ItemKind.ONLY_DAY, view, action)
            else:
                put(window.earliest, first, view, action)
                if window.latest != window.earliest:
                    put(window.latest, ItemKind.LAST_DAY, view, action)
            agreed.discard(window.earliest)
        for d in agreed:
            # An agreed date that opens no window (one later contact moved it on).
            put(d, ItemKind.AGREED, view, "follow up")
        for interview in history.interviews:
            if interview.on >= today:
                put(interview.on, ItemKind.INTERVIEW, view, interview.kind.value)

    shown_days = sorted(calendar.weekdays)
    grid = []
    for n in range(weeks):
        week_start = monday + timedelta(weeks=n)
        row = []
        for weekday in shown_days:
            day = week_start + timedelta(days=weekday)
            items = sorted(
                found.get(day, ()), key=lambda i: (_ORDER[i.kind], i.company, i.application_id)
            )
            row.append(AgendaDay(day, day in calendar.holidays, day < today, tuple(items)))
        grid.append(tuple(row))
    return Agenda(today, tuple(shown_days), tuple(grid))
