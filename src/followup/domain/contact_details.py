"""Phone numbers and email addresses: checked, and kept in one normal form.

- **Phones.** With a region to read them in (the ``phone_region`` setting), every number
  is checked by ``phonenumbers`` and stored in the international E.164 form
  (``+16502530000``), an extension after it (``+16502530000 ext. 12``); a number that
  cannot exist there is refused. A number written with its ``+`` country code needs no
  region. Without a region, a local number (``555 0100``) cannot be read for sure, so it
  is kept as typed after a loose check (digits and the usual separators, at most 15
  digits, no letters); an international one that ``phonenumbers`` recognises is still
  stored as E.164, and one it does not is kept as typed.
- **Emails.** Checked by ``email-validator`` without any network look-up, and stored in
  its normal form (the domain in lower case). Addresses at ``.test`` domains, reserved for
  examples, are accepted.

Each function raises ``BadInput`` with one line saying what is wrong. ``normalise_contact``
is the entry point for anything that brings contact details in (the command line, the
spreadsheet import). The libraries load only when a number or an address is given.

A big import checks 100,000 addresses, and email-validator takes about 18 µs over each
(issue 17). The plainest ones (``plain_email``) are answered without it, in the form it
would give: tests/unit/test_contact_details.py compares the two on generated and real
addresses, so the quick answer is only ever the library's own.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterable, Mapping
from types import ModuleType

from followup.domain.models import Contact
from followup.errors import BadInput

_MAX_DIGITS = 15  # the longest a phone number can be (ITU-T E.164)
_EXTENSION = r"(?i)^(?P<number>.*?)[\s,;]*(?:ext\.?|extension|x|#)\s*(?P<extension>[0-9]{1,7})$"
_LOOSE = r"\+?[0-9 ().\-/]+"
_DIGIT = r"[0-9]"
# Before the @, dot-separated runs of ASCII letters, digits and _ + -; after it, host name
# labels of ASCII letters, digits and inner hyphens, the last ending in a letter (as every
# top-level domain does). Compiled by re on first use, as the patterns above.
_PLAIN_EMAIL = (
    r"(?P<local>[a-z0-9_+\-]+(?:\.[a-z0-9_+\-]+)*)@"
    r"(?P<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?\.)+"
    r"(?:[A-Za-z0-9][A-Za-z0-9\-]*)?[A-Za-z])"
)
# Sizes email-validator keeps to (RFC 5321, RFC 1035).
_EMAIL_MAX, _DOMAIN_MAX, _LABEL_MAX = 254, 253, 63
# Enough for every distinct number and address of a big sheet or backup that repeats some.
_CACHED = 16_384


def normalise_contact(
    contact: Contact,
    phone_region: str | None = None,
    known_phones: Mapping[str, str] | None = None,
) -> Contact:
    """``contact`` with its phone and email checked and in normal form (blank ones as given).

    ``phone_region`` is a two-letter country code (``US``) that numbers without a ``+``
    are read in; see the module's docstring for what happens without one.
    ``known_phones`` holds numbers already checked in that region (``checked_phones``).
    """
    phone = contact.phone
    email = contact.email
    if phone is not None and phone.strip():
        known = known_phones.get(phone) if known_phones else None
        phone = known if known is not None else normalise_phone(phone, phone_region)
    if email is not None and email.strip():
        email = normalise_email(email)
    return contact._replace(phone=phone, email=email)


# A sheet or a backup names the same recruiter's number and address on many rows; each is
# checked once. Only answers are kept (a refusal ends the import anyway).
@functools.lru_cache(maxsize=_CACHED)
def normalise_phone(text: str, region: str | None = None) -> str:
    """A phone number in E.164 when it can be read for sure, else as typed (checked loosely)."""
    typed = " ".join(text.split())
    typed = text if typed == text else typed  # one copy of each number kept, not two
    if region is None and not typed.startswith("+"):
        return _loosely_checked(typed)
    phonenumbers = _phonenumbers()

    try:
        number = phonenumbers.parse(typed, region)
    except phonenumbers.NumberParseException as exc:
        if region is None:
            return _loosely_checked(typed)
        raise BadInput(f"{_shown(typed)} is not a phone number: {_parse_problem(exc)}") from None
    if not phonenumbers.is_valid_number(number):
        if region is None:
            return _loosely_checked(typed)
        raise BadInput(f"{_shown(typed)} is not a phone number: {_invalid(number, region)}")
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return f"{e164} ext. {number.extension}" if number.extension else e164


def needs_phonenumbers(text: str, region: str | None) -> bool:
    """Whether ``normalise_phone`` reads ``text`` with phonenumbers (the costly part)."""
    return region is not None or text.lstrip().startswith("+")


def checked_phones(texts: Iterable[str], region: str | None) -> dict[str, str]:
    """``normalise_phone``'s answer for each of ``texts`` it accepts; the others are left
    out (whoever reads the number in its place says what is wrong with it)."""
    found: dict[str, str] = {}
    for text in texts:
        with contextlib.suppress(BadInput):
            found[text] = normalise_phone(text, region)
    return found


@functools.lru_cache(maxsize=_CACHED)
def normalise_email(text: str) -> str:
    """An email address in ``email-validator``'s normal form; no network look-up."""
    typed = text.strip()
    plain = plain_email(typed)
    if plain is not None:
        return plain
    from email_validator import EmailNotValidError, validate_email

    try:
        checked = validate_email(typed, check_deliverability=False, test_environment=True)
    except EmailNotValidError as exc:
        said = " ".join(str(exc).split()).rstrip(".")
        reason = said[:1].lower() + said[1:]
        raise BadInput(f"{_shown(typed)} is not an email address: {reason}") from None
    return str(checked.normalized)


def plain_email(typed: str) -> str | None:
    """``typed`` as email-validator would give it back, for the plainest addresses only: an
    all-lower-case part before the @ (the library lower-cases some, like ``Info@``), a
    host name it takes whole (no ``--``, so no Punycode) and lower-cases, and not one of
    its special-use domains. None for any other address: the library decides those."""
    found = re.fullmatch(_PLAIN_EMAIL, typed)
    if found is None or len(typed) > _EMAIL_MAX:
        return None
    domain = found.group("domain").lower()
    if "--" in domain or len(domain) > _DOMAIN_MAX:
        return None
    if any(len(label) > _LABEL_MAX for label in domain.split(".")):
        return None
    from email_validator import SPECIAL_USE_DOMAIN_NAMES

    for special in SPECIAL_USE_DOMAIN_NAMES:
        # .test is for examples, and accepted (validate_email's test_environment).
        if special != "test" and (domain == special or domain.endswith(f".{special}")):
            return None
    plain = f"{found.group('local')}@{domain}"
    # The text itself when nothing changed: a sheet of 100,000 rows keeps one copy of each.
    return typed if plain == typed else plain


@functools.cache
def _phonenumbers() -> ModuleType:
    """phonenumbers, keeping every pattern it compiles (where it offers to): checking a
    number matches it against dozens of patterns, which the ``re`` module's own cache of
    512 drops and compiles again when many countries' numbers come in (issue 17)."""
    import phonenumbers

    keep_patterns = getattr(phonenumbers, "enable_pattern_cache", None)
    if keep_patterns is not None:
        keep_patterns()
    return phonenumbers


def _loosely_checked(typed: str) -> str:
    found = re.fullmatch(_EXTENSION, typed)
    number = found.group("number") if found else typed
    if not re.fullmatch(_LOOSE, number) or "+" in number[1:]:
        what = "letters" if re.search(r"[^\W\d_]", number) else "characters phones do not have"
        raise BadInput(
            f"{_shown(typed)} is not a phone number: it has {what} in it "
            "(use digits, spaces, + ( ) - . /, and 'ext. 12' for an extension)"
        )
    digits = len(re.findall(_DIGIT, number))
    if digits == 0:
        raise BadInput(f"{_shown(typed)} is not a phone number: it has no digits")
    if digits > _MAX_DIGITS:
        raise BadInput(
            f"{_shown(typed)} is not a phone number: it has {digits} digits, "
            f"and no phone number has more than {_MAX_DIGITS}"
        )
    return typed


def _parse_problem(exc: Exception) -> str:
    phonenumbers = _phonenumbers()

    error_type = getattr(exc, "error_type", None)
    reason = phonenumbers.NumberParseException
    if error_type == reason.INVALID_COUNTRY_CODE:
        return "the country code after + is not one that exists"
    if error_type in (reason.TOO_SHORT_NSN, reason.TOO_SHORT_AFTER_IDD):
        return "it is too short"
    if error_type == reason.TOO_LONG:
        return "it is too long"
    return "it does not read as a number"


def _invalid(number: object, region: str) -> str:
    phonenumbers = _phonenumbers()

    assert isinstance(number, phonenumbers.PhoneNumber)
    where = phonenumbers.region_code_for_number(number) or region
    result = phonenumbers.is_possible_number_with_reason(number)
    length = phonenumbers.ValidationResult
    if result == length.IS_POSSIBLE_LOCAL_ONLY:
        return f"it needs its area code in front to be dialled from anywhere in {where}"
    if result == length.TOO_SHORT:
        return f"it is too short for {where} (is the area code missing?)"
    if result == length.TOO_LONG:
        return f"it is too long for {where}"
    if result == length.INVALID_COUNTRY_CODE:
        return "the country code is not one that exists"
    return f"no number in {where} looks like it (check the digits, or write it with +country code)"


def _shown(text: str) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= 40 else flat[:37] + "...")
