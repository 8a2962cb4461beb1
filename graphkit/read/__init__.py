"""Read articles from files, directories, CSV/JSONL tables and standard input.

Everything here is standard library only. :func:`read_articles` is a generator
that yields an :class:`Article` for every document it could read and a
:class:`Failure` (one line, naming the file) for everything it could not; it
never raises for bad input.

Modules, in the order data flows: ``sources`` (paths, directories, stdin, the
guard), ``decode`` (bytes -> text, error messages), ``text`` (plain text and
Markdown), ``html``, ``tables`` (CSV/JSONL rows), ``article`` (the id and
fields every reader sets), ``options`` (ReadOptions, Failure).
"""

from graphkit.read.article import article_id
from graphkit.read.html import html_to_text
from graphkit.read.options import DEFAULT_MAX_BYTES, Failure, ReadOptions
from graphkit.read.sources import TEXT_SUFFIXES, read_articles
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
