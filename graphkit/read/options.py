"""What a reader is told and what it reports: ReadOptions and its size limit, Failure, and the internal Reject."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_MAX_BYTES", "Failure", "ReadOptions", "Reject", "TooLarge", "exceeds_max_bytes"]

DEFAULT_MAX_BYTES = 20_000_000


@dataclass(frozen=True)
class Failure:
    """A source that could not be read; ``message`` is one line naming the file."""

    source: str
    message: str


@dataclass
class ReadOptions:
    """How to read sources.

    The ``*_column`` fields are CSV column names or JSONL keys, or 1-based CSV
    column numbers (AG News: ``text_column="3", title_column="2"``); a CSV's
    header row is detected, so names and numbers read the same file the same
    way. A title or date column left None is the column named ``title`` /
    ``date`` when there is one; a column given that the file lacks is an error
    naming the columns it has. ``where`` keeps the rows whose column holds one
    of the values given for it (``(("label", "1"),)``; several columns must all
    match); ``where_not`` leaves out the rows whose column holds one of the
    values given for it (any column matching is enough). ``max_bytes`` limits each text/HTML file and stdin; CSV/JSONL files
    are streamed, so for them it limits each row's text instead.
    """

    text_column: str = "text"
    title_column: str | None = None
    id_column: str | None = None
    date_column: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    where: tuple[tuple[str, str], ...] = ()
    where_not: tuple[tuple[str, str], ...] = ()


class Reject(Exception):
    """Internal: the current source (or row) cannot be read; the message is user-facing."""


class TooLarge(Reject):
    """Internal: the source is over ``--max-bytes`` (a feed entry's page over it is a failure of its own,
    never quietly replaced by the entry's summary)."""


def exceeds_max_bytes(name: str, what: str, max_bytes: int) -> str:
    """The one-line message for input over the ``--max-bytes`` limit; ``what`` says how big it is."""
    return f"{name}: {what} exceeds --max-bytes {max_bytes}"
