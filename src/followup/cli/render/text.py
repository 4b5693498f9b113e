"""Stored text reaches the terminal as text: never as markup, never as control codes.

Company names, notes and questions come from the user or from a spreadsheet someone sent
them. Printed through rich as they are, ``[bold red]Acme[/]`` would print in red,
``[link=http://x]y[/link]`` would become a hyperlink to x, and an escape sequence
(``ESC ] 0 ; title BEL``, ``ESC [ 2 J``) would retitle the window or clear the screen.

So every renderer builds its lines with ``literal`` (a ``Text``, which rich never parses,
with control characters spelled out as ``\\x1b``), and every console is a
``LiteralConsole``: markup and emoji codes are off for any plain string it prints, the
strings it turns into text are spelled out the same way, and, as a last guard for a
``Text`` built some other way, no control character leaves it except the line breaks
rich makes itself. followup's own styling (bold, colours) is unaffected: it travels as
styles, not as characters in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from followup.quick.text import CONTROL_IN_LINES, visible


def literal(text: str = "", style: str | Style = "", *, lines: bool = False) -> Text:
    """Text to print exactly as it is stored (see the module's docstring); ``style`` is ours."""
    return Text(visible(text, lines=lines), style=style)


class LiteralConsole(Console):
    """A rich console that shows every string literally: see the module's docstring."""

    def __init__(self, **options: Any) -> None:
        super().__init__(markup=False, emoji=False, highlight=False, **options)

    def render_str(self, text: str, **options: Any) -> Text:
        # Tables and print() turn plain strings into Text here; a caller asking for markup
        # or emoji codes does not get them either.
        options.update(markup=False, emoji=False)
        return super().render_str(visible(text, lines=True), **options)

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            # Control segments are rich's own (cursor moves); line breaks are its own too.
            if segment.control is None and re.search(CONTROL_IN_LINES, segment.text):
                yield Segment(visible(segment.text, lines=True), segment.style)
            else:
                yield segment
