"""Terse builders for rule truth tables.

Dates are written the way the spec writes them, weekday included, so a row
reads like the spec and a wrong weekday is caught rather than silently
mis-dated: ``d("Mon 23 Nov")``. October to December are 2026, January to
March 2027 (the rows straddle one new year; an explicit year is also accepted:
``d("Thu 31 Dec 2026")``).

A history is an application plus a list of events in *entry order*: touch ids
count touches in the order they are listed, interview ids count interviews.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from followup.domain.models import (
    Application,
    Assessment,
    Channel,
    Contact,
    History,
    Interview,
    Outcome,
    Touch,
    Via,
)
from followup.domain.rules import assess

APP_ID = 1
_YEAR_OF_MONTH = {10: 2026, 11: 2026, 12: 2026, 1: 2027, 2: 2027, 3: 2027}


def d(text: str) -> date:
    """'Mon 23 Nov' -> date(2026, 11, 23); the weekday must match."""
    parts = text.split()
    if len(parts) == 3:
        weekday, day, month = parts
        month_number = datetime.strptime(month, "%b").month
        year = _YEAR_OF_MONTH[month_number]
    else:
        weekday, day, month, year_text = parts
        month_number = datetime.strptime(month, "%b").month
        year = int(year_text)
    result = date(year, month_number, int(day))
    if result.strftime("%a") != weekday:
        raise ValueError(f"{text!r}: that day is a {result:%a}")
    return result


@dataclass(frozen=True)
class TouchSpec:
    on: str
    via: Via
    inbound: bool = False
    follow_up_on: str | None = None


@dataclass(frozen=True)
class InterviewSpec:
    on: str
    logged_on: str | None = None
    prefers: Channel | None = None
    follow_up_on: str | None = None
    next_steps: str | None = None
    timeline: str | None = None


Event = TouchSpec | InterviewSpec


def call(on: str, *, follow_up_on: str | None = None) -> TouchSpec:
    return TouchSpec(on, Via.CALL, follow_up_on=follow_up_on)


def email(on: str, *, follow_up_on: str | None = None) -> TouchSpec:
    return TouchSpec(on, Via.EMAIL, follow_up_on=follow_up_on)


def voicemail(on: str) -> TouchSpec:
    return TouchSpec(on, Via.VOICEMAIL)


def no_answer(on: str) -> TouchSpec:
    return TouchSpec(on, Via.NO_ANSWER)


def they_call(on: str, *, follow_up_on: str | None = None) -> TouchSpec:
    return TouchSpec(on, Via.CALL, inbound=True, follow_up_on=follow_up_on)


def they_email(on: str, *, follow_up_on: str | None = None) -> TouchSpec:
    return TouchSpec(on, Via.EMAIL, inbound=True, follow_up_on=follow_up_on)


def interview(
    on: str,
    *,
    logged: str | None = None,
    prefers: str | None = None,
    follow_up_on: str | None = None,
    next_steps: str | None = "they will call",
    timeline: str | None = None,
) -> InterviewSpec:
    """An interview that has happened (logged on its day) or, with ``logged``, a scheduled one.

    Next steps are recorded by default so that ``no-next-steps`` only shows up
    in the rows about it.
    """
    return InterviewSpec(
        on,
        logged,
        Channel(prefers) if prefers else None,
        follow_up_on,
        next_steps,
        timeline,
    )


def history(
    applied: str,
    *events: Event,
    phone: bool = True,
    mail: bool = True,
    do_not_call: bool = False,
    no_email: bool = False,
    closed: str | None = None,
    snooze: tuple[str, str] | None = None,
    snoozed_after: int = 0,
) -> History:
    """``snooze`` is (set on, until); ``snoozed_after`` touches were recorded before it."""
    app = Application(
        id=APP_ID,
        company="Acme",
        role="Analyst",
        applied_on=d(applied),
        contact=Contact(
            name="Sam",
            phone="555 0100" if phone else None,
            email="sam@acme.example" if mail else None,
        ),
        do_not_call=do_not_call,
        no_email=no_email,
        outcome=Outcome.REJECTED if closed else None,
        closed_on=d(closed) if closed else None,
        snoozed_on=d(snooze[0]) if snooze else None,
        snooze_until=d(snooze[1]) if snooze else None,
        snooze_touch_mark=snoozed_after,
    )
    touches: list[Touch] = []
    interviews: list[Interview] = []
    for event in events:
        if isinstance(event, TouchSpec):
            touches.append(
                Touch(
                    id=len(touches) + 1,
                    application_id=APP_ID,
                    on=d(event.on),
                    via=event.via,
                    inbound=event.inbound,
                    follow_up_on=d(event.follow_up_on) if event.follow_up_on else None,
                )
            )
        else:
            interviews.append(
                Interview(
                    id=len(interviews) + 1,
                    application_id=APP_ID,
                    on=d(event.on),
                    logged_on=d(event.logged_on or event.on),
                    next_steps=event.next_steps,
                    timeline=event.timeline,
                    prefers=event.prefers,
                    follow_up_on=d(event.follow_up_on) if event.follow_up_on else None,
                )
            )
    return History(app, tuple(touches), tuple(interviews))


def window_of(assessment: Assessment) -> tuple[date, date, str] | None:
    """(earliest, latest, action) of the next contact, or None."""
    window = assessment.next_contact
    if window is None:
        return None
    return window.earliest, window.latest, str(window.action)


def expect_window(earliest: str, latest: str, action: str) -> tuple[date, date, str]:
    return d(earliest), d(latest), action


def flags_per_touch(hist: History, today: date) -> list[str]:
    """Each touch's flags in entry order: '-' for none, else kinds joined by '+' (sorted)."""
    assessment = assess(hist, today)
    return [_words(assessment.touch_flags(t.id)) for t in sorted(hist.touches, key=_id)]


def _id(touch: Touch) -> int:
    return touch.id


def _words(kinds: Iterable[str]) -> str:
    return "+".join(sorted(str(k) for k in kinds)) or "-"
