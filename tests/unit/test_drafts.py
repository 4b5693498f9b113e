"""Call, voicemail and email drafts: pure functions of the history, the window and today."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.domain.drafts import (
    VOICEMAIL_SECONDS,
    Draft,
    article_to_offer,
    default_via,
    draft,
    script_stage,
    shared_by,
)
from followup.domain.models import (
    Action,
    Application,
    Contact,
    History,
    Interview,
    InterviewKind,
    Touch,
    Via,
    Window,
)
from followup.domain.prep import Article, ScriptStage, ScriptVia
from followup.domain.rules import assess
from tests.unit.test_rules_properties import histories, todays

APPLIED = date(2026, 11, 18)  # a Wednesday
ACME = Application(
    id=1,
    company="Acme",
    role="Data Analyst",
    applied_on=APPLIED,
    contact=Contact("Jane Doe", "+1 555 0100", "jane.doe@acme.example"),
    pitch="five years of SQL reporting; the sales dashboards I built at Hooli; a third point",
)
WINDOW = Window(date(2026, 11, 23), date(2026, 11, 27), Action.CALL, "one follow-up")
INTERVIEW = Interview(
    1, 1, date(2026, 12, 1), date(2026, 11, 26), InterviewKind.FIRST, ("Jane Doe", "Raj Patel")
)


def touch(n: int, on: date, via: Via = Via.EMAIL, *, inbound: bool = False) -> Touch:
    return Touch(n, 1, on, via, inbound)


def history(*events: Touch | Interview, app: Application = ACME) -> History:
    return History(
        app,
        tuple(e for e in events if isinstance(e, Touch)),
        tuple(e for e in events if isinstance(e, Interview)),
    )


def write(
    hist: History,
    today: date,
    via: ScriptVia | None = None,
    window: Window = WINDOW,
    articles: tuple[Article, ...] = (),
) -> Draft:
    return draft(hist, window, via, articles, today)


# --- which follow-up is next ------------------------------------------------------------------

D = date


@pytest.mark.parametrize(
    ("events", "today", "stage"),
    [
        pytest.param((), D(2026, 11, 24), ScriptStage.PRE_INTERVIEW, id="no interview yet"),
        pytest.param(
            (touch(1, D(2026, 11, 24), Via.CALL),),
            D(2026, 11, 26),
            ScriptStage.PRE_INTERVIEW,
            id="after the pre-interview call, still before any interview",
        ),
        pytest.param((INTERVIEW,), D(2026, 12, 7), ScriptStage.AFTER_INTERVIEW, id="interviewed"),
        pytest.param(
            (INTERVIEW, touch(1, D(2026, 12, 1))),
            D(2026, 12, 7),
            ScriptStage.AFTER_INTERVIEW,
            id="a thank-you email on the day does not count",
        ),
        pytest.param(
            (INTERVIEW, touch(1, D(2026, 12, 2))),
            D(2026, 12, 7),
            ScriptStage.AFTER_INTERVIEW,
            id="nor one on the next working day",
        ),
        pytest.param(
            (INTERVIEW, touch(1, D(2026, 12, 3))),
            D(2026, 12, 14),
            ScriptStage.CHECK_IN,
            id="an email two days later was the first follow-up",
        ),
        pytest.param(
            (INTERVIEW, touch(1, D(2026, 12, 1), Via.CALL)),
            D(2026, 12, 14),
            ScriptStage.CHECK_IN,
            id="a call on the day is not a thank-you note",
        ),
        pytest.param(
            (INTERVIEW, touch(1, D(2026, 12, 4), inbound=True)),
            D(2026, 12, 14),
            ScriptStage.CHECK_IN,
            id="they got in touch after the interview",
        ),
        pytest.param(
            (
                Interview(1, 1, D(2026, 12, 4), D(2026, 12, 4)),
                touch(1, D(2026, 12, 7)),
            ),
            D(2026, 12, 10),
            ScriptStage.AFTER_INTERVIEW,
            id="friday interview, thank-you on monday",
        ),
        pytest.param(
            (INTERVIEW, touch(1, D(2026, 11, 27), Via.CALL)),
            D(2026, 11, 30),
            ScriptStage.AFTER_INTERVIEW,
            id="a scheduled interview: touches before it do not count",
        ),
        pytest.param(
            (
                INTERVIEW,
                touch(1, D(2026, 12, 7)),
                Interview(2, 1, D(2026, 12, 8), D(2026, 12, 7), InterviewKind.SECOND),
            ),
            D(2026, 12, 14),
            ScriptStage.AFTER_INTERVIEW,
            id="a new interview starts again",
        ),
    ],
)
def test_the_draft_is_for_the_follow_up_that_comes_next(
    events: tuple[Touch | Interview, ...], today: date, stage: ScriptStage
) -> None:
    assert script_stage(history(*events), today) is stage


@pytest.mark.parametrize(
    ("action", "email", "via"),
    [
        (Action.CALL, "a@b.example", ScriptVia.CALL),
        (Action.EMAIL, None, ScriptVia.EMAIL),
        (Action.CALL_OR_EMAIL, "a@b.example", ScriptVia.EMAIL),
        (Action.CALL_OR_EMAIL, None, ScriptVia.CALL),
    ],
)
def test_without_via_the_draft_follows_the_windows_action(
    action: Action, email: str | None, via: ScriptVia
) -> None:
    app = Application(1, "Acme", "Analyst", APPLIED, Contact("Jo", "555", email))

    assert default_via(Window(APPLIED, APPLIED, action, "r"), app) is via


# --- before the interview -------------------------------------------------------------------


def test_the_pre_interview_call_says_who_the_role_when_two_points_and_the_number() -> None:
    call = write(history(), D(2026, 11, 24))

    assert (call.stage, call.via, call.subject) == (ScriptStage.PRE_INTERVIEW, ScriptVia.CALL, None)
    assert call.paragraphs == (
        "Hello, is that Jane? My name is [your name].",
        "I applied for the Data Analyst position on Wednesday 18 November, and wanted to put a "
        "voice to the application.",
        "Two things I would bring to the role: five years of SQL reporting, and the sales "
        "dashboards I built at Hooli.",
        "If you would like to talk, you can reach me on [your phone number]. "
        "Thank you for your time.",
    )
    assert call.blanks == ("your name", "your phone number")
    assert call.ready
    assert call.seconds is not None
    assert call.seconds <= 60
    assert call.mailto is None


def test_the_voicemail_takes_about_twenty_seconds_and_gives_the_number_twice() -> None:
    message = write(history(), D(2026, 11, 24), ScriptVia.VOICEMAIL)

    assert message.body.count("[your phone number]") == 2
    assert "Data Analyst" in message.body
    assert "Wednesday 18 November" in message.body
    assert "five years of SQL reporting" in message.body
    assert "sales dashboards" not in message.body  # one point: it has to be short
    assert message.seconds is not None
    assert VOICEMAIL_SECONDS - 5 <= message.seconds <= VOICEMAIL_SECONDS + 5


def test_the_pre_interview_email_has_a_subject_and_the_same_facts() -> None:
    email = write(history(), D(2026, 11, 24), ScriptVia.EMAIL)

    assert email.subject == "My application for the Data Analyst role"
    assert email.paragraphs[0] == "Hello Jane,"
    assert "on Wednesday 18 November" in email.body
    assert "five years of SQL reporting, and the sales dashboards" in email.body
    assert email.paragraphs[-1] == "Best regards,\n[your name]\n[your phone number]"
    assert "followup suggests call for this one (one follow-up)." in email.notes


def test_without_a_pitch_the_draft_leaves_a_visible_blank_and_says_how_to_fill_it() -> None:
    app = Application(1, "Acme", "Data Analyst", APPLIED, Contact(None, "555", None))

    call = write(history(app=app), D(2026, 11, 24))

    assert call.paragraphs[0] == (
        "Hello, my name is [your name]. May I speak to whoever is hiring for the Data Analyst role?"
    )
    assert (
        "One thing I would bring to the role: [one or two things about you that fit the role]."
        in (call.paragraphs)
    )
    assert 'Add your pitch with followup edit 1 --pitch "POINT; POINT".' in call.notes


def test_a_draft_for_a_missing_channel_says_what_to_add() -> None:
    app = Application(1, "Acme", "Analyst", APPLIED, Contact("Jo", None, None))

    assert "No email address on file: add one with followup edit 1 --email ADDRESS." in (
        write(history(app=app), D(2026, 11, 24), ScriptVia.EMAIL).notes
    )
    assert "No phone number on file: add one with followup edit 1 --phone NUMBER." in (
        write(history(app=app), D(2026, 11, 24), ScriptVia.VOICEMAIL).notes
    )


def test_a_draft_before_its_window_is_not_ready() -> None:
    assert not write(history(), D(2026, 11, 20)).ready


# --- after the interview --------------------------------------------------------------------

CHECK_IN_WINDOW = Window(D(2026, 12, 7), D(2026, 12, 11), Action.EMAIL, "first check-in")


def test_the_first_follow_up_thanks_them_restates_interest_and_names_the_agreed_timing() -> None:
    learned = Interview(
        1,
        1,
        D(2026, 12, 1),
        D(2026, 11, 26),
        InterviewKind.FIRST,
        ("Raj Patel", "Jane Doe", "Lee Wong"),
        next_steps="a panel with the team",
        timeline="by 18 December",
        follow_up_on=D(2026, 12, 8),
    )

    email = write(history(learned), D(2026, 12, 8), window=CHECK_IN_WINDOW)

    assert email.stage is ScriptStage.AFTER_INTERVIEW
    assert email.subject == "Thank you: Data Analyst interview on Tuesday 1 December"
    assert email.paragraphs[:4] == (
        "Hello Jane,",
        "Thank you again for meeting me on Tuesday 1 December about the Data Analyst role. "
        "Please pass my thanks on to Raj Patel and Lee Wong as well.",
        "Our conversation made me even keener to join the team.",
        "As we agreed, I am getting in touch around Tuesday 8 December. When we spoke, you "
        "mentioned the next step (a panel with the team) and the timeline (by 18 December).",
    )


def test_without_next_steps_the_first_follow_up_asks_for_them() -> None:
    email = write(history(INTERVIEW), D(2026, 12, 7), window=CHECK_IN_WINDOW)

    assert "Could you tell me what the next steps are and when you expect to decide?" in (
        email.paragraphs
    )


def test_after_a_thank_you_note_the_first_follow_up_does_not_thank_them_twice() -> None:
    email = write(
        history(INTERVIEW, touch(1, D(2026, 12, 1))), D(2026, 12, 7), window=CHECK_IN_WINDOW
    )

    assert email.subject == "Following up: Data Analyst interview on Tuesday 1 December"
    assert email.paragraphs[1] == (
        "I am following up on our first interview on Tuesday 1 December for the Data Analyst role."
    )


def test_on_the_interview_day_the_email_is_a_thank_you_note_and_ready_to_send() -> None:
    email = write(history(INTERVIEW), D(2026, 12, 1), window=CHECK_IN_WINDOW)
    call = write(history(INTERVIEW), D(2026, 12, 1), ScriptVia.CALL, window=CHECK_IN_WINDOW)

    assert email.ready
    assert email.notes[0] == (
        "Sent today or on the next working day, this email is a thank-you note: it does not use "
        "up your first follow-up."
    )
    assert not call.ready


def test_without_a_contact_the_draft_greets_the_first_interviewer() -> None:
    app = Application(1, "Acme", "Data Analyst", APPLIED, Contact(None, None, "hr@acme.example"))

    email = write(history(INTERVIEW, app=app), D(2026, 12, 7), window=CHECK_IN_WINDOW)

    assert email.greeting_name == "Jane"
    assert "Please pass my thanks on to Raj Patel as well." in email.paragraphs[1]


def test_a_title_keeps_the_whole_name_in_the_greeting() -> None:
    app = Application(1, "Acme", "Analyst", APPLIED, Contact("Dr. Okafor", "555", "o@a.example"))

    assert (
        write(history(app=app), D(2026, 11, 24))
        .paragraphs[0]
        .startswith("Hello, is that Dr. Okafor?")
    )


# --- check-ins and articles -----------------------------------------------------------------

AFTER_FOLLOW_UP = history(INTERVIEW, touch(1, D(2026, 12, 7)))
LATER = Window(D(2026, 12, 17), D(2026, 12, 21), Action.EMAIL, "check in 10-14 days after")
OLD = Article(1, 1, "https://news.example/old", "Old news", D(2026, 12, 2))
NEW = Article(2, 1, "https://news.example/new", None, D(2026, 12, 9))


def test_a_check_in_restates_interest_and_shares_the_newest_article() -> None:
    email = write(AFTER_FOLLOW_UP, D(2026, 12, 17), window=LATER, articles=(OLD, NEW))

    assert email.stage is ScriptStage.CHECK_IN
    assert email.subject == "Checking in: Data Analyst"
    assert "which I am still very interested in" in email.paragraphs[1]
    assert email.article == NEW
    assert (
        "I came across this and thought it might interest you:\nhttps://news.example/new"
        in email.paragraphs
    )


def test_a_check_in_without_an_article_suggests_saving_one() -> None:
    email = write(AFTER_FOLLOW_UP, D(2026, 12, 17), window=LATER)

    assert email.article is None
    assert email.notes[0] == (
        "A relevant industry article gives you a reason to write: save one with "
        "followup article 1 URL."
    )


def test_an_article_is_shared_by_the_first_email_sent_once_a_draft_offered_it() -> None:
    offered = Article(1, 1, "https://x.example/a", None, D(2026, 12, 2), offered_on=D(2026, 12, 17))
    before = touch(2, D(2026, 12, 16))
    call = touch(3, D(2026, 12, 17), Via.CALL)
    reply = touch(4, D(2026, 12, 17), inbound=True)
    sent = touch(5, D(2026, 12, 18))

    assert shared_by(offered, (before, call, reply)) is None
    assert shared_by(offered, (before, call, reply, sent)) == sent
    assert shared_by(Article(1, 1, "u", None, D(2026, 12, 2)), (sent,)) is None


def test_an_article_already_shared_is_not_offered_again() -> None:
    shared = Article(1, 1, "https://x.example/a", "A", D(2026, 12, 2), offered_on=D(2026, 12, 17))
    sent = touch(2, D(2026, 12, 17))
    hist = history(INTERVIEW, touch(1, D(2026, 12, 7)), sent)

    assert article_to_offer((shared,), hist.touches) is None
    assert write(hist, D(2026, 12, 29), window=LATER, articles=(shared,)).article is None
    assert write(hist, D(2026, 12, 29), window=LATER, articles=(shared, OLD)).article == OLD


def test_an_article_offered_but_not_yet_sent_is_offered_again() -> None:
    offered = Article(1, 1, "https://x.example/a", "A", D(2026, 12, 2), offered_on=D(2026, 12, 17))

    assert article_to_offer((offered,), AFTER_FOLLOW_UP.touches) == offered


def test_only_a_check_in_offers_an_article() -> None:
    assert write(history(), D(2026, 11, 24), ScriptVia.EMAIL, articles=(NEW,)).article is None
    assert (
        write(history(INTERVIEW), D(2026, 12, 7), window=CHECK_IN_WINDOW, articles=(NEW,)).article
        is None
    )


def test_a_check_in_call_offers_to_send_the_article() -> None:
    call = write(AFTER_FOLLOW_UP, D(2026, 12, 17), ScriptVia.CALL, window=LATER, articles=(OLD,))

    assert "I read something you might find useful (Old news); may I email you the link?" in (
        call.paragraphs
    )
    assert "The article to offer: https://news.example/old" in call.notes


# --- mailto ---------------------------------------------------------------------------------


def test_the_mailto_link_carries_the_address_subject_and_body_exactly() -> None:
    email = write(AFTER_FOLLOW_UP, D(2026, 12, 17), window=LATER, articles=(NEW,))

    assert email.mailto is not None
    link = urlsplit(email.mailto)
    fields = parse_qs(link.query)
    assert link.scheme == "mailto"
    assert unquote(link.path) == "jane.doe@acme.example"
    assert fields["subject"] == ["Checking in: Data Analyst"]
    assert fields["body"] == [email.body.replace("\n", "\r\n")]
    assert " " not in email.mailto
    assert "+" not in email.mailto


# --- for every history the rules can produce ------------------------------------------------


@given(histories(), todays, st.sampled_from(list(ScriptVia)))
def test_every_open_window_has_a_draft_that_names_the_role_and_fills_only_known_blanks(
    hist: History, today: date, via: ScriptVia
) -> None:
    window = assess(hist, today).next_contact
    if window is None:
        return

    result = draft(hist, window, via, (), today)

    assert result.paragraphs
    assert all(p.strip() for p in result.paragraphs)
    assert hist.application.role in result.body
    assert set(result.blanks) <= {
        "your name",
        "your phone number",
        "one or two things about you that fit the role",
    }
    assert (result.subject is None) is via.spoken
    assert result.ready is (today >= window.earliest) or result.stage is ScriptStage.AFTER_INTERVIEW
