"""CSV and JSONL tables -> one Article per row, streamed; a bad row is a Failure for that row (``path#row=N``)."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO, TypeVar

from graphkit.read.article import make_article
from graphkit.read.columns import TableLayout, csv_layout
from graphkit.read.dates import date_year
from graphkit.read.escapes import clean_feed_escapes
from graphkit.read.decode import SNIFF_BYTES, bad_utf8, invalid_encoding, one_line, sniff_encoding, unify_newlines
from graphkit.read.options import Failure, ReadOptions, Reject, exceeds_max_bytes
from graphkit.records import Article

__all__ = ["read_csv", "read_jsonl"]

_Row = TypeVar("_Row")
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def read_csv(path: str, options: ReadOptions) -> Iterator[Article | Failure]:
    """Rows of a CSV file, with a header row or without (detected: see :func:`csv_layout`); the rows
    ``options.where`` leaves out are skipped without a word.

    Parsed strictly, so an unterminated quote is a failure for its row instead of swallowing the rows
    after it; no field may hold more than ``options.max_bytes`` characters, no line more than
    :func:`_line_limit` characters, and neither is held whole to find that out (a text between
    ``max_bytes`` and that is read and then refused with its size).
    """
    _set_csv_field_limit(_line_limit(options))
    stream, encoding = _open_table(path)
    with stream:
        yield from _read_rows(path, BoundedLines(stream, _line_limit(options)), encoding, options)


class NonBlank:
    """The items of ``rows`` that are not blank. Unlike a generator it survives an error from ``rows``
    (a bad row): the error reaches the caller and the next call goes on with the next row."""

    def __init__(self, rows: Iterator[_Row]) -> None:
        self._rows = rows

    def __iter__(self) -> NonBlank:
        return self

    def __next__(self) -> _Row:
        while True:
            row = next(self._rows)
            if row and (not isinstance(row, str) or row.strip()):
                return row


class LineTooLong(Exception):
    """Raised by :class:`BoundedLines` for a line over its limit; the next call goes on after that line."""


class BoundedLines:
    """The lines of ``stream``, each read with at most ``limit`` characters in memory.

    A longer line raises LineTooLong once, after its remainder has been read and dropped in ``limit``
    pieces; iterating again yields the line after it (the csv reader resets per row, so it carries on).
    """

    def __init__(self, stream: TextIO, limit: int) -> None:
        self._stream = stream
        self._limit = limit

    def __iter__(self) -> BoundedLines:
        return self

    def __next__(self) -> str:
        line = self._stream.readline(self._limit + 2)  # + room for "\r\n"
        if not line:
            raise StopIteration
        if len(line.rstrip("\r\n")) <= self._limit:
            return line
        while line and not line.endswith(("\n", "\r")):
            line = self._stream.readline(self._limit)
        raise LineTooLong(f"a line of more than {self._limit} characters")


def _line_limit(options: ReadOptions) -> int:
    """Characters allowed on one CSV/JSONL line: a text of ``max_bytes`` may take 6 characters per byte
    (JSON ``\\u00e9`` escapes), plus room for the other fields."""
    return 6 * options.max_bytes + 65_536


def read_jsonl(path: str, options: ReadOptions) -> Iterator[Article | Failure]:
    """Lines of a JSONL file, each a JSON object; blank lines are skipped."""
    stream, encoding = _open_table(path)
    with stream:
        lines = NonBlank(BoundedLines(stream, _line_limit(options)))
        yield from _rows_to_articles(
            path, lines, encoding,
            cells=lambda line: [line],
            build=lambda where, line: _jsonl_article(where, str(line), options),
            empty=f"{path}: empty file",
            max_bytes=options.max_bytes,
        )


def _open_table(path: str) -> tuple[io.TextIOWrapper, str]:
    """Open a CSV/JSONL file as text (streamed, never fully loaded); returns (stream, codec)."""
    handle = open(path, "rb")  # noqa: SIM115 - closed by the caller via the wrapper
    try:
        encoding = sniff_encoding(handle.read(SNIFF_BYTES), path)
        handle.seek(0)
    except BaseException:
        handle.close()
        raise
    errors = "surrogateescape" if encoding == "utf-8-sig" else "strict"
    return io.TextIOWrapper(handle, encoding=encoding, errors=errors, newline=""), encoding


def _rows_to_articles(
    path: str,
    rows: Iterator[_Row],
    encoding: str,
    cells: Callable[[_Row], Iterable[object]],
    build: Callable[[str, _Row], Article | Failure | None],
    empty: str,
    max_bytes: int,
) -> Iterator[Article | Failure]:
    """``build(where, row)`` for every row, numbered 1-based in ``where`` (``path#row=N``).

    A malformed CSV row, or a row whose ``cells`` hold a byte that is not UTF-8,
    becomes a Failure for that row only: UTF-8 tables are decoded with
    surrogateescape so one bad row does not end the file. A UTF-16/32 decode
    error ends the file, and so does a file without rows (message ``empty``).
    """
    number = 0
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except UnicodeDecodeError as exc:  # UTF-16/32 only; UTF-8 escapes bad bytes
            raise Reject(invalid_encoding(path, encoding, exc.reason)) from None
        except (csv.Error, LineTooLong) as exc:
            number += 1
            where = _row_source(path, number)
            yield Failure(where, _bad_row_message(where, exc, max_bytes))
            if str(exc).startswith("field larger than field limit"):
                return  # the field's remaining lines would read as rows of their own
            continue
        number += 1
        where = _row_source(path, number)
        item = _bad_bytes(where, cells(row)) or build(where, row)
        if item is not None:
            yield item
    if number == 0:
        raise Reject(empty)


def _bad_row_message(where: str, exc: Exception, max_bytes: int) -> str:
    """One line for a row the csv module (strict) or BoundedLines refused."""
    if isinstance(exc, LineTooLong):
        return exceeds_max_bytes(where, str(exc), max_bytes)
    reason = str(exc)
    if reason.startswith("field larger than field limit"):
        what = f"a field of more than {csv.field_size_limit()} characters"
        return exceeds_max_bytes(where, what, max_bytes) + " (rest of the file skipped)"
    if reason == "unexpected end of data":
        return f"{where}: malformed CSV (unterminated quote: the file ends inside a quoted field)"
    if "expected after '\"'" in reason:
        return f"{where}: malformed CSV (unterminated quote, or text after a closing quote: {one_line(reason)})"
    return f"{where}: malformed CSV ({one_line(reason)})"


def _row_source(path: str, number: int) -> str:
    return f"{path}#row={number}"


def _bad_bytes(where: str, values: Iterable[object]) -> Failure | None:
    """A Failure for the first undecodable byte (escaped by surrogateescape) in ``values``, if any."""
    for value in values:
        match = _ESCAPED_BYTE.search(value) if isinstance(value, str) else None
        if match:
            return Failure(where, bad_utf8(where, ord(match.group()) - 0xDC00))
    return None


def _set_csv_field_limit(limit: int) -> None:
    """The csv module's (process-wide) field size limit, at most what the platform allows."""
    limit = min(limit, sys.maxsize)
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 2


class _Prepended:
    """``first`` then the items of ``rows``; like :class:`NonBlank` it survives an error from ``rows``."""

    def __init__(self, first: list[str] | None, rows: Iterator[list[str]]) -> None:
        self._first, self._rows = first, rows

    def __iter__(self) -> _Prepended:
        return self

    def __next__(self) -> list[str]:
        if self._first is not None:
            first, self._first = self._first, None
            return first
        return next(self._rows)


def _read_rows(path: str, lines: Iterator[str], encoding: str, options: ReadOptions) -> Iterator[Article | Failure]:
    """Every row of a CSV through one :class:`TableLayout`, whether its columns are named or numbered."""
    rows = NonBlank(csv.reader(lines, strict=True))
    try:
        first = next(rows)
    except StopIteration:
        raise Reject(f"{path}: empty file") from None
    except UnicodeDecodeError as exc:
        raise Reject(invalid_encoding(path, encoding, exc.reason)) from None
    except (csv.Error, LineTooLong) as exc:
        message = _bad_row_message(path, exc, options.max_bytes).replace("malformed CSV (", "malformed CSV header (")
        raise Reject(message) from None
    layout = csv_layout(path, first, options)
    years = _LatestYear()
    yield from _rows_to_articles(
        path, _Prepended(None if layout.header else first, rows), encoding,
        cells=lambda row: row,
        build=lambda where, row: _row_article(where, row, layout, options, years),
        empty=f"{path}: no data rows (header only)" if layout.header else f"{path}: empty file",
        max_bytes=options.max_bytes,
    )


class _LatestYear:
    """The year of the last dated row read: the year a dateline without one takes in this file."""

    def __init__(self) -> None:
        self.year: int | None = None

    def seen(self, article: Article | Failure) -> Article | Failure:
        if isinstance(article, Article) and article.date and not article.year_guessed:
            self.year = date_year(article.date) or self.year
        return article


def _row_article(
    where: str, row: list[str], layout: TableLayout, options: ReadOptions, years: _LatestYear
) -> Article | Failure | None:
    """A CSV row as an Article; None for a row ``--where`` leaves out."""
    if not layout.keeps(row):
        return None
    if len(row) < layout.needed():
        return Failure(where, f"{where}: no column {layout.needed()} (row has {len(row)} columns)")

    def cell(index: int | None) -> str | None:
        return row[index] if index is not None else None

    return years.seen(_table_article(where, cell(layout.text) or "", cell(layout.title), cell(layout.date),
                                     cell(layout.id), options, years.year))


def _where_keys(pairs: tuple[tuple[str, str], ...]) -> dict[str, set[str]]:
    keys: dict[str, set[str]] = {}
    for key, value in pairs:
        keys.setdefault(key, set()).add(value.strip())
    return keys


def _jsonl_article(where: str, line: str, options: ReadOptions) -> Article | Failure | None:
    try:
        record = json.loads(line)
    except ValueError as exc:  # json.JSONDecodeError, or an integer too long to convert
        return Failure(where, f"{where}: invalid JSON ({one_line(str(exc))})")
    except RecursionError:
        return Failure(where, f"{where}: invalid JSON (nested too deeply)")
    if not isinstance(record, dict):
        return Failure(where, f"{where}: not a JSON object (got {_json_kind(record)})")
    if any(str(record.get(key, "")).strip() not in values for key, values in _where_keys(options.where).items()):
        return None  # --where leaves the row out
    if any(key in record and str(record[key]).strip() in values
           for key, values in _where_keys(options.where_not).items()):
        return None  # --where-not leaves the row out
    if options.text_column not in record:
        keys = ", ".join(sorted(record)) or "none"
        return Failure(where, f"{where}: no key '{options.text_column}' (keys: {one_line(keys)})")
    return _record_article(where, record.get, options)


def _record_article(where: str, get: Callable[[str], object], options: ReadOptions) -> Article | Failure:
    """A CSV row (as a dict) or a JSON object: fields looked up by column/key name."""
    try:
        text, title, date, id_ = (
            None if key is None else _as_text(get(key), key, where)
            for key in (options.text_column, options.title_column or "title", options.date_column or "date",
                        options.id_column)
        )
    except Reject as exc:
        return Failure(where, str(exc))
    return _table_article(where, text or "", title, date, id_, options)


def _as_text(value: object, key: str, where: str) -> str | None:
    """A field as text; a lone surrogate (JSON ``"\\ud800"``) becomes U+FFFD, since it cannot be written out."""
    if value is None:
        return value
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, (int, float, bool)):
        return json.dumps(value)
    raise Reject(f"{where}: '{key}' is {_json_kind(value)}, not a string")


def _json_kind(value: object) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, bool):
        return "a boolean"
    return "a string" if isinstance(value, str) else "null" if value is None else "a number"


def _table_article(
    where: str, text: str, title: str | None, date: str | None, id_: str | None, options: ReadOptions,
    other_year: int | None = None,
) -> Article | Failure:
    """A row's article: feed escapes cleaned, the title as the text's first paragraph (extracted with it,
    as a sentence of its own)."""
    text = clean_feed_escapes(unify_newlines(text)).strip()
    title = clean_feed_escapes(unify_newlines(title or "")).strip()
    if not text:
        return Failure(where, f"{where}: empty text")
    if title and text != title and not text.startswith(title + "\n"):
        text = f"{title}\n\n{text}"
    if len(text) * 4 > options.max_bytes:  # cheap pre-check before encoding
        size = len(text.encode("utf-8"))
        if size > options.max_bytes:
            return Failure(where, exceeds_max_bytes(where, f"text of {size} bytes", options.max_bytes))
    return make_article(text, where, title, date, (id_ or "").strip() or None, other_year)
