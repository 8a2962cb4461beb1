"""HTML -> text: an HTMLParser that keeps the visible text as paragraphs, the title (<title>, else <h1>) and a
date (a published-time meta tag, else JSON-LD datePublished)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from graphkit.read.decode import collapse_whitespace, unify_newlines

__all__ = ["defuse_markup", "html_to_text", "looks_like_html", "parse_html", "with_title_line"]

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
_DATE_META = {"article:published_time", "date", "pubdate", "publishdate", "datepublished", "dc.date",
              "og:published_time", "og:article:published_time", "article:published", "dc.date.issued",
              "dcterms.created", "dcterms.issued", "sailthru.date", "parsely-pub-date"}
# JSON-LD (<script type="application/ld+json">) is skipped as a script; its date is found in the markup
_JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{4,40})"')
_HTML_MARKERS = re.compile(r"<(?:html|body|p|div)", re.IGNORECASE)
_STARTS_WITH_TAG = re.compile(r"\s*<")
_TAG_START = re.compile(r"<[A-Za-z/!?]")


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


def parse_html(markup: str) -> tuple[str, str | None, str | None]:
    """(body text, title, date) of an HTML document."""
    parser = _TextExtractor()
    parser.feed(defuse_markup(markup))
    parser.close()
    raw = "".join(parser.parts).replace("\xa0", " ")
    lines = [re.sub(r"[^\S\n]+", " ", line).strip() for line in unify_newlines(raw).split("\n")]
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    title = collapse_whitespace("".join(parser.title_parts)) or collapse_whitespace("".join(parser.h1_parts))
    date = parser.date
    if date is None and "datePublished" in markup:
        found = _JSON_LD_DATE.search(markup)
        date = found.group(1) if found else None
    return body, title or None, date


def defuse_markup(markup: str) -> str:
    """``markup`` with every ``<`` that cannot open a tag written as ``&lt;``, in one pass.

    A ``<`` followed by a letter, ``/``, ``!`` or ``?`` opens a tag only if a ``>`` comes before the next
    ``<``; a comment runs to its ``-->``. HTMLParser rescans to the end of the input for each ``<`` it
    cannot close (2 MB of ``<a`` took over two minutes) and then shows it as text anyway, so escaping it
    keeps the text and makes the parse linear. Only a ``<`` inside an attribute value reads differently.

    >>> defuse_markup("<p>1<2 <b>x</b><!-- <i> --> <a")
    '<p>1<2 <b>x</b><!-- <i> --> &lt;a'
    """
    out: list[str] = []
    pos = comment_end = 0
    next_gt = next_comment_end = -2  # -2: not searched yet; -1: none left
    for match in _TAG_START.finditer(markup):
        start = match.start()
        if start < comment_end:
            continue  # inside a comment: HTMLParser skips it whole
        if markup.startswith("<!--", start):
            if next_comment_end != -1 and next_comment_end < start + 4:
                next_comment_end = markup.find("-->", start + 4)
            if next_comment_end != -1:
                comment_end = next_comment_end + 3
                continue
        else:
            if next_gt != -1 and next_gt < start:
                next_gt = markup.find(">", start)
            next_lt = markup.find("<", start + 1, next_gt if next_gt != -1 else len(markup))
            if next_gt != -1 and next_lt == -1:
                continue  # a tag: HTMLParser reads it
        out.append(markup[pos:start])
        out.append("&lt;")
        pos = start + 1
    if not out:
        return markup
    out.append(markup[pos:])
    return "".join(out)


def html_to_text(markup: str) -> tuple[str, str | None]:
    """Visible text of an HTML document and its title (<title>, else the first <h1>).

    Blocks become paragraphs separated by a blank line; script/style/head are
    dropped; entities are unescaped. The title is kept as the first line of
    the text (prepended when the body does not already start with it).

    >>> html_to_text("<title>T &amp; U</title><p>One</p><p>Two</p>")
    ('T & U\\n\\nOne\\n\\nTwo', 'T & U')
    """
    body, title, _ = parse_html(markup)
    return with_title_line(body, title), title


def with_title_line(body: str, title: str | None) -> str:
    """``body`` with ``title`` as its first paragraph, unless it already starts with it."""
    if not title or body == title or body.startswith(title + "\n"):
        return body
    return f"{title}\n\n{body}" if body else title


def looks_like_html(text: str) -> bool:
    """True for text that starts with a tag and has an <html>, <body>, <p> or <div> (HTML in a .txt or on stdin)."""
    return _STARTS_WITH_TAG.match(text) is not None and _HTML_MARKERS.search(text) is not None
