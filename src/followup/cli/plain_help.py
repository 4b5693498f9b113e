"""Help that reads like a person wrote it: plain placeholders for every command.

Typer 0.29 writes placeholders as Python types in angle brackets (``--company <str>``,
``--with <list[str]>``, ``APP_ID <int>``) and required arguments in braces (``{APP_ID}``).
``plain_help`` replaces them, once, for every command however and wherever it was
declared; ``followup.cli.base`` calls it on the whole command tree.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperArgument, TyperOption

# Help is for people, so followup writes them as Click and gh do: TEXT, INTEGER, FILE,
# ``[call|email]`` for a choice, APP_ID alone, and ``[APP_ID]`` only when it may be left out.
_PLAIN_TYPES = {
    "str": "TEXT",
    "int": "INTEGER",
    "float": "FLOAT",
    "bool": "BOOLEAN",
    "path": "PATH",
    "file": "FILE",
    "dir": "DIRECTORY",
}


def plain_metavar(typer_label: str, *, choice: bool) -> str:
    """Typer's placeholder (``<str>``, ``<list[str]>``, ``<a|b>``) in plain words."""
    label = typer_label.removeprefix("<").removesuffix(">")
    if label.startswith("list[") and label.endswith("]"):
        label = label.removeprefix("list[").removesuffix("]")
    if choice:
        return f"[{label}]"
    words = label.replace(",", " ").split()
    return " ".join(_PLAIN_TYPES.get(word, word.upper()) for word in words)


class _PlainOption(TyperOption):
    """An option whose placeholder, when it has no metavar of its own, is a plain word."""

    def display_type_rich(self, ctx: typer.Context) -> str | None:  # type: ignore[override]
        if self.metavar is not None:
            return self.metavar
        shown = plain_metavar(
            self.display_type(ctx),
            choice=self.type_descriptor.is_choice and bool(self.show_choices),
        )
        return f"{shown}..." if self.nargs != 1 else shown


class _PlainArgument(TyperArgument):
    """An argument shown by its metavar alone: ``APP_ID``, or ``[APP_ID]`` when optional."""

    def _name(self) -> str:
        name = self.metavar or (self.name or "").upper()
        return f"{name}..." if self.nargs != 1 and not name.endswith("...") else name

    def display_type_rich(self, ctx: typer.Context) -> str | None:  # type: ignore[override]
        return None

    def _rich_display_name(self) -> str:
        return self._name()

    def _usage_display_name(self) -> str:
        name = self._name()
        return name if self.required or name.startswith("[") else f"[{name}]"


def plain_help(command: Any) -> None:
    """Give every parameter of ``command`` (and of its subcommands) plain placeholders.

    Typer builds its parameters from fixed classes, so the plain ones are put in here, once,
    for every command however and wherever it was declared.
    """
    for param in getattr(command, "params", ()):
        if type(param) is TyperOption:
            param.__class__ = _PlainOption
        elif type(param) is TyperArgument:
            param.__class__ = _PlainArgument
    for sub in getattr(command, "commands", {}).values():
        plain_help(sub)
