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
from typing import IO, Any, Iterable, Sequence

from graphkit.store.rows import (EVIDENCE_COLUMNS, actors_from_triples, evidence_key, evidence_row,
                                 normalize_triple, symmetric_relations)
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
    """Write the import files of ``source`` (a store with ``export_articles`` and ``actors``: the embedded
    store) into the directory ``out`` (created if missing). Returns the counts and the files written."""
    os.makedirs(out, exist_ok=True)
    paths = {name: os.path.join(out, name) for name in HEADERS}
    counts = {"articles": 0, "actors": 0, "relationships": 0, "evidence": 0}
    handles: dict[str, IO[str]] = {}
    contexts = []
    try:
        for name, header in HEADERS.items():
            ctx = replacing(paths[name], newline="")
            handles[name] = ctx.__enter__()
            contexts.append(ctx)
            handles[name].write(",".join(header) + "\n")
        _write_rows(source, handles, counts)
    except BaseException as exc:
        for ctx in reversed(contexts):
            ctx.__exit__(type(exc), exc, exc.__traceback__)
        raise
    for ctx in reversed(contexts):
        ctx.__exit__(None, None, None)
    return {**counts, "files": [paths[name] for name in HEADERS]}


def _write_rows(source: Any, out: dict[str, IO[str]], counts: dict[str, int]) -> None:
    symmetric = symmetric_relations()
    seen_rels: set[str] = set()
    actor_ids: set[str] = set()
    seq = 0
    for article, triples, ingested_at, seen_at in source.export_articles():
        triples = [normalize_triple(t, symmetric) for t in triples]
        out["nodes-articles.csv"].write(_line([article.id, article.title, article.source, article.date,
                                               ingested_at, seen_at,
                                               "Article"]))
        counts["articles"] += 1
        actor_ids.update(actors_from_triples(triples))
        rows: dict[tuple, dict] = {}
        for t in triples:
            rid = t.relationship_id
            if rid not in seen_rels:
                seen_rels.add(rid)
                out["nodes-relationships.csv"].write(_line([rid, t.relation, t.subject_id, t.object_id,
                                                            "Relationship"]))
                out["relationships-subject.csv"].write(_line([rid, t.subject_id, "SUBJECT"]))
                out["relationships-object.csv"].write(_line([rid, t.object_id, "OBJECT"]))
                out["relationships-relation.csv"].write(_line([t.subject_id, t.object_id, rid, t.relation,
                                                               "RELATION"]))
                counts["relationships"] += 1
            row = evidence_row(t, article.id)
            key = evidence_key(row)
            old = rows.get(key)
            if old is None or (row["confidence"] is not None and old["confidence"] is not None
                               and row["confidence"] > old["confidence"]):
                rows[key] = row  # the surer row, as the writers keep
        for key, row in rows.items():
            evidence_id = "|".join(str(k) for k in key)
            out["nodes-evidence.csv"].write(_line([evidence_id, *(row[c] for c in EVIDENCE_COLUMNS), seq,
                                                   "Evidence"]))
            out["relationships-supports.csv"].write(_line([evidence_id, row["relationship_id"], "SUPPORTS"]))
            out["relationships-in-article.csv"].write(_line([evidence_id, article.id, "IN_ARTICLE"]))
            seq += 1
        counts["evidence"] += len(rows)
    for actor in _actors(source.actors(), actor_ids):
        out["nodes-actors.csv"].write(_line([actor["id"], actor["name"], actor["type"], actor["aliases"], "Actor"]))
        counts["actors"] += 1


def _actors(actors: Iterable[dict], wanted: set[str]) -> Iterable[dict]:
    return (a for a in actors if a["id"] in wanted)
