"""Network analysis of a stored graph with networkx: who is central, which actors cluster, who brokers.

Each function takes the store, or its view (``store.to_networkx()``: a MultiDiGraph of actors, one edge
per relationship keyed by relation, with ``articles``) to analyse several times without reloading it, and
returns plain data.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> for n in "abcd":
...     g.add_node(n, name=n.upper(), type="GROUP", aliases=[])
>>> for s, o in [("a", "b"), ("b", "c"), ("c", "d")]:
...     _ = g.add_edge(s, o, key="supports", relation="supports", articles=1)
>>> [(r["name"], r["degree"]) for r in rank(g, by="degree")][:2]
[('B', 2), ('C', 2)]
>>> brokers(g)["articulation_points"][0]["name"]
'B'
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graphkit.model.schema import load_schema

if TYPE_CHECKING:
    import networkx

RANKINGS = ("degree", "betweenness", "pagerank")
# Exact betweenness is O(n*m); past this many actors it is estimated from a seeded sample of sources.
BETWEENNESS_EXACT_MAX = 5_000
BETWEENNESS_SAMPLE = 500


def undirected_view(graph: networkx.MultiDiGraph) -> networkx.Graph:
    """One undirected edge per linked pair of actors, ``weight`` the articles of all their relationships."""
    import networkx as nx

    view = nx.Graph()
    view.add_nodes_from(graph.nodes(data=True))
    for s, o, data in graph.edges(data=True):
        if s == o:
            continue
        weight = data.get("articles", 1) + (view[s][o]["weight"] if view.has_edge(s, o) else 0)
        view.add_edge(s, o, weight=weight)
    return view


def as_graph(store_or_graph: Any) -> networkx.MultiDiGraph:
    """The networkx view of a store (``store.to_networkx()``), or the graph given."""
    return store_or_graph.to_networkx() if hasattr(store_or_graph, "to_networkx") else store_or_graph


def _actor(graph: networkx.MultiDiGraph, node: str) -> dict[str, Any]:
    data = graph.nodes[node]
    return {"id": node, "name": data.get("name", node), "type": data.get("type")}


def rank(graph: networkx.MultiDiGraph, by: str = "degree", top: int | None = None, seed: int = 0) -> list[dict]:
    """Actors by centrality, highest first (ties by name): ``degree`` (distinct actors linked),
    ``betweenness`` (share of shortest paths through the actor; sampled with ``seed`` on graphs of more
    than 5,000 actors) or ``pagerank`` (over the directed relationships, symmetric ones both ways,
    weighted by articles). Each row: id, name, type, score, degree."""
    import networkx as nx

    graph = as_graph(graph)

    if by not in RANKINGS:
        raise ValueError(f"unknown ranking {by!r}; choose one of {', '.join(RANKINGS)}")
    view = undirected_view(graph)
    if by == "degree":
        scores = {n: float(view.degree(n)) for n in view}
    elif by == "betweenness":
        k = BETWEENNESS_SAMPLE if view.number_of_nodes() > BETWEENNESS_EXACT_MAX else None
        scores = nx.betweenness_centrality(view, k=k, seed=seed if k else None)
    else:
        symmetric = load_schema().symmetric
        directed = nx.DiGraph()
        directed.add_nodes_from(graph)
        for s, o, data in graph.edges(data=True):
            for a, b in ((s, o), (o, s)) if data.get("relation") in symmetric else ((s, o),):
                w = data.get("articles", 1) + (directed[a][b]["weight"] if directed.has_edge(a, b) else 0)
                directed.add_edge(a, b, weight=w)
        scores = nx.pagerank(directed, weight="weight") if directed.number_of_nodes() else {}
    rows = [{**_actor(graph, n), "score": round(scores[n], 6), "degree": view.degree(n)} for n in view]
    rows.sort(key=lambda r: (-r["score"], r["name"].lower(), r["id"]))
    return rows[:top] if top else rows


def communities(graph: networkx.MultiDiGraph, seed: int = 0, resolution: float = 1.0) -> list[dict]:
    """Louvain communities of the undirected, article-weighted view, largest first: each with its
    number, size and members (id, name, type) sorted by degree then name. Seeded, so repeatable."""
    import networkx as nx

    graph = as_graph(graph)

    view = undirected_view(graph)
    if view.number_of_nodes() == 0:
        return []
    groups = nx.community.louvain_communities(view, weight="weight", resolution=resolution, seed=seed)
    ordered = sorted(groups, key=lambda g: (-len(g), min(graph.nodes[n].get("name", n).lower() for n in g)))
    out = []
    for number, group in enumerate(ordered, 1):
        members = sorted(group, key=lambda n: (-view.degree(n), graph.nodes[n].get("name", n).lower(), n))
        out.append({"community": number, "size": len(group),
                    "members": [{**_actor(graph, n), "degree": view.degree(n)} for n in members]})
    return out


def brokers(graph: networkx.MultiDiGraph) -> dict[str, list[dict]]:
    """Actors and links whose loss splits the network: ``articulation_points`` (actors, with how many
    more components their removal leaves) and ``bridges`` (linked pairs, with their relations)."""
    import networkx as nx

    graph = as_graph(graph)

    view = undirected_view(graph)
    pieces: dict[str, int] = {}  # removing an articulation point leaves one piece per block it is in
    for block in nx.biconnected_components(view):
        for node in block:
            pieces[node] = pieces.get(node, 0) + 1
    points = [{**_actor(graph, n), "degree": view.degree(n), "splits_into": pieces[n]}
              for n in nx.articulation_points(view)]
    points.sort(key=lambda r: (-r["splits_into"], -r["degree"], r["name"].lower(), r["id"]))
    bridges = []
    for a, b in nx.bridges(view):
        a, b = sorted((a, b), key=lambda n: (graph.nodes[n].get("name", n).lower(), n))
        keys = set(graph.get_edge_data(a, b, default={})) | set(graph.get_edge_data(b, a, default={}))
        bridges.append({"a": graph.nodes[a].get("name", a), "a_id": a, "b": graph.nodes[b].get("name", b),
                        "b_id": b, "relations": sorted(keys)})
    bridges.sort(key=lambda r: (r["a"].lower(), r["b"].lower()))
    return {"articulation_points": points, "bridges": bridges}
