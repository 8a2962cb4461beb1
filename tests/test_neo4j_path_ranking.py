"""The server ranks paths (``cypher/path_search.cypher``) by the rule ``graphkit.ask.query.paths`` applies on
SQLite, on a synthetic graph of 10,000 relationships where many pairs of actors have parallel relationships
(two relations between the same two actors, one often hedged) and hops differ in hedging and in how many
articles state them: the best path, and the first k of ``--all`` for small k (where ties at the k-th path
decide), are the same as on SQLite, and only the paths that can rank cross the wire. Needs a real Neo4j."""
from __future__ import annotations

import random

import networkx as nx
import pytest

from graphkit.ask.query import paths
from graphkit.read import Article
from test_neo4j_path import load_both
from test_query import synthetic_triples

ACTORS = 2_000
RELATIONS = ["commands", "supplies_weapons_to", "negotiated_with", "rival_of", "supports", "attacked"]


def _triples() -> list[dict]:
    """8,000 random relationships and 2,000 parallel ones (another relation between the same two actors),
    about 40% hedged."""
    rng = random.Random(21)
    base = synthetic_triples(ACTORS, 8_000, seed=13)
    keys = {(t["subject_id"], t["relation"], t["object_id"]) for t in base}
    parallel = []
    for t in rng.sample(base, 4_000):
        relation = rng.choice([r for r in RELATIONS if r != t["relation"]])
        s, o = (t["subject_id"], t["object_id"]) if rng.random() < 0.5 else (t["object_id"], t["subject_id"])
        if (s, relation, o) in keys or (o, relation, s) in keys:
            continue
        keys.add((s, relation, o))
        sub, obj = (t["subject"], t["object"]) if s == t["subject_id"] else (t["object"], t["subject"])
        ev = dict(t["evidence"], sentence=f"{sub} {relation} {obj}.", trigger_start=len(parallel))
        parallel.append(dict(t, relation=relation, subject=sub, object=obj, subject_id=s, object_id=o, evidence=ev))
        if len(parallel) == 2_000:
            break
    out = base + parallel
    for t in out:
        if rng.random() < 0.4:
            t["hedged"] = True
            t["evidence"] = dict(t["evidence"], hedged=True)
    return out


def _batches() -> list[tuple[Article, list[dict]]]:
    rng = random.Random(22)
    triples = _triples()
    out = [(Article(id=f"r{i}", text="x", source="synthetic", date="2024-05-01"), triples[i:i + 500])
           for i in range(0, len(triples), 500)]
    for k in range(3):  # restated, unhedged, by later articles: 1 to 4 articles a relationship
        again = [dict(t, hedged=False, evidence=dict(t["evidence"], hedged=False)) for t in rng.sample(triples, 2_500)]
        out.append((Article(id=f"again{k}", text="x", source="synthetic", date=f"2024-06-0{k + 1}"), again))
    return out


@pytest.fixture(scope="module")
def both(neo4j_uri, tmp_path_factory):
    yield from load_both(neo4j_uri, tmp_path_factory.mktemp("neo4j-ranking") / "graph.db", _batches())


@pytest.fixture(scope="module")
def pairs():
    rng = random.Random(23)
    return [(f"a{rng.randrange(ACTORS)}", f"a{rng.randrange(ACTORS)}") for _ in range(40)]


def test_the_graph_has_parallel_and_hedged_relationships(both):
    lite, neo = both
    assert neo.stats() == lite.stats() and lite.stats()["relationships"] == 10_000
    per_pair: dict[tuple[str, str], list[dict]] = {}
    for rel in lite.relationships():
        per_pair.setdefault(tuple(sorted((rel["subject_id"], rel["object_id"]))), []).append(rel)
    assert sum(len(rels) > 1 for rels in per_pair.values()) >= 1_500
    assert sum(rel["hedged_share"] == 1 for rels in per_pair.values() for rel in rels) >= 1_000


def test_best_path_and_first_k_equal_sqlite(both, pairs):
    lite, neo = both
    parallel_hops = decided = 0
    for a, b in pairs:
        every = paths(lite, a, b, all_paths=True, limit=10_000)
        assert paths(neo, a, b) == paths(lite, a, b) == every[:1], (a, b)
        for k in (2, 3, 5):
            assert paths(neo, a, b, all_paths=True, limit=k) == every[:k], (a, b, k)
        parallel_hops += sum(len(h["relationships"]) > 1 for p in every[:1] for h in p["hops"])
        keys = {(sum(all(r["only_hedged"] for r in h["relationships"]) for h in p["hops"]),
                 -min(max(r["articles"] for r in h["relationships"]) for h in p["hops"])) for p in every}
        decided += len(keys) > 1
    assert parallel_hops, "some best path has a hop of parallel relationships"
    assert decided >= 5, "the rule, not the names, orders the paths of several pairs"


def test_only_paths_that_can_rank_are_returned(both, pairs):
    """best_paths keeps the paths tied with the best-th and drops the rest on the server."""
    lite, neo = both
    reference = nx.Graph((r["subject_id"], r["object_id"]) for r in lite.relationships())
    reference.add_nodes_from(f"a{i}" for i in range(ACTORS))  # actors of no relationship too
    pruned = 0
    for a, b in pairs:
        if a == b or not nx.has_path(reference, a, b):
            assert neo.best_paths(a, b, max_depth=12)[0] == []
            continue
        every = len(list(nx.all_shortest_paths(reference, a, b)))
        found, names, hops, evidence = neo.best_paths(a, b, max_depth=12, best=1, evidence_per=2)
        assert 1 <= len(found) <= every
        pruned += len(found) < every
        on_paths = {tuple(sorted(p)) for ids in found for p in zip(ids, ids[1:])}
        assert set(hops) == on_paths and set(names) == {n for ids in found for n in ids}
        assert set(evidence) == {rid for rels in hops.values() for rid in rels}
        assert all(1 <= len(rows) <= 2 for rows in evidence.values())
    assert pruned >= 5, "the server drops paths that cannot be the best"
