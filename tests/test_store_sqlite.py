"""The SQLite store on hand-made triples: transactions, idempotence, forget, aggregates, hostile names."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.read import Article
from graphkit.store import SQLiteStore, StoreError
from graphkit.store.sqlite import iso_date


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


@pytest.fixture
def store(tmp_path) -> SQLiteStore:
    s = SQLiteStore(tmp_path / "graph.db")
    yield s
    s.close()


ARMS = "The Crimson Brigade shipped rifles to the Amber Front."
ARMS_HEDGED = "The Crimson Brigade allegedly shipped rifles to the Amber Front."
TALKS = "The Amber Front held talks with the Crimson Brigade."
ATTACK = "The Jade Legion attacked the Amber Front."


def arms(sentence: str = ARMS, **kw) -> dict:
    return make_triple(sentence, "Crimson Brigade", "supplies_weapons_to", "Amber Front", "shipped", **kw)


def test_pragmas_and_tables(store, tmp_path):
    db = store._db
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 30_000
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert {"actors", "aliases", "articles", "relationships", "evidence", "relationship_summary"} <= tables
    # reopening an existing store keeps it
    store.add_articles([(article("a1"), [arms()])])
    with SQLiteStore(tmp_path / "graph.db") as again:
        assert again.stats() == store.stats()


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


def test_undated_articles_are_seen_when_ingested(store):
    store.add_articles([(article("a1"), [arms()])])
    [rel] = list(store.relationships())
    ingested = store.article("a1")["ingested_at"]
    assert rel["first_seen"] == rel["last_seen"] == ingested
    assert ingested.endswith("Z") and ingested[:2] == "20"


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


_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(subject=_text, obj=_text, article_id=_text)
def test_any_text_round_trips(subject, obj, article_id):
    with SQLiteStore(":memory:") as store:
        sentence = f"{subject} attacked {obj}"
        t = make_triple(sentence, subject, "attacked", obj, "attacked", subject_id="s:" + subject,
                        object_id="o:" + obj)
        store.add_articles([(Article(id=article_id, text=sentence, source="-"), [t])])
        [rel] = list(store.relationships())
        assert (rel["subject"], rel["object"], rel["subject_id"], rel["object_id"]) == (
            subject, obj, "s:" + subject, "o:" + obj)
        assert store.has_article(article_id)
        assert store.forget(article_id)
        assert store.stats() == {"articles": 0, "actors": 0, "relationships": 0, "evidence": 0}


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


def test_two_connections_share_one_file(tmp_path):
    path = tmp_path / "shared.db"
    with SQLiteStore(path) as one, SQLiteStore(path) as two:
        one.add_articles([(article("a1"), [arms()])])
        assert two.has_article("a1")
        assert two.add_articles([(article("a1"), [arms()]), (article("a2"), [arms(offset=50)])])["stored"] == 1
        assert one.stats()["articles"] == 2


# --------------------------------------------------------------------------- paths that cannot hold a store


def test_directory_is_refused(tmp_path):
    with pytest.raises(StoreError, match="directory"):
        SQLiteStore(tmp_path)


def test_parent_that_is_a_file_is_refused(tmp_path):
    parent = tmp_path / "plain.txt"
    parent.write_text("not a directory")
    with pytest.raises(StoreError, match="not a directory"):
        SQLiteStore(parent / "graph.db")
    assert parent.read_text() == "not a directory"


def test_missing_directory_is_refused(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        SQLiteStore(tmp_path / "nope" / "graph.db")
    assert not (tmp_path / "nope").exists()


def test_text_file_is_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are notes, not a database\n" * 10)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a database"):
        SQLiteStore(path)
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["notes.db"]


def test_another_applications_database_is_left_alone(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="another application"):
        SQLiteStore(path)
    assert path.read_bytes() == before


def test_readonly_and_no_create_need_an_existing_file(tmp_path):
    for kwargs in ({"readonly": True}, {"create": False}):
        with pytest.raises(StoreError, match="no such database"):
            SQLiteStore(tmp_path / "missing.db", **kwargs)
    assert list(tmp_path.iterdir()) == []


def test_readonly_store_reads(tmp_path):
    path = tmp_path / "graph.db"
    with SQLiteStore(path) as store:
        store.add_articles([(article("a1"), [arms()])])
    with SQLiteStore(path, readonly=True) as ro:
        assert ro.stats()["articles"] == 1
        with pytest.raises(StoreError):
            ro.forget("a1")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write any file")
def test_read_only_file_is_refused_unchanged(tmp_path):
    path = tmp_path / "graph.db"
    with SQLiteStore(path) as store:
        store.add_articles([(article("a1"), [arms()])])
    before = path.read_bytes()
    path.chmod(0o444)
    try:
        with pytest.raises(StoreError, match="read-only"):
            SQLiteStore(path)
    finally:
        path.chmod(0o644)
    assert path.read_bytes() == before


def test_iso_dates():
    assert iso_date("2024-03-01T10:00:00+02:00") == "2024-03-01T08:00:00Z"
    assert iso_date("1 March 2024") == "2024-03-01"
    assert iso_date(None) is None and iso_date("  ") is None and iso_date("sometime") is None
