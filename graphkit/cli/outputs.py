"""Commands that write the graph to files: ``export`` (Gephi, Cytoscape, spreadsheets) and ``viz`` (pictures).

Thin layers over :mod:`graphkit.views.export` and :mod:`graphkit.views.viz`.
"""
from __future__ import annotations

import os
from typing import Optional

import typer

from graphkit.cli.app import app
from graphkit.cli.common import check_choice, check_relations, exit_with, find_actor, reading
from graphkit.cli.dates import window_or_exit
from graphkit.cli.options import Db, Neo4j, Relations, Since, Until


@app.command()
def export(
    fmt: str = typer.Option(..., "--format", "-f", help="graphml | gexf | csv | json"),
    out: str = typer.Option(..., "--out", "-o", help="File to write (csv: a directory that gets actors.csv "
                            "and relationships.csv)."),
    since: Since = None,
    until: Until = None,
    db: Db = None,
    neo4j: Neo4j = None,
) -> None:
    """Export the whole graph for Gephi (gexf, graphml), Cytoscape (graphml, json) or spreadsheets (csv):
    nodes with name, type and aliases; edges with relation, articles, evidence count, hedged share,
    best confidence, first and last publication date (first_seen, last_seen; empty when no article
    of it is dated) and the first evidence sentence with its article (example, example_article,
    example_article_title). GEXF gives edges and actors start/end dates for Gephi's timeline.
    --since/--until export only what articles published in that window state.

    A file is written whole or not at all and is readable by you only (mode 0600, or stricter when
    your umask is). CSV cells that a spreadsheet would run as a formula start with a single quote.

    Example: graphkit export --format gexf --out network.gexf
    """
    from graphkit.views.export import EXPORT_FORMATS, export_graph

    from graphkit.ask.query import attach_first_evidence
    from graphkit.ask.window import windowed_graph

    check_choice(fmt, EXPORT_FORMATS, "export format")
    window = window_or_exit(since, until)
    with reading(db, neo4j) as store:
        graph = attach_first_evidence(store, windowed_graph(store, store.to_networkx(), window), window)
    try:
        written = export_graph(graph, fmt, out)
    except OSError as exc:
        exit_with(f"{out}: cannot write ({exc.strerror or exc})")
    typer.echo(f"wrote {graph.number_of_nodes()} actors and {graph.number_of_edges()} relationships to "
               + ", ".join(written))


@app.command()
def viz(
    actor: Optional[str] = typer.Argument(None, help="Draw only this actor's neighbourhood (id, name or alias)."),
    depth: int = typer.Option(1, "--depth", "-d", min=1, max=6, help="With ACTOR: hops around it."),
    out: str = typer.Option("network.html", "--out", "-o", help="network.html (interactive page), or a .png or "
                            ".svg picture for reports."),
    relation: Relations = [],
    evidence: int = typer.Option(5, min=0, help="Evidence sentences embedded per relationship in the page."),
    since: Since = None,
    until: Until = None,
    db: Db = None,
    neo4j: Neo4j = None,
) -> None:
    """Draw the network: an .html page that works offline (actors coloured by type and sized by
    degree, relations styled, hover or click for the evidence, a checkbox per relation, a search box),
    or a static .png/.svg for reports. Like an export, the file is readable by you only (0600).

    Example: graphkit viz "Quds Force" --depth 2 --out quds.html
    """
    from graphkit.ask.query import attach_examples, neighbourhood
    from graphkit.views.viz import write_html, write_image

    check_relations(relation)
    window = window_or_exit(since, until)
    suffix = os.path.splitext(out)[1].lower()
    if suffix not in (".html", ".htm", ".png", ".svg"):
        exit_with(f"{out}: give a .html, .png or .svg file")
    with reading(db, neo4j) as store:
        center = find_actor(store, actor) if actor else None
        graph = neighbourhood(store, center["id"] if center else None, depth=depth, relations=relation or None,
                              since=since, until=until)
        if suffix in (".html", ".htm") and evidence:
            attach_examples(store, graph, per=evidence, window=window)
    title = f"{center['name']}: {depth} hop(s)" if center else "graphkit network"
    try:
        written = write_html(graph, out, title=title) if suffix in (".html", ".htm") else \
            write_image(graph, out, title=title)
    except OSError as exc:
        exit_with(f"{out}: cannot write ({exc.strerror or exc})")
    typer.echo(f"wrote {written['nodes']} actors and {written['edges']} relationships to {written['path']}")
