"""Print the answer of a graph-reading command as a table for people or as json, jsonl or csv.

A command hands over its flat rows (one a line of csv, jsonl or the table) and, when its full answer
is nested (a path with hops with evidence), that structure for json.

Data is never markup nor terminal control: every cell and title handed to rich is a
:class:`rich.text.Text` without control characters (:func:`print_table`, the one place that builds
tables), and every CSV cell goes through :func:`csv_value`, which disarms spreadsheet formulas.
json, jsonl and csv keep the data as it is (JSON escapes control characters).

>>> import io
>>> out = io.StringIO()
>>> emit([{"actor": "Hamas", "articles": 2, "aliases": ["HMS"]}], "csv", out=out)
>>> out.getvalue().splitlines()
['actor,articles,aliases', 'Hamas,2,HMS']
"""
from __future__ import annotations

import csv
import json
import re
import shutil
import sys
from typing import TYPE_CHECKING, Any, Iterable, Sequence, TextIO

if TYPE_CHECKING:
    from rich.text import Text

FORMATS = ("table", "json", "jsonl", "csv")
TABLE_CELL = 110  # characters of a long cell (an evidence sentence) shown in a table

# C0 controls but tab and newline, DEL and C1: ESC starts terminal sequences, C1 CSI (\x9b) does alone.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What a spreadsheet reads as the start of a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def printable(text: str, *, keep_lines: bool = False) -> str:
    """``text`` without control characters, for a terminal: tabs and newlines become spaces (kept
    with ``keep_lines``), the rest (ESC, BEL, NUL, C1...) is dropped.

    >>> printable("Red\\x1b]0;title\\x07 Hand\\tX\\n")
    'Red]0;title Hand X '
    """
    text = _CONTROL.sub("", text)
    return text if keep_lines else text.replace("\t", " ").replace("\n", " ")


def _flat(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(_flat(v)) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def csv_value(value: Any) -> Any:
    """A value as a CSV cell: '' for None, true/false, lists joined with '; ', dicts as JSON; a text
    a spreadsheet would run as a formula (starting with = + - @, tab or carriage return) gets a
    leading single quote. Numbers, and texts that are a signed number, stay as they are.

    >>> [csv_value(v) for v in (-5, "-5", "=1+1", "@SUM(A1)", "Hamas", ["=a", "b"])]
    [-5, '-5', "'=1+1", "'@SUM(A1)", 'Hamas', "'=a; b"]
    """
    flat = _flat(value)
    if isinstance(flat, str) and flat.startswith(_FORMULA_START) and not _NUMBER.fullmatch(flat):
        return "'" + flat
    return flat


class _CsvWriter:
    """csv.writer with ``\\n`` line ends that also quotes a row holding a carriage return, which the
    standard writer would leave bare and so break the row for every reader."""

    def __init__(self, out: TextIO):
        self._minimal = csv.writer(out, lineterminator="\n")
        self._quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)

    def writerow(self, row: Iterable[Any]) -> None:
        row = list(row)
        bare_cr = any(isinstance(v, str) and "\r" in v for v in row)
        (self._quoted if bare_cr else self._minimal).writerow(row)


def csv_writer(out: TextIO) -> _CsvWriter:
    """The writer of every CSV graphkit writes: give it rows of :func:`csv_value` cells."""
    return _CsvWriter(out)


def text(value: Any) -> Text:
    """``value`` as a rich Text: shown as it reads, never parsed as markup or emoji, no control characters."""
    from rich.text import Text

    return Text(printable(str(value)))


def print_table(columns: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str | None = None,
                out: TextIO | None = None, width: int | None = None, justify: dict[str, str] | None = None,
                show_header: bool = True) -> None:
    """Print a rich table; every title, header and cell goes through :func:`text`."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=text(title) if title is not None else None, show_header=show_header)
    for col in columns:
        table.add_column(text(col), overflow="fold", justify=(justify or {}).get(col, "left"))
    for row in rows:
        table.add_row(*(text(cell) for cell in row))
    Console(file=out or sys.stdout, width=width).print(table)


def _cell(value: Any, whole: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, float):
        return f"{value:.2f}"
    shown = str(_flat(value)).replace("\n", " ")
    return shown if whole or len(shown) <= TABLE_CELL else shown[:TABLE_CELL] + "…"


def emit(rows: Sequence[dict], fmt: str, *, columns: Sequence[str] | None = None, title: str | None = None,
         data: Any = None, out: TextIO | None = None, whole: Sequence[str] = ()) -> None:
    """Write ``rows`` in ``fmt``: csv and jsonl one row a line (csv with ``columns``, else every key of
    the first row), json the nested ``data`` when given (else the rows), table the ``columns`` (those
    in ``whole`` wrapped whole, the other long cells cut at :data:`TABLE_CELL` characters)."""
    out = out or sys.stdout
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    fields = list(columns or (rows[0].keys() if rows else []))
    if fmt == "json":
        json.dump(rows if data is None else data, out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
    elif fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        all_fields = list(dict.fromkeys([*fields, *(k for r in rows for k in r)])) if columns is None else fields
        writer = csv_writer(out)
        writer.writerow(all_fields)
        for row in rows:
            writer.writerow([csv_value(row.get(k)) for k in all_fields])
    else:
        width = None if out.isatty() else max(160, shutil.get_terminal_size((160, 24)).columns)
        print_table(fields, ([_cell(row.get(col), col in whole) for col in fields] for row in rows), title=title, out=out,
                    width=width)
    out.flush()
