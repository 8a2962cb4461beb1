"""The contract every graph store keeps, run against each backend: a fresh SQLiteStore always, and a
Neo4jStore (its database cleared) when $GRAPHKIT_NEO4J_URI is set (user $GRAPHKIT_NEO4J_USER, password
$GRAPHKIT_NEO4J_PASSWORD). Idempotent and atomic batches, aggregates from evidence, symmetric
normalisation, forget, hostile names, the networkx view. Backend-specific tests stay in
test_store_sqlite.py and test_store_neo4j.py.
"""
from __future__ import annotations

import os
import time

import networkx as nx
import pytest

from conftest import group_triple
from graphkit.read import Article
from graphkit.store import GraphStore, SQLiteStore, StoreError

NEO4J_URI = os.environ.get("GRAPHKIT_NEO4J_URI")


def _neo4j_store():
    from graphkit.store.neo4j import Neo4jStore

    deadline = time.monotonic() + 30  # Neo4j locks a user briefly after failed logins
    while True:
        try:
            return Neo4jStore(NEO4J_URI, os.environ.get("GRAPHKIT_NEO4J_USER") or "neo4j",
                              os.environ.get("GRAPHKIT_NEO4J_PASSWORD") or "graphkit-dev")
        except StoreError:
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


@pytest.fixture(params=["sqlite", pytest.param("neo4j", marks=pytest.mark.skipif(
    not NEO4J_URI, reason="GRAPHKIT_NEO4J_URI is not set"))])
def store(request, tmp_path) -> GraphStore:
    if request.param == "sqlite":
        s = SQLiteStore(tmp_path / "graph.db")
    else:
        s = _neo4j_store()
        s.clear()  # every test starts from an empty database
    yield s
    s.close()


def graph_key(graph: nx.MultiDiGraph) -> tuple:
    """Nodes and edges with their data, timestamps of ingestion left out (they differ between runs)."""
    nodes = sorted((n, d["name"], d["type"], tuple(d["aliases"])) for n, d in graph.nodes(data=True))
    edges = sorted((u, v, k, d["articles"], d["evidence"], d["hedged_share"], d["best_confidence"])
                   for u, v, k, d in graph.edges(keys=True, data=True))
    return nodes, edges


def make_triple(sentence: str, subject: str, relation: str, obj: str, trigger: str, *, subject_id: str | None = None,
                object_id: str | None = None, subject_name: str | None = None, object_name: str | None = None,
                hedged: bool = False, confidence: float = 0.8, offset: int = 0,
                subject_type: str = "ORGANIZATION", object_type: str = "ORGANIZATION") -> dict:
    """A triple as extract_articles gives it; ``subject``/``obj``/``trigger`` are surface forms found in ``sentence``."""
    def span(text: str) -> tuple[int, int]:
        start = sentence.index(text)
        return offset + start, offset + start + len(text)

    (ss, se), (os_, oe), (ts, te) = span(subject), span(obj), span(trigger)
    s_name, o_name = subject_name or subject, object_name or obj
    return {
        "subject": s_name, "relation": relation, "object": o_name,
        "subject_id": subject_id or s_name.lower().replace(" ", "-"),
        "object_id": object_id or o_name.lower().replace(" ", "-"),
        "subject_type": subject_type, "object_type": object_type, "hedged": hedged, "confidence": confidence,
        "evidence": {
            "sentence": sentence, "sentence_start": offset, "sentence_end": offset + len(sentence),
            "subject_text": subject, "subject_start": ss, "subject_end": se,
            "object_text": obj, "object_start": os_, "object_end": oe,
            "trigger": trigger, "trigger_start": ts, "trigger_end": te,
            "pattern": "verb", "hedged": hedged, "reported_by": "a monitor" if hedged else None,
        },
    }


def article(id_: str, date: str | None = None, text: str | None = None) -> Article:
    return Article(id=id_, text=text or f"text of {id_}", source=f"{id_}.txt", title=f"Title {id_}", date=date)


ARMS = "The Crimson Brigade shipped rifles to the Amber Front."
ARMS_HEDGED = "The Crimson Brigade allegedly shipped rifles to the Amber Front."
TALKS = "The Amber Front held talks with the Crimson Brigade."
ATTACK = "The Jade Legion attacked the Amber Front."


def arms(sentence: str = ARMS, **kw) -> dict:
    return make_triple(sentence, "Crimson Brigade", "supplies_weapons_to", "Amber Front", "shipped", **kw)


def test_add_is_idempotent(store):
    batch = [(article("a1"), [arms()]), (article("a2"), [make_triple(ATTACK, "Jade Legion", "attacked",
                                                                     "Amber Front", "attacked")])]
    first = store.add_articles(batch)
    assert first == {"stored": 2, "skipped": 0, "actors": 3, "relationships": 2, "evidence": 2}
    before = store.stats()
    second = store.add_articles(batch)
    assert second == {"stored": 0, "skipped": 2, "actors": 0, "relationships": 0, "evidence": 0}
    assert store.stats() == before == {"articles": 2, "actors": 3, "relationships": 2, "evidence": 2}
    assert store.has_article("a1") and not store.has_article("zz")


def test_same_article_twice_in_one_batch_is_stored_once(store):
    counts = store.add_articles([(article("a1"), [arms()]), (article("a1"), [arms()])])
    assert counts["stored"] == 1 and counts["skipped"] == 1
    assert store.stats()["evidence"] == 1


def test_article_without_triples_is_remembered(store):
    assert store.add_articles([(article("quiet"), [])])["stored"] == 1
    assert store.has_article("quiet")
    assert store.stats() == {"articles": 1, "actors": 0, "relationships": 0, "evidence": 0}


def test_error_mid_batch_stores_nothing(store):
    bad = arms()
    bad["evidence"] = {**bad["evidence"], "trigger_start": None}
    with pytest.raises(ValueError):
        store.add_articles([(article("good"), [arms()]), (article("bad"), [bad])])
    assert store.stats() == {"articles": 0, "actors": 0, "relationships": 0, "evidence": 0}
    if isinstance(store, SQLiteStore):
        assert not store._db.in_transaction
    # the store is still usable afterwards
    assert store.add_articles([(article("good"), [arms()])])["stored"] == 1


def test_aggregates_are_computed_from_evidence(store):
    store.add_articles([
        (article("a1", date="2024-03-01"), [arms(confidence=0.8)]),
        (article("a2", date="March 9, 2024"), [arms(ARMS_HEDGED, hedged=True, confidence=0.68)]),
    ])
    [rel] = list(store.relationships())
    assert rel["id"] == "crimson-brigade|supplies_weapons_to|amber-front"
    assert (rel["subject"], rel["relation"], rel["object"]) == ("Crimson Brigade", "supplies_weapons_to", "Amber Front")
    assert rel["articles"] == 2 and rel["evidence"] == 2
    assert rel["hedged_share"] == pytest.approx(0.5)
    assert rel["best_confidence"] == pytest.approx(0.8)
    assert (rel["first_seen"], rel["last_seen"]) == ("2024-03-01", "2024-03-09")
    # forgetting the unhedged article moves every aggregate: nothing is stored that could drift
    store.forget("a1")
    [rel] = list(store.relationships())
    assert rel["articles"] == 1 and rel["hedged_share"] == 1.0
    assert rel["best_confidence"] == pytest.approx(0.68)
    assert rel["first_seen"] == rel["last_seen"] == "2024-03-09"


def test_an_article_hedges_only_when_all_its_evidence_is_hedged(store):
    later = "Later the Crimson Brigade shipped rifles to the Amber Front again."
    store.add_articles([(article("a1"), [arms(ARMS_HEDGED, hedged=True),
                                         arms(later, hedged=False, offset=100)])])
    [rel] = list(store.relationships())
    assert rel["articles"] == 1 and rel["evidence"] == 2 and rel["hedged_share"] == 0.0


def test_undated_articles_have_no_publication_date(store):
    # Issue 14: ingest time is not a publication date (it made `links X --since 2022` show 2008 material).
    store.add_articles([(article("a1"), [arms()])])
    [rel] = list(store.relationships())
    ingested = store.article("a1")["ingested_at"]
    assert rel["first_seen"] is None and rel["last_seen"] is None
    assert ingested.endswith("Z") and ingested[:2] == "20"
    [ev] = store.evidence_of([rel["id"]])
    assert ev["article_published"] is None


def test_same_evidence_twice_keeps_the_surer_row(store):
    store.add_articles([(article("a1"), [arms(confidence=0.5), arms(confidence=0.9)])])
    [ev] = list(store.evidence())
    assert ev["confidence"] == pytest.approx(0.9)


def test_symmetric_relations_are_stored_with_sorted_ids(store):
    talks = make_triple(TALKS, "Amber Front", "negotiated_with", "Crimson Brigade", "held talks",
                        subject_id="zz-amber", object_id="aa-crimson")
    other = make_triple(TALKS, "Crimson Brigade", "negotiated_with", "Amber Front", "held talks",
                        subject_id="aa-crimson", object_id="zz-amber", offset=200)
    directed = make_triple(ATTACK, "Jade Legion", "attacked", "Amber Front", "attacked", subject_id="zz-jade",
                           object_id="aa-amber")
    store.add_articles([(article("a1"), [talks, directed]), (article("a2"), [other])])
    rels = {r["id"]: r for r in store.relationships()}
    assert set(rels) == {"aa-crimson|negotiated_with|zz-amber", "zz-jade|attacked|aa-amber"}
    assert rels["aa-crimson|negotiated_with|zz-amber"]["articles"] == 2
    # the evidence sides were swapped with the ids: the subject offsets still point at the subject's words
    for ev in store.evidence(relationship="aa-crimson|negotiated_with|zz-amber"):
        s0 = ev["sentence_start"]
        assert ev["sentence"][ev["subject_start"] - s0:ev["subject_end"] - s0] == ev["subject_text"] == "Crimson Brigade"
        assert ev["sentence"][ev["object_start"] - s0:ev["object_end"] - s0] == ev["object_text"] == "Amber Front"


def test_forget_removes_article_evidence_and_orphans(store):
    only_a1 = make_triple(ATTACK, "Jade Legion", "attacked", "Amber Front", "attacked", offset=60)
    nick = make_triple("The Crimson lads shipped rifles to the Amber Front.", "Crimson lads", "supplies_weapons_to",
                       "Amber Front", "shipped", subject_name="Crimson Brigade", offset=120)
    store.add_articles([(article("a1"), [arms(), only_a1, nick]), (article("a2"), [arms()])])
    assert store.stats() == {"articles": 2, "actors": 3, "relationships": 2, "evidence": 4}
    aliases = {a["id"]: a["aliases"] for a in store.actors()}
    assert aliases["crimson-brigade"] == ["Crimson Brigade", "Crimson lads"]

    assert store.forget("a1") is True
    assert not store.has_article("a1")
    assert store.stats() == {"articles": 1, "actors": 2, "relationships": 1, "evidence": 1}
    assert list(store.evidence(article_id="a1")) == []
    [rel] = list(store.relationships())
    assert rel["id"] == "crimson-brigade|supplies_weapons_to|amber-front" and rel["articles"] == 1
    actors = {a["id"]: a for a in store.actors()}
    assert set(actors) == {"crimson-brigade", "amber-front"}  # the Jade Legion only appeared in a1
    assert actors["crimson-brigade"]["aliases"] == ["Crimson Brigade"]  # "Crimson lads" was only seen in a1

    assert store.forget("a1") is False
    assert store.forget("a2") is True
    assert store.stats() == {"articles": 0, "actors": 0, "relationships": 0, "evidence": 0}
    if isinstance(store, SQLiteStore):
        assert list(store._db.execute("SELECT * FROM aliases")) == []


HOSTILE = [
    "O'Brien \"The Hammer\" Faction",
    "`backtick` Brigade",
    "{Braces} Front ${param} $1 %s :name",
    "'); DROP TABLE actors; --",
    "Robert\"); DELETE FROM evidence; --",
    "MATCH (n) DETACH DELETE n RETURN n",
    "CREATE (x:Actor {name: 'x'}) MERGE WITH UNWIND",
    "back\\slash \\' \\\" Group",
    "NULL",
    "Ḥizb al-Daʿwa — «قوات» 中文 🚀",
    "line\nbreak\ttab",
]


def test_hostile_names_round_trip(store):
    batch = []
    for i, name in enumerate(HOSTILE):
        sentence = f"{name} attacked the Amber Front."
        t = make_triple(sentence, name, "attacked", "Amber Front", "attacked", subject_id=f"{name}|id{i}",
                        subject_type="GROUP")
        batch.append((Article(id=f"{name}#{i}", text=sentence, source=name, title=name, date=name), [t]))
    counts = store.add_articles(batch)
    assert counts["stored"] == len(HOSTILE)
    actors = {a["id"]: a for a in store.actors()}
    for i, name in enumerate(HOSTILE):
        actor = actors[f"{name}|id{i}"]
        assert actor["name"] == name and actor["aliases"] == [name] and actor["type"] == "GROUP"
        assert store.has_article(f"{name}#{i}")
        stored = store.article(f"{name}#{i}")
        assert stored["title"] == stored["source"] == stored["date"] == name
    subjects = {r["subject"] for r in store.relationships()}
    assert subjects == set(HOSTILE)
    graph = store.to_networkx()
    assert {graph.nodes[f"{n}|id{i}"]["name"] for i, n in enumerate(HOSTILE)} == set(HOSTILE)
    assert store.stats() == {"articles": len(HOSTILE), "actors": len(HOSTILE) + 1,
                             "relationships": len(HOSTILE), "evidence": len(HOSTILE)}
    assert store.forget(f"{HOSTILE[3]}#3") is True
    assert store.stats()["actors"] == len(HOSTILE)


def test_to_networkx_matches_stats(store):
    talks = make_triple(TALKS, "Amber Front", "negotiated_with", "Crimson Brigade", "held talks", offset=300)
    attack = make_triple(ATTACK, "Jade Legion", "attacked", "Amber Front", "attacked", offset=400)
    store.add_articles([(article("a1", "2023-01-02"), [arms(), talks, attack]),
                        (article("a2"), [arms(ARMS_HEDGED, hedged=True)])])
    graph = store.to_networkx()
    stats = store.stats()
    assert graph.number_of_nodes() == stats["actors"] == 3
    assert graph.number_of_edges() == stats["relationships"] == 3
    assert graph.nodes["crimson-brigade"] == {"name": "Crimson Brigade", "type": "ORGANIZATION",
                                              "aliases": ["Crimson Brigade"]}
    edge = graph.edges["crimson-brigade", "amber-front", "supplies_weapons_to"]
    assert edge["relation"] == "supplies_weapons_to" and edge["articles"] == 2
    assert edge["hedged_share"] == pytest.approx(0.5) and edge["best_confidence"] == pytest.approx(0.8)
    assert edge["first_seen"] == "2023-01-02" and edge["last_seen"] > "2023"
    # symmetric: the edge runs from the smaller id
    assert graph.has_edge("amber-front", "crimson-brigade", "negotiated_with")


def test_the_store_is_a_graph_store(store):
    assert isinstance(store, GraphStore)


def test_forget_gives_what_sqlite_gives(store, tmp_path):
    """Moved from test_store_neo4j.py: the same batch forgotten in this store and in a reference SQLite."""
    lite = SQLiteStore(tmp_path / "reference.db")
    batch = [(Article(id="a1", text="", source="a1.txt", date="2020-01-02"),
              [group_triple("Red Hand", "attacked", "Blue Shield", "The Red Hand attacked the Blue Shield.",
                            "attacked"),
               group_triple("Green Fist", "funds", "Red Hand", "Green Fist funds Red Hand.", "funds")]),
             (Article(id="a2", text="", source="a2.txt"),
              [group_triple("Red Hand", "attacked", "Blue Shield", "Red Hand troops attacked the Blue Shield.",
                            "attacked", subject_text="Red Hand troops")])]
    for s in (lite, store):
        s.add_articles(batch)
    assert store.forget("a1") is True and lite.forget("a1") is True
    assert store.forget("a1") is False and store.forget("nope") is False
    assert store.stats() == lite.stats() == {"articles": 1, "actors": 2, "relationships": 1, "evidence": 1}
    assert list(store.actors()) == list(lite.actors())
    assert [a["aliases"] for a in store.actors() if a["id"] == "red-hand"] == [["Red Hand troops"]]
    assert graph_key(store.to_networkx()) == graph_key(lite.to_networkx())
    assert store.forget("a2") is True
    assert store.stats() == {"articles": 0, "actors": 0, "relationships": 0, "evidence": 0}
    lite.close()


def test_first_and_last_seen_come_from_dated_articles_only(store):
    store.add_articles([(article("a1", date="July 13, 2008"), [arms()]),
                        (article("a2", text="an undated text"), [arms()]),
                        (article("a3", date="2009-02", text="a later text"), [arms()])])
    [rel] = list(store.relationships())
    assert (rel["articles"], rel["first_seen"], rel["last_seen"]) == (3, "2008-07-13", "2009-02")
    [touching] = store.relationships_touching(["crimson-brigade"])
    assert (touching["first_seen"], touching["last_seen"]) == ("2008-07-13", "2009-02")
    assert [ev["article_published"] for ev in store.evidence_of([rel["id"]])] == ["2008-07-13", None, "2009-02"]
