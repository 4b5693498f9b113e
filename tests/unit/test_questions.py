"""The question bank, the salary and benefits guard, and the prep sheet: pure functions."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.domain.guard import PayTopic, about_pay, check_question
from followup.domain.models import Application, Contact, Interview, InterviewKind
from followup.domain.prep import (
    EARLY_ROUNDS,
    AskedQuestion,
    Details,
    Question,
    Round,
    Source,
    Topic,
)
from followup.domain.questions import (
    CLOSING_QUESTIONS,
    build_prep_sheet,
    fill,
    find_question,
    interviewer_matches,
    merge,
    parse_bank,
    pitch_points,
    round_ahead,
    select,
    suits,
    values_for,
)
from followup.errors import BadInput
from followup.formats.question_bank import builtin_questions

TODAY = date(2026, 12, 3)  # a Thursday

# --- the guard: a table of phrasings each way ------------------------------------------------

ABOUT_PAY = [
    # the issue's own tricky one
    "What does a typical compensation review look like?",
    "What is the salary range for this role?",
    "How much does this position pay?",
    "What would the starting pay be?",
    "What's the take-home pay after tax?",
    "Is the salary negotiable?",
    "Is the role paid hourly or salaried?",
    "How much could someone in this role earn in a year?",
    "How often do people get a raise?",
    "When is the next pay review?",
    "Are overtime hours compensated?",
    "Is the money good for this kind of role?",
    "What does the whole package look like?",
    "Do you pay for certifications?",
    "Is there a signing bonus?",
    "How are bonuses decided each year?",
    "How is commission structured for this role?",
    "What are the on-target earnings?",
    "Is there profit sharing?",
    "Do employees get stock options?",
    "Is equity part of the offer?",
    "What does the vesting schedule look like?",
    "Are there RSUs at this level?",
    "Would I get any shares in the company?",
    "What does the benefits package include?",
    "What are the benefits like?",
    "What are the benefits of working here?",
    "Which benefits come with the job?",
    "Do you offer health insurance?",
    "Is dental coverage included?",
    "How many vacation days do new hires get?",
    "What is the PTO policy?",
    "Is there unlimited paid time off?",
    "How much time off do people usually take?",
    "What is your parental leave policy?",
    "How generous is the sick leave?",
    "How many holidays do we get a year?",
    "Can I take a sabbatical after a few years?",
    "Do you offer a 401(k) match?",
    "Is there a pension scheme?",
    "What retirement plans are available?",
    "Do you match retirement contributions?",
    "What perks come with the job?",
    "Is there a home office stipend?",
    "Do you reimburse gym memberships?",
    "Is there a relocation package?",
    "Is there a training budget for each person?",
    "Do you offer childcare support?",
    "What's the employee discount like?",
    "What\u2019s the company car policy?",
]

NOT_ABOUT_PAY = [
    # the issue's own tricky one
    "How do you benefit from the merger?",
    "How did the team benefit from the new tools?",
    "What are the benefits of the new platform for customers?",
    "Are there any benefits to moving the reports to the cloud?",
    "How do you pay down technical debt?",
    "How do you pay attention to customer feedback?",
    "Has the investment in automation paid off?",
    "What does the team do when a project pays off?",
    "How does pay-per-click fit into your marketing?",
    "How do customers pay for the product?",
    "Which paid channels bring the most customers?",
    "What payroll system does the finance team use?",
    "How has private equity ownership changed the company?",
    "How do you measure brand equity?",
    "How does the team handle diversity, equity and inclusion?",
    "Does the firm do equity research for clients?",
    "How does the stock price affect morale?",
    "How has your market share changed?",
    "Who has a vested interest in this project?",
    "Does the team work with pension funds as clients?",
    "How has the founder's retirement changed things?",
    "How does the holiday season affect deadlines?",
    "How do you keep energy up during the holiday rush?",
    "Does the company sell vacation rentals?",
    "How is the allowance for doubtful accounts set?",
    "What package manager does the team use?",
    "How is the package delivered to customers?",
    "How do you compensate for a small team?",
    "How did the last earnings call go?",
    "How does the company make money?",
    "How much money did the company raise last year?",
    "How much impact could I make in the first year?",
    "How does the team raise concerns with leadership?",
    "Did the commission approve the merger?",
    "How often does the team work overtime?",
    "How has the company's profit margin changed?",
    "How does the company reward its best customers?",
    "Why did the last person in this role leave?",
    "What does success look like after six months?",
    "What is your timeline for filling the position?",
    "What about my background worries you most?",
    "What does a typical day look like?",
    "Who are the internal customers of this team?",
    "Which department does this role work with most?",
    "What is the churn rate among your customers?",
    "How would you describe the way you manage?",
    "What is the biggest risk to the business this year?",
    "Is this role new, or is someone moving on?",
]


def test_the_guard_tables_hold_at_least_forty_phrasings_each_way() -> None:
    assert len(ABOUT_PAY) >= 40
    assert len(NOT_ABOUT_PAY) >= 40
    assert not set(ABOUT_PAY) & set(NOT_ABOUT_PAY)


@pytest.mark.parametrize("question", ABOUT_PAY)
def test_the_guard_knows_a_question_about_pay_or_benefits(question: str) -> None:
    assert about_pay(question) is not None


@pytest.mark.parametrize("question", NOT_ABOUT_PAY)
def test_the_guard_leaves_a_question_about_the_work_alone(question: str) -> None:
    assert about_pay(question) is None


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("What is the salary range?", PayTopic.SALARY),
        ("Is there an annual bonus?", PayTopic.BONUS),
        ("Do employees get stock options?", PayTopic.EQUITY),
        ("What are the health benefits like?", PayTopic.BENEFITS),
        ("How many vacation days are there?", PayTopic.TIME_OFF),
        ("Is there a pension?", PayTopic.RETIREMENT),
        ("What perks are there?", PayTopic.PERKS),
    ],
)
def test_the_guard_says_what_a_pay_question_is_about(question: str, topic: PayTopic) -> None:
    assert about_pay(question) is topic


def test_the_guard_ignores_case_spacing_and_curly_quotes() -> None:
    assert about_pay("  WHAT\u2019S   THE   SALARY ?") is PayTopic.SALARY


@pytest.mark.parametrize(
    ("kind", "allowed"),
    [
        (Round.PHONE_SCREEN, False),
        (Round.FIRST, False),
        (Round.SECOND, True),
        (Round.FINAL, True),
        (Round.OFFER, True),
    ],
)
def test_a_pay_question_waits_for_the_second_interview(kind: Round, allowed: bool) -> None:
    assert check_question("Is there a signing bonus?", kind).allowed is allowed


def test_a_refused_question_says_why_and_when_it_may_be_asked() -> None:
    verdict = check_question("What is the salary range?", Round.PHONE_SCREEN)

    assert verdict.about is PayTopic.SALARY
    assert verdict.reason == (
        "not at a phone screen: it asks about salary or pay. Raised this early, it tells them "
        "you care more about what you would get than what you would bring; keep it for the "
        "second interview, the final round or the offer"
    )


def test_an_allowed_question_says_why() -> None:
    assert check_question("Who else would I meet?", Round.FIRST).reason == (
        "fine for a first interview: it is not about pay or benefits"
    )
    assert check_question("Is there a pension?", Round.FINAL).reason == (
        "fine for a final interview: it asks about retirement plans, which is fair to raise by now"
    )


PAY_PHRASES = st.sampled_from(ABOUT_PAY)
ANY_TEXT = st.text(alphabet=st.characters(codec="ascii"), max_size=80)


@given(text=ANY_TEXT, kind=st.sampled_from(list(Round)))
def test_the_guard_refuses_exactly_the_pay_questions_of_an_early_round(
    text: str, kind: Round
) -> None:
    verdict = check_question(text, kind)

    assert verdict.allowed is (kind not in EARLY_ROUNDS or about_pay(text) is None)


@given(question=PAY_PHRASES, kind=st.sampled_from(sorted(EARLY_ROUNDS)))
def test_the_guard_never_allows_a_pay_question_for_an_early_round(
    question: str, kind: Round
) -> None:
    assert not check_question(question, kind).allowed


@given(
    question=PAY_PHRASES,
    lead=st.sampled_from(["", "Could I ask: ", "One more thing. ", "I was wondering, "]),
)
def test_a_polite_lead_in_does_not_hide_a_pay_question(question: str, lead: str) -> None:
    assert about_pay(lead + question) is not None


@st.composite
def any_question(draw: st.DrawFn) -> Question:
    """A question as a user might write one: any words, any topic, any rounds it claims."""
    return Question(
        id=draw(st.from_regex(r"[a-z]{1,8}", fullmatch=True)),
        topic=draw(st.sampled_from(list(Topic))),
        text=draw(st.sampled_from(ABOUT_PAY + NOT_ABOUT_PAY)),
        rounds=frozenset(draw(st.sets(st.sampled_from(list(Round)), min_size=1))),
        opinion=draw(st.booleans()),
        source=draw(st.sampled_from(list(Source))),
    )


@given(questions=st.lists(any_question(), max_size=12), kind=st.sampled_from(sorted(EARLY_ROUNDS)))
def test_no_selection_for_an_early_round_ever_holds_a_pay_question(
    questions: list[Question], kind: Round
) -> None:
    for question in select(questions, kind):
        assert question.topic is not Topic.PAY
        assert about_pay(question.text) is None


# --- the built-in bank ----------------------------------------------------------------------

BANK = builtin_questions()
INTERVIEW_TOPICS = {
    Topic.COMPANY,
    Topic.TEAM,
    Topic.ROLE,
    Topic.FIT,
    Topic.MANAGER,
    Topic.PROCESS,
    Topic.CONCERNS,
}


def test_the_bank_has_at_least_twenty_questions_in_every_category() -> None:
    asking = [q for q in BANK if q.topic is not Topic.PAY]

    assert len(asking) >= 20
    assert {q.topic for q in asking} == INTERVIEW_TOPICS
    assert len({q.id for q in BANK}) == len(BANK)


def test_the_bank_marks_opinion_questions_and_plain_ones() -> None:
    assert {q.opinion for q in BANK} == {True, False}


@pytest.mark.parametrize("question", BANK, ids=lambda q: q.id)
def test_the_guard_agrees_with_the_bank_about_which_questions_are_about_pay(
    question: Question,
) -> None:
    template = fill(question, {}).text

    assert (about_pay(template) is not None) is (question.topic is Topic.PAY)


@pytest.mark.parametrize("question", BANK, ids=lambda q: q.id)
def test_every_bank_question_suits_at_least_one_interview_and_ends_with_a_question_mark(
    question: Question,
) -> None:
    assert question.rounds
    assert question.text.endswith("?")


def test_the_bank_uses_the_placeholders_from_the_application_and_its_details() -> None:
    used = {name for q in BANK for name in re.findall(r"\{(\w+)\}", q.text)}

    assert used == {"company", "role", "competitor", "market_problem"}


@pytest.mark.parametrize("kind", [Round.PHONE_SCREEN, Round.FIRST])
def test_no_compensation_question_is_offered_to_an_early_round(kind: Round) -> None:
    offered = select(BANK, kind)

    assert offered
    assert [q.id for q in offered if q.topic is Topic.PAY] == []
    assert [q.id for q in offered if about_pay(fill(q, {}).text)] == []


def test_later_rounds_are_offered_the_pay_questions_that_suit_them() -> None:
    assert [q.id for q in select(BANK, Round.SECOND) if q.topic is Topic.PAY] == ["pay-reviews"]
    assert {q.id for q in select(BANK, Round.OFFER)} == {
        "pay-structure",
        "benefits-overview",
        "pay-reviews",
    }


def test_a_selection_keeps_the_topics_in_the_banks_order() -> None:
    order = list(Topic)
    topics = [order.index(q.topic) for q in select(BANK, Round.FIRST)]

    assert topics == sorted(topics)


# --- filling placeholders -------------------------------------------------------------------

APP = Application(
    id=1,
    company="Acme",
    role="Data Analyst",
    applied_on=date(2026, 11, 18),
    contact=Contact("Jane Doe", "555", "jane@acme.example"),
    pitch="five years of SQL reporting; the dashboards I built at Hooli",
)


def _question(text: str, **changes: object) -> Question:
    fields: dict[str, object] = {
        "id": "q",
        "topic": Topic.COMPANY,
        "text": text,
        "rounds": frozenset({Round.FIRST}),
    }
    fields.update(changes)
    return Question(**fields)  # type: ignore[arg-type]


def test_placeholders_are_filled_from_the_application_and_its_details() -> None:
    question = _question("Is {competitor} a rival of {company} for a {role}?")

    filled = fill(question, values_for(APP, Details(competitor="Globex")))

    assert filled.text == "Is Globex a rival of Acme for a Data Analyst?"
    assert filled.blanks == ()


def test_a_placeholder_without_a_value_is_a_visible_blank_not_a_dropped_question() -> None:
    question = _question("Is {competitor} a rival? Does {market_problem} matter to {company}?")

    filled = fill(question, values_for(APP, Details()))

    assert filled.text == "Is [competitor] a rival? Does [market problem] matter to Acme?"
    assert filled.blanks == ("competitor", "market_problem")


def test_without_an_application_company_and_role_are_blanks_too() -> None:
    filled = fill(_question("Why {company}, and why {role}?"), values_for(None, Details()))

    assert filled.text == "Why [company], and why [role]?"


def test_doubled_braces_are_literal_braces() -> None:
    assert fill(_question("What does {{x}} mean at {company}?"), {"company": "Acme"}).text == (
        "What does {x} mean at Acme?"
    )


VALUES = st.fixed_dictionaries(
    {
        name: st.one_of(st.none(), st.just(""), st.text(min_size=1, max_size=20))
        for name in ("company", "role", "competitor", "market_problem")
    }
)


@given(values=VALUES)
def test_filling_never_drops_a_question_nor_leaves_a_placeholder(
    values: dict[str, str | None],
) -> None:
    filled = [fill(q, values) for q in BANK]

    assert [f.id for f in filled] == [q.id for q in BANK]
    for f in filled:
        assert f.text.strip()
        for name in f.blanks:
            assert not values[name]
        for name in re.findall(r"\{(\w+)\}", f.question.text):
            assert (name in f.blanks) is (not values[name])


# --- reading a bank -------------------------------------------------------------------------

MINE = "/home/me/.config/followup/questions.toml"


def test_a_users_question_needs_only_its_text() -> None:
    (question,) = parse_bank(
        '[[question]]\ntext = "How   does {company} ship?"\n', Source.YOURS, MINE
    )

    assert question == Question(
        id="yours-1",
        topic=Topic.YOURS,
        text="How does {company} ship?",
        rounds=frozenset({Round.PHONE_SCREEN, Round.FIRST, Round.SECOND, Round.FINAL}),
        opinion=False,
        source=Source.YOURS,
    )


def test_a_users_question_with_a_bank_id_replaces_the_bank_question() -> None:
    yours = parse_bank(
        '[[question]]\nid = "feedback"\ntopic = "manager"\ntext = "How do you say well done?"\n'
        '[[question]]\nid = "extra"\ntext = "Anything else?"\n',
        Source.YOURS,
        MINE,
    )

    merged = merge(BANK, yours)

    assert len(merged) == len(BANK) + 1
    assert next(q for q in merged if q.id == "feedback").text == "How do you say well done?"
    assert merged[-1].id == "extra"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[question]\n", f"{MINE} is not valid TOML: "),
        ('title = "x"\n', f"{MINE}: unknown key 'title'; write each one as [[question]]"),
        ("[[question]]\nid = 'a'\n", f"{MINE}, question 1: text is missing"),
        (
            '[[question]]\ntext = "About {salary}?"\n',
            f"{MINE}, question 1: unknown placeholder {{salary}}; use {{company}}, {{role}}, "
            "{competitor}, {market_problem}",
        ),
        (
            '[[question]]\ntext = "What is { this?"\n',
            f"{MINE}, question 1: a lone '{{' or '}}' in the text; write {{{{ or }}}} for a "
            "literal brace",
        ),
        (
            '[[question]]\ntext = "Why?"\nkinds = ["lunch"]\n',
            f"{MINE}, question 1: unknown kind 'lunch'; use phone-screen, first, second, "
            "final, offer",
        ),
        (
            '[[question]]\ntext = "Why?"\ntopic = "misc"\n',
            f"{MINE}, question 1: unknown topic 'misc'; use one of company, team, role, fit, "
            "manager, process, concerns, pay, yours",
        ),
        (
            '[[question]]\ntext = "Why?"\nopinion = "yes"\n',
            f"{MINE}, question 1: opinion must be true or false",
        ),
        (
            '[[question]]\ntext = "Why?"\nid = "Has Spaces"\n',
            f"{MINE}, question 1: id must be lowercase letters, digits and dashes, such as 'my-q'",
        ),
        (
            '[[question]]\ntext = "Why?"\nid = "a"\n[[question]]\ntext = "How?"\nid = "a"\n',
            f"{MINE}: the id 'a' is used twice",
        ),
        (
            '[[question]]\ntext = "Why?"\nasked = true\n',
            f"{MINE}, question 1: unknown key 'asked'; keys are "
            "['id', 'kinds', 'opinion', 'text', 'topic']",
        ),
    ],
)
def test_a_broken_questions_file_is_refused_with_where_and_what(text: str, message: str) -> None:
    with pytest.raises(BadInput) as refused:
        parse_bank(text, Source.YOURS, MINE)

    assert refused.value.message.startswith(message), refused.value.message
    assert refused.value.exit_code == 2


def test_a_bank_question_must_have_an_id() -> None:
    with pytest.raises(BadInput, match="question 1: id must be"):
        parse_bank('[[question]]\ntext = "Why?"\ntopic = "team"\n', Source.BANK, "bank")


def test_a_users_pay_question_for_an_early_round_is_held_back_with_a_notice() -> None:
    yours = parse_bank(
        '[[question]]\nid = "bonus"\ntext = "Is there a bonus?"\nkinds = ["first", "final"]\n',
        Source.YOURS,
        MINE,
    )
    (question,) = yours

    assert not suits(question, Round.FIRST)
    assert suits(question, Round.FINAL)


def test_a_question_filed_under_pay_is_held_back_even_when_its_words_do_not_say_so() -> None:
    question = _question("What else comes with the job?", topic=Topic.PAY)

    assert not suits(question, Round.FIRST)


# --- matching what the user typed ------------------------------------------------------------


def test_a_bank_question_is_found_by_its_id_or_its_filled_words() -> None:
    values = values_for(APP, Details())
    by_id = find_question("team-shape", BANK, values)
    by_words = find_question(
        "  how is the team organised, and where would the Data Analyst sit in it ", BANK, values
    )

    assert by_id is not None
    assert by_words is not None
    assert by_id.id == by_words.id == "team-shape"
    assert find_question("What do you like about Mondays?", BANK, values) is None


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("Jane Doe", ["Jane Doe"]),
        ("jane doe", ["Jane Doe"]),
        ("Jane", ["Jane Doe"]),
        ("patel", ["Raj Patel"]),
        ("Lee", ["Lee Wong", "Ann Lee"]),
        ("Bob", []),
        ("Ja", []),
    ],
)
def test_an_interviewer_is_found_by_full_first_or_last_name(typed: str, found: list[str]) -> None:
    assert interviewer_matches(typed, ["Jane Doe", "Raj Patel", "Lee Wong", "Ann Lee"]) == found


@pytest.mark.parametrize(
    ("pitch", "points"),
    [
        (None, ()),
        ("SQL reporting", ("SQL reporting",)),
        ("SQL reporting; dashboards at Hooli", ("SQL reporting", "dashboards at Hooli")),
        ("SQL\n\n dashboards ;", ("SQL", "dashboards")),
    ],
)
def test_the_pitch_splits_into_points_at_semicolons_and_new_lines(
    pitch: str | None, points: tuple[str, ...]
) -> None:
    assert pitch_points(pitch) == points


# --- the prep sheet -------------------------------------------------------------------------


def _interview(n: int, on: date, kind: InterviewKind, *names: str) -> Interview:
    return Interview(n, 1, on, on, kind, tuple(names))


FIRST = _interview(1, date(2026, 12, 1), InterviewKind.FIRST, "Jane Doe", "Raj Patel")
SECOND = _interview(2, date(2026, 12, 8), InterviewKind.SECOND, "Jane Doe", "Lee Wong")


def _asked(n: int, interview: Interview, who: str, qid: str | None, text: str) -> AskedQuestion:
    return AskedQuestion(n, interview.id, who, text, qid, None, interview.on)


@pytest.mark.parametrize(
    ("interviews", "expected"),
    [
        ((), Round.FIRST),
        ((FIRST,), Round.SECOND),
        ((FIRST, SECOND), Round.SECOND),
        ((_interview(3, date(2026, 11, 30), InterviewKind.FINAL),), Round.FINAL),
        ((_interview(3, date(2026, 11, 30), InterviewKind.PHONE_SCREEN),), Round.FIRST),
    ],
)
def test_the_round_to_prepare_for_is_the_next_interviews_or_the_one_after_the_last(
    interviews: tuple[Interview, ...], expected: Round
) -> None:
    assert round_ahead(interviews, TODAY) is expected


def test_the_prep_sheet_shows_who_was_asked_what_and_who_got_no_questions() -> None:
    asked = [_asked(1, FIRST, "Jane Doe", "feedback", "How do you like to give feedback?")]

    sheet = build_prep_sheet(APP, (FIRST, SECOND), Details(), asked, BANK, TODAY)

    assert sheet.next_interview == SECOND
    assert sheet.round is Round.SECOND
    assert sheet.pitch_points == ("five years of SQL reporting", "the dashboards I built at Hooli")
    people = {p.name: p for p in sheet.interviewers}
    assert list(people) == ["Jane Doe", "Raj Patel", "Lee Wong"]
    assert [a.question_id for a in people["Jane Doe"].asked] == ["feedback"]
    assert people["Jane Doe"].no_questions_at == ()
    assert people["Raj Patel"].no_questions_at == (FIRST,)
    assert people["Lee Wong"].met == ()
    assert [p.at_next for p in people.values()] == [True, False, True]
    assert sheet.closing == CLOSING_QUESTIONS


def test_an_opinion_question_is_offered_again_to_those_at_the_next_interview_not_asked() -> None:
    text = fill(next(q for q in BANK if q.id == "feedback"), {}).text
    asked = [_asked(1, FIRST, "Jane Doe", "feedback", text)]

    sheet = build_prep_sheet(APP, (FIRST, SECOND), Details(), asked, BANK, TODAY)

    (again,) = sheet.ask_again
    assert (again.question_id, again.asked, again.not_yet) == (
        "feedback",
        ("Jane Doe",),
        ("Lee Wong",),
    )
    assert "feedback" not in [q.id for q in sheet.questions]


def test_a_factual_question_already_asked_is_not_suggested_again() -> None:
    asked = [_asked(1, FIRST, "Raj Patel", "stages-left", "What stages are left?")]

    sheet = build_prep_sheet(APP, (FIRST, SECOND), Details(), asked, BANK, TODAY)

    assert sheet.ask_again == ()
    assert "stages-left" not in [q.id for q in sheet.questions]


def test_an_opinion_question_everyone_at_the_next_interview_answered_is_not_offered_again() -> None:
    asked = [
        _asked(1, FIRST, "Jane Doe", "feedback", "x"),
        _asked(2, SECOND, "Lee Wong", "feedback", "x"),
    ]
    later = _interview(3, date(2026, 12, 15), InterviewKind.FINAL, "jane doe", "Lee Wong")

    sheet = build_prep_sheet(
        APP, (FIRST, SECOND, later), Details(), asked, BANK, date(2026, 12, 10)
    )

    assert sheet.ask_again == ()


def test_an_early_round_sheet_offers_no_pay_question_and_says_so() -> None:
    sheet = build_prep_sheet(APP, (), Details(), [], BANK, TODAY)

    assert sheet.round is Round.FIRST
    assert [q.id for q in sheet.questions if q.question.topic is Topic.PAY] == []
    assert sheet.notices[0] == (
        "A first interview is too early to ask about pay or benefits: keep those questions "
        "for the second interview or the offer."
    )


def test_the_sheet_suggests_one_question_per_topic_preferring_ones_without_blanks() -> None:
    sheet = build_prep_sheet(APP, (), Details(), [], BANK, TODAY)

    topics = [q.question.topic for q in sheet.questions]
    assert len(topics) == len(set(topics))
    company = next(q for q in sheet.questions if q.question.topic is Topic.COMPANY)
    assert company.blanks == ()
    assert sheet.blanks == ()
