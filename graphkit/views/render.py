"""Print the answer of a graph-reading command as a table for people or as json, jsonl or csv.

A command hands over its flat rows (one a line of csv, jsonl or the table) and, when its full answer
is nested (a path with hops with evidence), that structure for json.

>>> import io
>>> out = io.StringIO()
>>> emit([{"actor": "Hamas", "articles": 2, "aliases": ["HMS"]}], "csv", out=out)
>>> out.getvalue().splitlines()
['actor,articles,aliases', 'Hamas,2,HMS']
"""
from __future__ import annotations

import csv
import json
import shutil
import sys
from typing import Any, Sequence, TextIO

FORMATS = ("table", "json", "jsonl", "csv")
TABLE_CELL = 110  # characters of a long cell (an evidence sentence) shown in a table


def csv_value(value: Any) -> Any:
    """A value as a CSV cell: '' for None, true/false, lists joined with '; ', dicts as JSON."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(csv_value(v)) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, float):
        return f"{value:.2f}"
    text = str(csv_value(value)).replace("\n", " ")
    return text if len(text) <= TABLE_CELL else text[:TABLE_CELL] + "…"


def emit(rows: Sequence[dict], fmt: str, *, columns: Sequence[str] | None = None, title: str | None = None,
         data: Any = None, out: TextIO | None = None) -> None:
    """Write ``rows`` in ``fmt``: csv and jsonl one row a line (csv with ``columns``, else every key of
    the first row), json the nested ``data`` when given (else the rows), table the ``columns``."""
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
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(all_fields)
        for row in rows:
            writer.writerow([csv_value(row.get(k)) for k in all_fields])
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title)
        for col in fields:
            table.add_column(col, overflow="fold")
        for row in rows:
            table.add_row(*(_cell(row.get(col)) for col in fields))
        width = None if out.isatty() else max(160, shutil.get_terminal_size((160, 24)).columns)
        Console(file=out, width=width).print(table)
    out.flush()
