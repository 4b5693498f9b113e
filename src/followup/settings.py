"""Where the database and the settings live, and reading the settings file.

One way to find the database: ``--db``, then ``FOLLOWUP_DB``, then ``followup.db`` in the
platform's per-user data directory (platformdirs knows each platform's rule; on Linux it
follows XDG). The settings are ``settings.toml`` in the user's config directory
(``FOLLOWUP_CONFIG_DIR`` when set, else the platform's); docs/settings.md lists every key.

This module is on every command's path, ``followup due`` included, so it stays light:
``tomllib`` is imported only when there is a file to read, ``holidays`` only when a
holiday calendar is set and a window needs it, ``phonenumbers`` only to check a region.

The settings that move stored windows (``PROFILE_KEYS``) belong to a profile once it
records them in the database (``services.profile_settings``); ``Settings.for_profile``
reads those back through the same readers as the file, so both are checked alike.

Over 500 lines on purpose: every key's default, reader and check stand together, so a
new setting is one place to change and ``config show`` cannot drift from the loader.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable, Container, Mapping
from datetime import datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from followup.domain import limits
from followup.domain.cadence import (
    DEFAULT_AHEAD_DAYS,
    DEFAULT_CADENCE,
    NO_HOLIDAYS,
    WEEKDAY_NAMES,
    Cadence,
    Holidays,
    WorkCalendar,
)
from followup.domain.contact_details import normalise_email, normalise_phone
from followup.errors import BadInput

if TYPE_CHECKING:
    # pathlib only where a Path is made: its import (with urllib.parse and ipaddress)
    # would cost `followup due`, which reads the settings through plain strings.
    from pathlib import Path

DB_ENV = "FOLLOWUP_DB"
TODAY_ENV = "FOLLOWUP_TODAY"
CONFIG_ENV = "FOLLOWUP_CONFIG_DIR"
BUSY_TIMEOUT_ENV = "FOLLOWUP_BUSY_TIMEOUT_MS"
DEFAULT_BUSY_TIMEOUT_MS = 5000
# Test-only: see storage.files.pause_for_tests.
PAUSE_ENV = "FOLLOWUP_TEST_PAUSE_FILE"
# Where POSIX looks for the locale of dates and times, strongest first; its territory is
# the country whose public holidays count when the settings name none (docs/settings.md).
LOCALE_ENV = ("LC_ALL", "LC_TIME", "LANG")
# What a settings file writes to keep public holidays off whatever the locale says.
NO_HOLIDAYS_WORD = "none"
APP_NAME = "followup"
SETTINGS_FILE = "settings.toml"


def default_db_path() -> Path:
    from pathlib import Path

    return Path(default_db_file())


def default_db_file() -> str:
    """``followup.db`` in the platform's per-user data folder."""
    common = _linux_user_dir("XDG_DATA_HOME", ".local/share")
    if common is not None:
        return os.path.join(common, "followup.db")
    from platformdirs import user_data_path

    return str(user_data_path(APP_NAME, appauthor=False) / "followup.db")


def _linux_user_dir(variable: str, under_home: str) -> str | None:
    """platformdirs' user folder for followup on Linux, in the common case, without
    importing platformdirs (it brings tempfile and shutil: a tenth of `followup due`'s
    run); None for anything less plain (another system, no absolute HOME), where
    platformdirs answers. tests/unit/test_folders.py holds the two to the same answers.

    XDG's rule: ``$variable`` when it is an absolute path, else ``$HOME/under_home``.
    """
    if sys.platform != "linux":
        return None
    home = os.environ.get("HOME", "")
    if not home.startswith("/"):
        return None
    base = os.environ.get(variable, "")
    if not base.startswith("/"):
        base = f"{home.rstrip('/')}/{under_home}"
    return os.path.join(base, APP_NAME)


def database_location(option: str | None) -> str:
    """The database the user means: a SQLAlchemy URL or a file path."""
    if option:
        return option
    from_env = os.environ.get(DB_ENV)
    if from_env:
        return from_env
    return default_db_file()


def config_dir() -> Path:
    """The user's followup folder for settings and questions: ``FOLLOWUP_CONFIG_DIR`` when
    set, otherwise the platform's (on Linux ``$XDG_CONFIG_HOME/followup``, by default
    ``~/.config/followup``)."""
    from pathlib import Path

    return Path(config_folder())


def config_folder() -> str:
    """``config_dir`` as a string, without importing pathlib (the morning path's way)."""
    from_env = os.environ.get(CONFIG_ENV)
    if from_env:
        return os.path.expanduser(from_env)
    common = _linux_user_dir("XDG_CONFIG_HOME", ".config")
    if common is not None:
        return common
    from platformdirs import user_config_dir

    return user_config_dir(APP_NAME, appauthor=False)


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE


def settings_file() -> str:
    """``settings_path`` as a string, without importing pathlib."""
    return os.path.join(config_folder(), SETTINGS_FILE)


def locale_in_use() -> str | None:
    """The locale in force for dates: the first of LC_ALL, LC_TIME and LANG that is set."""
    for name in LOCALE_ENV:
        value = os.environ.get(name)
        if value:
            return value
    return None


# language_TERRITORY, then an optional .codeset and @modifier: en_US.UTF-8, de_DE@euro.
_LOCALE = r"[A-Za-z]{2,3}_([A-Za-z]{2})(?:[.@].*)?"


def locale_territory(locale: str | None) -> str | None:
    """The two-letter territory a locale names (US for en_US.UTF-8); none for C or POSIX."""
    found = None if locale is None else re.fullmatch(_LOCALE, locale)
    return None if found is None else found.group(1).upper()


@functools.cache
def holidays_knows(country: str) -> bool:
    """Whether the holidays package has a calendar for ``country`` (it imports the package)."""
    try:
        import holidays

        holidays.country_holidays(country)
    except (ImportError, NotImplementedError):
        return False
    return True


# The most both stores take: SQLite's busy_timeout and PostgreSQL's lock_timeout are C ints.
MAX_BUSY_TIMEOUT_MS = 2**31 - 1


def busy_timeout_ms() -> int:
    """How long to wait for another process's write before giving up (exit 75)."""
    raw = os.environ.get(BUSY_TIMEOUT_ENV, "")
    if not raw:
        return DEFAULT_BUSY_TIMEOUT_MS
    # ASCII digits only: str.isdigit() also takes '²', which int() then refuses.
    if re.fullmatch(r"[0-9]+", raw) is None or int(raw) > MAX_BUSY_TIMEOUT_MS:
        raise BadInput(
            f"{BUSY_TIMEOUT_ENV}={raw!r} is not a number of milliseconds from 0 to "
            f"{MAX_BUSY_TIMEOUT_MS} (the default is {DEFAULT_BUSY_TIMEOUT_MS})"
        )
    return int(raw)


def default_backup_path(location: str, now: datetime) -> Path:
    """``backups/followup-YYYYMMDD-HHMMSS.db`` beside a database file."""
    from pathlib import Path

    base = Path(location).expanduser() if "://" not in location else default_db_path()
    if location.startswith("sqlite:///"):
        base = Path(location.removeprefix("sqlite:///")).expanduser()
    return base.parent / "backups" / f"followup-{now:%Y%m%d-%H%M%S}.db"


# --- The settings file -------------------------------------------------------------------------


class PublicHolidays:
    """A country's public holidays (and a subdivision's), from the ``holidays`` package.

    The package is slow to import, so it is imported the first time a window needs to know
    whether a day is a holiday; ``followup due`` on its fast path never does. A country or
    subdivision the package does not know is reported then, naming the settings line.
    """

    def __init__(
        self, country: str, subdivision: str | None, where: tuple[str, str] = ("", "")
    ) -> None:
        self.country = country
        self.subdivision = subdivision
        # The start of a message about each key: the settings file and the key's line.
        self._where = where
        self._days: Container[object] | None = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PublicHolidays) and self._key == other._key

    def __hash__(self) -> int:
        return hash(self._key)

    def __repr__(self) -> str:
        return f"PublicHolidays({self.country!r}, {self.subdivision!r})"

    @property
    def _key(self) -> tuple[str, str | None]:
        return self.country, self.subdivision

    def __contains__(self, day: object, /) -> bool:
        return day in self.load()

    @property
    def identity(self) -> str:
        # The package's version is part of it: an upgrade that corrects a holiday moves
        # windows, so stored verdicts are worked out again once.
        from importlib.metadata import PackageNotFoundError, version

        try:
            release = version("holidays")
        except PackageNotFoundError:
            release = "missing"
        return f"holidays:{self.country}:{self.subdivision or ''}:{release}"

    def load(self) -> Container[object]:
        """The package's calendar (it works out each year's holidays when first asked)."""
        if self._days is None:
            self._days = _country_holidays(self.country, self.subdivision, self._where)
        return self._days


def _country_holidays(
    country: str, subdivision: str | None, where: tuple[str, str]
) -> Container[object]:
    at_country, at_subdivision = where
    try:
        import holidays
    except ImportError:
        raise BadInput(
            f"{at_country}holidays = {_as_toml(country)} needs the 'holidays' package: "
            "pip install holidays"
        ) from None
    # The holidays package signals an unknown country or subdivision with NotImplementedError.
    try:
        national = holidays.country_holidays(country)
    except NotImplementedError:
        raise BadInput(
            f"{at_country}holidays = {_as_toml(country)} is not a country the holidays package "
            "knows; use a two-letter country code such as US, GB, CA, DE or FR"
        ) from None
    if subdivision is None:
        return national
    for spelling in dict.fromkeys((subdivision, subdivision.upper())):
        try:
            return holidays.country_holidays(country, subdiv=spelling)
        except NotImplementedError:
            continue
    known = holidays.list_supported_countries().get(country, [])
    listed = ", ".join(known[:12]) + (", ..." if len(known) > 12 else "")
    raise BadInput(
        f"{at_subdivision}subdivision = {_as_toml(subdivision)} is not a subdivision of "
        f"{country} the holidays package knows"
        + (f"; it knows {listed}" if known else "; it knows none for this country")
    )


class Setting(NamedTuple):
    """One key of the settings file: its default and what it does (docs/settings.md)."""

    key: str
    default: object
    about: str


_CADENCE = DEFAULT_CADENCE
SETTINGS: tuple[Setting, ...] = (
    Setting(
        "check_in_min_days",
        _CADENCE.check_in_min_days,
        "a check-in window opens this many days after your last contact",
    ),
    Setting(
        "check_in_max_days",
        _CADENCE.check_in_max_days,
        "and closes this many days after it",
    ),
    Setting(
        "agreed_span_days",
        _CADENCE.agreed_span_days,
        "an agreed date opens a window of that day and this many after it",
    ),
    Setting(
        "stalker_touches",
        _CADENCE.stalker_touches,
        "this many contacts from you within stalker_days, with no reply, is over-contact",
    ),
    Setting(
        "stalker_days",
        _CADENCE.stalker_days,
        "the days (the contact's own date and those before it) the stalker rule looks at",
    ),
    Setting(
        "thank_you_grace_days",
        _CADENCE.thank_you_grace_days,
        "a thank-you email is welcome on the interview day and this many business days after",
    ),
    Setting(
        "quiet_after",
        _CADENCE.quiet_after,
        "after an interview, this many check-ins in a row with no reply and it has gone quiet",
    ),
    Setting(
        "no_response_after_days",
        _CADENCE.no_response_after_days,
        "before an interview, this many days of silence after your one follow-up: gone quiet",
    ),
    Setting(
        "business_days",
        tuple(WEEKDAY_NAMES[:5]),
        "the weekdays a window may open or close on",
    ),
    Setting(
        "holidays",
        None,
        "a country code (US, GB, DE ...) whose public holidays no window opens or closes on",
    ),
    Setting("subdivision", None, "a state, province or region of that country (CA, ENG ...)"),
    Setting(
        "date_order",
        None,
        "dmy or mdy: how to read dates in numbers alone (03/04/2026); unset refuses them",
    ),
    Setting("ahead_days", DEFAULT_AHEAD_DAYS, "how far ahead 'followup due' looks by default"),
    Setting(
        "phone_region",
        None,
        "a country code (US, GB ...) for phone numbers typed without +: they are checked "
        "and stored in the international E.164 form",
    ),
    Setting("your_name", None, "your name, to sign the drafts that script prints"),
    Setting("your_phone", None, "your phone number, for the drafts (checked as a contact's is)"),
    Setting("your_email", None, "your email address, for the drafts (checked as a contact's is)"),
)
KEYS = tuple(s.key for s in SETTINGS)
# The settings that move stored windows (everything the ``Cadence`` is built from): they
# belong to the profile and are kept with its data in the database (docs/settings.md), so
# that every machine working on one profile works its windows out alike. The others say
# how this machine reads what is typed and what it shows, and stay in the file.
PROFILE_KEYS = (
    "check_in_min_days",
    "check_in_max_days",
    "agreed_span_days",
    "stalker_touches",
    "stalker_days",
    "thank_you_grace_days",
    "quiet_after",
    "no_response_after_days",
    "business_days",
    "holidays",
    "subdivision",
)

_WEEKDAYS = {name: number for number, name in enumerate(WEEKDAY_NAMES)}
_WHOLE_DAYS = {
    "check_in_min_days": (1, 365),
    "check_in_max_days": (1, 365),
    "agreed_span_days": (0, 60),
    "stalker_touches": (2, 50),
    "stalker_days": (1, 60),
    "thank_you_grace_days": (0, 20),
    "quiet_after": (1, 20),
    "no_response_after_days": (1, 365),
    "ahead_days": (0, 3660),
}
# What each key's value is, for `followup config set`, which reads typed text as the key's type.
NUMBER_KEYS = frozenset(_WHOLE_DAYS)
LIST_KEYS = frozenset({"business_days"})
_NO_LINES: Mapping[str, int] = MappingProxyType({})
_REGION = r"[A-Za-z]{2}"
_COUNTRY = r"[A-Za-z]{2,3}"


class Settings(NamedTuple):
    """The user's settings, every key at its default unless the file set it.

    A named tuple, as the values of domain.models are (they are on the morning path):
    two settings are equal when every field is, where they came from included.
    """

    check_in_min_days: int = _CADENCE.check_in_min_days
    check_in_max_days: int = _CADENCE.check_in_max_days
    agreed_span_days: int = _CADENCE.agreed_span_days
    stalker_touches: int = _CADENCE.stalker_touches
    stalker_days: int = _CADENCE.stalker_days
    thank_you_grace_days: int = _CADENCE.thank_you_grace_days
    quiet_after: int = _CADENCE.quiet_after
    no_response_after_days: int = _CADENCE.no_response_after_days
    business_days: tuple[str, ...] = tuple(WEEKDAY_NAMES[:5])
    holidays: str | None = None
    subdivision: str | None = None
    date_order: str | None = None
    ahead_days: int = DEFAULT_AHEAD_DAYS
    phone_region: str | None = None
    # Who you are, for the drafts; they stay in the file (they do not move windows).
    your_name: str | None = None
    your_phone: str | None = None
    your_email: str | None = None
    # Where they came from: the file (None when there was none) and each key's line in it.
    path: str | None = None
    # Never changed in place (settings are values): the empty default is shared safely.
    lines: Mapping[str, int] = _NO_LINES
    # The profile whose settings in the database are in force for PROFILE_KEYS, if any.
    recorded_for: str | None = None
    # The locale ``holidays`` was taken from, when the file did not set it (load_settings).
    holidays_locale: str | None = None

    def where(self, key: str) -> str:
        """The start of a message about ``key``: the file and the key's line in it."""
        if self.recorded_for is not None and key in PROFILE_KEYS:
            return f"the settings of profile {self.recorded_for!r} in the database: "
        if self.path is None:
            return ""
        line = self.lines.get(key)
        return f"settings file {self.path}" + (f", line {line}: " if line else ": ")

    def settled(self) -> Settings:
        """These settings, without the locale's country when the holidays package has no
        calendar for it (then no public holidays count, as with LANG=C).

        Asked only where the holidays are about to count or be recorded, never by the
        morning view's fast path: it costs importing the holidays package.
        """
        if self.holidays_locale is None or self.holidays is None or holidays_knows(self.holidays):
            return self
        return self._replace(holidays=None, holidays_locale=None)

    @property
    def cadence(self) -> Cadence:
        """The numbers and business days the rules count with."""
        if self.holidays_locale is not None:
            return self.settled().without_locale().cadence
        return _cadence(
            self.check_in_min_days,
            self.check_in_max_days,
            self.agreed_span_days,
            self.stalker_touches,
            self.stalker_days,
            self.thank_you_grace_days,
            self.quiet_after,
            self.no_response_after_days,
            self.business_days,
            self.holidays,
            self.subdivision,
            (self.where("holidays"), self.where("subdivision")),
        )

    def checked_phone_region(self) -> str | None:
        """``phone_region``, once phonenumbers has confirmed it is a region it knows."""
        if self.phone_region is None:
            return None
        import phonenumbers

        if self.phone_region not in phonenumbers.SUPPORTED_REGIONS:
            raise BadInput(
                f"{self.where('phone_region')}phone_region = {_as_toml(self.phone_region)} "
                "is not a region phonenumbers knows; use a two-letter country code such as US or GB"
            )
        return self.phone_region

    def check(self) -> None:
        """Check what is only checked when first used: the holiday calendar, the region."""
        self.check_holidays()
        self.checked_phone_region()

    def without_locale(self) -> Settings:
        """The same values, no longer marked as coming from the locale."""
        return self._replace(holidays_locale=None)

    def check_holidays(self) -> None:
        """Check the holiday calendar, as before a profile records these settings."""
        holidays = self.cadence.calendar.holidays
        if isinstance(holidays, PublicHolidays):
            holidays.load()

    def is_default(self, key: str) -> bool:
        return bool(getattr(self, key) == getattr(DEFAULTS, key))

    def source(self, key: str) -> str:
        """Where ``key``'s value comes from: ``profile`` (the database), ``file``, ``locale``
        (``holidays`` only) or ``default``."""
        if self.recorded_for is not None and key in PROFILE_KEYS:
            return "profile"
        if key == "holidays" and self.holidays_locale is not None:
            return "locale"
        return "file" if key in self.lines else "default"

    def profile_values(self) -> dict[str, object]:
        """The settings that belong to a profile, as JSON values, to record in the database
        (the locale's country among them, when it is the one in use here)."""
        settled = self.settled()
        return {key: json_value(getattr(settled, key)) for key in PROFILE_KEYS}

    def in_force_for(self, recorded: Mapping[str, object] | None, profile: str) -> Settings:
        """The settings in force for ``profile``: its recorded ones over these, or these
        (the file's, and the locale's holidays) while it has none recorded."""
        return self.settled() if recorded is None else self.for_profile(recorded, profile)

    def for_profile(self, recorded: Mapping[str, object], profile: str) -> Settings:
        """These settings with a profile's recorded ones in force for every PROFILE_KEYS key.

        A key the profile has no value for (one a later followup added) is its default,
        not this file's: every machine must work the profile's windows out alike.
        """
        where = f"the settings of profile {profile!r} in the database: "
        values: dict[str, Any] = {}
        for key in PROFILE_KEYS:
            default = getattr(DEFAULTS, key)
            value = recorded.get(key)
            # JSON's null is an unset key, as leaving it out of the file is.
            unset = key not in recorded or (value is None and default is None)
            values[key] = default if unset else _READERS[key](key, value, where)
        # The locale counts only until a profile records its holidays: then theirs do.
        chosen = self._replace(recorded_for=profile, holidays_locale=None, **values)
        if chosen.check_in_min_days > chosen.check_in_max_days or (
            chosen.subdivision is not None and chosen.holidays is None
        ):
            raise BadInput(f"{where}they do not hold together; run 'followup config apply'")
        return chosen


DEFAULTS = Settings()


# Cached: a cadence with public holidays loads its calendar once, however often it is asked
# for (settings are named tuples, which cannot cache it themselves).
@functools.lru_cache(maxsize=32)
def _cadence(
    check_in_min_days: int,
    check_in_max_days: int,
    agreed_span_days: int,
    stalker_touches: int,
    stalker_days: int,
    thank_you_grace_days: int,
    quiet_after: int,
    no_response_after_days: int,
    business_days: tuple[str, ...],
    country: str | None,
    subdivision: str | None,
    where: tuple[str, str],
) -> Cadence:
    holidays: Holidays = NO_HOLIDAYS
    if country is not None:
        holidays = PublicHolidays(country, subdivision, where)
    return Cadence(
        check_in_min_days=check_in_min_days,
        check_in_max_days=check_in_max_days,
        agreed_span_days=agreed_span_days,
        stalker_touches=stalker_touches,
        stalker_days=stalker_days,
        thank_you_grace_days=thank_you_grace_days,
        quiet_after=quiet_after,
        no_response_after_days=no_response_after_days,
        calendar=WorkCalendar(frozenset(_WEEKDAYS[name] for name in business_days), holidays),
    )


def load_settings(path: str | os.PathLike[str] | None = None) -> Settings:
    """The settings in ``path`` (by default the user's settings file), or the defaults
    when there is no file. Raises ``BadInput`` naming the key and its line."""
    where = settings_file() if path is None else os.fspath(path)
    text = read_settings_text(where)
    settings = Settings() if text is None else parse_settings(text, where)
    return with_locale_holidays(settings, locale_in_use())


def read_settings_text(path: str | os.PathLike[str]) -> str | None:
    """The settings file's text, or None when there is no file."""
    path = os.fspath(path)
    if not os.path.isfile(path):
        if os.path.exists(path):
            raise BadInput(f"settings file {path} is not a file")
        return None
    try:
        with open(path, encoding="utf-8") as file:
            return file.read()
    except UnicodeDecodeError as exc:
        raise BadInput(f"settings file {path} is not UTF-8 text (byte {exc.start + 1})") from None
    except OSError as exc:
        raise BadInput(f"cannot read the settings file {path}: {exc.strerror}") from None


def with_locale_holidays(settings: Settings, locale: str | None) -> Settings:
    """``settings`` with the locale's territory as ``holidays``, when the file leaves
    holidays unset (``holidays = "none"`` is set, to off) and the locale names one.

    Whether the holidays package knows that territory is asked later (``settled``), where
    the holidays count: importing the package here would slow every command down.
    """
    territory = locale_territory(locale)
    if territory is None or "holidays" in settings.lines or settings.holidays is not None:
        return settings
    return settings._replace(holidays=territory, holidays_locale=locale)


def parse_settings(text: str, file: str | os.PathLike[str]) -> Settings:
    """The settings a file's text sets, checked key by key (the locale plays no part)."""
    import tomllib

    path = os.fspath(file)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(f"settings file {path}, {_toml_problem(str(exc), text)}") from None
    lines = {key: line for key in data if (line := _line_of(text, key)) is not None}
    prefix = Settings(path=path, lines=lines).where
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in KEYS:
            raise BadInput(f"{prefix(key)}{unknown_setting(key)}")
        values[key] = _READERS[key](key, value, prefix(key))
    settings = Settings(path=path, lines=lines, **values)
    if settings.check_in_min_days > settings.check_in_max_days:
        key = "check_in_max_days" if "check_in_max_days" in lines else "check_in_min_days"
        raise BadInput(
            f"{settings.where(key)}check_in_max_days "
            f"({settings.check_in_max_days}) is less than check_in_min_days "
            f"({settings.check_in_min_days})"
        )
    if settings.your_phone is not None:
        try:
            phone = normalise_phone(settings.your_phone, settings.phone_region)
        except BadInput as exc:
            raise BadInput(f"{settings.where('your_phone')}your_phone: {exc}") from None
        settings = settings._replace(your_phone=phone)
    if settings.subdivision is not None and settings.holidays is None:
        raise BadInput(
            f"{settings.where('subdivision')}subdivision = {_as_toml(settings.subdivision)} "
            'needs a country: add holidays = "US" (or another country code)'
        )
    return settings


def unknown_setting(key: str) -> str:
    """What is said of a key that is no setting, with the nearest one's name."""
    import difflib  # only for a mistyped key

    close = difflib.get_close_matches(key, KEYS, n=1)
    hint = f"; did you mean {close[0]}?" if close else ""
    return f"unknown setting {key!r}{hint} (docs/settings.md lists them all)"


def _toml_problem(message: str, text: str) -> str:
    """tomllib's message, with its position turned into "line N" at the front."""
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if found:
        what = _lower_first(message[: found.start()])
        return f"line {found.group(1)}: not valid TOML: {what} (column {found.group(2)})"
    what = _lower_first(re.sub(r"\s*\(at end of document\)$", "", message))
    last = max(1, len(text.splitlines()))
    return f"line {last}: not valid TOML: {what} (at the end of the file)"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _line_of(text: str, key: str) -> int | None:
    """The line where ``key`` is set (or its table begins), for messages."""
    name = re.escape(key)
    pattern = re.compile(
        rf"^[ \t]*(?:(?:{name}|\"{name}\"|'{name}')[ \t]*[=.]|\[+[ \t]*{name}[ \t]*[\].])",
        re.MULTILINE,
    )
    found = pattern.search(text)
    return None if found is None else text.count("\n", 0, found.start()) + 1


def _as_toml(value: object) -> str:
    """A value as it was written in the file, for messages (TOML's true, not Python's True)."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list):
        return "[" + ", ".join(_as_toml(item) for item in value) + "]"
    if isinstance(value, dict):
        return "a table"
    return str(value)


def _whole_days(key: str, value: object, where: str) -> int:
    low, high = _WHOLE_DAYS[key]
    noun = "number" if key in ("stalker_touches", "quiet_after") else "number of days"
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise BadInput(
            f"{where}{key} must be a whole {noun} from {low} to {high}, not {_as_toml(value)}"
        )
    return value


def _business_days(key: str, value: object, where: str) -> tuple[str, ...]:
    example = '["mon", "tue", "wed", "thu", "fri"]'
    if not isinstance(value, list) or not value:
        raise BadInput(
            f"{where}{key} must be a list of weekdays such as {example}, not {_as_toml(value)}"
        )
    days: set[str] = set()
    for item in value:
        name = item.strip().lower() if isinstance(item, str) else ""
        if name[:3] not in _WEEKDAYS or not _is_weekday_name(name):
            raise BadInput(
                f"{where}{key} has {_as_toml(item)}, which is not a weekday; write {example}"
            )
        days.add(name[:3])
    return tuple(sorted(days, key=_WEEKDAYS.__getitem__))


def _is_weekday_name(name: str) -> bool:
    """ "mon", "monday" (and "tues", "thurs"): a weekday's name or its start, three letters on."""
    full = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    return len(name) >= 3 and any(day.startswith(name) for day in full)


def _text(key: str, value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise BadInput(f'{where}{key} must be text in quotes, such as "US", not {_as_toml(value)}')
    return value.strip()


def _country(key: str, value: object, where: str) -> str | None:
    text = _text(key, value, where)
    if text.lower() == NO_HOLIDAYS_WORD:
        # Off on purpose, whatever the locale would give.
        return None
    if not re.fullmatch(_COUNTRY, text):
        raise BadInput(
            f"{where}{key} = {_as_toml(text)} is not a country code; use one such as US or GB"
        )
    return text.upper()


def _region(key: str, value: object, where: str) -> str:
    text = _text(key, value, where)
    if not re.fullmatch(_REGION, text):
        raise BadInput(
            f"{where}{key} = {_as_toml(text)} is not a two-letter country code; "
            "use one such as US or GB"
        )
    return text.upper()


def _date_order(key: str, value: object, where: str) -> str:
    text = _text(key, value, where).lower()
    if text not in ("dmy", "mdy"):
        raise BadInput(
            f'{where}{key} must be "dmy" (03/04/2026 is 3 April) or "mdy" (March 4), '
            f"not {_as_toml(value)}"
        )
    return text


def _your_name(key: str, value: object, where: str) -> str:
    return _checked_text(key, _text(key, value, where), where, limits.NAME)


def _your_phone(key: str, value: object, where: str) -> str:
    # Checked loosely here (the region may come later in the file); parse_settings reads it
    # again in phone_region once the whole file is known, as a contact's number is read.
    return _checked_text(key, _text(key, value, where), where, limits.PHONE)


def _your_email(key: str, value: object, where: str) -> str:
    text = _checked_text(key, _text(key, value, where), where, limits.EMAIL)
    try:
        return normalise_email(text)
    except BadInput as exc:
        raise BadInput(f"{where}{key}: {exc}") from None


def _checked_text(key: str, text: str, where: str, rule: limits.TextRule) -> str:
    problem = limits.text_problem(text, rule)
    if problem is not None:
        raise BadInput(f"{where}{key} {problem}")
    return text


_READERS: dict[str, Callable[[str, object, str], object]] = {
    "check_in_min_days": _whole_days,
    "check_in_max_days": _whole_days,
    "agreed_span_days": _whole_days,
    "stalker_touches": _whole_days,
    "stalker_days": _whole_days,
    "thank_you_grace_days": _whole_days,
    "quiet_after": _whole_days,
    "no_response_after_days": _whole_days,
    "business_days": _business_days,
    "holidays": _country,
    "subdivision": _text,
    "date_order": _date_order,
    "ahead_days": _whole_days,
    "phone_region": _region,
    "your_name": _your_name,
    "your_phone": _your_phone,
    "your_email": _your_email,
}


def display(value: object) -> str:
    """A setting's value as the settings file would write it (``none`` when unset)."""
    if value is None:
        return "none"
    if isinstance(value, tuple):
        return "[" + ", ".join(f'"{item}"' for item in value) + "]"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


def json_value(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value
