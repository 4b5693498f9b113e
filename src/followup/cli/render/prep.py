"""What the interview commands show: rich text for people, JSON for scripts.

docs/json-prep.md is the JSON contract. Question texts contain visible blanks
such as ``[competitor]``, which rich would read as markup, so every piece of
user or bank text goes through ``Text`` and is never parsed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import groupby
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from followup.cli.render import day, span
from followup.cli.render.text import literal
from followup.domain.drafts import Draft
from followup.domain.guard import Check
from followup.domain.models import Application, Interview, Touch
from followup.domain.prep import (
    Article,
    AskedQuestion,
    FilledQuestion,
    Round,
    ScriptStage,
    ScriptVia,
)
from followup.domain.questions import PLACEHOLDERS, PrepSheet, QuestionSheet

if TYPE_CHECKING:
    # Type names only: rendering works on values and never opens the database.
    from followup.services.prep import ArticleSaved, Recorded, SavedArticle

# --- JSON -------------------------------------------------------------------------------


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _question_json(filled: FilledQuestion) -> dict[str, Any]:
    q = filled.question
    return {
        "id": q.id,
        "topic": q.topic.value,
        "text": filled.text,
        "opinion": q.opinion,
        "kinds": [r.value for r in Round if r in q.rounds],
        "blanks": list(filled.blanks),
        "source": q.source.value,
    }


def _app_brief(app: Application | None) -> dict[str, Any] | None:
    if app is None:
        return None
    return {"id": app.id, "company": app.company, "role": app.role}


def questions_json(sheet: QuestionSheet) -> dict[str, Any]:
    return {
        "application": _app_brief(sheet.application),
        "kind": sheet.round.value,
        "questions": [_question_json(q) for q in sheet.questions],
        "blanks": list(sheet.blanks),
        "notices": list(sheet.notices),
    }


def check_json(check: Check) -> dict[str, Any]:
    return {
        "question": check.text,
        "kind": check.round.value,
        "about": check.about.value if check.about else None,
        "allowed": check.allowed,
        "reason": check.reason,
    }


def _interview_brief(interview: Interview | None) -> dict[str, Any] | None:
    if interview is None:
        return None
    return {
        "id": interview.id,
        "on": _iso(interview.on),
        "kind": interview.kind.value,
        "with": list(interview.with_),
    }


def _asked_json(asked: AskedQuestion, on: date | None) -> dict[str, Any]:
    return {
        "id": asked.id,
        "interview_id": asked.interview_id,
        "on": _iso(on),
        "interviewer": asked.interviewer,
        "question": asked.question,
        "question_id": asked.question_id,
        "answer": asked.answer,
    }


def asked_json(asked: AskedQuestion, on: date | None = None) -> dict[str, Any]:
    """A question asked, with the date of its interview when known."""
    return _asked_json(asked, on)


def recorded_json(recorded: Recorded) -> dict[str, Any]:
    return {
        "asked": _asked_json(recorded.asked, recorded.interview.on),
        "interview": _interview_brief(recorded.interview),
        "check": check_json(recorded.check),
    }


def prep_json(sheet: PrepSheet) -> dict[str, Any]:
    app = sheet.application
    dates = {i.id: i.on for i in sheet.interviews}
    return {
        "application": {
            **(_app_brief(app) or {}),
            "contact": app.contact.name,
            "pitch": app.pitch,
            "competitor": sheet.details.competitor,
            "market_problem": sheet.details.market_problem,
        },
        "next_interview": _interview_brief(sheet.next_interview),
        "kind": sheet.round.value,
        "pitch_points": list(sheet.pitch_points),
        "interviewers": [
            {
                "name": person.name,
                "met": [_interview_brief(i) for i in person.met],
                "at_next": person.at_next,
                "asked": [_asked_json(a, dates.get(a.interview_id)) for a in person.asked],
                "no_questions_at": [i.id for i in person.no_questions_at],
            }
            for person in sheet.interviewers
        ],
        "ask_again": [
            {
                "question_id": again.question_id,
                "question": again.text,
                "asked": list(again.asked),
                "not_yet": list(again.not_yet),
            }
            for again in sheet.ask_again
        ],
        "questions": [_question_json(q) for q in sheet.questions],
        "blanks": list(sheet.blanks),
        "closing": list(sheet.closing),
        "notices": list(sheet.notices),
    }


def _article_json(saved: SavedArticle) -> dict[str, Any]:
    article, touch = saved.article, saved.shared_by
    return {
        "id": article.id,
        "application_id": article.application_id,
        "url": article.url,
        "title": article.title,
        "added_on": _iso(article.added_on),
        "offered_on": _iso(article.offered_on),
        "shared_on": _iso(touch.on) if touch else None,
        "shared_touch_id": touch.id if touch else None,
    }


def saved_article_json(article: Article) -> dict[str, Any]:
    """An article on its own, without the email that shared it."""
    return {
        "id": article.id,
        "application_id": article.application_id,
        "url": article.url,
        "title": article.title,
        "added_on": _iso(article.added_on),
        "offered_on": _iso(article.offered_on),
    }


def article_json(saved: ArticleSaved) -> dict[str, Any]:
    return _article_json(saved.saved) | {"created": saved.created}


def articles_json(saved: list[SavedArticle]) -> list[dict[str, Any]]:
    return [_article_json(s) for s in saved]


def script_json(draft: Draft) -> dict[str, Any]:
    app = draft.application
    window = draft.window
    article = draft.article
    return {
        "id": app.id,
        "company": app.company,
        "role": app.role,
        "stage": draft.stage.value,
        "via": draft.via.value,
        "window": {
            "earliest": _iso(window.earliest),
            "latest": _iso(window.latest),
            "action": window.action.value,
            "reason": window.reason,
        },
        "ready": draft.ready,
        "thank_you": draft.thank_you,
        "to": {
            "name": app.contact.name,
            "phone": app.contact.phone,
            "email": app.contact.email,
        },
        "subject": draft.subject,
        "body": draft.body,
        "seconds": draft.seconds,
        "blanks": list(draft.blanks),
        "article": None
        if article is None
        else {"id": article.id, "url": article.url, "title": article.title},
        "mailto": draft.mailto,
        "notes": list(draft.notes),
    }


# --- people -----------------------------------------------------------------------------

OPINION_MARK = "*"


def _fill_hint(app: Application | None, blanks: tuple[str, ...]) -> Text | None:
    if not blanks:
        return None
    if app is None:
        return literal(
            "Blanks such as [company] are filled in when you name an application: "
            "followup questions APP_ID"
        )
    options = " ".join(
        f"--{b.replace('_', '-')} {PLACEHOLDERS[b].upper().replace(' ', '_')}"
        for b in blanks
        if b not in ("company", "role")
    )
    return literal(f"Fill in the blanks: followup edit {app.id} {options}")


def _question_grid(questions: Sequence[FilledQuestion], id_width: int) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, width=id_width)
    grid.add_column()
    for filled in questions:
        mark = f" {OPINION_MARK}" if filled.question.opinion else ""
        grid.add_row(literal(f"  {filled.id}{mark}"), literal(filled.text))
    return grid


def _id_width(questions: Sequence[FilledQuestion]) -> int:
    return max((len(q.id) + 4 for q in questions), default=4)


def print_questions(console: Console, sheet: QuestionSheet) -> None:
    app = sheet.application
    where = f" at {app.company} ({app.role})" if app else ""
    console.print(literal(f"Questions for {sheet.round.words}{where}", style="bold"))
    console.print(
        literal(
            f"{OPINION_MARK} asks for an opinion: worth asking every interviewer, "
            "each answer adds a view."
        )
    )
    width = _id_width(sheet.questions)
    for topic, group in groupby(sheet.questions, key=lambda q: q.question.topic):
        console.print(literal(topic.label, style="bold"))
        console.print(_question_grid(list(group), width))
    if not sheet.questions:
        console.print(literal("No questions in the bank suit this round."))
    hint = _fill_hint(app, sheet.blanks)
    if hint is not None:
        console.print(hint)
    for notice in sheet.notices:
        console.print(literal(f"Note: {notice}"))
    if app is not None:
        console.print(
            literal(
                f"After the interview, record what you asked: followup asked {app.id} ID --to NAME"
            )
        )


def print_check(console: Console, check: Check) -> None:
    # One line, never wrapped: scripts may grep the verdict as well as test the exit code.
    console.print(literal(f"{check.reason[0].upper()}{check.reason[1:]}."), soft_wrap=True)


def recorded_warning(recorded: Recorded) -> Text | None:
    """The loud part of `asked`: a pay question was asked too early."""
    if recorded.check.allowed:
        return None
    about = recorded.check.about.words if recorded.check.about else "pay"
    return literal(
        f"Warning: that question asks about {about} "
        f"at {recorded.check.round.words}. Next time keep it for the second interview or later.",
        style="bold red",
    )


def print_recorded(console: Console, recorded: Recorded, today: date) -> None:
    interview = recorded.interview
    asked = recorded.asked
    console.print(
        literal(
            f"Recorded: you asked {asked.interviewer} at the {interview.kind} interview on "
            f"{day(interview.on, today)} (question {asked.id})."
        )
    )
    _line(console, 2, f'"{asked.question}"')
    if asked.answer:
        _line(console, 2, f"They said: {asked.answer}")
    if recorded.matched is not None and recorded.matched.question.opinion:
        _line(
            console,
            2,
            "An opinion question: worth asking the other interviewers too "
            f"(followup prep {interview.application_id} shows who has not answered it).",
        )


def _line(console: Console, indent: int, text: str, marker: str = "") -> None:
    """One line of a sheet; when it wraps, the rest lines up under its first word."""
    grid = Table.grid()
    grid.add_column(no_wrap=True, width=indent + len(marker))
    grid.add_column()
    grid.add_row(literal(" " * indent + marker), literal(text))
    console.print(grid)


def _heading(console: Console, title: str) -> None:
    console.print()
    console.print(literal(title, "bold"))


def _met_words(person_met: tuple[Interview, ...], today: date) -> str:
    return "; ".join(f"{i.kind} interview, {day(i.on, today)}" for i in person_met)


def print_prep(console: Console, sheet: PrepSheet, today: date) -> None:
    app = sheet.application
    console.print(literal(f"Prep sheet: #{app.id} {app.company} - {app.role}", style="bold"))
    upcoming = sheet.next_interview
    if app.closed_on is not None:
        console.print(
            literal(
                f"Next: nothing to prepare: this application was closed ({app.outcome}) on "
                f"{day(app.closed_on, today)}. "
                f"Invited again? followup interview {app.id} --on DATE"
            ),
            soft_wrap=True,
        )
    elif upcoming is not None:
        who = f" with {', '.join(upcoming.with_)}" if upcoming.with_ else ""
        console.print(literal(f"Next: {upcoming.kind} interview on {day(upcoming.on, today)}{who}"))
    else:
        console.print(
            literal(
                f"Next: no interview scheduled; preparing for {sheet.round.words}. "
                f"Once it is booked: followup interview {app.id} --on DATE --with NAME"
            )
        )
    for label, value in (
        ("Contact", app.contact.name),
        ("Competitor", sheet.details.competitor),
        ("Market problem", sheet.details.market_problem),
    ):
        if value:
            console.print(literal(f"{label}: {value}"))

    _heading(console, "Your pitch")
    if sheet.pitch_points:
        for point in sheet.pitch_points:
            _line(console, 2, point, "- ")
    else:
        console.print(literal(f'  none yet: followup edit {app.id} --pitch "POINT; POINT"'))

    if sheet.interviewers:
        _heading(console, "Interviewers")
        for person in sheet.interviewers:
            when = [_met_words(person.met, today)] if person.met else []
            if person.at_next:
                when.append("at the next interview")
            _line(console, 2, f"{person.name} ({'; '.join(when)})")
            for asked in person.asked:
                _line(console, 4, f'asked: "{asked.question}"', "- ")
                if asked.answer:
                    _line(console, 6, f"they said: {asked.answer}")
            for interview in person.no_questions_at:
                _line(
                    console,
                    4,
                    f"no questions recorded at the {interview.kind} interview on "
                    f"{day(interview.on, today)}: ask them at least one next time",
                    "- ",
                )

    if sheet.ask_again:
        _heading(console, "Ask again, for a second opinion")
        for again in sheet.ask_again:
            _line(console, 2, f'"{again.text}"', "- ")
            not_yet = ", ".join(again.not_yet) if again.not_yet else "whoever you meet next"
            _line(console, 4, f"answered by {', '.join(again.asked)}; now ask {not_yet}")

    _heading(console, f"Questions for {sheet.round.words}")
    if sheet.questions:
        console.print(_question_grid(sheet.questions, _id_width(sheet.questions)))
    console.print(
        literal(
            f"  ({OPINION_MARK} opinion: ask everyone. All of them: followup questions {app.id})"
        )
    )
    hint = _fill_hint(app, sheet.blanks)
    if hint is not None:
        console.print(literal(f"  {hint.plain}"))

    _heading(console, sheet.closing_heading)
    for n, question in enumerate(sheet.closing, 1):
        _line(console, 2, question, f"{n}. ")
    console.print()
    console.print(
        literal(f"Afterwards, record who you asked what: followup asked {app.id} ID --to NAME")
    )
    if sheet.notices:
        console.print(literal(""))
    for notice in sheet.notices:
        console.print(literal(f"Note: {notice}"))


_STAGE_WORDS = {
    ScriptStage.PRE_INTERVIEW: "Pre-interview follow-up",
    ScriptStage.AFTER_INTERVIEW: "First follow-up after the interview",
    ScriptStage.CHECK_IN: "Check-in",
}


def print_script(console: Console, draft: Draft, today: date) -> None:
    app = draft.application
    length = f", about {draft.seconds} seconds" if draft.seconds is not None else ""
    console.print(
        literal(
            f"{_STAGE_WORDS[draft.stage]} by {draft.via}{length}: "
            f"#{app.id} {app.company} - {app.role}",
            style="bold",
        )
    )
    when = span(draft.window, today)
    if draft.thank_you:
        console.print(
            literal(
                "When: today or the next working day, as a thank-you note "
                f"(the first follow-up comes {when})"
            )
        )
    elif draft.ready:
        console.print(literal(f"When: {when} ({draft.window.reason})"))
    else:
        console.print(
            literal(
                f"Not yet: {when} ({draft.window.reason}). Keep this draft for then.",
                style="bold yellow",
            )
        )
    contact = app.contact
    if draft.via is ScriptVia.EMAIL:
        to = " ".join(
            part for part in (contact.name, f"<{contact.email}>" if contact.email else None) if part
        )
        console.print(literal(f"To: {to}".rstrip()))
        console.print(literal(f"Subject: {draft.subject}"))
    elif contact.phone or contact.name:
        console.print(literal(f"Call: {' '.join(x for x in (contact.name, contact.phone) if x)}"))
    console.print(literal(""))
    for paragraph in draft.paragraphs:
        # A sign-off is one paragraph of several lines: its line breaks are the draft's.
        console.print(literal(paragraph, lines=True))
        if not draft.via.spoken:
            console.print(literal(""))
    if draft.via.spoken:
        console.print(literal(""))
    if draft.blanks:
        console.print(literal(f"Fill in: {', '.join(draft.blanks)}"))
    for note in draft.notes:
        _line(console, 0, note, "- ")


def print_article(console: Console, saved: ArticleSaved, app_id: int) -> None:
    article = saved.saved.article
    name = f"{article.title} ({article.url})" if article.title else article.url
    verb = "Saved" if saved.created else "Already saved"
    console.print(literal(f"{verb} article {article.id} on application {app_id}: {name}"))
    if saved.saved.shared_by is not None:
        touch = saved.saved.shared_by
        console.print(literal(f"Shared in your email of {touch.on} (touch {touch.id})."))
    else:
        console.print(
            literal(f"Your next check-in email offers it: followup script {app_id} --via email")
        )


def print_articles(console: Console, saved: list[SavedArticle], app_id: int, today: date) -> None:
    if not saved:
        hint = f"No articles saved yet. Save one with: followup article {app_id} URL"
        console.print(literal(hint))
        return
    table = Table(show_edge=False)
    for column in ("ID", "Added", "Article", "Shared"):
        table.add_column(column)
    for entry in saved:
        article = entry.article
        shared: Touch | None = entry.shared_by
        table.add_row(
            str(article.id),
            day(article.added_on, today),
            # Two fields on two lines: the line break is ours, not the title's.
            Text("\n").join([literal(article.title), literal(article.url)])
            if article.title
            else literal(article.url),
            f"{day(shared.on, today)} (touch {shared.id})" if shared else "not yet",
        )
    console.print(table)
