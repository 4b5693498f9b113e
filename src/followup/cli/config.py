"""`followup config`: where the settings file is, and what it sets.

The commands join the one Typer app of ``followup.cli.app`` (``followup.cli`` imports this module
last) and follow its habits; errors become messages in ``handled``. docs/settings.md describes every
key.
"""

from __future__ import annotations

import typer

from followup.cli.app import JsonFlag, app, handled, out, print_json, stdout

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
def show(as_json: JsonFlag = False) -> None:
    """Every setting, its value, and whether it is the default or set in your file."""
    from followup.settings import SETTINGS, display, json_value, load_settings, settings_path

    where = settings_path()
    settings = load_settings(where)
    # Checked now, not only when first needed: this is where a user looks for mistakes.
    settings.check()
    if as_json:
        print_json(
            {
                "path": str(where),
                "exists": settings.path is not None,
                "settings": {
                    s.key: {
                        "value": json_value(getattr(settings, s.key)),
                        "default": settings.is_default(s.key),
                        "line": settings.lines.get(s.key),
                    }
                    for s in SETTINGS
                },
            }
        )
        return
    state = "" if settings.path is not None else " (no file yet: every setting is its default)"
    out(f"Settings file: {where}{state}")
    shown = [(s.key, display(getattr(settings, s.key))) for s in SETTINGS]
    key_width = max(len(key) for key, _ in shown)
    value_width = max(len(value) for _, value in shown)
    for key, value in shown:
        line = settings.lines.get(key)
        if settings.is_default(key):
            source = "default" if line is None else f"default (line {line})"
        else:
            source = f"yours (line {line})" if line is not None else "yours"
        out(f"{key:<{key_width}}  {value:<{value_width}}  {source}")
