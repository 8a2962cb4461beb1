"""The transactional writer of the Neo4j store: one batch of articles with their triples in one write
transaction.

The transaction first reads which articles, actors and relationships of the batch are stored
(``cypher/existing.cypher``), then CREATEs only what is new, one batched ``UNWIND`` statement per kind:
articles, actors, relationships (the reified node, its two edges and the direct ``[:RELATION]`` edge) and
evidence. Nothing is MERGEd: a MERGE of an edge checks the edges already at its actors, which is where
the writer's time went at hubs (``PROFILE``: 24-37 db hits a row for each of the three relationship edges),
and the read at the start makes re-ingesting an article change nothing. A concurrent writer that stores
the same node between that read and the CREATE makes a uniqueness constraint refuse the transaction;
:func:`write_batch` is then run again from the read (see ``Neo4jStore._add``), so no duplicate is ever stored.
"""
from __future__ import annotations

import time
from typing import Any, Sequence

from graphkit.records import Article, Triple
from graphkit.store.rows import actors_from_triples, evidence_key, evidence_row, iso_date
from graphkit.store.statements import load


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
    article_rows, actor_rows, rel_rows, evidence_rows = [], {}, {}, []
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
            if t.relationship_id not in rel_rows and t.relationship_id not in known_rels:
                rel_rows[t.relationship_id] = {"id": t.relationship_id, "subject_id": t.subject_id,
                                               "relation": t.relation, "object_id": t.object_id}
            row = evidence_row(t, article.id)
            key = evidence_key(row)
            old = rows.get(key)
            if old is None or (row["confidence"] is not None and old["confidence"] is not None
                               and row["confidence"] > old["confidence"]):
                rows[key] = row  # the surer row, as SQLite's ON CONFLICT update
        for key, row in rows.items():
            props = {c: v for c, v in row.items() if v is not None}
            props["seq"] = seq_base + len(evidence_rows)
            evidence_rows.append({"id": "|".join(str(k) for k in key), "props": props})
        counts["evidence"] += len(rows)
    new_actors = [row for actor_id, row in actor_rows.items() if actor_id not in known_aliases]
    more_aliases = [{"id": actor_id, "aliases": added} for actor_id, row in actor_rows.items()
                    if actor_id in known_aliases
                    and (added := [a for a in row["aliases"] if a not in known_aliases[actor_id]])]
    counts["actors"] = len(new_actors)
    counts["relationships"] = len(rel_rows)
    for name, statement_rows in (("create_articles", article_rows), ("create_actors", new_actors),
                                 ("add_aliases", more_aliases), ("create_relationships", list(rel_rows.values())),
                                 ("create_evidence", evidence_rows)):
        if statement_rows:
            tx.run(load(name), rows=statement_rows).consume()
    return counts
