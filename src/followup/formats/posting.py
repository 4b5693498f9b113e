"""Reading a job posting: a saved or fetched HTML page, or text pasted on stdin.

In the order of trust:

1. the schema.org ``JobPosting`` in JSON-LD (``<script type="application/ld+json">``,
   also inside ``@graph`` or a list); a script that is not valid JSON is skipped and
   said so; with several postings on the page, the one whose ``url`` is the page's own,
   else the first;
2. a ``JobPosting`` in microdata (``itemtype=".../JobPosting"`` and its ``itemprop``s);
3. guesses from ``og:title``/``og:site_name``, ``<title>`` and ``<h1>``, labelled so.

Every value comes with where it was read (``JobPosting.hiringOrganization.name``), so
the user can check it. The page's text, split into paragraphs at its block elements
(never by regular expressions over HTML), is where contact details and "do not call"
are looked for. The HTML parser is ``selectolax`` (lexbor), imported only here.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from followup.domain.contact_phrases import PhraseBook, phrase_book, sentences

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

PHRASES_FILE = "data/contact_phrases.toml"

# Elements whose text is never shown to a reader.
_HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe"})
# Elements that start a new paragraph: the text before and after them is not one sentence.
_BLOCKS = frozenset(
    (
        *("address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "fieldset"),
        *("figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6"),
        *("header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table"),
        *("tbody", "td", "tfoot", "th", "thead", "tr", "ul", "body", "html", "option"),
    )
)
# A line break inside a paragraph: the sentence goes on across it.
_BREAKS = frozenset({"br", "wbr"})
_BULLET = re.compile(r"^\s*(?:[-*\u2022\u25aa\u2013]|\d+[.)])\s+")
# An address in plain text; each one found is then checked by email-validator.
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_TITLE_AT = re.compile(r"^(?:job application for\s+)?(?P<role>.+?)\s+at\s+(?P<company>.+)$", re.I)
_TITLE_PARTS = re.compile(r"\s+[|\u2013\u2014-]\s+")


@dataclass(frozen=True)
class Read:
    """One value read from the posting, and where it came from."""

    value: str
    source: str


@dataclass(frozen=True)
class Posting:
    """What a posting says. ``guessed`` is true when company and role come from the
    page's title rather than a ``JobPosting``; ``notes`` say what was skipped."""

    company: Read | None = None
    role: Read | None = None
    url: Read | None = None
    posted_on: Read | None = None
    apply_by: Read | None = None
    guessed: bool = False
    paragraphs: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def has_text(self) -> bool:
        return any(p.strip() for p in self.paragraphs)


@cache
def contact_phrases() -> PhraseBook:
    """The shipped wordings of "do not call" (package data, read once)."""
    text = files("followup").joinpath(PHRASES_FILE).read_text(encoding="utf-8")
    return phrase_book(tomllib.loads(text))


def read_text(text: str, phone_region: str | None) -> Posting:
    """A posting pasted as plain text: no structure to read, only its words and contacts.

    Paragraphs end at blank lines and bullets; a single line break inside one is just a
    space (text copied from a page is often wrapped)."""
    if text.lstrip().startswith("<"):
        return read_html(text, phone_region)
    paragraphs: list[str] = []
    current: list[str] = []
    for line in text.splitlines():
        if not line.strip() or _BULLET.match(line):
            if current:
                paragraphs.append(" ".join(current))
            current = [_BULLET.sub("", line).strip()] if line.strip() else []
        else:
            current.append(line.strip())
    if current:
        paragraphs.append(" ".join(current))
    found = tuple(p for p in paragraphs if p)
    emails, phones = find_contacts(found, (), phone_region)
    return Posting(paragraphs=found, emails=emails, phones=phones)


def read_html(html: str, phone_region: str | None, page_url: str | None = None) -> Posting:
    """A posting from an HTML page (see the module's docstring for the order)."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    notes: list[str] = []
    postings = list(_json_ld_postings(tree, notes))
    canonical = _canonical(tree) or page_url
    if postings:
        chosen = _choose(postings, canonical)
        if len(postings) > 1:
            notes.append(f"the page has {len(postings)} JobPostings; read the one at {chosen[1]}")
        posting = _from_json_ld(chosen[0])
    else:
        posting = _from_microdata(tree) or _guessed(tree)
    page_text = _paragraphs(tree.root) if tree.root is not None else []
    paragraphs = (*posting.paragraphs, *page_text)
    mailto, tel = _links(tree)
    emails, phones = find_contacts(paragraphs, (*mailto, *tel), phone_region)
    url = posting.url or (Read(canonical, "the page's address") if canonical else None)
    return Posting(
        company=posting.company,
        role=posting.role,
        url=url,
        posted_on=posting.posted_on,
        apply_by=posting.apply_by,
        guessed=posting.guessed,
        paragraphs=paragraphs,
        emails=emails,
        phones=phones,
        notes=tuple(notes),
    )


# --- JSON-LD ------------------------------------------------------------------------------


def _json_ld_postings(tree: Any, notes: list[str]) -> Iterator[dict[str, Any]]:
    for number, script in enumerate(tree.css('script[type="application/ld+json"]'), 1):
        try:
            data = json.loads(script.text(deep=True) or "null", strict=False)
        except json.JSONDecodeError:
            notes.append(f"skipped JSON-LD block {number}: it is not valid JSON")
            continue
        except RecursionError:  # a hostile page's nesting
            notes.append(f"skipped JSON-LD block {number}: it is nested too deeply")
            continue
        yield from _job_postings(data)


def _job_postings(data: object, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every JobPosting object in a JSON-LD value: itself, in a list, in ``@graph``."""
    if depth > 20:  # a hostile page's nesting ends here
        return
    if isinstance(data, list):
        for item in data:
            yield from _job_postings(item, depth + 1)
    elif isinstance(data, dict):
        kind = data.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if "JobPosting" in kinds:
            yield data
        elif "@graph" in data:
            yield from _job_postings(data["@graph"], depth + 1)


def _choose(postings: list[dict[str, Any]], canonical: str | None) -> tuple[dict[str, Any], str]:
    for number, posting in enumerate(postings, 1):
        if canonical and _string(posting.get("url")) == canonical:
            return posting, f"the page's own address (number {number})"
    return postings[0], "the top of the page (the first)"


def _string(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _from_json_ld(data: dict[str, Any]) -> Posting:
    where = "JobPosting"
    organization = data.get("hiringOrganization")
    if isinstance(organization, list) and organization:
        organization = organization[0]
    company = None
    if isinstance(organization, dict) and _string(organization.get("name")):
        company = Read(str(_string(organization.get("name"))), f"{where}.hiringOrganization.name")
    elif _string(organization):
        company = Read(str(_string(organization)), f"{where}.hiringOrganization")
    title = _string(data.get("title"))
    url = _string(data.get("url"))
    description = data.get("description")
    return Posting(
        company=company,
        role=Read(title, f"{where}.title") if title else None,
        url=Read(url, f"{where}.url") if url else None,
        posted_on=_day(_string(data.get("datePosted")), f"{where}.datePosted"),
        apply_by=_day(_string(data.get("validThrough")), f"{where}.validThrough"),
        paragraphs=tuple(_description(description)) if isinstance(description, str) else (),
    )


def _day(value: str | None, source: str) -> Read | None:
    """An ISO date or date-time as a date; anything else is left out."""
    if value is None:
        return None
    try:
        return Read(date.fromisoformat(value[:10]).isoformat(), source)
    except ValueError:
        return None


def _description(text: str) -> list[str]:
    """A description's paragraphs: it is HTML more often than not, sometimes escaped."""
    from selectolax.lexbor import LexborHTMLParser

    if "<" not in text and "&lt;" in text:
        import html

        text = html.unescape(text)
    root = LexborHTMLParser(text).root
    return _paragraphs(root) if root is not None else []


# --- microdata and guesses ----------------------------------------------------------------


def _from_microdata(tree: Any) -> Posting | None:
    scope = tree.css_first('[itemscope][itemtype*="schema.org/JobPosting"]')
    if scope is None:
        return None
    where = "microdata JobPosting"

    def prop(name: str, within: LexborNode = scope) -> tuple[LexborNode | None, str | None]:
        node = within.css_first(f'[itemprop="{name}"]')
        if node is None:
            return None, None
        attributes = node.attributes
        for attribute in ("content", "datetime", "href"):
            if _string(attributes.get(attribute)):
                return node, _string(attributes.get(attribute))
        return node, _string(node.text(deep=True, separator=" "))

    organization, organization_text = prop("hiringOrganization")
    company = None
    if organization is not None:
        _, name = prop("name", organization)
        if name:
            company = Read(name, f"{where}: hiringOrganization name")
        elif organization_text:
            company = Read(organization_text, f"{where}: hiringOrganization")
    _, title = prop("title")
    _, url = prop("url")
    _, posted = prop("datePosted")
    _, through = prop("validThrough")
    description, _ = prop("description")
    return Posting(
        company=company,
        role=Read(title, f"{where}: title") if title else None,
        url=Read(url, f"{where}: url") if url else None,
        posted_on=_day(posted, f"{where}: datePosted"),
        apply_by=_day(through, f"{where}: validThrough"),
        paragraphs=tuple(_paragraphs(description)) if description is not None else (),
    )


def _meta(tree: Any, name: str) -> str | None:
    node = tree.css_first(f'meta[property="{name}"]') or tree.css_first(f'meta[name="{name}"]')
    return _string(node.attributes.get("content")) if node is not None else None


def _guessed(tree: Any) -> Posting:
    """Company and role from the page's titles: a guess, and said to be one."""
    site = _meta(tree, "og:site_name")
    candidates = [
        (_meta(tree, "og:title"), "og:title"),
        (_text_of(tree.css_first("title")), "<title>"),
        (_text_of(tree.css_first("h1")), "<h1>"),
    ]
    for title, source in candidates:
        if not title:
            continue
        at = _TITLE_AT.match(title)
        if at:
            company = _TITLE_PARTS.split(at["company"])[0]
            return Posting(
                company=Read(company, f"a guess from {source}"),
                role=Read(at["role"], f"a guess from {source}"),
                guessed=True,
            )
        parts = [p for p in _TITLE_PARTS.split(title) if p]
        role = Read(parts[0], f"a guess from {source}")
        if site:
            return Posting(company=Read(site, "a guess from og:site_name"), role=role, guessed=True)
        company = Read(parts[1], f"a guess from {source}") if len(parts) > 1 else None
        return Posting(company=company, role=role, guessed=True)
    if site:
        return Posting(company=Read(site, "a guess from og:site_name"), guessed=True)
    return Posting()


def _text_of(node: LexborNode | None) -> str | None:
    return None if node is None else _string(node.text(deep=True, separator=" "))


def _canonical(tree: Any) -> str | None:
    link = tree.css_first('link[rel="canonical"]')
    if link is not None and _string(link.attributes.get("href")):
        return _string(link.attributes.get("href"))
    return _meta(tree, "og:url")


def _links(tree: Any) -> tuple[list[str], list[str]]:
    """Addresses in ``mailto:`` links and numbers in ``tel:`` links."""
    mail: list[str] = []
    tel: list[str] = []
    for link in tree.css("a[href]"):
        href = (link.attributes.get("href") or "").strip()
        if href.lower().startswith("mailto:"):
            mail.append(href[7:].split("?")[0])
        elif href.lower().startswith("tel:"):
            tel.append(href[4:])
    return mail, tel


# --- text ---------------------------------------------------------------------------------


def _paragraphs(root: LexborNode) -> list[str]:
    """The visible text under ``root``, one string per block (walked without recursion,
    so a deeply nested page cannot exhaust the stack)."""
    found: list[str] = []
    current: list[str] = []
    stack: list[LexborNode | None] = [root]
    while stack:
        node = stack.pop()
        if node is None or node.tag in _BLOCKS:
            # None marks the end of a block; a block's start also ends the text before it.
            if current:
                found.append(" ".join("".join(current).split()))
                current = []
            if node is None:
                continue
        if node.tag == "-text":
            current.append(node.text_content or "")
            continue
        if node.tag in _BREAKS:
            current.append(" ")
            continue
        if node.tag is None or node.tag in _HIDDEN or node.tag.startswith("-"):
            continue
        children = list(node.iter(include_text=True))
        if node.tag in _BLOCKS:
            stack.append(None)
        stack.extend(reversed(children))
    if current:
        found.append(" ".join("".join(current).split()))
    return [p for p in found if p]


def find_contacts(
    paragraphs: tuple[str, ...], links: tuple[str, ...], phone_region: str | None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The distinct email addresses and phone numbers in the text and links, each in its
    normal form (invalid ones left out). Phones are found by ``phonenumbers``' matcher in
    ``phone_region`` (without one, only numbers written with +country code)."""
    import phonenumbers

    from followup.domain.contact_details import normalise_email
    from followup.errors import BadInput

    text = "\n".join((*paragraphs, *links))
    emails: dict[str, None] = {}
    for candidate in _EMAIL.findall(text):
        try:
            emails[normalise_email(candidate.strip("."))] = None
        except BadInput:
            continue
    phones: dict[str, None] = {}
    for match in phonenumbers.PhoneNumberMatcher(text, phone_region or "ZZ"):
        number = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        if match.number.extension:
            number += f" ext. {match.number.extension}"
        phones[number] = None
    return tuple(emails), tuple(phones)


def posting_sentences(posting: Posting) -> list[str]:
    """The posting's text as sentences, for the "do not call" rule."""
    return list(dict.fromkeys(sentences(dict.fromkeys(posting.paragraphs))))
