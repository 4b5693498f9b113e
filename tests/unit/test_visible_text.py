"""``visible`` answers printable text without its pattern (quick.text): that is only right if
no character the pattern spells out is one ``str.isprintable`` accepts."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from followup.quick.text import CONTROL_IN_LINES, visible


@given(st.text(st.characters(codec="utf-8")))
def test_printable_text_holds_nothing_visible_would_spell_out(text: str) -> None:
    if text.isprintable():
        assert re.search(CONTROL_IN_LINES, text) is None
        assert not set(text) & {"\t", "\n", "\r"}
        assert visible(text) == visible(text, lines=True) == text


def test_every_character_spelled_out_is_unprintable() -> None:
    spelled = [chr(c) for c in range(0x3000) if re.fullmatch(CONTROL_IN_LINES, chr(c))]
    assert len(spelled) > 60  # C0, DEL, C1 and the bidirectional controls
    assert not any(char.isprintable() for char in [*spelled, "\t", "\n", "\r"])
    assert visible("a\x1b[31mb\u202ec") == "a\\x1b[31mb\\u202ec"
