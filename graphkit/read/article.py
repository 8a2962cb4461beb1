"""The Article every reader builds: its content id and the clean-up of its optional fields."""

from __future__ import annotations

import hashlib
import unicodedata

from graphkit.read.decode import unify_newlines
from graphkit.records import Article

__all__ = ["article_id", "make_article"]


def article_id(text: str) -> str:
    """First 16 hex chars of the SHA-256 of the normalized text.

    Normalization: NFC, CRLF/CR -> LF, trailing whitespace stripped per line,
    the whole stripped. So the id survives line-ending and padding changes.

    >>> article_id("Hello\\r\\nworld  ") == article_id("Hello\\nworld")
    True
    """
    norm = unicodedata.normalize("NFC", unify_newlines(text))
    norm = "\n".join(line.rstrip() for line in norm.split("\n")).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def make_article(
    text: str, source: str, title: str | None = None, date: str | None = None, id_: str | None = None
) -> Article:
    """An Article for ``text``; blank title/date become None, and the id is :func:`article_id` unless given."""
    return Article(
        id=id_ or article_id(text),
        text=text,
        source=source,
        title=(title or "").strip() or None,
        date=(date or "").strip() or None,
    )
