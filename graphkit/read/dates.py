"""Dates of articles as ISO 8601: normalizing a given date, and reading a wire dateline's date.

A date is written at the precision it is known: ``2008``, ``2008-07`` or ``2008-07-06``. A dateline
that gives no year ("ISLAMABAD, Pakistan : Sep 04 -") takes the year from the article's text, else from
the file's other dates, and the article says so (``Article.year_guessed``); without either it has no date.

>>> normalize_date("2008-07-06T10:00:00Z"), normalize_date("Mon, 06 Sep 2004 10:31:00 GMT")
('2008-07-06T10:00:00Z', '2004-09-06T10:31:00+00:00')
>>> normalize_date("2008/7/6 10:00"), normalize_date("2008-13-01")
('2008-07-06', None)
>>> normalize_date("July 2008"), normalize_date("6 July 2008"), normalize_date("nonsense")
('2008-07', '2008-07-06', None)
>>> dateline_date("BAGHDAD, July 2008 - Iraqi forces ...")
('2008-07', False)
>>> dateline_date("ISLAMABAD, Pakistan : Sep 04 - Talks in 2007 ...")
('2007-09-04', True)
>>> dateline_date("KABUL (Reuters) - Taliban fighters ...")
(None, False)
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date as Date, datetime
from email.utils import parsedate_to_datetime

__all__ = ["dateline_date", "date_year", "normalize_date", "text_year"]

_MONTHS = {name: number for number, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
    ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
    ("nov", "november"), ("dec", "december")), start=1) for name in names}
_MONTH = r"(?P<month>%s)\.?" % "|".join(sorted(_MONTHS, key=len, reverse=True))
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_ISO = re.compile(r"^\s*(?P<year>\d{4})(?:[-/](?P<month>\d{1,2})(?:[-/](?P<day>\d{1,2}))?)?(?=$|[T\s])")
# the date parts a dateline or a date string may hold, most specific first
_WORDY = [re.compile(p, re.IGNORECASE) for p in (
    rf"^{_MONTH}\s+{_DAY}(?:,\s*|\s+){_YEAR}$",      # July 6, 2008
    rf"^{_DAY}\s+{_MONTH},?\s+{_YEAR}$",             # 6 July 2008
    rf"^{_MONTH},?\s+{_YEAR}$",                      # July 2008
    rf"^{_MONTH}\s+{_DAY}$",                         # Sep 04 (no year)
    rf"^{_DAY}\s+{_MONTH}$",                         # 4 September (no year)
)]
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
# a dateline ends at its dash: "PLACE[, Country][ (Agency)][,|:] DATE - "
_DATELINE_DASH = re.compile(r"\s(?:-{1,3}|\u2013|\u2014)\s")
_PARENS = re.compile(r"\([^)]{0,40}\)")
_HEAD_PARTS = re.compile(r"\s*[,:]\s*")
_TEXT_YEAR = re.compile(r"(?<![\d$#])(?:19[5-9]\d|20\d\d)(?![\d%])")
_DATELINE_LINES = 3


def _iso(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    """``YYYY[-MM[-DD]]`` for a real date; None for an impossible one (month 13, 31 June)."""
    if year is None:
        return None
    try:
        Date(year, month or 1, day or 1)
    except ValueError:
        return None
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if month and day else "")


def _wordy(value: str) -> tuple[int | None, int, int | None] | None:
    """(year or None, month, day or None) of "July 6, 2008", "6 July", "Sep 04"...; None if not a date."""
    value = _WEEKDAY.sub("", value.strip().rstrip(".,"))
    for pattern in _WORDY:
        match = pattern.match(value)
        if match:
            parts = match.groupdict()
            day = int(parts["day"]) if parts.get("day") else None
            if day is not None and not 1 <= day <= 31:
                return None
            year = int(parts["year"]) if parts.get("year") else None
            return year, _MONTHS[parts["month"].lower()], day
    return None


def normalize_date(value: str | None) -> str | None:
    """A date as given (front matter, a meta tag, a column, a feed) as ISO 8601, or None if it is none.

    An ISO timestamp is kept as given, other dates with a time keep their date part; RFC 2822
    ("Mon, 06 Sep 2004 10:31:00 GMT") and written dates ("July 6, 2008", "6 July 2008", "July 2008")
    are converted.
    """
    value = (value or "").strip()
    if not value:
        return None
    match = _ISO.match(value)
    if match:
        parts = [int(p) if p else None for p in match.group("year", "month", "day")]
        iso = _iso(*parts)
        if iso and len(iso) == 10 and value[10:11] == "T" and _is_timestamp(value):
            return value
        return iso
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    parts = _wordy(value)
    if parts is None or parts[0] is None:
        return None
    return _iso(*parts)


def _is_timestamp(value: str) -> bool:
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def date_year(value: str | None) -> int | None:
    """The year of an ISO date, if it has one."""
    return int(value[:4]) if value and value[:4].isdigit() else None


def text_year(text: str) -> int | None:
    """The year the text names most often (the latest among equals), or None."""
    counts = Counter(int(y) for y in _TEXT_YEAR.findall(text))
    if not counts:
        return None
    return max(counts, key=lambda year: (counts[year], year))


def dateline_date(text: str, other_year: int | None = None) -> tuple[str | None, bool]:
    """(ISO date, year guessed) of the dateline opening one of the first lines of ``text``.

    A dateline without a year takes the year the text names most often, else ``other_year`` (the
    file's other dates); the second value then says the year was guessed. A dateline without a date
    ("KABUL (Reuters) -"), or none at all, gives (None, False).
    """
    lines = [line.strip() for line in text[:2000].split("\n") if line.strip()][:_DATELINE_LINES]
    for line in lines:
        parts = _dateline_parts(line)
        if parts is None:
            continue
        year, month, day = parts
        if year is not None:
            return _iso(year, month, day), False
        guessed = text_year(text) or other_year
        iso = _iso(guessed, month, day)
        return (iso, True) if iso else (None, False)
    return None, False


def _dateline_parts(line: str) -> tuple[int | None, int, int | None] | None:
    """The date of a line opening with a dateline: the place in capitals first, the date last before the
    dash ("KINSHASA, Aug 12, 2025 -", "ISLAMABAD, Pakistan : Sep 04 -"); None without one."""
    dash = _DATELINE_DASH.search(line[:120])
    if not dash:
        return None
    head = [part for part in _HEAD_PARTS.split(_PARENS.sub(" ", line[:dash.start()]).strip()) if part]
    place = head[0] if head else ""
    if len(head) < 2 or not any(c.isalpha() for c in place) or place.upper() != place:
        return None
    for candidate in (", ".join(head[-2:]) if len(head) > 2 else None, head[-1]):
        parts = _wordy(candidate) if candidate else None
        if parts is not None:
            return parts
    return None
