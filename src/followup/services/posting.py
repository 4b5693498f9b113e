"""``add --from``: read a job posting, merge it with what was typed, and add it.

What the command line says always wins; what the posting says fills the rest and is
reported with where it was read, so the user can check it before (``--dry-run``) or
after saving. A posting that says "do not call" sets do-not-call (and "no calls or
emails" sets no-email too) unless the user passes ``--call-ok``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from followup.domain.contact_phrases import ContactRule, contact_rule
from followup.domain.models import ApplicationView, Contact
from followup.errors import BadInput, FollowupError, PageUnreadable
from followup.formats import fetch
from followup.formats.posting import (
    Posting,
    Read,
    contact_phrases,
    posting_sentences,
    read_html,
    read_text,
)
from followup.services.applications import (
    NewApplication,
    add_application,
    checked_application,
)
from followup.settings import DEFAULTS, Settings

STDIN = "-"
TYPED = "the command line"


@dataclass(frozen=True)
class Given:
    """What the user typed beside ``--from``; None (or False) leaves it to the posting."""

    applied_on: date
    company: str | None = None
    role: str | None = None
    contact: Contact = field(default_factory=Contact)
    do_not_call: bool = False
    call_ok: bool = False
    url: str | None = None
    pitch: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Readout:
    """What was read from the posting, for the user to check: each field with its value
    and where it came from, every contact detail found, and the "do not call" verdict."""

    source: str
    fields: tuple[tuple[str, Read], ...]
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    rule: ContactRule
    call_ok: bool
    guessed: bool
    notes: tuple[str, ...]


@dataclass(frozen=True)
class FromPosting:
    readout: Readout
    new: NewApplication
    # None with --dry-run: nothing was saved.
    view: ApplicationView | None


def read_source(
    source: str,
    *,
    stdin_text: str | None = None,
    phone_region: str | None = None,
    timeout: float = fetch.TIMEOUT_SECONDS,
) -> Posting:
    """The posting at ``source``: a web address, a saved file, or ``-`` (``stdin_text``)."""
    if source == STDIN:
        if not stdin_text or not stdin_text.strip():
            raise BadInput("nothing came in on stdin: paste the posting's text, then Ctrl-D")
        posting = read_text(stdin_text, phone_region)
        where = "the text on stdin"
    elif fetch.is_web_address(source):
        page = fetch.fetch(source, timeout=timeout)
        if page.content_type == "text/plain":
            posting = read_text(page.text, phone_region)
        else:
            posting = read_html(page.text, phone_region, page.url)
        where = source
    else:
        posting = read_html(_file_text(Path(source)), phone_region)
        where = source
    if not posting.has_text and posting.company is None and posting.role is None:
        raise PageUnreadable(
            f"{where} has no text to read (a page built by JavaScript looks like this): "
            "open it in your browser, save it once it has loaded, and pass the file instead "
            "(--from page.html)"
        )
    return posting


def _file_text(path: Path) -> str:
    try:
        data = path.expanduser().read_bytes()
    except OSError as exc:
        raise FollowupError(f"cannot read {path}: {exc.strerror}") from None
    if data.startswith(b"%PDF"):
        raise PageUnreadable(
            f"{path} is a PDF, not a web page: copy its text and paste it (--from -)"
        )
    return data.decode("utf-8", errors="replace")


def _typed(value: str | None) -> Read | None:
    return Read(value.strip(), TYPED) if value is not None and value.strip() else None


def _one(found: tuple[str, ...], typed: str | None) -> Read | None:
    """The contact detail to store: the typed one, else the only one found."""
    if typed:
        return Read(typed, TYPED)
    if len(found) == 1:
        return Read(found[0], "the posting's text")
    return None


def plan(source: str, posting: Posting, given: Given) -> tuple[Readout, NewApplication]:
    """The application to add: the typed values, filled in from the posting."""
    if given.do_not_call and given.call_ok:
        raise BadInput("--do-not-call and --call-ok say opposite things: give one of them")
    company = _typed(given.company) or posting.company
    role = _typed(given.role) or posting.role
    missing = [name for name, value in (("company", company), ("role", role)) if value is None]
    if missing:
        raise BadInput(_missing(source, posting, missing))
    assert company is not None
    assert role is not None
    url = _typed(given.url) or posting.url
    phone = _one(posting.phones, given.contact.phone)
    email = _one(posting.emails, given.contact.email)
    rule = contact_rule(posting_sentences(posting), contact_phrases())
    fields = [("company", company), ("role", role)]
    fields += [(name, value) for name, value in (("url", url), ("phone", phone)) if value]
    fields += [
        (name, value)
        for name, value in (
            ("email", email),
            ("posted", posting.posted_on),
            ("apply by", posting.apply_by),
        )
        if value
    ]
    readout = Readout(
        source=source,
        fields=tuple(fields),
        emails=posting.emails,
        phones=posting.phones,
        rule=rule,
        call_ok=given.call_ok,
        guessed=posting.guessed and (company.source != TYPED or role.source != TYPED),
        notes=posting.notes,
    )
    honour = not given.call_ok
    new = NewApplication(
        company=company.value,
        role=role.value,
        applied_on=given.applied_on,
        contact=given.contact._replace(
            phone=phone.value if phone else None,
            email=email.value if email else None,
        ),
        do_not_call=given.do_not_call or (honour and rule.no_calls),
        no_email=honour and rule.no_emails,
        url=url.value if url else None,
        pitch=given.pitch,
        note=_note(given.note, posting),
    )
    return readout, new


def _note(typed: str | None, posting: Posting) -> str | None:
    """The posting's dates go in the note, after anything typed: they are worth seeing in
    ``show`` (apply by when?) and have no field of their own."""
    dates = [
        f"{label} {read.value}"
        for label, read in (("posted", posting.posted_on), ("apply by", posting.apply_by))
        if read is not None
    ]
    if not dates:
        return typed
    line = f"Posting: {', '.join(dates)}."
    return f"{typed.rstrip()}\n{line}" if typed and typed.strip() else line


def _missing(source: str, posting: Posting, missing: list[str]) -> str:
    read = [
        f"{name} {r.value!r} ({r.source})"
        for name, r in (("company", posting.company), ("role", posting.role), ("url", posting.url))
        if r is not None
    ]
    found = f"{len(posting.emails)} email(s), {len(posting.phones)} phone(s)"
    what = " or ".join(missing)
    options = " and ".join(f"--{name}" for name in missing)
    said = "; ".join([*read, found])
    them = "them" if len(missing) > 1 else "it"
    return (
        f"no {what} could be read from {shown_source(source)} (it read: {said}): "
        f"give {them} with {options}"
    )


def shown_source(source: str) -> str:
    """The source as the user knows it: ``-`` is the text they pasted."""
    return "the text on stdin" if source == STDIN else source


def add_from_posting(
    db: str,
    today: date,
    source: str,
    posting: Posting,
    given: Given,
    *,
    dry_run: bool = False,
    settings: Settings = DEFAULTS,
) -> FromPosting:
    """Plan the application from the posting and, unless ``dry_run``, add it."""
    readout, new = plan(source, posting, given)
    if dry_run:
        checked_application(today, new)  # refused as it would be when saved
        return FromPosting(readout, new, None)
    return FromPosting(readout, new, add_application(db, today, new, settings=settings))
