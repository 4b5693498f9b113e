"""What the installed command needs before it knows whether to load the Typer app.

`followup due` runs every morning, and loading Typer, rich and every command module costs
ten times the morning view's own work. ``followup.__main__`` (the console script) first
asks ``entry.answer`` whether it can answer the command line itself; it can for a plain
`due` on a SQLite file this version knows, and hands anything else to the Typer app.

So that the two can never disagree, what they share lives here and both use it:
``options`` declares `due`'s options and the global ones once (the Typer command is built
from the same table), ``view`` renders the morning view without rich, ``session`` reads
the clock and the user's dates. Standard library and followup's own core only: no Typer,
no rich, no SQLAlchemy.
"""
