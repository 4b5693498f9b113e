"""What stored text and ids may be, wherever they come from: typed, imported or restored.

One set of limits for every store. PostgreSQL refuses a ``VARCHAR(200)`` value of 201
characters where SQLite keeps it, so a history that SQLite accepted could not move to a
server; the limits here are what every store holds (``storage.schema`` sizes its columns
from them, and a test checks that they agree). Single-line fields (names, phone, links)
hold no control characters at all; multi-line ones (notes, pitch, next steps) may hold
line breaks and tabs, nothing else below the space. Each check raises ``BadInput`` naming
the field and the limit.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from followup.domain.models import Application, Interview, Touch
from followup.errors import BadInput


class TextRule(NamedTuple):
    """How long a field's text may be, and whether it may run over several lines."""

    limit: int
    multiline: bool = False


NAME = TextRule(200)  # company, role, contact, interviewer
PHONE = TextRule(50)
EMAIL = TextRule(320)  # RFC 3696's longest address
URL = TextRule(2_000)  # what browsers and servers reliably take
TITLE = TextRule(500)
QUESTION = TextRule(2_000)
DETAIL = TextRule(500)  # a competitor, a market problem: words that go into a question
LONG = TextRule(10_000, multiline=True)  # notes, pitch, next steps, timeline, answers

# Ids a backup may hold, and the id counters it may restore. PostgreSQL's INTEGER column
# stops at 2**31 - 1; stopping at 2**30 leaves room for a billion more rows on any store, so
# that `add` keeps working after a restore (issue 11 allowed up to 2**53, which SQLite
# would take and PostgreSQL would not).
MAX_ID = 2**30

# Below the space, DEL and the C1 block: control characters (Unicode category Cc), and the
# two Unicode line and paragraph separators. A multi-line field may hold tabs and line breaks.
_LINE_BREAKS = frozenset("\n\r\t\u2028\u2029")
_NOT_IN_ONE_LINE = "[\x00-\x1f\x7f-\x9f\u2028\u2029]"
_NOT_IN_TEXT = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
_SURROGATE = "[\ud800-\udfff]"


def text_problem(text: str, rule: TextRule) -> str | None:
    """What is wrong with ``text`` for a field with ``rule``, as words after its name; or None."""
    if text.isascii() and text.isprintable() and len(text) <= rule.limit:
        # Printable ASCII holds no surrogate and no control character (the usual case,
        # a million times in a big restore): the searches below would find nothing.
        return None
    surrogate = re.search(_SURROGATE, text)
    if surrogate is not None:
        # JSON can spell one (\\ud800); no store and no terminal can take it.
        return f"is not UTF-8 text (it holds a lone surrogate, {_code(surrogate.group())})"
    if len(text) > rule.limit:
        return f"is too long ({len(text):,} characters; at most {rule.limit:,} fit)"
    found = re.search(_NOT_IN_TEXT if rule.multiline else _NOT_IN_ONE_LINE, text)
    if found is None:
        return None
    if found.group() in _LINE_BREAKS:
        return "holds a line break or tab; only notes, pitch, next steps and timeline may"
    return f"holds a control character ({_code(found.group())}), which text may not"


def _code(character: str) -> str:
    return character.encode("unicode_escape", "backslashreplace").decode("ascii")


# A link as a browser takes it: http or https, a host with a dot in it (or localhost).
_WEB_ADDRESS = r"https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?|https?://localhost\S*"


def web_address_problem(text: str) -> str | None:
    """Why ``text`` is not a whole web address (``https://...``), or None when it is."""
    if re.fullmatch(_WEB_ADDRESS, text):
        return None
    return f"{text!r} is not a web address; give the whole link, starting with https://"


def check_text(text: str | None, what: str, rule: TextRule) -> str | None:
    """``text`` as it is if it fits ``rule``, else ``BadInput`` naming ``what``."""
    if text is not None:
        problem = text_problem(text, rule)
        if problem is not None:
            raise BadInput(f"{what} {problem}")
    return text


def check_application(app: Application) -> Application:
    """Every text field of ``app`` within its limit, else ``BadInput`` naming the first not."""
    check_text(app.company, "the company", NAME)
    check_text(app.role, "the role", NAME)
    check_text(app.contact.name, "the contact", NAME)
    check_text(app.contact.phone, "the phone number", PHONE)
    check_text(app.contact.email, "the email address", EMAIL)
    check_text(app.url, "the link (url)", URL)
    check_text(app.pitch, "the pitch", LONG)
    check_text(app.note, "the note", LONG)
    return app


def check_touch(touch: Touch) -> Touch:
    check_text(touch.note, "the note", LONG)
    return touch


def check_interview(interview: Interview) -> Interview:
    for name in interview.with_:
        check_text(name, "an interviewer's name", NAME)
    check_text(interview.next_steps, "the next steps", LONG)
    check_text(interview.timeline, "the timeline", LONG)
    return interview
