"""The graph questions answer the same on Neo4j as on SQLite, and the Cypher files of cypher/queries/
give the same answers as the commands. Needs a real Neo4j (the ``neo4j_uri`` fixture of conftest)."""
from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

from graphkit.cli import app
from graphkit.read import Article
from graphkit.run.ingest import ingest
from graphkit.store import SQLiteStore
from graphkit.store.neo4j import Neo4jStore
from test_query import ARTICLES, synthetic_triples

USER = os.environ.get("GRAPHKIT_NEO4J_USER") or "neo4j"
PASSWORD = os.environ.get("GRAPHKIT_NEO4J_PASSWORD") or "graphkit-dev"
ENV = {"GRAPHKIT_NEO4J_USER": USER, "GRAPHKIT_NEO4J_PASSWORD": PASSWORD, "GRAPHKIT_NEO4J_URI": ""}

QUESTIONS = [
    ["links", "Soleimani"], ["links", "Mahdi Army", "--depth", "2"], ["links", "Qods Force", "--since", "2007-02"],
    ["path", "Suleimani", "Badr Organization", "--all"], ["path", "Mahdi Army", "Quds Force"],
    ["show", "Mahdi Army"], ["actors", "sadr"], ["actors"], ["rank", "--by", "pagerank"], ["rank"],
    ["communities"], ["brokers"], ["relationships"],
    ["links", "Mahdi Army", "--until", "2007-02"], ["show", "Mahdi Army", "--since", "2008"],
    ["path", "Suleimani", "Badr Organization", "--since", "2007-03"], ["relationships", "--since", "2007-03"],
    ["timeline", "Mahdi Army"], ["rank", "--since", "2007-02", "--until", "2008"],
]


@pytest.fixture(scope="module")
def both(neo4j_uri, tmp_path_factory, nlp):
    d = tmp_path_factory.mktemp("query-neo4j")
    for name, text in ARTICLES.items():
        (d / name).write_text(text, encoding="utf-8")
    db = d / "graph.db"
    with SQLiteStore(db) as lite:
        ingest([str(d)], lite, nlp=nlp, progress=False)
    with Neo4jStore(neo4j_uri, USER, PASSWORD) as neo:
        neo.clear()
        ingest([str(d)], neo, nlp=nlp, progress=False)
    return db, neo4j_uri


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env=ENV)
    return result.exit_code, result.output


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: " ".join(q))
def test_same_answer_on_both_stores(both, question):
    db, uri = both
    code_lite, lite = cli(*question, "--db", str(db), "--format", "json")
    code_neo, neo = cli(*question, "--neo4j", uri, "--format", "json")
    assert code_lite == code_neo == 0, lite + neo
    assert json.loads(neo) == json.loads(lite)
    assert json.loads(lite), f"{question}: an empty answer proves nothing"


def test_same_errors_on_both_stores(both):
    db, uri = both
    assert cli("links", "Hezbollah", "--db", str(db))[0] == cli("links", "Hezbollah", "--neo4j", uri)[0] == 1
    assert cli("path", "Suleimani", "Badr Organization", "--relation", "funds", "--db", str(db))[0] == 1
    assert cli("path", "Suleimani", "Badr Organization", "--relation", "funds", "--neo4j", uri)[0] == 1


def test_cypher_links_file_matches_the_links_command(both):
    db, uri = both
    code, out = cli("cypher", "links", "--param", "actor=mahdi-army", "--neo4j", uri, "--format", "json")
    assert code == 0, out
    by_file = {(r["actor_id"], r["relation"], r["direction"], r["articles"], r["evidence"]) for r in json.loads(out)}
    by_command = {(r["actor_id"], r["relation"], r["direction"], r["articles"], r["evidence"])
                  for r in json.loads(cli("links", "Mahdi Army", "--db", str(db), "--format", "json")[1])}
    assert by_file == by_command and len(by_file) == 3
    code, out = cli("cypher", "links", "--param", "actor=mahdi-army", "--param", 'relations=["rival_of"]',
                    "--neo4j", uri, "--format", "json")
    assert [r["actor_id"] for r in json.loads(out)] == ["badr-organization"]


def test_cypher_path_file_matches_the_path_command(both):
    db, uri = both
    code, out = cli("cypher", "path", "--param", "a=qassem-suleimani", "--param", "b=badr-organization",
                    "--neo4j", uri, "--format", "json")
    assert code == 0, out
    by_file = sorted(r["actors"] for r in json.loads(out))
    by_command = sorted(p["actors"] for p in json.loads(
        cli("path", "Suleimani", "Badr Organization", "--all", "--db", str(db), "--format", "json")[1]))
    assert by_file == by_command and len(by_file) == 2
    assert all(h["evidence"] for r in json.loads(out) for h in r["hops"])


@pytest.mark.parametrize("name,params", [
    ("actors", ["text=sadr"]), ("show", ["actor=iran"]), ("show", ["actor=mahdi-army"]),
    ("rank_degree", ["top=3"]), ("relation_between", ["a=mahdi-army", "b=quds-force"]),
])
def test_every_query_file_runs(both, name, params):
    _, uri = both
    args = [x for p in params for x in ("--param", p)]
    code, out = cli("cypher", name, *args, "--neo4j", uri, "--format", "jsonl")
    assert code == 0, out
    rows = [json.loads(line) for line in out.splitlines()]
    if name != "show" or params == ["actor=mahdi-army"]:
        assert rows


def test_cypher_errors(both):
    _, uri = both
    assert cli("cypher", "no-such-query", "--neo4j", uri)[0] == 2
    assert cli("cypher", "links", "--param", "novalue", "--neo4j", uri)[0] == 2
    code, out = cli("cypher", "links", "--neo4j", uri)  # $actor missing: Neo4j refuses, one line
    assert code == 1 and len(out.strip().splitlines()) == 1
    assert cli("cypher", "links", "--param", "actor=x")[0] == 2  # no server named


def test_hostile_parameter_is_only_a_value(both):
    _, uri = both
    hostile = "x'}) DETACH DELETE n //`"
    code, out = cli("cypher", "actors", "--param", f"text={hostile}", "--neo4j", uri, "--format", "json")
    assert code == 0 and json.loads(out) == []
    assert cli("stats", "--neo4j", uri, "--format", "json")[1].count('"actors": 5') == 1


def test_quick_lookup_is_the_same_on_both_stores(both):
    db, uri = both
    with SQLiteStore(db, readonly=True) as lite, Neo4jStore(uri, USER, PASSWORD) as neo:
        for text in ("mahdi-army", "MAHDI ARMY", "Quds Force", "Mahdi", "quds-force"):
            assert neo.actors_named(text) == lite.actors_named(text)
        assert lite.actors_named("MAHDI ARMY")


def test_stored_articles_the_same_on_both_stores(both):
    db, uri = both
    with SQLiteStore(db, readonly=True) as lite, Neo4jStore(uri, USER, PASSWORD) as neo:
        ids = [row["id"] for row in lite._read("SELECT id FROM articles")]
        assert len(ids) == 3
        assert neo.stored_articles(ids + ["nope"]) == lite.stored_articles(ids + ["nope"]) == set(ids)


# last: it empties the Neo4j database the module's other tests read
def test_synthetic_graph_paths_match_sqlite(neo4j_uri, tmp_path):
    from graphkit.ask.query import links, paths

    triples = synthetic_triples(300, 1_000, seed=11)
    batch = [(Article(id=f"s{i}", text="x", source="synthetic", date="2024-05-01"), triples[i:i + 250]) for i in range(0, 1000, 250)]
    with SQLiteStore(tmp_path / "s.db") as lite, Neo4jStore(neo4j_uri, USER, PASSWORD) as neo:
        neo.clear()
        lite.add_articles(batch)
        neo.add_articles(batch)
        for a, b in [("a1", "a250"), ("a7", "a99"), ("a42", "a3")]:
            assert paths(neo, a, b, all_paths=True, limit=500) == paths(lite, a, b, all_paths=True, limit=500)
        assert links(neo, "a5", depth=2) == links(lite, "a5", depth=2)
