"""Asking the graph: links, paths, actor search, show, analysis and exports, on a graph ingested from
articles written here and on a 10,000-relationship synthetic graph checked against networkx."""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from graphkit.ask.analysis import brokers, communities, rank
from graphkit.cli import app
from graphkit.read import Article
from graphkit.views.export import export_graph
from graphkit.run.ingest import ingest
from graphkit.ask.query import UnknownActor, find_actors, links, paths, resolve_actor, show
from graphkit.store import SQLiteStore

ARTICLES = {
    "arms.md": "---\ntitle: Arms for the militia\ndate: 2007-01-10\n---\n"
               "The Quds Force supplied weapons to the Mahdi Army.\n",
    "talks.md": "---\ntitle: Talks in Tehran\ndate: 2007-03-02\n---\n"
                "Qassem Suleimani, the commander of the Quds Force, held talks with Muqtada al-Sadr in Tehran.\n",
    "feud.md": "---\ntitle: An old feud\ndate: 2008-05-20\n---\n"
               "Muqtada al-Sadr leads the Mahdi Army. The Mahdi Army is fighting the Badr Organization.\n",
}


@pytest.fixture(scope="module")
def graph_db(tmp_path_factory, nlp) -> Path:
    d = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (d / name).write_text(text, encoding="utf-8")
    db = d / "graph.db"
    with SQLiteStore(db) as store:
        summary = ingest([str(d)], store, nlp=nlp, progress=False)
    assert summary["stored"] == 3
    return db


@pytest.fixture
def store(graph_db):
    with SQLiteStore(graph_db, readonly=True) as s:
        yield s


def run(*args: str):
    return CliRunner().invoke(app, list(args))


# ------------------------------------------------------------------------------- on written articles

def test_links_give_neighbours_with_direction_and_evidence(store):
    rows = links(store, "quds-force")
    got = {(r["actor_id"], r["relation"], r["direction"]) for r in rows}
    assert got == {("mahdi-army", "supplies_weapons_to", "out"), ("qassem-suleimani", "commands", "in")}
    arms = next(r for r in rows if r["relation"] == "supplies_weapons_to")
    assert arms["evidence"] == "The Quds Force supplied weapons to the Mahdi Army."
    assert arms["article_title"] == "Arms for the militia"
    assert arms["articles"] == 1 and arms["only_hedged"] is False


def test_symmetric_relation_reads_both_ways(store):
    left = links(store, "qassem-suleimani", relations=["negotiated_with"])
    right = links(store, "muqtada-al-sadr", relations=["negotiated_with"])
    assert [(r["actor_id"], r["direction"]) for r in left] == [("muqtada-al-sadr", "both")]
    assert [(r["actor_id"], r["direction"]) for r in right] == [("qassem-suleimani", "both")]


def test_links_depth_relation_since_and_min_articles(store):
    two = links(store, "qassem-suleimani", depth=2)
    assert {(r["depth"], r["from_id"], r["actor_id"]) for r in two} == {
        (1, "qassem-suleimani", "quds-force"), (1, "qassem-suleimani", "muqtada-al-sadr"),
        (2, "quds-force", "mahdi-army"), (2, "muqtada-al-sadr", "mahdi-army")}
    assert [r["actor_id"] for r in links(store, "mahdi-army", relations=["rival_of"])] == ["badr-organization"]
    assert {r["actor_id"] for r in links(store, "mahdi-army", since="2008")} == {"badr-organization",
                                                                                 "muqtada-al-sadr"}
    assert links(store, "mahdi-army", since="2009-01-01") == []
    assert links(store, "mahdi-army", min_articles=2) == []


def test_an_actor_without_relations_of_a_kind_has_no_links(store):
    assert links(store, "badr-organization", relations=["funds"]) == []


def test_path_has_every_shortest_route_with_evidence(store):
    best = paths(store, "qassem-suleimani", "badr-organization")
    assert len(best) == 1 and best[0]["length"] == 3
    every = paths(store, "qassem-suleimani", "badr-organization", all_paths=True)
    assert sorted(p["actors"] for p in every) == [
        ["Qassem Suleimani", "Muqtada al-Sadr", "Mahdi Army", "Badr Organization"],
        ["Qassem Suleimani", "Quds Force", "Mahdi Army", "Badr Organization"]]
    for p in every:
        for hop in p["hops"]:
            assert hop["relationships"] and all(rel["evidence"] for rel in hop["relationships"])
    first_hop = every[0]["hops"][0]["relationships"][0]
    assert first_hop["evidence"][0]["sentence"].startswith("Qassem Suleimani, the commander")


def test_path_direction_is_seen_from_the_walker(store):
    (p,) = paths(store, "mahdi-army", "quds-force")
    rel = p["hops"][0]["relationships"][0]
    assert (rel["relation"], rel["direction"]) == ("supplies_weapons_to", "in")


def test_path_respects_relations_and_depth(store):
    assert paths(store, "qassem-suleimani", "badr-organization", relations=["commands"]) == []
    assert paths(store, "qassem-suleimani", "badr-organization", max_depth=2) == []


def test_actor_search_forgives_spelling(store):
    assert find_actors(store.actors(), "Soleimani")[0]["id"] == "qassem-suleimani"
    assert find_actors(store.actors(), "al Sadr")[0]["id"] == "muqtada-al-sadr"
    assert resolve_actor(store.actors(), "Qods Force")["id"] == "quds-force"
    with pytest.raises(UnknownActor) as err:
        resolve_actor(store.actors(), "Mahdi Armee of Basra")
    assert "Mahdi Army" in err.value.suggestions
    with pytest.raises(UnknownActor):
        resolve_actor(store.actors(), "Hezbollah")


def test_show_has_every_relationship_and_its_evidence(store):
    actor = resolve_actor(store.actors(), "Mahdi Army")
    record = show(store, actor)
    assert {(r["relation"], r["actor_id"], r["direction"]) for r in record["relationships"]} == {
        ("supplies_weapons_to", "quds-force", "in"), ("commands", "muqtada-al-sadr", "in"),
        ("rival_of", "badr-organization", "both")}
    assert all(r["evidence"] and r["evidence"][0]["article"] for r in record["relationships"])


def test_analysis_on_the_written_graph(store):
    graph = store.to_networkx()
    top = rank(graph, by="degree")
    assert top[0]["id"] == "mahdi-army" and top[0]["degree"] == 3
    assert rank(graph, by="betweenness")[0]["id"] == "mahdi-army"
    assert {r["id"] for r in rank(graph, by="pagerank")} == set(graph.nodes)
    found = communities(graph)
    assert sorted(m["id"] for c in found for m in c["members"]) == sorted(graph.nodes)
    assert communities(graph) == found  # seeded
    b = brokers(graph)
    assert [p["id"] for p in b["articulation_points"]] == ["mahdi-army"]
    assert [(x["a_id"], x["b_id"]) for x in b["bridges"]] == [("badr-organization", "mahdi-army")]


# ------------------------------------------------------------------------------- the CLI

def test_cli_links_formats(graph_db):
    out = run("links", "Soleimani", "--db", str(graph_db), "--format", "json")
    assert out.exit_code == 0, out.output
    rows = json.loads(out.output)
    assert {r["actor"] for r in rows} == {"Quds Force", "Muqtada al-Sadr"}
    jl = run("links", "Soleimani", "--db", str(graph_db), "--format", "jsonl")
    assert [json.loads(line)["actor"] for line in jl.output.splitlines()] == [r["actor"] for r in rows]
    csv_out = run("links", "Soleimani", "--db", str(graph_db), "--format", "csv").output.splitlines()
    assert csv_out[0].startswith("depth,from,from_id,direction,relation,actor") and len(csv_out) == 3
    table = run("links", "Soleimani", "--db", str(graph_db))
    assert "Quds Force" in table.output and "commands" in table.output


def test_cli_unknown_actor_suggests_and_fails(graph_db):
    out = run("links", "Mahdi Armee of Basra", "--db", str(graph_db))
    assert out.exit_code == 1
    assert "no actor 'Mahdi Armee of Basra'" in out.output and "Mahdi Army" in out.output


def test_cli_bad_options_exit_2(graph_db):
    assert run("links", "Sadr", "--db", str(graph_db), "--since", "last week").exit_code == 2
    assert run("links", "Sadr", "--db", str(graph_db), "--relation", "likes").exit_code == 2
    assert run("links", "Sadr", "--db", str(graph_db), "--format", "xml").exit_code == 2
    assert run("rank", "--db", str(graph_db), "--by", "fame").exit_code == 2


def test_cli_path_and_no_path(graph_db):
    out = run("path", "Suleimani", "Badr Organization", "--all", "--db", str(graph_db), "--format", "json")
    assert out.exit_code == 0, out.output
    assert len(json.loads(out.output)) == 2
    none = run("path", "Suleimani", "Badr Organization", "--relation", "commands", "--db", str(graph_db))
    assert none.exit_code == 1 and "no path" in none.output


def test_cli_actors_show_rank_communities_brokers(graph_db):
    found = json.loads(run("actors", "soleimani", "--db", str(graph_db), "--format", "json").output)
    assert found[0]["name"] == "Qassem Suleimani"
    assert run("actors", "zzzz", "--db", str(graph_db)).exit_code == 1
    record = json.loads(run("show", "Mahdi Army", "--db", str(graph_db), "--format", "json").output)
    assert record["name"] == "Mahdi Army" and len(record["relationships"]) == 3
    ranked = [json.loads(x) for x in run("rank", "--db", str(graph_db), "--format", "jsonl").output.splitlines()]
    assert ranked[0]["name"] == "Mahdi Army"
    comm = json.loads(run("communities", "--db", str(graph_db), "--format", "json").output)
    assert sum(c["size"] for c in comm) == 5
    brk = json.loads(run("brokers", "--db", str(graph_db), "--format", "json").output)
    assert [p["name"] for p in brk["articulation_points"]] == ["Mahdi Army"]


def test_cli_on_an_empty_store(tmp_path):
    db = tmp_path / "empty.db"
    SQLiteStore(db).close()
    assert run("rank", "--db", str(db), "--format", "json").output.strip() == "[]"
    assert json.loads(run("communities", "--db", str(db), "--format", "json").output) == []
    out = run("links", "Iran", "--db", str(db))
    assert out.exit_code == 1 and "no actor 'Iran'" in out.output
    assert run("export", "--format", "graphml", "--out", str(tmp_path / "e.graphml"), "--db", str(db)).exit_code == 0
    assert nx.read_graphml(tmp_path / "e.graphml").number_of_nodes() == 0


def test_exports_read_back(graph_db, tmp_path):
    with SQLiteStore(graph_db, readonly=True) as s:
        graph = s.to_networkx()
    export_graph(graph, "graphml", str(tmp_path / "g.graphml"))
    back = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    assert back.nodes["qassem-suleimani"]["label"] == "Qassem Suleimani"
    assert back.nodes["qassem-suleimani"]["type"] == "PERSON"
    edge = back.get_edge_data("quds-force", "mahdi-army")["supplies_weapons_to"]
    assert edge["relation"] == "supplies_weapons_to" and edge["articles"] == 1 and edge["hedged_share"] == 0
    export_graph(graph, "gexf", str(tmp_path / "g.gexf"))
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_edges() == graph.number_of_edges()
    export_graph(graph, "json", str(tmp_path / "g.json"))
    data = json.loads((tmp_path / "g.json").read_text())
    assert len(data["nodes"]) == graph.number_of_nodes() and len(data["links"]) == graph.number_of_edges()
    export_graph(graph, "csv", str(tmp_path / "csv"))
    rel_lines = (tmp_path / "csv" / "relationships.csv").read_text().splitlines()
    assert len(rel_lines) == graph.number_of_edges() + 1 and "hedged_share" in rel_lines[0]
    actor_lines = (tmp_path / "csv" / "actors.csv").read_text().splitlines()
    assert len(actor_lines) == graph.number_of_nodes() + 1


# ------------------------------------------------------------------------------- a synthetic graph

def synthetic_triples(actors: int, relationships: int, seed: int = 7) -> list[dict]:
    """Random relationships among ``actors`` named actors, each stated once, no self-links."""
    rng = random.Random(seed)
    relations = ["commands", "supplies_weapons_to", "negotiated_with", "rival_of", "supports", "attacked"]
    seen, out = set(), []
    while len(out) < relationships:
        s, o = rng.randrange(actors), rng.randrange(actors)
        rel = rng.choice(relations)
        key = (min(s, o), max(s, o), rel) if rel in ("negotiated_with", "rival_of") else (s, o, rel)
        if s == o or key in seen:
            continue
        seen.add(key)
        ev = {"sentence": f"A{s} {rel} A{o}.", "sentence_start": 0, "trigger_start": len(out), "hedged": False}
        out.append({"subject": f"A{s}", "relation": rel, "object": f"A{o}", "subject_id": f"a{s}",
                    "object_id": f"a{o}", "subject_type": "GROUP", "object_type": "GROUP", "hedged": False,
                    "confidence": 0.9, "evidence": ev})
    return out


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    triples = synthetic_triples(3_000, 10_000)
    db = tmp_path_factory.mktemp("synthetic") / "graph.db"
    with SQLiteStore(db) as store:
        batch = [(Article(id=f"s{i}", text="x", source="synthetic"), triples[i:i + 500])
                 for i in range(0, len(triples), 500)]
        store.add_articles(batch)
    reference = nx.Graph()
    for t in triples:
        reference.add_edge(t["subject_id"], t["object_id"])
    with SQLiteStore(db, readonly=True) as store:
        yield store, reference


def test_synthetic_graph_has_ten_thousand_relationships(synthetic):
    store, _ = synthetic
    assert store.stats()["relationships"] == 10_000


def test_synthetic_links_match_networkx(synthetic):
    store, reference = synthetic
    for actor in ("a0", "a17", "a2999"):
        rows = links(store, actor)
        assert {r["actor_id"] for r in rows} == set(reference[actor])
        two = links(store, actor, depth=2)
        within = nx.single_source_shortest_path_length(reference, actor, cutoff=2)
        assert {r["actor_id"] for r in two} | {actor} == set(within)


def test_synthetic_paths_match_networkx(synthetic):
    store, reference = synthetic
    rng = random.Random(3)
    for _ in range(5):
        a, b = f"a{rng.randrange(3000)}", f"a{rng.randrange(3000)}"
        if a == b:
            continue
        expected = nx.shortest_path_length(reference, a, b)
        every = paths(store, a, b, all_paths=True, limit=10_000)
        assert every and all(p["length"] == expected for p in every)
        assert len(every) == len(list(nx.all_shortest_paths(reference, a, b)))
        for p in every:
            assert all(reference.has_edge(x, y) for x, y in zip(p["ids"], p["ids"][1:]))


def test_cli_viz_page_and_pictures(graph_db, tmp_path):
    page = tmp_path / "net.html"
    out = run("viz", "--db", str(graph_db), "--out", str(page))
    assert out.exit_code == 0, out.output
    assert "wrote 5 actors and 5 relationships" in out.output
    html = page.read_text(encoding="utf-8")
    assert "The Quds Force supplied weapons to the Mahdi Army." in html  # the evidence travels with the page
    png = tmp_path / "mahdi.png"
    out = run("viz", "Mahdi Army", "--depth", "1", "--db", str(graph_db), "--out", str(png))
    assert out.exit_code == 0 and "wrote 4 actors and 3 relationships" in out.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    out = run("viz", "Mahdi Army", "--relation", "rival_of", "--db", str(graph_db), "--out", str(tmp_path / "r.svg"))
    assert "wrote 2 actors and 1 relationships" in out.output
    assert "Badr Organization" in (tmp_path / "r.svg").read_text(encoding="utf-8")
    assert run("viz", "--db", str(graph_db), "--out", str(tmp_path / "x.pdf")).exit_code == 2
    assert run("viz", "Nobody at all", "--db", str(graph_db), "--out", str(page)).exit_code == 1


def test_quick_lookup_by_id_name_or_alias(store):
    assert [a["id"] for a in store.actors_named("mahdi-army")] == ["mahdi-army"]
    assert [a["id"] for a in store.actors_named("MAHDI ARMY")] == ["mahdi-army"]
    assert store.actors_named("Mahdi") == []  # only whole names; the fuzzy search does the rest


def test_cli_viz_relation_keeps_only_the_actors_on_its_edges(graph_db, tmp_path):
    page = tmp_path / "rivals.html"
    out = run("viz", "--relation", "rival_of", "--db", str(graph_db), "--out", str(page))
    assert out.exit_code == 0, out.output
    data = json.loads(re.search(r'<script type="application/json" id="graphkit-data">(.*?)</script>',
                                page.read_text(encoding="utf-8"), re.S).group(1))
    assert data["edges"] and {e["relation"] for e in data["edges"]} == {"rival_of"}
    on_edges = {i for e in data["edges"] for i in (e["source"], e["target"])}
    assert on_edges == set(range(len(data["nodes"])))  # no actor without a rival_of edge
    assert f"wrote {len(data['nodes'])} actors and {len(data['edges'])} relationships" in out.output
