"""Which channel a follow-up can use: only one with details on file.

Suggesting "email Sam" with no address on file sends the user hunting, or worse, to the
switchboard. So the choice is made from what is on file: the interviewer's stated
preference when its details are there; otherwise the other channel, saying plainly why
and how to add the missing detail; with neither, only what to add. Before any preference
is stated, a posting that asked candidates not to call rules calls out, and one that
asked for no emails (``no_email``, read by ``add --from``) rules email out. docs/rules.md
("Which channel") has the table; tests/unit/test_channels.py checks every combination.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from followup.domain.models import Action, Application, Channel, Interview


class ChannelChoice(NamedTuple):
    """The action to suggest, or None when no channel can be used; and the words for the
    user when the choice is not the plain one (a preference that cannot be met, or what
    to add when nothing can be used)."""

    action: Action | None
    note: str | None = None


def preferred_channel(interviews: Iterable[Interview]) -> Channel | None:
    """The channel the latest interview that recorded one said they prefer."""
    stated = [i for i in interviews if i.prefers is not None]
    if not stated:
        return None
    return max(stated, key=lambda i: (i.on, i.id)).prefers


# The words are stored with the verdict, so they name the application as the command's
# help does (APP_ID), not by its id: ids change when a history moves to another database,
# and a spreadsheet import judges rows before the database numbers them.
def _add_phone(app: Application) -> str:
    return "followup edit APP_ID --phone NUMBER"


def _add_email(app: Application) -> str:
    return "followup edit APP_ID --email ADDRESS"


def choose(app: Application, prefers: Channel | None) -> ChannelChoice:
    """The channel for a follow-up after an interview, from the preference and the details."""
    phone, email = bool(app.contact.phone), bool(app.contact.email)
    if prefers is Channel.CALL:
        if phone:
            return ChannelChoice(Action.CALL)
        if email:
            return ChannelChoice(
                Action.EMAIL,
                "They prefer a call, but there is no phone number on file: email, "
                f"or add one with {_add_phone(app)}",
            )
        return ChannelChoice(
            None,
            "They prefer a call, but there is no phone number or email on file: "
            f"add one with {_add_phone(app)}",
        )
    if prefers is Channel.EMAIL:
        if email:
            return ChannelChoice(Action.EMAIL)
        if phone:
            return ChannelChoice(
                Action.CALL,
                "They prefer email, but there is no email on file: call, "
                f"or add one with {_add_email(app)}",
            )
        return ChannelChoice(
            None,
            "They prefer email, but there is no email or phone number on file: "
            f"add one with {_add_email(app)}",
        )
    callable_ = phone and not app.do_not_call
    emailable = email and not app.no_email
    if callable_ and emailable:
        return ChannelChoice(Action.CALL_OR_EMAIL)
    if emailable:
        return ChannelChoice(Action.EMAIL)
    if callable_:
        return ChannelChoice(Action.CALL)
    return _posting_rules_out(app)


def _posting_rules_out(app: Application) -> ChannelChoice:
    """No usable channel: what the posting forbade, and what could still be added."""
    if app.do_not_call and app.no_email:
        return ChannelChoice(
            None,
            "The posting asked for no calls or emails: follow up only the way they told "
            "you to (record it with debrief --prefers), or wait for them",
        )
    if app.do_not_call:
        return ChannelChoice(
            None,
            "The posting asked candidates not to call and there is no email on file: "
            f"add one with {_add_email(app)}",
        )
    if app.no_email:
        return ChannelChoice(
            None,
            "The posting asked for no emails and there is no phone number on file: "
            f"add one with {_add_phone(app)}",
        )
    return nothing_on_file(app)


def nothing_on_file(app: Application) -> ChannelChoice:
    return ChannelChoice(
        None,
        "There is no phone number or email on file: add one with "
        f"{_add_phone(app)} or --email ADDRESS",
    )


def choose_before_interview(app: Application, agreed: bool) -> ChannelChoice:
    """The channel for the one follow-up after applying: a call when it may be made (a
    voice stands out from the pile), else an email. A posting that asked candidates not
    to call gets no follow-up before an interview, unless they agreed one."""
    if app.do_not_call and not agreed:
        forbade = "for no calls or emails" if app.no_email else "candidates not to call"
        return ChannelChoice(
            None,
            f"The posting asked {forbade}, so there is no follow-up "
            "before an interview: the next move is theirs",
        )
    if app.contact.phone and not app.do_not_call:
        return ChannelChoice(Action.CALL)
    if app.contact.email and not app.no_email:
        return ChannelChoice(Action.EMAIL)
    return _posting_rules_out(app)


def lower_first(text: str) -> str:
    """A note as the continuation of a sentence (after a semicolon)."""
    return text[:1].lower() + text[1:]
