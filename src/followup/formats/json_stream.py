"""Reading a JSON document a piece at a time, with the standard library's own decoder.

A full backup of 100,000 applications is a file of 200 MB; read whole, its objects took
1.8 GB (issue 17). This reader walks the outer objects and arrays itself and hands each
inner value (a row) to ``json.JSONDecoder.raw_decode``, so a row is read exactly as
``json.loads`` reads it (numbers, escapes, lone surrogates, its limits on digits and
nesting) while only the part of the file around it is in memory. Errors are
``JSONDecodeError`` with the line ``json.loads`` would name.

ijson was tried first: its C backend crashes the interpreter on a 5,000-digit number and
turns an escaped lone surrogate into "?", which would let a value through that the checks
refuse; its pure-Python backend is too slow for a million rows.

An array's values are read thousands at a time where they can be (``_run``): the text
read so far, up to its last ``,`` at the end of a line, decoded as one array by the same
decoder. A line break is never inside a JSON string, so that comma is between two values
of the array or inside one that is not complete yet, and then the decoder refuses the
cut text (an unclosed ``{`` or ``[`` is never closed by the one ``]`` added) and the values
are read one by one, which is also what words any error. A backup written by ``dumps``
has a row to a line: its million rows are a few hundred decodes, not a million.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import Protocol

CHUNK = 1 << 20  # characters read at a time
_WHITESPACE = re.compile(r"[ \t\n\r]*")
# An error this close to the end of what has been read may only mean the value goes on.
_NEAR_END = 32


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class NotUtf8(ValueError):
    """The file's bytes are not UTF-8; ``byte`` is the first bad one, counted from 1."""

    def __init__(self, byte: int) -> None:
        super().__init__(f"not UTF-8 at byte {byte}")
        self.byte = byte


class JsonStream:
    """The JSON document in ``source`` (bytes, UTF-8 with or without a byte order mark)."""

    def __init__(self, source: Readable) -> None:
        self._source = source
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self._json = json.JSONDecoder()
        self._text = ""
        self._at = 0
        self._lines = 0  # line breaks in the text already dropped
        self._bytes = 0
        self._ended = False
        # Where a run of values failed to decode whole: read one by one until past it.
        self._slow_until = -1

    def _more(self, at_least: int = CHUNK) -> bool:
        """Read more of the file; False when all of it has been read."""
        if self._ended:
            return False
        data = self._source.read(max(at_least, CHUNK))
        pending = len(self._decoder.getstate()[0])
        try:
            text = self._decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            raise NotUtf8(self._bytes - pending + exc.start + 1) from None
        self._bytes += len(data)
        self._ended = not data
        self._lines += self._text.count("\n", 0, self._at)
        self._slow_until -= self._at
        self._text = self._text[self._at :] + text
        self._at = 0
        return True

    def _error(self, message: str, at: int | None = None) -> json.JSONDecodeError:
        at = self._at if at is None else at
        error = json.JSONDecodeError(message, self._text, at)
        error.lineno = self._lines + self._text.count("\n", 0, at) + 1
        return error

    def peek(self) -> str:
        """The next character that is not white space ("" at the end of the file)."""
        while True:
            self._at = _WHITESPACE.match(self._text, self._at).end()  # type: ignore[union-attr]
            if self._at < len(self._text) or not self._more():
                return self._text[self._at : self._at + 1]

    def value(self) -> object:
        """The next value, read whole, as ``json.loads`` would read it."""
        self.peek()
        while True:
            try:
                found, end = self._json.raw_decode(self._text, self._at)
            except json.JSONDecodeError as exc:
                cut = (
                    exc.msg.startswith("Unterminated string")
                    or exc.pos >= len(self._text) - _NEAR_END
                )
                if cut and self._more(len(self._text) - self._at):
                    continue
                raise self._error(exc.msg, exc.pos) from None
            # A number that ends near where the text read so far ends may go on: "1" of
            # "15", or "2" of "2.5" when the piece read ends with "2." (the decoder stops
            # before a "." or "e" that no digit follows yet).
            near_end = end == len(self._text) or (
                type(found) in (int, float) and len(self._text) - end < _NEAR_END
            )
            if near_end and self._more():
                continue
            self._at = end
            return found

    def _expect(self, char: str, message: str) -> None:
        if self.peek() != char:
            raise self._error(message)
        self._at += 1

    def members(self) -> Iterator[str]:
        """The keys of the object that comes next, one by one: after each the caller reads
        its value (``value``, or ``members``/``items`` to go on streaming inside it)."""
        self._expect("{", "Expecting value")
        if self.peek() == "}":
            self._at += 1
            return
        while True:
            if self.peek() != '"':
                raise self._error("Expecting property name enclosed in double quotes")
            key = self.value()
            assert isinstance(key, str)
            self._expect(":", "Expecting ':' delimiter")
            yield key
            following = self.peek()
            self._at += 1
            if following == "}":
                return
            if following != ",":
                raise self._error("Expecting ',' delimiter", self._at - 1)

    def items(self) -> Iterator[object]:
        """The values of the array that comes next, one by one, each read whole."""
        self._expect("[", "Expecting value")
        if self.peek() == "]":
            self._at += 1
            return
        while True:
            run = self._run()
            if run:
                yield from run
            else:
                yield self.value()
            following = self.peek()
            self._at += 1
            if following == "]":
                return
            if following != ",":
                raise self._error("Expecting ',' delimiter", self._at - 1)

    def _run(self) -> list[object]:
        """The values from here to the last comma that ends a line of the text read so
        far, decoded at once; [] when they cannot be (then they are read one by one)."""
        if self._at < self._slow_until:
            return []
        if len(self._text) - self._at < CHUNK // 2:
            self._more()
        end = self._text.rfind(",\n", self._at)
        if end <= self._at:
            return []
        try:
            values = self._json.decode(f"[{self._text[self._at : end]}]")
        except json.JSONDecodeError:
            self._slow_until = end
            return []
        assert isinstance(values, list)
        self._at = end
        return values

    def end(self) -> None:
        """Nothing but white space may follow the document."""
        if self.peek():
            raise self._error("Extra data")
