"""RSS and Atom feeds (feedparser) -> one Article per entry.

An entry's text is its full content when the feed carries it; an entry with only a summary has its
link fetched and read as a web page (trafilatura), and if that fails the summary is the text; a page
over ``--max-bytes`` is a failure of that entry (one line), never replaced by its summary. The entry's
published (else updated) date is the article's date.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from graphkit.read.article import make_article
from graphkit.read.decode import one_line
from graphkit.read.html import parse_html, with_title_line
from graphkit.read.options import Failure, ReadOptions, Reject, TooLarge
from graphkit.records import Article

__all__ = ["read_feed"]

# a summary shorter than this is a teaser: the entry's page holds the article
_FULL_CONTENT_CHARS = 600


def read_feed(url: str, body: bytes, options: ReadOptions) -> Iterator[Article | Failure]:
    """Every entry of the feed at ``url`` (already fetched: ``body``) as an Article, in feed order."""
    import feedparser

    feed = feedparser.parse(body)
    if not feed.entries:
        problem = f" ({one_line(str(feed.get('bozo_exception')))})" if feed.get("bozo") else ""
        raise Reject(f"{one_line(url)}: a feed without entries{problem}")
    for number, entry in enumerate(feed.entries, start=1):
        article = _entry_article(url, number, entry, options)
        if article is not None:
            yield article


def _entry_article(url: str, number: int, entry, options: ReadOptions) -> Article | Failure | None:  # noqa: ANN001
    title = (entry.get("title") or "").strip() or None
    date = _entry_date(entry)
    link = (entry.get("link") or "").strip()
    content = " ".join(part.get("value", "") for part in entry.get("content") or [])
    text = _html_text(content)
    summary = _html_text(entry.get("summary") or "")
    if len(text) < _FULL_CONTENT_CHARS and link:
        from graphkit.read.web import article_from_page, fetch, is_url

        if is_url(link):
            try:
                body, _ = fetch(link, options.max_bytes)
                return article_from_page(link, body, title, date)
            except TooLarge as exc:
                return Failure(link, str(exc))
            except Reject:
                pass  # the page is gone or unreachable: the feed's own words are what there is
    text = text or summary
    if not text:
        return None
    return make_article(with_title_line(text, title), link or f"{url}#entry={number}", title, date)


def _html_text(markup: str) -> str:
    return parse_html(markup)[0] if markup.strip() else ""


def _entry_date(entry) -> str | None:  # noqa: ANN001 - a feedparser entry
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
    return None
