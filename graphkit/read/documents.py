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
from html.parser import HTMLParser
from typing import BinaryIO, TextIO, TypeVar

from graphkit.read.article import article_id
from graphkit.read.article import make_article as _make_article
from graphkit.read.decode import SNIFF_BYTES as _SNIFF_BYTES
from graphkit.read.decode import collapse_whitespace as _collapse
from graphkit.read.decode import decode as _decode
from graphkit.read.decode import one_line as _one_line
from graphkit.read.decode import os_message as _os_message
from graphkit.read.decode import sniff_encoding as _sniff_encoding
from graphkit.read.decode import unify_newlines as _unify_newlines
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
_MAX_TITLE_CHARS = 200
_STDIN_NAME = "<stdin>"
_Row = TypeVar("_Row")




# --------------------------------------------------------------------------- HTML

_SKIP_TAGS = {"script", "style", "noscript", "template"}
_HEAD_TAGS = {"title", "meta", "link", "base", "style", "script", "noscript", "template"}
_PARAGRAPH_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header",
    "footer", "blockquote", "main", "aside", "nav", "figure", "figcaption", "pre",
    "ul", "ol", "dl", "table", "hr", "address", "form",
}
_LINE_TAGS = {"br", "li", "tr", "dt", "dd"}
_CELL_TAGS = {"td", "th"}
_VOID_TAGS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "param", "source", "track", "wbr",
}
_DATE_META = {"article:published_time", "date", "pubdate", "publishdate", "datepublished", "dc.date"}
_HTML_MARKERS = re.compile(r"<(?:html|body|p|div)", re.IGNORECASE)
_STARTS_WITH_TAG = re.compile(r"\s*<")


class _TextExtractor(HTMLParser):
    """Collects visible text, the <title>, the first <h1> and a published date."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self.h1_parts: list[str] = []
        self.date: str | None = None
        self._skip = 0
        self._pre = 0
        self._in_head = False
        self._in_title = False
        self._h1_state = "before"  # before -> inside -> done

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._in_head and tag not in _HEAD_TAGS:
            self._in_head = False  # </head> omitted: the body has started
        if tag == "head":
            self._in_head = True
        elif tag in _SKIP_TAGS:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            self._meta(dict(attrs))
        elif not self._skip:
            if tag == "h1" and self._h1_state == "before":
                self._h1_state = "inside"
            if tag == "pre":
                self._pre += 1
            self._break(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False
        elif tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag == "title":
            self._in_title = False
        elif not self._skip:
            if tag == "h1" and self._h1_state == "inside":
                self._h1_state = "done"
            if tag == "pre":
                self._pre = max(0, self._pre - 1)
            self._break(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_TAGS:
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
            return
        if self._skip or self._in_head:
            return
        if self._h1_state == "inside":
            self.h1_parts.append(data)
        self.parts.append(data if self._pre else re.sub(r"\s+", " ", data))

    def _break(self, tag: str) -> None:
        if tag in _CELL_TAGS:
            self.parts.append(" ")
            return
        brk = "\n\n" if tag in _PARAGRAPH_TAGS else "\n" if tag in _LINE_TAGS else ""
        if not brk:
            return
        while self.parts and self.parts[-1] == " ":
            self.parts.pop()  # inter-tag whitespace would keep adjacent breaks apart
        if self.parts and self.parts[-1] in ("\n", "\n\n"):
            brk = max(brk, self.parts.pop(), key=len)  # </li><li> is one line break, not two
        self.parts.append(brk)

    def _meta(self, attrs: dict[str, str | None]) -> None:
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        content = (attrs.get("content") or "").strip()
        if self.date is None and key in _DATE_META and content:
            self.date = content



def _parse_html(markup: str) -> tuple[str, str | None, str | None]:
    """(body text, title, date) of an HTML document."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    raw = "".join(parser.parts).replace("\xa0", " ")
    lines = [re.sub(r"[^\S\n]+", " ", line).strip() for line in _unify_newlines(raw).split("\n")]
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    title = _collapse("".join(parser.title_parts)) or _collapse("".join(parser.h1_parts)) or None
    return body, title, parser.date


def html_to_text(markup: str) -> tuple[str, str | None]:
    """Visible text of an HTML document and its title (<title>, else the first <h1>).

    Blocks become paragraphs separated by a blank line; script/style/head are
    dropped; entities are unescaped. The title is kept as the first line of
    the text (prepended when the body does not already start with it).

    >>> html_to_text("<title>T &amp; U</title><p>One</p><p>Two</p>")
    ('T & U\\n\\nOne\\n\\nTwo', 'T & U')
    """
    body, title, _ = _parse_html(markup)
    return _with_title_line(body, title), title


def _with_title_line(body: str, title: str | None) -> str:
    if not title or body == title or body.startswith(title + "\n"):
        return body
    return f"{title}\n\n{body}" if body else title


def _looks_like_html(text: str) -> bool:
    return _STARTS_WITH_TAG.match(text) is not None and _HTML_MARKERS.search(text) is not None


# --------------------------------------------------------------------------- plain text

_FRONT_KEY = re.compile(r"^([A-Za-z_][\w.-]*)\s*:\s*(.*)$")


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split a leading ``---`` / ``key: value`` / ``---`` block off ``text``."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return {}, text
    meta: dict[str, str] = {}
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() == "---":
            return meta, "\n".join(lines[index + 1 :])
        match = _FRONT_KEY.match(line)
        if match:
            meta[match.group(1).lower()] = _unquote(match.group(2).strip())
        elif line.strip() and not line[:1].isspace() and not line.startswith(("#", "- ")):
            return {}, text  # not front matter, just a text starting with a rule
    return {}, text  # never closed


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _guess_title(text: str, markdown: bool) -> str | None:
    """The first line if it looks like a headline (short, no final period, then a blank line)."""
    first, _, rest = text.partition("\n")
    first = first.strip()
    if markdown and first.startswith("# "):
        return first[2:].strip().rstrip("#").strip() or None
    followed_by_blank = rest.partition("\n")[0].strip() == "" and rest != ""
    if first and len(first) <= _MAX_TITLE_CHARS and not first.endswith(".") and followed_by_blank:
        return first
    return None


def _article_from_text(text: str, source: str, name: str, kind: str) -> Article:
    """Build an Article from decoded text; ``kind`` is "text", "markdown" or "html"."""
    text = _unify_newlines(text)
    if kind == "html" or _looks_like_html(text):
        body, title, date = _parse_html(text)
        if not body:
            raise _Reject(f"{name}: no text after removing HTML markup")
        return _make_article(_with_title_line(body, title), source, title, date)
    if not text.strip():
        raise _Reject(f"{name}: empty file")
    meta, body = _split_front_matter(text.strip())
    body = body.strip()
    if not body:
        raise _Reject(f"{name}: empty file (front matter only)")
    title = meta.get("title") or _guess_title(body, markdown=kind == "markdown")
    return _make_article(body, source, title, meta.get("date"))




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

