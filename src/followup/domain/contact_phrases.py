"""Does a job posting say "do not call" (or "do not email")? The rule, as a pure function.

The wordings are data (``followup/data/contact_phrases.toml``, loaded by
``formats.posting``): regular expressions tried one sentence at a time against the
posting's plain text. A sentence that only speaks to agencies and recruiters
("recruiters need not call") forbids the applicant nothing, unless it names applicants
too. The sentences that decided are kept, so the user can see why.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from followup.errors import BadInput

GROUPS = (
    "no_calls_or_emails",
    "no_calls",
    "no_emails",
    "only_for_agencies",
    "also_for_applicants",
)

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")
_SPACE = re.compile(r"\s+")
_CURLY = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


@dataclass(frozen=True)
class PhraseBook:
    """The compiled wordings, one tuple per group of the data file."""

    no_calls_or_emails: tuple[re.Pattern[str], ...]
    no_calls: tuple[re.Pattern[str], ...]
    no_emails: tuple[re.Pattern[str], ...]
    only_for_agencies: tuple[re.Pattern[str], ...]
    also_for_applicants: tuple[re.Pattern[str], ...]


def phrase_book(data: Mapping[str, object]) -> PhraseBook:
    """The wordings of a parsed data file; ``BadInput`` names a group that is missing or
    not a list of valid regular expressions."""
    compiled: dict[str, tuple[re.Pattern[str], ...]] = {}
    for group in GROUPS:
        patterns = data.get(group)
        if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
            raise BadInput(f"the contact phrases need {group!r} as a list of strings")
        try:
            compiled[group] = tuple(re.compile(p) for p in patterns)
        except re.error as exc:
            raise BadInput(f"the contact phrases in {group!r} have a bad pattern: {exc}") from None
    return PhraseBook(**compiled)


@dataclass(frozen=True)
class ContactRule:
    """What the posting allows. ``deciding`` holds the sentences that forbid something;
    ``ignored`` those that looked like it but spoke only to agencies or recruiters."""

    no_calls: bool = False
    no_emails: bool = False
    deciding: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()


def plain(text: str) -> str:
    """One sentence as the phrases read it: lower case, straight quotes, single spaces."""
    return _SPACE.sub(" ", text.translate(_CURLY)).strip().lower()


def sentences(paragraphs: Iterable[str]) -> list[str]:
    """The sentences of some paragraphs (one per block of the page or line of pasted
    text), each on one line. A paragraph break always ends a sentence: a bulleted
    "No calls" stays apart from the next bullet."""
    found: list[str] = []
    for paragraph in paragraphs:
        flat = _SPACE.sub(" ", paragraph).strip()
        found.extend(part for part in _SENTENCE_END.split(flat) if part)
    return found


def _matches(patterns: Iterable[re.Pattern[str]], text: str) -> bool:
    return any(p.search(text) for p in patterns)


def contact_rule(found: Iterable[str], book: PhraseBook) -> ContactRule:
    """What the sentences ``found`` forbid the applicant: calls, emails, or both."""
    no_calls = no_emails = False
    deciding: list[str] = []
    ignored: list[str] = []
    for sentence in found:
        text = plain(sentence)
        both = _matches(book.no_calls_or_emails, text)
        calls = both or _matches(book.no_calls, text)
        emails = both or _matches(book.no_emails, text)
        if not (calls or emails):
            continue
        if _matches(book.only_for_agencies, text) and not _matches(book.also_for_applicants, text):
            ignored.append(sentence)
            continue
        no_calls, no_emails = no_calls or calls, no_emails or emails
        deciding.append(sentence)
    return ContactRule(no_calls, no_emails, tuple(deciding), tuple(ignored))
