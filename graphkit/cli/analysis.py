"""Network analysis commands: ``rank``, ``communities``, ``brokers``.

Each takes the store's networkx view and hands it to :mod:`graphkit.ask.analysis`.
"""
from __future__ import annotations

import typer

from graphkit.ask.window import windowed_graph
from graphkit.cli.app import app
from graphkit.cli.common import check_choice, reading
from graphkit.cli.dates import window_or_exit
from graphkit.cli.options import Db, Format, Neo4j, Since, Until
from graphkit.views.render import FORMATS, emit


@app.command()
def rank(
    by: str = typer.Option("degree", "--by", help="degree | betweenness | pagerank"),
    top: int = typer.Option(20, min=0, help="At most this many actors (0: all)."),
    since: Since = None,
    until: Until = None,
    db: Db = None,
    neo4j: Neo4j = None,
    fmt: Format = "table",
) -> None:
    """The most central actors: by degree (distinct actors linked), betweenness (how often on the
    shortest path between two others; sampled past 5,000 actors, seeded) or pagerank (over the
    directed relationships, weighted by articles). Computed with networkx on a view of the store.

    Example: graphkit rank --by betweenness --top 10
    """
    from graphkit.ask.analysis import RANKINGS, rank as rank_actors

    check_choice(fmt, FORMATS)
    check_choice(by, RANKINGS, "ranking")
    window = window_or_exit(since, until)
    with reading(db, neo4j) as store:
        graph = windowed_graph(store, store.to_networkx(), window)
    rows = rank_actors(graph, by=by, top=top or None)
    emit(rows, fmt, columns=["name", "type", "score", "degree", "id"], title=f"actors by {by}")


@app.command()
def communities(
    seed: int = typer.Option(0, help="Seed of the Louvain method (same seed, same communities)."),
    resolution: float = typer.Option(1.0, help="Above 1: smaller communities; below 1: larger ones."),
    since: Since = None,
    until: Until = None,
    db: Db = None,
    neo4j: Neo4j = None,
    fmt: Format = "table",
) -> None:
    """Clusters of actors more linked to each other than to the rest (Louvain, weighted by articles),
    largest first. json gives each community with its members; the other formats one line an actor.

    Example: graphkit communities --format csv
    """
    from graphkit.ask.analysis import communities as find_communities

    check_choice(fmt, FORMATS)
    window = window_or_exit(since, until)
    with reading(db, neo4j) as store:
        graph = windowed_graph(store, store.to_networkx(), window)
    found = find_communities(graph, seed=seed, resolution=resolution)
    rows = [{"community": c["community"], "size": c["size"], **m} for c in found for m in c["members"]]
    emit(rows, fmt, columns=["community", "size", "name", "type", "degree", "id"], data=found,
         title=f"{len(found)} communities")


@app.command()
def brokers(
    since: Since = None,
    until: Until = None,
    db: Db = None,
    neo4j: Neo4j = None,
    fmt: Format = "table",
) -> None:
    """Brokers: actors whose removal splits the network (articulation points, with into how many
    pieces) and links that are the only connection between two parts (bridges).

    Example: graphkit brokers --format json
    """
    from graphkit.ask.analysis import brokers as find_brokers

    check_choice(fmt, FORMATS)
    window = window_or_exit(since, until)
    with reading(db, neo4j) as store:
        graph = windowed_graph(store, store.to_networkx(), window)
    found = find_brokers(graph)
    rows = [{"kind": "actor", "name": p["name"], "id": p["id"], "type": p["type"], "degree": p["degree"],
             "splits_into": p["splits_into"], "relations": None} for p in found["articulation_points"]]
    rows += [{"kind": "bridge", "name": f"{b['a']} -- {b['b']}", "id": f"{b['a_id']}|{b['b_id']}", "type": None,
              "degree": None, "splits_into": 2, "relations": b["relations"]} for b in found["bridges"]]
    emit(rows, fmt, columns=["kind", "name", "type", "degree", "splits_into", "relations", "id"], data=found,
         title=f"{len(found['articulation_points'])} broker actors, {len(found['bridges'])} bridges")
