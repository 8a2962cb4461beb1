"""How many items :func:`read_articles` will yield for some paths, known before reading them: the total
of the ingest progress bar. Tables are read (cheap next to extraction); documents count one each."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable

from graphkit.read.options import Failure, ReadOptions
from graphkit.read.sources import _CSV_SUFFIXES, _JSONL_SUFFIXES, _suffix, _walk_dir, read_articles
from graphkit.read.web import looks_like_url

__all__ = ["count_items"]


def count_items(paths: Iterable[str], options: ReadOptions | None = None) -> int | None:
    """Articles and failures ``read_articles(paths, options)`` will yield, or None when that cannot be
    known without fetching (standard input, a URL: a feed has as many entries as it has)."""
    options = options or ReadOptions()
    total = 0
    for raw in paths:
        path = os.fspath(raw)
        if path == "-" or looks_like_url(path):
            return None
        try:
            is_dir = stat.S_ISDIR(os.stat(path).st_mode)
        except (OSError, ValueError):
            total += 1  # one failure line
            continue
        if not is_dir:
            total += _count_file(path, options)
            continue
        found = 0
        for item in _walk_dir(path, set()):
            total += 1 if isinstance(item, Failure) else _count_file(item, options)
            found += not isinstance(item, Failure)
        total += found == 0  # "no text files"
    return total


def _count_file(path: str, options: ReadOptions) -> int:
    if _suffix(path) in _CSV_SUFFIXES | _JSONL_SUFFIXES:
        return sum(1 for _ in read_articles([path], options))
    return 1
