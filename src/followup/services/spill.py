"""Where a restore's checked rows wait for its transaction (``services.exchange``)."""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Iterator
from typing import Any


class Spill:
    """Checked rows waiting for the transaction: a temporary file, private to the user and
    gone when closed (it has no name), that hands each table's rows back a batch at a time,
    as the tuples they were given as.
    """

    def __init__(self) -> None:
        # Closed by __exit__: the spill lives as long as the restore's ExitStack.
        self._file = tempfile.TemporaryFile()  # noqa: SIM115
        self._where: dict[str, list[int]] = {}

    def __enter__(self) -> Spill:
        return self

    def __exit__(self, *_: object) -> None:
        self._file.close()

    def add(self, table: str, rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        self._file.seek(0, os.SEEK_END)
        self._where.setdefault(table, []).append(self._file.tell())
        pickle.dump(rows, self._file, protocol=pickle.HIGHEST_PROTOCOL)

    def batches(self, table: str) -> Iterator[list[tuple[Any, ...]]]:
        for at in self._where.get(table, []):
            self._file.seek(at)
            # Written by this process a moment ago, into a file no one else can open.
            rows: list[tuple[Any, ...]] = pickle.load(self._file)
            yield rows
