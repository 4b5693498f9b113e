"""`followup config`: where the settings file is, and what it sets.

The commands join the one Typer app of ``followup.cli.app`` (``followup.cli`` imports this module
last) and follow its habits; errors become messages in ``handled``. docs/settings.md describes every
key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from followup.cli.app import JsonFlag, app, handled, out, print_json, saved, session_for, stdout

if TYPE_CHECKING:
    from followup.settings import Settings

config_app = typer.Typer(
    name="config",
    help="Your settings: where the file is, and every setting with its value "
    "(docs/settings.md lists them).",
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
    """Print where your settings file is (or would be: it is optional)."""
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
    """Every setting, its value, and where it comes from: the profile in the database,
    your file, or the default."""
    from followup.profiles import active_profile
    from followup.services.profile_settings import settings_shown
    from followup.settings import SETTINGS, display, json_value, load_settings, settings_path

    where = settings_path()
    file = load_settings(where)
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
        return (
            f"profile (your file says {display(getattr(file, key))}; "
            "'followup config apply' makes it the profile's)"
        )
    line = file.lines.get(key)
    if settings.is_default(key):
        return "default" if line is None else f"default (line {line})"
    return f"yours (line {line})" if line is not None else "yours"


@config_app.command("apply")
@handled
def apply(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Make your settings file's values this profile's settings (holidays, business days,
    cadence numbers), on every machine, and work its windows out again."""
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
