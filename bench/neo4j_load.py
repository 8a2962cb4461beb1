"""Relationships per second loaded into Neo4j: graphkit's batched writer (one UNWIND ... MERGE transaction per
batch of articles) against a plain one-row-per-transaction MERGE loop, on the same triples, in the same run.

    GRAPHKIT_NEO4J_URI=bolt://127.0.0.1:7687 GRAPHKIT_NEO4J_PASSWORD=... python bench/neo4j_load.py [--rows N]

The database is cleared before each load. Writes bench/results/neo4j_load.json.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import time
from pathlib import Path

from graphkit.documents import Article, article_id
from graphkit.extract import extract_articles
from graphkit.store import cypher
from graphkit.store.neo4j import Neo4jStore


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--csv", default=str(Path(__file__).resolve().parents[2] / "shared/corpus/agnews/test.csv"))
    ap.add_argument("--rows", type=int, default=3000)
    ap.add_argument("--batch-articles", type=int, default=64)
    args = ap.parse_args()
    uri = os.environ.get("GRAPHKIT_NEO4J_URI", "bolt://127.0.0.1:7687")
    store = Neo4jStore(uri, os.environ.get("GRAPHKIT_NEO4J_USER", "neo4j"), os.environ.get("GRAPHKIT_NEO4J_PASSWORD", ""))
    with open(args.csv, newline="", encoding="utf-8") as f:
        rows = [r for _, r in zip(range(args.rows), csv.reader(f))]
    texts = [f"{r[1]}\n\n{r[2]}" for r in rows if len(r) >= 3]
    arts = [Article(article_id(t), t, f"row{i}") for i, t in enumerate(texts)]
    extracted = [(a, ts) for a, ts in extract_articles(arts) if ts]
    n_evidence = sum(len(ts) for _, ts in extracted)

    store.clear()
    t0 = time.perf_counter()
    for i in range(0, len(extracted), args.batch_articles):
        store.add_articles(extracted[i:i + args.batch_articles])
    batched_s = time.perf_counter() - t0
    n_rel = store.stats()["relationships"]

    store.clear()
    query = cypher.load("bench_merge_one")
    t0 = time.perf_counter()
    with store._driver.session(database=store.database) as session:
        for art, triples in extracted:
            for k, t in enumerate(triples):
                s, o = sorted((t["subject_id"], t["object_id"])) if t["relation"] in ("negotiated_with", "rival_of") \
                    else (t["subject_id"], t["object_id"])
                params = {"article_id": art.id, "subject_id": s, "object_id": o, "subject": t["subject"],
                          "object": t["object"], "subject_type": t["subject_type"], "object_type": t["object_type"],
                          "relation": t["relation"], "rel_id": f"{s}|{t['relation']}|{o}",
                          "evidence_id": f"{art.id}|{k}", "sentence": t["evidence"]["sentence"]}
                session.execute_write(lambda tx, p=params: tx.run(query, **p).consume())
    loop_s = time.perf_counter() - t0
    store.clear()
    store.close()

    result = {"articles": len(extracted), "evidence_rows": n_evidence, "relationships": n_rel,
              "batched_rel_per_s": round(n_rel / batched_s, 1), "one_row_per_tx_rel_per_s": round(n_rel / loop_s, 1),
              "ratio": round(loop_s / batched_s, 2), "batch_articles": args.batch_articles}
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    (out / "neo4j_load.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
