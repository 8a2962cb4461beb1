"""A stored graph as the CSV files of ``neo4j-admin database import full``: the first load of millions
of relationships into an empty Neo4j without a transaction per batch.

The files hold the same nodes, edges and properties as the transactional writer stores
(:mod:`graphkit.store.neo4j_write`, through ``graphkit push``): the evidence rebuilt from the source's
articles exactly as a push does, the articles' ingestion times kept, the evidence numbered (``seq``) in the
source's order. Headers name each column's type (``sentence_start:long``, ``hedged:boolean``); an empty
cell is a property not set; strings are always quoted, so an empty string stays one. Lists (``aliases``)
are separated by :data:`graphkit.views.neo4j_import_rows.ARRAY_DELIMITER`, which no name holds (it is
removed if one does).

Run the import with ``bash neo4j/run.sh import DIR`` (``make neo4j-import STORE=graph.db``): it stops the
development server, replaces its database with the files of DIR and starts it again; the uniqueness
constraints and indexes are created by the first connection, as on any server.
"""
from __future__ import annotations

import os
from typing import IO, Any

from graphkit.store.rows import EVIDENCE_COLUMNS
from graphkit.store.sqlite_schema import open_database
from graphkit.views import neo4j_import_rows as rows
from graphkit.views.files import replacing

_TYPES = {"sentence_start": "long", "sentence_end": "long", "subject_start": "long", "subject_end": "long",
          "object_start": "long", "object_end": "long", "trigger_start": "long", "trigger_end": "long",
          "hedged": "boolean", "confidence": "double"}
# An evidence or article node is the end of no edge (readers find them by their indexed ids): its id is a
# plain string property, not an import ID the tool would have to map (1,000,000 long keys for the evidence).
EVIDENCE_HEADER = ["id", *(f"{c}:{_TYPES[c]}" if c in _TYPES else c for c in EVIDENCE_COLUMNS),
                   "seq:long", ":LABEL"]
# file name -> header; node files start with "nodes-", relationship files with "relationships-"
HEADERS = {
    "nodes-actors.csv": ["id:ID(Actor)", "name", "type", "aliases:string[]", ":LABEL"],
    "nodes-articles.csv": ["id", "title", "source", "date", "ingested_at", "seen_at", ":LABEL"],
    "nodes-evidence.csv": EVIDENCE_HEADER,
    "relationships-relation.csv": [":START_ID(Actor)", ":END_ID(Actor)", "id", "relation", ":TYPE"],
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

    def writelines(self, lines: list[str]) -> None:
        """Write whole lines, each ending in a newline; one check of their joined text when none breaks."""
        chunk = "".join(lines)
        if "\r" not in chunk and chunk.count("\n") == len(lines):
            self.plain.write(chunk)
            return
        for line in lines:
            (self.multiline if "\r" in line or line.count("\n") > 1 else self.plain).write(line)


def write_import_files(source: Any, out: str) -> dict[str, Any]:
    """Write the import files of ``source`` (the embedded store: its ``path`` is read directly, its ``actors``
    through the store) into the directory ``out`` (created if missing), and remove the other ``nodes-*.csv`` and
    ``relationships-*.csv`` there (an earlier export's, which ``run.sh import`` would read too). Returns the counts
    and the files written; a damaged or locked database raises ``sqlite3.Error``."""
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
    for stale in sorted(os.listdir(out)):  # an earlier export's files of another model would be imported too
        if stale not in paths and stale.endswith(".csv") and stale.startswith(("nodes-", "relationships-")):
            os.remove(os.path.join(out, stale))
    return {**counts, "files": [paths[name] for name in names]}


def _write_rows(source: Any, out: dict[str, _Lines], counts: dict[str, int]) -> None:
    """Articles in ingestion order, then each one's evidence, the relationships it supports, the actors they
    name (:mod:`graphkit.views.neo4j_import_rows`), from the SQLite file read directly."""
    db = open_database(source.path, readonly=True)
    try:
        article_ids = rows.write_articles(db, out["nodes-articles.csv"])
        swapped = rows.swapped_relationships(db)
        relationship_ids, evidence = rows.write_evidence(db, article_ids, swapped, out["nodes-evidence.csv"])
        actor_ids = rows.write_relationships(db, relationship_ids, swapped, out["relationships-relation.csv"])
        counts["actors"] = rows.write_actors(db, actor_ids, out["nodes-actors.csv"])
        counts.update(articles=len(article_ids), relationships=len(relationship_ids), evidence=evidence)
    finally:
        db.close()
