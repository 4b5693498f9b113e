"""Domain values: what a job search is made of, free of any storage concern.

Everything here is immutable; a change is a new value (``value._replace(...)``).

Named tuples rather than frozen dataclasses: these values sit on the morning path
(`followup due`), and a dataclass costs about half a millisecond to create at import, plus
the import of ``dataclasses`` and ``inspect`` (issue 17; bench/results.md); a named tuple
costs a small fraction of that. They are tuples too: nothing compares them with plain
tuples or mixes two kinds in one set.
"""

# No ``from __future__ import annotations`` here: typing.NamedTuple compiles each field's
# annotation when it is a string, which costs the morning path a millisecond or more.

import enum
from datetime import date
from typing import NamedTuple


class Stage(enum.StrEnum):
    APPLIED = "applied"
    INTERVIEWING = "interviewing"
    CLOSED = "closed"


class Outcome(enum.StrEnum):
    OFFER = "offer"
    HIRED = "hired"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    NO_RESPONSE = "no-response"


class Via(enum.StrEnum):
    """How a touch was made. A call that rang out still shows on their caller ID."""

    CALL = "call"
    VOICEMAIL = "voicemail"
    NO_ANSWER = "no-answer"
    EMAIL = "email"

    @property
    def is_phone(self) -> bool:
        return self is not Via.EMAIL


class Channel(enum.StrEnum):
    """A channel an interviewer said they prefer."""

    CALL = "call"
    EMAIL = "email"


class Action(enum.StrEnum):
    """What the user should do when a window is open."""

    CALL = "call"
    EMAIL = "email"
    CALL_OR_EMAIL = "call or email"
    INTERVIEW = "interview"
    # They have gone quiet: no more windows; consider closing it as no-response.
    CLOSE = "close"


class InterviewKind(enum.StrEnum):
    PHONE_SCREEN = "phone-screen"
    FIRST = "first"
    SECOND = "second"
    FINAL = "final"


class FlagKind(enum.StrEnum):
    EARLY = "early"
    REPEAT = "repeat"
    STALKER = "stalker"
    DO_NOT_CALL = "do-not-call"
    DO_NOT_EMAIL = "do-not-email"
    NO_NEXT_STEPS = "no-next-steps"

    @property
    def is_overcontact(self) -> bool:
        return self is not FlagKind.NO_NEXT_STEPS


class DueState(enum.StrEnum):
    OVERDUE = "overdue"
    DUE = "due"
    UPCOMING = "upcoming"


class Contact(NamedTuple):
    name: str | None = None
    phone: str | None = None
    email: str | None = None


class Application(NamedTuple):
    """One job applied for. ``closed_on`` and ``outcome`` are set together."""

    id: int
    company: str
    role: str
    applied_on: date
    contact: Contact = Contact()
    do_not_call: bool = False
    # The posting asked for no emails either ("no calls or emails"): no email follow-up.
    no_email: bool = False
    url: str | None = None
    pitch: str | None = None
    note: str | None = None
    outcome: Outcome | None = None
    closed_on: date | None = None
    snooze_until: date | None = None
    snoozed_on: date | None = None
    # The last touch and interview ids when the snooze was set: only what is
    # recorded after it can clear it, even on the same day.
    snooze_touch_mark: int = 0
    snooze_interview_mark: int = 0


class Touch(NamedTuple):
    """A call, voicemail, unanswered call or email, either way. ``id`` is the order of entry."""

    id: int
    application_id: int
    on: date
    via: Via = Via.CALL
    inbound: bool = False
    follow_up_on: date | None = None
    note: str | None = None


class Interview(NamedTuple):
    """An interview, past or scheduled. ``logged_on`` is the day it was recorded."""

    id: int
    application_id: int
    on: date
    logged_on: date
    kind: InterviewKind = InterviewKind.FIRST
    with_: tuple[str, ...] = ()
    next_steps: str | None = None
    timeline: str | None = None
    prefers: Channel | None = None
    follow_up_on: date | None = None


class History(NamedTuple):
    """An application with everything that happened to it."""

    application: Application
    touches: tuple[Touch, ...] = ()
    interviews: tuple[Interview, ...] = ()


class Window(NamedTuple):
    """When the user may next contact them, what to do, and which rule says so."""

    earliest: date
    latest: date
    action: Action
    reason: str


class Flag(NamedTuple):
    kind: FlagKind
    on: date
    message: str
    touch_id: int | None = None
    interview_id: int | None = None


class Assessment(NamedTuple):
    """What the rules say about one application today.

    ``waiting`` explains in words why nothing is due; it is set exactly when
    ``next_contact`` is None.
    """

    stage: Stage
    next_contact: Window | None
    waiting: str | None
    flags: tuple[Flag, ...]

    def touch_flags(self, touch_id: int) -> tuple[FlagKind, ...]:
        return tuple(f.kind for f in self.flags if f.touch_id == touch_id)


class DueItem(NamedTuple):
    """One line of the morning view: a follow-up window or a scheduled interview."""

    application_id: int
    company: str
    role: str
    state: DueState
    action: Action
    earliest: date
    latest: date
    reason: str
    hint: str
    interview_id: int | None = None


class ApplicationView(NamedTuple):
    """An application's whole history with the rules' verdict on it."""

    history: History
    assessment: Assessment

    @property
    def application(self) -> Application:
        return self.history.application


class LoggedTouch(NamedTuple):
    """A touch just recorded, with its own flags and the application after it."""

    touch: Touch
    flags: tuple[Flag, ...]
    view: ApplicationView
    # Flags that a backdated touch newly put on touches logged before it.
    rejudged: tuple[Flag, ...] = ()

    @property
    def overcontact(self) -> bool:
        return any(f.kind.is_overcontact for f in self.flags)


class HoldingOff(NamedTuple):
    """An open application with nothing due: when it may next be contacted, or why not."""

    application: Application
    next_contact: Window | None
    waiting: str | None


class GoneQuiet(NamedTuple):
    """An open application that has gone quiet: the morning view suggests closing it."""

    application: Application
    # The day the suggestion started (or starts: within the days ahead).
    since: date
    # Words with the unanswered count and the date of their last reply.
    reason: str
    command: str


class DueReport(NamedTuple):
    as_of: date
    items: tuple[DueItem, ...]
    holding_off: tuple[HoldingOff, ...]
    holding_off_total: int
    # Recent interviews that left no next steps or timeline: ask them.
    reminders: tuple[tuple[Application, Flag], ...] = ()
    # How many days ahead "upcoming" looks.
    ahead: int = 7
    # Applications that have gone quiet, listed apart from the windows.
    gone_quiet: tuple[GoneQuiet, ...] = ()


class StoredStanding(NamedTuple):
    """An application as the morning view reads it: its row and the stored verdict."""

    application: Application
    stage: Stage
    next_contact: Window | None
    waiting: str | None


class MorningRows(NamedTuple):
    """Everything the morning view reads, however it was read."""

    standings: tuple[StoredStanding, ...]
    # Interviews of open applications from the reminder horizon to the end of --ahead.
    interviews: tuple[tuple[Application, Interview], ...]
    holding_off: tuple[StoredStanding, ...]
    holding_off_total: int
