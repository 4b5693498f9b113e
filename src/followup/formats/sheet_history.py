"""The part of an application's history a spreadsheet carries: its last touch and its last
interview, each in a few columns.

followup's own CSV export writes them, so that the sheet imported into another database
comes back at the same stage with the same next window (docs/import-export.md, "What
comes back"); any sheet may have them too. Pure: cells in, domain values out, and back.
Only these two events come back, never the whole history: the full backup (`export -o
FILE.json`) is the lossless format.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from followup.domain.limits import check_interview, check_touch
from followup.domain.models import Channel, History, Interview, InterviewKind, Touch, Via
from followup.domain.rules import ordered_events
from followup.errors import BadInput


class HistoryField(enum.StrEnum):
    """The history columns, in the words ``--map`` takes."""

    LAST_TOUCH = "last-touch"
    LAST_TOUCH_VIA = "last-touch-via"
    LAST_TOUCH_BY = "last-touch-by"
    LAST_TOUCH_FOLLOW_UP = "last-touch-follow-up"
    LAST_INTERVIEW = "last-interview"
    INTERVIEW_KIND = "interview-kind"
    PREFERS = "prefers"
    NEXT_STEPS = "next-steps"
    TIMELINE = "timeline"
    INTERVIEW_FOLLOW_UP = "interview-follow-up"


# The column names followup's export writes (after ``spreadsheet.column_key``), and a few a
# job seeker's own sheet may use.
HISTORY_COLUMNS: dict[str, HistoryField] = {
    **dict.fromkeys(
        ("last touch", "last contact", "last contacted", "last follow up"), HistoryField.LAST_TOUCH
    ),
    **dict.fromkeys(("last touch via", "last contact via"), HistoryField.LAST_TOUCH_VIA),
    **dict.fromkeys(("last touch by", "last contact by"), HistoryField.LAST_TOUCH_BY),
    "last touch follow up": HistoryField.LAST_TOUCH_FOLLOW_UP,
    **dict.fromkeys(("last interview", "interview date"), HistoryField.LAST_INTERVIEW),
    **dict.fromkeys(("interview kind", "interview round"), HistoryField.INTERVIEW_KIND),
    **dict.fromkeys(("prefers", "preferred channel"), HistoryField.PREFERS),
    "next steps": HistoryField.NEXT_STEPS,
    "timeline": HistoryField.TIMELINE,
    "interview follow up": HistoryField.INTERVIEW_FOLLOW_UP,
}

# The columns of followup's export, in order (they go after ``notes``).
EXPORT_HISTORY_COLUMNS = (
    "last touch",
    "last touch via",
    "last touch by",
    "last touch follow-up",
    "last interview",
    "interview kind",
    "prefers",
    "next steps",
    "timeline",
    "interview follow-up",
)

# A synthetic touch says where it came from, in `show`.
IMPORTED_TOUCH_NOTE = "imported from a spreadsheet: the last touch of its history there"
_BY = {"you": False, "them": True}


@dataclass(frozen=True)
class SheetHistory:
    """The last touch and the last interview a row gives, without ids yet."""

    touch: Touch | None = None
    interview: Interview | None = None

    def events(self, application_id: int) -> tuple[Touch | None, Interview | None]:
        """The touch and interview to store for the application ``application_id``."""
        touch = self.touch._replace(application_id=application_id) if self.touch else None
        interview = (
            self.interview._replace(application_id=application_id) if self.interview else None
        )
        return touch, interview

    def __bool__(self) -> bool:
        return self.touch is not None or self.interview is not None


NO_HISTORY = SheetHistory()


class HistoryProblem(Exception):
    """One cell of the history that cannot be read: the message names it."""


def read_history(
    cell: Callable[[HistoryField], str | None],
    read_date: Callable[[str, str, bool], date],
    applied_on: date,
    today: date,
) -> SheetHistory:
    """The history columns of one row. ``read_date(text, what, past)`` reads a date the way
    the rest of the sheet is read (``past``: it must not lie in the future)."""
    touch = _touch(cell, read_date, applied_on)
    interview = _interview(cell, read_date, applied_on, today)
    if touch is None and interview is None:
        # Most rows have none: one shared (frozen) value, not 100,000 of them (issue 17).
        return NO_HISTORY
    return SheetHistory(touch, interview)


def _touch(
    cell: Callable[[HistoryField], str | None],
    read_date: Callable[[str, str, bool], date],
    applied_on: date,
) -> Touch | None:
    on_text = cell(HistoryField.LAST_TOUCH)
    via_text = cell(HistoryField.LAST_TOUCH_VIA)
    by_text = cell(HistoryField.LAST_TOUCH_BY)
    agreed = cell(HistoryField.LAST_TOUCH_FOLLOW_UP)
    if on_text is None:
        if via_text or by_text or agreed:
            raise HistoryProblem("the last touch has a channel or a follow-up but no date")
        return None
    on = read_date(on_text, "last touch date", True)
    if on < applied_on:
        raise HistoryProblem(f"the last touch on {on} is before it was applied for")
    via = _word(via_text or Via.CALL.value, Via, "the last touch's channel")
    by = (by_text or "you").casefold()
    if by not in _BY:
        raise HistoryProblem(f"the last touch was by {by_text!r}; write you or them")
    follow_up = read_date(agreed, "last touch follow-up date", False) if agreed else None
    return _checked(
        lambda: check_touch(Touch(0, 0, on, via, _BY[by], follow_up, IMPORTED_TOUCH_NOTE))
    )


def _interview(
    cell: Callable[[HistoryField], str | None],
    read_date: Callable[[str, str, bool], date],
    applied_on: date,
    today: date,
) -> Interview | None:
    on_text = cell(HistoryField.LAST_INTERVIEW)
    details = [
        cell(f)
        for f in (
            HistoryField.INTERVIEW_KIND,
            HistoryField.PREFERS,
            HistoryField.NEXT_STEPS,
            HistoryField.TIMELINE,
            HistoryField.INTERVIEW_FOLLOW_UP,
        )
    ]
    if on_text is None:
        if any(details):
            raise HistoryProblem(
                "the interview columns are filled in but the interview has no date"
            )
        return None
    on = read_date(on_text, "last interview date", False)
    if on < applied_on:
        raise HistoryProblem(f"the interview on {on} is before it was applied for")
    kind_text, prefers_text, next_steps, timeline, agreed = details
    kind = _word(kind_text or InterviewKind.FIRST.value, InterviewKind, "the interview kind")
    prefers = _word(prefers_text, Channel, "the preferred channel") if prefers_text else None
    follow_up = read_date(agreed, "interview follow-up date", False) if agreed else None
    interview = Interview(
        0, 0, on, min(on, today), kind, (), next_steps, timeline, prefers, follow_up
    )
    return _checked(lambda: check_interview(interview))


_E = TypeVar("_E", bound=enum.StrEnum)
_T = TypeVar("_T")


def _word(text: str, kind: type[_E], what: str) -> _E:
    try:
        return kind(text.casefold())
    except ValueError:
        words = ", ".join(k.value for k in kind)
        raise HistoryProblem(f"{what} is {text!r}; write one of {words}") from None


def _checked(make: Callable[[], _T]) -> _T:
    try:
        return make()
    except BadInput as exc:
        raise HistoryProblem(exc.message) from None


# --- writing ------------------------------------------------------------------------------


def history_cells(history: History) -> list[object]:
    """``EXPORT_HISTORY_COLUMNS`` for one application: the last touch and the last
    interview as the rules order them, and the channel its interviewers prefer."""
    events = ordered_events(history)
    touch = next((e for e in reversed(events) if isinstance(e, Touch)), None)
    interview = next((e for e in reversed(events) if isinstance(e, Interview)), None)
    stated = [i for i in history.interviews if i.prefers is not None]
    # The channel in force: the latest interview that named one (domain.rules).
    prefers = max(stated, key=lambda i: (i.on, i.id)).prefers if stated else None
    values: list[object] = [None] * len(EXPORT_HISTORY_COLUMNS)
    if touch is not None:
        values[0:4] = [
            touch.on,
            touch.via.value,
            "them" if touch.inbound else "you",
            touch.follow_up_on,
        ]
    if interview is not None:
        values[4:10] = [
            interview.on,
            interview.kind.value,
            prefers.value if prefers else None,
            interview.next_steps,
            interview.timeline,
            interview.follow_up_on,
        ]
    return values
