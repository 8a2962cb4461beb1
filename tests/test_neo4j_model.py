"""The Neo4j graph model on a real server: a relationship is one [:RELATION] edge and an evidence row one node
that names its relationship and article by id, nothing more; a database written in graphkit's first model
(a (:Relationship) node a relationship, SUBJECT/OBJECT/SUPPORTS/IN_ARTICLE edges) is migrated on connect and
then answers exactly as before."""
from __future__ import annotations

import logging
import os
import threading

import pytest

from graphkit.ask.query import links, paths
from graphkit.read import Article
from graphkit.store import SQLiteStore
from graphkit.store.neo4j import Neo4jStore
from graphkit.store.rows import as_triple
from test_query import synthetic_triples

USER = os.environ.get("GRAPHKIT_NEO4J_USER") or "neo4j"
PASSWORD = os.environ.get("GRAPHKIT_NEO4J_PASSWORD") or "graphkit-dev"

# Test data only: what graphkit's first model added to the present one (run to make a database of that model).
_OLD_MODEL = (
    "MATCH (s:Actor)-[x:RELATION]->(o:Actor) "
    "CREATE (r:Relationship {id: x.id, relation: x.relation, subject_id: s.id, object_id: o.id}) "
    "CREATE (r)-[:SUBJECT]->(s) CREATE (r)-[:OBJECT]->(o)",
    "MATCH (e:Evidence) MATCH (r:Relationship {id: e.relationship_id}) MATCH (a:Article {id: e.article_id}) "
    "CREATE (e)-[:SUPPORTS]->(r) CREATE (e)-[:IN_ARTICLE]->(a)",
    "CREATE CONSTRAINT graphkit_relationship_id IF NOT EXISTS FOR (r:Relationship) REQUIRE r.id IS UNIQUE",
    "DROP INDEX graphkit_evidence_key IF EXISTS",  # its evidence ids had a uniqueness constraint, not an index
    "CREATE CONSTRAINT graphkit_evidence_id IF NOT EXISTS FOR (e:Evidence) REQUIRE e.id IS UNIQUE",
    "DROP CONSTRAINT graphkit_relation_unique IF EXISTS",  # its RELATION ids had a plain index
    "CREATE INDEX graphkit_relation_id IF NOT EXISTS FOR ()-[x:RELATION]-() ON (x.id)",
    "CREATE (:Relationship {kind: 'another application'})",  # not graphkit's: no SUBJECT edge, it stays
)


def _batches() -> list[tuple[Article, list[dict]]]:
    triples = synthetic_triples(60, 400, seed=11)
    for k, t in enumerate(triples):
        if k % 3 == 0:
            t["hedged"] = t["evidence"]["hedged"] = True
    return [(Article(id=f"m{i}", text="x", source=f"src{i % 3}", date="2024-05-0" + str(1 + i % 9)),
             triples[i:i + 40]) for i in range(0, len(triples), 40)]


def _answers(store) -> dict:
    """What the questions answer (the same on both stores)."""
    actors = sorted(a["id"] for a in store.actors())
    return {"stats": store.stats(), "relationships": list(store.relationships()),
            "links": [links(store, a) for a in actors[:12]],
            "paths": [paths(store, a, b, all_paths=True) for a, b in zip(actors[:8], actors[-8:])]}


def _everything(store) -> dict:
    """The answers and the stored rows of one store (ids and ingestion times are the store's own)."""
    return {**_answers(store), "evidence": list(store.evidence()), "articles": store.articles(),
            "actors": list(store.actors())}


def _one(store: Neo4jStore, statement: str) -> list[dict]:
    return [r.data() for r in store._driver.execute_query(statement, database_=store.database).records]


@pytest.fixture
def neo(neo4j_uri):
    store = Neo4jStore(neo4j_uri, USER, PASSWORD)
    store.clear()
    yield store
    store.close()


def test_connecting_to_a_present_database_logs_no_warning(neo, neo4j_uri, caplog):
    """No statement run on connect names a label a present database lacks (the first model's): the server would
    warn, and the driver log it on the user's terminal at every command. First in this module: the migration test
    below makes the label known to the server for good."""
    neo.add_articles(_batches()[:1])
    with caplog.at_level(logging.INFO):
        Neo4jStore(neo4j_uri, USER, PASSWORD).close()
    assert not [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def test_a_relationship_is_one_edge_and_evidence_one_node(neo, tmp_path):
    neo.add_articles(_batches())
    assert _one(neo, "MATCH (n) UNWIND labels(n) AS l RETURN DISTINCT l ORDER BY l") == [
        {"l": "Actor"}, {"l": "Article"}, {"l": "Evidence"}]
    assert _one(neo, "MATCH ()-[x]->() RETURN DISTINCT type(x) AS t") == [{"t": "RELATION"}]
    with SQLiteStore(tmp_path / "g.db") as lite:
        lite.add_articles(_batches())
        assert neo.stats() == lite.stats()
        assert _one(neo, "MATCH ()-[x:RELATION]->() RETURN count(x) AS n")[0]["n"] == lite.stats()["relationships"]
        assert _answers(neo) == _answers(lite)


def test_a_database_of_the_first_model_is_migrated_on_connect(neo, neo4j_uri):
    neo.add_articles(_batches())
    before = _everything(neo)
    for statement in _OLD_MODEL:
        neo._driver.execute_query(statement, database_=neo.database)
    assert _one(neo, "MATCH (r:Relationship)-[:SUBJECT]->() RETURN count(r) AS n")[0]["n"] == \
        before["stats"]["relationships"]
    with Neo4jStore(neo4j_uri, USER, PASSWORD) as again:  # connecting migrates
        assert _one(again, "MATCH (r:Relationship) RETURN r.kind AS kind") == [{"kind": "another application"}]
        assert _one(again, "MATCH ()-[x]->() RETURN DISTINCT type(x) AS t") == [{"t": "RELATION"}]
        assert not _one(again, "SHOW CONSTRAINTS YIELD name WHERE name STARTS WITH 'graphkit_' "
                               "AND (name = 'graphkit_relationship_id' OR name = 'graphkit_evidence_id') RETURN name")
        assert _one(again, "SHOW INDEXES YIELD name, state WHERE name = 'graphkit_evidence_key' RETURN state")
        assert _one(again, "SHOW CONSTRAINTS YIELD name, type WHERE name = 'graphkit_relation_unique' "
                           "RETURN type") == [{"type": "RELATIONSHIP_UNIQUENESS"}]
        assert _everything(again) == before
        again.add_articles([(Article(id="late", text="x", source="late"), synthetic_triples(60, 30, seed=12))])
        assert again.stats()["articles"] == before["stats"]["articles"] + 1
        assert again.forget("late") and _everything(again) == before



def test_two_writers_never_store_one_relationship_twice(neo, neo4j_uri):
    """Two writers storing different articles that state the same new relationships at once: each reads them
    absent, the uniqueness constraint on RELATION ids refuses the second CREATE and that writer reads and writes
    again, so every relationship is one edge."""
    shared = synthetic_triples(40, 300, seed=21)
    batches = [[(Article(id=f"w{w}-{i}", text="x", source=f"w{w}"), shared[i:i + 30]) for i in range(0, 300, 30)]
               for w in range(2)]
    start = threading.Barrier(2)

    def write(batch):
        with Neo4jStore(neo4j_uri, USER, PASSWORD) as store:
            start.wait()
            for item in batch:
                store.add_articles([item])

    threads = [threading.Thread(target=write, args=(b,)) for b in batches]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ids = {t.relationship_id for t in (as_triple(x) for x in shared)}
    assert _one(neo, "MATCH ()-[x:RELATION]->() RETURN count(x) AS n, count(DISTINCT x.id) AS d") == [
        {"n": len(ids), "d": len(ids)}]
    assert neo.stats()["evidence"] == 600 and neo.stats()["articles"] == 20
    with pytest.raises(Exception, match="already exists"):
        one = sorted(ids)[0]
        neo._driver.execute_query("MATCH (s:Actor)-[x:RELATION {id: $id}]->(o:Actor) "
                                  "CREATE (s)-[:RELATION {id: $id, relation: x.relation}]->(o)", id=one,
                                  database_=neo.database)
