"""The Neo4j figures of ``make bench`` beside their same-run baselines (called by bench/run.py):

- :func:`bare_merge_rate`: relationships/s of a bare batched ``UNWIND ... MERGE`` of the same relationships
  without evidence (``cypher/bench_merge_bare.cypher``): the ceiling a writer with evidence is measured against.
- :func:`bulk_vs_transactional`: a first load of the seeded synthetic graph into an empty database, by the
  bulk path (``graphkit export --format neo4j-import`` files, then ``bash neo4j/run.sh import`` into a
  server directory of the bench's own) against graphkit's transactional writer into the running server.
- :func:`warm_up`: every writer of the load race once on a small graph before any is timed.
- :func:`plan`: the operators of ``PROFILE`` of a statement, for the report.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

import synthetic

ROOT = Path(__file__).resolve().parents[1]


def warm_up(store: Any, batch_articles: int, graphrag_graph: Any) -> None:
    """Run each writer of the load race once on a small graph of its own (another seed), then clear: the
    first writer timed would otherwise pay alone for the server's query planning and JIT compilation."""
    import asyncio

    from graphkit.store import statements as cypher

    pairs = list(synthetic.articles(200, 1000, seed=4, per_article=50))
    store.clear()
    for i in range(0, len(pairs), batch_articles):
        store.add_articles(pairs[i:i + batch_articles])
    bare_merge_rate(store, pairs, batch_articles)
    query = cypher.load("bench_merge_one")
    art, triples = pairs[0]
    with store._driver.session(database=store.database) as session:
        for k, t in enumerate(triples[:20]):
            session.execute_write(lambda tx, p=one_row_params(art, k, t): tx.run(query, **p).consume())
    Neo4jWriter = graphrag_writer()
    if Neo4jWriter is not None:
        store.clear()  # graphrag CREATEs the articles graphkit's writer stored above: their ids are unique
        writer = Neo4jWriter(store._driver, neo4j_database=store.database, batch_size=1000)
        for i in range(0, len(pairs), batch_articles):
            asyncio.run(writer.run(graphrag_graph(pairs[i:i + batch_articles])))
    store.clear()


def graphrag_writer() -> Any:
    """neo4j-graphrag's ``Neo4jWriter`` class (moved out of ``experimental`` in later releases), or None when
    neo4j-graphrag is not installed."""
    try:
        from neo4j_graphrag.components.kg_writer import Neo4jWriter
    except ImportError:
        try:
            from neo4j_graphrag.experimental.components.kg_writer import Neo4jWriter
        except ImportError:
            return None
    return Neo4jWriter


def one_row_params(art: Any, k: int, t: Any) -> dict:
    """The parameters of ``cypher/bench_merge_one.cypher`` for triple ``t``, the ``k``-th of article ``art``."""
    return {"article_id": art.id, "subject_id": t.subject_id, "object_id": t.object_id, "subject": t.subject,
            "object": t.object, "subject_type": t.subject_type, "object_type": t.object_type,
            "relation": t.relation, "rel_id": t.relationship_id, "evidence_id": f"{art.id}|{k}",
            "sentence": t.evidence.sentence}


def bare_merge_rate(store: Any, pairs: list, batch_articles: int) -> float:
    """Relationships/s of the bare UNWIND ... MERGE of the relationships of ``pairs`` (no evidence, no
    articles, no reified node), in transactions of the relationships of ``batch_articles`` articles. The
    store is cleared before and after."""
    from graphkit.store import statements as cypher

    store.clear()
    query = cypher.load("bench_merge_bare")
    batches = []
    for i in range(0, len(pairs), batch_articles):
        batches.append([{"subject_id": t.subject_id, "object_id": t.object_id, "relation": t.relation,
                         "id": t.relationship_id} for _, triples in pairs[i:i + batch_articles] for t in triples])
    n = sum(len(b) for b in batches)
    t0 = time.perf_counter()
    with store._driver.session(database=store.database) as session:
        for rows in batches:
            session.execute_write(lambda tx, rows=rows: tx.run(query, rows=rows).consume())
    seconds = time.perf_counter() - t0
    store.clear()
    return n / seconds


def bulk_vs_transactional(tmp: Path, actors: int, relationships: int, store: Any, sqlite_db: Path) -> dict:
    """Seconds and relationships/s of the bulk path (export + import tool + the server started on the
    imported database with its indexes online) and of the transactional load
    (``synthetic.load`` in transactions of 20 articles, as ``bench_queries`` loads it), of the same graph.
    Leaves the transactional copy in ``store`` for the query figures."""
    from graphkit.store import SQLiteStore
    from graphkit.views.neo4j_import import write_import_files

    files = tmp / f"import-{actors}-{relationships}"
    server = tmp / "import-server"
    shutil.rmtree(files, ignore_errors=True)
    t0 = time.perf_counter()
    with SQLiteStore(sqlite_db, readonly=True) as lite:
        write_import_files(lite, str(files))
    export_s = time.perf_counter() - t0
    env = {**os.environ, "GRAPHKIT_NEO4J_DIR": str(server)}
    subprocess.run(["bash", str(ROOT / "neo4j" / "run.sh"), "build"], env=env, check=True, capture_output=True)
    t0 = time.perf_counter()
    done = subprocess.run(["bash", str(ROOT / "neo4j" / "run.sh"), "import", str(files)], env=env,
                          capture_output=True, text=True)
    import_s = time.perf_counter() - t0
    if done.returncode != 0:
        raise RuntimeError(f"run.sh import failed: {done.stderr.strip().splitlines()[-1:]}")
    online_s = _serve_imported(env)
    shutil.rmtree(files, ignore_errors=True)
    store.clear()
    load_s = synthetic.load(store, actors, relationships, batch_articles=20)
    bulk_s = export_s + import_s + online_s
    return {"relationships": relationships, "bulk_export_s": round(export_s, 1), "bulk_import_tool_s": round(import_s, 1),
            "bulk_online_s": round(online_s, 1), "bulk_rel_per_s": round(relationships / bulk_s, 1),
            "transactional_s": round(load_s, 1), "transactional_rel_per_s": round(relationships / load_s, 1),
            "ratio": round(load_s / bulk_s, 2), "target": 10}


def _serve_imported(env: dict) -> float:
    """Seconds until the imported database is usable as the transactional one is: the server started on
    it, the first connection's schema (cypher/schema.cypher: uniqueness constraints and indexes, built over
    the imported nodes) applied and every index ONLINE. The server is stopped after."""
    from graphkit.store.neo4j import Neo4jStore

    run_sh = ["bash", str(ROOT / "neo4j" / "run.sh")]
    with socket.socket() as sock:  # a free port: the bench's own server keeps the usual one
        sock.bind(("127.0.0.1", 0))
        env = {**env, "GRAPHKIT_NEO4J_PORT": str(sock.getsockname()[1])}
    t0 = time.perf_counter()
    started = subprocess.run([*run_sh, "start"], env=env, capture_output=True, text=True)
    try:
        if started.returncode != 0:
            raise RuntimeError(f"run.sh start failed: {started.stderr.strip().splitlines()[-1:]}")
        with Neo4jStore(started.stdout.strip().splitlines()[-1], "neo4j",
                        env.get("GRAPHKIT_NEO4J_PASSWORD") or "graphkit-dev") as imported:
            with imported._driver.session(database=imported.database) as session:
                session.run("CALL db.awaitIndexes(600)").consume()
        return time.perf_counter() - t0
    finally:
        subprocess.run([*run_sh, "stop"], env=env, capture_output=True)


def plan(store: Any, name: str, params: dict) -> list[str]:
    """``PROFILE`` of the statement ``cypher/<name>.cypher``: one line an operator (rows, db hits), indented."""
    from graphkit.store.neo4j_path import profile
    from graphkit.store.statements import load

    return [f"{'  ' * op['depth']}{op['operator']} rows={op['rows']} db_hits={op['db_hits']}"
            for op in profile(store._driver, store.database, load(name), params)]
