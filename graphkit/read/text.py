"""Plain text and Markdown -> Article: front matter, a headline on the first line, HTML handed to the HTML reader."""

from __future__ import annotations

import re

from graphkit.read.article import make_article
from graphkit.read.decode import unify_newlines
from graphkit.read.html import looks_like_html, parse_html, with_title_line
from graphkit.read.options import Reject
from graphkit.records import Article

__all__ = ["article_from_text", "guess_title", "split_front_matter"]

_MAX_TITLE_CHARS = 200
_FRONT_KEY = re.compile(r"^([A-Za-z_][\w.-]*)\s*:\s*(.*)$")


def article_from_text(text: str, source: str, name: str, kind: str) -> Article:
    """Build an Article from decoded text; ``kind`` is "text", "markdown" or "html"."""
    text = unify_newlines(text)
    if kind == "html" or looks_like_html(text):
        body, title, date = parse_html(text)
        if not body:
            raise Reject(f"{name}: no text after removing HTML markup")
        return make_article(with_title_line(body, title), source, title, date)
    if not text.strip():
        raise Reject(f"{name}: empty file")
    meta, body = split_front_matter(text.strip())
    body = body.strip()
    if not body:
        raise Reject(f"{name}: empty file (front matter only)")
    title = meta.get("title") or guess_title(body, markdown=kind == "markdown")
    return make_article(body, source, title, meta.get("date"))


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
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


def guess_title(text: str, markdown: bool) -> str | None:
    """The first line if it looks like a headline (short, no final period, then a blank line), or a Markdown ``# h1``."""
    first, _, rest = text.partition("\n")
    first = first.strip()
    if markdown and first.startswith("# "):
        return first[2:].strip().rstrip("#").strip() or None
    followed_by_blank = rest.partition("\n")[0].strip() == "" and rest != ""
    if first and len(first) <= _MAX_TITLE_CHARS and not first.endswith(".") and followed_by_blank:
        return first
    return None
