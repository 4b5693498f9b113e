"""What to say: call, voicemail and email drafts for the follow-up that is due.

Pure functions of an application's history, its next window, its saved
articles and ``today``. followup never sends anything; these are drafts for the
user to read out or paste. Where followup does not know something (the user's
own name and number while the settings ``your_name`` and ``your_phone`` are unset, a
missing pitch) the draft shows a visible blank such as ``[your name]`` rather than
leaving the sentence out. The blanks are the template's own: text stored by the user
(a contact named ``[bold]x[/]``) is never read as one.

The advice behind each draft:

- before an interview: one short call the week after applying. Say who you are,
  the role and when you applied, one or two things about you that fit, your name
  and number, and stop. A voicemail says the same in about twenty seconds.
- after an interview: a first follow-up that thanks them, says you are still keen
  and refers to the timing they gave you;
- then a check-in every week and a half to two weeks that restates your
  interest, better still with a link to an industry article worth their time.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from followup.domain.cadence import DEFAULT_CADENCE, Cadence
from followup.domain.dates import business_days_after
from followup.domain.models import Action, Application, History, Interview, Touch, Via, Window
from followup.domain.prep import Article, ScriptStage, ScriptVia
from followup.domain.questions import pitch_points

YOUR_NAME = "[your name]"
YOUR_PHONE = "[your phone number]"
NO_PITCH = "[one or two things about you that fit the role]"
# The setting that fills each of the user's own blanks (docs/settings.md).
FILLED_BY = {YOUR_NAME: "your_name", YOUR_PHONE: "your_phone"}
# Spoken English runs at about 150 words a minute.
WORDS_PER_SECOND = 2.5
VOICEMAIL_SECONDS = 20


@dataclass(frozen=True)
class You:
    """Who the drafts speak for: the settings your_name, your_phone and your_email."""

    name: str | None = None
    phone: str | None = None
    email: str | None = None


class _Blanks:
    """Hands out what the template says about you, and notes each blank it had to leave."""

    def __init__(self, you: You) -> None:
        self._you = you
        self.left: dict[str, None] = {}

    def _value(self, value: str | None, blank: str) -> str:
        if value:
            return value
        self.left[blank] = None
        return blank

    @property
    def name(self) -> str:
        return self._value(self._you.name, YOUR_NAME)

    @property
    def phone(self) -> str:
        return self._value(self._you.phone, YOUR_PHONE)

    def pitch(self) -> str:
        return self._value(None, NO_PITCH)

    def sign_off(self) -> str:
        lines = ["Best regards,", self.name, self.phone]
        if self._you.email:
            lines.append(self._you.email)
        return "\n".join(lines)


@dataclass(frozen=True)
class Draft:
    """A draft to read out or send. ``paragraphs`` are lines to say, or an email's paragraphs."""

    application: Application
    stage: ScriptStage
    via: ScriptVia
    window: Window
    ready: bool
    greeting_name: str | None
    subject: str | None
    paragraphs: tuple[str, ...]
    interview: Interview | None = None
    article: Article | None = None
    notes: tuple[str, ...] = ()
    # Sent by email on the interview day or the next working day: a thank-you note,
    # which the rules never count as a follow-up.
    thank_you: bool = False
    # The visible blanks the template left for the user to fill in, such as 'your name'.
    blanks: tuple[str, ...] = ()

    @property
    def body(self) -> str:
        return ("\n" if self.via.spoken else "\n\n").join(self.paragraphs)

    @property
    def seconds(self) -> int | None:
        """About how long a spoken draft takes to say; None for an email."""
        if not self.via.spoken:
            return None
        return math.ceil(len(self.body.split()) / WORDS_PER_SECOND)

    @property
    def mailto(self) -> str | None:
        """A mailto: link that opens the draft in the user's mail program (RFC 6068); None
        for a spoken draft, or when there is no address on file to write to."""
        if self.via.spoken or not self.application.contact.email:
            return None
        address = quote(self.application.contact.email, safe="@")
        subject = quote(self.subject or "", safe="")
        body = quote(self.body.replace("\n", "\r\n"), safe="")
        return f"mailto:{address}?subject={subject}&body={body}"


# --- which follow-up, and how ----------------------------------------------------------------


def reference_interview(interviews: Sequence[Interview], today: date) -> Interview | None:
    """The interview a follow-up is about: the latest one held, else the next scheduled one."""
    held = [i for i in interviews if i.on <= today]
    if held:
        return max(held, key=lambda i: (i.on, i.id))
    if interviews:
        return min(interviews, key=lambda i: (i.on, i.id))
    return None


def _thank_you_days(interview: Interview, cadence: Cadence) -> tuple[date, date]:
    """The interview day to the last day a thank-you note is still one (rules, rule 5)."""
    last = business_days_after(interview.on, cadence.thank_you_grace_days, cadence.calendar)
    return interview.on, last


def _within(day: date, span: tuple[date, date]) -> bool:
    return span[0] <= day <= span[1]


def is_thank_you(touch: Touch, interview: Interview, cadence: Cadence = DEFAULT_CADENCE) -> bool:
    """An email sent on the interview day or the next working day is a thank-you note."""
    graced = _within(touch.on, _thank_you_days(interview, cadence))
    return not touch.inbound and touch.via is Via.EMAIL and graced


def script_stage(history: History, today: date, cadence: Cadence = DEFAULT_CADENCE) -> ScriptStage:
    """Before any interview, the pre-interview follow-up; after one, the first follow-up
    until anything but a thank-you note has passed between you, then check-ins."""
    interview = reference_interview(history.interviews, today)
    if interview is None:
        return ScriptStage.PRE_INTERVIEW
    since = [
        t
        for t in history.touches
        if t.on >= interview.on and not is_thank_you(t, interview, cadence)
    ]
    return ScriptStage.CHECK_IN if since else ScriptStage.AFTER_INTERVIEW


def default_via(window: Window, app: Application) -> ScriptVia:
    """The window's action; when either will do, email if there is an address to write to."""
    if window.action is Action.CALL:
        return ScriptVia.CALL
    if window.action is Action.EMAIL:
        return ScriptVia.EMAIL
    return ScriptVia.EMAIL if app.contact.email else ScriptVia.CALL


def shared_by(article: Article, touches: Sequence[Touch]) -> Touch | None:
    """The email that shared an article: the first one sent on or after a draft offered it."""
    if article.offered_on is None:
        return None
    offered = article.offered_on
    sent = [t for t in touches if not t.inbound and t.via is Via.EMAIL and t.on >= offered]
    return min(sent, key=lambda t: (t.on, t.id)) if sent else None


def article_to_offer(articles: Sequence[Article], touches: Sequence[Touch]) -> Article | None:
    """The newest saved article not shared yet: news goes stale, and nobody wants one twice."""
    fresh = [a for a in articles if shared_by(a, touches) is None]
    return max(fresh, key=lambda a: (a.added_on, a.id)) if fresh else None


# --- words --------------------------------------------------------------------------------------


def long_day(day: date, today: date) -> str:
    """'Wednesday 18 November', with the year when it is not this year."""
    text = f"{day:%A} {day.day} {day:%B}"
    return text if day.year == today.year else f"{text} {day.year}"


def first_name(name: str | None) -> str | None:
    """What to call someone in a greeting: the first name, or the whole name after a title."""
    if not name:
        return None
    first = name.split()[0]
    return name if first.endswith(".") else first


def _points_sentence(points: Sequence[str], me: _Blanks) -> str:
    if not points:
        return f"One thing I would bring to the role: {me.pitch()}."
    if len(points) == 1:
        return f"One thing I would bring to the role: {points[0]}."
    return f"Two things I would bring to the role: {points[0]}, and {points[1]}."


def _timing_sentence(interview: Interview | None, today: date) -> str:
    if interview is None:
        return "Could you tell me what the next steps are and when you expect to decide?"
    if interview.follow_up_on is not None:
        agreed_on = long_day(interview.follow_up_on, today)
        agreed = f"As we agreed, I am getting in touch around {agreed_on}."
    else:
        agreed = ""
    steps, timeline = interview.next_steps, interview.timeline
    if steps and timeline:
        said = (
            f"When we spoke, you mentioned the next step ({steps}) and the timeline ({timeline})."
        )
    elif steps:
        said = f"When we spoke, you mentioned the next step: {steps}."
    elif timeline:
        said = f"When we spoke, you mentioned the timeline: {timeline}."
    else:
        said = "Could you tell me what the next steps are and when you expect to decide?"
    return f"{agreed} {said}".strip()


def _greeting(name: str | None) -> str:
    return f"Hello {name}," if name else "Hello,"


def _pre_interview(
    app: Application, via: ScriptVia, name: str | None, today: date, me: _Blanks
) -> list[str]:
    applied = long_day(app.applied_on, today)
    points = pitch_points(app.pitch)
    if via is ScriptVia.CALL:
        opener = (
            f"Hello, is that {name}? My name is {me.name}."
            if name
            else f"Hello, my name is {me.name}. May I speak to whoever is hiring for the "
            f"{app.role} role?"
        )
        return [
            opener,
            f"I applied for the {app.role} position on {applied}, and wanted to put a voice "
            "to the application.",
            _points_sentence(points[:2], me),
            f"If you would like to talk, you can reach me on {me.phone}. Thank you for your time.",
        ]
    if via is ScriptVia.VOICEMAIL:
        hello = f"Hello {name}, this" if name else "Hello, this"
        return [
            f"{hello} is {me.name}, calling about the {app.role} position I applied for "
            f"on {long_day(app.applied_on, today)}.",
            _points_sentence(points[:1], me),
            f"My number is {me.phone}; again, that is {me.phone}. Thank you.",
        ]
    return [
        _greeting(name),
        f"I applied for the {app.role} position on {applied} and wanted to introduce myself "
        "briefly, so that there is a person behind the application.",
        _points_sentence(points[:2], me),
        f"If it would help to talk, you can reach me on {me.phone}. Thank you for your time.",
        me.sign_off(),
    ]


def _after_interview(
    app: Application,
    via: ScriptVia,
    name: str | None,
    interview: Interview | None,
    thanked: bool,
    today: date,
    me: _Blanks,
) -> list[str]:
    when = long_day(interview.on, today) if interview else "our interview"
    kind = f"{interview.kind} interview" if interview else "interview"
    timing = _timing_sentence(interview, today)
    if via is ScriptVia.VOICEMAIL:
        hello = f"Hello {name}, this" if name else "Hello, this"
        return [
            f"{hello} is {me.name}; we met on {when} about the {app.role} role.",
            "Thank you again for your time. I am still very keen, and would be glad to hear "
            "about the next step.",
            f"You can reach me on {me.phone}; again, {me.phone}. Thank you.",
        ]
    others = [n for n in (interview.with_ if interview else ()) if first_name(n) != name]
    if thanked:
        opening = f"I am following up on our {kind} on {when} for the {app.role} role."
    else:
        opening = f"Thank you again for meeting me on {when} about the {app.role} role."
        if others:
            opening += f" Please pass my thanks on to {_and(others)} as well."
    interest = "Our conversation made me even keener to join the team."
    if via is ScriptVia.CALL:
        hello = f"Hello {name}, this" if name else "Hello, this"
        # The greeting already says when they met, so the call skips a "following up" opening.
        first = [opening] if not thanked else []
        return [
            f"{hello} is {me.name}; we met on {when} for the {app.role} {kind}.",
            *first,
            interest,
            timing,
            "Thank you; I will not keep you any longer.",
        ]
    return [
        _greeting(name),
        opening,
        interest,
        timing,
        "If there is anything else I can send you in the meantime, please let me know.",
        me.sign_off(),
    ]


def _check_in(
    app: Application, via: ScriptVia, name: str | None, article: Article | None, me: _Blanks
) -> list[str]:
    if via is ScriptVia.VOICEMAIL:
        hello = f"Hello {name}, this" if name else "Hello, this"
        return [
            f"{hello} is {me.name}, checking in about the {app.role} role.",
            "I am still very interested, and would be glad of any news.",
            f"My number is {me.phone}; again, {me.phone}. Thank you.",
        ]
    if via is ScriptVia.CALL:
        hello = f"Hello {name}, this" if name else "Hello, this"
        lines = [
            f"{hello} is {me.name}, checking in about the {app.role} role.",
            "I am still very interested, and wanted to ask whether there is any news.",
        ]
        if article is not None:
            lines.append(
                f"I read something you might find useful ({article.title or article.url}); "
                "may I email you the link?"
            )
        lines.append("Thank you; I will not keep you any longer.")
        return lines
    paragraphs = [
        _greeting(name),
        f"I hope things are going well. I wanted to check in about the {app.role} role, "
        "which I am still very interested in.",
    ]
    if article is not None:
        link = f"{article.title}\n{article.url}" if article.title else article.url
        paragraphs.append(f"I came across this and thought it might interest you:\n{link}")
    paragraphs += ["If I can send you anything else, just let me know.", me.sign_off()]
    return paragraphs


def _and(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _subject(
    stage: ScriptStage, app: Application, interview: Interview | None, thanked: bool, today: date
) -> str:
    if stage is ScriptStage.PRE_INTERVIEW:
        return f"My application for the {app.role} role"
    if stage is ScriptStage.AFTER_INTERVIEW:
        when = f" on {long_day(interview.on, today)}" if interview else ""
        lead = "Following up" if thanked else "Thank you"
        return f"{lead}: {app.role} interview{when}"
    return f"Checking in: {app.role}"


def draft(
    history: History,
    window: Window,
    via: ScriptVia | None,
    articles: Sequence[Article],
    today: date,
    cadence: Cadence = DEFAULT_CADENCE,
    you: You = You(),
) -> Draft:
    """The draft for the follow-up that ``window`` allows, by ``via`` or the window's action."""
    app = history.application
    me = _Blanks(you)
    stage = script_stage(history, today, cadence)
    chosen = via or default_via(window, app)
    interview = (
        None
        if stage is ScriptStage.PRE_INTERVIEW
        else reference_interview(history.interviews, today)
    )
    met = interview.with_[0] if interview and interview.with_ else None
    name = first_name(app.contact.name or met)
    thanked = interview is not None and any(
        is_thank_you(t, interview, cadence) for t in history.touches
    )
    thank_you_now = (
        stage is ScriptStage.AFTER_INTERVIEW
        and chosen is ScriptVia.EMAIL
        and interview is not None
        and not thanked
        and _within(today, _thank_you_days(interview, cadence))
    )
    article = article_to_offer(articles, history.touches) if stage is ScriptStage.CHECK_IN else None

    if stage is ScriptStage.PRE_INTERVIEW:
        paragraphs = _pre_interview(app, chosen, name, today, me)
    elif stage is ScriptStage.AFTER_INTERVIEW:
        paragraphs = _after_interview(app, chosen, name, interview, thanked, today, me)
    else:
        paragraphs = _check_in(app, chosen, name, article, me)

    blanks = tuple(me.left)
    notes = _notes(history, stage, chosen, window, thank_you_now, article, blanks)
    return Draft(
        application=app,
        stage=stage,
        via=chosen,
        window=window,
        ready=today >= window.earliest or thank_you_now,
        greeting_name=name,
        subject=None if chosen.spoken else _subject(stage, app, interview, thanked, today),
        paragraphs=tuple(paragraphs),
        interview=interview,
        article=article if chosen is not ScriptVia.VOICEMAIL else None,
        notes=notes,
        thank_you=thank_you_now,
        blanks=tuple(blank.strip("[]") for blank in blanks),
    )


def no_address_for_mailto(history: History) -> str:
    """Why ``script --mailto`` cannot make a link: there is no address to write to."""
    app = history.application
    add = f"add one with followup edit {app.id} --email ADDRESS"
    other = "call, or " if app.contact.phone and not app.do_not_call else ""
    return f"there is no email on file for application {app.id}: {other}{add}"


def _notes(
    history: History,
    stage: ScriptStage,
    via: ScriptVia,
    window: Window,
    thank_you_now: bool,
    article: Article | None,
    blanks: Sequence[str],
) -> tuple[str, ...]:
    app = history.application
    notes = []

    if thank_you_now:
        notes.append(
            "Sent today or on the next working day, this email is a thank-you note: it does "
            "not use up your first follow-up."
        )
    suggested = default_via(window, app)
    if via.spoken != suggested.spoken:
        notes.append(f"followup suggests {window.action} for this one ({window.reason}).")
    if via.spoken and not app.contact.phone:
        notes.append(
            f"No phone number on file: add one with followup edit {app.id} --phone NUMBER."
        )
    if not via.spoken and not app.contact.email:
        notes.append(
            f"No email address on file: add one with followup edit {app.id} --email ADDRESS."
        )
    if stage is ScriptStage.PRE_INTERVIEW:
        if via is ScriptVia.CALL:
            notes.append(
                "Keep it under a minute and then stop: if you fit, they will call back. "
                f"Voicemail instead? followup script {app.id} --via voicemail"
            )
        if not app.pitch:
            notes.append(f'Add your pitch with followup edit {app.id} --pitch "POINT; POINT".')
    if via is ScriptVia.VOICEMAIL:
        notes.append(
            f"Speak slowly and leave one message, not one a day (aim for about "
            f"{VOICEMAIL_SECONDS} seconds)."
        )
    if stage is ScriptStage.CHECK_IN and article is None and via is not ScriptVia.VOICEMAIL:
        notes.append(
            f"A relevant industry article gives you a reason to write: save one with "
            f"followup article {app.id} URL."
        )
    if via is ScriptVia.CALL and article is not None:
        notes.append(f"The article to offer: {article.url}")
    unset = [FILLED_BY[b] for b in blanks if b in FILLED_BY]
    if unset:
        commands = "; ".join(f'followup config set {key} "..."' for key in unset)
        named = " and ".join(b for b in blanks if b in FILLED_BY)
        notes.append(f"Fill in {named} once, for every draft: {commands}")
    notes.append(
        f"When you have done it, log it: followup log-call {app.id}"
        + ("" if via is ScriptVia.CALL else f" --via {via}")
    )
    return tuple(notes)
