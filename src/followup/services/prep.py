"""Use cases for the interview itself: questions, the prep sheet, scripts and articles.

The same pattern as ``services``: one function per command, one transaction
each, ``today`` passed in, domain values returned for the CLI to render. The
question banks are read before the database is opened, so that a broken
questions file is reported without touching anything.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from datetime import date

from followup.domain import drafts, limits, quiet, rules
from followup.domain.drafts import Draft
from followup.domain.guard import Check, check_question
from followup.domain.history import Change
from followup.domain.models import Action, ApplicationView, Interview, Touch
from followup.domain.prep import (
    Article,
    AskedQuestion,
    Details,
    FilledQuestion,
    Round,
    ScriptVia,
)
from followup.domain.questions import (
    PLACEHOLDERS,
    PrepSheet,
    QuestionSheet,
    build_prep_sheet,
    build_question_sheet,
    find_question,
    interviewer_matches,
    pay_topic,
    round_ahead,
    values_for,
)
from followup.errors import BadInput, NotFound, Refused
from followup.formats import question_bank as bank
from followup.services.profile_settings import in_force
from followup.settings import DEFAULTS, Settings
from followup.storage.engine import transaction
from followup.storage.prep import PrepStore


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def questions(db: str, today: date, app_id: int | None, round_: Round | None) -> QuestionSheet:
    """The bank's questions for a round: the application's next one unless one is named."""
    known = bank.all_questions()
    if app_id is None:
        return build_question_sheet(None, Details(), known, round_ or Round.FIRST)
    with transaction(db, write=False) as store:
        history = store.history(app_id)
        details = PrepStore(store).details(app_id)
    chosen = round_ or round_ahead(history.interviews, today)
    return build_question_sheet(history.application, details, known, chosen)


def check(db: str, today: date, text: str, app_id: int | None, round_: Round | None) -> Check:
    """The salary and benefits guard on one question, for a round or the application's next."""
    question = _text(text)
    if question is None:
        raise BadInput("the question to check is empty")
    if round_ is None and app_id is not None:
        with transaction(db, write=False) as store:
            round_ = round_ahead(store.history(app_id).interviews, today)
    return check_question(question, round_ or Round.FIRST)


@dataclass(frozen=True)
class Recorded:
    """A question just recorded, the interview it was asked at, and the guard's view of it."""

    asked: AskedQuestion
    interview: Interview
    check: Check
    matched: FilledQuestion | None


def _interview_for(
    interviews: tuple[Interview, ...], app_id: int, wanted: int | None, today: date
) -> Interview:
    if wanted is not None:
        matches = [i for i in interviews if i.id == wanted]
        if not matches:
            raise NotFound(f"application {app_id} has no interview with id {wanted}")
        chosen = matches[0]
        if chosen.on > today:
            raise Refused(
                f"the {chosen.kind} interview on {chosen.on} has not happened yet; "
                "record questions once you have asked them"
            )
        return chosen
    held = [i for i in interviews if i.on <= today]
    if not held:
        raise Refused(
            f"application {app_id} has no interview that has happened yet; "
            "record questions once you have asked them"
        )
    return max(held, key=lambda i: (i.on, i.id))


def _interviewer(name: str, interview: Interview, app_id: int) -> str:
    where = f"the {interview.kind} interview on {interview.on}"
    if not interview.with_:
        raise Refused(
            f"no interviewers are recorded for {where}; "
            f'add them with followup debrief {app_id} --with "{name}"'
        )
    found = interviewer_matches(name, interview.with_)
    if len(found) == 1:
        return found[0]
    if found:
        raise Refused(f"{name!r} could be {' or '.join(found)}; give the full name")
    close = difflib.get_close_matches(name, interview.with_, n=1, cutoff=0.6)
    if close:
        # A typo should not lead anyone to record a person who was not there.
        raise Refused(f"{name} is not among the interviewers of {where}; did you mean {close[0]}?")
    raise Refused(
        f"{name} is not among the interviewers of {where} ({', '.join(interview.with_)}); "
        f'add them with followup debrief {app_id} --with "{name}"'
    )


def record_asked(
    db: str,
    today: date,
    app_id: int,
    question: str,
    to: str,
    answer: str | None = None,
    interview_id: int | None = None,
) -> Recorded:
    """Record a question asked to one interviewer of the latest interview held (or the one named).

    It is recorded whatever it asked; a pay question at an early round comes back
    with the guard's verdict so that the CLI can warn.
    """
    typed = limits.check_text(_text(question), "the question", limits.QUESTION)
    if typed is None:
        raise BadInput("the question cannot be empty")
    person = limits.check_text(_text(to), "the interviewer's name", limits.NAME)
    if person is None:
        raise BadInput("--to needs the interviewer's name")
    answer = limits.check_text(_text(answer), "the answer", limits.LONG)
    known = bank.all_questions()
    with transaction(db) as store:
        history = store.history(app_id)
        interview = _interview_for(history.interviews, app_id, interview_id, today)
        name = _interviewer(person, interview, app_id)
        prep = PrepStore(store)
        matched = find_question(typed, known, values_for(history.application, prep.details(app_id)))
        if matched is not None and matched.blanks:
            flags = " ".join(f"--{b.replace('_', '-')} ..." for b in matched.blanks)
            missing = ", ".join(PLACEHOLDERS[b] for b in matched.blanks)
            raise BadInput(
                f"question {matched.id!r} still has a blank ({missing}); "
                f"fill it with followup edit {app_id} {flags}, or type the question as you asked it"
            )
        text = matched.text if matched is not None else typed
        for earlier in prep.asked(app_id):
            if (earlier.interview_id, earlier.interviewer, earlier.question) == (
                interview.id,
                name,
                text,
            ):
                raise Refused(
                    f"you already recorded asking {name} this at the interview on "
                    f"{interview.on} (asked id {earlier.id})"
                )
        asked = AskedQuestion(
            id=0,
            interview_id=interview.id,
            interviewer=name,
            question=text,
            question_id=matched.id if matched is not None else None,
            answer=answer,
            logged_on=today,
        )
        asked = replace(asked, id=prep.add_asked(asked))
        store.journal.describe(
            Change("asked", app_id, history.application.company, f"question to {name}")
        )
    about = pay_topic(matched.question) if matched is not None else None
    verdict = check_question(text, Round.of(interview.kind), about=about)
    return Recorded(asked, interview, verdict, matched)


def prep_sheet(db: str, today: date, app_id: int) -> PrepSheet:
    """The one-page sheet for the application's next interview."""
    known = bank.all_questions()
    with transaction(db, write=False) as store:
        history = store.history(app_id)
        prep = PrepStore(store)
        details = prep.details(app_id)
        asked = prep.asked(app_id)
    return build_prep_sheet(history.application, history.interviews, details, asked, known, today)


def script(
    db: str,
    today: date,
    app_id: int,
    via: ScriptVia | None,
    *,
    settings: Settings = DEFAULTS,
    mailto: bool = False,
) -> Draft:
    """A draft for the follow-up the rules allow next (``mailto``: as an email to open,
    refused when there is no address to write to).

    When a ready check-in email offers a saved article, the day is remembered: the
    next email logged to them on or after it is taken to have shared the article,
    so it is not offered again.
    """
    with transaction(db) as store:
        cadence = in_force(store, settings, record=False).cadence
        history = store.history(app_id)
        assessment = rules.assess(history, today, cadence)
        window = assessment.next_contact
        if window is None:
            raise Refused(f"nothing to draft for application {app_id}: {assessment.waiting}")
        if window.action is Action.CLOSE:
            raise Refused(
                f"nothing to draft for application {app_id}: {window.reason} "
                f"(from {window.earliest}: {quiet.close_command(app_id)})"
            )
        if mailto and not history.application.contact.email:
            raise Refused(drafts.no_address_for_mailto(history))
        prep = PrepStore(store)
        you = drafts.You(settings.your_name, settings.your_phone, settings.your_email)
        draft = drafts.draft(history, window, via, prep.articles(app_id), today, cadence, you)
        article = draft.article
        if (
            article is not None
            and article.offered_on is None
            and draft.ready
            and not draft.via.spoken
        ):
            prep.mark_offered(article.id, today)
            store.journal.describe(
                Change("script", app_id, history.application.company, "article offered on", today)
            )
            draft = replace(draft, article=replace(article, offered_on=today))
    return draft


@dataclass(frozen=True)
class SavedArticle:
    """An article on an application, and the email that shared it, if one has."""

    article: Article
    shared_by: Touch | None


@dataclass(frozen=True)
class ArticleSaved:
    saved: SavedArticle
    created: bool


def save_article(db: str, today: date, app_id: int, url: str, title: str | None) -> ArticleSaved:
    """Save an industry article to share in a check-in; saving it again updates its title."""
    link = url.strip()
    limits.check_text(link, "the link", limits.URL)
    problem = limits.web_address_problem(link)
    if problem is not None:
        raise BadInput(problem)
    name = limits.check_text(_text(title), "the title", limits.TITLE)
    with transaction(db) as store:
        history = store.history(app_id)
        prep = PrepStore(store)
        existing = [a for a in prep.articles(app_id) if a.url == link]
        if existing:
            article = existing[0]
            if name is not None and name != article.title:
                prep.set_article_title(article.id, name)
                store.journal.describe(
                    Change("article", app_id, history.application.company, f"title of {link}")
                )
                article = replace(article, title=name)
            return ArticleSaved(
                SavedArticle(article, drafts.shared_by(article, history.touches)), False
            )
        article = Article(0, app_id, link, name, today)
        article = replace(article, id=prep.add_article(article))
        store.journal.describe(Change("article", app_id, history.application.company, link))
        return ArticleSaved(SavedArticle(article, None), True)


def articles(db: str, app_id: int) -> list[SavedArticle]:
    with transaction(db, write=False) as store:
        history = store.history(app_id)
        saved = PrepStore(store).articles(app_id)
    return [SavedArticle(a, drafts.shared_by(a, history.touches)) for a in saved]


def set_details(store_prep: PrepStore, app_id: int, details: dict[str, str | None]) -> None:
    """Record the details questions use (None leaves one as it is, blank text clears it).

    Called by ``services.edit_application`` inside its own transaction.
    """
    for key, value in details.items():
        if value is not None:
            what = f"the {key.replace('_', ' ')}"
            store_prep.set_detail(app_id, key, limits.check_text(_text(value), what, limits.DETAIL))


def delete_asked(db: str, asked_id: int) -> AskedQuestion:
    """Forget a question recorded by mistake."""
    with transaction(db) as store:
        prep = PrepStore(store)
        _, app_id = prep.asked_by_id(asked_id)
        company = store.history(app_id).application.company
        gone = prep.delete_asked(asked_id)
        store.journal.describe(
            Change("delete-asked", app_id, company, f"question to {gone.interviewer}")
        )
        return gone


def delete_article(db: str, article_id: int) -> Article:
    """Remove a saved article."""
    with transaction(db) as store:
        prep = PrepStore(store)
        app_id = prep.article_owner(article_id)
        company = store.history(app_id).application.company
        gone = prep.delete_article(article_id)
        store.journal.describe(Change("delete-article", app_id, company, gone.url))
        return gone


@dataclass(frozen=True)
class Everything:
    """An application with the questions asked at its interviews and its saved articles."""

    view: ApplicationView
    asked: tuple[AskedQuestion, ...]
    articles: tuple[SavedArticle, ...]


def show_everything(
    db: str, today: date, app_id: int, *, settings: Settings = DEFAULTS
) -> Everything:
    """What ``followup show --json`` prints, read in one transaction."""
    with transaction(db, write=False) as store:
        cadence = in_force(store, settings, record=False).cadence
        history = store.history(app_id)
        prep = PrepStore(store)
        asked = prep.asked(app_id)
        saved = prep.articles(app_id)
    view = ApplicationView(history, rules.assess(history, today, cadence))
    shared = tuple(SavedArticle(a, drafts.shared_by(a, history.touches)) for a in saved)
    return Everything(view, tuple(asked), shared)
