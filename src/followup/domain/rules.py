"""The product: when to contact, when to hold off, and what counts as over-contact.

Every function here is pure: it takes an application's history, ``today`` and
the cadence (the numbers and the business days to count with; by default the ones
docs/rules.md names) and returns values. No I/O, no clock, no database, no settings
file: the command line reads that once and passes the ``Cadence`` in.

The history is replayed in order (by date; on one date interviews before
touches; touches by order of entry). While replaying we keep the *rule
window*: the span in which the next follow-up is allowed. Each outbound touch
is judged against the window open just before it, then moves it.

One module of over 600 lines on purpose: read top to bottom it is the spec of
docs/rules.md, and splitting the replay from the verdicts would hide the order it runs in.
What stands on its own is apart: which channel (domain.channels), the words and dates of
going quiet (domain.quiet).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import NamedTuple

from followup.domain.cadence import DEFAULT_AHEAD_DAYS as DEFAULT_AHEAD_DAYS
from followup.domain.cadence import DEFAULT_CADENCE, Cadence, WorkCalendar
from followup.domain.channels import (
    ChannelChoice,
    choose,
    choose_before_interview,
    lower_first,
    preferred_channel,
)
from followup.domain.dates import (
    business_day_on_or_after,
    business_days_after,
    business_span,
    next_business_day,
    working_week_after,
)
from followup.domain.models import (
    Action,
    Application,
    Assessment,
    DueItem,
    DueReport,
    DueState,
    Flag,
    FlagKind,
    GoneQuiet,
    History,
    HoldingOff,
    Interview,
    InterviewKind,
    MorningRows,
    Outcome,
    Stage,
    Touch,
    Window,
)
from followup.domain.quiet import (
    gone_quiet,
    is_quiet,
    no_response_from,
    no_response_reason,
    quiet_reason,
)

# Bump when a change to these rules could move a stored window: every stored
# verdict is then worked out again once (see services.morning_rows).
RULES_VERSION = "2"

# The default cadence (followup.cadence holds the numbers; settings may change them).
# A week and a half to two weeks between check-ins.
CHECK_IN_MIN_DAYS = DEFAULT_CADENCE.check_in_min_days
CHECK_IN_MAX_DAYS = DEFAULT_CADENCE.check_in_max_days
# An agreed date opens a window of that day and the four after it.
AGREED_SPAN_DAYS = DEFAULT_CADENCE.agreed_span_days
# Three outbound touches inside seven days (the date and six before it) is stalking.
STALKER_SPAN_DAYS = DEFAULT_CADENCE.stalker_days - 1
STALKER_COUNT = DEFAULT_CADENCE.stalker_touches


def stored_version(cadence: Cadence = DEFAULT_CADENCE) -> str:
    """The version stamped beside stored verdicts: these rules, and the settings that
    move windows. A changed settings file changes it, so every stored verdict is worked
    out again once. The default cadence adds nothing, so a database from before settings
    existed stays current."""
    if cadence == DEFAULT_CADENCE:
        return RULES_VERSION
    return f"{RULES_VERSION}:{cadence.fingerprint()}"


class _Span(NamedTuple):
    """A rule window before the action is chosen."""

    earliest: date
    latest: date
    reason: str
    agreed: bool = False
    # Not a window to contact them: they have gone quiet (domain.quiet) from ``earliest``.
    quiet: bool = False


def _adjusted(
    earliest: date, latest: date, reason: str, workdays: WorkCalendar, *, agreed: bool = False
) -> _Span:
    """Narrowed to business days; a span that holidays swallow moves on (dates.business_span)."""
    start, end = business_span(earliest, latest, workdays)
    return _Span(start, end, reason, agreed)


def _agreed(on: date, reason: str, cadence: Cadence) -> _Span:
    end = on + timedelta(days=cadence.agreed_span_days)
    return _adjusted(on, end, reason, cadence.calendar, agreed=True)


def _check_in(after: date, reason: str, cadence: Cadence) -> _Span:
    return _adjusted(
        after + timedelta(days=cadence.check_in_min_days),
        after + timedelta(days=cadence.check_in_max_days),
        reason,
        cadence.calendar,
    )


def _check_in_days(cadence: Cadence) -> str:
    return f"{cadence.check_in_min_days}-{cadence.check_in_max_days} days"


_SMALL_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_ORDINALS = ("zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh")


def _in_words(number: int) -> str:
    return _SMALL_NUMBERS[number] if 0 <= number < len(_SMALL_NUMBERS) else str(number)


def _ordinal(number: int) -> str:
    return _ORDINALS[number] if 0 <= number < len(_ORDINALS) else f"{number}th"


def _touch_words(touch: Touch) -> str:
    if touch.inbound:
        return f"they got in touch ({touch.via}) on {touch.on} (touch #{touch.id})"
    return f"your {touch.via} on {touch.on} (touch #{touch.id})"


def ordered_events(history: History) -> list[Interview | Touch]:
    """The history in the order the rules read it."""
    events: list[tuple[tuple[date, int, int], Interview | Touch]] = [
        ((i.on, 0, i.id), i) for i in history.interviews
    ]
    events += [((t.on, 1, t.id), t) for t in history.touches]
    return [e for _, e in sorted(events, key=lambda pair: pair[0])]


class _Replay:
    """The running state while a history is replayed; private to ``assess``."""

    # A plain class with slots, not a dataclass: this module is on the morning path, where
    # the import of ``dataclasses`` alone costs more than the read (domain.models says more).
    __slots__ = (
        "app",
        "cadence",
        "check_ins",
        "followed_up",
        "graced_interviews",
        "interviewed",
        "last_heard",
        "unanswered",
        "waiting",
        "window",
    )

    def __init__(self, app: Application, cadence: Cadence, window: _Span | None) -> None:
        self.app = app
        self.cadence = cadence
        self.window = window
        # Why there is no window, when there is none.
        self.waiting: str | None = None
        self.interviewed = False
        # In stage applied: the one follow-up has been made and nobody replied since.
        self.followed_up: Touch | None = None
        # Their last inbound touch, until one outbound touch answers it.
        self.unanswered: Touch | None = None
        self.graced_interviews: frozenset[int] = frozenset()
        # After an interview: check-ins in a row with no reply, and when you last heard
        # from them (their reply, an interview, a date they agreed), for the gone-quiet rule.
        self.check_ins = 0
        self.last_heard: date | None = None

    def heard_from_them(self, on: date) -> None:
        self.check_ins = 0
        self.last_heard = on

    def closed_by(self, on: date) -> bool:
        return self.app.closed_on is not None and on >= self.app.closed_on


def _the_week_after(day: date, reason: str, workdays: WorkCalendar) -> _Span:
    """The business days of the working week after the one ``day`` is in (Monday to Sunday
    for Monday to Friday; a week starts after the days off, dates.first_day_of_week), so
    that the next working day after a weekend is in the week after it, as a call then is."""
    start, end = working_week_after(day, workdays)
    return _adjusted(start, end, reason, workdays)


def _first_window(app: Application, cadence: Cadence) -> _Span:
    return _the_week_after(
        app.applied_on,
        f"one follow-up in the week after you applied on {app.applied_on}",
        cadence.calendar,
    )


def _after_interview(interview: Interview, cadence: Cadence) -> _Span:
    if interview.follow_up_on is not None:
        return _agreed(
            interview.follow_up_on,
            f"agreed at the {interview.kind} interview on {interview.on}: "
            f"follow up from {interview.follow_up_on}",
            cadence,
        )
    return _the_week_after(
        interview.on,
        f"first check-in, the week after the {interview.kind} interview on {interview.on}",
        cadence.calendar,
    )


def _is_stalker(touch: Touch, before: Sequence[Touch], cadence: Cadence) -> bool:
    """Third (by default) or later outbound touch in seven days (the date and the six
    before it) with no inbound touch between them."""
    count = 1
    span = timedelta(days=cadence.stalker_days - 1)
    for earlier in reversed(before):
        if count >= cadence.stalker_touches:
            break  # enough already: a long same-day run must not cost its square
        if earlier.on < touch.on - span or earlier.inbound:
            break
        count += 1
    return count >= cadence.stalker_touches


def _in_date_order(interviews: Iterable[Interview]) -> list[Interview]:
    return sorted(interviews, key=lambda i: (i.on, i.id))


def _logistics_for(touch: Touch, interviews: Iterable[Interview]) -> Interview | None:
    """A scheduled interview this touch was arranging (logged, not yet happened)."""
    for interview in interviews:
        if interview.logged_on <= touch.on < interview.on:
            return interview
    return None


def _flag_message(
    kind: FlagKind, touch: Touch, window: _Span | None, followed_up: Touch | None, cadence: Cadence
) -> str:
    if kind is FlagKind.EARLY:
        assert window is not None
        return (
            f"{touch.via} on {touch.on} came before the window opened on {window.earliest}; "
            "wait for the window next time"
        )
    if kind is FlagKind.REPEAT:
        when = f" on {followed_up.on}" if followed_up is not None else ""
        return (
            f"{touch.via} on {touch.on} after your one follow-up{when} with no reply since: "
            "the ball is in their court; wait for their reply"
        )
    if kind is FlagKind.STALKER:
        return (
            f"{touch.via} on {touch.on} is at least your {_ordinal(cadence.stalker_touches)} "
            f"contact within {_in_words(cadence.stalker_days)} days "
            "with no reply: that is how candidates get remembered as stalkers; "
            "stop now and give them room"
        )
    if kind is FlagKind.DO_NOT_EMAIL:
        return (
            f"{touch.via} on {touch.on}: the posting asked candidates not to email; "
            "call instead if calls are welcome, or wait for them"
        )
    return (
        f"{touch.via} on {touch.on}: the posting asked candidates not to call; "
        "write instead, or wait for them"
    )


def _judge_touch(
    touch: Touch, before: Sequence[Touch], replay: _Replay, history: History
) -> list[FlagKind]:
    """Flags for one touch; moves the replay state as the touch moves the clock."""
    app, cadence = replay.app, replay.cadence
    workdays = cadence.calendar
    if touch.inbound:
        replay.unanswered = touch
        replay.heard_from_them(touch.on)
        if replay.closed_by(touch.on):
            return []
        if touch.follow_up_on is not None:
            replay.window = _agreed(
                touch.follow_up_on,
                f"agreed when {_touch_words(touch)}: follow up from {touch.follow_up_on}",
                cadence,
            )
        else:
            what = "check in" if replay.interviewed else "one more follow-up"
            replay.window = _check_in(
                touch.on,
                f"{what} {_check_in_days(cadence)} after {_touch_words(touch)}",
                cadence,
            )
        replay.followed_up = None
        replay.waiting = None
        return []

    flags = [FlagKind.STALKER] if _is_stalker(touch, before, cadence) else []
    if replay.closed_by(touch.on):
        return flags

    agreed_window = (
        _agreed(
            touch.follow_up_on,
            f"agreed during {_touch_words(touch)}: follow up from {touch.follow_up_on}",
            cadence,
        )
        if touch.follow_up_on is not None
        else None
    )

    # Graced touches: answering them, a thank-you note, arranging an interview.
    # None of them is a follow-up, so none moves the clock.
    graced = False
    unanswered = replay.unanswered
    if unanswered is not None and touch.on <= next_business_day(unanswered.on, workdays):
        replay.unanswered = None
        graced = True
    else:
        # The earliest interview first, so that each interview's grace is used
        # before it runs out (and the result does not depend on entry order).
        for interview in _in_date_order(history.interviews):
            if (
                touch.via == "email"
                and interview.id not in replay.graced_interviews
                and interview.on
                <= touch.on
                <= business_days_after(interview.on, cadence.thank_you_grace_days, workdays)
            ):
                replay.graced_interviews |= {interview.id}
                graced = True
                break
        else:
            graced = _logistics_for(touch, history.interviews) is not None
    if graced:
        if agreed_window is not None:
            replay.window, replay.waiting = agreed_window, None
            replay.heard_from_them(touch.on)
        return flags

    window = replay.window
    if replay.interviewed:
        if window is not None and touch.on < window.earliest:
            flags.append(FlagKind.EARLY)
        if agreed_window is not None:
            replay.window = agreed_window
            replay.heard_from_them(touch.on)
            return flags
        replay.check_ins += 1
        replay.window = _check_in(
            touch.on, f"check in {_check_in_days(cadence)} after {_touch_words(touch)}", cadence
        )
        if is_quiet(replay.check_ins, cadence):
            # The last check-in gets the usual time to be answered: quiet from the day
            # the next window would have opened.
            assert replay.last_heard is not None  # an interview came first
            reason = quiet_reason(replay.check_ins, replay.last_heard)
            replay.window = replay.window._replace(reason=reason, quiet=True)
        return flags

    if app.do_not_call and touch.via.is_phone:
        flags.append(FlagKind.DO_NOT_CALL)
    if app.no_email and not touch.via.is_phone:
        flags.append(FlagKind.DO_NOT_EMAIL)
    if replay.followed_up is not None and (window is None or window.quiet):
        flags.append(FlagKind.REPEAT)
    elif window is not None and touch.on < window.earliest:
        flags.append(FlagKind.EARLY)
    if replay.followed_up is None:
        replay.followed_up = touch
    if agreed_window is not None:
        # An agreed date is one more follow-up they asked for.
        replay.window, replay.waiting, replay.followed_up = agreed_window, None, None
    else:
        # Their move now; silence long enough after it and the application has gone quiet.
        first = replay.followed_up.on
        quiet_on = no_response_from(first, cadence)
        replay.window = _Span(quiet_on, quiet_on, no_response_reason(first, cadence), quiet=True)
        replay.waiting = None
    return flags


def channel_choice(history: History, stage: Stage, agreed: bool = False) -> ChannelChoice:
    """Which channel a follow-up can use, given what is on file (domain.channels)."""
    app = history.application
    if stage is Stage.INTERVIEWING:
        return choose(app, preferred_channel(history.interviews))
    return choose_before_interview(app, agreed)


def closed_waiting(app: Application) -> str:
    """What a closed application waits for (nothing): its whole stored verdict, with the
    closed stage and no window, needs none of its history, so working out every window
    again skips reading the touches of closed applications."""
    return ended_waiting(app.outcome, app.closed_on)


def ended_waiting(outcome: Outcome | None, closed_on: date | None) -> str:
    """``closed_waiting`` from the two values of the application it reads: a recompute
    of 100,000 closed applications reads no more of them."""
    return f"closed ({outcome}) on {closed_on}: nothing more to send"


def stage_of(history: History) -> Stage:
    if history.application.closed_on is not None:
        return Stage.CLOSED
    return Stage.INTERVIEWING if history.interviews else Stage.APPLIED


def _snoozed(history: History, span: _Span, workdays: WorkCalendar) -> _Span:
    """Apply the user's own reminder, unless something has happened since they set it."""
    app = history.application
    until, set_on = app.snooze_until, app.snoozed_on
    if until is None or set_on is None:
        return span
    if any(t.on >= set_on and t.id > app.snooze_touch_mark for t in history.touches) or any(
        i.logged_on >= set_on and i.id > app.snooze_interview_mark for i in history.interviews
    ):
        return span
    earliest = business_day_on_or_after(until, workdays)
    if earliest <= span.earliest:
        return span
    return span._replace(
        earliest=earliest,
        latest=max(span.latest, earliest),
        reason=f"{span.reason}; snoozed until {until}",
    )


def lacks_next_steps(interview: Interview, today: date) -> bool:
    """From the day after an interview, it should have next steps or a timeline recorded."""
    return interview.on < today and not interview.next_steps and not interview.timeline


def no_next_steps_flag(interview: Interview) -> Flag:
    return Flag(
        FlagKind.NO_NEXT_STEPS,
        interview.on,
        f"no next steps or timeline recorded for the {interview.kind} interview on "
        f"{interview.on}: ask them what happens next and when",
        interview_id=interview.id,
    )


def _no_next_steps(history: History, today: date) -> list[Flag]:
    return [
        no_next_steps_flag(interview)
        for interview in _in_date_order(history.interviews)
        if lacks_next_steps(interview, today)
    ]


def assess(history: History, today: date, cadence: Cadence = DEFAULT_CADENCE) -> Assessment:
    """Judge every touch and work out the next window, as of ``today``.

    Flags on touches depend only on the history (and the cadence); ``today`` only
    decides whether an interview that has happened lacks next steps.
    """
    app = history.application
    replay = _Replay(app=app, cadence=cadence, window=_first_window(app, cadence))
    flags: list[Flag] = []
    seen: list[Touch] = []
    for event in ordered_events(history):
        if isinstance(event, Interview):
            replay.interviewed = True
            replay.heard_from_them(event.on)
            replay.window, replay.waiting = _after_interview(event, cadence), None
            replay.followed_up = None
            continue
        window_then, followed_up_then = replay.window, replay.followed_up
        kinds = _judge_touch(event, seen, replay, history)
        seen.append(event)
        flags += [
            Flag(
                kind,
                event.on,
                _flag_message(kind, event, window_then, followed_up_then, cadence),
                touch_id=event.id,
            )
            for kind in kinds
        ]
    flags += _no_next_steps(history, today)

    stage = stage_of(history)
    if stage is Stage.CLOSED:
        return Assessment(stage, None, closed_waiting(app), tuple(flags))
    if replay.window is None:
        return Assessment(stage, None, replay.waiting or "nothing is due", tuple(flags))
    span = _snoozed(history, replay.window, cadence.calendar)
    if span.quiet:
        window = Window(span.earliest, span.earliest, Action.CLOSE, span.reason)
        return Assessment(stage, window, None, tuple(flags))
    choice = channel_choice(history, stage, span.agreed)
    if choice.action is None:
        return Assessment(stage, None, lower_first(choice.note or ""), tuple(flags))
    reason = span.reason if choice.note is None else f"{span.reason}; {lower_first(choice.note)}"
    window = Window(span.earliest, span.latest, choice.action, reason)
    return Assessment(stage, window, None, tuple(flags))


def due_state(earliest: date, latest: date, today: date, ahead: int) -> DueState | None:
    """Where a window stands today: overdue, due, upcoming within ``ahead`` days, or not shown."""
    if today > latest:
        return DueState.OVERDUE
    if today >= earliest:
        return DueState.DUE
    if (earliest - today).days <= ahead:
        return DueState.UPCOMING
    return None


def _who(app: Application) -> str:
    return app.contact.name or f"the hiring contact at {app.company}"


def follow_up_hint(app: Application, stage: Stage, action: Action) -> str:
    """One line saying what to do: brief and specific before an interview, warm after."""
    verb = {Action.CALL: "Call", Action.EMAIL: "Email"}.get(action, "Call or email")
    script = f" What to say: followup script {app.id}."
    if stage is Stage.APPLIED:
        points = f" Mention {app.pitch}." if app.pitch else " Mention one or two things that fit."
        tail = " Leave your name and number." if action is Action.CALL else ""
        return (
            f"{verb} {_who(app)}: say who you are and that you applied for {app.role}.{points}"
            f"{tail} Keep it short; then it is their move.{script}"
        )
    return (
        f"{verb} {_who(app)}: say you are still keen on the {app.role} role; "
        f"a link to a relevant industry article gives you a reason to write.{script}"
    )


INTERVIEW_HINT = (
    "Before you leave, ask what the next steps are, when they expect to decide, "
    "and whether a call or an email suits them for a follow-up."
)


def interview_hint(kind: InterviewKind) -> str:
    """What to ask at the end: a phone screen ends with the call, not by leaving a room."""
    if kind is InterviewKind.PHONE_SCREEN:
        return INTERVIEW_HINT.replace("Before you leave,", "Before the call ends,", 1)
    return INTERVIEW_HINT


def interview_item(
    app: Application, interview: Interview, today: date, ahead: int
) -> DueItem | None:
    """A scheduled interview as a morning item of its own, on its day and before it."""
    if interview.on < today:
        return None
    state = due_state(interview.on, interview.on, today, ahead)
    if state is None:
        return None
    who = f" with {', '.join(interview.with_)}" if interview.with_ else ""
    return DueItem(
        application_id=app.id,
        company=app.company,
        role=app.role,
        state=state,
        action=Action.INTERVIEW,
        earliest=interview.on,
        latest=interview.on,
        reason=f"{interview.kind} interview on {interview.on}{who}",
        hint=f"{interview_hint(interview.kind)} Prep sheet: followup prep {app.id}.",
        interview_id=interview.id,
    )


_STATE_ORDER = {DueState.OVERDUE: 0, DueState.DUE: 1, DueState.UPCOMING: 2}


def sort_due(items: Iterable[DueItem]) -> list[DueItem]:
    """Overdue first, then due, then upcoming; within each, the earliest window first."""
    return sorted(
        items, key=lambda i: (_STATE_ORDER[i.state], i.earliest, i.application_id, i.action)
    )


def newly_flagged(before: Assessment, after: Assessment, new_touch_id: int) -> tuple[Flag, ...]:
    """Flags a new touch caused on the other touches: a backdated one re-judges those after it."""
    known = {(f.touch_id, f.kind) for f in before.flags}
    return tuple(
        f
        for f in after.flags
        if f.touch_id is not None
        and f.touch_id != new_touch_id
        and (f.touch_id, f.kind) not in known
    )


# The morning view nags about missing next steps for this long after an interview;
# `show` keeps the flag for good.
NEXT_STEPS_REMINDER_DAYS = 14


def next_steps_reminder_since(today: date) -> date:
    return today - timedelta(days=NEXT_STEPS_REMINDER_DAYS)


def morning_report(found: MorningRows, as_of: date, ahead: int) -> DueReport:
    """The morning view from what was read: items in order, who to leave alone, reminders."""
    items: list[DueItem] = []
    quiet: list[GoneQuiet] = []
    for standing in found.standings:
        window = standing.next_contact
        assert window is not None  # only rows with a next date are read as due
        state = due_state(window.earliest, window.latest, as_of, ahead)
        if state is None:
            continue
        entry = gone_quiet(standing)
        if entry is not None:
            quiet.append(entry)
            continue
        app = standing.application
        items.append(
            DueItem(
                application_id=app.id,
                company=app.company,
                role=app.role,
                state=state,
                action=window.action,
                earliest=window.earliest,
                latest=window.latest,
                reason=window.reason,
                hint=follow_up_hint(app, standing.stage, window.action),
            )
        )
    for app, interview in found.interviews:
        item = interview_item(app, interview, as_of, ahead)
        if item is not None:
            items.append(item)
    holding = tuple(HoldingOff(s.application, s.next_contact, s.waiting) for s in found.holding_off)
    reminders = tuple(
        (app, no_next_steps_flag(interview))
        for app, interview in found.interviews
        if lacks_next_steps(interview, as_of)
    )
    quiet.sort(key=lambda q: (q.since, q.application.id))
    return DueReport(
        as_of,
        tuple(sort_due(items)),
        holding,
        found.holding_off_total,
        reminders,
        ahead,
        tuple(quiet),
    )
