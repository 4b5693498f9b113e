"""Whose applications a command works on: one database can hold several job seekers'.

One way to choose: ``--profile``, then ``FOLLOWUP_PROFILE``, then ``default``. The CLI
sets the profile for the length of one command (``profile_in_use``); the store scopes
every query to it (``storage.engine.transaction``) and so does the morning view's fast path.
Standard library only: it is on the path of every command, ``followup due`` included.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

PROFILE_ENV = "FOLLOWUP_PROFILE"
DEFAULT_PROFILE = "default"
# Letters, digits and . _ @ - : safe in a URL, a file name and a shell, and easy to type.
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,99}")

_active: ContextVar[str] = ContextVar("followup_profile", default=DEFAULT_PROFILE)


def profile_problem(name: str) -> str | None:
    """Why ``name`` cannot name a profile, or None when it can."""
    if _NAME.fullmatch(name):
        return None
    return (
        f"{name!r} cannot name a profile: use up to 100 letters, digits, '.', '_', '@' "
        "or '-', starting with a letter or digit"
    )


def active_profile() -> str:
    """The profile this command works on (``default`` outside a command)."""
    return _active.get()


@contextmanager
def profile_in_use(name: str) -> Iterator[str]:
    """Work on profile ``name`` inside the block, then go back to the one before."""
    problem = profile_problem(name)
    if problem is not None:
        raise ValueError(problem)
    token = _active.set(name)
    try:
        yield name
    finally:
        _active.reset(token)
