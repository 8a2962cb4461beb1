"""The path search the Neo4j server runs (``cypher/path_search.cypher``) gives the same answers as the
search SQLite's path runs from Python, on a synthetic graph of 10,000 relationships where hops differ in
hedging and in how many articles state them (so the ranking rule decides). Needs a real Neo4j."""
from __future__ import annotations

import os
import random

import pytest

from graphkit.ask.query import paths
from graphkit.read import Article
from graphkit.store import SQLiteStore
from graphkit.store.neo4j import Neo4jStore
from test_query import synthetic_triples

USER = os.environ.get("GRAPHKIT_NEO4J_USER") or "neo4j"
PASSWORD = os.environ.get("GRAPHKIT_NEO4J_PASSWORD") or "graphkit-dev"
ACTORS = 3_000


def _batches() -> list[tuple[Article, list[dict]]]:
    rng = random.Random(3)
    triples = synthetic_triples(ACTORS, 10_000, seed=5)
    for t in triples:
        if rng.random() < 0.3:
            t["hedged"] = t["evidence"]["hedged"] = True
    out = [(Article(id=f"p{i}", text="x", source="synthetic", date="2024-05-01"), triples[i:i + 500])
           for i in range(0, len(triples), 500)]
    # a second and third article restate some relationships (some unhedged now): articles 1..3 a hop
    for k in range(2):
        again = [dict(t, hedged=False, evidence=dict(t["evidence"], hedged=False)) for t in rng.sample(triples, 2_000)]
        out.append((Article(id=f"again{k}", text="x", source="synthetic", date=f"2024-06-0{k + 1}"), again))
    return out


def load_both(neo4j_uri: str, db, batches):
    """The same batches in a new SQLite store at ``db`` and in the (cleared) Neo4j server, Neo4j in
    transactions of 4 articles: yields (lite, neo), closes both after."""
    lite = SQLiteStore(db)
    neo = Neo4jStore(neo4j_uri, USER, PASSWORD)
    neo.clear()
    lite.add_articles(batches)
    for i in range(0, len(batches), 4):
        neo.add_articles(batches[i:i + 4])
    yield lite, neo
    lite.close()
    neo.close()


@pytest.fixture(scope="module")
def both(neo4j_uri, tmp_path_factory):
    yield from load_both(neo4j_uri, tmp_path_factory.mktemp("neo4j-path") / "graph.db", _batches())


def test_the_stores_hold_the_same_graph(both):
    lite, neo = both
    assert neo.stats() == lite.stats() and lite.stats()["relationships"] == 10_000


def test_cypher_paths_equal_sqlite_paths(both):
    lite, neo = both
    rng = random.Random(8)
    lengths = set()
    for _ in range(40):
        a, b = f"a{rng.randrange(ACTORS)}", f"a{rng.randrange(ACTORS)}"
        expected = paths(lite, a, b, all_paths=True, limit=1_000)
        assert paths(neo, a, b, all_paths=True, limit=1_000) == expected, (a, b)
        assert paths(neo, a, b) == expected[:1]
        lengths.update(p["length"] for p in expected)
    assert len(lengths) >= 2, "pairs at several distances"


def test_ranking_is_decided_by_hedging_and_articles(both):
    lite, neo = both
    rng = random.Random(9)
    decided = 0
    for _ in range(40):
        a, b = f"a{rng.randrange(ACTORS)}", f"a{rng.randrange(ACTORS)}"
        found = paths(neo, a, b, all_paths=True, limit=1_000)
        assert found == paths(lite, a, b, all_paths=True, limit=1_000)
        if len(found) > 1:
            def key(p):
                hops = p["hops"]
                return (sum(all(r["only_hedged"] for r in h["relationships"]) for h in hops),
                        -min(max(r["articles"] for r in h["relationships"]) for h in hops))
            keys = [key(p) for p in found]
            assert keys == sorted(keys)
            decided += keys[0] != keys[-1]
    assert decided, "some pair's paths differ in strength"


def test_relation_filter_and_max_depth_as_on_sqlite(both):
    lite, neo = both
    rng = random.Random(10)
    empty = 0
    for _ in range(15):
        a, b = f"a{rng.randrange(ACTORS)}", f"a{rng.randrange(ACTORS)}"
        for kwargs in ({"relations": ["rival_of", "attacked", "supports"]}, {"max_depth": 3}, {"max_depth": 1}):
            expected = paths(lite, a, b, all_paths=True, limit=1_000, **kwargs)
            assert paths(neo, a, b, all_paths=True, limit=1_000, **kwargs) == expected, (a, b, kwargs)
            empty += not expected
    assert empty, "some pairs are not connected within the bound"
    assert paths(neo, "a1", "no-such-actor") == paths(lite, "a1", "no-such-actor") == []
