"""graphkit's benchmark: every figure beside its baseline measured in the same run, so the ratio holds
on a noisy machine. ``make bench`` runs it; it writes bench/results/bench.json and bench/results/bench.md.

    python bench/run.py [--rows N] [--actors N] [--relationships N] [--neo4j-relationships N] [--only a,b]

Sections (``--only``): extract, workers, ingest, neo4j_load, queries, memory. Neo4j figures need a
server: $GRAPHKIT_NEO4J_URI (password $GRAPHKIT_NEO4J_PASSWORD); ``make bench`` starts one.

- extract: words/s of graphkit extraction against bare ``nlp.pipe`` with the same model, same texts.
- workers: the same extraction in 2 processes against 1.
- ingest: articles/s of ``ingest`` (extract + store) into SQLite and Neo4j against extraction alone.
- neo4j_load: relationships/s of graphkit's batched writer against a one-row-per-transaction MERGE
  loop, against the KG writer of neo4j-graphrag, on identical data (the same nodes and edges), and against
  a bare batched ``UNWIND ... MERGE`` of the same relationships without evidence.
- queries (Neo4j): the first load of the synthetic graph into an empty database, bulk import (export files +
  ``neo4j-admin database import full``) against the transactional writer, then the query figures on it and
  the ``PROFILE`` of the path search.
Every section records ``uptime`` before and after it.
- queries: ``links`` and ``path`` p50/p95 on the seeded synthetic graph of bench/synthetic.py.
- memory: peak RSS of a ``graphkit ingest`` process and of a ``graphkit rank`` process on that graph.
"""
from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import neo4j_speed  # noqa: E402
import synthetic  # noqa: E402

from graphkit.read import Article, article_id  # noqa: E402
from graphkit.records import Triple  # noqa: E402

AGNEWS = ROOT.parent / "shared" / "corpus" / "agnews" / "test.csv"
RESERVED = ROOT.parent / "shared" / "eval" / "reserved-rows.txt"
RESULTS = HERE / "results"
USER = os.environ.get("GRAPHKIT_NEO4J_USER", "neo4j")
PASSWORD = os.environ.get("GRAPHKIT_NEO4J_PASSWORD", "")


def uptime() -> str:
    """The machine's load, as ``uptime`` prints it (a busy machine halves the two-process figures)."""
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "load average: " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def agnews(rows: int) -> list[Article]:
    """The first ``rows`` rows of the AG News test CSV after its header, leaving out the rows held out for
    evaluation (eval/reserved-rows.txt)."""
    reserved = {int(x) for x in RESERVED.read_text().split() if x.isdigit()} if RESERVED.exists() else set()
    with open(AGNEWS, newline="", encoding="utf-8") as fh:
        kept = (r for i, r in enumerate(csv.reader(fh)) if i > 0 and i not in reserved)
        raw = [r for _, r in zip(range(rows), kept)]
    texts = [f"{r[1]}\n\n{r[2]}" for r in raw if len(r) >= 3]
    return [Article(article_id(t), t, f"agnews:{i}", title=r[1]) for i, (t, r) in enumerate(zip(texts, raw))]


def write_csv(articles: list[Article], path: Path) -> Path:
    """The articles as a CSV with a header (title, text), as an analyst's export would be."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["title", "text"])
        for a in articles:
            w.writerow([a.title, a.text])
    return path


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def percentiles(samples: list[float]) -> dict:
    ms = sorted(s * 1000 for s in samples)
    return {"p50_ms": round(statistics.median(ms), 2), "p95_ms": round(ms[max(0, int(len(ms) * 0.95) - 1)], 2),
            "n": len(ms)}


def neo4j_store(uri: str):
    from graphkit.store.neo4j import Neo4jStore

    return Neo4jStore(uri, USER, PASSWORD)


# ------------------------------------------------------------------------------------- extraction

def extract_slices(articles: list, repeats: int, warm: int = 50) -> tuple[list, list[list]]:
    """The warm-up rows (the first ``warm``) and ``repeats`` disjoint slices of equal size of the rest."""
    rest = articles[warm:]
    size = len(rest) // repeats
    return articles[:warm], [rest[size * k:size * (k + 1)] for k in range(repeats)]


def bench_extract(articles: list[Article], batch_size: int, repeats: int = 3) -> dict:
    """Bare ``nlp.pipe`` and graphkit's extraction, timed in pairs on the same texts.

    Each repetition takes its own slice of the rows (disjoint, ``(len(articles) - 50) // repeats`` rows each), so
    nothing a process keeps between calls (``lru_cache`` on names, the vocab's lexemes) has seen the texts
    of a slice before it is timed; the warm-up runs on rows outside every slice. Within a slice bare runs
    first, then graphkit, back to back, so the two see about the same load. The ratio is the median of the
    per-slice ratios: each pair is fair on its own, and the median keeps one pair hit by a burst of load on
    the shared machine from deciding the figure either way (the best-of would pick the luckiest pair).
    """
    from graphkit.run.extract import extract_articles
    from graphkit.nlp.pipeline import _load_model, load_pipeline

    warm, slices = extract_slices(articles, repeats)
    size = len(slices[0])
    bare, full = _load_model(None), load_pipeline()
    list(bare.pipe([a.text for a in warm]))
    list(extract_articles(warm, full))
    pairs = []
    for part in slices:
        texts = [a.text for a in part]
        cpu0 = time.process_time()
        bare_s = timed(lambda: [None for _ in bare.pipe(texts, batch_size=batch_size)])
        cpu1 = time.process_time()
        full_s = timed(lambda: [None for _ in extract_articles(part, full, batch_size=batch_size)])
        cpu2 = time.process_time()
        # CPU seconds beside the wall-clock ones: other engineers' jobs stretch the wall clock much more
        pairs.append({"words": sum(len(t.split()) for t in texts), "bare_s": round(bare_s, 2),
                      "graphkit_s": round(full_s, 2), "ratio": round(bare_s / full_s, 3),
                      "cpu_ratio": round((cpu1 - cpu0) / (cpu2 - cpu1), 3)})
    mid = sorted(pairs, key=lambda p: p["ratio"])[len(pairs) // 2]
    return {"texts": sum(len(s) for s in slices), "slices": len(slices), "slice_rows": size,
            "words": sum(p["words"] for p in pairs),
            "baseline_nlp_pipe_words_per_s": round(mid["words"] / mid["bare_s"]),
            "graphkit_words_per_s": round(mid["words"] / mid["graphkit_s"]),
            "ratio": mid["ratio"], "cpu_ratio": statistics.median(p["cpu_ratio"] for p in pairs), "target": 0.85,
            "pairs": pairs}


def bench_workers(articles: list[Article], batch_size: int) -> dict:
    from graphkit.run.extract import extract_articles, get_pipeline

    nlp = get_pipeline()
    words = sum(len(a.text.split()) for a in articles)
    list(extract_articles(articles[:50], nlp))
    one = timed(lambda: list(extract_articles(articles, nlp, batch_size=batch_size, n_process=1)))
    two = timed(lambda: list(extract_articles(articles, nlp, batch_size=batch_size, n_process=2)))
    return {"texts": len(articles), "baseline_1_process_words_per_s": round(words / one),
            "two_processes_words_per_s": round(words / two), "ratio": round(one / two, 3), "target": 1.7,
            "cores": os.cpu_count()}


# ------------------------------------------------------------------------------------- ingest

def bench_ingest(articles: list[Article], batch_size: int, uri: str | None, tmp: Path) -> dict:
    from graphkit.run.extract import extract_articles, get_pipeline
    from graphkit.run.ingest import ingest
    from graphkit.store import SQLiteStore

    nlp = get_pipeline()
    csv_path = write_csv(articles, tmp / "ingest.csv")
    from graphkit.read import ReadOptions, read_articles

    read = list(read_articles([str(csv_path)], ReadOptions()))
    list(extract_articles(read[:50], nlp))
    alone = timed(lambda: list(extract_articles(read, nlp, batch_size=batch_size)))
    out = {"articles": len(read), "baseline_extract_articles_per_s": round(len(read) / alone, 1), "target": 0.8}
    db = tmp / "ingest.db"
    db.unlink(missing_ok=True)
    with SQLiteStore(db) as store:
        lite = timed(lambda: ingest([str(csv_path)], store, nlp=nlp, progress=False, batch_size=batch_size))
        out["relationships"] = store.stats()["relationships"]
    out["sqlite_articles_per_s"] = round(len(read) / lite, 1)
    out["sqlite_ratio"] = round(alone / lite, 3)
    if uri:
        with neo4j_store(uri) as store:
            store.clear()
            neo = timed(lambda: ingest([str(csv_path)], store, nlp=nlp, progress=False, batch_size=batch_size,
                                       batch_articles=200))
            store.clear()
        out["neo4j_articles_per_s"] = round(len(read) / neo, 1)
        out["neo4j_ratio"] = round(alone / neo, 3)
    return out


# ------------------------------------------------------------------------------------- Neo4j load

def _graphrag_graph(batch: list[tuple[Article, list[Triple]]]):
    """The same nodes, edges and properties graphkit writes (``graphkit.store.neo4j``: actors with their aliases,
    articles, one RELATION edge a relationship, one evidence node a row with every evidence field graphkit stores),
    as a neo4j-graphrag Neo4jGraph. graphrag's writer checks nothing: an actor named in several batches becomes
    several nodes (graphkit's writer reads what is stored first, so a re-run changes nothing)."""
    try:
        from neo4j_graphrag.components.types import Neo4jGraph, Neo4jNode, Neo4jRelationship
    except ImportError:
        from neo4j_graphrag.experimental.components.types import Neo4jGraph, Neo4jNode, Neo4jRelationship
    from graphkit.store.rows import (actors_from_triples, as_triple, evidence_key, evidence_row, iso_date,
                                     normalize_triple, symmetric_relations, utc_now)

    symmetric = symmetric_relations()
    now = utc_now()
    nodes, edges, seen, seq = {}, [], set(), 0
    for art, raw_triples in batch:
        triples = [normalize_triple(as_triple(raw), symmetric) for raw in raw_triples]
        nodes[art.id] = Neo4jNode(id=art.id, label="Article", properties={
            k: v for k, v in (("id", art.id), ("title", art.title), ("source", art.source), ("date", art.date),
                              ("ingested_at", now), ("seen_at", iso_date(art.date) or now)) if v is not None})
        for actor in actors_from_triples(triples).values():
            # no "id" property: graphrag keys a node by its own temporary id, and it CREATEs an actor again in
            # every batch, which graphkit's uniqueness constraint on Actor ids would refuse
            nodes.setdefault(actor.id, Neo4jNode(id=actor.id, label="Actor", properties={
                "name": actor.name, "type": actor.type, "aliases": list(actor.aliases)}))
        for t in triples:
            rid = t.relationship_id
            if rid not in seen:
                seen.add(rid)
                edges.append(Neo4jRelationship(start_node_id=t.subject_id, end_node_id=t.object_id, type="RELATION",
                                               properties={"id": rid, "relation": t.relation}))
            row = evidence_row(t, art.id)
            eid = "|".join(str(k) for k in evidence_key(row))
            seq += 1
            nodes[eid] = Neo4jNode(id=eid, label="Evidence", properties={
                "id": eid, "seq": seq, **{k: v for k, v in row.items() if v is not None}})
    return Neo4jGraph(nodes=list(nodes.values()), relationships=edges)


def bench_neo4j_load(uri: str, relationships: int, batch_articles: int, rounds: int = 3) -> dict:
    """Relationships/s of graphkit's writer and of the three baselines on the same data, in transactions of
    ``batch_articles`` articles. graphkit, the bare MERGE and graphrag's writer run in turn ``rounds`` times on
    an emptied database and each figure is the median round (one round of a few thousand relationships lasts
    about a second, so a single one swings with whatever else the machine does); the one-row loop is slow
    and runs once."""
    from graphkit.store import statements as cypher

    pairs = list(synthetic.articles(max(100, relationships // 5), relationships, seed=3, per_article=50))
    store = neo4j_store(uri)
    neo4j_speed.warm_up(store, batch_articles, _graphrag_graph)
    Neo4jWriter = neo4j_speed.graphrag_writer()
    graphs = ([_graphrag_graph(pairs[i:i + batch_articles]) for i in range(0, len(pairs), batch_articles)]
              if Neo4jWriter else [])
    n_rel, graphkit_s, bare_rates, rag_s = 0, [], [], []
    for _ in range(rounds):
        store.clear()
        t0 = time.perf_counter()
        for i in range(0, len(pairs), batch_articles):
            store.add_articles(pairs[i:i + batch_articles])
        graphkit_s.append(time.perf_counter() - t0)
        n_rel = store.stats()["relationships"]
        bare_rates.append(neo4j_speed.bare_merge_rate(store, pairs, batch_articles))
        if Neo4jWriter:
            store.clear()
            writer = Neo4jWriter(store._driver, neo4j_database=store.database, batch_size=1000)
            t0 = time.perf_counter()
            for g in graphs:
                result = asyncio.run(writer.run(g))
                if getattr(result, "status", "SUCCESS") != "SUCCESS":
                    raise RuntimeError(f"neo4j-graphrag writer failed: {result}")
            rag_s.append(time.perf_counter() - t0)
    batched = statistics.median(graphkit_s)
    bare = statistics.median(bare_rates)
    out = {"relationships": n_rel, "evidence": sum(len(t) for _, t in pairs), "batch_articles": batch_articles,
           "rounds": rounds, "graphkit_rel_per_s": round(n_rel / batched, 1),
           "graphkit_rounds_rel_per_s": [round(n_rel / s, 1) for s in graphkit_s],
           "targets": {"vs_one_row": 10, "vs_graphrag": 5, "vs_bare_merge": 0.35}}
    out["baseline_bare_merge_rel_per_s"] = round(bare, 1)
    out["baseline_bare_merge_rounds_rel_per_s"] = [round(r, 1) for r in bare_rates]
    out["ratio_vs_bare_merge"] = round((n_rel / batched) / bare, 2)
    if Neo4jWriter:
        rag = statistics.median(rag_s)
        out["baseline_graphrag_rel_per_s"] = round(n_rel / rag, 1)
        out["baseline_graphrag_rounds_rel_per_s"] = [round(n_rel / s, 1) for s in rag_s]
        out["ratio_vs_graphrag"] = round(rag / batched, 2)
    else:
        out["graphrag"] = "not installed (pip install neo4j-graphrag)"

    store.clear()
    query = cypher.load("bench_merge_one")
    loop_rows = pairs[: max(1, len(pairs) // 5)]  # the loop is slow: a fifth of the data, rate per relationship
    loop_rel = 0
    t0 = time.perf_counter()
    with store._driver.session(database=store.database) as session:
        for art, triples in loop_rows:
            for k, t in enumerate(triples):
                params = neo4j_speed.one_row_params(art, k, t)
                session.execute_write(lambda tx, p=params: tx.run(query, **p).consume())
                loop_rel += 1
    loop = time.perf_counter() - t0
    out["baseline_one_row_per_tx_rel_per_s"] = round(loop_rel / loop, 1)
    out["ratio_vs_one_row"] = round((n_rel / batched) / (loop_rel / loop), 2)
    store.clear()
    store.close()
    return out


# ------------------------------------------------------------------------------------- queries and memory

def synthetic_db(tmp: Path, actors: int, relationships: int) -> Path:
    from graphkit.store import SQLiteStore

    db = tmp / f"synthetic-{actors}-{relationships}.db"
    if not db.exists():
        log(f"writing the synthetic graph ({actors:,} actors, {relationships:,} relationships) to {db}")
        part = db.with_suffix(".part")
        part.unlink(missing_ok=True)
        with SQLiteStore(part) as store:
            synthetic.load(store, actors, relationships, batch_articles=50)
        part.rename(db)
    return db


def query_latency(store, actors: int, samples: int, seed: int = 5) -> dict:
    from graphkit.ask.query import links, paths

    rng = random.Random(seed)
    ids = [synthetic.actor(rng.randrange(actors))[0] for _ in range(samples)]
    for a in ids[:10]:  # warm
        links(store, a)
    link_t = []
    for a in ids:
        t0 = time.perf_counter()
        links(store, a)
        link_t.append(time.perf_counter() - t0)
    warm = random.Random(seed + 1)  # warm the path query too, on pairs of its own (the figures are of a warm server)
    for _ in range(10):
        paths(store, synthetic.actor(warm.randrange(actors))[0], synthetic.actor(warm.randrange(actors))[0])
    path_t, lengths = [], []
    for i in range(min(samples, 100)):
        a, b = ids[i], ids[-1 - i]
        if a == b:
            continue
        t0 = time.perf_counter()
        found = paths(store, a, b)
        path_t.append(time.perf_counter() - t0)
        lengths.append(found[0]["length"] if found else None)
    return {"links": percentiles(link_t), "path": percentiles(path_t),
            "path_lengths": {str(k): lengths.count(k) for k in sorted(set(lengths), key=str)}}


def bench_queries(tmp: Path, actors: int, relationships: int, uri: str | None, neo_relationships: int,
                  samples: int) -> dict:
    from graphkit.store import SQLiteStore

    db = synthetic_db(tmp, actors, relationships)
    with SQLiteStore(db, readonly=True) as store:
        out = {"sqlite": {"actors": actors, "relationships": relationships, **query_latency(store, actors, samples)},
               "targets": {"sqlite_links_p95_ms": 50, "neo4j_links_p95_ms": 20}}
    if uri:
        neo_actors = max(100, actors * neo_relationships // relationships)
        with neo4j_store(uri) as store:
            wanted = {"articles": -(-neo_relationships // 100), "actors": neo_actors,
                      "relationships": neo_relationships, "evidence": neo_relationships}
            load_s = None
            if store.stats() != wanted:  # the same seeded graph is kept between runs: loading it takes a while
                log(f"first load of the synthetic graph ({neo_actors:,} actors, {neo_relationships:,} relationships):"
                    " bulk import, then the transactional writer into the server")
                first = neo4j_speed.bulk_vs_transactional(tmp, neo_actors, neo_relationships, store,
                                                          synthetic_db(tmp, neo_actors, neo_relationships))
                out["neo4j_first_load"] = {**first, "uptime": uptime()}
                load_s = first["transactional_s"]
            store.relationships_touching(["warm-up"])
            out["neo4j"] = {"actors": neo_actors, "relationships": neo_relationships, "load_s": load_s,
                            **query_latency(store, neo_actors, samples)}
            a, b = synthetic.actor(1)[0], synthetic.actor(2)[0]
            out["neo4j"]["path_plan"] = neo4j_speed.plan(store, "path_search", {
                "source": a, "target": b, "max_depth": 6, "limit": 100_000, "relations": None, "best": 1,
                "evidence_per": 3})
            out["neo4j"]["links_plan"] = neo4j_speed.plan(store, "relationships_touching", {"ids": [a]})
    return out


def peak_rss_mb(args: list[str]) -> tuple[float, float]:
    """Peak resident memory (MB, the kernel's VmHWM of the process after exec) and seconds of a child.

    Not the rusage of ``wait4``: a child forked from this (large) process starts with this process's
    pages and its ru_maxrss would report them."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak_kb = 0
    while proc.poll() is None:
        try:
            with open(f"/proc/{proc.pid}/status", encoding="ascii") as fh:
                for line in fh:
                    if line.startswith("VmHWM:"):
                        peak_kb = max(peak_kb, int(line.split()[1]))
        except (OSError, ValueError):
            pass
        time.sleep(0.02)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed with exit {proc.returncode}")
    return round(peak_kb / 1024, 1), round(seconds, 1)


def bench_memory(tmp: Path, actors: int, relationships: int, articles: list[Article]) -> dict:
    graphkit = str(Path(sys.executable).with_name("graphkit"))
    db = tmp / "memory-ingest.db"
    db.unlink(missing_ok=True)
    source = write_csv(articles, tmp / "memory.csv")
    ingest_mb, ingest_s = peak_rss_mb([graphkit, "ingest", str(source), "--db", str(db), "--no-progress"])
    big = synthetic_db(tmp, actors, relationships)
    rank_mb, rank_s = peak_rss_mb([graphkit, "rank", "--db", str(big), "--top", "10", "--format", "json"])
    return {"ingest_articles": len(articles), "ingest_peak_rss_mb": ingest_mb, "ingest_s": ingest_s, "rank_actors": actors,
            "rank_relationships": relationships, "rank_peak_rss_mb": rank_mb, "rank_s": rank_s,
            "target": {"rank_peak_rss_mb": 2048}}


# ------------------------------------------------------------------------------------- report

def markdown(result: dict) -> str:
    r = {k: v for k, v in result.items() if not (isinstance(v, dict) and "error" in v)}
    lines = [f"# graphkit benchmark, {r['date']}", "",
             f"Machine: {r['machine']}", "", "| figure | graphkit | baseline (same run) | ratio | target |",
             "| --- | --- | --- | --- | --- |"]
    if "extract" in r:
        e = r["extract"]
        lines.append(f"| extraction, words/s ({e['slices']} disjoint slices of {e['slice_rows']} AG News rows, median "
                     f"pair) | {e['graphkit_words_per_s']:,} | bare nlp.pipe {e['baseline_nlp_pipe_words_per_s']:,} | "
                     f"{e['ratio']} (CPU time {e.get('cpu_ratio')}) | >= 0.85 |")
    if "workers" in r:
        w = r["workers"]
        lines.append(f"| extraction with 2 processes, words/s | {w['two_processes_words_per_s']:,} | "
                     f"1 process {w['baseline_1_process_words_per_s']:,} | {w['ratio']}x | >= 1.7x |")
    if "ingest" in r:
        i = r["ingest"]
        lines.append(f"| ingest into SQLite, articles/s ({i['articles']} articles) | {i['sqlite_articles_per_s']} | "
                     f"extraction alone {i['baseline_extract_articles_per_s']} | {i['sqlite_ratio']} | >= 0.8 |")
        if "neo4j_articles_per_s" in i:
            lines.append(f"| ingest into Neo4j, articles/s | {i['neo4j_articles_per_s']} | extraction alone "
                         f"{i['baseline_extract_articles_per_s']} | {i['neo4j_ratio']} | >= 0.8 |")
    if "neo4j_load" in r:
        n = r["neo4j_load"]
        lines.append(f"| Neo4j load, relationships/s ({n['relationships']:,} relationships) | {n['graphkit_rel_per_s']:,} | "
                     f"one row per transaction {n['baseline_one_row_per_tx_rel_per_s']:,} | {n['ratio_vs_one_row']}x | >= 10x |")
        if "baseline_graphrag_rel_per_s" in n:
            lines.append(f"| Neo4j load, same data | {n['graphkit_rel_per_s']:,} | neo4j-graphrag KG writer "
                         f"{n['baseline_graphrag_rel_per_s']:,} | {n['ratio_vs_graphrag']}x | >= 5x |")
        if "baseline_bare_merge_rel_per_s" in n:
            lines.append(f"| Neo4j load with evidence, same relationships | {n['graphkit_rel_per_s']:,} | bare UNWIND "
                         f"... MERGE without evidence {n['baseline_bare_merge_rel_per_s']:,} | "
                         f"{n['ratio_vs_bare_merge']} | >= 0.35 |")
        rounds = "; ".join(f"{name} {', '.join(f'{x:,}' for x in n[key])}" for name, key in (
            ("graphkit", "graphkit_rounds_rel_per_s"), ("bare MERGE", "baseline_bare_merge_rounds_rel_per_s"),
            ("graphrag", "baseline_graphrag_rounds_rel_per_s")) if key in n)
        lines.append(f"| (each round, rel/s: the figures above are the medians) | {rounds} | | | |")
        lines.append(f"| (machine load during the Neo4j load section) | {n['uptime']['before']} | | | |")
    if "queries" in r and "neo4j_first_load" in r["queries"]:
        f = r["queries"]["neo4j_first_load"]
        lines.append(f"| first load into an empty Neo4j, relationships/s ({f['relationships']:,} relationships) | "
                     f"bulk import {f['bulk_rel_per_s']:,} ({f['bulk_export_s']} s export + "
                     f"{f['bulk_import_tool_s']} s import tool + {f.get('bulk_online_s')} s server start, "
                     f"schema and indexes online) | transactional {f['transactional_rel_per_s']:,} "
                     f"({f['transactional_s']} s) | {f['ratio']}x | >= 10x |")
        lines.append(f"| (machine load after the first load) | {f['uptime']} | | | |")
    if "queries" in r:
        for name, target in (("sqlite", 50), ("neo4j", 20)):
            q = r["queries"].get(name)
            if q:
                lines.append(f"| {name} `links` p50 / p95 ({q['actors']:,} actors, {q['relationships']:,} relationships) | "
                             f"{q['links']['p50_ms']} / {q['links']['p95_ms']} ms | — | — | p95 < {target} ms |")
                lines.append(f"| {name} `path` p50 / p95 | {q['path']['p50_ms']} / {q['path']['p95_ms']} ms | — | — | "
                             f"{'p95 < 50 ms' if name == 'neo4j' else '—'} |")
        lines.append(f"| (machine load during the query section) | {r['queries']['uptime']['before']} | | | |")
    if "memory" in r:
        m = r["memory"]
        lines.append(f"| peak RSS of `graphkit ingest` ({m['ingest_articles']:,} articles) | {m['ingest_peak_rss_mb']} MB "
                     "| — | — | stated |")
        lines.append(f"| peak RSS of `graphkit rank` ({m['rank_actors']:,} actors, {m['rank_relationships']:,} "
                     f"relationships, {m['rank_s']} s) | {m['rank_peak_rss_mb']} MB | — | — | < 2,048 MB |")
    for name, value in result.items():
        if isinstance(value, dict) and "error" in value:
            lines.append(f"| {name}: failed ({value['error']}) | | | | |")
    lines += ["", "Machine load (`uptime`) before and after each section:", ""]
    lines += [f"- {name}: {value['uptime']['before']} / {value['uptime']['after']}"
              for name, value in result.items() if isinstance(value, dict) and "uptime" in value]
    plan = (r.get("queries") or {}).get("neo4j", {}).get("path_plan")
    if plan:
        lines += ["", "PROFILE of the Neo4j path search (cypher/path_search.cypher):", "", "```", *plan, "```"]
    plan = (r.get("queries") or {}).get("neo4j", {}).get("links_plan")
    if plan:
        lines += ["", "PROFILE of a step of links (cypher/relationships_touching.cypher):", "", "```", *plan, "```"]
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=2000, help="AG News rows for extraction and ingest")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--actors", type=int, default=100_000)
    ap.add_argument("--relationships", type=int, default=1_000_000)
    ap.add_argument("--neo4j-relationships", type=int, default=1_000_000,
                    help="size of the synthetic graph loaded into Neo4j for the query figures")
    ap.add_argument("--load-relationships", type=int, default=5_000, help="relationships for the Neo4j load race")
    ap.add_argument("--samples", type=int, default=300, help="queries timed per store")
    ap.add_argument("--only", default="extract,workers,ingest,neo4j_load,queries,memory")
    ap.add_argument("--tmp", default=str(RESULTS / "work"), help="work files (the synthetic graph is kept there)")
    ap.add_argument("--results", default=str(RESULTS), help="where bench.json and bench.md go")
    args = ap.parse_args()
    only = set(args.only.split(","))
    uri = os.environ.get("GRAPHKIT_NEO4J_URI")
    tmp = Path(args.tmp)
    tmp.mkdir(parents=True, exist_ok=True)
    result: dict = {"date": time.strftime("%Y-%m-%d"), "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                    f"{round(os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30)} GiB, "
                    f"Python {platform.python_version()}, {platform.system()} {platform.release()}",
                    "args": vars(args)}
    articles = agnews(args.rows)
    steps = [("extract", lambda: bench_extract(articles, args.batch_size)),
             ("workers", lambda: bench_workers(articles, args.batch_size)),
             ("ingest", lambda: bench_ingest(articles, args.batch_size, uri, tmp)),
             ("neo4j_load", lambda: bench_neo4j_load(uri, args.load_relationships, 20) if uri else None),
             ("queries", lambda: bench_queries(tmp, args.actors, args.relationships, uri, args.neo4j_relationships,
                                               args.samples)),
             ("memory", lambda: bench_memory(tmp, args.actors, args.relationships, articles))]
    results = Path(args.results)
    results.mkdir(parents=True, exist_ok=True)
    for name, step in steps:
        if name not in only:
            continue
        log(f"{name} ...")
        before = uptime()
        try:
            value = step()
        except Exception as exc:  # noqa: BLE001 - one failed section must not lose the others' figures
            value = {"error": f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"}
        if value is not None:
            value["uptime"] = {"before": before, "after": uptime()}
            result[name] = value
            log(f"{name}: {json.dumps(value)}")
        (results / "bench.json").write_text(json.dumps(result, indent=2) + "\n")
        (results / "bench.md").write_text(markdown(result))
    print(markdown(result))


if __name__ == "__main__":
    main()
