"""Where the database is, read from what the user gave, and shown without its secrets.

A location is a file path or a SQLAlchemy URL, which may hold a password (after the user
name, or as ``?password=`` in the query). Every message that names the database shows it
through ``shown``, and every driver message passes through ``scrubbed``. A URL that
SQLAlchemy cannot read, or reads wrongly (an ``@`` left unencoded in the password makes it
take the rest of the password for the host), is masked by hand, hiding too much rather
than too little.
"""

from __future__ import annotations

import contextlib
import re
from urllib.parse import unquote

from sqlalchemy import URL
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from followup.errors import BadInput

MASK = "***"
# Query keys whose values are secrets, or may be: password, sslpassword, a token...
_SECRET_KEY = re.compile(r"pass|pwd|secret|token", re.IGNORECASE)
_SECRET_IN_QUERY = re.compile(r"([?&][^=&#]*(?:pass|pwd|secret|token)[^=&#]*=)[^&#]*", re.I)
_QUERY_PAIR = re.compile(r"[?&]([^=&#]*)=([^&#]*)")
# The databases followup keeps its data in, and how to name each with a driver it can use
# (asynchronous drivers need an event loop that followup does not run).
_USABLE = {"sqlite": "sqlite:///PATH", "postgresql": "postgresql+psycopg://"}


def _is_url(location: str) -> bool:
    return "://" in location


# user:password@host, typed without the scheme in front: not a file name anybody means
# (a Windows drive, C:\\..., is one).
_SERVER_WITHOUT_SCHEME = re.compile(r"(?![A-Za-z]:[\\/])[^/\\:@\s]+:[^@]*@")


def _looks_like_server(location: str) -> bool:
    return not _is_url(location) and _SERVER_WITHOUT_SCHEME.match(location) is not None


def _split(location: str) -> tuple[str, str]:
    """``location`` as the scheme with its ``://``, and the rest (user, host, database...)."""
    if _is_url(location):
        scheme, rest = location.split("://", 1)
        return f"{scheme}://", rest
    return "", location


def _parsed(location: str) -> URL | None:
    """The URL as SQLAlchemy reads it, or None when it cannot read it right."""
    try:
        url = make_url(location)
    except (ArgumentError, ValueError):
        return None
    # SQLAlchemy ends the password at its first '@': one more in the host means it split it.
    if "@" in (url.host or ""):
        return None
    return url


# What SQLAlchemy reads as user and password: the user to the first ':', the password to
# the first '@'.
_USER_AND_PASSWORD = re.compile(r"^([^:/]*):[^@]*@")


def shown(location: str) -> str:
    """The database as it may be printed: a URL's password, wherever it is, is ``***``.

    The rest is shown as the user wrote it. Where SQLAlchemy cannot read the URL right, the
    password is taken to run to the last '@' (it may hold '/', ':' or '@' unencoded).
    """
    if not _is_url(location) and not _looks_like_server(location):
        return location
    scheme, rest = _split(location)
    if _parsed(location) is not None:
        rest = _USER_AND_PASSWORD.sub(rf"\1:{MASK}@", rest, count=1)
    else:
        userinfo, at, after = rest.rpartition("@")
        if at and ":" in userinfo:
            rest = f"{userinfo.split(':', 1)[0]}:{MASK}@{after}"
    # And should a password still show anywhere (the URL's reading and this one differ):
    # (A short password is left to the masking above: it would mask pieces of the scheme.)
    return _without_secrets(scheme + _SECRET_IN_QUERY.sub(rf"\1{MASK}", rest), location, 4)


def _secrets(location: str) -> list[str]:
    """Every string in ``location`` that may be a password, longest first."""
    if not _is_url(location) and not _looks_like_server(location):
        return []
    found: set[str] = set()
    userinfo, at, _ = _split(location)[1].rpartition("@")
    if at and ":" in userinfo and _parsed(location) is None:
        found.add(userinfo.split(":", 1)[1])
    with contextlib.suppress(ArgumentError, ValueError):
        # Even where it reads the URL wrongly: the driver is given what it reads.
        password = make_url(location).password
        if password:
            found.update({str(password), *(p for p in str(password).split("@") if len(p) > 3)})
    for key, value in _QUERY_PAIR.findall(location):
        if _SECRET_KEY.search(unquote(key)):
            found.add(value)
    # A driver shows what it was given: the URL's text with its %-escapes undone.
    found |= {unquote(secret) for secret in found}
    return sorted((secret for secret in found if secret), key=len, reverse=True)


def _without_secrets(text: str, location: str, shortest: int = 1) -> str:
    for secret in _secrets(location):
        if len(secret) >= shortest:
            text = text.replace(secret, MASK)
    return text


def scrubbed(text: str, location: str) -> str:
    """A driver's message on one line, with anything that may be the URL's password masked."""
    return _without_secrets(" ".join(text.split()), location)


def check_location(location: str) -> None:
    """Refuse, in one line, a location that cannot name a followup database (``BadInput``)."""
    if _looks_like_server(location):
        raise BadInput(
            f"{shown(location)} looks like a database server without its scheme; "
            "write postgresql+psycopg:// in front of it"
        )
    if _is_url(location):
        _checked_url(location)


def _checked_url(location: str) -> URL:
    url = _parsed(location)
    if url is None:
        try:
            make_url(location)
        except ArgumentError:
            why = "it is not a database URL (such as postgresql+psycopg://USER@HOST/DBNAME)"
        except ValueError:
            why = "its port is not a number"
        else:
            why = "it has an '@' in the password; write it as %40"
        raise BadInput(f"cannot read the database URL {shown(location)}: {why}")
    backend = url.get_backend_name()
    if backend not in _USABLE:
        raise BadInput(
            f"{shown(location)} is a {backend} database; followup keeps its data in SQLite "
            "or PostgreSQL (postgresql+psycopg://USER@HOST/DBNAME)"
        )
    try:
        is_async = url.get_dialect().is_async
    except ArgumentError:
        raise BadInput(
            f"{shown(location)} names a driver SQLAlchemy does not know "
            f"({url.get_driver_name()}); for PostgreSQL write postgresql+psycopg://"
        ) from None
    if is_async:
        raise BadInput(
            f"{shown(location)} names an asynchronous driver ({url.get_driver_name()}), "
            f"which followup cannot use; write {_USABLE[backend]} instead"
        )
    if backend == "sqlite" and url.database in (None, "", ":memory:"):
        raise BadInput(
            f"{shown(location)} is a database in memory, which keeps nothing between "
            "commands; give a file: sqlite:///PATH or just PATH"
        )
    return url
