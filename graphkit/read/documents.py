"""Read articles from files, directories, CSV/JSONL tables and standard input.

Everything here is standard library only. :func:`read_articles` is a generator
that yields an :class:`Article` for every document it could read and a
:class:`Failure` (one line, naming the file) for everything it could not; it
never raises for bad input.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO, TextIO, TypeVar

from graphkit.read.article import article_id
from graphkit.read.article import make_article as _make_article
from graphkit.read.decode import SNIFF_BYTES as _SNIFF_BYTES
from graphkit.read.decode import decode as _decode
from graphkit.read.decode import one_line as _one_line
from graphkit.read.decode import os_message as _os_message
from graphkit.read.decode import sniff_encoding as _sniff_encoding
from graphkit.read.decode import unify_newlines as _unify_newlines
from graphkit.read.html import html_to_text
from graphkit.read.text import article_from_text as _article_from_text
from graphkit.read.options import DEFAULT_MAX_BYTES, Failure, ReadOptions
from graphkit.read.options import Reject as _Reject
from graphkit.records import Article

__all__ = [
    "DEFAULT_MAX_BYTES",
    "TEXT_SUFFIXES",
    "Article",
    "Failure",
    "ReadOptions",
    "article_id",
    "html_to_text",
    "read_articles",
]

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".csv", ".jsonl", ".ndjson"}

_MARKDOWN_SUFFIXES = {".md", ".markdown"}
_HTML_SUFFIXES = {".html", ".htm"}
_CSV_SUFFIXES = {".csv"}
_JSONL_SUFFIXES = {".jsonl", ".ndjson"}
_STDIN_NAME = "<stdin>"
_Row = TypeVar("_Row")


# --------------------------------------------------------------------------- files


def _read_file(path: str, options: ReadOptions) -> Iterator[Article | Failure]:
    suffix = os.path.splitext(path)[1].lower()
    if suffix in _CSV_SUFFIXES:
        yield from _guarded(path, _read_csv(path, options))
    elif suffix in _JSONL_SUFFIXES:
        yield from _guarded(path, _read_jsonl(path, options))
    else:
        kind = "html" if suffix in _HTML_SUFFIXES else "markdown" if suffix in _MARKDOWN_SUFFIXES else "text"
        yield from _guarded(path, _read_document(path, kind, options))


def _guarded(source: str, items: Iterator[Article | Failure]) -> Iterator[Article | Failure]:
    """Turn anything a reader raises into a Failure, so one bad source never stops the run."""
    try:
        yield from items
    except _Reject as exc:
        yield Failure(source, str(exc))
    except OSError as exc:
        yield Failure(source, _os_message(source, exc))
    except (MemoryError, RecursionError) as exc:
        yield Failure(source, f"{source}: too large or too deeply nested to read ({type(exc).__name__})")
    except Exception as exc:  # noqa: BLE001 - a reader bug must not end the whole run
        yield Failure(source, f"{source}: could not read ({type(exc).__name__}: {_one_line(str(exc))})")



def _read_document(path: str, kind: str, options: ReadOptions) -> Iterator[Article]:
    size = os.stat(path).st_size
    if size > options.max_bytes:
        raise _Reject(f"{path}: {size} bytes exceeds --max-bytes {options.max_bytes}")
    with open(path, "rb") as handle:
        data = handle.read(options.max_bytes + 1)  # the file may have grown since stat
    if len(data) > options.max_bytes:
        raise _Reject(f"{path}: more than {options.max_bytes} bytes exceeds --max-bytes {options.max_bytes}")
    if not data:
        raise _Reject(f"{path}: empty file")
    yield _article_from_text(_decode(data, path), path, path, kind)


def _read_stdin(stream: TextIO | BinaryIO | None, options: ReadOptions) -> Iterator[Article]:
    if stream is None:
        stream = getattr(sys.stdin, "buffer", sys.stdin)
    if stream is None:
        raise _Reject(f"{_STDIN_NAME}: standard input is not available")
    data = stream.read(options.max_bytes + 1)
    raw = data.encode("utf-8", "surrogateescape") if isinstance(data, str) else bytes(data)
    if len(raw) > options.max_bytes:
        raise _Reject(f"{_STDIN_NAME}: input exceeds --max-bytes {options.max_bytes}")
    if not raw:
        raise _Reject(f"{_STDIN_NAME}: empty file")
    yield _article_from_text(_decode(raw, _STDIN_NAME), "-", _STDIN_NAME, "text")


# --------------------------------------------------------------------------- tables


def _open_table(path: str) -> tuple[io.TextIOWrapper, str]:
    """Open a CSV/JSONL file as text (streamed, never fully loaded); returns (stream, codec)."""
    handle = open(path, "rb")  # noqa: SIM115 - closed by the caller via the wrapper
    try:
        encoding = _sniff_encoding(handle.read(_SNIFF_BYTES), path)
        handle.seek(0)
    except BaseException:
        handle.close()
        raise
    errors = "surrogateescape" if encoding == "utf-8-sig" else "strict"
    return io.TextIOWrapper(handle, encoding=encoding, errors=errors, newline=""), encoding


def _table_rows(path: str, rows: Iterator[_Row], encoding: str) -> Iterator[tuple[int, _Row | Failure]]:
    """Number rows 1-based. A malformed CSV row becomes a Failure in place of the row.

    UTF-8 tables are decoded with surrogateescape (a bad byte fails only its row,
    see :func:`_bad_bytes`); a UTF-16/32 decode error ends the file.
    """
    number = 0
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:  # UTF-16/32 only; UTF-8 escapes bad bytes
            raise _Reject(f"{path}: not valid {encoding.upper()} ({exc.reason})") from None
        except csv.Error as exc:
            number += 1
            where = f"{path}#row={number}"
            yield number, Failure(where, f"{where}: malformed CSV ({_one_line(str(exc))})")
            continue
        number += 1
        yield number, row


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def _bad_bytes(where: str, values: Iterable[object]) -> Failure | None:
    """Tables are decoded with surrogateescape so one bad row does not end the file."""
    for value in values:
        match = _ESCAPED_BYTE.search(value) if isinstance(value, str) else None
        if match:
            byte = ord(match.group()) - 0xDC00
            return Failure(where, f"{where}: not valid UTF-8 (byte 0x{byte:02x})")
    return None


def _set_csv_field_limit() -> None:
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 2


def _column_index(value: str | None, label: str, path: str) -> int | None:
    """1-based digit column -> 0-based index; non-digit names are ignored for headerless CSVs."""
    if value is None or not value.isdigit():
        return None
    index = int(value)
    if index < 1:
        raise _Reject(f"{path}: --{label}-column {value}: column numbers start at 1")
    return index - 1


def _read_csv(path: str, options: ReadOptions) -> Iterator[Article | Failure]:
    _set_csv_field_limit()
    stream, encoding = _open_table(path)
    with stream:
        if options.text_column.isdigit():
            yield from _read_headerless_csv(path, stream, encoding, options)
        else:
            yield from _read_header_csv(path, stream, encoding, options)


def _read_header_csv(path: str, stream: TextIO, encoding: str, options: ReadOptions) -> Iterator[Article | Failure]:
    reader = csv.DictReader(stream)
    try:
        columns = reader.fieldnames
    except UnicodeDecodeError as exc:
        raise _Reject(f"{path}: not valid {encoding.upper()} ({exc.reason})") from None
    except csv.Error as exc:
        raise _Reject(f"{path}: malformed CSV header ({_one_line(str(exc))})") from None
    if not columns:
        raise _Reject(f"{path}: empty file")
    if options.text_column not in columns:
        listed = ", ".join(str(column) for column in columns)
        raise _Reject(f"{path}: no column '{options.text_column}' (columns: {_one_line(listed)})")
    count = 0
    for number, row in _table_rows(path, iter(reader), encoding):
        count += 1
        if isinstance(row, Failure):
            yield row
        else:
            yield _bad_bytes(f"{path}#row={number}", row.values()) or _record_article(path, number, row.get, options)
    if count == 0:
        raise _Reject(f"{path}: no data rows (header only)")


def _read_headerless_csv(path: str, stream: TextIO, encoding: str, options: ReadOptions) -> Iterator[Article | Failure]:
    columns = {
        key: _column_index(name, key, path)
        for key, name in (("text", options.text_column), ("title", options.title_column),
                          ("date", options.date_column), ("id", options.id_column))
    }
    count = 0
    rows = (row for row in csv.reader(stream) if row)  # blank lines are not data rows
    for number, row in _table_rows(path, rows, encoding):
        count += 1
        if isinstance(row, Failure):
            yield row
        else:
            yield _bad_bytes(f"{path}#row={number}", row) or _headerless_article(path, number, row, columns, options)
    if count == 0:
        raise _Reject(f"{path}: empty file")


def _headerless_article(
    path: str, number: int, row: list[str], columns: dict[str, int | None], options: ReadOptions
) -> Article | Failure:
    """A row of a headerless CSV; with a title column the text is "title\n\ntext"."""
    where = f"{path}#row={number}"
    missing = [index + 1 for index in columns.values() if index is not None and index >= len(row)]
    if missing:
        return Failure(where, f"{where}: no column {missing[0]} (row has {len(row)} columns)")
    fields = {key: (row[index] if index is not None else None) for key, index in columns.items()}
    text, title = (fields["text"] or "").strip(), (fields["title"] or "").strip()
    if text and title:
        text = f"{title}\n\n{text}"
    return _table_article(where, text, title, fields["date"], fields["id"], options)


def _record_article(
    path: str, number: int, get: Callable[[str], object], options: ReadOptions
) -> Article | Failure:
    """A CSV row (as a dict) or a JSON object: fields looked up by column/key name."""
    where = f"{path}#row={number}"
    try:
        text, title, date, id_ = (
            None if key is None else _as_text(get(key), key, where)
            for key in (options.text_column, options.title_column, options.date_column, options.id_column)
        )
    except _Reject as exc:
        return Failure(where, str(exc))
    return _table_article(where, text or "", title, date, id_, options)


def _as_text(value: object, key: str, where: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float, bool)):
        return json.dumps(value)
    raise _Reject(f"{where}: '{key}' is {_json_kind(value)}, not a string")


def _json_kind(value: object) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, bool):
        return "a boolean"
    return "a string" if isinstance(value, str) else "null" if value is None else "a number"


def _table_article(
    where: str, text: str, title: str | None, date: str | None, id_: str | None, options: ReadOptions
) -> Article | Failure:
    text = _unify_newlines(text).strip()
    if not text:
        return Failure(where, f"{where}: empty text")
    if len(text) * 4 > options.max_bytes:  # cheap pre-check before encoding
        size = len(text.encode("utf-8"))
        if size > options.max_bytes:
            return Failure(where, f"{where}: text of {size} bytes exceeds --max-bytes {options.max_bytes}")
    return _make_article(text, where, title, date, (id_ or "").strip() or None)


def _read_jsonl(path: str, options: ReadOptions) -> Iterator[Article | Failure]:
    stream, encoding = _open_table(path)
    count = 0
    with stream:
        lines = (line for line in stream if line.strip())  # blank lines are not data rows
        for number, line in _table_rows(path, lines, encoding):
            count += 1
            where = f"{path}#row={number}"
            yield _bad_bytes(where, [line]) or _jsonl_article(where, str(line), path, number, options)
    if count == 0:
        raise _Reject(f"{path}: empty file")


def _jsonl_article(where: str, line: str, path: str, number: int, options: ReadOptions) -> Article | Failure:
    try:
        record = json.loads(line)
    except ValueError as exc:  # json.JSONDecodeError, or an integer too long to convert
        return Failure(where, f"{where}: invalid JSON ({_one_line(str(exc))})")
    except RecursionError:
        return Failure(where, f"{where}: invalid JSON (nested too deeply)")
    if not isinstance(record, dict):
        return Failure(where, f"{where}: not a JSON object (got {_json_kind(record)})")
    if options.text_column not in record:
        keys = ", ".join(sorted(record)) or "none"
        return Failure(where, f"{where}: no key '{options.text_column}' (keys: {_one_line(keys)})")
    return _record_article(path, number, record.get, options)


# --------------------------------------------------------------------------- directories


def _walk(root: str, options: ReadOptions) -> Iterator[Article | Failure]:
    """Text files under ``root``, depth first, each directory's entries sorted by name."""
    visited: set[tuple[int, int]] = set()
    found = False
    for item in _walk_dir(root, visited):
        if isinstance(item, Failure):
            yield item
        else:
            found = True
            yield from _read_file(item, options)
    if not found:
        suffixes = ", ".join(sorted(TEXT_SUFFIXES))
        yield Failure(root, f"{root}: no text files (looked for {suffixes})")


def _walk_dir(directory: str, visited: set[tuple[int, int]]) -> Iterator[str | Failure]:
    try:
        info = os.stat(directory)
        key = (info.st_dev, info.st_ino)
        if key in visited:
            return  # a symlink back to a directory already read: a loop or a duplicate
        visited.add(key)
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield Failure(directory, _os_message(directory, exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        yield from _walk_entry(entry, visited)


def _walk_entry(entry: os.DirEntry[str], visited: set[tuple[int, int]]) -> Iterator[str | Failure]:
    try:
        mode = os.stat(entry.path).st_mode  # follows symlinks
    except OSError as exc:  # dangling symlink, symlink loop, permission
        if os.path.splitext(entry.name)[1].lower() in TEXT_SUFFIXES:
            dangling = entry.is_symlink() and isinstance(exc, FileNotFoundError)
            message = f"{entry.path}: broken symbolic link" if dangling else _os_message(entry.path, exc)
            yield Failure(entry.path, message)
        return
    if stat.S_ISDIR(mode):
        yield from _walk_dir(entry.path, visited)
    elif stat.S_ISREG(mode) and os.path.splitext(entry.name)[1].lower() in TEXT_SUFFIXES:
        yield entry.path


# --------------------------------------------------------------------------- entry point


def read_articles(
    paths: Iterable[str],
    options: ReadOptions | None = None,
    stdin: TextIO | BinaryIO | None = None,
) -> Iterator[Article | Failure]:
    """Yield an Article per readable document and a Failure per unreadable source.

    ``paths`` may hold files (any suffix; .csv and .jsonl/.ndjson are tables with
    one article per row), directories (read recursively, sorted, text suffixes
    only, hidden entries skipped) and "-" for standard input. Lazy: nothing is
    read until the caller iterates, and one file is in memory at a time.

    >>> import io
    >>> items = list(read_articles(["-"], stdin=io.BytesIO(b"Headline\\n\\nBody text.")))
    >>> items[0].title, items[0].source
    ('Headline', '-')
    >>> [item.message for item in read_articles(["/no/such/file.txt"])]
    ['/no/such/file.txt: no such file or directory']
    """
    options = options or ReadOptions()
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for raw in paths:
        path = os.fspath(raw)
        if path == "-":
            yield from _guarded("-", _read_stdin(stdin, options))
            continue
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            yield Failure(path, _os_message(path, exc))
            continue
        except ValueError as exc:  # e.g. an embedded NUL in the path
            yield Failure(path, f"{path!r}: invalid path ({exc})")
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(path, options)
        else:
            yield from _read_file(path, options)

