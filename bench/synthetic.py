"""A seeded synthetic actor graph for benchmarks: ``actors`` actors and ``relationships`` distinct
relationships among them, each stated by one evidence sentence, grouped ``per_article`` to an article.

Endpoints are drawn uniformly at random (mean degree 2 * relationships / actors), relations from the
eight of the schema, about one in five hedged; the same seed gives the same graph, so anyone can
reproduce the figures of ``make bench``.

    python bench/synthetic.py --actors 100000 --relationships 1000000 --db synthetic.db [--seed 1]

writes it into an SQLite store (``--neo4j URI`` into Neo4j, password from $GRAPHKIT_NEO4J_PASSWORD).
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from typing import Iterator

from graphkit.read import Article
from graphkit.records import Triple

RELATIONS = ("commands", "supplies_weapons_to", "negotiated_with", "rival_of", "member_of", "supports",
             "funds", "attacked")
SYMMETRIC = {"negotiated_with", "rival_of"}
TYPES = ("PERSON", "ORGANIZATION", "STATE", "GROUP")


def actor(i: int) -> tuple[str, str, str]:
    """Id, name and type of actor ``i``."""
    return f"actor-{i}", f"Actor {i}", TYPES[i % 4]


def articles(actors: int, relationships: int, seed: int = 1, per_article: int = 100
             ) -> Iterator[tuple[Article, list[Triple]]]:
    """The graph as ``(article, triples)`` batches, ready for ``store.add_articles``."""
    rng = random.Random(seed)
    seen: set[tuple[int, int, int]] = set()
    made = 0
    n = 0
    while made < relationships:
        triples = []
        while len(triples) < per_article and made < relationships:
            s, o, r = rng.randrange(actors), rng.randrange(actors), rng.randrange(len(RELATIONS))
            if s == o:
                continue
            key = (min(s, o), max(s, o), r) if RELATIONS[r] in SYMMETRIC else (s, o, r)
            if key in seen:
                continue
            seen.add(key)
            (sid, sname, stype), (oid, oname, otype) = actor(s), actor(o)
            hedged = rng.random() < 0.2
            sentence = f"{sname} {RELATIONS[r].replace('_', ' ')} {oname}."
            triples.append(Triple.from_dict({
                "subject": sname, "relation": RELATIONS[r], "object": oname, "subject_id": sid, "object_id": oid,
                "subject_type": stype, "object_type": otype, "hedged": hedged, "confidence": 0.6 if hedged else 0.9,
                "evidence": {"sentence": sentence, "sentence_start": 0, "sentence_end": len(sentence),
                             "subject_text": sname, "subject_start": 0, "subject_end": len(sname),
                             "object_text": oname, "object_start": len(sentence) - len(oname) - 1,
                             "object_end": len(sentence) - 1, "trigger": RELATIONS[r],
                             "trigger_start": len(triples), "trigger_end": len(triples) + 1,
                             "pattern": "synthetic", "hedged": hedged, "reported_by": None},
                "article": f"synthetic-{seed}-{n + 1}"}))
            made += 1
        n += 1
        yield Article(id=f"synthetic-{seed}-{n}", text="", source="synthetic", title=f"Synthetic {n}",
                      date=f"2004-{1 + n % 12:02d}-{1 + n % 28:02d}"), triples


def load(store, actors: int, relationships: int, seed: int = 1, per_article: int = 100,
         batch_articles: int = 20, progress: bool = False) -> float:
    """Write the graph into ``store`` in transactions of ``batch_articles`` articles; seconds taken."""
    t0 = time.perf_counter()
    batch = []
    done = 0
    for pair in articles(actors, relationships, seed, per_article):
        batch.append(pair)
        if len(batch) >= batch_articles:
            store.add_articles(batch)
            done += sum(len(t) for _, t in batch)
            batch = []
            if progress:
                print(f"\r{done:,} relationships", end="", file=sys.stderr, flush=True)
    if batch:
        store.add_articles(batch)
    if progress:
        print(file=sys.stderr)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--actors", type=int, default=100_000)
    ap.add_argument("--relationships", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--db", help="SQLite file to write")
    ap.add_argument("--neo4j", help="Bolt URI of a Neo4j server to write")
    args = ap.parse_args()
    if bool(args.db) == bool(args.neo4j):
        ap.error("give exactly one of --db and --neo4j")
    if args.db:
        from graphkit.store import SQLiteStore
        store = SQLiteStore(args.db)
    else:
        from graphkit.store.neo4j import Neo4jStore
        store = Neo4jStore(args.neo4j, os.environ.get("GRAPHKIT_NEO4J_USER", "neo4j"),
                           os.environ.get("GRAPHKIT_NEO4J_PASSWORD", ""))
    seconds = load(store, args.actors, args.relationships, args.seed, progress=True)
    print(f"{store.stats()} in {seconds:.0f} s")
    store.close()


if __name__ == "__main__":
    main()
