"""The Article every reader builds: its content id and the clean-up of its optional fields."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from graphkit.model.names import bounded_id
from graphkit.read.dates import dateline_date, normalize_date
from graphkit.read.decode import unify_newlines
from graphkit.records import Article

__all__ = ["MAX_REPEATS", "article_id", "cut_runs", "make_article"]

MAX_REPEATS = 10
# A unit of 1-4 non-space characters repeated more than MAX_REPEATS times in a row; the unit is lazy, so
# "------" is the unit "-", not "--". The match is linear: the repeat is a backreference, scanned once.
_REPEATED_UNIT = re.compile(r"(\S{1,4}?)\1{%d,}" % MAX_REPEATS)


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
    text: str, source: str, title: str | None = None, date: str | None = None, id_: str | None = None,
    other_year: int | None = None,
) -> Article:
    """An Article for ``text``; blank title/date become None, and the id is :func:`article_id` unless given.

    The date is the given one as ISO 8601 (a date that cannot be read is dropped), else the date of the
    text's wire dateline, whose missing year comes from the text or ``other_year`` (the file's other dates).

    Runaway punctuation in ``text`` and ``title`` is cut first (:func:`cut_runs`), so the offsets that
    extraction reports refer to the text as stored.
    """
    text = cut_runs(text)
    iso, guessed = normalize_date(date), False
    if iso is None:
        iso, guessed = dateline_date(text, other_year)
    return Article(
        id=bounded_id(id_) if id_ else article_id(text),  # a given id is indexed: bound its length
        text=text,
        source=source,
        title=cut_runs((title or "").strip()) or None,
        date=iso,
        year_guessed=guessed,
    )


def cut_runs(text: str) -> str:
    """``text`` with every run of more than MAX_REPEATS copies of a short unit holding punctuation or a
    symbol cut to MAX_REPEATS copies.

    spaCy's tokenizer splits such runs one character at a time, re-copying the rest each time: 10,000
    em-dashes took 18 s and 330 MB. Runs of letters and digits ("hahaha...") are left alone.

    >>> cut_runs("Wait" + "!" * 50 + " " + "-=" * 20 + " " + "ab" * 20) == "Wait" + "!" * 10 + " " + "-=" * 10 + " " + "ab" * 20
    True
    """
    if len(text) <= MAX_REPEATS:
        return text
    return _REPEATED_UNIT.sub(_cut_unit, text)


def _cut_unit(match: re.Match[str]) -> str:
    unit = match.group(1)
    if unit.isalnum():
        return match.group()
    return unit * MAX_REPEATS
