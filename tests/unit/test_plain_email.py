"""The quick answer for plain email addresses is email-validator's own (issue 17).

``plain_email`` answers the plainest addresses without the library, which is most of the
time a big import spends checking them. It may decline any address (the library then
decides), but where it answers, the answer must be exactly the library's: accepted, and
in the same normal form. Compared here on addresses as sheets hold them and on generated
ones built to sit on every edge the quick way knows of (case, hyphens, Punycode, lengths,
special-use domains).
"""

from __future__ import annotations

import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import example, given, settings
from hypothesis import strategies as st

from followup.domain.contact_details import normalise_email, plain_email
from followup.errors import BadInput


def _library(typed: str) -> str | None:
    try:
        checked = validate_email(typed, check_deliverability=False, test_environment=True)
    except EmailNotValidError:
        return None
    return str(checked.normalized)


REAL = [
    "jane.doe@acme.com",
    "hr1@example.com",
    "j+jobs@Mail.Example.ORG",
    "first_last-2@sub.domain.co.uk",
    "recruiting@talent.io",
    "a@b.test",
    "x@EXAMPLE.COM",
    "sam.lee@my-company.de",
]


@pytest.mark.parametrize("typed", REAL)
def test_plain_addresses_are_answered_quickly_as_the_library_answers(typed: str) -> None:
    assert plain_email(typed) is not None
    assert plain_email(typed) == _library(typed)


@pytest.mark.parametrize(
    "typed",
    [
        "Info@acme.com",  # the library lower-cases some names before the @
        "Jane.Doe@acme.com",
        "a@b.local",  # special-use domains are refused by the library
        "a@x.localhost",
        "a@b.invalid",
        "a@xn--p1ai.com",  # Punycode: the library decodes it
        "a@ab--cd.com",
        "a@b.c1",  # a top-level domain ends with a letter
        "a@b",
        "a..b@c.com",
        '"a"@b.com',
        "a@" + "b" * 64 + ".com",
        "a" * 250 + "@b.com",
    ],
)
def test_anything_less_plain_is_left_to_the_library(typed: str) -> None:
    assert plain_email(typed) is None
    # ... which still says what it says of them.
    expected = _library(typed)
    if expected is None:
        with pytest.raises(BadInput):
            normalise_email(typed)
    else:
        assert normalise_email(typed) == expected


# Mostly the shapes the quick way answers, with every kind of near miss mixed in.
_LOCAL = st.one_of(
    st.from_regex(r"[a-z0-9_+\-]{1,8}(\.[a-z0-9_+\-]{1,5}){0,2}", fullmatch=True),
    st.sampled_from(["info", "Sales", "postmaster", "a" * 64, "a" * 65]),
    st.text(st.sampled_from("abzAZ09._+-!#'\"é@ "), min_size=0, max_size=12),
)
_LABEL = st.one_of(
    st.from_regex(r"[A-Za-z0-9]([A-Za-z0-9\-]{0,6}[A-Za-z0-9])?", fullmatch=True),
    st.text(st.sampled_from("abzAZ09-_é"), min_size=0, max_size=8),
    st.sampled_from(["xn--p1ai", "ab--cd", "a" * 63, "a" * 64, "b" * 62 + "-"]),
)
_TOP = st.sampled_from(
    ["com", "COM", "test", "local", "localhost", "invalid", "onion", "arpa", "example", "c1", "a"]
)


@st.composite
def _addresses(draw: st.DrawFn) -> str:
    local = draw(_LOCAL)
    labels = draw(st.lists(_LABEL, min_size=0, max_size=4))
    top = draw(_TOP | _LABEL)
    padding = draw(st.sampled_from(["", "a" * 60 + ".", ("b" * 60 + ".") * 4]))
    return f"{local}@{padding}{'.'.join([*labels, top])}"


@settings(max_examples=1500)
@given(st.one_of(_addresses(), st.text(max_size=30)))
@example("hr1@example.com")
@example("a@" + ("b" * 63 + ".") * 3 + "com")
@example("a@" + ("b" * 63 + ".") * 3 + "b" * 7 + ".com")
def test_a_quick_answer_is_always_the_library_s(typed: str) -> None:
    quick = plain_email(typed)
    if quick is not None:
        assert quick == _library(typed)
