"""Reading JSON a piece at a time reads what ``json.loads`` reads, wherever the pieces break.

The reader asks for a megabyte at a time; these tests hand it a few bytes per read, so that
every value, number, escape and multi-byte character is cut somewhere.
"""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from followup.formats.json_stream import JsonStream, NotUtf8


class Trickle:
    """A file that gives at most ``size`` bytes per read, however many are asked for."""

    def __init__(self, data: bytes, size: int) -> None:
        self._data = io.BytesIO(data)
        self._size = size

    def read(self, size: int = -1) -> bytes:
        return self._data.read(self._size)


def _walk(stream: JsonStream) -> object:
    """The document read as a backup is: the outer object's members, and inside "tables"
    each table's rows one by one; everything else whole."""
    if stream.peek() != "{":
        found = stream.value()
        stream.end()
        return found
    document: dict[str, object] = {}
    for key in stream.members():
        if key == "tables" and stream.peek() == "{":
            tables: dict[str, object] = {}
            for name in stream.members():
                tables[name] = list(stream.items()) if stream.peek() == "[" else stream.value()
            document[key] = tables
        else:
            document[key] = stream.value()
    stream.end()
    return document


_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=12,
)
_documents = st.fixed_dictionaries(
    {
        "format": st.just("followup-backup"),
        "tables": st.dictionaries(
            st.text(min_size=1, max_size=8),
            st.lists(st.dictionaries(st.text(max_size=6), _values, max_size=4), max_size=5),
            max_size=3,
        ),
    },
    optional={"last_ids": _values, "migrations": st.lists(st.text(max_size=8), max_size=3)},
)


@given(_documents, st.integers(1, 40), st.sampled_from([None, 1, " ", "\n "]))
# Once missed: a piece ending in "0." read the number as 0, then stumbled on ".0".
@example({"format": "followup-backup", "tables": {}, "last_ids": 0.0}, 1, None)
def test_a_document_read_in_pieces_is_what_json_loads_reads(
    document: dict[str, object], size: int, indent: int | str | None
) -> None:
    text = json.dumps(document, indent=indent, ensure_ascii=False)
    read = _walk(JsonStream(Trickle(text.encode("utf-8"), size)))
    assert read == json.loads(text)


@given(_documents, st.integers(1, 13), st.data())
def test_a_document_cut_short_anywhere_is_never_read_as_whole(
    document: dict[str, object], size: int, data: st.DataObject
) -> None:
    text = json.dumps(document, indent=1)
    cut = data.draw(st.integers(0, len(text) - 1))
    with pytest.raises(json.JSONDecodeError):
        _walk(JsonStream(Trickle(text[:cut].encode("utf-8"), size)))


@pytest.mark.parametrize(
    "text",
    [
        '{\n "format": "x",\n "tables": {\n  "t": [\n   {"a": 1}\n   {"a": 2}\n  ]\n }\n}',
        '{\n "format": "x"\n "tables": {}\n}',
        '{\n "tables": {\n  "t": [1, 2,]\n }\n}',
        '{\n "tables": {"t": [1]}\n}\nmore',
        '{\n "a": tru\n}',
        "company,role\n",
    ],
    ids=[
        "missing comma between rows",
        "missing comma",
        "trailing comma",
        "extra",
        "bad word",
        "csv",
    ],
)
@pytest.mark.parametrize("size", [1, 3, 1 << 20])
def test_an_error_names_the_line_json_loads_names(text: str, size: int) -> None:
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(text)
    with pytest.raises(json.JSONDecodeError) as found:
        _walk(JsonStream(Trickle(text.encode("utf-8"), size)))
    assert found.value.lineno == expected.value.lineno


@pytest.mark.parametrize("size", [1, 2, 5, 1 << 20])
def test_bytes_that_are_not_utf8_are_named_by_their_place(size: int) -> None:
    data = '{"a": "caf\u00e9", "b": "'.encode() + b"\xff" + b'"}'
    with pytest.raises(NotUtf8) as found:
        _walk(JsonStream(Trickle(data, size)))
    assert found.value.byte == data.index(b"\xff") + 1


def test_a_byte_order_mark_is_passed_over() -> None:
    data = "\ufeff".encode() + b'{"tables": {"t": [1]}}'
    assert _walk(JsonStream(Trickle(data, 2))) == {"tables": {"t": [1]}}


@pytest.mark.parametrize("size", [1, 2, 3, 7])
def test_a_number_cut_by_a_read_at_its_dot_or_exponent_is_read_whole(size: int) -> None:
    text = '{"tables": {"t": [0.5, 12e3, -7, 1.25E-2]}, "last_ids": 0.0}'
    assert _walk(JsonStream(Trickle(text.encode("utf-8"), size))) == json.loads(text)


def test_thousands_of_rows_a_line_each_read_at_once_are_the_rows_json_loads_reads() -> None:
    # Rows as dumps writes them, some holding what looks like a row's end in a string,
    # some spread over lines (those are read one by one), read in big pieces.
    rows: list[object] = []
    for n in range(5_000):
        rows.append({"id": n, "note": "},\\n{" if n % 7 else None, "x": [n, {"y": n}]})
    lines = ",\n".join("  " + json.dumps(row) for row in rows)
    spread = json.dumps({"id": -1, "deep": [[1, 2], {"a": [3]}]}, indent=1)
    text = '{\n "tables": {\n "t": [\n' + lines + ",\n" + spread + ",\n" + lines + "\n ]\n }\n}\n"
    assert _walk(JsonStream(Trickle(text.encode("utf-8"), 60_000))) == json.loads(text)
