"""Phone numbers and emails: checked, and stored in one normal form (docs/settings.md)."""

from __future__ import annotations

import pytest

from followup.domain.contact_details import normalise_contact, normalise_email, normalise_phone
from followup.domain.models import Contact
from followup.errors import BadInput


@pytest.mark.parametrize(
    ("typed", "region", "stored"),
    [
        ("(650) 253-0000", "US", "+16502530000"),
        ("650.253.0000", "US", "+16502530000"),
        ("1 650 253 0000", "US", "+16502530000"),
        ("+1 650 253 0000", "US", "+16502530000"),
        ("650 253 0000 x12", "US", "+16502530000 ext. 12"),
        ("650-253-0000 ext. 7", "US", "+16502530000 ext. 7"),
        ("011 44 20 7946 0958", "US", "+442079460958"),
        ("+44 20 7946 0958", "US", "+442079460958"),
        ("020 7946 0958", "GB", "+442079460958"),
        ("1-800-FLOWERS", "US", "+18003569377"),
        # Without a region: international numbers phonenumbers knows become E.164 ...
        ("+1 650 253 0000", None, "+16502530000"),
        ("+44 (0)20 7946 0958", None, "+442079460958"),
        # ... and anything else is kept as typed, spaces tidied.
        ("555 0100", None, "555 0100"),
        ("  555   0100 ", None, "555 0100"),
        ("(555) 010-0199", None, "(555) 010-0199"),
        ("+1 555 0100", None, "+1 555 0100"),
        ("555-0100 ext 4", None, "555-0100 ext 4"),
        ("1", None, "1"),
    ],
)
def test_a_phone_number_is_stored_in_one_normal_form(
    typed: str, region: str | None, stored: str
) -> None:
    assert normalise_phone(typed, region) == stored


@pytest.mark.parametrize(
    ("typed", "region", "message"),
    [
        (
            "555 0100",
            "US",
            "'555 0100' is not a phone number: it needs its area code in front to be dialled "
            "from anywhere in US",
        ),
        (
            "650 253",
            "US",
            "'650 253' is not a phone number: it is too short for US (is the area code missing?)",
        ),
        (
            "650 253 0000 0000",
            "US",
            "'650 253 0000 0000' is not a phone number: it is too long for US",
        ),
        (
            "+999 1234",
            "US",
            "'+999 1234' is not a phone number: the country code after + is not one that exists",
        ),
        ("call me", "US", "'call me' is not a phone number: it does not read as a number"),
        (
            "call me",
            None,
            "'call me' is not a phone number: it has letters in it (use digits, spaces, "
            "+ ( ) - . /, and 'ext. 12' for an extension)",
        ),
        (
            "555*0100",
            None,
            "'555*0100' is not a phone number: it has characters phones do not have in it "
            "(use digits, spaces, + ( ) - . /, and 'ext. 12' for an extension)",
        ),
        (
            "555+0100",
            None,
            "'555+0100' is not a phone number: it has characters phones do not have in it "
            "(use digits, spaces, + ( ) - . /, and 'ext. 12' for an extension)",
        ),
        ("( - )", None, "'( - )' is not a phone number: it has no digits"),
        (
            "1234 5678 9012 3456",
            None,
            "'1234 5678 9012 3456' is not a phone number: it has 16 digits, and no phone "
            "number has more than 15",
        ),
    ],
)
def test_a_number_that_cannot_be_one_is_refused_in_one_line(
    typed: str, region: str | None, message: str
) -> None:
    with pytest.raises(BadInput) as caught:
        normalise_phone(typed, region)
    assert caught.value.message == message
    assert "\n" not in caught.value.message


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("jane.doe@acme.example", "jane.doe@acme.example"),
        ("Jane.Doe@ACME.Example", "Jane.Doe@acme.example"),
        ("  hr@globex.com ", "hr@globex.com"),
        ("kim@globex.test", "kim@globex.test"),
        ("josé@exämple.com", "josé@exämple.com"),
    ],
)
def test_an_email_is_stored_in_one_normal_form(typed: str, stored: str) -> None:
    assert normalise_email(typed) == stored


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("jane", "an email address must have an @-sign"),
        ("jane@", "there must be something after the @-sign"),
        ("jane@acme", "the part after the @-sign is not valid. It should have a period"),
        ("jane doe@acme.com", "the email address contains invalid characters before the @-sign"),
        ("jane@@acme.com", "the part after the @-sign contains invalid characters"),
        ("jane@acme.local", "the part after the @-sign is a special-use or reserved name"),
    ],
)
def test_an_address_that_cannot_be_one_is_refused_in_one_line(typed: str, reason: str) -> None:
    with pytest.raises(BadInput) as caught:
        normalise_email(typed)
    assert caught.value.message.startswith(f"{typed.strip()!r} is not an email address: {reason}")
    assert "\n" not in caught.value.message


def test_a_contact_is_checked_as_a_whole_and_blank_details_pass() -> None:
    contact = Contact("Jane Doe", "(650) 253-0000", "Jane@ACME.com")
    assert normalise_contact(contact, "US") == Contact("Jane Doe", "+16502530000", "Jane@acme.com")
    assert normalise_contact(Contact("Jane", None, "")) == Contact("Jane", None, "")
    with pytest.raises(BadInput, match="is not an email address"):
        normalise_contact(Contact(None, "555 0100", "nope"))
