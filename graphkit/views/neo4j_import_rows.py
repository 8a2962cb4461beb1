"""The lines of the ``neo4j-admin database import full`` files, read from the embedded store's tables.

SQLite makes the evidence's cells (``printf('"%w"', x)`` quotes a string with its quotes doubled; a number
is written as stored; NULL is an empty cell; true/false for a boolean), in constant SQL, so Python touches
each row a few times, not each cell. The confidence, a double, is written by Python (SQLite prints 15
significant digits, ``repr`` the shortest exact form); so are the relationships' edges, where Python's
quoting took half the time of SQLite's printf. The cells are those of :func:`cell`
(``tests/test_neo4j_import_text.py`` reads them back through the import tool).

Evidence is read an article at a time by the article index (no join: looking each row's relationship up
by its text key took three quarters of the export of 1,000,000 rows); the relationships then in one scan
of their table, those that some evidence supports.
"""
from __future__ import annotations

import json
import sqlite3
from typing import Any, Protocol, Sequence

from graphkit.store.rows import EVIDENCE_COLUMNS, EVIDENCE_KEY, surer, symmetric_relations


class LineFile(Protocol):
    def writelines(self, lines: list[str]) -> None: ...


_ARTICLES_SQL = """
SELECT id, printf('"%w",%s,%s,%s,"%w","%w","Article"' || char(10), id,
                  iif(title IS NULL, '', printf('"%w"', title)), iif(source IS NULL, '', printf('"%w"', source)),
                  iif(date IS NULL, '', printf('"%w"', date)), ingested_at, seen_at)
FROM articles ORDER BY ingested_at, rowid
"""
# one evidence row: its id and relationship, its confidence, the cell of its key and the cells before and
# after the confidence (the columns of EVIDENCE_COLUMNS in its order)
_EVIDENCE_SQL = """
SELECT e.id, e.relationship_id, e.confidence,
       printf('"%w"', e.relationship_id || '|' || e.article_id || '|' || e.sentence_start || '|' || e.trigger_start),
       printf('"%w","%w",%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,',
              e.relationship_id, e.article_id, iif(e.sentence IS NULL, '', printf('"%w"', e.sentence)),
              e.sentence_start, e.sentence_end,
              iif(e.subject_text IS NULL, '', printf('"%w"', e.subject_text)), e.subject_start, e.subject_end,
              iif(e.object_text IS NULL, '', printf('"%w"', e.object_text)), e.object_start, e.object_end,
              iif(e.trigger IS NULL, '', printf('"%w"', e.trigger)), e.trigger_start, e.trigger_end,
              iif(e.pattern IS NULL, '', printf('"%w"', e.pattern)),
              CASE WHEN e.hedged IS NULL THEN '' WHEN e.hedged THEN 'true' ELSE 'false' END),
       ',' || iif(e.reported_by IS NULL, '', printf('"%w"', e.reported_by))
FROM evidence AS e WHERE e.article_id = ? ORDER BY e.id
"""
_RAW_EVIDENCE_SQL = """
SELECT relationship_id, article_id, sentence, sentence_start, sentence_end, subject_text, subject_start,
       subject_end, object_text, object_start, object_end, trigger, trigger_start, trigger_end, pattern, hedged,
       confidence, reported_by
FROM evidence WHERE id = ?
"""
# symmetric relationships stored against id order (before the relation was declared symmetric)
_SWAPPED_SQL = """
SELECT id, subject_id, relation, object_id FROM relationships
WHERE subject_id > object_id AND relation IN (SELECT value FROM json_each(?))
"""
_RELATIONSHIPS_SQL = "SELECT id, subject_id, relation, object_id FROM relationships"  # quoted in Python: faster
# the actors sorted by id, their aliases sorted and joined by the array delimiter (removed from them)
_ACTORS_SQL = """
SELECT a.id, printf('"%w",%s,%s,%s,"Actor"' || char(10), a.id,
                    iif(a.name IS NULL, '', printf('"%w"', a.name)), iif(a.type IS NULL, '', printf('"%w"', a.type)),
                    (SELECT iif(count(*) = 0, '', printf('"%w"', group_concat(alias, char(31))))
                     FROM (SELECT replace(alias, char(31), '') AS alias FROM aliases
                           WHERE actor_id = a.id ORDER BY aliases.alias)))
FROM actors AS a ORDER BY a.id
"""
_SWAPPED = {"subject_text": "object_text", "subject_start": "object_start", "subject_end": "object_end",
            "object_text": "subject_text", "object_start": "subject_start", "object_end": "subject_end"}
_SWAP_INDEX = [EVIDENCE_COLUMNS.index(_SWAPPED.get(c, c)) for c in EVIDENCE_COLUMNS]
_KEY_INDEX = [EVIDENCE_COLUMNS.index(c) for c in EVIDENCE_KEY]
_CONFIDENCE = EVIDENCE_COLUMNS.index("confidence")
_CHUNK = 10_000  # lines a write
ARRAY_DELIMITER = "\x1f"  # ASCII unit separator: passed to the import tool as --array-delimiter


def cell(value: Any) -> str:
    """One CSV cell for the import tool: empty for None, true/false, numbers as written, strings quoted
    (a quote inside doubled), a list joined by :data:`ARRAY_DELIMITER` (removed from its items).

    >>> [cell(None), cell(True), cell(3), cell(0.5), cell('a"b'), cell([]), cell(["x"])]
    ['', 'true', '3', '0.5', '"a""b"', '', '"x"']
    """
    if isinstance(value, str):  # first: most cells are, and the relationships' four a row are written here
        return '"' + value.replace('"', '""') + '"'
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        if not value:
            return ""  # no list: the readers take a missing list as an empty one
        return cell(ARRAY_DELIMITER.join(str(v).replace(ARRAY_DELIMITER, "") for v in value))
    return cell(str(value))


def _written(out: LineFile, lines: list[str]) -> None:
    for i in range(0, len(lines), _CHUNK):
        out.writelines(lines[i:i + _CHUNK])


def write_articles(db: sqlite3.Connection, out: LineFile) -> list[str]:
    """The articles' nodes; their ids in ingestion order."""
    rows = db.execute(_ARTICLES_SQL).fetchall()
    _written(out, [line for _, line in rows])
    return [article_id for article_id, _ in rows]


Swapped = dict[str, tuple[str, str, str, str]]  # stored id -> (id, subject, object, relation) the right way round


def swapped_relationships(db: sqlite3.Connection) -> Swapped:
    """The symmetric relationships stored against id order, as :func:`graphkit.store.rows.normalize_triple`
    turns them round."""
    return {rid: (f"{o}|{relation}|{s}", o, s, relation) for rid, s, relation, o in
            db.execute(_SWAPPED_SQL, (json.dumps(sorted(symmetric_relations())),))}


def write_evidence(db: sqlite3.Connection, article_ids: Sequence[str], swapped: Swapped,
                   evidence: LineFile) -> tuple[set[str], int]:
    """The evidence nodes (``seq`` numbering them in article order, as a push does); the ids of the
    relationships they support. A swapped relationship's evidence is swapped too, and two rows
    that then share a key are one: the surer kept. Returns the relationship ids and the evidence count."""
    seen: set[str] = set()
    seq = 0
    for article_id in article_ids:
        rows: dict[str, tuple] = {}  # the article's evidence by key cell, in order
        for eid, rid, confidence, q_key, head, tail in db.execute(_EVIDENCE_SQL, (article_id,)):
            if rid in swapped:
                rid = swapped[rid][0]
                q_key, head, tail = _swapped_cells(db, eid, rid)
            seen.add(rid)
            old = rows.get(q_key)  # only a swapped row can meet another
            if old is None or surer(confidence, old[0]):
                rows[q_key] = (confidence, head, tail)
        nodes = []
        for q_key, (confidence, head, tail) in rows.items():
            nodes.append(f'{q_key},{head}{"" if confidence is None else repr(confidence)}{tail},{seq},"Evidence"\n')
            seq += 1
        evidence.writelines(nodes)
    return seen, seq


def _swapped_cells(db: sqlite3.Connection, eid: int, rid: str) -> tuple[str, str, str]:
    """The key cell and the cells before and after the confidence of evidence ``eid`` with its subject and
    object swapped (relationship ``rid``), as the SQL makes them for a row stored the right way round."""
    raw = db.execute(_RAW_EVIDENCE_SQL, (eid,)).fetchone()
    row = (rid,) + tuple(raw[i] for i in _SWAP_INDEX)[1:]
    cells = [cell(bool(v) if c == "hedged" and v is not None else v) for c, v in zip(EVIDENCE_COLUMNS, row)]
    key = "|".join(str(row[i]) for i in _KEY_INDEX)
    return cell(key), ",".join(cells[:_CONFIDENCE]) + ",", "," + ",".join(cells[_CONFIDENCE + 1:])


def write_relationships(db: sqlite3.Connection, wanted: set[str], swapped: Swapped,
                        relations: LineFile) -> set[str]:
    """The relationships of ``wanted`` (ids the right way round), in one scan of their table: one RELATION
    edge each, between its actors; the ids of the actors they name."""
    left, actors = set(wanted), set()
    lines: list[str] = []
    for rid, subject_id, relation, object_id in db.execute(_RELATIONSHIPS_SQL):
        if rid in swapped:
            rid, subject_id, object_id, relation = swapped[rid]
        if rid in left:
            left.discard(rid)
            actors.add(subject_id)
            actors.add(object_id)
            lines.append(f'{cell(subject_id)},{cell(object_id)},{cell(rid)},{cell(relation)},"RELATION"\n')
            if len(lines) >= _CHUNK:
                relations.writelines(lines)
                lines.clear()
    relations.writelines(lines)
    return actors


def write_actors(db: sqlite3.Connection, wanted: set[str], out: LineFile) -> int:
    """The actors of ``wanted``, sorted by id, their aliases sorted (as ``store.actors()``); how many."""
    lines = [line for actor_id, line in db.execute(_ACTORS_SQL) if actor_id in wanted]
    _written(out, lines)
    return len(lines)
