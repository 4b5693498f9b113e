"""The morning view's own line wrapping (quick.view.wrap): textwrap's answer, without its
import, and never a line wider than asked, whatever the script."""

from __future__ import annotations

import textwrap

from hypothesis import given
from hypothesis import strategies as st

from followup.quick.view import cells, wrap

_WORDS = st.lists(st.text("abcdefghij-.,'", min_size=1, max_size=30), max_size=40)


@given(_WORDS, st.integers(30, 120))
def test_plain_text_wraps_as_textwrap_wraps_it(words: list[str], width: int) -> None:
    # Words that fit a line (textwrap cuts a longer one differently: it fills the line first).
    text = " ".join(words)
    assert wrap(text, width) == textwrap.wrap(text, width, break_on_hyphens=False)


def test_a_word_longer_than_a_line_is_cut_on_lines_of_its_own() -> None:
    assert wrap("ab cdefghij k", 5) == ["ab", "cdefg", "hij k"]
    assert wrap("漢字漢字漢 x", 4) == ["漢字", "漢字", "漢 x"]


@given(st.text(st.sampled_from("ab 漢字é\u3000"), max_size=200), st.integers(2, 80))
def test_no_line_is_wider_than_asked_and_no_word_is_lost(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(cells(line) <= width for line in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())
