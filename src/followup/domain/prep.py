"""Domain values for the interview itself: rounds, questions, who was asked what, articles.

Like ``models``, everything here is immutable and free of any storage concern.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from followup.domain.models import InterviewKind


class Round(enum.StrEnum):
    """A stage at which a question may be asked: the four interview kinds, then the offer."""

    PHONE_SCREEN = "phone-screen"
    FIRST = "first"
    SECOND = "second"
    FINAL = "final"
    OFFER = "offer"

    @classmethod
    def of(cls, kind: InterviewKind) -> Round:
        return cls(kind.value)

    @property
    def is_early(self) -> bool:
        """Too early to raise pay or benefits: the advice's phone screen and first interview."""
        return self in EARLY_ROUNDS

    @property
    def words(self) -> str:
        """'a first interview', 'an offer': for sentences."""
        return {
            Round.PHONE_SCREEN: "a phone screen",
            Round.FIRST: "a first interview",
            Round.SECOND: "a second interview",
            Round.FINAL: "a final interview",
            Round.OFFER: "an offer",
        }[self]

    def after(self) -> Round:
        """The round that usually follows this one (a final round may be followed by another)."""
        order = list(Round)
        return order[min(order.index(self) + 1, order.index(Round.FINAL))]


EARLY_ROUNDS = frozenset({Round.PHONE_SCREEN, Round.FIRST})
INTERVIEW_ROUNDS = (Round.PHONE_SCREEN, Round.FIRST, Round.SECOND, Round.FINAL)


class Topic(enum.StrEnum):
    """The bank's categories, in the order a sheet shows them."""

    COMPANY = "company"
    TEAM = "team"
    ROLE = "role"
    FIT = "fit"
    MANAGER = "manager"
    PROCESS = "process"
    CONCERNS = "concerns"
    PAY = "pay"
    YOURS = "yours"

    @property
    def label(self) -> str:
        return {
            Topic.COMPANY: "The company and its market",
            Topic.TEAM: "The team and its challenges",
            Topic.ROLE: "The role and what is hard to learn",
            Topic.FIT: "How success and fit are judged",
            Topic.MANAGER: "The manager's style",
            Topic.PROCESS: "The hiring process and timeline",
            Topic.CONCERNS: "Concerns about your background",
            Topic.PAY: "Pay and benefits (later rounds only)",
            Topic.YOURS: "Your own questions",
        }[self]


class Source(enum.StrEnum):
    BANK = "bank"
    YOURS = "yours"


@dataclass(frozen=True)
class Question:
    """A question from the bank or the user's own file, placeholders not yet filled.

    ``opinion`` marks a question whose answer is a view, not a fact: worth
    asking every interviewer, because each answer adds a perspective.
    """

    id: str
    topic: Topic
    text: str
    rounds: frozenset[Round]
    opinion: bool = False
    source: Source = Source.BANK


@dataclass(frozen=True)
class FilledQuestion:
    """A question ready to ask: placeholders filled, or shown as visible blanks."""

    question: Question
    text: str
    blanks: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.question.id


@dataclass(frozen=True)
class Details:
    """Optional facts about an application that questions can use."""

    competitor: str | None = None
    market_problem: str | None = None


@dataclass(frozen=True)
class AskedQuestion:
    """A question the user asked one interviewer at one interview."""

    id: int
    interview_id: int
    interviewer: str
    question: str
    question_id: str | None = None
    answer: str | None = None
    logged_on: date | None = None


@dataclass(frozen=True)
class Article:
    """An industry article saved on an application, to share in a check-in.

    ``offered_on`` is the day a drafted check-in email first offered it; it
    counts as shared once an email is logged to them on or after that day.
    """

    id: int
    application_id: int
    url: str
    title: str | None
    added_on: date
    offered_on: date | None = None


class ScriptStage(enum.StrEnum):
    """Which follow-up a draft is for."""

    PRE_INTERVIEW = "pre-interview"
    AFTER_INTERVIEW = "after-interview"
    CHECK_IN = "check-in"


class ScriptVia(enum.StrEnum):
    """How the user means to get in touch: the draft is worded for it."""

    CALL = "call"
    VOICEMAIL = "voicemail"
    EMAIL = "email"

    @property
    def spoken(self) -> bool:
        return self is not ScriptVia.EMAIL
