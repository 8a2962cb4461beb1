"""Paths -> readers: files by suffix, directories (sorted, hidden skipped, symlink loops cut), stdin, each guarded.

A guarded source turns anything its reader raises into a one-line Failure, so one
bad file never stops the run.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator
from typing import BinaryIO, TextIO

from graphkit.read.decode import SNIFF_BYTES, decode, one_line, os_message, sniff_encoding
from graphkit.read.documents import article_from_docx, article_from_pdf
from graphkit.read.options import Failure, ReadOptions, Reject, TooLarge, exceeds_max_bytes
from graphkit.read.tables import read_csv, read_jsonl
from graphkit.read.text import article_from_text
from graphkit.read.web import looks_like_url, read_url
from graphkit.records import Article

__all__ = ["ACCEPTED", "TEXT_SUFFIXES", "read_articles"]

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".csv", ".jsonl", ".ndjson", ".pdf", ".docx"}
ACCEPTED = ("graphkit reads text (.txt, .md), HTML, CSV, JSONL, PDF and .docx files, directories of them, "
            "'-' (standard input) and http(s) URLs of pages and RSS/Atom feeds")

_MARKDOWN_SUFFIXES = {".md", ".markdown"}
_HTML_SUFFIXES = {".html", ".htm"}
_CSV_SUFFIXES = {".csv"}
_BINARY_READERS = {".pdf": article_from_pdf, ".docx": article_from_docx}
_JSONL_SUFFIXES = {".jsonl", ".ndjson"}
_STDIN_NAME = "<stdin>"


def read_articles(
    paths: Iterable[str],
    options: ReadOptions | None = None,
    stdin: TextIO | BinaryIO | None = None,
) -> Iterator[Article | Failure]:
    """Yield an Article per readable document and a Failure per unreadable source.

    ``paths`` may hold files (any suffix; .csv and .jsonl/.ndjson are tables with
    one article per row, .pdf and .docx documents), directories (read recursively,
    sorted, the suffixes of TEXT_SUFFIXES only, hidden entries skipped), http(s)
    URLs of pages and feeds, and "-" for standard input. Lazy: nothing is
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
        if looks_like_url(path):
            yield from _guarded(path, read_url(path, options))
            continue
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            yield Failure(path, os_message(path, exc))
            continue
        except ValueError as exc:  # e.g. an embedded NUL in the path
            yield Failure(path, f"{path!r}: invalid path ({exc})")
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(path, options)
        else:
            yield from _read_file(path, options)


def _suffix(path: str) -> str:
    return os.path.splitext(path)[1].lower()


def _read_file(path: str, options: ReadOptions) -> Iterator[Article | Failure]:
    suffix = _suffix(path)
    if suffix in _CSV_SUFFIXES:
        yield from _guarded(path, read_csv(path, options))
    elif suffix in _JSONL_SUFFIXES:
        yield from _guarded(path, read_jsonl(path, options))
    elif suffix in _BINARY_READERS:
        yield from _guarded(path, _read_binary(path, suffix, options))
    else:
        kind = "html" if suffix in _HTML_SUFFIXES else "markdown" if suffix in _MARKDOWN_SUFFIXES else "text"
        yield from _guarded(path, _read_document(path, kind, options))


def _guarded(source: str, items: Iterator[Article | Failure]) -> Iterator[Article | Failure]:
    """Turn anything a reader raises into a Failure, so one bad source never stops the run."""
    try:
        yield from items
    except Reject as exc:
        yield Failure(source, str(exc))
    except OSError as exc:
        yield Failure(source, os_message(source, exc))
    except (MemoryError, RecursionError) as exc:
        yield Failure(source, f"{source}: too large or too deeply nested to read ({type(exc).__name__})")
    except Exception as exc:  # noqa: BLE001 - a reader bug must not end the whole run
        yield Failure(source, f"{source}: could not read ({type(exc).__name__}: {one_line(str(exc))})")


def _read_bounded(path: str, options: ReadOptions) -> bytes:
    """The bytes of the file at ``path``; raises TooLarge past ``--max-bytes``."""
    size = os.stat(path).st_size
    if size > options.max_bytes:
        raise TooLarge(exceeds_max_bytes(path, f"{size} bytes", options.max_bytes))
    with open(path, "rb") as handle:
        data = handle.read(options.max_bytes + 1)  # the file may have grown since stat
    if len(data) > options.max_bytes:
        raise TooLarge(exceeds_max_bytes(path, f"more than {options.max_bytes} bytes", options.max_bytes))
    return data


def _read_document(path: str, kind: str, options: ReadOptions) -> Iterator[Article]:
    data = _read_bounded(path, options)
    if not data:
        raise Reject(f"{path}: empty file")
    try:
        sniff_encoding(data[:SNIFF_BYTES], path)
    except Reject as exc:  # binary: say what graphkit does read
        raise Reject(f"{exc}; {ACCEPTED}") from None
    yield article_from_text(decode(data, path), path, path, kind)


def _read_binary(path: str, suffix: str, options: ReadOptions) -> Iterator[Article]:
    yield _BINARY_READERS[suffix](path, _read_bounded(path, options))


def _read_stdin(stream: TextIO | BinaryIO | None, options: ReadOptions) -> Iterator[Article]:
    if stream is None:
        stream = getattr(sys.stdin, "buffer", sys.stdin)
    if stream is None:
        raise Reject(f"{_STDIN_NAME}: standard input is not available")
    data = stream.read(options.max_bytes + 1)
    raw = data.encode("utf-8", "surrogateescape") if isinstance(data, str) else bytes(data)
    if len(raw) > options.max_bytes:
        raise Reject(exceeds_max_bytes(_STDIN_NAME, "input", options.max_bytes))
    if not raw:
        raise Reject(f"{_STDIN_NAME}: empty file")
    yield article_from_text(decode(raw, _STDIN_NAME), "-", _STDIN_NAME, "text")


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


def _walk_dir(root: str, visited: set[tuple[int, int]]) -> Iterator[str | Failure]:
    """Files and failures under ``root`` in depth-first, sorted order, with an explicit stack (no recursion,
    so a directory nested thousands of levels deep is walked like any other)."""
    stack: list[Iterator[os.DirEntry[str]]] = []
    opened = _open_dir(root, visited)
    if isinstance(opened, Failure):
        yield opened
        return
    stack.append(opened)
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        found = _walk_entry(entry, visited)
        if isinstance(found, (str, Failure)):
            yield found
        elif found is not None:
            stack.append(found)  # a subdirectory: walked before this directory's next entry


def _open_dir(directory: str, visited: set[tuple[int, int]]) -> Iterator[os.DirEntry[str]] | Failure | None:
    """The sorted entries of ``directory``; None if it was read already (a symlink loop or duplicate)."""
    try:
        info = os.stat(directory)
        key = (info.st_dev, info.st_ino)
        if key in visited:
            return None
        visited.add(key)
        with os.scandir(directory) as scan:
            return iter(sorted(scan, key=lambda entry: entry.name))
    except OSError as exc:
        return Failure(directory, os_message(directory, exc))


def _walk_entry(
    entry: os.DirEntry[str], visited: set[tuple[int, int]]
) -> str | Failure | Iterator[os.DirEntry[str]] | None:
    """A text file's path, a Failure, a subdirectory's entries to walk, or None (skipped)."""
    try:
        mode = os.stat(entry.path).st_mode  # follows symlinks
    except OSError as exc:  # dangling symlink, symlink loop, permission
        if _suffix(entry.name) in TEXT_SUFFIXES:
            dangling = entry.is_symlink() and isinstance(exc, FileNotFoundError)
            message = f"{entry.path}: broken symbolic link" if dangling else os_message(entry.path, exc)
            return Failure(entry.path, message)
        return None
    if stat.S_ISDIR(mode):
        return _open_dir(entry.path, visited)
    if stat.S_ISREG(mode) and _suffix(entry.name) in TEXT_SUFFIXES:
        return entry.path
    return None
