"""The transactional writer of the Neo4j store: one batch of articles with their triples in one write
transaction.

The transaction first reads which articles, actors and relationships of the batch are stored
(``cypher/existing.cypher``), then CREATEs only what is new, one batched ``UNWIND`` statement per kind:
articles, actors, relationships (one ``[:RELATION]`` edge each) and evidence (a node each, naming its
relationship and article by id). Nothing is MERGEd: a MERGE of an edge checks the edges already at its actors, which is where
the writer's time went at hubs (``PROFILE``: 24-37 db hits a row for each of the three relationship edges),
and the read at the start makes re-ingesting an article change nothing. Relationships and evidence, the
bulk of a batch, go as parallel lists (one list a field), not a list of maps: a thousand maps of twenty keys
took the driver longer to pack than the server took to write them; every lookup is a unique-index seek
(``NodeUniqueIndexSeek`` in the plans) and the evidence CREATE names its keys, so no ``Eager`` step. A concurrent writer that stores
the same node or relationship between that read and the CREATE makes a uniqueness constraint refuse the transaction;
:func:`write_batch` is then run again from the read (see ``Neo4jStore._add``), so no duplicate is ever stored.
"""
from __future__ import annotations

import time
from typing import Any, Sequence

from graphkit.records import Article, Triple
from graphkit.store.rows import (EVIDENCE_COLUMNS, actors_from_triples, evidence_key, evidence_row, iso_date,
                                 surer)
from graphkit.store.statements import load

# the parameters of create_relationships.cypher and create_evidence.cypher: one list a column (parallel lists)
_RELATIONSHIP_COLUMNS = ("ids", "subject_ids", "relations", "object_ids")
_EVIDENCE_KEYS = ("id", "seq", *EVIDENCE_COLUMNS)


def write_batch(tx: Any, prepared: Sequence[tuple[Article, Sequence[Triple]]], times: dict[str, tuple[str, str]],
                now: str, duplicates: int) -> dict[str, int]:
    """Write ``prepared`` (distinct articles, normalized triples) in the transaction ``tx``: the counts of
    :meth:`SQLiteStore.add_articles`. ``times``: article id -> (ingested_at, seen_at) to keep (push)."""
    actor_ids = sorted({i for _, ts in prepared for t in ts for i in (t.subject_id, t.object_id)})
    rel_ids = sorted({t.relationship_id for _, ts in prepared for t in ts})
    existing = tx.run(load("existing"), article_ids=[a.id for a, _ in prepared], actor_ids=actor_ids,
                      relationship_ids=rel_ids).single()
    stored_articles = set(existing["articles"])
    known_aliases = {found[0]["id"]: list(found[0]["aliases"]) for found in existing["actors"] if found}
    known_rels = set(existing["relationships"])
    seq_base = time.time_ns()
    counts = {"stored": 0, "skipped": duplicates, "actors": 0, "relationships": 0, "evidence": 0}
    article_rows, actor_rows = [], {}
    rel_columns: dict[str, list] = {name: [] for name in _RELATIONSHIP_COLUMNS}
    evidence_columns: dict[str, list] = {name: [] for name in _EVIDENCE_KEYS}
    new_rels: set[str] = set()
    for article, triples in prepared:
        if article.id in stored_articles:
            counts["skipped"] += 1
            continue
        counts["stored"] += 1
        ingested_at, seen_at = times.get(article.id) or (now, iso_date(article.date) or now)
        article_rows.append({"id": article.id, "title": article.title, "source": article.source,
                             "date": article.date, "ingested_at": ingested_at, "seen_at": seen_at})
        for actor in actors_from_triples(triples).values():
            row = actor_rows.get(actor.id)
            if row is None:
                actor_rows[actor.id] = {"id": actor.id, "name": actor.name, "type": actor.type,
                                        "aliases": list(actor.aliases)}
            else:
                row["aliases"] += [a for a in actor.aliases if a not in row["aliases"]]
        rows: dict[tuple, dict] = {}
        for t in triples:
            if t.relationship_id not in new_rels and t.relationship_id not in known_rels:
                new_rels.add(t.relationship_id)
                for name, value in zip(_RELATIONSHIP_COLUMNS, (t.relationship_id, t.subject_id, t.relation,
                                                                 t.object_id)):
                    rel_columns[name].append(value)
            row = evidence_row(t, article.id)
            key = evidence_key(row)
            old = rows.get(key)
            if old is None or surer(row["confidence"], old["confidence"]):
                rows[key] = row  # the surer row, as SQLite's ON CONFLICT update
        for key, row in rows.items():
            evidence_columns["id"].append("|".join(str(k) for k in key))
            evidence_columns["seq"].append(seq_base + len(evidence_columns["seq"]))
            for name in EVIDENCE_COLUMNS:
                evidence_columns[name].append(row[name])
        counts["evidence"] += len(rows)
    new_actors = [row for actor_id, row in actor_rows.items() if actor_id not in known_aliases]
    more_aliases = [{"id": actor_id, "aliases": added} for actor_id, row in actor_rows.items()
                    if actor_id in known_aliases
                    and (added := [a for a in row["aliases"] if a not in known_aliases[actor_id]])]
    counts["actors"] = len(new_actors)
    counts["relationships"] = len(new_rels)
    for name, statement_rows in (("create_articles", article_rows), ("create_actors", new_actors),
                                 ("add_aliases", more_aliases)):
        if statement_rows:
            tx.run(load(name), rows=statement_rows).consume()
    if new_rels:
        tx.run(load("create_relationships"), rel_columns).consume()
    if evidence_columns["id"]:
        tx.run(load("create_evidence"), evidence_columns).consume()
    return counts
