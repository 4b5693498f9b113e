"""A posting that said "no emails" (or "no calls or emails"): which follow-up, if any.

(history, today) -> the window and its action, or the words saying why there is none.
The do-not-call rows beside it are in test_rules_windows.py.
"""

from __future__ import annotations

import pytest

from followup.domain.models import History
from followup.domain.rules import assess
from tests.unit.builders import d, email, history, interview

NEITHER_BEFORE = (
    "the posting asked for no calls or emails, so there is no follow-up before an "
    "interview: the next move is theirs"
)
NEITHER_AFTER = (
    "the posting asked for no calls or emails: follow up only the way they told you to "
    "(record it with debrief --prefers), or wait for them"
)

TABLE = [
    pytest.param(
        history("Wed 18 Nov", no_email=True),
        "Mon 23 Nov",
        ("Mon 23 Nov", "Fri 27 Nov", "call"),
        id="no emails, a phone on file: the usual week, by phone",
    ),
    pytest.param(
        history("Wed 18 Nov", phone=False, no_email=True),
        "Mon 23 Nov",
        "the posting asked for no emails and there is no phone number on file: add one with "
        "followup edit APP_ID --phone NUMBER",
        id="no emails and only an email on file: nothing, and says why",
    ),
    pytest.param(
        history("Wed 18 Nov", do_not_call=True, no_email=True),
        "Mon 23 Nov",
        NEITHER_BEFORE,
        id="no calls or emails before an interview: nothing, the next move is theirs",
    ),
    pytest.param(
        history(
            "Mon 2 Nov",
            email("Mon 9 Nov", follow_up_on="Mon 16 Nov"),
            do_not_call=True,
            no_email=True,
        ),
        "Mon 9 Nov",
        NEITHER_AFTER,
        id="no calls or emails with an agreed date: still no channel, says why",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Wed 25 Nov"), no_email=True),
        "Wed 25 Nov",
        ("Mon 30 Nov", "Fri 4 Dec", "call"),
        id="no emails after an interview: check in by phone",
    ),
    pytest.param(
        history("Mon 2 Nov", interview("Wed 25 Nov"), do_not_call=True, no_email=True),
        "Wed 25 Nov",
        NEITHER_AFTER,
        id="no calls or emails after an interview: only the way they said",
    ),
    pytest.param(
        history(
            "Mon 2 Nov", interview("Wed 25 Nov", prefers="email"), do_not_call=True, no_email=True
        ),
        "Wed 25 Nov",
        ("Mon 30 Nov", "Fri 4 Dec", "email"),
        id="no calls or emails, but the interviewer asked for email: email",
    ),
]


@pytest.mark.parametrize(("hist", "today", "expected"), TABLE)
def test_a_posting_that_forbids_email_takes_email_out_of_the_follow_up(
    hist: History, today: str, expected: tuple[str, str, str] | str
) -> None:
    result = assess(hist, d(today))
    window = result.next_contact
    if isinstance(expected, str):
        assert (window, result.waiting) == (None, expected)
    else:
        assert window is not None
        earliest, latest, action = expected
        assert (window.earliest, window.latest, str(window.action)) == (
            d(earliest),
            d(latest),
            action,
        )
