"""PDF (pypdf) and Word .docx (python-docx) files -> Article: the text of every page or paragraph, the
title from the document's metadata (else its heading), the date from the dateline, else (a PDF) the day it was made."""

from __future__ import annotations

import io
import re

from graphkit.read.article import make_article
from graphkit.read.decode import one_line
from graphkit.read.options import Reject
from graphkit.read.text import guess_title
from graphkit.records import Article

__all__ = ["article_from_docx", "article_from_pdf"]


def article_from_pdf(path: str, data: bytes | None = None) -> Article:
    """The text of a PDF, page by page (pages separated by a blank line); ``data``: its bytes, already
    read (a file within --max-bytes, a fetched URL), ``path`` then only names it."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data) if data is not None else path)
        if reader.is_encrypted:
            raise Reject(f"{path}: encrypted PDF, cannot read its text")
        pages = [page.extract_text() or "" for page in reader.pages]
        meta = reader.metadata
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise Reject(f"{path}: not a readable PDF ({one_line(str(exc) or type(exc).__name__)})") from None
    text = "\n\n".join(_clean_page(page) for page in pages if page.strip())
    if not text.strip():
        raise Reject(f"{path}: no text in the PDF (a scan needs OCR first)")
    title = (meta.title if meta else None) or guess_title(text, markdown=False)
    article = make_article(text, path, title)  # the dateline's date when the text has one
    if article.date is None and meta and _has_date(meta):  # else the day the PDF was made
        article = make_article(text, path, title, meta.creation_date.date().isoformat())
    return article


def _has_date(meta) -> bool:  # noqa: ANN001 - pypdf's DocumentInformation
    try:
        return meta.creation_date is not None
    except (ValueError, TypeError):  # a malformed /CreationDate
        return False


def _clean_page(page: str) -> str:
    lines = [re.sub(r"[^\S\n]+", " ", line).strip() for line in page.replace("\r", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def article_from_docx(path: str, data: bytes | None = None) -> Article:
    """The paragraphs of a .docx (tables' cells too), each its own paragraph of the text; ``data`` as for
    :func:`article_from_pdf`."""
    from zipfile import BadZipFile

    import docx

    try:
        document = docx.Document(io.BytesIO(data) if data is not None else path)
    except (BadZipFile, KeyError, ValueError) as exc:
        raise Reject(f"{path}: not a readable .docx ({one_line(str(exc) or type(exc).__name__)})") from None
    paragraphs = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        for row in table.rows:
            cells = [cell.text.strip() for cell in row.cells if cell.text.strip()]
            if cells:
                paragraphs.append(" | ".join(dict.fromkeys(cells)))
    if not paragraphs:
        raise Reject(f"{path}: no text in the .docx")
    text = "\n\n".join(paragraphs)
    # core_properties.created is when the file was made (python-docx's own template says 2013), not when
    # the article was published: the date comes from the text's dateline
    title = document.core_properties.title or _heading(document) or guess_title(text, markdown=False)
    return make_article(text, path, title)


def _heading(document) -> str | None:  # noqa: ANN001 - python-docx Document
    for paragraph in document.paragraphs:
        if paragraph.text.strip():
            style = (paragraph.style.name or "") if paragraph.style is not None else ""
            return paragraph.text.strip() if style.startswith(("Title", "Heading")) else None
    return None
