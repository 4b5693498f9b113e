"""Where the question banks live: the one shipped in the package and the user's own.

The built-in bank is package data (``followup/data/questions.toml``). The user's
questions are ``questions.toml`` in their config directory: ``FOLLOWUP_CONFIG_DIR``
when set (tests use it), otherwise the platform's (on Linux ``~/.config/followup``).
docs/question-bank.md describes the format.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from followup.domain.prep import Question, Source
from followup.domain.questions import merge, parse_bank
from followup.errors import BadInput

# The one config folder, shared with the settings file (followup.settings).
from followup.settings import CONFIG_ENV as CONFIG_ENV
from followup.settings import config_dir

QUESTIONS_FILE = "questions.toml"


def user_questions_path() -> Path:
    return config_dir() / QUESTIONS_FILE


def builtin_questions() -> tuple[Question, ...]:
    text = files("followup").joinpath("data", QUESTIONS_FILE).read_text(encoding="utf-8")
    return parse_bank(text, Source.BANK, "the built-in question bank")


def user_questions() -> tuple[Question, ...]:
    path = user_questions_path()
    if not path.is_file():
        return ()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"cannot read your questions in {path}: {exc}") from None
    return parse_bank(text, Source.YOURS, str(path))


def all_questions() -> tuple[Question, ...]:
    """The built-in bank with the user's questions merged in."""
    return merge(builtin_questions(), user_questions())
