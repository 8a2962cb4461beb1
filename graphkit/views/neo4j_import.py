"""A stored graph as the CSV files of ``neo4j-admin database import full``: the first load of millions
of relationships into an empty Neo4j without a transaction per batch.

The files hold the same nodes, edges and properties as the transactional writer stores
(:mod:`graphkit.store.neo4j_write`, through ``graphkit push``): the evidence rebuilt from the source's
articles exactly as a push does, the articles' ingestion times kept, the evidence numbered (``seq``) in the
source's order. Headers name each column's type (``sentence_start:long``, ``hedged:boolean``); an empty
cell is a property not set; strings are always quoted, so an empty string stays one. Lists (``aliases``)
are separated by :data:`ARRAY_DELIMITER`, which no name holds (it is removed if one does).

Run the import with ``bash neo4j/run.sh import DIR`` (``make neo4j-import STORE=graph.db``): it stops the
development server, replaces its database with the files of DIR and starts it again; the uniqueness
constraints and indexes are created by the first connection, as on any server.
"""
from __future__ import annotations

import os
import sqlite3
from typing import IO, Any, Sequence

from graphkit.store.rows import EVIDENCE_COLUMNS, EVIDENCE_KEY, surer, symmetric_relations
from graphkit.store.sqlite_schema import open_database
from graphkit.views.files import replacing

ARRAY_DELIMITER = "\x1f"  # ASCII unit separator: passed to the import tool as --array-delimiter
_TYPES = {"sentence_start": "long", "sentence_end": "long", "subject_start": "long", "subject_end": "long",
          "object_start": "long", "object_end": "long", "trigger_start": "long", "trigger_end": "long",
          "hedged": "boolean", "confidence": "double"}
EVIDENCE_HEADER = ["id:ID(Evidence)", *(f"{c}:{_TYPES[c]}" if c in _TYPES else c for c in EVIDENCE_COLUMNS),
                   "seq:long", ":LABEL"]
# file name -> header; node files start with "nodes-", relationship files with "relationships-"
HEADERS = {
    "nodes-actors.csv": ["id:ID(Actor)", "name", "type", "aliases:string[]", ":LABEL"],
    "nodes-articles.csv": ["id:ID(Article)", "title", "source", "date", "ingested_at", "seen_at", ":LABEL"],
    "nodes-relationships.csv": ["id:ID(Relationship)", "relation", "subject_id", "object_id", ":LABEL"],
    "nodes-evidence.csv": EVIDENCE_HEADER,
    "relationships-subject.csv": [":START_ID(Relationship)", ":END_ID(Actor)", ":TYPE"],
    "relationships-object.csv": [":START_ID(Relationship)", ":END_ID(Actor)", ":TYPE"],
    "relationships-relation.csv": [":START_ID(Actor)", ":END_ID(Actor)", "id", "relation", ":TYPE"],
    "relationships-supports.csv": [":START_ID(Evidence)", ":END_ID(Relationship)", ":TYPE"],
    "relationships-in-article.csv": [":START_ID(Evidence)", ":END_ID(Article)", ":TYPE"],
}
MULTILINE_SUFFIX = "-multiline.csv"  # nodes-evidence.csv's rows with a newline in a cell: nodes-evidence-multiline.csv


def multiline_name(name: str) -> str:
    """The sibling of import file ``name`` that holds its rows with a newline or carriage return in a cell:
    the only files the import tool has to parse for quoted line breaks (``--multiline-fields=FILE,...``),
    so the others are split into lines by its parallel readers.

    >>> multiline_name("nodes-evidence.csv")
    'nodes-evidence-multiline.csv'
    """
    return name[:-len(".csv")] + MULTILINE_SUFFIX


class _Lines:
    """An import file and its multiline sibling: each line written goes to the sibling when a cell of it
    holds a line break (a newline besides the one that ends it, or a carriage return)."""

    def __init__(self, plain: IO[str], multiline: IO[str]) -> None:
        self.plain, self.multiline = plain, multiline

    def write(self, line: str) -> None:
        """Write one line (ending in a newline)."""
        self.writelines([line])

    def writelines(self, lines: list[str]) -> None:
        """Write whole lines, each ending in a newline; one check of their joined text when none breaks."""
        chunk = "".join(lines)
        if "\r" not in chunk and chunk.count("\n") == len(lines):
            self.plain.write(chunk)
            return
        for line in lines:
            (self.multiline if "\r" in line or line.count("\n") > 1 else self.plain).write(line)


def cell(value: Any) -> str:
    """One CSV cell for the import tool: empty for None, true/false, numbers as written, strings quoted
    (a quote inside doubled).

    >>> [cell(None), cell(True), cell(3), cell(0.5), cell('a'), cell([])]
    ['', 'true', '3', '0.5', '"a"', '']
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        if not value:
            return ""  # no list: the readers take a missing list as an empty one
        value = ARRAY_DELIMITER.join(str(v).replace(ARRAY_DELIMITER, "") for v in value)
    return '"' + str(value).replace('"', '""') + '"'


def _line(values: Sequence[Any]) -> str:
    return ",".join(cell(v) for v in values) + "\n"


def write_import_files(source: Any, out: str) -> dict[str, Any]:
    """Write the import files of ``source`` (the embedded store: its ``path`` is read directly, its ``actors``
    through the store) into the directory ``out`` (created if missing). Returns the counts and the files
    written; a damaged or locked database raises ``sqlite3.Error``."""
    os.makedirs(out, exist_ok=True)
    names = [n for name in HEADERS for n in (name, multiline_name(name))]
    paths = {name: os.path.join(out, name) for name in names}
    counts = {"articles": 0, "actors": 0, "relationships": 0, "evidence": 0}
    files: dict[str, IO[str]] = {}
    contexts = []
    try:
        for name in names:
            ctx = replacing(paths[name], newline="")
            files[name] = ctx.__enter__()
            contexts.append(ctx)
        for name, header in HEADERS.items():  # a multiline file with no row is a header alone: the tool takes it
            for fh in (files[name], files[multiline_name(name)]):
                fh.write(",".join(header) + "\n")
        handles = {name: _Lines(files[name], files[multiline_name(name)]) for name in HEADERS}
        _write_rows(source, handles, counts)
    except BaseException as exc:
        for ctx in reversed(contexts):
            ctx.__exit__(type(exc), exc, exc.__traceback__)
        raise
    for ctx in reversed(contexts):
        ctx.__exit__(None, None, None)
    return {**counts, "files": [paths[name] for name in names]}


def _text(value: Any) -> str:
    return "" if value is None else '"' + str(value).replace('"', '""') + '"'


def _number(value: Any) -> str:
    return "" if value is None else repr(value)


def _boolean(value: Any) -> str:
    return "" if value is None else ("true" if value else "false")


# the cell writer of each evidence column, by its header's type (one function a column, no test a cell)
_EVIDENCE_CELLS = tuple(_number if _TYPES.get(c) in ("long", "double") else _boolean if _TYPES.get(c) == "boolean"
                        else _text for c in EVIDENCE_COLUMNS)
# the evidence of one article in insertion order (the article index, no sort of the whole table)
_EVIDENCE_SQL = ("SELECT e.relationship_id, e.article_id, e.sentence, e.sentence_start, e.sentence_end, "
                 "e.subject_text, e.subject_start, e.subject_end, e.object_text, e.object_start, e.object_end, "
                 "e.trigger, e.trigger_start, e.trigger_end, e.pattern, e.hedged, e.confidence, e.reported_by, "
                 "r.subject_id, r.relation, r.object_id "
                 "FROM evidence AS e JOIN relationships AS r ON r.id = e.relationship_id "
                 "WHERE e.article_id = ? ORDER BY e.id")  # the columns of EVIDENCE_COLUMNS, in its order
_SWAPPED = {"subject_text": "object_text", "subject_start": "object_start", "subject_end": "object_end",
            "object_text": "subject_text", "object_start": "subject_start", "object_end": "subject_end"}
_SWAP_INDEX = [EVIDENCE_COLUMNS.index(_SWAPPED.get(c, c)) for c in EVIDENCE_COLUMNS]
_KEY_INDEX = [EVIDENCE_COLUMNS.index(c) for c in EVIDENCE_KEY]
_CONFIDENCE = EVIDENCE_COLUMNS.index("confidence")
_ARTICLE = EVIDENCE_COLUMNS.index("article_id")


def _write_rows(source: Any, out: dict[str, _Lines], counts: dict[str, int]) -> None:
    """One pass over the SQLite tables (raw rows, no triple objects): articles in ingestion order, then
    each one's evidence by the article index (so ``seq`` numbers it as a push does), the relationships as their
    first evidence meets them, the actors they name. A symmetric relation stored against id order is
    swapped and its evidence deduplicated as :func:`graphkit.store.rows.normalize_triple` and the writers do."""
    db = open_database(source.path, readonly=True)
    try:
        article_ids = _write_articles(db, out["nodes-articles.csv"], counts)
        actor_ids = _write_evidence(db, article_ids, out, counts)
        _write_actors(source, actor_ids, out["nodes-actors.csv"], counts)
    finally:
        db.close()


def _write_articles(db: sqlite3.Connection, out: _Lines, counts: dict[str, int]) -> list[str]:
    """The articles' nodes; their ids in ingestion order."""
    lines, ids = [], []
    for row in db.execute("SELECT id, title, source, date, ingested_at, seen_at FROM articles "
                          "ORDER BY ingested_at, rowid"):
        ids.append(row[0])
        lines.append(",".join(map(_text, row)) + ',"Article"\n')
        if len(lines) >= 10_000:
            out.writelines(lines)
            lines.clear()
    out.writelines(lines)
    counts["articles"] = len(ids)
    return ids


def _write_evidence(db: sqlite3.Connection, article_ids: list[str], out: dict[str, _Lines],
                    counts: dict[str, int]) -> set[str]:
    symmetric = symmetric_relations()
    seen_rels: set[str] = set()
    actor_ids: set[str] = set()
    seq = 0
    rel_nodes, subjects, objects, relations = (out[name] for name in (
        "nodes-relationships.csv", "relationships-subject.csv", "relationships-object.csv",
        "relationships-relation.csv"))
    evidence, supports, in_article = (out[name] for name in (
        "nodes-evidence.csv", "relationships-supports.csv", "relationships-in-article.csv"))
    for article_id in article_ids:
        article_rows: dict[tuple, tuple] = {}  # the article's evidence by key, in order
        for raw in db.execute(_EVIDENCE_SQL, (article_id,)):
            row, (subject_id, relation, object_id) = raw[:-3], raw[-3:]
            if relation in symmetric and subject_id > object_id:  # stored before the relation was symmetric
                subject_id, object_id = object_id, subject_id
                row = tuple(row[i] for i in _SWAP_INDEX)
                row = (f"{subject_id}|{relation}|{object_id}",) + row[1:]
            rid = row[0]
            if rid not in seen_rels:
                seen_rels.add(rid)
                actor_ids.add(subject_id)
                actor_ids.add(object_id)
                q_rid, q_subject, q_object = _text(rid), _text(subject_id), _text(object_id)
                rel_nodes.write(f'{q_rid},{_text(relation)},{q_subject},{q_object},"Relationship"\n')
                subjects.write(f'{q_rid},{q_subject},"SUBJECT"\n')
                objects.write(f'{q_rid},{q_object},"OBJECT"\n')
                relations.write(f'{q_subject},{q_object},{q_rid},{_text(relation)},"RELATION"\n')
            key = tuple(row[i] for i in _KEY_INDEX)
            old = article_rows.get(key)  # only a swapped row can meet another: the surer is kept
            if old is None or surer(row[_CONFIDENCE], old[_CONFIDENCE]):
                article_rows[key] = row
        for row in article_rows.values():
            seq = _write_one_evidence(row, seq, evidence, supports, in_article)
    counts["relationships"] = len(seen_rels)
    counts["evidence"] = seq
    return actor_ids


def _write_one_evidence(row: Sequence[Any], seq: int, evidence: _Lines, supports: _Lines,
                        in_article: _Lines) -> int:
    key = "|".join(str(row[i]) for i in _KEY_INDEX)
    q_key = _text(key)
    cells = ",".join([cell(value) for cell, value in zip(_EVIDENCE_CELLS, row)])
    evidence.write(f'{q_key},{cells},{seq},"Evidence"\n')
    supports.write(f'{q_key},{_text(row[0])},"SUPPORTS"\n')
    in_article.write(f'{q_key},{_text(row[_ARTICLE])},"IN_ARTICLE"\n')
    return seq + 1


def _write_actors(source: Any, wanted: set[str], out: _Lines, counts: dict[str, int]) -> None:
    for actor in source.actors():
        if actor["id"] in wanted:
            out.write(_line([actor["id"], actor["name"], actor["type"], actor["aliases"], "Actor"]))
            counts["actors"] += 1
