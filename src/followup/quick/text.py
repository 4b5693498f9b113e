"""Stored text as text: every control character spelled out (see cli/render/text.py, which
adds rich's side). Standard library only, for the console script's morning path."""

from __future__ import annotations

import re

# C0 controls, DEL and C1 controls (a terminal may read U+009B as the start of a command),
# and the bidirectional overrides and isolates that make text display in another order
# than it is stored in.
_REORDERING = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Patterns as text, compiled by re when first needed: most text has no such character, and
# ``str.isprintable`` says so first (every character here is one it calls unprintable).
_CONTROL = f"[\x00-\x1f\x7f-\x9f{_REORDERING}]"
# In multi-line text (notes), line breaks and tabs are text; a Windows line end is one break.
CONTROL_IN_LINES = f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_REORDERING}]"
_SHORT_NAMES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _spelled(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _SHORT_NAMES:
        return _SHORT_NAMES[char]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, lines: bool = False) -> str:
    """``text`` with every control character spelled out (ESC as ``\\x1b``).

    With ``lines``, for a note shown on several lines, line breaks and tabs stay as they are.
    """
    if text.isprintable():
        return text
    if lines:
        return re.sub(CONTROL_IN_LINES, _spelled, text.replace("\r\n", "\n"))
    return re.sub(_CONTROL, _spelled, text)
