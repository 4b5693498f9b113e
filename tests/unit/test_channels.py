"""Which channel a follow-up suggests, as truth tables: preference x details on file.

Only a channel with details on file is suggested: the interviewer's preference when it
can be used, else the other one with a plain note, else what to add. Before an
interview: a call when there is a number and the posting allows calls, else email.
"""

from __future__ import annotations

import pytest

from followup.domain.models import Action
from followup.domain.rules import assess
from tests.unit.builders import d, history, interview

CALL, EMAIL, EITHER = Action.CALL, Action.EMAIL, Action.CALL_OR_EMAIL
ADD_PHONE = "add one with followup edit APP_ID --phone NUMBER"
ADD_EMAIL = "add one with followup edit APP_ID --email ADDRESS"

# (prefers, phone on file, email on file, do not call) -> (action or None, note or None)
AFTER_AN_INTERVIEW = [
    ("call", True, True, False, CALL, None),
    ("call", True, False, False, CALL, None),
    (
        "call",
        False,
        True,
        False,
        EMAIL,
        f"they prefer a call, but there is no phone number on file: email, or {ADD_PHONE}",
    ),
    (
        "call",
        False,
        False,
        False,
        None,
        f"they prefer a call, but there is no phone number or email on file: {ADD_PHONE}",
    ),
    ("email", True, True, False, EMAIL, None),
    ("email", False, True, False, EMAIL, None),
    (
        "email",
        True,
        False,
        False,
        CALL,
        f"they prefer email, but there is no email on file: call, or {ADD_EMAIL}",
    ),
    (
        "email",
        False,
        False,
        False,
        None,
        f"they prefer email, but there is no email or phone number on file: {ADD_EMAIL}",
    ),
    (None, True, True, False, EITHER, None),
    (None, True, False, False, CALL, None),
    (None, False, True, False, EMAIL, None),
    (
        None,
        False,
        False,
        False,
        None,
        f"there is no phone number or email on file: {ADD_PHONE} or --email ADDRESS",
    ),
    # A posting that asked candidates not to call: only their own preference overrides it.
    ("call", True, True, True, CALL, None),
    (
        "email",
        True,
        False,
        True,
        CALL,
        f"they prefer email, but there is no email on file: call, or {ADD_EMAIL}",
    ),
    (None, True, True, True, EMAIL, None),
    (None, False, True, True, EMAIL, None),
    (
        None,
        True,
        False,
        True,
        None,
        f"the posting asked candidates not to call and there is no email on file: {ADD_EMAIL}",
    ),
]


@pytest.mark.parametrize(
    ("prefers", "phone", "mail", "do_not_call", "action", "note"), AFTER_AN_INTERVIEW
)
def test_after_an_interview_only_a_channel_on_file_is_suggested(
    prefers: str | None,
    phone: bool,
    mail: bool,
    do_not_call: bool,
    action: Action | None,
    note: str | None,
) -> None:
    hist = history(
        "Mon 2 Nov",
        interview("Wed 18 Nov", prefers=prefers),
        phone=phone,
        mail=mail,
        do_not_call=do_not_call,
    )
    assessment = assess(hist, d("Wed 18 Nov"))
    window = assessment.next_contact
    if action is None:
        assert window is None
        assert assessment.waiting == note
        return
    assert window is not None
    assert window.action is action
    if note is None:
        assert ";" not in window.reason
    else:
        assert window.reason.endswith(f"; {note}")


# (phone on file, email on file, do not call) -> (action or None, waiting words)
BEFORE_AN_INTERVIEW = [
    (True, True, False, CALL, None),
    (True, False, False, CALL, None),
    (False, True, False, EMAIL, None),
    (
        False,
        False,
        False,
        None,
        f"there is no phone number or email on file: {ADD_PHONE} or --email ADDRESS",
    ),
    (
        True,
        True,
        True,
        None,
        "the posting asked candidates not to call, so there is no follow-up before an "
        "interview: the next move is theirs",
    ),
    (
        False,
        False,
        True,
        None,
        "the posting asked candidates not to call, so there is no follow-up before an "
        "interview: the next move is theirs",
    ),
]


@pytest.mark.parametrize(("phone", "mail", "do_not_call", "action", "waiting"), BEFORE_AN_INTERVIEW)
def test_before_an_interview_a_call_when_it_can_be_made_else_an_email(
    phone: bool, mail: bool, do_not_call: bool, action: Action | None, waiting: str | None
) -> None:
    hist = history("Wed 18 Nov", phone=phone, mail=mail, do_not_call=do_not_call)
    assessment = assess(hist, d("Wed 18 Nov"))
    window = assessment.next_contact
    assert (window.action if window else None) is action
    assert assessment.waiting == waiting
