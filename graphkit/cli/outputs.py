"""Commands that write the graph to files: ``export`` (Gephi, Cytoscape, spreadsheets) and ``viz`` (pictures).

Thin layers over :mod:`graphkit.views.export` and :mod:`graphkit.views.viz`.
"""
from __future__ import annotations

import os
import sqlite3
from typing import Optional

import typer

from graphkit.cli.app import app
from graphkit.cli.common import check_choice, check_relations, exit_with, find_actor, reading
from graphkit.cli.dates import window_or_exit
from graphkit.cli.options import Db, Neo4j, Relations, Since, Until


@app.command()
def export(
    fmt: str = typer.Option(..., "--format", "-f", help="graphml | gexf | csv | json | neo4j-import"),
    out: str = typer.Option(..., "--out", "-o", help="File to write (csv: a directory that gets actors.csv "
                            "and relationships.csv; neo4j-import: a directory that gets the import files)."),
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

    neo4j-import writes the node and relationship CSV files of `neo4j-admin database import full` from the
    embedded store: the same nodes, edges and properties `graphkit push` stores, for a first load of
    millions of relationships (`bash neo4j/run.sh import DIR` loads them into the development server).

    Example: graphkit export --format gexf --out network.gexf
    """
    from graphkit.ask.query import attach_first_evidence
    from graphkit.ask.window import windowed_graph
    from graphkit.views.export import EXPORT_FORMATS, export_graph

    check_choice(fmt, EXPORT_FORMATS + ("neo4j-import",), "export format")
    window = window_or_exit(since, until)
    if fmt == "neo4j-import":
        if window:
            exit_with("--since/--until do not apply to neo4j-import: it is a first load of the whole store")
        _export_neo4j_import(out, db, neo4j)
        return
    with reading(db, neo4j) as store:
        graph = attach_first_evidence(store, windowed_graph(store, store.to_networkx(), window), window)
    try:
        written = export_graph(graph, fmt, out)
    except OSError as exc:
        exit_with(f"{out}: cannot write ({exc.strerror or exc})")
    typer.echo(f"wrote {graph.number_of_nodes()} actors and {graph.number_of_edges()} relationships to "
               + ", ".join(written))


def _export_neo4j_import(out: str, db: Optional[str], neo4j: Optional[str]) -> None:
    from graphkit.store import SQLiteStore
    from graphkit.views.neo4j_import import write_import_files

    with reading(db, neo4j) as store:
        if not isinstance(store, SQLiteStore):
            exit_with("--format neo4j-import reads the embedded store (--db), not a Neo4j server", 2)
        try:
            written = write_import_files(store, out)
        except sqlite3.Error as exc:
            exit_with(f"{store.path}: cannot read the store ({exc})")
        except OSError as exc:
            exit_with(f"{out}: cannot write ({exc.strerror or exc})")
    typer.echo(f"wrote {written['actors']} actors, {written['relationships']} relationships and "
               f"{written['evidence']} evidence to {out} (load: bash neo4j/run.sh import {out})")


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
