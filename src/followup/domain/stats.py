"""What is working: the figures of `followup stats`, as pure functions of the histories.

The figures read a whole search (100,000 applications, a million touches), so they work
on lean facts (named tuples) rather than on ``History`` values, whose frozen dataclasses
cost more to build than the counting itself; ``facts_of`` turns histories into facts, and
tests feed histories through it. Only the restraint figures need the rules' verdicts, and
they replay just the histories with a follow-up in the months they show.

Definitions (docs/guide.md, "Your week", says them in the user's words):

* the funnel is cumulative, so each row is a subset of the row above: an offer counts as
  having reached a final round, a final round as an interview, an interview as hearing
  back (an inbound touch);
* a follow-up is an outbound touch; it was answered when an inbound touch, or an
  interview recorded, came on its day (after it) or within the 10 business days after;
  follow-ups whose 10 business days have not all passed yet are left out;
* time to first reply: business days from applying to the first inbound touch or
  interview recorded;
* a follow-up is inside its window when the rules found it neither early (before its
  window opened) nor a repeat (when no window was open).
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from followup.domain import rules
from followup.domain.cadence import Cadence, WorkCalendar
from followup.domain.models import (
    Application,
    FlagKind,
    History,
    Interview,
    InterviewKind,
    Outcome,
    Touch,
    Via,
)

# Below this many cases a share says "(too few to tell)" instead of a percentage.
TOO_FEW = 5
ANSWER_BUSINESS_DAYS = 10
ACTIVITY_WEEKS = 12
RESTRAINT_MONTHS = 3
# Flags that say a follow-up came outside its window.
OUTSIDE_WINDOW = frozenset({FlagKind.EARLY, FlagKind.REPEAT})
STILL_OPEN = "still open"
_AFTER_ANY_TOUCH = 2**63


class AppFact(NamedTuple):
    id: int
    applied_on: date
    outcome: str | None
    closed_on: date | None
    do_not_call: bool = False


# A touch as (id, on, via, inbound, follow_up_on) and an interview as
# (id, on, logged_on, kind, follow_up_on): plain tuples, because a million of them are
# read, and a named tuple costs several times a plain one to build.
TouchRow = tuple[int, date, str, bool, date | None]
InterviewRow = tuple[int, date, date, str, date | None]


@dataclass(slots=True)
class Case:
    """One application's facts, its touches and interviews in order of entry."""

    app: AppFact
    touches: list[TouchRow]
    interviews: list[InterviewRow]


def facts_of(histories: Iterable[History]) -> Iterator[Case]:
    for h in histories:
        a = h.application
        yield Case(
            AppFact(a.id, a.applied_on, a.outcome, a.closed_on, a.do_not_call),
            [(t.id, t.on, t.via.value, t.inbound, t.follow_up_on) for t in h.touches],
            [(i.id, i.on, i.logged_on, i.kind.value, i.follow_up_on) for i in h.interviews],
        )


_VIA = {v.value: v for v in Via}
_KIND = {k.value: k for k in InterviewKind}


def history_of(case: Case) -> History:
    """The case as the rules read it (only what can move a window or a flag)."""
    a = case.app
    app_id = a.id
    app = Application(
        id=app_id,
        company="",
        role="",
        applied_on=a.applied_on,
        do_not_call=a.do_not_call,
        outcome=Outcome(a.outcome) if a.outcome else None,
        closed_on=a.closed_on,
    )
    touches = tuple(
        Touch(tid, app_id, on, _VIA[via], inbound, follow_up_on)
        for tid, on, via, inbound, follow_up_on in case.touches
    )
    interviews = tuple(
        Interview(iid, app_id, on, logged_on, _KIND[kind], follow_up_on=follow_up_on)
        for iid, on, logged_on, kind, follow_up_on in case.interviews
    )
    return History(app, touches, interviews)


@dataclass(frozen=True)
class Share:
    """``count`` out of ``of``; ``share`` is None when there are too few cases to tell."""

    count: int
    of: int

    @property
    def share(self) -> float | None:
        return None if self.of < TOO_FEW else self.count / self.of


@dataclass(frozen=True)
class Stats:
    as_of: date
    since: date | None
    # (stage, how many, their share of the row above)
    funnel: tuple[tuple[str, Share], ...]
    # (channel, answered out of follow-ups)
    answers: tuple[tuple[str, Share], ...]
    # Median business days to a first reply, and over how many applications.
    first_reply_median: float | None
    first_reply_cases: int
    # (Monday of the week, applications, follow-ups), oldest first.
    activity: tuple[tuple[date, int, int], ...]
    # (first of the month, over-contact flags), oldest first.
    flags_by_month: tuple[tuple[date, int], ...]
    inside_window: Share
    # (outcome, how many applications, share of all)
    outcomes: tuple[tuple[str, Share], ...]


class BusinessDays:
    """Business-day counting for many dates at once: each day's count is worked out once."""

    def __init__(self, calendar: WorkCalendar) -> None:
        self._calendar = calendar
        self._after: dict[date, date] = {}
        self._index: dict[date, int] = {}
        self._start: date | None = None

    def after(self, day: date, count: int) -> date:
        """The ``count``-th business day after ``day``."""
        found = self._after.get(day)
        if found is None:
            found = day
            for _ in range(count):
                found += timedelta(days=1)
                while not self._calendar.is_business_day(found):
                    found += timedelta(days=1)
            self._after[day] = found
        return found

    def _number(self, day: date) -> int:
        """How many business days lie in (start, day]: differences count business days."""
        found = self._index.get(day)
        if found is not None:
            return found
        if self._start is None:
            self._start = day - timedelta(days=1)
            self._index[self._start] = 0
        step = timedelta(days=1) if day > self._start else timedelta(days=-1)
        # Walk from the nearest known day; the cache makes every day cost one step.
        probe = day
        while probe not in self._index:
            probe -= step
        n = self._index[probe]
        while probe != day:
            probe += step
            if step.days > 0:
                n += self._calendar.is_business_day(probe)
            else:
                n -= self._calendar.is_business_day(probe + timedelta(days=1))
            self._index[probe] = n
        return n

    def between(self, start: date, end: date) -> int:
        """Business days after ``start`` up to and including ``end``."""
        return self._number(end) - self._number(start)


def _funnel(cases: Sequence[Case]) -> tuple[tuple[str, Share], ...]:
    offer = final = interviewed = heard = 0
    for case in cases:
        if case.app.outcome in (Outcome.OFFER, Outcome.HIRED):
            offer += 1
            final += 1
            interviewed += 1
            heard += 1
        elif any(i[3] == InterviewKind.FINAL for i in case.interviews):
            final += 1
            interviewed += 1
            heard += 1
        elif case.interviews:
            interviewed += 1
            heard += 1
        elif any(t[3] for t in case.touches):
            heard += 1
    counts = [
        ("applied", len(cases)),
        ("heard back", heard),
        ("interviewed", interviewed),
        ("final round", final),
        ("offer", offer),
    ]
    rows = []
    above = len(cases)
    for name, count in counts:
        rows.append((name, Share(count, above)))
        above = count
    return tuple(rows)


def _replies(case: Case) -> list[tuple[date, int]]:
    """When they got back: inbound touches (day, order) and interviews recorded."""
    found = [(on, tid) for tid, on, _, inbound, _ in case.touches if inbound]
    # An interview recorded on a follow-up's day counts as its answer: it sorts after
    # every touch of that day.
    found += [(logged_on, _AFTER_ANY_TOUCH) for _, _, logged_on, _, _ in case.interviews]
    found.sort()
    return found


def _answers(
    cases: Sequence[Case], since: date | None, today: date, days: BusinessDays
) -> tuple[tuple[str, Share], ...]:
    asked = dict.fromkeys((v.value for v in Via), 0)
    answered = dict.fromkeys((v.value for v in Via), 0)
    for case in cases:
        replies: list[tuple[date, int]] | None = None
        for tid, on, via, inbound, _ in case.touches:
            if inbound or (since is not None and on < since):
                continue
            deadline = days.after(on, ANSWER_BUSINESS_DAYS)
            if deadline >= today:
                continue  # its ten business days are not over yet
            asked[via] += 1
            if replies is None:
                replies = _replies(case)
            # The first reply after it: a later day, or the same day entered after it.
            first = bisect.bisect_right(replies, (on, tid))
            if first < len(replies) and replies[first][0] <= deadline:
                answered[via] += 1
    return tuple((via, Share(answered[via], asked[via])) for via in asked)


def _first_reply(cases: Sequence[Case], days: BusinessDays) -> tuple[float | None, int]:
    waits = []
    for case in cases:
        replies = _replies(case)
        if replies:
            first = replies[0][0]
            waits.append(max(days.between(case.app.applied_on, first), 0))
    if len(waits) < TOO_FEW:
        return None, len(waits)
    return float(statistics.median(waits)), len(waits)


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _activity(
    cases: Sequence[Case], today: date, since: date | None
) -> tuple[tuple[date, int, int], ...]:
    this_week = week_of(today)
    weeks = [this_week - timedelta(weeks=n) for n in reversed(range(ACTIVITY_WEEKS))]
    applied = dict.fromkeys(weeks, 0)
    followed = dict.fromkeys(weeks, 0)
    first = weeks[0]
    if since is not None:
        first = max(first, since)
    for case in cases:
        a = case.app.applied_on
        if first <= a <= today:
            applied[week_of(a)] += 1
        for _, on, _, inbound, _ in case.touches:
            if not inbound and first <= on <= today:
                followed[week_of(on)] += 1
    return tuple((w, applied[w], followed[w]) for w in weeks)


def month_of(day: date) -> date:
    return day.replace(day=1)


def _months(today: date) -> list[date]:
    months = [month_of(today)]
    while len(months) < RESTRAINT_MONTHS:
        months.append(month_of(months[-1] - timedelta(days=1)))
    return months[::-1]


def restraint(
    cases: Sequence[Case], today: date, since: date | None, cadence: Cadence
) -> tuple[tuple[tuple[date, int], ...], Share]:
    """Over-contact flags in each of the last ``RESTRAINT_MONTHS`` months, and the share of
    the follow-ups made in them that the rules found inside their window. The one figure
    that replays the rules, history by history (and so the costliest)."""
    months = _months(today)
    start = months[0] if since is None else max(months[0], since)
    flags = dict.fromkeys(months, 0)
    follow_ups = outside = 0
    for case in cases:
        mine = [t[0] for t in case.touches if not t[3] and start <= t[1] <= today]
        if not mine:
            continue
        verdict = rules.assess(history_of(case), today, cadence)
        kinds: dict[int, set[FlagKind]] = {}
        for flag in verdict.flags:
            if flag.touch_id is not None and flag.kind.is_overcontact:
                kinds.setdefault(flag.touch_id, set()).add(flag.kind)
                if start <= flag.on <= today:
                    flags[month_of(flag.on)] += 1
        for touch_id in mine:
            follow_ups += 1
            if kinds.get(touch_id, set()) & OUTSIDE_WINDOW:
                outside += 1
    return tuple(flags.items()), Share(follow_ups - outside, follow_ups)


def _outcomes(cases: Sequence[Case]) -> tuple[tuple[str, Share], ...]:
    counts = dict.fromkeys([*(o.value for o in Outcome), STILL_OPEN], 0)
    for case in cases:
        counts[case.app.outcome or STILL_OPEN] += 1
    return tuple((name, Share(n, len(cases))) for name, n in counts.items())


def figures(
    cases: Iterable[Case], today: date, cadence: Cadence, since: date | None = None
) -> Stats:
    """Every figure of `followup stats`, for the applications made since ``since`` (all
    when None) and the follow-ups made since then, as of ``today``."""
    chosen = [c for c in cases if since is None or c.app.applied_on >= since]
    days = BusinessDays(cadence.calendar)
    median, replied = _first_reply(chosen, days)
    flags_by_month, inside = restraint(chosen, today, since, cadence)
    return Stats(
        as_of=today,
        since=since,
        funnel=_funnel(chosen),
        answers=_answers(chosen, since, today, days),
        first_reply_median=median,
        first_reply_cases=replied,
        activity=_activity(chosen, today, since),
        flags_by_month=flags_by_month,
        inside_window=inside,
        outcomes=_outcomes(chosen),
    )


def of_histories(
    histories: Iterable[History], today: date, cadence: Cadence, since: date | None = None
) -> Stats:
    return figures(facts_of(histories), today, cadence, since)
