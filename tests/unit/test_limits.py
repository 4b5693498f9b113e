"""The text limits (followup.domain.limits): what every store holds, and what text may be."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import String

from followup.domain import limits
from followup.domain.limits import LONG, NAME, text_problem
from followup.storage import schema
from followup.storage.exchange import backup_schema


def test_each_limit_fits_its_column_on_every_store() -> None:
    """A String(n) column holds n characters on PostgreSQL; its rule must allow no more."""
    specs = backup_schema()
    for table in schema.metadata.sorted_tables:
        if table.name not in specs:
            continue
        for spec in specs[table.name]:
            column_type = table.c[spec.name].type
            if isinstance(column_type, String) and column_type.length is not None:
                assert spec.text.limit <= column_type.length, (table.name, spec.name)
    assert limits.MAX_ID < 2**31 - 1  # PostgreSQL's INTEGER


_LINE_BREAK = "holds a line break or tab; only notes, pitch, next steps and timeline may"


@pytest.mark.parametrize(
    ("text", "rule", "problem"),
    [
        ("Acme", NAME, None),
        ("A" * 200, NAME, None),
        ("A" * 201, NAME, "is too long (201 characters; at most 200 fit)"),
        ("Acme\x00", NAME, "holds a control character (\\x00), which text may not"),
        ("Acme\x7f", NAME, "holds a control character (\\x7f), which text may not"),
        ("Acme\x9b", NAME, "holds a control character (\\x9b), which text may not"),
        ("Acme\x00", LONG, "holds a control character (\\x00), which text may not"),
        ("a\nb", LONG, None),
        ("a\r\n\tb", LONG, None),
        ("a\u2028b", LONG, None),
        ("a\u2028b", NAME, _LINE_BREAK),
        ("a\tb", NAME, _LINE_BREAK),
        ("\ud800", LONG, "is not UTF-8 text (it holds a lone surrogate, \\ud800)"),
        ("Zoë ☃ 東京", NAME, None),
    ],
)
def test_what_text_may_be(text: str, rule: limits.TextRule, problem: str | None) -> None:
    assert text_problem(text, rule) == problem


@given(st.text(max_size=300))
def test_text_that_passes_can_be_stored_anywhere(text: str) -> None:
    if text_problem(text, NAME) is None:
        text.encode("utf-8")
        assert len(text) <= 200
        assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in text)
