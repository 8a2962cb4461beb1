"""Which CSV column holds what: the header row detected, every column option (a name or a 1-based number)
resolved to one position, and the ``--where`` filter, so named and numbered columns read a file alike.

>>> layout = csv_layout("f.csv", ["label", "title", "description"], ReadOptions(text_column="3", where=(("1", "1"),)))
>>> layout.header, layout.text, layout.title, layout.keeps(["1", "T", "x"]), layout.keeps(["2", "T", "x"])
(True, 2, 1, True, False)
>>> sports_out = csv_layout("f.csv", ["label", "description"], ReadOptions("description", where_not=(("label", "2"),)))
>>> sports_out.keeps(["1", "x"]), sports_out.keeps(["2", "x"])
(True, False)
>>> csv_layout("f.csv", ["3", "Title", "Body text."], ReadOptions(text_column="3")).header
False
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphkit.read.decode import one_line
from graphkit.read.options import ReadOptions, Reject

__all__ = ["TableLayout", "csv_layout"]

# a header cell: a short name, not a number and not prose (no spaces)
_HEADER_CELL = re.compile(r"^[A-Za-z_][\w.\-]{0,63}$")
_IMPLICIT = {"title": "title", "date": "date"}


@dataclass(frozen=True)
class TableLayout:
    """Positions (0-based) of the text, title, date and id columns, and the rows to keep."""

    header: bool
    text: int
    title: int | None = None
    date: int | None = None
    id: int | None = None
    where: tuple[tuple[int, frozenset[str]], ...] = field(default=())
    where_not: tuple[tuple[int, frozenset[str]], ...] = field(default=())

    def keeps(self, row: list[str]) -> bool:
        """True when every ``--where`` column of ``row`` holds one of its values and no ``--where-not``
        column holds one of its values."""
        return all(index < len(row) and row[index].strip() in values for index, values in self.where) and not any(
            index < len(row) and row[index].strip() in values for index, values in self.where_not)

    def needed(self) -> int:
        """How many columns a row must have."""
        return 1 + max(i for i in (self.text, self.title, self.date, self.id) if i is not None)


def csv_layout(path: str, first_row: list[str], options: ReadOptions) -> TableLayout:
    """The layout of a CSV whose first row is ``first_row``; raises Reject for a column it does not have.

    The first row is the header when the text column is a name, when it holds a column named by an
    option, or when every cell is a short name (``label,title,description``); a data row has prose or
    numbers in it.
    """
    where, where_not = _where_columns(options.where), _where_columns(options.where_not)
    named = [name for name in (options.text_column, options.title_column, options.date_column,
                               options.id_column, *where, *where_not) if name and not name.isdigit()]
    cells = [cell.strip() for cell in first_row]
    lowered = {cell.lower() for cell in cells}
    header = (not options.text_column.isdigit() or any(name.lower() in lowered for name in named)
              or all(_HEADER_CELL.match(cell) for cell in cells))
    names = cells if header else None

    def position(value: str | None, flag: str, implicit: str | None = None) -> int | None:
        if value is None:
            return _find(names, implicit) if implicit and names else None
        return _resolve(path, value, names, flag, len(cells))

    text = position(options.text_column, "text")
    assert text is not None
    return TableLayout(
        header=header, text=text,
        title=position(options.title_column, "title", _IMPLICIT["title"]),
        date=position(options.date_column, "date", _IMPLICIT["date"]),
        id=position(options.id_column, "id"),
        where=tuple((position(column, "where"), frozenset(values)) for column, values in where.items()),
        where_not=tuple((position(column, "where-not"), frozenset(values)) for column, values in where_not.items()),
    )


def _where_columns(pairs: tuple[tuple[str, str], ...]) -> dict[str, set[str]]:
    columns: dict[str, set[str]] = {}
    for column, value in pairs:
        columns.setdefault(column, set()).add(value.strip())
    return columns


def _find(names: list[str] | None, name: str) -> int | None:
    """Position of ``name`` in the header: exact, else the only case-insensitive match."""
    if not names:
        return None
    if name in names:
        return names.index(name)
    matches = [i for i, cell in enumerate(names) if cell.lower() == name.lower()]
    return matches[0] if len(matches) == 1 else None


def _resolve(path: str, value: str, names: list[str] | None, flag: str, width: int) -> int:
    option = f"--{flag}" if flag in ("where", "where-not") else f"--{flag}-column"
    if value.isdigit():
        index = int(value)
        if index < 1:
            raise Reject(f"{path}: {option} {value}: column numbers start at 1")
        if names is not None and index > width:
            raise Reject(f"{path}: {option} {value}: no such column (the file has {width}: {_listed(names)})")
        return index - 1
    if names is None:
        raise Reject(f"{path}: {option} {value!r}: the file has no header row; name its columns by number "
                     f"(1-{width})")
    found = _find(names, value)
    if found is None:
        raise Reject(f"{path}: no column '{one_line(value)}' (columns: {_listed(names)})")
    return found


def _listed(names: list[str]) -> str:
    return one_line(", ".join(names))
