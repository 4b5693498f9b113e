"""`followup config`: where the settings file is, and what it sets.

The commands join the one Typer app of ``followup.cli.base`` (``followup.cli`` imports this module
last) and follow its habits; errors become messages in ``handled``. docs/settings.md describes every
key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from followup.cli.base import JsonFlag, app, handled, out, print_json, saved, session_for, stdout

if TYPE_CHECKING:
    from followup.services.settings_file import SettingChanged
    from followup.settings import Settings

config_app = typer.Typer(
    name="config",
    help="Your settings: where they are, and what they are.\n\n"
    "Where the file is, and every setting with its value (docs/settings.md lists them).",
    invoke_without_command=True,
)
app.add_typer(config_app)


@config_app.callback()
def config(ctx: typer.Context) -> None:
    # Alone, `followup config` shows what it can do (and succeeds: nothing was wrong).
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())


@config_app.command("path")
@handled
def path(as_json: JsonFlag = False) -> None:
    """Print where your settings file is.

    Or would be: it is optional.
    """
    from followup.settings import settings_path

    where = settings_path()
    if as_json:
        print_json({"path": str(where), "exists": where.is_file()})
        return
    # Bare, for scripts: $EDITOR "$(followup config path)".
    stdout.write(f"{where}\n")


@config_app.command("show")
@handled
def show(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Every setting, its value, and where it comes from.

    From the profile in the database, your file, or the default.
    """
    from followup.profiles import active_profile
    from followup.services.profile_settings import settings_shown
    from followup.settings import (
        SETTINGS,
        display,
        json_value,
        load_settings,
        locale_in_use,
        settings_path,
    )

    where = settings_path()
    # The locale's country only when the holidays package knows it, as where it counts.
    file = load_settings(where).settled()
    # Checked now, not only when first needed: this is where a user looks for mistakes.
    file.check()
    shown = settings_shown(session_for(ctx).db, file, active_profile())
    settings = shown.settings
    if as_json:
        print_json(
            {
                "path": str(where),
                "exists": file.path is not None,
                "profile": shown.profile,
                "recorded": shown.recorded,
                "locale": locale_in_use(),
                "settings": {
                    s.key: {
                        "value": json_value(getattr(settings, s.key)),
                        "default": settings.is_default(s.key),
                        "line": file.lines.get(s.key),
                        "source": settings.source(s.key),
                        "file_value": json_value(getattr(file, s.key)),
                    }
                    for s in SETTINGS
                },
            }
        )
        return
    state = "" if file.path is not None else " (no file yet: every setting is its default)"
    out(f"Settings file: {where}{state}")
    out(f"Profile: {shown.profile} ({_profile_state(shown.recorded, shown.no_database)})")
    values = [(s.key, display(getattr(settings, s.key))) for s in SETTINGS]
    key_width = max(len(key) for key, _ in values)
    value_width = max(len(value) for _, value in values)
    for key, value in values:
        out(f"{key:<{key_width}}  {value:<{value_width}}  {_source(key, settings, file)}")


def _profile_state(recorded: bool, no_database: bool) -> str:
    if recorded:
        return "the settings marked 'profile' are kept with its data and apply on every machine"
    if no_database:
        return "no database yet: the first command that stores a window records these"
    return "no settings recorded yet: the first command that stores a window records these"


def _source(key: str, settings: Settings, file: Settings) -> str:
    """Where a value comes from, in words, and the file's own when the profile's differs."""
    from followup.settings import display

    source = settings.source(key)
    if source == "profile":
        if getattr(file, key) == getattr(settings, key):
            return "profile"
        says = "your locale says" if file.source(key) == "locale" else "your file says"
        return (
            f"profile ({says} {display(getattr(file, key))}; "
            "'followup config apply' makes it the profile's)"
        )
    if source == "locale":
        return f'from your locale {file.holidays_locale}; set holidays = "none" to turn off'
    line = file.lines.get(key)
    if key == "holidays" and line is not None and settings.holidays is None:
        return f"yours (line {line}): none, whatever your locale"
    if settings.is_default(key):
        return "default" if line is None else f"default (line {line})"
    return f"yours (line {line})" if line is not None else "yours"


@config_app.command("apply")
@handled
def apply(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Make your file's settings this profile's own.

    Holidays, business days and cadence numbers, on every machine; the windows are
    worked out again.
    """
    from followup.cli.progress import progress_bar
    from followup.profiles import active_profile
    from followup.services.profile_settings import apply_file
    from followup.settings import display, json_value, load_settings

    session = session_for(ctx)
    file = load_settings()
    with progress_bar(quiet=as_json) as progress:
        applied = saved(
            apply_file(session.db, session.today, file, progress), "the profile's settings"
        )
    if as_json:
        print_json(
            {
                "profile": applied.profile,
                "changed": {
                    key: {"from": json_value(old), "to": json_value(new)}
                    for key, (old, new) in applied.changes.items()
                },
                "first": applied.first,
                "recomputed": applied.recomputed,
            }
        )
        return
    if not applied.changes:
        if applied.first:
            out(f"Profile {applied.profile} now keeps your file's settings, on every machine.")
        else:
            out(f"Profile {active_profile()} already has these settings; nothing changed.")
        return
    changed = ", ".join(
        f"{key} {display(new)} (was {display(old)})" for key, (old, new) in applied.changes.items()
    )
    out(f"Profile {applied.profile} now has: {changed}.")
    apps = "application" if applied.recomputed == 1 else "applications"
    out(f"Worked out the windows of {applied.recomputed} {apps} again.")


KeyArgument = Annotated[
    str, typer.Argument(metavar="KEY", help="A setting's name (followup config show lists them).")
]


@config_app.command("set")
@handled
def set_(
    key: KeyArgument,
    value: Annotated[
        str,
        typer.Argument(
            metavar="VALUE",
            help="Its value: a number, text, or for business_days a list such as mon,tue,wed.",
        ),
    ],
    as_json: JsonFlag = False,
) -> None:
    """Set one setting in your settings file, keeping your comments."""
    from followup.services.settings_file import set_setting

    _changed(saved(set_setting(key, value), "your settings file"), as_json)


@config_app.command("unset")
@handled
def unset(key: KeyArgument, as_json: JsonFlag = False) -> None:
    """Take a setting out of your settings file (its default again)."""
    from followup.services.settings_file import unset_setting

    _changed(saved(unset_setting(key), "your settings file"), as_json)


def _changed(changed: SettingChanged, as_json: bool) -> None:
    from followup.profiles import active_profile
    from followup.settings import display, json_value

    key = changed.key
    now = changed.settings
    apply = changed.profile_setting and changed.written
    if as_json:
        print_json(
            {
                "path": str(changed.path),
                "key": key,
                "value": json_value(getattr(now, key)),
                "source": now.source(key),
                "written": changed.written,
                "profile_setting": changed.profile_setting,
            }
        )
        return
    value = display(getattr(now, key))
    if not changed.written and changed.was_set:
        out(f"Your settings file {changed.path} already has {key} = {value}; nothing changed.")
        return
    if not changed.written:
        out(f"{key} is not in your settings file {changed.path}; nothing changed.")
        return
    if key in now.lines:
        out(f"{key} = {value} in your settings file {changed.path}.")
    else:
        why = _source(key, now, now)
        out(f"Took {key} out of your settings file {changed.path}: {value} ({why}).")
    if apply:
        out(
            f"{key} moves windows: once profile {active_profile()} has its settings recorded, "
            "they win over this file until you run 'followup config apply'."
        )
