"""The posting reader on pages no one should write: it reads what it can and never fails."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from followup.formats.posting import read_html, read_text


def test_json_ld_nested_past_what_python_can_decode_is_skipped_and_said_so() -> None:
    page = (
        '<script type="application/ld+json">' + "[" * 100_000 + "]" * 100_000 + "</script>"
        "<h1>Barista at Central Perk</h1>"
    )

    posting = read_html(page, None)

    assert posting.notes == ("skipped JSON-LD block 1: it is nested too deeply",)
    assert posting.role is not None
    assert posting.role.value == "Barista"


def test_json_ld_that_is_not_a_posting_is_passed_over() -> None:
    page = (
        '<script type="application/ld+json">{"@type": "JobPosting", "title": 7, '
        '"hiringOrganization": [], "datePosted": "last week"}</script>'
        '<script type="application/ld+json">"just a string"</script><title>Cook</title>'
    )

    posting = read_html(page, None)

    # A JobPosting without a usable title or company: nothing read from it, no crash.
    assert (posting.company, posting.posted_on) == (None, None)
    assert posting.role is not None
    assert posting.role.value == "7"


# Pieces of markup, JSON and contact details, in any order.
ANY_MARKUP = st.lists(
    st.sampled_from(
        [
            *"<>/=\"' ab@.+0123456789\n{}[]:;&#",
            "script",
            "div",
            "p",
            "br",
            "@type",
            "JobPosting",
            'type="application/ld+json"',
            "650 253 0000",
            "no calls",
        ]
    )
).map("".join)


@settings(max_examples=150, deadline=None)
@given(ANY_MARKUP)
def test_any_text_reads_as_a_posting_without_an_error(text: str) -> None:
    for posting in (read_html(text, "US"), read_text(text, "US")):
        assert all(p.strip() for p in posting.paragraphs)
