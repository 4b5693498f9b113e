"""`followup config set` and `config unset`: one key of the settings file, changed in place.

The file is the user's: their comments and the order of their keys stay as they were
(formats.settings_file). The new value is checked as every command would read it, on the
whole file as it would be, before anything is written; a bad one leaves the file exactly
as it was. The file is replaced in one step (written beside it, then renamed), so another
command never reads half of it, and it stays readable by the user only: it may hold their
phone number and email address.
"""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from followup.errors import BadInput, FollowupError, Refused
from followup.formats.settings_file import edited, typed_value
from followup.settings import (
    KEYS,
    PROFILE_KEYS,
    Settings,
    locale_in_use,
    parse_settings,
    read_settings_text,
    settings_path,
    unknown_setting,
    with_locale_holidays,
)
from followup.storage.files import make_private_dirs


@dataclass(frozen=True)
class SettingChanged:
    """What ``config set`` or ``config unset`` did to the file."""

    path: Path
    key: str
    # The file's settings afterwards, as every command now reads them (locale included).
    settings: Settings
    # Whether the file changed: setting a key to what it already says writes nothing.
    written: bool
    # Whether the key was in the file before (for unset: whether there was anything to do).
    was_set: bool

    @property
    def profile_setting(self) -> bool:
        """The key moves windows: a profile's recorded value wins until ``config apply``."""
        return self.key in PROFILE_KEYS


def set_setting(key: str, value: str, path: Path | None = None) -> SettingChanged:
    """Set ``key`` to ``value`` (typed text, read as the key's type) in the settings file."""
    return _change(key, value, path)


def unset_setting(key: str, path: Path | None = None) -> SettingChanged:
    """Take ``key`` out of the settings file: its default (or the locale's holidays) again."""
    return _change(key, None, path)


def _change(key: str, value: str | None, path: Path | None) -> SettingChanged:
    if key not in KEYS:
        raise BadInput(unknown_setting(key))
    path = settings_path() if path is None else path
    current = read_settings_text(path)
    old = current or ""
    # The loader's own words (and line) for a file that is not TOML at all.
    _syntax_checked(old, path)
    was_set = _has_key(old, key)
    new = edited(old, key, None if value is None else typed_value(key, value))
    # As every command will read it: with the locale's holidays when the file names none.
    settings = with_locale_holidays(parse_settings(new, path), locale_in_use()).settled()
    # What other commands check only when they first need it (config show checks it too).
    settings.check()
    written = new != old
    if written:
        _write_private(path, new, existed=current is not None)
    return SettingChanged(path, key, settings, written, was_set)


def _syntax_checked(text: str, path: Path) -> None:
    import tomllib

    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        parse_settings(text, path)
        raise


def _has_key(text: str, key: str) -> bool:
    import tomllib

    return key in tomllib.loads(text)


def _write_private(path: Path, text: str, *, existed: bool) -> None:
    """Replace the file in one step, readable by the user only (its other bits as they were)."""
    mode = 0o600
    if existed:
        old_mode = stat.S_IMODE(path.stat().st_mode)
        if not old_mode & stat.S_IWUSR:
            # chmod 444 is how a user says "keep this as it is".
            raise Refused(
                f"settings file {path} is read-only; make it writable (chmod u+w) to change it"
            )
        mode = old_mode & ~0o077
    try:
        make_private_dirs(path.parent)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise FollowupError(f"cannot write in {path.parent}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise FollowupError(f"cannot write the settings file {path}: {exc.strerror}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
