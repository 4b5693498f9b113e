"""The wording table for "do not call": real-world-style sentences, both ways.

Each row: a sentence as postings write it, and what it forbids the applicant
(C = calls, E = emails, "" = nothing). The phrases are the shipped data file.
"""

from __future__ import annotations

import tomllib
from importlib.resources import files

import pytest

from followup.domain.contact_phrases import (
    ContactRule,
    contact_rule,
    phrase_book,
    sentences,
)
from followup.errors import BadInput

BOOK = phrase_book(
    tomllib.loads(files("followup").joinpath("data/contact_phrases.toml").read_text("utf-8"))
)

TABLE = [
    # forbids calls
    ("Please do not call the office.", "C"),
    ("Do not call.", "C"),
    ("DO NOT CALL OUR OFFICES REGARDING THIS POSITION", "C"),
    ("Please don't call us about this role.", "C"),
    ("Please don\u2019t phone the store.", "C"),
    ("No phone calls, please.", "C"),
    ("No calls please!", "C"),
    ("Please, no calls.", "C"),
    ("Please no phone calls or drop-ins.", "C"),
    ("No phone inquiries.", "C"),
    ("No telephone enquiries will be answered.", "C"),
    ("We do not accept calls regarding open positions.", "C"),
    ("We do not accept phone calls.", "C"),
    ("We are unable to accept phone calls about applications.", "C"),
    ("Phone calls will not be accepted.", "C"),
    ("Calls will not be returned.", "C"),
    ("Please refrain from calling our office.", "C"),
    ("Applicants need not call.", "C"),
    ("Do not contact us by phone.", "C"),
    ("Recruiters and applicants: please do not call.", "C"),
    ("No calls from agencies or candidates.", "C"),
    ("Phone inquiries are not accepted.", "C"),
    ("No\ncalls\nplease", "C"),
    # forbids both
    ("No calls or emails.", "CE"),
    ("No phone calls or emails, please.", "CE"),
    ("Please do not call or email the hiring manager.", "CE"),
    ("No calls/emails.", "CE"),
    ("Do not contact the hiring team by phone or email.", "CE"),
    ("Phone calls and emails will not be answered.", "CE"),
    ("No phone or email inquiries.", "CE"),
    ("We do not accept phone calls or emails about applications.", "CE"),
    # forbids emails only
    ("Please do not email the hiring manager directly.", "E"),
    ("No emails please.", "E"),
    # forbids nothing
    ("Recruiters/agencies need not call.", ""),
    ("Agencies: please do not call.", ""),
    ("No recruiters or agencies, no calls please.", ""),
    ("Staffing firms: no phone calls.", ""),
    ("Third-party recruiters need not call or email.", ""),
    ("Do not hesitate to call us with questions.", ""),
    ("Don't hesitate to call Jane at 555-0100.", ""),
    ("If we do not call you within two weeks, the position has been filled.", ""),
    ("We do not call references without your consent.", ""),
    ("Feel free to call the recruiter with any questions.", ""),
    ("Calls are welcome between 9 and 5.", ""),
    ("You will take calls from customers.", ""),
    ("Handle 50+ inbound calls per day.", ""),
    ("Email your resume to jobs@example.com.", ""),
    ("We offer health insurance, no strings attached.", ""),
    ("Answer phone calls and emails from clients promptly.", ""),
]


@pytest.mark.parametrize(("sentence", "forbids"), TABLE)
def test_the_posting_forbids_what_its_wording_says(sentence: str, forbids: str) -> None:
    rule = contact_rule([sentence], BOOK)
    assert (rule.no_calls, rule.no_emails) == ("C" in forbids, "E" in forbids), sentence
    if forbids:
        assert rule.deciding == (sentence,)


def test_the_table_has_thirty_sentences_each_way() -> None:
    assert sum(1 for _, f in TABLE if f) >= 30
    assert sum(1 for _, f in TABLE if not f) >= 15


def test_a_sentence_only_for_agencies_is_kept_as_ignored() -> None:
    rule = contact_rule(["Recruiters/agencies need not call."], BOOK)
    assert rule == ContactRule(ignored=("Recruiters/agencies need not call.",))


def test_rules_from_two_sentences_add_up() -> None:
    rule = contact_rule(["No calls, please.", "Great team.", "No emails please."], BOOK)
    assert (rule.no_calls, rule.no_emails) == (True, True)
    assert rule.deciding == ("No calls, please.", "No emails please.")


def test_sentences_end_at_stops_and_at_paragraph_breaks() -> None:
    assert sentences(["Great pay. No\n calls,  please!  Apply now", "Benefits"]) == [
        "Great pay.",
        "No calls, please!",
        "Apply now",
        "Benefits",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "the contact phrases need 'no_calls_or_emails' as a list of strings"),
        (
            {
                "no_calls_or_emails": [],
                "no_calls": [],
                "no_emails": [],
                "only_for_agencies": [],
                "also_for_applicants": ["("],
            },
            "the contact phrases in 'also_for_applicants' have a bad pattern: "
            "missing ), unterminated subpattern at position 0",
        ),
    ],
)
def test_a_broken_phrase_file_is_refused_with_what_is_wrong(
    data: dict[str, object], message: str
) -> None:
    with pytest.raises(BadInput) as raised:
        phrase_book(data)
    assert str(raised.value) == message
