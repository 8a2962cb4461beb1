"""Web pages and feeds by URL: fetched over http(s) only, a page's article text, title and date read by
trafilatura, a feed handed to :mod:`graphkit.read.feeds`. A network error is one line naming the URL."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlsplit

from graphkit.read.article import make_article
from graphkit.read.decode import one_line
from graphkit.read.html import parse_html, with_title_line
from graphkit.read.options import Failure, ReadOptions, Reject, TooLarge, exceeds_max_bytes
from graphkit.records import Article

__all__ = ["FETCH_SECONDS", "article_from_page", "fetch", "is_url", "looks_like_url", "read_url"]

FETCH_SECONDS = 30
_USER_AGENT = "graphkit (news graph reader)"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_PDF_TYPES = ("application/pdf", "application/x-pdf")
_DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_FEED_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.S)


def looks_like_url(path: str) -> bool:
    """True for anything written as ``scheme://...`` (a URL, supported or not)."""
    return _SCHEME.match(path) is not None


def is_url(path: str) -> bool:
    """True for an http or https URL with a host."""
    parts = urlsplit(path)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def fetch(url: str, max_bytes: int) -> tuple[bytes, str]:
    """(body, content type) of ``url``; raises Reject with one line for any network or HTTP error, and
    TooLarge for a body over ``max_bytes`` (refused on its Content-Length before any of it is read, else
    once ``max_bytes`` + 1 bytes have come: never more is read)."""
    if not is_url(url):
        raise Reject(f"{one_line(url)}: only http:// and https:// URLs can be read")
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_SECONDS) as response:  # noqa: S310 - scheme checked
            declared = (response.headers.get("Content-Length") or "").strip()
            if declared.isdigit() and int(declared) > max_bytes:
                raise TooLarge(exceeds_max_bytes(one_line(url), f"{int(declared)} bytes", max_bytes))
            body = response.read(max_bytes + 1)
            kind = response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        raise Reject(f"{one_line(url)}: HTTP {exc.code} {one_line(str(exc.reason))}") from None
    except urllib.error.URLError as exc:
        raise Reject(f"{one_line(url)}: could not fetch ({one_line(str(exc.reason))})") from None
    except (OSError, ValueError) as exc:  # timeouts, resets, a malformed URL
        raise Reject(f"{one_line(url)}: could not fetch ({one_line(str(exc) or type(exc).__name__)})") from None
    if len(body) > max_bytes:
        raise TooLarge(exceeds_max_bytes(one_line(url), f"more than {max_bytes} bytes", max_bytes))
    if not body.strip():
        raise Reject(f"{one_line(url)}: empty response")
    return body, kind.lower()


def read_url(url: str, options: ReadOptions) -> Iterator[Article | Failure]:
    """The article of a page, a PDF or a .docx, or one article per entry of an RSS/Atom feed (a Failure
    for an entry whose page is over ``--max-bytes``)."""
    body, kind = fetch(url, options.max_bytes)
    if kind.startswith(_PDF_TYPES) or body[:5] == b"%PDF-":
        from graphkit.read.documents import article_from_pdf

        yield article_from_pdf(one_line(url), body)
        return
    if kind.startswith(_DOCX_TYPE):
        from graphkit.read.documents import article_from_docx

        yield article_from_docx(one_line(url), body)
        return
    if "rss" in kind or "atom" in kind or _FEED_START.match(body[:4096]):
        from graphkit.read.feeds import read_feed

        yield from read_feed(url, body, options)
        return
    yield article_from_page(url, body)


def article_from_page(url: str, body: bytes | str, title: str | None = None, date: str | None = None) -> Article:
    """The article text of a web page (trafilatura: boilerplate, menus and comments left out) with its
    title and date; a page trafilatura finds no article in is read whole by graphkit's HTML reader."""
    import trafilatura

    markup = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    found = trafilatura.bare_extraction(markup, url=url, with_metadata=True, include_comments=False,
                                        favor_recall=True, as_dict=True)
    text = ((found or {}).get("text") or "").strip()
    if text:
        text = re.sub(r"\n+", "\n\n", text)  # trafilatura gives a paragraph a line
        title = title or (found.get("title") or None)
        date = date or found.get("date")
    else:
        text, page_title, page_date = parse_html(markup)
        title, date = title or page_title, date or page_date
    if not text:
        raise Reject(f"{one_line(url)}: no article text on the page")
    return make_article(with_title_line(text, title), url, title, date)
