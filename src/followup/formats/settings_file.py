"""Changing one key of the settings file in place, keeping the user's comments and order.

tomlkit keeps everything it does not change (comments, blank lines, the order of the
keys, how each value was written), so ``followup config set`` leaves the file as its owner
wrote it except for the one line. Whether the new value is a good one is the settings
loader's to say (``settings.parse_settings``), on the whole file as it would be.
"""

from __future__ import annotations

import re

from followup.errors import BadInput
from followup.settings import LIST_KEYS, NUMBER_KEYS

# A whole number as typed: tomlkit stores it as a TOML integer, so the loader checks its range.
_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")


def typed_value(key: str, text: str) -> object:
    """What ``followup config set KEY VALUE`` means by VALUE, in the key's type.

    Numbers are read as numbers; ``business_days`` as a list (``mon,tue,wed``, or a TOML
    array such as ``["mon", "tue"]``); everything else as text. Text that is not a number
    for a number key stays text, so that the loader's message says what is wrong with it.
    """
    if key in NUMBER_KEYS and _WHOLE_NUMBER.fullmatch(text.strip()):
        return int(text.strip())
    if key in LIST_KEYS:
        if text.lstrip().startswith("["):
            return _toml_array(key, text)
        return [item for item in re.split(r"[\s,]+", text.strip()) if item]
    return text


def _toml_array(key: str, text: str) -> object:
    import tomllib

    try:
        return tomllib.loads(f"value = {text}")["value"]
    except tomllib.TOMLDecodeError:
        raise BadInput(
            f'{key}: {text} is not a TOML array; write it as mon,tue,wed or ["mon", "tue", "wed"]'
        ) from None


def edited(text: str, key: str, value: object | None) -> str:
    """``text`` with ``key`` set to ``value`` (or removed, for None), all else as it was.

    A key already in the file keeps its place and its comment; a new one goes at the end
    of the top-level keys. Raises ``BadInput`` when ``text`` is not TOML to begin with.
    """
    import tomlkit
    from tomlkit.exceptions import ParseError

    try:
        document = tomlkit.parse(text)
    except ParseError as exc:
        raise BadInput(f"the settings file is not valid TOML ({exc}); fix it first") from None
    if value is None:
        if key in document:
            del document[key]
    else:
        document[key] = value
    new = tomlkit.dumps(document)
    return new if new.endswith("\n") or not new else new + "\n"
