"""Questions to ask interviewers: the bank's format, choosing for a round, and the prep sheet.

Pure functions of their arguments: the files are read by ``followup.bank``, the
database by ``followup.prep``. The advice behind this module:

- interviewers remember candidates who ask thoughtful questions about their company;
- never ask about pay or benefits at a phone screen or a first interview (``guard``);
- ask every interviewer, even a question someone else already answered, because
  opinions differ and each answer tells you more about the place;
- never leave without next steps, a timeline and how they would like you to follow up.
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from followup.domain.guard import PayTopic, about_pay
from followup.domain.models import Application, Interview
from followup.domain.prep import (
    EARLY_ROUNDS,
    INTERVIEW_ROUNDS,
    AskedQuestion,
    Details,
    FilledQuestion,
    Question,
    Round,
    Source,
    Topic,
)
from followup.errors import BadInput

# The placeholders a question may use, and the words shown in a blank when a value is missing.
PLACEHOLDERS: dict[str, str] = {
    "company": "company",
    "role": "role",
    "competitor": "competitor",
    "market_problem": "market problem",
}

# The three questions never to leave an interview without.
CLOSING_QUESTIONS = (
    "What happens next in your process, and what would the next step be for me?",
    "When are you hoping to make a decision?",
    "Would you rather I got back in touch by phone or by email, and would next week suit you?",
)

# A prep sheet suggests this many new questions per topic; `followup questions` lists them all.
PER_TOPIC_ON_SHEET = 1

_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,59}")
_QUESTION_KEYS = {"id", "topic", "text", "kinds", "opinion"}
_FORMATTER = string.Formatter()


def blank(name: str) -> str:
    """The visible blank left where a placeholder has no value: '[competitor]'."""
    return f"[{PLACEHOLDERS[name]}]"


# --- reading a bank -------------------------------------------------------------------------


def _placeholders(text: str, where: str) -> list[str]:
    try:
        parts = list(_FORMATTER.parse(text))
    except ValueError:
        raise BadInput(
            f"{where}: a lone '{{' or '}}' in the text; write {{{{ or }}}} for a literal brace"
        ) from None
    names = []
    for _literal, field, spec, conversion in parts:
        if field is None:
            continue
        if field not in PLACEHOLDERS or spec or conversion:
            known = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
            raise BadInput(f"{where}: unknown placeholder {{{field}}}; use {known}")
        names.append(field)
    return names


def _rounds(value: Any, where: str) -> frozenset[Round]:
    if value is None:
        return frozenset(INTERVIEW_ROUNDS)
    known = ", ".join(r.value for r in Round)
    if not isinstance(value, list) or not value:
        raise BadInput(f"{where}: kinds must be a list of rounds ({known})")
    rounds = set()
    for item in value:
        try:
            rounds.add(Round(item))
        except ValueError:
            raise BadInput(f"{where}: unknown kind {item!r}; use {known}") from None
    return frozenset(rounds)


def _topic(value: Any, source: Source, where: str) -> Topic:
    if value is None and source is Source.YOURS:
        return Topic.YOURS
    try:
        return Topic(value)
    except ValueError:
        known = ", ".join(t.value for t in Topic)
        raise BadInput(f"{where}: unknown topic {value!r}; use one of {known}") from None


def _question(entry: Any, n: int, source: Source, origin: str) -> Question:
    where = f"{origin}, question {n}"
    if not isinstance(entry, dict):
        raise BadInput(f"{where}: expected a [[question]] table")
    unknown = sorted(set(entry) - _QUESTION_KEYS)
    if unknown:
        raise BadInput(f"{where}: unknown key {unknown[0]!r}; keys are {sorted(_QUESTION_KEYS)}")
    text = entry.get("text")
    if not isinstance(text, str) or not text.strip():
        raise BadInput(f"{where}: text is missing")
    text = " ".join(text.split())
    _placeholders(text, where)
    qid = entry.get("id")
    if qid is None and source is Source.YOURS:
        qid = f"yours-{n}"
    if not isinstance(qid, str) or not _ID.fullmatch(qid):
        raise BadInput(f"{where}: id must be lowercase letters, digits and dashes, such as 'my-q'")
    opinion = entry.get("opinion", False)
    if not isinstance(opinion, bool):
        raise BadInput(f"{where}: opinion must be true or false")
    return Question(
        id=qid,
        topic=_topic(entry.get("topic"), source, where),
        text=text,
        rounds=_rounds(entry.get("kinds"), where),
        opinion=opinion,
        source=source,
    )


def parse_bank(text: str, source: Source, origin: str) -> tuple[Question, ...]:
    """Read a bank written in TOML (docs/question-bank.md); ``origin`` names it in errors."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(f"{origin} is not valid TOML: {exc}") from None
    unknown = sorted(set(data) - {"question"})
    if unknown:
        raise BadInput(f"{origin}: unknown key {unknown[0]!r}; write each one as [[question]]")
    entries = data.get("question", [])
    if not isinstance(entries, list):
        raise BadInput(f"{origin}: write each question as a [[question]] table")
    questions = [_question(entry, n, source, origin) for n, entry in enumerate(entries, 1)]
    seen: set[str] = set()
    for question in questions:
        if question.id in seen:
            raise BadInput(f"{origin}: the id {question.id!r} is used twice")
        seen.add(question.id)
    return tuple(questions)


def merge(bank: Sequence[Question], yours: Sequence[Question]) -> tuple[Question, ...]:
    """The bank with the user's questions: one with a bank question's id replaces it."""
    replaced = {q.id: q for q in yours}
    merged = [replaced.pop(q.id, q) for q in bank]
    return (*merged, *(q for q in yours if q.id in replaced))


# --- choosing and filling -------------------------------------------------------------------


def values_for(app: Application | None, details: Details) -> dict[str, str | None]:
    """What the placeholders are filled with: the application's own words."""
    return {
        "company": app.company if app else None,
        "role": app.role if app else None,
        "competitor": details.competitor,
        "market_problem": details.market_problem,
    }


def fill(question: Question, values: Mapping[str, str | None]) -> FilledQuestion:
    """Fill the placeholders; a missing value becomes a visible blank, never a dropped question."""
    parts: list[str] = []
    blanks: list[str] = []
    for literal, field, _spec, _conversion in _FORMATTER.parse(question.text):
        parts.append(literal)
        if field is None:
            continue
        value = values.get(field)
        if value:
            parts.append(value)
        else:
            parts.append(blank(field))
            if field not in blanks:
                blanks.append(field)
    return FilledQuestion(question, "".join(parts), tuple(blanks))


def pay_topic(question: Question) -> PayTopic | None:
    """Whether a question is about pay: filed under pay, or the guard says so."""
    template = fill(question, {}).text
    found = about_pay(template)
    if found is None and question.topic is Topic.PAY:
        return PayTopic.SALARY
    return found


def suits(question: Question, round_: Round) -> bool:
    """A question is offered for a round it lists, except pay questions in an early round."""
    if round_ not in question.rounds:
        return False
    return not (round_.is_early and pay_topic(question) is not None)


def select(questions: Iterable[Question], round_: Round) -> tuple[Question, ...]:
    """The questions for a round, grouped by topic in the bank's order."""
    order = list(Topic)
    suited = [q for q in questions if suits(q, round_)]
    return tuple(sorted(suited, key=lambda q: order.index(q.topic)))


def pay_notices(questions: Iterable[Question]) -> tuple[str, ...]:
    """The user's own pay questions that list an early round: say they wait for later."""
    notices = []
    for question in questions:
        if question.source is not Source.YOURS or not question.rounds & EARLY_ROUNDS:
            continue
        topic = pay_topic(question)
        if topic is not None:
            notices.append(
                f"Your question '{question.id}' asks about {topic.words}, so it is offered "
                "from the second interview on, never at a phone screen or first interview."
            )
    return tuple(notices)


_TRAILING = re.compile(r"[\s?.!]+$")


def _same_words(text: str) -> str:
    return _TRAILING.sub("", " ".join(text.split()).casefold())


def find_question(
    text_or_id: str, questions: Iterable[Question], values: Mapping[str, str | None]
) -> FilledQuestion | None:
    """The bank question a user means: by its id, or by the same words once filled."""
    wanted = _same_words(text_or_id)
    for question in questions:
        if question.id == wanted or _same_words(fill(question, values).text) == wanted:
            return fill(question, values)
    return None


@dataclass(frozen=True)
class QuestionSheet:
    """The bank's questions for one round, filled from one application (or left blank)."""

    application: Application | None
    round: Round
    questions: tuple[FilledQuestion, ...]
    notices: tuple[str, ...]

    @property
    def blanks(self) -> tuple[str, ...]:
        return _blanks(self.questions)


def _blanks(questions: Iterable[FilledQuestion]) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for question in questions:
        found.update(dict.fromkeys(question.blanks))
    return tuple(found)


def build_question_sheet(
    app: Application | None, details: Details, questions: Sequence[Question], round_: Round
) -> QuestionSheet:
    values = values_for(app, details)
    chosen = tuple(fill(q, values) for q in select(questions, round_))
    return QuestionSheet(app, round_, chosen, pay_notices(questions))


def interviewer_matches(name: str, names: Sequence[str]) -> list[str]:
    """The recorded interviewers a typed name means: the same name in any case, else
    the people it names by first or last name alone."""
    wanted = _key(name)
    exact = [n for n in names if _key(n) == wanted]
    if exact:
        return exact[:1]
    return [n for n in names if wanted and wanted in _key(n).split()]


# --- the prep sheet -------------------------------------------------------------------------


@dataclass(frozen=True)
class Interviewer:
    """Someone the user has met or will meet at this company, and what they were asked."""

    name: str
    met: tuple[Interview, ...]
    at_next: bool
    asked: tuple[AskedQuestion, ...]
    no_questions_at: tuple[Interview, ...]


@dataclass(frozen=True)
class AskAgain:
    """An opinion question already asked here, and who at the next interview has not answered."""

    question_id: str
    text: str
    asked: tuple[str, ...]
    not_yet: tuple[str, ...]


@dataclass(frozen=True)
class PrepSheet:
    application: Application
    details: Details
    interviews: tuple[Interview, ...]
    next_interview: Interview | None
    round: Round
    pitch_points: tuple[str, ...]
    interviewers: tuple[Interviewer, ...]
    ask_again: tuple[AskAgain, ...]
    questions: tuple[FilledQuestion, ...]
    closing: tuple[str, ...]
    notices: tuple[str, ...]

    @property
    def blanks(self) -> tuple[str, ...]:
        return _blanks(self.questions)

    @property
    def closing_heading(self) -> str:
        """When to ask the closing questions: a phone screen ends with the call."""
        if self.round is Round.PHONE_SCREEN:
            return "Before the call ends, ask"
        return "Before you leave, ask"


_POINT_SEPARATORS = re.compile(r"\s*(?:;|\n)\s*")


def pitch_points(pitch: str | None) -> tuple[str, ...]:
    """The pitch as separate points: the user separates them with ';' or new lines."""
    if not pitch:
        return ()
    return tuple(p.strip() for p in _POINT_SEPARATORS.split(pitch) if p.strip())


def next_interview(interviews: Iterable[Interview], today: date) -> Interview | None:
    """The first interview on or after today."""
    ahead = [i for i in interviews if i.on >= today]
    return min(ahead, key=lambda i: (i.on, i.id)) if ahead else None


def round_ahead(interviews: Sequence[Interview], today: date) -> Round:
    """The round to prepare for: the next interview's, else the one after the latest,
    else a first interview (an early round: the stricter one for pay questions)."""
    upcoming = next_interview(interviews, today)
    if upcoming is not None:
        return Round.of(upcoming.kind)
    if interviews:
        latest = max(interviews, key=lambda i: (i.on, i.id))
        return Round.of(latest.kind).after()
    return Round.FIRST


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def build_prep_sheet(
    app: Application,
    interviews: Sequence[Interview],
    details: Details,
    asked: Sequence[AskedQuestion],
    questions: Sequence[Question],
    today: date,
) -> PrepSheet:
    """Everything to take into the next interview, on one page."""
    upcoming = next_interview(interviews, today)
    round_ = round_ahead(interviews, today)
    past = sorted((i for i in interviews if i.on < today), key=lambda i: (i.on, i.id))

    names: dict[str, str] = {}
    for interview in (*past, *([upcoming] if upcoming else [])):
        for name in interview.with_:
            names.setdefault(_key(name), name)
    for record in asked:
        names.setdefault(_key(record.interviewer), record.interviewer)
    at_next = {_key(n) for n in upcoming.with_} if upcoming else set()

    people = []
    for key, name in names.items():
        theirs = tuple(a for a in asked if _key(a.interviewer) == key)
        met = tuple(i for i in past if key in {_key(n) for n in i.with_})
        asked_at = {a.interview_id for a in theirs}
        people.append(
            Interviewer(
                name=name,
                met=met,
                at_next=key in at_next,
                asked=theirs,
                no_questions_at=tuple(i for i in met if i.id not in asked_at),
            )
        )

    by_id = {q.id: q for q in questions}
    values = values_for(app, details)
    ask_again = []
    for qid in dict.fromkeys(a.question_id for a in asked if a.question_id):
        question = by_id.get(qid)
        if question is None or not question.opinion:
            continue
        answered = [a.interviewer for a in asked if a.question_id == qid]
        answered_keys = {_key(n) for n in answered}
        not_yet = tuple(names[k] for k in names if k in at_next and k not in answered_keys)
        if at_next and not not_yet:
            continue  # everyone at the next interview has already given their view
        ask_again.append(
            AskAgain(qid, fill(question, values).text, tuple(dict.fromkeys(answered)), not_yet)
        )

    already = {a.question_id for a in asked if a.question_id}
    fresh = [q for q in select(questions, round_) if q.id not in already]
    chosen: list[FilledQuestion] = []
    per_topic: dict[Topic, int] = {}
    # Within a topic, questions the application can fill come before ones with blanks.
    for filled in sorted((fill(q, values) for q in fresh), key=lambda f: bool(f.blanks)):
        topic = filled.question.topic
        if per_topic.get(topic, 0) < PER_TOPIC_ON_SHEET:
            per_topic[topic] = per_topic.get(topic, 0) + 1
            chosen.append(filled)
    order = list(Topic)
    chosen.sort(key=lambda f: order.index(f.question.topic))

    notices = list(pay_notices(questions))
    if round_.is_early:
        notices.insert(
            0,
            f"{round_.words.capitalize()} is too early to ask about pay or benefits: "
            "keep those questions for the second interview or the offer.",
        )
    return PrepSheet(
        application=app,
        details=details,
        interviews=tuple(interviews),
        next_interview=upcoming,
        round=round_,
        pitch_points=pitch_points(app.pitch),
        interviewers=tuple(people),
        ask_again=tuple(ask_again),
        questions=tuple(chosen),
        closing=CLOSING_QUESTIONS,
        notices=tuple(notices),
    )
